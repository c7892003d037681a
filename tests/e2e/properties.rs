//! Property tests over generated toolkits: synthetic toolkits of generated size and seed with
//! generated text (awkward Unicode included) injected into drivers, stories and meetings.
//!
//! The properties: no exporter fails or panics; every current driver's title appears in every
//! document format; public exports never hold a marker placed in protected fields; output is
//! byte-identical across runs and thread counts; drivers.csv reads back to every title and slug.
//! Case counts are small, as each case renders every format (and some are read back by poppler).

use std::io::Read;

use maptoolkit_briefing::Audience;
use maptoolkit_core::{Point, Teleconference, Toolkit, ToolkitSource, synthetic};
use proptest::prelude::*;
use proptest::test_runner::Config;

use crate::util::{MARKER, export_all, readable_text};
use maptoolkit_tests::pdftotext;

/// Text as people (and bad imports) write it: anything at all, plus the awkward cases on purpose.
fn awkward() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "\\PC{0,30}",
        Just("\u{202e}right-to-left \u{5e9}\u{5dc}\u{5d5}\u{5dd} \u{627}\u{644}\u{633}\u{644}\u{627}\u{645}\u{202c}".to_string()),
        Just("e\u{301}\u{302}\u{303} a\u{20dd} Z\u{336}\u{337}".to_string()),
        Just("😀 👩‍👩‍👧 🇬🇧 中文字符 日本語 한국어".to_string()),
        Just("\u{0}\u{1}\u{8}\u{b}\u{1b}\u{7f}\u{fffe}\u{ffff}\u{d7ff}".to_string()),
        Just("<w:t>&amp;</w:t> ]]> <!-- \" ' \\ (unbalanced ) paren".to_string()),
        Just("=HYPERLINK(\"http://x\") +1 -1 @SUM".to_string()),
        Just("x".repeat(3000)),
    ]
}

/// Text the PDF font can show and readers give back unchanged: letters of Latin, Greek and
/// Cyrillic, digits, typographic punctuation, no control or combining characters.
fn printable_title() -> impl Strategy<Value = String> {
    "[A-Za-z0-9àéîõüßçñÅØæœΑΒΓαβγДЖЯжя£€–—“”‘’&<>\"'/=+@#%()]{1,12}( [A-Za-z0-9àéüΩωЖж£–“”&<>=+]{1,12}){0,4}"
}

/// Never blank, as validation requires.
fn required(text: String) -> String {
    if text.trim().is_empty() {
        format!("T{text}")
    } else {
        text
    }
}

/// A generated toolkit source: its size, seed, what goes into its drivers, and which drivers are
/// archived.
#[derive(Debug, Clone)]
struct Generated {
    source: ToolkitSource,
    /// Titles given to drivers, by index.
    titles: Vec<String>,
}

/// Builds a toolkit of 1 to 4 drivers with generated titles (from `titles`) and other text (from
/// `texts`) in summaries, points, stories and meeting agendas; some drivers archived.
fn generated(
    titles: impl Strategy<Value = String>,
    texts: impl Strategy<Value = String>,
) -> impl Strategy<Value = Generated> {
    (
        1usize..5,
        any::<u64>(),
        proptest::collection::vec(titles, 4),
        proptest::collection::vec(texts, 6),
        proptest::collection::vec(any::<bool>(), 4),
    )
        .prop_map(|(n, seed, titles, texts, archived)| {
            let mut source = synthetic(n, seed);
            let text = |i: usize| required(texts[i % texts.len()].clone());
            for (i, entry) in source.drivers.iter_mut().enumerate() {
                let d = &mut entry.record;
                d.title = required(titles[i].clone());
                d.archived = archived[i] && i > 0;
                d.summary = format!("{}\n\n{}", text(i), text(i + 1));
                d.impact.push(Point::new(text(i + 2)));
                d.key_features.push(Point::with_children(
                    text(i + 3),
                    vec![Point::new(text(i + 4))],
                ));
            }
            let story = &mut source.stories[0].record;
            story.title = text(0);
            story.story = text(5);
            let item = &mut source.meetings[0].record.agenda[0];
            item.title = text(1);
            item.items = vec![text(2), text(3)];
            Generated {
                source,
                titles: titles.into_iter().map(required).collect(),
            }
        })
}

fn valid(source: ToolkitSource) -> Toolkit {
    match source.validate(None) {
        Ok(v) => v.toolkit,
        Err(report) => panic!("a generated toolkit is invalid: {report:#?}"),
    }
}

