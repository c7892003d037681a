//! The validated toolkit: the only form exporters see.

use std::collections::BTreeMap;

use crate::toolkit_info::MemberIndex;
use crate::{
    Briefing, Date, Driver, DriverSelection, Entry, IdeaCapture, MapStory, Meeting, Member, Report,
    ReviewStatus, Theme, ToolkitInfo, ToolkitSource,
};

/// A toolkit whose every rule holds: owners are members, themes and driver references exist,
/// dates are in order, links are safe, slugs are unique and safe as file names.
///
/// Get one from [`crate::load`] or [`ToolkitSource::validate`]; it cannot be built otherwise.
/// Records are kept in slug order. Members, themes and the stories of each driver are found
/// through indexes built once, so looking them up for every driver stays cheap.
#[derive(Debug, Clone, PartialEq)]
pub struct Toolkit {
    info: ToolkitInfo,
    drivers: BTreeMap<String, Driver>,
    drafts: BTreeMap<String, Driver>,
    stories: BTreeMap<String, MapStory>,
    ideas: BTreeMap<String, IdeaCapture>,
    meetings: BTreeMap<String, Meeting>,
    briefings: BTreeMap<String, Briefing>,
    index: Index,
}

/// Lookups by name, built once from the records.
#[derive(Debug, Clone, PartialEq, Default)]
struct Index {
    members: MemberIndex,
    /// Position of each theme in `info.themes`, by id.
    themes: BTreeMap<String, usize>,
    /// The slugs of the stories aligned to each driver, by driver slug.
    stories: BTreeMap<String, Vec<String>>,
}

