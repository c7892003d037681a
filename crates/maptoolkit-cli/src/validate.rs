//! `maptoolkit validate`: report every problem in a toolkit folder.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use maptoolkit::core::Date;

use crate::Ui;
use crate::export::usage;

/// The options of `validate`.
#[derive(Debug, Clone, clap::Args)]
pub struct ValidateArgs {
    /// The toolkit folder [default: the current folder, when it holds toolkit.toml]
    pub dir: Option<PathBuf>,
    /// Judge review dates as of this day [default: SOURCE_DATE_EPOCH, else today]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub as_of: Option<Date>,
}

/// Runs `validate`: every error and warning, then a line of counts. Exit 1 on errors.
pub fn run(args: &ValidateArgs, ui: &Ui) -> ExitCode {
    let dir = match find_toolkit(args.dir.as_deref()) {
        Ok(dir) => dir,
        Err(message) => return usage(ui, &message),
    };
    let as_of = match maptoolkit::as_of(args.as_of) {
        Ok(date) => date,
        Err(e) => return usage(ui, &e.to_string()),
    };
    match maptoolkit::core::load(&dir, Some(as_of)) {
        Ok(validated) => {
            let (t, report) = validated.into_parts();
            ui.report(&dir, &report, usize::MAX);
            ui.say(&format!(
                "{}: valid (drivers: {}{}, stories: {}, ideas: {}, meetings: {}, briefings: {}, warnings: {})",
                dir.display(),
                t.drivers().len(),
                match t.drafts().len() {
                    0 => String::new(),
                    n => format!(" and {n} draft{}", if n == 1 { "" } else { "s" }),
                },
                t.stories().len(),
                t.ideas().len(),
                t.meetings().len(),
                t.briefings().len(),
                report.diagnostics.len()
            ));
            ExitCode::SUCCESS
        }
        Err(report) => {
            ui.report(&dir, &report, usize::MAX);
            ui.error(&format!("{}: {report}", dir.display()), None);
            ExitCode::from(1)
        }
    }
}

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

/// Parses a `YYYY-MM-DD` flag for clap.
pub fn parse_date(s: &str) -> Result<Date, String> {
    s.parse::<Date>().map_err(|e| e.to_string())
}
