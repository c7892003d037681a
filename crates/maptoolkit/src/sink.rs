//! Writing exporters' files into the fresh folder of an [`OutputFolder`](crate::OutputFolder).
//!
//! Exporters write through [`FolderSink`], an [`ArtifactSink`] that creates each file below a
//! folder, so renderings go straight to the file system. A finished file is only closed here:
//! making the whole new set durable takes one sync of the folder when
//! [`OutputFolder::commit`](crate::OutputFolder::commit) is about to swap it into place, not one
//! per file, so a crash after the swap cannot leave empty files and a site of 10,000 pages does
//! not cost 10,000 syncs.
//!
//! An exporter that needs temporary files (the workbook streams its rows through one) gets a
//! scratch folder inside the sink's folder, [`SCRATCH`], removed by [`FolderSink::finish`]
//! before the set is swapped into place: nothing goes to the system's temporary folder.

use std::collections::BTreeSet;
use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use maptoolkit_briefing::{ArtifactPath, ArtifactSink, ArtifactWriter};
use maptoolkit_core::Report;

/// The scratch folder's name inside a sink's folder. An [`ArtifactPath`]'s components never
/// start with a `.`, so no exported file can meet it.
pub(crate) const SCRATCH: &str = ".scratch";

/// Told as each file is written, to show progress. Both methods do nothing by default.
pub trait Progress: Sync {
    /// A toolkit folder loaded, valid, with these warnings: the one moment their files' text is
    /// at hand to show them with their lines ([`Report::source`]), before anything is rendered.
    /// [`Exported::warnings`](crate::Exported::warnings) keeps the warnings without the text,
    /// so that it is not held while the documents are made.
    fn warnings(&self, dir: &Path, warnings: &Report) {
        let _ = (dir, warnings);
    }

    /// An exporter started writing `file` (a path relative to the output folder).
    fn started(&self, file: &Path) {
        let _ = file;
    }

    /// An exporter finished writing `file`.
    fn finished(&self, file: &Path) {
        let _ = file;
    }
}

/// Shows no progress.
#[derive(Debug, Clone, Copy, Default)]
pub struct Quiet;

impl Progress for Quiet {}

/// An [`ArtifactSink`] that writes below a folder of its own, which it assumes is fresh: it
/// creates every file and subfolder anew and never opens anything that is already there.
pub struct FolderSink<'a> {
    root: PathBuf,
    /// What `root` is, relative to the output folder: for progress messages.
    shown_as: PathBuf,
    claimed: Mutex<BTreeSet<ArtifactPath>>,
    /// Folders below `root` made so far: a site's thousands of pages in a few folders cost a
    /// `mkdir` per folder, not one (and a failed one and a `stat`) per page.
    folders: Mutex<BTreeSet<PathBuf>>,
    /// Files that could not be written in full: the first is reported by `finish`.
    failures: Mutex<Vec<(PathBuf, io::Error)>>,
    /// The scratch folder, once an exporter has asked for it.
    scratch: Mutex<Option<PathBuf>>,
    progress: &'a dyn Progress,
}

impl std::fmt::Debug for FolderSink<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FolderSink")
            .field("root", &self.root)
            .finish_non_exhaustive()
    }
}

impl<'a> FolderSink<'a> {
    /// A sink writing below `root`, a fresh folder (created if missing). `shown_as` is what
    /// progress messages call it, relative to the output folder (empty for the folder itself).
    ///
    /// # Errors
    /// When `root` cannot be created.
    pub fn new(root: &Path, shown_as: &Path, progress: &'a dyn Progress) -> io::Result<Self> {
        fs::create_dir_all(root)?;
        Ok(FolderSink {
            root: root.to_path_buf(),
            shown_as: shown_as.to_path_buf(),
            claimed: Mutex::new(BTreeSet::new()),
            folders: Mutex::new(BTreeSet::new()),
            failures: Mutex::new(Vec::new()),
            scratch: Mutex::new(None),
            progress,
        })
    }

