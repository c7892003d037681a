//! The logical structure tree of a tagged PDF: what is a heading, a list item, a table cell.
//!
//! Layout creates the elements ([`StructTree::add`]) as it meets blocks; the writer marks every
//! piece of text with a marked-content id and records it here ([`StructTree::mark`]), so each
//! element's kids end up in reading order. [`StructTree::write`] then turns the tree into the
//! `/StructTreeRoot`, `/ParentTree` and `/StructElem` objects of ISO 32000-1 §14.7–14.8.
//!
//! A long briefing has a million elements and more marks, so the tree is compact: an element is
//! sixteen bytes and a kid twelve, each element's kids are a linked list threaded through one
//! vector (no vector per element, no regrouping at the end), and the elements are written in
//! parallel, straight into object streams.

use std::fmt::Write as _;
use std::io::{self, Write};

use rayon::prelude::*;

use crate::syntax::{ObjectStream, PER_OBJECT_STREAM, PdfFile, Ref, push_int, text_string};

/// A standard structure type (ISO 32000-1 §14.8.4), named as the standard spells it.
#[allow(clippy::upper_case_acronyms)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// The whole document: the root.
    Document,
    /// A paragraph.
    P,
    /// A heading of level 1 to 6.
    H(u8),
    /// A list, its items, an item's label and an item's body.
    L,
    LI,
    Lbl,
    LBody,
    /// A hyperlink.
    Link,
    /// A table, a row, a header cell (heading a column or a row), a data cell, a caption.
    Table,
    TR,
    TH(Scope),
    TD,
    Caption,
    /// A table of contents and one of its entries.
    TOC,
    TOCI,
    /// A picture (a chart), with alternative text.
    Figure,
}

impl Role {
    /// The heading role for an outline level: 1 to 6, deeper levels being 6.
    pub(crate) fn heading(level: u8) -> Role {
        Role::H(level.clamp(1, 6))
    }

    /// The structure type's name, as written after `/S/` and before a `BDC`.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Role::Document => "Document",
            Role::P => "P",
            Role::H(1) => "H1",
            Role::H(2) => "H2",
            Role::H(3) => "H3",
            Role::H(4) => "H4",
            Role::H(5) => "H5",
            Role::H(_) => "H6",
            Role::L => "L",
            Role::LI => "LI",
            Role::Lbl => "Lbl",
            Role::LBody => "LBody",
            Role::Link => "Link",
            Role::Table => "Table",
            Role::TR => "TR",
            Role::TH(_) => "TH",
            Role::TD => "TD",
            Role::Caption => "Caption",
            Role::TOC => "TOC",
            Role::TOCI => "TOCI",
            Role::Figure => "Figure",
        }
    }
}

/// What a table header cell heads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    Column,
    Row,
}

/// Marks the end of a kid list, and an element that has no object.
const NONE: u32 = u32::MAX;

/// One structure element.
#[derive(Debug, Clone, PartialEq)]
struct Node {
    /// The parent element; the root is its own parent.
    parent: u32,
    /// The first and last of its kids in [`StructTree::kids`], or [`NONE`].
    first_kid: u32,
    last_kid: u32,
    role: Role,
    /// Whether it is among its parent's kids (it has content).
    attached: bool,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kid {
    Node(u32),
    /// Marked content on a page (0-based) with its MCID.
    Content {
        page: u32,
        mcid: u32,
    },
    /// An annotation: page (0-based) and its index in the page's `/Annots`.
    Annot {
        page: u32,
        index: u32,
    },
}

/// A kid, packed in eight bytes, and the next kid of the same element.
///
/// The kind of kid sits in the top two bits of `a`, below it the element or page number; `b`
/// holds the MCID or the annotation's index.
#[derive(Debug, Clone, PartialEq)]
struct KidLink {
    a: u32,
    b: u32,
    next: u32,
}

impl KidLink {
    const CONTENT: u32 = 1 << 30;
    const ANNOT: u32 = 2 << 30;
    const KIND: u32 = 3 << 30;

    fn new(kid: Kid) -> KidLink {
        let (kind, number, b) = match kid {
            Kid::Node(n) => (0, n, 0),
            Kid::Content { page, mcid } => (KidLink::CONTENT, page, mcid),
            Kid::Annot { page, index } => (KidLink::ANNOT, page, index),
        };
        assert!(
            number & KidLink::KIND == 0,
            "fewer than 2³⁰ structure elements and pages"
        );
        KidLink {
            a: kind | number,
            b,
            next: NONE,
        }
    }

