//! Importing MAP Toolkit posts.
//!
//! The toolkit's content lives on as old web posts: driver summaries on the template, group
//! meetings, password-protected posts and news, pasted or saved as text one after another under
//! a category header. This crate turns such a text into a [`ToolkitSource`] and writes it as a
//! toolkit folder that `maptoolkit_core::load` accepts.
//!
//! The steps, one module each:
//! - [`split_posts`] finds where each post starts (see [`split`] for how titles are told apart);
//! - [`classify`] tells drivers, meetings, protected posts and news apart;
//! - [`labels`] and [`bullets`] read the driver template's fields and bullet lists, and
//!   [`parse_uk_date`] its dates;
//! - meetings are read from their title (date, time) and body (teleconference, agenda);
//! - [`import`] puts it together, making members from `Group member responsible`, and reports
//!   skipped posts, lines not understood and posts that could not be imported in a [`Report`];
//! - [`write_toolkit`] writes the folder, never overwriting files unless told to;
//!   [`import_to_folder`] does both steps at once.
//!
//! ```
//! use maptoolkit_import::{import, ImportOptions};
//!
//! let text = "Category Archives: News\n\n\
//!     Meeting 8th February\u{a0} 2017\n\n\
//!     Teleconference instructions:\n\nDial in : +44-203-478-5289\n\n\
//!     1.Meeting Notes 21st December 2016\n\n2. Standing Item: Driver Allocation\n\n\
//!     New year, new MAP!\n\nWe have a new look.\n";
//! let imported = import(text, &ImportOptions::default());
//!
//! let meeting = &imported.source.meetings[0];
//! assert_eq!(meeting.slug, "meeting-2017-02-08");
//! assert_eq!(meeting.record.agenda[1].title, "Driver Allocation");
//! assert!(meeting.record.agenda[1].standing);
//! assert_eq!(imported.report.skipped[0].title, "New year, new MAP!");
//! assert!(imported.source.validate(None).is_ok());
//! ```
#![warn(missing_docs)]

pub mod bullets;
mod classify;
mod dates;
mod driver;
pub mod labels;
mod meetings;
mod members;
mod post;
mod render;
mod report;
mod slug;
pub mod split;
mod text;
mod write;

use std::collections::BTreeMap;

use maptoolkit_core::{Driver, Entry, Meeting, ToolkitInfo, ToolkitSource};

pub use classify::{PostKind, classify};
pub use dates::{DateParseError, parse_uk_date};
pub use members::members_for;
pub use post::{Line, Post};
pub use render::render_post;
pub use report::{ImportError, Report, Skipped, Warning};
pub use slug::{driver_slug, meeting_slug};
pub use split::split_posts;
pub use write::{WriteError, toolkit_files, write_toolkit};

/// What the imported toolkit is called: `toolkit.toml`'s name and organisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportOptions {
    /// The toolkit's name; "MAP Toolkit" by default.
    pub name: String,
    /// Who keeps it; "Imported from MAP Toolkit posts" by default.
    pub organisation: String,
}

impl Default for ImportOptions {
    fn default() -> ImportOptions {
        ImportOptions {
            name: "MAP Toolkit".to_string(),
            organisation: "Imported from MAP Toolkit posts".to_string(),
        }
    }
}

/// The result of an import: the toolkit and what was left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Import {
    /// The toolkit made from the posts. It passes [`ToolkitSource::validate`] (records that would
    /// not are left out and reported as errors).
    pub source: ToolkitSource,
    /// Skipped posts, lines not understood, posts that could not be imported.
    pub report: Report,
}

/// A record made from a post, and where the post is.
#[derive(Debug)]
enum Record {
    Driver(Driver),
    Meeting(Meeting),
}

/// Where in the input a record came from.
#[derive(Debug, Clone)]
struct Origin {
    title: String,
    line: usize,
}

/// The year nearest post `i` has, preferring strong hints (meeting dates) to weak ones.
fn nearest_year(strong: &[Option<u16>], weak: &[Option<u16>], i: usize) -> Option<u16> {
    for hints in [strong, weak] {
        for d in 1..hints.len() {
            let before = i.checked_sub(d).and_then(|k| hints[k]);
            let after = hints.get(i + d).copied().flatten();
            if let Some(y) = before.or(after) {
                return Some(y);
            }
        }
    }
    None
}

