//! Splitting a text of many posts into posts.
//!
//! The archive is a category header (`Category Archives: News`) and then posts one after another,
//! each starting with its title line; lines are separated by blank lines and nothing else marks
//! where a post ends. A line starts a new post when it could be a title (a line of its own after a
//! blank line, not a label, bullet or numbered item, not too long, not ending in `:`, not starting
//! in lower case) and one of these holds:
//!
//! - it starts `Protected:`, or the next line is "This content is password protected…";
//! - it is a meeting title (`Meeting 8th February 2017`, `MAP Meeting 4th May 1-2pm`);
//! - the next line is `Title of driver:`;
//! - the post so far is password-protected and its password line has been seen;
//! - the post so far is a driver whose current field takes one value and already has it
//!   (`Group member responsible: VT` then a title);
//! - the lines ahead hold driver labels that belong to a new post (in a driver: a label the post
//!   already has; elsewhere: at least two distinct driver labels), and of the candidate lines up to
//!   that label this one reads most like a title (no closing full stop, short; the last such);
//! - in a meeting, it is neither agenda nor teleconference text and no numbered agenda follows;
//! - the post so far is a complete driver, the line has no closing full stop, and no label follows.
//!
//! A `Title of driver:` line in a post that already has labels starts a new post too, and archive
//! headers (`Category Archives: …`) end a post wherever they appear.

use std::collections::BTreeSet;

use crate::bullets::bullet;
use crate::labels::{Field, label};
use crate::meetings::{agenda_header, is_password_line, meeting_title, numbered, tele_line};
use crate::text::{clean, is_blank, strip_prefix_ci};

/// One line of the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// The line number in the input, from 1.
    pub number: usize,
    /// The line as written.
    pub text: String,
}

/// A post: its title line and the lines after it, up to the next post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Post {
    /// The title, spaces normalised (`Protected: ` kept).
    pub title: String,
    /// The title's line number in the input, from 1.
    pub line: usize,
    /// The lines after the title, as written, blank lines included.
    pub body: Vec<Line>,
}

/// What a non-blank line is, as far as splitting cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A driver label, and whether its value is on the same line.
    Label(Field, bool),
    /// A teleconference line.
    Tele,
    /// A numbered agenda item.
    Agenda,
    /// An `Agenda` heading: plain lines after it may be agenda items.
    AgendaHeading,
    /// A bullet.
    Bullet,
    /// "This content is password protected…".
    Password,
    /// An archive header such as `Category Archives: News`.
    Header,
    /// Anything else.
    Plain,
}

/// A non-blank line with what splitting needs to know about it.
#[derive(Debug)]
struct Unit {
    /// Index into the input's lines.
    index: usize,
    clean: String,
    blank_before: bool,
    kind: Kind,
}

fn kind_of(raw: &str, clean: &str) -> Kind {
    if is_header(clean) {
        Kind::Header
    } else if is_password_line(clean) {
        Kind::Password
    } else if agenda_header(clean) {
        Kind::AgendaHeading
    } else if numbered(clean).is_some() {
        Kind::Agenda
    } else if bullet(raw).is_some() {
        Kind::Bullet
    } else if let Some(l) = label(clean) {
        Kind::Label(l.field, !l.value.is_empty())
    } else if tele_line(clean).is_some() {
        Kind::Tele
    } else {
        Kind::Plain
    }
}

/// An archive page header: `Category Archives: News`, `Tag Archives: STP`, `Archives: 2017`.
fn is_header(clean: &str) -> bool {
    let lower = clean.to_lowercase();
    let Some((head, _)) = lower.split_once(':') else {
        return false;
    };
    matches!(
        head.trim(),
        "archives"
            | "category archives"
            | "tag archives"
            | "monthly archives"
            | "yearly archives"
            | "daily archives"
            | "author archives"
    )
}

impl Unit {
    /// Could be a title: a line of its own after a blank line that is not a label, list item or
    /// link, not too long, not ending in `:` and not starting in lower case.
    fn titleish(&self) -> bool {
        self.kind == Kind::Plain
            && self.blank_before
            && self.clean.chars().count() <= 250
            && !self.clean.ends_with(':')
            && !self.clean.starts_with(|c: char| c.is_lowercase())
            && !self.clean.contains("://")
    }

    /// Ends like a sentence rather than a title.
    fn ends_sentence(&self) -> bool {
        self.clean.ends_with(['.', ',', ';', ':'])
    }

    /// How much the line reads like a title rather than prose.
    fn title_score(&self) -> u8 {
        u8::from(!self.ends_sentence()) * 2 + u8::from(self.clean.chars().count() <= 120)
    }
}

