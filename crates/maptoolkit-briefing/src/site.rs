//! The website model: the toolkit as pages (each a [`Document`]) with navigation and a feed.
//!
//! Like a briefing, a site is composed once ([`compose_site`](crate::compose_site)) and only
//! drawn by an exporter (HTML, say), so every format says the same thing.
//!
//! A link from one page to another is an [`Inline::Link`](crate::Inline::Link) whose `url` is
//! the other page's [`ArtifactPath`] without extension, perhaps followed by `#anchor`
//! (`drivers/five-year-forward-view`): it has no scheme, so it cannot be mistaken for the
//! absolute `http`, `https` and `mailto` links records carry. [`page_target`] tells them apart.

use crate::{ArtifactPath, BaseUrl, Document, Metadata, Timestamp};

/// The toolkit as a website, already filtered for its audience.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site {
    /// The site's name (the toolkit's) as `title`, who keeps it as `author`, a line saying
    /// the date its content is as of as `subject` (for a footer), its language, and the moment
    /// to record as its creation.
    pub meta: Metadata,
    /// Where the site will be published, ending in `/`, when known
    /// ([`ExportOptions::base_url`](crate::ExportOptions::base_url)).
    pub base_url: Option<BaseUrl>,
    /// The main navigation, in order; the first entry is the home page.
    pub navigation: Vec<NavLink>,
    /// Every page; the first is the home page, `index`.
    pub pages: Vec<SitePage>,
    /// Newly published drivers, newest first, for a feed. Empty without a base URL: a feed
    /// needs absolute links.
    pub feed: Vec<FeedEntry>,
}

/// An entry of the main navigation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NavLink {
    /// What a reader sees, e.g. "Drivers".
    pub text: String,
    /// The page it leads to.
    pub path: ArtifactPath,
}

/// One page of a site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SitePage {
    /// Where it is saved, without extension, e.g. `drivers/five-year-forward-view`.
    pub path: ArtifactPath,
    /// The navigation entry it belongs under (its [`NavLink::path`]).
    pub section: ArtifactPath,
    /// The page's content: it starts with its one [`Block::Title`](crate::Block::Title).
    pub document: Document,
}

/// One entry of a site's feed: a driver.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedEntry {
    /// A name for the entry that never changes while the record exists, e.g.
    /// `drivers/five-year-forward-view`: a feed's entry ids are made from it.
    pub key: String,
    /// The driver's title.
    pub title: String,
    /// Its page.
    pub page: ArtifactPath,
    /// When it was last updated (or published), at the start of the day, month or year given.
    pub updated: Timestamp,
    /// What it says, in one paragraph.
    pub summary: String,
}

/// The page a link's `url` points to, and its anchor, when it is a link within the site rather
/// than an absolute URL.
///
/// ```
/// use maptoolkit_briefing::page_target;
/// assert_eq!(page_target("drivers/carter-review#driver-carter-review-summary"),
///            Some(("drivers/carter-review", Some("driver-carter-review-summary"))));
/// assert_eq!(page_target("themes/workforce"), Some(("themes/workforce", None)));
/// assert_eq!(page_target("https://www.hee.nhs.uk/"), None);
/// assert_eq!(page_target("mailto:library@example.org"), None);
/// ```
pub fn page_target(url: &str) -> Option<(&str, Option<&str>)> {
    if url.contains(':') {
        return None;
    }
    Some(match url.split_once('#') {
        Some((page, anchor)) => (page, Some(anchor)),
        None => (url, None),
    })
}
