//! The three templates the MAP Toolkit site used, and the ways real posts vary from them, checked
//! field by field.

use maptoolkit_core::{Driver, Point};
use maptoolkit_import::ImportedAs;

use crate::util::{assert_warned, loads, run};

/// The one driver an input gives, with the importer's report shown on failure.
#[track_caller]
fn one_driver(input: &str) -> (Driver, maptoolkit_import::Import) {
    let imported = run(input);
    assert_eq!(
        imported.source.drivers.len(),
        1,
        "{input}\n---\n{}",
        imported.report
    );
    loads(&imported);
    (imported.source.drivers[0].record.clone(), imported)
}

fn texts(points: &[Point]) -> Vec<&str> {
    points.iter().map(|p| p.text.as_str()).collect()
}

/// The 2013–2016 template, every label, plus `Alternative Titles:` and case studies.
const LONG_2016: &str = "Carter Review: Operational productivity in English NHS acute hospitals

Title of driver: Operational productivity and performance in English NHS acute hospitals: Unwarranted variations

Alternative Titles: The Carter Review; Lord Carter's report

Source: Department of Health

Impact on library policy/practice:

• Libraries may be asked to show their value for money against peer services.
• Shared services and procurement across trusts are likely to grow.

Link to main document: https://www.gov.uk/government/publications/productivity-in-nhs-hospitals

Publication format: PDF

Date of publication: 5 February 2016

Summary of driver: Lord Carter looked at productivity in 22 acute trusts.

He found unwarranted variation in costs and practice.

Key features of driver:

• A model hospital dashboard for comparing trusts.
• Savings of £5bn a year by 2020.

Primary audience: Trust boards and finance directors

Date last updated: March 2016

Due for review: March 2017

Group member responsible: TP

Case studies / Local service profile examples mapping to this driver:

Shared e-resources procurement in the North West
";

#[test]
fn template_2013_2016_every_label() {
    let (d, imported) = one_driver(LONG_2016);
    assert_eq!(
        d.title,
        "Operational productivity and performance in English NHS acute hospitals: Unwarranted variations"
    );
    assert_eq!(
        d.alternative_titles,
        [
            "Carter Review: Operational productivity in English NHS acute hospitals",
            "The Carter Review",
            "Lord Carter's report"
        ]
    );
    assert_eq!(d.source, "Department of Health");
    assert_eq!(
        texts(&d.impact),
        [
            "Libraries may be asked to show their value for money against peer services.",
            "Shared services and procurement across trusts are likely to grow."
        ]
    );
    assert_eq!(
        d.link.as_deref(),
        Some("https://www.gov.uk/government/publications/productivity-in-nhs-hospitals")
    );
    assert_eq!(d.publication_format.as_deref(), Some("PDF"));
    assert_eq!(d.published.unwrap().to_string(), "2016-02-05");
    assert_eq!(
        d.summary,
        "Lord Carter looked at productivity in 22 acute trusts.\n\n\
         He found unwarranted variation in costs and practice.\n\n\
         Case studies / Local service profile examples mapping to this driver: Shared \
         e-resources procurement in the North West\n"
    );
    assert_eq!(
        texts(&d.key_features),
        [
            "A model hospital dashboard for comparing trusts.",
            "Savings of £5bn a year by 2020."
        ]
    );
    assert_eq!(
        d.primary_audience.as_deref(),
        Some("Trust boards and finance directors")
    );
    assert_eq!(d.last_updated.unwrap().to_string(), "2016-03");
    assert_eq!(d.review_due.unwrap().to_string(), "2017-03");
    assert_eq!(d.owner.as_deref(), Some("TP"));
    assert!(!d.draft);
    assert_eq!(imported.report.imported[0].kind, ImportedAs::Driver);
    assert_eq!(imported.source.info.members[0].initials, "TP");
}

/// The 2017 template: title, what it means for libraries (numbered, with page references),
/// source, link without a colon, date, summary; nothing else.
const SHORT_2017: &str = "Next Steps on the NHS Five Year Forward View

What does this mean for libraries?

1. Libraries can support the new urgent care services with evidence searches (p.12).
2. Primary care staff will need access to knowledge services (p.52).
3. Sustainability and transformation partnerships will want evidence for their plans.

Source: NHS England

Link to main document https://www.england.nhs.uk/five-year-forward-view/next-steps/

Date of publication: 31 March 2017

Summary of driver: The plan reviews progress since the Forward View was published in 2014.
It sets out the priorities for the next two years.
";

