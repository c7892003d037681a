//! Reading a toolkit folder: `toolkit.toml` and one TOML file per record.
//!
//! Every file is read even when earlier ones fail, and every field of a file is read even when
//! earlier ones fail (see `decode.rs`), so one run reports every problem, each with its line and
//! column. Files are read with [`read_text_file`]: regular files only, bounded. The text of each
//! file is kept until validation has run, so the problems it finds between records (an owner who
//! is not a member) are placed at their value too; the text of files with placed problems is
//! handed on in the [`Report`] or [`Validated`] for showing them.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use crate::decode::{Decode, decode_file, parse_document, span_of};
use crate::diagnostic::{Sources, sort};
use crate::rules::MAX_FILE_BYTES;
use crate::validate::validate_with;
use crate::{
    Briefing, Date, Diagnostic, Driver, Entry, IdeaCapture, MapStory, Meeting, ReadError,
    RecordKind, Report, Span, ToolkitInfo, ToolkitSource, Validated, read_text_file,
};

/// Reads and validates the toolkit in `dir`.
///
/// `as_of` is the date review warnings are judged against; `None` gives none.
///
/// # Errors
/// A [`Report`] of every problem when a file cannot be read or parsed or a rule is broken. Each
/// problem with a place in a file has a [`Diagnostic::span`], and [`Report::source`] gives that
/// file's text.
///
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// std::fs::write(
///     dir.path().join("toolkit.toml"),
///     "name = 'MAP Toolkit'\norganisation = 'North West NHS libraries'\n\
///      [[members]]\ninitials = 'VT'\nname = 'Victoria Treadway'\n",
/// )
/// .unwrap();
/// let loaded = maptoolkit_core::load(dir.path(), None).unwrap();
/// assert_eq!(loaded.toolkit.info().members[0].initials, "VT");
/// assert!(loaded.toolkit.drivers().is_empty());
/// ```
pub fn load(dir: &Path, as_of: Option<Date>) -> Result<Validated, Report> {
    if !dir.is_dir() {
        return Err(Report::new(vec![
            Diagnostic::error(dir.display().to_string(), "", "is not a folder")
                .with_hint("give the folder that holds toolkit.toml"),
        ]));
    }
    let Read {
        source,
        problems,
        unreadable,
        mut sources,
    } = read_source(dir);
    match validate_with(source, as_of, problems, &unreadable) {
        Ok(mut validated) => {
            locate(&mut validated.warnings, &sources);
            sort(&mut validated.warnings);
            sources.retain_located(&validated.warnings);
            Ok(validated.with_sources(sources))
        }
        Err(report) => {
            let mut diagnostics = report.diagnostics;
            locate(&mut diagnostics, &sources);
            sources.retain_located(&diagnostics);
            Err(Report::new(diagnostics).with_sources(sources))
        }
    }
}

/// What reading a folder gives, before the rules between records are checked.
struct Read {
    /// What could be read.
    source: ToolkitSource,
    /// The problems met.
    problems: Vec<Diagnostic>,
    /// The slugs of driver files that could not be read at all.
    unreadable: BTreeSet<String>,
    /// The text of every file read.
    sources: Sources,
}

/// Reads every file of a toolkit folder without checking the rules between records. When
/// `toolkit.toml` cannot be read, the source's info stays empty and the problems say so.
fn read_source(dir: &Path) -> Read {
    let mut read = Read {
        source: ToolkitSource::default(),
        problems: Vec::new(),
        unreadable: BTreeSet::new(),
        sources: Sources::default(),
    };
    let info = read_file::<ToolkitInfo>(dir, "toolkit.toml".to_string());
    if let Some(info) = read.keep(info) {
        read.source.info = info;
    }
    for kind in RecordKind::ALL {
        let slugs = record_slugs(dir, kind, &mut read.problems);
        match kind {
            RecordKind::Driver => {
                let drivers = read_records::<Driver>(dir, kind, &slugs, &mut read);
                read.source.drivers = drivers;
            }
            RecordKind::Story => read.source.stories = read_records(dir, kind, &slugs, &mut read),
            RecordKind::Idea => read.source.ideas = read_records(dir, kind, &slugs, &mut read),
            RecordKind::Meeting => {
                read.source.meetings = read_records(dir, kind, &slugs, &mut read);
            }
            RecordKind::Briefing => {
                read.source.briefings = read_records(dir, kind, &slugs, &mut read);
            }
        }
    }
    read
}

