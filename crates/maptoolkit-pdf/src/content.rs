//! Painting one paginated page into a compressed content stream.
//!
//! Text is drawn with glyph ids of the embedded faces (Identity-H; [`crate::embed`] maps them to
//! the subset and back to Unicode), wrapped in marked content whose MCID ties it to a structure
//! element; running header, footer, rules and shading are artifacts. Hyperlinks and contents
//! entries become [`LinkAnnot`]s for the document writer to turn into annotation objects.
//!
//! [`paint`] depends only on its arguments, so pages are painted in parallel and the result does
//! not depend on the number of threads.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use maptoolkit_briefing::Rgb;

use crate::fonts::{Face, Fonts};
use crate::layout::{Item, MARGIN_TOP, MARGIN_X, PAGE_HEIGHT, PAGE_WIDTH};
use crate::paginate::Page;
use crate::structure::StructTree;
use crate::syntax::{Num, deflate};

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
    /// Goes to a place in this document: 0-based page and the top of the view.
    Goto {
        /// The 0-based page.
        page: usize,
        /// The top of the view, from the page's bottom.
        top: f32,
    },
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

/// Which glyphs of each face a page uses, as bit sets indexed by glyph id.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct GlyphSet(pub [Vec<u64>; 3]);

impl GlyphSet {
    fn insert(&mut self, face: Face, gid: u16) {
        let bits = &mut self.0[face as usize];
        let word = usize::from(gid / 64);
        if bits.len() <= word {
            bits.resize(word + 1, 0);
        }
        bits[word] |= 1 << (gid % 64);
    }

    /// Adds every glyph of `other`.
    pub(crate) fn union(&mut self, other: &GlyphSet) {
        for (mine, theirs) in self.0.iter_mut().zip(&other.0) {
            if mine.len() < theirs.len() {
                mine.resize(theirs.len(), 0);
            }
            for (m, t) in mine.iter_mut().zip(theirs) {
                *m |= t;
            }
        }
    }

    /// The glyph ids of `face`, ascending.
    pub(crate) fn glyphs(&self, face: Face) -> Vec<u16> {
        let mut out = Vec::new();
        for (w, &word) in self.0[face as usize].iter().enumerate() {
            for bit in 0..64 {
                if word & (1 << bit) != 0 {
                    out.push((w * 64 + bit) as u16);
                }
            }
        }
        out
    }
}

/// A piece of tagged content, in drawing order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tag {
    /// The page's next MCID belongs to this structure element.
    Content(usize),
    /// The page's next link annotation belongs to this `Link` element.
    Link(usize),
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
}

/// What every page shares.
#[derive(Debug)]
pub(crate) struct Shared<'a> {
    /// The embedded faces.
    pub fonts: &'a Fonts,
    /// The structure tree, for the role of each element.
    pub tree: &'a StructTree,
    /// Where each heading anchor landed.
    pub targets: &'a BTreeMap<String, Target>,
    /// The running header's text, cleaned for the regular face.
    pub header: String,
    /// The colour of the rule under the running header.
    pub rule: Rgb,
    /// How many pages there are.
    pub pages: usize,
}

/// Paints page `index` (0-based).
pub(crate) fn paint(page: &Page, index: usize, shared: &Shared<'_>) -> Painted {
    let mut p = Painter {
        fonts: shared.fonts,
        tree: shared.tree,
        out: String::with_capacity(16 * 1024),
        tags: Vec::new(),
        mcid: 0,
        links: Vec::new(),
        glyphs: GlyphSet::default(),
    };
    if !page.cover {
        p.running(shared, index);
    }
    for item in &page.items {
        p.item(item, shared.targets);
    }
    Painted {
        content: deflate(p.out.as_bytes()),
        tags: p.tags,
        links: p.links,
        glyphs: p.glyphs,
    }
}

fn to_pdf_y(y_from_text_top: f32) -> f32 {
    PAGE_HEIGHT - MARGIN_TOP - y_from_text_top
}

struct Painter<'a> {
    fonts: &'a Fonts,
    tree: &'a StructTree,
    out: String,
    tags: Vec<Tag>,
    mcid: usize,
    links: Vec<LinkAnnot>,
    glyphs: GlyphSet,
}

