//! Exporting briefings to Word.
//!
//! [`DocxExporter`] renders each [`Document`] of a [`Bundle`] as an accessible, NHS-styled `.docx`
//! with [docx-rs](https://docs.rs/docx-rs): real Title and Heading 1–3 styles with outline levels
//! (so Word's navigation pane and contents work), body text in the [`Theme`]'s font and size,
//! multi-level bullet and numbered lists, external hyperlinks, label–value and data tables with
//! header rows that repeat across pages, a contents field whose cached result is a plain list of
//! headings, a page header naming the organisation and a "Page X of Y" footer.
//!
//! The package is then rewritten by our own post-processing step (see `package.rs`) so that it
//! carries title, subject, creator, `en-GB` language and dates from the document, is deflated,
//! and is **byte-identical for identical input**, whatever else the process renders, in any order
//! and on any thread. Text that XML 1.0 cannot carry (C0 control characters other than tab, line
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

mod package;
mod render;
mod text;

use std::io::Cursor;

use maptoolkit_briefing::{
    Artifact, Bundle, Document, ExportError, Exporter, Theme, render_each_document,
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

    fn export(&self, bundle: &Bundle) -> Result<Vec<Artifact>, ExportError> {
        render_each_document(bundle, self.extension(), |doc| render(doc, &self.theme))
    }
}

/// Renders one document as the bytes of a `.docx` file.
///
/// The result depends only on `doc` and `theme`: the same input gives the same bytes.
///
/// # Errors
/// [`ExportError::Render`] if docx-rs fails to write the package or our post-processing finds a
/// part it cannot read (both indicate a bug rather than bad input).
pub fn render(doc: &Document, theme: &Theme) -> Result<Vec<u8>, ExportError> {
    let fail = |message: String| ExportError::Render {
        format: "docx".to_string(),
        document: doc.meta.title.clone(),
        message,
    };
    let mut raw = Cursor::new(Vec::new());
    render::build(doc, theme)
        .build()
        .pack(&mut raw)
        .map_err(|e| fail(format!("docx-rs: {e}")))?;
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
    package::repackage(&raw.into_inner(), &core).map_err(|e| fail(e.to_string()))
}
