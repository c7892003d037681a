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
    /// The output path names a folder with no parent, such as `/`: there is nowhere beside it
    /// to write the new set before it replaces the old one.
    #[error("{}: is the root of the file system, which an export cannot replace", path.display())]
    Root {
        /// The output path.
        path: PathBuf,
    },
    /// The output folder lies inside a toolkit folder being exported.
    #[error("{}: is inside the toolkit folder {}", path.display(), toolkit.display())]
    InsideToolkit {
        /// The output folder.
        path: PathBuf,
        /// The toolkit folder.
        toolkit: PathBuf,
    },
    /// The output folder holds a toolkit folder, which replacing it would delete.
    #[error("{}: holds a toolkit folder ({}), which the export would delete", path.display(), toolkit.display())]
    HoldsToolkit {
        /// The output folder.
        path: PathBuf,
        /// The `toolkit.toml` found below it.
        toolkit: PathBuf,
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
            OutputError::Root { .. } => {
                Some("give a folder below it, e.g. /srv/briefings".to_string())
            }
            OutputError::InsideToolkit { .. } => {
                Some("give an output folder outside the toolkit folder".to_string())
            }
            OutputError::HoldsToolkit { .. } => Some(
                "move the toolkit folder out of the output folder, or give another output folder"
                    .to_string(),
            ),
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
    /// What opening made beside the folder, undone when the export does not commit.
    made: Made,
    /// Held until the export ends.
    _lock: fs::File,
}

/// What [`OutputFolder::open`] made before an export could start: undone when the export is
/// refused or fails, so that such a run leaves the file system as it found it.
#[derive(Debug, Default)]
struct Made {
    /// Folders created to hold the output folder, outermost first.
    folders: Vec<PathBuf>,
    /// The lock file, when this run created it (removed only while this run holds it).
    lock: Option<PathBuf>,
}

impl Made {
    fn undo(&mut self) {
        if let Some(lock) = self.lock.take() {
            let _ = fs::remove_file(lock);
        }
        for dir in self.folders.drain(..).rev() {
            // Only ever empty folders: `remove_dir` refuses any other.
            let _ = fs::remove_dir(dir);
        }
    }
}

impl OutputFolder {
    /// Takes the folder `target` for one export: locks it, checks that it may be replaced,
    /// removes what killed runs left beside it and makes the fresh folder to write into.
    ///
    /// `target` may end in `.` or `..`, and missing folders above it are created; if the folder
    /// is refused, or the export never commits, those folders and the lock file are removed
    /// again.
    ///
    /// # Errors
    /// When another export holds the folder, when it exists but is not a folder maptoolkit made
    /// (or an empty one), is a link, holds a toolkit folder, is the root of the file system, or
    /// a file-system operation fails.
    pub fn open(target: &Path) -> Result<OutputFolder, OutputError> {
        let (target, missing) = resolve(target)?;
        let parent = parent_of(&target).to_path_buf();
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        // Refused before anything is written. Checked again under the lock.
        if missing.is_empty() {
            check_replaceable(&target)?;
        }
        let mut made = Made::default();
        match prepare(&target, &parent, &name, &missing, &mut made) {
            Ok((lock, staging)) => Ok(OutputFolder {
                target,
                staging: Some(staging),
                made,
                _lock: lock,
            }),
            Err(e) => {
                made.undo();
                Err(e)
            }
        }
    }

    /// The output folder.
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// The fresh folder to write into. It is empty and private to this export.
    pub fn staging(&self) -> &Path {
        self.staging.as_ref().expect("there until committed").path()
    }

    /// Makes every file written below [`OutputFolder::staging`] durable, puts the fresh folder
    /// in place of the output folder and removes the old one.
    ///
    /// Files must be closed first. They are made durable together, with one sync: on Linux
    /// `syncfs(2)` on the fresh folder's file system, elsewhere each file and folder synced on
    /// a bounded pool of threads.
    ///
    /// # Errors
    /// When the marker cannot be written, the files cannot be made durable or the folders
    /// cannot be swapped; the output folder is then as it was, and the fresh one is removed.
    pub fn commit(self) -> Result<(), OutputError> {
        self.commit_with(make_durable)
    }

