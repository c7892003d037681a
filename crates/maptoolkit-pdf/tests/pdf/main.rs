//! End-to-end checks of rendered PDFs with qpdf and poppler (`pdftotext`, `pdffonts`, `pdfinfo`).

mod model;

use maptoolkit_briefing::{
    ArtifactPath, Block, Bundle, Document, Exporter, HouseStyle, Inline, MemorySink, NamedDocument,
};
use maptoolkit_pdf::{PdfExporter, render};
use maptoolkit_tests::{assert_qpdf_clean, pdffonts, pdfinfo, pdftotext, qpdf};
use model::{LONG_WORD, sample};

const PAGE_WIDTH: f64 = 595.2756;
const MARGIN: f64 = 56.6929;

fn sample_pdf() -> Vec<u8> {
    render(&sample(), &HouseStyle::default()).unwrap()
}

fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn page_text(pdf: &[u8], page: usize) -> String {
    let p = page.to_string();
    normalise(&pdftotext(pdf, &["-f", &p, "-l", &p]))
}

#[test]
fn qpdf_finds_no_errors() {
    let pdf = sample_pdf();
    let out = qpdf(&pdf, &["--check"]);
    assert!(out.contains("No syntax or stream encoding errors"), "{out}");
}

#[test]
fn every_font_is_embedded_and_subset() {
    let pdf = sample_pdf();
    let out = pdffonts(&pdf);
    let rows: Vec<&str> = out.lines().skip(2).collect();
    assert_eq!(rows.len(), 3, "{out}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let n = cols.len();
        assert_eq!(
            &cols[n - 5..n - 2],
            ["yes", "yes", "yes"],
            "emb sub uni: {row}"
        );
        assert!(cols[0].contains("+LiberationSans"), "{row}");
    }
}

#[test]
fn extracted_text_equals_the_model_text() {
    let pdf = sample_pdf();
    let text = normalise(&pdftotext(&pdf, &[]));
    // pdftotext joins a line ending in "-" to the next without the hyphen, so the long word,
    // which is broken after its hyphens, is compared without whitespace and hyphens.
    let squeeze = |s: &str| -> String {
        s.chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .collect()
    };
    let squeezed = squeeze(&text);
    for line in sample().text_lines() {
        let expected = normalise(&line)
            .replace(['🚑', '医'], "□")
            .replace('\u{7}', "");
        if line.contains(LONG_WORD) {
            let expected = squeeze(&expected);
            assert!(
                squeezed.contains(&expected),
                "missing long word line: {expected}"
            );
        } else {
            assert!(text.contains(&expected), "missing: {expected}");
        }
    }
    for feature in [
        "–",
        "’",
        "“coherent national service”",
        "£",
        "ŵ",
        "Ł",
        "Ŵyl Dewi",
    ] {
        assert!(text.contains(feature), "{feature}");
    }
    assert!(!text.contains('\u{FFFD}'));
}

#[test]
fn no_text_runs_past_the_margins() {
    let pdf = sample_pdf();
    let html = pdftotext(&pdf, &["-bbox"]);
    let attr = |tag: &str, name: &str| -> f64 {
        let start = tag.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        let end = start + tag[start..].find('"').unwrap();
        tag[start..end].parse().unwrap()
    };
    let mut words = 0;
    for tag in html.split("<word ").skip(1) {
        let (x_min, x_max) = (attr(tag, "xMin"), attr(tag, "xMax"));
        assert!(
            x_max <= PAGE_WIDTH - MARGIN + 0.5,
            "past the right margin: {tag}"
        );
        assert!(x_min >= MARGIN - 0.5, "past the left margin: {tag}");
        words += 1;
    }
    assert!(words > 1000, "{words} words");
}

/// Titles of a qpdf `--json` outline, depth first, with their depth.
fn outline_titles(items: &serde_json::Value, depth: usize, out: &mut Vec<(usize, String)>) {
    for item in items.as_array().unwrap() {
        out.push((depth, item["title"].as_str().unwrap().to_string()));
        outline_titles(&item["kids"], depth + 1, out);
    }
}

#[test]
fn outline_lists_every_heading_nested_by_level() {
    let pdf = sample_pdf();
    let json: serde_json::Value =
        serde_json::from_str(&qpdf(&pdf, &["--json", "--json-key=outlines"])).unwrap();
    let mut got = Vec::new();
    outline_titles(&json["outlines"], 1, &mut got);
    let doc = sample();
    let expected: Vec<(usize, String)> = doc
        .outline(6)
        .iter()
        .map(|e| (usize::from(e.level), e.text.to_string()))
        .collect();
    assert_eq!(got, expected);
}

