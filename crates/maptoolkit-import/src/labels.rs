//! The driver template's labels: `Title of driver:`, `Source:`, `Summary of driver:`…
//!
//! A label starts a line and is matched ignoring case and the kind and number of spaces, with or
//! without a colon (`Link to main document`, `Source :`, `Source:\u{a0}`). Labels of one word
//! (`Source`, `Summary`) need a colon or a line of their own, so prose that happens to start with
//! the word is not taken for a label.

use crate::text::clean;

/// A field of the driver template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    /// `Title of driver`.
    Title,
    /// `Source`.
    Source,
    /// `Impact on library policy/practice`.
    Impact,
    /// `Link to main document`.
    Link,
    /// `Publication format`.
    PublicationFormat,
    /// `Date of publication`.
    Published,
    /// `Summary of driver`.
    Summary,
    /// `Key features of driver`.
    KeyFeatures,
    /// `Primary audience`.
    PrimaryAudience,
    /// `Date last updated`.
    LastUpdated,
    /// `Due for review`.
    ReviewDue,
    /// `Group member responsible`.
    Owner,
    /// `Alternative Titles`.
    AlternativeTitles,
    /// `Case studies / Local service profile examples mapping to this driver`: the model has no
    /// field for them, so their text goes into the summary (reported).
    CaseStudies,
}

impl Field {
    /// Every field, in the template's order.
    pub const ALL: [Field; 14] = [
        Field::Title,
        Field::Source,
        Field::Impact,
        Field::Link,
        Field::PublicationFormat,
        Field::Published,
        Field::Summary,
        Field::KeyFeatures,
        Field::PrimaryAudience,
        Field::LastUpdated,
        Field::ReviewDue,
        Field::Owner,
        Field::AlternativeTitles,
        Field::CaseStudies,
    ];

    /// The label as the template writes it, without the colon.
    pub fn label(self) -> &'static str {
        match self {
            Field::Title => "Title of driver",
            Field::Source => "Source",
            Field::Impact => "Impact on library policy/practice",
            Field::Link => "Link to main document",
            Field::PublicationFormat => "Publication format",
            Field::Published => "Date of publication",
            Field::Summary => "Summary of driver",
            Field::KeyFeatures => "Key features of driver",
            Field::PrimaryAudience => "Primary audience",
            Field::LastUpdated => "Date last updated",
            Field::ReviewDue => "Due for review",
            Field::Owner => "Group member responsible",
            Field::AlternativeTitles => "Alternative Titles",
            Field::CaseStudies => {
                "Case studies / Local service profile examples mapping to this driver"
            }
        }
    }

    /// Whether the field holds several paragraphs or points rather than one value.
    pub fn is_multi(self) -> bool {
        matches!(
            self,
            Field::Impact
                | Field::Summary
                | Field::KeyFeatures
                | Field::AlternativeTitles
                | Field::CaseStudies
        )
    }

    /// Whether the label marks a post as a driver summary (`Source:` alone does not: news posts
    /// credit their pictures with it).
    pub fn is_distinctive(self) -> bool {
        self != Field::Source && self != Field::Link
    }
}

