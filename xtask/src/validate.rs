//! `cargo xtask validate [DIR]`: report every problem in a toolkit folder.

use std::path::Path;

use maptoolkit_core::{Date, Diagnostic, Report, Validated};

/// Loads and validates `dir`, printing every error and up to `max_warnings` warnings to standard
/// error.
///
/// Returns the toolkit when there are no errors.
pub fn run(dir: &Path, as_of: Date, max_warnings: usize) -> Option<Validated> {
    report(dir, maptoolkit_core::load(dir, Some(as_of)), max_warnings)
}

/// Prints what loading `dir` gave: every error, or up to `max_warnings` warnings.
///
/// Returns the toolkit when there are no errors.
pub fn report(
    dir: &Path,
    loaded: Result<Validated, Report>,
    max_warnings: usize,
) -> Option<Validated> {
    match loaded {
        Ok(validated) => {
            let shown = validated.warnings.len().min(max_warnings);
            print_all(dir, &validated.warnings[..shown]);
            let hidden = validated.warnings.len() - shown;
            if hidden > 0 {
                eprintln!("… and {hidden} more warnings (`cargo xtask validate` lists them all)");
            }
            Some(validated)
        }
        Err(report) => {
            print_all(dir, &report.diagnostics);
            eprintln!("error: {} ({})", report, dir.display());
            None
        }
    }
}

fn print_all(dir: &Path, diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        let mut d = d.clone();
        if !d.file.starts_with('/') {
            d.file = dir.join(&d.file).display().to_string();
        }
        eprintln!("{d}");
    }
}
