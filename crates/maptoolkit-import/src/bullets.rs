//! Bullets and how they nest into [`Point`]s.
//!
//! Posts write bullets `•`, `·`, `-`, `*` (and Word's private-use bullet), with `o` (or `◦`, `○`)
//! for a sub-point and `▪` (or Word's `§`) a level below that; indented or not, followed by spaces, tabs or runs
//! of non-breaking spaces. A bullet nests under the one before it when it is indented further or
//! uses a sub-point marker; a blank line inside a list does not end it. A paragraph without a
//! bullet is a point of its own, and bullets after a paragraph ending in `:` are its sub-points.

use maptoolkit_core::{MAX_POINT_DEPTH, Point};

use crate::text::{clean, indent_width, is_space};

/// A bulleted line: how far it is indented, how deep its marker says it is, and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bullet {
    /// Leading space, a tab counting 4.
    pub indent: usize,
    /// 0 for a plain bullet, 1 for `o`, 2 for `▪`.
    pub rank: u8,
    /// The text after the marker, cleaned.
    pub text: String,
}

/// Every bullet marker and its rank: 0 a point, 1 a sub-point, 2 a level below that (Word's
/// private-use bullets as pasted, too).
const MARKERS: &[(char, u8)] = &[
    ('•', 0),
    ('·', 0),
    ('●', 0),
    ('‣', 0),
    ('⁃', 0),
    ('-', 0),
    ('–', 0),
    ('*', 0),
    ('➢', 0),
    ('►', 0),
    ('▸', 0),
    ('✓', 0),
    ('✔', 0),
    ('\u{F0B7}', 0),
    ('\u{F0D8}', 0),
    ('\u{F0FC}', 0),
    ('o', 1),
    ('◦', 1),
    ('○', 1),
    ('\u{F0A7}', 1),
    ('▪', 2),
    ('■', 2),
    ('□', 2),
    ('§', 2),
    ('\u{F0A8}', 2),
];

/// The rank of a bullet marker, if the character is one.
fn marker_rank(c: char) -> Option<u8> {
    MARKERS.iter().find(|(m, _)| *m == c).map(|(_, r)| *r)
}

/// Reads a bulleted line; `None` for a line without a bullet.
///
/// Numbered lines (`1.`, `2)`) count as plain bullets.
///
/// ```
/// use maptoolkit_import::bullets::bullet;
/// let b = bullet("o\u{a0}\u{a0} Enable all NHS staff").unwrap();
/// assert_eq!((b.indent, b.rank, b.text.as_str()), (0, 1, "Enable all NHS staff"));
/// assert_eq!(bullet("    • Talent management").unwrap().indent, 4);
/// assert!(bullet("of course").is_none());
/// ```
pub fn bullet(line: &str) -> Option<Bullet> {
    let indent = indent_width(line);
    let body = line.trim_start_matches(is_space);
    let mut chars = body.chars();
    let first = chars.next()?;
    let after = chars.as_str();
    let (rank, rest) = if let Some(rank) = marker_rank(first) {
        let spaced = after.starts_with(is_space);
        let word_char = |c: char| c.is_alphabetic() || c == '‘' || c == '“' || c == '"';
        // `o` must be followed by a space; `-x` and `•x` may run on, but not `--` or `-2`.
        let glued = !spaced && first != 'o' && after.starts_with(word_char);
        if !(spaced || glued) {
            return None;
        }
        (rank, after)
    } else {
        let digits = body.bytes().take_while(u8::is_ascii_digit).count();
        let rest = body[digits..].strip_prefix(['.', ')'])?;
        if digits == 0 || digits > 2 || !rest.starts_with(is_space) {
            return None;
        }
        (0, rest)
    };
    let text = clean(rest);
    (!text.is_empty()).then_some(Bullet { indent, rank, text })
}

/// One line of a list section: its number in the input, the raw text, and whether a blank line
/// came before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListLine {
    /// Line number in the input, from 1.
    pub number: usize,
    /// The line as written.
    pub raw: String,
    /// A blank line (or the label) came directly before it.
    pub blank_before: bool,
}

/// How deep an item sits, and where the stack of open items stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Open {
    /// A bullet at this indent and rank.
    Bullet { indent: usize, rank: u8 },
    /// A paragraph ending in `:`; any bullet after it is its child.
    Lead,
}

/// Whether bullet `new` sits below the open item `top`.
fn deeper(new: (usize, u8), top: Open) -> bool {
    match top {
        Open::Lead => true,
        Open::Bullet { indent, rank } => new.0 > indent + 1 || new.1 > rank,
    }
}

/// Whether bullet `new` is a sibling of the open item `top`.
fn same(new: (usize, u8), top: Open) -> bool {
    match top {
        Open::Lead => false,
        Open::Bullet { indent, rank } => new.0.abs_diff(indent) <= 1 && new.1 == rank,
    }
}

