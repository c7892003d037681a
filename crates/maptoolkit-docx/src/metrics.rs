//! Measuring text as Word sets it in Arial: advance widths of Liberation Sans (metric-compatible
//! with Arial, the font the PDF embeds), greedy line breaking, and table column widths.
//!
//! Only what [`crate::pages`] and table layout need: how many lines a paragraph takes at a
//! width, and how wide a table's columns should be. Widths cover Latin-1 and common
//! punctuation; other characters are measured as an average letter, or a full em for wide
//! scripts and emoji, which Word draws from fallback fonts.

/// Units per em of the tables below.
const UNITS_PER_EM: f32 = 2048.0;
/// What characters outside the tables are measured as: an average lower-case letter.
const OTHER: u16 = 1139;
/// What wide characters (CJK, emoji) are measured as: a full em.
const WIDE: u16 = 2048;

/// A face of the font.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Face {
    /// Regular (italic has the same advances).
    Regular,
    /// Bold.
    Bold,
}

/// The advance of `c` in 1/2048 em.
fn advance(face: Face, c: char) -> u16 {
    let (latin1, punctuation) = match face {
        Face::Regular => (&REGULAR_LATIN1, &REGULAR_PUNCTUATION),
        Face::Bold => (&BOLD_LATIN1, &BOLD_PUNCTUATION),
    };
    let n = c as u32;
    if (0x20..=0xFF).contains(&n) {
        return latin1[(n - 0x20) as usize];
    }
    if let Some((_, w)) = punctuation.iter().find(|(p, _)| *p == c) {
        return *w;
    }
    if n >= 0x1100 && !(0x2000..0x2E80).contains(&n) {
        WIDE
    } else {
        OTHER
    }
}

/// The width of `text` at `size` points, in points.
pub(crate) fn width(face: Face, text: &str, size: f32) -> f32 {
    let units: u32 = text.chars().map(|c| u32::from(advance(face, c))).sum();
    units as f32 / UNITS_PER_EM * size
}

/// Counts lines as a paragraph is broken, greedily at spaces, into lines `width` points wide.
/// A word wider than a line is broken between characters, as Word does.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Lines {
    size: f32,
    width: f32,
    /// Lines finished so far.
    full: u32,
    /// The width of the line being filled, and whether anything is on it.
    used: f32,
    started: bool,
    /// The width of the word being read (not yet placed).
    word: f32,
    /// The word read so far ends in a hyphen, after which the line may break.
    hyphen: bool,
}

impl Lines {
    /// A paragraph of `size`-point text in a column `width` points wide.
    pub(crate) fn new(size: f32, width: f32) -> Lines {
        Lines {
            size,
            width: width.max(size),
            full: 0,
            used: 0.0,
            started: false,
            word: 0.0,
            hyphen: false,
        }
    }

    /// Adds a run of text in `face`.
    pub(crate) fn add(&mut self, face: Face, text: &str) {
        for c in text.chars() {
            let w = f32::from(advance(face, c)) / UNITS_PER_EM * self.size;
            if c == ' ' || c == '\t' || c == '\n' {
                self.place_word();
                // A space at the end of a line hangs in the margin.
                self.used += w;
            } else {
                // After a hyphen inside a word the line may break, as Word and LibreOffice
                // break "evidence-based" (Unicode line breaking, UAX #14: not before a digit,
                // so "-5" stays whole).
                if std::mem::take(&mut self.hyphen) && !c.is_ascii_digit() {
                    self.place_word();
                }
                if self.word + w > self.width {
                    // A word wider than the line: break it here.
                    self.place_word();
                }
                self.hyphen = c == '-' && self.word > 0.0;
                self.word += w;
            }
        }
    }

    /// Adds `text` after a right-aligned tab at the end of the line, as a contents entry's page
    /// number: it joins the last line if it fits beside the text there (the tab needs no room
    /// of its own), else goes onto a line of its own.
    pub(crate) fn tab(&mut self, face: Face, text: &str) {
        self.place_word();
        self.word = width(face, text, self.size);
        self.place_word();
    }

    /// Places the word read so far, on this line if it fits, else on a new one.
    fn place_word(&mut self) {
        self.hyphen = false;
        if self.word == 0.0 {
            return;
        }
        if self.started && self.used + self.word > self.width {
            self.full += 1;
            self.used = 0.0;
        }
        self.used += self.word;
        self.started = true;
        self.word = 0.0;
    }

    /// The number of lines: at least one, as an empty paragraph still takes a line.
    pub(crate) fn count(mut self) -> u32 {
        self.place_word();
        self.full + 1
    }
}

