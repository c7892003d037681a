//! Turning a MAP Toolkit folder into executive briefings: validate, compose, export every
//! format and write the output folder all-or-nothing.
//!
//! This is the pipeline the `maptoolkit` command and `cargo xtask` run, as a library for other
//! programs. The steps are crates of their own, re-exported here: [`core`] reads and validates a
//! toolkit folder, [`briefing`] composes it into format-neutral documents and registers and
//! defines the [`Exporter`](briefing::Exporter) plug-in trait, and the exporters render them.
//! Each exporter crate is re-exported too ([`pdf`], [`docx`], [`csv`], [`xlsx`], [`html`]), so a
//! program renders one document to one format without going through the registry, and writes it
//! with [`write_document`]; [`briefing::compose_briefing`] composes one briefing a program
//! defined ([`core::Briefing::new`]). The importer ([`import`](#features)) is a cargo feature.
//! This crate links the shipped formats ([`formats`]), runs the whole pipeline ([`Export`]) and
//! owns the output folder ([`OutputFolder`]): it is replaced whole, so a reader sees the old set
//! of files or the new one, never a mix, and nothing from an earlier export survives.
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use maptoolkit::{Export, Quiet};
//!
//! let work = tempfile::tempdir()?;
//! let toolkit = work.path().join("toolkit");
//! std::fs::create_dir(&toolkit)?;
//! std::fs::write(
//!     toolkit.join("toolkit.toml"),
//!     "name = \"MAP Toolkit\"\norganisation = \"Our library service\"\n",
//! )?;
//!
//! let export = Export::new(&toolkit, work.path().join("out"), maptoolkit::today());
//! let done = export.run(&maptoolkit::formats(), &Quiet)?;
//! assert!(done.files.iter().any(|f| f.ends_with("briefing.pdf")));
//! # Ok(())
//! # }
//! ```
//!
//! A program adds a format by implementing [`Exporter`](briefing::Exporter) and registering it
//! in the registry it passes to [`Export::run`]; `examples/markdown.rs` does so, and
//! `examples/one_briefing.rs` writes one briefing as PDF and as a text format of its own.
//!
//! # Features
//!
//! - `import` (on by default): `maptoolkit::import`, the WordPress importer, with its XML and
//!   HTML parsers. A program that only exports can turn default features off.
#![warn(missing_docs)]

mod clock;
mod diagnostics;
mod formats;
mod output;
mod pipeline;
mod sink;

pub use maptoolkit_briefing as briefing;
pub use maptoolkit_core as core;
pub use maptoolkit_csv as csv;
pub use maptoolkit_docx as docx;
pub use maptoolkit_html as html;
#[cfg(feature = "import")]
pub use maptoolkit_import as import;
pub use maptoolkit_pdf as pdf;
pub use maptoolkit_xlsx as xlsx;

pub use clock::{
    AsOfError, EARLIEST_EPOCH, EpochError, LATEST_EPOCH, as_of, check_as_of, created, parse_as_of,
    parse_epoch, source_date_epoch, today,
};
pub use diagnostics::render_diagnostic;
pub use formats::{FormatOptions, formats, formats_with};
pub use maptoolkit_core::terminal_safe;
pub use output::{ImportFolder, MARKER, OutputError, OutputFolder};
pub use pipeline::{Error, Export, Exported, located, write_bundle, write_document};
pub use sink::{FolderSink, Progress, Quiet};
