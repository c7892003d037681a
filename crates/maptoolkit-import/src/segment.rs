//! The one segmenter: a post's body cut at its labels into sections, for any template.
//!
//! Each line that starts with a label of [`LABELS`](crate::labels::LABELS) opens a section of its
//! field; one whose field the template being read lacks, or that reads like a label no template
//! has (`Related drivers:`, `Further reading:`), opens a section under its own name, which the
//! reader reports and keeps as text. Lines before the first label are the introduction. A
//! label's value is the text after it on its line or the paragraphs below it; a one-value field
//! whose label is empty takes the paragraph below only if that could be its value (a date that
//! reads as one, a link with a URL), so an empty label stays empty.

use std::collections::BTreeMap;

use crate::bullets::{ListLine, bullet};
use crate::labels::{Field, label};
use crate::post::Post;
use crate::report::Warnings;
use crate::text::{clean, ends_paragraph, hard_wrapped, is_blank};

/// Where a section's lines belong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Head {
    /// Before the first label: the introduction.
    Intro,
    /// Under a template label.
    Field(Field),
    /// Under a label the template does not have, as written (without its colon).
    Unknown(String),
}

/// The lines under one label (or before the first label, for the introduction).
#[derive(Debug)]
pub(crate) struct Section {
    pub head: Head,
    /// The label's line number.
    pub line: usize,
    /// The label's line as written.
    pub label_text: String,
    /// The value written on the label's own line.
    pub inline: String,
    pub lines: Vec<ListLine>,
}

impl Section {
    pub fn field(&self) -> Option<Field> {
        match self.head {
            Head::Field(f) => Some(f),
            _ => None,
        }
    }
}

/// Words that label a field in templates of this kind; an unknown label has one of them.
const LABEL_WORDS: [&str; 30] = [
    "date",
    "dates",
    "link",
    "links",
    "title",
    "source",
    "audience",
    "driver",
    "drivers",
    "document",
    "documents",
    "review",
    "updated",
    "responsible",
    "format",
    "summary",
    "features",
    "impact",
    "examples",
    "related",
    "reference",
    "references",
    "author",
    "publisher",
    "url",
    "website",
    "contact",
    "deadline",
    "keywords",
    "reading",
];

/// A line that reads like a label the template does not have: a few words in sentence case
/// ending in a word that labels fields (`Related drivers:`, `Further reading: …`, `Consultation
/// deadline: …`), and a colon; not a sentence that leads into a list (`Staff may:`).
pub(crate) fn unknown_label(line: &str) -> Option<(String, String)> {
    let cleaned = clean(line);
    let (head, value) = cleaned.split_once(':')?;
    let words: Vec<&str> = head.split(' ').collect();
    let plain = head
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '/' | '&' | '(' | ')' | '\'' | '?'));
    // Sentence case, as the template writes labels, and a labelling word last.
    let labelling = words
        .last()
        .is_some_and(|w| LABEL_WORDS.contains(&w.to_lowercase().as_str()))
        && words[1..]
            .iter()
            .all(|w| !w.starts_with(|c: char| c.is_uppercase()));
    let ok = (1..=6).contains(&words.len())
        && labelling
        && plain
        && head.starts_with(|c: char| c.is_uppercase())
        && !head.chars().any(|c| c.is_ascii_digit())
        && !value.starts_with("//")
        && !crate::labels::reads_on(value.trim())
        && (value.is_empty() || value.starts_with(' '));
    ok.then(|| (head.to_string(), value.trim().to_string()))
}

/// Splits a post's body at its labels; `has` says which fields the template being read has
/// (a label of another field is kept under its name, as an unknown one is).
pub(crate) fn sections(post: &Post, has: impl Fn(Field) -> bool) -> Vec<Section> {
    let mut out = vec![Section {
        head: Head::Intro,
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
        if bullet(&line.text).is_none() {
            let head = label(&line.text)
                .map(|l| {
                    if has(l.field) {
                        (Head::Field(l.field), l.value)
                    } else {
                        let text = clean(&line.text);
                        let name = text.split(':').next().unwrap_or_default().trim();
                        (Head::Unknown(name.to_string()), l.value)
                    }
                })
                .or_else(|| {
                    unknown_label(&line.text).map(|(name, value)| (Head::Unknown(name), value))
                });
            if let Some((head, inline)) = head {
                out.push(Section {
                    head,
                    line: line.number,
                    label_text: line.text.clone(),
                    inline,
                    lines: Vec::new(),
                });
                blank = true;
                continue;
            }
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
pub(crate) fn paragraphs(section: &Section, unbullet: bool) -> Vec<Vec<(usize, String)>> {
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
            Some(p)
                if !l.blank_before
                    && p.last().is_some_and(|(_, t)| {
                        !ends_paragraph(t) && hard_wrapped(t.chars().count())
                    }) =>
            {
                p.push((l.number, text));
            }
            _ => out.push(vec![(l.number, text)]),
        }
    }
    out
}

/// Takes the value of a one-value field out of a post's sections grouped by field: the first
/// value given, with a warning for each later section under the same field; `None` when the
/// field is missing or its value is empty.
pub(crate) fn take_single(
    by_field: &mut BTreeMap<Field, Vec<Section>>,
    field: Field,
    warnings: &mut Warnings,
) -> Option<(String, usize)> {
    let list = by_field.remove(&field)?;
    let mut values = list
        .iter()
        .filter_map(|s| single(s, warnings).map(|v| (s, v)))
        .collect::<Vec<_>>()
        .into_iter();
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
}

/// The value of a one-value field and its line; later paragraphs are warned about.
pub(crate) fn single(section: &Section, warnings: &mut Warnings) -> Option<(String, usize)> {
    let mut paras = paragraphs(section, true).into_iter().peekable();
    let field = section.field();
    // An empty label stays empty: the paragraph below is its value only if it could be.
    let below = section.inline.is_empty();
    if below
        && let (Some(f), Some(p)) = (field, paras.peek())
        && !f.could_be_value(
            &p.iter()
                .map(|(_, t)| t.as_str())
                .collect::<Vec<_>>()
                .join(" "),
        )
    {
        let label = f.label();
        for (n, text) in paras.flatten() {
            warnings.line(
                n,
                &text,
                format!("not a value for the empty label `{label}`; left out"),
            );
        }
        return None;
    }
    let first = paras.next()?;
    let line = first[0].0;
    let value = first
        .into_iter()
        .map(|(_, t)| t)
        .collect::<Vec<_>>()
        .join(" ");
    let label = section.field().map_or("", Field::label);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::ends_paragraph;

    #[test]
    fn labels_the_template_lacks() {
        let found = |line: &str| unknown_label(line).map(|(l, v)| format!("{l}|{v}"));
        assert_eq!(
            found("Related drivers: Five Year Forward View").as_deref(),
            Some("Related drivers|Five Year Forward View")
        );
        assert_eq!(
            found("Further reading:").as_deref(),
            Some("Further reading|")
        );
        assert_eq!(
            found("Consultation deadline: 5 May").as_deref(),
            Some("Consultation deadline|5 May")
        );
        for prose in [
            "Staff may:",
            "Libraries Source: library.",
            "Developing People – Improving Care: A framework",
            "See https://example.org/link: here",
            "Note: the date changed",
        ] {
            assert_eq!(found(prose), None, "{prose}");
        }
    }

    #[test]
    fn sentence_ends_end_paragraphs() {
        assert!(ends_paragraph("It plans."));
        assert!(ends_paragraph("It commits to:"));
        assert!(ends_paragraph("He said “plan.”"));
        assert!(!ends_paragraph("Five Year Forward"));
    }
}
