//! Briefing definitions (`briefings/<slug>.toml`) as board papers, read back from Word (pandoc)
//! and PDF (poppler): the drivers each selects, the summary page, the members' marking on every
//! page, protection, and review statuses in colour.

use maptoolkit_briefing::{
    Audience, Bundle, ExportOptions, Exporter, MEMBERS_MARKING, NamedDocument, compose,
};
use maptoolkit_docx::DocxExporter;
use maptoolkit_pdf::PdfExporter;

use crate::util::{fixtures, options};
use maptoolkit_tests::{all_parts, assert_schema_valid, libreoffice_pdf, pandoc, pdftotext};

/// The trust board paper of the fixtures: three drivers, in the order the definition gives.
const BOARD: &str = "briefings/trust-board-2017-12";
/// The fixtures' protected briefing definition.
const PROTECTED: &str = "briefings/transformation-update";
const PROTECTED_TITLE: &str = "Transformation drivers: update for the toolkit group";

/// Every fixture driver's title, by slug.
fn titles() -> Vec<(String, String)> {
    fixtures()
        .drivers()
        .iter()
        .map(|(slug, d)| (slug.clone(), d.title.clone()))
        .collect()
}

/// Text with every run of white space made one space, so lines a format wraps read on.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The document at `path` (without extension) of a bundle.
fn document<'a>(bundle: &'a Bundle, path: &str) -> &'a NamedDocument {
    bundle
        .documents
        .iter()
        .find(|d| d.path.as_str() == path)
        .unwrap_or_else(|| panic!("no document {path}"))
}

/// One document of a bundle rendered by `exporter`.
fn render(exporter: &dyn Exporter, bundle: &Bundle, path: &str) -> Vec<u8> {
    let one = Bundle {
        documents: vec![document(bundle, path).clone()],
        ..Bundle::default()
    };
    let mut artifacts = exporter.export(&one).unwrap();
    assert_eq!(artifacts.len(), 1);
    artifacts.remove(0).bytes
}

/// The board paper as text read back from each format: the model, Word through pandoc, PDF
/// through pdftotext.
fn read_back(bundle: &Bundle, path: &str) -> Vec<(&'static str, String)> {
    let model = document(bundle, path).document.text_lines().join("\n");
    let docx = pandoc(&render(&DocxExporter::default(), bundle, path), "plain");
    let pdf = pdftotext(&render(&PdfExporter::default(), bundle, path), &[]);
    vec![
        ("model", flat(&model)),
        ("docx", flat(&docx)),
        ("pdf", flat(&pdf)),
    ]
}

#[test]
fn a_definition_selects_exactly_its_drivers_in_order_in_every_format() {
    let bundle = compose(&fixtures(), &options(Audience::Public));
    let titles = titles();
    let title = |slug: &str| flat(&titles.iter().find(|(s, _)| s == slug).unwrap().1);
    let chosen = [
        "carter-review",
        "five-year-forward-view",
        "developing-people-improving-care",
    ];
    for (format, text) in read_back(&bundle, BOARD) {
        // The driver sections follow the "Drivers" heading, in the definition's order.
        let sections = text
            .rfind("At a glance")
            .map(|at| &text[at..])
            .unwrap_or_else(|| panic!("{format}: no At a glance"));
        let mut last = 0;
        for slug in chosen {
            let at = sections[last..]
                .find(&title(slug))
                .unwrap_or_else(|| panic!("{format}: {slug} missing or out of order"));
            last += at + 1;
        }
        for (slug, _) in titles.iter().filter(|(s, _)| !chosen.contains(&s.as_str())) {
            assert!(
                !text.contains(&title(slug)),
                "{format}: {slug} is not in the definition but is in the briefing"
            );
        }
    }
}

