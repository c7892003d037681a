//! One register cell as a typed spreadsheet value, read from its text by its column's kind.
//!
//! Every kind falls back to text when the cell does not read as that kind, so nothing is lost.

use std::borrow::Cow;

use maptoolkit_briefing::{ColumnKind, ReviewRag};
use rust_xlsxwriter::{ExcelDateTime, Url};

pub(crate) use maptoolkit_briefing::ReviewRag as Rag;

/// Excel's limit on the characters in a cell, counted in UTF-16 code units.
pub const MAX_CELL_CHARS: usize = 32_767;

/// Excel's limit on a hyperlink's length, in UTF-16 code units.
const MAX_URL_CHARS: usize = 2_079;

/// What a truncated cell ends with.
pub const TRUNCATED: &str = "… [cut: Excel holds 32,767 characters in a cell; the CSV has it all]";

/// How much of a date was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Precision {
    Year,
    Month,
    Day,
}

/// A typed cell.
pub(crate) enum Cell<'a> {
    Empty,
    Text(Cow<'a, str>),
    Number(f64),
    /// The first day of what was written, shown to its precision.
    Date(ExcelDateTime, Precision),
    Link(Url),
    Status(&'a str, Rag),
}

/// The cell for `text` in a column of `kind`.
pub(crate) fn cell(kind: ColumnKind, text: &str) -> Cell<'_> {
    if text.is_empty() {
        return Cell::Empty;
    }
    let typed = match kind {
        ColumnKind::Text => None,
        ColumnKind::Date => date(text).map(|(d, p)| Cell::Date(d, p)),
        ColumnKind::Link => {
            (text.encode_utf16().count() <= MAX_URL_CHARS).then(|| Cell::Link(Url::new(text)))
        }
        ColumnKind::Number => text.parse::<u32>().ok().map(|n| Cell::Number(f64::from(n))),
        ColumnKind::ReviewStatus => ReviewRag::of(text).map(|rag| Cell::Status(text, rag)),
    };
    typed.unwrap_or_else(|| Cell::Text(fit(text)))
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` as the first day it names, within Excel's years.
fn date(text: &str) -> Option<(ExcelDateTime, Precision)> {
    let mut parts = text.split('-');
    let number = |s: &str, len: usize| {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse::<u16>().ok())?
    };
    let year = number(parts.next()?, 4).filter(|y| (1900..=9999).contains(y))?;
    let (month, day, precision) = match (parts.next(), parts.next(), parts.next()) {
        (None, None, None) => (1, 1, Precision::Year),
        (Some(m), None, None) => (number(m, 2)?, 1, Precision::Month),
        (Some(m), Some(d), None) => (number(m, 2)?, number(d, 2)?, Precision::Day),
        _ => return None,
    };
    let date =
        ExcelDateTime::from_ymd(year, u8::try_from(month).ok()?, u8::try_from(day).ok()?).ok()?;
    Some((date, precision))
}

/// The months as the date formats (`mmm`) show them.
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// What Excel shows for the date `text` (which [`cell`] read as a date of `precision`) in its
/// format: "2018", "Feb 2018", "11 Jan 2018".
pub(crate) fn date_shown(text: &str, precision: Precision) -> String {
    let year = text.get(..4).unwrap_or(text);
    let month = text
        .get(5..7)
        .and_then(|m| m.parse::<usize>().ok())
        .and_then(|m| MONTHS.get(m.wrapping_sub(1)))
        .copied()
        .unwrap_or_default();
    let day = text.get(8..10).map_or("", |d| d.trim_start_matches('0'));
    match precision {
        Precision::Year => year.to_string(),
        Precision::Month => format!("{month} {year}"),
        Precision::Day => format!("{day} {month} {year}"),
    }
}

/// The text as a cell can hold it: cut to Excel's limit, with a note saying so.
pub(crate) fn fit(text: &str) -> Cow<'_, str> {
    if text.len() <= MAX_CELL_CHARS || text.encode_utf16().count() <= MAX_CELL_CHARS {
        return Cow::Borrowed(text);
    }
    let room = MAX_CELL_CHARS - TRUNCATED.encode_utf16().count();
    let mut units = 0;
    let end = text
        .char_indices()
        .find(|(_, c)| {
            units += c.len_utf16();
            units > room
        })
        .map_or(text.len(), |(i, _)| i);
    Cow::Owned(format!("{}{TRUNCATED}", &text[..end]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(kind: ColumnKind, text: &str, expected: &str) {
        let got = match cell(kind, text) {
            Cell::Empty => "empty".to_string(),
            Cell::Text(t) => format!("text {t}"),
            Cell::Number(n) => format!("number {n}"),
            Cell::Date(d, p) => format!("date {} {p:?}", d.to_excel()),
            Cell::Link(_) => "link".to_string(),
            Cell::Status(w, r) => format!("status {w} {r:?}"),
        };
        assert_eq!(got, expected, "{kind:?} {text:?}");
    }

    #[test]
    fn cells_are_typed_by_their_column() {
        check(ColumnKind::Date, "", "empty");
        check(ColumnKind::Date, "2018", "date 43101 Year");
        check(ColumnKind::Date, "2018-02", "date 43132 Month");
        check(ColumnKind::Date, "2018-01-11", "date 43111 Day");
        check(ColumnKind::Date, "2018-02-30", "text 2018-02-30");
        check(ColumnKind::Date, "1066", "text 1066");
        check(ColumnKind::Date, "2018-2", "text 2018-2");
        check(ColumnKind::Number, "3", "number 3");
        check(ColumnKind::Number, "-3", "text -3");
        check(
            ColumnKind::ReviewStatus,
            "due_soon",
            "status due_soon Amber",
        );
        check(ColumnKind::ReviewStatus, "unknown", "text unknown");
        check(ColumnKind::Link, "https://www.hee.nhs.uk/", "link");
        check(
            ColumnKind::Link,
            &format!("https://e.org/{}", "a".repeat(2100)),
            &format!("text https://e.org/{}", "a".repeat(2100)),
        );
        check(ColumnKind::Text, "=1+1", "text =1+1");
    }

    #[test]
    fn dates_are_shown_to_their_precision() {
        let shown = |text| match cell(ColumnKind::Date, text) {
            Cell::Date(_, p) => date_shown(text, p),
            _ => panic!("{text} is not a date"),
        };
        assert_eq!(shown("2018"), "2018");
        assert_eq!(shown("2018-02"), "Feb 2018");
        assert_eq!(shown("2018-01-01"), "1 Jan 2018");
        assert_eq!(shown("2018-12-31"), "31 Dec 2018");
    }

    #[test]
    fn long_text_is_cut_to_excels_limit_in_utf16_units() {
        let short = "é".repeat(MAX_CELL_CHARS);
        assert_eq!(fit(&short), short);
        let long = "😀".repeat(MAX_CELL_CHARS);
        let cut = fit(&long);
        assert!(cut.ends_with(TRUNCATED));
        assert!(cut.encode_utf16().count() <= MAX_CELL_CHARS);
        assert!(cut.encode_utf16().count() > MAX_CELL_CHARS - 2);
    }
}
