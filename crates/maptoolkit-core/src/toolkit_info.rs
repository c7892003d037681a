//! `toolkit.toml`: who keeps the toolkit, its group members and its themes.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

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
    pub fn member(&self, owner: &str) -> Option<&Member> {
        let owner = owner.trim();
        self.members.iter().find(|m| {
            m.initials.trim().eq_ignore_ascii_case(owner)
                || m.name.trim().to_lowercase() == owner.to_lowercase()
        })
    }

    /// The theme with this id.
    pub fn theme(&self, id: &str) -> Option<&Theme> {
        self.themes.iter().find(|t| t.id == id)
    }
}
