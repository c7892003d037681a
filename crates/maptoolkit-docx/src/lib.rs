//! Exporting briefings to Word.
//!
//! [`DocxExporter`] renders each [`Document`] of a [`Bundle`] as an accessible, NHS-styled `.docx`:
//! real Title and Heading 1–3 styles with outline levels (so Word's navigation pane and contents
//! work), body text in the [`HouseStyle`]'s font and size, multi-level bullet and numbered lists,
//! external hyperlinks, label–value and data tables with NHS Blue header rows that repeat across
//! pages, a contents field saved with its entries and page numbers, a cover without running
//! header or page number, then a header naming the organisation and a "Page X of Y" footer.
//!
//! Every part is written as the schema (ECMA-376, Microsoft 365's) orders it, by construction:
//! `word/document.xml` straight from the model (see `body.rs`), streamed into the zip so memory
//! stays near the size of the compressed output however long the briefing is, and every property
//! container through one module (`schema.rs`). The package carries title, subject, creator,
//! `en-GB` language and dates from the document, and is **byte-identical for identical input**,
//! in any order and on any thread. [`render()`] returns the bytes; [`render_to`] writes them to
//! any seekable writer, such as a file. Text that XML 1.0 cannot carry (C0 control characters
//! other than tab, line feed and carriage return; U+FFFE and U+FFFF) is replaced by U+FFFD; every
//! other character is kept.
//!
//! ```
//! use maptoolkit_briefing::{Block, Document, Inline, Metadata, HouseStyle, Timestamp};
//!
//! let doc = Document {
//!     meta: Metadata {
//!         title: "Executive briefing".into(),
//!         subject: "National drivers".into(),
//!         author: "NHS Library Service".into(),
//!         language: "en-GB".into(),
//!         as_of: "2018-01-11".into(),
//!         created: Timestamp::from_date(2018, 1, 11).unwrap(),
//!         marking: None,
//!     },
//!     blocks: vec![
//!         Block::Title("Executive briefing".into()),
//!         Block::Paragraph(vec![Inline::text("Developing People – Improving Care")]),
//!     ],
//! };
//! let bytes = maptoolkit_docx::render(&doc, &HouseStyle::default()).unwrap();
//! assert!(bytes.starts_with(b"PK"), "a .docx is a zip");
//! assert_eq!(bytes, maptoolkit_docx::render(&doc, &HouseStyle::default()).unwrap());
//! ```
#![warn(missing_docs)]

mod body;
mod chart;
mod look;
mod metrics;
mod package;
mod pages;
mod parts;
mod schema;
mod styles;
mod text;
mod xml;

use std::io::{Cursor, Seek, Write};

use maptoolkit_briefing::{
    Artifact, ArtifactSink, Bundle, Document, ExportError, Exporter, HouseStyle, Parts,
    render_each_document, render_each_document_to,
};

pub use text::{REPLACEMENT, xml_safe};

/// The Word exporter: `--format docx`, writing `.docx` files.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocxExporter {
    /// Font, colours and organisation name.
    pub theme: HouseStyle,
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
/// None in practice: writing to memory does not fail. The signature is [`render_to`]'s.
pub fn render(doc: &Document, theme: &HouseStyle) -> Result<Vec<u8>, ExportError> {
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
/// use maptoolkit_briefing::{Block, Document, Metadata, HouseStyle, Timestamp};
///
/// let doc = Document {
///     meta: Metadata {
///         title: "Meeting pack".into(),
///         subject: "8 February 2017".into(),
///         author: "NHS Library Service".into(),
///         language: "en-GB".into(),
///         as_of: "2017-02-08".into(),
///         created: Timestamp::from_date(2017, 2, 8).unwrap(),
///         marking: None,
///     },
///     blocks: vec![Block::Title("Meeting pack".into())],
/// };
/// // A `std::fs::File` works the same way.
/// let out = maptoolkit_docx::render_to(&doc, &HouseStyle::default(), Cursor::new(Vec::new())).unwrap();
/// assert_eq!(out.into_inner(), maptoolkit_docx::render(&doc, &HouseStyle::default()).unwrap());
/// ```
///
/// # Errors
/// [`ExportError::Render`] if writing to `out` fails.
pub fn render_to<W: Write + Seek>(
    doc: &Document,
    theme: &HouseStyle,
    out: W,
) -> Result<W, ExportError> {
    package::write(out, doc, theme).map_err(|e| ExportError::render("docx", &doc.meta.title, e))
}
