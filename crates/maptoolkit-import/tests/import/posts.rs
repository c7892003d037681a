//! Splitting posts in sequence, meetings, and what the report says.

use maptoolkit_core::Meeting;
use maptoolkit_import::{Import, ImportError, ImportOptions, import, split_posts};

use crate::util::assert_warned;

fn titles(input: &str) -> Vec<String> {
    split_posts(input).into_iter().map(|p| p.title).collect()
}

#[track_caller]
fn check_titles(input: &str, expected: &[&str]) {
    assert_eq!(titles(input), expected, "{input}");
}

/// A complete driver post in the archive's second layout, ending with its key features.
fn driver(title: &str) -> String {
    format!(
        "{title}\n\n{title} is a new policy from HEE.\n\nImpact on library policy/practice: Plan for it.\n\n\
         Source: HEE\n\nPublication format: PDF\n\nDate of publication: January 2017\n\n\
         Summary of driver: It is short.\n\nPrimary audience: Everyone\n\nGroup member responsible: VT\n\n\
         Key features of driver:\n\n·\u{a0}\u{a0}\u{a0} First feature.\n\n·\u{a0}\u{a0}\u{a0} Second feature.\n\n"
    )
}

fn run(input: &str) -> Import {
    import(input, &ImportOptions::default())
}

#[test]
fn drivers_ending_in_bullets_followed_by_drivers_and_news() {
    let input = format!(
        "Category Archives: Drivers\n\n{}{}News of the Week\n\nWe met and talked.\n\nIt went well.\n",
        driver("Policy One"),
        driver("Policy Two")
    );
    check_titles(&input, &["Policy One", "Policy Two", "News of the Week"]);
    let imported = run(&input);
    assert!(imported.report.is_clean(), "{}", imported.report);
    assert_eq!(imported.source.drivers.len(), 2);
    assert_eq!(
        imported.source.drivers[1].record.summary,
        "Policy Two is a new policy from HEE.\n\nIt is short.\n"
    );
    assert_eq!(imported.source.drivers[1].record.key_features.len(), 2);
    assert_eq!(imported.report.skipped[0].title, "News of the Week");
}

#[test]
fn news_then_driver_with_introduction() {
    let input = format!(
        "Welcome to the new site!\n\nWe have moved.\n\nPicture.jpg\n\nSource: Unsplash\n\nTell us what you think.\n\n{}",
        driver("The Third Policy")
    );
    check_titles(&input, &["Welcome to the new site!", "The Third Policy"]);
}

#[test]
fn headers_anywhere_end_posts_and_title_of_driver_starts_one() {
    let input = format!(
        "{}Title of driver: Bare Driver\n\nSource: X\n\nSummary of driver: Y.\n\n\
         Category Archives: News\n\nNews item\n\nText.\n",
        driver("Policy One")
    );
    check_titles(&input, &["Policy One", "Bare Driver", "News item"]);
    let posts = split_posts(&input);
    assert!(posts[1].body.iter().all(|l| !l.text.contains("Archives")));
}

#[test]
fn windows_line_endings_and_tabs() {
    let input = driver("Policy One")
        .replace('\n', "\r\n")
        .replace("Source: ", "Source:\t");
    let imported = run(&input);
    assert!(imported.report.is_clean(), "{}", imported.report);
    assert_eq!(imported.source.drivers[0].record.source, "HEE");
}

fn meetings(input: &str) -> Vec<Meeting> {
    let imported = run(input);
    assert!(imported.report.errors.is_empty(), "{}", imported.report);
    imported
        .source
        .meetings
        .into_iter()
        .map(|e| e.record)
        .collect()
}

