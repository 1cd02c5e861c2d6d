//! `mtpe check` over folders: the walk (ignore files, hidden files, --type, --glob), the
//! order of the reports, --jobs, unreadable files, the machine formats, --summary and
//! --fail-on.

use std::fs;
use std::path::Path;

use serde_json::Value;

use crate::util::mtpe;

const FLAWED: &str = "It is a clear and clear network ecosystem.\n";
const CLEAN: &str = "This sentence is fine.\n";

fn write(root: &Path, name: &str, text: &str) {
    let p = root.join(name);
    fs::create_dir_all(p.parent().expect("test setup")).expect("test setup");
    fs::write(p, text).expect("test setup");
}

/// A small tree: flawed and clean files, an ignored one, a hidden one, a non-text one.
fn tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("test setup");
    let r = dir.path();
    write(r, "corpus/b.txt", FLAWED);
    write(r, "corpus/a/one.md", FLAWED);
    write(r, "corpus/a/two.txt", CLEAN);
    write(r, "corpus/c.txt", FLAWED);
    write(r, "corpus/skipped/x.txt", FLAWED);
    write(r, "corpus/.gitignore", "skipped/\n");
    write(r, "corpus/.hidden/h.txt", FLAWED);
    write(r, "corpus/image.png", "not text");
    dir
}

fn stdout(args: &[&str], dir: &Path) -> (Option<i32>, String, String) {
    let out = mtpe()
        .current_dir(dir)
        .args(args)
        .output()
        .expect("test setup");
    (
        out.status.code(),
        String::from_utf8(out.stdout).expect("test setup"),
        String::from_utf8(out.stderr).expect("test setup"),
    )
}

fn paths(jsonl: &str) -> Vec<String> {
    let mut paths: Vec<String> = jsonl
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).expect("test setup")["path"]
                .as_str()
                .expect("test setup")
                .to_string()
        })
        .collect();
    paths.dedup();
    paths
}

#[test]
fn folders_are_walked_with_ignore_rules_in_path_order() {
    let dir = tree();
    let (code, out, err) = stdout(
        &["check", "--no-glossary", "--format", "jsonl", "corpus"],
        dir.path(),
    );
    assert_eq!(code, Some(1), "{err}");
    assert_eq!(
        paths(&out),
        ["corpus/a/one.md", "corpus/b.txt", "corpus/c.txt"]
    );
    let (_, out, _) = stdout(
        &[
            "check",
            "--no-glossary",
            "--format",
            "jsonl",
            "--hidden",
            "corpus",
        ],
        dir.path(),
    );
    assert_eq!(paths(&out)[0], "corpus/.hidden/h.txt");
    let (_, listed, _) = stdout(&["check", "--list-files", "corpus"], dir.path());
    assert_eq!(
        listed,
        "corpus/a/one.md\ncorpus/a/two.txt\ncorpus/b.txt\ncorpus/c.txt\n"
    );
    let (_, listed, _) = stdout(
        &["check", "--list-files", "--type", "markdown", "corpus"],
        dir.path(),
    );
    assert_eq!(listed, "corpus/a/one.md\n");
    let (_, listed, _) = stdout(
        &["check", "--list-files", "--glob", "!**/b.txt", "corpus"],
        dir.path(),
    );
    assert_eq!(listed, "corpus/a/one.md\ncorpus/a/two.txt\ncorpus/c.txt\n");
    let (_, listed, _) = stdout(
        &["check", "--list-files", "--no-ignore", "corpus"],
        dir.path(),
    );
    assert!(listed.contains("corpus/skipped/x.txt"));
    // A file named on the command line is checked whatever its type.
    let (_, listed, _) = stdout(&["check", "--list-files", "corpus/image.png"], dir.path());
    assert_eq!(listed, "corpus/image.png\n");
}

#[test]
fn any_number_of_jobs_gives_the_same_report() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..60 {
        let text = if i % 3 == 0 { FLAWED } else { CLEAN };
        write(
            dir.path(),
            &format!("t/{:02}/f{i}.txt", i % 7),
            &text.repeat(i % 5 + 1),
        );
    }
    let one = stdout(&["check", "--no-glossary", "--jobs", "1", "t"], dir.path());
    for jobs in ["2", "8"] {
        for format in ["text", "json", "jsonl", "github", "sarif"] {
            let a = stdout(
                &[
                    "check",
                    "--no-glossary",
                    "--jobs",
                    "1",
                    "--format",
                    format,
                    "t",
                ],
                dir.path(),
            );
            let b = stdout(
                &[
                    "check",
                    "--no-glossary",
                    "--jobs",
                    jobs,
                    "--format",
                    format,
                    "t",
                ],
                dir.path(),
            );
            assert_eq!(a, b, "--jobs {jobs} --format {format}");
        }
    }
    assert_eq!(one.0, Some(1));
    assert!(one.2.contains("in 60 files"), "{}", one.2);
}

#[test]
fn an_unreadable_file_is_reported_in_its_place_and_the_run_goes_on() {
    let dir = tree();
    fs::write(dir.path().join("corpus/bad.txt"), b"\x00\x01binary\xff").unwrap();
    let (code, out, err) = stdout(
        &[
            "check",
            "--no-glossary",
            "--format",
            "jsonl",
            "corpus",
            "missing.txt",
        ],
        dir.path(),
    );
    assert_eq!(code, Some(2));
    assert_eq!(
        paths(&out),
        ["corpus/a/one.md", "corpus/b.txt", "corpus/c.txt"]
    );
    assert!(
        err.contains("bad.txt") && err.contains("missing.txt"),
        "{err}"
    );
}

#[test]
fn machine_formats_summary_and_fail_on() {
    let dir = tree();
    let (code, out, _) = stdout(
        &[
            "check",
            "--no-glossary",
            "--format",
            "github",
            "corpus/b.txt",
        ],
        dir.path(),
    );
    assert_eq!(code, Some(1));
    assert!(
        out.starts_with("::warning file=corpus/b.txt,line=1,col=9,endLine=1,endColumn=24,title=repetition.tautology::"),
        "{out}"
    );
    let (_, out, _) = stdout(
        &[
            "check",
            "--no-glossary",
            "--format",
            "json",
            "--summary",
            "corpus",
        ],
        dir.path(),
    );
    let doc: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["files"].as_array().unwrap().len(), 4);
    let summary = &doc["summary"];
    assert_eq!(summary["files"], 4);
    assert_eq!(summary["by_check"][0]["check"], "repetition.tautology");
    assert_eq!(summary["by_check"][0]["issues"], 3);
    assert!(summary["issues_per_1000_words"].as_f64().unwrap() > 100.0);
    let (_, out, _) = stdout(
        &["check", "--no-glossary", "--summary", "corpus"],
        dir.path(),
    );
    assert!(
        out.contains("summary: 4 files, 28 words, 3 issues"),
        "{out}"
    );
    assert!(
        out.contains("by file:\n       1  corpus/a/one.md (8 words)"),
        "{out}"
    );
    for (fail_on, code) in [("warning", 1), ("error", 0), ("never", 0), ("info", 1)] {
        let (got, _, _) = stdout(
            &["check", "--no-glossary", "--fail-on", fail_on, "corpus"],
            dir.path(),
        );
        assert_eq!(got, Some(code), "--fail-on {fail_on}");
    }
}
