//! What an import did not take in: skipped posts, lines not understood, posts refused.
//!
//! Nothing in the input is dropped silently: every post is imported, skipped (with its title and
//! why) or refused (with an [`ImportError`]), and every line that could not be placed is a
//! [`Warning`] naming its post and line number.

use maptoolkit_core::terminal_safe;
use std::fmt;

/// A post that was not imported because it is not a driver or a meeting, e.g. a news item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The post's title as written (spaces normalised).
    pub title: String,
    /// The line of the title in the input, from 1.
    pub line: usize,
    /// Why it was skipped, e.g. "news post".
    pub reason: String,
}

impl fmt::Display for Skipped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {}: skipped `{}`: {}",
            self.line, self.title, self.reason
        )
    }
}

/// A line of an imported post that was not understood, or was understood only in part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// The title of the post it is in.
    pub post: String,
    /// Its line in the input, from 1.
    pub line: usize,
    /// The line as written (spaces normalised).
    pub text: String,
    /// What was done with it, e.g. "not understood; left out".
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {}: in `{}`: {}: `{}`",
            self.line, self.post, self.message, self.text
        )
    }
}

/// Why a record is members only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protection {
    /// It has a password (WordPress's `wp:post_password`; `Protected:` before a saved title).
    Password,
    /// WordPress's `private` status (`Private:` before a saved title).
    Private,
}

impl Protection {
    /// How the report names it.
    pub fn describe(self) -> &'static str {
        match self {
            Protection::Password => "password-protected",
            Protection::Private => "private",
        }
    }
}

/// What a post was imported as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportedAs {
    /// A complete driver.
    Driver,
    /// A draft driver (`draft = true`), with why it is one, e.g. "no `Date of publication`".
    Draft(Vec<String>),
    /// A meeting.
    Meeting,
    /// A password-protected or private meeting (`protected = true`).
    ProtectedMeeting,
    /// A MAP Story.
    Story,
    /// A password-protected or private MAP Story (`protected = true`).
    ProtectedStory,
    /// A members-only driver (`protected = true`): never in a public export. `draft` says why it
    /// is also a draft, if it is one.
    ProtectedDriver {
        /// Why it is members only.
        why: Protection,
        /// Why it is a draft; empty for a complete driver.
        draft: Vec<String>,
    },
}

impl ImportedAs {
    /// Whether the record is a draft driver, protected or not.
    pub fn is_draft(&self) -> bool {
        match self {
            ImportedAs::Draft(_) => true,
            ImportedAs::ProtectedDriver { draft, .. } => !draft.is_empty(),
            _ => false,
        }
    }
}

/// A post that became a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    /// The post's title as written (spaces normalised).
    pub title: String,
    /// The line of the title in the input, from 1.
    pub line: usize,
    /// The file written for it, inside the toolkit folder, e.g. `drivers/carter-review.toml`.
    pub file: String,
    /// What it became.
    pub kind: ImportedAs,
}

impl fmt::Display for Imported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match &self.kind {
            ImportedAs::Driver => "driver".to_string(),
            ImportedAs::Draft(why) => format!("draft driver ({})", why.join("; ")),
            ImportedAs::Meeting => "meeting".to_string(),
            ImportedAs::ProtectedMeeting => "protected meeting".to_string(),
            ImportedAs::Story => "MAP Story".to_string(),
            ImportedAs::ProtectedStory => "protected MAP Story (members only)".to_string(),
            ImportedAs::ProtectedDriver { why, draft } if draft.is_empty() => {
                format!("protected driver ({}; members only)", why.describe())
            }
            ImportedAs::ProtectedDriver { why, draft } => format!(
                "protected draft driver ({}; members only; {})",
                why.describe(),
                draft.join("; ")
            ),
        };
        write!(
            f,
            "line {}: imported `{}` as {what}: {}",
            self.line, self.title, self.file
        )
    }
}

/// Why a post could not be imported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// A meeting's title gives no day, or no year can be found for it.
    #[error("line {line}: meeting `{post}`: {message}")]
    MeetingDate {
        /// The post's title.
        post: String,
        /// The line of the post's title.
        line: usize,
        /// What is missing.
        message: String,
    },
    /// The record made from a post would be larger than the loader reads
    /// ([`maptoolkit_core::MAX_FILE_BYTES`]), so it is not written.
    #[error(
        "line {line}: `{post}` would make a record of {bytes} bytes, over the {limit}-byte limit \
         of a record file; not imported"
    )]
    TooLarge {
        /// The post's title.
        post: String,
        /// The line of the post's title.
        line: usize,
        /// The size of the record's TOML.
        bytes: usize,
        /// The limit.
        limit: u64,
    },
    /// The record built from a post breaks a toolkit rule (see `maptoolkit_core`'s validation).
    #[error("line {line}: `{post}` breaks a toolkit rule: {problem}")]
    Invalid {
        /// The post's title.
        post: String,
        /// The line of the post's title.
        line: usize,
        /// The rule broken, as validation reports it.
        problem: String,
    },
}

