//! TER of 100,000 segment pairs: mtpe's implementation (one thread, and all cores) against
//! sacrebleu's `TER()` on the same pairs, timing the scoring only (files already read), and
//! checking that the corpus scores agree.
//!
//! Inputs: `MTPE_BENCH_MT` and `MTPE_BENCH_PE` (one segment per line, e.g. from the
//! workshop's `gen.py pairs --sentences 100000`), else 100,000 pairs generated here.
//! sacrebleu runs when `python3 -c "import sacrebleu"` works (set `MTPE_BENCH_SACREBLEU=0`
//! to skip it: it takes minutes). `MTPE_BENCH_RUNS` sets mtpe's runs (default 5).
//!
//!     cargo bench --bench ter_corpus

#[path = "diff_support/mod.rs"]
mod support;

use std::time::{Duration, Instant};

use mtpe::diff::ter::{TerStats, segment_ter};
use rayon::prelude::*;
use support::*;

const SACREBLEU: &str = r#"
import sys, time
from sacrebleu.metrics import TER
def lines(p):
    t = open(p, encoding="utf-8").read().split("\n")
    return t[:-1] if t and t[-1] == "" else t
mt, pe = lines(sys.argv[1]), lines(sys.argv[2])
start = time.perf_counter()
s = TER().corpus_score(mt, [pe])
print(f"{s.score!r} {s.num_edits} {s.ref_length} {time.perf_counter() - start}")
"#;

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (mt_path, pe_path) = match (env_file("MTPE_BENCH_MT"), env_file("MTPE_BENCH_PE")) {
        (Some(a), Some(b)) => (a, b),
        _ => {
            let (mt, pe) = pairs(100_000, 3);
            (
                write_temp(dir.path(), "mt.txt", &(mt.join("\n") + "\n")),
                write_temp(dir.path(), "pe.txt", &(pe.join("\n") + "\n")),
            )
        }
    };
    let (mt_text, pe_text) = (read(&mt_path), read(&pe_path));
    let mt: Vec<&str> = mt_text.lines().collect();
    let pe: Vec<&str> = pe_text.lines().collect();
    assert_eq!(mt.len(), pe.len(), "as many MT as post-edited lines");
    println!(
        "{} pairs from {} and {}",
        mt.len(),
        mt_path.display(),
        pe_path.display()
    );

    let runs = runs(5);
    let mut single: Vec<Duration> = Vec::new();
    let mut parallel: Vec<Duration> = Vec::new();
    let mut total = TerStats::default();
    for _ in 0..runs {
        let start = Instant::now();
        total = mt.iter().zip(&pe).map(|(h, r)| segment_ter(h, r)).sum();
        single.push(start.elapsed());
        let start = Instant::now();
        let par: TerStats = mt
            .par_iter()
            .zip(pe.par_iter())
            .map(|(h, r)| segment_ter(h, r))
            .collect::<Vec<_>>()
            .into_iter()
            .sum();
        parallel.push(start.elapsed());
        assert_eq!(par, total);
    }
    let single = median(&mut single);
    let parallel = median(&mut parallel);
    println!(
        "mtpe TER = {:.4} ({} edits / {} reference words)",
        total.score(),
        total.edits,
        total.ref_words
    );
    println!("mtpe, one thread:   median {} over {runs} runs", ms(single));
    println!(
        "mtpe, {} threads:    median {}",
        rayon::current_num_threads(),
        ms(parallel)
    );

    if std::env::var("MTPE_BENCH_SACREBLEU").is_ok_and(|v| v == "0") {
        return;
    }
    let out = std::process::Command::new("python3")
        .args(["-c", SACREBLEU])
        .arg(&mt_path)
        .arg(&pe_path)
        .output();
    let Some(out) = out.ok().filter(|o| o.status.success()) else {
        println!("sacrebleu not available (pip install sacrebleu): no comparison");
        return;
    };
    let line = String::from_utf8_lossy(&out.stdout);
    let fields: Vec<&str> = line.split_whitespace().collect();
    let score: f64 = fields[0].parse().expect("score");
    let seconds: f64 = fields[3].parse().expect("seconds");
    println!(
        "sacrebleu TER = {score:.4} ({} edits / {} reference words)",
        fields[1], fields[2]
    );
    println!("sacrebleu: {:.1} s", seconds);
    println!(
        "score difference: {:.6} (target ±0.01)",
        (score - total.score()).abs()
    );
    println!(
        "speed-up: {:.0}× on one thread, {:.0}× on all threads (target ≥ 20×)",
        seconds / single.as_secs_f64(),
        seconds / parallel.as_secs_f64()
    );
}
