//! The PDF briefing of the fixtures, checked with poppler and qpdf as a person's tools see it.

use maptoolkit_briefing::{Audience, Exporter, compose};
use maptoolkit_core::Point;
use maptoolkit_pdf::PdfExporter;

use crate::util::{fixtures, options};
use maptoolkit_tests::{assert_qpdf_clean, pdffonts, pdftotext, qpdf};

fn briefing_pdf() -> Vec<u8> {
    let bundle = compose(&fixtures(), &options(Audience::Public));
    let artifacts = PdfExporter::default().export(&bundle).unwrap();
    assert_eq!(artifacts[0].path.as_str(), "briefing.pdf");
    artifacts.into_iter().next().unwrap().bytes
}

/// Text without white space and hyphens, since a line may break after a hyphen and pdftotext
/// then joins the words without it.
fn squash(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect()
}

/// The text without the running header and footer, so a paragraph that a page break splits
/// reads on as one.
fn without_running_lines(text: &str) -> String {
    let header = fixtures().info().organisation.clone();
    text.lines()
        .filter(|line| {
            let line = line.trim();
            let footer = line
                .strip_prefix("Page ")
                .and_then(|rest| rest.split_once(" of "))
                .is_some_and(|(n, m)| n.parse::<u32>().is_ok() && m.parse::<u32>().is_ok());
            line != header && !footer
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn all_points(points: &[Point], out: &mut Vec<String>) {
    for p in points {
        out.push(p.text.clone());
        all_points(&p.children, out);
    }
}

#[test]
fn every_title_impact_point_and_key_feature_is_in_the_text() {
    let text = squash(&without_running_lines(&pdftotext(&briefing_pdf(), &[])));
    for driver in fixtures().drivers().values() {
        let mut wanted = vec![driver.title.clone()];
        all_points(&driver.impact, &mut wanted);
        all_points(&driver.key_features, &mut wanted);
        for w in wanted {
            assert!(text.contains(&squash(&w)), "missing from the PDF: {w}");
        }
    }
    for exact in [
        "1–3years’time",
        "“coherentnationalservice”",
        "‘knowledgebrokers’",
        "£5billion",
    ] {
        assert!(text.contains(exact), "{exact}");
    }
}

#[test]
fn qpdf_passes_and_every_font_is_embedded() {
    let pdf = briefing_pdf();
    assert_qpdf_clean(&pdf, "briefing.pdf");
    let fonts = pdffonts(&pdf);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty());
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        // name type encoding emb sub uni object ID: `emb` is the fourth column from the end but two.
        assert_eq!(cols[cols.len() - 5], "yes", "font not embedded: {row}");
    }
}

#[test]
fn the_outline_lists_every_driver() {
    let json = qpdf(&briefing_pdf(), &["--json", "--json-key=outlines"]);
    for driver in fixtures().drivers().values() {
        let escaped = driver.title.replace('"', "\\\"");
        // qpdf writes non-ASCII characters as they are in its UTF-8 JSON.
        assert!(
            json.contains(&format!("\"title\": \"{escaped}\"")),
            "outline lacks {}",
            driver.title
        );
    }
}

#[test]
fn no_text_runs_past_the_right_margin() {
    let bbox = pdftotext(&briefing_pdf(), &["-bbox"]);
    let page_width: f64 = bbox
        .split("<page width=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .and_then(|w| w.parse().ok())
        .expect("a page width");
    let mut words = 0;
    for x_max in bbox.split("xMax=\"").skip(1) {
        let x: f64 = x_max.split('"').next().unwrap().parse().unwrap();
        assert!(
            x <= page_width - 40.0,
            "a word ends at x = {x} on a page {page_width} wide"
        );
        words += 1;
    }
    assert!(words > 1000, "only {words} words");
}
