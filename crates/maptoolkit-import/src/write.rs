//! Writing a toolkit folder: `toolkit.toml` and one TOML file per record.
//!
//! Existing files are never overwritten unless `force` is set: without it, the write stops
//! before touching anything and names every file already there. With it, an existing
//! `toolkit.toml` is kept, gaining only the members and themes it lacks ([`with_existing_info`]).
//! Each file is written to a temporary file in its folder and renamed into place, so a reader
//! never sees half a file. Nothing is written through a symbolic link: the folder and its record
//! folders (`drivers/`, `meetings/`…) must be real folders (or missing), and a link at a file's
//! name is replaced, never followed. Locking the folder against a second run is the caller's
//! (`maptoolkit::ImportFolder`).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use maptoolkit_core::{RecordKind, ToolkitInfo, ToolkitSource};
use serde::Serialize;

/// Why a toolkit folder could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// Files the import would write are already there, and `force` was not set.
    #[error("{} already exist{} (use force to overwrite): {}", .files.len(), if .files.len() == 1 { "s" } else { "" }, .files.iter().map(|f| f.display().to_string()).collect::<Vec<_>>().join(", "))]
    Exists {
        /// The files, inside the output folder.
        files: Vec<PathBuf>,
    },
    /// A record could not be turned into TOML.
    #[error("{}: cannot write as TOML: {source}", .path.display())]
    Toml {
        /// The file it was for.
        path: PathBuf,
        /// What went wrong.
        source: toml::ser::Error,
    },
    /// The folder, or a folder inside it, is a symbolic link (or not a folder): nothing is
    /// written through it.
    #[error("{}: is a symbolic link or not a folder; nothing is written through it", .path.display())]
    NotARealFolder {
        /// The folder.
        path: PathBuf,
    },
    /// The folder's `toolkit.toml` cannot be read, so it cannot be kept; nothing is written.
    #[error("{}: cannot be kept, as it cannot be read: {message}", .path.display())]
    Info {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        message: String,
    },
    /// A file or folder could not be written.
    #[error("{}: {source}", .path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What went wrong.
        source: std::io::Error,
    },
}

/// Every file of a toolkit, relative to its folder, with its TOML text.
///
/// # Errors
/// [`WriteError::Toml`] if a record cannot be serialised.
pub fn toolkit_files(source: &ToolkitSource) -> Result<Vec<(PathBuf, String)>, WriteError> {
    fn file<T: Serialize>(path: String, record: &T) -> Result<(PathBuf, String), WriteError> {
        let path = PathBuf::from(path);
        toml::to_string(record)
            .map(|text| (path.clone(), text))
            .map_err(|source| WriteError::Toml { path, source })
    }
    let mut out = vec![file("toolkit.toml".to_string(), &source.info)?];
    for e in &source.drivers {
        out.push(file(RecordKind::Driver.file(&e.slug), &e.record)?);
    }
    for e in &source.stories {
        out.push(file(RecordKind::Story.file(&e.slug), &e.record)?);
    }
    for e in &source.ideas {
        out.push(file(RecordKind::Idea.file(&e.slug), &e.record)?);
    }
    for e in &source.meetings {
        out.push(file(RecordKind::Meeting.file(&e.slug), &e.record)?);
    }
    Ok(out)
}

/// Writes a toolkit into `dir` (created if missing): `toolkit.toml`, `drivers/`, `meetings/`….
/// Returns the files written, in order.
///
/// # Errors
/// [`WriteError::Exists`] naming every file already there when `force` is false (nothing is
/// written then); [`WriteError::Io`] or [`WriteError::Toml`] when a file cannot be written.
///
/// ```
/// use maptoolkit_import::{import, write_toolkit, ImportOptions, WriteError};
/// let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/archive.txt")).unwrap();
/// let imported = import(&text, &ImportOptions::default());
/// let dir = tempfile::tempdir().unwrap();
/// let written = write_toolkit(dir.path(), &imported.source, false).unwrap();
/// assert_eq!(written.len(), 6);
/// assert!(matches!(write_toolkit(dir.path(), &imported.source, false), Err(WriteError::Exists { .. })));
/// assert!(maptoolkit_core::load(dir.path(), None).is_ok());
/// ```
pub fn write_toolkit(
    dir: &Path,
    source: &ToolkitSource,
    force: bool,
) -> Result<Vec<PathBuf>, WriteError> {
    real_folder(dir)?;
    let merged;
    let source = if force {
        merged = with_existing_info(dir, source.clone())?;
        &merged
    } else {
        source
    };
    let files = toolkit_files(source)?;
    for (rel, _) in &files {
        if let Some(sub) = rel.parent().filter(|p| !p.as_os_str().is_empty()) {
            real_folder(&dir.join(sub))?;
        }
    }
    if !force {
        let existing: Vec<PathBuf> = files
            .iter()
            .map(|(rel, _)| dir.join(rel))
            .filter(|p| p.exists())
            .collect();
        if !existing.is_empty() {
            return Err(WriteError::Exists { files: existing });
        }
    }
    let mut written = Vec::with_capacity(files.len());
    for (rel, text) in files {
        let path = dir.join(&rel);
        write_atomic(&path, text.as_bytes())?;
        written.push(path);
    }
    Ok(written)
}

