//! `repetition.tautology`: the same phrase on both sides of a coordination — "a clear and
//! clear network ecosystem", "upward and upward", "from a network power to a network power",
//! "between X and X" — where machine translation collapsed two different source words.

use super::{RepeatedPhrase, RepetitionKind, lexicon};
use crate::check::text::{Word, eq_ignore_case, only_space};
use crate::check::{Category, Check, CheckInfo, Issue, ParagraphView, Severity};

static INFO: CheckInfo = CheckInfo {
    id: "repetition.tautology",
    category: Category::Repetition,
    severity: Severity::Warning,
    summary: "the same phrase on both sides of \"and\", \"or\", \"from … to …\" or \"between … and …\"",
    example: "a clear and clear network ecosystem; from a network power to a network power",
};

/// Longest phrase (in words) on each side.
const MAX_SIDE_WORDS: usize = 6;

/// Words English coordinates with themselves on purpose: "more and more", "again and
/// again", "on and on", "neck and neck", "miles and miles", "better and better".
const IDIOMATIC: &[&str] = &[
    "more",
    "less",
    "fewer",
    "again",
    "over",
    "round",
    "around",
    "on",
    "through",
    "by",
    "out",
    "in",
    "up",
    "down",
    "back",
    "forth",
    "ever",
    "neck",
    "such",
    "so",
    "here",
    "there",
    "now",
    "then",
    "bit",
    "little",
    "lots",
    "tons",
    "loads",
    "ages",
    "miles",
    "years",
    "months",
    "weeks",
    "days",
    "hours",
    "minutes",
    "seconds",
    "decades",
    "centuries",
    "times",
    "rows",
    "pages",
    "layers",
    "piles",
    "heaps",
    "acres",
    "generations",
    "round",
    "far",
    "wide",
    "on",
    "better",
    "worse",
    "further",
    "farther",
    "closer",
    "nearer",
    "bigger",
    "smaller",
    "higher",
    "lower",
    "faster",
    "slower",
    "deeper",
    "longer",
    "shorter",
    "louder",
    "quieter",
    "harder",
    "softer",
    "stronger",
    "weaker",
    "greater",
    "wider",
    "narrower",
    "larger",
    "richer",
    "poorer",
    "older",
    "younger",
    "darker",
    "brighter",
    "lighter",
    "colder",
    "warmer",
    "hotter",
    "cooler",
    "tighter",
    "looser",
    "thinner",
    "thicker",
    "sharper",
    "clearer",
    "denser",
    "steeper",
    "taller",
    "sooner",
    "later",
    "worse",
    "cheaper",
    "dearer",
    "fiercer",
    "stranger",
    "bolder",
    "busier",
    "easier",
    "heavier",
    "happier",
    "angrier",
    "crazier",
    "uglier",
    "prettier",
    "tinier",
    "wilder",
    "madder",
    "sadder",
    "fatter",
];

#[derive(Debug, Clone, Copy)]
pub struct Tautology;

impl Check for Tautology {
    fn info(&self) -> &'static CheckInfo {
        &INFO
    }

    fn check_paragraph(&self, para: &ParagraphView<'_>, out: &mut Vec<Issue>) {
        for found in find(para.text, para.words()) {
            let phrase = para.slice(found.first.clone());
            let construct = para.slice(found.span.clone());
            let message = match found.kind {
                RepetitionKind::FromTo => format!(
                    "\u{201c}{construct}\u{201d} goes from a thing to itself: the two sides were \
                     probably different terms in the source"
                ),
                RepetitionKind::Between => format!(
                    "\u{201c}{construct}\u{201d} sets a thing against itself: the two sides were \
                     probably different terms in the source"
                ),
                _ => format!(
                    "\u{201c}{phrase}\u{201d} on both sides of \u{201c}{}\u{201d} says the same \
                     thing twice: the source probably had two different words",
                    connector(construct, &found, para.text)
                ),
            };
            let mut issue = Issue::new(&INFO, para.abs(found.span.clone()), message)
                .with_related(para.abs(found.first.clone()))
                .with_related(para.abs(found.second.clone()));
            if found.kind == RepetitionKind::Coordinated {
                issue = issue.suggest(phrase);
                if may_be_meant(para.text, &found) {
                    issue = issue.with_severity(Severity::Info);
                }
            }
            out.push(issue);
        }
    }
}