    fn kid(&self) -> Kid {
        let number = self.a & !KidLink::KIND;
        match self.a & KidLink::KIND {
            KidLink::CONTENT => Kid::Content {
                page: number,
                mcid: self.b,
            },
            KidLink::ANNOT => Kid::Annot {
                page: number,
                index: self.b,
            },
            _ => Kid::Node(number),
        }
    }
}

/// The structure tree being built.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct StructTree {
    nodes: Vec<Node>,
    /// Every element's kids, in the order they arrived, each list threaded through `next`.
    kids: Vec<KidLink>,
    /// For each page, the element that owns each MCID: the page's `/ParentTree` entry.
    marks: Vec<Vec<u32>>,
    /// For each link annotation: its page, its index in the page's `/Annots` and its element.
    annots: Vec<(u32, u32, u32)>,
    /// The alternative text of figures, by element.
    alts: std::collections::BTreeMap<u32, String>,
}

/// The root element, `Document`.
pub(crate) const ROOT: usize = 0;

/// Elements written in parallel at a time: a bound on what waits in memory to be written.
const ELEMENTS_PER_BATCH: usize = 64 * PER_OBJECT_STREAM;

fn small(n: usize) -> u32 {
    u32::try_from(n)
        .ok()
        .filter(|&n| n != NONE)
        .expect("fewer than 2³² - 1 structure elements, pages and marks")
}

impl StructTree {
    /// A tree holding only the `Document` element.
    pub(crate) fn new() -> StructTree {
        StructTree {
            nodes: vec![Node {
                parent: 0,
                first_kid: NONE,
                last_kid: NONE,
                role: Role::Document,
                attached: true,
            }],
            kids: Vec::new(),
            marks: Vec::new(),
            annots: Vec::new(),
            alts: std::collections::BTreeMap::new(),
        }
    }

    /// Adds a `Figure` below `parent` with `alt` as its alternative text (`/Alt`).
    pub(crate) fn add_figure(&mut self, parent: usize, alt: &str) -> usize {
        let node = self.add(parent, Role::Figure);
        self.alts.insert(small(node), alt.to_string());
        node
    }

    /// Adds an element below `parent`; it joins its parent's kids when it first gets content.
    pub(crate) fn add(&mut self, parent: usize, role: Role) -> usize {
        self.nodes.push(Node {
            parent: small(parent),
            first_kid: NONE,
            last_kid: NONE,
            role,
            attached: false,
        });
        self.nodes.len() - 1
    }

    /// Appends the elements of `other`, a tree without content yet, below our root; returns
    /// how `other`'s element numbers map to ours.
    pub(crate) fn append(&mut self, other: StructTree) -> impl Fn(usize) -> usize + use<> {
        debug_assert!(other.kids.is_empty());
        let offset = self.nodes.len() - 1;
        let map = move |n: usize| if n == ROOT { ROOT } else { n + offset };
        self.nodes.reserve(other.nodes.len());
        for node in other.nodes.into_iter().skip(1) {
            self.nodes.push(Node {
                parent: small(map(node.parent as usize)),
                ..node
            });
        }
        for (node, alt) in other.alts {
            self.alts.insert(small(map(node as usize)), alt);
        }
        map
    }

    /// The element's structure type.
    pub(crate) fn role(&self, node: usize) -> Role {
        self.nodes[node].role
    }

    fn push_kid(&mut self, owner: usize, kid: Kid) {
        let at = small(self.kids.len());
        self.kids.push(KidLink::new(kid));
        let node = &mut self.nodes[owner];
        match node.last_kid {
            NONE => node.first_kid = at,
            last => self.kids[last as usize].next = at,
        }
        self.nodes[owner].last_kid = at;
    }

    fn attach(&mut self, node: usize) {
        if self.nodes[node].attached {
            return;
        }
        let parent = self.nodes[node].parent as usize;
        self.attach(parent);
        self.nodes[node].attached = true;
        self.push_kid(parent, Kid::Node(small(node)));
    }

    /// Gives `node` its place among its parent's kids now, before its content is recorded.
    pub(crate) fn reserve(&mut self, node: usize) {
        self.attach(node);
    }

    /// Records that marked content `mcid` on `page` belongs to `node`.
    pub(crate) fn mark(&mut self, node: usize, page: usize, mcid: usize) {
        self.attach(node);
        self.push_kid(
            node,
            Kid::Content {
                page: small(page),
                mcid: small(mcid),
            },
        );
        if self.marks.len() <= page {
            self.marks.resize_with(page + 1, Vec::new);
        }
        let owners = &mut self.marks[page];
        if owners.len() <= mcid {
            owners.resize(mcid + 1, NONE);
        }
        owners[mcid] = small(node);
    }

    /// Records that annotation `index` of `page` belongs to `node` (a `Link`).
    pub(crate) fn annotate(&mut self, node: usize, page: usize, index: usize) {
        self.attach(node);
        self.push_kid(
            node,
            Kid::Annot {
                page: small(page),
                index: small(index),
            },
        );
        self.annots.push((small(page), small(index), small(node)));
    }

