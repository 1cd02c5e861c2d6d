//! TMX 1.4: each `<tu>` a unit whose source and target are the `<seg>`s of its `<tuv>`s in
//! the chosen languages. The source language is the one asked for, else the header's
//! `srclang` (unless `*all*`), else the first unit's first variant's; the target language
//! the one asked for, else the first unit's first other language. A unit without a variant
//! in either language is an error naming it and the language. TMX has no states: a target
//! is new when empty, else translated; saving writes the text only.

use std::ops::Range;

use super::codes::InlineCode;
use super::error::{ErrorKind, FormatError, SaveError};
use super::inline::{self, Dialect};
use super::side::Side;
use super::xml::{self, Ev, Place, Scanner};
use super::xml_edit::{check_nesting, escape_xml, fill_self_closing};
use super::{
    BilingualFile, Format, Layout as AnyLayout, Note, OpenOptions, Parsed, Patch, TargetEdit, Unit,
    UnitState,
};

/// A target `<seg>`: its content, or the tag of an empty `<seg/>`.
#[derive(Debug)]
enum Seg {
    Content(Range<usize>),
    SelfClosing(Range<usize>),
}

#[derive(Debug)]
pub(crate) struct Layout {
    targets: Vec<Seg>,
}

/// A `<tuv>` being read.
struct Variant {
    lang: String,
    at: usize,
    seg: Option<(Side, Seg)>,
}

/// A `<tu>` being read.
#[derive(Default)]
struct TuBuild {
    id: Option<String>,
    at: usize,
    variants: Vec<Variant>,
    codes: Vec<InlineCode>,
    notes: Vec<Note>,
}

/// Whether language tag `have` is language `want` (`zh` matches `zh-CN`; `_` is `-`).
pub(crate) fn lang_matches(want: &str, have: &str) -> bool {
    let norm = |s: &str| s.trim().replace('_', "-").to_ascii_lowercase();
    let (want, have) = (norm(want), norm(have));
    have == want || have.starts_with(&format!("{want}-"))
}

