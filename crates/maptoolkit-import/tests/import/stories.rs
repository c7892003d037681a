//! MAP Stories (the site's case studies): the story template's fields, in the wordings of the
//! period, become story records; a protected story stays members only; an incomplete one is
//! named and skipped. `tests/data/stories.txt` holds story posts written for these tests in the
//! saved-text shape, after a draft driver and among other posts.

use maptoolkit_core::{MapStory, Point};
use maptoolkit_import::ImportedAs;

use crate::util::{loads, run};

fn texts(points: &[Point]) -> Vec<&str> {
    points.iter().map(|p| p.text.as_str()).collect()
}

/// Two drivers the first story names, then the stories.
fn input() -> String {
    format!(
        "Five Year Forward View\n\nSource: NHS England\n\nDate of publication: October 2014\n\n\
         Summary of driver: How the NHS needs to change.\n\n\
         Impact on library policy/practice: Evidence for new models of care.\n\n{}",
        include_str!("../data/stories.txt")
    )
}

fn story<'a>(imported: &'a maptoolkit_import::Import, slug: &str) -> &'a MapStory {
    &imported
        .source
        .stories
        .iter()
        .find(|e| e.slug == slug)
        .unwrap_or_else(|| panic!("no story {slug}:\n{}", imported.report))
        .record
}

#[test]
fn story_posts_become_stories_field_by_field() {
    let imported = run(&input());
    loads(&imported);
    let s = story(&imported, "evidence-for-the-ward");
    assert_eq!(
        s.title,
        "Evidence for the ward: a clinical librarian on the stroke unit"
    );
    assert_eq!(
        s.service,
        "Wirral University Teaching Hospital NHS Foundation Trust Library and Knowledge Service"
    );
    assert_eq!(s.date.to_string(), "2017-03");
    assert_eq!(
        s.team.as_deref(),
        Some("Clinical librarian (Band 6); Stroke unit matron; Library services manager")
    );
    assert_eq!(
        s.resources.as_deref(),
        Some("1.5 days a week of a clinical librarian for six months; a laptop on the ward")
    );
    assert_eq!(s.timeframe.as_deref(), Some("October 2016 to March 2017"));
    assert_eq!(
        s.story,
        "The stroke unit asked for help keeping its care pathway up to date with the evidence. A \
         clinical librarian joined the unit's weekly multidisciplinary meeting and took questions \
         away to search.\n\nAnswers came back as one-page summaries within two days.\n"
    );
    assert_eq!(
        texts(&s.impact),
        [
            "Twelve new users registered in six months.",
            "The library's profile on the ward rose: two more units asked for the same service.",
            "The pathway was revised with three changes supported by the evidence.",
            "Staff saved an estimated 40 hours of searching.",
        ]
    );
    assert_eq!(
        s.next_steps.as_deref(),
        Some("Extend the service to the elderly care wards in 2017–18.")
    );
    let quote = s.quote.as_ref().expect("a quote");
    assert_eq!(quote.text, "The summaries changed how we run the meeting.");
    assert_eq!(quote.by, "Stroke unit matron");
    assert_eq!(s.drivers, ["five-year-forward-view", "nowhere-to-hide"]);
    assert!(!s.protected);
    assert!(
        imported
            .report
            .warnings
            .iter()
            .any(|w| w.text == "The Lost Report" && w.message.contains("names no imported driver")),
        "{}",
        imported.report
    );
}

/// Other wordings of the period: `Organisation`, `Date of story`, `Team`, `Resources used`,
/// `Time frame`, `The story:`, `Impact on the organisation`, `What next`, and an introduction
/// before the first label.
#[test]
fn other_wordings_of_the_story_template() {
    let imported = run(&input());
    let s = story(
        &imported,
        "knowledge-cafes-for-the-new-integrated-care-partnership",
    );
    assert_eq!(
        s.service,
        "Northern Lincolnshire and Goole NHS Foundation Trust Library Service"
    );
    assert_eq!(s.date.to_string(), "2018-06-14");
    assert_eq!(
        s.team.as_deref(),
        Some("Knowledge manager and two library assistants")
    );
    assert_eq!(s.timeframe.as_deref(), Some("Three cafés over six months"));
    assert!(
        s.story
            .starts_with("We wanted managers from the three trusts to meet and share what they knew.\n\nThree knowledge cafés"),
        "{}",
        s.story
    );
    assert!(
        s.story
            .ends_with("\n\nKeywords: knowledge management, knowledge café, integrated care\n"),
        "{}",
        s.story
    );
    assert_eq!(
        texts(&s.impact),
        [
            "Two joint projects started between the trusts.",
            "Managers asked for a café on digital records."
        ]
    );
    assert_eq!(
        s.next_steps.as_deref(),
        Some("A café every quarter, run with the public library service.")
    );
}

