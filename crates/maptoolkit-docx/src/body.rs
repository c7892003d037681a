//! Writing `word/document.xml` straight from the briefing model.
//!
//! A briefing has a handful of element shapes: a paragraph of a style (perhaps numbered, perhaps
//! starting a page), a run of plain, strong or emphasised text, a hyperlink, a heading with its
//! bookmark, a label–value table, a data table with a repeated NHS Blue header row, the contents
//! field with its entries, and the section properties. Each is written here, in reading order,
//! with its properties from [`crate::schema`] (so in the schema's order) and its ids assigned as
//! it is written: bookmarks 1, 2, 3… per heading, hyperlink relationships `rIdLink1`, `rIdLink2`…,
//! numbering instances per numbered list. Nothing is parsed again afterwards.
//!
//! The XML is written in batches to `out` (the zip entry, which deflates it), so memory does not
//! grow with the document.

use std::io::Write;

use maptoolkit_briefing::{
    Block, Document, HouseStyle, Inline, KeyValue, ListItem, OutlineEntry, REVIEW_STATUS_KEY,
    ReviewRag, STATUS_COLUMN, Table, inline_text,
};

use crate::look::{self, CELL_MARGINS, KEY_WIDTH, Kind, Look, PAGE, TEXT_WIDTH};
use crate::pages::{Estimate, table_columns};
use crate::schema::{
    BottomRule, CellProps, Indent, ParaProps, RowProps, RunProps, SectionProps, Spacing,
    TableProps, write_grid,
};
use crate::styles::{BULLET_NUM, FIRST_NUMBERED_NUM, MAX_LIST_LEVEL};
use crate::xml::{DECLARATION, Xml};

/// How much XML is gathered before it is handed to the writer.
const BATCH: usize = 64 * 1024;

/// Relationship ids of the document's parts, shared with [`crate::parts`].
pub(crate) mod rel {
    /// The running header.
    pub const HEADER: &str = "rIdHeader";
    /// The footer.
    pub const FOOTER: &str = "rIdFooter";
}

/// What writing the body found that other parts need.
#[derive(Debug, Default)]
pub(crate) struct Written {
    /// Hyperlink targets, in reading order: `rIdLink1` is the first.
    pub links: Vec<String>,
    /// How many numbered lists there are.
    pub numbered_lists: usize,
    /// Each chart's part (`word/charts/chartN.xml`), in reading order.
    pub charts: Vec<Vec<u8>>,
}

/// Writes the document part of `doc` to `out`.
///
/// # Errors
/// What writing to `out` returns.
pub(crate) fn write_document<W: Write>(
    doc: &Document,
    theme: &HouseStyle,
    look: &Look,
    estimate: &Estimate,
    out: &mut W,
) -> std::io::Result<Written> {
    let outline = doc.outline(u8::MAX);
    let bookmarks = outline
        .iter()
        .enumerate()
        .map(|(i, e)| bookmark_name(i, e.anchor))
        .collect();
    let mut anchors = std::collections::BTreeMap::new();
    for (i, e) in outline.iter().enumerate() {
        anchors.entry(e.anchor).or_insert(i);
    }
    let heading_colour = theme.heading_colour.hex();
    let mut b = Body {
        out,
        x: Xml::with_capacity(2 * BATCH),
        doc,
        look,
        estimate,
        outline,
        bookmarks,
        anchors,
        heading_colour: &heading_colour,
        theme,
        written: Written::default(),
        next_heading: 0,
        page_break: false,
        after_table: false,
    };
    b.x.raw(DECLARATION);
    b.x.raw(concat!(
        "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" ",
        "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><w:body>"
    ));
    for (index, block) in doc.blocks.iter().enumerate() {
        b.block(index, block)?;
    }
    if b.page_break || b.after_table {
        // A break with nothing after it, or a table last: Word wants a paragraph to end on.
        b.paragraph(ParaProps::default(), |_| {});
    }
    SectionProps {
        headers: &[("default", rel::HEADER)],
        footers: &[("default", rel::FOOTER)],
        page: PAGE,
        // The cover has no header or footer of its own, unless the document is marked: then
        // the marking is at the top and foot of every page, the cover's too.
        title_page: matches!(doc.blocks.first(), Some(Block::Title(_)))
            && doc.meta.marking.is_none(),
    }
    .write(&mut b.x);
    b.x.raw("</w:body></w:document>");
    b.out.write_all(&b.x.buf)?;
    Ok(b.written)
}

