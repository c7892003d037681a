//! Putting an import together: each post classified and read into a record (driver, story,
//! meeting), slugs given, members made from owners, stories linked to the drivers they name, and
//! whatever would not validate left out and reported. Both readers (text and WordPress export)
//! end here.

use std::collections::BTreeMap;

use maptoolkit_core::{Entry, MapStory, Meeting, RecordKind, Theme, ToolkitInfo, ToolkitSource};

use crate::classify::{PostKind, classify};
use crate::members::members_for;
use crate::post::Post;
use crate::report::{ImportError, Imported, ImportedAs, Protection, Report, Skipped, Warning};
use crate::slug::{driver_slug, meeting_slug};
use crate::{dates, driver, meetings, protection, slug, story, text};

/// What the imported toolkit is called, and the themes posts' categories may map to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportOptions {
    /// The toolkit's name; "MAP Toolkit" by default.
    pub name: String,
    /// Who keeps it; "Imported from MAP Toolkit posts" by default.
    pub organisation: String,
    /// The toolkit's themes, written to `toolkit.toml`: a WordPress category whose name (or
    /// slug) is a theme's name (or id), ignoring case, gives an imported driver that theme.
    pub themes: Vec<Theme>,
}

impl Default for ImportOptions {
    fn default() -> ImportOptions {
        ImportOptions {
            name: "MAP Toolkit".to_string(),
            organisation: "Imported from MAP Toolkit posts".to_string(),
            themes: Vec::new(),
        }
    }
}

/// The result of an import: the toolkit and what was done with every post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Import {
    /// The toolkit made from the posts. It passes [`ToolkitSource::validate`] (drafts with
    /// warnings; records that would not pass are left out and reported as errors).
    pub source: ToolkitSource,
    /// Every post, imported, skipped or refused, and lines not understood.
    pub report: Report,
}

/// A post with what its source says about it beyond the text: a WordPress export marks
/// password-protected posts and gives categories.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Input {
    pub post: Post,
    /// Why the source marks the post members only (`wp:post_password`, private status), if it
    /// does.
    pub protection: Option<Protection>,
    /// Its categories, as named.
    pub categories: Vec<String>,
    /// The year it was posted (`wp:post_date`): the year of a meeting whose title gives none.
    pub posted: Option<u16>,
    /// The day it was posted: the date of a story whose post gives none.
    pub posted_on: Option<maptoolkit_core::PartialDate>,
}

/// A record made from a post, and where the post is.
#[derive(Debug)]
enum Record {
    Driver(Box<driver::Parsed>),
    Meeting(Box<Meeting>),
    /// A story, and the drivers it names (with their lines).
    Story(Box<MapStory>, Vec<(usize, String)>),
}

/// Where in the input a record came from.
#[derive(Debug, Clone)]
struct Origin {
    title: String,
    line: usize,
    kind: ImportedAs,
}

/// The year nearest post `i` has, preferring strong hints (meeting dates) to weak ones.
fn nearest_year(strong: &[Option<u16>], weak: &[Option<u16>], i: usize) -> Option<u16> {
    for hints in [strong, weak] {
        for d in 1..hints.len() {
            let before = i.checked_sub(d).and_then(|k| hints[k]);
            let after = hints.get(i + d).copied().flatten();
            if let Some(y) = before.or(after) {
                return Some(y);
            }
        }
    }
    None
}

