//! Bounding how deeply a post's HTML nests, before the HTML parser sees it.
//!
//! html5ever's tree builder looks through the stack of open elements for every tag (the HTML
//! standard's "has an element in scope"), so its time grows with the square of the nesting:
//! 20,000 nested `<div>`s or `<ul><li>`s take minutes. No real post nests more than a few levels,
//! so tags deeper than [`MAX_HTML_DEPTH`] are dropped here, in one pass over the text, their
//! text kept: the content is flattened, never lost, and the import warns.
//!
//! The nesting is estimated as the standard's tree builder would see it, closely enough for a
//! bound: void elements (`<br>`, `<img>`…) and self-closing tags open nothing; an end tag closes
//! the elements down to the one it names; a start tag whose end tag may be left out (`<li>`,
//! `<p>`, `<td>`…) first closes an open one of its name above the nearest element whose end tag
//! may not; comments, declarations and the text of `<script>`, `<style>` and the like are passed
//! over whole. Work is linear: the stack searched never holds more than [`MAX_HTML_DEPTH`]
//! elements.

use std::collections::BTreeMap;

/// The deepest nesting of elements kept; deeper tags are dropped (their text kept).
pub const MAX_HTML_DEPTH: usize = 100;

/// Elements that never have content or an end tag.
const VOID: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Elements whose end tag may be left out: a start tag of the same name closes an open one.
const OPTIONAL_END: [&str; 14] = [
    "li", "p", "dt", "dd", "tr", "td", "th", "option", "optgroup", "rb", "rt", "rp", "thead",
    "tbody",
];

/// Elements whose content is raw text up to their end tag.
const RAW_TEXT: [&str; 8] = [
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
];

/// The HTML with tags nested deeper than `max` dropped, and whether any were.
///
/// ```
/// use maptoolkit_import::limit_html_depth;
/// // The inner list is dropped; its item, dropped too deep, becomes its parent's sibling.
/// let (html, cut) = limit_html_depth("<ul><li><ul><li>deep</li></ul></li></ul>", 2);
/// assert_eq!(html, "<ul><li><li>deep</li></li></ul>");
/// assert!(cut);
/// let (html, cut) = limit_html_depth("<ul><li>a<li>b<li>c</ul><br><p>x", 2);
/// assert_eq!(html, "<ul><li>a<li>b<li>c</ul><br><p>x");
/// assert!(!cut);
/// ```
pub fn limit_html_depth(html: &str, max: usize) -> (String, bool) {
    let mut out = String::with_capacity(html.len());
    let mut open: Vec<String> = Vec::new();
    // Start tags dropped, by name: their end tags are dropped too.
    let mut dropped: BTreeMap<String, usize> = BTreeMap::new();
    let mut cut = false;
    let mut i = 0;
    let mut kept_from = 0;
    while let Some(lt) = html[i..].find('<').map(|p| p + i) {
        let rest = &html[lt..];
        let Some(tag) = Tag::read(rest) else {
            i = lt + 1;
            continue;
        };
        let end = lt + tag.len;
        match tag.kind {
            TagKind::Other => {}
            TagKind::Start {
                ref name,
                self_closing,
            } => {
                let void = self_closing || VOID.contains(&name.as_str());
                if !void && OPTIONAL_END.contains(&name.as_str()) {
                    close_sibling(&mut open, name);
                }
                let deep = !void && open.len() >= max;
                if !void && RAW_TEXT.contains(&name.as_str()) {
                    // Pass over the raw text to its end tag (read next round, or dropped with
                    // the element when it is too deep: raw text is never shown).
                    let close = format!("</{name}");
                    let stop = find_ci(&html[end..], &close).map_or(html.len(), |p| end + p);
                    if deep {
                        cut = true;
                        out.push_str(&html[kept_from..lt]);
                        let after_close =
                            html[stop..].find('>').map_or(html.len(), |p| stop + p + 1);
                        kept_from = after_close;
                        i = after_close;
                    } else {
                        open.push(name.clone());
                        i = stop;
                    }
                    continue;
                }
                if deep {
                    *dropped.entry(name.clone()).or_default() += 1;
                    cut = true;
                    out.push_str(&html[kept_from..lt]);
                    kept_from = end;
                } else if !void {
                    open.push(name.clone());
                }
            }
            TagKind::End { ref name } => {
                if let Some(n) = dropped.get_mut(name).filter(|n| **n > 0) {
                    *n -= 1;
                    out.push_str(&html[kept_from..lt]);
                    kept_from = end;
                } else if let Some(at) = open.iter().rposition(|o| o == name) {
                    open.truncate(at);
                }
            }
        }
        i = end;
    }
    out.push_str(&html[kept_from..]);
    (out, cut)
}

