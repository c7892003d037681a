//! A WordPress export of the site (`tests/data/site.xml`, written by hand): every item is
//! accounted for, and each imported record is checked field by field.

use maptoolkit_core::{Driver, Meeting, Point, Theme};
use maptoolkit_import::{Import, ImportOptions, WxrError, import_wxr};

use crate::util::{assert_warned, loads};

const SITE: &str = include_str!("../data/site.xml");

fn options() -> ImportOptions {
    let theme = |id: &str, name: &str| Theme {
        id: id.to_string(),
        name: name.to_string(),
        description: None,
    };
    ImportOptions {
        themes: vec![theme("workforce", "Workforce"), theme("digital", "Digital")],
        ..ImportOptions::default()
    }
}

fn site() -> Import {
    import_wxr(SITE, &options()).expect("the export reads")
}

fn driver<'a>(imported: &'a Import, slug: &str) -> &'a Driver {
    &imported
        .source
        .drivers
        .iter()
        .find(|e| e.slug == slug)
        .unwrap_or_else(|| panic!("no driver {slug}:\n{}", imported.report))
        .record
}

fn meeting<'a>(imported: &'a Import, slug: &str) -> &'a Meeting {
    &imported
        .source
        .meetings
        .iter()
        .find(|e| e.slug == slug)
        .unwrap_or_else(|| panic!("no meeting {slug}:\n{}", imported.report))
        .record
}

#[test]
fn every_item_is_in_the_report() {
    let imported = site();
    let shown: Vec<String> = imported
        .report
        .to_string()
        .lines()
        .filter(|l| !l.starts_with("warning"))
        .map(str::to_string)
        .collect();
    assert_eq!(
        shown,
        [
            "line 24: imported `Developing People – Improving Care` as driver: \
             drivers/developing-people-improving-care.toml",
            "line 69: imported `Next Steps on the NHS Five Year Forward View` as driver: \
             drivers/next-steps-on-the-nhs-five-year-forward-view.toml",
            "line 91: imported `Policy briefing: the Topol Review` as driver: \
             drivers/preparing-the-healthcare-workforce-to-deliver-the-digital-future.toml",
            "line 107: imported `Meeting 14th June 2017 2-3pm` as protected meeting: \
             meetings/meeting-2017-06-14.toml",
            "line 125: imported `Meeting 6th September 2017` as meeting: \
             meetings/meeting-2017-09-06.toml",
            "line 138: skipped `MAP Toolkit at the HLG conference`: news: not a driver summary, \
             MAP Story or meeting (fewer than two labels of a template)",
            "line 150: skipped `NHS Long Term Plan`: a WordPress draft (never published)",
            "line 161: skipped `Test post please ignore`: in WordPress's trash",
            "line 170: skipped `Driver template`: a template page (labels followed by \
             instructions in brackets)",
            "line 184: imported `Sustainability and Transformation Plans` as driver: \
             drivers/sustainability-and-transformation-plans.toml",
            "line 205: imported `Seven Day Services` as draft driver (no `Date of \
             publication`): drivers/seven-day-services.toml",
            "line 216: skipped `map-logo`: a WordPress attachment, not a post or page",
        ],
        "{}",
        imported.report
    );
    let warnings = loads(&imported);
    assert_warned(&warnings, "seven-day-services.toml", "draft: is a draft");
}

