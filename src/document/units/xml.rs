//! XML scanning shared by the XLIFF and TMX readers: quick-xml's pull reader over the
//! file's text, each event with its byte span (from the reader's `buffer_position`), the
//! well-formedness checks quick-xml leaves to its user (attributes, one root, every element
//! closed, no undeclared entity, no control character), attributes with the spans of their
//! values, and escaping for writing text back.
//!
//! Nothing is ever fetched or expanded: a DTD is skipped, and an entity other than the five
//! predefined ones and character references is an error.

use std::borrow::Cow;
use std::ops::Range;

use quick_xml::Reader;
use quick_xml::events::Event;

use super::encoding::Decoded;
use super::error::{ErrorKind, FormatError};

/// What an event is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ev {
    Start,
    End,
    Empty,
    Text,
    CData,
    /// An entity or character reference (`&amp;`, `&#x4E2D;`).
    Ref,
    Comment,
    Pi,
    Decl,
    DocType,
}

/// An event and its bytes in the file's text.
#[derive(Debug, Clone)]
pub(crate) struct XmlEvent {
    pub kind: Ev,
    pub span: Range<usize>,
}

/// Where errors are reported: the file's name and text.
#[derive(Clone, Copy)]
pub(crate) struct Place<'a> {
    pub path: &'a str,
    pub decoded: &'a Decoded,
}

impl Place<'_> {
    /// An error at text offset `at`.
    pub fn error(&self, at: usize, kind: ErrorKind, message: impl Into<String>) -> FormatError {
        let text = &self.decoded.text;
        let mut at = at.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let before = &text[..at];
        let line = memchr::memchr_iter(b'\n', before.as_bytes()).count() + 1;
        let line_start = before.rfind('\n').map_or(0, |p| p + 1);
        let mut column = before[line_start..].chars().count() + 1;
        if line_start == 0 && before.starts_with('\u{feff}') {
            column -= 1;
        }
        FormatError {
            path: self.path.to_string(),
            line,
            column,
            offset: self.decoded.file_offset(at),
            kind,
            message: message.into(),
        }
    }
}

/// A pull scanner over an XML document with byte spans and well-formedness checks.
pub(crate) struct Scanner<'a> {
    pub text: &'a str,
    pub place: Place<'a>,
    base: usize,
    reader: Reader<&'a [u8]>,
    /// Start offsets of the open elements.
    open: Vec<usize>,
    /// A side builder to reuse, so that reading a side does not grow new buffers.
    pub scratch: Option<super::side::SideBuilder>,
    root_seen: bool,
}

impl<'a> Scanner<'a> {
    pub fn new(place: Place<'a>) -> Self {
        let text = place.decoded.text.as_str();
        let base = if text.starts_with('\u{feff}') { 3 } else { 0 };
        Scanner {
            text,
            place,
            base,
            reader: reader_at(text, base),
            open: Vec::with_capacity(16),
            scratch: None,
            root_seen: false,
        }
    }

    /// Where the scanner is: the offset of the next event and the open elements, to
    /// [`Scanner::rewind`] to.
    pub fn mark(&self) -> (usize, Vec<usize>) {
        (
            self.base + self.reader.buffer_position() as usize,
            self.open.clone(),
        )
    }

    /// Reads again from `at` (the start of an event), with `open` the elements open there.
    pub fn rewind(&mut self, at: usize, open: Vec<usize>) {
        self.base = at;
        self.reader = reader_at(self.text, at);
        self.open = open;
    }

    pub fn error(&self, at: usize, message: impl Into<String>) -> FormatError {
        self.place.error(at, ErrorKind::Malformed, message)
    }

    /// The next event, or `None` at the end of a well-formed document.
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> Result<Option<XmlEvent>, FormatError> {
        self.read()
    }