    /// Returns the paths of every file written, relative to the sink's folder, sorted. Every
    /// file is closed by then; it is on disk once the output folder commits. The scratch
    /// folder, if one was made, is removed.
    ///
    /// # Errors
    /// The first file that could not be written in full, or the scratch folder that could not
    /// be removed.
    pub fn finish(self) -> io::Result<Vec<PathBuf>> {
        let scratch = self.scratch.into_inner().unwrap_or_else(|e| e.into_inner());
        if let Some(scratch) = scratch {
            fs::remove_dir_all(&scratch)
                .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", scratch.display())))?;
        }
        let failures = self
            .failures
            .into_inner()
            .unwrap_or_else(|e| e.into_inner());
        if let Some((file, e)) = failures.into_iter().next() {
            return Err(io::Error::new(e.kind(), format!("{}: {e}", file.display())));
        }
        let claimed = self.claimed.into_inner().unwrap_or_else(|e| e.into_inner());
        Ok(claimed.iter().map(ArtifactPath::to_path).collect())
    }
}

impl ArtifactSink for FolderSink<'_> {
    fn create(&self, path: &ArtifactPath) -> io::Result<Box<dyn ArtifactWriter + '_>> {
        {
            let mut claimed = self.claimed.lock().unwrap_or_else(|e| e.into_inner());
            if !claimed.insert(path.clone()) {
                return Err(io::Error::new(
                    io::ErrorKind::AlreadyExists,
                    format!("two files would be written to {path}"),
                ));
            }
        }
        // An ArtifactPath cannot leave the folder, and nothing in the fresh folder is a link.
        let target = self.root.join(path.to_path());
        if let Some(dir) = target.parent() {
            let mut folders = self.folders.lock().unwrap_or_else(|e| e.into_inner());
            if !folders.contains(dir) {
                fs::create_dir_all(dir)?;
                folders.insert(dir.to_path_buf());
            }
        }
        let file = fs::OpenOptions::new()
            .write(true)
            .read(true)
            .create_new(true)
            .open(&target)?;
        let shown = self.shown_as.join(path.to_path());
        self.progress.started(&shown);
        Ok(Box::new(FileWriter {
            file: Some(BufWriter::with_capacity(1 << 18, file)),
            shown,
            sink: self,
        }))
    }

    fn scratch(&self) -> io::Result<Option<PathBuf>> {
        let mut scratch = self.scratch.lock().unwrap_or_else(|e| e.into_inner());
        if scratch.is_none() {
            let dir = self.root.join(SCRATCH);
            // `create_dir`, not `create_dir_all`: the folder is new, never one already there.
            fs::create_dir(&dir)?;
            *scratch = Some(dir);
        }
        Ok(scratch.clone())
    }
}

/// A file being written. Once the exporter drops it, what is buffered is written and the file
/// closed; a failure then is reported by [`FolderSink::finish`].
struct FileWriter<'s, 'a> {
    /// `None` only while being dropped.
    file: Option<BufWriter<fs::File>>,
    shown: PathBuf,
    sink: &'s FolderSink<'a>,
}

impl FileWriter<'_, '_> {
    fn file(&mut self) -> &mut BufWriter<fs::File> {
        self.file.as_mut().expect("the file is there until dropped")
    }
}

impl Write for FileWriter<'_, '_> {
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

impl io::Seek for FileWriter<'_, '_> {
    fn seek(&mut self, pos: io::SeekFrom) -> io::Result<u64> {
        self.file().seek(pos)
    }
}

impl Drop for FileWriter<'_, '_> {
    fn drop(&mut self) {
        let Some(file) = self.file.take() else { return };
        // The exporter flushed already; a failure here is reported by `finish` all the same.
        if let Err(e) = file.into_inner() {
            self.sink
                .failures
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push((self.shown.clone(), e.into_error()));
        }
        self.sink.progress.finished(&self.shown);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_path_twice_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let sink = FolderSink::new(dir.path(), Path::new(""), &Quiet).unwrap();
        let path = ArtifactPath::new(&["meetings", "team"]).with_extension("csv");
        sink.create(&path).unwrap().write_all(b"a").unwrap();
        let err = sink.create(&path).err().unwrap();
        assert_eq!(
            err.to_string(),
            "two files would be written to meetings/team.csv"
        );
        assert_eq!(
            sink.finish().unwrap(),
            [Path::new("meetings").join("team.csv")]
        );
        assert_eq!(
            fs::read(dir.path().join("meetings/team.csv")).unwrap(),
            b"a"
        );
    }
}
