//! Cells that cannot start a spreadsheet formula (CSV injection, after OWASP's advice).

use std::borrow::Cow;

/// A cell's text made safe to open in a spreadsheet.
///
/// A cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return could be run as a
/// formula by Excel, LibreOffice or Google Sheets; such a cell gets a leading `'`, which
/// spreadsheets show as text. Other cells are unchanged. (A cell that already begins with `'` is
/// left alone; leading spaces are kept, so ` =1` is also prefixed.)
///
/// ```
/// use maptoolkit_csv::safe_cell;
/// assert_eq!(safe_cell("=1+1"), "'=1+1");
/// assert_eq!(safe_cell("-2"), "'-2");
/// assert_eq!(safe_cell("Five Year Forward View"), "Five Year Forward View");
/// ```
pub fn safe_cell(text: &str) -> Cow<'_, str> {
    let first = text.trim_start_matches(' ').chars().next();
    match first {
        Some(
            '=' | '+' | '-' | '@' | '\t' | '\r' | '\u{FF1D}' | '\u{FF0B}' | '\u{FF0D}' | '\u{FF20}',
        ) => Cow::Owned(format!("'{text}")),
        _ => Cow::Borrowed(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(input: &str, expected: &str) {
        assert_eq!(safe_cell(input), expected);
    }

    #[test]
    fn each_dangerous_first_character_is_neutralised() {
        check("=SUM(A1:A9)", "'=SUM(A1:A9)");
        check("+44-203-478-5289", "'+44-203-478-5289");
        check("-Evaluation", "'-Evaluation");
        check("@map_toolkit", "'@map_toolkit");
        check("\t=1", "'\t=1");
        check("\r=1", "'\r=1");
        check("  =1", "'  =1");
        check("＝1", "'＝1");
    }

    #[test]
    fn ordinary_cells_are_unchanged() {
        check("", "");
        check("Carter Review – £5 billion", "Carter Review – £5 billion");
        check("2017-02", "2017-02");
        check("'quoted", "'quoted");
        check("a=b", "a=b");
    }
}
