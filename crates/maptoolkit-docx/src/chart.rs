//! Charts as native Word charts: a DrawingML chart part (`word/charts/chartN.xml`) per
//! [`Chart`], and the inline drawing in the body that shows it, with the chart's alternative
//! text in `wp:docPr/@descr`.
//!
//! The chart holds its numbers as literals (`c:strLit`, `c:numLit`), so no workbook is embedded:
//! Word and LibreOffice draw it from the part alone. Bars are horizontal, in the model's order top
//! to bottom, each with its value as a label, so the fill never carries meaning alone. Elements
//! are written in the order ECMA-376 Part 1 §21.2 gives their parents' sequences (quoted at each
//! function).

use maptoolkit_briefing::{Chart, HouseStyle};

use crate::look::TEXT_WIDTH;
use crate::xml::Xml;

/// The chart part's content type.
pub(crate) const CONTENT_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";
/// The relationship type from the document to a chart part.
pub(crate) const RELATIONSHIP: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart";

const CHART_NS: &str = "http://schemas.openxmlformats.org/drawingml/2006/chart";
const DRAWING_NS: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";
const WP_NS: &str = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";
const RELS_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// EMUs per twip (914,400 per inch, 1,440 twips per inch).
const EMU_PER_TWIP: u64 = 635;
/// EMUs per point.
const EMU_PER_PT: u64 = 12_700;

/// The chart's height in points: room for each bar's label (two lines where a long label wraps)
/// and a margin, but never more than most of a page (a drawing does not break across pages; Word
/// then draws the bars closer).
pub(crate) fn height_pt(chart: &Chart) -> f32 {
    (24.0 + 22.0 * chart.bars.len().max(1) as f32).min(MAX_HEIGHT_PT)
}

/// The tallest chart, in points: an A4 page's text height less room for the caption.
const MAX_HEIGHT_PT: f32 = 620.0;

/// The relationship id of the `n`-th chart (1-based).
pub(crate) fn rel_id(n: usize) -> String {
    format!("rIdChart{n}")
}

/// The part name of the `n`-th chart (1-based), below `word/`.
pub(crate) fn part_name(n: usize) -> String {
    format!("charts/chart{n}.xml")
}

/// Writes the run holding the inline drawing of the `n`-th chart (1-based).
///
/// `wp:inline` (§20.4.2.8): `extent`, `effectExtent`, `docPr`, `cNvGraphicFramePr`,
/// `a:graphic`.
pub(crate) fn drawing(x: &mut Xml, n: usize, chart: &Chart) {
    let cx = (u64::from(TEXT_WIDTH) * EMU_PER_TWIP).to_string();
    let cy = ((height_pt(chart) as u64) * EMU_PER_PT).to_string();
    let id = n.to_string();
    let name = format!("Chart {n}: {}", chart.title);
    x.raw("<w:r><w:drawing>");
    x.open(
        "wp:inline",
        &[
            ("xmlns:wp", WP_NS),
            ("distT", "0"),
            ("distB", "0"),
            ("distL", "0"),
            ("distR", "0"),
        ],
    );
    x.empty("wp:extent", &[("cx", &cx), ("cy", &cy)]);
    x.empty(
        "wp:effectExtent",
        &[("l", "0"), ("t", "0"), ("r", "0"), ("b", "0")],
    );
    x.empty(
        "wp:docPr",
        &[
            ("id", &id),
            ("name", &name),
            ("descr", &chart.description),
            ("title", &chart.title),
        ],
    );
    x.raw("<wp:cNvGraphicFramePr/>");
    x.open("a:graphic", &[("xmlns:a", DRAWING_NS)]);
    x.open("a:graphicData", &[("uri", CHART_NS)]);
    x.empty(
        "c:chart",
        &[
            ("xmlns:c", CHART_NS),
            ("xmlns:r", RELS_NS),
            ("r:id", &rel_id(n)),
        ],
    );
    x.close("a:graphicData");
    x.close("a:graphic");
    x.close("wp:inline");
    x.raw("</w:drawing></w:r>");
}

