//! How a briefing looks in Word: page, paragraph styles and tables, in Word's units.
//!
//! The numbers follow the PDF (`maptoolkit-pdf`'s `layout.rs`), scaled from the theme's body size
//! as it scales them: A4, 20 mm side and 25 mm top and bottom margins, headings 1.75, 1.4 and
//! 1.15 times the body size in NHS Blue, body lines 1.4 times the body size apart, table text
//! smaller, NHS Blue header rows with white bold text. [`crate::styles`] writes these numbers
//! into the styles part and [`crate::pages`] estimates pages from the same numbers, so the
//! contents' page numbers follow the look.
//!
//! Lengths are in twentieths of a point ("twips"), font sizes in half-points, as Word stores them.

use maptoolkit_briefing::HouseStyle;

use crate::schema::{CellMargins, Indent, Page, Spacing};

/// A4 portrait with the PDF's margins; headers and footers sit 10 mm from the edge.
pub(crate) const PAGE: Page = Page {
    width: 11_906,
    height: 16_838,
    margin_y: 1_417,
    margin_x: 1_134,
    header: 567,
};

/// The width between the side margins.
pub(crate) const TEXT_WIDTH: u32 = PAGE.width - 2 * PAGE.margin_x;

/// The height between the top and bottom margins.
pub(crate) const TEXT_HEIGHT: u32 = PAGE.height - 2 * PAGE.margin_y;

/// Table borders and the line under the running header (the PDF's rule grey).
pub(crate) const RULE: &str = "AEB7BD";
/// The bar at the top of the cover, as in the PDF: 60 pt wide (twips)…
pub(crate) const COVER_BAR_WIDTH: u32 = 1_200;
/// …8 pt high (a border, in eighths of a point)…
pub(crate) const COVER_BAR_SIZE: u32 = 64;
/// …under an empty line this high (twips), set in [`COVER_BAR_RUN`] half-points.
pub(crate) const COVER_BAR_LINE: u32 = 160;
/// The size of the bar line's empty run, in half-points.
pub(crate) const COVER_BAR_RUN: u32 = 8;
/// Label cells and every other row of a data table (the PDF's pale grey).
pub(crate) const PALE: &str = "E8EDEE";
/// Running header, footer and the cover's subtitle (the PDF's grey).
pub(crate) const GREY: &str = "425463";
/// Text on NHS Blue.
pub(crate) const WHITE: &str = "FFFFFF";

/// Padding inside every table cell: 4 pt above and below, 5 pt either side, as in the PDF.
pub(crate) const CELL_MARGINS: CellMargins = CellMargins {
    vertical: 80,
    horizontal: 100,
};

/// The label column of a label–value table: 30% of the width, as in the PDF.
pub(crate) const KEY_WIDTH: u32 = TEXT_WIDTH * 3 / 10;

/// Where the text of a bulleted list item starts, per level (a numbered item's text: 20 pt).
pub(crate) const BULLET_INDENT: u32 = 280;
/// Where the text of a numbered item starts.
pub(crate) const NUMBER_INDENT: u32 = 400;
/// Nested lists stop indenting after a third of the width, as in the PDF.
pub(crate) const MAX_LIST_INDENT: u32 = TEXT_WIDTH / 3;

/// The paragraph styles we define, by what they are for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Body text.
    Normal,
    /// The cover's title.
    Title,
    /// The cover's line under the title.
    Subtitle,
    /// A heading of level 1, 2 or 3.
    Heading(u8),
    /// The contents' own heading (not itself listed).
    TocHeading,
    /// A contents entry of level 1, 2 or 3.
    Toc(u8),
    /// A list item.
    ListParagraph,
    /// A table's caption.
    Caption,
    /// Text in a label–value table.
    KeyValueText,
    /// Text in a data table.
    TableText,
    /// The running header.
    Header,
    /// The footer.
    Footer,
}

impl Kind {
    /// Every paragraph style, in the order the styles part lists them.
    pub(crate) const ALL: [Kind; 16] = [
        Kind::Normal,
        Kind::Title,
        Kind::Subtitle,
        Kind::Heading(1),
        Kind::Heading(2),
        Kind::Heading(3),
        Kind::TocHeading,
        Kind::Toc(1),
        Kind::Toc(2),
        Kind::Toc(3),
        Kind::ListParagraph,
        Kind::Caption,
        Kind::KeyValueText,
        Kind::TableText,
        Kind::Header,
        Kind::Footer,
    ];

    /// The style id documents refer to, and the style's name in Word's user interface (Word's
    /// built-in names, lower case where Word's are, so Word maps them to its own styles).
    pub(crate) fn id_and_name(self) -> (&'static str, &'static str) {
        match self {
            Kind::Normal => ("Normal", "Normal"),
            Kind::Title => ("Title", "Title"),
            Kind::Subtitle => ("Subtitle", "Subtitle"),
            Kind::Heading(1) => ("Heading1", "heading 1"),
            Kind::Heading(2) => ("Heading2", "heading 2"),
            Kind::Heading(_) => ("Heading3", "heading 3"),
            Kind::TocHeading => ("TOCHeading", "TOC Heading"),
            Kind::Toc(1) => ("TOC1", "toc 1"),
            Kind::Toc(2) => ("TOC2", "toc 2"),
            Kind::Toc(_) => ("TOC3", "toc 3"),
            Kind::ListParagraph => ("ListParagraph", "List Paragraph"),
            Kind::Caption => ("Caption", "caption"),
            Kind::KeyValueText => ("KeyValueText", "Key Value Text"),
            Kind::TableText => ("TableText", "Table Text"),
            Kind::Header => ("Header", "header"),
            Kind::Footer => ("Footer", "footer"),
        }
    }

