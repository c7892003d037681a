//! Every generated document opens in the tools people use: each .docx converts in LibreOffice
//! and reads in pandoc, and each PDF passes `qpdf --check`.

use maptoolkit_briefing::Audience;

use crate::util::{export_all, fixtures, options};
use maptoolkit_tests::{assert_qpdf_clean, convert_to_pdf, libreoffice_pdf, pandoc, pdftotext};

#[test]
fn every_document_opens_in_libreoffice_pandoc_and_qpdf() {
    let dir = tempfile::tempdir().unwrap();
    let mut docx_files = Vec::new();
    for audience in [Audience::Public, Audience::Members] {
        for (format, artifact) in export_all(&fixtures(), audience) {
            let name = format!(
                "{}-{}",
                audience.as_str(),
                artifact.path.as_str().replace('/', "-")
            );
            let path = dir.path().join(&name);
            std::fs::write(&path, &artifact.bytes).unwrap();
            match format.as_str() {
                "docx" => {
                    assert!(
                        !pandoc(&artifact.bytes, "plain").trim().is_empty(),
                        "{name}"
                    );
                    docx_files.push(path);
                }
                "pdf" => assert_qpdf_clean(&artifact.bytes, &name),
                _ => {}
            }
        }
    }
    assert_eq!(
        docx_files.len(),
        11,
        "public: the briefing, the unprotected briefing definition and the two unprotected meetings' packs; members: the briefing, both definitions and all four packs: {docx_files:?}"
    );
    // Every file is converted in one run of LibreOffice, which fails naming any it cannot open.
    convert_to_pdf(&docx_files, &dir.path().join("converted"));
}

/// The fixture briefing as LibreOffice paginates it: the contents give every entry a page number
/// (the page LibreOffice puts the heading on, give or take one: they are our estimate), and no
/// page ends with a heading.
#[test]
fn libreoffice_pages_have_numbered_contents_and_no_heading_at_a_page_end() {
    use maptoolkit_briefing::{Exporter, compose};
    let bundle = compose(&fixtures(), &options(Audience::Public));
    let doc = &bundle.documents[0].document;
    let docx = maptoolkit_docx::DocxExporter::default()
        .export(&bundle)
        .unwrap()
        .remove(0);
    assert_eq!(docx.path.as_str(), "briefing.docx");
    let text = pdftotext(&libreoffice_pdf(&docx.bytes), &[]);
    // pdftotext ends each page with a form feed; the running header and footer are lines too.
    let pages: Vec<Vec<&str>> = text
        .split('\u{c}')
        .map(|page| {
            page.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with("Page "))
                .collect()
        })
        .filter(|lines: &Vec<&str>| !lines.is_empty())
        .collect();
    let contents = pages
        .iter()
        .position(|p| p.contains(&"Contents"))
        .expect("a contents page");
    // The contents may follow the end of the summary on its page: its entries are the lines
    // after its title, and only the lines before it are headings set on that page.
    let title = pages[contents]
        .iter()
        .position(|l| *l == "Contents")
        .unwrap();
    let listed = pages[contents][title + 1..].join(" ");
    let listed = listed.split_whitespace().collect::<Vec<_>>().join(" ");
    let outline = doc.outline(u8::MAX);
    let mut from = 0;
    for entry in doc.outline(2) {
        let at = listed[from..]
            .find(entry.text)
            .unwrap_or_else(|| panic!("{:?} not in the contents: {listed}", entry.text))
            + from
            + entry.text.len();
        let number: String = listed[at..]
            .trim_start_matches([' ', '.'])
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        let number: usize = number
            .parse()
            .unwrap_or_else(|_| panic!("no page number after {:?}: {listed}", entry.text));
        // The heading's first words start a line on that page, or the next or the one before.
        let start: String = entry.text.chars().take(24).collect();
        let found = (number.saturating_sub(1)..=number + 1).any(|n| {
            pages.get(n.wrapping_sub(1)).is_some_and(|p| {
                let set = if n - 1 == contents {
                    &p[..title]
                } else {
                    &p[..]
                };
                set.iter().any(|l| l.starts_with(&start))
            })
        });
        assert!(found, "{:?} is not near page {number}", entry.text);
        from = at;
    }
    for (n, page) in pages.iter().enumerate().skip(1) {
        let last = page.last().unwrap();
        let heading = outline
            .iter()
            .find(|h| h.text.ends_with(last) && last.len() > 3);
        assert!(
            heading.is_none(),
            "page {} ends with the heading {:?}",
            n + 1,
            heading.map(|h| h.text)
        );
    }
}

