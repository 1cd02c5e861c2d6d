//! `spelling.unknown-word`: a word that no dictionary knows ("goverment", "recieve",
//! "teh"), where names, romanised Chinese, glossary terms, acronyms, words with digits,
//! URLs, e-mail addresses, code and hashtags are not words to check (see [`super`]).
//!
//! It is a document-scope check because a name is recognised by the whole document: a
//! capitalised word at the start of a sentence is a name if the document also writes it
//! capitalised inside a sentence. Checking costs one dictionary lookup per word; the
//! suggestions come later ([`super::fill_suggestions`]).

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;

use super::{UserWords, dictionary, is_known, pinyin::is_pinyin};
use crate::check::terminology::{TermIndex, TermStatus};
use crate::check::text::{Word, char_before, in_code_like_token, in_spans, protected_spans};
use crate::check::{
    Category, Check, CheckContext, CheckInfo, Issue, ParagraphView, Scope, Severity,
};
use crate::document::Document;

/// The check's id, for the front ends that fill in suggestions.
pub const ID: &str = "spelling.unknown-word";

static INFO: CheckInfo = CheckInfo {
    id: ID,
    category: Category::Spelling,
    severity: Severity::Info,
    summary: "a word that is in no dictionary (names, Pinyin, glossary terms and acronyms are words)",
    example: "The goverment will recieve the report.",
};

#[derive(Debug, Clone, Copy)]
pub struct UnknownWord;

impl Check for UnknownWord {
    fn info(&self) -> &'static CheckInfo {
        &INFO
    }

    fn scope(&self) -> Scope {
        Scope::Document
    }

    fn check_document(&self, ctx: &CheckContext<'_>, out: &mut Vec<Issue>) {
        if !ctx.target_lang.to_ascii_lowercase().starts_with("en") {
            return;
        }
        let prose: Vec<usize> = ctx.prose_paragraphs().map(|(i, _)| i).collect();
        // First pass: the names, words the document writes capitalised inside a sentence.
        let names: HashSet<String> = prose
            .par_iter()
            .flat_map_iter(|&i| {
                let view = ParagraphView::new(ctx, i);
                let text = view.text;
                view.words()
                    .iter()
                    .filter(|w| starts_upper(w.text(text)) && !sentence_initial(text, w.start))
                    .map(|w| strip_possessive(w.text(text)).to_string())
                    .collect::<Vec<_>>()
            })
            .collect();
        let glossary = glossary_words(ctx);
        let known = Known {
            names: &names,
            glossary: &glossary,
            user: ctx.user_words,
        };
        let mut found: Vec<Issue> = prose
            .par_iter()
            .flat_map_iter(|&i| {
                let view = ParagraphView::new(ctx, i);
                let mut issues = Vec::new();
                check_paragraph(&view, &known, &mut issues);
                issues
            })
            .collect();
        drop_recurring(ctx, &mut found);
        out.extend(found);
    }
}

/// Drops the unknown-word issues of `doc` on words of `words` (a glossary's
/// [`term_words`]): for a front end that runs the rule checks without the glossary, beside
/// its index being built.
pub fn drop_glossary_words(doc: &Document, issues: &mut Vec<Issue>, words: &HashSet<String>) {
    if words.is_empty() {
        return;
    }
    issues.retain(|i| i.check != ID || !words.contains(&doc.slice(i.span.clone()).to_lowercase()));
}

/// A word the document uses more than once, with no dictionary word one edit away, is a
/// word of its domain ("dataframe", an author's coinage), not a typo: typos seldom repeat,
/// and a repeated misspelling of a real word ("goverment" twice) is still one edit away.
fn drop_recurring(ctx: &CheckContext<'_>, issues: &mut Vec<Issue>) {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for i in issues.iter() {
        *counts.entry(ctx.doc.slice(i.span.clone())).or_default() += 1;
    }
    let domain: HashSet<String> = counts
        .into_iter()
        .filter(|&(word, n)| n > 1 && !near_a_word(word))
        .map(|(word, _)| word.to_string())
        .collect();
    if !domain.is_empty() {
        issues.retain(|i| !domain.contains(ctx.doc.slice(i.span.clone())));
    }
}

