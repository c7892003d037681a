//! The schema's element order, in one place.
//!
//! WordprocessingML property elements are `xsd:sequence`s: Word refuses (or silently drops) a
//! child out of its place. Every property container we write is a struct here whose `write`
//! emits its children in the order ECMA-376 Part 1 gives, listed in each doc comment with its
//! clause, so a reader can check one against the other. Only the children we use are fields; an
//! unset field writes nothing. No other module writes these containers.

use crate::xml::Xml;

/// Run properties, `w:rPr`, §17.3.2.28 (`EG_RPrBase`): `rStyle`, `rFonts`, `b`, `bCs`, `i`,
/// `iCs`, … `color`, … `sz`, `szCs`, … `u`, … `lang`.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct RunProps<'a> {
    /// `w:rStyle`: a character style.
    pub style: Option<&'a str>,
    /// `w:rFonts`: one family for every script.
    pub font: Option<&'a str>,
    /// `w:b` and `w:bCs`.
    pub bold: bool,
    /// `w:i` and `w:iCs`.
    pub italic: bool,
    /// `w:color`, six hex digits.
    pub colour: Option<&'a str>,
    /// `w:sz` and `w:szCs`, in half-points.
    pub size: Option<u32>,
    /// `w:u w:val="single"`.
    pub underline: bool,
    /// `w:lang`: a BCP 47 tag for every script.
    pub lang: Option<&'a str>,
}

impl RunProps<'_> {
    /// Whether nothing is set (then nothing is written).
    pub(crate) fn is_empty(&self) -> bool {
        self.style.is_none()
            && self.font.is_none()
            && !self.bold
            && !self.italic
            && self.colour.is_none()
            && self.size.is_none()
            && !self.underline
            && self.lang.is_none()
    }

    /// Writes `<w:rPr>…</w:rPr>`, or nothing if nothing is set.
    pub(crate) fn write(&self, x: &mut Xml) {
        if self.is_empty() {
            return;
        }
        x.raw("<w:rPr>");
        if let Some(style) = self.style {
            x.val("w:rStyle", style);
        }
        if let Some(f) = self.font {
            x.empty(
                "w:rFonts",
                &[
                    ("w:ascii", f),
                    ("w:hAnsi", f),
                    ("w:eastAsia", f),
                    ("w:cs", f),
                ],
            );
        }
        if self.bold {
            x.raw("<w:b/><w:bCs/>");
        }
        if self.italic {
            x.raw("<w:i/><w:iCs/>");
        }
        if let Some(c) = self.colour {
            x.val("w:color", c);
        }
        if let Some(s) = self.size {
            x.num("w:sz", s);
            x.num("w:szCs", s);
        }
        if self.underline {
            x.val("w:u", "single");
        }
        if let Some(lang) = self.lang {
            x.empty(
                "w:lang",
                &[("w:val", lang), ("w:eastAsia", lang), ("w:bidi", lang)],
            );
        }
        x.raw("</w:rPr>");
    }
}

/// Paragraph spacing, `w:spacing`, in twentieths of a point; the line is "at least" `line`.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct Spacing {
    /// Space above.
    pub before: u32,
    /// Space below.
    pub after: u32,
    /// The minimum line pitch; 0 leaves Word's single spacing.
    pub line: u32,
}

/// A left indent with the first line hanging out by `hanging`, in twentieths of a point.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct Indent {
    /// Distance of the text from the left margin.
    pub left: u32,
    /// How far the first line starts to the left of the text.
    pub hanging: u32,
    /// Distance of the text from the right margin.
    pub right: u32,
}

/// A right-aligned tab stop with a dotted leader, at `pos` twentieths of a point.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct RightTab {
    /// Its position from the left margin.
    pub pos: u32,
}

/// A paragraph border below, `w:pBdr/w:bottom`: a single line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct BottomRule<'a> {
    /// Width in eighths of a point.
    pub size: u32,
    /// Space between text and line, in points.
    pub space: u32,
    /// Six hex digits.
    pub colour: &'a str,
}

