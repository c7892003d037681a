//! Briefing definitions: one briefing a library manager prepares for a meeting (a trust board,
//! say), naming the drivers it covers, and the rule that selects drivers for any briefing.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::decode::{Decode, Decoder, Fields, Path, Value, one_of};
use crate::{Audience, Driver, PartialDate};

/// A briefing for one meeting: `briefings/<slug>.toml`, or one a program builds with
/// [`Briefing::new`] and its setters.
///
/// With none of `drivers`, `themes` and `since`, it covers every current (not archived) driver;
/// with several, a driver must match all of them ([`Briefing::selection`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Briefing {
    /// E.g. "National policy update for the Trust Board".
    pub title: String,
    /// Who reads it, e.g. "Trust Board, Mid Cheshire Hospitals NHS Foundation Trust".
    #[serde(rename = "for")]
    pub readers: String,
    /// Who presents it, e.g. "Head of Library and Knowledge Services".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub presenter: Option<String>,
    /// The date of the meeting it is for.
    pub date: PartialDate,
    /// What the readers are asked to do with it.
    pub purpose: Purpose,
    /// What the manager says to these readers: paragraphs separated by blank lines.
    pub summary: String,
    /// What the readers are asked to agree, one point each; required when the purpose is
    /// `decision`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recommendations: Vec<String>,
    /// These drivers (slugs), in this order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub drivers: Vec<String>,
    /// Drivers of any of these themes (ids from `toolkit.toml`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub themes: Vec<String>,
    /// Drivers published or updated since this date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<PartialDate>,
    /// Members only: never in a public export.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub protected: bool,
}

/// What a briefing's readers are asked to do.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Purpose {
    /// To note it.
    Information,
    /// To discuss it.
    Discussion,
    /// To decide on its recommendations.
    Decision,
}

impl Purpose {
    /// The purpose as a board paper states it: "For information", "For discussion", "For
    /// decision".
    pub fn label(self) -> &'static str {
        match self {
            Purpose::Information => "For information",
            Purpose::Discussion => "For discussion",
            Purpose::Decision => "For decision",
        }
    }

    /// The name used in files: `information`, `discussion`, `decision`.
    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::Information => "information",
            Purpose::Discussion => "discussion",
            Purpose::Decision => "decision",
        }
    }
}

/// Which drivers a briefing covers: the rule shared by briefing definitions and the command
/// line's `--driver`, `--theme`, `--since` and `--include-archived`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DriverSelection {
    /// These drivers, in this order; empty for any.
    pub drivers: Vec<String>,
    /// Drivers of any of these themes; empty for any.
    pub themes: Vec<String>,
    /// Drivers published or updated on or after this date (to its precision).
    pub since: Option<PartialDate>,
    /// Whether archived drivers may be selected.
    pub include_archived: bool,
}

impl DriverSelection {
    /// Whether the selection names drivers one by one, in an order of its own.
    pub fn is_ordered(&self) -> bool {
        !self.drivers.is_empty()
    }

    /// Whether `driver` matches every criterion but the list of slugs. A draft never does: drafts
    /// never reach a briefing.
    pub fn matches(&self, driver: &Driver) -> bool {
        !driver.draft
            && (self.include_archived || !driver.archived)
            && (self.themes.is_empty() || driver.themes.iter().any(|t| self.themes.contains(t)))
            && self.since.is_none_or(|since| {
                driver.published.is_some_and(|p| !p.is_before(since))
                    || driver.last_updated.is_some_and(|u| !u.is_before(since))
            })
    }

    /// The selected drivers: those named, in the order named (each once), or every driver of
    /// `all` in its order; in both cases only those that [match](DriverSelection::matches).
    /// `find` looks a slug up; unknown slugs are skipped (validation reports them).
    ///
    /// Time is in proportion to the drivers (times the log of the lookups): the theme list of a
    /// selection is short.
    pub fn select<'a>(
        &self,
        all: impl IntoIterator<Item = (&'a str, &'a Driver)>,
        find: impl Fn(&str) -> Option<(&'a str, &'a Driver)>,
    ) -> Vec<(&'a str, &'a Driver)> {
        if self.drivers.is_empty() {
            return all.into_iter().filter(|(_, d)| self.matches(d)).collect();
        }
        let mut out: Vec<(&str, &Driver)> = Vec::with_capacity(self.drivers.len());
        let mut seen = std::collections::BTreeSet::new();
        for slug in &self.drivers {
            if let Some((slug, d)) = find(slug)
                && self.matches(d)
                && seen.insert(slug)
            {
                out.push((slug, d));
            }
        }
        out
    }
}

