//! The Word exporter's tests, one binary with a module per topic: the package and its parts,
//! pandoc reading the text back, LibreOffice laying it out, and a snapshot of the body's XML.
//!
//! The readers (pandoc, poppler, LibreOffice, the zip's parts) come from `maptoolkit-tests`.

mod libreoffice;
mod model;
mod package;
mod pandoc;
mod snapshot;
