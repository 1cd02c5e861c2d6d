//! Measures the spelling and grammar checks on real machine translation and on typos
//! injected into it (see `eval_spelling/typos.rs`):
//!
//! ```sh
//! cargo run --release --example eval_spelling [-- --misses]
//! cargo run --release --example eval_spelling -- --speed FILE [RUNS] [--harper]
//! ```
//!
//! `--speed` times the rule checks on FILE with and without the spelling and grammar
//! checks, interleaved, and prints the medians (the dictionary is loaded before timing);
//! `--harper` also times harper-core's own curated rule group on it once (its whole
//! parse and every rule, suggestions included, as the issue measured it).

#[path = "eval_spelling/typos.rs"]
mod typos;

use std::path::Path;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(at) = args.iter().position(|a| a == "--speed") {
        speed(&args[at + 1..]);
        return;
    }
    let show_misses = args.iter().any(|a| a == "--misses");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let started = std::time::Instant::now();
    let f = typos::evaluate(root);
    println!(
        "clean targets: {} distinct, {} words; {} flags of any severity ({:.2} per 1,000 words)",
        f.clean_targets,
        f.clean_words,
        f.clean_flags.len(),
        f.clean_per_thousand()
    );
    for flag in &f.clean_flags {
        println!("  {flag}");
    }
    println!(
        "raters' Fluency/Spelling spans overlapped: {}",
        f.spelling_spans
    );
    println!(
        "raters' Fluency/Grammar spans overlapped:  {}",
        f.grammar_spans
    );
    println!(
        "injected letter typos found: {} ({} more made another dictionary word)",
        f.letters, f.real_words
    );
    for (kind, r) in typos::KINDS.iter().zip(f.per_kind) {
        println!("  {kind:<11} {r}");
    }
    println!("injected a/an swaps found:         {}", f.articles);
    println!("injected are → is after a plural:  {}", f.agreement);
    if show_misses {
        for m in f.letter_misses.iter().chain(&f.grammar_misses) {
            println!("  miss: {m}");
        }
    }
    println!("({:.1} s)", started.elapsed().as_secs_f64());
}

fn speed(args: &[String]) {
    use mtpe::check::{CheckContext, Engine, registry};
    use mtpe::document::Document;
    use std::time::Instant;

    let Some(path) = args.first() else {
        eprintln!("usage: eval_spelling --speed FILE [RUNS] [--harper]");
        std::process::exit(2);
    };
    let runs: usize = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(7);
    let text = std::fs::read_to_string(path).expect("a UTF-8 file");
    let doc = Document::from_str_named(path, &text);
    let new = |id: &str| {
        id.starts_with("spelling.") || id.starts_with("grammar.") || id.starts_with("style.")
    };
    let with = Engine::new(registry::rule_checks());
    let without = Engine::new(
        registry::rule_checks()
            .into_iter()
            .filter(|c| !new(c.info().id))
            .collect(),
    );
    let only = Engine::new(
        registry::rule_checks()
            .into_iter()
            .filter(|c| new(c.info().id))
            .collect(),
    );
    let _ = mtpe::check::spelling::dictionary();
    let mut times = [Vec::new(), Vec::new(), Vec::new()];
    let mut counts = [0; 3];
    for _ in 0..runs {
        for (k, engine) in [&without, &with, &only].into_iter().enumerate() {
            let t = Instant::now();
            counts[k] = engine.run(&CheckContext::new(&doc)).len();
            times[k].push(t.elapsed().as_secs_f64());
        }
    }
    let mb = text.len() as f64 / 1e6;
    for (k, name) in [
        "rule checks without spelling/grammar",
        "rule checks with them",
        "spelling and grammar alone",
    ]
    .iter()
    .enumerate()
    {
        times[k].sort_by(f64::total_cmp);
        let median = times[k][times[k].len() / 2];
        println!(
            "{name:<40} median {:>8.1} ms  {:>6.2} MB/s  {} issues",
            median * 1e3,
            mb / median,
            counts[k]
        );
    }
    if args.iter().any(|a| a == "--harper") {
        use harper_core::linting::{LintGroup, Linter};
        use harper_core::{Dialect, Document as HarperDocument};
        let dict = harper_core::spell::FstDictionary::curated();
        let t = Instant::now();
        let mut group = LintGroup::new_curated(dict.clone(), Dialect::American);
        let hdoc = HarperDocument::new_plain_english(&text, dict.as_ref());
        let lints = group.lint(&hdoc);
        let s = t.elapsed().as_secs_f64();
        println!(
            "harper-core curated LintGroup (once)     {:>8.1} ms  {:>6.2} MB/s  {} lints",
            s * 1e3,
            mb / s,
            lints.len()
        );
    }
}
