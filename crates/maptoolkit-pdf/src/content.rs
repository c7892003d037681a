//! Painting paginated pages into compressed content streams.
//!
//! Text is drawn with glyph ids of the embedded faces (Identity-H; [`crate::embed`] maps them to
//! the subset and back to Unicode), wrapped in marked content whose MCID ties it to a structure
//! element; running header, footer, rules and shading are artifacts. Hyperlinks and contents
//! entries become [`LinkAnnot`]s for the document writer to turn into annotation objects.
//!
//! A page has two content streams. [`paint`] draws the body as soon as the page is full; what
//! needs the whole document to be paginated first (the footer's "Page X of Y" and the page
//! numbers in the contents) is kept aside and drawn by [`paint_late`] into the second stream at
//! the end. Both depend only on their arguments, so pages are painted in parallel and the result
//! does not depend on the number of threads.

use std::collections::BTreeMap;

use maptoolkit_briefing::Rgb;

use crate::fonts::{Face, Fonts};
use crate::layout::{Item, MARGIN_TOP, MARGIN_X, PAGE_HEIGHT, PAGE_WIDTH};
use crate::paginate::Page;
use crate::structure::StructTree;
use crate::syntax::{Num, deflate, push_hundredths, push_int};

/// Where a heading landed: 0-based page and its top, in PDF coordinates.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Target {
    /// The heading's level.
    pub level: u8,
    /// Its text.
    pub text: String,
    /// The 0-based page.
    pub page: usize,
    /// The top of the heading line, from the page's bottom.
    pub top: f32,
}

/// What a link annotation does.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Action {
    /// Opens a web or mail address.
    Uri(String),
    /// Goes to a heading of this document, by anchor (resolved once every page is placed).
    Goto(String),
}

/// A link annotation to be written for a page.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct LinkAnnot {
    /// `[left, bottom, right, top]` in PDF coordinates.
    pub rect: [f32; 4],
    /// Where it goes.
    pub action: Action,
    /// The `Link` structure element it belongs to.
    pub node: usize,
}

/// Which glyphs of each face are drawn, each with the character it stands for: indexed by glyph
/// id, [`GlyphSet::NONE`] where unused.
///
/// When several characters share a glyph (a space and a no-break space), the lowest is kept, so
/// the text extracted does not depend on which came first.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct GlyphSet([Vec<u32>; 3]);

impl GlyphSet {
    /// An unused glyph.
    const NONE: u32 = u32::MAX;

    fn insert(&mut self, face: Face, gid: u16, c: char) {
        let chars = &mut self.0[face as usize];
        let at = usize::from(gid);
        if chars.len() <= at {
            chars.resize(at + 1, Self::NONE);
        }
        chars[at] = chars[at].min(u32::from(c));
    }

    /// Adds every glyph of `other`.
    pub(crate) fn union(&mut self, other: &GlyphSet) {
        for (mine, theirs) in self.0.iter_mut().zip(&other.0) {
            if mine.len() < theirs.len() {
                mine.resize(theirs.len(), Self::NONE);
            }
            for (m, t) in mine.iter_mut().zip(theirs) {
                *m = (*m).min(*t);
            }
        }
    }

    /// The glyph ids of `face` with their characters, by ascending glyph id.
    pub(crate) fn glyphs(&self, face: Face) -> Vec<(u16, char)> {
        self.0[face as usize]
            .iter()
            .enumerate()
            .filter_map(|(gid, &c)| Some((u16::try_from(gid).ok()?, char::from_u32(c)?)))
            .collect()
    }
}

/// A piece of tagged content, in drawing order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tag {
    /// The page's next MCID belongs to this structure element.
    Content(usize),
    /// The page's next link annotation belongs to this `Link` element.
    Link(usize),
    /// This element's content is drawn later, in the page's second stream: it takes its place
    /// among its parent's kids now, in reading order.
    Later(usize),
}

