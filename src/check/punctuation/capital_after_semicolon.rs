//! `punctuation.capital-after-semicolon`: a capitalised common word after a semicolon
//! ("…Prosperity"; Deepen the implementation…"), where machine translation carried over a
//! source sentence break. Proper nouns are recognised by being capitalised mid-sentence
//! elsewhere in the document.

use std::collections::HashSet;
use std::ops::Range;

use crate::check::text::{Word, is_capitalized, only_space, words};
use crate::check::{Category, Check, CheckContext, CheckInfo, Issue, Scope, Severity, pieces};
use crate::document::BlockKind;

static INFO: CheckInfo = CheckInfo {
    id: "punctuation.capital-after-semicolon",
    category: Category::Punctuation,
    severity: Severity::Warning,
    summary: "a capitalised common word after a semicolon",
    example: "new media works; Accelerate the construction of …",
};

#[derive(Debug, Clone, Copy)]
pub struct CapitalAfterSemicolon;

impl Check for CapitalAfterSemicolon {
    fn info(&self) -> &'static CheckInfo {
        &INFO
    }

    fn scope(&self) -> Scope {
        Scope::Document
    }

    fn check_document(&self, ctx: &CheckContext<'_>, out: &mut Vec<Issue>) {
        let text = ctx.doc.text();
        // Candidates: the word after each "; " in prose that is not verse.
        let mut candidates: Vec<(Range<usize>, String)> = Vec::new();
        for (_, para) in ctx.prose_paragraphs() {
            let p = &text[para.span.clone()];
            if memchr::memchr(b';', p.as_bytes()).is_none() || reads_as_verse(p) {
                continue;
            }
            for semi in memchr::memchr_iter(b';', p.as_bytes()) {
                let rest = &p[semi + 1..];
                let trimmed = rest.trim_start_matches([' ', '\t']);
                if trimmed.len() == rest.len() {
                    continue; // no space: the missing-space check's business
                }
                let start = semi + 1 + (rest.len() - trimmed.len());
                let word: &str = trimmed
                    .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
                    .next()
                    .unwrap_or("");
                if !is_common_capitalized(word) || LEGAL_PROVISOS.contains(&word) {
                    continue;
                }
                // "; New York", "; The Hague": a capitalised word after it may make a
                // name of both (a verb's -ing form starts a clause, not a name).
                let after = trimmed[word.len()..].trim_start_matches([' ', '\t']);
                if is_capitalized(after) && !word.ends_with("ing") {
                    continue;
                }
                let abs = para.span.start + start;
                candidates.push((abs..abs + word.len(), word.to_lowercase()));
            }
        }
        if candidates.is_empty() {
            return;
        }
        let wanted: HashSet<&str> = candidates.iter().map(|(_, w)| w.as_str()).collect();
        let proper = capitalized_mid_sentence(ctx, &wanted);
        for (span, lower) in &candidates {
            let span = span.clone();
            if proper.contains(lower.as_str()) {
                continue;
            }
            let word = &text[span.clone()];
            let mut chars = word.chars();
            let suggestion: String = chars
                .next()
                .map(|c| c.to_lowercase().chain(chars).collect())
                .unwrap_or_default();
            out.push(
                Issue::new(
                    &INFO,
                    span,
                    format!(
                        "\u{201c}{word}\u{201d} is capitalised after a semicolon, which joins two \
                         parts of one sentence"
                    ),
                )
                .suggest(suggestion),
            );
        }
    }
}

/// Legal drafting capitalises the proviso after a semicolon ("; Provided, That …").
const LEGAL_PROVISOS: &[&str] = &["Provided"];

/// A capitalised word that is not an acronym, "I", or a number.
fn is_common_capitalized(word: &str) -> bool {
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    let rest: Vec<char> = chars.collect();
    first.is_uppercase()
        && !rest.is_empty()
        && rest.iter().any(|c| c.is_lowercase())
        && !rest.iter().skip(1).any(|c| c.is_uppercase()) // "McDonald", "iPhone"-like names
        && !matches!(word, "I'm" | "I'd" | "I've" | "I'll")
}

/// Words that are never names: capitalised inside a sentence, they start lines of verse.
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "and", "as", "at", "be", "but", "by", "for", "from", "he", "her", "his", "how",
    "if", "in", "is", "it", "my", "nor", "not", "of", "on", "or", "our", "she", "so", "that",
    "the", "their", "then", "they", "this", "though", "to", "was", "we", "what", "when", "where",
    "which", "who", "why", "with", "yet", "you", "your",
];

