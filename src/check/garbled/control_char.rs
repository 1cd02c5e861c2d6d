//! `garbled.control-char`: control characters and invisible formatting characters that have no
//! place in running text: C0 controls other than tab and line breaks, a carriage return not
//! followed by a line feed, DEL, C1 controls (unless they are part of mojibake, which
//! `garbled.mojibake` repairs), a byte order mark after the start of the file, zero-width
//! spaces, bidirectional controls and other invisible debris. A soft hyphen is only reported
//! as information.

use crate::check::text::{char_at, char_before};
use crate::check::{Category, Check, CheckInfo, Issue, ParagraphView, Severity};

use super::mojibake;

static INFO: CheckInfo = CheckInfo {
    id: "garbled.control-char",
    category: Category::Garbled,
    severity: Severity::Error,
    summary: "control characters and invisible formatting characters in the text",
    example: "the\u{b}report; zero\u{200b}width",
};

#[derive(Debug, Clone, Copy)]
pub struct ControlChar;

/// What to offer in place of a flagged character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fix {
    Delete,
    /// A space, unless the character already sits next to whitespace (then delete it).
    Space,
}

/// A kind of character this check reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Kind {
    name: &'static str,
    severity: Severity,
    fix: Fix,
}

const fn kind(name: &'static str, severity: Severity, fix: Fix) -> Option<Kind> {
    Some(Kind {
        name,
        severity,
        fix,
    })
}

/// First bytes of every character this check can report: C0 controls and DEL, and the UTF-8
/// lead bytes of U+0080–U+00BF (C2), U+061C (D8), U+180E (E1), U+2000–U+2FFF (E2) and
/// U+F000–U+FFFF (EF).
static CANDIDATE: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = b != b'\t' as usize && b != b'\n' as usize;
        b += 1;
    }
    t[0x7F] = true;
    t[0xC2] = true;
    t[0xD8] = true;
    t[0xE1] = true;
    t[0xE2] = true;
    t[0xEF] = true;
    t
};

/// Position of the next byte at or after `from` that may start a reported character.
fn next_candidate(bytes: &[u8], mut from: usize) -> Option<usize> {
    const CHUNK: usize = 32;
    // Whole chunks of printable ASCII, tabs and line feeds are skipped by a loop without an
    // early exit, which the compiler vectorises; a chunk with anything else is searched
    // byte by byte.
    let rough = |chunk: &[u8]| {
        chunk.iter().fold(0u8, |acc, &b| {
            acc | u8::from((b < 0x20) & (b != b'\t') & (b != b'\n')) | u8::from(b >= 0x7F)
        }) != 0
    };
    while from < bytes.len() {
        while from + CHUNK <= bytes.len() && !rough(&bytes[from..from + CHUNK]) {
            from += CHUNK;
        }
        let end = (from + CHUNK).min(bytes.len());
        if let Some(p) = bytes[from..end]
            .iter()
            .position(|&b| CANDIDATE[usize::from(b)])
        {
            return Some(from + p);
        }
        from = end;
    }
    None
}

