//! End-to-end tests of `mtpe diff`: every format, the unified diff accepted by `patch` and
//! `git apply`, line-ending changes, HTML escaping, and bad input.

// Test helpers outside #[test] functions may unwrap too.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

use predicates::prelude::*;

use crate::util::{self, TestCommand};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/diff")
        .join(name)
}

/// `mtpe` with a private home: the default glossary is created there on first use.
fn mtpe() -> TestCommand {
    let mut cmd = util::mtpe();
    cmd.env("NO_COLOR", "1");
    cmd
}

fn stdout_of(args: &[&str]) -> String {
    let out = mtpe().args(args).output().expect("runs");
    assert!(
        out.status.code() == Some(0) || out.status.code() == Some(1),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

/// Pairs whose unified diff must round-trip through `patch` and `git apply`.
fn pairs() -> Vec<(&'static str, String, String)> {
    let mt = std::fs::read_to_string(fixture("review.mt.txt")).unwrap();
    let pe = std::fs::read_to_string(fixture("review.pe.txt")).unwrap();
    let split = std::fs::read_to_string(fixture("review-split.pe.txt")).unwrap();
    vec![
        ("review", mt.clone(), pe.clone()),
        ("split and deleted lines", pe.clone(), split),
        ("crlf to lf", mt.replace('\n', "\r\n"), mt.clone()),
        (
            "lf to crlf with an edit",
            mt.clone(),
            pe.replace('\n', "\r\n"),
        ),
        ("final newline removed", "a\nb\n".into(), "a\nb".into()),
        ("final newline added", "a\nb".into(), "a\nc\n".into()),
        (
            "bom removed",
            "\u{feff}标题\n正文。\n".into(),
            "标题\n正文。\n".into(),
        ),
        ("from empty", String::new(), "new text\n".into()),
        // A carriage return not followed by a line feed is part of its line.
        (
            "lone cr inside a line",
            "Title\rSubtitle\nBody text.\n".into(),
            "Title\rSubtitle\nBody text, edited.\n".into(),
        ),
        (
            "lone cr split into lines",
            "a\rb\nc\n".into(),
            "a\nb\nc\n".into(),
        ),
        ("final lone cr", "x\ny\r".into(), "x\nz\r".into()),
        (
            "old mac line breaks",
            "one\rtwo\rthree\r".into(),
            "one\r2\rthree\r".into(),
        ),
        (
            "cjk",
            "网络强国建设取得成就。\n第二行\n".into(),
            "网络强国建设取得了巨大成就。\n第二行\n".into(),
        ),
    ]
}

#[test]
fn unified_diff_applies_with_patch_and_git_apply() {
    if !util::tools(
        "unified_diff_applies_with_patch_and_git_apply",
        &["patch", "git"],
    ) {
        return;
    }
    for (name, original, corrected) in pairs() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("a")).unwrap();
        std::fs::create_dir_all(dir.path().join("b")).unwrap();
        std::fs::write(dir.path().join("a/doc.txt"), &original).unwrap();
        std::fs::write(dir.path().join("b/doc.txt"), &corrected).unwrap();
        let out = mtpe()
            .current_dir(dir.path())
            .args(["diff", "a/doc.txt", "b/doc.txt", "-o", "change.diff"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{name}: differences → exit 1");
        let diff = std::fs::read_to_string(dir.path().join("change.diff")).unwrap();
        assert!(
            diff.starts_with("--- a/doc.txt\n+++ b/doc.txt\n@@ "),
            "{name}: {diff}"
        );

        // GNU patch, writing to a new file.
        let status = Command::new("patch")
            .current_dir(dir.path())
            .args(["--quiet", "-o", "patched.txt", "a/doc.txt", "change.diff"])
            .status()
            .unwrap();
        assert!(status.success(), "{name}: patch failed");
        let patched = std::fs::read(dir.path().join("patched.txt")).unwrap();
        assert_eq!(patched, corrected.as_bytes(), "{name}: patch result");

        // git apply, in a work directory holding the original as doc.txt.
        let work = dir.path().join("work");
        std::fs::create_dir_all(&work).unwrap();
        std::fs::write(work.join("doc.txt"), &original).unwrap();
        let out = Command::new("git")
            .current_dir(&work)
            .args(["apply", "--whitespace=nowarn", "../change.diff"])
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("HOME", dir.path())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{name}: git apply: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(
            std::fs::read(work.join("doc.txt")).unwrap(),
            corrected.as_bytes(),
            "{name}: git apply result"
        );

        // And mtpe's own apply.
        let out = mtpe()
            .current_dir(dir.path())
            .args(["apply", "a/doc.txt", "change.diff"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{name}");
        assert_eq!(
            out.stdout,
            corrected.as_bytes(),
            "{name}: mtpe apply result"
        );
    }
}

/// File names with spaces end at a tab on the `---`/`+++` lines, so that GNU patch (which
/// otherwise stops at the first space) and git apply find the file.
#[test]
fn file_names_with_spaces_survive_patch_and_git_apply() {
    if !util::tools(
        "file_names_with_spaces_survive_patch_and_git_apply",
        &["patch", "git"],
    ) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (original, corrected) = ("one\ntwo\nthree\n", "one\n2\nthree\n");
    std::fs::write(dir.path().join("my file.txt"), original).unwrap();
    std::fs::write(dir.path().join("my file2.txt"), corrected).unwrap();
    let out = mtpe()
        .current_dir(dir.path())
        .args(["diff", "my file.txt", "my file2.txt", "-o", "m.diff"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let diff = std::fs::read_to_string(dir.path().join("m.diff")).unwrap();
    assert!(
        diff.starts_with("--- my file.txt\t\n+++ my file2.txt\t\n@@ "),
        "{diff}"
    );
    // `patch < m.diff` patches the file the header names.
    let status = Command::new("patch")
        .current_dir(dir.path())
        .args(["--quiet", "--batch", "-i", "m.diff"])
        .status()
        .unwrap();
    assert!(status.success(), "patch failed");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("my file.txt")).unwrap(),
        corrected
    );

    // git apply, with git's a/ and b/ prefixes.
    std::fs::create_dir_all(dir.path().join("a")).unwrap();
    std::fs::create_dir_all(dir.path().join("b")).unwrap();
    std::fs::write(dir.path().join("a/my doc.txt"), original).unwrap();
    std::fs::write(dir.path().join("b/my doc.txt"), corrected).unwrap();
    mtpe()
        .current_dir(dir.path())
        .args(["diff", "a/my doc.txt", "b/my doc.txt", "-o", "g.diff"])
        .assert()
        .code(1);
    let work = dir.path().join("work");
    std::fs::create_dir_all(&work).unwrap();
    std::fs::write(work.join("my doc.txt"), original).unwrap();
    let out = Command::new("git")
        .current_dir(&work)
        .args(["apply", "../g.diff"])
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git apply: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(work.join("my doc.txt")).unwrap(),
        corrected
    );
    let patched = dir.path().join("patched.txt");
    let status = Command::new("patch")
        .current_dir(dir.path())
        .args(["--quiet", "-p0", "-o"])
        .arg(&patched)
        .args(["-i", "g.diff"])
        .status()
        .unwrap();
    assert!(status.success(), "patch -p0 failed");
    assert_eq!(std::fs::read_to_string(&patched).unwrap(), corrected);
}

/// With carriage returns that end no line, mtpe's hunks are GNU diff's, byte for byte.
#[test]
fn lone_carriage_returns_give_gnu_diff_hunks() {
    if !util::tools("lone_carriage_returns_give_gnu_diff_hunks", &["diff"]) {
        return;
    }
    for (name, original, corrected) in pairs()
        .into_iter()
        .filter(|(_, a, b)| a.replace("\r\n", "").contains('\r') || b.contains('\r'))
    {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), &original).unwrap();
        std::fs::write(dir.path().join("b.txt"), &corrected).unwrap();
        let ours = stdout_of(&[
            "diff",
            dir.path().join("a.txt").to_str().unwrap(),
            dir.path().join("b.txt").to_str().unwrap(),
        ]);
        let gnu = Command::new("diff")
            .current_dir(dir.path())
            .args(["-u", "a.txt", "b.txt"])
            .output()
            .unwrap();
        let gnu = String::from_utf8(gnu.stdout).unwrap();
        let hunks = |d: &str| d[d.find("\n@@ ").map_or(0, |i| i + 1)..].to_string();
        assert_eq!(hunks(&ours), hunks(&gnu), "{name}");
    }
}

/// Segment TER is sacrebleu's float, digit for digit (66.66666666666666 for 2 edits / 3
/// words, not 66.66666666666667).
#[test]
fn segment_ter_is_sacrebleus_float() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("mt.txt"), dir.path().join("pe.txt"));
    std::fs::write(&a, "one two three\nsame\n").unwrap();
    std::fs::write(&b, "one four five\nsame\n").unwrap();
    let raw = stdout_of(&[
        "diff",
        "--format",
        "json",
        "--no-checks",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
    ]);
    assert!(raw.contains("\"ter\":66.66666666666666,"), "{raw}");
    assert!(raw.contains("\"ter\":50.0,"), "{raw}");
}

