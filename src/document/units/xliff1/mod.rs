//! XLIFF 1.2 (and 1.1), as standard tools write it and in the variants of Trados Studio
//! (`.sdlxliff`), memoQ (`.mqxliff`), Phrase (`.mxliff`) and Okapi: `<trans-unit>`s with a
//! `<source>`, an optional `<seg-source>` whose `<mrk mtype="seg">` segments are units of
//! their own, and a `<target>` that may be missing (it is then inserted on save, built from
//! the `<seg-source>` for a segmented unit).
//!
//! Only a trans-unit's own `<source>`, `<seg-source>` and `<target>` are read: those of
//! `<alt-trans>` (translation memory matches) and of memoQ's history are not units.
//!
//! States: standard files keep it in the target's `state` (`new`, `needs-translation`,
//! `needs-review-translation`, `translated`, `signed-off`, `final`) and the unit's
//! `approved`; Trados in each segment's `<sdl:seg conf="…">` (`Draft`, `Translated`,
//! `ApprovedTranslation`, `ApprovedSignOff` …) and `locked`; memoQ in the unit's
//! `mq:status` (`NotStarted`, `PartiallyEdited`, `ManuallyConfirmed`,
//! `Reviewer1Confirmed`, `Proofread` …) and `mq:locked`; Phrase in `m:confirmed` (a number,
//! the workflow level confirmed, compared with the file's `m:level`) and `m:locked`.
//! Writing a stage writes it there, and only there: `translated`/`signed-off`/`final`,
//! `Translated`/`ApprovedTranslation`/`ApprovedSignOff`, `ManuallyConfirmed`/
//! `Reviewer1Confirmed`/`Proofread`, `m:confirmed` = the file's level (`0` for new).

use std::ops::Range;

mod states;
mod write;

use states::StateInputs;

use super::codes::InlineCode;
use super::error::{ErrorKind, FormatError};
use super::inline::{self, Dialect, Segment, SegmentTables};
use super::placeholders::PlaceholderSyntax;
use super::side::Side;
use super::xml::{self, Ev, Place, Scanner};
use super::{Format, Layout as AnyLayout, Note, Parsed, Tool, Unit};

/// A trans-unit's `<target>` as the file has it.
#[derive(Debug, Clone)]
enum TargetEl {
    Missing,
    /// `<target/>`: the tag.
    SelfClosing(Range<usize>),
    Element {
        start_tag: Range<usize>,
        content: Range<usize>,
    },
}

/// A segment's `<mrk mtype="seg">` in the `<seg-source>` or the `<target>`.
#[derive(Debug, Clone)]
struct SegRef {
    mid: String,
    start_tag: Range<usize>,
    end_tag: Range<usize>,
    content: Range<usize>,
    self_closing: bool,
}

impl SegRef {
    fn of(s: &Segment) -> SegRef {
        SegRef {
            mid: s.mid.clone(),
            start_tag: s.start_tag.clone(),
            end_tag: s.end_tag.clone(),
            content: if s.self_closing {
                s.start_tag.end..s.start_tag.end
            } else {
                s.start_tag.end..s.end_tag.start
            },
            self_closing: s.self_closing,
        }
    }
}

/// What writing back needs to know of a trans-unit.
#[derive(Debug)]
struct Tu {
    start_tag: Range<usize>,
    /// The namespace prefix of its elements (`xlf:`), or "".
    prefix: String,
    /// Where a missing target goes (after `</source>` or `</seg-source>`), and the line
    /// break and indentation to put before it (the source's).
    insert_at: usize,
    indent: Range<usize>,
    /// `xml:lang` for an inserted target, when the source has one.
    lang: Option<String>,
    target: TargetEl,
    seg_source: Option<(Range<usize>, Vec<SegRef>)>,
    target_segs: Vec<SegRef>,
    /// Trados: each segment's `<sdl:seg>` tag, by id.
    sdl_segs: Vec<(String, Range<usize>)>,
}

/// Where a unit is in its trans-unit.
#[derive(Debug, Clone, Copy)]
enum Slot {
    Whole { tu: usize },
    Segment { tu: usize, seg: usize },
}

impl Slot {
    fn tu(self) -> usize {
        match self {
            Slot::Whole { tu } | Slot::Segment { tu, .. } => tu,
        }
    }
}

