//! `cargo xtask`: the batch jobs that run maptoolkit over toolkit folders.
//!
//! Run `cargo xtask --help` for the commands. Exit codes: 0 success, 1 invalid input or a failed
//! job, 2 usage errors.

mod as_of;
mod bench;
mod corpus;
mod export;
mod fuzz;
mod import;
mod validate;
mod write;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use maptoolkit_core::Date;

#[derive(Parser)]
#[command(name = "cargo xtask", about = "Batch jobs for maptoolkit", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check a toolkit folder and list every problem (exit 1 if there are errors).
    Validate {
        /// The toolkit folder [default: the repository's fixtures]
        dir: Option<PathBuf>,
        /// Judge review dates as of this day (default: SOURCE_DATE_EPOCH, else today).
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = as_of::parse_flag)]
        as_of: Option<Date>,
    },
    /// Validate toolkits and write their briefings, meeting packs and registers.
    ///
    /// One folder for one audience is written straight into the output folder. Several folders
    /// or audiences are exported in parallel, each into `<out>/<folder name>/<audience>`.
    Export {
        /// The toolkit folders [default: the repository's fixtures]
        dirs: Vec<PathBuf>,
        /// The output folder [default: the repository's target/briefings]
        #[arg(long)]
        out: Option<PathBuf>,
        /// Formats to write, comma-separated (default: every linked format).
        #[arg(long, value_delimiter = ',')]
        format: Vec<String>,
        /// Who the briefing is for: public (executive teams) or members (the toolkit group);
        /// comma-separated for both.
        #[arg(long, value_delimiter = ',', default_value = "public",
              value_parser = ["public", "members"])]
        audience: Vec<String>,
        /// The date the briefing is as of (default: SOURCE_DATE_EPOCH, else today).
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = as_of::parse_flag)]
        as_of: Option<Date>,
        /// Start CSV files with a UTF-8 byte-order mark, for Excel.
        #[arg(long)]
        bom: bool,
        /// Where the website (`--format html`) will be published, e.g. https://example.org/map/.
        /// Its Atom feed needs absolute links, so without this no feed.xml is written.
        #[arg(long, value_name = "URL", value_parser = export::parse_base_url)]
        base_url: Option<String>,
        /// Print only errors.
        #[arg(long, short)]
        quiet: bool,
    },
    /// Generate a synthetic toolkit of N drivers (plus Markdown and Typst copies) for benchmarks.
    GenCorpus {
        /// How many drivers.
        n: usize,
        /// Where to write it.
        #[arg(long)]
        out: PathBuf,
        /// The seed: the same seed gives the same corpus.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Turn saved MAP Toolkit posts (plain text) into a toolkit folder.
    Import {
        /// Text files of posts, as saved from the toolkit's web pages.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The toolkit folder to write.
        #[arg(long)]
        out: PathBuf,
        /// Replace files already in the folder.
        #[arg(long)]
        force: bool,
        /// The toolkit's name, for toolkit.toml.
        #[arg(long, default_value = "MAP Toolkit")]
        name: String,
        /// Who keeps the toolkit, for toolkit.toml.
        #[arg(long, default_value = "Imported from MAP Toolkit posts")]
        organisation: String,
    },
    /// Time our exporters against pandoc and typst on a synthetic corpus (not part of the tests).
    Bench {
        /// Corpus sizes in drivers, e.g. `1000 10000`.
        #[arg(default_values_t = [1000])]
        sizes: Vec<usize>,
        /// The corpus seed.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Run pandoc and typst only for sizes up to this many drivers (they slow down sharply).
        #[arg(long, default_value_t = 3000)]
        peers_up_to: usize,
    },
    /// Run the cargo-fuzz targets in fuzz/ for a bounded time each (not part of the tests).
    Fuzz {
        /// How long to run each target, in seconds.
        #[arg(long, default_value_t = 60)]
        seconds: u64,
        /// Targets to run (default: every target).
        #[arg(value_parser = fuzz::TARGETS)]
        targets: Vec<String>,
    },
    /// Write JSON Schemas for toolkit.toml and the record files.
    Schema {
        /// Where to write them [default: the repository's target/schema]
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::from(1)
        }
    }
}

