//! The executive briefing: what each national driver means for the organisation and its library,
//! with the evidence of impact the library already has.

use std::collections::BTreeMap;

use maptoolkit_core::{Driver, IdeaCapture, Level, MapStory, ReviewStatus, Toolkit, paragraphs};
use rayon::prelude::*;

use crate::text::{NOT_RECORDED, count, list_items, owner_name};
use crate::{
    Block, Contents, Document, ExportOptions, Heading, Inline, KeyValue, List, ListItem, Metadata,
    REVIEW_STATUS_KEY, STATUS_COLUMN, Table,
};

/// Composes the executive briefing for a toolkit already filtered for its audience.
pub(crate) fn executive_briefing(toolkit: &Toolkit, options: &ExportOptions) -> Document {
    let mut b = Builder { blocks: Vec::new() };
    let info = toolkit.info();
    let drivers = if options.include.drivers {
        current_drivers(toolkit)
    } else {
        Vec::new()
    };

    b.blocks
        .push(Block::Title(format!("{}: executive briefing", info.name)));
    b.para(vec![Inline::text(
        "National drivers and what they mean for library and knowledge services",
    )]);
    b.key_values(vec![
        kv("Organisation", &info.organisation),
        kv("Audience", options.audience.description()),
        kv("As of", &options.as_of.to_uk_string()),
    ]);
    b.blocks.push(Block::PageBreak);
    b.blocks.push(Block::Contents(Contents {
        title: "Contents".to_string(),
        max_level: 2,
    }));
    b.blocks.push(Block::PageBreak);

    at_a_glance(&mut b, toolkit, &drivers, options);

    // Each driver's stories, gathered in one pass rather than one search per driver.
    let mut stories: BTreeMap<&str, Vec<&MapStory>> = BTreeMap::new();
    for story in toolkit.stories().values() {
        for driver in &story.drivers {
            let list = stories.entry(driver.as_str()).or_default();
            // A story naming a driver twice is listed once.
            if !list.last().is_some_and(|last| std::ptr::eq(*last, story)) {
                list.push(story);
            }
        }
    }
    for (group, members) in group_by_theme(toolkit, &drivers) {
        b.heading(1, &group.title, &group.anchor);
        if let Some(description) = group.description {
            b.para(vec![Inline::text(description)]);
        }
        // Sections do not depend on each other: compose them on every core, keep their order.
        let sections: Vec<Vec<Block>> = members
            .par_iter()
            .map(|&(slug, driver)| {
                let mut section = Builder { blocks: Vec::new() };
                let aligned = stories.get(slug).map_or(&[][..], Vec::as_slice);
                driver_section(&mut section, toolkit, slug, driver, aligned, options);
                section.blocks
            })
            .collect();
        b.blocks.extend(sections.into_iter().flatten());
    }

    if options.include.drivers {
        review_register(&mut b, toolkit, &drivers, options);
    }
    if options.include.stories && !toolkit.stories().is_empty() {
        stories_appendix(&mut b, toolkit);
    }
    if options.include.ideas && !toolkit.ideas().is_empty() {
        ideas_appendix(&mut b, toolkit);
    }

    Document {
        meta: Metadata {
            title: format!("{}: executive briefing", info.name),
            subject: format!(
                "National drivers for library and knowledge services, as of {}",
                options.as_of.to_uk_string()
            ),
            author: info.organisation.clone(),
            language: "en-GB".to_string(),
            as_of: options.as_of.to_string(),
            created: options.created,
        },
        blocks: b.blocks,
    }
}

/// Blocks being composed, with short ways to add the common ones.
pub(crate) struct Builder {
    pub(crate) blocks: Vec<Block>,
}

impl Builder {
    pub(crate) fn heading(&mut self, level: u8, text: &str, anchor: &str) {
        self.blocks.push(Block::Heading(Heading {
            level,
            text: text.to_string(),
            anchor: anchor.to_string(),
        }));
    }

    pub(crate) fn para(&mut self, inlines: Vec<Inline>) {
        self.blocks.push(Block::Paragraph(inlines));
    }

    pub(crate) fn key_values(&mut self, rows: Vec<KeyValue>) {
        self.blocks.push(Block::KeyValue(rows));
    }

    pub(crate) fn list(&mut self, items: Vec<ListItem>) {
        self.blocks.push(Block::List(List {
            numbered: false,
            items,
        }));
    }
}

pub(crate) fn kv(key: &str, value: &str) -> KeyValue {
    KeyValue {
        key: key.to_string(),
        value: vec![Inline::text(value)],
    }
}

