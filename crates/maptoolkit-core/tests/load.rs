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
    assert_eq!(t.meetings().len(), 3);
    assert_eq!(t.meetings().values().filter(|m| m.protected).count(), 2);
    let initials: Vec<&str> = t
        .info()
        .members
        .iter()
        .map(|m| m.initials.as_str())
        .collect();
    assert_eq!(initials, ["TP", "VT", "FG"]);
    assert_eq!(t.info().themes.len(), 4);
    // Only the archive's missing links are worth a warning on that date.
    assert_eq!(
        lines(&loaded.warnings),
        [
            "warning: drivers/developing-people-improving-care.toml: link: no link to the main document",
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
    assert_eq!(d.publication_format, "PDF");
    assert_eq!(d.published.to_uk_string(), "1 December 2016");
    assert_eq!(d.last_updated.unwrap().to_uk_string(), "February 2017");
    assert_eq!(d.review_due.unwrap().to_uk_string(), "February 2018");
    assert!(
        d.primary_audience
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
    assert_eq!(d.published.to_uk_string(), "January 2017");
    assert_eq!(d.last_updated.unwrap().to_uk_string(), "January 2017");
    assert_eq!(d.review_due.unwrap().to_uk_string(), "11 January 2018");
    assert_eq!(
        d.primary_audience,
        "All NHS England organisations, particularly Executives and senior managers"
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
            "drivers/carter-review.toml: invalid TOML at line 1, column 16 (invalid basic string, expected `\"`)",
            "drivers/five-year-forward-view.toml: is not valid UTF-8 (line 1, column 15)",
            "drivers/knowledge-for-healthcare.toml: ownr: unknown field",
            "stories/knowledge-brokers-on-the-wards.toml: date: wrong type: integer `2017`, expected a string",
            "warning: drivers/developing-people-improving-care.toml: link: no link to the main document",
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
        first.message.contains("more than the 8388608 allowed"),
        "{first}"
    );
}
