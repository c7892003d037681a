//! The `maptoolkit` command: validate a MAP Toolkit folder and export its executive briefings.
//!
//! The binary is a thin layer over the [`maptoolkit`] library: argument parsing, what is
//! printed and exit codes (0 done, 1 invalid input or a failed job, 2 a usage error). Its
//! commands are public so that `cargo xtask export` and `cargo xtask import` run the very same code with the
//! repository's folders.
#![warn(missing_docs)]
#![allow(
    rustdoc::bare_urls,
    rustdoc::invalid_html_tags,
    reason = "the arguments' doc comments are the command's --help text, read in a terminal: plain text, not Markdown"
)]

mod args;
pub mod export;
pub mod import;
mod scaffold;
mod ui;
pub mod validate;

use std::ffi::OsString;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

pub use ui::{ColorChoice, Ui};

/// The command line.
#[derive(Debug, Parser)]
#[command(
    name = "maptoolkit",
    version,
    about = "Turn a MAP Toolkit folder into executive briefings (Word, PDF, CSV)",
    long_about = None,
)]
pub struct Cli {
    /// Print errors only
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Print every file written and every warning
    #[arg(long, short, global = true)]
    pub verbose: bool,
    /// When to use colour
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a toolkit folder and list every problem (exit 1 if there are errors)
    Validate(validate::ValidateArgs),
    /// Validate toolkit folders and write their briefings, meeting packs and registers
    ///
    /// One folder for one audience is written straight into the output folder; several
    /// folders or audiences go to OUT/<folder name>/<audience>. The output folder is replaced
    /// whole, only once everything has been written.
    Export(export::ExportArgs),
    /// Turn saved MAP Toolkit posts (plain text) into a toolkit folder
    Import(import::ImportArgs),
    /// Make a new toolkit folder, with schemas and editor settings
    New(scaffold::NewArgs),
    /// Write the JSON Schemas of toolkit.toml and the record files
    Schema(scaffold::SchemaArgs),
    /// Print a shell's completion script, e.g. `maptoolkit completions bash`
    Completions {
        /// The shell
        shell: clap_complete::Shell,
    },
}

/// Runs the command line `args` (the program name first) and returns the exit code.
pub fn run<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let ui = Ui::new(cli.quiet, cli.verbose, cli.color);
    match &cli.command {
        Command::Validate(args) => validate::run(args, &ui),
        Command::Export(args) => export::run(args, &ui),
        Command::Import(args) => import::run(args, &ui),
        Command::New(args) => scaffold::new(args, &ui),
        Command::Schema(args) => scaffold::schema(args, &ui),
        Command::Completions { shell } => {
            clap_complete::generate(
                *shell,
                &mut Cli::command(),
                "maptoolkit",
                &mut std::io::stdout(),
            );
            ExitCode::SUCCESS
        }
    }
}
