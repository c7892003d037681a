//! What to export and for whom.

pub use maptoolkit_core::{Audience, MEMBERS_MARKING};
use maptoolkit_core::{Date, DriverSelection};

use crate::{BaseUrl, Timestamp};

/// Which kinds of record an export covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecordKinds {
    /// Drivers: the executive briefing and the drivers and review registers.
    pub drivers: bool,
    /// MAP Stories: evidence under each driver, an appendix and a register.
    pub stories: bool,
    /// Ideas Capture plans: an appendix and a register.
    pub ideas: bool,
    /// Meetings: a pack per meeting and the agenda register.
    pub meetings: bool,
}

impl Default for RecordKinds {
    fn default() -> RecordKinds {
        RecordKinds {
            drivers: true,
            stories: true,
            ideas: true,
            meetings: true,
        }
    }
}

/// Options for composing a bundle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportOptions {
    /// Who it is for. Decides what protected content may appear.
    pub audience: Audience,
    /// The date reviews are judged against and the briefing is "as of".
    pub as_of: Date,
    /// The moment recorded as the documents' creation time. Usually midnight of `as_of`, or
    /// `SOURCE_DATE_EPOCH` where a build sets it.
    pub created: Timestamp,
    /// Which kinds of record to include.
    pub include: RecordKinds,
    /// Reviews due within this many days count as "due soon".
    pub due_soon_days: i64,
    /// Where a website export will be published, e.g. `https://example.org/map/`. Links in the
    /// site's feed are made absolute from it, and a feed is only composed with it (Atom needs
    /// absolute links). `None` leaves the site relative.
    pub base_url: Option<BaseUrl>,
    /// The drivers the full briefing (`briefing`) covers; by default every current one.
    /// Briefing definitions (`briefings/<slug>`) make their own selection.
    pub selection: DriverSelection,
}

impl ExportOptions {
    /// Public options as of a date, with everything included and the creation time at midnight
    /// UTC of that date.
    ///
    /// ```
    /// use maptoolkit_briefing::{Audience, ExportOptions};
    /// let options = ExportOptions::as_of("2017-12-01".parse().unwrap());
    /// assert_eq!(options.audience, Audience::Public);
    /// assert_eq!(options.created.to_rfc3339(), "2017-12-01T00:00:00Z");
    /// ```
    pub fn as_of(as_of: Date) -> ExportOptions {
        let created = Timestamp::from_unix_seconds(as_of.day_number() * 86_400);
        ExportOptions {
            audience: Audience::Public,
            as_of,
            created,
            include: RecordKinds::default(),
            due_soon_days: maptoolkit_core::DUE_SOON_DAYS,
            base_url: None,
            selection: DriverSelection::default(),
        }
    }
}
