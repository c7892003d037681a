//! Placing the flow of units on pages.
//!
//! Greedy, top to bottom, with the rules the units carry: a unit that must stay with the next one
//! (a heading) moves to a new page unless it fits together with the first lines of what follows;
//! a unit that does not fit is split between strips if it allows it and enough strips stay on
//! each side, and otherwise starts a new page; a table's header row is repeated at the top of
//! every page its rows continue on.

use crate::layout::{Flow, Item, Unit};

/// A laid-out page: items positioned from the top-left corner of the text area.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Page {
    /// What is drawn, `y` measured down from the top of the text area.
    pub items: Vec<Item>,
    /// Whether this is the cover (it holds the document title).
    pub cover: bool,
}

/// Places `flow` on pages of height `height`, repeating `headers` above continued tables.
#[cfg(test)]
pub(crate) fn paginate(flow: &[Flow], headers: &[Unit], height: f32) -> Vec<Page> {
    let mut p = Paginator::new(height);
    p.feed(&mut flow.to_vec(), headers, false);
    p.finish().1
}

/// Pagination that takes the flow a piece at a time and hands back pages once they are full, so
/// a long document never has to be laid out all at once.
#[derive(Debug)]
pub(crate) struct Paginator {
    /// Pages not handed back yet; the last is being filled.
    pages: Vec<Page>,
    /// How many pages were handed back before `pages[0]`.
    taken: usize,
    cursor: f32,
    height: f32,
    /// The last unit placed keeps with the next: the chain's page was chosen at its start.
    in_chain: bool,
}

impl Paginator {
    /// Starts with an empty first page of height `height`.
    pub(crate) fn new(height: f32) -> Paginator {
        Paginator {
            pages: vec![Page::default()],
            taken: 0,
            cursor: 0.0,
            height,
            in_chain: false,
        }
    }

    /// Places as much of `flow` as can be placed knowing only `flow` (if `more` may follow,
    /// units kept with the next one are held back until what follows them is known) and takes
    /// it out of `flow`; the caller gives the rest again with what follows.
    ///
    /// Items move onto the pages rather than being copied: a long table is one block, and
    /// holding its layout twice would double what a window costs.
    pub(crate) fn feed(&mut self, flow: &mut Vec<Flow>, headers: &[Unit], more: bool) {
        let end = if more {
            // Everything up to the last step that is not kept with what follows.
            flow.iter()
                .rposition(|step| !matches!(step, Flow::Unit(u) if u.keep_with_next))
                .map_or(0, |i| i + 1)
        } else {
            flow.len()
        };
        for i in 0..end {
            match std::mem::replace(&mut flow[i], Flow::PageBreak) {
                Flow::PageBreak => {
                    self.in_chain = false;
                    if !self.page_is_empty() {
                        self.new_page(None, headers);
                    }
                }
                Flow::Unit(unit) => {
                    // Where a chain of kept units goes is decided at its first unit.
                    if unit.keep_with_next && !self.page_is_empty() && !self.in_chain {
                        // All it keeps with, if that fits on a page; else just the start of the
                        // next unit, so a chain longer than a page does not empty pages.
                        let own = unit.space_before + unit.height();
                        let all = own + following(&flow[i + 1..]);
                        let needed = if all <= self.height {
                            all
                        } else {
                            own + following_first(&flow[i + 1..])
                        };
                        if self.cursor + needed > self.height {
                            self.new_page(unit.table, headers);
                        }
                    }
                    self.in_chain = unit.keep_with_next;
                    self.place(unit, headers);
                }
            }
        }
        flow.drain(..end);
    }

    /// Hands back the full pages (all but the one being filled) and the 0-based number of the
    /// first of them.
    pub(crate) fn take_full(&mut self) -> (usize, Vec<Page>) {
        let first = self.taken;
        let current = self.pages.pop().unwrap_or_default();
        let full = std::mem::replace(&mut self.pages, vec![current]);
        self.taken += full.len();
        (first, full)
    }

