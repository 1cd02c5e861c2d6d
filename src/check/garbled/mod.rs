//! Garbled-text checks: mojibake, replacement and control characters, source script left over.

pub mod control_char;
pub mod mojibake;
pub mod replacement_char;
pub mod source_script;

#[cfg(test)]
mod tests {
    use crate::check::{Check, CheckContext, Engine};
    use crate::document::Document;

    fn checks() -> Vec<Box<dyn Check>> {
        vec![
            Box::new(super::mojibake::Mojibake),
            Box::new(super::replacement_char::ReplacementChar),
            Box::new(super::control_char::ControlChar),
            Box::new(super::source_script::SourceScript),
        ]
    }

    /// Random strings of awkward characters: the garbled and debris checks never panic, and
    /// every span lies on character boundaries with suggestions that are not the span itself.
    #[test]
    fn never_panic_and_spans_are_char_boundaries() {
        const ALPHABET: &[char] = &[
            'a', 'Z', 'p', 'b', 'r', '1', ' ', ' ', '\n', '\r', '\t', '|', '<', '>', '/', '&', ';',
            '#', 'x', ':', '=', '"', '.', '?', '!', '(', ')', '[', ']', '-', '：', 'Ã', '©', 'â',
            '€', '™', 'Â', 'Ð', '¿', '\u{a0}', '\u{9d}', '\u{81}', 'é', 'É', '…', '”', '’', '—',
            '，', '《', '》', '【', '】', '中', 'ア', '한', 'ｘ', '１', '\u{3000}', '\u{fffd}',
            '\u{200b}', '\u{200d}', '\u{feff}', '\u{7}', '\u{ad}', '😀',
        ];
        let mut checks = checks();
        checks.extend(crate::check::debris::tests::checks());
        let engine = Engine::new(checks);
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..3000 {
            let len = (next() % 48) as usize;
            let text: String = (0..len)
                .map(|_| ALPHABET[(next() % ALPHABET.len() as u64) as usize])
                .collect();
            for name in ["t.txt", "t.md"] {
                let doc = Document::from_str_named(name, &text);
                for issue in engine.run(&CheckContext::new(&doc)) {
                    let span = issue.span.clone();
                    assert!(span.start < span.end && span.end <= text.len(), "{text:?}");
                    assert!(
                        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
                        "{text:?} {span:?}"
                    );
                    let flagged = &text[span];
                    assert!(
                        !issue.suggestions.iter().any(|s| s == flagged),
                        "{}: suggestion equals the span {flagged:?} in {text:?}",
                        issue.check
                    );
                }
            }
        }
    }
}
