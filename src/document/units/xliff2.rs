//! XLIFF 2.0, 2.1 and 2.2: `<unit>`s of `<segment>`s, each segment a unit of its own with
//! its `<source>` and optional `<target>`; `<ignorable>` (whitespace and codes between
//! segments) and `<originalData>` are kept as they are and not read as text. The state is
//! the segment's `state` (`initial`, `translated`, `reviewed`, `final`); `translate="no"`
//! on a file, group or unit makes its segments read-only. Notes are the unit's `<notes>`.
//! A missing target is inserted after the segment's source, indented like it.

use std::ops::Range;

use super::codes::InlineCode;
use super::error::{ErrorKind, FormatError, SaveError};
use super::inline::{self, Dialect};
use super::side::Side;
use super::xml::{self, Ev, Place, Scanner};
use super::xml_edit::{check_nesting, escape_xml, fill_self_closing, set_attr};
use super::{
    BilingualFile, Format, Layout as AnyLayout, Note, Parsed, Patch, Stage, TargetEdit, Unit,
    UnitState,
};

/// A segment's `<target>` as the file has it.
#[derive(Debug, Clone)]
enum TargetEl {
    Missing,
    SelfClosing(Range<usize>),
    Element(Range<usize>),
}

/// What writing back needs to know of a segment.
#[derive(Debug)]
struct Slot {
    segment_tag: Range<usize>,
    target: TargetEl,
    /// After `</source>`, and the line break and indentation before `<source>`.
    insert_at: usize,
    indent: Range<usize>,
    /// The namespace prefix of the segment's elements.
    prefix: String,
}

#[derive(Debug)]
pub(crate) struct Layout {
    slots: Vec<Slot>,
}

/// A segment being read.
#[derive(Default)]
struct SegBuild {
    id: Option<String>,
    tag: Range<usize>,
    state: Option<String>,
    sub_state: Option<String>,
    codes: Vec<InlineCode>,
    source: Option<Side>,
    source_tag: Range<usize>,
    source_end: usize,
    target: Option<(Side, TargetEl)>,
}

/// A unit being read.
#[derive(Default)]
struct UnitBuild {
    id: String,
    name: Option<String>,
    translate: bool,
    notes: Vec<Note>,
    segments: Vec<SegBuild>,
    file: usize,
}

