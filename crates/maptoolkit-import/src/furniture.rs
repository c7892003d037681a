//! The page's furniture around posts, as tables: archive headers (`Category Archives: News`),
//! and what themes put after a post (tags, "Comments are closed.", the comment form). Furniture
//! ends a post; it is never a post's content.

/// Lines WordPress themes put after a post, whole (ignoring case and a closing full stop).
const FURNITURE_LINES: [&str; 8] = [
    "comments are closed",
    "leave a reply",
    "leave a comment",
    "share this:",
    "like this:",
    "related",
    "post navigation",
    "responses are currently closed, but you can trackback from your own site",
];

/// Starts of lines WordPress themes put after a post.
const FURNITURE_STARTS: [&str; 6] = [
    "tagged:",
    "tags:",
    "posted in ",
    "this entry was posted in ",
    "your email address will not be published",
    "you must be logged in to post a comment",
];

/// The page's furniture after a post (tags, the comment form): it ends the post, and what
/// follows it starts a new one.
pub(crate) fn is_furniture(clean: &str) -> bool {
    let lower = clean.to_lowercase();
    let whole = lower.trim_end_matches('.');
    FURNITURE_LINES.contains(&whole) || FURNITURE_STARTS.iter().any(|s| lower.starts_with(s))
}

/// An archive page header: `Category Archives: News`, `Tag Archives: STP`, `Archives: 2017`.
pub(crate) fn is_header(clean: &str) -> bool {
    let lower = clean.to_lowercase();
    let Some((head, _)) = lower.split_once(':') else {
        return false;
    };
    matches!(
        head.trim(),
        "archives"
            | "category archives"
            | "tag archives"
            | "monthly archives"
            | "yearly archives"
            | "daily archives"
            | "author archives"
    )
}
