//! Board-paper typesetting, read back: no word broken without a hyphen, key-facts tables kept
//! whole, both PDF/UA-1 checkers clean on every kind of PDF, and the members' marking on every
//! page, sheet and site page (and on none of the public's).

use std::collections::BTreeSet;
use std::sync::OnceLock;

use maptoolkit_briefing::{
    Audience, Block, Bundle, Document, Exporter, Inline, ListItem, MEMBERS_MARKING, compose,
};
use maptoolkit_pdf::PdfExporter;
use maptoolkit_tests::{assert_pdf_ua, part, part_names, pdftotext};

use crate::util::{fixtures, options};

/// The 200-driver toolkit `cargo xtask gen-corpus 200` writes, composed for the members.
fn two_hundred() -> &'static (Bundle, Vec<u8>) {
    static BUNDLE: OnceLock<(Bundle, Vec<u8>)> = OnceLock::new();
    BUNDLE.get_or_init(|| {
        let toolkit = maptoolkit_core::synthetic(200, 1)
            .validate(None)
            .expect("the synthetic toolkit is valid")
            .toolkit;
        let bundle = compose(&toolkit, &options(Audience::Members));
        let pdf = pdf_of(&bundle, "briefing.pdf");
        (bundle, pdf)
    })
}

/// The PDF at `path` of `bundle`.
fn pdf_of(bundle: &Bundle, path: &str) -> Vec<u8> {
    PdfExporter::default()
        .export(bundle)
        .unwrap()
        .into_iter()
        .find(|a| a.path.as_str() == path)
        .unwrap_or_else(|| panic!("no {path}"))
        .bytes
}

/// Every word of the text of `doc`, as its blocks hold it.
fn words(doc: &Document) -> BTreeSet<String> {
    fn inlines(out: &mut String, inlines: &[Inline]) {
        for i in inlines {
            out.push_str(i.as_str());
            out.push(' ');
        }
    }
    fn items(out: &mut String, list: &[ListItem]) {
        for item in list {
            inlines(out, &item.content);
            items(out, &item.children);
        }
    }
    let mut text = format!("{} {} ", doc.meta.title, doc.meta.subject);
    for block in &doc.blocks {
        match block {
            Block::Title(t) => text.push_str(t),
            Block::Heading(h) => text.push_str(&h.text),
            Block::Paragraph(p) => inlines(&mut text, p),
            Block::List(l) => items(&mut text, &l.items),
            Block::KeyValue(rows) => {
                for row in rows {
                    text.push_str(&row.key);
                    text.push(' ');
                    inlines(&mut text, &row.value);
                }
            }
            Block::Table(t) => {
                text.push_str(&t.caption);
                for cell in t.columns.iter().chain(t.rows.iter().flatten()) {
                    text.push(' ');
                    text.push_str(cell);
                }
            }
            Block::Contents(c) => text.push_str(&c.title),
            Block::Chart(c) => {
                text.push_str(&c.title);
                for bar in &c.bars {
                    text.push(' ');
                    text.push_str(&bar.label);
                }
            }
            Block::PageBreak => {}
        }
        text.push(' ');
    }
    tokens(&text).map(String::from).collect()
}

/// The runs of letters, digits and apostrophes in `text`.
fn tokens(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '’' || c == '\''))
        .filter(|w| !w.is_empty())
}

/// The line-final fragments of `pdf`'s text that are neither a whole word of `doc` nor end in a
/// hyphen or another character a long word may break after.
fn broken_words(pdf: &[u8], doc: &Document) -> Vec<String> {
    let vocabulary = words(doc);
    let text = pdftotext(pdf, &[]);
    let mut broken = Vec::new();
    for line in text.lines().map(str::trim_end) {
        let Some(last) = line.split_whitespace().last() else {
            continue;
        };
        if last.ends_with(['-', '/', '.', '_', '?', '&', '=', '#', ':', '\\']) {
            continue;
        }
        if let Some(word) = tokens(last).last()
            && !vocabulary.contains(word)
            && !word.chars().all(|c| c.is_ascii_digit())
        {
            broken.push(line.to_string());
        }
    }
    broken
}

