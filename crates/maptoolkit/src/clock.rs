//! The date a run is "as of" and the moment its documents record: the only place maptoolkit
//! reads the clock or `SOURCE_DATE_EPOCH`.
//!
//! The other crates are always given the date, so the same input and date give the same bytes.
//! A run's date and moment must fall in one range, 1980 to 9999, whichever way they are given
//! (`--as-of`, `SOURCE_DATE_EPOCH` or [`Export`](crate::Export)'s fields): zip archives (every
//! .docx and .xlsx) record no earlier time, and PDF dates and `core.xml` have four-digit years,
//! so every format stamps the same date.

use maptoolkit_briefing::{ExportOptions, Timestamp};
use maptoolkit_core::{Date, DateError};

/// The first moment `SOURCE_DATE_EPOCH` may name: 1980-01-01T00:00:00Z. Zip archives (every
/// .docx and .xlsx) cannot record an earlier time.
pub const EARLIEST_EPOCH: i64 = 315_532_800;

/// The last moment `SOURCE_DATE_EPOCH` may name: 9999-12-31T23:59:59Z. PDF dates and
/// `core.xml` have four-digit years.
pub const LATEST_EPOCH: i64 = 253_402_300_799;

/// The years a run may be as of, as words for messages.
const YEARS: &str = "the years 1980 to 9999";

/// `SOURCE_DATE_EPOCH` is set but cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("SOURCE_DATE_EPOCH is `{value}`: {reason}")]
pub struct EpochError {
    /// The variable's value.
    pub value: String,
    /// What is wrong with it.
    pub reason: &'static str,
}

/// A date a run cannot be as of.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AsOfError {
    /// Not a whole date.
    #[error(transparent)]
    NotADate(DateError),
    /// A date outside the years every format can record.
    #[error("`{0}` is outside {YEARS}, the dates every format can record")]
    OutOfRange(String),
}

/// Parses an as-of date, `YYYY-MM-DD`, in the years 1980 to 9999.
///
/// # Errors
/// When it is not a real date, or falls outside those years.
///
/// ```
/// use maptoolkit::parse_as_of;
/// assert_eq!(parse_as_of("2017-12-01").unwrap().to_string(), "2017-12-01");
/// assert!(parse_as_of("1979-12-31").is_err());
/// assert!(parse_as_of("0999-01-01").is_err());
/// assert!(parse_as_of("2017-02-29").is_err());
/// ```
pub fn parse_as_of(text: &str) -> Result<Date, AsOfError> {
    // `0999-01-01` is a date, just not one a run may use: say so, not "not a real date".
    let bytes = text.as_bytes();
    let shaped = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes[..4].iter().all(u8::is_ascii_digit);
    if shaped && !("1980"..="9999").contains(&&text[..4]) {
        return Err(AsOfError::OutOfRange(text.to_string()));
    }
    let date: Date = text.parse().map_err(AsOfError::NotADate)?;
    check_as_of(date)
}

/// Checks that a run may be as of `date`: the years 1980 to 9999.
///
/// # Errors
/// [`AsOfError::OutOfRange`] outside those years.
pub fn check_as_of(date: Date) -> Result<Date, AsOfError> {
    if date.day_number() < EARLIEST_EPOCH / 86_400 {
        return Err(AsOfError::OutOfRange(date.to_string()));
    }
    Ok(date)
}

/// Checks that documents may record `created` as their creation: the years 1980 to 9999.
pub(crate) fn check_created(created: Timestamp) -> Result<Timestamp, EpochError> {
    let seconds = created.unix_seconds();
    if (EARLIEST_EPOCH..=LATEST_EPOCH).contains(&seconds) {
        Ok(created)
    } else {
        Err(EpochError {
            value: seconds.to_string(),
            reason: "outside the years 1980 to 9999",
        })
    }
}

/// Today's date in UTC, from the system clock.
///
/// Libraries never call this: they are given the date. Use it where a program decides what
/// "today" is, as the `maptoolkit` command does when `--as-of` is not given.
///
/// ```
/// let today = maptoolkit::today();
/// assert!(today > "2020-01-01".parse().unwrap());
/// ```
pub fn today() -> Date {
    #[allow(
        clippy::disallowed_methods,
        reason = "the one place a run reads today's date"
    )]
    let now = std::time::SystemTime::now();
    let seconds = match now.duration_since(std::time::UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
        // A clock before 1970 is broken; the epoch is as good a guess as any.
        Err(_) => 0,
    };
    Date::from_day_number(seconds.div_euclid(86_400))
}

