//! Dates and times as people write them in posts.
//!
//! Dates are day-first, as in the UK: `1 December 2016`, `1st December 2016`, `December 2016`,
//! `Dec 2016`, `11.1.18`, `11/1/2018`, `2016-12-01`. Two-digit years are 20YY. The precision
//! written is kept: `December 2016` is a month, not the first of the month.
//!
//! Meeting titles carry a day, often without a year, and a time range: `MAP Meeting 4th May 1-2pm`,
//! `10am-12pm`, `10:30-11:45am`, `13:00–14:00`.

use maptoolkit_core::{PartialDate, TimeOfDay};

use crate::text::clean;

/// Why a date could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{text}` is not a date: {reason}")]
pub struct DateParseError {
    /// The text as given (spaces normalised).
    pub text: String,
    /// What was wrong with it.
    pub reason: &'static str,
}

/// Reads a date as people write it in the UK, keeping the precision written.
///
/// # Errors
/// A [`DateParseError`] when the text is not a date in one of the forms above, or the day does
/// not exist.
///
/// ```
/// use maptoolkit_import::parse_uk_date;
/// assert_eq!(parse_uk_date("1st December 2016").unwrap().to_string(), "2016-12-01");
/// assert_eq!(parse_uk_date("Dec 2016").unwrap().to_string(), "2016-12");
/// assert_eq!(parse_uk_date("11.1.18").unwrap().to_string(), "2018-01-11");
/// assert!(parse_uk_date("31 February 2017").is_err());
/// ```
pub fn parse_uk_date(text: &str) -> Result<PartialDate, DateParseError> {
    let cleaned = clean(text);
    let s = cleaned.trim_end_matches(['.', ',', ';']).trim();
    let err = |reason| DateParseError {
        text: cleaned.clone(),
        reason,
    };
    if s.is_empty() {
        return Err(err("it is empty"));
    }
    let b = s.as_bytes();
    if b.len() >= 4 && b[..4].iter().all(u8::is_ascii_digit) && (b.len() == 4 || b[4] == b'-') {
        return s
            .parse::<PartialDate>()
            .map_err(|_| err("expected YYYY, YYYY-MM or YYYY-MM-DD"));
    }
    if s.chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | '/' | '-'))
    {
        return numeric(s).ok_or_else(|| err("expected day.month.year, e.g. 11.1.18"));
    }
    let parts = words(s).ok_or_else(|| err("expected e.g. 1 December 2016 or Dec 2016"))?;
    let year = parts
        .year
        .ok_or_else(|| err("it has no year (four digits)"))?;
    if parts.day.is_some() && parts.month.is_none() {
        return Err(err("it has a day but no month"));
    }
    PartialDate::new(year, parts.month, parts.day).ok_or_else(|| err("no such day"))
}

/// A date read from a range or from prose: the start, with the precision written there, and
/// whether the text said more than that date (a range, a season, a sentence).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LooseDate {
    /// The date, or the start of the range or period.
    pub date: PartialDate,
    /// Whether the text was a range, period or sentence rather than one date, so the original
    /// text should be reported.
    pub approximate: bool,
}

/// Reads a date as [`parse_uk_date`] does, or else the start of a range or period written in
/// words, keeping its precision: `October – November 2016` and `Oct/Nov 2016` are October 2016,
/// `1–3 March 2016` is 1 March 2016, `Spring 2018` March 2018, `Q2 2018` April 2018, `2018/19`
/// the year 2018, and `All STPs were published in Oct/Nov 2016` October 2016.
///
/// # Errors
/// [`parse_uk_date`]'s error when no year can be found, or the text names no date at all.
///
/// ```
/// use maptoolkit_import::parse_uk_date_loose;
/// let read = |s| parse_uk_date_loose(s).map(|d| (d.date.to_string(), d.approximate)).unwrap();
/// assert_eq!(read("1 December 2016"), ("2016-12-01".to_string(), false));
/// assert_eq!(read("October – November 2016"), ("2016-10".to_string(), true));
/// assert_eq!(read("1–3 March 2016"), ("2016-03-01".to_string(), true));
/// assert_eq!(read("Q2 2018"), ("2018-04".to_string(), true));
/// assert_eq!(read("2018/19"), ("2018".to_string(), true));
/// assert!(parse_uk_date_loose("soon").is_err());
/// ```
pub fn parse_uk_date_loose(text: &str) -> Result<LooseDate, DateParseError> {
    let strict = match parse_uk_date(text) {
        Ok(date) => {
            return Ok(LooseDate {
                date,
                approximate: false,
            });
        }
        Err(e) => e,
    };
    loose(&strict.text).ok_or(strict).map(|date| LooseDate {
        date,
        approximate: true,
    })
}

