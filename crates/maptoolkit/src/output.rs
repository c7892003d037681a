//! An output folder that maptoolkit owns and replaces whole.
//!
//! An export renders into a fresh folder beside the output folder, `.<name>.maptoolkit-new-…`,
//! and only when everything has rendered swaps it into place: on Linux in one step
//! (`renameat2` with `RENAME_EXCHANGE`), elsewhere by two renames, between which the folder is
//! briefly missing. The old folder is then removed. So a reader sees the old set of files or the
//! new one, never a mix, and nothing from an earlier export (protected or not) survives.
//!
//! The rules that make this safe:
//! - the output folder must be one maptoolkit made (it holds [`MARKER`]), or empty, or not
//!   exist yet; anything else is refused, so an export never deletes files of its user;
//! - it must be a real folder, not a symbolic link, and nothing inside the fresh folder is a
//!   link, so nothing outside it is ever written or removed;
//! - one export at a time: a lock file beside it, `.<name>.maptoolkit-lock`, is held for the
//!   whole run, and a second export into the same folder fails at once with a clear message;
//! - whatever a killed run left beside the folder is removed, under the lock, by the next run.
//!
//! An import writes a toolkit folder in place, file by file, so it takes the folder with
//! [`ImportFolder`] instead: the same lock (a second import, or an export, of the folder fails at
//! once), never a link, and never an export's output folder, which the next export would remove.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The file that marks a folder as written by maptoolkit. It is in every output folder.
pub const MARKER: &str = ".maptoolkit-export";

const MARKER_TEXT: &str = "This folder is written by maptoolkit and replaced whole by each \
                           export.\nFiles put here by hand are removed by the next export.\n";

/// Why an output folder cannot be used or replaced.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum OutputError {
    /// A file-system operation failed.
    #[error("{}: {what} ({source})", path.display())]
    Io {
        /// The path it failed on.
        path: PathBuf,
        /// What was being done, e.g. "cannot create the folder".
        what: &'static str,
        /// The underlying error.
        source: io::Error,
    },
    /// The folder exists, holds files and was not made by maptoolkit.
    #[error("{}: holds files maptoolkit did not write", path.display())]
    NotOurs {
        /// The output folder.
        path: PathBuf,
    },
    /// The output path is a symbolic link.
    #[error("{}: is a symbolic link", path.display())]
    Link {
        /// The output folder.
        path: PathBuf,
    },
    /// The output path is not a folder.
    #[error("{}: is not a folder", path.display())]
    NotAFolder {
        /// The output path.
        path: PathBuf,
    },
    /// Another export holds the folder's lock.
    #[error("{}: another export is writing this folder", path.display())]
    Busy {
        /// The output folder.
        path: PathBuf,
    },
    /// Another import or an export holds the toolkit folder's lock.
    #[error("{}: another maptoolkit run is writing this folder", path.display())]
    BusyImport {
        /// The toolkit folder.
        path: PathBuf,
    },
    /// An import was given an export's output folder (it holds [`MARKER`]), which the next
    /// export would remove whole.
    #[error("{}: is an export's output folder, not a toolkit folder", path.display())]
    ExportFolder {
        /// The folder.
        path: PathBuf,
    },
}

impl OutputError {
    /// How to fix it, where the user can.
    pub fn hint(&self) -> Option<String> {
        match self {
            OutputError::NotOurs { .. } => Some(format!(
                "each export replaces its output folder whole: give a new or empty folder \
                 (maptoolkit marks its own with {MARKER})"
            )),
            OutputError::Link { .. } => {
                Some("give the folder the link points to, or another folder".to_string())
            }
            OutputError::Busy { path } | OutputError::BusyImport { path } => Some(format!(
                "wait for it to finish; its lock is {}",
                lock_path(path).display()
            )),
            OutputError::ExportFolder { .. } => Some(format!(
                "each export replaces its output folder whole (it holds {MARKER}): import into \
                 a toolkit folder of its own"
            )),
            OutputError::Io { .. } | OutputError::NotAFolder { .. } => None,
        }
    }

    pub(crate) fn io(path: &Path, what: &'static str) -> impl FnOnce(io::Error) -> OutputError {
        let path = path.to_path_buf();
        move |source| OutputError::Io { path, what, source }
    }
}

