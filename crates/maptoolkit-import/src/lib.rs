//! Importing MAP Toolkit posts.
//!
//! The toolkit's content lives on as old web posts: driver summaries on three templates over the
//! years, MAP Stories, group meetings, password-protected posts and news, saved as text one after
//! another under a category header, or exported from WordPress as XML ([`import_wxr`]). This
//! crate turns either into a [`ToolkitSource`](maptoolkit_core::ToolkitSource) and writes it as a
//! toolkit folder that `maptoolkit_core::load` accepts. A driver post it cannot complete becomes a
//! draft; every post is named in the [`Report`].
//!
//! The steps, one module each:
//! - [`split_posts`] finds where each post starts (see [`split`] for how titles are told apart);
//! - [`classify`] tells drivers, stories, meetings, protected posts and news apart by the labels
//!   a post has;
//! - [`labels`] is the one table of every template's labels, read by one segmenter; [`bullets`]
//!   reads bullet lists and [`parse_uk_date`] dates;
//! - drivers, stories and meetings are read from their sections (meetings from their title and
//!   teleconference and agenda lines);
//! - [`import`] puts it together, making members from `Group member responsible`, and reports
//!   every post (imported, imported as a draft, skipped and why, refused) and every line not
//!   understood in a [`Report`];
//! - [`import_wxr`] does the same for a WordPress export, reading its HTML with a real parser;
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

mod assemble;
pub mod bullets;
mod classify;
mod dates;
mod driver;
mod furniture;
mod html_depth;
pub mod labels;
mod meetings;
mod members;
mod post;
mod protection;
mod render;
mod report;
mod segment;
mod slug;
pub mod split;
mod story;
mod text;
mod write;
mod wxr;

pub use assemble::{Import, ImportOptions};
pub use classify::{PostKind, classify};
pub use dates::{DateParseError, LooseDate, parse_uk_date, parse_uk_date_loose};
pub use html_depth::{MAX_HTML_DEPTH, limit_html_depth};
pub use members::members_for;
pub use post::{Line, Post};
pub use render::render_post;
pub use report::{
    ImportError, Imported, ImportedAs, MAX_REPORT_LINE, Protection, Report, Skipped, Warning,
    report_line,
};
pub use slug::{driver_slug, meeting_slug};
pub use split::split_posts;
pub use write::{WriteError, toolkit_files, with_existing_info, write_toolkit};
pub use wxr::{WxrError, import_wxr, is_wxr};

/// Imports a text of MAP Toolkit posts.
///
/// Drivers, MAP Stories and meetings become records; a driver post that lacks what a published
/// driver needs becomes a draft, and a post whose title starts `Private:` or `Protected:` a
/// protected record. News, posts saved locked ("This content is password protected") other than
/// meetings, template pages and stories without what a story needs are skipped; every post is
/// named in the report, and anything not understood is reported with its post and line. A meeting title without a year takes the year of the nearest post that has
/// one (meetings first, then drivers' dates); in a WordPress export, the year it was posted.
pub fn import(text: &str, options: &ImportOptions) -> Import {
    let inputs = split_posts(text)
        .into_iter()
        .map(|post| assemble::Input {
            post,
            ..assemble::Input::default()
        })
        .collect();
    assemble::import_inputs(inputs, Report::default(), options)
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
