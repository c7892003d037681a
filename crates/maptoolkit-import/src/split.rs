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
//! - the next line is `Title of driver:` giving (about) the same title, unless this post is a
//!   driver with that title and no `Title of driver:` yet (fields come in any order);
//! - the post so far is password-protected and its password line has been seen;
//! - the post so far is a driver whose current field takes one value and already has it
//!   (`Group member responsible: VT` then a title), or cannot take this line (a link without a URL,
//!   a date that is not one) and the lines ahead say a new post starts, as for the next rule;
//! - the lines ahead hold driver labels that belong to a new post (in a driver: a label the post
//!   already has; elsewhere: at least two distinct driver labels), and of the candidate lines up to
//!   that label this one reads most like a title (no closing full stop, short; the last such);
//! - in a meeting, it is neither agenda nor teleconference text and no numbered agenda follows;
//! - in a driver, the line reads like the title of prose (short, unpunctuated, a paragraph ending
//!   in a full stop after it) and either no label follows or another line reads more like the
//!   next driver's title: a news post after a driver cut short;
//! - the post so far is a complete driver (every required field seen), the line has no closing
//!   full stop, and either the next label is one the post does not have, or no label follows but
//!   some text does.
//!
//! A text with (almost) no blank lines, as copied from some web pages, is read as if each line
//! were a paragraph of its own.
//!
//! A `Title of driver:` line starts a new post by itself when the post already has one, is a
//! meeting or protected post, or is a complete driver with another title; archive headers
//! (`Category Archives: …`) end a post wherever they appear.

use std::collections::BTreeSet;

use crate::bullets::bullet;
use crate::furniture::{is_furniture, is_header};
use crate::labels::{Field, TEMPLATES, label};
use crate::meetings::{agenda_header, is_password_line, meeting_title, numbered, tele_line};
use crate::post::{Line, Post};
use crate::protection::strip_protection;
use crate::text::{clean, is_blank, is_prose, similar, strip_prefix_ci};

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
    /// The page's furniture after a post: `Tagged: …`, `Comments are closed.`, `Leave a Reply`.
    Furniture,
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
    } else if is_furniture(clean) {
        Kind::Furniture
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
            && !is_prose(&self.clean)
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
    /// The page's furniture after a post.
    Furniture,
    Driver,
    Meeting,
    Protected,
}

/// The state of the post being read.
#[derive(Debug)]
struct Context {
    /// The unit index of the post's title.
    start: usize,
    /// The post's title.
    title: String,
    ctx: Ctx,
    seen: BTreeSet<Field>,
    section: Option<Field>,
    section_has_value: bool,
    password_seen: bool,
    in_tele: bool,
    agenda_heading: bool,
    /// Whether a line of the post so far ends like a sentence (a post of prose, not a list).
    has_sentence: bool,
    /// How many lines the post has after its title.
    lines: usize,
    /// The last [`Context::best`] answer: from, label, best.
    best: Option<(usize, usize, usize)>,
}

impl Context {
    fn new(start: usize, title: &Unit) -> Context {
        let ctx = if title.kind == Kind::Furniture {
            Ctx::Furniture
        } else if strip_prefix_ci(&title.clean, "protected:").is_some() {
            Ctx::Protected
        } else if meeting_title(&title.clean) {
            Ctx::Meeting
        } else {
            Ctx::News
        };
        let mut c = Context {
            start,
            title: title.clean.clone(),
            ctx,
            seen: BTreeSet::new(),
            section: None,
            section_has_value: false,
            password_seen: false,
            in_tele: false,
            agenda_heading: false,
            has_sentence: false,
            lines: 0,
            best: None,
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
        if self.ctx == Ctx::Furniture {
            return;
        }
        self.lines += 1;
        self.has_sentence |= u.ends_sentence();
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
            Kind::Bullet | Kind::Plain | Kind::Header | Kind::Furniture => {
                self.section_has_value = true;
            }
        }
    }

    /// A driver or story with everything one of the templates needs ([`TEMPLATES`]), and no
    /// distinctive field that template lacks (a post with a format or an owner is not a complete
    /// 2017 driver without the 2013 template's other fields).
    fn complete_driver(&self) -> bool {
        TEMPLATES
            .iter()
            .filter(|t| !t.required.is_empty())
            .any(|t| {
                t.required.iter().all(|f| self.seen.contains(f))
                    && self
                        .seen
                        .iter()
                        .all(|f| t.fields.contains(f) || !f.is_distinctive())
            })
    }

