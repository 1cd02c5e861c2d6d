//! `punctuation.unbalanced`: brackets and quotation marks opened and never closed (or closed
//! and never opened) within a paragraph.

use crate::check::text::{char_at, char_before, in_spans, protected_spans};
use crate::check::{Category, Check, CheckInfo, Issue, ParagraphView, Severity};

static INFO: CheckInfo = CheckInfo {
    id: "punctuation.unbalanced",
    category: Category::Punctuation,
    severity: Severity::Warning,
    summary: "a bracket or quotation mark without its partner in the paragraph",
    example: "the (new plan was adopted; he said \u{201c}yes.",
};

#[derive(Debug, Clone, Copy)]
pub struct Unbalanced;

fn closer_of(open: char) -> char {
    match open {
        '(' => ')',
        '[' => ']',
        '{' => '}',
        '\u{201c}' => '\u{201d}',
        '«' => '»',
        _ => open,
    }
}

impl Check for Unbalanced {
    fn info(&self) -> &'static CheckInfo {
        &INFO
    }

    fn check_paragraph(&self, para: &ParagraphView<'_>, out: &mut Vec<Issue>) {
        let text = para.text;
        // The brackets and quotation marks, found by their bytes (curly quotes and
        // guillemets start with 0xE2 or 0xC2 in UTF-8).
        let bytes = text.as_bytes();
        let mut marks: Vec<(usize, char)> = memchr::memchr3_iter(b'(', b')', b'"', bytes)
            .chain(memchr::memchr3_iter(b'[', b']', b'{', bytes))
            .chain(memchr::memchr3_iter(b'}', 0xE2, 0xC2, bytes))
            .filter_map(|i| match bytes[i] {
                0xE2 | 0xC2 => {
                    let c = char_at(text, i);
                    matches!(c, '\u{201c}' | '\u{201d}' | '«' | '»').then_some((i, c))
                }
                b => Some((i, b as char)),
            })
            .collect();
        marks.sort_unstable_by_key(|m| m.0);
        if marks.is_empty() {
            return;
        }
        let mut protected = protected_spans(text);
        // Characters named in quotes or brackets matter only where the marks do not pair up
        // by count (the usual case is a balanced paragraph, left at one pass).
        let count = |set: &[char]| marks.iter().filter(|m| set.contains(&m.1)).count();
        let straight_quotes = count(&['"']);
        let uneven = count(&['(']) != count(&[')'])
            || count(&['[']) != count(&[']'])
            || count(&['{']) != count(&['}'])
            || count(&['\u{201c}']) != count(&['\u{201d}'])
            || straight_quotes % 2 == 1
            || marks.iter().any(|&(i, c)| is_emoticon(text, i, c));
        if uneven {
            protected.extend(quoted_literals(text));
            protected.extend(symbol_tokens(text));
            protected.sort_by_key(|r| r.start);
        }
        let mut stack: Vec<(char, usize)> = Vec::new();
        let mut straight: Vec<usize> = Vec::new();
        let mut flagged: Vec<(usize, char, bool)> = Vec::new(); // (offset, char, is_opener)
        for (i, c) in marks {
            match c {
                '(' | '[' | '{' | '\u{201c}' | '«' => {
                    let emoticon =
                        c == '(' && (text[..i].ends_with([':', ';']) || text[..i].ends_with(":-"));
                    if !in_spans(&protected, i) && !emoticon {
                        stack.push((c, i));
                    }
                }
                ')' | ']' | '}' | '\u{201d}' | '»' => {
                    if in_spans(&protected, i) || is_emoticon(text, i, c) {
                        continue;
                    }
                    if let Some(pos) = stack.iter().rposition(|&(o, _)| closer_of(o) == c) {
                        // Anything opened after the match is unclosed.
                        for (o, at) in stack.drain(pos..).skip(1) {
                            flagged.push((at, o, true));
                        }
                    } else if !is_enumerator(text, i, c) {
                        flagged.push((i, c, false));
                    }
                }
                '"' => {
                    // An inch or seconds mark after a digit: 12", 5'10" (not the end of
                    // a quoted code such as "1;31").
                    let token_start = text[..i].rfind(char::is_whitespace).map_or(0, |p| p + 1);
                    if in_spans(&protected, i)
                        || char_before(text, i).is_some_and(|p| p.is_ascii_digit())
                            && !text[token_start..].starts_with('"')
                    {
                        continue;
                    }
                    straight.push(i);
                }
                _ => {}
            }
        }
        for (o, at) in stack {
            flagged.push((at, o, true));
        }
        if straight.len() % 2 == 1 && !continues_quotation(para) {
            // The unpaired one: an opener (space or start before it) at the end, else the last.
            let lone = straight
                .iter()
                .rev()
                .copied()
                .find(|&i| char_before(text, i).is_none_or(char::is_whitespace))
                .unwrap_or(straight[straight.len() - 1]);
            flagged.push((lone, '"', true));
        }
        // A quotation running over paragraphs that have no quotation marks of their own
        // (verse, a letter, a song quoted in block quotes) opens in one and closes in another.
        flagged.retain(|&(at, c, opener)| match (c, opener) {
            ('\u{201c}', true) => {
                !(last_curly_quote(&text[at + c.len_utf8()..]).is_none()
                    && (quotation_closes_later(para) || next_paragraph_reopens(para)))
            }
            ('\u{201d}', false) => {
                !(last_curly_quote(&text[..at]).is_none() && quotation_opened_before(para))
            }
            _ => true,
        });
        let unclosed_curly_only = flagged
            .iter()
            .all(|&(_, c, opener)| c == '\u{201c}' && opener);
        if unclosed_curly_only && continues_quotation(para) {
            return;
        }
        flagged.sort_by_key(|f| f.0);
        for (at, c, opener) in flagged {
            let message = if opener {
                format!("\u{201c}{c}\u{201d} is opened but never closed in this paragraph")
            } else {
                format!(
                    "\u{201c}{c}\u{201d} closes something that was never opened in this paragraph"
                )
            };
            out.push(Issue::new(&INFO, para.abs(at..at + c.len_utf8()), message));
        }
    }
}

