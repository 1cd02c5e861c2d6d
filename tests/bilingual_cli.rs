//! `mtpe check` and `mtpe edit` on bilingual files: detection from the extension and the
//! content, `--input-format`, `--source`, issues located in the file and naming their
//! unit (text and JSON), and bad input refused with the file and place, exit 2.

use predicates::prelude::*;

use crate::util::{self, TestCommand};

fn check() -> TestCommand {
    let mut cmd = util::mtpe();
    cmd.arg("check").arg("--no-glossary");
    cmd
}

fn json(args: &[&str]) -> serde_json::Value {
    let out = check()
        .args(["--format", "json"])
        .args(args)
        .output()
        .expect("mtpe runs");
    serde_json::from_slice(&out.stdout).expect("JSON output")
}

#[test]
fn text_output_locates_issues_in_the_file_and_names_the_unit() {
    check()
        .arg("fixtures/bilingual/news.xlf")
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "fixtures/bilingual/news.xlf:44:155: warning[punctuation.end]:",
        ))
        .stdout(predicate::str::contains("= in unit 8\n"))
        .stdout(predicate::str::contains("= in unit 7 (source)\n"));
}

#[test]
fn json_issues_keep_file_offsets_and_add_unit_and_side() {
    let path = "fixtures/bilingual/news.xlf";
    let bytes = std::fs::read(path).expect("fixture");
    let v = json(&[path]);
    let issues = v["files"][0]["issues"].as_array().expect("issues");
    assert!(!issues.is_empty());
    for i in issues {
        let (start, end) = (i["start"].as_u64().unwrap(), i["end"].as_u64().unwrap());
        let text = std::str::from_utf8(&bytes[start as usize..end as usize]).unwrap();
        assert_eq!(text, i["text"].as_str().unwrap(), "{i}");
        assert!(i["unit"].is_string(), "{i}");
        assert!(i["line"].as_u64().unwrap() > 1);
    }
    let source_side: Vec<&serde_json::Value> =
        issues.iter().filter(|i| i["side"] == "source").collect();
    assert!(
        !source_side.is_empty(),
        "the lost tag is flagged in the source"
    );
    assert!(
        source_side
            .iter()
            .any(|i| i["unit"] == "7" && i["check"] == "markup.tags")
    );
    assert!(
        issues
            .iter()
            .filter(|i| i["side"] != "source")
            .all(|i| i.get("side").is_none()),
        "target spans have no side field"
    );
}

#[test]
fn a_plain_text_has_no_unit_fields() {
    let v = json(&["fixtures/cyberspace-review.mt.txt"]);
    let issues = v["files"][0]["issues"].as_array().expect("issues");
    assert!(issues.iter().all(|i| i.get("unit").is_none()));
}

