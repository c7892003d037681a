//! What an import did not take in: skipped posts, lines not understood, posts refused.
//!
//! Nothing in the input is dropped silently: every post is imported, skipped (with its title and
//! why) or refused (with an [`ImportError`]), and every line that could not be placed is a
//! [`Warning`] naming its post and line number.

use std::fmt;

use crate::dates::DateParseError;

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

/// Why a post could not be imported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// A driver post lacks fields the toolkit requires.
    #[error("line {line}: driver `{post}` has no {}", .fields.join(", "))]
    MissingFields {
        /// The post's title.
        post: String,
        /// The line of the post's title.
        line: usize,
        /// The template labels missing, e.g. "Date of publication".
        fields: Vec<String>,
    },
    /// A required date could not be read.
    #[error("line {line}: in `{post}`: {field}: {source}")]
    BadDate {
        /// The post's title.
        post: String,
        /// The line of the date.
        line: usize,
        /// The template label, e.g. "Date of publication".
        field: String,
        /// What was wrong with the date.
        source: DateParseError,
    },
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
            ImportError::MissingFields { line, .. }
            | ImportError::BadDate { line, .. }
            | ImportError::MeetingDate { line, .. }
            | ImportError::Invalid { line, .. } => *line,
        }
    }
}

/// Everything an import reports besides the records it made.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Posts left out because they are not drivers or meetings.
    pub skipped: Vec<Skipped>,
    /// Lines not understood, or understood only in part, in imported posts.
    pub warnings: Vec<Warning>,
    /// Posts that looked like drivers or meetings but could not be imported.
    pub errors: Vec<ImportError>,
}

impl Report {
    /// Whether every post was imported or skipped as news and every line understood.
    pub fn is_clean(&self) -> bool {
        self.warnings.is_empty() && self.errors.is_empty()
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for e in &self.errors {
            writeln!(f, "error: {e}")?;
        }
        for w in &self.warnings {
            writeln!(f, "warning: {w}")?;
        }
        for s in &self.skipped {
            writeln!(f, "{s}")?;
        }
        Ok(())
    }
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