pub(crate) fn parse(place: Place<'_>) -> Result<Parsed, FormatError> {
    let text = place.decoded.text.as_str();
    let mut sc = Scanner::new(place);
    let mut stack: Vec<(&str, bool)> = Vec::new();
    let mut units: Vec<Unit> = Vec::new();
    let mut unit_files: Vec<usize> = Vec::new();
    let mut files: Vec<String> = Vec::new();
    let mut slots: Vec<Slot> = Vec::new();
    let (mut source_lang, mut target_lang) = (None, None);
    let mut unit: Option<UnitBuild> = None;
    let mut seg: Option<SegBuild> = None;
    while let Some(e) = sc.next()? {
        let span = e.span.clone();
        match e.kind {
            Ev::Start | Ev::Empty => {
                let local = xml::local(xml::tag_name(text, &span));
                let parent = stack.last().map(|f| f.0);
                let translate = stack.last().is_none_or(|f| f.1);
                let empty = e.kind == Ev::Empty;
                let mut own_translate = translate;
                let mut consumed = false;
                match (parent, local) {
                    (None, "xliff") => {
                        source_lang = attr_value(text, &span, "srcLang");
                        target_lang = attr_value(text, &span, "trgLang");
                    }
                    (_, "file") => {
                        files.push(attr_value(text, &span, "id").unwrap_or_default());
                        own_translate = translate && !is_no(text, &span);
                    }
                    (_, "group") => own_translate = translate && !is_no(text, &span),
                    (_, "unit") => {
                        own_translate = translate && !is_no(text, &span);
                        unit = Some(UnitBuild {
                            id: attr_value(text, &span, "id").unwrap_or_default(),
                            name: attr_value(text, &span, "name"),
                            translate: own_translate,
                            file: files.len().saturating_sub(1),
                            ..UnitBuild::default()
                        });
                    }
                    (Some("notes"), "note") if !empty => {
                        let from = attr_value(text, &span, "category");
                        let note = sc.element_text()?;
                        if let Some(u) = unit.as_mut() {
                            u.notes.push(Note {
                                from,
                                text: note.trim().to_string(),
                            });
                        }
                        consumed = true;
                    }
                    (Some("unit"), "segment") => {
                        seg = Some(SegBuild {
                            id: attr_value(text, &span, "id"),
                            tag: span.clone(),
                            state: attr_value(text, &span, "state"),
                            sub_state: attr_value(text, &span, "subState"),
                            ..SegBuild::default()
                        });
                        if empty {
                            return Err(missing_source(&sc, &span, unit.as_ref()));
                        }
                    }
                    (Some("unit"), "ignorable" | "originalData") if !empty => {
                        sc.skip_element()?;
                        consumed = true;
                    }
                    (Some("segment"), "source") if let Some(s) = seg.as_mut() => {
                        s.source_tag = span.clone();
                        if empty {
                            s.source = Some(Side::empty_at(span.end));
                            s.source_end = span.end;
                        } else {
                            let (side, end) =
                                inline::read_side(&mut sc, &span, Dialect::Xliff2, &mut s.codes)?;
                            s.source = Some(side);
                            s.source_end = end.end;
                        }
                        consumed = true;
                    }
                    (Some("segment"), "target") if let Some(s) = seg.as_mut() => {
                        if empty {
                            s.target = Some((
                                Side::empty_at(span.start),
                                TargetEl::SelfClosing(span.clone()),
                            ));
                        } else {
                            let (side, end) =
                                inline::read_side(&mut sc, &span, Dialect::Xliff2, &mut s.codes)?;
                            s.target = Some((side, TargetEl::Element(span.end..end.start)));
                        }
                        consumed = true;
                    }
                    _ => {}
                }
                if !empty && !consumed {
                    stack.push((local, own_translate));
                }
            }
            Ev::End => match stack.pop() {
                Some(("segment", _)) => {
                    if let (Some(s), Some(u)) = (seg.take(), unit.as_mut()) {
                        if s.source.is_none() {
                            return Err(missing_source(&sc, &s.tag, Some(u)));
                        }
                        u.segments.push(s);
                    }
                }
                Some(("unit", _)) => {
                    if let Some(u) = unit.take() {
                        finish_unit(text, u, &mut units, &mut unit_files, &mut slots);
                    }
                }
                _ => {}
            },
            _ => {}
        }
    }
    if files.len() > 1 {
        for (u, &f) in units.iter_mut().zip(&unit_files) {
            let name = if files[f].is_empty() {
                format!("file{}", f + 1)
            } else {
                files[f].clone()
            };
            u.id = format!("{name}#{}", u.id);
        }
    }
    Ok(Parsed {
        format: Format::Xliff2,
        units,
        source_lang,
        target_lang,
        layout: AnyLayout::Xliff2(Layout { slots }),
    })
}

fn missing_source(sc: &Scanner<'_>, span: &Range<usize>, unit: Option<&UnitBuild>) -> FormatError {
    sc.place.error(
        span.start,
        ErrorKind::MissingSource,
        format!(
            "a segment of unit {:?} has no <source>",
            unit.map_or("", |u| u.id.as_str())
        ),
    )
}

fn attr_value(text: &str, span: &Range<usize>, name: &str) -> Option<String> {
    xml::attr(text, span, name).map(|a| a.value().into_owned())
}

fn is_no(text: &str, span: &Range<usize>) -> bool {
    xml::attr(text, span, "translate").is_some_and(|a| a.raw == "no")
}

