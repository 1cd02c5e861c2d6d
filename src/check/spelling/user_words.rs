//! The user's own words (read from the user's dictionary by the front end and handed to
//! the checks with the [`CheckRequest`](crate::check::CheckRequest)): words the spelling
//! checks take as known.
//!
//! Letter case follows the rule common spell checkers (Hunspell, LibreOffice, Word) keep:
//! an entry written in lower case is a common word, accepted as written, capitalised at
//! the start of a sentence or in a title, and in capitals ("dataframe": "dataframe",
//! "Dataframe", "DATAFRAME"); an entry with a capital is a name or a brand and must be
//! written as the entry is (or in capitals): "Rabobank" accepts "Rabobank" and "RABOBANK"
//! but not "rabobank", and "iPhone" not "Iphone".

use std::collections::HashSet;

/// A set of words with the case rule above.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UserWords {
    /// Entries with a capital, as written.
    cased: HashSet<String>,
    /// Entries in lower case.
    lower: HashSet<String>,
}

impl UserWords {
    pub fn new<S: AsRef<str>>(words: impl IntoIterator<Item = S>) -> Self {
        let mut out = UserWords::default();
        for w in words {
            out.insert(w.as_ref());
        }
        out
    }

    /// Adds a word (surrounding white space is not part of it).
    pub fn insert(&mut self, word: &str) {
        let word = word.trim();
        if word.is_empty() {
            return;
        }
        if word.chars().any(char::is_uppercase) {
            self.cased.insert(word.to_string());
        } else {
            self.lower.insert(word.to_string());
        }
    }

    /// Takes a word out (exactly as it was added).
    pub fn remove(&mut self, word: &str) {
        let word = word.trim();
        self.cased.remove(word);
        self.lower.remove(word);
    }

    pub fn is_empty(&self) -> bool {
        self.cased.is_empty() && self.lower.is_empty()
    }

    pub fn len(&self) -> usize {
        self.cased.len() + self.lower.len()
    }

    /// Whether `word`, as written in a text, is one of the words.
    pub fn accepts(&self, word: &str) -> bool {
        if self.is_empty() {
            return false;
        }
        if self.cased.contains(word) || self.lower.contains(word) {
            return true;
        }
        let lower = word.to_lowercase();
        let all_caps = is_all_caps(word);
        if (all_caps || is_capitalised(word)) && self.lower.contains(&lower) {
            return true;
        }
        // "RABOBANK" for "Rabobank": capitals accept any entry of the same letters.
        all_caps
            && self
                .cased
                .iter()
                .any(|c| c.len() == word.len() && c.to_uppercase() == word)
    }
}

/// First letter upper case, the others lower case ("Dataframe").
fn is_capitalised(word: &str) -> bool {
    let mut letters = word.chars().filter(|c| c.is_alphabetic());
    letters.next().is_some_and(char::is_uppercase) && letters.all(|c| !c.is_uppercase())
}

/// Every letter upper case, at least two of them ("DATAFRAME").
fn is_all_caps(word: &str) -> bool {
    let mut n = 0;
    for c in word.chars().filter(|c| c.is_alphabetic()) {
        if !c.is_uppercase() {
            return false;
        }
        n += 1;
    }
    n > 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lower_case_entry_accepts_capitalised_and_capital_uses() {
        let words = UserWords::new(["dataframe"]);
        for w in ["dataframe", "Dataframe", "DATAFRAME"] {
            assert!(words.accepts(w), "{w}");
        }
        for w in ["dataFrame", "DataFrame", "dataframes"] {
            assert!(!words.accepts(w), "{w}");
        }
    }

    #[test]
    fn an_entry_with_capitals_must_match_its_case() {
        let words = UserWords::new(["Rabobank", "iPhone"]);
        for w in ["Rabobank", "RABOBANK", "iPhone", "IPHONE"] {
            assert!(words.accepts(w), "{w}");
        }
        for w in ["rabobank", "RaboBank", "Iphone", "iphone"] {
            assert!(!words.accepts(w), "{w}");
        }
    }

    #[test]
    fn words_come_and_go() {
        let mut words = UserWords::new(["  colour ", ""]);
        assert_eq!(words.len(), 1);
        assert!(words.accepts("colour"));
        words.remove("colour");
        assert!(words.is_empty());
        assert!(!words.accepts("colour"));
    }
}