    fn read(&mut self) -> Result<Option<XmlEvent>, FormatError> {
        let start = self.base + self.reader.buffer_position() as usize;
        let event = match self.reader.read_event() {
            Ok(e) => e,
            Err(e) => {
                let at = self.base + self.reader.error_position() as usize;
                return Err(self.error(at, format!("malformed XML: {e}")));
            }
        };
        let end = self.base + self.reader.buffer_position() as usize;
        let span = start..end;
        let kind = match event {
            Event::Start(_) | Event::Empty(_) => {
                if self.open.is_empty() && self.root_seen {
                    return Err(self.error(
                        start,
                        format!(
                            "malformed XML: a second root element <{}> after the end of the document",
                            tag_name(self.text, &span)
                        ),
                    ));
                }
                self.root_seen = true;
                self.check_attributes(&span)?;
                if matches!(event, Event::Start(_)) {
                    self.open.push(start);
                    Ev::Start
                } else {
                    Ev::Empty
                }
            }
            Event::End(_) => {
                // End tags are matched here rather than by quick-xml, so that reading can
                // start again inside the document (`rewind`).
                let Some(open_at) = self.open.pop() else {
                    return Err(self.error(
                        start,
                        format!(
                            "malformed XML: end tag </{}> without a start tag",
                            tag_name(self.text, &span)
                        ),
                    ));
                };
                let name = tag_name(self.text, &span);
                let bytes = self.text.as_bytes();
                let same = bytes.get(open_at + 1..open_at + 1 + name.len())
                    == Some(name.as_bytes())
                    && self
                        .text
                        .as_bytes()
                        .get(open_at + 1 + name.len())
                        .is_some_and(|&b| b.is_ascii_whitespace() || b == b'>' || b == b'/');
                if !same {
                    let open_name = tag_name(self.text, &(open_at..self.text.len()));
                    let line = self.place.error(open_at, ErrorKind::Malformed, "").line;
                    return Err(self.error(
                        start,
                        format!(
                            "malformed XML: expected </{open_name}> (to close <{open_name}> of line {line}), found </{name}>"
                        ),
                    ));
                }
                Ev::End
            }
            Event::Text(t) => {
                let raw: &str = &t;
                if self.open.is_empty() {
                    if let Some(p) = raw.find(|c: char| !c.is_whitespace()) {
                        return Err(
                            self.error(start + p, "malformed XML: text outside the root element")
                        );
                    }
                } else {
                    self.check_chars(raw, start)?;
                }
                Ev::Text
            }
            Event::CData(t) => {
                if self.open.is_empty() {
                    return Err(self.error(start, "malformed XML: CDATA outside the root element"));
                }
                self.check_chars(&t, start + "<![CDATA[".len())?;
                Ev::CData
            }
            Event::GeneralRef(r) => {
                if self.open.is_empty() {
                    return Err(
                        self.error(start, "malformed XML: a reference outside the root element")
                    );
                }
                let name: &str = &r;
                if resolve_reference(name).is_none() {
                    return Err(self.error(start, unknown_reference(name)));
                }
                Ev::Ref
            }
            Event::Comment(_) => Ev::Comment,
            Event::PI(_) => Ev::Pi,
            Event::Decl(_) => Ev::Decl,
            Event::DocType(_) => Ev::DocType,
            Event::Eof => {
                if let Some(&at) = self.open.last() {
                    let name = tag_name(self.text, &(at..self.text.len()));
                    return Err(self.error(
                        self.text.len(),
                        format!(
                            "malformed XML: the file ends before <{name}> (line {}) is closed",
                            self.place.error(at, ErrorKind::Malformed, "").line
                        ),
                    ));
                }
                if !self.root_seen {
                    return Err(self.error(0, "malformed XML: no root element"));
                }
                return Ok(None);
            }
        };
        Ok(Some(XmlEvent { kind, span }))
    }

    /// XML 1.0 allows no control characters but tab and line breaks.
    fn check_chars(&self, raw: &str, at: usize) -> Result<(), FormatError> {
        let bad = |b: u8| b < 0x20 && b != b'\t' && b != b'\n' && b != b'\r';
        // A pass without early exit (vectorised), then a search only when there is one.
        if !raw.bytes().fold(false, |found, b| found | bad(b)) {
            return Ok(());
        }
        if let Some(p) = raw.bytes().position(bad) {
            return Err(self.error(
                at + p,
                format!(
                    "malformed XML: control character U+{:04X}, which XML 1.0 does not allow",
                    raw.as_bytes()[p]
                ),
            ));
        }
        Ok(())
    }