    /// [`OutputFolder::commit`], with `sync` as the step that makes the fresh folder durable
    /// before the swap.
    fn commit_with(
        mut self,
        sync: impl FnOnce(&Path) -> io::Result<()>,
    ) -> Result<(), OutputError> {
        let staging = self.staging.take().expect("committed once");
        let marker = staging.path().join(MARKER);
        fs::write(&marker, MARKER_TEXT).map_err(OutputError::io(&marker, "cannot write"))?;
        make_readable(staging.path())?;
        sync(staging.path()).map_err(OutputError::io(staging.path(), "cannot write to disk"))?;
        // From here the fresh folder is ours to remove if the swap fails.
        let fresh = staging.keep();
        let swapped = swap_into_place(&fresh, &self.target);
        if swapped.is_err() {
            let _ = fs::remove_dir_all(&fresh);
        }
        swapped?;
        // The folders made for it now hold the output, and the lock file stays for the next run.
        self.made = Made::default();
        // `fresh` now holds the old folder, if there was one. A failure to remove it leaves a
        // hidden folder beside the output, which the next run removes.
        let _ = fs::remove_dir_all(&fresh);
        let parent = self.target.parent().filter(|p| !p.as_os_str().is_empty());
        let _ = fs::File::open(parent.unwrap_or(Path::new("."))).and_then(|d| d.sync_all());
        Ok(())
    }
}

impl Drop for OutputFolder {
    fn drop(&mut self) {
        // Not committed: the fresh folder goes first, then what opening made for it.
        drop(self.staging.take());
        self.made.undo();
    }
}

/// Locks the folder, checks it again under the lock, removes leftovers and makes the fresh
/// folder, recording in `made` what it creates.
fn prepare(
    target: &Path,
    parent: &Path,
    name: &str,
    missing: &[PathBuf],
    made: &mut Made,
) -> Result<(fs::File, tempfile::TempDir), OutputError> {
    for dir in missing {
        match fs::create_dir(dir) {
            Ok(()) => made.folders.push(dir.clone()),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && dir.is_dir() => {}
            Err(e) => return Err(OutputError::io(dir, "cannot create the folder")(e)),
        }
    }
    let (lock, created) = take_lock(target)?;
    if created {
        made.lock = Some(lock_path(target));
    }
    check_replaceable(target)?;
    remove_leftovers(parent, name)?;
    let staging = tempfile::Builder::new()
        .prefix(&format!(".{name}.maptoolkit-new-"))
        .tempdir_in(parent)
        .map_err(OutputError::io(parent, "cannot create a folder"))?;
    Ok((lock, staging))
}

/// The output folder `target` with `.` dropped and a final `..` (or `.`) resolved, and the
/// folders above it that do not exist yet, outermost first. Nothing is created.
fn resolve(target: &Path) -> Result<(PathBuf, Vec<PathBuf>), OutputError> {
    use std::path::Component;
    // `components` drops every `.` but a leading one: `out/.` is `out`.
    let cleaned: PathBuf = target.components().collect();
    let target = match cleaned.components().next_back() {
        Some(Component::Normal(_)) => cleaned,
        None => {
            return Err(OutputError::NotAFolder {
                path: target.to_path_buf(),
            });
        }
        // `.`, `..` or `/`: a folder that exists, named by where it is.
        Some(_) => fs::canonicalize(&cleaned).map_err(OutputError::io(target, "cannot read"))?,
    };
    if target.parent().is_none() || target.file_name().is_none() {
        return Err(OutputError::Root { path: target });
    }
    let mut missing = Vec::new();
    let mut at = parent_of(&target);
    loop {
        match fs::symlink_metadata(at) {
            Ok(_) => break,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                // `x/..` cannot be made when `x` is missing: say so rather than create `x`.
                if at.file_name().is_none() {
                    return Err(OutputError::io(at, "names a folder that does not exist")(e));
                }
                missing.push(at.to_path_buf());
                match at.parent() {
                    Some(up) if !up.as_os_str().is_empty() => at = up,
                    _ => break,
                }
            }
            Err(e) => return Err(OutputError::io(at, "cannot read")(e)),
        }
    }
    missing.reverse();
    Ok((target, missing))
}