/// How many driver key-facts tables `pdf` has and how many of them start on one page and end on
/// another: from their first label ("Also known as" or "Source") to their last ("Group member
/// responsible" or "Themes"), before the "Summary" heading that follows each.
fn split_key_facts(pdf: &[u8]) -> (usize, usize) {
    let text = pdftotext(pdf, &["-layout"]);
    let (mut tables, mut split) = (0, 0);
    let mut open: Option<(usize, usize)> = None;
    for (page, lines) in text.split('\u{c}').enumerate() {
        for line in lines.lines().map(str::trim_start) {
            let label = |l: &str| {
                line.strip_prefix(l)
                    .is_some_and(|rest| rest.starts_with("  "))
            };
            if (label("Also known as") || label("Source")) && open.is_none() {
                open = Some((page, page));
            } else if label("Group member") || label("Themes") {
                if let Some((_, last)) = &mut open {
                    *last = page;
                }
            } else if line.trim() == "Summary"
                && let Some((first, last)) = open.take()
            {
                tables += 1;
                split += usize::from(first != last);
            }
        }
    }
    (tables, split)
}

#[test]
fn at_two_hundred_drivers_no_word_is_broken_without_a_hyphen() {
    let (bundle, pdf) = two_hundred();
    let doc = &bundle.documents[0].document;
    let broken = broken_words(pdf, doc);
    assert!(
        broken.is_empty(),
        "{} lines end in part of a word without a hyphen, e.g. {:?}",
        broken.len(),
        &broken[..broken.len().min(10)]
    );
    // Status words stay whole: no line of the registers ends "Due" with "soon" below it.
    let text = pdftotext(pdf, &[]);
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let split = lines
        .windows(2)
        .filter(|w| w[0].ends_with("Due") && w[1].starts_with("soon"))
        .count();
    assert_eq!(split, 0, "\"Due soon\" split over two lines");
}

#[test]
fn key_facts_tables_move_whole_in_the_fixture_briefings_and_at_two_hundred_drivers() {
    let bundle = compose(&fixtures(), &options(Audience::Public));
    for named in &bundle.documents {
        if named.path.as_str().starts_with("meetings/") {
            continue;
        }
        let pdf = pdf_of(&bundle, &format!("{}.pdf", named.path.as_str()));
        let (tables, split) = split_key_facts(&pdf);
        assert!(
            tables > 0,
            "{}: no key-facts tables found",
            named.path.as_str()
        );
        assert_eq!(
            split,
            0,
            "{}: {split} of {tables} split",
            named.path.as_str()
        );
    }
    let (_, pdf) = two_hundred();
    let (tables, split) = split_key_facts(pdf);
    assert_eq!(tables, 200);
    // Only a table longer than a page may split; none of these is.
    assert!(split <= 5, "{split} of {tables} key-facts tables split");
}

#[test]
fn every_pdf_passes_pdfua_and_outloud() {
    let mut files = Vec::new();
    for audience in [Audience::Public, Audience::Members] {
        let bundle = compose(&fixtures(), &options(audience));
        for artifact in PdfExporter::default().export(&bundle).unwrap() {
            files.push((
                format!("{audience:?}-{}", artifact.path.as_str()),
                artifact.bytes,
            ));
        }
    }
    assert!(
        files.iter().any(|(n, _)| n.contains("briefings/")),
        "board papers"
    );
    assert!(
        files.iter().any(|(n, _)| n.contains("meetings/")),
        "meeting packs"
    );
    files.push(("briefing-200".to_string(), two_hundred().1.clone()));
    assert_pdf_ua(&files);
}

/// Whether every page of `pdf` shows `marking` among its first and among its last lines.
fn marked_pages(pdf: &[u8], marking: &str) -> Vec<usize> {
    let text = pdftotext(pdf, &["-layout"]);
    let mut unmarked = Vec::new();
    for (n, page) in text.split('\u{c}').enumerate() {
        let lines: Vec<&str> = page.lines().filter(|l| !l.trim().is_empty()).collect();
        if lines.is_empty() {
            continue;
        }
        let top = lines.iter().take(2).any(|l| l.contains(marking));
        let foot = lines.iter().rev().take(2).any(|l| l.contains(marking));
        if !(top && foot) {
            unmarked.push(n + 1);
        }
    }
    unmarked
}