/// A painted page.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Painted {
    /// The content stream, deflated.
    pub content: Vec<u8>,
    /// Marked content and annotations with their structure elements, in drawing order.
    pub tags: Vec<Tag>,
    /// Link annotations, in drawing order.
    pub links: Vec<LinkAnnot>,
    /// The glyphs drawn.
    pub glyphs: GlyphSet,
    /// Items left for [`paint_late`]: page numbers of headings.
    pub late: Vec<Item>,
}

/// What every page shares.
#[derive(Debug)]
pub(crate) struct Shared<'a> {
    /// The embedded faces.
    pub fonts: &'a Fonts,
    /// The structure tree, for the role of each element.
    pub tree: &'a StructTree,
    /// The running header's text, cleaned for the regular face.
    pub header: &'a str,
    /// The protective marking, cleaned for the bold face: in the header and the footer.
    pub marking: Option<&'a str>,
    /// The colour of the rule under the running header.
    pub rule: Rgb,
}

impl<'a> Painter<'a> {
    fn new(fonts: &'a Fonts, tree: &'a StructTree, first_mcid: usize) -> Painter<'a> {
        Painter {
            fonts,
            tree,
            out: Vec::with_capacity(16 * 1024),
            open: None,
            line_start: (0, 0),
            fill: None,
            font: None,
            tags: Vec::new(),
            mcid: first_mcid,
            links: Vec::new(),
            glyphs: GlyphSet::default(),
            late: Vec::new(),
            draw: true,
            annotate: true,
        }
    }

    fn finish(mut self) -> Painted {
        self.close();
        Painted {
            content: deflate(&self.out),
            tags: self.tags,
            links: self.links,
            glyphs: self.glyphs,
            late: self.late,
        }
    }
}

/// Paints the body of a page: everything but the footer and the page numbers of headings.
///
/// A page that shows page numbers (the contents) is drawn whole in the second stream, so that
/// each entry's title, leader and number are drawn, and read, together; only its link areas are
/// made here, and its elements take their place in the structure tree.
pub(crate) fn paint(page: &Page, shared: &Shared<'_>) -> Painted {
    let mut p = Painter::new(shared.fonts, shared.tree, 0);
    if page.cover {
        // The cover shows the marking too, at the top as on every page.
        if let Some(marking) = shared.marking {
            p.marking(marking, RUNNING_Y);
        }
    } else {
        p.running_header(shared);
    }
    let later = page.items.iter().any(|i| matches!(i, Item::PageRef { .. }));
    for item in &page.items {
        match item {
            Item::Goto { .. } | Item::Anchor { .. } => p.item(item),
            Item::Text { node, .. } if later => {
                if let Some(n) = node {
                    p.tags.push(Tag::Later(*n));
                }
                // Its link annotation, if it has one, is made here; the text is drawn later.
                p.draw = false;
                p.item(item);
                p.draw = true;
                p.late.push(item.clone());
            }
            _ if later => p.late.push(item.clone()),
            _ => p.item(item),
        }
    }
    p.finish()
}

/// What the second content stream of a page needs.
#[derive(Debug)]
pub(crate) struct Late<'a> {
    /// The 0-based page.
    pub page: usize,
    /// How many pages there are.
    pub pages: usize,
    /// Whether it is the cover, which has no footer.
    pub cover: bool,
    /// The page numbers of headings to draw ([`Item::PageRef`]s).
    pub items: &'a [Item],
    /// How many MCIDs the body used: numbering continues from there.
    pub first_mcid: usize,
    /// The protective marking, cleaned for the bold face.
    pub marking: Option<&'a str>,
}

/// Paints the second content stream of a page: footer and page numbers of headings, once
/// `targets` knows where every heading landed.
pub(crate) fn paint_late(
    late: &Late<'_>,
    fonts: &Fonts,
    tree: &StructTree,
    targets: &BTreeMap<String, Target>,
) -> Painted {
    let mut p = Painter::new(fonts, tree, late.first_mcid);
    p.annotate = false;
    for item in late.items {
        match item {
            Item::PageRef { .. } => p.page_ref(item, targets),
            _ => p.item(item),
        }
    }
    // The cover has no page number, but shows the marking at the foot as every page does.
    p.footer(late.page, late.pages, late.marking, !late.cover);
    p.finish()
}