/// Paragraph properties, `w:pPr`, §17.3.1.26 (`CT_PPrBase`, then `rPr`, `sectPr`): `pStyle`,
/// `keepNext`, `keepLines`, `pageBreakBefore`, `framePr`, `widowControl`, `numPr`, …, `pBdr`,
/// `shd`, `tabs`, …, `spacing`, `ind`, …, `jc`, …, `outlineLvl`, …, `rPr`, `sectPr`.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct ParaProps<'a> {
    /// `w:pStyle`.
    pub style: Option<&'a str>,
    /// `w:keepNext`: on the same page as the next paragraph.
    pub keep_next: bool,
    /// `w:keepLines`: never split across pages.
    pub keep_lines: bool,
    /// `w:pageBreakBefore`: starts a new page.
    pub page_break_before: bool,
    /// `w:widowControl`: `Some(true)` on, `Some(false)` written off.
    pub widow_control: Option<bool>,
    /// `w:numPr`: numbering instance and level (`ilvl` is written first, as §17.3.1.19 wants).
    pub numbering: Option<(usize, usize)>,
    /// `w:pBdr` with a bottom line.
    pub rule_below: Option<BottomRule<'a>>,
    /// `w:tabs`.
    pub tab: Option<RightTab>,
    /// `w:spacing`.
    pub spacing: Option<Spacing>,
    /// `w:ind`.
    pub indent: Option<Indent>,
    /// `w:jc`: `left`, `right`, `center`…
    pub justify: Option<&'a str>,
    /// `w:outlineLvl`: 0 for Heading 1.
    pub outline_level: Option<u8>,
    /// The paragraph mark's run properties.
    pub run: RunProps<'a>,
}

impl ParaProps<'_> {
    /// Writes `<w:pPr>…</w:pPr>`, or nothing if nothing is set.
    pub(crate) fn write(&self, x: &mut Xml) {
        let mut open = false;
        let mut start = |x: &mut Xml| {
            if !open {
                x.raw("<w:pPr>");
                open = true;
            }
        };
        if let Some(style) = self.style {
            start(x);
            x.val("w:pStyle", style);
        }
        if self.keep_next {
            start(x);
            x.raw("<w:keepNext/>");
        }
        if self.keep_lines {
            start(x);
            x.raw("<w:keepLines/>");
        }
        if self.page_break_before {
            start(x);
            x.raw("<w:pageBreakBefore/>");
        }
        if let Some(on) = self.widow_control {
            start(x);
            x.val("w:widowControl", if on { "1" } else { "0" });
        }
        if let Some((num, level)) = self.numbering {
            start(x);
            x.raw("<w:numPr>");
            x.num("w:ilvl", level);
            x.num("w:numId", num);
            x.raw("</w:numPr>");
        }
        if let Some(rule) = self.rule_below {
            start(x);
            x.raw("<w:pBdr>");
            x.empty(
                "w:bottom",
                &[
                    ("w:val", "single"),
                    ("w:sz", &rule.size.to_string()),
                    ("w:space", &rule.space.to_string()),
                    ("w:color", rule.colour),
                ],
            );
            x.raw("</w:pBdr>");
        }
        if let Some(tab) = self.tab {
            start(x);
            x.raw("<w:tabs>");
            x.empty(
                "w:tab",
                &[
                    ("w:val", "right"),
                    ("w:leader", "dot"),
                    ("w:pos", &tab.pos.to_string()),
                ],
            );
            x.raw("</w:tabs>");
        }
        if let Some(s) = self.spacing {
            start(x);
            let (before, after, line) = (
                s.before.to_string(),
                s.after.to_string(),
                s.line.to_string(),
            );
            if s.line > 0 {
                x.empty(
                    "w:spacing",
                    &[
                        ("w:before", &before),
                        ("w:after", &after),
                        ("w:line", &line),
                        ("w:lineRule", "atLeast"),
                    ],
                );
            } else {
                x.empty("w:spacing", &[("w:before", &before), ("w:after", &after)]);
            }
        }
        if let Some(ind) = self.indent {
            start(x);
            let (left, hanging, right) = (
                ind.left.to_string(),
                ind.hanging.to_string(),
                ind.right.to_string(),
            );
            let mut attributes = vec![("w:left", left.as_str())];
            if ind.right > 0 {
                attributes.push(("w:right", &right));
            }
            if ind.hanging > 0 {
                attributes.push(("w:hanging", &hanging));
            }
            x.empty("w:ind", &attributes);
        }
        if let Some(jc) = self.justify {
            start(x);
            x.val("w:jc", jc);
        }
        if let Some(level) = self.outline_level {
            start(x);
            x.num("w:outlineLvl", level);
        }
        if !self.run.is_empty() {
            start(x);
            self.run.write(x);
        }
        if open {
            x.raw("</w:pPr>");
        }
    }
}

