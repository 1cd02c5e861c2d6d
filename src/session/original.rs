//! The original text of a saved article, without a second copy of it: the session's text
//! and the edits that turn it back into the original ([`OriginalText`]), and the unified
//! diff of a saved text against it, the same as [`crate::diff::unified_diff`] gives.
//!
//! Saving a large article writes its diff against the original; building the original
//! beside the session's text for that would take the article's size once more. The diff
//! compares lines, and outside the edited stretches the original's lines are the text's:
//! only the lines around each edit are built.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::Arc;

use crate::diff::split_lines;

/// An article's original text, as a text and the edits that turn it into the original.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OriginalText {
    text: Arc<String>,
    /// Byte spans of `text` and what the original has there, in order, not overlapping.
    restore: Arc<[(Range<usize>, String)]>,
}

impl OriginalText {
    /// `text` with `restore` applied (spans of `text`, in order, not overlapping).
    pub fn new(text: Arc<String>, restore: Vec<(Range<usize>, String)>) -> Self {
        OriginalText {
            text,
            restore: restore.into(),
        }
    }

    /// `text` itself.
    pub fn unchanged(text: Arc<String>) -> Self {
        Self::new(text, Vec::new())
    }

    /// The original text: borrowed when nothing is to be restored, else built.
    pub fn text(&self) -> Cow<'_, str> {
        if self.restore.is_empty() {
            Cow::Borrowed(self.text.as_str())
        } else {
            Cow::Owned(crate::document::edited_text(&self.text, &self.restore))
        }
    }

    /// The original's lines, as [`split_lines`] splits a text (each up to and including a
    /// line feed); `built` holds the lines around the edits.
    fn lines<'a>(&'a self, built: &'a mut Vec<String>) -> Vec<&'a str> {
        let text = self.text.as_str();
        // Each edit with the lines it touches: from just after a line feed (or the start)
        // to just after one (or the end), where the original's lines and the text's meet.
        let mut windows: Vec<(Range<usize>, Range<usize>)> = Vec::new();
        for (k, (r, _)) in self.restore.iter().enumerate() {
            let start = text[..r.start].rfind('\n').map_or(0, |i| i + 1);
            let end = text[r.end..]
                .find('\n')
                .map_or(text.len(), |i| r.end + i + 1);
            match windows.last_mut() {
                Some((w, edits)) if start <= w.end => {
                    w.end = w.end.max(end);
                    edits.end = k + 1;
                }
                _ => windows.push((start..end, k..k + 1)),
            }
        }
        *built = windows
            .iter()
            .map(|(w, edits)| {
                let mut out = String::new();
                let mut at = w.start;
                for (r, replacement) in &self.restore[edits.clone()] {
                    out.push_str(&text[at..r.start]);
                    out.push_str(replacement);
                    at = r.end;
                }
                out.push_str(&text[at..w.end]);
                out
            })
            .collect();
        let built: &'a Vec<String> = built;
        let mut lines = Vec::new();
        let mut at = 0;
        for ((w, _), window) in windows.iter().zip(built.iter()) {
            lines.extend(split_lines(&text[at..w.start]));
            lines.extend(split_lines(window));
            at = w.end;
        }
        lines.extend(split_lines(&text[at..]));
        lines
    }

    /// The unified diff of `new` against the original, labelled as given: what
    /// [`crate::diff::unified_diff`]`(original, new, ...)` writes.
    pub fn unified_diff(&self, new: &str, old_label: &str, new_label: &str) -> String {
        let mut built = Vec::new();
        let old_lines = self.lines(&mut built);
        let new_lines = split_lines(new);
        if old_lines == new_lines {
            return String::new();
        }
        crate::diff::unified_diff_of_lines(&old_lines, &new_lines, old_label, new_label)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Rng;

    const PIECES: &[&str] = &[
        "a",
        "b b",
        "\n",
        "\r\n",
        "\r",
        "\n\n",
        "Line.",
        "\u{feff}",
        "\u{4e2d}\u{6587}",
        " ",
        "x\ny",
    ];

    /// Up to `most` pieces.
    fn random_text(rng: &mut Rng, most: usize) -> String {
        let pieces = rng.below(most + 1);
        (0..pieces)
            .map(|_| PIECES[rng.below(PIECES.len())])
            .collect()
    }

    /// Whatever the text, the edits and the new text, the diff is the one the whole
    /// original gives.
    #[test]
    fn the_diff_is_the_one_of_the_whole_original() {
        let mut rng = Rng(0x2545_f491_4f6c_dd1d);
        for round in 0..3000 {
            let text = random_text(&mut rng, 30);
            let boundaries: Vec<usize> = (0..=text.len())
                .filter(|&i| text.is_char_boundary(i))
                .collect();
            let mut restore = Vec::new();
            let mut at = 0;
            for _ in 0..rng.below(4) {
                let candidates: Vec<usize> =
                    boundaries.iter().copied().filter(|&b| b >= at).collect();
                let start = candidates[rng.below(candidates.len())];
                let ends: Vec<usize> = candidates.iter().copied().filter(|&b| b >= start).collect();
                let end = ends[rng.below(ends.len().min(6))];
                restore.push((start..end, random_text(&mut rng, 4)));
                at = end;
            }
            let original = OriginalText::new(Arc::new(text.clone()), restore.clone());
            let whole = crate::document::edited_text(&text, &restore);
            assert_eq!(original.text(), whole);
            // The saved text: the session's text itself, or something else again.
            let new = if round % 3 == 0 {
                random_text(&mut rng, 30)
            } else {
                text.clone()
            };
            assert_eq!(
                original.unified_diff(&new, "a", "b"),
                crate::diff::unified_diff(&whole, &new, "a", "b"),
                "{text:?} {restore:?} {new:?}"
            );
        }
    }

    #[test]
    fn a_large_text_edited_in_two_places() {
        let text: String = (0..2000).map(|i| format!("Line {i}.\r\n")).collect();
        let first = text.find("Line 10.").unwrap();
        let second = text.find("Line 1500.").unwrap();
        let restore = vec![
            (first..first + 8, "Line ten.".to_string()),
            (second..second + 12, String::new()),
        ];
        let original = OriginalText::new(Arc::new(text.clone()), restore.clone());
        let whole = crate::document::edited_text(&text, &restore);
        let diff = original.unified_diff(&text, "a.txt", "b.txt");
        assert_eq!(
            diff,
            crate::diff::unified_diff(&whole, &text, "a.txt", "b.txt")
        );
        assert!(diff.contains("-Line ten.\r\n+Line 10.\r\n"), "{diff}");
        assert_eq!(
            OriginalText::unchanged(Arc::new(text.clone())).unified_diff(&text, "a", "b"),
            ""
        );
    }
}
