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

/// The checks that read a text's lines or its paragraph ends: on one line there are none.
const LINE_CHECKS: [&str; 4] = [
    "debris.metadata",
    "debris.tag-tail",
    "repetition.duplicate-line",
    "fragment.cut-off",
];

/// (check, start, end) of every rule-check issue.
fn issue_spans(doc: &Document, engine: &Engine) -> BTreeSet<(String, usize, usize)> {
    engine
        .run(&CheckContext::new(doc))
        .into_iter()
        .map(|i| (i.check.to_string(), i.span.start, i.span.end))
        .collect()
}

/// The sample with its line breaks replaced by spaces (every offset stays the same), as
/// scraped pages arrive: the issues within its sentences are the same. Lost are only those
/// that need lines (a metadata line, a headline's tag tail, a headline repeated, a
/// paragraph cut off, and capitals after semicolons: a headline's first word, "The", now
/// follows a word without a full stop, which reads as "The" capitalised mid-sentence, a
/// name); new are only those that joining two lines makes (a capital after a semicolon
/// that ended a paragraph, a label at the end of a line and the start of the next).
#[test]
fn the_sample_on_one_line_reports_the_issues_of_its_sentences() {
    let path = "fixtures/cyberspace-review.mt.txt";
    let text = std::fs::read_to_string(path).expect("fixture");
    let one_line = text.replace('\n', " ");
    let engine = Engine::new(registry::rule_checks());
    let original = issue_spans(&Document::from_str_named(path, &text), &engine);
    let joined = issue_spans(&Document::from_str_named("one.txt", &one_line), &engine);
    let lost: Vec<_> = original.difference(&joined).collect();
    assert!(
        lost.iter()
            .all(|(check, ..)| LINE_CHECKS.contains(&check.as_str())
                || check == "punctuation.capital-after-semicolon"),
        "{lost:#?}"
    );
    let breaks: Vec<usize> = text.match_indices('\n').map(|(at, _)| at).collect();
    let new: Vec<_> = joined.difference(&original).collect();
    assert!(
        new.iter()
            .all(|(_, start, end)| breaks.iter().any(|&b| b + 3 >= *start && b < *end)),
        "{new:#?}"
    );
    assert!(new.len() <= 3, "{new:#?}");
    // The sample's hallmark, the collapsed terms ("from a network power to a network
    // power"), is all there.
    let tautologies = |set: &BTreeSet<(String, usize, usize)>| {
        set.iter()
            .filter(|(c, ..)| c == "repetition.tautology")
            .count()
    };
    assert!(tautologies(&original) >= 4);
    assert_eq!(tautologies(&joined), tautologies(&original));
}

/// Many copies of the one-line sample make one paragraph of about 750 KB, checked in
/// pieces: each copy gets the issues the sample gets on its own, also next to a cut.
/// (Repeated sentences are left out: every sentence of a copy repeats one of the copy
/// before, and a piece, like a paragraph, compares the sentences within itself.)
#[test]
fn the_pieces_of_a_long_line_lose_no_issue_at_their_cuts() {
    let text = std::fs::read_to_string("fixtures/cyberspace-review.mt.txt").expect("fixture");
    let copy = format!("{} ", text.replace('\n', " ").trim_end());
    let copies = 30;
    let long = copy.repeat(copies);
    let engine = Engine::new(
        registry::rule_checks()
            .into_iter()
            .filter(|c| {
                c.scope() == mtpe::check::Scope::Paragraph
                    && c.info().id != "repetition.repeated-sentence"
            })
            .collect(),
    );
    let cuts = mtpe::check::pieces(&long, 0..long.trim_end().len());
    assert!(cuts.len() >= 3, "{cuts:?}");
    let single = issue_spans(&Document::from_str_named("one.txt", &copy), &engine);
    let all = issue_spans(&Document::from_str_named("long.txt", &long), &engine);
    let mut shifted = BTreeSet::new();
    for (check, start, end) in &all {
        let k = start / copy.len();
        shifted.insert((
            k,
            check.clone(),
            start - k * copy.len(),
            end - k * copy.len(),
        ));
    }
    for k in 0..copies {
        let got: BTreeSet<_> = shifted
            .iter()
            .filter(|(c, ..)| *c == k)
            .map(|(_, check, s, e)| (check.clone(), *s, *e))
            .collect();
        assert_eq!(got, single, "copy {k} of {copies}; pieces {cuts:?}");
    }
}