#[test]
fn contents_page_numbers_point_at_their_headings() {
    let pdf = sample_pdf();
    let contents = pdftotext(&pdf, &["-layout", "-f", "2", "-l", "2"]);
    let mut checked = 0;
    for entry in sample().outline(3) {
        let line = contents
            .lines()
            .find(|l| normalise(l).starts_with(entry.text))
            .unwrap_or_else(|| panic!("no contents entry for {}: {contents}", entry.text));
        let page: usize = line.split_whitespace().last().unwrap().parse().unwrap();
        assert!(
            page_text(&pdf, page).contains(entry.text),
            "{} is not on page {page}",
            entry.text
        );
        checked += 1;
    }
    assert_eq!(checked, sample().outline(3).len());
}

#[test]
fn pages_have_running_header_and_footer_but_the_cover_does_not() {
    let pdf = sample_pdf();
    let info = pdfinfo(&pdf, &[]);
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert!(pages >= 5, "{pages} pages");
    assert!(!page_text(&pdf, 1).contains("Page 1 of"));
    for p in 2..=pages {
        let text = page_text(&pdf, p);
        assert!(
            text.contains(&format!("Page {p} of {pages}")),
            "page {p}: {text}"
        );
        assert!(
            text.starts_with("Betsi Cadwaladr University Health Board"),
            "{text}"
        );
    }
}

#[test]
fn long_table_repeats_its_header_row() {
    let pdf = sample_pdf();
    let info = pdfinfo(&pdf, &[]);
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    let with_rows: Vec<usize> = (1..=pages)
        .filter(|&p| page_text(&pdf, p).contains("Driver number"))
        .collect();
    assert!(with_rows.len() >= 2, "table spans {with_rows:?}");
    for p in with_rows {
        assert!(
            page_text(&pdf, p).contains("Driver Owner Next review Notes"),
            "page {p}"
        );
    }
}

#[test]
fn metadata_language_tagging_and_links_are_written() {
    let pdf = sample_pdf();
    let info = pdfinfo(&pdf, &[]);
    for expected in [
        "Title:           Executive briefing: national drivers",
        "Author:          Betsi Cadwaladr University Health Board",
        "Subject:         Summaries of national policy documents – for the Trust Board",
        "CreationDate:    Thu Jan 11 00:00:00 2018 UTC",
        "Tagged:          yes",
        "Page size:       595.276 x 841.89 pts (A4)",
    ] {
        assert!(info.contains(expected), "{expected}\n{info}");
    }
    let xmp = pdfinfo(&pdf, &["-meta"]);
    for expected in [
        "<rdf:li xml:lang=\"x-default\">Executive briefing: national drivers</rdf:li>",
        "<dc:language><rdf:Bag><rdf:li>en-GB</rdf:li></rdf:Bag></dc:language>",
        "<xmp:CreateDate>2018-01-11T00:00:00Z</xmp:CreateDate>",
    ] {
        assert!(xmp.contains(expected), "{expected}\n{xmp}");
    }
    // Objects sit in compressed object streams: read them through qpdf's JSON view.
    let json = qpdf(&pdf, &["--json"]);
    for expected in [
        "\"/Lang\": \"u:en-GB\"",
        "\"/Marked\": true",
        "\"/Type\": \"/StructTreeRoot\"",
        "\"/URI\": \"u:https://www.hee.nhs.uk/\"",
        "\"/URI\": \"u:https://improvement.nhs.uk/resources/developing-people-improving-care/\"",
        "\"/S\": \"/GoTo\"",
    ] {
        assert!(json.contains(expected), "{expected}");
    }
}

fn other_doc() -> Document {
    let mut doc = sample();
    doc.meta.title = "Another".into();
    doc.blocks.truncate(4);
    doc.blocks
        .push(Block::Paragraph(vec![Inline::text("Different")]));
    doc
}

#[test]
fn same_input_gives_identical_bytes_in_any_order_and_thread() {
    let theme = HouseStyle::default();
    let first = render(&sample(), &theme).unwrap();
    let other = render(&other_doc(), &theme).unwrap();
    assert_ne!(first, other);
    let second = render(&sample(), &theme).unwrap();
    assert_eq!(first, second, "second render in the same process differs");
    let threads: Vec<Vec<u8>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..2)
            .map(|_| s.spawn(|| render(&sample(), &HouseStyle::default()).unwrap()))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert!(threads.iter().all(|t| *t == first), "threads differ");
}

#[test]
fn exporter_renders_every_document_of_a_bundle() {
    let bundle = Bundle {
        documents: vec![
            NamedDocument {
                path: ArtifactPath::new(&["briefing"]),
                document: sample(),
            },
            NamedDocument {
                path: ArtifactPath::new(&["meetings", "meeting-2017-02-08"]),
                document: other_doc(),
            },
        ],
        registers: vec![],
        site: None,
    };
    let exporter = PdfExporter {
        theme: HouseStyle {
            organisation: Some("Ysbyty Gwynedd Library".into()),
            ..HouseStyle::default()
        },
    };
    let artifacts = exporter.export(&bundle).unwrap();
    let paths: Vec<&str> = artifacts.iter().map(|a| a.path.as_str()).collect();
    assert_eq!(paths, ["briefing.pdf", "meetings/meeting-2017-02-08.pdf"]);
    let pdf = &artifacts[0].bytes;
    assert!(page_text(pdf, 2).starts_with("Ysbyty Gwynedd Library"));
    // Writing straight into files gives the same bytes.
    let sink = MemorySink::default();
    exporter.export_to(&bundle, &sink).unwrap();
    assert!(sink.into_artifacts() == artifacts);
}

