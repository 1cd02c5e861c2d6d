//! The comparison of an original (machine translation) with its corrected version: aligned
//! segments, the word-level changes of each, and edit statistics per segment and in total.
//!
//! This is the library API the editor and every report build on:
//! [`Comparison::new`] takes the two texts; [`crate::diff::unified_diff`] gives the patch.

use std::ops::Range;

use rayon::prelude::*;
use unicode_segmentation::UnicodeSegmentation;

use super::align::{Alignment, LinePair, SegmentKind, align_lines};
use super::ter::{TerStats, segment_ter};
use super::words::{ChangeKind, WordChange, word_changes};
use crate::document::{LineEndingStyle, LineIndex};

const BOM: char = '\u{feff}';

/// The layout of a text that is not part of its lines' content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Layout {
    pub line_endings: LineEndingStyle,
    /// Whether the text starts with a UTF-8 byte order mark.
    pub bom: bool,
    /// Whether the last line ends with a line break.
    pub final_newline: bool,
    /// Number of lines.
    pub lines: usize,
}

impl Layout {
    fn of(text: &str, index: &LineIndex) -> Self {
        Layout {
            line_endings: index.style(),
            bom: text.starts_with(BOM),
            final_newline: text.ends_with('\n'),
            lines: if text.is_empty() {
                0
            } else {
                index.len(text.len())
            },
        }
    }
}

/// One aligned segment and what happened to it.
#[derive(Debug, Clone)]
pub struct SegmentDiff {
    /// 1-based number of the segment in document order.
    pub number: usize,
    pub kind: SegmentKind,
    /// 0-based, half-open line ranges (empty on the side where the segment does not exist).
    pub original_lines: Range<usize>,
    pub corrected_lines: Range<usize>,
    /// Byte spans of the segment's text (line breaks between its lines included, the last
    /// line's ending excluded).
    pub original_span: Range<usize>,
    pub corrected_span: Range<usize>,
    /// TER of the original (hypothesis) against the corrected text (reference).
    pub ter: TerStats,
    /// Levenshtein distance in grapheme clusters.
    pub char_distance: usize,
    /// Grapheme clusters in the original and corrected segment.
    pub original_chars: usize,
    pub corrected_chars: usize,
    /// Word-level changes; empty for unchanged segments.
    pub changes: Vec<WordChange>,
}

impl SegmentDiff {
    pub fn is_changed(&self) -> bool {
        self.kind != SegmentKind::Unchanged
    }
}

/// Totals over all segments.
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Totals {
    pub segments: usize,
    pub segments_changed: usize,
    pub segments_unchanged: usize,
    pub segments_edited: usize,
    pub segments_inserted: usize,
    pub segments_deleted: usize,
    pub segments_split: usize,
    pub segments_merged: usize,
    /// Document TER statistics (sums over segments).
    pub ter: TerStats,
    pub char_distance: usize,
    pub original_chars: usize,
    pub corrected_chars: usize,
}

impl Totals {
    /// The share of segments left unedited (1 when there are no segments).
    pub fn unedited_share(&self) -> f64 {
        if self.segments == 0 {
            1.0
        } else {
            self.segments_unchanged as f64 / self.segments as f64
        }
    }
}

/// The comparison of two texts.
#[derive(Debug, Clone)]
pub struct Comparison<'a> {
    pub original: &'a str,
    pub corrected: &'a str,
    pub alignment: Alignment,
    pub original_layout: Layout,
    pub corrected_layout: Layout,
    pub segments: Vec<SegmentDiff>,
    pub totals: Totals,
    original_index: LineIndex,
    corrected_index: LineIndex,
}

