//! `repetition.separated`: a word or phrase said twice with a comma or semicolon between
//! the copies — a repeated list item ("garbage sorting songs, songs, comics", "open,
//! inclusive, inclusive, balanced") or a repeated clause opening ("the report, the report
//! pointed out"). Emphatic and rhetorical repetition ("never, never, never", "a long, long
//! way", "Thank you, thank you."), names ("New York, New York"), lists whose items
//! differ before the repeated word ("offer to sell, sell, import") and a single word that
//! ends one clause and starts the next ("the network, network governance") are left alone;
//! a phrase doing so ("the report, the report pointed out") is only a hint, and so is a
//! sentence boundary ("every day. Day after day") never compared.

use super::{RepeatedPhrase, RepetitionKind, lexicon};
use crate::check::text::{
    Word, eq_ignore_case, in_spans, is_capitalized, only_space, protected_spans,
};
use crate::check::{Category, Check, CheckInfo, Issue, ParagraphView, Severity};

static INFO: CheckInfo = CheckInfo {
    id: "repetition.separated",
    category: Category::Repetition,
    severity: Severity::Warning,
    summary: "a word or phrase repeated on both sides of a comma or semicolon",
    example: "garbage sorting songs, songs, comics; an open, inclusive, inclusive, balanced economy",
};

/// Longest phrase (in words) compared.
const MAX_PHRASE_WORDS: usize = 6;

/// Words that open a noun phrase: after one, "X, X" is an emphatic adjective ("a long, long
/// way"), and before a list item they do not make it a different item.
const DETERMINERS: &[&str] = &[
    "a", "an", "the", "this", "that", "these", "those", "my", "your", "his", "her", "its", "our",
    "their", "some", "any", "no", "every", "each", "so", "such", "very", "too", "how",
];

#[derive(Debug, Clone, Copy)]
pub struct SeparatedDouble;

impl Check for SeparatedDouble {
    fn info(&self) -> &'static CheckInfo {
        &INFO
    }

    fn check_paragraph(&self, para: &ParagraphView<'_>, out: &mut Vec<Issue>) {
        let found = find_rated(para.text, para.words());
        if found.is_empty() {
            return;
        }
        let protected = protected_spans(para.text);
        for (rep, rating) in found {
            if in_spans(&protected, rep.span.start)
                || super::code_like_near(para.text, rep.first.end)
            {
                continue;
            }
            let phrase = para.slice(rep.first.clone());
            let (severity, message) = match rating {
                Rating::ListItem(severity) => (
                    severity,
                    format!(
                        "\u{201c}{phrase}\u{201d} is listed twice in a row: the source probably \
                         had two different items"
                    ),
                ),
                Rating::Clause => (
                    Severity::Info,
                    format!(
                        "\u{201c}{phrase}\u{201d} ends one part of the sentence and starts the \
                         next: said twice, unless the repetition is meant"
                    ),
                ),
            };
            let mut issue = Issue::new(&INFO, para.abs(rep.span.clone()), message)
                .with_severity(severity)
                .with_related(para.abs(rep.first.clone()))
                .with_related(para.abs(rep.second.clone()));
            if matches!(rating, Rating::ListItem(_)) {
                issue = issue.suggest(phrase);
            }
            out.push(issue);
        }
    }
}

/// What a separated double looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rating {
    /// A list item said twice, with this severity (info where it may be rhetorical).
    ListItem(Severity),
    /// The end of a clause repeated at the start of the next.
    Clause,
}

/// Whether the text between two words is a comma or semicolon and white space.
fn is_separator(gap: &str) -> bool {
    gap.strip_prefix([',', ';']).is_some_and(only_space)
}

/// Whether a list goes on after word `e`: a conjunction ("X, X and Y") or a closing
/// bracket right after it, or a comma and, within a few more items, the conjunction ("X, X,
/// Y, Z, etc."). "Verily, verily, I say unto you" and "Lord, Lord, open to us" go on with a
/// clause instead.
fn list_goes_on(text: &str, words: &[Word], e: usize) -> bool {
    const CONJUNCTIONS: [&str; 4] = ["and", "or", "etc", "nor"];
    const LOOK_AHEAD: usize = 8;
    const MAX_ITEM_WORDS: usize = 3;
    let gap_after = |k: usize| match words.get(k + 1) {
        Some(w) => &text[words[k].end..w.start],
        None => &text[words[k].end..],
    };
    let first_gap = gap_after(e);
    if first_gap.trim_start().starts_with(')') {
        return true;
    }
    // "network, network governance": the second copy starts a longer item.
    if only_space(first_gap) {
        return words
            .get(e + 1)
            .is_some_and(|w| in_list(&CONJUNCTIONS, w.text(text)));
    }
    if first_gap.trim() != "," {
        return false;
    }
    // Items of a few words each, up to the conjunction.
    let mut item_words = 0;
    for (k, w) in words.iter().enumerate().skip(e + 1).take(LOOK_AHEAD) {
        if in_list(&CONJUNCTIONS, w.text(text)) {
            return true;
        }
        item_words += 1;
        if item_words > MAX_ITEM_WORDS {
            return false;
        }
        match gap_after(k).trim() {
            "" => {}
            "," => item_words = 0,
            _ => return false,
        }
    }
    false
}

