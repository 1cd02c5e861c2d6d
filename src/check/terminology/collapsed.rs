//! `terminology.collapsed`: a repeated phrase that the glossary knows as a rendering of two
//! different concepts ("from a network power to a network power": 网络大国 and 网络强国
//! both became "network power") → an error naming both concepts and suggesting both
//! preferred terms, in glossary order and in reverse.
//!
//! It supersedes what other checks say about the same span: the repetition checks would
//! suggest dropping one side of what is in fact two concepts, and the deprecated and
//! inconsistent warnings on each side are covered by this one fix.

use std::collections::HashMap;
use std::ops::Range;

use super::normalize::{inflect_like, transfer_case_at};
use super::{DocumentMatch, TermRef};
use crate::check::grammar::article::{carry_article, fit_article_before};
use crate::check::repetition::repeated_phrases;
use crate::check::text::words;
use crate::check::{Category, Check, CheckContext, CheckInfo, Issue, Scope, Severity};

static INFO: CheckInfo = CheckInfo {
    id: "terminology.collapsed",
    category: Category::Terminology,
    severity: Severity::Error,
    summary: "two glossary concepts rendered by one repeated phrase",
    example: "from a network power to a network power (网络大国 → 网络强国)",
};

/// The checks whose issues within a collapsed span this check replaces.
const SUPERSEDES: &[&str] = &[
    "repetition.doubled",
    "repetition.tautology",
    "repetition.list-item",
    "repetition.separated",
    "repetition.bracket-echo",
    "terminology.deprecated",
    "terminology.inconsistent",
];

#[derive(Debug, Clone, Copy)]
pub struct CollapsedTerms;

impl Check for CollapsedTerms {
    fn info(&self) -> &'static CheckInfo {
        &INFO
    }

    fn scope(&self) -> Scope {
        Scope::Document
    }

    fn supersedes(&self) -> &'static [&'static str] {
        SUPERSEDES
    }

    fn check_document(&self, ctx: &CheckContext<'_>, out: &mut Vec<Issue>) {
        let Some(index) = ctx.glossary else { return };
        let matches = &ctx.term_matches().matches;
        // Paragraphs holding a term that stands for two or more concepts.
        let mut candidates: Vec<usize> = matches
            .iter()
            .filter(|m| distinct_entries(&m.found.refs).len() >= 2)
            .map(|m| m.paragraph)
            .collect();
        candidates.dedup();
        // The candidates' matches, gathered in one pass (a pass per paragraph was quadratic
        // in a one-line file), each paragraph's in order and not overlapping.
        let mut by_paragraph: HashMap<usize, Vec<&DocumentMatch>> =
            candidates.iter().map(|&p| (p, Vec::new())).collect();
        for m in matches {
            if let Some(list) = by_paragraph.get_mut(&m.paragraph) {
                list.push(m);
            }
        }
        for p in candidates {
            let span = ctx.doc.paragraphs()[p].span.clone();
            let offset = span.start;
            let text = ctx.doc.slice(span);
            let in_paragraph = &by_paragraph[&p];
            for rep in repeated_phrases(text, &words(text)) {
                let abs = |r: &Range<usize>| r.start + offset..r.end + offset;
                let (first, second) = (abs(&rep.first), abs(&rep.second));
                // The first match starting in `r` is the only one that can lie inside it.
                let inside = |r: &Range<usize>| {
                    let k = in_paragraph.partition_point(|m| m.found.span.start < r.start);
                    in_paragraph.get(k).filter(|m| m.found.span.end <= r.end)
                };
                let (Some(a), Some(b)) = (inside(&first), inside(&second)) else {
                    continue;
                };
                let entries = distinct_entries(&a.found.refs);
                if entries.len() < 2 || distinct_entries(&b.found.refs) != entries {
                    continue;
                }
                let (one, two) = (index.entry(entries[0]), index.entry(entries[1]));
                let whole = abs(&rep.span);
                let term_text = ctx.doc.slice(a.found.span.clone());
                // Each side keeps its own capitals and inflection ("network powers" →
                // "cyberpowers").
                let side = |m: &DocumentMatch, preferred: &str| {
                    let text = ctx.doc.slice(m.found.span.clone());
                    let term = &index.term(m.found.refs[0]).text;
                    let case = transfer_case_at(ctx.doc.text(), m.found.span.clone(), preferred);
                    inflect_like(text, term, &case)
                };
                // An article before a side is the one its new words take.
                let fix = |x: &str, y: &str| {
                    let mut s = String::new();
                    s.push_str(ctx.doc.slice(whole.start..a.found.span.start));
                    let x = side(a, x);
                    fit_article_before(&mut s, &x);
                    s.push_str(&x);
                    s.push_str(ctx.doc.slice(a.found.span.end..b.found.span.start));
                    let y = side(b, y);
                    fit_article_before(&mut s, &y);
                    s.push_str(&y);
                    s.push_str(ctx.doc.slice(b.found.span.end..whole.end));
                    s
                };
                let message = format!(
                    "\u{201c}{term_text}\u{201d} renders two concepts here, {} and {}: the \
                     repetition has collapsed them into one phrase",
                    one.label(),
                    two.label()
                );
                let issue = Issue::new(&INFO, whole.clone(), message)
                    .with_entry(one.id)
                    .with_entry(two.id)
                    .suggest(fix(one.preferred(), two.preferred()))
                    .suggest(fix(two.preferred(), one.preferred()))
                    .with_related(first)
                    .with_related(second);
                out.push(carry_article(ctx.doc.text(), issue));
            }
        }
    }
}

