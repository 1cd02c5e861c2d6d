//! `repetition.doubled`: a word or phrase said twice back to back ("the the",
//! "a network power a network power").

use super::{RepeatedPhrase, RepetitionKind, lexicon};
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

/// Longest phrase (in words) looked for: long enough for a repeated title.
const MAX_PHRASE_WORDS: usize = 12;

#[derive(Debug, Clone, Copy)]
pub struct DoubledPhrase;

impl Check for DoubledPhrase {
    fn info(&self) -> &'static CheckInfo {
        &INFO
    }

    fn check_paragraph(&self, para: &ParagraphView<'_>, out: &mut Vec<Issue>) {
        let mut protected = None;
        let mut quote_counts = None;
        for (found, verdict) in find_rated(para.text, para.words()) {
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
            if what == "word"
                && let Some(unit) = para.unit()
                && source_reduplicates(unit.source(), phrase)
            {
                continue;
            }
            let message = match verdict {
                Verdict::Name => format!(
                    "\u{201c}{phrase}\u{201d} is said twice: a name said twice, unless it is a \
                     reduplicated name (then it belongs in the list of such names)"
                ),
                Verdict::QuotedWord => format!(
                    "the {what} \u{201c}{phrase}\u{201d} is repeated back to back, the second time \
                     in quotation marks: said twice, unless it is being quoted as a word"
                ),
                Verdict::Refrain => format!(
                    "the {what} \u{201c}{phrase}\u{201d} is repeated on the next line: a refrain, \
                     or said twice"
                ),
                Verdict::Double(_) => {
                    format!("the {what} \u{201c}{phrase}\u{201d} is repeated back to back")
                }
            };
            let gap = para.slice(found.first.end..found.second.start);
            let keep = if gap.chars().any(is_quote) {
                let counts = quote_counts.get_or_insert_with(|| QuoteCounts::of(para.text));
                kept_quotes(counts, gap)
            } else {
                String::new()
            };
            out.push(
                Issue::new(&INFO, para.abs(found.span.clone()), message)
                    .with_severity(verdict.severity())
                    .suggest(format!("{phrase}{keep}"))
                    .with_related(para.abs(found.first)),
            );
        }
    }
}

/// Whether a bilingual unit's source has the reduplication that a doubled `word` of its
/// target renders: the word doubled in an alphabetic source; in a CJK source, a character
/// doubled (方方 → "Fang Fang") for a capitalised word, a two-character word doubled
/// (非常非常 → "very very") for any word.
fn source_reduplicates(source: &str, word: &str) -> bool {
    let chars: Vec<char> = source.chars().collect();
    let han = |c: char| crate::check::accuracy::script::is_cjk(c);
    if chars.iter().any(|&c| han(c)) {
        let aa = chars.windows(2).any(|w| han(w[0]) && w[0] == w[1]);
        let abab = chars
            .windows(4)
            .any(|w| han(w[0]) && han(w[1]) && w[0] != w[1] && w[0] == w[2] && w[1] == w[3]);
        return abab || (aa && is_capitalized(word));
    }
    let words: Vec<&str> = source
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words
        .windows(2)
        .any(|w| eq_ignore_case(w[0], word) && eq_ignore_case(w[1], word))
}

/// How sure a double is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    /// A repeated word or phrase, reported with this severity.
    Double(Severity),
    /// A capitalised word of no known class said twice ("Hassan Hassan"): a name said twice
    /// or a reduplicated name the list does not know.
    Name,
    /// The second copy opens a quotation: `the word "word"` may quote a word.
    QuotedWord,
    /// A phrase repeated on the next line of a hard-wrapped text: a refrain, or a double.
    Refrain,
}

impl Verdict {
    fn severity(self) -> Severity {
        match self {
            Verdict::Double(s) => s,
            Verdict::Name | Verdict::QuotedWord | Verdict::Refrain => Severity::Info,
        }
    }
}

/// The quotation marks between the two copies that the fix keeps: those the rest of the
/// paragraph pairs (`"Action Award" award` → `"Action Award"`), not a stray one
/// (`"Red Flag"Red Flag EV"` → `"Red Flag EV"`).
fn kept_quotes(counts: &QuoteCounts, gap: &str) -> String {
    gap.chars()
        .filter(|&q| is_quote(q))
        .filter(|&q| match q {
            '"' => counts.straight.is_multiple_of(2),
            '\'' => counts.single.is_multiple_of(2),
            '\u{201c}' | '\u{201d}' => counts.opening == counts.closing,
            _ => true,
        })
        .collect()
}

