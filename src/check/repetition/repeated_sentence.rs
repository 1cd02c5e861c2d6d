//! `repetition.repeated-sentence`: a sentence said again inside its paragraph — machine
//! translation that rendered a source sentence twice in one segment. Compared as
//! `repetition.duplicate-line` compares lines (case, spacing and punctuation ignored);
//! short sentences ("Thank you. Thank you.") are rhetoric and left alone, and a repeat
//! further on in the paragraph or on another line (a hard-wrapped song or poem) may be a
//! refrain, so it is only a hint.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

use super::duplicate_line::{comparison_bytes, normalized_eq};
use crate::check::{Category, Check, CheckInfo, Issue, ParagraphView, Severity};

static INFO: CheckInfo = CheckInfo {
    id: "repetition.repeated-sentence",
    category: Category::Repetition,
    severity: Severity::Warning,
    summary: "a sentence repeated inside its paragraph",
    example: "The talks ended on Friday. The talks ended on Friday. Both sides …",
};

/// Sentences shorter than this (in words) are not compared.
const MIN_WORDS: usize = 5;
/// Nor those with fewer letters than this (among the hashed bytes).
const MIN_LETTERS: usize = 20;
/// How many bytes of a sentence's comparison form are hashed.
const HASHED_BYTES: usize = 40;

#[derive(Debug, Clone, Copy)]
pub struct RepeatedSentence;

impl Check for RepeatedSentence {
    fn info(&self) -> &'static CheckInfo {
        &INFO
    }

    fn check_paragraph(&self, para: &ParagraphView<'_>, out: &mut Vec<Issue>) {
        let text = para.text;
        let words = para.words();
        if words.len() < 2 * MIN_WORDS {
            return;
        }
        let sentences = split_sentences(text);
        if sentences.len() < 2 {
            return;
        }
        // Comparison hash → index of the sentence that first had it.
        let mut seen: HashMap<u64, usize, BuildHasherDefault<HashIsKey>> = HashMap::default();
        for (i, s) in sentences.iter().enumerate() {
            let sentence = &text[s.clone()];
            let first_word = words.partition_point(|w| w.start < s.start);
            if words
                .get(first_word + MIN_WORDS - 1)
                .is_none_or(|w| w.end > s.end)
            {
                continue;
            }
            let Some(hash) = comparison_hash(sentence) else {
                continue;
            };
            match seen.get(&hash) {
                Some(&j) if normalized_eq(&text[sentences[j].clone()], sentence) => {
                    // A line repeated in verse is a refrain; MT puts a paragraph on one line.
                    let adjacent = j + 1 == i && !text[sentences[j].end..s.start].contains('\n');
                    // The span takes the space before it, so that deleting it leaves one.
                    let start = sentences[i - 1].end;
                    let mut issue = Issue::new(
                        &INFO,
                        para.abs(start..s.end),
                        if adjacent {
                            "this sentence repeats the sentence before it".to_string()
                        } else {
                            "this sentence repeats an earlier sentence of the paragraph: a \
                             refrain, or said twice"
                                .to_string()
                        },
                    )
                    .suggest("")
                    .with_related(para.abs(sentences[j].clone()));
                    if !adjacent {
                        issue = issue.with_severity(Severity::Info);
                    }
                    out.push(issue);
                }
                Some(_) => {}
                None => {
                    seen.insert(hash, i);
                }
            }
        }
    }
}

/// The keys are hashes already: the map uses them as they are.
#[derive(Default)]
struct HashIsKey(u64);

impl Hasher for HashIsKey {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// FNV-1a of the sentence's comparison form, `None` when it has too few letters.
fn comparison_hash(sentence: &str) -> Option<u64> {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut letters = 0usize;
    // The first bytes tell sentences apart well enough; equal hashes are verified in full.
    for b in comparison_bytes(sentence).take(HASHED_BYTES) {
        letters += usize::from(b.is_ascii_alphabetic() || b >= 0xC0);
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    (letters >= MIN_LETTERS).then_some(hash)
}

/// Splits a paragraph into sentences at `.`, `!` or `?` (with any closing quotes or
/// brackets) followed by white space: cheap, and a stop after an abbreviation only splits a
/// sentence in two, which never makes two sentences equal.
fn split_sentences(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while let Some(p) = memchr::memchr3(b'.', b'!', b'?', &bytes[i..]) {
        let mut end = i + p + 1;
        while end < bytes.len() && matches!(bytes[end], b'.' | b'!' | b'?' | b'"' | b'\'' | b')') {
            end += 1;
        }
        for closing in ["\u{201d}", "\u{2019}"] {
            if text[end..].starts_with(closing) {
                end += closing.len();
            }
        }
        if end >= bytes.len() || bytes[end].is_ascii_whitespace() {
            push_trimmed(text, start..end, &mut out);
            start = end;
        }
        i = end;
        if i >= bytes.len() {
            break;
        }
    }
    push_trimmed(text, start..bytes.len(), &mut out);
    out
}

fn push_trimmed(text: &str, r: Range<usize>, out: &mut Vec<Range<usize>>) {
    let piece = &text[r.clone()];
    let lead = piece.len() - piece.trim_start().len();
    let trimmed = piece.trim();
    if !trimmed.is_empty() {
        out.push(r.start + lead..r.start + lead + trimmed.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::{assert_silent, flagged, run};

    #[test]
    fn flags_a_sentence_said_twice() {
        let text = "The talks ended on Friday in Geneva. The talks ended on Friday in Geneva. \
                    Both sides left.";
        assert_eq!(
            flagged(RepeatedSentence, text),
            [" The talks ended on Friday in Geneva."]
        );
        let issues = run(RepeatedSentence, text);
        assert_eq!(issues[0].severity, Severity::Warning);
        assert_eq!(issues[0].suggestions, [""]);
        assert_eq!(issues[0].related, vec![0..36_usize]);
        // Case and punctuation aside.
        let text = "Prices rose by three percent in May! prices rose by three percent in May.";
        assert_eq!(flagged(RepeatedSentence, text).len(), 1);
    }

    #[test]
    fn a_later_repeat_is_a_hint() {
        let text = "We shall fight on the beaches today. We shall never surrender. \
                    We shall fight on the beaches today.";
        let issues = run(RepeatedSentence, text);
        assert_eq!(issues.len(), 1);
        assert_eq!(issues[0].severity, Severity::Info);
    }

    #[test]
    fn a_repeated_line_of_verse_is_a_hint() {
        let text = "Everybody has got a hungry heart.\nEverybody has got a hungry heart.\n";
        let issues = crate::check::testing::run_named(RepeatedSentence, "song.md", text);
        assert!(
            issues.iter().all(|i| i.severity == Severity::Info),
            "{issues:?}"
        );
    }

    #[test]
    fn leaves_short_and_distinct_sentences_alone() {
        assert_silent(
            RepeatedSentence,
            &[
                "Thank you. Thank you very much.",
                "Thank you. Thank you. Thank you.",
                "No, no. No, no. It is not so.",
                "The U.S. economy grew. The U.K. economy grew more slowly than expected.",
                "The first sentence is here. The second sentence is different.",
            ],
        );
    }
}
