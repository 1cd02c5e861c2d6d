//! `terminology.inconsistent`: one concept rendered two or more ways in one document
//! ("Strong Cyber Country", "network power" and "strong online country" for 网络强国) → a
//! warning on every occurrence that is not the reference rendering, naming the others.
//!
//! The reference rendering is the preferred term if the document uses it, else the most
//! frequent accepted (preferred or admitted) rendering, else the most frequent rendering;
//! ties go to the earliest. Variants that differ only by an inflection ("network power",
//! "network powers") are one rendering.

use std::collections::BTreeMap;
use std::ops::Range;

use super::normalize::{Suggestions, term_key};
use super::{TermRef, TermStatus};
use crate::check::{Category, Check, CheckContext, CheckInfo, Issue, Scope, Severity};

static INFO: CheckInfo = CheckInfo {
    id: "terminology.inconsistent",
    category: Category::Terminology,
    severity: Severity::Warning,
    summary: "one concept rendered in different ways in one document",
    example: "Strong Cyber Country … a strong online country (both 网络强国)",
};

/// Related spans listed per other rendering.
const RELATED_PER_RENDERING: usize = 3;

#[derive(Debug, Clone, Copy)]
pub struct InconsistentTerm;

/// The occurrences of one rendering (one term of the entry).
#[derive(Debug, Default)]
struct Rendering {
    spans: Vec<Range<usize>>,
}

impl Check for InconsistentTerm {
    fn info(&self) -> &'static CheckInfo {
        &INFO
    }

    fn scope(&self) -> Scope {
        Scope::Document
    }

    fn check_document(&self, ctx: &CheckContext<'_>, out: &mut Vec<Issue>) {
        let Some(index) = ctx.glossary else { return };
        // entry → term → occurrences, in document order.
        let mut by_entry: BTreeMap<u32, BTreeMap<u32, Rendering>> = BTreeMap::new();
        for m in &ctx.term_matches().matches {
            let text = ctx.doc.slice(m.found.span.clone());
            let mut refs: Vec<TermRef> = Vec::with_capacity(m.found.refs.len());
            for r in &m.found.refs {
                // One occurrence is one rendering of an entry, even when it reads as two of
                // its terms ("internet of things": the preferred "Internet of Things" and
                // the plural of the deprecated "internet of thing").
                match refs.iter_mut().find(|x| x.entry == r.entry) {
                    Some(x) => {
                        if reads_better(text, index.term(*r), index.term(*x)) {
                            *x = *r;
                        }
                    }
                    None => refs.push(*r),
                }
            }
            for r in refs {
                by_entry
                    .entry(r.entry)
                    .or_default()
                    .entry(r.term)
                    .or_default()
                    .spans
                    .push(m.found.span.clone());
            }
        }
        let mut suggestions = Suggestions::default();
        for (entry_idx, renderings) in by_entry {
            if renderings.len() < 2 {
                continue;
            }
            let at = |term: u32| TermRef {
                entry: entry_idx,
                term,
            };
            let entry = index.entry(at(0));
            let status = |term: u32| index.term(at(term)).status;
            let reference = pick_reference(&renderings, status);
            let describe = |term: u32, rendering: &Rendering| {
                let first = &rendering.spans[0];
                let line = ctx.doc.position(first.start).line;
                let text = ctx.doc.slice(first.clone());
                let times = match rendering.spans.len() {
                    1 => String::new(),
                    n => format!(", {n} times"),
                };
                let tag = if term != reference {
                    ""
                } else if status(term) == TermStatus::Preferred {
                    ", preferred"
                } else if renderings
                    .iter()
                    .any(|(t, r)| *t != term && r.spans.len() == rendering.spans.len())
                {
                    ", first used"
                } else {
                    ", most used"
                };
                format!("\u{201c}{text}\u{201d} (line {line}{times}{tag})")
            };
            let label = entry.label();
            let suggestion_term = if status(reference) == TermStatus::Deprecated {
                entry.preferred()
            } else {
                index.term(at(reference)).text.as_str()
            };
            for (&term, rendering) in &renderings {
                if term == reference {
                    continue;
                }
                // Never name an occurrence's own text as another rendering.
                let own = ctx.doc.slice(rendering.spans[0].clone()).to_lowercase();
                let others: Vec<String> = renderings
                    .iter()
                    .filter(|(t, r)| {
                        **t != term && ctx.doc.slice(r.spans[0].clone()).to_lowercase() != own
                    })
                    .map(|(t, r)| describe(*t, r))
                    .collect();
                if others.is_empty() {
                    continue;
                }
                let others = super::join_and(&others);
                for span in &rendering.spans {
                    let original = ctx.doc.slice(span.clone());
                    let mut issue = Issue::new(
                        &INFO,
                        span.clone(),
                        format!(
                            "{label} is rendered {} ways in this document: \u{201c}{original}\u{201d} here, and {others}",
                            renderings.len(),
                        ),
                    )
                    .with_entry(entry.id)
                    .suggest(suggestions.get(
                        ctx.doc.text(),
                        span.clone(),
                        &index.term(at(term)).text,
                        suggestion_term,
                    ));
                    for (_, other) in renderings.iter().filter(|(t, _)| **t != term) {
                        for s in other.spans.iter().take(RELATED_PER_RENDERING) {
                            issue = issue.with_related(s.clone());
                        }
                    }
                    out.push(issue);
                }
            }
        }
    }
}

