//! pandoc, the independent reader of Word files.

use crate::tool::{TempFile, run};

const INSTALL: &str = "install pandoc (apt-get install pandoc; .ci/run does)";

/// A .docx converted by `pandoc -f docx -t <to> --wrap=none`.
#[track_caller]
pub fn pandoc(docx: &[u8], to: &str) -> String {
    pandoc_with(docx, &["-t", to, "--wrap=none"])
}

/// A .docx read by pandoc with the given arguments after `-f docx` (`-s` for the metadata, say).
#[track_caller]
pub fn pandoc_with(docx: &[u8], args: &[&str]) -> String {
    let file = TempFile::new(docx, "document.docx");
    let mut before = vec!["-f", "docx"];
    before.extend_from_slice(args);
    run("pandoc", &before, file.path(), &[], INSTALL)
}
