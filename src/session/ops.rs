//! The changes a post-editor makes, as values: what the journal stores and undo reverses.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::glossary::EntryData;

/// One undoable change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Op {
    /// Text of a paragraph replaced: `old` at byte `at` became `new`, owned by segment
    /// `owner` (its index within the paragraph).
    Replace {
        paragraph: usize,
        owner: usize,
        at: usize,
        old: String,
        new: String,
        /// Segment ranges the replacement changed other than by a shift, as they were.
        touched: Vec<(usize, Range<usize>)>,
        cause: Cause,
        /// Bytes at the start (`lead`) and end (`trail`) of `new` that separate the owner
        /// from its neighbours rather than belong to it: the space that comes back with a
        /// deleted sentence written again.
        #[serde(default, skip_serializing_if = "is_zero")]
        lead: usize,
        #[serde(default, skip_serializing_if = "is_zero")]
        trail: usize,
    },
    /// An issue marked as not a problem in this document.
    Ignore { key: IgnoreKey },
    /// An ignored issue brought back.
    Unignore { key: IgnoreKey },
    /// A bilingual file's unit confirmed (its state set to translated on save).
    Confirm { unit: usize },
    /// Several replacements made as one change (a fix applied everywhere, a replace all):
    /// done in order, undone in reverse order, one undo step. Only [`Op::Replace`]s, each
    /// as it applies after the ones before it.
    Batch { ops: Vec<Op>, cause: Cause },
    /// A glossary entry added with `t` (`before` is `None`) or merged into (`before` is
    /// its earlier content); `after` is its content as written. The glossary is written
    /// when the change is made, undone or redone; the entry is found again by its terms
    /// (`id` is the one it had when added).
    GlossaryEntry {
        id: i64,
        before: Option<EntryData>,
        after: EntryData,
    },
    /// A word added to the user's dictionary from a spelling issue. The dictionary is
    /// written when the change is made, undone (the word taken out) or redone.
    DictionaryWord { word: String },
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// Why a text replacement was made (shown when it is undone or redone).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Cause {
    /// The post-editor rewrote the segment.
    Edit,
    /// A check's suggestion was applied.
    Suggestion { check: String },
    /// An unfinished edit found in the journal after a crash, committed on recovery.
    RecoveredDraft,
    /// Find and replace.
    Replace,
}

/// What identifies an ignored issue across sessions: the check, the flagged text and the
/// segment it is in (a hash of that segment's original text, so it survives edits to
/// other segments and reordering of the file), and where the flagged text lies in the
/// machine translation of that segment, so that the issue stays ignored when an edit
/// inside or around it (another issue's fix on the same line, say) changes its text.
///
/// An issue matches the key when the check and segment are the same and either its text
/// is the same or its span, traced back through the edits, covers the same bytes of the
/// machine translation ([`IgnoreKey::anchor`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct IgnoreKey {
    pub check: String,
    pub text: String,
    pub context: String,
    /// The flagged span in the segment's original text (byte offsets), when the issue
    /// covers text of the machine translation; `None` for an issue wholly inside typed
    /// text, and in keys written before anchors were kept (matched by text alone).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anchor: Option<(usize, usize)>,
}

impl Op {
    /// A short description for the status line, e.g. "edit of segment 12".
    pub fn describe(&self) -> String {
        match self {
            Op::Replace { cause, .. } => match cause {
                Cause::Edit => "edit".to_string(),
                Cause::Suggestion { check } => format!("suggestion for {check}"),
                Cause::RecoveredDraft => "recovered edit".to_string(),
                Cause::Replace => "replacement".to_string(),
            },
            Op::Batch { ops, cause } => {
                let what = match cause {
                    Cause::Suggestion { check } => format!("suggestion for {check}"),
                    Cause::Replace => "replacement".to_string(),
                    Cause::Edit | Cause::RecoveredDraft => "edit".to_string(),
                };
                let n = ops.len();
                format!("{what} at {n} place{}", if n == 1 { "" } else { "s" })
            }
            Op::GlossaryEntry { id, before, after } => {
                let term = after.preferred().map_or("", |t| t.text.as_str());
                let what = if before.is_some() {
                    "change"
                } else {
                    "addition"
                };
                format!("{what} of glossary entry {id} (\u{201c}{term}\u{201d})")
            }
            Op::Ignore { key } => format!("ignore of {} \u{201c}{}\u{201d}", key.check, key.text),
            Op::Unignore { key } => {
                format!("restore of {} \u{201c}{}\u{201d}", key.check, key.text)
            }
            Op::Confirm { unit } => format!("confirmation of unit {}", unit + 1),
            Op::DictionaryWord { word } => {
                format!("addition of \u{201c}{word}\u{201d} to the dictionary")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ops_round_trip_through_json() {
        let ops = [
            Op::Replace {
                paragraph: 3,
                owner: 1,
                at: 10,
                old: "clear and clear".into(),
                new: "clear".into(),
                touched: vec![(1, 5..30)],
                cause: Cause::Suggestion {
                    check: "repetition.tautology".into(),
                },
                lead: 0,
                trail: 0,
            },
            Op::Replace {
                paragraph: 0,
                owner: 2,
                at: 30,
                old: String::new(),
                new: "Written again. ".into(),
                touched: vec![(2, 30..30)],
                cause: Cause::Edit,
                lead: 0,
                trail: 1,
            },
            Op::Confirm { unit: 7 },
            Op::DictionaryWord {
                word: "Rabobank".into(),
            },
            Op::Ignore {
                key: IgnoreKey {
                    check: "repetition.doubled".into(),
                    text: "Walla Walla".into(),
                    context: "0123456789abcdef".into(),
                    anchor: Some((4, 15)),
                },
            },
        ];
        for op in ops {
            let json = serde_json::to_string(&op).unwrap();
            assert_eq!(serde_json::from_str::<Op>(&json).unwrap(), op);
        }
    }

    #[test]
    fn ignores_journalled_before_anchors_still_read() {
        let json = r#"{"op":"ignore","key":{"check":"c","text":"t","context":"x"}}"#;
        let Op::Ignore { key } = serde_json::from_str::<Op>(json).unwrap() else {
            panic!("not an ignore");
        };
        assert_eq!(key.anchor, None);
        let back = serde_json::to_string(&Op::Ignore { key }).unwrap();
        assert_eq!(back, json, "a key without an anchor is written as before");
    }
}