/// The units (non-blank lines) of the input.
fn units(lines: &[&str]) -> Vec<Unit> {
    let mut out = Vec::new();
    let mut blank_before = true;
    for (index, raw) in lines.iter().enumerate() {
        if is_blank(raw) {
            blank_before = true;
            continue;
        }
        let clean = clean(raw);
        let kind = kind_of(raw, &clean);
        out.push(Unit {
            index,
            clean,
            blank_before,
            kind,
        });
        blank_before = false;
    }
    out
}

/// What the current post looks like so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ctx {
    News,
    Driver,
    Meeting,
    Protected,
}

/// The state of the post being read.
#[derive(Debug)]
struct Context {
    /// The unit index of the post's title.
    start: usize,
    ctx: Ctx,
    seen: BTreeSet<Field>,
    section: Option<Field>,
    section_has_value: bool,
    password_seen: bool,
    in_tele: bool,
    agenda_heading: bool,
}

impl Context {
    fn new(start: usize, title: &Unit) -> Context {
        let ctx = if strip_prefix_ci(&title.clean, "protected:").is_some() {
            Ctx::Protected
        } else if meeting_title(&title.clean) {
            Ctx::Meeting
        } else {
            Ctx::News
        };
        let mut c = Context {
            start,
            ctx,
            seen: BTreeSet::new(),
            section: None,
            section_has_value: false,
            password_seen: false,
            in_tele: false,
            agenda_heading: false,
        };
        if let Kind::Label(field, has_value) = title.kind {
            c.ctx = Ctx::Driver;
            c.seen.insert(field);
            c.section = Some(field);
            c.section_has_value = has_value;
        }
        c
    }

    fn absorb(&mut self, u: &Unit) {
        match u.kind {
            Kind::Label(field, has_value) => {
                if field.is_distinctive() || self.ctx == Ctx::Driver {
                    self.ctx = Ctx::Driver;
                }
                self.seen.insert(field);
                self.section = Some(field);
                self.section_has_value = has_value;
            }
            Kind::Password => self.password_seen = true,
            Kind::Tele => self.in_tele = true,
            Kind::Agenda => self.in_tele = false,
            Kind::AgendaHeading => {
                self.in_tele = false;
                self.agenda_heading = true;
            }
            Kind::Bullet | Kind::Plain | Kind::Header => self.section_has_value = true,
        }
    }

    /// A driver with everything a driver must have.
    fn complete_driver(&self) -> bool {
        [
            Field::Summary,
            Field::Impact,
            Field::KeyFeatures,
            Field::Owner,
        ]
        .iter()
        .all(|f| self.seen.contains(f))
    }
}

/// Whether unit `i` is a title however the post before it looks.
fn strong(units: &[Unit], i: usize) -> bool {
    let u = &units[i];
    if !u.titleish() {
        return false;
    }
    let next = units.get(i + 1).map(|n| n.kind);
    strip_prefix_ci(&u.clean, "protected:").is_some()
        || next == Some(Kind::Password)
        || matches!(next, Some(Kind::Label(Field::Title, _)))
        || meeting_title(&u.clean)
}

/// The units after `i` up to the next certain title or header.
fn ahead(units: &[Unit], i: usize) -> impl Iterator<Item = (usize, &Unit)> {
    units
        .iter()
        .enumerate()
        .skip(i + 1)
        .take_while(move |(j, u)| u.kind != Kind::Header && !strong(units, *j))
}

/// The first label after `i`, before the next certain title.
fn first_label_ahead(units: &[Unit], i: usize) -> Option<(usize, Field)> {
    ahead(units, i).find_map(|(j, u)| match u.kind {
        Kind::Label(f, _) => Some((j, f)),
        _ => None,
    })
}

/// The first distinctive label of a driver post ahead of `i` (`Source:` alone may belong to a news
/// post): there must be two distinct driver labels (or a `Title of driver:`) before the next
/// certain title.
fn driver_ahead(units: &[Unit], i: usize) -> Option<usize> {
    let mut first = None;
    let mut distinct = BTreeSet::new();
    for (j, u) in ahead(units, i) {
        if let Kind::Label(f, _) = u.kind {
            if f.is_distinctive() {
                first.get_or_insert(j);
                distinct.insert(f);
            }
            if distinct.len() >= 2 || f == Field::Title {
                return first;
            }
        }
    }
    None
}

/// Of the lines from `i` up to `label`, the one that reads most like a title (the last of equals).
fn best_title(units: &[Unit], i: usize, label: usize) -> usize {
    (i..label)
        .filter(|&k| units[k].titleish())
        .max_by_key(|&k| (units[k].title_score(), k))
        .unwrap_or(i)
}