/// Whitespace changed on a blank line is an edit without words, in every format (it was
/// "no change in the text of any line", with nothing in `words`).
#[test]
fn whitespace_change_on_a_blank_line_is_reported_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("ws1"), dir.path().join("ws2"));
    std::fs::write(&a, "a\n  \nb\n").unwrap();
    std::fs::write(&b, "a\n\nb\n").unwrap();
    let run = |format: &str| {
        stdout_of(&[
            "diff",
            "--no-checks",
            "--format",
            format,
            a.to_str().unwrap(),
            b.to_str().unwrap(),
        ])
    };
    let stat = run("stat");
    assert!(stat.contains("segments:   1 of 3 changed"), "{stat}");
    assert!(stat.contains("characters: 2 edits"), "{stat}");
    assert!(!stat.contains("no change"), "{stat}");
    let words = run("words");
    assert_eq!(
        words,
        "segment 2 (line 2, edited): TER 0.0 % (0 edits / 0 words), 2 character edits\n[-··-]\n\n"
    );
    let v: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
    assert_eq!(v["only_layout_changed"], false);
    assert_eq!(v["segments_changed"], 1);
    assert_eq!(v["segments"][1]["kind"], "edited");
    assert_eq!(v["segments"][1]["original"]["text"], "  ");
    assert!(run("markdown").contains("> <del>··</del>"));
    let html = run("html");
    assert!(html.contains("<del>··</del>"), "{html}");
    assert!(!html.contains("inserted by the post-editor"));
}

