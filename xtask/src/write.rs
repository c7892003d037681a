//! Writing artifacts into an output folder all-or-nothing.
//!
//! Exporters write every file through [`Staging`], an [`ArtifactSink`] that creates it under a
//! temporary name beside its target, so renderings go straight to disk instead of being held in
//! memory. Only when every format has finished are the files renamed into place
//! ([`Staging::commit`]); if anything fails, dropping the `Staging` removes them. Files an
//! earlier export wrote that this one did not (a meeting since removed, or a protected pack
//! from a members run) are removed, using a manifest kept in the folder, so the folder never
//! holds a stale mix.

use std::collections::BTreeSet;
use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::{Context, Result};
use maptoolkit_briefing::{ArtifactPath, ArtifactSink, ArtifactWriter};

/// The file, in the output folder, listing what the last export wrote.
pub const MANIFEST: &str = ".maptoolkit-export";

/// A file written under a temporary name, waiting to be moved into place.
#[derive(Debug)]
struct Staged {
    relative: String,
    temp: PathBuf,
    target: PathBuf,
}

/// Files being written into an output folder, moved into place together by
/// [`Staging::commit`]. Dropped without committing, it removes them.
#[derive(Debug)]
pub struct Staging {
    out: PathBuf,
    staged: Mutex<Vec<Staged>>,
    /// Each finished file being flushed to disk, on a thread of its own.
    flushes: Mutex<Vec<Flush>>,
}

/// A finished file being flushed to disk: flushing waits on the device, not the processor, so
/// it runs beside the rendering still going on rather than all at the end.
#[derive(Debug)]
struct Flush {
    target: PathBuf,
    flushing: Flushing,
}

#[derive(Debug)]
enum Flushing {
    /// On a thread of its own.
    Thread(std::thread::JoinHandle<io::Result<()>>),
    /// Already done (or failed) where the file was closed.
    Done(io::Result<()>),
}

impl Staging {
    /// Stages files for the folder `out`.
    pub fn new(out: &Path) -> Staging {
        Staging {
            out: out.to_path_buf(),
            staged: Mutex::new(Vec::new()),
            flushes: Mutex::new(Vec::new()),
        }
    }

    /// The staged files; a thread that panicked while holding them left them whole.
    fn staged(&self) -> std::sync::MutexGuard<'_, Vec<Staged>> {
        self.staged.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn take(&self) -> Vec<Staged> {
        std::mem::take(&mut *self.staged())
    }

    /// Moves every staged file into place, removes what the previous export wrote and this one
    /// did not, and records what was written. Returns the paths written, sorted.
    ///
    /// # Errors
    /// When a file cannot be synced or renamed; files not yet moved are removed.
    pub fn commit(self) -> Result<Vec<PathBuf>> {
        let mut staged = self.take();
        staged.sort_by(|a, b| a.relative.cmp(&b.relative));
        let flushes = std::mem::take(&mut *self.flushes.lock().unwrap_or_else(|e| e.into_inner()));
        let result = wait_for(flushes).and_then(|()| move_into_place(&self.out, &staged));
        if result.is_err() {
            for file in &staged {
                let _ = fs::remove_file(&file.temp);
            }
        }
        result
    }
}

/// Waits until every finished file is on disk, so a crash after the renames cannot leave
/// empty files.
fn wait_for(flushes: Vec<Flush>) -> Result<()> {
    for flush in flushes {
        let done = match flush.flushing {
            Flushing::Thread(thread) => thread.join().expect("flushing a file does not panic"),
            Flushing::Done(done) => done,
        };
        done.with_context(|| format!("writing {}", flush.target.display()))?;
    }
    Ok(())
}

fn move_into_place(out: &Path, staged: &[Staged]) -> Result<Vec<PathBuf>> {
    for file in staged {
        fs::rename(&file.temp, &file.target)
            .with_context(|| format!("moving {} into place", file.target.display()))?;
    }
    let written: BTreeSet<String> = staged.iter().map(|f| f.relative.clone()).collect();
    remove_stale(out, &written)?;
    let manifest: String = written.iter().map(|p| format!("{p}\n")).collect();
    write_atomic(&out.join(MANIFEST), manifest.as_bytes())?;
    Ok(staged.iter().map(|f| f.target.clone()).collect())
}

impl Drop for Staging {
    fn drop(&mut self) {
        for file in self.take() {
            let _ = fs::remove_file(&file.temp);
        }
    }
}

impl ArtifactSink for Staging {
    fn create(&self, path: &ArtifactPath) -> io::Result<Box<dyn ArtifactWriter + '_>> {
        let relative = path.as_str().to_string();
        // ArtifactPath components are already safe; check again so no path can leave `out`.
        let mut target = self.out.clone();
        for component in path.components() {
            if component.is_empty() || component.starts_with('.') || component.contains(['/', '\\'])
            {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    format!(
                        "refusing to write outside {}: {relative}",
                        self.out.display()
                    ),
                ));
            }
            target.push(component);
        }
        // Check and record under one lock, so two threads cannot both claim a path, and record
        // the temporary file before anything else can fail, so dropping `self` removes it.
        let (file, temp) = {
            let mut staged = self.staged();
            if staged.iter().any(|s| s.relative == relative) {
                return Err(io::Error::new(
                    io::ErrorKind::AlreadyExists,
                    format!("two artifacts would be written to {relative}"),
                ));
            }
            let (file, temp) = temp_beside(&target)
                .map_err(io::Error::other)?
                .keep()
                .map_err(|e| e.error)?;
            staged.push(Staged {
                relative,
                temp: temp.clone(),
                target: target.clone(),
            });
            (file, temp)
        };
        make_readable(&temp).map_err(io::Error::other)?;
        Ok(Box::new(StagedWriter {
            file: Some(BufWriter::with_capacity(1 << 18, file)),
            temp,
            target,
            flushes: &self.flushes,
        }))
    }
}

