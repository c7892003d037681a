//! Turning the briefing's blocks into a flow of unbreakable strips, before pagination.
//!
//! Every block becomes one or more [`Unit`]s: a heading, a paragraph, one list item, one table
//! row. A unit is a stack of [`Strip`]s (usually one text line each) that carry positioned
//! [`Item`]s. Units say how they may be paginated: whether they stay with the next unit
//! (headings, table captions and header rows), how many strips must stay together when they are
//! split (orphans and widows), and which table header repeats above them on a new page.
//! [`crate::paginate`] then places strips on pages.

use maptoolkit_briefing::{
    Block, Chart, Document, HouseStyle, Inline, KeyValue, List, ListItem, REVIEW_STATUS_KEY,
    ReviewRag, Rgb, STATUS_COLUMN, Table, inline_text,
};

use crate::fonts::{Face, Fonts};
use crate::linebreak::{Line, Link, Span, break_lines};
use crate::structure::{ROOT, Role, Scope, StructTree};

/// A4 width in points.
pub(crate) const PAGE_WIDTH: f32 = 595.2756;
/// A4 height in points.
pub(crate) const PAGE_HEIGHT: f32 = 841.8898;
/// Left and right margins: 20 mm.
pub(crate) const MARGIN_X: f32 = 56.6929;
/// Top margin, below the running header: 25 mm.
pub(crate) const MARGIN_TOP: f32 = 70.8661;
/// Bottom margin, above the footer: 25 mm.
pub(crate) const MARGIN_BOTTOM: f32 = 70.8661;
/// The width text is set in.
pub(crate) const CONTENT_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN_X;
/// The height pages are filled to.
pub(crate) const CONTENT_HEIGHT: f32 = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM;

const GREY: Rgb = Rgb(0x42, 0x54, 0x63);
const RULE: Rgb = Rgb(0xAE, 0xB7, 0xBD);
const PALE: Rgb = Rgb(0xE8, 0xED, 0xEE);
const WHITE: Rgb = Rgb(0xFF, 0xFF, 0xFF);

/// Something drawn. `x` is measured from the left margin, `y` values down from the top of the
/// strip (after pagination: from the top of the page).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Item {
    /// A run of text in one face.
    Text {
        x: f32,
        baseline: f32,
        size: f32,
        face: Face,
        colour: Rgb,
        text: String,
        /// A hyperlink on this text.
        link: Option<Link>,
        /// The structure element the text belongs to; `None` draws it as an artifact.
        node: Option<usize>,
    },
    /// A filled rectangle (decoration).
    Fill {
        x: f32,
        top: f32,
        width: f32,
        height: f32,
        colour: Rgb,
    },
    /// A filled rectangle that is content of a structure element: a bar of a chart.
    Bar {
        x: f32,
        top: f32,
        width: f32,
        height: f32,
        colour: Rgb,
        node: usize,
    },
    /// A straight line (decoration).
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        colour: Rgb,
        width: f32,
        dotted: bool,
    },
    /// The number of the page `anchor` lands on, right-aligned at `right`.
    PageRef {
        anchor: String,
        right: f32,
        baseline: f32,
        size: f32,
        face: Face,
        colour: Rgb,
        node: Option<usize>,
    },
    /// A clickable area that jumps to the heading `anchor`.
    Goto {
        anchor: String,
        x: f32,
        top: f32,
        width: f32,
        height: f32,
        node: usize,
    },
    /// Where heading `anchor` starts, for bookmarks and the contents page.
    Anchor {
        anchor: String,
        level: u8,
        text: String,
    },
}

impl Item {
    /// The same item moved down by `dy`.
    pub(crate) fn shifted(mut self, dy: f32) -> Item {
        match &mut self {
            Item::Text { baseline, .. } | Item::PageRef { baseline, .. } => *baseline += dy,
            Item::Fill { top, .. } | Item::Goto { top, .. } | Item::Bar { top, .. } => *top += dy,
            Item::Line { y1, y2, .. } => {
                *y1 += dy;
                *y2 += dy;
            }
            Item::Anchor { .. } => {}
        }
        self
    }

    /// Renumbers the structure elements it refers to.
    fn renumber(&mut self, map: impl Fn(usize) -> usize) {
        match self {
            Item::Text { node, link, .. } => {
                if let Some(n) = node {
                    *n = map(*n);
                }
                if let Some(l) = link {
                    l.node = map(l.node);
                }
            }
            Item::PageRef { node, .. } => {
                if let Some(n) = node {
                    *n = map(*n);
                }
            }
            Item::Goto { node, .. } | Item::Bar { node, .. } => *node = map(*node),
            Item::Fill { .. } | Item::Line { .. } | Item::Anchor { .. } => {}
        }
    }

    /// The same item as decoration: text keeps drawing but leaves the structure tree.
    fn into_artifact(mut self) -> Item {
        if let Item::Text { node, .. } | Item::PageRef { node, .. } = &mut self {
            *node = None;
        }
        self
    }
}

