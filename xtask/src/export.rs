//! `cargo xtask export`: validate toolkits, compose their briefings and write every format, for
//! one or more folders and audiences at once.

use std::path::{Path, PathBuf};

use std::borrow::Cow;
use std::collections::BTreeMap;

use anyhow::{Context, Result, bail};
use maptoolkit_briefing::{
    ArtifactSink, Audience, Bundle, ExportOptions, Exporter, Parts, Registry, Timestamp,
    compose_documents, compose_registers, compose_site, safe_file_name,
};
use maptoolkit_core::{Date, Toolkit};
use rayon::prelude::*;

use crate::write::Staging;

/// Warnings shown before an export; `validate` shows them all.
const MAX_WARNINGS: usize = 10;

/// Every format this program links, in the order they run.
pub fn registry(csv_bom: bool) -> Registry {
    let mut registry = Registry::new();
    let exporters: Vec<Box<dyn maptoolkit_briefing::Exporter>> = vec![
        Box::new(maptoolkit_docx::DocxExporter::default()),
        Box::new(maptoolkit_pdf::PdfExporter::default()),
        Box::new(maptoolkit_csv::CsvExporter { bom: csv_bom }),
        Box::new(maptoolkit_xlsx::XlsxExporter),
        Box::new(maptoolkit_html::HtmlExporter),
    ];
    for exporter in exporters {
        registry
            .register(exporter)
            .expect("our formats have distinct names");
    }
    registry
}

/// Checks `--base-url`: an absolute `http` or `https` URL with a host, and nothing a link or
/// an XML attribute could be broken by. Returns it ending in `/`.
///
/// # Errors
/// A message saying what is wrong.
pub fn parse_base_url(url: &str) -> Result<String, String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| format!("`{url}` is not an absolute http or https URL"))?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if host.is_empty() || host.starts_with(':') {
        return Err(format!("`{url}` has no host"));
    }
    if let Some(c) = url
        .chars()
        .find(|c| !c.is_ascii_graphic() || "\"'<>\\^`{|}".contains(*c))
    {
        return Err(format!(
            "`{url}` holds `{c}`, which a URL may not (percent-encode it)"
        ));
    }
    if url.contains(['?', '#']) {
        return Err(format!(
            "`{url}` has a query or fragment; give the folder the site is published in"
        ));
    }
    Ok(if url.ends_with('/') {
        url.to_string()
    } else {
        format!("{url}/")
    })
}

/// What to export.
pub struct Request<'a> {
    /// The toolkit folders: one or more.
    pub dirs: &'a [PathBuf],
    /// The output folder.
    pub out: &'a Path,
    /// Format names; empty for every linked format.
    pub formats: &'a [String],
    /// Who it is for: one or more audiences.
    pub audiences: &'a [Audience],
    /// The date the briefing is as of.
    pub as_of: Date,
    /// Where a website export will be published (`--base-url`).
    pub base_url: Option<String>,
    /// Print nothing but errors.
    pub quiet: bool,
}

/// One toolkit folder exported for one audience, into its own output folder.
struct Job {
    /// Index into [`Request::dirs`].
    dir: usize,
    audience: Audience,
    out: PathBuf,
}

/// The jobs of a request. One folder for one audience writes straight into the output folder;
/// otherwise each goes to `<out>/<folder name>/<audience>`, so exports never mix.
///
/// # Errors
/// When two folders would share an output folder (they have the same name).
fn plan(req: &Request<'_>) -> Result<Vec<Job>> {
    let mut audiences: Vec<Audience> = Vec::new();
    for &a in req.audiences {
        if !audiences.contains(&a) {
            audiences.push(a);
        }
    }
    if let ([_], [audience]) = (req.dirs, audiences.as_slice()) {
        return Ok(vec![Job {
            dir: 0,
            audience: *audience,
            out: req.out.to_path_buf(),
        }]);
    }
    let mut names: BTreeMap<String, &Path> = BTreeMap::new();
    let mut jobs = Vec::new();
    for (index, dir) in req.dirs.iter().enumerate() {
        let folder = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.clone());
        let name = safe_file_name(
            &folder
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
        );
        if let Some(other) = names.insert(name.clone(), dir) {
            bail!(
                "{} and {} would both be written to {}: export them one at a time, or rename \
                 one folder",
                other.display(),
                dir.display(),
                req.out.join(&name).display()
            );
        }
        for &audience in &audiences {
            jobs.push(Job {
                dir: index,
                audience,
                out: req.out.join(&name).join(audience.as_str()),
            });
        }
    }
    Ok(jobs)
}

/// The creation time to embed: `SOURCE_DATE_EPOCH` when set, else midnight UTC of `as_of`.
///
/// # Errors
/// When `SOURCE_DATE_EPOCH` is set but not a number.
pub fn created(as_of: Date) -> Result<Timestamp> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) => Ok(Timestamp::from_unix_seconds(
            v.trim()
                .parse()
                .with_context(|| format!("SOURCE_DATE_EPOCH is `{v}`, not a number of seconds"))?,
        )),
        Err(_) => Ok(ExportOptions::as_of(as_of).created),
    }
}