impl Briefing {
    /// A briefing titled `title` for `audience` at a meeting on `date`, for information, covering
    /// every current driver, read by whom the audience's [description](Audience::description)
    /// says, with no summary yet: set the rest with the methods below.
    /// A briefing for [`Audience::Members`] is [protected](Briefing::protected).
    ///
    /// ```
    /// use maptoolkit_core::{Audience, Briefing, Purpose};
    /// let date: maptoolkit_core::Date = "2017-12-05".parse().unwrap();
    /// let briefing = Briefing::new("Two drivers for the Board", Audience::Public, date)
    ///     .readers("Trust Board")
    ///     .drivers(["carter-review", "five-year-forward-view"])
    ///     .summary("Two national drivers.\n\nBoth matter to us.")
    ///     .purpose(Purpose::Discussion);
    /// assert_eq!(briefing.audience(), Audience::Public);
    /// assert_eq!(briefing.summary_paragraphs(), ["Two national drivers.", "Both matter to us."]);
    /// assert!(briefing.selection().is_ordered());
    /// ```
    pub fn new(title: impl Into<String>, audience: Audience, date: impl Into<PartialDate>) -> Self {
        Briefing {
            title: title.into(),
            readers: audience.description().to_string(),
            presenter: None,
            date: date.into(),
            purpose: Purpose::Information,
            summary: String::new(),
            recommendations: Vec::new(),
            drivers: Vec::new(),
            themes: Vec::new(),
            since: None,
            protected: audience == Audience::Members,
        }
    }

    /// Who the briefing is for: [`Audience::Members`] when it is protected.
    pub fn audience(&self) -> Audience {
        if self.protected {
            Audience::Members
        } else {
            Audience::Public
        }
    }

    /// The same briefing, read by `readers` (the file's `for`), e.g. "Trust Board".
    pub fn readers(mut self, readers: impl Into<String>) -> Self {
        self.readers = readers.into();
        self
    }

    /// The same briefing, presented by `presenter`.
    pub fn presenter(mut self, presenter: impl Into<String>) -> Self {
        self.presenter = Some(presenter.into());
        self
    }

    /// The same briefing, with this purpose.
    pub fn purpose(mut self, purpose: Purpose) -> Self {
        self.purpose = purpose;
        self
    }

    /// The same briefing, with this summary: paragraphs separated by blank lines.
    pub fn summary(mut self, summary: impl Into<String>) -> Self {
        self.summary = summary.into();
        self
    }

    /// The same briefing, asking its readers to agree these points.
    pub fn recommendations<S: Into<String>>(mut self, points: impl IntoIterator<Item = S>) -> Self {
        self.recommendations = points.into_iter().map(Into::into).collect();
        self
    }

    /// The same briefing, covering these drivers (slugs), in this order.
    pub fn drivers<S: Into<String>>(mut self, slugs: impl IntoIterator<Item = S>) -> Self {
        self.drivers = slugs.into_iter().map(Into::into).collect();
        self
    }

    /// The same briefing, covering drivers of any of these themes (ids).
    pub fn themes<S: Into<String>>(mut self, ids: impl IntoIterator<Item = S>) -> Self {
        self.themes = ids.into_iter().map(Into::into).collect();
        self
    }

    /// The same briefing, covering drivers published or updated since `since`.
    pub fn since(mut self, since: impl Into<PartialDate>) -> Self {
        self.since = Some(since.into());
        self
    }

    /// The drivers this briefing covers, as a [`DriverSelection`]; archived drivers are never
    /// covered.
    ///
    /// ```
    /// let mut briefing: maptoolkit_core::Briefing = maptoolkit_core::parse_record(r#"
    /// title = "National policy update for the Trust Board"
    /// for = "Trust Board"
    /// date = "2017-12-05"
    /// purpose = "information"
    /// summary = "Three national drivers."
    /// drivers = ["carter-review", "five-year-forward-view"]
    /// since = "2017-01"
    /// "#).unwrap();
    /// let selection = briefing.selection();
    /// assert!(selection.is_ordered());
    /// assert!(!selection.include_archived);
    /// ```
    pub fn selection(&self) -> DriverSelection {
        DriverSelection {
            drivers: self.drivers.clone(),
            themes: self.themes.clone(),
            since: self.since,
            include_archived: false,
        }
    }

