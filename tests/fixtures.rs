//! The shipped fixtures hold the checker to account: the seed article's defects are all
//! flagged (and nothing else), and clean English prose yields no issue at all.

use std::collections::BTreeSet;
use std::path::Path;

use mtpe::check::{CheckContext, Engine, registry};
use mtpe::document::Document;

fn rule_issues(path: &str) -> BTreeSet<(usize, String, String)> {
    let doc = Document::load(Path::new(path)).expect("fixture loads");
    let engine = Engine::new(registry::rule_checks());
    engine
        .run(&CheckContext::new(&doc))
        .into_iter()
        .map(|i| {
            (
                doc.position(i.span.start).line,
                i.check.to_string(),
                doc.slice(i.span.clone()).to_string(),
            )
        })
        .collect()
}

fn expected(path: &str) -> BTreeSet<(usize, String, String)> {
    std::fs::read_to_string(path)
        .expect("expectations file")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let mut parts = l.splitn(3, '\t');
            let line = parts
                .next()
                .and_then(|s| s.parse().ok())
                .expect("line number");
            let check = parts.next().expect("check id").to_string();
            let text = parts.next().expect("flagged text").to_string();
            (line, check, text)
        })
        .collect()
}

#[test]
fn seed_article_defects_are_flagged_and_nothing_else() {
    let found = rule_issues("fixtures/cyberspace-review.mt.txt");
    let want = expected("fixtures/cyberspace-review.expected.tsv");
    let missing: Vec<_> = want.difference(&found).collect();
    let unexpected: Vec<_> = found.difference(&want).collect();
    assert!(
        missing.is_empty() && unexpected.is_empty(),
        "not flagged: {missing:#?}\nflagged but not expected: {unexpected:#?}"
    );
}

#[test]
fn seed_expectations_cover_every_kind_of_defect() {
    let want = expected("fixtures/cyberspace-review.expected.tsv");
    let has = |check: &str, text: &str| want.iter().any(|(_, c, t)| c == check && t.contains(text));
    // The defects the foundation issue names.
    assert!(has(
        "repetition.tautology",
        "from a network power to a network power"
    ));
    assert!(has("repetition.tautology", "clear and clear"));
    assert!(has("repetition.tautology", "upward and upward"));
    assert!(has("repetition.list-item", "positive"));
    assert!(has("repetition.duplicate-line", "Micro Video"));
    assert!(has("fragment.cut-off", "netizens"));
    assert!(has("debris.tag-tail", "| Population | Micro Video"));
    assert!(has("debris.metadata", "Release time:"));
    assert!(has("garbled.source-script", "——"));
}

#[test]
fn clean_english_yields_no_issue() {
    for path in [
        "fixtures/clean-english.txt",
        "fixtures/clean-english.md",
        "fixtures/clean-manual.txt",
    ] {
        let found = rule_issues(path);
        assert!(found.is_empty(), "{path}: {found:#?}");
    }
}

#[test]
fn readme_documents_every_check() {
    let readme = std::fs::read_to_string("README.md").expect("README.md");
    for check in registry::rule_checks() {
        let id = check.info().id;
        assert!(
            readme.contains(&format!("`{id}`")),
            "README.md does not document {id}"
        );
    }
}