impl Index {
    fn new(info: &ToolkitInfo, stories: &BTreeMap<String, MapStory>) -> Index {
        let mut index = Index {
            members: MemberIndex::new(&info.members),
            ..Index::default()
        };
        for (i, t) in info.themes.iter().enumerate() {
            index.themes.entry(t.id.clone()).or_insert(i);
        }
        for (slug, story) in stories {
            for driver in &story.drivers {
                let aligned = index.stories.entry(driver.clone()).or_default();
                if aligned.last() != Some(slug) {
                    aligned.push(slug.clone());
                }
            }
        }
        index
    }
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
        let stories = by_slug(source.stories);
        let (drafts, drivers): (Vec<_>, Vec<_>) =
            source.drivers.into_iter().partition(|e| e.record.draft);
        Toolkit {
            index: Index::new(&source.info, &stories),
            info: source.info,
            drivers: by_slug(drivers),
            drafts: by_slug(drafts),
            stories,
            ideas: by_slug(source.ideas),
            meetings: by_slug(source.meetings),
            briefings: by_slug(source.briefings),
        }
    }

    /// `toolkit.toml`: name, organisation, members and themes.
    pub fn info(&self) -> &ToolkitInfo {
        &self.info
    }

    /// Drivers by slug, drafts left out: what briefings, registers and the website show.
    ///
    /// This is the one place drafts are kept apart: a driver with `draft = true` is only in
    /// [`Toolkit::drafts`], so no composer can show one by mistake. Every driver here has its
    /// source, date of publication and impact.
    pub fn drivers(&self) -> &BTreeMap<String, Driver> {
        &self.drivers
    }

    /// Draft drivers (`draft = true`) by slug: listed for review, never published.
    ///
    /// ```
    /// use maptoolkit_core::{testing, Entry};
    /// let mut source = testing::source();
    /// let mut draft = testing::driver();
    /// draft.draft = true;
    /// draft.published = None;
    /// draft.impact.clear();
    /// source.drivers.push(Entry::new("unfinished", draft));
    /// let validated = source.validate(None).unwrap();
    /// assert!(validated.toolkit.drafts().contains_key("unfinished"));
    /// assert!(!validated.toolkit.drivers().contains_key("unfinished"));
    /// assert!(validated.warnings.iter().any(|w| w.file == "drivers/unfinished.toml" && w.field == "published"));
    /// ```
    pub fn drafts(&self) -> &BTreeMap<String, Driver> {
        &self.drafts
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

    /// Briefing definitions by slug.
    pub fn briefings(&self) -> &BTreeMap<String, Briefing> {
        &self.briefings
    }

    /// Checks a briefing definition built in code against this toolkit, without validating the
    /// toolkit again: its required text, that every driver and theme it names exists (and is
    /// not a draft or archived, a warning), that a briefing for decision has recommendations, and
    /// that it selects at least one driver. Returns every problem, errors first; the briefing
    /// can be composed when [`Report::errors`] is empty.
    ///
    /// ```
    /// use maptoolkit_core::{Audience, Briefing};
    /// let toolkit = maptoolkit_core::testing::toolkit();
    /// let date: maptoolkit_core::Date = "2017-12-05".parse().unwrap();
    /// let briefing = Briefing::new("For the Board", Audience::Public, date)
    ///     .drivers(["no-such-driver"]);
    /// let report = toolkit.check_briefing(&briefing);
    /// let problems: Vec<String> = report.errors().map(|d| d.to_string()).collect();
    /// assert_eq!(problems.len(), 2, "{problems:?}");
    /// assert_eq!(problems[0], "briefing `For the Board`: drivers[0]: unknown driver `no-such-driver`\n  \
    ///      hint: drivers are named by file stem (drivers: developing-people)");
    /// assert_eq!(problems[1], "briefing `For the Board`: summary: is blank (it is required)");
    /// ```
    pub fn check_briefing(&self, briefing: &Briefing) -> Report {
        crate::validate::check_briefing(self, briefing)
    }

    /// The drivers `selection` picks, in its order: those it names, in the order named, or
    /// every driver in slug order (see [`DriverSelection::select`]).
    pub fn select_drivers(&self, selection: &DriverSelection) -> Vec<(&str, &Driver)> {
        selection.select(self.drivers.iter().map(|(s, d)| (s.as_str(), d)), |slug| {
            self.drivers
                .get_key_value(slug)
                .map(|(s, d)| (s.as_str(), d))
        })
    }

    /// The position of a theme in `toolkit.toml`'s list, by id, through an index.
    pub fn theme_position(&self, id: &str) -> Option<usize> {
        self.index.themes.get(id).copied()
    }

    /// The member responsible for a driver; `None` only when no one is (validation checked
    /// that an owner named is a member).
    pub fn owner(&self, driver: &Driver) -> Option<&Member> {
        self.member(driver.owner.as_deref()?)
    }

    /// The member `owner` names, by initials or full name, ignoring case and surrounding spaces
    /// (as [`ToolkitInfo::member`], through an index).
    pub fn member(&self, owner: &str) -> Option<&Member> {
        self.index
            .members
            .find(owner)
            .and_then(|i| self.info.members.get(i))
    }

    /// The theme with this id, through an index.
    pub fn theme(&self, id: &str) -> Option<&Theme> {
        self.index
            .themes
            .get(id)
            .and_then(|&i| self.info.themes.get(i))
    }

    /// The MAP Stories aligned to a driver, in slug order.
    pub fn stories_for<'a>(
        &'a self,
        driver_slug: &'a str,
    ) -> impl Iterator<Item = (&'a str, &'a MapStory)> {
        self.index
            .stories
            .get(driver_slug)
            .into_iter()
            .flatten()
            .filter_map(|slug| self.stories.get_key_value(slug))
            .map(|(slug, s)| (slug.as_str(), s))
    }

    /// A driver's review status as of a date, counting reviews within `window_days` as due soon;
    /// [`ReviewStatus::Draft`] for a draft.
    pub fn review_status(driver: &Driver, as_of: Date, window_days: i64) -> ReviewStatus {
        if driver.draft {
            return ReviewStatus::Draft;
        }
        ReviewStatus::of(driver.review_due, as_of, window_days)
    }

    /// The toolkit as the public may see it: protected drivers (drafts too), stories, ideas,
    /// meetings and briefings removed, the stories and ideas left no longer naming a protected
    /// driver, and teleconference details removed from every meeting. (A briefing definition
    /// naming a protected driver keeps the slug: an unknown slug selects nothing, while an
    /// emptied list would select every driver.)
    ///
    /// This is the one place protection is enforced; composers for public audiences start here.
    ///
    /// ```
    /// use maptoolkit_core::{parse_record, Entry, ToolkitSource};
    /// let mut source = ToolkitSource::default();
    /// source.info = parse_record("name = 'MAP Toolkit'\norganisation = 'NHS libraries'").unwrap();
    /// for (slug, protected) in [("open", false), ("closed", true)] {
    ///     let text = format!(
    ///         "title = 'Meeting'\ndate = '2017-02-08'\nprotected = {protected}\n\
    ///          [teleconference]\ndial_in = '+44-203-478-5289'\n"
    ///     );
    ///     source.meetings.push(Entry::new(slug, parse_record(&text).unwrap()));
    /// }
    /// let toolkit = source.validate(None).unwrap().toolkit;
    /// assert!(toolkit.meetings().values().any(|m| m.protected));
    /// let public = toolkit.redacted();
    /// assert!(public.meetings().values().all(|m| !m.protected && m.teleconference.is_none()));
    /// ```
    pub fn redacted(&self) -> Toolkit {
        self.clone().into_redacted()
    }

    /// [`Toolkit::redacted`] without copying: what may go into a public document.
    pub fn into_redacted(mut self) -> Toolkit {
        let hidden: std::collections::BTreeSet<String> = self
            .drivers
            .iter()
            .chain(&self.drafts)
            .filter(|(_, d)| d.protected)
            .map(|(slug, _)| slug.clone())
            .collect();
        self.drivers.retain(|_, d| !d.protected);
        self.drafts.retain(|_, d| !d.protected);
        self.stories.retain(|_, s| !s.protected);
        self.ideas.retain(|_, i| !i.protected);
        self.meetings.retain(|_, m| !m.protected);
        self.briefings.retain(|_, b| !b.protected);
        for meeting in self.meetings.values_mut() {
            meeting.teleconference = None;
        }
        if !hidden.is_empty() {
            let visible = |slug: &String| !hidden.contains(slug);
            for story in self.stories.values_mut() {
                story.drivers.retain(visible);
            }
            for idea in self.ideas.values_mut() {
                idea.drivers.retain(visible);
            }
        }
        self.index = Index::new(&self.info, &self.stories);
        self
    }

    /// Whether redacting would change nothing: no protected record and no teleconference
    /// details.
    ///
    /// ```
    /// use maptoolkit_core::{parse_record, Entry, ToolkitSource};
    /// let mut source = ToolkitSource::default();
    /// source.info = parse_record("name = 'MAP Toolkit'\norganisation = 'NHS libraries'").unwrap();
    /// let meeting = parse_record("title = 'Meeting'\ndate = '2017-02-08'\nprotected = true").unwrap();
    /// source.meetings.push(Entry::new("closed", meeting));
    /// let toolkit = source.validate(None).unwrap().toolkit;
    /// assert!(!toolkit.is_public());
    /// assert!(toolkit.redacted().is_public());
    /// ```
    pub fn is_public(&self) -> bool {
        self.drivers
            .values()
            .chain(self.drafts.values())
            .all(|d| !d.protected)
            && self.stories.values().all(|s| !s.protected)
            && self.briefings.values().all(|b| !b.protected)
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
            drivers: {
                let mut all = self.drivers;
                all.extend(self.drafts);
                to_entries(all)
            },
            stories: to_entries(self.stories),
            ideas: to_entries(self.ideas),
            meetings: to_entries(self.meetings),
            briefings: to_entries(self.briefings),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{Entry, IdeaCapture, testing};

    /// A protected driver, published or a draft, is gone from the public view, and stories and
    /// ideas that named it no longer do.
    #[test]
    fn redacting_removes_protected_drivers_and_references_to_them() {
        let mut source = testing::source();
        let mut secret = testing::driver();
        secret.title = "Secret Policy".to_string();
        secret.protected = true;
        let mut secret_draft = secret.clone();
        secret_draft.draft = true;
        source.drivers.push(Entry::new("secret-policy", secret));
        source
            .drivers
            .push(Entry::new("secret-draft", secret_draft));
        source.stories[0].record.drivers =
            vec!["developing-people".to_string(), "secret-policy".to_string()];
        source.ideas.push(Entry::new(
            "an-idea",
            IdeaCapture {
                title: "An idea".to_string(),
                team: None,
                resources: None,
                timeframe: None,
                description: "What it is.".to_string(),
                drivers: vec!["secret-draft".to_string()],
                intended_outcome: "Better care.".to_string(),
                next_steps: None,
                protected: false,
            },
        ));
        let toolkit = source.validate(None).unwrap().toolkit;
        assert!(!toolkit.is_public());
        assert!(toolkit.drivers().contains_key("secret-policy"));
        assert!(toolkit.drafts().contains_key("secret-draft"));

        let public = toolkit.redacted();
        assert!(public.is_public());
        assert_eq!(
            public.drivers().keys().collect::<Vec<_>>(),
            ["developing-people"]
        );
        assert!(public.drafts().is_empty());
        assert_eq!(
            public.stories()["leadership-evidence"].drivers,
            ["developing-people"]
        );
        assert!(public.ideas()["an-idea"].drivers.is_empty());
        assert_eq!(
            public.stories_for("secret-policy").count(),
            0,
            "the index of stories by driver is rebuilt"
        );
    }
}