/// Whether a dictionary word is one edit away from `word` (any letter case).
fn near_a_word(word: &str) -> bool {
    !dictionary().near(&word.to_lowercase(), 1, 1).is_empty()
}

/// What the document and its glossary make words.
struct Known<'a> {
    names: &'a HashSet<String>,
    /// The glossary's preferred and admitted target terms' words, lower-cased.
    glossary: &'a HashSet<String>,
    /// The user's dictionary.
    user: Option<&'a UserWords>,
}

fn glossary_words(ctx: &CheckContext<'_>) -> HashSet<String> {
    ctx.glossary.map(term_words).unwrap_or_default()
}

/// The lower-cased words of the preferred and admitted target terms of `index`.
pub fn term_words(index: &TermIndex) -> HashSet<String> {
    let mut out = HashSet::new();
    for entry in index.entries() {
        for term in &entry.terms {
            if term.status == TermStatus::Deprecated {
                continue;
            }
            for w in crate::check::text::words(&term.text) {
                out.insert(w.text(&term.text).to_lowercase());
            }
        }
    }
    out
}

fn check_paragraph(view: &ParagraphView<'_>, known: &Known<'_>, out: &mut Vec<Issue>) {
    let text = view.text;
    let mut protected = None;
    for &word in view.words() {
        let w = word.text(text);
        if !w.chars().all(|c| is_latin_letter(c) || is_joiner(c))
            || !skippable_context_ok(text, word)
        {
            continue;
        }
        // Each part of a hyphenated word is a word ("well-known", "Sino-US").
        let initial = sentence_initial(text, word.start);
        // A short word before a full stop is an abbreviation ("etc.", "approx.", "Govt.").
        if text[word.end..].starts_with('.') && ABBREVIATIONS.contains(&w.to_lowercase().as_str()) {
            continue;
        }
        let hyphenated = w.contains(['-', '\u{2010}', '\u{2011}']);
        if hyphenated && is_known(&w.replace(['-', '\u{2010}', '\u{2011}'], "")) {
            continue;
        }
        for part in w.split(['-', '\u{2010}', '\u{2011}']) {
            // Combining forms before a hyphen: "socio-economic", "agro-pastoral".
            if hyphenated
                && !w.ends_with(part)
                && COMBINING_FORMS.contains(&part.to_lowercase().as_str())
            {
                continue;
            }
            // The part's offset in the word (hyphens are one to three bytes long).
            let start = word.start + (part.as_ptr() as usize - w.as_ptr() as usize);
            if !is_unknown(part, initial && start == word.start, known) {
                continue;
            }
            let protected = protected.get_or_insert_with(|| protected_spans(text));
            if in_spans(protected, word.start) || in_code_like_token(text, word.start) {
                break;
            }
            let end = start + strip_possessive(part).len();
            out.push(Issue::new(
                &INFO,
                view.abs(start..end),
                format!(
                    "\u{201c}{}\u{201d} is not in the dictionary",
                    &text[start..end]
                ),
            ));
        }
    }
}

/// Whether `part` (one part of a word, with its apostrophes) is a misspelling.
fn is_unknown(part: &str, sentence_initial: bool, known: &Known<'_>) -> bool {
    let letters = part.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 2 || is_known(part) {
        return false;
    }
    let stem = strip_possessive(part);
    let mut chars = stem.chars();
    let first_upper = chars.next().is_some_and(char::is_uppercase);
    // Acronyms ("NATO", "PhD") and mixed case ("iPhone", "McDonald", "WeChat").
    if chars.any(char::is_uppercase) {
        return false;
    }
    if known.glossary.contains(&stem.to_lowercase())
        || known
            .user
            .is_some_and(|u| u.accepts(part) || u.accepts(stem))
    {
        return false;
    }
    if !first_upper {
        return !derived_from_a_word(stem);
    }
    // A capitalised word inside a sentence, or one the document writes so there, is a name;
    // so is romanised Chinese.
    if !sentence_initial || known.names.contains(stem) || is_pinyin(stem) {
        return false;
    }
    // At the start of a sentence an unknown capitalised word is most often a name too: it
    // is called misspelt only when it is long enough not to be a short name ("Nour" is
    // one edit from "hour") and one edit makes it a lower-case dictionary word.
    if stem.chars().count() < 6 {
        return false;
    }
    let lower = stem.to_lowercase();
    dictionary().near(&lower, 1, 8).iter().any(|m| {
        m.word.chars().next().is_some_and(char::is_lowercase) && m.word.chars().count() > 2
    })
}