fn in_list(list: &[&str], word: &str) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// Finds words and phrases said twice across a comma, semicolon or full stop.
pub fn find(text: &str, words: &[Word]) -> Vec<RepeatedPhrase> {
    find_rated(text, words)
        .into_iter()
        .map(|(r, _)| r)
        .collect()
}

fn find_rated(text: &str, words: &[Word]) -> Vec<(RepeatedPhrase, Rating)> {
    let mut out: Vec<(RepeatedPhrase, Rating)> = Vec::new();
    let gap = |k: usize| &text[words[k].end..words[k + 1].start];
    let same = |a: usize, b: usize, n: usize| {
        (0..n).all(|j| eq_ignore_case(words[a + j].text(text), words[b + j].text(text)))
    };
    let spaced = |a: usize, n: usize| (a..a + n - 1).all(|j| only_space(gap(j)));
    // Only at commas and semicolons.
    for p in memchr::memchr2_iter(b',', b';', text.as_bytes()) {
        // The word the mark follows directly.
        let k = words.partition_point(|w| w.end < p);
        if k + 1 >= words.len() || words[k].end != p || !is_separator(gap(k)) {
            continue;
        }
        // The longest phrase ending at k that the words after the separator repeat.
        let mut found = None;
        for n in 1..=MAX_PHRASE_WORDS {
            if n > k + 1 || k + n >= words.len() {
                break;
            }
            let a = k + 1 - n;
            if same(a, k + 1, n) && spaced(a, n) && spaced(k + 1, n) {
                found = Some(n);
            }
        }
        let Some(n) = found else { continue };
        let a = k + 1 - n;
        let e = k + n;
        if out.last().is_some_and(|(r, _)| r.span.end > words[a].start) {
            continue;
        }
        if let Some(rating) = rate(text, words, a, n) {
            out.push((
                RepeatedPhrase {
                    span: words[a].start..words[e].end,
                    first: words[a].start..words[k].end,
                    second: words[k + 1].start..words[e].end,
                    kind: RepetitionKind::Separated,
                },
                rating,
            ));
        }
    }
    out
}

