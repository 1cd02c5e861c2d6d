//! Cost of each rule check on its own, run through the engine (two threads, like
//! `mtpe check`) over a 10 MB article made of the seed fixture repeated: which check eats the
//! throughput budget. `none` is the engine with no check (paragraph views only).
//!
//! `cargo bench --bench per_check`

use std::sync::LazyLock;

use mtpe::check::{CheckContext, Engine, registry};
use mtpe::document::Document;

const SIZE: usize = 10_000_000;

static DOC: LazyLock<Document> = LazyLock::new(|| {
    let seed = include_str!("../fixtures/cyberspace-review.mt.txt");
    let mut text = String::with_capacity(SIZE + seed.len() + 1);
    while text.len() < SIZE {
        text.push_str(seed);
        text.push('\n');
    }
    Document::from_str_named("bench.txt", &text)
});

fn ids() -> Vec<&'static str> {
    let mut ids = vec!["none"];
    ids.extend(registry::rule_checks().iter().map(|c| c.info().id));
    ids
}

#[divan::bench(args = ids(), sample_count = 10, sample_size = 1)]
fn check(bencher: divan::Bencher, id: &str) {
    let checks = registry::rule_checks()
        .into_iter()
        .filter(|c| c.info().id == id)
        .collect();
    let engine = Engine::new(checks);
    let ctx = CheckContext::new(&DOC);
    bencher
        .counter(divan::counter::BytesCount::new(DOC.text().len()))
        .bench(|| engine.run(&ctx));
}

fn main() {
    divan::main();
}
