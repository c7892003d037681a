//! WordPress export files (WXR): the MAP Toolkit site as WordPress's Tools → Export gives it.
//!
//! A WXR file is RSS 2.0 with the `content:` and `wp:` namespaces: a `channel` of `item`s, each
//! with a `title`, its HTML in `content:encoded`, `wp:post_date`, `wp:status`, `wp:post_type`,
//! `wp:post_password`, `category` elements and `wp:postmeta`. The year of `wp:post_date` is the
//! year of a meeting whose title gives none. The XML is read with quick-xml
//! (namespaces resolved, so any prefix works) and the HTML with scraper (html5ever), then each
//! item's HTML is laid out as the text posts are — paragraphs apart, list items as bullets
//! indented by depth (`1.` for numbered lists), a link as its text followed by its URL — and
//! read by the same readers as text posts.
//!
//! One status rule ([`STATUSES`]): `publish` is public; a password (`wp:post_password`) or the
//! `private` status makes the record protected (`protected = true` on a meeting or a driver:
//! members only); drafts, pending, scheduled (`future`), auto-drafts, trashed items, revisions
//! (`inherit`), any other status, attachments and menu items are reported and skipped. A file
//! is an export by its root element ([`is_wxr`]); one that does not parse is an error. HTML
//! nested too deeply is flattened first ([`crate::limit_html_depth`]). Categories map to the themes
//! of [`ImportOptions::themes`] of the same name.

use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::reader::NsReader;
use scraper::{ElementRef, Html, Node};

use crate::assemble::{Import, ImportOptions, Input, import_inputs};
use crate::html_depth::{MAX_HTML_DEPTH, limit_html_depth};
use crate::post::{Line, Post};
use crate::report::{Protection, Report, Skipped, Warning};

/// The namespace of `content:encoded`.
const CONTENT_NS: &[u8] = b"http://purl.org/rss/1.0/modules/content/";
/// The start of WordPress's export namespace (`http://wordpress.org/export/1.2/`).
const WP_NS: &[u8] = b"http://wordpress.org/export/";

/// Why a WordPress export could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WxrError {
    /// The XML is not well formed.
    #[error("line {line}, column {column}: not well-formed XML: {message}")]
    Xml {
        /// The line of the problem, from 1.
        line: usize,
        /// The column, from 1, in characters.
        column: usize,
        /// What quick-xml found.
        message: String,
    },
    /// The XML's root is not `rss`, or it has no channel.
    #[error("not a WordPress export (no <rss><channel>)")]
    NotWxr,
}

/// Whether a text is a WordPress export rather than posts saved as text: XML whose root
/// element is `rss`, after any prolog (a byte-order mark, white space, the XML declaration, a
/// `DOCTYPE` with or without an internal subset, comments and processing instructions).
///
/// A prolog that is not closed counts as XML too, so [`import_wxr`] reports where it breaks:
/// a broken export is an error, never read as saved text (where its protected posts would
/// lose their protection).
///
/// ```
/// use maptoolkit_import::is_wxr;
/// assert!(is_wxr("<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel/></rss>"));
/// assert!(is_wxr("\u{feff}<?xml version=\"1.0\"?>\n<!DOCTYPE rss>\n<!-- x -->\n<rss>"));
/// assert!(is_wxr("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [ <!ENTITY a \"b\"> ]><rss>"));
/// assert!(!is_wxr("Category Archives: News\n\nMeeting 8th February 2017\n"));
/// assert!(!is_wxr("<?xml version=\"1.0\"?><html></html>"));
/// ```
pub fn is_wxr(text: &str) -> bool {
    let mut rest = text.trim_start_matches('\u{feff}').trim_start();
    loop {
        let skipped = if let Some(after) = rest.strip_prefix("<?") {
            after.find("?>").map(|end| &after[end + 2..])
        } else if let Some(after) = rest.strip_prefix("<!--") {
            after.find("-->").map(|end| &after[end + 3..])
        } else if let Some(after) = crate::text::strip_prefix_ci(rest, "<!doctype") {
            // The DOCTYPE names the root: `rss` says so whatever follows.
            if root_is_rss(&format!("<{}", after.trim_start())) {
                return true;
            }
            doctype_end(after).map(|end| &after[end..])
        } else {
            return root_is_rss(rest);
        };
        match skipped {
            Some(after) => rest = after.trim_start(),
            // A prolog left open: XML that does not parse, which the parser reports.
            None => return true,
        }
    }
}

