//! The export pipeline: validate → compose → export → write the output folder all-or-nothing.
//!
//! [`Export`] runs it for one or more toolkit folders and audiences; [`write_bundle`] runs the
//! last two steps for a [`Bundle`] a program composed itself, and [`write_document`] for one
//! document.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use maptoolkit_briefing::{
    ArtifactPath, Audience, BaseUrl, Bundle, Document, ExportError, ExportOptions, Exporter,
    NamedDocument, Parts, Registry, Timestamp, compose_documents, compose_registers, compose_site,
    for_audience, safe_file_name, visible_to,
};
use maptoolkit_core::{Date, Diagnostic, DriverSelection, Report, Toolkit};
use rayon::prelude::*;

use crate::clock::EpochError;
use crate::output::{OutputError, OutputFolder, check_apart};
use crate::sink::{FolderSink, Progress};

/// An export of one or more toolkit folders, for one or more audiences, into one output folder.
///
/// One folder for one audience is written straight into `out`; otherwise each job goes to
/// `out/<folder name>/<audience>`. Every folder is validated before anything is written, and the
/// output folder is replaced whole only when every job has rendered (see
/// [`OutputFolder`]).
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use maptoolkit::{Export, Quiet};
/// let work = tempfile::tempdir()?;
/// let toolkit = work.path().join("toolkit");
/// std::fs::create_dir(&toolkit)?;
/// std::fs::write(toolkit.join("toolkit.toml"), "name = \"MAP Toolkit\"\norganisation = \"Our library\"\n")?;
///
/// let mut export = Export::new(&toolkit, work.path().join("out"), "2018-01-11".parse()?);
/// export.formats = vec!["csv".to_string()];
/// let done = export.run(&maptoolkit::formats(), &Quiet)?;
/// assert!(done.files.iter().any(|f| f.ends_with("drivers.csv")));
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone)]
pub struct Export {
    /// The toolkit folders: one or more.
    pub dirs: Vec<PathBuf>,
    /// The output folder. It is replaced whole.
    pub out: PathBuf,
    /// Format names, as the registry knows them; empty for every format it holds.
    pub formats: Vec<String>,
    /// Who it is for: one or more audiences.
    pub audiences: Vec<Audience>,
    /// The date reviews are judged against and the briefing is "as of".
    pub as_of: Date,
    /// The moment the documents record as their creation.
    pub created: Timestamp,
    /// Where a website export will be published, ending in `/`: its pages link to each other
    /// relatively, but the Atom feed needs absolute links and is written only with this.
    pub base_url: Option<BaseUrl>,
    /// The drivers the full briefing covers (`--driver`, `--theme`, `--since`,
    /// `--include-archived`); by default every current one. Briefing definitions make their own
    /// selection.
    pub selection: DriverSelection,
}

/// What an export wrote.
#[derive(Debug, Clone)]
pub struct Exported {
    /// The output folder.
    pub out: PathBuf,
    /// Every file written, relative to `out`, sorted.
    pub files: Vec<PathBuf>,
    /// The warnings of each toolkit folder, in the order given, without their files' text
    /// (shown through [`Progress::warnings`] as each folder loaded).
    pub warnings: Vec<(PathBuf, Report)>,
    /// How many documents (briefings, meeting packs) each job composed, by job folder.
    pub documents: BTreeMap<PathBuf, usize>,
}

