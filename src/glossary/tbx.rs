//! TBX (TermBase eXchange, ISO 30042) in and out.
//!
//! Reads TBX v2 (`<martif>`, TBX-Basic: `termEntry` / `langSet` / `tig` or `ntig`) and TBX
//! v3 (`<tbx>`, TBX-Basic and TBX-Core, DCA style with `termNote`/`descrip` and DCT style
//! with namespaced elements: `conceptEntry` / `langSec` / `termSec`), in either namespace.
//! `administrativeStatus` and `normativeAuthorization` map to our statuses (preferred,
//! admitted, deprecated; superseded counts as deprecated); notes and definitions are
//! kept. Writes TBX v3 TBX-Basic, DCA style: source terms of no stated language are
//! `und`; a glossary with several language pairs gets the root `xml:lang="mul"`, and each
//! concept then gives its own pair (first `langSec` the source, second the target), which
//! the reader honours.
//!
//! The document must be well-formed: quick-xml checks that end tags match, and the
//! reader adds the rest (no element left open at the end, one root, no text outside it,
//! attributes quoted and not repeated, no control characters).
//!
//! Safety: the DTD is never read. A document that declares entities in its internal DTD
//! subset is refused, and any entity reference other than the five predefined ones and
//! character references is an error, so nothing is fetched or expanded.

use std::borrow::Cow;
use std::fmt::Write as _;

use quick_xml::Reader;
use quick_xml::escape::{partial_escape, resolve_predefined_entity};
use quick_xml::events::{BytesStart, Event};

use super::import::{FormatError, ImportOptions, Output, pick_languages};
use super::model::{Entry, EntryData, Term, first_control, lang_matches};
use crate::check::terminology::TermStatus;
use crate::check::terminology::normalize::default_case_sensitive;

/// The private term note mtpe writes for a case sensitivity that differs from the default.
const CASE_NOTE: &str = "x-caseSensitive";

#[derive(Debug, Default)]
struct RawTerm {
    text: String,
    status: Option<String>,
    notes: Vec<String>,
    case_sensitive: Option<bool>,
}

#[derive(Debug, Default)]
struct RawLang {
    lang: String,
    terms: Vec<RawTerm>,
    notes: Vec<String>,
}

#[derive(Debug, Default)]
struct RawConcept {
    /// Byte offset of the concept's start tag, for messages.
    at: usize,
    subject: Vec<String>,
    notes: Vec<String>,
    langs: Vec<RawLang>,
}

/// What the text being collected belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Capture {
    Term,
    Status,
    Subject,
    Note,
    Case,
    /// A data category we do not keep.
    Skip,
}

