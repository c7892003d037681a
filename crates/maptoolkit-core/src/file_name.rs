//! Output file names: any text folded into a name that is safe on Windows, macOS and Linux.
//!
//! The rule lives here, in the core crate, so that validation can refuse two records whose
//! files would get the same name, and the briefing crate's output paths use the very same fold.

/// The longest file name made, in bytes.
const MAX_NAME_BYTES: usize = 120;

/// Turns any text into a file name that is safe on Windows, macOS and Linux.
///
/// Letters are lower-cased, accented Latin letters lose their accents, and every other run of
/// characters becomes one `-`. Leading dots and dashes go, so `..` can never result; Windows device
/// names get a `_` prefix; an empty result becomes `untitled`.
///
/// Output files named from data (a meeting pack from its slug) are named with this, so two
/// records whose names fold to the same file would overwrite each other; validation refuses them
/// ([`crate::ToolkitSource::validate`]).
///
/// ```
/// use maptoolkit_core::safe_file_name;
/// assert_eq!(safe_file_name("Developing People – Improving Care"), "developing-people-improving-care");
/// assert_eq!(safe_file_name("CON"), "_con");
/// assert_eq!(safe_file_name(".."), "untitled");
/// assert_eq!(safe_file_name("team--meeting"), safe_file_name("Team-Meeting-"));
/// ```
pub fn safe_file_name(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let c = fold_accent(c).to_ascii_lowercase();
        if c.is_ascii_alphanumeric() || c == '.' || c == '_' {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let mut name = out
        .trim_start_matches(['.', '-'])
        .trim_end_matches('-')
        .to_string();
    while name.len() > MAX_NAME_BYTES {
        name.pop();
    }
    let name = name.trim_end_matches(['-', '.']).to_string();
    if name.is_empty() {
        return "untitled".to_string();
    }
    let stem = name.split('.').next().unwrap_or_default();
    if is_windows_device(stem) {
        return format!("_{name}");
    }
    name
}

/// Whether a lower-case file stem is a device name Windows reserves (`con`, `nul`, `com1`…).
pub(crate) fn is_windows_device(stem: &str) -> bool {
    matches!(stem, "con" | "prn" | "aux" | "nul")
        || ((stem.starts_with("com") || stem.starts_with("lpt"))
            && stem.len() == 4
            && stem.as_bytes()[3].is_ascii_digit())
}

fn fold_accent(c: char) -> char {
    match c {
        'à'..='å' | 'À'..='Å' => 'a',
        'ç' | 'Ç' => 'c',
        'è'..='ë' | 'È'..='Ë' => 'e',
        'ì'..='ï' | 'Ì'..='Ï' => 'i',
        'ñ' | 'Ñ' => 'n',
        'ò'..='ö' | 'Ò'..='Ö' | 'ø' | 'Ø' => 'o',
        'ù'..='ü' | 'Ù'..='Ü' => 'u',
        'ý' | 'ÿ' | 'ŷ' | 'Ý' | 'Ŷ' => 'y',
        'ŵ' | 'Ŵ' => 'w',
        'ł' | 'Ł' => 'l',
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(input: &str, expected: &str) {
        assert_eq!(safe_file_name(input), expected);
    }

    #[test]
    fn names_never_escape_or_hit_reserved_names() {
        check("../../etc/passwd", "etc-passwd");
        check("..", "untitled");
        check("", "untitled");
        check("...", "untitled");
        check("CON", "_con");
        check("com1.docx", "_com1.docx");
        check("console", "console");
        check("a/b\\c:d", "a-b-c-d");
        check("Ŵyl Dewi – 2017", "wyl-dewi-2017");
        check("meeting-2017-02-08", "meeting-2017-02-08");
    }

    #[test]
    fn long_names_are_cut() {
        let name = safe_file_name(&"x".repeat(300));
        assert_eq!(name.len(), MAX_NAME_BYTES);
    }

    #[test]
    fn names_that_fold_together() {
        check("team--meeting", "team-meeting");
        check("x-", "x");
        check("X_1", "x_1");
        check("Café", "cafe");
    }
}
