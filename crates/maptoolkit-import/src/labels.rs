//! The labels of every template the site used, in one table: the driver templates of 2013–16,
//! 2017 and the 2018–19 policy briefings, the MAP Story template and the meeting post's
//! teleconference and agenda headings. Each row is one way of writing a label and the field it
//! names; [`TEMPLATES`] says which fields each template has and which it needs. A new wording
//! is a row of [`LABELS`], not new code.
//!
//! A label starts a line and is matched ignoring case and the kind and number of spaces, with or
//! without a colon (`Link to main document`, `Source :`, `Source:\u{a0}`); the longest wording
//! that matches wins, so the table's order does not matter. Labels of one word (`Source`,
//! `Summary`) need a colon or a line of their own, so prose that happens to start with the word is
//! not taken for a label.

use crate::text::clean;

/// A template of the site's posts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Template {
    /// The driver template of 2013–2016: every field under a label.
    Driver2013,
    /// The short driver template of 2017: what it means for libraries, source, link, date and
    /// summary.
    Driver2017,
    /// The policy briefings of 2018–19: the impact first and a `Title:` that may differ from the
    /// post's title.
    Briefing,
    /// A MAP Story (a case study before 2017).
    Story,
    /// A meeting post's teleconference details and agenda.
    Meeting,
}

/// A field of a template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    /// `Title of driver` (a story's `Title` too).
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
    /// field for them, so their text goes at the end of the summary (reported).
    CaseStudies,
    /// `Keywords`: no field in the model either; kept at the end of the summary (reported).
    Keywords,
    /// A story's `Library service`.
    Service,
    /// A story's `Date`.
    StoryDate,
    /// A story's `Project team`.
    Team,
    /// A story's `Resources required`.
    Resources,
    /// A story's `Timeframe`.
    Timeframe,
    /// A story's `“The story”`.
    Story,
    /// A story's `Impact for the library` (and for the organisation).
    LibraryImpact,
    /// A story's `Next steps`.
    NextSteps,
    /// A story's `Quote` (or feedback).
    Quote,
    /// The drivers a story aligns to.
    Drivers,
    /// A meeting's `Teleconference instructions` heading.
    Teleconference,
    /// A meeting's dial-in number.
    DialIn,
    /// A meeting's access code.
    AccessCode,
    /// A meeting's `Agenda` heading.
    Agenda,
}

/// The fields of a template and the ones a record made from it needs.
#[derive(Debug)]
pub struct TemplateFields {
    /// The template.
    pub template: Template,
    /// Its fields, in its order.
    pub fields: &'static [Field],
    /// The fields without which a post on it is incomplete (a driver then becomes a draft; a
    /// story is not imported).
    pub required: &'static [Field],
}

/// The fields of every template.
pub const TEMPLATES: &[TemplateFields] = &[
    TemplateFields {
        template: Template::Driver2013,
        fields: &[
            Field::Title,
            Field::AlternativeTitles,
            Field::Source,
            Field::Impact,
            Field::Link,
            Field::PublicationFormat,
            Field::Published,
            Field::Summary,
            Field::KeyFeatures,
            Field::PrimaryAudience,
            Field::CaseStudies,
            Field::Keywords,
            Field::LastUpdated,
            Field::ReviewDue,
            Field::Owner,
        ],
        required: &[
            Field::Source,
            Field::Impact,
            Field::PublicationFormat,
            Field::Published,
            Field::Summary,
            Field::KeyFeatures,
            Field::PrimaryAudience,
            Field::Owner,
        ],
    },
    TemplateFields {
        template: Template::Driver2017,
        fields: &[
            Field::Title,
            Field::AlternativeTitles,
            Field::Impact,
            Field::Source,
            Field::Link,
            Field::Published,
            Field::Summary,
            Field::Keywords,
            Field::LastUpdated,
            Field::ReviewDue,
        ],
        required: &[
            Field::Source,
            Field::Impact,
            Field::Published,
            Field::Summary,
        ],
    },
    TemplateFields {
        template: Template::Briefing,
        fields: &[
            Field::Title,
            Field::AlternativeTitles,
            Field::Impact,
            Field::Source,
            Field::Link,
            Field::PublicationFormat,
            Field::Published,
            Field::Summary,
            Field::KeyFeatures,
            Field::Keywords,
            Field::LastUpdated,
            Field::ReviewDue,
        ],
        required: &[
            Field::Source,
            Field::Impact,
            Field::Published,
            Field::Summary,
        ],
    },
    TemplateFields {
        template: Template::Story,
        fields: &[
            Field::Title,
            Field::Service,
            Field::StoryDate,
            Field::Team,
            Field::Resources,
            Field::Timeframe,
            Field::Story,
            Field::LibraryImpact,
            Field::NextSteps,
            Field::Quote,
            Field::Drivers,
            Field::Keywords,
        ],
        required: &[Field::Service, Field::Story, Field::LibraryImpact],
    },
    TemplateFields {
        template: Template::Meeting,
        fields: &[
            Field::Teleconference,
            Field::DialIn,
            Field::AccessCode,
            Field::Agenda,
        ],
        required: &[],
    },
];

