//! Protection as the issue found it broken: the status rule, how a WordPress export is
//! recognised, `Private:`/`Protected:` in saved text, and a report that is safe to print.

use maptoolkit_import::{ImportedAs, Protection, WxrError, import_wxr, is_wxr};

use crate::util::{loads, run};

const SITE: &str = include_str!("../data/site.xml");

/// The export's first item (a complete driver), with its status and password replaced.
fn first_driver_as(status: &str, password: &str) -> String {
    SITE.replacen(
        "<wp:status><![CDATA[publish]]></wp:status>",
        &format!("<wp:status><![CDATA[{status}]]></wp:status>"),
        1,
    )
    .replacen(
        "<wp:post_password><![CDATA[]]></wp:post_password>",
        &format!("<wp:post_password><![CDATA[{password}]]></wp:post_password>"),
        1,
    )
}

const FIRST: &str = "developing-people-improving-care";

#[test]
fn every_wordpress_status_follows_one_rule() {
    for (status, password, expected) in [
        ("publish", "", Some(None)),
        ("publish", "secret", Some(Some(Protection::Password))),
        ("private", "", Some(Some(Protection::Private))),
        ("private", "secret", Some(Some(Protection::Password))),
        ("draft", "", None),
        ("pending", "", None),
        ("future", "", None),
        ("auto-draft", "", None),
        ("trash", "", None),
        ("inherit", "", None),
        ("something-else", "", None),
        ("", "", None),
    ] {
        let imported = import_wxr(&first_driver_as(status, password), &Default::default())
            .unwrap_or_else(|e| panic!("{status}: {e}"));
        let entry = imported.source.drivers.iter().find(|e| e.slug == FIRST);
        let line = imported.report.imported.iter().find(|i| i.line == 24);
        match expected {
            None => {
                assert!(entry.is_none(), "{status}: imported");
                let skipped = imported.report.skipped.iter().find(|s| s.line == 24);
                assert!(
                    skipped.is_some(),
                    "{status}: not named:\n{}",
                    imported.report
                );
            }
            Some(protection) => {
                let d = &entry.unwrap_or_else(|| panic!("{status}: skipped")).record;
                assert_eq!(d.protected, protection.is_some(), "{status} {password}");
                assert!(!d.draft, "{status}: a complete driver stays complete");
                let kind = &line.unwrap().kind;
                match protection {
                    Some(why) => {
                        assert_eq!(kind, &ImportedAs::ProtectedDriver { why, draft: vec![] })
                    }
                    None => assert_eq!(kind, &ImportedAs::Driver),
                }
            }
        }
    }
    let report = import_wxr(&first_driver_as("future", ""), &Default::default())
        .unwrap()
        .report
        .to_string();
    assert!(
        report.contains(
            "line 24: skipped `Developing People – Improving Care`: a WordPress post scheduled \
             for later (not yet published)"
        ),
        "{report}"
    );
    let report = import_wxr(&first_driver_as("private", ""), &Default::default())
        .unwrap()
        .report
        .to_string();
    assert!(
        report.contains("as protected driver (private; members only)")
            && !report.contains("password"),
        "the private post is called private: {report}"
    );
}

#[test]
fn a_protected_driver_folder_validates_and_keeps_protected() {
    let imported = import_wxr(&first_driver_as("private", ""), &Default::default()).unwrap();
    loads(&imported);
    let dir = tempfile::tempdir().unwrap();
    maptoolkit_import::write_toolkit(dir.path(), &imported.source, false).unwrap();
    let text = std::fs::read_to_string(dir.path().join(format!("drivers/{FIRST}.toml"))).unwrap();
    assert!(text.contains("protected = true"), "{text}");
    let toolkit = maptoolkit_core::load(dir.path(), None).unwrap().toolkit;
    assert!(toolkit.drivers()[FIRST].protected);
    assert!(!toolkit.redacted().drivers().contains_key(FIRST));
}