/// A horizontal slice of a unit that is never split.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Strip {
    /// Its height in points.
    pub height: f32,
    /// What it draws, relative to its top.
    pub items: Vec<Item>,
}

/// A block, or part of one, with its pagination rules.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Unit {
    /// Space above it, dropped at the top of a page.
    pub space_before: f32,
    /// Its strips, top to bottom.
    pub strips: Vec<Strip>,
    /// Must share a page with the start of the next unit (headings, captions, header rows).
    pub keep_with_next: bool,
    /// When split, at least this many strips stay on each side; 0: never split.
    pub min_split: usize,
    /// The table whose header row is repeated above it on a new page.
    pub table: Option<usize>,
    /// For table rows: when split across pages, a rule from `.0` to `.1` closes each part.
    pub frame: Option<(f32, f32)>,
    /// The document title: its page is the cover, without running header and footer.
    pub title: bool,
}

impl Unit {
    /// The height of all its strips.
    pub(crate) fn height(&self) -> f32 {
        self.strips.iter().map(|s| s.height).sum()
    }

    /// The same unit with its text taken out of the structure tree (a repeated header row).
    pub(crate) fn as_artifact(&self) -> Unit {
        let mut unit = self.clone();
        for strip in &mut unit.strips {
            strip.items = strip.items.drain(..).map(Item::into_artifact).collect();
        }
        unit
    }
}

/// One step of the flow.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Flow {
    /// A unit to place.
    Unit(Unit),
    /// Start a new page.
    PageBreak,
}

/// A laid-out document, ready for pagination.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Laid {
    /// The flow, in reading order.
    pub flow: Vec<Flow>,
    /// Table header rows, by [`Unit::table`].
    pub headers: Vec<Unit>,
    /// The structure tree, with elements created but no content yet.
    pub tree: StructTree,
}

/// Blocks laid out together on one thread.
const BLOCKS_PER_PART: usize = 128;

/// Lays `doc` out in `theme`.
///
/// Blocks do not depend on each other, so runs of them are laid out in parallel, each with its
/// own structure tree and table numbers, and joined in order; the result does not depend on the
/// number of threads.
/// Lays out `blocks` of `doc` and appends them to `into`, numbering their structure elements
/// and tables after those already there.
pub(crate) fn layout_into(
    doc: &Document,
    blocks: &[Block],
    theme: &HouseStyle,
    fonts: &Fonts,
    into: &mut Laid,
) {
    for part in layout_in_parts(doc, blocks, theme, fonts, BLOCKS_PER_PART) {
        into.append(part);
    }
}

fn layout_in_parts(
    doc: &Document,
    blocks: &[Block],
    theme: &HouseStyle,
    fonts: &Fonts,
    per_part: usize,
) -> Vec<Laid> {
    use rayon::prelude::*;
    blocks
        .par_chunks(per_part.max(1))
        .map(|blocks| {
            let mut l = Layouter {
                fonts,
                theme,
                body: theme.body_size_pt.clamp(6.0, 24.0),
                laid: Laid {
                    flow: Vec::new(),
                    headers: Vec::new(),
                    tree: StructTree::new(),
                },
            };
            for block in blocks {
                l.block(doc, block);
            }
            l.laid
        })
        .collect()
}

impl Default for Laid {
    fn default() -> Laid {
        Laid {
            flow: Vec::new(),
            headers: Vec::new(),
            tree: StructTree::new(),
        }
    }
}

impl Laid {
    /// Appends a part laid out on its own: its elements and tables are renumbered after ours.
    fn append(&mut self, part: Laid) {
        let map = self.tree.append(part.tree);
        let tables = self.headers.len();
        let fix = |unit: &mut Unit| {
            unit.table = unit.table.map(|t| t + tables);
            for strip in &mut unit.strips {
                for item in &mut strip.items {
                    item.renumber(&map);
                }
            }
        };
        for mut header in part.headers {
            fix(&mut header);
            self.headers.push(header);
        }
        for mut step in part.flow {
            if let Flow::Unit(unit) = &mut step {
                fix(unit);
            }
            self.flow.push(step);
        }
    }
}

/// A table cell: its spans, its structure element, its fill and its text colour (the row's
/// when `None`).
type Cell = (Vec<Span>, usize, Option<Rgb>, Option<Rgb>);

struct Layouter<'a> {
    fonts: &'a Fonts,
    theme: &'a HouseStyle,
    body: f32,
    laid: Laid,
}

/// How a run of lines is set.
#[derive(Debug, Clone, Copy)]
struct Setting {
    size: f32,
    leading: f32,
    colour: Rgb,
}

