//! Small, valid records for tests and examples in this and other crates.
//!
//! The records are the archive's "Developing People – Improving Care" driver and its meetings,
//! cut short. Every function returns fresh data, so tests may change it freely.

use crate::{
    AgendaItem, Driver, Entry, Level, MapStory, Meeting, Member, Point, Teleconference, Theme,
    Toolkit, ToolkitInfo, ToolkitSource,
};

/// A valid driver.
pub fn driver() -> Driver {
    Driver {
        title: "Developing People – Improving Care".to_string(),
        alternative_titles: vec![],
        source: "National Improvement and Leadership Development Board".to_string(),
        link: Some("https://improvement.nhs.uk/resources/developing-people-improving-care/".to_string()),
        publication_format: Some("PDF".to_string()),
        published: Some("2016-12-01".parse().expect("valid date")),
        last_updated: Some("2017-02".parse().expect("valid date")),
        review_due: Some("2018-02".parse().expect("valid date")),
        primary_audience: Some("Senior managers in NHS organisations and partners".to_string()),
        owner: Some("FG".to_string()),
        level: Some(Level::National),
        archived: false,
        draft: false,
        protected: false,
        themes: vec!["workforce".to_string()],
        headline: None,
        summary: "A framework for compassionate leadership.\n\nThis is the first version – further updates are envisioned.".to_string(),
        impact: vec![Point::new("Library staff should take up leadership training.")],
        key_features: vec![Point::with_children(
            "The focus is on leadership and improvement skills:",
            vec![Point::new("Systems leadership"), Point::new("Talent management")],
        )],
    }
}

/// A valid MAP Story aligned to [`driver`].
pub fn story() -> MapStory {
    MapStory {
        title: "Evidence for the leadership programme".to_string(),
        service: "Mid Cheshire Library Service".to_string(),
        date: "2017-06".parse().expect("valid date"),
        team: None,
        resources: None,
        timeframe: None,
        story: "The library searched the evidence for the trust’s new leadership programme."
            .to_string(),
        drivers: vec!["developing-people".to_string()],
        themes: vec![],
        impact: vec![Point::new("The programme used the evidence summary.")],
        next_steps: None,
        quote: None,
        protected: false,
    }
}

/// A valid meeting with teleconference details, protected or not.
pub fn meeting(protected: bool) -> Meeting {
    Meeting {
        title: "Meeting 8th February 2017".to_string(),
        date: "2017-02-08".parse().expect("valid date"),
        start: Some("13:00".parse().expect("valid time")),
        end: Some("14:00".parse().expect("valid time")),
        protected,
        teleconference: Some(Teleconference {
            dial_in: Some("+44-203-478-5289".to_string()),
            access_code: Some("237 585 892".to_string()),
            notes: None,
        }),
        chair: None,
        venue: None,
        attendees: vec![],
        apologies: vec![],
        agenda: vec![AgendaItem {
            title: "Driver Allocation".to_string(),
            standing: true,
            ..AgendaItem::default()
        }],
    }
}

/// A valid source: the toolkit's info, [`driver`], [`story`] and two meetings, one protected.
pub fn source() -> ToolkitSource {
    ToolkitSource {
        info: ToolkitInfo {
            name: "MAP Toolkit".to_string(),
            organisation: "North West NHS Library and Knowledge Services".to_string(),
            members: vec![
                Member {
                    initials: "FG".to_string(),
                    name: "F G".to_string(),
                    role: None,
                },
                Member {
                    initials: "VT".to_string(),
                    name: "Victoria Treadway".to_string(),
                    role: None,
                },
            ],
            themes: vec![Theme {
                id: "workforce".to_string(),
                name: "Workforce".to_string(),
                description: None,
            }],
        },
        drivers: vec![Entry::new("developing-people", driver())],
        stories: vec![Entry::new("leadership-evidence", story())],
        ideas: vec![],
        meetings: vec![
            Entry::new("meeting-2017-02-08", meeting(false)),
            Entry::new("meeting-2017-03-22", meeting(true)),
        ],
        briefings: vec![],
    }
}

/// [`source`], validated.
pub fn toolkit() -> Toolkit {
    source()
        .validate(None)
        .expect("the testing source is valid")
        .toolkit
}
