//! LibreOffice, headless: how another office suite lays out and opens our files.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::tool::TempFile;

/// A .docx as LibreOffice lays it out and prints it to PDF.
#[track_caller]
pub fn libreoffice_pdf(docx: &[u8]) -> Vec<u8> {
    let file = TempFile::new(docx, "document.docx");
    let out = file.dir().join("converted");
    let pdfs = convert_to_pdf(&[file.path().to_path_buf()], &out);
    std::fs::read(&pdfs[0]).unwrap()
}

/// Converts files on disk to PDF in one run of LibreOffice, into `out`, and returns the PDFs in
/// the order of `files`, failing the test naming any file LibreOffice could not open.
#[track_caller]
pub fn convert_to_pdf(files: &[PathBuf], out: &Path) -> Vec<PathBuf> {
    let profile = tempfile::tempdir().unwrap();
    // A profile of its own, so a running LibreOffice or another test cannot interfere.
    let result = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.path().display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(out)
        .args(files)
        .output()
        .unwrap_or_else(|e| {
            panic!("cannot run soffice ({e}): apt-get install libreoffice-writer-nogui")
        });
    files
        .iter()
        .map(|file| {
            let pdf = out.join(file.with_extension("pdf").file_name().unwrap());
            assert!(
                pdf.exists(),
                "LibreOffice could not open {}: {}{}",
                file.display(),
                String::from_utf8_lossy(&result.stdout),
                String::from_utf8_lossy(&result.stderr)
            );
            pdf
        })
        .collect()
}