impl Layouter<'_> {
    fn push(&mut self, unit: Unit) {
        self.laid.flow.push(Flow::Unit(unit));
    }

    fn body_setting(&self) -> Setting {
        Setting {
            size: self.body,
            leading: self.body * 1.4,
            colour: self.theme.text_colour,
        }
    }

    fn block(&mut self, doc: &Document, block: &Block) {
        match block {
            Block::Title(text) => self.title(doc, text),
            Block::Heading(h) => self.heading(h.level, &h.text, Some(&h.anchor)),
            Block::Paragraph(inlines) => {
                let node = self.laid.tree.add(ROOT, Role::P);
                let spans = self.spans(inlines, Face::Regular, node);
                let setting = self.body_setting();
                let strips = self.text_strips(&spans, 0.0, CONTENT_WIDTH, setting, node);
                self.push(Unit {
                    space_before: self.body * 0.6,
                    strips,
                    min_split: 2,
                    ..Unit::default()
                });
            }
            Block::List(list) => self.list(list, ROOT),
            Block::KeyValue(rows) => self.key_value(rows),
            Block::Table(table) => self.table(table),
            Block::Contents(c) => self.contents(doc, &c.title, c.max_level),
            Block::Chart(chart) => self.chart(chart),
            Block::PageBreak => self.laid.flow.push(Flow::PageBreak),
        }
    }

    /// Cleans text for `face` and makes a span of it.
    fn span(&self, text: &str, face: Face, link: Option<Link>) -> Span {
        Span {
            text: self.fonts.clean(face, text),
            face,
            link,
        }
    }

    fn spans(&mut self, inlines: &[Inline], base: Face, parent: usize) -> Vec<Span> {
        inlines
            .iter()
            .map(|inline| match inline {
                Inline::Text(t) => self.span(t, base, None),
                Inline::Emphasis(t) if base == Face::Regular => self.span(t, Face::Italic, None),
                Inline::Emphasis(t) => self.span(t, base, None),
                Inline::Strong(t) => self.span(t, Face::Bold, None),
                Inline::Link { text, url } => {
                    let node = self.laid.tree.add(parent, Role::Link);
                    let link = Link {
                        url: url.clone(),
                        internal: false,
                        node,
                    };
                    self.span(text, base, Some(link))
                }
                Inline::Ref { text, anchor } => {
                    let node = self.laid.tree.add(parent, Role::Link);
                    let link = Link {
                        url: anchor.clone(),
                        internal: true,
                        node,
                    };
                    self.span(text, base, Some(link))
                }
            })
            .collect()
    }

    fn lines(&self, spans: &[Span], width: f32, size: f32) -> Vec<Line> {
        break_lines(spans, width, |face, c| self.fonts.advance(face, c, size))
    }

    /// One strip per line, text starting at `x`, all belonging to `node`.
    fn text_strips(
        &self,
        spans: &[Span],
        x: f32,
        width: f32,
        s: Setting,
        node: usize,
    ) -> Vec<Strip> {
        self.lines(spans, width, s.size)
            .iter()
            .map(|line| {
                let mut strip = Strip {
                    height: s.leading,
                    items: Vec::new(),
                };
                self.draw_line(&mut strip.items, line, x, baseline(s), s, node);
                strip
            })
            .collect()
    }

    fn draw_line(
        &self,
        items: &mut Vec<Item>,
        line: &Line,
        x: f32,
        baseline: f32,
        s: Setting,
        node: usize,
    ) {
        let last = line.frags.len().saturating_sub(1);
        for (i, frag) in line.frags.iter().enumerate() {
            // The space a line was broken at is drawn (invisibly, past the text) so that text
            // extraction and screen readers keep the words apart.
            let mut text = frag.text.clone();
            if i == last && line.broken_at_space {
                text.push(' ');
            }
            let colour = if frag.link.is_some() {
                self.theme.heading_colour
            } else {
                s.colour
            };
            items.push(Item::Text {
                x: x + frag.x,
                baseline,
                size: s.size,
                face: frag.face,
                colour,
                text,
                link: frag.link.clone(),
                node: Some(frag.link.as_ref().map_or(node, |l| l.node)),
            });
            if frag.link.is_some() {
                let y = baseline + s.size * 0.12;
                items.push(Item::Line {
                    x1: x + frag.x,
                    y1: y,
                    x2: x + frag.x + frag.width,
                    y2: y,
                    colour,
                    width: 0.6,
                    dotted: false,
                });
            }
        }
    }

    fn title(&mut self, doc: &Document, text: &str) {
        let node = self.laid.tree.add(ROOT, Role::H(1));
        let size = self.body * 2.4;
        let setting = Setting {
            size,
            leading: size * 1.2,
            colour: self.theme.heading_colour,
        };
        let band = Strip {
            height: 150.0,
            items: vec![Item::Fill {
                x: 0.0,
                top: 0.0,
                width: 60.0,
                height: 8.0,
                colour: self.theme.heading_colour,
            }],
        };
        let spans = [self.span(text, Face::Bold, None)];
        let mut strips = vec![band];
        strips.extend(self.text_strips(&spans, 0.0, CONTENT_WIDTH, setting, node));
        if !doc.meta.subject.trim().is_empty() {
            let node = self.laid.tree.add(ROOT, Role::P);
            let s = Setting {
                size: self.body * 1.25,
                leading: self.body * 1.8,
                colour: GREY,
            };
            let spans = [self.span(&doc.meta.subject, Face::Regular, None)];
            strips.push(Strip {
                height: self.body,
                items: Vec::new(),
            });
            strips.extend(self.text_strips(&spans, 0.0, CONTENT_WIDTH, s, node));
        }
        self.push(Unit {
            strips,
            title: true,
            ..Unit::default()
        });
    }

    fn heading_setting(&self, level: u8) -> (Setting, f32) {
        let (scale, before) = match level {
            0 | 1 => (1.75, 1.4),
            2 => (1.4, 1.1),
            _ => (1.15, 0.9),
        };
        let size = self.body * scale;
        let s = Setting {
            size,
            leading: size * 1.25,
            colour: self.theme.heading_colour,
        };
        (s, self.body * before)
    }

    fn heading(&mut self, level: u8, text: &str, anchor: Option<&str>) {
        let node = self.laid.tree.add(ROOT, Role::heading(level));
        let (s, before) = self.heading_setting(level);
        let spans = [self.span(text, Face::Bold, None)];
        let mut strips = self.text_strips(&spans, 0.0, CONTENT_WIDTH, s, node);
        if let (Some(anchor), Some(first)) = (anchor, strips.first_mut()) {
            first.items.insert(
                0,
                Item::Anchor {
                    anchor: anchor.to_string(),
                    level,
                    text: text.to_string(),
                },
            );
        }
        if let Some(last) = strips.last_mut() {
            last.height += self.body * 0.2;
        }
        self.push(Unit {
            space_before: before,
            strips,
            keep_with_next: true,
            ..Unit::default()
        });
    }

    fn list(&mut self, list: &List, parent: usize) {
        let node = self.laid.tree.add(parent, Role::L);
        self.list_items(&list.items, node, 0, 0.0, list.numbered);
    }

    /// Items of a list at `depth`, markers at `indent`; nested lists hang from the item's text.
    fn list_items(
        &mut self,
        items: &[ListItem],
        list_node: usize,
        depth: usize,
        indent: f32,
        numbered: bool,
    ) {
        // Deep nesting stops indenting once a third of the width is used.
        let indent = indent.min(CONTENT_WIDTH / 3.0);
        let s = self.body_setting();
        for (i, item) in items.iter().enumerate() {
            let li = self.laid.tree.add(list_node, Role::LI);
            let lbl = self.laid.tree.add(li, Role::Lbl);
            let body = self.laid.tree.add(li, Role::LBody);
            let (marker, gap) = if numbered {
                (format!("{}.", i + 1), 20.0)
            } else {
                (['•', '◦', '▪'][depth % 3].to_string(), 14.0)
            };
            let text_x = indent + gap;
            let spans = self.spans(&item.content, Face::Regular, body);
            let mut strips = self.text_strips(&spans, text_x, CONTENT_WIDTH - text_x, s, body);
            if strips.is_empty() {
                strips.push(Strip {
                    height: s.leading,
                    items: Vec::new(),
                });
            }
            strips[0].items.insert(
                0,
                Item::Text {
                    x: indent,
                    baseline: baseline(s),
                    size: s.size,
                    face: Face::Regular,
                    colour: if numbered {
                        s.colour
                    } else {
                        self.theme.heading_colour
                    },
                    text: marker,
                    link: None,
                    node: Some(lbl),
                },
            );
            let space_before = if depth == 0 && i == 0 {
                self.body * 0.6
            } else {
                self.body * 0.2
            };
            let one_line = strips.len() == 1;
            self.push(Unit {
                space_before,
                strips,
                min_split: 2,
                // An item never ends a page without the first of its sub-points, and a list
                // never ends a page with its first line alone.
                keep_with_next: !item.children.is_empty()
                    || (depth == 0 && i == 0 && one_line && items.len() > 1),
                ..Unit::default()
            });
            if !item.children.is_empty() {
                let nested = self.laid.tree.add(body, Role::L);
                self.list_items(&item.children, nested, depth + 1, text_x, false);
            }
        }
    }

    /// A table row: each cell's spans wrapped in its column, one strip per line across cells.
    fn row(&self, cells: &[Cell], edges: &[f32], s: Setting) -> Unit {
        const PAD_X: f32 = 5.0;
        const PAD_Y: f32 = 4.0;
        let wrapped: Vec<Vec<Line>> = cells
            .iter()
            .zip(edges.windows(2))
            .map(|((spans, ..), e)| self.lines(spans, e[1] - e[0] - 2.0 * PAD_X, s.size))
            .collect();
        let n = wrapped.iter().map(Vec::len).max().unwrap_or(0).max(1);
        let rule = |x1, y1, x2, y2| Item::Line {
            x1,
            y1,
            x2,
            y2,
            colour: RULE,
            width: 0.5,
            dotted: false,
        };
        let (left, right) = (edges[0], edges[edges.len() - 1]);
        let frame = Some((left, right));
        let total = n as f32 * s.leading + 2.0 * PAD_Y;
        if total <= CONTENT_HEIGHT / 2.0 {
            // A row that fits on a page is one strip, drawn cell after cell, so that each
            // cell's text is drawn, and read, together.
            let mut items = Vec::new();
            for (c, ((_, node, fill, text), e)) in cells.iter().zip(edges.windows(2)).enumerate() {
                let s = Setting {
                    colour: text.unwrap_or(s.colour),
                    ..s
                };
                if let Some(colour) = fill {
                    items.push(Item::Fill {
                        x: e[0],
                        top: 0.0,
                        width: e[1] - e[0],
                        height: total,
                        colour: *colour,
                    });
                }
                for (i, line) in wrapped[c].iter().enumerate() {
                    let top = PAD_Y + i as f32 * s.leading;
                    self.draw_line(&mut items, line, e[0] + PAD_X, top + baseline(s), s, *node);
                }
            }
            for &x in edges {
                items.push(rule(x, 0.0, x, total));
            }
            items.push(rule(left, 0.0, right, 0.0));
            items.push(rule(left, total, right, total));
            return Unit {
                strips: vec![Strip {
                    height: total,
                    items,
                }],
                frame,
                ..Unit::default()
            };
        }
        let mut strips = Vec::with_capacity(n);
        for i in 0..n {
            let top_pad = if i == 0 { PAD_Y } else { 0.0 };
            let height = s.leading + top_pad + if i + 1 == n { PAD_Y } else { 0.0 };
            let mut items = Vec::new();
            for (c, ((_, node, fill, text), e)) in cells.iter().zip(edges.windows(2)).enumerate() {
                let s = Setting {
                    colour: text.unwrap_or(s.colour),
                    ..s
                };
                if let Some(colour) = fill {
                    items.push(Item::Fill {
                        x: e[0],
                        top: 0.0,
                        width: e[1] - e[0],
                        height,
                        colour: *colour,
                    });
                }
                if let Some(line) = wrapped[c].get(i) {
                    self.draw_line(
                        &mut items,
                        line,
                        e[0] + PAD_X,
                        top_pad + baseline(s),
                        s,
                        *node,
                    );
                }
            }
            for &x in edges {
                items.push(rule(x, 0.0, x, height));
            }
            if i == 0 {
                items.push(rule(left, 0.0, right, 0.0));
            }
            if i + 1 == n {
                items.push(rule(left, height, right, height));
            }
            strips.push(Strip { height, items });
        }
        // A row taller than half a page is a strip per line, for the paginator to split if it
        // must; it never splits one that fits (min_split 0).
        Unit {
            strips,
            min_split: 0,
            frame,
            ..Unit::default()
        }
    }

    /// A bar chart as a tagged `Figure` whose alternative text states every number: its
    /// title above, then a row per bar: the label (wrapped) in the left column, the bar drawn
    /// to scale from a baseline and its value beside it. Rows never split; the chart may break
    /// between them.
    fn chart(&mut self, chart: &Chart) {
        const BAR_HEIGHT: f32 = 12.0;
        const GAP: f32 = 8.0;
        let size = self.body * 0.85;
        let leading = size * 1.3;
        let label_width = CONTENT_WIDTH * 0.38;
        let axis = label_width + GAP;
        let value_room = self.fonts.width(Face::Bold, "00000", size) + GAP;
        let scale = (CONTENT_WIDTH - axis - value_room) / chart.max_value() as f32;

        let title = self.laid.tree.add(ROOT, Role::P);
        let spans = [self.span(&chart.title, Face::Bold, None)];
        let setting = Setting {
            size: self.body,
            leading: self.body * 1.5,
            colour: self.theme.text_colour,
        };
        let strips = self.text_strips(&spans, 0.0, CONTENT_WIDTH, setting, title);
        self.push(Unit {
            space_before: self.body * 0.8,
            strips,
            keep_with_next: true,
            ..Unit::default()
        });

        let figure = self.laid.tree.add_figure(ROOT, &chart.description);
        let s = Setting {
            size,
            leading,
            colour: self.theme.text_colour,
        };
        let count = chart.bars.len();
        for (i, bar) in chart.bars.iter().enumerate() {
            let spans = [self.span(&bar.label, Face::Regular, None)];
            let lines = self.lines(&spans, label_width, size);
            let text_height = lines.len().max(1) as f32 * leading;
            let height = text_height.max(BAR_HEIGHT) + 6.0;
            let mut items = Vec::new();
            for (l, line) in lines.iter().enumerate() {
                let top = 3.0 + l as f32 * leading;
                self.draw_line(&mut items, line, 0.0, top + baseline(s), s, figure);
            }
            let bar_top = (height - BAR_HEIGHT) / 2.0;
            let width = bar.value as f32 * scale;
            if bar.value > 0 {
                items.push(Item::Bar {
                    x: axis,
                    top: bar_top,
                    width,
                    height: BAR_HEIGHT,
                    colour: bar.colour.unwrap_or(self.theme.heading_colour),
                    node: figure,
                });
            }
            let value = self.fonts.clean(Face::Bold, &bar.value.to_string());
            items.push(Item::Text {
                x: axis + width + 4.0,
                baseline: bar_top + BAR_HEIGHT / 2.0 + size * 0.35,
                size,
                face: Face::Bold,
                colour: self.theme.text_colour,
                text: value,
                link: None,
                node: Some(figure),
            });
            // The baseline the bars grow from.
            items.push(Item::Line {
                x1: axis,
                y1: 0.0,
                x2: axis,
                y2: height,
                colour: GREY,
                width: 0.75,
                dotted: false,
            });
            self.push(Unit {
                space_before: if i == 0 { self.body * 0.4 } else { 0.0 },
                strips: vec![Strip { height, items }],
                keep_with_next: i + 1 < count && i == 0,
                ..Unit::default()
            });
        }
    }

    fn key_value(&mut self, rows: &[KeyValue]) {
        let table = self.laid.tree.add(ROOT, Role::Table);
        let s = Setting {
            size: self.body * 0.9,
            leading: self.body * 0.9 * 1.35,
            colour: self.theme.text_colour,
        };
        let edges = [0.0, CONTENT_WIDTH * 0.3, CONTENT_WIDTH];
        let mut units = Vec::with_capacity(rows.len());
        for (i, row) in rows.iter().enumerate() {
            let tr = self.laid.tree.add(table, Role::TR);
            let th = self.laid.tree.add(tr, Role::TH(Scope::Row));
            let td = self.laid.tree.add(tr, Role::TD);
            let key = vec![self.span(&row.key, Face::Bold, None)];
            let value_text = inline_text(&row.value);
            let value_cell =
                match ReviewRag::of(&value_text).filter(|_| row.key == REVIEW_STATUS_KEY) {
                    // A review status: its words, bold, on its colour.
                    Some(rag) => (
                        vec![self.span(&value_text, Face::Bold, None)],
                        td,
                        Some(rag.fill()),
                        Some(rag.text()),
                    ),
                    None => (self.spans(&row.value, Face::Regular, td), td, None, None),
                };
            let mut unit = self.row(&[(key, th, Some(PALE), None), value_cell], &edges, s);
            if i == 0 {
                unit.space_before = self.body * 0.8;
            }
            units.push(unit);
        }
        // A table that fits on a page moves whole: every row but the last keeps with the next.
        let together = units.iter().map(Unit::height).sum::<f32>() <= CONTENT_HEIGHT;
        let last = units.len().saturating_sub(1);
        for (i, mut unit) in units.into_iter().enumerate() {
            unit.keep_with_next = together && i < last;
            self.push(unit);
        }
    }

    fn table(&mut self, table: &Table) {
        let ncols = table.columns.len().max(1);
        let node = self.laid.tree.add(ROOT, Role::Table);
        let s = Setting {
            size: self.body * 0.85,
            leading: self.body * 0.85 * 1.35,
            colour: self.theme.text_colour,
        };
        if !table.caption.trim().is_empty() {
            let caption = self.laid.tree.add(node, Role::Caption);
            let spans = [self.span(&table.caption, Face::Bold, None)];
            let cs = Setting {
                size: self.body,
                leading: self.body * 1.5,
                colour: self.theme.text_colour,
            };
            let strips = self.text_strips(&spans, 0.0, CONTENT_WIDTH, cs, caption);
            self.push(Unit {
                space_before: self.body * 0.8,
                strips,
                keep_with_next: true,
                ..Unit::default()
            });
        }
        let edges = self.column_edges(table, s.size);
        let tr = self.laid.tree.add(node, Role::TR);
        let header_cells: Vec<_> = (0..ncols)
            .map(|c| {
                let th = self.laid.tree.add(tr, Role::TH(Scope::Column));
                let text = table.columns.get(c).map_or("", String::as_str);
                (
                    vec![self.span(text, Face::Bold, None)],
                    th,
                    Some(self.theme.heading_colour),
                    None,
                )
            })
            .collect();
        let header_setting = Setting { colour: WHITE, ..s };
        let mut header = self.row(&header_cells, &edges, header_setting);
        header.keep_with_next = true;
        header.min_split = 0;
        if table.caption.trim().is_empty() {
            header.space_before = self.body * 0.8;
        }
        let table_id = self.laid.headers.len();
        self.laid.headers.push(header.as_artifact());
        self.push(header);
        let status = table.columns.iter().position(|c| c == STATUS_COLUMN);
        for (r, row) in table.rows.iter().enumerate() {
            let tr = self.laid.tree.add(node, Role::TR);
            let cells: Vec<_> = (0..ncols)
                .map(|c| {
                    let td = self.laid.tree.add(tr, Role::TD);
                    let text = row.get(c).map_or("", String::as_str);
                    match ReviewRag::of(text).filter(|_| status == Some(c)) {
                        // A review status: its words, bold, on its colour.
                        Some(rag) => (
                            vec![self.span(text, Face::Bold, None)],
                            td,
                            Some(rag.fill()),
                            Some(rag.text()),
                        ),
                        None => {
                            let fill = (r % 2 == 1).then_some(PALE);
                            (vec![self.span(text, Face::Regular, None)], td, fill, None)
                        }
                    }
                })
                .collect();
            let mut unit = self.row(&cells, &edges, s);
            unit.table = Some(table_id);
            self.push(unit);
        }
    }

    /// Column boundaries, by the briefing crate's [`maptoolkit_briefing::column_widths`] with
    /// this font's measures.
    fn column_edges(&self, table: &Table, size: f32) -> Vec<f32> {
        let face = |bold: bool| if bold { Face::Bold } else { Face::Regular };
        // The cell padding on both sides, and a point so a line measured to fit still fits
        // after rounding.
        let padding = 11.0;
        let widths =
            maptoolkit_briefing::column_widths(table, CONTENT_WIDTH, padding, |text, b| {
                self.fonts
                    .width(face(b), &self.fonts.clean(face(b), text), size)
            });
        let mut edges = vec![0.0];
        for w in widths {
            edges.push(edges[edges.len() - 1] + w);
        }
        edges
    }

    fn contents(&mut self, doc: &Document, title: &str, max_level: u8) {
        self.heading(1, title, None);
        let toc = self.laid.tree.add(ROOT, Role::TOC);
        const NUMBER_COLUMN: f32 = 36.0;
        for entry in doc.outline(max_level) {
            let toci = self.laid.tree.add(toc, Role::TOCI);
            let link = self.laid.tree.add(toci, Role::Link);
            let face = if entry.level <= 1 {
                Face::Bold
            } else {
                Face::Regular
            };
            let indent = 16.0 * f32::from(entry.level.saturating_sub(1));
            let s = self.body_setting();
            let spans = [self.span(entry.text, face, None)];
            let width = CONTENT_WIDTH - indent - NUMBER_COLUMN;
            let lines = self.lines(&spans, width, s.size);
            let mut strips: Vec<Strip> = lines
                .iter()
                .map(|line| {
                    let mut items = Vec::new();
                    self.draw_line(&mut items, line, indent, baseline(s), s, link);
                    items.push(Item::Goto {
                        anchor: entry.anchor.to_string(),
                        x: indent,
                        top: 0.0,
                        width: CONTENT_WIDTH - indent,
                        height: s.leading,
                        node: link,
                    });
                    Strip {
                        height: s.leading,
                        items,
                    }
                })
                .collect();
            if let (Some(last), Some(line)) = (strips.last_mut(), lines.last()) {
                let y = baseline(s);
                let from = indent + line.width + 6.0;
                let to = CONTENT_WIDTH - NUMBER_COLUMN + 4.0;
                if to > from {
                    last.items.push(Item::Line {
                        x1: from,
                        y1: y,
                        x2: to,
                        y2: y,
                        colour: RULE,
                        width: 0.8,
                        dotted: true,
                    });
                }
                last.items.push(Item::PageRef {
                    anchor: entry.anchor.to_string(),
                    right: CONTENT_WIDTH,
                    baseline: y,
                    size: s.size,
                    face,
                    colour: s.colour,
                    node: Some(link),
                });
            }
            self.push(Unit {
                space_before: if entry.level <= 1 {
                    self.body * 0.5
                } else {
                    self.body * 0.1
                },
                strips,
                ..Unit::default()
            });
        }
    }
}

