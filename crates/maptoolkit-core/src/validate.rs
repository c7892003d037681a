//! The toolkit's rules, checked all at once: every problem is reported, not the first only.
//!
//! Every lookup (a member by initials or name, a theme or driver by id) goes through an index
//! built once, so validation takes time in proportion to the toolkit. When records were read
//! from files, the rules about a field that could not be read are not checked: its problem is
//! already reported, and its placeholder value would only add false ones.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use crate::diagnostic::Sources;
use crate::rules::{MAX_HEADLINE_CHARS, MAX_POINT_DEPTH};
use crate::toolkit_info::MemberIndex;
use crate::{
    Briefing, Date, Diagnostic, Driver, Entry, Point, Purpose, RecordKind, Report, ReviewStatus,
    Toolkit, ToolkitSource, check_link, check_slug, safe_file_name,
};

const DATE_HINT: &str = "dates are YYYY, YYYY-MM or YYYY-MM-DD";

/// A toolkit that passed validation, and the warnings found on the way.
#[derive(Debug, Clone, PartialEq)]
pub struct Validated {
    /// The toolkit.
    pub toolkit: Toolkit,
    /// Problems worth fixing that do not stop the toolkit being used.
    pub warnings: Vec<Diagnostic>,
    sources: Sources,
}

impl Validated {
    /// The text of `file` as it was read, for showing the lines the warnings' spans point at.
    /// Kept by [`crate::load`] for every file that has a warning with a span; `None` for other
    /// files and for toolkits validated in memory.
    pub fn source(&self, file: &str) -> Option<&str> {
        self.sources.get(file)
    }

    /// The toolkit, and its warnings as a [`Report`] that keeps the text of the files they point
    /// into, for programs that keep the warnings after the toolkit is gone.
    pub fn into_parts(self) -> (Toolkit, crate::Report) {
        let warnings = crate::Report::new(self.warnings).with_sources(self.sources);
        (self.toolkit, warnings)
    }

