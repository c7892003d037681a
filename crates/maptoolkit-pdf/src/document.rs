//! Writing the whole file as the document is laid out, a window of blocks at a time.
//!
//! Each window of blocks is laid out (in parallel parts), paginated, and its full pages painted
//! (in parallel, a batch at a time) and written, so only a window's worth of layout and one
//! batch of content streams are in memory at a time, however long the document. What still
//! grows with it is the structure tree: sixteen bytes per element and twelve per mark.
//!
//! What needs every page placed first waits for the end: each page's second content stream
//! (footer and the page numbers in the contents), the link annotations, the structure tree, the
//! outline, the fonts (subset to the glyphs the pages used), the page tree, `/Info`, the XMP
//! metadata and the catalog; [`crate::syntax`] closes the file with its cross-reference stream.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write;

use maptoolkit_briefing::{Document, HouseStyle};
use rayon::prelude::*;

use crate::catalog::{self, CatalogParts};
use crate::content::{self, Action, GlyphSet, Late, LinkAnnot, Painted, Shared, Tag, Target};
use crate::fonts::{Face, Fonts};
use crate::layout::{self, CONTENT_HEIGHT, Item, Laid, PAGE_HEIGHT, PAGE_WIDTH};
use crate::paginate::{Page, Paginator};
use crate::structure::StructTree;
use crate::syntax::{Num, PdfFile, Ref, ascii_string, text_string};

/// Blocks laid out before the pages they fill are written.
const WINDOW: usize = 1024;

/// Pages painted together: enough to keep every core busy, few enough to hold little memory.
const BATCH: usize = 64;

/// What is kept of a written page until the end.
#[derive(Debug)]
struct PageRecord {
    /// The page object (written at once).
    id: Ref,
    /// Its second content stream (written at the end).
    late: Ref,
    /// Whether it is the cover.
    cover: bool,
    /// MCIDs used by the body.
    mcids: usize,
    /// Page numbers of headings, drawn at the end.
    refs: Vec<Item>,
    /// Link annotations, with their objects.
    links: Vec<(Ref, LinkAnnot)>,
}

/// The writer's state between windows.
struct Writer<'a, W> {
    file: PdfFile<W>,
    fonts: &'a Fonts,
    header: String,
    /// The protective marking, cleaned for the bold face.
    marking: Option<String>,
    rule: maptoolkit_briefing::Rgb,
    page_tree: Ref,
    resources: Ref,
    pages: Vec<PageRecord>,
    headings: Vec<Target>,
    targets: BTreeMap<String, Target>,
    glyphs: GlyphSet,
}

fn io(e: std::io::Error) -> String {
    format!("writing the PDF failed: {e}")
}

/// Writes `doc` as a PDF to `out`.
///
/// # Errors
/// A message if writing fails or a font cannot be subset.
pub(crate) fn write<W: Write>(
    doc: &Document,
    theme: &HouseStyle,
    fonts: &Fonts,
    out: W,
) -> Result<W, String> {
    write_in_windows(doc, theme, fonts, out, WINDOW)
}

fn write_in_windows<W: Write>(
    doc: &Document,
    theme: &HouseStyle,
    fonts: &Fonts,
    out: W,
    window: usize,
) -> Result<W, String> {
    let mut file = PdfFile::new(out).map_err(io)?;
    let page_tree = file.alloc();
    let resources = file.alloc();
    let header = theme
        .organisation
        .clone()
        .unwrap_or_else(|| doc.meta.author.clone());
    let mut w = Writer {
        file,
        fonts,
        header: fonts.clean(Face::Regular, &header),
        marking: doc
            .meta
            .marking
            .as_deref()
            .map(|m| fonts.clean(Face::Bold, m)),
        rule: theme.heading_colour,
        page_tree,
        resources,
        pages: Vec::new(),
        headings: Vec::new(),
        targets: BTreeMap::new(),
        glyphs: GlyphSet::default(),
    };

    let mut laid = Laid::default();
    let mut paginator = Paginator::new(CONTENT_HEIGHT);
    for window in doc.blocks.chunks(window.max(1)) {
        layout::layout_into(doc, window, theme, fonts, &mut laid);
        paginator.feed(&mut laid.flow, &laid.headers, true);
        let (first, full) = paginator.take_full();
        w.write_bodies(first, full, &mut laid.tree)?;
    }
    paginator.feed(&mut laid.flow, &laid.headers, false);
    let (first, rest) = paginator.finish();
    w.write_bodies(first, rest, &mut laid.tree)?;
    w.finish(doc, laid.tree)
}