/// One word, one edit, one character: singular in every text format.
#[test]
fn counts_of_one_are_singular() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("mt.txt"), dir.path().join("pe.txt"));
    std::fs::write(&a, "cat\n").unwrap();
    std::fs::write(&b, "cut\n").unwrap();
    let run = |format: &str| {
        stdout_of(&[
            "diff",
            "--no-checks",
            "--format",
            format,
            a.to_str().unwrap(),
            b.to_str().unwrap(),
        ])
    };
    let stat = run("stat");
    assert!(
        stat.contains("characters: 1 edit (3 → 3 characters)"),
        "{stat}"
    );
    assert!(
        stat.contains("TER:        100.0 % (1 edit / 1 reference word)"),
        "{stat}"
    );
    let words = run("words");
    assert!(
        words.starts_with(
            "segment 1 (line 1, edited): TER 100.0 % (1 edit / 1 word), 1 character edit\n"
        ),
        "{words}"
    );
    let markdown = run("markdown");
    assert!(
        markdown.contains("(1 edit / 1 reference word)"),
        "{markdown}"
    );
    assert!(
        markdown.contains("TER 100.0 % (1 edit / 1 word)"),
        "{markdown}"
    );
    let html = run("html");
    assert!(
        html.contains("(1 edit / 1 word) · 1 character edit<"),
        "{html}"
    );
    assert!(html.contains("(1 edit / 1 reference word)"), "{html}");
    for report in [&stat, &words, &markdown, &html] {
        for wrong in [
            "1 words",
            "1 edits",
            "1 reference words",
            "1 character edits",
        ] {
            assert!(!report.contains(wrong), "{wrong}: {report}");
        }
    }
}