/// Cell margins, `w:tblCellMar`, §17.4.42: `top`, `left`, `bottom`, `right` (twentieths of a point).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct CellMargins {
    /// Above and below the text.
    pub vertical: u32,
    /// Left and right of the text.
    pub horizontal: u32,
}

/// Table properties, `w:tblPr`, §17.4.60: `tblStyle`, …, `tblW`, `jc`, …, `tblInd`,
/// `tblBorders`, `shd`, `tblLayout`, `tblCellMar`, `tblLook`, `tblCaption`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TableProps<'a> {
    /// `w:tblW`, in twentieths of a point.
    pub width: u32,
    /// `w:tblBorders`: single lines of this colour outside and between every cell.
    pub border_colour: &'a str,
    /// `w:tblCellMar`.
    pub margins: CellMargins,
    /// `w:tblLook`: whether the first row, or the first column, is a header.
    pub header_row: bool,
    /// `w:tblCaption`: the table's name for assistive technology.
    pub caption: Option<&'a str>,
}

impl TableProps<'_> {
    /// Writes `<w:tblPr>…</w:tblPr>`.
    pub(crate) fn write(&self, x: &mut Xml) {
        x.raw("<w:tblPr>");
        x.empty(
            "w:tblW",
            &[("w:w", &self.width.to_string()), ("w:type", "dxa")],
        );
        x.raw("<w:tblBorders>");
        // §17.4.39: top, left (start), bottom, right (end), insideH, insideV.
        for side in [
            "w:top",
            "w:left",
            "w:bottom",
            "w:right",
            "w:insideH",
            "w:insideV",
        ] {
            x.empty(
                side,
                &[
                    ("w:val", "single"),
                    ("w:sz", "4"),
                    ("w:space", "0"),
                    ("w:color", self.border_colour),
                ],
            );
        }
        x.raw("</w:tblBorders>");
        x.empty("w:tblLayout", &[("w:type", "fixed")]);
        let (v, h) = (
            self.margins.vertical.to_string(),
            self.margins.horizontal.to_string(),
        );
        x.raw("<w:tblCellMar>");
        for (side, w) in [
            ("w:top", &v),
            ("w:left", &h),
            ("w:bottom", &v),
            ("w:right", &h),
        ] {
            x.empty(side, &[("w:w", w), ("w:type", "dxa")]);
        }
        x.raw("</w:tblCellMar>");
        let (first_row, first_column) = if self.header_row {
            ("1", "0")
        } else {
            ("0", "1")
        };
        x.empty(
            "w:tblLook",
            &[
                ("w:val", if self.header_row { "0420" } else { "0480" }),
                ("w:firstRow", first_row),
                ("w:lastRow", "0"),
                ("w:firstColumn", first_column),
                ("w:lastColumn", "0"),
                ("w:noHBand", "1"),
                ("w:noVBand", "1"),
            ],
        );
        if let Some(caption) = self.caption {
            x.val("w:tblCaption", caption);
        }
        x.raw("</w:tblPr>");
    }
}

