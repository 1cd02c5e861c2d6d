//! `garbled.mojibake`: UTF-8 text that was decoded as Windows-1252 or Latin-1 somewhere on its
//! way ("Ã©" for "é", "â€™" for "’", "Ð¿Ñ€Ð¸" for "при"), also when it happened twice
//! ("ÃƒÂ©").
//!
//! Each character is mapped back to the Windows-1252 byte it would have been read from; where
//! such bytes form a valid UTF-8 sequence, the text is mojibake and the decoded text is the fix.
//! Real words in languages that use Latin-1 letters ("façade", "Ångström", "Þór", "ÖZIL")
//! contain no such sequence; the one ambiguous shape, an upper-case letter followed by a
//! closing punctuation mark ("CAFÉ…", "OLÉ”"), is only flagged next to other evidence.

use std::ops::Range;

use crate::check::text::{char_at, char_before};
use crate::check::{Category, Check, CheckInfo, Issue, ParagraphView, Severity};

static INFO: CheckInfo = CheckInfo {
    id: "garbled.mojibake",
    category: Category::Garbled,
    severity: Severity::Error,
    summary: "UTF-8 text decoded as Windows-1252/Latin-1 (mojibake)",
    example: "the cafÃ© said â€œyesâ€\u{9d}",
};

#[derive(Debug, Clone, Copy)]
pub struct Mojibake;

impl Check for Mojibake {
    fn info(&self) -> &'static CheckInfo {
        &INFO
    }

    fn check_paragraph(&self, para: &ParagraphView<'_>, out: &mut Vec<Issue>) {
        for run in find_runs(para.text) {
            let flagged = para.slice(run.span.clone());
            let issue = match run.kind {
                RunKind::Decoded => {
                    let (fixed, rounds) = repair(flagged);
                    let twice = if rounds > 1 { " (encoded twice)" } else { "" };
                    let mut issue = Issue::new(
                        &INFO,
                        para.abs(run.span),
                        format!(
                            "mojibake: UTF-8 text read as Windows-1252{twice}; \u{201c}{flagged}\u{201d} should read \u{201c}{fixed}\u{201d}"
                        ),
                    );
                    let plain_spaces = fixed.replace('\u{a0}', " ");
                    issue = issue.suggest(fixed);
                    issue.suggest(plain_spaces)
                }
                RunKind::LostQuote => Issue::new(
                    &INFO,
                    para.abs(run.span),
                    format!(
                        "mojibake: \u{201c}{flagged}\u{201d} is a closing quotation mark read as Windows-1252 (its last byte was lost)"
                    ),
                )
                .suggest("\u{201d}")
                .suggest("\""),
                RunKind::StrayCircumflex => Issue::new(
                    &INFO,
                    para.abs(run.span),
                    "mojibake: a stray \u{201c}Â\u{201d} left where a non-breaking space was read as Windows-1252",
                )
                .suggest(""),
            };
            out.push(issue);
        }
    }
}

/// What a flagged run is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RunKind {
    /// Complete UTF-8 sequences read as Windows-1252: decoding them gives the fix.
    Decoded,
    /// "â€" whose third byte (0x9D, undefined in Windows-1252) was dropped or replaced: "”".
    LostQuote,
    /// "Â" before a space: the remains of a non-breaking space ("10Â km").
    StrayCircumflex,
}

/// A flagged span of mojibake (relative to the text searched).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Run {
    pub span: Range<usize>,
    pub kind: RunKind,
}

/// The Windows-1252 byte (0x80–0xFF) that `c` is the reading of, if any. C1 controls map to
/// themselves, as a Latin-1 decoder (or Windows-1252's undefined slots) produces them.
fn cp1252_byte(c: char) -> Option<u8> {
    let u = c as u32;
    if (0x80..=0xFF).contains(&u) {
        return u8::try_from(u).ok();
    }
    Some(match c {
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8A,
        '‹' => 0x8B,
        'Œ' => 0x8C,
        'Ž' => 0x8E,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9A,
        '›' => 0x9B,
        'œ' => 0x9C,
        'ž' => 0x9E,
        'Ÿ' => 0x9F,
        _ => return None,
    })
}

