//! MAP Story posts (case studies before 2017): the story template's labelled fields, in any
//! order, into a [`MapStory`].
//!
//! The template gives the library service, a date, the project team, the resources required, a
//! timeframe, the story itself under a heading (`“The story”`, curly quotes and all), the impact
//! for the library (and the organisation), next steps, sometimes a quote and the drivers it
//! aligns to. Text before the first label goes first in the story. A story has no drafts: one
//! that lacks what a story needs (service, date, story, impact) is not imported, and the report
//! says what it lacks. A label the story template does not have is reported and kept as text in
//! the story.

use std::collections::BTreeMap;

use maptoolkit_core::{MapStory, PartialDate, Point, Quote};

use crate::bullets::points;
use crate::dates::parse_uk_date_loose;
use crate::labels::{Field, Template};
use crate::post::Post;
use crate::report::{Warning, Warnings};
use crate::segment::{Head, Section, paragraphs, sections, take_single};
use crate::text::{clean, similar};

/// A story made from a post, or what it lacks.
#[derive(Debug, Clone)]
pub(crate) struct Parsed {
    /// The story; its `drivers` are still empty (see `driver_names`).
    pub story: Result<MapStory, Vec<&'static str>>,
    /// The drivers it names, with their lines: matched to imported drivers' titles later.
    pub driver_names: Vec<(usize, String)>,
    pub warnings: Vec<Warning>,
}

/// The paragraphs of sections as text: each paragraph's lines joined, paragraphs separated by a
/// blank line.
fn text_of(list: &[Section], unbullet: bool) -> Vec<String> {
    list.iter()
        .flat_map(|s| paragraphs(s, unbullet))
        .map(|p| p.into_iter().map(|(_, t)| t).collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty())
        .collect()
}

/// A quotation and who said it: `“Words.” – Consultant physician`; `None` when no one is named.
fn quote(text: &str) -> Option<Quote> {
    let (words, by) = ["\u{2013}", "\u{2014}", " - "]
        .iter()
        .filter_map(|dash| text.rsplit_once(dash))
        .max_by_key(|(w, _)| w.len())?;
    let words = words
        .trim()
        .trim_matches(['"', '\u{201c}', '\u{201d}', '\''])
        .trim();
    let by = by.trim();
    (!words.is_empty() && !by.is_empty() && by.split(' ').count() <= 12).then(|| Quote {
        text: words.to_string(),
        by: by.to_string(),
    })
}