impl<'a> Comparison<'a> {
    /// Aligns `original` and `corrected` and computes every statistic.
    pub fn new(original: &'a str, corrected: &'a str) -> Self {
        let original_index = LineIndex::new(original);
        let corrected_index = LineIndex::new(corrected);
        let original_lines = content_lines(original, &original_index);
        let corrected_lines = content_lines(corrected, &corrected_index);
        let (alignment, pairs) = align_lines(&original_lines, &corrected_lines);
        let original_ranges = line_ranges(original, &original_index);
        let corrected_ranges = line_ranges(corrected, &corrected_index);
        let segments: Vec<SegmentDiff> = pairs
            .par_iter()
            .enumerate()
            .map(|(i, pair)| {
                segment(
                    i + 1,
                    pair,
                    original,
                    &original_ranges,
                    corrected,
                    &corrected_ranges,
                )
            })
            .collect();
        let mut totals = Totals::default();
        for s in &segments {
            totals.segments += 1;
            match s.kind {
                SegmentKind::Unchanged => totals.segments_unchanged += 1,
                SegmentKind::Edited => totals.segments_edited += 1,
                SegmentKind::Inserted => totals.segments_inserted += 1,
                SegmentKind::Deleted => totals.segments_deleted += 1,
                SegmentKind::Split => totals.segments_split += 1,
                SegmentKind::Merged => totals.segments_merged += 1,
            }
            totals.ter.add(&s.ter);
            totals.char_distance += s.char_distance;
            totals.original_chars += s.original_chars;
            totals.corrected_chars += s.corrected_chars;
        }
        totals.segments_changed = totals.segments - totals.segments_unchanged;
        Comparison {
            original,
            corrected,
            alignment,
            original_layout: Layout::of(original, &original_index),
            corrected_layout: Layout::of(corrected, &corrected_index),
            segments,
            totals,
            original_index,
            corrected_index,
        }
    }

    /// Whether the two texts are byte for byte the same.
    pub fn is_identical(&self) -> bool {
        self.original == self.corrected
    }

    /// Whether the line-ending style differs (CRLF ↔ LF).
    pub fn line_endings_changed(&self) -> bool {
        let (a, b) = (
            self.original_layout.line_endings,
            self.corrected_layout.line_endings,
        );
        a != b && a != LineEndingStyle::None && b != LineEndingStyle::None
    }

    /// Whether the texts differ only in line endings, byte order mark or final newline:
    /// every line's content is the same.
    pub fn only_layout_changed(&self) -> bool {
        !self.is_identical()
            && self.totals.segments_changed == 0
            && self.original_layout.lines == self.corrected_layout.lines
    }

    /// The segments that changed, in document order.
    pub fn changed_segments(&self) -> impl Iterator<Item = &SegmentDiff> {
        self.segments.iter().filter(|s| s.is_changed())
    }

    /// The index of the segment containing original line `line` (0-based), if any.
    pub fn segment_of_original_line(&self, line: usize) -> Option<usize> {
        segment_of_line(&self.segments, line, |s| &s.original_lines)
    }

    /// The index of the segment containing corrected line `line` (0-based), if any.
    pub fn segment_of_corrected_line(&self, line: usize) -> Option<usize> {
        segment_of_line(&self.segments, line, |s| &s.corrected_lines)
    }

    /// 0-based line of a byte offset in the original.
    pub fn original_line_of(&self, offset: usize) -> usize {
        self.original_index.line_of(offset)
    }

    /// 0-based line of a byte offset in the corrected text.
    pub fn corrected_line_of(&self, offset: usize) -> usize {
        self.corrected_index.line_of(offset)
    }
}

fn segment_of_line(
    segments: &[SegmentDiff],
    line: usize,
    lines: impl Fn(&SegmentDiff) -> &Range<usize>,
) -> Option<usize> {
    // Segments are in document order on both sides, but empty ranges break monotonic
    // search keys; search among the non-empty ones by their end.
    let i = segments.partition_point(|s| {
        let r = lines(s);
        r.end <= line && !(r.is_empty() && r.start > line)
    });
    segments[i..]
        .iter()
        .take_while(|s| lines(s).start <= line)
        .position(|s| lines(s).contains(&line))
        .map(|k| i + k)
}

/// Whether `a` and `b` have the same lines once line endings and a byte order mark are
/// set aside (a cheap test, without aligning anything).
pub fn same_content_lines(a: &str, b: &str) -> bool {
    let a = a.strip_prefix(BOM).unwrap_or(a);
    let b = b.strip_prefix(BOM).unwrap_or(b);
    a.lines().eq(b.lines())
}

/// Content byte ranges of all lines (line endings excluded, a BOM excluded from line 0).
fn line_ranges(text: &str, index: &LineIndex) -> Vec<Range<usize>> {
    if text.is_empty() {
        return Vec::new();
    }
    let mut ranges: Vec<Range<usize>> = index.line_ranges(text).collect();
    if text.starts_with(BOM)
        && let Some(first) = ranges.first_mut()
    {
        first.start = (first.start + BOM.len_utf8()).min(first.end);
    }
    ranges
}