/// Decodes the bytes: BOM first, then the XML declaration's encoding, else UTF-8.
fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, FormatError> {
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
fn line_col(text: &str, offset: usize) -> (usize, usize) {
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

fn error_at(text: &str, offset: usize, message: impl Into<String>) -> FormatError {
    let (line, col) = line_col(text, offset);
    FormatError {
        line: Some(line),
        column: Some(col),
        message: message.into(),
    }
}

fn local(name: &str) -> &str {
    match name.rfind(':') {
        Some(p) => &name[p + 1..],
        None => name,
    }
}

/// An attribute by local name (`xml:lang` → "lang" only with the `xml` prefix).
fn attr(e: &BytesStart<'_>, want: &str) -> Result<Option<String>, String> {
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
fn check_attributes(e: &BytesStart<'_>, text: &str, tag_at: usize) -> Result<(), FormatError> {
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

/// Reads a TBX file.
pub(crate) fn read(
    bytes: &[u8],
    options: &ImportOptions,
    out: &mut Output<'_>,
) -> Result<(), FormatError> {
    let text = decode(bytes)?;
    let text: &str = &text;
    let mut reader = Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut concepts: Vec<RawConcept> = Vec::new();
    let mut root: Option<String> = None;
    // Open elements (name, offset of the `<`), and whether the root element has closed:
    // quick-xml checks that end tags match, not that the document is complete or has a
    // single root.
    let mut open: Vec<(String, usize)> = Vec::new();
    let mut root_closed = false;
    let mut main_lang: Option<String> = None;
    let mut in_concept = false;
    let mut in_lang = false;
    let mut in_term_group = false;
    // Text capture: what, buffer, element depth at which it started.
    let mut capture: Option<(Capture, String, usize)> = None;
    let mut depth = 0usize;
    loop {
        let pos = reader.buffer_position() as usize;
        let event = reader.read_event().map_err(|e| {
            error_at(
                text,
                reader.error_position() as usize,
                format!("malformed XML: {e}"),
            )
        })?;
        // XML 1.0 allows no control characters but tab and line breaks.
        let raw = match &event {
            Event::Text(t) => Some((&**t, 0)),
            Event::CData(t) => Some((&**t, "<![CDATA[".len())),
            _ => None,
        };
        if let Some((raw, skip)) = raw
            && let Some(c) = first_control(raw, true)
        {
            let at = pos + skip + raw.find(c).unwrap_or(0);
            return Err(error_at(
                text,
                at,
                format!(
                    "malformed XML: control character U+{:04X}, which XML 1.0 does not allow",
                    c as u32
                ),
            ));
        }
        match &event {
            Event::Start(e) | Event::Empty(e) => {
                if root_closed {
                    return Err(error_at(
                        text,
                        pos,
                        format!(
                            "malformed XML: a second root element <{}> after the document's end",
                            e.name().as_ref()
                        ),
                    ));
                }
                check_attributes(e, text, pos)?;
                if matches!(event, Event::Start(_)) {
                    open.push((e.name().as_ref().to_string(), pos));
                } else if open.is_empty() {
                    root_closed = true;
                }
            }
            Event::End(_) => {
                open.pop();
                root_closed = open.is_empty();
            }
            Event::Text(t) if open.is_empty() && !t.trim().is_empty() => {
                return Err(error_at(
                    text,
                    pos + (t.len() - t.trim_start().len()),
                    "malformed XML: text outside the root element",
                ));
            }
            Event::CData(_) | Event::GeneralRef(_) if open.is_empty() => {
                return Err(error_at(
                    text,
                    pos,
                    "malformed XML: text outside the root element",
                ));
            }
            Event::Eof => {
                if let Some((name, at)) = open.last() {
                    let (l, c) = line_col(text, *at);
                    return Err(error_at(
                        text,
                        text.len(),
                        format!(
                            "malformed XML: the file ends before <{name}> (opened at line {l}, column {c}) is closed; \
                             is the file cut off?"
                        ),
                    ));
                }
            }
            _ => {}
        }
        match event {
            Event::Eof => break,
            // A DOCTYPE naming an external DTD is fine (it is never fetched); one that
            // declares entities is refused.
            Event::DocType(d) if d.contains("<!ENTITY") => {
                return Err(error_at(
                    text,
                    pos,
                    "the document type declaration defines entities; mtpe never expands DTD entities \
                     (external entities and entity expansion are refused): remove them",
                ));
            }
            Event::Start(ref e) | Event::Empty(ref e) => {
                let self_closing = matches!(event, Event::Empty(_));
                let name = local(e.name().as_ref()).to_string();
                let attr_err = |m: String| error_at(text, pos, format!("bad attribute: {m}"));
                if root.is_none() {
                    match name.as_str() {
                        "martif" | "tbx" => {
                            root = Some(name.clone());
                            main_lang = attr(e, "xml:lang").map_err(attr_err)?;
                        }
                        other => {
                            return Err(error_at(
                                text,
                                pos,
                                format!(
                                    "not a TBX file: the root element is <{}>, not <martif> or <tbx>",
                                    other
                                ),
                            ));
                        }
                    }
                }
                // Self-closing elements carry no text and open nothing.
                if self_closing {
                    continue;
                }
                depth += 1;
                if capture.is_some() {
                    continue; // inline markup inside a term or note: keep its text
                }
                match name.as_str() {
                    "termEntry" | "conceptEntry" => {
                        concepts.push(RawConcept {
                            at: pos,
                            ..RawConcept::default()
                        });
                        in_concept = true;
                    }
                    "langSet" | "langSec" if in_concept => {
                        let lang = attr(e, "xml:lang").map_err(attr_err)?.unwrap_or_default();
                        if let Some(c) = concepts.last_mut() {
                            c.langs.push(RawLang {
                                lang,
                                ..RawLang::default()
                            });
                        }
                        in_lang = true;
                    }
                    "tig" | "ntig" | "termSec" if in_lang => {
                        if let Some(l) = concepts.last_mut().and_then(|c| c.langs.last_mut()) {
                            l.terms.push(RawTerm::default());
                        }
                        in_term_group = true;
                    }
                    "term" if in_term_group => {
                        capture = Some((Capture::Term, String::new(), depth))
                    }
                    "termNote" | "descrip" | "admin" | "descripNote" | "adminNote" => {
                        let kind = attr(e, "type").map_err(attr_err)?.unwrap_or_default();
                        let what = match kind.as_str() {
                            "administrativeStatus" | "normativeAuthorization" => Capture::Status,
                            "subjectField" => Capture::Subject,
                            "definition" => Capture::Note,
                            CASE_NOTE => Capture::Case,
                            _ => Capture::Skip,
                        };
                        capture = Some((what, String::new(), depth));
                    }
                    // TBX v3 DCT style: the data category is the element name.
                    "administrativeStatus" | "normativeAuthorization" => {
                        capture = Some((Capture::Status, String::new(), depth));
                    }
                    "subjectField" => capture = Some((Capture::Subject, String::new(), depth)),
                    "definition" | "note" if in_concept => {
                        capture = Some((Capture::Note, String::new(), depth));
                    }
                    _ => {}
                }
            }
            Event::End(e) => {
                let name = local(e.name().as_ref()).to_string();
                if let Some((what, buf, d)) = capture.take() {
                    if d != depth {
                        capture = Some((what, buf, d));
                    } else {
                        store(&mut concepts, in_lang, in_term_group, what, buf.trim());
                    }
                }
                depth = depth.saturating_sub(1);
                match name.as_str() {
                    "termEntry" | "conceptEntry" => in_concept = false,
                    "langSet" | "langSec" => in_lang = false,
                    "tig" | "ntig" | "termSec" => in_term_group = false,
                    _ => {}
                }
            }
            Event::Text(t) => {
                if let Some((_, buf, _)) = capture.as_mut() {
                    buf.push_str(&t.xml10_content());
                }
            }
            Event::CData(t) => {
                if let Some((_, buf, _)) = capture.as_mut() {
                    buf.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                let resolved: String = if r.is_char_ref() {
                    match r.resolve_char_ref() {
                        Ok(Some(c)) if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => {
                            return Err(error_at(
                                text,
                                pos,
                                format!(
                                    "malformed XML: &{}; is the control character U+{:04X}, which XML 1.0 does not allow",
                                    &*r, c as u32
                                ),
                            ));
                        }
                        Ok(Some(c)) => c.to_string(),
                        _ => {
                            return Err(error_at(
                                text,
                                pos,
                                format!("bad character reference &{};", &*r),
                            ));
                        }
                    }
                } else if let Some(s) = resolve_predefined_entity(&r) {
                    s.to_string()
                } else {
                    return Err(error_at(
                        text,
                        pos,
                        format!(
                            "undefined entity &{};: mtpe reads no DTD, so only &lt; &gt; &amp; &apos; &quot; and character references are allowed",
                            &*r
                        ),
                    ));
                };
                if let Some((_, buf, _)) = capture.as_mut() {
                    buf.push_str(&resolved);
                }
            }
            _ => {}
        }
    }
    if root.is_none() {
        return Err(FormatError::whole("not a TBX file: no root element"));
    }
    build(text, concepts, options, main_lang.as_deref(), out)
}

fn store(concepts: &mut [RawConcept], in_lang: bool, in_term: bool, what: Capture, value: &str) {
    let Some(c) = concepts.last_mut() else { return };
    if value.is_empty() {
        return;
    }
    let lang = if in_lang { c.langs.last_mut() } else { None };
    let term = if in_term {
        lang.and_then(|l| l.terms.last_mut())
    } else {
        None
    };
    match (what, term) {
        (Capture::Term, Some(t)) => t.text = value.to_string(),
        (Capture::Status, Some(t)) => t.status = Some(value.to_string()),
        (Capture::Case, Some(t)) => t.case_sensitive = Some(matches!(value, "yes" | "true" | "1")),
        (Capture::Note, Some(t)) => t.notes.push(value.to_string()),
        (Capture::Subject, _) => c.subject.push(value.to_string()),
        (Capture::Note, None) => {
            if in_lang {
                if let Some(l) = c.langs.last_mut() {
                    l.notes.push(value.to_string());
                }
            } else {
                c.notes.push(value.to_string());
            }
        }
        _ => {}
    }
}

/// Our status for a TBX status value (`preferredTerm-admn-sts`, `deprecatedTerm`, …).
fn map_status(value: &str) -> (TermStatus, Option<&'static str>) {
    let v = value.to_ascii_lowercase();
    if v.starts_with("preferred")
        || v.starts_with("legal")
        || v.starts_with("regulated")
        || v.starts_with("standardized")
    {
        (TermStatus::Preferred, None)
    } else if v.starts_with("deprecated") {
        (TermStatus::Deprecated, None)
    } else if v.starts_with("superseded") {
        (TermStatus::Deprecated, Some("superseded"))
    } else {
        (TermStatus::Admitted, None)
    }
}

/// The ISO 639 tag for an undetermined language: the source language of entries whose
/// source terms have no stated language.
const UNDETERMINED: &str = "und";
/// The ISO 639 tag for several languages: the root `xml:lang` of an export holding several
/// language pairs, whose concepts then each give their own pair (see [`concept_pair`]).
const MULTIPLE: &str = "mul";

/// The language pair of a concept in a file whose root `xml:lang` is `mul`: one `langSec`
/// is a target-only concept, two are source then target. `None` for any other shape.
fn concept_pair(c: &RawConcept) -> Option<(Option<&str>, &str)> {
    match c.langs.as_slice() {
        [t] if !t.lang.is_empty() => Some((None, &t.lang)),
        [s, t]
            if !s.lang.is_empty()
                && !t.lang.is_empty()
                && !s.lang.eq_ignore_ascii_case(&t.lang) =>
        {
            Some((Some(&s.lang), &t.lang))
        }
        _ => None,
    }
}

fn build(
    text: &str,
    concepts: Vec<RawConcept>,
    options: &ImportOptions,
    main: Option<&str>,
    out: &mut Output<'_>,
) -> Result<(), FormatError> {
    let mut langs: Vec<String> = Vec::new();
    for c in &concepts {
        for l in &c.langs {
            if !l.lang.is_empty() && !langs.iter().any(|x| x.eq_ignore_ascii_case(&l.lang)) {
                langs.push(l.lang.clone());
            }
        }
    }
    if concepts.is_empty() {
        return Ok(());
    }
    // mtpe's convention for several language pairs in one file (see `write`).
    let per_concept = main.is_some_and(|m| m.eq_ignore_ascii_case(MULTIPLE))
        && concepts
            .iter()
            .all(|c| c.langs.is_empty() || concept_pair(c).is_some());
    let file_pair = if per_concept {
        None
    } else {
        let pair = pick_languages(&langs, options, main).map_err(FormatError::whole)?;
        Some((
            pair.source.map(|s| langs[s].clone()).unwrap_or_default(),
            langs[pair.target].clone(),
        ))
    };
    for c in concepts {
        let (source_lang, target_lang) = match &file_pair {
            Some((s, t)) => (s.clone(), t.clone()),
            None => match concept_pair(&c) {
                Some((s, t))
                    if options
                        .target_lang
                        .as_deref()
                        .is_none_or(|want| lang_matches(t, want))
                        && s.zip(options.source_lang.as_deref())
                            .is_none_or(|(s, want)| lang_matches(s, want)) =>
                {
                    (s.unwrap_or_default().to_string(), t.to_string())
                }
                _ => {
                    out.report.skipped += 1;
                    continue;
                }
            },
        };
        let of = |tag: &str| -> Vec<&RawLang> {
            c.langs
                .iter()
                .filter(|l| !tag.is_empty() && l.lang.eq_ignore_ascii_case(tag))
                .collect()
        };
        let mut entry = EntryData {
            target_lang: target_lang.clone(),
            domain: c.subject.join("; "),
            ..EntryData::default()
        };
        let mut notes = c.notes.clone();
        for l in of(&source_lang) {
            for t in &l.terms {
                let deprecated = t
                    .status
                    .as_deref()
                    .is_some_and(|s| map_status(s).0 == TermStatus::Deprecated);
                if !t.text.is_empty() && !deprecated && !entry.sources.contains(&t.text) {
                    entry.sources.push(t.text.clone());
                }
            }
        }
        // A concept without source terms is target-only: it has no source language, even
        // when the file's other concepts have one.
        if !entry.sources.is_empty() && !source_lang.eq_ignore_ascii_case(UNDETERMINED) {
            entry.source_lang = source_lang.clone();
        }
        let mut has_preferred = false;
        for l in of(&target_lang) {
            notes.extend(l.notes.iter().cloned());
            for t in l.terms.iter().filter(|t| !t.text.is_empty()) {
                let (mut status, implied_reason) = match &t.status {
                    Some(s) => map_status(s),
                    None => (TermStatus::Admitted, None),
                };
                if status == TermStatus::Preferred {
                    if has_preferred {
                        status = TermStatus::Admitted;
                    }
                    has_preferred = true;
                }
                let mut reason = None;
                if status == TermStatus::Deprecated {
                    let mut r: Vec<String> = t.notes.clone();
                    if r.is_empty()
                        && let Some(i) = implied_reason
                    {
                        r.push(i.to_string());
                    }
                    reason = (!r.is_empty()).then(|| r.join("; "));
                } else {
                    notes.extend(t.notes.iter().cloned());
                }
                let mut term = Term::new(t.text.clone(), status).with_reason(reason);
                if let Some(cs) = t.case_sensitive {
                    term.case_sensitive = cs;
                }
                if !entry.terms.iter().any(|x| x.text == term.text) {
                    entry.terms.push(term);
                }
            }
        }
        if !has_preferred {
            // No status given: the first term that is not deprecated is the preferred one.
            match entry
                .terms
                .iter_mut()
                .find(|t| t.status != TermStatus::Deprecated)
            {
                Some(t) => t.status = TermStatus::Preferred,
                None => {
                    out.report.skipped += 1;
                    continue;
                }
            }
        }
        entry.note = notes.join("\n");
        entry.normalize();
        match entry.validate() {
            Ok(()) => {}
            Err(e) if e.refuses_the_file() => {
                let (line, _) = line_col(text, c.at);
                return Err(FormatError::at(line, format!("in this concept, {e}")));
            }
            Err(_) => {
                out.report.skipped += 1;
                continue;
            }
        }
        if out.entry(entry).is_break() {
            break;
        }
    }
    Ok(())
}

/// Writes entries as TBX v3, TBX-Basic dialect, DCA style.
pub fn write(entries: &[Entry], out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let main = main_language(entries);
    let mut s = String::with_capacity(256 + entries.len() * 400);
    s.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        s,
        "<tbx style=\"dca\" type=\"TBX-Basic\" xml:lang=\"{}\" xmlns=\"urn:iso:std:iso:30042:ed-2\">",
        xml_attr(main.as_str())
    );
    s.push_str(
        "  <tbxHeader>\n    <fileDesc>\n      <sourceDesc>\n        <p>Exported by mtpe</p>\n      </sourceDesc>\n    </fileDesc>\n  </tbxHeader>\n  <text>\n    <body>\n",
    );
    for (n, e) in entries.iter().enumerate() {
        let d = &e.data;
        let _ = writeln!(s, "      <conceptEntry id=\"c{}\">", n + 1);
        if !d.domain.is_empty() {
            let _ = writeln!(
                s,
                "        <descrip type=\"subjectField\">{}</descrip>",
                xml_text(d.domain.as_str())
            );
        }
        if !d.note.is_empty() {
            let _ = writeln!(s, "        <note>{}</note>", xml_text(d.note.as_str()));
        }
        if !d.sources.is_empty() {
            let _ = writeln!(
                s,
                "        <langSec xml:lang=\"{}\">",
                xml_attr(source_tag(d))
            );
            for src in &d.sources {
                let _ = writeln!(
                    s,
                    "          <termSec>\n            <term>{}</term>\n          </termSec>",
                    xml_text(src.as_str())
                );
            }
            s.push_str("        </langSec>\n");
        }
        let _ = writeln!(
            s,
            "        <langSec xml:lang=\"{}\">",
            xml_attr(d.target_lang.as_str())
        );
        for t in &d.terms {
            let status = match t.status {
                TermStatus::Preferred => "preferredTerm-admn-sts",
                TermStatus::Admitted => "admittedTerm-admn-sts",
                TermStatus::Deprecated => "deprecatedTerm-admn-sts",
            };
            let _ = writeln!(
                s,
                "          <termSec>\n            <term>{}</term>\n            <termNote type=\"administrativeStatus\">{status}</termNote>",
                xml_text(t.text.as_str())
            );
            if t.case_sensitive != default_case_sensitive(&t.text) {
                let _ = writeln!(
                    s,
                    "            <termNote type=\"{CASE_NOTE}\">{}</termNote>",
                    if t.case_sensitive { "yes" } else { "no" }
                );
            }
            if let Some(r) = &t.reason {
                let _ = writeln!(s, "            <note>{}</note>", xml_text(r.as_str()));
            }
            s.push_str("          </termSec>\n");
        }
        s.push_str("        </langSec>\n      </conceptEntry>\n");
        if s.len() > 1 << 20 {
            out.write_all(s.as_bytes())?;
            s.clear();
        }
    }
    s.push_str("    </body>\n  </text>\n</tbx>\n");
    out.write_all(s.as_bytes())
}

/// The root `xml:lang`: the source language when every entry with source terms has the
/// same pair (`und` for source terms of no stated language) and the target-only entries
/// share its target; the target language when every entry is target-only in one
/// language; otherwise `mul`, and each concept's first `langSec` is its source language
/// and the second its target (one `langSec`: a target-only concept). The importer reads
/// the file back the same way.
fn main_language(entries: &[Entry]) -> String {
    let mut pair: Option<(&str, &str)> = None;
    let mut target_only: Option<&str> = None;
    for e in entries {
        let d = &e.data;
        if d.sources.is_empty() {
            match target_only {
                Some(t) if t != d.target_lang => return MULTIPLE.to_string(),
                _ => target_only = Some(&d.target_lang),
            }
        } else {
            let this = (source_tag(d), d.target_lang.as_str());
            match pair {
                Some(p) if p != this => return MULTIPLE.to_string(),
                _ => pair = Some(this),
            }
        }
    }
    match (pair, target_only) {
        (Some((s, _)), None) => s.to_string(),
        (Some((s, t)), Some(o)) if o == t && !s.eq_ignore_ascii_case(t) => s.to_string(),
        (None, Some(t)) => t.to_string(),
        (None, None) => "en".to_string(),
        _ => MULTIPLE.to_string(),
    }
}

/// The `xml:lang` of an entry's source terms.
fn source_tag(d: &EntryData) -> &str {
    if d.source_lang.is_empty() {
        UNDETERMINED
    } else {
        d.source_lang.as_str()
    }
}

/// Text for XML content: escaped, and without the control characters XML 1.0 cannot hold
/// (the store refuses them; one in an older glossary becomes U+FFFD).
fn xml_text(s: &str) -> Cow<'_, str> {
    match without_controls(s) {
        Cow::Borrowed(b) => partial_escape(b),
        Cow::Owned(o) => Cow::Owned(partial_escape(o.as_str()).into_owned()),
    }
}

/// Text for an attribute value: as [`xml_text`], quotes escaped too.
fn xml_attr(s: &str) -> Cow<'_, str> {
    match without_controls(s) {
        Cow::Borrowed(b) => quick_xml::escape::escape(b),
        Cow::Owned(o) => Cow::Owned(quick_xml::escape::escape(o.as_str()).into_owned()),
    }
}

fn without_controls(s: &str) -> Cow<'_, str> {
    if first_control(s, true).is_none() {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| {
                if c.is_control() && !matches!(c, '\t' | '\n' | '\r') {
                    '\u{fffd}'
                } else {
                    c
                }
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::glossary::import::Parsed;

    /// The TBX reader's output, collected.
    fn read(bytes: &[u8], options: &ImportOptions) -> Result<Parsed, FormatError> {
        Parsed::collect(|out| super::read(bytes, options, out))
    }

    fn read_str(xml: &str) -> Result<Parsed, FormatError> {
        read(xml.as_bytes(), &ImportOptions::default())
    }

    const ENTRY: &str = r#"<conceptEntry><langSec xml:lang="en"><termSec><term>x</term></termSec></langSec></conceptEntry>"#;

    fn doc(body: &str) -> String {
        format!("<tbx xml:lang=\"en\"><text><body>{body}</body></text></tbx>")
    }

    #[test]
    fn a_well_formed_document_reads() {
        let p = read_str(&format!("<?xml version=\"1.0\"?>\n{}\n", doc(ENTRY))).unwrap();
        assert_eq!(p.entries.len(), 1);
        assert_eq!(p.entries[0].terms[0].text, "x");
    }

    #[test]
    fn a_file_cut_off_is_refused_at_its_end() {
        let full = doc(ENTRY);
        let cut = &full[..full.find("</termSec>").unwrap() + "</termSec>".len()];
        let err = read_str(&format!("{cut}\n")).unwrap_err();
        assert_eq!((err.line, err.column), (Some(2), Some(1)), "{err:?}");
        assert!(err.message.contains("ends before <langSec>"), "{err:?}");
        assert!(err.message.contains("line 1, column "), "{err:?}");
    }

    #[test]
    fn bad_attributes_are_refused_with_their_column() {
        let unquoted = doc(&ENTRY.replace("<term>", "<term a=1>"));
        let err = read_str(&unquoted).unwrap_err();
        assert!(err.message.contains("must be quoted"), "{err:?}");
        assert_eq!(
            err.column,
            Some(unquoted.find("a=1").unwrap() + 3),
            "{err:?}"
        );
        let twice = doc(&ENTRY.replace("xml:lang=\"en\"", "xml:lang=\"en\" xml:lang=\"de\""));
        let err = read_str(&twice).unwrap_err();
        assert!(err.message.contains("given twice"), "{err:?}");
        let no_eq = doc(&ENTRY.replace("<term>", "<term flag>"));
        assert!(
            read_str(&no_eq)
                .unwrap_err()
                .message
                .contains("followed by `=`")
        );
        // Attributes of elements mtpe ignores are checked too.
        let ignored = doc(&format!("<foo a='1' a='2'/>{ENTRY}"));
        assert!(read_str(&ignored).is_err());
    }

    #[test]
    fn one_root_and_no_text_outside_it() {
        let two = format!("{}\n<tbx/>\n", doc(ENTRY));
        let err = read_str(&two).unwrap_err();
        assert_eq!((err.line, err.column), (Some(2), Some(1)));
        assert!(err.message.contains("second root element"), "{err:?}");
        let err = read_str(&format!("{}\ntrailing words\n", doc(ENTRY))).unwrap_err();
        assert!(err.message.contains("outside the root"), "{err:?}");
        let err = read_str(&format!("junk {}", doc(ENTRY))).unwrap_err();
        assert!(err.message.contains("outside the root"), "{err:?}");
        // Comments, processing instructions and white space around the root are fine.
        assert!(read_str(&format!("<!-- a -->\n{}\n<!-- b -->\n\n", doc(ENTRY))).is_ok());
        assert!(read_str("<tbx/>").is_ok());
        assert!(read_str("<tbx/><tbx/>").is_err());
    }

    fn stored(source_lang: &str, target_lang: &str, sources: &[&str], preferred: &str) -> Entry {
        let mut data = EntryData::new(target_lang, preferred);
        data.source_lang = source_lang.into();
        data.sources = sources.iter().map(|s| s.to_string()).collect();
        Entry {
            id: 0,
            data,
            created: String::new(),
            updated: String::new(),
        }
    }

    fn export_import(entries: &[Entry]) -> (String, Vec<EntryData>) {
        let mut out = Vec::new();
        write(entries, &mut out).unwrap();
        let xml = String::from_utf8(out).unwrap();
        let parsed = read_str(&xml).unwrap();
        (xml, parsed.entries)
    }

    #[test]
    fn target_only_entries_keep_their_empty_source_language() {
        let entries = [
            stored("zh", "en", &["网络强国"], "cyberpower"),
            stored("", "en", &[], "only target"),
        ];
        let (xml, back) = export_import(&entries);
        assert!(xml.contains("xml:lang=\"zh\" xmlns"), "{xml}");
        let data: Vec<EntryData> = entries.iter().map(|e| e.data.clone()).collect();
        assert_eq!(back, data);
    }

    #[test]
    fn unknown_source_languages_are_und_and_stay_sources() {
        let entries = [
            stored("", "en", &["网络强国"], "cyberpower"),
            stored("", "en", &[], "only target"),
        ];
        let (xml, back) = export_import(&entries);
        assert!(xml.contains("xml:lang=\"und\" xmlns"), "{xml}");
        assert_eq!(back[0].sources, ["网络强国"]);
        assert_eq!(back[0].source_lang, "");
        assert_eq!(back[0].target_lang, "en");
    }

    #[test]
    fn several_language_pairs_are_read_concept_by_concept() {
        let entries = [
            stored("zh", "en", &["网络强国"], "cyberpower"),
            stored("fr", "de", &["maison"], "Haus"),
            stored("", "en-GB", &[], "colour"),
        ];
        let (xml, back) = export_import(&entries);
        assert!(xml.contains("xml:lang=\"mul\" xmlns"), "{xml}");
        let data: Vec<EntryData> = entries.iter().map(|e| e.data.clone()).collect();
        assert_eq!(back, data);
        // The user's languages pick among the concepts.
        let only = read(
            xml.as_bytes(),
            &ImportOptions {
                source_lang: Some("fr".into()),
                ..ImportOptions::default()
            },
        )
        .unwrap();
        let langs: Vec<(&str, &str)> = only
            .entries
            .iter()
            .map(|e| (e.source_lang.as_str(), e.target_lang.as_str()))
            .collect();
        assert_eq!(langs, [("fr", "de"), ("", "en-GB")]);
        assert_eq!(only.report.skipped, 1);
        // A `mul` file whose concepts hold three languages is read the usual way: the
        // user must pick the pair.
        let three = xml.replace(
            "</langSec>\n      </conceptEntry>",
            "</langSec>\n        <langSec xml:lang=\"es\"><termSec><term>casa</term></termSec></langSec>\n      </conceptEntry>",
        );
        assert!(
            read_str(&three)
                .unwrap_err()
                .message
                .contains("pass --source-lang")
        );
    }

    #[test]
    fn a_term_with_the_cell_separator_is_refused_with_its_concept_line() {
        let xml = doc(&format!(
            "\n{ENTRY}\n{}\n",
            ENTRY.replace("<term>x</term>", "<term>a | b</term>")
        ));
        let err = read_str(&xml).unwrap_err();
        assert_eq!(err.line, Some(3), "{err:?}");
        assert!(
            err.message.contains("\u{201c}a | b\u{201d} contains `|`"),
            "{err:?}"
        );
    }

    #[test]
    fn control_characters_are_refused_and_never_written() {
        for (xml, col) in [
            (doc(&ENTRY.replace("<term>x", "<term>x\u{7}")), "<term>x"),
            (doc(&ENTRY.replace("<term>x", "<term>x&#7;")), "<term>x"),
            (
                doc(&ENTRY.replace("<term>x", "<term><![CDATA[x\u{1b}]]>")),
                "<term>",
            ),
        ] {
            let err = read_str(&xml).unwrap_err();
            assert!(err.message.contains("control character U+00"), "{err:?}");
            assert!(err.column.unwrap() > xml.find(col).unwrap(), "{err:?}");
        }
        let attr = doc(&ENTRY.replace("xml:lang=\"en\"", "xml:lang=\"e\u{1}n\""));
        assert!(read_str(&attr).unwrap_err().message.contains("U+0001"));
        // Tabs and line breaks are fine.
        assert!(read_str(&doc(&ENTRY.replace("<term>x", "<term>\tx\r\n"))).is_ok());
        // An older glossary holding one exports well-formed XML.
        let mut e = stored("zh", "en", &["网络强国"], "cyberpower");
        e.data.note = "bell\u{7} and tab\t".into();
        e.data.domain = "x\u{1b}".into();
        let mut out = Vec::new();
        write(&[e], &mut out).unwrap();
        let xml = String::from_utf8(out).unwrap();
        assert!(first_control(&xml, true).is_none(), "{xml}");
        assert!(xml.contains("bell\u{fffd} and tab\t"), "{xml}");
        assert!(read_str(&xml).is_ok());
    }
}