#[test]
fn members_pdfs_are_marked_at_the_top_and_foot_of_every_page_the_cover_included() {
    let bundle = compose(&fixtures(), &options(Audience::Members));
    for artifact in PdfExporter::default().export(&bundle).unwrap() {
        let unmarked = marked_pages(&artifact.bytes, MEMBERS_MARKING);
        assert!(
            unmarked.is_empty(),
            "{}: pages {unmarked:?} lack the marking",
            artifact.path.as_str()
        );
    }
    let public = compose(&fixtures(), &options(Audience::Public));
    for artifact in PdfExporter::default().export(&public).unwrap() {
        let text = pdftotext(&artifact.bytes, &[]);
        assert!(!text.contains("OFFICIAL"), "{}", artifact.path.as_str());
    }
}

#[test]
fn members_word_files_are_marked_in_every_header_and_footer_the_cover_included() {
    for audience in [Audience::Members, Audience::Public] {
        let bundle = compose(&fixtures(), &options(audience));
        for artifact in maptoolkit_docx::DocxExporter::default()
            .export(&bundle)
            .unwrap()
        {
            let name = artifact.path.as_str();
            let document = part(&artifact.bytes, "word/document.xml");
            let header = part(&artifact.bytes, "word/header1.xml");
            let footer = part(&artifact.bytes, "word/footer1.xml");
            if audience == Audience::Members {
                // One header and footer for every page: the cover has none of its own.
                assert!(!document.contains("<w:titlePg/>"), "{name}");
                assert!(header.contains(MEMBERS_MARKING), "{name}: header");
                assert!(footer.contains(MEMBERS_MARKING), "{name}: footer");
            } else {
                assert!(document.contains("<w:titlePg/>"), "{name}: the cover");
                assert!(!header.contains("OFFICIAL") && !footer.contains("OFFICIAL"));
            }
        }
    }
}

#[test]
fn members_workbook_is_marked_on_every_sheet_and_in_its_properties() {
    for audience in [Audience::Members, Audience::Public] {
        let bundle = compose(&fixtures(), &options(audience));
        let book = maptoolkit_xlsx::render(&bundle.registers).unwrap();
        let sheets: Vec<String> = part_names(&book)
            .into_iter()
            .filter(|n| n.starts_with("xl/worksheets/sheet"))
            .collect();
        assert_eq!(sheets.len(), bundle.registers.len());
        let strings = part(&book, "xl/sharedStrings.xml");
        let core = part(&book, "docProps/core.xml");
        let custom = if part_names(&book).contains(&"docProps/custom.xml".to_string()) {
            part(&book, "docProps/custom.xml")
        } else {
            String::new()
        };
        let dump = maptoolkit_tests::xlsx_dump(&book);
        let dump: serde_json::Value = serde_json::from_str(&dump).unwrap();
        for (s, sheet) in sheets.iter().enumerate() {
            let xml = part(&book, sheet);
            let first = dump["sheets"][s]["rows"][0][0]["value"]
                .as_str()
                .unwrap_or("");
            if audience == Audience::Members {
                assert!(
                    xml.contains("<oddHeader>") && xml.contains("<oddFooter>"),
                    "{sheet}"
                );
                assert!(
                    xml.contains(&format!("&amp;L&amp;\"-,Bold\"{MEMBERS_MARKING}")),
                    "{sheet}: the marking in the header and footer"
                );
                assert_eq!(first, MEMBERS_MARKING, "{sheet}: the first line");
                // The table starts below it: the second line is the header row.
                let header = &dump["sheets"][s]["rows"][1][0]["value"];
                assert_eq!(header, &bundle.registers[s].table.columns[0].as_str());
            } else {
                assert!(!xml.contains("<oddHeader>"), "{sheet}");
                assert_eq!(first, bundle.registers[s].table.columns[0], "{sheet}");
            }
        }
        if audience == Audience::Members {
            assert!(strings.contains(MEMBERS_MARKING));
            assert!(core.contains(MEMBERS_MARKING), "the category: {core}");
            assert!(
                custom.contains(MEMBERS_MARKING),
                "a custom property: {custom}"
            );
        } else {
            assert!(!strings.contains("OFFICIAL") && !core.contains("OFFICIAL"));
            assert!(!custom.contains("OFFICIAL"));
        }
    }
}

