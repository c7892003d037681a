//! Drivers rendered back to the post layout, restyled (bullets, label spelling, field order)
//! and imported again come back equal.

use std::path::Path;

use maptoolkit_core::{Driver, PartialDate, Point};
use maptoolkit_import::{ImportOptions, import, render_post};
use proptest::prelude::*;

/// What posts never carry, cleared so a driver can round-trip.
fn postable(mut d: Driver) -> Driver {
    d.alternative_titles.clear();
    d.level = None;
    d.archived = false;
    d.themes.clear();
    // The template has no headline.
    d.headline = None;
    d
}

#[test]
fn fixture_drivers_round_trip() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
    let toolkit = maptoolkit_core::load(&dir, None).unwrap().toolkit;
    let drivers: Vec<Driver> = toolkit.drivers().values().cloned().map(postable).collect();
    let text: String = drivers.iter().map(render_post).collect();
    let imported = import(&text, &ImportOptions::default());
    assert!(imported.report.is_clean(), "{}", imported.report);
    let back: Vec<Driver> = imported
        .source
        .drivers
        .into_iter()
        .map(|e| e.record)
        .collect();
    assert_eq!(back, drivers);
}

/// Words that start a text: capitalised, and not a label, bullet or meeting word.
const FIRST: &[&str] = &[
    "Libraries",
    "Staff",
    "The",
    "NHS",
    "Evidence",
    "Health",
    "Trusts",
    "Knowledge",
    "Services",
    "Leaders",
    "Patients",
    "Clinicians",
    "Commissioners",
    "Funding",
    "Boards",
    "Carter",
];
/// Any other word, punctuation and all.
const WORDS: &[&str] = &[
    "library",
    "care",
    "policy,",
    "(HEE)",
    "library’s",
    "“evidence”",
    "e-learning",
    "2017",
    "£5",
    "–",
    "and/or",
    "50%",
    "systems;",
    "improvement.",
    "Five",
    "Year",
    "Forward",
    "View:",
    "a",
    "of",
    "to",
    "in",
    "STP",
    "value",
    "search",
    "o",
    "-",
    "•",
    "1.",
    "Source:",
    "meeting",
];

fn text(max: usize) -> impl Strategy<Value = String> {
    (
        prop::sample::select(FIRST),
        prop::collection::vec(prop::sample::select(WORDS), 0..max),
    )
        .prop_map(|(first, rest)| {
            let mut words = vec![first];
            words.extend(rest);
            words.join(" ")
        })
}

/// A paragraph of prose: it ends with a full stop.
fn sentence() -> impl Strategy<Value = String> {
    text(30).prop_map(|t| format!("{}.", t.trim_end_matches(['.', ',', ';', ':'])))
}

/// A title: nothing that reads as a meeting or a label, and no closing full stop or colon (a
/// title line is told from prose by that when it is not followed by `Title of driver:`).
fn title() -> impl Strategy<Value = String> {
    text(8).prop_map(|t| {
        t.split(' ')
            .filter(|w| !matches!(*w, "meeting" | "View:" | "Source:" | "1."))
            .collect::<Vec<_>>()
            .join(" ")
            .trim_end_matches(['.', ',', ';', ':', ' '])
            .to_string()
    })
}

fn points(depth: u32) -> impl Strategy<Value = Vec<Point>> {
    let leaf = text(12).prop_map(Point::new);
    let point = leaf.prop_recursive(depth, 24, 4, |inner| {
        (text(12), prop::collection::vec(inner, 0..4))
            .prop_map(|(text, children)| Point::with_children(text, children))
    });
    prop::collection::vec(point, 1..5)
}

fn date(years: std::ops::Range<u16>) -> impl Strategy<Value = PartialDate> {
    (years, 0u8..=12, 0u8..=28).prop_map(|(y, m, d)| {
        let month = (m > 0).then_some(m);
        let day = month.and(Some(d)).filter(|d| *d > 0);
        PartialDate::new(y, month, day).expect("a real date")
    })
}

fn owner() -> impl Strategy<Value = String> {
    prop::sample::select(
        &[
            "FG",
            "VT",
            "TP",
            "ABC",
            "Victoria Treadway",
            "Tracey Pratchett",
            "Fiona Green",
        ][..],
    )
    .prop_map(str::to_string)
}