#[test]
fn template_2017_short() {
    let (d, imported) = one_driver(SHORT_2017);
    assert!(imported.report.is_clean(), "{}", imported.report);
    assert_eq!(d.title, "Next Steps on the NHS Five Year Forward View");
    assert!(d.alternative_titles.is_empty());
    assert_eq!(
        texts(&d.impact),
        [
            "Libraries can support the new urgent care services with evidence searches (p.12).",
            "Primary care staff will need access to knowledge services (p.52).",
            "Sustainability and transformation partnerships will want evidence for their plans."
        ]
    );
    assert_eq!(d.source, "NHS England");
    assert_eq!(
        d.link.as_deref(),
        Some("https://www.england.nhs.uk/five-year-forward-view/next-steps/")
    );
    assert_eq!(d.published.unwrap().to_string(), "2017-03-31");
    // Paragraphs separated by a single newline stay apart.
    assert_eq!(
        d.summary,
        "The plan reviews progress since the Forward View was published in 2014.\n\n\
         It sets out the priorities for the next two years.\n"
    );
    assert_eq!(d.publication_format, None);
    assert_eq!(d.primary_audience, None);
    assert_eq!(d.owner, None);
    assert!(d.key_features.is_empty());
    assert!(!d.draft);
    let warnings = loads(&imported);
    for field in [
        "publication_format",
        "primary_audience",
        "key_features",
        "owner",
    ] {
        assert!(
            warnings.iter().any(|w| w.contains(&format!(": {field}: "))),
            "{field}: {warnings:?}"
        );
    }
}

/// A policy briefing: the post's title is not the document's, the impact comes first.
const BRIEFING_2018: &str = "Policy briefing: the workforce strategy

Impact on library and knowledge services:
Library staff should offer evidence support to workforce planners.
Libraries can host e-learning for new roles.

Title: Facing the Facts, Shaping the Future: a draft health and care workforce strategy for England to 2027

Source: Health Education England

Date of publication: December 2017

Summary of driver: A draft strategy for consultation on the workforce needed by 2027.
";

#[test]
fn template_policy_briefing() {
    let (d, imported) = one_driver(BRIEFING_2018);
    assert!(imported.report.is_clean(), "{}", imported.report);
    assert_eq!(
        d.title,
        "Facing the Facts, Shaping the Future: a draft health and care workforce strategy for England to 2027"
    );
    assert_eq!(
        d.alternative_titles,
        ["Policy briefing: the workforce strategy"]
    );
    assert_eq!(
        texts(&d.impact),
        [
            "Library staff should offer evidence support to workforce planners.",
            "Libraries can host e-learning for new roles."
        ]
    );
    assert_eq!(d.source, "Health Education England");
    assert_eq!(d.published.unwrap().to_string(), "2017-12");
    assert_eq!(
        d.summary,
        "A draft strategy for consultation on the workforce needed by 2027.\n"
    );
    assert_eq!(d.link, None);
}

/// A driver with the given date of publication, and what it was read as.
#[track_caller]
fn published(date: &str) -> (String, String) {
    let input = format!(
        "A Plan\n\nSource: HEE\n\nImpact on library policy/practice: Plan.\n\n\
         Date of publication: {date}\n\nSummary of driver: It plans.\n"
    );
    let (d, imported) = one_driver(&input);
    (
        d.published.map(|p| p.to_string()).unwrap_or_default(),
        imported.report.to_string(),
    )
}

#[test]
fn dates_as_ranges_and_prose_keep_the_start_and_report_the_text() {
    for (written, read) in [
        ("October – November 2016", "2016-10"),
        ("1–3 March 2016", "2016-03-01"),
        ("Oct/Nov 2016", "2016-10"),
        ("All STPs were published in Oct/Nov 2016", "2016-10"),
        ("Spring 2018", "2018-03"),
        ("Q2 2018", "2018-04"),
        ("2018/19", "2018"),
    ] {
        let (got, report) = published(written);
        assert_eq!(got, read, "{written}");
        assert!(
            report.contains(&format!(
                "line 7: in `A Plan`: Date of publication: read as {read} (the start of what \
                 is written): `{written}`"
            )),
            "{written}: {report}"
        );
    }
    let (got, report) = published("1 December 2016");
    assert_eq!(got, "2016-12-01");
    assert!(!report.contains("warning"), "{report}");
}

#[test]
fn labels_without_colons() {
    let (d, imported) = one_driver(
        "Seven Day Services\n\nSource HEE\n\nImpact on library policy/practice\n\n\
         Libraries may need to open at weekends.\n\n\
         Link to main document https://www.england.nhs.uk/seven-day-hospital-services/\n\n\
         Date of publication 1 December 2016\n\nSummary of driver\n\nServices seven days a week.\n\n\
         Key features of driver\n\n- Four clinical standards.\n\nPrimary audience Trust boards\n\n\
         Group member responsible VT\n",
    );
    assert!(imported.report.is_clean(), "{}", imported.report);
    assert_eq!(d.source, "HEE");
    assert_eq!(
        texts(&d.impact),
        ["Libraries may need to open at weekends."]
    );
    assert_eq!(
        d.link.as_deref(),
        Some("https://www.england.nhs.uk/seven-day-hospital-services/")
    );
    assert_eq!(d.published.unwrap().to_string(), "2016-12-01");
    assert_eq!(d.summary, "Services seven days a week.\n");
    assert_eq!(texts(&d.key_features), ["Four clinical standards."]);
    assert_eq!(d.primary_audience.as_deref(), Some("Trust boards"));
    assert_eq!(d.owner.as_deref(), Some("VT"));
}

