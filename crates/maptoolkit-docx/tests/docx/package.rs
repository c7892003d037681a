//! The package as a whole: determinism across documents and threads, well-formed clean XML parts,
//! core properties, language, compression and the Word features docx-rs needs help with.

use crate::model::{other, representative};
use maptoolkit_briefing::{
    ArtifactPath, Bundle, Exporter, HouseStyle, MemorySink, NamedDocument, Rgb,
};
use maptoolkit_docx::{DocxExporter, render};
use maptoolkit_tests::{pandoc, part, part_names as names};
use quick_xml::Reader;
use quick_xml::events::Event;

fn bytes() -> Vec<u8> {
    render(&representative(), &HouseStyle::default()).unwrap()
}

#[test]
fn same_document_gives_same_bytes_whatever_was_rendered_before() {
    let first = bytes();
    // Other documents in between advance docx-rs's process-wide hyperlink counter and its
    // per-thread paragraph id counter; our output must not notice.
    let others: Vec<Vec<u8>> = (0..5)
        .map(|n| render(&other(n), &HouseStyle::default()).unwrap())
        .collect();
    assert_eq!(first, bytes());
    // Rendering the same "other" document again gives its bytes again too.
    assert_eq!(
        others[3],
        render(&other(3), &HouseStyle::default()).unwrap()
    );
}

#[test]
fn same_document_gives_same_bytes_on_other_threads() {
    let expected = bytes();
    let handles: Vec<_> = (0..4)
        .map(|t| {
            std::thread::spawn(move || {
                let mut out = Vec::new();
                for n in 0..3 {
                    // Interleave with other documents, in a different order on each thread.
                    render(&other(t * 10 + n), &HouseStyle::default()).unwrap();
                    out.push(render(&representative(), &HouseStyle::default()).unwrap());
                }
                out
            })
        })
        .collect();
    for handle in handles {
        for got in handle.join().unwrap() {
            assert!(got == expected, "a thread rendered different bytes");
        }
    }
    assert_eq!(expected, bytes());
}

