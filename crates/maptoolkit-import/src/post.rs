//! A post of the archive, as [`split_posts`](crate::split_posts) finds it: the type the splitter
//! makes and the readers of drivers and meetings take, in a module of its own so that neither
//! depends on the other.

/// One line of the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// The line number in the input, from 1.
    pub number: usize,
    /// The line as written.
    pub text: String,
}

/// A post: its title line and the lines after it, up to the next post.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Post {
    /// The title, spaces normalised (`Protected: ` kept).
    pub title: String,
    /// The title's line number in the input, from 1.
    pub line: usize,
    /// The lines after the title, as written, blank lines included.
    pub body: Vec<Line>,
}