/// The run of a review status's words: bold, in the text colour of its RAG fill.
fn status_run(colour: &str) -> RunProps<'_> {
    RunProps {
        bold: true,
        colour: Some(colour),
        ..RunProps::default()
    }
}

/// A bookmark name for the `index`-th heading: Word wants a letter first and at most 40 letters,
/// digits and `_`. The index keeps names unique even after truncation.
pub(crate) fn bookmark_name(index: usize, anchor: &str) -> String {
    let mut name = format!("h{}_", index + 1);
    for c in anchor.chars() {
        if name.len() >= 40 {
            break;
        }
        name.push(if c.is_ascii_alphanumeric() { c } else { '_' });
    }
    name
}

struct Body<'a, W: Write> {
    out: &'a mut W,
    x: Xml,
    doc: &'a Document,
    look: &'a Look,
    estimate: &'a Estimate,
    outline: Vec<OutlineEntry<'a>>,
    bookmarks: Vec<String>,
    /// The outline index of each heading, by anchor, for links within the document.
    anchors: std::collections::BTreeMap<&'a str, usize>,
    heading_colour: &'a str,
    theme: &'a HouseStyle,
    written: Written,
    next_heading: usize,
    /// The next paragraph starts a new page.
    page_break: bool,
    /// The last thing written was a table (two tables in a row would merge in Word).
    after_table: bool,
}

