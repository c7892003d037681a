//! `cargo xtask fuzz [--seconds N] [TARGET...]`: run the cargo-fuzz targets in `fuzz/` for a
//! bounded time each and report how many inputs ran and whether anything crashed.
//!
//! Each target starts from its seed corpus (`fuzz/seeds/<target>`, kept in git) plus what earlier
//! runs found (`fuzz/corpus/<target>`, ignored by git). The stable toolchain takes cargo-fuzz's
//! nightly flags with `RUSTC_BOOTSTRAP=1`. No sanitizer is used: our crates forbid `unsafe`, so
//! the fuzzers look for panics (debug assertions and overflow checks on), not memory errors.
//! libFuzzer's output goes to `fuzz/target/<target>.log`. Not part of CI or the tests.

use std::fs::File;
use std::path::Path;
use std::process::{Command, Stdio};

use anyhow::{Context, Result, bail};

/// Every fuzz target, as named in `fuzz/Cargo.toml`.
pub const TARGETS: [&str; 4] = ["toml_records", "import_posts", "dates", "render"];

/// The targets that need the exporters (the `exporters` feature of `fuzz/Cargo.toml`); the
/// others build without them, which saves most of a fuzz build's time.
const NEED_EXPORTERS: [&str; 1] = ["render"];

/// What one target's run came to.
#[derive(Debug)]
struct Outcome {
    target: String,
    executions: Option<u64>,
    crashed: bool,
    artifact: Option<String>,
    log: String,
}

/// Runs each target for `seconds`; returns whether every target ran without a crash.
pub fn run(root: &Path, seconds: u64, targets: &[String]) -> Result<bool> {
    check_cargo_fuzz()?;
    let targets: Vec<String> = if targets.is_empty() {
        TARGETS.iter().map(|t| t.to_string()).collect()
    } else {
        targets.to_vec()
    };
    let fuzz_dir = root.join("fuzz");
    let target_dir = fuzz_dir.join("target");
    std::fs::create_dir_all(&target_dir)
        .with_context(|| format!("creating {}", target_dir.display()))?;
    let mut outcomes = Vec::new();
    for target in &targets {
        println!("fuzzing {target} for {seconds} s (building first if needed)…");
        outcomes.push(run_one(&fuzz_dir, target, seconds)?);
    }
    println!();
    println!("{:<14} {:>14}  result", "target", "executions");
    for o in &outcomes {
        let executions = o
            .executions
            .map_or_else(|| "?".to_string(), |n| n.to_string());
        let result = match (&o.crashed, &o.artifact) {
            (false, _) => "no crash".to_string(),
            (true, Some(path)) => format!("CRASH, input saved to {path}"),
            (true, None) => format!("FAILED, see {}", o.log),
        };
        println!("{:<14} {executions:>14}  {result}", o.target);
    }
    Ok(outcomes.iter().all(|o| !o.crashed))
}

/// Fails with install instructions when cargo-fuzz is missing.
fn check_cargo_fuzz() -> Result<()> {
    let found = Command::new("cargo")
        .args(["fuzz", "--version"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !found {
        bail!(
            "cargo-fuzz is not installed: install it with `cargo install cargo-fuzz` \
             (it needs a C++ compiler for libFuzzer)"
        );
    }
    Ok(())
}

/// Builds and runs one target, its libFuzzer output written to `fuzz/target/<target>.log`.
fn run_one(fuzz_dir: &Path, target: &str, seconds: u64) -> Result<Outcome> {
    let corpus = fuzz_dir.join("corpus").join(target);
    let seeds = fuzz_dir.join("seeds").join(target);
    std::fs::create_dir_all(&corpus).with_context(|| format!("creating {}", corpus.display()))?;
    let log_path = fuzz_dir.join("target").join(format!("{target}.log"));
    let log =
        File::create(&log_path).with_context(|| format!("creating {}", log_path.display()))?;
    let status = Command::new("cargo")
        .current_dir(fuzz_dir.parent().context("fuzz/ has a parent")?)
        .env("RUSTC_BOOTSTRAP", "1")
        .args([
            "fuzz",
            "run",
            target,
            "--sanitizer",
            "none",
            "--debug-assertions",
        ])
        .args((!NEED_EXPORTERS.contains(&target)).then_some("--no-default-features"))
        .arg("--fuzz-dir")
        .arg(fuzz_dir)
        .arg("--target-dir")
        .arg(fuzz_dir.join("target"))
        .arg(&corpus)
        .arg(&seeds)
        .arg("--")
        .arg(format!("-max_total_time={seconds}"))
        .arg("-print_final_stats=1")
        .stdout(log.try_clone()?)
        .stderr(log)
        .status()
        .context("running cargo fuzz")?;
    let text = std::fs::read_to_string(&log_path)?;
    Ok(Outcome {
        target: target.to_string(),
        executions: executions(&text),
        crashed: !status.success(),
        artifact: artifact(&text),
        log: log_path.display().to_string(),
    })
}

/// The number of inputs run, from `stat::number_of_executed_units: N` or the `#N DONE` line.
fn executions(log: &str) -> Option<u64> {
    let stat = log.lines().find_map(|line| {
        line.strip_prefix("stat::number_of_executed_units:")
            .and_then(|n| n.trim().parse().ok())
    });
    stat.or_else(|| {
        log.lines().rev().find_map(|line| {
            let rest = line.strip_prefix('#')?;
            let (n, what) = rest.split_once(char::is_whitespace)?;
            (what.trim_start().starts_with("DONE")).then(|| n.parse().ok())?
        })
    })
}

/// The path libFuzzer saved a crashing input to, if it did.
fn artifact(log: &str) -> Option<String> {
    log.lines().find_map(|line| {
        let (_, path) = line.split_once("Test unit written to ")?;
        Some(path.trim().to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_executions_from_the_final_stats_or_the_done_line() {
        let log = "#1024\tpulse  cov: 10\n#52311\tDONE   cov: 2201 ft: 9001\n\
                   stat::number_of_executed_units: 52311\nstat::peak_rss_mb: 80\n";
        assert_eq!(executions(log), Some(52311));
        assert_eq!(executions("#77\tDONE   cov: 1\n"), Some(77));
        assert_eq!(executions("error: could not compile\n"), None);
    }

    #[test]
    fn finds_the_saved_crash_input() {
        let log = "==1== ERROR: libFuzzer: deadly signal\n\
                   artifact_prefix='/r/fuzz/artifacts/dates/'; Test unit written to \
                   /r/fuzz/artifacts/dates/crash-abc\n";
        assert_eq!(
            artifact(log).as_deref(),
            Some("/r/fuzz/artifacts/dates/crash-abc")
        );
        assert_eq!(artifact("Done 10 runs\n"), None);
    }
}
