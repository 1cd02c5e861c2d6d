//! Spelling: words that are in no dictionary. The dictionary is harper-core's curated
//! English word list (all dialects: "harbour" and "harbor" are both words), extended with
//! what a news translation is full of and no dictionary knows: names (capitalised words
//! inside a sentence, or capitalised elsewhere in the document), romanised Chinese
//! ([`pinyin`]), the glossary's target terms, the user's own words ([`UserWords`], from
//! the user's dictionary), acronyms, words with digits, URLs, e-mail
//! addresses, code and hashtags, none of which is checked.
//!
//! The dictionary is precomputed and built into the binary ([`dictionary`]): opening it
//! costs nothing, so a process that checks a short text pays for no word list. Checking a
//! word is a dictionary lookup; spelling suggestions (a fuzzy search of the dictionary,
//! ranked by [`suggest`]) are computed only when asked for, by [`fill_suggestions`], for the issues a
//! front end shows.

pub mod dialect;
mod dictionary;
pub mod pinyin;
mod suggest;
pub mod unknown_word;
mod user_words;

pub use dialect::Dialect;
pub use user_words::UserWords;

pub use dictionary::{Dictionary, NearWord, WordInfo, build_from_harper, dictionary};

use super::Issue;
use crate::document::Document;

/// Whether the dictionary knows `word` in some letter case, or as a possessive ("China's",
/// "officials'") or a contraction of a word it knows.
pub fn is_known(word: &str) -> bool {
    let dict = dictionary();
    if dict.contains(word) {
        return true;
    }
    let normal;
    let word = if word.contains('’') {
        normal = word.replace('’', "'");
        normal.as_str()
    } else {
        word
    };
    for suffix in ["'s", "'S", "'"] {
        if let Some(stem) = word.strip_suffix(suffix)
            && !stem.is_empty()
            && dict.contains(stem)
        {
            return true;
        }
    }
    false
}

/// Up to `limit` dictionary words close to `word` (at most two edits away), best first,
/// in the letter case of `word` when it is capitalised.
pub fn suggestions(word: &str, limit: usize) -> Vec<String> {
    let found = suggest::ranked(word, limit.max(1) * 3);
    let capitalised = super::text::is_capitalized(word);
    let mut out: Vec<String> = Vec::with_capacity(limit);
    for s in found {
        let s = if capitalised {
            let mut chars = s.chars();
            chars.next().map_or(String::new(), |c| {
                c.to_uppercase().chain(chars).collect::<String>()
            })
        } else {
            s
        };
        if s != word && !out.contains(&s) {
            out.push(s);
        }
        if out.len() == limit {
            break;
        }
    }
    out
}

/// How many suggestions a spelling issue gets.
pub const SUGGESTIONS_PER_ISSUE: usize = 3;

/// Fills in the suggestions of the first `limit` spelling issues of `issues` (issues of
/// `doc`) that have none yet: what a front end calls for the issues it shows (`None`: all).
pub fn fill_suggestions(doc: &Document, issues: &mut [Issue], limit: Option<usize>) {
    use rayon::prelude::*;
    let mut wanted: Vec<&mut Issue> = issues
        .iter_mut()
        .filter(|i| i.check == unknown_word::ID && i.suggestions.is_empty())
        .collect();
    if let Some(limit) = limit {
        wanted.truncate(limit);
    }
    wanted.par_iter_mut().for_each(|issue| {
        let word = doc.slice(issue.span.clone());
        issue.suggestions = suggestions(word, SUGGESTIONS_PER_ISSUE);
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_dictionary_knows_both_dialects_possessives_and_contractions() {
        for w in [
            "harbour",
            "harbor",
            "programme",
            "colour",
            "color",
            "China's",
            "officials'",
            "don't",
            "doesn’t",
            "organisation",
            "organization",
        ] {
            assert!(is_known(w), "{w}");
        }
        for w in ["teh", "goverment", "recieve", "annd"] {
            assert!(!is_known(w), "{w}");
        }
    }

    #[test]
    fn suggestions_keep_the_letter_case() {
        let s = suggestions("goverment", 3);
        assert!(s.iter().any(|s| s == "government"), "{s:?}");
        let s = suggestions("Goverment", 3);
        assert!(s.iter().any(|s| s == "Government"), "{s:?}");
    }

    #[test]
    fn suggestions_are_filled_only_for_the_issues_asked_for() {
        let text = "The goverment will recieve the report.\n";
        let doc = Document::from_str_named("t.txt", text);
        let mut issues = crate::check::testing::run(unknown_word::UnknownWord, text);
        assert_eq!(issues.len(), 2);
        assert!(issues.iter().all(|i| i.suggestions.is_empty()));
        fill_suggestions(&doc, &mut issues, Some(1));
        assert!(issues[0].suggestions.contains(&"government".to_string()));
        assert!(issues[1].suggestions.is_empty());
        fill_suggestions(&doc, &mut issues, None);
        assert!(issues[1].suggestions.contains(&"receive".to_string()));
    }
}
