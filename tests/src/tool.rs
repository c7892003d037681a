//! Running an outside program on a file and keeping what it prints.
//!
//! Every reader here is a program of its own (pandoc, poppler, qpdf, LibreOffice, Python), so
//! each takes the bytes a test made, writes them to a temporary file with the right extension and
//! runs the program on it. A program that is missing or fails fails the test, naming the package
//! to install: a reader is never skipped.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A temporary folder holding one file, removed when dropped.
#[derive(Debug)]
pub struct TempFile {
    dir: tempfile::TempDir,
    path: PathBuf,
}

impl TempFile {
    /// Writes `bytes` to a file called `name` in a fresh temporary folder.
    pub fn new(bytes: &[u8], name: &str) -> Self {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).expect("the temporary file is written");
        TempFile { dir, path }
    }

    /// The file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The folder holding it, where a program may write its own output.
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }
}

/// Runs `program before path after` and returns its standard output, failing the test with
/// everything the program printed when it cannot run or exits unsuccessfully. `install` says how
/// to get the program.
#[track_caller]
pub fn run(program: &str, before: &[&str], path: &Path, after: &[&str], install: &str) -> String {
    let out = Command::new(program)
        .args(before)
        .arg(path)
        .args(after)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {program} ({e}): {install}"));
    assert!(
        out.status.success(),
        "{program} {before:?} {} failed: {}{}",
        path.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap_or_else(|e| panic!("{program} printed non-UTF-8: {e}"))
}