/// One way of writing a label: the words, in lower case with single spaces (a `/` matches with
/// or without spaces around it), the field, and whether the wording alone marks a post as one of
/// its template (`Title of driver`, `What does this mean for libraries?`).
#[derive(Debug)]
pub struct Wording {
    /// The words.
    pub text: &'static str,
    /// The field they label.
    pub field: Field,
    /// Whether this wording alone says which template a post is on.
    pub decisive: bool,
}

/// A row of [`LABELS`].
const fn w(text: &'static str, field: Field) -> Wording {
    Wording {
        text,
        field,
        decisive: false,
    }
}

/// A row of [`LABELS`] whose wording alone marks its template.
const fn decisive(text: &'static str, field: Field) -> Wording {
    Wording {
        text,
        field,
        decisive: true,
    }
}

/// Every way of writing every template's labels.
pub const LABELS: &[Wording] = &[
    // Drivers, 2013–16.
    decisive("title of driver", Field::Title),
    decisive("title of the driver", Field::Title),
    decisive("driver title", Field::Title),
    decisive("name of driver", Field::Title),
    w("driver", Field::Title),
    w("title", Field::Title),
    w("alternative titles", Field::AlternativeTitles),
    w("alternative title", Field::AlternativeTitles),
    w("alternative names", Field::AlternativeTitles),
    w("also known as", Field::AlternativeTitles),
    w("source", Field::Source),
    w("source of driver", Field::Source),
    w("published by", Field::Source),
    w("publisher", Field::Source),
    w("produced by", Field::Source),
    w("impact on library policy/practice", Field::Impact),
    w("impact on library practice/policy", Field::Impact),
    w("impact on library policy and practice", Field::Impact),
    w("impact on library policy", Field::Impact),
    w("impact on library practice", Field::Impact),
    w("impact on library services", Field::Impact),
    w("impact on library and knowledge services", Field::Impact),
    w("impact on libraries", Field::Impact),
    w("impact on lks", Field::Impact),
    w("implications for library policy/practice", Field::Impact),
    w("implications for libraries", Field::Impact),
    w("implications for library services", Field::Impact),
    w("impact", Field::Impact),
    w("relevance to libraries", Field::Impact),
    w("relevance to lks", Field::Impact),
    w("relevance to library services", Field::Impact),
    w("how could this affect libraries", Field::Impact),
    w("link to main document", Field::Link),
    w("link to the main document", Field::Link),
    w("link to document", Field::Link),
    w("link to full document", Field::Link),
    w("link to report", Field::Link),
    w("main document", Field::Link),
    w("link", Field::Link),
    w("url", Field::Link),
    w("web link", Field::Link),
    w("full document", Field::Link),
    w("publication format", Field::PublicationFormat),
    w("format of publication", Field::PublicationFormat),
    w("format", Field::PublicationFormat),
    w("date of publication", Field::Published),
    w("date of original publication", Field::Published),
    w("original publication date", Field::Published),
    w("original date of publication", Field::Published),
    w("publication date", Field::Published),
    w("date published", Field::Published),
    w("published", Field::Published),
    w("date issued", Field::Published),
    w("date of issue", Field::Published),
    w("published on", Field::Published),
    w("summary of driver", Field::Summary),
    w("summary of the driver", Field::Summary),
    w("summary", Field::Summary),
    w("brief summary", Field::Summary),
    w("overview", Field::Summary),
    w("key features of driver", Field::KeyFeatures),
    w("key features of the driver", Field::KeyFeatures),
    w("key features", Field::KeyFeatures),
    w("key points", Field::KeyFeatures),
    w("main features", Field::KeyFeatures),
    w("key messages", Field::KeyFeatures),
    w("key recommendations", Field::KeyFeatures),
    w("main points", Field::KeyFeatures),
    w("primary audience", Field::PrimaryAudience),
    w("target audience", Field::PrimaryAudience),
    w("audience", Field::PrimaryAudience),
    w("who is it for", Field::PrimaryAudience),
    w("who is it aimed at", Field::PrimaryAudience),
    w(
        "case studies/local service profile examples mapping to this driver",
        Field::CaseStudies,
    ),
    w(
        "case studies/local service profile examples",
        Field::CaseStudies,
    ),
    w("local service profile examples", Field::CaseStudies),
    w("case studies", Field::CaseStudies),
    w("case study examples", Field::CaseStudies),
    w("examples of local practice", Field::CaseStudies),
    w("keywords", Field::Keywords),
    w("key words", Field::Keywords),
    w("date last updated", Field::LastUpdated),
    w("last updated", Field::LastUpdated),
    w("date updated", Field::LastUpdated),
    w("date of last update", Field::LastUpdated),
    w("due for review", Field::ReviewDue),
    w("date due for review", Field::ReviewDue),
    w("review date", Field::ReviewDue),
    w("date of review", Field::ReviewDue),
    w("date for review", Field::ReviewDue),
    w("next review date", Field::ReviewDue),
    w("review due", Field::ReviewDue),
    w("group member responsible", Field::Owner),
    w("member responsible", Field::Owner),
    w("map group member responsible", Field::Owner),
    w("group member", Field::Owner),
    w("responsible group member", Field::Owner),
    w("map member responsible", Field::Owner),
    // Drivers, 2017 and the policy briefings.
    decisive("what does this mean for libraries", Field::Impact),
    decisive("what does this mean for library services", Field::Impact),
    decisive(
        "what does this mean for library and knowledge services",
        Field::Impact,
    ),
    decisive("what does this mean for lks", Field::Impact),
    // MAP Stories.
    w("library service", Field::Service),
    w("library and knowledge service", Field::Service),
    w("name of library service", Field::Service),
    w("name of service", Field::Service),
    w("organisation", Field::Service),
    w("library", Field::Service),
    w("service", Field::Service),
    w("date of story", Field::StoryDate),
    w("story date", Field::StoryDate),
    w("date", Field::StoryDate),
    w("project team", Field::Team),
    w("team", Field::Team),
    w("who was involved", Field::Team),
    w("project lead", Field::Team),
    w("project leads", Field::Team),
    w("resources required", Field::Resources),
    w("resources used", Field::Resources),
    w("resources needed", Field::Resources),
    w("timeframe", Field::Timeframe),
    w("time frame", Field::Timeframe),
    w("timescale", Field::Timeframe),
    w("timescales", Field::Timeframe),
    w("the story", Field::Story),
    w("story", Field::Story),
    w("background", Field::Story),
    w("what we did", Field::Story),
    w("impact for the library", Field::LibraryImpact),
    w(
        "impact for the library and the organisation",
        Field::LibraryImpact,
    ),
    w(
        "impact for the library and organisation",
        Field::LibraryImpact,
    ),
    w("impact for the organisation", Field::LibraryImpact),
    w("impact for the library service", Field::LibraryImpact),
    w("impact on the library", Field::LibraryImpact),
    w("impact on the organisation", Field::LibraryImpact),
    w("outcomes", Field::LibraryImpact),
    w("outcome", Field::LibraryImpact),
    w("benefits", Field::LibraryImpact),
    w("next steps", Field::NextSteps),
    w("what next", Field::NextSteps),
    w("quote", Field::Quote),
    w("feedback", Field::Quote),
    w("aligned to drivers", Field::Drivers),
    w("drivers", Field::Drivers),
    w("related drivers", Field::Drivers),
    // Meetings.
    w("teleconference instructions", Field::Teleconference),
    w("teleconference details", Field::Teleconference),
    w("teleconference", Field::Teleconference),
    w("dial in details", Field::Teleconference),
    w("dial-in details", Field::Teleconference),
    w("joining instructions", Field::Teleconference),
    w("conference call details", Field::Teleconference),
    w("conference call", Field::Teleconference),
    w("dial in number", Field::DialIn),
    w("dial-in number", Field::DialIn),
    w("dial in", Field::DialIn),
    w("dial-in", Field::DialIn),
    w("dial", Field::DialIn),
    w("telephone", Field::DialIn),
    w("phone", Field::DialIn),
    w("tel", Field::DialIn),
    w("access code", Field::AccessCode),
    w("access pin", Field::AccessCode),
    w("participant code", Field::AccessCode),
    w("participant pin", Field::AccessCode),
    w("conference code", Field::AccessCode),
    w("passcode", Field::AccessCode),
    w("pin", Field::AccessCode),
    w("agenda", Field::Agenda),
    w("agenda items", Field::Agenda),
];