fn to_pdf_y(y_from_text_top: f32) -> f32 {
    PAGE_HEIGHT - MARGIN_TOP - y_from_text_top
}

struct Painter<'a> {
    fonts: &'a Fonts,
    tree: &'a StructTree,
    out: Vec<u8>,
    /// The marked-content sequence and text object open: its element, or `None` for an
    /// artifact. Consecutive lines of one element share them.
    open: Option<Option<usize>>,
    /// Where the current text line starts, in hundredths of a point.
    line_start: (i64, i64),
    /// The fill colour set, if known.
    fill: Option<Rgb>,
    /// The font and size set, if known.
    font: Option<(Face, i64)>,
    tags: Vec<Tag>,
    mcid: usize,
    links: Vec<LinkAnnot>,
    glyphs: GlyphSet,
    late: Vec<Item>,
    /// Whether text is drawn (not on a page drawn later, in its body stream).
    draw: bool,
    /// Whether linked text makes its link annotation (only in the body stream, whose page
    /// object lists the annotations).
    annotate: bool,
}

impl Painter<'_> {
    fn num(&mut self, v: f32) {
        Num(v).push(&mut self.out);
        self.out.push(b' ');
    }

    fn op(&mut self, op: &str) {
        self.out.extend_from_slice(op.as_bytes());
        self.out.push(b'\n');
    }

    fn colour(&mut self, c: Rgb, op: &str) {
        for v in [c.0, c.1, c.2] {
            self.num(f32::from(v) / 255.0);
        }
        self.op(op);
    }

    /// Ends the open text object and marked-content sequence, if any.
    fn close(&mut self) {
        if self.open.take().is_some() {
            self.op("ET");
            self.op("EMC");
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn text(
        &mut self,
        x: f32,
        y: f32,
        size: f32,
        face: Face,
        c: Rgb,
        text: &str,
        node: Option<usize>,
    ) {
        if self.open != Some(node) {
            self.close();
            match node {
                Some(node) => self.open_marked(node),
                None => self.op("/Artifact BMC"),
            }
            self.op("BT");
            self.open = Some(node);
            self.line_start = (0, 0);
        }
        if self.fill != Some(c) {
            self.colour(c, "rg");
            self.fill = Some(c);
        }
        let size_h = Num(size).hundredths();
        if self.font != Some((face, size_h)) {
            self.out.push(b'/');
            self.out.extend_from_slice(face.resource_name().as_bytes());
            self.out.push(b' ');
            push_hundredths(&mut self.out, size_h);
            self.op(" Tf");
            self.font = Some((face, size_h));
        }
        // Td moves from the start of the previous line; in whole hundredths, so positions
        // never drift.
        let at = (Num(x).hundredths(), Num(y).hundredths());
        push_hundredths(&mut self.out, at.0 - self.line_start.0);
        self.out.push(b' ');
        push_hundredths(&mut self.out, at.1 - self.line_start.1);
        self.op(" Td");
        self.line_start = at;
        // Two bytes per glyph id, as a literal string: half the size of hexadecimal.
        self.out.push(b'(');
        for ch in text.chars() {
            let gid = self.fonts.glyph(face, ch);
            self.glyphs.insert(face, gid, ch);
            for b in gid.to_be_bytes() {
                match b {
                    b'(' | b')' | b'\\' => self.out.extend_from_slice(&[b'\\', b]),
                    // A bare carriage return would be read as a line end.
                    b'\r' => self.out.extend_from_slice(b"\\r"),
                    _ => self.out.push(b),
                }
            }
        }
        self.out.extend_from_slice(b")Tj\n");
    }

    /// Opens a marked-content sequence for `node`'s content with the next MCID.
    fn open_marked(&mut self, node: usize) {
        self.out.push(b'/');
        self.out
            .extend_from_slice(self.tree.role(node).as_str().as_bytes());
        self.out.extend_from_slice(b" <</MCID ");
        push_int(&mut self.out, self.mcid as u64);
        self.op(">> BDC");
        self.mcid += 1;
        self.tags.push(Tag::Content(node));
    }

    fn artifact(&mut self, body: impl FnOnce(&mut Self)) {
        self.close();
        self.op("/Artifact BMC");
        body(self);
        self.op("EMC");
    }

    fn line(&mut self, c: Rgb, width: f32, dash: &str, from: (f32, f32), to: (f32, f32)) {
        self.artifact(|p| {
            p.op("q");
            p.colour(c, "RG");
            p.num(width);
            p.op("w");
            p.op(dash);
            p.num(from.0);
            p.num(from.1);
            p.op("m");
            p.num(to.0);
            p.num(to.1);
            p.op("l");
            p.op("S");
            p.op("Q");
        });
    }

    fn item(&mut self, item: &Item) {
        match item {
            Item::Text {
                x,
                baseline,
                size,
                face,
                colour: c,
                text,
                link,
                node,
            } => {
                let (x, y) = (MARGIN_X + x, to_pdf_y(*baseline));
                if self.draw {
                    self.text(x, y, *size, *face, *c, text, *node);
                }
                if let Some(link) = link.as_ref().filter(|_| self.annotate) {
                    let width = self.fonts.width(*face, text.trim_end(), *size);
                    let bottom = y - size * 0.25;
                    self.tags.push(Tag::Link(link.node));
                    self.links.push(LinkAnnot {
                        rect: [x, bottom, x + width, bottom + size * 1.15],
                        action: if link.internal {
                            Action::Goto(link.url.clone())
                        } else {
                            Action::Uri(link.url.clone())
                        },
                        node: link.node,
                    });
                }
            }
            Item::Fill {
                x,
                top,
                width,
                height,
                colour: c,
            } => self.artifact(|p| {
                p.colour(*c, "rg");
                p.fill = Some(*c);
                p.num(MARGIN_X + x);
                p.num(to_pdf_y(top + height));
                p.num(*width);
                p.num(*height);
                p.op("re");
                p.op("f");
            }),
            Item::Bar {
                x,
                top,
                width,
                height,
                colour: c,
                node,
            } => {
                self.close();
                self.open_marked(*node);
                self.colour(*c, "rg");
                self.fill = Some(*c);
                self.num(MARGIN_X + x);
                self.num(to_pdf_y(top + height));
                self.num(*width);
                self.num(*height);
                self.op("re");
                self.op("f");
                self.op("EMC");
            }
            Item::Line {
                x1,
                y1,
                x2,
                y2,
                colour: c,
                width,
                dotted,
            } => {
                let dash = if *dotted { "[0.8 2.4] 0 d" } else { "[] 0 d" };
                self.line(
                    *c,
                    *width,
                    dash,
                    (MARGIN_X + x1, to_pdf_y(*y1)),
                    (MARGIN_X + x2, to_pdf_y(*y2)),
                );
            }
            Item::PageRef { .. } => self.late.push(item.clone()),
            Item::Goto {
                anchor,
                x,
                top,
                width,
                height,
                node,
            } => {
                let left = MARGIN_X + x;
                let bottom = to_pdf_y(top + height);
                self.tags.push(Tag::Link(*node));
                self.links.push(LinkAnnot {
                    rect: [left, bottom, left + width, bottom + height],
                    action: Action::Goto(anchor.clone()),
                    node: *node,
                });
            }
            Item::Anchor { .. } => {}
        }
    }

    /// A page number of a heading, right-aligned, or "–" if the heading is not in the document.
    fn page_ref(&mut self, item: &Item, targets: &BTreeMap<String, Target>) {
        if let Item::PageRef {
            anchor,
            right,
            baseline,
            size,
            face,
            colour: c,
            node,
        } = item
        {
            let number = targets
                .get(anchor)
                .map_or_else(|| "–".to_string(), |t| (t.page + 1).to_string());
            let width = self.fonts.width(*face, &number, *size);
            let x = MARGIN_X + right - width;
            self.text(x, to_pdf_y(*baseline), *size, *face, *c, &number, *node);
        }
    }

    fn running_header(&mut self, shared: &Shared<'_>) {
        let y = RUNNING_Y;
        if let Some(marking) = shared.marking {
            // Right-aligned beside the organisation, or above it where both do not fit.
            let room = PAGE_WIDTH - 2.0 * MARGIN_X - 12.0;
            let both = self.fonts.width(Face::Regular, shared.header, RUNNING_SIZE)
                + self.fonts.width(Face::Bold, marking, RUNNING_SIZE);
            self.marking(marking, if both > room { y + 11.0 } else { y });
        }
        if !shared.header.trim().is_empty() {
            self.text(
                MARGIN_X,
                y,
                RUNNING_SIZE,
                Face::Regular,
                RUNNING_GREY,
                shared.header,
                None,
            );
            self.line(
                shared.rule,
                0.75,
                "[] 0 d",
                (MARGIN_X, y - 6.0),
                (PAGE_WIDTH - MARGIN_X, y - 6.0),
            );
        }
    }

    /// The protective marking, right-aligned at `y`.
    fn marking(&mut self, marking: &str, y: f32) {
        let width = self.fonts.width(Face::Bold, marking, RUNNING_SIZE);
        self.text(
            PAGE_WIDTH - MARGIN_X - width,
            y,
            RUNNING_SIZE,
            Face::Bold,
            RUNNING_GREY,
            marking,
            None,
        );
    }

    fn footer(&mut self, page: usize, pages: usize, marking: Option<&str>, numbered: bool) {
        if let Some(marking) = marking {
            self.text(
                MARGIN_X,
                36.0,
                RUNNING_SIZE,
                Face::Bold,
                RUNNING_GREY,
                marking,
                None,
            );
        }
        if !numbered {
            return;
        }
        let footer = format!("Page {} of {}", page + 1, pages);
        let width = self.fonts.width(Face::Regular, &footer, RUNNING_SIZE);
        let x = PAGE_WIDTH - MARGIN_X - width;
        self.text(
            x,
            36.0,
            RUNNING_SIZE,
            Face::Regular,
            RUNNING_GREY,
            &footer,
            None,
        );
    }
}

/// The baseline of the running header.
const RUNNING_Y: f32 = PAGE_HEIGHT - 40.0;
/// The size of the running header and footer.
const RUNNING_SIZE: f32 = 9.0;
/// Their colour.
const RUNNING_GREY: Rgb = Rgb(0x42, 0x54, 0x63);

/// The anchors on a page, in order, as outline and link targets on page `index`.
pub(crate) fn anchors(page: &Page, index: usize) -> Vec<(String, Target)> {
    let mut out = Vec::new();
    for (i, item) in page.items.iter().enumerate() {
        if let Item::Anchor {
            anchor,
            level,
            text,
        } = item
        {
            // An anchor has no position of its own: the heading's first text item follows it,
            // and the link target is a little above that text's top.
            out.push((
                anchor.clone(),
                Target {
                    level: *level,
                    text: text.clone(),
                    page: index,
                    top: first_text_top(&page.items[i..]),
                },
            ));
        }
    }
    out
}

fn first_text_top(items: &[Item]) -> f32 {
    let after = items
        .iter()
        .find_map(|i| match i {
            Item::Text { baseline, size, .. } => Some(baseline - size),
            _ => None,
        })
        .unwrap_or(0.0);
    to_pdf_y(after) + 4.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glyph_sets_union_keeping_the_lowest_character() {
        let mut a = GlyphSet::default();
        a.insert(Face::Regular, 3, '\u{a0}');
        a.insert(Face::Regular, 130, 'é');
        let mut b = GlyphSet::default();
        b.insert(Face::Regular, 64, 'a');
        b.insert(Face::Regular, 3, ' ');
        b.insert(Face::Bold, 1, 'x');
        a.union(&b);
        assert_eq!(a.glyphs(Face::Regular), [(3, ' '), (64, 'a'), (130, 'é')]);
        assert_eq!(a.glyphs(Face::Bold), [(1, 'x')]);
        assert!(a.glyphs(Face::Italic).is_empty());
    }
}
