//! The configuration from the command line: mtpe.toml found above each file, the user's
//! file, --config and --no-config, `mtpe config show`, custom rules in the output and in
//! --list-checks, bad files refused with their place; completions and man pages.

use std::fs;
use std::path::Path;

use serde_json::Value;

use crate::util::{mtpe, mtpe_in};

fn write(root: &Path, name: &str, text: &str) {
    let p = root.join(name);
    fs::create_dir_all(p.parent().expect("test setup")).expect("test setup");
    fs::write(p, text).expect("test setup");
}

const TEXT: &str = "Up 5 per cent among netizens; It is a clear and clear network ecosystem.\n";

const HOUSE: &str = r#"
ignore = ["punctuation"]

[checks.repetition]
severity = "info"

[[rules]]
id = "house.per-cent"
pattern = '\bper cent\b'
message = "house style: use %"
suggestion = "%"
severity = "error"

[[rules]]
id = "house.netizens"
words = ["netizens", "netizen"]
message = "say internet users"
suggestion = "internet users"
"#;

fn jsonl(out: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("well-formed output"))
        .collect()
}

fn checks(issues: &[Value]) -> Vec<(String, String)> {
    issues
        .iter()
        .map(|i| {
            (
                i["check"].as_str().expect("well-formed output").to_string(),
                i["severity"]
                    .as_str()
                    .expect("well-formed output")
                    .to_string(),
            )
        })
        .collect()
}

#[test]
fn the_nearest_mtpe_toml_configures_each_file() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "house/mtpe.toml", HOUSE);
    write(dir.path(), "house/deep/a.txt", TEXT);
    write(dir.path(), "other/b.txt", TEXT);
    let out = mtpe()
        .current_dir(dir.path())
        .args([
            "check",
            "--no-glossary",
            "--format",
            "jsonl",
            "house",
            "other",
        ])
        .output()
        .unwrap();
    let issues = jsonl(&out.stdout);
    let (house, other): (Vec<Value>, Vec<Value>) = issues
        .into_iter()
        .partition(|i| i["path"].as_str().unwrap().starts_with("house"));
    assert_eq!(
        checks(&house),
        [
            ("house.per-cent".into(), "error".into()),
            ("house.netizens".into(), "warning".into()),
            ("repetition.tautology".into(), "info".into()),
        ]
    );
    assert_eq!(house[0]["suggestions"][0], "%");
    let other = checks(&other);
    assert!(other.contains(&(
        "punctuation.capital-after-semicolon".into(),
        "warning".into()
    )));
    assert!(!other.iter().any(|(c, _)| c.starts_with("house.")));
    // --no-config: the shipped checks only; --config: that file for every path.
    let plain = mtpe()
        .current_dir(dir.path())
        .args([
            "check",
            "--no-glossary",
            "--no-config",
            "--format",
            "jsonl",
            "house",
        ])
        .output()
        .unwrap();
    assert!(
        !checks(&jsonl(&plain.stdout))
            .iter()
            .any(|(c, _)| c.starts_with("house."))
    );
    let forced = mtpe()
        .current_dir(dir.path())
        .args([
            "check",
            "--no-glossary",
            "--config",
            "house/mtpe.toml",
            "--format",
            "jsonl",
            "other",
        ])
        .output()
        .unwrap();
    assert_eq!(checks(&jsonl(&forced.stdout))[0].0, "house.per-cent");
}

