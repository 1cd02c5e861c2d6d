//! End-to-end tests of the revision history: `mtpe history` (listing and `--record`),
//! `mtpe show` and `mtpe diff --rev`, with the store given by `--store`, `MTPE_STORE` or
//! the (temporary) user data directory. Nothing touches the real user's directories.

// Test helpers outside #[test] functions may unwrap too.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use predicates::prelude::*;

use crate::util::{self, TestCommand};

/// A command whose home and data directories are inside `dir`.
fn mtpe(dir: &Path) -> TestCommand {
    let mut cmd = util::mtpe_in(dir);
    cmd.env("NO_COLOR", "1").current_dir(dir);
    cmd
}

struct Setup {
    dir: tempfile::TempDir,
    article: PathBuf,
    store: PathBuf,
}

fn setup() -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("article.txt");
    std::fs::write(
        &article,
        "A clear and clear network ecosystem.\nThe the sky is blue.\nUnchanged line.\n",
    )
    .unwrap();
    let store = dir.path().join("store").join("history.sqlite3");
    Setup {
        dir,
        article,
        store,
    }
}

fn record(s: &Setup, corrected: &str, name: &str) {
    let path = s.dir.path().join(name);
    std::fs::write(&path, corrected).unwrap();
    mtpe(s.dir.path())
        .arg("history")
        .arg(&s.article)
        .arg("--record")
        .arg(&path)
        .arg("--store")
        .arg(&s.store)
        .assert()
        .success();
}

#[test]
fn record_list_show_and_diff_revisions() {
    let s = setup();
    record(
        &s,
        "A clean and clear network ecosystem.\nThe the sky is blue.\nUnchanged line.\n",
        "v1.txt",
    );
    record(
        &s,
        "A clean and clear network ecosystem.\nThe sky is blue.\nUnchanged line.\n",
        "v2.txt",
    );
    // The same texts again: nothing new.
    mtpe(s.dir.path())
        .arg("history")
        .arg(&s.article)
        .arg("--record")
        .arg(s.dir.path().join("v2.txt"))
        .arg("--store")
        .arg(&s.store)
        .assert()
        .success()
        .stderr(predicate::str::contains("already holds this text"));

    let out = mtpe(s.dir.path())
        .arg("history")
        .arg(&s.article)
        .arg("--store")
        .arg(&s.store)
        .output()
        .unwrap();
    assert!(out.status.success());
    let table = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines.len(), 3, "{table}");
    assert!(lines[0].starts_with(" rev  saved (UTC)"), "{table}");
    assert!(lines[1].trim_start().starts_with("1  20"), "{table}");
    assert!(lines[1].contains("1/3"), "{table}");
    assert!(lines[1].contains("v1.txt"), "{table}");
    assert!(lines[2].contains("2/3"), "{table}");

    let out = mtpe(s.dir.path())
        .arg("history")
        .arg(&s.article)
        .args(["--format", "json", "--store"])
        .arg(&s.store)
        .output()
        .unwrap();
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[1]["number"], 2);
    assert_eq!(list[1]["summary"]["ter_edits"], 2);
    assert_eq!(list[1]["sha256"].as_str().unwrap().len(), 64);
    assert!(list[0]["created_at"].as_str().unwrap().ends_with('Z'));

    // show: the text byte for byte, the original, the diff.
    mtpe(s.dir.path())
        .arg("show")
        .arg(&s.article)
        .args(["--rev", "1", "--store"])
        .arg(&s.store)
        .assert()
        .success()
        .stdout("A clean and clear network ecosystem.\nThe the sky is blue.\nUnchanged line.\n");
    mtpe(s.dir.path())
        .arg("show")
        .arg(&s.article)
        .args(["--part", "original", "--store"])
        .arg(&s.store)
        .assert()
        .success()
        .stdout(std::fs::read_to_string(&s.article).unwrap());
    mtpe(s.dir.path())
        .arg("show")
        .arg(&s.article)
        .args(["--rev", "2", "--part", "diff", "--store"])
        .arg(&s.store)
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "--- a/article.txt\n+++ b/article.txt\n",
        ))
        .stdout(predicate::str::contains("\n-The the sky is blue.\n"))
        .stdout(predicate::str::contains("\n+The sky is blue.\n"));

    // diff --rev: any format, on the stored texts.
    let out = mtpe(s.dir.path())
        .arg("diff")
        .args(["--rev", "2", "--format", "json"])
        .arg(&s.article)
        .arg("--store")
        .arg(&s.store)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["ter_edits"], 2);
    assert_eq!(v["segments_changed"], 2);
    assert!(
        v["corrected"]["path"]
            .as_str()
            .unwrap()
            .ends_with("article.txt (revision 2)")
    );
    let fixed_doubled = v["issues"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["status"] == "fixed" && i["check"] == "repetition.doubled")
        .count();
    assert_eq!(fixed_doubled, 1, "\"The the\" fixed");
    mtpe(s.dir.path())
        .arg("diff")
        .args(["--rev", "1", "--format", "words"])
        .arg(&s.article)
        .arg("--store")
        .arg(&s.store)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("A [-clear-]{+clean+} and clear"));
    mtpe(s.dir.path())
        .arg("diff")
        .args(["--rev", "2"])
        .arg(&s.article)
        .arg("--store")
        .arg(&s.store)
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with("--- a/article.txt\n"));
}