/// Whether unit `i` starts a new post, given the post read so far.
fn starts_post(units: &[Unit], i: usize, c: &Context) -> bool {
    let u = &units[i];
    if let Kind::Label(Field::Title, _) = u.kind {
        return !c.seen.is_empty() || matches!(c.ctx, Ctx::Meeting | Ctx::Protected);
    }
    if !u.titleish() {
        return false;
    }
    if strong(units, i) {
        return true;
    }
    match c.ctx {
        Ctx::Protected => c.password_seen,
        Ctx::Driver => match c.section {
            Some(f) if !f.is_multi() => c.section_has_value,
            _ => match first_label_ahead(units, i) {
                Some((j, f)) if f == Field::Title || c.seen.contains(&f) => {
                    best_title(units, i, j) == i
                }
                Some(_) => false,
                None => c.complete_driver() && !u.ends_sentence(),
            },
        },
        Ctx::Meeting => {
            if let Some(j) = driver_ahead(units, i) {
                best_title(units, i, j) == i
            } else {
                !c.in_tele
                    && !c.agenda_heading
                    && !ahead(units, i).any(|(_, a)| a.kind == Kind::Agenda)
            }
        }
        // The news post's own title competes: a driver's introduction follows its title.
        Ctx::News => driver_ahead(units, i).is_some_and(|j| best_title(units, c.start, j) == i),
    }
}

/// Splits a text of posts into posts. Lines before the first post (archive headers, blank lines)
/// and header lines between posts belong to no post.
///
/// ```
/// use maptoolkit_import::split_posts;
/// let text = "Category Archives: News\n\nProtected: Meeting 22nd March 2017\n\n\
///             This content is password protected. To view it please enter your password below:\n\n\
///             New year, new MAP!\n\nWe have a new look.\n";
/// let posts = split_posts(text);
/// let titles: Vec<&str> = posts.iter().map(|p| p.title.as_str()).collect();
/// assert_eq!(titles, ["Protected: Meeting 22nd March 2017", "New year, new MAP!"]);
/// assert_eq!(posts[1].line, 7);
/// ```
pub fn split_posts(text: &str) -> Vec<Post> {
    let lines: Vec<&str> = text.lines().collect();
    let units = units(&lines);
    // (unit index of the title, index into `lines` where the post ends)
    let mut starts: Vec<usize> = Vec::new();
    let mut context: Option<Context> = None;
    for i in 0..units.len() {
        if units[i].kind == Kind::Header {
            context = None;
            continue;
        }
        let new = match &context {
            None => true,
            Some(c) => starts_post(&units, i, c),
        };
        if new {
            starts.push(i);
            context = Some(Context::new(i, &units[i]));
        } else if let Some(c) = &mut context {
            c.absorb(&units[i]);
        }
    }
    let mut posts = Vec::with_capacity(starts.len());
    for (n, &s) in starts.iter().enumerate() {
        let title_unit = &units[s];
        let next_start = starts.get(n + 1).map_or(lines.len(), |&t| units[t].index);
        let end = units[s + 1..]
            .iter()
            .find(|u| u.kind == Kind::Header && u.index < next_start)
            .map_or(next_start, |u| u.index);
        let title = match title_unit.kind {
            Kind::Label(Field::Title, _) => {
                label(&title_unit.clean).map_or_else(String::new, |l| l.value)
            }
            _ => title_unit.clean.clone(),
        };
        let body = (title_unit.index + 1..end)
            .map(|k| Line {
                number: k + 1,
                text: lines[k].to_string(),
            })
            .collect();
        posts.push(Post {
            title,
            line: title_unit.index + 1,
            body,
        });
    }
    posts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(input: &str, expected: &[&str]) {
        let posts = split_posts(input);
        let titles: Vec<&str> = posts.iter().map(|p| p.title.as_str()).collect();
        assert_eq!(titles, expected, "{input}");
    }

    #[test]
    fn splits_the_archive_at_its_titles() {
        let archive = include_str!("../tests/data/archive.txt");
        check(
            archive,
            &[
                "Protected: MAP Meeting 4th May 1-2pm",
                "What do STPs mean for NHS/health libraries?",
                "Protected: Meeting 22nd March 2017",
                "Developing People – Improving Care: A national framework for action on improvement and leadership development in NHS-funded services.",
                "Meeting 8th February 2017",
                "NHS Library and Knowledge Services in England",
                "New year, new MAP!",
            ],
        );
    }
}
