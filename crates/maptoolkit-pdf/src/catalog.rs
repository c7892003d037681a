//! The document-level objects: outline, document information, XMP metadata and the catalog.
//!
//! The outline nests headings by level in reading order; `/Info` and the XMP packet carry the
//! briefing's metadata with its creation time (never the clock); the catalog names the language,
//! marks the file as tagged and points at the structure tree.

use std::fmt::Write as _;
use std::io::{self, Write};

use maptoolkit_briefing::{Metadata, Timestamp};

use crate::content::Target;
use crate::syntax::{PdfFile, Ref, ascii_string, text_string};

/// A PDF date string, `D:YYYYMMDDHHmmSSZ`.
pub(crate) fn pdf_date(t: Timestamp) -> String {
    let c = t.civil();
    format!(
        "D:{:04}{:02}{:02}{:02}{:02}{:02}Z",
        c.year, c.month, c.day, c.hour, c.minute, c.second
    )
}

/// The language the document declares: the metadata's, or `en-GB` if it has none.
pub(crate) fn language(meta: &Metadata) -> &str {
    if meta.language.trim().is_empty() {
        "en-GB"
    } else {
        meta.language.as_str()
    }
}

/// `s` without what metadata must not carry: control characters (which the page text drops too)
/// and the non-characters U+FFFE and U+FFFF, which XML 1.0 (the XMP packet) cannot carry.
fn printable(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_control() && !matches!(c, '\u{FFFE}' | '\u{FFFF}'))
        .collect()
}

/// Writes `/Info` and returns its reference.
pub(crate) fn write_info<W: Write>(file: &mut PdfFile<W>, meta: &Metadata) -> io::Result<Ref> {
    let mut d = String::from("<<");
    for (key, value) in [
        ("Title", meta.title.as_str()),
        ("Author", meta.author.as_str()),
        ("Subject", meta.subject.as_str()),
        ("Creator", "maptoolkit"),
        ("Producer", PRODUCER),
    ] {
        let _ = write!(d, "/{key}");
        text_string(&mut d, &printable(value));
    }
    let date = pdf_date(meta.created);
    for key in ["CreationDate", "ModDate"] {
        let _ = write!(d, "/{key}");
        ascii_string(&mut d, date.as_bytes());
    }
    d.push_str(">>");
    let info = file.alloc();
    file.object(info, &d)?;
    Ok(info)
}

/// What the file says produced it.
const PRODUCER: &str = "maptoolkit-pdf (fonts subset with printpdf 0.12)";

/// The references the catalog points at.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CatalogParts {
    /// The page tree.
    pub pages: Ref,
    /// The structure tree root.
    pub struct_root: Ref,
    /// The outline, if the document has headings.
    pub outline: Option<Ref>,
}

/// Writes the XMP packet and the catalog; returns the catalog's reference.
pub(crate) fn write_catalog<W: Write>(
    file: &mut PdfFile<W>,
    meta: &Metadata,
    parts: CatalogParts,
) -> io::Result<Ref> {
    let lang = language(meta);
    let metadata = file.alloc();
    // Left uncompressed so that tools which do not parse PDF can still find it.
    file.stream(
        metadata,
        "/Type/Metadata/Subtype/XML",
        xmp(meta, lang).as_bytes(),
        false,
    )?;
    let mut d = format!(
        "<</Type/Catalog/Pages {}/Metadata {metadata}/MarkInfo<</Marked true>>\
         /StructTreeRoot {}/ViewerPreferences<</DisplayDocTitle true>>/Lang",
        parts.pages, parts.struct_root
    );
    text_string(&mut d, lang);
    match parts.outline {
        Some(outline) => {
            let _ = write!(d, "/Outlines {outline}/PageMode/UseOutlines");
        }
        None => d.push_str("/PageMode/UseNone"),
    }
    d.push_str(">>");
    let catalog = file.alloc();
    file.object(catalog, &d)?;
    Ok(catalog)
}

