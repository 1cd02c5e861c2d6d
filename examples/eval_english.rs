//! How quiet the rule checks are on published English: errors and warnings per 1,000 words
//! on each file of `fixtures/eval/english/texts/` and overall, each flag matched against
//! its verdict in `fixtures/eval/english/verdicts.tsv`.
//!
//! ```sh
//! cargo run --release --example eval_english             # figures and the flags not judged
//! cargo run --release --example eval_english -- --list   # every flag with its verdict
//! cargo run --release --example eval_english -- --tsv    # the flags not judged, as table rows
//! ```
//!
//! Exits 1 when a flag has no verdict or a verdict matches no flag (the table is stale).

#[path = "eval_english/corpus.rs"]
mod corpus;

use std::collections::HashSet;
use std::path::Path;
use std::process::ExitCode;

use corpus::{Flag, Totals};

fn main() -> ExitCode {
    let mut list = false;
    let mut tsv = false;
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--list" => list = true,
            "--tsv" => tsv = true,
            "-h" | "--help" => {
                println!("usage: eval_english [--list] [--tsv]");
                return ExitCode::SUCCESS;
            }
            other => {
                eprintln!("eval_english: unknown argument {other:?} (try --help)");
                return ExitCode::from(2);
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let results = corpus::run(root);
    let verdicts = corpus::verdicts(root);

    if tsv {
        for f in results.iter().flat_map(|r| &r.flags) {
            if !verdicts.contains_key(f) {
                println!("{}\t{}\t{}\t{}\t\t", f.file, f.check, f.text, f.line);
            }
        }
        return ExitCode::SUCCESS;
    }

    println!(
        "{:<40} {:>7} {:>6} {:>8} {:>5} {:>6} {:>9}",
        "file", "words", "flags", "per 1k", "true", "false", "unjudged"
    );
    let mut all = Totals::default();
    for r in &results {
        let mut t = Totals::default();
        t.add(r, &verdicts);
        all.add(r, &verdicts);
        println!(
            "{:<40} {:>7} {:>6} {:>8.2} {:>5} {:>6} {:>9}",
            r.file,
            r.words,
            t.flags,
            t.per_thousand(),
            t.real,
            t.false_alarms,
            t.unjudged
        );
    }
    println!(
        "{:<40} {:>7} {:>6} {:>8.2} {:>5} {:>6} {:>9}",
        "overall",
        all.words,
        all.flags,
        all.per_thousand(),
        all.real,
        all.false_alarms,
        all.unjudged
    );

    let found: HashSet<&Flag> = results.iter().flat_map(|r| &r.flags).collect();
    let mut ok = true;
    for f in results.iter().flat_map(|r| &r.flags) {
        match verdicts.get(f) {
            Some(v) if list => println!(
                "{}:{}: {} {:?} — {}: {}",
                f.file,
                f.line,
                f.check,
                f.text,
                if v.real { "true" } else { "false" },
                v.why
            ),
            Some(_) => {}
            None => {
                ok = false;
                println!(
                    "{}:{}: {} {:?} — not judged",
                    f.file, f.line, f.check, f.text
                );
            }
        }
    }
    let mut stale: Vec<&Flag> = verdicts.keys().filter(|f| !found.contains(f)).collect();
    stale.sort_by(|a, b| (&a.file, a.line, &a.check).cmp(&(&b.file, b.line, &b.check)));
    for f in stale {
        ok = false;
        println!(
            "{}:{}: {} {:?} — judged but no longer flagged (remove its row)",
            f.file, f.line, f.check, f.text
        );
    }
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
