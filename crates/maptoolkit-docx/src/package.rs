//! Writing the package: the one place where we fix what docx-rs cannot do.
//!
//! docx-rs 0.4.22 writes the XML of every element we use, but not a package we can ship as it
//! is: hyperlink relationship ids and paragraph ids come from process-wide or per-thread counters,
//! relationship entries come out of a hash map in varying order, zip entry times may be "now", and
//! it has no API for the title, creator or language of a document, nor for repeated table header
//! rows. It also holds the whole element tree and every part in memory before it zips them.
//!
//! So the body is never handed to docx-rs as a whole. [`Body`] streams `word/document.xml`: the
//! renderer gives it one paragraph or one table row at a time, each is written into batches
//! from docx-rs's XML for its shape ([`Cache`], see [`crate::cache`]) or serialised by docx-rs
//! ([`BuildXML`]), fixed and checked with a [`StoryFixer`] in a single pass over its bytes,
//! and deflated by a worker thread straight into a zip entry; only the compressed part is kept.
//! Everything else (styles, numbering, settings, header, footer, relationships, content types)
//! is small: docx-rs packs it from a body-less [`Docx`], and
//! [`write()`] reads those parts back, fixes them and writes the final zip with the streamed
//! document in its place. Between them:
//!
//! * `docProps/core.xml` is written afresh from [`CoreProperties`] (title, subject, creator,
//!   language, created and modified in W3CDTF);
//! * `word/styles.xml` gets `w:lang` in the default run properties and our table styles (with
//!   header-row and first-column formatting, which docx-rs cannot express);
//! * in the story parts (document, then footers and headers by name) hyperlink relationship ids
//!   are renumbered `rIdLink1`, `rIdLink2`… in reading order, `w14:paraId`/`w14:textId` are
//!   renumbered in reading order, a row marked `w:cantSplit` also gets `w:tblHeader`, and each
//!   table gets a `w:tblLook` (see [`StoryFixer`]);
//! * the document's hyperlink relationships are made from those numbers and the targets of the
//!   streamed elements, and every `.rels` part is remapped accordingly and sorted by id;
//! * every XML part is checked to be well-formed and free of characters XML 1.0 forbids — the
//!   story parts by the same pass that fixes them, the small parts by [`check_xml`];
//! * the zip is written with `[Content_Types].xml` first, `_rels/.rels` second and every other
//!   entry sorted by name, deflate-compressed, with one fixed timestamp and fixed permissions.
//!
//! Streamed elements skip `Docx::add_paragraph` and docx-rs's package preparation, which note
//! whether numbering is used and gather hyperlink relationships (both done by [`Body`] instead),
//! comments, footnotes and images (which we never write: the fixer refuses them rather than
//! write a package that points nowhere).

use std::collections::BTreeMap;
use std::io::{Cursor, Read, Seek, Write};

use docx_rs::{
    BuildXML, Docx, HyperlinkData, Paragraph, ParagraphChild, Table, TableCellContent, TableRow,
    TableRowChild,
};

use crate::cache::{Cache, Links, Para, Row};
use maptoolkit_briefing::Timestamp;
use quick_xml::Reader;
use quick_xml::Writer;
use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesStart, Event};
use zip::write::SimpleFileOptions;

use crate::render::style_id;
use crate::text::is_xml_char;

/// The main story part, the one [`Body`] streams.
const DOCUMENT: &str = "word/document.xml";

/// How much serialised XML [`Body`] gathers before handing a batch to its worker.
const CHUNK: usize = 64 * 1024;

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

