//! `cargo xtask`: the batch jobs that run maptoolkit over toolkit folders.
//!
//! Run `cargo xtask --help` for the commands. Exit codes: 0 success, 1 invalid input or a failed
//! job, 2 usage errors.

mod as_of;
mod validate;

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
        /// The toolkit folder.
        #[arg(default_value = "fixtures")]
        dir: PathBuf,
        /// Judge review dates as of this day (default: SOURCE_DATE_EPOCH, else today).
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = as_of::parse_flag)]
        as_of: Option<Date>,
    },
    /// Write JSON Schemas for toolkit.toml and the record files.
    Schema {
        /// Where to write them.
        #[arg(long, default_value = "target/schema")]
        out: PathBuf,
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
            let as_of = as_of::resolve(as_of)?;
            Ok(match validate::run(&dir, as_of) {
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
        Command::Schema { out } => {
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