/// Imports a text of MAP Toolkit posts.
///
/// Drivers and meetings become records; news and protected posts other than meetings are
/// skipped; anything not understood is reported with its post and line. A meeting title without
/// a year takes the year of the nearest post that has one (meetings first, then drivers' dates).
pub fn import(text: &str, options: &ImportOptions) -> Import {
    let posts = split_posts(text);
    let mut report = Report::default();
    let mut records: Vec<Option<Record>> = Vec::with_capacity(posts.len());
    let mut strong = vec![None; posts.len()];
    let mut weak = vec![None; posts.len()];
    let kinds: Vec<PostKind> = posts.iter().map(classify).collect();
    for (i, (post, kind)) in posts.iter().zip(&kinds).enumerate() {
        let mut record = None;
        match kind {
            PostKind::Driver => {
                let (driver, warnings) = driver::parse_driver(post);
                report.warnings.extend(warnings);
                match driver {
                    Ok(d) => {
                        weak[i] = Some(d.last_updated.unwrap_or(d.published).year());
                        record = Some(Record::Driver(d));
                    }
                    Err(e) => report.errors.push(e),
                }
            }
            PostKind::Meeting | PostKind::ProtectedMeeting => {
                strong[i] = dates::meeting_when(&post.title).date.year;
            }
            PostKind::Protected => report.skipped.push(Skipped {
                title: post.title.clone(),
                line: post.line,
                reason: "password-protected post that is not a meeting; nothing of it can be read"
                    .to_string(),
            }),
            PostKind::News => report.skipped.push(Skipped {
                title: post.title.clone(),
                line: post.line,
                reason: "not a driver summary or a meeting".to_string(),
            }),
        }
        records.push(record);
    }
    for (i, (post, kind)) in posts.iter().zip(&kinds).enumerate() {
        let protected = match kind {
            PostKind::Meeting => false,
            PostKind::ProtectedMeeting => true,
            _ => continue,
        };
        match meetings::parse_meeting(post, protected, nearest_year(&strong, &weak, i)) {
            Ok((m, warnings)) => {
                report.warnings.extend(warnings);
                records[i] = Some(Record::Meeting(m));
            }
            Err(e) => report.errors.push(e),
        }
    }

    let mut source = ToolkitSource {
        info: ToolkitInfo {
            name: options.name.clone(),
            organisation: options.organisation.clone(),
            ..ToolkitInfo::default()
        },
        ..ToolkitSource::default()
    };
    let mut slugs = slug::Slugs::default();
    let mut origins: BTreeMap<String, Origin> = BTreeMap::new();
    for (post, record) in posts.iter().zip(records) {
        let origin = Origin {
            title: post.title.clone(),
            line: post.line,
        };
        match record {
            Some(Record::Driver(d)) => {
                let slug = slugs.unique(driver_slug(&d.title));
                origins.insert(maptoolkit_core::RecordKind::Driver.file(&slug), origin);
                source.drivers.push(Entry::new(slug, d));
            }
            Some(Record::Meeting(m)) => {
                let slug = slugs.unique(meeting_slug(m.date));
                origins.insert(maptoolkit_core::RecordKind::Meeting.file(&slug), origin);
                source.meetings.push(Entry::new(slug, m));
            }
            None => {}
        }
    }
    source.info.members = members_for(source.drivers.iter().map(|e| e.record.owner.as_str()));
    drop_invalid(&mut source, &origins, &mut report);
    report.errors.sort_by_key(ImportError::line);
    report.warnings.sort_by_key(|w| w.line);
    report.skipped.sort_by_key(|s| s.line);
    Import { source, report }
}

/// Imports a text of posts and writes the toolkit into `dir`, as `maptoolkit import` does:
/// [`import`] then [`write_toolkit`]. Returns the import (with its report) and the files written.
///
/// For several input files, join their texts with a blank line between; each starts with a
/// header or a title, so posts never run across files (line numbers then count through the
/// joined text).
///
/// # Errors
/// [`WriteError::Exists`] naming the files already in `dir` when `force` is false (nothing is
/// written then), or another [`WriteError`] when a file cannot be written.
///
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// let text = "Meeting 8th February 2017\n\n1. AOB\n";
/// let options = maptoolkit_import::ImportOptions::default();
/// let (imported, written) = maptoolkit_import::import_to_folder(text, &options, dir.path(), false).unwrap();
/// assert_eq!(imported.source.meetings.len(), 1);
/// assert!(written.iter().any(|p| p.ends_with("meetings/meeting-2017-02-08.toml")));
/// ```
pub fn import_to_folder(
    text: &str,
    options: &ImportOptions,
    dir: &std::path::Path,
    force: bool,
) -> Result<(Import, Vec<std::path::PathBuf>), WriteError> {
    let imported = import(text, options);
    let written = write_toolkit(dir, &imported.source, force)?;
    Ok((imported, written))
}

/// Leaves out records that break a toolkit rule, reporting each as an error of its post, so
/// the source returned always validates.
fn drop_invalid(
    source: &mut ToolkitSource,
    origins: &BTreeMap<String, Origin>,
    report: &mut Report,
) {
    // Dropping a record cannot break another (imported records do not refer to each other),
    // but go round again in case it does.
    for _ in 0..4 {
        let Err(problems) = source.clone().validate(None) else {
            return;
        };
        let mut bad: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for d in problems.errors() {
            bad.entry(d.file.clone()).or_default().push(d.to_string());
        }
        for (file, messages) in &bad {
            let origin = origins.get(file).cloned().unwrap_or(Origin {
                title: file.clone(),
                line: 0,
            });
            for problem in messages {
                report.errors.push(ImportError::Invalid {
                    post: origin.title.clone(),
                    line: origin.line,
                    problem: problem.clone(),
                });
            }
        }
        let keep =
            |kind: maptoolkit_core::RecordKind, slug: &str| !bad.contains_key(&kind.file(slug));
        source
            .drivers
            .retain(|e| keep(maptoolkit_core::RecordKind::Driver, &e.slug));
        source
            .meetings
            .retain(|e| keep(maptoolkit_core::RecordKind::Meeting, &e.slug));
        if bad.keys().all(|f| f == "toolkit.toml") {
            return;
        }
    }
}
