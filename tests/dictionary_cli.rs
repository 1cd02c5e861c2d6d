//! The user's dictionary end to end: `mtpe dictionary add|remove|list|import|export`, its
//! words known to `mtpe check`, `--dialect`, and a damaged or foreign dictionary refused
//! with exit 2 and left as it was.

use std::os::unix::fs::PermissionsExt as _;
use std::path::Path;

use predicates::prelude::*;

use crate::util::{self, TestCommand};

fn mtpe(home: &Path) -> TestCommand {
    let mut cmd = util::mtpe_in(home);
    cmd.env("NO_COLOR", "1");
    cmd
}

fn stdout(cmd: &mut assert_cmd::Command) -> String {
    let out = cmd.output().expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
fn words_are_added_listed_removed_imported_and_exported() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    assert_eq!(stdout(mtpe(h).args(["dictionary", "list"])), "");
    mtpe(h)
        .args(["dictionary", "add", "Rabobank", "dataframe"])
        .assert()
        .success()
        .stderr(predicate::str::contains("2 words added"));
    let file = h.join("data/mtpe/dictionary.sqlite");
    let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "the user's dictionary is private");
    assert_eq!(
        stdout(mtpe(h).args(["dictionary", "list"])),
        "dataframe\nRabobank\n"
    );
    // A word list: one word a line; a bad line is named and nothing is added.
    let list = h.join("words.txt");
    std::fs::write(&list, "# mine\nqxzword\n\nthree words here\n").unwrap();
    mtpe(h)
        .args(["dictionary", "import"])
        .arg(&list)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!(
            "{}:4: \"three words here\": not one word",
            list.display()
        )));
    std::fs::write(&list, "# mine\nqxzword\n\ndataframe\n").unwrap();
    mtpe(h)
        .args(["dictionary", "import"])
        .arg(&list)
        .assert()
        .success()
        .stderr(
            predicate::str::contains("1 word imported")
                .and(predicate::str::contains("1 already there")),
        );
    mtpe(h)
        .args(["dictionary", "import", "-"])
        .write_stdin("stdinword\n")
        .assert()
        .success();
    mtpe(h)
        .args(["dictionary", "remove", "rabobank"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not in the dictionary: rabobank"));
    mtpe(h)
        .args(["dictionary", "remove", "Rabobank"])
        .assert()
        .success();
    let out = h.join("export.txt");
    mtpe(h)
        .args(["dictionary", "export", "-o"])
        .arg(&out)
        .assert()
        .success();
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        "dataframe\nqxzword\nstdinword\n"
    );
    assert_eq!(
        stdout(mtpe(h).args(["dictionary", "export"])),
        "dataframe\nqxzword\nstdinword\n"
    );
    mtpe(h)
        .args(["dictionary", "add", "two words"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not one word"));
}

#[test]
fn check_knows_the_users_words_and_the_dialect() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let article = h.join("a.txt");
    std::fs::write(
        &article,
        "The qxzbank report came in. The colour of the harbour and the centre of town.\n",
    )
    .unwrap();
    let check = |extra: &[&str]| {
        let out = mtpe(h)
            .args(["check", "--no-glossary", "--format", "json"])
            .args(extra)
            .arg(&article)
            .output()
            .expect("runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let plain = check(&[]);
    assert!(plain.contains("spelling.unknown-word"), "{plain}");
    assert!(!plain.contains("spelling.dialect"), "{plain}");
    mtpe(h)
        .args(["dictionary", "add", "qxzbank"])
        .assert()
        .success();
    let known = check(&[]);
    assert!(!known.contains("spelling.unknown-word"), "{known}");
    let american = check(&["--dialect", "american"]);
    assert_eq!(
        american.matches("spelling.dialect").count(),
        3,
        "{american}"
    );
    assert!(american.contains("\"color\""), "{american}");
    mtpe(h)
        .args(["check", "--dialect", "klingon"])
        .arg(&article)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown dialect"));
    // A dictionary named on the command line must exist.
    mtpe(h)
        .args(["check", "--dictionary"])
        .arg(h.join("missing.sqlite"))
        .arg(&article)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing.sqlite: no such file"));
}

#[test]
fn a_damaged_or_foreign_dictionary_is_refused_untouched() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let article = h.join("a.txt");
    std::fs::write(&article, "Fine text.\n").unwrap();
    let words = h.join("words.sqlite");
    mtpe(h)
        .args(["dictionary", "add", "qxzword", "--dictionary"])
        .arg(&words)
        .assert()
        .success();
    let bytes = std::fs::read(&words).unwrap();
    let cut = h.join("cut.sqlite");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let text = h.join("text.sqlite");
    std::fs::write(&text, "colour\n").unwrap();
    for (db, says) in [(&cut, "damaged"), (&text, "not an SQLite database")] {
        let before = std::fs::read(db).unwrap();
        for args in [
            vec!["dictionary", "list", "--dictionary"],
            vec!["dictionary", "add", "x", "--dictionary"],
            vec!["check", "--no-glossary", "--dictionary"],
        ] {
            let mut cmd = mtpe(h);
            cmd.args(&args).arg(db);
            if args[0] == "check" {
                cmd.arg(&article);
            }
            let out = cmd.output().unwrap();
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
            assert!(err.contains(&db.display().to_string()), "{err}");
            assert!(err.contains(says), "{args:?}: {err}");
            assert!(!err.contains("panicked"), "{err}");
        }
        assert_eq!(std::fs::read(db).unwrap(), before, "the file was written");
    }
}
