//! The plug-in point: the [`Exporter`] trait, what it is given ([`Bundle`]) and what it returns
//! ([`Artifact`]s in memory, or files written through an [`ArtifactSink`]).

use std::io::{Seek, Write};

use crate::{Artifact, ArtifactPath, Document, Register, Site};

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
    /// The toolkit as a website's pages and feed ([`compose_site`](crate::compose_site)), for
    /// formats that read [`Parts::site`].
    pub site: Option<Site>,
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

    /// Which parts of a bundle it renders. A caller may then compose only those
    /// ([`compose_documents`](crate::compose_documents),
    /// [`compose_registers`](crate::compose_registers)), and render and free one part before
    /// composing the other. The default, [`Parts::ALL`], is always safe.
    fn parts(&self) -> Parts {
        Parts::ALL
    }

    /// Renders a bundle into files.
    ///
    /// # Errors
    /// [`ExportError::Render`] when a document cannot be rendered.
    fn export(&self, bundle: &Bundle) -> Result<Vec<Artifact>, ExportError>;

    /// Renders a bundle straight into files opened through `sink`, so that no rendering is
    /// held in memory whole. Batch exports use this.
    ///
    /// The default renders with [`Exporter::export`] and writes each artifact; formats that can
    /// write as they render override it (see [`render_each_document_to`]).
    ///
    /// # Errors
    /// [`ExportError::Render`] when a document cannot be rendered, [`ExportError::Write`] when
    /// a file cannot be written.
    fn export_to(&self, bundle: &Bundle, sink: &dyn ArtifactSink) -> Result<(), ExportError> {
        for artifact in self.export(bundle)? {
            let write = |e: std::io::Error| ExportError::write(&artifact.path, e);
            let mut out = sink.create(&artifact.path).map_err(write)?;
            out.write_all(&artifact.bytes).map_err(write)?;
            out.flush().map_err(write)?;
        }
        Ok(())
    }
}

/// Which parts of a [`Bundle`] an exporter renders (see [`Exporter::parts`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parts {
    /// The narrative documents: the briefing and the meeting packs.
    pub documents: bool,
    /// The registers.
    pub registers: bool,
    /// The website ([`Bundle::site`]).
    pub site: bool,
}

impl Parts {
    /// Nothing.
    pub const NONE: Parts = Parts {
        documents: false,
        registers: false,
        site: false,
    };
    /// Documents, registers and the website.
    pub const ALL: Parts = Parts {
        documents: true,
        registers: true,
        site: true,
    };
    /// Only the documents (Word, PDF).
    pub const DOCUMENTS: Parts = Parts {
        documents: true,
        ..Parts::NONE
    };
    /// Only the registers (spreadsheets).
    pub const REGISTERS: Parts = Parts {
        registers: true,
        ..Parts::NONE
    };
    /// Only the website (HTML).
    pub const SITE: Parts = Parts {
        site: true,
        ..Parts::NONE
    };

    /// Both parts, if either needs them.
    #[must_use]
    pub fn union(self, other: Parts) -> Parts {
        Parts {
            documents: self.documents || other.documents,
            registers: self.registers || other.registers,
            site: self.site || other.site,
        }
    }
}

/// A file an exporter writes into: formats built on zip go back to patch headers, so it can
/// seek as well as write.
pub trait ArtifactWriter: Write + Seek + Send {}

impl<W: Write + Seek + Send> ArtifactWriter for W {}

/// Where [`Exporter::export_to`] writes: opens one file per artifact path.
///
/// The exporter writes and flushes each file; what happens to the files afterwards (renaming
/// them into place all together, say) is the sink's business. A sink is shared between the
/// threads rendering documents in parallel.
///
/// ```
/// use std::io::Cursor;
/// use std::sync::Mutex;
/// use maptoolkit_briefing::{ArtifactPath, ArtifactSink, ArtifactWriter};
///
/// /// Counts the files asked for and throws their content away.
/// #[derive(Default)]
/// struct Count(Mutex<Vec<String>>);
///
/// impl ArtifactSink for Count {
///     fn create(&self, path: &ArtifactPath) -> std::io::Result<Box<dyn ArtifactWriter + '_>> {
///         self.0.lock().unwrap().push(path.as_str().to_string());
///         Ok(Box::new(Cursor::new(Vec::new())))
///     }
/// }
///
/// let sink = Count::default();
/// let out = sink.create(&ArtifactPath::new(&["briefing"]).with_extension("pdf")).unwrap();
/// drop(out);
/// assert_eq!(*sink.0.lock().unwrap(), ["briefing.pdf"]);
/// ```
pub trait ArtifactSink: Sync {
    /// Opens the file for `path` (which carries the exporter's extension) for writing.
    ///
    /// # Errors
    /// When the file cannot be created.
    fn create(&self, path: &ArtifactPath) -> std::io::Result<Box<dyn ArtifactWriter + '_>>;