/// Classifies the character `c` found at byte `at` of `text`.
fn classify(text: &str, at: usize, c: char) -> Option<Kind> {
    use Severity::{Error, Info, Warning};
    match c {
        '\r' => {
            if text.as_bytes().get(at + 1) == Some(&b'\n') {
                None
            } else {
                kind("a carriage return without a line feed", Error, Fix::Space)
            }
        }
        '\u{b}' => kind("a vertical tab (U+000B)", Error, Fix::Space),
        '\u{c}' => kind("a form feed (U+000C)", Error, Fix::Space),
        '\u{8}' => kind("a backspace control character (U+0008)", Error, Fix::Delete),
        '\u{1b}' => kind("an escape control character (U+001B)", Error, Fix::Delete),
        '\u{0}'..='\u{1f}' => kind("a control character", Error, Fix::Delete),
        '\u{7f}' => kind("a delete control character (U+007F)", Error, Fix::Delete),
        '\u{85}' => kind("a next-line control character (U+0085)", Error, Fix::Space),
        '\u{80}'..='\u{9f}' => kind("a C1 control character", Error, Fix::Delete),
        '\u{ad}' => kind("a soft hyphen (U+00AD)", Info, Fix::Delete),
        '\u{feff}' => kind(
            "a byte order mark (U+FEFF) inside the text",
            Warning,
            Fix::Delete,
        ),
        '\u{200b}' => kind("a zero-width space (U+200B)", Warning, Fix::Delete),
        '\u{200c}' | '\u{200d}' => {
            // Joiners belong in emoji sequences and in Indic and Arabic-script words; after
            // ASCII (or at the start) they join nothing.
            if char_before(text, at).is_none_or(|p| p.is_ascii()) {
                kind("a zero-width joiner or non-joiner", Warning, Fix::Delete)
            } else {
                None
            }
        }
        '\u{200e}' | '\u{200f}' | '\u{61c}' => kind(
            "an invisible left-to-right or right-to-left mark",
            Warning,
            Fix::Delete,
        ),
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => kind(
            "an invisible bidirectional control character (it can reorder the text on screen)",
            Error,
            Fix::Delete,
        ),
        '\u{2028}' => kind("a Unicode line separator (U+2028)", Warning, Fix::Space),
        '\u{2029}' => kind(
            "a Unicode paragraph separator (U+2029)",
            Warning,
            Fix::Space,
        ),
        '\u{2060}' | '\u{180e}' => kind(
            "an invisible word joiner or separator",
            Warning,
            Fix::Delete,
        ),
        '\u{2061}'..='\u{2064}' | '\u{206a}'..='\u{206f}' => {
            kind("an invisible formatting character", Warning, Fix::Delete)
        }
        '\u{fff9}'..='\u{fffb}' => kind(
            "an interlinear annotation control character",
            Error,
            Fix::Delete,
        ),
        '\u{fffc}' => kind(
            "an object replacement character (U+FFFC) left by a pasted object",
            Warning,
            Fix::Delete,
        ),
        _ => None,
    }
}

impl Check for ControlChar {
    fn info(&self) -> &'static CheckInfo {
        &INFO
    }

    fn check_paragraph(&self, para: &ParagraphView<'_>, out: &mut Vec<Issue>) {
        let text = para.text;
        let bytes = text.as_bytes();
        let mut mojibake_spans: Option<Vec<std::ops::Range<usize>>> = None;
        // The run being built: start, end, kind.
        let mut run: Option<(usize, usize, Kind)> = None;
        let mut i = 0;
        while let Some(at) = next_candidate(bytes, i) {
            let c = char_at(text, at);
            i = at + c.len_utf8();
            let Some(k) = classify(text, at, c) else {
                continue;
            };
            if ('\u{80}'..='\u{9f}').contains(&c) {
                let spans = mojibake_spans.get_or_insert_with(|| {
                    mojibake::find_runs(text)
                        .into_iter()
                        .map(|r| r.span)
                        .collect()
                });
                if spans.iter().any(|s| s.contains(&at)) {
                    continue;
                }
            }
            match &mut run {
                Some((_, end, rk)) if *end == at && *rk == k => *end = i,
                _ => {
                    if let Some((s, e, rk)) = run.take() {
                        out.push(issue(para, s, e, rk));
                    }
                    run = Some((at, i, k));
                }
            }
        }
        if let Some((s, e, rk)) = run {
            out.push(issue(para, s, e, rk));
        }
    }
}

