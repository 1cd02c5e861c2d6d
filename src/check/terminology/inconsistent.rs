//! `terminology.inconsistent`: one concept rendered two or more ways in one document
//! ("Strong Cyber Country" and "cyber power" for 网络强国) → an issue on every accepted
//! rendering that is not the reference one, naming the others.
//!
//! The reference rendering ([`Reference`]) is the preferred term when the document uses it
//! or has a deprecated rendering of the concept, else the most used admitted term. An
//! admitted variant beside the preferred term is `info` (the glossary accepts it; the
//! document is merely not uniform); two admitted variants without the preferred term are a
//! `warning`. Deprecated renderings are `terminology.deprecated`'s, whose message names
//! the other renderings: one issue per span. Variants that differ only by an inflection
//! ("cyber power", "cyber powers") are one rendering.

use super::normalize::Suggestions;
use super::renderings::{Reference, Renderings};
use super::{TermRef, TermStatus};
use crate::check::grammar::article::carry_article;
use crate::check::{Category, Check, CheckContext, CheckInfo, Issue, Scope, Severity};

static INFO: CheckInfo = CheckInfo {
    id: "terminology.inconsistent",
    category: Category::Terminology,
    severity: Severity::Warning,
    summary: "one concept rendered in different accepted ways in one document",
    example: "Strong Cyber Country … a cyber power (both admitted for 网络强国)",
};

#[derive(Debug, Clone, Copy)]
pub struct InconsistentTerm;

