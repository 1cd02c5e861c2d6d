//! End-to-end tests of `mtpe apply`: mtpe's own and GNU `diff -u`'s patches, output to a
//! file, standard output or in place; failing hunks named and nothing written.

// Test helpers outside #[test] functions may unwrap too.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use predicates::prelude::*;

use crate::util::mtpe;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/diff")
        .join(name)
}

#[test]
fn applies_a_gnu_diff_u_patch() {
    // fixtures/diff/review.gnu.diff was made by `diff -u review.mt.txt review.pe.txt`
    // (GNU diffutils 3.8), timestamps and all.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.txt");
    mtpe()
        .arg("apply")
        .arg(fixture("review.mt.txt"))
        .arg(fixture("review.gnu.diff"))
        .arg("-o")
        .arg(&out)
        .assert()
        .success()
        .stdout("");
    assert_eq!(
        std::fs::read(&out).unwrap(),
        std::fs::read(fixture("review.pe.txt")).unwrap()
    );
}

#[test]
fn applies_in_place_and_reports_offsets() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("a.txt");
    let patch = dir.path().join("p.diff");
    std::fs::write(
        &patch,
        "--- a.txt\n+++ a.txt\n@@ -1,3 +1,3 @@\n one\n-two\n+2\n three\n",
    )
    .unwrap();
    std::fs::write(&article, "zero\none\ntwo\nthree\n").unwrap();
    mtpe()
        .arg("apply")
        .arg(&article)
        .arg(&patch)
        .arg("--in-place")
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "hunk 1 applied 1 line after its stated position",
        ));
    assert_eq!(
        std::fs::read_to_string(&article).unwrap(),
        "zero\none\n2\nthree\n"
    );
}

#[test]
fn failing_hunk_is_named_and_nothing_written() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("a.txt");
    let patch = dir.path().join("p.diff");
    let out = dir.path().join("out.txt");
    std::fs::write(
        &article,
        "one\nTWO\nthree\nfour\nfive\nsix\nseven\neight\nnine\n",
    )
    .unwrap();
    std::fs::write(
        &patch,
        "--- a.txt\n+++ a.txt\n@@ -1,3 +1,3 @@\n one\n-two\n+2\n three\n@@ -7,3 +7,3 @@\n seven\n-eight\n+8\n nine\n",
    )
    .unwrap();
    mtpe()
        .arg("apply")
        .arg(&article)
        .arg(&patch)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("p.diff: does not apply to"))
        .stderr(predicate::str::contains("nothing written"))
        .stderr(predicate::str::contains(
            "hunk 1 (@@ -1,3 +1,3 @@, patch line 3) does not apply: line 2 of the article is \"TWO\", the patch expects \"two\"",
        ))
        .stderr(predicate::str::contains("hunk 2").not());
    assert!(!out.exists());
    // In place: the article is left as it was.
    mtpe()
        .arg("apply")
        .arg(&article)
        .arg(&patch)
        .arg("--in-place")
        .assert()
        .code(2);
    assert_eq!(
        std::fs::read_to_string(&article).unwrap(),
        "one\nTWO\nthree\nfour\nfive\nsix\nseven\neight\nnine\n"
    );
}

#[test]
fn bad_patches_and_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("a.txt");
    std::fs::write(&article, "one\n").unwrap();
    let not_a_patch = dir.path().join("notes.txt");
    std::fs::write(&not_a_patch, "just some notes\n").unwrap();
    mtpe()
        .arg("apply")
        .arg(&article)
        .arg(&not_a_patch)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("notes.txt: no unified diff found"));
    let binary = dir.path().join("bin.diff");
    std::fs::write(&binary, b"--- a\0\n").unwrap();
    mtpe()
        .arg("apply")
        .arg(&article)
        .arg(&binary)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "bin.diff: looks like a binary file",
        ));
    mtpe()
        .arg("apply")
        .arg(dir.path().join("missing.txt"))
        .arg(&not_a_patch)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing.txt: no such file"));
    // An empty patch (the diff of identical files) is refused, as git apply refuses it,
    // unless --allow-empty: then the article is output unchanged.
    let empty = dir.path().join("empty.diff");
    std::fs::write(&empty, "").unwrap();
    let out = dir.path().join("out.txt");
    mtpe()
        .arg("apply")
        .arg(&article)
        .arg(&empty)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "empty.diff: the patch is empty (no hunks",
        ))
        .stderr(predicate::str::contains("nothing written"));
    assert!(!out.exists());
    mtpe()
        .arg("apply")
        .arg(&article)
        .arg(&empty)
        .arg("--allow-empty")
        .assert()
        .success()
        .stdout("one\n");
}

