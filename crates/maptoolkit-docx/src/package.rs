//! Post-processing of the package docx-rs writes: the one place where we fix what it cannot do.
//!
//! docx-rs 0.4.22 writes an uncompressed zip whose bytes depend on more than the document:
//! relationship entries come out of a hash map in varying order, hyperlink relationship ids and
//! paragraph ids come from process-wide or per-thread counters, and zip entry times may be "now".
//! It also has no API for the title, creator or language of a document, nor for repeated table
//! header rows. [`repackage`] reads docx-rs's zip and writes a new one that is a pure function of
//! its input:
//!
//! * `docProps/core.xml` is written afresh from [`CoreProperties`] (title, subject, creator,
//!   language, created and modified in W3CDTF);
//! * `word/styles.xml` gets `w:lang` in the default run properties and our table styles (with
//!   header-row and first-column formatting, which docx-rs cannot express);
//! * in the story parts (document, headers, footers) hyperlink relationship ids are renumbered
//!   `rIdLink1`, `rIdLink2`… in reading order, `w14:paraId`/`w14:textId` are renumbered in reading
//!   order, a row marked `w:cantSplit` also gets `w:tblHeader`, and each table gets a `w:tblLook`;
//! * every `.rels` part is remapped accordingly and its relationships sorted by id;
//! * every XML part is checked to be well-formed and free of characters XML 1.0 forbids;
//! * the zip is written with `[Content_Types].xml` first, `_rels/.rels` second and every other
//!   entry sorted by name, deflate-compressed, with one fixed timestamp and fixed permissions.

use std::collections::BTreeMap;
use std::io::{Cursor, Read, Write};

use maptoolkit_briefing::Timestamp;
use quick_xml::Reader;
use quick_xml::Writer;
use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesStart, Event};
use zip::write::SimpleFileOptions;

use crate::render::style_id;
use crate::text::is_xml_char;

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

/// Why a package could not be rewritten.
#[derive(Debug, thiserror::Error)]
pub(crate) enum PackageError {
    /// Reading or writing the zip failed.
    #[error("zip: {0}")]
    Zip(#[from] zip::result::ZipError),
    /// Reading or writing bytes failed.
    #[error("i/o: {0}")]
    Io(#[from] std::io::Error),
    /// A part is not well-formed XML.
    #[error("{part}: {message}")]
    Xml {
        /// The part's name.
        part: String,
        /// What is wrong.
        message: String,
    },
}

/// The parts of a package by name; a `BTreeMap`, so iteration order is the names' order.
pub(crate) type Parts = BTreeMap<String, Vec<u8>>;

/// Rewrites the zip docx-rs wrote into a deterministic, complete package.
pub(crate) fn repackage(docx_zip: &[u8], core: &CoreProperties) -> Result<Vec<u8>, PackageError> {
    let mut parts = read_parts(docx_zip)?;
    fix_parts(&mut parts, core)?;
    for (name, bytes) in &parts {
        if is_xml_part(name) {
            check_xml(name, bytes)?;
        }
    }
    write_parts(&parts, core.created)
}

/// The file entries of a zip, by name (directories are left out: a package does not need them).
pub(crate) fn read_parts(zip_bytes: &[u8]) -> Result<Parts, PackageError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(zip_bytes))?;
    let mut parts = Parts::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i)?;
        if file.is_dir() {
            continue;
        }
        let mut bytes = Vec::with_capacity(usize::try_from(file.size()).unwrap_or(0));
        file.read_to_end(&mut bytes)?;
        parts.insert(file.name().to_string(), bytes);
    }
    Ok(parts)
}

