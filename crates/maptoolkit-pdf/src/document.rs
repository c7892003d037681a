//! Writing the whole file: pages first, in parallel batches, then what refers to them.
//!
//! Pages are painted in batches on rayon's threads and written in page order as each batch
//! finishes, so only one batch of content streams is in memory at a time. Then come the link
//! annotations, the structure tree, the outline, the fonts (subset to the glyphs the pages
//! used), the page tree, `/Info`, the XMP metadata and the catalog; [`crate::syntax`] closes the
//! file with its cross-reference stream.

use std::fmt::Write as _;
use std::io::Write;

use maptoolkit_briefing::{Document, Theme};
use rayon::prelude::*;

use crate::catalog::{self, CatalogParts};
use crate::content::{self, Action, GlyphSet, LinkAnnot, Shared, Tag};
use crate::fonts::{Face, Fonts};
use crate::layout::{PAGE_HEIGHT, PAGE_WIDTH};
use crate::paginate::Page;
use crate::structure::StructTree;
use crate::syntax::{Num, PdfFile, Ref, ascii_string, text_string};

/// Pages painted per batch: enough to keep every core busy, few enough to bound memory.
const BATCH: usize = 64;

/// What the writer needs from layout and pagination.
pub(crate) struct Laid<'a> {
    /// The document, for its metadata.
    pub doc: &'a Document,
    /// The theme, for the running header.
    pub theme: &'a Theme,
    /// The embedded faces.
    pub fonts: &'a Fonts,
    /// The structure tree, with elements but no content yet.
    pub tree: StructTree,
    /// The pages.
    pub pages: &'a [Page],
}

/// Writes the PDF to `out`.
///
/// # Errors
/// A message if writing fails or a font cannot be subset.
pub(crate) fn write<W: Write>(laid: Laid<'_>, out: W) -> Result<W, String> {
    let Laid {
        doc,
        theme,
        fonts,
        mut tree,
        pages,
    } = laid;
    let io = |e: std::io::Error| format!("writing the PDF failed: {e}");
    let mut file = PdfFile::new(out).map_err(io)?;
    let page_tree = file.alloc();
    let resources = file.alloc();
    let page_ids: Vec<Ref> = pages.iter().map(|_| file.alloc()).collect();
    let (headings, targets) = content::targets(pages);
    let header = theme
        .organisation
        .clone()
        .unwrap_or_else(|| doc.meta.author.clone());
    let header = fonts.clean(Face::Regular, &header);

    let mut glyphs = GlyphSet::default();
    let mut annots: Vec<Vec<(Ref, LinkAnnot)>> = Vec::with_capacity(pages.len());
    for (batch, chunk) in pages.chunks(BATCH).enumerate() {
        let shared = Shared {
            fonts,
            tree: &tree,
            targets: &targets,
            header: header.clone(),
            rule: theme.heading_colour,
            pages: pages.len(),
        };
        let painted: Vec<_> = chunk
            .par_iter()
            .enumerate()
            .map(|(i, page)| content::paint(page, batch * BATCH + i, &shared))
            .collect();
        for (i, page) in painted.into_iter().enumerate() {
            let p = batch * BATCH + i;
            glyphs.union(&page.glyphs);
            let (mut mcid, mut link) = (0, 0);
            for tag in &page.tags {
                match *tag {
                    Tag::Content(node) => {
                        tree.mark(node, p, mcid);
                        mcid += 1;
                    }
                    Tag::Link(node) => {
                        tree.annotate(node, p, link);
                        link += 1;
                    }
                }
            }
            let contents = file.alloc();
            file.stream(contents, "", &page.content, true).map_err(io)?;
            let ids: Vec<(Ref, LinkAnnot)> =
                page.links.into_iter().map(|l| (file.alloc(), l)).collect();
            let mut d = format!(
                "<</Type/Page/Parent {page_tree}/MediaBox[0 0 {PAGE_WIDTH} {PAGE_HEIGHT}]\
                 /Resources {resources}/Contents {contents}/StructParents {p}/Tabs/S"
            );
            if !ids.is_empty() {
                d.push_str("/Annots[");
                for (id, _) in &ids {
                    let _ = write!(d, "{id} ");
                }
                d.push(']');
            }
            d.push_str(">>");
            file.object(page_ids[p], &d).map_err(io)?;
            annots.push(ids);
        }
    }

    // Link annotations, with their place in the parent tree.
    let mut key = pages.len();
    for (p, page) in annots.iter().enumerate() {
        for (id, link) in page {
            file.object(*id, &annotation(link, page_ids[p], &page_ids, key))
                .map_err(io)?;
            key += 1;
        }
    }
    let annot_ids: Vec<Vec<Ref>> = annots
        .iter()
        .map(|page| page.iter().map(|(id, _)| *id).collect())
        .collect();
    drop(annots);
    let struct_root = file.alloc();
    tree.write(&mut file, struct_root, &page_ids, &annot_ids)
        .map_err(io)?;
    let outline = catalog::write_outline(&mut file, &headings, &page_ids).map_err(io)?;

    // Fonts: only the faces the pages used.
    let mut font_entries = String::from("<</Font<<");
    for face in Face::ALL {
        let used = glyphs.glyphs(face);
        if used.is_empty() {
            continue;
        }
        let font = crate::embed::write_face(&mut file, fonts, face, &used)?;
        let _ = write!(font_entries, "/{} {font}", face.resource_name());
    }
    font_entries.push_str(">>>>");
    file.object(resources, &font_entries).map_err(io)?;

    let mut kids = String::new();
    for id in &page_ids {
        let _ = write!(kids, "{id} ");
    }
    file.object(
        page_tree,
        &format!("<</Type/Pages/Kids[{kids}]/Count {}>>", page_ids.len()),
    )
    .map_err(io)?;

    let info = catalog::write_info(&mut file, &doc.meta).map_err(io)?;
    let root = catalog::write_catalog(
        &mut file,
        &doc.meta,
        CatalogParts {
            pages: page_tree,
            struct_root,
            outline,
        },
    )
    .map_err(io)?;
    file.finish(root, info).map_err(io)
}

/// A link annotation's dictionary: no border (links show by colour), printable, tagged.
fn annotation(link: &LinkAnnot, page: Ref, pages: &[Ref], key: usize) -> String {
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
        Action::Goto { page, top } => {
            let target = pages[(*page).min(pages.len() - 1)];
            let _ = write!(
                d,
                "/A<</Type/Action/S/GoTo/D[{target} /XYZ 0 {} null]>>/Contents",
                Num(*top)
            );
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
        assert_eq!(
            annotation(&uri, Ref(5), &pages, 7),
            "<</Type/Annot/Subtype/Link/Rect[1 2 3.5 4.25]/Border[0 0 0]/F 4/P 5 0 R\
             /StructParent 7/A<</Type/Action/S/URI/URI(https://www.hee.nhs.uk/)>>\
             /Contents(https://www.hee.nhs.uk/)>>"
        );
        let goto = LinkAnnot {
            action: Action::Goto {
                page: 9,
                top: 700.0,
            },
            ..uri
        };
        assert!(annotation(&goto, Ref(5), &pages, 8).contains("/D[6 0 R /XYZ 0 700 null]"));
    }
}