pub(crate) fn parse(place: Place<'_>, options: &OpenOptions) -> Result<Parsed, FormatError> {
    let text = place.decoded.text.as_str();
    let mut sc = Scanner::new(place);
    let mut stack: Vec<&str> = Vec::new();
    let mut header_lang: Option<String> = None;
    let mut source_lang = options.source_lang.clone();
    let mut target_lang = options.target_lang.clone();
    let mut units = Vec::new();
    let mut targets = Vec::new();
    let mut tu: Option<TuBuild> = None;
    let mut count = 0usize;
    let mut root_checked = false;
    while let Some(e) = sc.next()? {
        let span = e.span.clone();
        match e.kind {
            Ev::Start | Ev::Empty => {
                let local = xml::local(xml::tag_name(text, &span));
                if !root_checked {
                    root_checked = true;
                    if local != "tmx" {
                        return Err(sc.place.error(
                            span.start,
                            ErrorKind::UnknownFormat,
                            format!("not a TMX file (its root element is <{local}>)"),
                        ));
                    }
                }
                let parent = stack.last().copied();
                let empty = e.kind == Ev::Empty;
                let mut consumed = false;
                match (parent, local) {
                    (_, "header") => {
                        header_lang = xml::attr(text, &span, "srclang")
                            .map(|a| a.value().into_owned())
                            .filter(|l| l != "*all*");
                    }
                    (_, "tu") => {
                        count += 1;
                        tu = Some(TuBuild {
                            id: xml::attr(text, &span, "tuid").map(|a| a.value().into_owned()),
                            at: span.start,
                            ..TuBuild::default()
                        });
                    }
                    (Some("tu"), "tuv") => {
                        let lang = xml::attr(text, &span, "xml:lang")
                            .or_else(|| xml::attr(text, &span, "lang"))
                            .map(|a| a.value().into_owned())
                            .unwrap_or_default();
                        if let Some(t) = tu.as_mut() {
                            t.variants.push(Variant {
                                lang,
                                at: span.start,
                                seg: None,
                            });
                        }
                    }
                    (Some("tuv"), "seg") => {
                        if let Some(t) = tu.as_mut() {
                            let seg = if empty {
                                (Side::empty_at(span.start), Seg::SelfClosing(span.clone()))
                            } else {
                                let (side, _) =
                                    inline::read_side(&mut sc, &span, Dialect::Tmx, &mut t.codes)?;
                                let content = side.span.clone();
                                consumed = true;
                                (side, Seg::Content(content))
                            };
                            if let Some(v) = t.variants.last_mut() {
                                v.seg = Some(seg);
                            }
                        }
                    }
                    (Some("tu") | Some("tuv"), "note" | "prop") if !empty => {
                        let from = (local == "prop")
                            .then(|| xml::attr(text, &span, "type").map(|a| a.value().into_owned()))
                            .flatten()
                            .or_else(|| Some("note".to_string()).filter(|_| local == "note"));
                        let value = sc.element_text()?;
                        consumed = true;
                        if let Some(t) = tu.as_mut() {
                            t.notes.push(Note {
                                from,
                                text: value.trim().to_string(),
                            });
                        }
                    }
                    _ => {}
                }
                if !empty && !consumed {
                    stack.push(local);
                }
            }
            Ev::End => {
                if stack.pop() == Some("tu")
                    && let Some(t) = tu.take()
                {
                    if source_lang.is_none() {
                        source_lang = header_lang
                            .clone()
                            .or_else(|| t.variants.first().map(|v| v.lang.clone()));
                    }
                    let src = source_lang.clone().unwrap_or_default();
                    if target_lang.is_none() {
                        target_lang = t
                            .variants
                            .iter()
                            .find(|v| !lang_matches(&src, &v.lang))
                            .map(|v| v.lang.clone());
                        if target_lang.is_none() {
                            return Err(sc.place.error(
                                t.at,
                                ErrorKind::MissingLanguage,
                                format!(
                                    "the first unit has no language besides the source ({src}); say which language is the target"
                                ),
                            ));
                        }
                    }
                    let tgt = target_lang.clone().unwrap_or_default();
                    let (unit, target) = finish_tu(&sc, t, count, &src, &tgt)?;
                    units.push(unit);
                    targets.push(target);
                }
            }
            _ => {}
        }
    }
    Ok(Parsed {
        format: Format::Tmx,
        units,
        source_lang,
        target_lang,
        layout: AnyLayout::Tmx(Layout { targets }),
    })
}

fn finish_tu(
    sc: &Scanner<'_>,
    t: TuBuild,
    number: usize,
    source_lang: &str,
    target_lang: &str,
) -> Result<(Unit, Seg), FormatError> {
    let id = t.id.clone().unwrap_or_else(|| number.to_string());
    let mut source = None;
    let mut target = None;
    for v in t.variants {
        let Some(seg) = v.seg else {
            return Err(sc.place.error(
                v.at,
                ErrorKind::Malformed,
                format!("a <tuv> of unit {id} has no <seg>"),
            ));
        };
        if source.is_none() && lang_matches(source_lang, &v.lang) {
            source = Some(seg.0);
        } else if target.is_none() && lang_matches(target_lang, &v.lang) {
            target = Some(seg);
        }
    }
    let Some(source) = source else {
        return Err(sc.place.error(
            t.at,
            ErrorKind::MissingSource,
            format!("unit {id} has no variant in the source language {source_lang}"),
        ));
    };
    let Some((target, seg)) = target else {
        return Err(sc.place.error(
            t.at,
            ErrorKind::MissingLanguage,
            format!("unit {id} has no variant in the target language {target_lang}"),
        ));
    };
    let state = UnitState::from_text(&target.text);
    Ok((
        Unit {
            id,
            source: Some(source),
            target,
            has_target: true,
            state,
            notes: t.notes,
            context: None,
            codes: t.codes,
            placeholders: None,
        },
        seg,
    ))
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
            if e.text == unit.target.text {
                continue;
            }
            check_nesting(file, unit, &e.text)?;
            let content = file.render(unit, &e.text, escape_xml)?;
            match &self.targets[e.unit] {
                Seg::Content(range) => patches.push((range.clone(), content)),
                Seg::SelfClosing(tag) => patches.push(fill_self_closing(text, tag, &content)),
            }
        }
        Ok(patches)
    }
}
