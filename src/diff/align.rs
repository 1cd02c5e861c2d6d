//! Pairing the lines of the original with those of the corrected text into segments.
//!
//! When both texts have the same number of lines, line *i* of one is line *i* of the other
//! (the usual layout of post-editing data). Otherwise the lines are aligned by a line diff,
//! and each block of changed lines is aligned by a small dynamic programme over the words of
//! the lines, which recognises edited, inserted, deleted, split (one line became two or
//! three) and merged lines. Lines that are blank on both sides are not segments.

use std::collections::HashMap;
use std::ops::Range;

use similar::{Algorithm, DiffOp};

use super::ter::is_python_whitespace;

/// How the segments were paired.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Alignment {
    /// Same number of lines: line *i* with line *i*.
    Lines,
    /// Different numbers of lines: aligned by a line diff, then by words.
    Diff,
}

/// What the post-editor did to a segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SegmentKind {
    /// Left as it was.
    Unchanged,
    /// Changed in place.
    Edited,
    /// Added by the post-editor (no original line).
    Inserted,
    /// Removed by the post-editor (no corrected line).
    Deleted,
    /// One original line became several corrected lines.
    Split,
    /// Several original lines became one corrected line.
    Merged,
}

impl SegmentKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SegmentKind::Unchanged => "unchanged",
            SegmentKind::Edited => "edited",
            SegmentKind::Inserted => "inserted",
            SegmentKind::Deleted => "deleted",
            SegmentKind::Split => "split",
            SegmentKind::Merged => "merged",
        }
    }
}

/// A segment: 0-based, half-open ranges of lines on each side (empty on the side where the
/// segment does not exist, placed where it would be).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinePair {
    pub original: Range<usize>,
    pub corrected: Range<usize>,
    pub kind: SegmentKind,
}

/// Cells of the dynamic programme beyond which a changed block is aligned in a band
/// around its diagonal only.
const FULL_DP_CELLS: usize = 40_000;
/// Half-width of that band, in lines.
const BAND: usize = 24;
/// Scale of the costs (a word costs `SCALE`; pairing adds a quarter per word).
const SCALE: u64 = 4;
/// The largest number of lines on one side of a split or merge.
const MAX_GROUP: usize = 3;

fn is_blank(line: &str) -> bool {
    line.chars().all(is_python_whitespace)
}

/// Pairs `original` lines with `corrected` lines (line contents, without line endings).
pub fn align_lines(original: &[&str], corrected: &[&str]) -> (Alignment, Vec<LinePair>) {
    if original.len() == corrected.len() {
        let pairs = original
            .iter()
            .zip(corrected)
            .enumerate()
            .filter(|(_, (a, b))| !(a == b && is_blank(a)))
            .map(|(i, (a, b))| LinePair {
                original: i..i + 1,
                corrected: i..i + 1,
                kind: if a == b {
                    SegmentKind::Unchanged
                } else if is_blank(a) && is_blank(b) {
                    // Whitespace changed on a blank line: an edit without words.
                    SegmentKind::Edited
                } else if is_blank(a) {
                    SegmentKind::Inserted
                } else if is_blank(b) {
                    SegmentKind::Deleted
                } else {
                    SegmentKind::Edited
                },
            })
            .collect();
        return (Alignment::Lines, pairs);
    }
    let ops = similar::capture_diff_slices(Algorithm::Myers, original, corrected);
    let mut pairs = Vec::new();
    for op in ops {
        match op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => {
                for k in 0..len {
                    if !is_blank(original[old_index + k]) {
                        pairs.push(LinePair {
                            original: old_index + k..old_index + k + 1,
                            corrected: new_index + k..new_index + k + 1,
                            kind: SegmentKind::Unchanged,
                        });
                    }
                }
            }
            DiffOp::Delete {
                old_index,
                old_len,
                new_index,
            } => align_block(
                original,
                corrected,
                old_index..old_index + old_len,
                new_index..new_index,
                &mut pairs,
            ),
            DiffOp::Insert {
                old_index,
                new_index,
                new_len,
            } => align_block(
                original,
                corrected,
                old_index..old_index,
                new_index..new_index + new_len,
                &mut pairs,
            ),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } if old_len == new_len
                && original[old_index..old_index + old_len]
                    .iter()
                    .chain(&corrected[new_index..new_index + new_len])
                    .all(|l| is_blank(l)) =>
            {
                // Blank lines whose whitespace changed: edits without words, line by line.
                for k in 0..old_len {
                    pairs.push(LinePair {
                        original: old_index + k..old_index + k + 1,
                        corrected: new_index + k..new_index + k + 1,
                        kind: SegmentKind::Edited,
                    });
                }
            }
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => align_block(
                original,
                corrected,
                old_index..old_index + old_len,
                new_index..new_index + new_len,
                &mut pairs,
            ),
        }
    }
    (Alignment::Diff, pairs)
}

