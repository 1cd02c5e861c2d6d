//! Where mtpe keeps its own data: the one place that reads the XDG base directories.
//!
//! - the state folder, `$XDG_STATE_HOME/mtpe` (`~/.local/state/mtpe`): the edit journal;
//! - the data folder, `$XDG_DATA_HOME/mtpe` (`~/.local/share/mtpe`): the revision store,
//!   the default glossary and the user's dictionary.
//!
//! Each store may be put elsewhere (`MTPE_JOURNAL`, `MTPE_STORE`, `MTPE_GLOSSARY`, `MTPE_DICTIONARY`, or a
//! command's option); those variables are read where the store is opened. These two
//! folders are mtpe's own: created 0700, and tightened to it whenever mtpe writes in them
//! ([`is_own_folder`]).

use std::path::{Path, PathBuf};

/// The journal's file name in the state folder.
pub const JOURNAL_FILE: &str = "journal.sqlite";
/// The revision store's file name in the data folder.
pub const STORE_FILE: &str = "history.sqlite3";
/// The default glossary's file name in the data folder.
pub const GLOSSARY_FILE: &str = "glossary.sqlite";
/// The user's dictionary's file name in the data folder (beside the glossary).
pub const DICTIONARY_FILE: &str = "dictionary.sqlite";

fn base() -> Option<impl etcetera::BaseStrategy> {
    etcetera::choose_base_strategy().ok()
}

/// mtpe's state folder: `$XDG_STATE_HOME/mtpe` (by default `~/.local/state/mtpe`; the data
/// folder on a platform without a state folder). `None` without a home folder.
pub fn state_dir() -> Option<PathBuf> {
    use etcetera::BaseStrategy as _;
    let base = base()?;
    let dir = base.state_dir().unwrap_or_else(|| base.data_dir());
    Some(dir.join("mtpe"))
}

/// mtpe's data folder: `$XDG_DATA_HOME/mtpe` (by default `~/.local/share/mtpe`).
pub fn data_dir() -> Option<PathBuf> {
    use etcetera::BaseStrategy as _;
    Some(base()?.data_dir().join("mtpe"))
}

/// Whether `dir` is one of mtpe's own folders (the state or the data folder), whose
/// permissions mtpe keeps private.
pub fn is_own_folder(dir: &Path) -> bool {
    let same = |own: Option<PathBuf>| {
        own.is_some_and(|own| {
            own == dir
                || std::fs::canonicalize(&own)
                    .ok()
                    .zip(std::fs::canonicalize(dir).ok())
                    .is_some_and(|(a, b)| a == b)
        })
    };
    same(state_dir()) || same(data_dir())
}

/// The folder a file is in (`.` for a bare name).
pub fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// The files SQLite keeps beside a database: its write-ahead log and its shared-memory
/// index (`PATH-wal`, `PATH-shm`), and the rollback journal of a database not in WAL mode.
pub fn companions(db: &Path) -> [PathBuf; 3] {
    ["-wal", "-shm", "-journal"].map(|suffix| {
        let mut name = db.as_os_str().to_os_string();
        name.push(suffix);
        PathBuf::from(name)
    })
}
