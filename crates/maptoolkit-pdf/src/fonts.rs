//! The embedded Liberation Sans faces: loading, glyph advances and character fallback.
//!
//! The three faces (regular, bold, italic) are compiled into the crate with `include_bytes!`, so
//! nobody needs system fonts. They are parsed once per process. Every piece of text goes through
//! [`Fonts::clean`] before it is measured or drawn: control characters are dropped (tabs and line
//! breaks become spaces) and characters the face's `cmap` does not map become
//! [`REPLACEMENT`], a visible white square, so nothing the font cannot show reaches the page.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};

use printpdf::ParsedFont;

/// The character drawn for one the font lacks: U+25A1 WHITE SQUARE (□).
///
/// Liberation Sans has no U+FFFD glyph, so the conventional "missing glyph" box is used instead.
pub(crate) const REPLACEMENT: char = '\u{25A1}';

const REGULAR: &[u8] = include_bytes!("../fonts/LiberationSans-Regular.ttf");
const BOLD: &[u8] = include_bytes!("../fonts/LiberationSans-Bold.ttf");
const ITALIC: &[u8] = include_bytes!("../fonts/LiberationSans-Italic.ttf");

/// One of the embedded faces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Face {
    /// Liberation Sans Regular.
    Regular,
    /// Liberation Sans Bold.
    Bold,
    /// Liberation Sans Italic.
    Italic,
}

impl Face {
    /// Every face, in a fixed order.
    pub(crate) const ALL: [Face; 3] = [Face::Regular, Face::Bold, Face::Italic];

    fn index(self) -> usize {
        self as usize
    }

    /// The font's resource name in page resources, also its subset tag (`ABCDEF+Name`), which
    /// the PDF specification wants to be six upper-case letters.
    pub(crate) fn resource_name(self) -> &'static str {
        match self {
            Face::Regular => "LSREGU",
            Face::Bold => "LSBOLD",
            Face::Italic => "LSITAL",
        }
    }
}

/// The parsed faces with their metrics.
#[derive(Debug)]
pub(crate) struct Fonts {
    faces: [ParsedFont; 3],
    units_per_em: [f32; 3],
    tables: [Tables; 3],
}

/// Lookup tables for one face, so measuring and drawing never search the font's own tables.
#[derive(Debug)]
struct Tables {
    /// The glyph of each Basic Multilingual Plane character, filled in on first use
    /// ([`UNKNOWN`] until then): looking all of them up at start would cost more than most
    /// documents.
    bmp: Vec<AtomicU32>,
    /// The advance of every glyph, in font units.
    advances: Vec<u16>,
}

/// A [`Tables::bmp`] entry not looked up yet.
const UNKNOWN: u32 = u32::MAX;

impl Tables {
    fn new(font: &ParsedFont) -> Tables {
        let bmp = (0..=0xFFFF).map(|_| AtomicU32::new(UNKNOWN)).collect();
        let advances = (0..font.num_glyphs)
            .map(|gid| font.get_horizontal_advance(gid))
            .collect();
        Tables { bmp, advances }
    }
}

/// The process-wide parsed faces.
///
/// # Errors
/// A message if an embedded font does not parse (which would be a packaging bug).
pub(crate) fn fonts() -> Result<&'static Fonts, String> {
    static FONTS: OnceLock<Result<Fonts, String>> = OnceLock::new();
    FONTS
        .get_or_init(Fonts::load)
        .as_ref()
        .map_err(Clone::clone)
}

impl Fonts {
    fn load() -> Result<Fonts, String> {
        let parse = |bytes: &[u8], name: &str| {
            let mut warnings = Vec::new();
            ParsedFont::from_bytes(bytes, 0, &mut warnings)
                .ok_or_else(|| format!("embedded font {name} does not parse"))
        };
        let faces = [
            parse(REGULAR, "LiberationSans-Regular")?,
            parse(BOLD, "LiberationSans-Bold")?,
            parse(ITALIC, "LiberationSans-Italic")?,
        ];
        let units_per_em = faces
            .each_ref()
            .map(|f| f32::from(f.pdf_font_metrics.units_per_em.max(1)));
        let tables = faces.each_ref().map(Tables::new);
        Ok(Fonts {
            faces,
            units_per_em,
            tables,
        })
    }