/// Column widths of `table`, `total` wide (twentieths of a point), by the briefing crate's
/// [`maptoolkit_briefing::column_widths`] with this font's measures at `size`, each column
/// `padding` points wider than its text; rounded to whole twips summing to `total`.
pub(crate) fn column_widths(
    table: &maptoolkit_briefing::Table,
    size: f32,
    padding: f32,
    total: u32,
) -> Vec<u32> {
    let bold = |b: bool| if b { Face::Bold } else { Face::Regular };
    let widths = maptoolkit_briefing::column_widths(table, total as f32 / 20.0, padding, |t, b| {
        width(bold(b), t, size)
    });
    let mut twips: Vec<u32> = widths.iter().map(|w| (w * 20.0).floor() as u32).collect();
    // Rounding leaves a few twips over: give them to the last column, so the sum is exact.
    let sum: u32 = twips.iter().sum();
    if let Some(last) = twips.last_mut() {
        *last += total.saturating_sub(sum);
    }
    twips
}

/// Liberation Sans Regular: advances of U+0020 to U+00FF, in 1/2048 em.
const REGULAR_LATIN1: [u16; 224] = [
    569, 569, 727, 1139, 1139, 1821, 1366, 391, 682, 682, 797, 1196, 569, 682, 569, 569, 1139,
    1139, 1139, 1139, 1139, 1139, 1139, 1139, 1139, 1139, 569, 569, 1196, 1196, 1196, 1139, 2079,
    1366, 1366, 1479, 1479, 1366, 1251, 1593, 1479, 569, 1024, 1366, 1139, 1706, 1479, 1593, 1366,
    1593, 1479, 1366, 1251, 1479, 1366, 1933, 1366, 1366, 1251, 569, 569, 569, 961, 1139, 682,
    1139, 1139, 1024, 1139, 1139, 569, 1139, 1139, 455, 455, 1024, 455, 1706, 1139, 1139, 1139,
    1139, 682, 1024, 569, 1139, 1024, 1479, 1024, 1024, 1024, 684, 532, 684, 1196, 1536, 1536,
    1536, 1536, 1536, 1536, 1536, 1536, 1536, 1536, 1536, 1536, 1536, 1536, 1536, 1536, 1536, 1536,
    1536, 1536, 1536, 1536, 1536, 1536, 1536, 1536, 1536, 1536, 1536, 1536, 1536, 1536, 1536, 569,
    682, 1139, 1139, 1139, 1139, 532, 1139, 682, 1509, 758, 1139, 1196, 682, 1509, 1131, 819, 1124,
    682, 682, 682, 1180, 1100, 682, 682, 682, 748, 1139, 1708, 1708, 1708, 1251, 1366, 1366, 1366,
    1366, 1366, 1366, 2048, 1479, 1366, 1366, 1366, 1366, 569, 569, 569, 569, 1479, 1479, 1593,
    1593, 1593, 1593, 1593, 1196, 1593, 1479, 1479, 1479, 1479, 1366, 1366, 1251, 1139, 1139, 1139,
    1139, 1139, 1139, 1821, 1024, 1139, 1139, 1139, 1139, 569, 569, 569, 569, 1139, 1139, 1139,
    1139, 1139, 1139, 1139, 1124, 1251, 1139, 1139, 1139, 1139, 1024, 1139, 1024,
];

/// Liberation Sans Regular: advances of punctuation beyond Latin-1, in 1/2048 em.
const REGULAR_PUNCTUATION: [(char, u16); 11] = [
    ('\u{2013}', 1139),
    ('\u{2014}', 2048),
    ('\u{2018}', 455),
    ('\u{2019}', 455),
    ('\u{201C}', 682),
    ('\u{201D}', 682),
    ('\u{2022}', 717),
    ('\u{2026}', 2048),
    ('\u{25E6}', 726),
    ('\u{25AA}', 726),
    ('\u{20AC}', 1139),
];