impl Template {
    /// The template's fields and the ones it needs.
    pub fn fields(self) -> &'static TemplateFields {
        TEMPLATES
            .iter()
            .find(|t| t.template == self)
            .expect("every template is in TEMPLATES")
    }

    /// Whether the template is one of the driver templates.
    pub fn is_driver(self) -> bool {
        matches!(
            self,
            Template::Driver2013 | Template::Driver2017 | Template::Briefing
        )
    }
}

impl Field {
    /// Every field.
    pub const ALL: [Field; 29] = [
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
        Field::Keywords,
        Field::Service,
        Field::StoryDate,
        Field::Team,
        Field::Resources,
        Field::Timeframe,
        Field::Story,
        Field::LibraryImpact,
        Field::NextSteps,
        Field::Quote,
        Field::Drivers,
        Field::Teleconference,
        Field::DialIn,
        Field::AccessCode,
        Field::Agenda,
    ];

    /// The label as its template writes it, without the colon.
    pub fn label(self) -> &'static str {
        LABEL_NAMES
            .iter()
            .find(|(f, _)| *f == self)
            .map_or("", |(_, n)| n)
    }

    /// The templates that have the field.
    pub fn templates(self) -> impl Iterator<Item = Template> {
        TEMPLATES
            .iter()
            .filter(move |t| t.fields.contains(&self))
            .map(|t| t.template)
    }

    /// Whether the field is a meeting's (a teleconference or agenda heading), not a labelled
    /// field of a driver or story.
    pub fn is_meeting(self) -> bool {
        self.templates().all(|t| t == Template::Meeting)
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
                | Field::Keywords
                | Field::Team
                | Field::Resources
                | Field::Story
                | Field::LibraryImpact
                | Field::NextSteps
                | Field::Quote
                | Field::Drivers
        )
    }

    /// Whether the label marks a post as one on a template (`Source:` alone does not: news posts
    /// credit their pictures with it; nor does a link, a date, keywords or an organisation,
    /// which news gives too).
    pub fn is_distinctive(self) -> bool {
        !matches!(
            self,
            Field::Source
                | Field::Link
                | Field::Keywords
                | Field::StoryDate
                | Field::Service
                | Field::Quote
                | Field::Drivers
        ) && !self.is_meeting()
    }

    /// Whether `text`, written on the lines below the field's label, could be its value: a link
    /// must hold a URL and a date must read as one. Anything else leaves the label empty.
    pub fn could_be_value(self, text: &str) -> bool {
        match self {
            Field::Link => text.contains("://") || text.to_ascii_lowercase().contains("www."),
            Field::Published | Field::LastUpdated | Field::ReviewDue | Field::StoryDate => {
                crate::dates::parse_uk_date_loose(text).is_ok()
            }
            // A title is not a paragraph of sentences.
            Field::Title => text.chars().count() <= 300 && !crate::text::is_prose(text),
            _ => true,
        }
    }
}