/// One file: what was read from it, its problems and its text.
struct FileRead<T> {
    file: String,
    record: Option<T>,
    problems: Vec<Diagnostic>,
    text: Option<String>,
}

impl Read {
    /// Keeps a file's problems and text, and gives its record.
    fn keep<T>(&mut self, read: FileRead<T>) -> Option<T> {
        self.problems.extend(read.problems);
        if let Some(text) = read.text {
            self.sources.insert(read.file, text);
        }
        read.record
    }
}

/// Reads the records of `kind` named by `slugs`, on every core, in the order of `slugs`.
fn read_records<T: Decode + Send>(
    dir: &Path,
    kind: RecordKind,
    slugs: &[String],
    read: &mut Read,
) -> Vec<Entry<T>> {
    use rayon::prelude::*;
    let files: Vec<FileRead<T>> = slugs
        .par_iter()
        .map(|slug| read_file(dir, kind.file(slug)))
        .collect();
    let mut entries = Vec::with_capacity(files.len());
    for (slug, file) in slugs.iter().zip(files) {
        match read.keep(file) {
            Some(record) => entries.push(Entry::new(slug, record)),
            None if kind == RecordKind::Driver => {
                read.unreadable.insert(slug.clone());
            }
            None => {}
        }
    }
    entries
}

/// The slugs of the `.toml` files in a kind's folder, in name order.
///
/// Every `*.toml` entry is a record, whatever it is (reading it says what is wrong: a broken
/// link, a folder, a FIFO). Hidden `.toml` files are ignored with a warning; other hidden files
/// (`.DS_Store`) without one.
fn record_slugs(dir: &Path, kind: RecordKind, problems: &mut Vec<Diagnostic>) -> Vec<String> {
    let folder = dir.join(kind.folder());
    if !folder.exists() {
        return Vec::new();
    }
    let entries = match fs::read_dir(&folder) {
        Ok(entries) => entries,
        Err(e) => {
            problems.push(Diagnostic::error(
                kind.folder(),
                "",
                format!("cannot be read ({e})"),
            ));
            return Vec::new();
        }
    };
    let mut names: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .collect();
    names.sort();
    let mut slugs = Vec::new();
    for name in names {
        let shown = format!("{}/{}", kind.folder(), name.to_string_lossy());
        let Some(name) = name.to_str() else {
            problems.push(Diagnostic::error(
                shown,
                "",
                "the file name is not valid UTF-8",
            ));
            continue;
        };
        match (name.strip_suffix(".toml"), name.starts_with('.')) {
            (Some(_), true) => problems.push(
                Diagnostic::warning(shown, "", "ignored (a hidden file)").with_hint(format!(
                    "rename it without the leading `.` to read it as a record, e.g. {}",
                    name.trim_start_matches('.')
                )),
            ),
            (Some(slug), false) => slugs.push(slug.to_string()),
            (None, true) => {}
            (None, false) => problems.push(
                Diagnostic::warning(shown, "", "ignored (not a .toml file)")
                    .with_hint(format!("{} holds one .toml file per record", kind.folder())),
            ),
        }
    }
    slugs
}

/// Reads one TOML file into a record type, field by field.
fn read_file<T: Decode>(dir: &Path, file: String) -> FileRead<T> {
    let fail = |d: Diagnostic, text: Option<String>| FileRead {
        file: file.clone(),
        record: None,
        problems: vec![d],
        text,
    };
    let text = match read_text_file(&dir.join(&file), MAX_FILE_BYTES) {
        Ok(text) => text,
        Err(ReadError::NotUtf8 { text, span }) => {
            let d = Diagnostic::error(file.clone(), "", "is not valid UTF-8")
                .with_span(span)
                .with_hint("save the file as UTF-8");
            return fail(d, Some(text));
        }
        Err(e @ ReadError::TooLarge { .. }) => {
            let d = Diagnostic::error(file.clone(), "", e.to_string())
                .with_hint("split the record or shorten its text");
            return fail(d, None);
        }
        Err(e) => return fail(Diagnostic::error(file.clone(), "", e.to_string()), None),
    };
    let (record, mut problems) = decode_file::<T>(&text);
    for d in &mut problems {
        d.file.clone_from(&file);
    }
    FileRead {
        file,
        record,
        problems,
        text: Some(text),
    }
}

