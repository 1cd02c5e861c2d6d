//! The glossary's performance targets, measured side by side with the peer tools on the
//! same files, runs interleaved, medians reported with their ratios:
//!
//! 1. import of 1,000,000 generated entries (two variants each) from TSV: `mtpe glossary
//!    import` against the sqlite3 shell's `.import` of the same rows into a table with an
//!    index on the source and on the target column (target: ≤ 2×);
//! 2. a 100,000-entry glossary (~180,000 deprecated variants) against a 10 MB article:
//!    `mtpe check` against `grep -F -o -f PATTERNS ARTICLE` (target ≤ 0.2×) and against
//!    `mtpe check --no-glossary` (target ≤ 2×);
//! 3. the same glossary against a 100 KB article: against `--no-glossary` (target ≤ 3×);
//! 4. peak memory (resident set) of those `mtpe check` runs (target ≤ 200 MB).
//!
//! Data comes from the workshop's generator, `python3 ../shared/tools/gen.py` (or the
//! path in `MTPE_GEN_PY`), and is cached in `target/glossary-bench/`. Without it, or
//! without `sqlite3` / `grep`, the bench says what is missing and skips that part.
//! `MTPE_BENCH_ROUNDS` (default 5) sets the number of interleaved rounds;
//! `MTPE_BENCH_SKIP_IMPORT=1` skips the slow import comparison.
//!
//! `cargo bench --bench glossary_peers`

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const MTPE: &str = env!("CARGO_BIN_EXE_mtpe");

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let data = root.join("target/glossary-bench");
    if let Err(e) = std::fs::create_dir_all(&data) {
        eprintln!("glossary_peers: cannot create {}: {e}", data.display());
        return;
    }
    let rounds: usize = std::env::var("MTPE_BENCH_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(5);
    let gen_py = std::env::var_os("MTPE_GEN_PY")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("../shared/tools/gen.py"));
    if !gen_py.exists() {
        eprintln!(
            "glossary_peers: skipped: the data generator {} is missing (set MTPE_GEN_PY to gen.py)",
            gen_py.display()
        );
        return;
    }
    let generate = |args: &[&str], out: &Path| -> bool {
        if out.exists() {
            return true;
        }
        eprintln!("generating {} …", out.display());
        let ok = Command::new("python3")
            .arg(&gen_py)
            .args(args)
            .arg("--out")
            .arg(out)
            .stdout(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            eprintln!("glossary_peers: gen.py {args:?} failed");
        }
        ok
    };
    let g100k = data.join("glossary-100k.tsv");
    let g1m = data.join("glossary-1m.tsv");
    let patterns = data.join("patterns-100k.txt");
    let a10m = data.join("article-10MB.txt");
    let a100k = data.join("article-100KB.txt");
    let ready = generate(&["glossary", "--entries", "100000"], &g100k)
        && generate(
            &["patterns", "--glossary", &g100k.to_string_lossy()],
            &patterns,
        )
        && generate(&["article", "--mb", "10"], &a10m)
        && generate(&["article", "--mb", "0.1"], &a100k);
    if !ready {
        return;
    }
    println!("rounds: {rounds} (interleaved); times are medians of wall-clock time");

    // The 100k glossary as mtpe's SQLite store.
    let store = data.join("glossary-100k.sqlite");
    if !store.exists() {
        let tmp = data.join("glossary-100k.tmp.sqlite");
        let _ = std::fs::remove_file(&tmp);
        let ok = run(Command::new(MTPE)
            .args(["glossary", "init", "--empty"])
            .arg(&tmp))
        .is_some()
            && run(Command::new(MTPE)
                .args([
                    "glossary",
                    "import",
                    "--source-lang",
                    "zh",
                    "--target-lang",
                    "en",
                ])
                .arg(&g100k)
                .arg("--glossary")
                .arg(&tmp))
            .is_some();
        if !ok || std::fs::rename(&tmp, &store).is_err() {
            eprintln!("glossary_peers: could not build {}", store.display());
            return;
        }
    }

    let check = |article: &Path, glossary: bool| {
        let mut c = Command::new(MTPE);
        c.args(["check", "--format", "json"]);
        if glossary {
            c.arg("--glossary").arg(&store);
        } else {
            c.arg("--no-glossary");
        }
        c.arg(article);
        c
    };

    // 2. 10 MB article.
    let mut grep = Command::new("grep");
    grep.args(["-F", "-o", "-f"]).arg(&patterns).arg(&a10m);
    let big = compare(
        rounds,
        &mut [
            ("mtpe check (100k glossary), 10 MB", check(&a10m, true)),
            ("mtpe check --no-glossary, 10 MB", check(&a10m, false)),
            ("grep -F -o -f patterns, 10 MB", grep),
        ],
    );
    report(&big, 0, 2, "≤ 0.2×");
    report(&big, 0, 1, "≤ 2×");

    // 3. 100 KB article.
    let small = compare(
        rounds * 4,
        &mut [
            ("mtpe check (100k glossary), 100 KB", check(&a100k, true)),
            ("mtpe check --no-glossary, 100 KB", check(&a100k, false)),
        ],
    );
    report(&small, 0, 1, "≤ 3×");

    // 4. Memory.
    for (label, article) in [("10 MB", &a10m), ("100 KB", &a100k)] {
        match peak_rss_kb(check(article, true)) {
            Some(kb) => println!(
                "peak RSS, mtpe check (100k glossary), {label}: {} MB (target ≤ 200 MB)",
                kb / 1024
            ),
            None => println!("peak RSS: /usr/bin/time is missing; skipped"),
        }
    }

    // 1. Import.
    if std::env::var_os("MTPE_BENCH_SKIP_IMPORT").is_some() {
        return;
    }
    if !generate(&["glossary", "--entries", "1000000"], &g1m) {
        return;
    }
    if Command::new("sqlite3").arg("-version").output().is_err() {
        println!("import: sqlite3 shell missing (apt-get install sqlite3); skipped");
        return;
    }
    let mut times: Vec<(Vec<Duration>, Vec<Duration>)> = vec![(Vec::new(), Vec::new())];
    let import_rounds = rounds.clamp(1, 3);
    for _ in 0..import_rounds {
        let s3 = data.join("import-sqlite3.sqlite");
        let m = data.join("import-mtpe.sqlite");
        for f in [&s3, &m] {
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", f.display()));
            }
        }
        let schema = "CREATE TABLE g(source_term TEXT, target_term TEXT, deprecated_variants TEXT); \
                      CREATE INDEX g_src ON g(source_term); CREATE INDEX g_tgt ON g(target_term);";
        if run(Command::new("sqlite3").arg(&s3).arg(schema)).is_none()
            || run(Command::new(MTPE)
                .args(["glossary", "init", "--empty"])
                .arg(&m))
            .is_none()
        {
            return;
        }
        let mut sqlite = Command::new("sqlite3");
        sqlite.arg(&s3).args([
            "-cmd",
            ".mode tabs",
            &format!(".import --skip 1 {} g", g1m.display()),
        ]);
        let mut mtpe = Command::new(MTPE);
        mtpe.args([
            "glossary",
            "import",
            "--source-lang",
            "zh",
            "--target-lang",
            "en",
        ])
        .arg(&g1m)
        .arg("--glossary")
        .arg(&m);
        let (Some(a), Some(b)) = (run(&mut mtpe), run(&mut sqlite)) else {
            return;
        };
        times[0].0.push(a);
        times[0].1.push(b);
    }
    let (a, b) = (median(&times[0].0), median(&times[0].1));
    println!(
        "import 1,000,000 entries: mtpe {:.2} s, sqlite3 .import {:.2} s: {:.2}× (target ≤ 2×; {import_rounds} rounds)",
        a.as_secs_f64(),
        b.as_secs_f64(),
        a.as_secs_f64() / b.as_secs_f64()
    );
}