/// Imports posts with what their source says about them; `report` already holds what the source
/// left out (a WordPress export's drafts and trashed items).
pub(crate) fn import_inputs(
    inputs: Vec<Input>,
    mut report: Report,
    options: &ImportOptions,
) -> Import {
    let mut records: Vec<Option<Record>> = Vec::with_capacity(inputs.len());
    let mut strong = vec![None; inputs.len()];
    let mut weak = vec![None; inputs.len()];
    let kinds: Vec<PostKind> = inputs.iter().map(|i| classify(&i.post)).collect();
    let mut protections: Vec<Option<Protection>> = Vec::with_capacity(inputs.len());
    for (i, (input, kind)) in inputs.iter().zip(&kinds).enumerate() {
        let post = &input.post;
        let mut record = None;
        let skip = |reason: &str| Skipped {
            title: post.title.clone(),
            line: post.line,
            reason: reason.to_string(),
        };
        // The source's mark, or the prefix WordPress puts before a members-only post's title.
        let protection = input
            .protection
            .or_else(|| protection::strip_protection(&post.title).map(|(why, _)| why));
        protections.push(protection);
        match kind {
            PostKind::Driver => {
                let mut parsed = match protection::strip_protection(&post.title) {
                    Some((_, title)) => driver::parse_driver(&Post {
                        title: title.to_string(),
                        ..post.clone()
                    }),
                    None => driver::parse_driver(post),
                };
                report.warnings.append(&mut parsed.warnings);
                parsed.driver.protected = protection.is_some();
                parsed.driver.themes = themes_for(&input.categories, &options.themes);
                let d = &parsed.driver;
                weak[i] = d.last_updated.or(d.published).map(|p| p.year());
                record = Some(Record::Driver(Box::new(parsed)));
            }
            PostKind::Meeting | PostKind::ProtectedMeeting => {
                strong[i] = dates::meeting_when(&post.title).date.year;
            }
            PostKind::Story => {}
            PostKind::Protected => report.skipped.push(skip(
                "password-protected post that is not a meeting; nothing of it can be read",
            )),
            PostKind::Template => report.skipped.push(skip(
                "a template page (labels followed by instructions in brackets)",
            )),
            PostKind::Furniture => report.skipped.push(skip(
                "the page's furniture after a post (tags, comments), not a post",
            )),
            PostKind::News => report.skipped.push(skip(
                "news: not a driver summary, MAP Story or meeting (fewer than two labels of a template)",
            )),
        }
        records.push(record);
    }
    for (i, (input, kind)) in inputs.iter().zip(&kinds).enumerate() {
        let year = input.posted.or_else(|| nearest_year(&strong, &weak, i));
        let protected = match kind {
            PostKind::Meeting => protections[i].is_some(),
            PostKind::ProtectedMeeting => true,
            PostKind::Story => {
                // A story's date is never guessed from the posts around it: only the post's own.
                records[i] = read_story(input, protections[i].is_some(), options, &mut report);
                continue;
            }
            _ => continue,
        };
        match meetings::parse_meeting(&input.post, protected, year) {
            Ok((m, warnings)) => {
                report.warnings.extend(warnings);
                records[i] = Some(Record::Meeting(Box::new(m)));
            }
            Err(e) => report.errors.push(e),
        }
    }

    let mut source = ToolkitSource {
        info: ToolkitInfo {
            name: options.name.clone(),
            organisation: options.organisation.clone(),
            themes: options.themes.clone(),
            ..ToolkitInfo::default()
        },
        ..ToolkitSource::default()
    };
    let mut slugs = slug::Slugs::default();
    let mut origins: BTreeMap<String, Origin> = BTreeMap::new();
    let mut story_drivers = Vec::new();
    for ((input, record), protection) in inputs.iter().zip(records).zip(&protections) {
        let post = &input.post;
        let origin = |kind| Origin {
            title: post.title.clone(),
            line: post.line,
            kind,
        };
        match record {
            Some(Record::Driver(parsed)) => {
                let d = parsed.driver;
                let kind = if let Some(why) = *protection {
                    ImportedAs::ProtectedDriver {
                        why,
                        draft: parsed.draft_reasons,
                    }
                } else if d.draft {
                    ImportedAs::Draft(parsed.draft_reasons)
                } else {
                    ImportedAs::Driver
                };
                let slug = slugs.unique(driver_slug(&d.title));
                origins.insert(RecordKind::Driver.file(&slug), origin(kind));
                source.drivers.push(Entry::new(slug, d));
            }
            Some(Record::Story(story, names)) => {
                let kind = if story.protected {
                    ImportedAs::ProtectedStory
                } else {
                    ImportedAs::Story
                };
                let slug = slugs.unique(driver_slug(&story.title));
                origins.insert(RecordKind::Story.file(&slug), origin(kind));
                story_drivers.push(StoryNames {
                    slug: slug.clone(),
                    post_title: post.title.clone(),
                    names,
                });
                source.stories.push(Entry::new(slug, *story));
            }
            Some(Record::Meeting(m)) => {
                let kind = if m.protected {
                    ImportedAs::ProtectedMeeting
                } else {
                    ImportedAs::Meeting
                };
                let slug = slugs.unique(meeting_slug(m.date));
                origins.insert(RecordKind::Meeting.file(&slug), origin(kind));
                source.meetings.push(Entry::new(slug, *m));
            }
            None => {}
        }
    }
    source.info.members = members_for(
        source
            .drivers
            .iter()
            .filter_map(|e| e.record.owner.as_deref()),
    );
    link_stories(&mut source, story_drivers, &mut report);
    drop_too_large(&mut source, &origins, &mut report);
    drop_invalid(&mut source, &origins, &mut report);
    let files = source
        .drivers
        .iter()
        .map(|e| RecordKind::Driver.file(&e.slug))
        .chain(
            source
                .stories
                .iter()
                .map(|e| RecordKind::Story.file(&e.slug)),
        )
        .chain(
            source
                .meetings
                .iter()
                .map(|e| RecordKind::Meeting.file(&e.slug)),
        );
    for file in files {
        if let Some(o) = origins.get(&file) {
            report.imported.push(Imported {
                title: o.title.clone(),
                line: o.line,
                file,
                kind: o.kind.clone(),
            });
        }
    }
    report.imported.sort_by_key(|i| i.line);
    report.errors.sort_by_key(ImportError::line);
    report.warnings.sort_by_key(|w| w.line);
    report.skipped.sort_by_key(|s| s.line);
    Import { source, report }
}

