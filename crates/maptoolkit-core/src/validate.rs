//! The toolkit's rules, checked all at once: every problem is reported, not the first only.

use std::collections::BTreeSet;

use crate::rules::MAX_POINT_DEPTH;
use crate::{
    Date, Diagnostic, Entry, Point, RecordKind, Report, ReviewStatus, Toolkit, ToolkitSource,
    check_link, check_slug,
};

const DATE_HINT: &str = "dates are YYYY, YYYY-MM or YYYY-MM-DD";

/// A toolkit that passed validation, and the warnings found on the way.
#[derive(Debug, Clone, PartialEq)]
pub struct Validated {
    /// The toolkit.
    pub toolkit: Toolkit,
    /// Problems worth fixing that do not stop the toolkit being used.
    pub warnings: Vec<Diagnostic>,
}

impl ToolkitSource {
    /// Checks every rule and returns the validated toolkit, or every problem found.
    ///
    /// Warnings about reviews that are overdue are given only when `as_of` is set: the library
    /// never reads the clock.
    ///
    /// # Errors
    /// A [`Report`] of every error (and every warning) when any rule is broken.
    ///
    /// ```
    /// use maptoolkit_core::{testing, Entry};
    /// let mut source = testing::source();
    /// source.drivers[0].record.owner = "XY".to_string();
    /// let report = source.validate(None).unwrap_err();
    /// assert_eq!(
    ///     report.diagnostics[0].to_string(),
    ///     "drivers/developing-people.toml: owner: `XY` is not a member\n  hint: use the initials or \
    ///      full name of a member in toolkit.toml (members: FG, VT)"
    /// );
    /// ```
    pub fn validate(self, as_of: Option<Date>) -> Result<Validated, Report> {
        validate_with(self, as_of, Vec::new(), &BTreeSet::new())
    }
}

/// Validates `source`, adding `earlier` problems (from reading files) to the report.
/// `unreadable_drivers` are driver slugs whose files could not be read: references to them are not
/// reported again.
pub(crate) fn validate_with(
    source: ToolkitSource,
    as_of: Option<Date>,
    earlier: Vec<Diagnostic>,
    unreadable_drivers: &BTreeSet<String>,
) -> Result<Validated, Report> {
    // Without a readable toolkit.toml, its fields and every owner and theme would be reported
    // missing: report the file's own problem only.
    let info_read = !earlier
        .iter()
        .any(|d| d.file == "toolkit.toml" && d.is_error());
    let mut c = Checker {
        out: earlier,
        file: String::new(),
        info_read,
    };
    c.check(&source, as_of, unreadable_drivers);
    let (errors, warnings): (Vec<_>, Vec<_>) = c.out.into_iter().partition(Diagnostic::is_error);
    if errors.is_empty() {
        Ok(Validated {
            toolkit: Toolkit::from_checked(source),
            warnings,
        })
    } else {
        Err(Report::new(errors.into_iter().chain(warnings).collect()))
    }
}

trait Hint {
    fn hint(self, hint: impl Into<String>);
}

impl Hint for &mut Diagnostic {
    fn hint(self, hint: impl Into<String>) {
        self.hint = Some(hint.into());
    }
}

struct Checker {
    out: Vec<Diagnostic>,
    file: String,
    info_read: bool,
}

impl Checker {
    fn error(&mut self, field: impl Into<String>, message: impl Into<String>) -> &mut Diagnostic {
        self.out
            .push(Diagnostic::error(self.file.clone(), field, message));
        self.out.last_mut().expect("just pushed")
    }

    fn warning(&mut self, field: impl Into<String>, message: impl Into<String>) -> &mut Diagnostic {
        self.out
            .push(Diagnostic::warning(self.file.clone(), field, message));
        self.out.last_mut().expect("just pushed")
    }

    fn required(&mut self, field: &str, value: &str) {
        if value.trim().is_empty() {
            self.error(field, "is blank (it is required)");
        }
    }

