//! Column widths fitted to what each column shows, measured while its rows are written.
//!
//! rust_xlsxwriter's `autofit` measures a sheet at save time and so needs every cell held in
//! memory; a streamed sheet has written its rows by then. [`Widths`] applies the same rule as
//! each cell is written: the crate's pixel widths of Excel's characters
//! ([`cell_autofit_width`]), the widest line of a cell, 16 pixels more for a header cell's
//! filter button, and at most [`MAX_COLUMN_PIXELS`].

use rust_xlsxwriter::utility::cell_autofit_width;

/// The widest a fitted column gets, in pixels (about 60 characters): long text stays readable in
/// the cell and the formula bar.
pub(crate) const MAX_COLUMN_PIXELS: u32 = 420;

/// The room a header cell's filter button takes, in pixels.
const FILTER_BUTTON_PIXELS: u32 = 16;

/// The widest cell of each column so far, in pixels.
pub(crate) struct Widths(Vec<u32>);

impl Widths {
    /// No cell measured yet in `columns` columns.
    pub(crate) fn new(columns: usize) -> Widths {
        Widths(vec![0; columns])
    }

    /// A header cell of column `col`, with its filter button.
    pub(crate) fn header(&mut self, col: usize, text: &str) {
        self.fit(col, text, FILTER_BUTTON_PIXELS);
    }

    /// A cell of column `col` showing `text`.
    pub(crate) fn cell(&mut self, col: usize, text: &str) {
        self.fit(col, text, 0);
    }

    fn fit(&mut self, col: usize, text: &str, extra: u32) {
        let Some(widest) = self.0.get_mut(col) else {
            return;
        };
        if *widest >= MAX_COLUMN_PIXELS {
            return;
        }
        let width = text
            .lines()
            .filter(|line| !line.is_empty())
            .map(|line| cell_autofit_width(line) + extra)
            .max()
            .unwrap_or(0);
        *widest = (*widest).max(width.min(MAX_COLUMN_PIXELS));
    }

    /// Each column with something in it and its width in pixels; the others keep Excel's
    /// default width.
    pub(crate) fn pixels(&self) -> impl Iterator<Item = (usize, u32)> + '_ {
        self.0.iter().copied().enumerate().filter(|&(_, w)| w > 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_fit_their_widest_line_within_the_cap() {
        let mut widths = Widths::new(4);
        widths.header(0, "title");
        widths.cell(0, "Ab");
        widths.cell(1, "Ab\nAbcdef");
        widths.cell(2, &"w".repeat(10_000));
        widths.cell(3, "");
        let got: Vec<_> = widths.pixels().collect();
        // "title": t 5, i 4, t 5, l 4, e 8 = 26, +7 padding, +16 filter button.
        // "Abcdef": A 9, b 8, c 6, d 8, e 8, f 5 = 44, +7 padding.
        assert_eq!(got, [(0, 49), (1, 51), (2, MAX_COLUMN_PIXELS)]);
    }
}
