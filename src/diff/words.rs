//! Word-level differences within one aligned segment: which words the post-editor deleted,
//! inserted or kept, located by byte span so that every front end can render them.
//!
//! Words are Unicode word-boundary tokens (UAX #29): runs of letters and digits ("China's",
//! "3.5"), each punctuation mark on its own, and each CJK ideograph on its own (Chinese and
//! Japanese have no spaces between words). Whitespace is not compared; it is carried with
//! the token that follows it, so that the pieces put back together give the texts exactly.

use std::borrow::Cow;
use std::ops::Range;

use similar::{Algorithm, DiffOp};
use unicode_segmentation::UnicodeSegmentation;

/// What happened to a run of words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    /// Kept as it was.
    Equal,
    /// In the original only.
    Delete,
    /// In the corrected text only.
    Insert,
}

/// A run of words with one fate. `original` and `corrected` are byte spans in the
/// respective full texts; each includes the whitespace before its first word. A deletion's
/// `corrected` span (and an insertion's `original` span) is empty, placed where the run
/// would be.
///
/// Concatenating the `corrected` spans of the `Equal` and `Insert` runs of a segment gives
/// the corrected segment exactly; the `original` spans of `Equal` and `Delete` runs give
/// the original segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordChange {
    pub kind: ChangeKind,
    pub original: Range<usize>,
    pub corrected: Range<usize>,
}

impl WordChange {
    /// The span this run shows: the original for deletions, the corrected text otherwise.
    pub fn span(&self) -> Range<usize> {
        match self.kind {
            ChangeKind::Delete => self.original.clone(),
            ChangeKind::Equal | ChangeKind::Insert => self.corrected.clone(),
        }
    }
}

/// A token and the whitespace before it: `lead..start` is whitespace, `start..end` the token.
#[derive(Debug, Clone, Copy)]
struct Token {
    lead: usize,
    start: usize,
    end: usize,
}

fn tokens(text: &str, span: Range<usize>) -> Vec<Token> {
    let segment = &text[span.clone()];
    let mut out = Vec::with_capacity(segment.len() / 4 + 1);
    let mut lead = span.start;
    for (at, piece) in segment.split_word_bound_indices() {
        if piece.chars().all(char::is_whitespace) {
            continue;
        }
        let start = span.start + at;
        let end = start + piece.len();
        out.push(Token { lead, start, end });
        lead = end;
    }
    out
}