/// An output folder being replaced: files are written below [`OutputFolder::staging`] and put in
/// place, all together, by [`OutputFolder::commit`]. Dropped without committing, it removes what
/// was written and leaves the folder as it was.
#[derive(Debug)]
pub struct OutputFolder {
    target: PathBuf,
    staging: Option<tempfile::TempDir>,
    /// Held until the export ends.
    _lock: fs::File,
}

impl OutputFolder {
    /// Takes the folder `target` for one export: locks it, checks that it may be replaced,
    /// removes what killed runs left beside it and makes the fresh folder to write into.
    ///
    /// # Errors
    /// When another export holds the folder, when it exists but is not a folder maptoolkit made
    /// (or an empty one), is a link, or a file-system operation fails.
    pub fn open(target: &Path) -> Result<OutputFolder, OutputError> {
        // `.` and `..` have no name to put a fresh folder beside: use the folder they mean.
        let target = match target.file_name() {
            Some(_) => target.to_path_buf(),
            None => fs::canonicalize(target).map_err(OutputError::io(target, "cannot read"))?,
        };
        let (parent, name) = match (target.parent(), target.file_name()) {
            (Some(parent), Some(name)) => (parent, name.to_string_lossy().into_owned()),
            _ => return Err(OutputError::NotAFolder { path: target }),
        };
        let parent = if parent.as_os_str().is_empty() {
            Path::new(".")
        } else {
            parent
        };
        fs::create_dir_all(parent).map_err(OutputError::io(parent, "cannot create the folder"))?;
        let lock = take_lock(&target)?;
        check_replaceable(&target)?;
        remove_leftovers(parent, &name)?;
        let staging = tempfile::Builder::new()
            .prefix(&format!(".{name}.maptoolkit-new-"))
            .tempdir_in(parent)
            .map_err(OutputError::io(parent, "cannot create a folder"))?;
        Ok(OutputFolder {
            target,
            staging: Some(staging),
            _lock: lock,
        })
    }

    /// The output folder.
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// The fresh folder to write into. It is empty and private to this export.
    pub fn staging(&self) -> &Path {
        self.staging.as_ref().expect("there until committed").path()
    }

    /// Puts the fresh folder in place of the output folder and removes the old one.
    ///
    /// Files written below [`OutputFolder::staging`] must be flushed to disk first.
    ///
    /// # Errors
    /// When the marker cannot be written or the folders cannot be swapped; the output folder is
    /// then as it was, and the fresh one is removed.
    pub fn commit(mut self) -> Result<(), OutputError> {
        let staging = self.staging.take().expect("committed once");
        let marker = staging.path().join(MARKER);
        fs::write(&marker, MARKER_TEXT).map_err(OutputError::io(&marker, "cannot write"))?;
        make_readable(staging.path())?;
        // From here the fresh folder is ours to remove if the swap fails.
        let fresh = staging.keep();
        let swapped = swap_into_place(&fresh, &self.target);
        if swapped.is_err() {
            let _ = fs::remove_dir_all(&fresh);
        }
        swapped?;
        // `fresh` now holds the old folder, if there was one. A failure to remove it leaves a
        // hidden folder beside the output, which the next run removes.
        let _ = fs::remove_dir_all(&fresh);
        let parent = self.target.parent().filter(|p| !p.as_os_str().is_empty());
        let _ = fs::File::open(parent.unwrap_or(Path::new("."))).and_then(|d| d.sync_all());
        Ok(())
    }
}

/// A toolkit folder held for one import: locked (with the lock an export of the same folder
/// takes), a real folder or missing, never a link, never an export's output folder. The import
/// writes into [`ImportFolder::target`] while this is held; the lock is let go when it is dropped.
#[derive(Debug)]
pub struct ImportFolder {
    target: PathBuf,
    _lock: fs::File,
}