/// Closes an open element named `name` above the nearest one whose end tag may not be left
/// out (so `<li><p>a<li>` closes the `p` and the first `li`).
fn close_sibling(open: &mut Vec<String>, name: &str) {
    for at in (0..open.len()).rev() {
        if open[at] == name {
            open.truncate(at);
            return;
        }
        if !OPTIONAL_END.contains(&open[at].as_str()) {
            return;
        }
    }
}

/// Where `needle` (ASCII) is in `haystack`, ignoring ASCII case.
fn find_ci(haystack: &str, needle: &str) -> Option<usize> {
    let n = needle.len();
    haystack
        .as_bytes()
        .windows(n)
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// What a `<…>` is.
#[derive(Debug)]
enum TagKind {
    Start {
        name: String,
        self_closing: bool,
    },
    End {
        name: String,
    },
    /// A comment, declaration or processing instruction.
    Other,
}

/// A tag read at a `<`, and its length in bytes.
#[derive(Debug)]
struct Tag {
    kind: TagKind,
    len: usize,
}

impl Tag {
    /// Reads the tag that `text` (starting with `<`) opens; `None` if the `<` is text.
    fn read(text: &str) -> Option<Tag> {
        let after = &text[1..];
        if let Some(comment) = after.strip_prefix("!--") {
            let len = comment.find("-->").map_or(text.len(), |p| 4 + p + 3);
            return Some(Tag {
                kind: TagKind::Other,
                len,
            });
        }
        if after.starts_with(['!', '?']) {
            let len = after.find('>').map_or(text.len(), |p| p + 2);
            return Some(Tag {
                kind: TagKind::Other,
                len,
            });
        }
        let (closing, name_at) = match after.strip_prefix('/') {
            Some(_) => (true, 2),
            None => (false, 1),
        };
        if !text[name_at..].starts_with(|c: char| c.is_ascii_alphabetic()) {
            return None;
        }
        let name_len = text[name_at..]
            .find(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>')
            .unwrap_or(text.len() - name_at);
        let name = text[name_at..name_at + name_len].to_ascii_lowercase();
        // The end of the tag: the first `>` outside a quoted attribute value.
        let mut quote = None;
        let mut len = text.len();
        for (i, c) in text[name_at + name_len..].char_indices() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(c),
                (None, '>') => {
                    len = name_at + name_len + i + 1;
                    break;
                }
                _ => {}
            }
        }
        let kind = if closing {
            TagKind::End { name }
        } else {
            let self_closing = text[..len].trim_end_matches('>').ends_with('/');
            TagKind::Start { name, self_closing }
        };
        Some(Tag { kind, len })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_html_is_kept_as_it_is() {
        for html in [
            "<p>One</p><p>Two <strong>three</strong></p>",
            "<ul><li>a<ul><li>b</li></ul></li><li>c</li></ul>",
            "a < b and c > d <3",
            "<script>if (a < b) { x = '<div><div>'; }</script><p>after</p>",
            "<!-- <div><div><div> --><p title=\"a > b\">x</p>",
            "<table><tr><td>a<td>b<tr><td>c</table>",
        ] {
            assert_eq!(
                limit_html_depth(html, 4),
                (html.to_string(), false),
                "{html}"
            );
        }
    }

    #[test]
    fn deep_html_is_flattened_with_its_text_kept() {
        let html = format!("{}deep text{}", "<span>".repeat(50), "</span>".repeat(50));
        let (out, cut) = limit_html_depth(&html, 5);
        assert!(cut);
        assert_eq!(
            out,
            format!("{}deep text{}", "<span>".repeat(5), "</span>".repeat(5))
        );
        // Unclosed, as in the issue.
        let html = format!("{}x", "<ul><li>".repeat(1000));
        let (out, cut) = limit_html_depth(&html, 10);
        assert!(cut);
        // Five lists deep; the deeper items become siblings in the fifth.
        assert_eq!(out.matches("<ul>").count(), 5);
        assert_eq!(out.matches("<li>").count(), 1000);
        assert!(out.ends_with('x'));
        // Many siblings whose end tags are left out are not nesting.
        let html = format!("<ul>{}</ul>", "<li><p>item".repeat(1000));
        assert_eq!(limit_html_depth(&html, 4), (html.clone(), false));
    }

    #[test]
    fn text_that_only_looks_like_tags_is_text() {
        let (out, cut) = limit_html_depth("1 <2 and <-> and </ 3", 1);
        assert_eq!(out, "1 <2 and <-> and </ 3");
        assert!(!cut);
    }

    #[test]
    fn a_script_too_deep_goes_with_its_text() {
        let html = "<div><div><script>var a = '<b>';</script>kept</div></div>";
        let (out, cut) = limit_html_depth(html, 2);
        assert!(cut);
        assert_eq!(out, "<div><div>kept</div></div>");
    }
}
