//! Driver posts: the template's labelled fields, in any order, into a [`Driver`].
//!
//! Three templates occur. The 2013–2016 one gives every field under a label (`Title of driver:`,
//! `Source:`, … `Group member responsible:`), sometimes `Alternative Titles:` and case studies
//! too. The 2017 one has a title, `What does this mean for libraries?`, `Source:`, `Link to main
//! document`, `Date of publication:` and `Summary of driver:` only. Policy briefings (2018–19)
//! give the impact first and a `Title:` line that differs from the post's title. Text between
//! the title and the first label is an introduction, which goes first in the summary. A label's
//! value may be on its line or on the lines after it.
//!
//! A post that lacks what a published driver needs (source, date of publication, impact,
//! summary) becomes a draft holding what it has, never dropped; the report says why. A line
//! that looks like a label the template does not have (`Related drivers:`) is reported and kept
//! as text in the nearest field that holds text.

use std::collections::BTreeMap;

use maptoolkit_core::{Driver, Point, check_link};

use crate::bullets::{ListLine, points};
use crate::dates::parse_uk_date_loose;
use crate::labels::{Field, Template};
use crate::members::{is_person, normalise_owner};
use crate::post::Post;
use crate::report::{Warning, Warnings};
use crate::segment::{Head, Section, paragraphs, sections, take_single};
use crate::text::clean;

/// The first URL in a text: `http`, `https` or `mailto`, or `www.…` taken as `https://www.…`.
fn find_url(text: &str) -> Option<String> {
    text.split_whitespace().find_map(|word| {
        let word = word.trim_start_matches(['(', '<', '[', '"']);
        let word = word.trim_end_matches(['.', ',', ';', ')', '>', ']', '"']);
        let lower = word.to_ascii_lowercase();
        if lower.starts_with("http://")
            || lower.starts_with("https://")
            || lower.starts_with("mailto:")
        {
            Some(word.to_string())
        } else if lower.starts_with("www.") {
            Some(format!("https://{word}"))
        } else {
            None
        }
    })
}

/// Words in brackets after a title that say something of the document rather than name it
/// (`(draft)`, `(updated)`, `(2016)`): the title keeps them.
const NOT_NAMES: [&str; 14] = [
    "draft",
    "consultation",
    "updated",
    "update",
    "revised",
    "interim",
    "final",
    "summary",
    "easy read",
    "pdf",
    "part",
    "volume",
    "vol",
    "new",
];

/// A title ending in another name in brackets (`Operational productivity… (Carter Review)`,
/// `Five Year Forward View (5YFV)`): the title before the brackets and the name. Brackets that
/// describe the document (a year, `(draft)`, `(Part 2)`) stay in the title.
fn bracketed_name(title: &str) -> Option<(&str, &str)> {
    let inner = title.trim_end().strip_suffix(')')?;
    let open = inner.rfind('(')?;
    let (head, name) = (inner[..open].trim_end(), inner[open + 1..].trim());
    // `(also known as the Carter Review)`, `(aka 5YFV)`.
    let name = [
        "also known as ",
        "aka ",
        "a.k.a. ",
        "known as ",
        "formerly ",
    ]
    .iter()
    .find_map(|p| crate::text::strip_prefix_ci(name, p))
    .map_or(name, |rest| {
        let rest = rest.trim_start();
        crate::text::strip_prefix_ci(rest, "the ").map_or(rest, str::trim_start)
    });
    let lower = name.to_lowercase();
    let describes = NOT_NAMES
        .iter()
        .any(|w| lower == *w || lower.starts_with(&format!("{w} ")))
        || name.chars().all(|c| !c.is_alphabetic());
    let ok = !head.is_empty()
        && head.chars().count() >= 12
        && name.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
        && !name.contains(['(', ')'])
        && name.split(' ').count() <= 8
        && !describes;
    ok.then_some((head, name))
}