/// Reads a story post: the story, or a report line saying what it lacks (stories have no
/// drafts).
fn read_story(
    input: &Input,
    protected: bool,
    options: &ImportOptions,
    report: &mut Report,
) -> Option<Record> {
    let post = &input.post;
    let title = protection::strip_protection(&post.title).map_or(post.title.as_str(), |(_, t)| t);
    let parsed = story::parse_story(
        &Post {
            title: title.to_string(),
            ..post.clone()
        },
        input.posted_on,
    );
    report.warnings.extend(parsed.warnings);
    match parsed.story {
        Ok(mut story) => {
            story.protected = protected;
            story.themes = themes_for(&input.categories, &options.themes);
            Some(Record::Story(Box::new(story), parsed.driver_names))
        }
        Err(missing) => {
            report.skipped.push(Skipped {
                title: post.title.clone(),
                line: post.line,
                reason: format!(
                    "a MAP Story without {}: a story has no drafts, so it is not imported",
                    missing
                        .iter()
                        .map(|m| format!("`{m}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            });
            None
        }
    }
}

/// The drivers a story's post names: the story's slug, its post's title, and each name with its
/// line.
struct StoryNames {
    slug: String,
    post_title: String,
    names: Vec<(usize, String)>,
}

/// Gives each story the slugs of the imported drivers it names (by title or alternative title);
/// a name that matches none is reported.
fn link_stories(source: &mut ToolkitSource, stories: Vec<StoryNames>, report: &mut Report) {
    for StoryNames {
        slug,
        post_title,
        names,
    } in stories
    {
        let mut found = Vec::new();
        for (line, name) in names {
            let hit = source.drivers.iter().find(|d| {
                text::similar(&d.record.title, &name)
                    || d.record
                        .alternative_titles
                        .iter()
                        .any(|a| text::similar(a, &name))
            });
            match hit {
                Some(d) if !found.contains(&d.slug) => found.push(d.slug.clone()),
                Some(_) => {}
                None => report.warnings.push(Warning {
                    post: post_title.clone(),
                    line,
                    text: name.clone(),
                    message: "names no imported driver; left out of the story's drivers".into(),
                }),
            }
        }
        if let Some(e) = source.stories.iter_mut().find(|e| e.slug == slug) {
            e.record.drivers = found;
        }
    }
}

/// The themes a post's categories name: by name or id, ignoring case, in the toolkit's order.
fn themes_for(categories: &[String], themes: &[Theme]) -> Vec<String> {
    themes
        .iter()
        .filter(|t| {
            categories.iter().any(|c| {
                let c = c.trim();
                c.eq_ignore_ascii_case(t.name.trim()) || c.eq_ignore_ascii_case(&t.id)
            })
        })
        .map(|t| t.id.clone())
        .collect()
}

/// Leaves out records whose file would be larger than the loader reads, so an import never
/// writes what `validate` refuses; each is reported as an error naming its post.
fn drop_too_large(
    source: &mut ToolkitSource,
    origins: &BTreeMap<String, Origin>,
    report: &mut Report,
) {
    let limit = maptoolkit_core::MAX_FILE_BYTES;
    let mut check = |file: String, bytes: Option<usize>| -> bool {
        let Some(bytes) = bytes.filter(|&b| b as u64 > limit) else {
            return true;
        };
        let origin = origins.get(&file);
        report.errors.push(ImportError::TooLarge {
            post: origin.map_or_else(|| file.clone(), |o| o.title.clone()),
            line: origin.map_or(0, |o| o.line),
            bytes,
            limit,
        });
        false
    };
    source
        .drivers
        .retain(|e| check(RecordKind::Driver.file(&e.slug), toml_len(&e.record)));
    source
        .stories
        .retain(|e| check(RecordKind::Story.file(&e.slug), toml_len(&e.record)));
    source
        .meetings
        .retain(|e| check(RecordKind::Meeting.file(&e.slug), toml_len(&e.record)));
}

/// The length of a record's TOML; `None` if it cannot be written (the writer reports that).
fn toml_len<T: serde::Serialize>(record: &T) -> Option<usize> {
    toml::to_string(record).ok().map(|s| s.len())
}

/// Leaves out records that break a toolkit rule, reporting each as an error of its post, so
/// the source returned always validates.
fn drop_invalid(
    source: &mut ToolkitSource,
    origins: &BTreeMap<String, Origin>,
    report: &mut Report,
) {
    // Dropping a record cannot break another (imported records do not refer to each other),
    // but go round again in case it does.
    for _ in 0..4 {
        let Err(problems) = source.clone().validate(None) else {
            return;
        };
        let mut bad: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for d in problems.errors() {
            bad.entry(d.file.clone()).or_default().push(d.to_string());
        }
        for (file, messages) in &bad {
            let origin = origins.get(file).cloned().unwrap_or(Origin {
                title: file.clone(),
                line: 0,
                kind: ImportedAs::Driver,
            });
            for problem in messages {
                report.errors.push(ImportError::Invalid {
                    post: origin.title.clone(),
                    line: origin.line,
                    problem: problem.clone(),
                });
            }
        }
        let keep =
            |kind: maptoolkit_core::RecordKind, slug: &str| !bad.contains_key(&kind.file(slug));
        source
            .drivers
            .retain(|e| keep(maptoolkit_core::RecordKind::Driver, &e.slug));
        source
            .stories
            .retain(|e| keep(maptoolkit_core::RecordKind::Story, &e.slug));
        source
            .meetings
            .retain(|e| keep(maptoolkit_core::RecordKind::Meeting, &e.slug));
        if bad.keys().all(|f| f == "toolkit.toml") {
            return;
        }
    }
}
