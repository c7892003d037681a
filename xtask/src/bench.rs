//! `cargo xtask bench [N...]`: our exporters against pandoc and typst on the same content.
//!
//! Builds the release `maptoolkit` command, generates a corpus of N drivers (and its Markdown and Typst copies),
//! then times, in one run on this machine: our default export (every format, with the site's
//! feed; with `--tmpfs DIR` also into that folder, as html alone), docx+pdf+csv together and
//! each format alone (best of three), pandoc turning the Markdown into .docx and typst compiling the
//! Typst into PDF (one run each; they are slow). Wall time and peak memory come from GNU time.
//! Not part of the tests: timings belong in benchmarks, never in tests.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::corpus;

/// The figures of one size that the scaling lines compare.
struct Totals {
    n: usize,
    all: f64,
    default: f64,
    html: f64,
    default_peak: f64,
    html_peak: f64,
    /// The default export into a tmpfs, when measured.
    default_tmpfs: Option<f64>,
}

/// One measured command.
struct Measure {
    what: String,
    seconds: f64,
    peak_mib: f64,
}

/// Runs `cmd` under GNU time and returns its wall time and peak resident memory.
fn measure(what: &str, cmd: &mut Command, tries: usize) -> Result<Measure> {
    let mut best: Option<Measure> = None;
    for _ in 0..tries {
        let report = tempfile::NamedTempFile::new()?;
        let program = cmd.get_program().to_owned();
        let args: Vec<_> = cmd.get_args().map(|a| a.to_owned()).collect();
        let status = Command::new("/usr/bin/time")
            .args(["-f", "%e %M", "-o"])
            .arg(report.path())
            .arg(&program)
            .args(&args)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .context("running /usr/bin/time (apt-get install time)")?;
        if !status.success() {
            bail!("{what} failed: {program:?} {args:?}");
        }
        let text = std::fs::read_to_string(report.path())?;
        let mut fields = text.split_whitespace().rev().take(2);
        let kib: f64 = fields.next().context("no memory figure")?.parse()?;
        let seconds: f64 = fields.next().context("no time figure")?.parse()?;
        let m = Measure {
            what: what.to_string(),
            seconds,
            peak_mib: kib / 1024.0,
        };
        if best.as_ref().is_none_or(|b| m.seconds < b.seconds) {
            best = Some(m);
        }
    }
    best.context("no tries")
}

/// The fastest pandoc to hand: PyPI's pypandoc-binary (pandoc 3.x) if installed, else the PATH's.
fn pandoc() -> PathBuf {
    let out = Command::new("python3")
        .args(["-c", "import pypandoc; print(pypandoc.get_pandoc_path())"])
        .output();
    match out {
        Ok(o) if o.status.success() => PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()),
        _ => PathBuf::from("pandoc"),
    }
}

fn version(program: &Path, args: &[&str]) -> String {
    Command::new(program)
        .args(args)
        .output()
        .ok()
        .map(|o| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .next()
                .unwrap_or_default()
                .to_string()
        })
        .unwrap_or_else(|| "not found".to_string())
}

