//! `repetition.bracket-echo`: words in brackets that repeat the words just before them —
//! "Karl Hartmann (Karl Hartmann)", "the G-20 (G-20) meeting", "China Day (CHINA DAY)".
//! The source gave a name's original spelling in brackets, and machine translation
//! rendered both into the same English.

use super::doubled::is_quote;
use super::{RepeatedPhrase, RepetitionKind};
use crate::check::text::{Word, eq_ignore_case, in_spans, only_space, protected_spans};
use crate::check::{Category, Check, CheckInfo, Issue, ParagraphView, Severity};

static INFO: CheckInfo = CheckInfo {
    id: "repetition.bracket-echo",
    category: Category::Repetition,
    severity: Severity::Warning,
    summary: "words in brackets that repeat the words just before them",
    example: "Karl Hartmann (Karl Hartmann) studied in Leipzig; the G-20 (G-20) meeting",
};

/// Longest echo (in words) compared.
const MAX_ECHO_WORDS: usize = 8;
/// How far (in bytes) a closing bracket is looked for.
const MAX_ECHO_BYTES: usize = 160;

#[derive(Debug, Clone, Copy)]
pub struct BracketEcho;

impl Check for BracketEcho {
    fn info(&self) -> &'static CheckInfo {
        &INFO
    }

    fn check_paragraph(&self, para: &ParagraphView<'_>, out: &mut Vec<Issue>) {
        let found = find_rated(para.text, para.words());
        if found.is_empty() {
            return;
        }
        let protected = protected_spans(para.text);
        for (echo, defined_term) in found {
            if in_spans(&protected, echo.span.start)
                || super::code_like_near(para.text, echo.first.start)
            {
                continue;
            }
            let words = para.slice(echo.first.clone());
            let mut issue = Issue::new(
                &INFO,
                para.abs(echo.span.clone()),
                if defined_term {
                    format!(
                        "the term defined in brackets repeats \u{201c}{words}\u{201d} just before \
                         it: a definition, or the same words said twice"
                    )
                } else {
                    format!(
                        "the words in brackets repeat \u{201c}{words}\u{201d} just before them: \
                         the source's original spelling, translated twice"
                    )
                },
            )
            .with_related(para.abs(echo.first.clone()))
            .with_related(para.abs(echo.second.clone()));
            if defined_term {
                issue = issue.with_severity(Severity::Info);
            }
            // Keep what precedes the bracket (with its closing quote, if any).
            let kept = para.slice(echo.span.start..bracket_start(para.text, &echo));
            out.push(issue.suggest(kept.trim_end()));
        }
    }
}

/// Where the opening bracket of an echo is.
fn bracket_start(text: &str, echo: &RepeatedPhrase) -> usize {
    text[..echo.second.start]
        .rfind(['(', '\u{ff08}'])
        .unwrap_or(echo.first.end)
}

fn closer(open: char) -> char {
    if open == '(' { ')' } else { '\u{ff09}' }
}

/// Spaces and quotation marks only (possibly nothing).
fn quotes_and_space(s: &str) -> bool {
    s.chars().all(|c| c.is_whitespace() || is_quote(c))
}

/// Finds bracketed echoes in one paragraph: the span runs from the first echoed word to the
/// closing bracket; `first` is the words before the bracket, `second` those inside.
pub fn find(text: &str, words: &[Word]) -> Vec<RepeatedPhrase> {
    find_rated(text, words)
        .into_iter()
        .map(|(e, _)| e)
        .collect()
}