/// A change of whitespace between equal words is marked in words, markdown and HTML.
#[test]
fn whitespace_between_words_is_marked() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("mt.txt"), dir.path().join("pe.txt"));
    std::fs::write(&a, "one  two three\n").unwrap();
    std::fs::write(&b, "one two three\n").unwrap();
    let run = |format: &str| {
        stdout_of(&[
            "diff",
            "--no-checks",
            "--format",
            format,
            a.to_str().unwrap(),
            b.to_str().unwrap(),
        ])
    };
    assert!(run("words").contains("\none[-··-]{+·+}two three\n"));
    assert!(run("markdown").contains("> one<del>··</del><ins>·</ins>two three"));
    let html = run("html");
    assert!(html.contains("<p>one<del>··</del>two three</p>"), "{html}");
    assert!(html.contains("<p>one<ins>·</ins>two three</p>"), "{html}");
    let v: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
    let ops: Vec<(&str, &str)> = v["segments"][0]["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["op"].as_str().unwrap(), c["text"].as_str().unwrap()))
        .collect();
    assert_eq!(
        ops,
        [
            ("equal", "one"),
            ("delete", "  "),
            ("insert", " "),
            ("equal", "two three")
        ]
    );
}

#[test]
fn identical_files_exit_zero_with_empty_diff() {
    let mt = fixture("review.mt.txt");
    mtpe()
        .args(["diff", mt.to_str().unwrap(), mt.to_str().unwrap()])
        .assert()
        .code(0)
        .stdout("");
    mtpe()
        .args([
            "diff",
            "--format",
            "stat",
            mt.to_str().unwrap(),
            mt.to_str().unwrap(),
        ])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("no changes"));
}

#[test]
fn words_format_marks_changes_plainly() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("mt.txt");
    let b = dir.path().join("pe.txt");
    std::fs::write(
        &a,
        "Title\n\nA clear and clear network ecosystem.\nUnchanged.\n",
    )
    .unwrap();
    std::fs::write(
        &b,
        "Title\n\nA clean and clear network ecosystem.\nUnchanged.\n",
    )
    .unwrap();
    let out = stdout_of(&[
        "diff",
        "--format",
        "words",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
    ]);
    assert_eq!(
        out,
        "segment 2 (line 3, edited): TER 16.7 % (1 edit / 6 words), 1 character edit\n\
         A [-clear-]{+clean+} and clear network ecosystem.\n\n"
    );
    // Coloured on request: no brackets, ANSI colours instead.
    let out = mtpe()
        .args(["diff", "--format", "words", "--color", "always"])
        .args([&a, &b])
        .output()
        .unwrap();
    let out = String::from_utf8(out.stdout).unwrap();
    assert!(
        out.contains("\x1b[31;9mclear\x1b[0m\x1b[32;4mclean\x1b[0m"),
        "{out:?}"
    );
}

#[test]
fn stat_format_on_the_review_fixture() {
    // Without the checks, so that new checks do not change the snapshot (issues are
    // tested below on the checks that exist).
    let out = stdout_of(&[
        "diff",
        "--format",
        "stat",
        "--no-checks",
        fixture("review.mt.txt").to_str().unwrap(),
        fixture("review.pe.txt").to_str().unwrap(),
    ]);
    let out = out.replace(env!("CARGO_MANIFEST_DIR"), "<repo>");
    insta::assert_snapshot!(out);
}

#[test]
fn markdown_format_on_the_review_fixture() {
    let out = stdout_of(&[
        "diff",
        "--format",
        "markdown",
        "--no-checks",
        fixture("review.mt.txt").to_str().unwrap(),
        fixture("review.pe.txt").to_str().unwrap(),
    ]);
    let out = out.replace(env!("CARGO_MANIFEST_DIR"), "<repo>");
    insta::assert_snapshot!(out);
}

