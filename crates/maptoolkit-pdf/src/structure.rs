//! The logical structure tree of a tagged PDF: what is a heading, a list item, a table cell.
//!
//! Layout creates the elements ([`StructTree::add`]) as it meets blocks; the writer marks every
//! piece of text with a marked-content id and records it here ([`StructTree::mark`]), so each
//! element's kids end up in reading order. [`StructTree::write`] then turns the tree into the
//! `/StructTreeRoot`, `/ParentTree` and `/StructElem` objects of ISO 32000-1 §14.7–14.8.

use lopdf::{Dictionary, Object, ObjectId};

/// One structure element.
#[derive(Debug, Clone)]
pub(crate) struct Node {
    /// The standard structure type, e.g. `H1`, `P`, `LI`, `TD`.
    pub role: &'static str,
    /// The parent element; the root is its own parent.
    pub parent: usize,
    /// For `TH`: whether it heads a `Column` or a `Row`.
    pub scope: Option<&'static str>,
    kids: Vec<Kid>,
    attached: bool,
}

#[derive(Debug, Clone, Copy)]
enum Kid {
    Node(usize),
    /// Marked content on a page (0-based) with its MCID.
    Content {
        page: usize,
        mcid: i64,
    },
    /// An annotation: page (0-based) and its index in the page's `/Annots`.
    Annot {
        page: usize,
        index: usize,
    },
}

/// The structure tree being built.
#[derive(Debug, Clone)]
pub(crate) struct StructTree {
    nodes: Vec<Node>,
}

/// The root element, `Document`.
pub(crate) const ROOT: usize = 0;

impl StructTree {
    /// A tree holding only the `Document` element.
    pub(crate) fn new() -> StructTree {
        StructTree {
            nodes: vec![Node {
                role: "Document",
                parent: ROOT,
                scope: None,
                kids: Vec::new(),
                attached: true,
            }],
        }
    }

    /// Adds an element below `parent`; it joins its parent's kids when it first gets content.
    pub(crate) fn add(&mut self, parent: usize, role: &'static str) -> usize {
        self.nodes.push(Node {
            role,
            parent,
            scope: None,
            kids: Vec::new(),
            attached: false,
        });
        self.nodes.len() - 1
    }

    /// Adds a header cell below `row` that heads a `Column` or a `Row`.
    pub(crate) fn add_header_cell(&mut self, row: usize, scope: &'static str) -> usize {
        let node = self.add(row, "TH");
        self.nodes[node].scope = Some(scope);
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
        self.attach(parent);
        self.nodes[node].attached = true;
        self.nodes[parent].kids.push(Kid::Node(node));
    }

    /// Records that marked content `mcid` on `page` belongs to `node`.
    pub(crate) fn mark(&mut self, node: usize, page: usize, mcid: i64) {
        self.attach(node);
        self.nodes[node].kids.push(Kid::Content { page, mcid });
    }

    /// Records that annotation `index` of `page` belongs to `node` (a `Link`).
    pub(crate) fn annotate(&mut self, node: usize, page: usize, index: usize) {
        self.attach(node);
        self.nodes[node].kids.push(Kid::Annot { page, index });
    }

