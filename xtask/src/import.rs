//! `cargo xtask import FILE... --out DIR [--force]`: saved MAP Toolkit posts to a toolkit folder.
//!
//! Each file is imported on its own, so every message names its file and line; the records are
//! then put together (members joined by initials) and written at once.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use maptoolkit_core::ToolkitSource;
use maptoolkit_import::{ImportOptions, WriteError, import, write_toolkit};

/// How an import went.
pub enum Outcome {
    /// Every post was imported or skipped as news.
    Clean,
    /// Some posts could not be imported; the rest were written.
    WithErrors,
    /// Files already in the folder and `--force` not given: nothing was written.
    Refused,
}

/// Imports `files` into `out`.
///
/// # Errors
/// When a file cannot be read or the folder cannot be written.
pub fn run(files: &[PathBuf], out: &Path, options: &ImportOptions, force: bool) -> Result<Outcome> {
    let mut merged: Option<ToolkitSource> = None;
    let mut errors = 0;
    for file in files {
        let bytes = fs::read(file).with_context(|| format!("reading {}", file.display()))?;
        let text = String::from_utf8(bytes).map_err(|e| {
            anyhow::anyhow!(
                "{}: is not valid UTF-8 (at byte {}); save the posts as UTF-8 text",
                file.display(),
                e.utf8_error().valid_up_to()
            )
        })?;
        let imported = import(&text, options);
        for line in imported.report.to_string().lines() {
            eprintln!("{}: {line}", file.display());
        }
        errors += imported.report.errors.len();
        let s = imported.source;
        println!(
            "{}: {} drivers, {} meetings, {} skipped",
            file.display(),
            s.drivers.len(),
            s.meetings.len(),
            imported.report.skipped.len()
        );
        merged = Some(match merged {
            None => s,
            Some(mut all) => {
                for member in s.info.members {
                    if !all
                        .info
                        .members
                        .iter()
                        .any(|m| m.initials == member.initials)
                    {
                        all.info.members.push(member);
                    }
                }
                all.drivers.extend(s.drivers);
                all.stories.extend(s.stories);
                all.ideas.extend(s.ideas);
                all.meetings.extend(s.meetings);
                all
            }
        });
    }
    let source = merged.unwrap_or_default();
    if let Err(report) = source.clone().validate(None) {
        // Posts in different files can clash (the same driver twice, say).
        for d in &report.diagnostics {
            eprintln!("{d}");
        }
        anyhow::bail!(
            "the imported posts do not make a valid toolkit together; nothing was written"
        );
    }
    match write_toolkit(out, &source, force) {
        Ok(written) => {
            println!("wrote {} files to {}", written.len(), out.display());
            Ok(if errors == 0 {
                Outcome::Clean
            } else {
                Outcome::WithErrors
            })
        }
        Err(WriteError::Exists { files }) => {
            eprintln!(
                "error: {} already holds files this import would replace (give --force to replace them):",
                out.display()
            );
            for f in files {
                eprintln!("  {}", f.display());
            }
            Ok(Outcome::Refused)
        }
        Err(e) => Err(e).with_context(|| format!("writing {}", out.display())),
    }
}