#[test]
fn formats_are_detected_from_the_content_or_forced() {
    let dir = tempfile::tempdir().expect("temp dir");
    // An XLIFF file without its extension is recognised by its root element.
    let renamed = dir.path().join("delivery.dat");
    std::fs::copy("fixtures/bilingual/news.xlf", &renamed).expect("copy");
    let v = json(&[renamed.to_str().unwrap()]);
    assert!(v["files"][0]["issues"][0]["unit"].is_string());
    // A PO file named .txt is read as PO when forced.
    let po = dir.path().join("messages.txt");
    std::fs::copy("fixtures/bilingual/news.po", &po).expect("copy");
    let plain = json(&[po.to_str().unwrap()]);
    assert!(
        plain["files"][0]["issues"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i.get("unit").is_none())
    );
    let forced = json(&["--input-format", "po", po.to_str().unwrap()]);
    assert!(forced["files"][0]["issues"][0]["unit"].is_string());
    check()
        .args(["--input-format", "docx", "fixtures/bilingual/news.po"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown input format"));
}

#[test]
fn a_source_file_pairs_segments_and_source_issues_name_it() {
    let v = json(&[
        "--source",
        "fixtures/bilingual/news.zh.txt",
        "fixtures/bilingual/news.en.txt",
    ]);
    let issues = v["files"][0]["issues"].as_array().expect("issues");
    assert!(issues.iter().all(|i| i["unit"].is_string()));
    assert_eq!(v["files"][0]["path"], "fixtures/bilingual/news.en.txt");
}

#[test]
fn bad_input_names_the_file_and_place_and_exits_2() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bad = dir.path().join("bad.xlf");
    std::fs::write(
        &bad,
        "<?xml version=\"1.0\"?>\n<xliff version=\"1.2\"><file source-language=\"zh\" target-language=\"en\"><body>\n<trans-unit id=\"1\"><source>一</source><target>One</targt></trans-unit>\n</body></file></xliff>\n",
    )
    .expect("write");
    check()
        .arg(&bad)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(format!("{}:3:", bad.display())));
    // A source with another number of segments: refused, naming where they diverge.
    let short = dir.path().join("short.zh.txt");
    std::fs::write(&short, "一。\n二。\n").expect("write");
    check()
        .args([
            "--source",
            short.to_str().unwrap(),
            "fixtures/bilingual/news.en.txt",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("news.en.txt:"));
    // The editor refuses the same input before taking the screen; nothing is written.
    util::mtpe()
        .args(["edit", "--no-glossary", bad.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!("{}:3:", bad.display())));
    let written: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(written.len(), 2, "nothing written beside the input");
}

#[test]
fn the_editor_opens_a_bilingual_file_up_to_the_terminal_check() {
    util::mtpe()
        .args([
            "edit",
            "--no-glossary",
            "fixtures/bilingual/news.xliff2.xlf",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("mtpe edit needs a terminal"));
}

#[test]
fn diff_pairs_units_by_id_and_shows_their_sources() {
    let dir = tempfile::tempdir().expect("temp dir");
    let original = std::fs::read_to_string("fixtures/bilingual/news.xlf").expect("fixture");
    let a = dir.path().join("a.xlf");
    let b = dir.path().join("b.xlf");
    std::fs::write(&a, &original).expect("write");
    std::fs::write(
        &b,
        original.replace("250 million new 5G", "205 million new 5G"),
    )
    .expect("write");
    let out = util::mtpe()
        .args(["diff", "--no-checks", "--format", "json"])
        .arg(&a)
        .arg(&b)
        .output()
        .expect("mtpe runs");
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["segments_total"], 12, "one segment a unit");
    let changed: Vec<&serde_json::Value> = v["segments"]
        .as_array()
        .expect("segments")
        .iter()
        .filter(|s| s["kind"] != "unchanged")
        .collect();
    assert_eq!(changed.len(), 1);
    assert_eq!(changed[0]["units"][0]["id"], "3");
    assert!(
        changed[0]["units"][0]["source"]
            .as_str()
            .unwrap()
            .contains("2.05亿")
    );
    assert_eq!(changed[0]["ter_edits"], 1);
    for format in ["markdown", "html", "words"] {
        util::mtpe()
            .args(["diff", "--no-checks", "--format", format])
            .arg(&a)
            .arg(&b)
            .assert()
            .code(1)
            .stdout(predicate::str::contains("unit 3").or(predicate::str::contains("unit&nbsp;3")))
            .stdout(predicate::str::contains("上半年全国新增5G用户"));
    }
}

#[test]
fn a_stored_revision_of_a_bilingual_file_is_compared_unit_by_unit() {
    // A TSV file is known by its name only: the revision is read as its article's format.
    for name in ["news.xlf", "news.tsv"] {
        revision_compared_unit_by_unit(name);
    }
}

fn revision_compared_unit_by_unit(name: &str) {
    let dir = tempfile::tempdir().expect("temp dir");
    let original = std::fs::read_to_string(format!("fixtures/bilingual/{name}")).expect("fixture");
    let article = dir.path().join(name);
    let edited = dir.path().join(format!("edited-{name}"));
    let store = dir.path().join("history.sqlite3");
    std::fs::write(&article, &original).expect("write");
    std::fs::write(
        &edited,
        original.replace("250 million new 5G", "205 million new 5G"),
    )
    .expect("write");
    util::mtpe_in(dir.path())
        .arg("history")
        .arg(&article)
        .arg("--record")
        .arg(&edited)
        .arg("--store")
        .arg(&store)
        .assert()
        .success();
    // The revision's statistics are of the units, not of the XML's lines.
    let out = util::mtpe_in(dir.path())
        .args(["history", "--format", "json", "--store"])
        .arg(&store)
        .arg(&article)
        .output()
        .expect("mtpe runs");
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(list[0]["summary"]["segments_total"], 12, "{name}: {list}");
    assert_eq!(list[0]["summary"]["segments_changed"], 1, "{list}");
    assert_eq!(list[0]["summary"]["ter_edits"], 1, "{list}");

    let diff = |format: &str| {
        util::mtpe_in(dir.path())
            .args([
                "diff",
                "--no-checks",
                "--rev",
                "1",
                "--format",
                format,
                "--store",
            ])
            .arg(&store)
            .arg(&article)
            .output()
            .expect("mtpe runs")
    };
    let out = diff("json");
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["segments_total"], 12, "{name}: one segment a unit");
    let changed: Vec<&serde_json::Value> = v["segments"]
        .as_array()
        .expect("segments")
        .iter()
        .filter(|s| s["kind"] != "unchanged")
        .collect();
    assert_eq!(changed.len(), 1);
    assert_eq!(changed[0]["units"][0]["id"], "3");
    assert_eq!(changed[0]["ter_edits"], 1);
    assert!(
        changed[0]["units"][0]["source"]
            .as_str()
            .unwrap_or_default()
            .contains("2.05亿")
    );
    for format in ["markdown", "html", "words", "stat"] {
        let out = diff(format);
        assert_eq!(out.status.code(), Some(1), "{format}");
        let text = String::from_utf8_lossy(&out.stdout);
        if format == "stat" {
            assert!(text.contains("12"), "{format}: {text}");
            continue;
        }
        assert!(
            text.contains("unit 3") || text.contains("unit&nbsp;3"),
            "{name} {format}: {text}"
        );
        assert!(
            text.contains("上半年全国新增5G用户"),
            "{name} {format}: {text}"
        );
    }
    // The unified diff stays the file's, for patch.
    let out = diff("unified");
    let patch = String::from_utf8_lossy(&out.stdout);
    assert!(
        patch
            .lines()
            .any(|l| l.starts_with('-') && l.contains("250 million") && l.contains("5G")),
        "{name}: the file's lines: {patch}"
    );
}
