//! `punctuation.capital-after-semicolon`: a capitalised common word after a semicolon
//! ("…Prosperity"; Deepen the implementation…"), where machine translation carried over a
//! source sentence break. Proper nouns are recognised by being capitalised mid-sentence
//! elsewhere in the document.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use crate::check::text::{is_capitalized, words};
use crate::check::{Category, Check, CheckContext, CheckInfo, Issue, Scope, Severity, pieces};

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
        // Candidates: the word after each "; " in prose.
        let mut candidates: Vec<(Range<usize>, String)> = Vec::new();
        for (_, para) in ctx.prose_paragraphs() {
            let p = &text[para.span.clone()];
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
                if is_common_capitalized(word) {
                    let abs = para.span.start + start;
                    candidates.push((abs..abs + word.len(), word.to_lowercase()));
                }
            }
        }
        if candidates.is_empty() {
            return;
        }
        let wanted: HashSet<&str> = candidates.iter().map(|(_, w)| w.as_str()).collect();
        let proper = capitalized_mid_sentence(ctx, &wanted);
        for (span, lower) in &candidates {
            let span = span.clone();
            if proper.get(lower.as_str()).copied().unwrap_or(false) {
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

/// For each wanted (lower-case) word: whether it appears capitalised in mid-sentence
/// somewhere in the document, which marks it as a proper noun.
fn capitalized_mid_sentence<'w>(
    ctx: &CheckContext<'_>,
    wanted: &HashSet<&'w str>,
) -> HashMap<&'w str, bool> {
    let mut proper: HashMap<&str, bool> = HashMap::new();
    let text = ctx.doc.text();
    // A very long paragraph a piece at a time (pieces end at sentence ends), so that its
    // words are held a piece at a time.
    let pieces = ctx
        .prose_paragraphs()
        .flat_map(|(_, para)| pieces(text, para.span.clone()));
    for piece in pieces {
        let p = &text[piece];
        let ws = words(p);
        for pair in ws.windows(2) {
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
                .all(|c| c.is_whitespace() || matches!(c, ',' | '-' | '(' | '"' | '\u{201c}'))
                && !pair[0].text(p).ends_with('.');
            if mid_sentence {
                proper.insert(key, true);
            }
        }
    }
    proper
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