/// With checks, the Markdown report lists every issue the summary counts: fixed ones (from
/// the original) as well as remaining and introduced ones.
#[test]
fn markdown_lists_fixed_issues_too() {
    let (mt, pe) = (fixture("review.mt.txt"), fixture("review.pe.txt"));
    let out = stdout_of(&[
        "diff",
        "--format",
        "markdown",
        "--no-glossary",
        mt.to_str().unwrap(),
        pe.to_str().unwrap(),
    ]);
    let v = json_report(&mt, &pe);
    for status in ["fixed", "remaining", "introduced"] {
        let listed = out
            .lines()
            .filter(|l| l.starts_with(&format!("- **{status}** ")))
            .count();
        assert_eq!(
            listed as u64,
            v["issue_counts"][status].as_u64().unwrap(),
            "{status}: {out}"
        );
    }
    assert!(v["issue_counts"]["fixed"].as_u64().unwrap() > 0);
    assert!(out.contains("original line "), "{out}");
}

/// The JSON report with the rule checks only (the glossary's issues are tested on the seed
/// fixture below).
fn json_report(a: &Path, b: &Path) -> serde_json::Value {
    let out = stdout_of(&[
        "diff",
        "--format",
        "json",
        "--no-glossary",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
    ]);
    serde_json::from_str(&out).expect("valid JSON")
}