#[test]
fn missing_revisions_and_stores_are_errors() {
    let s = setup();
    // Listing an article without revisions lists nothing, says so and succeeds, with or
    // without a store, and never creates the store.
    mtpe(s.dir.path())
        .arg("history")
        .arg(&s.article)
        .arg("--store")
        .arg(&s.store)
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with(format!(
            "no revisions recorded for {}",
            s.article.display()
        )))
        .stdout(predicate::str::contains("history.sqlite3"));
    mtpe(s.dir.path())
        .arg("history")
        .arg(&s.article)
        .args(["--format", "json", "--store"])
        .arg(&s.store)
        .assert()
        .code(0)
        .stdout("[]\n");
    assert!(!s.store.exists(), "reading must not create a store");
    mtpe(s.dir.path())
        .arg("show")
        .arg(&s.article)
        .arg("--store")
        .arg(&s.store)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no revision store here yet"));
    assert!(!s.store.exists(), "reading must not create a store");
    record(&s, "changed\n", "v1.txt");
    mtpe(s.dir.path())
        .arg("show")
        .arg(&s.article)
        .args(["--rev", "5", "--store"])
        .arg(&s.store)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "no revision 5 (revisions 1 to 1 exist)",
        ));
    mtpe(s.dir.path())
        .arg("diff")
        .args(["--rev", "0"])
        .arg(&s.article)
        .arg("--store")
        .arg(&s.store)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no revision 0"));
    let other = s.dir.path().join("other.txt");
    std::fs::write(&other, "unrelated\n").unwrap();
    mtpe(s.dir.path())
        .arg("show")
        .arg(&other)
        .arg("--store")
        .arg(&s.store)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("other.txt: no revisions saved"));
    mtpe(s.dir.path())
        .arg("history")
        .arg(&other)
        .arg("--store")
        .arg(&s.store)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("no revisions recorded for"));
}

#[test]
fn store_from_environment_and_data_directory() {
    let s = setup();
    let corrected = s.dir.path().join("pe.txt");
    std::fs::write(&corrected, "Fixed.\n").unwrap();
    // MTPE_STORE.
    let env_store = s.dir.path().join("env.sqlite3");
    mtpe(s.dir.path())
        .env("MTPE_STORE", &env_store)
        .arg("history")
        .arg(&s.article)
        .arg("--record")
        .arg(&corrected)
        .assert()
        .success();
    assert!(env_store.exists());
    // The user data directory ($XDG_DATA_HOME here, pointing into the temp dir).
    mtpe(s.dir.path())
        .arg("history")
        .arg(&s.article)
        .arg("--record")
        .arg(&corrected)
        .assert()
        .success();
    let default = s
        .dir
        .path()
        .join("data")
        .join("mtpe")
        .join("history.sqlite3");
    assert!(default.exists(), "store in the data directory");
    // A moved article is found by its content.
    let moved = s.dir.path().join("moved.txt");
    std::fs::rename(&s.article, &moved).unwrap();
    mtpe(s.dir.path())
        .arg("show")
        .arg(&moved)
        .assert()
        .success()
        .stdout("Fixed.\n");
}