/// Runs a command to completion with its output discarded; its wall time, or `None`
/// (with a message) if it could not run or failed.
fn run(cmd: &mut Command) -> Option<Duration> {
    let start = Instant::now();
    match cmd.stdout(Stdio::null()).stderr(Stdio::null()).status() {
        // `mtpe check` exits 1 when it finds issues.
        Ok(s) if s.success() || s.code() == Some(1) => Some(start.elapsed()),
        Ok(s) => {
            eprintln!("glossary_peers: {cmd:?} exited with {s}");
            None
        }
        Err(e) => {
            eprintln!("glossary_peers: cannot run {cmd:?}: {e}");
            None
        }
    }
}

/// Interleaved rounds of every command; the median time of each.
fn compare(rounds: usize, cmds: &mut [(&'static str, Command)]) -> Vec<(&'static str, Duration)> {
    let mut times: Vec<Vec<Duration>> = vec![Vec::new(); cmds.len()];
    for _ in 0..rounds {
        for (i, (_, cmd)) in cmds.iter_mut().enumerate() {
            if let Some(t) = run(cmd) {
                times[i].push(t);
            }
        }
    }
    cmds.iter()
        .zip(times)
        .map(|((label, _), t)| {
            let m = median(&t);
            println!(
                "{label}: {:.1} ms (median of {})",
                m.as_secs_f64() * 1000.0,
                t.len()
            );
            (*label, m)
        })
        .collect()
}

fn report(results: &[(&str, Duration)], a: usize, b: usize, target: &str) {
    let (Some(x), Some(y)) = (results.get(a), results.get(b)) else {
        return;
    };
    println!(
        "  ratio {} / {}: {:.2}× (target {target})",
        x.0,
        y.0,
        x.1.as_secs_f64() / y.1.as_secs_f64().max(1e-9)
    );
}

fn median(t: &[Duration]) -> Duration {
    let mut v = t.to_vec();
    v.sort();
    v.get(v.len() / 2).copied().unwrap_or_default()
}

/// Peak resident set of a command, through GNU time.
fn peak_rss_kb(cmd: Command) -> Option<u64> {
    let out = Command::new("/usr/bin/time")
        .args(["-f", "%M"])
        .arg(cmd.get_program())
        .args(cmd.get_args())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .ok()?;
    String::from_utf8_lossy(&out.stderr)
        .lines()
        .last()?
        .trim()
        .parse()
        .ok()
}
