//! A source text and its machine translation as two files, paired segment by segment: by
//! line when both are one segment per line (the usual shape of MT input and output), by
//! paragraph when either is hard-wrapped (blank-line separated blocks) or when both are
//! Markdown (its blocks), using [`Document`]'s paragraphs. Files that split into different
//! numbers of segments are refused, naming the first place where they diverge: where the
//! two files' line structure first differs, or, for wrapped paragraphs, the first pair
//! whose lengths are out of proportion with the rest. The units' sources are in the source
//! file ([`BilingualFile::source_text`]); saving writes the target file's edited segments.

use std::ops::Range;
use std::sync::OnceLock;

use super::error::{ErrorKind, FormatError, SaveError};
use super::side::{Side, SideBuilder};
use super::xml::Place;
use super::{
    AlignMode, BilingualFile, Format, Layout, Patch, SourceFile, TargetEdit, Unit, UnitState,
};
use crate::document::{Document, TextFormat};

/// A segment of one of the two files: its span and its first line (0-based).
#[derive(Debug, Clone)]
struct Seg {
    span: Range<usize>,
    line: usize,
}

/// The segments of a document in `mode`.
fn segments(doc: &Document, mode: AlignMode, markdown: bool) -> Vec<Seg> {
    if mode == AlignMode::Lines || markdown {
        return doc
            .paragraphs()
            .iter()
            .map(|p| Seg {
                span: p.span.clone(),
                line: p.lines.start,
            })
            .collect();
    }
    // Blank-line separated blocks.
    let text = doc.text();
    let mut out: Vec<Seg> = Vec::new();
    let mut open = false;
    for line in 0..doc.line_count() {
        let r = doc.line_range(line);
        let s = &text[r.clone()];
        let trimmed = s.trim();
        if trimmed.is_empty() {
            open = false;
            continue;
        }
        let start = r.start + (s.len() - s.trim_start().len());
        let end = r.end - (s.len() - s.trim_end().len());
        match out.last_mut() {
            Some(last) if open => last.span.end = end,
            _ => out.push(Seg {
                span: start..end,
                line,
            }),
        }
        open = true;
    }
    out
}

pub(crate) fn align(source: &Document, target: &Document) -> Result<BilingualFile, FormatError> {
    let markdown =
        source.format() == TextFormat::Markdown && target.format() == TextFormat::Markdown;
    let mode = if markdown || source.is_hard_wrapped() || target.is_hard_wrapped() {
        AlignMode::Paragraphs
    } else {
        AlignMode::Lines
    };
    let src = segments(source, mode, markdown);
    let tgt = segments(target, mode, markdown);
    let decoded = super::DecodedText::utf8(target.text().to_string());
    let place = Place {
        path: &target.name(),
        decoded: &decoded,
    };
    if src.len() != tgt.len() {
        return Err(mismatch(&place, source, target, &src, &tgt, mode));
    }
    let text = decoded.text.as_str();
    let source_text = source.text();
    let mut units = Vec::with_capacity(tgt.len());
    for (i, (s, t)) in src.iter().zip(&tgt).enumerate() {
        let mut codes = Vec::new();
        let source_side = verbatim(source_text, s.span.clone(), &mut codes, &place)?;
        let target_side = verbatim(text, t.span.clone(), &mut codes, &place)?;
        units.push(Unit {
            id: (i + 1).to_string(),
            state: UnitState::from_text(&target_side.text),
            source: Some(source_side),
            target: target_side,
            has_target: true,
            notes: Vec::new(),
            context: None,
            codes,
            placeholders: None,
        });
    }
    Ok(BilingualFile {
        name: target.name(),
        origin: target.origin().clone(),
        format: Format::Aligned(mode),
        decoded,
        units,
        source_lang: None,
        target_lang: None,
        lines: OnceLock::new(),
        source_file: Some(SourceFile {
            name: source.name(),
            text: source.shared_text(),
            lines: OnceLock::new(),
        }),
        layout: Layout::Aligned,
    })
}

/// A segment's text as it is (private-use characters of the file made codes).
fn verbatim(
    text: &str,
    span: Range<usize>,
    codes: &mut Vec<super::InlineCode>,
    place: &Place<'_>,
) -> Result<Side, FormatError> {
    let mut b = SideBuilder::default();
    b.literal(span.start, &text[span.clone()], codes, text)
        .map_err(|_| {
            place.error(
                span.start,
                ErrorKind::Malformed,
                "too many private-use characters",
            )
        })?;
    Ok(b.finish(span))
}

/// The error for segment counts that differ, at the first place where they diverge.
fn mismatch(
    place: &Place<'_>,
    source: &Document,
    target: &Document,
    src: &[Seg],
    tgt: &[Seg],
    mode: AlignMode,
) -> FormatError {
    let n = src.len().min(tgt.len());
    let diverge = match mode {
        AlignMode::Lines => (0..n).find(|&i| src[i].line != tgt[i].line),
        AlignMode::Paragraphs => {
            let total = |segs: &[Seg], text: &str| -> f64 {
                segs.iter()
                    .map(|s| text[s.span.clone()].chars().count() as f64)
                    .sum::<f64>()
            };
            let ratio = total(tgt, target.text()) / total(src, source.text()).max(1.0);
            (0..n).find(|&i| {
                let s = source.text()[src[i].span.clone()].chars().count() as f64;
                let t = target.text()[tgt[i].span.clone()].chars().count() as f64;
                let r = t / s.max(1.0);
                r > ratio * 3.0 || r < ratio / 3.0
            })
        }
    }
    .unwrap_or(n);
    let quote = |doc: &Document, seg: Option<&Seg>| match seg {
        Some(s) => {
            let t: String = doc.text()[s.span.clone()].chars().take(40).collect();
            format!("line {}: “{t}…”", s.line + 1)
        }
        None => "its end".to_string(),
    };
    let unit = match mode {
        AlignMode::Lines => "lines",
        AlignMode::Paragraphs => "paragraphs",
    };
    let at = tgt
        .get(diverge)
        .map_or(target.text().len(), |s| s.span.start);
    place.error(
        at,
        ErrorKind::SegmentCount,
        format!(
            "{} has {} {unit} but its source {} has {}; they diverge at segment {}: the source's {}, the translation's {}",
            target.name(),
            tgt.len(),
            source.name(),
            src.len(),
            diverge + 1,
            quote(source, src.get(diverge)),
            quote(target, tgt.get(diverge)),
        ),
    )
}

pub(crate) fn patches(
    file: &BilingualFile,
    edits: &[&TargetEdit],
) -> Result<Vec<Patch>, SaveError> {
    let mut patches = Vec::new();
    for e in edits {
        let unit = &file.units[e.unit];
        if e.text == unit.target.text {
            continue;
        }
        let text = file.render(unit, &e.text, |s, out| {
            out.push_str(s);
            Ok(())
        })?;
        patches.push((unit.target.span.clone(), text));
    }
    Ok(patches)
}