/// The XMP metadata packet: the same facts as `/Info`, plus the language and the PDF/UA-1
/// identification (ISO 14289-1 §5: `pdfuaid:part` 1).
fn xmp(meta: &Metadata, language: &str) -> String {
    let esc = |s: &str| -> String {
        printable(s)
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let date = meta.created.to_rfc3339();
    format!(
        r#"<?xpacket begin="{bom}" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
   <pdfuaid:part>1</pdfuaid:part>
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{subject}</rdf:li></rdf:Alt></dc:description>
   <dc:language><rdf:Bag><rdf:li>{language}</rdf:li></rdf:Bag></dc:language>
   <xmp:CreateDate>{date}</xmp:CreateDate>
   <xmp:ModifyDate>{date}</xmp:ModifyDate>
   <xmp:MetadataDate>{date}</xmp:MetadataDate>
   <xmp:CreatorTool>maptoolkit</xmp:CreatorTool>
   <pdf:Producer>{producer}</pdf:Producer>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"#,
        bom = '\u{FEFF}',
        title = esc(&meta.title),
        author = esc(&meta.author),
        subject = esc(&meta.subject),
        language = esc(language),
        producer = PRODUCER,
    )
}

/// Writes a nested outline, one entry per heading in reading order; returns the `/Outlines`
/// reference, or `None` if there are no headings.
pub(crate) fn write_outline<W: Write>(
    file: &mut PdfFile<W>,
    headings: &[Target],
    pages: &[Ref],
) -> io::Result<Option<Ref>> {
    if headings.is_empty() || pages.is_empty() {
        return Ok(None);
    }
    let root = file.alloc();
    let ids: Vec<Ref> = headings.iter().map(|_| file.alloc()).collect();
    // Parent of each entry: the nearest earlier entry of a lower level.
    let mut parent: Vec<Option<usize>> = Vec::with_capacity(headings.len());
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); headings.len()];
    let mut top: Vec<usize> = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    for (i, h) in headings.iter().enumerate() {
        while stack.last().is_some_and(|&s| headings[s].level >= h.level) {
            stack.pop();
        }
        let p = stack.last().copied();
        match p {
            Some(p) => children[p].push(i),
            None => top.push(i),
        }
        parent.push(p);
        stack.push(i);
    }
    let mut descendants = vec![0usize; headings.len()];
    for i in (0..headings.len()).rev() {
        if let Some(p) = parent[i] {
            descendants[p] += 1 + descendants[i];
        }
    }
    let link = |d: &mut String, list: &[usize]| {
        if let (Some(&first), Some(&last)) = (list.first(), list.last()) {
            let _ = write!(d, "/First {}/Last {}", ids[first], ids[last]);
        }
    };
    let mut d = String::new();
    for (i, h) in headings.iter().enumerate() {
        let siblings = parent[i].map_or(&top, |p| &children[p]);
        let pos = siblings.partition_point(|&s| s < i);
        d.clear();
        d.push_str("<</Title");
        text_string(&mut d, &printable(&h.text));
        let _ = write!(
            d,
            "/Parent {}/Dest[{} /XYZ 0 {} null]",
            parent[i].map_or(root, |p| ids[p]),
            pages[h.page.min(pages.len() - 1)],
            crate::syntax::Num(h.top)
        );
        if pos > 0 {
            let _ = write!(d, "/Prev {}", ids[siblings[pos - 1]]);
        }
        if let Some(&next) = siblings.get(pos + 1) {
            let _ = write!(d, "/Next {}", ids[next]);
        }
        if !children[i].is_empty() {
            link(&mut d, &children[i]);
            let _ = write!(d, "/Count {}", descendants[i]);
        }
        d.push_str(">>");
        file.object(ids[i], &d)?;
    }
    d.clear();
    let _ = write!(d, "<</Type/Outlines/Count {}", headings.len());
    link(&mut d, &top);
    d.push_str(">>");
    file.object(root, &d)?;
    Ok(Some(root))
}

#[cfg(test)]
mod tests {
    use maptoolkit_briefing::Timestamp;

    use super::*;

    #[test]
    fn xmp_leaves_out_what_xml_cannot_carry_and_escapes_the_rest() {
        let meta = Metadata {
            title: "Briefing <draft> & notes\u{7}\u{FFFF}\u{FFFE} – “Trust”".into(),
            subject: String::new(),
            author: "Library".into(),
            language: "en-GB".into(),
            as_of: "2018-01-11".into(),
            created: Timestamp::from_date(2018, 1, 11).unwrap(),
            marking: None,
        };
        let packet = xmp(&meta, "en-GB");
        assert!(packet.contains("<pdfuaid:part>1</pdfuaid:part>"));
        assert_eq!(printable(&meta.title), "Briefing <draft> & notes – “Trust”");
        assert!(packet.contains(
            "<rdf:li xml:lang=\"x-default\">Briefing &lt;draft&gt; &amp; notes – “Trust”</rdf:li>"
        ));
    }
}
