//! Turning the text of one file into a record field by field, so that every problem in a file is
//! reported at once, each at its place.
//!
//! The text is parsed into a spanned TOML document first (`toml::de::DeTable`); each record type
//! then takes its fields one by one through [`Fields`] (its `Decode` impl sits beside the type).
//! A field that is missing, of the wrong type or with a bad value is reported with its span and
//! replaced by a placeholder, so the rest of the file is still read and the rules between records
//! still run on what was read; validation skips the rules of a field that could not be read.
//! Unknown fields are reported at their key, with the closest known name.

use std::fmt;
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::rules::MAX_POINT_DEPTH;
use crate::{Diagnostic, Level, PartialDate, Point, Span, TimeOfDay};

/// A TOML value and where it is in the text.
pub type Value<'i> = Spanned<DeValue<'i>>;

/// Where a value is in a record: a field path, formatted only when a problem is reported.
#[derive(Debug, Clone, Copy)]
pub enum Path<'a> {
    /// The whole file.
    Root,
    /// A field of a table.
    Key(&'a Path<'a>, &'a str),
    /// An item of an array.
    Index(&'a Path<'a>, usize),
}

impl fmt::Display for Path<'_> {
    /// `key_features[1].children[0]`; empty for the root.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Path::Root => Ok(()),
            Path::Key(Path::Root, key) => f.write_str(key),
            Path::Key(parent, key) => write!(f, "{parent}.{key}"),
            Path::Index(parent, i) => write!(f, "{parent}[{i}]"),
        }
    }
}

/// Collects the problems met while decoding one file's text.
#[derive(Debug)]
pub struct Decoder<'t> {
    text: &'t str,
    problems: Vec<Diagnostic>,
}

impl Decoder<'_> {
    /// Reports an error at `path`, placed at `range` of the text when there is one.
    pub fn error(
        &mut self,
        path: Path<'_>,
        range: Option<Range<usize>>,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        let mut d = Diagnostic::error("", path.to_string(), message);
        d.span = range.map(|r| Span::locate(self.text, r));
        self.problems.push(d);
        self.problems.last_mut().expect("just pushed")
    }

    /// Reports that `value` is not what was `expected` (`"a string"`).
    pub fn wrong_type(&mut self, path: Path<'_>, value: &Value<'_>, expected: &str) {
        let found = match value.get_ref() {
            DeValue::String(s) => format!("string {:?}", shorten(s)),
            DeValue::Integer(i) => format!("integer `{}`", i.as_str()),
            DeValue::Float(x) => format!("float `{}`", x.as_str()),
            DeValue::Boolean(b) => format!("boolean `{b}`"),
            DeValue::Datetime(t) => format!("datetime `{t}`"),
            DeValue::Array(_) => "array".to_string(),
            DeValue::Table(_) => "table".to_string(),
        };
        let d = self.error(
            path,
            Some(value.span()),
            format!("wrong type: {found}, expected {expected}"),
        );
        if let DeValue::Datetime(t) = value.get_ref() {
            d.hint = Some(format!("put it in quotes to make it text: \"{t}\""));
        }
    }
}

/// At most 40 characters of `s`, with `…` when cut.
fn shorten(s: &str) -> String {
    match s.char_indices().nth(40) {
        Some((at, _)) => format!("{}…", &s[..at]),
        None => s.to_string(),
    }
}