    /// A folder inside the output where an exporter may keep unnamed temporary files while it
    /// writes (the workbook streams its rows through one), or `None` (the default) when the
    /// sink has no such folder and the exporter must work in memory. Temporary files never go
    /// to the system's temporary folder: nothing is written outside the output.
    ///
    /// # Errors
    /// When the folder cannot be created.
    fn scratch(&self) -> std::io::Result<Option<std::path::PathBuf>> {
        Ok(None)
    }
}

/// An [`ArtifactSink`] that keeps the files in memory: for tests, and for programs that want
/// [`Exporter::export_to`]'s output as [`Artifact`]s.
///
/// ```
/// use maptoolkit_briefing::{ArtifactPath, ArtifactSink, MemorySink};
/// let sink = MemorySink::default();
/// let mut out = sink.create(&ArtifactPath::new(&["register"]).with_extension("csv")).unwrap();
/// out.write_all(b"Title\n").unwrap();
/// drop(out);
/// let artifacts = sink.into_artifacts();
/// assert_eq!((artifacts[0].path.as_str(), &artifacts[0].bytes[..]), ("register.csv", &b"Title\n"[..]));
/// ```
#[derive(Debug, Default)]
pub struct MemorySink {
    files: std::sync::Mutex<Vec<(ArtifactPath, SharedBuffer)>>,
}

type SharedBuffer = std::sync::Arc<std::sync::Mutex<std::io::Cursor<Vec<u8>>>>;

/// One file of a [`MemorySink`].
struct MemoryFile(SharedBuffer);

impl Write for MemoryFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.lock()?.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Seek for MemoryFile {
    fn seek(&mut self, pos: std::io::SeekFrom) -> std::io::Result<u64> {
        self.lock()?.seek(pos)
    }
}

impl MemoryFile {
    fn lock(&self) -> std::io::Result<std::sync::MutexGuard<'_, std::io::Cursor<Vec<u8>>>> {
        self.0
            .lock()
            .map_err(|_| std::io::Error::other("a thread writing this file panicked"))
    }
}

impl ArtifactSink for MemorySink {
    fn create(&self, path: &ArtifactPath) -> std::io::Result<Box<dyn ArtifactWriter + '_>> {
        let buffer = SharedBuffer::default();
        self.files
            .lock()
            .map_err(|_| std::io::Error::other("a thread writing files panicked"))?
            .push((path.clone(), buffer.clone()));
        Ok(Box::new(MemoryFile(buffer)))
    }
}

impl MemorySink {
    /// The files written, sorted by path.
    pub fn into_artifacts(self) -> Vec<Artifact> {
        let files = self.files.into_inner().unwrap_or_else(|e| e.into_inner());
        let mut artifacts: Vec<Artifact> = files
            .into_iter()
            .map(|(path, buffer)| Artifact {
                path,
                bytes: buffer
                    .lock()
                    .map(|c| c.get_ref().clone())
                    .unwrap_or_default(),
            })
            .collect();
        artifacts.sort_by(|a, b| a.path.as_str().cmp(b.path.as_str()));
        artifacts
    }
}

/// Renders every document of a bundle with `render`, writing each into the file `sink` opens
/// for it (named after the document, with `extension`).
///
/// Documents are rendered in parallel (rayon); the files do not depend on the number of
/// threads as long as `render` is a pure function of its document.
///
/// # Errors
/// The first error `render` returns, in document order, or an error opening or flushing a file.
pub fn render_each_document_to(
    bundle: &Bundle,
    extension: &str,
    sink: &dyn ArtifactSink,
    render: impl Fn(&Document, &mut dyn ArtifactWriter) -> Result<(), ExportError> + Sync,
) -> Result<(), ExportError> {
    use rayon::prelude::*;
    let results: Vec<Result<(), ExportError>> = bundle
        .documents
        .par_iter()
        .map(|named| {
            let path = named.path.with_extension(extension);
            let write = |e: std::io::Error| ExportError::write(&path, e);
            let mut out = sink.create(&path).map_err(write)?;
            render(&named.document, &mut *out)?;
            out.flush().map_err(write)
        })
        .collect();
    results.into_iter().collect()
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
    /// A rendered file could not be written.
    #[error("writing {path}: {source}")]
    Write {
        /// The artifact's path.
        path: String,
        /// What went wrong.
        source: std::io::Error,
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

impl ExportError {
    /// [`ExportError::Render`]: the format `format` could not render `document` (its title or
    /// path) because of `error`. Every exporter reports a failed render (a `fmt::Error`, an I/O
    /// error, a library's error) through this.
    ///
    /// ```
    /// use maptoolkit_briefing::ExportError;
    /// let e = ExportError::render("text", "Board paper", std::fmt::Error);
    /// assert_eq!(e.to_string(), "text: Board paper: an error occurred when formatting an argument");
    /// ```
    pub fn render(
        format: &str,
        document: impl Into<String>,
        error: impl std::fmt::Display,
    ) -> ExportError {
        ExportError::Render {
            format: format.to_string(),
            document: document.into(),
            message: error.to_string(),
        }
    }

    /// [`ExportError::Write`] for the file of `path`.
    pub fn write(path: &ArtifactPath, source: std::io::Error) -> ExportError {
        ExportError::Write {
            path: path.as_str().to_string(),
            source,
        }
    }
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