impl<W: Write> Body<'_, W> {
    /// Hands the batch to the writer when it is full.
    fn flush(&mut self) -> std::io::Result<()> {
        if self.x.buf.len() >= BATCH {
            self.out.write_all(&self.x.buf)?;
            self.x.buf.clear();
        }
        Ok(())
    }

    /// The properties of a paragraph of style `kind`, starting a page if one is due.
    fn props(&mut self, kind: Kind) -> ParaProps<'static> {
        ParaProps {
            style: (kind != Kind::Normal).then_some(kind.id()),
            page_break_before: std::mem::take(&mut self.page_break),
            ..ParaProps::default()
        }
    }

    /// `<w:p>` with `props`, then what `content` writes.
    fn paragraph(&mut self, props: ParaProps<'_>, content: impl FnOnce(&mut Self)) {
        self.after_table = false;
        self.x.raw("<w:p>");
        props.write(&mut self.x);
        content(self);
        self.x.raw("</w:p>");
    }

    /// A run of text with `props`.
    fn run(&mut self, props: RunProps<'_>, text: &str) {
        self.x.raw("<w:r>");
        props.write(&mut self.x);
        self.x.raw("<w:t xml:space=\"preserve\">");
        self.x.text(text);
        self.x.raw("</w:t></w:r>");
    }

    fn styled_run(&mut self, style: Option<&str>, text: &str) {
        self.run(
            RunProps {
                style,
                ..RunProps::default()
            },
            text,
        );
    }

    fn inlines(&mut self, inlines: &[Inline]) {
        for inline in inlines {
            match inline {
                Inline::Text(t) => self.styled_run(None, t),
                Inline::Emphasis(t) => self.styled_run(Some("Emphasis"), t),
                Inline::Strong(t) => self.styled_run(Some("Strong"), t),
                Inline::Link { text, url } => {
                    self.written.links.push(url.clone());
                    let id = format!("rIdLink{}", self.written.links.len());
                    self.x
                        .open("w:hyperlink", &[("r:id", &id), ("w:history", "1")]);
                    self.styled_run(Some("Hyperlink"), text);
                    self.x.close("w:hyperlink");
                }
                Inline::Ref { text, anchor } => match self.anchors.get(anchor.as_str()) {
                    Some(&index) => {
                        let name = self.bookmarks[index].clone();
                        self.x
                            .open("w:hyperlink", &[("w:anchor", &name), ("w:history", "1")]);
                        self.styled_run(Some("Hyperlink"), text);
                        self.x.close("w:hyperlink");
                    }
                    None => self.styled_run(None, text),
                },
            }
        }
    }

    /// The NHS Blue bar at the top of the cover, as the PDF draws it: an empty paragraph whose
    /// bottom border, indented to [`look::COVER_BAR_WIDTH`], is the bar.
    fn cover_bar(&mut self) {
        let props = ParaProps {
            spacing: Some(Spacing {
                before: 0,
                after: 0,
                line: look::COVER_BAR_LINE,
            }),
            indent: Some(Indent {
                right: TEXT_WIDTH - look::COVER_BAR_WIDTH,
                ..Indent::default()
            }),
            rule_below: Some(BottomRule {
                size: look::COVER_BAR_SIZE,
                space: 0,
                colour: self.heading_colour,
            }),
            run: RunProps {
                size: Some(look::COVER_BAR_RUN),
                ..RunProps::default()
            },
            ..ParaProps::default()
        };
        self.paragraph(props, |_| {});
    }

    fn text_paragraph(&mut self, kind: Kind, text: &str) {
        let props = self.props(kind);
        self.paragraph(props, |b| b.styled_run(None, text));
    }

    fn block(&mut self, index: usize, block: &Block) -> std::io::Result<()> {
        match block {
            Block::Title(title) => {
                self.cover_bar();
                self.text_paragraph(Kind::Title, title);
                let subject = &self.doc.meta.subject;
                if !subject.trim().is_empty() {
                    self.text_paragraph(Kind::Subtitle, subject);
                }
            }
            Block::Heading(h) => {
                let id = (self.next_heading + 1).to_string();
                let name = self.bookmarks[self.next_heading].clone();
                self.next_heading += 1;
                let props = self.props(Kind::Heading(h.level.clamp(1, 3)));
                self.paragraph(props, |b| {
                    b.x.empty("w:bookmarkStart", &[("w:id", &id), ("w:name", &name)]);
                    b.styled_run(None, &h.text);
                    b.x.empty("w:bookmarkEnd", &[("w:id", &id)]);
                });
            }
            Block::Paragraph(inlines) => {
                let props = self.props(Kind::Normal);
                self.paragraph(props, |b| b.inlines(inlines));
            }
            Block::List(list) => {
                let num = if list.numbered {
                    self.written.numbered_lists += 1;
                    FIRST_NUMBERED_NUM + self.written.numbered_lists - 1
                } else {
                    BULLET_NUM
                };
                self.items(&list.items, num, 0)?;
            }
            Block::KeyValue(rows) => self.key_value(index, rows)?,
            Block::Table(table) => self.table(index, table)?,
            Block::Contents(contents) => self.contents(&contents.title, contents.max_level),
            Block::Chart(chart) => {
                let mut caption = self.props(Kind::Caption);
                caption.keep_next = true;
                self.paragraph(caption, |b| b.styled_run(None, &chart.title));
                self.written
                    .charts
                    .push(crate::chart::chart_xml(chart, self.theme));
                let n = self.written.charts.len();
                let props = self.props(Kind::Normal);
                self.paragraph(props, |b| crate::chart::drawing(&mut b.x, n, chart));
            }
            Block::PageBreak => self.page_break = true,
        }
        self.flush()
    }

    fn items(&mut self, items: &[ListItem], num: usize, depth: usize) -> std::io::Result<()> {
        for item in items {
            let mut props = self.props(Kind::ListParagraph);
            props.numbering = Some((num, depth.min(MAX_LIST_LEVEL)));
            // An item never ends a page without the first of its sub-points.
            props.keep_next = !item.children.is_empty();
            self.paragraph(props, |b| b.inlines(&item.content));
            self.items(&item.children, num, depth + 1)?;
            self.flush()?;
        }
        Ok(())
    }

    /// Before a table: a page break or a table just written needs a paragraph of its own.
    fn before_table(&mut self) {
        if self.page_break || self.after_table {
            let props = self.props(Kind::Normal);
            self.paragraph(props, |_| {});
        }
    }

    fn cell(&mut self, props: CellProps<'_>, content: impl FnOnce(&mut Self)) {
        self.x.raw("<w:tc>");
        props.write(&mut self.x);
        content(self);
        self.x.raw("</w:tc>");
    }

    /// A label–value table: labels bold on pale grey in a 30% column, kept on one page unless
    /// it is longer than a page.
    fn key_value(&mut self, index: usize, rows: &[KeyValue]) -> std::io::Result<()> {
        self.before_table();
        let together = !self.estimate.long_tables.contains(&index);
        self.x.raw("<w:tbl>");
        TableProps {
            width: TEXT_WIDTH,
            border_colour: look::RULE,
            margins: CELL_MARGINS,
            header_row: false,
            caption: None,
        }
        .write(&mut self.x);
        write_grid(&mut self.x, &[KEY_WIDTH, TEXT_WIDTH - KEY_WIDTH]);
        let last = rows.len().saturating_sub(1);
        for (r, row) in rows.iter().enumerate() {
            self.x.raw("<w:tr>");
            RowProps {
                cant_split: !self.estimate.tall_rows.contains(&(index, r)),
                header: false,
            }
            .write(&mut self.x);
            let props = ParaProps {
                style: Some(Kind::KeyValueText.id()),
                keep_next: together && r < last,
                ..ParaProps::default()
            };
            self.cell(
                CellProps {
                    width: KEY_WIDTH,
                    fill: Some(look::PALE),
                },
                |b| {
                    b.paragraph(props, |b| b.styled_run(Some("Strong"), &row.key));
                },
            );
            let value = inline_text(&row.value);
            match ReviewRag::of(&value).filter(|_| row.key == REVIEW_STATUS_KEY) {
                // A review status: its words, bold, on its colour.
                Some(rag) => {
                    let (fill, colour) = (rag.fill().hex(), rag.text().hex());
                    self.cell(
                        CellProps {
                            width: TEXT_WIDTH - KEY_WIDTH,
                            fill: Some(&fill),
                        },
                        |b| b.paragraph(props, |b| b.run(status_run(&colour), &value)),
                    );
                }
                None => self.cell(
                    CellProps {
                        width: TEXT_WIDTH - KEY_WIDTH,
                        fill: None,
                    },
                    |b| b.paragraph(props, |b| b.inlines(&row.value)),
                ),
            }
            self.x.raw("</w:tr>");
            self.flush()?;
        }
        self.x.raw("</w:tbl>");
        self.after_table = true;
        Ok(())
    }

    /// A data table: its caption, an NHS Blue header row that repeats on every page, rows that
    /// do not split, every other row pale, and columns sized to their content.
    fn table(&mut self, index: usize, table: &Table) -> std::io::Result<()> {
        if !table.caption.trim().is_empty() {
            self.text_paragraph(Kind::Caption, &table.caption);
        }
        self.before_table();
        let widths = table_columns(self.look, table);
        self.x.raw("<w:tbl>");
        TableProps {
            width: TEXT_WIDTH,
            border_colour: look::RULE,
            margins: CELL_MARGINS,
            header_row: true,
            caption: (!table.caption.trim().is_empty()).then_some(table.caption.as_str()),
        }
        .write(&mut self.x);
        write_grid(&mut self.x, &widths);
        let heading_colour = self.heading_colour;
        self.row(
            RowProps {
                cant_split: true,
                header: true,
            },
            &table.columns,
            &widths,
            Some(heading_colour),
            RunProps {
                bold: true,
                colour: Some(look::WHITE),
                ..RunProps::default()
            },
            None,
        );
        let status = table.columns.iter().position(|c| c == STATUS_COLUMN);
        for (r, cells) in table.rows.iter().enumerate() {
            self.row(
                RowProps {
                    cant_split: !self.estimate.tall_rows.contains(&(index, r)),
                    header: false,
                },
                cells,
                &widths,
                (r % 2 == 1).then_some(look::PALE),
                RunProps::default(),
                status,
            );
            self.flush()?;
        }
        self.x.raw("</w:tbl>");
        self.after_table = true;
        Ok(())
    }

    fn row(
        &mut self,
        props: RowProps,
        cells: &[String],
        widths: &[u32],
        fill: Option<&str>,
        run: RunProps<'_>,
        status: Option<usize>,
    ) {
        self.x.raw("<w:tr>");
        props.write(&mut self.x);
        for (c, &width) in widths.iter().enumerate() {
            let text = cells.get(c).map_or("", String::as_str);
            let para = ParaProps {
                style: Some(Kind::TableText.id()),
                // The header row stays with the first row.
                keep_next: props.header,
                ..ParaProps::default()
            };
            match ReviewRag::of(text).filter(|_| status == Some(c)) {
                // A review status: its words, bold, on its colour.
                Some(rag) => {
                    let (fill, colour) = (rag.fill().hex(), rag.text().hex());
                    self.cell(
                        CellProps {
                            width,
                            fill: Some(&fill),
                        },
                        |b| b.paragraph(para, |b| b.run(status_run(&colour), text)),
                    );
                }
                None => self.cell(CellProps { width, fill }, |b| {
                    b.paragraph(para, |b| b.run(run, text));
                }),
            }
        }
        self.x.raw("</w:tr>");
    }

    /// The contents: a TOC field whose result is saved filled in, each entry linking to its
    /// heading with its estimated page number after a dotted tab, so the contents read right when
    /// the file opens; Word replaces them with its own when the field is updated.
    fn contents(&mut self, title: &str, max_level: u8) {
        let max_level = max_level.clamp(1, 3);
        self.text_paragraph(Kind::TocHeading, title);
        let instruction = format!(" TOC \\o \"1-{max_level}\" \\h \\z \\u ");
        let entries: Vec<(usize, u8, &str)> = self
            .outline
            .iter()
            .enumerate()
            .filter(|(_, e)| e.level <= max_level)
            .map(|(i, e)| (i, e.level.clamp(1, 3), e.text))
            .collect();
        let begin = |b: &mut Self| {
            b.x.raw("<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r>");
            b.x.leaf("w:instrText", &[("xml:space", "preserve")], &instruction);
            b.x.raw("</w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>");
        };
        let end = |b: &mut Self| b.x.raw("<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>");
        if entries.is_empty() {
            let props = self.props(Kind::Toc(1));
            return self.paragraph(props, |b| {
                begin(b);
                end(b);
            });
        }
        let last = entries.len() - 1;
        for (n, (index, level, text)) in entries.into_iter().enumerate() {
            let page = self.estimate.headings.get(index).copied().unwrap_or(1);
            let anchor = self.bookmarks[index].clone();
            let props = self.props(Kind::Toc(level));
            self.paragraph(props, |b| {
                if n == 0 {
                    begin(b);
                }
                b.x.open("w:hyperlink", &[("w:anchor", &anchor), ("w:history", "1")]);
                b.styled_run(None, text);
                b.x.raw("<w:r><w:tab/></w:r>");
                b.styled_run(None, &page.to_string());
                b.x.close("w:hyperlink");
                if n == last {
                    end(b);
                }
            });
        }
    }
}
