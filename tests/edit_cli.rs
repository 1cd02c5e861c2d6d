//! `mtpe edit` refuses bad input before it takes over the screen: the same messages as
//! `mtpe check`, exit code 2, nothing written.

use predicates::prelude::*;

use crate::util::{self, TestCommand};

/// `mtpe` in `dir`, with the journal there and a private home elsewhere (the default
/// glossary is created there on first use), so that `dir` shows what the command wrote.
fn mtpe(dir: &std::path::Path) -> TestCommand {
    let mut cmd = util::mtpe();
    cmd.current_dir(dir)
        .env("MTPE_JOURNAL", dir.join("journal.sqlite"));
    cmd
}

fn files(dir: &std::path::Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .expect("test setup")
        .map(|e| {
            e.expect("test setup")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    v.sort();
    v
}

#[test]
fn bad_input_gets_the_messages_of_check() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bin.txt"), b"ab\ncd\0ef").unwrap();
    std::fs::write(dir.path().join("latin1.txt"), b"caf\xe9\n").unwrap();
    std::fs::create_dir(dir.path().join("folder")).unwrap();
    // 1 GiB with no data written (sparse): refused by its size before anything is read.
    let big = std::fs::File::create(dir.path().join("big.txt")).unwrap();
    big.set_len(1 << 30).unwrap();
    for (file, message) in [
        (
            "big.txt",
            "big.txt: is larger than mtpe reads (1.0 GiB > 256.0 MiB)",
        ),
        (
            "bin.txt",
            "bin.txt: looks like a binary file (NUL byte at byte offset 5, line 2)",
        ),
        (
            "latin1.txt",
            "latin1.txt: not valid UTF-8 (invalid byte 0xE9 at byte offset 3, line 1)",
        ),
        ("missing.txt", "missing.txt: no such file"),
    ] {
        let check = mtpe(dir.path()).args(["check", file]).assert().code(2);
        let check_err = String::from_utf8_lossy(&check.get_output().stderr).into_owned();
        mtpe(dir.path())
            .args(["edit", file])
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(message))
            .stderr(predicate::str::contains(check_err.trim()));
    }
    // `check` walks a folder (here: no texts in it); `edit` needs one article.
    mtpe(dir.path()).args(["check", "folder"]).assert().code(0);
    mtpe(dir.path())
        .args(["edit", "folder"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "folder: is a directory, not a text file",
        ));
    assert_eq!(
        files(dir.path()),
        ["big.txt", "bin.txt", "folder", "latin1.txt"]
    );
}

#[test]
fn standard_input_and_overwriting_the_article_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "Text.\n").unwrap();
    mtpe(dir.path())
        .args(["edit", "-"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("standard input cannot be edited"));
    mtpe(dir.path())
        .args(["edit", "a.txt", "-o", "./a.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "is the article itself; mtpe never overwrites the original",
        ));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a.txt")).unwrap(),
        "Text.\n"
    );
}

#[test]
fn an_unusable_journal_is_named() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "Text.\n").unwrap();
    std::fs::write(dir.path().join("not-a-folder"), "").unwrap();
    mtpe(dir.path())
        .args(["edit", "a.txt", "--journal", "not-a-folder/j.sqlite"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "cannot open the journal not-a-folder/j.sqlite",
        ));
}

#[test]
fn without_a_terminal_it_says_so() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "Text.\n").unwrap();
    mtpe(dir.path())
        .args(["edit", "a.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("mtpe edit needs a terminal"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a.txt")).unwrap(),
        "Text.\n"
    );
    assert!(!dir.path().join("a.edited.txt").exists());
}

#[test]
fn an_unreadable_glossary_gets_the_message_of_check() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "Text.\n").unwrap();
    std::fs::write(
        dir.path().join("not-sqlite.sqlite"),
        "plain text, not a database\n",
    )
    .unwrap();
    for (how, glossary) in [
        ("--glossary", "missing.sqlite"),
        ("MTPE_GLOSSARY", "missing.sqlite"),
        ("--glossary", "not-sqlite.sqlite"),
    ] {
        let run = |command: &str| {
            let mut cmd = mtpe(dir.path());
            cmd.arg(command);
            if how == "MTPE_GLOSSARY" {
                cmd.env("MTPE_GLOSSARY", glossary);
            } else {
                cmd.args([how, glossary]);
            }
            let out = cmd.arg("a.txt").output().unwrap();
            assert_eq!(
                out.status.code(),
                Some(2),
                "{command} {how} {glossary}: {out:?}"
            );
            assert!(out.stdout.is_empty());
            String::from_utf8_lossy(&out.stderr).into_owned()
        };
        let check = run("check");
        let edit = run("edit");
        assert!(check.contains(glossary), "{check}");
        assert_eq!(edit, check, "{how} {glossary}");
    }
    // --no-glossary wins: the editor gets as far as asking for a terminal.
    mtpe(dir.path())
        .args([
            "edit",
            "--no-glossary",
            "--glossary",
            "missing.sqlite",
            "a.txt",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("mtpe edit needs a terminal"));
    assert_eq!(
        files(dir.path()),
        ["a.txt", "journal.sqlite", "not-sqlite.sqlite"]
    );
}