    /// An element's kids, in the order they arrived.
    fn kids_of(&self, node: usize) -> impl Iterator<Item = Kid> + '_ {
        let mut at = self.nodes[node].first_kid;
        std::iter::from_fn(move || {
            let link = self.kids.get(at as usize)?;
            at = link.next;
            Some(link.kid())
        })
    }

    /// Writes the tree as `root` (the `/StructTreeRoot`), its elements and its parent tree.
    ///
    /// `pages` are the page objects in order and `annots[p]` the annotation objects of page `p`.
    /// Each page's `/StructParents` must be its 0-based index, and each annotation's
    /// `/StructParent` the number of pages plus its index counted over all pages in order.
    pub(crate) fn write<W: Write>(
        mut self,
        file: &mut PdfFile<W>,
        root: Ref,
        pages: &[Ref],
        annots: &[Vec<Ref>],
    ) -> io::Result<()> {
        // Elements with content get consecutive object numbers, in element order.
        let attached: Vec<u32> = (0..self.nodes.len())
            .filter(|&n| self.nodes[n].attached)
            .map(small)
            .collect();
        let first = file.alloc_many(attached.len()).0;
        let mut ids = vec![NONE; self.nodes.len()];
        for (rank, &node) in attached.iter().enumerate() {
            ids[node as usize] = first + small(rank);
        }
        let ids = ids;
        let id = |n: u32| match ids[n as usize] {
            NONE => root,
            id => Ref(id),
        };

        let mut first_annot = Vec::with_capacity(annots.len());
        let mut count = 0;
        for page in annots {
            first_annot.push(count);
            count += page.len();
        }
        // The pages each element's content (its own and its descendants') lies on, first and
        // last: an element whose content is all on one page names it in `/Pg` even when it
        // holds only other elements (a table, a row), so checkers can place it. Parents come
        // before their children, so one pass from the end gathers them.
        let mut span = vec![(NONE, 0u32); self.nodes.len()];
        for (n, range) in span.iter_mut().enumerate() {
            for kid in self.kids_of(n) {
                if let Kid::Content { page, .. } | Kid::Annot { page, .. } = kid {
                    *range = (range.0.min(page), range.1.max(page));
                }
            }
        }
        for n in (1..self.nodes.len()).rev() {
            let parent = self.nodes[n].parent as usize;
            let (lo, hi) = span[n];
            let range = &mut span[parent];
            *range = (range.0.min(lo), range.1.max(hi));
        }
        let span = span;
        let tree = &self;
        // Elements are a million short dictionaries: numbers are pushed, not formatted.
        let write_element = |node: u32, body: &mut Vec<u8>| {
            let n = &tree.nodes[node as usize];
            // The element's page is that of its first content: MCIDs there need no page.
            let own_page = tree.kids_of(node as usize).find_map(|k| match k {
                Kid::Content { page, .. } => Some(page as usize),
                _ => None,
            });
            body.clear();
            body.extend_from_slice(b"<</Type/StructElem/S/");
            body.extend_from_slice(n.role.as_str().as_bytes());
            body.extend_from_slice(b"/P ");
            let parent = if node as usize == ROOT {
                root
            } else {
                id(n.parent)
            };
            parent.push(body);
            let (lo, hi) = span[node as usize];
            if let Some(page) = own_page.or((lo == hi).then_some(lo as usize)) {
                body.extend_from_slice(b"/Pg ");
                pages[page].push(body);
            }
            match n.role {
                Role::TH(Scope::Column) => body.extend_from_slice(b"/A<</O/Table/Scope/Column>>"),
                Role::TH(Scope::Row) => body.extend_from_slice(b"/A<</O/Table/Scope/Row>>"),
                Role::Figure => {
                    if let Some(alt) = tree.alts.get(&node) {
                        let mut text = String::from("/Alt");
                        text_string(&mut text, alt);
                        body.extend_from_slice(text.as_bytes());
                    }
                }
                _ => {}
            }
            body.extend_from_slice(b"/K[");
            for (k, kid) in tree.kids_of(node as usize).enumerate() {
                if k > 0 {
                    body.push(b' ');
                }
                match kid {
                    Kid::Node(n) => id(n).push(body),
                    Kid::Content { page, mcid } if Some(page as usize) == own_page => {
                        push_int(body, u64::from(mcid));
                    }
                    Kid::Content { page, mcid } => {
                        body.extend_from_slice(b"<</Type/MCR/Pg ");
                        pages[page as usize].push(body);
                        body.extend_from_slice(b"/MCID ");
                        push_int(body, u64::from(mcid));
                        body.extend_from_slice(b">>");
                    }
                    Kid::Annot { page, index } => {
                        body.extend_from_slice(b"<</Type/OBJR/Pg ");
                        pages[page as usize].push(body);
                        body.extend_from_slice(b"/Obj ");
                        annots[page as usize][index as usize].push(body);
                        body.extend_from_slice(b">>");
                    }
                }
            }
            body.extend_from_slice(b"]>>");
        };
        for batch in attached.chunks(ELEMENTS_PER_BATCH) {
            let packed: Vec<_> = batch
                .par_chunks(PER_OBJECT_STREAM)
                .map(|nodes| {
                    let mut stream = ObjectStream::default();
                    let mut body = Vec::new();
                    for &node in nodes {
                        write_element(node, &mut body);
                        stream.push(id(node), &body);
                    }
                    stream.pack()
                })
                .collect();
            for p in packed {
                file.packed(p)?;
            }
        }
        drop(attached);

        let mut nums = String::from("<</Nums[");
        let mut body = String::new();
        for p in 0..pages.len() {
            let array = file.alloc();
            body.clear();
            body.push('[');
            let owners = self.marks.get(p).map_or(&[][..], Vec::as_slice);
            for (k, &owner) in owners.iter().enumerate() {
                if k > 0 {
                    body.push(' ');
                }
                // An MCID never recorded (a bug) points at the root rather than nowhere.
                let elem = if owner == NONE { id(0) } else { id(owner) };
                let _ = write!(body, "{elem}");
            }
            body.push(']');
            file.object(array, &body)?;
            let _ = write!(nums, "{p} {array} ");
        }
        self.annots.sort_unstable();
        for &(page, index, node) in &self.annots {
            let key = pages.len() + first_annot[page as usize] + index as usize;
            let _ = write!(nums, "{key} {} ", id(node));
        }
        nums.push_str("]>>");
        let parent_tree = file.alloc();
        file.object(parent_tree, &nums)?;
        file.object(
            root,
            &format!(
                "<</Type/StructTreeRoot/K {}/ParentTree {parent_tree}/ParentTreeNextKey {}>>",
                id(0),
                pages.len() + count
            ),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tree as `Role[kids]`, marked content as `page:mcid`, annotations as `@page:index`.
    fn show(tree: &StructTree, node: usize) -> String {
        let kids: Vec<String> = tree
            .kids_of(node)
            .map(|k| match k {
                Kid::Node(n) => show(tree, n as usize),
                Kid::Content { page, mcid } => format!("{page}:{mcid}"),
                Kid::Annot { page, index } => format!("@{page}:{index}"),
            })
            .collect();
        format!("{}[{}]", tree.nodes[node].role.as_str(), kids.join(" "))
    }

    #[test]
    fn kids_join_in_the_order_content_is_drawn() {
        let mut tree = StructTree::new();
        let p = tree.add(ROOT, Role::P);
        let link = tree.add(p, Role::Link);
        let empty = tree.add(ROOT, Role::Table);
        let list = tree.add(ROOT, Role::L);
        let li = tree.add(list, Role::LI);
        tree.mark(p, 0, 0);
        tree.mark(link, 0, 1);
        tree.annotate(link, 0, 0);
        tree.mark(p, 1, 0);
        tree.mark(li, 1, 1);
        assert_eq!(
            show(&tree, ROOT),
            "Document[P[0:0 Link[0:1 @0:0] 1:0] L[LI[1:1]]]"
        );
        assert!(
            !tree.nodes[empty].attached,
            "elements without content are left out"
        );
    }

    #[test]
    fn packed_kids_unpack_to_themselves() {
        for kid in [
            Kid::Node(0),
            Kid::Node((1 << 30) - 1),
            Kid::Content { page: 0, mcid: 0 },
            Kid::Content {
                page: (1 << 30) - 1,
                mcid: u32::MAX,
            },
            Kid::Annot { page: 7, index: 3 },
        ] {
            assert_eq!(KidLink::new(kid).kid(), kid);
        }
        assert_eq!(std::mem::size_of::<KidLink>(), 12);
        assert_eq!(std::mem::size_of::<Node>(), 16);
    }

    #[test]
    fn appended_trees_are_renumbered_after_ours() {
        let mut tree = StructTree::new();
        let p = tree.add(ROOT, Role::P);
        let mut other = StructTree::new();
        let list = other.add(ROOT, Role::L);
        let li = other.add(list, Role::LI);
        let map = tree.append(other);
        assert_eq!((map(ROOT), map(list), map(li)), (ROOT, 2, 3));
        tree.mark(p, 0, 0);
        tree.mark(map(li), 0, 1);
        assert_eq!(show(&tree, ROOT), "Document[P[0:0] L[LI[0:1]]]");
    }
}
