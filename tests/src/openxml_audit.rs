//! openxml-audit, the independent schema validator for Word and Excel files.

use std::process::Command;

/// The openxml-audit command: `$OPENXML_AUDIT` when set (`.ci/run` points it at the virtual
/// environment it installs the validator into), else `openxml-audit` on the `PATH`.
fn command() -> String {
    std::env::var("OPENXML_AUDIT").unwrap_or_else(|_| "openxml-audit".to_string())
}

/// Checks Office files (name with its extension, bytes) against the Microsoft 365 schema with
/// openxml-audit, strict, and fails naming every file with errors and its first errors. A
/// missing validator fails too: it is never skipped.
///
/// All files are checked in one run of the validator (it is a Python program: starting it per
/// file would cost more than the checking).
#[track_caller]
pub fn assert_schema_valid(files: &[(String, Vec<u8>)]) {
    let dir = tempfile::tempdir().unwrap();
    for (i, (name, bytes)) in files.iter().enumerate() {
        let extension = name.rsplit_once('.').map_or("docx", |(_, e)| e);
        let safe: String = name
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        std::fs::write(dir.path().join(format!("{i:03}-{safe}.{extension}")), bytes).unwrap();
    }
    let command = command();
    let out = Command::new(&command)
        .args(["-f", "microsoft365", "--policy", "strict", "-m", "0", "-r"])
        .arg(dir.path())
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "{command} could not run ({e}): install it with `pip install openxml-audit` \
                 or run .ci/run, which installs it and sets OPENXML_AUDIT"
            )
        });
    let report = String::from_utf8_lossy(&out.stdout).into_owned();
    // The report is one block per file (named by a `File: …` line when there are several), each
    // ending in `Errors: N`.
    let mut failing = Vec::new();
    let mut checked = 0;
    let mut block: Vec<&str> = Vec::new();
    for line in report.lines() {
        block.push(line);
        if let Some(n) = line.strip_prefix("Errors: ") {
            checked += 1;
            if n.trim() != "0" {
                failing.push(
                    block
                        .iter()
                        .take(40)
                        .copied()
                        .collect::<Vec<_>>()
                        .join("\n"),
                );
            }
            block.clear();
        }
    }
    assert!(
        out.status.success() && failing.is_empty() && checked == files.len(),
        "openxml-audit (Microsoft 365, strict): {} of {} files have errors, {checked} checked; \
         the first errors:\n{}\n{}",
        failing.len(),
        files.len(),
        failing.join("\n\n"),
        String::from_utf8_lossy(&out.stderr)
    );
}
