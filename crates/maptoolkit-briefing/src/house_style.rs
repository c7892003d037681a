//! The look of a briefing, shared by every exporter that draws pages.

/// A colour as red, green and blue bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// NHS Blue, `#005EB8`.
    pub const NHS_BLUE: Rgb = Rgb(0x00, 0x5e, 0xb8);
    /// NHS Black, `#231F20`, for body text.
    pub const NHS_BLACK: Rgb = Rgb(0x23, 0x1f, 0x20);

    /// The colour as six upper-case hex digits, e.g. `005EB8`.
    pub fn hex(self) -> String {
        format!("{:02X}{:02X}{:02X}", self.0, self.1, self.2)
    }
}

/// Font, colours and organisation name for page-based formats (Word, PDF).
///
/// The default follows NHS identity: Arial (PDF: the metric-compatible Liberation Sans), 12 pt
/// body text, headings in NHS Blue. Another organisation changes the fields it needs:
///
/// ```
/// use maptoolkit_briefing::{Rgb, HouseStyle};
/// let theme = HouseStyle { heading_colour: Rgb(0x33, 0x00, 0x72), ..HouseStyle::default() };
/// assert_eq!(theme.heading_colour.hex(), "330072");
/// assert_eq!(theme.font_family, "Arial");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct HouseStyle {
    /// The font family named in documents that reference fonts (Word).
    pub font_family: String,
    /// Body text size in points.
    pub body_size_pt: f32,
    /// Colour of body text.
    pub text_colour: Rgb,
    /// Colour of the title and headings.
    pub heading_colour: Rgb,
    /// Shown in page headers; when `None`, the document's author (the organisation) is used.
    pub organisation: Option<String>,
}

impl Default for HouseStyle {
    fn default() -> HouseStyle {
        HouseStyle {
            font_family: "Arial".to_string(),
            body_size_pt: 12.0,
            text_colour: Rgb::NHS_BLACK,
            heading_colour: Rgb::NHS_BLUE,
            organisation: None,
        }
    }
}