/// Every way of writing each label, in lower case with single spaces.
const ALIASES: &[(&str, Field)] = &[
    ("title of driver", Field::Title),
    ("alternative titles", Field::AlternativeTitles),
    ("alternative title", Field::AlternativeTitles),
    ("also known as", Field::AlternativeTitles),
    (
        "case studies/local service profile examples mapping to this driver",
        Field::CaseStudies,
    ),
    (
        "case studies/local service profile examples",
        Field::CaseStudies,
    ),
    ("local service profile examples", Field::CaseStudies),
    ("case studies", Field::CaseStudies),
    ("what does this mean for libraries", Field::Impact),
    (
        "what does this mean for library and knowledge services",
        Field::Impact,
    ),
    ("what does this mean for library services", Field::Impact),
    ("impact on library and knowledge services", Field::Impact),
    ("title of the driver", Field::Title),
    ("driver title", Field::Title),
    ("title", Field::Title),
    ("source", Field::Source),
    ("impact on library policy/practice", Field::Impact),
    ("impact on library practice/policy", Field::Impact),
    ("impact on library policy and practice", Field::Impact),
    ("impact on library policy", Field::Impact),
    ("impact on library practice", Field::Impact),
    ("impact on library services", Field::Impact),
    ("impact on libraries", Field::Impact),
    ("implications for library policy/practice", Field::Impact),
    ("implications for libraries", Field::Impact),
    ("impact", Field::Impact),
    ("link to main document", Field::Link),
    ("link to the main document", Field::Link),
    ("link to document", Field::Link),
    ("main document", Field::Link),
    ("link", Field::Link),
    ("publication format", Field::PublicationFormat),
    ("format", Field::PublicationFormat),
    ("date of publication", Field::Published),
    ("publication date", Field::Published),
    ("date published", Field::Published),
    ("published", Field::Published),
    ("summary of driver", Field::Summary),
    ("summary of the driver", Field::Summary),
    ("summary", Field::Summary),
    ("key features of driver", Field::KeyFeatures),
    ("key features of the driver", Field::KeyFeatures),
    ("key features", Field::KeyFeatures),
    ("primary audience", Field::PrimaryAudience),
    ("audience", Field::PrimaryAudience),
    ("date last updated", Field::LastUpdated),
    ("last updated", Field::LastUpdated),
    ("date updated", Field::LastUpdated),
    ("due for review", Field::ReviewDue),
    ("date due for review", Field::ReviewDue),
    ("review date", Field::ReviewDue),
    ("group member responsible", Field::Owner),
    ("member responsible", Field::Owner),
    ("group member", Field::Owner),
];

/// A label found at the start of a line, and the text after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Labelled {
    /// The field the label names.
    pub field: Field,
    /// The text after the label and its colon, cleaned; empty when the value is on later lines.
    pub value: String,
}

/// Matches `alias` (lower case ASCII) at the start of `text`, ignoring case and spaces around `/`;
/// returns the byte length matched.
fn match_alias(text: &str, alias: &str) -> Option<usize> {
    let mut chars = text.char_indices().peekable();
    for a in alias.chars() {
        if a == '/' {
            while chars.next_if(|(_, c)| *c == ' ').is_some() {}
            chars.next_if(|(_, c)| *c == '/')?;
            while chars.next_if(|(_, c)| *c == ' ').is_some() {}
        } else {
            let (_, c) = chars.next()?;
            if c.to_ascii_lowercase() != a {
                return None;
            }
        }
    }
    Some(chars.peek().map_or(text.len(), |(i, _)| *i))
}

/// Whether `Source` without a colon is followed by a publisher (`Source HEE`, `Source NHS
/// England`) rather than prose (`Source material is scarce`): short, every word capitalised.
fn no_colon_source(value: &str) -> bool {
    let words: Vec<&str> = value.split(' ').collect();
    words.len() <= 8
        && !value.ends_with('.')
        && words.iter().all(|w| {
            w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit() || c == '(' || c == '&')
                || matches!(*w, "and" | "of" | "for" | "the" | "in" | "on" | "&")
        })
}