/// Why an export wrote nothing.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// At least one toolkit folder is not valid. Each report holds every problem of its folder.
    #[error("{}", invalid_summary(.0))]
    Invalid(Vec<(PathBuf, Report)>),
    /// A format name the registry does not know (its message lists the known ones).
    #[error(transparent)]
    UnknownFormat(ExportError),
    /// Two toolkit folders have the same name, so their jobs would share an output folder.
    #[error(
        "{} and {}: both would be written to {} (folders of one name)",
        .first.display(), .second.display(), .out.display()
    )]
    SameName {
        /// The first folder of that name.
        first: PathBuf,
        /// The second.
        second: PathBuf,
        /// Where both would go.
        out: PathBuf,
    },
    /// A format failed to render.
    #[error("{job}: {source}")]
    Render {
        /// The job's folder within the output folder (empty for the folder itself).
        job: String,
        /// What failed.
        source: ExportError,
    },
    /// The output folder could not be used or replaced.
    #[error(transparent)]
    Output(#[from] OutputError),
    /// The as-of date or the creation time is outside the years 1980 to 9999.
    #[error(transparent)]
    Date(#[from] EpochError),
    /// The driver selection names a driver or theme a toolkit folder does not have.
    #[error("{}: {message}", .dir.display())]
    Selection {
        /// The toolkit folder.
        dir: PathBuf,
        /// What is wrong, e.g. "--driver `carter`: no such driver".
        message: String,
    },
}

impl Error {
    /// How to fix it, where the user can.
    pub fn hint(&self) -> Option<String> {
        match self {
            Error::SameName { .. } => {
                Some("export them one at a time, or rename one folder".to_string())
            }
            Error::Output(e) => e.hint(),
            Error::Selection { .. } => Some(
                "--driver takes a driver's file stem (drivers/<slug>.toml), --theme a theme id \
                 from toolkit.toml"
                    .to_string(),
            ),
            _ => None,
        }
    }
}

fn invalid_summary(reports: &[(PathBuf, Report)]) -> String {
    let errors: usize = reports.iter().map(|(_, r)| r.errors().count()).sum();
    let folders = reports.len();
    format!(
        "{errors} error{} in {folders} toolkit folder{}: nothing was written",
        if errors == 1 { "" } else { "s" },
        if folders == 1 { "" } else { "s" }
    )
}

/// One toolkit folder exported for one audience.
struct Job {
    /// Index into [`Export::dirs`].
    dir: usize,
    audience: Audience,
    /// Below the output folder; empty for the folder itself.
    folder: PathBuf,
}

impl Export {
    /// An export of `dir` into `out` for the public, in every format, as of `as_of`, recording
    /// midnight UTC at the start of `as_of` as the creation time.
    pub fn new(dir: impl Into<PathBuf>, out: impl Into<PathBuf>, as_of: Date) -> Export {
        Export {
            dirs: vec![dir.into()],
            out: out.into(),
            formats: Vec::new(),
            audiences: vec![Audience::Public],
            as_of,
            created: ExportOptions::as_of(as_of).created,
            base_url: None,
            selection: DriverSelection::default(),
        }
    }

    /// Checks that every driver and theme the selection names is in `toolkit`, and that it
    /// selects at least one driver.
    fn check_selection(&self, dir: &Path, toolkit: &Toolkit) -> Result<(), Error> {
        let s = &self.selection;
        let fail = |message: String| {
            Err(Error::Selection {
                dir: dir.to_path_buf(),
                message,
            })
        };
        if let Some(slug) = s
            .drivers
            .iter()
            .find(|d| !toolkit.drivers().contains_key(*d))
        {
            return fail(if toolkit.drafts().contains_key(slug) {
                format!("--driver `{slug}`: is a draft, and drafts never reach a briefing")
            } else {
                format!("--driver `{slug}`: no such driver")
            });
        }
        if let Some(id) = s.themes.iter().find(|t| toolkit.theme(t).is_none()) {
            return fail(format!("--theme `{id}`: no such theme"));
        }
        if *s != DriverSelection::default() && toolkit.select_drivers(s).is_empty() {
            return fail("the driver selection matches no driver".to_string());
        }
        Ok(())
    }

    /// Runs the export with the formats of `registry`, telling `progress` of each file.
    ///
    /// Folders are loaded, and jobs rendered, in parallel; each job writes the same bytes
    /// whatever runs beside it.
    ///
    /// # Errors
    /// An invalid toolkit (every problem of every folder), an unknown format, two folders of
    /// one name, a failed render or an output folder that cannot be replaced. In every case the
    /// output folder is left as it was.
    pub fn run(&self, registry: &Registry, progress: &dyn Progress) -> Result<Exported, Error> {
        crate::clock::as_of(Some(self.as_of))?;
        crate::clock::check_created(self.created)?;
        let exporters = self.exporters(registry)?;
        let jobs = self.plan()?;
        let loaded: Vec<_> = self
            .dirs
            .par_iter()
            .map(|dir| maptoolkit_core::load(dir, Some(self.as_of)))
            .collect();
        let mut toolkits = Vec::new();
        let mut invalid = Vec::new();
        let mut warnings = Vec::new();
        for (dir, result) in self.dirs.iter().zip(loaded) {
            match result {
                Ok(v) => {
                    let (toolkit, report) = v.into_parts();
                    warnings.push((dir.clone(), report));
                    toolkits.push(toolkit);
                }
                Err(report) => invalid.push((dir.clone(), report)),
            }
        }
        if !invalid.is_empty() {
            return Err(Error::Invalid(invalid));
        }
        for (dir, toolkit) in self.dirs.iter().zip(&toolkits) {
            self.check_selection(dir, toolkit)?;
        }
        // The warnings are shown now, while their files' text is at hand, and the text let go:
        // for a large toolkit with a warning in every file it is tens of megabytes.
        for (dir, report) in &mut warnings {
            progress.warnings(dir, report);
            report.forget_sources();
        }
        check_apart(&self.out, &self.dirs)?;
        let folder = OutputFolder::open(&self.out)?;
        let options = |audience| ExportOptions {
            audience,
            created: self.created,
            base_url: self.base_url.clone(),
            selection: self.selection.clone(),
            ..ExportOptions::as_of(self.as_of)
        };
        let rendered: Vec<Result<(Vec<PathBuf>, usize), Error>> = if let [job] = jobs.as_slice() {
            // One job: take the toolkit, so that redacting it copies nothing.
            let toolkit = toolkits.pop().expect("one folder");
            let toolkit = for_audience(toolkit, job.audience);
            vec![render_job(
                Cow::Owned(toolkit),
                job,
                &folder,
                &exporters,
                &options(job.audience),
                progress,
            )]
        } else {
            jobs.par_iter()
                .map(|job| {
                    // Redacted once for the job, not once per half of its bundle.
                    let toolkit = visible_to(&toolkits[job.dir], job.audience);
                    render_job(
                        toolkit,
                        job,
                        &folder,
                        &exporters,
                        &options(job.audience),
                        progress,
                    )
                })
                .collect()
        };
        let mut files = Vec::new();
        let mut documents = BTreeMap::new();
        for (job, result) in jobs.iter().zip(rendered) {
            let (written, count) = result?;
            files.extend(written.into_iter().map(|f| job.folder.join(f)));
            documents.insert(job.folder.clone(), count);
        }
        folder.commit()?;
        files.sort();
        Ok(Exported {
            out: self.out.clone(),
            files,
            warnings,
            documents,
        })
    }

    /// The exporters asked for, each once, in the order asked; every format when none is.
    fn exporters<'r>(&self, registry: &'r Registry) -> Result<Vec<&'r dyn Exporter>, Error> {
        if self.formats.is_empty() {
            return Ok(registry.iter().collect());
        }
        let mut exporters: Vec<&dyn Exporter> = Vec::new();
        for name in &self.formats {
            let exporter = registry.get(name).map_err(Error::UnknownFormat)?;
            if !exporters.iter().any(|e| e.name() == exporter.name()) {
                exporters.push(exporter);
            }
        }
        Ok(exporters)
    }

    /// The jobs: one folder for one audience writes straight into the output folder; otherwise
    /// each goes to `<folder name>/<audience>`, so exports never mix.
    fn plan(&self) -> Result<Vec<Job>, Error> {
        let mut audiences: Vec<Audience> = Vec::new();
        for &a in &self.audiences {
            if !audiences.contains(&a) {
                audiences.push(a);
            }
        }
        if let ([_], [audience]) = (self.dirs.as_slice(), audiences.as_slice()) {
            return Ok(vec![Job {
                dir: 0,
                audience: *audience,
                folder: PathBuf::new(),
            }]);
        }
        let mut names: BTreeMap<String, &Path> = BTreeMap::new();
        let mut jobs = Vec::new();
        for (index, dir) in self.dirs.iter().enumerate() {
            let folder = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.clone());
            let name = safe_file_name(
                &folder
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
            );
            if let Some(other) = names.insert(name.clone(), dir) {
                return Err(Error::SameName {
                    first: other.to_path_buf(),
                    second: dir.clone(),
                    out: self.out.join(&name),
                });
            }
            for &audience in &audiences {
                jobs.push(Job {
                    dir: index,
                    audience,
                    folder: Path::new(&name).join(audience.as_str()),
                });
            }
        }
        Ok(jobs)
    }
}

