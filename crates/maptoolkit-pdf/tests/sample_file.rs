//! Writes the sample briefing to `$CARGO_TARGET_TMPDIR/sample.pdf`, for looking at it with
//! `pdftoppm -png -r 50`.
mod common;

#[test]
fn write_sample_for_inspection() {
    let pdf = maptoolkit_pdf::render(&common::sample(), &Default::default()).unwrap();
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"));
    std::fs::write(dir.join("sample.pdf"), &pdf).unwrap();
    assert!(pdf.len() > 1000);
}