fn finish_unit(
    text: &str,
    u: UnitBuild,
    units: &mut Vec<Unit>,
    unit_files: &mut Vec<usize>,
    slots: &mut Vec<Slot>,
) {
    let several = u.segments.len() > 1;
    for (k, s) in u.segments.into_iter().enumerate() {
        let id = if several {
            format!(
                "{}/{}",
                u.id,
                s.id.clone().unwrap_or_else(|| (k + 1).to_string())
            )
        } else {
            u.id.clone()
        };
        let indent = xml::indentation_before(text, s.source_tag.start);
        let indent = s.source_tag.start - indent.len()..s.source_tag.start;
        let (target, target_el, has_target) = match s.target {
            Some((side, el)) => (side, el, true),
            None => (Side::empty_at(s.source_end), TargetEl::Missing, false),
        };
        let stage = match s.state.as_deref() {
            Some("initial") => Stage::New,
            Some("translated") => Stage::Translated,
            Some("reviewed") => Stage::Reviewed,
            Some("final") => Stage::Final,
            _ if target.text.is_empty() => Stage::New,
            _ => Stage::Translated,
        };
        let fuzzy = s
            .sub_state
            .as_deref()
            .is_some_and(|v| v.to_ascii_lowercase().contains("fuzzy"));
        units.push(Unit {
            id,
            source: s.source,
            target,
            has_target,
            state: UnitState {
                stage,
                fuzzy,
                locked: false,
                translatable: u.translate,
                raw: s.state,
            },
            notes: u.notes.clone(),
            context: u.name.clone(),
            codes: s.codes,
            placeholders: None,
        });
        unit_files.push(u.file);
        slots.push(Slot {
            prefix: xml::prefix(xml::tag_name(text, &s.tag)).to_string(),
            segment_tag: s.tag,
            target: target_el,
            insert_at: s.source_end,
            indent,
        });
    }
}

impl Layout {
    pub(crate) fn patches(
        &self,
        file: &BilingualFile,
        edits: &[&TargetEdit],
    ) -> Result<Vec<Patch>, SaveError> {
        let text = file.text();
        let mut patches = Vec::new();
        for e in edits {
            let unit = &file.units[e.unit];
            let slot = &self.slots[e.unit];
            if e.text != unit.target.text {
                check_nesting(file, unit, &e.text)?;
                let cp = format!("<{}cp hex=", slot.prefix);
                let content = file.render(unit, &e.text, |s, out| {
                    // XLIFF 2 writes characters XML cannot hold as <cp hex="…"/>.
                    for piece in s.split_inclusive(|c: char| !xml::xml_char(c)) {
                        let (body, bad) = match piece.chars().last() {
                            Some(c) if !xml::xml_char(c) => {
                                (&piece[..piece.len() - c.len_utf8()], Some(c))
                            }
                            _ => (piece, None),
                        };
                        escape_xml(body, out)?;
                        if let Some(c) = bad {
                            out.push_str(&format!("{cp}\"{:04X}\"/>", c as u32));
                        }
                    }
                    Ok(())
                })?;
                match &slot.target {
                    TargetEl::Element(range) => patches.push((range.clone(), content)),
                    TargetEl::SelfClosing(tag) => {
                        patches.push(fill_self_closing(text, tag, &content))
                    }
                    TargetEl::Missing => {
                        let name = format!("{}target", slot.prefix);
                        patches.push((
                            slot.insert_at..slot.insert_at,
                            format!("{}<{name}>{content}</{name}>", &text[slot.indent.clone()]),
                        ));
                    }
                }
            }
            if let Some(stage) = e.stage {
                let value = match stage {
                    Stage::New => "initial",
                    Stage::Translated => "translated",
                    Stage::Reviewed => "reviewed",
                    Stage::Final => "final",
                };
                patches.push(set_attr(text, &slot.segment_tag, "state", value));
            }
        }
        Ok(patches)
    }
}
