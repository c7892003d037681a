//! Writing the body from XML that docx-rs writes once for each shape of element.
//!
//! Profiling showed docx-rs's serialiser taking most of Word export: for every run and paragraph
//! it walks some 25 optional properties, moving its writer by value each time, to write the same
//! few bytes again and again. Yet a briefing has only a handful of element *shapes* — a paragraph
//! of a style, perhaps numbered; a run of a character style; an external link; a link to a
//! bookmark; a bookmark's start and end; a table row, and a cell of a width; a page break; the
//! runs of the contents field — repeated tens of thousands of times with different text.
//!
//! So the renderer describes each element by its shape and its text, as a [`Para`] or a [`Row`],
//! and a [`Cache`] has docx-rs serialise each shape once, with markers where the variable parts
//! go (text, relationship id, bookmark id and name, link anchor). It splits that XML at the
//! markers into constant pieces, and from then on writes the pieces with the variable parts
//! between them, escaped exactly as docx-rs escapes them ([`push_text`]).
//! docx-rs stays the source of every tag and property; we only stop paying for writing the same
//! properties again. [`Para::to_docx`] and [`Row::to_docx`] build the docx-rs elements the
//! templates come from; the old path that serialises them for every element is kept for the
//! tests, which check that both give the same bytes.
//!
//! When a template is made, the cache checks that docx-rs's XML for the whole is the XML of its
//! parts side by side (a paragraph is its opening, its children and its closing). Should a
//! future docx-rs break that for some shape, that shape is written by docx-rs every time instead.
//!
//! Templates carry a paragraph id of docx-rs's length; each external link gets a relationship id
//! counted per document, and its target escaped by docx-rs (see [`Links`]);
//! [`crate::package`]'s `StoryFixer` renumbers both in reading order, as before.

use std::collections::BTreeMap;

use docx_rs::{
    BookmarkEnd, BookmarkStart, BreakType, BuildXML, FieldCharType, Hyperlink, HyperlinkData,
    HyperlinkType, IndentLevel, InstrText, InstrToC, NumberingId, Paragraph, Run, TableCell,
    TableRow, WidthType,
};

use crate::text::{REPLACEMENT, is_xml_char, xml_safe};

/// What a paragraph's opening and closing XML depend on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct ParaShape {
    /// The paragraph style, if any.
    pub style: Option<&'static str>,
    /// The numbering instance and level, for list items.
    pub numbering: Option<(usize, usize)>,
}

impl ParaShape {
    /// A paragraph of `style` without numbering.
    pub(crate) fn styled(style: &'static str) -> ParaShape {
        ParaShape {
            style: Some(style),
            numbering: None,
        }
    }
}

/// The character style of a run of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CharStyle {
    /// No character style.
    Plain,
    /// `Strong` (bold).
    Strong,
    /// `Emphasis` (italic).
    Emphasis,
    /// `Hyperlink`, for the text of external links.
    Hyperlink,
}

impl CharStyle {
    const ALL: [CharStyle; 4] = [
        CharStyle::Plain,
        CharStyle::Strong,
        CharStyle::Emphasis,
        CharStyle::Hyperlink,
    ];

    fn id(self) -> Option<&'static str> {
        match self {
            CharStyle::Plain => None,
            CharStyle::Strong => Some("Strong"),
            CharStyle::Emphasis => Some("Emphasis"),
            CharStyle::Hyperlink => Some("Hyperlink"),
        }
    }
}

/// What a paragraph holds, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Child<'a> {
    /// A run of text in a character style.
    Run(CharStyle, &'a str),
    /// An external hyperlink around a run of text in the `Hyperlink` style.
    Link {
        /// What a reader sees.
        text: &'a str,
        /// Where it goes.
        url: &'a str,
    },
    /// A hyperlink to a bookmark around a plain run of text.
    Anchor {
        /// What a reader sees.
        text: &'a str,
        /// The bookmark's name.
        name: &'a str,
    },
    /// Where a bookmark starts.
    BookmarkStart {
        /// The bookmark's id.
        id: usize,
        /// The bookmark's name.
        name: &'a str,
    },
    /// Where a bookmark ends.
    BookmarkEnd {
        /// The bookmark's id.
        id: usize,
    },
    /// The run that opens a contents field listing heading levels 1 to `max_level`.
    TocBegin {
        /// The deepest heading level listed.
        max_level: u8,
    },
    /// The run that closes a contents field.
    TocEnd,
    /// A run holding a page break.
    PageBreak,
}