    /// The same result, keeping the text of the files its warnings point into.
    pub(crate) fn with_sources(mut self, sources: Sources) -> Validated {
        self.sources = sources;
        self
    }
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
    /// use maptoolkit_core::{parse_record, Entry, ToolkitSource};
    /// let mut source = ToolkitSource::default();
    /// source.info = parse_record(
    ///     "name = 'MAP Toolkit'\norganisation = 'NHS libraries'\n\
    ///      members = [{ initials = 'FG', name = 'F G' }, { initials = 'VT', name = 'V T' }]",
    /// )
    /// .unwrap();
    /// let driver = parse_record(
    ///     "title = 'Developing People'\nsource = 'NILDB'\npublication_format = 'PDF'\n\
    ///      published = '2016-12'\nprimary_audience = 'Managers'\nowner = 'XY'\n\
    ///      summary = 'A framework.'\nimpact = ['Training.']\nkey_features = ['Five conditions.']\n\
    ///      link = 'https://improvement.nhs.uk/'",
    /// )
    /// .unwrap();
    /// source.drivers.push(Entry::new("developing-people", driver));
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
/// reported again. Rules about fields that `earlier` errors name are not checked.
pub(crate) fn validate_with(
    source: ToolkitSource,
    as_of: Option<Date>,
    earlier: Vec<Diagnostic>,
    unreadable_drivers: &BTreeSet<String>,
) -> Result<Validated, Report> {
    let unread = Unread::new(&earlier);
    let read = earlier.len();
    let mut c = Checker {
        out: earlier,
        file: String::new(),
        members_read: unread.info_read("members"),
        themes_read: unread.info_read("themes"),
        unread,
    };
    c.check(&source, as_of, unreadable_drivers);
    let mut out = c.out;
    let checked = out.split_off(read);
    out.extend(
        checked
            .into_iter()
            .filter(|d| !c.unread.covers(&d.file, &d.field)),
    );
    let (errors, warnings): (Vec<_>, Vec<_>) = out.into_iter().partition(Diagnostic::is_error);
    if errors.is_empty() {
        Ok(Validated {
            toolkit: Toolkit::from_checked(source),
            warnings,
            sources: Sources::default(),
        })
    } else {
        Err(Report::new(errors.into_iter().chain(warnings).collect()))
    }
}

/// The rules of one briefing definition a program built, against a toolkit already validated:
/// its text, that the drivers and themes it names exist, and that it selects a driver. The
/// diagnostics name the briefing by its title, as it has no file.
pub(crate) fn check_briefing(toolkit: &Toolkit, briefing: &Briefing) -> Report {
    let mut c = Checker {
        out: Vec::new(),
        file: if briefing.title.trim().is_empty() {
            "briefing".to_string()
        } else {
            format!("briefing `{}`", briefing.title.trim())
        },
        unread: Unread::new(&[]),
        members_read: true,
        themes_read: true,
    };
    let drivers: BTreeMap<&str, &Driver> = toolkit
        .drivers()
        .iter()
        .chain(toolkit.drafts())
        .map(|(slug, d)| (slug.as_str(), d))
        .collect();
    let themes = &toolkit.info().themes;
    let theme_ids: BTreeSet<&str> = themes.iter().map(|t| t.id.as_str()).collect();
    let driver_hint = || {
        format!(
            "drivers are named by file stem (drivers: {})",
            list_or_none(toolkit.drivers().keys().map(String::as_str))
        )
    };
    let theme_hint = || {
        format!(
            "theme ids are listed in toolkit.toml (themes: {})",
            list_or_none(themes.iter().map(|t| t.id.as_str()))
        )
    };
    c.briefing(
        briefing,
        &drivers,
        &BTreeSet::new(),
        &theme_ids,
        &driver_hint,
        &theme_hint,
    );
    Report::new(c.out)
}

trait Hint {
    fn hint(self, hint: impl Into<String>);
}

impl Hint for &mut Diagnostic {
    fn hint(self, hint: impl Into<String>) {
        self.hint = Some(hint.into());
    }
}

/// The fields that could not be read, by file: the errors met while reading that name a field.
struct Unread(BTreeMap<String, Vec<String>>);

impl Unread {
    const INFO: &'static str = "toolkit.toml";
    const INFO_FIELDS: [&'static str; 4] = ["name", "organisation", "members", "themes"];

    fn new(problems: &[Diagnostic]) -> Unread {
        let mut unread: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for d in problems.iter().filter(|d| d.is_error()) {
            // A file that could not be read at all counts as a whole.
            unread
                .entry(d.file.clone())
                .or_default()
                .push(d.field.clone());
        }
        Unread(unread)
    }

    /// Whether a rule about `field` of `file` touches what could not be read: the same field, one
    /// inside it or one it is inside, or the whole file.
    fn covers(&self, file: &str, field: &str) -> bool {
        let Some(fields) = self.0.get(file) else {
            return false;
        };
        fields
            .iter()
            .any(|f| f.is_empty() || (!field.is_empty() && (nested(f, field) || nested(field, f))))
    }

    /// Whether `toolkit.toml` was read and its `field` (members or themes) fully read. An unknown
    /// field at its top level counts against both: it may be a misspelt `members` or `themes`,
    /// and checking against an empty list would blame every record.
    fn info_read(&self, field: &str) -> bool {
        let Some(fields) = self.0.get(Self::INFO) else {
            return true;
        };
        !fields.iter().any(|f| {
            f.is_empty()
                || nested(field, f)
                || !Self::INFO_FIELDS.iter().any(|known| nested(known, f))
        })
    }
}

/// Whether the field path `inner` is `outer` or inside it (`members[1].name` is in `members`).
fn nested(outer: &str, inner: &str) -> bool {
    inner.starts_with(outer)
        && matches!(inner.as_bytes().get(outer.len()), None | Some(b'.' | b'['))
}

struct Checker {
    out: Vec<Diagnostic>,
    file: String,
    unread: Unread,
    /// Whether owners can be checked against the members: `toolkit.toml` read them all.
    members_read: bool,
    /// Whether theme ids can be checked: `toolkit.toml` read them all.
    themes_read: bool,
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