    /// Hands back the remaining pages, leaving out a last page with nothing on it.
    pub(crate) fn finish(mut self) -> (usize, Vec<Page>) {
        if self.taken + self.pages.len() > 1 && self.page_is_empty() {
            self.pages.pop();
        }
        (self.taken, self.pages)
    }
}

/// How much of the flow must come along with a kept unit: the next units that are kept too, and
/// what of the one after may start a page: all of it if it may not be split (a table row, a
/// paragraph too short to leave lines on both sides), else as many strips as a split leaves.
fn following(flow: &[Flow]) -> f32 {
    match flow.first() {
        Some(Flow::Unit(u)) if u.keep_with_next => {
            u.space_before + u.height() + following(&flow[1..])
        }
        Some(Flow::Unit(u)) => u.space_before + lead(u),
        _ => 0.0,
    }
}

/// The height of the part of `unit` that must be on the page it starts on.
fn lead(unit: &Unit) -> f32 {
    let m = unit.min_split;
    if m == 0 || unit.strips.len() < 2 * m {
        unit.height()
    } else {
        unit.strips.iter().take(m).map(|s| s.height).sum()
    }
}

/// How much must come along with a kept unit when all it keeps with cannot fit on one page: only
/// the start of the next unit.
fn following_first(flow: &[Flow]) -> f32 {
    match flow.first() {
        Some(Flow::Unit(u)) => u.space_before + lead(u).min(u.height()),
        _ => 0.0,
    }
}

impl Paginator {
    fn page_is_empty(&self) -> bool {
        self.cursor == 0.0
    }

