//! Checking a document against the glossary: the document's entries are read from the
//! store, and the terminology checks run over them, on a second thread while the rule
//! checks run. What `mtpe check` does for each file, and what an editor does on opening one.

use std::sync::Arc;

use rayon::prelude::*;

use super::{Glossary, GlossaryError};

use crate::check::terminology::{self, DocumentWords};
use crate::check::{Check, CheckContext, CheckRequest, Engine, Issue, Scope, sort_issues};
use crate::document::Document;

/// All issues of `doc`: those of `rules`, and, with a glossary, those of the terminology
/// checks for entries whose target language matches `target_lang`. Sorted as
/// [`Engine::run`] sorts them, with superseded issues removed.
pub fn check_document(
    doc: &Document,
    target_lang: &str,
    rules: &Engine,
    glossary: Option<&mut Glossary>,
) -> Result<Vec<Issue>, GlossaryError> {
    check_request(CheckRequest::new(doc, target_lang), rules, glossary)
}

/// [`check_document`] of what `request` asks (with the user's words, say).
pub fn check_request(
    request: CheckRequest<'_>,
    rules: &Engine,
    glossary: Option<&mut Glossary>,
) -> Result<Vec<Issue>, GlossaryError> {
    let doc = request.document();
    let target_lang = request.target_lang();
    let Some(glossary) = glossary else {
        return Ok(request.run(rules));
    };
    let terms = Engine::new(terminology::checks());
    // Split once: the rule checks and the glossary's scan both read these words.
    let words = Arc::new(DocumentWords::new(doc));
    let (mut issues, found) = std::thread::scope(|scope| {
        let (terms, shared) = (&terms, Arc::clone(&words));
        let glossary_side = scope.spawn(
            move || -> Result<(Vec<Issue>, std::collections::HashSet<String>), GlossaryError> {
                let index = glossary.index_for_split_document(doc, Some(&shared), target_lang)?;
                let words = crate::check::spelling::unknown_word::term_words(&index);
                Ok((
                    run_terminology(terms, &request.glossary(Some(&index)).context()),
                    words,
                ))
            },
        );
        let issues = request.words(&words).run(rules);
        let found = match glossary_side.join() {
            Ok(found) => found,
            Err(panic) => std::panic::resume_unwind(panic),
        };
        (issues, found)
    });
    let (found, index_words) = found?;
    // The rule checks ran without the glossary: its target terms are words too.
    crate::check::spelling::unknown_word::drop_glossary_words(doc, &mut issues, &index_words);
    issues.extend(found);
    terms.drop_superseded(&mut issues);
    sort_issues(&mut issues);
    // The configuration's severities and allowed phrases hold for the terminology too.
    rules.configure_issues(doc, &mut issues);
    Ok(issues)
}

/// Documents up to this size have their terminology checked on the glossary's thread
/// alone: the rule checks keep the thread pool busy meanwhile, and waiting for it would
/// cost more than the checks.
const SEQUENTIAL_MAX_BYTES: usize = 512 * 1024;

/// What `terms.run(ctx)` finds, with the (document-scope) checks on parallel threads for a
/// large document: they only read the document's matches, found once before.
fn run_terminology(terms: &Engine, ctx: &CheckContext<'_>) -> Vec<Issue> {
    let checks: Vec<&dyn Check> = terms.checks().collect();
    if checks.iter().any(|c| c.scope() != Scope::Document) {
        return terms.run(ctx);
    }
    ctx.term_matches();
    let run = |check: &&dyn Check| {
        let mut out = Vec::new();
        check.check_document(ctx, &mut out);
        out
    };
    let mut issues: Vec<Issue> = if ctx.doc.text().len() <= SEQUENTIAL_MAX_BYTES {
        checks.iter().flat_map(run).collect()
    } else {
        checks.par_iter().flat_map_iter(run).collect()
    };
    terms.drop_superseded(&mut issues);
    sort_issues(&mut issues);
    issues
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::registry;
    use crate::glossary::Fill;

    /// `doc`'s issues with the shipped glossary as `check_document` finds them (rules and
    /// terminology on two threads, the words split once), and as one engine over all the
    /// checks finds them, each check splitting the text itself.
    fn split_and_together(doc: &Document) -> (Vec<Issue>, Vec<Issue>) {
        let mut g = Glossary::in_memory(Fill::Shipped).expect("glossary");
        let rules = Engine::new(registry::rule_checks());
        let split = check_document(doc, "en", &rules, Some(&mut g)).expect("checked");
        let index = g.index_for_document(doc, "en").expect("index");
        let mut all = registry::rule_checks();
        all.extend(registry::terminology_checks());
        let together = Engine::new(all).run(&CheckContext::new(doc).with_glossary(&index));
        (split, together)
    }

    #[test]
    fn equals_one_engine_over_all_checks() {
        let text =
            "China moves from a network power to a network power.\nThe the network security law.\n";
        let doc = Document::from_str_named("t.txt", text);
        let (split, together) = split_and_together(&doc);
        assert_eq!(split, together);
        let ids: Vec<&str> = split.iter().map(|i| i.check).collect();
        assert!(ids.contains(&"terminology.collapsed"), "{ids:?}");
        assert!(ids.contains(&"terminology.deprecated"), "{ids:?}");
        assert!(ids.contains(&"repetition.doubled"), "{ids:?}");
        let rules = Engine::new(registry::rule_checks());
        let without = check_document(&doc, "en", &rules, None).expect("checked");
        assert!(without.iter().all(|i| !i.check.starts_with("terminology.")));
    }

    #[test]
    fn a_large_document_split_once_finds_what_each_finds_alone() {
        // Large enough to be split, scanned and matched in parallel; prose in several
        // scripts, markdown blocks that are not prose.
        let sample = include_str!("../../fixtures/cyberspace-review.mt.txt");
        let extra = "\n\n# Été à Paris: the network power’s cafés\n\n    code: network power\n\n\
                     Strong online countries and a network security law — naïve co‑operation.\n\n";
        let text = format!("{sample}{extra}").repeat(24);
        assert!(text.len() > 600 * 1024);
        let doc = Document::from_str_named("large.md", &text);
        let (split, together) = split_and_together(&doc);
        assert_eq!(split.len(), together.len());
        assert_eq!(split, together);
        let rule_issues = split
            .iter()
            .filter(|i| !i.check.starts_with("terminology."));
        let term_issues = split.iter().filter(|i| i.check.starts_with("terminology."));
        assert!(rule_issues.count() > 500);
        assert!(term_issues.count() > 200);
        // The rule checks alone, with the words split before and without.
        let words = DocumentWords::new(&doc);
        let rules = Engine::new(registry::rule_checks());
        let with_words = rules.run(&CheckContext::new(&doc).with_words(&words));
        assert_eq!(with_words, rules.run(&CheckContext::new(&doc)));
    }
}
