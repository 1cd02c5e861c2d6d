//! Two processes writing to one glossary at once: every row lands, and neither fails with
//! "database is locked" (WAL, a busy timeout and immediate write transactions).

use std::path::Path;
use std::process::{Command, Stdio};

use crate::util;

fn mtpe(home: &Path) -> Command {
    let mut cmd = Command::new(util::MTPE);
    util::hermetic(&mut cmd, home);
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    cmd
}

fn tsv(prefix: &str, n: usize) -> String {
    let mut s = String::from("source\ttarget\tdeprecated\n");
    for i in 0..n {
        s.push_str(&format!(
            "{prefix}源{i}\t{prefix} target {i}\t{prefix} old {i} | {prefix} older {i}\n"
        ));
    }
    s
}

#[test]
fn concurrent_imports_and_adds_lose_nothing() {
    let home = tempfile::tempdir().unwrap();
    let g = home.path().join("shared.sqlite");
    let status = mtpe(home.path())
        .args(["glossary", "init", "--empty"])
        .arg(&g)
        .status()
        .unwrap();
    assert!(status.success());
    const N: usize = 3000;
    const ADDS: usize = 15;
    let a = home.path().join("a.tsv");
    let b = home.path().join("b.tsv");
    std::fs::write(&a, tsv("alpha", N)).unwrap();
    std::fs::write(&b, tsv("beta", N)).unwrap();

    let import = |file: &Path| {
        mtpe(home.path())
            .args([
                "glossary",
                "import",
                "--source-lang",
                "zh",
                "--target-lang",
                "en",
            ])
            .arg(file)
            .arg("--glossary")
            .arg(&g)
            .spawn()
            .unwrap()
    };
    let first = import(&a);
    let second = import(&b);
    // Meanwhile, two more processes add entries one by one.
    let adders: Vec<_> = ["x", "y"]
        .into_iter()
        .map(|tag| {
            let g = g.clone();
            let home = home.path().to_path_buf();
            std::thread::spawn(move || {
                for i in 0..ADDS {
                    let out = mtpe(&home)
                        .args(["glossary", "add", "--target"])
                        .arg(format!("{tag} added {i}"))
                        .arg("--glossary")
                        .arg(&g)
                        .output()
                        .unwrap();
                    assert!(
                        out.status.success(),
                        "{}",
                        String::from_utf8_lossy(&out.stderr)
                    );
                }
            })
        })
        .collect();
    for child in [first, second] {
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{stderr}");
        assert!(!stderr.contains("locked"), "{stderr}");
        assert!(
            String::from_utf8_lossy(&out.stdout).contains(&format!("{N} added")),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
    for t in adders {
        t.join().unwrap();
    }
    let out = mtpe(home.path())
        .args(["glossary", "stats", "--format", "json", "--glossary"])
        .arg(&g)
        .output()
        .unwrap();
    let stats: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(stats["entries"], 2 * N + 2 * ADDS, "{stats}");
    assert_eq!(stats["deprecated_terms"], 4 * N, "{stats}");
}