/// The table grid, `w:tblGrid`, §17.4.49: one `w:gridCol w:w` per column.
pub(crate) fn write_grid(x: &mut Xml, widths: &[u32]) {
    x.raw("<w:tblGrid>");
    for w in widths {
        x.empty("w:gridCol", &[("w:w", &w.to_string())]);
    }
    x.raw("</w:tblGrid>");
}

/// Row properties, `w:trPr`, §17.4.82 (`CT_TrPrBase`, a choice in any order): `cantSplit`,
/// `tblHeader`.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct RowProps {
    /// `w:cantSplit`: the row is never split across pages.
    pub cant_split: bool,
    /// `w:tblHeader`: the row repeats at the top of each page.
    pub header: bool,
}

impl RowProps {
    /// Writes `<w:trPr>…</w:trPr>`, or nothing if nothing is set.
    pub(crate) fn write(&self, x: &mut Xml) {
        if !self.cant_split && !self.header {
            return;
        }
        x.raw("<w:trPr>");
        if self.cant_split {
            x.raw("<w:cantSplit/>");
        }
        if self.header {
            x.raw("<w:tblHeader/>");
        }
        x.raw("</w:trPr>");
    }
}

/// Cell properties, `w:tcPr`, §17.4.70: `cnfStyle`, `tcW`, `gridSpan`, `hMerge`, `vMerge`,
/// `tcBorders`, `shd`, …
#[derive(Debug, Clone, Copy)]
pub(crate) struct CellProps<'a> {
    /// `w:tcW`, in twentieths of a point.
    pub width: u32,
    /// `w:shd`: a fill of six hex digits.
    pub fill: Option<&'a str>,
}

impl CellProps<'_> {
    /// Writes `<w:tcPr>…</w:tcPr>`.
    pub(crate) fn write(&self, x: &mut Xml) {
        x.raw("<w:tcPr>");
        x.empty(
            "w:tcW",
            &[("w:w", &self.width.to_string()), ("w:type", "dxa")],
        );
        if let Some(fill) = self.fill {
            x.empty(
                "w:shd",
                &[("w:val", "clear"), ("w:color", "auto"), ("w:fill", fill)],
            );
        }
        x.raw("</w:tcPr>");
    }
}

/// Page geometry in twentieths of a point.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Page {
    /// Page width and height.
    pub width: u32,
    /// Page height.
    pub height: u32,
    /// Top and bottom margins.
    pub margin_y: u32,
    /// Left and right margins.
    pub margin_x: u32,
    /// From the page's top edge to the header, and its bottom edge to the footer.
    pub header: u32,
}

/// Section properties, `w:sectPr`, §17.6.17: `headerReference`/`footerReference` (up to six, in
/// any order), `footnotePr`, `endnotePr`, `type`, `pgSz`, `pgMar`, …, `pgNumType`, `cols`, …,
/// `titlePg`, `textDirection`, `bidi`, `rtlGutter`, `docGrid`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct SectionProps<'a> {
    /// `(type, relationship id)` of each header: `default`, `first`.
    pub headers: &'a [(&'a str, &'a str)],
    /// `(type, relationship id)` of each footer.
    pub footers: &'a [(&'a str, &'a str)],
    /// `w:pgSz` and `w:pgMar`.
    pub page: Page,
    /// `w:titlePg`: the first page has its own header and footer.
    pub title_page: bool,
}

