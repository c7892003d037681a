//! Reading exported `.docx` files back with pandoc, an independent reader, and checking what a
//! person would read: headings at the right level, nested lists, links, and every character.

use crate::model::{FYFV, SPECIAL, representative};
use maptoolkit_briefing::{Block, Document, HouseStyle, Inline, List};
use maptoolkit_docx::{render, xml_safe};
use maptoolkit_tests::{pandoc, pandoc_with, part};

fn markdown(doc: &Document) -> String {
    pandoc(
        &render(doc, &HouseStyle::default()).unwrap(),
        "markdown-smart",
    )
}

#[track_caller]
fn assert_line(haystack: &str, line: &str) {
    assert!(
        haystack.lines().any(|l| l.trim_end() == line),
        "no line {line:?} in:\n{haystack}"
    );
}

#[test]
fn headings_come_back_at_their_levels() {
    let md = markdown(&representative());
    assert_line(&md, "# Developing People – Improving Care");
    assert_line(&md, "## Impact on library services");
    assert_line(&md, "### Review register");
    assert_line(&md, "# Agenda");
    // The contents title is not a heading, so it does not list itself in the contents.
    assert!(!md.contains("# Contents"), "{md}");
}

#[test]
fn nested_lists_keep_their_structure() {
    let md = markdown(&representative());
    assert_line(&md, "-   Developing People – Improving Care");
    assert_line(&md, "    -   1 – 3 years’ time");
    assert_line(&md, "        -   “coherent national service”");
    assert_line(&md, "            -   £3.4 billion for Gŵyl Dewi 🏥");
    assert_line(&md, "1.  Welcome and apologies");
    assert_line(&md, "2.  Matters arising");
    assert_line(&md, "    -   Action log");
    assert_line(&md, "3.  Any other business");
}

#[test]
fn lists_deeper_than_word_allows_still_render_their_text() {
    let mut items = vec![crate::model::item("depth 12", vec![])];
    for depth in (0..12).rev() {
        items = vec![crate::model::item(&format!("depth {depth}"), items)];
    }
    let doc = Document {
        meta: crate::model::meta("Deep"),
        blocks: vec![Block::List(List {
            numbered: false,
            items,
        })],
    };
    let md = markdown(&doc);
    for depth in 0..=12 {
        assert!(
            md.contains(&format!("depth {depth}")),
            "depth {depth}:\n{md}"
        );
    }
    // Word has nine list levels: the ninth and deeper come back at the same indentation.
    assert_line(&md, &format!("{}-   depth 8", " ".repeat(4 * 8)));
    assert_line(&md, &format!("{}-   depth 12", " ".repeat(4 * 8)));
}

#[test]
fn links_are_links_with_their_titles() {
    let md = markdown(&representative());
    assert!(
        md.contains(&format!("[Five Year Forward View]({FYFV})")),
        "{md}"
    );
    // Contents entries link to their headings and show their page.
    assert!(
        md.contains("[Developing People – Improving Care 2](#"),
        "{md}"
    );
}

#[test]
fn awkward_urls_and_markup_like_text_survive() {
    let url = "https://example.org/search?q=a&b=%22c%22&lang=en-GB#x";
    let doc = Document {
        meta: crate::model::meta("Escaping <test> & \"quotes\""),
        blocks: vec![Block::Paragraph(vec![
            Inline::text("<b>&amp; 'single' \"double\" > "),
            Inline::Link {
                text: "a & b <c>".into(),
                url: url.into(),
            },
        ])],
    };
    let bytes = render(&doc, &HouseStyle::default()).unwrap();
    let plain = pandoc(&bytes, "plain");
    assert!(
        plain.contains("<b>&amp; 'single' \"double\" > a & b <c>"),
        "{plain}"
    );
    let json = pandoc(&bytes, "json");
    assert!(json.contains(&format!("\"{url}\"")), "{json}");
    let rels = part(&bytes, "word/_rels/document.xml.rels");
    assert!(
        rels.contains("Target=\"https://example.org/search?q=a&amp;b=%22c%22&amp;lang=en-GB#x\""),
        "{rels}"
    );
    let core = part(&bytes, "docProps/core.xml");
    assert!(
        core.contains("<dc:title>Escaping &lt;test&gt; &amp; &quot;quotes&quot;</dc:title>"),
        "{core}"
    );
}

#[test]
fn every_character_survives_and_control_characters_are_replaced() {
    let doc = representative();
    let bytes = render(&doc, &HouseStyle::default()).unwrap();
    let plain = pandoc(&bytes, "plain");
    for line in doc.text_lines().iter().skip(1) {
        let expected = xml_safe(line);
        assert!(
            plain.contains(&*expected),
            "missing {expected:?} in:\n{plain}"
        );
    }
    let md = markdown(&doc);
    for special in SPECIAL {
        assert!(md.contains(special), "{special:?} in:\n{md}");
    }
    assert!(
        plain.contains("Control\u{FFFD}character and <b>&amp; literal"),
        "{plain}"
    );
    assert!(!plain.contains('\u{1}'));
}

#[test]
fn the_title_is_the_documents_title() {
    let bytes = render(&representative(), &HouseStyle::default()).unwrap();
    let md = pandoc_with(&bytes, &["-t", "markdown-smart", "-s"]);
    assert!(
        md.contains("title: \"Executive briefing: national drivers\""),
        "{md}"
    );
}