/// The text of a .docx's body as Word shows it: the XML of `word/document.xml` without its tags,
/// entities decoded.
fn docx_body_text(bytes: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a .docx is a zip");
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .expect("a document part")
        .read_to_string(&mut xml)
        .unwrap();
    let mut text = String::new();
    let mut in_tag = false;
    for c in xml.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    let mut out = String::new();
    let mut rest = text.as_str();
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let end = rest[at..].find(';').expect("entities end with ;") + at;
        let entity = &rest[at + 1..end];
        out.push(match entity {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            e => {
                let n = match e.strip_prefix("#x") {
                    Some(hex) => u32::from_str_radix(hex, 16).unwrap(),
                    None => e.strip_prefix('#').unwrap().parse().unwrap(),
                };
                char::from_u32(n).unwrap()
            }
        });
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

/// Without any white space: line breaks in a PDF fall where they may.
fn squeezed(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

proptest! {
    #![proptest_config(Config::with_cases(16))]

    /// Every exporter renders any valid toolkit, for both audiences, without an error or panic.
    #[test]
    fn exporters_never_fail_on_awkward_text(g in generated(awkward(), awkward())) {
        let toolkit = valid(g.source);
        for audience in [Audience::Public, Audience::Members] {
            let artifacts = export_all(&toolkit, audience);
            prop_assert!(artifacts.iter().any(|(_, a)| a.path.as_str() == "briefing.pdf"));
        }
    }

    /// drivers.csv reads back (with the csv crate) to every driver's slug and title, titles
    /// neutralised against formulas exactly as `safe_cell` says.
    #[test]
    fn drivers_csv_round_trips_titles_and_slugs(g in generated(awkward(), awkward())) {
        let toolkit = valid(g.source);
        let artifacts = export_all(&toolkit, Audience::Public);
        let csv = &artifacts.iter().find(|(_, a)| a.path.as_str() == "drivers.csv").unwrap().1;
        let mut reader = csv::Reader::from_reader(csv.bytes.as_slice());
        let rows: Vec<(String, String)> = reader
            .records()
            .map(|r| {
                let r = r.unwrap();
                (r[0].to_string(), r[1].to_string())
            })
            .collect();
        let expected: Vec<(String, String)> = toolkit
            .drivers()
            .iter()
            .map(|(slug, d)| (slug.clone(), maptoolkit_csv::safe_cell(&d.title).into_owned()))
            .collect();
        prop_assert_eq!(rows, expected);
    }
}

proptest! {
    #![proptest_config(Config::with_cases(8))]

    /// Every current driver's title is in the Word briefing's text and the PDF's extracted text.
    #[test]
    fn every_current_driver_title_appears_in_every_document_format(
        g in generated(printable_title(), awkward()),
    ) {
        let toolkit = valid(g.source);
        let artifacts = export_all(&toolkit, Audience::Public);
        let briefing = |format: &str| {
            let name = format!("briefing.{format}");
            &artifacts.iter().find(|(_, a)| a.path.as_str() == name).unwrap().1.bytes
        };
        let docx = squeezed(&docx_body_text(briefing("docx")));
        let pdf = squeezed(&pdftotext(briefing("pdf"), &[]));
        for (i, d) in toolkit.drivers().values().enumerate() {
            prop_assert_eq!(&d.title, &g.titles[i]);
            if d.archived {
                continue;
            }
            let title = squeezed(&d.title);
            prop_assert!(docx.contains(&title), "docx lacks {:?}", d.title);
            prop_assert!(pdf.contains(&title), "pdf lacks {:?}", d.title);
        }
    }

    /// A marker in every protected field (protected story and meeting, every teleconference)
    /// never reaches a public export, in any format.
    #[test]
    fn public_exports_never_hold_protected_markers(g in generated(awkward(), awkward())) {
        let mut source = g.source;
        let m = |s: &str| format!("{s} {MARKER}");
        for entry in &mut source.meetings {
            entry.record.teleconference = Some(Teleconference {
                dial_in: Some(m("+44")),
                access_code: Some(m("code")),
                notes: Some(m("notes")),
            });
            if entry.record.protected {
                entry.record.title = m(&entry.record.title);
                entry.record.agenda[0].title = m(&entry.record.agenda[0].title);
                entry.record.agenda[0].items.push(m("item"));
            }
        }
        for entry in &mut source.stories {
            if entry.record.protected {
                entry.record.title = m(&entry.record.title);
                entry.record.story = m(&entry.record.story);
                entry.record.impact.push(Point::new(m("impact")));
            }
        }
        let toolkit = valid(source);
        for (format, artifact) in export_all(&toolkit, Audience::Public) {
            let text = readable_text(&format, &artifact.bytes);
            prop_assert!(!text.contains(MARKER), "{} holds protected content", artifact.path);
        }
    }

    /// Two runs, and runs on 1 and on 3 threads, give the same files, byte for byte.
    #[test]
    fn output_is_identical_across_runs_and_thread_counts(g in generated(awkward(), awkward())) {
        let toolkit = valid(g.source);
        let pool = |threads| rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
        let (one, three) = (pool(1), pool(3));
        let first = one.install(|| export_all(&toolkit, Audience::Members));
        let again = one.install(|| export_all(&toolkit, Audience::Members));
        let threaded = three.install(|| export_all(&toolkit, Audience::Members));
        for other in [&again, &threaded] {
            prop_assert_eq!(first.len(), other.len());
            for ((fa, a), (fb, b)) in first.iter().zip(other) {
                prop_assert_eq!((fa, &a.path), (fb, &b.path));
                prop_assert!(a.bytes == b.bytes, "{} differs", a.path);
            }
        }
    }
}