impl Check for InconsistentTerm {
    fn info(&self) -> &'static CheckInfo {
        &INFO
    }

    fn scope(&self) -> Scope {
        Scope::Document
    }

    fn check_document(&self, ctx: &CheckContext<'_>, out: &mut Vec<Issue>) {
        let Some(index) = ctx.glossary else { return };
        let renderings = Renderings::of(index, ctx);
        let mut suggestions = Suggestions::default();
        for er in renderings.entries() {
            let at = |term: u32| TermRef {
                entry: er.entry,
                term,
            };
            let entry = index.entry(at(0));
            let label = entry.label();
            let (suggestion_term, severity) = match er.reference {
                Reference::Preferred => (entry.preferred(), Severity::Info),
                Reference::Admitted(t) => (index.term(at(t)).text.as_str(), Severity::Warning),
            };
            // The deprecated renderings are still to be fixed: say what they become.
            let to_come = if er.reference != Reference::Preferred || er.preferred_used {
                String::new()
            } else {
                format!(
                    "; the deprecated ones are to become the preferred \u{201c}{}\u{201d}",
                    entry.preferred()
                )
            };
            for rendering in &er.renderings {
                let term = index.term(at(rendering.term));
                if term.status == TermStatus::Deprecated || er.is_reference(index, rendering.term) {
                    continue;
                }
                let others = er.others(ctx, index, rendering.term);
                if others.is_empty() {
                    continue;
                }
                let others = super::join_and(&others);
                for span in &rendering.spans {
                    let original = ctx.doc.slice(span.clone());
                    let issue = Issue::new(
                        &INFO,
                        span.clone(),
                        format!(
                            "{label} is rendered {} ways in this document: \u{201c}{original}\u{201d} here, and {others}{to_come}",
                            er.renderings.len(),
                        ),
                    )
                    .with_severity(severity)
                    .with_entry(entry.id)
                    .suggest(suggestions.get(
                        ctx.doc.text(),
                        span.clone(),
                        &term.text,
                        suggestion_term,
                    ));
                    let issue = carry_article(ctx.doc.text(), issue);
                    out.push(er.related(rendering.term).fold(issue, Issue::with_related));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::terminology::testing::{flagged, run};

    #[test]
    fn an_admitted_variant_beside_the_preferred_term_is_info() {
        let text = "A cyberpower. Two cyber powers. A cyber power.";
        let issues = run(InconsistentTerm, text);
        let spans: Vec<&str> = issues.iter().map(|i| &text[i.span.clone()]).collect();
        assert_eq!(spans, ["cyber powers", "cyber power"]);
        assert!(issues.iter().all(|i| i.severity == Severity::Info));
        // The suggestion keeps the occurrence's plural.
        assert_eq!(issues[0].suggestions, ["cyberpowers"]);
        assert_eq!(issues[1].suggestions, ["cyberpower"]);
        assert_eq!(issues[0].entries, [2]);
        assert!(
            issues[0]
                .message
                .ends_with("\u{201c}cyberpower\u{201d} (line 1, preferred)"),
            "{}",
            issues[0].message
        );
    }

    #[test]
    fn two_admitted_variants_without_the_preferred_term_are_a_warning() {
        let text = "Towards a Strong Cyber Country.\nOn the road to a cyber power.\nA strong cyber country again.";
        let issues = run(InconsistentTerm, text);
        assert_eq!(issues.len(), 1, "{issues:#?}");
        assert_eq!(&text[issues[0].span.clone()], "cyber power");
        assert_eq!(issues[0].severity, Severity::Warning);
        assert_eq!(issues[0].suggestions, ["strong cyber country"]);
        assert!(
            issues[0]
                .message
                .contains("\u{201c}Strong Cyber Country\u{201d} (line 1, 2 times, most used)"),
            "{}",
            issues[0].message
        );
        assert_eq!(issues[0].related.len(), 2);
        // A tie goes to the first used.
        let issues = run(InconsistentTerm, "A cyber power. A strong cyber country.");
        assert_eq!(issues.len(), 1);
        assert!(
            issues[0].message.contains("(line 1, first used)"),
            "{}",
            issues[0].message
        );
    }

    #[test]
    fn deprecated_renderings_are_left_to_the_deprecated_check_and_make_the_preferred_term_the_reference()
     {
        // "network power" and "strong online country" are deprecated: their fix is
        // "cyberpower", so the admitted title is measured against it already (once they are
        // fixed, nothing new appears).
        let text = "Towards a Strong Cyber Country.\nOn the road to a network power.\nA strong online country.\nA strong cyber country again.";
        let issues = run(InconsistentTerm, text);
        let spans: Vec<&str> = issues.iter().map(|i| &text[i.span.clone()]).collect();
        assert_eq!(spans, ["Strong Cyber Country", "strong cyber country"]);
        assert!(issues.iter().all(|i| i.severity == Severity::Info));
        assert_eq!(issues[0].suggestions, ["Cyberpower"]);
        let m = &issues[0].message;
        assert!(
            m.contains("\u{201c}strong online country\u{201d} (line 3, deprecated)"),
            "{m}"
        );
        assert!(
            m.ends_with(
                "the deprecated ones are to become the preferred \u{201c}cyberpower\u{201d}"
            ),
            "{m}"
        );
        // Fixed, the same issues and no other.
        let fixed = "Towards a Strong Cyber Country.\nOn the road to a cyberpower.\nA cyberpower.\nA strong cyber country again.";
        let after = run(InconsistentTerm, fixed);
        let spans: Vec<&str> = after.iter().map(|i| &fixed[i.span.clone()]).collect();
        assert_eq!(spans, ["Strong Cyber Country", "strong cyber country"]);
        assert!(after.iter().all(|i| i.severity == Severity::Info));
    }

    #[test]
    fn an_occurrence_that_reads_as_two_terms_of_one_entry_is_one_rendering() {
        use crate::check::terminology::TermIndex;
        use crate::check::terminology::testing::entry;
        let index = TermIndex::new(vec![entry(
            1,
            "物联网",
            "Internet of Things",
            &[
                ("IoT", TermStatus::Admitted),
                ("internet of thing", TermStatus::Deprecated),
            ],
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
        let found = issues("The internet of things.\nThe IoT.");
        assert_eq!(found.len(), 1, "{found:?}");
        let m = &found[0].message;
        assert!(m.contains("\u{201c}IoT\u{201d} here"), "{m}");
        assert!(
            m.contains("\u{201c}internet of things\u{201d} (line 1, preferred)"),
            "{m}"
        );
    }

    #[test]
    fn a_rendering_some_term_accepts_is_read_as_accepted() {
        use crate::check::terminology::TermIndex;
        use crate::check::terminology::deprecated::DeprecatedTerm;
        use crate::check::terminology::testing::entry;
        // "data centers" is listed as deprecated, and is also the plural of the preferred
        // term: neither check reads it as deprecated.
        let index = TermIndex::new(vec![entry(
            1,
            "数据中心",
            "data center",
            &[
                ("data centers", TermStatus::Deprecated),
                ("computing hub", TermStatus::Admitted),
            ],
        )]);
        let doc = crate::document::Document::from_str_named(
            "t.txt",
            "Two data centers. A computing hub.",
        );
        let engine =
            crate::check::Engine::new(vec![Box::new(DeprecatedTerm), Box::new(InconsistentTerm)]);
        let issues = engine.run(&CheckContext::new(&doc).with_glossary(&index));
        assert_eq!(issues.len(), 1, "{issues:#?}");
        assert_eq!(issues[0].check, "terminology.inconsistent");
        assert!(
            issues[0]
                .message
                .ends_with("\u{201c}data centers\u{201d} (line 1, preferred)"),
            "{}",
            issues[0].message
        );
    }

    #[test]
    fn one_rendering_or_inflections_are_consistent() {
        for text in [
            "A cyberpower, two cyberpowers, the cyberpower's reach.",
            "Network security, network securities, and the network security's laws.",
            "A Cyber Power and a cyber power.",
            "The community with a shared future in cyberspace.",
            "A network power and a strong online country and a network power.",
            "No glossary term here at all.",
        ] {
            assert!(flagged(InconsistentTerm, text).is_empty(), "{text}");
        }
    }
}
