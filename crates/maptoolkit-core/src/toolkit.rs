//! The validated toolkit: the only form exporters see.

use std::collections::BTreeMap;

use crate::{
    Date, Driver, Entry, IdeaCapture, MapStory, Meeting, Member, ReviewStatus, ToolkitInfo,
    ToolkitSource,
};

/// A toolkit whose every rule holds: owners are members, themes and driver references exist,
/// dates are in order, links are safe, slugs are unique and safe as file names.
///
/// Get one from [`crate::load`] or [`ToolkitSource::validate`]; it cannot be built otherwise.
/// Records are kept in slug order.
#[derive(Debug, Clone, PartialEq)]
pub struct Toolkit {
    info: ToolkitInfo,
    drivers: BTreeMap<String, Driver>,
    stories: BTreeMap<String, MapStory>,
    ideas: BTreeMap<String, IdeaCapture>,
    meetings: BTreeMap<String, Meeting>,
}

fn by_slug<T>(entries: Vec<Entry<T>>) -> BTreeMap<String, T> {
    entries.into_iter().map(|e| (e.slug, e.record)).collect()
}

fn to_entries<T>(map: BTreeMap<String, T>) -> Vec<Entry<T>> {
    map.into_iter()
        .map(|(slug, record)| Entry { slug, record })
        .collect()
}

impl Toolkit {
    /// Wraps a source that validation has passed.
    pub(crate) fn from_checked(source: ToolkitSource) -> Toolkit {
        Toolkit {
            info: source.info,
            drivers: by_slug(source.drivers),
            stories: by_slug(source.stories),
            ideas: by_slug(source.ideas),
            meetings: by_slug(source.meetings),
        }
    }

    /// `toolkit.toml`: name, organisation, members and themes.
    pub fn info(&self) -> &ToolkitInfo {
        &self.info
    }

    /// Drivers by slug.
    pub fn drivers(&self) -> &BTreeMap<String, Driver> {
        &self.drivers
    }

    /// MAP Stories by slug.
    pub fn stories(&self) -> &BTreeMap<String, MapStory> {
        &self.stories
    }

    /// Ideas Capture plans by slug.
    pub fn ideas(&self) -> &BTreeMap<String, IdeaCapture> {
        &self.ideas
    }

    /// Meetings by slug.
    pub fn meetings(&self) -> &BTreeMap<String, Meeting> {
        &self.meetings
    }

    /// The member responsible for a driver. Always found: validation checked it.
    pub fn owner(&self, driver: &Driver) -> Option<&Member> {
        self.info.member(&driver.owner)
    }

    /// The MAP Stories aligned to a driver, by slug.
    pub fn stories_for<'a>(
        &'a self,
        driver_slug: &'a str,
    ) -> impl Iterator<Item = (&'a str, &'a MapStory)> {
        self.stories
            .iter()
            .filter(move |(_, s)| s.drivers.iter().any(|d| d == driver_slug))
            .map(|(slug, s)| (slug.as_str(), s))
    }

    /// A driver's review status as of a date, counting reviews within `window_days` as due soon.
    pub fn review_status(driver: &Driver, as_of: Date, window_days: i64) -> ReviewStatus {
        ReviewStatus::of(driver.review_due, as_of, window_days)
    }

    /// The toolkit as the public may see it: protected stories, ideas and meetings removed, and
    /// teleconference details removed from every meeting.
    ///
    /// This is the one place protection is enforced; composers for public audiences start here.
    ///
    /// ```
    /// let toolkit = maptoolkit_core::testing::toolkit();
    /// assert!(toolkit.meetings().values().any(|m| m.protected));
    /// let public = toolkit.redacted();
    /// assert!(public.meetings().values().all(|m| !m.protected && m.teleconference.is_none()));
    /// ```
    pub fn redacted(&self) -> Toolkit {
        self.clone().into_redacted()
    }

    /// [`Toolkit::redacted`] without copying: what may go into a public document.
    pub fn into_redacted(mut self) -> Toolkit {
        self.stories.retain(|_, s| !s.protected);
        self.ideas.retain(|_, i| !i.protected);
        self.meetings.retain(|_, m| !m.protected);
        for meeting in self.meetings.values_mut() {
            meeting.teleconference = None;
        }
        self
    }

    /// Whether redacting would change nothing: no protected record and no teleconference
    /// details.
    ///
    /// ```
    /// let toolkit = maptoolkit_core::testing::toolkit();
    /// assert!(!toolkit.is_public());
    /// assert!(toolkit.redacted().is_public());
    /// ```
    pub fn is_public(&self) -> bool {
        self.stories.values().all(|s| !s.protected)
            && self.ideas.values().all(|i| !i.protected)
            && self
                .meetings
                .values()
                .all(|m| !m.protected && m.teleconference.is_none())
    }

    /// The toolkit's records as an editable source, to change and validate again.
    pub fn into_source(self) -> ToolkitSource {
        ToolkitSource {
            info: self.info,
            drivers: to_entries(self.drivers),
            stories: to_entries(self.stories),
            ideas: to_entries(self.ideas),
            meetings: to_entries(self.meetings),
        }
    }
}