    fn optional(&mut self, field: &str, value: Option<&String>) {
        if value.is_some_and(|v| v.trim().is_empty()) {
            self.error(field, "is blank")
                .hint("give a value or leave the field out");
        }
    }

    fn points(&mut self, field: &str, points: &[Point], depth: usize) {
        for (i, point) in points.iter().enumerate() {
            let path = if depth == 1 {
                format!("{field}[{i}]")
            } else {
                format!("{field}.children[{i}]")
            };
            if point.text.trim().is_empty() {
                self.error(&path, "the point's text is blank");
            }
            if depth >= MAX_POINT_DEPTH && !point.children.is_empty() {
                self.error(
                    &path,
                    format!("points are nested more than {MAX_POINT_DEPTH} deep"),
                )
                .hint("flatten the sub-points");
                continue;
            }
            self.points(&path, &point.children, depth + 1);
        }
    }

    fn link(&mut self, field: &str, link: Option<&String>) {
        if let Some(link) = link
            && let Err(message) = check_link(link)
        {
            self.error(field, message).hint(
                "links are absolute http, https or mailto URLs, e.g. https://www.hee.nhs.uk/",
            );
        }
    }

    fn slugs<T>(&mut self, kind: RecordKind, entries: &[Entry<T>]) {
        let mut seen = BTreeSet::new();
        for entry in entries {
            self.file = kind.file(&entry.slug);
            if let Err(message) = check_slug(&entry.slug) {
                self.error("", format!("bad file name ({message})"))
                    .hint("name files with letters, digits and dashes, e.g. carter-review.toml");
            }
            if !seen.insert(entry.slug.to_ascii_lowercase()) {
                self.error("", format!("duplicate slug `{}`", entry.slug))
                    .hint(
                        "each record needs its own file name (names differing only in case clash)",
                    );
            }
        }
    }

