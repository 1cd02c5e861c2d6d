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

use super::codes::{CodeKind, CodeTag, InlineCode};
use super::error::{ErrorKind, FormatError, SaveError};
use super::inline::{self, Dialect, Segment, SegmentTables};
use super::placeholders::PlaceholderSyntax;
use super::side::Side;
use super::xml::{self, Ev, Place, Scanner};
use super::{
    BilingualFile, Format, Layout as AnyLayout, Note, Parsed, Patch, Stage, TargetEdit, Tool, Unit,
    UnitState,
};

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

/// The state of a standard XLIFF 1.2 target.
fn generic_state(
    raw: Option<&str>,
    qualifier: Option<&str>,
    approved: bool,
    empty: bool,
) -> (Stage, bool) {
    let stage = match raw {
        Some("new" | "needs-translation") => Stage::New,
        Some("signed-off") => Stage::Reviewed,
        Some("final") => Stage::Final,
        Some(
            "translated"
            | "needs-adaptation"
            | "needs-l10n"
            | "needs-review-adaptation"
            | "needs-review-l10n"
            | "needs-review-translation",
        ) => Stage::Translated,
        _ if empty => Stage::New,
        _ => Stage::Translated,
    };
    let stage = if approved {
        stage.max(Stage::Reviewed)
    } else {
        stage
    };
    let fuzzy =
        raw.is_some_and(|r| r.starts_with("needs-review")) || qualifier == Some("fuzzy-match");
    (stage, fuzzy)
}

/// Trados' confirmation levels.
fn trados_state(conf: Option<&str>, empty: bool) -> (Stage, bool) {
    match conf {
        Some("Draft") => (Stage::Translated, true),
        Some("Translated") => (Stage::Translated, false),
        Some("RejectedTranslation") => (Stage::Translated, true),
        Some("ApprovedTranslation") => (Stage::Reviewed, false),
        Some("RejectedSignOff") => (Stage::Reviewed, true),
        Some("ApprovedSignOff") => (Stage::Final, false),
        Some("Unspecified" | "NotTranslated") | None if empty => (Stage::New, false),
        _ => (Stage::Translated, true),
    }
}

/// memoQ's segment statuses.
fn memoq_state(status: Option<&str>, empty: bool) -> (Stage, bool) {
    match status {
        Some("ManuallyConfirmed" | "Confirmed") => (Stage::Translated, false),
        Some("Reviewer1Confirmed") => (Stage::Reviewed, false),
        Some("Reviewer2Confirmed" | "Proofread") => (Stage::Final, false),
        Some("NotStarted") | None if empty => (Stage::New, false),
        _ if empty => (Stage::New, false),
        _ => (Stage::Translated, true),
    }
}

/// Phrase's confirmation level against the file's level.
fn phrase_state(confirmed: Option<&str>, level: Option<&str>, empty: bool) -> (Stage, bool) {
    let n: u32 = confirmed.and_then(|c| c.parse().ok()).unwrap_or(0);
    let level: u32 = level.and_then(|l| l.parse().ok()).unwrap_or(1).max(1);
    match n {
        0 if empty => (Stage::New, false),
        0 => (Stage::Translated, true),
        n if n >= 3 => (Stage::Final, false),
        n if n >= 2 => (Stage::Reviewed, n < level),
        _ => (Stage::Translated, n < level),
    }
}

/// What a unit's state is read from.
struct StateInputs<'b> {
    tool: Tool,
    level: Option<&'b str>,
    tool_state: Option<&'b str>,
    target_state: Option<&'b str>,
    qualifier: Option<&'b str>,
    approved: bool,
    locked: bool,
    translate: bool,
    trados: bool,
    /// A segment of a segmented trans-unit, whose state it shares with its siblings.
    segment: bool,
}

impl StateInputs<'_> {
    /// The state of a unit whose Trados segment (if any) has `conf` and `locked`.
    fn state(&self, conf: Option<&str>, sdl_locked: bool, empty: bool) -> UnitState {
        let (stage, fuzzy, raw) = match self.tool {
            Tool::Trados if self.trados => {
                let (s, f) = trados_state(conf, empty);
                (s, f, conf)
            }
            Tool::MemoQ => {
                let (s, f) = memoq_state(self.tool_state, empty);
                (s, f, self.tool_state)
            }
            Tool::Phrase => {
                let (s, f) = phrase_state(self.tool_state, self.level, empty);
                (s, f, self.tool_state)
            }
            // An empty segment is new whatever its trans-unit's state says.
            _ if self.segment && empty => (Stage::New, false, self.target_state),
            _ => {
                let (s, f) = generic_state(self.target_state, self.qualifier, self.approved, empty);
                (s, f, self.target_state)
            }
        };
        UnitState {
            stage,
            fuzzy,
            locked: self.locked || sdl_locked,
            translatable: self.translate,
            raw: raw.map(str::to_string),
        }
    }
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

