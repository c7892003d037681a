//! Drawing paginated pages with printpdf and serialising them.
//!
//! Each page becomes a list of printpdf operations: running header and footer as artifacts, text
//! wrapped in marked content whose MCIDs are recorded in the structure tree, decoration as
//! artifacts, and link annotations for hyperlinks and contents entries. printpdf then embeds
//! and subsets the fonts; the resulting `lopdf` document is finished by [`crate::catalog`].

use std::collections::BTreeMap;

use maptoolkit_briefing::{Document, Rgb, Theme};
use printpdf::{
    Actions, Color, Destination, DictItem, LinkAnnotation, Mm, Op, PdfDocument, PdfFont,
    PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rect, TextItem,
};

use crate::fonts::{Face, Fonts};
use crate::layout::{Item, Laid, MARGIN_TOP, MARGIN_X, PAGE_HEIGHT, PAGE_WIDTH};
use crate::paginate::Page;
use crate::structure::StructTree;

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

/// The printpdf document, the outline targets in reading order and the finished structure tree.
pub(crate) struct Drawn {
    /// The lopdf document printpdf produced.
    pub doc: lopdf::Document,
    /// Headings, in reading order.
    pub headings: Vec<Target>,
    /// The structure tree with every mark recorded.
    pub tree: StructTree,
}

impl std::fmt::Debug for Drawn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Drawn")
            .field("headings", &self.headings)
            .finish()
    }
}

fn colour(c: Rgb) -> Color {
    Color::Rgb(printpdf::Rgb {
        r: f32::from(c.0) / 255.0,
        g: f32::from(c.1) / 255.0,
        b: f32::from(c.2) / 255.0,
        icc_profile: None,
    })
}

fn to_pdf_y(y_from_text_top: f32) -> f32 {
    PAGE_HEIGHT - MARGIN_TOP - y_from_text_top
}

struct Painter<'a> {
    fonts: &'a Fonts,
    tree: StructTree,
    ops: Vec<Op>,
    page: usize,
    mcid: i64,
    annots: usize,
    used: [bool; 3],
}

impl Painter<'_> {
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
                let mut map = BTreeMap::new();
                map.insert("MCID".to_string(), DictItem::Int(self.mcid));
                self.ops.push(Op::BeginMarkedContentWithProperties {
                    tag: self.tree.role(node).to_string(),
                    properties: DictItem::Dict { map },
                });
                self.tree.mark(node, self.page, self.mcid);
                self.mcid += 1;
            }
            None => self.ops.push(Op::BeginMarkedContent {
                tag: "Artifact".to_string(),
            }),
        }
        self.used[face as usize] = true;
        self.ops.extend([
            Op::SetFillColor { col: colour(c) },
            Op::StartTextSection,
            Op::SetFont {
                font: PdfFontHandle::External(face.font_id()),
                size: Pt(size),
            },
            Op::SetTextCursor {
                pos: Point { x: Pt(x), y: Pt(y) },
            },
            Op::ShowText {
                items: vec![TextItem::Text(text.to_string())],
            },
            Op::EndTextSection,
            Op::EndMarkedContent,
        ]);
    }

    fn artifact(&mut self, ops: impl IntoIterator<Item = Op>) {
        self.ops.push(Op::BeginMarkedContent {
            tag: "Artifact".to_string(),
        });
        self.ops.extend(ops);
        self.ops.push(Op::EndMarkedContent);
    }

    fn link(&mut self, rect: Rect, actions: Actions, node: usize) {
        self.ops.push(Op::LinkAnnotation {
            link: LinkAnnotation::new(rect, actions, None, None, None),
        });
        self.tree.annotate(node, self.page, self.annots);
        self.annots += 1;
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
                    let rect =
                        Rect::from_xywh(Pt(x), Pt(y - size * 0.25), Pt(width), Pt(size * 1.15));
                    self.link(rect, Actions::Uri(link.url.clone()), link.node);
                }
            }
            Item::Fill {
                x,
                top,
                width,
                height,
                colour: c,
            } => {
                let rect = Rect {
                    x: Pt(MARGIN_X + x),
                    y: Pt(to_pdf_y(top + height)),
                    width: Pt(*width),
                    height: Pt(*height),
                    mode: Some(printpdf::PaintMode::Fill),
                    winding_order: None,
                };
                self.artifact([
                    Op::SetFillColor { col: colour(*c) },
                    Op::DrawRectangle { rectangle: rect },
                ]);
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
                let point = |x: f32, y: f32| printpdf::LinePoint {
                    p: Point {
                        x: Pt(MARGIN_X + x),
                        y: Pt(to_pdf_y(y)),
                    },
                    bezier: false,
                };
                let dash = if *dotted {
                    printpdf::LineDashPattern::new(0.0, &[0.8, 2.4])
                } else {
                    printpdf::LineDashPattern::new(0.0, &[])
                };
                self.artifact([
                    Op::SaveGraphicsState,
                    Op::SetOutlineColor { col: colour(*c) },
                    Op::SetOutlineThickness { pt: Pt(*width) },
                    Op::SetLineDashPattern { dash },
                    Op::DrawLine {
                        line: printpdf::Line {
                            points: vec![point(*x1, *y1), point(*x2, *y2)],
                            is_closed: false,
                        },
                    },
                    Op::RestoreGraphicsState,
                ]);
            }
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
                    let rect = Rect::from_xywh(
                        Pt(MARGIN_X + x),
                        Pt(to_pdf_y(top + height)),
                        Pt(*width),
                        Pt(*height),
                    );
                    let dest = Destination::Xyz {
                        page: t.page + 1,
                        left: Some(0.0),
                        top: Some(t.top),
                        zoom: None,
                    };
                    self.link(rect, Actions::Goto(dest), *node);
                }
            }
            Item::Anchor { .. } => {}
        }
    }

    fn running(&mut self, header: &str, page: usize, pages: usize, theme: &Theme) {
        const SIZE: f32 = 9.0;
        let grey = Rgb(0x42, 0x54, 0x63);
        let header = self.fonts.clean(Face::Regular, header);
        if !header.trim().is_empty() {
            let y = PAGE_HEIGHT - 40.0;
            self.text(MARGIN_X, y, SIZE, Face::Regular, grey, &header, None);
            let rule = printpdf::Line {
                points: [MARGIN_X, PAGE_WIDTH - MARGIN_X]
                    .iter()
                    .map(|&x| printpdf::LinePoint {
                        p: Point {
                            x: Pt(x),
                            y: Pt(y - 6.0),
                        },
                        bezier: false,
                    })
                    .collect(),
                is_closed: false,
            };
            self.artifact([
                Op::SaveGraphicsState,
                Op::SetOutlineColor {
                    col: colour(theme.heading_colour),
                },
                Op::SetOutlineThickness { pt: Pt(0.75) },
                Op::DrawLine { line: rule },
                Op::RestoreGraphicsState,
            ]);
        }
        let footer = format!("Page {} of {}", page + 1, pages);
        let width = self.fonts.width(Face::Regular, &footer, SIZE);
        let x = PAGE_WIDTH - MARGIN_X - width;
        self.text(x, 36.0, SIZE, Face::Regular, grey, &footer, None);
    }
}

