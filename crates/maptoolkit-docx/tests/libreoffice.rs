//! Converting a briefing to PDF with LibreOffice headless and checking its text survives.
//!
//! Needs `soffice` (Debian's `libreoffice-writer-nogui`) and `pdftotext` (`poppler-utils`);
//! `.ci/run` installs both.

mod common;

use std::process::Command;

use common::{SPECIAL, representative, temp_docx};
use maptoolkit_briefing::HouseStyle;

#[test]
fn libreoffice_converts_to_pdf_and_keeps_the_text() {
    let bytes = maptoolkit_docx::render(&representative(), &HouseStyle::default()).unwrap();
    let (dir, path) = temp_docx(&bytes);
    // A profile of its own, so a running LibreOffice or another test cannot interfere.
    let profile = format!(
        "-env:UserInstallation=file://{}/profile",
        dir.path().display()
    );
    let out = Command::new("soffice")
        .arg(&profile)
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(&path)
        .output()
        .expect("soffice is installed (apt-get install libreoffice-writer-nogui)");
    let pdf = dir.path().join("briefing.pdf");
    assert!(
        pdf.exists(),
        "soffice made no PDF: {}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let text = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is needed with LibreOffice");
    // pdftotext breaks lines where the layout does; compare with single spaces.
    let text = String::from_utf8(text.stdout).unwrap();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in [
        "Executive briefing: national drivers",
        "Developing People – Improving Care",
        "Impact on library services",
        "1 – 3 years’ time",
        "Health Education England Library Service",
        "Page 2 of 2",
        "Review schedule",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} not in PDF text:\n{text}"
        );
    }
    // The cover has its own, empty, header and footer.
    assert!(!text.contains("Page 1 of"), "{text}");
    // Everything but the emoji, which needs a colour font the machine may lack.
    for special in &SPECIAL[..5] {
        assert!(
            text.contains(special),
            "{special:?} not in PDF text:\n{text}"
        );
    }
}
