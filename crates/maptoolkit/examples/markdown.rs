//! A third-party format through the whole pipeline: Markdown briefings beside the shipped
//! formats, written by [`maptoolkit::Export`] into an output folder.
//!
//! Run it with `cargo run -p maptoolkit --example markdown -- TOOLKIT OUT`.

use std::fmt::Write as _;
use std::process::ExitCode;

use maptoolkit::briefing::{
    Artifact, Block, Bundle, Document, ExportError, Exporter, ListItem, inline_text,
    render_each_document,
};

/// Writes each document as Markdown: headings, paragraphs, lists and label–value pairs.
#[derive(Debug)]
pub struct Markdown;

impl Exporter for Markdown {
    fn name(&self) -> &str {
        "markdown"
    }

    fn extension(&self) -> &str {
        "md"
    }

    fn export(&self, bundle: &Bundle) -> Result<Vec<Artifact>, ExportError> {
        render_each_document(bundle, self.extension(), |doc| {
            Ok(markdown(doc).into_bytes())
        })
    }
}

/// The Markdown of one document.
fn markdown(doc: &Document) -> String {
    let mut md = String::new();
    for block in &doc.blocks {
        match block {
            Block::Title(t) => {
                let _ = writeln!(md, "# {t}\n");
            }
            Block::Heading(h) => {
                let _ = writeln!(md, "{} {}\n", "#".repeat(usize::from(h.level) + 1), h.text);
            }
            Block::Paragraph(p) => {
                let _ = writeln!(md, "{}\n", inline_text(p));
            }
            Block::List(list) => {
                items(&mut md, &list.items, 0);
                md.push('\n');
            }
            Block::KeyValue(pairs) => {
                for pair in pairs {
                    let _ = writeln!(md, "- **{}:** {}", pair.key, inline_text(&pair.value));
                }
                md.push('\n');
            }
            _ => {}
        }
    }
    md
}

fn items(md: &mut String, items: &[ListItem], depth: usize) {
    for item in items {
        let _ = writeln!(md, "{}- {}", "  ".repeat(depth), inline_text(&item.content));
        self::items(md, &item.children, depth + 1);
    }
}

#[allow(
    dead_code,
    reason = "the pipeline test uses this file as a module, without its main"
)]
fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [toolkit, out] = args.as_slice() else {
        eprintln!("usage: markdown TOOLKIT OUT");
        return ExitCode::from(2);
    };
    let mut formats = maptoolkit::formats();
    formats
        .register(Box::new(Markdown))
        .expect("no shipped format is called markdown");
    let mut export = maptoolkit::Export::new(toolkit, out, maptoolkit::today());
    export.formats = vec!["markdown".to_string(), "csv".to_string()];
    match export.run(&formats, &maptoolkit::Quiet) {
        Ok(done) => {
            for file in &done.files {
                println!("wrote {}", done.out.join(file).display());
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}