/// Drivers that are not archived, by slug.
pub(crate) fn current_drivers(toolkit: &Toolkit) -> Vec<(&str, &Driver)> {
    toolkit
        .drivers()
        .iter()
        .filter(|(_, d)| !d.archived)
        .map(|(s, d)| (s.as_str(), d))
        .collect()
}

struct Group<'a> {
    title: String,
    anchor: String,
    description: Option<&'a str>,
}

/// Drivers grouped under their first theme, in the toolkit's theme order, newest first within a
/// group; drivers without a theme come last.
fn group_by_theme<'a>(
    toolkit: &'a Toolkit,
    drivers: &[(&'a str, &'a Driver)],
) -> Vec<(Group<'a>, Vec<(&'a str, &'a Driver)>)> {
    let themes = &toolkit.info().themes;
    let mut groups: BTreeMap<usize, Vec<(&str, &Driver)>> = BTreeMap::new();
    for &(slug, d) in drivers {
        let index = d
            .themes
            .first()
            .and_then(|id| themes.iter().position(|t| &t.id == id))
            .unwrap_or(themes.len());
        groups.entry(index).or_default().push((slug, d));
    }
    groups
        .into_iter()
        .map(|(index, mut members)| {
            members.sort_by(|a, b| b.1.published.cmp(&a.1.published).then(a.0.cmp(b.0)));
            let group = match themes.get(index) {
                Some(t) => Group {
                    title: t.name.clone(),
                    anchor: format!("theme-{}", t.id),
                    description: t.description.as_deref(),
                },
                None if index == 0 => Group {
                    title: "Drivers".to_string(),
                    anchor: "drivers".to_string(),
                    description: None,
                },
                None => Group {
                    title: "Other drivers".to_string(),
                    anchor: "other-drivers".to_string(),
                    description: None,
                },
            };
            (group, members)
        })
        .collect()
}

fn at_a_glance(
    b: &mut Builder,
    toolkit: &Toolkit,
    drivers: &[(&str, &Driver)],
    options: &ExportOptions,
) {
    b.heading(1, "At a glance", "at-a-glance");
    let statuses: Vec<ReviewStatus> = drivers
        .iter()
        .map(|(_, d)| Toolkit::review_status(d, options.as_of, options.due_soon_days))
        .collect();
    let overdue = statuses
        .iter()
        .filter(|s| **s == ReviewStatus::Overdue)
        .count();
    let due_soon = statuses
        .iter()
        .filter(|s| **s == ReviewStatus::DueSoon)
        .count();
    let stories = toolkit.stories().len();
    b.para(vec![Inline::text(format!(
        "This briefing summarises {} and what each means for library and knowledge services, with {} as evidence of impact.",
        count(drivers.len(), "national driver", "national drivers"),
        count(stories, "MAP Story", "MAP Stories"),
    ))]);
    b.key_values(vec![
        kv("Drivers", &drivers.len().to_string()),
        kv("Reviews overdue", &overdue.to_string()),
        kv(
            &format!("Reviews due in the next {} days", options.due_soon_days),
            &due_soon.to_string(),
        ),
        kv("MAP Stories", &stories.to_string()),
    ]);

    let mut by_theme: Vec<Vec<String>> = toolkit
        .info()
        .themes
        .iter()
        .map(|t| {
            let n = drivers
                .iter()
                .filter(|(_, d)| d.themes.contains(&t.id))
                .count();
            vec![t.name.clone(), n.to_string()]
        })
        .collect();
    let unthemed = drivers.iter().filter(|(_, d)| d.themes.is_empty()).count();
    if unthemed > 0 {
        by_theme.push(vec!["No theme".to_string(), unthemed.to_string()]);
    }
    b.blocks.push(Block::Table(Table {
        caption: "Drivers by theme (a driver may have several themes)".to_string(),
        columns: vec!["Theme".to_string(), "Drivers".to_string()],
        rows: by_theme,
    }));

    let levels = [
        Some(Level::National),
        Some(Level::Regional),
        Some(Level::Local),
        None,
    ];
    let by_level = levels
        .iter()
        .map(|level| {
            let n = drivers.iter().filter(|(_, d)| d.level == *level).count();
            vec![
                level.map_or("Not stated", Level::label).to_string(),
                n.to_string(),
            ]
        })
        .filter(|row| row[1] != "0")
        .collect();
    b.blocks.push(Block::Table(Table {
        caption: "Drivers by level".to_string(),
        columns: vec!["Level".to_string(), "Drivers".to_string()],
        rows: by_level,
    }));
    b.blocks.push(Block::PageBreak);
}

