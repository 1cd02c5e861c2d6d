//! `repetition.glued`: a word glued to its own copy with no space — "the ShanghaiShanghai
//! office", "economiceconomic". English words made of a doubled syllable ("murmur",
//! "couscous", "bonbon", "tartar") have short halves and are left alone, as are codes in
//! capitals and names on the list of reduplicated names.

use super::lexicon;
use crate::check::text::{eq_ignore_case, in_spans, protected_spans};
use crate::check::{Category, Check, CheckInfo, Issue, ParagraphView, Severity};

static INFO: CheckInfo = CheckInfo {
    id: "repetition.glued",
    category: Category::Repetition,
    severity: Severity::Warning,
    summary: "a word glued to its own copy with no space",
    example: "the ShanghaiShanghai office",
};

/// Shortest half of a lower-case glued double: "murmur", "couscous" have shorter ones.
const MIN_LOWER_HALF: usize = 5;
/// Shortest half when the copy starts with a capital ("BeijingBeijing"): the capital
/// inside the word marks the junction.
const MIN_CAPITAL_HALF: usize = 3;

#[derive(Debug, Clone, Copy)]
pub struct GluedDouble;

impl Check for GluedDouble {
    fn info(&self) -> &'static CheckInfo {
        &INFO
    }

    fn check_paragraph(&self, para: &ParagraphView<'_>, out: &mut Vec<Issue>) {
        let mut protected = None;
        for w in para.words() {
            if w.end - w.start < 2 * MIN_CAPITAL_HALF {
                continue;
            }
            let word = w.text(para.text);
            // A possessive is not part of the copy: "ShanghaiShanghai's".
            let core = word
                .strip_suffix("'s")
                .or_else(|| word.strip_suffix("\u{2019}s"))
                .unwrap_or(word);
            let Some(half) = glued_half(core) else {
                continue;
            };
            let protected = protected.get_or_insert_with(|| protected_spans(para.text));
            if in_spans(protected, w.start) || super::code_like_near(para.text, w.start) {
                continue;
            }
            let span = w.start..w.start + core.len();
            out.push(
                Issue::new(
                    &INFO,
                    para.abs(span),
                    format!("\u{201c}{half}\u{201d} is glued to its own copy"),
                )
                .suggest(half),
            );
        }
    }
}

/// The repeated half of a word made of two equal halves that is not English or a name.
pub fn glued_half(word: &str) -> Option<&str> {
    let len = word.len();
    let bytes = word.as_bytes();
    if len < 2 * MIN_CAPITAL_HALF
        || !len.is_multiple_of(2)
        || !bytes[0].eq_ignore_ascii_case(&bytes[len / 2])
        || !word.is_char_boundary(len / 2)
    {
        return None;
    }
    let (a, b) = word.split_at(len / 2);
    if !a.chars().all(char::is_alphabetic) || !eq_ignore_case(a, b) {
        return None;
    }
    let upper_start = |s: &str| s.chars().next().is_some_and(char::is_uppercase);
    // Codes and acronyms in capitals ("ABAB", "TATA").
    if lexicon::is_all_caps(word) {
        return None;
    }
    let letters = a.chars().count();
    let capital_junction = upper_start(a) && upper_start(b);
    let min = if capital_junction {
        MIN_CAPITAL_HALF
    } else {
        MIN_LOWER_HALF
    };
    if letters < min
        || lexicon::is_reduplicated_compound(a)
        || lexicon::is_reduplicated_name(a, None)
    {
        return None;
    }
    Some(a)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::{assert_silent, flagged, run};

    #[test]
    fn flags_glued_copies() {
        assert_eq!(
            flagged(GluedDouble, "at the ShanghaiShanghai office"),
            ["ShanghaiShanghai"]
        );
        assert_eq!(
            flagged(
                GluedDouble,
                "the ShanghaiShanghai's office and economiceconomic growth"
            ),
            ["ShanghaiShanghai", "economiceconomic"]
        );
        let issues = run(GluedDouble, "in XianXian county");
        assert_eq!(issues[0].suggestions, ["Xian"]);
    }

    #[test]
    fn leaves_english_and_codes_alone() {
        assert_silent(
            GluedDouble,
            &[
                "a murmur of couscous, bonbon and tartar sauce, beriberi",
                "the TomTom device in BoraBora; a tutu and a dodo",
                "code ABCABC and TATA in a_b_a_b",
                "see www.example.com/ShanghaiShanghai and `fooBarfooBar`",
                "Mississippi, bookkeeper, assessee",
            ],
        );
    }
}
