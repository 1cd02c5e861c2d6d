//! TER against values computed with sacrebleu 2.6.0 (`TER()` with its defaults). The values
//! are stored here and in `fixtures/diff/ter-reference.tsv` (made by the script beside it,
//! which says how to compare more pairs: `MTPE_TER_REFERENCE` names another such file);
//! these tests never run Python.

// Test helpers outside #[test] functions may unwrap too.
#![allow(clippy::unwrap_used)]

use mtpe::diff::ter::{TerStats, segment_ter};

/// Hand-built pairs: (hypothesis = MT, reference = post-edit, edits, reference words).
const HAND_BUILT: &[(&str, &str, usize, usize)] = &[
    ("the cat sat on the mat", "the cat sat on the mat", 0, 6),
    ("The Cat sat on the MAT .", "the cat sat on the mat .", 0, 7),
    ("", "", 0, 0),
    ("some words here", "", 3, 0),
    ("", "three new words", 3, 3),
    ("   \t  ", "word", 1, 1),
    (
        "today the cat sat on a mat",
        "the cat sat on the mat today",
        2,
        7,
    ),
    (
        "striding forward from a network power to a network power",
        "striding forward from a big cyber country to a strong cyber country",
        6,
        12,
    ),
    (
        "a clear and clear network ecosystem",
        "a clean and clear network ecosystem",
        1,
        6,
    ),
    // Punctuation stays attached to its word.
    ("Hello, world!", "Hello world", 2, 2),
    ("hello , world !", "Hello, world!", 4, 2),
    // Non-Latin scripts: whitespace words only (no CJK segmentation), Unicode lowercasing.
    ("网络 强国 发展 迅速", "网络强国 发展 迅速", 2, 3),
    (
        "网络强国建设取得成就。",
        "网络强国建设取得了巨大成就。",
        1,
        1,
    ),
    ("ΟΔΟΣ ΣΑΣ", "οδος σας", 0, 2),
    ("ΟΔΟΣ", "οδοσ", 1, 1),
    ("İstanbul büyük", "i\u{307}stanbul büyük", 0, 2),
    ("STRASSE", "straße", 1, 1),
    ("Привет мир как дела", "мир Привет как дела", 1, 4),
    // Python's whitespace: NBSP, ideographic space, U+001F split; ZWSP does not.
    ("a\u{a0}b\u{3000}c\u{1f}d", "a b c d", 0, 4),
    ("a\u{200b}b c", "a b c", 2, 3),
    // Shifts of blocks, up to ten words.
    (
        "one two three four five six seven eight nine ten eleven twelve",
        "eleven twelve one two three four five six seven eight nine ten",
        1,
        12,
    ),
    (
        "a b c d e f g h i j k l m n o p",
        "k l m n o p a b c d e f g h i j",
        1,
        16,
    ),
    (
        "x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x y",
        "y x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x ",
        1,
        31,
    ),
    (
        "the the the the the of of of a a a the of a",
        "of the a the of a the the of the a",
        6,
        11,
    ),
    ("trailing spaces   ", "trailing spaces", 0, 2),
    ("line one\nline two", "line one line two", 0, 4),
];

#[test]
fn hand_built_pairs_match_sacrebleu() {
    for &(hyp, reference, edits, ref_words) in HAND_BUILT {
        let s = segment_ter(hyp, reference);
        assert_eq!(
            (s.edits, s.ref_words),
            (edits, ref_words),
            "{hyp:?} -> {reference:?}"
        );
    }
}

#[test]
fn very_different_lengths_match_sacrebleu() {
    // A one-word hypothesis against 120 words and the reverse (the beam widens).
    let long: Vec<String> = (0..120).map(|i| format!("w{i}")).collect();
    let long = long.join(" ");
    let s = segment_ter("word", &long);
    assert_eq!((s.edits, s.ref_words), (120, 120));
    let s = segment_ter(&long, "w5");
    assert_eq!((s.edits, s.ref_words), (119, 1));
    assert_eq!(s.score(), 11900.0);
}

/// A generated pair: hypothesis, reference, sacrebleu's edits and reference words.
type Pair = (&'static str, &'static str, usize, usize);
/// sacrebleu's corpus line: edits, reference words, score.
type Corpus = (usize, usize, f64);