#[test]
fn long_template_from_html_lists_and_links() {
    let imported = site();
    let d = driver(&imported, "developing-people-improving-care");
    assert_eq!(
        d.title,
        "Developing People – Improving Care: A national framework for action on improvement and \
         leadership development in NHS-funded services"
    );
    // The post's title starts the document's, so it is not another name for it.
    assert!(d.alternative_titles.is_empty());
    assert_eq!(
        d.source,
        "National Improvement and Leadership Development Board"
    );
    assert_eq!(
        d.impact,
        [
            Point::new(
                "Library staff should take up the leadership training their organisations offer."
            ),
            Point::with_children(
                "Expect more requests for resources on:",
                vec![
                    Point::new("systems leadership"),
                    Point::new("talent management")
                ]
            ),
        ]
    );
    assert_eq!(
        d.link.as_deref(),
        Some("https://improvement.nhs.uk/resources/developing-people-improving-care/")
    );
    assert_eq!(d.publication_format.as_deref(), Some("PDF"));
    assert_eq!(d.published.unwrap().to_string(), "2016-12-01");
    assert_eq!(
        d.summary,
        "A framework from ten national bodies to guide the development of leadership and \
         improvement skills.\n"
    );
    assert_eq!(
        d.key_features,
        [
            Point::new("Five conditions for a culture of continuous improvement."),
            Point::new("Actions for national bodies over the next one to three years."),
        ]
    );
    assert_eq!(
        d.primary_audience.as_deref(),
        Some("Senior managers in NHS organisations")
    );
    assert_eq!(d.last_updated.unwrap().to_string(), "2017-02");
    assert_eq!(d.review_due.unwrap().to_string(), "2018-02");
    assert_eq!(d.owner.as_deref(), Some("FG"));
    // The category `Workforce` is a theme; the tag `leadership` is not a category.
    assert_eq!(d.themes, ["workforce"]);
    assert!(!d.draft);
}

#[test]
fn short_template_from_raw_wordpress_text() {
    let imported = site();
    let d = driver(&imported, "next-steps-on-the-nhs-five-year-forward-view");
    assert_eq!(d.title, "Next Steps on the NHS Five Year Forward View");
    assert_eq!(
        d.impact,
        [
            Point::new("Urgent care services will need quick evidence searches (p.12)."),
            Point::new("Primary care staff will need access to knowledge services (p.52)."),
        ]
    );
    assert_eq!(d.source, "NHS England");
    assert_eq!(
        d.link.as_deref(),
        Some("https://www.england.nhs.uk/five-year-forward-view/next-steps/")
    );
    assert_eq!(d.published.unwrap().to_string(), "2017-03-31");
    assert_eq!(
        d.summary,
        "The plan reviews progress since 2014.\n\nIt sets the priorities for the next two years.\n"
    );
    assert_eq!(d.publication_format, None);
    assert_eq!(d.primary_audience, None);
    assert_eq!(d.owner, None);
    assert!(d.key_features.is_empty());
    // `Service redesign` is not a theme of the toolkit.
    assert!(d.themes.is_empty());
}

#[test]
fn policy_briefing_with_a_season_for_a_date() {
    let imported = site();
    let d = driver(
        &imported,
        "preparing-the-healthcare-workforce-to-deliver-the-digital-future",
    );
    assert_eq!(
        d.title,
        "Preparing the healthcare workforce to deliver the digital future"
    );
    assert_eq!(d.alternative_titles, ["Policy briefing: the Topol Review"]);
    assert_eq!(
        d.impact,
        [
            Point::new(
                "Librarians can teach the digital literacy the review asks of every clinician."
            ),
            Point::new("Knowledge services should plan for AI tools in clinical decision support."),
        ]
    );
    assert_eq!(d.source, "Health Education England");
    assert_eq!(d.published.unwrap().to_string(), "2018-03");
    assert_eq!(d.themes, ["digital"]);
    assert!(
        imported.report.to_string().contains(
            "warning: line 93: in `Policy briefing: the Topol Review`: Date of publication: read \
             as 2018-03 (the start of what is written): `Spring 2018`"
        ),
        "{}",
        imported.report
    );
}

#[test]
fn unallocated_driver_with_a_date_in_prose() {
    let imported = site();
    let d = driver(&imported, "sustainability-and-transformation-plans");
    assert_eq!(d.published.unwrap().to_string(), "2016-10");
    assert_eq!(d.owner, None);
    assert_eq!(
        d.impact,
        [
            Point::new("Offer evidence summaries to the STP teams."),
            Point::new("Look for services that could be shared across the footprint."),
        ]
    );
    assert_eq!(d.summary, "Forty-four local plans for health and care.\n");
    assert_eq!(d.themes, ["workforce"]);
    let report = imported.report.to_string();
    assert!(
        report.contains("`All STPs were published in Oct/Nov 2016`"),
        "{report}"
    );
    assert!(
        report.contains("`Not allocated (content added by the MAP team)`"),
        "{report}"
    );
}