    /// Whether a label's field fits no template together with the distinctive fields the post
    /// has (a story's `Library service:` after a driver's impact, a driver's `Source:` after a
    /// story's `Project team:`): it belongs to a post of another kind.
    fn foreign(&self, f: Field) -> bool {
        let has: Vec<Field> = self
            .seen
            .iter()
            .copied()
            .filter(|s| s.is_distinctive())
            .collect();
        !has.is_empty()
            && !TEMPLATES
                .iter()
                .any(|t| t.fields.contains(&f) && has.iter().all(|s| t.fields.contains(s)))
    }

    /// Whether a `Title of driver:` line names another title than this post's.
    fn other_title(&self, title_line: &Unit) -> bool {
        label(&title_line.clean).is_some_and(|l| !similar(&l.value, &self.title))
    }
}

/// Whether unit `i` is a title however the post before it looks.
fn strong(units: &[Unit], i: usize) -> bool {
    let u = &units[i];
    if !u.titleish() {
        return false;
    }
    let next = units.get(i + 1).map(|n| n.kind);
    strip_protection(&u.clean).is_some()
        || next == Some(Kind::Password)
        || meeting_title(&u.clean)
        || titled_below(units, i)
}

/// Whether the line after unit `i` is `Title of driver:` with (about) the same title.
fn titled_below(units: &[Unit], i: usize) -> bool {
    units.get(i + 1).is_some_and(|n| {
        matches!(n.kind, Kind::Label(Field::Title, _))
            && label(&n.clean).is_some_and(|l| similar(&l.value, &units[i].clean))
    })
}

/// What lies after each unit up to the next certain title or header, worked out once so that
/// splitting stays linear in the length of the input.
#[derive(Debug)]
struct Look {
    /// The first label after the unit.
    label: Vec<Option<(usize, Field)>>,
    /// The first distinctive label after the unit.
    distinct: Vec<Option<usize>>,
    /// The distinctive labels after the unit, a bit per field.
    fields: Vec<u64>,
    /// Every label after the unit, a bit per field.
    all: Vec<u64>,
    /// Whether a numbered agenda item comes after the unit.
    agenda: Vec<bool>,
    /// Whether any line comes after the unit.
    more: Vec<bool>,
}

fn bit(f: Field) -> u64 {
    1 << (f as u64)
}

impl Look {
    fn new(units: &[Unit]) -> Look {
        let n = units.len();
        let strong: Vec<bool> = (0..n).map(|i| strong(units, i)).collect();
        let mut look = Look {
            label: vec![None; n],
            distinct: vec![None; n],
            fields: vec![0; n],
            all: vec![0; n],
            agenda: vec![false; n],
            more: vec![false; n],
        };
        for i in (0..n.saturating_sub(1)).rev() {
            let next = i + 1;
            let u = &units[next];
            // Nothing ahead belongs to this post past a certain title, a header or the page's
            // furniture (which ends a post).
            if matches!(u.kind, Kind::Header | Kind::Furniture) || strong[next] {
                continue;
            }
            let here = match u.kind {
                Kind::Label(f, _) => Some((next, f)),
                _ => None,
            };
            let distinctive = here.filter(|(_, f)| f.is_distinctive());
            look.label[i] = here.or(look.label[next]);
            look.distinct[i] = distinctive.map(|(j, _)| j).or(look.distinct[next]);
            look.fields[i] = look.fields[next] | distinctive.map_or(0, |(_, f)| bit(f));
            look.all[i] = look.all[next] | here.map_or(0, |(_, f)| bit(f));
            look.agenda[i] = u.kind == Kind::Agenda || look.agenda[next];
            look.more[i] = true;
        }
        look
    }

    /// The first label of a driver or story post ahead of `i`: the first distinctive label
    /// (`Source:` alone may belong to a news post), when two distinct labels, one of them
    /// distinctive (or a `Title of driver:`), come before the next certain title, as
    /// [`template_of`](crate::labels::template_of) reads a post.
    fn driver(&self, i: usize) -> Option<usize> {
        let fields = self.fields[i];
        ((fields != 0 && self.all[i].count_ones() >= 2) || fields & bit(Field::Title) != 0)
            .then_some(self.distinct[i])
            .flatten()
    }
}

/// Of the lines from `from` up to `label`, the one that reads most like a title (the last of
/// equals).
fn best_title(units: &[Unit], from: usize, label: usize) -> usize {
    (from..label)
        .filter(|&k| units[k].titleish())
        .max_by_key(|&k| (units[k].title_score(), k))
        .unwrap_or(from)
}

