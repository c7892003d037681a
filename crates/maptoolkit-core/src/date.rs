//! Dates as the toolkit writes them: to the year, the month or the day.
//!
//! The archive has "February 2018", "1 December 2016" and "11.1.18". Files store these as partial
//! ISO dates (`2018`, `2018-02`, `2016-12-01`), and comparisons respect the precision written:
//! `2017-02` is not before `2017-02-14`.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A date known to the year, the month or the day.
///
/// The derived order sorts `2017` before `2017-01` before `2017-01-01`: use it for sorting, and
/// [`PartialDate::is_before`] to ask whether one date certainly comes before another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    year: u16,
    month: Option<u8>,
    day: Option<u8>,
}

/// A whole calendar date, such as the "as of" date of a briefing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// The year, 1000 to 9999.
    pub year: u16,
    /// The month, 1 to 12.
    pub month: u8,
    /// The day of the month.
    pub day: u8,
}

/// Why a date could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// Not `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[error("`{0}` is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)")]
    Format(String),
    /// The form is right but no such day exists.
    #[error("`{0}` is not a real date")]
    Impossible(String),
    /// A whole date was needed.
    #[error("`{0}` is not a whole date (expected YYYY-MM-DD)")]
    NotWhole(String),
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The number of days in a month of a year.
pub fn days_in_month(year: u16, month: u8) -> u8 {
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a day of the proleptic Gregorian calendar (negative before it):
/// the one calendar of the workspace, used by [`Date`] and by the briefing crate's timestamps.
/// Howard Hinnant's algorithm, exact for any year.
///
/// ```
/// use maptoolkit_core::{civil_from_days, days_from_civil};
/// assert_eq!(days_from_civil(2018, 1, 11), 17_542);
/// assert_eq!(civil_from_days(17_542), (2018, 1, 11));
/// assert_eq!(days_from_civil(1969, 12, 31), -1);
/// ```
pub fn days_from_civil(year: i64, month: u8, day: u8) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The year, month and day `days` after 1970-01-01: the inverse of [`days_from_civil`].
pub fn civil_from_days(days: i64) -> (i64, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// The English name of a month, 1 to 12.
pub fn month_name(month: u8) -> &'static str {
    MONTHS[usize::from(month.clamp(1, 12)) - 1]
}

impl PartialDate {
    /// Stands in for a date that could not be read from a file; the problem is reported, so a
    /// record holding it never validates.
    pub(crate) const PLACEHOLDER: PartialDate = PartialDate {
        year: 1000,
        month: None,
        day: None,
    };

    /// A date from its parts, or `None` if no such date exists.
    ///
    /// ```
    /// use maptoolkit_core::PartialDate;
    /// assert!(PartialDate::new(2017, Some(2), Some(29)).is_none());
    /// assert_eq!(PartialDate::new(2018, Some(2), None).unwrap().to_string(), "2018-02");
    /// ```
    pub fn new(year: u16, month: Option<u8>, day: Option<u8>) -> Option<PartialDate> {
        if !(1000..=9999).contains(&year) {
            return None;
        }
        match (month, day) {
            (None, Some(_)) => return None,
            (Some(m), _) if !(1..=12).contains(&m) => return None,
            (Some(m), Some(d)) if d == 0 || d > days_in_month(year, m) => return None,
            _ => {}
        }
        Some(PartialDate { year, month, day })
    }

    /// The year.
    pub fn year(self) -> u16 {
        self.year
    }

    /// The month, if known.
    pub fn month(self) -> Option<u8> {
        self.month
    }

    /// The day, if known.
    pub fn day(self) -> Option<u8> {
        self.day
    }

    /// The first day the date could mean.
    pub fn earliest(self) -> Date {
        Date {
            year: self.year,
            month: self.month.unwrap_or(1),
            day: self.day.unwrap_or(1),
        }
    }

    /// The last day the date could mean.
    pub fn latest(self) -> Date {
        let month = self.month.unwrap_or(12);
        let day = self.day.unwrap_or_else(|| days_in_month(self.year, month));
        Date {
            year: self.year,
            month,
            day,
        }
    }

    /// Whether every day this date could mean comes before every day `other` could mean.
    ///
    /// ```
    /// use maptoolkit_core::PartialDate;
    /// let feb: PartialDate = "2017-02".parse().unwrap();
    /// let feb14: PartialDate = "2017-02-14".parse().unwrap();
    /// assert!(!feb.is_before(feb14));
    /// assert!(!feb14.is_before(feb));
    /// assert!("2017-01-31".parse::<PartialDate>().unwrap().is_before(feb));
    /// ```
    pub fn is_before(self, other: PartialDate) -> bool {
        self.latest() < other.earliest()
    }

    /// The date as people write it in the UK: `1 December 2016`, `February 2018`, `2018`.
    pub fn to_uk_string(self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{d} {} {}", month_name(m), self.year),
            (Some(m), None) => format!("{} {}", month_name(m), self.year),
            _ => self.year.to_string(),
        }
    }
}

impl From<Date> for PartialDate {
    fn from(d: Date) -> PartialDate {
        PartialDate {
            year: d.year,
            month: Some(d.month),
            day: Some(d.day),
        }
    }
}

