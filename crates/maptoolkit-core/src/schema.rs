//! JSON Schemas for the toolkit's files, so editors can check them as people type.

use schemars::{JsonSchema, Schema, SchemaGenerator};

use crate::{Briefing, Driver, IdeaCapture, MapStory, Meeting, ToolkitInfo};

/// The JSON Schema of each file kind, named as it should be saved: `toolkit.schema.json`,
/// `driver.schema.json`, `story.schema.json`, `idea.schema.json`, `meeting.schema.json`,
/// `briefing.schema.json`.
///
/// ```
/// let schemas = maptoolkit_core::schemas();
/// let (name, driver) = &schemas[1];
/// assert_eq!(*name, "driver.schema.json");
/// assert_eq!(driver.get("additionalProperties"), Some(&serde_json::json!(false)));
/// ```
pub fn schemas() -> Vec<(&'static str, Schema)> {
    vec![
        (
            "toolkit.schema.json",
            schema_for::<ToolkitInfo>("toolkit.toml"),
        ),
        (
            "driver.schema.json",
            schema_for::<Driver>("A driver summary (drivers/<slug>.toml)"),
        ),
        (
            "story.schema.json",
            schema_for::<MapStory>("A MAP Story (stories/<slug>.toml)"),
        ),
        (
            "idea.schema.json",
            schema_for::<IdeaCapture>("An Ideas Capture plan (ideas/<slug>.toml)"),
        ),
        (
            "meeting.schema.json",
            schema_for::<Meeting>("A meeting (meetings/<slug>.toml)"),
        ),
        (
            "briefing.schema.json",
            schema_for::<Briefing>("A briefing for one meeting (briefings/<slug>.toml)"),
        ),
    ]
}

fn schema_for<T: JsonSchema>(title: &str) -> Schema {
    let mut schema = SchemaGenerator::default().into_root_schema_for::<T>();
    schema.insert("title".to_string(), title.into());
    schema
}
