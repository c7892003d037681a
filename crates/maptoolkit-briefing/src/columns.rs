//! Column widths of a data table from its content: the one rule Word and PDF both follow.
//!
//! Each format measures text in its own font; this module decides how wide each column is from
//! those measures, so the two formats give the same table the same shape. A column is never
//! narrower than the longest word it holds, a review-status column fits its longest status on
//! one line, and only when the longest words of all columns cannot fit side by side does a
//! column get less, and then only the columns whose words are longest (a long URL), whose words
//! the formats then break at allowed points with a visible hyphen.

use crate::{ReviewRag, STATUS_COLUMN, Table};

/// The widths of `table`'s columns, in the unit of `measure`, summing to `total`.
///
/// `measure(text, bold)` is the width of `text` on one line; header cells and review statuses
/// are set bold. `padding` is added to each column (cell margins and rules).
///
/// ```
/// use maptoolkit_briefing::{Table, column_widths};
/// let table = Table {
///     caption: String::new(),
///     columns: vec!["Driver".into(), "Status".into()],
///     rows: vec![vec!["A long title of a driver ".repeat(8), "Due soon".into()]],
/// };
/// // Every character one unit wide, bold or not.
/// let widths = column_widths(&table, 100.0, 2.0, |text, _| text.chars().count() as f32);
/// assert_eq!(widths.iter().sum::<f32>(), 100.0);
/// assert!(widths[1] >= 10.0, "\"Due soon\" (8) and padding fit on one line: {widths:?}");
/// ```
pub fn column_widths(
    table: &Table,
    total: f32,
    padding: f32,
    measure: impl Fn(&str, bool) -> f32,
) -> Vec<f32> {
    let columns = table.columns.len().max(1);
    let status = table.columns.iter().position(|c| c == STATUS_COLUMN);
    // Each column's least width (its longest unbreakable piece) and the width it wants (its
    // longest cell on one line).
    let mut least = vec![0.0f32; columns];
    let mut want = vec![0.0f32; columns];
    let mut take = |c: usize, text: &str, bold: bool, whole: bool| {
        let line = measure(text, bold);
        let piece = if whole {
            line
        } else {
            text.split_whitespace()
                .map(|w| measure(w, bold))
                .fold(0.0, f32::max)
        };
        least[c] = least[c].max(piece);
        want[c] = want[c].max(line);
    };
    for (c, text) in table.columns.iter().enumerate().take(columns) {
        take(c, text, true, false);
    }
    for row in &table.rows {
        for (c, text) in row.iter().enumerate().take(columns) {
            let is_status = status == Some(c) && ReviewRag::of(text).is_some();
            take(c, text, is_status, is_status);
        }
    }
    let least: Vec<f32> = least.iter().map(|w| w + padding).collect();
    let want: Vec<f32> = want.iter().map(|w| w + padding).collect();
    share(&least, &want, total)
}

/// Shares `total` between columns that need at least `least` and would like `want`.
///
/// Columns whose longest cell fits in a fair share of what is left get all of it (a date, a
/// status, an owner's name on one line); the rest get their longest word and share what remains
/// in proportion to how much more they want. Only if even their longest words cannot fit side by
/// side do those whose longest word fits in a fair share keep it, smallest first, and the others
/// (a long URL) share the rest in proportion, to be broken at allowed points.
fn share(least: &[f32], want: &[f32], total: f32) -> Vec<f32> {
    let mut widths = vec![0.0f32; least.len()];
    let mut open: Vec<usize> = (0..least.len()).collect();
    let mut remaining = total;
    while let Some(pos) = open
        .iter()
        .position(|&c| want[c] <= remaining / open.len() as f32)
    {
        let c = open.remove(pos);
        widths[c] = want[c];
        remaining -= want[c];
    }
    if open.is_empty() {
        // Every cell fits on one line: the spare width goes in proportion.
        let wanted: f32 = want.iter().sum();
        return want.iter().map(|w| w / wanted * total).collect();
    }
    let need: f32 = open.iter().map(|&c| least[c]).sum();
    if need <= remaining {
        let extra: f32 = open.iter().map(|&c| want[c] - least[c]).sum();
        for &c in &open {
            widths[c] = least[c] + (want[c] - least[c]) / extra * (remaining - need);
        }
        return widths;
    }
    open.sort_by(|&a, &b| least[a].total_cmp(&least[b]));
    while let Some(&c) = open.first() {
        if least[c] > remaining / open.len() as f32 {
            break;
        }
        widths[c] = least[c];
        remaining -= least[c];
        open.remove(0);
    }
    let rest: f32 = open.iter().map(|&c| least[c]).sum();
    for &c in &open {
        widths[c] = least[c] / rest * remaining;
    }
    widths
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Widths of a table whose cells are `rows`, every character one unit wide (bold two).
    fn widths(columns: &[&str], rows: &[&[&str]], total: f32) -> Vec<f32> {
        let table = Table {
            caption: String::new(),
            columns: columns.iter().map(|c| c.to_string()).collect(),
            rows: rows
                .iter()
                .map(|r| r.iter().map(|c| c.to_string()).collect())
                .collect(),
        };
        column_widths(&table, total, 0.0, |text, bold| {
            text.chars().count() as f32 * if bold { 2.0 } else { 1.0 }
        })
    }

    #[test]
    fn short_cells_share_the_spare_width_in_proportion() {
        assert_eq!(widths(&["ab", "abcd"], &[], 60.0), [20.0, 40.0]);
    }

    #[test]
    fn the_longest_status_fits_on_one_line_in_bold() {
        let long = "word ".repeat(40);
        let w = widths(&["Driver", "Status"], &[&[&long, "Due soon"]], 40.0);
        // "Due soon" is 8 characters, 16 wide in bold; the header "Status" 12.
        assert!(w[1] >= 16.0, "{w:?}");
        assert!((w.iter().sum::<f32>() - 40.0).abs() < 1e-3);
    }

    #[test]
    fn a_column_is_never_narrower_than_its_longest_word_while_they_fit() {
        let w = widths(
            &["T", "O", "S"],
            &[&["a very long title indeed", "Organisation", "Current"]],
            40.0,
        );
        assert!(w[1] >= 12.0 && w[2] >= 7.0, "{w:?}");
    }

    #[test]
    fn only_the_columns_with_the_longest_words_give_way() {
        let url = "x".repeat(80);
        let w = widths(&["L", "Status"], &[&[&url, "Overdue"]], 50.0);
        assert!(w[1] >= 14.0, "the status keeps its width: {w:?}");
        assert!((w[0] + w[1] - 50.0).abs() < 1e-3);
    }
}