fn issue(para: &ParagraphView<'_>, start: usize, end: usize, k: Kind) -> Issue {
    let text = para.text;
    let n = text[start..end].chars().count();
    let first = char_at(text, start);
    let what = if n == 1 {
        k.name.to_string()
    } else {
        format!("{n} characters: {}", k.name)
    };
    let code = if k.name.contains("(U+") {
        String::new()
    } else {
        format!(" (U+{:04X})", u32::from(first))
    };
    let action = match k.severity {
        Severity::Info => "; it is invisible and only matters if the text is re-flowed",
        _ => "; it is invisible in most editors and breaks search and layout",
    };
    let replacement = match k.fix {
        Fix::Delete => "",
        Fix::Space => {
            let before = char_before(text, start).is_none_or(char::is_whitespace);
            let after = text[end..].chars().next().is_none_or(char::is_whitespace);
            if before || after { "" } else { " " }
        }
    };
    Issue::new(&INFO, para.abs(start..end), format!("{what}{code}{action}"))
        .with_severity(k.severity)
        .suggest(replacement)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::{assert_silent, flagged, run};

    #[test]
    fn flags_c0_controls_and_del() {
        assert_eq!(flagged(ControlChar, "the\u{7}bell"), ["\u{7}"]);
        assert_eq!(flagged(ControlChar, "a\u{7f}b"), ["\u{7f}"]);
        let issues = run(ControlChar, "page\u{c}break");
        assert_eq!(issues[0].suggestions, [" "]);
        assert_eq!(issues[0].severity, Severity::Error);
        assert!(
            issues[0].message.contains("form feed"),
            "{}",
            issues[0].message
        );
        let issues = run(ControlChar, "esc \u{1b}\u{1b}[0m");
        assert_eq!(issues.len(), 1);
        assert!(issues[0].message.starts_with("2 characters"));
        assert_eq!(issues[0].suggestions, [""]);
    }

    #[test]
    fn carriage_returns() {
        assert_eq!(flagged(ControlChar, "old\rmac"), ["\r"]);
        assert_eq!(run(ControlChar, "old\rmac")[0].suggestions, [" "]);
        // CRLF inside a hard-wrapped paragraph is a line break.
        assert_silent(
            ControlChar,
            &["The committee met on Tuesday and\r\ndiscussed the budget.\r\n"],
        );
    }

    #[test]
    fn c1_controls_unless_mojibake() {
        assert_eq!(flagged(ControlChar, "a\u{90}b"), ["\u{90}"]);
        assert_eq!(flagged(ControlChar, "line\u{85}next"), ["\u{85}"]);
        // "â€\u{9d}" is "”" read as Latin-1: the mojibake check repairs it.
        assert_silent(
            ControlChar,
            &["He said â€œyesâ€\u{9d} and Ã\u{81}lvarez left."],
        );
    }

    #[test]
    fn invisible_characters() {
        let t = "zero\u{200b}width and \u{feff}bom and soft\u{ad}hyphen";
        assert_eq!(flagged(ControlChar, t), ["\u{200b}", "\u{feff}", "\u{ad}"]);
        let sev: Vec<Severity> = run(ControlChar, t).iter().map(|i| i.severity).collect();
        assert_eq!(sev, [Severity::Warning, Severity::Warning, Severity::Info]);
        assert_eq!(
            flagged(ControlChar, "abc\u{202e}def and \u{2066}x\u{2069}"),
            ["\u{202e}", "\u{2066}", "\u{2069}"]
        );
        assert_eq!(flagged(ControlChar, "a\u{200d}b"), ["\u{200d}"]);
        assert_eq!(run(ControlChar, "one\u{2028}two")[0].suggestions, [" "]);
        assert_eq!(run(ControlChar, "one \u{2028}two")[0].suggestions, [""]);
    }

    #[test]
    fn finds_characters_at_any_offset() {
        for k in 0..70 {
            let text = format!("{}é\u{200b}{}\u{7}“z”", "x".repeat(k), "y".repeat(k % 41));
            assert_eq!(flagged(ControlChar, &text), ["\u{200b}", "\u{7}"], "{k}");
        }
    }

    #[test]
    fn a_leading_bom_is_not_in_any_paragraph() {
        assert_silent(ControlChar, &["\u{feff}Title\n\nText.\n"]);
    }

    #[test]
    fn leaves_ordinary_text_alone() {
        assert_silent(
            ControlChar,
            &[
                "Tabs\tare fine, and so are “quotes”, ‘single’, dashes – —, ellipses …",
                "Emoji sequences: 👩\u{200d}👩\u{200d}👧, 🏳\u{fe0f}\u{200d}🌈, keycap 1\u{fe0f}\u{20e3}.",
                "Persian: می\u{200c}خواهم; Hindi: क्\u{200d}ष.",
                "Bye-bye, Walla Walla, U.S., e.g., 3.5, 10:30, https://example.com/a?b=c.",
                "Accents: café, Ångström, Þór, façade; symbols: © ® ™ ° ± € £ ¥.",
                "Line one\nline two (a hard-wrapped paragraph).",
            ],
        );
    }
}
