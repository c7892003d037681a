//! An estimate of where Word's pages break, for the contents' page numbers.
//!
//! Word lays a document out when it opens it; a `.docx` carries no pages. So that the contents
//! show page numbers at once, without Word asking to update fields, the TOC field's result is
//! saved with numbers from this estimate: every block is measured with the real advance widths of
//! the font ([`crate::metrics`]) at the sizes, spacing and widths of the styles
//! ([`crate::look`]), and placed on A4 pages following the same rules the document gives Word:
//! page breaks, headings and captions kept with what follows, label–value tables kept together,
//! rows that do not split, repeated header rows, and no single first or last line of a
//! paragraph alone on a page.
//!
//! It is an estimate, not a layout engine: no kerning, hyphenation or fallback-font metrics,
//! and Word's and LibreOffice's own rounding differ slightly. The field stays a real TOC field,
//! so updating it in Word replaces the numbers with Word's own. The same pass says which tables
//! are too long to keep on one page and which rows are taller than a page, so the document
//! never asks Word for what it cannot do.

use std::collections::BTreeSet;

use maptoolkit_briefing::{Block, Document, Inline, ListItem};

use crate::look::{
    BULLET_INDENT, CELL_MARGINS, KEY_WIDTH, Kind, Look, MAX_LIST_INDENT, NUMBER_INDENT, ParaLook,
    TEXT_HEIGHT, TEXT_WIDTH,
};
use crate::metrics::{Face, Lines, column_widths};

/// What the estimate found.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Estimate {
    /// The page of each heading, in document order (1 is the cover).
    pub headings: Vec<u32>,
    /// The number of pages.
    pub pages: u32,
    /// Indices of label–value blocks too long to keep on one page.
    pub long_tables: BTreeSet<usize>,
    /// `(block, row)` of table rows taller than a page, which must be allowed to split.
    pub tall_rows: BTreeSet<(usize, usize)>,
}

/// The width of a table's borders between rows, in points (`w:sz` 4, eighths of a point):
/// LibreOffice adds it to the height of every row (measured on its pages).
const ROW_RULE: f32 = 0.5;

/// Estimates the pages of `doc` in `look`.
///
/// Every block is measured once into a [`Plan`]. A contents entry's page number shares the
/// last line of its title (after a right tab), so how many lines an entry takes depends on the
/// numbers being estimated: each pass lays the plan out with the previous pass's numbers in
/// the entries, until the entries' lines no longer change.
pub(crate) fn estimate(doc: &Document, look: &Look) -> Estimate {
    let plan = Measure { look, doc }.plan();
    let (mut estimate, mut lines) = plan.lay_out(&[]);
    // The numbers move the page breaks only through the entries' lines: when those are as in
    // the pass before, so is everything else (and with no contents the first pass is final).
    // Longer numbers only add lines, so this settles within a pass or two; the bound is a
    // guard.
    for _ in 0..MAX_PASSES {
        if lines.is_empty() {
            break;
        }
        let (next, next_lines) = plan.lay_out(&estimate.headings);
        if next_lines == lines {
            return next;
        }
        (estimate, lines) = (next, next_lines);
    }
    estimate
}

/// At most this many passes after the first.
const MAX_PASSES: usize = 8;

/// The height of a page's text area, in points.
fn page_height() -> f32 {
    TEXT_HEIGHT as f32 / 20.0
}

/// A document measured: what to place, in order, and what the measuring found.
#[derive(Debug, Default)]
struct Plan {
    ops: Vec<Op>,
    long_tables: BTreeSet<usize>,
    tall_rows: BTreeSet<(usize, usize)>,
}

/// One step of laying a plan out.
#[derive(Debug, Clone, Copy)]
enum Op {
    /// Place a piece.
    Place(Piece),
    /// A contents entry: `piece` with the lines of its title and, after the tab, the page
    /// number of heading `heading` (by place among all the headings).
    Entry {
        piece: Piece,
        title: Lines,
        face: Face,
        heading: usize,
    },
    /// A page break.
    PageBreak,
    /// The height of the header row repeated at the top of each new page from here (0: none).
    Repeat(f32),
}

