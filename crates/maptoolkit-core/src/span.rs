//! Places in a file's text: the line and column people read, and the byte range programs slice.

use std::fmt;
use std::ops::Range;

/// Where a problem is in a file: 1-based line and column, and the byte range it covers.
///
/// The column counts characters, not bytes, as editors do. The byte range indexes the file's text
/// (see [`crate::Report::source`]), so a program can show the line and put a caret under the
/// value, as rustc does.
///
/// ```
/// use maptoolkit_core::Span;
/// let text = "title = \"x\"\nowner = \"ZZ\"\n";
/// let span = Span::locate(text, 20..24);
/// assert_eq!((span.line, span.column), (2, 9));
/// assert_eq!(&text[span.range()], "\"ZZ\"");
/// assert_eq!(span.to_string(), "2:9");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// The line, from 1.
    pub line: usize,
    /// The column in characters, from 1.
    pub column: usize,
    /// The byte offset where the span starts.
    pub start: usize,
    /// The byte offset just past its end (equal to `start` for a point between characters).
    pub end: usize,
}

impl Span {
    /// The span of `range` (byte offsets) in `text`, with its line and column.
    ///
    /// Offsets past the end of the text, or inside a character, are moved back to the nearest
    /// character boundary.
    pub fn locate(text: &str, range: Range<usize>) -> Span {
        let start = floor_boundary(text, range.start);
        let end = floor_boundary(text, range.end).max(start);
        let before = &text[..start];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Span {
            line: before.bytes().filter(|&b| b == b'\n').count() + 1,
            column: before[line_start..].chars().count() + 1,
            start,
            end,
        }
    }

    /// The byte range, to slice the file's text with.
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

impl fmt::Display for Span {
    /// `line:column`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// The largest character boundary of `text` at or before `at`.
fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(text: &str, range: Range<usize>, expected: (usize, usize, Range<usize>)) {
        let s = Span::locate(text, range);
        assert_eq!((s.line, s.column, s.range()), expected);
    }

    #[test]
    fn lines_and_columns_count_characters() {
        check("abc", 0..1, (1, 1, 0..1));
        check("a\nbc", 3..4, (2, 2, 3..4));
        check("é = 1", 5..6, (1, 5, 5..6));
        check("x\n", 2..2, (2, 1, 2..2));
    }

    #[test]
    fn offsets_outside_the_text_or_a_character_are_clamped() {
        check("ab", 5..9, (1, 3, 2..2));
        check("é", 1..2, (1, 1, 0..2));
        let (start, end) = (1, 0);
        check("ab", start..end, (1, 2, 1..1));
    }
}
