//! What the command prints and how: quiet or verbose, colour or not, progress on a terminal.
//!
//! Results go to standard output; errors, warnings and progress to standard error.

use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use maptoolkit::core::Report;
use maptoolkit::terminal_safe;

/// When to colour what goes to standard error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    /// When standard error is a terminal and `NO_COLOR` is not set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// How much to print, and whether in colour.
#[derive(Debug, Clone, Copy)]
pub struct Ui {
    /// Print errors only.
    pub quiet: bool,
    /// Print every file written, and every warning.
    pub verbose: bool,
    /// Colour diagnostics.
    pub color: bool,
    /// Show progress (standard error is a terminal and not quiet).
    pub progress: bool,
}

impl Ui {
    /// Settles the choices against the environment.
    pub fn new(quiet: bool, verbose: bool, color: ColorChoice) -> Ui {
        let terminal = std::io::stderr().is_terminal();
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Ui {
            quiet,
            verbose: verbose && !quiet,
            color: match color {
                ColorChoice::Always => true,
                ColorChoice::Never => false,
                ColorChoice::Auto => terminal && !no_color,
            },
            progress: terminal && !quiet,
        }
    }

    /// Prints a line of results, unless quiet. Like everything printed, with its control
    /// characters shown as symbols ([`terminal_safe`]).
    pub fn say(&self, line: &str) {
        if !self.quiet {
            println!("{}", terminal_safe(line));
        }
    }

    /// Prints a line of detail, when verbose.
    pub fn detail(&self, line: &str) {
        if self.verbose {
            println!("{}", terminal_safe(line));
        }
    }

    /// Prints an error with its hint.
    pub fn error(&self, message: &str, hint: Option<&str>) {
        let (red, bold, reset) = if self.color {
            ("\x1b[1;31m", "\x1b[1m", "\x1b[0m")
        } else {
            ("", "", "")
        };
        let message = terminal_safe(message);
        eprintln!("{red}error{reset}{bold}: {message}{reset}");
        if let Some(hint) = hint {
            eprintln!("  = help: {}", terminal_safe(hint));
        }
    }

    /// Prints every problem of a toolkit folder: errors always, warnings unless quiet (at most
    /// `max_warnings` of them, unless verbose).
    pub fn report(&self, dir: &Path, report: &Report, max_warnings: usize) {
        let limit = if self.verbose {
            usize::MAX
        } else {
            max_warnings
        };
        let mut shown_warnings = 0;
        let mut hidden = 0;
        for (d, shown) in report
            .diagnostics
            .iter()
            .zip(maptoolkit::located(dir, report))
        {
            if !d.is_error() {
                if self.quiet {
                    continue;
                }
                if shown_warnings == limit {
                    hidden += 1;
                    continue;
                }
                shown_warnings += 1;
            }
            eprintln!(
                "{}\n",
                maptoolkit::render_diagnostic(&shown, report.source(&d.file), self.color)
            );
        }
        if hidden > 0 {
            eprintln!(
                "… and {hidden} more warning{} (`maptoolkit validate` lists them all)",
                if hidden == 1 { "" } else { "s" }
            );
        }
    }

    /// A progress bar over files being written, on a terminal only; it shows each folder's
    /// warnings as the folder loads (at most `max_warnings` of them, unless verbose).
    pub fn progress(&self, max_warnings: usize) -> Progress {
        let bar = if self.progress {
            let bar = indicatif::ProgressBar::new_spinner();
            bar.set_style(
                indicatif::ProgressStyle::with_template("{spinner} {pos} files written: {msg}")
                    .expect("a valid template"),
            );
            bar.enable_steady_tick(Duration::from_millis(120));
            bar
        } else {
            indicatif::ProgressBar::hidden()
        };
        Progress {
            bar,
            ui: *self,
            max_warnings,
        }
    }
}

/// Progress of an export, as files are written.
#[derive(Debug)]
pub struct Progress {
    bar: indicatif::ProgressBar,
    ui: Ui,
    max_warnings: usize,
}

impl maptoolkit::Progress for Progress {
    fn warnings(&self, dir: &Path, warnings: &Report) {
        self.bar
            .suspend(|| self.ui.report(dir, warnings, self.max_warnings));
    }

    fn started(&self, file: &Path) {
        self.bar
            .set_message(terminal_safe(&file.display().to_string()).into_owned());
    }

    fn finished(&self, _file: &Path) {
        self.bar.inc(1);
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}

/// Prints a usage error and returns exit code 2.
pub(crate) fn usage(ui: &Ui, message: &str) -> ExitCode {
    ui.error(message, None);
    ExitCode::from(2)
}
