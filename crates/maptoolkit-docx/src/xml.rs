//! A minimal XML writer: tags, attributes and escaped text appended to a byte buffer.
//!
//! Every part we write goes through [`Xml`]. Tag and attribute names are our own constants;
//! attribute values and text come from the document and are escaped by
//! [`escape_into`](crate::text::escape_into), so a part is well-formed whatever the text holds.
//! What order elements come in is decided by [`crate::schema`], not here.

use crate::text::escape_into;

/// The XML declaration every part starts with.
pub(crate) const DECLARATION: &str =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// An XML document being written.
#[derive(Debug, Default)]
pub(crate) struct Xml {
    /// What has been written so far.
    pub buf: Vec<u8>,
}

impl Xml {
    /// An empty buffer with room for `capacity` bytes.
    pub(crate) fn with_capacity(capacity: usize) -> Xml {
        Xml {
            buf: Vec::with_capacity(capacity),
        }
    }

    /// A part: the declaration, then whatever is written.
    pub(crate) fn part() -> Xml {
        let mut x = Xml::with_capacity(4096);
        x.raw(DECLARATION);
        x
    }

    /// Appends constant markup as it is.
    pub(crate) fn raw(&mut self, markup: &str) {
        self.buf.extend_from_slice(markup.as_bytes());
    }

    fn tag(&mut self, name: &str, attributes: &[(&str, &str)]) {
        self.buf.push(b'<');
        self.raw(name);
        for (key, value) in attributes {
            self.buf.push(b' ');
            self.raw(key);
            self.raw("=\"");
            escape_into(&mut self.buf, value);
            self.buf.push(b'"');
        }
    }

    /// `<name a="v"…>`.
    pub(crate) fn open(&mut self, name: &str, attributes: &[(&str, &str)]) {
        self.tag(name, attributes);
        self.buf.push(b'>');
    }

    /// `<name a="v"…/>`.
    pub(crate) fn empty(&mut self, name: &str, attributes: &[(&str, &str)]) {
        self.tag(name, attributes);
        self.raw("/>");
    }

    /// `</name>`.
    pub(crate) fn close(&mut self, name: &str) {
        self.raw("</");
        self.raw(name);
        self.buf.push(b'>');
    }

    /// Escaped text.
    pub(crate) fn text(&mut self, text: &str) {
        escape_into(&mut self.buf, text);
    }

    /// `<name w:val="value"/>`, the shape of most WordprocessingML properties.
    pub(crate) fn val(&mut self, name: &str, value: &str) {
        self.empty(name, &[("w:val", value)]);
    }

    /// `<name val="value"/>`, the shape of most DrawingML chart properties.
    pub(crate) fn dml(&mut self, name: &str, value: &str) {
        self.empty(name, &[("val", value)]);
    }

    /// `<name w:val="n"/>` for a number.
    pub(crate) fn num(&mut self, name: &str, n: impl std::fmt::Display) {
        self.val(name, &n.to_string());
    }

    /// `<name a="v"…>text</name>`.
    pub(crate) fn leaf(&mut self, name: &str, attributes: &[(&str, &str)], text: &str) {
        self.open(name, attributes);
        self.text(text);
        self.close(name);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_and_text_are_escaped_names_are_not() {
        let mut x = Xml::default();
        x.open("w:p", &[("w:a", "1 < 2 & \"3\"")]);
        x.leaf("w:t", &[], "<b> & \u{1}");
        x.val("w:pStyle", "Heading1");
        x.close("w:p");
        assert_eq!(
            String::from_utf8(x.buf).unwrap(),
            "<w:p w:a=\"1 &lt; 2 &amp; &quot;3&quot;\"><w:t>&lt;b&gt; &amp; \u{FFFD}</w:t><w:pStyle w:val=\"Heading1\"/></w:p>"
        );
    }
}
