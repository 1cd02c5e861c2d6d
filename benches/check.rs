//! Throughput of all rule checks together (`mtpe check --no-glossary` minus I/O): building
//! the document and running every rule check on generated articles of 1 MB and 10 MB with
//! injected defects. Run: `cargo bench --bench check`. The whole-process comparison with
//! `wc -w` is `benches/check_vs_wc.sh`.

#[path = "support/article.rs"]
mod article;

use divan::Bencher;
use mtpe::check::{CheckContext, Engine, registry};
use mtpe::document::Document;

fn main() {
    divan::main();
}

#[divan::bench(args = [1_000_000, 10_000_000], sample_count = 10, sample_size = 1)]
fn all_rule_checks(bencher: Bencher, bytes: usize) {
    let text = article::article(bytes, 1);
    let engine = Engine::new(registry::rule_checks());
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| {
            let doc = Document::from_str_named("bench.txt", &text);
            let issues = engine.run(&CheckContext::new(&doc));
            divan::black_box(issues.len())
        });
}

#[divan::bench(args = [10_000_000], sample_count = 10, sample_size = 1)]
fn document_model_only(bencher: Bencher, bytes: usize) {
    let text = article::article(bytes, 1);
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| {
            let doc = Document::from_str_named("bench.txt", &text);
            divan::black_box(doc.paragraphs().len())
        });
}
