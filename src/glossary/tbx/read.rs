//! Reading a TBX file into raw concepts (languages, terms, statuses, notes) as its
//! elements come, in either TBX version and style.

use quick_xml::Reader;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::Event;

use super::CASE_NOTE;
use super::concepts::build;
use super::xml::{attr, check_attributes, decode, error_at, line_col, local};
use crate::glossary::import::{FormatError, ImportOptions, Output};
use crate::glossary::model::first_control;

#[derive(Debug, Default)]
pub(super) struct RawTerm {
    pub(super) text: String,
    pub(super) status: Option<String>,
    pub(super) notes: Vec<String>,
    pub(super) case_sensitive: Option<bool>,
}

#[derive(Debug, Default)]
pub(super) struct RawLang {
    pub(super) lang: String,
    pub(super) terms: Vec<RawTerm>,
    pub(super) notes: Vec<String>,
}

#[derive(Debug, Default)]
pub(super) struct RawConcept {
    /// Byte offset of the concept's start tag, for messages.
    pub(super) at: usize,
    pub(super) subject: Vec<String>,
    pub(super) notes: Vec<String>,
    pub(super) langs: Vec<RawLang>,
}

/// What the text being collected belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Capture {
    Term,
    Status,
    Subject,
    Note,
    Case,
    /// A data category we do not keep.
    Skip,
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
