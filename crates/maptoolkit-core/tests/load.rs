//! Loading toolkit folders from disk: the fixtures, and folders with every kind of file problem.

use std::fs;
use std::path::{Path, PathBuf};

use maptoolkit_core::{Diagnostic, Level, Point, load};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures")
}

/// A copy of the fixtures in a temporary folder, to break.
fn fixture_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixtures(), dir.path());
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The problems as `severity file: field: message` lines, hints left out.
fn lines(diagnostics: &[Diagnostic]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|d| {
            Diagnostic {
                hint: None,
                ..d.clone()
            }
            .to_string()
        })
        .collect()
}

#[test]
fn fixtures_validate_without_errors() {
    let loaded = load(&fixtures(), Some("2017-06-01".parse().unwrap())).unwrap();
    let t = &loaded.toolkit;
    assert_eq!(t.drivers().len(), 5);
    assert_eq!(t.stories().len(), 2);
    assert_eq!(t.ideas().len(), 1);
    assert_eq!(t.meetings().len(), 4);
    assert_eq!(t.meetings().values().filter(|m| m.protected).count(), 2);
    let briefings: Vec<(&str, bool)> = t
        .briefings()
        .iter()
        .map(|(slug, b)| (slug.as_str(), b.protected))
        .collect();
    assert_eq!(
        briefings,
        [
            ("transformation-update", true),
            ("trust-board-2017-12", false)
        ]
    );
    let initials: Vec<&str> = t
        .info()
        .members
        .iter()
        .map(|m| m.initials.as_str())
        .collect();
    assert_eq!(initials, ["TP", "VT", "FG"]);
    assert_eq!(t.info().themes.len(), 4);
    // The archive's missing links, and the updates the fixtures record after that date.
    assert_eq!(
        lines(&loaded.warnings),
        [
            "warning: drivers/carter-review.toml:7:16: last_updated: 2026-05-14 is after the as-of date 1 June 2017",
            "warning: drivers/developing-people-improving-care.toml: link: no link to the main document",
            "warning: drivers/five-year-forward-view.toml:7:16: last_updated: 2024-10 is after the as-of date 1 June 2017",
            "warning: drivers/knowledge-for-healthcare.toml:7:16: last_updated: 2026-06 is after the as-of date 1 June 2017",
            "warning: drivers/nhs-library-and-knowledge-services-in-england.toml: link: no link to the main document",
        ]
    );
}

#[test]
fn archive_driver_developing_people_field_by_field() {
    let t = load(&fixtures(), None).unwrap().toolkit;
    let d = &t.drivers()["developing-people-improving-care"];
    assert_eq!(
        d.title,
        "Developing People – Improving Care: A national framework for action on improvement and \
         leadership development in NHS-funded services."
    );
    assert_eq!(
        d.source,
        "National Improvement and Leadership Development Board"
    );
    assert_eq!(d.link, None);
    assert_eq!(d.publication_format.as_deref(), Some("PDF"));
    assert_eq!(d.published.unwrap().to_uk_string(), "1 December 2016");
    assert_eq!(d.last_updated.unwrap().to_uk_string(), "February 2017");
    assert_eq!(d.review_due.unwrap().to_uk_string(), "February 2018");
    assert!(
        d.primary_audience
            .as_deref()
            .unwrap()
            .starts_with("Senior managers in NHS organisations and partners")
    );
    assert_eq!(t.owner(d).unwrap().initials, "FG");
    assert_eq!(d.impact.len(), 3);
    assert!(
        d.impact[2]
            .text
            .ends_with("which the framework indicates can be difficult to access.")
    );
    let summary = d.summary_paragraphs();
    assert_eq!(summary.len(), 2);
    assert_eq!(
        summary[1],
        "This is the first version of the framework – further regular updates are envisioned."
    );
    assert_eq!(d.key_features.len(), 7);
    assert_eq!(
        d.key_features[1].children,
        [
            Point::new(
                "Systems leadership, for cross boundary working and joining up healthcare systems,"
            ),
            Point::new("Quality improvement methods knowledge"),
            Point::new("Compassionate and inclusive leadership"),
            Point::new("Talent management"),
        ]
    );
    assert!(
        d.key_features[6]
            .text
            .contains("for 1 – 3 years’ time for national oversight bodies")
    );
    assert!(
        d.key_features
            .iter()
            .enumerate()
            .all(|(i, p)| i == 1 || p.children.is_empty())
    );
}

