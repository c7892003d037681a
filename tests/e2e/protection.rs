//! Protected content never reaches a public export, in any format; members see it all.

use maptoolkit_briefing::Audience;

use maptoolkit_core::Entry;

use crate::util::{MARKER, export_all, marked_toolkit, readable_text};

#[test]
fn public_exports_hold_no_protected_content_in_any_format() {
    let artifacts = export_all(&marked_toolkit(), Audience::Public);
    let formats: std::collections::BTreeSet<&str> =
        artifacts.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(
        formats,
        ["csv", "docx", "html", "pdf", "xlsx"].into_iter().collect()
    );
    for (format, artifact) in &artifacts {
        let text = readable_text(format, &artifact.bytes);
        assert!(
            !text.contains(MARKER),
            "{format}: {} holds protected content",
            artifact.path
        );
        assert!(
            !artifact.path.as_str().contains("secret"),
            "{}",
            artifact.path
        );
    }
    // No pack at all for the protected meeting.
    assert!(
        !artifacts
            .iter()
            .any(|(_, a)| a.path.as_str().contains("2017-03-22"))
    );
}

#[test]
fn members_exports_include_protected_content() {
    let artifacts = export_all(&marked_toolkit(), Audience::Members);
    for format in ["csv", "docx", "pdf", "xlsx", "html"] {
        let all: String = artifacts
            .iter()
            .filter(|(f, _)| f == format)
            .map(|(f, a)| readable_text(f, &a.bytes))
            .collect();
        for what in [
            "Protected meeting",
            "Agenda item",
            "Story",
            "Impact",
            "Idea",
        ] {
            assert!(
                all.contains(&format!("{what} {MARKER}")),
                "{format} lacks {what}"
            );
        }
    }
    let docx_packs: Vec<&str> = artifacts
        .iter()
        .filter(|(f, a)| f == "docx" && a.path.as_str().starts_with("meetings/"))
        .map(|(_, a)| a.path.as_str())
        .collect();
    assert_eq!(
        docx_packs,
        [
            "meetings/meeting-2017-02-08.docx",
            "meetings/meeting-2017-03-22.docx"
        ]
    );
    // Dial-in details appear in members' meeting packs.
    let pack = &artifacts
        .iter()
        .find(|(f, a)| f == "docx" && a.path.as_str().ends_with("02-08.docx"))
        .unwrap()
        .1;
    assert!(readable_text("docx", &pack.bytes).contains(&format!("+44 1 {MARKER}")));
}

#[test]
fn each_half_of_a_public_bundle_is_redacted_on_its_own() {
    // Batch exports compose the registers and the documents apart; each half must be redacted
    // by itself, not rely on the other having been.
    use maptoolkit_briefing::{compose_documents, compose_registers};
    let toolkit = marked_toolkit();
    for audience in [Audience::Public, Audience::Members] {
        let options = crate::util::options(audience);
        let mut text = String::new();
        for named in compose_documents(&toolkit, &options) {
            text.push_str(&named.document.text_lines().join("\n"));
        }
        for register in compose_registers(&toolkit, &options) {
            for row in &register.table.rows {
                text.push_str(&row.join("\n"));
            }
        }
        assert_eq!(
            text.contains(MARKER),
            audience == Audience::Members,
            "{audience:?}"
        );
    }
}

/// Every field the marked toolkit puts the marker in, as `<field> MARKER`.
const MARKED_FIELDS: [&str; 21] = [
    "Protected meeting",
    "Agenda item",
    "Paper",
    "Sub-item",
    "+44 1",
    "code",
    "notes",
    "Story",
    "Service",
    "Team",
    "Resources",
    "Timeframe",
    "Story text",
    "Impact",
    "Sub-impact",
    "Next",
    "Quote",
    "By",
    "Idea",
    "Description",
    "Outcome",
];

#[test]
fn the_site_and_workbook_show_every_protected_field_to_members_and_none_to_the_public() {
    let toolkit = marked_toolkit();
    for audience in [Audience::Public, Audience::Members] {
        let artifacts = export_all(&toolkit, audience);
        for format in ["html", "xlsx"] {
            let files: Vec<_> = artifacts.iter().filter(|(f, _)| f == format).collect();
            assert!(!files.is_empty(), "{format} wrote nothing");
            let all: String = files
                .iter()
                .map(|(f, a)| format!("{}\n{}", a.path, readable_text(f, &a.bytes)))
                .collect();
            for field in MARKED_FIELDS {
                assert_eq!(
                    all.contains(&format!("{field} {MARKER}")),
                    audience == Audience::Members,
                    "{format} for {audience:?}: {field}"
                );
            }
            if audience == Audience::Public {
                assert!(!all.contains(MARKER), "{format} leaks to the public");
            }
        }
        let pages: Vec<&str> = artifacts
            .iter()
            .filter(|(f, _)| f == "html")
            .map(|(_, a)| a.path.as_str())
            .collect();
        for protected in [
            "site/meetings/meeting-2017-03-22.html",
            "site/stories/protected-story.html",
            "site/ideas/protected-idea.html",
        ] {
            assert_eq!(
                pages.contains(&protected),
                audience == Audience::Members,
                "{protected} for {audience:?}"
            );
        }
    }
}