    /// A required text must not be blank. The field path is formatted only for a problem.
    fn required(&mut self, field: impl fmt::Display, value: &str) {
        if value.trim().is_empty() {
            self.error(field.to_string(), "is blank (it is required)");
        }
    }

    /// An optional text, when given, must not be blank.
    fn optional(&mut self, field: impl fmt::Display, value: Option<&String>) {
        if value.is_some_and(|v| v.trim().is_empty()) {
            self.error(field.to_string(), "is blank")
                .hint("give a value or leave the field out");
        }
    }

    /// Checks points and their sub-points. Their paths are formatted only for a problem.
    fn points(&mut self, field: &dyn fmt::Display, points: &[Point], depth: usize) {
        for (i, point) in points.iter().enumerate() {
            let path = PointPath {
                parent: field,
                index: i,
                nested: depth > 1,
            };
            if point.text.trim().is_empty() {
                self.error(path.to_string(), "the point's text is blank");
            }
            if depth >= MAX_POINT_DEPTH && !point.children.is_empty() {
                self.error(
                    path.to_string(),
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

    /// A driver's fields that only a draft may leave out (`source`, `published`, `summary`,
    /// `impact`) are
    /// errors when missing, or warnings on a draft; the optional ones (`publication_format`,
    /// `primary_audience`, `owner`, `key_features`) are warnings when missing.
    fn draft_or_required(&mut self, d: &Driver) {
        if d.draft {
            self.warning("draft", "is a draft: left out of briefings and the website")
                .hint("complete it, then remove `draft = true`");
        }
        let unread = |c: &Checker, field: &str| c.unread.covers(&c.file, field);
        for field in d.missing_fields() {
            if unread(self, field) {
                continue;
            }
            let needed = matches!(field, "source" | "published" | "summary" | "impact");
            match (needed, d.draft) {
                (true, false) => {
                    let message = match field {
                        "impact" => "is empty (give at least one point)",
                        "published" => "is missing (it is required)",
                        _ => "is blank (it is required)",
                    };
                    self.error(field, message)
                        .hint("give it, or mark the driver `draft = true` until it is known");
                }
                (true, true) => {
                    self.warning(
                        field,
                        "is missing (the draft cannot be published without it)",
                    );
                }
                (false, _) if field == "owner" => {
                    self.warning("owner", "no group member is responsible")
                        .hint("allocate the driver at the group's Driver Allocation standing item");
                }
                (false, _) => {
                    self.warning(field, "is missing");
                }
            }
        }
    }

    /// Slugs are safe file names, and no two of a kind give the same output file name: what
    /// [`safe_file_name`] makes of each is unique, so an export can never write two records to
    /// one file.
    fn slugs<T>(&mut self, kind: RecordKind, entries: &[Entry<T>]) {
        let mut seen = OutputNames::default();
        for entry in entries {
            self.file = kind.file(&entry.slug);
            if let Err(message) = check_slug(&entry.slug) {
                self.error("", format!("bad file name ({message})"))
                    .hint("name files with letters, digits and dashes, e.g. carter-review.toml");
                continue;
            }
            if let Err((name, first)) = seen.claim(&entry.slug) {
                self.error(
                    "",
                    format!("has the same output name `{name}` as {}", kind.file(first)),
                )
                .hint(format!("{SAME_OUTPUT_NAME}: rename one of the two files"));
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
        self.required("name", &info.name);
        self.required("organisation", &info.organisation);
        let mut initials = BTreeSet::new();
        for (i, m) in info.members.iter().enumerate() {
            self.required(format_args!("members[{i}].initials"), &m.initials);
            self.required(format_args!("members[{i}].name"), &m.name);
            self.optional(format_args!("members[{i}].role"), m.role.as_ref());
            if !m.initials.trim().is_empty() && !initials.insert(m.initials.trim().to_uppercase()) {
                self.error(
                    format!("members[{i}].initials"),
                    format!("duplicate initials `{}`", m.initials),
                )
                .hint("give each member distinct initials, e.g. add a middle initial");
            }
        }
        let mut theme_ids = BTreeSet::new();
        let mut theme_names = OutputNames::default();
        for (i, t) in info.themes.iter().enumerate() {
            self.required(format_args!("themes[{i}].name"), &t.name);
            self.optional(
                format_args!("themes[{i}].description"),
                t.description.as_ref(),
            );
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
            } else if let Err((name, first)) = theme_names.claim(&t.id) {
                // Each theme has a page of the site named after its id.
                self.error(
                    format!("themes[{i}].id"),
                    format!(
                        "theme id `{}` has the same output name `{name}` as theme `{first}`",
                        t.id
                    ),
                )
                .hint(format!("{SAME_OUTPUT_NAME}: change one of the two ids"));
            }
        }
        let theme_hint = || {
            format!(
                "theme ids are listed in toolkit.toml (themes: {})",
                list_or_none(info.themes.iter().map(|t| t.id.as_str()))
            )
        };
        let members = MemberIndex::new(&info.members);

        self.slugs(RecordKind::Driver, &source.drivers);
        self.slugs(RecordKind::Story, &source.stories);
        self.slugs(RecordKind::Idea, &source.ideas);
        self.slugs(RecordKind::Meeting, &source.meetings);
        self.slugs(RecordKind::Briefing, &source.briefings);

        let driver_slugs: BTreeSet<&str> = source
            .drivers
            .iter()
            .map(|e| e.slug.as_str())
            .chain(unreadable.iter().map(String::as_str))
            .collect();
        let driver_hint = || {
            format!(
                "drivers are named by file stem (drivers: {})",
                list_or_none(source.drivers.iter().map(|e| e.slug.as_str()))
            )
        };

        for entry in &source.drivers {
            let d = &entry.record;
            self.file = RecordKind::Driver.file(&entry.slug);
            self.required("title", &d.title);
            for (i, t) in d.alternative_titles.iter().enumerate() {
                self.required(format_args!("alternative_titles[{i}]"), t);
            }
            self.draft_or_required(d);
            self.optional("publication_format", d.publication_format.as_ref());
            self.optional("primary_audience", d.primary_audience.as_ref());
            self.optional("headline", d.headline.as_ref());
            if let Some(headline) = &d.headline
                && headline.chars().count() > MAX_HEADLINE_CHARS
            {
                self.error(
                    "headline",
                    format!(
                        "is {} characters long (at most {MAX_HEADLINE_CHARS})",
                        headline.chars().count()
                    ),
                )
                .hint("a headline is one or two sentences for executives");
            }
            if let Some(as_of) = as_of {
                for (field, date) in [("published", d.published), ("last_updated", d.last_updated)]
                {
                    if let Some(date) = date.filter(|date| date.earliest() > as_of) {
                        self.warning(
                            field,
                            format!("{date} is after the as-of date {}", as_of.to_uk_string()),
                        )
                        .hint("check the date, or export as of a later date with --as-of");
                    }
                }
            }
            match &d.link {
                Some(_) => self.link("link", d.link.as_ref()),
                None => {
                    self.warning("link", "no link to the main document")
                        .hint("add `link = \"https://…\"` so readers can find the original");
                }
            }
            let published_read = !self.unread.covers(&self.file, "published");
            for (field, date) in [
                ("last_updated", d.last_updated),
                ("review_due", d.review_due),
            ] {
                if let (Some(date), Some(published)) = (date, d.published)
                    && published_read
                    && date.is_before(published)
                {
                    self.error(field, format!("{date} is before published {published}"))
                        .hint(DATE_HINT);
                }
            }
            match &d.owner {
                Some(owner) if owner.trim().is_empty() => self.required("owner", owner),
                Some(owner) if self.members_read && members.find(owner).is_none() => {
                    self.error("owner", format!("`{owner}` is not a member"))
                        .hint(format!(
                            "use the initials or full name of a member in toolkit.toml (members: {})",
                            list_or_none(info.members.iter().map(|m| m.initials.as_str()))
                        ));
                }
                _ => {}
            }
            for (i, id) in d.themes.iter().enumerate() {
                if self.themes_read && !theme_ids.contains(id.as_str()) {
                    self.error(format!("themes[{i}]"), format!("unknown theme `{id}`"))
                        .hint(theme_hint());
                }
            }
            self.points(&"impact", &d.impact, 1);
            self.points(&"key_features", &d.key_features, 1);
            let review_in_order = !(published_read
                && d.review_due
                    .zip(d.published)
                    .is_some_and(|(r, p)| r.is_before(p)));
            if let Some(as_of) = as_of.filter(|_| !d.archived && !d.draft && review_in_order)
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
                if self.themes_read && !theme_ids.contains(id.as_str()) {
                    self.error(format!("themes[{i}]"), format!("unknown theme `{id}`"))
                        .hint(theme_hint());
                }
            }
            if s.impact.is_empty() {
                self.error("impact", "is empty (give at least one point)");
            }
            self.points(&"impact", &s.impact, 1);
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
            self.optional("chair", m.chair.as_ref());
            self.optional("venue", m.venue.as_ref());
            for (field, names) in [("attendees", &m.attendees), ("apologies", &m.apologies)] {
                for (i, name) in names.iter().enumerate() {
                    self.required(format_args!("{field}[{i}]"), name);
                }
            }
            if let Some(t) = &m.teleconference {
                self.optional("teleconference.dial_in", t.dial_in.as_ref());
                self.optional("teleconference.access_code", t.access_code.as_ref());
                self.optional("teleconference.notes", t.notes.as_ref());
            }
            for (i, item) in m.agenda.iter().enumerate() {
                self.required(format_args!("agenda[{i}].title"), &item.title);
                for (j, p) in item.papers.iter().enumerate() {
                    self.required(format_args!("agenda[{i}].papers[{j}]"), p);
                }
                for (j, p) in item.items.iter().enumerate() {
                    self.required(format_args!("agenda[{i}].items[{j}]"), p);
                }
                self.optional(format_args!("agenda[{i}].lead"), item.lead.as_ref());
                if item.minutes == Some(0) {
                    self.error(format!("agenda[{i}].minutes"), "is 0")
                        .hint("give the minutes the item takes, or leave the field out");
                }
            }
        }

        if !source.briefings.is_empty() {
            let drivers: BTreeMap<&str, &Driver> = source
                .drivers
                .iter()
                .map(|e| (e.slug.as_str(), &e.record))
                .collect();
            for entry in &source.briefings {
                self.file = RecordKind::Briefing.file(&entry.slug);
                self.briefing(
                    &entry.record,
                    &drivers,
                    unreadable,
                    &theme_ids,
                    &driver_hint,
                    &theme_hint,
                );
            }
        }
    }

    /// The rules of one briefing definition: its text, its references to drivers and themes,
    /// and that it selects at least one driver.
    fn briefing(
        &mut self,
        b: &Briefing,
        drivers: &BTreeMap<&str, &Driver>,
        unreadable: &BTreeSet<String>,
        theme_ids: &BTreeSet<&str>,
        driver_hint: &dyn Fn() -> String,
        theme_hint: &dyn Fn() -> String,
    ) {
        self.required("title", &b.title);
        self.required("for", &b.readers);
        self.optional("presenter", b.presenter.as_ref());
        self.required("summary", &b.summary);
        for (i, r) in b.recommendations.iter().enumerate() {
            self.required(format_args!("recommendations[{i}]"), r);
        }
        if b.purpose == Purpose::Decision && b.recommendations.is_empty() {
            self.error(
                "recommendations",
                "is missing (a briefing for decision says what is to be decided)",
            )
            .hint("add `recommendations = [\"The Board is asked to …\"]`, or change the purpose");
        }
        let mut named = BTreeSet::new();
        let mut references_ok = true;
        for (i, slug) in b.drivers.iter().enumerate() {
            match drivers.get(slug.as_str()) {
                Some(d) if d.archived || d.draft => {
                    let state = if d.draft { "a draft" } else { "archived" };
                    self.warning(
                        format!("drivers[{i}]"),
                        format!("`{slug}` is {state} (left out of the briefing)"),
                    );
                }
                Some(_) => {}
                None if unreadable.contains(slug) => references_ok = false,
                None => {
                    references_ok = false;
                    self.error(format!("drivers[{i}]"), format!("unknown driver `{slug}`"))
                        .hint(driver_hint());
                }
            }
            if !named.insert(slug.as_str()) {
                self.error(
                    format!("drivers[{i}]"),
                    format!("`{slug}` is listed more than once"),
                );
            }
        }
        for (i, id) in b.themes.iter().enumerate() {
            if !theme_ids.contains(id.as_str()) {
                if self.themes_read {
                    self.error(format!("themes[{i}]"), format!("unknown theme `{id}`"))
                        .hint(theme_hint());
                }
                references_ok = false;
            }
        }
        if !references_ok || !unreadable.is_empty() {
            return;
        }
        let selection = b.selection();
        let chosen = selection.select(drivers.iter().map(|(s, d)| (*s, *d)), |slug| {
            drivers.get_key_value(slug).map(|(s, d)| (*s, *d))
        });
        if chosen.is_empty() {
            let field = if !b.drivers.is_empty() {
                "drivers"
            } else if !b.themes.is_empty() {
                "themes"
            } else if b.since.is_some() {
                "since"
            } else {
                ""
            };
            let message = if field.is_empty() {
                "selects no driver (the toolkit has no current driver)"
            } else {
                "selects no driver (no current driver matches drivers, themes and since together)"
            };
            self.error(field, message).hint(
                "a briefing covers the current drivers that match all of `drivers`, `themes` and \
                 `since`; widen the selection",
            );
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

/// The first few items, for a hint: `TP, VT, FG`, `a, b, …, j and 90 more`, or `none yet`.
/// The path of a point: `impact[0]`, or `impact[0].children[1]` below another point.
struct PointPath<'a> {
    parent: &'a dyn fmt::Display,
    index: usize,
    nested: bool,
}

impl fmt::Display for PointPath<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let children = if self.nested { ".children" } else { "" };
        write!(f, "{}{children}[{}]", self.parent, self.index)
    }
}

fn list_or_none<'a>(items: impl ExactSizeIterator<Item = &'a str>) -> String {
    const SHOWN: usize = 10;
    let total = items.len();
    let shown: Vec<&str> = items.take(SHOWN).collect();
    match total {
        0 => "none yet".to_string(),
        _ if total <= SHOWN => shown.join(", "),
        _ => format!("{} and {} more", shown.join(", "), total - SHOWN),
    }
}

/// Why two ids that differ name one output file.
const SAME_OUTPUT_NAME: &str = "output names ignore case, repeated dashes and dashes at the end";

/// The output file names taken by the records of one kind (or the themes), so that a second id
/// that [`safe_file_name`] folds onto a taken name is refused: an export could not write both.
#[derive(Default)]
struct OutputNames<'a> {
    taken: BTreeMap<String, &'a str>,
}

impl<'a> OutputNames<'a> {
    /// Takes the output name of `id`, or says which name and which id already have it.
    fn claim(&mut self, id: &'a str) -> Result<(), (String, &'a str)> {
        let name = safe_file_name(id);
        match self.taken.get(name.as_str()) {
            Some(first) => Err((name, first)),
            None => {
                self.taken.insert(name, id);
                Ok(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{AgendaItem, IdeaCapture, Member, Point, Quote, Severity, Theme, testing};

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
            |s| s.drivers[0].record.owner = Some("XY".into()),
            &[&format!("{D}: owner: `XY` is not a member")],
        );
        check(
            |s| s.drivers[0].record.owner = Some("victoria treadway".into()),
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

    /// `Dup` and `dup`, or `a--b` and `a-b`, validated and then failed the site's export.
    #[test]
    fn theme_ids_that_fold_to_one_output_name_are_refused() {
        let theme = |id: &str| Theme {
            id: id.into(),
            name: format!("Theme {id}"),
            description: None,
        };
        check(
            |s| {
                s.info.themes.push(theme("Dup"));
                s.info.themes.push(theme("dup"));
            },
            &[
                "toolkit.toml: themes[2].id: theme id `dup` has the same output name `dup` as theme `Dup`",
            ],
        );
        check(
            |s| {
                s.info.themes.push(theme("a--b"));
                s.info.themes.push(theme("a-b"));
            },
            &[
                "toolkit.toml: themes[2].id: theme id `a-b` has the same output name `a-b` as theme `a--b`",
            ],
        );
        check(|s| s.info.themes.push(theme("a-b")), &[]);
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
            &[
                "meetings/Meeting-2017-02-08.toml: has the same output name `meeting-2017-02-08` as meetings/meeting-2017-02-08.toml",
            ],
        );
        check(
            |s| s.meetings[0].slug = "../../etc/passwd".into(),
            &[
                "meetings/../../etc/passwd.toml: bad file name (`../../etc/passwd` has characters other than ASCII letters, digits, `-` and `_`)",
            ],
        );
        check(
            |s| s.meetings[0].slug = "CON".into(),
            &["meetings/CON.toml: bad file name (`CON` is a device name on Windows)"],
        );
    }

    #[test]
    fn drafts_and_missing_optional_fields_are_warnings() {
        check(
            |s| {
                let d = &mut s.drivers[0].record;
                d.draft = true;
                d.source = String::new();
                d.published = None;
                d.summary = String::new();
                d.impact.clear();
                d.review_due = Some("2016-01".parse().unwrap());
            },
            &[
                &format!("warning: {D}: draft: is a draft: left out of briefings and the website"),
                &format!(
                    "warning: {D}: source: is missing (the draft cannot be published without it)"
                ),
                &format!(
                    "warning: {D}: published: is missing (the draft cannot be published without it)"
                ),
                &format!(
                    "warning: {D}: summary: is missing (the draft cannot be published without it)"
                ),
                &format!(
                    "warning: {D}: impact: is missing (the draft cannot be published without it)"
                ),
            ],
        );
        check(
            |s| {
                let d = &mut s.drivers[0].record;
                d.owner = None;
                d.publication_format = None;
                d.primary_audience = None;
            },
            &[
                &format!("warning: {D}: publication_format: is missing"),
                &format!("warning: {D}: primary_audience: is missing"),
                &format!("warning: {D}: owner: no group member is responsible"),
            ],
        );
        check(
            |s| s.drivers[0].record.owner = Some(" ".into()),
            &[&format!("{D}: owner: is blank (it is required)")],
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
            &[&format!("warning: {D}: key_features: is missing")],
        );
        check(
            |s| s.drivers[0].record.published = None,
            &[&format!("{D}: published: is missing (it is required)")],
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

    fn briefing() -> Briefing {
        crate::parse_record(
            "title = 'Update for the Trust Board'\nfor = 'Trust Board'\ndate = '2017-12-05'\n\
             purpose = 'decision'\nsummary = 'Two drivers.'\n\
             recommendations = ['The Board is asked to note the review.']\n\
             drivers = ['developing-people']\n",
        )
        .unwrap()
    }

    const B: &str = "briefings/board.toml";

    #[test]
    fn briefing_definitions() {
        let with = |change: fn(&mut Briefing)| {
            move |s: &mut ToolkitSource| {
                let mut b = briefing();
                change(&mut b);
                s.briefings.push(Entry::new("board", b));
            }
        };
        check(with(|_| {}), &[]);
        check(
            with(|b| {
                b.drivers = vec![
                    "carter".into(),
                    "developing-people".into(),
                    "developing-people".into(),
                ];
                b.themes = vec!["estates".into()];
            }),
            &[
                &format!("{B}: drivers[0]: unknown driver `carter`"),
                &format!("{B}: drivers[2]: `developing-people` is listed more than once"),
                &format!("{B}: themes[0]: unknown theme `estates`"),
            ],
        );
        check(
            with(|b| {
                b.recommendations.clear();
                b.title = " ".into();
            }),
            &[
                &format!(
                    "{B}: recommendations: is missing (a briefing for decision says what is to be decided)"
                ),
                &format!("{B}: title: is blank (it is required)"),
            ],
        );
        check(
            with(|b| {
                b.drivers.clear();
                b.since = Some("2017-03".parse().unwrap());
            }),
            &[&format!(
                "{B}: since: selects no driver (no current driver matches drivers, themes and since together)"
            )],
        );
        check(
            |s| {
                s.drivers[0].record.archived = true;
                s.briefings.push(Entry::new("board", briefing()));
            },
            &[
                &format!(
                    "{B}: drivers: selects no driver (no current driver matches drivers, themes and since together)"
                ),
                &format!(
                    "warning: {B}: drivers[0]: `developing-people` is archived (left out of the briefing)"
                ),
            ],
        );
        // A draft never reaches a briefing: naming one is like naming an archived driver.
        check(
            |s| {
                s.drivers[0].record.draft = true;
                s.briefings.push(Entry::new("board", briefing()));
            },
            &[
                &format!(
                    "{B}: drivers: selects no driver (no current driver matches drivers, themes and since together)"
                ),
                &format!(
                    "warning: {B}: drivers[0]: `developing-people` is a draft (left out of the briefing)"
                ),
                "warning: drivers/developing-people.toml: draft: is a draft: left out of briefings and \
                 the website",
            ],
        );
    }

    #[test]
    fn headlines_and_dates_after_as_of() {
        check(
            |s| s.drivers[0].record.headline = Some("x".repeat(401)),
            &[&format!(
                "{D}: headline: is 401 characters long (at most 400)"
            )],
        );
        check(
            |s| s.drivers[0].record.headline = Some("é".repeat(400)),
            &[],
        );
        check(
            |s| s.drivers[0].record.last_updated = Some("2017-07".parse().unwrap()),
            &[&format!(
                "warning: {D}: last_updated: 2017-07 is after the as-of date 1 June 2017"
            )],
        );
    }

    #[test]
    fn meeting_people_and_minutes() {
        check(
            |s| {
                let m = &mut s.meetings[0].record;
                m.chair = Some(" ".into());
                m.attendees = vec!["VT".into(), "".into()];
                m.agenda[0].minutes = Some(0);
                m.agenda[0].lead = Some("FG".into());
            },
            &[
                "meetings/meeting-2017-02-08.toml: agenda[0].minutes: is 0",
                "meetings/meeting-2017-02-08.toml: attendees[1]: is blank (it is required)",
                "meetings/meeting-2017-02-08.toml: chair: is blank",
            ],
        );
    }

    #[test]
    fn every_problem_is_reported_errors_first() {
        let mut source = testing::source();
        source.drivers[0].record.owner = Some("ZZ".into());
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
            report.summary(),
            "the toolkit is not valid (3 errors, 1 warning)"
        );
        // Displayed, the report shows every diagnostic after the summary, each with its place.
        let shown = report.to_string();
        let lines: Vec<&str> = shown.lines().collect();
        assert_eq!(lines[0], "the toolkit is not valid (3 errors, 1 warning):");
        for d in &report.diagnostics {
            assert!(shown.contains(&d.to_string()), "{d} in {shown}");
        }
    }
}
