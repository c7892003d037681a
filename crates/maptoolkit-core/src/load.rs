//! Reading a toolkit folder: `toolkit.toml` and one TOML file per record.
//!
//! Every file is read even when earlier ones fail, so one run reports every problem.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use serde::de::DeserializeOwned;

use crate::rules::MAX_FILE_BYTES;
use crate::validate::validate_with;
use crate::{Date, Diagnostic, Entry, RecordKind, Report, ToolkitSource, Validated};

/// Reads and validates the toolkit in `dir`.
///
/// `as_of` is the date review warnings are judged against; `None` gives none.
///
/// # Errors
/// A [`Report`] of every problem when a file cannot be read or parsed or a rule is broken.
///
/// ```
/// let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures");
/// let loaded = maptoolkit_core::load(dir.as_ref(), None).unwrap();
/// assert!(loaded.toolkit.drivers().contains_key("developing-people-improving-care"));
/// ```
pub fn load(dir: &Path, as_of: Option<Date>) -> Result<Validated, Report> {
    if !dir.is_dir() {
        return Err(Report::new(vec![
            Diagnostic::error(dir.display().to_string(), "", "is not a folder")
                .with_hint("give the folder that holds toolkit.toml"),
        ]));
    }
    let (source, problems, unreadable) = read_source(dir);
    validate_with(source, as_of, problems, &unreadable)
}

/// Reads every file of a toolkit folder without checking the rules between records.
///
/// Returns what could be read, the problems met, and the slugs of driver files that could not be
/// read. When `toolkit.toml` cannot be read, the source's info stays empty and the problems say
/// so.
pub(crate) fn read_source(dir: &Path) -> (ToolkitSource, Vec<Diagnostic>, BTreeSet<String>) {
    let mut problems = Vec::new();
    let mut source = ToolkitSource::default();
    let mut unreadable = BTreeSet::new();
    match read_record(dir, "toolkit.toml") {
        Ok(info) => source.info = info,
        Err(d) => problems.push(d),
    }
    for kind in RecordKind::ALL {
        let slugs = record_slugs(dir, kind, &mut problems);
        let failed = match kind {
            RecordKind::Driver => read_records(dir, kind, &slugs, &mut source.drivers),
            RecordKind::Story => read_records(dir, kind, &slugs, &mut source.stories),
            RecordKind::Idea => read_records(dir, kind, &slugs, &mut source.ideas),
            RecordKind::Meeting => read_records(dir, kind, &slugs, &mut source.meetings),
        };
        for (slug, d) in failed {
            problems.push(d);
            if kind == RecordKind::Driver {
                unreadable.insert(slug);
            }
        }
    }
    (source, problems, unreadable)
}

/// Reads the records of `kind` named by `slugs`, on every core, into `into` in the order of
/// `slugs`. Returns the slug and the problem of each file that could not be read.
fn read_records<T: DeserializeOwned + Send>(
    dir: &Path,
    kind: RecordKind,
    slugs: &[String],
    into: &mut Vec<Entry<T>>,
) -> Vec<(String, Diagnostic)> {
    use rayon::prelude::*;
    let read: Vec<Result<T, Diagnostic>> = slugs
        .par_iter()
        .map(|slug| read_record(dir, &kind.file(slug)))
        .collect();
    let mut failed = Vec::new();
    for (slug, result) in slugs.iter().zip(read) {
        match result {
            Ok(record) => into.push(Entry::new(slug, record)),
            Err(d) => failed.push((slug.clone(), d)),
        }
    }
    failed
}

/// The slugs of the `.toml` files in a kind's folder, in name order.
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
        .map(|e| (e.file_name(), e.path()))
        .collect();
    names.sort();
    let mut slugs = Vec::new();
    for (name, path) in names {
        let shown = format!("{}/{}", kind.folder(), name.to_string_lossy());
        let Some(name) = name.to_str() else {
            problems.push(Diagnostic::error(
                shown,
                "",
                "the file name is not valid UTF-8",
            ));
            continue;
        };
        if name.starts_with('.') {
            continue;
        }
        match name.strip_suffix(".toml") {
            Some(slug) if path.is_file() => slugs.push(slug.to_string()),
            _ => problems.push(
                Diagnostic::warning(shown, "", "ignored (not a .toml file)")
                    .with_hint(format!("{} holds one .toml file per record", kind.folder())),
            ),
        }
    }
    slugs
}

/// Reads one TOML file into a record type.
fn read_record<T: DeserializeOwned>(dir: &Path, file: &str) -> Result<T, Diagnostic> {
    let path = dir.join(file);
    let err = |message: String| Diagnostic::error(file, "", message);
    let size = fs::metadata(&path)
        .map_err(|e| err(format!("cannot be read ({e})")))?
        .len();
    if size > MAX_FILE_BYTES {
        return Err(err(format!(
            "is {size} bytes, more than the {MAX_FILE_BYTES} allowed"
        ))
        .with_hint("split the record or shorten its text"));
    }
    let bytes = fs::read(&path).map_err(|e| err(format!("cannot be read ({e})")))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let (line, column) = line_column(&String::from_utf8_lossy(&e.into_bytes()[..at]), at);
        err(format!("is not valid UTF-8 (line {line}, column {column})"))
            .with_hint("save the file as UTF-8")
    })?;
    parse_record(&text).map_err(|mut d| {
        d.file = file.to_string();
        d
    })
}

