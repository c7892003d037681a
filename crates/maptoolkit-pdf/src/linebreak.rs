//! Breaking styled text into lines that fit a width.
//!
//! Break opportunities come from the Unicode line breaking algorithm (UAX #14, via
//! `unicode-linebreak`), measured with real glyph advances. Lines are filled greedily; spaces at
//! the end of a line do not count against the width. A word wider than the whole line (a long URL,
//! say) is broken only where it may be: after `/`, `.` and the like, or between syllables by
//! English hyphenation patterns (typst's `hypher`) with a visible hyphen; only a word with no such
//! point that fits is broken between characters, and then with a hyphen too, so text never runs
//! past the margin and no word is broken silently.

use crate::fonts::Face;

/// A run of text in one style: what the line breaker is given.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Span {
    /// The text, already cleaned for its face.
    pub text: String,
    /// The face it is set in.
    pub face: Face,
    /// Where it links to, if it is a hyperlink.
    pub link: Option<Link>,
}

/// A hyperlink carried through line breaking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Link {
    /// The absolute URL, or the anchor of a heading when `internal`.
    pub url: String,
    /// Whether it goes to a heading of this document.
    pub internal: bool,
    /// The structure element (`Link`) its text and annotations belong to.
    pub node: usize,
}

impl Span {
    /// A span without a link.
    #[cfg(test)]
    pub(crate) fn new(text: impl Into<String>, face: Face) -> Span {
        Span {
            text: text.into(),
            face,
            link: None,
        }
    }
}

/// A piece of a line in one style, positioned from the line's start.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Frag {
    /// The text.
    pub text: String,
    /// The face.
    pub face: Face,
    /// The link, if any.
    pub link: Option<Link>,
    /// Offset from the line's start, in points.
    pub x: f32,
    /// Width in points.
    pub width: f32,
}

/// One line of set text.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Line {
    /// The pieces, left to right.
    pub frags: Vec<Frag>,
    /// The width of the line without trailing spaces, in points.
    pub width: f32,
    /// Whether the line was broken at a space (which is not drawn, and not counted in `width`).
    pub broken_at_space: bool,
}

impl Line {
    /// The line's text.
    #[cfg(test)]
    pub(crate) fn text(&self) -> String {
        self.frags.iter().map(|f| f.text.as_str()).collect()
    }
}

/// The hyphen drawn where a word is broken.
const HYPHEN: char = '-';

/// Characters after which a word too long for a line (a URL, a path) may break without a hyphen.
const BREAK_AFTER: &[char] = &['/', '.', '-', '_', '?', '&', '=', '#', ':', '\\'];

/// Where a word too long for its line may break, as glyph offsets into `word`, each with whether
/// the break needs a hyphen: after punctuation in [`BREAK_AFTER`] (none), and between syllables of
/// each run of letters by English hyphenation patterns (typst's `hypher`).
fn break_points(word: &[Glyph]) -> Vec<(usize, bool)> {
    let mut points = Vec::new();
    let mut i = 0;
    while i < word.len() {
        if word[i].c.is_ascii_alphabetic() {
            let run_end = (i..word.len())
                .find(|&j| !word[j].c.is_ascii_alphabetic())
                .unwrap_or(word.len());
            let run: String = word[i..run_end]
                .iter()
                .map(|g| g.c.to_ascii_lowercase())
                .collect();
            let mut at = i;
            let syllables: Vec<&str> = hypher::hyphenate(&run, hypher::Lang::English).collect();
            for syllable in &syllables[..syllables.len().saturating_sub(1)] {
                at += syllable.len();
                points.push((at, true));
            }
            i = run_end;
        } else {
            if BREAK_AFTER.contains(&word[i].c) {
                points.push((i + 1, false));
            }
            i += 1;
        }
    }
    points.sort_unstable();
    points
}

struct Glyph {
    byte: usize,
    c: char,
    span: usize,
    width: f32,
}