    /// Every attribute of a start tag: quoted, after `=`, not given twice, no `<` in it.
    fn check_attributes(&self, span: &Range<usize>) -> Result<(), FormatError> {
        // Names seen so far: a few on the stack, more in a vector (rare).
        let mut few: [&str; 12] = [""; 12];
        let mut more: Vec<&str> = Vec::new();
        for (count, a) in attributes(self.text, span).enumerate() {
            let a = a.map_err(|(at, msg)| self.error(at, format!("malformed XML: {msg}")))?;
            if few[..count.min(12)].contains(&a.name) || more.contains(&a.name) {
                return Err(self.error(
                    a.value_span.start,
                    format!(
                        "malformed XML: attribute {} is given twice in <{}>",
                        a.name,
                        tag_name(self.text, span)
                    ),
                ));
            }
            if let Some(p) = a.raw.find('<') {
                return Err(self.error(
                    a.value_span.start + p,
                    "malformed XML: `<` in an attribute value (write &lt;)",
                ));
            }
            if count < 12 {
                few[count] = a.name;
            } else {
                more.push(a.name);
            }
        }
        Ok(())
    }

    /// Skips to the end of the element whose start tag was just read; returns the span of
    /// its end tag.
    pub fn skip_element(&mut self) -> Result<Range<usize>, FormatError> {
        self.read_to_end_tag(|_, _| {})
    }

    /// The text content of the element whose start tag was just read (references
    /// resolved, CDATA unwrapped, the markup of child elements left out), to its end tag.
    pub fn element_text(&mut self) -> Result<String, FormatError> {
        let mut out = String::new();
        self.read_to_end_tag(|text, e| match e.kind {
            Ev::Text => out.push_str(&text[e.span.clone()]),
            Ev::CData => out.push_str(cdata_content(text, &e.span)),
            Ev::Ref => out.extend(resolve_reference(ref_name(text, &e.span))),
            _ => {}
        })?;
        Ok(out)
    }

    /// Reads to the end tag of the element whose start tag was just read, showing `visit`
    /// every event inside it; returns the end tag's span.
    fn read_to_end_tag(
        &mut self,
        mut visit: impl FnMut(&str, &XmlEvent),
    ) -> Result<Range<usize>, FormatError> {
        let mut depth = 0usize;
        loop {
            let Some(e) = self.next()? else {
                return Err(self.error(self.text.len(), "malformed XML: unexpected end"));
            };
            match e.kind {
                Ev::Start => depth += 1,
                Ev::End if depth == 0 => return Ok(e.span),
                Ev::End => depth -= 1,
                _ => {}
            }
            visit(self.text, &e);
        }
    }
}

/// A quick-xml reader over the text from `at`: end tags are matched by [`Scanner`].
fn reader_at(text: &str, at: usize) -> Reader<&[u8]> {
    let mut reader = Reader::from_str(&text[at..]);
    let config = reader.config_mut();
    config.check_end_names = false;
    config.allow_unmatched_ends = true;
    config.expand_empty_elements = false;
    config.trim_text(false);
    reader
}

/// The message for a reference that is neither predefined nor a character reference.
fn unknown_reference(name: &str) -> String {
    if name.starts_with('#') {
        format!("malformed XML: &{name}; is not a character XML allows")
    } else {
        format!(
            "malformed XML: unknown entity &{name}; (only &lt; &gt; &amp; &apos; &quot; and character references are read; a DTD's entities are not)"
        )
    }
}

/// The qualified name of a start, empty or end tag.
pub(crate) fn tag_name<'t>(text: &'t str, span: &Range<usize>) -> &'t str {
    let bytes = text.as_bytes();
    let end = span.end.min(text.len());
    let mut start = span.start;
    if bytes.get(start) == Some(&b'<') {
        start += 1;
        if bytes.get(start) == Some(&b'/') {
            start += 1;
        }
    }
    let len = bytes[start..end]
        .iter()
        .position(|&b| b.is_ascii_whitespace() || b == b'/' || b == b'>')
        .unwrap_or(end - start);
    // The name ends at an ASCII byte: a character boundary.
    &text[start..start + len]
}

/// The local part of a qualified name.
pub(crate) fn local(name: &str) -> &str {
    name.rfind(':').map_or(name, |p| &name[p + 1..])
}

/// The prefix of a qualified name with its colon (`xlf:`), or "".
pub(crate) fn prefix(name: &str) -> &str {
    name.rfind(':').map_or("", |p| &name[..=p])
}

/// The name inside a reference's span (`amp` of `&amp;`).
pub(crate) fn ref_name<'t>(text: &'t str, span: &Range<usize>) -> &'t str {
    &text[span.start + 1..span.end - 1]
}

/// The content of a CDATA section's span.
pub(crate) fn cdata_content<'t>(text: &'t str, span: &Range<usize>) -> &'t str {
    &text[span.start + "<![CDATA[".len()..span.end - "]]>".len()]
}