    /// The parsed face, for embedding.
    pub(crate) fn parsed(&self, face: Face) -> &ParsedFont {
        &self.faces[face.index()]
    }

    /// The glyph `face` draws for `c`; 0 (the "missing" glyph) if it has none.
    pub(crate) fn glyph(&self, face: Face, c: char) -> u16 {
        let font = &self.faces[face.index()];
        let lookup = || font.lookup_glyph_index(u32::from(c)).unwrap_or(0);
        match self.tables[face.index()].bmp.get(c as usize) {
            Some(cached) => match cached.load(Ordering::Relaxed) {
                UNKNOWN => {
                    let gid = lookup();
                    cached.store(u32::from(gid), Ordering::Relaxed);
                    gid
                }
                gid => gid as u16,
            },
            None => lookup(),
        }
    }

    /// The advance of glyph `gid` in thousandths of an em, as PDF's `/W` array wants.
    pub(crate) fn glyph_advance_milli(&self, face: Face, gid: u16) -> f32 {
        let advance = self.tables[face.index()]
            .advances
            .get(usize::from(gid))
            .copied()
            .unwrap_or(0);
        f32::from(advance) * 1000.0 / self.units_per_em[face.index()]
    }

    /// Whether `face` has a glyph for `c`.
    pub(crate) fn has_char(&self, face: Face, c: char) -> bool {
        self.glyph(face, c) != 0
    }

    /// The advance width of `c` in `face`, in points at `size`.
    ///
    /// `c` must be a character [`Fonts::clean`] lets through.
    pub(crate) fn advance(&self, face: Face, c: char, size: f32) -> f32 {
        let tables = &self.tables[face.index()];
        let gid = self.glyph(face, c);
        let advance = tables.advances.get(usize::from(gid)).copied().unwrap_or(0);
        f32::from(advance) / self.units_per_em[face.index()] * size
    }

    /// The width of a cleaned string in points.
    pub(crate) fn width(&self, face: Face, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.advance(face, c, size)).sum()
    }

    /// `text` made safe to draw in `face`: control characters dropped (tab, line and paragraph
    /// breaks become a space), characters without a glyph replaced by [`REPLACEMENT`].
    ///
    /// Variation selectors and zero-width joiners, which only modify a neighbour, are dropped
    /// with their emoji rather than each becoming a box.
    pub(crate) fn clean(&self, face: Face, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        for c in text.chars() {
            match c {
                '\t' | '\n' | '\r' | '\u{2028}' | '\u{2029}' => out.push(' '),
                c if c.is_control() => {}
                '\u{200D}' | '\u{FE00}'..='\u{FE0F}' => {}
                c if self.has_char(face, c) => out.push(c),
                _ => out.push(REPLACEMENT),
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(input: &str, expected: &str) {
        let fonts = fonts().unwrap();
        for face in Face::ALL {
            assert_eq!(fonts.clean(face, input), expected, "{face:?}");
        }
    }

    #[test]
    fn cleaning_keeps_what_the_font_has_and_replaces_the_rest() {
        check(
            "Developing People – Improving Care",
            "Developing People – Improving Care",
        );
        check(
            "1 – 3 years’ time “coherent” £5 ŵ Ł",
            "1 – 3 years’ time “coherent” £5 ŵ Ł",
        );
        check("bell\u{7}\tand\nline", "bell and line");
        check("emoji 🚑 and 医", "emoji □ and □");
        check("thumbs 👍🏽\u{FE0F}", "thumbs □□");
    }

    #[test]
    fn advances_are_real_glyph_widths() {
        let fonts = fonts().unwrap();
        // Liberation Sans is metric-compatible with Arial: "i" is 0.222 em, "W" 0.944 em.
        assert!((fonts.advance(Face::Regular, 'i', 1000.0) - 222.2).abs() < 0.5);
        assert!((fonts.advance(Face::Regular, 'W', 1000.0) - 943.8).abs() < 0.5);
        assert!(fonts.width(Face::Bold, "Bold", 12.0) > fonts.width(Face::Regular, "Bold", 12.0));
    }
}