impl Painter<'_> {
    fn colour(&mut self, c: Rgb, op: &str) {
        let channel = |v: u8| Num(f32::from(v) / 255.0);
        let _ = writeln!(
            self.out,
            "{} {} {} {op}",
            channel(c.0),
            channel(c.1),
            channel(c.2)
        );
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
        match node {
            Some(node) => {
                let _ = writeln!(
                    self.out,
                    "/{} <</MCID {}>> BDC",
                    self.tree.role(node),
                    self.mcid
                );
                self.mcid += 1;
                self.tags.push(Tag::Content(node));
            }
            None => self.out.push_str("/Artifact BMC\n"),
        }
        self.colour(c, "rg");
        let _ = write!(
            self.out,
            "BT\n/{} {} Tf\n{} {} Td\n<",
            face.resource_name(),
            Num(size),
            Num(x),
            Num(y)
        );
        for ch in text.chars() {
            let gid = self.fonts.glyph(face, ch);
            self.glyphs.insert(face, gid);
            let _ = write!(self.out, "{gid:04X}");
        }
        self.out.push_str("> Tj\nET\nEMC\n");
    }

    fn artifact(&mut self, body: impl FnOnce(&mut Self)) {
        self.out.push_str("/Artifact BMC\n");
        body(self);
        self.out.push_str("EMC\n");
    }

    fn item(&mut self, item: &Item, targets: &BTreeMap<String, Target>) {
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
                self.text(x, y, *size, *face, *c, text, *node);
                if let Some(link) = link {
                    let width = self.fonts.width(*face, text.trim_end(), *size);
                    let bottom = y - size * 0.25;
                    self.tags.push(Tag::Link(link.node));
                    self.links.push(LinkAnnot {
                        rect: [x, bottom, x + width, bottom + size * 1.15],
                        action: Action::Uri(link.url.clone()),
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
                let _ = writeln!(
                    p.out,
                    "{} {} {} {} re\nf",
                    Num(MARGIN_X + x),
                    Num(to_pdf_y(top + height)),
                    Num(*width),
                    Num(*height)
                );
            }),
            Item::Line {
                x1,
                y1,
                x2,
                y2,
                colour: c,
                width,
                dotted,
            } => self.artifact(|p| {
                p.out.push_str("q\n");
                p.colour(*c, "RG");
                let dash = if *dotted { "[0.8 2.4] 0 d" } else { "[] 0 d" };
                let _ = writeln!(
                    p.out,
                    "{} w\n{dash}\n{} {} m\n{} {} l\nS\nQ",
                    Num(*width),
                    Num(MARGIN_X + x1),
                    Num(to_pdf_y(*y1)),
                    Num(MARGIN_X + x2),
                    Num(to_pdf_y(*y2))
                );
            }),
            Item::PageRef {
                anchor,
                right,
                baseline,
                size,
                face,
                colour: c,
                node,
            } => {
                let number = targets
                    .get(anchor)
                    .map_or_else(|| "–".to_string(), |t| (t.page + 1).to_string());
                let width = self.fonts.width(*face, &number, *size);
                let x = MARGIN_X + right - width;
                self.text(x, to_pdf_y(*baseline), *size, *face, *c, &number, *node);
            }
            Item::Goto {
                anchor,
                x,
                top,
                width,
                height,
                node,
            } => {
                if let Some(t) = targets.get(anchor) {
                    let left = MARGIN_X + x;
                    let bottom = to_pdf_y(top + height);
                    self.tags.push(Tag::Link(*node));
                    self.links.push(LinkAnnot {
                        rect: [left, bottom, left + width, bottom + height],
                        action: Action::Goto {
                            page: t.page,
                            top: t.top,
                        },
                        node: *node,
                    });
                }
            }
            Item::Anchor { .. } => {}
        }
    }

    fn running(&mut self, shared: &Shared<'_>, page: usize) {
        const SIZE: f32 = 9.0;
        let grey = Rgb(0x42, 0x54, 0x63);
        if !shared.header.trim().is_empty() {
            let y = PAGE_HEIGHT - 40.0;
            self.text(MARGIN_X, y, SIZE, Face::Regular, grey, &shared.header, None);
            self.artifact(|p| {
                p.out.push_str("q\n");
                p.colour(shared.rule, "RG");
                let _ = writeln!(
                    p.out,
                    "0.75 w\n{} {} m\n{} {} l\nS\nQ",
                    Num(MARGIN_X),
                    Num(y - 6.0),
                    Num(PAGE_WIDTH - MARGIN_X),
                    Num(y - 6.0)
                );
            });
        }
        let footer = format!("Page {} of {}", page + 1, shared.pages);
        let width = self.fonts.width(Face::Regular, &footer, SIZE);
        let x = PAGE_WIDTH - MARGIN_X - width;
        self.text(x, 36.0, SIZE, Face::Regular, grey, &footer, None);
    }
}

/// Headings in reading order, and the first target of each anchor.
pub(crate) fn targets(pages: &[Page]) -> (Vec<Target>, BTreeMap<String, Target>) {
    let mut headings = Vec::new();
    let mut targets = BTreeMap::new();
    for (p, page) in pages.iter().enumerate() {
        for (i, item) in page.items.iter().enumerate() {
            if let Item::Anchor {
                anchor,
                level,
                text,
            } = item
            {
                // An anchor has no position of its own: the heading's first text item follows it,
                // and the link target is a little above that text's top.
                let top = first_text_top(&page.items[i..]);
                let t = Target {
                    level: *level,
                    text: text.clone(),
                    page: p,
                    top,
                };
                targets.entry(anchor.clone()).or_insert_with(|| t.clone());
                headings.push(t);
            }
        }
    }
    (headings, targets)
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
    fn glyph_sets_union_and_list_in_order() {
        let mut a = GlyphSet::default();
        a.insert(Face::Regular, 3);
        a.insert(Face::Regular, 130);
        let mut b = GlyphSet::default();
        b.insert(Face::Regular, 64);
        b.insert(Face::Bold, 1);
        a.union(&b);
        assert_eq!(a.glyphs(Face::Regular), [3, 64, 130]);
        assert_eq!(a.glyphs(Face::Bold), [1]);
        assert!(a.glyphs(Face::Italic).is_empty());
    }
}
