//! Client texts stay private (issue 17): mtpe's folders 0700 and files 0600 whatever the
//! umask; `mtpe forget` and a clean end of a session leave no trace of a text in the
//! databases, their write-ahead logs or their indexes; `mtpe doctor` lists what is kept
//! and flags problems; erasing asks first, or needs `--yes`.

use std::os::unix::fs::PermissionsExt as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use mtpe::check::Engine;
use mtpe::document::Document;
use mtpe::session::{CheckMode, Session, SessionConfig};

use crate::util::{self, mtpe_in};

/// A string found nowhere but in the text a test writes.
const MARKER: &str = "Zqx7-CLIENT-SECRET-4711";

fn mode(path: &Path) -> u32 {
    std::fs::symlink_metadata(path)
        .expect("exists")
        .permissions()
        .mode()
        & 0o777
}

/// Every folder and file under `dir`, with its mode.
fn modes(dir: &Path) -> Vec<(PathBuf, bool, u32)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("readable") {
            let path = entry.expect("entry").path();
            let is_dir = path.is_dir();
            out.push((path.clone(), is_dir, mode(&path)));
            if is_dir {
                stack.push(path);
            }
        }
    }
    out.sort();
    out
}

/// Asserts every folder under `dir` (and `dir`) is 0700 and every file 0600.
fn assert_private(dir: &Path) {
    assert_eq!(mode(dir), 0o700, "{}", dir.display());
    for (path, is_dir, m) in modes(dir) {
        let wanted = if is_dir { 0o700 } else { 0o600 };
        assert_eq!(m, wanted, "{} is {m:o}", path.display());
    }
}

/// The files under `dir` whose bytes hold `needle`.
fn files_holding(dir: &Path, needle: &str) -> Vec<PathBuf> {
    modes(dir)
        .into_iter()
        .filter(|(path, is_dir, _)| {
            !is_dir
                && std::fs::read(path)
                    .expect("readable")
                    .windows(needle.len())
                    .any(|w| w == needle.as_bytes())
        })
        .map(|(path, _, _)| path)
        .collect()
}

