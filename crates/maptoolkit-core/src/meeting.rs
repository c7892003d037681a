//! Meetings of the toolkit group: agenda, standing items and teleconference details.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::decode::{Decode, Decoder, Fields, Path, Value};
use crate::{PartialDate, TimeOfDay};

/// A group meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    /// E.g. "Meeting 8th February 2017".
    pub title: String,
    /// The day of the meeting.
    pub date: PartialDate,
    /// When it starts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<TimeOfDay>,
    /// When it ends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<TimeOfDay>,
    /// Password-protected: never shown to the public audience, not even its title.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub protected: bool,
    /// How to join by phone; only ever shown to members.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub teleconference: Option<Teleconference>,
    /// Who chairs the meeting: a name or a member's initials.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chair: Option<String>,
    /// Where it is held, e.g. "Boardroom, Leighton Hospital".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub venue: Option<String>,
    /// Who attends: names or members' initials.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attendees: Vec<String>,
    /// Who sent apologies: names or members' initials.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub apologies: Vec<String>,
    /// The agenda, in order.
    #[serde(default)]
    pub agenda: Vec<AgendaItem>,
}

/// Teleconference instructions.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Teleconference {
    /// The number to dial, e.g. `+44-203-478-5289`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dial_in: Option<String>,
    /// The access code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_code: Option<String>,
    /// Anything else, e.g. "Join at no password required".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// One item of an agenda.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AgendaItem {
    /// What the item is, e.g. "Driver Allocation".
    pub title: String,
    /// A standing item, on every agenda.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub standing: bool,
    /// Papers for the item, e.g. "MAP Toolkit marketing plan v2".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub papers: Vec<String>,
    /// Sub-items.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<String>,
    /// Who leads the item: a name or a member's initials.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead: Option<String>,
    /// How long the item takes, in minutes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes: Option<u32>,
}

impl Decode for Meeting {
    fn decode(value: &Value<'_>, path: Path<'_>, d: &mut Decoder<'_>) -> Option<Meeting> {
        Fields::table(value, path, d, |f, d| Meeting {
            title: f.required("title", d).unwrap_or_default(),
            date: f.required("date", d).unwrap_or(PartialDate::PLACEHOLDER),
            start: f.optional("start", d),
            end: f.optional("end", d),
            protected: f.optional("protected", d).unwrap_or_default(),
            teleconference: f.optional("teleconference", d),
            chair: f.optional("chair", d),
            venue: f.optional("venue", d),
            attendees: f.optional("attendees", d).unwrap_or_default(),
            apologies: f.optional("apologies", d).unwrap_or_default(),
            agenda: f.optional("agenda", d).unwrap_or_default(),
        })
    }
}

impl Decode for Teleconference {
    fn decode(value: &Value<'_>, path: Path<'_>, d: &mut Decoder<'_>) -> Option<Teleconference> {
        Fields::table(value, path, d, |f, d| Teleconference {
            dial_in: f.optional("dial_in", d),
            access_code: f.optional("access_code", d),
            notes: f.optional("notes", d),
        })
    }
}

impl Decode for AgendaItem {
    fn decode(value: &Value<'_>, path: Path<'_>, d: &mut Decoder<'_>) -> Option<AgendaItem> {
        Fields::table(value, path, d, |f, d| AgendaItem {
            title: f.required("title", d).unwrap_or_default(),
            standing: f.optional("standing", d).unwrap_or_default(),
            papers: f.optional("papers", d).unwrap_or_default(),
            items: f.optional("items", d).unwrap_or_default(),
            lead: f.optional("lead", d),
            minutes: f.optional("minutes", d),
        })
    }
}