impl Layout {
    /// The state attribute values for a stage, by tool.
    fn state_value(&self, stage: Stage) -> String {
        match self.tool {
            Tool::Trados => match stage {
                Stage::New => "Draft",
                Stage::Translated => "Translated",
                Stage::Reviewed => "ApprovedTranslation",
                Stage::Final => "ApprovedSignOff",
            }
            .to_string(),
            Tool::MemoQ => match stage {
                Stage::New => "NotStarted",
                Stage::Translated => "ManuallyConfirmed",
                Stage::Reviewed => "Reviewer1Confirmed",
                Stage::Final => "Proofread",
            }
            .to_string(),
            Tool::Phrase => match stage {
                Stage::New => "0".to_string(),
                _ => self.level.clone().unwrap_or_else(|| "1".to_string()),
            },
            Tool::Generic | Tool::Okapi => match stage {
                Stage::New => "new",
                Stage::Translated => "translated",
                Stage::Reviewed => "signed-off",
                Stage::Final => "final",
            }
            .to_string(),
        }
    }

    pub(crate) fn patches(
        &self,
        file: &BilingualFile,
        edits: &[&TargetEdit],
    ) -> Result<Vec<Patch>, SaveError> {
        let text = file.text();
        let mut patches = Vec::new();
        let mut i = 0;
        while i < edits.len() {
            // The edits of one trans-unit together (units are in document order).
            let tu_index = self.slots[edits[i].unit].tu();
            let mut j = i;
            while j < edits.len() && self.slots[edits[j].unit].tu() == tu_index {
                j += 1;
            }
            self.tu_patches(file, text, tu_index, &edits[i..j], &mut patches)?;
            i = j;
        }
        Ok(patches)
    }

    fn tu_patches(
        &self,
        file: &BilingualFile,
        text: &str,
        tu_index: usize,
        edits: &[&TargetEdit],
        patches: &mut Vec<Patch>,
    ) -> Result<(), SaveError> {
        let tu = &self.tus[tu_index];
        let rendered: Vec<(usize, Option<String>)> = edits
            .iter()
            .map(|e| {
                let unit = &file.units[e.unit];
                let changed = e.text != unit.target.text;
                if changed {
                    check_nesting(file, unit, &e.text)?;
                }
                let r = changed
                    .then(|| file.render(unit, &e.text, escape_xml))
                    .transpose()?;
                Ok((e.unit, r))
            })
            .collect::<Result<_, SaveError>>()?;
        let stage = edits.iter().filter_map(|e| e.stage).min();
        let target_name = format!("{}target", tu.prefix);
        match &tu.seg_source {
            None => {
                let content = rendered.first().and_then(|(_, r)| r.clone());
                match &tu.target {
                    TargetEl::Element { content: range, .. } => {
                        if let Some(c) = content {
                            patches.push((range.clone(), c));
                        }
                    }
                    TargetEl::SelfClosing(tag) => {
                        if let Some(c) = content {
                            patches.push(fill_self_closing(text, tag, &c));
                        }
                    }
                    TargetEl::Missing => {
                        let c = content.unwrap_or_default();
                        patches.push((
                            tu.insert_at..tu.insert_at,
                            self.new_target(text, tu, &target_name, stage, &c),
                        ));
                        return self.tool_state_patches(text, tu, edits, stage, patches, false);
                    }
                }
            }
            Some((seg_content, segs)) => {
                let edited = |k: usize| {
                    rendered.iter().find_map(|(u, r)| match self.slots[*u] {
                        Slot::Segment { seg, .. } if seg == k => Some(r.clone()),
                        _ => None,
                    })
                };
                let rebuild = match &tu.target {
                    TargetEl::Missing | TargetEl::SelfClosing(_) => true,
                    TargetEl::Element { .. } => tu.target_segs.is_empty(),
                };
                if rebuild {
                    if rendered.iter().all(|(_, r)| r.is_none())
                        && !matches!(tu.target, TargetEl::Missing)
                    {
                        // Only states change.
                    } else {
                        let mut content = String::new();
                        let mut at = seg_content.start;
                        for (k, seg) in segs.iter().enumerate() {
                            content.push_str(&text[at..seg.start_tag.start]);
                            let new = edited(k).flatten();
                            content.push_str(&seg_markup(text, seg, new.as_deref()));
                            at = seg.end_tag.end;
                        }
                        content.push_str(&text[at..seg_content.end]);
                        match &tu.target {
                            TargetEl::Missing => {
                                patches.push((
                                    tu.insert_at..tu.insert_at,
                                    self.new_target(text, tu, &target_name, stage, &content),
                                ));
                                return self
                                    .tool_state_patches(text, tu, edits, stage, patches, false);
                            }
                            TargetEl::SelfClosing(tag) => {
                                patches.push(fill_self_closing(text, tag, &content))
                            }
                            TargetEl::Element { content: range, .. } => {
                                patches.push((range.clone(), content));
                            }
                        }
                    }
                } else {
                    for (u, r) in &rendered {
                        let (Slot::Segment { seg: k, .. }, Some(new)) = (self.slots[*u], r) else {
                            continue;
                        };
                        let seg = &segs[k];
                        match tu.target_segs.iter().find(|t| t.mid == seg.mid) {
                            Some(t) if t.self_closing => {
                                patches.push(fill_self_closing(text, &t.start_tag, new))
                            }
                            Some(t) => patches.push((t.content.clone(), new.clone())),
                            None => {
                                // After the target's segment that comes before it in the
                                // seg-source, else at the start of the target.
                                let before = segs[..k]
                                    .iter()
                                    .rev()
                                    .find_map(|s| tu.target_segs.iter().find(|t| t.mid == s.mid));
                                let at = match (before, &tu.target) {
                                    (Some(t), _) => t.end_tag.end,
                                    (None, TargetEl::Element { content, .. }) => content.start,
                                    _ => continue,
                                };
                                patches.push((at..at, seg_markup(text, seg, Some(new))));
                            }
                        }
                    }
                }
            }
        }
        self.tool_state_patches(text, tu, edits, stage, patches, true)
    }