/// A paragraph: its shape and what it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Para<'a> {
    /// Style and numbering.
    pub shape: ParaShape,
    /// Runs, links and bookmarks, in order.
    pub children: Vec<Child<'a>>,
}

/// A table cell of a fixed width holding one paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Cell<'a> {
    /// The width, in twentieths of a point.
    pub width: usize,
    /// The cell's paragraph.
    pub para: Para<'a>,
}

/// A table row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Row<'a> {
    /// Whether this is a header row (docx-rs's `cantSplit`; the packager adds `tblHeader`).
    pub header: bool,
    /// The cells.
    pub cells: Vec<Cell<'a>>,
}

impl Para<'_> {
    /// The docx-rs paragraph: what the renderer built before the cache, and what templates are
    /// made from.
    pub(crate) fn to_docx(&self) -> Paragraph {
        let mut p = Paragraph::new();
        if let Some(style) = self.shape.style {
            p = p.style(style);
        }
        if let Some((num, level)) = self.shape.numbering {
            p = p.numbering(NumberingId::new(num), IndentLevel::new(level));
        }
        for child in &self.children {
            p = match *child {
                Child::Run(style, text) => p.add_run(text_run(text, style)),
                Child::Link { text, url } => p.add_hyperlink(
                    Hyperlink::new(xml_safe(url), HyperlinkType::External)
                        .add_run(text_run(text, CharStyle::Hyperlink)),
                ),
                Child::Anchor { text, name } => p.add_hyperlink(
                    Hyperlink::new(name, HyperlinkType::Anchor)
                        .add_run(text_run(text, CharStyle::Plain)),
                ),
                Child::BookmarkStart { id, name } => p.add_bookmark_start(id, name),
                Child::BookmarkEnd { id } => p.add_bookmark_end(id),
                Child::TocBegin { max_level } => p.add_run(toc_begin(max_level)),
                Child::TocEnd => p.add_run(toc_end()),
                Child::PageBreak => p.add_run(Run::new().add_break(BreakType::Page)),
            };
        }
        p
    }
}

impl Row<'_> {
    /// The docx-rs table row: what the renderer built before the cache, and what templates are
    /// made from.
    pub(crate) fn to_docx(&self) -> TableRow {
        let row = TableRow::new(
            self.cells
                .iter()
                .map(|cell| cell_to_docx(cell.width, cell.para.to_docx()))
                .collect(),
        );
        if self.header { row.cant_split() } else { row }
    }
}

fn cell_to_docx(width: usize, para: Paragraph) -> TableCell {
    TableCell::new()
        .width(width, WidthType::Dxa)
        .add_paragraph(para)
}

fn text_run(text: &str, style: CharStyle) -> Run {
    let run = Run::new().add_text(xml_safe(text));
    match style.id() {
        Some(id) => run.style(id),
        None => run,
    }
}

fn toc_begin(max_level: u8) -> Run {
    let instr = InstrToC::new()
        .heading_styles_range(1, usize::from(max_level))
        .hyperlink();
    Run::new()
        .add_field_char(FieldCharType::Begin, true)
        .add_instr_text(InstrText::TOC(instr))
        .add_field_char(FieldCharType::Separate, false)
}

fn toc_end() -> Run {
    Run::new().add_field_char(FieldCharType::End, false)
}