#[test]
fn private_stories_are_protected_and_incomplete_ones_are_named() {
    let imported = run(&input());
    loads(&imported);
    let s = story(&imported, "health-literacy-sessions-for-the-patient-panel");
    assert!(s.protected);
    assert_eq!(s.title, "Health literacy sessions for the patient panel");
    // A plain `Impact:` label, in a story, is the story's impact.
    assert_eq!(
        texts(&s.impact),
        ["The panel asked the library to review every new patient leaflet."]
    );
    let kinds: Vec<(&str, &ImportedAs)> = imported
        .report
        .imported
        .iter()
        .map(|i| (i.title.as_str(), &i.kind))
        .collect();
    assert!(
        kinds.contains(&(
            "Private: Health literacy sessions for the patient panel",
            &ImportedAs::ProtectedStory
        )),
        "{}",
        imported.report
    );
    let skipped: Vec<(&str, &str)> = imported
        .report
        .skipped
        .iter()
        .map(|s| (s.title.as_str(), s.reason.as_str()))
        .collect();
    assert_eq!(
        skipped,
        [
            (
                "MAP Story template",
                "a template page (labels followed by instructions in brackets)"
            ),
            (
                "A story still being written",
                "a MAP Story without `Library service`, `Date`, `Impact for the library`: a \
                 story has no drafts, so it is not imported"
            ),
            (
                "Library week is coming",
                "news: not a driver summary, MAP Story or meeting (fewer than two labels of a template)"
            ),
        ],
        "{}",
        imported.report
    );
    assert_eq!(imported.source.stories.len(), 3);
    // The draft driver before the first story ends where the story starts.
    assert_eq!(imported.source.drivers.len(), 2);
    let nowhere = &imported.source.drivers[1].record;
    assert_eq!(nowhere.title, "Nowhere To Hide");
    assert!(nowhere.draft);
    assert_eq!(texts(&nowhere.impact), ["Evidence for safety reviews."]);
}

/// An item of a WordPress export, its content stored as the classic editor stores it: no `<p>`,
/// fields on single newlines, labels in `<strong>`.
fn item(title: &str, date: &str, status: &str, password: &str, content: &str) -> String {
    format!(
        "<item><title>{title}</title><wp:post_date>{date}</wp:post_date>\
         <content:encoded><![CDATA[{content}]]></content:encoded>\
         <wp:status>{status}</wp:status><wp:post_type>post</wp:post_type>\
         <wp:post_password>{password}</wp:post_password>\
         <category domain=\"category\" nicename=\"map-stories\"><![CDATA[MAP Stories]]></category>\
         </item>"
    )
}

fn export(items: &[String]) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" \
         xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" \
         xmlns:wp=\"http://wordpress.org/export/1.2/\"><channel>{}</channel></rss>\n",
        items.concat()
    )
}

const CLASSIC: &str = "<strong>Library service:</strong> Royal Cornwall Hospitals NHS Trust Library\n\
<strong>Project team:</strong> Outreach librarian; Head of nursing education\n\
<strong>Resources required:</strong>\n\
<strong>Timeframe:</strong> Six weeks\n\
<h3>“The story”</h3>\n\
Newly qualified nurses were given a library induction on their first day.\n\n\
Each was shown how to search for evidence on the ward.\n\
<strong>Impact for the library:</strong>\n\
<ul>\n<li>Forty new members.</li>\n<li>Requests for literature searches doubled.</li>\n</ul>\n\
<strong>Next steps:</strong> Repeat the induction for each intake.";

#[test]
fn stories_in_an_export_classic_storage_and_protection() {
    let xml = export(&[
        item(
            "Library induction for newly qualified nurses",
            "2017-09-20 10:15:00",
            "publish",
            "",
            CLASSIC,
        ),
        item(
            "A members-only story",
            "2018-01-10 09:00:00",
            "publish",
            "secret",
            &CLASSIC.replace("Six weeks", "Ten weeks"),
        ),
        item(
            "A story in draft",
            "2018-02-10 09:00:00",
            "draft",
            "",
            CLASSIC,
        ),
    ]);
    let imported =
        maptoolkit_import::import_wxr(&xml, &maptoolkit_import::ImportOptions::default())
            .expect("the export reads");
    loads(&imported);
    let s = story(&imported, "library-induction-for-newly-qualified-nurses");
    assert_eq!(s.service, "Royal Cornwall Hospitals NHS Trust Library");
    assert_eq!(
        s.team.as_deref(),
        Some("Outreach librarian; Head of nursing education")
    );
    // An empty label stays empty: it never takes the next label's line.
    assert_eq!(s.resources, None);
    assert_eq!(s.timeframe.as_deref(), Some("Six weeks"));
    // No date in the post: the day it was posted.
    assert_eq!(s.date.to_string(), "2017-09-20");
    assert_eq!(
        s.story,
        "Newly qualified nurses were given a library induction on their first day.\n\n\
         Each was shown how to search for evidence on the ward.\n"
    );
    assert_eq!(
        texts(&s.impact),
        [
            "Forty new members.",
            "Requests for literature searches doubled."
        ]
    );
    assert_eq!(
        s.next_steps.as_deref(),
        Some("Repeat the induction for each intake.")
    );
    assert!(!s.protected);
    let locked = story(&imported, "a-members-only-story");
    assert!(locked.protected);
    assert_eq!(locked.timeframe.as_deref(), Some("Ten weeks"));
    assert_eq!(imported.source.stories.len(), 2, "{}", imported.report);
    assert!(
        imported
            .report
            .skipped
            .iter()
            .any(|s| s.title == "A story in draft"),
        "{}",
        imported.report
    );
}