/// Where the baseline of a line set in `s` sits below the line's top.
fn baseline(s: Setting) -> f32 {
    (s.leading - s.size) / 2.0 + s.size * 0.8
}

#[cfg(test)]
pub(crate) mod tests {
    use maptoolkit_briefing::{Contents, Heading, KeyValue, Metadata, Timestamp};

    use super::*;
    use crate::fonts::fonts;

    /// A document with every kind of block, repeated.
    pub(crate) fn long_document() -> Document {
        let mut blocks = vec![
            Block::Title("Executive briefing".into()),
            Block::Contents(Contents {
                title: "Contents".into(),
                max_level: 2,
            }),
        ];
        for i in 0..40 {
            blocks.extend([
                Block::Heading(Heading {
                    level: 1,
                    text: format!("Driver {i}"),
                    anchor: format!("driver-{i}"),
                }),
                Block::KeyValue(vec![KeyValue {
                    key: "Link".into(),
                    value: vec![Inline::Link {
                        text: "NHS England".into(),
                        url: "https://www.england.nhs.uk/".into(),
                    }],
                }]),
                Block::Paragraph(vec![Inline::text("Plan for 1 – 3 years’ time. ".repeat(9))]),
                Block::List(List {
                    numbered: i % 2 == 0,
                    items: vec![ListItem {
                        content: vec![Inline::text("Point")],
                        children: vec![ListItem {
                            content: vec![Inline::Strong("Sub-point".into())],
                            children: Vec::new(),
                        }],
                    }],
                }),
                Block::Table(Table {
                    caption: format!("Table {i}"),
                    columns: vec!["Driver".into(), "Owner".into()],
                    rows: vec![vec![format!("Driver {i}"), "FG".into()]; 3],
                }),
            ]);
        }
        blocks.push(Block::PageBreak);
        Document {
            meta: Metadata {
                title: "Executive briefing".into(),
                subject: String::new(),
                author: "Library".into(),
                language: "en-GB".into(),
                as_of: "2018-01-11".into(),
                created: Timestamp::from_date(2018, 1, 11).unwrap(),
                marking: None,
            },
            blocks,
        }
    }

