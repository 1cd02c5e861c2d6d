//! `repetition.doubled`: a word or phrase said twice back to back ("the the",
//! "a network power a network power").

use super::{RepeatedPhrase, RepetitionKind};
use crate::check::text::{
    Word, eq_ignore_case, in_spans, is_capitalized, only_space, protected_spans,
};
use crate::check::{Category, Check, CheckInfo, Issue, ParagraphView, Severity};

static INFO: CheckInfo = CheckInfo {
    id: "repetition.doubled",
    category: Category::Repetition,
    severity: Severity::Error,
    summary: "a word or phrase repeated back to back",
    example: "the the economy; a network power a network power",
};

/// Longest phrase (in words) looked for.
const MAX_PHRASE_WORDS: usize = 6;

/// Words that English legitimately doubles ("had had", "that that", "bye bye").
const LEGITIMATE_DOUBLES: &[&str] = &[
    "had", "that", "is", "do", "her", "no", "so", "bye", "very", "really", "knock", "tut", "ha",
    "haha", "hey", "yeah", "boo", "can", "chop", "yada", "bang", "blah", "dum", "mau", "night",
    "now", "there", "ylang", "pom", "wait", "well", "go", "come", "quick", "far",
];

/// Function words: doubled with capitals ("The The") they are still an error.
const FUNCTION_WORDS: &[&str] = &[
    "the", "a", "an", "and", "or", "of", "to", "in", "on", "at", "for", "with", "by", "from", "is",
    "are", "was", "were", "it", "this", "we", "i", "he", "she", "they", "you", "as",
];

#[derive(Debug, Clone, Copy)]
pub struct DoubledPhrase;

impl Check for DoubledPhrase {
    fn info(&self) -> &'static CheckInfo {
        &INFO
    }

    fn check_paragraph(&self, para: &ParagraphView<'_>, out: &mut Vec<Issue>) {
        let mut protected = None;
        for found in find(para.text, para.words()) {
            // Code and URLs repeat tokens legitimately (`mut mut` is not prose).
            let protected = protected.get_or_insert_with(|| protected_spans(para.text));
            if in_spans(protected, found.span.start) || in_spans(protected, found.span.end - 1) {
                continue;
            }
            let phrase = para.slice(found.first.clone());
            let what = if phrase.contains(char::is_whitespace) {
                "phrase"
            } else {
                "word"
            };
            out.push(
                Issue::new(
                    &INFO,
                    para.abs(found.span),
                    format!("the {what} \u{201c}{phrase}\u{201d} is repeated back to back"),
                )
                .suggest(phrase)
                .with_related(para.abs(found.first)),
            );
        }
    }
}

/// Finds words and phrases said twice back to back in one paragraph (`words` are its words).
pub fn find(text: &str, words: &[Word]) -> Vec<RepeatedPhrase> {
    let mut out = Vec::new();
    let gap_is_space = |k: usize| only_space(&text[words[k].end..words[k + 1].start]);
    // Cheap rejection: the lower-cased first byte of each word, 0 when it is not ASCII
    // (then only the full comparison can tell).
    let bytes = text.as_bytes();
    let first: Vec<u8> = words
        .iter()
        .map(|w| {
            let b = bytes[w.start];
            if b.is_ascii() {
                b.to_ascii_lowercase()
            } else {
                0
            }
        })
        .collect();
    let differ_at_once = |a: usize, b: usize| {
        let (x, y) = (first[a], first[b]);
        x != y && x != 0 && y != 0
    };
    let mut i = 0;
    while i + 1 < words.len() {
        let mut found = None;
        for n in 1..=MAX_PHRASE_WORDS {
            if i + 2 * n > words.len() {
                break;
            }
            // The cheap test first: does the word n places on repeat this one?
            if differ_at_once(i, i + n) {
                continue;
            }
            if eq_ignore_case(words[i].text(text), words[i + n].text(text))
                && (1..n)
                    .all(|k| eq_ignore_case(words[i + k].text(text), words[i + n + k].text(text)))
                && (i..i + 2 * n - 1).all(gap_is_space)
            {
                found = Some(n);
                break;
            }
        }
        let Some(n) = found else {
            i += 1;
            continue;
        };
        if n == 1 && is_legitimate_double(words[i].text(text), words[i + 1].text(text)) {
            i += 1;
            continue;
        }
        out.push(RepeatedPhrase {
            span: words[i].start..words[i + 2 * n - 1].end,
            first: words[i].start..words[i + n - 1].end,
            second: words[i + n].start..words[i + 2 * n - 1].end,
            kind: RepetitionKind::Doubled,
        });
        i += 2 * n;
    }
    out
}

fn is_legitimate_double(first: &str, second: &str) -> bool {
    let lower = first.to_lowercase();
    first
        .chars()
        .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        || LEGITIMATE_DOUBLES.contains(&lower.as_str())
        // Reduplicated names: "Walla Walla", "Bora Bora".
        || (is_capitalized(first) && is_capitalized(second) && !FUNCTION_WORDS.contains(&lower.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::{assert_silent, flagged, run};

    #[test]
    fn flags_doubled_words_and_phrases() {
        assert_eq!(
            flagged(DoubledPhrase, "We saw the the results."),
            ["the the"]
        );
        assert_eq!(
            flagged(
                DoubledPhrase,
                "China moved to a network power a network power today."
            ),
            ["a network power a network power"]
        );
        assert_eq!(
            flagged(DoubledPhrase, "The The report said so."),
            ["The The"]
        );
        assert_eq!(
            flagged(DoubledPhrase, "It was in the\nthe wrapped line."),
            ["the\nthe"]
        );
        let issues = run(DoubledPhrase, "of the of the end");
        assert_eq!(issues[0].suggestions, ["of the"]);
    }

    #[test]
    fn leaves_ordinary_english_alone() {
        assert_silent(
            DoubledPhrase,
            &[
                "She said bye-bye and left.",
                "We flew to Walla Walla and then to Bora Bora.",
                "He had had enough, and he knew that that was true.",
                "It is what it is, is it not?",
                "More and more people came, again and again, step by step.",
                "Day after day, from time to time, so-and-so called.",
                "The totals were 10 10 and 3.5 3.5 in the table.",
                "Well, well, that is that.",
                "Very very good, no no, bye bye.",
                "The text, the text alone.",
                "Write `let mut mut_ref` or `self self` in code.",
            ],
        );
    }
}