/// Applies every fix to the parts in place.
pub(crate) fn fix_parts(parts: &mut Parts, core: &CoreProperties) -> Result<(), PackageError> {
    parts.insert("docProps/core.xml".into(), core_xml(core).into_bytes());

    if let Some(styles) = parts.get_mut("word/styles.xml") {
        *styles = fix_styles(styles, &core.language).map_err(|message| PackageError::Xml {
            part: "word/styles.xml".into(),
            message,
        })?;
    }

    // Story parts in a fixed order: the document first, then headers and footers by name.
    let mut stories: Vec<String> = parts.keys().filter(|n| is_story_part(n)).cloned().collect();
    stories.sort_by_key(|n| (n != "word/document.xml", n.clone()));
    let mut para_ids = 0u32;
    for name in stories {
        let mut links = IdMap::default();
        let fixed = fix_story(&parts[&name], &mut links, &mut para_ids).map_err(|message| {
            PackageError::Xml {
                part: name.clone(),
                message,
            }
        })?;
        parts.insert(name.clone(), fixed);
        let rels = rels_name(&name);
        if let Some(bytes) = parts.get(&rels) {
            let fixed = fix_rels(bytes, &links).map_err(|message| PackageError::Xml {
                part: rels.clone(),
                message,
            })?;
            parts.insert(rels, fixed);
        }
    }
    // Sort the remaining relationship parts too.
    let others: Vec<String> = parts
        .keys()
        .filter(|n| n.ends_with(".rels"))
        .cloned()
        .collect();
    for name in others {
        let fixed =
            fix_rels(&parts[&name], &IdMap::default()).map_err(|message| PackageError::Xml {
                part: name.clone(),
                message,
            })?;
        parts.insert(name, fixed);
    }
    Ok(())
}

/// Writes parts as a zip: fixed order, deflate, one timestamp, fixed permissions.
pub(crate) fn write_parts(parts: &Parts, time: Timestamp) -> Result<Vec<u8>, PackageError> {
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(6))
        .last_modified_time(zip_time(time))
        .unix_permissions(0o644);
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for name in entry_order(parts) {
        zip.start_file(name.as_str(), options)?;
        zip.write_all(&parts[name])?;
    }
    Ok(zip.finish()?.into_inner())
}

/// `[Content_Types].xml` first and `_rels/.rels` second (some readers sniff them), then by name.
fn entry_order(parts: &Parts) -> Vec<&String> {
    let mut names: Vec<&String> = parts.keys().collect();
    names.sort_by_key(|n| match n.as_str() {
        "[Content_Types].xml" => (0, n.as_str()),
        "_rels/.rels" => (1, n.as_str()),
        other => (2, other),
    });
    names
}

/// The zip time of a moment, clamped to what zip can store (1980 to 2107).
fn zip_time(t: Timestamp) -> zip::DateTime {
    let c = t.civil();
    let year = c.year.clamp(1980, 2107) as u16;
    zip::DateTime::from_date_and_time(year, c.month, c.day, c.hour, c.minute, c.second)
        .unwrap_or_default()
}

fn is_xml_part(name: &str) -> bool {
    name.ends_with(".xml") || name.ends_with(".rels")
}

fn is_story_part(name: &str) -> bool {
    name == "word/document.xml"
        || (name.starts_with("word/header") || name.starts_with("word/footer"))
            && name.ends_with(".xml")
            && !name[5..].contains('/')
}

/// `word/document.xml` → `word/_rels/document.xml.rels`.
fn rels_name(part: &str) -> String {
    match part.rsplit_once('/') {
        Some((dir, file)) => format!("{dir}/_rels/{file}.rels"),
        None => format!("_rels/{part}.rels"),
    }
}

/// Escapes text for XML content or a double-quoted attribute.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if is_xml_char(c) => out.push(c),
            _ => out.push(crate::text::REPLACEMENT),
        }
    }
    out
}

/// The core properties part.
pub(crate) fn core_xml(core: &CoreProperties) -> String {
    let when = core.created.to_rfc3339();
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            "\n",
            r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" "#,
            r#"xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" "#,
            r#"xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
            "<dc:title>{title}</dc:title>",
            "<dc:subject>{subject}</dc:subject>",
            "<dc:creator>{creator}</dc:creator>",
            "<cp:lastModifiedBy>{creator}</cp:lastModifiedBy>",
            "<dc:language>{language}</dc:language>",
            "<cp:revision>1</cp:revision>",
            r#"<dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created>"#,
            r#"<dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified>"#,
            "</cp:coreProperties>"
        ),
        title = escape(&core.title),
        subject = escape(&core.subject),
        creator = escape(&core.creator),
        language = escape(&core.language),
        when = when,
    )
}

