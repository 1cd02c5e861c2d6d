//! A harness for profiling the rule checks: builds one document (a file, or the benches'
//! generated article) and runs a configured engine over it repeatedly, printing the time
//! of each run. For instruction counts of the checks alone (they run on rayon's threads,
//! so count the whole process and subtract a run with `--repeat 0`):
//!
//! ```text
//! cargo build --release --example profile_checks
//! valgrind --tool=callgrind target/release/examples/profile_checks --repeat 1 --ignore spelling,grammar
//! valgrind --tool=callgrind target/release/examples/profile_checks --repeat 0 --ignore spelling,grammar
//! ```
//!
//! Options: `[FILE]` (default: a generated 10 MB article), `--bytes N` (its size),
//! `--repeat N` (default 3), `--ignore IDS` / `--select IDS` (comma-separated ids or
//! categories, as in `mtpe.toml`), `--rules N` (N generated custom rules, as
//! `benches/custom_rules.rs` uses).

#[path = "../benches/support/article.rs"]
mod article;
#[path = "../benches/support/rules.rs"]
mod rules;

use std::time::Instant;

use mtpe::check::{CheckContext, CheckOptions, Engine, Issue};
use mtpe::document::Document;

fn main() {
    let mut args = std::env::args().skip(1);
    let mut file = None;
    let mut bytes = 10_000_000;
    let mut repeat = 3;
    let mut n_rules = 0;
    let mut options = CheckOptions::default();
    let list = |s: Option<String>| -> Vec<String> {
        s.unwrap_or_default()
            .split(',')
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect()
    };
    let number = |s: Option<String>| -> usize {
        s.and_then(|s| s.parse().ok()).unwrap_or_else(|| {
            eprintln!("profile_checks: a number expected");
            std::process::exit(2)
        })
    };
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--bytes" => bytes = number(args.next()),
            "--repeat" => repeat = number(args.next()),
            "--rules" => n_rules = number(args.next()),
            "--ignore" => options.ignore = list(args.next()),
            "--select" => options.select = list(args.next()),
            _ => file = Some(arg),
        }
    }
    let text = match &file {
        Some(path) => std::fs::read_to_string(path).unwrap_or_else(|e| {
            eprintln!("profile_checks: {path}: {e}");
            std::process::exit(2)
        }),
        None => article::article(bytes, 1),
    };
    options.rules = rules::rules(n_rules, &text);
    let engine = Engine::configured(&options, false).unwrap_or_else(|e| {
        eprintln!("profile_checks: {e}");
        std::process::exit(2)
    });
    let doc = Document::from_str_named(file.as_deref().unwrap_or("article.txt"), &text);
    for _ in 0..repeat {
        let t = Instant::now();
        let issues = run_once(&engine, &doc);
        let s = t.elapsed().as_secs_f64();
        println!(
            "{} issues, {:.3} s, {:.1} MB/s",
            issues.len(),
            s,
            text.len() as f64 / 1e6 / s
        );
    }
}

fn run_once(engine: &Engine, doc: &Document) -> Vec<Issue> {
    engine.run(&CheckContext::new(doc))
}