#[test]
fn archive_driver_nhs_lks_field_by_field() {
    let t = load(&fixtures(), None).unwrap().toolkit;
    let d = &t.drivers()["nhs-library-and-knowledge-services-in-england"];
    assert_eq!(d.title, "NHS Library and Knowledge Services in England");
    assert_eq!(d.source, "Health Education England (HEE)");
    assert_eq!(d.link, None);
    assert_eq!(d.published.unwrap().to_uk_string(), "January 2017");
    assert_eq!(d.last_updated.unwrap().to_uk_string(), "January 2017");
    assert_eq!(d.review_due.unwrap().to_uk_string(), "11 January 2018");
    assert_eq!(
        d.primary_audience.as_deref(),
        Some("All NHS England organisations, particularly Executives and senior managers")
    );
    assert_eq!(t.owner(d).unwrap().name, "Victoria Treadway");
    assert_eq!(d.impact.len(), 3);
    assert!(d.impact[0].text.contains("as ‘knowledge brokers’, a role"));
    assert!(
        d.impact[1]
            .text
            .contains("a “coherent national service”, highlighting")
    );
    assert_eq!(d.key_features.len(), 2);
    assert_eq!(d.key_features[1].children.len(), 3);
    assert!(
        d.key_features[0]
            .text
            .contains("“the use in the health service of evidence obtained from research”")
    );
    assert_eq!(d.level, None);
    assert_eq!(t.drivers()["carter-review"].level, Some(Level::National));
}

#[test]
fn archive_meetings() {
    let t = load(&fixtures(), None).unwrap().toolkit;
    let m = &t.meetings()["meeting-2017-02-08"];
    assert!(!m.protected);
    let tele = m.teleconference.as_ref().unwrap();
    assert_eq!(tele.dial_in.as_deref(), Some("+44-203-478-5289"));
    assert_eq!(tele.access_code.as_deref(), Some("237 585 892"));
    let standing: Vec<&str> = m
        .agenda
        .iter()
        .filter(|a| a.standing)
        .map(|a| a.title.as_str())
        .collect();
    assert_eq!(standing.len(), 4);
    assert_eq!(m.agenda[5].title, "AOB");
    assert_eq!(m.agenda[5].items.len(), 2);
    let may = &t.meetings()["meeting-2017-05-04"];
    assert!(may.protected && may.agenda.is_empty());
    assert_eq!(
        (may.start.unwrap().to_string(), may.end.unwrap().to_string()),
        ("13:00".into(), "14:00".into())
    );
}

#[test]
fn every_file_problem_is_reported_at_once() {
    let dir = fixture_copy();
    let p = dir.path();
    fs::write(
        p.join("drivers/carter-review.toml"),
        "title = \"Carter\nsource = 1\n",
    )
    .unwrap();
    fs::write(
        p.join("drivers/five-year-forward-view.toml"),
        b"title = \"Five \xff\"\n",
    )
    .unwrap();
    let kfh = fs::read_to_string(p.join("drivers/knowledge-for-healthcare.toml")).unwrap();
    fs::write(
        p.join("drivers/knowledge-for-healthcare.toml"),
        kfh.replace("owner = ", "ownr = "),
    )
    .unwrap();
    let story = fs::read_to_string(p.join("stories/knowledge-brokers-on-the-wards.toml")).unwrap();
    fs::write(
        p.join("stories/knowledge-brokers-on-the-wards.toml"),
        story.replace("date = \"2017-09-18\"", "date = 2017"),
    )
    .unwrap();
    fs::write(p.join("meetings/notes.txt"), "not a record").unwrap();
    fs::write(p.join("meetings/.DS_Store"), "hidden").unwrap();

    let report = load(p, None).unwrap_err();
    assert_eq!(
        lines(&report.diagnostics),
        [
            "drivers/carter-review.toml:1:16: invalid TOML (invalid basic string, expected `\"`)",
            "drivers/five-year-forward-view.toml:1:15: is not valid UTF-8",
            "drivers/knowledge-for-healthcare.toml:10:1: ownr: unknown field",
            "stories/knowledge-brokers-on-the-wards.toml:3:8: date: wrong type: integer `2017`, expected a string",
            "warning: drivers/developing-people-improving-care.toml: link: no link to the main document",
            // Owners are optional (the 2017 template dropped them): a misspelt one is an error of
            // its own and the driver is unallocated.
            "warning: drivers/knowledge-for-healthcare.toml: owner: no group member is responsible",
            "warning: drivers/nhs-library-and-knowledge-services-in-england.toml: link: no link to the main document",
            "warning: meetings/notes.txt: ignored (not a .toml file)",
        ]
    );
    // Stories naming a driver whose file could not be read are not blamed for it.
    assert!(
        report
            .errors()
            .all(|d| !d.message.contains("unknown driver"))
    );
}

