//! Measures the rule checks on real annotated machine translation (`fixtures/eval/`, WMT 2020
//! zh→en, professional MQM annotations) and prints the figures its README defines, the
//! table per check, the misses and false alarms with their context, and what the
//! document-level checks raise on the complete articles:
//!
//! ```sh
//! cargo run --release --example eval_mqm [-- --misses N --false-alarms N --check ID]
//! ```
//!
//! `--check ID` lists every issue of one check with whether a rater marked its span.
//!
//! Then the source-aware checks on each distinct (source, target) pair, as `mtpe check`
//! runs them on a bilingual file (with the shipped glossary): issues per 1,000 words on the
//! clean segments, precision against the MQM categories of their kind, recall on the
//! classes the data labels. `--pairs ID` lists every issue of one source-aware check;
//! `--length` prints the length ratios `accuracy.length` takes its range from.

#[path = "../tests/support/mqm_eval.rs"]
mod mqm_eval;

use mqm_eval::{Evaluation, context};

struct Options {
    misses: usize,
    false_alarms: usize,
    check: Option<String>,
    pairs: Option<String>,
    length: bool,
}

fn parse_args() -> Result<Options, String> {
    let mut options = Options {
        misses: 100,
        false_alarms: 100,
        check: None,
        pairs: None,
        length: false,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--misses" => options.misses = number(&value("--misses")?)?,
            "--false-alarms" => options.false_alarms = number(&value("--false-alarms")?)?,
            "--check" => options.check = Some(value("--check")?),
            "--pairs" => options.pairs = Some(value("--pairs")?),
            "--length" => options.length = true,
            "-h" | "--help" => {
                println!(
                    "usage: eval_mqm [--misses N] [--false-alarms N] [--check ID] [--pairs ID] [--length]"
                );
                std::process::exit(0);
            }
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(options)
}

fn number(s: &str) -> Result<usize, String> {
    s.parse().map_err(|_| format!("not a number: {s}"))
}

fn main() {
    let options = match parse_args() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("eval_mqm: {e}");
            std::process::exit(2);
        }
    };
    let eval = match mqm_eval::evaluate_fixtures() {
        Ok(e) => e,
        Err(e) => {
            eprintln!("eval_mqm: {e}");
            std::process::exit(2);
        }
    };
    print_figures(&eval);
    print_table(&eval);
    print_misses(&eval, options.misses);
    print_false_alarms(&eval, options.false_alarms);
    print_articles(&eval);
    if let Some(id) = &options.check {
        print_check(&eval, id);
    }
    let source = mqm_eval::evaluate_source_aware(&eval.records);
    print_source(&source);
    println!("base rates (segments with a category of the check's kind, of all segments):");
    for id in source.rows.keys() {
        println!(
            "  {id:<24} {}",
            mqm_eval::category_base_rate(&eval.records, id)
        );
    }
    if let Some(id) = &options.pairs {
        print_pairs(&eval, &source, id);
    }
    if options.length {
        print_length(&eval);
    }
}

fn print_source(s: &mqm_eval::SourceEvaluation) {
    println!(
        "\nsource-aware checks on {} distinct (source, target) pairs ({} clean, {} words of clean targets):",
        s.pairs, s.clean_pairs, s.clean_words
    );
    println!(
        "{:<24} {:>6} {:>8} {:>22} {:>8} {:>8} {:>10} {:>22}",
        "check",
        "issues",
        "segments",
        "precision (category)",
        "clean",
        "clean*",
        "/1k words",
        "recall (class)"
    );
    for (id, row) in &s.rows {
        println!(
            "{:<24} {:>6} {:>8} {:>22} {:>8} {:>8} {:>10.3} {:>22}",
            id,
            row.issues,
            row.segments,
            row.precision().to_string(),
            row.clean_issues,
            row.clean_serious,
            s.clean_per_1000_words(id),
            row.recall.map_or("—".to_string(), |r| r.to_string())
        );
    }
    println!(
        "(precision: flagged segments a rater gave a category of the check's kind; clean: issues \
         on clean segments, clean*: of them errors or warnings; recall: segments of the class \
         flagged — untranslated: Non-translation!; number: an Accuracy span of the target with \
         a digit; length: Accuracy/Omission)"
    );
    println!(
        "repetition issues the source explains (a reduplication of the source): {} of {}",
        s.repetition_suppressed.0, s.repetition_suppressed.1
    );
}

fn print_pairs(eval: &Evaluation, s: &mqm_eval::SourceEvaluation, id: &str) {
    println!("\nevery issue of {id} on the pairs:");
    for p in s.issues.iter().filter(|p| p.issue.check == id) {
        let r = &eval.records[p.record];
        println!(
            "  {} {}{} [{}] {}\n      src: {}\n      tgt: {}",
            p.issue.severity.as_str(),
            if p.matching { "matching" } else { "other" },
            if p.clean { " CLEAN" } else { "" },
            p.text,
            p.issue.message,
            shorten(&r.source, 120),
            shorten(&r.target, 400)
        );
    }
}

