//! Exporting registers to CSV.
//!
//! [`CsvExporter`] writes each [`Register`] of a bundle as `<name>.csv`: UTF-8, a header row of the
//! data contract's field names, every cell quoted where needed and safe to open in a spreadsheet.
//! It renders registers only; narrative documents are for the page formats.
//!
//! ```
//! use maptoolkit_briefing::{Bundle, Exporter, Register, Table, Timestamp};
//! use maptoolkit_csv::CsvExporter;
//!
//! let bundle = Bundle {
//!     registers: vec![Register {
//!         name: "review".into(),
//!         table: Table {
//!             caption: "Review schedule".into(),
//!             columns: vec!["title".into(), "status".into()],
//!             rows: vec![vec!["=HYPERLINK(\"http://evil\")".into(), "overdue".into()]],
//!         },
//!         kinds: vec![],
//!         created: Timestamp::from_unix_seconds(0),
//!         marking: None,
//!     }],
//!     ..Bundle::default()
//! };
//! let artifacts = CsvExporter::default().export(&bundle).unwrap();
//! assert_eq!(artifacts[0].path.as_str(), "review.csv");
//! assert_eq!(
//!     String::from_utf8(artifacts[0].bytes.clone()).unwrap(),
//!     "title,status\n\"'=HYPERLINK(\"\"http://evil\"\")\",overdue\n"
//! );
//! ```
#![warn(missing_docs)]

mod cell;

use maptoolkit_briefing::{
    Artifact, ArtifactPath, ArtifactSink, Bundle, ExportError, Exporter, Parts, Register,
};

pub use cell::safe_cell;

/// The UTF-8 byte-order mark Excel needs to read UTF-8 rather than a legacy code page.
pub const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Writes registers as CSV files.
#[derive(Debug, Clone, Default)]
pub struct CsvExporter {
    /// Start each file with the UTF-8 byte-order mark, for Excel. Off by default.
    pub bom: bool,
}

impl Exporter for CsvExporter {
    fn name(&self) -> &str {
        "csv"
    }

    fn extension(&self) -> &str {
        "csv"
    }

    fn parts(&self) -> Parts {
        Parts::REGISTERS
    }

    fn export(&self, bundle: &Bundle) -> Result<Vec<Artifact>, ExportError> {
        bundle
            .registers
            .iter()
            .map(|register| {
                Ok(Artifact {
                    path: ArtifactPath::new(&[&register.name]).with_extension("csv"),
                    bytes: render(register, self.bom)?,
                })
            })
            .collect()
    }

    fn export_to(&self, bundle: &Bundle, sink: &dyn ArtifactSink) -> Result<(), ExportError> {
        for register in &bundle.registers {
            let path = ArtifactPath::new(&[&register.name]).with_extension("csv");
            let write = |e: std::io::Error| ExportError::write(&path, e);
            let out = sink.create(&path).map_err(write)?;
            render_to(register, self.bom, out)?.flush().map_err(write)?;
        }
        Ok(())
    }
}

/// Renders one register as CSV bytes, every cell made [safe](safe_cell).
///
/// # Errors
/// [`ExportError::Render`] if a row has the wrong number of cells.
pub fn render(register: &Register, bom: bool) -> Result<Vec<u8>, ExportError> {
    render_to(register, bom, Vec::new())
}

/// Writes one register as CSV to `out`, every cell made [safe](safe_cell), and hands `out`
/// back.
///
/// # Errors
/// [`ExportError::Render`] if a row has the wrong number of cells or `out` fails.
pub fn render_to<W: std::io::Write>(
    register: &Register,
    bom: bool,
    mut out: W,
) -> Result<W, ExportError> {
    let error = |message: String| ExportError::render("csv", &register.name, message);
    if bom {
        out.write_all(UTF8_BOM).map_err(|e| error(e.to_string()))?;
    }
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(out);
    writer
        .write_record(
            register
                .table
                .columns
                .iter()
                .map(|c| safe_cell(c).into_owned()),
        )
        .map_err(|e| error(e.to_string()))?;
    for (i, row) in register.table.rows.iter().enumerate() {
        if row.len() != register.table.columns.len() {
            return Err(error(format!(
                "row {} has {} cells for {} columns",
                i + 1,
                row.len(),
                register.table.columns.len()
            )));
        }
        writer
            .write_record(row.iter().map(|c| safe_cell(c).into_owned()))
            .map_err(|e| error(e.to_string()))?;
    }
    writer.into_inner().map_err(|e| error(e.to_string()))
}

#[cfg(test)]
mod tests {
    use maptoolkit_briefing::{MemorySink, Table};

    use super::*;

    #[test]
    fn writing_into_files_gives_what_export_returns() {
        let register = |name: &str, rows: Vec<Vec<String>>| Register {
            name: name.to_string(),
            table: Table {
                caption: name.to_string(),
                columns: vec!["Title".into(), "Review due".into()],
                rows,
            },
            kinds: Vec::new(),
            created: maptoolkit_briefing::Timestamp::from_unix_seconds(0),
            marking: None,
        };
        let bundle = Bundle {
            site: None,
            documents: Vec::new(),
            registers: vec![
                register(
                    "drivers",
                    vec![vec!["Five Year Forward View".into(), "=1+1".into()]],
                ),
                register("review", Vec::new()),
            ],
        };
        let exporter = CsvExporter { bom: true };
        let sink = MemorySink::default();
        exporter.export_to(&bundle, &sink).unwrap();
        let written = sink.into_artifacts();
        assert!(written == exporter.export(&bundle).unwrap());
        assert_eq!(
            String::from_utf8_lossy(&written[0].bytes),
            "\u{feff}Title,Review due\nFive Year Forward View,'=1+1\n"
        );
    }
}