/// Builds a story from a post. `posted` is the day it was posted, the story's date when the post
/// gives none.
pub(crate) fn parse_story(post: &Post, posted: Option<PartialDate>) -> Parsed {
    let mut warnings = Warnings::new(&post.title);
    // A driver's impact, summary and date labels, in a story, are its impact, story and date.
    let has = |f: Field| {
        f.templates().any(|t| t == Template::Story)
            || matches!(f, Field::Impact | Field::Published | Field::Summary)
    };
    let mut by_field: BTreeMap<Field, Vec<Section>> = BTreeMap::new();
    let mut story_text: Vec<String> = Vec::new();
    for s in sections(post, has) {
        match &s.head {
            Head::Intro => {
                let post_title = clean(&post.title);
                story_text.extend(
                    text_of(std::slice::from_ref(&s), false)
                        .into_iter()
                        .filter(|t| !similar(t, &post_title)),
                );
            }
            Head::Field(f) => by_field.entry(*f).or_default().push(s),
            Head::Unknown(name) => {
                warnings.line(
                    s.line,
                    &s.label_text,
                    format!("`{name}` is not a label of the MAP Story template; kept as text in the story"),
                );
                let mut kept = vec![clean(&s.label_text)];
                kept.extend(text_of(std::slice::from_ref(&s), false));
                story_text.push(kept.join("\n"));
            }
        }
    }
    let mut one =
        |field: Field, warnings: &mut Warnings| take_single(&mut by_field, field, warnings);
    let title = one(Field::Title, &mut warnings).map_or_else(|| clean(&post.title), |(t, _)| t);
    let service = one(Field::Service, &mut warnings).map(|(v, _)| v);
    let date_text =
        one(Field::StoryDate, &mut warnings).or_else(|| one(Field::Published, &mut warnings));
    let date = match date_text {
        Some((text, line)) => match parse_uk_date_loose(&text) {
            Ok(d) => {
                if d.approximate {
                    warnings.line(
                        line,
                        &text,
                        format!("date: read as {} (the start of what is written)", d.date),
                    );
                }
                Some(d.date)
            }
            Err(e) => {
                warnings.line(line, &text, format!("date: {e}; left out"));
                None
            }
        },
        None => None,
    }
    .or(posted);
    let mut text = |field: Field, sep: &str| -> Option<String> {
        let list = by_field.remove(&field).unwrap_or_default();
        let t = text_of(&list, true).join(sep);
        (!t.is_empty()).then_some(t)
    };
    let team = text(Field::Team, "; ");
    let resources = text(Field::Resources, "; ");
    let timeframe = text(Field::Timeframe, " ");
    let next_steps = text(Field::NextSteps, "\n\n");
    for field in [Field::Summary, Field::Story] {
        story_text.extend(text_of(&by_field.remove(&field).unwrap_or_default(), false));
    }
    let mut quote_value = None;
    for s in by_field.remove(&Field::Quote).unwrap_or_default() {
        let said = text_of(std::slice::from_ref(&s), true).join(" ");
        match quote(&said) {
            Some(q) if quote_value.is_none() => quote_value = Some(q),
            _ if said.is_empty() => {}
            _ => {
                warnings.line(
                    s.line,
                    &s.label_text,
                    "a quote without who said it (`“…” – who`); kept at the end of the story",
                );
                story_text.push(said);
            }
        }
    }
    for s in by_field.remove(&Field::Keywords).unwrap_or_default() {
        let words = text_of(std::slice::from_ref(&s), true).join("; ");
        if !words.is_empty() {
            warnings.line(
                s.line,
                &s.label_text,
                "`Keywords` has no field of its own in a story; kept at the end of the story",
            );
            story_text.push(format!("Keywords: {words}"));
        }
    }
    let mut driver_names = Vec::new();
    for s in by_field.remove(&Field::Drivers).unwrap_or_default() {
        for (n, t) in paragraphs(&s, true).into_iter().flatten() {
            driver_names.extend(
                t.split(';')
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .map(|t| (n, t.to_string())),
            );
        }
    }
    let impact: Vec<Point> = [Field::LibraryImpact, Field::Impact]
        .iter()
        .flat_map(|f| by_field.remove(f).unwrap_or_default())
        .flat_map(|s| points(Some(&s.inline), &s.lines))
        .collect();

    let mut missing = Vec::new();
    if service.is_none() {
        missing.push(Field::Service.label());
    }
    if date.is_none() {
        missing.push(Field::StoryDate.label());
    }
    if story_text.is_empty() {
        missing.push(Field::Story.label());
    }
    if impact.is_empty() {
        missing.push(Field::LibraryImpact.label());
    }
    let story = match (missing.is_empty(), service, date) {
        (true, Some(service), Some(date)) => Ok(MapStory {
            title,
            service,
            date,
            team,
            resources,
            timeframe,
            story: format!("{}\n", story_text.join("\n\n")),
            drivers: Vec::new(),
            themes: Vec::new(),
            impact,
            next_steps,
            quote: quote_value,
            protected: false,
        }),
        _ => Err(missing),
    };
    Parsed {
        story,
        driver_names,
        warnings: warnings.list,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_name_who_said_them() {
        let q = quote("“It saved me a day.” – Consultant physician").unwrap();
        assert_eq!(
            (q.text.as_str(), q.by.as_str()),
            ("It saved me a day.", "Consultant physician")
        );
        assert!(quote("It saved me a day.").is_none());
    }
}
