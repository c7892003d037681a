//! Executive briefings: what each national driver means for the organisation and its library,
//! with the evidence of impact the library already has. The full briefing covers the drivers of
//! the export's selection; a briefing definition (`briefings/<slug>.toml`) covers its own, as a
//! board paper with the manager's summary and recommendations first.

use std::collections::BTreeMap;

use maptoolkit_core::{
    Briefing, Driver, IdeaCapture, Level, MapStory, Purpose, ReviewStatus, Toolkit, paragraphs,
};
use rayon::prelude::*;

use crate::text::{NOT_RECORDED, count, list_items, owner_name, published_text};
use crate::{
    Bar, Block, Chart, Contents, Document, ExportOptions, Heading, Inline, KeyValue, List,
    ListItem, Metadata, REVIEW_STATUS_KEY, ReviewRag, STATUS_COLUMN, Table,
};

/// What a briefing's cover and summary page say: the facts of a board paper.
struct Paper<'a> {
    title: String,
    /// Who reads it.
    readers: &'a str,
    presenter: Option<&'a str>,
    date: String,
    purpose: Purpose,
    /// The manager's summary, paragraph by paragraph.
    summary: Vec<String>,
    recommendations: &'a [String],
    /// Whether the drivers are in an order of the paper's own (not grouped by theme).
    ordered: bool,
    /// Whether to add the MAP Stories and Ideas Capture appendices.
    appendices: bool,
}

/// The briefings of up to this many drivers carry the review register right after the summary;
/// longer ones carry it as an appendix.
pub(crate) const REGISTER_UP_FRONT: usize = 20;

/// The review register's heading as an appendix, and its anchor.
const REGISTER_APPENDIX: &str = "Appendix: Review register";
const REGISTER_ANCHOR: &str = "review-register";

/// Composes the full executive briefing (`briefing`) for a toolkit already filtered for its
/// audience: the drivers of [`ExportOptions::selection`].
pub(crate) fn executive_briefing(toolkit: &Toolkit, options: &ExportOptions) -> Document {
    let drivers = if options.include.drivers {
        toolkit.select_drivers(&options.selection)
    } else {
        Vec::new()
    };
    let stories = toolkit.stories().len();
    let summary = format!(
        "This briefing summarises {} and what each means for the organisation and its library and knowledge services, with {} as evidence of impact.",
        count(drivers.len(), "national driver", "national drivers"),
        count(stories, "MAP Story", "MAP Stories"),
    );
    let paper = Paper {
        title: format!("{}: executive briefing", toolkit.info().name),
        readers: options.audience.description(),
        presenter: None,
        date: options.as_of.to_uk_string(),
        purpose: Purpose::Information,
        summary: vec![summary],
        recommendations: &[],
        ordered: options.selection.is_ordered(),
        appendices: true,
    };
    compose_paper(toolkit, &paper, &drivers, options)
}

/// Composes the briefing a definition (`briefings/<slug>.toml`) describes, for a toolkit already
/// filtered for its audience.
pub(crate) fn defined_briefing(
    toolkit: &Toolkit,
    briefing: &Briefing,
    options: &ExportOptions,
) -> Document {
    let selection = briefing.selection();
    let drivers = toolkit.select_drivers(&selection);
    let paper = Paper {
        title: briefing.title.clone(),
        readers: &briefing.readers,
        presenter: briefing.presenter.as_deref(),
        date: briefing.date.to_uk_string(),
        purpose: briefing.purpose,
        summary: briefing
            .summary_paragraphs()
            .into_iter()
            .map(String::from)
            .collect(),
        recommendations: &briefing.recommendations,
        ordered: selection.is_ordered(),
        appendices: false,
    };
    compose_paper(toolkit, &paper, &drivers, options)
}