/// The generated pairs and the corpus line: the fixture, or the file `MTPE_TER_REFERENCE`
/// names.
fn reference_pairs() -> (Vec<Pair>, Corpus) {
    static DATA: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let data = DATA.get_or_init(|| match std::env::var_os("MTPE_TER_REFERENCE") {
        Some(path) => std::fs::read_to_string(path).unwrap(),
        None => include_str!("../fixtures/diff/ter-reference.tsv").to_string(),
    });
    let mut pairs = Vec::new();
    let mut corpus = None;
    for line in data.lines() {
        let fields: Vec<&str> = line.split('\t').collect();
        if line.starts_with("# corpus") {
            corpus = Some((
                fields[2].parse().unwrap(),
                fields[3].parse().unwrap(),
                fields[4].parse().unwrap(),
            ));
        } else if !line.starts_with('#') {
            pairs.push((
                fields[0],
                fields[1],
                fields[2].parse().unwrap(),
                fields[3].parse().unwrap(),
            ));
        }
    }
    (pairs, corpus.expect("corpus line"))
}

/// Checks every `parts`-th pair starting at `part` (the tests run in parallel).
fn check_part(part: usize, parts: usize) {
    let (pairs, _) = reference_pairs();
    let mut mismatches = Vec::new();
    for &(hyp, reference, edits, ref_words) in pairs.iter().skip(part).step_by(parts) {
        let s = segment_ter(hyp, reference);
        if (s.edits, s.ref_words) != (edits, ref_words) {
            mismatches.push(format!(
                "{hyp:?} -> {reference:?}: sacrebleu {edits}/{ref_words}, mtpe {}/{}",
                s.edits, s.ref_words
            ));
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

#[test]
fn extreme_length_ratios_are_in_the_fixture() {
    // The pairs whose lengths differ by more than the beam, where mtpe once lost the
    // corner of the matrix (a 146-word MT cut to 41 words: 26 edits instead of 127).
    let (pairs, _) = reference_pairs();
    let words = |s: &str| s.split_whitespace().count();
    let extreme: Vec<_> = pairs
        .iter()
        .filter(|p| words(p.0).abs_diff(words(p.1)) > 50)
        .collect();
    assert!(extreme.len() >= 100, "{} extreme pairs", extreme.len());
    assert!(extreme.iter().any(|p| words(p.0) >= 500 && words(p.1) <= 1));
    assert!(extreme.iter().any(|p| words(p.1) >= 500 && words(p.0) <= 1));
    assert!(extreme.iter().any(|p| p.0.is_empty() || p.1.is_empty()));
    for p in extreme {
        assert!(p.2 >= words(p.0).abs_diff(words(p.1)), "{p:?}");
    }
}

#[test]
fn generated_pairs_match_sacrebleu_part_1() {
    check_part(0, 4);
}

#[test]
fn generated_pairs_match_sacrebleu_part_2() {
    check_part(1, 4);
}

#[test]
fn generated_pairs_match_sacrebleu_part_3() {
    check_part(2, 4);
}

#[test]
fn generated_pairs_match_sacrebleu_part_4() {
    check_part(3, 4);
}

#[test]
fn corpus_score_is_the_sum_over_pairs() {
    // With every pair equal to sacrebleu's (the tests above), the document TER is too.
    let (pairs, (edits, ref_words, score)) = reference_pairs();
    assert!(pairs.len() > 200, "{} pairs read", pairs.len());
    let total = pairs
        .iter()
        .fold(TerStats::default(), |mut t, &(_, _, e, r)| {
            t.add(&TerStats {
                edits: e,
                ref_words: r,
                ..TerStats::default()
            });
            t
        });
    assert_eq!((total.edits, total.ref_words), (edits, ref_words));
    assert_eq!(total.score(), score, "the same float as sacrebleu's");
    // And the short pairs, computed here, sum up the same way.
    let short: Vec<_> = pairs.iter().filter(|p| p.0.len() < 200).take(300).collect();
    let ours: TerStats = short.iter().map(|p| segment_ter(p.0, p.1)).sum();
    assert_eq!(
        (ours.edits, ours.ref_words),
        short.iter().fold((0, 0), |(e, r), p| (e + p.2, r + p.3))
    );
}
