//! Normalising pasted text: non-breaking and other odd spaces, tabs, runs of spaces.
//!
//! Posts copied from the web carry U+00A0 after labels and inside titles, tabs and runs of
//! spaces. Imported text has single plain spaces and no surrounding space.

/// Whether a character counts as a space in a post: ASCII whitespace, NBSP and the other Unicode
/// spaces, and the zero-width characters word processors leave behind.
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}' | '\u{FEFF}' | '\u{2060}')
}

/// The text with every kind of space turned into a plain space, runs collapsed, and trimmed.
pub(crate) fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        if is_space(c) {
            pending_space = !out.is_empty();
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
    out
}

/// The width of a line's leading space: a tab counts 4, any other space 1.
pub(crate) fn indent_width(line: &str) -> usize {
    line.chars()
        .take_while(|c| is_space(*c))
        .map(|c| if c == '\t' { 4 } else { 1 })
        .sum()
}

/// Whether a line holds nothing but spaces.
pub(crate) fn is_blank(line: &str) -> bool {
    line.chars().all(is_space)
}

/// Whether `text` starts with `prefix`, ignoring ASCII case; returns the rest.
pub(crate) fn strip_prefix_ci<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

/// The shortest line taken to have been wrapped by a line width rather than ended on purpose.
const WRAP_WIDTH: usize = 50;

/// Whether a plain line continues the line before it, of `before` characters, rather than
/// starting an item of its own: the line before ran to a wrapping width. A list typed one short
/// item a line (`p 6, para 9`, `p 8 12f`) stays a list.
pub(crate) fn hard_wrapped(before: usize) -> bool {
    before >= WRAP_WIDTH
}

/// Whether a line ends its paragraph even without a blank line after it: web pages saved as
/// text separate paragraphs by single newlines, and a sentence's end marks them.
pub(crate) fn ends_paragraph(text: &str) -> bool {
    text.trim_end_matches(['"', '”', '’', ')'])
        .ends_with(['.', '!', '?', ':', ';'])
}

/// Whether the text contains `word` as a whole word, ignoring ASCII case.
pub(crate) fn has_word(text: &str, word: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric())
        .any(|w| w.eq_ignore_ascii_case(word))
}

/// Whether two titles are the same but for case, spaces and punctuation, or one starts the other.
pub(crate) fn similar(a: &str, b: &str) -> bool {
    let key = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let (a, b) = (key(a), key(b));
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    !short.is_empty() && (short == long || (short.len() >= 12 && long.starts_with(short.as_str())))
}

/// Whether a line is a paragraph of sentences, never a title: it ends with a full stop and holds
/// another sentence break (`. ` before a capital), as a policy briefing's closing paragraph ("A
/// policy briefing is available… Produced by…") does.
pub(crate) fn is_prose(line: &str) -> bool {
    if !line.ends_with('.') {
        return false;
    }
    let breaks = line
        .match_indices(". ")
        .filter(|(i, _)| {
            line[i + 2..]
                .trim_start()
                .starts_with(|c: char| c.is_uppercase())
        })
        .count();
    breaks >= 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleans_spaces() {
        assert_eq!(clean("  a\u{a0}\u{a0} b\tc  "), "a b c");
        assert_eq!(clean("\u{a0}"), "");
        assert_eq!(indent_width("\t\u{a0} x"), 6);
        assert!(is_blank(" \u{a0}\t"));
        assert_eq!(strip_prefix_ci("Protected: x", "protected:"), Some(" x"));
        assert!(has_word("MAP Meeting 4th May", "meeting"));
        assert!(!has_word("Meetings", "meeting"));
    }
}
