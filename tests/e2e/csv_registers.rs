//! CSV registers read back with the csv crate: every driver field round-trips.

use std::collections::BTreeMap;

use maptoolkit_briefing::{Audience, Exporter, compose};
use maptoolkit_core::{Driver, Point};
use maptoolkit_csv::CsvExporter;

use crate::util::{fixtures, options};

/// Reads a register into one map of column to cell per row.
fn read(bytes: &[u8]) -> Vec<BTreeMap<String, String>> {
    let mut reader = csv::Reader::from_reader(bytes);
    let headers = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|r| {
            headers
                .iter()
                .map(String::from)
                .zip(r.unwrap().iter().map(String::from))
                .collect()
        })
        .collect()
}

/// Parses the `• text` lines of a points cell back into nested points.
fn parse_points(cell: &str) -> Vec<Point> {
    fn take(lines: &[(usize, String)], i: &mut usize, depth: usize) -> Vec<Point> {
        let mut out = Vec::new();
        while *i < lines.len() && lines[*i].0 == depth {
            let text = lines[*i].1.clone();
            *i += 1;
            let children = take(lines, i, depth + 1);
            out.push(Point { text, children });
        }
        out
    }
    let lines: Vec<(usize, String)> = cell
        .lines()
        .map(|l| {
            let indent = l.len() - l.trim_start_matches(' ').len();
            (
                indent / 2,
                l.trim_start_matches(' ')
                    .strip_prefix("• ")
                    .expect("a bullet")
                    .to_string(),
            )
        })
        .collect();
    take(&lines, &mut 0, 0)
}

fn split_list(cell: &str) -> Vec<String> {
    if cell.is_empty() {
        vec![]
    } else {
        cell.split("; ").map(String::from).collect()
    }
}

fn opt(cell: &str) -> Option<String> {
    (!cell.is_empty()).then(|| cell.to_string())
}

#[test]
fn every_driver_field_round_trips_through_drivers_csv() {
    let toolkit = fixtures();
    let bundle = compose(&toolkit, &options(Audience::Public));
    let artifacts = CsvExporter::default().export(&bundle).unwrap();
    let names: Vec<&str> = artifacts.iter().map(|a| a.path.as_str()).collect();
    assert_eq!(
        names,
        [
            "drivers.csv",
            "review.csv",
            "stories.csv",
            "ideas.csv",
            "meetings.csv"
        ]
    );

    let rows = read(&artifacts[0].bytes);
    assert_eq!(rows.len(), toolkit.drivers().len());
    for row in rows {
        let back = Driver {
            title: row["title"].clone(),
            alternative_titles: split_list(&row["alternative_titles"]),
            source: row["source"].clone(),
            link: opt(&row["link"]),
            publication_format: opt(&row["publication_format"]),
            published: opt(&row["published"]).map(|d| d.parse().unwrap()),
            last_updated: opt(&row["last_updated"]).map(|d| d.parse().unwrap()),
            review_due: opt(&row["review_due"]).map(|d| d.parse().unwrap()),
            primary_audience: opt(&row["primary_audience"]),
            owner: opt(&row["owner"]),
            level: opt(&row["level"]).map(|l| serde_plain(&l)),
            archived: row["archived"] == "true",
            draft: false,
            protected: false,
            themes: split_list(&row["themes"]),
            headline: opt(&row["headline"]),
            summary: row["summary"].clone(),
            impact: parse_points(&row["impact"]),
            key_features: parse_points(&row["key_features"]),
        };
        let mut original = toolkit.drivers()[&row["slug"]].clone();
        original.summary = original.summary.trim().to_string();
        assert_eq!(back, original, "{}", row["slug"]);
    }
}

fn serde_plain(level: &str) -> maptoolkit_core::Level {
    match level {
        "national" => maptoolkit_core::Level::National,
        "regional" => maptoolkit_core::Level::Regional,
        "local" => maptoolkit_core::Level::Local,
        other => panic!("unknown level {other}"),
    }
}

#[test]
fn review_register_gives_status_as_of_the_date() {
    let bundle = compose(&fixtures(), &options(Audience::Public));
    let review = CsvExporter::default().export(&bundle).unwrap().remove(1);
    let text = String::from_utf8(review.bytes).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("slug,title,owner,owner_name,review_due,status,missing,as_of")
    );
    assert!(text.contains("nhs-library-and-knowledge-services-in-england,NHS Library and Knowledge Services in England,VT,Victoria Treadway,2018-01-11,due_soon,,2017-12-01"));
}

#[test]
fn drafts_and_unowned_drivers_are_in_the_review_register_only() {
    let mut source = maptoolkit_core::testing::source();
    let mut draft = source.drivers[0].record.clone();
    draft.title = "Topol Review".to_string();
    draft.draft = true;
    draft.published = None;
    draft.owner = None;
    draft.impact.clear();
    source
        .drivers
        .push(maptoolkit_core::Entry::new("topol-review", draft));
    source.drivers[0].record.primary_audience = None;
    let toolkit = source.validate(None).unwrap().toolkit;
    let bundle = compose(&toolkit, &options(Audience::Members));
    let artifacts = CsvExporter::default().export(&bundle).unwrap();
    let review = read(&artifacts[1].bytes);
    let by_slug = |slug: &str| review.iter().find(|r| r["slug"] == slug).unwrap();
    let draft = by_slug("topol-review");
    assert_eq!(draft["status"], "draft");
    assert_eq!(draft["owner"], "");
    assert_eq!(draft["owner_name"], "");
    assert_eq!(draft["missing"], "published; impact; owner");
    let current = by_slug("developing-people");
    assert_eq!(current["owner_name"], "F G");
    assert_eq!(current["missing"], "primary_audience");
    let drivers = read(&artifacts[0].bytes);
    assert!(drivers.iter().all(|r| r["slug"] != "topol-review"));
    let briefing = bundle.documents[0].document.text_lines().join("\n");
    assert!(!briefing.contains("Topol Review"), "{briefing}");
    assert!(briefing.contains("Not recorded"), "{briefing}");
}