/// Why a package could not be written.
#[derive(Debug, thiserror::Error)]
pub(crate) enum PackageError {
    /// Reading or writing the zip failed.
    #[error("zip: {0}")]
    Zip(#[from] zip::result::ZipError),
    /// Reading or writing bytes failed.
    #[error("i/o: {0}")]
    Io(#[from] std::io::Error),
    /// A part is not well-formed XML, or not what we expect from docx-rs.
    #[error("{part}: {message}")]
    Xml {
        /// The part's name.
        part: String,
        /// What is wrong.
        message: String,
    },
}

impl PackageError {
    fn xml(part: &str, message: impl Into<String>) -> PackageError {
        PackageError::Xml {
            part: part.to_string(),
            message: message.into(),
        }
    }
}

/// The parts of a package by name; a `BTreeMap`, so iteration order is the names' order.
pub(crate) type Parts = BTreeMap<String, Vec<u8>>;

/// The deflate level of every entry. Against zlib's usual 6, level 5 takes about a seventh less
/// of Word export's time and makes a 1,000-driver briefing 2% bigger (1.04 MB against 1.02 MB).
const DEFLATE_LEVEL: i64 = 5;

/// The options of every entry: deflate, one timestamp, fixed permissions.
fn entry_options(time: Timestamp) -> SimpleFileOptions {
    SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(DEFLATE_LEVEL))
        .last_modified_time(zip_time(time))
        .unix_permissions(0o644)
}

/// Streams `word/document.xml`, one block-level element at a time, into a deflated zip entry.
///
/// Made from docx-rs's XML for a document with an empty body: what comes before the body's
/// content is written at once, what comes after it (the section properties and closing tags)
/// by [`Body::finish`]. In between, [`Body::paragraph`] and [`Body::table`] write elements in
/// reading order; a table's rows are taken from an iterator, one at a time, so a register of
/// ten thousand rows never exists as a docx-rs tree.
///
/// The work is split over two threads: the caller's writes elements (from the [`Cache`], or
/// serialised by docx-rs) into batches of about [`CHUNK`] bytes and fixes and checks each batch
/// with a [`StoryFixer`]; a worker deflates them. (Deflating is the larger half, now that the
/// cache makes writing elements cheap.) Batches pass through a short queue in order, so the output
/// does not depend on timing, and at most a few batches are held at once.
pub(crate) struct Body<'scope> {
    /// XML serialised but not yet sent to the worker.
    batch: Vec<u8>,
    to_worker: Option<std::sync::mpsc::SyncSender<Vec<u8>>>,
    /// Emptied batches coming back for reuse.
    spare: std::sync::mpsc::Receiver<Vec<u8>>,
    /// Deflates fixed batches into a zip holding only this part.
    worker: Option<std::thread::ScopedJoinHandle<'scope, Result<Vec<u8>, PackageError>>>,
    /// Fixes and checks each batch before it is sent.
    fixer: StoryFixer,
    /// docx-rs's XML for the empty document, and where the body's content goes in it.
    skeleton: Vec<u8>,
    content_at: usize,
    /// Templates of the element shapes written so far; `None` when every element is to be
    /// serialised by docx-rs (the tests' reference path, or docx-rs XML the cache cannot cut).
    cache: Option<Cache>,
    /// Hyperlink targets by relationship id (the cache's or docx-rs's), from the elements written.
    links: Links,
    /// Whether an element written uses numbering (so the package must relate it).
    has_numbering: bool,
}

/// What [`Body::finish`] hands to [`write()`].
pub(crate) struct StreamedBody {
    /// A zip holding only the deflated `word/document.xml`.
    zip: Vec<u8>,
    /// docx-rs's XML for the empty document the body was streamed into.
    skeleton: Vec<u8>,
    /// The document's hyperlink relationships in reading order: our id and the target.
    links: Vec<(String, String)>,
    /// The last paragraph id used; headers and footers continue from here.
    para_ids: u32,
    /// Whether the body uses numbering.
    has_numbering: bool,
}

