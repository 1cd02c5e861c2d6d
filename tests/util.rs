//! What the integration tests share: the hermetic `mtpe` command and the checks for tools a
//! machine may lack.
//!
//! The integration tests are one binary (`tests/tests.rs`, as ripgrep has it): one link
//! instead of one per file. To add tests, write `tests/NAME.rs` (its own `//!`, `use
//! crate::util;` for the helpers) and add `mod NAME;` to `tests/tests.rs`; a test there
//! fails if a `tests/*.rs` file is not one of its modules. Its insta snapshots are named
//! `tests__NAME__SNAPSHOT.snap`.

use std::ffi::OsStr;
use std::io::Write as _;
use std::ops::{Deref, DerefMut};
use std::path::Path;
use std::process::Command;

/// The `mtpe` binary under test.
pub const MTPE: &str = env!("CARGO_BIN_EXE_mtpe");

/// Makes `cmd` hermetic: every `MTPE_*` variable and `NO_COLOR` removed, `HOME` and the
/// XDG folders (where the default glossary, the journal and the revision store live)
/// inside `home`, so that no test reads or writes the developer's own.
pub fn hermetic(cmd: &mut Command, home: &Path) {
    for (name, _) in std::env::vars_os() {
        if name.to_string_lossy().starts_with("MTPE_") {
            cmd.env_remove(&name);
        }
    }
    cmd.env_remove("NO_COLOR")
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_CACHE_HOME", home.join("cache"));
}

/// An `mtpe` command (see [`hermetic`]), with the private home it needs kept alive.
pub struct TestCommand {
    cmd: assert_cmd::Command,
    _home: Option<tempfile::TempDir>,
}

impl Deref for TestCommand {
    type Target = assert_cmd::Command;
    fn deref(&self) -> &Self::Target {
        &self.cmd
    }
}

impl DerefMut for TestCommand {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.cmd
    }
}

/// `mtpe` with a private home of its own, removed when the command is dropped.
pub fn mtpe() -> TestCommand {
    let home = tempfile::tempdir().expect("a temporary home");
    let mut cmd = mtpe_in(home.path());
    cmd._home = Some(home);
    cmd
}

/// `mtpe` with its home in `home` (for tests that look at what it writes there: the
/// default glossary in `home/data/mtpe/`, the journal in `home/state/mtpe/`).
pub fn mtpe_in(home: &Path) -> TestCommand {
    let mut std = Command::new(MTPE);
    hermetic(&mut std, home);
    TestCommand {
        cmd: assert_cmd::Command::from_std(std),
        _home: None,
    }
}

/// Whether `tool` runs here (`tool --version`, `tmux -V`, succeeds).
pub fn have(tool: &str) -> bool {
    let flag = if tool == "tmux" { "-V" } else { "--version" };
    Command::new(tool)
        .arg(OsStr::new(flag))
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Whether the test may go on: true when `ready`; otherwise prints why it is skipped
/// (on the terminal, past the test harness's capture). `.ci/run` installs every tool the
/// tests use, so in CI (`CI` set) a missing tool fails the test instead, unless
/// `can_install` is false (root mounts: nothing to install).
pub fn available(ready: bool, test: &str, needs: &str, can_install: bool) -> bool {
    if ready {
        return true;
    }
    let in_ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "false");
    assert!(
        !(in_ci && can_install),
        "{test} needs {needs}, which .ci/run installs"
    );
    let _ = writeln!(std::io::stderr(), "skipped {test}: it needs {needs}");
    false
}

/// Whether the tools are here, else a printed reason (see [`available`]).
pub fn tools(test: &str, tools: &[&str]) -> bool {
    let missing: Vec<&str> = tools.iter().copied().filter(|t| !have(t)).collect();
    available(missing.is_empty(), test, &missing.join(" and "), true)
}
