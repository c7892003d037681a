//! The plug-in point: the [`Exporter`] trait, what it is given ([`Bundle`]) and what it returns.

use crate::{Artifact, ArtifactPath, Document, Register};

/// Everything composed for one export: the narrative documents and the tabular registers.
///
/// Composers fill it (see [`crate::compose`]); exporters render it. What is in a bundle has already
/// been filtered for its audience, so an exporter never has to decide what may be shown.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Bundle {
    /// Narrative documents: the executive briefing and meeting packs.
    pub documents: Vec<NamedDocument>,
    /// Tabular registers: drivers, review schedule, stories, meeting agenda items.
    pub registers: Vec<Register>,
}

/// A document and the path, without extension, its rendering is saved under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedDocument {
    /// E.g. `briefing` or `meetings/meeting-2017-02-08`; the exporter adds its extension.
    pub path: ArtifactPath,
    /// The document.
    pub document: Document,
}

/// An output format.
///
/// Implement this in your own crate to add a format, then [`Registry::register`] it beside ours.
/// Formats that render documents one by one can use [`render_each_document`]; tabular formats
/// read [`Bundle::registers`].
///
/// ```
/// use maptoolkit_briefing::{
///     inline_text, render_each_document, Artifact, Block, Bundle, ExportError, Exporter, Registry,
/// };
///
/// /// Writes each document as Markdown.
/// struct Markdown;
///
/// impl Exporter for Markdown {
///     fn name(&self) -> &str { "markdown" }
///     fn extension(&self) -> &str { "md" }
///     fn export(&self, bundle: &Bundle) -> Result<Vec<Artifact>, ExportError> {
///         render_each_document(bundle, self.extension(), |doc| {
///             let mut md = String::new();
///             for block in &doc.blocks {
///                 match block {
///                     Block::Title(t) => md.push_str(&format!("% {t}\n\n")),
///                     Block::Heading(h) => {
///                         md.push_str(&format!("{} {}\n\n", "#".repeat(h.level.into()), h.text))
///                     }
///                     Block::Paragraph(p) => md.push_str(&format!("{}\n\n", inline_text(p))),
///                     _ => {}
///                 }
///             }
///             Ok(md.into_bytes())
///         })
///     }
/// }
///
/// let mut registry = Registry::new();
/// registry.register(Box::new(Markdown)).unwrap();
/// let exporter = registry.get("markdown").unwrap();
/// let artifacts = exporter.export(&Bundle::default()).unwrap();
/// assert!(artifacts.is_empty());
/// assert!(registry.get("rtf").err().unwrap().to_string().contains("known formats: markdown"));
/// ```
pub trait Exporter: Send + Sync {
    /// The format's short name, as typed after `--format`: lower case, e.g. `docx`.
    fn name(&self) -> &str;

    /// The file extension of what it writes, without the dot.
    fn extension(&self) -> &str;

    /// Renders a bundle into files.
    ///
    /// # Errors
    /// [`ExportError::Render`] when a document cannot be rendered.
    fn export(&self, bundle: &Bundle) -> Result<Vec<Artifact>, ExportError>;
}

/// Renders every document of a bundle with `render`, naming each artifact after its document.
///
/// Documents are rendered in parallel (rayon); the artifacts come back in the bundle's order, so
/// the result does not depend on the number of threads as long as `render` is a pure function of
/// its document.
///
/// # Errors
/// The first error `render` returns, in document order.
pub fn render_each_document(
    bundle: &Bundle,
    extension: &str,
    render: impl Fn(&Document) -> Result<Vec<u8>, ExportError> + Sync,
) -> Result<Vec<Artifact>, ExportError> {
    use rayon::prelude::*;
    bundle
        .documents
        .par_iter()
        .map(|named| {
            Ok(Artifact {
                path: named.path.with_extension(extension),
                bytes: render(&named.document)?,
            })
        })
        .collect()
}

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExportError {
    /// A format could not render a document.
    #[error("{format}: {document}: {message}")]
    Render {
        /// The format's name.
        format: String,
        /// The document's title or path.
        document: String,
        /// What went wrong.
        message: String,
    },
    /// No exporter of that name is registered.
    #[error("unknown format `{name}` (known formats: {known})")]
    UnknownFormat {
        /// The name asked for.
        name: String,
        /// The registered names, comma-separated.
        known: String,
    },
    /// Two exporters claim the same name or extension.
    #[error("format `{name}` clashes with one already registered ({what} `{value}` is taken)")]
    Duplicate {
        /// The name of the exporter being added.
        name: String,
        /// `name` or `extension`.
        what: &'static str,
        /// The clashing value.
        value: String,
    },
}