/// Takes the paragraphs after the first out of a one-value field's section, as text.
fn rest_of_section(s: &mut Section) -> Vec<String> {
    // The first paragraph (on the label's line or below it) is the value, if it can be one.
    let mut paras = paragraphs(s, false);
    let keep = match (s.field(), paras.first()) {
        (Some(f), Some(p)) if s.inline.is_empty() => {
            let text: Vec<&str> = p.iter().map(|(_, t)| t.as_str()).collect();
            usize::from(f.could_be_value(&text.join(" ")))
        }
        _ => 1,
    };
    if paras.len() <= keep {
        return Vec::new();
    }
    let rest: Vec<Vec<(usize, String)>> = paras.split_off(keep);
    let first_rest = rest[0][0].0;
    s.lines.retain(|l| l.number < first_rest);
    rest.into_iter()
        .map(|p| p.into_iter().map(|(_, t)| t).collect::<Vec<_>>().join("\n"))
        .collect()
}

/// A driver made from a post: complete, or a draft with the reasons it is one.
#[derive(Debug, Clone)]
pub(crate) struct Parsed {
    pub driver: Driver,
    /// Why the driver is a draft (empty when it is not), e.g. "no `Date of publication`".
    pub draft_reasons: Vec<String>,
    pub warnings: Vec<Warning>,
}

