//! `repetition.duplicate-line`: a line repeated in the next line or a few lines later
//! (duplicated headlines), also when case, spacing or punctuation differ. Lines are
//! compared as paragraphs, so the lines of hard-wrapped prose are never compared piecemeal.

use std::collections::VecDeque;
use std::ops::Range;

use crate::check::{Category, Check, CheckContext, CheckInfo, Issue, Scope, Severity};

static INFO: CheckInfo = CheckInfo {
    id: "repetition.duplicate-line",
    category: Category::Repetition,
    severity: Severity::Warning,
    summary: "a line repeated in the next line or a few lines later",
    example: "a headline printed twice in a row",
};

/// How many paragraphs (lines of MT output) back a repetition is looked for (default of
/// the `window` option).
pub const WINDOW: usize = 5;
/// Shorter lines ("Compatibility Notes") count only when repeated immediately (default of
/// the `min-words-anywhere` option).
pub const MIN_WORDS_ANYWHERE: usize = 4;
/// How many bytes of a line's comparison form are hashed.
const HASHED_BYTES: usize = 48;
/// Lines with fewer letters than this are not compared ("Yes.", "* * *").
const MIN_LETTERS: usize = 10;

#[derive(Debug, Clone, Copy)]
pub struct DuplicateLine {
    /// How many lines back a repetition is looked for (at least 1).
    pub window: usize,
    /// Lines of fewer words count only when repeated immediately.
    pub min_words_anywhere: usize,
}

impl Default for DuplicateLine {
    fn default() -> Self {
        DuplicateLine {
            window: WINDOW,
            min_words_anywhere: MIN_WORDS_ANYWHERE,
        }
    }
}

impl Check for DuplicateLine {
    fn info(&self) -> &'static CheckInfo {
        &INFO
    }

    fn scope(&self) -> Scope {
        Scope::Document
    }

    fn check_document(&self, ctx: &CheckContext<'_>, out: &mut Vec<Issue>) {
        let doc = ctx.doc;
        // Recent prose paragraphs (a line each in MT output): (hash, span, first line).
        let window = self.window.max(1);
        let min_words = self.min_words_anywhere.max(1);
        let mut recent: VecDeque<(u64, Range<usize>, usize)> = VecDeque::with_capacity(window);
        // List items legitimately repeat across lists ("Stabilized APIs" and "now const").
        let paragraphs = ctx
            .prose_paragraphs()
            .filter(|(_, p)| p.kind != crate::document::BlockKind::ListItem);
        for (_, para) in paragraphs {
            let content = doc.slice(para.span.clone());
            let Some(hash) = normalized_hash(content) else {
                continue;
            };
            let short = content.split_whitespace().nth(min_words - 1).is_none();
            let newest = recent.len();
            let earlier = recent.iter().enumerate().rev().find(|(age, (h, r, _))| {
                *h == hash
                    && (!short || age + 1 == newest)
                    && normalized_eq(doc.slice(r.clone()), content)
            });
            if let Some((_, (_, first, first_line))) = earlier {
                let line = para.lines.start;
                let adjacent =
                    (first_line + 1..line).all(|l| doc.slice(doc.line_range(l)).trim().is_empty());
                let message = if adjacent {
                    "this line repeats the line before it".to_string()
                } else {
                    format!("this line repeats line {}", first_line + 1)
                };
                out.push(
                    Issue::new(&INFO, para.span.clone(), message)
                        .suggest("")
                        .with_related(first.clone()),
                );
            }
            if recent.len() == window {
                recent.pop_front();
            }
            recent.push_back((hash, para.span.clone(), para.lines.start));
        }
    }
}

/// The comparison form of a line: its letters and digits, lower-cased; spacing and
/// punctuation are ignored, so "Headline." and "headline" compare equal.
pub(super) fn comparison_bytes(line: &str) -> impl Iterator<Item = u8> + '_ {
    line.bytes().filter_map(|b| {
        if b.is_ascii_alphanumeric() {
            Some(b.to_ascii_lowercase())
        } else if b >= 0x80 {
            Some(b) // non-ASCII letters compare as they are
        } else {
            None
        }
    })
}

/// Hash of the line's comparison form (FNV-1a), or `None` when the line has too few
/// letters to compare.
fn normalized_hash(line: &str) -> Option<u64> {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut hash = OFFSET;
    let mut letters = 0usize;
    // The first bytes identify a line well enough; equal hashes are verified in full.
    for b in comparison_bytes(line).take(HASHED_BYTES) {
        letters += usize::from(b.is_ascii_alphabetic() || b >= 0xC0);
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(PRIME);
    }
    (letters >= MIN_LETTERS).then_some(hash)
}

pub(super) fn normalized_eq(a: &str, b: &str) -> bool {
    comparison_bytes(a).eq(comparison_bytes(b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::{assert_silent, flagged, run};

    #[test]
    fn flags_repeated_headlines() {
        let text = "Micro Video | Strengthening the Country\nMicro Video | Strengthening the Country\n\nBody text follows here.\n";
        assert_eq!(
            flagged(DuplicateLine::default(), text),
            ["Micro Video | Strengthening the Country"]
        );
        let issues = run(DuplicateLine::default(), text);
        assert_eq!(issues[0].span.start, 40);
        assert_eq!(issues[0].related, vec![0..39_usize]);
        assert_eq!(issues[0].suggestions, [""]);
    }

    #[test]
    fn tolerates_case_space_and_final_stop() {
        let text =
            "The overall stable operation of prices\n\nthe  overall stable OPERATION of prices.\n";
        assert_eq!(flagged(DuplicateLine::default(), text).len(), 1);
        let issues = run(DuplicateLine::default(), text);
        assert_eq!(issues[0].message, "this line repeats the line before it");
    }

    #[test]
    fn looks_only_a_few_lines_back() {
        let mut text = String::from("A repeated line of some length\n");
        for i in 0..6 {
            text.push_str(&format!("Filler paragraph number {i} here.\n"));
        }
        text.push_str("A repeated line of some length\n");
        assert!(flagged(DuplicateLine::default(), &text).is_empty());
    }

    #[test]
    fn short_lines_count_only_when_repeated_at_once() {
        let text = "Compatibility Notes\n\nOne change was made.\n\nCompatibility Notes\n";
        assert!(flagged(DuplicateLine::default(), text).is_empty());
        let text = "Compatibility Notes\nCompatibility Notes\n";
        assert_eq!(
            flagged(DuplicateLine::default(), text),
            ["Compatibility Notes"]
        );
    }

    #[test]
    fn wrapped_lines_are_not_compared_piecemeal() {
        let text = "The fix for the parser\nhas been corrected.\n\nThe fix for the lexer\nhas been corrected.\n";
        assert!(flagged(DuplicateLine::default(), text).is_empty());
    }

    #[test]
    fn leaves_short_and_distinct_lines_alone() {
        assert_silent(
            DuplicateLine::default(),
            &[
                "Yes.\nYes.\n",
                "* * *\n\n* * *\n",
                "First line of the text.\nSecond line of the text.\n",
                "",
            ],
        );
    }

    #[test]
    fn ignores_code_blocks_in_markdown() {
        let issues = crate::check::testing::run_named(
            DuplicateLine::default(),
            "a.md",
            "```\nprintln!(\"hello world\");\nprintln!(\"hello world\");\n```\n",
        );
        assert!(issues.is_empty());
    }
}