/// Rates the `n` words at `a` said again after a separator; `None` for English.
fn rate(text: &str, words: &[Word], a: usize, n: usize) -> Option<Rating> {
    let k = a + n - 1;
    let e = k + n;
    let first = words[a].text(text);
    let after_gap = match words.get(e + 1) {
        Some(w) => &text[words[e].end..w.start],
        None => &text[words[e].end..],
    };
    let before_gap = match a.checked_sub(1) {
        Some(p) => &text[words[p].end..words[a].start],
        None => &text[..words[a].start],
    };
    let same = |x: usize, y: usize| {
        y + n <= words.len()
            && (0..n).all(|j| eq_ignore_case(words[x + j].text(text), words[y + j].text(text)))
    };
    // Three or more in a row: "holy, holy, holy", "up, up, up".
    let sep_char = |g: &str| g.trim().len() == 1 && !g.trim().starts_with(char::is_alphanumeric);
    if (sep_char(after_gap) && same(a, e + 1)) || (a >= n && sep_char(before_gap) && same(a - n, a))
    {
        return None;
    }
    // "key, Key, name, Name": spellings listed side by side, not a word said twice (a copy
    // starts a sentence only after a full stop, never after a comma).
    if (0..n).any(|j| words[a + j].text(text) != words[k + 1 + j].text(text)) {
        return None;
    }
    // "parents, parents' committees": the second is another phrase.
    if after_gap.starts_with(['\'', '\u{2019}']) {
        return None;
    }
    // "Fa la la la la, la la la la": sounds, not words said twice.
    if (a..=k).all(|j| lexicon::is_legitimate_double(words[j].text(text))) {
        return None;
    }
    if n == 1
        && (lexicon::is_function_word(first)
            || lexicon::is_legitimate_double(first)
            || lexicon::is_number_word(first)
            || first.chars().count() == 1)
    {
        return None;
    }
    let sentence_start = a == 0
        || before_gap.trim_end().ends_with([
            '.', '!', '?', ':', '"', '\u{201c}', '\u{201d}', '\u{2014}', '(',
        ]);
    let copy_words = || (a..=k).map(|j| words[j].text(text));
    // "New York, New York", "the Party, the Party Central Committee": a name, whose
    // repetition across a clause boundary is ordinary English.
    let is_name = copy_words().any(|w| is_capitalized(w) && !lexicon::is_function_word(w))
        && copy_words().all(|w| is_capitalized(w) || lexicon::is_function_word(w))
        && !(sentence_start && n == 1);
    // What follows the second copy.
    let after = text[words[e].end..].trim_start();
    let list_after = list_goes_on(text, words, e);
    let whole_item = a > 0 && before_gap.contains([',', ';', '(', ':']);
    if is_name {
        return (list_after && whole_item).then_some(Rating::ListItem(Severity::Warning));
    }
    if !list_after {
        // "Thank you, thank you.", "Help, help!": an exclamation, not a double.
        if after.is_empty() || after.starts_with(['.', '!', '?']) {
            return None;
        }
        // One word that ends a clause and starts the next is English more often than not:
        // "a long, long way", "the pipeline network, network governance", "cooperation for
        // development, development for peace".
        if n == 1 {
            return None;
        }
        return Some(Rating::Clause);
    }
    if sentence_start {
        return Some(Rating::ListItem(Severity::Info));
    }
    // "is fallen, is fallen": a predicate repeated, often rhetorical.
    let opens_with_function_word = lexicon::is_function_word(first) && !in_list(DETERMINERS, first);
    if !whole_item {
        // "offer to sell, sell, import": the first copy ends a different item.
        let before = words[a - 1].text(text);
        if lexicon::is_function_word(before) && !in_list(DETERMINERS, before) {
            return None;
        }
    }
    Some(Rating::ListItem(if opens_with_function_word {
        Severity::Info
    } else {
        Severity::Warning
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::{assert_silent, flagged, run};

    #[test]
    fn flags_repeated_list_items() {
        assert_eq!(
            flagged(
                SeparatedDouble,
                "through the creation of garbage sorting songs, songs, comics and micro-videos"
            ),
            ["songs, songs"]
        );
        assert_eq!(
            flagged(
                SeparatedDouble,
                "create an open, inclusive, inclusive, balanced and win-win environment"
            ),
            ["inclusive, inclusive"]
        );
        assert_eq!(
            flagged(
                SeparatedDouble,
                "scan codes, swipe cards, swipe cards and other methods"
            ),
            ["swipe cards, swipe cards"]
        );
        assert_eq!(
            flagged(SeparatedDouble, "live a simple, simple and persistent life"),
            ["simple, simple"]
        );
        let issues = run(
            SeparatedDouble,
            "garbage sorting songs, songs, comics and cartoons",
        );
        assert_eq!(issues[0].severity, Severity::Warning);
        assert_eq!(issues[0].suggestions, ["songs"]);
        assert_eq!(issues[0].related.len(), 2);
    }

    #[test]
    fn a_repeated_clause_opening_is_a_hint() {
        let issues = run(
            SeparatedDouble,
            "According to the report, the report pointed out that prices rose.",
        );
        assert_eq!(issues.len(), 1);
        assert_eq!(issues[0].severity, Severity::Info);
        assert!(issues[0].suggestions.is_empty());
    }

    #[test]
    fn leaves_emphasis_names_and_legal_lists_alone() {
        assert_silent(
            SeparatedDouble,
            &[
                "to make, have made, use, offer to sell, sell, import, and otherwise transfer",
                "Never, never, never give up. Holy, holy, holy.",
                "It was a long, long way; a very, very good day, far, far away.",
                "Thank you, thank you. Yes, yes, I know. Well, well.",
                "I love New York, New York, and its people.",
                "the sanctions on Iran, Iran is violating the limits",
                "teachers, parents, parents' committees and schools",
                "by taxes, taxes, and more taxes",
                "He said it, it was true; that, that is all.",
                "In 2020, 2020 was a hard year; 1, 1, 2, 3, 5.",
                "You look at everything, every day. Day after day, the same walk.",
                "the basis for the pipeline network, network governance and network use",
                "cooperation for development, development for peace",
                "from_entries accepts key, Key, name, Name, value and Value as keys",
                "Jesus answered and said, Verily, verily, I say unto thee, and so on.",
                "saying, Lord, Lord, open to us.",
                "But they cried out, Alas, alas, that great city.",
            ],
        );
    }
}