    /// Writes the tree into `doc`, returning the `/StructTreeRoot` id.
    ///
    /// `pages` are the page objects in order and `annots[p]` the annotation objects of page `p`
    /// (already indirect). Sets `/StructParents` on pages and `/StructParent` on annotations.
    pub(crate) fn write(
        &self,
        doc: &mut lopdf::Document,
        pages: &[ObjectId],
        annots: &[Vec<ObjectId>],
    ) -> ObjectId {
        let root_id = doc.new_object_id();
        let ids: Vec<ObjectId> = self.nodes.iter().map(|_| doc.new_object_id()).collect();
        // Per page: the element owning each MCID, in MCID order.
        let mut page_marks: Vec<Vec<(i64, ObjectId)>> = vec![Vec::new(); pages.len()];
        let mut annot_parents: Vec<(ObjectId, ObjectId)> = Vec::new();
        for (i, node) in self.nodes.iter().enumerate() {
            if !node.attached {
                continue;
            }
            let kids: Vec<Object> = node
                .kids
                .iter()
                .map(|kid| match *kid {
                    Kid::Node(n) => Object::Reference(ids[n]),
                    Kid::Content { page, mcid } => {
                        page_marks[page].push((mcid, ids[i]));
                        Object::Dictionary(Dictionary::from_iter(vec![
                            ("Type", Object::Name(b"MCR".to_vec())),
                            ("Pg", Object::Reference(pages[page])),
                            ("MCID", Object::Integer(mcid)),
                        ]))
                    }
                    Kid::Annot { page, index } => {
                        let annot = annots[page][index];
                        annot_parents.push((annot, ids[i]));
                        Object::Dictionary(Dictionary::from_iter(vec![
                            ("Type", Object::Name(b"OBJR".to_vec())),
                            ("Pg", Object::Reference(pages[page])),
                            ("Obj", Object::Reference(annot)),
                        ]))
                    }
                })
                .collect();
            let parent = if i == ROOT { root_id } else { ids[node.parent] };
            let mut elem = Dictionary::from_iter(vec![
                ("Type", Object::Name(b"StructElem".to_vec())),
                ("S", Object::Name(node.role.as_bytes().to_vec())),
                ("P", Object::Reference(parent)),
                ("K", Object::Array(kids)),
            ]);
            if let Some(scope) = node.scope {
                elem.set(
                    "A",
                    Dictionary::from_iter(vec![
                        ("O", Object::Name(b"Table".to_vec())),
                        ("Scope", Object::Name(scope.as_bytes().to_vec())),
                    ]),
                );
            }
            doc.objects.insert(ids[i], Object::Dictionary(elem));
        }

        let mut nums = Vec::new();
        for (p, marks) in page_marks.iter_mut().enumerate() {
            marks.sort_by_key(|(mcid, _)| *mcid);
            let arr = marks.iter().map(|(_, id)| Object::Reference(*id)).collect();
            nums.push(Object::Integer(p as i64));
            nums.push(Object::Reference(doc.add_object(Object::Array(arr))));
            if let Ok(page) = doc.get_object_mut(pages[p]).and_then(Object::as_dict_mut) {
                page.set("StructParents", Object::Integer(p as i64));
                page.set("Tabs", Object::Name(b"S".to_vec()));
            }
        }
        for (k, (annot, elem)) in annot_parents.iter().enumerate() {
            let key = (pages.len() + k) as i64;
            nums.push(Object::Integer(key));
            nums.push(Object::Reference(*elem));
            if let Ok(a) = doc.get_object_mut(*annot).and_then(Object::as_dict_mut) {
                a.set("StructParent", Object::Integer(key));
            }
        }
        let parent_tree =
            doc.add_object(Dictionary::from_iter(vec![("Nums", Object::Array(nums))]));
        let next_key = (pages.len() + annot_parents.len()) as i64;
        doc.objects.insert(
            root_id,
            Object::Dictionary(Dictionary::from_iter(vec![
                ("Type", Object::Name(b"StructTreeRoot".to_vec())),
                ("K", Object::Reference(ids[ROOT])),
                ("ParentTree", Object::Reference(parent_tree)),
                ("ParentTreeNextKey", Object::Integer(next_key)),
            ])),
        );
        if let Some(Object::Dictionary(d)) = doc.objects.get_mut(&ids[ROOT]) {
            d.set("P", Object::Reference(root_id));
        }
        root_id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tree as `Role[kids]`, marked content as `page:mcid`, annotations as `@page:index`.
    fn show(tree: &StructTree, node: usize) -> String {
        let kids: Vec<String> = tree.nodes[node]
            .kids
            .iter()
            .map(|k| match *k {
                Kid::Node(n) => show(tree, n),
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
}
