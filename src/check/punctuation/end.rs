//! `punctuation.end`: a source that ends as a question or an exclamation whose target does
//! not (a question turned into a statement changes what the text says). Closing quotes and
//! brackets after the mark are looked through on both sides.

use crate::check::{Category, Check, CheckInfo, Issue, ParagraphView, Severity};

static INFO: CheckInfo = CheckInfo {
    id: "punctuation.end",
    category: Category::Punctuation,
    severity: Severity::Warning,
    summary: "the source ends with a question or exclamation mark, the target does not",
    example: "如何保障数据安全？ → “How to ensure data security.”",
};

#[derive(Debug, Clone, Copy)]
pub struct EndPunctuation;

/// Characters that may follow a sentence's final mark.
fn is_closing(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | ')'
            | ']'
            | '}'
            | '\u{201d}'
            | '\u{2019}'
            | '\u{300d}'
            | '\u{300f}'
            | '\u{ff09}'
            | '\u{3011}'
            | '\u{300b}'
            | '\u{00bb}'
            | '\u{203a}'
    ) || c.is_whitespace()
        || crate::document::units::is_private_use(c)
}

/// The final mark of a text (closing quotes, brackets, spaces and codes skipped) and its
/// byte range.
fn final_mark(text: &str) -> Option<(char, std::ops::Range<usize>)> {
    let (i, c) = text.char_indices().rev().find(|&(_, c)| !is_closing(c))?;
    Some((c, i..i + c.len_utf8()))
}

/// What a final mark asks for: `?` or `!`.
fn kind(c: char) -> Option<char> {
    match c {
        '?' | '\u{ff1f}' | '\u{061f}' | '\u{037e}' | '\u{00bf}' | '\u{2048}' | '\u{2049}' => {
            Some('?')
        }
        '!' | '\u{ff01}' | '\u{00a1}' | '\u{203c}' => Some('!'),
        _ => None,
    }
}

impl Check for EndPunctuation {
    fn info(&self) -> &'static CheckInfo {
        &INFO
    }

    fn check_paragraph(&self, para: &ParagraphView<'_>, out: &mut Vec<Issue>) {
        let Some(unit) = para.unit() else {
            return;
        };
        let Some(want) = final_mark(unit.source()).and_then(|(c, _)| kind(c)) else {
            return;
        };
        let Some((have, range)) = final_mark(para.text) else {
            return;
        };
        // "?!" and "!?" satisfy either.
        let tail = &para.text[range.start.saturating_sub(1)..range.end];
        if kind(have) == Some(want) || tail.chars().filter_map(kind).count() == 2 {
            return;
        }
        let what = if want == '?' {
            "a question"
        } else {
            "an exclamation"
        };
        let issue = if have.is_alphanumeric() {
            // No final mark at all: the suggestion adds one after the last word.
            let start = para.text[..range.start]
                .char_indices()
                .rev()
                .find(|&(_, c)| !c.is_alphanumeric())
                .map_or(0, |(i, c)| i + c.len_utf8());
            let word = &para.text[start..range.end];
            Issue::new(
                &INFO,
                para.abs(start..range.end),
                format!("the source is {what}; the target does not end with “{want}”"),
            )
            .suggest(format!("{word}{want}"))
        } else {
            Issue::new(
                &INFO,
                para.abs(range),
                format!("the source is {what}; the target ends with “{have}”"),
            )
            .suggest(want.to_string())
        };
        out.push(issue);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::{assert_silent_pairs, flagged_pair, run_pair};

    #[test]
    fn flags_a_question_or_exclamation_the_target_lost() {
        assert_eq!(
            flagged_pair(
                EndPunctuation,
                "如何在发展中保障数据安全？",
                "How to ensure data security in the course of development."
            ),
            ["."]
        );
        let issues = run_pair(EndPunctuation, "你去过北京吗？", "Have you been to Beijing");
        assert_eq!(issues[0].suggestions, ["Beijing?"]);
        assert_eq!(
            flagged_pair(
                EndPunctuation,
                "他说：“太好了！”",
                "He said: “That is great.”"
            ),
            ["."]
        );
        assert_eq!(
            flagged_pair(EndPunctuation, "Is it safe?", "Es ist sicher."),
            ["."]
        );
    }

    #[test]
    fn silent_when_the_target_ends_alike_or_the_source_asks_nothing() {
        assert_silent_pairs(
            EndPunctuation,
            &[
                ("如何保障数据安全？", "How can data security be ensured?"),
                ("他问：“为什么？”", "He asked, “Why?”"),
                ("太好了！", "Great!"),
                ("真的吗？！", "Really?!"),
                ("报告发布。", "The report was released."),
                ("他问为什么要这样做？他没有回答。", "He did not answer."),
            ],
        );
    }
}