/// The byte just past the `>` that closes a `DOCTYPE` (after `<!DOCTYPE`), stepping over an
/// internal subset in brackets and quoted strings.
fn doctype_end(after: &str) -> Option<usize> {
    let mut quote = None;
    let mut subset = false;
    for (i, c) in after.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '[') => subset = true,
            (None, ']') => subset = false,
            (None, '>') if !subset => return Some(i + 1),
            _ => {}
        }
    }
    None
}

/// Whether `text` starts with an `rss` start tag (any namespace prefix).
fn root_is_rss(text: &str) -> bool {
    let Some(tag) = text.strip_prefix('<') else {
        return false;
    };
    let name_end = tag
        .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
        .unwrap_or(tag.len());
    let name = &tag[..name_end];
    let local = name.rsplit(':').next().unwrap_or(name);
    local == "rss" && name_end < tag.len()
}

/// One `item` as read from the XML.
#[derive(Debug, Default)]
struct Item {
    line: usize,
    title: String,
    content: String,
    content_line: usize,
    status: String,
    post_type: String,
    password: String,
    posted: String,
    categories: Vec<String>,
}

/// The element of an item whose text is being collected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Leaf {
    Title,
    Content,
    Status,
    PostType,
    Password,
    Posted,
    Category,
}

/// Line starts of a text, to turn byte offsets into lines and columns.
struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Lines<'a> {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Lines { text, starts }
    }

    /// Line and column (from 1) of a byte offset.
    fn at(&self, offset: u64) -> (usize, usize) {
        let offset = usize::try_from(offset)
            .unwrap_or(usize::MAX)
            .min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        let column = self
            .text
            .get(start..offset)
            .map_or(1, |s| s.chars().count() + 1);
        (line, column)
    }
}