/// One WordPress item: a title, its HTML, a status and a password.
fn wxr_item(title: &str, html: &str, status: &str, password: &str) -> String {
    format!(
        "<item><title>{title}</title>\
         <content:encoded><![CDATA[{html}]]></content:encoded>\
         <wp:post_date>2017-06-01 10:00:00</wp:post_date>\
         <wp:status>{status}</wp:status><wp:post_type>post</wp:post_type>\
         <wp:post_password>{password}</wp:post_password></item>\n"
    )
}

/// A MAP Story post, with `what` in its service, team, story and impact.
fn story_html(what: &str) -> String {
    format!(
        "<p><strong>Library service:</strong> The {what} Library</p>\
         <p><strong>Project team:</strong> {what} librarian</p>\
         <h3>\u{201c}The story\u{201d}</h3><p>The {what} story.</p>\
         <p><strong>Impact for the library:</strong></p><ul><li>The {what} impact.</li></ul>"
    )
}

/// A driver post on the 2017 template, with `what` in its title, summary and owner.
fn driver_html(what: &str) -> String {
    format!(
        "<p>Title of driver: {what} Policy</p><p>Source: NHS England</p>\
         <p>Link to main document: <a href=\"https://example.org/{what}.pdf\">{what}</a></p>\
         <p>Publication format: PDF</p><p>Date of publication: 1 June 2017</p>\
         <p>Summary of driver: The {what} summary.</p>\
         <p>Impact on library policy/practice: The {what} impact.</p>\
         <p>Primary audience: Everyone</p><p>Group member responsible: Zed {what}</p>"
    )
}

/// The findings, imported through the WordPress reader as `maptoolkit import` reads a
/// file (`is_wxr` then `import_wxr`) and exported for the public in every format: a export whose
/// second line is a DOCTYPE with a password-protected meeting, a private driver, a
/// password-protected driver, a scheduled (`future`) driver, a password-protected MAP Story and
/// a public story naming a protected driver. None of their content reaches a public file; members see the protected
/// records.
#[test]
fn imported_protected_posts_reach_no_public_export() {
    let secret = |s: &str| format!("{s}{MARKER}");
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE rss>\n\
         <rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" \
         xmlns:wp=\"http://wordpress.org/export/1.2/\"><channel>\n{}{}{}{}{}{}</channel></rss>\n",
        wxr_item(
            "Meeting 14th June 2017 2-3pm",
            &format!("<ol><li>{}</li><li>AOB</li></ol>", secret("Agenda")),
            "publish",
            "letmein",
        ),
        wxr_item(
            &secret("Private"),
            &driver_html(&secret("Private")),
            "private",
            ""
        ),
        wxr_item(
            &secret("Password"),
            &driver_html(&secret("Password")),
            "publish",
            "letmein",
        ),
        wxr_item(
            &secret("Future"),
            &driver_html(&secret("Future")),
            "future",
            ""
        ),
        wxr_item("Open Policy", &driver_html("Open"), "publish", ""),
        wxr_item(
            &secret("Story"),
            &story_html(&secret("Story")),
            "publish",
            "letmein"
        ),
    );
    assert!(maptoolkit::import::is_wxr(&xml));
    let imported = maptoolkit::import::import_wxr(&xml, &Default::default()).unwrap();
    let report = imported.report.to_string();
    assert!(
        report.contains("as protected driver (private; members only)")
            && report.contains("as protected driver (password-protected; members only)")
            && report.contains("a WordPress post scheduled for later (not yet published)"),
        "{report}"
    );
    let mut source = imported.source;
    assert!(source.meetings.iter().all(|m| m.record.protected));
    assert!(
        report.contains("as protected MAP Story (members only)"),
        "{report}"
    );
    assert!(source.stories.iter().all(|s| s.record.protected));
    let protected_slug = source
        .drivers
        .iter()
        .find(|d| d.record.protected)
        .unwrap()
        .slug
        .clone();
    let mut story = maptoolkit_core::testing::story();
    story.drivers = vec![protected_slug];
    story.themes.clear();
    source.stories.push(Entry::new("open-story", story));
    let toolkit = source.validate(None).expect("the import validates").toolkit;

    for (format, artifact) in &export_all(&toolkit, Audience::Public) {
        let text = readable_text(format, &artifact.bytes);
        assert!(
            !text
                .to_ascii_lowercase()
                .contains(&MARKER.to_ascii_lowercase()),
            "{format}: {} holds protected content",
            artifact.path
        );
        assert!(
            !artifact.path.as_str().contains("2017-06-14"),
            "{}",
            artifact.path
        );
    }
    let members = export_all(&toolkit, Audience::Members);
    for format in ["csv", "xlsx", "html"] {
        let all: String = members
            .iter()
            .filter(|(f, _)| f == format)
            .map(|(f, a)| readable_text(f, &a.bytes))
            .collect();
        for what in ["Private", "Password", "Agenda", "Story"] {
            assert!(all.contains(&secret(what)), "{format} lacks {what}");
        }
        assert!(
            !all.contains(&secret("Future")),
            "{format} has the scheduled post"
        );
    }
}
