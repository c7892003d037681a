//! The format-neutral document model every exporter renders.
//!
//! A [`Document`] is a flat list of [`Block`]s with [`Metadata`]; a [`Register`] is a named data table
//! for spreadsheets. Composers decide *what* a briefing says; exporters only decide how it looks, so
//! every format says the same thing (pandoc's one tree, many writers).
//!
//! Text in the model is exactly what a person should read. It may hold any Unicode scalar, including
//! characters a format cannot carry (control characters in XML, say): each exporter handles those.

use crate::{Rgb, Timestamp};

/// A narrative document: a briefing or a meeting pack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// Title, author and the other facts a format stores about the document.
    pub meta: Metadata,
    /// The content, in reading order.
    pub blocks: Vec<Block>,
}

/// Facts about a document that formats keep apart from its content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Metadata {
    /// The document title, e.g. "Executive briefing: national drivers".
    pub title: String,
    /// What the document is about, one line.
    pub subject: String,
    /// Who the document is from: the organisation keeping the toolkit.
    pub author: String,
    /// BCP 47 language tag of the text; always `en-GB` for our composers.
    pub language: String,
    /// The date the content was true on, as `YYYY-MM-DD`.
    pub as_of: String,
    /// The moment to record as the document's creation and modification time.
    ///
    /// Exporters embed this and never the clock, so the same input gives the same bytes.
    pub created: Timestamp,
    /// A protective marking, e.g. "OFFICIAL-SENSITIVE: MAP Toolkit members only": when set,
    /// page-based formats show it at the top and the foot of every page, the cover included.
    pub marking: Option<String>,
}

/// One block of content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// The document's title as shown on its cover.
    Title(String),
    /// A section heading.
    Heading(Heading),
    /// A paragraph of running text.
    Paragraph(Vec<Inline>),
    /// A bulleted or numbered list, nested to any depth.
    List(List),
    /// Label–value pairs shown as a two-column table (source, dates, owner and so on).
    KeyValue(Vec<KeyValue>),
    /// A data table with a header row.
    Table(Table),
    /// Where the contents list goes: exporters list the document's headings here (see
    /// [`Document::outline`]).
    Contents(Contents),
    /// A bar chart: drawn as a picture, with its alternative text for those who cannot see it.
    Chart(Chart),
    /// Start a new page.
    PageBreak,
}

/// A section heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// 1 for a main section, 2 for a subsection, 3 below that.
    pub level: u8,
    /// The heading text.
    pub text: String,
    /// An identifier unique within the document, made of ASCII letters, digits and `-`, that
    /// links and bookmarks can point to.
    pub anchor: String,
}

/// A piece of text within a paragraph, list item or value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    /// Plain text.
    Text(String),
    /// Emphasised text (italic).
    Emphasis(String),
    /// Strongly emphasised text (bold).
    Strong(String),
    /// A hyperlink. `url` is always an absolute `http`, `https` or `mailto` URL: composers only
    /// pass links the core crate validated.
    Link {
        /// What a reader sees: a description, never only the URL where a title is known.
        text: String,
        /// Where the link goes.
        url: String,
    },
    /// A link to a heading of the same document.
    Ref {
        /// What a reader sees: the heading's words.
        text: String,
        /// The [`Heading::anchor`] of a heading of the document.
        anchor: String,
    },
}

impl Inline {
    /// Plain text.
    pub fn text(s: impl Into<String>) -> Inline {
        Inline::Text(s.into())
    }

    /// The text a person reads, without formatting.
    pub fn as_str(&self) -> &str {
        match self {
            Inline::Text(s) | Inline::Emphasis(s) | Inline::Strong(s) => s,
            Inline::Link { text, .. } | Inline::Ref { text, .. } => text,
        }
    }
}

/// A list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct List {
    /// Whether the top-level items are numbered (agenda items) or bulleted.
    /// Nested items are always bulleted.
    pub numbered: bool,
    /// The items.
    pub items: Vec<ListItem>,
}

/// An item of a list, with its own nested items.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListItem {
    /// The item's text.
    pub content: Vec<Inline>,
    /// Sub-points, one level deeper.
    pub children: Vec<ListItem>,
}

/// One row of a label–value block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyValue {
    /// The label, e.g. "Source".
    pub key: String,
    /// The value.
    pub value: Vec<Inline>,
}

/// A data table: a header row and rows of plain text cells.
///
/// Every row has exactly as many cells as there are columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// A caption saying what the table shows.
    pub caption: String,
    /// Column headings.
    pub columns: Vec<String>,
    /// The rows.
    pub rows: Vec<Vec<String>>,
}

/// A horizontal bar chart of counts, one bar per category.
///
/// Formats draw it as vectors where they can and always attach [`Chart::description`] as the
/// picture's alternative text, which states every number, so nothing is lost without the
/// picture.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chart {
    /// What it shows, e.g. "Drivers by theme"; shown above it.
    pub title: String,
    /// Alternative text: what it shows, with every category and its number.
    pub description: String,
    /// The bars, in the order shown (top to bottom). Bars of 0 are shown as 0.
    pub bars: Vec<Bar>,
}

/// One bar of a [`Chart`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    /// The category, e.g. a theme's name; may be long (formats wrap it).
    pub label: String,
    /// The count.
    pub value: u32,
    /// The bar's fill; `None` for the house style's heading colour. Formats write the value
    /// beside the bar in text colour, so the fill never carries meaning alone.
    pub colour: Option<Rgb>,
}

