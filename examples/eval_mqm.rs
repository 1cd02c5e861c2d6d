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

#[path = "../tests/support/mqm_eval.rs"]
mod mqm_eval;

use mqm_eval::{Evaluation, context};

struct Options {
    misses: usize,
    false_alarms: usize,
    check: Option<String>,
}

fn parse_args() -> Result<Options, String> {
    let mut options = Options {
        misses: 100,
        false_alarms: 100,
        check: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--misses" => options.misses = number(&value("--misses")?)?,
            "--false-alarms" => options.false_alarms = number(&value("--false-alarms")?)?,
            "--check" => options.check = Some(value("--check")?),
            "-h" | "--help" => {
                println!("usage: eval_mqm [--misses N] [--false-alarms N] [--check ID]");
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