fn print_length(eval: &Evaluation) {
    println!(
        "\naccuracy.length ratios on pairs no rater marked with an omission, addition or \
         non-translation (percentiles 0.5 / 1 / 5 / 50 / 95 / 99 / 99.5):"
    );
    for (band, n, p) in mqm_eval::length_percentiles(&eval.records) {
        println!(
            "  {band:>8} Chinese characters ({n:>4} pairs): {}",
            p.map(|v| format!("{v:.2}")).join(" / ")
        );
    }
}

fn print_figures(eval: &Evaluation) {
    let f = &eval.figures;
    println!(
        "MQM evaluation (fixtures/eval/mqm-zhen-wmt20.jsonl): {} segments, {} distinct targets, \
         each checked alone (rule checks, no glossary)\n",
        eval.records.len(),
        eval.checked.len()
    );
    println!(
        "1. repetition recall (adjacent_duplicate spans overlapped by a repetition issue): {}   target >= 85%",
        f.repetition_recall
    );
    println!(
        "2. clean false alarms (distinct clean targets with an error or warning):         {}   target <= 1%",
        f.clean_false_alarms
    );
    println!(
        "3. garbled recall (segments with CJK or mojibake in the target):                 {}   target 100%",
        f.garbled_recall
    );
    println!(
        "4. internal_repeat spans overlapped by any issue (for reading):                  {}",
        f.internal_repeat
    );
}

fn print_table(eval: &Evaluation) {
    println!(
        "\n{:<38} {:>6} {:>5} {:>5} {:>5} {:>7} {:>7} {:>7} {:>6}",
        "check", "issues", "err", "warn", "info", "marked", "clean", "clean*", "adjdup"
    );
    for (id, row) in &eval.per_check {
        if row.total() == 0 {
            continue;
        }
        println!(
            "{:<38} {:>6} {:>5} {:>5} {:>5} {:>7} {:>7} {:>7} {:>6}",
            id,
            row.total(),
            row.issues[0],
            row.issues[1],
            row.issues[2],
            row.marked,
            row.clean_targets,
            row.clean_false_alarms,
            row.adjacent_duplicate
        );
    }
    println!(
        "(issues on the distinct targets; marked: overlapping a span a rater marked; clean: \
         distinct clean targets fired on, clean*: of them with an error or warning; adjdup: \
         adjacent_duplicate spans overlapped)"
    );
}

fn print_misses(eval: &Evaluation, limit: usize) {
    let misses = &eval.repetition_misses;
    println!(
        "\nadjacent_duplicate spans no repetition issue overlaps: {} (showing {})",
        misses.len(),
        misses.len().min(limit)
    );
    for m in misses.iter().take(limit) {
        println!(
            "  {} ({}): {}",
            m.record,
            m.label,
            context(&m.target, &m.span, 60)
        );
    }
}

fn print_false_alarms(eval: &Evaluation, limit: usize) {
    let alarms = &eval.false_alarms;
    println!(
        "\nerrors and warnings on clean targets: {} (showing {})",
        alarms.len(),
        alarms.len().min(limit)
    );
    for a in alarms.iter().take(limit) {
        println!(
            "  {} {}: {}\n      {}",
            a.issue.severity.as_str(),
            a.issue.check,
            context(&a.target, &a.issue.span, 60),
            a.issue.message
        );
    }
}

fn print_articles(eval: &Evaluation) {
    let a = &eval.articles;
    println!(
        "\ncomplete articles read whole: {} articles, {} segments; issues per check:",
        a.articles, a.segments
    );
    for (id, n) in &a.per_check {
        println!("  {id:<38} {n:>5}");
    }
    println!(
        "document-level checks raised {} issues there:",
        a.document_issues.len()
    );
    for i in &a.document_issues {
        println!(
            "  {} seg {}: {} {} [{}] {}\n      {}",
            i.article,
            i.doc_seg,
            i.issue.severity.as_str(),
            i.issue.check,
            if i.marked { "marked" } else { "unmarked" },
            shorten(&i.text, 100),
            i.issue.message
        );
    }
}

fn print_check(eval: &Evaluation, id: &str) {
    println!("\nevery issue of {id}:");
    for c in &eval.checked {
        let recs: Vec<_> = c.records.iter().map(|&i| &eval.records[i]).collect();
        for issue in c.issues.iter().filter(|i| i.check == id) {
            let marked = recs.iter().flat_map(|r| &r.errors).any(|a| {
                a.target_bytes(&c.target)
                    .is_some_and(|m| m.start < issue.span.end && issue.span.start < m.end)
            });
            let clean = recs.iter().any(|r| r.clean);
            println!(
                "  {} {}{}: {}",
                issue.severity.as_str(),
                if marked { "marked" } else { "unmarked" },
                if clean { " CLEAN" } else { "" },
                context(&c.target, &issue.span, 50)
            );
        }
    }
}

fn shorten(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}
