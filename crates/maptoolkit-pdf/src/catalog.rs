//! Finishing the PDF: outline, document information, language, tagging and a content-derived id.
//!
//! printpdf's own bookmarks are flat and sorted by page and name, its `/Info` dates and `/ID` are
//! not ours to choose and it writes no `/Lang`, `/MarkInfo` or structure tree. So the `lopdf`
//! document printpdf produces is completed here: a nested outline in reading order, `/Info` from
//! the briefing's metadata with its creation time, `/Lang`, the structure tree, and a trailer
//! `/ID` that is a hash of the finished file, so the same input always gives the same bytes.

use lopdf::{Dictionary, Object, ObjectId, StringFormat};
use maptoolkit_briefing::{Metadata, Timestamp};

use crate::writer::{Drawn, Target};

/// A PDF text string: literal if plain ASCII, otherwise UTF-16BE with a byte order mark.
pub(crate) fn text_string(s: &str) -> Object {
    if s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        Object::string_literal(s)
    } else {
        let mut bytes = vec![0xFE, 0xFF];
        for unit in s.encode_utf16() {
            bytes.extend(unit.to_be_bytes());
        }
        Object::String(bytes, StringFormat::Hexadecimal)
    }
}

/// A PDF date string, `D:YYYYMMDDHHmmSSZ`.
pub(crate) fn pdf_date(t: Timestamp) -> String {
    let c = t.civil();
    format!(
        "D:{:04}{:02}{:02}{:02}{:02}{:02}Z",
        c.year, c.month, c.day, c.hour, c.minute, c.second
    )
}

/// 128-bit FNV-1a: small, dependency-free and stable across platforms and Rust versions.
pub(crate) fn fnv128(bytes: &[u8]) -> [u8; 16] {
    let mut h: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    for &b in bytes {
        h ^= u128::from(b);
        h = h.wrapping_mul(0x0000_0000_0100_0000_0000_0000_0000_013B);
    }
    h.to_be_bytes()
}

/// Completes the document and serialises it.
///
/// # Errors
/// A message if the document cannot be written.
pub(crate) fn finish(drawn: Drawn, meta: &Metadata) -> Result<Vec<u8>, String> {
    let Drawn {
        mut doc,
        headings,
        tree,
    } = drawn;
    doc.version = "1.7".to_string();
    let root = doc
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(|e| format!("printpdf wrote no catalog: {e}"))?;
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();

    // Annotations: printpdf writes them inline; tagging needs them as objects.
    let mut annots: Vec<Vec<ObjectId>> = Vec::with_capacity(pages.len());
    for &page in &pages {
        let inline = match doc.get_dictionary_mut(page) {
            Ok(d) => match d.get(b"Annots") {
                Ok(Object::Array(a)) => a.clone(),
                _ => Vec::new(),
            },
            Err(_) => Vec::new(),
        };
        let mut ids = Vec::with_capacity(inline.len());
        for annot in inline {
            if let Object::Dictionary(mut d) = annot {
                d.set("F", Object::Integer(4));
                // Links are shown by colour and underline, not by a box around them.
                d.set(
                    "Border",
                    Object::Array(vec![
                        Object::Integer(0),
                        Object::Integer(0),
                        Object::Integer(0),
                    ]),
                );
                d.set("P", Object::Reference(page));
                let description = match d.get(b"A").and_then(Object::as_dict) {
                    Ok(a) => match a.get(b"URI") {
                        Ok(Object::String(uri, _)) => String::from_utf8_lossy(uri).into_owned(),
                        _ => "Go to section".to_string(),
                    },
                    Err(_) => "Link".to_string(),
                };
                d.set("Contents", text_string(&description));
                ids.push(doc.add_object(d));
            }
        }
        if let Ok(d) = doc.get_dictionary_mut(page) {
            if ids.is_empty() {
                d.remove(b"Annots");
            } else {
                d.set(
                    "Annots",
                    Object::Array(ids.iter().map(|&id| Object::Reference(id)).collect()),
                );
            }
        }
        annots.push(ids);
    }

    let struct_root = tree.write(&mut doc, &pages, &annots);
    let outline = write_outline(&mut doc, &headings, &pages);

    let info = doc.add_object(Dictionary::from_iter(vec![
        ("Title", text_string(&meta.title)),
        ("Author", text_string(&meta.author)),
        ("Subject", text_string(&meta.subject)),
        ("Creator", text_string("maptoolkit")),
        ("Producer", text_string("maptoolkit-pdf with printpdf 0.12")),
        (
            "CreationDate",
            Object::string_literal(pdf_date(meta.created)),
        ),
        ("ModDate", Object::string_literal(pdf_date(meta.created))),
    ]));
    if let Ok(old) = doc.trailer.get(b"Info").and_then(Object::as_reference) {
        doc.objects.remove(&old);
    }
    doc.trailer.set("Info", Object::Reference(info));

    let language = if meta.language.trim().is_empty() {
        "en-GB"
    } else {
        meta.language.as_str()
    };
    let mut xmp = lopdf::Stream::new(
        Dictionary::from_iter(vec![
            ("Type", Object::Name(b"Metadata".to_vec())),
            ("Subtype", Object::Name(b"XML".to_vec())),
        ]),
        xmp(meta, language).into_bytes(),
    );
    // Left uncompressed so that tools which do not parse PDF can still find it.
    xmp.allows_compression = false;
    let metadata = doc.add_object(xmp);
    let catalog = doc
        .get_dictionary_mut(root)
        .map_err(|e| format!("printpdf wrote no catalog: {e}"))?;
    catalog.set("Lang", text_string(language));
    catalog.set("Metadata", Object::Reference(metadata));
    catalog.set(
        "MarkInfo",
        Dictionary::from_iter(vec![("Marked", Object::Boolean(true))]),
    );
    catalog.set("StructTreeRoot", Object::Reference(struct_root));
    catalog.set(
        "ViewerPreferences",
        Dictionary::from_iter(vec![("DisplayDocTitle", Object::Boolean(true))]),
    );
    if let Some(outline) = outline {
        catalog.set("Outlines", Object::Reference(outline));
        catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
    } else {
        catalog.set("PageMode", Object::Name(b"UseNone".to_vec()));
    }

    compress_streams(&mut doc);
    // Object streams (PDF 1.5) hold the many small structure-tree dictionaries compactly.
    let options = lopdf::SaveOptions::builder()
        .use_object_streams(true)
        .use_xref_streams(true)
        .compression_level(6)
        .build();
    // The /ID is a hash of the file written with a zero /ID, patched in place: both are 32 hex
    // digits, so no offset moves, and the file is written once.
    let zero = [0u8; 16];
    let s = Object::String(zero.to_vec(), StringFormat::Hexadecimal);
    doc.trailer.set("ID", Object::Array(vec![s.clone(), s]));
    let mut bytes = Vec::new();
    doc.save_with_options(&mut bytes, options)
        .map_err(|e| format!("writing the PDF failed: {e}"))?;
    let id = fnv128(&bytes);
    set_id(&mut bytes, id)?;
    Ok(bytes)
}