/// Builds a driver from a post, with warnings for lines not understood; a post that lacks what a
/// published driver needs gives a draft.
pub(crate) fn parse_driver(post: &Post) -> Parsed {
    let mut warnings = Warnings::new(&post.title);
    let mut by_field: BTreeMap<Field, Vec<Section>> = BTreeMap::new();
    let mut intro = None;
    // Sections under unknown labels, each with the field it is kept in.
    let mut unknown: Vec<(Section, Option<Field>)> = Vec::new();
    let mut last_text_field: Option<Field> = None;
    let has = |f: Field| f == Field::StoryDate || f.templates().any(Template::is_driver);
    for s in sections(post, has) {
        match s.head.clone() {
            Head::Intro => intro = Some(s),
            Head::Field(f) => {
                if matches!(f, Field::Impact | Field::Summary | Field::KeyFeatures) {
                    last_text_field = Some(f);
                }
                by_field.entry(f).or_default().push(s);
            }
            Head::Unknown(_) => unknown.push((s, last_text_field)),
        }
    }
    for (s, nearest) in unknown {
        let into = nearest.unwrap_or(Field::Summary);
        let Head::Unknown(name) = &s.head else {
            continue;
        };
        warnings.line(
            s.line,
            &s.label_text,
            format!(
                "`{name}` is not a label of the driver template; kept as text in `{}`",
                into.label()
            ),
        );
        let mut lines = vec![ListLine {
            number: s.line,
            raw: clean(&s.label_text),
            blank_before: true,
        }];
        lines.extend(s.lines);
        let section = Section {
            head: Head::Field(into),
            line: s.line,
            label_text: s.label_text,
            inline: String::new(),
            lines,
        };
        by_field.entry(into).or_default().push(section);
    }
    // Paragraphs under `Title of driver:` after the title are the post's own text, not more
    // title: they go first in the summary.
    let mut after_title: Vec<String> = Vec::new();
    if let Some(list) = by_field.get_mut(&Field::Title) {
        for s in list.iter_mut() {
            after_title.extend(rest_of_section(s));
        }
    }
    let named = by_field.contains_key(&Field::AlternativeTitles);
    let mut one =
        |field: Field, warnings: &mut Warnings| take_single(&mut by_field, field, warnings);
    let post_title = clean(&post.title);
    let title = one(Field::Title, &mut warnings).map_or_else(|| post_title.clone(), |(t, _)| t);
    let mut alternative_titles: Vec<String> = Vec::new();
    // `Five Year Forward View (5YFV)`: another name in brackets after the title, unless the
    // post gives its alternative titles under their own label (even an empty one).
    let (title, bracketed) = match bracketed_name(&title).filter(|_| !named) {
        Some((t, name)) => (t.to_string(), Some(name.to_string())),
        None => (title, None),
    };
    alternative_titles.extend(bracketed);
    if !crate::text::similar(&title, &post_title) {
        // A policy briefing's post title differs from its document's `Title:`.
        alternative_titles.push(post_title.clone());
    }
    let source = one(Field::Source, &mut warnings);
    let format = one(Field::PublicationFormat, &mut warnings);
    let audience = one(Field::PrimaryAudience, &mut warnings);
    let owner = one(Field::Owner, &mut warnings);
    // A plain `Date:` is the date of publication when the post gives no other.
    let published =
        one(Field::Published, &mut warnings).or_else(|| one(Field::StoryDate, &mut warnings));
    let updated = one(Field::LastUpdated, &mut warnings);
    let review = one(Field::ReviewDue, &mut warnings);
    let link_sections = by_field.remove(&Field::Link).unwrap_or_default();
    for s in by_field
        .remove(&Field::AlternativeTitles)
        .unwrap_or_default()
    {
        for p in paragraphs(&s, true) {
            for (_, text) in p {
                for t in text.split(';').map(str::trim).filter(|t| !t.is_empty()) {
                    if !alternative_titles.iter().any(|a| a == t) && t != title {
                        alternative_titles.push(t.to_string());
                    }
                }
            }
        }
    }
    let mut draft_reasons: Vec<String> = Vec::new();

    let mut read_date = |value: Option<(String, usize)>, field: Field, warnings: &mut Warnings| {
        let (text, line) = value?;
        match parse_uk_date_loose(&text) {
            Ok(d) => {
                if d.approximate {
                    warnings.line(
                        line,
                        &text,
                        format!(
                            "{}: read as {} (the start of what is written)",
                            field.label(),
                            d.date
                        ),
                    );
                }
                Some(d.date)
            }
            Err(e) => {
                warnings.line(line, &text, format!("{}: {e}; left out", field.label()));
                if field == Field::Published {
                    draft_reasons.push(format!("`{}` is not a date", field.label()));
                }
                None
            }
        }
    };
    let published_date = read_date(published.clone(), Field::Published, &mut warnings);
    let mut last_updated = read_date(updated, Field::LastUpdated, &mut warnings);
    let mut review_due = read_date(review, Field::ReviewDue, &mut warnings);
    // A date before publication is a slip in the post: leave it out rather than lose the driver.
    for (date, field) in [
        (&mut last_updated, Field::LastUpdated),
        (&mut review_due, Field::ReviewDue),
    ] {
        if let (Some(d), Some(p)) = (*date, published_date)
            && d.is_before(p)
        {
            warnings.line(
                post.line,
                &post.title,
                format!(
                    "{}: {d} is before the date of publication {p}; left out",
                    field.label()
                ),
            );
            *date = None;
        }
    }

    let mut link = None;
    for s in &link_sections {
        let text: Vec<(usize, String)> = paragraphs(s, true).into_iter().flatten().collect();
        for (n, t) in &text {
            match find_url(t) {
                Some(url) if link.is_none() => match check_link(&url) {
                    Ok(()) => link = Some(url),
                    Err(why) => warnings.line(*n, t, format!("link refused ({why}); left out")),
                },
                Some(_) => warnings.line(*n, t, "a second link; left out"),
                None => warnings.line(*n, t, "no URL in `Link to main document`; left out"),
            }
        }
    }

    let mut summary: Vec<String> = Vec::new();
    if let Some(s) = &intro {
        for p in paragraphs(s, false) {
            let text = p.into_iter().map(|(_, t)| t).collect::<Vec<_>>().join("\n");
            if text != title && text != post_title {
                summary.push(text);
            }
        }
    }
    summary.extend(after_title);
    for s in by_field.remove(&Field::Summary).unwrap_or_default() {
        for p in paragraphs(&s, false) {
            summary.push(p.into_iter().map(|(_, t)| t).collect::<Vec<_>>().join("\n"));
        }
    }
    let extras = [Field::CaseStudies, Field::Keywords]
        .into_iter()
        .flat_map(|f| by_field.remove(&f).unwrap_or_default());
    for s in extras {
        let field = s.field().unwrap_or(Field::CaseStudies);
        let mut paras = paragraphs(&s, true).into_iter();
        let lines: Vec<String> = paras.by_ref().flatten().map(|(_, t)| t).collect();
        if lines.is_empty() {
            continue;
        }
        warnings.line(
            s.line,
            &s.label_text,
            format!(
                "`{}` has no field of its own in a driver; kept at the end of the summary",
                field.label()
            ),
        );
        summary.push(format!("{}: {}", field.label(), lines.join("; ")));
    }
    let mut point_list = |field: Field| -> Vec<Point> {
        by_field
            .remove(&field)
            .unwrap_or_default()
            .iter()
            .flat_map(|s| points(Some(&s.inline), &s.lines))
            .collect()
    };
    let impact = point_list(Field::Impact);
    let key_features = point_list(Field::KeyFeatures);

    let owner = owner.and_then(|(text, line)| {
        if is_person(&text) {
            Some(normalise_owner(&text))
        } else {
            warnings.line(
                line,
                &text,
                "`Group member responsible` names no person; left unallocated (allocate it at \
                 the Driver Allocation standing item)",
            );
            None
        }
    });
    for (missing, field) in [
        (source.is_none(), Field::Source),
        (published.is_none(), Field::Published),
        (impact.is_empty(), Field::Impact),
        (summary.is_empty(), Field::Summary),
    ] {
        if missing {
            draft_reasons.push(format!("no `{}`", field.label()));
        }
    }
    let driver = Driver {
        title,
        alternative_titles,
        source: source.map(|v| v.0).unwrap_or_default(),
        link,
        publication_format: format.map(|v| v.0),
        published: published_date,
        last_updated,
        review_due,
        primary_audience: audience.map(|v| v.0),
        owner,
        level: None,
        archived: false,
        draft: !draft_reasons.is_empty(),
        protected: false,
        themes: Vec::new(),
        headline: None,
        summary: if summary.is_empty() {
            String::new()
        } else {
            format!("{}\n", summary.join("\n\n"))
        },
        impact,
        key_features,
    };
    Parsed {
        driver,
        draft_reasons,
        warnings: warnings.list,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post(body: &str) -> Post {
        Post {
            title: "A Plan for Libraries".into(),
            line: 1,
            body: body
                .lines()
                .enumerate()
                .map(|(i, t)| crate::post::Line {
                    number: i + 2,
                    text: t.into(),
                })
                .collect(),
        }
    }

    /// Text under `Title of driver:` that is not the title is the post's own: it goes first in
    /// the summary, never lost and never the title.
    #[test]
    fn text_under_the_title_label_goes_in_the_summary() {
        let parsed = parse_driver(&post(
            "Title of driver:\n\nThis plan is new. It replaces the old one.\n\n\
             Summary of driver: The plan.\n",
        ));
        assert_eq!(parsed.driver.title, "A Plan for Libraries");
        assert_eq!(
            parsed.driver.summary,
            "This plan is new. It replaces the old one.\n\nThe plan.\n"
        );
        let parsed = parse_driver(&post(
            "Title of driver: A Plan for Libraries\n\nIt is new.\n\nSummary of driver: The plan.\n",
        ));
        assert_eq!(parsed.driver.summary, "It is new.\n\nThe plan.\n");
    }

    #[test]
    fn another_name_in_brackets_after_a_title() {
        assert_eq!(
            bracketed_name("Five Year Forward View (5YFV)"),
            Some(("Five Year Forward View", "5YFV"))
        );
        assert_eq!(
            bracketed_name("Operational productivity in acute hospitals (Carter Review)"),
            Some((
                "Operational productivity in acute hospitals",
                "Carter Review"
            ))
        );
        assert_eq!(
            bracketed_name(
                "Operational productivity in acute hospitals (also known as the Carter Review)"
            ),
            Some((
                "Operational productivity in acute hospitals",
                "Carter Review"
            ))
        );
        for kept in [
            "NHS Workforce Plan (draft)",
            "The NHS Outcomes Framework (2016)",
            "Shared Decision Making (Part 2)",
            "Designing integrated care systems (ICSs) in England",
            "NHS Constitution (updated)",
            "Choice (UK)",
        ] {
            assert_eq!(bracketed_name(kept), None, "{kept}");
        }
    }
}
