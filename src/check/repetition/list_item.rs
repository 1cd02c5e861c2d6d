//! `repetition.list-item`: a list that names the same item twice — "a positive, healthy,
//! and positive network culture" (the source listed two different qualities).

use super::{RepeatedPhrase, RepetitionKind};
use crate::check::text::{Word, eq_ignore_case, only_space};
use crate::check::{Category, Check, CheckInfo, Issue, ParagraphView, Severity};

static INFO: CheckInfo = CheckInfo {
    id: "repetition.list-item",
    category: Category::Repetition,
    severity: Severity::Warning,
    summary: "a comma-separated list that repeats one of its items",
    example: "a positive, healthy, and positive network culture",
};

/// Longest list item (in words) compared.
const MAX_ITEM_WORDS: usize = 4;

/// Words too common to count as a repeated list item on their own.
const TRIVIAL: &[&str] = &[
    "the", "a", "an", "and", "or", "of", "to", "in", "on", "at", "for", "with", "by", "it", "is",
    "was", "he", "she", "they", "we", "i", "you", "this", "that", "etc",
];

#[derive(Debug, Clone, Copy)]
pub struct RepeatedListItem;

impl Check for RepeatedListItem {
    fn info(&self) -> &'static CheckInfo {
        &INFO
    }

    fn check_paragraph(&self, para: &ParagraphView<'_>, out: &mut Vec<Issue>) {
        for found in find(para.text, para.words()) {
            let item = para.slice(found.second.clone());
            out.push(
                Issue::new(
                    &INFO,
                    para.abs(found.second.clone()),
                    format!(
                        "the list names \u{201c}{item}\u{201d} twice: the source probably listed \
                         two different things"
                    ),
                )
                .with_related(para.abs(found.first.clone())),
            );
        }
    }
}

/// One comma-delimited chunk of a list: word indices `start..end`.
#[derive(Debug, Clone, Copy)]
struct Chunk {
    start: usize,
    end: usize,
}

/// Finds repeated items in "A, B, and C" / "A, B or C" lists of one paragraph.
pub fn find(text: &str, words: &[Word]) -> Vec<RepeatedPhrase> {
    let gap = |k: usize| &text[words[k].end..words[k + 1].start];
    let gap_is_space = |k: usize| only_space(gap(k));
    let gap_is_comma = |k: usize| gap(k).trim() == ",";
    let same = |a: usize, b: usize, n: usize| {
        (0..n).all(|k| eq_ignore_case(words[a + k].text(text), words[b + k].text(text)))
    };
    let trivial = |a: usize, n: usize| {
        n == 1 && {
            let w = words[a].text(text);
            TRIVIAL.iter().any(|t| w.eq_ignore_ascii_case(t))
                || w.chars().all(|c| c.is_ascii_digit())
        }
    };
    let mut out = Vec::new();
    for c in 1..words.len().saturating_sub(1) {
        let conn = words[c].text(text);
        if !(conn.eq_ignore_ascii_case("and") || conn.eq_ignore_ascii_case("or")) {
            continue;
        }
        // "A, B, and C" has a comma before the conjunction; "A, B and C" a space.
        if !(gap_is_comma(c - 1) || gap_is_space(c - 1)) || !gap_is_space(c) {
            continue;
        }
        // "X and X" on its own is the tautology check's business (or an idiom).
        if same(c - 1, c + 1, 1) {
            continue;
        }
        // Walk back over comma-separated chunks of up to MAX_ITEM_WORDS words.
        let mut chunks: Vec<Chunk> = Vec::new();
        let mut end = c; // exclusive word index
        loop {
            let mut start = end - 1;
            while start > 0 && gap_is_space(start - 1) && end - start < MAX_ITEM_WORDS {
                start -= 1;
            }
            chunks.push(Chunk { start, end });
            if start == 0 || !gap_is_comma(start - 1) {
                break;
            }
            end = start;
        }
        // chunks: [item before the conjunction, …, leftmost chunk]. The item right before the
        // conjunction is bounded by commas (or the list start) and sets the item length;
        // earlier chunks may carry a lead-in ("cultivate a positive"), so only their tails
        // of that length are compared.
        if chunks.len() < 2 {
            continue;
        }
        let n = chunks[0].end - chunks[0].start;
        let after_start = c + 1;
        let mut candidates: Vec<(usize, usize)> = chunks
            .iter()
            .rev()
            .filter(|ch| ch.end - ch.start >= n)
            .map(|ch| (ch.end - n, n))
            .collect();
        candidates.dedup();
        let mut found: Option<RepeatedPhrase> = None;
        'outer: for (i, &(a, n)) in candidates.iter().enumerate() {
            if trivial(a, n) {
                continue;
            }
            // Against later candidates.
            for &(b, m) in &candidates[i + 1..] {
                if m == n && b > a && same(a, b, n) {
                    found = Some(phrase(words, a, b, n));
                    break 'outer;
                }
            }
            // Against the head of the item after the conjunction.
            if after_start + n <= words.len()
                && (after_start..after_start + n - 1).all(gap_is_space)
                && same(a, after_start, n)
            {
                found = Some(phrase(words, a, after_start, n));
                break;
            }
        }
        // Copies next to each other ("songs, songs") are `repetition.separated`'s business.
        let adjacent = found
            .as_ref()
            .is_some_and(|f| matches!(text[f.first.end..f.second.start].trim(), "," | ";"));
        if let Some(f) = found
            && !adjacent
            && out
                .last()
                .is_none_or(|p: &RepeatedPhrase| p.second != f.second)
        {
            out.push(f);
        }
    }
    out
}

fn phrase(words: &[Word], a: usize, b: usize, n: usize) -> RepeatedPhrase {
    RepeatedPhrase {
        span: words[a].start..words[b + n - 1].end,
        first: words[a].start..words[a + n - 1].end,
        second: words[b].start..words[b + n - 1].end,
        kind: RepetitionKind::ListItem,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::{assert_silent, flagged, run};

    #[test]
    fn flags_repeated_items() {
        assert_eq!(
            flagged(
                RepeatedListItem,
                "cultivate a positive, healthy, and positive network culture"
            ),
            ["positive"]
        );
        assert_eq!(
            flagged(
                RepeatedListItem,
                "We need roads, bridges, schools and bridges."
            ),
            ["bridges"]
        );
        assert_eq!(
            flagged(RepeatedListItem, "It was open, cooperative, open and fair."),
            ["open"]
        );
        let issues = run(
            RepeatedListItem,
            "a positive, healthy, and positive culture",
        );
        assert_eq!(issues[0].related.len(), 1);
    }

    #[test]
    fn leaves_ordinary_lists_alone() {
        assert_silent(
            RepeatedListItem,
            &[
                "a positive, healthy, uplifting and virtuous online culture",
                "education, technology, and industry",
                "However, he said, and he was right, the plan failed.",
                "In 2020, 2021, and 2022 the figures rose.",
                "red, white, and blue",
                "peaceful, secure, open, cooperative, and orderly cyberspace",
                "the data, the models, and the results",
                "More and more, again and again, step by step",
            ],
        );
    }
}