/// Verse run into one paragraph ("How doth the little crocodile Improve his shining tail,
/// And pour the waters …"): a function word capitalised after a comma or dash inside a
/// sentence, where a line of the poem began. Its semicolons come before line-initial
/// capitals too.
fn reads_as_verse(p: &str) -> bool {
    let bytes = p.as_bytes();
    // After each comma or em dash (0xE2 0x80 0x94): spaces, then a capitalised function word.
    memchr::memchr2_iter(b',', 0xE2, bytes).any(|i| {
        let after = match bytes[i] {
            b',' => i + 1,
            _ if p[i..].starts_with('\u{2014}') => i + '\u{2014}'.len_utf8(),
            _ => return false,
        };
        let rest = p[after..].trim_start();
        if rest.len() == p.len() - after {
            return false;
        }
        let word = rest
            .split(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or("");
        is_capitalized(word) && FUNCTION_WORDS.iter().any(|f| word.eq_ignore_ascii_case(f))
    })
}

/// The wanted (lower-case) words that appear capitalised on their own in mid-sentence
/// somewhere in the document, which marks them as proper nouns ("the Congress shall").
/// Headings and Title Case lines say nothing, nor does a capital after an opening quotation
/// mark (a quoted title or sentence), nor one inside a run of capitalised words ("the Five
/// Year Plan" makes a name of the run, not of "Plan").
fn capitalized_mid_sentence<'w>(
    ctx: &CheckContext<'_>,
    wanted: &HashSet<&'w str>,
) -> HashSet<&'w str> {
    let mut proper: HashSet<&str> = HashSet::new();
    let text = ctx.doc.text();
    // A very long paragraph a piece at a time (pieces end at sentence ends), so that its
    // words are held a piece at a time.
    let pieces = ctx
        .prose_paragraphs()
        .filter(|(_, para)| para.kind != BlockKind::Heading)
        .flat_map(|(_, para)| pieces(text, para.span.clone()));
    for piece in pieces {
        let p = &text[piece];
        let ws = words(p);
        if looks_like_title(p, &ws) {
            continue;
        }
        for (k, pair) in ws.windows(2).enumerate() {
            let w = pair[1].text(p);
            if !is_capitalized(w) {
                continue;
            }
            let lower = w.to_lowercase();
            let Some(&key) = wanted.get(lower.as_str()) else {
                continue;
            };
            let gap = &p[pair[0].end..pair[1].start];
            let mid_sentence = gap
                .chars()
                .all(|c| c.is_whitespace() || matches!(c, ',' | '(' | '-'))
                && !pair[0].text(p).ends_with('.');
            let in_run = is_capitalized(pair[0].text(p))
                || ws.get(k + 2).is_some_and(|next| {
                    is_capitalized(next.text(p)) && only_space(&p[pair[1].end..next.start])
                });
            if mid_sentence && !in_run {
                proper.insert(key);
            }
        }
    }
    proper
}

/// A headline in Title Case: most words of four letters or more capitalised.
fn looks_like_title(p: &str, ws: &[Word]) -> bool {
    let long = ws.iter().filter(|w| w.end - w.start >= 4);
    let (mut n, mut capitalised) = (0, 0);
    for w in long {
        n += 1;
        if is_capitalized(w.text(p)) {
            capitalised += 1;
        }
    }
    n > 0 && capitalised * 10 >= n * 6
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::{assert_silent, flagged, run};

    #[test]
    fn flags_capitals_after_semicolons() {
        let text = "Launch activities; Deepen the implementation; Plan a series of events.";
        assert_eq!(flagged(CapitalAfterSemicolon, text), ["Deepen", "Plan"]);
        assert_eq!(run(CapitalAfterSemicolon, text)[0].suggestions, ["deepen"]);
    }

    #[test]
    fn flags_function_words_gerunds_and_imperatives() {
        let text = "Such works as \"The Magnificent View\" and \"Holding Mom's Hand\" were shown.\nThe 14th Five Year Plan was adopted.\nIt has built the largest network; The mobile terminal users exceeded 2 billion; Holding Global Development Forum; Plan a series of events.\n";
        assert_eq!(
            flagged(CapitalAfterSemicolon, text),
            ["The", "Holding", "Plan"]
        );
    }

    #[test]
    fn leaves_names_verse_and_provisos_alone() {
        assert_silent(
            CapitalAfterSemicolon,
            &[
                "Alice went on; Alice was not a bit hurt, and Alice jumped up.",
                "The court sat; The Hague was quiet; New York was not.",
                "\u{201c}How doth the little crocodile Improve his shining tail, And pour the waters of the Nile On every golden scale; Yet you balance an eel on the end of your nose.\u{201d}",
                "shall be proposed by the Congress; Provided that no Amendment shall be made.",
                "He said; \u{201c}Not now.\u{201d} I went; I stayed.",
            ],
        );
    }

    #[test]
    fn leaves_proper_nouns_and_lower_case_alone() {
        assert_silent(
            CapitalAfterSemicolon,
            &[
                "It rained; we stayed in.",
                "Trade grew; China exported more, and exports from China rose.",
                "He came; I left; NATO met; the UN voted.",
                "Prices fell;Deepen is handled elsewhere.",
            ],
        );
    }
}