/// Number of continuation bytes a UTF-8 lead byte announces (lead bytes 0xC2–0xF4 only).
fn continuation_count(lead: u8) -> Option<usize> {
    match lead {
        0xC2..=0xDF => Some(1),
        0xE0..=0xEF => Some(2),
        0xF0..=0xF4 => Some(3),
        _ => None,
    }
}

/// One UTF-8 sequence read as Windows-1252, starting at `start`.
#[derive(Debug, Clone, Copy)]
struct Sequence {
    start: usize,
    end: usize,
    /// The sequence could be a real upper-case letter followed by punctuation.
    ambiguous: bool,
}

/// Punctuation, signs and capitals that legitimately follow an upper-case Latin-1 letter at
/// a word's end or in capitals ("CAFÉ…", "OLÉ”", "É\u{a0}»", "T•Ø•R•Ü•S", "ÖKO®", "ÝŽ",
/// "Ø¾ inch", "Ø±0.5"), as Windows-1252 bytes.
fn is_trailing_punctuation(byte: u8) -> bool {
    matches!(
        byte,
        0x8A | 0x8C
            | 0x8E
            | 0x9F
            | 0x85
            | 0x86
            | 0x87
            | 0x92
            | 0x94
            | 0x95
            | 0x96
            | 0x97
            | 0x99
            | 0xA0
            | 0xAD
            | 0xAE
            | 0xB0
            | 0xB1
            | 0xB2
            | 0xB3
            | 0xB7
            | 0xB9
            | 0xBB
            | 0xBC
            | 0xBD
            | 0xBE
    )
}

/// Parses the sequence starting at byte `at` of `text`, if its characters are the Windows-1252
/// reading of one valid UTF-8 character.
fn sequence_at(text: &str, at: usize) -> Option<(Sequence, char)> {
    let lead_char = char_at(text, at);
    let lead = cp1252_byte(lead_char)?;
    let n = continuation_count(lead)?;
    let mut buf = [lead, 0, 0, 0];
    let mut end = at + lead_char.len_utf8();
    for slot in buf.iter_mut().skip(1).take(n) {
        if end >= text.len() {
            return None;
        }
        let c = char_at(text, end);
        let b = cp1252_byte(c)?;
        if !(0x80..=0xBF).contains(&b) {
            return None;
        }
        *slot = b;
        end += c.len_utf8();
    }
    let decoded = std::str::from_utf8(&buf[..=n]).ok()?.chars().next()?;
    // Two-byte mojibake beyond Latin-1 stands for letters (Polish, Turkish, Greek, Cyrillic,
    // Hebrew, Arabic) or combining accents; "3×½" would decode to an unassigned code point.
    if n == 1
        && lead >= 0xC4
        && !decoded.is_alphabetic()
        && !('\u{300}'..='\u{36f}').contains(&decoded)
    {
        return None;
    }
    // A letter followed by closing punctuation may be a real word's end ("CAFÉ…", "café”…",
    // "Strauß’"); "Â" and "Ã" followed by anything here never are.
    let ambiguous = lead >= 0xC4
        && buf[1..=n].iter().all(|&b| is_trailing_punctuation(b))
        && !text[end..].chars().next().is_some_and(char::is_lowercase)
        && (!lead_char.is_uppercase() || !char_before(text, at).is_some_and(char::is_lowercase));
    Some((
        Sequence {
            start: at,
            end,
            ambiguous,
        },
        decoded,
    ))
}

