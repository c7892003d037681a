//! The content of a page: the model's blocks and inlines as semantic HTML (headings, lists,
//! description lists, tables with header cells), links within the site made relative.

use maptoolkit_briefing::{
    Block, Inline, ListItem, REVIEW_STATUS_KEY, ReviewRag, STATUS_COLUMN, Table, inline_text,
    page_target,
};

use crate::escape::escape;

/// Writes blocks for a page `root` away from the site's root (`""` or `"../"`).
pub(crate) struct Content<'a> {
    pub(crate) out: &'a mut String,
    /// What leads from the page to the site's root.
    pub(crate) root: &'a str,
}

impl Content<'_> {
    /// Writes a document's blocks. The first title is the page's one `h1`; any later one is
    /// shown as a second-level heading, so a page never has two.
    pub(crate) fn blocks(&mut self, blocks: &[Block]) {
        let mut titled = false;
        for block in blocks {
            match block {
                Block::Title(text) => {
                    let tag = if titled { "h2" } else { "h1" };
                    titled = true;
                    self.tag(tag, text);
                }
                Block::Heading(h) => {
                    let level = (usize::from(h.level) + 1).clamp(2, 6);
                    self.push(&format!("<h{level} id=\""));
                    self.text(&h.anchor);
                    self.push("\">");
                    self.text(&h.text);
                    self.push(&format!("</h{level}>\n"));
                }
                Block::Paragraph(inlines) => {
                    self.push("<p>");
                    self.inlines(inlines);
                    self.push("</p>\n");
                }
                Block::List(list) => self.list(list.numbered, &list.items),
                Block::KeyValue(rows) => {
                    self.push("<dl class=\"summary\">\n");
                    for row in rows {
                        self.push("<div class=\"summary__row\"><dt>");
                        self.text(&row.key);
                        self.push("</dt><dd>");
                        match ReviewRag::of(&inline_text(&row.value)) {
                            Some(rag) if row.key == REVIEW_STATUS_KEY => {
                                self.status(rag, &inline_text(&row.value));
                            }
                            _ => self.inlines(&row.value),
                        }
                        self.push("</dd></div>\n");
                    }
                    self.push("</dl>\n");
                }
                Block::Table(table) => self.table(table),
                Block::Contents(contents) => {
                    let entries: Vec<_> = blocks
                        .iter()
                        .filter_map(|b| match b {
                            Block::Heading(h) if h.level <= contents.max_level => Some(h),
                            _ => None,
                        })
                        .collect();
                    self.push("<nav class=\"contents\" aria-labelledby=\"contents-title\">\n");
                    self.push("<h2 id=\"contents-title\">");
                    self.text(&contents.title);
                    self.push("</h2>\n<ul>\n");
                    for h in entries {
                        self.push("<li><a href=\"#");
                        self.text(&h.anchor);
                        self.push("\">");
                        self.text(&h.text);
                        self.push("</a></li>\n");
                    }
                    self.push("</ul>\n</nav>\n");
                }
                Block::Chart(chart) => {
                    // The site states a chart's numbers as text (its alternative text).
                    self.push("<figure class=\"chart\">\n<figcaption>");
                    self.text(&chart.title);
                    self.push("</figcaption>\n<p>");
                    self.text(&chart.description);
                    self.push("</p>\n</figure>\n");
                }
                Block::PageBreak => {}
            }
        }
    }

    fn list(&mut self, numbered: bool, items: &[ListItem]) {
        let tag = if numbered { "ol" } else { "ul" };
        self.push(&format!("<{tag}>\n"));
        for item in items {
            self.push("<li>");
            self.inlines(&item.content);
            if !item.children.is_empty() {
                self.push("\n");
                self.list(false, &item.children);
            }
            self.push("</li>\n");
        }
        self.push(&format!("</{tag}>\n"));
    }

    fn table(&mut self, table: &Table) {
        let status = table.columns.iter().position(|c| c == STATUS_COLUMN);
        self.push("<table>\n<caption>");
        self.text(&table.caption);
        self.push("</caption>\n<thead>\n<tr>");
        for column in &table.columns {
            self.push("<th scope=\"col\">");
            self.text(column);
            self.push("</th>");
        }
        self.push("</tr>\n</thead>\n<tbody>\n");
        for row in &table.rows {
            self.push("<tr>");
            for (i, cell) in row.iter().enumerate() {
                self.push("<td>");
                match ReviewRag::of(cell) {
                    Some(rag) if Some(i) == status => self.status(rag, cell),
                    _ => self.text(cell),
                }
                self.push("</td>");
            }
            self.push("</tr>\n");
        }
        self.push("</tbody>\n</table>\n");
    }

    /// A review status: its words on its colour.
    fn status(&mut self, rag: ReviewRag, text: &str) {
        self.push(&format!("<strong class=\"tag tag--{}\">", rag.as_str()));
        self.text(text);
        self.push("</strong>");
    }

    pub(crate) fn inlines(&mut self, inlines: &[Inline]) {
        for inline in inlines {
            match inline {
                Inline::Text(t) => self.text(t),
                Inline::Emphasis(t) => self.tag("em", t),
                Inline::Strong(t) => self.tag("strong", t),
                Inline::Link { text, url } => match href(url, self.root) {
                    Some(href) => {
                        self.push("<a href=\"");
                        self.text(&href);
                        self.push("\">");
                        self.text(text);
                        self.push("</a>");
                    }
                    None => self.text(text),
                },
                Inline::Ref { text, anchor } => {
                    self.push("<a href=\"#");
                    self.text(anchor);
                    self.push("\">");
                    self.text(text);
                    self.push("</a>");
                }
            }
        }
    }

    fn tag(&mut self, tag: &str, text: &str) {
        self.push(&format!("<{tag}>"));
        self.text(text);
        self.push(&format!("</{tag}>"));
        if tag.starts_with('h') {
            self.push("\n");
        }
    }

    fn text(&mut self, text: &str) {
        escape(text, self.out);
    }

    fn push(&mut self, markup: &str) {
        self.out.push_str(markup);
    }
}

/// Where a link goes, seen from a page `root` away from the site's root: a page of the site
/// (relative, with `.html`), or an absolute `http`, `https` or `mailto` URL as it is. `None` for
/// anything else, which is then shown as text only.
pub(crate) fn href(url: &str, root: &str) -> Option<String> {
    match page_target(url) {
        Some((page, None)) => Some(format!("{root}{page}.html")),
        Some((page, Some(anchor))) => Some(format!("{root}{page}.html#{anchor}")),
        None => ["http://", "https://", "mailto:"]
            .iter()
            .any(|scheme| url.starts_with(scheme))
            .then(|| url.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_within_the_site_are_relative_and_others_kept_only_if_safe() {
        assert_eq!(
            href("drivers/a", "../").as_deref(),
            Some("../drivers/a.html")
        );
        assert_eq!(href("index#x", "").as_deref(), Some("index.html#x"));
        assert_eq!(
            href("https://e.org/a?b=1", "../").as_deref(),
            Some("https://e.org/a?b=1")
        );
        assert_eq!(
            href("mailto:a@e.org", "").as_deref(),
            Some("mailto:a@e.org")
        );
        assert_eq!(href("javascript:alert(1)", ""), None);
        assert_eq!(href("data:text/html,x", ""), None);
    }
}