#[test]
fn incomplete_post_is_a_draft() {
    let imported = site();
    let d = driver(&imported, "seven-day-services");
    assert!(d.draft);
    assert_eq!(d.published, None);
    assert_eq!(d.source, "NHS England");
    assert_eq!(
        d.impact,
        [Point::new("Libraries may be asked to open at weekends.")]
    );
    assert_eq!(
        d.summary,
        "Four clinical standards for hospital care seven days a week.\n"
    );
}

#[test]
fn password_protected_meeting_is_imported_protected() {
    let imported = site();
    let m = meeting(&imported, "meeting-2017-06-14");
    assert!(m.protected);
    assert_eq!(m.title, "Meeting 14th June 2017 2-3pm");
    assert_eq!(m.date.to_string(), "2017-06-14");
    assert_eq!(m.start.unwrap().to_string(), "14:00");
    assert_eq!(m.end.unwrap().to_string(), "15:00");
    let tele = m.teleconference.as_ref().unwrap();
    assert_eq!(tele.dial_in.as_deref(), Some("+44-203-478-5289"));
    assert_eq!(tele.access_code.as_deref(), Some("237 585 892"));
    let agenda: Vec<(&str, bool)> = m
        .agenda
        .iter()
        .map(|a| (a.title.as_str(), a.standing))
        .collect();
    assert_eq!(
        agenda,
        [
            ("Notes of the last meeting", false),
            ("Driver Allocation", true),
            ("Usage Statistics", true),
            ("AOB", false)
        ]
    );
    let public = meeting(&imported, "meeting-2017-09-06");
    assert!(!public.protected);
    assert_eq!(public.agenda.len(), 3);
    // Protection holds downstream: the public view has no trace of the protected meeting.
    let toolkit = imported.source.clone().validate(None).unwrap().toolkit;
    let redacted = toolkit.redacted();
    assert!(!redacted.meetings().contains_key("meeting-2017-06-14"));
}

#[test]
fn a_meeting_title_without_a_year_takes_the_year_it_was_posted() {
    // Its neighbours are from 2017; the item was posted in 2019.
    let xml = SITE
        .replace(
            "<title>Meeting 6th September 2017</title>",
            "<title>MAP Meeting 6th September 10-11am</title>",
        )
        .replace("2017-09-01 08:00:00", "2019-09-01 08:00:00");
    let imported = import_wxr(&xml, &options()).unwrap();
    let m = meeting(&imported, "meeting-2019-09-06");
    assert_eq!(m.title, "MAP Meeting 6th September 10-11am");
    assert_eq!(m.start.unwrap().to_string(), "10:00");
}

#[test]
fn broken_xml_is_refused_with_its_line() {
    let broken = SITE.replacen("</title>", "</titel>", 1);
    let err = import_wxr(&broken, &options()).unwrap_err();
    let WxrError::Xml { line, .. } = &err else {
        panic!("{err}");
    };
    assert_eq!(*line, 12, "{err}");
    assert!(
        err.to_string().starts_with(
            "line 12, column 20: not well-formed XML: ill-formed document: expected `</title>`"
        ),
        "{err}"
    );
    assert_eq!(
        import_wxr("<html><body>hi</body></html>", &options()).unwrap_err(),
        WxrError::NotWxr
    );
}

#[test]
fn an_oversized_record_is_refused_naming_its_post() {
    let big = "<li>A very long point about library services.</li>".repeat(200_000);
    let xml = SITE.replacen(
        "<li>Five conditions for a culture",
        &format!("{big}<li>Five conditions for a culture"),
        1,
    );
    let imported = import_wxr(&xml, &options()).unwrap();
    assert!(
        imported
            .source
            .drivers
            .iter()
            .all(|e| e.slug != "developing-people-improving-care")
    );
    let report = imported.report.to_string();
    assert!(
        report.contains(
            "error: line 24: `Developing People – Improving Care` would make a record of"
        ) && report.contains("over the 8388608-byte limit of a record file; not imported"),
        "{}",
        &report[..report.len().min(2000)]
    );
    loads(&imported);
}
