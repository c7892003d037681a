//! Importing the archive gives exactly the fixtures' drivers and meetings, and a folder that loads.

use std::path::Path;

use maptoolkit_import::{
    ImportOptions, PostKind, WriteError, classify, import, split_posts, write_toolkit,
};

const ARCHIVE: &str = include_str!("../data/archive.txt");

fn fixtures() -> maptoolkit_core::Toolkit {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
    maptoolkit_core::load(&dir, None)
        .expect("fixtures load")
        .toolkit
}

#[test]
fn archive_drivers_equal_the_fixtures() {
    let imported = import(ARCHIVE, &ImportOptions::default());
    let fixtures = fixtures();
    let slugs: Vec<&str> = imported
        .source
        .drivers
        .iter()
        .map(|e| e.slug.as_str())
        .collect();
    assert_eq!(
        slugs,
        [
            "developing-people-improving-care",
            "nhs-library-and-knowledge-services-in-england"
        ]
    );
    for entry in &imported.source.drivers {
        let expected = &fixtures.drivers()[&entry.slug];
        assert_eq!(&entry.record, expected, "driver {}", entry.slug);
    }
}

#[test]
fn archive_meetings_equal_the_fixtures() {
    let imported = import(ARCHIVE, &ImportOptions::default());
    let fixtures = fixtures();
    let slugs: Vec<&str> = imported
        .source
        .meetings
        .iter()
        .map(|e| e.slug.as_str())
        .collect();
    assert_eq!(
        slugs,
        [
            "meeting-2017-05-04",
            "meeting-2017-03-22",
            "meeting-2017-02-08"
        ]
    );
    assert_eq!(
        imported
            .source
            .meetings
            .iter()
            .filter(|e| e.record.protected)
            .count(),
        2
    );
    for entry in &imported.source.meetings {
        let expected = &fixtures.meetings()[&entry.slug];
        assert_eq!(&entry.record, expected, "meeting {}", entry.slug);
    }
}

#[test]
fn archive_report_names_skipped_news_and_nothing_else() {
    let imported = import(ARCHIVE, &ImportOptions::default());
    let skipped: Vec<&str> = imported
        .report
        .skipped
        .iter()
        .map(|s| s.title.as_str())
        .collect();
    assert_eq!(
        skipped,
        [
            "What do STPs mean for NHS/health libraries?",
            "New year, new MAP!"
        ]
    );
    assert!(imported.report.is_clean(), "{}", imported.report);
    let members = crate::util::members(&imported);
    assert_eq!(members, [("FG", "FG"), ("VT", "VT")]);
}

#[test]
fn archive_posts_are_classified() {
    let kinds: Vec<PostKind> = split_posts(ARCHIVE).iter().map(classify).collect();
    assert_eq!(
        kinds,
        [
            PostKind::ProtectedMeeting,
            PostKind::News,
            PostKind::ProtectedMeeting,
            PostKind::Driver,
            PostKind::Meeting,
            PostKind::Driver,
            PostKind::News,
        ]
    );
}

#[test]
fn imported_folder_loads_and_is_not_overwritten() {
    let options = ImportOptions {
        name: "North West MAP Toolkit".to_string(),
        organisation: "NW library managers".to_string(),
        ..ImportOptions::default()
    };
    let imported = import(ARCHIVE, &options);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("toolkit");
    let written = write_toolkit(&out, &imported.source, false).unwrap();
    assert_eq!(written.len(), 6);
    let loaded = maptoolkit_core::load(&out, None).expect("the imported folder validates");
    assert_eq!(loaded.toolkit.info().name, "North West MAP Toolkit");
    assert_eq!(
        loaded.toolkit.clone().into_source().drivers,
        imported.source.drivers
    );

    let err = write_toolkit(&out, &imported.source, false).unwrap_err();
    let WriteError::Exists { files } = &err else {
        panic!("expected Exists, got {err}");
    };
    assert_eq!(files.len(), 6);
    assert!(err.to_string().contains("toolkit.toml"), "{err}");
    assert!(write_toolkit(&out, &imported.source, true).is_ok());
    let leftovers: Vec<_> = std::fs::read_dir(out.join("drivers"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