    fn check(
        &mut self,
        source: &ToolkitSource,
        as_of: Option<Date>,
        unreadable: &BTreeSet<String>,
    ) {
        let info = &source.info;
        self.file = "toolkit.toml".to_string();
        if self.info_read {
            self.required("name", &info.name);
            self.required("organisation", &info.organisation);
        }
        let mut initials = BTreeSet::new();
        for (i, m) in info.members.iter().enumerate() {
            self.required(&format!("members[{i}].initials"), &m.initials);
            self.required(&format!("members[{i}].name"), &m.name);
            self.optional(&format!("members[{i}].role"), m.role.as_ref());
            if !m.initials.trim().is_empty() && !initials.insert(m.initials.trim().to_uppercase()) {
                self.error(
                    format!("members[{i}].initials"),
                    format!("duplicate initials `{}`", m.initials),
                )
                .hint("give each member distinct initials, e.g. add a middle initial");
            }
        }
        let mut theme_ids = BTreeSet::new();
        for (i, t) in info.themes.iter().enumerate() {
            self.required(&format!("themes[{i}].name"), &t.name);
            self.optional(&format!("themes[{i}].description"), t.description.as_ref());
            if let Err(message) = check_slug(&t.id) {
                self.error(
                    format!("themes[{i}].id"),
                    format!("bad theme id ({message})"),
                );
            } else if !theme_ids.insert(t.id.as_str()) {
                self.error(
                    format!("themes[{i}].id"),
                    format!("duplicate theme id `{}`", t.id),
                );
            }
        }
        let theme_hint = || {
            let ids: Vec<&str> = info.themes.iter().map(|t| t.id.as_str()).collect();
            format!(
                "theme ids are listed in toolkit.toml (themes: {})",
                list_or_none(&ids)
            )
        };

        self.slugs(RecordKind::Driver, &source.drivers);
        self.slugs(RecordKind::Story, &source.stories);
        self.slugs(RecordKind::Idea, &source.ideas);
        self.slugs(RecordKind::Meeting, &source.meetings);

        let driver_slugs: BTreeSet<&str> = source
            .drivers
            .iter()
            .map(|e| e.slug.as_str())
            .chain(unreadable.iter().map(String::as_str))
            .collect();
        let driver_hint = || {
            let slugs: Vec<&str> = source.drivers.iter().map(|e| e.slug.as_str()).collect();
            format!(
                "drivers are named by file stem (drivers: {})",
                list_or_none(&slugs)
            )
        };

        for entry in &source.drivers {
            let d = &entry.record;
            self.file = RecordKind::Driver.file(&entry.slug);
            self.required("title", &d.title);
            for (i, t) in d.alternative_titles.iter().enumerate() {
                self.required(&format!("alternative_titles[{i}]"), t);
            }
            self.required("source", &d.source);
            self.required("publication_format", &d.publication_format);
            self.required("primary_audience", &d.primary_audience);
            self.required("summary", &d.summary);
            match &d.link {
                Some(_) => self.link("link", d.link.as_ref()),
                None => {
                    self.warning("link", "no link to the main document")
                        .hint("add `link = \"https://…\"` so readers can find the original");
                }
            }
            for (field, date) in [
                ("last_updated", d.last_updated),
                ("review_due", d.review_due),
            ] {
                if let Some(date) = date.filter(|date| date.is_before(d.published)) {
                    self.error(field, format!("{date} is before published {}", d.published))
                        .hint(DATE_HINT);
                }
            }
            if d.owner.trim().is_empty() {
                self.required("owner", &d.owner);
            } else if self.info_read && info.member(&d.owner).is_none() {
                let initials: Vec<&str> =
                    info.members.iter().map(|m| m.initials.as_str()).collect();
                self.error("owner", format!("`{}` is not a member", d.owner))
                    .hint(format!(
                        "use the initials or full name of a member in toolkit.toml (members: {})",
                        list_or_none(&initials)
                    ));
            }
            for (i, id) in d.themes.iter().enumerate() {
                if self.info_read && !theme_ids.contains(id.as_str()) {
                    self.error(format!("themes[{i}]"), format!("unknown theme `{id}`"))
                        .hint(theme_hint());
                }
            }
            if d.impact.is_empty() {
                self.error("impact", "is empty (give at least one point)");
            }
            self.points("impact", &d.impact, 1);
            if d.key_features.is_empty() {
                self.error("key_features", "is empty (give at least one point)");
            }
            self.points("key_features", &d.key_features, 1);
            let review_in_order = !d.review_due.is_some_and(|r| r.is_before(d.published));
            if let Some(as_of) = as_of.filter(|_| !d.archived && review_in_order)
                && ReviewStatus::of(d.review_due, as_of, 0) == ReviewStatus::Overdue
            {
                let due = d.review_due.map(|r| r.to_uk_string()).unwrap_or_default();
                self.warning(
                    "review_due",
                    format!(
                        "review was due {due} (overdue as of {})",
                        as_of.to_uk_string()
                    ),
                );
            }
        }

        for entry in &source.stories {
            let s = &entry.record;
            self.file = RecordKind::Story.file(&entry.slug);
            self.required("title", &s.title);
            self.required("service", &s.service);
            self.required("story", &s.story);
            for (field, value) in [
                ("team", &s.team),
                ("resources", &s.resources),
                ("timeframe", &s.timeframe),
                ("next_steps", &s.next_steps),
            ] {
                self.optional(field, value.as_ref());
            }
            self.driver_refs(&s.drivers, &driver_slugs, &driver_hint);
            for (i, id) in s.themes.iter().enumerate() {
                if self.info_read && !theme_ids.contains(id.as_str()) {
                    self.error(format!("themes[{i}]"), format!("unknown theme `{id}`"))
                        .hint(theme_hint());
                }
            }
            if s.impact.is_empty() {
                self.error("impact", "is empty (give at least one point)");
            }
            self.points("impact", &s.impact, 1);
            if let Some(q) = &s.quote {
                self.required("quote.text", &q.text);
                self.required("quote.by", &q.by);
            }
        }

        for entry in &source.ideas {
            let idea = &entry.record;
            self.file = RecordKind::Idea.file(&entry.slug);
            self.required("title", &idea.title);
            self.required("description", &idea.description);
            self.required("intended_outcome", &idea.intended_outcome);
            for (field, value) in [
                ("team", &idea.team),
                ("resources", &idea.resources),
                ("timeframe", &idea.timeframe),
                ("next_steps", &idea.next_steps),
            ] {
                self.optional(field, value.as_ref());
            }
            self.driver_refs(&idea.drivers, &driver_slugs, &driver_hint);
        }

        for entry in &source.meetings {
            let m = &entry.record;
            self.file = RecordKind::Meeting.file(&entry.slug);
            self.required("title", &m.title);
            if m.date.day().is_none() {
                self.error("date", format!("{} is not a whole date", m.date))
                    .hint("a meeting's date is YYYY-MM-DD");
            }
            if let (Some(start), Some(end)) = (m.start, m.end)
                && end <= start
            {
                self.error(
                    "end",
                    format!("the meeting ends at {end}, not after it starts at {start}"),
                );
            }
            if m.end.is_some() && m.start.is_none() {
                self.error("start", "is missing (the meeting has an end time)");
            }
            if let Some(t) = &m.teleconference {
                self.optional("teleconference.dial_in", t.dial_in.as_ref());
                self.optional("teleconference.access_code", t.access_code.as_ref());
                self.optional("teleconference.notes", t.notes.as_ref());
            }
            for (i, item) in m.agenda.iter().enumerate() {
                self.required(&format!("agenda[{i}].title"), &item.title);
                for (j, p) in item.papers.iter().enumerate() {
                    self.required(&format!("agenda[{i}].papers[{j}]"), p);
                }
                for (j, p) in item.items.iter().enumerate() {
                    self.required(&format!("agenda[{i}].items[{j}]"), p);
                }
            }
        }
    }