#[test]
fn cells_that_could_start_a_formula_are_neutralised() {
    let mut source = maptoolkit_core::testing::source();
    let dangerous = ["=cmd|' /C calc'!A0", "+1", "-1", "@SUM(1)", "\t=1", "\r=1"];
    for (i, bad) in dangerous.iter().enumerate() {
        let mut driver = source.drivers[0].record.clone();
        driver.title = bad.to_string();
        source
            .drivers
            .push(maptoolkit_core::Entry::new(format!("bad-{i}"), driver));
    }
    let toolkit = source.validate(None).unwrap().toolkit;
    let bundle = compose(&toolkit, &options(Audience::Public));
    let drivers = CsvExporter::default().export(&bundle).unwrap().remove(0);
    let rows = read(&drivers.bytes);
    for (i, bad) in dangerous.iter().enumerate() {
        let row = rows
            .iter()
            .find(|r| r["slug"] == format!("bad-{i}"))
            .unwrap();
        assert_eq!(row["title"], format!("'{bad}"));
    }
}

#[test]
fn bom_is_optional() {
    let bundle = compose(&fixtures(), &options(Audience::Public));
    let plain = CsvExporter { bom: false }.export(&bundle).unwrap();
    let excel = CsvExporter { bom: true }.export(&bundle).unwrap();
    assert!(plain[0].bytes.starts_with(b"slug,title"));
    assert_eq!(&excel[0].bytes[..3], maptoolkit_csv::UTF8_BOM);
    assert_eq!(&excel[0].bytes[3..], &plain[0].bytes[..]);
}

/// What LibreOffice Calc shows in the first two rows of a CSV file it converts to a workbook
/// (read back with openpyxl), importing with `infilter` or, if `None`, its default import.
fn libreoffice_rows(csv: &[u8], infilter: Option<&str>) -> Vec<Vec<String>> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("drivers.csv");
    std::fs::write(&path, csv).unwrap();
    let mut soffice = std::process::Command::new("soffice");
    soffice.arg(format!(
        "-env:UserInstallation=file://{}/profile",
        dir.path().display()
    ));
    soffice.arg("--headless");
    if let Some(filter) = infilter {
        soffice.arg(format!("--infilter={filter}"));
    }
    let out = soffice
        .args(["--convert-to", "xlsx", "--outdir"])
        .arg(dir.path().join("out"))
        .arg(&path)
        .output()
        .expect("soffice is installed (.ci/run installs LibreOffice Calc)");
    let xlsx = std::fs::read(dir.path().join("out/drivers.xlsx")).unwrap_or_else(|_| {
        panic!(
            "LibreOffice Calc did not convert the CSV: {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let book: serde_json::Value =
        serde_json::from_str(&maptoolkit_tests::xlsx_dump(&xlsx)).unwrap();
    book["sheets"][0]["rows"].as_array().unwrap()[..2]
        .iter()
        .map(|row| {
            row.as_array()
                .unwrap()
                .iter()
                .map(|c| c["value"].as_str().unwrap_or_default().to_string())
                .collect()
        })
        .collect()
}

#[test]
fn libreoffice_reads_dashes_and_curly_quotes_right_once_utf8_is_chosen() {
    let registers = maptoolkit_briefing::compose_registers(
        &fixtures(),
        &crate::util::options(maptoolkit_briefing::Audience::Public),
    );
    let drivers = registers.iter().find(|r| r.name == "drivers").unwrap();
    let title = "Developing People – Improving Care: A national framework for action on improvement and leadership development in NHS-funded services.";
    let mut one = drivers.clone();
    one.table.rows.retain(|r| r[1] == title);
    assert_eq!(one.table.rows.len(), 1);
    for bom in [false, true] {
        let csv = maptoolkit_csv::render(&one, bom).unwrap();
        // Calc's default import (headless, as in a script) takes the file as Windows-1252
        // whether or not it starts with a byte-order mark (LibreOffice 7.4): so the mark is no
        // fix there, and the README says to choose UTF-8 or use the workbook.
        let default = libreoffice_rows(&csv, None);
        assert!(default[1][1].contains("â€“"), "{bom}: {default:?}");
        // Chosen as UTF-8 (what the import dialog offers), both read right, and the mark does
        // not become part of the first column's name.
        let utf8 = libreoffice_rows(&csv, Some("CSV:44,34,76"));
        assert_eq!(utf8[0][0], "slug", "{bom}");
        assert_eq!(utf8[1][1], title, "{bom}");
        assert!(
            utf8[1]
                .iter()
                .any(|cell| cell.contains("1 – 3 years’ time")),
            "{bom}: {:?}",
            utf8[1]
        );
    }
}