/// A non-blank line of a changed block: its index and its words as sorted ids.
struct BlockLine {
    index: usize,
    words: Vec<u32>,
}

fn block_lines(
    lines: &[&str],
    range: Range<usize>,
    ids: &mut HashMap<String, u32>,
) -> Vec<BlockLine> {
    range
        .filter(|&i| !is_blank(lines[i]))
        .map(|i| {
            let mut words: Vec<u32> = lines[i]
                .to_lowercase()
                .split(is_python_whitespace)
                .filter(|w| !w.is_empty())
                .map(|w| {
                    let next = ids.len() as u32;
                    *ids.entry(w.to_string()).or_insert(next)
                })
                .collect();
            words.sort_unstable();
            BlockLine { index: i, words }
        })
        .collect()
}

/// Size of the symmetric difference of two sorted multisets.
fn symmetric_difference(a: &[u32], b: &[u32]) -> u64 {
    let (mut i, mut j, mut common) = (0, 0, 0u64);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    (a.len() + b.len()) as u64 - 2 * common
}

fn merged_words(lines: &[BlockLine]) -> Vec<u32> {
    let mut all: Vec<u32> = lines.iter().flat_map(|l| l.words.iter().copied()).collect();
    all.sort_unstable();
    all
}

/// The cost of pairing `a` (original lines) with `b` (corrected lines): the words that
/// differ, plus a quarter of all words, so that lines sharing less than a quarter of their
/// words are better deleted and inserted than paired; a split or merge costs one more.
fn pair_cost(a: &[BlockLine], b: &[BlockLine]) -> u64 {
    let (wa, wb) = if a.len() == 1 && b.len() == 1 {
        (None, None)
    } else {
        (Some(merged_words(a)), Some(merged_words(b)))
    };
    let wa = wa.as_deref().unwrap_or(&a[0].words);
    let wb = wb.as_deref().unwrap_or(&b[0].words);
    let extra = u64::from(a.len() > 1 || b.len() > 1);
    SCALE * symmetric_difference(wa, wb) + (wa.len() + wb.len()) as u64 + extra
}