impl Plan {
    fn push(&mut self, piece: Piece) {
        self.ops.push(Op::Place(piece));
    }

    /// Lays the plan out with `numbers` (the page of each heading, as far as known) in the
    /// contents; also returns the number of lines of each contents entry.
    fn lay_out(&self, numbers: &[u32]) -> (Estimate, Vec<u32>) {
        let mut flow = Flow {
            height: page_height(),
            y: 0.0,
            page: 1,
            chain: Vec::new(),
            repeat: 0.0,
            after: 0.0,
            broken: true,
            out: Estimate::default(),
        };
        let mut entry_lines = Vec::new();
        for op in &self.ops {
            match *op {
                Op::Place(piece) => flow.push(piece),
                Op::Entry {
                    mut piece,
                    mut title,
                    face,
                    heading,
                } => {
                    let number = numbers.get(heading).copied().unwrap_or(1);
                    title.tab(face, &number.to_string());
                    piece.lines = title.count();
                    entry_lines.push(piece.lines);
                    flow.push(piece);
                }
                Op::PageBreak => flow.page_break(),
                Op::Repeat(height) => flow.repeat = height,
            }
        }
        flow.flush();
        flow.out.pages = flow.page;
        flow.out.long_tables.clone_from(&self.long_tables);
        flow.out.tall_rows.clone_from(&self.tall_rows);
        (flow.out, entry_lines)
    }
}

/// A paragraph or table row to place.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Piece {
    /// Space above, in points. Between paragraphs only the larger of one's space below and the
    /// next one's space above is left, and none at the top of a page the text flowed onto; it
    /// is kept at the top of the document and after a page break (measured on LibreOffice's
    /// pages: see [`Flow::space_above`]).
    before: f32,
    /// Line pitch in points.
    line: f32,
    /// Number of lines.
    lines: u32,
    /// Fixed height besides the lines (cell padding).
    pad: f32,
    /// Space below, in points.
    after: f32,
    /// Never split across pages.
    whole: bool,
    /// On the page of the next piece.
    keep_next: bool,
    /// A heading: its page is recorded.
    heading: bool,
}

impl Piece {
    fn height(&self) -> f32 {
        self.lines as f32 * self.line + self.pad + self.after
    }
}

/// The pages being filled.
struct Flow {
    /// The height of a page's text area, in points.
    height: f32,
    /// How much of the current page is used.
    y: f32,
    /// The current page.
    page: u32,
    /// Pieces that keep with the next, waiting for it.
    chain: Vec<Piece>,
    /// The height of the header row repeated at the top of a new page, inside a data table.
    repeat: f32,
    /// The space below the last piece placed, already counted in `y`.
    after: f32,
    /// The current page began at the start of the document or at a page break, not because
    /// the text flowed onto it.
    broken: bool,
    out: Estimate,
}

impl Flow {
    fn new_page(&mut self) {
        self.page += 1;
        self.y = self.repeat;
        self.after = 0.0;
        self.broken = false;
    }

    /// The space left above `before` when it follows a piece whose space below was `after`,
    /// at `y` down a page: LibreOffice leaves the larger of the two between paragraphs, not
    /// their sum, and drops the space above at the top of a page the text flowed onto
    /// (measured on its pages: a heading's 2.4 pt below disappears before a list item's 2.4 pt
    /// above, a list item's space above at the head of a page).
    fn space_above(&self, before: f32, after: f32, y: f32) -> f32 {
        if y <= self.repeat && !self.broken {
            0.0
        } else {
            (before - after).max(0.0)
        }
    }

    /// A page break: the next piece starts a page, unless the page is still empty.
    fn page_break(&mut self) {
        self.flush();
        if self.y > 0.0 {
            self.new_page();
        }
        self.broken = true;
    }

