//! Protected content never reaches a public export, in any format; members see it all.

use maptoolkit_briefing::Audience;

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