/// An XLIFF 1.2 file's trans-units, for writing back.
#[derive(Debug)]
pub(crate) struct Layout {
    tool: Tool,
    /// Phrase's `m:level`.
    level: Option<String>,
    /// The prefixes bound to the Trados, memoQ and Phrase namespaces.
    sdl: String,
    mq: String,
    phrase: String,
    /// memoQ's and Phrase's trans-unit attributes for the state and the lock (`mq:status`,
    /// `m:locked` …); none for other tools.
    status_attr: String,
    locked_attr: String,
    tus: Vec<Tu>,
    slots: Vec<Slot>,
}

/// A trans-unit being read.
#[derive(Default)]
struct TuBuild {
    id: Option<String>,
    start_tag: Range<usize>,
    translate: bool,
    approved: bool,
    resname: Option<String>,
    tool_state: Option<String>,
    tool_locked: bool,
    source: Option<Side>,
    source_tag: Range<usize>,
    source_end: usize,
    codes: Vec<InlineCode>,
    seg_source: Option<(Range<usize>, Vec<Segment>)>,
    seg_source_end: usize,
    tables: SegmentTables,
    target: Option<TargetEl>,
    target_side: Option<Side>,
    target_segs: Option<Vec<Segment>>,
    target_state: Option<String>,
    target_qualifier: Option<String>,
    notes: Vec<Note>,
    contexts: Vec<String>,
    sdl: Vec<(String, Range<usize>, Option<String>, bool)>,
}

/// Namespaces that tell which tool wrote the file.
const SDL_NS: &str = "sdl.com/FileTypes/SdlXliff";
const MQ_NS: &str = "MQXliff";
const PHRASE_NS: &str = "memsource.com/mxlf";
const OKAPI_NS: &str = "okapi-framework:xliff-extensions";