/// An article or patch over the size limit is refused by name before it is read; nothing
/// is written, in place or not.
#[test]
fn texts_over_the_size_limit_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("a.txt");
    let original = "one two three\n".repeat(100);
    std::fs::write(&article, &original).unwrap();
    let edited = dir.path().join("b.txt");
    // Every line changed: the patch is twice the article's size.
    std::fs::write(&edited, original.replace("two", "2")).unwrap();
    let patch = dir.path().join("big.diff");
    mtpe()
        .args(["diff", "--format", "unified", "-o"])
        .args([&patch, &article, &edited])
        .assert()
        .code(1);
    let patch_size = std::fs::metadata(&patch).unwrap().len();
    assert!((2048..4096).contains(&patch_size), "{patch_size}");
    let out = dir.path().join("out.txt");
    for (limit, named) in [("2K", "big.diff"), ("1K", "a.txt")] {
        for place in [
            ["-o", out.to_str().unwrap()],
            ["--in-place", "--allow-empty"],
        ] {
            mtpe()
                .args(["apply", "--max-input", limit])
                .args([&article, &patch])
                .args(place)
                .assert()
                .code(2)
                .stdout("")
                .stderr(predicate::str::contains(format!(
                    "{named}: is larger than mtpe reads"
                )));
            assert!(!out.exists());
            assert_eq!(std::fs::read_to_string(&article).unwrap(), original);
        }
    }
    // With room for both it applies.
    mtpe()
        .args(["apply", "--max-input", "4K"])
        .args([&article, &patch])
        .assert()
        .success()
        .stdout(original.replace("two", "2"));
}

/// GNU `diff -u` of two files, run in `dir`.
fn gnu_diff(dir: &Path, a: &str, b: &str) -> String {
    let out = std::process::Command::new("diff")
        .current_dir(dir)
        .args(["-u", a, b])
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap()
}

/// Hunks swapped, and a patch made without a final newline applied to a text with one:
/// each failure says what is wrong (not "line endings"), exit 2, nothing written.
#[test]
fn misordered_hunks_and_final_newline_mismatch_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let original: String = (1..=30).map(|i| format!("{i}\n")).collect();
    let edited = original
        .replace("\n5\n", "\nfive\n")
        .replace("\n25\n", "\ntwenty-five\n");
    std::fs::write(dir.path().join("a.txt"), &original).unwrap();
    std::fs::write(dir.path().join("b.txt"), &edited).unwrap();
    let diff = gnu_diff(dir.path(), "a.txt", "b.txt");
    let second = diff.rfind("@@ -").unwrap();
    let first = diff.find("@@ -").unwrap();
    let swapped = format!(
        "{}{}{}",
        &diff[..first],
        &diff[second..],
        &diff[first..second]
    );
    std::fs::write(dir.path().join("swapped.diff"), swapped).unwrap();
    let out = dir.path().join("out.txt");
    mtpe()
        .current_dir(dir.path())
        .args(["apply", "a.txt", "swapped.diff", "-o"])
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("hunk 2 (@@ -2,7 +2,7 @@"))
        .stderr(predicate::str::contains(
            "before hunk 1 (lines 22–28): the hunks are out of order or overlap",
        ))
        .stderr(predicate::str::contains("line endings").not());
    assert!(!out.exists());

    std::fs::write(dir.path().join("x.txt"), "a\nb").unwrap();
    std::fs::write(dir.path().join("y.txt"), "a\nc").unwrap();
    std::fs::write(
        dir.path().join("nonl.diff"),
        gnu_diff(dir.path(), "x.txt", "y.txt"),
    )
    .unwrap();
    std::fs::write(dir.path().join("with-newline.txt"), "a\nb\n").unwrap();
    mtpe()
        .current_dir(dir.path())
        .args(["apply", "with-newline.txt", "nonl.diff", "-o"])
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "the patch expects line 2 (\"b\") to end the article without a line break (\\ No newline at end of file), but the article has one there",
        ))
        .stderr(predicate::str::contains("line endings").not());
    assert!(!out.exists());
}