fn run(command: Command) -> Result<ExitCode> {
    match command {
        Command::Validate { dir, as_of } => {
            let dir = dir.unwrap_or_else(|| repo_path("fixtures"));
            let as_of = as_of::resolve(as_of)?;
            Ok(match validate::run(&dir, as_of, usize::MAX) {
                Some(v) => {
                    let t = &v.toolkit;
                    println!(
                        "{}: valid (drivers: {}, stories: {}, ideas: {}, meetings: {}, warnings: {})",
                        dir.display(),
                        t.drivers().len(),
                        t.stories().len(),
                        t.ideas().len(),
                        t.meetings().len(),
                        v.warnings.len()
                    );
                    ExitCode::SUCCESS
                }
                None => ExitCode::from(1),
            })
        }
        Command::Export {
            dirs,
            out,
            format,
            audience,
            as_of,
            bom,
            base_url,
            quiet,
        } => {
            let dirs = if dirs.is_empty() {
                vec![repo_path("fixtures")]
            } else {
                dirs
            };
            let out = out.unwrap_or_else(|| repo_path("target/briefings"));
            let audiences = audience
                .iter()
                .map(|a| a.parse())
                .collect::<Result<Vec<_>, _>>()
                .map_err(anyhow::Error::msg)?;
            let request = export::Request {
                dirs: &dirs,
                out: &out,
                formats: &format,
                audiences: &audiences,
                as_of: as_of::resolve(as_of)?,
                base_url,
                quiet,
            };
            let registry = export::registry(bom);
            if let Some(name) = format.iter().find(|n| registry.get(n).is_err()) {
                let err = registry.get(name).err().expect("just checked");
                eprintln!("error: {err}");
                return Ok(ExitCode::from(2));
            }
            Ok(match export::run(&request, &registry)? {
                Some(_) => ExitCode::SUCCESS,
                None => ExitCode::from(1),
            })
        }
        Command::GenCorpus { n, out, seed } => {
            corpus::write(&corpus::generate(n, seed), &out)?;
            println!("wrote {n} drivers to {}", out.join("toolkit").display());
            Ok(ExitCode::SUCCESS)
        }
        Command::Import {
            files,
            out,
            force,
            name,
            organisation,
        } => {
            let options = maptoolkit_import::ImportOptions { name, organisation };
            Ok(match import::run(&files, &out, &options, force)? {
                import::Outcome::Clean => ExitCode::SUCCESS,
                import::Outcome::WithErrors | import::Outcome::Refused => ExitCode::from(1),
            })
        }
        Command::Bench {
            sizes,
            seed,
            peers_up_to,
        } => {
            let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .parent()
                .expect("repository root");
            bench::run(root, &sizes, seed, peers_up_to)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Fuzz { seconds, targets } => {
            let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .parent()
                .expect("repository root");
            Ok(if fuzz::run(root, seconds, &targets)? {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        Command::Schema { out } => {
            let out = out.unwrap_or_else(|| repo_path("target/schema"));
            std::fs::create_dir_all(&out).with_context(|| format!("creating {}", out.display()))?;
            for (name, schema) in maptoolkit_core::schemas() {
                let path = out.join(name);
                let mut json = serde_json::to_string_pretty(&schema)?;
                json.push('\n');
                std::fs::write(&path, json)
                    .with_context(|| format!("writing {}", path.display()))?;
                println!("wrote {}", path.display());
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// A path inside this repository, for defaults that should not depend on the current folder.
fn repo_path(relative: &str) -> PathBuf {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the repository");
    let path = root.join(relative);
    // Show short paths when run from the repository's root, as `cargo xtask` usually is.
    match std::env::current_dir() {
        Ok(cwd) if cwd == root => PathBuf::from(relative),
        _ => path,
    }
}

/// mimalloc rather than the system allocator: a batch export frees the toolkit, the registers
/// and each window of layout as it goes, and mimalloc hands that memory back or reuses it on
/// any thread, where glibc's allocator kept it (at 10,000 drivers, about 250 MiB at peak
/// against 320 MiB; see BENCHMARKS.md). The libraries leave the choice to their users.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
