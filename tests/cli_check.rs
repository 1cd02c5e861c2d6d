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
fn a_text_over_the_size_limit_is_refused_with_exit_2() {
    // The limit (MTPE_MAX_INPUT, 256 MiB by default) is set small here.
    let (_d, path) = temp_file("big.txt", &b"We saw the the end. ".repeat(60));
    let name = path.display().to_string();
    mtpe()
        .env("MTPE_MAX_INPUT", "1K")
        .arg(&path)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(format!(
            "mtpe: {name}: is larger than mtpe reads (1.2 KiB > 1.0 KiB); split it into \
             smaller files, or raise the limit with --max-input SIZE or MTPE_MAX_INPUT"
        )));
    // At the limit it is read; standard input is read no further than the limit.
    mtpe()
        .env("MTPE_MAX_INPUT", "1200")
        .arg(&path)
        .assert()
        .code(1);
    mtpe()
        .env("MTPE_MAX_INPUT", "1K")
        .arg("-")
        .write_stdin("We saw the the end. ".repeat(60))
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "<stdin>: is larger than mtpe reads (over 1.0 KiB)",
        ));
    // Other files are still checked, and the exit code says one failed.
    let (_s, small) = temp_file("small.txt", b"We saw the the end.\n");
    mtpe()
        .env("MTPE_MAX_INPUT", "1K")
        .arg(&path)
        .arg(&small)
        .assert()
        .code(2)
        .stdout(predicate::str::contains(
            "small.txt:1:8: error[repetition.doubled]",
        ));
    mtpe()
        .env("MTPE_MAX_INPUT", "a lot")
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "MTPE_MAX_INPUT=\"a lot\": not a size",
        ));
}

#[test]
fn the_max_input_option_wins_over_the_variable() {
    let (_d, path) = temp_file("big.txt", &b"We saw the the end. ".repeat(60));
    mtpe()
        .env("MTPE_MAX_INPUT", "1K")
        .args(["--max-input", "2K"])
        .arg(&path)
        .assert()
        .code(1);
    mtpe()
        .env("MTPE_MAX_INPUT", "a lot")
        .args(["--max-input", "1000"])
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "is larger than mtpe reads (1.2 KiB > 1000 bytes)",
        ));
    // Before the subcommand too, and a bad size is a usage error.
    util::mtpe()
        .args(["--max-input", "1000", "check", "--no-glossary"])
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is larger than mtpe reads"));
    mtpe()
        .args(["--max-input", "12X"])
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a size"));
    // Bilingual files are read the same way.
    mtpe()
        .args(["--max-input", "1K", "fixtures/bilingual/news.xlf"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "fixtures/bilingual/news.xlf: is larger than mtpe reads (5.0 KiB > 1.0 KiB)",
        ));
}

#[test]
fn a_one_gigabyte_article_is_refused_by_its_size_without_being_read() {
    // Sparse: no data is written, and reading it would take a second or more of zeros.
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("huge.txt");
    let file = std::fs::File::create(&path).expect("create");
    file.set_len(1 << 30).expect("set_len");
    mtpe()
        .arg(&path)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(format!(
            "{}: is larger than mtpe reads (1.0 GiB > 256.0 MiB)",
            path.display()
        )));
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
    // A folder is walked: its texts are checked, one that cannot be read is reported and
    // the others still are (tests/batch_cli.rs has the rest).
    mtpe()
        .arg("fixtures/glossary")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("omegat-utf16le.txt: is UTF-16"));
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
