//! Values of the commands' arguments that more than one command reads: the toolkit folder, an
//! as-of date and a base URL.

use std::path::{Path, PathBuf};

use maptoolkit::briefing::BaseUrl;
use maptoolkit::core::Date;

/// The toolkit folder to use: `dir` when given, else the current folder when it holds
/// `toolkit.toml`.
///
/// # Errors
/// A message for the user when there is no such folder.
pub fn find_toolkit(dir: Option<&Path>) -> Result<PathBuf, String> {
    match dir {
        Some(dir) if dir.is_dir() => Ok(dir.to_path_buf()),
        Some(dir) => Err(format!(
            "{}: is not a folder (give the folder that holds toolkit.toml)",
            dir.display()
        )),
        None if Path::new("toolkit.toml").is_file() => Ok(PathBuf::from(".")),
        None => Err(
            "there is no toolkit.toml in the current folder (give the toolkit folder, or make \
             one with `maptoolkit new DIR`)"
                .to_string(),
        ),
    }
}

/// Parses an as-of date flag (`YYYY-MM-DD`, in the years 1980 to 9999) for clap.
///
/// # Errors
/// A message saying what is wrong.
pub fn parse_date(s: &str) -> Result<Date, String> {
    maptoolkit::parse_as_of(s).map_err(|e| e.to_string())
}

/// Checks `--base-url` (see [`BaseUrl::parse`] for the rules).
///
/// # Errors
/// A message saying what is wrong.
pub fn parse_base_url(url: &str) -> Result<BaseUrl, String> {
    BaseUrl::parse(url).map_err(|e| e.to_string())
}