/// The import's source with the `toolkit.toml` already in `dir`, if there is one, in place of its
/// own: the name, organisation, members and themes there are kept, and the import's members and
/// themes it lacks (by initials, by id) are added after them.
///
/// # Errors
/// [`WriteError::Info`] when the file is there but cannot be read as a toolkit's info (it is
/// then not replaced).
pub fn with_existing_info(
    dir: &Path,
    mut source: ToolkitSource,
) -> Result<ToolkitSource, WriteError> {
    let path = dir.join("toolkit.toml");
    if fs::symlink_metadata(&path).is_err() {
        return Ok(source);
    }
    let info_error = |message: String| WriteError::Info {
        path: path.clone(),
        message,
    };
    let text = maptoolkit_core::read_text_file(&path, maptoolkit_core::MAX_FILE_BYTES)
        .map_err(|e| info_error(e.to_string()))?;
    let mut info: ToolkitInfo = maptoolkit_core::parse_record(&text).map_err(|problems| {
        info_error(
            problems
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; "),
        )
    })?;
    for member in std::mem::take(&mut source.info.members) {
        if !info.members.iter().any(|m| m.initials == member.initials) {
            info.members.push(member);
        }
    }
    for theme in std::mem::take(&mut source.info.themes) {
        if !info.themes.iter().any(|t| t.id == theme.id) {
            info.themes.push(theme);
        }
    }
    source.info = info;
    Ok(source)
}

/// Checks that `path` is a real folder or missing: never a symbolic link or a file.
fn real_folder(path: &Path) -> Result<(), WriteError> {
    match fs::symlink_metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(source) => Err(WriteError::Io {
            path: path.to_path_buf(),
            source,
        }),
        Ok(meta) if meta.is_dir() => Ok(()),
        Ok(_) => Err(WriteError::NotARealFolder {
            path: path.to_path_buf(),
        }),
    }
}

/// Writes a file through a temporary file in the same folder and a rename.
///
/// The temporary file is created exclusively under a random name (`tempfile`), so a link planted
/// at a predictable name cannot redirect the write; the rename replaces a link at `path` itself
/// rather than writing through it.
fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let io = |p: &Path| {
        let p = p.to_path_buf();
        move |source| WriteError::Io { path: p, source }
    };
    let parent = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(parent).map_err(io(parent))?;
    let mut file = tempfile::Builder::new()
        .prefix(".maptoolkit-import-")
        .suffix(".tmp")
        .tempfile_in(parent)
        .map_err(io(parent))?;
    file.write_all(bytes).map_err(io(path))?;
    file.as_file().sync_all().map_err(io(path))?;
    make_readable(file.path()).map_err(io(path))?;
    file.persist(path).map_err(|e| io(path)(e.error))?;
    Ok(())
}

/// Gives a file the usual permissions (`rw-r--r--`): temporary files are created private.
fn make_readable(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(path, fs::Permissions::from_mode(0o644))?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    /// The importer used to write through `.<name>.<pid>.tmp`, opened with `File::create`, so a
    /// link planted at that name sent the file outside the folder.
    #[test]
    fn links_at_temporary_or_target_names_are_never_followed() {
        let work = tempfile::tempdir().unwrap();
        let outside = work.path().join("outside.txt");
        fs::write(&outside, "keep me").unwrap();
        let dir = work.path().join("toolkit");
        fs::create_dir(&dir).unwrap();
        let pid = std::process::id();
        std::os::unix::fs::symlink(&outside, dir.join(format!(".toolkit.toml.{pid}.tmp"))).unwrap();
        std::os::unix::fs::symlink(&outside, dir.join("note.toml")).unwrap();
        write_atomic(&dir.join("toolkit.toml"), b"name = \"x\"\n").unwrap();
        write_atomic(&dir.join("note.toml"), b"replaced\n").unwrap();
        assert_eq!(fs::read_to_string(&outside).unwrap(), "keep me");
        assert_eq!(
            fs::read_to_string(dir.join("toolkit.toml")).unwrap(),
            "name = \"x\"\n"
        );
        let note = fs::symlink_metadata(dir.join("note.toml")).unwrap();
        assert!(note.is_file(), "the link itself is replaced");
    }
}