/// "Overdue: review was due February 2018" and the like.
pub(crate) fn review_text(driver: &Driver, options: &ExportOptions) -> String {
    let status = Toolkit::review_status(driver, options.as_of, options.due_soon_days);
    match driver.review_due {
        None => status.label().to_string(),
        Some(due) => format!("{}: review due {}", status.label(), due.to_uk_string()),
    }
}

/// A driver's section; `aligned` are the MAP Stories aligned to it, in slug order.
pub(crate) fn driver_section(
    b: &mut Builder,
    toolkit: &Toolkit,
    slug: &str,
    d: &Driver,
    aligned: &[&MapStory],
    options: &ExportOptions,
) {
    b.heading(2, &d.title, &format!("driver-{slug}"));
    let mut rows = Vec::new();
    if !d.alternative_titles.is_empty() {
        rows.push(kv("Also known as", &d.alternative_titles.join("; ")));
    }
    rows.push(kv("Source", &d.source));
    let published = d
        .published
        .map_or_else(|| NOT_RECORDED.to_string(), |p| p.to_uk_string());
    rows.push(kv(
        "Published",
        &match &d.publication_format {
            Some(format) => format!("{published} ({format})"),
            None => published,
        },
    ));
    if let Some(updated) = d.last_updated {
        rows.push(kv("Last updated", &updated.to_uk_string()));
    }
    rows.push(match &d.link {
        Some(url) => KeyValue {
            key: "Main document".to_string(),
            value: vec![Inline::Link {
                text: d.title.clone(),
                url: url.clone(),
            }],
        },
        None => kv("Main document", "No link recorded"),
    });
    rows.push(kv(
        "Primary audience",
        d.primary_audience.as_deref().unwrap_or(NOT_RECORDED),
    ));
    rows.push(kv(REVIEW_STATUS_KEY, &review_text(d, options)));
    rows.push(kv(
        "Group member responsible",
        &owner_name(toolkit, d.owner.as_deref()),
    ));
    let themes: Vec<&str> = d
        .themes
        .iter()
        .filter_map(|id| toolkit.theme(id))
        .map(|t| t.name.as_str())
        .collect();
    if !themes.is_empty() {
        rows.push(kv("Themes", &themes.join("; ")));
    }
    b.key_values(rows);

    b.heading(3, "Summary", &format!("driver-{slug}-summary"));
    for p in paragraphs(&d.summary) {
        b.para(vec![Inline::text(p)]);
    }
    b.heading(
        3,
        "What this means for library and knowledge services",
        &format!("driver-{slug}-impact"),
    );
    b.list(list_items(&d.impact));
    b.heading(3, "Key features", &format!("driver-{slug}-key-features"));
    if d.key_features.is_empty() {
        b.para(vec![Inline::Emphasis(format!("{NOT_RECORDED}."))]);
    } else {
        b.list(list_items(&d.key_features));
    }

    if options.include.stories {
        b.heading(
            3,
            "Evidence from MAP Stories",
            &format!("driver-{slug}-stories"),
        );
        let stories: Vec<ListItem> = aligned
            .iter()
            .map(|s| ListItem {
                content: vec![
                    Inline::Strong(s.title.clone()),
                    Inline::text(format!(" – {}, {}", s.service, s.date.to_uk_string())),
                ],
                children: list_items(&s.impact[..s.impact.len().min(1)]),
            })
            .collect();
        if stories.is_empty() {
            b.para(vec![Inline::Emphasis(
                "No MAP Stories are aligned to this driver yet.".to_string(),
            )]);
        } else {
            b.list(stories);
        }
    }
}

fn review_register(
    b: &mut Builder,
    toolkit: &Toolkit,
    drivers: &[(&str, &Driver)],
    options: &ExportOptions,
) {
    b.blocks.push(Block::PageBreak);
    b.heading(1, "Review register", "review-register");
    b.para(vec![Inline::text(format!(
        "Every driver summary, when it is due for review and where it stands as of {}.",
        options.as_of.to_uk_string()
    ))]);
    b.blocks
        .push(review_table(toolkit, "Review register", drivers, options));
}