/// How many quotation marks of each kind a paragraph has (counted once per paragraph).
struct QuoteCounts {
    straight: usize,
    single: usize,
    opening: usize,
    closing: usize,
}

impl QuoteCounts {
    fn of(text: &str) -> Self {
        let mut c = QuoteCounts {
            straight: 0,
            single: 0,
            opening: 0,
            closing: 0,
        };
        for ch in text.chars() {
            match ch {
                '"' => c.straight += 1,
                '\'' => c.single += 1,
                '\u{201c}' => c.opening += 1,
                '\u{201d}' => c.closing += 1,
                _ => {}
            }
        }
        c
    }
}

/// Whether `c` is a quotation mark (straight, curly, guillemet or low-9).
pub(super) fn is_quote(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '\u{201c}'
            | '\u{201d}'
            | '\u{2018}'
            | '\u{2019}'
            | '\u{ab}'
            | '\u{bb}'
            | '\u{201e}'
    )
}

/// What lies between two words of a double: nothing but spaces, or spaces and quotation
/// marks (`Award" award`, `Flag"Red`). `Some(true)` when a quotation opens right before
/// the next word.
fn soft_gap(gap: &str) -> Option<bool> {
    if only_space(gap) {
        return Some(false);
    }
    if gap.is_empty() || !gap.chars().all(|c| c.is_whitespace() || is_quote(c)) {
        return None;
    }
    let mut rev = gap.chars().rev();
    let opens = match (rev.next(), rev.next()) {
        (Some('\u{201c}' | '\u{2018}' | '\u{ab}' | '\u{201e}'), _) => true,
        (Some('"' | '\''), Some(c)) => c.is_whitespace(),
        _ => false,
    };
    Some(opens)
}

/// Finds words and phrases said twice back to back in one paragraph (`words` are its words).
pub fn find(text: &str, words: &[Word]) -> Vec<RepeatedPhrase> {
    find_rated(text, words)
        .into_iter()
        .map(|(f, _)| f)
        .collect()
}

fn find_rated(text: &str, words: &[Word]) -> Vec<(RepeatedPhrase, Verdict)> {
    let mut out = Vec::new();
    let gap = |k: usize| {
        let g = &text[words[k].end..words[k + 1].start];
        // An apostrophe on a word's end is part of it ("sons' sons", "talkin' and").
        if g.starts_with(['\'', '\u{2019}']) {
            return None;
        }
        soft_gap(g)
    };
    // Cheap rejection: the lower-cased first byte of each word, 0 when it is not ASCII
    // (then only the full comparison can tell).
    let bytes = text.as_bytes();
    let mut first: Vec<u8> = words
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
    // Padding, so that 16 bytes can be read after any word; 0xFF matches nothing.
    first.extend([0xFF; 16]);
    let mut lower_words: Option<Vec<String>> = None;
    let mut i = 0;
    while i + 1 < words.len() {
        let mut found = None;
        let longest = MAX_PHRASE_WORDS.min((words.len() - i) / 2);
        // The cheap test first: which of the next words could repeat this one?
        let mut candidates = candidate_offsets(&first, i, longest);
        while candidates != 0 {
            let d = candidates.trailing_zeros() as usize;
            candidates &= candidates - 1;
            let n = d + 1;
            // Words starting with ASCII compare equal only at equal lengths.
            if first[i] != 0
                && first[i + n] != 0
                && words[i].end - words[i].start != words[i + n].end - words[i + n].start
            {
                continue;
            }
            if eq_ignore_case(words[i].text(text), words[i + n].text(text))
                && (1..n)
                    .all(|k| eq_ignore_case(words[i + k].text(text), words[i + n + k].text(text)))
                && (i..i + 2 * n - 1).all(|k| gap(k).is_some())
            {
                found = Some(n);
                break;
            }
        }
        let Some(n) = found else {
            i += 1;
            continue;
        };
        if let Some(end) = chain_end(text, words, i, n) {
            i = end;
            continue;
        }
        let middle = &text[words[i + n - 1].end..words[i + n].start];
        // Columns of a table ("N               N", "single  single") or a heading in capitals over a line
        // starting with the same word ("MISCELLANEOUS\n     Miscellaneous commands").
        let columns = middle.contains('\t') || middle.trim_matches('\n').contains("  ");
        let heading = middle.contains('\n')
            && lexicon::is_all_caps(words[i].text(text))
                != lexicon::is_all_caps(words[i + n].text(text));
        if columns || heading {
            i += 1;
            continue;
        }
        let verdict = if gap(i + n - 1) == Some(true) {
            Some(Verdict::QuotedWord)
        } else if n >= 3 && middle.contains('\n') {
            // A line of verse sung twice ("O Canada we stand on guard for thee").
            Some(Verdict::Refrain)
        } else {
            rate(text, words, i, n, &mut lower_words)
        };
        let Some(verdict) = verdict else {
            i += 1;
            continue;
        };
        out.push((
            RepeatedPhrase {
                span: words[i].start..words[i + 2 * n - 1].end,
                first: words[i].start..words[i + n - 1].end,
                second: words[i + n].start..words[i + 2 * n - 1].end,
                kind: RepetitionKind::Doubled,
            },
            verdict,
        ));
        i += 2 * n;
    }
    out
}

