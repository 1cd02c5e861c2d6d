//! Deterministic generator of English-like news articles with injected MT defects, for
//! benchmarks: doubled words, tautologies, repeated list items, duplicated headlines,
//! cut-off paragraphs, missing spaces. Same seed and size give the same bytes.

#[path = "../../src/testing/rng.rs"]
mod rng;
pub use rng::Rng;

const FUNCTION: &[&str] = &[
    "the", "of", "and", "to", "a", "in", "that", "is", "for", "on", "with", "as", "by", "at",
    "from", "said", "it", "was", "has", "have", "be", "are", "will", "its", "their", "an", "which",
    "this", "also", "not", "but", "or", "after", "more", "than", "would", "were",
];
const ONSETS: &[&str] = &[
    "b", "c", "d", "f", "g", "h", "l", "m", "n", "p", "r", "s", "t", "v", "w", "br", "cr", "dr",
    "fr", "gr", "pr", "tr", "bl", "cl", "fl", "pl", "sl", "st", "sp", "sh", "ch", "th",
];
const VOWELS: &[&str] = &["a", "e", "i", "o", "u", "ai", "ea", "ee", "io", "ou", "oa"];
const CODAS: &[&str] = &[
    "", "n", "r", "s", "t", "l", "m", "nd", "nt", "st", "ng", "ck",
];

fn vocabulary(rng: &mut Rng, n: usize) -> Vec<String> {
    (0..n)
        .map(|_| {
            let syllables = 1 + rng.below(3);
            (0..syllables)
                .map(|_| {
                    format!(
                        "{}{}{}",
                        ONSETS[rng.below(ONSETS.len())],
                        VOWELS[rng.below(VOWELS.len())],
                        CODAS[rng.below(CODAS.len())]
                    )
                })
                .collect()
        })
        .collect()
}

fn capitalise(w: &str) -> String {
    let mut c = w.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// An article of about `bytes` bytes: one paragraph per line, blank lines between, headings.
pub fn article(bytes: usize, seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let vocab = vocabulary(&mut rng, 20_000);
    let word = |rng: &mut Rng| -> String {
        if rng.chance(0.45) {
            FUNCTION[rng.below(FUNCTION.len())].to_string()
        } else {
            vocab[rng.below(vocab.len())].clone()
        }
    };
    let mut out = String::with_capacity(bytes + 1024);
    while out.len() < bytes {
        if rng.chance(0.12) {
            // A heading, sometimes printed twice.
            let n = 3 + rng.below(6);
            let heading: Vec<String> = (0..n).map(|_| capitalise(&word(&mut rng))).collect();
            let line = heading.join(" ");
            out.push_str(&line);
            out.push('\n');
            if rng.chance(0.15) {
                out.push_str(&line);
                out.push('\n');
            }
            out.push('\n');
            continue;
        }
        let sentences = 1 + rng.below(5);
        let mut para = String::new();
        for s in 0..sentences {
            let n = 6 + rng.below(24);
            let mut words: Vec<String> = (0..n).map(|_| word(&mut rng)).collect();
            match rng.below(1000) {
                0..=19 => {
                    let i = rng.below(words.len());
                    let w = words[i].clone();
                    words.insert(i, w); // "the the"
                }
                20..=29 => {
                    let w = vocab[rng.below(vocab.len())].clone();
                    let i = rng.below(words.len());
                    words.splice(i..i, [w.clone(), "and".into(), w]); // "clear and clear"
                }
                30..=34 => {
                    let w = vocab[rng.below(vocab.len())].clone();
                    let i = rng.below(words.len());
                    words.splice(
                        i..i,
                        [
                            "from".into(),
                            "a".into(),
                            w.clone(),
                            "to".into(),
                            "a".into(),
                            w,
                        ],
                    );
                }
                35..=39 => {
                    let (a, b) = (word(&mut rng), word(&mut rng));
                    let i = rng.below(words.len());
                    words.splice(i..i, [format!("{a},"), format!("{b},"), "and".into(), a]);
                }
                _ => {}
            }
            let mut sentence = capitalise(&words.join(" "));
            if rng.chance(0.06) {
                let i = sentence.len() / 2;
                if let Some(space) = sentence[i..].find(' ') {
                    sentence.insert(i + space, ',');
                }
            }
            if rng.chance(0.03) && s + 1 == sentences {
                para.push_str(&sentence); // cut off: no full stop
            } else {
                para.push_str(&sentence);
                para.push_str(if rng.chance(0.05) { "?" } else { "." });
            }
            if s + 1 < sentences {
                para.push(' ');
            }
        }
        out.push_str(&para);
        out.push_str("\n\n");
    }
    out
}
