//! Converting a briefing to PDF with LibreOffice headless and checking its text survives.
//!
//! Needs `soffice` (Debian's `libreoffice-writer-nogui`) and `pdftotext` (`poppler-utils`);
//! `.ci/run` installs both.

use maptoolkit_briefing::HouseStyle;
use maptoolkit_tests::{libreoffice_pdf, pdftotext};

use crate::model::{SPECIAL, representative};

#[test]
fn libreoffice_converts_to_pdf_and_keeps_the_text() {
    let bytes = maptoolkit_docx::render(&representative(), &HouseStyle::default()).unwrap();
    let text = pdftotext(&libreoffice_pdf(&bytes), &[]);
    // pdftotext breaks lines where the layout does; compare with single spaces.
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