/// Adds `w:lang` to the default run properties and our table styles to the styles part.
fn fix_styles(styles: &[u8], language: &str) -> Result<Vec<u8>, String> {
    let text = std::str::from_utf8(styles).map_err(|e| e.to_string())?;
    let lang = format!(
        r#"<w:lang w:val="{0}" w:eastAsia="{0}" w:bidi="ar-SA" />"#,
        escape(language)
    );
    // docx-rs writes `<w:rPrDefault><w:rPr>…</w:rPr>`; w:lang is the last child it may have
    // besides a few we do not use, so it goes just before the closing tag.
    let start = text
        .find("<w:rPrDefault>")
        .ok_or("no w:rPrDefault in styles")?;
    let close = text[start..]
        .find("</w:rPr>")
        .ok_or("no w:rPr in w:rPrDefault")?
        + start;
    let end = text.rfind("</w:styles>").ok_or("no </w:styles>")?;
    if end < close {
        return Err("unexpected styles layout".into());
    }
    let mut out = String::with_capacity(text.len() + 4096);
    out.push_str(&text[..close]);
    out.push_str(&lang);
    out.push_str(&text[close..end]);
    out.push_str(&table_style(style_id::DATA_TABLE, "Briefing Table", true));
    out.push_str(&table_style(
        style_id::KEY_VALUE_TABLE,
        "Key Value Table",
        false,
    ));
    out.push_str(&text[end..]);
    // docx-rs always writes an empty "Normal" style before ours; drop it when ours follows, and
    // mark ours as the default paragraph style.
    const EMPTY_NORMAL: &str = r#"<w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal" /><w:rPr /><w:pPr><w:rPr /></w:pPr><w:qFormat /></w:style>"#;
    const NORMAL: &str = r#"<w:style w:type="paragraph" w:styleId="Normal">"#;
    if out.matches(NORMAL).count() > 1 {
        out = out.replacen(EMPTY_NORMAL, "", 1);
    }
    out = out.replacen(
        NORMAL,
        r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal">"#,
        1,
    );
    Ok(out.into_bytes())
}

/// A table style: thin grey borders, cell padding, a bold shaded header row and a bold first column.
fn table_style(id: &str, name: &str, shaded_header: bool) -> String {
    let border = |side: &str| {
        format!(r#"<w:{side} w:val="single" w:sz="4" w:space="0" w:color="AEB7BD" />"#)
    };
    let borders: String = ["top", "left", "bottom", "right", "insideH", "insideV"]
        .iter()
        .map(|s| border(s))
        .collect();
    let header_shading = if shaded_header {
        r#"<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="E8EDEE" /></w:tcPr>"#
    } else {
        ""
    };
    format!(
        concat!(
            r#"<w:style w:type="table" w:styleId="{id}"><w:name w:val="{name}" />"#,
            r#"<w:uiPriority w:val="39" /><w:qFormat />"#,
            r#"<w:pPr><w:spacing w:before="0" w:after="0" /></w:pPr>"#,
            r#"<w:tblPr><w:tblBorders>{borders}</w:tblBorders>"#,
            r#"<w:tblCellMar><w:top w:w="57" w:type="dxa" /><w:left w:w="113" w:type="dxa" /><w:bottom w:w="57" w:type="dxa" /><w:right w:w="113" w:type="dxa" /></w:tblCellMar></w:tblPr>"#,
            r#"<w:tblStylePr w:type="firstRow"><w:rPr><w:b /></w:rPr>{header_shading}</w:tblStylePr>"#,
            r#"<w:tblStylePr w:type="firstCol"><w:rPr><w:b /></w:rPr></w:tblStylePr>"#,
            r#"</w:style>"#
        ),
        id = id,
        name = name,
        borders = borders,
        header_shading = header_shading,
    )
}

/// Old id → new id, in order of first use.
#[derive(Debug, Default)]
struct IdMap(Vec<(String, String)>);

impl IdMap {
    fn get(&self, old: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(o, _)| o == old)
            .map(|(_, n)| n.as_str())
    }

    fn link(&mut self, old: &str) -> String {
        if let Some(new) = self.get(old) {
            return new.to_string();
        }
        let new = format!("rIdLink{}", self.0.len() + 1);
        self.0.push((old.to_string(), new.clone()));
        new
    }
}