#[test]
fn the_users_file_applies_below_the_projects() {
    let home = tempfile::tempdir().unwrap();
    write(
        home.path(),
        "config/mtpe/config.toml",
        "select = [\"repetition\"]\nallow = [\"clear and clear\"]\n",
    );
    write(home.path(), "work/a.txt", TEXT);
    let out = mtpe_in(home.path())
        .current_dir(home.path().join("work"))
        .args(["check", "--no-glossary", "--format", "jsonl", "a.txt"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty());
    let shown = mtpe_in(home.path())
        .current_dir(home.path().join("work"))
        .args(["config", "show", "a.txt"])
        .output()
        .unwrap();
    let shown = String::from_utf8(shown.stdout).unwrap();
    assert!(shown.contains("select = [\"repetition\"]  # "), "{shown}");
    assert!(shown.contains("config/mtpe/config.toml:1"), "{shown}");
    assert!(shown.contains("target-lang = \"en\"  # default"), "{shown}");
    assert!(
        shown.contains("[checks.\"repetition.duplicate-line\"]\n"),
        "{shown}"
    );
    assert!(shown.contains("window = 5  # default"), "{shown}");
}

#[test]
fn config_show_and_list_checks_name_where_values_come_from() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "mtpe.toml",
        &format!(
            "target-lang = \"en-GB\"\n{HOUSE}\n[checks.\"repetition.duplicate-line\"]\nwindow = 9\n"
        ),
    );
    let shown = mtpe()
        .current_dir(dir.path())
        .args(["config", "show"])
        .output()
        .unwrap();
    let shown = String::from_utf8(shown.stdout).unwrap();
    assert!(shown.contains("target-lang = \"en-GB\"  # "), "{shown}");
    assert!(shown.contains("mtpe.toml:1"), "{shown}");
    assert!(shown.contains("window = 9  # "), "{shown}");
    assert!(shown.contains("id = \"house.per-cent\""), "{shown}");
    let listed = mtpe()
        .current_dir(dir.path())
        .args(["check", "--list-checks"])
        .output()
        .unwrap();
    let listed = String::from_utf8(listed.stdout).unwrap();
    assert!(listed.contains("house.per-cent"), "{listed}");
    assert!(listed.contains("option window = 9"), "{listed}");
    let capital = listed
        .lines()
        .find(|l| l.starts_with("punctuation.capital-after-semicolon"))
        .unwrap();
    assert!(capital.contains(" off "), "{capital}");
}

#[test]
fn bad_configurations_are_refused_with_file_line_and_column() {
    for (text, expected) in [
        (
            "select = [\"repetition\"]\nunknown-key = 1\n",
            "mtpe.toml:2:1: unknown field `unknown-key`",
        ),
        (
            "[[rules]]\nid = \"house.broken\"\npattern = \"(per cent\"\nmessage = \"m\"\n",
            "mtpe.toml:3:11: rule `house.broken`: invalid pattern",
        ),
        (
            "ignore = [\"punctuaton\"]\n",
            "mtpe.toml:1:11: unknown check or category `punctuaton`",
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "mtpe.toml", text);
        write(dir.path(), "a.txt", TEXT);
        let out = mtpe()
            .current_dir(dir.path())
            .args(["check", "--no-glossary", "a.txt"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        assert!(out.stdout.is_empty());
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains(expected), "{err}");
        assert!(err.starts_with("mtpe: "), "{err}");
    }
    let out = mtpe()
        .args(["check", "--config", "/nonexistent/mtpe.toml", "-"])
        .write_stdin("x\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn completions_man_page_and_version() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = mtpe().args(["completions", shell]).output().unwrap();
        assert!(out.status.success());
        let script = String::from_utf8(out.stdout).unwrap();
        assert!(
            script.contains("mtpe") && script.contains("list-checks"),
            "{shell}"
        );
    }
    let out = mtpe().arg("man").output().unwrap();
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(
        page.starts_with(".ie") || page.contains(".TH mtpe 1"),
        "{page}"
    );
    let dir = tempfile::tempdir().unwrap();
    let out = mtpe()
        .args(["man", "--dir"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(dir.path().join("mtpe-check.1").is_file());
    assert!(dir.path().join("mtpe-glossary-add.1").is_file());
    let out = mtpe().arg("--version").output().unwrap();
    let version = String::from_utf8(out.stdout).unwrap();
    assert!(
        version.starts_with("mtpe ") && version.contains("(glossary schema "),
        "{version}"
    );
}
