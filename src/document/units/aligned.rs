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
    let decoded = super::encoding::Decoded::utf8(target.text().to_string());
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
        // The target's first, so that a character in both has its markup in the target.
        let mut codes = Vec::new();
        let target_side = verbatim(text, t.span.clone(), &mut codes, &place)?;
        let source_side = verbatim(source_text, s.span.clone(), &mut codes, &place)?;
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

/// The character a literal code (`U+E000`) stands for.
fn literal_char(code: &super::InlineCode) -> Option<char> {
    let hex = code.id.strip_prefix("U+")?;
    char::from_u32(u32::from_str_radix(hex, 16).ok()?)
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
    let profile = |doc: &Document, segs: &[Seg]| -> Vec<Profile> {
        segs.iter()
            .map(|s| Profile::of(&doc.text()[s.span.clone()]))
            .collect()
    };
    let (si, ti) = divergence(&profile(source, src), &profile(target, tgt));
    let diverge = si.min(ti);
    let quote = |doc: &Document, seg: Option<&Seg>| match seg {
        Some(s) => {
            let t: String = doc.text()[s.span.clone()].chars().take(40).collect();
            format!("line {}: “{t}…”", s.line + 1)
        }
        None => "end".to_string(),
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
            "{} has {} {unit} but its source {} has {}; they diverge at segment {} (as far as their lengths and numbers tell): the source's {}, the translation's {}",
            target.name(),
            tgt.len(),
            source.name(),
            src.len(),
            diverge + 1,
            quote(source, src.get(si)),
            quote(target, tgt.get(ti)),
        ),
    )
}

/// What a segment is compared by: its length in characters and the tokens a translation
/// keeps (numbers, Latin words, URLs), and its text for segments left untranslated.
struct Profile {
    text: String,
    chars: f64,
    tokens: Vec<String>,
}

impl Profile {
    fn of(text: &str) -> Profile {
        let mut tokens: Vec<String> = text
            .split(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '/' | ':')))
            .map(|t| t.trim_matches(|c: char| matches!(c, '.' | ':' | '/')))
            .filter(|t| t.len() >= 2 || t.bytes().any(|b| b.is_ascii_digit()))
            .map(str::to_ascii_lowercase)
            .collect();
        tokens.sort();
        tokens.dedup();
        Profile {
            text: text.to_string(),
            chars: text.chars().count() as f64,
            tokens,
        }
    }

    /// Tokens both have.
    fn shared(&self, other: &Profile) -> usize {
        self.tokens
            .iter()
            .filter(|t| other.tokens.binary_search(t).is_ok())
            .count()
    }
}