/// Whether the single word coordinated with itself at `left` (connector at `c`) is
/// repeated for emphasis or is English for another reason: a verb after its subject ("she
/// cried and cried"), a chain ("waited and waited and waited"), numbers ("two and two"),
/// function words ("her and her munition").
fn is_emphatic(text: &str, words: &[Word], left: usize, c: usize) -> bool {
    let word = words[left].text(text);
    if lexicon::is_number_word(word) || lexicon::is_function_word(word) {
        return true;
    }
    let same = |k: usize| {
        words
            .get(k)
            .is_some_and(|w| eq_ignore_case(w.text(text), word))
    };
    let is_conn = |k: usize| {
        words
            .get(k)
            .is_some_and(|w| w.text(text) == words[c].text(text))
    };
    // "X and X and X", seen from either "and".
    if (is_conn(c + 2) && same(c + 3)) || (left >= 2 && is_conn(left - 1) && same(left - 2)) {
        return true;
    }
    left > 0 && lexicon::is_subject_pronoun(words[left - 1].text(text))
}

/// Whether `left` is `right` with only its first letter capitalised, as at the start of a
/// sentence.
fn sentence_capital_only(left: &str, right: &str) -> bool {
    let (mut l, mut r) = (left.chars(), right.chars());
    match (l.next(), r.next()) {
        (Some(a), Some(b)) => a.is_uppercase() && a.to_lowercase().eq(b.to_lowercase()) && l.eq(r),
        _ => false,
    }
}

/// Why a coordination of a word with itself may still be English: a comparative said twice
/// for emphasis ("curiouser and curiouser"), or a second side that begins a longer phrase
/// ("loss of data or data being rendered inaccurate").
fn may_be_meant(text: &str, found: &RepeatedPhrase) -> bool {
    let side = &text[found.first.clone()];
    let comparative = !side.contains(char::is_whitespace)
        && side.chars().count() >= 5
        && side.to_ascii_lowercase().ends_with("er");
    let next = text[found.second.end..]
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .find(|w| !w.is_empty());
    let continues = text[found.second.end..].starts_with(' ')
        && next.is_some_and(|w| w.len() > 4 && w.to_ascii_lowercase().ends_with("ing"));
    comparative || continues
}

fn connector<'a>(_construct: &str, found: &RepeatedPhrase, text: &'a str) -> &'a str {
    text[found.first.end..found.second.start].trim()
}

fn lower_is(word: &str, candidates: &[&str]) -> bool {
    candidates.iter().any(|c| word.eq_ignore_ascii_case(c))
}