impl<'scope> Body<'scope> {
    /// Starts streaming the body into `skeleton`, docx-rs's XML for the document with an empty
    /// body (`Docx::document`'s `build()`); the worker thread is spawned in `scope`. With
    /// `cached`, elements are written from a [`Cache`] of docx-rs's XML per shape; without, each
    /// is built and serialised by docx-rs, as the cache is checked against.
    ///
    /// # Errors
    /// [`PackageError::Xml`] if the skeleton has no `<w:body>`.
    pub(crate) fn new<'env>(
        scope: &'scope std::thread::Scope<'scope, 'env>,
        skeleton: Vec<u8>,
        time: Timestamp,
        cached: bool,
    ) -> Result<Body<'scope>, PackageError> {
        const OPEN: &[u8] = b"<w:body>";
        let content_at = find(&skeleton, OPEN)
            .map(|i| i + OPEN.len())
            .ok_or_else(|| PackageError::xml(DOCUMENT, "no <w:body> in docx-rs's document"))?;
        let (to_worker, from_body) = std::sync::mpsc::sync_channel::<Vec<u8>>(4);
        let (to_body, spare) = std::sync::mpsc::channel();
        let worker = scope.spawn(move || -> Result<Vec<u8>, PackageError> {
            let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
            zip.start_file(DOCUMENT, entry_options(time))?;
            for mut fixed in from_body {
                zip.write_all(&fixed)?;
                fixed.clear();
                // The body may have finished and stopped taking buffers back.
                let _ = to_body.send(fixed);
            }
            Ok(zip.finish()?.into_inner())
        });
        let mut batch = Vec::with_capacity(2 * CHUNK);
        batch.extend_from_slice(&skeleton[..content_at]);
        Ok(Body {
            batch,
            to_worker: Some(to_worker),
            spare,
            worker: Some(worker),
            fixer: StoryFixer::new(DOCUMENT, 0),
            skeleton,
            content_at,
            cache: if cached { Cache::new() } else { None },
            links: Links::default(),
            has_numbering: false,
        })
    }

    /// Writes one paragraph of the body.
    ///
    /// # Errors
    /// [`PackageError::Xml`] if docx-rs's XML for it, or for what came before, is not what the
    /// package can carry.
    pub(crate) fn paragraph(&mut self, paragraph: &Para) -> Result<(), PackageError> {
        self.has_numbering |= paragraph.shape.numbering.is_some();
        let cached = match &mut self.cache {
            Some(cache) => cache.paragraph(paragraph, &mut self.batch, &mut self.links),
            None => false,
        };
        if cached {
            self.sent_if_full()
        } else {
            let paragraph = paragraph.to_docx();
            collect_targets(&paragraph, &mut self.links.targets);
            self.element(&paragraph)
        }
    }

    /// Writes a table: `table` gives its properties and grid (it must have no rows yet), `rows`
    /// its rows, each serialised and dropped before the next is made.
    ///
    /// # Errors
    /// [`PackageError::Xml`] if `table` already has rows, or its XML is not what we expect.
    pub(crate) fn table<'a>(
        &mut self,
        table: &Table,
        rows: impl IntoIterator<Item = Row<'a>>,
    ) -> Result<(), PackageError> {
        const CLOSE: &[u8] = b"</w:tbl>";
        if !table.rows.is_empty() {
            return Err(PackageError::xml(
                DOCUMENT,
                "a streamed table came with rows",
            ));
        }
        self.serialise(table)?;
        // Keep the table open for its rows: drop the `</w:tbl>` docx-rs closed it with.
        if !self.batch.ends_with(CLOSE) {
            return Err(PackageError::xml(
                DOCUMENT,
                "a table does not end in </w:tbl>",
            ));
        }
        self.batch.truncate(self.batch.len() - CLOSE.len());
        for row in rows {
            self.has_numbering |= row
                .cells
                .iter()
                .any(|cell| cell.para.shape.numbering.is_some());
            let cached = match &mut self.cache {
                Some(cache) => cache.row(&row, &mut self.batch, &mut self.links),
                None => false,
            };
            if cached {
                self.sent_if_full()?;
            } else {
                let row = row.to_docx();
                collect_row_targets(&row, &mut self.links.targets);
                self.element(&row)?;
            }
        }
        self.batch.extend_from_slice(CLOSE);
        Ok(())
    }

    /// Writes the rest of the skeleton and finishes the zip entry.
    ///
    /// # Errors
    /// [`PackageError::Xml`] if the part is not well-formed as a whole or links nowhere.
    pub(crate) fn finish(mut self) -> Result<StreamedBody, PackageError> {
        let tail = self.skeleton[self.content_at..].to_vec();
        self.batch.extend_from_slice(&tail);
        self.send()?;
        // Closing the queue tells the worker the part is complete.
        self.to_worker = None;
        let zip = self.join()?;
        let story = self.fixer.finish()?;
        let links = story
            .links
            .into_iter()
            .map(|(old, new)| match self.links.targets.remove(&old) {
                Some(target) => Ok((new, target)),
                None => Err(PackageError::xml(
                    DOCUMENT,
                    format!("hyperlink {old} has no target"),
                )),
            })
            .collect::<Result<_, _>>()?;
        Ok(StreamedBody {
            zip,
            skeleton: self.skeleton,
            links,
            para_ids: story.para_ids,
            has_numbering: self.has_numbering,
        })
    }

    /// Serialises `element` onto the batch, and sends the batch on when it is full.
    fn element(&mut self, element: &impl BuildXML) -> Result<(), PackageError> {
        self.serialise(element)?;
        self.sent_if_full()
    }

    /// Sends the batch on if it is full.
    fn sent_if_full(&mut self) -> Result<(), PackageError> {
        if self.batch.len() >= CHUNK {
            self.send()?;
        }
        Ok(())
    }

    /// Serialises `element` with docx-rs onto the end of the batch.
    fn serialise(&mut self, element: &impl BuildXML) -> Result<(), PackageError> {
        // The configuration docx-rs's own `BuildXML::build` uses, writing into our batch.
        let writer = docx_rs::xml::writer::EmitterConfig {
            write_document_declaration: false,
            perform_escaping: false,
            perform_indent: false,
            line_separator: "".into(),
        }
        .create_writer(std::mem::take(&mut self.batch));
        self.batch = element
            .build_to(writer)
            .and_then(docx_rs::xml::writer::EventWriter::into_inner)
            .map_err(|e| PackageError::xml(DOCUMENT, format!("docx-rs: {e}")))?;
        Ok(())
    }

    /// Fixes and checks the batch, and sends the result to the worker to deflate.
    fn send(&mut self) -> Result<(), PackageError> {
        let mut fixed = self
            .spare
            .try_recv()
            .unwrap_or_else(|_| Vec::with_capacity(2 * CHUNK));
        self.fixer.fragment(&self.batch, &mut fixed)?;
        self.batch.clear();
        let sent = match &self.to_worker {
            Some(to_worker) => to_worker.send(fixed).is_ok(),
            None => false,
        };
        if sent {
            Ok(())
        } else {
            // The worker stopped early: it found an error, which joining it returns.
            self.to_worker = None;
            Err(self
                .join()
                .err()
                .unwrap_or_else(|| PackageError::xml(DOCUMENT, "the worker stopped early")))
        }
    }

    fn join(&mut self) -> Result<Vec<u8>, PackageError> {
        match self.worker.take().map(std::thread::ScopedJoinHandle::join) {
            Some(Ok(result)) => result,
            Some(Err(_)) => Err(PackageError::xml(DOCUMENT, "the worker panicked")),
            None => Err(PackageError::xml(
                DOCUMENT,
                "the worker has already finished",
            )),
        }
    }
}