/// Whether `a` is a better reading than `b` of an occurrence `text` that matched both:
/// the term written as the text (ignoring case and spacing) first, then the better status
/// (preferred, admitted, deprecated).
fn reads_better(text: &str, a: &super::IndexedTerm, b: &super::IndexedTerm) -> bool {
    let key = term_key(text);
    let exact = |t: &super::IndexedTerm| term_key(&t.text) == key;
    (!exact(b) && exact(a)) || (exact(a) == exact(b) && a.status < b.status)
}

/// The rendering the others are measured against.
fn pick_reference(
    renderings: &BTreeMap<u32, Rendering>,
    status: impl Fn(u32) -> TermStatus,
) -> u32 {
    if let Some((&t, _)) = renderings
        .iter()
        .find(|(t, _)| status(**t) == TermStatus::Preferred)
    {
        return t;
    }
    let best = |accepted_only: bool| {
        renderings
            .iter()
            .filter(|(t, _)| !accepted_only || status(**t) != TermStatus::Deprecated)
            .max_by(|(_, a), (_, b)| {
                a.spans
                    .len()
                    .cmp(&b.spans.len())
                    .then(b.spans[0].start.cmp(&a.spans[0].start))
            })
            .map(|(t, _)| *t)
    };
    best(true).or_else(|| best(false)).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::terminology::testing::{flagged, run};

    #[test]
    fn warns_on_renderings_other_than_the_reference() {
        let text = "Towards a Strong Cyber Country.\nOn the road to a network power.\nA strong online country.\nA strong cyber country again.";
        let issues = run(InconsistentTerm, text);
        let spans: Vec<&str> = issues.iter().map(|i| &text[i.span.clone()]).collect();
        assert_eq!(spans, ["network power", "strong online country"]);
        assert_eq!(issues[0].severity, Severity::Warning);
        assert_eq!(issues[0].entries, [2]);
        assert_eq!(issues[0].suggestions, ["strong cyber country"]);
        assert!(
            issues[0]
                .message
                .contains("\u{201c}Strong Cyber Country\u{201d} (line 1, 2 times, most used)"),
            "{}",
            issues[0].message
        );
        assert!(
            issues[0].message.contains("(line 3)"),
            "{}",
            issues[0].message
        );
        assert_eq!(issues[0].related.len(), 3);
    }

    #[test]
    fn the_preferred_term_is_the_reference_when_present() {
        let text = "A cyberpower. Two cyber powers. A cyber power.";
        let issues = run(InconsistentTerm, text);
        let spans: Vec<&str> = issues.iter().map(|i| &text[i.span.clone()]).collect();
        assert_eq!(spans, ["cyber powers", "cyber power"]);
        // The suggestion keeps the occurrence's plural.
        assert_eq!(issues[0].suggestions, ["cyberpowers"]);
        assert_eq!(issues[1].suggestions, ["cyberpower"]);
    }

    #[test]
    fn only_deprecated_renderings_suggest_the_preferred_term() {
        let text = "A network power and a strong online country and a network power.";
        let issues = run(InconsistentTerm, text);
        let spans: Vec<&str> = issues.iter().map(|i| &text[i.span.clone()]).collect();
        assert_eq!(spans, ["strong online country"]);
        assert_eq!(issues[0].suggestions, ["cyberpower"]);
    }

    #[test]
    fn an_occurrence_that_reads_as_two_terms_of_one_entry_is_one_rendering() {
        use crate::check::terminology::TermIndex;
        use crate::check::terminology::testing::entry;
        let index = TermIndex::new(vec![entry(
            1,
            "物联网",
            "Internet of Things",
            &[("internet of thing", TermStatus::Deprecated)],
        )]);
        let issues = |text: &str| {
            let doc = crate::document::Document::from_str_named("t.txt", text);
            let engine = crate::check::Engine::new(vec![Box::new(InconsistentTerm)]);
            engine.run(&CheckContext::new(&doc).with_glossary(&index))
        };
        // "internet of things" is the preferred term and the plural of the deprecated one.
        assert!(issues("The internet of things.").is_empty());
        assert!(issues("The Internet of Things and the internet of things.").is_empty());
        // A real second rendering is still reported, naming the other text only.
        let found = issues("The internet of things.\nOne internet of thing.");
        assert_eq!(found.len(), 1, "{found:?}");
        let m = &found[0].message;
        assert!(m.contains("\u{201c}internet of thing\u{201d} here"), "{m}");
        assert!(
            m.contains("\u{201c}internet of things\u{201d} (line 1, preferred)"),
            "{m}"
        );
    }

    #[test]
    fn one_rendering_or_inflections_are_consistent() {
        for text in [
            "A cyberpower, two cyberpowers, the cyberpower's reach.",
            "Network security, network securities, and the network security's laws.",
            "A Cyber Power and a cyber power.",
            "The community with a shared future in cyberspace.",
            "No glossary term here at all.",
        ] {
            assert!(flagged(InconsistentTerm, text).is_empty(), "{text}");
        }
    }
}