/// The folder that holds `target` (`.` for a bare name).
fn parent_of(target: &Path) -> &Path {
    match target.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

/// Refuses an output folder that is, holds or lies inside one of the toolkit folders being
/// exported: replacing it would delete the toolkit, or write into it.
///
/// # Errors
/// [`OutputError::HoldsToolkit`] or [`OutputError::InsideToolkit`], naming the toolkit folder.
pub(crate) fn check_apart(out: &Path, toolkits: &[PathBuf]) -> Result<(), OutputError> {
    // The root of the file system is refused by `OutputFolder::open`, by name.
    let Some(out_real) = real_path(out).filter(|p| p.parent().is_some()) else {
        return Ok(());
    };
    for dir in toolkits {
        let Ok(dir_real) = fs::canonicalize(dir) else {
            continue;
        };
        if dir_real.starts_with(&out_real) {
            return Err(OutputError::HoldsToolkit {
                path: out.to_path_buf(),
                toolkit: dir.join("toolkit.toml"),
            });
        }
        if out_real.starts_with(&dir_real) {
            return Err(OutputError::InsideToolkit {
                path: out.to_path_buf(),
                toolkit: dir.clone(),
            });
        }
    }
    Ok(())
}

/// `path` made absolute with every link and `..` resolved, for the part that exists; the
/// missing rest is appended as written. `None` when it cannot be read.
fn real_path(path: &Path) -> Option<PathBuf> {
    let mut rest = Vec::new();
    let mut at = path.to_path_buf();
    loop {
        match fs::canonicalize(&at) {
            Ok(real) => {
                return Some(rest.iter().rev().fold(real, |p: PathBuf, c| p.join(c)));
            }
            Err(_) => {
                rest.push(at.file_name()?.to_os_string());
                at = parent_of(&at).to_path_buf();
            }
        }
    }
}

/// The first `toolkit.toml` below `dir`, never following a link. An export never writes one,
/// so one found in an output folder is a toolkit someone put there.
fn toolkit_below(dir: &Path) -> io::Result<Option<PathBuf>> {
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        let mut entries: Vec<_> = fs::read_dir(&folder)?.collect::<Result<_, _>>()?;
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let kind = entry.file_type()?;
            if kind.is_dir() {
                folders.push(entry.path());
            } else if entry.file_name() == "toolkit.toml" {
                return Ok(Some(entry.path()));
            }
        }
    }
    Ok(None)
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
        let (lock, _) = take_lock(&target).map_err(|e| match e {
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

/// Opens and locks the lock file beside `target`, never following a link. Says whether this
/// call created the file.
///
/// A run that created the lock file and does not commit removes it again, so a lock is only
/// taken when the file locked is still the one at the lock's path.
fn take_lock(target: &Path) -> Result<(fs::File, bool), OutputError> {
    let path = lock_path(target);
    let open = |create_new: bool| {
        let mut options = fs::OpenOptions::new();
        options.read(true).write(true);
        if create_new {
            options.create_new(true);
        }
        #[cfg(target_os = "linux")]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32);
        }
        options.open(&path)
    };
    let (file, created) = match open(true) {
        Ok(file) => (Ok(file), true),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => (open(false), false),
        Err(e) => (Err(e), false),
    };
    let file = file.map_err(OutputError::io(&path, "cannot open the lock file"))?;
    let busy = || OutputError::Busy {
        path: target.to_path_buf(),
    };
    match file.try_lock() {
        Ok(()) => {}
        Err(fs::TryLockError::WouldBlock) => return Err(busy()),
        Err(fs::TryLockError::Error(e)) => return Err(OutputError::io(&path, "cannot lock")(e)),
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let held = file
            .metadata()
            .map_err(OutputError::io(&path, "cannot read"))?;
        let same = fs::symlink_metadata(&path)
            .is_ok_and(|now| now.dev() == held.dev() && now.ino() == held.ino());
        if !same {
            // Another run removed it between our opening and locking it.
            return Err(busy());
        }
    }
    Ok((file, created))
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
    if !marked && !empty()? {
        return Err(OutputError::NotOurs {
            path: target.to_path_buf(),
        });
    }
    if let Some(toolkit) = toolkit_below(target).map_err(OutputError::io(target, "cannot read"))? {
        return Err(OutputError::HoldsToolkit {
            path: target.to_path_buf(),
            toolkit,
        });
    }
    Ok(())
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

/// Makes every file and folder below `root` durable: on Linux one `syncfs(2)` of its file
/// system, elsewhere (or where `syncfs` is missing) each one synced.
fn make_durable(root: &Path) -> io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        let folder = fs::File::open(root)?;
        match rustix::fs::syncfs(&folder) {
            Ok(()) => return Ok(()),
            Err(e) if e == rustix::io::Errno::NOSYS => {}
            Err(e) => return Err(e.into()),
        }
    }
    sync_each(root)
}

