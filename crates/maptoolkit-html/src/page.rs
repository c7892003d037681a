//! A whole page: the document head, skip link, header with the site's name, main navigation,
//! the content in `<main>` and a footer, in NHS identity.

use maptoolkit_briefing::{Site, SitePage};

use crate::blocks::Content;
use crate::escape::escape;

/// What leads from a page to the site's root: `../` per folder it is in.
pub(crate) fn root_of(page: &SitePage) -> String {
    "../".repeat(page.path.components().count() - 1)
}

/// Renders one page of `site`.
pub(crate) fn render(site: &Site, page: &SitePage, feed: bool) -> String {
    let root = root_of(page);
    // Members' pages: a banner at the top and foot of every page, and no indexing.
    let marking = page
        .document
        .meta
        .marking
        .as_deref()
        .or(site.meta.marking.as_deref());
    let mut out = String::with_capacity(8 * 1024);
    let site_name = &site.meta.title;
    let title = page
        .document
        .blocks
        .iter()
        .find_map(|b| match b {
            maptoolkit_briefing::Block::Title(t) => Some(t.as_str()),
            _ => None,
        })
        .unwrap_or(&page.document.meta.title);
    out.push_str("<!DOCTYPE html>\n<html lang=\"");
    escape(&site.meta.language, &mut out);
    out.push_str("\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str(
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
    );
    escape(title, &mut out);
    if title != site_name {
        out.push_str(" – ");
        escape(site_name, &mut out);
    }
    out.push_str("</title>\n<link rel=\"stylesheet\" href=\"");
    out.push_str(&root);
    out.push_str("style.css\">\n");
    if feed {
        out.push_str("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"");
        escape(site_name, &mut out);
        out.push_str(": new drivers\" href=\"");
        out.push_str(&root);
        out.push_str("feed.xml\">\n");
    }
    if marking.is_some() {
        out.push_str("<meta name=\"robots\" content=\"noindex, nofollow\">\n");
    }
    out.push_str("</head>\n<body>\n");
    out.push_str("<a class=\"skip-link\" href=\"#main\">Skip to main content</a>\n");
    out.push_str("<header class=\"header\">\n");
    // Inside the header and footer landmarks, so that all content is in a landmark.
    if let Some(marking) = marking {
        banner(&mut out, marking);
    }
    out.push_str("<div class=\"container header__inner\">\n<a class=\"header__name\" href=\"");
    out.push_str(&root);
    out.push_str("index.html\">");
    escape(site_name, &mut out);
    out.push_str("</a>\n<p class=\"header__org\">");
    escape(&site.meta.author, &mut out);
    out.push_str("</p>\n</div>\n<nav class=\"nav\" aria-label=\"Main\">\n<ul class=\"container nav__list\">\n");
    for link in &site.navigation {
        out.push_str("<li><a href=\"");
        out.push_str(&root);
        out.push_str(link.path.as_str());
        out.push_str(".html\"");
        if link.path == page.path {
            out.push_str(" aria-current=\"page\"");
        } else if link.path == page.section {
            out.push_str(" aria-current=\"true\"");
        }
        out.push('>');
        escape(&link.text, &mut out);
        out.push_str("</a></li>\n");
    }
    out.push_str("</ul>\n</nav>\n</header>\n<main id=\"main\" class=\"container main\">\n");
    Content {
        out: &mut out,
        root: &root,
    }
    .blocks(&page.document.blocks);
    out.push_str("</main>\n<footer class=\"footer\">\n<div class=\"container\">\n<p>");
    escape(&site.meta.author, &mut out);
    out.push_str("</p>\n<p>");
    escape(&site.meta.subject, &mut out);
    out.push_str("</p>\n");
    if feed {
        out.push_str("<p><a href=\"");
        out.push_str(&root);
        out.push_str("feed.xml\">Follow new drivers with the Atom feed</a></p>\n");
    }
    out.push_str("</div>\n");
    if let Some(marking) = marking {
        banner(&mut out, marking);
    }
    out.push_str("</footer>\n</body>\n</html>\n");
    out
}

/// The protective marking as a banner across the page.
fn banner(out: &mut String, marking: &str) {
    out.push_str("<p class=\"marking\"><strong>");
    escape(marking, out);
    out.push_str("</strong></p>\n");
}