/// Liberation Sans Bold: advances of U+0020 to U+00FF, in 1/2048 em.
const BOLD_LATIN1: [u16; 224] = [
    569, 682, 971, 1139, 1139, 1821, 1479, 487, 682, 682, 797, 1196, 569, 682, 569, 569, 1139,
    1139, 1139, 1139, 1139, 1139, 1139, 1139, 1139, 1139, 682, 682, 1196, 1196, 1196, 1251, 1997,
    1479, 1479, 1479, 1479, 1366, 1251, 1593, 1479, 569, 1139, 1479, 1251, 1706, 1479, 1593, 1366,
    1593, 1479, 1366, 1251, 1479, 1366, 1933, 1366, 1366, 1251, 682, 569, 682, 1196, 1139, 682,
    1139, 1251, 1139, 1251, 1139, 682, 1251, 1251, 569, 569, 1139, 569, 1821, 1251, 1251, 1251,
    1251, 797, 1139, 682, 1251, 1139, 1593, 1139, 1139, 1024, 797, 573, 797, 1196, 1536, 1536,
    1536, 1536, 1536, 1536, 1536, 1536, 1536, 1536, 1536, 1536, 1536, 1536, 1536, 1536, 1536, 1536,
    1536, 1536, 1536, 1536, 1536, 1536, 1536, 1536, 1536, 1536, 1536, 1536, 1536, 1536, 1536, 569,
    682, 1139, 1139, 1139, 1139, 573, 1139, 682, 1509, 758, 1139, 1196, 682, 1509, 1131, 819, 1124,
    682, 682, 682, 1180, 1139, 682, 682, 682, 748, 1139, 1708, 1708, 1708, 1251, 1479, 1479, 1479,
    1479, 1479, 1479, 2048, 1479, 1366, 1366, 1366, 1366, 569, 569, 569, 569, 1479, 1479, 1593,
    1593, 1593, 1593, 1593, 1196, 1593, 1479, 1479, 1479, 1479, 1366, 1366, 1251, 1139, 1139, 1139,
    1139, 1139, 1139, 1821, 1139, 1139, 1139, 1139, 1139, 569, 569, 569, 569, 1251, 1251, 1251,
    1251, 1251, 1251, 1251, 1124, 1251, 1251, 1251, 1251, 1251, 1139, 1251, 1139,
];

/// Liberation Sans Bold: advances of punctuation beyond Latin-1, in 1/2048 em.
const BOLD_PUNCTUATION: [(char, u16); 11] = [
    ('\u{2013}', 1139),
    ('\u{2014}', 2048),
    ('\u{2018}', 569),
    ('\u{2019}', 569),
    ('\u{201C}', 1024),
    ('\u{201D}', 1024),
    ('\u{2022}', 717),
    ('\u{2026}', 2048),
    ('\u{25E6}', 726),
    ('\u{25AA}', 726),
    ('\u{20AC}', 1139),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_are_liberation_sans() {
        // "Hello" in Liberation Sans Regular: H 1479, e 1139, l 455, l 455, o 1139.
        assert!((width(Face::Regular, "Hello", 2048.0) - 4667.0).abs() < 0.01);
        assert!(width(Face::Bold, "Hello", 12.0) > width(Face::Regular, "Hello", 12.0));
        assert_eq!(advance(Face::Regular, '–'), 1139);
        assert_eq!(advance(Face::Regular, '中'), WIDE);
    }

    #[test]
    fn lines_break_at_spaces_and_inside_long_words() {
        let lines = |text: &str, width: f32| {
            let mut l = Lines::new(10.0, width);
            l.add(Face::Regular, text);
            l.count()
        };
        assert_eq!(lines("", 100.0), 1);
        assert_eq!(lines("short", 100.0), 1);
        // Each "aaaa" is 4 × 5.56 = 22.2 pt; with spaces, four fit in 100 pt.
        assert_eq!(lines("aaaa aaaa aaaa aaaa", 100.0), 1);
        assert_eq!(lines("aaaa aaaa aaaa aaaa aaaa", 100.0), 2);
        assert_eq!(lines(&"a".repeat(40), 100.0), 3);
        // After a hyphen the line may break: in 60 pt "aaaa aaaa-" (50.6 pt) then "aaaa aaaa",
        // where the whole compound (47.8 pt) would take a line of its own.
        assert_eq!(lines("aaaa aaaa-aaaa aaaa", 60.0), 2);
        // Not before a digit.
        assert_eq!(lines("aaaa aaaa-1111 aaaa", 60.0), 3);
        // A tab's text joins the last line if it fits there: 22.2 + 2.8 + 22.2 pt of text and
        // 16.7 pt of "123" fit in 65 pt, 22.2 pt of "1234" do not.
        let tabbed = |text: &str, number: &str| {
            let mut l = Lines::new(10.0, 65.0);
            l.add(Face::Regular, text);
            l.tab(Face::Regular, number);
            l.count()
        };
        assert_eq!(tabbed("aaaa aaaa", "123"), 1);
        assert_eq!(tabbed("aaaa aaaa", "1234"), 2);
    }

    #[test]
    fn columns_get_their_words_and_long_text_gets_the_rest() {
        let table = maptoolkit_briefing::Table {
            caption: String::new(),
            columns: vec!["Title".to_string(), "Due".to_string()],
            rows: vec![vec![
                "A long title of a national policy document that wraps".to_string(),
                "2018-01".to_string(),
            ]],
        };
        let w = column_widths(&table, 10.0, 10.0, 4000);
        assert_eq!(w.iter().sum::<u32>(), 4000);
        assert!(w[0] > w[1] * 2, "{w:?}");
        // The date column still fits its date.
        assert!(w[1] as f32 / 20.0 >= width(Face::Regular, "2018-01", 10.0) + 10.0);
    }
}