/// A table of drivers, earliest review first: driver, member responsible, review date, status.
pub(crate) fn review_table(
    toolkit: &Toolkit,
    caption: &str,
    drivers: &[(&str, &Driver)],
    options: &ExportOptions,
) -> Block {
    let mut rows: Vec<(&str, &Driver)> = drivers.to_vec();
    rows.sort_by_key(|&(slug, d)| review_order(slug, d));
    Block::Table(Table {
        caption: caption.to_string(),
        columns: [
            "Driver",
            "Group member responsible",
            "Due for review",
            STATUS_COLUMN,
        ]
        .map(String::from)
        .to_vec(),
        rows: rows
            .iter()
            .map(|(_, d)| {
                vec![
                    d.title.clone(),
                    owner_name(toolkit, d.owner.as_deref()),
                    d.review_due
                        .map_or_else(|| "Not set".to_string(), |r| r.to_uk_string()),
                    Toolkit::review_status(d, options.as_of, options.due_soon_days)
                        .label()
                        .to_string(),
                ]
            })
            .collect(),
    })
}

fn stories_appendix(b: &mut Builder, toolkit: &Toolkit) {
    b.blocks.push(Block::PageBreak);
    b.heading(1, "Appendix: MAP Stories", "appendix-stories");
    for (slug, s) in toolkit.stories() {
        story_section(b, toolkit, slug, s, 2);
    }
}

/// A MAP Story's section, its heading at `level`.
pub(crate) fn story_section(
    b: &mut Builder,
    toolkit: &Toolkit,
    slug: &str,
    s: &MapStory,
    level: u8,
) {
    b.heading(level, &s.title, &format!("story-{slug}"));
    let mut rows = vec![
        kv("Library service", &s.service),
        kv("Date", &s.date.to_uk_string()),
    ];
    rows.extend(project_rows(
        toolkit,
        [&s.team, &s.resources, &s.timeframe],
        &s.drivers,
    ));
    b.key_values(rows);
    for p in paragraphs(&s.story) {
        b.para(vec![Inline::text(p)]);
    }
    b.heading(
        level + 1,
        "Impact for the library and the organisation",
        &format!("story-{slug}-impact"),
    );
    b.list(list_items(&s.impact));
    if let Some(q) = &s.quote {
        b.para(vec![
            Inline::Emphasis(format!("“{}”", q.text)),
            Inline::text(format!(" – {}", q.by)),
        ]);
    }
    if let Some(next) = &s.next_steps {
        b.para(vec![
            Inline::Strong("Next steps: ".to_string()),
            Inline::text(next),
        ]);
    }
}

fn ideas_appendix(b: &mut Builder, toolkit: &Toolkit) {
    b.blocks.push(Block::PageBreak);
    b.heading(1, "Appendix: Ideas Capture", "appendix-ideas");
    for (slug, idea) in toolkit.ideas() {
        idea_section(b, toolkit, slug, idea, 2);
    }
}

/// An Ideas Capture plan's section, its heading at `level`.
pub(crate) fn idea_section(
    b: &mut Builder,
    toolkit: &Toolkit,
    slug: &str,
    idea: &IdeaCapture,
    level: u8,
) {
    b.heading(level, &idea.title, &format!("idea-{slug}"));
    let rows = project_rows(
        toolkit,
        [&idea.team, &idea.resources, &idea.timeframe],
        &idea.drivers,
    );
    if !rows.is_empty() {
        b.key_values(rows);
    }
    for p in paragraphs(&idea.description) {
        b.para(vec![Inline::text(p)]);
    }
    b.para(vec![
        Inline::Strong("Intended outcome: ".to_string()),
        Inline::text(&idea.intended_outcome),
    ]);
    if let Some(next) = &idea.next_steps {
        b.para(vec![
            Inline::Strong("Next steps: ".to_string()),
            Inline::text(next),
        ]);
    }
}

/// The Team, Resources, Timeframe and Drivers rows that stories and Ideas Capture plans share,
/// leaving out what is not given.
fn project_rows(
    toolkit: &Toolkit,
    [team, resources, timeframe]: [&Option<String>; 3],
    drivers: &[String],
) -> Vec<KeyValue> {
    let mut rows: Vec<KeyValue> = [
        ("Team", team),
        ("Resources", resources),
        ("Timeframe", timeframe),
    ]
    .into_iter()
    .filter_map(|(key, value)| value.as_deref().map(|v| kv(key, v)))
    .collect();
    let titles: Vec<&str> = drivers
        .iter()
        .filter_map(|d| toolkit.drivers().get(d))
        .map(|d| d.title.as_str())
        .collect();
    if !titles.is_empty() {
        rows.push(kv("Drivers", &titles.join("; ")));
    }
    rows
}

/// The order of the review register and `review.csv`: earliest review first (drivers without a
/// review date first of all), then by slug.
pub(crate) fn review_order<'a>(
    slug: &'a str,
    driver: &Driver,
) -> (Option<maptoolkit_core::Date>, &'a str) {
    (driver.review_due.map(|r| r.earliest()), slug)
}