/// `SOURCE_DATE_EPOCH` from the environment, when set.
///
/// # Errors
/// When it is not a whole number of seconds, or names a moment outside 1980–9999.
pub fn source_date_epoch() -> Result<Option<Timestamp>, EpochError> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(value) => parse_epoch(&value).map(Some),
        Err(_) => Ok(None),
    }
}

/// Parses a `SOURCE_DATE_EPOCH` value.
///
/// # Errors
/// When it is not a whole number of seconds, or names a moment outside 1980–9999.
///
/// ```
/// use maptoolkit::parse_epoch;
/// assert_eq!(parse_epoch("1512086400").unwrap().to_rfc3339(), "2017-12-01T00:00:00Z");
/// assert!(parse_epoch("253402300800").is_err()); // the year 10000
/// assert!(parse_epoch("yesterday").is_err());
/// ```
pub fn parse_epoch(value: &str) -> Result<Timestamp, EpochError> {
    let error = |reason| EpochError {
        value: value.to_string(),
        reason,
    };
    let seconds: i64 = value
        .trim()
        .parse()
        .map_err(|_| error("not a whole number of seconds since 1970"))?;
    if !(EARLIEST_EPOCH..=LATEST_EPOCH).contains(&seconds) {
        return Err(error("outside the years 1980 to 9999"));
    }
    Ok(Timestamp::from_unix_seconds(seconds))
}

/// The date a run is as of: `flag` when given, else the day of `SOURCE_DATE_EPOCH`, else today.
///
/// # Errors
/// When `SOURCE_DATE_EPOCH` is set but cannot be used, or `flag` is outside the years 1980 to
/// 9999 (as [`parse_as_of`] checks).
pub fn as_of(flag: Option<Date>) -> Result<Date, EpochError> {
    if let Some(date) = flag {
        return check_as_of(date).map_err(|_| EpochError {
            value: date.to_string(),
            reason: "outside the years 1980 to 9999",
        });
    }
    Ok(match source_date_epoch()? {
        Some(t) => Date::from_day_number(t.unix_seconds().div_euclid(86_400)),
        None => today(),
    })
}

/// The moment documents record as their creation: `SOURCE_DATE_EPOCH` when set, else midnight
/// UTC at the start of `as_of`.
///
/// # Errors
/// When `SOURCE_DATE_EPOCH` is set but cannot be used.
pub fn created(as_of: Date) -> Result<Timestamp, EpochError> {
    Ok(source_date_epoch()?.unwrap_or(ExportOptions::as_of(as_of).created))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn as_of_accepts_the_same_years_as_source_date_epoch() {
        let message = |s: &str| parse_as_of(s).unwrap_err().to_string();
        assert_eq!(
            message("1979-12-31"),
            "`1979-12-31` is outside the years 1980 to 9999, the dates every format can record"
        );
        assert_eq!(
            message("0999-01-01"),
            "`0999-01-01` is outside the years 1980 to 9999, the dates every format can record"
        );
        assert!(message("1900-01-01").contains("outside the years 1980 to 9999"));
        assert_eq!(message("2017-02-29"), "`2017-02-29` is not a real date");
        assert_eq!(parse_as_of("1980-01-01").unwrap().to_string(), "1980-01-01");
        assert_eq!(parse_as_of("9999-12-31").unwrap().to_string(), "9999-12-31");
        let earliest = parse_as_of("1980-01-01").unwrap();
        assert_eq!(
            check_created(ExportOptions::as_of(earliest).created).map(|t| t.unix_seconds()),
            Ok(EARLIEST_EPOCH)
        );
        assert!(as_of(Some("1979-12-31".parse().unwrap())).is_err());
    }

    #[test]
    fn epochs_outside_four_digit_years_are_refused() {
        assert_eq!(
            parse_epoch("253402300800").unwrap_err().to_string(),
            "SOURCE_DATE_EPOCH is `253402300800`: outside the years 1980 to 9999"
        );
        assert!(parse_epoch("253402300799").is_ok());
        assert!(parse_epoch("315532799").is_err());
        assert!(parse_epoch("-1").is_err());
        assert_eq!(
            parse_epoch(" 315532800\n").unwrap().to_rfc3339(),
            "1980-01-01T00:00:00Z"
        );
    }
}
