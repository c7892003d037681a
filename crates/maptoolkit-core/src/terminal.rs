//! Text made safe to print on a terminal: the one rule for every command and report that shows
//! what a toolkit or an imported post holds.

use std::borrow::Cow;

/// Text made safe to print on a terminal: control characters (but line feeds and tabs) become
/// visible symbols, so a title holding ESC or BEL from a pasted post can neither recolour the
/// terminal nor ring it. C0 controls become their Control Pictures (ESC shows as `␛`), DEL
/// `␡`; C1 controls and the bidirectional overrides, which can reorder what a line seems to say,
/// are written as `<U+009B>`.
///
/// ```
/// use maptoolkit_core::terminal_safe;
/// assert_eq!(terminal_safe("Carter\x1b[2J review\x07"), "Carter␛[2J review␇");
/// assert_eq!(terminal_safe("line one\nline two"), "line one\nline two");
/// assert_eq!(terminal_safe("a\u{202e}b"), "a<U+202E>b");
/// ```
pub fn terminal_safe(text: &str) -> Cow<'_, str> {
    let unsafe_char = |c: char| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    };
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            c if !unsafe_char(c) => out.push(c),
            '\u{0}'..='\u{1f}' => {
                out.push(char::from_u32(0x2400 + c as u32).expect("a Control Picture"));
            }
            '\u{7f}' => out.push('\u{2421}'),
            c => out.push_str(&format!("<U+{:04X}>", c as u32)),
        }
    }
    Cow::Owned(out)
}