/// A season's or quarter's first month: `spring` 3, `q2` 4.
fn period_month(word: &str) -> Option<u8> {
    match word {
        "spring" => Some(3),
        "summer" => Some(6),
        "autumn" | "fall" => Some(9),
        "winter" => Some(12),
        "q1" => Some(1),
        "q2" => Some(4),
        "q3" => Some(7),
        "q4" => Some(10),
        _ => None,
    }
}

/// The start of a range or period: the first year in the text, and the run of months and days
/// just before it.
fn loose(s: &str) -> Option<PartialDate> {
    let words: Vec<String> = s
        .split(|c: char| c.is_whitespace() || matches!(c, '-' | '–' | '—' | '/' | ',' | '(' | ')'))
        .map(|w| {
            w.trim_matches(['.', ';', ':', '\'', '’'])
                .to_ascii_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect();
    let at = words
        .iter()
        .position(|w| year_word(w).is_some_and(|y| (1900..=2100).contains(&y)))?;
    let year = year_word(&words[at])?;
    // Walk back over months, periods, days and joining words; the earliest of them is the start.
    let mut month = None;
    let mut day = None;
    for w in words[..at].iter().rev() {
        if let Some(m) = month_of(w).or_else(|| period_month(w)) {
            month = Some(m);
            day = None;
        } else if let Some(d) = day_of(w) {
            if month.is_none() {
                break;
            }
            day = Some(d);
        } else if matches!(
            w.as_str(),
            "and" | "to" | "&" | "of" | "the" | "until" | "till"
        ) {
            continue;
        } else {
            break;
        }
    }
    PartialDate::new(year, month, day.filter(|_| month.is_some()))
        .or_else(|| PartialDate::new(year, month, None))
}

/// A day-first numeric date: `11.1.18`, `11/1/2018`, `01-12-2016`, or `12/2016`.
fn numeric(s: &str) -> Option<PartialDate> {
    let parts: Vec<&str> = s.split(['.', '/', '-']).collect();
    if parts.iter().any(|p| p.is_empty() || p.len() > 4) {
        return None;
    }
    match parts.as_slice() {
        [d, m, y] if d.len() <= 2 && m.len() <= 2 => {
            let year = year_of(y)?;
            PartialDate::new(year, Some(m.parse().ok()?), Some(d.parse().ok()?))
        }
        [m, y] if m.len() <= 2 && y.len() == 4 => {
            PartialDate::new(y.parse().ok()?, Some(m.parse().ok()?), None)
        }
        _ => None,
    }
}

/// A two- or four-digit year; two digits are 20YY.
fn year_of(y: &str) -> Option<u16> {
    match y.len() {
        2 => Some(2000 + y.parse::<u16>().ok()?),
        4 => y.parse().ok(),
        _ => None,
    }
}

/// The parts of a date written in words.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DateParts {
    pub day: Option<u8>,
    pub month: Option<u8>,
    pub year: Option<u16>,
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// The month a word names, full or abbreviated to at least three letters (`Dec`, `Sept.`).
pub(crate) fn month_of(word: &str) -> Option<u8> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| m.starts_with(&w))
        .map(|i| i as u8 + 1)
}

