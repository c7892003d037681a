//! The website's pages: a home page, a page per current driver, theme, MAP Story, Ideas Capture
//! plan and meeting, and a list page per kind, for a toolkit already filtered for its audience.

use std::collections::BTreeMap;

use maptoolkit_core::{Driver, MapStory, ReviewStatus, Toolkit, paragraphs};

use crate::executive::{
    Builder, current_drivers, driver_section, idea_section, kv, review_table, story_section,
};
use crate::meeting_pack::meeting_pack;
use crate::text::count;
use crate::{
    ArtifactPath, Block, Document, ExportOptions, FeedEntry, Inline, ListItem, Metadata, NavLink,
    Site, SitePage, Timestamp,
};

/// Records by theme and stories by driver, gathered once so that no page searches every record.
struct Index<'a> {
    /// Current drivers of each theme id, newest first.
    drivers_by_theme: BTreeMap<&'a str, Vec<(&'a str, &'a Driver)>>,
    /// Stories of each theme id, by slug.
    stories_by_theme: BTreeMap<&'a str, Vec<(&'a str, &'a MapStory)>>,
    /// Stories aligned to each driver slug, by slug, each once.
    stories_by_driver: BTreeMap<&'a str, Vec<(&'a str, &'a MapStory)>>,
}

impl<'a> Index<'a> {
    fn new(toolkit: &'a Toolkit, drivers: &[(&'a str, &'a Driver)]) -> Index<'a> {
        let mut index = Index {
            drivers_by_theme: BTreeMap::new(),
            stories_by_theme: BTreeMap::new(),
            stories_by_driver: BTreeMap::new(),
        };
        for &(slug, d) in drivers {
            for theme in &d.themes {
                let list = index.drivers_by_theme.entry(theme.as_str()).or_default();
                if list.last().is_none_or(|(last, _)| *last != slug) {
                    list.push((slug, d));
                }
            }
        }
        for (slug, s) in toolkit.stories() {
            for (ids, map) in [
                (&s.themes, &mut index.stories_by_theme),
                (&s.drivers, &mut index.stories_by_driver),
            ] {
                for id in ids {
                    let list = map.entry(id.as_str()).or_default();
                    if list.last().is_none_or(|(last, _)| *last != slug.as_str()) {
                        list.push((slug.as_str(), s));
                    }
                }
            }
        }
        index
    }

    fn drivers_of(&self, theme: &str) -> &[(&'a str, &'a Driver)] {
        self.drivers_by_theme
            .get(theme)
            .map_or(&[][..], Vec::as_slice)
    }

    fn stories_of_theme(&self, theme: &str) -> &[(&'a str, &'a MapStory)] {
        self.stories_by_theme
            .get(theme)
            .map_or(&[][..], Vec::as_slice)
    }

    fn stories_of_driver(&self, driver: &str) -> &[(&'a str, &'a MapStory)] {
        self.stories_by_driver
            .get(driver)
            .map_or(&[][..], Vec::as_slice)
    }
}

/// How many drivers the home page lists as newest.
const NEWEST: usize = 10;

/// Composes the site. Where briefing definitions come to exist, their pages
/// (`briefings/<slug>`) are added here, beside the others, with a navigation entry.
pub(crate) fn site(toolkit: &Toolkit, options: &ExportOptions) -> Site {
    let info = toolkit.info();
    let include = options.include;
    let drivers = if include.drivers {
        newest_first(current_drivers(toolkit))
    } else {
        Vec::new()
    };
    let index = Index::new(toolkit, &drivers);
    let path = |parts: &[&str]| ArtifactPath::new(parts);
    let home = path(&["index"]);
    let mut navigation = vec![NavLink {
        text: "Home".to_string(),
        path: home.clone(),
    }];
    let mut pages = vec![SitePage {
        path: home.clone(),
        section: home.clone(),
        document: home_page(toolkit, &drivers, &index, options),
    }];
    let mut add_section = |text: &str, list: SitePage, records: Vec<SitePage>| {
        navigation.push(NavLink {
            text: text.to_string(),
            path: list.path.clone(),
        });
        pages.push(list);
        pages.extend(records);
    };

    if include.drivers {
        let list = path(&["drivers"]);
        let records = drivers
            .iter()
            .map(|&(slug, d)| {
                page(
                    path(&["drivers", slug]),
                    &list,
                    driver_page(toolkit, slug, d, index.stories_of_driver(slug), options),
                )
            })
            .collect();
        let document = list_page(
            "Drivers",
            "Every current driver, newest first.",
            drivers
                .iter()
                .map(|&(slug, d)| driver_item(slug, d))
                .collect(),
            options,
            info,
        );
        add_section("Drivers", page(list.clone(), &list, document), records);

        if !info.themes.is_empty() {
            let list = path(&["themes"]);
            let records = info
                .themes
                .iter()
                .map(|t| {
                    page(
                        path(&["themes", &t.id]),
                        &list,
                        theme_page(toolkit, t, &index, options),
                    )
                })
                .collect();
            let items = info
                .themes
                .iter()
                .map(|t| {
                    let n = index.drivers_of(&t.id).len();
                    item(vec![
                        link(&t.name, &path(&["themes", &t.id])),
                        Inline::text(format!(" ({})", count(n, "driver", "drivers"))),
                    ])
                })
                .collect();
            let document = list_page(
                "Themes",
                "Drivers grouped by what they are about.",
                items,
                options,
                info,
            );
            add_section("Themes", page(list.clone(), &list, document), records);
        }
    }
    if include.stories && !toolkit.stories().is_empty() {
        let list = path(&["stories"]);
        let records = toolkit
            .stories()
            .iter()
            .map(|(slug, s)| {
                let mut b = Builder { blocks: Vec::new() };
                story_section(&mut b, toolkit, slug, s, 1);
                let mut blocks = promote(b.blocks);
                blocks.push(Block::Heading(heading(1, "Drivers", "drivers")));
                blocks.push(driver_links(toolkit, &s.drivers));
                page(
                    path(&["stories", slug]),
                    &list,
                    document(&s.title, blocks, options, info),
                )
            })
            .collect();
        let items = toolkit
            .stories()
            .iter()
            .map(|(slug, s)| {
                item(vec![
                    link(&s.title, &path(&["stories", slug])),
                    Inline::text(format!(" – {}, {}", s.service, s.date.to_uk_string())),
                ])
            })
            .collect();
        let document = list_page(
            "MAP Stories",
            "What library and knowledge services have done, and the difference it made.",
            items,
            options,
            info,
        );
        add_section("MAP Stories", page(list.clone(), &list, document), records);
    }
    if include.ideas && !toolkit.ideas().is_empty() {
        let list = path(&["ideas"]);
        let records = toolkit
            .ideas()
            .iter()
            .map(|(slug, i)| {
                let mut b = Builder { blocks: Vec::new() };
                idea_section(&mut b, toolkit, slug, i, 1);
                page(
                    path(&["ideas", slug]),
                    &list,
                    document(&i.title, promote(b.blocks), options, info),
                )
            })
            .collect();
        let items = toolkit
            .ideas()
            .iter()
            .map(|(slug, i)| item(vec![link(&i.title, &path(&["ideas", slug]))]))
            .collect();
        let document = list_page(
            "Ideas Capture",
            "Projects planned against the drivers.",
            items,
            options,
            info,
        );
        add_section(
            "Ideas Capture",
            page(list.clone(), &list, document),
            records,
        );
    }
    if include.meetings && !toolkit.meetings().is_empty() {
        let list = path(&["meetings"]);
        let records = toolkit
            .meetings()
            .iter()
            .map(|(slug, m)| {
                page(
                    path(&["meetings", slug]),
                    &list,
                    meeting_pack(toolkit, m, options),
                )
            })
            .collect();
        let items = toolkit
            .meetings()
            .iter()
            .rev()
            .map(|(slug, m)| {
                let mut content = vec![
                    link(&m.title, &path(&["meetings", slug])),
                    Inline::text(format!(" – {}", m.date.to_uk_string())),
                ];
                if m.protected {
                    content.push(Inline::Strong(" (members only)".to_string()));
                }
                item(content)
            })
            .collect();
        let document = list_page(
            "Meetings",
            "Group meetings and their agendas.",
            items,
            options,
            info,
        );
        add_section("Meetings", page(list.clone(), &list, document), records);
    }

    let feed = match options.base_url {
        Some(_) => drivers
            .iter()
            .map(|&(slug, d)| feed_entry(slug, d))
            .collect(),
        None => Vec::new(),
    };
    Site {
        meta: metadata(
            &info.name,
            &format!("Content as of {}.", options.as_of.to_uk_string()),
            options,
            info,
        ),
        base_url: options.base_url.clone(),
        navigation,
        pages,
        feed,
    }
}

/// Current drivers, newest first: by last update (or publication), then by slug.
fn newest_first<'a>(mut drivers: Vec<(&'a str, &'a Driver)>) -> Vec<(&'a str, &'a Driver)> {
    drivers.sort_by(|a, b| {
        updated(b.1)
            .cmp(&updated(a.1))
            .then(b.1.published.cmp(&a.1.published))
            .then(a.0.cmp(b.0))
    });
    drivers
}