/// Runs an export. Returns `Ok(None)` when a toolkit is invalid (every report is printed and
/// nothing is written), else the files written.
///
/// Folders are loaded, and then exported for each audience, in parallel; each job writes the
/// same bytes whatever runs beside it. Files are moved into place only when every job has
/// succeeded.
///
/// # Errors
/// An unknown format, two folders of one name, a failed render or a failed write.
pub fn run(req: &Request<'_>, registry: &Registry) -> Result<Option<Vec<PathBuf>>> {
    let exporters = match req.formats {
        [] => registry.iter().collect::<Vec<_>>(),
        names => names
            .iter()
            .map(|n| registry.get(n))
            .collect::<Result<Vec<_>, _>>()?,
    };
    if req.base_url.is_none() && !req.quiet && exporters.iter().any(|e| e.parts().site) {
        eprintln!(
            "warning: no --base-url, so the website is written without feed.xml (an Atom feed \
             needs absolute links)"
        );
    }
    let jobs = plan(req)?;
    let loaded: Vec<_> = req
        .dirs
        .par_iter()
        .map(|dir| maptoolkit_core::load(dir, Some(req.as_of)))
        .collect();
    // Reports in the order the folders were given, all of them before anything is written.
    let mut toolkits = Vec::new();
    for (dir, result) in req.dirs.iter().zip(loaded) {
        toolkits.push(crate::validate::report(dir, result, MAX_WARNINGS).map(|v| v.toolkit));
    }
    let Some(toolkits) = toolkits.into_iter().collect::<Option<Vec<_>>>() else {
        return Ok(None);
    };
    let created = created(req.as_of)?;
    let options = |audience| ExportOptions {
        audience,
        created,
        base_url: req.base_url.clone(),
        ..ExportOptions::as_of(req.as_of)
    };
    let progress = if req.quiet {
        indicatif::ProgressBar::hidden()
    } else {
        indicatif::ProgressBar::new((jobs.len() * exporters.len()) as u64)
    };

    let stagings: Vec<Result<Staging>> = if let [job] = jobs.as_slice() {
        // One job: redact our own copy in place, so that composing need not copy it, and free
        // the toolkit once composed.
        let toolkit = toolkits.into_iter().next().expect("one folder");
        let toolkit = match job.audience {
            Audience::Public => toolkit.into_redacted(),
            Audience::Members => toolkit,
        };
        vec![export_one(
            Cow::Owned(toolkit),
            &job.out,
            &exporters,
            &options(job.audience),
            &progress,
        )]
    } else {
        jobs.par_iter()
            .map(|job| {
                let toolkit = &toolkits[job.dir];
                // Compose redacts for the public all the same; this spares doing it twice.
                let toolkit = match job.audience {
                    Audience::Public if !toolkit.is_public() => Cow::Owned(toolkit.redacted()),
                    Audience::Public | Audience::Members => Cow::Borrowed(toolkit),
                };
                export_one(
                    toolkit,
                    &job.out,
                    &exporters,
                    &options(job.audience),
                    &progress,
                )
            })
            .collect()
    };
    progress.finish_and_clear();
    // Every job succeeded or nothing is moved into place (dropped stagings remove their files).
    let stagings = stagings.into_iter().collect::<Result<Vec<_>>>()?;
    let mut written = Vec::new();
    for staging in stagings {
        written.extend(staging.commit()?);
    }
    if !req.quiet {
        for path in &written {
            println!("wrote {}", path.display());
        }
    }
    Ok(Some(written))
}

/// Exports `toolkit`, already as its audience may see it, into `out`, and returns the files
/// staged there.
fn export_one(
    toolkit: Cow<'_, Toolkit>,
    out: &Path,
    exporters: &[&dyn Exporter],
    options: &ExportOptions,
    progress: &indicatif::ProgressBar,
) -> Result<Staging> {
    std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    let staging = Staging::new(out);
    // Registers and documents each copy much of the toolkit's text. Formats that need only the
    // registers (CSV) go first, and their registers are freed before the documents are
    // composed, so rendering never holds the text more than once beside the toolkit.
    let (first, then): (Vec<&dyn Exporter>, Vec<&dyn Exporter>) = exporters
        .iter()
        .copied()
        .partition(|e| e.parts() == Parts::REGISTERS);
    if !first.is_empty() {
        let registers = Bundle {
            registers: compose_registers(&toolkit, options),
            ..Bundle::default()
        };
        export_all(&first, &registers, &staging, progress)?;
    }
    let parts = then
        .iter()
        .fold(Parts::NONE, |parts, e| parts.union(e.parts()));
    let bundle = Bundle {
        documents: if parts.documents {
            compose_documents(&toolkit, options)
        } else {
            Vec::new()
        },
        registers: if parts.registers {
            compose_registers(&toolkit, options)
        } else {
            Vec::new()
        },
        site: parts.site.then(|| compose_site(&toolkit, options)),
    };
    // The bundle carries everything the exporters need: the toolkit can go.
    drop(toolkit);
    export_all(&then, &bundle, &staging, progress)?;
    // Freeing a large bundle takes a while: do it beside what follows (here, if no thread can
    // be started).
    let _ = std::thread::Builder::new().spawn(move || drop(bundle));
    Ok(staging)
}

/// Runs `exporters` on `bundle` in parallel, writing into `sink`.
///
/// # Errors
/// The first exporter's failure, in the order given.
fn export_all(
    exporters: &[&dyn Exporter],
    bundle: &Bundle,
    sink: &dyn ArtifactSink,
    progress: &indicatif::ProgressBar,
) -> Result<()> {
    let results: Vec<Result<()>> = exporters
        .par_iter()
        .map(|exporter| {
            let done = exporter
                .export_to(bundle, sink)
                .with_context(|| format!("exporting {}", exporter.name()));
            progress.inc(1);
            done
        })
        .collect();
    results.into_iter().collect()
}
