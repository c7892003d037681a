//! `maptoolkit validate`: report every problem in a toolkit folder.

use std::path::PathBuf;
use std::process::ExitCode;

use maptoolkit::core::Date;

use crate::Ui;
use crate::args::{find_toolkit, parse_date};
use crate::ui::usage;

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
            ui.error(&format!("{}: {}", dir.display(), report.summary()), None);
            ExitCode::from(1)
        }
    }
}
