//! Problems found in a toolkit, each located by file, field and, where it has one, its place in
//! the file.

use std::collections::BTreeMap;
use std::fmt;

use crate::Span;

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The toolkit cannot be used until this is fixed.
    Error,
    /// Worth fixing; the toolkit can still be used.
    Warning,
}

/// One problem: where it is, what is wrong and, where it helps, how to fix it.
///
/// Displays as `drivers/carter-review.toml:7:14: review_due: 2015-01 is before published 2016-02`
/// (the line and column only when the problem has a place in the file; without a file, as
/// [`crate::parse_record`] gives them, `7:14: review_due: …`), prefixed `warning: ` for warnings,
/// with the hint on a line of its own.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file, relative to the toolkit folder, with `/` separators, e.g. `drivers/x.toml`.
    pub file: String,
    /// The field path within the file, e.g. `key_features[1].children[0]`; empty for the whole file.
    pub field: String,
    /// Where in the file: the value at fault (or the key, for an unknown field). `None` for a
    /// problem with the whole file, a field that is missing, or a record built in memory.
    pub span: Option<Span>,
    /// What is wrong: lower case, no full stop.
    pub message: String,
    /// How to fix it, where that is not obvious.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// An error.
    pub fn error(
        file: impl Into<String>,
        field: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            field: field.into(),
            span: None,
            message: message.into(),
            hint: None,
        }
    }

    /// A warning.
    pub fn warning(
        file: impl Into<String>,
        field: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, field, message)
        }
    }

    /// The same problem with a hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// The same problem at a place in its file.
    pub fn with_span(mut self, span: Span) -> Self {
        self.span = Some(span);
        self
    }

    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.severity == Severity::Warning {
            f.write_str("warning: ")?;
        }
        match (self.file.is_empty(), &self.span) {
            (false, Some(span)) => write!(f, "{}:{span}: ", self.file)?,
            (false, None) => write!(f, "{}: ", self.file)?,
            (true, Some(span)) => write!(f, "{span}: ")?,
            (true, None) => {}
        }
        if !self.field.is_empty() {
            write!(f, "{}: ", self.field)?;
        }
        f.write_str(&self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// Every problem found in a toolkit that did not validate: errors first, then warnings.
///
/// The text of each file a diagnostic points into is kept ([`Report::source`]), so a program can
/// show the line with a caret under the value.
///
/// It displays as its [summary](Report::summary) and then every diagnostic with its place, one
/// after another, so `?` into a `Box<dyn Error>` loses none of them (the command line shows
/// each with its line of the file instead).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", display(self))]
pub struct Report {
    /// The problems, errors before warnings, each group in file order and then in order of place
    /// in the file.
    pub diagnostics: Vec<Diagnostic>,
    sources: Sources,
}

fn display(report: &Report) -> String {
    let mut out = report.summary();
    if !report.diagnostics.is_empty() {
        out.push(':');
    }
    for d in &report.diagnostics {
        out.push('\n');
        out.push_str(&d.to_string());
    }
    out
}

fn summary(report: &Report) -> String {
    let errors = report.errors().count();
    let warnings = report.diagnostics.len() - errors;
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "the toolkit is not valid ({}, {})",
        plural(errors, "error"),
        plural(warnings, "warning")
    )
}

impl Report {
    /// A report of these problems, sorted: errors first, then by file, by place in the file
    /// (problems with the whole file first) and by field.
    pub fn new(mut diagnostics: Vec<Diagnostic>) -> Report {
        sort(&mut diagnostics);
        Report {
            diagnostics,
            sources: Sources::default(),
        }
    }

    /// The text of `file` (as a diagnostic names it) as it was read, for showing the lines its
    /// diagnostics' spans point at. Kept for every file that has a diagnostic with a span; `None`
    /// for other files.
    ///
    /// ```
    /// let dir = tempfile::tempdir().unwrap();
    /// std::fs::write(dir.path().join("toolkit.toml"), "name = 'MAP'\norganisation = 3\n").unwrap();
    /// let report = maptoolkit_core::load(dir.path(), None).unwrap_err();
    /// let d = &report.diagnostics[0];
    /// assert_eq!(d.to_string(), "toolkit.toml:2:16: organisation: wrong type: integer `3`, expected a string");
    /// let text = report.source(&d.file).unwrap();
    /// assert_eq!(&text[d.span.unwrap().range()], "3");
    /// ```
    pub fn source(&self, file: &str) -> Option<&str> {
        self.sources.get(file)
    }

    /// Lets go of the text of the files the diagnostics point into, once they have been shown,
    /// to free the memory; the diagnostics keep their spans, and [`Report::source`] then gives
    /// `None`.
    ///
    /// ```
    /// let report = maptoolkit_core::load(std::path::Path::new("no-such-folder"), None);
    /// let mut report = report.unwrap_err();
    /// report.forget_sources();
    /// assert_eq!(report.source("toolkit.toml"), None);
    /// assert_eq!(report.diagnostics.len(), 1);
    /// ```
    pub fn forget_sources(&mut self) {
        self.sources = Sources::default();
    }

    /// The same report, keeping the text of the files its diagnostics point into.
    pub(crate) fn with_sources(mut self, sources: Sources) -> Report {
        self.sources = sources;
        self
    }

    /// How many errors and warnings there are, e.g. "the toolkit is not valid (3 errors, 1
    /// warning)".
    pub fn summary(&self) -> String {
        summary(self)
    }

    /// The errors.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error())
    }
}

/// Sorts problems: errors first, then by file, place in the file and field.
pub(crate) fn sort(diagnostics: &mut [Diagnostic]) {
    fn key(d: &Diagnostic) -> (Severity, &str, Option<usize>, &str) {
        (d.severity, &d.file, d.span.map(|s| s.start), &d.field)
    }
    diagnostics.sort_by(|a, b| key(a).cmp(&key(b)));
}

/// The text of files, by the name diagnostics give them, kept so diagnostics can be shown with
/// their lines.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Sources(BTreeMap<String, String>);

impl Sources {
    /// Keeps the text of `file`.
    pub(crate) fn insert(&mut self, file: String, text: String) {
        self.0.insert(file, text);
    }

    /// The text of `file`, if kept.
    pub(crate) fn get(&self, file: &str) -> Option<&str> {
        self.0.get(file).map(String::as_str)
    }

    /// Keeps only the files that a diagnostic with a span points into.
    pub(crate) fn retain_located(&mut self, diagnostics: &[Diagnostic]) {
        let located: std::collections::BTreeSet<&str> = diagnostics
            .iter()
            .filter(|d| d.span.is_some())
            .map(|d| d.file.as_str())
            .collect();
        self.0.retain(|file, _| located.contains(file.as_str()));
    }
}
