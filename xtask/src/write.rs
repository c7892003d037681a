//! Writing artifacts into an output folder all-or-nothing.
//!
//! Every file is first written to a temporary name beside its target; only when all are written
//! are they renamed into place. Files an earlier export wrote that this one did not (a meeting
//! since removed, or a protected pack from a members run) are removed, using a manifest kept in
//! the folder, so the folder never holds a stale mix.

use std::collections::BTreeSet;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use maptoolkit_briefing::Artifact;

/// The file, in the output folder, listing what the last export wrote.
pub const MANIFEST: &str = ".maptoolkit-export";

/// Writes `artifacts` below `out`, replacing what the previous export there wrote.
///
/// Returns the paths written, in order.
///
/// # Errors
/// When a folder or file cannot be created or renamed. Temporary files are removed, and files
/// already in place are left as they were before the call.
pub fn write_all(out: &Path, artifacts: &[Artifact]) -> Result<Vec<PathBuf>> {
    let mut targets = Vec::with_capacity(artifacts.len());
    let mut seen = BTreeSet::new();
    for artifact in artifacts {
        let relative = artifact.path.as_str();
        if !seen.insert(relative) {
            bail!("two artifacts would be written to {relative}");
        }
        // ArtifactPath components are already safe; check again so no path can leave `out`.
        let mut target = out.to_path_buf();
        for component in artifact.path.components() {
            if component.is_empty() || component.starts_with('.') || component.contains(['/', '\\'])
            {
                bail!("refusing to write outside {}: {relative}", out.display());
            }
            target.push(component);
        }
        targets.push(target);
    }

    let mut temps: Vec<PathBuf> = Vec::with_capacity(targets.len());
    let staged = stage(artifacts, &targets, &mut temps);
    if let Err(err) = staged {
        for temp in &temps {
            let _ = fs::remove_file(temp);
        }
        return Err(err);
    }
    for (temp, target) in temps.iter().zip(&targets) {
        fs::rename(temp, target)
            .with_context(|| format!("moving {} into place", target.display()))?;
    }

    let written: BTreeSet<String> = artifacts
        .iter()
        .map(|a| a.path.as_str().to_string())
        .collect();
    remove_stale(out, &written)?;
    let manifest: String = written.iter().map(|p| format!("{p}\n")).collect();
    write_atomic(&out.join(MANIFEST), manifest.as_bytes())?;
    Ok(targets)
}

/// Writes every artifact to a temporary file beside its target, recording each temporary path.
fn stage(artifacts: &[Artifact], targets: &[PathBuf], temps: &mut Vec<PathBuf>) -> Result<()> {
    for (artifact, target) in artifacts.iter().zip(targets) {
        let mut file = temp_beside(target)?;
        file.write_all(&artifact.bytes)
            .and_then(|()| file.as_file().sync_all())
            .with_context(|| format!("writing {}", target.display()))?;
        let (_, path) = file
            .keep()
            .with_context(|| format!("keeping {}", target.display()))?;
        temps.push(path.clone());
        make_readable(&path)?;
    }
    Ok(())
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