/// A staged file being written. Once the exporter is done with it (drops it), it is flushed to
/// disk on a thread of its own, and [`Staging::commit`] waits for that.
struct StagedWriter<'a> {
    /// `None` only while being dropped.
    file: Option<BufWriter<fs::File>>,
    temp: PathBuf,
    target: PathBuf,
    flushes: &'a Mutex<Vec<Flush>>,
}

impl StagedWriter<'_> {
    fn file(&mut self) -> &mut BufWriter<fs::File> {
        self.file.as_mut().expect("the file is there until dropped")
    }
}

impl Write for StagedWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.file().write(buf)
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.file().write_all(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file().flush()
    }
}

impl io::Seek for StagedWriter<'_> {
    fn seek(&mut self, pos: io::SeekFrom) -> io::Result<u64> {
        self.file().seek(pos)
    }
}

impl Drop for StagedWriter<'_> {
    fn drop(&mut self) {
        let Some(file) = self.file.take() else { return };
        // The exporter flushed already; a failure here is reported by commit all the same.
        let flushing = match file.into_inner() {
            Ok(file) => match std::thread::Builder::new().spawn(move || file.sync_all()) {
                Ok(thread) => Flushing::Thread(thread),
                // No thread to be had: flush here instead.
                Err(_) => Flushing::Done(fs::File::open(&self.temp).and_then(|f| f.sync_all())),
            },
            Err(e) => Flushing::Done(Err(e.into_error())),
        };
        self.flushes
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(Flush {
                target: self.target.clone(),
                flushing,
            });
    }
}

/// Removes the files the previous export listed that this one did not write.
fn remove_stale(out: &Path, written: &BTreeSet<String>) -> Result<()> {
    let Ok(previous) = fs::read_to_string(out.join(MANIFEST)) else {
        return Ok(());
    };
    for line in previous.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let safe = line
            .split('/')
            .all(|c| !c.is_empty() && !c.starts_with('.') && !c.contains('\\'));
        if safe && !written.contains(line) {
            let path = out.join(line);
            if path.is_file() {
                fs::remove_file(&path)
                    .with_context(|| format!("removing stale {}", path.display()))?;
            }
        }
    }
    Ok(())
}

/// Writes one file via a temporary file and a rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut file = temp_beside(path)?;
    file.write_all(bytes)
        .with_context(|| format!("writing {}", path.display()))?;
    make_readable(file.path())?;
    file.persist(path)
        .with_context(|| format!("moving {} into place", path.display()))?;
    Ok(())
}

/// Gives a file the usual permissions (`rw-r--r--`): temporary files are created private.
fn make_readable(path: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(path, fs::Permissions::from_mode(0o644))
            .with_context(|| format!("setting permissions of {}", path.display()))?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// A new temporary file in the folder `target` will be in (created if need be), so it can be
/// renamed into place.
fn temp_beside(target: &Path) -> Result<tempfile::NamedTempFile> {
    let dir = target.parent().context("a file has no folder")?;
    fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    tempfile::Builder::new()
        .prefix(".maptoolkit-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .with_context(|| format!("creating a temporary file in {}", dir.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stage(staging: &Staging, parts: &[&str], text: &str) -> io::Result<()> {
        let mut out = staging.create(&ArtifactPath::new(parts).with_extension("csv"))?;
        out.write_all(text.as_bytes())?;
        out.flush()
    }

    fn files(dir: &Path) -> Vec<String> {
        let mut found = Vec::new();
        for entry in walk(dir) {
            found.push(
                entry
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/"),
            );
        }
        found.sort();
        found
    }

    fn walk(dir: &Path) -> Vec<PathBuf> {
        let mut out = Vec::new();
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                out.extend(walk(&path));
            } else {
                out.push(path);
            }
        }
        out
    }

    #[test]
    fn nothing_is_left_behind_unless_committed() {
        let dir = tempfile::tempdir().unwrap();
        let staging = Staging::new(dir.path());
        stage(&staging, &["drivers"], "Title\n").unwrap();
        stage(&staging, &["meetings", "m1"], "Item\n").unwrap();
        assert_eq!(files(dir.path()).len(), 2, "staged under temporary names");
        drop(staging);
        assert!(files(dir.path()).is_empty());
    }

    #[test]
    fn committing_moves_files_into_place_and_removes_stale_ones() {
        let dir = tempfile::tempdir().unwrap();
        let staging = Staging::new(dir.path());
        stage(&staging, &["meetings", "old"], "old\n").unwrap();
        stage(&staging, &["drivers"], "v1\n").unwrap();
        staging.commit().unwrap();
        let staging = Staging::new(dir.path());
        stage(&staging, &["drivers"], "v2\n").unwrap();
        let written = staging.commit().unwrap();
        assert_eq!(written, [dir.path().join("drivers.csv")]);
        assert_eq!(files(dir.path()), [MANIFEST, "drivers.csv"]);
        assert_eq!(
            fs::read_to_string(dir.path().join("drivers.csv")).unwrap(),
            "v2\n"
        );
    }

    #[test]
    fn the_same_path_twice_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let staging = Staging::new(dir.path());
        stage(&staging, &["drivers"], "a").unwrap();
        let err = stage(&staging, &["drivers"], "b").unwrap_err();
        assert!(
            err.to_string()
                .contains("two artifacts would be written to drivers.csv")
        );
    }
}
