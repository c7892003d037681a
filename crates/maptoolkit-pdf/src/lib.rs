//! Exporting briefings to PDF.
//!
//! [`PdfExporter`] plugs into the exporter registry under the name `pdf`; [`render`] turns one
//! [`Document`] into the bytes of a PDF file and [`render_to`] writes it to any `Write` as pages
//! are finished. printpdf lays out no paragraphs and its serialiser holds the whole document in
//! memory twice, so this crate uses printpdf for the fonts (parsing, subsetting, `/ToUnicode`) and
//! is otherwise a small layout engine and PDF writer:
//!
//! - `fonts`: the embedded Liberation Sans (regular, bold, italic; OFL-1.1, licence in
//!   `fonts/LICENSE`), glyph and advance lookup, and fallback: control characters are dropped and
//!   characters the font lacks become a visible □ (U+25A1), never garbage.
//! - `linebreak`: Unicode line breaking (UAX #14) measured with real glyph advances; words wider
//!   than a line (long URLs) are broken between characters.
//! - `layout`: blocks become units of strips (lines, table rows) carrying pagination rules.
//! - `paginate`: A4 pages, headings kept with the next lines, orphan and widow control, table
//!   rows split across pages with the header row repeated; fed a piece of the flow at a time.
//! - `content`: content streams: running header, text as glyph ids in marked content, rules,
//!   links; footer ("Page X of Y") and contents page numbers in a second stream drawn at the end.
//! - `embed`: each face subset to the glyphs used, with `/CIDToGIDMap`, `/W` and `/ToUnicode`.
//! - `structure` and `catalog`: a tagged PDF (structure tree for headings, paragraphs, lists,
//!   tables, links and the contents; `/MarkInfo`; `/Lang`), a nested outline, document
//!   information and XMP metadata.
//! - `syntax`: objects, object streams and the cross-reference stream, written as they come,
//!   with a trailer `/ID` hashed from the content.
//! - `document`: drives the rest a window of blocks at a time, so memory stays bounded.
//!
//! The output depends only on the document and theme: no clock, no randomness, so the same input
//! gives the same bytes, in any process and on any thread.
//!
//! ```
//! use maptoolkit_briefing::{Block, Document, Heading, Inline, Metadata, HouseStyle, Timestamp};
//!
//! let doc = Document {
//!     meta: Metadata {
//!         title: "Executive briefing".into(),
//!         subject: "National drivers".into(),
//!         author: "Library and Knowledge Services".into(),
//!         language: "en-GB".into(),
//!         as_of: "2018-01-11".into(),
//!         created: Timestamp::from_date(2018, 1, 11).unwrap(),
//!         marking: None,
//!     },
//!     blocks: vec![
//!         Block::Heading(Heading { level: 1, text: "Drivers".into(), anchor: "drivers".into() }),
//!         Block::Paragraph(vec![Inline::text("Developing People – Improving Care")]),
//!     ],
//! };
//! let pdf = maptoolkit_pdf::render(&doc, &HouseStyle::default()).unwrap();
//! assert!(pdf.starts_with(b"%PDF-1.7"));
//! assert_eq!(pdf, maptoolkit_pdf::render(&doc, &HouseStyle::default()).unwrap());
//! ```
#![warn(missing_docs)]

mod catalog;
mod content;
mod document;
mod embed;
mod fonts;
mod layout;
mod linebreak;
mod paginate;
mod structure;
mod syntax;

use maptoolkit_briefing::{
    Artifact, ArtifactSink, Bundle, Document, ExportError, Exporter, HouseStyle, Parts,
    render_each_document, render_each_document_to,
};

/// The PDF exporter: renders every document of a bundle with its theme.
///
/// The theme's body size (clamped to 6–24 pt), text and heading colours and organisation are
/// used; `font_family` is not, because the PDF always embeds Liberation Sans, which has Arial's
/// metrics.
///
/// ```
/// use maptoolkit_briefing::{Bundle, Exporter};
/// let exporter = maptoolkit_pdf::PdfExporter::default();
/// assert_eq!((exporter.name(), exporter.extension()), ("pdf", "pdf"));
/// assert!(exporter.export(&Bundle::default()).unwrap().is_empty());
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PdfExporter {
    /// Font size, colours and organisation name.
    pub theme: HouseStyle,
}

impl Exporter for PdfExporter {
    fn name(&self) -> &str {
        "pdf"
    }

    fn extension(&self) -> &str {
        "pdf"
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

/// Renders `doc` as an A4 PDF in `theme`.
///
/// # Errors
/// [`ExportError::Render`] if the embedded fonts do not load or the file cannot be written.
pub fn render(doc: &Document, theme: &HouseStyle) -> Result<Vec<u8>, ExportError> {
    render_to(doc, theme, Vec::new())
}

/// Renders `doc` as an A4 PDF in `theme`, writing it to `out` as pages are finished, and hands
/// `out` back.
///
/// Pass a buffered file to keep memory bounded for long documents:
///
/// ```no_run
/// use std::io::BufWriter;
/// use maptoolkit_briefing::{Document, HouseStyle};
///
/// fn save(doc: &Document) -> Result<(), Box<dyn std::error::Error>> {
///     let file = BufWriter::new(std::fs::File::create("briefing.pdf")?);
///     maptoolkit_pdf::render_to(doc, &HouseStyle::default(), file)?.into_inner()?.sync_all()?;
///     Ok(())
/// }
/// ```
///
/// # Errors
/// [`ExportError::Render`] if the embedded fonts do not load or `out` fails.
pub fn render_to<W: std::io::Write>(
    doc: &Document,
    theme: &HouseStyle,
    out: W,
) -> Result<W, ExportError> {
    let error = |message: String| ExportError::render("pdf", &doc.meta.title, message);
    let fonts = fonts::fonts().map_err(error)?;
    document::write(doc, theme, fonts, out).map_err(error)
}
