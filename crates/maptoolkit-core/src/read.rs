//! Reading a text file that a user (or an attacker) controls: regular files only, never more
//! than a limit, and UTF-8.
//!
//! A toolkit folder is user data. A record may be a symlink to `/dev/zero`, a FIFO that blocks
//! the reader for ever, or a file whose size in metadata lies (`/proc/self/pagemap` says 0 bytes).
//! So the file's type is checked from metadata before it is opened, checked again on the open
//! handle (in case the file was swapped in between), and the read stops at the limit plus one
//! byte whatever the metadata said.

use std::fs::{self, File, Metadata};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use crate::Span;

/// Why a text file could not be read. Each message reads after the file's name:
/// `drivers/x.toml: is a FIFO (named pipe), not a regular file`.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReadError {
    /// The file is missing, unreadable, or reading it failed.
    #[error("cannot be read ({0})")]
    Io(#[from] io::Error),
    /// The file is a symbolic link to a file that does not exist.
    #[error("is a broken link (to `{}`, which does not exist)", target.display())]
    BrokenLink {
        /// Where the link points.
        target: PathBuf,
    },
    /// The file is a folder, a FIFO, a device or a socket: only regular files are read.
    #[error("is {kind}, not a regular file")]
    NotAFile {
        /// What it is instead, e.g. `a FIFO (named pipe)`.
        kind: &'static str,
    },
    /// The file holds more than the limit.
    #[error("is more than the {limit} bytes allowed")]
    TooLarge {
        /// The most bytes allowed.
        limit: u64,
    },
    /// The file is not valid UTF-8.
    #[error("is not valid UTF-8 (line {}, column {})", span.line, span.column)]
    NotUtf8 {
        /// The text with each invalid sequence replaced by U+FFFD, to show the problem in.
        text: String,
        /// Where the first invalid byte is, in `text`: it covers the U+FFFD that replaced it.
        span: Span,
    },
}

/// Reads a regular file of at most `limit` bytes as UTF-8 text.
///
/// Symbolic links are followed, but what they lead to must be a regular file: FIFOs, devices,
/// sockets and folders are refused without being opened for reading. At most `limit + 1` bytes
/// are read, whatever the file's metadata says, so a file that grows or lies about its size
/// cannot exhaust memory.
///
/// # Errors
/// A [`ReadError`]: the file cannot be read, is a broken link, is not a regular file, is larger
/// than `limit`, or is not UTF-8.
///
/// ```
/// use maptoolkit_core::{ReadError, read_text_file};
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("toolkit.toml");
/// std::fs::write(&path, "name = 'MAP Toolkit'\n").unwrap();
/// assert_eq!(read_text_file(&path, 100).unwrap(), "name = 'MAP Toolkit'\n");
/// let err = read_text_file(&path, 10).unwrap_err();
/// assert!(matches!(err, ReadError::TooLarge { limit: 10 }));
/// assert_eq!(read_text_file(dir.path(), 100).unwrap_err().to_string(), "is a folder, not a regular file");
/// ```
pub fn read_text_file(path: &Path, limit: u64) -> Result<String, ReadError> {
    let metadata = match fs::metadata(path) {
        Ok(metadata) => metadata,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Err(match fs::read_link(path) {
                Ok(target) => ReadError::BrokenLink { target },
                Err(_) => ReadError::Io(e),
            });
        }
        Err(e) => return Err(ReadError::Io(e)),
    };
    regular(&metadata)?;
    if metadata.len() > limit {
        return Err(ReadError::TooLarge { limit });
    }
    let file = open(path)?;
    regular(&file.metadata()?)?;
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { limit });
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
        let end = at + text[at..].chars().next().map_or(0, char::len_utf8);
        let span = Span::locate(&text, at..end);
        ReadError::NotUtf8 { text, span }
    })
}

/// Opens a file for reading. On Unix it is opened non-blocking, so a FIFO swapped in after the
/// metadata check cannot block the open; the handle's own metadata is checked next.
fn open(path: &Path) -> io::Result<File> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32);
    }
    options.open(path)
}

/// Refuses anything but a regular file, saying what it is.
fn regular(metadata: &Metadata) -> Result<(), ReadError> {
    let file_type = metadata.file_type();
    if file_type.is_file() {
        return Ok(());
    }
    let kind = if file_type.is_dir() {
        "a folder"
    } else {
        special_kind(&file_type)
    };
    Err(ReadError::NotAFile { kind })
}

#[cfg(unix)]
fn special_kind(file_type: &fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if file_type.is_fifo() {
        "a FIFO (named pipe)"
    } else if file_type.is_socket() {
        "a socket"
    } else if file_type.is_block_device() || file_type.is_char_device() {
        "a device"
    } else {
        "something else"
    }
}

#[cfg(not(unix))]
fn special_kind(_: &fs::FileType) -> &'static str {
    "something else"
}
