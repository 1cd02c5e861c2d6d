//! One paragraph's current text and where each of its segments lies in it, and the one
//! way to change it: replace a byte range, the new text belonging to a given segment.
//!
//! Segments keep their identity through edits (segment 12 stays segment 12 however it is
//! rewritten), so their ranges move like anchors: ranges after the replaced text shift,
//! ranges inside it collapse, and the owning segment takes the new text.

use std::ops::Range;

/// A paragraph that differs from the original: its text and its segments' ranges in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditedParagraph {
    pub text: String,
    /// One range per segment of the paragraph, in order, never overlapping.
    pub ranges: Vec<Range<usize>>,
}

/// The ranges of segments other than the owner that a replacement changed other than by a
/// shift, and the owner's own range, as they were before it: undo restores them exactly.
pub type Touched = Vec<(usize, Range<usize>)>;

/// The segment that owns paragraph offset `at`: the last one starting at or before it
/// (so text in the gap after a segment belongs to that segment), or the first segment.
pub fn owner_of(ranges: &[Range<usize>], at: usize) -> usize {
    ranges.partition_point(|r| r.start <= at).saturating_sub(1)
}

/// The segments whose ranges a [`EditedParagraph::replace`] with these arguments changes
/// other than by a shift (the owner and those starting inside the range), as they are now.
pub fn touched(ranges: &[Range<usize>], owner: usize, range: &Range<usize>) -> Touched {
    ranges
        .iter()
        .enumerate()
        .skip(owner)
        .take_while(|(j, r)| *j == owner || r.start < range.end)
        .map(|(j, r)| (j, r.clone()))
        .collect()
}

impl EditedParagraph {
    /// Replaces `range` of the text by `new`; the new text becomes part of segment `owner`,
    /// which must be the segment owning `range.start` (see [`owner_of`]) or start at it.
    /// Call [`touched`] first to be able to [`EditedParagraph::revert`] it.
    pub fn replace(&mut self, owner: usize, range: Range<usize>, new: &str) {
        let (a, b) = (range.start, range.end);
        debug_assert!(a <= b && b <= self.text.len());
        let inserted_end = a + new.len();
        let shift = |x: usize| x + new.len() - (b - a);
        for (j, r) in self.ranges.iter_mut().enumerate().skip(owner) {
            if j == owner {
                r.start = r.start.min(a);
                r.end = if r.end >= b {
                    shift(r.end)
                } else {
                    inserted_end
                };
            } else if r.start >= b {
                r.start = shift(r.start);
                r.end = shift(r.end);
            } else {
                r.start = inserted_end;
                r.end = if r.end >= b {
                    shift(r.end)
                } else {
                    inserted_end
                };
            }
        }
        self.text.replace_range(a..b, new);
    }

    /// Leaves the first `lead` and last `trail` bytes of segment `owner`'s range out of
    /// it (white space that separates it from its neighbours), after a replacement.
    pub fn exclude(&mut self, owner: usize, lead: usize, trail: usize) {
        if let Some(r) = self.ranges.get_mut(owner) {
            let (start, end) = (r.start + lead, r.end.saturating_sub(trail));
            if start <= end {
                *r = start..end;
            }
        }
    }

    /// Undoes a [`EditedParagraph::replace`] of `old` by `new` at `at`, given the [`touched`]
    /// ranges taken before it.
    pub fn revert(&mut self, owner: usize, at: usize, old: &str, new: &str, touched: &Touched) {
        self.replace(owner, at..at + new.len(), old);
        for (j, r) in touched {
            if let Some(slot) = self.ranges.get_mut(*j) {
                *slot = r.clone();
            }
        }
    }

    /// The text of segment `k`.
    pub fn segment(&self, k: usize) -> &str {
        &self.text[self.ranges[k].clone()]
    }
}

