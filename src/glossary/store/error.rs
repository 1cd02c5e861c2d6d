//! What can go wrong with a glossary, in messages that name the file and say what to do.

use std::path::PathBuf;

use super::schema::SCHEMA_VERSION;
use crate::glossary::import::ImportError;
use crate::glossary::model::InvalidEntry;
use crate::sqlite;

/// What can go wrong with a glossary.
#[derive(Debug, thiserror::Error)]
pub enum GlossaryError {
    #[error(
        "{}: no glossary there; create one with `mtpe glossary init {}` (add --empty for one without the shipped terms)",
        .0.display(), .0.display()
    )]
    NotFound(PathBuf),
    #[error("{}: already exists", .0.display())]
    AlreadyExists(PathBuf),
    #[error(
        "{}: not an mtpe glossary (an SQLite database of another program); mtpe has not written to it",
        .0.display()
    )]
    NotAGlossary(PathBuf),
    #[error(
        "{}: not a glossary database; to use a TSV, CSV or TBX glossary, import it into one: `mtpe glossary init --empty G.sqlite` then `mtpe glossary import {} --glossary G.sqlite`",
        .0.display(), .0.display()
    )]
    NotADatabase(PathBuf),
    #[error(
        "{}: glossary format version {found} is newer than this mtpe understands ({SCHEMA_VERSION}); update mtpe",
        .path.display()
    )]
    TooNew { path: PathBuf, found: i64 },
    #[error("{}: {}", .path.display(), describe(.source))]
    Sqlite {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
    #[error("no entry with id {0}")]
    NoSuchEntry(i64),
    #[error(
        "{}: the glossary's matcher snapshot is damaged (shard {shard}); `mtpe glossary init` a new glossary and import an export of this one",
        .path.display()
    )]
    DamagedSnapshot { path: PathBuf, shard: i64 },
    #[error(
        "{}: the glossary is read-only here (file or folder not writable); it can be used for checking but not changed: copy it somewhere writable to change it",
        .0.display()
    )]
    ReadOnly(PathBuf),
    #[error(
        "{}: the glossary is read-only here and was written by an older mtpe, whose format this one must upgrade first: open it once with write access, or check against a writable copy",
        .0.display()
    )]
    ReadOnlyOutdated(PathBuf),
    #[error("duplicates entry {id} ({label}); use `mtpe glossary edit {id}` to change it")]
    Duplicate { id: i64, label: String },
    #[error(transparent)]
    Invalid(#[from] InvalidEntry),
    /// A file being imported turned out to be malformed.
    #[error(transparent)]
    Import(#[from] ImportError),
    /// The file could not be opened for another reason (its folder cannot be created).
    #[error(transparent)]
    Open(sqlite::Error),
}

impl From<sqlite::Error> for GlossaryError {
    fn from(e: sqlite::Error) -> Self {
        match e {
            sqlite::Error::NotFound(path) => GlossaryError::NotFound(path),
            sqlite::Error::AlreadyExists(path) => GlossaryError::AlreadyExists(path),
            sqlite::Error::Foreign(path) => GlossaryError::NotAGlossary(path),
            sqlite::Error::NotADatabase { path, .. } => GlossaryError::NotADatabase(path),
            sqlite::Error::TooNew { path, found, .. } => GlossaryError::TooNew { path, found },
            sqlite::Error::ReadOnlyOutdated(path) => GlossaryError::ReadOnlyOutdated(path),
            sqlite::Error::Sqlite { path, source } => GlossaryError::Sqlite { path, source },
            other @ (sqlite::Error::CreateDir { .. }
            | sqlite::Error::NoWal { .. }
            | sqlite::Error::OtherKind { .. }
            | sqlite::Error::Damaged { .. }) => GlossaryError::Open(other),
        }
    }
}

/// An SQLite error met while using the glossary: damage named as such, with
/// what to do; anything else in SQLite's words.
fn describe(e: &rusqlite::Error) -> String {
    if sqlite::is_damage(e) {
        format!(
            "the glossary is damaged (SQLite: {e}); mtpe has not written to it: {}",
            sqlite::Kind::Glossary.if_damaged()
        )
    } else {
        e.to_string()
    }
}
