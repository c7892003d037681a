//! An unvalidated toolkit, as read from files or built by another program.

use crate::{Briefing, Driver, IdeaCapture, MapStory, Meeting, ToolkitInfo};

/// One record and the slug other records know it by: its file stem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry<T> {
    /// The slug, e.g. `carter-review` for `drivers/carter-review.toml`.
    pub slug: String,
    /// The record.
    pub record: T,
}

impl<T> Entry<T> {
    /// A record with its slug.
    pub fn new(slug: impl Into<String>, record: T) -> Entry<T> {
        Entry {
            slug: slug.into(),
            record,
        }
    }
}

/// A toolkit that has not been checked yet.
///
/// Build one in code, or let [`crate::load`] read one from a folder, then call
/// [`ToolkitSource::validate`] to get a [`crate::Toolkit`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ToolkitSource {
    /// `toolkit.toml`.
    pub info: ToolkitInfo,
    /// `drivers/<slug>.toml`.
    pub drivers: Vec<Entry<Driver>>,
    /// `stories/<slug>.toml`.
    pub stories: Vec<Entry<MapStory>>,
    /// `ideas/<slug>.toml`.
    pub ideas: Vec<Entry<IdeaCapture>>,
    /// `meetings/<slug>.toml`.
    pub meetings: Vec<Entry<Meeting>>,
    /// `briefings/<slug>.toml`.
    pub briefings: Vec<Entry<Briefing>>,
}

/// The kinds of record a toolkit holds, each in its own folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RecordKind {
    /// Drivers, in `drivers/`.
    Driver,
    /// MAP Stories, in `stories/`.
    Story,
    /// Ideas Capture plans, in `ideas/`.
    Idea,
    /// Meetings, in `meetings/`.
    Meeting,
    /// Briefing definitions, in `briefings/`.
    Briefing,
}

impl RecordKind {
    /// Every kind, in the order they are read.
    pub const ALL: [RecordKind; 5] = [
        RecordKind::Driver,
        RecordKind::Story,
        RecordKind::Idea,
        RecordKind::Meeting,
        RecordKind::Briefing,
    ];

    /// The folder records of this kind live in.
    pub fn folder(self) -> &'static str {
        match self {
            RecordKind::Driver => "drivers",
            RecordKind::Story => "stories",
            RecordKind::Idea => "ideas",
            RecordKind::Meeting => "meetings",
            RecordKind::Briefing => "briefings",
        }
    }

    /// The file a record of this kind with this slug lives in, relative to the toolkit folder.
    pub fn file(self, slug: &str) -> String {
        format!("{}/{slug}.toml", self.folder())
    }
}