#[test]
fn every_xml_part_is_well_formed_and_free_of_control_characters() {
    let docx = bytes();
    for name in names(&docx) {
        let text = part(&docx, &name);
        assert!(
            !text
                .chars()
                .any(|c| (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{FFFE}'),
            "{name} has a control character"
        );
        let mut reader = Reader::from_str(&text);
        reader.config_mut().check_end_names = true;
        let mut depth = 0i32;
        loop {
            match reader.read_event() {
                Ok(Event::Eof) => break,
                Ok(Event::Start(_)) => depth += 1,
                Ok(Event::End(_)) => depth -= 1,
                Ok(_) => {}
                Err(e) => panic!("{name}: {e}"),
            }
        }
        assert_eq!(depth, 0, "{name} is not balanced");
    }
}

#[test]
fn core_properties_carry_title_creator_language_and_dates() {
    let core = part(&bytes(), "docProps/core.xml");
    for expected in [
        "<dc:title>Executive briefing: national drivers</dc:title>",
        "<dc:subject>National drivers for NHS library and knowledge services</dc:subject>",
        "<dc:creator>Health Education England Library Service</dc:creator>",
        "<dc:language>en-GB</dc:language>",
        r#"<dcterms:created xsi:type="dcterms:W3CDTF">2018-01-11T00:00:00Z</dcterms:created>"#,
        r#"<dcterms:modified xsi:type="dcterms:W3CDTF">2018-01-11T00:00:00Z</dcterms:modified>"#,
    ] {
        assert!(core.contains(expected), "{expected} in {core}");
    }
}

#[test]
fn styles_define_language_fonts_headings_and_tables() {
    let styles = part(&bytes(), "word/styles.xml");
    let defaults = styles.split("</w:rPrDefault>").next().unwrap();
    assert!(defaults.contains(r#"<w:lang w:val="en-GB""#), "{defaults}");
    assert!(defaults.contains(r#"w:ascii="Arial""#), "{defaults}");
    assert!(defaults.contains(r#"<w:sz w:val="24"/>"#), "{defaults}");
    assert_eq!(styles.matches(r#"w:styleId="Normal""#).count(), 1);
    for (level, outline) in [(1, 0), (2, 1), (3, 2)] {
        let style = styles
            .split(&format!(r#"w:styleId="Heading{level}">"#))
            .nth(1)
            .unwrap()
            .split("</w:style>")
            .next()
            .unwrap();
        assert!(style.contains(r#"<w:color w:val="005EB8"/>"#), "{style}");
        assert!(
            style.contains(&format!(r#"<w:outlineLvl w:val="{outline}"/>"#)),
            "{style}"
        );
        // A heading never ends a page.
        assert!(style.contains("<w:keepNext/><w:keepLines/>"), "{style}");
    }
    for id in [
        "Title",
        "Hyperlink",
        "Strong",
        "Emphasis",
        "Caption",
        "TableText",
    ] {
        assert!(styles.contains(&format!(r#"w:styleId="{id}""#)), "{id}");
    }
    let link = styles.split(r#"w:styleId="Hyperlink""#).nth(1).unwrap();
    let link = link.split("</w:style>").next().unwrap();
    assert!(link.contains(r#"<w:u w:val="single"/>"#), "{link}");
}

#[test]
fn theme_changes_colours_font_and_organisation() {
    let theme = HouseStyle {
        font_family: "Verdana".into(),
        heading_colour: Rgb(0x33, 0x00, 0x72),
        organisation: Some("Another Trust".into()),
        ..HouseStyle::default()
    };
    let docx = render(&representative(), &theme).unwrap();
    let styles = part(&docx, "word/styles.xml");
    assert!(styles.contains(r#"<w:color w:val="330072"/>"#));
    assert!(styles.contains(r#"w:ascii="Verdana""#));
    assert!(part(&docx, "word/header1.xml").contains(">Another Trust</w:t>"));
    let default_header = part(&bytes(), "word/header1.xml");
    assert!(default_header.contains(">Health Education England Library Service</w:t>"));
}

#[test]
fn footer_counts_pages_with_fields() {
    let footer = part(&bytes(), "word/footer1.xml");
    assert!(footer.contains(">Page </w:t>"));
    assert!(footer.contains(r#"<w:instrText xml:space="preserve"> PAGE </w:instrText>"#));
    assert!(footer.contains("> of </w:t>"));
    assert!(footer.contains(r#"<w:instrText xml:space="preserve"> NUMPAGES </w:instrText>"#));
    // The cover has its own (empty) header and footer.
    let document = part(&bytes(), "word/document.xml");
    assert!(document.contains("<w:titlePg/></w:sectPr>"), "{document}");
}

#[test]
fn document_uses_real_lists_tables_links_and_a_contents_field() {
    let docx = bytes();
    let document = part(&docx, "word/document.xml");
    // The data table's header row repeats, is the only row marked so, and is NHS Blue.
    assert_eq!(document.matches("<w:tblHeader/>").count(), 1, "{document}");
    assert!(document.contains(r#"w:firstColumn="1""#));
    assert!(document.contains(r#"<w:shd w:val="clear" w:color="auto" w:fill="005EB8"/>"#));
    // Rows never split, and label–value tables stay together.
    assert!(document.contains("<w:trPr><w:cantSplit/></w:trPr>"));
    // Bulleted lists share instance 1; each numbered list has its own.
    assert!(document.contains(r#"<w:numId w:val="1"/>"#));
    assert!(document.contains(r#"<w:numId w:val="2"/>"#));
    assert!(!document.contains("•"), "no typed bullets");
    // External links point at relationships numbered in reading order.
    assert!(document.contains(r#"<w:hyperlink r:id="rIdLink1""#));
    // The contents field, saved with its entries and page numbers and not marked dirty.
    assert!(
        document.contains(
            r#"<w:instrText xml:space="preserve"> TOC \o &quot;1-2&quot; \h \z \u </w:instrText>"#
        ),
        "{document}"
    );
    assert!(!document.contains("w:dirty"));
    assert!(document.contains(r#"<w:hyperlink w:anchor="h1_developing_people"#));
    assert!(document.contains(
        r#"<w:r><w:tab/></w:r><w:r><w:t xml:space="preserve">2</w:t></w:r></w:hyperlink>"#
    ));
    assert!(document.contains(r#"<w:bookmarkStart w:id="1" w:name="h1_developing_people"#));
    assert!(!part(&docx, "word/settings.xml").contains("updateFields"));
    let numbering = part(&docx, "word/numbering.xml");
    for level in 0..=8 {
        assert!(
            numbering.contains(&format!(r#"<w:lvl w:ilvl="{level}""#)),
            "level {level}"
        );
    }
    assert!(numbering.contains(r#"<w:numFmt w:val="decimal"/>"#));
}

#[test]
fn zip_is_ordered_deflated_and_dated_from_the_document() {
    let docx = bytes();
    let entries = names(&docx);
    assert_eq!(
        entries,
        [
            "[Content_Types].xml",
            "_rels/.rels",
            "docProps/app.xml",
            "docProps/core.xml",
            "word/document.xml",
            "word/_rels/document.xml.rels",
            "word/styles.xml",
            "word/numbering.xml",
            "word/settings.xml",
            "word/fontTable.xml",
            "word/theme/theme1.xml",
            "word/header1.xml",
            "word/footer1.xml",
        ]
    );
    // Every part is named in the content types and every relationship points at a part.
    let types = part(&docx, "[Content_Types].xml");
    for name in &entries[2..] {
        if !name.ends_with(".rels") {
            assert!(types.contains(&format!(r#"PartName="/{name}""#)), "{name}");
        }
    }
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&docx)).unwrap();
    for i in 0..archive.len() {
        let file = archive.by_index(i).unwrap();
        assert_eq!(
            file.compression(),
            zip::CompressionMethod::Deflated,
            "{}",
            file.name()
        );
        let t = file.last_modified().unwrap();
        assert_eq!((t.year(), t.month(), t.day(), t.hour()), (2018, 1, 11, 0));
    }
    let document = archive.by_name("word/document.xml").unwrap();
    assert!(document.compressed_size() * 3 < document.size());
}

#[test]
fn exporter_names_files_after_their_documents() {
    let exporter = DocxExporter::default();
    assert_eq!((exporter.name(), exporter.extension()), ("docx", "docx"));
    let bundle = Bundle {
        documents: vec![
            NamedDocument {
                path: ArtifactPath::new(&["briefing"]),
                document: representative(),
            },
            NamedDocument {
                path: ArtifactPath::new(&["meetings", "meeting-2017-02-08"]),
                document: other(1),
            },
        ],
        registers: vec![],
        site: None,
    };
    let artifacts = exporter.export(&bundle).unwrap();
    let paths: Vec<&str> = artifacts.iter().map(|a| a.path.as_str()).collect();
    assert_eq!(paths, ["briefing.docx", "meetings/meeting-2017-02-08.docx"]);
    assert_eq!(artifacts[0].bytes, bytes());
    // Writing straight into files gives the same bytes.
    let sink = MemorySink::default();
    exporter.export_to(&bundle, &sink).unwrap();
    assert!(sink.into_artifacts() == artifacts);
}

#[test]
fn empty_documents_and_odd_heading_levels_still_render() {
    let empty = maptoolkit_briefing::Document {
        meta: crate::model::meta("Empty"),
        blocks: vec![],
    };
    let docx = render(&empty, &HouseStyle::default()).unwrap();
    assert!(part(&docx, "word/document.xml").contains("<w:body>"));
    let odd = maptoolkit_briefing::Document {
        meta: crate::model::meta("Odd"),
        blocks: vec![
            maptoolkit_briefing::Block::Contents(maptoolkit_briefing::Contents {
                title: "Contents".into(),
                max_level: 9,
            }),
            crate::model::heading(0, "Level zero"),
            crate::model::heading(6, "Level six"),
        ],
    };
    let md = pandoc(
        &render(&odd, &HouseStyle::default()).unwrap(),
        "markdown-smart",
    );
    assert!(md.contains("# Level zero"), "{md}");
    assert!(md.contains("### Level six"), "{md}");
}

/// A briefing far longer than one streamed batch, with tables of many rows, numbered lists and
/// links in table cells, so tables open in one batch and close in another.
fn long_document(sections: usize) -> maptoolkit_briefing::Document {
    use maptoolkit_briefing::{Block, Inline, KeyValue, List, Table};
    let mut blocks = vec![Block::Title("Long briefing".into())];
    for s in 0..sections {
        blocks.push(crate::model::heading(1, &format!("Section {s}")));
        blocks.push(Block::KeyValue(vec![KeyValue {
            key: "Link".into(),
            value: vec![Inline::Link {
                text: format!("Source {s}"),
                url: format!("https://example.org/{s}?a=1&b=2"),
            }],
        }]));
        blocks.push(Block::List(List {
            numbered: true,
            items: vec![crate::model::item(&format!("First point of {s}"), vec![])],
        }));
        blocks.push(Block::Table(Table {
            caption: format!("Table {s}"),
            columns: vec!["Driver".into(), "Owner".into()],
            rows: (0..40)
                .map(|r| vec![format!("Driver {s}.{r} – ’"), format!("Owner {r}")])
                .collect(),
        }));
    }
    maptoolkit_briefing::Document {
        meta: crate::model::meta("Long briefing"),
        blocks,
    }
}

#[test]
fn long_documents_stream_through_many_batches_intact() {
    let sections = 60;
    let doc = long_document(sections);
    let docx = render(&doc, &HouseStyle::default()).unwrap();
    assert_eq!(docx, render(&doc, &HouseStyle::default()).unwrap());
    let document = part(&docx, "word/document.xml");
    assert!(document.len() > 1_000_000, "{} bytes", document.len());
    assert_eq!(document.matches("<w:tbl>").count(), 2 * sections);
    assert_eq!(document.matches("</w:tbl>").count(), 2 * sections);
    assert_eq!(document.matches("<w:tblHeader/>").count(), sections);
    // Links in table cells are numbered in reading order and each has its relationship.
    let rels = part(&docx, "word/_rels/document.xml.rels");
    for n in [1, sections / 2, sections] {
        let id = format!("rIdLink{n}");
        assert!(document.contains(&format!(r#"r:id="{id}""#)), "{id}");
        let target = format!(
            r#"Id="{id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.org/{}?a=1&amp;b=2""#,
            n - 1
        );
        assert!(rels.contains(&target), "{target} in {rels}");
    }
    assert!(!rels.contains(&format!("rIdLink{}\"", sections + 1)));
    // Bookmarks run 1, 2, 3… through the whole part.
    let ids: Vec<u32> = document
        .split(r#"<w:bookmarkStart w:id=""#)
        .skip(1)
        .map(|s| s.split('"').next().unwrap().parse().unwrap())
        .collect();
    assert_eq!(ids, (1..=ids.len() as u32).collect::<Vec<_>>());
    assert!(
        part(&docx, "word/numbering.xml")
            .contains(&format!(r#"<w:num w:numId="{}""#, 1 + sections))
    );
    let md = pandoc(&docx, "markdown-smart");
    assert!(
        md.contains(&format!("Driver {}.39 – ’", sections - 1)),
        "{md}"
    );
    assert!(
        md.contains(&format!(
            "[Source {}](https://example.org/{}?a=1&b=2)",
            sections - 1,
            sections - 1
        )),
        "{md}"
    );
}

#[test]
fn render_to_a_file_writes_the_same_bytes_as_render() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("briefing.docx");
    let file = std::fs::File::create(&path).unwrap();
    let file = maptoolkit_docx::render_to(&representative(), &HouseStyle::default(), file).unwrap();
    drop(file);
    assert_eq!(std::fs::read(&path).unwrap(), bytes());
}
