//! `cargo xtask export`: validate a toolkit, compose its briefings and write every format.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use maptoolkit_briefing::{
    ArtifactSink, Audience, Bundle, ExportOptions, Exporter, Parts, Registry, Timestamp,
    compose_documents, compose_registers,
};
use maptoolkit_core::Date;
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
    ];
    for exporter in exporters {
        registry
            .register(exporter)
            .expect("our formats have distinct names");
    }
    registry
}

/// What to export.
pub struct Request<'a> {
    /// The toolkit folder.
    pub dir: &'a Path,
    /// The output folder.
    pub out: &'a Path,
    /// Format names; empty for every linked format.
    pub formats: &'a [String],
    /// Who it is for.
    pub audience: Audience,
    /// The date the briefing is as of.
    pub as_of: Date,
    /// Print nothing but errors.
    pub quiet: bool,
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

/// Runs an export. Returns `Ok(None)` when the toolkit is invalid (the report is printed and
/// nothing is written), else the files written.
///
/// # Errors
/// An unknown format, a failed render or a failed write.
pub fn run(req: &Request<'_>, registry: &Registry) -> Result<Option<Vec<PathBuf>>> {
    let exporters = match req.formats {
        [] => registry.iter().collect::<Vec<_>>(),
        names => names
            .iter()
            .map(|n| registry.get(n))
            .collect::<Result<Vec<_>, _>>()?,
    };
    let Some(validated) = crate::validate::run(req.dir, req.as_of, MAX_WARNINGS) else {
        return Ok(None);
    };
    let options = ExportOptions {
        audience: req.audience,
        created: created(req.as_of)?,
        ..ExportOptions::as_of(req.as_of)
    };
    // Redact our own copy in place, so that composing need not copy it (compose still
    // redacts whatever it is given for the public).
    let toolkit = match req.audience {
        Audience::Public => validated.toolkit.into_redacted(),
        Audience::Members => validated.toolkit,
    };

    let progress = if req.quiet {
        indicatif::ProgressBar::hidden()
    } else {
        indicatif::ProgressBar::new(exporters.len() as u64)
    };
    std::fs::create_dir_all(req.out).with_context(|| format!("creating {}", req.out.display()))?;
    let staging = Staging::new(req.out);
    // Registers and documents each copy much of the toolkit's text. Formats that need only the
    // registers (CSV) go first, and their registers are freed before the documents are
    // composed, so rendering never holds the text more than once beside the toolkit.
    let (first, then): (Vec<_>, Vec<_>) = exporters
        .into_iter()
        .partition(|e| e.parts() == Parts::REGISTERS);
    if !first.is_empty() {
        let registers = Bundle {
            documents: Vec::new(),
            registers: compose_registers(&toolkit, &options),
        };
        export_all(&first, &registers, &staging, &progress)?;
    }
    let parts = then
        .iter()
        .fold(Parts::NONE, |parts, e| parts.union(e.parts()));
    let bundle = Bundle {
        documents: if parts.documents {
            compose_documents(&toolkit, &options)
        } else {
            Vec::new()
        },
        registers: if parts.registers {
            compose_registers(&toolkit, &options)
        } else {
            Vec::new()
        },
    };
    // The bundle carries everything the exporters need: the toolkit can go.
    drop(toolkit);
    export_all(&then, &bundle, &staging, &progress)?;
    progress.finish_and_clear();
    let written = std::thread::scope(|scope| {
        scope.spawn(move || drop(bundle));
        staging.commit()
    })?;
    if !req.quiet {
        for path in &written {
            println!("wrote {}", path.display());
        }
    }
    Ok(Some(written))
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
