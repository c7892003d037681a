//! Slugs (file stems) for imported records.
//!
//! A driver's slug is its title up to the first `:`, lower case, with every run of other
//! characters a dash: `Developing People – Improving Care: A national framework…` gives
//! `developing-people-improving-care`. A meeting's slug is `meeting-YYYY-MM-DD`. Clashes get
//! `-2`, `-3`…

use std::collections::BTreeSet;

use maptoolkit_core::{MAX_SLUG_LEN, PartialDate, check_slug};

/// The slug for a driver title.
///
/// ```
/// use maptoolkit_import::driver_slug;
/// assert_eq!(driver_slug("Developing People – Improving Care: A framework."), "developing-people-improving-care");
/// assert_eq!(driver_slug("NHS Library and Knowledge Services in England"), "nhs-library-and-knowledge-services-in-england");
/// assert_eq!(driver_slug("Knowledge cafés for managers"), "knowledge-cafes-for-managers");
/// ```
pub fn driver_slug(title: &str) -> String {
    let head = title.split(':').next().unwrap_or(title);
    let mut slug = String::new();
    for c in head.chars().map(fold) {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let mut slug = slug.trim_end_matches('-').to_string();
    if slug.len() > MAX_SLUG_LEN - 4 {
        slug.truncate(MAX_SLUG_LEN - 4);
        if let Some(cut) = slug.rfind('-') {
            slug.truncate(cut);
        }
    }
    if check_slug(&slug).is_err() {
        slug = format!("driver-{slug}").trim_end_matches('-').to_string();
    }
    slug
}

/// Accented Latin letters and the plain letter a slug writes for each (`café` gives `cafe`).
const FOLDS: [(&str, char); 7] = [
    ("àáâãäåÀÁÂÃÄÅ", 'a'),
    ("çÇ", 'c'),
    ("èéêëÈÉÊË", 'e'),
    ("ìíîïÌÍÎÏ", 'i'),
    ("ñÑ", 'n'),
    ("òóôõöøÒÓÔÕÖØ", 'o'),
    ("ùúûüÙÚÛÜ", 'u'),
];

/// A letter without its accent, or the character as it is.
fn fold(c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    FOLDS
        .iter()
        .find(|(from, _)| from.contains(c))
        .map_or(c, |(_, to)| *to)
}

/// The slug for a meeting on a date.
pub fn meeting_slug(date: PartialDate) -> String {
    format!("meeting-{date}")
}

/// Makes slugs unique by adding `-2`, `-3`….
#[derive(Debug, Default)]
pub(crate) struct Slugs(BTreeSet<String>);

impl Slugs {
    pub(crate) fn unique(&mut self, slug: String) -> String {
        let mut candidate = slug.clone();
        let mut n = 2;
        while self.0.contains(&candidate) {
            candidate = format!("{slug}-{n}");
            n += 1;
        }
        self.0.insert(candidate.clone());
        candidate
    }
}
