//! Meeting packs: the agenda of one meeting, with teleconference details for members only.

use maptoolkit_core::{Meeting, Toolkit};

use crate::text::{count, owner_name};
use crate::{
    Audience, Block, Document, ExportOptions, Heading, Inline, KeyValue, List, ListItem, Metadata,
};

/// Composes the pack for one meeting of a toolkit already filtered for its audience.
pub(crate) fn meeting_pack(
    toolkit: &Toolkit,
    meeting: &Meeting,
    options: &ExportOptions,
) -> Document {
    let mut blocks = vec![Block::Title(meeting.title.clone())];
    let marking = options.audience.marking();
    if let Some(marking) = marking {
        blocks.push(Block::Paragraph(vec![Inline::Strong(marking.to_string())]));
    }
    let kv = |key: &str, value: String| KeyValue {
        key: key.to_string(),
        value: vec![Inline::Text(value)],
    };

    let mut rows = vec![kv("Date", meeting.date.to_uk_string())];
    match (meeting.start, meeting.end) {
        (Some(start), Some(end)) => rows.push(kv(
            "Time",
            format!("{} to {}", start.to_uk_string(), end.to_uk_string()),
        )),
        (Some(start), None) => rows.push(kv("Time", format!("From {}", start.to_uk_string()))),
        _ => {}
    }
    if let Some(venue) = &meeting.venue {
        rows.push(kv("Venue", venue.clone()));
    }
    rows.push(kv("Group", toolkit.info().name.clone()));
    if let Some(chair) = &meeting.chair {
        rows.push(kv("Chair", person(toolkit, chair)));
    }
    for (key, names) in [
        ("Attendees", &meeting.attendees),
        ("Apologies", &meeting.apologies),
    ] {
        if !names.is_empty() {
            let names: Vec<String> = names.iter().map(|n| person(toolkit, n)).collect();
            rows.push(kv(key, names.join("; ")));
        }
    }
    if meeting.protected {
        rows.push(kv(
            "Protected",
            "Members only: do not circulate".to_string(),
        ));
    }
    blocks.push(Block::KeyValue(rows));

    if options.audience == Audience::Members
        && let Some(tele) = &meeting.teleconference
    {
        blocks.push(Block::Heading(Heading {
            level: 1,
            text: "Teleconference".to_string(),
            anchor: "teleconference".to_string(),
        }));
        let mut rows = Vec::new();
        for (key, value) in [
            ("Dial in", &tele.dial_in),
            ("Access code", &tele.access_code),
            ("Notes", &tele.notes),
        ] {
            if let Some(v) = value {
                rows.push(kv(key, v.clone()));
            }
        }
        blocks.push(Block::KeyValue(rows));
    }

    blocks.push(Block::Heading(Heading {
        level: 1,
        text: "Agenda".to_string(),
        anchor: "agenda".to_string(),
    }));
    if meeting.agenda.is_empty() {
        blocks.push(Block::Paragraph(vec![Inline::Emphasis(
            "No agenda has been recorded.".to_string(),
        )]));
    } else {
        let items = meeting
            .agenda
            .iter()
            .map(|item| {
                let mut content = Vec::new();
                if item.standing {
                    content.push(Inline::Strong("Standing item: ".to_string()));
                }
                content.push(Inline::text(&item.title));
                let mut about = Vec::new();
                if let Some(lead) = &item.lead {
                    about.push(format!("led by {}", person(toolkit, lead)));
                }
                if let Some(minutes) = item.minutes {
                    about.push(count(minutes as usize, "minute", "minutes"));
                }
                if !about.is_empty() {
                    content.push(Inline::Emphasis(format!(" ({})", about.join(", "))));
                }
                let papers = item.papers.iter().map(|p| ListItem {
                    content: vec![Inline::Emphasis("Paper: ".to_string()), Inline::text(p)],
                    children: vec![],
                });
                let subs = item.items.iter().map(|i| ListItem {
                    content: vec![Inline::text(i)],
                    children: vec![],
                });
                ListItem {
                    content,
                    children: papers.chain(subs).collect(),
                }
            })
            .collect();
        blocks.push(Block::List(List {
            numbered: true,
            items,
        }));
    }

    Document {
        meta: Metadata {
            title: meeting.title.clone(),
            // What the title does not say: whose meeting and when.
            subject: format!(
                "{} meeting pack, {}",
                toolkit.info().name,
                meeting.date.to_uk_string()
            ),
            author: toolkit.info().organisation.clone(),
            language: "en-GB".to_string(),
            as_of: options.as_of.to_string(),
            created: options.created,
            marking: marking.map(String::from),
        },
        blocks,
    }
}

/// A person an agenda or a list of attendees names: a member, by initials or name, as
/// "Victoria Treadway (VT)"; anyone else as written.
fn person(toolkit: &Toolkit, name: &str) -> String {
    owner_name(toolkit, Some(name.trim()))
}