/// Bit `d` set: the word `d + 1` places after word `i` may repeat it, by its lower-cased
/// first byte (`first`, padded with 16 bytes of 0xFF; 0 marks a word not starting with ASCII,
/// which only the full comparison can tell), for `d < longest`. Eight bytes at a time.
fn candidate_offsets(first: &[u8], i: usize, longest: usize) -> u32 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // High bit of each zero byte of `w` (a byte above a zero byte may be marked too: a
    // spare candidate, ruled out by the full comparison).
    let zero_bytes = |w: u64| w.wrapping_sub(ONES) & !w & HIGHS;
    let f0 = first[i];
    let limit = if longest >= 32 {
        u32::MAX
    } else {
        (1u32 << longest) - 1
    };
    if f0 == 0 {
        return limit;
    }
    let mut mask = 0u32;
    for half in 0..2 {
        let at = i + 1 + 8 * half;
        let mut chunk = [0u8; 8];
        chunk.copy_from_slice(&first[at..at + 8]);
        let w = u64::from_le_bytes(chunk);
        let hits = zero_bytes(w ^ (ONES * u64::from(f0))) | zero_bytes(w);
        // One bit per byte: the high bit of byte k becomes bit k.
        let mut bits = 0u32;
        let mut h = hits;
        while h != 0 {
            let k = h.trailing_zeros() / 8;
            bits |= 1 << k;
            h &= h - 1;
        }
        mask |= bits << (8 * half);
    }
    mask & limit
}

/// Where a chain of three or more copies of a phrase that holds a conjunction or a copula
/// ends ("waited and waited and waited", "a rose is a rose is a rose"): rhetoric, not a
/// double. `None` when the `n` words at `i` are not such a chain.
fn chain_end(text: &str, words: &[Word], i: usize, n: usize) -> Option<usize> {
    const LINKS: [&str; 7] = ["and", "or", "nor", "is", "are", "was", "were"];
    let same = |a: usize, b: usize| {
        b < words.len() && eq_ignore_case(words[a].text(text), words[b].text(text))
    };
    let linked = (i..i + n).any(|k| {
        LINKS
            .iter()
            .any(|l| words[k].text(text).eq_ignore_ascii_case(l))
    });
    if n < 2 || !linked || !same(i, i + 2 * n) {
        return None;
    }
    let mut j = i;
    while same(j, j + n) {
        j += 1;
    }
    Some(j + n)
}

