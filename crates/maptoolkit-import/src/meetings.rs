//! Meeting posts: title with date and time, teleconference instructions, numbered agenda.
//!
//! ```text
//! Meeting 8th February 2017
//!
//! Teleconference instructions:
//! Join at no password required
//! Dial in : +44-203-478-5289
//! Access code: 237 585 892
//!
//! 1.Meeting Notes 21st December 2016
//! 2. Standing Item: Driver Allocation
//! 6. AOB
//! -Evaluation, polling and surveys
//! ```
//!
//! Lines under `Teleconference instructions:` other than the dial-in and access code are its notes;
//! `N. Standing Item: X` is a standing item `X`; bullets after an item are its sub-items. After an
//! `Agenda` heading, unnumbered lines are items too, and `Papers: X` after an item is its paper.
//! `Protected:` posts give a protected meeting: in the archive only its title, date and time can
//! be read, but a body saved unlocked is read like any other meeting's.

use maptoolkit_core::{AgendaItem, Meeting, PartialDate, Teleconference};

use crate::bullets::bullet;
use crate::dates::meeting_when;
use crate::labels::{Field, wordings};
use crate::post::Post;
use crate::protection::strip_protection;
use crate::report::{ImportError, Warning, Warnings};
use crate::text::{clean, has_word, strip_prefix_ci};

/// A teleconference line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Tele {
    /// `Teleconference instructions:`.
    Heading,
    /// `Dial in : +44…`.
    DialIn(String),
    /// `Access code: 237 585 892`.
    AccessCode(String),
}

/// The value after one of `labels` at the start of `line`: after a colon, or directly when it
/// starts with a digit or `+`.
fn value_after(line: &str, labels: &[&str]) -> Option<String> {
    labels.iter().find_map(|l| {
        let rest = strip_prefix_ci(line, l)?;
        let after = rest.trim_start();
        if let Some(v) = after.strip_prefix(':') {
            Some(v.trim().to_string())
        } else if after.starts_with(|c: char| c.is_ascii_digit() || c == '+') {
            Some(after.trim().to_string())
        } else {
            None
        }
    })
}

/// The wordings of a meeting field in [`crate::labels::LABELS`], longest first.
fn longest_first(field: Field) -> Vec<&'static str> {
    let mut all: Vec<&str> = wordings(field).collect();
    all.sort_by_key(|w| std::cmp::Reverse(w.len()));
    all
}

/// Whether a line is nothing but one of `field`'s wordings (and a colon).
fn heading(line: &str, field: Field) -> bool {
    let lower = line.to_lowercase();
    let heading = lower.trim_end_matches([':', ' ']);
    wordings(field).any(|w| w == heading)
}

/// Reads a teleconference line.
pub(crate) fn tele_line(line: &str) -> Option<Tele> {
    if heading(line, Field::Teleconference) {
        return Some(Tele::Heading);
    }
    if let Some(v) = value_after(line, &longest_first(Field::DialIn)) {
        return Some(Tele::DialIn(v));
    }
    value_after(line, &longest_first(Field::AccessCode)).map(Tele::AccessCode)
}

/// An `Agenda` heading.
pub(crate) fn agenda_header(line: &str) -> bool {
    heading(line, Field::Agenda)
}

/// A numbered item, `1.Meeting Notes` or `2. Standing Item: X`; returns the text after the number.
pub(crate) fn numbered(line: &str) -> Option<&str> {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 2 {
        return None;
    }
    let rest = line[digits..].strip_prefix(['.', ')'])?.trim_start();
    rest.starts_with(|c: char| c.is_alphabetic())
        .then_some(rest)
}

/// "This content is password protected…".
pub(crate) fn is_password_line(line: &str) -> bool {
    [
        "this content is password protected",
        "this post is password protected",
    ]
    .iter()
    .any(|p| strip_prefix_ci(line, p).is_some())
}

/// A meeting title: `Meeting`, `MAP Meeting`, `Group meeting`… (after `Protected:`) with a day and
/// month.
pub(crate) fn meeting_title(title: &str) -> bool {
    let title = strip_protection(title).map_or(title, |(_, t)| t);
    let words: Vec<&str> = title.split_whitespace().take(4).collect();
    let Some(at) = words.iter().position(|w| has_word(w, "meeting")) else {
        return false;
    };
    const KINDS: [&str; 11] = [
        "group",
        "toolkit",
        "team",
        "steering",
        "project",
        "monthly",
        "quarterly",
        "annual",
        "virtual",
        "online",
        "teleconference",
    ];
    let qualifier = |w: &&str| {
        (w.len() >= 2 && w.chars().all(|c| c.is_uppercase()))
            || KINDS.iter().any(|k| w.eq_ignore_ascii_case(k))
    };
    if !words[..at].iter().all(qualifier) {
        return false;
    }
    let when = meeting_when(title);
    when.date.day.is_some() && when.date.month.is_some()
}

/// A meeting's title without `Protected:`.
pub(crate) fn meeting_name(title: &str) -> String {
    clean(strip_protection(title).map_or(title, |(_, t)| t))
}