/// Compresses every content stream not yet compressed, in parallel and at a moderate level
/// (lopdf's own `compress` uses the slowest level, one stream after another).
fn compress_streams(doc: &mut lopdf::Document) {
    use rayon::prelude::*;
    use std::io::Write;
    let mut streams: Vec<&mut lopdf::Stream> = doc
        .objects
        .values_mut()
        .filter_map(|o| match o {
            Object::Stream(s) if s.allows_compression && s.dict.get(b"Filter").is_err() => Some(s),
            _ => None,
        })
        .collect();
    streams.par_iter_mut().for_each(|stream| {
        let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(6));
        let compressed = encoder
            .write_all(&stream.content)
            .and_then(|()| encoder.finish());
        if let Ok(compressed) = compressed
            && compressed.len() + 19 < stream.content.len()
        {
            stream.dict.set("Filter", "FlateDecode");
            stream.set_content(compressed);
        }
    });
}

/// Replaces the zero `/ID` of a written file with `id`, in both of its entries.
fn set_id(bytes: &mut [u8], id: [u8; 16]) -> Result<(), String> {
    let zero = b"<00000000000000000000000000000000>";
    let start = bytes
        .windows(3)
        .rposition(|w| w == b"/ID")
        .ok_or("the written PDF has no /ID")?;
    let hex: Vec<u8> = id
        .iter()
        .flat_map(|b| format!("{b:02x}").into_bytes())
        .collect();
    let mut at = start;
    for _ in 0..2 {
        let found = bytes[at..]
            .windows(zero.len())
            .position(|w| w == zero)
            .ok_or("the written PDF's /ID is not where it was written")?;
        at += found + 1;
        bytes[at..at + 32].copy_from_slice(&hex);
        at += 33;
    }
    Ok(())
}

