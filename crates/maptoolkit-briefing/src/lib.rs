//! Composing executive briefings from a MAP Toolkit, and the exporter plug-in point.
//!
//! This crate decides *what* a briefing says, once, as a format-neutral [`Document`] (headings,
//! paragraphs, nested lists, label–value blocks, tables) and as tabular [`Register`]s. Exporter
//! crates (Word, PDF, CSV, or your own) implement [`Exporter`] and render that model; they depend on
//! this crate only.
//!
//! [`compose`] makes the whole [`Bundle`] for one audience: for the public, protected meetings,
//! stories and ideas are left out before anything is composed, so no exporter can show them.
//!
//! ```
//! use maptoolkit_briefing::{Audience, ExportOptions, compose};
//!
//! // A small valid toolkit: one driver, one story, a public and a protected meeting.
//! let toolkit = maptoolkit_core::testing::toolkit();
//! let mut options = ExportOptions::as_of("2017-12-01".parse().unwrap());
//!
//! let public = compose(&toolkit, &options);
//! let paths: Vec<&str> = public.documents.iter().map(|d| d.path.as_str()).collect();
//! assert_eq!(paths, ["briefing", "meetings/meeting-2017-02-08"]);
//! assert_eq!(public.documents[0].document.meta.title, "MAP Toolkit: executive briefing");
//!
//! options.audience = Audience::Members;
//! let members = compose(&toolkit, &options);
//! assert_eq!(members.documents.len(), 3, "the protected meeting's pack too");
//! ```
#![warn(missing_docs)]

mod artifact;
mod base_url;
mod columns;
mod compose;
mod executive;
mod export;
mod house_style;
mod meeting_pack;
mod model;
mod options;
pub mod registers;
mod site;
mod site_pages;
mod status;
mod text;
mod timestamp;

pub use artifact::{Artifact, ArtifactPath, safe_file_name};
pub use base_url::{BaseUrl, BaseUrlError};
pub use columns::column_widths;
pub use compose::{
    compose, compose_briefing, compose_documents, compose_registers, compose_site, for_audience,
    visible_to,
};
pub use export::{
    ArtifactSink, ArtifactWriter, Bundle, ExportError, Exporter, MemorySink, NamedDocument, Parts,
    Registry, render_each_document, render_each_document_to,
};
pub use house_style::{HouseStyle, Rgb};
pub use model::{
    Bar, Block, Chart, ColumnKind, Contents, Document, Heading, Inline, KeyValue, List, ListItem,
    Metadata, OutlineEntry, Register, Table, inline_text,
};
pub use options::{Audience, ExportOptions, MEMBERS_MARKING, RecordKinds};
pub use site::{FeedEntry, NavLink, Site, SitePage, page_target};
pub use status::{REVIEW_STATUS_KEY, ReviewRag, STATUS_COLUMN};
pub use timestamp::{CivilTime, Timestamp};