    fn push(&mut self, piece: Piece) {
        if piece.keep_next {
            self.chain.push(piece);
            return;
        }
        if !self.chain.is_empty() && self.y > self.repeat {
            // The chain and the start of this piece must fit: all of it if it cannot split, or
            // its first two lines (a paragraph splits only with two lines on each side, Word's
            // widow and orphan control, so one of fewer than four lines moves whole).
            let lead = if piece.whole || piece.lines < 4 {
                piece.lines
            } else {
                2
            };
            let (mut need, mut after) = (0.0, self.after);
            for p in &self.chain {
                need += self.space_above(p.before, after, self.y + need) + p.height();
                after = p.after;
            }
            need += self.space_above(piece.before, after, self.y + need)
                + lead as f32 * piece.line
                + piece.pad;
            if self.y + need > self.height && need <= self.height {
                self.new_page();
            }
        }
        for p in std::mem::take(&mut self.chain) {
            self.place(p);
        }
        self.place(piece);
    }

    /// Places what is left of a chain (before a page break or at the end).
    fn flush(&mut self) {
        for p in std::mem::take(&mut self.chain) {
            self.place(p);
        }
    }

    fn place(&mut self, p: Piece) {
        let mut before = self.space_above(p.before, self.after, self.y);
        self.after = p.after;
        if self.y + before + p.height() - p.after <= self.height {
            self.record(p);
            self.y += before + p.height();
            return;
        }
        if p.whole || p.lines < 4 {
            if self.y > self.repeat {
                self.new_page();
                self.after = p.after;
            }
            self.record(p);
            self.overflow(p.height());
            return;
        }
        // Split, keeping at least two lines on each side.
        let mut left = p.lines;
        let mut first = true;
        loop {
            let room = ((self.height - self.y - before - p.pad) / p.line).floor();
            let fits = if room > 0.0 { room as u32 } else { 0 };
            if fits >= left {
                if first {
                    self.record(p);
                }
                self.after = p.after;
                self.y += before + left as f32 * p.line + p.pad + p.after;
                return;
            }
            if fits < 2 {
                self.new_page();
                before = 0.0;
                continue;
            }
            let take = if left - fits < 2 { left - 2 } else { fits };
            if first {
                self.record(p);
                first = false;
            }
            left -= take;
            self.new_page();
            before = 0.0;
        }
    }

    /// Adds `height` points from the current position, over as many pages as it takes.
    fn overflow(&mut self, height: f32) {
        self.y += height;
        while self.y > self.height {
            self.page += 1;
            self.y -= self.height;
        }
    }

    fn record(&mut self, p: Piece) {
        if p.heading {
            self.out.headings.push(self.page);
        }
    }
}

/// Measures blocks into pieces.
struct Measure<'a> {
    look: &'a Look,
    doc: &'a Document,
}

