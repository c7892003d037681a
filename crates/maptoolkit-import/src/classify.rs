//! Telling driver summaries, meetings and password-protected posts from other news.

use crate::bullets::bullet;
use crate::labels::{Labelled, Template, label, template_of};
use crate::meetings::{is_password_line, meeting_title};
use crate::post::Post;

/// What a post is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PostKind {
    /// A driver summary on one of the driver templates: it has at least two distinct labels of
    /// one, a `Title of driver:` line or `What does this mean for libraries?`.
    Driver,
    /// A MAP Story: more distinct labels of the story template (project team, resources
    /// required, “The story”, impact for the library, next steps) than of a driver's, and two at
    /// least.
    Story,
    /// A meeting: its title is `Meeting <day> <month> …`.
    Meeting,
    /// A password-protected meeting saved locked (`Protected: Meeting …` then "This content is
    /// password protected…"): only title, date and time are known.
    ProtectedMeeting,
    /// Another password-protected post saved locked; nothing of it can be read.
    Protected,
    /// A template page itself (the driver's or the MAP Story's): labels followed by instructions
    /// in brackets (`Source: [who published it]`); skipped.
    Template,
    /// The page's furniture after a post (`Tagged: …`, `Comments are closed.`, the comment
    /// form); skipped.
    Furniture,
    /// Anything else, e.g. news.
    News,
}

/// Classifies a post by its title and labels.
///
/// ```
/// use maptoolkit_import::{classify, split_posts, PostKind};
/// let posts = split_posts("Protected: Meeting 22nd March 2017\n\nThis content is password protected.\n");
/// assert_eq!(classify(&posts[0]), PostKind::ProtectedMeeting);
/// ```
pub fn classify(post: &Post) -> PostKind {
    // A post saved locked shows nothing but its title. One saved by a signed-in editor keeps
    // `Protected:` or `Private:` before its title and its content, read as any other post's (the
    // caller marks what it becomes protected).
    let locked = post
        .body
        .iter()
        .any(|l| is_password_line(crate::text::clean(&l.text).as_str()));
    if crate::furniture::is_furniture(&crate::text::clean(&post.title)) {
        return PostKind::Furniture;
    }
    if locked {
        return if meeting_title(&post.title) {
            PostKind::ProtectedMeeting
        } else {
            PostKind::Protected
        };
    }
    let labels: Vec<Labelled> = post
        .body
        .iter()
        .filter(|l| bullet(&l.text).is_none())
        .filter_map(|l| label(&l.text))
        .collect();
    if is_template(post) {
        return PostKind::Template;
    }
    match template_of(&labels) {
        Some(Template::Story) => PostKind::Story,
        Some(_) => PostKind::Driver,
        None if meeting_title(&post.title) => PostKind::Meeting,
        None => PostKind::News,
    }
}

/// Whether a post is the driver template: at least three labels, and most of them followed by
/// an instruction in brackets (on the label's line or the next line).
fn is_template(post: &Post) -> bool {
    let lines: Vec<String> = post
        .body
        .iter()
        .map(|l| crate::text::clean(&l.text))
        .filter(|l| !l.is_empty())
        .collect();
    let bracketed = |t: &str| {
        (t.starts_with('[') && t.ends_with(']')) || (t.starts_with('(') && t.ends_with(')'))
    };
    let mut labels = 0;
    let mut instructions = 0;
    for (i, line) in lines.iter().enumerate() {
        let Some(l) = label(line) else { continue };
        labels += 1;
        let value = if l.value.is_empty() {
            lines.get(i + 1).map_or("", String::as_str)
        } else {
            l.value.as_str()
        };
        if bracketed(value) {
            instructions += 1;
        }
    }
    labels >= 3 && instructions * 2 >= labels
}
