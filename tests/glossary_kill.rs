//! A glossary import killed with SIGKILL half-way leaves the glossary exactly as it was:
//! the same entries, a sound file, sound derived data (its one transaction never
//! committed). Mid-way is seen, not guessed: the import's progress lines (`--progress`)
//! say how many entries it has written into its transaction.

use std::io::{BufRead as _, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

use crate::util::{MTPE, hermetic, mtpe};

/// A TSV glossary of `rows` generated entries.
fn big_tsv(path: &Path, rows: usize) {
    let mut text = String::with_capacity(rows * 48);
    text.push_str("source_term\ttarget_term\tdeprecated_variants\n");
    for i in 0..rows {
        text.push_str(&format!(
            "术语{i}\tgenerated term {i}\told rendering {i}|older rendering {i}\n"
        ));
    }
    std::fs::write(path, text).expect("test setup");
}

/// Everything the glossary holds, as its export and statistics.
fn contents(g: &Path) -> (Vec<u8>, Vec<u8>) {
    let run = |args: &[&str]| {
        let out = mtpe()
            .args(args)
            .arg("--glossary")
            .arg(g)
            .output()
            .expect("test setup");
        assert!(out.status.success(), "{args:?}: {out:?}");
        out.stdout
    };
    (
        run(&["glossary", "export"]),
        run(&["glossary", "stats", "--format", "json"]),
    )
}

/// Starts importing `file` into `g`, kills the import with SIGKILL once it reports
/// `at_least` entries written, and returns the progress it reported.
fn import_and_kill(home: &Path, g: &Path, file: &Path, at_least: u64) -> Vec<String> {
    let mut cmd = Command::new(MTPE);
    hermetic(&mut cmd, home);
    let mut child = cmd
        .args([
            "glossary",
            "import",
            "--progress",
            "--source-lang",
            "zh",
            "--target-lang",
            "en",
        ])
        .arg(file)
        .arg("--glossary")
        .arg(g)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("mtpe starts");
    let stderr = child.stderr.take().expect("stderr");
    let mut heard = Vec::new();
    for line in BufReader::new(stderr).lines() {
        let line = line.expect("stderr line");
        assert!(
            !line.contains("all entries read"),
            "the import got to its end before it could be killed: make the file larger\n{heard:?}"
        );
        let written = line
            .rsplit_once(": ")
            .and_then(|(_, n)| n.strip_suffix(" entries"))
            .and_then(|n| n.parse::<u64>().ok());
        heard.push(line);
        if written.is_some_and(|n| n >= at_least) {
            child.kill().expect("SIGKILL");
            break;
        }
    }
    let status = child.wait().expect("the import ends");
    assert!(!status.success(), "killed: {status:?}\n{heard:?}");
    assert_eq!(
        std::os::unix::process::ExitStatusExt::signal(&status),
        Some(9),
        "{heard:?}"
    );
    heard
}

fn check_is_sound(g: &Path) {
    let out = mtpe()
        .args(["glossary", "check", "--glossary"])
        .arg(g)
        .output()
        .expect("test setup");
    assert_eq!(out.status.code(), Some(0), "{out:?}");
}

#[test]
fn an_import_killed_half_way_leaves_the_glossary_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("big.tsv");
    let rows = 300_000;
    big_tsv(&file, rows);
    let small = dir.path().join("small.tsv");
    big_tsv(&small, 1000);
    // A glossary with entries (the merging import), and an empty one (the bulk load,
    // which drops the preferred-term index inside its transaction).
    for fill in ["shipped", "empty"] {
        let g = dir.path().join(format!("{fill}.sqlite"));
        let mut init = mtpe();
        init.args(["glossary", "init"]).arg(&g);
        if fill == "empty" {
            init.arg("--empty");
        }
        init.assert().success();
        let before = contents(&g);
        let heard = import_and_kill(dir.path(), &g, &file, 3 * 4096);
        assert!(heard.iter().any(|l| l.contains("entries")), "{heard:?}");
        assert_eq!(contents(&g), before, "{fill}: the glossary changed");
        check_is_sound(&g);
        // And it takes an import afterwards.
        let out = mtpe()
            .args([
                "glossary",
                "import",
                "--source-lang",
                "zh",
                "--target-lang",
                "en",
            ])
            .arg(&small)
            .arg("--glossary")
            .arg(&g)
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("1000 added"),
            "{out:?}"
        );
        check_is_sound(&g);
    }
}