/// The character a reference stands for: a predefined entity or a character reference
/// to a character XML 1.0 allows.
pub(crate) fn resolve_reference(name: &str) -> Option<char> {
    let c = match name {
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "apos" => '\'',
        "quot" => '"',
        _ => {
            let n = name.strip_prefix('#')?;
            let code = match n.strip_prefix('x') {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => n.parse::<u32>().ok()?,
            };
            char::from_u32(code)?
        }
    };
    xml_char(c).then_some(c)
}

/// Whether XML 1.0 allows `c` in a document.
pub(crate) fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && !matches!(c, '\u{fffe}' | '\u{ffff}'))
}

/// `raw` with its references resolved (unknown ones kept as written).
pub(crate) fn decode_entities(raw: &str) -> Cow<'_, str> {
    if !raw.contains('&') {
        return Cow::Borrowed(raw);
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        let after = &rest[p + 1..];
        match after
            .find(';')
            .and_then(|e| Some((e, resolve_reference(&after[..e])?)))
        {
            Some((e, c)) => {
                out.push(c);
                rest = &after[e + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// One attribute of a tag: its name, its value as written, and where the value is.
#[derive(Debug, Clone)]
pub(crate) struct Attr<'t> {
    pub name: &'t str,
    pub raw: &'t str,
    pub value_span: Range<usize>,
}

impl Attr<'_> {
    pub fn value(&self) -> Cow<'_, str> {
        decode_entities(self.raw)
    }
}

/// The attributes of the start or empty tag at `span`, or where and why one is malformed.
pub(crate) fn attributes<'t>(
    text: &'t str,
    span: &Range<usize>,
) -> impl Iterator<Item = Result<Attr<'t>, (usize, String)>> + 't {
    let name = tag_name(text, span);
    let mut at = span.start + 1 + name.len();
    let mut end = span.end.saturating_sub(1);
    if end > at && text.as_bytes()[end - 1] == b'/' {
        end -= 1;
    }
    let bytes = text.as_bytes();
    let mut failed = false;
    std::iter::from_fn(move || {
        if failed {
            return None;
        }
        let ws = at;
        while at < end && bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        if at >= end {
            return None;
        }
        let mut fail = |at: usize, msg: &str| {
            failed = true;
            Some(Err((at, msg.to_string())))
        };
        if at == ws {
            return fail(at, "attributes must be separated by whitespace");
        }
        let name_start = at;
        while at < end && !bytes[at].is_ascii_whitespace() && bytes[at] != b'=' {
            at += 1;
        }
        let name = &text[name_start..at];
        while at < end && bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        if at >= end || bytes[at] != b'=' {
            return fail(name_start, "an attribute name must be followed by `=`");
        }
        at += 1;
        while at < end && bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        let quote = if at < end { bytes[at] } else { 0 };
        if quote != b'"' && quote != b'\'' {
            return fail(at, "an attribute value must be quoted (`name=\"value\"`)");
        }
        let value_start = at + 1;
        let Some(len) = memchr::memchr(quote, &bytes[value_start..end]) else {
            return fail(at, "an attribute value is missing its closing quote");
        };
        at = value_start + len + 1;
        Some(Ok(Attr {
            name,
            raw: &text[value_start..value_start + len],
            value_span: value_start..value_start + len,
        }))
    })
}

/// The attributes `names` (qualified names as written) of the tag at `span`, in one pass.
pub(crate) fn attrs<'t, const N: usize>(
    text: &'t str,
    span: &Range<usize>,
    names: [&str; N],
) -> [Option<Attr<'t>>; N] {
    let mut out = [const { None }; N];
    for a in attributes(text, span).flatten() {
        if let Some(i) = names.iter().position(|n| *n == a.name) {
            out[i] = Some(a);
        }
    }
    out
}

/// The attribute `name` (qualified name as written) of the tag at `span`, if any.
pub(crate) fn attr<'t>(text: &'t str, span: &Range<usize>, name: &str) -> Option<Attr<'t>> {
    attributes(text, span).flatten().find(|a| a.name == name)
}

/// Appends `s` escaped for XML character data: `&`, `<` and `>` as references.
pub(crate) fn escape_into(s: &str, out: &mut String) {
    let mut from = 0;
    for (i, b) in s.bytes().enumerate() {
        let rep = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            _ => continue,
        };
        out.push_str(&s[from..i]);
        out.push_str(rep);
        from = i + 1;
    }
    out.push_str(&s[from..]);
}