#[test]
fn json_report_matches_sacrebleu_and_tracks_issues() {
    let v = json_report(&fixture("review.mt.txt"), &fixture("review.pe.txt"));
    assert_eq!(v["format"], "mtpe-diff");
    assert_eq!(v["version"], 1);
    // sacrebleu 2.6.0: TER().corpus_score(mt_lines, [pe_lines]) = 12.837837837837837
    // (38 edits, 296 reference words).
    assert_eq!(v["ter_edits"], 38);
    assert_eq!(v["reference_words"], 296);
    assert!((v["ter"].as_f64().unwrap() - 12.837837837837837).abs() < 1e-9);
    // To the last digit, as sacrebleu computes it: 100 * (38 / 296).
    let raw = stdout_of(&[
        "diff",
        "--format",
        "json",
        "--no-checks",
        fixture("review.mt.txt").to_str().unwrap(),
        fixture("review.pe.txt").to_str().unwrap(),
    ]);
    assert!(raw.contains("\"ter\":12.837837837837837,"), "{raw}");
    assert_eq!(v["alignment"], "lines");
    assert_eq!(v["line_endings"]["changed"], false);

    let segments = v["segments"].as_array().unwrap();
    assert_eq!(
        segments.len(),
        v["segments_total"].as_u64().unwrap() as usize
    );
    // Document order, numbered from 1, each with its own TER.
    for (i, s) in segments.iter().enumerate() {
        assert_eq!(s["number"], i + 1);
        assert!(s["ter"].is_f64());
    }
    // Segment-level values from sacrebleu: line 1 is 4 edits / 25 words, line 9 is
    // 7 edits / 12 words (58.333…), line 21 is 3 edits / 77 words.
    let by_line = |line: u64| {
        segments
            .iter()
            .find(|s| s["original"]["lines"][0] == line)
            .unwrap()
    };
    assert_eq!(by_line(1)["ter_edits"], 4);
    assert_eq!(by_line(1)["reference_words"], 25);
    assert!((by_line(9)["ter"].as_f64().unwrap() - 58.333333333333336).abs() < 1e-9);
    assert_eq!(by_line(21)["ter_edits"], 3);
    assert_eq!(by_line(3)["kind"], "deleted");
    // The word changes rebuild the corrected segment exactly.
    for s in segments.iter().filter(|s| s["kind"] == "edited") {
        let rebuilt: String = s["changes"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["op"] != "delete")
            .map(|c| c["text"].as_str().unwrap())
            .collect();
        assert_eq!(rebuilt, s["corrected"]["text"].as_str().unwrap());
    }

    // Issues of the doubled-word check: "the the" fixed on line 17, kept on line 11,
    // introduced on line 9 (other checks add their own; the counts must agree).
    let issues = v["issues"].as_array().unwrap();
    let doubled: Vec<(&str, u64)> = issues
        .iter()
        .filter(|i| i["check"] == "repetition.doubled")
        .map(|i| {
            let side = if i["corrected"].is_null() {
                &i["original"]
            } else {
                &i["corrected"]
            };
            (
                i["status"].as_str().unwrap(),
                side["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        doubled,
        [("introduced", 9), ("remaining", 11), ("fixed", 17)]
    );
    let fixed = issues
        .iter()
        .find(|i| i["status"] == "fixed" && i["check"] == "repetition.doubled")
        .unwrap();
    assert_eq!(fixed["original"]["text"], "the the");
    assert!(fixed["corrected"].is_null());
    assert_eq!(fixed["segment"], 9);
    let remaining = issues.iter().find(|i| i["status"] == "remaining").unwrap();
    assert_eq!(remaining["original"]["line"], 11);
    assert_eq!(remaining["corrected"]["line"], 11);
    let status = |s: &str| issues.iter().filter(|i| i["status"] == s).count();
    let counts = &v["issue_counts"];
    assert_eq!(counts["fixed"], status("fixed"));
    assert_eq!(counts["remaining"], status("remaining"));
    assert_eq!(counts["introduced"], status("introduced"));
    assert_eq!(counts["original"], status("fixed") + status("remaining"));
    // The MT's tautologies are gone from the corrected text.
    assert!(issues.iter().any(|i| i["check"] == "repetition.tautology"
        && i["status"] == "fixed"
        && i["original"]["text"] == "clear and clear"));
    assert_eq!(v["checks"]["glossary"], serde_json::Value::Null);
}

#[test]
fn json_report_aligns_split_and_deleted_lines() {
    let v = json_report(&fixture("review.pe.txt"), &fixture("review-split.pe.txt"));
    assert_eq!(v["alignment"], "diff");
    assert_eq!(v["segments_split"], 1);
    assert_eq!(v["segments_deleted"], 1);
    let split = v["segments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["kind"] == "split")
        .unwrap();
    assert_eq!(split["original"]["lines"], serde_json::json!([21, 21]));
    assert_eq!(split["corrected"]["lines"], serde_json::json!([19, 20]));
    assert_eq!(split["ter_edits"], 0);
}

#[test]
fn line_ending_change_alone_is_reported_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("crlf.txt");
    let b = dir.path().join("lf.txt");
    let text = std::fs::read_to_string(fixture("review.mt.txt")).unwrap();
    std::fs::write(&a, text.replace('\n', "\r\n")).unwrap();
    std::fs::write(&b, &text).unwrap();
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());

    let v = json_report(Path::new(a), Path::new(b));
    assert_eq!(
        v["line_endings"],
        serde_json::json!({"original": "crlf", "corrected": "lf", "changed": true})
    );
    assert_eq!(v["only_layout_changed"], true);
    assert_eq!(v["segments_changed"], 0);
    assert_eq!(v["ter_edits"], 0);

    let stat = stdout_of(&["diff", "--format", "stat", a, b]);
    assert!(
        stat.contains("line endings changed from CRLF to LF"),
        "{stat}"
    );
    assert!(stat.contains("segments:   0 of 11 changed"), "{stat}");
    let words = stdout_of(&["diff", "--format", "words", a, b]);
    assert_eq!(words, "line endings changed from CRLF to LF\n");
    let md = stdout_of(&["diff", "--format", "markdown", a, b]);
    assert!(
        md.contains("| Line endings | Line endings changed from CRLF to LF |"),
        "{md}"
    );
    let html = stdout_of(&["diff", "--format", "html", a, b]);
    assert!(html.contains("line endings changed from CRLF to LF"));
    mtpe()
        .args(["diff", a, b])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "line endings changed from CRLF to LF; no other change",
        ));
}

