//! The logical structure tree of a tagged PDF: what is a heading, a list item, a table cell.
//!
//! Layout creates the elements ([`StructTree::add`]) as it meets blocks; the writer marks every
//! piece of text with a marked-content id and records it here ([`StructTree::mark`]), so each
//! element's kids end up in reading order. [`StructTree::write`] then turns the tree into the
//! `/StructTreeRoot`, `/ParentTree` and `/StructElem` objects of ISO 32000-1 §14.7–14.8.

use std::fmt::Write as _;
use std::io::{self, Write};

use crate::syntax::{PdfFile, Ref};

/// One structure element. Kept small: a long briefing has a million of them.
#[derive(Debug, Clone, PartialEq)]
struct Node {
    /// The standard structure type, e.g. `H1`, `P`, `LI`, `TD`.
    role: &'static str,
    /// The parent element; the root is its own parent.
    parent: u32,
    /// For `TH`: whether it heads a `Column` or a `Row`.
    scope: Option<Scope>,
    /// Whether it is among its parent's kids (it has content).
    attached: bool,
}

/// What a table header cell heads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    Column,
    Row,
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

/// The structure tree being built.
///
/// Kids are recorded as they arrive, each with its parent, in one list: grouping them by
/// parent once, when the tree is written, costs less than a list per element.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct StructTree {
    nodes: Vec<Node>,
    kids: Vec<(u32, Kid)>,
}

/// The root element, `Document`.
pub(crate) const ROOT: usize = 0;

fn small(n: usize) -> u32 {
    u32::try_from(n).expect("fewer than 2³² structure elements, pages and marks")
}

impl StructTree {
    /// A tree holding only the `Document` element.
    pub(crate) fn new() -> StructTree {
        StructTree {
            nodes: vec![Node {
                role: "Document",
                parent: 0,
                scope: None,
                attached: true,
            }],
            kids: Vec::new(),
        }
    }

