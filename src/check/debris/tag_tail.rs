//! `debris.tag-tail`: tags and column labels scraped along with a headline and joined to it
//! with " | ": "Micro Video | Strengthening … Quality | Population | Micro Video". The
//! headline is the one long part; short parts after it are the tail (with the one to three
//! words a scraper glued to a headline ending in "?" or "!": "…? Country | Culture"), and
//! one or two short parts before a headline that has a tail are a column label. Both are to be
//! deleted.
//!
//! Markdown tables, lines that start or end with "|", pipes without spaces around them
//! ("|x|", "a||b") and a single pipe in a formula ("P(A | B)") are not tag tails.

use std::ops::Range;

use crate::check::{Category, Check, CheckInfo, Issue, ParagraphView, Severity};

static INFO: CheckInfo = CheckInfo {
    id: "debris.tag-tail",
    category: Category::Debris,
    severity: Severity::Warning,
    summary: "scraped tags or column labels joined to a headline with \" | \"",
    example: "Improving Population Quality with High Quality | Population | Micro Video",
};

/// Fewest words of the headline part.
const MIN_HEADLINE_WORDS: usize = 6;
/// Most words of a tag or label part.
const MAX_TAG_WORDS: usize = 5;
/// Most words glued to the headline after its final "?", "!" or ".".
const MAX_GLUED_WORDS: usize = 3;

#[derive(Debug, Clone, Copy)]
pub struct TagTail;

fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

fn balanced(s: &str) -> bool {
    let mut depth = [0i32; 3];
    for c in s.chars() {
        let (k, d) = match c {
            '(' => (0, 1),
            ')' => (0, -1),
            '[' => (1, 1),
            ']' => (1, -1),
            '{' => (2, 1),
            '}' => (2, -1),
            _ => continue,
        };
        depth[k] += d;
        if depth[k] < 0 {
            return false;
        }
    }
    depth == [0, 0, 0]
}

/// Trims whitespace from a span of `text`.
fn trim(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let start = r.start + (s.len() - s.trim_start().len());
    let end = r.end - (s.len() - s.trim_end().len());
    start..end.max(start)
}

/// Where the words glued to the end of the headline start: after its last "?", "!" or "."
/// (not an abbreviation's), when one to three words follow.
fn glued_words_start(text: &str, head: Range<usize>) -> Option<usize> {
    let s = &text[head.clone()];
    let bytes = s.as_bytes();
    let stop = (0..bytes.len().saturating_sub(1))
        .rev()
        .find(|&i| matches!(bytes[i], b'?' | b'!' | b'.') && bytes[i + 1] == b' ')?;
    let rest = &s[stop + 1..];
    let n = word_count(rest);
    if n == 0 || n > MAX_GLUED_WORDS || rest.contains(['?', '!', '.', ',', ';', ':']) {
        return None;
    }
    if bytes[stop] == b'.' {
        // "U.S. Economy", "Mr. Wang": an abbreviation's full stop ends nothing.
        let word_start = s[..stop].rfind(' ').map_or(0, |p| p + 1);
        let word = &s[word_start..stop];
        let abbreviation = word.contains('.')
            || word.len() <= 3 && word.chars().next().is_some_and(char::is_uppercase)
            || word.chars().all(|c| c.is_ascii_digit());
        if abbreviation {
            return None;
        }
    }
    Some(head.start + stop + 1)
}

