//! End-to-end tests of `mtpe check`: exit codes, bad input, text and JSON output.

use predicates::prelude::*;

use crate::util::{self, TestCommand};

fn mtpe() -> TestCommand {
    let mut cmd = util::mtpe();
    cmd.arg("check").arg("--no-glossary");
    cmd
}

fn temp_file(name: &str, bytes: &[u8]) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).expect("write");
    (dir, path)
}

#[test]
fn exit_code_0_when_clean_1_when_issues() {
    mtpe()
        .arg("fixtures/clean-english.txt")
        .assert()
        .code(0)
        .stdout("")
        .stderr(predicate::str::contains("no issues in 1 file"));
    mtpe()
        .arg("fixtures/cyberspace-review.mt.txt")
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "fixtures/cyberspace-review.mt.txt:15:12: warning[repetition.tautology]:",
        ));
}

#[test]
fn empty_file_is_a_valid_document() {
    let (_d, path) = temp_file("empty.txt", b"");
    mtpe().arg(&path).assert().code(0);
}

#[test]
fn text_output_underlines_the_span_without_colour_when_piped() {
    mtpe()
        .write_stdin("We saw the the end.\n")
        .arg("-")
        .assert()
        .code(1)
        .stdout(predicate::eq(
            "<stdin>:1:8: error[repetition.doubled]: the word \u{201c}the\u{201d} is repeated back to back\n  |\n1 | We saw the the end.\n  |        ^^^^^^^\n  = suggestion: replace with \u{201c}the\u{201d}\n\n",
        ));
}

#[test]
fn colour_on_request_and_off_with_no_color() {
    mtpe()
        .args(["--color", "always", "-"])
        .write_stdin("the the\n")
        .assert()
        .stdout(predicate::str::contains("\x1b["));
    mtpe()
        .env("NO_COLOR", "1")
        .args(["--color", "auto", "-"])
        .write_stdin("the the\n")
        .assert()
        .stdout(predicate::str::contains("\x1b[").not());
}

#[test]
fn json_output_has_the_documented_schema_and_exact_spans() {
    let text = "\u{feff}Caf\u{e9} opened.\r\nWe saw the the end.\r\n";
    let (_d, path) = temp_file("bom.txt", text.as_bytes());
    let out = mtpe()
        .args(["--format", "json"])
        .arg(&path)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&out).expect("valid JSON");
    let files = json["files"].as_array().expect("files array");
    assert_eq!(files.len(), 1);
    assert_eq!(files[0]["path"], path.display().to_string());
    let issue = &files[0]["issues"][0];
    for key in [
        "check",
        "category",
        "severity",
        "line",
        "column",
        "start",
        "end",
        "text",
        "message",
        "suggestions",
    ] {
        assert!(issue.get(key).is_some(), "missing {key}");
    }
    assert_eq!(issue["check"], "repetition.doubled");
    assert_eq!(issue["category"], "repetition");
    assert_eq!(issue["severity"], "error");
    assert_eq!(issue["line"], 2);
    assert_eq!(issue["column"], 8);
    let (start, end) = (
        issue["start"].as_u64().unwrap() as usize,
        issue["end"].as_u64().unwrap() as usize,
    );
    // Byte offsets into the file, BOM included.
    assert_eq!(&text.as_bytes()[start..end], b"the the");
    assert_eq!(issue["text"], "the the");
    assert_eq!(issue["suggestions"], serde_json::json!(["the"]));
}

#[test]
fn several_files_in_one_report() {
    let out = mtpe()
        .args([
            "--format",
            "json",
            "fixtures/clean-english.txt",
            "fixtures/cyberspace-review.mt.txt",
        ])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&out).expect("valid JSON");
    assert_eq!(json["files"][0]["issues"].as_array().unwrap().len(), 0);
    assert!(!json["files"][1]["issues"].as_array().unwrap().is_empty());
}

#[test]
fn bad_input_is_refused_with_exit_code_2() {
    let (_d1, binary) = temp_file("photo.txt", b"GIF89a\x00\x01\x02");
    mtpe()
        .arg(&binary)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "photo.txt: looks like a binary file (NUL byte at byte offset 6, line 1)",
        ));
    let (_d2, latin1) = temp_file("latin1.txt", b"Line one\nCaf\xe9\n");
    mtpe()
        .arg(&latin1)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "latin1.txt: not valid UTF-8 (invalid byte 0xE9 at byte offset 12, line 2)",
        ));
    let (_d3, utf16) = temp_file("utf16.txt", b"\xff\xfeH\x00i\x00");
    mtpe()
        .arg(&utf16)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("utf16.txt: is UTF-16"));
    mtpe()
        .arg("no/such/file.txt")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no/such/file.txt: no such file"));
    mtpe()
        .arg("fixtures")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("fixtures: is a directory"));
}

#[test]
fn usage_errors_exit_2() {
    util::mtpe().arg("check").assert().code(2);
    mtpe().args(["--format", "xml", "x"]).assert().code(2);
    mtpe().args(["-", "-"]).assert().code(2);
}

#[test]
fn a_bad_file_among_good_ones_still_gives_valid_json_and_exit_2() {
    let out = mtpe()
        .args([
            "--format",
            "json",
            "fixtures/clean-english.txt",
            "no/such/file.txt",
            "fixtures/cyberspace-review.mt.txt",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no/such/file.txt: no such file"))
        .get_output()
        .stdout
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&out).expect("valid JSON");
    let paths: Vec<&str> = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        [
            "fixtures/clean-english.txt",
            "fixtures/cyberspace-review.mt.txt"
        ]
    );
    mtpe()
        .args(["--format", "json", "no/such/file.txt"])
        .assert()
        .code(2)
        .stdout("{\"files\":[]}\n");
}
