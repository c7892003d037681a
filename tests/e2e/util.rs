//! Shared helpers: the fixtures, a toolkit seeded with protected markers, and readers for each
//! format that do not share code with our writers (the csv crate, zip + XML text, pandoc).

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use maptoolkit_briefing::{Artifact, Audience, Bundle, ExportOptions, Exporter, compose};
use maptoolkit_core::{
    Entry, IdeaCapture, MapStory, Point, Quote, Teleconference, Toolkit, testing,
};

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
        base_url: Some(BASE_URL.to_string()),
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
        "docx" => format!("{}\n{}", pandoc_plain(bytes), docx_parts(bytes)),
        "pdf" => format!("{}\n{}", pdftotext(bytes), pdfinfo(bytes)),
        // A workbook: every value openpyxl reads, and the raw XML of every part.
        "xlsx" => format!("{}\n{}", xlsx_dump(bytes), docx_parts(bytes)),
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

/// A workbook read back by openpyxl (`tests/tools/xlsx_dump.py`) as JSON: every sheet's name,
/// frozen panes, autofilter, column widths and cells with type, value, format, link and colours.
pub fn xlsx_dump(bytes: &[u8]) -> String {
    let file = tempfile::Builder::new().suffix(".xlsx").tempfile().unwrap();
    std::fs::write(file.path(), bytes).unwrap();
    let out = Command::new("python3")
        .arg(repo_root().join("tests/tools/xlsx_dump.py"))
        .arg(file.path())
        .output()
        .expect("python3 is installed");
    assert!(
        out.status.success(),
        "openpyxl could not read the workbook (.ci/run installs openpyxl): {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The XML of every part of a .docx (or any zip package), concatenated.
pub fn docx_parts(bytes: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a .docx is a zip");
    let mut all = String::new();
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).unwrap();
        let mut text = String::new();
        if part.read_to_string(&mut text).is_ok() {
            all.push_str(&text);
        }
    }
    all
}

/// A .docx converted by pandoc to the given format.
pub fn pandoc(bytes: &[u8], to: &str) -> String {
    let file = tempfile::Builder::new().suffix(".docx").tempfile().unwrap();
    std::fs::write(file.path(), bytes).unwrap();
    let out = Command::new("pandoc")
        .args(["-f", "docx", "-t", to, "--wrap=none"])
        .arg(file.path())
        .output()
        .expect("pandoc is installed (.ci/run installs it)");
    assert!(
        out.status.success(),
        "pandoc failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn pandoc_plain(bytes: &[u8]) -> String {
    pandoc(bytes, "plain")
}

/// Runs a poppler tool on a PDF and returns what it prints.
fn poppler(tool: &str, args: &[&str], bytes: &[u8]) -> String {
    let file = tempfile::Builder::new().suffix(".pdf").tempfile().unwrap();
    std::fs::write(file.path(), bytes).unwrap();
    let out = Command::new(tool)
        .args(args)
        .arg(file.path())
        .args(if tool == "pdftotext" {
            &["-"][..]
        } else {
            &[][..]
        })
        .output()
        .unwrap_or_else(|e| panic!("{tool} is installed (.ci/run installs poppler-utils): {e}"));
    assert!(
        out.status.success(),
        "{tool} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A PDF's text as `pdftotext` extracts it, in reading order.
pub fn pdftotext(bytes: &[u8]) -> String {
    poppler("pdftotext", &["-enc", "UTF-8"], bytes)
}

/// A PDF's document information (title, author, subject…) as `pdfinfo` prints it.
pub fn pdfinfo(bytes: &[u8]) -> String {
    poppler("pdfinfo", &["-enc", "UTF-8"], bytes)
}

/// The openxml-audit command: `$OPENXML_AUDIT` when set (`.ci/run` points it at the virtual
/// environment it installs the validator into), else `openxml-audit` on the `PATH`.
fn openxml_audit_command() -> String {
    std::env::var("OPENXML_AUDIT").unwrap_or_else(|_| "openxml-audit".to_string())
}

/// Checks `.docx` files (name, bytes) against the Microsoft 365 schema with the independent
/// validator openxml-audit, strict, and fails naming every file with errors and its first
/// errors. A missing validator fails too: it is never skipped.
///
/// All files are checked in one run of the validator (it is a Python program: starting it per
/// file would cost more than the checking).
#[track_caller]
pub fn assert_schema_valid(files: &[(String, Vec<u8>)]) {
    let dir = tempfile::tempdir().unwrap();
    for (i, (name, bytes)) in files.iter().enumerate() {
        let safe: String = name
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        std::fs::write(dir.path().join(format!("{i:03}-{safe}.docx")), bytes).unwrap();
    }
    let command = openxml_audit_command();
    let out = Command::new(&command)
        .args(["-f", "microsoft365", "--policy", "strict", "-m", "0", "-r"])
        .arg(dir.path())
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "{command} could not run ({e}): install it with `pip install openxml-audit` \
                 or run .ci/run, which installs it and sets OPENXML_AUDIT"
            )
        });
    let report = String::from_utf8_lossy(&out.stdout).into_owned();
    // The report is one block per file (named by a `File: …` line when there are several), each
    // ending in `Errors: N`.
    let mut failing = Vec::new();
    let mut checked = 0;
    let mut block: Vec<&str> = Vec::new();
    for line in report.lines() {
        block.push(line);
        if let Some(n) = line.strip_prefix("Errors: ") {
            checked += 1;
            if n.trim() != "0" {
                failing.push(
                    block
                        .iter()
                        .take(40)
                        .copied()
                        .collect::<Vec<_>>()
                        .join("\n"),
                );
            }
            block.clear();
        }
    }
    assert!(
        out.status.success() && failing.is_empty() && checked == files.len(),
        "openxml-audit (Microsoft 365, strict): {} of {} files have errors, {checked} checked; \
         the first errors:\n{}\n{}",
        failing.len(),
        files.len(),
        failing.join("\n\n"),
        String::from_utf8_lossy(&out.stderr)
    );
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

/// A .docx as LibreOffice lays it out and prints it to PDF (`soffice --headless`).
pub fn libreoffice_pdf(docx: &[u8]) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("document.docx");
    std::fs::write(&input, docx).unwrap();
    let profile = format!(
        "-env:UserInstallation=file://{}/profile",
        dir.path().display()
    );
    let out = Command::new("soffice")
        .arg(&profile)
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(&input)
        .output()
        .expect("soffice is installed (apt-get install libreoffice-writer-nogui)");
    std::fs::read(dir.path().join("document.pdf")).unwrap_or_else(|e| {
        panic!(
            "LibreOffice made no PDF ({e}): {}",
            String::from_utf8_lossy(&out.stderr)
        )
    })
}
