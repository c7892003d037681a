//! `cargo xtask`: the repository's jobs — the fixtures' export, importing the old site,
//! benchmarks, a synthetic corpus, fuzzing and a check of the packaged crates.
//!
//! The product is the `maptoolkit` command (`crates/maptoolkit-cli`); `cargo xtask export` runs
//! its very export code, with this repository's folders as defaults. Run `cargo xtask --help`
//! for the commands. Exit codes: 0 success, 1 invalid input or a failed job, 2 usage errors.

mod bench;
mod corpus;
mod fuzz;
mod package;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;
use clap::{Parser, Subcommand};
use maptoolkit_cli::{ColorChoice, Ui, export::ExportArgs, import::ImportArgs};

#[derive(Parser)]
#[command(
    name = "cargo xtask",
    about = "Repository jobs for maptoolkit",
    version
)]
struct Cli {
    /// Print errors only
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    quiet: bool,
    /// Print every file written and every warning
    #[arg(long, short, global = true)]
    verbose: bool,
    /// When to use colour
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// `maptoolkit export`, by default of fixtures/ into target/briefings
    Export(ExportArgs),
    /// `maptoolkit import`: saved posts or a WordPress export (site.xml) to a toolkit folder
    Import(ImportArgs),
    /// Generate a synthetic toolkit of N drivers (plus Markdown and Typst copies) for benchmarks
    GenCorpus {
        /// How many drivers
        n: usize,
        /// Where to write it
        #[arg(long)]
        out: PathBuf,
        /// The seed: the same seed gives the same corpus
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Time our exporters against pandoc and typst on a synthetic corpus (not part of the tests)
    Bench {
        /// Corpus sizes in drivers, e.g. `1000 10000`
        #[arg(default_values_t = [1000])]
        sizes: Vec<usize>,
        /// The corpus seed
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Run pandoc and typst only for sizes up to this many drivers (they slow down sharply)
        #[arg(long, default_value_t = 3000)]
        peers_up_to: usize,
        /// Also time the default export and html alone writing into this folder (a tmpfs such
        /// as /dev/shm), to tell the file system's share from the work's
        #[arg(long)]
        tmpfs: Option<std::path::PathBuf>,
    },
    /// Run the cargo-fuzz targets in fuzz/ for a bounded time each (not part of the tests)
    Fuzz {
        /// How long to run each target, in seconds
        #[arg(long, default_value_t = 60)]
        seconds: u64,
        /// Targets to run (default: every target)
        #[arg(value_parser = fuzz::TARGETS)]
        targets: Vec<String>,
    },
    /// Package every published crate and run its doctests from the package (not part of the tests)
    Package,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let ui = Ui::new(cli.quiet, cli.verbose, cli.color);
    match run(cli.command, &ui) {
        Ok(code) => code,
        Err(err) => {
            ui.error(&format!("{err:#}"), None);
            ExitCode::from(1)
        }
    }
}

fn run(command: Command, ui: &Ui) -> Result<ExitCode> {
    match command {
        Command::Export(mut args) => {
            if args.dirs.is_empty() {
                args.dirs = vec![repo_path("fixtures")];
            }
            args.out = Some(args.out.unwrap_or_else(|| repo_path("target/briefings")));
            Ok(maptoolkit_cli::export::run(&args, ui))
        }
        Command::Import(args) => Ok(maptoolkit_cli::import::run(&args, ui)),
        Command::GenCorpus { n, out, seed } => {
            corpus::write(&corpus::generate(n, seed), &out)?;
            ui.say(&format!(
                "wrote {n} drivers to {}",
                out.join("toolkit").display()
            ));
            Ok(ExitCode::SUCCESS)
        }
        Command::Bench {
            sizes,
            seed,
            peers_up_to,
            tmpfs,
        } => {
            bench::run(repo_root(), &sizes, seed, peers_up_to, tmpfs.as_deref())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Fuzz { seconds, targets } => Ok(if fuzz::run(repo_root(), seconds, &targets)? {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        }),
        Command::Package => Ok(if package::run(repo_root())? {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        }),
    }
}

/// The repository's root: xtask's defaults are its folders, whatever the current folder.
fn repo_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the repository")
}

/// A path inside this repository, shown short when run from its root, as `cargo xtask` is.
fn repo_path(relative: &str) -> PathBuf {
    let root = repo_root();
    match std::env::current_dir() {
        Ok(cwd) if cwd == root => PathBuf::from(relative),
        _ => root.join(relative),
    }
}

/// mimalloc, as in the `maptoolkit` command (see its `main.rs` and BENCHMARKS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