/// The XMP metadata packet: the same facts as `/Info`, plus the language.
fn xmp(meta: &Metadata, language: &str) -> String {
    let esc = |s: &str| -> String {
        s.chars()
            .filter(|c| !c.is_control())
            .collect::<String>()
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
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{subject}</rdf:li></rdf:Alt></dc:description>
   <dc:language><rdf:Bag><rdf:li>{language}</rdf:li></rdf:Bag></dc:language>
   <xmp:CreateDate>{date}</xmp:CreateDate>
   <xmp:ModifyDate>{date}</xmp:ModifyDate>
   <xmp:MetadataDate>{date}</xmp:MetadataDate>
   <xmp:CreatorTool>maptoolkit</xmp:CreatorTool>
   <pdf:Producer>maptoolkit-pdf with printpdf 0.12</pdf:Producer>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"#,
        bom = '\u{FEFF}',
        title = esc(&meta.title),
        author = esc(&meta.author),
        subject = esc(&meta.subject),
        language = esc(language),
    )
}

/// Writes a nested outline, one entry per heading in reading order; returns the `/Outlines` id.
fn write_outline(
    doc: &mut lopdf::Document,
    headings: &[Target],
    pages: &[ObjectId],
) -> Option<ObjectId> {
    if headings.is_empty() {
        return None;
    }
    let root = doc.new_object_id();
    let ids: Vec<ObjectId> = headings.iter().map(|_| doc.new_object_id()).collect();
    // Parent of each entry: the nearest earlier entry of a lower level.
    let mut parent: Vec<Option<usize>> = Vec::with_capacity(headings.len());
    let mut stack: Vec<usize> = Vec::new();
    for (i, h) in headings.iter().enumerate() {
        while stack.last().is_some_and(|&s| headings[s].level >= h.level) {
            stack.pop();
        }
        parent.push(stack.last().copied());
        stack.push(i);
    }
    let children = |p: Option<usize>| -> Vec<usize> {
        (0..headings.len()).filter(|&i| parent[i] == p).collect()
    };
    let mut descendants = vec![0i64; headings.len()];
    for i in (0..headings.len()).rev() {
        if let Some(p) = parent[i] {
            descendants[p] += 1 + descendants[i];
        }
    }
    for (i, h) in headings.iter().enumerate() {
        let siblings = children(parent[i]);
        let pos = siblings.iter().position(|&s| s == i).unwrap_or(0);
        let mut d = Dictionary::from_iter(vec![
            ("Title", text_string(&h.text)),
            (
                "Parent",
                Object::Reference(parent[i].map_or(root, |p| ids[p])),
            ),
            (
                "Dest",
                Object::Array(vec![
                    Object::Reference(pages[h.page.min(pages.len() - 1)]),
                    Object::Name(b"XYZ".to_vec()),
                    Object::Integer(0),
                    Object::Real(h.top),
                    Object::Null,
                ]),
            ),
        ]);
        if pos > 0 {
            d.set("Prev", Object::Reference(ids[siblings[pos - 1]]));
        }
        if let Some(&next) = siblings.get(pos + 1) {
            d.set("Next", Object::Reference(ids[next]));
        }
        let kids = children(Some(i));
        if let (Some(&first), Some(&last)) = (kids.first(), kids.last()) {
            d.set("First", Object::Reference(ids[first]));
            d.set("Last", Object::Reference(ids[last]));
            d.set("Count", Object::Integer(descendants[i]));
        }
        doc.objects.insert(ids[i], Object::Dictionary(d));
    }
    let top = children(None);
    let mut d = Dictionary::from_iter(vec![
        ("Type", Object::Name(b"Outlines".to_vec())),
        ("Count", Object::Integer(headings.len() as i64)),
    ]);
    if let (Some(&first), Some(&last)) = (top.first(), top.last()) {
        d.set("First", Object::Reference(ids[first]));
        d.set("Last", Object::Reference(ids[last]));
    }
    doc.objects.insert(root, Object::Dictionary(d));
    Some(root)
}

#[cfg(test)]
mod id_tests {
    use super::set_id;

    #[test]
    fn id_is_patched_in_both_entries_without_moving_anything() {
        let zero = "<00000000000000000000000000000000>";
        let text = format!("stream {zero} endstream /ID[{zero}{zero}] startxref");
        let mut bytes = text.clone().into_bytes();
        set_id(&mut bytes, [0xab; 16]).unwrap();
        let ab = format!("<{}>", "ab".repeat(16));
        assert_eq!(
            String::from_utf8(bytes).unwrap(),
            format!("stream {zero} endstream /ID[{ab}{ab}] startxref")
        );
    }

    #[test]
    fn a_file_without_an_id_is_an_error() {
        assert!(set_id(&mut b"%PDF-1.7 no id".to_vec(), [1; 16]).is_err());
    }
}