fn content_lines<'t>(text: &'t str, index: &LineIndex) -> Vec<&'t str> {
    line_ranges(text, index)
        .into_iter()
        .map(|r| &text[r])
        .collect()
}

/// The byte span covering `lines` (from the first line's start to the last line's end), or
/// an empty span where the lines would start.
fn span_of(lines: &Range<usize>, ranges: &[Range<usize>], text_len: usize) -> Range<usize> {
    if lines.is_empty() {
        let at = ranges.get(lines.start).map_or(text_len, |r| r.start);
        at..at
    } else {
        ranges[lines.start].start..ranges[lines.end - 1].end
    }
}

fn segment(
    number: usize,
    pair: &LinePair,
    original: &str,
    original_ranges: &[Range<usize>],
    corrected: &str,
    corrected_ranges: &[Range<usize>],
) -> SegmentDiff {
    let original_span = span_of(&pair.original, original_ranges, original.len());
    let corrected_span = span_of(&pair.corrected, corrected_ranges, corrected.len());
    let a = &original[original_span.clone()];
    let b = &corrected[corrected_span.clone()];
    let unchanged = pair.kind == SegmentKind::Unchanged;
    let ter = if unchanged {
        let words = super::ter::ter_words(a).len();
        TerStats {
            ref_words: words,
            hyp_words: words,
            ..TerStats::default()
        }
    } else {
        segment_ter(a, b)
    };
    let changes = if unchanged {
        Vec::new()
    } else {
        word_changes(
            original,
            original_span.clone(),
            corrected,
            corrected_span.clone(),
        )
    };
    let (char_distance, original_chars, corrected_chars) = if unchanged {
        let n = a.graphemes(true).count();
        (0, n, n)
    } else {
        char_distance(a, b, original, corrected, &changes, CHAR_DISTANCE_WORK)
    };
    SegmentDiff {
        number,
        kind: pair.kind,
        original_lines: pair.original.clone(),
        corrected_lines: pair.corrected.clone(),
        original_span,
        corrected_span,
        ter,
        char_distance,
        original_chars,
        corrected_chars,
        changes,
    }
}

/// Cells of the character edit matrix a segment may compute (in bands of 64): within it the
/// distance is exact; beyond it (a line of megabytes changed throughout) it is summed over
/// the stretches the word diff found changed.
const CHAR_DISTANCE_WORK: usize = 1 << 31;

/// The character edits of a changed segment `a` → `b` and the two lengths in graphemes:
/// [`grapheme_distance`] when the band it needs keeps within `work` cells, else
/// the sum of the distances of the changed stretches between the word diff's equal runs
/// (`changes`, spans in `original` and `corrected`) — the cost of an alignment that keeps
/// those words, so at least the true distance, and in practice the same — but at most the
/// longer length (words shuffled throughout give many small stretches that cost more).
fn char_distance(
    a: &str,
    b: &str,
    original: &str,
    corrected: &str,
    changes: &[WordChange],
    work: usize,
) -> (usize, usize, usize) {
    let max_band = work / a.len().max(b.len()).max(1);
    let (exact, na, nb) = grapheme_distance_within(a, b, max_band);
    if let Some(d) = exact {
        return (d, na, nb);
    }
    let mut total = 0;
    let mut stretch: Option<(Range<usize>, Range<usize>)> = None;
    let mut add = |stretch: &mut Option<(Range<usize>, Range<usize>)>| {
        if let Some((o, c)) = stretch.take() {
            total += grapheme_distance(&original[o], &corrected[c]).0;
        }
    };
    for change in changes {
        if change.kind == ChangeKind::Equal {
            add(&mut stretch);
            continue;
        }
        let (o, c) = stretch.get_or_insert((change.original.clone(), change.corrected.clone()));
        o.start = o.start.min(change.original.start);
        o.end = o.end.max(change.original.end);
        c.start = c.start.min(change.corrected.start);
        c.end = c.end.max(change.corrected.end);
    }
    add(&mut stretch);
    // Never above the distance of substituting every character and adding the rest.
    (total.min(na.max(nb)), na, nb)
}

/// Levenshtein distance between `a` and `b` counted in grapheme clusters (what a reader
/// sees as one character: "é" whether precomposed or not, a flag, a CJK ideograph), and the
/// two lengths.
pub fn grapheme_distance(a: &str, b: &str) -> (usize, usize, usize) {
    let (d, na, nb) = grapheme_distance_within(a, b, usize::MAX);
    (d.unwrap_or(usize::MAX), na, nb)
}