/// Appends `text` as docx-rs writes `Run::add_text(xml_safe(text))`: what XML 1.0 cannot carry
/// replaced by U+FFFD (see [`xml_safe`]), line feeds and carriage returns dropped, and
/// `& < > " '` escaped as entities. docx-rs writes the result as it is.
pub(crate) fn push_text(out: &mut Vec<u8>, text: &str) {
    // Nearly always there is nothing to change: one quick pass over the bytes.
    let plain = !text
        .bytes()
        .any(|b| b < 0x20 || matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'' | 0xEF));
    if plain {
        out.extend_from_slice(text.as_bytes());
        return;
    }
    for c in text.chars() {
        match c {
            '\n' | '\r' => {}
            '&' => out.extend_from_slice(b"&amp;"),
            '<' => out.extend_from_slice(b"&lt;"),
            '>' => out.extend_from_slice(b"&gt;"),
            '"' => out.extend_from_slice(b"&quot;"),
            '\'' => out.extend_from_slice(b"&apos;"),
            c => {
                let c = if is_xml_char(c) { c } else { REPLACEMENT };
                out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
            }
        }
    }
}

/// Serialises `element` as docx-rs's own `BuildXML::build` does.
pub(crate) fn build(element: &impl BuildXML) -> Vec<u8> {
    element.build()
}

/// Markers put where variable parts go. Private-use characters: docx-rs copies them unescaped,
/// and no template holds them otherwise (which [`Template::new`] checks).
const TEXT: &str = "\u{E000}text\u{E001}";
const RID: &str = "\u{E000}rid\u{E001}";
const NAME: &str = "\u{E000}name\u{E001}";
/// A bookmark id is a number, so its marker is one no template holds otherwise.
const ID: usize = 918_273_645;
/// The paragraph id of templates; the story fixer renumbers paragraph ids in reading order.
const PARA_ID: &str = "00000000";

/// docx-rs's XML for one shape, cut where its variable parts go: `pieces[0]`, the first
/// variable part, `pieces[1]`, and so on.
#[derive(Debug)]
struct Template {
    pieces: Vec<Box<[u8]>>,
}

impl Template {
    /// Cuts `xml` at each of `markers`, which must each occur exactly once, in this order.
    fn new(xml: &[u8], markers: &[&str]) -> Option<Template> {
        let mut pieces: Vec<Box<[u8]>> = Vec::with_capacity(markers.len() + 1);
        let mut rest = xml;
        for marker in markers {
            let at = find(rest, marker.as_bytes())?;
            pieces.push(rest[..at].into());
            rest = &rest[at + marker.len()..];
        }
        pieces.push(rest.into());
        let stray = markers
            .iter()
            .any(|m| pieces.iter().any(|p| find(p, m.as_bytes()).is_some()));
        (!stray).then_some(Template { pieces })
    }

    /// `outer` cut around `inner`, which must occur in it exactly once: the opening and
    /// closing of a container whose XML is that of its child between them.
    fn around(outer: &[u8], inner: &[u8]) -> Option<Template> {
        let at = find(outer, inner)?;
        let after = &outer[at + inner.len()..];
        (find(after, inner).is_none()).then(|| Template {
            pieces: vec![outer[..at].into(), after.into()],
        })
    }

    fn piece(&self, i: usize) -> &[u8] {
        &self.pieces[i]
    }
}

/// Where `needle` first occurs in `haystack`.
fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The external hyperlinks written so far: the relationship id each was given, and its target.
#[derive(Debug, Default)]
pub(crate) struct Links {
    /// Target by relationship id.
    pub targets: BTreeMap<String, String>,
    /// How many links were given ids.
    count: usize,
}