#[test]
fn an_owner_that_is_not_a_person_is_left_unallocated() {
    let (d, imported) = one_driver(&LONG_2016.replace(
        "Group member responsible: TP",
        "Group member responsible: Not allocated (content added by the MAP team)",
    ));
    assert_eq!(d.owner, None);
    assert!(imported.source.info.members.is_empty());
    let report = imported.report.to_string();
    assert!(
        report.contains("line 35: in `Carter Review: Operational productivity in English NHS acute hospitals`: `Group member responsible` names no person; left unallocated"),
        "{report}"
    );
    assert!(
        report.contains("`Not allocated (content added by the MAP team)`"),
        "{report}"
    );
}

#[test]
fn an_unknown_label_is_reported_and_kept_in_the_nearest_field() {
    let (d, imported) = one_driver(
        "A Plan\n\nSource: HEE\n\nImpact on library policy/practice:\n\n- Plan ahead.\n\n\
         Related drivers: Five Year Forward View\n\nDate of publication: 2017\n\n\
         Summary of driver: It plans.\n",
    );
    assert_eq!(
        texts(&d.impact),
        ["Plan ahead.", "Related drivers: Five Year Forward View"]
    );
    let report = imported.report.to_string();
    assert!(
        report.contains(
            "warning: line 9: in `A Plan`: `Related drivers` is not a label of the driver \
             template; kept as text in `Impact on library policy/practice`: `Related drivers: \
             Five Year Forward View`"
        ),
        "{report}"
    );
}

#[test]
fn dash_and_numbered_bullets_and_single_newline_paragraphs() {
    let (d, _) = one_driver(
        "A Plan\n\nSource: HEE\n\nImpact on library policy/practice:\n\
         Libraries should plan.\nThey should also share:\n- plans\n- budgets\n\n\
         Key features of driver:\n1. First.\n2. Second:\n    - detail\n3. Third.\n\n\
         Date of publication: 2017\n\nSummary of driver: It plans.\n",
    );
    assert_eq!(
        d.impact,
        [
            Point::new("Libraries should plan."),
            Point::with_children(
                "They should also share:",
                vec![Point::new("plans"), Point::new("budgets")]
            ),
        ]
    );
    assert_eq!(
        d.key_features,
        [
            Point::new("First."),
            Point::with_children("Second:", vec![Point::new("detail")]),
            Point::new("Third."),
        ]
    );
}

#[test]
fn fields_with_no_blank_lines() {
    let dense = LONG_2016
        .lines()
        .filter(|l| !l.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    let (d, imported) = one_driver(&dense);
    let (expected, _) = one_driver(LONG_2016);
    assert_eq!(d, expected, "{}", imported.report);
}

#[test]
fn incomplete_posts_become_drafts_and_never_hide_the_next_posts() {
    let input = format!(
        "Category Archives: Drivers\n\n\
         The Topol Review\n\nWhat does this mean for libraries?\n\n\
         Librarians will teach digital literacy.\n\n\
         {SHORT_2017}\n\
         Long Term Plan: first thoughts\n\nSource: NHS England\n\nImpact on library policy/practice:\n\n\
         • To follow.\n\n\
         Library week is coming\n\nTell us what you are planning for library week this year.\n\n\
         {LONG_2016}"
    );
    let imported = run(&input);
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
            "line 3: imported `The Topol Review` as draft driver (no `Source`; no `Date of \
             publication`; no `Summary of driver`): drivers/the-topol-review.toml",
            "line 9: imported `Next Steps on the NHS Five Year Forward View` as driver: \
             drivers/next-steps-on-the-nhs-five-year-forward-view.toml",
            "line 26: imported `Long Term Plan: first thoughts` as draft driver (no `Date of \
             publication`; no `Summary of driver`): drivers/long-term-plan.toml",
            "line 34: skipped `Library week is coming`: news: not a driver summary, MAP Story or \
             meeting (fewer than two labels of a template)",
            "line 38: imported `Carter Review: Operational productivity in English NHS acute \
             hospitals` as driver: drivers/operational-productivity-and-performance-in-english-nhs-acute-hospitals.toml",
        ],
        "{}",
        imported.report
    );
    let topol = &imported.source.drivers[0].record;
    assert!(topol.draft);
    assert_eq!(
        texts(&topol.impact),
        ["Librarians will teach digital literacy."]
    );
    let warnings = loads(&imported);
    assert_warned(&warnings, "the-topol-review.toml", "source: is missing");
}

#[test]
fn the_driver_template_page_is_skipped() {
    let imported = run(
        "Driver template\n\nTitle of driver: [the document's full title]\n\n\
         Source: [the organisation that published it]\n\n\
         Impact on library policy/practice: [what it means for library services]\n\n\
         Link to main document: [a link to the document]\n\n\
         Date of publication: [day month year]\n",
    );
    assert!(imported.source.drivers.is_empty(), "{}", imported.report);
    assert_eq!(
        imported.report.to_string(),
        "line 1: skipped `Driver template`: a template page (labels followed by \
         instructions in brackets)\n"
    );
}
