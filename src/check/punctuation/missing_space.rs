//! `punctuation.missing-space`: no space after a comma, semicolon, colon, full stop,
//! question or exclamation mark before the next word ("time:Apr", "end.The").

use crate::check::text::{char_at, char_before, in_code_like_token, in_spans, protected_spans};
use crate::check::{Category, Check, CheckInfo, Issue, ParagraphView, Severity};

static INFO: CheckInfo = CheckInfo {
    id: "punctuation.missing-space",
    category: Category::Punctuation,
    severity: Severity::Warning,
    summary: "no space between a punctuation mark and the next word",
    example: "Release time:Apr 14; it ended.The next day,we left",
};

#[derive(Debug, Clone, Copy)]
pub struct MissingSpace;

impl Check for MissingSpace {
    fn info(&self) -> &'static CheckInfo {
        &INFO
    }

    fn check_paragraph(&self, para: &ParagraphView<'_>, out: &mut Vec<Issue>) {
        let text = para.text;
        let bytes = text.as_bytes();
        let mut protected = None;
        for i in memchr::memchr3_iter(b',', b';', b':', bytes)
            .chain(memchr::memchr3_iter(b'.', b'!', b'?', bytes))
        {
            let Some(&next) = bytes.get(i + 1) else {
                continue;
            };
            // Only a letter right after the mark (digits make numbers, times, ratios).
            let next_char = char_at(text, i + 1);
            if !next_char.is_alphabetic() {
                continue;
            }
            // The mark must be attached to a word on its left (":D" is not).
            let Some(prev) = char_before(text, i) else {
                continue;
            };
            if !(prev.is_alphanumeric()
                || matches!(prev, ')' | ']' | '"' | '\u{201d}' | '\'' | '’'))
            {
                continue;
            }
            let mark = bytes[i];
            if mark == b'.' && !looks_like_sentence_join(text, i) {
                continue;
            }
            // "time:Apr" but not "contents:size" or "xml:lang".
            if mark == b':' && !next_char.is_uppercase() {
                continue;
            }
            if in_code_like_token(text, i) || in_call_arguments(text, i) {
                continue;
            }
            let _ = next;
            let protected = protected.get_or_insert_with(|| protected_spans(text));
            if in_spans(protected, i) {
                continue;
            }
            let end = i + 1 + next_char.len_utf8();
            let mark = mark as char;
            out.push(
                Issue::new(
                    &INFO,
                    para.abs(i..end),
                    format!("no space after \u{201c}{mark}\u{201d}"),
                )
                .suggest(format!("{mark} {next_char}")),
            );
        }
        out.sort_by_key(|i| i.span.start);
    }
}

/// Whether byte `i` lies between the brackets of a call written without spaces, as in
/// "range(from;upto)" or "f(a,b)".
fn in_call_arguments(text: &str, i: usize) -> bool {
    let before = &text[..i];
    let token_start = before.rfind(char::is_whitespace).map_or(0, |p| p + 1);
    let token = &before[token_start..];
    let Some(open) = token.rfind('(') else {
        return false;
    };
    let called = token[..open].ends_with(|c: char| c.is_alphanumeric() || c == '_');
    called
        && !token[open..].contains(')')
        && text[i..]
            .split(char::is_whitespace)
            .next()
            .is_some_and(|rest| rest.contains(')'))
}

/// "end.The": two lower-case letters before the stop and a capitalised word after it
/// (abbreviations like "U.S.", "e.g.", "Ph.D." and file names like "report.pdf" are not).
fn looks_like_sentence_join(text: &str, dot: usize) -> bool {
    let mut before = text[..dot].chars().rev();
    let two_lower = before.next().is_some_and(char::is_lowercase)
        && before.next().is_some_and(char::is_lowercase);
    let mut after = text[dot + 1..].chars();
    let capital_word = after.next().is_some_and(char::is_uppercase)
        && after.next().is_some_and(char::is_lowercase);
    two_lower && capital_word
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::{assert_silent, flagged, run};

    #[test]
    fn flags_missing_spaces() {
        assert_eq!(flagged(MissingSpace, "Release time:Apr 14, 2024"), [":A"]);
        assert_eq!(
            flagged(MissingSpace, "It ended.The next day,we left;then What?No."),
            [".T", ",w", ";t", "?N"]
        );
        let issues = run(MissingSpace, "time:Apr");
        assert_eq!(issues[0].suggestions, [": A"]);
    }

    #[test]
    fn leaves_abbreviations_numbers_and_urls_alone() {
        assert_silent(
            MissingSpace,
            &[
                "The U.S. and the U.K., e.g. Ph.D. holders, i.e. experts.",
                "It rose 3.5% to 1,000 at 10:30 on 3:1 odds.",
                "See https://example.com/a,b;c:d or www.xinhua.net or a@b.org.",
                "Open report.pdf and Node.js docs.",
                "range(upto), range(from;upto) and range(from;upto;by) count.",
                "Smile :D and `a:b` in code.",
                "He said: \"Yes.\" Then left.",
                "It learned %(contents:size) and unchecked_{add,sub} and key=a,b.",
                "The hunk header \"@@ -l,k +m,n @@\" and 'HEAD:Foo[BAR]Baz' are code.",
                "The xml:lang attribute, the vim command :set and a note:see below.",
            ],
        );
    }
}
