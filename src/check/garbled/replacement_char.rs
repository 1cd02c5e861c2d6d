//! `garbled.replacement-char`: U+FFFD REPLACEMENT CHARACTER, which a decoder writes where it
//! met bytes it could not read. The original characters are lost and must be restored from
//! the source or the original file.

use crate::check::{Category, Check, CheckInfo, Issue, ParagraphView, Severity};

static INFO: CheckInfo = CheckInfo {
    id: "garbled.replacement-char",
    category: Category::Garbled,
    severity: Severity::Error,
    summary: "U+FFFD replacement characters where text was lost in a faulty conversion",
    example: "the Pr\u{fffd}sident said",
};

const REPLACEMENT: &str = "\u{fffd}";

#[derive(Debug, Clone, Copy)]
pub struct ReplacementChar;

impl Check for ReplacementChar {
    fn info(&self) -> &'static CheckInfo {
        &INFO
    }

    fn check_paragraph(&self, para: &ParagraphView<'_>, out: &mut Vec<Issue>) {
        let text = para.text;
        let finder = memchr::memmem::find_iter(text.as_bytes(), REPLACEMENT);
        let mut run: Option<(usize, usize)> = None;
        let push = |start: usize, end: usize, out: &mut Vec<Issue>| {
            // "â€\u{fffd}" is a closing quotation mark mangled twice: `garbled.mojibake` has it.
            if text[..start].ends_with("â€") {
                return;
            }
            let n = text[start..end].chars().count();
            let what = if n == 1 {
                "a replacement character (U+FFFD)".to_string()
            } else {
                format!("{n} replacement characters (U+FFFD)")
            };
            out.push(Issue::new(
                &INFO,
                para.abs(start..end),
                format!(
                    "{what}: text was lost when the file was converted; restore it from the source"
                ),
            ));
        };
        for at in finder {
            match run {
                Some((start, end)) if end == at => run = Some((start, at + REPLACEMENT.len())),
                Some((start, end)) => {
                    push(start, end, out);
                    run = Some((at, at + REPLACEMENT.len()));
                }
                None => run = Some((at, at + REPLACEMENT.len())),
            }
        }
        if let Some((start, end)) = run {
            push(start, end, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::{assert_silent, flagged, run};

    #[test]
    fn flags_runs_of_replacement_characters() {
        assert_eq!(
            flagged(
                ReplacementChar,
                "The Pr\u{fffd}sident met \u{fffd}\u{fffd}\u{fffd} today."
            ),
            ["\u{fffd}", "\u{fffd}\u{fffd}\u{fffd}"]
        );
        let issues = run(ReplacementChar, "x\u{fffd}\u{fffd}y");
        assert!(issues[0].message.starts_with("2 replacement characters"));
        assert!(issues[0].suggestions.is_empty());
    }

    #[test]
    fn leaves_mangled_quotes_to_mojibake() {
        assert!(flagged(ReplacementChar, "He said â€œyesâ€\u{fffd} and left.").is_empty());
    }

    #[test]
    fn silent_on_clean_text() {
        assert_silent(
            ReplacementChar,
            &[
                "Plain text, bye-bye, U.S., 3.5 and 10:30.",
                "Accents: café, naïve; symbols: ¤ ¶; emoji 😀.",
            ],
        );
    }
}