impl SectionProps<'_> {
    /// Writes `<w:sectPr>…</w:sectPr>`.
    pub(crate) fn write(&self, x: &mut Xml) {
        x.raw("<w:sectPr>");
        for &(kind, id) in self.headers {
            x.empty("w:headerReference", &[("w:type", kind), ("r:id", id)]);
        }
        for &(kind, id) in self.footers {
            x.empty("w:footerReference", &[("w:type", kind), ("r:id", id)]);
        }
        let p = self.page;
        x.empty(
            "w:pgSz",
            &[
                ("w:w", &p.width.to_string()),
                ("w:h", &p.height.to_string()),
            ],
        );
        let (y, xm, h) = (
            p.margin_y.to_string(),
            p.margin_x.to_string(),
            p.header.to_string(),
        );
        // §17.6.11: top, right, bottom, left, header, footer, gutter (attributes: any order).
        x.empty(
            "w:pgMar",
            &[
                ("w:top", &y),
                ("w:right", &xm),
                ("w:bottom", &y),
                ("w:left", &xm),
                ("w:header", &h),
                ("w:footer", &h),
                ("w:gutter", "0"),
            ],
        );
        x.empty("w:cols", &[("w:space", "720")]);
        if self.title_page {
            x.raw("<w:titlePg/>");
        }
        x.raw("</w:sectPr>");
    }
}

/// A style, `w:style`, §17.7.4.17: `name`, `aliases`, `basedOn`, `next`, `link`, `autoRedefine`,
/// `hidden`, `uiPriority`, `semiHidden`, `unhideWhenUsed`, `qFormat`, …, `pPr`, `rPr`, `tblPr`,
/// `trPr`, `tcPr`, `tblStylePr`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct StyleDef<'a> {
    /// `w:type`: `paragraph` or `character`.
    pub kind: &'a str,
    /// `w:styleId`.
    pub id: &'a str,
    /// `w:name`.
    pub name: &'a str,
    /// `w:default`: the default style of its type.
    pub default: bool,
    /// `w:basedOn`.
    pub based_on: Option<&'a str>,
    /// `w:next`.
    pub next: Option<&'a str>,
    /// `w:uiPriority`.
    pub ui_priority: Option<u32>,
    /// `w:qFormat`: shown in the style gallery.
    pub q_format: bool,
    /// `w:pPr` (without run properties: a style's `CT_PPrGeneral` has none).
    pub para: ParaProps<'a>,
    /// `w:rPr`.
    pub run: RunProps<'a>,
}

impl StyleDef<'_> {
    /// Writes `<w:style>…</w:style>`.
    pub(crate) fn write(&self, x: &mut Xml) {
        let mut attributes = vec![("w:type", self.kind)];
        if self.default {
            attributes.push(("w:default", "1"));
        }
        attributes.push(("w:styleId", self.id));
        x.open("w:style", &attributes);
        x.val("w:name", self.name);
        if let Some(b) = self.based_on {
            x.val("w:basedOn", b);
        }
        if let Some(n) = self.next {
            x.val("w:next", n);
        }
        if let Some(p) = self.ui_priority {
            x.num("w:uiPriority", p);
        }
        if self.q_format {
            x.raw("<w:qFormat/>");
        }
        ParaProps {
            run: RunProps::default(),
            ..self.para
        }
        .write(x);
        self.run.write(x);
        x.close("w:style");
    }
}

/// A numbering level, `w:lvl`, §17.9.6: `start`, `numFmt`, `lvlRestart`, `pStyle`, `isLgl`,
/// `suff`, `lvlText`, `lvlPicBulletId`, `legacy`, `lvlJc`, `pPr`, `rPr`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LevelDef<'a> {
    /// `w:ilvl`, 0 to 8.
    pub level: usize,
    /// `w:numFmt`: `bullet` or `decimal`.
    pub format: &'a str,
    /// `w:lvlText`: the bullet, or `%1.`.
    pub text: &'a str,
    /// `w:pPr/w:ind`.
    pub indent: Indent,
    /// `w:rPr`: the marker's look.
    pub run: RunProps<'a>,
}

impl LevelDef<'_> {
    /// Writes `<w:lvl>…</w:lvl>`.
    pub(crate) fn write(&self, x: &mut Xml) {
        x.open("w:lvl", &[("w:ilvl", &self.level.to_string())]);
        x.val("w:start", "1");
        x.val("w:numFmt", self.format);
        x.val("w:lvlText", self.text);
        x.val("w:lvlJc", "left");
        ParaProps {
            indent: Some(self.indent),
            ..ParaProps::default()
        }
        .write(x);
        self.run.write(x);
        x.close("w:lvl");
    }
}