/// `mtpe ARGS` run by `sh` under umask 022, in `home`.
fn under_umask_022(home: &Path, dir: &Path, args: &[&str]) -> std::process::Output {
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(r#"umask 022; exec "$0" "$@""#)
        .arg(util::MTPE)
        .args(args)
        .current_dir(dir);
    util::hermetic(&mut cmd, home);
    cmd.output().expect("sh runs")
}

/// Run as a child under umask 022 by `state_is_private_whatever_the_umask` (ignored
/// otherwise): opens a journal, a revision store and a glossary in mtpe's own folders and,
/// with their connections open (write-ahead logs and indexes present), prints every
/// folder's and file's mode.
#[test]
#[ignore = "run by state_is_private_whatever_the_umask in a child process"]
fn child_opens_every_store() {
    let Some(home) = std::env::var_os("MTPE_TEST_PRIVATE_HOME") else {
        return;
    };
    let home = PathBuf::from(home);
    let article = home.join("../article.txt");
    std::fs::write(&article, format!("Hello {MARKER}.\n")).expect("article");
    let doc = Document::load(&article).expect("article");
    let config = SessionConfig {
        journal: mtpe::session::default_journal_path().expect("a journal path"),
        output: home.join("../article.edited.txt"),
        target_lang: "en".into(),
        checking: CheckMode::Inline,
        dictionary: Default::default(),
    };
    let (mut session, _) =
        Session::open(doc, Arc::new(Engine::standard(false)), config).expect("session");
    session.set_segment_text(0, "Hello there.").expect("edit");
    let store_path = mtpe::history::store_path(None).expect("store path");
    let mut store = mtpe::history::Store::open(&store_path).expect("store");
    store
        .record(&article, "a", "b", None)
        .expect("a revision recorded");
    let glossary = mtpe::glossary::Glossary::open_or_create(
        &mtpe::glossary::location::default_path().expect("glossary path"),
        mtpe::glossary::Fill::Empty,
    )
    .expect("glossary");
    for (path, is_dir, m) in modes(&home) {
        let what = if is_dir { "folder" } else { "file" };
        println!("MODE {m:o} {what} {}", path.display());
    }
    drop((session, store, glossary));
}

#[test]
fn state_is_private_whatever_the_umask() {
    let dir = tempfile::tempdir().expect("temp dir");
    let home = dir.path().join("home");
    std::fs::create_dir(&home).expect("home");
    // In this process: the journal, the store and the glossary, open.
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(r#"umask 022; exec "$0" "$@""#)
        .arg(std::env::current_exe().expect("the test binary"))
        .args([
            "--exact",
            "privacy::child_opens_every_store",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ]);
    util::hermetic(&mut cmd, &home);
    cmd.env("MTPE_TEST_PRIVATE_HOME", &home);
    let out = cmd.output().expect("the child runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}\n{out:?}");
    let listed: Vec<&str> = stdout.lines().filter(|l| l.starts_with("MODE ")).collect();
    for name in [
        "state/mtpe/journal.sqlite-wal",
        "state/mtpe/journal.sqlite-shm",
        "data/mtpe/history.sqlite3-wal",
        "data/mtpe/glossary.sqlite-wal",
    ] {
        assert!(
            listed.iter().any(|l| l.ends_with(name)),
            "{name} not seen open:\n{stdout}"
        );
    }
    for line in &listed {
        let mut words = line["MODE ".len()..].split(' ');
        let (m, what) = (words.next(), words.next());
        let wanted = if what == Some("folder") { "700" } else { "600" };
        assert_eq!(m, Some(wanted), "{line}");
    }
    assert_private(&home.join("state"));
    assert_private(&home.join("data"));

    // The command line too: a revision recorded and a glossary made, umask 022.
    let other = dir.path().join("other");
    std::fs::create_dir(&other).expect("home");
    std::fs::write(dir.path().join("a.txt"), "One.\n").expect("article");
    std::fs::write(dir.path().join("b.txt"), "Two.\n").expect("corrected");
    let out = under_umask_022(
        &other,
        dir.path(),
        &["history", "a.txt", "--record", "b.txt"],
    );
    assert!(out.status.success(), "{out:?}");
    let out = under_umask_022(&other, dir.path(), &["check", "a.txt"]);
    assert!(out.status.code().is_some_and(|c| c < 2), "{out:?}");
    assert_private(&other.join("data"));
    // Folders and files of ours that others may read are tightened at the next write.
    let data = other.join("data/mtpe");
    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let store = data.join("history.sqlite3");
    std::fs::set_permissions(&store, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let out = under_umask_022(
        &other,
        dir.path(),
        &["history", "a.txt", "--record", "a.txt"],
    );
    assert!(out.status.success(), "{out:?}");
    assert_private(&other.join("data"));
    // What the user asked for keeps the article's permissions.
    std::fs::set_permissions(
        dir.path().join("a.txt"),
        std::fs::Permissions::from_mode(0o640),
    )
    .expect("chmod");
    let out = under_umask_022(
        &other,
        dir.path(),
        &["show", "a.txt", "--rev", "1", "-o", "shown.txt"],
    );
    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        mode(&dir.path().join("shown.txt")),
        0o640,
        "an output takes the article's permissions"
    );
}

/// An article with the marker, edited in a session of the real editor's model.
struct Edited {
    dir: tempfile::TempDir,
    home: PathBuf,
    article: PathBuf,
}

impl Edited {
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let home = dir.path().join("home");
        std::fs::create_dir(&home).expect("home");
        let article = dir.path().join("article.txt");
        std::fs::write(&article, "The the first sentence.\nA second one.\n").expect("article");
        Edited { dir, home, article }
    }

    fn journal(&self) -> PathBuf {
        self.home.join("state/mtpe/journal.sqlite")
    }

    fn session(&self) -> Session {
        let config = SessionConfig {
            journal: self.journal(),
            output: self.dir.path().join("article.edited.txt"),
            target_lang: "en".into(),
            checking: CheckMode::Inline,
            dictionary: Default::default(),
        };
        let doc = Document::load(&self.article).expect("article");
        Session::open(doc, Arc::new(Engine::standard(false)), config)
            .expect("session")
            .0
    }

    fn mtpe(&self) -> util::TestCommand {
        let mut cmd = mtpe_in(&self.home);
        cmd.current_dir(self.dir.path());
        cmd
    }
}

#[test]
fn a_clean_end_and_forget_leave_no_trace_of_the_text() {
    let e = Edited::new();
    // A session that ends cleanly: saved, recorded, closed. Its journal is dropped.
    let mut s = e.session();
    s.set_segment_text(0, &format!("The first sentence, {MARKER}."))
        .expect("edit");
    s.set_segment_text(1, &format!("A second {MARKER}."))
        .expect("edit");
    s.undo().expect("undo");
    // The corrected text and its diff take the article's permissions.
    std::fs::set_permissions(&e.article, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    let saved = s.save().expect("saved");
    assert_eq!(mode(&saved.output), 0o640);
    assert_eq!(mode(&saved.diff), 0o640);
    let out = e
        .mtpe()
        .args(["history", "article.txt", "--record"])
        .arg(&saved.output)
        .output()
        .expect("mtpe runs");
    assert!(out.status.success(), "{out:?}");
    s.close(false).expect("closed");
    drop(s);
    assert!(e.journal().exists());
    assert_eq!(
        files_holding(&e.home.join("state"), MARKER),
        Vec::<PathBuf>::new(),
        "the journal keeps nothing of a session that ended cleanly"
    );
    assert!(!files_holding(&e.home.join("data"), MARKER).is_empty());

    // A session that ends without saving (as if killed): the journal holds the text.
    let mut s = e.session();
    s.set_segment_text(1, &format!("Unsaved {MARKER} words."))
        .expect("edit");
    assert!(!files_holding(&e.home.join("state"), MARKER).is_empty());
    // While it is open in an editor, nothing is erased.
    let out = e
        .mtpe()
        .args(["forget", "article.txt", "--yes"])
        .output()
        .expect("mtpe runs");
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("already open in another mtpe"),
        "{out:?}"
    );
    drop(s);
    // Another article's revisions stay.
    std::fs::write(e.dir.path().join("other.txt"), "Other text kept.\n").expect("other");
    let out = e
        .mtpe()
        .args(["history", "other.txt", "--record", "other.txt"])
        .output()
        .expect("mtpe runs");
    assert!(out.status.success(), "{out:?}");
    let out = e
        .mtpe()
        .args(["forget", "article.txt", "--yes"])
        .output()
        .expect("mtpe runs");
    assert!(out.status.success(), "{out:?}");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("1 revisions"), "{said}");
    assert_eq!(
        files_holding(&e.home, MARKER),
        Vec::<PathBuf>::new(),
        "no trace in the databases, their logs or their indexes"
    );
    assert_eq!(files_holding(&e.home, "Other text kept.").len(), 1);
    let out = e
        .mtpe()
        .args(["history", "other.txt", "--format", "json"])
        .output()
        .expect("mtpe runs");
    let listed: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(listed.len(), 1);
    // Everything, the glossary excepted.
    let out = e
        .mtpe()
        .args(["forget", "--all", "--yes"])
        .output()
        .expect("mtpe runs");
    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        files_holding(&e.home, "Other text kept."),
        Vec::<PathBuf>::new()
    );
}