/// Syncs every file below `root` on rayon's pool (as many threads as cores), then every folder
/// (where folders can be opened, on Unix), deepest first.
fn sync_each(root: &Path) -> io::Result<()> {
    use rayon::prelude::*;
    let mut files = Vec::new();
    let mut folders = vec![root.to_path_buf()];
    let mut i = 0;
    while let Some(folder) = folders.get(i).cloned() {
        for entry in fs::read_dir(&folder)? {
            let entry = entry?;
            if entry.file_type()?.is_dir() {
                folders.push(entry.path());
            } else {
                files.push(entry.path());
            }
        }
        i += 1;
    }
    files
        .par_iter()
        .try_for_each(|file| fs::File::open(file)?.sync_all())?;
    #[cfg(unix)]
    for folder in folders.iter().rev() {
        fs::File::open(folder)?.sync_all()?;
    }
    Ok(())
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

    #[test]
    fn a_refused_run_leaves_no_lock_file_and_no_folder() {
        let root = tempfile::tempdir().unwrap();
        let mine = root.path().join("mine");
        fs::create_dir(&mine).unwrap();
        fs::write(mine.join("thesis.docx"), "mine").unwrap();
        let err = export(&mine, &["a.pdf"]).unwrap_err();
        assert!(matches!(err, OutputError::NotOurs { .. }), "{err}");
        // A toolkit file given as the output folder: no lock file inside the toolkit.
        let err = export(&mine.join("thesis.docx"), &["a.pdf"]).unwrap_err();
        assert!(matches!(err, OutputError::NotAFolder { .. }), "{err}");
        assert_eq!(names(root.path()), ["mine"]);
        assert_eq!(names(&mine), ["thesis.docx"]);
    }

    #[test]
    fn a_run_that_never_commits_removes_the_folders_it_made() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("new/deeper/out");
        let folder = OutputFolder::open(&out).unwrap();
        fs::write(folder.staging().join("a.pdf"), "a").unwrap();
        assert!(root.path().join("new/deeper").is_dir());
        drop(folder);
        assert!(names(root.path()).is_empty(), "{:?}", names(root.path()));
        // Committed, they stay.
        export(&out, &["a.pdf"]).unwrap();
        assert_eq!(names(&out), [MARKER, "a.pdf"]);
    }

    #[test]
    fn dot_dot_through_a_missing_folder_creates_nothing() {
        let root = tempfile::tempdir().unwrap();
        let err = export(&root.path().join("x/../tk"), &["a.pdf"]).unwrap_err();
        assert_eq!(
            err.to_string().split(" (").next().unwrap(),
            format!(
                "{}: names a folder that does not exist",
                root.path().join("x/..").display()
            )
        );
        assert!(names(root.path()).is_empty());
    }

    #[test]
    fn out_dot_is_the_folder_out() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("out");
        export(&out.join("."), &["a.pdf"]).unwrap();
        export(&out.join("."), &["b.pdf"]).unwrap();
        assert_eq!(names(&out), [MARKER, "b.pdf"]);
        assert_eq!(names(root.path()), [".out.maptoolkit-lock", "out"]);
    }

    #[test]
    fn the_root_of_the_file_system_is_refused_by_name() {
        let err = export(Path::new("/"), &["a.pdf"]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "/: is the root of the file system, which an export cannot replace"
        );
    }

    #[test]
    fn an_export_folder_holding_a_toolkit_is_refused() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("out");
        export(&out, &["a.pdf"]).unwrap();
        fs::create_dir_all(out.join("mytk/drivers")).unwrap();
        fs::write(out.join("mytk/toolkit.toml"), "name = 'n'").unwrap();
        let err = export(&out, &["b.pdf"]).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "{}: holds a toolkit folder ({}), which the export would delete",
                out.display(),
                out.join("mytk/toolkit.toml").display()
            )
        );
        assert!(out.join("mytk/toolkit.toml").is_file());
    }

    #[test]
    fn an_output_folder_inside_or_around_a_toolkit_is_refused() {
        let root = tempfile::tempdir().unwrap();
        let tk = root.path().join("tk");
        fs::create_dir(&tk).unwrap();
        let dirs = [tk.clone()];
        let inside = check_apart(&tk.join("drivers"), &dirs).unwrap_err();
        assert!(
            matches!(inside, OutputError::InsideToolkit { .. }),
            "{inside}"
        );
        let same = check_apart(&tk, &dirs).unwrap_err();
        assert!(matches!(same, OutputError::HoldsToolkit { .. }), "{same}");
        let around = check_apart(root.path(), &dirs).unwrap_err();
        assert!(
            matches!(around, OutputError::HoldsToolkit { .. }),
            "{around}"
        );
        // Through `..`, and below folders that do not exist yet.
        fs::create_dir(tk.join("drivers")).unwrap();
        assert!(check_apart(&tk.join("drivers/../new/out"), &dirs).is_err());
        assert!(
            check_apart(&root.path().join("a/../tk/out"), &dirs).is_ok(),
            "cannot be made"
        );
        check_apart(&root.path().join("out"), &dirs).unwrap();
        check_apart(&root.path().join("tk2"), &dirs).unwrap();
    }

    #[test]
    fn every_file_written_is_made_durable_before_the_swap() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("out");
        export(&out, &["old.pdf"]).unwrap();
        let folder = OutputFolder::open(&out).unwrap();
        fs::create_dir(folder.staging().join("site")).unwrap();
        fs::write(folder.staging().join("a.pdf"), "a").unwrap();
        fs::write(folder.staging().join("site/index.html"), "i").unwrap();
        let mut covered = Vec::new();
        folder
            .commit_with(|fresh| {
                // The old set is still in place while the new one is made durable.
                assert_eq!(names(&out), [MARKER, "old.pdf"]);
                covered = files_below(fresh);
                sync_each(fresh)
            })
            .unwrap();
        assert_eq!(covered, [MARKER, "a.pdf", "site/index.html"]);
        assert_eq!(names(&out), [MARKER, "a.pdf", "site"]);
        // A failed sync swaps nothing in.
        let folder = OutputFolder::open(&out).unwrap();
        fs::write(folder.staging().join("b.pdf"), "b").unwrap();
        let err = folder
            .commit_with(|_| Err(io::Error::other("disk full")))
            .unwrap_err();
        assert!(
            err.to_string().contains("cannot write to disk (disk full)"),
            "{err}"
        );
        assert_eq!(names(&out), [MARKER, "a.pdf", "site"]);
        assert_eq!(names(root.path()), [".out.maptoolkit-lock", "out"]);
    }

    /// Every file below `dir`, relative, sorted.
    fn files_below(dir: &Path) -> Vec<String> {
        let mut out = Vec::new();
        let mut stack = vec![dir.to_path_buf()];
        while let Some(d) = stack.pop() {
            for e in fs::read_dir(&d).unwrap() {
                let e = e.unwrap();
                if e.file_type().unwrap().is_dir() {
                    stack.push(e.path());
                } else {
                    let rel = e
                        .path()
                        .strip_prefix(dir)
                        .unwrap()
                        .to_string_lossy()
                        .into_owned();
                    out.push(rel);
                }
            }
        }
        out.sort();
        out
    }
}
