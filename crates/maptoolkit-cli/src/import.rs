//! `maptoolkit import FILE... --out DIR`: saved MAP Toolkit posts, or a WordPress export of the
//! site, to a toolkit folder.
//!
//! Each file is imported on its own, so every message names its file and line; a file whose
//! first element is `<rss` is read as a WordPress export (WXR), any other as posts saved as
//! text. The records are then put together (members joined by initials), checked together and
//! written at once, under the folder's lock ([`maptoolkit::ImportFolder`]: never a link or an
//! export's folder); `--force` keeps the folder's own `toolkit.toml`, adding the members and
//! themes it lacks.

use std::path::PathBuf;
use std::process::ExitCode;

use maptoolkit::core::ToolkitSource;
use maptoolkit::import::{
    ImportOptions, WriteError, import, import_wxr, is_wxr, report_line, with_existing_info,
    write_toolkit,
};

use crate::Ui;

/// Posts files larger than this are refused: the loader's limit for one record is far below.
const MAX_POSTS_BYTES: u64 = 64 << 20;

/// The options of `import`.
#[derive(Debug, Clone, clap::Args)]
pub struct ImportArgs {
    /// Text files of posts, as saved from the toolkit's web pages, or WordPress export files
    /// (Tools → Export, XML)
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// The toolkit folder to write
    #[arg(long, short)]
    pub out: PathBuf,
    /// Replace record files already in the folder (its toolkit.toml is kept, gaining the
    /// members and themes it lacks)
    #[arg(long)]
    pub force: bool,
    /// The toolkit's name, for toolkit.toml
    #[arg(long, default_value = "MAP Toolkit")]
    pub name: String,
    /// Who keeps the toolkit, for toolkit.toml
    #[arg(long, default_value = "Imported from MAP Toolkit posts")]
    pub organisation: String,
    /// A toolkit.toml whose themes to use: WordPress categories of the same name become the
    /// drivers' themes
    #[arg(long, value_name = "TOOLKIT_TOML")]
    pub themes_from: Option<PathBuf>,
}

/// Runs `import`. Exit 0 when every post was imported (drafts included) or skipped, 1 when some
/// could not be (the rest are written), or when nothing could be written.
pub fn run(args: &ImportArgs, ui: &Ui) -> ExitCode {
    let themes = match &args.themes_from {
        None => Vec::new(),
        Some(path) => match read_themes(path) {
            Ok(themes) => themes,
            Err(message) => {
                ui.error(&format!("{}: {message}", path.display()), None);
                return ExitCode::from(1);
            }
        },
    };
    let options = ImportOptions {
        name: args.name.clone(),
        organisation: args.organisation.clone(),
        themes,
    };
    // Held until the folder is written: a second import (or an export) of it fails at once.
    let folder = match maptoolkit::ImportFolder::open(&args.out) {
        Ok(folder) => folder,
        Err(e) => {
            ui.error(&e.to_string(), e.hint().as_deref());
            return ExitCode::from(1);
        }
    };
    let mut merged: Option<ToolkitSource> = None;
    let mut errors = 0;
    for file in &args.files {
        let text = match maptoolkit::core::read_text_file(file, MAX_POSTS_BYTES) {
            Ok(text) => text,
            Err(e) => {
                ui.error(&format!("{}: {e}", file.display()), None);
                return ExitCode::from(1);
            }
        };
        let imported = if is_wxr(&text) {
            match import_wxr(&text, &options) {
                Ok(imported) => imported,
                Err(e) => {
                    ui.error(&format!("{}: {e}", file.display()), None);
                    return ExitCode::from(1);
                }
            }
        } else {
            import(&text, &options)
        };
        // The report names every post; quiet keeps only the posts that could not be imported.
        if ui.quiet {
            for e in &imported.report.errors {
                eprintln!(
                    "{}: {}",
                    file.display(),
                    report_line(&format!("error: {e}"))
                );
            }
        } else {
            for line in imported.report.to_string().lines() {
                eprintln!("{}: {line}", file.display());
            }
        }
        errors += imported.report.errors.len();
        let drafts = imported.report.drafts();
        let s = imported.source;
        ui.say(&format!(
            "{}: {} drivers ({drafts} drafts), {} stories, {} meetings, {} skipped, {} refused",
            file.display(),
            s.drivers.len(),
            s.stories.len(),
            s.meetings.len(),
            imported.report.skipped.len(),
            imported.report.errors.len()
        ));
        merged = Some(match merged {
            None => s,
            Some(all) => merge(all, s),
        });
    }
    let mut source = merged.unwrap_or_default();
    if args.force {
        // The folder's own toolkit.toml is kept, gaining the members and themes it lacks.
        source = match with_existing_info(folder.target(), source) {
            Ok(source) => source,
            Err(e) => {
                ui.error(
                    &e.to_string(),
                    Some("fix it, or import into another folder"),
                );
                return ExitCode::from(1);
            }
        };
    }
    if let Err(report) = source.clone().validate(None) {
        // Posts in different files can clash (the same driver twice, say).
        for d in &report.diagnostics {
            eprintln!("{d}");
        }
        ui.error(
            "the imported posts do not make a valid toolkit together: nothing was written",
            None,
        );
        return ExitCode::from(1);
    }
    match write_toolkit(folder.target(), &source, args.force) {
        Ok(written) => {
            ui.say(&format!(
                "wrote {} files to {}",
                written.len(),
                args.out.display()
            ));
            if errors == 0 {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        Err(WriteError::Exists { files }) => {
            ui.error(
                &format!(
                    "{}: already holds files this import would replace",
                    args.out.display()
                ),
                Some("give --force to replace them"),
            );
            for f in files {
                eprintln!("  {}", f.display());
            }
            ExitCode::from(1)
        }
        Err(e) => {
            ui.error(&format!("{}: {e}", args.out.display()), None);
            ExitCode::from(1)
        }
    }
}

/// The themes of a `toolkit.toml`.
fn read_themes(path: &std::path::Path) -> Result<Vec<maptoolkit::core::Theme>, String> {
    let text = maptoolkit::core::read_text_file(path, maptoolkit::core::MAX_FILE_BYTES)
        .map_err(|e| e.to_string())?;
    let info: maptoolkit::core::ToolkitInfo =
        maptoolkit::core::parse_record(&text).map_err(|problems| {
            problems
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; ")
        })?;
    Ok(info.themes)
}

/// The records of two files together; members are joined by initials.
fn merge(mut all: ToolkitSource, more: ToolkitSource) -> ToolkitSource {
    for member in more.info.members {
        if !all
            .info
            .members
            .iter()
            .any(|m| m.initials == member.initials)
        {
            all.info.members.push(member);
        }
    }
    all.drivers.extend(more.drivers);
    all.stories.extend(more.stories);
    all.ideas.extend(more.ideas);
    all.meetings.extend(more.meetings);
    all.briefings.extend(more.briefings);
    all
}