prop_compose! {
    fn driver()(
        title in title(),
        source in text(6),
        link in prop::option::of("[a-z]{1,10}(/[a-z0-9-]{1,10}){0,2}"),
        publication_format in prop::sample::select(&["PDF", "Web page", "Word document"][..]),
        published in date(2010..2016),
        last_updated in prop::option::of(date(2016..2020)),
        review_due in prop::option::of(date(2016..2020)),
        primary_audience in text(10),
        owner in owner(),
        summary in prop::collection::vec(sentence(), 1..4),
        impact in points(2),
        key_features in points(3),
    ) -> Driver {
        Driver {
            title,
            alternative_titles: vec![],
            source,
            link: link.map(|l| format!("https://www.example.org/{l}")),
            publication_format: Some(publication_format.to_string()),
            published: Some(published),
            last_updated,
            review_due,
            primary_audience: Some(primary_audience),
            owner: Some(owner),
            level: None,
            archived: false,
            draft: false,
            protected: false,
            themes: vec![],
            headline: None,
            summary: format!("{}\n", summary.join("\n\n")),
            impact,
            key_features,
        }
    }
}

/// How a rendered post is restyled before importing it again.
#[derive(Debug, Clone, Copy)]
struct Style {
    /// 0: as rendered (`•`), 1: tabs and `-`, 2: `*` indented, 3: Word's `` / `o` / `▪`.
    bullets: u8,
    /// Labels upper-cased, with a non-breaking space after the colon.
    shout: bool,
    /// Blank lines between bullets dropped.
    tight: bool,
}

fn restyle_bullet(line: &str, style: Style) -> Option<String> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    let text = line.trim_start_matches(' ').strip_prefix("• ")?;
    let depth = indent / 2 - 1;
    Some(match style.bullets {
        1 => format!("{}-\u{a0}{text}", "\t".repeat(depth)),
        2 => format!("{}* {text}", "   ".repeat(depth)),
        3 => match depth {
            0 => format!("\u{F0B7}\t{text}"),
            1 => format!("o\u{a0}\u{a0}\t{text}"),
            d => format!("{}▪\t{text}", "\t".repeat(d - 2)),
        },
        _ => line.to_string(),
    })
}

fn restyle(post: &str, style: Style, order: &[usize]) -> String {
    // Blocks: the title line, then one block per label with the lines under it.
    let mut blocks: Vec<Vec<String>> = Vec::new();
    for (i, line) in post.lines().enumerate() {
        let is_label = i > 0
            && maptoolkit_import::labels::label(line).is_some()
            && maptoolkit_import::bullets::bullet(line).is_none()
            && !line.starts_with(' ');
        if i == 0 || is_label {
            let line = if style.shout && is_label {
                let (label, value) = line.split_once(':').unwrap();
                format!("{} :\u{a0}{}", label.to_uppercase(), value.trim_start())
            } else {
                line.to_string()
            };
            blocks.push(vec![line]);
        } else if let Some(b) = restyle_bullet(line, style) {
            blocks.last_mut().unwrap().push(b);
        } else {
            blocks.last_mut().unwrap().push(line.to_string());
        }
    }
    let (title, fields) = blocks.split_at(1);
    let mut out = title[0].join("\n");
    out.push_str("\n\n");
    for &k in order.iter().filter(|&&k| k < fields.len()) {
        let lines: Vec<&String> = fields[k].iter().filter(|l| !l.is_empty()).collect();
        let mut block = String::new();
        for (j, l) in lines.iter().enumerate() {
            block.push_str(l);
            let next_is_bullet = lines
                .get(j + 1)
                .is_some_and(|n| maptoolkit_import::bullets::bullet(n).is_some());
            block.push_str(if style.tight && next_is_bullet && j > 0 {
                "\n"
            } else {
                "\n\n"
            });
        }
        out.push_str(&block);
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn rendered_drivers_import_back_equal(
        drivers in prop::collection::vec(driver(), 1..4),
        bullets in 0u8..4,
        shout in any::<bool>(),
        tight in any::<bool>(),
        order in Just((0..13).collect::<Vec<usize>>()).prop_shuffle(),
    ) {
        let style = Style { bullets, shout, tight };
        let mut text = String::from("Category Archives: News\n\n");
        for d in &drivers {
            text.push_str(&restyle(&render_post(d), style, &order));
        }
        let imported = import(&text, &ImportOptions::default());
        prop_assert!(imported.report.is_clean(), "{}\n{}", imported.report, text);
        let back: Vec<Driver> = imported.source.drivers.iter().map(|e| e.record.clone()).collect();
        prop_assert_eq!(back, drivers, "{}", text);
        prop_assert!(imported.source.validate(None).is_ok());
    }
}
