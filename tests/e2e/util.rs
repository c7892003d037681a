//! Shared helpers: the fixtures, a toolkit seeded with protected markers, and every format's
//! text as the independent readers of `maptoolkit_tests` see it.

use std::path::{Path, PathBuf};

use maptoolkit_briefing::{Artifact, Audience, Bundle, ExportOptions, Exporter, compose};
use maptoolkit_core::{
    Entry, IdeaCapture, MapStory, Point, Quote, Teleconference, Toolkit, testing,
};
use maptoolkit_tests::{all_parts, pandoc, pdfinfo, pdftotext, xlsx_dump};

/// The repository's fixtures folder.
pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures")
}

/// The fixtures, validated.
pub fn fixtures() -> Toolkit {
    maptoolkit_core::load(&fixtures_dir(), None)
        .expect("fixtures are valid")
        .toolkit
}

/// The base URL test sites are published under.
pub const BASE_URL: &str = "https://library.example.org/map/";

/// Options as of 1 December 2017 for an audience, with a base URL (so sites have a feed).
pub fn options(audience: Audience) -> ExportOptions {
    ExportOptions {
        audience,
        base_url: Some(BASE_URL.parse().unwrap()),
        ..ExportOptions::as_of("2017-12-01".parse().unwrap())
    }
}

/// Every exporter we ship.
pub fn exporters() -> Vec<Box<dyn Exporter>> {
    vec![
        Box::new(maptoolkit_docx::DocxExporter::default()),
        Box::new(maptoolkit_pdf::PdfExporter::default()),
        Box::new(maptoolkit_csv::CsvExporter::default()),
        Box::new(maptoolkit_xlsx::XlsxExporter),
        Box::new(maptoolkit_html::HtmlExporter),
    ]
}

/// Renders a toolkit for an audience in every format.
pub fn export_all(toolkit: &Toolkit, audience: Audience) -> Vec<(String, Artifact)> {
    let bundle: Bundle = compose(toolkit, &options(audience));
    exporters()
        .iter()
        .flat_map(|e| {
            let name = e.name().to_string();
            e.export(&bundle)
                .unwrap()
                .into_iter()
                .map(move |a| (name.clone(), a))
        })
        .collect()
}

/// A string placed in every protected field; it must never reach a public export.
pub const MARKER: &str = "SECRETMARKER";

/// The testing toolkit with the marker in every protected field: a protected meeting (title,
/// agenda, teleconference), the teleconference of a public meeting, a protected story and a
/// protected idea.
pub fn marked_toolkit() -> Toolkit {
    let mut source = testing::source();
    let m = |s: &str| format!("{s} {MARKER}");
    let secret_tele = Teleconference {
        dial_in: Some(m("+44 1")),
        access_code: Some(m("code")),
        notes: Some(m("notes")),
    };
    for entry in &mut source.meetings {
        entry.record.teleconference = Some(secret_tele.clone());
        if entry.record.protected {
            entry.record.title = m("Protected meeting");
            entry.record.agenda[0].title = m("Agenda item");
            entry.record.agenda[0].papers = vec![m("Paper")];
            entry.record.agenda[0].items = vec![m("Sub-item")];
        }
    }
    source.stories.push(Entry::new(
        "protected-story",
        MapStory {
            title: m("Story"),
            service: m("Service"),
            date: "2017-05".parse().unwrap(),
            team: Some(m("Team")),
            resources: Some(m("Resources")),
            timeframe: Some(m("Timeframe")),
            story: m("Story text"),
            drivers: vec!["developing-people".into()],
            themes: vec!["workforce".into()],
            impact: vec![Point::with_children(
                m("Impact"),
                vec![Point::new(m("Sub-impact"))],
            )],
            next_steps: Some(m("Next")),
            quote: Some(Quote {
                text: m("Quote"),
                by: m("By"),
            }),
            protected: true,
        },
    ));
    source.ideas.push(Entry::new(
        "protected-idea",
        IdeaCapture {
            title: m("Idea"),
            team: Some(m("Team")),
            resources: Some(m("Resources")),
            timeframe: Some(m("Timeframe")),
            description: m("Description"),
            drivers: vec!["developing-people".into()],
            intended_outcome: m("Outcome"),
            next_steps: Some(m("Next")),
            protected: true,
        },
    ));
    source
        .validate(None)
        .expect("marked toolkit is valid")
        .toolkit
}

/// Every text a format's file holds, as an independent reader sees it: CSV as decoded text, a
/// .docx as pandoc's plain text plus the raw XML of every part (so metadata counts too), a PDF as
/// poppler's extracted text plus its document information.
pub fn readable_text(format: &str, bytes: &[u8]) -> String {
    match format {
        "csv" => String::from_utf8(bytes.to_vec()).expect("CSV is UTF-8"),
        "docx" => format!("{}\n{}", pandoc(bytes, "plain"), all_parts(bytes)),
        "pdf" => format!("{}\n{}", pdftotext(bytes, &[]), pdfinfo(bytes, &[])),
        // A workbook: every value openpyxl reads, and the raw XML of every part.
        "xlsx" => format!("{}\n{}", xlsx_dump(bytes), all_parts(bytes)),
        // Pages, style sheet and feed are text; markup is escaped only where text holds
        // `&<>"'`, which markers do not.
        "html" => String::from_utf8(bytes.to_vec()).expect("the site is UTF-8"),
        other => panic!("no reader for {other}"),
    }
}

/// The repository's root.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Every `.docx` the fixtures give for both audiences: the briefing and each meeting pack.
pub fn fixture_docx() -> Vec<(String, Vec<u8>)> {
    [Audience::Public, Audience::Members]
        .into_iter()
        .flat_map(|audience| {
            export_all(&fixtures(), audience)
                .into_iter()
                .filter(|(format, _)| format == "docx")
                .map(move |(_, a)| {
                    (
                        format!("{}-{}", audience.as_str(), a.path.as_str()),
                        a.bytes,
                    )
                })
        })
        .collect()
}