/// Records the external hyperlinks of a paragraph, as docx-rs's package preparation would for
/// a paragraph added to a [`Docx`].
fn collect_targets(paragraph: &Paragraph, targets: &mut BTreeMap<String, String>) {
    for child in &paragraph.children {
        if let ParagraphChild::Hyperlink(link) = child
            && let HyperlinkData::External { rid, path } = &link.link
        {
            targets.insert(rid.clone(), path.clone());
        }
    }
}

fn collect_row_targets(row: &TableRow, targets: &mut BTreeMap<String, String>) {
    for TableRowChild::TableCell(cell) in &row.cells {
        for content in &cell.children {
            match content {
                TableCellContent::Paragraph(p) => collect_targets(p, targets),
                TableCellContent::Table(t) => {
                    for docx_rs::TableChild::TableRow(row) in &t.rows {
                        collect_row_targets(row, targets);
                    }
                }
                _ => {}
            }
        }
    }
}

/// Writes the package: `docx` (everything but the body) packed by docx-rs and fixed, with the
/// streamed `body` as `word/document.xml`.
///
/// # Errors
/// [`PackageError`] if docx-rs's package cannot be read back or a part is not well-formed.
pub(crate) fn write<W: Write + Seek>(
    out: W,
    mut docx: Docx,
    body: StreamedBody,
    core: &CoreProperties,
) -> Result<W, PackageError> {
    // What `Docx::add_paragraph` and the package preparation would have recorded.
    docx.document_rels.has_numberings |= body.has_numbering;
    docx.document_rels.hyperlinks.extend(
        body.links
            .into_iter()
            .map(|(id, target)| (id, target, "External".to_string())),
    );
    let mut raw = Cursor::new(Vec::new());
    docx.pack(&mut raw)?;
    let mut parts = read_parts(raw.get_ref())?;
    drop(raw);
    // docx-rs's own document.xml is the skeleton the body was streamed into; if it were not,
    // the streamed part would disagree with the relationships and settings packed here.
    if parts.remove(DOCUMENT).as_deref() != Some(&body.skeleton[..]) {
        return Err(PackageError::xml(
            DOCUMENT,
            "docx-rs packed a different document from the one streamed",
        ));
    }
    fix_parts(&mut parts, core, body.para_ids)?;
    for (name, bytes) in &parts {
        // Story parts were checked by the pass that fixed them.
        if is_xml_part(name) && !is_story_part(name) {
            check_xml(name, bytes)?;
        }
    }
    write_parts(out, &parts, core.created, Some(&body.zip))
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

/// Applies every fix to the small parts in place; paragraph ids in their stories continue after
/// `para_ids`, the last one the document used.
pub(crate) fn fix_parts(
    parts: &mut Parts,
    core: &CoreProperties,
    mut para_ids: u32,
) -> Result<(), PackageError> {
    parts.insert("docProps/core.xml".into(), core_xml(core).into_bytes());

    if let Some(styles) = parts.get_mut("word/styles.xml") {
        *styles = fix_styles(styles, &core.language)
            .map_err(|message| PackageError::xml("word/styles.xml", message))?;
    }

    // Story parts in a fixed order: the document first, then headers and footers by name.
    let mut stories: Vec<String> = parts.keys().filter(|n| is_story_part(n)).cloned().collect();
    stories.sort_by_key(|n| (n != DOCUMENT, n.clone()));
    for name in stories {
        let (fixed, story) = fix_story(&name, &parts[&name], para_ids)?;
        para_ids = story.para_ids;
        parts.insert(name.clone(), fixed);
        let rels = rels_name(&name);
        if let Some(bytes) = parts.get(&rels) {
            let fixed = fix_rels(bytes, &story.link_map())
                .map_err(|message| PackageError::xml(&rels, message))?;
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
        let fixed = fix_rels(&parts[&name], &IdMap::default())
            .map_err(|message| PackageError::xml(&name, message))?;
        parts.insert(name, fixed);
    }
    Ok(())
}

/// Fixes and checks a whole story part at once; the paragraph ids continue after `para_ids`.
fn fix_story(name: &str, xml: &[u8], para_ids: u32) -> Result<(Vec<u8>, FixedStory), PackageError> {
    let mut fixer = StoryFixer::new(name, para_ids);
    let mut out = Vec::with_capacity(xml.len() + 1024);
    fixer.fragment(xml, &mut out)?;
    Ok((out, fixer.finish()?))
}

/// Writes parts as a zip: fixed order, deflate, one timestamp, fixed permissions. `document`,
/// if given, is a zip whose only entry is `word/document.xml`, copied without recompressing.
pub(crate) fn write_parts<W: Write + Seek>(
    out: W,
    parts: &Parts,
    time: Timestamp,
    document: Option<&[u8]>,
) -> Result<W, PackageError> {
    let options = entry_options(time);
    let mut document = document
        .map(|bytes| zip::ZipArchive::new(Cursor::new(bytes)))
        .transpose()?;
    let mut names: Vec<&str> = parts.keys().map(String::as_str).collect();
    if document.is_some() {
        names.push(DOCUMENT);
    }
    let mut zip = zip::ZipWriter::new(out);
    for name in entry_order(names) {
        match (&mut document, parts.get(name)) {
            (Some(archive), _) if name == DOCUMENT => {
                let file = archive.by_index_raw(0)?;
                if file.name() != DOCUMENT {
                    return Err(PackageError::xml(
                        DOCUMENT,
                        "the streamed zip holds another part",
                    ));
                }
                zip.raw_copy_file_touch(file, zip_time(time), Some(0o644))?;
            }
            (_, Some(bytes)) => {
                zip.start_file(name, options)?;
                zip.write_all(bytes)?;
            }
            (_, None) => {}
        }
    }
    Ok(zip.finish()?)
}

/// `[Content_Types].xml` first and `_rels/.rels` second (some readers sniff them), then by name.
fn entry_order(mut names: Vec<&str>) -> Vec<&str> {
    names.sort_by_key(|&n| match n {
        "[Content_Types].xml" => (0, n),
        "_rels/.rels" => (1, n),
        other => (2, other),
    });
    names.dedup();
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
    name == DOCUMENT
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

/// Where `needle` first occurs in `haystack`.
fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
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

/// Old id → new id, new ids numbered in order of first use.
#[derive(Debug, Default)]
struct IdMap {
    new: BTreeMap<String, String>,
}

impl IdMap {
    fn get(&self, old: &str) -> Option<&str> {
        self.new.get(old).map(String::as_str)
    }
}

/// What fixing a story part found out.
#[derive(Debug, Default)]
pub(crate) struct FixedStory {
    /// docx-rs's hyperlink relationship ids and ours, in reading order.
    links: Vec<(String, String)>,
    /// The last paragraph id used.
    para_ids: u32,
}

impl FixedStory {
    fn link_map(&self) -> IdMap {
        IdMap {
            new: self.links.iter().cloned().collect(),
        }
    }
}

/// Elements that need docx-rs's package preparation (comments, notes, images), which streamed
/// parts skip; we write none of them, and refuse them rather than write dangling references.
const UNSUPPORTED: [&[u8]; 7] = [
    b"w:commentRangeStart",
    b"w:commentReference",
    b"w:footnoteReference",
    b"w:endnoteReference",
    b"w:drawing",
    b"w:pict",
    b"w:object",
];

/// Fixes and checks one story part (the document, a header or a footer) as it streams past.
///
/// The part arrives as fragments in order — whole elements, or the opening or closing half of
/// one (a table before and after its rows) — and each fragment is read once with quick-xml.
/// Bytes that need no change are copied as they are; the fixer
///
/// * renumbers `w14:paraId` and `w14:textId` `00000001`, `00000002`… in reading order, one
///   number per element, continuing across the parts of a package;
/// * renumbers the `r:id` of each `w:hyperlink` `rIdLink1`, `rIdLink2`… in order of first use;
/// * adds `w:tblHeader` after each `w:cantSplit` (the renderer marks header rows so) and rewrites
///   each `w:tblPr` with [`table_properties`];
///
/// and checks, in the same pass, that the part is UTF-8 without characters XML 1.0 forbids,
/// that its tags balance across fragments with a single root, that it uses no entity beyond
/// XML's five, and that it holds none of the [`UNSUPPORTED`] elements. Every error names the
/// part.
pub(crate) struct StoryFixer {
    part: String,
    /// The names of the open elements, end to end, and where each starts in `names`.
    names: Vec<u8>,
    starts: Vec<usize>,
    roots: usize,
    links: IdMap,
    link_order: Vec<(String, String)>,
    para_ids: u32,
    /// The events of the `w:tblPr` being read, if one is open, and its nesting depth.
    tbl_pr: Option<(Vec<Event<'static>>, usize)>,
}

impl StoryFixer {
    /// A fixer for the part `part`, whose paragraph ids continue after `para_ids`.
    pub(crate) fn new(part: &str, para_ids: u32) -> StoryFixer {
        StoryFixer {
            part: part.to_string(),
            names: Vec::with_capacity(256),
            starts: Vec::with_capacity(16),
            roots: 0,
            links: IdMap::default(),
            link_order: Vec::new(),
            para_ids,
            tbl_pr: None,
        }
    }

    /// Fixes and checks the next fragment of the part, appending the result to `out`.
    ///
    /// # Errors
    /// [`PackageError::Xml`], naming the part, if the fragment breaks a rule above.
    pub(crate) fn fragment(&mut self, xml: &[u8], out: &mut Vec<u8>) -> Result<(), PackageError> {
        self.try_fragment(xml, out)
            .map_err(|message| PackageError::xml(&self.part, message))
    }

    /// Checks that every element opened has been closed, under one root.
    ///
    /// # Errors
    /// [`PackageError::Xml`], naming the part, if not.
    pub(crate) fn finish(self) -> Result<FixedStory, PackageError> {
        if !self.starts.is_empty() || self.roots != 1 || self.tbl_pr.is_some() {
            return Err(PackageError::xml(
                &self.part,
                format!(
                    "{} root elements, {} left open",
                    self.roots,
                    self.starts.len()
                ),
            ));
        }
        Ok(FixedStory {
            links: self.link_order,
            para_ids: self.para_ids,
        })
    }

    fn try_fragment(&mut self, xml: &[u8], out: &mut Vec<u8>) -> Result<(), String> {
        check_chars(xml)?;
        let mut reader = Reader::from_reader(xml);
        reader.config_mut().trim_text(false);
        // Names are matched here, across fragments, rather than by quick-xml within one.
        reader.config_mut().check_end_names = false;
        reader.config_mut().allow_unmatched_ends = true;
        // Up to where `xml` has been copied to `out`.
        let mut copied = 0usize;
        loop {
            let start = position(&reader);
            let event = reader.read_event().map_err(xml_err)?;
            let end = position(&reader);
            match &event {
                Event::Eof => break,
                Event::Start(e) => {
                    self.check_supported(e)?;
                    if self.starts.is_empty() {
                        self.roots += 1;
                    }
                    self.starts.push(self.names.len());
                    self.names.extend_from_slice(e.name().as_ref());
                }
                Event::Empty(e) => {
                    self.check_supported(e)?;
                    if self.starts.is_empty() {
                        self.roots += 1;
                    }
                }
                Event::End(e) => {
                    let open = self.starts.pop().ok_or_else(|| {
                        format!(
                            "</{}> closes nothing",
                            String::from_utf8_lossy(e.name().as_ref())
                        )
                    })?;
                    if self.names[open..] != *e.name().as_ref() {
                        return Err(format!(
                            "</{}> closes <{}>",
                            String::from_utf8_lossy(e.name().as_ref()),
                            String::from_utf8_lossy(&self.names[open..])
                        ));
                    }
                    self.names.truncate(open);
                }
                Event::GeneralRef(r) => {
                    let known = matches!(&**r, b"amp" | b"lt" | b"gt" | b"quot" | b"apos")
                        || r.starts_with(b"#");
                    if !known {
                        return Err(format!("unknown entity &{};", String::from_utf8_lossy(r)));
                    }
                }
                Event::Text(t)
                    if self.starts.is_empty() && !t.iter().all(u8::is_ascii_whitespace) =>
                {
                    return Err("text outside the root element".into());
                }
                _ => {}
            }

            // Inside a `w:tblPr`: gather its events, and write them rewritten once it closes.
            if let Some((events, depth)) = self.tbl_pr.as_mut() {
                match &event {
                    Event::Start(_) => *depth += 1,
                    Event::End(_) => *depth -= 1,
                    _ => {}
                }
                let done = *depth == 0;
                events.push(event.into_owned());
                copied = end;
                if done {
                    let (events, _) = self.tbl_pr.take().unwrap_or_default();
                    let mut writer = Writer::new(&mut *out);
                    for e in table_properties(events) {
                        writer.write_event(e).map_err(xml_err)?;
                    }
                }
                continue;
            }
            match event {
                Event::Start(e) if e.name().as_ref() == b"w:tblPr" => {
                    out.extend_from_slice(&xml[copied..start]);
                    copied = end;
                    self.tbl_pr = Some((vec![Event::Start(e.into_owned())], 1));
                }
                Event::Empty(e) if e.name().as_ref() == b"w:cantSplit" => {
                    out.extend_from_slice(&xml[copied..end]);
                    out.extend_from_slice(b"<w:tblHeader/>");
                    copied = end;
                }
                Event::Start(e) if self.needs_ids(&e) => {
                    out.extend_from_slice(&xml[copied..start]);
                    let e = self.fix_attributes(e)?;
                    Writer::new(&mut *out)
                        .write_event(Event::Start(e))
                        .map_err(xml_err)?;
                    copied = end;
                }
                Event::Empty(e) if self.needs_ids(&e) => {
                    out.extend_from_slice(&xml[copied..start]);
                    let e = self.fix_attributes(e)?;
                    Writer::new(&mut *out)
                        .write_event(Event::Empty(e))
                        .map_err(xml_err)?;
                    copied = end;
                }
                _ => {}
            }
        }
        out.extend_from_slice(&xml[copied..]);
        Ok(())
    }

    fn check_supported(&self, e: &BytesStart<'_>) -> Result<(), String> {
        let name = e.name();
        if UNSUPPORTED.contains(&name.as_ref()) {
            return Err(format!(
                "<{}> is not supported (the exporter writes no comments, notes or images)",
                String::from_utf8_lossy(name.as_ref())
            ));
        }
        Ok(())
    }

    /// Whether a tag carries an id we renumber: a quick look at its bytes before parsing them.
    fn needs_ids(&self, e: &BytesStart<'_>) -> bool {
        let attributes = e.attributes_raw();
        find(attributes, b"w14:").is_some()
            || (e.name().as_ref() == b"w:hyperlink" && find(attributes, b"r:id").is_some())
    }

    fn fix_attributes(&mut self, e: BytesStart<'_>) -> Result<BytesStart<'static>, String> {
        let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
        let mut out = BytesStart::new(name.clone());
        let mut this_para: Option<u32> = None;
        for a in e.attributes() {
            let a = a.map_err(xml_err)?;
            match a.key.as_ref() {
                key @ (b"w14:paraId" | b"w14:textId") => {
                    let n = match this_para {
                        Some(n) => n,
                        None => {
                            self.para_ids += 1;
                            this_para = Some(self.para_ids);
                            self.para_ids
                        }
                    };
                    // Word wants values below 0x80000000; ours are small.
                    out.push_attribute((key, format!("{n:08X}").as_bytes()));
                }
                b"r:id" if name == "w:hyperlink" => {
                    let old = value(&a)?;
                    let new = match self.links.get(&old) {
                        Some(new) => new.to_string(),
                        None => {
                            let new = format!("rIdLink{}", self.link_order.len() + 1);
                            self.links.new.insert(old.clone(), new.clone());
                            self.link_order.push((old, new.clone()));
                            new
                        }
                    };
                    out.push_attribute(("r:id", new.as_str()));
                }
                _ => out.push_attribute(Attribute::from((a.key.as_ref(), a.value.as_ref()))),
            }
        }
        Ok(out)
    }
}

/// Where the reader is in its input.
fn position(reader: &Reader<&[u8]>) -> usize {
    usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX)
}

/// Checks that `xml` is UTF-8 and holds no character XML 1.0 forbids. On bytes: the C0 controls
/// are single bytes, U+FFFE and U+FFFF are `EF BF BE` and `EF BF BF`.
fn check_chars(xml: &[u8]) -> Result<(), String> {
    let text = std::str::from_utf8(xml).map_err(xml_err)?;
    // Nearly always nothing looks suspect: one quick pass the compiler can vectorise.
    let suspect = xml
        .iter()
        .fold(false, |any, &b| any | (b < 0x20) | (b == 0xEF));
    if !suspect {
        return Ok(());
    }
    let bad = xml.iter().enumerate().find_map(|(i, &b)| match b {
        b'\t' | b'\n' | b'\r' => None,
        0..0x20 => Some(i),
        0xEF if matches!(xml.get(i + 1..i + 3), Some([0xBF, 0xBE | 0xBF])) => Some(i),
        _ => None,
    });
    match bad
        .and_then(|i| text.get(i..))
        .and_then(|t| t.chars().next())
    {
        Some(c) => Err(format!(
            "character U+{:04X} is not allowed in XML",
            c as u32
        )),
        None => Ok(()),
    }
}

fn xml_err(e: impl std::fmt::Display) -> String {
    e.to_string()
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
    check_chars(bytes).map_err(err)?;
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
        let story = br#"<w:hdr><w:p><w:hyperlink r:id="rIdHyperlink9"/><w:hyperlink r:id="rIdHyperlink3"/><w:hyperlink r:id="rIdHyperlink9"/></w:p></w:hdr>"#;
        let (_, fixed) = fix_story("word/header1.xml", story, 0).unwrap();
        let links = fixed.link_map();
        assert_eq!(links.get("rIdHyperlink9"), Some("rIdLink1"));
        assert_eq!(links.get("rIdHyperlink3"), Some("rIdLink2"));
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
        let (out, story) = fix_story("word/document.xml", xml, 0).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(
            out.contains(r#"<w:p w14:paraId="00000001" w14:textId="00000001">"#),
            "{out}"
        );
        assert!(out.contains(r#"r:id="rIdLink1""#), "{out}");
        assert!(out.contains("<w:t>a &lt;b&gt; &amp; c</w:t>"), "{out}");
        assert!(out.contains("<w:cantSplit /><w:tblHeader/>"), "{out}");
        assert!(out.contains(r#"w:firstColumn="1""#), "{out}");
        assert_eq!(story.link_map().get("rIdHyperlink42"), Some("rIdLink1"));
        assert_eq!(story.para_ids, 1);
    }

    /// Feeds `fragments` to one fixer, as [`Body`] does, and returns the fixed XML.
    fn stream(fragments: &[&str], para_ids: u32) -> Result<(String, FixedStory), PackageError> {
        let mut fixer = StoryFixer::new("word/document.xml", para_ids);
        let mut out = Vec::new();
        for fragment in fragments {
            fixer.fragment(fragment.as_bytes(), &mut out)?;
        }
        let story = fixer.finish()?;
        Ok((String::from_utf8(out).unwrap(), story))
    }

    #[test]
    fn ids_are_in_reading_order_across_fragments() {
        let (out, story) = stream(
            &[
                r#"<?xml version="1.0"?><w:document><w:body>"#,
                r#"<w:p w14:paraId="000000AA"><w:hyperlink r:id="rIdHyperlink7"/></w:p>"#,
                r#"<w:tbl><w:tblPr><w:tblStyle w:val="BriefingTable" /></w:tblPr><w:tblGrid/>"#,
                r#"<w:tr><w:trPr><w:cantSplit /></w:trPr><w:tc><w:p w14:paraId="00000003"><w:hyperlink r:id="rIdHyperlink2"><w:r><w:t>in a cell</w:t></w:r></w:hyperlink></w:p></w:tc></w:tr>"#,
                r#"<w:tr><w:trPr /><w:tc><w:p w14:paraId="00000001"/></w:tc></w:tr>"#,
                "</w:tbl>",
                r#"<w:p w14:paraId="000000AA"><w:hyperlink r:id="rIdHyperlink5"/></w:p>"#,
                "<w:sectPr /></w:body></w:document>",
            ],
            4,
        )
        .unwrap();
        let para_ids: Vec<&str> = out
            .split("w14:paraId=\"")
            .skip(1)
            .map(|s| s.split('"').next().unwrap())
            .collect();
        assert_eq!(para_ids, ["00000005", "00000006", "00000007", "00000008"]);
        let links: Vec<&str> = out
            .split("r:id=\"")
            .skip(1)
            .map(|s| s.split('"').next().unwrap())
            .collect();
        assert_eq!(links, ["rIdLink1", "rIdLink2", "rIdLink3"]);
        assert_eq!(
            story.links,
            [
                ("rIdHyperlink7".to_string(), "rIdLink1".to_string()),
                ("rIdHyperlink2".to_string(), "rIdLink2".to_string()),
                ("rIdHyperlink5".to_string(), "rIdLink3".to_string()),
            ]
        );
        assert_eq!(story.para_ids, 8);
        // Only the header row repeats; the table switches on its style's header row.
        assert_eq!(out.matches("<w:tblHeader/>").count(), 1, "{out}");
        assert!(
            out.contains(r#"<w:tblLook w:val="0420" w:firstRow="1""#),
            "{out}"
        );
        assert!(out.contains("<w:t>in a cell</w:t>"), "{out}");
        check_xml("word/document.xml", out.as_bytes()).unwrap();
    }

    #[test]
    fn streamed_parts_that_break_a_rule_are_refused_with_the_part_name() {
        let refused = |fragments: &[&str]| match stream(fragments, 0) {
            Ok((out, _)) => panic!("accepted {out}"),
            Err(e) => e.to_string(),
        };
        assert_eq!(
            refused(&[
                "<w:document><w:body>",
                "<w:p></w:r>",
                "</w:body></w:document>"
            ]),
            "word/document.xml: </w:r> closes <w:p>"
        );
        assert_eq!(
            refused(&["<w:document><w:body>", "</w:body></w:document>", "</w:tbl>"]),
            "word/document.xml: </w:tbl> closes nothing"
        );
        assert_eq!(
            refused(&["<w:document><w:body>", "<w:tbl>", "</w:body></w:document>"]),
            "word/document.xml: </w:body> closes <w:tbl>"
        );
        assert_eq!(
            refused(&["<w:document><w:body>", "<w:p/>"]),
            "word/document.xml: 1 root elements, 2 left open"
        );
        assert_eq!(
            refused(&["<w:document>", "<w:t>a\u{1}b</w:t>", "</w:document>"]),
            "word/document.xml: character U+0001 is not allowed in XML"
        );
        assert_eq!(
            refused(&["<w:document>", "<w:t>\u{FFFF}</w:t>", "</w:document>"]),
            "word/document.xml: character U+FFFF is not allowed in XML"
        );
        assert_eq!(
            refused(&["<w:document>", "<w:t>&nbsp;</w:t>", "</w:document>"]),
            "word/document.xml: unknown entity &nbsp;"
        );
        assert_eq!(
            refused(&["<w:document/>", "<w:document/>"]),
            "word/document.xml: 2 root elements, 0 left open"
        );
        assert_eq!(
            refused(&["<w:document>", "<w:r><w:drawing/></w:r>", "</w:document>"]),
            "word/document.xml: <w:drawing> is not supported (the exporter writes no comments, notes or images)"
        );
        let mut fixer = StoryFixer::new("word/footer1.xml", 0);
        let e = fixer.fragment(b"<w:ftr><w:p", &mut Vec::new()).unwrap_err();
        assert!(e.to_string().starts_with("word/footer1.xml: "), "{e}");
    }

    #[test]
    fn text_and_untouched_tags_are_copied_byte_for_byte() {
        let fragments = [
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<w:document xmlns:w="w"><w:body><w:p><w:pPr><w:rPr /></w:pPr>"#,
            r#"<w:r><w:t xml:space="preserve"> – ’ “ ” £ ŵ 🏥 &amp; &#38; </w:t></w:r></w:p>"#,
            "</w:body></w:document>",
        ];
        let (out, _) = stream(&fragments, 0).unwrap();
        assert_eq!(out, fragments.concat());
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
        let write = || {
            write_parts(Cursor::new(Vec::new()), &parts, t, None)
                .unwrap()
                .into_inner()
        };
        let a = write();
        assert_eq!(a, write());
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
