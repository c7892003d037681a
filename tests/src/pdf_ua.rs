//! pdfua and outloud, two independent PDF/UA-1 checkers (both from PyPI).
//!
//! pdfua checks the machine-checkable subset of ISO 14289-1; outloud checks PDF/UA-1 and what a
//! screen reader meets (reading order, tables, running heads). Both are run on every file at
//! once, and a test fails on any error either reports, naming the files and the findings.
//! Warnings do not fail a test: the README says which remain and why.

use std::process::Command;

/// A checker's command: `$VAR` when set, else `name` on the `PATH` (`.ci/run` puts the virtual
/// environment it installs both into first on the `PATH`).
fn command(var: &str, name: &str) -> String {
    std::env::var(var).unwrap_or_else(|_| name.to_string())
}

/// Runs `program args files`, failing the test if it cannot start.
fn run(program: &str, args: &[&str], files: &[std::path::PathBuf]) -> std::process::Output {
    Command::new(program)
        .args(args)
        .args(files)
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "{program} could not run ({e}): install it with `pip install pdfua outloud` or \
                 run .ci/run, which installs both"
            )
        })
}

/// Checks PDF files (name, bytes) with pdfua and outloud and fails naming every error either
/// finds. A missing checker fails too: it is never skipped.
#[track_caller]
pub fn assert_pdf_ua(files: &[(String, Vec<u8>)]) {
    let dir = tempfile::tempdir().unwrap();
    let paths: Vec<_> = files
        .iter()
        .enumerate()
        .map(|(i, (name, bytes))| {
            let safe: String = name
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
                .collect();
            let path = dir.path().join(format!("{i:03}-{safe}.pdf"));
            std::fs::write(&path, bytes).unwrap();
            path
        })
        .collect();
    // pdfua exits 3 when a file has an error, 4 when one cannot be read, 5 on bad usage; 0–2
    // are clean, information and warnings.
    let pdfua = command("PDFUA", "pdfua");
    let out = run(&pdfua, &["check", "--min-severity", "error"], &paths);
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        matches!(out.status.code(), Some(0..=2)),
        "pdfua: errors in {} files:\n{report}\n{}",
        files.len(),
        String::from_utf8_lossy(&out.stderr)
    );
    // outloud exits non-zero when any file has an error.
    let outloud = command("OUTLOUD", "outloud");
    let out = run(&outloud, &["--fail-on", "error", "--no-info"], &paths);
    let report = String::from_utf8_lossy(&out.stdout);
    let errors: Vec<&str> = report
        .lines()
        .filter(|l| l.trim_start().starts_with("ERROR"))
        .collect();
    assert!(
        out.status.success() && errors.is_empty(),
        "outloud: errors in {} files:\n{}\n{report}\n{}",
        files.len(),
        errors.join("\n"),
        String::from_utf8_lossy(&out.stderr)
    );
}
