//! Driver posts: the template's labelled fields, in any order, into a [`Driver`].
//!
//! Two layouts occur. In one, the title line is followed by `Title of driver:` and every field
//! is labelled. In the other, the title is followed by an introduction (which goes first in the
//! summary) and `Impact on library policy/practice:` has its text inline, its later paragraphs
//! being further points. A label's value may be on its line or on the lines after it.

use std::collections::BTreeMap;

use maptoolkit_core::{Driver, PartialDate, Point, check_link};

use crate::bullets::{ListLine, bullet, points};
use crate::dates::parse_uk_date;
use crate::labels::{Field, label};
use crate::members::normalise_owner;
use crate::post::Post;
use crate::report::{ImportError, Warning, Warnings};
use crate::text::{clean, is_blank};

/// The lines under one label (or before the first label, for the introduction).
#[derive(Debug)]
struct Section {
    field: Option<Field>,
    /// The label's line number.
    line: usize,
    /// The label's line as written.
    label_text: String,
    /// The value written on the label's own line.
    inline: String,
    lines: Vec<ListLine>,
}

/// Splits a post's body at its labels.
fn sections(post: &Post) -> Vec<Section> {
    let mut out = vec![Section {
        field: None,
        line: post.line,
        label_text: String::new(),
        inline: String::new(),
        lines: Vec::new(),
    }];
    let mut blank = true;
    for line in &post.body {
        if is_blank(&line.text) {
            blank = true;
            continue;
        }
        if bullet(&line.text).is_none()
            && let Some(l) = label(&line.text)
        {
            out.push(Section {
                field: Some(l.field),
                line: line.number,
                label_text: line.text.clone(),
                inline: l.value,
                lines: Vec::new(),
            });
            blank = true;
            continue;
        }
        if let Some(last) = out.last_mut() {
            last.lines.push(ListLine {
                number: line.number,
                raw: line.text.clone(),
                blank_before: blank,
            });
        }
        blank = false;
    }
    out
}

/// The lines of a section grouped into paragraphs at blank lines, each line cleaned (and a
/// bullet's marker dropped when `unbullet`).
fn paragraphs(section: &Section, unbullet: bool) -> Vec<Vec<(usize, String)>> {
    let mut out: Vec<Vec<(usize, String)>> = Vec::new();
    if !section.inline.is_empty() {
        out.push(vec![(section.line, section.inline.clone())]);
    }
    for l in &section.lines {
        let text = match bullet(&l.raw) {
            Some(b) if unbullet => b.text,
            _ => clean(&l.raw),
        };
        match out.last_mut() {
            Some(p) if !l.blank_before => p.push((l.number, text)),
            _ => out.push(vec![(l.number, text)]),
        }
    }
    out
}

/// The value of a one-value field and its line; later paragraphs are warned about.
fn single(section: &Section, warnings: &mut Warnings) -> Option<(String, usize)> {
    let mut paras = paragraphs(section, true).into_iter();
    let first = paras.next()?;
    let line = first[0].0;
    let value = first
        .into_iter()
        .map(|(_, t)| t)
        .collect::<Vec<_>>()
        .join(" ");
    let label = section.field.map_or("", Field::label);
    for para in paras {
        for (n, text) in para {
            warnings.line(
                n,
                &text,
                format!("not understood after `{label}`, which takes one value; left out"),
            );
        }
    }
    Some((value, line))
}

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