/// The first day of the last update, or of publication (every driver shown has one).
fn updated(d: &Driver) -> Option<maptoolkit_core::Date> {
    d.last_updated.or(d.published).map(|p| p.earliest())
}

fn feed_entry(slug: &str, d: &Driver) -> FeedEntry {
    let day = updated(d);
    let summary = paragraphs(&d.summary).first().copied().unwrap_or_default();
    FeedEntry {
        key: format!("drivers/{slug}"),
        title: d.title.clone(),
        page: ArtifactPath::new(&["drivers", slug]),
        updated: Timestamp::from_unix_seconds(day.map_or(0, |day| day.day_number() * 86_400)),
        summary: summary.to_string(),
    }
}

fn home_page(
    toolkit: &Toolkit,
    drivers: &[(&str, &Driver)],
    index: &Index<'_>,
    options: &ExportOptions,
) -> Document {
    let info = toolkit.info();
    let mut b = Builder {
        blocks: vec![Block::Title(info.name.clone())],
    };
    b.para(vec![Inline::text(format!(
        "{} is kept by {}. It summarises national policy documents (“drivers”) and what each \
         means for library and knowledge services, collects MAP Stories of the difference the \
         library makes, and plans projects with Ideas Capture.",
        info.name, info.organisation
    ))]);
    let statuses: Vec<ReviewStatus> = drivers
        .iter()
        .map(|(_, d)| Toolkit::review_status(d, options.as_of, options.due_soon_days))
        .collect();
    let with = |s: ReviewStatus| statuses.iter().filter(|&&x| x == s).count().to_string();
    b.key_values(vec![
        kv("As of", &options.as_of.to_uk_string()),
        kv("Current drivers", &drivers.len().to_string()),
        kv("Reviews overdue", &with(ReviewStatus::Overdue)),
        kv(
            &format!("Reviews due in the next {} days", options.due_soon_days),
            &with(ReviewStatus::DueSoon),
        ),
    ]);
    if !options.include.drivers {
        return document(&info.name, b.blocks, options, info);
    }

    b.heading(1, "Newest drivers", "newest-drivers");
    b.list(
        drivers
            .iter()
            .take(NEWEST)
            .map(|&(slug, d)| driver_item(slug, d))
            .collect(),
    );
    b.para(vec![link("All drivers", &ArtifactPath::new(&["drivers"]))]);

    b.heading(1, "Drivers by theme", "drivers-by-theme");
    let mut items: Vec<ListItem> = info
        .themes
        .iter()
        .map(|t| {
            let n = index.drivers_of(&t.id).len();
            item(vec![
                link(&t.name, &ArtifactPath::new(&["themes", &t.id])),
                Inline::text(format!(" ({})", count(n, "driver", "drivers"))),
            ])
        })
        .collect();
    let unthemed = drivers.iter().filter(|(_, d)| d.themes.is_empty()).count();
    if unthemed > 0 {
        items.push(item(vec![Inline::text(format!(
            "No theme ({})",
            count(unthemed, "driver", "drivers")
        ))]));
    }
    b.list(items);

    b.heading(1, "Reviews due", "reviews-due");
    let due: Vec<(&str, &Driver)> = drivers
        .iter()
        .copied()
        .filter(|(_, d)| {
            matches!(
                Toolkit::review_status(d, options.as_of, options.due_soon_days),
                ReviewStatus::Overdue | ReviewStatus::DueSoon
            )
        })
        .collect();
    if due.is_empty() {
        b.para(vec![Inline::text(format!(
            "No reviews are overdue or due in the next {} days.",
            options.due_soon_days
        ))]);
    } else {
        let caption = format!(
            "Driver summaries overdue for review or due in the next {} days",
            options.due_soon_days
        );
        b.blocks
            .push(review_table(toolkit, &caption, &due, options));
    }
    document(&info.name, b.blocks, options, info)
}