/// The settings part's children, §17.15.1.78: `zoom`, …, `defaultTabStop`, …,
/// `characterSpacingControl`, …, `compat`, …, `themeFontLang`, …, `decimalSymbol`,
/// `listSeparator`. No `updateFields`: the contents are saved complete, so Word need not ask to
/// update fields when the file opens.
pub(crate) fn write_settings(x: &mut Xml, language: &str) {
    x.empty("w:zoom", &[("w:percent", "100")]);
    x.val("w:defaultTabStop", "720");
    x.val("w:characterSpacingControl", "doNotCompress");
    x.raw("<w:compat>");
    x.empty(
        "w:compatSetting",
        &[
            ("w:name", "compatibilityMode"),
            ("w:uri", "http://schemas.microsoft.com/office/word"),
            ("w:val", "15"),
        ],
    );
    x.raw("</w:compat>");
    x.val("w:themeFontLang", language);
    x.val("w:decimalSymbol", ".");
    x.val("w:listSeparator", ",");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn xml(write: impl FnOnce(&mut Xml)) -> String {
        let mut x = Xml::default();
        write(&mut x);
        String::from_utf8(x.buf).unwrap()
    }

    /// Each of `order` occurs in `out` as `<w:…`, in that order.
    fn assert_in_order(out: &str, order: &[&str]) {
        let at: Vec<usize> = order
            .iter()
            .map(|e| {
                out.find(&format!("<w:{e}"))
                    .unwrap_or_else(|| panic!("{e}"))
            })
            .collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "{out}");
    }

    #[test]
    fn paragraph_properties_follow_the_schema_sequence() {
        let p = ParaProps {
            style: Some("ListParagraph"),
            keep_next: true,
            keep_lines: true,
            page_break_before: true,
            widow_control: Some(true),
            numbering: Some((10, 2)),
            tab: Some(RightTab { pos: 9638 }),
            spacing: Some(Spacing {
                before: 1,
                after: 2,
                line: 3,
            }),
            indent: Some(Indent {
                left: 720,
                hanging: 360,
                right: 0,
            }),
            justify: Some("right"),
            outline_level: Some(1),
            run: RunProps {
                bold: true,
                ..RunProps::default()
            },
            ..ParaProps::default()
        };
        let out = xml(|x| p.write(x));
        let order = [
            "pStyle",
            "keepNext",
            "keepLines",
            "pageBreakBefore",
            "widowControl",
            "numPr><w:ilvl",
            "numId",
            "tabs",
            "spacing",
            "ind",
            "jc",
            "outlineLvl",
            "rPr",
        ];
        assert_in_order(&out, &order);
        assert_eq!(xml(|x| ParaProps::default().write(x)), "");
    }

    #[test]
    fn run_properties_follow_the_schema_sequence() {
        let r = RunProps {
            style: Some("Strong"),
            font: Some("Arial"),
            bold: true,
            italic: true,
            colour: Some("005EB8"),
            size: Some(24),
            underline: true,
            lang: Some("en-GB"),
        };
        let out = xml(|x| r.write(x));
        let order = [
            "rStyle", "rFonts", "b/", "bCs", "i/", "iCs", "color", "sz ", "szCs", "u ", "lang",
        ];
        assert_in_order(&out, &order);
    }

    #[test]
    fn section_properties_put_references_before_the_page() {
        let s = SectionProps {
            headers: &[("default", "rId1"), ("first", "rId2")],
            footers: &[("default", "rId3"), ("first", "rId4")],
            page: Page {
                width: 11906,
                height: 16838,
                margin_y: 1417,
                margin_x: 1134,
                header: 567,
            },
            title_page: true,
        };
        let out = xml(|x| s.write(x));
        let order = [
            "headerReference",
            "footerReference",
            "pgSz",
            "pgMar",
            "cols",
            "titlePg",
        ];
        assert_in_order(&out, &order);
    }
}