/// Each field's label as its template writes it (in reports and when a driver is rendered as a
/// post).
const LABEL_NAMES: [(Field, &str); 29] = [
    (Field::Title, "Title of driver"),
    (Field::Source, "Source"),
    (Field::Impact, "Impact on library policy/practice"),
    (Field::Link, "Link to main document"),
    (
        Field::CaseStudies,
        "Case studies / Local service profile examples mapping to this driver",
    ),
    (Field::PublicationFormat, "Publication format"),
    (Field::Published, "Date of publication"),
    (Field::Summary, "Summary of driver"),
    (Field::KeyFeatures, "Key features of driver"),
    (Field::PrimaryAudience, "Primary audience"),
    (Field::LastUpdated, "Date last updated"),
    (Field::ReviewDue, "Due for review"),
    (Field::Owner, "Group member responsible"),
    (Field::AlternativeTitles, "Alternative Titles"),
    (Field::Keywords, "Keywords"),
    (Field::Service, "Library service"),
    (Field::StoryDate, "Date"),
    (Field::Team, "Project team"),
    (Field::Resources, "Resources required"),
    (Field::Timeframe, "Timeframe"),
    (Field::Story, "The story"),
    (Field::LibraryImpact, "Impact for the library"),
    (Field::NextSteps, "Next steps"),
    (Field::Quote, "Quote"),
    (Field::Drivers, "Drivers"),
    (Field::Teleconference, "Teleconference instructions"),
    (Field::DialIn, "Dial in"),
    (Field::AccessCode, "Access code"),
    (Field::Agenda, "Agenda"),
];

