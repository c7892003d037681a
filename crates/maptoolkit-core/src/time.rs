//! Times of day, as meetings give them: `HH:MM`, 24-hour clock.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A time of day to the minute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimeOfDay {
    hour: u8,
    minute: u8,
}

/// Why a time could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a time (expected HH:MM, 24-hour clock)")]
pub struct TimeError(pub String);

impl TimeOfDay {
    /// A time from hour and minute, or `None` if out of range.
    pub fn new(hour: u8, minute: u8) -> Option<TimeOfDay> {
        (hour < 24 && minute < 60).then_some(TimeOfDay { hour, minute })
    }

    /// The hour, 0 to 23.
    pub fn hour(self) -> u8 {
        self.hour
    }

    /// The minute, 0 to 59.
    pub fn minute(self) -> u8 {
        self.minute
    }

    /// The time as people write it in the UK: `1pm`, `1:30pm`, `10am`, `12 noon`.
    ///
    /// ```
    /// use maptoolkit_core::TimeOfDay;
    /// let t: TimeOfDay = "13:30".parse().unwrap();
    /// assert_eq!(t.to_uk_string(), "1:30pm");
    /// ```
    pub fn to_uk_string(self) -> String {
        if self.hour == 12 && self.minute == 0 {
            return "12 noon".to_string();
        }
        let suffix = if self.hour < 12 { "am" } else { "pm" };
        let h12 = match self.hour % 12 {
            0 => 12,
            h => h,
        };
        if self.minute == 0 {
            format!("{h12}{suffix}")
        } else {
            format!("{h12}:{:02}{suffix}", self.minute)
        }
    }
}

impl FromStr for TimeOfDay {
    type Err = TimeError;

    fn from_str(s: &str) -> Result<TimeOfDay, TimeError> {
        let err = || TimeError(s.to_string());
        let (h, m) = s.split_once(':').ok_or_else(err)?;
        if h.len() != 2 || m.len() != 2 || !(h.bytes().chain(m.bytes())).all(|b| b.is_ascii_digit())
        {
            return Err(err());
        }
        TimeOfDay::new(h.parse().map_err(|_| err())?, m.parse().map_err(|_| err())?).ok_or_else(err)
    }
}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour, self.minute)
    }
}

impl Serialize for TimeOfDay {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for TimeOfDay {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<TimeOfDay, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

impl JsonSchema for TimeOfDay {
    fn schema_name() -> Cow<'static, str> {
        "TimeOfDay".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "description": "A time of day, HH:MM on the 24-hour clock.",
            "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(input: &str, expected: Result<&str, ()>) {
        let got = input
            .parse::<TimeOfDay>()
            .map(|t| t.to_uk_string())
            .map_err(|_| ());
        assert_eq!(got.as_deref().map_err(|_| ()), expected);
    }

    #[test]
    fn reads_and_writes_times() {
        check("13:00", Ok("1pm"));
        check("14:05", Ok("2:05pm"));
        check("00:00", Ok("12am"));
        check("12:00", Ok("12 noon"));
        check("09:30", Ok("9:30am"));
        check("9:30", Err(()));
        check("24:00", Err(()));
        check("12:60", Err(()));
        check("1pm", Err(()));
    }
}
