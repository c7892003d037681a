//! Driver posts in every layout, field order, label spelling, bullet style and date form.

use maptoolkit_core::Driver;
use maptoolkit_import::{ImportOptions, import};

/// Imports `input` and checks it gives exactly one driver equal to `expected` (TOML, as in a
/// driver file), with nothing reported.
#[track_caller]
fn check(input: &str, expected: &str) {
    let imported = import(input, &ImportOptions::default());
    assert!(imported.report.is_clean(), "{}", imported.report);
    let expected: Driver = toml::from_str(expected).expect("expected TOML is a driver");
    let drivers: Vec<&Driver> = imported.source.drivers.iter().map(|e| &e.record).collect();
    assert_eq!(drivers, [&expected], "{input}");
}

/// The driver most checks expect.
const BASIC: &str = r#"
title = "A Plan for Libraries"
source = "Health Education England"
publication_format = "PDF"
published = "2016-12-01"
last_updated = "2017-02"
review_due = "2018-01-11"
primary_audience = "Library managers"
owner = "VT"
summary = "The plan sets out a vision.\n\nIt has five aims.\n"
impact = ["Libraries should plan.", { text = "Staff may:", children = ["train", "share"] }]
key_features = ["One.", "Two."]
"#;

#[test]
fn layout_with_title_of_driver() {
    check(
        "A Plan for Libraries\n\nTitle of driver: A Plan for Libraries\n\nSource: Health Education England\n\n\
         Impact on library policy/practice:\n\n  • Libraries should plan.\n  • Staff may:\n    • train\n    • share\n\n\
         Link to main document\n\nPublication format: PDF\n\nDate of publication: 1 December 2016\n\n\
         Summary of driver: The plan sets out a vision.\n\nIt has five aims.\n\n\
         Key features of driver:\n\n  • One.\n  • Two.\n\nPrimary audience: Library managers\n\n\
         Date last updated: February 2017\n\nDue for review: 11.1.18\n\nGroup member responsible: VT\n",
        BASIC,
    );
}

#[test]
fn layout_with_introduction_and_inline_impact() {
    check(
        "A Plan for Libraries\n\nThe plan sets out a vision.\n\n\
         Impact on library policy/practice:\u{a0} Libraries should plan.\n\nStaff may:\n\no\u{a0}\u{a0} train\n\no\u{a0}\u{a0} share\n\n\
         Source: Health Education England\n\nLink to main document\u{a0}\n\nPublication format: PDF\n\n\
         Date of publication: 1st December 2016\n\nSummary of driver:\u{a0} It has five aims.\n\n\
         Key features of driver:\n\n·\u{a0}\u{a0}\u{a0}\u{a0}\u{a0} One.\n\n·\u{a0}\u{a0}\u{a0}\u{a0} Two.\n\n\
         Primary audience: Library managers\n\nDate last updated: \u{a0}Feb 2017\n\nDue for review: 11/1/2018\n\n\
         Group member responsible: VT\n",
        BASIC,
    );
}

#[test]
fn fields_in_unusual_order_with_values_on_the_next_line() {
    check(
        "A Plan for Libraries\n\nGroup member responsible:\n\nVT\n\nDue for review: 2018-01-11\n\n\
         Key features of driver:\n\n- One.\n\n- Two.\n\nSummary of driver:\n\nThe plan sets out a vision.\n\nIt has five aims.\n\n\
         Date of publication:\n\n2016-12-01\n\nPrimary audience: Library managers\n\n\
         Impact on library policy/practice:\n\n- Libraries should plan.\n- Staff may:\n\t- train\n\t- share\n\n\
         Date last updated: 2017-02\n\nPublication format:\nPDF\n\nSource:\n\nHealth Education England\n",
        BASIC,
    );
}