#[test]
fn meeting_times_and_years_from_neighbours() {
    let input = "Protected: MAP Meeting 4th May\u{a0} 10am-12pm\n\nThis content is password protected. To view it please enter your password below:\n\n\
                 Protected: Meeting 6th June 10:30-11:45am\n\nThis content is password protected.\n\n\
                 Meeting 22nd March\u{a0}2018 13:00–14:00\n\n1. AOB\n";
    let got: Vec<(String, Option<String>, Option<String>, bool)> = meetings(input)
        .into_iter()
        .map(|m| {
            (
                m.date.to_string(),
                m.start.map(|t| t.to_string()),
                m.end.map(|t| t.to_string()),
                m.protected,
            )
        })
        .collect();
    let s = |x: &str| Some(x.to_string());
    assert_eq!(
        got,
        [
            ("2018-05-04".to_string(), s("10:00"), s("12:00"), true),
            ("2018-06-06".to_string(), s("10:30"), s("11:45"), true),
            ("2018-03-22".to_string(), s("13:00"), s("14:00"), false),
        ]
    );
}

#[test]
fn meeting_agenda_forms() {
    let input = "Group Meeting 1st March 2017\n\nDial-in number: 0800 123 456\n\nPIN: 4321\n\n\
                 Agenda:\n\nApologies\n\nStanding item - Driver allocation\n\n• Carter Review\n\n* Five Year Forward View\n\n\
                 Meeting 2nd March 2017\n\nTeleconference instructions:\n\nCall from a quiet room\n\nUse a headset\n\n\
                 1) Welcome\n\n2.Standing Item:Usage statistics\n";
    let got = meetings(input);
    let tele = got[0].teleconference.clone().unwrap();
    assert_eq!(tele.dial_in.as_deref(), Some("0800 123 456"));
    assert_eq!(tele.access_code.as_deref(), Some("4321"));
    assert_eq!(tele.notes, None);
    let agenda: Vec<(&str, bool, usize)> = got[0]
        .agenda
        .iter()
        .map(|a| (a.title.as_str(), a.standing, a.items.len()))
        .collect();
    assert_eq!(
        agenda,
        [("Apologies", false, 0), ("Driver allocation", true, 2)]
    );
    assert_eq!(
        got[1].teleconference.clone().unwrap().notes.as_deref(),
        Some("Call from a quiet room\nUse a headset")
    );
    assert_eq!(got[1].agenda[1].title, "Usage statistics");
    assert!(got[1].agenda[1].standing);
}

#[test]
fn unknown_lines_are_reported_with_post_and_line() {
    let input = "Meeting 8th February 2017\n\nPlease send apologies\n\n1. AOB\n\n\
                 Lost Driver\n\nSource: HEE\n\nPublication format: PDF\n\nstill the format\n\nDate of publication: 2017\n\n\
                 Summary of driver: S.\n\nImpact on library policy/practice: I.\n\nKey features of driver: K.\n\n\
                 Primary audience: A\n\nDate last updated: sometime\n\nLink to main document: on the website\n\n\
                 Group member responsible: FG\n";
    let imported = run(input);
    let warnings: Vec<(usize, &str, &str)> = imported
        .report
        .warnings
        .iter()
        .map(|w| (w.line, w.post.as_str(), w.text.as_str()))
        .collect();
    assert_eq!(
        warnings,
        [
            (3, "Meeting 8th February 2017", "Please send apologies"),
            (13, "Lost Driver", "still the format"),
            (25, "Lost Driver", "sometime"),
            (27, "Lost Driver", "on the website"),
        ]
    );
    let shown = imported.report.warnings[0].to_string();
    assert!(
        shown.contains("line 3") && shown.contains("Meeting 8th February 2017"),
        "{shown}"
    );
    assert_eq!(imported.source.drivers.len(), 1);
    assert_eq!(imported.source.drivers[0].record.last_updated, None);
}