impl Context {
    /// [`best_title`] over `from..label`, remembered: it is asked again for every candidate line
    /// up to the label, and stays the answer while it is not before the line asking.
    fn best(&mut self, units: &[Unit], from: usize, label: usize, asking: usize) -> usize {
        match self.best {
            Some((f, l, b)) if l == label && (f == from || b >= asking) => b,
            _ => {
                let b = best_title(units, from, label);
                self.best = Some((from, label, b));
                b
            }
        }
    }
}

/// Whether a line could be the value of a one-value field written below its label: a link must
/// hold a URL and a date must read as one.
fn could_be_value(field: Field, text: &str) -> bool {
    match field {
        Field::Link => text.contains("://") || text.to_ascii_lowercase().contains("www."),
        Field::Published | Field::LastUpdated | Field::ReviewDue | Field::StoryDate => {
            crate::dates::parse_uk_date(text).is_ok()
        }
        _ => true,
    }
}

/// Whether unit `i` reads like the title of a post of prose: short, no closing punctuation, and
/// followed by a paragraph that ends like a sentence. A driver post cut short before such a line
/// ends there, so a news post after it is not swallowed.
fn heads_prose(units: &[Unit], i: usize) -> bool {
    units[i].title_score() == 3
        && units.get(i + 1).is_some_and(|n| {
            n.kind == Kind::Plain && n.blank_before && n.ends_sentence() && n.clean.len() > 40
        })
}

/// Whether unit `i` reads like the title of a page listing documents: short, no closing
/// punctuation, and followed by at least two short lines of their own that each name a year
/// (`Five Year Forward View 2014–2019`), as a list of documents does and a driver's field does
/// not.
fn heads_list(units: &[Unit], i: usize) -> bool {
    let is_year = |w: &str| {
        w.len() == 4 && w.starts_with(['1', '2']) && w.bytes().all(|b| b.is_ascii_digit())
    };
    let listed = |u: &Unit| {
        u.kind == Kind::Plain
            && !u.ends_sentence()
            && u.clean.chars().count() <= 120
            && u.clean.split(|c: char| !c.is_ascii_digit()).any(is_year)
    };
    units[i].title_score() == 3 && units.len() > i + 2 && units[i + 1..].iter().take(2).all(listed)
}

/// Whether unit `i` heads a post of another kind than a driver's field: prose or a list of
/// documents.
fn heads_other(units: &[Unit], i: usize) -> bool {
    heads_prose(units, i) || heads_list(units, i)
}