#[test]
fn every_members_site_page_shows_the_marking_and_is_not_indexed() {
    for audience in [Audience::Members, Audience::Public] {
        let bundle = compose(&fixtures(), &options(audience));
        let pages: Vec<_> = maptoolkit_html::HtmlExporter
            .export(&bundle)
            .unwrap()
            .into_iter()
            .filter(|a| a.path.as_str().ends_with(".html"))
            .collect();
        assert!(pages.len() > 10);
        for page in pages {
            let html = String::from_utf8(page.bytes).unwrap();
            let name = page.path.as_str();
            let banners = html
                .matches(&format!("<p class=\"marking\"><strong>{MEMBERS_MARKING}"))
                .count();
            let noindex = html.contains("<meta name=\"robots\" content=\"noindex, nofollow\">");
            if audience == Audience::Members {
                assert_eq!(banners, 2, "{name}: a banner at the top and at the foot");
                assert!(noindex, "{name}");
            } else {
                assert_eq!(banners, 0, "{name}");
                assert!(!noindex && !html.contains("OFFICIAL"), "{name}");
            }
        }
    }
}

#[test]
fn no_caption_repeats_its_heading_and_the_contents_follow_the_summary() {
    for audience in [Audience::Public, Audience::Members] {
        let bundle = compose(&fixtures(), &options(audience));
        for named in &bundle.documents {
            let blocks = &named.document.blocks;
            for pair in blocks.windows(2) {
                if let [Block::Heading(h), Block::Table(t)] = pair {
                    let caption = t.caption.trim();
                    assert!(
                        caption.is_empty()
                            || !(caption.starts_with(&h.text) || h.text.starts_with(caption)),
                        "{}: {caption:?} under the heading {:?}",
                        named.path.as_str(),
                        h.text
                    );
                }
            }
            // No page break of its own before the contents: a long summary's last lines do
            // not stand alone on a page.
            if let Some(at) = blocks.iter().position(|b| matches!(b, Block::Contents(_))) {
                assert!(
                    !matches!(blocks[at - 1], Block::PageBreak),
                    "{}",
                    named.path.as_str()
                );
            }
            // A meeting pack's subtitle says what its title does not.
            if named.path.as_str().starts_with("meetings/") {
                let meta = &named.document.meta;
                assert!(!meta.subject.contains(&meta.title), "{:?}", meta.subject);
                assert!(meta.subject.contains("meeting pack"), "{:?}", meta.subject);
            }
        }
    }
}

#[test]
fn the_feed_is_never_later_than_its_as_of_date_and_newest_drivers_show_their_update() {
    let bundle = compose(&fixtures(), &options(Audience::Public));
    let artifacts = maptoolkit_html::HtmlExporter.export(&bundle).unwrap();
    let text = |path: &str| {
        let a = artifacts
            .iter()
            .find(|a| a.path.as_str() == format!("site/{path}"))
            .unwrap_or_else(|| panic!("no site/{path}"));
        String::from_utf8(a.bytes.clone()).unwrap()
    };
    let feed = text("feed.xml");
    let dates: Vec<&str> = feed
        .split("<updated>")
        .skip(1)
        .map(|s| &s[..s.find("</updated>").unwrap()])
        .collect();
    assert!(dates.len() > 2, "{feed}");
    // As of 1 December 2017; a fixture driver was updated in 2024.
    for date in dates {
        assert!(
            date <= "2017-12-01T00:00:00Z",
            "{date} is after the as-of date"
        );
    }
    // The home page sorts its newest drivers by last update and says so.
    let home = text("index.html");
    let newest = &home[home.find("Newest drivers").unwrap()..];
    let newest = &newest[..newest.find("</ul>").unwrap()];
    assert!(newest.contains("updated October 2024"), "{newest}");
}
