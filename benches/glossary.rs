//! In-process costs of the glossary's matching design, on data generated here (no files
//! needed): building the word trie for a 100,000-entry glossary (~280,000 terms), scanning
//! a 1 MB article with it, and selecting a 100 KB article's entries from a 100,000-entry
//! SQLite glossary (what `mtpe check` does per document).
//!
//! The data is a stress case, not a typical one: glossary and article draw on one small
//! skewed vocabulary of pseudo-words, and many deprecated variants are single common
//! words, so most words of the article are glossary terms (every one a verified match)
//! and a 100 KB article contains most of the glossary's words. Realistic figures, on the
//! workshop generator's data, come from `benches/glossary_peers.rs`.
//!
//! `cargo bench --bench glossary`. The process-level comparisons with grep and the sqlite3
//! shell are in `benches/glossary_peers.rs`.

use std::sync::OnceLock;

use mtpe::check::terminology::{IndexedEntry, IndexedTerm, TermIndex, TermStatus, Vocabulary};
use mtpe::check::text::words;
use mtpe::document::Document;
use mtpe::glossary::{EntryData, Fill, Glossary, Term};

#[path = "../src/testing/rng.rs"]
mod rng;
use rng::Rng;

fn main() {
    divan::main();
}

/// 40,000 pseudo-words and a Zipf-like sampler over them.
struct Words {
    list: Vec<String>,
}

impl Words {
    fn new() -> Self {
        let syllables = [
            "ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "ze", "bra", "cor", "dul", "fen",
            "gri", "hol", "jas",
        ];
        let mut rng = Rng(0x9e37_79b9);
        let mut list = Vec::with_capacity(40_000);
        let mut seen = std::collections::HashSet::new();
        while list.len() < 40_000 {
            let n = 2 + rng.below(3);
            let w: String = (0..n)
                .map(|_| syllables[rng.below(syllables.len())])
                .collect();
            if seen.insert(w.clone()) {
                list.push(w);
            }
        }
        Words { list }
    }
    /// Rank-skewed choice: low ranks are much more frequent.
    fn pick(&self, rng: &mut Rng) -> &str {
        let r = rng.below(self.list.len());
        let skewed = r * rng.below(self.list.len()) / self.list.len();
        &self.list[skewed]
    }
}

fn words_data() -> &'static Words {
    static W: OnceLock<Words> = OnceLock::new();
    W.get_or_init(Words::new)
}

/// Entries: a 1–3 word preferred term and two deprecated variants each.
fn entries(n: usize) -> Vec<EntryData> {
    let w = words_data();
    let mut rng = Rng(42);
    let phrase = |rng: &mut Rng| {
        let k = 1 + rng.below(3);
        (0..k).map(|_| w.pick(rng)).collect::<Vec<_>>().join(" ")
    };
    (0..n)
        .map(|i| {
            let mut e = EntryData::new("en", format!("{} {i}", phrase(&mut rng)));
            e.source_lang = "zh".into();
            e.sources = vec![format!("源{i}")];
            for _ in 0..2 {
                let v = phrase(&mut rng);
                if !e.terms.iter().any(|t| t.text.eq_ignore_ascii_case(&v)) {
                    e.terms.push(Term::new(v, TermStatus::Deprecated));
                }
            }
            e
        })
        .collect()
}

fn indexed(n: usize) -> Vec<IndexedEntry> {
    entries(n)
        .iter()
        .enumerate()
        .map(|(i, e)| IndexedEntry {
            id: i as i64 + 1,
            sources: e.sources.clone(),
            terms: e
                .terms
                .iter()
                .map(|t| IndexedTerm {
                    text: t.text.clone(),
                    status: t.status,
                    case_sensitive: t.case_sensitive,
                    reason: None,
                })
                .collect(),
        })
        .collect()
}

/// News-like text of about `bytes` bytes, one paragraph per line.
fn article(bytes: usize) -> String {
    let w = words_data();
    let mut rng = Rng(7);
    let mut s = String::with_capacity(bytes + 200);
    while s.len() < bytes {
        for k in 0..(8 + rng.below(20)) {
            if k > 0 {
                s.push(' ');
            }
            s.push_str(w.pick(&mut rng));
        }
        s.push_str(if rng.below(4) == 0 { ".\n" } else { ". " });
    }
    s
}

#[divan::bench(sample_count = 5)]
fn build_trie_100k_entries(bencher: divan::Bencher) {
    let data = indexed(100_000);
    bencher
        .with_inputs(|| data.clone())
        .bench_values(TermIndex::new);
}

#[divan::bench(sample_count = 10)]
fn scan_1mb_with_100k_entries(bencher: divan::Bencher) {
    let index = TermIndex::new(indexed(100_000));
    let text = article(1_000_000);
    bencher.bench(|| {
        let mut found = 0;
        for line in text.lines() {
            found += index.find(line, &words(line)).len();
        }
        found
    });
}

#[divan::bench(sample_count = 10)]
fn select_100kb_article_entries_from_store(bencher: divan::Bencher) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bench.sqlite");
    let mut g = Glossary::create(&path, Fill::Empty).expect("glossary");
    g.import(entries(100_000), false, &mut |_| {})
        .expect("import");
    drop(g);
    let doc = Document::from_str_named("a.txt", &article(100_000));
    bencher.bench(|| {
        let g = Glossary::open(&path).expect("open");
        g.index_for_document(&doc, "en")
            .expect("index")
            .entries()
            .len()
    });
}

#[divan::bench(sample_count = 10)]
fn vocabulary_of_100kb_article(bencher: divan::Bencher) {
    let doc = Document::from_str_named("a.txt", &article(100_000));
    bencher.bench(|| Vocabulary::of_document(&doc).firsts.len());
}
