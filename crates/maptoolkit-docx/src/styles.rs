//! The styles part (`word/styles.xml`) and the numbering part (`word/numbering.xml`).
//!
//! Styles carry the look of [`crate::look`]: the defaults (font, size, `w:lang`), Normal, Title,
//! Heading 1–3 with outline levels (Word's navigation pane and contents use them), the contents'
//! entries, list, caption and table text, header and footer, and three character styles. Word's
//! built-in names are used so Word maps them onto its own. Numbering defines the bullets (•, ◦, ▪
//! in NHS Blue, as the PDF draws them) and the numbered lists, each of which restarts at 1.

use maptoolkit_briefing::HouseStyle;

use crate::look::{BULLET_INDENT, Kind, Look, MAX_LIST_INDENT, NUMBER_INDENT};
use crate::schema::{Indent, LevelDef, ParaProps, RunProps, StyleDef};
use crate::xml::Xml;

/// Word numbering has nine levels, 0 to 8; deeper items use the last one.
pub(crate) const MAX_LIST_LEVEL: usize = 8;
/// The numbering instance every bulleted list shares.
pub(crate) const BULLET_NUM: usize = 1;
/// The numbering instance of the first numbered list; each has its own, so each restarts at 1.
pub(crate) const FIRST_NUMBERED_NUM: usize = 2;

const MAIN: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

/// The styles part.
pub(crate) fn styles_xml(theme: &HouseStyle, look: &Look, language: &str) -> Vec<u8> {
    let heading = theme.heading_colour.hex();
    let text = theme.text_colour.hex();
    let font = theme.font_family.as_str();
    let mut x = Xml::part();
    x.raw(&format!("<w:styles {MAIN}>"));
    x.raw("<w:docDefaults><w:rPrDefault>");
    RunProps {
        font: Some(font),
        size: Some(look.para(Kind::Normal).size),
        lang: Some(language),
        ..RunProps::default()
    }
    .write(&mut x);
    x.raw("</w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"0\"/></w:pPr></w:pPrDefault>");
    x.raw("</w:docDefaults>");

    for kind in Kind::ALL {
        let p = look.para(kind);
        let (id, name) = kind.id_and_name();
        let colour = match kind {
            Kind::Header | Kind::Footer | Kind::Subtitle => crate::look::GREY,
            _ if p.heading_colour => heading.as_str(),
            _ => text.as_str(),
        };
        let outline_level = match kind {
            Kind::Heading(level) => Some(level.clamp(1, 3) - 1),
            _ => None,
        };
        let normal = kind == Kind::Normal;
        StyleDef {
            kind: "paragraph",
            id,
            name,
            default: normal,
            based_on: (!normal).then_some("Normal"),
            next: matches!(kind, Kind::Heading(_) | Kind::Title | Kind::Caption)
                .then_some("Normal"),
            ui_priority: Some(if normal { 0 } else { 9 }),
            q_format: true,
            para: ParaProps {
                keep_next: p.keep_next,
                keep_lines: p.keep_next,
                widow_control: normal.then_some(true),
                spacing: Some(p.spacing),
                indent: p.indent,
                justify: (kind == Kind::Footer).then_some("right"),
                outline_level,
                rule_below: (kind == Kind::Header).then_some(crate::schema::BottomRule {
                    size: 6,
                    space: 4,
                    colour: crate::look::RULE,
                }),
                tab: matches!(kind, Kind::Toc(_)).then_some(crate::schema::RightTab {
                    pos: crate::look::TEXT_WIDTH,
                }),
                ..ParaProps::default()
            },
            run: RunProps {
                bold: p.bold,
                colour: Some(colour),
                size: Some(p.size),
                ..RunProps::default()
            },
        }
        .write(&mut x);
    }
    let character = |id: &'static str, run: RunProps<'static>| StyleDef {
        kind: "character",
        id,
        name: id,
        default: false,
        based_on: Some("DefaultParagraphFont"),
        next: None,
        ui_priority: Some(22),
        q_format: true,
        para: ParaProps::default(),
        run,
    };
    StyleDef {
        name: "Default Paragraph Font",
        default: true,
        based_on: None,
        ui_priority: Some(1),
        ..character("DefaultParagraphFont", RunProps::default())
    }
    .write(&mut x);
    character(
        "Strong",
        RunProps {
            bold: true,
            ..RunProps::default()
        },
    )
    .write(&mut x);
    character(
        "Emphasis",
        RunProps {
            italic: true,
            ..RunProps::default()
        },
    )
    .write(&mut x);
    StyleDef {
        run: RunProps {
            colour: Some(&heading),
            underline: true,
            ..RunProps::default()
        },
        ..character("Hyperlink", RunProps::default())
    }
    .write(&mut x);
    x.raw("</w:styles>");
    x.buf
}

/// The numbering part: bullets, and `numbered_lists` numbered lists.
pub(crate) fn numbering_xml(theme: &HouseStyle, numbered_lists: usize) -> Vec<u8> {
    const BULLETS: [&str; 3] = ["\u{2022}", "\u{25E6}", "\u{25AA}"];
    let blue = theme.heading_colour.hex();
    let mut x = Xml::part();
    x.raw(&format!("<w:numbering {MAIN}>"));
    // §17.9.1: abstractNum (nsid, multiLevelType, …, lvl), then num.
    for (abstract_id, numbered) in [(0, false), (1, true)] {
        x.open(
            "w:abstractNum",
            &[("w:abstractNumId", &abstract_id.to_string())],
        );
        x.val("w:multiLevelType", "hybridMultilevel");
        for level in 0..=MAX_LIST_LEVEL {
            let first = if numbered {
                NUMBER_INDENT
            } else {
                BULLET_INDENT
            };
            let hanging = if numbered && level == 0 {
                NUMBER_INDENT
            } else {
                BULLET_INDENT
            };
            let left = (first + BULLET_INDENT * level as u32).min(MAX_LIST_INDENT);
            let bullet = !(numbered && level == 0);
            LevelDef {
                level,
                format: if bullet { "bullet" } else { "decimal" },
                text: if bullet {
                    BULLETS[level % BULLETS.len()]
                } else {
                    "%1."
                },
                indent: Indent {
                    left,
                    hanging,
                    right: 0,
                },
                run: RunProps {
                    colour: bullet.then_some(blue.as_str()),
                    ..RunProps::default()
                },
            }
            .write(&mut x);
        }
        x.close("w:abstractNum");
    }
    x.raw("<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>");
    for n in 0..numbered_lists {
        x.open(
            "w:num",
            &[("w:numId", &(FIRST_NUMBERED_NUM + n).to_string())],
        );
        x.raw("<w:abstractNumId w:val=\"1\"/>");
        x.raw("<w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"1\"/></w:lvlOverride>");
        x.close("w:num");
    }
    x.raw("</w:numbering>");
    x.buf
}