/// Whether unit `i` starts a new post, given the post read so far.
fn starts_post(units: &[Unit], look: &Look, i: usize, c: &mut Context) -> bool {
    let u = &units[i];
    // Furniture ends a post; what follows it (anything that could be a title) starts the next.
    if u.kind == Kind::Furniture {
        return c.ctx != Ctx::Furniture;
    }
    if c.ctx == Ctx::Furniture {
        return u.titleish() || matches!(u.kind, Kind::Label(Field::Title, _));
    }
    if let Kind::Label(Field::Title, _) = u.kind {
        // Fields come in any order, so `Title of driver:` only starts a post of its own when the
        // post already has one, or is something else, or is a complete driver with another title.
        return c.seen.contains(&Field::Title)
            || matches!(c.ctx, Ctx::Meeting | Ctx::Protected)
            || (c.complete_driver() && c.other_title(u));
    }
    if !u.titleish() {
        return false;
    }
    if strong(units, i) {
        // A line that repeats the title just before this post's own `Title of driver:` is a
        // value in this post (fields come in any order), not a new post.
        let only_titled = titled_below(units, i)
            && !meeting_title(&u.clean)
            && strip_protection(&u.clean).is_none()
            && units.get(i + 1).is_some_and(|n| n.kind != Kind::Password);
        return !(only_titled
            && c.ctx == Ctx::Driver
            && !c.seen.contains(&Field::Title)
            && similar(&u.clean, &c.title));
    }
    match c.ctx {
        Ctx::Furniture => unreachable!("furniture is handled above"),
        Ctx::Protected => c.password_seen,
        Ctx::Driver => match c.section {
            // A one-value field that has its value, then a line that reads like a title (a
            // sentence there is the post's own, e.g. an introduction after `Title of driver:`).
            Some(f) if !f.is_multi() && c.section_has_value && !u.ends_sentence() => true,
            Some(f) if !f.is_multi() && !c.section_has_value && could_be_value(f, &u.clean) => {
                false
            }
            _ => match look.label[i] {
                Some((j, f))
                    if c.seen.contains(&f)
                        || c.foreign(f)
                        || (f == Field::Title && c.other_title(&units[j])) =>
                {
                    let best = c.best(units, i, j, i);
                    best == i || (best > i + 1 && heads_other(units, i) && c.section_has_value)
                }
                // A label the post lacks, but the post is complete: a new post that starts
                // with an optional field, if this line reads like a title.
                Some((j, _)) if c.complete_driver() && !u.ends_sentence() => {
                    c.best(units, i, j, i) == i
                }
                Some(_) => false,
                None => {
                    (c.complete_driver() && !u.ends_sentence() && look.more[i])
                        || (c.section_has_value && heads_other(units, i))
                }
            },
        },
        Ctx::Meeting => {
            if let Some(j) = look.driver(i) {
                c.best(units, i, j, i) == i
            } else {
                !c.in_tele && !c.agenda_heading && !look.agenda[i]
            }
        }
        // The news post's own title competes: a driver's introduction follows its title.
        // A page that is a list (of documents, say) ends where a post of prose starts.
        Ctx::News => {
            look.driver(i)
                .is_some_and(|j| c.best(units, c.start, j, i) == i)
                || (!c.has_sentence && c.lines >= 2 && heads_prose(units, i))
        }
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
    if is_dense(&lines) {
        // Every line is a paragraph: split the text as if blank lines were between them, then
        // give the lines their own numbers back.
        let spaced: Vec<&str> = lines.iter().flat_map(|l| [*l, ""]).collect();
        let mut posts = split_lines(&spaced);
        for post in &mut posts {
            post.line = post.line.div_ceil(2);
            for line in &mut post.body {
                line.number = line.number.div_ceil(2);
            }
        }
        return posts;
    }
    split_lines(&lines)
}

/// Whether a text has (almost) no blank lines between its lines, as text copied from a web page
/// can: fewer than one line in ten follows a blank line.
fn is_dense(lines: &[&str]) -> bool {
    let mut lines_after_text = 0;
    let mut lines_after_blank = 0;
    let mut prev_blank = true;
    let mut first = true;
    for line in lines {
        let blank = is_blank(line);
        if !blank && !first {
            if prev_blank {
                lines_after_blank += 1;
            } else {
                lines_after_text += 1;
            }
        }
        if !blank {
            first = false;
        }
        prev_blank = blank;
    }
    lines_after_text >= 4 && lines_after_blank * 10 < lines_after_blank + lines_after_text
}

/// Splits lines into posts.
fn split_lines(lines: &[&str]) -> Vec<Post> {
    let units = units(lines);
    let look = Look::new(&units);
    // (unit index of the title, index into `lines` where the post ends)
    let mut starts: Vec<usize> = Vec::new();
    let mut context: Option<Context> = None;
    for i in 0..units.len() {
        if units[i].kind == Kind::Header {
            context = None;
            continue;
        }
        let new = match &mut context {
            None => true,
            Some(c) => starts_post(&units, &look, i, c),
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

    /// A policy briefing's closing paragraph (after a `Title:` that already has its value) is
    /// prose, not the title of a post of its own; the template page's optional wording too.
    #[test]
    fn a_paragraph_of_sentences_is_never_a_title() {
        check(
            "Making sense of care systems\n\nTitle: Making sense of care systems in England\n\n\
             A policy briefing is available for LKS staff. Produced by the JET Library. Feel free \
             to reproduce it.\n\nWhat does this mean for libraries?\n\n• Share it.\n",
            &["Making sense of care systems"],
        );
        assert!(is_prose("One thing. Another thing. A third."));
        assert!(is_prose(
            "A briefing is available. Produced by the JET Library."
        ));
        assert!(!is_prose("NHS England. Five Year Forward View"));
        assert!(!is_prose("Dr. Foster reports"));
    }

    /// Tags and the comment form end a post: they are named (as posts to skip) and the post
    /// after them starts whatever it has, never merged into the one before.
    #[test]
    fn the_pages_furniture_ends_a_post() {
        check(
            "Shining a Light\n\nTitle of driver: Shining a Light\n\nSource: NHS\n\n\
             Key features of driver:\n\n• One.\n\nTagged: , ,\n\nComments are closed.\n\n\
             NHS Constitution\n\nWhat does this mean for libraries?\n\n1. Something.\n\n\
             Leave a Reply\n\nYour email address will not be published.\n\nComment:\n",
            &[
                "Shining a Light",
                "Tagged: , ,",
                "NHS Constitution",
                "Leave a Reply",
            ],
        );
        for line in [
            "Comments are closed.",
            "Leave a Reply",
            "TAGGED: STP",
            "Related",
        ] {
            assert!(is_furniture(line), "{line}");
        }
        assert!(!is_furniture("Related documents for the Carter Review"));
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
