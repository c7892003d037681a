//! A representative briefing, built by hand.

use maptoolkit_briefing::{
    Block, Contents, Document, Heading, Inline, KeyValue, List, ListItem, Metadata, Table,
    Timestamp,
};

/// The very long URL-like word of the sample.
pub const LONG_WORD: &str = "https://www.england.nhs.uk/wp-content/uploads/2017/03/NEXT-STEPS-ON-THE-NHS-FIVE-YEAR-FORWARD-VIEW-developing-people-improving-care-appendix.pdf";

fn heading(level: u8, text: &str) -> Block {
    let anchor: String = text
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    Block::Heading(Heading {
        level,
        text: text.to_string(),
        anchor,
    })
}

fn item(text: &str, children: Vec<ListItem>) -> ListItem {
    ListItem {
        content: vec![Inline::text(text)],
        children,
    }
}

fn para(text: &str) -> Block {
    Block::Paragraph(vec![Inline::text(text)])
}

const FILLER: &str = "Library and knowledge services support the organisation's priorities by \
finding, summarising and sharing the evidence behind national policy, so that boards and \
clinical teams can act on it with confidence. Each summary is reviewed on a schedule and kept \
short enough to read before a meeting.";

/// A briefing with everything the model can hold: cover, contents, headings of three levels,
/// styled paragraphs with links, nested lists, key–value rows, a long table and several pages.
pub fn sample() -> Document {
    let mut blocks = vec![
        Block::Title("Executive briefing: national drivers".into()),
        para("Prepared for the Trust Board by the Library and Knowledge Service."),
        Block::KeyValue(vec![
            KeyValue {
                key: "As of".into(),
                value: vec![Inline::text("11 January 2018")],
            },
            KeyValue {
                key: "Organisation".into(),
                value: vec![Inline::text("Ysbyty Gwynedd – Betsi Cadwaladr")],
            },
        ]),
        Block::PageBreak,
        Block::Contents(Contents {
            title: "Contents".into(),
            max_level: 3,
        }),
        Block::PageBreak,
        heading(1, "Developing People – Improving Care"),
        Block::Paragraph(vec![
            Inline::text("A national framework for action on improvement skills. It asks for a "),
            Inline::Emphasis("coherent".into()),
            Inline::text(" approach and a “coherent national service” that is "),
            Inline::Strong("well-led".into()),
            Inline::text(" within 1 – 3 years’ time. Read the "),
            Inline::Link {
                text: "framework on the NHS Improvement website".into(),
                url: "https://improvement.nhs.uk/resources/developing-people-improving-care/"
                    .into(),
            },
            Inline::text(" for the detail; funding of £5m is available."),
        ]),
        heading(2, "Impact on the library service"),
        Block::List(List {
            numbered: false,
            items: vec![
                item(
                    "Developing People – Improving Care",
                    vec![item(
                        "Plan for 1 – 3 years’ time",
                        vec![item(
                            "A “coherent national service” costing £2,000",
                            vec![item("Ŵyl Dewi in Llanfairpwllgwyngyll: ŵ and Łódź", vec![])],
                        )],
                    )],
                ),
                item(
                    "Symbols outside the font: emoji 🚑 and CJK 医 fall back",
                    vec![],
                ),
                item("Control\u{7} character dropped", vec![]),
                ListItem {
                    content: vec![
                        Inline::text("See "),
                        Inline::Link {
                            text: "Health Education England".into(),
                            url: "https://www.hee.nhs.uk/".into(),
                        },
                        Inline::text(" and "),
                        Inline::Strong("act".into()),
                    ],
                    children: vec![],
                },
            ],
        }),
        heading(3, "Long identifiers"),
        Block::Paragraph(vec![Inline::text(format!(
            "The appendix lives at {LONG_WORD} today."
        ))]),
        heading(2, "Agenda"),
        Block::List(List {
            numbered: true,
            items: vec![
                item("Welcome and apologies", vec![]),
                item(
                    "Review of national drivers",
                    vec![item("Five Year Forward View", vec![])],
                ),
                item("Any other business", vec![]),
            ],
        }),
    ];
    for i in 1..=6 {
        blocks.push(heading(2, &format!("Driver {i}: Five Year Forward View")));
        for _ in 0..3 {
            blocks.push(para(FILLER));
        }
        blocks.push(heading(3, &format!("Key features of driver {i}")));
        blocks.push(Block::List(List {
            numbered: false,
            items: (1..=3)
                .map(|k| {
                    item(
                        &format!("Key feature {i}.{k} – staff’s “voice” matters"),
                        vec![],
                    )
                })
                .collect(),
        }));
    }
    blocks.push(heading(1, "Review schedule"));
    blocks.push(Block::Table(Table {
        caption: "Drivers and their next review".into(),
        columns: vec!["Driver".into(), "Owner".into(), "Next review".into(), "Notes".into()],
        rows: (1..=45)
            .map(|r| {
                vec![
                    format!("Driver number {r}"),
                    "Head of Library Services".into(),
                    format!("2018-{:02}-01", (r % 12) + 1),
                    if r % 5 == 0 {
                        "A longer note that wraps inside its cell, over several lines, to show that cells wrap and rows grow to fit their text.".into()
                    } else {
                        "On track".into()
                    },
                ]
            })
            .collect(),
    }));
    blocks.push(heading(1, "Closing remarks"));
    blocks.push(para(FILLER));
    Document {
        meta: Metadata {
            title: "Executive briefing: national drivers".into(),
            subject: "Summaries of national policy documents – for the Trust Board".into(),
            author: "Betsi Cadwaladr University Health Board".into(),
            language: "en-GB".into(),
            as_of: "2018-01-11".into(),
            created: Timestamp::from_date(2018, 1, 11).unwrap(),
        },
        blocks,
    }
}