pub(crate) fn parse(place: Place<'_>) -> Result<Parsed, FormatError> {
    let text = place.decoded.text.as_str();
    let mut sc = Scanner::new(place);
    let mut layout = Layout {
        tool: Tool::Generic,
        level: None,
        sdl: "sdl".into(),
        mq: "mq".into(),
        phrase: "m".into(),
        status_attr: "\u{0}".into(),
        locked_attr: "\u{0}".into(),
        tus: Vec::with_capacity(text.len() / 256),
        slots: Vec::with_capacity(text.len() / 256),
    };
    let mut units: Vec<Unit> = Vec::with_capacity(text.len() / 256);
    // The file each unit is in, and the files' `original` names.
    let mut unit_files: Vec<usize> = Vec::new();
    let mut files: Vec<String> = Vec::new();
    let (mut source_lang, mut target_lang) = (None, None);
    // Open elements: local name and whether they are translatable.
    let mut stack: Vec<(&str, bool)> = Vec::new();
    let mut tu: Option<TuBuild> = None;
    let mut seen_root = false;
    let mut file_target_lang: Option<String> = None;
    while let Some(e) = sc.next()? {
        let span = e.span.clone();
        match e.kind {
            Ev::Start | Ev::Empty => {
                let qname = xml::tag_name(text, &span);
                let local = xml::local(qname);
                let parent = stack.last().map(|f| f.0);
                let translate = stack.last().is_none_or(|f| f.1);
                let empty = e.kind == Ev::Empty;
                let mut consumed = false;
                let mut own_translate = translate;
                if !seen_root {
                    seen_root = true;
                    read_root(text, &span, &mut layout);
                }
                match (parent, local) {
                    (_, "file") => {
                        files.push(attr_value(text, &span, "original").unwrap_or_default());
                        file_target_lang = attr_value(text, &span, "target-language");
                        if source_lang.is_none() {
                            source_lang = attr_value(text, &span, "source-language");
                        }
                        if target_lang.is_none() {
                            target_lang = attr_value(text, &span, "target-language");
                        }
                    }
                    (_, "group") => {
                        own_translate = translate && !is_no(text, &span, "translate");
                    }
                    (_, "trans-unit") => {
                        let [id, no, approved, resname, status, locked] = xml::attrs(
                            text,
                            &span,
                            [
                                "id",
                                "translate",
                                "approved",
                                "resname",
                                &layout.status_attr,
                                &layout.locked_attr,
                            ],
                        );
                        let value = |a: Option<xml::Attr<'_>>| a.map(|a| a.value().into_owned());
                        own_translate = translate && no.is_none_or(|a| a.raw != "no");
                        let locked = locked.is_some_and(|a| matches!(a.raw, "locked" | "true"));
                        let b = TuBuild {
                            id: value(id),
                            start_tag: span.clone(),
                            translate: own_translate,
                            approved: approved.is_some_and(|a| a.raw == "yes"),
                            resname: value(resname),
                            tool_state: value(status),
                            tool_locked: locked,
                            ..TuBuild::default()
                        };
                        if empty {
                            return Err(sc.place.error(
                                span.start,
                                ErrorKind::MissingSource,
                                format!(
                                    "trans-unit {:?} has no <source>",
                                    b.id.unwrap_or_default()
                                ),
                            ));
                        }
                        tu = Some(b);
                    }
                    (Some("trans-unit"), "source") if let Some(b) = tu.as_mut() => {
                        b.source_tag = span.clone();
                        if empty {
                            b.source = Some(Side::empty_at(span.end));
                            b.source_end = span.end;
                        } else {
                            let (side, end) =
                                inline::read_side(&mut sc, &span, Dialect::Xliff1, &mut b.codes)?;
                            b.source =
                                Some(protect_phrase(side, &layout, text, &mut b.codes, &sc)?);
                            b.source_end = end.end;
                        }
                        consumed = true;
                    }
                    (Some("trans-unit"), "seg-source") if let Some(b) = tu.as_mut() => {
                        if empty {
                            b.seg_source_end = span.end;
                        } else {
                            let (segs, end) = inline::read_segments(&mut sc, &mut b.tables)?;
                            b.seg_source = Some((span.end..end.start, segs));
                            b.seg_source_end = end.end;
                        }
                        consumed = true;
                    }
                    (Some("trans-unit"), "target") if let Some(b) = tu.as_mut() => {
                        read_target(&mut sc, &span, empty, &layout, b)?;
                        consumed = true;
                    }
                    (Some("trans-unit"), "note") if tu.is_some() && !empty => {
                        let from = attr_value(text, &span, "from");
                        let note = sc.element_text()?;
                        if let Some(b) = tu.as_mut() {
                            b.notes.push(Note {
                                from,
                                text: note.trim().to_string(),
                            });
                        }
                        consumed = true;
                    }
                    (Some("context-group"), "context") if tu.is_some() && !empty => {
                        let kind = attr_value(text, &span, "context-type");
                        let value = sc.element_text()?;
                        if let Some(b) = tu.as_mut() {
                            b.contexts.push(match kind {
                                Some(k) => format!("{k}: {}", value.trim()),
                                None => value.trim().to_string(),
                            });
                        }
                        consumed = true;
                    }
                    (Some("seg-defs"), "seg") if tu.is_some() => {
                        if let Some(b) = tu.as_mut() {
                            let id = attr_value(text, &span, "id").unwrap_or_default();
                            let conf = attr_value(text, &span, "conf");
                            let locked =
                                attr_value(text, &span, "locked").as_deref() == Some("true");
                            b.sdl.push((id, span.clone(), conf, locked));
                        }
                    }
                    (_, "bin-unit" | "alt-trans") if !empty => {
                        sc.skip_element()?;
                        consumed = true;
                    }
                    _ => {}
                }
                if !empty && !consumed {
                    stack.push((local, own_translate));
                }
            }
            Ev::End => {
                if let Some(("trans-unit", _)) = stack.pop()
                    && let Some(b) = tu.take()
                {
                    finish_tu(&sc, b, file_target_lang.as_deref(), &mut layout, &mut units)?;
                    unit_files.resize(units.len(), files.len().saturating_sub(1));
                }
            }
            _ => {}
        }
    }
    qualify_ids(&mut units, &unit_files, &files);
    Ok(Parsed {
        format: Format::Xliff12(layout.tool),
        units,
        source_lang,
        target_lang,
        layout: AnyLayout::Xliff1(layout),
    })
}

fn attr_value(text: &str, span: &Range<usize>, name: &str) -> Option<String> {
    xml::attr(text, span, name).map(|a| a.value().into_owned())
}

fn is_no(text: &str, span: &Range<usize>, name: &str) -> bool {
    xml::attr(text, span, name).is_some_and(|a| a.raw == "no")
}