/// Places each problem that has a field but no span yet at its value, in the text of its file.
fn locate(diagnostics: &mut [Diagnostic], sources: &Sources) {
    let mut documents = BTreeMap::new();
    for d in diagnostics
        .iter_mut()
        .filter(|d| d.span.is_none() && !d.field.is_empty())
    {
        let Some(text) = sources.get(&d.file) else {
            continue;
        };
        let document = documents
            .entry(d.file.clone())
            .or_insert_with(|| parse_document(text));
        if let Some(range) = document.as_ref().and_then(|doc| span_of(doc, &d.field)) {
            d.span = Some(Span::locate(text, range));
        }
    }
}

/// A type one file of a toolkit holds: [`ToolkitInfo`] (`toolkit.toml`), [`Driver`],
/// [`MapStory`], [`IdeaCapture`], [`Meeting`] and [`Briefing`]. Implemented by this crate only.
pub trait RecordFile: Decode {}

impl RecordFile for ToolkitInfo {}
impl RecordFile for Driver {}
impl RecordFile for MapStory {}
impl RecordFile for IdeaCapture {}
impl RecordFile for Meeting {}
impl RecordFile for Briefing {}

/// Parses the text of one file (`toolkit.toml` into [`ToolkitInfo`], a record file into
/// [`Driver`] and so on), reporting every problem in it.
///
/// [`load`] does this for every file of a folder; editors and tools can call it on one text.
/// The rules between records (owners, themes, references) are not checked here.
///
/// # Errors
/// Every problem, in the order of the text, each with an empty `file`, its field path and its
/// [`Span`] in `text`: TOML syntax, unknown fields, wrong types, missing fields (these without a
/// span at the top level), bad dates and times.
///
/// ```
/// use maptoolkit_core::{parse_record, Meeting};
/// let text = "title = 'AOB'\ndate = '2017-02-30'\nstart = '1pm'\nroom = 4\n";
/// let problems = parse_record::<Meeting>(text).unwrap_err();
/// let shown: Vec<String> = problems.iter().map(|d| d.to_string()).collect();
/// assert_eq!(shown, [
///     "2:8: date: `2017-02-30` is not a real date",
///     "3:9: start: `1pm` is not a time (expected HH:MM, 24-hour clock)",
///     "4:1: room: unknown field\n  hint: fields here are: title, date, start, end, protected, teleconference, chair, venue, attendees, apologies, agenda",
/// ]);
/// ```
pub fn parse_record<T: RecordFile>(text: &str) -> Result<T, Vec<Diagnostic>> {
    match decode_file::<T>(text) {
        (Some(record), problems) if problems.is_empty() => Ok(record),
        (_, mut problems) => {
            sort(&mut problems);
            Err(problems)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(text: &str, expected: &[&str]) {
        let got: Vec<String> = parse_record::<Driver>(text)
            .map(|_| ())
            .unwrap_err()
            .iter()
            .map(|d| d.to_string())
            .collect();
        assert_eq!(got, expected);
    }

    const REST: &str = "source='s'\npublication_format='PDF'\npublished='2016-02'\n\
        primary_audience='a'\nowner='VT'\nsummary='s'\nimpact=['i']\nkey_features=['k']\n";

    #[test]
    fn parse_errors_name_the_field_and_place() {
        check(
            "title = ",
            &["1:9: invalid TOML (string values must be quoted, expected literal string)"],
        );
        check(
            &format!("title = 3\n{REST}"),
            &["1:9: title: wrong type: integer `3`, expected a string"],
        );
        check(
            &format!("titel = 'x'\n{REST}"),
            &[
                "title: is missing (it is required)",
                "1:1: titel: unknown field\n  hint: did you mean `title`?",
            ],
        );
        check(
            &format!("title='t'\n{}", REST.replace("2016-02", "2016-02-30")),
            &["4:11: published: `2016-02-30` is not a real date"],
        );
        check(
            &format!(
                "title='t'\n{}",
                REST.replace(
                    "['k']",
                    "['a', {text='b', children=[{text='c', colour='red'}]}]"
                )
            ),
            &[
                "9:52: key_features[1].children[0].colour: unknown field\n  hint: fields here are: text, children",
            ],
        );
        check(
            &format!("title='t'\nlevel='global'\n{REST}"),
            &[
                "2:7: level: unknown value `global` (expected one of `national`, `regional`, `local`)",
            ],
        );
    }

    #[test]
    fn a_missing_field_of_a_table_points_at_the_table() {
        let problems =
            parse_record::<ToolkitInfo>("name='n'\norganisation='o'\n[[members]]\ninitials='VT'\n")
                .unwrap_err();
        assert_eq!(problems[0].field, "members[0].name");
        assert_eq!(problems[0].message, "is missing (it is required)");
        assert_eq!(problems[0].span.map(|s| s.line), Some(3));
    }

    #[test]
    fn nesting_100_000_deep_is_refused_without_overflowing() {
        let text = format!(
            "key_features = {}{}",
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        check(
            &text,
            &[&format!(
                "1:96: key_features: nested too deep to read as TOML\n  hint: {DEEP_HINT}"
            )],
        );
    }

    const DEEP_HINT: &str =
        "points nest at most 16 deep: give deeper points as sub-points of fewer levels";

    /// Points nested 60 deep were refused as "invalid TOML (cannot recurse further…)" without
    /// the field or the limit.
    #[test]
    fn points_nested_60_deep_name_their_field_and_the_limit() {
        let mut point = "'deepest'".to_string();
        for level in 0..60 {
            point = format!("{{ text = 'level {level}', children = [{point}] }}");
        }
        let text = format!(
            "title='t'\n{}",
            REST.replace(
                "key_features=['k']",
                &format!("key_features=[\n  {point},\n]")
            )
        );
        let got: Vec<String> = parse_record::<Driver>(&text)
            .unwrap_err()
            .iter()
            .map(|d| d.to_string())
            .collect();
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(
            got[0].ends_with(&format!(
                "key_features: nested too deep to read as TOML\n  hint: {DEEP_HINT}"
            )),
            "{got:?}"
        );
        // Under an array of tables, the table and its index are named too.
        let meeting = format!(
            "title='t'\ndate='2017-06-14'\n[[agenda]]\ntitle='a'\n[[agenda]]\ntitle='b'\nitems=[{point}]\n"
        );
        let got = parse_record::<crate::Meeting>(&meeting).unwrap_err();
        assert_eq!(got[0].field, "agenda[1].items", "{got:?}");
    }

    #[test]
    fn a_toml_datetime_where_text_is_expected_is_a_type_error() {
        check(
            &format!("title = 1979-05-27T07:32:00Z\n{REST}"),
            &[
                "1:9: title: wrong type: datetime `1979-05-27T07:32:00Z`, expected a string\n  hint: put it in quotes to make it text: \"1979-05-27T07:32:00Z\"",
            ],
        );
        check(
            &format!("title='t'\n{}", REST.replace("'2016-02'", "2016-02-01")),
            &[
                "4:11: published: wrong type: datetime `2016-02-01`, expected a string\n  hint: put it in quotes to make it text: \"2016-02-01\"",
            ],
        );
    }

    #[test]
    fn a_typo_a_wrong_type_and_an_impossible_date_are_all_reported() {
        let text = "titel = 'Carter'\nsource = 'DH'\npublication_format = 2016\n\
            published = '2016-02-30'\nprimary_audience = 'Trusts'\nowner = 'VT'\n\
            summary = 'S.'\nimpact = ['I.']\nkey_features = ['K.']\n";
        check(
            text,
            &[
                "title: is missing (it is required)",
                "1:1: titel: unknown field\n  hint: did you mean `title`?",
                "3:22: publication_format: wrong type: integer `2016`, expected a string",
                "4:13: published: `2016-02-30` is not a real date",
            ],
        );
    }
}
