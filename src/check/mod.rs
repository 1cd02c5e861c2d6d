//! Checks: pure functions from a document (and, where given, a glossary) to issues, and the
//! engine that runs them.
//!
//! Each check lives in its own file under a category module, implements [`Check`], and is
//! listed once in [`registry`]. A check declares a stable id, a category and a default
//! severity in its [`CheckInfo`], and is tested with texts it must flag and texts it must not.
//! Front ends state what to check as a [`CheckRequest`] and run [`Engine::standard`].

mod engine;
mod issue;
pub mod registry;
mod request;
pub mod text;

pub mod debris;
pub mod fragment;
pub mod garbled;
pub mod punctuation;
pub mod repetition;
pub mod terminology;

pub use engine::{CheckContext, Engine, ParagraphView, pieces, sort_issues};
pub use issue::{Category, CheckInfo, Issue, IssueRecord, RelatedRecord, Severity};
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