impl Links {
    /// Records a hyperlink to `url` and returns its relationship id.
    ///
    /// The target is escaped as docx-rs escapes it (its `Hyperlink` makes it). The id is ours,
    /// counted per document: docx-rs's own comes from a process-wide counter that is read and
    /// then written, not incremented at once, so two documents rendered at the same time could
    /// be given one id twice, and one link would then go to the other's target. The
    /// [fixer](crate::package) renumbers the ids in reading order either way.
    fn add(&mut self, url: &str) -> String {
        self.count += 1;
        let rid = format!("rIdCachedLink{}", self.count);
        let path = match Hyperlink::new(xml_safe(url), HyperlinkType::External).link {
            HyperlinkData::External { path, .. } => path,
            // Not made by `HyperlinkType::External`.
            HyperlinkData::Anchor { anchor } => anchor,
        };
        self.targets.insert(rid.clone(), path);
        rid
    }
}

/// Templates for every shape met so far; one per document.
#[derive(Debug)]
pub(crate) struct Cache {
    /// A run of each [`CharStyle`], in [`CharStyle::ALL`]'s order: before and after the text.
    runs: [Template; 4],
    /// An external link: before the relationship id, between it and the text, after the text.
    link: Template,
    /// A link to a bookmark: before the name, between it and the text, after the text.
    anchor: Template,
    /// Around the id and the name of a bookmark's start.
    bookmark_start: Template,
    /// Around the id of a bookmark's end.
    bookmark_end: Template,
    toc_end: Vec<u8>,
    page_break: Vec<u8>,
    /// The opening and closing of a table row, plain and header.
    rows: [Template; 2],
    /// Made when first needed: contents field openings by level.
    toc_begin: BTreeMap<u8, Vec<u8>>,
    /// Made when first needed: paragraph openings and closings by shape (`None`: docx-rs's XML
    /// for the shape is not its parts side by side).
    paras: BTreeMap<ParaShape, Option<Template>>,
    /// Made when first needed: cell openings and closings by width.
    cells: BTreeMap<usize, Option<Template>>,
}

impl Cache {
    /// Makes the templates every document may need, or `None` if docx-rs's XML cannot be cut
    /// into them (then every element is written by docx-rs).
    pub(crate) fn new() -> Option<Cache> {
        let run = |style| Template::new(&build(&text_run(TEXT, style)), &[TEXT]);
        let [plain, strong, emphasis, hyperlink] = CharStyle::ALL;
        let runs = [run(plain)?, run(strong)?, run(emphasis)?, run(hyperlink)?];

        let mut link = Hyperlink::new("", HyperlinkType::External)
            .add_run(text_run(TEXT, CharStyle::Hyperlink));
        link.link = HyperlinkData::External {
            rid: RID.to_string(),
            path: String::new(),
        };
        let link = Template::new(&build(&link), &[RID, TEXT])?;
        let anchor = Hyperlink::new(NAME, HyperlinkType::Anchor).add_run(text_run(TEXT, plain));
        let anchor = Template::new(&build(&anchor), &[NAME, TEXT])?;
        let id = ID.to_string();
        let bookmark_start =
            Template::new(&build(&BookmarkStart::new(ID, NAME)), &[id.as_str(), NAME])?;
        let bookmark_end = Template::new(&build(&BookmarkEnd::new(ID)), &[id.as_str()])?;

        let row = |header| {
            let cell = cell_to_docx(100, Paragraph::new().id(PARA_ID));
            let row = TableRow::new(vec![cell.clone()]);
            let row = if header { row.cant_split() } else { row };
            Template::around(&build(&row), &build(&cell))
        };
        Some(Cache {
            runs,
            link,
            anchor,
            bookmark_start,
            bookmark_end,
            toc_end: build(&toc_end()),
            page_break: build(&Run::new().add_break(BreakType::Page)),
            rows: [row(false)?, row(true)?],
            toc_begin: BTreeMap::new(),
            paras: BTreeMap::new(),
            cells: BTreeMap::new(),
        })
    }

    /// Appends the XML of `para` to `out` and returns `true`, or returns `false` having written
    /// nothing if its shape cannot be cached.
    pub(crate) fn paragraph(&mut self, para: &Para, out: &mut Vec<u8>, links: &mut Links) -> bool {
        if !self.prepare(para) {
            return false;
        }
        self.write_para(para, out, links);
        true
    }