/// A type read from a TOML value, reporting its problems to a [`Decoder`].
///
/// `None` means the value could not be read at all (the problem is reported); a table whose
/// fields have problems still gives a value, with placeholders for those fields.
pub trait Decode: Sized {
    /// Reads `value`, found at `path`.
    fn decode(value: &Value<'_>, path: Path<'_>, d: &mut Decoder<'_>) -> Option<Self>;
}

/// The field whose value holds byte `offset` of `text`, as a field path (`key_features`,
/// `agenda[2].points`): the last `key =` that starts a line before it, under the last table
/// header. Only for messages about text the TOML parser could not read; `None` when no key
/// precedes it.
fn key_at(text: &str, offset: usize) -> Option<String> {
    let before = text.get(..offset).unwrap_or(text);
    let mut table = String::new();
    let mut array_tables: std::collections::BTreeMap<String, usize> = Default::default();
    let mut key = None;
    for line in before.lines() {
        let line = line.trim_start();
        if let Some(header) = line.strip_prefix("[[") {
            let name = header
                .split("]]")
                .next()
                .unwrap_or_default()
                .trim()
                .to_string();
            let index = array_tables.entry(name.clone()).or_insert(0);
            table = format!("{name}[{index}]");
            *index += 1;
            key = None;
        } else if let Some(header) = line.strip_prefix('[') {
            table = header
                .split(']')
                .next()
                .unwrap_or_default()
                .trim()
                .to_string();
            key = None;
        } else if let Some((name, _)) = line.split_once('=') {
            let name = name.trim();
            if !name.is_empty()
                && name
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
            {
                key = Some(name.to_string());
            }
        }
    }
    let key = key?;
    Some(if table.is_empty() {
        key
    } else {
        format!("{table}.{key}")
    })
}

/// Decodes the text of one file: the record, and every problem found in it.
///
/// The record is `None` only when the text is not a TOML document (every syntax error is then
/// reported); otherwise fields that could not be read hold placeholders and have a problem each.
pub(crate) fn decode_file<T: Decode>(text: &str) -> (Option<T>, Vec<Diagnostic>) {
    let mut d = Decoder {
        text,
        problems: Vec::new(),
    };
    let (document, errors) = DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        for e in errors {
            let span = e.span().unwrap_or(0..0);
            // The parser stops at a fixed depth; say which field, and how deep points may go.
            if e.message().contains("recurs") {
                let field = key_at(text, span.start).unwrap_or_default();
                let problem = d.error(Path::Root, Some(span), "nested too deep to read as TOML");
                problem.field = field;
                problem.hint = Some(format!(
                    "points nest at most {MAX_POINT_DEPTH} deep: give deeper points as \
                     sub-points of fewer levels"
                ));
                continue;
            }
            let message = format!("invalid TOML ({})", e.message().trim());
            d.error(Path::Root, Some(span), message);
        }
        return (None, d.problems);
    }
    let span = document.span();
    let root = Spanned::new(span, DeValue::Table(document.into_inner()));
    let record = T::decode(&root, Path::Root, &mut d);
    (record, d.problems)
}

/// The fields of one table, taken one at a time; [`Fields::finish`] reports the rest as unknown.
#[derive(Debug)]
pub struct Fields<'v, 'i, 'p> {
    table: &'v DeTable<'i>,
    path: Path<'p>,
    /// The table's place, for missing fields; `None` for the whole file.
    at: Option<Range<usize>>,
    known: Vec<&'static str>,
}

impl<'v, 'i, 'p> Fields<'v, 'i, 'p> {
    /// The fields of `value`, or `None` (reported) when it is not a table.
    fn of(value: &'v Value<'i>, path: Path<'p>, d: &mut Decoder<'_>) -> Option<Self> {
        match value.get_ref() {
            DeValue::Table(table) => Some(Fields {
                table,
                path,
                at: (!matches!(path, Path::Root)).then(|| value.span()),
                known: Vec::new(),
            }),
            _ => {
                d.wrong_type(path, value, "a table");
                None
            }
        }
    }

