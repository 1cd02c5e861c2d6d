//! Unified diff of two ~10 MB articles that differ in about 10 % of their words: `mtpe diff`
//! (the whole process: reading, validating, diffing, writing) against GNU `diff -u` on the
//! same pair, run alternately; also the library call alone.
//!
//! Inputs: `MTPE_BENCH_ARTICLE` and `MTPE_BENCH_POSTEDIT` (e.g. made by the workshop's
//! `gen.py article --mb 10` and `gen.py postedit --rate 0.1`), else generated here.
//! `MTPE_BENCH_RUNS` sets the number of alternating runs (default 7).
//!
//!     cargo bench --bench diff_unified

#[path = "diff_support/mod.rs"]
mod support;

use std::ffi::OsStr;
use std::time::{Duration, Instant};

use support::*;

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (a, b) = match (
        env_file("MTPE_BENCH_ARTICLE"),
        env_file("MTPE_BENCH_POSTEDIT"),
    ) {
        (Some(a), Some(b)) => (a, b),
        _ => {
            let text = article(10_000_000, 1);
            let edited = postedit(&text, 0.10, 0.4, 2);
            (
                write_temp(dir.path(), "article.txt", &text),
                write_temp(dir.path(), "article.pe.txt", &edited),
            )
        }
    };
    let (ta, tb) = (read(&a), read(&b));
    println!(
        "inputs: {} ({} bytes), {} ({} bytes)",
        a.display(),
        ta.len(),
        b.display(),
        tb.len()
    );
    let runs = runs(7);

    // The library call alone.
    let mut lib = Vec::new();
    let mut diff_len = 0;
    for _ in 0..runs {
        let start = Instant::now();
        let d = mtpe::diff::unified_diff(&ta, &tb, "a", "b");
        lib.push(start.elapsed());
        diff_len = d.len();
    }
    println!(
        "mtpe::diff::unified_diff: median {} over {runs} runs ({diff_len} bytes of diff)",
        ms(median(&mut lib))
    );

    // Whole processes, alternating.
    let mtpe_bin = env!("CARGO_BIN_EXE_mtpe");
    let mut ours: Vec<Duration> = Vec::new();
    let mut gnu: Vec<Duration> = Vec::new();
    for _ in 0..runs {
        let args: [&OsStr; 4] = [
            OsStr::new("diff"),
            OsStr::new("--format=unified"),
            a.as_os_str(),
            b.as_os_str(),
        ];
        ours.push(time_command(mtpe_bin, &args).expect("mtpe diff runs"));
        let args: [&OsStr; 3] = [OsStr::new("-u"), a.as_os_str(), b.as_os_str()];
        match time_command("diff", &args) {
            Some(t) => gnu.push(t),
            None => {
                println!("GNU diff not available: no comparison");
                break;
            }
        }
    }
    let ours = median(&mut ours);
    println!("mtpe diff --format unified: median {}", ms(ours));
    if !gnu.is_empty() {
        let gnu = median(&mut gnu);
        println!("GNU diff -u:                median {}", ms(gnu));
        println!(
            "ratio mtpe / GNU diff: {:.2}× (target ≤ 3×)",
            ours.as_secs_f64() / gnu.as_secs_f64()
        );
    }
}