/// Finds the mojibake runs of `text`: adjacent sequences (also across the letters of one
/// word, "rÃ©sumÃ©") are one run.
pub(crate) fn find_runs(text: &str) -> Vec<Run> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    // Every lead character (U+00C2–U+00F4) is encoded with the byte 0xC3.
    if memchr::memchr(0xC3, bytes).is_none() {
        return out;
    }
    let mut group: Vec<Sequence> = Vec::new();
    let flush = |group: &mut Vec<Sequence>, out: &mut Vec<Run>| {
        if let (Some(first), Some(last)) = (group.first(), group.last())
            && (group.len() > 1 || group.iter().any(|s| !s.ambiguous))
        {
            out.push(Run {
                span: first.start..last.end,
                kind: RunKind::Decoded,
            });
        }
        group.clear();
    };
    let mut pos = 0;
    while let Some(p) = memchr::memchr(0xC3, &bytes[pos..]) {
        let at = pos + p;
        if let Some((seq, _)) = sequence_at(text, at) {
            let joins = group
                .last()
                .is_some_and(|last| text[last.end..at].chars().all(char::is_alphanumeric));
            if !joins {
                flush(&mut group, &mut out);
            }
            group.push(seq);
            pos = seq.end;
            continue;
        }
        flush(&mut group, &mut out);
        let c = char_at(text, at);
        let next = at + c.len_utf8();
        if c == 'â' && text[next..].starts_with('€') {
            // "â€" + a lost 0x9D: the closing quotation mark "”".
            let mut end = next + '€'.len_utf8();
            if text[end..].starts_with('\u{fffd}') {
                end += '\u{fffd}'.len_utf8();
            }
            out.push(Run {
                span: at..end,
                kind: RunKind::LostQuote,
            });
            pos = end;
            continue;
        }
        if c == 'Â'
            && bytes.get(next) == Some(&b' ')
            && !char_before(text, at).is_some_and(char::is_alphabetic)
        {
            out.push(Run {
                span: at..next,
                kind: RunKind::StrayCircumflex,
            });
        }
        pos = next;
    }
    flush(&mut group, &mut out);
    out
}

/// Decodes every sequence in `s`, repeatedly while that changes it (text encoded twice or
/// more). Returns the repaired text and the number of rounds that changed it.
fn repair(s: &str) -> (String, usize) {
    let mut current = s.to_string();
    let mut rounds = 0;
    while rounds < 4 {
        let next = decode_once(&current);
        if next == current {
            break;
        }
        current = next;
        rounds += 1;
    }
    (current, rounds)
}