impl FromStr for PartialDate {
    type Err = DateError;

    fn from_str(s: &str) -> Result<PartialDate, DateError> {
        let format = || DateError::Format(s.to_string());
        let parts: Vec<&str> = s.split('-').collect();
        let widths = [4, 2, 2];
        if parts.len() > 3
            || parts
                .iter()
                .zip(widths)
                .any(|(p, w)| p.len() != w || !p.bytes().all(|b| b.is_ascii_digit()))
        {
            return Err(format());
        }
        let num = |i: usize| parts.get(i).map(|p| p.parse::<u16>().map_err(|_| format()));
        let year = num(0).ok_or_else(format)??;
        let month = num(1).transpose()?.map(|m| m as u8);
        let day = num(2).transpose()?.map(|d| d as u8);
        PartialDate::new(year, month, day).ok_or_else(|| DateError::Impossible(s.to_string()))
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl Date {
    /// A whole date, or `None` if no such day exists.
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        PartialDate::new(year, Some(month), Some(day)).map(|p| p.earliest())
    }

    /// The date `days` days later (earlier when negative).
    ///
    /// ```
    /// use maptoolkit_core::Date;
    /// let d: Date = "2016-12-31".parse().unwrap();
    /// assert_eq!(d.add_days(60).to_string(), "2017-03-01");
    /// ```
    pub fn add_days(self, days: i64) -> Date {
        Date::from_day_number(self.day_number() + days)
    }

    /// Days since 1970-01-01 (negative before it).
    pub fn day_number(self) -> i64 {
        days_from_civil(i64::from(self.year), self.month, self.day)
    }

    /// The date `n` days after 1970-01-01, clamped to the years 1000 to 9999.
    pub fn from_day_number(n: i64) -> Date {
        let (year, month, day) = civil_from_days(n.clamp(-354_285, 2_932_896));
        Date {
            year: year as u16,
            month,
            day,
        }
    }

    /// The date as people write it in the UK, e.g. `26 November 2026`.
    pub fn to_uk_string(self) -> String {
        PartialDate::from(self).to_uk_string()
    }
}

impl FromStr for Date {
    type Err = DateError;

    fn from_str(s: &str) -> Result<Date, DateError> {
        let p: PartialDate = s.parse()?;
        if p.day.is_none() {
            return Err(DateError::NotWhole(s.to_string()));
        }
        Ok(p.earliest())
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<PartialDate, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// The pattern of a partial date in JSON Schema.
const PARTIAL_DATE_PATTERN: &str = r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$";

impl JsonSchema for PartialDate {
    fn schema_name() -> Cow<'static, str> {
        "PartialDate".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "description": "A date to the year, month or day: YYYY, YYYY-MM or YYYY-MM-DD.",
            "pattern": PARTIAL_DATE_PATTERN,
            "examples": ["2016-12-01", "2018-02", "2017"],
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(input: &str, expected: Result<&str, &str>) {
        let got = input
            .parse::<PartialDate>()
            .map(|d| d.to_uk_string())
            .map_err(|e| e.to_string());
        assert_eq!(got.as_deref().map_err(|e| e.as_str()), expected);
    }

    #[test]
    fn parses_each_precision() {
        check("2016-12-01", Ok("1 December 2016"));
        check("2018-02", Ok("February 2018"));
        check("2018", Ok("2018"));
        check("2016-02-29", Ok("29 February 2016"));
    }

    #[test]
    fn refuses_other_forms_and_impossible_dates() {
        check(
            "11.1.18",
            Err("`11.1.18` is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)"),
        );
        check(
            "2018-2",
            Err("`2018-2` is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)"),
        );
        check(
            "",
            Err("`` is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)"),
        );
        check("2017-02-29", Err("`2017-02-29` is not a real date"));
        check("2017-13", Err("`2017-13` is not a real date"));
        check("2017-00-10", Err("`2017-00-10` is not a real date"));
        check("0999", Err("`0999` is not a real date"));
        check(
            "+201-01",
            Err("`+201-01` is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)"),
        );
    }

    #[test]
    fn comparison_respects_precision() {
        let d = |s: &str| s.parse::<PartialDate>().unwrap();
        assert!(!d("2017-02").is_before(d("2017-02-14")));
        assert!(!d("2017").is_before(d("2017-12-31")));
        assert!(d("2016").is_before(d("2017-01")));
        assert!(d("2016-12-31").is_before(d("2017")));
        assert!(!d("2017-02-14").is_before(d("2017-02-14")));
    }

    #[test]
    fn day_numbers_round_trip() {
        let start: Date = "1999-12-01".parse().unwrap();
        for i in 0..2000 {
            let d = start.add_days(i);
            assert_eq!(Date::from_day_number(d.day_number()), d);
            assert_eq!(d.day_number(), start.day_number() + i);
        }
        assert_eq!(Date::new(1970, 1, 1).unwrap().day_number(), 0);
    }

    #[test]
    fn whole_dates_need_a_day() {
        assert_eq!(
            "2018-02".parse::<Date>().unwrap_err().to_string(),
            "`2018-02` is not a whole date (expected YYYY-MM-DD)"
        );
    }
}
