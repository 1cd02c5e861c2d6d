//! Checks: pure functions from a document (and, where given, a glossary) to issues, and the
//! engine that runs them.
//!
//! Each check lives in its own file under a category module, implements [`Check`], and is
//! listed once in [`registry`]. A check declares a stable id, a category and a default
//! severity in its [`CheckInfo`], and is tested with texts it must flag and texts it must not.
//! Front ends state what to check as a [`CheckRequest`] and run [`Engine::standard`]; a
//! bilingual file is checked whole by [`check_bilingual`], whose request also carries the
//! units' sources ([`BilingualUnits`]) for the source-aware checks.

pub mod accuracy;
mod bilingual;
pub mod custom;
mod engine;
mod issue;
mod options;
pub mod registry;
mod request;
pub mod text;

pub mod debris;
pub mod fragment;
pub mod garbled;
pub mod grammar;
pub mod markup;
pub mod punctuation;
pub mod repetition;
pub mod spelling;
pub mod style;
pub mod terminology;

pub use bilingual::{BilingualUnits, UnitView, check_bilingual, check_bilingual_with};
pub use engine::{CheckContext, Engine, ParagraphView, pieces, sort_issues};
pub use issue::{
    Category, CheckInfo, Issue, IssueRecord, IssueSide, RelatedRecord, Severity, UnitRef,
};
pub use options::CheckOptions;
pub use request::CheckRequest;

/// A check. Paragraph-scope checks see one prose paragraph at a time (so an editor can
/// re-check only what changed); document-scope checks see the whole document.
pub trait Check: Send + Sync {
    /// The check's id, category, severity and one-line description.
    fn info(&self) -> &'static CheckInfo;

    /// Which method the engine calls.
    fn scope(&self) -> Scope {
        Scope::Paragraph
    }

    /// Called once per prose paragraph for [`Scope::Paragraph`] checks.
    fn check_paragraph(&self, _para: &ParagraphView<'_>, _out: &mut Vec<Issue>) {}

    /// Called once per document for [`Scope::Document`] checks.
    fn check_document(&self, _ctx: &CheckContext<'_>, _out: &mut Vec<Issue>) {}

    /// Ids of checks whose issues this check's issues replace when they lie within its
    /// span (`terminology.collapsed` replaces the plain repetition of the same phrase).
    fn supersedes(&self) -> &'static [&'static str] {
        &[]
    }
}

/// What a check looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// One paragraph at a time, independent of the rest of the document.
    Paragraph,
    /// The whole document (duplicates across lines, consistency of terms).
    Document,
}

#[cfg(test)]
pub(crate) mod testing {
    //! Helpers for the checks' own tests.
    use super::{Check, CheckContext, Engine, Issue};
    use crate::document::Document;

    /// Runs one check on `text` (as a plain `.txt` document) and returns its issues.
    pub fn run(check: impl Check + 'static, text: &str) -> Vec<Issue> {
        run_named(check, "test.txt", text)
    }

    pub fn run_named(check: impl Check + 'static, name: &str, text: &str) -> Vec<Issue> {
        let doc = Document::from_str_named(name, text);
        let engine = Engine::new(vec![Box::new(check)]);
        engine.run(&CheckContext::new(&doc))
    }

    /// The flagged texts.
    pub fn flagged(check: impl Check + 'static, text: &str) -> Vec<String> {
        run(check, text)
            .into_iter()
            .map(|i| text[i.span].to_string())
            .collect()
    }

    /// Runs one source-aware check on `target` as the translation of `source` (an aligned
    /// pair of one segment each): its issues, spans in the target or (source side) in the
    /// source.
    pub fn run_pair(check: impl Check + 'static, source: &str, target: &str) -> Vec<Issue> {
        let file = crate::document::units::BilingualFile::align(
            &Document::from_str_named("source.txt", source),
            &Document::from_str_named("target.txt", target),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        run_units(check, &file, "en")
    }

    /// Runs one check on the joined targets of `file` with its units; spans in the joined
    /// text, or (source side) in the unit's source.
    pub fn run_units(
        check: impl Check + 'static,
        file: &crate::document::units::BilingualFile,
        lang: &str,
    ) -> Vec<Issue> {
        let joined = file.joined_targets();
        let doc = joined.document(file.name());
        let units = super::BilingualUnits::new(file, &joined).with_source_lang("zh");
        let engine = Engine::new(vec![Box::new(check)]);
        super::CheckRequest::new(&doc, lang)
            .units(&units)
            .run(&engine)
    }

    /// The texts a source-aware check flags in a one-segment pair, source-side ones
    /// prefixed `source:`.
    pub fn flagged_pair(check: impl Check + 'static, source: &str, target: &str) -> Vec<String> {
        let (s, t) = (source.trim_end(), target.trim_end());
        run_pair(check, source, target)
            .into_iter()
            .map(|i| {
                if i.is_in_source() {
                    format!("source:{}", &s[i.span])
                } else {
                    t[i.span].to_string()
                }
            })
            .collect()
    }

    /// Asserts that a source-aware check is silent on each (source, target) pair.
    pub fn assert_silent_pairs<C: Check + Clone + 'static>(check: C, pairs: &[(&str, &str)]) {
        for (s, t) in pairs {
            let flagged = flagged_pair(check.clone(), s, t);
            assert!(
                flagged.is_empty(),
                "{} flagged {flagged:?} in {s:?} → {t:?}: {:?}",
                check.info().id,
                run_pair(check.clone(), s, t)
                    .iter()
                    .map(|i| i.message.clone())
                    .collect::<Vec<_>>()
            );
        }
    }

    /// Asserts that none of `texts` is flagged.
    pub fn assert_silent<C: Check + Clone + 'static>(check: C, texts: &[&str]) {
        for t in texts {
            let issues = run(check.clone(), t);
            assert!(
                issues.is_empty(),
                "{} flagged {:?} in {t:?}: {:?}",
                check.info().id,
                issues
                    .iter()
                    .map(|i| &t[i.span.clone()])
                    .collect::<Vec<_>>(),
                issues.iter().map(|i| &i.message).collect::<Vec<_>>()
            );
        }
    }
}
