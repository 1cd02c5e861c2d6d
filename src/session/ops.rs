//! The changes a post-editor makes, as values: what the journal stores and undo reverses.

use std::ops::Range;

use serde::{Deserialize, Serialize};

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
    },
    /// An issue marked as not a problem in this document.
    Ignore { key: IgnoreKey },
    /// An ignored issue brought back.
    Unignore { key: IgnoreKey },
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
}

/// What identifies an ignored issue across sessions: the check, the flagged text and the
/// segment it is in (a hash of that segment's original text, so it survives edits to
/// other segments and reordering of the file).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct IgnoreKey {
    pub check: String,
    pub text: String,
    pub context: String,
}

impl Op {
    /// A short description for the status line, e.g. "edit of segment 12".
    pub fn describe(&self) -> String {
        match self {
            Op::Replace { cause, .. } => match cause {
                Cause::Edit => "edit".to_string(),
                Cause::Suggestion { check } => format!("suggestion for {check}"),
                Cause::RecoveredDraft => "recovered edit".to_string(),
            },
            Op::Ignore { key } => format!("ignore of {} \u{201c}{}\u{201d}", key.check, key.text),
            Op::Unignore { key } => {
                format!("restore of {} \u{201c}{}\u{201d}", key.check, key.text)
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
            },
            Op::Ignore {
                key: IgnoreKey {
                    check: "repetition.doubled".into(),
                    text: "Walla Walla".into(),
                    context: "0123456789abcdef".into(),
                },
            },
        ];
        for op in ops {
            let json = serde_json::to_string(&op).unwrap();
            assert_eq!(serde_json::from_str::<Op>(&json).unwrap(), op);
        }
    }
}