fn xml_err(e: impl std::fmt::Display) -> String {
    e.to_string()
}

/// Renumbers ids and adds the table markup docx-rs cannot write, in one pass over a story part.
fn fix_story(xml: &[u8], links: &mut IdMap, para_ids: &mut u32) -> Result<Vec<u8>, String> {
    let mut reader = Reader::from_reader(xml);
    reader.config_mut().trim_text(false);
    let mut writer = Writer::new(Vec::with_capacity(xml.len() + 1024));
    // The events of the `w:tblPr` being read, if one is open, and its nesting depth.
    let mut tbl_pr: Option<(Vec<Event<'static>>, usize)> = None;
    loop {
        let event = match reader.read_event().map_err(xml_err)? {
            Event::Eof => break,
            Event::Start(e) => Event::Start(fix_attributes(e, links, para_ids)?),
            Event::Empty(e) => Event::Empty(fix_attributes(e, links, para_ids)?),
            other => other.into_owned(),
        };
        if let Some((buffer, depth)) = tbl_pr.as_mut() {
            match &event {
                Event::Start(_) => *depth += 1,
                Event::End(_) => *depth -= 1,
                _ => {}
            }
            let done = *depth == 0;
            buffer.push(event);
            if done {
                let (buffer, _) = tbl_pr.take().unwrap_or_default();
                for e in table_properties(buffer) {
                    writer.write_event(e).map_err(xml_err)?;
                }
            }
            continue;
        }
        match &event {
            Event::Start(e) if e.name().as_ref() == b"w:tblPr" => {
                tbl_pr = Some((vec![event], 1));
                continue;
            }
            Event::Empty(e) if e.name().as_ref() == b"w:cantSplit" => {
                writer.write_event(event).map_err(xml_err)?;
                writer
                    .write_event(Event::Empty(BytesStart::new("w:tblHeader")))
                    .map_err(xml_err)?;
                continue;
            }
            _ => {}
        }
        writer.write_event(event).map_err(xml_err)?;
    }
    Ok(writer.into_inner())
}

/// Rewrites the events of one `w:tblPr`: `w:tblStyle` first (where the schema wants it, docx-rs
/// writes it late), docx-rs's direct `w:tblBorders` dropped so the table style's borders apply,
/// and a `w:tblLook` added that switches on the style's header-row or first-column formatting.
fn table_properties(events: Vec<Event<'static>>) -> Vec<Event<'static>> {
    let is = |e: &Event<'_>, name: &[u8]| match e {
        Event::Start(s) | Event::Empty(s) => s.name().as_ref() == name,
        Event::End(s) => s.name().as_ref() == name,
        _ => false,
    };
    let mut style = None;
    let mut rest = Vec::new();
    let mut skipping = 0usize;
    let mut has_look = false;
    let last = events.len().saturating_sub(1);
    for (i, event) in events.into_iter().enumerate() {
        if i == 0 || i == last {
            continue;
        }
        if skipping > 0 {
            match event {
                Event::Start(_) => skipping += 1,
                Event::End(_) => skipping -= 1,
                _ => {}
            }
            continue;
        }
        if is(&event, b"w:tblBorders") {
            if matches!(event, Event::Start(_)) {
                skipping = 1;
            }
            continue;
        }
        if is(&event, b"w:tblStyle") {
            if let Event::Empty(e) = &event {
                style = attr(e, b"w:val");
            }
            rest.insert(0, event);
            continue;
        }
        has_look |= is(&event, b"w:tblLook");
        rest.push(event);
    }
    let mut out = vec![Event::Start(BytesStart::new("w:tblPr"))];
    out.extend(rest);
    if !has_look {
        let key_value = style.as_deref() == Some(style_id::KEY_VALUE_TABLE);
        let mut look = BytesStart::new("w:tblLook");
        look.push_attribute(("w:val", if key_value { "0080" } else { "0420" }));
        look.push_attribute(("w:firstRow", if key_value { "0" } else { "1" }));
        look.push_attribute(("w:lastRow", "0"));
        look.push_attribute(("w:firstColumn", if key_value { "1" } else { "0" }));
        look.push_attribute(("w:lastColumn", "0"));
        look.push_attribute(("w:noHBand", "1"));
        look.push_attribute(("w:noVBand", "1"));
        out.push(Event::Empty(look));
    }
    out.push(Event::End(quick_xml::events::BytesEnd::new("w:tblPr")));
    out
}

/// The unescaped value of an attribute.
fn attr(e: &BytesStart<'_>, key: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == key)
        .and_then(|a| value(&a).ok())
}

/// The unescaped value of an attribute (UTF-8; we write and read nothing else).
fn value(a: &Attribute<'_>) -> Result<String, String> {
    let raw = std::str::from_utf8(&a.value).map_err(xml_err)?;
    Ok(quick_xml::escape::unescape(raw)
        .map_err(xml_err)?
        .into_owned())
}

fn fix_attributes(
    e: BytesStart<'_>,
    links: &mut IdMap,
    para_ids: &mut u32,
) -> Result<BytesStart<'static>, String> {
    let needs = e.attributes().flatten().any(|a| {
        matches!(a.key.as_ref(), b"w14:paraId" | b"w14:textId")
            || (a.key.as_ref() == b"r:id" && e.name().as_ref() == b"w:hyperlink")
    });
    if !needs {
        return Ok(e.into_owned());
    }
    let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
    let mut out = BytesStart::new(name.clone());
    let mut this_para: Option<u32> = None;
    for a in e.attributes() {
        let a = a.map_err(xml_err)?;
        let key = String::from_utf8_lossy(a.key.as_ref()).into_owned();
        match key.as_str() {
            "w14:paraId" | "w14:textId" => {
                let n = *this_para.get_or_insert_with(|| {
                    *para_ids += 1;
                    *para_ids
                });
                // Word wants values below 0x80000000; ours are small.
                out.push_attribute((key.as_str(), format!("{n:08X}").as_str()));
            }
            "r:id" if name == "w:hyperlink" => {
                let old = value(&a)?;
                out.push_attribute((key.as_str(), links.link(&old).as_str()));
            }
            _ => out.push_attribute(Attribute::from((a.key.as_ref(), a.value.as_ref()))),
        }
    }
    Ok(out)
}