/// Aligns one block of changed lines and appends its segments.
fn align_block(
    original: &[&str],
    corrected: &[&str],
    old: Range<usize>,
    new: Range<usize>,
    out: &mut Vec<LinePair>,
) {
    let mut ids = HashMap::new();
    let a = block_lines(original, old.clone(), &mut ids);
    let b = block_lines(corrected, new.clone(), &mut ids);
    let (n, m) = (a.len(), b.len());
    let full = n * m <= FULL_DP_CELLS;
    let in_band = |i: usize, j: usize| {
        full || {
            let diagonal = (i * m).checked_div(n).unwrap_or(0);
            diagonal.abs_diff(j) <= BAND
        }
    };
    // cost[i][j]: the best alignment of a[..i] with b[..j]; step[i][j]: its last move.
    let width = m + 1;
    let mut cost = vec![u64::MAX; (n + 1) * width];
    let mut step = vec![(0u8, 0u8); (n + 1) * width];
    cost[0] = 0;
    for i in 0..=n {
        for j in 0..=m {
            if (i, j) == (0, 0) || !in_band(i, j) {
                continue;
            }
            let mut best = (u64::MAX, (0u8, 0u8));
            let mut consider = |di: usize, dj: usize, c: u64| {
                let prev = cost[(i - di) * width + (j - dj)];
                if prev != u64::MAX && prev + c < best.0 {
                    best = (prev + c, (di as u8, dj as u8));
                }
            };
            if i > 0 {
                consider(1, 0, SCALE * a[i - 1].words.len() as u64);
            }
            if j > 0 {
                consider(0, 1, SCALE * b[j - 1].words.len() as u64);
            }
            for di in 1..=MAX_GROUP.min(i) {
                for dj in 1..=MAX_GROUP.min(j) {
                    if di > 1 && dj > 1 {
                        continue;
                    }
                    consider(di, dj, pair_cost(&a[i - di..i], &b[j - dj..j]));
                }
            }
            cost[i * width + j] = best.0;
            step[i * width + j] = best.1;
        }
    }
    if cost[n * width + m] == u64::MAX {
        // The band missed the corner (cannot happen for a band wider than the slope
        // allows); fall back to deleting and inserting everything.
        out.extend(a.iter().map(|l| LinePair {
            original: l.index..l.index + 1,
            corrected: new.start..new.start,
            kind: SegmentKind::Deleted,
        }));
        out.extend(b.iter().map(|l| LinePair {
            original: old.end..old.end,
            corrected: l.index..l.index + 1,
            kind: SegmentKind::Inserted,
        }));
        return;
    }
    let mut moves = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let (di, dj) = step[i * width + j];
        moves.push((i - di as usize, j - dj as usize, di as usize, dj as usize));
        i -= di as usize;
        j -= dj as usize;
    }
    moves.reverse();
    for (i, j, di, dj) in moves {
        // Line ranges: from the first to the last line of the group (blank lines between
        // them included); where a side is empty, the position where it would be.
        let orig = if di == 0 {
            let at = a.get(i).map_or(old.end, |l| l.index);
            at..at
        } else {
            a[i].index..a[i + di - 1].index + 1
        };
        let corr = if dj == 0 {
            let at = b.get(j).map_or(new.end, |l| l.index);
            at..at
        } else {
            b[j].index..b[j + dj - 1].index + 1
        };
        let kind = match (di, dj) {
            (0, _) => SegmentKind::Inserted,
            (_, 0) => SegmentKind::Deleted,
            (1, 1) => {
                if original[orig.start] == corrected[corr.start] {
                    SegmentKind::Unchanged
                } else {
                    SegmentKind::Edited
                }
            }
            (1, _) => SegmentKind::Split,
            _ => SegmentKind::Merged,
        };
        out.push(LinePair {
            original: orig,
            corrected: corr,
            kind,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(a: &[&str], b: &[&str]) -> Vec<(Range<usize>, Range<usize>, SegmentKind)> {
        align_lines(a, b)
            .1
            .into_iter()
            .map(|p| (p.original, p.corrected, p.kind))
            .collect()
    }

    use SegmentKind::*;

    #[test]
    fn whitespace_changed_on_a_blank_line_is_an_edit() {
        assert_eq!(
            kinds(&["a", "  ", "b"], &["a", "", "b"]),
            [
                (0..1, 0..1, Unchanged),
                (1..2, 1..2, Edited),
                (2..3, 2..3, Unchanged)
            ]
        );
        // Blank on both sides and equal: not a segment.
        assert_eq!(kinds(&["a", ""], &["a", ""]), [(0..1, 0..1, Unchanged)]);
        // Different line counts: the blank lines are still paired.
        assert_eq!(
            kinds(&["a", "\t", "b", "c"], &["a", "", "b"]),
            [
                (0..1, 0..1, Unchanged),
                (1..2, 1..2, Edited),
                (2..3, 2..3, Unchanged),
                (3..4, 3..3, Deleted)
            ]
        );
    }

    #[test]
    fn same_line_count_pairs_by_index() {
        let (how, pairs) = align_lines(&["a b", "", "c", ""], &["a b", "", "d", "e"]);
        assert_eq!(how, Alignment::Lines);
        let got: Vec<_> = pairs.iter().map(|p| (p.original.start, p.kind)).collect();
        assert_eq!(got, [(0, Unchanged), (2, Edited), (3, Inserted)]);
    }

    #[test]
    fn split_line() {
        let a = [
            "Title",
            "The cyberspace is the common home. It is shared by millions of people.",
            "End",
        ];
        let b = [
            "Title",
            "Cyberspace is the common home.",
            "It is shared by millions of people.",
            "End",
            "",
        ];
        assert_eq!(
            kinds(&a, &b),
            [
                (0..1, 0..1, Unchanged),
                (1..2, 1..3, Split),
                (2..3, 3..4, Unchanged)
            ]
        );
    }

    #[test]
    fn merged_lines_across_a_blank() {
        let a = ["one two three four", "", "five six seven", "tail"];
        let b = ["one two three four five six seven", "tail"];
        assert_eq!(
            kinds(&a, &b),
            [(0..3, 0..1, Merged), (3..4, 1..2, Unchanged)]
        );
    }

    #[test]
    fn unrelated_lines_are_deleted_and_inserted() {
        let a = ["keep", "metadata | Population | Micro Video", "the end"];
        let b = ["keep", "the end", "a new closing line", "credits"];
        assert_eq!(
            kinds(&a, &b),
            [
                (0..1, 0..1, Unchanged),
                (1..2, 1..1, Deleted),
                (2..3, 1..2, Unchanged),
                (3..3, 2..3, Inserted),
                (3..3, 3..4, Inserted)
            ]
        );
    }

    #[test]
    fn edited_line_among_insertions() {
        let a = ["x", "a clear and clear network ecosystem", "y"];
        let b = ["x", "Creating", "a clean and clear network ecosystem", "y"];
        assert_eq!(
            kinds(&a, &b),
            [
                (0..1, 0..1, Unchanged),
                (1..1, 1..2, Inserted),
                (1..2, 2..3, Edited),
                (2..3, 3..4, Unchanged)
            ]
        );
    }

    #[test]
    fn large_blocks_use_a_band() {
        let a: Vec<String> = (0..400).map(|i| format!("line {i} alpha beta")).collect();
        let b: Vec<String> = (0..401).map(|i| format!("line {i} alpha gamma")).collect();
        let a: Vec<&str> = a.iter().map(String::as_str).collect();
        let b: Vec<&str> = b.iter().map(String::as_str).collect();
        let (_, pairs) = align_lines(&a, &b);
        assert_eq!(pairs.iter().filter(|p| p.kind == Edited).count(), 400);
        assert_eq!(pairs.iter().filter(|p| p.kind == Inserted).count(), 1);
    }
}