/// [`grapheme_distance`] if it is found in a band of at most `max_band` edits either side
/// of the diagonal; `None` if it needs more.
fn grapheme_distance_within(a: &str, b: &str, max_band: usize) -> (Option<usize>, usize, usize) {
    if a.is_ascii() && b.is_ascii() && !a.contains('\r') && !b.contains('\r') {
        // One byte, one grapheme.
        let d = banded_levenshtein(a.bytes(), b.bytes(), max_band);
        return (d, a.len(), b.len());
    }
    let mut ids: std::collections::HashMap<&str, u32> = std::collections::HashMap::new();
    let ga: Vec<u32> = a
        .graphemes(true)
        .map(|g| grapheme_id(g, &mut ids))
        .collect();
    let gb: Vec<u32> = b
        .graphemes(true)
        .map(|g| grapheme_id(g, &mut ids))
        .collect();
    let d = banded_levenshtein(ga.iter().copied(), gb.iter().copied(), max_band);
    (d, ga.len(), gb.len())
}

/// The Levenshtein distance, computed in a band around the diagonal that grows until it
/// holds the answer, so that the cost follows the distance (length × distance / 64 word
/// operations) rather than the product of the lengths: two 250 KB lines a few thousand
/// edits apart took 8 s unbanded, 0.2 s so. `None` when it needs a band over `max_band`.
fn banded_levenshtein<A, B>(a: A, b: B, max_band: usize) -> Option<usize>
where
    A: Iterator + DoubleEndedIterator + Clone,
    B: Iterator + DoubleEndedIterator + Clone,
    A::Item: PartialEq<B::Item> + rapidfuzz::HashableChar + Copy,
    B::Item: PartialEq<A::Item> + rapidfuzz::HashableChar + Copy,
{
    use rapidfuzz::distance::levenshtein::{Args, distance_with_args};
    let mut band: usize = 256;
    loop {
        let args = Args::default().score_cutoff(band.min(max_band));
        if let Some(d) = distance_with_args(a.clone(), b.clone(), &args) {
            return Some(d);
        }
        if band >= max_band {
            return None;
        }
        band = band.saturating_mul(4);
    }
}

