//! `maptoolkit export`: validate toolkit folders and write their briefings, meeting packs and
//! registers. `cargo xtask export` runs this same command with the repository's folders.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use maptoolkit::briefing::{Audience, BaseUrl};
use maptoolkit::core::{Date, DriverSelection, PartialDate};
use maptoolkit::{Error, Export, FormatOptions};

use crate::Ui;
use crate::args::{find_toolkit, parse_base_url, parse_date};
use crate::ui::usage;

/// Warnings shown before an export; `validate` shows them all.
const MAX_WARNINGS: usize = 10;

/// The options of `export`.
#[derive(Debug, Clone, clap::Args)]
pub struct ExportArgs {
    /// The toolkit folders [default: the current folder, when it holds toolkit.toml]
    pub dirs: Vec<PathBuf>,
    /// The output folder. It is replaced whole by each export [default: exports]
    #[arg(long, short)]
    pub out: Option<PathBuf>,
    /// Formats to write, comma-separated [default: every format]
    #[arg(long, short, value_delimiter = ',')]
    pub format: Vec<String>,
    /// Who it is for: public (executive teams) or members (the toolkit group); both with
    /// `public,members`
    #[arg(long, short, value_delimiter = ',', default_value = "public",
          value_parser = ["public", "members"])]
    pub audience: Vec<String>,
    /// The date the briefing is as of [default: SOURCE_DATE_EPOCH, else today]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub as_of: Option<Date>,
    /// Start CSV files with a UTF-8 byte-order mark, for Excel
    #[arg(long)]
    pub bom: bool,
    /// Where the website will be published, e.g. https://example.org/map/ (the Atom feed
    /// needs it; without it the site is written without feed.xml)
    #[arg(long, value_name = "URL", value_parser = parse_base_url)]
    pub base_url: Option<BaseUrl>,
    /// Only this driver in the full briefing, by file stem (repeat for several, in the order
    /// given)
    #[arg(long = "driver", value_name = "SLUG")]
    pub drivers: Vec<String>,
    /// Only drivers of this theme in the full briefing, by id (repeat for several)
    #[arg(long = "theme", value_name = "ID")]
    pub themes: Vec<String>,
    /// Only drivers published or updated since this date in the full briefing
    #[arg(long, value_name = "YYYY[-MM[-DD]]", value_parser = parse_partial_date)]
    pub since: Option<PartialDate>,
    /// Include archived drivers in the full briefing
    #[arg(long)]
    pub include_archived: bool,
}

/// Reads `--since`: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
fn parse_partial_date(s: &str) -> Result<PartialDate, String> {
    s.parse()
        .map_err(|e: maptoolkit::core::DateError| e.to_string())
}

/// Runs `export`. Relative paths are relative to the current folder.
pub fn run(args: &ExportArgs, ui: &Ui) -> ExitCode {
    let dirs = if args.dirs.is_empty() {
        match find_toolkit(None) {
            Ok(dir) => vec![dir],
            Err(message) => return usage(ui, &message),
        }
    } else {
        args.dirs.clone()
    };
    let as_of = match maptoolkit::as_of(args.as_of) {
        Ok(date) => date,
        Err(e) => return usage(ui, &e.to_string()),
    };
    let created = match maptoolkit::created(as_of) {
        Ok(t) => t,
        Err(e) => return usage(ui, &e.to_string()),
    };
    let audiences: Vec<Audience> = args
        .audience
        .iter()
        .map(|a| a.parse().expect("clap checked the audience"))
        .collect();
    let export = Export {
        dirs,
        out: args.out.clone().unwrap_or_else(|| PathBuf::from("exports")),
        formats: args.format.clone(),
        audiences,
        as_of,
        created,
        base_url: args.base_url.clone(),
        selection: DriverSelection {
            drivers: args.drivers.clone(),
            themes: args.themes.clone(),
            since: args.since,
            include_archived: args.include_archived,
        },
    };
    let formats = maptoolkit::formats_with(&FormatOptions { csv_bom: args.bom });
    let writes_site = match export.formats.as_slice() {
        [] => formats.iter().any(|e| e.parts().site),
        names => names
            .iter()
            .any(|n| formats.get(n).is_ok_and(|e| e.parts().site)),
    };
    if writes_site && export.base_url.is_none() && !ui.quiet {
        eprintln!(
            "warning: no --base-url, so the website is written without feed.xml (an Atom feed \
             needs absolute links)\n"
        );
    }
    #[allow(
        clippy::disallowed_methods,
        reason = "the summary line says how long the export took; nothing reaches a file"
    )]
    let started = Instant::now();
    // Warnings are shown through the progress as each folder loads, with their lines.
    let progress = ui.progress(MAX_WARNINGS);
    let result = export.run(&formats, &progress);
    drop(progress);
    match result {
        Ok(done) => {
            for file in &done.files {
                ui.detail(&format!("wrote {}", done.out.join(file).display()));
            }
            ui.say(&summary(&done, started.elapsed().as_secs_f64()));
            ExitCode::SUCCESS
        }
        Err(Error::Invalid(reports)) => {
            for (dir, report) in &reports {
                ui.report(dir, report, MAX_WARNINGS);
            }
            ui.error(&Error::Invalid(reports).to_string(), None);
            ExitCode::from(1)
        }
        Err(e @ Error::UnknownFormat(_)) => usage(ui, &e.to_string()),
        Err(e) => {
            ui.error(&e.to_string(), e.hint().as_deref());
            ExitCode::from(1)
        }
    }
}

/// `wrote 9 files (2 documents, 5 registers) to exports in 1.2 s`.
fn summary(done: &maptoolkit::Exported, seconds: f64) -> String {
    let files = done.files.len();
    let documents: usize = done.documents.values().sum();
    let jobs = done.documents.len();
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let per_job = if jobs > 1 {
        format!(", {}", plural(jobs, "job"))
    } else {
        String::new()
    };
    format!(
        "wrote {} ({}{per_job}) to {} in {seconds:.1} s",
        plural(files, "file"),
        plural(documents, "document"),
        done.out.display()
    )
}