#[test]
fn an_export_is_known_by_its_root_after_any_prolog() {
    let body = SITE.split_once("<rss").unwrap().1;
    for prolog in [
        "",
        "\u{feff}",
        "\n\n  \t",
        "<?xml version=\"1.0\"?>",
        "<?xml version=\"1.0\"?>\n<!DOCTYPE rss>\n",
        "<?xml version=\"1.0\"?><!doctype rss SYSTEM \"x.dtd\">",
        "<!DOCTYPE rss [\n<!ENTITY who \"MAP > toolkit\">\n]>\n",
        "\u{feff}<?xml version=\"1.0\"?>\n<!-- a comment > with a bracket -->\n\
         <?xml-stylesheet href=\"s.xsl\"?>\n<!DOCTYPE rss>\n<!-- another -->\n",
    ] {
        let xml = format!("{prolog}<rss{body}");
        assert!(is_wxr(&xml), "{prolog:?}");
        let imported = import_wxr(&xml, &Default::default()).unwrap_or_else(|e| panic!("{e}"));
        let meeting = imported
            .source
            .meetings
            .iter()
            .find(|m| m.slug == "meeting-2017-06-14")
            .unwrap();
        assert!(meeting.record.protected, "{prolog:?}");
    }
    for text in [
        "Category Archives: News\n\nMeeting 8th February 2017\n",
        "<?xml version=\"1.0\"?><html><body/></html>",
        "<rsstitle>not rss</rsstitle>",
    ] {
        assert!(!is_wxr(text), "{text:?}");
    }
}

#[test]
fn an_rss_root_that_does_not_parse_is_an_error_never_text() {
    for broken in [
        // Cut short inside an item.
        SITE[..SITE.find("</item>").unwrap()].to_string(),
        // A prolog left open.
        "<?xml version=\"1.0\"\n<rss><channel></channel></rss>".to_string(),
        "<!DOCTYPE rss\n<rss><channel></channel></rss>".to_string(),
        // Mismatched tags.
        SITE.replacen("</title>", "</titel>", 1),
    ] {
        assert!(is_wxr(&broken), "{broken:.60}");
        // An error (where it breaks, or that it is no export), never posts read as text.
        let err = import_wxr(&broken, &Default::default()).unwrap_err();
        assert!(
            matches!(err, WxrError::Xml { .. } | WxrError::NotWxr),
            "{err}"
        );
    }
}

#[test]
fn saved_titles_marked_private_or_protected_are_protected() {
    for (prefix, why) in [
        ("Private: ", Protection::Private),
        ("Protected: ", Protection::Password),
        ("PRIVATE:", Protection::Private),
    ] {
        let text = format!(
            "Category Archives: Drivers\n\n{prefix}Secret Policy\n\n\
             Source: NHS England\n\nPublication format: PDF\n\n\
             Date of publication: 1 June 2017\n\n\
             Summary of driver: What it says.\n\n\
             Impact on library policy/practice: What it means.\n\n\
             Group member responsible: FG\n"
        );
        let imported = run(&text);
        let entry = &imported
            .source
            .drivers
            .first()
            .unwrap_or_else(|| panic!("{prefix}: no driver:\n{}", imported.report));
        assert_eq!(entry.slug, "secret-policy", "{prefix}");
        assert_eq!(entry.record.title, "Secret Policy", "{prefix}");
        assert!(entry.record.protected, "{prefix}");
        assert_eq!(
            imported.report.imported[0].kind,
            ImportedAs::ProtectedDriver { why, draft: vec![] },
            "{prefix}"
        );
        loads(&imported);
    }
    // A private meeting saved by a signed-in editor keeps its agenda, members only.
    let imported = run("Private: Meeting 8th February 2017\n\n1. Driver Allocation\n\n2. AOB\n");
    let m = &imported.source.meetings[0].record;
    assert!(m.protected);
    assert_eq!(m.title, "Meeting 8th February 2017");
    assert_eq!(m.agenda.len(), 2);
}

#[test]
fn the_report_escapes_control_characters_and_cuts_long_lines() {
    let xml = SITE.replacen(
        "<title>Test post please ignore</title>",
        "<title>Bell\u{7} and \u{1b}[31mred\u{1b}[0m</title>",
        1,
    );
    let report = import_wxr(&xml, &Default::default())
        .unwrap()
        .report
        .to_string();
    assert!(!report.contains(['\u{7}', '\u{1b}']), "{report:?}");
    assert!(
        report.contains("skipped `Bell␇ and ␛[31mred␛[0m`"),
        "{report}"
    );

    let long = format!(
        "Secret Policy\n\nSource: NHS England\n\nDate of publication: {}\n\n\
         Summary of driver: What it says.\n\nImpact on library policy/practice: What it means.\n",
        "word ".repeat(50_000)
    );
    let report = run(&long).report.to_string();
    assert!(report.contains("more characters)"), "{:.500}", report);
    for line in report.lines() {
        assert!(line.chars().count() < 400, "{:.200}", line);
    }
}
