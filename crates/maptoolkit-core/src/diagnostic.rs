//! Problems found in a toolkit, each located by file and field.

use std::fmt;

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
/// Displays as `drivers/carter-review.toml: review_due: 2015-01 is before published 2016-02`,
/// prefixed `warning: ` for warnings, with the hint on a line of its own.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file, relative to the toolkit folder, with `/` separators, e.g. `drivers/x.toml`.
    pub file: String,
    /// The field path within the file, e.g. `key_features[1].children[0]`; empty for the whole file.
    pub field: String,
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
        f.write_str(&self.file)?;
        if !self.field.is_empty() {
            write!(f, ": {}", self.field)?;
        }
        write!(f, ": {}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// Every problem found in a toolkit that did not validate: errors first, then warnings.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", summary(self))]
pub struct Report {
    /// The problems, errors before warnings, each group in file order.
    pub diagnostics: Vec<Diagnostic>,
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
    /// A report of these problems, sorted: errors first, then by file and field.
    pub fn new(mut diagnostics: Vec<Diagnostic>) -> Report {
        diagnostics
            .sort_by(|a, b| (a.severity, &a.file, &a.field).cmp(&(b.severity, &b.file, &b.field)));
        Report { diagnostics }
    }

    /// The errors.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error())
    }
}