/// The diff stored with a revision counts lines at line feeds only: an article with a
/// carriage return inside a line gets a patch that `mtpe apply` and GNU `patch` accept.
#[test]
fn stored_diff_of_an_article_with_lone_carriage_returns_applies() {
    if !util::tools(
        "stored_diff_of_an_article_with_lone_carriage_returns_applies",
        &["patch"],
    ) {
        return;
    }
    let s = setup();
    let original = "Title\rSubtitle\nBody text.\nlast\r";
    std::fs::write(&s.article, original).unwrap();
    let corrected = "Title\rSubtitle\nBody text, edited.\nlast line\r";
    record(&s, corrected, "v1.txt");
    let diff_path = s.dir.path().join("rev1.diff");
    mtpe(s.dir.path())
        .arg("show")
        .arg(&s.article)
        .args(["--part", "diff", "--store"])
        .arg(&s.store)
        .arg("-o")
        .arg(&diff_path)
        .assert()
        .success();
    let diff = std::fs::read_to_string(&diff_path).unwrap();
    assert_eq!(
        diff,
        "--- a/article.txt\n+++ b/article.txt\n@@ -1,3 +1,3 @@\n Title\rSubtitle\n\
         -Body text.\n-last\r\n\\ No newline at end of file\n\
         +Body text, edited.\n+last line\r\n\\ No newline at end of file\n"
    );
    let out = mtpe(s.dir.path())
        .arg("apply")
        .arg(&s.article)
        .arg(&diff_path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(out.stdout, corrected.as_bytes());
    let patched = s.dir.path().join("patched.txt");
    let status = std::process::Command::new("patch")
        .current_dir(s.dir.path())
        .arg("--quiet")
        .arg("-o")
        .arg(&patched)
        .arg(&s.article)
        .arg(&diff_path)
        .status()
        .unwrap();
    assert!(status.success(), "patch failed");
    assert_eq!(std::fs::read(&patched).unwrap(), corrected.as_bytes());
}

/// The TER listed by `history --format json` is the one `diff --format json` prints, to
/// the last digit (sacrebleu's 12.837837837837837 for the review fixture).
#[test]
fn listed_ter_is_the_reports_float() {
    let s = setup();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/diff");
    std::fs::copy(fixtures.join("review.mt.txt"), &s.article).unwrap();
    record(
        &s,
        &std::fs::read_to_string(fixtures.join("review.pe.txt")).unwrap(),
        "pe.txt",
    );
    let out = mtpe(s.dir.path())
        .arg("history")
        .arg(&s.article)
        .args(["--format", "json", "--store"])
        .arg(&s.store)
        .output()
        .unwrap();
    let listed = String::from_utf8(out.stdout).unwrap();
    assert!(listed.contains("\"ter\":12.837837837837837,"), "{listed}");
    let out = mtpe(s.dir.path())
        .arg("diff")
        .args(["--rev", "1", "--format", "json", "--no-checks"])
        .arg(&s.article)
        .arg("--store")
        .arg(&s.store)
        .output()
        .unwrap();
    let report = String::from_utf8(out.stdout).unwrap();
    assert!(report.contains("\"ter\":12.837837837837837,"), "{report}");
}

/// Revisions belong to a path: a copy of an article lists none of the original's (and
/// names it), a moved or renamed article is followed by its text (and says so), and its
/// next revision continues its history under the new path.
#[test]
fn a_copy_has_its_own_history_and_a_moved_article_takes_its_own_along() {
    let s = setup();
    let original = std::fs::read_to_string(&s.article).unwrap();
    record(
        &s,
        "A clean and clear network ecosystem.\nThe the sky is blue.\nUnchanged line.\n",
        "v1.txt",
    );
    record(
        &s,
        "A clean and clear network ecosystem.\nThe sky is blue.\nUnchanged line.\n",
        "v2.txt",
    );
    let key = std::fs::canonicalize(&s.article).unwrap();
    let history = |article: &Path, format: &str| {
        let out = mtpe(s.dir.path())
            .arg("history")
            .arg(article)
            .args(["--format", format, "--store"])
            .arg(&s.store)
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        String::from_utf8(out.stdout).unwrap()
    };

    // A copy, the original still in place.
    let copy = s.dir.path().join("COPY.txt");
    std::fs::write(&copy, &original).unwrap();
    let listed = history(&copy, "text");
    assert!(
        listed.starts_with(&format!("no revisions recorded for {}", copy.display())),
        "{listed}"
    );
    assert!(
        listed.contains(&format!(
            "{} has the same text and 2 revisions: mtpe history",
            key.display()
        )),
        "{listed}"
    );
    assert_eq!(history(&copy, "json"), "[]\n");
    mtpe(s.dir.path())
        .arg("show")
        .arg(&copy)
        .arg("--store")
        .arg(&s.store)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("COPY.txt: no revisions saved ("));
    std::fs::remove_file(&copy).unwrap();

    // Moved: found by its text, and said so (listing, show, diff --rev).
    let moved = s.dir.path().join("renamed.txt");
    std::fs::rename(&s.article, &moved).unwrap();
    let listed = history(&moved, "text");
    let lines: Vec<&str> = listed.lines().collect();
    assert_eq!(lines.len(), 4, "{listed}");
    assert_eq!(
        lines[0],
        format!(
            "{}: revisions recorded for {}, which is gone; this file has the text they correct (moved or renamed)",
            moved.display(),
            key.display()
        )
    );
    assert!(lines[1].starts_with(" rev  saved (UTC)"), "{listed}");
    let json: serde_json::Value = serde_json::from_str(&history(&moved, "json")).unwrap();
    assert_eq!(json[1]["article"], key.display().to_string());
    assert_eq!(json[1]["recorded_as"], key.display().to_string());
    mtpe(s.dir.path())
        .arg("show")
        .arg(&moved)
        .arg("--store")
        .arg(&s.store)
        .assert()
        .success()
        .stdout("A clean and clear network ecosystem.\nThe sky is blue.\nUnchanged line.\n")
        .stderr(predicate::str::contains(
            "which is gone; this file has the text they correct",
        ));
    mtpe(s.dir.path())
        .arg("diff")
        .args(["--rev", "1", "--format", "stat"])
        .arg(&moved)
        .arg("--store")
        .arg(&s.store)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("(moved or renamed)"));

    // Its next revision continues the history under the new path.
    let v3 = s.dir.path().join("v3.txt");
    std::fs::write(&v3, "Edited at its new place.\n").unwrap();
    mtpe(s.dir.path())
        .arg("history")
        .arg(&moved)
        .arg("--record")
        .arg(&v3)
        .arg("--store")
        .arg(&s.store)
        .assert()
        .success()
        .stderr(predicate::str::contains("recorded revision 3 of"))
        .stderr(predicate::str::contains(format!(
            "continues the history of {}, which is gone",
            key.display()
        )));
    let listed = history(&moved, "text");
    let lines: Vec<&str> = listed.lines().collect();
    assert_eq!(lines.len(), 5, "{listed}");
    assert!(lines[0].starts_with(" rev  saved (UTC)"), "{listed}");
    assert!(lines[3].trim_start().starts_with("3  20"), "{listed}");
    assert_eq!(
        lines[4],
        format!(
            "revisions 1\u{2013}2 were recorded as {}, before the article was moved or renamed",
            key.display()
        )
    );
    let json: serde_json::Value = serde_json::from_str(&history(&moved, "json")).unwrap();
    let moved_key = std::fs::canonicalize(&moved).unwrap().display().to_string();
    assert_eq!(json[0]["article"], moved_key);
    assert_eq!(json[0]["recorded_as"], key.display().to_string());
    assert_eq!(json[2]["recorded_as"], moved_key);
}

/// A store written before revisions belonged to articles is upgraded on first use and
/// keeps its revisions (`fixtures/history/schema-v1.sqlite3`, see `src/history/tests.rs`).
#[test]
fn a_store_of_an_older_mtpe_is_upgraded_and_listed() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("old.sqlite3");
    std::fs::copy("fixtures/history/schema-v1.sqlite3", &store).unwrap();
    let out = mtpe(dir.path())
        .args([
            "history",
            "/tmp/mtpe-history-fixture-v1/article.txt",
            "--format",
            "json",
            "--store",
        ])
        .arg(&store)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 2, "{list}");
    assert_eq!(list[1]["number"], 2);
    assert_eq!(list[1]["saved_to"], "/tmp/mtpe-history-fixture-v1/v2.txt");
}