#[test]
fn label_spellings_case_spaces_and_nbsp() {
    check(
        "A Plan for Libraries\n\nTITLE OF DRIVER :\u{a0}A Plan for\u{a0}\u{a0}Libraries\n\nsource\u{a0}:\u{a0}Health   Education England\n\n\
         Impact on Library Policy / Practice\n\n* Libraries should plan.\n* Staff may:\n  o train\n  o share\n\n\
         Publication Format\u{a0}PDF\n\nDate Of Publication - 1 December 2016\n\nSummary:\tThe plan sets out a vision.\n\nIt has five aims.\n\n\
         Key Features:\n\n\t•\tOne.\n\t•\tTwo.\n\nPrimary Audience:Library managers\n\n\
         Last updated: February 2017\n\nDate due for review: 11.01.2018\n\nGroup Member Responsible:\u{a0}V.T.\n",
        BASIC,
    );
}

#[test]
fn bullet_styles_and_deeper_nesting() {
    let expected = r#"
title = "Bullets"
source = "S"
publication_format = "PDF"
published = "2017"
primary_audience = "A"
owner = "Fiona Green"
summary = "S.\n"
impact = [{ text = "a", children = [{ text = "b", children = ["c"] }] }, "d"]
key_features = [{ text = "e", children = ["f", "g"] }, "h"]
"#;
    let body = "\n\nSource: S\n\nPublication format: PDF\n\nDate of publication: 2017\n\nSummary of driver: S.\n\n\
                Primary audience: A\n\nGroup member responsible: Fiona Green\n\n";
    for (impact, features) in [
        (
            "  • a\n    • b\n      • c\n  • d",
            "• e\n\no f\n\n\no g\n\n• h",
        ),
        (
            "\u{F0B7}\ta\no\tb\n▪\tc\n\u{F0B7}\td",
            "-e\n   -f\n   -g\n-h",
        ),
        (
            "1. a\n   - b\n      * c\n2. d",
            "*\u{a0}e\n\t*\u{a0}f\n\t*\u{a0}g\n*\u{a0}h",
        ),
    ] {
        check(
            &format!(
                "Bullets{body}Impact on library policy/practice:\n\n{impact}\n\nKey features of driver:\n\n{features}\n"
            ),
            expected,
        );
    }
}

#[test]
fn every_date_form_in_a_post() {
    for (written, iso) in [
        ("1 December 2016", "2016-12-01"),
        ("1st December 2016", "2016-12-01"),
        ("December 2016", "2016-12"),
        ("Dec 2016", "2016-12"),
        ("1.12.16", "2016-12-01"),
        ("1/12/2016", "2016-12-01"),
        ("2016-12-01", "2016-12-01"),
        ("2016", "2016"),
    ] {
        let input = format!(
            "Dated\n\nSource: S\n\nPublication format: PDF\n\nDate of publication: {written}\n\nSummary of driver: S.\n\n\
             Impact on library policy/practice: I.\n\nKey features of driver: K.\n\nPrimary audience: A\n\n\
             Group member responsible: FG\n"
        );
        check(
            &input,
            &format!(
                "title = \"Dated\"\nsource = \"S\"\npublication_format = \"PDF\"\npublished = \"{iso}\"\n\
                 primary_audience = \"A\"\nowner = \"FG\"\nsummary = \"S.\\n\"\nimpact = [\"I.\"]\nkey_features = [\"K.\"]\n"
            ),
        );
    }
}

#[test]
fn link_with_url_inline_or_below() {
    for link in [
        "Link to main document: https://www.hee.nhs.uk/policy.pdf",
        "Link to main document\u{a0}\n\nhttps://www.hee.nhs.uk/policy.pdf",
        "Link to main document: www.hee.nhs.uk/policy.pdf",
    ] {
        let input = format!(
            "Linked\n\nSource: S\n\n{link}\n\nPublication format: PDF\n\nDate of publication: 2016\n\n\
             Summary of driver: S.\n\nImpact on library policy/practice: I.\n\nKey features of driver: K.\n\n\
             Primary audience: A\n\nGroup member responsible: FG\n"
        );
        check(
            &input,
            "title = \"Linked\"\nsource = \"S\"\nlink = \"https://www.hee.nhs.uk/policy.pdf\"\n\
             publication_format = \"PDF\"\npublished = \"2016\"\nprimary_audience = \"A\"\nowner = \"FG\"\n\
             summary = \"S.\\n\"\nimpact = [\"I.\"]\nkey_features = [\"K.\"]\n",
        );
    }
}