impl Check for TagTail {
    fn info(&self) -> &'static CheckInfo {
        &INFO
    }

    fn check_paragraph(&self, para: &ParagraphView<'_>, out: &mut Vec<Issue>) {
        let text = para.text;
        let bytes = text.as_bytes();
        let Some(first_pipe) = memchr::memchr(b'|', bytes) else {
            return;
        };
        if text.contains('\n') || text.starts_with('|') || text.ends_with('|') {
            return;
        }
        // Separators: single pipes with a space on each side.
        let mut parts = Vec::new();
        let mut part_start = 0;
        for p in memchr::memchr_iter(b'|', &bytes[first_pipe..]).map(|p| p + first_pipe) {
            let spaced = p > 0
                && matches!(bytes[p - 1], b' ' | b'\t')
                && matches!(bytes.get(p + 1), Some(b' ' | b'\t'));
            if !spaced {
                return;
            }
            parts.push(trim(text, part_start..p));
            part_start = p + 1;
        }
        parts.push(trim(text, part_start..text.len()));
        let words: Vec<usize> = parts.iter().map(|r| word_count(&text[r.clone()])).collect();
        let Some((main, &main_words)) = words
            .iter()
            .enumerate()
            .max_by_key(|&(i, w)| (*w, usize::MAX - i))
        else {
            return;
        };
        if main_words < MIN_HEADLINE_WORDS
            || words
                .iter()
                .enumerate()
                .any(|(i, &w)| i != main && (w == 0 || w > MAX_TAG_WORDS))
            || parts.iter().any(|r| !balanced(&text[r.clone()]))
        {
            return;
        }
        if parts.len() == 2 {
            // One pipe: only "Headline | Tag", and not in anything that looks like a formula.
            let tag = &text[parts[1].clone()];
            let tag_like = tag
                .chars()
                .next()
                .is_some_and(|c| c.is_alphanumeric() && !c.is_lowercase());
            let formula = text.contains(['=', '<', '>', '+', '^', '≤', '≥', '∑', '∫']);
            if main != 0 || !tag_like || formula || words[1] > 4 {
                return;
            }
        }
        let head = parts[main].clone();
        let has_tail = main + 1 < parts.len();
        // A label is only believed next to a tail: "ls | grep foo | sort the files" is prose.
        if main > 0 && main <= 2 && has_tail {
            let span = 0..head.start;
            let label = text[span.clone()].trim_end();
            out.push(
                Issue::new(
                    &INFO,
                    para.abs(span),
                    format!("scraped column label \u{201c}{label}\u{201d} before the headline"),
                )
                .suggest(""),
            );
        }
        if has_tail {
            let start = glued_words_start(text, head.clone()).unwrap_or(head.end);
            let span = start..text.len();
            let tail = text[span.clone()].trim_start();
            out.push(
                Issue::new(
                    &INFO,
                    para.abs(span),
                    format!("scraped tag tail \u{201c}{tail}\u{201d} after the headline"),
                )
                .suggest(""),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::{assert_silent, flagged, run};

    #[test]
    fn flags_the_seed_headlines() {
        assert_eq!(
            flagged(
                TagTail,
                "Micro Video | Strengthening the Construction of an Education Strong Country, Comprehensively Improving Population Quality with High Quality | Population | Micro Video"
            ),
            ["Micro Video | ", " | Population | Micro Video"]
        );
        assert_eq!(
            flagged(
                TagTail,
                "The overall stable operation of domestic prices - Interpretation of May CPI and PPI data month | year-on-year | Overall"
            ),
            [" | year-on-year | Overall"]
        );
        assert_eq!(
            flagged(
                TagTail,
                "Xi Jinping's important speech aroused strong repercussions in China | Chinese Civilization | General Secretary"
            ),
            [" | Chinese Civilization | General Secretary"]
        );
        assert_eq!(
            flagged(
                TagTail,
                "Study every day | what's so special about this project personally approved by the General Secretary? Country | Culture | General Secretary of three points"
            ),
            [
                "Study every day | ",
                " Country | Culture | General Secretary of three points"
            ]
        );
        let issues = run(
            TagTail,
            "A long headline about the economy grows | Economy | World",
        );
        assert_eq!(issues[0].suggestions, [""]);
        assert!(
            issues[0]
                .message
                .contains("\u{201c}| Economy | World\u{201d}")
        );
    }

    #[test]
    fn a_single_pipe_needs_a_headline_then_a_tag() {
        assert_eq!(
            flagged(
                TagTail,
                "China's economy grew by five percent last year | Xinhua"
            ),
            [" | Xinhua"]
        );
        assert_silent(
            TagTail,
            &[
                "Micro Video | China's economy grew by five percent last year",
                "The conditional probability of rain on any given day is P(A | B) here.",
                "We write the result as x = a | b for the bitwise or of the two values.",
                "China's economy grew by five percent last year | then it slowed",
            ],
        );
    }

    #[test]
    fn abbreviations_are_not_sentence_ends() {
        assert_eq!(
            flagged(
                TagTail,
                "Trade talks resume between China and the U.S. Economy | World"
            ),
            [" | World"]
        );
        assert_eq!(
            flagged(
                TagTail,
                "Why did the market fall so sharply this week? Markets | Money"
            ),
            [" Markets | Money"]
        );
    }

    #[test]
    fn leaves_other_pipes_alone() {
        assert_silent(
            TagTail,
            &[
                "| a | b |",
                "a | b | c",
                "Home | News | China | World",
                "The value |x| is the absolute value of x, and a||b is logical or here.",
                "Use the command ls | grep foo | sort to list the sorted matching files today.",
                "A long headline that has many words in it | but this part also has many words in it",
                "Bye-bye, Walla Walla, U.S., e.g., 3.5, 10:30, https://example.com/a|b.",
                "The headline is long enough here\n| Tag | Tag",
            ],
        );
    }
}