/// The chart part of `chart`.
///
/// `c:chartSpace` (§21.2.2.29): `date1904`, `lang`, `roundedCorners`, …, `chart`, `spPr`,
/// `txPr`. `c:chart` (§21.2.2.27): `title`, `autoTitleDeleted`, …, `plotArea`, `legend`,
/// `plotVisOnly`, `dispBlanksAs`.
pub(crate) fn chart_xml(chart: &Chart, theme: &HouseStyle) -> Vec<u8> {
    let mut x = Xml::part();
    x.open(
        "c:chartSpace",
        &[
            ("xmlns:c", CHART_NS),
            ("xmlns:a", DRAWING_NS),
            ("xmlns:r", RELS_NS),
        ],
    );
    x.dml("c:date1904", "0");
    x.dml("c:lang", "en-GB");
    x.dml("c:roundedCorners", "0");
    x.raw("<c:chart>");
    x.dml("c:autoTitleDeleted", "1");
    x.raw("<c:plotArea><c:layout/>");
    bar_chart(&mut x, chart, theme);
    axes(&mut x);
    x.raw("</c:plotArea>");
    x.dml("c:plotVisOnly", "1");
    x.dml("c:dispBlanksAs", "gap");
    x.raw("</c:chart>");
    // No fill or border round the chart: it sits on the page like the PDF's.
    x.raw("<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>");
    text_properties(&mut x, theme);
    x.close("c:chartSpace");
    x.buf
}

/// The axes' ids.
const CATEGORY_AXIS: &str = "50010";
const VALUE_AXIS: &str = "50020";

/// `c:barChart` (§21.2.2.16): `barDir`, `grouping`, `varyColors`, `ser`*, `dLbls`, `gapWidth`,
/// `overlap`, `serLines`*, `axId`{2}. One series; `c:ser` (§21.2.2.170): `idx`, `order`, `tx`,
/// `spPr`, `invertIfNegative`, `pictureOptions`, `dPt`*, `dLbls`, `trendline`*, `errBars`,
/// `cat`, `val`.
fn bar_chart(x: &mut Xml, chart: &Chart, theme: &HouseStyle) {
    let count = chart.bars.len().to_string();
    x.raw("<c:barChart>");
    x.dml("c:barDir", "bar");
    x.dml("c:grouping", "clustered");
    x.dml("c:varyColors", "0");
    x.raw("<c:ser>");
    x.dml("c:idx", "0");
    x.dml("c:order", "0");
    x.raw("<c:tx>");
    x.leaf("c:v", &[], &chart.title);
    x.raw("</c:tx>");
    solid_fill(x, &theme.heading_colour.hex());
    x.dml("c:invertIfNegative", "0");
    // `c:dPt` (§21.2.2.52): `idx`, `invertIfNegative`, `marker`, `bubble3D`, `explosion`,
    // `spPr`.
    for (i, bar) in chart.bars.iter().enumerate() {
        if let Some(colour) = bar.colour {
            x.raw("<c:dPt>");
            x.dml("c:idx", &i.to_string());
            x.dml("c:invertIfNegative", "0");
            x.dml("c:bubble3D", "0");
            solid_fill(x, &colour.hex());
            x.raw("</c:dPt>");
        }
    }
    // `c:dLbls` (§21.2.2.49): `numFmt`, `spPr`, `txPr`, `dLblPos`, `showLegendKey`, `showVal`,
    // `showCatName`, `showSerName`, `showPercent`, `showBubbleSize`.
    x.raw("<c:dLbls><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>");
    x.dml("c:dLblPos", "outEnd");
    for (flag, on) in [
        ("c:showLegendKey", "0"),
        ("c:showVal", "1"),
        ("c:showCatName", "0"),
        ("c:showSerName", "0"),
        ("c:showPercent", "0"),
        ("c:showBubbleSize", "0"),
    ] {
        x.dml(flag, on);
    }
    x.raw("</c:dLbls>");
    // `c:strLit` (§21.2.2.201) and `c:numLit` (§21.2.2.122): `formatCode` (numbers only),
    // `ptCount`, `pt`*; `c:pt`: `v`.
    x.raw("<c:cat><c:strLit>");
    x.dml("c:ptCount", &count);
    for (i, bar) in chart.bars.iter().enumerate() {
        x.open("c:pt", &[("idx", &i.to_string())]);
        x.leaf("c:v", &[], &bar.label);
        x.close("c:pt");
    }
    x.raw("</c:strLit></c:cat><c:val><c:numLit>");
    x.leaf("c:formatCode", &[], "General");
    x.dml("c:ptCount", &count);
    for (i, bar) in chart.bars.iter().enumerate() {
        x.open("c:pt", &[("idx", &i.to_string())]);
        x.leaf("c:v", &[], &bar.value.to_string());
        x.close("c:pt");
    }
    x.raw("</c:numLit></c:val></c:ser>");
    x.dml("c:gapWidth", "60");
    x.dml("c:axId", CATEGORY_AXIS);
    x.dml("c:axId", VALUE_AXIS);
    x.raw("</c:barChart>");
}