    /// The style id.
    pub(crate) fn id(self) -> &'static str {
        self.id_and_name().0
    }
}

/// How paragraphs of one style are set.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct ParaLook {
    /// Font size in half-points.
    pub size: u32,
    /// Bold.
    pub bold: bool,
    /// In the heading colour rather than the text colour.
    pub heading_colour: bool,
    /// Space before and after, and the line pitch.
    pub spacing: Spacing,
    /// Kept on the page of the next paragraph.
    pub keep_next: bool,
    /// Left indent.
    pub indent: Option<Indent>,
}

impl ParaLook {
    /// The font size in points.
    pub(crate) fn size_pt(&self) -> f32 {
        self.size as f32 / 2.0
    }
}

/// The look of a briefing in a theme.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Look {
    /// Body text size in points (the theme's, kept within 6 to 24 pt as the PDF does).
    pub body: f32,
}

impl Look {
    /// The look for `theme`.
    pub(crate) fn new(theme: &HouseStyle) -> Look {
        let body = if theme.body_size_pt.is_finite() {
            theme.body_size_pt.clamp(6.0, 24.0)
        } else {
            12.0
        };
        Look { body }
    }

    /// `factor` times the body size, in half-points.
    fn size(&self, factor: f32) -> u32 {
        (self.body * factor * 2.0).round() as u32
    }

    /// `factor` times the body size, in twentieths of a point.
    fn twips(&self, factor: f32) -> u32 {
        (self.body * factor * 20.0).round() as u32
    }

    /// How paragraphs of `kind` are set.
    pub(crate) fn para(&self, kind: Kind) -> ParaLook {
        let body = ParaLook {
            size: self.size(1.0),
            bold: false,
            heading_colour: false,
            spacing: Spacing {
                before: self.twips(0.6),
                after: 0,
                line: self.twips(1.4),
            },
            keep_next: false,
            indent: None,
        };
        let heading = |scale: f32, before: f32| ParaLook {
            size: self.size(scale),
            bold: true,
            heading_colour: true,
            spacing: Spacing {
                before: self.twips(before),
                after: self.twips(0.2),
                line: self.twips(scale * 1.25),
            },
            keep_next: true,
            indent: None,
        };
        let table = |scale: f32| ParaLook {
            size: self.size(scale),
            spacing: Spacing {
                before: 0,
                after: 0,
                line: self.twips(scale * 1.35),
            },
            ..body
        };
        match kind {
            Kind::Normal => body,
            Kind::Title => ParaLook {
                size: self.size(2.4),
                bold: true,
                heading_colour: true,
                spacing: Spacing {
                    // The PDF leaves 150 pt above the title.
                    before: 3_000,
                    after: 0,
                    line: self.twips(2.4 * 1.2),
                },
                ..body
            },
            Kind::Subtitle => ParaLook {
                size: self.size(1.25),
                spacing: Spacing {
                    before: self.twips(1.0),
                    after: self.twips(0.6),
                    line: self.twips(1.8),
                },
                ..body
            },
            Kind::Heading(1) | Kind::TocHeading => heading(1.75, 1.4),
            Kind::Heading(2) => heading(1.4, 1.1),
            Kind::Heading(_) => heading(1.15, 0.9),
            Kind::Toc(level) => ParaLook {
                bold: level <= 1,
                spacing: Spacing {
                    before: 0,
                    after: 0,
                    line: self.twips(1.4),
                },
                indent: Some(Indent {
                    left: 320 * u32::from(level.saturating_sub(1)),
                    ..Indent::default()
                }),
                ..body
            },
            Kind::ListParagraph => ParaLook {
                spacing: Spacing {
                    before: self.twips(0.2),
                    ..body.spacing
                },
                ..body
            },
            Kind::Caption => ParaLook {
                bold: true,
                spacing: Spacing {
                    before: self.twips(0.8),
                    after: 0,
                    line: self.twips(1.5),
                },
                keep_next: true,
                ..body
            },
            Kind::KeyValueText => table(0.9),
            Kind::TableText => table(0.85),
            Kind::Header | Kind::Footer => ParaLook {
                size: 18,
                spacing: Spacing {
                    before: 0,
                    after: 0,
                    line: 0,
                },
                ..body
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_look_matches_the_pdf_in_points() {
        let look = Look::new(&HouseStyle::default());
        let h1 = look.para(Kind::Heading(1));
        assert_eq!(
            (h1.size, h1.spacing.before, h1.spacing.line),
            (42, 336, 525)
        );
        assert!(h1.keep_next && h1.bold);
        let normal = look.para(Kind::Normal);
        assert_eq!((normal.size, normal.spacing.line), (24, 336));
        assert!(look.para(Kind::Caption).keep_next);
        assert_eq!(TEXT_WIDTH, 9_638);
    }
}
