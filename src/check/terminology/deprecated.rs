//! `terminology.deprecated`: a rendering the glossary deprecates ("network power" for
//! 网络强国) → an error suggesting the preferred term, capitalised like the original.
//!
//! When the document renders the concept in other ways too, the message names them (the
//! inconsistency is this issue's, not a second one on the same span) and the issue links
//! their places; see [`renderings`](super::renderings).

use std::collections::HashMap;

use super::normalize::{inflect_like, transfer_case_at};
use super::renderings::{Renderings, readings};
use super::{TermStatus, join_and};
use crate::check::grammar::article::carry_article;
use crate::check::{Category, Check, CheckContext, CheckInfo, Issue, Scope, Severity};

static INFO: CheckInfo = CheckInfo {
    id: "terminology.deprecated",
    category: Category::Terminology,
    severity: Severity::Error,
    summary: "a rendering the glossary deprecates; suggests the preferred term",
    example: "China is marching towards a network power (网络强国: cyberpower)",
};

#[derive(Debug, Clone, Copy)]
pub struct DeprecatedTerm;

impl Check for DeprecatedTerm {
    fn info(&self) -> &'static CheckInfo {
        &INFO
    }

    fn scope(&self) -> Scope {
        Scope::Document
    }

    fn check_document(&self, ctx: &CheckContext<'_>, out: &mut Vec<Issue>) {
        let Some(index) = ctx.glossary else { return };
        let renderings = Renderings::of(index, ctx);
        // Per (entry, term): how the message names the entry's other renderings.
        let mut others_of: HashMap<(u32, u32), String> = HashMap::new();
        let mut refs = Vec::new();
        for m in &ctx.term_matches().matches {
            let original = ctx.doc.slice(m.found.span.clone());
            // A rendering that some entry accepts is not wrong as such.
            if m.found
                .refs
                .iter()
                .any(|r| index.term(*r).status != TermStatus::Deprecated)
            {
                continue;
            }
            readings(index, original, m, &mut refs);
            let mut concepts = Vec::new();
            let mut reasons = Vec::new();
            let mut issue = Issue::new(&INFO, m.found.span.clone(), "");
            for r in &refs {
                let entry = index.entry(*r);
                issue = issue.with_entry(entry.id);
                let label = entry.label();
                if !concepts.contains(&label) {
                    concepts.push(label);
                }
                if let Some(reason) = &index.term(*r).reason
                    && !reason.is_empty()
                    && !reasons.contains(reason)
                {
                    reasons.push(reason.clone());
                }
                // "network powers" → "cyberpowers": the match's ending, on the suggestion.
                let term = &index.term(*r).text;
                issue = issue.suggest(inflect_like(
                    original,
                    term,
                    &transfer_case_at(ctx.doc.text(), m.found.span.clone(), entry.preferred()),
                ));
            }
            let mut message = format!(
                "\u{201c}{original}\u{201d} is a deprecated rendering of {}",
                join_and(&concepts)
            );
            if !reasons.is_empty() {
                message.push_str(": ");
                message.push_str(&reasons.join("; "));
            }
            for r in &refs {
                let Some(er) = renderings.get(r.entry) else {
                    continue;
                };
                let others = others_of
                    .entry((r.entry, r.term))
                    .or_insert_with(|| join_and(&er.others(ctx, index, r.term)));
                if others.is_empty() {
                    continue;
                }
                message.push_str("; inconsistent: this document also has ");
                message.push_str(others);
                if refs.len() > 1 {
                    message.push_str(" for ");
                    message.push_str(&index.entry(*r).label());
                }
                issue = er.related(r.term).fold(issue, Issue::with_related);
            }
            issue.message = message;
            out.push(carry_article(ctx.doc.text(), issue));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::terminology::testing::{flagged, run};

    #[test]
    fn flags_deprecated_renderings_with_the_preferred_term() {
        let issues = run(
            DeprecatedTerm,
            "Network power is the goal of a strong online country.",
        );
        assert_eq!(issues.len(), 2);
        assert_eq!(
            issues[0].suggestions,
            ["Major internet country", "Cyberpower"]
        );
        assert_eq!(issues[0].entries, [1, 2]);
        assert!(
            issues[0]
                .message
                .contains("网络大国 (major internet country) and 网络强国 (cyberpower)"),
            "{}",
            issues[0].message
        );
        assert_eq!(issues[1].suggestions, ["cyberpower"]);
        assert_eq!(issues[1].entries, [2]);
        assert!(
            issues[1]
                .message
                .contains("(cyberpower): literal rendering; inconsistent: "),
            "{}",
            issues[1].message
        );
        assert_eq!(issues[1].severity, Severity::Error);
    }

    #[test]
    fn one_issue_names_the_other_renderings_of_the_concept() {
        let text = "Towards a Strong Cyber Country.\nA strong online country.\nTwo cyberpowers.";
        let issues = run(DeprecatedTerm, text);
        assert_eq!(issues.len(), 1, "{issues:#?}");
        let i = &issues[0];
        assert_eq!(&text[i.span.clone()], "strong online country");
        assert_eq!(i.entries, [2]);
        assert_eq!(i.suggestions, ["cyberpower"]);
        assert_eq!(
            i.message,
            "\u{201c}strong online country\u{201d} is a deprecated rendering of 网络强国 \
             (cyberpower): literal rendering; inconsistent: this document also has \
             \u{201c}cyberpowers\u{201d} (line 3, preferred) and \u{201c}Strong Cyber Country\u{201d} \
             (line 1, admitted)"
        );
        let related: Vec<&str> = i.related.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(related, ["cyberpowers", "Strong Cyber Country"]);
        // A rendering two entries deprecate names the concept whose renderings it lists.
        let text = "A network power.\nA cyber power.";
        let issues = run(DeprecatedTerm, text);
        assert_eq!(issues[0].entries, [1, 2]);
        assert!(
            issues[0].message.ends_with(
                "inconsistent: this document also has \u{201c}cyber power\u{201d} (line 2, \
                 admitted) for 网络强国 (cyberpower)"
            ),
            "{}",
            issues[0].message
        );
        // Alone, it is just deprecated.
        let issues = run(DeprecatedTerm, "A network power, two network powers.");
        assert!(issues.iter().all(|i| !i.message.contains("inconsistent")));
        assert!(issues.iter().all(|i| i.related.is_empty()));
    }

    #[test]
    fn flags_inflected_and_wrapped_forms() {
        assert_eq!(
            flagged(
                DeprecatedTerm,
                "Their network securities and the network\nsecurity's laws."
            ),
            ["network securities", "network\nsecurity's"]
        );
        assert_eq!(
            flagged(
                DeprecatedTerm,
                "The Central Cyberspace Administration said."
            ),
            ["Central Cyberspace Administration"]
        );
        let issues = run(
            DeprecatedTerm,
            "The Central Cyberspace Administration said.",
        );
        assert_eq!(issues[0].suggestions, ["CAC"]);
        assert!(issues[0].message.contains("\u{201c}CAC\u{201d}"));
    }

    #[test]
    fn suggestions_keep_the_plural_and_possessive_of_the_match() {
        let suggestions = |text: &str| -> Vec<Vec<String>> {
            run(DeprecatedTerm, text)
                .into_iter()
                .map(|i| i.suggestions)
                .collect()
        };
        assert_eq!(
            suggestions("The strong online country's plan and two strong online countries."),
            [vec!["cyberpower's"], vec!["cyberpowers"]]
        );
        assert_eq!(
            suggestions("Network securities matter; network security's rules."),
            [vec!["Cybersecurities"], vec!["cybersecurity's"]]
        );
        assert_eq!(
            suggestions("Network powers grow."),
            [vec!["Major internet countries", "Cyberpowers"]]
        );
        assert_eq!(
            suggestions("the Central Cyberspace Administration's rules"),
            [vec!["CAC's"]]
        );
    }

    #[test]
    fn an_acronym_is_not_shouting_but_a_heading_in_capitals_is() {
        use crate::check::terminology::TermIndex;
        use crate::check::terminology::testing::entry;
        let index = TermIndex::new(vec![entry(
            1,
            "网信办",
            "Cyberspace Administration of China",
            &[("CCA", TermStatus::Deprecated)],
        )]);
        let suggestion = |text: &str| {
            let doc = crate::document::Document::from_str_named("t.txt", text);
            let engine = crate::check::Engine::new(vec![Box::new(DeprecatedTerm)]);
            engine.run(&CheckContext::new(&doc).with_glossary(&index))[0]
                .suggestions
                .clone()
        };
        assert_eq!(
            suggestion("The CCA said so."),
            ["Cyberspace Administration of China"]
        );
        assert_eq!(
            suggestion("THE CCA SAID SO\n\nBody text."),
            ["CYBERSPACE ADMINISTRATION OF CHINA"]
        );
        assert_eq!(
            run(DeprecatedTerm, "NETWORK POWER RISES")[0].suggestions,
            ["MAJOR INTERNET COUNTRY", "CYBERPOWER"]
        );
    }

    #[test]
    fn leaves_accepted_renderings_and_other_words_alone() {
        for text in [
            "China aims to become a cyberpower, a cyber power, a strong cyber country.",
            "The networks power the city; network-power is a compound.",
            "Visit https://example.com/network power or `network power` in code.",
            "cybersecurity matters",
        ] {
            assert!(flagged(DeprecatedTerm, text).is_empty(), "{text}");
        }
    }

    #[test]
    fn silent_without_a_glossary() {
        let doc = crate::document::Document::from_str_named("t.txt", "a network power");
        let engine = crate::check::Engine::new(vec![Box::new(DeprecatedTerm)]);
        assert!(engine.run(&CheckContext::new(&doc)).is_empty());
    }
}