#[test]
fn erasing_asks_and_refuses_without_a_terminal() {
    let e = Edited::new();
    let record = |corrected: &str| {
        std::fs::write(e.dir.path().join("c.txt"), corrected).expect("corrected");
        let out = e
            .mtpe()
            .args(["history", "article.txt", "--record", "c.txt"])
            .output()
            .expect("mtpe runs");
        assert!(out.status.success(), "{out:?}");
    };
    record(&format!("{MARKER} one.\n"));
    record("Two.\n");
    record("Three.\n");
    for args in [
        &["forget", "article.txt"][..],
        &["forget", "--all"],
        &["history", "--keep", "1"],
        &["history", "article.txt", "--older-than", "0s"],
    ] {
        let out = e.mtpe().args(args).output().expect("mtpe runs");
        assert_eq!(out.status.code(), Some(2), "{args:?}: {out:?}");
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(
            said.contains("standard input is not a terminal") && said.contains("--yes"),
            "{args:?}: {said}"
        );
    }
    assert_eq!(files_holding(&e.home, MARKER).len(), 1, "nothing erased");
    // Pruning keeps the latest, which keep their numbers.
    let out = e
        .mtpe()
        .args(["history", "--keep", "2", "--yes"])
        .output()
        .expect("mtpe runs");
    assert!(out.status.success(), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("erased 1 revision of every article"));
    assert_eq!(files_holding(&e.home, MARKER), Vec::<PathBuf>::new());
    let out = e
        .mtpe()
        .args(["show", "article.txt", "--rev", "1"])
        .output()
        .expect("mtpe runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("no revision 1 (revisions 2 to 3 exist)"),
        "{out:?}"
    );
    let out = e
        .mtpe()
        .args(["show", "article.txt", "--rev", "3"])
        .output()
        .expect("mtpe runs");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "Three.\n");
    let out = e
        .mtpe()
        .args(["history", "article.txt", "--older-than", "soon", "--yes"])
        .output()
        .expect("mtpe runs");
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let out = e
        .mtpe()
        .args(["history", "article.txt", "--older-than", "0s", "--yes"])
        .output()
        .expect("mtpe runs");
    assert!(out.status.success(), "{out:?}");
    let out = e
        .mtpe()
        .args(["history", "article.txt", "--format", "json"])
        .output()
        .expect("mtpe runs");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "[]\n");
}