/// A day of the month as written: `1`, `01`, `1st`, `22nd`, `4th`.
fn day_of(word: &str) -> Option<u8> {
    let lower = word.to_ascii_lowercase();
    let digits = lower
        .strip_suffix("st")
        .or_else(|| lower.strip_suffix("nd"))
        .or_else(|| lower.strip_suffix("rd"))
        .or_else(|| lower.strip_suffix("th"))
        .unwrap_or(&lower);
    if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

/// A four-digit year, or `'18`.
fn year_word(word: &str) -> Option<u16> {
    if let Some(short) = word.strip_prefix(['\'', '’']) {
        return (short.len() == 2 && short.bytes().all(|b| b.is_ascii_digit()))
            .then(|| year_of(short))
            .flatten();
    }
    (word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()))
        .then(|| word.parse().ok())
        .flatten()
        .filter(|y| (1000..=9999).contains(y))
}

/// Reads `[weekday] [day] month year` or `month [day] year` with every word understood.
fn words(s: &str) -> Option<DateParts> {
    let mut parts = DateParts::default();
    for word in s.split([' ', ',']).filter(|w| !w.is_empty()) {
        let lower = word.trim_end_matches('.').to_ascii_lowercase();
        if lower == "of"
            || lower == "the"
            || WEEKDAYS
                .iter()
                .any(|d| d.starts_with(&lower) && lower.len() >= 3)
        {
            continue;
        }
        if let Some(m) = month_of(word) {
            if parts.month.replace(m).is_some() || parts.year.is_some() {
                return None;
            }
        } else if let Some(d) = day_of(word) {
            if parts.day.replace(d).is_some() || parts.year.is_some() {
                return None;
            }
        } else if let Some(y) = year_word(word) {
            if parts.year.replace(y).is_some() {
                return None;
            }
        } else {
            return None;
        }
    }
    Some(parts)
}

/// The date and time a meeting title gives.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct When {
    /// Day, month and year, as far as the title gives them.
    pub date: DateParts,
    /// Start time.
    pub start: Option<TimeOfDay>,
    /// End time.
    pub end: Option<TimeOfDay>,
}

/// Finds the day, month, year and times in a meeting title such as
/// `MAP Meeting 4th May 1-2pm` or `Meeting 8th February 2017`.
pub(crate) fn meeting_when(title: &str) -> When {
    let title = clean(title);
    let words: Vec<&str> = title.split([' ', ',']).filter(|w| !w.is_empty()).collect();
    let mut when = When::default();
    for (k, word) in words.iter().enumerate() {
        let Some(month) = month_of(word) else {
            continue;
        };
        let before = k.checked_sub(1).and_then(|i| day_of(words[i]));
        let after = words.get(k + 1).and_then(|w| day_of(w));
        let day = before.or(after);
        let year_at = if before.is_none() && after.is_some() {
            k + 2
        } else {
            k + 1
        };
        let year = words.get(year_at).and_then(|w| year_word(w));
        if day.is_some() || year.is_some() {
            when.date = DateParts {
                day,
                month: Some(month),
                year,
            };
            break;
        }
    }
    if when.date.month.is_none() {
        for word in &words {
            if word.contains(['.', '/'])
                && let Ok(d) = parse_uk_date(word)
            {
                when.date = DateParts {
                    day: d.day(),
                    month: d.month(),
                    year: Some(d.year()),
                };
                break;
            }
        }
    }
    if let Some((start, end)) = time_range(&title) {
        when.start = Some(start);
        when.end = end;
    }
    when
}

/// A time as written: hour, minutes, and `am`/`pm` if given.
#[derive(Debug, Clone, Copy)]
struct Clock {
    hour: u8,
    minute: u8,
    pm: Option<bool>,
    /// Written with minutes (`10:30`), so clearly a time even without am/pm.
    colon: bool,
}

impl Clock {
    fn to_time(self, pm: Option<bool>) -> Option<TimeOfDay> {
        let hour = match pm.or(self.pm) {
            Some(true) if self.hour < 12 => self.hour + 12,
            Some(false) if self.hour == 12 => 0,
            Some(_) if self.hour > 12 => return None,
            _ => self.hour,
        };
        TimeOfDay::new(hour, self.minute)
    }
}