impl Chart {
    /// The largest value, at least 1 (the scale of the bars).
    pub fn max_value(&self) -> u32 {
        self.bars.iter().map(|b| b.value).max().unwrap_or(0).max(1)
    }
}

/// Where a contents list goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contents {
    /// The contents list's own heading, e.g. "Contents".
    pub title: String,
    /// The deepest heading level listed.
    pub max_level: u8,
}

/// An entry of a document's outline: one heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutlineEntry<'a> {
    /// The heading's level.
    pub level: u8,
    /// The heading's text.
    pub text: &'a str,
    /// The heading's anchor.
    pub anchor: &'a str,
}

/// A tabular view of the toolkit for spreadsheets: one CSV file, say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Register {
    /// The file stem it is saved under, e.g. `drivers`.
    pub name: String,
    /// The table. Column names are the data contract's field names.
    pub table: Table,
    /// What each column holds, one per column, so that typed formats (a workbook) can store
    /// real dates and links. The cells stay text, as CSV writes them. Empty means every column
    /// is [`ColumnKind::Text`].
    pub kinds: Vec<ColumnKind>,
    /// The moment to record as the register's creation time (formats that store one embed
    /// it, never the clock): [`ExportOptions::created`](crate::ExportOptions::created).
    pub created: Timestamp,
    /// The members' protective marking, as on [`Metadata::marking`]: formats with pages or
    /// sheets show it (the workbook in each sheet's header and footer, above its table and in
    /// its properties). `None` for the public.
    pub marking: Option<String>,
}

impl Register {
    /// The kind of column `index`: [`ColumnKind::Text`] where none is given.
    pub fn kind(&self, index: usize) -> ColumnKind {
        self.kinds.get(index).copied().unwrap_or(ColumnKind::Text)
    }
}

/// What a register column holds, and so how a cell's text is to be read.
///
/// Every kind allows an empty cell (no value).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ColumnKind {
    /// Text, to be shown as it is.
    #[default]
    Text,
    /// A date written to the precision known: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    Date,
    /// An absolute `http`, `https` or `mailto` URL.
    Link,
    /// A whole number written in ASCII digits.
    Number,
    /// A review status as data files write it: `overdue`, `due_soon`, `current` or `not_set`
    /// (see [`ReviewRag`](crate::ReviewRag) for its colour).
    ReviewStatus,
}

impl Document {
    /// The headings of the document, in order, down to `max_level`.
    pub fn outline(&self, max_level: u8) -> Vec<OutlineEntry<'_>> {
        self.blocks
            .iter()
            .filter_map(|block| match block {
                Block::Heading(h) if h.level <= max_level => Some(OutlineEntry {
                    level: h.level,
                    text: &h.text,
                    anchor: &h.anchor,
                }),
                _ => None,
            })
            .collect()
    }

    /// Every piece of text a person would read, one entry per paragraph, item, cell or heading,
    /// in reading order. Tests compare an exporter's output against this.
    pub fn text_lines(&self) -> Vec<String> {
        let mut out = Vec::new();
        for block in &self.blocks {
            match block {
                Block::Title(t) => out.push(t.clone()),
                Block::Heading(h) => out.push(h.text.clone()),
                Block::Paragraph(inlines) => out.push(inline_text(inlines)),
                Block::List(list) => push_items(&list.items, &mut out),
                Block::KeyValue(rows) => {
                    for row in rows {
                        out.push(row.key.clone());
                        out.push(inline_text(&row.value));
                    }
                }
                Block::Table(table) => {
                    out.push(table.caption.clone());
                    out.extend(table.columns.iter().cloned());
                    out.extend(table.rows.iter().flatten().cloned());
                }
                Block::Contents(c) => out.push(c.title.clone()),
                Block::Chart(c) => {
                    out.push(c.title.clone());
                    out.push(c.description.clone());
                }
                Block::PageBreak => {}
            }
        }
        out
    }
}

fn push_items(items: &[ListItem], out: &mut Vec<String>) {
    for item in items {
        out.push(inline_text(&item.content));
        push_items(&item.children, out);
    }
}

/// The text of a run of inlines, without formatting.
pub fn inline_text(inlines: &[Inline]) -> String {
    inlines.iter().map(Inline::as_str).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(blocks: Vec<Block>) -> Document {
        Document {
            meta: Metadata {
                title: "T".into(),
                subject: "S".into(),
                author: "A".into(),
                language: "en-GB".into(),
                as_of: "2026-01-01".into(),
                created: Timestamp::from_unix_seconds(0),
                marking: None,
            },
            blocks,
        }
    }

    #[test]
    fn outline_stops_at_max_level() {
        let h = |level, text: &str| {
            Block::Heading(Heading {
                level,
                text: text.into(),
                anchor: text.to_lowercase(),
            })
        };
        let d = doc(vec![
            h(1, "One"),
            Block::PageBreak,
            h(2, "Two"),
            h(3, "Three"),
        ]);
        let texts: Vec<_> = d.outline(2).iter().map(|e| e.text).collect();
        assert_eq!(texts, ["One", "Two"]);
    }

    #[test]
    fn text_lines_walk_nested_items_in_reading_order() {
        let item = |t: &str, children| ListItem {
            content: vec![Inline::text(t)],
            children,
        };
        let d = doc(vec![Block::List(List {
            numbered: false,
            items: vec![item("a", vec![item("a.1", vec![])]), item("b", vec![])],
        })]);
        assert_eq!(d.text_lines(), ["a", "a.1", "b"]);
    }
}
