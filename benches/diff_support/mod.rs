//! Inputs and timing helpers shared by the diff, TER and report benchmarks.
//!
//! Inputs come from files named by environment variables when given (the figures in the
//! issue notes used the workshop generator's articles and pairs), else from a small
//! deterministic generator here, so that `cargo bench` runs on a clean clone.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

#[path = "../../src/testing/rng.rs"]
mod rng;
pub use rng::Rng;

/// A vocabulary of pronounceable pseudo-words, common words first (Zipf-like draws).
pub struct Vocabulary(Vec<String>);

impl Vocabulary {
    pub fn new(size: usize, rng: &mut Rng) -> Self {
        const COMMON: &[&str] = &[
            "the",
            "of",
            "and",
            "to",
            "a",
            "in",
            "is",
            "for",
            "on",
            "that",
            "with",
            "as",
            "by",
            "at",
            "from",
            "was",
            "were",
            "has",
            "have",
            "will",
            "network",
            "development",
        ];
        const ONSETS: &[&str] = &[
            "b", "br", "c", "ch", "d", "f", "g", "gr", "k", "l", "m", "n", "p", "pl", "r", "s",
            "st", "t", "tr", "v", "w", "z",
        ];
        const VOWELS: &[&str] = &["a", "e", "i", "o", "u", "ea", "oa", "ie", "ou", "y"];
        let mut words: Vec<String> = COMMON.iter().map(|w| w.to_string()).collect();
        while words.len() < size {
            let syllables = 1 + rng.below(3);
            let mut w = String::new();
            for _ in 0..syllables {
                w.push_str(ONSETS[rng.below(ONSETS.len())]);
                w.push_str(VOWELS[rng.below(VOWELS.len())]);
            }
            if rng.chance(0.5) {
                w.push_str(ONSETS[rng.below(ONSETS.len())]);
            }
            words.push(w);
        }
        Vocabulary(words)
    }
    pub fn word(&self, rng: &mut Rng) -> &str {
        // Squaring a uniform draw favours the front of the list.
        let u = (rng.next() % 1_000_000) as f64 / 1_000_000.0;
        &self.0[((u * u) * self.0.len() as f64) as usize]
    }
}

/// One sentence of `n` words with a capital and a full stop.
pub fn sentence(vocab: &Vocabulary, rng: &mut Rng, n: usize) -> Vec<String> {
    let mut words: Vec<String> = (0..n.max(1)).map(|_| vocab.word(rng).to_string()).collect();
    if let Some(first) = words.first_mut() {
        let mut c = first.chars();
        if let Some(f) = c.next() {
            *first = f.to_uppercase().chain(c).collect();
        }
    }
    if rng.chance(0.1) && words.len() > 3 {
        let k = 1 + rng.below(words.len() - 2);
        words[k].push(',');
    }
    if let Some(last) = words.last_mut() {
        last.push('.');
    }
    words
}

/// A news-like article of about `bytes` bytes: one paragraph per line.
pub fn article(bytes: usize, seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let vocab = Vocabulary::new(20_000, &mut rng);
    let mut out = String::with_capacity(bytes + 1024);
    while out.len() < bytes {
        if rng.chance(0.05) {
            let n = 4 + rng.below(6);
            let title = sentence(&vocab, &mut rng, n);
            out.push_str(title.join(" ").trim_end_matches('.'));
        } else {
            let sentences = 1 + rng.below(4);
            let mut para = Vec::new();
            for _ in 0..sentences {
                let n = 8 + rng.below(22);
                para.push(sentence(&vocab, &mut rng, n).join(" "));
            }
            out.push_str(&para.join(" "));
        }
        out.push('\n');
    }
    out
}

/// Edits a list of words at `rate` (substitutions, deletions, insertions, block shifts).
pub fn edit_words(words: &mut Vec<String>, rate: f64, vocab: &Vocabulary, rng: &mut Rng) {
    let n_ops = ((words.len() as f64 * rate).round() as usize).max(1);
    for _ in 0..n_ops {
        let r = rng.below(100);
        if words.is_empty() {
            words.push(vocab.word(rng).to_string());
        } else if r < 45 {
            let i = rng.below(words.len());
            words[i] = vocab.word(rng).to_string();
        } else if r < 65 {
            words.remove(rng.below(words.len()));
        } else if r < 85 {
            let i = rng.below(words.len() + 1);
            words.insert(i, vocab.word(rng).to_string());
        } else if words.len() > 3 {
            let i = rng.below(words.len() - 1);
            let k = (1 + rng.below(4)).min(words.len() - i);
            let block: Vec<String> = words.drain(i..i + k).collect();
            let j = rng.below(words.len() + 1);
            for (o, w) in block.into_iter().enumerate() {
                words.insert(j + o, w);
            }
        }
    }
}

/// A post-edited copy of `text`: `line_share` of the lines get word edits at `rate`.
pub fn postedit(text: &str, rate: f64, line_share: f64, seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let vocab = Vocabulary::new(20_000, &mut rng);
    let mut out = String::with_capacity(text.len() + text.len() / 10);
    for line in text.lines() {
        if rng.chance(line_share) {
            let mut words: Vec<String> = line.split_whitespace().map(str::to_string).collect();
            edit_words(&mut words, rate / line_share, &vocab, &mut rng);
            out.push_str(&words.join(" "));
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

/// `n` sentence pairs (MT, post-edit), 70 % of them edited.
pub fn pairs(n: usize, seed: u64) -> (Vec<String>, Vec<String>) {
    let mut rng = Rng::new(seed);
    let vocab = Vocabulary::new(20_000, &mut rng);
    let mut mt = Vec::with_capacity(n);
    let mut pe = Vec::with_capacity(n);
    for _ in 0..n {
        let len = 8 + rng.below(22);
        let words = sentence(&vocab, &mut rng, len);
        let mut edited = words.clone();
        if rng.chance(0.7) {
            edit_words(&mut edited, 0.14, &vocab, &mut rng);
        }
        mt.push(words.join(" "));
        pe.push(edited.join(" "));
    }
    (mt, pe)
}

/// The file named by environment variable `var`, if set.
pub fn env_file(var: &str) -> Option<PathBuf> {
    std::env::var_os(var)
        .map(PathBuf::from)
        .filter(|p| p.exists())
}

/// Reads a UTF-8 file.
pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Writes `text` into the directory and returns the path.
pub fn write_temp(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    p
}

/// Runs a command with its output discarded; returns the wall time (None if it failed).
pub fn time_command(program: &str, args: &[&std::ffi::OsStr]) -> Option<Duration> {
    let start = Instant::now();
    let status = std::process::Command::new(program)
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .ok()?;
    // diff exits 1 when files differ; only a crash or a missing tool counts as failure.
    (status.code().is_some_and(|c| c <= 1)).then(|| start.elapsed())
}

/// Median of the durations.
pub fn median(times: &mut [Duration]) -> Duration {
    times.sort();
    times[times.len() / 2]
}

/// Runs count, from `MTPE_BENCH_RUNS` (default `default`).
pub fn runs(default: usize) -> usize {
    std::env::var("MTPE_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
        .max(1)
}

pub fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}