/// The exporters a program links, by name.
///
/// xtask fills one with every format we ship; another program adds its own.
#[derive(Default)]
pub struct Registry {
    exporters: Vec<Box<dyn Exporter>>,
}

impl std::fmt::Debug for Registry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.names()).finish()
    }
}

impl Registry {
    /// An empty registry.
    pub fn new() -> Registry {
        Registry::default()
    }

    /// Adds an exporter.
    ///
    /// # Errors
    /// [`ExportError::Duplicate`] if its name or extension is already taken.
    pub fn register(&mut self, exporter: Box<dyn Exporter>) -> Result<(), ExportError> {
        for existing in &self.exporters {
            let clash = if existing.name() == exporter.name() {
                Some(("name", exporter.name()))
            } else if existing.extension() == exporter.extension() {
                Some(("extension", exporter.extension()))
            } else {
                None
            };
            if let Some((what, value)) = clash {
                return Err(ExportError::Duplicate {
                    name: exporter.name().to_string(),
                    what,
                    value: value.to_string(),
                });
            }
        }
        self.exporters.push(exporter);
        Ok(())
    }

    /// The exporter called `name`.
    ///
    /// # Errors
    /// [`ExportError::UnknownFormat`], listing the known names.
    pub fn get(&self, name: &str) -> Result<&dyn Exporter, ExportError> {
        self.exporters
            .iter()
            .find(|e| e.name() == name)
            .map(|e| e.as_ref())
            .ok_or_else(|| ExportError::UnknownFormat {
                name: name.to_string(),
                known: self.names().join(", "),
            })
    }

    /// The registered names, in the order they were added.
    pub fn names(&self) -> Vec<&str> {
        self.exporters.iter().map(|e| e.name()).collect()
    }

    /// The registered exporters, in the order they were added.
    pub fn iter(&self) -> impl Iterator<Item = &dyn Exporter> {
        self.exporters.iter().map(|e| e.as_ref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Fake(&'static str, &'static str);

    impl Exporter for Fake {
        fn name(&self) -> &str {
            self.0
        }
        fn extension(&self) -> &str {
            self.1
        }
        fn export(&self, _: &Bundle) -> Result<Vec<Artifact>, ExportError> {
            Ok(vec![])
        }
    }

    #[test]
    fn registry_refuses_clashing_names_and_extensions() {
        let mut r = Registry::new();
        r.register(Box::new(Fake("word", "docx"))).unwrap();
        let err = r.register(Box::new(Fake("word", "doc"))).unwrap_err();
        assert_eq!(
            err.to_string(),
            "format `word` clashes with one already registered (name `word` is taken)"
        );
        let err = r.register(Box::new(Fake("docx2", "docx"))).unwrap_err();
        assert!(
            err.to_string().contains("extension `docx` is taken"),
            "{err}"
        );
        assert_eq!(r.names(), ["word"]);
    }

    #[test]
    fn unknown_format_lists_known_ones() {
        let mut r = Registry::new();
        r.register(Box::new(Fake("pdf", "pdf"))).unwrap();
        r.register(Box::new(Fake("csv", "csv"))).unwrap();
        let err = r.get("odt").err().unwrap();
        assert_eq!(
            err.to_string(),
            "unknown format `odt` (known formats: pdf, csv)"
        );
    }
}
