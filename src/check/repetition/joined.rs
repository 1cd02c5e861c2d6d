//! `repetition.joined`: the same word on both sides of a hyphen, slash or en dash — "the
//! Laos-Laos partnership", "China/China relations", where the source named two different
//! parties. English reduplication ("bye-bye", "win-win", "so-so", "ylang-ylang",
//! "Baden-Baden") and compounds such as "year-on-year" are left alone.

use super::lexicon;
use crate::check::text::{Word, eq_ignore_case, in_spans, is_capitalized, protected_spans};
use crate::check::{Category, Check, CheckInfo, Issue, ParagraphView, Severity};

static INFO: CheckInfo = CheckInfo {
    id: "repetition.joined",
    category: Category::Repetition,
    severity: Severity::Warning,
    summary: "the same word on both sides of a hyphen, slash or en dash",
    example: "the Laos-Laos partnership; China/China relations",
};

/// Unknown lower-case reduplications shorter than this are only a hint: they may be a sound
/// ("thump-thump").
const MIN_SURE_LETTERS: usize = 6;

/// Hyphenated words with more parts than this are not compared.
const MAX_PARTS: usize = 8;

#[derive(Debug, Clone, Copy)]
pub struct JoinedDouble;

/// A word joined to itself: the span of both copies and their joiner, and the copy.
struct Joined {
    span: std::ops::Range<usize>,
    part: std::ops::Range<usize>,
}

impl Check for JoinedDouble {
    fn info(&self) -> &'static CheckInfo {
        &INFO
    }

    fn check_paragraph(&self, para: &ParagraphView<'_>, out: &mut Vec<Issue>) {
        let text = para.text;
        let mut found = Vec::new();
        let words = para.words();
        // Only where a hyphen, slash or dash is (0xE2 leads U+2010, U+2011 and U+2013).
        let bytes = text.as_bytes();
        let mut last_word = usize::MAX;
        for p in memchr::memchr3_iter(b'-', b'/', 0xE2, bytes) {
            let k = words.partition_point(|w| w.end <= p);
            match words.get(k) {
                // Inside a word: "Laos-Laos", "win-win-win".
                Some(w) if w.start <= p && k != last_word => {
                    last_word = k;
                    hyphenated(text, *w, &mut found);
                }
                Some(w) if w.start <= p => {}
                // Between words: "China/China", "Laos–Laos".
                Some(next) if k > 0 => {
                    let w = words[k - 1];
                    if matches!(&text[w.end..next.start], "/" | "\u{2013}")
                        && eq_ignore_case(w.text(text), next.text(text))
                    {
                        found.push(Joined {
                            span: w.start..next.end,
                            part: w.range(),
                        });
                    }
                }
                _ => {}
            }
        }
        if found.is_empty() {
            return;
        }
        let protected = protected_spans(text);
        for j in found {
            if in_spans(&protected, j.span.start) || looks_like_code(text, &j.span) {
                continue;
            }
            let part = &text[j.part.clone()];
            let second = &text[j.span.end - part.len()..j.span.end];
            let next = text[j.span.end..].split_whitespace().next();
            let Some(severity) = rate(part, second, next) else {
                continue;
            };
            let joined = &text[j.span.clone()];
            out.push(
                Issue::new(
                    &INFO,
                    para.abs(j.span.clone()),
                    format!(
                        "\u{201c}{joined}\u{201d} joins \u{201c}{part}\u{201d} to itself: the \
                         source probably named two different things"
                    ),
                )
                .with_severity(severity)
                .suggest(part),
            );
        }
    }
}

/// Whether the joined words sit in code or a path rather than prose: the token around
/// them looks like code once the one slash that joins them is set aside.
fn looks_like_code(text: &str, span: &std::ops::Range<usize>) -> bool {
    let joined = &text[span.clone()];
    if !joined.contains('/') {
        return super::code_like_near(text, span.start);
    }
    // A token longer than this is not prose (and is not searched to its end).
    const MAX_TOKEN: usize = 128;
    let before =
        &text[super::floor_char_boundary(text, span.start.saturating_sub(MAX_TOKEN))..span.start];
    let after =
        &text[span.end..super::floor_char_boundary(text, (span.end + MAX_TOKEN).min(text.len()))];
    let (Some(start), Some(end)) = (
        before
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map(|(i, c)| span.start - before.len() + i + c.len_utf8())
            .or((before.len() < MAX_TOKEN).then_some(span.start - before.len())),
        after
            .find(char::is_whitespace)
            .map(|p| span.end + p)
            .or((after.len() < MAX_TOKEN).then_some(span.end + after.len())),
    ) else {
        return true;
    };
    let token = text[start..end].trim_end_matches(['.', ',', ';', ':', '!', '?', ')']);
    token.matches('/').count() > 1 || token.contains(['_', '.', ':', '\\', '=', '<', '>', '`'])
}

