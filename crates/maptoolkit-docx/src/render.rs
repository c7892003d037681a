//! Building the Word document from a briefing [`Document`].
//!
//! Everything here is a pure function of the document and the theme: no clock, no randomness, no
//! hash maps. [`skeleton`] builds everything but the body (page setup, styles, numbering, header
//! and footer) as a docx-rs [`Docx`]; [`write_body`] builds the body one block at a time and
//! hands each paragraph, and each table row by row, described as a [`Para`] or [`Row`] (the
//! shape of a docx-rs element and its text, see [`crate::cache`]), to a [`Body`] that streams it
//! out, so no tree of the whole body is ever held. Ids that docx-rs takes from us (numbering instances,
//! bookmarks) are allocated in reading order; ids docx-rs draws from its own process-wide
//! counters (hyperlink relationships, paragraph ids) are renumbered as they stream past by
//! [`crate::package`].

use docx_rs::{
    AbstractNumbering, AlignmentType, Docx, Footer, Header, Level, LevelJc, LevelOverride,
    LevelText, LineSpacing, LineSpacingType, NumPages, NumberFormat, Numbering, PageMargin,
    PageNum, Paragraph, Run, RunFonts, SpecialIndentType, Start, Style, StyleType, Table,
    WidthType,
};
use maptoolkit_briefing::{Block, Document, Inline, ListItem, Theme};

use crate::cache::{Cell, CharStyle, Child, Para, ParaShape, Row};
use crate::package::{Body, PackageError};
use crate::text::xml_safe;

/// Abstract numbering of bulleted lists.
const BULLET_ABSTRACT: usize = 10;
/// Abstract numbering of numbered lists (decimal at the top level, bullets below).
const NUMBERED_ABSTRACT: usize = 11;
/// The numbering instance every bulleted list shares. docx-rs presets id 1, so ours start at 10.
const BULLET_NUM: usize = 10;
/// The first numbering instance of numbered lists; each numbered list gets its own, restarting at 1.
const FIRST_NUMBERED_NUM: usize = 11;
/// Word numbering has nine levels, 0 to 8; deeper items use the last one.
pub(crate) const MAX_LIST_LEVEL: usize = 8;
/// The deepest heading level we style; deeper headings are shown at this level.
const MAX_HEADING_LEVEL: u8 = 3;
/// The paragraph styles of headings, levels 1 to [`MAX_HEADING_LEVEL`].
const HEADING_STYLES: [&str; 3] = ["Heading1", "Heading2", "Heading3"];
/// The paragraph styles of contents entries, levels 1 to [`MAX_HEADING_LEVEL`].
const TOC_STYLES: [&str; 3] = ["TOC1", "TOC2", "TOC3"];

/// A4 portrait, in twentieths of a point.
const PAGE_WIDTH: u32 = 11_906;
const PAGE_HEIGHT: u32 = 16_838;
/// 2 cm margins.
const MARGIN: i32 = 1_134;
/// The width between the margins.
const TEXT_WIDTH: usize = (PAGE_WIDTH as usize) - 2 * (MARGIN as usize);

/// Style ids, shared with [`crate::package`] where it adds what docx-rs cannot express.
pub(crate) mod style_id {
    /// Table style of data tables.
    pub const DATA_TABLE: &str = "BriefingTable";
    /// Table style of label–value tables.
    pub const KEY_VALUE_TABLE: &str = "KeyValueTable";
}

/// Renders everything but the body into a docx-rs tree: page setup, styles, the list
/// definitions, the header and the footer. The numbering instances of numbered lists are added
/// after the body, by [`add_numberings`].
pub(crate) fn skeleton(doc: &Document, theme: &Theme) -> Docx {
    let mut docx = Docx::new()
        .page_size(PAGE_WIDTH, PAGE_HEIGHT)
        .page_margin(
            PageMargin::new()
                .top(MARGIN)
                .bottom(MARGIN)
                .left(MARGIN)
                .right(MARGIN)
                .header(567)
                .footer(567),
        )
        .default_fonts(fonts(theme))
        .default_size(half_points(theme.body_size_pt))
        .default_line_spacing(
            LineSpacing::new()
                .after(160)
                .line(276)
                .line_rule(LineSpacingType::Auto),
        );
    for style in styles(theme) {
        docx = docx.add_style(style);
    }
    docx = add_numbering(docx);

    let organisation = theme.organisation.as_deref().unwrap_or(&doc.meta.author);
    docx.header(Header::new().add_paragraph(para("Header").add_run(text_run(organisation))))
        .footer(
            Footer::new().add_paragraph(
                para("Footer")
                    .align(AlignmentType::Right)
                    .add_run(text_run("Page "))
                    .add_page_num(PageNum::new())
                    .add_run(text_run(" of "))
                    .add_num_pages(NumPages::new()),
            ),
        )
}