    /// Appends the XML of `row` to `out` and returns `true`, or returns `false` having written
    /// nothing if the shape of one of its cells or paragraphs cannot be cached.
    pub(crate) fn row(&mut self, row: &Row, out: &mut Vec<u8>, links: &mut Links) -> bool {
        for cell in &row.cells {
            let cached = self
                .cells
                .entry(cell.width)
                .or_insert_with(|| cell_template(cell.width))
                .is_some();
            if !cached || !self.prepare(&cell.para) {
                return false;
            }
        }
        let wrap = &self.rows[usize::from(row.header)];
        out.extend_from_slice(wrap.piece(0));
        for cell in &row.cells {
            let Some(Some(c)) = self.cells.get(&cell.width) else {
                unreachable!("made above");
            };
            out.extend_from_slice(c.piece(0));
            self.write_para(&cell.para, out, links);
            out.extend_from_slice(c.piece(1));
        }
        out.extend_from_slice(wrap.piece(1));
        true
    }

    /// Makes the templates `para` needs, and says whether its shape can be cached.
    fn prepare(&mut self, para: &Para) -> bool {
        for child in &para.children {
            if let Child::TocBegin { max_level } = *child {
                self.toc_begin
                    .entry(max_level)
                    .or_insert_with(|| build(&toc_begin(max_level)));
            }
        }
        self.paras
            .entry(para.shape)
            .or_insert_with(|| para_template(para.shape))
            .is_some()
    }

    /// Writes a paragraph [`Cache::prepare`] said can be cached.
    fn write_para(&self, para: &Para, out: &mut Vec<u8>, links: &mut Links) {
        let Some(Some(wrap)) = self.paras.get(&para.shape) else {
            unreachable!("prepared");
        };
        out.extend_from_slice(wrap.piece(0));
        for child in &para.children {
            self.child(child, out, links);
        }
        out.extend_from_slice(wrap.piece(1));
    }

    fn child(&self, child: &Child, out: &mut Vec<u8>, links: &mut Links) {
        match *child {
            Child::Run(style, text) => {
                let t = &self.runs[style as usize];
                out.extend_from_slice(t.piece(0));
                push_text(out, text);
                out.extend_from_slice(t.piece(1));
            }
            Child::Link { text, url } => {
                let t = &self.link;
                out.extend_from_slice(t.piece(0));
                out.extend_from_slice(links.add(url).as_bytes());
                out.extend_from_slice(t.piece(1));
                push_text(out, text);
                out.extend_from_slice(t.piece(2));
            }
            Child::Anchor { text, name } => {
                // docx-rs writes attribute values as they are.
                let t = &self.anchor;
                out.extend_from_slice(t.piece(0));
                out.extend_from_slice(name.as_bytes());
                out.extend_from_slice(t.piece(1));
                push_text(out, text);
                out.extend_from_slice(t.piece(2));
            }
            Child::BookmarkStart { id, name } => {
                let t = &self.bookmark_start;
                out.extend_from_slice(t.piece(0));
                out.extend_from_slice(id.to_string().as_bytes());
                out.extend_from_slice(t.piece(1));
                out.extend_from_slice(name.as_bytes());
                out.extend_from_slice(t.piece(2));
            }
            Child::BookmarkEnd { id } => {
                let t = &self.bookmark_end;
                out.extend_from_slice(t.piece(0));
                out.extend_from_slice(id.to_string().as_bytes());
                out.extend_from_slice(t.piece(1));
            }
            Child::TocBegin { max_level } => match self.toc_begin.get(&max_level) {
                Some(xml) => out.extend_from_slice(xml),
                None => out.extend_from_slice(&build(&toc_begin(max_level))),
            },
            Child::TocEnd => out.extend_from_slice(&self.toc_end),
            Child::PageBreak => out.extend_from_slice(&self.page_break),
        }
    }
}