/// Builds points from a section's lines. `first`, if given, is a paragraph written on the label's
/// own line (`Impact on library policy/practice: The policy urges…`).
pub fn points(first: Option<&str>, lines: &[ListLine]) -> Vec<Point> {
    // (depth, text) in order, then nested.
    let mut items: Vec<(usize, String)> = Vec::new();
    let mut stack: Vec<Open> = Vec::new();
    let mut last_was_text = false;
    // The length of the last plain line, in characters.
    let mut last_len = usize::MAX;
    let push_paragraph = |text: String, items: &mut Vec<(usize, String)>, stack: &mut Vec<Open>| {
        stack.clear();
        if text.ends_with(':') || is_subheading(&text) {
            stack.push(Open::Lead);
        }
        items.push((0, text));
    };
    if let Some(text) = first.map(clean).filter(|t| !t.is_empty()) {
        push_paragraph(text, &mut items, &mut stack);
        last_was_text = true;
    }
    for line in lines {
        match bullet(&line.raw) {
            Some(b) => {
                let key = (b.indent, b.rank);
                let depth = loop {
                    match stack.last() {
                        None => {
                            stack.push(Open::Bullet {
                                indent: key.0,
                                rank: key.1,
                            });
                            break 0;
                        }
                        Some(top) if same(key, *top) => break stack.len() - 1,
                        Some(top) if deeper(key, *top) => {
                            stack.push(Open::Bullet {
                                indent: key.0,
                                rank: key.1,
                            });
                            break stack.len() - 1;
                        }
                        Some(_) => {
                            stack.pop();
                        }
                    }
                };
                let depth = depth.min(MAX_POINT_DEPTH - 1);
                items.push((depth, b.text));
                last_was_text = true;
            }
            None => {
                let text = clean(&line.raw);
                if text.is_empty() {
                    continue;
                }
                let len = text.chars().count();
                match items.last_mut() {
                    Some((_, prev))
                        if last_was_text
                            && !line.blank_before
                            && !crate::text::ends_paragraph(prev)
                            && crate::text::hard_wrapped(last_len) =>
                    {
                        prev.push(' ');
                        prev.push_str(&text);
                    }
                    _ => push_paragraph(text, &mut items, &mut stack),
                }
                last_len = len;
                last_was_text = true;
            }
        }
    }
    nest(&items)
}

/// Whether a paragraph reads like a sub-heading of a list (`Workforce`, `Education and
/// training`): short, no closing punctuation, not a bullet. Bullets after it are its points.
fn is_subheading(text: &str) -> bool {
    text.chars().count() <= 60
        && text.split(' ').count() <= 8
        && !text.ends_with(['.', ',', ';', '!', '?', ')', '"', '\u{201d}'])
        && text.starts_with(|c: char| c.is_uppercase())
}

/// Nests `(depth, text)` items, each at most one level below the one before.
fn nest(items: &[(usize, String)]) -> Vec<Point> {
    let mut roots: Vec<Point> = Vec::new();
    for (depth, text) in items {
        let mut siblings = &mut roots;
        for _ in 0..*depth {
            if siblings.is_empty() {
                break;
            }
            let last = siblings.len() - 1;
            siblings = &mut siblings[last].children;
        }
        siblings.push(Point::new(text.clone()));
    }
    roots
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<ListLine> {
        let mut blank = true;
        let mut out = Vec::new();
        for (i, raw) in text.lines().enumerate() {
            if crate::text::is_blank(raw) {
                blank = true;
                continue;
            }
            out.push(ListLine {
                number: i + 1,
                raw: raw.to_string(),
                blank_before: blank,
            });
            blank = false;
        }
        out
    }

    /// Points shown one a line, two spaces deeper per level.
    fn show(points: &[Point], depth: usize, out: &mut String) {
        for p in points {
            out.push_str(&format!("{}{}\n", "  ".repeat(depth), p.text));
            show(&p.children, depth + 1, out);
        }
    }

    #[track_caller]
    fn check(first: Option<&str>, input: &str, expected: &str) {
        let mut got = String::new();
        show(&points(first, &lines(input)), 0, &mut got);
        assert_eq!(got, expected, "{input}");
    }

    #[test]
    fn bullet_styles() {
        let expected = "a\n  b\n  c\nd\n";
        check(None, "  • a\n    • b\n    • c\n  • d\n", expected);
        check(None, "• a\n\n  • b\n\n\n  • c\n\n• d\n", expected);
        check(
            None,
            "·\u{a0}\u{a0}\u{a0}\u{a0} a\n\no\u{a0}\u{a0} b\n\no\u{a0}\u{a0} c\n\n·\u{a0} d\n",
            expected,
        );
        check(None, "- a\n\to b\n\to c\n- d\n", expected);
        check(None, "* a\n\t* b\n\t* c\n* d\n", expected);
        check(None, "-a\n   -b\n   -c\n-d\n", expected);
        check(None, "\u{F0B7}\ta\no\tb\no\tc\n\u{F0B7}\td\n", expected);
        check(None, "1. a\n    - b\n    - c\n2. d\n", expected);
        check(None, "  • a\n   • b\n  • c\n", "a\nb\nc\n");
    }

    #[test]
    fn deeper_levels_nest() {
        check(
            None,
            "• a\n  • b\n    • c\n      • d\n• e\n",
            "a\n  b\n    c\n      d\ne\n",
        );
        check(None, "• a\no b\n▪ c\no d\n", "a\n  b\n    c\n  d\n");
        check(None, "    • a\n  • b\n", "a\nb\n");
    }

    #[test]
    fn paragraphs_and_runs_on() {
        check(
            Some("Inline text."),
            "\nSecond.\n\nThird.\n",
            "Inline text.\nSecond.\nThird.\n",
        );
        check(None, "• a\ncontinued\n• b\n", "a continued\nb\n");
        check(
            None,
            "It commits to:\n\no x\n\no y\n\nAfter.\n",
            "It commits to:\n  x\n  y\nAfter.\n",
        );
        check(None, "Plain.\n\n  • x\n", "Plain.\nx\n");
        check(None, "o orphan\n• x\n", "orphan\nx\n");
        check(
            None,
            "Workforce\n  • a\n    • b\nEducation\n  • c\n",
            "Workforce\n  a\n    b\nEducation\n  c\n",
        );
    }
}
