//! The SQLite term store, one file per concern:
//! - [`schema`]: the tables, their migrations and the settings of every connection;
//! - [`entries`]: entries in and out (add, merge, update, remove, get, list, search, stats);
//! - [`bulk`]: bulk import in one transaction, merging into existing entries;
//! - [`select`]: selecting the entries a document can contain, for the checks;
//! - [`check`]: SQLite's integrity check and the derived data against the entries;
//! - [`error`]: what can go wrong, in the user's words.
//!
//! Concurrency: WAL mode (an editor reading while a maintainer imports), a busy timeout,
//! and every write in one `BEGIN IMMEDIATE` transaction, so two writers queue instead of
//! failing with "database is locked".

mod bulk;
mod check;
mod entries;
mod error;
mod schema;
mod select;
#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rusqlite::{Connection, Transaction, TransactionBehavior};

use crate::glossary::snapshot::Snapshot;
use crate::sqlite::{self, Mode};

pub use bulk::{ImportProgress, ImportSummary, PreparedEntry};
pub use check::CheckReport;
pub use entries::{MergeOutcome, Stats, label};
pub use error::GlossaryError;
use schema::GlossarySchema;
pub use schema::SCHEMA_VERSION;
use select::StoreState;

/// Where a fresh glossary gets its first entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fill {
    /// Empty.
    Empty,
    /// The glossary shipped with mtpe (zh→en cyberspace terms).
    Shipped,
}

/// An open glossary.
pub struct Glossary {
    conn: Connection,
    path: PathBuf,
    /// The whole snapshot as last read, and the state of the store it was read in.
    snapshot: Mutex<Option<(StoreState, Arc<Snapshot>)>>,
    /// Write transactions committed through this connection.
    writes: u64,
    /// Opened read-only (the file or its folder cannot be written): checks work, changes
    /// are refused with [`GlossaryError::ReadOnly`].
    read_only: bool,
}

impl Glossary {
    /// Opens an existing glossary; one that cannot be written here is opened read-only.
    pub fn open(path: &Path) -> Result<Self, GlossaryError> {
        Self::open_as(path, Mode::Existing, Fill::Empty)
    }

    /// Creates a new glossary; refuses to touch an existing file.
    pub fn create(path: &Path, fill: Fill) -> Result<Self, GlossaryError> {
        Self::open_as(path, Mode::New, fill)
    }

    /// Opens the glossary at `path`, creating it (and its directory) with `fill` if it
    /// does not exist: the default glossary's first use.
    pub fn open_or_create(path: &Path, fill: Fill) -> Result<Self, GlossaryError> {
        Self::open_as(path, Mode::Create, fill)
    }

    /// An in-memory glossary (tests, dry runs).
    pub fn in_memory(fill: Fill) -> Result<Self, GlossaryError> {
        let conn = sqlite::open_in_memory(&GlossarySchema { fill })?;
        Ok(Glossary::with_connection(
            conn,
            PathBuf::from(":memory:"),
            false,
        ))
    }

    fn open_as(path: &Path, mode: Mode, fill: Fill) -> Result<Self, GlossaryError> {
        let opened = sqlite::open(path, mode, &GlossarySchema { fill })?;
        Ok(Glossary::with_connection(
            opened.conn,
            path.to_path_buf(),
            opened.read_only,
        ))
    }

    /// Opens an existing glossary for reading only, as a glossary on a read-only mount or
    /// without write permission must be (see [`sqlite::open_read_only`]).
    pub fn open_read_only(path: &Path) -> Result<Self, GlossaryError> {
        let conn = sqlite::open_read_only(path, &GlossarySchema { fill: Fill::Empty })?;
        Ok(Glossary::with_connection(conn, path.to_path_buf(), true))
    }

    /// Opens an existing glossary for reading only, leaving no file beside it (see
    /// [`sqlite::open_to_inspect`]): what `mtpe doctor` reads it with.
    pub fn open_to_inspect(path: &Path) -> Result<Self, GlossaryError> {
        let conn = sqlite::open_to_inspect(path, &GlossarySchema { fill: Fill::Empty })?;
        Ok(Glossary::with_connection(conn, path.to_path_buf(), true))
    }

    fn with_connection(conn: Connection, path: PathBuf, read_only: bool) -> Self {
        Glossary {
            conn,
            path,
            snapshot: Mutex::new(None),
            writes: 0,
            read_only,
        }
    }

    /// Whether the glossary was opened read-only.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Refuses a change to a read-only glossary.
    fn writable(&self) -> Result<(), GlossaryError> {
        if self.read_only {
            return Err(GlossaryError::ReadOnly(self.path.clone()));
        }
        Ok(())
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The connection, for tests that look at the stored tables.
    #[cfg(test)]
    pub(crate) fn connection(&self) -> &Connection {
        &self.conn
    }

    /// Runs `work` in one immediate write transaction (another writer queues behind it),
    /// committed if `work` succeeds; `work` turns SQLite's errors into the glossary's with
    /// `sql`. Refuses a read-only glossary.
    fn write<T>(
        &mut self,
        work: impl FnOnce(
            &Transaction<'_>,
            &dyn Fn(rusqlite::Error) -> GlossaryError,
        ) -> Result<T, GlossaryError>,
    ) -> Result<T, GlossaryError> {
        self.writable()?;
        let path = self.path.clone();
        let sql = move |source| GlossaryError::Sqlite {
            path: path.clone(),
            source,
        };
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(&sql)?;
        let out = work(&tx, &sql)?;
        tx.commit().map_err(&sql)?;
        self.writes += 1;
        Ok(out)
    }

    fn sql(&self, source: rusqlite::Error) -> GlossaryError {
        GlossaryError::Sqlite {
            path: self.path.clone(),
            source,
        }
    }
}