/// Reads the items of a WordPress export.
fn read_items(xml: &str) -> Result<Vec<Item>, WxrError> {
    let lines = Lines::new(xml);
    let mut reader = NsReader::from_str(xml);
    let mut items = Vec::new();
    let mut item: Option<Item> = None;
    let mut leaf: Option<Leaf> = None;
    let mut depth_in_item = 0usize;
    let mut channel = false;
    // Elements open, so a file cut short is an error rather than a channel missing its end.
    let mut open = 0usize;
    loop {
        let position = reader.buffer_position();
        let event = reader.read_resolved_event();
        let (ns, event) = match event {
            Ok(pair) => pair,
            Err(e) => {
                let (line, column) = lines.at(reader.error_position());
                return Err(WxrError::Xml {
                    line,
                    column,
                    message: e.to_string(),
                });
            }
        };
        let ns: Option<Vec<u8>> = match ns {
            ResolveResult::Bound(n) => Some(n.as_ref().to_vec()),
            _ => None,
        };
        match event {
            Event::Start(e) => {
                open += 1;
                let local = e.local_name();
                let name = local.as_ref();
                if open == 1 && name != b"rss" {
                    return Err(WxrError::NotWxr);
                }
                if item.is_none() {
                    if ns.is_none() && name == b"channel" {
                        channel = true;
                    } else if ns.is_none() && name == b"item" && channel {
                        item = Some(Item {
                            line: lines.at(position).0,
                            ..Item::default()
                        });
                        depth_in_item = 0;
                    }
                    continue;
                }
                depth_in_item += 1;
                if depth_in_item != 1 {
                    continue;
                }
                leaf = match (ns.as_deref(), name) {
                    (None, b"title") => Some(Leaf::Title),
                    (None, b"category") => {
                        let domain = e
                            .try_get_attribute("domain")
                            .ok()
                            .flatten()
                            .map(|a| String::from_utf8_lossy(&a.value).into_owned());
                        matches!(domain.as_deref(), None | Some("category"))
                            .then_some(Leaf::Category)
                    }
                    (Some(n), b"encoded") if n == CONTENT_NS => Some(Leaf::Content),
                    (Some(n), b"status") if n.starts_with(WP_NS) => Some(Leaf::Status),
                    (Some(n), b"post_type") if n.starts_with(WP_NS) => Some(Leaf::PostType),
                    (Some(n), b"post_password") if n.starts_with(WP_NS) => Some(Leaf::Password),
                    (Some(n), b"post_date") if n.starts_with(WP_NS) => Some(Leaf::Posted),
                    _ => None,
                };
                if leaf == Some(Leaf::Category)
                    && let Some(it) = item.as_mut()
                {
                    it.categories.push(String::new());
                }
                if leaf == Some(Leaf::Content)
                    && let Some(it) = item.as_mut()
                {
                    it.content_line = lines.at(reader.buffer_position()).0;
                }
            }
            Event::End(e) => {
                open = open.saturating_sub(1);
                if item.is_some() {
                    if depth_in_item == 0 {
                        items.extend(item.take());
                    } else {
                        depth_in_item -= 1;
                        if depth_in_item == 0 {
                            leaf = None;
                        }
                    }
                } else if ns.is_none() && e.local_name().as_ref() == b"channel" {
                    channel = false;
                }
            }
            Event::Text(t) => push(&mut item, leaf, &t.decode().unwrap_or_default()),
            Event::CData(t) => push(&mut item, leaf, &t.decode().unwrap_or_default()),
            Event::GeneralRef(r) => {
                let name = r.decode().unwrap_or_default();
                let text = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => resolve_predefined_entity(&name)
                        .map_or_else(|| format!("&{name};"), str::to_string),
                };
                push(&mut item, leaf, &text);
            }
            Event::Eof if open > 0 => {
                let (line, column) = lines.at(xml.len() as u64);
                return Err(WxrError::Xml {
                    line,
                    column,
                    message: format!("the file ends with {open} elements still open"),
                });
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if items.is_empty() && !xml.contains("<channel") {
        return Err(WxrError::NotWxr);
    }
    Ok(items)
}

/// Adds text to the leaf being read.
fn push(item: &mut Option<Item>, leaf: Option<Leaf>, text: &str) {
    let (Some(item), Some(leaf)) = (item.as_mut(), leaf) else {
        return;
    };
    let target = match leaf {
        Leaf::Title => &mut item.title,
        Leaf::Content => &mut item.content,
        Leaf::Status => &mut item.status,
        Leaf::PostType => &mut item.post_type,
        Leaf::Password => &mut item.password,
        Leaf::Posted => &mut item.posted,
        Leaf::Category => match item.categories.last_mut() {
            Some(c) => c,
            None => return,
        },
    };
    target.push_str(text);
}

/// Imports a WordPress export: every published post and page is read as a text post is;
/// everything else is reported as skipped.
///
/// # Errors
/// [`WxrError`] when the file is not well-formed XML (with its line and column) or not an RSS
/// file with a channel. Problems with single items never fail the import: they are in the
/// report.
///
/// ```
/// let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
/// <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
///      xmlns:wp="http://wordpress.org/export/1.2/">
/// <channel>
///   <item>
///     <title>Meeting 8th February 2017</title>
///     <content:encoded><![CDATA[<ol><li>Standing Item: Driver Allocation</li><li>AOB</li></ol>]]></content:encoded>
///     <wp:status>publish</wp:status>
///     <wp:post_type>post</wp:post_type>
///     <wp:post_password>secret</wp:post_password>
///   </item>
///   <item><title>Half written</title><wp:status>draft</wp:status><wp:post_type>post</wp:post_type></item>
/// </channel>
/// </rss>"#;
/// let imported = maptoolkit_import::import_wxr(xml, &Default::default()).unwrap();
/// let meeting = &imported.source.meetings[0].record;
/// assert!(meeting.protected);
/// assert_eq!(meeting.agenda[0].title, "Driver Allocation");
/// assert_eq!(imported.report.skipped[0].title, "Half written");
/// ```
pub fn import_wxr(xml: &str, options: &ImportOptions) -> Result<Import, WxrError> {
    let items = read_items(xml)?;
    let mut report = Report::default();
    let mut inputs = Vec::new();
    for item in items {
        let title = crate::text::clean(&item.title);
        let title = if title.is_empty() {
            "(untitled)".to_string()
        } else {
            title
        };
        let status = item.status.trim();
        let post_type = item.post_type.trim();
        let password = !item.password.trim().is_empty();
        let (skip, protection) = match post_type {
            "post" | "page" | "" => status_rule(status, password),
            other => (
                Some(format!("a WordPress {other}, not a post or page")),
                None,
            ),
        };
        if let Some(reason) = skip {
            report.skipped.push(Skipped {
                title,
                line: item.line,
                reason,
            });
            continue;
        }
        let line = item.content_line.max(item.line);
        let (lines, flattened) = html_lines(&item.content);
        if flattened {
            report.warnings.push(Warning {
                post: title.clone(),
                line,
                text: String::new(),
                message: format!(
                    "the HTML nests deeper than {MAX_HTML_DEPTH} elements: the deeper tags are \
                     dropped and their text kept"
                ),
            });
        }
        let body = lines
            .into_iter()
            .map(|text| Line { number: line, text })
            .collect();
        inputs.push(Input {
            post: Post {
                title,
                line: item.line,
                body,
            },
            protection,
            posted: item
                .posted
                .trim()
                .get(..4)
                .and_then(|y| y.parse().ok())
                .filter(|y| (1900..=2100).contains(y)),
            posted_on: posted_on(&item.posted),
            categories: item
                .categories
                .into_iter()
                .map(|c| crate::text::clean(&c))
                .filter(|c| !c.is_empty())
                .collect(),
        });
    }
    Ok(import_inputs(inputs, report, options))
}

/// WordPress's post statuses: what each means for an import. `publish` is public, `private`
/// members only; the others were never published (or no longer are) and are skipped, named in
/// the report.
const STATUSES: [(&str, Option<&str>); 8] = [
    ("publish", None),
    ("private", None),
    ("draft", Some("a WordPress draft (never published)")),
    (
        "auto-draft",
        Some("a WordPress auto-draft (never published)"),
    ),
    (
        "pending",
        Some("a WordPress post pending review (never published)"),
    ),
    (
        "future",
        Some("a WordPress post scheduled for later (not yet published)"),
    ),
    ("trash", Some("in WordPress's trash")),
    (
        "inherit",
        Some("a WordPress revision or attachment (status inherit)"),
    ),
];

/// The day a post was posted, from `wp:post_date` (`2017-03-14 10:00:00`).
fn posted_on(text: &str) -> Option<maptoolkit_core::PartialDate> {
    let day = text.trim().get(..10)?;
    let mut parts = day.split('-').map(|p| p.parse::<u16>().ok());
    let (y, m, d) = (parts.next()??, parts.next()??, parts.next()??);
    maptoolkit_core::PartialDate::new(y, u8::try_from(m).ok(), u8::try_from(d).ok())
        .filter(|_| (1900..=2100).contains(&y))
}

/// The one status rule: whether an item is skipped (and why), and if not, whether it is
/// members only. A password or the `private` status makes it protected; a status not in
/// [`STATUSES`] (or none) is skipped, so nothing is published that WordPress did not publish.
fn status_rule(status: &str, password: bool) -> (Option<String>, Option<Protection>) {
    let known = STATUSES
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(status));
    match known {
        Some((_, Some(reason))) => (Some((*reason).to_string()), None),
        Some((name, None)) => {
            let protection = if password {
                Some(Protection::Password)
            } else if *name == "private" {
                Some(Protection::Private)
            } else {
                None
            };
            (None, protection)
        }
        None if status.is_empty() => (
            Some("no WordPress status, so not known to be published".to_string()),
            None,
        ),
        None => (
            Some(format!(
                "WordPress status `{}`, not publish or private",
                crate::report::escape(status)
            )),
            None,
        ),
    }
}

/// Elements that start and end a block of their own.
const BLOCKS: [&str; 22] = [
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "table",
    "tr",
    "section",
    "article",
    "header",
    "footer",
    "figure",
    "figcaption",
    "hr",
    "address",
    "dl",
    "dd",
];

/// Lays an item's HTML out as lines of a text post.
///
/// WordPress stores posts with paragraphs as blank lines rather than `<p>` (it adds them when
/// showing a page), so text keeps its own line breaks; blocks get blank lines around them.
///
/// Tags nested deeper than [`MAX_HTML_DEPTH`] are dropped first ([`limit_html_depth`]), their
/// text kept; the second value says whether any were.
pub(crate) fn html_lines(html: &str) -> (Vec<String>, bool) {
    let (html, flattened) = limit_html_depth(html, MAX_HTML_DEPTH);
    let doc = Html::parse_fragment(&html);
    let mut out = Layout::default();
    out.children(doc.root_element(), 0);
    out.flush();
    // Runs of blank lines become one; none at the start or end.
    let mut lines: Vec<String> = Vec::new();
    for line in out.lines {
        let blank = line.trim().is_empty();
        if blank && lines.last().is_none_or(|l| l.trim().is_empty()) {
            continue;
        }
        lines.push(if blank { String::new() } else { line });
    }
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    (lines, flattened || out.flattened)
}

/// The lines laid out so far and the line being written.
#[derive(Debug, Default)]
struct Layout {
    lines: Vec<String>,
    current: String,
    /// What starts the current line: a bullet's indent and marker.
    prefix: String,
    /// How many elements are being walked, one inside another.
    nesting: usize,
    /// Whether an element was nested too deeply to lay out, and only its text was kept.
    flattened: bool,
}

/// The deepest the layout walks elements; the parser can nest a little deeper than the tags
/// [`limit_html_depth`] counts (it adds `tbody`, reopens formatting), and deeper elements are
/// laid out as their text alone, so the walk's recursion is bounded whatever the tree.
const MAX_WALK: usize = 2 * MAX_HTML_DEPTH;

impl Layout {
    fn text(&mut self, text: &str) {
        let mut first = true;
        for part in text.split('\n') {
            if !first {
                self.newline();
            }
            first = false;
            let part = part.replace('\r', "");
            if self.current.is_empty() {
                let trimmed = part.trim_start();
                if !trimmed.is_empty() {
                    self.current.push_str(&self.prefix);
                    self.prefix.clear();
                    self.current.push_str(trimmed);
                }
            } else {
                self.current.push_str(&part);
            }
        }
    }

    fn newline(&mut self) {
        let line = std::mem::take(&mut self.current);
        if line.trim().is_empty() {
            self.lines.push(String::new());
        } else {
            self.lines.push(line.trim_end().to_string());
        }
    }

    fn flush(&mut self) {
        if !self.current.trim().is_empty() {
            self.newline();
        }
        self.current.clear();
    }

    fn blank(&mut self) {
        self.flush();
        self.lines.push(String::new());
    }

    fn children(&mut self, element: ElementRef<'_>, depth: usize) {
        for child in element.children() {
            match child.value() {
                Node::Text(t) => self.text(t),
                Node::Element(_) => {
                    if let Some(e) = ElementRef::wrap(child) {
                        self.element(e, depth);
                    }
                }
                _ => {}
            }
        }
    }

    fn element(&mut self, e: ElementRef<'_>, depth: usize) {
        if self.nesting >= MAX_WALK {
            // `text()` walks the tree with a loop, not recursion.
            let text: String = e.text().collect();
            self.text(&text);
            self.flattened = true;
            return;
        }
        self.nesting += 1;
        self.element_inside(e, depth);
        self.nesting -= 1;
    }

    fn element_inside(&mut self, e: ElementRef<'_>, depth: usize) {
        let name = e.value().name();
        match name {
            "script" | "style" | "template" | "noscript" | "iframe" | "object" => {}
            "br" => self.newline(),
            "img" => {}
            "ul" | "ol" => {
                self.flush();
                if depth == 0 {
                    self.lines.push(String::new());
                }
                let mut n = 0;
                for li in e.child_elements() {
                    if li.value().name() != "li" {
                        self.element(li, depth);
                        continue;
                    }
                    n += 1;
                    self.flush();
                    let indent = "    ".repeat(depth);
                    self.prefix = if name == "ol" {
                        format!("{indent}{n}. ")
                    } else {
                        format!("{indent}• ")
                    };
                    self.list_item(li, depth + 1);
                    self.flush();
                    self.prefix.clear();
                }
                if depth == 0 {
                    self.blank();
                }
            }
            "a" => {
                let text = crate::text::clean(&e.text().collect::<String>());
                let href = e.value().attr("href").map(str::trim).unwrap_or("");
                let shown = if href.is_empty() || href.starts_with('#') || text == href {
                    text
                } else if text.is_empty() {
                    href.to_string()
                } else {
                    format!("{text} ({href})")
                };
                self.text(&shown);
            }
            "td" | "th" => {
                if !self.current.trim().is_empty() {
                    self.current.push_str(" | ");
                }
                self.children(e, depth);
            }
            "li" => self.list_item(e, depth),
            _ if BLOCKS.contains(&name) => {
                self.blank();
                self.children(e, depth);
                self.blank();
            }
            _ => self.children(e, depth),
        }
    }

    /// A list item: its text on the bullet's line (paragraphs inside it joined), nested lists
    /// below it.
    fn list_item(&mut self, li: ElementRef<'_>, depth: usize) {
        for child in li.children() {
            match child.value() {
                Node::Text(t) => self.text(&t.replace('\n', " ")),
                Node::Element(_) => {
                    let Some(e) = ElementRef::wrap(child) else {
                        continue;
                    };
                    match e.value().name() {
                        "ul" | "ol" => self.element(e, depth),
                        "p" | "div" => {
                            if !self.current.trim().is_empty() {
                                self.current.push(' ');
                            }
                            self.children(e, depth);
                        }
                        "br" => self.current.push(' '),
                        _ => self.element(e, depth),
                    }
                }
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(html: &str, expected: &str) {
        assert_eq!(html_lines(html).0.join("\n"), expected, "{html}");
    }

    #[test]
    fn html_becomes_post_lines() {
        check(
            "<p>First paragraph.</p><p>Second <strong>one</strong>.</p>",
            "First paragraph.\n\nSecond one.",
        );
        check(
            "Source: HEE\n\nImpact:\nLine one.\nLine two.",
            "Source: HEE\n\nImpact:\nLine one.\nLine two.",
        );
        check(
            "<ul><li>a<ul><li>b</li><li>c</li></ul></li><li>d</li></ul>",
            "• a\n    • b\n    • c\n• d",
        );
        check("<ol><li>One</li><li>Two</li></ol>", "1. One\n2. Two");
        check(
            "Link to main document: <a href=\"https://x.org/a.pdf\">The report</a>",
            "Link to main document: The report (https://x.org/a.pdf)",
        );
        check(
            "<a href=\"https://x.org/\">https://x.org/</a>",
            "https://x.org/",
        );
        check("a<br>b<script>alert(1)</script>", "a\nb");
        check("<p>Fish &amp; chips &#8211; £5</p>", "Fish & chips – £5");
    }

    /// The issue's inputs: 100,000 nested `<span>`s overflowed the stack; 20,000 `<ul><li>`
    /// took 670 MB; 200,000 `<div>`s over a minute. Now each is flattened below the limit and
    /// its text kept, with the flag that makes the import warn.
    #[test]
    fn deep_html_is_flattened_not_a_crash() {
        for html in [
            format!("{}deep", "<span>".repeat(100_000)),
            format!("{}deep", "<ul><li>".repeat(20_000)),
            format!(
                "{}deep{}",
                "<div>".repeat(200_000),
                "</div>".repeat(200_000)
            ),
            format!("{}deep", "<table><tr><td>".repeat(20_000)),
            format!("{}deep", "<b><i><p>".repeat(20_000)),
        ] {
            let (lines, flattened) = html_lines(&html);
            assert!(flattened, "{:.40}", html);
            assert!(lines.iter().any(|l| l.ends_with("deep")), "{:.40}", html);
            // List markers stay within the limit's indent.
            assert!(
                lines.iter().all(|l| l.len() < 8 * MAX_HTML_DEPTH),
                "{:.40}",
                html
            );
        }
        let (_, flattened) = html_lines("<ul><li>a<ul><li>b</li></ul></li></ul>");
        assert!(!flattened);
    }
}
