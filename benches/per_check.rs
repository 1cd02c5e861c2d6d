//! Cost of each rule check on its own, run through the engine (two threads, like
//! `mtpe check`): which check eats the throughput budget. Two 10 MB inputs: the generated
//! article of `benches/check.rs` (clean prose with injected repetitions), and the seed
//! fixture repeated (dense in scraping debris, full-width punctuation and duplicated lines).
//! `none` is the engine with no check (paragraph views only).
//!
//! `cargo bench --bench per_check`

#[path = "support/article.rs"]
mod article;

use std::sync::LazyLock;

use mtpe::check::{CheckContext, Engine, registry};
use mtpe::document::Document;

const SIZE: usize = 10_000_000;

static ARTICLE: LazyLock<Document> =
    LazyLock::new(|| Document::from_str_named("article.txt", &article::article(SIZE, 1)));

static SEED_REPEATED: LazyLock<Document> = LazyLock::new(|| {
    let seed = include_str!("../fixtures/cyberspace-review.mt.txt");
    let mut text = String::with_capacity(SIZE + seed.len() + 1);
    while text.len() < SIZE {
        text.push_str(seed);
        text.push('\n');
    }
    Document::from_str_named("seed-repeated.txt", &text)
});

fn ids() -> Vec<&'static str> {
    let mut ids = vec!["none"];
    ids.extend(registry::rule_checks().iter().map(|c| c.info().id));
    ids
}

fn run_one(bencher: divan::Bencher, doc: &Document, id: &str) {
    let checks = registry::rule_checks()
        .into_iter()
        .filter(|c| c.info().id == id)
        .collect();
    let engine = Engine::new(checks);
    let ctx = CheckContext::new(doc);
    bencher
        .counter(divan::counter::BytesCount::new(doc.text().len()))
        .bench(|| divan::black_box(engine.run(&ctx).len()));
}

#[divan::bench(args = ids(), sample_count = 10, sample_size = 1)]
fn generated_article(bencher: divan::Bencher, id: &str) {
    run_one(bencher, &ARTICLE, id);
}

#[divan::bench(args = ids(), sample_count = 10, sample_size = 1)]
fn seed_repeated(bencher: divan::Bencher, id: &str) {
    run_one(bencher, &SEED_REPEATED, id);
}

fn main() {
    divan::main();
}