impl<W: Write> Writer<'_, W> {
    /// Paints and writes the bodies of `pages`, the first being page `first` (0-based).
    ///
    /// Pages are painted in parallel a batch at a time, and each batch's pages are dropped once
    /// written: a window can hold hundreds of pages (a long register table is one block).
    fn write_bodies(
        &mut self,
        first: usize,
        pages: Vec<Page>,
        tree: &mut StructTree,
    ) -> Result<(), String> {
        let mut pages = pages.into_iter();
        let mut first = first;
        loop {
            let batch: Vec<Page> = pages.by_ref().take(BATCH).collect();
            if batch.is_empty() {
                return Ok(());
            }
            self.write_batch(first, &batch, tree)?;
            first += batch.len();
        }
    }

    /// Paints the bodies of `pages` in parallel, the first being page `first`, and writes them.
    fn write_batch(
        &mut self,
        first: usize,
        pages: &[Page],
        tree: &mut StructTree,
    ) -> Result<(), String> {
        for (p, page) in (first..).zip(pages) {
            for (anchor, target) in content::anchors(page, p) {
                self.targets.entry(anchor).or_insert_with(|| target.clone());
                self.headings.push(target);
            }
        }
        let shared = Shared {
            fonts: self.fonts,
            tree,
            header: &self.header,
            marking: self.marking.as_deref(),
            rule: self.rule,
        };
        let painted: Vec<Painted> = pages
            .par_iter()
            .map(|page| content::paint(page, &shared))
            .collect();
        for ((p, page), painted) in (first..).zip(pages).zip(painted) {
            let id = self.file.alloc();
            let late = self.file.alloc();
            let mcids = record_tags(tree, p, &painted.tags, 0, 0);
            self.glyphs.union(&painted.glyphs);
            let body = self.file.alloc();
            self.file
                .stream(body, "", &painted.content, true)
                .map_err(io)?;
            let links: Vec<(Ref, LinkAnnot)> = painted
                .links
                .into_iter()
                .map(|l| (self.file.alloc(), l))
                .collect();
            let mut d = format!(
                "<</Type/Page/Parent {}/MediaBox[0 0 {PAGE_WIDTH} {PAGE_HEIGHT}]\
                 /Resources {}/Contents[{body} {late}]/StructParents {p}/Tabs/S",
                self.page_tree, self.resources
            );
            if !links.is_empty() {
                d.push_str("/Annots[");
                for (id, _) in &links {
                    let _ = write!(d, "{id} ");
                }
                d.push(']');
            }
            d.push_str(">>");
            self.file.object(id, &d).map_err(io)?;
            self.pages.push(PageRecord {
                id,
                late,
                cover: page.cover,
                mcids: mcids.0,
                refs: painted.late,
                links,
            });
        }
        Ok(())
    }

    /// Writes what waited for every page: second content streams, annotations, structure
    /// tree, outline, fonts, page tree, metadata and catalog.
    fn finish(mut self, doc: &Document, mut tree: StructTree) -> Result<W, String> {
        let count = self.pages.len();
        let page_ids: Vec<Ref> = self.pages.iter().map(|p| p.id).collect();
        for start in (0..count).step_by(BATCH) {
            let end = (start + BATCH).min(count);
            let painted: Vec<Painted> = self.pages[start..end]
                .par_iter()
                .enumerate()
                .map(|(i, record)| {
                    let late = Late {
                        page: start + i,
                        pages: count,
                        cover: record.cover,
                        items: &record.refs,
                        first_mcid: record.mcids,
                        marking: self.marking.as_deref(),
                    };
                    content::paint_late(&late, self.fonts, &tree, &self.targets)
                })
                .collect();
            for (p, painted) in (start..end).zip(painted) {
                let record = &self.pages[p];
                record_tags(
                    &mut tree,
                    p,
                    &painted.tags,
                    record.mcids,
                    record.links.len(),
                );
                self.glyphs.union(&painted.glyphs);
                self.file
                    .stream(record.late, "", &painted.content, true)
                    .map_err(io)?;
            }
        }

        // Link annotations, with their place in the parent tree.
        let mut key = count;
        for record in &self.pages {
            for (id, link) in &record.links {
                let d = annotation(link, record.id, &page_ids, &self.targets, key);
                self.file.object(*id, &d).map_err(io)?;
                key += 1;
            }
        }
        let annot_ids: Vec<Vec<Ref>> = self
            .pages
            .iter()
            .map(|record| record.links.iter().map(|(id, _)| *id).collect())
            .collect();
        self.pages.clear();
        let file = &mut self.file;
        let struct_root = file.alloc();
        tree.write(file, struct_root, &page_ids, &annot_ids)
            .map_err(io)?;
        let outline = catalog::write_outline(file, &self.headings, &page_ids).map_err(io)?;

        // Fonts: only the faces the pages used.
        let mut font_entries = String::from("<</Font<<");
        let used: Vec<(Face, Vec<(u16, char)>)> = Face::ALL
            .into_iter()
            .map(|face| (face, self.glyphs.glyphs(face)))
            .filter(|(_, glyphs)| !glyphs.is_empty())
            .collect();
        let fonts = self.fonts;
        let subsets: Vec<_> = used
            .par_iter()
            .map(|(face, glyphs)| crate::embed::subset_face(fonts, *face, glyphs))
            .collect();
        for ((face, _), subset) in used.iter().zip(subsets) {
            let font = subset?.write(file).map_err(io)?;
            let _ = write!(font_entries, "/{} {font}", face.resource_name());
        }
        font_entries.push_str(">>>>");
        file.object(self.resources, &font_entries).map_err(io)?;

        let mut kids = String::new();
        for id in &page_ids {
            let _ = write!(kids, "{id} ");
        }
        file.object(
            self.page_tree,
            &format!("<</Type/Pages/Kids[{kids}]/Count {}>>", page_ids.len()),
        )
        .map_err(io)?;

        let info = catalog::write_info(file, &doc.meta).map_err(io)?;
        let root = catalog::write_catalog(
            file,
            &doc.meta,
            CatalogParts {
                pages: self.page_tree,
                struct_root,
                outline,
            },
        )
        .map_err(io)?;
        self.file.finish(root, info).map_err(io)
    }
}

