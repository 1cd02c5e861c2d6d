//! The spelling and grammar checks on real machine translation, as floors and ceilings:
//! quiet on the targets every rater found clean, and finding the typos and grammar slips
//! injected into them (`cargo run --release --example eval_spelling` prints the figures).
//! Also: a post-editor's typo is an "introduced" issue in the diff report.

#[path = "../examples/eval_spelling/typos.rs"]
mod typos;

use std::path::Path;

use crate::util;

#[test]
fn spelling_and_grammar_hold_their_floors() {
    let f = typos::evaluate(Path::new(env!("CARGO_MANIFEST_DIR")));
    // The data: a changed copy or script would make the figures meaningless.
    assert_eq!(f.clean_targets, 152);
    assert!(
        f.clean_per_thousand() <= CLEAN_CEILING,
        "{:.2} flags per 1,000 words on clean targets:\n{}",
        f.clean_per_thousand(),
        f.clean_flags.join("\n")
    );
    assert!(
        f.letters.percent() >= LETTER_FLOOR,
        "letter typos found: {}\n{}",
        f.letters,
        f.letter_misses.join("\n")
    );
    assert!(f.letters.total >= 140, "{}", f.letters);
    let grammar = typos::Ratio {
        hits: f.articles.hits + f.agreement.hits,
        total: f.articles.total + f.agreement.total,
    };
    assert!(
        grammar.percent() >= GRAMMAR_FLOOR,
        "grammar swaps found: {grammar}\n{}",
        f.grammar_misses.join("\n")
    );
}

/// Flags of any severity per 1,000 words on the clean targets (the issue's target: 1, for
/// errors and warnings).
const CLEAN_CEILING: f64 = 1.0;
/// Injected letter typos found, percent (the issue's target: 90).
const LETTER_FLOOR: f64 = 90.0;
/// Injected "a"/"an" and "is"/"are" swaps found, percent (the issue's target: 60).
const GRAMMAR_FLOOR: f64 = 60.0;

#[test]
fn a_post_editors_typo_is_an_introduced_issue() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mt = dir.path().join("mt.txt");
    let pe = dir.path().join("pe.txt");
    std::fs::write(&mt, "The goverment published the report on Monday.\n").expect("write");
    std::fs::write(&pe, "The government publisehd the report on Monday.\n").expect("write");
    let out = util::mtpe_in(dir.path())
        .args(["diff", "--format", "json", "--no-glossary"])
        .arg(&mt)
        .arg(&pe)
        .output()
        .expect("runs");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON report");
    let status_of = |word: &str| -> Vec<String> {
        v["issues"]
            .as_array()
            .expect("issues")
            .iter()
            .filter(|i| i["check"] == "spelling.unknown-word")
            .filter(|i| i["original"]["text"] == word || i["corrected"]["text"] == word)
            .map(|i| i["status"].as_str().unwrap_or("").to_string())
            .collect()
    };
    assert_eq!(status_of("publisehd"), ["introduced"], "{v}");
    assert_eq!(status_of("goverment"), ["fixed"], "{v}");
}