/// The shortest range of `old` and the text of `new` that differ, trimmed of a common
/// prefix and suffix on character boundaries: an edit touches only what changed.
pub fn changed_part<'a>(old: &str, new: &'a str) -> (Range<usize>, &'a str) {
    let prefix: usize = old
        .char_indices()
        .zip(new.chars())
        .take_while(|((_, a), b)| a == b)
        .map(|((_, a), _)| a.len_utf8())
        .sum();
    let max_suffix = (old.len() - prefix).min(new.len() - prefix);
    let suffix: usize = old[prefix..]
        .chars()
        .rev()
        .zip(new[prefix..].chars().rev())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .scan(0usize, |acc, n| {
            *acc += n;
            (*acc <= max_suffix).then_some(n)
        })
        .sum();
    (prefix..old.len() - suffix, &new[prefix..new.len() - suffix])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(text: &str, ranges: &[Range<usize>]) -> EditedParagraph {
        EditedParagraph {
            text: text.to_string(),
            ranges: ranges.to_vec(),
        }
    }

    fn segs(p: &EditedParagraph) -> Vec<&str> {
        (0..p.ranges.len()).map(|k| p.segment(k)).collect()
    }

    #[test]
    fn editing_one_segment_shifts_the_next() {
        let mut p = para("One. Two. Three.", &[0..4, 5..9, 10..16]);
        let before = p.clone();
        let touched = touched(&p.ranges, 1, &(5..9));
        p.replace(1, 5..9, "Second sentence.");
        assert_eq!(p.text, "One. Second sentence. Three.");
        assert_eq!(segs(&p), ["One.", "Second sentence.", "Three."]);
        p.revert(1, 5, "Two.", "Second sentence.", &touched);
        assert_eq!(p, before);
    }

    #[test]
    fn a_replacement_across_segments_goes_to_the_owner() {
        let mut p = para("A a. A a. End.", &[0..4, 5..9, 10..14]);
        let before = p.clone();
        // Delete "a. A " (from inside segment 0 into segment 1).
        let touched = touched(&p.ranges, 0, &(2..7));
        p.replace(0, 2..7, "");
        assert_eq!(p.text, "A a. End.");
        // Each segment keeps what is left of it.
        assert_eq!(segs(&p), ["A ", "a.", "End."]);
        p.revert(0, 2, "a. A ", "", &touched);
        assert_eq!(p, before);
    }

    #[test]
    fn deleting_everything_collapses_all_segments() {
        let mut p = para("Dup line. Two.", &[0..9, 10..14]);
        let before = p.clone();
        let touched = touched(&p.ranges, 0, &(0..14));
        p.replace(0, 0..14, "");
        assert_eq!(p.text, "");
        assert_eq!(p.ranges, [0..0, 0..0]);
        p.revert(0, 0, "Dup line. Two.", "", &touched);
        assert_eq!(p, before);
    }

    #[test]
    fn adjacent_segments_without_a_gap() {
        // CJK sentences follow each other without a space.
        let mut p = para("你好。世界！", &[0..9, 9..18]);
        p.replace(0, 0..9, "");
        assert_eq!(segs(&p), ["", "世界！"]);
        p.replace(0, 0..0, "早。");
        assert_eq!(segs(&p), ["早。", "世界！"]);
        // Appending at the end of the first segment does not grow the second.
        p.replace(0, 6..6, "安");
        assert_eq!(segs(&p), ["早。安", "世界！"]);
        assert_eq!(p.text, "早。安世界！");
    }

    #[test]
    fn text_in_a_gap_joins_the_segment_before() {
        let mut p = para("One.  Two.", &[0..4, 6..10]);
        assert_eq!(owner_of(&p.ranges, 5), 0);
        assert_eq!(owner_of(&p.ranges, 6), 1);
        p.replace(0, 4..6, " ");
        assert_eq!(segs(&p), ["One. ", "Two."]);
        assert_eq!(p.text, "One. Two.");
    }

    #[test]
    fn empty_segments_own_nothing_after_them() {
        let ranges = [0..0, 0..9];
        assert_eq!(owner_of(&ranges, 0), 1);
        assert_eq!(owner_of(&ranges, 4), 1);
    }

    #[test]
    fn changed_part_trims_common_ends() {
        assert_eq!(
            changed_part("a clear and clear sky", "a clear sky"),
            (8..18, "")
        );
        assert_eq!(changed_part("same", "same"), (4..4, ""));
        assert_eq!(changed_part("aaa", "aaaa"), (3..3, "a"));
        assert_eq!(changed_part("日本語", "日本人語"), (6..6, "人"));
        assert_eq!(changed_part("café", "cafe"), (3..5, "e"));
        assert_eq!(changed_part("", "new"), (0..0, "new"));
        assert_eq!(changed_part("old", ""), (0..3, ""));
    }
}