/// A single code point stands for itself; longer clusters get ids past the code space.
fn grapheme_id<'t>(g: &'t str, ids: &mut std::collections::HashMap<&'t str, u32>) -> u32 {
    let mut chars = g.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return c as u32;
    }
    let next = 0x11_0000 + ids.len() as u32;
    *ids.entry(g).or_insert(next)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_distance_past_its_budget_sums_the_changed_stretches() {
        let original = "intro. The cat sat on the mat, said the report from 2024. Outro";
        let corrected = "intro. A cat sat on a mat, the report said in 2025. Outro.";
        let (a, b) = (0..original.len(), 0..corrected.len());
        let changes = word_changes(original, a.clone(), corrected, b.clone());
        let exact = grapheme_distance(original, corrected);
        let within = char_distance(original, corrected, original, corrected, &changes, 1 << 20);
        assert_eq!(within, exact);
        // A budget too small for any band: the word diff's stretches, an upper bound.
        let summed = char_distance(original, corrected, original, corrected, &changes, 1);
        assert_eq!((summed.1, summed.2), (exact.1, exact.2));
        assert!(
            summed.0 >= exact.0 && summed.0 <= exact.0 + 6,
            "{summed:?} {exact:?}"
        );
        let long_a = "one two three. ".repeat(2000);
        let long_b = long_a.replacen("two", "2", 40);
        let changes = word_changes(&long_a, 0..long_a.len(), &long_b, 0..long_b.len());
        let summed = char_distance(&long_a, &long_b, &long_a, &long_b, &changes, 1);
        assert_eq!(summed, grapheme_distance(&long_a, &long_b));
        assert_eq!(summed.0, 40 * 3);
        // The same words in another order: the stretches would add up to more than the
        // longer text; the bound is its length.
        let mut rng = crate::testing::Rng(0x5_4ff1e);
        let mut words: Vec<String> = (0..3000).map(|i| format!("w{}", i % 97)).collect();
        let long_a = words.join(" ");
        for i in (1..words.len()).rev() {
            words.swap(i, rng.below(i + 1));
        }
        let long_c = words.join(" ");
        let changes = word_changes(&long_a, 0..long_a.len(), &long_c, 0..long_c.len());
        let summed = char_distance(&long_a, &long_c, &long_a, &long_c, &changes, 1);
        assert_eq!(summed.0, long_a.len());
        assert!(summed.0 >= grapheme_distance(&long_a, &long_c).0);
    }

    #[test]
    fn identical_texts() {
        let c = Comparison::new("a b\n\nc\n", "a b\n\nc\n");
        assert!(c.is_identical());
        assert_eq!(c.totals.segments, 2);
        assert_eq!(c.totals.segments_changed, 0);
        assert_eq!(c.totals.ter.ref_words, 3);
        assert_eq!(c.totals.unedited_share(), 1.0);
    }

    #[test]
    fn crlf_to_lf_is_layout_only() {
        let c = Comparison::new("one two\r\nthree\r\n", "one two\nthree\n");
        assert!(c.only_layout_changed());
        assert!(c.line_endings_changed());
        assert_eq!(c.original_layout.line_endings, LineEndingStyle::Crlf);
        assert_eq!(c.corrected_layout.line_endings, LineEndingStyle::Lf);
        assert_eq!(c.totals.ter.edits, 0);
        assert_eq!(c.totals.char_distance, 0);
    }

    #[test]
    fn bom_is_not_content() {
        let c = Comparison::new("\u{feff}Title\nText\n", "Title\nText\n");
        assert!(c.only_layout_changed());
        assert!(c.original_layout.bom && !c.corrected_layout.bom);
    }

    #[test]
    fn statistics_per_segment_and_total() {
        let a = "a clear and clear network ecosystem\nsame line\nupward and upward\n";
        let b = "a clean and clear network ecosystem\nsame line\nupward\n";
        let c = Comparison::new(a, b);
        assert_eq!(c.alignment, Alignment::Lines);
        let kinds: Vec<_> = c.segments.iter().map(|s| s.kind).collect();
        assert_eq!(
            kinds,
            [
                SegmentKind::Edited,
                SegmentKind::Unchanged,
                SegmentKind::Edited
            ]
        );
        assert_eq!(c.segments[0].ter.edits, 1);
        assert_eq!(c.segments[0].char_distance, 1);
        assert_eq!(c.segments[2].ter.deletions, 2);
        assert_eq!(c.totals.ter.edits, 3);
        assert_eq!(c.totals.ter.ref_words, 6 + 2 + 1);
        assert_eq!(c.totals.segments_changed, 2);
        assert_eq!(c.segment_of_original_line(1), Some(1));
        assert_eq!(c.segment_of_corrected_line(2), Some(2));
    }

    #[test]
    fn merged_segment_spans_lines() {
        let a = "Head\nfirst half of\nthe sentence.\nTail\n";
        let b = "Head\nfirst half of the sentence.\nTail\n";
        let c = Comparison::new(a, b);
        assert_eq!(c.alignment, Alignment::Diff);
        let merged = &c.segments[1];
        assert_eq!(merged.kind, SegmentKind::Merged);
        assert_eq!(
            &a[merged.original_span.clone()],
            "first half of\nthe sentence."
        );
        assert_eq!(merged.ter.edits, 0);
        assert_eq!(merged.char_distance, 1);
        assert_eq!(c.segment_of_original_line(2), Some(1));
        assert_eq!(c.segment_of_original_line(3), Some(2));
        assert_eq!(c.segment_of_corrected_line(0), Some(0));
    }

    #[test]
    fn inserted_and_deleted_lines_have_positions() {
        let a = "x\ny\n";
        let b = "x\nnew line\ny\nlast\n";
        let c = Comparison::new(a, b);
        let ins: Vec<_> = c
            .segments
            .iter()
            .filter(|s| s.kind == SegmentKind::Inserted)
            .collect();
        assert_eq!(ins.len(), 2);
        assert_eq!(ins[0].original_span, 2..2);
        assert_eq!(ins[1].original_span, 4..4);
        assert_eq!(ins[0].ter.insertions, 2);
        assert_eq!(c.segment_of_original_line(1), Some(2));
    }

    #[test]
    fn graphemes_not_code_points() {
        // "é" as e + combining acute is one grapheme.
        assert_eq!(grapheme_distance("cafe\u{301}", "café"), (1, 4, 4));
        assert_eq!(grapheme_distance("网络强国", "网络大国"), (1, 4, 4));
        assert_eq!(grapheme_distance("abc", "abd"), (1, 3, 3));
    }
}