/// Draws `pages` into a printpdf document and serialises it to a `lopdf` document.
pub(crate) fn draw(
    doc: &Document,
    theme: &Theme,
    fonts: &Fonts,
    laid: Laid,
    pages: &[Page],
) -> Drawn {
    let mut headings = Vec::new();
    let mut targets = BTreeMap::new();
    for (p, page) in pages.iter().enumerate() {
        for item in &page.items {
            if let Item::Anchor {
                anchor,
                level,
                text,
            } = item
            {
                // An anchor has no position of its own: the heading's first text item follows it,
                // and the link target is a little above that text's top.
                let top = first_text_top(&page.items, item);
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

    let header = theme
        .organisation
        .clone()
        .unwrap_or_else(|| doc.meta.author.clone());
    let mut painter = Painter {
        fonts,
        tree: laid.tree,
        ops: Vec::new(),
        page: 0,
        mcid: 0,
        annots: 0,
        used: [false; 3],
    };
    let mut pdf_pages = Vec::with_capacity(pages.len());
    for (p, page) in pages.iter().enumerate() {
        painter.page = p;
        painter.mcid = 0;
        painter.annots = 0;
        if !page.cover {
            painter.running(&header, p, pages.len(), theme);
        }
        for item in &page.items {
            painter.item(item, &targets);
        }
        let ops = std::mem::take(&mut painter.ops);
        pdf_pages.push(PdfPage::new(Mm(210.0), Mm(297.0), ops));
    }

    let mut pdf = PdfDocument::new(&doc.meta.title);
    for face in Face::ALL {
        if painter.used[face as usize] {
            pdf.resources
                .fonts
                .map
                .insert(face.font_id(), PdfFont::new(fonts.parsed(face).clone()));
        }
    }
    pdf.pages = pdf_pages;
    let opts = PdfSaveOptions {
        optimize: false,
        subset_fonts: true,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let lo = pdf.to_lopdf_document(&opts, &mut warnings);
    Drawn {
        doc: lo,
        headings,
        tree: painter.tree,
    }
}

fn first_text_top(items: &[Item], anchor: &Item) -> f32 {
    let after = items
        .iter()
        .skip_while(|i| !std::ptr::eq(*i, anchor))
        .find_map(|i| match i {
            Item::Text { baseline, size, .. } => Some(baseline - size),
            _ => None,
        })
        .unwrap_or(0.0);
    to_pdf_y(after) + 4.0
}
