//! `toolkit.toml`: who keeps the toolkit, its group members and its themes.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::decode::{Decode, Decoder, Fields, Path, Value};

/// The contents of `toolkit.toml`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ToolkitInfo {
    /// The toolkit's name, e.g. "MAP Toolkit".
    pub name: String,
    /// The organisation or network that keeps it; shown on briefings.
    pub organisation: String,
    /// Group members, who can be responsible for drivers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<Member>,
    /// Themes that drivers and stories are grouped by.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub themes: Vec<Theme>,
}

/// A member of the toolkit group.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Member {
    /// Initials, as the template's "Group member responsible" gives them, e.g. `VT`.
    pub initials: String,
    /// Full name.
    pub name: String,
    /// Role in the group, e.g. "MAP Toolkit Lead".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
}

/// A theme drivers and stories can be grouped by.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Theme {
    /// Identifier other records use, e.g. `transformation`.
    pub id: String,
    /// Name shown to readers.
    pub name: String,
    /// What the theme covers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

impl ToolkitInfo {
    /// The member a driver's `owner` names: by initials or by full name, ignoring case and
    /// surrounding spaces.
    ///
    /// ```
    /// use maptoolkit_core::{Member, ToolkitInfo};
    /// let info = ToolkitInfo {
    ///     members: vec![Member { initials: "VT".into(), name: "Victoria Treadway".into(), role: None }],
    ///     ..ToolkitInfo::default()
    /// };
    /// assert_eq!(info.member("vt").unwrap().name, "Victoria Treadway");
    /// assert_eq!(info.member(" Victoria Treadway").unwrap().initials, "VT");
    /// assert!(info.member("TP").is_none());
    /// ```
    ///
    /// This looks through every member; [`crate::Toolkit::member`] finds one through an index,
    /// for looking up many.
    pub fn member(&self, owner: &str) -> Option<&Member> {
        let (initials, name) = (initials_key(owner), name_key(owner));
        self.members
            .iter()
            .find(|m| initials_key(&m.initials) == initials || name_key(&m.name) == name)
    }

    /// The theme with this id. This looks through every theme; [`crate::Toolkit::theme`] finds
    /// one through an index.
    pub fn theme(&self, id: &str) -> Option<&Theme> {
        self.themes.iter().find(|t| t.id == id)
    }
}

/// How initials are compared: without surrounding spaces, ignoring ASCII case.
fn initials_key(initials: &str) -> String {
    initials.trim().to_ascii_lowercase()
}

/// How full names are compared: without surrounding spaces, ignoring case.
fn name_key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// The members by initials and by full name, built once, so that finding the owner of each of
/// many drivers is a search rather than a pass over every member.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct MemberIndex {
    by_initials: BTreeMap<String, usize>,
    by_name: BTreeMap<String, usize>,
}

impl MemberIndex {
    /// The index of `members`.
    pub(crate) fn new(members: &[Member]) -> MemberIndex {
        let mut index = MemberIndex::default();
        for (i, m) in members.iter().enumerate() {
            index
                .by_initials
                .entry(initials_key(&m.initials))
                .or_insert(i);
            index.by_name.entry(name_key(&m.name)).or_insert(i);
        }
        index
    }

    /// The position of the member `owner` names, as [`ToolkitInfo::member`] finds it: the first
    /// member whose initials or name match.
    pub(crate) fn find(&self, owner: &str) -> Option<usize> {
        let by_initials = self.by_initials.get(&initials_key(owner)).copied();
        let by_name = self.by_name.get(&name_key(owner)).copied();
        by_initials.into_iter().chain(by_name).min()
    }
}

impl Decode for ToolkitInfo {
    fn decode(value: &Value<'_>, path: Path<'_>, d: &mut Decoder<'_>) -> Option<ToolkitInfo> {
        Fields::table(value, path, d, |f, d| ToolkitInfo {
            name: f.required("name", d).unwrap_or_default(),
            organisation: f.required("organisation", d).unwrap_or_default(),
            members: f.optional("members", d).unwrap_or_default(),
            themes: f.optional("themes", d).unwrap_or_default(),
        })
    }
}

impl Decode for Member {
    fn decode(value: &Value<'_>, path: Path<'_>, d: &mut Decoder<'_>) -> Option<Member> {
        Fields::table(value, path, d, |f, d| Member {
            initials: f.required("initials", d).unwrap_or_default(),
            name: f.required("name", d).unwrap_or_default(),
            role: f.optional("role", d),
        })
    }
}

impl Decode for Theme {
    fn decode(value: &Value<'_>, path: Path<'_>, d: &mut Decoder<'_>) -> Option<Theme> {
        Fields::table(value, path, d, |f, d| Theme {
            id: f.required("id", d).unwrap_or_default(),
            name: f.required("name", d).unwrap_or_default(),
            description: f.optional("description", d),
        })
    }
}