/// Writes the document's blocks to `body` in reading order, and returns the numbering instances
/// its numbered lists use (for [`add_numberings`]).
///
/// # Errors
/// What `body` reports: docx-rs XML the package cannot carry (a bug, not bad input).
pub(crate) fn write_body(doc: &Document, body: &mut Body) -> Result<Vec<Numbering>, PackageError> {
    let mut state = State::new(doc);
    for block in &doc.blocks {
        state.block(body, doc, block)?;
    }
    Ok(state.numberings)
}

/// Adds the numbering instances [`write_body`] returned.
pub(crate) fn add_numberings(docx: Docx, numberings: Vec<Numbering>) -> Docx {
    numberings.into_iter().fold(docx, Docx::add_numbering)
}

/// Per-document counters, allocated in reading order.
struct State {
    /// Bookmark names of the headings, in document order.
    bookmarks: Vec<String>,
    /// The index of the next heading.
    next_heading: usize,
    /// The next numbering instance for a numbered list.
    next_numbered: usize,
    /// The numbering instances of the numbered lists written so far.
    numberings: Vec<Numbering>,
}

impl State {
    fn new(doc: &Document) -> State {
        let bookmarks = doc
            .outline(u8::MAX)
            .iter()
            .enumerate()
            .map(|(i, entry)| bookmark_name(i, entry.anchor))
            .collect();
        State {
            bookmarks,
            next_heading: 0,
            next_numbered: FIRST_NUMBERED_NUM,
            numberings: Vec::new(),
        }
    }