/// Finds a template label at the start of a line.
///
/// ```
/// use maptoolkit_import::labels::{label, Field};
/// let l = label("Date of publication:\u{a0}1 December 2016").unwrap();
/// assert_eq!((l.field, l.value.as_str()), (Field::Published, "1 December 2016"));
/// assert_eq!(label("SOURCE : HEE").unwrap().field, Field::Source);
/// assert_eq!(label("Link to main document\u{a0}").unwrap().value, "");
/// assert!(label("Sources say otherwise").is_none());
/// assert!(label("Summary of the meeting was short").is_none());
/// ```
pub fn label(line: &str) -> Option<Labelled> {
    let cleaned = clean(line);
    for (alias, field) in ALIASES {
        let Some(len) = match_alias(&cleaned, alias) else {
            continue;
        };
        let rest = &cleaned[len..];
        let words = alias.split(' ').count();
        let after = rest.trim_start();
        let value = if after.is_empty() {
            ""
        } else if let Some(v) = after.strip_prefix([':', '：', '?']) {
            // `What does this mean for libraries?` ends its label with a question mark.
            v.trim_start_matches([':', ' '])
        } else if let Some(v) = after
            .strip_prefix(['-', '–', '—'])
            .filter(|v| v.starts_with(' ') && words >= 2)
        {
            v
        } else if rest.starts_with(' ')
            && (words >= 2 || *field == Field::Source)
            && (*field == Field::Owner
                || !after.starts_with(|c: char| c.is_lowercase())
                || after.starts_with("http")
                || after.starts_with("www."))
            && (words >= 2 || no_colon_source(after))
        {
            // `Date of publication 1 December 2016`, `Link to main document https://…`,
            // `Source HEE`: no colon, but the value does not read on from the label as prose
            // would.
            after
        } else {
            continue;
        };
        return Some(Labelled {
            field: *field,
            value: value.trim().to_string(),
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(line: &str, expected: Option<(Field, &str)>) {
        let got = label(line);
        assert_eq!(
            got.as_ref().map(|l| (l.field, l.value.as_str())),
            expected,
            "{line:?}"
        );
    }

    #[test]
    fn label_variations() {
        check(
            "Title of driver:\u{a0}Developing People",
            Some((Field::Title, "Developing People")),
        );
        check(
            "Source:\u{a0} National Board",
            Some((Field::Source, "National Board")),
        );
        check("source : HEE", Some((Field::Source, "HEE")));
        check("Source:", Some((Field::Source, "")));
        check("Source", Some((Field::Source, "")));
        check("\tSOURCE:\tHEE ", Some((Field::Source, "HEE")));
        check(
            "Impact on library policy/practice:",
            Some((Field::Impact, "")),
        );
        check(
            "Impact on library policy / practice: Text",
            Some((Field::Impact, "Text")),
        );
        check(
            "Impact on Library Policy/Practice:\u{a0}The policy",
            Some((Field::Impact, "The policy")),
        );
        check("Link to main document\u{a0}", Some((Field::Link, "")));
        check(
            "Link to main document: https://x.org/a",
            Some((Field::Link, "https://x.org/a")),
        );
        check(
            "Publication format:\u{a0}PDF",
            Some((Field::PublicationFormat, "PDF")),
        );
        check(
            "Date of publication 1 December 2016",
            Some((Field::Published, "1 December 2016")),
        );
        check(
            "Summary of driver:\u{a0} This is",
            Some((Field::Summary, "This is")),
        );
        check("Key features of driver:", Some((Field::KeyFeatures, "")));
        check("Key Features", Some((Field::KeyFeatures, "")));
        check(
            "Primary audience:\u{a0}Senior managers",
            Some((Field::PrimaryAudience, "Senior managers")),
        );
        check(
            "Date last updated: \u{a0}January 2017",
            Some((Field::LastUpdated, "January 2017")),
        );
        check(
            "Due for review: 11.1.18",
            Some((Field::ReviewDue, "11.1.18")),
        );
        check(
            "Group member responsible:\u{a0}FG",
            Some((Field::Owner, "FG")),
        );
        check(
            "Group member responsible - Victoria Treadway",
            Some((Field::Owner, "Victoria Treadway")),
        );
        check("Sources say otherwise", None);
        check("Summary of the meeting was short", None);
        check("Impact of the policy is wide", None);
        check("Source of truth is the web", None);
        check("Developing People – Improving Care: A framework", None);
    }
}