/// Abbreviations written with a full stop that the dictionary lacks.
const ABBREVIATIONS: &[&str] = &[
    "etc", "approx", "govt", "dept", "depts", "corp", "inc", "ltd", "jr", "sr", "vs", "cf", "viz",
    "ibid", "esp", "misc", "est", "fig", "figs", "vol", "vols", "nos", "pp", "eds", "rev", "mt",
    "ft", "sq", "mins", "hrs", "yrs", "wk", "yr", "incl", "excl", "intl", "natl", "assn", "bros",
    "univ", "admin",
];

/// Suffixes that make words of words ("chandler" → "chandlery"), for the rare derived
/// words the dictionary lacks.
const SUFFIXES: &[&str] = &[
    "y", "ry", "ery", "s", "es", "ed", "ing", "er", "ers", "ly", "ness", "ment", "ments", "ism",
    "ist", "ists", "ity", "ize", "ise", "able", "ful", "less", "ship", "hood", "like", "wise",
];

/// Whether `word` is a dictionary word of four letters or more with a suffix, where the
/// suffix does not start with the letter the word ends with ("economyy" and "reportss" are
/// typos, not derivations).
fn derived_from_a_word(word: &str) -> bool {
    SUFFIXES.iter().any(|suffix| {
        word.strip_suffix(suffix)
            .is_some_and(|stem| stem.len() >= 4 && !stem.ends_with(&suffix[..1]) && is_known(stem))
    })
}

/// Combining forms that stand before a hyphen without being words of their own.
const COMBINING_FORMS: &[&str] = &[
    "socio", "agro", "agri", "geo", "bio", "eco", "micro", "macro", "neo", "pseudo", "quasi",
    "semi", "multi", "inter", "intra", "sino", "afro", "euro", "anglo", "franco", "indo", "austro",
    "russo", "pan", "post", "pre", "pro", "anti", "non", "co", "sub", "super", "ultra", "mega",
    "cyber", "techno", "petro", "hydro", "electro", "thermo", "photo", "psycho", "neuro", "nano",
    "tele", "aero", "astro", "cardio", "demo", "ethno", "hyper", "infra", "mono", "poly", "proto",
    "retro", "sci", "trans", "tri", "uni", "vice",
];

/// Strips a possessive ending ("China's" → "China", "officials'" → "officials").
fn strip_possessive(word: &str) -> &str {
    for suffix in ["'s", "’s", "'S", "’S", "'", "’"] {
        if let Some(stem) = word.strip_suffix(suffix)
            && !stem.is_empty()
        {
            return stem;
        }
    }
    word
}

fn starts_upper(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || (c.is_alphabetic() && ('\u{c0}'..='\u{24f}').contains(&c))
}

fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '\u{2010}' | '\u{2011}')
}

/// Whether the word is prose rather than a hashtag, a handle, a file or domain name.
fn skippable_context_ok(text: &str, word: Word) -> bool {
    if matches!(
        char_before(text, word.start),
        Some('#' | '@' | '/' | '\\' | '.' | '_')
    ) {
        return false;
    }
    let rest = &text[word.end..];
    let mut after = rest.chars();
    match after.next() {
        Some('@' | '/' | '\\' | '_') => false,
        // "xinhuanet.com", "report.pdf": a full stop glued to letters.
        Some('.') => !after.next().is_some_and(char::is_alphanumeric),
        _ => true,
    }
}

