//! Word lists in and out: one word per line, in UTF-8. Blank lines and lines starting
//! with `#` are skipped on import; a line that is not one word is refused, naming the
//! file and the line.

use super::DictionaryError;

/// Why a word list cannot be imported: `FILE:LINE: REASON`.
#[derive(Debug, thiserror::Error)]
#[error("{file}:{line}: {reason}")]
pub struct WordListError {
    pub file: String,
    pub line: usize,
    pub reason: String,
}

/// The longest word kept (in characters).
const MAX_WORD_CHARS: usize = 100;

/// `word` without surrounding white space, if it can be a dictionary word: one word (no
/// space inside), with a letter, no control characters, at most 100 characters.
pub fn validate_word(word: &str) -> Result<&str, DictionaryError> {
    let trimmed = word.trim();
    let refuse = |reason: &str| DictionaryError::Invalid {
        word: word.to_string(),
        reason: reason.to_string(),
    };
    if trimmed.is_empty() {
        return Err(refuse("an empty word"));
    }
    if trimmed.chars().any(char::is_whitespace) {
        return Err(refuse(
            "not one word (it holds a space); give one word a line",
        ));
    }
    if trimmed.chars().any(char::is_control) {
        return Err(refuse("holds a control character"));
    }
    if !trimmed.chars().any(char::is_alphabetic) {
        return Err(refuse("holds no letter"));
    }
    if trimmed.chars().count() > MAX_WORD_CHARS {
        return Err(refuse("longer than 100 characters"));
    }
    Ok(trimmed)
}

/// The words of a word list read from `file` (its name for messages).
pub fn parse_word_list(file: &str, text: &str) -> Result<Vec<String>, WordListError> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.strip_prefix('\u{feff}').unwrap_or(line);
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        match validate_word(trimmed) {
            Ok(w) => out.push(w.to_string()),
            Err(e) => {
                let reason = match e {
                    DictionaryError::Invalid { word, reason } => format!("{word:?}: {reason}"),
                    other => other.to_string(),
                };
                return Err(WordListError {
                    file: file.to_string(),
                    line: i + 1,
                    reason,
                });
            }
        }
    }
    Ok(out)
}

/// `words`, one a line.
pub fn render_word_list(words: &[String]) -> String {
    let mut out = String::with_capacity(words.iter().map(|w| w.len() + 1).sum());
    for w in words {
        out.push_str(w);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_reads_one_word_a_line() {
        let words =
            parse_word_list("w.txt", "\u{feff}# mine\ncolour\n\n  Rabobank \r\nxi'an\n").unwrap();
        assert_eq!(words, ["colour", "Rabobank", "xi'an"]);
        assert_eq!(render_word_list(&words), "colour\nRabobank\nxi'an\n");
    }

    #[test]
    fn a_bad_line_is_named() {
        let err = parse_word_list("w.txt", "one\ntwo words\n").unwrap_err();
        assert_eq!(err.line, 2);
        let text = err.to_string();
        assert!(
            text.starts_with("w.txt:2: \"two words\": not one word"),
            "{text}"
        );
        let err = parse_word_list("w.txt", "ok\n1234\n").unwrap_err();
        assert!(err.to_string().contains("w.txt:2:"), "{err}");
        assert!(err.to_string().contains("no letter"), "{err}");
    }
}
