//! Printing diagnostics the way rustc and cargo do: `file:line:column`, the source line and a
//! caret under the value, then the hint.
//!
//! Rendering is [annotate-snippets]'s; this module only maps a [`Diagnostic`] onto it.
//!
//! [annotate-snippets]: https://docs.rs/annotate-snippets

use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};
use maptoolkit_core::{Diagnostic, Severity, terminal_safe};

/// Renders one diagnostic. `source` is the text of its file, when at hand: with it, and a span
/// in the diagnostic, the line is shown with a caret under the value. `color` adds terminal
/// colours.
///
/// ```
/// use maptoolkit::core::Diagnostic;
/// let d = Diagnostic::error("drivers/x.toml", "owner", "`ZZ` is not a member")
///     .with_hint("add ZZ to [[members]] in toolkit.toml");
/// let text = maptoolkit::render_diagnostic(&d, None, false);
/// assert!(text.starts_with("error: owner: `ZZ` is not a member"));
/// assert!(text.contains("drivers/x.toml"));
/// assert!(text.contains("help: add ZZ to [[members]] in toolkit.toml"));
/// ```
pub fn render_diagnostic(diagnostic: &Diagnostic, source: Option<&str>, color: bool) -> String {
    let level = match diagnostic.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let title = if diagnostic.field.is_empty() {
        diagnostic.message.clone()
    } else {
        format!("{}: {}", diagnostic.field, diagnostic.message)
    };
    let title = terminal_safe(&title);
    let file = terminal_safe(&diagnostic.file);
    let hint = diagnostic.hint.as_deref().map(terminal_safe);
    let title = level.primary_title(&*title);
    let span = span(diagnostic).filter(|r| source.is_some_and(|s| r.end <= s.len()));
    let mut group = match (source, span) {
        (Some(source), Some(range)) => title.element(
            Snippet::source(source)
                .path(&*file)
                .annotation(AnnotationKind::Primary.span(range)),
        ),
        _ => title.element(annotate_snippets::Origin::path(&*file)),
    };
    if let Some(hint) = &hint {
        group = group.element(Level::HELP.message(&**hint));
    }
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    renderer.render(&[group])
}

/// The bytes of its file a diagnostic points at, if it points anywhere.
fn span(diagnostic: &Diagnostic) -> Option<std::ops::Range<usize>> {
    diagnostic.span.map(|s| s.range())
}