/// Parses the text of one file (`toolkit.toml` into [`crate::ToolkitInfo`], a record file into
/// [`crate::Driver`] and so on), describing the first problem with its field path.
///
/// [`load`] does this for every file of a folder; editors and tools can call it on one text.
///
/// # Errors
/// A [`Diagnostic`] with an empty `file`: TOML syntax (with line and column), an unknown field,
/// a wrong type, a missing field or a bad date or time.
///
/// ```
/// use maptoolkit_core::{parse_record, Meeting};
/// let err = parse_record::<Meeting>("title = 'AOB'\ndate = '2017-02-08'\nstart = '1pm'").unwrap_err();
/// assert_eq!(err.field, "start");
/// assert_eq!(err.message, "`1pm` is not a time (expected HH:MM, 24-hour clock)");
/// ```
pub fn parse_record<T: DeserializeOwned>(text: &str) -> Result<T, Diagnostic> {
    let table: toml::Table = toml::from_str(text).map_err(|e| {
        let at = e.span().map_or(0, |s| s.start);
        let (line, column) = line_column(text, at);
        Diagnostic::error(
            "",
            "",
            format!(
                "invalid TOML at line {line}, column {column} ({})",
                e.message().trim()
            ),
        )
    })?;
    serde_path_to_error::deserialize(toml::Value::Table(table)).map_err(|e| {
        let path = e.path().to_string();
        let path = if path == "." { String::new() } else { path };
        let message = e.inner().message().trim().to_string();
        describe(path, &message)
    })
}

/// Turns a serde message into our wording, with the field it concerns.
fn describe(path: String, message: &str) -> Diagnostic {
    let quoted = |s: &str| s.split('`').nth(1).map(str::to_string);
    if let Some(rest) = message.strip_prefix("missing field ") {
        let field = quoted(rest).unwrap_or_default();
        let full = if path.is_empty() {
            field
        } else {
            format!("{path}.{field}")
        };
        return Diagnostic::error("", full, "is missing (it is required)");
    }
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let field = quoted(rest).unwrap_or_default();
        let expected: Vec<String> = rest
            .split('`')
            .skip(3)
            .step_by(2)
            .map(str::to_string)
            .collect();
        let d = Diagnostic::error("", path, "unknown field");
        return match closest(&field, &expected) {
            Some(best) => d.with_hint(format!("did you mean `{best}`?")),
            None if !expected.is_empty() => {
                d.with_hint(format!("fields here are: {}", expected.join(", ")))
            }
            None => d,
        };
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        return Diagnostic::error(
            "",
            path,
            format!(
                "unknown value {}",
                rest.replace(", expected one of", " (expected one of") + ")"
            ),
        );
    }
    Diagnostic::error("", path, message.replace("invalid type: ", "wrong type: "))
}

/// The candidate within two edits of `word`, if any.
fn closest(word: &str, candidates: &[String]) -> Option<String> {
    candidates
        .iter()
        .map(|c| (edit_distance(word, c), c))
        .filter(|(d, _)| *d <= 2)
        .min()
        .map(|(_, c)| c.clone())
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

/// The 1-based line and column (in characters) of a byte offset.
fn line_column(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Driver;

    #[track_caller]
    fn check(text: &str, expected: &str) {
        let got = parse_record::<Driver>(text).map(|_| ()).unwrap_err();
        assert_eq!(got.to_string().trim_start_matches(": "), expected);
    }

    #[test]
    fn parse_errors_name_the_field() {
        check(
            "title = ",
            "invalid TOML at line 1, column 9 (string values must be quoted, expected literal string)",
        );
        check(
            "title = 3",
            "title: wrong type: integer `3`, expected a string",
        );
        check(
            "titel = 'x'",
            "titel: unknown field\n  hint: did you mean `title`?",
        );
        check(
            "title='t'\nsource='s'\npublication_format='PDF'\npublished='2016-02-30'",
            "published: `2016-02-30` is not a real date",
        );
        check(
            "title='t'\nkey_features=['a', {text='b', children=[{text='c', colour='red'}]}]",
            "key_features[1].children[0].colour: unknown field\n  hint: fields here are: text, children",
        );
        check("title='t'", "source: is missing (it is required)");
        check(
            "level='global'",
            "level: unknown value `global` (expected one of `national`, `regional`, `local`)",
        );
    }

    #[test]
    fn edit_distance_counts_edits() {
        assert_eq!(edit_distance("titel", "title"), 2);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("owner", "owner"), 0);
    }
}