/// Builds a meeting from a post. `year` is the year to use when the title gives none (from the
/// neighbouring posts).
pub(crate) fn parse_meeting(
    post: &Post,
    protected: bool,
    year: Option<u16>,
) -> Result<(Meeting, Vec<Warning>), ImportError> {
    let title = meeting_name(&post.title);
    let when = meeting_when(&title);
    let error = |message: &str| ImportError::MeetingDate {
        post: post.title.clone(),
        line: post.line,
        message: message.to_string(),
    };
    let (Some(day), Some(month)) = (when.date.day, when.date.month) else {
        return Err(error("the title gives no day and month"));
    };
    let year = when
        .date
        .year
        .or(year)
        .ok_or_else(|| error("the title gives no year and no neighbouring post does"))?;
    let date = PartialDate::new(year, Some(month), Some(day))
        .ok_or_else(|| error("the title's date does not exist"))?;
    let mut warnings = Warnings::new(&post.title);
    let mut meeting = Meeting {
        title,
        date,
        start: when.start,
        end: when.end,
        protected,
        teleconference: None,
        chair: None,
        venue: None,
        attendees: Vec::new(),
        apologies: Vec::new(),
        agenda: Vec::new(),
    };
    let mut tele = Teleconference::default();
    let mut notes: Vec<String> = Vec::new();
    let mut in_tele = false;
    let mut heading = false;
    for line in &post.body {
        let text = clean(&line.text);
        if text.is_empty() {
            continue;
        }
        if is_password_line(&text) {
            meeting.protected = true;
            continue;
        }
        if let Some(t) = tele_line(&text) {
            let (slot, value) = match t {
                Tele::Heading => {
                    in_tele = true;
                    continue;
                }
                Tele::DialIn(v) => (&mut tele.dial_in, v),
                Tele::AccessCode(v) => (&mut tele.access_code, v),
            };
            if value.is_empty() {
                warnings.line(line.number, &text, "no number given; line left out");
            } else if slot.is_some() {
                warnings.line(line.number, &text, "given twice; kept the first");
            } else {
                *slot = Some(value);
            }
            continue;
        }
        if agenda_header(&text) {
            in_tele = false;
            heading = true;
            continue;
        }
        if let Some(item) = numbered(&text) {
            in_tele = false;
            meeting.agenda.push(agenda_item(item));
            continue;
        }
        if let (Some(paper), Some(last)) = (paper(&text), meeting.agenda.last_mut()) {
            last.papers.push(paper);
            continue;
        }
        if let Some(b) = bullet(&line.text) {
            if let Some(last) = meeting.agenda.last_mut() {
                last.items.push(b.text);
            } else if in_tele {
                notes.push(b.text);
            } else {
                warnings.line(
                    line.number,
                    &text,
                    "a sub-item before any agenda item; left out",
                );
            }
            continue;
        }
        if in_tele {
            notes.push(text);
        } else if heading {
            meeting.agenda.push(agenda_item(&text));
        } else {
            warnings.line(line.number, &text, "not understood; left out");
        }
    }
    if !notes.is_empty() {
        tele.notes = Some(notes.join("\n"));
    }
    if tele != Teleconference::default() {
        meeting.teleconference = Some(tele);
    }
    Ok((meeting, warnings.list))
}

/// A `Paper: X` or `Papers: X` line's paper.
fn paper(text: &str) -> Option<String> {
    ["papers:", "paper:"]
        .iter()
        .find_map(|p| strip_prefix_ci(text, p))
        .map(|rest| rest.trim().to_string())
        .filter(|p| !p.is_empty())
}

/// An agenda item from its text, `Standing Item: X` making a standing item.
fn agenda_item(text: &str) -> AgendaItem {
    let text = clean(text);
    for prefix in ["standing item", "standing"] {
        if let Some(rest) = strip_prefix_ci(&text, prefix) {
            let rest = rest.trim_start();
            if let Some(title) = rest.strip_prefix([':', '-', '–']) {
                return AgendaItem {
                    title: title.trim().to_string(),
                    standing: true,
                    ..AgendaItem::default()
                };
            }
        }
    }
    AgendaItem {
        title: text,
        ..AgendaItem::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_meeting_lines() {
        assert_eq!(
            tele_line("Teleconference instructions:"),
            Some(Tele::Heading)
        );
        assert_eq!(
            tele_line("Dial in : +44-203-478-5289"),
            Some(Tele::DialIn("+44-203-478-5289".into()))
        );
        assert_eq!(
            tele_line("Dial-in 0800 123"),
            Some(Tele::DialIn("0800 123".into()))
        );
        assert_eq!(
            tele_line("Access code: 237 585 892"),
            Some(Tele::AccessCode("237 585 892".into()))
        );
        assert_eq!(
            tele_line("Pin: 1234"),
            Some(Tele::AccessCode("1234".into()))
        );
        assert_eq!(tele_line("Pinned items"), None);
        assert_eq!(tele_line("Telephone support is key"), None);
        assert_eq!(numbered("1.Meeting Notes"), Some("Meeting Notes"));
        assert_eq!(numbered("11.1.18"), None);
        assert_eq!(numbered("2016 was busy"), None);
        assert!(meeting_title("Meeting 8th February 2017"));
        assert!(meeting_title("Protected: MAP Meeting 4th May 1-2pm"));
        assert!(!meeting_title("Next meeting 4th May"));
        assert!(!meeting_title("Meeting notes"));
        assert!(!meeting_title(
            "What the meeting on the 14th March told us about STPs"
        ));
        let standing = agenda_item("Standing Item:\u{a0}Driver Allocation");
        assert_eq!(
            (standing.title.as_str(), standing.standing),
            ("Driver Allocation", true)
        );
        assert!(!agenda_item("Standards review").standing);
    }
}
