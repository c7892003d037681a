//! Reading maptoolkit's files back with independent tools, for every crate's tests.
//!
//! A test never trusts our own writer to say what it wrote: a Word file is read by pandoc and
//! checked by the schema validator openxml-audit, a PDF by poppler and qpdf and the PDF/UA
//! checkers pdfua and outloud, a workbook by
//! openpyxl, and any of them opened by LibreOffice. This crate is the one home of those readers
//! (each module runs one program), so the exporter crates' tests and the end-to-end tests share
//! them. It is a dev-dependency only, and never published.
//!
//! The crate's own integration tests (`e2e/`) run every format end to end, and the README's code
//! examples run as doctests here.
#![doc = include_str!("../../README.md")]
#![warn(missing_docs)]

pub mod folder;
pub mod libreoffice;
pub mod openpyxl;
pub mod openxml_audit;
pub mod package;
pub mod pandoc;
pub mod pdf_ua;
pub mod poppler;
pub mod tool;

pub use folder::tree;
pub use libreoffice::{convert_to_pdf, libreoffice_pdf};
pub use openpyxl::xlsx_dump;
pub use openxml_audit::assert_schema_valid;
pub use package::{all_parts, part, part_names};
pub use pandoc::{pandoc, pandoc_with};
pub use pdf_ua::assert_pdf_ua;
pub use poppler::{assert_qpdf_clean, pdffonts, pdfinfo, pdftotext, pdftotext_file, qpdf};
pub use tool::{TempFile, run};