/// Adjacent equal parts of a hyphenated word.
fn hyphenated(text: &str, w: Word, found: &mut Vec<Joined>) {
    let word = w.text(text);
    let mut parts: Vec<(usize, &str)> = Vec::new();
    let mut start = 0;
    for (i, c) in word.char_indices() {
        if matches!(c, '-' | '\u{2010}' | '\u{2011}') {
            parts.push((start, &word[start..i]));
            start = i + c.len_utf8();
        }
    }
    parts.push((start, &word[start..]));
    // A chain of many parts is not a word ("a-b-a-b-…" in an identifier or a drawing).
    if parts.len() > MAX_PARTS {
        return;
    }
    for pair in parts.windows(2) {
        let ((s1, p1), (s2, p2)) = (pair[0], pair[1]);
        if !p1.is_empty() && eq_ignore_case(p1, p2) {
            // "win-win-win" is one reduplication, reported (if at all) once.
            if found.last().is_some_and(|f| f.span.end > w.start + s1) {
                continue;
            }
            found.push(Joined {
                span: w.start + s1..w.start + s2 + p2.len(),
                part: w.start + s1..w.start + s1 + p1.len(),
            });
        }
    }
}

/// How sure a joined double is; `None` for English reduplication and names.
fn rate(part: &str, second: &str, next: Option<&str>) -> Option<Severity> {
    let letters = part.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 2
        || part.chars().any(|c| c.is_ascii_digit())
        || lexicon::is_number_word(part)
        || lexicon::is_reduplicated_compound(part)
        || lexicon::is_reduplicated_name(part, next)
    {
        return None;
    }
    // A name or an abbreviation joined to itself, written the same way twice: "Laos-Laos",
    // "US-US" (not "Vo-vo", a sound at the start of a sentence).
    if is_capitalized(part) && part == second {
        return Some(Severity::Warning);
    }
    Some(if letters >= MIN_SURE_LETTERS {
        Severity::Warning
    } else {
        Severity::Info
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::{assert_silent, flagged, run};

    #[test]
    fn flags_a_name_joined_to_itself() {
        assert_eq!(
            flagged(JoinedDouble, "to deepen the Laos-Laos partnership"),
            ["Laos-Laos"]
        );
        assert_eq!(
            flagged(JoinedDouble, "China/China relations and the US–US talks"),
            ["China/China", "US–US"]
        );
        assert_eq!(
            flagged(JoinedDouble, "the cooperation-cooperation mechanism"),
            ["cooperation-cooperation"]
        );
        let issues = run(JoinedDouble, "the Laos-Laos partnership");
        assert_eq!(issues[0].suggestions, ["Laos"]);
        assert_eq!(issues[0].severity, Severity::Warning);
        // An unknown short reduplication may be English.
        let issues = run(
            JoinedDouble,
            "a pipe-pipe joint; (Vo-vo-de-o) went the song",
        );
        assert_eq!(issues.len(), 2);
        assert!(issues.iter().all(|i| i.severity == Severity::Info));
    }

    #[test]
    fn leaves_english_reduplication_alone() {
        assert_silent(
            JoinedDouble,
            &[
                "She said bye-bye; a win-win deal; it was so-so.",
                "Ylang-ylang oil from Baden-Baden and Walla-Walla.",
                "Prices rose year-on-year, face-to-face, day-to-day.",
                "A mix of 1-1 and 50/50, w/w and v/v, a-a pairs.",
                "See src/src/main.rs and https://x.org/a/a-a.",
                "The tom-tom and the pom-pom; a goody-goody; fifty-fifty; in nineteen-nineteen.",
            ],
        );
    }
}
