//! What an exporter produces: files with safe relative paths.
//!
//! A path is built from parts that come from user data (a meeting's slug, say), so the type itself
//! guarantees that it cannot leave the output folder, whatever the data says.

use std::fmt;

/// A file an exporter produced: where it goes below the output folder, and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Artifact {
    /// Where to write it, relative to the output folder.
    pub path: ArtifactPath,
    /// The file's content.
    pub bytes: Vec<u8>,
}

/// A relative path of one or more safe components, e.g. `meetings/meeting-2017-02-08.docx`.
///
/// Each component is made only of ASCII letters, digits, `-`, `_` and `.`, does not start with `.`,
/// is at most 120 bytes long and is not a name Windows reserves (`CON`, `NUL`, `COM1`…). So an
/// `ArtifactPath` joined onto a folder always stays inside it, on every platform.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ArtifactPath(String);

impl ArtifactPath {
    /// A path from components, each turned into a safe file name with [`safe_file_name`].
    ///
    /// ```
    /// use maptoolkit_briefing::ArtifactPath;
    /// let p = ArtifactPath::new(&["meetings", "../../etc/passwd.docx"]);
    /// assert_eq!(p.as_str(), "meetings/etc-passwd.docx");
    /// ```
    pub fn new(components: &[&str]) -> ArtifactPath {
        let parts: Vec<String> = components.iter().map(|c| safe_file_name(c)).collect();
        ArtifactPath(parts.join("/"))
    }

    /// The path with `/` between components.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The components, for joining onto a folder.
    pub fn components(&self) -> impl Iterator<Item = &str> {
        self.0.split('/')
    }

    /// The path as a relative [`PathBuf`](std::path::PathBuf), with the platform's separator.
    ///
    /// Joined onto a folder, it always stays inside it.
    ///
    /// ```
    /// use maptoolkit_briefing::ArtifactPath;
    /// let p = ArtifactPath::new(&["meetings", "Team meeting"]).with_extension("pdf");
    /// assert_eq!(p.to_path(), std::path::Path::new("meetings").join("team-meeting.pdf"));
    /// ```
    pub fn to_path(&self) -> std::path::PathBuf {
        self.components().collect()
    }

    /// The same path with another extension after its last `.` (or with one added).
    pub fn with_extension(&self, ext: &str) -> ArtifactPath {
        let (dir, file) = match self.0.rsplit_once('/') {
            Some((dir, file)) => (Some(dir), file),
            None => (None, self.0.as_str()),
        };
        let stem = file.rsplit_once('.').map_or(file, |(stem, _)| stem);
        let file = safe_file_name(&format!("{stem}.{ext}"));
        match dir {
            Some(dir) => ArtifactPath(format!("{dir}/{file}")),
            None => ArtifactPath(file),
        }
    }
}

impl fmt::Display for ArtifactPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

const MAX_NAME_BYTES: usize = 120;

/// Turns any text into a file name that is safe on Windows, macOS and Linux.
///
/// Letters are lower-cased, accented Latin letters lose their accents, and every other run of
/// characters becomes one `-`. Leading dots and dashes go, so `..` can never result; Windows device
/// names get a `_` prefix; an empty result becomes `untitled`.
///
/// ```
/// use maptoolkit_briefing::safe_file_name;
/// assert_eq!(safe_file_name("Developing People – Improving Care"), "developing-people-improving-care");
/// assert_eq!(safe_file_name("CON"), "_con");
/// assert_eq!(safe_file_name(".."), "untitled");
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

fn is_windows_device(stem: &str) -> bool {
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
    fn paths_join_safe_components() {
        let p = ArtifactPath::new(&["meetings", "..", "x.pdf"]);
        assert_eq!(p.as_str(), "meetings/untitled/x.pdf");
        assert_eq!(
            p.with_extension("docx").as_str(),
            "meetings/untitled/x.docx"
        );
        assert_eq!(
            ArtifactPath::new(&["briefing"])
                .with_extension("pdf")
                .as_str(),
            "briefing.pdf"
        );
    }
}