    fn page(&mut self) -> &mut Page {
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    /// Starts a page; if a table continues on it, its header row goes first.
    fn new_page(&mut self, table: Option<usize>, headers: &[Unit]) {
        self.pages.push(Page::default());
        self.cursor = 0.0;
        if let Some(header) = table.and_then(|t| headers.get(t)) {
            for strip in &header.strips {
                self.put(strip.height, strip.items.iter().cloned());
            }
        }
    }

    fn put(&mut self, height: f32, items: impl IntoIterator<Item = Item>) {
        let top = self.cursor;
        self.page()
            .items
            .extend(items.into_iter().map(|i| i.shifted(top)));
        self.cursor += height;
    }

    fn place(&mut self, mut unit: Unit, headers: &[Unit]) {
        let mut next = 0;
        let n = unit.strips.len();
        let mut first = true;
        // Set after starting a page for this unit: if even then nothing fits (below a repeated
        // table header, say), place what must be placed rather than start pages forever.
        let mut fresh = false;
        while next < n {
            let space = if self.page_is_empty() || !first {
                0.0
            } else {
                unit.space_before
            };
            let rest: f32 = unit.strips[next..].iter().map(|s| s.height).sum();
            let count = if self.cursor + space + rest <= self.height {
                n - next
            } else {
                let mut fit = 0;
                let mut used = self.cursor + space;
                for strip in &unit.strips[next..] {
                    if used + strip.height > self.height {
                        break;
                    }
                    used += strip.height;
                    fit += 1;
                }
                let remaining = n - next;
                let m = unit.min_split;
                let allowed = if m == 0 || remaining < 2 * m {
                    0
                } else {
                    fit.min(remaining - m)
                };
                if allowed >= m.max(1) {
                    allowed
                } else if self.page_is_empty() || fresh {
                    fit.max(1)
                } else {
                    self.new_page(unit.table, headers);
                    fresh = true;
                    continue;
                }
            };
            self.cursor += space;
            if unit.title {
                self.page().cover = true;
            }
            for strip in &mut unit.strips[next..next + count] {
                self.put(strip.height, std::mem::take(&mut strip.items));
            }
            next += count;
            first = false;
            fresh = false;
            if next < n {
                if let Some((x1, x2)) = unit.frame {
                    let y = self.cursor;
                    self.page().items.push(frame_line(x1, x2, y));
                    self.new_page(unit.table, headers);
                    self.page().items.push(frame_line(x1, x2, 0.0));
                } else {
                    self.new_page(unit.table, headers);
                }
            }
        }
    }
}

fn frame_line(x1: f32, x2: f32, y: f32) -> Item {
    Item::Line {
        x1,
        y1: y,
        x2,
        y2: y,
        colour: maptoolkit_briefing::Rgb(0xAE, 0xB7, 0xBD),
        width: 0.5,
        dotted: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::Face;
    use crate::layout::Strip;
    use maptoolkit_briefing::Rgb;

    fn label(text: &str) -> Item {
        Item::Text {
            x: 0.0,
            baseline: 0.0,
            size: 10.0,
            face: Face::Regular,
            colour: Rgb(0, 0, 0),
            text: text.to_string(),
            link: None,
            node: Some(1),
        }
    }

    /// A unit of 10-point strips labelled `name1`, `name2`, ….
    fn unit(name: &str, lines: usize) -> Unit {
        let strips = (1..=lines)
            .map(|i| Strip {
                height: 10.0,
                items: vec![label(&format!("{name}{i}"))],
            })
            .collect();
        Unit {
            strips,
            min_split: 2,
            ..Unit::default()
        }
    }

    fn heading(name: &str) -> Unit {
        Unit {
            keep_with_next: true,
            min_split: 0,
            ..unit(name, 1)
        }
    }

    /// Paginates onto pages 50 points high; `expected` lists each page's labels, pages split by
    /// `|`. Labels of artifact (repeated) text are shown in brackets.
    #[track_caller]
    fn check(flow: Vec<Flow>, headers: &[Unit], expected: &str) {
        let pages = paginate(&flow, headers, 50.0);
        let got: Vec<String> = pages
            .iter()
            .map(|p| {
                p.items
                    .iter()
                    .filter_map(|i| match i {
                        Item::Text {
                            text,
                            node: Some(_),
                            ..
                        } => Some(text.clone()),
                        Item::Text {
                            text, node: None, ..
                        } => Some(format!("[{text}]")),
                        _ => None,
                    })
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        assert_eq!(got.join(" | "), expected);
    }

    fn u(unit: Unit) -> Flow {
        Flow::Unit(unit)
    }

    #[test]
    fn long_list_paginates_item_by_item() {
        let items: Vec<Flow> = (1..=12).map(|i| u(unit(&format!("i{i}."), 1))).collect();
        check(
            items,
            &[],
            "i1.1 i2.1 i3.1 i4.1 i5.1 | i6.1 i7.1 i8.1 i9.1 i10.1 | i11.1 i12.1",
        );
    }

    #[test]
    fn paragraphs_split_keeping_two_lines_each_side() {
        check(
            vec![u(unit("a", 3)), u(unit("b", 4))],
            &[],
            "a1 a2 a3 b1 b2 | b3 b4",
        );
        // Only one line of "b" would fit: the whole paragraph moves.
        check(
            vec![u(unit("a", 4)), u(unit("b", 3))],
            &[],
            "a1 a2 a3 a4 | b1 b2 b3",
        );
        // Four lines fit, but that would leave one alone: three go.
        check(
            vec![u(unit("a", 1)), u(unit("b", 5))],
            &[],
            "a1 b1 b2 b3 | b4 b5",
        );
        // Taller than a page: split wherever it must.
        check(
            vec![u(unit("a", 12))],
            &[],
            "a1 a2 a3 a4 a5 | a6 a7 a8 a9 a10 | a11 a12",
        );
        check(
            vec![
                u(unit("a", 1)),
                Flow::PageBreak,
                Flow::PageBreak,
                u(unit("b", 1)),
            ],
            &[],
            "a1 | b1",
        );
    }

    #[test]
    fn rows_taller_than_the_space_below_a_repeated_header_still_progress() {
        let header = Unit {
            keep_with_next: true,
            ..unit("h", 3)
        };
        let mut row = unit("r", 3);
        row.table = Some(0);
        check(
            vec![u(header.clone()), u(row)],
            &[header.as_artifact()],
            "h1 h2 h3 | [h1] [h2] [h3] r1 r2 | [h1] [h2] [h3] r3",
        );
    }

    #[test]
    fn headings_keep_with_next() {
        // The heading would fit at the foot of page 1 but its paragraph would not start there.
        check(
            vec![u(unit("a", 4)), u(heading("H")), u(unit("b", 3))],
            &[],
            "a1 a2 a3 a4 | H1 b1 b2 b3",
        );
        // Two lines of the next paragraph fit below the heading: it stays.
        check(
            vec![u(unit("a", 2)), u(heading("H")), u(unit("b", 4))],
            &[],
            "a1 a2 H1 b1 b2 | b3 b4",
        );
        // Heading followed by subheading: both move.
        check(
            vec![
                u(unit("a", 3)),
                u(heading("H")),
                u(heading("S")),
                u(unit("b", 2)),
            ],
            &[],
            "a1 a2 a3 | H1 S1 b1 b2",
        );
    }

    #[test]
    fn headings_move_with_a_paragraph_too_short_to_split() {
        // Three lines of "b" cannot be split two and two: the heading goes with all of them.
        check(
            vec![u(unit("a", 2)), u(heading("H")), u(unit("b", 3))],
            &[],
            "a1 a2 | H1 b1 b2 b3",
        );
        // A row that may not split comes whole.
        let mut row = unit("r", 3);
        row.min_split = 0;
        check(
            vec![u(unit("a", 2)), u(heading("H")), u(row)],
            &[],
            "a1 a2 | H1 r1 r2 r3",
        );
    }

    /// A label–value table of `rows` one-line rows, kept together as the layout keeps one that
    /// fits on a page.
    fn kept_table(name: &str, rows: usize) -> Vec<Flow> {
        (1..=rows)
            .map(|i| {
                let mut r = unit(&format!("{name}{i}."), 1);
                r.min_split = 0;
                r.keep_with_next = i < rows;
                u(r)
            })
            .collect()
    }

    #[test]
    fn a_kept_table_that_fits_on_a_page_moves_whole() {
        let mut flow = vec![u(unit("a", 3))];
        flow.extend(kept_table("k", 3));
        check(flow, &[], "a1 a2 a3 | k1.1 k2.1 k3.1");
        // Longer than a page: it fills pages rather than leave them empty.
        let mut flow = vec![u(unit("a", 2)), u(heading("H"))];
        flow.extend(kept_table("k", 7));
        check(flow, &[], "a1 a2 H1 k1.1 k2.1 | k3.1 k4.1 k5.1 k6.1 k7.1");
    }

    #[test]
    fn table_rows_split_and_header_repeats() {
        let header = Unit {
            keep_with_next: true,
            ..unit("h", 1)
        };
        let row = |name: &str, lines| {
            let mut r = unit(name, lines);
            r.table = Some(0);
            r.frame = Some((0.0, 100.0));
            u(r)
        };
        let repeated = header.as_artifact();
        // Row "s" is split two lines and two lines; the header row is repeated (as an
        // artifact) above the rest, and above the next page's rows too.
        check(
            vec![
                u(header.clone()),
                row("r", 1),
                row("s", 4),
                row("t", 3),
                row("v", 2),
            ],
            std::slice::from_ref(&repeated),
            "h1 r1 s1 s2 | [h1] s3 s4 | [h1] t1 t2 t3 | [h1] v1 v2",
        );
        // A three-line row is not split one and two: it moves whole.
        check(
            vec![u(header), row("r", 2), row("s", 3)],
            std::slice::from_ref(&repeated),
            "h1 r1 r2 | [h1] s1 s2 s3",
        );
    }
}
