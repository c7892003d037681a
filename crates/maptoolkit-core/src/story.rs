//! MAP Stories: short, informal case studies of a library service's impact.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::decode::{Decode, Decoder, Fields, Path, Value};
use crate::{PartialDate, Point};

/// A MAP Story (called a case study before 2017).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MapStory {
    /// What the story is called.
    pub title: String,
    /// The library service it is about.
    pub service: String,
    /// When it happened or was written.
    pub date: PartialDate,
    /// Who did the work.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
    /// Resources used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resources: Option<String>,
    /// How long it took.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeframe: Option<String>,
    /// The story itself: paragraphs separated by blank lines.
    pub story: String,
    /// Slugs of the drivers it aligns to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub drivers: Vec<String>,
    /// Theme ids from `toolkit.toml`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub themes: Vec<String>,
    /// Impact for the library and the organisation.
    pub impact: Vec<Point>,
    /// What happens next.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_steps: Option<String>,
    /// What someone who benefited said.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<Quote>,
    /// Password-protected: never shown to the public audience.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub protected: bool,
}

/// A quotation and who said it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Quote {
    /// The words.
    pub text: String,
    /// Who said them, e.g. "Consultant physician".
    pub by: String,
}

impl Decode for MapStory {
    fn decode(value: &Value<'_>, path: Path<'_>, d: &mut Decoder<'_>) -> Option<MapStory> {
        Fields::table(value, path, d, |f, d| MapStory {
            title: f.required("title", d).unwrap_or_default(),
            service: f.required("service", d).unwrap_or_default(),
            date: f.required("date", d).unwrap_or(PartialDate::PLACEHOLDER),
            team: f.optional("team", d),
            resources: f.optional("resources", d),
            timeframe: f.optional("timeframe", d),
            story: f.required("story", d).unwrap_or_default(),
            drivers: f.optional("drivers", d).unwrap_or_default(),
            themes: f.optional("themes", d).unwrap_or_default(),
            impact: f.required("impact", d).unwrap_or_default(),
            next_steps: f.optional("next_steps", d),
            quote: f.optional("quote", d),
            protected: f.optional("protected", d).unwrap_or_default(),
        })
    }
}

impl Decode for Quote {
    fn decode(value: &Value<'_>, path: Path<'_>, d: &mut Decoder<'_>) -> Option<Quote> {
        Fields::table(value, path, d, |f, d| Quote {
            text: f.required("text", d).unwrap_or_default(),
            by: f.required("by", d).unwrap_or_default(),
        })
    }
}