#[test]
fn the_summary_carries_the_recommendations_and_the_overdue_reviews_by_name() {
    // On 1 June 2018 the review of Developing People (due February 2018) is overdue.
    let options = ExportOptions {
        audience: Audience::Public,
        ..ExportOptions::as_of("2018-06-01".parse().unwrap())
    };
    let toolkit = fixtures();
    let bundle = compose(&toolkit, &options);
    let definition = &toolkit.briefings()["trust-board-2017-12"];
    let overdue = flat(&toolkit.drivers()["developing-people-improving-care"].title);
    for (format, text) in read_back(&bundle, BOARD) {
        let start = text.find("Summary").expect("a summary");
        let end = start + text[start..].find("Contents").expect("contents after it");
        let summary = &text[start..end];
        assert!(summary.contains("Purpose: For decision"), "{format}");
        for r in &definition.recommendations {
            assert!(summary.contains(&flat(r)), "{format}: {r}\n{summary}");
        }
        let reviews = &summary[summary.find("Reviews overdue or due").expect(format)..];
        assert!(reviews.contains(&overdue), "{format}: {reviews}");
        assert!(reviews.contains("FG"), "{format}: the owner");
        assert!(reviews.contains("Overdue"), "{format}: the status");
    }
    // In the PDF the summary starts on the page after the cover.
    let pdf = pdftotext(&render(&PdfExporter::default(), &bundle, BOARD), &[]);
    let pages: Vec<&str> = pdf.split('\u{c}').collect();
    assert!(!pages[0].contains("Recommendations"), "the cover");
    assert!(flat(pages[1]).contains("Summary Purpose: For decision"));
    assert!(pages[1].contains("Recommendations"));
}

#[test]
fn the_members_marking_is_on_every_page_of_every_members_document_and_no_public_one() {
    let toolkit = fixtures();
    for audience in [Audience::Members, Audience::Public] {
        let bundle = compose(&toolkit, &options(audience));
        let members = audience == Audience::Members;
        for artifact in PdfExporter::default().export(&bundle).unwrap() {
            let text = pdftotext(&artifact.bytes, &[]);
            let pages: Vec<&str> = text
                .split('\u{c}')
                .filter(|p| !p.trim().is_empty())
                .collect();
            assert!(!pages.is_empty());
            for (i, page) in pages.iter().enumerate() {
                assert_eq!(
                    page.contains(MEMBERS_MARKING),
                    members,
                    "{} ({}): page {}",
                    artifact.path,
                    audience.as_str(),
                    i + 1
                );
            }
        }
        for artifact in DocxExporter::default().export(&bundle).unwrap() {
            let parts = all_parts(&artifact.bytes);
            let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&artifact.bytes)).unwrap();
            for part in ["word/header1.xml", "word/footer1.xml", "word/document.xml"] {
                let mut xml = String::new();
                std::io::Read::read_to_string(&mut zip.by_name(part).unwrap(), &mut xml).unwrap();
                // The cover has no running header: the marking stands in its text.
                assert_eq!(
                    xml.contains(MEMBERS_MARKING),
                    members,
                    "{} ({}): {part}",
                    artifact.path,
                    audience.as_str()
                );
            }
            assert_eq!(parts.contains(MEMBERS_MARKING), members);
        }
        // As Word lays it out (LibreOffice standing in): every page of the board paper.
        let docx = render(&DocxExporter::default(), &bundle, BOARD);
        let pdf = libreoffice_pdf(&docx);
        let text = pdftotext(&pdf, &[]);
        let pages: Vec<&str> = text
            .split('\u{c}')
            .filter(|p| !p.trim().is_empty())
            .collect();
        assert!(pages.len() > 3);
        for (i, page) in pages.iter().enumerate() {
            assert_eq!(
                page.contains(MEMBERS_MARKING),
                members,
                "Word board paper ({}): page {}",
                audience.as_str(),
                i + 1
            );
        }
    }
}

#[test]
fn a_protected_briefing_never_reaches_public_output() {
    let toolkit = fixtures();
    assert!(toolkit.briefings()["transformation-update"].protected);
    let members = compose(&toolkit, &options(Audience::Members));
    assert!(
        members
            .documents
            .iter()
            .any(|d| d.path.as_str() == PROTECTED)
    );
    let public = compose(&toolkit, &options(Audience::Public));
    assert!(
        public
            .documents
            .iter()
            .all(|d| d.path.as_str() != PROTECTED)
    );
    for (format, artifact) in crate::util::export_all(&toolkit, Audience::Public) {
        assert!(
            !artifact.path.as_str().contains("transformation-update"),
            "{format}: {}",
            artifact.path
        );
        let text = crate::util::readable_text(&format, &artifact.bytes);
        assert!(
            !flat(&text).contains(PROTECTED_TITLE),
            "{format}: {} names the protected briefing",
            artifact.path
        );
    }
}