impl Measure<'_> {
    /// Measures every block of the document.
    fn plan(&self) -> Plan {
        let mut plan = Plan::default();
        for (index, block) in self.doc.blocks.iter().enumerate() {
            self.block(&mut plan, index, block);
        }
        plan
    }

    fn block(&self, plan: &mut Plan, index: usize, block: &Block) {
        let text_width = TEXT_WIDTH as f32 / 20.0;
        match block {
            Block::Title(title) => {
                // The bar above the title: an empty line and its border.
                plan.push(Piece {
                    before: 0.0,
                    line: crate::look::COVER_BAR_LINE as f32 / 20.0,
                    lines: 1,
                    pad: crate::look::COVER_BAR_SIZE as f32 / 8.0,
                    after: 0.0,
                    whole: true,
                    keep_next: false,
                    heading: false,
                });
                let p = self.look.para(Kind::Title);
                plan.push(self.text(p, &[(Face::Bold, title)], text_width));
                if !self.doc.meta.subject.trim().is_empty() {
                    let s = self.look.para(Kind::Subtitle);
                    plan.push(self.text(s, &[(Face::Regular, &self.doc.meta.subject)], text_width));
                }
            }
            Block::Heading(h) => {
                let p = self.look.para(Kind::Heading(h.level.clamp(1, 3)));
                let mut piece = self.text(p, &[(Face::Bold, &h.text)], text_width);
                piece.heading = true;
                piece.whole = true;
                plan.push(piece);
            }
            Block::Paragraph(inlines) => {
                let p = self.look.para(Kind::Normal);
                plan.push(self.inlines(p, inlines, text_width));
            }
            Block::List(list) => {
                let first = if list.numbered {
                    NUMBER_INDENT
                } else {
                    BULLET_INDENT
                };
                self.items(plan, &list.items, first);
            }
            Block::KeyValue(rows) => {
                let p = self.look.para(Kind::KeyValueText);
                let pad = 2.0 * CELL_MARGINS.vertical as f32 / 20.0 + ROW_RULE;
                let key_w = (KEY_WIDTH - 2 * CELL_MARGINS.horizontal) as f32 / 20.0;
                let value_w = (TEXT_WIDTH - KEY_WIDTH - 2 * CELL_MARGINS.horizontal) as f32 / 20.0;
                let pieces: Vec<Piece> = rows
                    .iter()
                    .map(|row| {
                        let key = self.text(p, &[(Face::Bold, &row.key)], key_w);
                        let value = self.inlines(p, &row.value, value_w);
                        Piece {
                            before: 0.0,
                            lines: key.lines.max(value.lines),
                            pad,
                            after: 0.0,
                            whole: true,
                            ..key
                        }
                    })
                    .collect();
                let total: f32 = pieces.iter().map(Piece::height).sum();
                let together = total <= page_height();
                if !together {
                    plan.long_tables.insert(index);
                }
                let last = pieces.len().saturating_sub(1);
                for (r, mut piece) in pieces.into_iter().enumerate() {
                    if piece.height() > page_height() {
                        plan.tall_rows.insert((index, r));
                        piece.whole = false;
                    }
                    piece.keep_next = together && r < last;
                    plan.push(piece);
                }
            }
            Block::Table(table) => {
                if !table.caption.trim().is_empty() {
                    let c = self.look.para(Kind::Caption);
                    plan.push(self.text(c, &[(Face::Bold, &table.caption)], text_width));
                }
                let p = self.look.para(Kind::TableText);
                let pad = 2.0 * CELL_MARGINS.vertical as f32 / 20.0 + ROW_RULE;
                let padding = 2.0 * CELL_MARGINS.horizontal as f32 / 20.0;
                let widths = table_columns(self.look, table);
                let row = |face: Face, cells: &[String]| {
                    let lines = cells
                        .iter()
                        .zip(&widths)
                        .map(|(text, w)| {
                            let mut l = Lines::new(p.size_pt(), *w as f32 / 20.0 - padding);
                            l.add(face, text);
                            l.count()
                        })
                        .max()
                        .unwrap_or(1);
                    Piece {
                        before: 0.0,
                        line: p.spacing.line as f32 / 20.0,
                        lines,
                        pad,
                        after: 0.0,
                        whole: true,
                        keep_next: false,
                        heading: false,
                    }
                };
                let header = Piece {
                    keep_next: true,
                    ..row(Face::Bold, &table.columns)
                };
                plan.push(header);
                let repeat = header.height().min(page_height() / 2.0);
                plan.ops.push(Op::Repeat(repeat));
                for (r, cells) in table.rows.iter().enumerate() {
                    let mut piece = row(Face::Regular, cells);
                    if piece.height() > page_height() - repeat {
                        plan.tall_rows.insert((index, r));
                        piece.whole = false;
                    }
                    plan.push(piece);
                }
                plan.ops.push(Op::Repeat(0.0));
            }
            Block::Contents(contents) => {
                let h = self.look.para(Kind::TocHeading);
                let mut title = self.text(h, &[(Face::Bold, &contents.title)], text_width);
                title.whole = true;
                plan.push(title);
                let max_level = contents.max_level.clamp(1, 3);
                // Numbered as the exporter numbers them: by place among all the headings.
                for (n, entry) in self.doc.outline(u8::MAX).iter().enumerate() {
                    if entry.level > max_level {
                        continue;
                    }
                    let level = entry.level.clamp(1, 3);
                    let p = self.look.para(Kind::Toc(level));
                    let face = if p.bold { Face::Bold } else { Face::Regular };
                    let indent = p.indent.map_or(0, |i| i.left) as f32 / 20.0;
                    let mut title = Lines::new(p.size_pt(), text_width - indent);
                    title.add(face, entry.text);
                    plan.ops.push(Op::Entry {
                        piece: paragraph(p, 1),
                        title,
                        face,
                        heading: n,
                    });
                }
            }
            Block::Chart(chart) => {
                let c = self.look.para(Kind::Caption);
                let mut caption = self.text(c, &[(Face::Bold, &chart.title)], text_width);
                caption.keep_next = true;
                plan.push(caption);
                let p = self.look.para(Kind::Normal);
                // The drawing is one line as tall as the chart.
                plan.push(Piece {
                    before: p.spacing.before as f32 / 20.0,
                    line: crate::chart::height_pt(chart),
                    lines: 1,
                    pad: 0.0,
                    after: p.spacing.after as f32 / 20.0,
                    whole: true,
                    keep_next: false,
                    heading: false,
                });
            }
            Block::PageBreak => plan.ops.push(Op::PageBreak),
        }
    }

    fn items(&self, plan: &mut Plan, items: &[ListItem], indent: u32) {
        let p = self.look.para(Kind::ListParagraph);
        for item in items {
            let width = (TEXT_WIDTH - indent.min(MAX_LIST_INDENT)) as f32 / 20.0;
            let mut piece = self.inlines(p, &item.content, width);
            piece.keep_next = !item.children.is_empty();
            plan.push(piece);
            self.items(plan, &item.children, indent + BULLET_INDENT);
        }
    }

    fn inlines(&self, p: ParaLook, inlines: &[Inline], width: f32) -> Piece {
        let runs: Vec<(Face, &str)> = inlines
            .iter()
            .map(|i| match i {
                Inline::Strong(t) => (Face::Bold, t.as_str()),
                other => (Face::Regular, other.as_str()),
            })
            .collect();
        self.text(p, &runs, width)
    }

    /// A paragraph of `runs` in style `p`, `width` points wide.
    fn text(&self, p: ParaLook, runs: &[(Face, &str)], width: f32) -> Piece {
        let mut lines = Lines::new(p.size_pt(), width);
        for (face, text) in runs {
            let face = if p.bold { Face::Bold } else { *face };
            lines.add(face, text);
        }
        paragraph(p, lines.count())
    }
}