/// Finds tautological coordinations in one paragraph.
pub fn find(text: &str, words: &[Word]) -> Vec<RepeatedPhrase> {
    let gap_is_space = |k: usize| only_space(&text[words[k].end..words[k + 1].start]);
    let same = |a: usize, b: usize, n: usize| {
        (0..n).all(|k| eq_ignore_case(words[a + k].text(text), words[b + k].text(text)))
    };
    let mut out: Vec<RepeatedPhrase> = Vec::new();
    for c in 1..words.len().saturating_sub(1) {
        let len = words[c].end - words[c].start;
        if !(2..=3).contains(&len)
            || !matches!(text.as_bytes()[words[c].start] | 0x20, b'a' | b'o' | b't')
        {
            continue;
        }
        let conn = words[c].text(text);
        let is_and_or = lower_is(conn, &["and", "or"]);
        let is_to = conn.eq_ignore_ascii_case("to");
        if !is_and_or && !is_to {
            continue;
        }
        if !gap_is_space(c - 1) || !gap_is_space(c) {
            continue;
        }
        // The longest equal pair of sides wins.
        let mut best: Option<RepeatedPhrase> = None;
        for n in 1..=MAX_SIDE_WORDS {
            if n > c || c + n >= words.len() {
                break;
            }
            let left = c - n;
            let right = c + 1;
            if !(left..c - 1).all(gap_is_space) || !(right..right + n - 1).all(gap_is_space) {
                break;
            }
            if !same(left, right, n) {
                continue;
            }
            let before = left.checked_sub(1).filter(|&b| gap_is_space(b));
            let kind = if is_to {
                // "from X to X": a single bare word is distributive ("from time to time").
                match before {
                    Some(b) if words[b].text(text).eq_ignore_ascii_case("from") && n >= 2 => {
                        RepetitionKind::FromTo
                    }
                    _ => continue,
                }
            } else if before.is_some_and(|b| {
                words[b].text(text).eq_ignore_ascii_case("between")
                    && conn.eq_ignore_ascii_case("and")
            }) {
                RepetitionKind::Between
            } else {
                // Single letters are variables or labels ("file A and A's copy").
                if n == 1 && words[left].end - words[left].start == 1 {
                    continue;
                }
                if n == 1 && lower_is(words[left].text(text), IDIOMATIC) {
                    continue;
                }
                if n == 1 && is_emphatic(text, words, left, c) {
                    continue;
                }
                // "value and Value", "a-z and A-Z": two spellings, named side by side (a
                // capital that starts the sentence aside: "Illegal and illegal acts").
                if (0..n).any(|k| {
                    let (l, r) = (words[left + k].text(text), words[right + k].text(text));
                    l != r && !(k == 0 && sentence_capital_only(l, r))
                }) {
                    continue;
                }
                // "may or may not", "was and was not": a contrast, not a tautology.
                if words
                    .get(right + n)
                    .is_some_and(|w| w.text(text).eq_ignore_ascii_case("not"))
                {
                    continue;
                }
                if words[left].text(text).chars().all(|ch| ch.is_ascii_digit()) {
                    continue;
                }
                RepetitionKind::Coordinated
            };
            let start = match kind {
                RepetitionKind::FromTo | RepetitionKind::Between => {
                    words[before.unwrap_or(left)].start
                }
                _ => words[left].start,
            };
            best = Some(RepeatedPhrase {
                span: start..words[right + n - 1].end,
                first: words[left].start..words[c - 1].end,
                second: words[right].start..words[right + n - 1].end,
                kind,
            });
        }
        if let Some(found) = best {
            if out
                .last()
                .is_some_and(|prev| prev.span.end > found.span.start)
            {
                continue;
            }
            out.push(found);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::{assert_silent, flagged, run};

    #[test]
    fn flags_tautologies_from_the_seed() {
        assert_eq!(
            flagged(Tautology, "Creating a clear and clear network ecosystem"),
            ["clear and clear"]
        );
        assert_eq!(
            flagged(
                Tautology,
                "the upward and upward development of cyber civilization"
            ),
            ["upward and upward"]
        );
        assert_eq!(
            flagged(
                Tautology,
                "China is striding forward from a network power to a network power."
            ),
            ["from a network power to a network power"]
        );
        assert_eq!(
            flagged(Tautology, "a gap between the rich and the rich"),
            ["between the rich and the rich"]
        );
        assert_eq!(
            flagged(Tautology, "Open or open the file."),
            ["Open or open"]
        );
        assert_eq!(
            flagged(Tautology, "It failed. Illegal and illegal acts followed."),
            ["Illegal and illegal"]
        );
        assert_eq!(
            flagged(Tautology, "between more and more"),
            ["between more and more"]
        );
    }

    #[test]
    fn suggests_one_side_for_a_coordination() {
        let issues = run(Tautology, "a clear and clear network");
        assert_eq!(issues[0].suggestions, ["clear"]);
        assert_eq!(issues[0].related.len(), 2);
        let issues = run(Tautology, "from a network power to a network power");
        assert!(issues[0].suggestions.is_empty());
    }

    #[test]
    fn emphasis_it_cannot_rule_out_is_a_hint() {
        for text in [
            "\u{201c}Curiouser and curiouser!\u{201d} cried Alice.",
            "LOSS OF DATA OR DATA BEING RENDERED INACCURATE",
        ] {
            let issues = run(Tautology, text);
            assert_eq!(issues.len(), 1, "{text}");
            assert_eq!(issues[0].severity, Severity::Info, "{text}");
        }
        let issues = run(Tautology, "a clear and clear network ecosystem");
        assert_eq!(issues[0].severity, Severity::Warning);
    }

    #[test]
    fn leaves_ordinary_english_alone() {
        assert_silent(
            Tautology,
            &[
                "More and more people came again and again.",
                "Step by step, day after day, from time to time.",
                "They went from strength to strength, from door to door.",
                "The talks went on and on, round and round, over and over.",
                "It got better and better, then worse and worse; bigger and bigger.",
                "They were neck and neck for miles and miles, for years and years.",
                "Such and such a thing, here and there, now and then.",
                "The clear, and clear-headed, answer.",
                "He said bye-bye; so-and-so came; Walla Walla.",
                "from 2020 to 2021 and 3 and 3",
                "from one city to another, and from this to that",
                "the rich and the poor, black and white",
                "It may or may not work; we will or will not go; it was and was not valid.",
                "Copy B out of file A and A is unchanged.",
                "Supports x86 and x86_64 targets.",
                "She cried and cried; I waited and waited and waited.",
                "They went in two and two, her and her munition.",
                "Any partnership demands that we give and give and give.",
                "accepts value and Value as keys; ranges a-z and A-Z",
            ],
        );
    }
}