/// On a terminal, `mtpe forget` asks; anything but yes erases nothing.
#[test]
fn forget_asks_on_a_terminal() {
    if !util::tools("forget_asks_on_a_terminal", &["tmux"]) {
        return;
    }
    let e = Edited::new();
    let out = e
        .mtpe()
        .args(["history", "article.txt", "--record", "article.txt"])
        .output()
        .expect("mtpe runs");
    assert!(out.status.success(), "{out:?}");
    let socket = e.dir.path().join("tmux.sock");
    let tmux = |args: &[&str]| {
        Command::new("tmux")
            .arg("-S")
            .arg(&socket)
            .args(args)
            .output()
            .expect("tmux runs")
    };
    // The hermetic environment, as `env` arguments: removals first.
    let (mut removed, mut set) = (String::new(), String::new());
    let mut probe = Command::new("true");
    util::hermetic(&mut probe, &e.home);
    for (k, v) in probe.get_envs() {
        let k = k.to_string_lossy();
        match v {
            Some(v) => set.push_str(&format!("{k}='{}' ", v.to_string_lossy())),
            None => removed.push_str(&format!("-u {k} ")),
        }
    }
    let line = format!(
        "cd '{}' && env {removed}{set}{} forget article.txt; echo exit=$?",
        e.dir.path().display(),
        util::MTPE
    );
    assert!(
        tmux(&["new-session", "-d", "-x", "200", "-y", "20", "sh"])
            .status
            .success()
    );
    let wait_for = |text: &str, count: usize| {
        for _ in 0..200 {
            let out = tmux(&["capture-pane", "-p"]);
            if String::from_utf8_lossy(&out.stdout).matches(text).count() >= count {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        let out = tmux(&["capture-pane", "-p"]);
        panic!(
            "{text:?} not seen:\n{}",
            String::from_utf8_lossy(&out.stdout)
        );
    };
    tmux(&["send-keys", &line, "Enter"]);
    wait_for("[y/N]", 1);
    tmux(&["send-keys", "n", "Enter"]);
    wait_for("exit=1", 1);
    wait_for("nothing erased", 1);
    tmux(&["send-keys", &line, "Enter"]);
    wait_for("[y/N]", 2);
    tmux(&["send-keys", "y", "Enter"]);
    wait_for("exit=0", 1);
    tmux(&["kill-server"]);
    let out = e
        .mtpe()
        .args(["history", "article.txt", "--format", "json"])
        .output()
        .expect("mtpe runs");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "[]\n");
}

/// The places and problems `mtpe doctor` reports, paths, times and sizes redacted.
#[test]
fn doctor_lists_what_is_kept_and_flags_problems() {
    let e = Edited::new();
    let out = e.mtpe().args(["doctor"]).output().expect("mtpe runs");
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let empty = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(!e.home.join("state").exists(), "doctor creates nothing");
    assert!(!e.home.join("data").exists(), "doctor creates nothing");
    for corrected in ["Corrected once.\n", "Corrected twice.\n"] {
        std::fs::write(e.dir.path().join("c.txt"), corrected).expect("corrected");
        let out = e
            .mtpe()
            .args(["history", "article.txt", "--record", "c.txt"])
            .output()
            .expect("mtpe runs");
        assert!(out.status.success(), "{out:?}");
    }
    let out = e
        .mtpe()
        .args(["glossary", "init", "--empty"])
        .output()
        .expect("mtpe runs");
    assert!(out.status.success(), "{out:?}");
    let out = e
        .mtpe()
        .args(["dictionary", "add", "Rabobank"])
        .output()
        .expect("mtpe runs");
    assert!(out.status.success(), "{out:?}");
    // A journal with unsaved changes, and one of an article since deleted.
    let mut s = e.session();
    s.set_segment_text(1, "Unsaved.").expect("edit");
    drop(s);
    let gone = e.dir.path().join("gone.txt");
    std::fs::write(&gone, "Gone soon.\n").expect("article");
    let config = SessionConfig {
        journal: e.journal(),
        output: e.dir.path().join("gone.edited.txt"),
        target_lang: "en".into(),
        checking: CheckMode::Inline,
        dictionary: Default::default(),
    };
    let doc = Document::load(&gone).expect("article");
    let (mut s, _) =
        Session::open(doc, Arc::new(Engine::standard(false)), config).expect("session");
    s.set_segment_text(0, "Gone now.").expect("edit");
    drop(s);
    std::fs::remove_file(&gone).expect("removed");
    // A folder others may read.
    let state = e.home.join("state/mtpe");
    std::fs::set_permissions(&state, std::fs::Permissions::from_mode(0o755)).expect("chmod");

    let before = modes(&e.home);
    let out = e.mtpe().args(["doctor"]).output().expect("mtpe runs");
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert_eq!(modes(&e.home), before, "doctor writes nothing");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let json_out = e
        .mtpe()
        .args(["doctor", "--format", "json"])
        .output()
        .expect("mtpe runs");
    assert_eq!(json_out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&json_out.stdout).expect("json");
    let problems = json["problems"].as_array().expect("problems");
    assert_eq!(problems.len(), 2, "{json:#}");
    let journal = &json["places"][2];
    assert_eq!(journal["what"], "journal");
    assert_eq!(
        journal["holds"]["articles"].as_array().map(Vec::len),
        Some(2)
    );

    let root = std::fs::canonicalize(e.dir.path()).expect("canonical");
    let redact = |s: &str| {
        s.replace(&root.display().to_string(), "[DIR]")
            .replace(&e.dir.path().display().to_string(), "[DIR]")
    };
    insta::with_settings!({filters => vec![
        (r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z", "[TIME]"),
        (r"\d+(\.\d)? (bytes|KiB|MiB)\b", "[SIZE]"),
        (r"process \d+", "process [PID]"),
    ]}, {
        insta::assert_snapshot!("doctor_empty", redact(&empty));
        insta::assert_snapshot!("doctor", redact(&text));
    });
}
