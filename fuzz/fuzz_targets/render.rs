//! Fuzz target: every composer and exporter fed valid toolkits holding arbitrary text.
//!
//! A small synthetic toolkit gets arbitrary strings in a driver's title, summary, impact and key
//! features, a story and a meeting's agenda. If it still validates, the briefing is composed for
//! both audiences and rendered as Word, PDF and CSV: nothing may panic or fail.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use maptoolkit_briefing::{Audience, ExportOptions, Exporter, compose};
use maptoolkit_core::{Point, synthetic};

#[derive(Debug, Arbitrary)]
struct Input {
    seed: u8,
    title: String,
    summary: String,
    impact: Vec<String>,
    key_features: Vec<(String, Vec<String>)>,
    story_title: String,
    story: String,
    agenda_title: String,
    agenda_items: Vec<String>,
}

fuzz_target!(|input: Input| {
    let mut source = synthetic(2, u64::from(input.seed));
    let driver = &mut source.drivers[0].record;
    driver.title = input.title;
    driver.summary = input.summary;
    driver.impact = input.impact.into_iter().map(Point::new).collect();
    driver.key_features = input
        .key_features
        .into_iter()
        .map(|(text, children)| {
            Point::with_children(text, children.into_iter().map(Point::new).collect())
        })
        .collect();
    let story = &mut source.stories[0].record;
    story.title = input.story_title;
    story.story = input.story;
    let item = &mut source.meetings[0].record.agenda[0];
    item.title = input.agenda_title;
    item.items = input.agenda_items;
    let Ok(valid) = source.validate(None) else {
        return;
    };
    let exporters: [Box<dyn Exporter>; 3] = [
        Box::new(maptoolkit_docx::DocxExporter::default()),
        Box::new(maptoolkit_pdf::PdfExporter::default()),
        Box::new(maptoolkit_csv::CsvExporter::default()),
    ];
    for audience in [Audience::Public, Audience::Members] {
        let options = ExportOptions {
            audience,
            ..ExportOptions::as_of("2017-12-01".parse().expect("a date"))
        };
        let bundle = compose(&valid.toolkit, &options);
        for exporter in &exporters {
            if let Err(err) = exporter.export(&bundle) {
                panic!("{} failed on a valid toolkit: {err}", exporter.name());
            }
        }
    }
});