/// Breaks `spans` into lines no wider than `max_width`, measuring each character with `advance`.
///
/// Returns no lines for empty text.
pub(crate) fn break_lines(
    spans: &[Span],
    max_width: f32,
    advance: impl Fn(Face, char) -> f32,
) -> Vec<Line> {
    let mut full = String::new();
    let mut glyphs = Vec::new();
    for (i, span) in spans.iter().enumerate() {
        for (b, c) in span.text.char_indices() {
            glyphs.push(Glyph {
                byte: full.len() + b,
                c,
                span: i,
                width: advance(span.face, c),
            });
        }
        full.push_str(&span.text);
    }
    if full.trim().is_empty() {
        return Vec::new();
    }
    // Glyph index where each segment (a word with its trailing spaces) ends.
    let mut ends = Vec::new();
    let mut g = 0;
    for (byte, _) in unicode_linebreak::linebreaks(&full) {
        while g < glyphs.len() && glyphs[g].byte < byte {
            g += 1;
        }
        ends.push(g);
    }

    // Glyph ranges, trailing spaces trimmed, and whether a hyphen ends the line.
    let mut lines: Vec<(usize, usize, bool)> = Vec::new();
    let mut line_start = 0;
    let mut line_end = 0; // end of the content placed so far, spaces included
    let mut start = 0;
    // Running totals, so measuring a stretch costs one subtraction whatever its length.
    let mut prefix = Vec::with_capacity(glyphs.len() + 1);
    let mut total = 0.0f64;
    prefix.push(total);
    for g in &glyphs {
        total += f64::from(g.width);
        prefix.push(total);
    }
    let measure = |from: usize, to: usize| (prefix[to] - prefix[from]) as f32;
    let trimmed = |from: usize, to: usize| {
        let mut to = to;
        while to > from && glyphs[to - 1].c.is_whitespace() {
            to -= 1;
        }
        to
    };
    for end in ends {
        if end <= start {
            continue;
        }
        let word_end = trimmed(start, end);
        if line_end > line_start && measure(line_start, word_end) > max_width {
            lines.push((line_start, trimmed(line_start, line_end), false));
            line_start = start;
        }
        if measure(line_start, word_end) > max_width {
            // A word wider than a line: break it where it may be broken, with a visible
            // hyphen unless it breaks after punctuation.
            let hyphen = |g: &Glyph| advance(spans[g.span].face, HYPHEN);
            let points = break_points(&glyphs[line_start..word_end]);
            let mut from = line_start;
            loop {
                let fits = |to: usize, hyphenated: bool| {
                    let extra = if hyphenated {
                        hyphen(&glyphs[to - 1])
                    } else {
                        0.0
                    };
                    measure(from, to) + extra <= max_width
                };
                if measure(from, word_end) <= max_width {
                    break;
                }
                // The furthest allowed point that fits.
                let allowed = points
                    .iter()
                    .rev()
                    .map(|&(at, hyphenated)| (line_start + at, hyphenated))
                    .find(|&(at, hyphenated)| at > from && at < word_end && fits(at, hyphenated));
                let (to, hyphenated) = allowed.unwrap_or_else(|| {
                    // No allowed point fits: between characters, still with a hyphen.
                    let mut to = from + 1;
                    while to + 1 < word_end && fits(to + 1, true) {
                        to += 1;
                    }
                    (to, to < word_end)
                });
                lines.push((from, to, hyphenated));
                from = to;
            }
            line_start = from;
        }
        line_end = end;
        start = end;
    }
    if line_end > line_start {
        lines.push((line_start, trimmed(line_start, line_end), false));
    }

    lines
        .into_iter()
        .map(|(from, to, hyphenated)| {
            let mut line = Line {
                broken_at_space: glyphs.get(to).is_some_and(|g| g.c.is_whitespace()),
                ..Line::default()
            };
            let mut x = 0.0;
            for g in &glyphs[from..to] {
                let span = &spans[g.span];
                match line.frags.last_mut() {
                    Some(f) if f.face == span.face && f.link == span.link => {
                        f.text.push(g.c);
                        f.width += g.width;
                    }
                    _ => line.frags.push(Frag {
                        text: g.c.to_string(),
                        face: span.face,
                        link: span.link.clone(),
                        x,
                        width: g.width,
                    }),
                }
                x += g.width;
            }
            if hyphenated && let Some(f) = line.frags.last_mut() {
                let width = advance(f.face, HYPHEN);
                f.text.push(HYPHEN);
                f.width += width;
                x += width;
            }
            line.width = x;
            line
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Breaks with every character one unit wide; `expected` lists the lines joined by `|`.
    #[track_caller]
    fn check(input: &str, width: f32, expected: &str) {
        let lines = break_lines(&[Span::new(input, Face::Regular)], width, |_, _| 1.0);
        let got: Vec<String> = lines.iter().map(Line::text).collect();
        assert_eq!(got.join("|"), expected);
        for line in lines.iter().take(lines.len().saturating_sub(1)) {
            let spaced = input.contains(&format!("{} ", line.text()));
            assert_eq!(line.broken_at_space, spaced, "{line:?}");
        }
        for line in &lines {
            assert!(
                line.width <= width || line.text().trim_end_matches('-').chars().count() == 1,
                "{line:?} wider than {width}"
            );
        }
    }

    #[test]
    fn breaks_at_unicode_opportunities() {
        check("", 10.0, "");
        check("   ", 10.0, "");
        check("one two three", 20.0, "one two three");
        check("one two three", 7.0, "one two|three");
        check("one two three", 4.0, "one|two|thr-|ee");
        // Trailing spaces do not count: "one two" is exactly 7 wide.
        check("one two   three", 7.0, "one two|three");
        // Break after an en dash and a hyphen, not before.
        check(
            "Developing People – Improving Care",
            20.0,
            "Developing People –|Improving Care",
        );
        check("well-led services", 9.0, "well-led|services");
        // No break before closing punctuation or inside "1 – 3" before the dash.
        check("years’ time", 6.0, "years’|time");
        check("£5,000 total", 7.0, "£5,000|total");
    }

    #[test]
    fn long_words_and_urls_are_broken() {
        // Breaks after "/" are allowed, and inside a word too long for a line after "." too.
        check("https://nhs.uk/a/b", 10.0, "https://|nhs.uk/a/b");
        check(
            "https://www.england.nhs.uk/a/b",
            14.0,
            "https://|www.england.|nhs.uk/a/b",
        );
        // Words break between syllables by English patterns, with a visible hyphen.
        check("internationalisation", 10.0, "interna-|tionalisa-|tion");
        check("Developing", 6.0, "Devel-|oping");
        check("go abcdefghij now", 4.0, "go|abc-|de-|fgh-|ij|now");
        // Where no syllable break fits, between characters, still with a hyphen.
        check("0123456789", 4.0, "012-|345-|6789");
        // Characters wider than the line are set one a line, still hyphenated.
        check("ab", 0.5, "a-|b");
    }

    #[test]
    fn styles_become_positioned_fragments() {
        let spans = [
            Span::new("plain ", Face::Regular),
            Span::new("bold", Face::Bold),
            Span {
                text: " link".into(),
                face: Face::Regular,
                link: Some(Link {
                    url: "https://example.org".into(),
                    internal: false,
                    node: 1,
                }),
            },
        ];
        let lines = break_lines(
            &spans,
            100.0,
            |face, _| if face == Face::Bold { 2.0 } else { 1.0 },
        );
        assert_eq!(lines.len(), 1);
        let frags: Vec<(&str, f32, f32)> = lines[0]
            .frags
            .iter()
            .map(|f| (f.text.as_str(), f.x, f.width))
            .collect();
        assert_eq!(
            frags,
            [
                ("plain ", 0.0, 6.0),
                ("bold", 6.0, 8.0),
                (" link", 14.0, 5.0)
            ]
        );
        assert_eq!(lines[0].width, 19.0);
        assert!(!lines[0].broken_at_space);
    }

    #[test]
    fn real_advances_keep_lines_inside_the_measure() {
        let fonts = crate::fonts::fonts().unwrap();
        let text =
            "Ensure that the NHS workforce has the right numbers, skills, values and behaviours";
        let lines = break_lines(&[Span::new(text, Face::Regular)], 150.0, |f, c| {
            fonts.advance(f, c, 12.0)
        });
        assert!(lines.len() >= 3);
        assert!(lines.iter().all(|l| l.width <= 150.0));
        let rejoined: Vec<String> = lines.iter().map(Line::text).collect();
        assert_eq!(rejoined.join(" "), text);
    }
}
