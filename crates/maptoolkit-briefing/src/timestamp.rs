//! A moment in UTC to embed in documents, so exporters never read the clock.
//!
//! Its calendar is the core crate's ([`days_from_civil`], [`civil_from_days`]), the one the
//! workspace has.

use maptoolkit_core::{civil_from_days, days_from_civil};

/// Seconds since 1970-01-01T00:00:00Z, with conversion to the calendar forms formats need.
///
/// ```
/// use maptoolkit_briefing::Timestamp;
/// let t = Timestamp::from_date(2018, 1, 11).unwrap();
/// assert_eq!(t.to_rfc3339(), "2018-01-11T00:00:00Z");
/// assert_eq!(t.unix_seconds(), 1_515_628_800);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(i64);

/// A timestamp split into its calendar parts, in UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CivilTime {
    /// The year, e.g. 2018.
    pub year: i64,
    /// The month, 1 to 12.
    pub month: u8,
    /// The day of the month, 1 to 31.
    pub day: u8,
    /// The hour, 0 to 23.
    pub hour: u8,
    /// The minute, 0 to 59.
    pub minute: u8,
    /// The second, 0 to 59.
    pub second: u8,
}

impl Timestamp {
    /// The moment `secs` seconds after the Unix epoch (negative before it).
    pub fn from_unix_seconds(secs: i64) -> Timestamp {
        Timestamp(secs)
    }

    /// Midnight UTC at the start of a day, or `None` if the date does not exist.
    pub fn from_date(year: i64, month: u8, day: u8) -> Option<Timestamp> {
        let in_month = (1..=12).contains(&month)
            && day >= 1
            && civil_from_days(days_from_civil(year, month, day)) == (year, month, day);
        if !in_month {
            return None;
        }
        Some(Timestamp(days_from_civil(year, month, day) * 86_400))
    }

    /// Seconds since the Unix epoch.
    pub fn unix_seconds(self) -> i64 {
        self.0
    }

    /// The calendar date and time, in UTC.
    pub fn civil(self) -> CivilTime {
        let days = self.0.div_euclid(86_400);
        let secs = self.0.rem_euclid(86_400);
        let (year, month, day) = civil_from_days(days);
        CivilTime {
            year,
            month,
            day,
            hour: (secs / 3600) as u8,
            minute: (secs % 3600 / 60) as u8,
            second: (secs % 60) as u8,
        }
    }

    /// The date as `YYYY-MM-DD`.
    pub fn to_date_string(self) -> String {
        let c = self.civil();
        format!("{:04}-{:02}-{:02}", c.year, c.month, c.day)
    }

    /// The moment as RFC 3339 / W3CDTF in UTC, e.g. `2018-01-11T00:00:00Z` (Office core properties).
    pub fn to_rfc3339(self) -> String {
        let c = self.civil();
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
            c.year, c.month, c.day, c.hour, c.minute, c.second
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(secs: i64, expected: &str) {
        assert_eq!(Timestamp::from_unix_seconds(secs).to_rfc3339(), expected);
    }

    #[test]
    fn converts_known_moments() {
        check(0, "1970-01-01T00:00:00Z");
        check(-1, "1969-12-31T23:59:59Z");
        check(951_782_400, "2000-02-29T00:00:00Z");
        check(1_700_000_000, "2023-11-14T22:13:20Z");
    }

    #[test]
    fn round_trips_every_day_of_four_centuries() {
        for days in -146_097..146_097 {
            let t = Timestamp::from_unix_seconds(days * 86_400);
            let c = t.civil();
            assert_eq!(Timestamp::from_date(c.year, c.month, c.day), Some(t));
        }
    }

    #[test]
    fn refuses_impossible_dates() {
        assert_eq!(Timestamp::from_date(2017, 2, 29), None);
        assert_eq!(Timestamp::from_date(2017, 13, 1), None);
        assert!(Timestamp::from_date(2016, 2, 29).is_some());
    }
}