    fn block<'d>(
        &mut self,
        body: &mut Body,
        doc: &'d Document,
        block: &'d Block,
    ) -> Result<(), PackageError> {
        match block {
            Block::Title(title) => body.paragraph(&text_para("Title", title)),
            Block::Heading(h) => {
                let index = self.next_heading;
                self.next_heading += 1;
                let level = h.level.clamp(1, MAX_HEADING_LEVEL);
                // Bookmark ids are ours: 1, 2, 3… per document, never docx-rs's global counter.
                let name = self.bookmarks[index].as_str();
                body.paragraph(&Para {
                    shape: ParaShape::styled(HEADING_STYLES[usize::from(level) - 1]),
                    children: vec![
                        Child::BookmarkStart {
                            id: index + 1,
                            name,
                        },
                        Child::Run(CharStyle::Plain, &h.text),
                        Child::BookmarkEnd { id: index + 1 },
                    ],
                })
            }
            Block::Paragraph(inlines) => body.paragraph(&inline_para("Normal", inlines)),
            Block::List(list) => {
                let num = if list.numbered {
                    let n = self.next_numbered;
                    self.next_numbered += 1;
                    self.numberings.push(
                        Numbering::new(n, NUMBERED_ABSTRACT)
                            .add_override(LevelOverride::new(0).start(1)),
                    );
                    n
                } else {
                    BULLET_NUM
                };
                list_items(body, &list.items, num, 0)
            }
            Block::KeyValue(rows) => {
                let key_width = TEXT_WIDTH * 3 / 10;
                let rows = rows.iter().map(|row| Row {
                    header: false,
                    cells: vec![
                        Cell {
                            width: key_width,
                            para: Para {
                                shape: ParaShape::styled("TableText"),
                                children: vec![Child::Run(CharStyle::Strong, &row.key)],
                            },
                        },
                        Cell {
                            width: TEXT_WIDTH - key_width,
                            para: inline_para("TableText", &row.value),
                        },
                    ],
                });
                body.table(
                    &Table::new(vec![])
                        .style(style_id::KEY_VALUE_TABLE)
                        .set_grid(vec![key_width, TEXT_WIDTH - key_width])
                        .width(TEXT_WIDTH, WidthType::Dxa),
                    rows,
                )
            }
            Block::Table(table) => {
                let columns = table.columns.len().max(1);
                let width = TEXT_WIDTH / columns;
                let row = |header: bool, cells: &'d [String]| Row {
                    header,
                    cells: cells
                        .iter()
                        .map(|c| Cell {
                            width,
                            para: text_para("TableText", c),
                        })
                        .collect(),
                };
                // `cantSplit` marks the header row; the packager adds `tblHeader` beside it, which
                // docx-rs has no API for. Body rows never carry `cantSplit`.
                let rows = std::iter::once(row(true, &table.columns))
                    .chain(table.rows.iter().map(|r| row(false, r)));
                body.paragraph(&text_para("Caption", &table.caption))?;
                body.table(
                    &Table::new(vec![])
                        .style(style_id::DATA_TABLE)
                        .set_grid(vec![width; columns])
                        .width(TEXT_WIDTH, WidthType::Dxa),
                    rows,
                )
            }
            Block::Contents(contents) => {
                self.contents(body, doc, &contents.title, contents.max_level)
            }
            Block::PageBreak => body.paragraph(&Para {
                shape: ParaShape {
                    style: None,
                    numbering: None,
                },
                children: vec![Child::PageBreak],
            }),
        }
    }

    /// The contents: a TOC field whose cached result is a plain list of the headings, each linking
    /// to its heading. Before fields update, readers see the plain list; Word and LibreOffice
    /// replace it with page-numbered entries when fields update.
    fn contents(
        &self,
        body: &mut Body,
        doc: &Document,
        title: &str,
        max_level: u8,
    ) -> Result<(), PackageError> {
        let max_level = max_level.clamp(1, MAX_HEADING_LEVEL);
        body.paragraph(&text_para("TOCHeading", title))?;
        let all = doc.outline(u8::MAX);
        let entries: Vec<(usize, u8, &str)> = all
            .iter()
            .enumerate()
            .filter(|(_, e)| e.level <= max_level)
            .map(|(i, e)| (i, e.level.clamp(1, MAX_HEADING_LEVEL), e.text))
            .collect();
        if entries.is_empty() {
            return body.paragraph(&Para {
                shape: ParaShape {
                    style: None,
                    numbering: None,
                },
                children: vec![Child::TocBegin { max_level }, Child::TocEnd],
            });
        }
        let last = entries.len() - 1;
        for (n, (index, level, text)) in entries.into_iter().enumerate() {
            let mut children = Vec::with_capacity(3);
            if n == 0 {
                children.push(Child::TocBegin { max_level });
            }
            children.push(Child::Anchor {
                text,
                name: &self.bookmarks[index],
            });
            if n == last {
                children.push(Child::TocEnd);
            }
            body.paragraph(&Para {
                shape: ParaShape::styled(TOC_STYLES[usize::from(level) - 1]),
                children,
            })?;
        }
        Ok(())
    }
}

/// A bookmark name for the `index`-th heading: Word wants a letter first, at most 40 characters
/// of letters, digits and `_`. The index keeps names unique even after truncation.
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

fn list_items(
    body: &mut Body,
    items: &[ListItem],
    num: usize,
    depth: usize,
) -> Result<(), PackageError> {
    for item in items {
        let level = depth.min(MAX_LIST_LEVEL);
        let mut p = inline_para("ListParagraph", &item.content);
        p.shape.numbering = Some((num, level));
        body.paragraph(&p)?;
        list_items(body, &item.children, num, depth + 1)?;
    }
    Ok(())
}

fn para(style: &str) -> Paragraph {
    Paragraph::new().style(style)
}

fn text_run(text: &str) -> Run {
    Run::new().add_text(xml_safe(text))
}

/// A paragraph of `style` holding one plain run of `text`.
fn text_para<'a>(style: &'static str, text: &'a str) -> Para<'a> {
    Para {
        shape: ParaShape::styled(style),
        children: vec![Child::Run(CharStyle::Plain, text)],
    }
}

fn inline_para<'a>(style: &'static str, inlines: &'a [Inline]) -> Para<'a> {
    let children = inlines
        .iter()
        .map(|inline| match inline {
            Inline::Text(t) => Child::Run(CharStyle::Plain, t),
            Inline::Emphasis(t) => Child::Run(CharStyle::Emphasis, t),
            Inline::Strong(t) => Child::Run(CharStyle::Strong, t),
            Inline::Link { text, url } => Child::Link { text, url },
        })
        .collect();
    Para {
        shape: ParaShape::styled(style),
        children,
    }
}

