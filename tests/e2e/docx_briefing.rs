//! The Word briefing of the fixtures, read back by pandoc as a person would read it.

use maptoolkit_briefing::{Audience, Exporter, compose};
use maptoolkit_docx::DocxExporter;

use crate::util::{fixtures, options};
use maptoolkit_tests::{assert_schema_valid, pandoc};

fn briefing_markdown() -> String {
    let bundle = compose(&fixtures(), &options(Audience::Public));
    let artifacts = DocxExporter::default().export(&bundle).unwrap();
    assert_eq!(artifacts[0].path.as_str(), "briefing.docx");
    pandoc(&artifacts[0].bytes, "markdown-smart")
}

#[test]
fn every_driver_title_is_a_level_two_heading_under_its_theme() {
    let md = briefing_markdown();
    for driver in fixtures().drivers().values() {
        assert!(
            md.contains(&format!("\n## {}\n", driver.title)),
            "no heading for {}",
            driver.title
        );
    }
    for heading in [
        "# At a glance",
        "# Transformation",
        "# Other drivers",
        "# Review register",
        "# Appendix: MAP Stories",
    ] {
        assert!(md.contains(&format!("\n{heading}\n")), "no {heading}");
    }
}

#[test]
fn impact_and_key_features_are_nested_lists_with_the_archive_punctuation() {
    let md = briefing_markdown();
    assert!(md.contains(
        "-   The policy also signals a move towards developing a “coherent national service”, highlighting"
    ));
    assert!(md.contains("as ‘knowledge brokers’, a role"));
    assert!(md.contains("for 1 – 3 years’ time for national oversight bodies"));
    // A sub-point of a key feature is indented under it.
    assert!(
        md.contains("\n    -   Talent management\n"),
        "nested key features:\n{md}"
    );
    assert!(
        md.contains("\n        -   Single sign-on and discovery tools\n"),
        "third level"
    );
}

#[test]
fn links_are_links_with_the_documents_title() {
    let md = briefing_markdown();
    assert!(
        md.contains("[Five Year Forward View](https://www.england.nhs.uk/five-year-forward-view/)"),
        "{md}"
    );
    assert!(md.contains("No link recorded"));
}

#[test]
fn meeting_pack_numbers_the_agenda_and_hides_dial_in_details_from_the_public() {
    let bundle = compose(&fixtures(), &options(Audience::Public));
    let artifacts = DocxExporter::default().export(&bundle).unwrap();
    let pack = artifacts
        .iter()
        .find(|a| a.path.as_str() == "meetings/meeting-2017-02-08.docx")
        .unwrap();
    let md = pandoc(&pack.bytes, "markdown-smart");
    assert!(md.contains("1.  Meeting Notes 21st December 2016"), "{md}");
    assert!(
        md.contains("3.  **Standing item:** Driver Allocation"),
        "{md}"
    );
    assert!(md.contains("Health Information Study Day 10th July Leeds – Proposal"));
    assert!(md.contains("Wednesday 8 February 2017"));
    assert!(!md.contains("237 585 892") && !md.contains("478-5289"));
}

#[test]
fn fixture_briefings_and_meeting_packs_are_schema_valid() {
    let files = crate::util::fixture_docx();
    assert_eq!(files.len(), 6, "two briefings and four meeting packs");
    assert_schema_valid(&files);
}

#[test]
fn a_two_hundred_driver_briefing_is_schema_valid() {
    // What `cargo xtask gen-corpus 200` writes, exported as `cargo xtask export` does.
    let toolkit = maptoolkit_core::synthetic(200, 1)
        .validate(None)
        .expect("the synthetic toolkit is valid")
        .toolkit;
    let bundle = compose(&toolkit, &options(Audience::Members));
    let briefing = DocxExporter::default()
        .export(&bundle)
        .unwrap()
        .into_iter()
        .find(|a| a.path.as_str() == "briefing.docx")
        .unwrap();
    assert_schema_valid(&[("briefing-200".to_string(), briefing.bytes)]);
}