    /// A whole new `<target>` after the source, indented like it.
    fn new_target(
        &self,
        text: &str,
        tu: &Tu,
        name: &str,
        stage: Option<Stage>,
        content: &str,
    ) -> String {
        let mut attrs = String::new();
        if let Some(lang) = &tu.lang {
            attrs.push_str(&format!(" xml:lang=\"{}\"", xml::escape_attr(lang)));
        }
        if let (Some(stage), Tool::Generic | Tool::Okapi) = (stage, self.tool) {
            attrs.push_str(&format!(" state=\"{}\"", self.state_value(stage)));
        }
        format!(
            "{}<{name}{attrs}>{content}</{name}>",
            &text[tu.indent.clone()]
        )
    }

    /// The state patches of a trans-unit's edits, where its tool keeps states.
    fn tool_state_patches(
        &self,
        text: &str,
        tu: &Tu,
        edits: &[&TargetEdit],
        stage: Option<Stage>,
        patches: &mut Vec<Patch>,
        target_exists: bool,
    ) -> Result<(), SaveError> {
        let Some(stage) = stage else {
            return Ok(());
        };
        let value = self.state_value(stage);
        match self.tool {
            Tool::Generic | Tool::Okapi => {
                if target_exists {
                    let tag = match &tu.target {
                        TargetEl::SelfClosing(tag) => tag,
                        TargetEl::Element { start_tag, .. } => start_tag,
                        TargetEl::Missing => return Ok(()),
                    };
                    patches.push(set_attr(text, tag, "state", &value));
                }
            }
            Tool::MemoQ | Tool::Phrase => {
                patches.push(set_attr(text, &tu.start_tag, &self.status_attr, &value));
            }
            Tool::Trados => {
                for e in edits {
                    let Some(stage) = e.stage else { continue };
                    let mid = match (self.slots[e.unit], &tu.seg_source) {
                        (Slot::Segment { seg, .. }, Some((_, segs))) => segs[seg].mid.as_str(),
                        _ => tu.sdl_segs.first().map_or("", |s| s.0.as_str()),
                    };
                    if let Some((_, tag)) = tu.sdl_segs.iter().find(|s| s.0 == mid) {
                        patches.push(set_attr(text, tag, "conf", &self.state_value(stage)));
                    }
                }
            }
        }
        Ok(())
    }
}

/// A segment's `<mrk>` with new content (or empty content when `content` is `None`).
fn seg_markup(text: &str, seg: &SegRef, content: Option<&str>) -> String {
    if seg.self_closing {
        match content {
            None => text[seg.start_tag.clone()].to_string(),
            Some(c) => {
                let end = self_closing_end(text, &seg.start_tag);
                format!(
                    "{}>{c}</{}>",
                    &text[seg.start_tag.start..end.start],
                    xml::tag_name(text, &seg.start_tag)
                )
            }
        }
    } else {
        format!(
            "{}{}{}",
            &text[seg.start_tag.clone()],
            content.unwrap_or(""),
            &text[seg.end_tag.clone()]
        )
    }
}