#[test]
fn structure_tree_tags_headings_lists_tables_and_links() {
    let pdf = sample_pdf();
    let tree = pdfinfo(&pdf, &["-struct-text"]);
    for expected in [
        "H1 (block)\n    \"Developing People – Improving Care\"",
        "H2 (block)\n    \"Impact on the library service\"",
        "H3 (block)\n    \"Long identifiers\"",
        "Lbl (block)\n        \"•\"",
        "LBody (block)\n              \"Plan for 1 – 3 years’ time\"",
        "Lbl (block)\n        \"1.\"",
        "Caption\n      \"Drivers and their next review\"",
        "TH:\n         /Scope /Column\n        \"Next review\"",
        "TH:\n         /Scope /Row\n        \"Organisation\"",
        "TD\n        \"Driver number 45\"",
        "Link (inline)\n          \"Health Education England\"",
        // A contents entry: its link annotation (made with the page), then its title and its
        // page number, read together.
        "TOCI\n      Link (inline)\n        Object",
        "\"Review schedule\"\n        \"",
    ] {
        assert!(tree.contains(expected), "missing {expected:?} in\n{tree}");
    }
    // The header row repeated on later pages is an artifact, not content read again.
    assert_eq!(tree.matches("\"Next review\"").count(), 1);
    // Running headers and footers are artifacts too.
    assert!(!tree.contains("Page 2 of"));
}

#[test]
fn a_heading_never_ends_a_page_without_its_first_lines() {
    // However much text comes before, the heading shares a page with its paragraph's start.
    // One-line paragraphs move the heading down in steps smaller than its own height, so some
    // counts put it right at the foot of page 1.
    let mut doc = sample();
    let filler = Block::Paragraph(vec![Inline::text("A one-line paragraph.")]);
    for count in 20..=40 {
        doc.blocks = vec![filler.clone(); count];
        doc.blocks
            .push(Block::Heading(maptoolkit_briefing::Heading {
                level: 2,
                text: "Kept heading".into(),
                anchor: "kept".into(),
            }));
        doc.blocks.push(Block::Paragraph(vec![Inline::text(
            "Firstwords of the paragraph that follows the heading.",
        )]));
        let pdf = render(&doc, &HouseStyle::default()).unwrap();
        let pages: Vec<String> = pdftotext(&pdf, &[]).split('\u{c}').map(normalise).collect();
        let heading = pages
            .iter()
            .position(|p| p.contains("Kept heading"))
            .unwrap();
        assert!(
            pages[heading].contains("Kept heading Firstwords"),
            "{count} paragraphs: heading on page {} without its text",
            heading + 1
        );
    }
}

#[test]
fn a_list_item_never_ends_a_page_without_its_first_sub_point() {
    // However much text comes before, an item with sub-points shares a page with the first.
    let mut doc = sample();
    let filler = Block::Paragraph(vec![Inline::text("A one-line paragraph.")]);
    let item = |text: &str, children| maptoolkit_briefing::ListItem {
        content: vec![Inline::text(text)],
        children,
    };
    for count in 20..=40 {
        doc.blocks = vec![filler.clone(); count];
        doc.blocks.push(Block::List(maptoolkit_briefing::List {
            numbered: false,
            items: vec![item(
                "Keptitem with sub-points",
                vec![item("Firstpoint below it", vec![])],
            )],
        }));
        let pdf = render(&doc, &HouseStyle::default()).unwrap();
        let pages: Vec<String> = pdftotext(&pdf, &[]).split('\u{c}').map(normalise).collect();
        let at = pages.iter().position(|p| p.contains("Keptitem")).unwrap();
        assert!(
            pages[at].contains("Firstpoint"),
            "{count} paragraphs: the item ends page {} without its sub-point",
            at + 1
        );
    }
}

#[test]
fn an_empty_document_is_still_a_valid_pdf() {
    let mut doc = sample();
    doc.blocks.clear();
    let pdf = render(&doc, &HouseStyle::default()).unwrap();
    assert_qpdf_clean(&pdf, "empty.pdf");
    let info = pdfinfo(&pdf, &[]);
    assert!(info.lines().any(|l| normalise(l) == "Pages: 1"), "{info}");
}

/// `/Info` used to keep U+0000, U+0008 and U+FFFE from the title, which the page text drops.
#[test]
fn info_strings_drop_what_the_text_drops() {
    let mut doc = sample();
    doc.meta.title = "Board\u{0} brief\u{8}ing\u{FFFE} – “draft”".into();
    let pdf = render(&doc, &HouseStyle::default()).unwrap();
    let info = pdfinfo(&pdf, &[]);
    assert!(
        info.contains("Title:           Board briefing – “draft”\n"),
        "{info}"
    );
}