    /// The summary split into paragraphs at blank lines.
    pub fn summary_paragraphs(&self) -> Vec<&str> {
        crate::paragraphs(&self.summary)
    }
}

impl Decode for Briefing {
    fn decode(value: &Value<'_>, path: Path<'_>, d: &mut Decoder<'_>) -> Option<Briefing> {
        Fields::table(value, path, d, |f, d| Briefing {
            title: f.required("title", d).unwrap_or_default(),
            readers: f.required("for", d).unwrap_or_default(),
            presenter: f.optional("presenter", d),
            date: f.required("date", d).unwrap_or(PartialDate::PLACEHOLDER),
            purpose: f.required("purpose", d).unwrap_or(Purpose::Information),
            summary: f.required("summary", d).unwrap_or_default(),
            recommendations: f.optional("recommendations", d).unwrap_or_default(),
            drivers: f.optional("drivers", d).unwrap_or_default(),
            themes: f.optional("themes", d).unwrap_or_default(),
            since: f.optional("since", d),
            protected: f.optional("protected", d).unwrap_or_default(),
        })
    }
}

impl Decode for Purpose {
    fn decode(value: &Value<'_>, path: Path<'_>, d: &mut Decoder<'_>) -> Option<Purpose> {
        const PURPOSES: [Purpose; 3] =
            [Purpose::Information, Purpose::Discussion, Purpose::Decision];
        one_of(value, path, d, &PURPOSES, Purpose::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing;

    fn drivers() -> Vec<(String, Driver)> {
        let mut out = Vec::new();
        for (slug, published, theme, archived) in [
            ("a", "2016-01", "workforce", false),
            ("b", "2017-03", "digital", false),
            ("c", "2017", "workforce", false),
            ("d", "2017-06", "workforce", true),
        ] {
            let mut d = testing::driver();
            d.published = Some(published.parse().unwrap());
            d.last_updated = None;
            d.themes = vec![theme.to_string()];
            d.archived = archived;
            out.push((slug.to_string(), d));
        }
        out
    }

    fn check(selection: DriverSelection, expected: &[&str]) {
        let all = drivers();
        let got: Vec<&str> = selection
            .select(all.iter().map(|(s, d)| (s.as_str(), d)), |slug| {
                all.iter()
                    .find(|(s, _)| s == slug)
                    .map(|(s, d)| (s.as_str(), d))
            })
            .into_iter()
            .map(|(s, _)| s)
            .collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn selections_match_every_criterion() {
        check(DriverSelection::default(), &["a", "b", "c"]);
        check(
            DriverSelection {
                include_archived: true,
                ..DriverSelection::default()
            },
            &["a", "b", "c", "d"],
        );
        check(
            DriverSelection {
                drivers: vec!["c".into(), "a".into(), "c".into(), "d".into()],
                ..DriverSelection::default()
            },
            &["c", "a"],
        );
        check(
            DriverSelection {
                themes: vec!["workforce".into()],
                since: Some("2017-02".parse().unwrap()),
                ..DriverSelection::default()
            },
            &["c"],
        );
        check(
            DriverSelection {
                drivers: vec!["b".into(), "a".into()],
                themes: vec!["digital".into()],
                ..DriverSelection::default()
            },
            &["b"],
        );
    }

    #[test]
    fn an_unknown_purpose_names_the_ones_there_are() {
        let problems = crate::parse_record::<Briefing>(
            "title = \"T\"\nfor = \"Board\"\ndate = \"2017\"\npurpose = \"vote\"\nsummary = \"S\"\n",
        )
        .unwrap_err();
        let messages: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(
            messages,
            [
                "4:11: purpose: unknown value `vote` (expected one of `information`, `discussion`, \
              `decision`)"
            ]
        );
    }

    #[test]
    fn updated_since_counts() {
        let mut d = testing::driver();
        d.published = Some("2015".parse().unwrap());
        d.last_updated = Some("2017-04".parse().unwrap());
        let since = DriverSelection {
            since: Some("2017-01".parse().unwrap()),
            ..DriverSelection::default()
        };
        assert!(since.matches(&d));
        d.last_updated = None;
        assert!(!since.matches(&d));
    }
}
