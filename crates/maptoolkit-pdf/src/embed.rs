//! Embedding a face: the subset font program and the dictionaries that describe it.
//!
//! Content streams draw glyph ids of the full face (Identity-H, so a CID is the full face's glyph
//! id). The embedded program is a subset made by printpdf (allsorts underneath) with the glyphs
//! renumbered, so a `/CIDToGIDMap` stream maps each CID to its glyph in the subset. This lets
//! pages be painted and written before the document's full glyph set is known. `/W` gives the
//! widths by CID and `/ToUnicode` the text of each CID, for search, copying and screen readers.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Write};

use crate::fonts::{Face, Fonts};
use crate::syntax::{PdfFile, Ref, deflate, name};

/// A face subset to the glyphs a document drew, with its streams compressed: everything
/// [`SubsetFace::write`] needs. Subsetting is the slow part, so faces are subset in parallel.
#[derive(Debug)]
pub(crate) struct SubsetFace {
    /// The `/BaseFont` name, as a PDF name.
    base_name: String,
    /// The subset program, deflated, and its length before.
    program: Vec<u8>,
    program_length: usize,
    /// The `/CIDToGIDMap` stream, deflated.
    cid_to_gid: Vec<u8>,
    /// The `/ToUnicode` CMap, deflated.
    to_unicode: Vec<u8>,
    /// The font descriptor's entries but `/FontFile2`.
    descriptor: String,
    /// The `/W` array.
    widths: String,
}

/// Subsets `face` to `glyphs` (ascending glyph ids of the full face, each with the character it
/// stands for).
///
/// # Errors
/// A message if subsetting fails.
pub(crate) fn subset_face(
    fonts: &Fonts,
    face: Face,
    glyphs: &[(u16, char)],
) -> Result<SubsetFace, String> {
    let parsed = fonts.parsed(face);
    let text: BTreeMap<u16, String> = glyphs
        .iter()
        .filter(|(gid, _)| *gid != 0)
        .map(|&(gid, c)| (gid, String::from(c)))
        .collect();
    let glyphs: Vec<u16> = glyphs.iter().map(|(gid, _)| *gid).collect();
    let subset = printpdf::subset_font(parsed, &text)
        .map_err(|e| format!("subsetting {}: {e}", face.resource_name()))?;

    let base = format!(
        "{}+{}",
        face.resource_name(),
        parsed.font_name.as_deref().unwrap_or("LiberationSans")
    );
    let mut base_name = String::new();
    name(&mut base_name, &base);

    // CID (full-face glyph id) to subset glyph id; unused CIDs map to glyph 0.
    let max = glyphs.last().copied().unwrap_or(0);
    let mut map = vec![0u8; (usize::from(max) + 1) * 2];
    for (old, (new, _)) in &subset.glyph_mapping {
        let at = usize::from(*old) * 2;
        if at + 1 < map.len() {
            map[at..at + 2].copy_from_slice(&new.to_be_bytes());
        }
    }

    // Text of each CID.
    let mappings = text
        .iter()
        .map(|(&gid, s)| (u32::from(gid), s.chars().map(u32::from).collect()))
        .collect();
    let cmap = printpdf::ToUnicodeCMap { mappings }.to_cmap_string(face.resource_name());

    // Metrics, in thousandths of an em.
    let upm = f32::from(parsed.pdf_font_metrics.units_per_em.max(1));
    let scale = |v: f32| (v * 1000.0 / upm).round() as i64;
    let m = &parsed.pdf_font_metrics;
    let ascent = scale(parsed.font_metrics.ascent);
    let descent = scale(parsed.font_metrics.descent);
    let cap_height = parsed.font_metrics.cap_height.map_or(ascent, scale);
    let italic_angle = if m.caret_slope_rise == 0 {
        0
    } else {
        (-f32::from(m.caret_slope_run).atan2(f32::from(m.caret_slope_rise)))
            .to_degrees()
            .round() as i64
    };
    // Flags (ISO 32000-1 Table 123): non-symbolic, and italic when slanted.
    let flags = (1 << 5) | if italic_angle != 0 { 1 << 6 } else { 0 };
    // No table carries StemV; estimate it from the weight class, as PDF producers do.
    let stem_v = if m.us_weight_class == 0 {
        80
    } else {
        50 + (f32::from(m.us_weight_class) / 65.0).powi(2).round() as i64
    };
    let descriptor = format!(
        "<</Type/FontDescriptor/FontName{base_name}/Ascent {ascent}/Descent {descent}\
         /CapHeight {cap_height}/ItalicAngle {italic_angle}/Flags {flags}/StemV {stem_v}\
         /FontBBox[{} {} {} {}]",
        scale(f32::from(m.x_min)),
        scale(f32::from(m.y_min)),
        scale(f32::from(m.x_max)),
        scale(f32::from(m.y_max)),
    );
    Ok(SubsetFace {
        base_name,
        program: deflate(&subset.bytes),
        program_length: subset.bytes.len(),
        cid_to_gid: deflate(&map),
        to_unicode: deflate(cmap.as_bytes()),
        descriptor,
        widths: widths(fonts, face, &glyphs),
    })
}