/// Short quoted literals without spaces ("‘#}’", "‘\\e[H\\e[2J’"): a bracket inside one
/// is a character being named, not a bracket of the sentence.
fn quoted_literals(text: &str) -> Vec<std::ops::Range<usize>> {
    const LONGEST: usize = 24;
    let mut out = Vec::new();
    for open in memchr::memchr_iter(0xE2, text.as_bytes()) {
        if char_at(text, open) != '\u{2018}' {
            continue;
        }
        let body = open + '\u{2018}'.len_utf8();
        let mut end = text.len().min(body + LONGEST);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let window = &text[body..end];
        let Some(close) = window
            .char_indices()
            .find_map(|(j, c)| match c {
                '\u{2019}' if !window[j + c.len_utf8()..].starts_with(char::is_alphanumeric) => {
                    Some(Some(j))
                }
                c if c.is_whitespace() => Some(None),
                _ => None,
            })
            .flatten()
        else {
            continue;
        };
        let literal = &window[..close];
        if literal.contains(['(', ')', '[', ']', '{', '}', '"']) {
            out.push(open..body + close);
        }
    }
    out
}

/// Tokens that name characters rather than bracket the sentence: marks enclosed by a pair
/// ("(;)", "(')", "({})", "\"[]\""); and the bracket of an escape sequence ("\\e[H",
/// "\\e]0;").
fn symbol_tokens(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        if !c.is_whitespace() {
            start.get_or_insert(i);
            continue;
        }
        let Some(s) = start.take() else { continue };
        let token = &text[s..i];
        let enclosed = token.trim_end_matches(['.', ',', ';', ':']);
        let mut ends = enclosed.chars();
        let pair = match (ends.next(), ends.next_back()) {
            (Some(o), Some(c)) => closer_of(o) == c && o != c || o == '"' && c == '"',
            _ => false,
        };
        let opens = enclosed.matches(['(', '[', '{']).count();
        let closes = enclosed.matches([')', ']', '}']).count();
        if pair && opens == closes && !enclosed.chars().any(char::is_alphanumeric) {
            out.push(s..s + enclosed.len());
        }
        for (j, _) in token.match_indices(['[', ']']) {
            let escaped = token[..j].ends_with('\\')
                || token[..j]
                    .char_indices()
                    .next_back()
                    .is_some_and(|(k, _)| token[..k].ends_with('\\'));
            if escaped {
                out.push(s + j..s + j + 1);
            }
        }
    }
    out
}

/// ":)", ";-)" are not closing brackets.
fn is_emoticon(text: &str, i: usize, c: char) -> bool {
    let before = &text[..i];
    c == ')'
        && (before.ends_with(':')
            || before.ends_with(';')
            || before.ends_with(":-")
            || before.ends_with(";-"))
}

/// "1)", "a)" enumerate when no bracket is open ("(Node.js 18)" closes one).
fn is_enumerator(text: &str, i: usize, c: char) -> bool {
    if c != ')' {
        return false;
    }
    let before = &text[..i];
    let word: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric())
        .collect();
    let start_of_word = before.len() - word.len();
    let preceded_by_space = text[..start_of_word]
        .chars()
        .next_back()
        .is_none_or(char::is_whitespace);
    !word.is_empty()
        && preceded_by_space
        && (word.chars().all(|c| c.is_ascii_digit()) && word.len() <= 2
            || word.len() == 1 && word.chars().all(|c| c.is_ascii_lowercase()))
}

/// How many paragraphs without quotation marks a quotation may run over.
const QUOTATION_REACH: usize = 12;

/// The first curly double quotation mark of `text`.
fn first_curly_quote(text: &str) -> Option<char> {
    memchr::memchr_iter(0xE2, text.as_bytes())
        .map(|i| char_at(text, i))
        .find(|&c| matches!(c, '\u{201c}' | '\u{201d}'))
}