fn decode_once(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        if let Some((seq, decoded)) = sequence_at(s, i) {
            out.push(decoded);
            i = seq.end;
        } else {
            let c = char_at(s, i);
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::{assert_silent, flagged, run};

    fn suggestion(text: &str) -> String {
        run(Mojibake, text)[0].suggestions[0].clone()
    }

    #[test]
    fn flags_common_mojibake_with_the_decoded_text() {
        assert_eq!(flagged(Mojibake, "The cafÃ© opened."), ["Ã©"]);
        assert_eq!(suggestion("The cafÃ© opened."), "é");
        assert_eq!(flagged(Mojibake, "Itâ€™s here."), ["â€™"]);
        assert_eq!(suggestion("Itâ€™s here."), "\u{2019}");
        assert_eq!(suggestion("He said â€œyes."), "\u{201c}");
        assert_eq!(suggestion("A range 1â€“2."), "\u{2013}");
        assert_eq!(suggestion("Price: 5Â£ only."), "£");
        assert_eq!(suggestion("Emoji ðŸ˜€ here."), "😀");
        assert_eq!(suggestion("Say Ð¿Ñ€Ð¸Ð²ÐµÑ‚ now."), "привет");
        assert_eq!(suggestion("Lech WaÅ‚Ä™sa spoke."), "łę");
        assert_eq!(suggestion("Ã‡ok gÃ¼zel, baÅŸka"), "Ç");
        assert_eq!(flagged(Mojibake, "baÅŸka iÅŸ"), ["ÅŸ", "ÅŸ"]);
        assert_eq!(suggestion("Î±Î²Î³ rays."), "αβγ");
        assert_eq!(suggestion("×©×œ×•×\u{9d}"), "שלום");
        // Decomposed accents (NFD text) read as Windows-1252.
        assert_eq!(suggestion("cafeÌ\u{81} au lait"), "\u{301}");
    }

    #[test]
    fn merges_runs_within_a_word() {
        assert_eq!(flagged(Mojibake, "Her rÃ©sumÃ© is long."), ["Ã©sumÃ©"]);
        assert_eq!(suggestion("Her rÃ©sumÃ© is long."), "ésumé");
        // Separate words are separate issues.
        assert_eq!(flagged(Mojibake, "cafÃ© and naÃ¯ve"), ["Ã©", "Ã¯"]);
    }

    #[test]
    fn repairs_double_encoding() {
        let issues = run(Mojibake, "The cafÃƒÂ© opened.");
        assert_eq!(issues.len(), 1);
        assert_eq!(issues[0].suggestions[0], "é");
        assert!(issues[0].message.contains("encoded twice"));
        assert!(!run(Mojibake, "cafÃ©")[0].message.contains("twice"));
    }

    #[test]
    fn lost_quote_byte_and_c1_controls() {
        // 0x9D is undefined in Windows-1252: a Latin-1 reading keeps it as U+009D.
        assert_eq!(suggestion("He said â€\u{9d} and left."), "\u{201d}");
        // A decoder that dropped it, or replaced it with U+FFFD.
        assert_eq!(flagged(Mojibake, "said â€œyesâ€ and"), ["â€œ", "â€"]);
        assert_eq!(flagged(Mojibake, "said yesâ€\u{fffd} and"), ["â€\u{fffd}"]);
        assert_eq!(
            run(Mojibake, "yesâ€ and")[0].suggestions,
            ["\u{201d}", "\""]
        );
        // "Á" is C3 81; 0x81 is undefined in Windows-1252, so a Latin-1 reading gives U+0081.
        assert_eq!(suggestion("Ã\u{81}LVAREZ"), "Á");
    }

    #[test]
    fn nbsp_remains() {
        let issues = run(Mojibake, "It costs 10Â\u{a0}euros.");
        assert_eq!(issues[0].suggestions, ["\u{a0}", " "]);
        assert_eq!(flagged(Mojibake, "It costs 10Â euros."), ["Â"]);
        assert_eq!(run(Mojibake, "10Â km")[0].suggestions, [""]);
    }

    #[test]
    fn ambiguous_capitals_need_more_evidence() {
        // "É…" is also the reading of U+0245, but an all-caps word may end in É.
        assert_silent(
            Mojibake,
            &[
                "He shouted CAFÉ… and left.",
                "« OLÉ\u{a0}» she said.",
                "She said “café”… and left.",
                "Johann Strauß’ waltzes.",
                "Thanks to T•Ø•R•Ü•S and ÖKO® products, SMITHØ† died.",
                "Alphabets: ÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ and ÅÄÖŠŽåäöšž.",
                "Take 3×½ cups, 2×¼ spoons, a Ø¾ inch pipe, Ø±0.5 mm.",
            ],
        );
        // Inside a lower-case word it is mojibake.
        assert_eq!(flagged(Mojibake, "mÄ…ka"), ["Ä…"]);
    }

    #[test]
    fn leaves_real_words_alone() {
        assert_silent(
            Mojibake,
            &[
                "Ä Ö Ü ß Ç Å Æ Ø Þ Ð ñ é è ê ë à á â ã ä å ç ì í î ï ò ó ô õ ö ù ú û ü ý ÿ",
                "The façade of the Ångström lab faces Þór's hall.",
                "Müller, Gößling, Françoise, São Paulo, SÃO PAULO, ÖZIL, İstanbul, Ağrı.",
                "Reykjavík: Þórður Guðmundsson and Ásdís.",
                "Çok güzel, şöyle böyle.",
                "A crème brûlée à la carte, déjà vu, naïve, coöperate.",
                "Prices rose 3.5% at 10:30 — “quotes” and ‘single’ … – bullets • ™ © ®.",
                "She said “café”… and “Île”—then left.",
                "ÉCOLE NORMALE; MÜNCHEN. ÅRHUS. ÞINGVELLIR.",
                "Temperature 25°C ± 2° and x² · y³.",
                "Plain ASCII only text, bye-bye, U.S., e.g. https://example.com/a?b=1",
            ],
        );
    }
}