/// The tool, from the root's namespaces, and the prefixes bound to them.
fn read_root(text: &str, span: &Range<usize>, layout: &mut Layout) {
    let mut found: Vec<(Tool, String)> = Vec::new();
    for a in xml::attributes(text, span).flatten() {
        let Some(prefix) = a.name.strip_prefix("xmlns:") else {
            continue;
        };
        let tool = if a.raw.contains(SDL_NS) {
            layout.sdl = prefix.to_string();
            Tool::Trados
        } else if a.raw == MQ_NS {
            layout.mq = prefix.to_string();
            Tool::MemoQ
        } else if a.raw.contains(PHRASE_NS) {
            layout.phrase = prefix.to_string();
            Tool::Phrase
        } else if a.raw == OKAPI_NS {
            Tool::Okapi
        } else {
            continue;
        };
        found.push((tool, prefix.to_string()));
    }
    layout.tool = [Tool::Trados, Tool::MemoQ, Tool::Phrase, Tool::Okapi]
        .into_iter()
        .find(|t| found.iter().any(|(f, _)| f == t))
        .unwrap_or(Tool::Generic);
    match layout.tool {
        Tool::Phrase => {
            layout.level = attr_value(text, span, &format!("{}:level", layout.phrase));
            layout.status_attr = format!("{}:confirmed", layout.phrase);
            layout.locked_attr = format!("{}:locked", layout.phrase);
        }
        Tool::MemoQ => {
            layout.status_attr = format!("{}:status", layout.mq);
            layout.locked_attr = format!("{}:locked", layout.mq);
        }
        _ => {}
    }
}

/// Phrase writes tags as text (`{1>`, `<1}`): they are codes too.
fn protect_phrase(
    side: Side,
    layout: &Layout,
    text: &str,
    codes: &mut Vec<InlineCode>,
    sc: &Scanner<'_>,
) -> Result<Side, FormatError> {
    if layout.tool != Tool::Phrase {
        return Ok(side);
    }
    let found = PlaceholderSyntax::Phrase.find(&side.text);
    let at = side.span.start;
    side.protect(&found, text, codes)
        .map_err(inline::too_many(sc, at))
}

fn read_target(
    sc: &mut Scanner<'_>,
    span: &Range<usize>,
    empty: bool,
    layout: &Layout,
    b: &mut TuBuild,
) -> Result<(), FormatError> {
    let text = sc.text;
    let [state, qualifier] = xml::attrs(text, span, ["state", "state-qualifier"]);
    b.target_state = state.map(|a| a.value().into_owned());
    b.target_qualifier = qualifier.map(|a| a.value().into_owned());
    if empty {
        b.target = Some(TargetEl::SelfClosing(span.clone()));
        return Ok(());
    }
    let segmented = b.seg_source.as_ref().is_some_and(|(_, s)| !s.is_empty());
    if segmented {
        let mut open = sc.mark().1;
        open.pop();
        let (segs, end) = inline::read_segments(sc, &mut b.tables)?;
        let content = span.end..end.start;
        if !segs.is_empty() || text[content.clone()].trim().is_empty() {
            b.target = Some(TargetEl::Element {
                start_tag: span.clone(),
                content,
            });
            b.target_segs = Some(segs);
            return Ok(());
        }
        // A target not segmented like its seg-source: read it as a whole.
        sc.rewind(span.start, open);
        sc.next()?;
    }
    let (side, end) = inline::read_side(sc, span, Dialect::Xliff1, &mut b.codes)?;
    let side = protect_phrase(side, layout, text, &mut b.codes, sc)?;
    b.target = Some(TargetEl::Element {
        start_tag: span.clone(),
        content: span.end..end.start,
    });
    b.target_side = Some(side);
    Ok(())
}