#[test]
fn review_statuses_are_coloured_in_word_beside_their_words() {
    let options = ExportOptions {
        audience: Audience::Public,
        ..ExportOptions::as_of("2018-06-01".parse().unwrap())
    };
    let bundle = compose(&fixtures(), &options);
    let docx = render(&DocxExporter::default(), &bundle, BOARD);
    let xml = all_parts(&docx);
    // Overdue: white bold words on NHS red, in the summary's table, the register and the key
    // facts of the driver.
    let red = maptoolkit_briefing::ReviewRag::Red;
    let cell = format!("w:fill=\"{}\"", red.fill().hex());
    let words = format!("<w:b/><w:bCs/><w:color w:val=\"{}\"/>", red.text().hex());
    assert!(
        xml.matches(&cell).count() >= 3,
        "{}",
        xml.matches(&cell).count()
    );
    assert!(xml.contains(&words), "bold white words");
    let green = maptoolkit_briefing::ReviewRag::Green.fill().hex();
    assert!(
        xml.contains(&format!("w:fill=\"{green}\"")),
        "current reviews in green"
    );
}

/// The alternative texts of a PDF's figures, read from its objects as qpdf writes them
/// uncompressed (literal strings only: our texts here are ASCII).
fn pdf_figure_alts(pdf: &[u8]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let (input, output) = (dir.path().join("in.pdf"), dir.path().join("out.pdf"));
    std::fs::write(&input, pdf).unwrap();
    let status = std::process::Command::new("qpdf")
        .args(["--qdf", "--object-streams=disable"])
        .arg(&input)
        .arg(&output)
        .status()
        .expect("qpdf is installed");
    assert!(status.success());
    let text = String::from_utf8_lossy(&std::fs::read(output).unwrap()).into_owned();
    let mut alts = Vec::new();
    for (at, _) in text.match_indices("/Alt (") {
        let mut alt = String::new();
        let mut chars = text[at + 6..].chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => alt.extend(chars.next()),
                ')' => break,
                c => alt.push(c),
            }
        }
        alts.push(alt);
    }
    alts
}

#[test]
fn charts_carry_alternative_text_with_the_numbers_in_word_and_pdf() {
    let options = ExportOptions {
        audience: Audience::Public,
        ..ExportOptions::as_of("2018-06-01".parse().unwrap())
    };
    let bundle = compose(&fixtures(), &options);
    let charts: Vec<&maptoolkit_briefing::Chart> = document(&bundle, "briefing")
        .document
        .blocks
        .iter()
        .filter_map(|b| match b {
            maptoolkit_briefing::Block::Chart(c) => Some(c),
            _ => None,
        })
        .collect();
    let titles: Vec<&str> = charts.iter().map(|c| c.title.as_str()).collect();
    assert_eq!(titles, ["Drivers by theme", "Reviews by status"]);
    // The numbers: Transformation has three drivers; two reviews are overdue on 1 June 2018.
    assert!(charts[0].description.contains("Transformation 3"));
    assert!(
        charts[0]
            .description
            .contains("Accountable Care Organisations 1")
    );
    assert!(
        charts[1]
            .description
            .contains("Overdue 2, Due within 90 days 0, Current 3, No review date 0")
    );
    for c in &charts {
        for bar in &c.bars {
            assert!(
                c.description
                    .contains(&format!("{} {}", bar.label, bar.value)),
                "{}: {}",
                c.title,
                bar.label
            );
        }
    }

    let pdf = render(&PdfExporter::default(), &bundle, "briefing");
    let alts = pdf_figure_alts(&pdf);
    let descriptions: Vec<&str> = charts.iter().map(|c| c.description.as_str()).collect();
    assert_eq!(
        alts, descriptions,
        "one tagged Figure per chart, with its text"
    );

    let docx = render(&DocxExporter::default(), &bundle, "briefing");
    let xml = all_parts(&docx);
    for (n, c) in charts.iter().enumerate() {
        assert!(
            xml.contains(&format!(
                "<wp:docPr id=\"{}\" name=\"Chart {}: {}\" descr=\"{}\"",
                n + 1,
                n + 1,
                c.title,
                c.description
            )),
            "wp:docPr/@descr of {}",
            c.title
        );
        // The chart part holds the same numbers.
        for bar in &c.bars {
            assert!(xml.contains(&format!("<c:v>{}</c:v>", bar.value)));
        }
    }
    assert_schema_valid(&[("briefing.docx".to_string(), docx)]);
}