/// The word-level changes from `original[original_span]` to `corrected[corrected_span]`.
/// Equal texts give a single `Equal` run (or none when both are empty).
pub fn word_changes(
    original: &str,
    original_span: Range<usize>,
    corrected: &str,
    corrected_span: Range<usize>,
) -> Vec<WordChange> {
    let old = tokens(original, original_span.clone());
    let new = tokens(corrected, corrected_span.clone());
    let old_keys: Vec<&str> = old.iter().map(|t| &original[t.start..t.end]).collect();
    let new_keys: Vec<&str> = new.iter().map(|t| &corrected[t.start..t.end]).collect();
    let ops = similar::capture_diff_slices(Algorithm::Myers, &old_keys, &new_keys);

    // Where the run starting at token `i` begins (its leading whitespace), or the end of
    // the last token when `i` is past the end.
    let old_at = |i: usize| {
        old.get(i).map_or_else(
            || old.last().map_or(original_span.start, |t| t.end),
            |t| t.lead,
        )
    };
    let new_at = |i: usize| {
        new.get(i).map_or_else(
            || new.last().map_or(corrected_span.start, |t| t.end),
            |t| t.lead,
        )
    };
    let old_end = |i: usize, len: usize| old[i + len - 1].end;
    let new_end = |i: usize, len: usize| new[i + len - 1].end;

    let mut out: Vec<WordChange> = Vec::with_capacity(ops.len() + 1);
    for op in ops {
        match op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => {
                // Equal words whose whitespace before them changed ("one  two" → "one two"):
                // that whitespace is a deletion and an insertion of its own.
                let mut from = 0;
                for k in 0..len {
                    let (o, n) = (&old[old_index + k], &new[new_index + k]);
                    let (old_space, new_space) = (o.lead..o.start, n.lead..n.start);
                    if original[old_space.clone()] == corrected[new_space.clone()] {
                        continue;
                    }
                    if k > from {
                        out.push(WordChange {
                            kind: ChangeKind::Equal,
                            original: old_at(old_index + from)..old_end(old_index + from, k - from),
                            corrected: new_at(new_index + from)
                                ..new_end(new_index + from, k - from),
                        });
                    }
                    if !old_space.is_empty() {
                        out.push(WordChange {
                            kind: ChangeKind::Delete,
                            original: old_space.clone(),
                            corrected: new_space.start..new_space.start,
                        });
                    }
                    if !new_space.is_empty() {
                        out.push(WordChange {
                            kind: ChangeKind::Insert,
                            original: old_space.end..old_space.end,
                            corrected: new_space.clone(),
                        });
                    }
                    // The equal run goes on from this word, without the whitespace before it.
                    out.push(WordChange {
                        kind: ChangeKind::Equal,
                        original: o.start..o.end,
                        corrected: n.start..n.end,
                    });
                    from = k + 1;
                }
                if from < len {
                    let original = old_at(old_index + from)..old_end(old_index, len);
                    let corrected = new_at(new_index + from)..new_end(new_index, len);
                    push_merged(&mut out, ChangeKind::Equal, original, corrected);
                }
            }
            DiffOp::Delete {
                old_index,
                old_len,
                new_index,
            } => out.push(WordChange {
                kind: ChangeKind::Delete,
                original: old_at(old_index)..old_end(old_index, old_len),
                corrected: new_at(new_index)..new_at(new_index),
            }),
            DiffOp::Insert {
                old_index,
                new_index,
                new_len,
            } => out.push(WordChange {
                kind: ChangeKind::Insert,
                original: old_at(old_index)..old_at(old_index),
                corrected: new_at(new_index)..new_end(new_index, new_len),
            }),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                let o = old_at(old_index)..old_end(old_index, old_len);
                let n = new_at(new_index)..new_end(new_index, new_len);
                out.push(WordChange {
                    kind: ChangeKind::Delete,
                    original: o.clone(),
                    corrected: n.start..n.start,
                });
                out.push(WordChange {
                    kind: ChangeKind::Insert,
                    original: o.end..o.end,
                    corrected: n,
                });
            }
        }
    }

    // Whitespace after the last token.
    let old_tail = old.last().map_or(original_span.start, |t| t.end)..original_span.end;
    let new_tail = new.last().map_or(corrected_span.start, |t| t.end)..corrected_span.end;
    if !old_tail.is_empty() || !new_tail.is_empty() {
        if original[old_tail.clone()] == corrected[new_tail.clone()] {
            push_merged(&mut out, ChangeKind::Equal, old_tail, new_tail);
        } else {
            if !old_tail.is_empty() {
                out.push(WordChange {
                    kind: ChangeKind::Delete,
                    original: old_tail.clone(),
                    corrected: new_tail.start..new_tail.start,
                });
            }
            if !new_tail.is_empty() {
                out.push(WordChange {
                    kind: ChangeKind::Insert,
                    original: old_tail.end..old_tail.end,
                    corrected: new_tail,
                });
            }
        }
    }
    out
}

/// Appends a run, extending the previous one when it has the same kind.
fn push_merged(
    out: &mut Vec<WordChange>,
    kind: ChangeKind,
    original: Range<usize>,
    corrected: Range<usize>,
) {
    if let Some(last) = out.last_mut()
        && last.kind == kind
    {
        last.original.end = original.end;
        last.corrected.end = corrected.end;
        return;
    }
    out.push(WordChange {
        kind,
        original,
        corrected,
    });
}

/// Whether the changes contain any deletion or insertion.
pub fn has_changes(changes: &[WordChange]) -> bool {
    changes.iter().any(|c| c.kind != ChangeKind::Equal)
}

/// Splits the text of a run into its leading whitespace and the rest.
/// A run of whitespace only is kept whole, so that its change stays visible.
pub fn split_leading_space(text: &str) -> (&str, &str) {
    let rest = text.trim_start();
    if rest.is_empty() {
        return ("", text);
    }
    (&text[..text.len() - rest.len()], rest)
}

/// A deleted or inserted run that is only whitespace, made visible: `·` for a space, `→`
/// for a tab, `°` for a no-break space, `·` for other spaces; line breaks are kept (the
/// reports show them their own way). Any other text is returned as it is.
pub fn visible_whitespace(text: &str) -> Cow<'_, str> {
    if text.is_empty() || !text.chars().all(char::is_whitespace) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match c {
                '\t' => '→',
                '\u{a0}' | '\u{202f}' => '°',
                '\n' | '\r' => c,
                _ => '·',
            })
            .collect(),
    )
}

/// Renders changes as one line of text with `[-deleted-]{+inserted+}` marks (git's and
/// wdiff's plain word-diff notation), or with the markers the caller gives.
pub fn render_marked(
    original: &str,
    corrected: &str,
    changes: &[WordChange],
    marks: &Marks<'_>,
) -> String {
    render_marked_parts(original, corrected, changes, marks).0
}

