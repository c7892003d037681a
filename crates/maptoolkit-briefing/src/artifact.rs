//! What an exporter produces: files with safe relative paths.
//!
//! A path is built from parts that come from user data (a meeting's slug, say), so the type itself
//! guarantees that it cannot leave the output folder, whatever the data says.

use std::fmt;

pub use maptoolkit_core::safe_file_name;

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

#[cfg(test)]
mod tests {
    use super::*;

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
