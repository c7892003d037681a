//! Registers: the toolkit as tables for spreadsheets, one row per record (or agenda item).
//!
//! Column names are the data contract's field names (`review_due`, `key_features`, `quote.by`), so
//! a register can be read back by anyone who knows the TOML files. Lists are joined with `; `;
//! points become lines `• text`, indented two spaces per level of nesting.

use maptoolkit_core::{PartialDate, Toolkit};

use crate::text::points_cell;
use crate::{ColumnKind, ColumnKind as K, ExportOptions, Register, Table};

/// The separator between items of a list in one cell.
pub const LIST_SEPARATOR: &str = "; ";

fn date(d: Option<PartialDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

fn opt(s: &Option<String>) -> String {
    s.clone().unwrap_or_default()
}

fn flag(b: bool) -> String {
    b.to_string()
}

/// A register of `columns` (name and kind). Its creation time is set by the caller.
fn register(
    name: &str,
    caption: &str,
    columns: &[(&str, ColumnKind)],
    rows: Vec<Vec<String>>,
) -> Register {
    Register {
        name: name.to_string(),
        table: Table {
            caption: caption.to_string(),
            columns: columns.iter().map(|(c, _)| c.to_string()).collect(),
            rows,
        },
        kinds: columns.iter().map(|&(_, kind)| kind).collect(),
        created: crate::Timestamp::from_unix_seconds(0),
        marking: None,
    }
}

/// Every driver, with every field.
pub(crate) fn drivers(toolkit: &Toolkit) -> Register {
    let columns = [
        ("slug", K::Text),
        ("title", K::Text),
        ("alternative_titles", K::Text),
        ("source", K::Text),
        ("link", K::Link),
        ("publication_format", K::Text),
        ("published", K::Date),
        ("last_updated", K::Date),
        ("review_due", K::Date),
        ("primary_audience", K::Text),
        ("owner", K::Text),
        ("level", K::Text),
        ("archived", K::Text),
        ("themes", K::Text),
        ("headline", K::Text),
        ("summary", K::Text),
        ("impact", K::Text),
        ("key_features", K::Text),
    ];
    let rows = toolkit
        .drivers()
        .iter()
        .map(|(slug, d)| {
            vec![
                slug.clone(),
                d.title.clone(),
                d.alternative_titles.join(LIST_SEPARATOR),
                d.source.clone(),
                opt(&d.link),
                opt(&d.publication_format),
                date(d.published),
                date(d.last_updated),
                date(d.review_due),
                opt(&d.primary_audience),
                opt(&d.owner),
                d.level.map(|l| l.as_str().to_string()).unwrap_or_default(),
                flag(d.archived),
                d.themes.join(LIST_SEPARATOR),
                opt(&d.headline),
                d.summary.trim().to_string(),
                points_cell(&d.impact),
                points_cell(&d.key_features),
            ]
        })
        .collect();
    register("drivers", "Drivers", &columns, rows)
}

/// When each current driver is due for review and its status as of the options' date, with
/// drafts (status `draft`) beside them: the group's allocation view. `owner_name` is the member's
/// full name, `missing` the template fields the driver still lacks (`Driver::missing_fields`).
pub(crate) fn review(toolkit: &Toolkit, options: &ExportOptions) -> Register {
    let mut rows: Vec<_> = toolkit
        .drivers()
        .iter()
        .filter(|(_, d)| !d.archived)
        .chain(toolkit.drafts())
        .collect();
    rows.sort_by_key(|&(slug, d)| (d.draft, crate::executive::review_order(slug, d)));
    let rows = rows
        .into_iter()
        .map(|(slug, d)| {
            vec![
                slug.clone(),
                d.title.clone(),
                opt(&d.owner),
                d.owner
                    .as_deref()
                    .and_then(|o| toolkit.member(o))
                    .map(|m| m.name.trim().to_string())
                    .unwrap_or_default(),
                date(d.review_due),
                Toolkit::review_status(d, options.as_of, options.due_soon_days)
                    .as_str()
                    .to_string(),
                d.missing_fields().join(LIST_SEPARATOR),
                options.as_of.to_string(),
            ]
        })
        .collect();
    register(
        "review",
        "Review schedule",
        &[
            ("slug", K::Text),
            ("title", K::Text),
            ("owner", K::Text),
            ("owner_name", K::Text),
            ("review_due", K::Date),
            ("status", K::ReviewStatus),
            ("missing", K::Text),
            ("as_of", K::Date),
        ],
        rows,
    )
}

/// Every MAP Story.
pub(crate) fn stories(toolkit: &Toolkit) -> Register {
    let columns = [
        ("slug", K::Text),
        ("title", K::Text),
        ("service", K::Text),
        ("date", K::Date),
        ("team", K::Text),
        ("resources", K::Text),
        ("timeframe", K::Text),
        ("story", K::Text),
        ("drivers", K::Text),
        ("themes", K::Text),
        ("impact", K::Text),
        ("next_steps", K::Text),
        ("quote.text", K::Text),
        ("quote.by", K::Text),
        ("protected", K::Text),
    ];
    let rows = toolkit
        .stories()
        .iter()
        .map(|(slug, s)| {
            vec![
                slug.clone(),
                s.title.clone(),
                s.service.clone(),
                s.date.to_string(),
                opt(&s.team),
                opt(&s.resources),
                opt(&s.timeframe),
                s.story.trim().to_string(),
                s.drivers.join(LIST_SEPARATOR),
                s.themes.join(LIST_SEPARATOR),
                points_cell(&s.impact),
                opt(&s.next_steps),
                s.quote.as_ref().map(|q| q.text.clone()).unwrap_or_default(),
                s.quote.as_ref().map(|q| q.by.clone()).unwrap_or_default(),
                flag(s.protected),
            ]
        })
        .collect();
    register("stories", "MAP Stories", &columns, rows)
}

/// Every Ideas Capture plan.
pub(crate) fn ideas(toolkit: &Toolkit) -> Register {
    let columns = [
        ("slug", K::Text),
        ("title", K::Text),
        ("team", K::Text),
        ("resources", K::Text),
        ("timeframe", K::Text),
        ("description", K::Text),
        ("drivers", K::Text),
        ("intended_outcome", K::Text),
        ("next_steps", K::Text),
        ("protected", K::Text),
    ];
    let rows = toolkit
        .ideas()
        .iter()
        .map(|(slug, i)| {
            vec![
                slug.clone(),
                i.title.clone(),
                opt(&i.team),
                opt(&i.resources),
                opt(&i.timeframe),
                i.description.trim().to_string(),
                i.drivers.join(LIST_SEPARATOR),
                i.intended_outcome.clone(),
                opt(&i.next_steps),
                flag(i.protected),
            ]
        })
        .collect();
    register("ideas", "Ideas Capture plans", &columns, rows)
}

/// One row per agenda item (one row for a meeting without an agenda).
pub(crate) fn meetings(toolkit: &Toolkit) -> Register {
    let columns = [
        ("slug", K::Text),
        ("title", K::Text),
        ("date", K::Date),
        ("start", K::Text),
        ("end", K::Text),
        ("protected", K::Text),
        ("teleconference.dial_in", K::Text),
        ("teleconference.access_code", K::Text),
        ("teleconference.notes", K::Text),
        ("agenda.number", K::Number),
        ("agenda.title", K::Text),
        ("agenda.standing", K::Text),
        ("agenda.papers", K::Text),
        ("agenda.items", K::Text),
    ];
    let mut rows = Vec::new();
    for (slug, m) in toolkit.meetings() {
        let tele = m.teleconference.clone().unwrap_or_default();
        let meeting = vec![
            slug.clone(),
            m.title.clone(),
            m.date.to_string(),
            m.start.map(|t| t.to_string()).unwrap_or_default(),
            m.end.map(|t| t.to_string()).unwrap_or_default(),
            flag(m.protected),
            opt(&tele.dial_in),
            opt(&tele.access_code),
            opt(&tele.notes),
        ];
        if m.agenda.is_empty() {
            rows.push(
                meeting
                    .iter()
                    .cloned()
                    .chain(std::iter::repeat_n(String::new(), 5))
                    .collect(),
            );
        }
        for (i, item) in m.agenda.iter().enumerate() {
            let mut row = meeting.clone();
            row.extend([
                (i + 1).to_string(),
                item.title.clone(),
                flag(item.standing),
                item.papers.join(LIST_SEPARATOR),
                item.items.join(LIST_SEPARATOR),
            ]);
            rows.push(row);
        }
    }
    register("meetings", "Meeting agenda items", &columns, rows)
}
