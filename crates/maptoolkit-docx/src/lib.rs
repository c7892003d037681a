//! Exporting briefings to Word.
//!
//! [`DocxExporter`] renders each [`Document`] of a [`Bundle`] as an accessible, NHS-styled `.docx`
//! with [docx-rs](https://docs.rs/docx-rs): real Title and Heading 1–3 styles with outline levels
//! (so Word's navigation pane and contents work), body text in the [`Theme`]'s font and size,
//! multi-level bullet and numbered lists, external hyperlinks, label–value and data tables with
//! header rows that repeat across pages, a contents field whose cached result is a plain list of
//! headings, a page header naming the organisation and a "Page X of Y" footer.
//!
//! The body is streamed: each paragraph, and each table row by row, is written as docx-rs writes
//! it (from XML docx-rs wrote once for each shape of element, see `cache.rs`), fixed up and
//! deflated straight into the zip, so memory stays near the size of the compressed output however
//! long the briefing is. Our own packaging step (see `package.rs`) makes the
//! package carry title, subject, creator, `en-GB` language and dates from the document, and makes
//! it **byte-identical for identical input**, whatever else the process renders, in any order and
//! on any thread. [`render()`] returns the bytes; [`render_to`] writes them to any seekable writer,
//! such as a file. Text that XML 1.0 cannot carry (C0 control characters other than tab, line
//! feed and carriage return; U+FFFE and U+FFFF) is replaced by U+FFFD; every other character is
//! kept.
//!
//! ```
//! use maptoolkit_briefing::{Block, Document, Inline, Metadata, Theme, Timestamp};
//!
//! let doc = Document {
//!     meta: Metadata {
//!         title: "Executive briefing".into(),
//!         subject: "National drivers".into(),
//!         author: "NHS Library Service".into(),
//!         language: "en-GB".into(),
//!         as_of: "2018-01-11".into(),
//!         created: Timestamp::from_date(2018, 1, 11).unwrap(),
//!     },
//!     blocks: vec![
//!         Block::Title("Executive briefing".into()),
//!         Block::Paragraph(vec![Inline::text("Developing People – Improving Care")]),
//!     ],
//! };
//! let bytes = maptoolkit_docx::render(&doc, &Theme::default()).unwrap();
//! assert!(bytes.starts_with(b"PK"), "a .docx is a zip");
//! assert_eq!(bytes, maptoolkit_docx::render(&doc, &Theme::default()).unwrap());
//! ```
#![warn(missing_docs)]

mod cache;
mod package;
mod render;
mod text;

use std::io::{Cursor, Seek, Write};

use maptoolkit_briefing::{
    Artifact, ArtifactSink, Bundle, Document, ExportError, Exporter, Parts, Theme,
    render_each_document, render_each_document_to,
};

pub use text::{REPLACEMENT, xml_safe};

/// The Word exporter: `--format docx`, writing `.docx` files.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocxExporter {
    /// Font, colours and organisation name.
    pub theme: Theme,
}

impl Exporter for DocxExporter {
    fn name(&self) -> &str {
        "docx"
    }

    fn extension(&self) -> &str {
        "docx"
    }

    fn parts(&self) -> Parts {
        Parts::DOCUMENTS
    }

    fn export(&self, bundle: &Bundle) -> Result<Vec<Artifact>, ExportError> {
        render_each_document(bundle, self.extension(), |doc| render(doc, &self.theme))
    }

    fn export_to(&self, bundle: &Bundle, sink: &dyn ArtifactSink) -> Result<(), ExportError> {
        render_each_document_to(bundle, self.extension(), sink, |doc, out| {
            render_to(doc, &self.theme, out).map(drop)
        })
    }
}

/// Renders one document as the bytes of a `.docx` file.
///
/// The result depends only on `doc` and `theme`: the same input gives the same bytes. It is
/// [`render_to`] into a `Vec<u8>`.
///
/// # Errors
/// [`ExportError::Render`] if docx-rs writes XML our packaging cannot carry or read back (a bug
/// rather than bad input).
pub fn render(doc: &Document, theme: &Theme) -> Result<Vec<u8>, ExportError> {
    Ok(render_to(doc, theme, Cursor::new(Vec::new()))?.into_inner())
}

/// Renders one document as a `.docx` file written to `out`, and gives `out` back.
///
/// The body is streamed into `out` as it is rendered, so memory does not grow with the whole
/// document; the bytes written are the same as [`render()`]'s. `out` must be seekable because a
/// zip's entry headers are completed after their data.
///
/// ```
/// use std::io::Cursor;
/// use maptoolkit_briefing::{Block, Document, Metadata, Theme, Timestamp};
///
/// let doc = Document {
///     meta: Metadata {
///         title: "Meeting pack".into(),
///         subject: "8 February 2017".into(),
///         author: "NHS Library Service".into(),
///         language: "en-GB".into(),
///         as_of: "2017-02-08".into(),
///         created: Timestamp::from_date(2017, 2, 8).unwrap(),
///     },
///     blocks: vec![Block::Title("Meeting pack".into())],
/// };
/// // A `std::fs::File` works the same way.
/// let out = maptoolkit_docx::render_to(&doc, &Theme::default(), Cursor::new(Vec::new())).unwrap();
/// assert_eq!(out.into_inner(), maptoolkit_docx::render(&doc, &Theme::default()).unwrap());
/// ```
///
/// # Errors
/// [`ExportError::Render`] if writing to `out` fails, or docx-rs writes XML our packaging cannot
/// carry or read back (a bug rather than bad input).
pub fn render_to<W: Write + Seek>(doc: &Document, theme: &Theme, out: W) -> Result<W, ExportError> {
    render_with(doc, theme, out, true)
}

/// [`render_to`], writing the body's elements from the cache of docx-rs's XML per shape when
/// `cached`, or serialising each with docx-rs, as the tests compare the cache with, when not.
fn render_with<W: Write + Seek>(
    doc: &Document,
    theme: &Theme,
    out: W,
    cached: bool,
) -> Result<W, ExportError> {
    let fail = |e: package::PackageError| ExportError::Render {
        format: "docx".to_string(),
        document: doc.meta.title.clone(),
        message: e.to_string(),
    };
    let core = package::CoreProperties {
        title: doc.meta.title.clone(),
        subject: doc.meta.subject.clone(),
        creator: doc.meta.author.clone(),
        language: if doc.meta.language.is_empty() {
            "en-GB".to_string()
        } else {
            doc.meta.language.clone()
        },
        created: doc.meta.created,
    };
    let docx = render::skeleton(doc, theme);
    let skeleton = docx_rs::BuildXML::build(&docx.document);
    let (body, numberings) = std::thread::scope(|scope| {
        let mut body = package::Body::new(scope, skeleton, core.created, cached)?;
        let numberings = render::write_body(doc, &mut body)?;
        Ok((body.finish()?, numberings))
    })
    .map_err(fail)?;
    let docx = render::add_numberings(docx, numberings);
    package::write(out, docx, body, &core).map_err(fail)
}
