//! Making model text safe for XML 1.0: the one place text becomes XML.
//!
//! XML 1.0 cannot carry the C0 control characters other than tab, line feed and carriage return,
//! nor the non-characters U+FFFE and U+FFFF (lone surrogates cannot occur in a Rust `String`).
//! Written raw, they make the part invalid and Word refuses the file.
//!
//! **Decision:** each such character is *replaced* by U+FFFD REPLACEMENT CHARACTER (`�`), so a
//! reader sees that something was there rather than words silently running together. Every other
//! character (en-dash, curly quotes, `£`, `ŵ`, emoji, `<`, `&`) is kept unchanged; escaping `<`, `&`
//! and quotes is quick-xml's [`escape`](quick_xml::escape::escape), applied by [`escape_into`], the
//! only function that turns text into XML.

use std::borrow::Cow;

/// What replaces a character XML 1.0 cannot carry.
pub const REPLACEMENT: char = '\u{FFFD}';

/// Whether XML 1.0 can carry `c` in text or attribute values.
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r') || !(c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}')
}

/// `text` with every character XML 1.0 cannot carry replaced by [`REPLACEMENT`].
///
/// Borrows when nothing needs replacing, which is nearly always.
pub fn xml_safe(text: &str) -> Cow<'_, str> {
    if text.chars().all(is_xml_char) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(
            text.chars()
                .map(|c| if is_xml_char(c) { c } else { REPLACEMENT })
                .collect(),
        )
    }
}

/// Appends `text` to `out` as XML text or a double-quoted attribute value: characters XML 1.0
/// cannot carry replaced, then `&`, `<`, `>`, `'` and `"` escaped by quick-xml.
pub(crate) fn escape_into(out: &mut Vec<u8>, text: &str) {
    out.extend_from_slice(quick_xml::escape::escape(xml_safe(text)).as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_replaces_what_xml_cannot_carry() {
        let mut out = Vec::new();
        escape_into(&mut out, "a<b>&\"c\"'d'\u{1} – ’");
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;\u{FFFD} – ’"
        );
    }

    #[test]
    fn replaces_only_what_xml_cannot_carry() {
        assert_eq!(xml_safe("a\u{0001}b\u{001F}c"), "a\u{FFFD}b\u{FFFD}c");
        assert_eq!(xml_safe("x\u{FFFE}\u{FFFF}"), "x\u{FFFD}\u{FFFD}");
        let keep = "tab\tlf\ncr\r – ’ “ ” £ ŵ 🏥 <b>&amp; \u{7F} \u{FFFD}";
        assert!(matches!(xml_safe(keep), Cow::Borrowed(s) if s == keep));
    }
}