/// Remaps relationship ids and sorts the relationships by id.
fn fix_rels(xml: &[u8], links: &IdMap) -> Result<Vec<u8>, String> {
    let mut reader = Reader::from_reader(xml);
    reader.config_mut().trim_text(true);
    let mut decl = None;
    let mut root: Option<BytesStart<'static>> = None;
    let mut rels: Vec<(String, BytesStart<'static>)> = Vec::new();
    loop {
        match reader.read_event().map_err(xml_err)? {
            Event::Eof => break,
            Event::Decl(d) => decl = Some(d.into_owned()),
            Event::Start(e) if e.name().as_ref() == b"Relationships" => {
                root = Some(e.into_owned());
            }
            Event::Empty(e) if e.name().as_ref() == b"Relationships" => {
                root = Some(e.into_owned());
            }
            Event::Empty(e) | Event::Start(e) if e.name().as_ref() == b"Relationship" => {
                let id = attr(&e, b"Id").ok_or("relationship without Id")?;
                let new_id = links.get(&id).unwrap_or(&id).to_string();
                let mut out = BytesStart::new("Relationship");
                for a in e.attributes() {
                    let a = a.map_err(xml_err)?;
                    if a.key.as_ref() == b"Id" {
                        out.push_attribute(("Id", new_id.as_str()));
                    } else {
                        out.push_attribute(Attribute::from((a.key.as_ref(), a.value.as_ref())));
                    }
                }
                rels.push((new_id, out));
            }
            _ => {}
        }
    }
    let root = root.ok_or("no Relationships element")?;
    rels.sort_by_key(|r| natural_key(&r.0));
    let mut writer = Writer::new(Vec::with_capacity(xml.len()));
    if let Some(d) = decl {
        writer.write_event(Event::Decl(d)).map_err(xml_err)?;
    }
    writer
        .write_event(Event::Start(root.borrow()))
        .map_err(xml_err)?;
    for (_, r) in rels {
        writer.write_event(Event::Empty(r)).map_err(xml_err)?;
    }
    writer
        .write_event(Event::End(root.to_end()))
        .map_err(xml_err)?;
    Ok(writer.into_inner())
}

/// Sorts `rId2` before `rId10`: the text without digits, then the number.
fn natural_key(id: &str) -> (String, u64, String) {
    let prefix: String = id.chars().take_while(|c| !c.is_ascii_digit()).collect();
    let digits: String = id[prefix.len()..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let n = digits.parse().unwrap_or(0);
    (prefix, n, id.to_string())
}

/// Checks that a part is well-formed XML holding only characters XML 1.0 allows.
pub(crate) fn check_xml(name: &str, bytes: &[u8]) -> Result<(), PackageError> {
    let err = |message: String| PackageError::Xml {
        part: name.to_string(),
        message,
    };
    let text = std::str::from_utf8(bytes).map_err(|e| err(e.to_string()))?;
    if let Some(c) = text.chars().find(|&c| !is_xml_char(c)) {
        return Err(err(format!(
            "character U+{:04X} is not allowed in XML",
            c as u32
        )));
    }
    let mut reader = Reader::from_reader(bytes);
    reader.config_mut().check_end_names = true;
    let mut depth = 0usize;
    let mut roots = 0usize;
    loop {
        match reader.read_event().map_err(|e| err(e.to_string()))? {
            Event::Eof => break,
            Event::Start(_) => {
                if depth == 0 {
                    roots += 1;
                }
                depth += 1;
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::Empty(_) if depth == 0 => roots += 1,
            Event::GeneralRef(r) => {
                let known = matches!(&*r, b"amp" | b"lt" | b"gt" | b"quot" | b"apos")
                    || r.starts_with(b"#");
                if !known {
                    return Err(err(format!(
                        "unknown entity &{};",
                        String::from_utf8_lossy(&r)
                    )));
                }
            }
            _ => {}
        }
    }
    if depth != 0 || roots != 1 {
        return Err(err(format!("{roots} root elements, {depth} left open")));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn core() -> CoreProperties {
        CoreProperties {
            title: "Briefing <draft> & “notes”".into(),
            subject: "Drivers".into(),
            creator: "NHS Library \u{1}Service".into(),
            language: "en-GB".into(),
            created: Timestamp::from_unix_seconds(1_515_628_800),
        }
    }

    #[test]
    fn core_properties_are_escaped_and_dated() {
        let xml = core_xml(&core());
        check_xml("core.xml", xml.as_bytes()).unwrap();
        assert!(xml.contains("<dc:title>Briefing &lt;draft&gt; &amp; “notes”</dc:title>"));
        assert!(xml.contains("<dc:creator>NHS Library \u{FFFD}Service</dc:creator>"));
        assert!(xml.contains("<dc:language>en-GB</dc:language>"));
        assert!(xml.contains(">2018-01-11T00:00:00Z</dcterms:created>"));
        assert!(xml.contains(">2018-01-11T00:00:00Z</dcterms:modified>"));
    }

    #[test]
    fn rels_are_renumbered_and_sorted() {
        let xml = br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="x"><Relationship Id="rIdHyperlink9" Type="h" Target="https://a.example/?a=1&amp;b=2" TargetMode="External" /><Relationship Id="rId10" Type="t" Target="b" /><Relationship Id="rId2" Type="t" Target="c" /><Relationship Id="rIdHyperlink3" Type="h" Target="d" /></Relationships>"#;
        let mut links = IdMap::default();
        assert_eq!(links.link("rIdHyperlink9"), "rIdLink1");
        assert_eq!(links.link("rIdHyperlink3"), "rIdLink2");
        assert_eq!(links.link("rIdHyperlink9"), "rIdLink1");
        let out = String::from_utf8(fix_rels(xml, &links).unwrap()).unwrap();
        let ids: Vec<&str> = out
            .split("Id=\"")
            .skip(1)
            .map(|s| s.split('"').next().unwrap())
            .collect();
        assert_eq!(ids, ["rId2", "rId10", "rIdLink1", "rIdLink2"]);
        assert!(out.contains(r#"Target="https://a.example/?a=1&amp;b=2""#));
        check_xml("x.rels", out.as_bytes()).unwrap();
    }

    #[test]
    fn stories_get_renumbered_ids_and_table_markup() {
        let xml = br#"<w:document><w:p w14:paraId="0000ABCD" w14:textId="0000ABCD"><w:hyperlink r:id="rIdHyperlink42" w:history="1"><w:r><w:t>a &lt;b&gt; &amp; c</w:t></w:r></w:hyperlink></w:p><w:tbl><w:tblPr><w:tblStyle w:val="KeyValueTable" /></w:tblPr><w:tr><w:trPr><w:cantSplit /></w:trPr></w:tr></w:tbl></w:document>"#;
        let mut links = IdMap::default();
        let mut para_ids = 0;
        let out = fix_story(xml, &mut links, &mut para_ids).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(
            out.contains(r#"<w:p w14:paraId="00000001" w14:textId="00000001">"#),
            "{out}"
        );
        assert!(out.contains(r#"r:id="rIdLink1""#), "{out}");
        assert!(out.contains("<w:t>a &lt;b&gt; &amp; c</w:t>"), "{out}");
        assert!(out.contains("<w:cantSplit /><w:tblHeader/>"), "{out}");
        assert!(out.contains(r#"w:firstColumn="1""#), "{out}");
        assert_eq!(links.get("rIdHyperlink42"), Some("rIdLink1"));
    }

    #[test]
    fn bad_xml_is_refused() {
        assert!(check_xml("a", b"<a><b></a>").is_err());
        assert!(check_xml("a", b"<a>\x01</a>").is_err());
        assert!(check_xml("a", b"<a>&nbsp;</a>").is_err());
        assert!(check_xml("a", b"<a/><b/>").is_err());
        check_xml("a", "<a>– ’ “ ” £ ŵ 🏥 &amp;</a>".as_bytes()).unwrap();
    }

    #[test]
    fn zip_is_ordered_and_timeless() {
        let mut parts = Parts::new();
        parts.insert("word/document.xml".into(), b"<w:document/>".to_vec());
        parts.insert("_rels/.rels".into(), b"<Relationships/>".to_vec());
        parts.insert("[Content_Types].xml".into(), b"<Types/>".to_vec());
        let t = Timestamp::from_unix_seconds(1_515_628_800);
        let a = write_parts(&parts, t).unwrap();
        assert_eq!(a, write_parts(&parts, t).unwrap());
        let mut archive = zip::ZipArchive::new(Cursor::new(&a)).unwrap();
        let names: Vec<String> = (0..archive.len())
            .map(|i| archive.by_index(i).unwrap().name().to_string())
            .collect();
        assert_eq!(
            names,
            ["[Content_Types].xml", "_rels/.rels", "word/document.xml"]
        );
        let file = archive.by_index(2).unwrap();
        assert_eq!(file.compression(), zip::CompressionMethod::Deflated);
        let time = file.last_modified().unwrap();
        assert_eq!((time.year(), time.month(), time.day()), (2018, 1, 11));
        assert_eq!(read_parts(&a).unwrap(), parts);
    }
}
