//! The package's small parts: content types, relationships, document properties, settings,
//! font table, theme, running header and footer.
//!
//! docx-rs writes the ones it writes as the schema wants and as we need them: the content types
//! (`ContentTypes`), the package relationships (`Rels`), the extended properties (`AppProps`)
//! and the font table (`FontTable`). The rest are ours: docx-rs's `core.xml` has no title,
//! subject or language, its document relationships always name comment and other parts we do
//! not write, its settings put `zoom` after `defaultTabStop`, and it writes no theme.

use docx_rs::{AppProps, BuildXML, ContentTypes, FontTable, Rels};
use maptoolkit_briefing::{HouseStyle, Timestamp};

use crate::body::rel;
use crate::look::{Kind, Look};
use crate::schema::{ParaProps, RunProps, write_settings};
use crate::xml::Xml;

/// The WordprocessingML namespace declarations of our story and settings parts.
const NAMESPACES: &str = concat!(
    "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" ",
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
);

const OFFICE_RELS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const WORD_ML: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml";

/// What `docProps/core.xml` says about a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CoreProperties {
    /// `dc:title`.
    pub title: String,
    /// `dc:subject`.
    pub subject: String,
    /// `dc:creator` and `cp:lastModifiedBy`.
    pub creator: String,
    /// `dc:language`, a BCP 47 tag such as `en-GB`.
    pub language: String,
    /// `dcterms:created` and `dcterms:modified`; also the zip entries' time.
    pub created: Timestamp,
}

/// The parts of the package after the document, by name, in the order they are written.
pub(crate) const WORD_PARTS: [&str; 7] = [
    "word/styles.xml",
    "word/numbering.xml",
    "word/settings.xml",
    "word/fontTable.xml",
    "word/theme/theme1.xml",
    "word/header1.xml",
    "word/footer1.xml",
];

/// `[Content_Types].xml`: every part we write, and no other; `charts` chart parts.
pub(crate) fn content_types(charts: usize) -> Vec<u8> {
    let types = [
        (
            "/docProps/core.xml",
            "application/vnd.openxmlformats-package.core-properties+xml".to_string(),
        ),
        (
            "/docProps/app.xml",
            "application/vnd.openxmlformats-officedocument.extended-properties+xml".to_string(),
        ),
        ("/word/document.xml", format!("{WORD_ML}.document.main+xml")),
        ("/word/styles.xml", format!("{WORD_ML}.styles+xml")),
        ("/word/numbering.xml", format!("{WORD_ML}.numbering+xml")),
        ("/word/settings.xml", format!("{WORD_ML}.settings+xml")),
        ("/word/fontTable.xml", format!("{WORD_ML}.fontTable+xml")),
        (
            "/word/theme/theme1.xml",
            "application/vnd.openxmlformats-officedocument.theme+xml".to_string(),
        ),
        ("/word/header1.xml", format!("{WORD_ML}.header+xml")),
        ("/word/footer1.xml", format!("{WORD_ML}.footer+xml")),
    ];
    let charts = (1..=charts).map(|n| {
        (
            format!("/word/{}", crate::chart::part_name(n)),
            crate::chart::CONTENT_TYPE.to_string(),
        )
    });
    types
        .into_iter()
        .map(|(part, kind)| (part.to_string(), kind))
        .chain(charts)
        .fold(ContentTypes::new(), |t, (part, kind)| {
            t.add_content(part, kind)
        })
        .build()
}

/// `_rels/.rels`: the document and its properties.
pub(crate) fn package_rels() -> Vec<u8> {
    Rels::new()
        .add_rel(
            "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
            "docProps/core.xml",
        )
        .add_rel(
            format!("{OFFICE_RELS}/extended-properties"),
            "docProps/app.xml",
        )
        .add_rel(format!("{OFFICE_RELS}/officeDocument"), "word/document.xml")
        .build()
}

/// `docProps/app.xml`.
pub(crate) fn app_properties() -> Vec<u8> {
    AppProps::new().build()
}

/// `word/fontTable.xml`.
pub(crate) fn font_table() -> Vec<u8> {
    FontTable::new().build()
}

/// `docProps/core.xml`.
pub(crate) fn core_xml(core: &CoreProperties) -> Vec<u8> {
    let when = core.created.to_rfc3339();
    let mut x = Xml::part();
    x.raw(concat!(
        "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" ",
        "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" ",
        "xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
    ));
    x.leaf("dc:title", &[], &core.title);
    x.leaf("dc:subject", &[], &core.subject);
    x.leaf("dc:creator", &[], &core.creator);
    x.leaf("cp:lastModifiedBy", &[], &core.creator);
    x.leaf("dc:language", &[], &core.language);
    x.leaf("cp:revision", &[], "1");
    x.leaf("dcterms:created", &[("xsi:type", "dcterms:W3CDTF")], &when);
    x.leaf("dcterms:modified", &[("xsi:type", "dcterms:W3CDTF")], &when);
    x.close("cp:coreProperties");
    x.buf
}