/// Renders `toolkit` for one job below the output folder's fresh folder. Returns the files
/// written, relative to the job's folder, and the number of documents composed.
fn render_job(
    toolkit: Cow<'_, Toolkit>,
    job: &Job,
    folder: &OutputFolder,
    exporters: &[&dyn Exporter],
    options: &ExportOptions,
    progress: &dyn Progress,
) -> Result<(Vec<PathBuf>, usize), Error> {
    let root = folder.staging().join(&job.folder);
    let failed = |source| Error::Render {
        job: job.folder.display().to_string(),
        source,
    };
    let sink = FolderSink::new(&root, &job.folder, progress)
        .map_err(OutputError::io(&root, "cannot create the folder"))?;
    let documents = export_in_rounds(toolkit, exporters, options, &sink).map_err(failed)?;
    let files = sink
        .finish()
        .map_err(OutputError::io(&root, "cannot write to disk"))?;
    Ok((files, documents))
}

/// Exports `toolkit` with `exporters` into `sink` in rounds, so that the composed parts of a
/// bundle are never all held at once beside the toolkit: the formats that read only the
/// registers (CSV, the workbook) share one composition of them, then those that read only the
/// site (the website), each part freed before the next is composed; then the documents (and
/// whatever else the remaining formats read) are composed, the toolkit is dropped and those
/// formats run. The formats of a round run in parallel and share its part. Returns the number of
/// documents composed.
fn export_in_rounds(
    toolkit: Cow<'_, Toolkit>,
    exporters: &[&dyn Exporter],
    options: &ExportOptions,
    sink: &FolderSink<'_>,
) -> Result<usize, ExportError> {
    let reading_only = |only: Parts| -> Vec<&dyn Exporter> {
        exporters
            .iter()
            .copied()
            .filter(|e| e.parts() == only)
            .collect()
    };
    let registers_only = reading_only(Parts::REGISTERS);
    let site_only = reading_only(Parts::SITE);
    let then: Vec<&dyn Exporter> = exporters
        .iter()
        .copied()
        .filter(|e| e.parts() != Parts::REGISTERS && e.parts() != Parts::SITE)
        .collect();
    // Each round's part is composed from the toolkit, which goes once no later round needs it.
    let mut toolkit = Some(toolkit);
    let mut round =
        |formats: &[&dyn Exporter], last: bool, compose: &dyn Fn(&Toolkit) -> Bundle| {
            if formats.is_empty() {
                return Ok(());
            }
            let part = compose(toolkit.as_deref().expect("held until the last round"));
            if last {
                toolkit = None;
            }
            export_all(formats, &part, sink)
        };
    round(
        &registers_only,
        site_only.is_empty() && then.is_empty(),
        &|t| Bundle {
            registers: compose_registers(t, options),
            ..Bundle::default()
        },
    )?;
    round(&site_only, then.is_empty(), &|t| Bundle {
        site: Some(compose_site(t, options)),
        ..Bundle::default()
    })?;
    let Some(toolkit) = toolkit else {
        return Ok(0);
    };
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
    export_all(&then, &bundle, sink)?;
    let documents = bundle.documents.len();
    // Freeing a large bundle takes a while: do it beside what follows (here, if no thread can
    // be started).
    let _ = std::thread::Builder::new().spawn(move || drop(bundle));
    Ok(documents)
}