/// The saved contents of a 200-driver briefing against LibreOffice's pages: every entry's
/// number is within one page of the page LibreOffice sets its heading on, and at least 95% are
/// equal (a heading's text may also be a whole line earlier, such as a theme's name in a
/// chart, which this matching cannot tell from the heading).
#[test]
fn saved_contents_numbers_track_libreoffice_at_two_hundred_drivers() {
    use maptoolkit_briefing::{Exporter, compose};
    let toolkit = maptoolkit_core::synthetic(200, 1)
        .validate(None)
        .expect("the synthetic toolkit is valid")
        .toolkit;
    let bundle = compose(&toolkit, &options(Audience::Public));
    let docx = maptoolkit_docx::DocxExporter::default()
        .export(&bundle)
        .unwrap()
        .into_iter()
        .find(|a| a.path.as_str() == "briefing.docx")
        .unwrap();
    let xml = maptoolkit_tests::part(&docx.bytes, "word/document.xml");
    let unescape = |t: &str| {
        t.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&apos;", "'")
            .replace("&amp;", "&")
    };
    // Each contents entry: its title's runs, a tab, then the saved number.
    let saved: Vec<(String, usize)> = xml
        .split("<w:pStyle w:val=\"TOC")
        .skip(1)
        .filter(|p| p.as_bytes()[0].is_ascii_digit())
        .map(|p| {
            let p = &p[..p.find("</w:p>").unwrap()];
            let texts: Vec<String> = p
                .split("<w:t")
                .skip(1)
                .filter(|t| t.starts_with(['>', ' ']))
                .map(|t| unescape(&t[t.find('>').unwrap() + 1..t.find("</w:t>").unwrap()]))
                .collect();
            let (number, title) = texts.split_last().expect("an entry with a number");
            (title.concat(), number.parse().expect("a saved page number"))
        })
        .collect();
    assert!(saved.len() > 200, "{} entries", saved.len());
    let text = pdftotext(&libreoffice_pdf(&docx.bytes), &[]);
    let mut pages: Vec<Vec<&str>> = text
        .split('\u{c}')
        .map(|page| page.lines().map(str::trim).collect())
        .collect();
    // The contents' own lines are not headings: from its title to its last entry.
    let first = pages.iter().position(|p| p.contains(&"Contents")).unwrap();
    let last: String = saved.last().unwrap().0.chars().take(24).collect();
    let end = (first..pages.len())
        .find(|&n| pages[n].iter().any(|l| l.starts_with(&last)))
        .unwrap();
    for (n, page) in pages.iter_mut().enumerate().take(end + 1).skip(first) {
        let from = if n == first {
            page.iter().position(|l| *l == "Contents").unwrap()
        } else {
            0
        };
        page.truncate(from);
    }
    // A heading's line: all of it, or the first line it wrapped into (long enough not to be
    // the start of a body line or of another title). pdftotext joins a word broken after its
    // hyphen at the end of a line and drops the hyphen, so hyphens are not compared.
    let sets = |l: &str, title: &str| {
        let (l, title) = (l.replace('-', ""), title.replace('-', ""));
        l == title || (l.chars().count() >= 24 && title.starts_with(&l))
    };
    let (mut at, mut equal) = (0, 0);
    for (title, number) in &saved {
        at += pages[at..]
            .iter()
            .position(|p| p.iter().any(|l| sets(l, title)))
            .unwrap_or_else(|| panic!("{title:?} is on no page after page {}", at + 1));
        let page = at + 1;
        assert!(
            page.abs_diff(*number) <= 1,
            "{title:?}: saved page {number}, LibreOffice's {page}"
        );
        equal += usize::from(page == *number);
    }
    assert!(
        equal * 100 >= saved.len() * 95,
        "{equal} of {} saved numbers equal LibreOffice's",
        saved.len()
    );
}
