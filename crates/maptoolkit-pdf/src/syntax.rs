//! PDF file syntax, written straight to the output as it is produced.
//!
//! [`PdfFile`] numbers objects ([`PdfFile::alloc`]), writes streams (page contents, fonts) at
//! once, gathers the many small dictionaries (pages, structure elements, outline entries) into
//! compressed object streams, and finishes with a compressed cross-reference stream (PDF 1.5).
//! Nothing but the small dictionaries waiting for their object stream is held in memory, so a
//! document of any length is written in bounded space.
//!
//! The trailer `/ID` is a hash of every byte written before the cross-reference stream, so the
//! same document always gives the same file.
//!
//! The helpers [`name`], [`text_string`], [`ascii_string`] and [`Num`] write PDF values
//! correctly escaped; everything else in a dictionary is fixed syntax.

use std::fmt::{self, Display, Write as _};
use std::io::{self, Write};

/// An indirect object's number (generation is always 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Ref(pub u32);

impl Ref {
    /// Appends the reference (`12 0 R`) to `out`, without going through `fmt` (a structure
    /// tree holds millions of them).
    pub(crate) fn push(self, out: &mut Vec<u8>) {
        push_int(out, u64::from(self.0));
        out.extend_from_slice(b" 0 R");
    }
}

impl Display for Ref {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} 0 R", self.0)
    }
}

/// A number as PDF writes it: at most two decimals, no exponent, no trailing zeros.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Num(pub f32);

impl Num {
    /// Appends the number to `out`, without going through `fmt` (content streams hold
    /// millions of numbers).
    pub(crate) fn push(self, out: &mut Vec<u8>) {
        push_hundredths(out, self.hundredths());
    }

    /// The number in hundredths, rounded: what [`Num::push`] writes.
    pub(crate) fn hundredths(self) -> i64 {
        let v = if self.0.is_finite() { self.0 } else { 0.0 };
        (f64::from(v) * 100.0).round() as i64
    }
}

/// Appends a number given in hundredths, as [`Num`] writes it.
pub(crate) fn push_hundredths(out: &mut Vec<u8>, hundredths: i64) {
    if hundredths < 0 {
        out.push(b'-');
    }
    let h = hundredths.unsigned_abs();
    push_int(out, h / 100);
    let r = h % 100;
    if r != 0 {
        out.push(b'.');
        out.push(b'0' + (r / 10) as u8);
        if !r.is_multiple_of(10) {
            out.push(b'0' + (r % 10) as u8);
        }
    }
}

/// Appends a non-negative integer in decimal.
pub(crate) fn push_int(out: &mut Vec<u8>, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[i..]);
}

impl Display for Num {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = Vec::with_capacity(12);
        self.push(&mut out);
        f.write_str(std::str::from_utf8(&out).unwrap_or("0"))
    }
}

/// Appends `n` as a PDF name (`/Name`), escaping what names cannot hold as `#xx`.
pub(crate) fn name(out: &mut String, n: &str) {
    out.push('/');
    for b in n.bytes() {
        if b.is_ascii_alphanumeric() || b"-+_.,:;*'!&".contains(&b) {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "#{b:02X}");
        }
    }
}

/// Appends a text string (ISO 32000-1 §7.9.2.2): a literal if it is printable ASCII, otherwise
/// UTF-16BE with a byte order mark, in hexadecimal.
pub(crate) fn text_string(out: &mut String, s: &str) {
    if s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        ascii_string(out, s.as_bytes());
    } else {
        out.push_str("<FEFF");
        for unit in s.encode_utf16() {
            let _ = write!(out, "{unit:04X}");
        }
        out.push('>');
    }
}

