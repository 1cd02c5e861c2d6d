//! End-to-end tests of the real `mtpe edit` binary in tmux (send-keys, capture-pane):
//! fix an issue and save; add a glossary entry with `t`; each save recorded in the
//! revision history; kill -9 and recover; a full disk and a read-only folder at save time;
//! the terminal given back in a sane state every time. The default glossary (the shipped
//! terms) is created in the test's folder, as on a fresh machine.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Arc;
use std::time::{Duration, Instant};

use mtpe::check::{Engine, registry};
use mtpe::document::Document;
use mtpe::glossary::{Fill, Glossary};
use mtpe::session::{CheckMode, Session, SessionConfig, SessionGlossary};

use crate::util;

const SEED: &str = "fixtures/cyberspace-review.mt.txt";
const NAME: &str = "cyberspace-review.mt.txt";
const EDITED: &str = "cyberspace-review.mt.edited.txt";

/// A private tmux server (its socket in a temp folder), killed at the end.
struct Tmux {
    socket: PathBuf,
    dir: tempfile::TempDir,
}

impl Tmux {
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("test setup");
        std::fs::copy(SEED, dir.path().join(NAME)).expect("test setup");
        Tmux {
            socket: dir.path().join("tmux.sock"),
            dir,
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn tmux(&self, args: &[&str]) -> Output {
        let mut cmd = Command::new("tmux");
        util::hermetic(&mut cmd, self.dir.path());
        cmd.arg("-S")
            .arg(&self.socket)
            .args(["-f", "/dev/null"])
            .args(args)
            .output()
            .expect("tmux runs (.ci/run installs it)")
    }

    /// A shell in a new window `name`, in the temp folder, with the journal, the revision
    /// store and the user's directories (where the default glossary is created) there.
    fn shell(&self, name: &str, w: u16, h: u16) {
        let var = |name: &str, file: &str| format!("{name}={}", self.path(file).display());
        let env = [
            var("MTPE_JOURNAL", "journal.sqlite"),
            var("MTPE_STORE", "history.sqlite3"),
            var("XDG_DATA_HOME", "data"),
            var("XDG_STATE_HOME", "state"),
            "MTPE_GLOSSARY=".to_string(),
            "NO_COLOR=".to_string(),
        ];
        let mut args: Vec<String> = [
            "new-session",
            "-d",
            "-s",
            name,
            "-x",
            &w.to_string(),
            "-y",
            &h.to_string(),
            "-c",
            &self.dir.path().display().to_string(),
        ]
        .map(str::to_string)
        .to_vec();
        for e in env {
            args.push("-e".into());
            args.push(e);
        }
        args.push("sh".into());
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = self.tmux(&args);
        assert!(out.status.success(), "{out:?}");
    }

    fn line(&self, name: &str, line: &str) {
        self.tmux(&["send-keys", "-t", name, "-l", line]);
        self.tmux(&["send-keys", "-t", name, "Enter"]);
    }

    fn keys(&self, name: &str, keys: &[&str]) {
        for k in keys {
            self.tmux(&["send-keys", "-t", name, k]);
        }
    }

    fn screen(&self, name: &str) -> String {
        String::from_utf8_lossy(&self.tmux(&["capture-pane", "-p", "-t", name]).stdout).into_owned()
    }

    /// Waits until the screen shows `needle`; returns the screen.
    fn wait_for(&self, name: &str, needle: &str) -> String {
        self.wait_for_n(name, needle, 1)
    }

    /// Waits until the screen shows `needle` `n` times.
    fn wait_for_n(&self, name: &str, needle: &str, n: usize) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen(name);
            if screen.matches(needle).count() >= n {
                return screen;
            }
            assert!(
                start.elapsed() < Duration::from_secs(60),
                "waited for {needle:?}; the screen shows:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits for a file to appear; returns its contents.
    fn wait_file(&self, name: &str) -> String {
        let start = Instant::now();
        loop {
            if let Ok(s) = std::fs::read_to_string(self.path(name))
                && s.ends_with('\n')
            {
                return s;
            }
            assert!(
                start.elapsed() < Duration::from_secs(60),
                "no {name} written"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The terminal of window `name` is back in cooked mode with echo.
    fn assert_terminal_restored(&self, name: &str, tag: &str) {
        let file = format!("stty-{tag}.txt");
        self.line(name, &format!("stty -a > {file}; echo done >> {file}"));
        let stty = self.wait_file(&file);
        assert!(stty.contains(" icanon"), "{stty}");
        assert!(
            !stty.contains("-icanon") && !stty.contains("-echo "),
            "{stty}"
        );
        let screen = self.screen(name);
        assert!(
            !screen.contains("seg 1/"),
            "still on the editor screen:\n{screen}"
        );
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        self.tmux(&["kill-server"]);
    }
}

fn mtpe() -> &'static str {
    util::MTPE
}

/// The issue `n` selects on the seed (check id, segment) and the text after its first
/// suggestion, optionally with that segment then rewritten, computed with the library and
/// the shipped glossary, as the editor opens.
fn expected(rewrite: Option<&str>) -> (String, usize, String) {
    let dir = tempfile::tempdir().expect("test setup");
    let doc = Document::load(Path::new(SEED)).expect("test setup");
    let config = SessionConfig {
        journal: dir.path().join("j.sqlite"),
        output: dir.path().join("out.txt"),
        target_lang: "en".into(),
        checking: CheckMode::Inline,
        dictionary: Default::default(),
    };
    let mut checks = registry::rule_checks();
    checks.extend(registry::terminology_checks());
    let engine = Arc::new(Engine::new(checks));
    let glossary = SessionGlossary::new(
        Glossary::in_memory(Fill::Shipped).expect("test setup"),
        "default",
    );
    let (mut s, _) =
        Session::open_with_glossary(doc, engine, config, Some(glossary)).expect("test setup");
    // The editor opens with the first segment's first issue selected; n goes past it.
    let selected = s.segment_issues(0).first().copied();
    let (id, _) = s
        .next_issue(0, selected, true)
        .expect("the seed has issues");
    let check = s.issue(id).expect("test setup").issue.check.to_string();
    let seg = s
        .apply_suggestion(id, 0)
        .expect("the first issue has a suggestion");
    if let Some(text) = rewrite {
        s.set_segment_text(seg, text).expect("test setup");
    }
    (check, seg, s.current_text())
}

fn launch(t: &Tmux, window: &str, extra: &str) {
    t.line(
        window,
        &format!(
            "sh -c 'echo $$ > mtpe.pid; exec {} edit {NAME} {extra}'; echo exit=$?",
            mtpe()
        ),
    );
    t.wait_for(window, "seg 1/");
}

fn pid(t: &Tmux) -> String {
    t.wait_file("mtpe.pid").trim().to_string()
}

#[test]
fn fix_save_and_quit() {
    if !util::tools("fix_save_and_quit", &["tmux", "patch"]) {
        return;
    }
    let (check, _, text) = expected(None);
    let t = Tmux::new();
    t.shell("w", 120, 32);
    launch(&t, "w", "");
    t.keys("w", &["n"]);
    t.wait_for("w", &check);
    t.keys("w", &["a"]);
    t.wait_for("w", &format!("({check})"));
    t.keys("w", &["C-s"]);
    t.wait_for("w", "Saved ");
    t.keys("w", &["q"]);
    t.wait_for("w", "exit=0");
    t.assert_terminal_restored("w", "save");

    let original = std::fs::read_to_string(SEED).unwrap();
    assert_eq!(std::fs::read_to_string(t.path(NAME)).unwrap(), original);
    let saved = std::fs::read_to_string(t.path(EDITED)).unwrap();
    assert_eq!(saved, text);
    assert_ne!(saved, original);
    let diff = std::fs::read_to_string(t.path(&format!("{EDITED}.diff"))).unwrap();
    assert_eq!(
        diff,
        mtpe::diff::unified_diff(&original, &saved, NAME, EDITED)
    );
    // The diff is one `patch` accepts.
    let status = Command::new("patch")
        .current_dir(t.dir.path())
        .args(["-s", "-o", "patched.txt", NAME])
        .stdin(std::fs::File::open(t.path(&format!("{EDITED}.diff"))).unwrap())
        .status()
        .expect("patch runs (.ci/run installs it)");
    assert!(status.success());
    assert_eq!(
        std::fs::read_to_string(t.path("patched.txt")).unwrap(),
        saved
    );

    // The clean quit erased the journal: reopening starts from the article, and says
    // that saving replaces the version saved earlier.
    launch(&t, "w", "");
    t.wait_for("w", "was saved earlier");
    t.keys("w", &["q"]);
    t.wait_for_n("w", "exit=0", 2);
    // With --keep-journal, the next session resumes the saved state without asking.
    launch(&t, "w", "--keep-journal");
    t.keys("w", &["n"]);
    t.wait_for("w", &check);
    t.keys("w", &["a"]);
    t.wait_for("w", &format!("({check})"));
    t.keys("w", &["C-s"]);
    t.wait_for("w", "Saved ");
    t.keys("w", &["q"]);
    t.wait_for_n("w", "exit=0", 3);
    launch(&t, "w", "");
    t.wait_for("w", "Resumed 1 earlier change");
    t.keys("w", &["q"]);
    t.wait_for_n("w", "exit=0", 4);
}

/// The entries of a glossary file, as `mtpe glossary list --format json` prints them.
fn glossary_entries(glossary: &Path) -> Vec<serde_json::Value> {
    let out = util::mtpe()
        .args(["glossary", "list", "--format", "json", "--glossary"])
        .arg(glossary)
        .env_remove("MTPE_GLOSSARY")
        .output()
        .expect("mtpe runs");
    assert!(out.status.success(), "{out:?}");
    serde_json::from_slice::<Vec<serde_json::Value>>(&out.stdout).expect("JSON")
}

#[test]
fn a_glossary_entry_from_an_issue_and_a_revision_on_save() {
    if !util::tools(
        "a_glossary_entry_from_an_issue_and_a_revision_on_save",
        &["tmux"],
    ) {
        return;
    }
    let t = Tmux::new();
    t.shell("w", 120, 32);
    launch(&t, "w", "");
    // The default glossary was created with the shipped terms, and is in use.
    t.wait_for("w", "glossary default");
    let glossary = t.path("data/mtpe/glossary.sqlite");
    let before = glossary_entries(&glossary);
    assert!(before.len() > 50, "{} entries", before.len());
    // To the tautology "vitality and vitality" (no glossary term covers it).
    t.keys("w", &["/"]);
    t.tmux(&["send-keys", "-t", "w", "-l", "vitality and vitality"]);
    t.keys("w", &["Enter", "Escape"]);
    t.wait_for("w", "\u{25b6} 1 repetition.tautology");
    t.keys("w", &["t"]);
    let form = t.wait_for("w", "Add to the glossary");
    assert!(
        form.contains("Deprecated*    vitality and vitality "),
        "{form}"
    );
    t.tmux(&["send-keys", "-t", "w", "-l", "vigour and vitality"]);
    t.keys("w", &["Tab", "Tab"]);
    t.tmux(&["send-keys", "-t", "w", "-l", "a tautology of the MT"]);
    t.keys("w", &["Enter"]);
    t.wait_for("w", "Added glossary entry");
    // Written at once: another process sees it while the editor runs.
    let after = glossary_entries(&glossary);
    assert_eq!(after.len(), before.len() + 1);
    let added = after
        .iter()
        .find(|e| e["terms"][0]["text"] == "vigour and vitality")
        .expect("the new entry");
    assert_eq!(added["terms"][0]["status"], "preferred");
    assert_eq!(added["terms"][1]["text"], "vitality and vitality");
    assert_eq!(added["terms"][1]["status"], "deprecated");
    assert_eq!(added["note"], "a tautology of the MT");
    assert_eq!(added["target_lang"], "en");
    // The article was re-checked against it: the span is now a deprecated rendering, and
    // the pane shows the entry behind the issue.
    t.keys("w", &["Tab"]);
    let screen = t.wait_for("w", "\u{25b6} 2 terminology.deprecated");
    assert!(screen.contains("\u{2192} vigour and vitality"), "{screen}");
    assert!(
        screen.contains(&format!("glossary entry {}", added["id"])),
        "{screen}"
    );
    t.keys("w", &["a"]);
    t.wait_for("w", "(terminology.deprecated)");

    // A save is recorded as a revision in the history.
    t.keys("w", &["C-s"]);
    t.wait_for("w", "recorded as revision 1 (mtpe history).");
    t.keys("w", &["q"]);
    t.wait_for("w", "exit=0");
    let out = util::mtpe_in(t.dir.path())
        .args(["history", NAME, "--format", "json", "--store"])
        .arg(t.path("history.sqlite3"))
        .current_dir(t.dir.path())
        .output()
        .expect("mtpe runs");
    assert!(out.status.success(), "{out:?}");
    let revisions: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(revisions.len(), 1, "{revisions:?}");
    assert_eq!(revisions[0]["number"], 1);
    let saved = std::fs::read_to_string(t.path(EDITED)).unwrap();
    assert!(saved.contains("vigour and vitality"), "{saved}");
    let shown = util::mtpe_in(t.dir.path())
        .args(["show", NAME, "--store"])
        .arg(t.path("history.sqlite3"))
        .current_dir(t.dir.path())
        .output()
        .expect("mtpe runs");
    assert_eq!(String::from_utf8_lossy(&shown.stdout), saved);
}

#[test]
fn killed_with_sigkill_and_recovered() {
    if !util::tools("killed_with_sigkill_and_recovered", &["tmux"]) {
        return;
    }
    let (check, seg, text) = expected(Some("Unfinished edit"));
    let t = Tmux::new();
    t.shell("first", 120, 32);
    launch(&t, "first", "");
    t.keys("first", &["n"]);
    t.wait_for("first", &check);
    t.keys("first", &["a"]);
    t.wait_for("first", &format!("({check})"));
    // An edit in progress, not finished with Esc (the cursor may be anywhere in the line).
    t.keys("first", &["e", "End", "C-u"]);
    t.tmux(&["send-keys", "-t", "first", "-l", "Unfinished edit"]);
    t.wait_for("first", "Unfinished edit");
    // The draft is written after half a second without keys.
    std::thread::sleep(Duration::from_millis(1500));
    let pid = pid(&t);
    let killed = Command::new("kill").args(["-9", &pid]).status().unwrap();
    assert!(killed.success());
    t.wait_for("first", "exit=137");
    std::fs::remove_file(t.path("mtpe.pid")).unwrap();

    t.shell("second", 120, 32);
    launch(&t, "second", "");
    let screen = t.wait_for("second", "Recover 2 unsaved changes from ");
    assert!(
        screen.contains(&format!("unfinished edit of segment {}", seg + 1)),
        "{screen}"
    );
    t.keys("second", &["r"]);
    t.wait_for("second", "Recovered 2 changes");
    t.keys("second", &["C-s"]);
    t.wait_for("second", "Saved ");
    t.keys("second", &["q"]);
    t.wait_for("second", "exit=0");
    t.assert_terminal_restored("second", "recovered");
    assert_eq!(std::fs::read_to_string(t.path(EDITED)).unwrap(), text);
}

#[test]
fn a_panic_restores_the_terminal_and_keeps_the_journal() {
    if !util::tools(
        "a_panic_restores_the_terminal_and_keeps_the_journal",
        &["tmux"],
    ) {
        return;
    }
    let (check, _, text) = expected(None);
    let t = Tmux::new();
    t.shell("w", 120, 32);
    t.line(
        "w",
        &format!(
            "MTPE_TEST_PANIC_KEY=% {} edit {NAME} 2> panic.txt; echo exit=$?",
            mtpe()
        ),
    );
    t.wait_for("w", "seg 1/");
    t.keys("w", &["n", "a"]);
    t.wait_for("w", &format!("({check})"));
    t.keys("w", &["%"]);
    t.wait_for("w", "exit=101");
    t.assert_terminal_restored("w", "panic");
    let message = std::fs::read_to_string(t.path("panic.txt")).unwrap();
    assert!(message.contains("panic requested"), "{message}");
    launch(&t, "w", "");
    t.wait_for("w", "Recover 1 unsaved change from ");
    t.keys("w", &["r", "C-s"]);
    t.wait_for("w", "Saved ");
    t.keys("w", &["q"]);
    t.wait_for_n("w", "exit=0", 1);
    assert_eq!(std::fs::read_to_string(t.path(EDITED)).unwrap(), text);
}

#[test]
fn a_closed_terminal_ends_the_editor_and_keeps_the_work() {
    if !util::tools(
        "a_closed_terminal_ends_the_editor_and_keeps_the_work",
        &["tmux"],
    ) {
        return;
    }
    let (check, _, text) = expected(None);
    let t = Tmux::new();
    t.shell("doomed", 120, 32);
    launch(&t, "doomed", "");
    t.keys("doomed", &["n", "a"]);
    t.wait_for("doomed", &format!("({check})"));
    let pid = pid(&t);
    // The window is closed under the editor: its terminal hangs up.
    t.tmux(&["kill-session", "-t", "doomed"]);
    let start = Instant::now();
    while Path::new(&format!("/proc/{pid}")).exists() {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        if stat.split_whitespace().nth(2) == Some("Z") {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "mtpe {pid} still runs after its terminal closed"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    std::fs::remove_file(t.path("mtpe.pid")).unwrap();
    t.shell("again", 120, 32);
    launch(&t, "again", "");
    t.wait_for("again", "Recover 1 unsaved change from ");
    t.keys("again", &["r", "C-s"]);
    t.wait_for("again", "Saved ");
    t.keys("again", &["q"]);
    t.wait_for("again", "exit=0");
    assert_eq!(std::fs::read_to_string(t.path(EDITED)).unwrap(), text);
}

/// Whether this machine has tmux and lets the tests mount a small file system in a
/// private namespace (root), else a printed reason.
fn can_mount(test: &str) -> bool {
    if !util::tools(test, &["tmux"]) {
        return false;
    }
    let ok = Command::new("unshare")
        .args(["-m", "sh", "-c", "mount -t tmpfs -o size=8k tmpfs /mnt"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    util::available(ok, test, "`unshare -m` and tmpfs mounts (root)", false)
}

#[test]
fn a_full_disk_at_save_loses_nothing() {
    if !can_mount("a_full_disk_at_save_loses_nothing") {
        return;
    }
    let (check, _, text) = expected(None);
    let t = Tmux::new();
    std::fs::create_dir(t.path("full")).unwrap();
    t.shell("w", 220, 32);
    t.line(
        "w",
        &format!(
            "unshare -m sh -c 'mount -t tmpfs -o size=12k tmpfs full && echo $$ > mtpe.pid && exec {} edit {NAME} -o full/out.txt'; echo exit=$?",
            mtpe()
        ),
    );
    t.wait_for("w", "seg 1/");
    t.keys("w", &["n"]);
    t.wait_for("w", &check);
    t.keys("w", &["a"]);
    t.wait_for("w", &format!("({check})"));
    t.keys("w", &["C-s"]);
    let screen = t.wait_for("w", "cannot save full/out.txt: the disk is full");
    assert!(screen.contains("Nothing was written"), "{screen}");
    // Stopped by a signal: the terminal comes back and the change stays in the journal.
    let pid = pid(&t);
    assert!(Command::new("kill").arg(&pid).status().unwrap().success());
    t.wait_for("w", "unsaved changes are kept in the journal");
    t.wait_for("w", "exit=2");
    t.assert_terminal_restored("w", "full");
    assert!(!t.path("full/out.txt").exists());

    std::fs::remove_file(t.path("mtpe.pid")).unwrap();
    launch(&t, "w", "-o saved.txt");
    t.wait_for("w", "Recover 1 unsaved change from ");
    t.keys("w", &["r"]);
    t.wait_for("w", "Recovered 1 change");
    t.keys("w", &["C-s"]);
    t.wait_for("w", "Saved saved.txt");
    t.keys("w", &["q"]);
    t.wait_for("w", "exit=0");
    assert_eq!(std::fs::read_to_string(t.path("saved.txt")).unwrap(), text);
}

#[test]
fn a_read_only_folder_at_save_is_explained() {
    if !can_mount("a_read_only_folder_at_save_is_explained") {
        return;
    }
    let t = Tmux::new();
    std::fs::create_dir(t.path("ro")).unwrap();
    t.shell("w", 220, 32);
    t.line(
        "w",
        &format!(
            "unshare -m sh -c 'mount -t tmpfs -o ro tmpfs ro && exec {} edit {NAME} -o ro/out.txt'; echo exit=$?",
            mtpe()
        ),
    );
    t.wait_for("w", "seg 1/");
    t.keys("w", &["n", "a", "C-s"]);
    t.wait_for("w", "cannot save ro/out.txt: the file system is read-only");
    // Quitting asks; "y" fails to save again and stays; "n" discards.
    t.keys("w", &["q"]);
    t.wait_for("w", "Save before quitting?");
    t.keys("w", &["y"]);
    t.wait_for("w", "cannot save ro/out.txt");
    t.keys("w", &["q", "n"]);
    t.wait_for("w", "exit=0");
    t.assert_terminal_restored("w", "ro");
}

/// `A` on a tautology found three times: the editor says how many, `y` fixes all three,
/// one `u` brings all three back, and a save writes the text as it then is.
#[test]
fn fix_everywhere_and_one_undo() {
    if !util::tools("fix_everywhere_and_one_undo", &["tmux"]) {
        return;
    }
    let t = Tmux::new();
    let text = "A clear and clear sky.\n\nA clear and clear day, a clear and clear night.\n";
    std::fs::write(t.path("rep.txt"), text).unwrap();
    t.shell("w", 120, 32);
    t.line("w", &format!("{} edit rep.txt; echo exit=$?", mtpe()));
    t.wait_for("w", "seg 1/");
    t.keys("w", &["A"]);
    t.wait_for("w", "all 3 open issues of repetition.tautology");
    t.keys("w", &["y"]);
    t.wait_for("w", "at 3 places in 2 segments; u undoes them all");
    let screen = t.screen("w");
    assert!(
        screen.contains("2* A clear day, a clear night."),
        "{screen}"
    );
    t.keys("w", &["u"]);
    t.wait_for(
        "w",
        "Undid the suggestion for repetition.tautology at 3 places",
    );
    t.wait_for("w", "2  A clear and clear day, a clear and clear night.");
    t.keys("w", &["C-r"]);
    t.wait_for("w", "Redid the suggestion");
    t.keys("w", &["C-s"]);
    t.wait_for("w", "Saved rep.edited.txt");
    t.keys("w", &["q"]);
    t.wait_for("w", "exit=0");
    assert_eq!(
        std::fs::read_to_string(t.path("rep.edited.txt")).unwrap(),
        "A clear sky.\n\nA clear day, a clear night.\n"
    );
}

/// Whether the tests run as root (who may write into a read-only folder).
fn running_as_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// A save into a read-only folder fails and says `W` saves elsewhere; quitting then says
/// the save failed and where the changes are, `w` asks for a path, and the save there
/// ends the editor with the text and its diff written. The folder is made read-only with
/// a read-only tmpfs when running as root (who ignores permissions), else with chmod.
#[test]
fn save_as_after_a_failed_save() {
    let test = "save_as_after_a_failed_save";
    if !util::tools(test, &["tmux"]) {
        return;
    }
    let root = running_as_root();
    if root && !can_mount(test) {
        return;
    }
    let (check, _, text) = expected(None);
    let t = Tmux::new();
    std::fs::create_dir(t.path("ro")).unwrap();
    t.shell("w", 220, 32);
    let edit = format!("{} edit {NAME} -o ro/out.txt", mtpe());
    if root {
        t.line(
            "w",
            &format!(
                "unshare -m sh -c 'mount -t tmpfs -o ro tmpfs ro && exec {edit}'; echo exit=$?"
            ),
        );
    } else {
        use std::os::unix::fs::PermissionsExt;
        let ro = std::fs::Permissions::from_mode(0o555);
        std::fs::set_permissions(t.path("ro"), ro).unwrap();
        t.line("w", &format!("{edit}; echo exit=$?"));
    }
    t.wait_for("w", "seg 1/");
    t.keys("w", &["n"]);
    t.wait_for("w", &check);
    t.keys("w", &["a"]);
    t.wait_for("w", &format!("({check})"));
    t.keys("w", &["C-s"]);
    t.wait_for("w", "cannot save ro/out.txt");
    t.wait_for("w", "W saves elsewhere");
    t.keys("w", &["q"]);
    let screen = t.wait_for("w", "The last save failed");
    assert!(screen.contains("journal.sqlite"), "{screen}");
    t.keys("w", &["w"]);
    t.wait_for("w", "Save as");
    t.keys("w", &["C-u"]);
    t.tmux(&["send-keys", "-t", "w", "-l", "elsewhere.txt"]);
    t.keys("w", &["Enter"]);
    t.wait_for("w", "mtpe: Saved elsewhere.txt");
    t.wait_for("w", "exit=0");
    assert_eq!(
        std::fs::read_to_string(t.path("elsewhere.txt")).unwrap(),
        text
    );
    assert!(t.path("elsewhere.txt.diff").exists());
    if !root {
        use std::os::unix::fs::PermissionsExt;
        let rw = std::fs::Permissions::from_mode(0o755);
        std::fs::set_permissions(t.path("ro"), rw).unwrap();
    }
    t.assert_terminal_restored("w", "saveas");
}

#[test]
fn xliff_edit_confirm_save_and_reopen() {
    if !util::tools("xliff_edit_confirm_save_and_reopen", &["tmux"]) {
        return;
    }
    let t = Tmux::new();
    std::fs::copy("fixtures/bilingual/news.xlf", t.path("news.xlf")).expect("test setup");
    t.shell("x", 100, 30);
    t.line("x", &format!("{} edit news.xlf; echo exit=$?", mtpe()));
    t.wait_for("x", "unit 1/12");
    // Unit 3: rewrite the target, then confirm unit 4 as it is.
    t.keys("x", &["j", "j", "e", "C-a", "C-k"]);
    t.tmux(&[
        "send-keys",
        "-t",
        "x",
        "-l",
        "The report shows 205 million new 5G users.",
    ]);
    t.keys("x", &["Escape"]);
    t.wait_for("x", "edited 1");
    t.keys("x", &["j", "c"]);
    t.wait_for("x", "Unit 4 confirmed");
    t.keys("x", &["C-s"]);
    t.wait_for("x", "Saved ");
    t.keys("x", &["q"]);
    t.wait_for("x", "exit=0");
    t.assert_terminal_restored("x", "xliff");

    let original = std::fs::read_to_string("fixtures/bilingual/news.xlf").unwrap();
    assert_eq!(
        std::fs::read_to_string(t.path("news.xlf")).unwrap(),
        original
    );
    let saved = std::fs::read_to_string(t.path("news.edited.xlf")).unwrap();
    let opts = mtpe::document::units::OpenOptions::default();
    let before = mtpe::document::units::BilingualFile::from_bytes(
        "a.xlf",
        original.clone().into_bytes(),
        &opts,
    )
    .unwrap();
    let after = mtpe::document::units::BilingualFile::from_bytes(
        "b.xlf",
        saved.clone().into_bytes(),
        &opts,
    )
    .unwrap();
    assert_eq!(
        after.units()[2].target.text,
        "The report shows 205 million new 5G users."
    );
    assert_eq!(
        after.units()[2].state.stage,
        mtpe::document::units::Stage::Translated
    );
    assert!(!after.units()[3].state.fuzzy, "unit 4 confirmed");
    assert_eq!(after.units()[3].target.text, before.units()[3].target.text);
    // Only lines of the two units changed.
    let changed = original
        .lines()
        .zip(saved.lines())
        .filter(|(a, b)| a != b)
        .count();
    assert_eq!(changed, 2, "{saved}");
    assert_eq!(original.lines().count(), saved.lines().count());

    // Reopened, the saved file shows the edit and the states.
    t.line(
        "x",
        &format!("{} edit news.edited.xlf -o again.xlf; echo exit=$?", mtpe()),
    );
    t.wait_for("x", "unit 1/12");
    t.keys("x", &["j", "j"]);
    let screen = t.wait_for("x", "unit 3/12 translated");
    assert!(screen.contains("205 million new 5G users"), "{screen}");
    t.keys("x", &["q"]);
    t.wait_for_n("x", "exit=0", 2);
}