    fn driver_refs(
        &mut self,
        drivers: &[String],
        known: &BTreeSet<&str>,
        hint: &dyn Fn() -> String,
    ) {
        for (i, slug) in drivers.iter().enumerate() {
            if !known.contains(slug.as_str()) {
                self.error(format!("drivers[{i}]"), format!("unknown driver `{slug}`"))
                    .hint(hint());
            }
        }
    }
}

fn list_or_none(items: &[&str]) -> String {
    if items.is_empty() {
        "none yet".to_string()
    } else {
        items.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{AgendaItem, IdeaCapture, Member, Point, Quote, Severity, testing};

    /// Breaks the testing source with `change` and checks the problems reported, one per line as
    /// `file: field: message` (warnings prefixed), hints left out.
    #[track_caller]
    fn check(change: impl FnOnce(&mut ToolkitSource), expected: &[&str]) {
        let mut source = testing::source();
        change(&mut source);
        let diagnostics = match source.validate(Some("2017-06-01".parse().unwrap())) {
            Ok(v) => v.warnings,
            Err(report) => report.diagnostics,
        };
        let got: Vec<String> = diagnostics
            .iter()
            .map(|d| {
                Diagnostic {
                    hint: None,
                    ..d.clone()
                }
                .to_string()
            })
            .collect();
        assert_eq!(got, expected);
    }

    const D: &str = "drivers/developing-people.toml";

    #[test]
    fn testing_source_is_clean() {
        check(|_| {}, &[]);
    }

    #[test]
    fn blank_required_fields() {
        check(
            |s| s.drivers[0].record.title = " ".into(),
            &[&format!("{D}: title: is blank (it is required)")],
        );
        check(
            |s| s.drivers[0].record.source = String::new(),
            &[&format!("{D}: source: is blank (it is required)")],
        );
        check(
            |s| s.info.name = String::new(),
            &["toolkit.toml: name: is blank (it is required)"],
        );
        check(
            |s| s.stories[0].record.team = Some("\t".into()),
            &["stories/leadership-evidence.toml: team: is blank"],
        );
        check(
            |s| s.meetings[0].record.agenda[0].title = String::new(),
            &["meetings/meeting-2017-02-08.toml: agenda[0].title: is blank (it is required)"],
        );
    }

    #[test]
    fn blank_nested_point_names_its_path() {
        check(
            |s| s.drivers[0].record.key_features[0].children[1].text = String::new(),
            &[&format!(
                "{D}: key_features[0].children[1]: the point's text is blank"
            )],
        );
    }

    #[test]
    fn points_nested_too_deep() {
        check(
            |s| {
                let mut p = Point::new("leaf");
                for _ in 0..MAX_POINT_DEPTH {
                    p = Point::with_children("x", vec![p]);
                }
                s.drivers[0].record.impact = vec![p];
            },
            &[&format!(
                "{D}: impact[0]{}: points are nested more than 16 deep",
                ".children[0]".repeat(MAX_POINT_DEPTH - 1)
            )],
        );
    }

    #[test]
    fn dates_out_of_order() {
        check(
            |s| s.drivers[0].record.review_due = Some("2016-11".parse().unwrap()),
            &[&format!(
                "{D}: review_due: 2016-11 is before published 2016-12-01"
            )],
        );
        check(
            |s| s.drivers[0].record.last_updated = Some("2015".parse().unwrap()),
            &[&format!(
                "{D}: last_updated: 2015 is before published 2016-12-01"
            )],
        );
        // Same month, less precise: not before.
        check(
            |s| s.drivers[0].record.last_updated = Some("2016-12".parse().unwrap()),
            &[],
        );
    }

    #[test]
    fn owner_must_be_a_member() {
        check(
            |s| s.drivers[0].record.owner = "XY".into(),
            &[&format!("{D}: owner: `XY` is not a member")],
        );
        check(
            |s| s.drivers[0].record.owner = "victoria treadway".into(),
            &[],
        );
    }

    #[test]
    fn duplicate_member_initials() {
        check(
            |s| {
                s.info.members.push(Member {
                    initials: "vt".into(),
                    name: "V T".into(),
                    role: None,
                })
            },
            &["toolkit.toml: members[2].initials: duplicate initials `vt`"],
        );
    }

    #[test]
    fn unknown_theme() {
        check(
            |s| s.drivers[0].record.themes.push("estates".into()),
            &[&format!("{D}: themes[1]: unknown theme `estates`")],
        );
        check(
            |s| s.stories[0].record.themes.push("estates".into()),
            &["stories/leadership-evidence.toml: themes[0]: unknown theme `estates`"],
        );
    }

    #[test]
    fn story_or_idea_naming_an_unknown_driver() {
        check(
            |s| s.stories[0].record.drivers = vec!["developing-people".into(), "carter".into()],
            &["stories/leadership-evidence.toml: drivers[1]: unknown driver `carter`"],
        );
        check(
            |s| {
                s.ideas.push(Entry::new(
                    "shared-search",
                    IdeaCapture {
                        title: "Shared search".into(),
                        team: None,
                        resources: None,
                        timeframe: None,
                        description: "Pool searches.".into(),
                        drivers: vec!["nope".into()],
                        intended_outcome: "Faster answers.".into(),
                        next_steps: None,
                        protected: false,
                    },
                ))
            },
            &["ideas/shared-search.toml: drivers[0]: unknown driver `nope`"],
        );
    }

    #[test]
    fn duplicate_and_unsafe_slugs() {
        check(
            |s| {
                let copy = s.meetings[0].clone();
                s.meetings
                    .push(Entry::new("Meeting-2017-02-08", copy.record));
            },
            &["meetings/Meeting-2017-02-08.toml: duplicate slug `Meeting-2017-02-08`"],
        );
        check(
            |s| s.meetings[0].slug = "../../etc/passwd".into(),
            &[
                "meetings/../../etc/passwd.toml: bad file name (`../../etc/passwd` has characters other than letters, digits, `-` and `_`)",
            ],
        );
        check(
            |s| s.meetings[0].slug = "CON".into(),
            &["meetings/CON.toml: bad file name (`CON` is a device name on Windows)"],
        );
    }

    #[test]
    fn empty_impact_and_key_features() {
        check(
            |s| s.drivers[0].record.impact.clear(),
            &[&format!("{D}: impact: is empty (give at least one point)")],
        );
        check(
            |s| s.drivers[0].record.key_features.clear(),
            &[&format!(
                "{D}: key_features: is empty (give at least one point)"
            )],
        );
        check(
            |s| s.stories[0].record.impact.clear(),
            &["stories/leadership-evidence.toml: impact: is empty (give at least one point)"],
        );
    }

    #[test]
    fn unsafe_links() {
        for bad in [
            "javascript:alert(1)",
            "file:///c:/x",
            "www.nhs.uk",
            "https://a.org/\"x",
        ] {
            let mut source = testing::source();
            source.drivers[0].record.link = Some(bad.into());
            let report = source.validate(None).unwrap_err();
            assert_eq!(report.diagnostics[0].field, "link", "{bad}");
            assert!(
                report.diagnostics[0]
                    .message
                    .starts_with(&format!("`{bad}`"))
            );
        }
    }

    #[test]
    fn meeting_times_and_dates() {
        check(
            |s| s.meetings[0].record.end = Some("12:30".parse().unwrap()),
            &[
                "meetings/meeting-2017-02-08.toml: end: the meeting ends at 12:30, not after it starts at 13:00",
            ],
        );
        check(
            |s| s.meetings[0].record.start = None,
            &["meetings/meeting-2017-02-08.toml: start: is missing (the meeting has an end time)"],
        );
        check(
            |s| s.meetings[0].record.date = "2017-02".parse().unwrap(),
            &["meetings/meeting-2017-02-08.toml: date: 2017-02 is not a whole date"],
        );
    }

    #[test]
    fn quote_needs_text_and_speaker() {
        check(
            |s| {
                s.stories[0].record.quote = Some(Quote {
                    text: "Great.".into(),
                    by: "".into(),
                })
            },
            &["stories/leadership-evidence.toml: quote.by: is blank (it is required)"],
        );
    }

    #[test]
    fn warnings_for_missing_link_and_overdue_review() {
        check(
            |s| {
                s.drivers[0].record.link = None;
                s.drivers[0].record.review_due = Some("2017-05".parse().unwrap());
            },
            &[
                &format!("warning: {D}: link: no link to the main document"),
                &format!(
                    "warning: {D}: review_due: review was due May 2017 (overdue as of 1 June 2017)"
                ),
            ],
        );
        // Archived drivers are not nagged about reviews.
        check(
            |s| {
                s.drivers[0].record.archived = true;
                s.drivers[0].record.review_due = Some("2017-05".parse().unwrap());
            },
            &[],
        );
    }

    #[test]
    fn every_problem_is_reported_errors_first() {
        let mut source = testing::source();
        source.drivers[0].record.owner = "ZZ".into();
        source.drivers[0].record.link = None;
        source.meetings[1].record.agenda.push(AgendaItem::default());
        source.info.organisation = String::new();
        let report = source.validate(None).unwrap_err();
        let severities: Vec<Severity> = report.diagnostics.iter().map(|d| d.severity).collect();
        assert_eq!(
            severities,
            [
                Severity::Error,
                Severity::Error,
                Severity::Error,
                Severity::Warning
            ]
        );
        assert_eq!(
            report.to_string(),
            "the toolkit is not valid (3 errors, 1 warning)"
        );
    }
}
