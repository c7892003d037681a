//! The MAP Toolkit's domain: drivers, MAP Stories, Ideas Capture plans and meetings, loaded and
//! validated.
//!
//! NHS library and knowledge services summarise national policy documents ("drivers") on a fixed
//! template, collect MAP Stories of their impact, plan projects with Ideas Capture and run group
//! meetings. This crate models that content, reads it from a toolkit folder of TOML files and checks
//! every rule at once, so other programs (and our exporters) only ever see a valid [`Toolkit`].
//!
//! It knows no output format and does no output.
//!
//! ```
//! use maptoolkit_core::{load, Date, ReviewStatus};
//!
//! let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures");
//! let as_of: Date = "2017-12-01".parse().unwrap();
//! let loaded = load(dir.as_ref(), Some(as_of)).expect("the fixtures are valid");
//!
//! let driver = &loaded.toolkit.drivers()["developing-people-improving-care"];
//! assert_eq!(driver.published.to_uk_string(), "1 December 2016");
//! assert_eq!(loaded.toolkit.owner(driver).unwrap().initials, "FG");
//! assert_eq!(ReviewStatus::of(driver.review_due, as_of, 90), ReviewStatus::DueSoon);
//! ```
//!
//! Programs can also build a [`ToolkitSource`] in code and call [`ToolkitSource::validate`].
#![warn(missing_docs)]

mod date;
mod diagnostic;
mod driver;
mod idea;
mod load;
mod meeting;
mod point;
mod review;
mod rules;
mod schema;
mod source;
mod story;
mod synthetic;
pub mod testing;
mod time;
mod toolkit;
mod toolkit_info;
mod validate;

pub use date::{Date, DateError, PartialDate, days_in_month, month_name};
pub use diagnostic::{Diagnostic, Report, Severity};
pub use driver::{Driver, Level, paragraphs};
pub use idea::IdeaCapture;
pub use load::{load, parse_record};
pub use meeting::{AgendaItem, Meeting, Teleconference};
pub use point::Point;
pub use review::{DUE_SOON_DAYS, ReviewStatus};
pub use rules::{MAX_FILE_BYTES, MAX_POINT_DEPTH, MAX_SLUG_LEN, check_link, check_slug};
pub use schema::schemas;
pub use source::{Entry, RecordKind, ToolkitSource};
pub use story::{MapStory, Quote};
pub use synthetic::synthetic;
pub use time::{TimeError, TimeOfDay};
pub use toolkit::Toolkit;
pub use toolkit_info::{Member, Theme, ToolkitInfo};
pub use validate::Validated;
