//! One briefing of two chosen drivers, titled in code, written as PDF and as plain text (a format
//! of the program's own). Run it: `cargo run --example one_briefing -- fixtures OUT`.

use maptoolkit::briefing::{Artifact, Audience, Bundle, ExportError, ExportOptions, Exporter};
use maptoolkit::briefing::{compose_briefing, render_each_document};
use maptoolkit::core::Briefing;

/// Plain text: every line a person reads, in reading order.
struct Text;

impl Exporter for Text {
    fn name(&self) -> &str {
        "text"
    }

    fn extension(&self) -> &str {
        "txt"
    }

    fn export(&self, bundle: &Bundle) -> Result<Vec<Artifact>, ExportError> {
        render_each_document(bundle, self.extension(), |doc| {
            Ok((doc.text_lines().join("\n") + "\n").into_bytes())
        })
    }
}

fn main() -> std::process::ExitCode {
    let Err(e) = run() else { return 0.into() };
    eprintln!("error: {e}"); // a toolkit's report shows every problem with its place
    1.into()
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [toolkit, out] = args.as_slice() else {
        return Err("usage: one_briefing TOOLKIT OUT".into());
    };
    let options = ExportOptions::as_of(maptoolkit::today());
    let toolkit = maptoolkit::core::load(toolkit.as_ref(), Some(options.as_of))?.toolkit;
    let briefing = Briefing::new("Two drivers for the Board", Audience::Public, options.as_of)
        .readers("Trust Board")
        .drivers(["carter-review", "five-year-forward-view"])
        .summary("Two national drivers that shape our library service.");
    let document = compose_briefing(&toolkit, &briefing, &options)?;
    let pdf = maptoolkit::pdf::PdfExporter::default();
    for file in maptoolkit::write_document("board", document, &[&pdf, &Text], out.as_ref())? {
        println!("wrote {}", file.display());
    }
    Ok(())
}
