//! The MAP Toolkit's domain: drivers, MAP Stories, Ideas Capture plans and meetings, loaded and
//! validated.
//!
//! NHS library and knowledge services summarise national policy documents ("drivers") on a fixed
//! template, collect MAP Stories of their impact, plan projects with Ideas Capture and run group
//! meetings. This crate models that content, reads it from a toolkit folder of TOML files and checks
//! every rule at once, so other programs (and our exporters) only ever see a valid [`Toolkit`].
//! Every problem is a [`Diagnostic`] naming its file, field and, where it has one, its place in
//! the file ([`Span`]).
//!
//! It knows no output format and does no output.
//!
//! ```
//! use maptoolkit_core::{load, Date, ReviewStatus};
//!
//! let dir = tempfile::tempdir().unwrap();
//! let write = |file: &str, text: &str| {
//!     let path = dir.path().join(file);
//!     std::fs::create_dir_all(path.parent().unwrap()).unwrap();
//!     std::fs::write(path, text).unwrap();
//! };
//! write("toolkit.toml", r#"
//! name = "MAP Toolkit"
//! organisation = "North West NHS Library and Knowledge Services"
//! [[members]]
//! initials = "FG"
//! name = "F G"
//! "#);
//! write("drivers/developing-people-improving-care.toml", r#"
//! title = "Developing People – Improving Care"
//! source = "National Improvement and Leadership Development Board"
//! publication_format = "PDF"
//! published = "2016-12-01"
//! review_due = "2018-02"
//! primary_audience = "Senior managers in NHS organisations and partners"
//! owner = "FG"
//! summary = "A framework for action on improvement and leadership development."
//! impact = ["Library staff should take up leadership training."]
//! key_features = [{ text = "Five conditions:", children = ["Systems leadership"] }]
//! "#);
//!
//! let as_of: Date = "2017-12-01".parse().unwrap();
//! let loaded = load(dir.path(), Some(as_of)).expect("a valid toolkit");
//! let driver = &loaded.toolkit.drivers()["developing-people-improving-care"];
//! assert_eq!(driver.published.unwrap().to_uk_string(), "1 December 2016");
//! assert_eq!(loaded.toolkit.owner(driver).unwrap().initials, "FG");
//! assert_eq!(ReviewStatus::of(driver.review_due, as_of, 90), ReviewStatus::DueSoon);
//! // The driver has no link: a warning, placed at the file.
//! assert_eq!(
//!     loaded.warnings[0].to_string(),
//!     "warning: drivers/developing-people-improving-care.toml: link: no link to the main document\n  \
//!      hint: add `link = \"https://…\"` so readers can find the original",
//! );
//! ```
//!
//! Programs can also build a [`ToolkitSource`] in code and call [`ToolkitSource::validate`].
//!
//! # Features
//!
//! - `testing`: the `testing` module, small valid records for tests and examples.
//! - `synthetic`: `synthetic()`, large generated toolkits for benchmarks.
#![warn(missing_docs)]

mod audience;
mod briefing;
mod date;
mod decode;
mod diagnostic;
mod driver;
mod file_name;
mod idea;
mod load;
mod meeting;
mod point;
mod read;
mod review;
mod rules;
mod schema;
mod source;
mod span;
mod story;
#[cfg(feature = "synthetic")]
mod synthetic;
mod terminal;
#[cfg(any(test, feature = "testing"))]
pub mod testing;
mod time;
mod toolkit;
mod toolkit_info;
mod validate;

pub use audience::{Audience, MEMBERS_MARKING};
pub use briefing::{Briefing, DriverSelection, Purpose};
pub use date::{
    Date, DateError, PartialDate, civil_from_days, days_from_civil, days_in_month, month_name,
};
pub use diagnostic::{Diagnostic, Report, Severity};
pub use driver::{Driver, Level, first_sentence, paragraphs};
pub use file_name::safe_file_name;
pub use idea::IdeaCapture;
pub use load::{RecordFile, load, parse_record};
pub use meeting::{AgendaItem, Meeting, Teleconference};
pub use point::Point;
pub use read::{ReadError, read_text_file};
pub use review::{DUE_SOON_DAYS, ReviewStatus};
pub use rules::{
    MAX_FILE_BYTES, MAX_HEADLINE_CHARS, MAX_POINT_DEPTH, MAX_SLUG_LEN, check_link, check_slug,
};
pub use schema::schemas;
pub use source::{Entry, RecordKind, ToolkitSource};
pub use span::Span;
pub use story::{MapStory, Quote};
#[cfg(feature = "synthetic")]
pub use synthetic::synthetic;
pub use terminal::terminal_safe;
pub use time::{TimeError, TimeOfDay};
pub use toolkit::Toolkit;
pub use toolkit_info::{Member, Theme, ToolkitInfo};
pub use validate::Validated;