#[test]
fn posts_that_cannot_be_completed_become_drafts_never_errors() {
    let input = "Half a Driver\n\nSource: HEE\n\nSummary of driver: S.\n\nKey features of driver: K.\n\n\
                 Bad Date Driver\n\nSource: HEE\n\nPublication format: PDF\n\nDate of publication: soon\n\n\
                 Summary of driver: S.\n\nImpact on library policy/practice: I.\n\nKey features of driver: K.\n\n\
                 Primary audience: A\n\nGroup member responsible: FG\n\n\
                 Backwards Driver\n\nSource: HEE\n\nPublication format: PDF\n\nDate of publication: 2017\n\n\
                 Summary of driver: S.\n\nImpact on library policy/practice: I.\n\nKey features of driver: K.\n\n\
                 Primary audience: A\n\nDue for review: 2015\n\nGroup member responsible: FG\n\n\
                 Protected: Private plans\n\nThis content is password protected.\n";
    let imported = run(input);
    assert!(imported.report.errors.is_empty(), "{}", imported.report);
    let shown: Vec<String> = imported
        .report
        .imported
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        shown,
        [
            "line 1: imported `Half a Driver` as draft driver (no `Date of publication`; no \
             `Impact on library policy/practice`): drivers/half-a-driver.toml",
            "line 9: imported `Bad Date Driver` as draft driver (`Date of publication` is not a \
             date): drivers/bad-date-driver.toml",
            "line 27: imported `Backwards Driver` as driver: drivers/backwards-driver.toml",
        ]
    );
    let drivers: Vec<&maptoolkit_core::Driver> =
        imported.source.drivers.iter().map(|e| &e.record).collect();
    assert!(drivers[0].draft && drivers[1].draft && !drivers[2].draft);
    assert_eq!(drivers[0].published, None);
    assert_eq!(drivers[1].published, None);
    assert_eq!(drivers[2].review_due, None);
    let warnings = imported.report.to_string();
    assert!(
        warnings
            .contains("line 15: in `Bad Date Driver`: Date of publication: `soon` is not a date"),
        "{warnings}"
    );
    assert!(
        warnings.contains("Due for review: 2015 is before the date of publication 2017; left out"),
        "{warnings}"
    );
    assert_eq!(imported.report.skipped[0].title, "Protected: Private plans");
    let loaded = crate::util::loads(&imported);
    assert_warned(&loaded, "drivers/half-a-driver.toml:", "draft: is a draft");

    let lonely = run("Meeting 4th May\n\n1. AOB\n");
    assert!(
        matches!(
            &lonely.report.errors[..],
            [ImportError::MeetingDate { line: 1, .. }]
        ),
        "{}",
        lonely.report
    );
}

#[test]
fn members_from_initials_and_names() {
    let input = format!(
        "{}{}",
        driver("Policy One"),
        driver("Policy Two").replace("responsible: VT", "responsible: Victoria Treadway")
    );
    let imported = run(&input);
    let members = crate::util::members(&imported);
    assert_eq!(members, [("VT", "Victoria Treadway")]);
    assert!(imported.source.validate(None).is_ok());
}

#[test]
fn protected_meeting_saved_unlocked_keeps_its_agenda_and_papers() {
    let input = "Protected: Meeting 5th July 2017\n\n1. Standing Item: Usage Statistics\n\nPapers: Stats Q1\n\n\
                 ➢ Downloads\n";
    let got = meetings(input);
    assert!(got[0].protected);
    assert_eq!(got[0].agenda[0].title, "Usage Statistics");
    assert_eq!(got[0].agenda[0].papers, ["Stats Q1"]);
    assert_eq!(got[0].agenda[0].items, ["Downloads"]);
}

#[test]
fn archive_without_blank_lines_imports_the_same() {
    let archive = include_str!("../data/archive.txt");
    let dense: String = archive
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| format!("{l}\n"))
        .collect();
    let spaced = run(archive);
    let imported = run(&dense);
    assert!(imported.report.is_clean(), "{}", imported.report);
    assert_eq!(imported.source, spaced.source);
    let lines: Vec<usize> = imported.report.skipped.iter().map(|s| s.line).collect();
    let line_of = |start: &str| dense.lines().position(|l| l.starts_with(start)).unwrap() + 1;
    assert_eq!(lines, [line_of("What do STPs"), line_of("New year")]);
}
