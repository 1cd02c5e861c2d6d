//! Deterministic custom rules for benchmarks: `n` house-style rules of the kinds a team
//! writes (a word or phrase to avoid, as a pattern with `\b` or as a word list; a few
//! case-sensitive ones; a few with groups), drawn from the words of the text they will
//! check so that some of them fire.

use mtpe::check::Severity;
use mtpe::check::custom::RuleSpec;

/// `n` rules whose words come from `text`: every so many of its distinct words, leaving
/// out its 200 most frequent ones (a house rule is about a term, not about "the" or "said").
pub fn rules(n: usize, text: &str) -> Vec<RuleSpec> {
    let mut counts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut order: Vec<String> = Vec::new();
    for w in text[..text.len().min(2_000_000)].split(|c: char| !c.is_alphanumeric()) {
        if w.len() < 4 {
            continue;
        }
        let w = w.to_lowercase();
        let count = counts.entry(w.clone()).or_default();
        if *count == 0 {
            order.push(w);
        }
        *count += 1;
    }
    let mut by_count: Vec<usize> = counts.values().copied().collect();
    by_count.sort_unstable_by(|a, b| b.cmp(a));
    let frequent = by_count.get(200).copied().unwrap_or(usize::MAX);
    let vocab: Vec<&String> = order.iter().filter(|w| counts[*w] < frequent).collect();
    let word = |k: usize| vocab[(k * 17) % vocab.len()].clone();
    (0..n)
        .map(|i| {
            let id = format!("house.rule-{i}");
            let mut spec = match i % 5 {
                // A phrase, whole words by `\b`.
                0 => RuleSpec::new(
                    &id,
                    &format!(r"\b{} {}\b", word(3 * i), word(3 * i + 1)),
                    "house style: say it another way",
                ),
                // A word and its plural.
                1 => RuleSpec::new(&id, &format!(r"\b{}s?\b", word(3 * i)), "house style"),
                // A word list, whole words.
                2 => {
                    let mut s = RuleSpec::new(&id, "", "house style: avoid");
                    s.pattern = None;
                    s.words = vec![word(3 * i), word(3 * i + 1), word(3 * i + 2)];
                    s.whole_word = true;
                    s
                }
                // A spelling, case-sensitive, anywhere in words.
                3 => {
                    let mut s = RuleSpec::new(&id, &word(3 * i), "house spelling");
                    s.case_sensitive = true;
                    s
                }
                // A pattern with a group and a suggestion using it.
                _ => {
                    let mut s = RuleSpec::new(
                        &id,
                        &format!(r"\b({}) (?:of|in) the\b", word(3 * i)),
                        "house style: drop the article",
                    );
                    s.suggestion = Some("$1".into());
                    s
                }
            };
            spec.severity = if i % 2 == 0 {
                Severity::Warning
            } else {
                Severity::Info
            };
            spec
        })
        .collect()
}
