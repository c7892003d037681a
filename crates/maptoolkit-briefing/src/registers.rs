//! Registers: the toolkit as tables for spreadsheets, one row per record (or agenda item).
//!
//! Column names are the data contract's field names (`review_due`, `key_features`, `quote.by`), so
//! a register can be read back by anyone who knows the TOML files. Lists are joined with `; `;
//! points become lines `• text`, indented two spaces per level of nesting.

use maptoolkit_core::{PartialDate, Toolkit};

use crate::text::points_cell;
use crate::{ExportOptions, Register, Table};

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

fn register(name: &str, caption: &str, columns: &[&str], rows: Vec<Vec<String>>) -> Register {
    Register {
        name: name.to_string(),
        table: Table {
            caption: caption.to_string(),
            columns: columns.iter().map(|c| c.to_string()).collect(),
            rows,
        },
    }
}

/// Every driver, with every field.
pub(crate) fn drivers(toolkit: &Toolkit) -> Register {
    let columns = [
        "slug",
        "title",
        "alternative_titles",
        "source",
        "link",
        "publication_format",
        "published",
        "last_updated",
        "review_due",
        "primary_audience",
        "owner",
        "level",
        "archived",
        "themes",
        "summary",
        "impact",
        "key_features",
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
                d.publication_format.clone(),
                d.published.to_string(),
                date(d.last_updated),
                date(d.review_due),
                d.primary_audience.clone(),
                d.owner.clone(),
                d.level.map(|l| l.as_str().to_string()).unwrap_or_default(),
                flag(d.archived),
                d.themes.join(LIST_SEPARATOR),
                d.summary.trim().to_string(),
                points_cell(&d.impact),
                points_cell(&d.key_features),
            ]
        })
        .collect();
    register("drivers", "Drivers", &columns, rows)
}

/// When each current driver is due for review and its status as of the options' date.
pub(crate) fn review(toolkit: &Toolkit, options: &ExportOptions) -> Register {
    let mut rows: Vec<_> = toolkit
        .drivers()
        .iter()
        .filter(|(_, d)| !d.archived)
        .collect();
    rows.sort_by_key(|&(slug, d)| crate::executive::review_order(slug, d));
    let rows = rows
        .into_iter()
        .map(|(slug, d)| {
            vec![
                slug.clone(),
                d.title.clone(),
                d.owner.clone(),
                date(d.review_due),
                Toolkit::review_status(d, options.as_of, options.due_soon_days)
                    .as_str()
                    .to_string(),
                options.as_of.to_string(),
            ]
        })
        .collect();
    register(
        "review",
        "Review schedule",
        &["slug", "title", "owner", "review_due", "status", "as_of"],
        rows,
    )
}

/// Every MAP Story.
pub(crate) fn stories(toolkit: &Toolkit) -> Register {
    let columns = [
        "slug",
        "title",
        "service",
        "date",
        "team",
        "resources",
        "timeframe",
        "story",
        "drivers",
        "themes",
        "impact",
        "next_steps",
        "quote.text",
        "quote.by",
        "protected",
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
        "slug",
        "title",
        "team",
        "resources",
        "timeframe",
        "description",
        "drivers",
        "intended_outcome",
        "next_steps",
        "protected",
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
        "slug",
        "title",
        "date",
        "start",
        "end",
        "protected",
        "teleconference.dial_in",
        "teleconference.access_code",
        "teleconference.notes",
        "agenda.number",
        "agenda.title",
        "agenda.standing",
        "agenda.papers",
        "agenda.items",
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
