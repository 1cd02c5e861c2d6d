//! `style.long-sentence`: a sentence so long that readers lose its thread (harper-core's
//! rule: more than 40 words). Off by default.

use crate::check::{Category, Check, CheckInfo, Issue, ParagraphView, Severity};

/// Harper's rules this check reports.
pub const RULES: &[&str] = &["LongSentences"];

static INFO: CheckInfo = CheckInfo {
    id: "style.long-sentence",
    category: Category::Style,
    severity: Severity::Info,
    summary: "a sentence of more than 40 words (off by default)",
    example: "One sentence that goes on and on, clause after clause, for more than forty words.",
};

#[derive(Debug, Clone, Copy)]
pub struct LongSentence;

impl Check for LongSentence {
    fn info(&self) -> &'static CheckInfo {
        &INFO
    }

    fn check_paragraph(&self, para: &ParagraphView<'_>, out: &mut Vec<Issue>) {
        // Cheap rejection: a paragraph of at most 40 words has no such sentence.
        if para.words().len() > 40 {
            super::harper_issues(&INFO, RULES, para, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::{assert_silent, run};

    #[test]
    fn flags_a_sentence_of_more_than_forty_words() {
        let long = format!("{}end.\n", "word and ".repeat(25));
        assert_eq!(run(LongSentence, &long).len(), 1);
    }

    #[test]
    fn is_silent_on_short_sentences() {
        let short = "A short sentence. Another one. ".repeat(10);
        assert_silent(LongSentence, &[short.as_str()]);
    }
}