/// Runs `exporters` on `bundle` in parallel, writing into `sink`.
///
/// # Errors
/// The first exporter's failure, in the order given.
fn export_all(
    exporters: &[&dyn Exporter],
    bundle: &Bundle,
    sink: &FolderSink<'_>,
) -> Result<(), ExportError> {
    let results: Vec<Result<(), ExportError>> = exporters
        .par_iter()
        .map(|exporter| exporter.export_to(bundle, sink))
        .collect();
    results.into_iter().collect()
}

/// Writes a bundle a program composed itself into the output folder `out` with `exporters`,
/// replacing the folder whole (see [`OutputFolder`]). Returns the files written, relative to
/// `out`, sorted.
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use maptoolkit::briefing::{
///     ArtifactPath, Block, Bundle, Document, ExportOptions, Inline, Metadata, NamedDocument,
/// };
/// let options = ExportOptions::as_of("2018-01-11".parse()?);
/// let document = Document {
///     meta: Metadata {
///         title: "Notes for the board".into(),
///         subject: "What changed this month".into(),
///         author: "Our library".into(),
///         language: "en-GB".into(),
///         as_of: "2018-01-11".into(),
///         created: options.created,
///         marking: None,
///     },
///     blocks: vec![Block::Paragraph(vec![Inline::text("Hello")])],
/// };
/// let bundle = Bundle {
///     documents: vec![NamedDocument { path: ArtifactPath::new(&["notes"]), document }],
///     ..Bundle::default()
/// };
/// let formats = maptoolkit::formats();
/// let out = tempfile::tempdir()?;
/// let files = maptoolkit::write_bundle(&bundle, &[formats.get("pdf")?], &out.path().join("board"), &maptoolkit::Quiet)?;
/// assert_eq!(files, [std::path::Path::new("notes.pdf")]);
/// # Ok(())
/// # }
/// ```
///
/// # Errors
/// A failed render, or an output folder that cannot be replaced; the folder is then left as it
/// was.
pub fn write_bundle(
    bundle: &Bundle,
    exporters: &[&dyn Exporter],
    out: &Path,
    progress: &dyn Progress,
) -> Result<Vec<PathBuf>, Error> {
    let folder = OutputFolder::open(out)?;
    let failed = |source| Error::Render {
        job: String::new(),
        source,
    };
    let root = folder.staging();
    let sink = FolderSink::new(root, Path::new(""), progress)
        .map_err(OutputError::io(root, "cannot create the folder"))?;
    export_all(exporters, bundle, &sink).map_err(failed)?;
    let files = sink
        .finish()
        .map_err(OutputError::io(root, "cannot write to disk"))?;
    folder.commit()?;
    Ok(files)
}

/// Writes one document into the output folder `out` with each of `exporters`, as `name` and
/// the exporter's extension (`name` made a [safe file name](maptoolkit_briefing::safe_file_name)),
/// replacing the folder whole as [`write_bundle`] does. Returns the files written, relative to
/// `out`, sorted.
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use maptoolkit::briefing::{Audience, ExportOptions, compose_briefing};
/// use maptoolkit::core::Briefing;
/// let toolkit = maptoolkit::core::testing::toolkit();
/// let options = ExportOptions::as_of("2017-12-01".parse()?);
/// let briefing = Briefing::new("For the Board", Audience::Public, options.as_of)
///     .drivers(["developing-people"])
///     .summary("One national driver.");
/// let document = compose_briefing(&toolkit, &briefing, &options)?;
/// let out = tempfile::tempdir()?;
/// let pdf = maptoolkit::pdf::PdfExporter::default();
/// let docx = maptoolkit::docx::DocxExporter::default();
/// let files = maptoolkit::write_document("board", document, &[&pdf, &docx], out.path())?;
/// assert_eq!(files, [std::path::Path::new("board.docx"), std::path::Path::new("board.pdf")]);
/// # Ok(())
/// # }
/// ```
///
/// # Errors
/// A failed render, or an output folder that cannot be replaced; the folder is then left as it
/// was.
pub fn write_document(
    name: &str,
    document: Document,
    exporters: &[&dyn Exporter],
    out: &Path,
) -> Result<Vec<PathBuf>, Error> {
    let bundle = Bundle {
        documents: vec![NamedDocument {
            path: ArtifactPath::new(&[name]),
            document,
        }],
        ..Bundle::default()
    };
    write_bundle(&bundle, exporters, out, &crate::Quiet)
}

/// Every problem of `report`, for printing: the diagnostics with the folder's path in front of
/// each file.
pub fn located(dir: &Path, report: &Report) -> Vec<Diagnostic> {
    report
        .diagnostics
        .iter()
        .map(|d| {
            let mut d = d.clone();
            if !Path::new(&d.file).is_absolute() {
                d.file = dir.join(&d.file).display().to_string();
            }
            d
        })
        .collect()
}