#[test]
fn a_chart_of_forty_long_named_themes_wraps_its_labels_and_shows_zeros() {
    use maptoolkit_briefing::{Bar, Block, Chart, Document, Metadata, Timestamp};
    let bars: Vec<Bar> = (0..40)
        .map(|i| Bar {
            label: format!("Theme {i} with a long name that has to wrap over two lines at least"),
            value: i % 4,
            colour: None,
        })
        .collect();
    let description = format!(
        "Drivers by theme: {}.",
        bars.iter()
            .map(|b| format!("{} {}", b.label, b.value))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let doc = Document {
        meta: Metadata {
            title: "Many themes".into(),
            subject: String::new(),
            author: "NHS Library Service".into(),
            language: "en-GB".into(),
            as_of: "2018-06-01".into(),
            created: Timestamp::from_date(2018, 6, 1).unwrap(),
            marking: None,
        },
        blocks: vec![Block::Chart(Chart {
            title: "Drivers by theme".into(),
            description: description.clone(),
            bars,
        })],
    };
    let bundle = Bundle {
        documents: vec![NamedDocument {
            path: maptoolkit_briefing::ArtifactPath::new(&["many"]),
            document: doc,
        }],
        ..Bundle::default()
    };
    let pdf = render(&PdfExporter::default(), &bundle, "many");
    let text = flat(&pdftotext(&pdf, &[]));
    for i in 0..40 {
        assert!(text.contains(&format!("Theme {i} with a long name")), "{i}");
    }
    assert!(
        pdftotext(&pdf, &[]).lines().any(|l| l.trim() == "0"),
        "zero bars are labelled 0"
    );
    assert_eq!(pdf_figure_alts(&pdf), [description]);
    let docx = render(&DocxExporter::default(), &bundle, "many");
    assert_schema_valid(&[("many.docx".to_string(), docx)]);
}

#[test]
fn a_long_briefing_keeps_its_register_as_an_appendix_the_summary_links_to() {
    let toolkit = maptoolkit_core::synthetic(30, 1)
        .validate(None)
        .expect("the synthetic toolkit is valid")
        .toolkit;
    let bundle = compose(&toolkit, &options(Audience::Public));
    let lines = document(&bundle, "briefing").document.text_lines();
    let at = |text: &str| lines.iter().position(|l| l == text).unwrap();
    assert!(at("Appendix: Review register") > at("At a glance"));
    assert!(
        !lines
            .iter()
            .any(|l| l == "Review register" && at(l) < at("At a glance"))
    );

    let docx = render(&DocxExporter::default(), &bundle, "briefing");
    let xml = all_parts(&docx);
    let link = xml
        .split("<w:hyperlink w:anchor=\"")
        .skip(1)
        .map(|rest| &rest[..rest.find('"').unwrap()])
        .find(|name| name.ends_with("_review_register"))
        .expect("the summary links to the register");
    assert!(
        xml.contains(&format!("w:name=\"{link}\"")),
        "to its bookmark"
    );

    let pdf = render(&PdfExporter::default(), &bundle, "briefing");
    let text = flat(&pdftotext(&pdf, &[]));
    assert!(text.contains(
        "The review register of all 30 drivers is an appendix: Appendix: Review register."
    ));
    assert_schema_valid(&[("long.docx".to_string(), docx)]);
}