/// Records a content stream's tags in the structure tree: its MCIDs (counted from
/// `first_mcid`) and link annotations (counted from `first_link`) on page `page`. Returns the
/// MCIDs and links used so far on the page.
fn record_tags(
    tree: &mut StructTree,
    page: usize,
    tags: &[Tag],
    first_mcid: usize,
    first_link: usize,
) -> (usize, usize) {
    let (mut mcid, mut link) = (first_mcid, first_link);
    for tag in tags {
        match *tag {
            Tag::Content(node) => {
                tree.mark(node, page, mcid);
                mcid += 1;
            }
            Tag::Link(node) => {
                tree.annotate(node, page, link);
                link += 1;
            }
            Tag::Later(node) => tree.reserve(node),
        }
    }
    (mcid, link)
}

/// A link annotation's dictionary: no border (links show by colour), printable, tagged.
///
/// A link to a heading that is not in the document goes nowhere (it has no action).
fn annotation(
    link: &LinkAnnot,
    page: Ref,
    pages: &[Ref],
    targets: &BTreeMap<String, Target>,
    key: usize,
) -> String {
    let [x1, y1, x2, y2] = link.rect;
    let mut d = format!(
        "<</Type/Annot/Subtype/Link/Rect[{} {} {} {}]/Border[0 0 0]/F 4/P {page}\
         /StructParent {key}",
        Num(x1),
        Num(y1),
        Num(x2),
        Num(y2)
    );
    match &link.action {
        Action::Uri(uri) => {
            d.push_str("/A<</Type/Action/S/URI/URI");
            ascii_string(&mut d, uri_bytes(uri).as_bytes());
            d.push_str(">>/Contents");
            text_string(&mut d, uri);
        }
        Action::Goto(anchor) => {
            if let Some(t) = targets.get(anchor) {
                let target = pages[t.page.min(pages.len() - 1)];
                let _ = write!(
                    d,
                    "/A<</Type/Action/S/GoTo/D[{target} /XYZ 0 {} null]>>",
                    Num(t.top)
                );
            }
            d.push_str("/Contents");
            text_string(&mut d, "Go to section");
        }
    }
    d.push_str(">>");
    d
}

