//! The site's Atom 1.0 feed (RFC 4287) of current drivers, newest first, with `tag:` ids
//! (RFC 4151) that stay the same as long as a driver keeps its slug.

use maptoolkit_briefing::Site;

use crate::escape::escape;

/// The date in every `tag:` id. RFC 4151 asks for a date on which the authority (the site's
/// host) was held; a fixed one keeps ids stable when a driver's own dates are corrected. 2017 is
/// when the MAP Toolkit's driver summaries were first published.
pub const TAG_DATE: &str = "2017";

/// The feed of `site`, or `None` without a base URL (Atom needs absolute links).
pub(crate) fn render(site: &Site) -> Option<String> {
    let base_url = site.base_url.as_ref()?;
    let base = base_url.as_str();
    let (authority, base_path) = (base_url.tag_authority(), base_url.tag_path());
    let tag = |specific: &str| format!("tag:{authority},{TAG_DATE}:{base_path}{specific}");
    // Nothing is later than the date the site is as of (`created`): a driver updated after
    // it shows as updated then.
    let as_of = site.meta.created;
    let updated = site
        .feed
        .iter()
        .map(|e| e.updated.min(as_of))
        .max()
        .unwrap_or(as_of);
    let mut out = String::with_capacity(512 + site.feed.len() * 1024);
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"");
    escape(&site.meta.language, &mut out);
    out.push_str("\">\n<title>");
    escape(&site.meta.title, &mut out);
    out.push_str(": new drivers</title>\n<subtitle>National drivers for library and knowledge services, newest first</subtitle>\n");
    element(&mut out, "id", &tag("feed"));
    element(&mut out, "updated", &updated.to_rfc3339());
    out.push_str("<author><name>");
    escape(&site.meta.author, &mut out);
    out.push_str("</name></author>\n");
    link(
        &mut out,
        "self",
        "application/atom+xml",
        &format!("{base}feed.xml"),
    );
    link(
        &mut out,
        "alternate",
        "text/html",
        &format!("{base}index.html"),
    );
    for entry in &site.feed {
        out.push_str("<entry>\n");
        element(&mut out, "title", &entry.title);
        link(
            &mut out,
            "alternate",
            "text/html",
            &format!("{base}{}.html", entry.page.as_str()),
        );
        element(&mut out, "id", &tag(&entry.key));
        element(&mut out, "updated", &entry.updated.min(as_of).to_rfc3339());
        element(&mut out, "summary", &entry.summary);
        out.push_str("</entry>\n");
    }
    out.push_str("</feed>\n");
    Some(out)
}

fn element(out: &mut String, name: &str, text: &str) {
    out.push_str(&format!("<{name}>"));
    escape(text, out);
    out.push_str(&format!("</{name}>\n"));
}

fn link(out: &mut String, rel: &str, kind: &str, href: &str) {
    out.push_str(&format!("<link rel=\"{rel}\" type=\"{kind}\" href=\""));
    escape(href, out);
    out.push_str("\"/>\n");
}