    /// The units `blocks` lay out into.
    fn units(blocks: Vec<Block>) -> Vec<Unit> {
        let mut doc = long_document();
        doc.blocks = blocks;
        let mut laid = Laid::default();
        layout_into(
            &doc,
            &doc.blocks,
            &HouseStyle::default(),
            fonts().unwrap(),
            &mut laid,
        );
        laid.flow
            .into_iter()
            .filter_map(|f| match f {
                Flow::Unit(u) => Some(u),
                Flow::PageBreak => None,
            })
            .collect()
    }

    /// The texts a unit draws.
    fn texts(unit: &Unit) -> Vec<String> {
        let mut out = Vec::new();
        for strip in &unit.strips {
            for item in &strip.items {
                if let Item::Text { text, .. } = item {
                    out.push(text.trim_end().to_string());
                }
            }
        }
        out
    }

    #[test]
    fn the_longest_status_is_on_one_line_beside_long_cells_and_rows_do_not_split() {
        let long = "A national framework for action on improvement and leadership ".repeat(3);
        let units = units(vec![Block::Table(Table {
            caption: String::new(),
            columns: [
                "Driver",
                "Group member responsible",
                "Due for review",
                STATUS_COLUMN,
            ]
            .map(String::from)
            .to_vec(),
            rows: vec![
                vec![
                    long.clone(),
                    long.clone(),
                    "11 January 2018".into(),
                    "Due soon".into(),
                ],
                vec![
                    long.clone(),
                    "FG".into(),
                    "February 2018".into(),
                    "Current".into(),
                ],
            ],
        })]);
        let rows = &units[1..];
        for (row, status) in rows.iter().zip(["Due soon", "Current"]) {
            assert!(texts(row).contains(&status.to_string()), "{:?}", texts(row));
            // One strip, never split; the cells' text in cell order.
            assert_eq!((row.strips.len(), row.min_split), (1, 0));
            assert!(texts(row)[0].starts_with("A national"));
        }
    }