/// The template a post's labels say it is on: the one of which it has the most fields, when that
/// is at least two and one of them is distinctive (`Source:` and `Link:` alone are not), or a driver template when a wording that alone marks one
/// is there (`Title of driver:`, `What does this mean for libraries?`); the order of the labels
/// does not matter. A tie between a story and a driver is a driver.
pub fn template_of(labels: &[Labelled]) -> Option<Template> {
    let count = |t: Template| {
        let fields = t.fields().fields;
        let mut seen: Vec<Field> = labels
            .iter()
            .map(|l| l.field)
            .filter(|f| fields.contains(f))
            .collect();
        seen.sort();
        seen.dedup();
        if seen.iter().any(|f| f.is_distinctive()) {
            seen.len()
        } else {
            0
        }
    };
    let best_driver = [
        Template::Driver2013,
        Template::Driver2017,
        Template::Briefing,
    ]
    .into_iter()
    .max_by_key(|t| count(*t))
    .filter(|t| count(*t) >= 2);
    let story = count(Template::Story);
    let driver = best_driver.map_or(0, count);
    if story >= 2 && story > driver {
        Some(Template::Story)
    } else if best_driver.is_some() {
        best_driver
    } else if labels
        .iter()
        .any(|l| l.decisive && l.field.templates().any(Template::is_driver))
    {
        Some(Template::Driver2017)
    } else {
        None
    }
}

/// The wordings of a field, as [`LABELS`] gives them.
pub(crate) fn wordings(field: Field) -> impl Iterator<Item = &'static str> {
    LABELS
        .iter()
        .filter(move |w| w.field == field)
        .map(|w| w.text)
}

/// A label found at the start of a line, and the text after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Labelled {
    /// The field the label names.
    pub field: Field,
    /// The text after the label and its colon, cleaned; empty when the value is on later lines.
    pub value: String,
    /// Whether the wording alone marks its template (see [`Wording::decisive`]).
    pub decisive: bool,
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

/// Whether the text after a colon reads on as a sentence does: lower case, three words or more
/// (`the guidance was shortened`), not a link.
pub(crate) fn reads_on(value: &str) -> bool {
    value.starts_with(|c: char| c.is_lowercase())
        && value.split(' ').count() >= 3
        && !value.starts_with("http")
        && !value.starts_with("www.")
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
    // Only wordings that start as the line does are tried: a line is read in time linear in
    // its length, whatever the size of the table.
    let first = cleaned
        .trim_start_matches(QUOTES)
        .chars()
        .next()?
        .to_ascii_lowercase();
    LABELS
        .iter()
        .filter(|w| w.text.starts_with(first) && !w.field.is_meeting())
        .filter_map(|w| read_label(&cleaned, w).map(|value| (w, value)))
        .max_by_key(|(w, _)| w.text.len())
        .map(|(w, value)| Labelled {
            field: w.field,
            value: value.trim().to_string(),
            decisive: w.decisive,
        })
}

/// Quotation marks a label may be written in (`“The story”`, `‘The story’`).
const QUOTES: [char; 6] = ['"', '\'', '\u{201c}', '\u{201d}', '\u{2018}', '\u{2019}'];