/// `word/_rels/document.xml.rels`: the parts in [`WORD_PARTS`], each hyperlink, then each of
/// `charts` chart parts.
pub(crate) fn document_rels(links: &[String], charts: usize) -> Vec<u8> {
    let mut x = Xml::part();
    x.raw("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">");
    let parts = [
        ("rIdStyles", "styles", "styles.xml"),
        ("rIdNumbering", "numbering", "numbering.xml"),
        ("rIdSettings", "settings", "settings.xml"),
        ("rIdFontTable", "fontTable", "fontTable.xml"),
        ("rIdTheme", "theme", "theme/theme1.xml"),
        (rel::HEADER, "header", "header1.xml"),
        (rel::FOOTER, "footer", "footer1.xml"),
    ];
    for (id, kind, target) in parts {
        let kind = format!("{OFFICE_RELS}/{kind}");
        x.empty(
            "Relationship",
            &[("Id", id), ("Type", &kind), ("Target", target)],
        );
    }
    let hyperlink = format!("{OFFICE_RELS}/hyperlink");
    for (n, url) in links.iter().enumerate() {
        x.empty(
            "Relationship",
            &[
                ("Id", &format!("rIdLink{}", n + 1)),
                ("Type", &hyperlink),
                ("Target", url),
                ("TargetMode", "External"),
            ],
        );
    }
    for n in 1..=charts {
        x.empty(
            "Relationship",
            &[
                ("Id", &crate::chart::rel_id(n)),
                ("Type", crate::chart::RELATIONSHIP),
                ("Target", &crate::chart::part_name(n)),
            ],
        );
    }
    x.close("Relationships");
    x.buf
}

/// `word/settings.xml`.
pub(crate) fn settings(language: &str) -> Vec<u8> {
    let mut x = Xml::part();
    x.raw(&format!("<w:settings {NAMESPACES}>"));
    write_settings(&mut x, language);
    x.raw("</w:settings>");
    x.buf
}

/// A header or footer paragraph of `kind`'s style holding the protective marking, in bold.
fn marking_paragraph(x: &mut Xml, kind: Kind, marking: &str) {
    x.raw("<w:p>");
    ParaProps {
        style: Some(kind.id()),
        ..ParaProps::default()
    }
    .write(x);
    x.raw("<w:r>");
    RunProps {
        bold: true,
        ..RunProps::default()
    }
    .write(x);
    x.raw("<w:t xml:space=\"preserve\">");
    x.text(marking);
    x.raw("</w:t></w:r></w:p>");
}

/// `word/header1.xml`: the protective marking, if any, then the organisation, over a rule.
pub(crate) fn header(organisation: &str, marking: Option<&str>) -> Vec<u8> {
    let mut x = Xml::part();
    x.raw(&format!("<w:hdr {NAMESPACES}>"));
    if let Some(marking) = marking {
        marking_paragraph(&mut x, Kind::Header, marking);
    }
    x.raw("<w:p>");
    ParaProps {
        style: Some(Kind::Header.id()),
        ..ParaProps::default()
    }
    .write(&mut x);
    x.raw("<w:r><w:t xml:space=\"preserve\">");
    x.text(organisation);
    x.raw("</w:t></w:r></w:p></w:hdr>");
    x.buf
}

/// `word/footer1.xml`: the protective marking, if any, then "Page X of Y", with `pages` as the
/// saved result of the page count.
pub(crate) fn footer(pages: u32, marking: Option<&str>) -> Vec<u8> {
    let mut x = Xml::part();
    x.raw(&format!("<w:ftr {NAMESPACES}>"));
    if let Some(marking) = marking {
        marking_paragraph(&mut x, Kind::Footer, marking);
    }
    x.raw("<w:p>");
    ParaProps {
        style: Some(Kind::Footer.id()),
        ..ParaProps::default()
    }
    .write(&mut x);
    let field = |x: &mut Xml, instruction: &str, result: &str| {
        x.raw("<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r>");
        x.leaf("w:instrText", &[("xml:space", "preserve")], instruction);
        x.raw("</w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r>");
        x.leaf("w:t", &[], result);
        x.raw("</w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>");
    };
    x.raw("<w:r><w:t xml:space=\"preserve\">Page </w:t></w:r>");
    field(&mut x, " PAGE ", "1");
    x.raw("<w:r><w:t xml:space=\"preserve\"> of </w:t></w:r>");
    field(&mut x, " NUMPAGES ", &pages.to_string());
    x.raw("</w:p></w:ftr>");
    x.buf
}

/// `word/theme/theme1.xml`: NHS colours and the theme's font, with the plain line, fill and
/// effect styles DrawingML requires (three of each).
pub(crate) fn office_theme(theme: &HouseStyle) -> Vec<u8> {
    let mut x = Xml::part();
    x.raw("<a:theme xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" name=\"Briefing\">");
    x.raw("<a:themeElements><a:clrScheme name=\"Briefing\">");
    x.raw("<a:dk1><a:sysClr val=\"windowText\" lastClr=\"000000\"/></a:dk1>");
    x.raw("<a:lt1><a:sysClr val=\"window\" lastClr=\"FFFFFF\"/></a:lt1>");
    let heading = theme.heading_colour.hex();
    let text = theme.text_colour.hex();
    let colours = [
        ("a:dk2", text.as_str()),
        ("a:lt2", crate::look::PALE),
        ("a:accent1", heading.as_str()),
        ("a:accent2", "003087"),
        ("a:accent3", "009639"),
        ("a:accent4", "ED8B00"),
        ("a:accent5", "330072"),
        ("a:accent6", "DA291C"),
        ("a:hlink", heading.as_str()),
        ("a:folHlink", "330072"),
    ];
    for (name, colour) in colours {
        x.open(name, &[]);
        x.empty("a:srgbClr", &[("val", colour)]);
        x.close(name);
    }
    x.raw("</a:clrScheme><a:fontScheme name=\"Briefing\">");
    for font in ["a:majorFont", "a:minorFont"] {
        x.open(font, &[]);
        x.empty("a:latin", &[("typeface", &theme.font_family)]);
        x.raw("<a:ea typeface=\"\"/><a:cs typeface=\"\"/>");
        x.close(font);
    }
    x.raw("</a:fontScheme><a:fmtScheme name=\"Briefing\">");
    let fill = "<a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill>";
    x.raw("<a:fillStyleLst>");
    (0..3).for_each(|_| x.raw(fill));
    x.raw("</a:fillStyleLst><a:lnStyleLst>");
    for w in ["6350", "12700", "19050"] {
        x.raw(&format!("<a:ln w=\"{w}\">{fill}</a:ln>"));
    }
    x.raw("</a:lnStyleLst><a:effectStyleLst>");
    (0..3).for_each(|_| x.raw("<a:effectStyle><a:effectLst/></a:effectStyle>"));
    x.raw("</a:effectStyleLst><a:bgFillStyleLst>");
    (0..3).for_each(|_| x.raw(fill));
    x.raw("</a:bgFillStyleLst></a:fmtScheme></a:themeElements>");
    x.raw("<a:objectDefaults/><a:extraClrSchemeLst/></a:theme>");
    x.buf
}

/// The content of each part of [`WORD_PARTS`], in order.
pub(crate) fn word_parts(
    theme: &HouseStyle,
    look: &Look,
    core: &CoreProperties,
    organisation: &str,
    marking: Option<&str>,
    numbered_lists: usize,
    pages: u32,
) -> [Vec<u8>; 7] {
    [
        crate::styles::styles_xml(theme, look, &core.language),
        crate::styles::numbering_xml(theme, numbered_lists),
        settings(&core.language),
        font_table(),
        office_theme(theme),
        header(organisation, marking),
        footer(pages, marking),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_properties_are_escaped_and_dated() {
        let core = CoreProperties {
            title: "Briefing <draft> & “notes”".into(),
            subject: "Drivers".into(),
            creator: "NHS Library \u{1}Service".into(),
            language: "en-GB".into(),
            created: Timestamp::from_unix_seconds(1_515_628_800),
        };
        let xml = String::from_utf8(core_xml(&core)).unwrap();
        assert!(xml.contains("<dc:title>Briefing &lt;draft&gt; &amp; “notes”</dc:title>"));
        assert!(xml.contains("<dc:creator>NHS Library \u{FFFD}Service</dc:creator>"));
        assert!(xml.contains(">2018-01-11T00:00:00Z</dcterms:created>"));
    }

    #[test]
    fn hyperlinks_are_external_and_numbered_in_order() {
        let rels = String::from_utf8(document_rels(
            &[
                "https://a.example/?a=1&b=2".into(),
                "mailto:x@example.org".into(),
            ],
            0,
        ))
        .unwrap();
        assert!(rels.contains(
            r#"Id="rIdLink1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://a.example/?a=1&amp;b=2" TargetMode="External""#
        ));
        assert!(rels.contains(r#"Id="rIdLink2""#));
    }
}