#[test]
fn html_report_escapes_article_text() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("mt <b>&\"x\".txt");
    let b = dir.path().join("pe.txt");
    let hostile = [
        "<script>alert('mt')</script> stays",
        "cell </td></tr></table> end",
        "fish & chips &amp; more",
        "a \"quoted\" and 'single' text",
        "<!-- not a comment --> visible",
        "<img src=http://example.com/x.png onerror=alert(1)>",
    ];
    let original = hostile.join("\n") + "\n";
    let corrected = hostile
        .iter()
        .map(|l| format!("{l} edited"))
        .collect::<Vec<_>>()
        .join("\n")
        + "\n";
    std::fs::write(&a, &original).unwrap();
    std::fs::write(&b, &corrected).unwrap();
    let out = dir.path().join("report.html");
    mtpe()
        .args(["diff", "--format", "html", "-o"])
        .args([&out, &a, &b])
        .assert()
        .code(1)
        .stdout("");
    let html = std::fs::read_to_string(&out).unwrap();
    for raw in [
        "<script",
        "</td></tr></table> end",
        "<!-- not",
        "<img",
        "& chips",
        "\"quoted\"",
        "'single'",
        "<b>",
    ] {
        assert!(!html.contains(raw), "raw {raw:?} in the HTML");
    }
    for escaped in [
        "&lt;script&gt;alert(&#39;mt&#39;)&lt;/script&gt;",
        "&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;",
        "fish &amp; chips &amp;amp; more",
        "&quot;quoted&quot;",
        "&lt;!-- not a comment --&gt;",
        "mt &lt;b&gt;&amp;&quot;x&quot;.txt",
    ] {
        assert!(html.contains(escaped), "missing {escaped:?}");
    }
    // Self-contained: no script, no external resource, a policy forbidding both.
    assert!(html.contains("Content-Security-Policy"));
    for tag in [
        "<img", "<link", "<iframe", "<object", "<embed", "<audio", "<video", "<base",
    ] {
        assert!(!html.contains(tag), "{tag} in the HTML");
    }
    assert!(!html.contains("href=\"http"));
    assert!(!html.contains("@import"));
    assert!(!html.contains("url("));
    assert_eq!(html.matches("<article").count(), hostile.len());
}

#[test]
fn html_report_sections() {
    let out = stdout_of(&[
        "diff",
        "--format",
        "html",
        "--no-glossary",
        fixture("review.mt.txt").to_str().unwrap(),
        fixture("review.pe.txt").to_str().unwrap(),
    ]);
    assert!(out.starts_with("<!DOCTYPE html>"));
    assert!(out.contains("<section id=\"summary\">"));
    assert!(out.contains("<strong>12.8 %</strong> (38 edits / 296 reference words)"));
    assert!(out.contains("<section id=\"issues\">"));
    assert!(out.contains("<strong>No glossary was used for this report.</strong>"));
    assert!(out.contains("<del>network power</del>"));
    assert!(out.contains("<ins>strong cyber country</ins>"));
    assert!(out.contains("class=\"sbs\""));
    assert!(out.contains("@media (min-width:64rem)"));
    // Unchanged segments are not shown.
    assert_eq!(out.matches("<article").count(), 8);
    let no_checks = stdout_of(&[
        "diff",
        "--format",
        "html",
        "--no-checks",
        fixture("review.mt.txt").to_str().unwrap(),
        fixture("review.pe.txt").to_str().unwrap(),
    ]);
    assert!(!no_checks.contains("id=\"issues\""));
}

/// The seed article and a corrected version: the collapsed term and a deprecated
/// rendering fixed, a deprecated rendering left, one introduced.
fn seed_pair(dir: &Path) -> (PathBuf, PathBuf) {
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/cyberspace-review.mt.txt");
    let mt = std::fs::read_to_string(&seed).unwrap();
    let pe = mt
        .replace(
            "from a network power to a network power",
            "from a major internet country to a cyberpower",
        )
        .replace(
            "Creating a clear and clear network ecosystem",
            "Creating a clean and sound online environment",
        )
        .replace(
            "The cyberspace is the common spiritual home",
            "The network power is the common spiritual home",
        );
    assert_ne!(pe, mt);
    let (a, b) = (dir.join("seed.mt.txt"), dir.join("seed.pe.txt"));
    std::fs::write(&a, mt).unwrap();
    std::fs::write(&b, pe).unwrap();
    (a, b)
}