fn driver_page(
    toolkit: &Toolkit,
    slug: &str,
    d: &Driver,
    aligned: &[(&str, &MapStory)],
    options: &ExportOptions,
) -> Document {
    let mut b = Builder { blocks: Vec::new() };
    let stories: Vec<&MapStory> = aligned.iter().map(|&(_, s)| s).collect();
    driver_section(&mut b, toolkit, slug, d, &stories, options);
    let mut blocks = promote(b.blocks);
    let themes: Vec<ListItem> = d
        .themes
        .iter()
        .filter_map(|id| toolkit.info().theme(id))
        .map(|t| item(vec![link(&t.name, &ArtifactPath::new(&["themes", &t.id]))]))
        .collect();
    let stories: Vec<ListItem> = aligned
        .iter()
        .map(|&(s_slug, s)| {
            item(vec![link(
                &s.title,
                &ArtifactPath::new(&["stories", s_slug]),
            )])
        })
        .collect();
    if !themes.is_empty() || !stories.is_empty() {
        blocks.push(Block::Heading(heading(1, "On this site", "on-this-site")));
        let mut all = themes;
        all.extend(stories);
        blocks.push(Block::List(crate::List {
            numbered: false,
            items: all,
        }));
    }
    document(&d.title, blocks, options, toolkit.info())
}