/// As [`render_marked`], with the span of each marked run (markers included) in the text
/// and whether it is a deletion or an insertion: for a front end that styles them.
pub fn render_marked_parts(
    original: &str,
    corrected: &str,
    changes: &[WordChange],
    marks: &Marks<'_>,
) -> (String, Vec<(Range<usize>, ChangeKind)>) {
    let mut out = String::new();
    let mut parts = Vec::new();
    // Whitespace already printed before a deletion stands for the insertion after it.
    let mut space_printed = false;
    for c in changes {
        let (text, (open, close)) = match c.kind {
            ChangeKind::Equal => {
                out.push_str(&corrected[c.corrected.clone()]);
                space_printed = false;
                continue;
            }
            ChangeKind::Delete => (&original[c.original.clone()], marks.delete),
            ChangeKind::Insert => (&corrected[c.corrected.clone()], marks.insert),
        };
        let (space, rest) = split_leading_space(text);
        if c.kind == ChangeKind::Delete || !space_printed {
            out.push_str(space);
        }
        let start = out.len();
        out.push_str(open);
        out.push_str(&visible_whitespace(rest));
        out.push_str(close);
        parts.push((start..out.len(), c.kind));
        space_printed = c.kind == ChangeKind::Delete && !space.is_empty();
    }
    (out, parts)
}

/// Opening and closing markers for deleted and inserted runs.
#[derive(Debug, Clone, Copy)]
pub struct Marks<'a> {
    pub delete: (&'a str, &'a str),
    pub insert: (&'a str, &'a str),
}

impl Marks<'static> {
    /// `[-deleted-]{+inserted+}`.
    pub const PLAIN: Marks<'static> = Marks {
        delete: ("[-", "-]"),
        insert: ("{+", "+}"),
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(a: &str, b: &str) -> String {
        let changes = word_changes(a, 0..a.len(), b, 0..b.len());
        // The pieces give both texts back exactly.
        let new: String = changes
            .iter()
            .filter(|c| c.kind != ChangeKind::Delete)
            .map(|c| &b[c.corrected.clone()])
            .collect();
        let old: String = changes
            .iter()
            .filter(|c| c.kind != ChangeKind::Insert)
            .map(|c| &a[c.original.clone()])
            .collect();
        assert_eq!(new, b);
        assert_eq!(old, a);
        render_marked(a, b, &changes, &Marks::PLAIN)
    }

    #[test]
    fn substitution() {
        assert_eq!(
            marked(
                "a clear and clear network ecosystem",
                "a clean and clear network ecosystem"
            ),
            "a [-clear-]{+clean+} and clear network ecosystem"
        );
    }

    #[test]
    fn insertion_deletion_and_punctuation() {
        assert_eq!(
            marked("Hello world, how are you", "Hello, world how are you today"),
            "Hello{+,+} world[-,-] how are you {+today+}"
        );
        assert_eq!(marked("one two three", "one three"), "one [-two-] three");
        assert_eq!(
            marked("positive, healthy culture", "positive and healthy culture"),
            "positive[-,-] {+and+} healthy culture"
        );
    }

    #[test]
    fn whitespace_between_equal_words() {
        assert_eq!(
            marked("one  two three", "one two three"),
            "one[-··-]{+·+}two three"
        );
        assert_eq!(marked("a,b c", "a, b c"), "a,{+·+}b c");
        assert_eq!(marked("a\tb", "a b"), "a[-→-]{+·+}b");
        assert_eq!(marked("x  a", "y a"), "[-x-]{+y+}[-··-]{+·+}a");
        assert_eq!(marked(" lead", "lead"), "[-·-]lead");
    }

    #[test]
    fn cjk_by_character() {
        assert_eq!(
            marked("网络强国建设取得成就。", "网络强国建设取得了巨大成就。"),
            "网络强国建设取得{+了巨大+}成就。"
        );
    }

    #[test]
    fn whitespace_runs_and_tails() {
        assert_eq!(marked("  a  b ", "  a  b "), "  a  b ");
        assert_eq!(marked("a b", "a b  "), "a b{+··+}");
        assert_eq!(marked("  ", ""), "[-··-]");
        assert_eq!(marked("a\t", "a"), "a[-→-]");
        assert_eq!(marked("", "new words"), "{+new words+}");
        assert_eq!(marked("old words", ""), "[-old words-]");
        assert!(word_changes("", 0..0, "", 0..0).is_empty());
    }

    #[test]
    fn spans_are_absolute() {
        let a = "line1\nthe cat\n";
        let b = "x\nthe dog\n";
        let changes = word_changes(a, 6..13, b, 2..9);
        let kinds: Vec<_> = changes.iter().map(|c| c.kind).collect();
        assert_eq!(
            kinds,
            [ChangeKind::Equal, ChangeKind::Delete, ChangeKind::Insert]
        );
        assert_eq!(&a[changes[1].original.clone()], " cat");
        assert_eq!(&b[changes[2].corrected.clone()], " dog");
    }
}