/// A briefing: cover, summary, contents, register (when short), at a glance, the drivers, then
/// the appendices.
fn compose_paper(
    toolkit: &Toolkit,
    paper: &Paper<'_>,
    drivers: &[(&str, &Driver)],
    options: &ExportOptions,
) -> Document {
    let mut b = Builder { blocks: Vec::new() };
    let info = toolkit.info();
    let marking = options.audience.marking();

    // The drivers as their sections will show them, so the key messages come in that order.
    let groups = if paper.ordered {
        vec![(
            Group {
                title: "Drivers".to_string(),
                anchor: "drivers".to_string(),
                description: None,
            },
            drivers.to_vec(),
        )]
    } else {
        group_by_theme(toolkit, drivers)
    };
    let in_order: Vec<(&str, &Driver)> = groups
        .iter()
        .flat_map(|(_, members)| members.iter().copied())
        .collect();

    cover(&mut b, toolkit, paper, options);
    summary_page(&mut b, toolkit, paper, &in_order, options);
    b.blocks.push(Block::Contents(Contents {
        title: "Contents".to_string(),
        max_level: 2,
    }));
    b.blocks.push(Block::PageBreak);
    let register_up_front = drivers.len() <= REGISTER_UP_FRONT;
    if options.include.drivers && register_up_front {
        review_register(&mut b, toolkit, drivers, options, "Review register");
        b.blocks.push(Block::PageBreak);
    }

    at_a_glance(&mut b, toolkit, drivers, options);

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
    for (group, members) in groups {
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

    if options.include.drivers && !register_up_front {
        b.blocks.push(Block::PageBreak);
        review_register(&mut b, toolkit, drivers, options, REGISTER_APPENDIX);
    }
    if paper.appendices && options.include.stories && !toolkit.stories().is_empty() {
        stories_appendix(&mut b, toolkit);
    }
    if paper.appendices && options.include.ideas && !toolkit.ideas().is_empty() {
        ideas_appendix(&mut b, toolkit);
    }

    Document {
        meta: Metadata {
            title: paper.title.clone(),
            subject: format!(
                "National drivers for library and knowledge services, as of {}",
                options.as_of.to_uk_string()
            ),
            author: info.organisation.clone(),
            language: "en-GB".to_string(),
            as_of: options.as_of.to_string(),
            created: options.created,
            marking: marking.map(String::from),
        },
        blocks: b.blocks,
    }
}

/// The cover, as a board paper: title, who it is for, presenter, date, purpose, organisation,
/// and the members' marking.
fn cover(b: &mut Builder, toolkit: &Toolkit, paper: &Paper<'_>, options: &ExportOptions) {
    b.blocks.push(Block::Title(paper.title.clone()));
    let mut rows = vec![kv("For", paper.readers)];
    if let Some(presenter) = paper.presenter {
        rows.push(kv("Presented by", presenter));
    }
    rows.push(kv("Date", &paper.date));
    rows.push(kv("Purpose", paper.purpose.label()));
    rows.push(kv("Organisation", &toolkit.info().organisation));
    let as_of = options.as_of.to_uk_string();
    if as_of != paper.date {
        rows.push(kv("Status as of", &as_of));
    }
    b.key_values(rows);
    if let Some(marking) = options.audience.marking() {
        b.para(vec![Inline::Strong(marking.to_string())]);
    }
    b.blocks.push(Block::PageBreak);
}

/// The summary page: purpose, the manager's summary, the recommendations, a key message per
/// driver and the reviews overdue or due, by name, with owner.
fn summary_page(
    b: &mut Builder,
    toolkit: &Toolkit,
    paper: &Paper<'_>,
    drivers: &[(&str, &Driver)],
    options: &ExportOptions,
) {
    b.heading(1, "Summary", "summary");
    b.para(vec![
        Inline::Strong("Purpose: ".to_string()),
        Inline::text(paper.purpose.label()),
    ]);
    for p in &paper.summary {
        b.para(vec![Inline::text(p)]);
    }
    if !paper.recommendations.is_empty() {
        b.heading(2, "Recommendations", "recommendations");
        b.blocks.push(Block::List(List {
            numbered: true,
            items: paper
                .recommendations
                .iter()
                .map(|r| ListItem {
                    content: vec![Inline::text(r)],
                    children: vec![],
                })
                .collect(),
        }));
    }
    if !options.include.drivers {
        return;
    }
    b.heading(2, "Key messages", "key-messages");
    if drivers.is_empty() {
        b.para(vec![Inline::Emphasis(
            "No driver is covered by this briefing.".to_string(),
        )]);
    } else {
        b.list(
            drivers
                .iter()
                .map(|(_, d)| ListItem {
                    content: vec![
                        Inline::Strong(d.title.clone()),
                        Inline::text(format!(
                            " ({}, {}): {}",
                            d.source,
                            published_text(d),
                            d.headline_text()
                        )),
                    ],
                    children: vec![],
                })
                .collect(),
        );
    }
    b.heading(
        2,
        &format!(
            "Reviews overdue or due in the next {} days",
            options.due_soon_days
        ),
        "reviews-due",
    );
    let due: Vec<(&str, &Driver)> = drivers
        .iter()
        .filter(|(_, d)| {
            matches!(
                Toolkit::review_status(d, options.as_of, options.due_soon_days),
                ReviewStatus::Overdue | ReviewStatus::DueSoon
            )
        })
        .copied()
        .collect();
    if due.is_empty() {
        b.para(vec![Inline::text(format!(
            "No review is overdue or due in the next {} days.",
            options.due_soon_days
        ))]);
    } else {
        // A summary names at most a register's worth of reviews, the earliest first; the
        // register in the appendix has them all.
        let mut shown = due.clone();
        shown.sort_by_key(|&(slug, d)| review_order(slug, d));
        shown.truncate(REGISTER_UP_FRONT);
        // The heading names the table: a caption would say it again.
        b.blocks.push(review_table(toolkit, "", &shown, options));
        if due.len() > shown.len() {
            b.para(vec![Inline::text(format!(
                "These are the {} earliest of {} reviews overdue or due.",
                shown.len(),
                due.len()
            ))]);
        }
    }
    if drivers.len() > REGISTER_UP_FRONT {
        b.para(vec![
            Inline::text(format!(
                "The review register of all {} drivers is an appendix: ",
                drivers.len()
            )),
            Inline::Ref {
                text: REGISTER_APPENDIX.to_string(),
                anchor: REGISTER_ANCHOR.to_string(),
            },
            Inline::text("."),
        ]);
    }
    // The contents follows on the same page: a page break here left a page holding only the
    // end of a long summary.
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
/// group; drivers without a theme come last. Themes are found through the toolkit's index.
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
            .and_then(|id| toolkit.theme_position(id))
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
    let mut by_status = [0u32; 4];
    for (_, d) in drivers {
        let status = Toolkit::review_status(d, options.as_of, options.due_soon_days);
        by_status[STATUS_ORDER.iter().position(|s| *s == status).unwrap_or(3)] += 1;
    }
    let stories = toolkit.stories().len();
    b.key_values(vec![
        kv("Drivers", &drivers.len().to_string()),
        kv("Reviews overdue", &by_status[0].to_string()),
        kv(
            &format!("Reviews due in the next {} days", options.due_soon_days),
            &by_status[1].to_string(),
        ),
        kv("MAP Stories", &stories.to_string()),
    ]);

    // Counted through the theme index, once per theme a driver names.
    let themes = &toolkit.info().themes;
    let mut per_theme = vec![0u32; themes.len()];
    let mut unthemed = 0u32;
    for (_, d) in drivers {
        if d.themes.is_empty() {
            unthemed += 1;
        }
        for id in &d.themes {
            if let Some(i) = toolkit.theme_position(id) {
                per_theme[i] += 1;
            }
        }
    }
    let mut bars: Vec<Bar> = themes
        .iter()
        .zip(&per_theme)
        .map(|(t, &n)| Bar {
            label: t.name.clone(),
            value: n,
            colour: None,
        })
        .collect();
    if unthemed > 0 {
        bars.push(Bar {
            label: "No theme".to_string(),
            value: unthemed,
            colour: None,
        });
    }
    if !bars.is_empty() {
        b.blocks.push(Block::Chart(chart(
            "Drivers by theme",
            "Bar chart of drivers by theme (a driver may have several themes)",
            bars,
        )));
    }
    let status_bars = STATUS_ORDER
        .iter()
        .zip(by_status)
        .map(|(status, n)| Bar {
            label: status_label(*status, options).to_string(),
            value: n,
            colour: Some(ReviewRag::from(*status).fill()),
        })
        .collect();
    b.blocks.push(Block::Chart(chart(
        "Reviews by status",
        "Bar chart of driver reviews by status",
        status_bars,
    )));

    let levels = [
        Some(Level::National),
        Some(Level::Regional),
        Some(Level::Local),
        None,
    ];
    let mut per_level = [0usize; 4];
    for (_, d) in drivers {
        per_level[levels.iter().position(|l| *l == d.level).unwrap_or(3)] += 1;
    }
    let by_level = levels
        .iter()
        .zip(per_level)
        .filter(|(_, n)| *n > 0)
        .map(|(level, n)| {
            vec![
                level.map_or("Not stated", Level::label).to_string(),
                n.to_string(),
            ]
        })
        .collect();
    b.blocks.push(Block::Table(Table {
        caption: "Drivers by level".to_string(),
        columns: vec!["Level".to_string(), "Drivers".to_string()],
        rows: by_level,
    }));
    b.blocks.push(Block::PageBreak);
}

/// The review statuses in the order charts and counts show them.
const STATUS_ORDER: [ReviewStatus; 4] = [
    ReviewStatus::Overdue,
    ReviewStatus::DueSoon,
    ReviewStatus::Current,
    ReviewStatus::NotSet,
];

/// A status as a chart's bar names it: "Due within 90 days" rather than "Due soon".
fn status_label(status: ReviewStatus, options: &ExportOptions) -> String {
    match status {
        ReviewStatus::DueSoon => format!("Due within {} days", options.due_soon_days),
        other => other.label().to_string(),
    }
}

/// A chart whose alternative text is `lead`, then every bar and its number:
/// "…: Transformation 3, Integrated care 1."
pub(crate) fn chart(title: &str, lead: &str, bars: Vec<Bar>) -> Chart {
    let numbers: Vec<String> = bars
        .iter()
        .map(|bar| format!("{} {}", bar.label, bar.value))
        .collect();
    Chart {
        title: title.to_string(),
        description: format!("{lead}: {}.", numbers.join(", ")),
        bars,
    }
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
    b.para(vec![Inline::Strong(d.headline_text().to_string())]);
    b.heading(
        3,
        "What this means for library and knowledge services",
        &format!("driver-{slug}-impact"),
    );
    b.list(list_items(&d.impact));
    let mut rows = Vec::new();
    if !d.alternative_titles.is_empty() {
        rows.push(kv("Also known as", &d.alternative_titles.join("; ")));
    }
    rows.push(kv("Source", &d.source));
    let published = published_text(d);
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
    title: &str,
) {
    b.heading(1, title, REGISTER_ANCHOR);
    b.para(vec![Inline::text(format!(
        "Every driver summary, when it is due for review and where it stands as of {}.",
        options.as_of.to_uk_string()
    ))]);
    b.blocks.push(review_table(toolkit, "", drivers, options));
}

/// A table of drivers, earliest review first: driver, member responsible, review date, status.
/// `caption` may be empty where the heading above the table names it already.
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