/// `s` escaped for a double-quoted attribute value.
pub(crate) fn escape_attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

/// The whitespace before the tag at `at` on its line (its indentation), with the line
/// break before it: what to put before a sibling inserted after it. Empty when the tag
/// does not start its line.
pub(crate) fn indentation_before(text: &str, at: usize) -> &str {
    let before = &text[..at];
    let ws_start = before.trim_end_matches([' ', '\t']).len();
    let line_start = if before[..ws_start].ends_with("\r\n") {
        ws_start - 2
    } else if before[..ws_start].ends_with('\n') {
        ws_start - 1
    } else {
        return "";
    };
    &text[line_start..at]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(xml: &str) -> Result<Vec<(Ev, String)>, FormatError> {
        let decoded = Decoded::utf8(xml.to_string());
        let mut s = Scanner::new(Place {
            path: "t.xml",
            decoded: &decoded,
        });
        let mut out = Vec::new();
        while let Some(e) = s.next()? {
            out.push((e.kind, xml[e.span].to_string()));
        }
        Ok(out)
    }

    #[test]
    fn events_carry_exact_spans() {
        let xml =
            "\u{feff}<?xml version=\"1.0\"?>\n<a x='1'>t&amp;<![CDATA[<c>]]><b/><!--n--></a>\n";
        let events = scan(xml).unwrap();
        let got: Vec<(Ev, &str)> = events.iter().map(|(k, s)| (*k, s.as_str())).collect();
        assert_eq!(
            got,
            [
                (Ev::Decl, "<?xml version=\"1.0\"?>"),
                (Ev::Text, "\n"),
                (Ev::Start, "<a x='1'>"),
                (Ev::Text, "t"),
                (Ev::Ref, "&amp;"),
                (Ev::CData, "<![CDATA[<c>]]>"),
                (Ev::Empty, "<b/>"),
                (Ev::Comment, "<!--n-->"),
                (Ev::End, "</a>"),
                (Ev::Text, "\n"),
            ]
        );
    }

    #[test]
    fn malformed_documents_are_located() {
        let cases = [
            ("<a>\n  <b></c>\n</a>", 2, "malformed XML"),
            ("<a>\n<b>\n", 3, "ends before <b>"),
            ("<a x=1/>", 1, "must be quoted"),
            ("<a x='1' x='2'/>", 1, "given twice"),
            ("<a/><b/>", 1, "second root"),
            ("<a>&nbsp;</a>", 1, "unknown entity &nbsp;"),
            ("<a>\u{1}</a>", 1, "control character U+0001"),
            ("<a/>text", 1, "outside the root"),
            ("", 1, "no root element"),
        ];
        for (xml, line, what) in cases {
            let err = scan(xml).unwrap_err();
            assert_eq!(err.line, line, "{xml}: {err}");
            assert!(err.to_string().contains(what), "{xml}: {err}");
            assert!(err.to_string().starts_with("t.xml:"), "{err}");
        }
        let err = scan("<a>\n  <b></c>\n</a>").unwrap_err();
        assert_eq!((err.line, err.column), (2, 6));
    }

    #[test]
    fn attributes_with_spans() {
        let text = "<t a=\"1\" xml:lang='zh' b = \"x&amp;y\"/>";
        let attrs: Vec<Attr> = attributes(text, &(0..text.len())).flatten().collect();
        assert_eq!(attrs.len(), 3);
        assert_eq!(&text[attrs[1].value_span.clone()], "zh");
        assert_eq!(attrs[2].value(), "x&y");
        assert_eq!(attr(text, &(0..text.len()), "xml:lang").unwrap().raw, "zh");
    }

    #[test]
    fn references_and_escapes() {
        assert_eq!(
            decode_entities("a&lt;b&#x4E2D;&#20013;&bogus;"),
            "a<b中中&bogus;"
        );
        assert_eq!(resolve_reference("#0"), None);
        let mut out = String::new();
        escape_into("a<b & c>d\"", &mut out);
        assert_eq!(out, "a&lt;b &amp; c&gt;d\"");
        assert_eq!(escape_attr("a\"<&"), "a&quot;&lt;&amp;");
    }

    #[test]
    fn indentation() {
        let text = "<a>\r\n    <source>";
        assert_eq!(
            indentation_before(text, text.find("<source").unwrap()),
            "\r\n    "
        );
        assert_eq!(indentation_before("<a><source>", 3), "");
    }
}
