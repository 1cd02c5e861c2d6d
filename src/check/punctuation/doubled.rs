//! `punctuation.doubled`: a punctuation mark doubled or two marks in a row (",,", "..",
//! ",.", ";;") — not an ellipsis, not "?!".

use crate::check::text::{in_code_like_token, in_spans, protected_spans};
use crate::check::{Category, Check, CheckInfo, Issue, ParagraphView, Severity};

static INFO: CheckInfo = CheckInfo {
    id: "punctuation.doubled",
    category: Category::Punctuation,
    severity: Severity::Warning,
    summary: "a doubled punctuation mark or two marks in a row",
    example: "the results,, as expected.. were clear,.",
};

#[derive(Debug, Clone, Copy)]
pub struct DoubledPunctuation;

fn is_mark(b: u8) -> bool {
    matches!(b, b',' | b';' | b':' | b'.' | b'!' | b'?')
}

impl Check for DoubledPunctuation {
    fn info(&self) -> &'static CheckInfo {
        &INFO
    }

    fn check_paragraph(&self, para: &ParagraphView<'_>, out: &mut Vec<Issue>) {
        let text = para.text;
        let bytes = text.as_bytes();
        let mut protected = None;
        // Candidate starts: a mark followed by a mark (found with SIMD searches).
        let mut starts: Vec<usize> = memchr::memchr3_iter(b',', b'.', b';', bytes)
            .chain(memchr::memchr3_iter(b':', b'!', b'?', bytes))
            .filter(|&i| bytes.get(i + 1).is_some_and(|&b| is_mark(b)))
            .collect();
        if starts.is_empty() {
            return;
        }
        starts.sort_unstable();
        let mut next_free = 0;
        for i in starts {
            if i < next_free || (i > 0 && is_mark(bytes[i - 1])) {
                continue;
            }
            let mut end = i;
            while end < bytes.len() && is_mark(bytes[end]) {
                end += 1;
            }
            let run = &text[i..end];
            let protected = protected.get_or_insert_with(|| protected_spans(text));
            // A mark standing alone after a space is a symbol being named (jq's "." and
            // ".." filters) or the end of a spaced ellipsis (". . .?"), not punctuation.
            let stands_alone = text[..i]
                .chars()
                .next_back()
                .is_some_and(char::is_whitespace);
            let acceptable = run.bytes().all(|b| b == b'.') && run.len() >= 3 // ellipsis
                || stands_alone
                || run.bytes().all(|b| b == b'!' || b == b'?') // "?!", "!!"
                || (run.len() >= 4 && run.starts_with("...")) // ellipsis then a mark
                || (run == "::" || run == "..") && is_scope_operator(text, i, end)
                || (run.len() == 2 && run.starts_with('.') && run != ".." && ends_abbreviation(text, i))
                || in_spans(protected, i)
                || in_code_like_token(text, i);
            if !acceptable {
                let first = &run[..1];
                let last = &run[run.len() - 1..];
                let mut issue = Issue::new(
                    &INFO,
                    para.abs(i..end),
                    format!("\u{201c}{run}\u{201d}: punctuation marks in a row"),
                );
                // The stronger mark first: a full stop or question ends the sentence.
                let strength = |m: &str| match m {
                    "." | "?" | "!" => 3,
                    ";" => 2,
                    ":" => 1,
                    _ => 0,
                };
                if strength(last) > strength(first) {
                    issue = issue.suggest(last).suggest(first);
                } else {
                    issue = issue.suggest(first).suggest(last);
                }
                out.push(issue);
            }
            next_free = end;
        }
    }
}

/// Abbreviations whose full stop may be followed by another mark ("a.m.,", "etc.;").
const ABBREVIATIONS: &[&str] = &[
    "etc", "inc", "co", "corp", "ltd", "jr", "sr", "st", "vs", "no", "approx", "bros", "al",
    "dept", "govt", "misc",
];

/// Whether the full stop at `dot` ends an abbreviation such as "a.m.", "U.S." or "etc.".
fn ends_abbreviation(text: &str, dot: usize) -> bool {
    let token: &str = text[..dot]
        .rsplit(|c: char| c.is_whitespace() || matches!(c, '(' | '"' | '\u{201c}'))
        .next()
        .unwrap_or("");
    !token.is_empty()
        && (token.contains('.') && token.chars().all(|c| c.is_alphabetic() || c == '.')
            || ABBREVIATIONS.iter().any(|a| token.eq_ignore_ascii_case(a)))
}

/// `a::b` in code-like text, `A..B` and `1..10` ranges.
fn is_scope_operator(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    before.is_some_and(char::is_alphanumeric) && after.is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::{assert_silent, flagged, run};

    #[test]
    fn flags_doubled_marks() {
        assert_eq!(
            flagged(
                DoubledPunctuation,
                "The results,, as expected.. were clear,."
            ),
            [",,", "..", ",."]
        );
        assert_eq!(
            flagged(DoubledPunctuation, "etc.. and so on;;"),
            ["..", ";;"]
        );
        let issues = run(DoubledPunctuation, "It ended,.");
        assert_eq!(issues[0].suggestions, [".", ","]);
    }

    #[test]
    fn leaves_ellipses_and_ordinary_text_alone() {
        assert_silent(
            DoubledPunctuation,
            &[
                "Wait... what? Really?! No!!",
                "He paused.... Then spoke.",
                "The U.S. economy grew 3.5% by 10:30 a.m., e.g. in May.",
                "Call std::vec::Vec or see https://example.com/a..b.",
                "Ratio 3:1, time 10:30, pages 1..10 and HEAD..origin.",
                "Run git add -p ../foo from a subdirectory.",
                "Apples, pears, etc., were sold; Acme Inc., the seller, agreed.",
                "Did you live in the U.S.? Yes.",
                "Is it hot? Is it . . .?",
                "Recursively descends ., producing every value, as .. does.",
            ],
        );
    }
}