#[test]
fn glossary_compliance_comes_from_the_terminology_checks() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = seed_pair(dir.path());
    // The default glossary (the shipped terms, created on first use) is used.
    let out = mtpe()
        .args(["diff", "--format", "json"])
        .args([&a, &b])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let glossary = v["checks"]["glossary"].as_str().unwrap();
    assert!(glossary.ends_with("glossary.sqlite"), "{glossary}");
    let ids: Vec<&str> = v["checks"]["ids"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i.as_str().unwrap())
        .collect();
    assert!(ids.contains(&"terminology.collapsed"), "{ids:?}");
    let terminology = |status: &str, text: &str| {
        v["issues"].as_array().unwrap().iter().any(|i| {
            let side = if status == "fixed" {
                "original"
            } else {
                "corrected"
            };
            i["status"] == status
                && i["check"].as_str().unwrap().starts_with("terminology.")
                && i[side]["text"] == text
        })
    };
    assert!(terminology(
        "fixed",
        "from a network power to a network power"
    ));
    assert!(terminology("fixed", "clear and clear network ecosystem"));
    assert!(terminology("remaining", "strong online country"));
    assert!(terminology("introduced", "network power"));
    // The collapsed term supersedes the plain repetition inside it.
    assert!(!v["issues"].as_array().unwrap().iter().any(|i| {
        i["check"] == "repetition.tautology"
            && i["original"]["text"] == "from a network power to a network power"
    }));

    // The HTML report's compliance section lists what is left.
    let html = mtpe()
        .args(["diff", "--format", "html"])
        .args([&a, &b])
        .output()
        .unwrap();
    let html = String::from_utf8(html.stdout).unwrap();
    let section =
        &html[html.find("id=\"glossary\"").unwrap()..html.find("id=\"changes\"").unwrap()];
    assert!(!section.contains("No glossary was used"), "{section}");
    assert!(section.contains("strong online country"), "{section}");
    assert!(section.contains("terminology.deprecated"), "{section}");

    // An explicit glossary: an empty one finds no terminology issue; a missing one is an
    // error that names it, as for `mtpe check`.
    let empty = dir.path().join("empty.sqlite");
    mtpe()
        .args(["glossary", "init", "--empty"])
        .arg(&empty)
        .assert()
        .success();
    let out = mtpe()
        .args(["diff", "--format", "json", "--glossary"])
        .arg(&empty)
        .args([&a, &b])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        v["checks"]["glossary"]
            .as_str()
            .unwrap()
            .ends_with("empty.sqlite")
    );
    assert!(
        !v["issues"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["check"].as_str().unwrap().starts_with("terminology."))
    );
    let missing = dir.path().join("missing.sqlite");
    mtpe()
        .args(["diff", "--format", "stat", "--glossary"])
        .arg(&missing)
        .args([&a, &b])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "missing.sqlite: no glossary there",
        ));
    // --no-glossary: rule checks only, and the report says no glossary was used.
    let out = mtpe()
        .args(["diff", "--format", "json", "--no-glossary"])
        .args([&a, &b])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["checks"]["glossary"].is_null());
    assert!(!missing.exists());
}

#[test]
fn bad_input_is_refused_and_nothing_written() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.txt");
    std::fs::write(&good, "text\n").unwrap();
    let binary = dir.path().join("bin.dat");
    std::fs::write(&binary, b"abc\0def").unwrap();
    let latin1 = dir.path().join("latin1.txt");
    std::fs::write(&latin1, b"caf\xe9\n").unwrap();
    let missing = dir.path().join("missing.txt");
    // 1 GiB with no data written (sparse): over the default limit of 256 MiB.
    let big = dir.path().join("big.txt");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(1 << 30)
        .unwrap();
    let out = dir.path().join("out.html");
    for (bad, message) in [
        (&big, "is larger than mtpe reads (1.0 GiB > 256.0 MiB)"),
        (&binary, "looks like a binary file"),
        (&latin1, "not valid UTF-8"),
        (&missing, "no such file"),
    ] {
        for (x, y) in [(&good, bad), (bad, &good)] {
            mtpe()
                .args(["diff", "--format", "html", "-o"])
                .args([&out, x, y])
                .assert()
                .code(2)
                .stdout("")
                .stderr(predicate::str::contains(bad.display().to_string()))
                .stderr(predicate::str::contains(message));
            assert!(!out.exists());
        }
    }
    mtpe()
        .args(["diff", "--rev", "1"])
        .arg(&good)
        .arg("--store")
        .arg(dir.path().join("no-store.sqlite3"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no revision store here yet"));
}
