//! The formats this crate links, in one [`Registry`] that programs extend with their own.

use maptoolkit_briefing::Registry;

/// A registry of every format maptoolkit ships, in the order they run: Word (`docx`), PDF
/// (`pdf`), CSV registers (`csv`), the registers as an Excel workbook (`xlsx`) and the toolkit
/// as a website (`html`).
///
/// Add a format of your own with [`Registry::register`]:
///
/// ```
/// let formats = maptoolkit::formats();
/// assert_eq!(formats.names(), ["docx", "pdf", "csv", "xlsx", "html"]);
/// ```
pub fn formats() -> Registry {
    formats_with(&FormatOptions::default())
}

/// Settings of the shipped formats that are not part of the document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FormatOptions {
    /// Start CSV files with a UTF-8 byte-order mark, which Excel needs to read UTF-8.
    pub csv_bom: bool,
}

/// [`formats`] with these settings.
pub fn formats_with(options: &FormatOptions) -> Registry {
    let mut registry = Registry::new();
    let exporters: Vec<Box<dyn maptoolkit_briefing::Exporter>> = vec![
        Box::new(maptoolkit_docx::DocxExporter::default()),
        Box::new(maptoolkit_pdf::PdfExporter::default()),
        Box::new(maptoolkit_csv::CsvExporter {
            bom: options.csv_bom,
        }),
        Box::new(maptoolkit_xlsx::XlsxExporter),
        Box::new(maptoolkit_html::HtmlExporter),
    ];
    for exporter in exporters {
        registry
            .register(exporter)
            .expect("the shipped formats have distinct names and extensions");
    }
    registry
}
