//! Review status as colour: red, amber or green (RAG), the same in every format that colours it,
//! always shown beside the status word so colour is never the only cue.

use maptoolkit_core::ReviewStatus;

use crate::Rgb;

/// The label of the label–value row where composers state a driver's review status.
pub const REVIEW_STATUS_KEY: &str = "Review status";

/// The heading of the table column where composers state review statuses.
pub const STATUS_COLUMN: &str = "Status";

/// The colour of a review status.
///
/// Each pairs a fill with a text colour that contrasts with it at least 4.5:1 (WCAG AA for
/// normal text), in NHS identity colours.
///
/// ```
/// use maptoolkit_briefing::ReviewRag;
/// assert_eq!(ReviewRag::of("overdue"), Some(ReviewRag::Red));
/// assert_eq!(ReviewRag::of("Due soon: review due February 2018"), Some(ReviewRag::Amber));
/// assert_eq!(ReviewRag::of("Developing People"), None);
/// assert_eq!(ReviewRag::Green.fill().hex(), "007F3B");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewRag {
    /// Overdue.
    Red,
    /// Due soon.
    Amber,
    /// Current.
    Green,
    /// No review date, or a draft.
    Grey,
}

const STATUSES: [ReviewStatus; 5] = [
    ReviewStatus::Overdue,
    ReviewStatus::DueSoon,
    ReviewStatus::Current,
    ReviewStatus::NotSet,
    ReviewStatus::Draft,
];

impl ReviewRag {
    /// The colour of a status as composers write it: a data word (`due_soon`), a label
    /// (`Due soon`) alone, or a label followed by `:` and the date. `None` for other text.
    pub fn of(text: &str) -> Option<ReviewRag> {
        STATUSES.into_iter().find_map(|status| {
            let label = status.label();
            let matches = text == status.as_str()
                || text == label
                || text
                    .strip_prefix(label)
                    .is_some_and(|rest| rest.starts_with(':'));
            matches.then_some(ReviewRag::from(status))
        })
    }

    /// The background colour.
    pub fn fill(self) -> Rgb {
        match self {
            ReviewRag::Red => Rgb(0xD5, 0x28, 0x1B),
            ReviewRag::Amber => Rgb(0xFF, 0xB8, 0x1C),
            ReviewRag::Green => Rgb(0x00, 0x7F, 0x3B),
            ReviewRag::Grey => Rgb(0xE8, 0xED, 0xEE),
        }
    }

    /// The text colour on [`fill`](ReviewRag::fill).
    pub fn text(self) -> Rgb {
        match self {
            ReviewRag::Red | ReviewRag::Green => Rgb(0xFF, 0xFF, 0xFF),
            ReviewRag::Amber | ReviewRag::Grey => Rgb(0x21, 0x2B, 0x32),
        }
    }

    /// A lower-case name for style classes: `red`, `amber`, `green`, `grey`.
    pub fn as_str(self) -> &'static str {
        match self {
            ReviewRag::Red => "red",
            ReviewRag::Amber => "amber",
            ReviewRag::Green => "green",
            ReviewRag::Grey => "grey",
        }
    }
}

impl From<ReviewStatus> for ReviewRag {
    fn from(status: ReviewStatus) -> ReviewRag {
        match status {
            ReviewStatus::Overdue => ReviewRag::Red,
            ReviewStatus::DueSoon => ReviewRag::Amber,
            ReviewStatus::Current => ReviewRag::Green,
            ReviewStatus::NotSet | ReviewStatus::Draft => ReviewRag::Grey,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// WCAG 2 relative luminance.
    fn luminance(c: Rgb) -> f64 {
        let channel = |v: u8| {
            let v = f64::from(v) / 255.0;
            if v <= 0.039_28 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(c.0) + 0.7152 * channel(c.1) + 0.0722 * channel(c.2)
    }

    fn contrast(a: Rgb, b: Rgb) -> f64 {
        let (a, b) = (luminance(a), luminance(b));
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    #[test]
    fn every_colour_pair_contrasts_at_least_4_5_to_1() {
        for rag in STATUSES.map(ReviewRag::from) {
            let ratio = contrast(rag.fill(), rag.text());
            assert!(ratio >= 4.5, "{rag:?}: {ratio:.2}");
        }
    }

    #[test]
    fn words_and_labels_of_every_status_are_recognised() {
        for status in STATUSES {
            let rag = Some(ReviewRag::from(status));
            assert_eq!(ReviewRag::of(status.as_str()), rag);
            assert_eq!(ReviewRag::of(status.label()), rag);
            assert_eq!(
                ReviewRag::of(&format!("{}: review due 2018", status.label())),
                rag
            );
        }
        for other in ["", "Overdue soon", "current affairs", "Currently"] {
            assert_eq!(ReviewRag::of(other), None, "{other}");
        }
    }
}
