//! Ideas Capture: the project plan template (before 2017, the "project plan").

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::decode::{Decode, Decoder, Fields, Path, Value};

/// An Ideas Capture plan for a project a library service intends to run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IdeaCapture {
    /// What the project is called.
    pub title: String,
    /// Who will do the work.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
    /// Resources needed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resources: Option<String>,
    /// How long it should take.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeframe: Option<String>,
    /// What the project is.
    pub description: String,
    /// Slugs of the drivers it aligns to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub drivers: Vec<String>,
    /// The outcome it aims for.
    pub intended_outcome: String,
    /// What happens next.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_steps: Option<String>,
    /// Password-protected: never shown to the public audience.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub protected: bool,
}

impl Decode for IdeaCapture {
    fn decode(value: &Value<'_>, path: Path<'_>, d: &mut Decoder<'_>) -> Option<IdeaCapture> {
        Fields::table(value, path, d, |f, d| IdeaCapture {
            title: f.required("title", d).unwrap_or_default(),
            team: f.optional("team", d),
            resources: f.optional("resources", d),
            timeframe: f.optional("timeframe", d),
            description: f.required("description", d).unwrap_or_default(),
            drivers: f.optional("drivers", d).unwrap_or_default(),
            intended_outcome: f.required("intended_outcome", d).unwrap_or_default(),
            next_steps: f.optional("next_steps", d),
            protected: f.optional("protected", d).unwrap_or_default(),
        })
    }
}