fn theme_page(
    toolkit: &Toolkit,
    theme: &maptoolkit_core::Theme,
    index: &Index<'_>,
    options: &ExportOptions,
) -> Document {
    let mut b = Builder {
        blocks: vec![Block::Title(theme.name.clone())],
    };
    if let Some(description) = &theme.description {
        b.para(vec![Inline::text(description)]);
    }
    b.heading(1, "Drivers", "drivers");
    let items: Vec<ListItem> = index
        .drivers_of(&theme.id)
        .iter()
        .map(|&(slug, d)| driver_item(slug, d))
        .collect();
    if items.is_empty() {
        b.para(vec![Inline::Emphasis(
            "No current drivers have this theme.".to_string(),
        )]);
    } else {
        b.list(items);
    }
    let stories: Vec<ListItem> = index
        .stories_of_theme(&theme.id)
        .iter()
        .map(|&(slug, s)| item(vec![link(&s.title, &ArtifactPath::new(&["stories", slug]))]))
        .collect();
    if !stories.is_empty() {
        b.heading(1, "MAP Stories", "stories");
        b.list(stories);
    }
    document(&theme.name, b.blocks, options, toolkit.info())
}

/// A list of links to a driver per slug given (unknown slugs left out).
fn driver_links(toolkit: &Toolkit, slugs: &[String]) -> Block {
    let items = slugs
        .iter()
        .filter_map(|slug| toolkit.drivers().get_key_value(slug))
        .map(|(slug, d)| {
            if d.archived {
                item(vec![Inline::text(format!("{} (archived)", d.title))])
            } else {
                item(vec![link(&d.title, &ArtifactPath::new(&["drivers", slug]))])
            }
        })
        .collect::<Vec<_>>();
    if items.is_empty() {
        Block::Paragraph(vec![Inline::Emphasis("No drivers are named.".to_string())])
    } else {
        Block::List(crate::List {
            numbered: false,
            items,
        })
    }
}