/// Where two lists of segments part: they are aligned by length (a translation's length is
/// roughly proportional to its source's, the idea of Gale and Church) and by what a
/// translation keeps (numbers, Latin words, an untranslated segment's very text), letting
/// segments go without a partner; the first such segment, as indexes into both lists.
fn divergence(src: &[Profile], tgt: &[Profile]) -> (usize, usize) {
    let (n, m) = (src.len(), tgt.len());
    let total = |p: &[Profile]| p.iter().map(|p| p.chars).sum::<f64>() + 1.0;
    let ratio = total(tgt) / total(src);
    let pair = |s: &Profile, t: &Profile| {
        if s.text == t.text {
            return -3.0;
        }
        ((t.chars + 1.0) / (s.chars + 1.0) / ratio).ln().abs() - 0.7 * s.shared(t).min(4) as f64
    };
    const SKIP: f64 = 3.0;
    // Only cells near the diagonal: |j - i| <= band.
    let band = n.abs_diff(m) + 3;
    let width = 2 * band + 1;
    let index = |i: usize, j: usize| -> Option<usize> {
        let d = j as isize - i as isize + band as isize;
        (0..width as isize)
            .contains(&d)
            .then(|| i * width + d as usize)
    };
    let mut cost = vec![f64::INFINITY; (n + 1) * width];
    // 0: from (i-1, j-1); 1: a source segment without partner; 2: a translation's.
    let mut step = vec![0u8; (n + 1) * width];
    if let Some(k) = index(0, 0) {
        cost[k] = 0.0;
    }
    for i in 0..=n {
        for j in i.saturating_sub(band)..=(i + band).min(m) {
            let Some(k) = index(i, j) else { continue };
            if i == 0 && j == 0 {
                continue;
            }
            let mut best = (f64::INFINITY, 0u8);
            if i > 0
                && j > 0
                && let Some(p) = index(i - 1, j - 1)
            {
                best = (cost[p] + pair(&src[i - 1], &tgt[j - 1]), 0);
            }
            if i > 0
                && let Some(p) = index(i - 1, j)
                && cost[p] + SKIP < best.0
            {
                best = (cost[p] + SKIP, 1);
            }
            if j > 0
                && let Some(p) = index(i, j - 1)
                && cost[p] + SKIP < best.0
            {
                best = (cost[p] + SKIP, 2);
            }
            cost[k] = best.0;
            step[k] = best.1;
        }
    }
    // Back from the end; the earliest segment without partner is where they part.
    let (mut i, mut j) = (n, m);
    let mut first = (n.min(m), n.min(m));
    while i > 0 || j > 0 {
        let Some(k) = index(i, j) else { break };
        match step[k] {
            0 if i > 0 && j > 0 => {
                i -= 1;
                j -= 1;
            }
            1 if i > 0 => {
                i -= 1;
                first = (i, j);
            }
            _ if j > 0 => {
                j -= 1;
                first = (i, j);
            }
            _ => {
                i -= 1;
                first = (i, j);
            }
        }
    }
    first
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
        // Every code is a private-use character of one of the two files, written as itself
        // (one only in the source has no markup in the target file).
        let text: String = e
            .text
            .chars()
            .map(|c| match unit.code(c) {
                Some(code) => literal_char(code).unwrap_or(c),
                None => c,
            })
            .collect();
        patches.push((unit.target.span.clone(), text));
    }
    Ok(patches)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::units::{Stage, placeholder_index};

    fn aligned(source: &str, target: &str) -> BilingualFile {
        let source = Document::from_str_named("s.txt", source);
        let target = Document::from_str_named("t.txt", target);
        align(&source, &target).expect("aligned")
    }

    // Found by fuzzing: the codes of a unit's source and target were compared through the
    // target's text, the source's ranges indexing past its end.
    #[test]
    fn a_private_use_character_in_both_files_is_one_code() {
        let file = aligned("a long source line \u{e000}\n", "\u{e000}\n");
        let unit = &file.units()[0];
        assert_eq!(unit.codes.len(), 1);
        let code = unit.code('\u{e000}').expect("a code");
        assert_eq!(code.label(file.text()), "{U+E000}");
        assert_eq!(file.save(&[]).expect("saved"), "\u{e000}\n".as_bytes());
    }

    // Found by fuzzing: a source's private-use character, copied into the target, was saved
    // as the target's bytes at the source's offset.
    #[test]
    fn a_source_code_copied_into_the_target_is_saved_as_its_character() {
        let file = aligned(
            "Digital \u{f80c} China\nSecond\n",
            "Digital China\nSecond\n",
        );
        let unit = &file.units()[0];
        let source = &unit.source.as_ref().expect("a source").text;
        let code_char = source
            .chars()
            .find(|&c| placeholder_index(c).is_some())
            .expect("a placeholder");
        let code = unit.code(code_char).expect("a code");
        assert_eq!(code.label(file.text()), "{U+F80C}");
        let edited = format!("Digital {code_char} China");
        let bytes = file
            .save(&[TargetEdit {
                unit: 0,
                text: edited,
                stage: Some(Stage::Translated),
            }])
            .expect("saved");
        assert_eq!(
            String::from_utf8(bytes).expect("UTF-8"),
            "Digital \u{f80c} China\nSecond\n"
        );
    }
}