/// Rates the double of the `n` words at `i`; `None` when it is English ("had had", "Walla
/// Walla", "over and over and over").
fn rate(
    text: &str,
    words: &[Word],
    i: usize,
    n: usize,
    lower_words: &mut Option<Vec<String>>,
) -> Option<Verdict> {
    let word = |k: usize| words.get(k).map(|w| w.text(text));
    let first = words[i].text(text);
    let second = words[i + n].text(text);
    let after = word(i + 2 * n);
    if n > 1 {
        return Some(Verdict::Double(Severity::Error));
    }
    if first
        .chars()
        .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        || lexicon::is_legitimate_double(first)
    {
        return None;
    }
    if !(is_capitalized(first) && is_capitalized(second)) || lexicon::is_function_word(first) {
        return Some(Verdict::Double(Severity::Error));
    }
    if lexicon::is_reduplicated_name(first, after) {
        return None;
    }
    if first != second && !(lexicon::is_all_caps(first) || lexicon::is_all_caps(second)) {
        // "African AFRICAN": not a name written the same way twice.
        return Some(Verdict::Double(Severity::Warning));
    }
    // A common word by its class, or written in lower case elsewhere in the paragraph.
    let lower = first.to_lowercase();
    let common = lexicon::is_common_capitalised(first)
        || lower_words
            .get_or_insert_with(|| {
                let mut v: Vec<String> = words
                    .iter()
                    .map(|w| w.text(text))
                    .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
                    .map(str::to_string)
                    .collect();
                v.sort_unstable();
                v.dedup();
                v
            })
            .binary_search(&lower)
            .is_ok();
    Some(if common {
        Verdict::Double(Severity::Warning)
    } else {
        Verdict::Name
    })
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
    fn candidate_offsets_match_a_plain_comparison() {
        let mut rng = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..2000 {
            let len = 1 + (rng % 40) as usize;
            let mut first: Vec<u8> = (0..len)
                .map(|_| {
                    rng ^= rng << 13;
                    rng ^= rng >> 7;
                    rng ^= rng << 17;
                    [0u8, b'a', b'b', b'c'][(rng % 4) as usize]
                })
                .collect();
            first.extend([0xFF; 16]);
            for i in 0..len {
                let longest = MAX_PHRASE_WORDS.min((len - i) / 2);
                let mask = candidate_offsets(&first, i, longest);
                for d in 0..longest {
                    let (a, b) = (first[i], first[i + 1 + d]);
                    if a == 0 || b == 0 || a == b {
                        assert!(mask & (1 << d) != 0, "{first:?} {i} {d}");
                    }
                }
                assert_eq!(mask >> longest, 0);
            }
        }
    }

    #[test]
    fn capitalised_doubles_by_class() {
        let severity = |text: &str| -> Vec<Severity> {
            run(DoubledPhrase, text)
                .iter()
                .map(|i| i.severity)
                .collect()
        };
        // Common words, capitalised: a word said twice.
        assert_eq!(
            flagged(
                DoubledPhrase,
                "after the outbreak of African African swine fever"
            ),
            ["African African"]
        );
        assert_eq!(
            severity("the Mekong River River basin"),
            [Severity::Warning]
        );
        assert_eq!(
            severity("the Thousand Islands Islands"),
            [Severity::Warning]
        );
        // Written in lower case elsewhere in the paragraph.
        assert_eq!(severity("Tax Bank Bank and a bank"), [Severity::Warning]);
        // An unknown capitalised word: a name said twice, or a reduplicated name.
        assert_eq!(
            severity("Iranian President Hassan Hassan Rouhani"),
            [Severity::Info]
        );
        assert_eq!(severity("The The report"), [Severity::Error]);
    }

    #[test]
    fn repeats_across_quotation_marks() {
        assert_eq!(
            flagged(
                DoubledPhrase,
                "won the \"Action Award\" award at the ceremony"
            ),
            ["Award\" award"]
        );
        let issues = run(DoubledPhrase, "won the \"Action Award\" award.");
        assert_eq!(issues[0].suggestions, ["Award\""]);
        // A stray quotation mark between the copies goes with the second copy.
        let issues = run(DoubledPhrase, "45 \"Red Flag\"Red Flag EV\" taxis");
        assert_eq!(issues[0].suggestions, ["Red Flag"]);
        assert_eq!(
            flagged(
                DoubledPhrase,
                "promotes. The \u{201c}One Belt One Road The \u{201c}One Belt One Road\u{201d} development"
            ),
            ["The \u{201c}One Belt One Road The \u{201c}One Belt One Road"]
        );
        // The second copy quoted as a word may be meant.
        let issues = run(DoubledPhrase, "the word \"word\" is a noun");
        assert_eq!(issues[0].severity, Severity::Info);
    }

    #[test]
    fn a_reduplication_of_the_source_is_no_double() {
        use crate::check::testing::{assert_silent_pairs, flagged_pair};
        assert_silent_pairs(
            DoubledPhrase,
            &[
                (
                    "作家乔乔在座谈会上表示，数字技术正在改变文学创作。",
                    "Writer Qiao Qiao said at the symposium that digital technology is changing literary creation.",
                ),
                ("这非常非常重要。", "This is very very important."),
                ("Er sagte bye bye.", "He said bye bye."),
            ],
        );
        // Without the reduplication in the source, the double stays an error.
        assert_eq!(
            flagged_pair(
                DoubledPhrase,
                "作家乔在座谈会上表示。",
                "Writer Qiao Qiao said so."
            ),
            ["Qiao Qiao"]
        );
        assert_eq!(
            flagged_pair(DoubledPhrase, "他们常常说。", "They said the the same."),
            ["the the"]
        );
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
                "Walla Walla, Wagga Wagga, Sing Sing, Fang Fang and Run Run Shaw.",
                "I waited and waited and waited; a rose is a rose is a rose.",
                "Yes yes, oh oh, la la la.",
                "His sons, and his sons' sons; we sat talkin' and talkin' and then left.",
                "search-reverse      N               N\njump-to-mark     M-x\tM-x",
                "MISCELLANEOUS\n     Miscellaneous commands are as follows:",
            ],
        );
    }
}