    #[test]
    fn key_facts_that_fit_on_a_page_keep_together_and_longer_ones_do_not() {
        let kv = |n: usize| {
            Block::KeyValue(
                (0..n)
                    .map(|i| KeyValue {
                        key: format!("Key {i}"),
                        value: vec![Inline::text("value")],
                    })
                    .collect(),
            )
        };
        let short = units(vec![kv(6)]);
        let kept: Vec<bool> = short.iter().map(|u| u.keep_with_next).collect();
        assert_eq!(kept, [true, true, true, true, true, false]);
        let long = units(vec![kv(60)]);
        assert!(long.iter().all(|u| !u.keep_with_next));
    }

    #[test]
    fn laying_out_in_parts_gives_what_one_pass_gives() {
        let doc = long_document();
        let theme = HouseStyle::default();
        let fonts = fonts().unwrap();
        let joined = |per_part: usize| {
            let mut laid = Laid::default();
            for part in layout_in_parts(&doc, &doc.blocks, &theme, fonts, per_part) {
                laid.append(part);
            }
            laid
        };
        let whole = joined(usize::MAX);
        assert!(whole.headers.len() == 40 && whole.flow.len() > 200);
        for per_part in [1, 3, 7, BLOCKS_PER_PART] {
            assert!(joined(per_part) == whole, "{per_part} blocks per part");
        }
        // Laying out in windows, as the writer does, gives the same too.
        let mut windows = Laid::default();
        for window in doc.blocks.chunks(11) {
            layout_into(&doc, window, &theme, fonts, &mut windows);
        }
        assert!(windows == whole);
    }
}