/// Builds a driver from a post; warnings for lines not understood, or why it cannot be built.
pub(crate) fn parse_driver(post: &Post) -> (Result<Driver, ImportError>, Vec<Warning>) {
    let mut warnings = Warnings::new(&post.title);
    let mut by_field: BTreeMap<Field, Vec<Section>> = BTreeMap::new();
    let mut intro = None;
    for s in sections(post) {
        match s.field {
            None => intro = Some(s),
            Some(f) => by_field.entry(f).or_default().push(s),
        }
    }
    let mut one = |field: Field, warnings: &mut Warnings| -> Option<(String, usize)> {
        let list = by_field.remove(&field)?;
        let values: Vec<_> = list
            .iter()
            .filter_map(|s| single(s, warnings).map(|v| (s, v)))
            .collect();
        let mut values = values.into_iter();
        let (_, first) = values.next()?;
        for (s, (value, _)) in values {
            warnings.line(
                s.line,
                &s.label_text,
                format!(
                    "`{}` given again; kept the first value `{}`, left out `{value}`",
                    field.label(),
                    first.0
                ),
            );
        }
        Some(first).filter(|(v, _)| !v.is_empty())
    };
    let title = one(Field::Title, &mut warnings).map_or_else(|| clean(&post.title), |(t, _)| t);
    let source = one(Field::Source, &mut warnings);
    let format = one(Field::PublicationFormat, &mut warnings);
    let audience = one(Field::PrimaryAudience, &mut warnings);
    let owner = one(Field::Owner, &mut warnings);
    let published = one(Field::Published, &mut warnings);
    let updated = one(Field::LastUpdated, &mut warnings);
    let review = one(Field::ReviewDue, &mut warnings);
    let link_sections = by_field.remove(&Field::Link).unwrap_or_default();

    let optional_date = |value: Option<(String, usize)>, field: Field, warnings: &mut Warnings| {
        let (text, line) = value?;
        parse_uk_date(&text)
            .map_err(|e| {
                warnings.line(line, &text, format!("{}: {e}; left out", field.label()));
            })
            .ok()
    };
    let last_updated = optional_date(updated, Field::LastUpdated, &mut warnings);
    let review_due = optional_date(review, Field::ReviewDue, &mut warnings);

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
            if text != title && text != clean(&post.title) {
                summary.push(text);
            }
        }
    }
    for s in by_field.remove(&Field::Summary).unwrap_or_default() {
        for p in paragraphs(&s, false) {
            summary.push(p.into_iter().map(|(_, t)| t).collect::<Vec<_>>().join("\n"));
        }
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

    let mut missing: Vec<String> = Vec::new();
    let mut need = |value: Option<String>, field: Field| {
        value.unwrap_or_else(|| {
            missing.push(field.label().to_string());
            String::new()
        })
    };
    let source = need(source.map(|v| v.0), Field::Source);
    let publication_format = need(format.map(|v| v.0), Field::PublicationFormat);
    let primary_audience = need(audience.map(|v| v.0), Field::PrimaryAudience);
    let owner = need(owner.map(|v| normalise_owner(&v.0)), Field::Owner);
    for (empty, field) in [
        (summary.is_empty(), Field::Summary),
        (impact.is_empty(), Field::Impact),
        (key_features.is_empty(), Field::KeyFeatures),
    ] {
        if empty {
            missing.push(field.label().to_string());
        }
    }
    let published: Option<PartialDate> = match published {
        None => {
            missing.push(Field::Published.label().to_string());
            None
        }
        Some((text, line)) => match parse_uk_date(&text) {
            Ok(d) => Some(d),
            Err(source) => {
                return (
                    Err(ImportError::BadDate {
                        post: post.title.clone(),
                        line,
                        field: Field::Published.label().to_string(),
                        source,
                    }),
                    warnings.list,
                );
            }
        },
    };
    let (Some(published), true) = (published, missing.is_empty()) else {
        return (
            Err(ImportError::MissingFields {
                post: post.title.clone(),
                line: post.line,
                fields: missing,
            }),
            warnings.list,
        );
    };
    let driver = Driver {
        title,
        alternative_titles: Vec::new(),
        source,
        link,
        publication_format,
        published,
        last_updated,
        review_due,
        primary_audience,
        owner,
        level: None,
        archived: false,
        themes: Vec::new(),
        headline: None,
        summary: format!("{}\n", summary.join("\n\n")),
        impact,
        key_features,
    };
    (Ok(driver), warnings.list)
}
