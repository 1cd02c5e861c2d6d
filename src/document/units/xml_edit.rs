//! Edits to XML text shared by the XLIFF and TMX writers: escaping a target, setting an
//! attribute, filling a self-closing element, refusing codes that would not nest.

use std::ops::Range;

use super::codes::{CodeKind, CodeTag};
use super::error::SaveError;
use super::xml;
use super::{BilingualFile, Patch, Unit};

/// Refuses a target whose paired element codes (`<g>…</g>`, `<pc>…</pc>`, `<mrk>…</mrk>`,
/// `<hi>…</hi>`) would not nest in the file: written as they are, the file would not be XML.
pub(crate) fn check_nesting(
    file: &BilingualFile,
    unit: &Unit,
    text: &str,
) -> Result<(), SaveError> {
    let mut open: Vec<&str> = Vec::new();
    for c in text.chars() {
        let Some(code) = unit.code(c) else { continue };
        let element = matches!(
            code.tag,
            CodeTag::G | CodeTag::Pc | CodeTag::Mrk | CodeTag::Hi | CodeTag::Other
        );
        if !element {
            continue;
        }
        match code.kind {
            CodeKind::Open => open.push(code.pair_key()),
            CodeKind::Close if open.last() == Some(&code.pair_key()) => {
                open.pop();
            }
            CodeKind::Close => {
                return Err(file.unrepresentable(
                    unit,
                    format!(
                        "{} closes a tag that is not open there; the file would not be XML (put it after its opening tag)",
                        code.label(file.text())
                    ),
                ));
            }
            CodeKind::Standalone => {}
        }
    }
    if let Some(key) = open.last() {
        let label = unit
            .codes
            .iter()
            .find(|c| c.kind == CodeKind::Open && c.pair_key() == *key)
            .map_or_else(String::new, |c| c.label(file.text()));
        return Err(file.unrepresentable(
            unit,
            format!(
                "{label} is opened but not closed; the file would not be XML (keep its closing tag)"
            ),
        ));
    }
    Ok(())
}

/// Escapes XLIFF 1.2 text; XML 1.0 cannot hold most control characters.
pub(crate) fn escape_xml(s: &str, out: &mut String) -> Result<(), String> {
    if let Some(c) = s.chars().find(|&c| !xml::xml_char(c)) {
        return Err(format!(
            "the target holds U+{:04X}, a character XML 1.0 cannot hold",
            c as u32
        ));
    }
    xml::escape_into(s, out);
    Ok(())
}

/// A patch setting attribute `name` of the tag at `tag` to `value` (added after the
/// tag's last attribute when missing).
pub(crate) fn set_attr(text: &str, tag: &Range<usize>, name: &str, value: &str) -> Patch {
    match xml::attr(text, tag, name) {
        Some(a) => (a.value_span, xml::escape_attr(value)),
        None => {
            let at = attr_insert_point(text, tag);
            (at..at, format!(" {name}=\"{}\"", xml::escape_attr(value)))
        }
    }
}

/// Where a new attribute goes in a start tag: after its last non-space character before
/// `>` or `/>`.
fn attr_insert_point(text: &str, tag: &Range<usize>) -> usize {
    let inner = &text[tag.start..tag.end - 1];
    let inner = inner.strip_suffix('/').unwrap_or(inner);
    tag.start + inner.trim_end().len()
}

/// The patch giving the self-closing element at `tag` (`<target/>`) the content `content`.
pub(crate) fn fill_self_closing(text: &str, tag: &Range<usize>, content: &str) -> Patch {
    (
        self_closing_end(text, tag),
        format!(">{content}</{}>", xml::tag_name(text, tag)),
    )
}

/// The range of a self-closing tag's `/>` (with the spaces before it).
pub(crate) fn self_closing_end(text: &str, tag: &Range<usize>) -> Range<usize> {
    let inner = &text[tag.start..tag.end - 2];
    tag.start + inner.trim_end().len()..tag.end
}
