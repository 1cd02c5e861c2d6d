//! Terminology fixes on the sample article with the shipped glossary: one issue per span,
//! and applying any terminology suggestion, then checking the whole document again, adds
//! no issue anywhere that was not there before (an issue may go, change its message or
//! become less severe). In process, through the library, as `mtpe check` and the editor
//! check a document.

use std::ops::Range;

use mtpe::check::{Engine, Issue, Severity, registry};
use mtpe::document::Document;
use mtpe::glossary::{Fill, Glossary, check_document};

const SAMPLE: &str = include_str!("../fixtures/cyberspace-review.mt.txt");

fn check(glossary: &mut Glossary, text: &str) -> Vec<Issue> {
    let doc = Document::from_str_named("cyberspace-review.mt.txt", text);
    let rules = Engine::new(registry::rule_checks());
    check_document(&doc, "en", &rules, Some(glossary)).expect("checked")
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

#[test]
fn one_terminology_issue_per_span() {
    let mut glossary = Glossary::in_memory(Fill::Shipped).expect("glossary");
    let issues = check(&mut glossary, SAMPLE);
    let mut spans: Vec<&Range<usize>> = issues
        .iter()
        .filter(|i| i.check.starts_with("terminology."))
        .map(|i| &i.span)
        .collect();
    let all = spans.len();
    spans.sort_by_key(|s| (s.start, s.end));
    spans.dedup();
    assert_eq!(spans.len(), all, "two terminology issues on one span");
    // The inconsistency of a deprecated rendering is named in its one issue.
    let network_security = issues
        .iter()
        .find(|i| {
            i.check == "terminology.deprecated" && &SAMPLE[i.span.clone()] == "network security"
        })
        .expect("network security");
    assert!(
        network_security
            .message
            .contains("inconsistent: this document also has \u{201c}Cybersecurity\u{201d} (line 73, 21 times, preferred)"),
        "{}",
        network_security.message
    );
    // Admitted variants beside the preferred term (or beside deprecated renderings, whose
    // fix is the preferred term) are info.
    for i in issues
        .iter()
        .filter(|i| i.check == "terminology.inconsistent")
    {
        assert_eq!(i.severity, Severity::Info, "{i:#?}");
    }
}

/// The issues of `after` that `before` does not account for, once `before`'s spans are
/// moved by the edit (`replaced` in the old text became `inserted` in the new one).
/// Issues touching the edit are compared by check only: one of the same check touching
/// it before accounts for them.
fn added<'a>(
    before: &[Issue],
    after: &'a [Issue],
    replaced: &Range<usize>,
    inserted: &Range<usize>,
) -> Vec<&'a Issue> {
    let delta = inserted.end as isize - replaced.end as isize;
    let moved = |r: &Range<usize>| {
        if r.end <= replaced.start {
            Some(r.clone())
        } else if r.start >= replaced.end {
            Some((r.start as isize + delta) as usize..(r.end as isize + delta) as usize)
        } else {
            None
        }
    };
    after
        .iter()
        .filter(|a| {
            let touching = overlaps(&a.span, inserted)
                || a.span.is_empty() && inserted.contains(&a.span.start);
            !before.iter().any(|b| {
                b.check == a.check
                    && b.severity <= a.severity
                    && match moved(&b.span) {
                        Some(span) => span == a.span || touching && overlaps(&b.span, replaced),
                        None => touching,
                    }
            })
        })
        .collect()
}

#[test]
fn applying_a_terminology_suggestion_adds_no_issue_anywhere() {
    let mut glossary = Glossary::in_memory(Fill::Shipped).expect("glossary");
    let before = check(&mut glossary, SAMPLE);
    let mut applied = 0;
    let mut failures = Vec::new();
    for issue in before
        .iter()
        .filter(|i| i.check.starts_with("terminology."))
    {
        for suggestion in &issue.suggestions {
            let span = issue.span.clone();
            let text = format!(
                "{}{suggestion}{}",
                &SAMPLE[..span.start],
                &SAMPLE[span.end..]
            );
            let inserted = span.start..span.start + suggestion.len();
            let after = check(&mut glossary, &text);
            let others: Vec<Issue> = before.iter().filter(|b| *b != issue).cloned().collect();
            for new in added(&others, &after, &span, &inserted) {
                failures.push(format!(
                    "{} “{}” → “{suggestion}” (line {}) adds {} {} on “{}”: {}",
                    issue.check,
                    &SAMPLE[span.clone()],
                    SAMPLE[..span.start].lines().count(),
                    new.severity.as_str(),
                    new.check,
                    &text[new.span.clone()],
                    new.message
                ));
            }
            applied += 1;
        }
    }
    assert!(applied > 90, "only {applied} suggestions applied");
    // "an Education Strong Country" → "a Leading Country in Education": the fix takes the
    // article along.
    let carried = before
        .iter()
        .filter(|i| i.check.starts_with("terminology."))
        .find(|i| SAMPLE[i.span.clone()].starts_with("an Education Strong Country"))
        .expect("an issue on the article and the term");
    assert!(
        carried.suggestions.iter().all(|s| s.starts_with("a ")),
        "{:?}",
        carried.suggestions
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