/// As [`find`], with whether the bracket defines a term (`the Company ("Company")`).
fn find_rated(text: &str, words: &[Word]) -> Vec<(RepeatedPhrase, bool)> {
    let mut out = Vec::new();
    let mut from = 0;
    // Round brackets only: square ones mark optional arguments in a synopsis ("command
    // [command]").
    while let Some(pos) = memchr::memchr2(b'(', 0xEF, &text.as_bytes()[from..]) {
        let open = from + pos;
        let open_char = text[open..].chars().next().unwrap_or('(');
        if !matches!(open_char, '(' | '\u{ff08}') {
            from = open + open_char.len_utf8();
            continue;
        }
        from = open + open_char.len_utf8();
        let inner_start = from;
        let window_end = (inner_start + MAX_ECHO_BYTES).min(text.len());
        let mut window_end_cb = window_end;
        while !text.is_char_boundary(window_end_cb) {
            window_end_cb -= 1;
        }
        let Some(close) = text[inner_start..window_end_cb]
            .find(closer(open_char))
            .map(|p| p + inner_start)
        else {
            continue;
        };
        // A word right before the bracket, separated by a space or a closing quote
        // ("Miserae (Miserae)", "\"Triumph\" (Triumph)"), not glued ("f(f)").
        if open_char == '(' && !text[..open].ends_with([' ', '"', '\u{201d}', '\u{2019}']) {
            continue;
        }
        let inner_first = words.partition_point(|w| w.start < inner_start);
        let inner_end = words.partition_point(|w| w.start < close);
        let n = inner_end - inner_first;
        if n == 0 || n > MAX_ECHO_WORDS || inner_first < n {
            continue;
        }
        let inner = &words[inner_first..inner_end];
        if !quotes_and_space(&text[inner_start..inner[0].start])
            || !quotes_and_space(&text[inner[n - 1].end..close])
            || !(0..n - 1).all(|k| quotes_and_space(&text[inner[k].end..inner[k + 1].start]))
        {
            continue;
        }
        let before = &words[inner_first - n..inner_first];
        if !quotes_and_space(&text[before[n - 1].end..open])
            || !(0..n - 1).all(|k| only_space(&text[before[k].end..before[k + 1].start]))
            || !(0..n).all(|k| eq_ignore_case(before[k].text(text), inner[k].text(text)))
        {
            continue;
        }
        // Digits alone ("5 (5)") are a numbering style.
        if n == 1 && inner[0].text(text).chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        let defined_term = text[inner_start..inner[0].start].contains(is_quote);
        out.push((
            RepeatedPhrase {
                span: before[0].start..close + closer(open_char).len_utf8(),
                first: before[0].start..before[n - 1].end,
                second: inner[0].start..inner[n - 1].end,
                kind: RepetitionKind::BracketEcho,
            },
            defined_term,
        ));
        from = close;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::{assert_silent, flagged, run};

    #[test]
    fn flags_echoes_of_the_words_before() {
        assert_eq!(
            flagged(BracketEcho, "Karl Hartmann (Karl Hartmann) was admitted."),
            ["Karl Hartmann (Karl Hartmann)"]
        );
        assert_eq!(
            flagged(BracketEcho, "in the G-20 (G-20) foreign ministers' meeting"),
            ["G-20 (G-20)"]
        );
        assert_eq!(
            flagged(BracketEcho, "as \"China Day (CHINA DAY)\", held"),
            ["China Day (CHINA DAY)"]
        );
        assert_eq!(
            flagged(BracketEcho, "the S-400 \"Triumph\" (Triumph) system"),
            ["Triumph\" (Triumph)"]
        );
        assert_eq!(
            flagged(BracketEcho, "On September 27 (September 27), according to"),
            ["September 27 (September 27)"]
        );
        assert_eq!(flagged(BracketEcho, "the SDR（SDR）index"), ["SDR（SDR）"]);
    }

    #[test]
    fn suggests_deleting_the_echo() {
        let issues = run(BracketEcho, "Karl Hartmann (Karl Hartmann) was admitted.");
        assert_eq!(issues[0].suggestions, ["Karl Hartmann"]);
        assert_eq!(issues[0].severity, Severity::Warning);
        let issues = run(BracketEcho, "the S-400 \"Triumph\" (Triumph) system");
        assert_eq!(issues[0].suggestions, ["Triumph\""]);
    }

    #[test]
    fn a_defined_term_is_only_a_hint() {
        let issues = run(BracketEcho, "the Agreement (\"Agreement\") binds both");
        assert_eq!(issues.len(), 1);
        assert_eq!(issues[0].severity, Severity::Info);
    }

    #[test]
    fn leaves_other_brackets_alone() {
        assert_silent(
            BracketEcho,
            &[
                "the World Health Organization (WHO) said",
                "Karl Amadeus Hartmann (1905-1963) was a composer",
                "He paid five (5) dollars; see item 5 (5).",
                "call f(f) or g(x)",
                "the Company (the \"Licensor\") and others",
                "Node.js (Node) is a runtime (see the docs)",
                "an unclosed (bracket with Hartmann Hartmann",
                "Hartmann (Karl Hartmann) and Karl (Hartmann)",
                "if-shell [-bF] shell-command command [command]",
            ],
        );
    }
}