/// A paragraph of `lines` lines in style `p`.
fn paragraph(p: ParaLook, lines: u32) -> Piece {
    let line = (p.spacing.line as f32 / 20.0).max(p.size_pt() * 1.15);
    Piece {
        before: p.spacing.before as f32 / 20.0,
        line,
        lines,
        pad: 0.0,
        after: p.spacing.after as f32 / 20.0,
        whole: false,
        keep_next: p.keep_next,
        heading: false,
    }
}

/// The column widths of a data table, in twentieths of a point: sized to their content.
pub(crate) fn table_columns(look: &Look, table: &maptoolkit_briefing::Table) -> Vec<u32> {
    let p = look.para(Kind::TableText);
    column_widths(
        table,
        p.size_pt(),
        2.0 * CELL_MARGINS.horizontal as f32 / 20.0 + 1.0,
        TEXT_WIDTH,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use maptoolkit_briefing::{Contents, Heading, HouseStyle, KeyValue, Metadata, Timestamp};

    fn doc(blocks: Vec<Block>) -> Document {
        Document {
            meta: Metadata {
                title: "T".into(),
                subject: String::new(),
                author: "A".into(),
                language: "en-GB".into(),
                as_of: "2018-01-01".into(),
                created: Timestamp::from_unix_seconds(0),
                marking: None,
            },
            blocks,
        }
    }

    fn heading(level: u8, text: &str) -> Block {
        Block::Heading(Heading {
            level,
            text: text.into(),
            anchor: text.into(),
        })
    }

    fn para(words: usize) -> Block {
        Block::Paragraph(vec![Inline::text("word ".repeat(words))])
    }

    fn pages(blocks: Vec<Block>) -> Estimate {
        estimate(&doc(blocks), &Look::new(&HouseStyle::default()))
    }

    #[test]
    fn page_breaks_start_pages_and_headings_land_on_them() {
        let e = pages(vec![
            Block::Title("Cover".into()),
            Block::PageBreak,
            Block::Contents(Contents {
                title: "Contents".into(),
                max_level: 2,
            }),
            Block::PageBreak,
            heading(1, "One"),
            para(10),
            Block::PageBreak,
            Block::PageBreak,
            heading(1, "Two"),
        ]);
        assert_eq!(e.headings, [3, 4]);
        assert_eq!(e.pages, 4);
    }

    #[test]
    fn a_heading_goes_overleaf_with_its_text_rather_than_end_a_page() {
        // 60 words take 4 lines of 16.8 pt (16 words a line), 74.4 pt with the space above; a
        // page holds 700.2 pt, and "Start" takes 45.45. After `n` such paragraphs, "Low"
        // (36.6 pt) and the first two lines of its text (40.8 pt) need 77.4 pt.
        let low = |n: usize| {
            let mut blocks = vec![heading(1, "Start")];
            blocks.extend((0..n).map(|_| para(60)));
            blocks.push(heading(2, "Low"));
            blocks.push(para(60));
            pages(blocks).headings
        };
        // 45.45 + 7 × 74.4 + 77.4 = 643.65: all on page 1.
        assert_eq!(low(7), [1, 1]);
        // 45.45 + 8 × 74.4 = 640.65: the heading alone would fit, with its text it does not.
        assert_eq!(low(8), [1, 2]);
    }

    #[test]
    fn a_heading_goes_overleaf_with_a_paragraph_too_short_to_split() {
        // As above, 7 paragraphs of 60 words and 2 of 15 (one line, 24 pt) fill 614.25 pt.
        // "Low" and two lines of text (75 pt) would fit, all three lines (91.8 pt) would not.
        let low = |last: usize| {
            let mut blocks = vec![heading(1, "Start")];
            blocks.extend((0..7).map(|_| para(60)));
            blocks.extend([para(15), para(15), heading(2, "Low"), para(last)]);
            pages(blocks).headings
        };
        // Four lines split two and two: the heading and the first two stay on page 1.
        assert_eq!(low(60), [1, 1]);
        // Three lines cannot leave two on each page (widow and orphan control): they move
        // whole, and the heading with them.
        assert_eq!(low(45), [1, 2]);
    }

    #[test]
    fn long_label_value_tables_and_tall_rows_are_found() {
        let row = |words: usize| KeyValue {
            key: "Key".into(),
            value: vec![Inline::text("word ".repeat(words))],
        };
        let e = pages(vec![
            Block::KeyValue(vec![row(3), row(3)]),
            Block::KeyValue((0..80).map(|_| row(3)).collect()),
            Block::KeyValue(vec![row(5_000)]),
        ]);
        assert_eq!(e.long_tables.iter().copied().collect::<Vec<_>>(), [1, 2]);
        assert_eq!(e.tall_rows.iter().copied().collect::<Vec<_>>(), [(2, 0)]);
        assert!(e.pages >= 5, "{e:?}");
    }
}