impl SubsetFace {
    /// Writes the font program, its maps and dictionaries, and returns the `Type0` font
    /// dictionary's reference.
    ///
    /// # Errors
    /// An I/O error.
    pub(crate) fn write<W: Write>(self, file: &mut PdfFile<W>) -> io::Result<Ref> {
        let program = file.alloc();
        let length = format!("/Length1 {}", self.program_length);
        file.stream(program, &length, &self.program, true)?;
        let cid_to_gid = file.alloc();
        file.stream(cid_to_gid, "", &self.cid_to_gid, true)?;
        let to_unicode = file.alloc();
        file.stream(to_unicode, "", &self.to_unicode, true)?;
        let descriptor = file.alloc();
        file.object(
            descriptor,
            &format!("{}/FontFile2 {program}>>", self.descriptor),
        )?;
        let font = file.alloc();
        let base_name = &self.base_name;
        file.object(
            font,
            &format!(
                "<</Type/Font/Subtype/Type0/BaseFont{base_name}/Encoding/Identity-H\
                 /ToUnicode {to_unicode}/DescendantFonts[<</Type/Font/Subtype/CIDFontType2\
                 /BaseFont{base_name}/CIDSystemInfo<</Registry(Adobe)/Ordering(Identity)/Supplement 0>>\
                 /FontDescriptor {descriptor}/DW 1000/W{}/CIDToGIDMap {cid_to_gid}>>]>>",
                self.widths
            ),
        )?;
        Ok(font)
    }
}

/// The `/W` array: runs of consecutive CIDs with their widths, `[first [w1 w2 …] …]`.
fn widths(fonts: &Fonts, face: Face, glyphs: &[u16]) -> String {
    let mut out = String::from("[");
    let mut previous: Option<u16> = None;
    for &gid in glyphs {
        let width = fonts.glyph_advance_milli(face, gid).round() as i64;
        match previous {
            Some(p) if p + 1 == gid => {
                let _ = write!(out, " {width}");
            }
            Some(_) => {
                let _ = write!(out, "]{gid}[{width}");
            }
            None => {
                let _ = write!(out, "{gid}[{width}");
            }
        }
        previous = Some(gid);
    }
    if previous.is_some() {
        out.push(']');
    }
    out.push(']');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::fonts;

    #[test]
    fn widths_group_consecutive_glyphs() {
        let fonts = fonts().unwrap();
        let a = fonts.glyph(Face::Regular, 'a');
        let b = fonts.glyph(Face::Regular, 'b');
        assert_eq!(b, a + 1, "Liberation Sans keeps the alphabet in order");
        let w = widths(fonts, Face::Regular, &[3, a, b]);
        assert_eq!(w, format!("[3[278]{a}[556 556]]"));
        assert_eq!(widths(fonts, Face::Regular, &[]), "[]");
    }
}