#[test]
fn missing_toolkit_toml_and_missing_folder() {
    let dir = tempfile::tempdir().unwrap();
    let report = load(dir.path(), None).unwrap_err();
    assert_eq!(report.diagnostics[0].file, "toolkit.toml");
    assert!(
        report.diagnostics[0]
            .message
            .starts_with("cannot be read ("),
        "{}",
        report.diagnostics[0]
    );

    // Its missing name, organisation and members are not reported again, field by field.
    assert_eq!(report.diagnostics.len(), 1, "{:?}", report.diagnostics);

    let report = load(&dir.path().join("nowhere"), None).unwrap_err();
    assert_eq!(report.diagnostics.len(), 1);
    assert!(lines(&report.diagnostics)[0].ends_with("nowhere: is not a folder"));
}

#[test]
fn oversized_file_is_refused_before_reading() {
    let dir = fixture_copy();
    let big = format!(
        "title = \"{}\"\n",
        "x".repeat(maptoolkit_core::MAX_FILE_BYTES as usize)
    );
    fs::write(dir.path().join("drivers/carter-review.toml"), big).unwrap();
    let report = load(dir.path(), None).unwrap_err();
    let first = &report.diagnostics[0];
    assert_eq!(first.file, "drivers/carter-review.toml");
    assert!(
        first
            .message
            .contains("is more than the 8388608 bytes allowed"),
        "{first}"
    );
}

/// The problems as they display, hints left out.
fn shown(report: &maptoolkit_core::Report) -> Vec<String> {
    lines(&report.diagnostics)
}

/// The errors as they display, hints left out.
fn errors(report: &maptoolkit_core::Report) -> Vec<String> {
    let errors: Vec<Diagnostic> = report.errors().cloned().collect();
    lines(&errors)
}

/// Replaces `from` with `to` in a file of the fixture copy `dir`.
fn edit(dir: &Path, file: &str, from: &str, to: &str) {
    let path = dir.join(file);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} has no {from:?}");
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn a_typo_a_wrong_type_and_an_impossible_date_in_one_file_are_all_reported_with_line_and_column() {
    let dir = fixture_copy();
    let p = dir.path();
    let file = "drivers/carter-review.toml";
    edit(p, file, "title = ", "titel = ");
    edit(
        p,
        file,
        "publication_format = \"PDF\"",
        "publication_format = 3",
    );
    edit(
        p,
        file,
        "published = \"2016-02\"",
        "published = \"2016-02-30\"",
    );
    let report = load(p, None).unwrap_err();
    assert_eq!(
        errors(&report),
        [
            "drivers/carter-review.toml: title: is missing (it is required)",
            "drivers/carter-review.toml:1:1: titel: unknown field",
            "drivers/carter-review.toml:5:22: publication_format: wrong type: integer `3`, expected a string",
            "drivers/carter-review.toml:6:13: published: `2016-02-30` is not a real date",
        ]
    );
    assert_eq!(
        report.diagnostics[1].hint.as_deref(),
        Some("did you mean `title`?")
    );
    // The span covers the value, in the text the report keeps.
    let text = report.source(file).unwrap();
    let at = |i: usize| &text[report.diagnostics[i].span.unwrap().range()];
    assert_eq!((at(1), at(2), at(3)), ("titel", "3", "\"2016-02-30\""));
}

