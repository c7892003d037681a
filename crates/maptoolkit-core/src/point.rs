//! Points: the template's bullets, with sub-points nested to any depth.
//!
//! In a file a point is either a plain string or a table `{ text, children }`, so the common case
//! stays short:
//!
//! ```toml
//! key_features = [
//!     "A framework for developing the skills of NHS-funded staff.",
//!     { text = "It closes gaps named in the Five Year Forward View:", children = [
//!         "Systems leadership",
//!         "Quality improvement methods knowledge",
//!     ] },
//! ]
//! ```

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A bullet point and its sub-points.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Point {
    /// The point's text.
    pub text: String,
    /// Sub-points, one level deeper.
    pub children: Vec<Point>,
}

impl Point {
    /// A point without sub-points.
    pub fn new(text: impl Into<String>) -> Point {
        Point {
            text: text.into(),
            children: Vec::new(),
        }
    }

    /// A point with sub-points.
    pub fn with_children(text: impl Into<String>, children: Vec<Point>) -> Point {
        Point {
            text: text.into(),
            children,
        }
    }

    /// How many levels deep the point goes: 1 for a point without sub-points.
    pub fn depth(&self) -> usize {
        1 + self.children.iter().map(Point::depth).max().unwrap_or(0)
    }
}

impl From<&str> for Point {
    fn from(text: &str) -> Point {
        Point::new(text)
    }
}

/// The table form of a point, as written in files.
#[derive(Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct PointTable {
    /// The point's text.
    text: String,
    /// Sub-points.
    #[serde(default)]
    children: Vec<Point>,
}

/// How a point may be written: a string, or a table with sub-points.
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
enum PointForm {
    Text(String),
    Table(PointTable),
}

impl Serialize for Point {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.children.is_empty() {
            s.serialize_str(&self.text)
        } else {
            PointTable {
                text: self.text.clone(),
                children: self.children.clone(),
            }
            .serialize(s)
        }
    }
}

impl<'de> Deserialize<'de> for Point {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Point, D::Error> {
        struct PointVisitor;

        impl<'de> Visitor<'de> for PointVisitor {
            type Value = Point;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string or a table { text, children }")
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Point, E> {
                Ok(Point::new(v))
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Point, A::Error> {
                let t = PointTable::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(Point {
                    text: t.text,
                    children: t.children,
                })
            }
        }

        d.deserialize_any(PointVisitor)
    }
}

impl JsonSchema for Point {
    fn schema_name() -> Cow<'static, str> {
        "Point".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        PointForm::json_schema(generator)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize, Serialize)]
    struct Holder {
        points: Vec<Point>,
    }

    #[test]
    fn reads_strings_and_nested_tables() {
        let h: Holder = toml::from_str(
            r#"points = ["a", { text = "b", children = ["b1", { text = "b2", children = ["b2i"] }] }]"#,
        )
        .unwrap();
        assert_eq!(h.points[0], Point::new("a"));
        assert_eq!(h.points[1].children[1].children[0].text, "b2i");
        assert_eq!(h.points[1].depth(), 3);
    }

    #[test]
    fn round_trips_through_toml() {
        let h = Holder {
            points: vec![
                Point::with_children("x", vec![Point::new("y")]),
                Point::new("z"),
            ],
        };
        let text = toml::to_string(&h).unwrap();
        let back: Holder = toml::from_str(&text).unwrap();
        assert_eq!(back.points, h.points);
    }

    #[test]
    fn unknown_point_field_is_refused() {
        let err = toml::from_str::<Holder>(r#"points = [{ txt = "a" }]"#).unwrap_err();
        assert!(err.to_string().contains("unknown field `txt`"), "{err}");
    }
}
