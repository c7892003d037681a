//! Review status: is a driver's summary current, due soon or overdue, as of a given date?

use crate::{Date, PartialDate};

/// Where a driver stands against its "Due for review" date, as of a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewStatus {
    /// No review date is set.
    NotSet,
    /// The review date is further away than the window.
    Current,
    /// The review falls due within the window (or this month, for a month-only date).
    DueSoon,
    /// The whole period the review date names has passed.
    Overdue,
    /// The driver is a draft (`draft = true`): not published, so not reviewed.
    Draft,
}

/// Days ahead that count as "due soon" in briefings.
pub const DUE_SOON_DAYS: i64 = 90;

impl ReviewStatus {
    /// The status of a review date as of `as_of`, counting reviews within `window_days` as due soon.
    ///
    /// A review date of `2018-02` is overdue from 1 March 2018 and due soon once 1 February 2018 is
    /// within the window.
    ///
    /// ```
    /// use maptoolkit_core::{ReviewStatus, PartialDate, Date};
    /// let due: PartialDate = "2018-02".parse().unwrap();
    /// let on = |s: &str| ReviewStatus::of(Some(due), s.parse::<Date>().unwrap(), 90);
    /// assert_eq!(on("2017-10-01"), ReviewStatus::Current);
    /// assert_eq!(on("2017-12-01"), ReviewStatus::DueSoon);
    /// assert_eq!(on("2018-02-28"), ReviewStatus::DueSoon);
    /// assert_eq!(on("2018-03-01"), ReviewStatus::Overdue);
    /// ```
    pub fn of(review_due: Option<PartialDate>, as_of: Date, window_days: i64) -> ReviewStatus {
        let Some(due) = review_due else {
            return ReviewStatus::NotSet;
        };
        if due.latest() < as_of {
            ReviewStatus::Overdue
        } else if due.earliest() <= as_of.add_days(window_days) {
            ReviewStatus::DueSoon
        } else {
            ReviewStatus::Current
        }
    }

    /// How readers see the status: "Overdue", "Due soon", "Current", "No review date", "Draft".
    pub fn label(self) -> &'static str {
        match self {
            ReviewStatus::NotSet => "No review date",
            ReviewStatus::Current => "Current",
            ReviewStatus::DueSoon => "Due soon",
            ReviewStatus::Overdue => "Overdue",
            ReviewStatus::Draft => "Draft",
        }
    }

    /// The status as a lower-case word for data files: `not_set`, `current`, `due_soon`, `overdue`, `draft`.
    pub fn as_str(self) -> &'static str {
        match self {
            ReviewStatus::NotSet => "not_set",
            ReviewStatus::Current => "current",
            ReviewStatus::DueSoon => "due_soon",
            ReviewStatus::Overdue => "overdue",
            ReviewStatus::Draft => "draft",
        }
    }
}
