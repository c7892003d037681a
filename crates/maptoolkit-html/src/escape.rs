//! The one place text becomes HTML or XML: markup characters are escaped and characters neither
//! can carry (control characters, noncharacters) become U+FFFD, so they are handled, never
//! passed through.

/// Appends `text` to `out`, escaped for HTML and XML text and attribute values (quoted with `"`
/// or `'`).
///
/// ```
/// let mut out = String::new();
/// maptoolkit_html::escape("Tom & Jerry's <b>\"1 – 3\"</b>\u{7}", &mut out);
/// assert_eq!(out, "Tom &amp; Jerry&#39;s &lt;b&gt;&quot;1 – 3&quot;&lt;/b&gt;\u{FFFD}");
/// ```
pub fn escape(text: &str, out: &mut String) {
    let mut start = 0;
    for (i, c) in text.char_indices() {
        let replacement = match c {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            '"' => "&quot;",
            '\'' => "&#39;",
            c if forbidden(c) => "\u{FFFD}",
            _ => continue,
        };
        out.push_str(&text[start..i]);
        out.push_str(replacement);
        start = i + c.len_utf8();
    }
    out.push_str(&text[start..]);
}

/// `text` escaped, as a new string.
pub fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape(text, &mut out);
    out
}

/// Characters HTML forbids in a document or XML 1.0 cannot carry: control characters other than
/// tab, line feed and carriage return, DEL and the C1 controls, and Unicode noncharacters.
fn forbidden(c: char) -> bool {
    let u = u32::from(c);
    (u < 0x20 && !matches!(c, '\t' | '\n' | '\r'))
        || (0x7F..=0x9F).contains(&u)
        || (0xFDD0..=0xFDEF).contains(&u)
        || (u & 0xFFFE) == 0xFFFE
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: &str) {
        assert_eq!(escaped(input), expected, "{input:?}");
    }

    #[test]
    fn markup_characters_are_escaped() {
        check("", "");
        check("plain – text’s", "plain – text’s");
        check(
            "<script>alert('x')</script>",
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;",
        );
        check("a=\"1\" onmouseover=x", "a=&quot;1&quot; onmouseover=x");
        check("&amp;", "&amp;amp;");
        check("]]>", "]]&gt;");
    }

    #[test]
    fn characters_html_and_xml_cannot_carry_are_replaced() {
        check("a\u{0}b\u{1B}c", "a\u{FFFD}b\u{FFFD}c");
        check("tab\tline\nreturn\r", "tab\tline\nreturn\r");
        check("\u{7F}\u{85}\u{9F}", "\u{FFFD}\u{FFFD}\u{FFFD}");
        check(
            "\u{FDD0}\u{FFFE}\u{FFFF}\u{1FFFF}\u{10FFFE}",
            "\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}",
        );
    }

    #[test]
    fn other_characters_pass_unchanged() {
        check(
            "emoji 😀, Arabic مرحبا, combining é, U+A0\u{A0}",
            "emoji 😀, Arabic مرحبا, combining é, U+A0\u{A0}",
        );
        check(
            "\u{FFFD}\u{FFFC}\u{FDCF}\u{FDF0}",
            "\u{FFFD}\u{FFFC}\u{FDCF}\u{FDF0}",
        );
    }
}