impl ImportError {
    /// The line in the input the error is about.
    pub fn line(&self) -> usize {
        match self {
            ImportError::MeetingDate { line, .. }
            | ImportError::TooLarge { line, .. }
            | ImportError::Invalid { line, .. } => *line,
        }
    }
}

/// Everything an import did, post by post: every post of the input is in `imported`, `skipped`
/// or `errors`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Posts that became records, drafts included.
    pub imported: Vec<Imported>,
    /// Posts left out because they are not drivers or meetings (news, the driver template,
    /// unpublished or trashed items of a WordPress export).
    pub skipped: Vec<Skipped>,
    /// Lines not understood, or understood only in part, in imported posts.
    pub warnings: Vec<Warning>,
    /// Posts that looked like drivers or meetings but could not be imported.
    pub errors: Vec<ImportError>,
}

impl Report {
    /// Whether every post was imported complete or skipped as news and every line understood.
    pub fn is_clean(&self) -> bool {
        self.warnings.is_empty()
            && self.errors.is_empty()
            && self.imported.iter().all(|i| !i.kind.is_draft())
    }

    /// How many drafts were imported.
    pub fn drafts(&self) -> usize {
        self.imported.iter().filter(|i| i.kind.is_draft()).count()
    }
}

/// One line per post in input order (imported, skipped or refused), then the warnings, each
/// through [`report_line`] (control characters escaped, long lines cut):
///
/// ```text
/// line 1: skipped `Category Archives: News`: …
/// line 5: imported `Carter Review` as driver: drivers/carter-review.toml
/// line 40: imported `Topol Review` as draft driver (no `Date of publication`): drivers/topol-review.toml
/// error: line 70: meeting `Meeting notes`: the title gives no day and month
/// warning: line 52: in `Topol Review`: Date of publication: …: `Spring 2018`
/// ```
impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut posts: Vec<(usize, String)> = Vec::new();
        posts.extend(self.imported.iter().map(|i| (i.line, i.to_string())));
        posts.extend(self.skipped.iter().map(|s| (s.line, s.to_string())));
        posts.extend(
            self.errors
                .iter()
                .map(|e| (e.line(), format!("error: {e}"))),
        );
        posts.sort_by_key(|(line, _)| *line);
        for (_, p) in posts {
            writeln!(f, "{}", report_line(&p))?;
        }
        for w in &self.warnings {
            writeln!(f, "{}", report_line(&format!("warning: {w}")))?;
        }
        Ok(())
    }
}

/// The longest line of a report, in characters; longer lines are cut with a note.
pub const MAX_REPORT_LINE: usize = 300;

/// Text made safe to show on one line of a terminal: control characters shown as symbols by
/// the workspace's one rule ([`maptoolkit_core::terminal_safe`]: ESC as `␛`, bidirectional
/// overrides as `<U+202E>`), and line feeds and tabs too (`␤`, `␉`), so a post's title cannot
/// move the cursor, ring the bell, reorder what is shown or break its line.
pub(crate) fn escape(text: &str) -> String {
    terminal_safe(text).replace('\n', "␤").replace('\t', "␉")
}

/// One line of a report as shown: control characters escaped (`\u{1b}`) and cut at
/// [`MAX_REPORT_LINE`] characters with a note of how many more there were.
///
/// ```
/// let line = maptoolkit_import::report_line("skipped `\u{1b}[2Jtitle\u{7}`");
/// assert_eq!(line, "skipped `␛[2Jtitle␇`");
/// let long = maptoolkit_import::report_line(&"x".repeat(1000));
/// assert!(long.ends_with("… (cut: 700 more characters)"));
/// ```
pub fn report_line(line: &str) -> String {
    let escaped = escape(line);
    let total = escaped.chars().count();
    if total <= MAX_REPORT_LINE {
        return escaped;
    }
    let kept: String = escaped.chars().take(MAX_REPORT_LINE).collect();
    format!("{kept}… (cut: {} more characters)", total - MAX_REPORT_LINE)
}

/// Collects the warnings for one post.
#[derive(Debug)]
pub(crate) struct Warnings<'a> {
    post: &'a str,
    pub(crate) list: Vec<Warning>,
}

impl<'a> Warnings<'a> {
    pub(crate) fn new(post: &'a str) -> Warnings<'a> {
        Warnings {
            post,
            list: Vec::new(),
        }
    }

    /// Warns about a line.
    pub(crate) fn line(&mut self, line: usize, text: &str, message: impl Into<String>) {
        self.list.push(Warning {
            post: self.post.to_string(),
            line,
            text: crate::text::clean(text),
            message: message.into(),
        });
    }
}