fn finish_tu(
    sc: &Scanner<'_>,
    b: TuBuild,
    file_target_lang: Option<&str>,
    layout: &mut Layout,
    units: &mut Vec<Unit>,
) -> Result<(), FormatError> {
    let text = sc.text;
    let TuBuild {
        id,
        start_tag,
        translate,
        approved,
        resname,
        tool_state,
        tool_locked,
        source,
        source_tag,
        source_end,
        codes,
        seg_source,
        seg_source_end,
        mut tables,
        target,
        target_side,
        target_segs,
        target_state,
        target_qualifier,
        notes,
        contexts,
        sdl,
    } = b;
    let id = id.unwrap_or_else(|| (layout.tus.len() + 1).to_string());
    let Some(source) = source else {
        return Err(sc.place.error(
            start_tag.start,
            ErrorKind::MissingSource,
            format!("trans-unit {id:?} has no <source>"),
        ));
    };
    let tu_index = layout.tus.len();
    let insert_after = source_end.max(seg_source_end);
    let indent = xml::indentation_before(text, source_tag.start);
    let indent = source_tag.start - indent.len()..source_tag.start;
    let lang = xml::attr(text, &source_tag, "xml:lang")
        .and(file_target_lang)
        .map(str::to_string);
    let context = resname.or_else(|| (!contexts.is_empty()).then(|| contexts.join("; ")));
    let target_el = target.unwrap_or(TargetEl::Missing);
    let segmented =
        target_side.is_none() && seg_source.as_ref().is_some_and(|(_, s)| !s.is_empty());
    let inputs = StateInputs {
        tool: layout.tool,
        level: layout.level.as_deref(),
        tool_state: tool_state.as_deref(),
        target_state: target_state.as_deref(),
        qualifier: target_qualifier.as_deref(),
        approved,
        locked: tool_locked,
        translate,
        trados: !sdl.is_empty(),
        segment: segmented,
    };
    let placeholders = (layout.tool == Tool::Phrase).then_some(PlaceholderSyntax::Phrase);
    let mut seg_refs = None;
    let mut target_refs = Vec::new();
    if segmented {
        let (content, segs) = seg_source.unwrap_or_default();
        let target_segs = target_segs.unwrap_or_default();
        let missing_at = match &target_el {
            TargetEl::Element { content, .. } => content.end,
            TargetEl::SelfClosing(tag) => tag.start,
            TargetEl::Missing => insert_after,
        };
        for (k, seg) in segs.iter().enumerate() {
            let target = target_segs.iter().find(|t| t.mid == seg.mid);
            let codes = tables
                .iter_mut()
                .find(|(m, _)| *m == seg.mid)
                .map(|(_, c)| std::mem::take(c))
                .unwrap_or_default();
            let (side, has_target) = match target {
                Some(t) => (t.side.clone(), true),
                None => (Side::empty_at(missing_at), false),
            };
            let seg_def = sdl.iter().find(|s| s.0 == seg.mid);
            let state = inputs.state(
                seg_def.and_then(|s| s.2.as_deref()),
                seg_def.is_some_and(|s| s.3),
                side.text.is_empty(),
            );
            units.push(Unit {
                id: format!("{id}/{}", seg.mid),
                source: Some(seg.side.clone()),
                target: side,
                has_target,
                state,
                notes: notes.clone(),
                context: context.clone(),
                codes,
                placeholders,
            });
            layout.slots.push(Slot::Segment {
                tu: tu_index,
                seg: k,
            });
        }
        seg_refs = Some((content, segs.iter().map(SegRef::of).collect()));
        target_refs = target_segs.iter().map(SegRef::of).collect();
    } else {
        let (target, has_target) = match (target_side, &target_el) {
            (Some(side), _) => (side, true),
            (None, TargetEl::SelfClosing(tag)) => (Side::empty_at(tag.start), true),
            (None, TargetEl::Element { content, .. }) => (Side::empty_at(content.start), true),
            (None, TargetEl::Missing) => (Side::empty_at(insert_after), false),
        };
        let seg_def = sdl.first();
        let state = inputs.state(
            seg_def.and_then(|s| s.2.as_deref()),
            seg_def.is_some_and(|s| s.3),
            target.text.is_empty(),
        );
        units.push(Unit {
            id,
            source: Some(source),
            target,
            has_target,
            state,
            notes,
            context,
            codes,
            placeholders,
        });
        layout.slots.push(Slot::Whole { tu: tu_index });
    }
    layout.tus.push(Tu {
        prefix: xml::prefix(xml::tag_name(text, &start_tag)).to_string(),
        start_tag,
        insert_at: insert_after,
        indent,
        lang,
        target: target_el,
        seg_source: seg_refs,
        target_segs: target_refs,
        sdl_segs: sdl.into_iter().map(|(id, tag, _, _)| (id, tag)).collect(),
    });
    Ok(())
}

/// With several `<file>`s, ids are prefixed by the file's `original` (or its number).
fn qualify_ids(units: &mut [Unit], unit_files: &[usize], files: &[String]) {
    if files.len() < 2 {
        return;
    }
    let distinct = {
        let mut names: Vec<&String> = files.iter().collect();
        names.sort();
        names.dedup();
        names.len() == files.len() && files.iter().all(|f| !f.is_empty())
    };
    for (u, &f) in units.iter_mut().zip(unit_files) {
        let name = if distinct {
            files[f].clone()
        } else {
            format!("file{}", f + 1)
        };
        u.id = format!("{name}#{}", u.id);
    }
}
