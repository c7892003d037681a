//! `cargo xtask package`: package every published crate and run its doctests from the package.
//!
//! A doctest that reads `../../fixtures` passes in the repository and fails for everyone who
//! downloads the crate. So this packages the crates as `cargo publish` would
//! (`cargo package --workspace`), unpacks them side by side in `target/package-check/`, points
//! each crate's dependencies on the others at the unpacked copies (`[patch.crates-io]`, since they
//! are not on crates.io) and runs `cargo test --doc` there. Not part of the tests: it compiles
//! every dependency again without the repository's profile settings, which takes minutes.

use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result, bail};

/// Crates that are never published.
const UNPUBLISHED: [&str; 2] = ["xtask", "maptoolkit-tests"];

/// Packages, unpacks and doctests every published crate; `Ok(false)` when a doctest failed.
pub fn run(root: &Path) -> Result<bool> {
    let packages = root.join("target/package");
    if packages.exists() {
        std::fs::remove_dir_all(&packages)
            .with_context(|| format!("removing {}", packages.display()))?;
    }
    let mut package = Command::new(env!("CARGO"));
    package
        .current_dir(root)
        .args(["package", "--workspace", "--no-verify", "--allow-dirty"]);
    for name in UNPUBLISHED {
        package.args(["--exclude", name]);
    }
    if !package.status().context("running cargo package")?.success() {
        bail!("cargo package failed");
    }

    let check = root.join("target/package-check");
    let work = check.join("crates");
    if work.exists() {
        std::fs::remove_dir_all(&work).with_context(|| format!("removing {}", work.display()))?;
    }
    std::fs::create_dir_all(&work).with_context(|| format!("creating {}", work.display()))?;
    let mut crates = Vec::new();
    for entry in std::fs::read_dir(&packages).context("listing target/package")? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "crate") {
            let status = Command::new("tar")
                .arg("xzf")
                .arg(&path)
                .arg("-C")
                .arg(&work)
                .status()
                .context("running tar")?;
            if !status.success() {
                bail!("tar could not unpack {}", path.display());
            }
            let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
            crates.push(stem);
        }
    }
    crates.sort();
    if crates.is_empty() {
        bail!("cargo package made no .crate files");
    }

    // "maptoolkit-core-0.1.0" is the crate "maptoolkit-core" at version 0.1.0.
    let name = |dir: &str| dir.rsplit_once('-').map_or(dir, |(n, _)| n).to_string();
    let members: Vec<String> = crates.iter().map(|c| format!("{c:?}")).collect();
    let patches: Vec<String> = crates
        .iter()
        .map(|c| format!("{} = {{ path = {c:?} }}", name(c)))
        .collect();
    let manifest = format!(
        "# Written by `cargo xtask package`: the packaged crates, each other's dependencies.\n\
         [workspace]\nresolver = \"3\"\nmembers = [{}]\n\n[patch.crates-io]\n{}\n",
        members.join(", "),
        patches.join("\n")
    );
    std::fs::write(work.join("Cargo.toml"), manifest).context("writing the check's manifest")?;
    // The repository's lock file, so the check builds what the repository builds.
    std::fs::copy(root.join("Cargo.lock"), work.join("Cargo.lock"))
        .context("copying Cargo.lock")?;

    println!("running the doctests of {} packaged crates", crates.len());
    let status = Command::new(env!("CARGO"))
        .current_dir(&work)
        .env("CARGO_TARGET_DIR", check.join("target"))
        .args(["test", "--doc", "--workspace"])
        .status()
        .context("running cargo test --doc")?;
    Ok(status.success())
}