impl ImportFolder {
    /// Takes the folder `target` for one import.
    ///
    /// # Errors
    /// [`OutputError::BusyImport`] when another import or export holds it; [`OutputError::Link`]
    /// when it is a symbolic link; [`OutputError::NotAFolder`]; [`OutputError::ExportFolder`]
    /// when it holds [`MARKER`]; [`OutputError::Io`].
    ///
    /// ```
    /// let root = tempfile::tempdir().unwrap();
    /// let dir = root.path().join("toolkit");
    /// let held = maptoolkit::ImportFolder::open(&dir).unwrap();
    /// let again = maptoolkit::ImportFolder::open(&dir).unwrap_err();
    /// assert!(again.to_string().ends_with("another maptoolkit run is writing this folder"));
    /// drop(held);
    /// assert!(maptoolkit::ImportFolder::open(&dir).is_ok());
    /// ```
    pub fn open(target: &Path) -> Result<ImportFolder, OutputError> {
        let target = match target.file_name() {
            Some(_) => target.to_path_buf(),
            None => fs::canonicalize(target).map_err(OutputError::io(target, "cannot read"))?,
        };
        if let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
            fs::create_dir_all(parent)
                .map_err(OutputError::io(parent, "cannot create the folder"))?;
        }
        let lock = take_lock(&target).map_err(|e| match e {
            OutputError::Busy { path } => OutputError::BusyImport { path },
            other => other,
        })?;
        match fs::symlink_metadata(&target) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(OutputError::io(&target, "cannot read")(e)),
            Ok(meta) if meta.file_type().is_symlink() => {
                return Err(OutputError::Link { path: target });
            }
            Ok(meta) if !meta.is_dir() => return Err(OutputError::NotAFolder { path: target }),
            Ok(_) => {
                if fs::symlink_metadata(target.join(MARKER)).is_ok() {
                    return Err(OutputError::ExportFolder { path: target });
                }
            }
        }
        Ok(ImportFolder {
            target,
            _lock: lock,
        })
    }

    /// The toolkit folder.
    pub fn target(&self) -> &Path {
        &self.target
    }
}

/// The lock file of the output folder `target`.
fn lock_path(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    target.with_file_name(format!(".{name}.maptoolkit-lock"))
}

/// Opens and locks the lock file beside `target`, never following a link.
fn take_lock(target: &Path) -> Result<fs::File, OutputError> {
    let path = lock_path(target);
    let mut options = fs::OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32);
    }
    let file = options
        .open(&path)
        .map_err(OutputError::io(&path, "cannot open the lock file"))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(fs::TryLockError::WouldBlock) => Err(OutputError::Busy {
            path: target.to_path_buf(),
        }),
        Err(fs::TryLockError::Error(e)) => Err(OutputError::io(&path, "cannot lock")(e)),
    }
}

/// Checks that `target` is missing, empty, or a folder maptoolkit made.
fn check_replaceable(target: &Path) -> Result<(), OutputError> {
    let meta = match fs::symlink_metadata(target) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(OutputError::io(target, "cannot read")(e)),
    };
    if meta.file_type().is_symlink() {
        return Err(OutputError::Link {
            path: target.to_path_buf(),
        });
    }
    if !meta.is_dir() {
        return Err(OutputError::NotAFolder {
            path: target.to_path_buf(),
        });
    }
    let marked = fs::symlink_metadata(target.join(MARKER)).is_ok_and(|m| m.is_file());
    let empty = || {
        fs::read_dir(target)
            .map(|mut entries| entries.next().is_none())
            .map_err(OutputError::io(target, "cannot read"))
    };
    if marked || empty()? {
        Ok(())
    } else {
        Err(OutputError::NotOurs {
            path: target.to_path_buf(),
        })
    }
}

/// Removes the fresh and old folders that killed runs left beside the output folder `name`.
/// Only called under the lock, so no running export owns them.
fn remove_leftovers(parent: &Path, name: &str) -> Result<(), OutputError> {
    let prefix = format!(".{name}.maptoolkit-");
    let lock = format!(".{name}.maptoolkit-lock");
    let entries = fs::read_dir(parent).map_err(OutputError::io(parent, "cannot read"))?;
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let file_name = file_name.to_string_lossy();
        if !file_name.starts_with(&prefix) || file_name == lock {
            continue;
        }
        let path = entry.path();
        // `remove_dir_all` removes links, never what they point to.
        let removed = match entry.file_type() {
            Ok(t) if t.is_dir() => fs::remove_dir_all(&path),
            _ => fs::remove_file(&path),
        };
        removed.map_err(OutputError::io(
            &path,
            "cannot remove what an earlier export left",
        ))?;
    }
    Ok(())
}