#[test]
fn three_faults_across_two_files_are_all_reported() {
    let dir = fixture_copy();
    let p = dir.path();
    edit(
        p,
        "drivers/carter-review.toml",
        "owner = \"TP\"",
        "owner = \"ZZ\"",
    );
    edit(
        p,
        "drivers/carter-review.toml",
        "level = \"national\"",
        "level = \"global\"",
    );
    edit(
        p,
        "meetings/meeting-2017-05-04.toml",
        "start = \"13:00\"",
        "start = \"1pm\"",
    );
    let report = load(p, None).unwrap_err();
    assert_eq!(
        shown(&report),
        [
            "drivers/carter-review.toml:10:9: owner: `ZZ` is not a member",
            "drivers/carter-review.toml:11:9: level: unknown value `global` (expected one of `national`, `regional`, `local`)",
            "meetings/meeting-2017-05-04.toml:5:9: start: `1pm` is not a time (expected HH:MM, 24-hour clock)",
            "warning: drivers/developing-people-improving-care.toml: link: no link to the main document",
            "warning: drivers/nhs-library-and-knowledge-services-in-england.toml: link: no link to the main document",
        ]
    );
    assert!(report.source("drivers/carter-review.toml").is_some());
    assert!(report.source("meetings/meeting-2017-05-04.toml").is_some());
    // Files without a placed problem are not kept.
    assert!(
        report
            .source("drivers/five-year-forward-view.toml")
            .is_none()
    );
}

#[test]
fn a_bad_date_does_not_hide_an_unknown_owner_or_a_file_link() {
    let dir = fixture_copy();
    let p = dir.path();
    let file = "drivers/carter-review.toml";
    edit(
        p,
        file,
        "published = \"2016-02\"",
        "published = \"Spring 2016\"",
    );
    edit(p, file, "owner = \"TP\"", "owner = \"ZZ\"");
    edit(
        p,
        file,
        "link = \"https://www.gov.uk/government/publications/productivity-in-nhs-hospitals\"",
        "link = \"file:///c:/carter.pdf\"",
    );
    let report = load(p, None).unwrap_err();
    let in_file: Vec<String> = shown(&report)
        .into_iter()
        .filter(|l| l.starts_with(file))
        .collect();
    assert_eq!(
        in_file,
        [
            "drivers/carter-review.toml:4:8: link: `file:///c:/carter.pdf` uses the `file:` scheme (only http, https and mailto are allowed)",
            "drivers/carter-review.toml:6:13: published: `Spring 2016` is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)",
            "drivers/carter-review.toml:10:9: owner: `ZZ` is not a member",
        ]
    );
    // The dates compared with the unread publication date are not blamed for it.
    assert!(
        report
            .diagnostics
            .iter()
            .all(|d| !d.message.contains("before published"))
    );
}

#[test]
#[cfg(unix)]
fn a_dangling_symlink_record_is_reported_as_a_broken_link() {
    let dir = fixture_copy();
    let link = dir.path().join("drivers/gone.toml");
    std::os::unix::fs::symlink(dir.path().join("nowhere.toml"), &link).unwrap();
    let report = load(dir.path(), None).unwrap_err();
    let line = shown(&report)
        .into_iter()
        .find(|l| l.contains("gone.toml"))
        .unwrap();
    assert!(
        line.starts_with("drivers/gone.toml: is a broken link (to `")
            && line.ends_with("nowhere.toml`, which does not exist)"),
        "{line}"
    );
}

#[test]
fn a_hidden_toml_record_gets_a_warning() {
    let dir = fixture_copy();
    fs::copy(
        dir.path().join("drivers/carter-review.toml"),
        dir.path().join("drivers/.carter-copy.toml"),
    )
    .unwrap();
    let loaded = load(dir.path(), None).unwrap();
    assert_eq!(
        loaded
            .warnings
            .iter()
            .find(|w| w.file.contains("carter-copy"))
            .map(ToString::to_string)
            .as_deref(),
        Some(
            "warning: drivers/.carter-copy.toml: ignored (a hidden file)\n  hint: rename it \
             without the leading `.` to read it as a record, e.g. carter-copy.toml"
        )
    );
    assert_eq!(loaded.toolkit.drivers().len(), 5);
}

