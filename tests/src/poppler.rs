//! poppler's tools and qpdf, the independent readers of PDF files.

use std::path::Path;

use crate::tool::{TempFile, run};

const INSTALL: &str = "install poppler-utils and qpdf (.ci/run does)";

/// A PDF's text as `pdftotext -enc UTF-8 <args>` extracts it (`-f 2 -l 2` for page 2,
/// `-layout`, `-bbox`).
#[track_caller]
pub fn pdftotext(pdf: &[u8], args: &[&str]) -> String {
    let file = TempFile::new(pdf, "document.pdf");
    pdftotext_file(file.path(), args)
}

/// [`pdftotext`] of a PDF already on disk.
#[track_caller]
pub fn pdftotext_file(path: &Path, args: &[&str]) -> String {
    let mut before = vec!["-enc", "UTF-8"];
    before.extend_from_slice(args);
    run("pdftotext", &before, path, &["-"], INSTALL)
}

/// What `pdfinfo -enc UTF-8 <args>` prints of a PDF (`-meta` for the XMP, `-struct-text` for
/// the structure tree).
#[track_caller]
pub fn pdfinfo(pdf: &[u8], args: &[&str]) -> String {
    let mut before = vec!["-enc", "UTF-8"];
    before.extend_from_slice(args);
    pdf_tool("pdfinfo", pdf, &before)
}

/// What `pdffonts` prints of a PDF: one row per font.
#[track_caller]
pub fn pdffonts(pdf: &[u8]) -> String {
    pdf_tool("pdffonts", pdf, &[])
}

/// What `qpdf <args>` prints of a PDF (`--json`, say).
#[track_caller]
pub fn qpdf(pdf: &[u8], args: &[&str]) -> String {
    pdf_tool("qpdf", pdf, args)
}

/// Fails unless `qpdf --check` finds the PDF free of syntax and stream errors.
#[track_caller]
pub fn assert_qpdf_clean(pdf: &[u8], name: &str) {
    let out = qpdf(pdf, &["--check"]);
    assert!(
        out.contains("No syntax or stream encoding errors"),
        "{name}: qpdf --check: {out}"
    );
}

#[track_caller]
fn pdf_tool(program: &str, pdf: &[u8], args: &[&str]) -> String {
    let file = TempFile::new(pdf, "document.pdf");
    run(program, args, file.path(), &[], INSTALL)
}