/// Puts `fresh` at `target`; afterwards `fresh` holds the old folder, if there was one.
fn swap_into_place(fresh: &Path, target: &Path) -> Result<(), OutputError> {
    let failed = OutputError::io(target, "cannot put the new files in place");
    match fs::symlink_metadata(target) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return fs::rename(fresh, target).map_err(failed);
        }
        _ => {}
    }
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        match renameat_with(CWD, fresh, CWD, target, RenameFlags::EXCHANGE) {
            Ok(()) => return Ok(()),
            // A file system without the exchange: fall back to two renames.
            Err(e) if e == rustix::io::Errno::INVAL || e == rustix::io::Errno::NOSYS => {}
            Err(e) => return Err(failed(e.into())),
        }
    }
    // Portable: the old folder goes aside, then the fresh one in. Between the two renames the
    // folder is missing, never mixed.
    let mut aside = fresh.as_os_str().to_owned();
    aside.push("-old");
    let aside = PathBuf::from(aside);
    fs::rename(target, &aside).map_err(OutputError::io(target, "cannot move aside"))?;
    if let Err(e) = fs::rename(fresh, target) {
        let _ = fs::rename(&aside, target);
        return Err(failed(e));
    }
    fs::rename(&aside, fresh).map_err(OutputError::io(&aside, "cannot rename"))
}

/// Gives a folder the usual permissions (`rwxr-xr-x`): temporary folders are created private.
fn make_readable(path: &Path) -> Result<(), OutputError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(path, fs::Permissions::from_mode(0o755))
            .map_err(OutputError::io(path, "cannot set permissions"))?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    fn export(target: &Path, files: &[&str]) -> Result<(), OutputError> {
        let folder = OutputFolder::open(target)?;
        for f in files {
            fs::write(folder.staging().join(f), f).unwrap();
        }
        folder.commit()
    }

    #[test]
    fn a_new_export_replaces_the_old_set_whole() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("out");
        export(&out, &["a.pdf", "protected.pdf"]).unwrap();
        export(&out, &["a.pdf"]).unwrap();
        assert_eq!(names(&out), [MARKER, "a.pdf"]);
        assert_eq!(names(root.path()), [".out.maptoolkit-lock", "out"]);
    }

    #[test]
    fn a_folder_with_files_of_its_own_is_refused() {
        let root = tempfile::tempdir().unwrap();
        fs::write(root.path().join("thesis.docx"), "mine").unwrap();
        let err = export(root.path(), &["a.pdf"]).unwrap_err();
        assert!(matches!(err, OutputError::NotOurs { .. }), "{err}");
        assert_eq!(names(root.path()), ["thesis.docx"]);
        // An empty folder is fine.
        let empty = root.path().join("empty");
        fs::create_dir(&empty).unwrap();
        export(&empty, &["a.pdf"]).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn an_output_folder_that_is_a_link_is_refused() {
        let root = tempfile::tempdir().unwrap();
        let elsewhere = root.path().join("elsewhere");
        fs::create_dir(&elsewhere).unwrap();
        std::os::unix::fs::symlink(&elsewhere, root.path().join("out")).unwrap();
        let err = export(&root.path().join("out"), &["a.pdf"]).unwrap_err();
        assert!(matches!(err, OutputError::Link { .. }), "{err}");
        assert!(names(&elsewhere).is_empty());
    }

    /// A FIFO as the marker used to hang the export, which read the old manifest.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_fifo_as_the_marker_is_never_opened() {
        use rustix::fs::{CWD, FileType, Mode, mknodat};
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("out");
        fs::create_dir(&out).unwrap();
        mknodat(CWD, out.join(MARKER), FileType::Fifo, Mode::from(0o644), 0).unwrap();
        let err = export(&out, &["a.pdf"]).unwrap_err();
        assert!(matches!(err, OutputError::NotOurs { .. }), "{err}");
    }

    #[test]
    fn a_second_export_at_once_is_refused() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("out");
        let first = OutputFolder::open(&out).unwrap();
        let err = OutputFolder::open(&out).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!("{}: another export is writing this folder", out.display())
        );
        drop(first);
        OutputFolder::open(&out).unwrap();
    }

    #[test]
    fn leftovers_of_a_killed_run_are_removed() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("out");
        export(&out, &["a.pdf"]).unwrap();
        let left = root.path().join(".out.maptoolkit-new-abc123");
        fs::create_dir(&left).unwrap();
        fs::write(left.join("protected.pdf"), "x").unwrap();
        let dropped = OutputFolder::open(&out).unwrap();
        assert!(!left.exists());
        drop(dropped);
        assert_eq!(names(root.path()), [".out.maptoolkit-lock", "out"]);
        assert_eq!(names(&out), [MARKER, "a.pdf"], "dropping changes nothing");
    }
}