/// The value after wording `w` at the start of `cleaned`, if the line is that label.
fn read_label<'a>(cleaned: &'a str, w: &Wording) -> Option<&'a str> {
    let unquoted = cleaned.trim_start_matches(QUOTES);
    let quoted = unquoted.len() != cleaned.len();
    let len = match_alias(unquoted, w.text)?;
    let mut rest = &unquoted[len..];
    if quoted {
        rest = rest.strip_prefix(QUOTES)?;
    }
    let words = w.text.split(' ').count();
    let after = rest.trim_start();
    if after.is_empty() {
        Some("")
    } else if let Some(v) = after.strip_prefix([':', '：', '?', '|']) {
        // `What does this mean for libraries?` ends its label with a question mark; a table's
        // row, laid out from a WordPress export, reads `Source | NHS England`.
        let v = v.trim_start_matches([':', ' ', '|']);
        // `Summary: the guidance was shortened…`: a word, a colon and a sentence in lower case
        // is prose, not a one-word label.
        // Keywords are written in lower case, as a list.
        (words >= 2 || w.field == Field::Keywords || !reads_on(v)).then_some(v)
    } else if let Some(v) = after
        .strip_prefix(['-', '–', '—'])
        .filter(|v| v.starts_with(' ') && (words >= 2 || !reads_on(v.trim_start())))
    {
        Some(v)
    } else if rest.starts_with(' ')
        && (words >= 2 || w.field == Field::Source)
        && (w.field == Field::Owner
            || !after.starts_with(|c: char| c.is_lowercase())
            || after.starts_with("http")
            || after.starts_with("www."))
        && (words >= 2 || no_colon_source(after))
    {
        // `Date of publication 1 December 2016`, `Link to main document https://…`,
        // `Source HEE`: no colon, but the value does not read on from the label as prose
        // would.
        Some(after)
    } else {
        None
    }
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
        check("Summary: the guidance was shortened in 2018.", None);
        check("Impact: the vanguards were wide", None);
        check("Format: pdf", Some((Field::PublicationFormat, "pdf")));
        check("Source – NHS England", Some((Field::Source, "NHS England")));
        check("Source | NHS England", Some((Field::Source, "NHS England")));
        check(
            "Source: | NHS England",
            Some((Field::Source, "NHS England")),
        );
        check("Summary – the plan was shortened in 2018", None);
        check(
            "Keywords: productivity; mental health",
            Some((Field::Keywords, "productivity; mental health")),
        );
        check("Summary of the meeting was short", None);
        check("Impact of the policy is wide", None);
        check("Source of truth is the web", None);
        check("Developing People – Improving Care: A framework", None);
    }

    #[test]
    fn every_field_has_a_name_a_wording_and_a_template() {
        for f in Field::ALL {
            assert!(!f.label().is_empty(), "{f:?} has no name");
            assert!(wordings(f).next().is_some(), "{f:?} has no wording");
            assert!(f.templates().next().is_some(), "{f:?} is in no template");
        }
        let mut seen = std::collections::BTreeSet::new();
        for w in LABELS {
            assert_eq!(w.text, clean(&w.text.to_lowercase()), "{:?}", w.text);
            assert!(seen.insert(w.text), "{:?} is in the table twice", w.text);
        }
        for t in TEMPLATES {
            assert!(
                t.required.iter().all(|f| t.fields.contains(f)),
                "{:?}",
                t.template
            );
        }
    }

    /// The template is decided by which labels are there, whatever their order.
    #[test]
    fn the_template_is_read_from_the_labels_present() {
        let of = |lines: &[&str]| {
            let labels: Vec<Labelled> = lines.iter().filter_map(|l| label(l)).collect();
            let mut reversed = labels.clone();
            reversed.reverse();
            assert_eq!(template_of(&labels), template_of(&reversed), "{lines:?}");
            template_of(&labels)
        };
        let driver = [
            "Source: NHS England",
            "Impact on library services:",
            "Key points:",
        ];
        assert!(of(&driver).is_some_and(Template::is_driver));
        assert_eq!(
            of(&[
                "Project team: A",
                "“The story”",
                "Impact for the library:",
                "Title: X"
            ]),
            Some(Template::Story)
        );
        assert!(of(&["What does this mean for libraries?"]).is_some_and(Template::is_driver));
        assert_eq!(
            of(&[
                "Library: Salford Royal",
                "Background:",
                "What we did: searches",
                "Outcomes:"
            ]),
            Some(Template::Story)
        );
        assert_eq!(of(&["Source: Getty Images"]), None);
        assert_eq!(of(&["Source: Getty Images", "Link: https://x.org"]), None);
        assert_eq!(of(&["Date: May 2018", "Keywords: a, b"]), None);
    }
}