/// Appends bytes as a literal string, escaping parentheses, backslashes and anything outside
/// printable ASCII in octal.
pub(crate) fn ascii_string(out: &mut String, bytes: &[u8]) {
    out.push('(');
    for &b in bytes {
        match b {
            b'(' | b')' | b'\\' => {
                out.push('\\');
                out.push(char::from(b));
            }
            0x20..0x7f => out.push(char::from(b)),
            _ => {
                let _ = write!(out, "\\{b:03o}");
            }
        }
    }
    out.push(')');
}

/// The deflate level: fast, and files about a fifth smaller than at level 1 (see BENCHMARKS.md).
const LEVEL: u32 = 2;

/// Deflates `data` (zlib format, as `/FlateDecode` wants) at a level that favours speed.
///
/// Each thread keeps one compressor and resets it between streams: setting one up costs more
/// than compressing a typical page.
pub(crate) fn deflate(data: &[u8]) -> Vec<u8> {
    use flate2::{Compress, Compression, FlushCompress, Status};
    thread_local! {
        static COMPRESSOR: std::cell::RefCell<Compress> =
            std::cell::RefCell::new(Compress::new(Compression::new(LEVEL), true));
    }
    COMPRESSOR.with_borrow_mut(|c| {
        c.reset();
        let mut out = Vec::with_capacity(data.len() / 3 + 64);
        loop {
            let consumed = usize::try_from(c.total_in()).unwrap_or(data.len());
            if out.len() == out.capacity() {
                out.reserve(out.capacity().max(64));
            }
            match c.compress_vec(
                &data[consumed.min(data.len())..],
                &mut out,
                FlushCompress::Finish,
            ) {
                Ok(Status::StreamEnd) => return out,
                Ok(_) => {}
                // Compressing into memory only fails on a bug in the compressor: store the
                // data in a fresh stream rather than lose it.
                Err(_) => return deflate_once(data),
            }
        }
    })
}

/// Deflates `data` with a new compressor.
fn deflate_once(data: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(LEVEL));
    // Writing to a Vec cannot fail.
    let _ = encoder.write_all(data);
    encoder.finish().unwrap_or_default()
}

/// Where an object was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Entry {
    /// Allocated and not written yet.
    Pending,
    /// At a byte offset of the file.
    At(u64),
    /// The `index`-th object of object stream `stream`.
    InStream { stream: u32, index: u32 },
}

/// An [`Entry`] in eight bytes: a long document has a million objects.
///
/// `u64::MAX` is pending, the top bit marks an object stream (stream number in the next 31
/// bits, index in the low 32, never all ones), anything else is an offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Slot(u64);

impl Slot {
    const PENDING: Slot = Slot(u64::MAX);
    const IN_STREAM: u64 = 1 << 63;

    fn new(entry: Entry) -> Slot {
        match entry {
            Entry::Pending => Slot::PENDING,
            Entry::At(offset) => {
                assert!(offset < Slot::IN_STREAM, "a PDF smaller than 8 EiB");
                Slot(offset)
            }
            Entry::InStream { stream, index } => {
                assert!(stream < 1 << 31, "fewer than 2³¹ objects");
                assert!(index < u32::MAX, "fewer than 2³² - 1 objects per stream");
                Slot(Slot::IN_STREAM | u64::from(stream) << 32 | u64::from(index))
            }
        }
    }

    fn get(self) -> Entry {
        if self == Slot::PENDING {
            Entry::Pending
        } else if self.0 & Slot::IN_STREAM != 0 {
            Entry::InStream {
                stream: ((self.0 & !Slot::IN_STREAM) >> 32) as u32,
                index: self.0 as u32,
            }
        } else {
            Entry::At(self.0)
        }
    }
}

/// The writer's output, counting and hashing every byte.
///
/// The hash is XXH3-128: stable across platforms and versions, and fast enough to run over
/// every byte of a 70 MB file without showing in a profile.
struct Output<W> {
    inner: W,
    written: u64,
    hash: xxhash_rust::xxh3::Xxh3,
}

