//! A check request: what to check and what the checks may consult besides the text. Every
//! front end (the editor's session and its worker, `mtpe check`, the reports of `mtpe
//! diff`) states its checks' input here, in one way, and gets the [`CheckContext`] the
//! checks see from it; and [`Engine::standard`] is the set of checks they run.
//!
//! For a bilingual file the request also carries its units ([`BilingualUnits`]: each
//! target's range in the checked text, its source, languages, codes and state), which the
//! source-aware checks read; a monolingual text has none and is checked exactly as before.
//! What a later request carries goes here too, so that no front end builds it by hand
//! (the configuration of a run: which checks, severity overrides).

use super::bilingual::BilingualUnits;
use super::spelling::UserWords;
use super::terminology::{DocumentWords, TermIndex};
use super::{CheckContext, Engine, Issue};
use crate::document::Document;

/// The input of one run of the checks.
#[derive(Clone, Copy)]
pub struct CheckRequest<'a> {
    doc: &'a Document,
    target_lang: &'a str,
    glossary: Option<&'a TermIndex>,
    words: Option<&'a DocumentWords>,
    units: Option<&'a BilingualUnits<'a>>,
    user_words: Option<&'a UserWords>,
}

impl<'a> CheckRequest<'a> {
    /// Checks of `doc`, a text in `target_lang` (BCP 47: the translation's language).
    pub fn new(doc: &'a Document, target_lang: &'a str) -> Self {
        CheckRequest {
            doc,
            target_lang,
            glossary: None,
            words: None,
            units: None,
            user_words: None,
        }
    }

    /// The glossary entries that can occur in the document, for the terminology checks
    /// (silent without them).
    pub fn glossary(mut self, index: Option<&'a TermIndex>) -> Self {
        self.glossary = index;
        self
    }

    /// The document's words, split before (used only if split from this very document),
    /// so that the checks do not split the text again.
    pub fn words(mut self, words: &'a DocumentWords) -> Self {
        self.words = Some(words);
        self
    }

    /// The units of the bilingual file whose targets the document holds, for the
    /// source-aware checks (silent without them).
    pub fn units(mut self, units: &'a BilingualUnits<'a>) -> Self {
        self.units = Some(units);
        self
    }

    /// The user's own words (the user's dictionary), known to the spelling checks.
    pub fn user_words(mut self, words: Option<&'a UserWords>) -> Self {
        self.user_words = words.filter(|w| !w.is_empty());
        self
    }

    pub fn document(&self) -> &'a Document {
        self.doc
    }

    pub fn target_lang(&self) -> &'a str {
        self.target_lang
    }

    /// The context the checks see.
    pub fn context(&self) -> CheckContext<'a> {
        let mut ctx = CheckContext::new(self.doc);
        self.target_lang.clone_into(&mut ctx.target_lang);
        if let Some(index) = self.glossary {
            ctx = ctx.with_glossary(index);
        }
        if let Some(words) = self.words {
            ctx = ctx.with_words(words);
        }
        ctx.units = self.units;
        ctx.user_words = self.user_words;
        ctx
    }

    /// Runs every check of `engine` ([`Engine::run`]).
    pub fn run(&self, engine: &Engine) -> Vec<Issue> {
        engine.run(&self.context())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::registry;
    use crate::glossary::{Fill, Glossary};

    #[test]
    fn the_context_carries_what_was_asked() {
        let doc = Document::from_str_named("t.txt", "网络空间 is in Chinese.\n");
        let words = DocumentWords::new(&doc);
        let plain = CheckRequest::new(&doc, "en").context();
        assert_eq!(plain.target_lang, "en");
        assert!(plain.glossary.is_none());
        let cjk = CheckRequest::new(&doc, "zh-Hans").words(&words).context();
        assert!(cjk.target_is_cjk());
        let glossary = Glossary::in_memory(Fill::Shipped).expect("glossary");
        let index = glossary.index_for_document(&doc, "en").expect("index");
        let with = CheckRequest::new(&doc, "en")
            .glossary(Some(&index))
            .context();
        assert!(with.glossary.is_some());
    }

    #[test]
    fn the_standard_engine_adds_the_terminology_checks_for_a_glossary() {
        let ids = |engine: Engine| -> Vec<&str> { engine.checks().map(|c| c.info().id).collect() };
        let rules = ids(Engine::standard(false));
        let all = ids(Engine::standard(true));
        assert_eq!(rules.len(), registry::rule_checks().len());
        assert_eq!(
            all.len(),
            rules.len() + registry::terminology_checks().len()
        );
        assert!(all.iter().any(|id| id.starts_with("terminology.")));
        assert!(!rules.iter().any(|id| id.starts_with("terminology.")));
    }
}
