//! Every generated document opens in the tools people use: each .docx converts in LibreOffice
//! and reads in pandoc, and each PDF passes `qpdf --check`.

use std::process::Command;

use maptoolkit_briefing::Audience;

use crate::util::{export_all, fixtures, pandoc};

#[test]
fn every_document_opens_in_libreoffice_pandoc_and_qpdf() {
    let dir = tempfile::tempdir().unwrap();
    let mut docx_files = Vec::new();
    for audience in [Audience::Public, Audience::Members] {
        for (format, artifact) in export_all(&fixtures(), audience) {
            let name = format!(
                "{}-{}",
                audience.as_str(),
                artifact.path.as_str().replace('/', "-")
            );
            let path = dir.path().join(&name);
            std::fs::write(&path, &artifact.bytes).unwrap();
            match format.as_str() {
                "docx" => {
                    assert!(
                        !pandoc(&artifact.bytes, "plain").trim().is_empty(),
                        "{name}"
                    );
                    docx_files.push(path);
                }
                "pdf" => {
                    let out = Command::new("qpdf")
                        .arg("--check")
                        .arg(&path)
                        .output()
                        .expect("qpdf is installed");
                    assert!(
                        out.status.success(),
                        "{name}: {}",
                        String::from_utf8_lossy(&out.stdout)
                    );
                }
                _ => {}
            }
        }
    }
    assert_eq!(
        docx_files.len(),
        6,
        "public: the briefing and the unprotected meeting's pack; members: the briefing and all three packs: {docx_files:?}"
    );
    let profile = format!(
        "-env:UserInstallation=file://{}/profile",
        dir.path().display()
    );
    let converted = dir.path().join("converted");
    let out = Command::new("soffice")
        .arg(&profile)
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&converted)
        .args(&docx_files)
        .output()
        .expect("soffice is installed (apt-get install libreoffice-writer-nogui)");
    for docx in &docx_files {
        let pdf = converted.join(docx.with_extension("pdf").file_name().unwrap());
        assert!(
            pdf.exists(),
            "LibreOffice could not open {}: {}",
            docx.display(),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