impl<W: Write> Output<W> {
    fn put(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.inner.write_all(bytes)?;
        self.written += bytes.len() as u64;
        self.hash.update(bytes);
        Ok(())
    }
}

/// Small objects gathered for one object stream.
///
/// [`PdfFile`] gathers the objects written one at a time into one; callers with many objects
/// build their own on several threads, [pack](ObjectStream::pack) them there and hand the
/// results to [`PdfFile::packed`] in order.
#[derive(Debug, Default)]
pub(crate) struct ObjectStream {
    ids: Vec<Ref>,
    body: Vec<u8>,
    offsets: Vec<usize>,
}

/// Objects per object stream: big enough to compress well, small enough to stay cheap to read.
pub(crate) const PER_OBJECT_STREAM: usize = 200;

impl ObjectStream {
    /// Adds object `id`: a dictionary or array, never a stream.
    pub(crate) fn push(&mut self, id: Ref, body: &[u8]) {
        self.ids.push(id);
        self.offsets.push(self.body.len());
        self.body.extend_from_slice(body);
        self.body.push(b'\n');
    }

    /// How many objects it holds.
    pub(crate) fn len(&self) -> usize {
        self.ids.len()
    }

    /// The stream's data, deflated, with what [`PdfFile::packed`] needs to write it.
    pub(crate) fn pack(self) -> PackedObjects {
        let mut data = Vec::with_capacity(self.ids.len() * 12 + self.body.len());
        for (id, &offset) in self.ids.iter().zip(&self.offsets) {
            push_int(&mut data, u64::from(id.0));
            data.push(b' ');
            push_int(&mut data, offset as u64);
            data.push(b' ');
        }
        let first = data.len();
        data.extend_from_slice(&self.body);
        PackedObjects {
            ids: self.ids,
            first,
            data: deflate(&data),
        }
    }
}

/// An [`ObjectStream`] deflated and ready to write.
#[derive(Debug)]
pub(crate) struct PackedObjects {
    ids: Vec<Ref>,
    /// Where the first object starts in the inflated data.
    first: usize,
    data: Vec<u8>,
}

/// A PDF file being written.
pub(crate) struct PdfFile<W> {
    out: Output<W>,
    entries: Vec<Slot>,
    pending: ObjectStream,
}

