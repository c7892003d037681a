//! Documents built by hand for the tests: a representative briefing and its building blocks.

use maptoolkit_briefing::{
    Block, Contents, Document, Heading, Inline, KeyValue, List, ListItem, Metadata, Table,
    Timestamp,
};

/// The link every representative document carries.
pub const FYFV: &str = "https://www.england.nhs.uk/five-year-forward-view/";

/// Text with characters that must survive unchanged.
pub const SPECIAL: [&str; 6] = [
    "Developing People – Improving Care",
    "1 – 3 years’ time",
    "“coherent national service”",
    "£3.4 billion",
    "Gŵyl Dewi",
    "Health 🏥 and care 💙",
];

pub fn meta(title: &str) -> Metadata {
    Metadata {
        title: title.into(),
        subject: "National drivers for NHS library and knowledge services".into(),
        author: "Health Education England Library Service".into(),
        language: "en-GB".into(),
        as_of: "2018-01-11".into(),
        created: Timestamp::from_date(2018, 1, 11).unwrap(),
    }
}

pub fn heading(level: u8, text: &str) -> Block {
    Block::Heading(Heading {
        level,
        text: text.into(),
        anchor: text
            .to_lowercase()
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect(),
    })
}

pub fn item(text: &str, children: Vec<ListItem>) -> ListItem {
    ListItem {
        content: vec![Inline::text(text)],
        children,
    }
}

/// A briefing that uses every block and inline kind, nested lists four deep and awkward text.
pub fn representative() -> Document {
    Document {
        meta: meta("Executive briefing: national drivers"),
        blocks: vec![
            Block::Title("Executive briefing: national drivers".into()),
            Block::KeyValue(vec![
                KeyValue {
                    key: "Source".into(),
                    value: vec![Inline::Link {
                        text: "Five Year Forward View".into(),
                        url: FYFV.into(),
                    }],
                },
                KeyValue {
                    key: "As of".into(),
                    value: vec![Inline::text("11 January 2018")],
                },
                KeyValue {
                    key: "Audience".into(),
                    value: vec![Inline::text("Executive team")],
                },
            ]),
            Block::Contents(Contents {
                title: "Contents".into(),
                max_level: 2,
            }),
            Block::PageBreak,
            heading(1, "Developing People – Improving Care"),
            Block::Paragraph(vec![
                Inline::text("Within "),
                Inline::Emphasis("1 – 3 years’ time".into()),
                Inline::text(" we need a "),
                Inline::Strong("“coherent national service”".into()),
                Inline::text(", says the "),
                Inline::Link {
                    text: "Five Year Forward View".into(),
                    url: FYFV.into(),
                },
                Inline::text("."),
            ]),
            Block::Paragraph(vec![Inline::text(SPECIAL.join(" · "))]),
            heading(2, "Impact on library services"),
            Block::List(List {
                numbered: false,
                items: vec![
                    item(
                        "Developing People – Improving Care",
                        vec![item(
                            "1 – 3 years’ time",
                            vec![item(
                                "“coherent national service”",
                                vec![item("£3.4 billion for Gŵyl Dewi 🏥", vec![])],
                            )],
                        )],
                    ),
                    item("Control\u{0001}character and <b>&amp; literal", vec![]),
                ],
            }),
            heading(3, "Review register"),
            Block::Table(Table {
                caption: "Review schedule".into(),
                columns: vec!["Driver".into(), "Review due".into(), "Owner".into()],
                rows: vec![
                    vec![
                        "Five Year Forward View".into(),
                        "2018-04-01".into(),
                        "Library manager".into(),
                    ],
                    vec![
                        "Developing People – Improving Care".into(),
                        "2018-06-30".into(),
                        "Knowledge specialist".into(),
                    ],
                ],
            }),
            heading(1, "Agenda"),
            Block::List(List {
                numbered: true,
                items: vec![
                    item("Welcome and apologies", vec![]),
                    item("Matters arising", vec![item("Action log", vec![])]),
                    item("Any other business", vec![]),
                ],
            }),
        ],
    }
}

/// A short document with different content, for rendering between others.
pub fn other(n: usize) -> Document {
    Document {
        meta: meta(&format!("Meeting pack {n}")),
        blocks: vec![
            Block::Title(format!("Meeting pack {n}")),
            heading(1, &format!("Item {n}")),
            Block::Paragraph(vec![Inline::Link {
                text: format!("Link {n}"),
                url: format!("https://example.org/{n}?a=1&b=2"),
            }]),
            Block::List(List {
                numbered: n.is_multiple_of(2),
                items: vec![item(&format!("Point {n}"), vec![])],
            }),
        ],
    }
}
