//! The XML underneath TBX: decoding (byte order mark, the declaration's encoding),
//! positions for messages, and the well-formedness checks quick-xml leaves to the reader.

use std::borrow::Cow;

use quick_xml::events::BytesStart;

use crate::glossary::import::FormatError;
use crate::glossary::model::first_control;

/// Decodes the bytes: BOM first, then the XML declaration's encoding, else UTF-8.
pub(super) fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, FormatError> {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        return decode_with(enc, &bytes[bom..]);
    }
    if bytes.starts_with(b"<\0") {
        return decode_with(encoding_rs::UTF_16LE, bytes);
    }
    if bytes.starts_with(b"\0<") {
        return decode_with(encoding_rs::UTF_16BE, bytes);
    }
    if let Some(label) = declared_encoding(bytes) {
        let enc = encoding_rs::Encoding::for_label(label.as_bytes()).ok_or_else(|| {
            FormatError::at(
                1,
                format!("unsupported encoding \u{201c}{label}\u{201d} in the XML declaration"),
            )
        })?;
        if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
            // A single-byte reading of a declaration saying UTF-16 without a BOM.
            return Err(FormatError::at(
                1,
                "the XML declaration says UTF-16 but the file has no byte order mark",
            ));
        }
        return decode_with(enc, bytes);
    }
    decode_with(encoding_rs::UTF_8, bytes)
}

fn decode_with<'a>(
    enc: &'static encoding_rs::Encoding,
    bytes: &'a [u8],
) -> Result<Cow<'a, str>, FormatError> {
    if enc == encoding_rs::UTF_8 {
        return std::str::from_utf8(bytes).map(Cow::Borrowed).map_err(|e| {
            let at = e.valid_up_to();
            let line = bytes[..at].iter().filter(|b| **b == b'\n').count() + 1;
            FormatError::at(
                line,
                format!(
                    "not UTF-8 (byte 0x{:02X} at offset {at}); declare the file's encoding in its XML declaration",
                    bytes[at]
                ),
            )
        });
    }
    enc.decode_without_bom_handling_and_without_replacement(bytes)
        .map(|s| Cow::Owned(s.into_owned()))
        .ok_or_else(|| FormatError::whole(format!("not valid {} text", enc.name())))
}

/// The `encoding` pseudo-attribute of an ASCII-compatible XML declaration.
fn declared_encoding(bytes: &[u8]) -> Option<String> {
    let head = bytes.get(..bytes.len().min(200))?;
    if !head.starts_with(b"<?xml") {
        return None;
    }
    let end = head.windows(2).position(|w| w == b"?>")?;
    let decl = std::str::from_utf8(&head[..end]).ok()?;
    let at = decl.find("encoding")?;
    let rest = decl[at + "encoding".len()..]
        .trim_start()
        .strip_prefix('=')?
        .trim_start();
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let value = &rest[1..];
    Some(value[..value.find(quote)?].to_string())
}

/// Line and column (1-based, in characters) of byte `offset` in `text`.
pub(super) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let mut o = offset;
    while !text.is_char_boundary(o) {
        o -= 1;
    }
    let before = &text[..o];
    let line = before.matches('\n').count() + 1;
    let col = before
        .rfind('\n')
        .map_or(before, |p| &before[p + 1..])
        .chars()
        .count()
        + 1;
    (line, col)
}

pub(super) fn error_at(text: &str, offset: usize, message: impl Into<String>) -> FormatError {
    let (line, col) = line_col(text, offset);
    FormatError {
        line: Some(line),
        column: Some(col),
        message: message.into(),
    }
}

pub(super) fn local(name: &str) -> &str {
    match name.rfind(':') {
        Some(p) => &name[p + 1..],
        None => name,
    }
}

/// An attribute by local name (`xml:lang` → "lang" only with the `xml` prefix).
pub(super) fn attr(e: &BytesStart<'_>, want: &str) -> Result<Option<String>, String> {
    for a in e.attributes() {
        let a = a.map_err(|err| err.to_string())?;
        let key = a.key.as_ref();
        let matches = if want == "xml:lang" {
            key == "xml:lang" || key == "lang"
        } else {
            local(key) == want
        };
        if matches {
            let v = a
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map_err(|err| err.to_string())?;
            return Ok(Some(v.trim().to_string()));
        }
    }
    Ok(None)
}

/// Checks every attribute of a tag: quoted values, `=` present, no attribute twice.
/// `tag_at` is the byte offset of the tag's `<` in `text`.
pub(super) fn check_attributes(
    e: &BytesStart<'_>,
    text: &str,
    tag_at: usize,
) -> Result<(), FormatError> {
    let mut attrs = e.attributes();
    attrs.with_checks(true);
    for a in attrs {
        if let Ok(a) = &a
            && let Some(c) = first_control(&a.value, true)
        {
            return Err(error_at(
                text,
                tag_at,
                format!(
                    "malformed XML: control character U+{:04X} in an attribute, which XML 1.0 does not allow",
                    c as u32
                ),
            ));
        }
        if let Err(err) = a {
            use quick_xml::events::attributes::AttrError;
            // Positions are relative to the tag's content, just after the `<`.
            let (at, what) = match err {
                AttrError::ExpectedEq(p) => (p, "an attribute name must be followed by `=`".into()),
                AttrError::ExpectedValue(p) => (p, "`=` must be followed by a quoted value".into()),
                AttrError::UnquotedValue(p) => (
                    p,
                    "an attribute value must be quoted (`name=\"value\"`)".into(),
                ),
                AttrError::ExpectedQuote(p, q) => (
                    p,
                    format!("an attribute value is missing its closing `{}`", q as char),
                ),
                AttrError::Duplicated(p, first) => {
                    let (l, c) = line_col(text, tag_at + 1 + first);
                    (
                        p,
                        format!("an attribute is given twice (first at line {l}, column {c})"),
                    )
                }
            };
            return Err(error_at(
                text,
                tag_at + 1 + at,
                format!("malformed XML: {what}"),
            ));
        }
    }
    Ok(())
}