fn fonts(theme: &Theme) -> RunFonts {
    let f = theme.font_family.as_str();
    RunFonts::new().ascii(f).hi_ansi(f).cs(f).east_asia(f)
}

fn half_points(pt: f32) -> usize {
    // Sizes are small positive numbers; anything odd falls back to 12 pt.
    let hp = (pt * 2.0).round();
    if hp.is_finite() && (2.0..=3276.0).contains(&hp) {
        hp as usize
    } else {
        24
    }
}

fn styles(theme: &Theme) -> Vec<Style> {
    let heading = theme.heading_colour.hex();
    let body = theme.text_colour.hex();
    let body_size = half_points(theme.body_size_pt);
    let p = |id: &str, name: &str| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
    };
    let c = |id: &str, name: &str| {
        Style::new(id, StyleType::Character)
            .name(name)
            .q_format(true)
    };
    let mut styles = vec![
        Style::new("Normal", StyleType::Paragraph)
            .name("Normal")
            .q_format(true)
            .fonts(fonts(theme))
            .size(body_size)
            .color(&body)
            .align(AlignmentType::Left),
        p("Title", "Title")
            .size(body_size * 3)
            .bold()
            .color(&heading)
            .line_spacing(LineSpacing::new().after(240)),
    ];
    for (level, factor) in [(1usize, 20usize), (2, 16), (3, 13)] {
        styles.push(
            p(&format!("Heading{level}"), &format!("heading {level}"))
                .size(body_size * factor / 10)
                .bold()
                .color(&heading)
                .outline_lvl(level - 1)
                .line_spacing(LineSpacing::new().before(240).after(120)),
        );
    }
    styles.extend([
        p("TOCHeading", "TOC Heading")
            .size(body_size * 2)
            .bold()
            .color(&heading)
            .line_spacing(LineSpacing::new().before(240).after(120)),
        p("ListParagraph", "List Paragraph").line_spacing(LineSpacing::new().after(60)),
        p("TableText", "Table Text").line_spacing(LineSpacing::new().before(40).after(40)),
        p("Caption", "caption").bold().color(&heading),
        p("Header", "header")
            .size(body_size * 5 / 6)
            .color(&heading),
        p("Footer", "footer").size(body_size * 5 / 6),
        c("Strong", "Strong").bold(),
        c("Emphasis", "Emphasis").italic(),
        c("Hyperlink", "Hyperlink")
            .color(&heading)
            .underline("single"),
    ]);
    for level in 1..=3usize {
        styles.push(
            p(&format!("TOC{level}"), &format!("toc {level}"))
                .indent(Some(((level - 1) * 440) as i32), None, None, None)
                .line_spacing(LineSpacing::new().after(60)),
        );
    }
    styles
}

fn add_numbering(docx: Docx) -> Docx {
    const BULLETS: [&str; 3] = ["\u{2022}", "\u{25E6}", "\u{25AA}"];
    let level = |lvl: usize, format: &str, text: &str| {
        let indent = 360 * (lvl as i32 + 1);
        Level::new(
            lvl,
            Start::new(1),
            NumberFormat::new(format),
            LevelText::new(text),
            LevelJc::new("left"),
        )
        .indent(
            Some(indent),
            Some(SpecialIndentType::Hanging(360)),
            None,
            None,
        )
    };
    let mut bullets = AbstractNumbering::new(BULLET_ABSTRACT);
    let mut numbered = AbstractNumbering::new(NUMBERED_ABSTRACT);
    for lvl in 0..=MAX_LIST_LEVEL {
        let bullet = BULLETS[lvl % BULLETS.len()];
        bullets = bullets.add_level(level(lvl, "bullet", bullet));
        numbered = numbered.add_level(if lvl == 0 {
            level(0, "decimal", "%1.")
        } else {
            level(lvl, "bullet", bullet)
        });
    }
    docx.add_abstract_numbering(bullets)
        .add_abstract_numbering(numbered)
        .add_numbering(Numbering::new(BULLET_NUM, BULLET_ABSTRACT))
}