    /// Reads a table with `read`, which takes its fields, then reports the fields it did not
    /// take. `None` (reported) when `value` is not a table.
    pub fn table<T>(
        value: &'v Value<'i>,
        path: Path<'p>,
        d: &mut Decoder<'_>,
        read: impl FnOnce(&mut Self, &mut Decoder<'_>) -> T,
    ) -> Option<T> {
        let mut fields = Fields::of(value, path, d)?;
        let out = read(&mut fields, d);
        fields.finish(d);
        Some(out)
    }

    /// A field that must be present; `None` (reported) when it is missing or cannot be read.
    pub fn required<T: Decode>(&mut self, name: &'static str, d: &mut Decoder<'_>) -> Option<T> {
        self.known.push(name);
        let at = Path::Key(&self.path, name);
        match self.table.get(name) {
            Some(value) => T::decode(value, at, d),
            None => {
                d.error(at, self.at.clone(), "is missing (it is required)");
                None
            }
        }
    }

    /// A field that may be left out; `None` when it is absent or (reported) cannot be read.
    pub fn optional<T: Decode>(&mut self, name: &'static str, d: &mut Decoder<'_>) -> Option<T> {
        self.known.push(name);
        let value = self.table.get(name)?;
        T::decode(value, Path::Key(&self.path, name), d)
    }

    /// Reports every field that was not taken, at its key, with the closest known name.
    fn finish(self, d: &mut Decoder<'_>) {
        for key in self.table.keys() {
            let name: &str = key.get_ref();
            if self.known.contains(&name) {
                continue;
            }
            let diagnostic = d.error(
                Path::Key(&self.path, name),
                Some(key.span()),
                "unknown field",
            );
            diagnostic.hint = match closest(name, &self.known) {
                Some(best) => Some(format!("did you mean `{best}`?")),
                None => Some(format!("fields here are: {}", self.known.join(", "))),
            };
        }
    }
}

impl Decode for String {
    fn decode(value: &Value<'_>, path: Path<'_>, d: &mut Decoder<'_>) -> Option<String> {
        match value.get_ref() {
            DeValue::String(s) => Some(s.to_string()),
            _ => {
                d.wrong_type(path, value, "a string");
                None
            }
        }
    }
}

impl Decode for bool {
    fn decode(value: &Value<'_>, path: Path<'_>, d: &mut Decoder<'_>) -> Option<bool> {
        match value.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            _ => {
                d.wrong_type(path, value, "true or false");
                None
            }
        }
    }
}

impl Decode for u32 {
    fn decode(value: &Value<'_>, path: Path<'_>, d: &mut Decoder<'_>) -> Option<u32> {
        match value.get_ref() {
            DeValue::Integer(i) => match u32::from_str_radix(i.as_str(), i.radix()) {
                Ok(n) => Some(n),
                Err(_) => {
                    d.error(
                        path,
                        Some(value.span()),
                        format!("`{i}` is not a whole number from 0 to {}", u32::MAX),
                    );
                    None
                }
            },
            _ => {
                d.wrong_type(path, value, "a whole number");
                None
            }
        }
    }
}

/// An array is read whole or not at all: when an item cannot be read (every item's problem is
/// reported), dropping it would shift the index of every later item in later messages.
impl<T: Decode> Decode for Vec<T> {
    fn decode(value: &Value<'_>, path: Path<'_>, d: &mut Decoder<'_>) -> Option<Vec<T>> {
        match value.get_ref() {
            DeValue::Array(items) => {
                let read: Vec<Option<T>> = items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| T::decode(item, Path::Index(&path, i), d))
                    .collect();
                read.into_iter().collect()
            }
            _ => {
                d.wrong_type(path, value, "an array");
                None
            }
        }
    }
}

/// Reads a string and parses it, reporting the parser's message at the value.
fn parsed<T, E: fmt::Display>(
    value: &Value<'_>,
    path: Path<'_>,
    d: &mut Decoder<'_>,
    parse: impl FnOnce(&str) -> Result<T, E>,
) -> Option<T> {
    let text = String::decode(value, path, d)?;
    parse(&text)
        .map_err(|e| d.error(path, Some(value.span()), e.to_string()))
        .ok()
}

impl Decode for PartialDate {
    fn decode(value: &Value<'_>, path: Path<'_>, d: &mut Decoder<'_>) -> Option<PartialDate> {
        parsed(value, path, d, str::parse)
    }
}

impl Decode for TimeOfDay {
    fn decode(value: &Value<'_>, path: Path<'_>, d: &mut Decoder<'_>) -> Option<TimeOfDay> {
        parsed(value, path, d, str::parse)
    }
}

/// Reads one of a fixed set of words (`choices`, each named by `name`), reporting the words
/// it may be when it is none of them.
pub(crate) fn one_of<T: Copy>(
    value: &Value<'_>,
    path: Path<'_>,
    d: &mut Decoder<'_>,
    choices: &[T],
    name: fn(T) -> &'static str,
) -> Option<T> {
    parsed(value, path, d, |s| {
        choices
            .iter()
            .copied()
            .find(|c| name(*c) == s)
            .ok_or_else(|| {
                let expected: Vec<String> =
                    choices.iter().map(|c| format!("`{}`", name(*c))).collect();
                format!(
                    "unknown value `{s}` (expected one of {})",
                    expected.join(", ")
                )
            })
    })
}