/// "Five Year Forward View – NHS England, October 2014".
/// A driver in a list: its title, source and date of publication, and its last update when it
/// has one (lists of the newest are in that order, so the date they are sorted by shows).
fn driver_item(slug: &str, d: &Driver) -> ListItem {
    let mut text = format!(" – {}", d.source);
    if let Some(published) = d.published {
        text.push_str(&format!(", {}", published.to_uk_string()));
    }
    if let Some(updated) = d.last_updated {
        text.push_str(&format!(", updated {}", updated.to_uk_string()));
    }
    item(vec![
        link(&d.title, &ArtifactPath::new(&["drivers", slug])),
        Inline::text(text),
    ])
}

fn list_page(
    title: &str,
    intro: &str,
    items: Vec<ListItem>,
    options: &ExportOptions,
    info: &maptoolkit_core::ToolkitInfo,
) -> Document {
    let mut b = Builder {
        blocks: vec![Block::Title(title.to_string())],
    };
    b.para(vec![Inline::text(intro)]);
    if items.is_empty() {
        b.para(vec![Inline::Emphasis("Nothing yet.".to_string())]);
    } else {
        b.list(items);
    }
    document(title, b.blocks, options, info)
}

/// A section's blocks as a page: its first heading becomes the title and the headings below it
/// move up to level 1.
fn promote(mut blocks: Vec<Block>) -> Vec<Block> {
    let Some(Block::Heading(first)) = blocks.first() else {
        return blocks;
    };
    let top = first.level;
    blocks[0] = Block::Title(first.text.clone());
    for block in &mut blocks[1..] {
        if let Block::Heading(h) = block {
            h.level = h.level.saturating_sub(top).max(1);
        }
    }
    blocks
}

fn page(path: ArtifactPath, section: &ArtifactPath, document: Document) -> SitePage {
    SitePage {
        path,
        section: section.clone(),
        document,
    }
}

fn link(text: &str, page: &ArtifactPath) -> Inline {
    Inline::Link {
        text: text.to_string(),
        url: page.as_str().to_string(),
    }
}

fn item(content: Vec<Inline>) -> ListItem {
    ListItem {
        content,
        children: Vec::new(),
    }
}

fn heading(level: u8, text: &str, anchor: &str) -> crate::Heading {
    crate::Heading {
        level,
        text: text.to_string(),
        anchor: anchor.to_string(),
    }
}

fn metadata(
    title: &str,
    subject: &str,
    options: &ExportOptions,
    info: &maptoolkit_core::ToolkitInfo,
) -> Metadata {
    Metadata {
        title: title.to_string(),
        subject: subject.to_string(),
        author: info.organisation.clone(),
        language: "en-GB".to_string(),
        as_of: options.as_of.to_string(),
        created: options.created,
        marking: options.audience.marking().map(String::from),
    }
}

fn document(
    title: &str,
    blocks: Vec<Block>,
    options: &ExportOptions,
    info: &maptoolkit_core::ToolkitInfo,
) -> Document {
    Document {
        meta: metadata(title, &info.name, options, info),
        blocks,
    }
}