/// Whether the word at `start` begins a sentence: nothing before it in the paragraph but
/// opening marks, or a sentence-ending mark (or a colon) before those.
pub(super) fn sentence_initial(text: &str, start: usize) -> bool {
    for c in text[..start].chars().rev() {
        if c.is_whitespace()
            || matches!(
                c,
                '"' | '\'' | '“' | '‘' | '(' | '[' | '«' | '*' | '#' | '>' | '-' | '–' | '—' | '•'
            )
        {
            continue;
        }
        return matches!(
            c,
            '.' | '!' | '?' | ':' | ';' | '…' | '。' | '”' | '’' | ')'
        );
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::{assert_silent, flagged};

    #[test]
    fn flags_misspellings() {
        assert_eq!(
            flagged(UnknownWord, "The goverment will recieve teh report.\n"),
            ["goverment", "recieve", "teh"]
        );
        // Letter typos of the usual kinds.
        assert_eq!(
            flagged(
                UnknownWord,
                "They announced the ecnomy, the econnomy, the economyy and the ecomony.\n"
            ),
            ["ecnomy", "econnomy", "economyy", "ecomony"]
        );
        // A part of a hyphenated word, a possessive, a sentence-initial near miss.
        assert_eq!(
            flagged(UnknownWord, "A well-knwon firm. Goverment's plan.\n"),
            ["knwon", "Goverment"]
        );
    }

    #[test]
    fn names_pinyin_acronyms_and_addresses_are_not_checked() {
        assert_silent(
            UnknownWord,
            &[
                "UN Secretary-General Antonio Guterres met officials from Rabobank.\n",
                "Xiaoguang said the Daxing airport near Langfang opened.\n",
                "Guterres spoke first. Later, Guterres left.\n",
                "The harbour and the harbor, the programme and the program.\n",
                "NATO, the WHO and PhD students use WeChat and iPhones.\n",
                "See https://example.com/abcdefg or mail info@exmaple.org.\n",
                "Tag #xyzzyq and handle @qwrtzz, the file reprot.pdf, `fooo_bar` code.\n",
                "It rose 3.5% to 12km in 2020s, the G20 and COVID-19.\n",
                "Xi'an and Walla Walla and Tomás welcomed China's officials' visit.\n",
                "Nour said the socio-economic and agro-pastoral zones grew.\n",
                "The chandlery by the harbour sold rope, rigging, etc. and approx. ten oars.\n",
                "Мы говорим по-русски, 我们说中文.\n",
            ],
        );
    }

    #[test]
    fn a_recurring_word_far_from_any_dictionary_word_is_a_word_of_the_document() {
        assert_silent(UnknownWord, &["The qxzvbn rose. Later the qxzvbn fell.\n"]);
        assert_eq!(
            flagged(UnknownWord, "The goverment said. The goverment left.\n"),
            ["goverment", "goverment"]
        );
    }

    #[test]
    fn glossary_terms_are_words() {
        use crate::check::terminology::{IndexedEntry, IndexedTerm, TermIndex};
        let index = TermIndex::new(vec![IndexedEntry {
            id: 1,
            sources: vec!["网信".to_string()],
            terms: vec![IndexedTerm {
                text: "cyberspacy governance".to_string(),
                status: TermStatus::Preferred,
                case_sensitive: false,
                reason: None,
            }],
        }]);
        let text = "The cyberspacy rules.\n";
        let doc = crate::document::Document::from_str_named("t.txt", text);
        let ctx = CheckContext::new(&doc).with_glossary(&index);
        let mut out = Vec::new();
        UnknownWord.check_document(&ctx, &mut out);
        assert!(out.is_empty(), "{out:?}");
        let mut out = Vec::new();
        UnknownWord.check_document(&CheckContext::new(&doc), &mut out);
        assert_eq!(out.len(), 1);
    }

    #[test]
    fn the_users_words_are_words_with_their_letter_case() {
        let text = "The dataframe and Qxbank, not qxbank.\n";
        let doc = crate::document::Document::from_str_named("t.txt", text);
        let flagged = |words: Option<&UserWords>| -> Vec<&str> {
            let issues = crate::check::CheckRequest::new(&doc, "en")
                .user_words(words)
                .run(&crate::check::Engine::new(vec![Box::new(UnknownWord)]));
            issues.iter().map(|i| &text[i.span.clone()]).collect()
        };
        assert_eq!(flagged(None), ["dataframe", "qxbank"]);
        let words = UserWords::new(["dataframe", "Qxbank"]);
        assert_eq!(flagged(Some(&words)), ["qxbank"]);
    }

    #[test]
    fn only_english_is_checked() {
        let doc = crate::document::Document::from_str_named("t.txt", "Le goverment.\n");
        let mut ctx = CheckContext::new(&doc);
        ctx.target_lang = "fr".to_string();
        let mut out = Vec::new();
        UnknownWord.check_document(&ctx, &mut out);
        assert!(out.is_empty());
    }
}