    /// Adds an element below `parent`; it joins its parent's kids when it first gets content.
    pub(crate) fn add(&mut self, parent: usize, role: &'static str) -> usize {
        self.nodes.push(Node {
            role,
            parent: small(parent),
            scope: None,
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
        for node in other.nodes.into_iter().skip(1) {
            self.nodes.push(Node {
                parent: small(map(node.parent as usize)),
                ..node
            });
        }
        map
    }

    /// Adds a header cell below `row` that heads a `Column` or a `Row`.
    pub(crate) fn add_header_cell(&mut self, row: usize, scope: &'static str) -> usize {
        let node = self.add(row, "TH");
        self.nodes[node].scope = Some(if scope == "Row" {
            Scope::Row
        } else {
            Scope::Column
        });
        node
    }

    /// The element's structure type.
    pub(crate) fn role(&self, node: usize) -> &'static str {
        self.nodes[node].role
    }

    fn attach(&mut self, node: usize) {
        if self.nodes[node].attached {
            return;
        }
        let parent = self.nodes[node].parent;
        self.attach(parent as usize);
        self.nodes[node].attached = true;
        self.kids.push((parent, Kid::Node(small(node))));
    }

    /// Records that marked content `mcid` on `page` belongs to `node`.
    pub(crate) fn mark(&mut self, node: usize, page: usize, mcid: usize) {
        self.attach(node);
        self.kids.push((
            small(node),
            Kid::Content {
                page: small(page),
                mcid: small(mcid),
            },
        ));
    }

    /// Records that annotation `index` of `page` belongs to `node` (a `Link`).
    pub(crate) fn annotate(&mut self, node: usize, page: usize, index: usize) {
        self.attach(node);
        self.kids.push((
            small(node),
            Kid::Annot {
                page: small(page),
                index: small(index),
            },
        ));
    }

    /// Every element's kids, in the order they arrived: `(starts, kids)`, element `i`'s being
    /// `kids[starts[i]..starts[i + 1]]`.
    fn grouped_kids(&self) -> (Vec<usize>, Vec<Kid>) {
        let mut starts = vec![0usize; self.nodes.len() + 1];
        for (owner, _) in &self.kids {
            starts[*owner as usize + 1] += 1;
        }
        for i in 1..starts.len() {
            starts[i] += starts[i - 1];
        }
        let mut next = starts.clone();
        let mut kids = vec![Kid::Node(0); self.kids.len()];
        for (owner, kid) in &self.kids {
            let at = &mut next[*owner as usize];
            kids[*at] = *kid;
            *at += 1;
        }
        (starts, kids)
    }

    /// Writes the tree as `root` (the `/StructTreeRoot`), its elements and its parent tree.
    ///
    /// `pages` are the page objects in order and `annots[p]` the annotation objects of page `p`.
    /// Each page's `/StructParents` must be its 0-based index, and each annotation's
    /// `/StructParent` the number of pages plus its index counted over all pages in order.
    pub(crate) fn write<W: Write>(
        &self,
        file: &mut PdfFile<W>,
        root: Ref,
        pages: &[Ref],
        annots: &[Vec<Ref>],
    ) -> io::Result<()> {
        let ids: Vec<Option<Ref>> = self
            .nodes
            .iter()
            .map(|n| n.attached.then(|| file.alloc()))
            .collect();
        let id = |n: usize| ids[n].unwrap_or(root);
        let (starts, all_kids) = self.grouped_kids();
        let mut first_annot = Vec::with_capacity(annots.len());
        let mut count = 0;
        for page in annots {
            first_annot.push(count);
            count += page.len();
        }
        // Per page: the element owning each MCID, in MCID order.
        let mut page_marks: Vec<Vec<(u32, Ref)>> = vec![Vec::new(); pages.len()];
        let mut annot_parents: Vec<(usize, Ref)> = Vec::new();
        let mut body = String::new();
        for (i, node) in self.nodes.iter().enumerate() {
            let Some(me) = ids[i] else { continue };
            let kids = &all_kids[starts[i]..starts[i + 1]];
            // The element's page is that of its first content: MCIDs there need no page.
            let own_page = kids.iter().find_map(|k| match *k {
                Kid::Content { page, .. } => Some(page as usize),
                _ => None,
            });
            body.clear();
            body.push_str("<</Type/StructElem/S/");
            body.push_str(node.role);
            let parent = if i == ROOT {
                root
            } else {
                id(node.parent as usize)
            };
            let _ = write!(body, "/P {parent}");
            if let Some(page) = own_page {
                let _ = write!(body, "/Pg {}", pages[page]);
            }
            match node.scope {
                Some(Scope::Column) => body.push_str("/A<</O/Table/Scope/Column>>"),
                Some(Scope::Row) => body.push_str("/A<</O/Table/Scope/Row>>"),
                None => {}
            }
            body.push_str("/K[");
            for (k, kid) in kids.iter().enumerate() {
                if k > 0 {
                    body.push(' ');
                }
                match *kid {
                    Kid::Node(n) => {
                        let _ = write!(body, "{}", id(n as usize));
                    }
                    Kid::Content { page, mcid } => {
                        let page = page as usize;
                        page_marks[page].push((mcid, me));
                        if Some(page) == own_page {
                            let _ = write!(body, "{mcid}");
                        } else {
                            let _ = write!(body, "<</Type/MCR/Pg {}/MCID {mcid}>>", pages[page]);
                        }
                    }
                    Kid::Annot { page, index } => {
                        let (page, index) = (page as usize, index as usize);
                        annot_parents.push((first_annot[page] + index, me));
                        let _ = write!(
                            body,
                            "<</Type/OBJR/Pg {}/Obj {}>>",
                            pages[page], annots[page][index]
                        );
                    }
                }
            }
            body.push_str("]>>");
            file.object(me, &body)?;
        }

        let mut nums = String::from("<</Nums[");
        for (p, marks) in page_marks.iter_mut().enumerate() {
            marks.sort_by_key(|(mcid, _)| *mcid);
            let array = file.alloc();
            body.clear();
            body.push('[');
            for (k, (_, elem)) in marks.iter().enumerate() {
                if k > 0 {
                    body.push(' ');
                }
                let _ = write!(body, "{elem}");
            }
            body.push(']');
            file.object(array, &body)?;
            let _ = write!(nums, "{p} {array} ");
        }
        annot_parents.sort_by_key(|(g, _)| *g);
        for (g, elem) in &annot_parents {
            let _ = write!(nums, "{} {elem} ", pages.len() + g);
        }
        nums.push_str("]>>");
        let parent_tree = file.alloc();
        file.object(parent_tree, &nums)?;
        file.object(
            root,
            &format!(
                "<</Type/StructTreeRoot/K {}/ParentTree {parent_tree}/ParentTreeNextKey {}>>",
                id(ROOT),
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
        let (starts, kids) = tree.grouped_kids();
        let kids: Vec<String> = kids[starts[node]..starts[node + 1]]
            .iter()
            .map(|k| match *k {
                Kid::Node(n) => show(tree, n as usize),
                Kid::Content { page, mcid } => format!("{page}:{mcid}"),
                Kid::Annot { page, index } => format!("@{page}:{index}"),
            })
            .collect();
        format!("{}[{}]", tree.nodes[node].role, kids.join(" "))
    }

    #[test]
    fn kids_join_in_the_order_content_is_drawn() {
        let mut tree = StructTree::new();
        let p = tree.add(ROOT, "P");
        let link = tree.add(p, "Link");
        let empty = tree.add(ROOT, "Table");
        let list = tree.add(ROOT, "L");
        let li = tree.add(list, "LI");
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
    fn appended_trees_are_renumbered_after_ours() {
        let mut tree = StructTree::new();
        let p = tree.add(ROOT, "P");
        let mut other = StructTree::new();
        let list = other.add(ROOT, "L");
        let li = other.add(list, "LI");
        let map = tree.append(other);
        assert_eq!((map(ROOT), map(list), map(li)), (ROOT, 2, 3));
        tree.mark(p, 0, 0);
        tree.mark(map(li), 0, 1);
        assert_eq!(show(&tree, ROOT), "Document[P[0:0] L[LI[0:1]]]");
    }
}