#[test]
#[cfg(unix)]
fn a_fifo_as_toolkit_toml_is_refused_without_blocking() {
    let dir = fixture_copy();
    let path = dir.path().join("toolkit.toml");
    fs::remove_file(&path).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(&path)
        .status()
        .unwrap();
    assert!(made.success());
    let report = load(dir.path(), None).unwrap_err();
    assert_eq!(
        errors(&report),
        ["toolkit.toml: is a FIFO (named pipe), not a regular file"]
    );
}

#[test]
#[cfg(unix)]
fn a_record_linked_to_a_device_is_refused() {
    let dir = fixture_copy();
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("drivers/zero.toml")).unwrap();
    let report = load(dir.path(), None).unwrap_err();
    assert!(
        shown(&report).contains(&"drivers/zero.toml: is a device, not a regular file".to_string()),
        "{report:?}"
    );
}

#[test]
#[cfg(target_os = "linux")]
fn a_file_whose_metadata_says_it_is_empty_is_read_only_to_the_limit() {
    // /proc/self/pagemap says it holds 0 bytes but gives 8 bytes for every page of the address
    // space: gigabytes, were it read to the end.
    let pagemap = Path::new("/proc/self/pagemap");
    assert_eq!(fs::metadata(pagemap).unwrap().len(), 0);
    // (It reads in whole 8-byte entries, so the limit plus one byte is a multiple of 8 here.)
    let err = maptoolkit_core::read_text_file(pagemap, 4095).unwrap_err();
    assert_eq!(err.to_string(), "is more than the 4095 bytes allowed");

    // As a record it is refused too, after at most the limit plus one byte: depending on how the
    // last read falls, as too large or as unreadable (a read of less than one entry).
    let dir = fixture_copy();
    std::os::unix::fs::symlink(pagemap, dir.path().join("drivers/pagemap.toml")).unwrap();
    let report = load(dir.path(), None).unwrap_err();
    let problem = report
        .errors()
        .find(|d| d.file == "drivers/pagemap.toml")
        .unwrap();
    assert!(
        [
            "is more than the 8388608 bytes allowed",
            "cannot be read (Invalid argument (os error 22))"
        ]
        .contains(&problem.message.as_str()),
        "{problem}"
    );
}

#[test]
fn slugs_that_export_would_fold_together_are_refused_naming_both_files() {
    let dir = fixture_copy();
    let p = dir.path();
    let meeting = fs::read_to_string(p.join("meetings/meeting-2017-02-08.toml")).unwrap();
    for slug in ["team--meeting", "team-meeting", "x-", "x"] {
        fs::write(p.join(format!("meetings/{slug}.toml")), &meeting).unwrap();
    }
    let report = load(p, None).unwrap_err();
    let errors: Vec<String> = report.errors().map(ToString::to_string).collect();
    assert_eq!(
        errors,
        [
            "meetings/team-meeting.toml: has the same output name `team-meeting` as meetings/team--meeting.toml\n  \
             hint: output names ignore case, repeated dashes and dashes at the end: rename one of the two files",
            "meetings/x.toml: has the same output name `x` as meetings/x-.toml\n  \
             hint: output names ignore case, repeated dashes and dashes at the end: rename one of the two files",
        ]
    );
}

#[test]
fn warnings_are_placed_at_their_value() {
    let dir = fixture_copy();
    let loaded = load(dir.path(), Some("2030-01-01".parse().unwrap())).unwrap();
    let overdue = loaded
        .warnings
        .iter()
        .find(|w| w.file == "drivers/carter-review.toml" && w.field == "review_due")
        .unwrap();
    let span = overdue.span.unwrap();
    assert_eq!((span.line, span.column), (8, 14));
    let text = loaded.source("drivers/carter-review.toml").unwrap();
    assert_eq!(&text[span.range()], "\"2027-06\"");
}