/// `c:catAx` (§21.2.2.25): `axId`, `scaling`, `delete`, `axPos`, …, `numFmt`, `majorTickMark`,
/// `minorTickMark`, `tickLblPos`, `spPr`, `txPr`, `crossAx`, `crosses`, `auto`, `lblAlgn`,
/// `lblOffset`, …, `noMultiLvlLbl`. `c:valAx` (§21.2.2.226): the same start, then `crossAx`,
/// `crosses`, `crossBetween`. `c:scaling` (§21.2.2.195): `logBase`, `orientation`, `max`,
/// `min`. Categories run top to bottom (`maxMin`), values from 0; the value axis is hidden, as
/// each bar is labelled with its value.
fn axes(x: &mut Xml) {
    x.raw("<c:catAx>");
    x.dml("c:axId", CATEGORY_AXIS);
    x.raw("<c:scaling>");
    x.dml("c:orientation", "maxMin");
    x.raw("</c:scaling>");
    x.dml("c:delete", "0");
    x.dml("c:axPos", "l");
    x.empty(
        "c:numFmt",
        &[("formatCode", "General"), ("sourceLinked", "0")],
    );
    x.dml("c:majorTickMark", "none");
    x.dml("c:minorTickMark", "none");
    x.dml("c:tickLblPos", "nextTo");
    x.raw("<c:spPr><a:ln w=\"9525\"><a:solidFill><a:srgbClr val=\"425563\"/></a:solidFill></a:ln></c:spPr>");
    x.dml("c:crossAx", VALUE_AXIS);
    x.dml("c:crosses", "autoZero");
    x.dml("c:auto", "1");
    x.dml("c:lblAlgn", "ctr");
    x.dml("c:lblOffset", "100");
    x.dml("c:noMultiLvlLbl", "0");
    x.raw("</c:catAx><c:valAx>");
    x.dml("c:axId", VALUE_AXIS);
    x.raw("<c:scaling>");
    x.dml("c:orientation", "minMax");
    x.dml("c:min", "0");
    x.raw("</c:scaling>");
    x.dml("c:delete", "1");
    x.dml("c:axPos", "t");
    x.empty(
        "c:numFmt",
        &[("formatCode", "General"), ("sourceLinked", "0")],
    );
    x.dml("c:majorTickMark", "none");
    x.dml("c:minorTickMark", "none");
    x.dml("c:tickLblPos", "nextTo");
    x.dml("c:crossAx", CATEGORY_AXIS);
    x.dml("c:crosses", "autoZero");
    x.dml("c:crossBetween", "between");
    x.raw("</c:valAx>");
}

/// `c:spPr` with a solid fill of `hex`.
fn solid_fill(x: &mut Xml, hex: &str) {
    x.raw("<c:spPr><a:solidFill>");
    x.empty("a:srgbClr", &[("val", hex)]);
    x.raw("</a:solidFill></c:spPr>");
}

/// `c:txPr`: the chart's text in the house font, 9 pt, in the text colour.
/// `a:defRPr` (§21.1.2.3.2): `ln`, fill, …, `latin`.
fn text_properties(x: &mut Xml, theme: &HouseStyle) {
    x.raw("<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr>");
    x.open("a:defRPr", &[("sz", "900")]);
    x.raw("<a:solidFill>");
    x.empty("a:srgbClr", &[("val", &theme.text_colour.hex())]);
    x.raw("</a:solidFill>");
    x.empty("a:latin", &[("typeface", &theme.font_family)]);
    x.close("a:defRPr");
    x.raw("</a:pPr><a:endParaRPr lang=\"en-GB\"/></a:p></c:txPr>");
}