/// The entries (by index) a match stands for, in glossary order, without repeats.
fn distinct_entries(refs: &[TermRef]) -> Vec<TermRef> {
    let mut out: Vec<TermRef> = Vec::new();
    for r in refs {
        if !out.iter().any(|o| o.entry == r.entry) {
            out.push(TermRef {
                entry: r.entry,
                term: r.term,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::terminology::checks;
    use crate::check::terminology::testing::{glossary, run};
    use crate::check::{Engine, registry};
    use crate::document::Document;

    #[test]
    fn flags_two_concepts_collapsed_into_one_phrase() {
        let text = "China is striding forward from a network power to a network power.";
        let issues = run(CollapsedTerms, text);
        assert_eq!(issues.len(), 1);
        let i = &issues[0];
        assert_eq!(
            &text[i.span.clone()],
            "from a network power to a network power"
        );
        assert_eq!(
            i.suggestions,
            [
                "from a major internet country to a cyberpower",
                "from a cyberpower to a major internet country"
            ]
        );
        assert!(
            i.message
                .contains("网络大国 (major internet country) and 网络强国 (cyberpower)")
        );
        assert_eq!(i.entries, [1, 2]);
        assert_eq!(i.related.len(), 2);
        assert_eq!(i.severity, Severity::Error);
    }

    #[test]
    fn keeps_capitals_and_finds_back_to_back_phrases() {
        let text = "From a Network Power to a network power.";
        let issues = run(CollapsedTerms, text);
        assert_eq!(issues.len(), 1, "{issues:?}");
        assert_eq!(
            issues[0].suggestions[0],
            "From a Major Internet Country to a cyberpower"
        );
        let text = "We saw a network power a network power today.";
        let issues = run(CollapsedTerms, text);
        assert_eq!(issues.len(), 1, "{issues:?}");
        assert_eq!(
            &text[issues[0].span.clone()],
            "a network power a network power"
        );
    }

    #[test]
    fn keeps_the_inflection_of_each_side() {
        let text = "China went from network powers to network powers.";
        let issues = run(CollapsedTerms, text);
        assert_eq!(issues.len(), 1, "{issues:?}");
        assert_eq!(
            issues[0].suggestions,
            [
                "from major internet countries to cyberpowers",
                "from cyberpowers to major internet countries"
            ]
        );
        let text = "from a network power's view to a network power's view";
        let issues = run(CollapsedTerms, text);
        assert_eq!(issues.len(), 1, "{issues:?}");
        assert_eq!(
            issues[0].suggestions[0],
            "from a major internet country's view to a cyberpower's view"
        );
    }

    #[test]
    fn leaves_other_repetitions_alone() {
        for text in [
            "A clear and clear network ecosystem.",
            "From a cyberpower to a cyberpower.",
            "From network security to network security.",
            "A network power grows.",
            "From a network power to a cyberpower.",
        ] {
            assert!(run(CollapsedTerms, text).is_empty(), "{text}");
        }
    }

    #[test]
    fn supersedes_the_plain_repetition_and_the_term_issues_on_its_span() {
        let text = "China is striding forward from a network power to a network power.";
        let doc = Document::from_str_named("t.txt", text);
        let index = glossary();
        let mut all = registry::rule_checks();
        all.extend(checks());
        let engine = Engine::new(all);
        let issues = engine.run(&CheckContext::new(&doc).with_glossary(&index));
        let ids: Vec<&str> = issues.iter().map(|i| i.check).collect();
        assert_eq!(ids, ["terminology.collapsed"], "{issues:#?}");
        // Without the glossary, the repetition check reports it.
        let plain = Engine::new(registry::rule_checks()).run(&CheckContext::new(&doc));
        assert!(plain.iter().any(|i| i.check == "repetition.tautology"));
    }
}