/// The opening and closing of a paragraph of `shape`, cut around a run docx-rs wrote in it.
fn para_template(shape: ParaShape) -> Option<Template> {
    let run = text_run(TEXT, CharStyle::Plain);
    let para = Para {
        shape,
        children: vec![Child::Run(CharStyle::Plain, TEXT)],
    };
    Template::around(&build(&para.to_docx().id(PARA_ID)), &build(&run))
}

/// The opening and closing of a cell of `width`, cut around a paragraph docx-rs wrote in it.
fn cell_template(width: usize) -> Option<Template> {
    let para = Paragraph::new().id(PARA_ID);
    Template::around(&build(&cell_to_docx(width, para.clone())), &build(&para))
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use maptoolkit_briefing::{
        Block, Contents, Document, Heading, Inline, KeyValue, List, ListItem, Metadata, Table,
        Theme, Timestamp,
    };
    use proptest::prelude::*;

    use super::*;
    use crate::package::{Parts, read_parts};

    /// The parts of `doc` rendered with the cache or without it.
    fn parts(doc: &Document, cached: bool) -> Parts {
        let out = crate::render_with(doc, &Theme::default(), Cursor::new(Vec::new()), cached)
            .unwrap()
            .into_inner();
        read_parts(&out).unwrap()
    }

    /// Checks that the cache writes every part, `word/document.xml` above all, byte for byte as
    /// docx-rs does for each element.
    fn check(doc: &Document) {
        let (cached, uncached) = (parts(doc, true), parts(doc, false));
        let document = |p: &Parts| String::from_utf8(p["word/document.xml"].clone()).unwrap();
        assert_eq!(document(&cached), document(&uncached));
        assert_eq!(cached, uncached);
    }

    fn doc(blocks: Vec<Block>) -> Document {
        Document {
            meta: Metadata {
                title: "Cache".into(),
                subject: "Shapes".into(),
                author: "NHS Library Service".into(),
                language: "en-GB".into(),
                as_of: "2018-01-11".into(),
                created: Timestamp::from_date(2018, 1, 11).unwrap(),
            },
            blocks,
        }
    }

    /// Text a run or link can hold, awkward characters included.
    const AWKWARD: &str = "a & b < c > d \" e ' f \u{1} g \u{1F} \u{FFFE}\u{FFFF} \t tab \n lf \r cr \
        – ’ “ ” £ é ŵ 🏥 \u{10FFFF} \u{E000}text\u{E001} &amp; 918273645 00000000";

    #[test]
    fn text_is_escaped_as_docx_rs_escapes_it() {
        for text in ["", "plain", AWKWARD, "\n", "\r\n", "&&", "\u{FFFD}"] {
            let mut ours = Vec::new();
            push_text(&mut ours, text);
            let theirs = build(&docx_rs::Text::new(xml_safe(text).replace('\n', "")));
            let theirs = String::from_utf8(theirs).unwrap();
            let inner = theirs
                .strip_prefix(r#"<w:t xml:space="preserve">"#)
                .and_then(|t| t.strip_suffix("</w:t>"))
                .unwrap();
            assert_eq!(String::from_utf8(ours).unwrap(), inner, "{text:?}");
        }
    }

    #[test]
    fn every_shape_is_cached() {
        let mut cache = Cache::new().expect("docx-rs's XML can be cut into templates");
        let mut links = Links::default();
        let mut out = Vec::new();
        for style in [None, Some("Normal"), Some("Heading1"), Some("TOC3")] {
            for numbering in [None, Some((10, 0)), Some((11, 8))] {
                let para = Para {
                    shape: ParaShape { style, numbering },
                    children: vec![
                        Child::TocBegin { max_level: 2 },
                        Child::Run(CharStyle::Emphasis, AWKWARD),
                        Child::Link {
                            text: AWKWARD,
                            url: AWKWARD,
                        },
                        Child::TocEnd,
                    ],
                };
                assert!(cache.paragraph(&para, &mut out, &mut links));
            }
        }
        let row = Row {
            header: true,
            cells: vec![Cell {
                width: 2_000,
                para: Para {
                    shape: ParaShape::styled("TableText"),
                    children: vec![Child::Run(CharStyle::Strong, "")],
                },
            }],
        };
        assert!(cache.row(&row, &mut out, &mut links));
        assert!(
            cache
                .paras
                .values()
                .chain(cache.cells.values())
                .all(Option::is_some)
        );
    }

    #[test]
    fn links_get_ids_of_their_own_and_docx_rs_targets() {
        let mut links = Links::default();
        let rid = links.add("https://a.example/?a=1&b=\"2\"\n\u{1}");
        assert_eq!(rid, "rIdCachedLink1");
        assert_eq!(
            links.targets[&rid],
            "https://a.example/?a=1&amp;b=&quot;2&quot;&#xA;\u{FFFD}"
        );
        // The same target twice is two links, each with its own id.
        assert_eq!(links.add("https://a.example/"), "rIdCachedLink2");
        assert_eq!(links.add("https://a.example/"), "rIdCachedLink3");
        assert_eq!(links.targets.len(), 3);
    }

    #[test]
    fn documents_rendered_at_once_keep_each_link_on_its_target() {
        // docx-rs's own link ids come from a counter shared by every thread; ours are counted
        // per document, so documents rendered in parallel each get links 1, 2, 3… in order.
        let targets: Vec<Vec<(String, String)>> = std::thread::scope(|scope| {
            let threads: Vec<_> = (0..8)
                .map(|doc| {
                    scope.spawn(move || {
                        let mut links = Links::default();
                        for n in 0..200 {
                            links.add(&format!("https://example.org/{doc}/{n}"));
                        }
                        links.targets.into_iter().collect()
                    })
                })
                .collect();
            threads.into_iter().map(|t| t.join().unwrap()).collect()
        });
        for (doc, targets) in targets.iter().enumerate() {
            assert_eq!(targets.len(), 200);
            for (rid, target) in targets {
                let n: usize = rid["rIdCachedLink".len()..].parse().unwrap();
                assert_eq!(target, &format!("https://example.org/{doc}/{}", n - 1));
            }
        }
    }

    fn text(s: &str) -> String {
        s.to_string()
    }

    fn item(content: Vec<Inline>, children: Vec<ListItem>) -> ListItem {
        ListItem { content, children }
    }

    #[test]
    fn every_block_kind_gives_the_same_xml() {
        let inlines = vec![
            Inline::Text(text(AWKWARD)),
            Inline::Emphasis(text("1 – 3 years’ time")),
            Inline::Strong(text("")),
            Inline::Link {
                text: text("Five Year Forward View"),
                url: text("https://www.england.nhs.uk/?a=1&b=2"),
            },
        ];
        check(&doc(vec![
            Block::Title(text(AWKWARD)),
            Block::Contents(Contents {
                title: text("Contents"),
                max_level: 2,
            }),
            Block::PageBreak,
            Block::Heading(Heading {
                level: 1,
                text: text(AWKWARD),
                anchor: text("a-b"),
            }),
            Block::Paragraph(inlines.clone()),
            Block::Paragraph(vec![]),
            Block::Heading(Heading {
                level: 7,
                text: text(""),
                anchor: text(""),
            }),
            Block::List(List {
                numbered: true,
                items: vec![item(
                    inlines.clone(),
                    vec![item(vec![], vec![item(inlines.clone(), vec![])])],
                )],
            }),
            Block::KeyValue(vec![KeyValue {
                key: text(AWKWARD),
                value: inlines,
            }]),
            Block::Table(Table {
                caption: text("Review schedule"),
                columns: vec![text("Driver"), text(AWKWARD)],
                rows: vec![vec![text(""), text("2018-04-01")]],
            }),
            Block::Table(Table {
                caption: text(""),
                columns: vec![],
                rows: vec![vec![], vec![]],
            }),
            Block::Contents(Contents {
                title: text(""),
                max_level: 0,
            }),
        ]));
        // A contents with no headings to list.
        check(&doc(vec![Block::Contents(Contents {
            title: text("Contents"),
            max_level: 3,
        })]));
    }

    /// Text with the characters escaping and `xml_safe` treat specially, and markers.
    fn awkward_text() -> impl Strategy<Value = String> {
        let special = prop::sample::select(vec![
            "&",
            "<",
            ">",
            "\"",
            "'",
            "\u{1}",
            "\u{8}",
            "\u{1F}",
            "\u{FFFE}",
            "\u{FFFF}",
            "\t",
            "\n",
            "\r",
            "\r\n",
            " ",
            "–",
            "’",
            "“",
            "”",
            "é",
            "ŵ",
            "£",
            "🏥",
            "\u{10FFFF}",
            "\u{E000}",
            TEXT,
            RID,
            NAME,
            "918273645",
            "&amp;",
            "]]>",
        ])
        .prop_map(str::to_string);
        let pieces = prop_oneof![special, any::<char>().prop_map(String::from), "[a-z ]{1,8}"];
        prop::collection::vec(pieces, 0..8).prop_map(|p| p.concat())
    }

    fn inline() -> impl Strategy<Value = Inline> {
        prop_oneof![
            awkward_text().prop_map(Inline::Text),
            awkward_text().prop_map(Inline::Emphasis),
            awkward_text().prop_map(Inline::Strong),
            (awkward_text(), awkward_text()).prop_map(|(text, url)| Inline::Link { text, url }),
        ]
    }

    fn inlines() -> impl Strategy<Value = Vec<Inline>> {
        prop::collection::vec(inline(), 0..5)
    }

    fn list_items() -> impl Strategy<Value = Vec<ListItem>> {
        let leaf = inlines().prop_map(|content| ListItem {
            content,
            children: vec![],
        });
        let item = leaf.prop_recursive(4, 24, 3, |inner| {
            (inlines(), prop::collection::vec(inner, 0..3))
                .prop_map(|(content, children)| ListItem { content, children })
        });
        prop::collection::vec(item, 0..4)
    }

    fn block() -> impl Strategy<Value = Block> {
        prop_oneof![
            awkward_text().prop_map(Block::Title),
            (0u8..6, awkward_text(), "[A-Za-z0-9-]{0,50}").prop_map(|(level, text, anchor)| {
                Block::Heading(Heading {
                    level,
                    text,
                    anchor,
                })
            }),
            inlines().prop_map(Block::Paragraph),
            (any::<bool>(), list_items())
                .prop_map(|(numbered, items)| Block::List(List { numbered, items })),
            prop::collection::vec(
                (awkward_text(), inlines()).prop_map(|(key, value)| KeyValue { key, value }),
                0..4
            )
            .prop_map(Block::KeyValue),
            (0usize..5)
                .prop_flat_map(|columns| (
                    awkward_text(),
                    prop::collection::vec(awkward_text(), columns),
                    prop::collection::vec(prop::collection::vec(awkward_text(), columns), 0..4),
                ))
                .prop_map(|(caption, columns, rows)| Block::Table(Table {
                    caption,
                    columns,
                    rows
                })),
            (awkward_text(), 0u8..6)
                .prop_map(|(title, max_level)| Block::Contents(Contents { title, max_level })),
            Just(Block::PageBreak),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        #[test]
        fn cached_xml_is_docx_rs_xml(blocks in prop::collection::vec(block(), 0..12)) {
            check(&doc(blocks));
        }

        #[test]
        fn cached_text_is_docx_rs_text(text in awkward_text()) {
            let mut ours = Vec::new();
            push_text(&mut ours, &text);
            let theirs = build(&text_run(&text, CharStyle::Plain));
            let cache = Cache::new().unwrap();
            let mut expected = cache.runs[0].piece(0).to_vec();
            expected.extend_from_slice(&ours);
            expected.extend_from_slice(cache.runs[0].piece(1));
            prop_assert_eq!(String::from_utf8(expected).unwrap(), String::from_utf8(theirs).unwrap());
        }
    }
}