impl<W: Write> PdfFile<W> {
    /// Starts a PDF 1.7 file on `out`.
    pub(crate) fn new(out: W) -> io::Result<PdfFile<W>> {
        let mut file = PdfFile {
            out: Output {
                inner: out,
                written: 0,
                hash: xxhash_rust::xxh3::Xxh3::new(),
            },
            // Object 0 is the head of the free list.
            entries: vec![Slot::new(Entry::At(0))],
            pending: ObjectStream::default(),
        };
        // The binary comment tells transfer tools the file is not text.
        file.out.put(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n")?;
        Ok(file)
    }

    /// A new object number; the object must be written before [`PdfFile::finish`].
    pub(crate) fn alloc(&mut self) -> Ref {
        self.alloc_many(1)
    }

    /// `n` new consecutive object numbers, the first of which is returned.
    pub(crate) fn alloc_many(&mut self, n: usize) -> Ref {
        let first = self.entries.len();
        assert!(u32::try_from(first + n).is_ok(), "fewer than 2³² objects");
        // Exactly: a long document allocates a million structure elements at once.
        self.entries.reserve_exact(n);
        self.entries.resize(first + n, Slot::PENDING);
        Ref(first as u32)
    }

    /// Writes a small object (a dictionary or array, never a stream) into an object stream.
    pub(crate) fn object(&mut self, id: Ref, body: &str) -> io::Result<()> {
        self.pending.push(id, body.as_bytes());
        if self.pending.len() >= PER_OBJECT_STREAM {
            self.flush_objects()?;
        }
        Ok(())
    }

    /// Writes a stream object: `dict` holds the entries other than `/Length` (and `/Filter`,
    /// added when `compressed`), `data` the stream's bytes as they go into the file.
    pub(crate) fn stream(
        &mut self,
        id: Ref,
        dict: &str,
        data: &[u8],
        compressed: bool,
    ) -> io::Result<()> {
        self.entries[id.0 as usize] = Slot::new(Entry::At(self.out.written));
        let filter = if compressed {
            "/Filter/FlateDecode"
        } else {
            ""
        };
        let head = format!(
            "{} 0 obj\n<<{dict}{filter}/Length {}>>\nstream\n",
            id.0,
            data.len()
        );
        self.out.put(head.as_bytes())?;
        self.out.put(data)?;
        self.out.put(b"\nendstream\nendobj\n")
    }

    /// Writes the waiting small objects as one compressed object stream.
    fn flush_objects(&mut self) -> io::Result<()> {
        let pending = std::mem::take(&mut self.pending);
        if pending.len() == 0 {
            return Ok(());
        }
        self.packed(pending.pack())
    }

    /// Writes an object stream packed by [`ObjectStream::pack`].
    pub(crate) fn packed(&mut self, packed: PackedObjects) -> io::Result<()> {
        let stream = self.alloc();
        for (index, id) in packed.ids.iter().enumerate() {
            self.entries[id.0 as usize] = Slot::new(Entry::InStream {
                stream: stream.0,
                index: u32::try_from(index).expect("few objects per stream"),
            });
        }
        let dict = format!("/Type/ObjStm/N {}/First {}", packed.ids.len(), packed.first);
        self.stream(stream, &dict, &packed.data, true)
    }

    /// Writes the cross-reference stream and trailer, and hands back the output.
    ///
    /// # Errors
    /// An I/O error, or [`io::ErrorKind::InvalidData`] if an allocated object was never written
    /// (a bug in the caller).
    pub(crate) fn finish(mut self, root: Ref, info: Ref) -> io::Result<W> {
        self.flush_objects()?;
        let xref = self.alloc();
        self.entries[xref.0 as usize] = Slot::new(Entry::At(self.out.written));
        if let Some(missing) = self.entries.iter().position(|e| *e == Slot::PENDING) {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!("PDF object {missing} was allocated but never written"),
            ));
        }
        let id = self.out.hash.digest128().to_be_bytes();
        let width = if self.out.written < 1 << 32 { 4 } else { 8 };
        let mut rows = Vec::with_capacity(self.entries.len() * (3 + width));
        for (n, entry) in self.entries.iter().enumerate() {
            let (kind, field2, field3): (u8, u64, u16) = match entry.get() {
                Entry::At(_) if n == 0 => (0, 0, 0xFFFF),
                Entry::At(offset) => (1, offset, 0),
                Entry::InStream { stream, index } => (
                    2,
                    u64::from(stream),
                    u16::try_from(index).unwrap_or(u16::MAX),
                ),
                Entry::Pending => unreachable!("checked above"),
            };
            rows.push(kind);
            rows.extend_from_slice(&field2.to_be_bytes()[8 - width..]);
            rows.extend_from_slice(&field3.to_be_bytes());
        }
        let mut hex = String::with_capacity(32);
        for b in id {
            let _ = write!(hex, "{b:02x}");
        }
        let dict = format!(
            "/Type/XRef/Size {}/W[1 {width} 2]/Root {root}/Info {info}/ID[<{hex}><{hex}>]",
            self.entries.len()
        );
        let start = self.out.written;
        self.stream(xref, &dict, &deflate(&rows), true)?;
        self.out
            .put(format!("startxref\n{start}\n%%EOF\n").as_bytes())?;
        self.out.inner.flush()?;
        Ok(self.out.inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deflated_streams_inflate_to_their_data_each_time() {
        use std::io::Read;
        let big: Vec<u8> = (0..200_000u32)
            .flat_map(|i| (i % 251).to_le_bytes())
            .collect();
        for data in [&b""[..], b"BT /LSREGU 9 Tf ET", &big, b"again"] {
            let mut back = Vec::new();
            flate2::read::ZlibDecoder::new(&deflate(data)[..])
                .read_to_end(&mut back)
                .unwrap();
            assert_eq!(back, data);
            assert_eq!(deflate(data), deflate_once(data));
        }
    }

    #[test]
    fn slots_give_back_their_entries() {
        for entry in [
            Entry::Pending,
            Entry::At(0),
            Entry::At(17),
            Entry::At((1 << 63) - 1),
            Entry::InStream {
                stream: 0,
                index: 0,
            },
            Entry::InStream {
                stream: (1 << 31) - 1,
                index: u32::MAX - 1,
            },
            Entry::InStream {
                stream: 123_456,
                index: 199,
            },
        ] {
            assert_eq!(Slot::new(entry).get(), entry);
        }
        assert_eq!(std::mem::size_of::<Slot>(), 8);
    }

    #[test]
    fn numbers_have_at_most_two_decimals() {
        let shown: Vec<String> = [0.0, 1.0, -1.5, 56.6929, 0.004, -0.004, 841.8898, f32::NAN]
            .iter()
            .map(|&v| Num(v).to_string())
            .collect();
        assert_eq!(shown, ["0", "1", "-1.5", "56.69", "0", "0", "841.89", "0"]);
    }

    #[test]
    fn strings_and_names_are_escaped() {
        let mut s = String::new();
        text_string(&mut s, "Plain (ASCII) \\ text");
        assert_eq!(s, r"(Plain \(ASCII\) \\ text)");
        s.clear();
        text_string(&mut s, "1 – 3");
        assert_eq!(s, "<FEFF00310020201300200033>");
        s.clear();
        ascii_string(&mut s, "a\u{e9}".as_bytes());
        assert_eq!(s, r"(a\303\251)");
        s.clear();
        name(&mut s, "Liberation Sans#1");
        assert_eq!(s, "/Liberation#20Sans#231");
    }

    #[test]
    fn objects_land_in_object_streams_and_the_xref_finds_them() {
        let mut file = PdfFile::new(Vec::new()).unwrap();
        let catalog = file.alloc();
        let pages = file.alloc();
        let info = file.alloc();
        file.object(catalog, &format!("<</Type/Catalog/Pages {pages}>>"))
            .unwrap();
        file.object(pages, "<</Type/Pages/Kids[]/Count 0>>")
            .unwrap();
        file.object(info, "<</Title(t)>>").unwrap();
        let bytes = file.finish(catalog, info).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.starts_with("%PDF-1.7\n"));
        assert!(text.ends_with("%%EOF\n"));
        assert!(text.contains("/Type/ObjStm/N 3/First "));
        assert!(text.contains("/Type/XRef/Size 6/W[1 4 2]/Root 1 0 R/Info 3 0 R/ID[<"));
    }

    #[test]
    fn an_object_allocated_and_not_written_is_an_error() {
        let mut file = PdfFile::new(Vec::new()).unwrap();
        let root = file.alloc();
        let forgotten = file.alloc();
        file.object(root, "<<>>").unwrap();
        let err = file.finish(root, forgotten).err().unwrap();
        assert_eq!(err.kind(), io::ErrorKind::InvalidData);
        assert!(err.to_string().contains("object 2"), "{err}");
    }

    #[test]
    fn the_id_depends_on_the_content() {
        let write = |title: &str| {
            let mut file = PdfFile::new(Vec::new()).unwrap();
            let root = file.alloc();
            file.object(root, &format!("<</Title({title})>>")).unwrap();
            let bytes = file.finish(root, root).unwrap();
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let at = text.find("/ID[<").unwrap();
            text[at..at + 37].to_string()
        };
        assert_eq!(write("a"), write("a"));
        assert_ne!(write("a"), write("b"));
    }
}