/// Reads a time at the start of `s`; returns it and the rest.
fn clock_at(s: &str) -> Option<(Clock, &str)> {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 2 {
        return None;
    }
    let hour: u8 = s[..digits].parse().ok()?;
    let mut rest = &s[digits..];
    let mut minute = 0;
    let mut colon = false;
    if let Some(after) = rest.strip_prefix([':', '.']) {
        let m = after.bytes().take_while(u8::is_ascii_digit).count();
        if m == 2 {
            minute = after[..2].parse().ok()?;
            rest = &after[2..];
            colon = true;
        }
    }
    let trimmed = rest.trim_start();
    let lower = trimmed.to_ascii_lowercase();
    let mut pm = None;
    for (suffix, is_pm) in [
        ("a.m.", false),
        ("p.m.", true),
        ("am", false),
        ("pm", true),
        ("noon", true),
    ] {
        if lower.starts_with(suffix) {
            pm = Some(is_pm);
            rest = &trimmed[suffix.len()..];
            break;
        }
    }
    if rest.starts_with(|c: char| c.is_alphanumeric()) {
        return None;
    }
    Some((
        Clock {
            hour,
            minute,
            pm,
            colon,
        },
        rest,
    ))
}

/// Finds a time range (`1-2pm`, `10am-12pm`, `10:30-11:45am`, `13:00–14:00`, `2pm to 3pm`) or a
/// single time with am/pm (`10am`) in a title.
fn time_range(title: &str) -> Option<(TimeOfDay, Option<TimeOfDay>)> {
    let mut single = None;
    for (i, c) in title.char_indices() {
        let prev = title[..i].chars().next_back();
        if !c.is_ascii_digit() || prev.is_some_and(|p| p.is_alphanumeric() || p == ':' || p == '.')
        {
            continue;
        }
        let Some((first, rest)) = clock_at(&title[i..]) else {
            continue;
        };
        let after_sep = {
            let r = rest.trim_start();
            r.strip_prefix(['-', '–', '—'])
                .or_else(|| r.strip_prefix("to "))
                .map(str::trim_start)
        };
        if let Some((second, _)) = after_sep.and_then(clock_at) {
            if first.pm.is_none() && second.pm.is_none() && !(first.colon && second.colon) {
                continue;
            }
            let end = second.to_time(None)?;
            let start = match first.pm {
                Some(_) => first.to_time(None)?,
                None => {
                    let same = first.to_time(second.pm)?;
                    if same > end {
                        first.to_time(Some(false))?
                    } else {
                        same
                    }
                }
            };
            let end = if second.pm.is_none() && end < start {
                second.to_time(Some(true))?
            } else {
                end
            };
            return Some((start, Some(end)));
        }
        if single.is_none() && first.pm.is_some() {
            single = first.to_time(None);
        }
    }
    single.map(|t| (t, None))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(input: &str, expected: Result<&str, ()>) {
        let got = parse_uk_date(input).map(|d| d.to_string()).map_err(|_| ());
        assert_eq!(got.as_deref().map_err(|_| ()), expected, "{input:?}");
    }

    #[test]
    fn every_written_form() {
        check("1 December 2016", Ok("2016-12-01"));
        check("1st December 2016", Ok("2016-12-01"));
        check("22nd of March 2017", Ok("2017-03-22"));
        check("Wednesday 8th February 2017", Ok("2017-02-08"));
        check("December 2016", Ok("2016-12"));
        check("Dec 2016", Ok("2016-12"));
        check("Sept. 2016", Ok("2016-09"));
        check("december 1, 2016", Ok("2016-12-01"));
        check("\u{a0} January\u{a0}2017 ", Ok("2017-01"));
        check("11.1.18", Ok("2018-01-11"));
        check("11/1/2018", Ok("2018-01-11"));
        check("01-12-2016", Ok("2016-12-01"));
        check("12/2016", Ok("2016-12"));
        check("2016-12-01", Ok("2016-12-01"));
        check("2016-12", Ok("2016-12"));
        check("2016", Ok("2016"));
        check("1 December 2016.", Ok("2016-12-01"));
    }

    #[test]
    fn refuses_what_is_not_a_date() {
        check("", Err(()));
        check("soon", Err(()));
        check("31 February 2017", Err(()));
        check("1 December", Err(()));
        check("13.13.18", Err(()));
        check("1.1.123", Err(()));
        check("Dec 2016 2017", Err(()));
        check("1st", Err(()));
    }

    #[track_caller]
    fn loose_check(input: &str, expected: Result<(&str, bool), ()>) {
        let got = parse_uk_date_loose(input)
            .map(|d| (d.date.to_string(), d.approximate))
            .map_err(|_| ());
        assert_eq!(
            got.as_ref().map(|(d, a)| (d.as_str(), *a)).map_err(|_| ()),
            expected,
            "{input:?}"
        );
    }

    #[test]
    fn ranges_periods_and_prose() {
        loose_check("1 December 2016", Ok(("2016-12-01", false)));
        loose_check("October – November 2016", Ok(("2016-10", true)));
        loose_check("October-November 2016", Ok(("2016-10", true)));
        loose_check("1–3 March 2016", Ok(("2016-03-01", true)));
        loose_check("14 March – 15 April 2016", Ok(("2016-03-14", true)));
        loose_check("Oct/Nov 2016", Ok(("2016-10", true)));
        loose_check(
            "All STPs were published in Oct/Nov 2016",
            Ok(("2016-10", true)),
        );
        loose_check("Spring 2018", Ok(("2018-03", true)));
        loose_check("Autumn 2017", Ok(("2017-09", true)));
        loose_check("Q2 2018", Ok(("2018-04", true)));
        loose_check("2018/19", Ok(("2018", true)));
        loose_check("published in 2019", Ok(("2019", true)));
        loose_check("soon", Err(()));
        loose_check("", Err(()));
        // A day that does not exist keeps the month, reported.
        loose_check("31 February 2017", Ok(("2017-02", true)));
    }

    #[track_caller]
    fn when(title: &str, date: (Option<u8>, Option<u8>, Option<u16>), times: Option<(&str, &str)>) {
        let w = meeting_when(title);
        assert_eq!((w.date.day, w.date.month, w.date.year), date, "{title}");
        let got = w.start.map(|s| {
            (
                s.to_string(),
                w.end.map(|e| e.to_string()).unwrap_or_default(),
            )
        });
        assert_eq!(
            got,
            times.map(|(a, b)| (a.to_string(), b.to_string())),
            "{title}"
        );
    }

    #[test]
    fn meeting_titles() {
        when(
            "Meeting 8th February\u{a0} 2017",
            (Some(8), Some(2), Some(2017)),
            None,
        );
        when(
            "MAP Meeting 4th May\u{a0} 1-2pm",
            (Some(4), Some(5), None),
            Some(("13:00", "14:00")),
        );
        when(
            "Meeting 4 May 2017 10am-12pm",
            (Some(4), Some(5), Some(2017)),
            Some(("10:00", "12:00")),
        );
        when(
            "Meeting 4 May 10:30-11:45am",
            (Some(4), Some(5), None),
            Some(("10:30", "11:45")),
        );
        when(
            "Meeting 4 May 13:00–14:00",
            (Some(4), Some(5), None),
            Some(("13:00", "14:00")),
        );
        when(
            "Meeting 4 May 11-1pm",
            (Some(4), Some(5), None),
            Some(("11:00", "13:00")),
        );
        when(
            "Meeting 4 May 2pm to 3.30pm",
            (Some(4), Some(5), None),
            Some(("14:00", "15:30")),
        );
        when(
            "Meeting May 4th 10am",
            (Some(4), Some(5), None),
            Some(("10:00", "")),
        );
        when("Meeting 8.2.17", (Some(8), Some(2), Some(2017)), None);
        when("Meeting notes", (None, None, None), None);
    }
}
