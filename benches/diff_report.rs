//! Reports on a ~1 MB article and its post-edited version (about 10 % of the words
//! changed): how long the comparison and each report take, and how large the HTML is
//! compared with the article (target: at most 5×). Writes the HTML to
//! `target/diff-report-bench.html` to be opened in a browser.
//!
//! Inputs: `MTPE_BENCH_REPORT_ARTICLE` and `MTPE_BENCH_REPORT_POSTEDIT` (e.g. the workshop's
//! `gen.py article --mb 1` and `gen.py postedit --rate 0.1`), else generated here.
//!
//!     cargo bench --bench diff_report

#[path = "diff_support/mod.rs"]
mod support;

use std::time::Instant;

use mtpe::check::{Engine, registry};
use mtpe::diff::Comparison;
use mtpe::document::Document;
use mtpe::report::{IssueChecks, Report, html, json, markdown};
use support::*;

fn main() {
    let (original, corrected) = match (
        env_file("MTPE_BENCH_REPORT_ARTICLE"),
        env_file("MTPE_BENCH_REPORT_POSTEDIT"),
    ) {
        (Some(a), Some(b)) => (read(&a), read(&b)),
        _ => {
            let text = article(1_000_000, 11);
            let edited = postedit(&text, 0.10, 0.4, 12);
            (text, edited)
        }
    };
    println!(
        "article: {} bytes, post-edited: {} bytes",
        original.len(),
        corrected.len()
    );
    let runs = runs(5);
    let mut compare = Vec::new();
    for _ in 0..runs {
        let start = Instant::now();
        let c = Comparison::new(&original, &corrected);
        compare.push(start.elapsed());
        std::hint::black_box(c.totals);
    }
    println!(
        "comparison (alignment, TER, word diffs, character edits): median {}",
        ms(median(&mut compare))
    );

    let a = Document::from_str_named("article.txt", &original);
    let b = Document::from_str_named("article.pe.txt", &corrected);
    let engine = Engine::new(registry::rule_checks());
    let checks = IssueChecks::with_engine(&engine, "en");
    let start = Instant::now();
    let report = Report::new(&a, &b, &checks);
    println!("report with checks on both texts: {}", ms(start.elapsed()));

    let start = Instant::now();
    let page = html::render(&report);
    let html_time = start.elapsed();
    let start = Instant::now();
    let js = json::render(&report);
    let json_time = start.elapsed();
    let start = Instant::now();
    let md = markdown::render(&report);
    let md_time = start.elapsed();
    println!(
        "HTML: {} bytes = {:.2}× the article (target ≤ 5×), rendered in {}; {} changed segments",
        page.len(),
        page.len() as f64 / original.len() as f64,
        ms(html_time),
        report.comparison.totals.segments_changed
    );
    println!(
        "JSON: {} bytes in {}; Markdown: {} bytes in {}",
        js.len(),
        ms(json_time),
        md.len(),
        ms(md_time)
    );
    let out =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/diff-report-bench.html");
    if std::fs::write(&out, &page).is_ok() {
        println!("HTML written to {}", out.display());
    }
}
