//! Drivers: national policy documents summarised on the toolkit's template.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::decode::{Decode, Decoder, Fields, Path, Value};
use crate::{PartialDate, Point};

/// A driver summary: one national policy document on the fixed template.
///
/// Field names follow the template's own words: "Impact on library policy/practice" is `impact`,
/// "Group member responsible" is `owner`.
///
/// The 2017 template dropped publication format, primary audience, owner and key features, so
/// those are optional (validation warns about each one missing). A `draft` may also lack its
/// source, date of publication, summary and impact: drafts validate with warnings, are listed in the
/// review register and never reach a briefing or the website (see [`crate::Toolkit::drafts`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Driver {
    /// Title of driver.
    pub title: String,
    /// Other names the document goes by, e.g. "the Carter Review".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alternative_titles: Vec<String>,
    /// Who published it. Only a draft may leave it out (empty).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
    /// Link to main document: an absolute `http`, `https` or `mailto` URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    /// Publication format, e.g. "PDF".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publication_format: Option<String>,
    /// Date of publication. Only a draft may leave it out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<PartialDate>,
    /// Date last updated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_updated: Option<PartialDate>,
    /// Due for review.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_due: Option<PartialDate>,
    /// Primary audience.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary_audience: Option<String>,
    /// Group member responsible: a member's initials or full name. Unowned drivers are
    /// allocated at the group's "Driver Allocation" standing item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// Whether the driver is national, regional or local.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<Level>,
    /// Kept for the record but no longer current; left out of briefings.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub archived: bool,
    /// Still being written: may lack `source`, `published`, `summary` and `impact`; never in a
    /// briefing.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub draft: bool,
    /// Members only (a private or password-protected post): never shown to the public audience,
    /// not even its title, and left out of the references of public stories and ideas.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub protected: bool,
    /// Theme ids from `toolkit.toml`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub themes: Vec<String>,
    /// One or two sentences for executives: what the driver means for the organisation (at
    /// most 400 characters). Where it is missing, the summary's first sentence stands in
    /// ([`Driver::headline_text`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headline: Option<String>,
    /// Summary of driver: paragraphs separated by blank lines. Only a draft may leave it out.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub summary: String,
    /// Impact on library policy/practice. Only a draft may leave it out (empty).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub impact: Vec<Point>,
    /// Key features of driver.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub key_features: Vec<Point>,
}

/// How widely a driver applies.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Applies across England or the UK.
    National,
    /// Applies to a region or STP area.
    Regional,
    /// Applies to one organisation or locality.
    Local,
}

impl Level {
    /// The level's name as readers see it: "National", "Regional", "Local".
    pub fn label(self) -> &'static str {
        match self {
            Level::National => "National",
            Level::Regional => "Regional",
            Level::Local => "Local",
        }
    }

    /// The name used in files: `national`, `regional`, `local`.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::National => "national",
            Level::Regional => "regional",
            Level::Local => "local",
        }
    }
}

impl Driver {
    /// The summary split into paragraphs at blank lines, each trimmed.
    ///
    /// ```
    /// let driver: maptoolkit_core::Driver = maptoolkit_core::parse_record(r#"
    /// title = "Developing People – Improving Care"
    /// source = "National Improvement and Leadership Development Board"
    /// publication_format = "PDF"
    /// published = "2016-12"
    /// primary_audience = "Senior managers"
    /// owner = "FG"
    /// summary = """
    /// First.
    ///
    ///   Second,
    /// still second.
    /// """
    /// impact = ["Take up leadership training."]
    /// key_features = ["Five conditions."]
    /// "#).unwrap();
    /// assert_eq!(driver.summary_paragraphs(), ["First.", "Second,\nstill second."]);
    /// ```
    pub fn summary_paragraphs(&self) -> Vec<&str> {
        paragraphs(&self.summary)
    }

    /// What the driver means for the organisation, for executives: the `headline`, or where
    /// there is none the summary's first sentence.
    ///
    /// ```
    /// let mut driver = maptoolkit_core::testing::driver();
    /// driver.summary = "A framework. For leaders.\n\nMore.".into();
    /// assert_eq!(driver.headline_text(), "A framework.");
    /// driver.headline = Some("Leaders need evidence.".into());
    /// assert_eq!(driver.headline_text(), "Leaders need evidence.");
    /// ```
    pub fn headline_text(&self) -> &str {
        match self.headline.as_deref().map(str::trim) {
            Some(h) if !h.is_empty() => h,
            _ => first_sentence(&self.summary),
        }
    }

    /// The template's fields this driver does not have yet, by their field names, in the
    /// template's order: what the group still has to find or allocate.
    ///
    /// ```
    /// let mut driver = maptoolkit_core::testing::driver();
    /// assert!(driver.missing_fields().is_empty());
    /// driver.owner = None;
    /// driver.key_features.clear();
    /// assert_eq!(driver.missing_fields(), ["key_features", "owner"]);
    /// ```
    pub fn missing_fields(&self) -> Vec<&'static str> {
        [
            ("source", self.source.trim().is_empty()),
            ("publication_format", self.publication_format.is_none()),
            ("published", self.published.is_none()),
            ("summary", self.summary.trim().is_empty()),
            ("impact", self.impact.is_empty()),
            ("key_features", self.key_features.is_empty()),
            ("primary_audience", self.primary_audience.is_none()),
            ("owner", self.owner.is_none()),
        ]
        .into_iter()
        .filter_map(|(name, missing)| missing.then_some(name))
        .collect()
    }
}

/// The first sentence of `text`: up to the first `.`, `!` or `?` followed by white space or
/// the end, or the first paragraph when there is none.
pub fn first_sentence(text: &str) -> &str {
    let first = paragraphs(text).into_iter().next().unwrap_or_default();
    let mut chars = first.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if matches!(c, '.' | '!' | '?') && chars.peek().is_none_or(|(_, next)| next.is_whitespace())
        {
            return &first[..i + c.len_utf8()];
        }
    }
    first
}

/// Splits text into paragraphs at blank lines, trimming each and dropping empty ones.
pub fn paragraphs(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if line.trim().is_empty() {
            out.push(text[start..offset].trim());
            start = offset + line.len();
        }
        offset += line.len();
    }
    out.push(text[start..].trim());
    out.retain(|p| !p.is_empty());
    out
}

impl Decode for Driver {
    fn decode(value: &Value<'_>, path: Path<'_>, d: &mut Decoder<'_>) -> Option<Driver> {
        Fields::table(value, path, d, |f, d| Driver {
            title: f.required("title", d).unwrap_or_default(),
            alternative_titles: f.optional("alternative_titles", d).unwrap_or_default(),
            source: f.optional("source", d).unwrap_or_default(),
            link: f.optional("link", d),
            publication_format: f.optional("publication_format", d),
            published: f.optional("published", d),
            last_updated: f.optional("last_updated", d),
            review_due: f.optional("review_due", d),
            primary_audience: f.optional("primary_audience", d),
            owner: f.optional("owner", d),
            level: f.optional("level", d),
            archived: f.optional("archived", d).unwrap_or_default(),
            draft: f.optional("draft", d).unwrap_or_default(),
            protected: f.optional("protected", d).unwrap_or_default(),
            themes: f.optional("themes", d).unwrap_or_default(),
            headline: f.optional("headline", d),
            summary: f.optional("summary", d).unwrap_or_default(),
            impact: f.optional("impact", d).unwrap_or_default(),
            key_features: f.optional("key_features", d).unwrap_or_default(),
        })
    }
}