/// A URI as the 7-bit ASCII PDF wants (ISO 32000-1 §12.6.4.7): other bytes percent-encoded.
fn uri_bytes(uri: &str) -> String {
    let mut out = String::with_capacity(uri.len());
    for b in uri.bytes() {
        if b.is_ascii_graphic() {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_does_not_depend_on_the_window_size() {
        let doc = crate::layout::tests::long_document();
        let theme = HouseStyle::default();
        let fonts = crate::fonts::fonts().unwrap();
        let whole = write_in_windows(&doc, &theme, fonts, Vec::new(), usize::MAX).unwrap();
        for window in [1, 5, 64] {
            let windowed = write_in_windows(&doc, &theme, fonts, Vec::new(), window).unwrap();
            assert!(windowed == whole, "window of {window} blocks");
        }
        // Two content streams per page, with no other entries: many pages.
        let text = String::from_utf8_lossy(&whole);
        let streams = text.matches("obj\n<</Filter/FlateDecode/Length").count();
        assert!(streams > 20, "{streams} content streams");
    }

    #[test]
    fn uris_are_seven_bit() {
        assert_eq!(
            uri_bytes("https://example.org/café?a=1 b"),
            "https://example.org/caf%C3%A9?a=1%20b"
        );
    }

    #[test]
    fn annotations_carry_action_and_parent_key() {
        let pages = [Ref(5), Ref(6)];
        let uri = LinkAnnot {
            rect: [1.0, 2.0, 3.5, 4.25],
            action: Action::Uri("https://www.hee.nhs.uk/".into()),
            node: 1,
        };
        let mut targets = BTreeMap::new();
        targets.insert(
            "drivers".to_string(),
            Target {
                level: 1,
                text: "Drivers".into(),
                page: 9,
                top: 700.0,
            },
        );
        assert_eq!(
            annotation(&uri, Ref(5), &pages, &targets, 7),
            "<</Type/Annot/Subtype/Link/Rect[1 2 3.5 4.25]/Border[0 0 0]/F 4/P 5 0 R\
             /StructParent 7/A<</Type/Action/S/URI/URI(https://www.hee.nhs.uk/)>>\
             /Contents(https://www.hee.nhs.uk/)>>"
        );
        let goto = LinkAnnot {
            action: Action::Goto("drivers".into()),
            ..uri
        };
        let d = annotation(&goto, Ref(5), &pages, &targets, 8);
        assert!(d.contains("/D[6 0 R /XYZ 0 700 null]"), "{d}");
        let nowhere = LinkAnnot {
            action: Action::Goto("missing".into()),
            ..goto
        };
        assert!(!annotation(&nowhere, Ref(5), &pages, &targets, 8).contains("/A<<"));
    }
}