impl Decode for Level {
    fn decode(value: &Value<'_>, path: Path<'_>, d: &mut Decoder<'_>) -> Option<Level> {
        const LEVELS: [Level; 3] = [Level::National, Level::Regional, Level::Local];
        one_of(value, path, d, &LEVELS, Level::as_str)
    }
}

impl Decode for Point {
    fn decode(value: &Value<'_>, path: Path<'_>, d: &mut Decoder<'_>) -> Option<Point> {
        match value.get_ref() {
            DeValue::String(s) => Some(Point::new(s.as_ref())),
            DeValue::Table(_) => Fields::table(value, path, d, |f, d| Point {
                text: f.required("text", d).unwrap_or_default(),
                children: f.optional("children", d).unwrap_or_default(),
            }),
            _ => {
                d.wrong_type(path, value, "a string or a table { text, children }");
                None
            }
        }
    }
}

/// The span of the value at `field` (a path such as `key_features[1].children[0]`) in a parsed
/// document, if the document has that value.
pub(crate) fn span_of(document: &Value<'_>, field: &str) -> Option<Range<usize>> {
    let mut value = document;
    for part in field.split('.') {
        let (key, indices) = part.split_once('[').unwrap_or((part, ""));
        value = match value.get_ref() {
            DeValue::Table(table) => table.get(key)?,
            _ => return None,
        };
        for index in indices.split('[') {
            let Some(index) = index.strip_suffix(']') else {
                continue;
            };
            value = match value.get_ref() {
                DeValue::Array(items) => items.get(index.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
    }
    Some(value.span())
}

/// Parses a document for [`span_of`], or `None` if it is not TOML.
pub(crate) fn parse_document(text: &str) -> Option<Value<'_>> {
    let document = DeTable::parse(text).ok()?;
    Some(Spanned::new(
        document.span(),
        DeValue::Table(document.into_inner()),
    ))
}

/// The candidate within two edits of `word`, if any.
fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (edit_distance(word, c), *c))
        .filter(|(distance, _)| *distance <= 2)
        .min()
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        AgendaItem, Briefing, Driver, IdeaCapture, MapStory, Meeting, Member, Purpose, Quote,
        RecordFile, Teleconference, Theme, ToolkitInfo, parse_record, schemas, testing,
    };

    /// Every field set, so a round trip through serde's names covers them all.
    fn full_records() -> (
        ToolkitInfo,
        Driver,
        MapStory,
        IdeaCapture,
        Meeting,
        Briefing,
    ) {
        let mut info = testing::source().info;
        info.members.push(Member {
            initials: "TP".into(),
            name: "Tracey Pratchett".into(),
            role: Some("MAP Toolkit Lead".into()),
        });
        info.themes.push(Theme {
            id: "digital".into(),
            name: "Digital".into(),
            description: Some("Online services.".into()),
        });
        let mut driver = testing::driver();
        driver.alternative_titles = vec!["the framework".into()];
        driver.archived = true;
        driver.headline = Some("Leaders need evidence.".into());
        let mut story = testing::story();
        story.team = Some("Library team".into());
        story.resources = Some("Two days".into());
        story.timeframe = Some("A month".into());
        story.themes = vec!["workforce".into()];
        story.next_steps = Some("Repeat it.".into());
        story.quote = Some(Quote {
            text: "Useful.".into(),
            by: "A consultant".into(),
        });
        story.protected = true;
        let idea = IdeaCapture {
            title: "Shared search".into(),
            team: Some("Librarians".into()),
            resources: Some("Time".into()),
            timeframe: Some("2018".into()),
            description: "Pool searches.".into(),
            drivers: vec!["developing-people".into()],
            intended_outcome: "Faster answers.".into(),
            next_steps: Some("Ask.".into()),
            protected: true,
        };
        let mut meeting = testing::meeting(true);
        meeting.teleconference = Some(Teleconference {
            dial_in: Some("+44-203-478-5289".into()),
            access_code: Some("237 585 892".into()),
            notes: Some("No password.".into()),
        });
        meeting.chair = Some("VT".into());
        meeting.venue = Some("Boardroom".into());
        meeting.attendees = vec!["FG".into(), "A Visitor".into()];
        meeting.apologies = vec!["TP".into()];
        meeting.agenda.push(AgendaItem {
            title: "AOB".into(),
            standing: false,
            papers: vec!["Plan v2".into()],
            items: vec!["Dates".into()],
            lead: Some("VT".into()),
            minutes: Some(15),
        });
        let briefing = Briefing {
            title: "Update for the Trust Board".into(),
            readers: "Trust Board".into(),
            presenter: Some("Head of Library and Knowledge Services".into()),
            date: "2017-12-05".parse().unwrap(),
            purpose: Purpose::Decision,
            summary: "Two drivers.".into(),
            recommendations: vec!["Note the review.".into()],
            drivers: vec!["developing-people".into()],
            themes: vec!["workforce".into()],
            since: Some("2016".parse().unwrap()),
            protected: true,
        };
        (info, driver, story, idea, meeting, briefing)
    }

    #[track_caller]
    fn round_trip<T: RecordFile + serde::Serialize + PartialEq + fmt::Debug>(record: T) {
        let text = toml::to_string(&record).unwrap();
        assert_eq!(parse_record::<T>(&text), Ok(record), "{text}");
    }

    #[test]
    fn every_field_serde_writes_is_read_back() {
        let (info, driver, story, idea, meeting, briefing) = full_records();
        round_trip(info);
        round_trip(driver);
        round_trip(story);
        round_trip(idea);
        round_trip(meeting);
        round_trip(briefing);
    }

    /// The fields reported missing from an empty file.
    fn missing<T: RecordFile + fmt::Debug>() -> Vec<String> {
        let mut fields: Vec<String> = parse_record::<T>("")
            .unwrap_err()
            .into_iter()
            .map(|d| d.field)
            .collect();
        fields.sort();
        fields
    }

    #[test]
    fn required_fields_are_those_of_the_schemas() {
        let required = |name: &str| -> Vec<String> {
            let (_, schema) = schemas().into_iter().find(|(n, _)| *n == name).unwrap();
            let mut fields: Vec<String> = schema
                .get("required")
                .unwrap()
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap().to_string())
                .collect();
            fields.sort();
            fields
        };
        assert_eq!(missing::<ToolkitInfo>(), required("toolkit.schema.json"));
        assert_eq!(missing::<Driver>(), required("driver.schema.json"));
        assert_eq!(missing::<MapStory>(), required("story.schema.json"));
        assert_eq!(missing::<IdeaCapture>(), required("idea.schema.json"));
        assert_eq!(missing::<Meeting>(), required("meeting.schema.json"));
        assert_eq!(missing::<Briefing>(), required("briefing.schema.json"));
    }

    #[test]
    fn an_array_with_an_unreadable_item_is_unread_as_a_whole() {
        let (value, problems) = decode_file::<Holder>("points = ['a', 3, { text = '' }]");
        assert_eq!(value.unwrap().0, None);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].field, "points[1]");
    }

    /// A table with one array of points, to decode alone.
    struct Holder(Option<Vec<Point>>);

    impl Decode for Holder {
        fn decode(value: &Value<'_>, path: Path<'_>, d: &mut Decoder<'_>) -> Option<Holder> {
            Fields::table(value, path, d, |f, d| Holder(f.optional("points", d)))
        }
    }

    #[test]
    fn edit_distance_counts_edits() {
        assert_eq!(edit_distance("titel", "title"), 2);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("owner", "owner"), 0);
    }

    #[test]
    fn paths_display_as_fields() {
        let root = Path::Root;
        let kf = Path::Key(&root, "key_features");
        let one = Path::Index(&kf, 1);
        let children = Path::Key(&one, "children");
        assert_eq!(
            Path::Index(&children, 0).to_string(),
            "key_features[1].children[0]"
        );
        assert_eq!(root.to_string(), "");
    }

    #[test]
    fn span_of_walks_tables_and_arrays() {
        let text = "a = [1, { b = [2, 'x'] }]\n[t]\nc = 'y'\n";
        let doc = parse_document(text).unwrap();
        let at = |field: &str| span_of(&doc, field).map(|r| &text[r]);
        assert_eq!(at("a[1].b[1]"), Some("'x'"));
        assert_eq!(at("t.c"), Some("'y'"));
        assert_eq!(at("a[7]"), None);
        assert_eq!(at("t.c.d"), None);
    }
}