/// The last curly double quotation mark of `text`.
fn last_curly_quote(text: &str) -> Option<char> {
    memchr::memrchr_iter(0xE2, text.as_bytes())
        .map(|i| char_at(text, i))
        .find(|&c| matches!(c, '\u{201c}' | '\u{201d}'))
}

/// Whether the next paragraph with a quotation mark starts by closing a quotation.
fn quotation_closes_later(para: &ParagraphView<'_>) -> bool {
    let doc = para.ctx.doc;
    doc.paragraphs()
        .iter()
        .skip(para.index + 1)
        .take(QUOTATION_REACH)
        .find_map(|p| first_curly_quote(doc.slice(p.span.clone())))
        == Some('\u{201d}')
}

/// Whether the next paragraph opens with a quotation mark: a speech running on into it
/// ("Daisy called: \u{201c}Wait!" before "\u{201c}I forgot to ask you …").
fn next_paragraph_reopens(para: &ParagraphView<'_>) -> bool {
    let doc = para.ctx.doc;
    doc.paragraphs()
        .get(para.index + 1)
        .is_some_and(|next| doc.slice(next.span.clone()).starts_with('\u{201c}'))
}

/// Whether the previous paragraph with a quotation mark ends with one left open.
fn quotation_opened_before(para: &ParagraphView<'_>) -> bool {
    let doc = para.ctx.doc;
    doc.paragraphs()[..para.index]
        .iter()
        .rev()
        .take(QUOTATION_REACH)
        .find_map(|p| last_curly_quote(doc.slice(p.span.clone())))
        == Some('\u{201c}')
}

/// A quotation spanning paragraphs opens each paragraph and closes only in the last one.
fn continues_quotation(para: &ParagraphView<'_>) -> bool {
    let starts_with_quote = |s: &str| s.starts_with(['"', '\u{201c}']);
    starts_with_quote(para.text)
        && para
            .ctx
            .doc
            .paragraphs()
            .get(para.index + 1)
            .is_some_and(|next| starts_with_quote(para.ctx.doc.slice(next.span.clone())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::{assert_silent, flagged};

    #[test]
    fn flags_unpaired_marks() {
        assert_eq!(
            flagged(Unbalanced, "The plan (adopted in May was good."),
            ["("]
        );
        assert_eq!(flagged(Unbalanced, "It was good) they said."), [")"]);
        assert_eq!(
            flagged(Unbalanced, "He said \u{201c}yes and left."),
            ["\u{201c}"]
        );
        assert_eq!(flagged(Unbalanced, "He said \"yes and left."), ["\""]);
        assert_eq!(flagged(Unbalanced, "a [b (c] d"), ["("]);
    }

    #[test]
    fn leaves_balanced_and_special_marks_alone() {
        assert_silent(
            Unbalanced,
            &[
                "The plan (adopted in May) was \u{201c}good\u{201d} and \"fine\".",
                "Options: 1) red, 2) blue, a) one, b) two.",
                "Nice :) and sad :( and wink ;-)",
                "He is 5'10\" tall and the screen is 27\" wide.",
                "See https://en.wikipedia.org/wiki/Foo_(bar) for more.",
                "",
                "Nested (a [b] {c}) marks.",
                "Ended by a semicolon (;), single (') or double quotes (\") or braces ({}).",
                "Fields enclosed by brackets \"[]\" and sequences like \"1;31\" or \\e]0;...\\007 here.",
                "Replaced by \u{2018}#}\u{2019}, or \u{2018}\\e[H\\e[2J\u{2019} for \u{2018}rxvt*\u{2019}.",
            ],
        );
    }

    #[test]
    fn a_bracket_closed_by_a_number_is_closed() {
        assert_silent(
            Unbalanced,
            &[
                "Requires a recent runtime (Node.js 18) or later.",
                "this License (including the patents of section 11).",
            ],
        );
        assert_eq!(
            flagged(Unbalanced, "It was good 11) they said (yes."),
            ["("]
        );
    }

    #[test]
    fn a_quotation_may_close_paragraphs_later() {
        let verse = "These were the verses:\n\n\u{201c}They told me you had been to her,\n\nHe sent them word I had not gone,\n\nBetween yourself and me.\u{201d}\n";
        assert!(flagged(Unbalanced, verse).is_empty());
        let unclosed = "He said \u{201c}yes.\n\nShe said \u{201c}no.\u{201d}\n";
        assert_eq!(flagged(Unbalanced, unclosed), ["\u{201c}"]);
        let runs_on =
            "Daisy called: \u{201c}Wait!\n\n\u{201c}I forgot to ask you something.\u{201d}\n";
        assert!(flagged(Unbalanced, runs_on).is_empty());
        let unopened = "He said yes.\u{201d}\n\nShe said no.\n";
        assert_eq!(flagged(Unbalanced, unopened), ["\u{201d}"]);
    }

    #[test]
    fn a_quotation_may_run_over_paragraphs() {
        let text = "\u{201c}The first paragraph of a long quote.\n\n\u{201c}The second, which ends it.\u{201d}\n";
        assert!(flagged(Unbalanced, text).is_empty());
    }
}