/// Runs the benchmark for each size and prints a Markdown table per size. With `tmpfs`, the
/// default export and html alone are also timed writing below that folder.
///
/// # Errors
/// When the build, a peer or a measured command fails.
pub fn run(
    root: &Path,
    sizes: &[usize],
    seed: u64,
    peers_up_to: usize,
    tmpfs: Option<&Path>,
) -> Result<()> {
    let status = Command::new(env!("CARGO"))
        .args(["build", "--release", "--quiet", "-p", "maptoolkit-cli"])
        .current_dir(root)
        .status()
        .context("building the release maptoolkit command")?;
    if !status.success() {
        bail!("cargo build --release failed");
    }
    let exe = root.join("target/release/maptoolkit");
    let pandoc = pandoc();
    let typst_ok = Command::new("python3")
        .args(["-c", "import typst"])
        .status()
        .is_ok_and(|s| s.success());
    println!(
        "pandoc: {} ({})",
        version(&pandoc, &["--version"]),
        pandoc.display()
    );
    println!(
        "typst: {}",
        if typst_ok {
            "PyPI typst (python3 -c 'import typst; typst.compile(...)')"
        } else {
            "not installed (pip install typst)"
        }
    );
    println!(
        "machine: {} cores",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );

    let mut totals = Vec::new();
    for &n in sizes {
        let dir = root.join(format!("target/bench/n{n}"));
        corpus::write(&corpus::generate(n, seed), &dir)?;
        let toolkit = dir.join("toolkit");
        let export_into = |formats: &str, out: PathBuf| {
            let mut c = Command::new(&exe);
            c.arg("export").arg(&toolkit).arg("--out").arg(out);
            if !formats.is_empty() {
                c.args(["--format", formats]);
            }
            c.args(["--as-of", "2026-11-26", "--quiet"]);
            c
        };
        let export = |formats: &str, out: &str| export_into(formats, dir.join(out));
        let base_url = ["--base-url", "https://example.org/map/"];
        let ours_all = measure(
            "maptoolkit docx+pdf+csv",
            &mut export("docx,pdf,csv", "out-all"),
            3,
        )?;
        // What people run: no --format, so every format, with the site's feed.
        let mut default = export_into("", dir.join("out-default"));
        default.args(base_url);
        let ours_default = measure("maptoolkit default (every format)", &mut default, 3)?;
        // The same and html alone into a tmpfs: what the file system costs.
        let on_tmpfs = match tmpfs {
            Some(tmpfs) => {
                let out = tmpfs.join(format!("maptoolkit-bench-n{n}"));
                let default = measure(
                    "maptoolkit default, to tmpfs",
                    export_into("", out.join("out-default")).args(base_url),
                    3,
                )?;
                let html = measure(
                    "maptoolkit html, to tmpfs",
                    export_into("html", out.join("out-html")).args(base_url),
                    3,
                )?;
                std::fs::remove_dir_all(&out)?;
                vec![default, html]
            }
            None => Vec::new(),
        };
        let ours_docx = measure("maptoolkit docx", &mut export("docx", "out-docx"), 3)?;
        let ours_pdf = measure("maptoolkit pdf", &mut export("pdf", "out-pdf"), 3)?;
        let ours_csv = measure("maptoolkit csv", &mut export("csv", "out-csv"), 3)?;
        let ours_html = measure(
            "maptoolkit html",
            export("html", "out-html").args(base_url),
            3,
        )?;
        let ours_web = measure(
            "maptoolkit html+xlsx",
            export("html,xlsx", "out-web").args(base_url),
            3,
        )?;
        // pandoc's time and memory grow faster than the content: past a size it takes many
        // minutes and gigabytes, so large sizes measure only ours (for the scaling figure).
        let peers = n <= peers_up_to;
        let pandoc_m = if peers {
            Some(measure(
                "pandoc md→docx",
                Command::new(&pandoc)
                    .arg(dir.join("corpus.md"))
                    .arg("-o")
                    .arg(dir.join("peer.docx")),
                1,
            )?)
        } else {
            None
        };
        let typst_m = if peers && typst_ok {
            let script = format!(
                "import typst; typst.compile({:?}, output={:?})",
                dir.join("corpus.typ").display().to_string(),
                dir.join("peer.pdf").display().to_string()
            );
            Some(measure(
                "typst typ→pdf",
                Command::new("python3").args(["-c", &script]),
                1,
            )?)
        } else {
            None
        };
        println!("\n### {n} drivers\n");
        println!("| what | wall time (s) | peak memory (MiB) |\n|---|---:|---:|");
        let ours = [
            &ours_all,
            &ours_default,
            &ours_docx,
            &ours_pdf,
            &ours_csv,
            &ours_html,
            &ours_web,
        ];
        for r in ours
            .into_iter()
            .chain(&on_tmpfs)
            .chain(pandoc_m.as_ref())
            .chain(typst_m.as_ref())
        {
            println!("| {} | {:.2} | {:.0} |", r.what, r.seconds, r.peak_mib);
        }
        if let Some(pandoc_m) = &pandoc_m {
            let pandoc_s = pandoc_m.seconds;
            println!(
                "\n- pandoc md→docx ÷ our docx+pdf+csv: {:.1}× (target 20×)",
                pandoc_s / ours_all.seconds
            );
            println!(
                "- pandoc md→docx ÷ our default export: {:.1}× (target 20×)",
                pandoc_s / ours_default.seconds
            );
            println!(
                "- pandoc md→docx ÷ our docx: {:.1}×",
                pandoc_s / ours_docx.seconds
            );
            println!(
                "- our html+xlsx take {:.1}% of pandoc md→docx's time (target under 10%)",
                100.0 * ours_web.seconds / pandoc_s
            );
        } else {
            println!("\n- peers not run above {peers_up_to} drivers (--peers-up-to)");
        }
        if let Some(typst) = &typst_m {
            println!(
                "- typst ÷ our pdf: {:.1}× (target 10×)",
                typst.seconds / ours_pdf.seconds
            );
        }
        totals.push(Totals {
            n,
            all: ours_all.seconds,
            default: ours_default.seconds,
            html: ours_html.seconds,
            default_peak: ours_default.peak_mib,
            html_peak: ours_html.peak_mib,
            default_tmpfs: on_tmpfs.first().map(|m| m.seconds),
        });
    }
    if let [first, rest @ ..] = totals.as_slice() {
        for t in rest {
            let drivers = t.n as f64 / first.n as f64;
            println!(
                "\n- {} drivers ÷ {} ({drivers:.0}× the drivers): docx+pdf+csv {:.1}× the time \
                 (target 11×), the default export {:.1}× (target 10.5×, peak {:.0} MiB, target \
                 under 286 MiB), html alone {:.1}× (peak {:.0} MiB)",
                t.n,
                first.n,
                t.all / first.all,
                t.default / first.default,
                t.default_peak,
                t.html / first.html,
                t.html_peak,
            );
            if let (Some(t_tmpfs), Some(first_tmpfs)) = (t.default_tmpfs, first.default_tmpfs) {
                println!(
                    "- the default export into tmpfs: {:.1}× the time of {} drivers",
                    t_tmpfs / first_tmpfs,
                    first.n
                );
            }
        }
    }
    Ok(())
}
