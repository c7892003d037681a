//! One register as one worksheet: the bold, frozen header row, typed cells, an autofilter and
//! fitted column widths; a members' register's marking on a first line above the table and in
//! the sheet's printed header and footer.
//!
//! Rows are written top to bottom, so a worksheet in rust_xlsxwriter's constant-memory mode
//! streams each row out as the next begins; the widths are measured on the way
//! ([`crate::width`]).

use maptoolkit_briefing::{ExportError, Register};
use rust_xlsxwriter::{Format, Worksheet};

use crate::cell::{Cell, Rag, cell, date_shown};
use crate::error;
use crate::width::Widths;

/// Excel's limit on a sheet name.
const MAX_SHEET_NAME: usize = 31;

/// The cell formats every sheet shares.
pub(crate) struct Formats {
    header: Format,
    year: Format,
    month: Format,
    day: Format,
    rag: [Format; 4],
}

impl Formats {
    pub(crate) fn new() -> Formats {
        let rag = |r: Rag| {
            let colour = |c: maptoolkit_briefing::Rgb| {
                (u32::from(c.0) << 16) | (u32::from(c.1) << 8) | u32::from(c.2)
            };
            Format::new()
                .set_background_color(colour(r.fill()))
                .set_font_color(colour(r.text()))
        };
        Formats {
            header: Format::new().set_bold(),
            year: Format::new().set_num_format("yyyy"),
            month: Format::new().set_num_format("mmm yyyy"),
            day: Format::new().set_num_format("d mmm yyyy"),
            rag: [Rag::Red, Rag::Amber, Rag::Green, Rag::Grey].map(rag),
        }
    }

    fn rag(&self, rag: Rag) -> &Format {
        &self.rag[match rag {
            Rag::Red => 0,
            Rag::Amber => 1,
            Rag::Green => 2,
            Rag::Grey => 3,
        }]
    }
}

/// The sheet's name: the register's, capitalised ("drivers" → "Drivers").
fn sheet_name(register: &Register) -> String {
    let mut chars = register.name.chars();
    let name: String = match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => "Register".to_string(),
    };
    name.chars().take(MAX_SHEET_NAME).collect()
}

/// Writes `register` into `sheet`.
pub(crate) fn fill(
    sheet: &mut Worksheet,
    register: &Register,
    formats: &Formats,
) -> Result<(), ExportError> {
    let fail = |e: rust_xlsxwriter::XlsxError| error(&register.name, e);
    sheet.set_name(sheet_name(register)).map_err(fail)?;
    let columns = &register.table.columns;
    let mut widths = Widths::new(columns.len());
    if let Some(marking) = &register.marking {
        // Not measured: the marking does not widen the first column.
        sheet
            .write_string_with_format(0, 0, crate::cell::fit(marking).as_ref(), &formats.header)
            .map_err(fail)?;
        let marking = marking.replace('&', "&&");
        sheet.set_header(format!("&L&\"-,Bold\"{marking}"));
        sheet.set_footer(format!(
            "&L&\"-,Bold\"{marking}&R&\"-,Regular\"Page &P of &N"
        ));
    }
    // The header row: below the marking, if there is one.
    let top = u32::from(register.marking.is_some());
    for (c, name) in columns.iter().enumerate() {
        let name = crate::cell::fit(name);
        widths.header(c, &name);
        sheet
            .write_string_with_format(top, col(c)?, name.as_ref(), &formats.header)
            .map_err(fail)?;
    }
    for (r, row) in register.table.rows.iter().enumerate() {
        if row.len() != columns.len() {
            return Err(error(
                &register.name,
                format!(
                    "row {} has {} cells for {} columns",
                    r + 1,
                    row.len(),
                    columns.len()
                ),
            ));
        }
        let r = u32::try_from(r + 1)
            .ok()
            .map(|r| r + top)
            .filter(|&r| r < 1_048_576)
            .ok_or_else(|| error(&register.name, "more rows than a sheet holds (1,048,576)"))?;
        for (index, text) in row.iter().enumerate() {
            let c = col(index)?;
            match cell(register.kind(index), text) {
                Cell::Empty => {}
                Cell::Text(t) => {
                    widths.cell(index, &t);
                    sheet.write_string(r, c, t.as_ref()).map_err(fail)?;
                }
                Cell::Number(n) => {
                    widths.cell(index, &n.to_string());
                    sheet.write_number(r, c, n).map_err(fail)?;
                }
                Cell::Date(date, precision) => {
                    widths.cell(index, &date_shown(text, precision));
                    let format = match precision {
                        crate::cell::Precision::Year => &formats.year,
                        crate::cell::Precision::Month => &formats.month,
                        crate::cell::Precision::Day => &formats.day,
                    };
                    sheet
                        .write_datetime_with_format(r, c, &date, format)
                        .map_err(fail)?;
                }
                Cell::Link(url) => {
                    widths.cell(index, text);
                    sheet.write_url(r, c, url).map_err(fail)?;
                }
                Cell::Status(word, rag) => {
                    widths.cell(index, word);
                    sheet
                        .write_string_with_format(r, c, word, formats.rag(rag))
                        .map_err(fail)?;
                }
            }
        }
    }
    if !columns.is_empty() {
        let last_row = u32::try_from(register.table.rows.len())
            .unwrap_or(u32::MAX)
            .saturating_add(top);
        sheet.set_freeze_panes(top + 1, 0).map_err(fail)?;
        sheet
            .autofilter(top, 0, last_row, col(columns.len() - 1)?)
            .map_err(fail)?;
        for (c, pixels) in widths.pixels() {
            sheet
                .set_column_autofit_width(col(c)?, pixels)
                .map_err(fail)?;
        }
    }
    Ok(())
}

/// A column index, within Excel's 16,384 columns.
fn col(index: usize) -> Result<u16, ExportError> {
    u16::try_from(index)
        .ok()
        .filter(|&c| c < 16_384)
        .ok_or_else(|| error("register", "more columns than a sheet holds (16,384)"))
}
