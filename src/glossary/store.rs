//! The SQLite term store: schema and migrations, entries in and out, search, statistics,
//! and the selection of the entries a document can contain.
//!
//! Concurrency: WAL mode (an editor reading while a maintainer imports), a busy timeout,
//! and every write in one `BEGIN IMMEDIATE` transaction, so two writers queue instead of
//! failing with "database is locked".

use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rusqlite::{
    Connection, OpenFlags, OptionalExtension, Transaction, TransactionBehavior, params,
};

use super::import::ImportError;
use super::model::{Entry, EntryData, InvalidEntry, Term, lang_matches};
use super::snapshot::{self, Changes, SNAPSHOT_VERSION, Snapshot, SnapshotError, WordKey};
use crate::check::terminology::normalize::{KEY_VERSION, lower, term_key};
use crate::check::terminology::{
    DocumentWords, IndexedEntry, TermIndex, TermStatus, Vocabulary, WordHasher, word_hash,
};

/// Schema version written to `PRAGMA user_version`.
///
/// 1: entries, terms (with their keys) and the term-word index; 2: the term-word index
/// gives way to the matcher snapshot (`snapshot` table, [`snapshot`]).
pub const SCHEMA_VERSION: i64 = 3;

/// Documents with at most this many bytes of prose read the snapshot's pair filter first,
/// then only the shards where it says a term can start, when that is a small part of the
/// snapshot.
const SELECTIVE_MAX_BYTES: usize = 256 * 1024;

/// How long a writer waits for another writer before giving up.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(60);

/// The tables of a new glossary (the matcher snapshot's are in `snapshot::SCHEMA`).
const SCHEMA: &str = "
CREATE TABLE entry (
    id          INTEGER PRIMARY KEY,
    source_lang TEXT NOT NULL DEFAULT '',
    target_lang TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    domain      TEXT NOT NULL DEFAULT '',
    created     TEXT NOT NULL,
    updated     TEXT NOT NULL
);
-- kind: 0 source term, 1 preferred, 2 admitted, 3 deprecated target term.
-- key: normalised text of preferred terms (duplicates, merges).
CREATE TABLE term (
    entry_id       INTEGER NOT NULL REFERENCES entry(id) ON DELETE CASCADE,
    pos            INTEGER NOT NULL,
    kind           INTEGER NOT NULL CHECK (kind BETWEEN 0 AND 3),
    text           TEXT NOT NULL,
    key            TEXT,
    case_sensitive INTEGER NOT NULL DEFAULT 0,
    reason         TEXT,
    PRIMARY KEY (entry_id, pos)
) WITHOUT ROWID;
CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
";

const INDEXES: &str = "
CREATE INDEX IF NOT EXISTS term_key ON term(key) WHERE kind = 1;
";

/// Settings of every connection to a glossary: wait for another writer, query plans that
/// do not depend on bound values, and the `rarray` table function. Without stable plans,
/// SQLite prepared the import's duplicate lookup and entry load again every time their
/// parameter was bound (counted with `sqlite3_stmt_status`), and an import merging into
/// a full glossary spent most of its time parsing SQL.
fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
        true,
    )?;
    rusqlite::vtab::array::load_module(conn)
}

/// The current time as the store writes it (UTC, `YYYY-MM-DDTHH:MM:SSZ`), read once per
/// transaction.
fn now(conn: &Connection) -> rusqlite::Result<String> {
    conn.query_row("SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now')", [], |r| {
        r.get(0)
    })
}

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
    #[error("{}: not an mtpe glossary (an SQLite database with other tables)", .0.display())]
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
    #[error("{}: {source}", .path.display())]
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
}

/// Where a fresh glossary gets its first entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fill {
    /// Empty.
    Empty,
    /// The glossary shipped with mtpe (zh→en cyberspace terms).
    Shipped,
}

/// Counts for `mtpe glossary stats`.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Stats {
    pub entries: i64,
    pub source_terms: i64,
    pub preferred_terms: i64,
    pub admitted_terms: i64,
    pub deprecated_terms: i64,
    /// (source language, target language, entries), most entries first.
    pub language_pairs: Vec<(String, String, i64)>,
    /// (domain, entries); "" for entries without a domain.
    pub domains: Vec<(String, i64)>,
}

/// How far an import has gone, for a progress display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportProgress {
    /// This many entries read and written (reported every few thousand).
    Entries(u64),
    /// All entries written; the matcher snapshot and the index are being written and the
    /// transaction committed (a few seconds for a million entries).
    Finishing,
}

/// What an import changed (or would change, for a dry run).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct ImportSummary {
    pub added: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub skipped: u64,
}

/// What [`Glossary::merge`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MergeOutcome {
    Added,
    Updated,
    Unchanged,
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

/// What a cached snapshot was read from: the connection's `data_version` (which changes
/// when another connection commits) and this connection's own commits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct StoreState {
    data_version: i64,
    writes: u64,
}

/// Whether an SQLite error says the database cannot be written here (a read-only file or
/// folder, or a WAL index that cannot be created beside it).
fn is_read_only_failure(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::ReadOnly | rusqlite::ErrorCode::CannotOpen)
    )
}

/// The `file:` URI that opens `path` as an immutable database (bytes other than unreserved
/// characters and `/` percent-encoded, so that `?`, `#` and `%` in a name stay the name's).
fn immutable_uri(path: &Path) -> String {
    use std::os::unix::ffi::OsStrExt;
    let mut uri = String::from("file:");
    for &b in path.as_os_str().as_bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            uri.push(char::from(b));
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri.push_str("?immutable=1");
    uri
}

/// The entry `id` at the end of `out` (rows come grouped by entry), added if it is not.
fn last_entry(out: &mut Vec<IndexedEntry>, id: i64) -> &mut IndexedEntry {
    if out.last().is_none_or(|e| e.id != id) {
        out.push(IndexedEntry {
            id,
            sources: Vec::new(),
            terms: Vec::new(),
        });
    }
    let last = out.len() - 1;
    &mut out[last]
}

fn kind_of(status: TermStatus) -> i64 {
    match status {
        TermStatus::Preferred => 1,
        TermStatus::Admitted => 2,
        TermStatus::Deprecated => 3,
    }
}

fn status_of(kind: i64) -> TermStatus {
    match kind {
        1 => TermStatus::Preferred,
        2 => TermStatus::Admitted,
        _ => TermStatus::Deprecated,
    }
}

impl Glossary {
    /// Opens an existing glossary.
    pub fn open(path: &Path) -> Result<Self, GlossaryError> {
        if !path.exists() {
            return Err(GlossaryError::NotFound(path.to_path_buf()));
        }
        Self::open_inner(path, None)
    }

    /// Creates a new glossary; refuses to touch an existing file.
    pub fn create(path: &Path, fill: Fill) -> Result<Self, GlossaryError> {
        if path.exists() {
            return Err(GlossaryError::AlreadyExists(path.to_path_buf()));
        }
        Self::open_inner(path, Some(fill))
    }

    /// Opens the glossary at `path`, creating it (and its directory) with `fill` if it
    /// does not exist: the default glossary's first use.
    pub fn open_or_create(path: &Path, fill: Fill) -> Result<Self, GlossaryError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| GlossaryError::Sqlite {
                path: path.to_path_buf(),
                source: rusqlite::Error::ToSqlConversionFailure(Box::new(e)),
            })?;
        }
        Self::open_inner(path, Some(fill))
    }

    /// An in-memory glossary (tests, dry runs).
    pub fn in_memory(fill: Fill) -> Result<Self, GlossaryError> {
        let path = PathBuf::from(":memory:");
        let conn = Connection::open_in_memory().map_err(|source| GlossaryError::Sqlite {
            path: path.clone(),
            source,
        })?;
        let mut g = Glossary::with_connection(conn, path);
        g.setup(Some(fill), false)?;
        Ok(g)
    }

    fn open_inner(path: &Path, create: Option<Fill>) -> Result<Self, GlossaryError> {
        let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        if create.is_some() {
            flags |= OpenFlags::SQLITE_OPEN_CREATE;
        }
        let conn =
            Connection::open_with_flags(path, flags).map_err(|source| GlossaryError::Sqlite {
                path: path.to_path_buf(),
                source,
            })?;
        let mut g = Glossary::with_connection(conn, path.to_path_buf());
        match g.setup(create, true) {
            Err(GlossaryError::Sqlite { source, .. })
                if create.is_none() && is_read_only_failure(&source) =>
            {
                drop(g);
                Self::open_read_only(path)
            }
            Err(GlossaryError::Sqlite { source, .. })
                if source.sqlite_error_code() == Some(rusqlite::ErrorCode::NotADatabase) =>
            {
                Err(GlossaryError::NotADatabase(path.to_path_buf()))
            }
            Err(e) => Err(e),
            Ok(()) => Ok(g),
        }
    }

    /// Opens an existing glossary for reading only, as a glossary on a read-only mount or
    /// without write permission must be: SQLite cannot create the WAL index beside it, so
    /// such a file is opened as immutable (nothing else can be writing to it either).
    pub fn open_read_only(path: &Path) -> Result<Self, GlossaryError> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let sql = |source| GlossaryError::Sqlite {
            path: path.to_path_buf(),
            source,
        };
        let plain = Connection::open_with_flags(path, flags).map_err(sql)?;
        let conn = match plain.pragma_query_value(None, "user_version", |r| r.get::<_, i64>(0)) {
            Ok(_) => plain,
            Err(e) if is_read_only_failure(&e) => {
                drop(plain);
                Connection::open_with_flags(immutable_uri(path), flags | OpenFlags::SQLITE_OPEN_URI)
                    .map_err(sql)?
            }
            Err(e) => return Err(sql(e)),
        };
        let mut g = Glossary::with_connection(conn, path.to_path_buf());
        g.read_only = true;
        configure(&g.conn).map_err(|e| g.sql(e))?;
        let version: i64 = g
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(|e| g.sql(e))?;
        if version > SCHEMA_VERSION {
            return Err(GlossaryError::TooNew {
                path: path.to_path_buf(),
                found: version,
            });
        }
        if version == 0 {
            return Err(GlossaryError::NotAGlossary(path.to_path_buf()));
        }
        if !g.is_current().map_err(|e| g.sql(e))? {
            return Err(GlossaryError::ReadOnlyOutdated(path.to_path_buf()));
        }
        Ok(g)
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

    fn with_connection(conn: Connection, path: PathBuf) -> Self {
        Glossary {
            conn,
            path,
            snapshot: Mutex::new(None),
            writes: 0,
            read_only: false,
        }
    }

    /// The connection, for tests that look at the stored tables.
    #[cfg(test)]
    pub(crate) fn connection(&self) -> &Connection {
        &self.conn
    }

    fn sql(&self, source: rusqlite::Error) -> GlossaryError {
        GlossaryError::Sqlite {
            path: self.path.clone(),
            source,
        }
    }

    /// Connection settings, then migrations (and the first fill of a new glossary) in one
    /// immediate transaction, so that two processes creating it at once fill it once.
    fn setup(&mut self, create: Option<Fill>, wal: bool) -> Result<(), GlossaryError> {
        configure(&self.conn).map_err(|e| self.sql(e))?;
        self.conn
            .pragma_update(None, "foreign_keys", true)
            .map_err(|e| self.sql(e))?;
        if wal {
            self.conn
                .pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get::<_, String>(0))
                .map_err(|e| self.sql(e))?;
            self.conn
                .pragma_update(None, "synchronous", "NORMAL")
                .map_err(|e| self.sql(e))?;
        }
        // The usual case, an up-to-date glossary, needs no write lock: a `check` never waits
        // for a maintainer's import.
        if self.is_current().map_err(|e| self.sql(e))? {
            return Ok(());
        }
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|source| GlossaryError::Sqlite {
                path: path.clone(),
                source,
            })?;
        let sql = |source| GlossaryError::Sqlite {
            path: path.clone(),
            source,
        };
        let version: i64 = tx
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(sql)?;
        if version > SCHEMA_VERSION {
            return Err(GlossaryError::TooNew {
                path: path.clone(),
                found: version,
            });
        }
        let mut fresh = false;
        if version == 0 {
            let tables: i64 = tx
                .query_row(
                    "SELECT count(*) FROM sqlite_master WHERE type = 'table'",
                    [],
                    |r| r.get(0),
                )
                .map_err(sql)?;
            if tables > 0 {
                return Err(GlossaryError::NotAGlossary(path.clone()));
            }
            if create.is_none() {
                return Err(GlossaryError::NotFound(path.clone()));
            }
            tx.execute_batch(SCHEMA).map_err(sql)?;
            tx.execute_batch(INDEXES).map_err(sql)?;
            tx.execute_batch(snapshot::SCHEMA).map_err(sql)?;
            set_meta(&tx, "key_version", &KEY_VERSION.to_string()).map_err(sql)?;
            set_meta(&tx, "snapshot_version", &SNAPSHOT_VERSION.to_string()).map_err(sql)?;
            tx.pragma_update(None, "user_version", SCHEMA_VERSION)
                .map_err(sql)?;
            fresh = true;
        }
        let mut rebuild_snapshot = false;
        if version == 1 {
            // 1 → 2: the matcher snapshot replaces the term-word index.
            tx.execute_batch("DROP INDEX IF EXISTS term_anchor;")
                .map_err(sql)?;
            tx.execute_batch(snapshot::SCHEMA).map_err(sql)?;
            rebuild_snapshot = true;
        }
        if version == 1 || version == 2 {
            // 2 → 3: the words the term-word index was built on go.
            tx.execute_batch(
                "ALTER TABLE term DROP COLUMN anchor;
                 ALTER TABLE term DROP COLUMN first;
                 ALTER TABLE term DROP COLUMN last;",
            )
            .map_err(sql)?;
            tx.pragma_update(None, "user_version", SCHEMA_VERSION)
                .map_err(sql)?;
        }
        // Keys computed by an older matcher are recomputed, and so is the snapshot.
        if get_meta(&tx, "key_version").map_err(sql)?.as_deref()
            != Some(KEY_VERSION.to_string().as_str())
        {
            recompute_keys(&tx).map_err(sql)?;
            rebuild_snapshot = true;
        }
        if get_meta(&tx, "snapshot_version").map_err(sql)?.as_deref()
            != Some(SNAPSHOT_VERSION.to_string().as_str())
        {
            rebuild_snapshot = true;
        }
        if rebuild_snapshot {
            snapshot::rebuild(&tx).map_err(sql)?;
            set_meta(&tx, "snapshot_version", &SNAPSHOT_VERSION.to_string()).map_err(sql)?;
        }
        if fresh && create == Some(Fill::Shipped) {
            let entries = super::shipped::entries();
            let mut state = ImportState::new(&tx, true).map_err(sql)?;
            for e in entries
                .into_iter()
                .filter_map(|e| PreparedEntry::new(e).ok())
            {
                state.import_one(&tx, e).map_err(sql)?;
            }
            state.changes.flush(&tx, true).map_err(sql)?;
        }
        tx.commit().map_err(sql)?;
        Ok(())
    }

    /// Whether the schema, the match keys and the snapshot are those of this version of
    /// mtpe.
    fn is_current(&self) -> rusqlite::Result<bool> {
        let version: i64 = self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?;
        if version != SCHEMA_VERSION {
            return Ok(false);
        }
        Ok(get_meta(&self.conn, "key_version")?.as_deref()
            == Some(KEY_VERSION.to_string().as_str())
            && get_meta(&self.conn, "snapshot_version")?.as_deref()
                == Some(SNAPSHOT_VERSION.to_string().as_str()))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Adds an entry; refuses an exact duplicate (same languages, source terms and
    /// preferred term as an existing entry), naming it.
    pub fn add(&mut self, data: EntryData) -> Result<i64, GlossaryError> {
        self.writable()?;
        let entry = PreparedEntry::new(data)?;
        let path = self.path.clone();
        let sql = |source| GlossaryError::Sqlite {
            path: path.clone(),
            source,
        };
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(sql)?;
        if let Some(same) = find_same(&tx, &entry.data, &entry.preferred_key).map_err(sql)? {
            return Err(GlossaryError::Duplicate {
                id: same.id,
                label: label(&same.data),
            });
        }
        let now = now(&tx).map_err(sql)?;
        let id = insert_entry(&tx, &entry.data, &entry.preferred_key, &now).map_err(sql)?;
        let mut changes = Changes::default();
        changes.add_paths(id, entry.paths);
        changes.flush(&tx, false).map_err(sql)?;
        tx.commit().map_err(sql)?;
        self.writes += 1;
        Ok(id)
    }

    /// Adds an entry, or merges it into the existing entry with the same languages, source
    /// terms and preferred term (new variants added, statuses updated): what the editor's
    /// "add to glossary" does, e.g. a deprecated rendering for a preferred term.
    pub fn merge(&mut self, data: EntryData) -> Result<(i64, MergeOutcome), GlossaryError> {
        self.writable()?;
        let entry = PreparedEntry::new(data)?;
        let path = self.path.clone();
        let sql = |source| GlossaryError::Sqlite {
            path: path.clone(),
            source,
        };
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(sql)?;
        let mut state = ImportState::new(&tx, false).map_err(sql)?;
        let id = state.import_one(&tx, entry).map_err(sql)?;
        let outcome = if state.summary.added > 0 {
            MergeOutcome::Added
        } else if state.summary.updated > 0 {
            MergeOutcome::Updated
        } else {
            MergeOutcome::Unchanged
        };
        state.changes.flush(&tx, false).map_err(sql)?;
        drop(state);
        tx.commit().map_err(sql)?;
        self.writes += 1;
        Ok((id, outcome))
    }

    /// The matcher for one document: the entries for `target_lang` whose terms can occur
    /// in it, with the document's terms already found (the terminology checks on the same
    /// document then reuse them).
    ///
    /// The document's words are walked through the glossary's matcher snapshot (read once
    /// and kept while the glossary is unchanged; a small document reads only the shards its
    /// words need); only the entries found there are read and indexed. Calling it again
    /// for an edited document costs that walk, the entries it finds and the matching.
    pub fn index_for_document(
        &self,
        doc: &crate::document::Document,
        target_lang: &str,
    ) -> Result<TermIndex, GlossaryError> {
        self.index_for_split_document(doc, None, target_lang)
    }

    /// [`Glossary::index_for_document`] for a document whose words were split before
    /// (`words`, which the rule checks read too): the walk reads them instead of splitting
    /// the text again. Words split from another document are not used.
    pub fn index_for_split_document(
        &self,
        doc: &crate::document::Document,
        words: Option<&Arc<DocumentWords>>,
        target_lang: &str,
    ) -> Result<TermIndex, GlossaryError> {
        // One read transaction: snapshot and entries from the same state of the glossary.
        let tx = self.conn.unchecked_transaction().map_err(|e| self.sql(e))?;
        let snap = self.snapshot_for(&tx, Some((doc, words)))?;
        let found = snapshot::scan::scan(&snap, doc, words);
        let entries = fetch_entries(&tx, &found.entries, target_lang).map_err(|e| self.sql(e))?;
        drop(tx);
        Ok(TermIndex::new(entries).with_document_terms(doc, &found.paragraphs))
    }

    /// The snapshot as the current read transaction sees it: the cached one if the store
    /// has not changed since it was read, else read now (only the shards `doc` needs, for a
    /// small document in a large glossary).
    fn snapshot_for(
        &self,
        tx: &Transaction<'_>,
        doc: Option<(&crate::document::Document, Option<&Arc<DocumentWords>>)>,
    ) -> Result<Arc<Snapshot>, GlossaryError> {
        let sql = |e| self.sql(e);
        // A first read fixes the transaction's view; data_version then tells whether
        // another connection has committed since the cached snapshot was read.
        tx.query_row("SELECT count(*) FROM meta", [], |r| r.get::<_, i64>(0))
            .map_err(sql)?;
        let state = StoreState {
            data_version: tx
                .pragma_query_value(None, "data_version", |r| r.get(0))
                .map_err(sql)?,
            writes: self.writes,
        };
        let cached = match self.snapshot.lock() {
            Ok(c) => c.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        };
        if let Some((at, snap)) = cached
            && at == state
        {
            return Ok(snap);
        }
        let damaged = |e: SnapshotError| match e {
            SnapshotError::Sqlite(e) => self.sql(e),
            SnapshotError::Damaged(shard) => GlossaryError::DamagedSnapshot {
                path: self.path.clone(),
                shard,
            },
        };
        if let Some((doc, words)) = doc {
            let prose: usize = doc
                .paragraphs()
                .iter()
                .filter(|p| p.kind.is_prose())
                .map(|p| p.span.len())
                .sum();
            if prose <= SELECTIVE_MAX_BYTES {
                // No filter: an empty snapshot, read whole below.
                if let Some(filter) = Snapshot::read_filter(tx).map_err(damaged)? {
                    let needed = snapshot::scan::shards_needed(doc, &filter, words);
                    if needed.len() * 4 < snapshot::SHARDS {
                        return Ok(Arc::new(
                            Snapshot::read_some(tx, &needed, Some(filter)).map_err(damaged)?,
                        ));
                    }
                }
            }
        }
        let snap = Arc::new(Snapshot::read_all(tx).map_err(damaged)?);
        match self.snapshot.lock() {
            Ok(mut c) => *c = Some((state, Arc::clone(&snap))),
            Err(poisoned) => *poisoned.into_inner() = Some((state, Arc::clone(&snap))),
        }
        Ok(snap)
    }

    /// Replaces the content of entry `id` (its created time is kept).
    pub fn update(&mut self, id: i64, mut data: EntryData) -> Result<(), GlossaryError> {
        self.writable()?;
        data.normalize();
        data.validate()?;
        let path = self.path.clone();
        let sql = |source| GlossaryError::Sqlite {
            path: path.clone(),
            source,
        };
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(sql)?;
        let Some(old) = load_entry(&tx, id).map_err(sql)? else {
            return Err(GlossaryError::NoSuchEntry(id));
        };
        let key = preferred_key(&data);
        if let Some(other) = find_same(&tx, &data, &key).map_err(sql)?
            && other.id != id
        {
            return Err(GlossaryError::Duplicate {
                id: other.id,
                label: label(&other.data),
            });
        }
        let now = now(&tx).map_err(sql)?;
        replace_entry(&tx, id, &data, &now).map_err(sql)?;
        let mut changes = Changes::default();
        changes.replace_entry(id, &old.data, &data);
        changes.flush(&tx, false).map_err(sql)?;
        tx.commit().map_err(sql)?;
        self.writes += 1;
        Ok(())
    }

    /// Removes entry `id`.
    pub fn remove(&mut self, id: i64) -> Result<(), GlossaryError> {
        self.writable()?;
        let path = self.path.clone();
        let sql = |source| GlossaryError::Sqlite {
            path: path.clone(),
            source,
        };
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(sql)?;
        let Some(old) = load_entry(&tx, id).map_err(sql)? else {
            return Err(GlossaryError::NoSuchEntry(id));
        };
        tx.execute("DELETE FROM entry WHERE id = ?1", [id])
            .map_err(sql)?;
        let mut changes = Changes::default();
        changes.drop_entry(id, &old.data);
        changes.flush(&tx, false).map_err(sql)?;
        tx.commit().map_err(sql)?;
        self.writes += 1;
        Ok(())
    }

    /// Entry `id`, if there is one.
    pub fn get(&self, id: i64) -> Result<Option<Entry>, GlossaryError> {
        load_entry(&self.conn, id).map_err(|e| self.sql(e))
    }

    /// Every entry, by id.
    pub fn list(&self) -> Result<Vec<Entry>, GlossaryError> {
        load_entries(&self.conn, "", &[]).map_err(|e| self.sql(e))
    }

    /// Entries with a source term, target term, note or domain containing `text`
    /// (case-insensitively), by id.
    pub fn search(&self, text: &str) -> Result<Vec<Entry>, GlossaryError> {
        let needle = text.to_lowercase();
        let ids: Vec<i64> = {
            let mut stmt = self
                .conn
                .prepare(
                    "SELECT DISTINCT entry_id FROM term WHERE instr(lower(text), ?1) > 0 OR instr(key, ?1) > 0
                     ORDER BY entry_id",
                )
                .map_err(|e| self.sql(e))?;
            stmt.query_map([&needle], |r| r.get(0))
                .map_err(|e| self.sql(e))?
                .collect::<Result<_, _>>()
                .map_err(|e| self.sql(e))?
        };
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(e) = self.get(id)? {
                out.push(e);
            }
        }
        Ok(out)
    }

    /// Counts of entries, terms by status, language pairs and domains.
    pub fn stats(&self) -> Result<Stats, GlossaryError> {
        let q = || -> rusqlite::Result<Stats> {
            let mut s = Stats {
                entries: self
                    .conn
                    .query_row("SELECT count(*) FROM entry", [], |r| r.get(0))?,
                ..Stats::default()
            };
            let mut stmt = self
                .conn
                .prepare("SELECT kind, count(*) FROM term GROUP BY kind")?;
            for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))? {
                let (kind, n) = row?;
                match kind {
                    0 => s.source_terms = n,
                    1 => s.preferred_terms = n,
                    2 => s.admitted_terms = n,
                    _ => s.deprecated_terms = n,
                }
            }
            let mut stmt = self.conn.prepare(
                "SELECT source_lang, target_lang, count(*) AS n FROM entry
                 GROUP BY source_lang, target_lang ORDER BY n DESC, source_lang, target_lang",
            )?;
            s.language_pairs = stmt
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<Result<_, _>>()?;
            let mut stmt = self.conn.prepare(
                "SELECT domain, count(*) AS n FROM entry GROUP BY domain ORDER BY n DESC, domain",
            )?;
            s.domains = stmt
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<Result<_, _>>()?;
            Ok(s)
        };
        q().map_err(|e| self.sql(e))
    }

    /// Imports entries in one transaction: an entry with the same languages, source terms
    /// and preferred term as an existing one is merged into it (new variants added,
    /// statuses, note and domain updated); others are added; entries without a preferred
    /// term or that are not valid are skipped. With `dry_run` nothing is written.
    /// `progress` hears how far it has gone.
    pub fn import(
        &mut self,
        entries: Vec<EntryData>,
        dry_run: bool,
        progress: &mut dyn FnMut(ImportProgress),
    ) -> Result<ImportSummary, GlossaryError> {
        let mut skipped = 0;
        let prepared: Vec<PreparedEntry> = entries
            .into_iter()
            .filter_map(|e| {
                let p = PreparedEntry::new(e).ok();
                skipped += u64::from(p.is_none());
                p
            })
            .collect();
        let mut summary = self.import_stream(prepared.into_iter().map(Ok), dry_run, progress)?;
        summary.skipped += skipped;
        Ok(summary)
    }

    /// [`Glossary::import`] of entries as a reader produces and prepares them: an error
    /// among them (a malformed row further on in the file) undoes the whole import and is
    /// returned.
    pub fn import_stream(
        &mut self,
        entries: impl IntoIterator<Item = Result<PreparedEntry, ImportError>>,
        dry_run: bool,
        progress: &mut dyn FnMut(ImportProgress),
    ) -> Result<ImportSummary, GlossaryError> {
        // A dry run writes too, in a transaction it rolls back.
        self.writable()?;
        // Big imports sort and insert far more keys than the default 2 MB page cache holds;
        // the cache grows only as far as it is used.
        self.conn
            .pragma_update(None, "cache_size", -262_144i64)
            .map_err(|e| self.sql(e))?;
        let result = self.import_in_transaction(entries.into_iter(), dry_run, progress);
        let reset = self.conn.pragma_update(None, "cache_size", -2000i64);
        let summary = result?;
        reset.map_err(|e| self.sql(e))?;
        Ok(summary)
    }

    fn import_in_transaction(
        &mut self,
        entries: impl Iterator<Item = Result<PreparedEntry, ImportError>>,
        dry_run: bool,
        progress: &mut dyn FnMut(ImportProgress),
    ) -> Result<ImportSummary, GlossaryError> {
        let path = self.path.clone();
        let sql = |source| GlossaryError::Sqlite {
            path: path.clone(),
            source,
        };
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(sql)?;
        let empty: bool = tx
            .query_row("SELECT NOT EXISTS (SELECT 1 FROM entry)", [], |r| r.get(0))
            .map_err(sql)?;
        // A load into an empty glossary builds its index once at the end: sorting the keys
        // is much cheaper than inserting them one by one, and the import itself needs no
        // lookups then.
        let bulk = empty && !dry_run;
        if bulk {
            tx.execute_batch("DROP INDEX IF EXISTS term_key;")
                .map_err(sql)?;
        }
        let mut state = ImportState::new(&tx, empty).map_err(sql)?;
        let mut done = 0u64;
        for entry in entries {
            // An error drops the transaction, which rolls it back.
            state.import_one(&tx, entry?).map_err(sql)?;
            done += 1;
            if done.is_multiple_of(4096) {
                progress(ImportProgress::Entries(done));
            }
        }
        progress(ImportProgress::Entries(done));
        progress(ImportProgress::Finishing);
        let summary = state.summary.clone();
        if !dry_run {
            state.changes.flush(&tx, empty).map_err(sql)?;
        }
        drop(state);
        if bulk {
            tx.execute_batch(INDEXES).map_err(sql)?;
        }
        if dry_run {
            tx.rollback().map_err(sql)?;
        } else {
            tx.commit().map_err(sql)?;
            self.writes += 1;
        }
        Ok(summary)
    }

    /// The entries for documents in `target_lang` whose terms can occur in a text with
    /// `vocabulary` (all entries for that language without one), as a matcher.
    pub fn term_index(
        &self,
        target_lang: &str,
        vocabulary: Option<&Vocabulary>,
    ) -> Result<TermIndex, GlossaryError> {
        let entries = match vocabulary {
            Some(v) => self.vocabulary_entries(target_lang, v)?,
            None => self.all_entries(target_lang).map_err(|e| self.sql(e))?,
        };
        Ok(TermIndex::new(entries))
    }

    /// The entries with a term whose words are all in `vocabulary` (its last word possibly
    /// inflected), found through the snapshot.
    fn vocabulary_entries(
        &self,
        target_lang: &str,
        vocabulary: &Vocabulary,
    ) -> Result<Vec<IndexedEntry>, GlossaryError> {
        type Set<T> = std::collections::HashSet<T, BuildHasherDefault<WordHasher>>;
        let keys = |words: &super::super::check::terminology::WordSet| -> (Set<WordKey>, Set<u32>) {
            let keys: Set<WordKey> = words
                .iter()
                .map(|w| WordKey::of(word_hash(&lower(w))))
                .collect();
            let fps = keys.iter().map(|k| k.rest()).collect();
            (keys, fps)
        };
        let (first_keys, first_fps) = keys(&vocabulary.firsts);
        let (last_keys, last_fps) = keys(&vocabulary.lasts);
        let tx = self.conn.unchecked_transaction().map_err(|e| self.sql(e))?;
        let snap = self.snapshot_for(&tx, None)?;
        let ids = snap.select(|shard, fp, last| match (shard, last) {
            (Some(shard), false) => first_keys.contains(&WordKey { shard, fp }),
            (Some(shard), true) => last_keys.contains(&WordKey { shard, fp }),
            (None, false) => first_fps.contains(&fp),
            (None, true) => last_fps.contains(&fp),
        });
        fetch_entries(&tx, &ids, target_lang).map_err(|e| self.sql(e))
    }

    /// Every entry for `target_lang`.
    fn all_entries(&self, target_lang: &str) -> rusqlite::Result<Vec<IndexedEntry>> {
        let max_id: i64 =
            self.conn
                .query_row("SELECT coalesce(max(id), 0) FROM entry", [], |r| r.get(0))?;
        // The whole glossary: a large read, split by id between this connection and a
        // second, read-only one on another thread when the glossary is a file.
        let split = (max_id > 20_000 && self.path.exists()).then_some(max_id / 2);
        let Some(mid) = split else {
            return load_range(&self.conn, target_lang, 0, i64::MAX);
        };
        std::thread::scope(|scope| {
            let path = &self.path;
            let upper = scope.spawn(move || {
                let conn = Connection::open_with_flags(
                    path,
                    OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
                )?;
                configure(&conn)?;
                load_range(&conn, target_lang, mid, i64::MAX)
            });
            let mut lower = load_range(&self.conn, target_lang, 0, mid)?;
            let upper = match upper.join() {
                Ok(r) => r?,
                Err(panic) => std::panic::resume_unwind(panic),
            };
            lower.extend(upper);
            Ok(lower)
        })
    }
}

/// The entries `ids` (ascending) whose target language fits, with their terms.
fn fetch_entries(
    conn: &Connection,
    ids: &[i64],
    target_lang: &str,
) -> rusqlite::Result<Vec<IndexedEntry>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let values: Vec<rusqlite::types::Value> = ids
        .iter()
        .map(|&id| rusqlite::types::Value::Integer(id))
        .collect();
    let mut stmt = conn.prepare_cached(
        "SELECT e.id, e.target_lang, t.pos, t.kind, t.text, t.case_sensitive, t.reason
         FROM entry e JOIN term t ON t.entry_id = e.id
         WHERE e.id IN rarray(?1)",
    )?;
    let mut rows = stmt.query([std::rc::Rc::new(values)])?;
    // (id, pos, kind, text, case-sensitive, reason)
    type Row = (i64, i64, i64, String, bool, Option<String>);
    let mut terms: Vec<Row> = Vec::new();
    let mut fits: HashMap<String, bool> = HashMap::new();
    while let Some(r) = rows.next()? {
        let lang = r.get_ref(1)?.as_str().unwrap_or("");
        let ok = match fits.get(lang) {
            Some(&ok) => ok,
            None => {
                let ok = lang_matches(lang, target_lang);
                fits.insert(lang.to_string(), ok);
                ok
            }
        };
        if ok {
            terms.push((
                r.get(0)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
            ));
        }
    }
    if !terms.is_sorted_by_key(|t| (t.0, t.1)) {
        terms.sort_unstable_by_key(|t| (t.0, t.1));
    }
    let mut out: Vec<IndexedEntry> = Vec::new();
    for (id, _, kind, text, case_sensitive, reason) in terms {
        push_term(last_entry(&mut out, id), kind, text, case_sensitive, reason);
    }
    Ok(out)
}

/// The entries with `low < id <= high` whose target language fits, with their terms.
fn load_range(
    conn: &Connection,
    target_lang: &str,
    low: i64,
    high: i64,
) -> rusqlite::Result<Vec<IndexedEntry>> {
    let tx = conn.unchecked_transaction()?;
    let mut rejected: std::collections::HashSet<i64> = std::collections::HashSet::new();
    {
        let mut stmt =
            tx.prepare_cached("SELECT id, target_lang FROM entry WHERE id > ?1 AND id <= ?2")?;
        let mut rows = stmt.query([low, high])?;
        while let Some(r) = rows.next()? {
            let lang = r.get_ref(1)?.as_str().unwrap_or("");
            if !lang_matches(lang, target_lang) {
                rejected.insert(r.get(0)?);
            }
        }
    }
    let mut out: Vec<IndexedEntry> = Vec::new();
    let mut stmt = tx.prepare_cached(
        "SELECT entry_id, kind, text, case_sensitive, reason FROM term
         WHERE entry_id > ?1 AND entry_id <= ?2 ORDER BY entry_id, pos",
    )?;
    let mut rows = stmt.query([low, high])?;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        if !rejected.is_empty() && rejected.contains(&id) {
            continue;
        }
        push_term(
            last_entry(&mut out, id),
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
        );
    }
    Ok(out)
}

/// Adds a stored term row to an entry as the checks see it.
fn push_term(
    entry: &mut IndexedEntry,
    kind: i64,
    text: String,
    case_sensitive: bool,
    reason: Option<String>,
) {
    if kind == 0 {
        entry.sources.push(text);
    } else {
        entry.terms.push(crate::check::terminology::IndexedTerm {
            text,
            status: status_of(kind),
            case_sensitive,
            reason,
        });
    }
}

/// A short name for an entry in messages: "网络强国 → cyberpower".
pub fn label(data: &EntryData) -> String {
    let preferred = data.preferred().map_or("", |t| t.text.as_str());
    match data.sources.first() {
        Some(s) => format!("{s} \u{2192} {preferred}"),
        None => preferred.to_string(),
    }
}

/// The identity under which entries merge, with matching languages (see
/// [`same_languages`]): source terms and preferred term, normalised.
fn identity(data: &EntryData) -> String {
    identity_with(data, &preferred_key(data))
}

/// [`identity`] of `data` whose preferred term's key is `preferred_key`.
fn identity_with(data: &EntryData, preferred_key: &str) -> String {
    let mut sources: Vec<String> = data.sources.iter().map(|s| term_key(s)).collect();
    sources.sort();
    format!("{}\u{1}{preferred_key}", sources.join("\u{2}"))
}

/// The [`term_key`] of an entry's preferred term (empty without one), by which the store
/// finds the entry again.
fn preferred_key(data: &EntryData) -> String {
    data.preferred()
        .map(|t| term_key(&t.text))
        .unwrap_or_default()
}

/// Whether two entries are for the same language pair, tags matched by prefix ("en" and
/// "en-US"); an empty source language matches any.
fn same_languages(a: &EntryData, b: &EntryData) -> bool {
    lang_matches(&a.target_lang, &b.target_lang)
        && (a.source_lang.is_empty()
            || b.source_lang.is_empty()
            || lang_matches(&a.source_lang, &b.source_lang))
}

/// The entries whose preferred term has key `?1`.
const FIND_SAME: &str = "SELECT entry_id FROM term WHERE key = ?1 AND kind = 1 ORDER BY entry_id";

/// An existing entry with the same identity; `preferred_key` is the [`term_key`] of its
/// preferred term.
fn find_same(
    conn: &Connection,
    data: &EntryData,
    preferred_key: &str,
) -> rusqlite::Result<Option<Entry>> {
    if data.preferred().is_none() {
        return Ok(None);
    }
    let mut stmt = conn.prepare_cached(FIND_SAME)?;
    let ids: Vec<i64> = stmt
        .query_map([preferred_key], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let want = identity_with(data, preferred_key);
    for id in ids {
        if let Some(e) = load_entry(conn, id)?
            && identity(&e.data) == want
            && same_languages(&e.data, data)
        {
            return Ok(Some(e));
        }
    }
    Ok(None)
}

/// Inserts an entry; `preferred_key` is the [`term_key`] of its preferred term.
fn insert_entry(
    conn: &Connection,
    data: &EntryData,
    preferred_key: &str,
    now: &str,
) -> rusqlite::Result<i64> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO entry(source_lang, target_lang, note, domain, created, updated)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
    )?;
    stmt.execute(params![
        data.source_lang,
        data.target_lang,
        data.note,
        data.domain,
        now
    ])?;
    let id = conn.last_insert_rowid();
    insert_terms(conn, id, data, preferred_key)?;
    Ok(id)
}

fn replace_entry(conn: &Connection, id: i64, data: &EntryData, now: &str) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "UPDATE entry SET source_lang = ?2, target_lang = ?3, note = ?4, domain = ?5, updated = ?6
         WHERE id = ?1",
    )?
    .execute(params![
        id,
        data.source_lang,
        data.target_lang,
        data.note,
        data.domain,
        now
    ])?;
    conn.prepare_cached("DELETE FROM term WHERE entry_id = ?1")?
        .execute([id])?;
    let key = preferred_key(data);
    insert_terms(conn, id, data, &key)
}

/// Inserts the terms of entry `id`: its source terms, then its target terms in order;
/// the preferred term with its key.
fn insert_terms(
    conn: &Connection,
    id: i64,
    data: &EntryData,
    preferred_key: &str,
) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO term(entry_id, pos, kind, text, key, case_sensitive, reason)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    let mut pos = 0i64;
    for s in &data.sources {
        stmt.execute(params![id, pos, 0i64, s, None::<&str>, false, None::<&str>])?;
        pos += 1;
    }
    for t in &data.terms {
        // Only preferred terms are looked up by key (duplicates, merges).
        let key = (t.status == TermStatus::Preferred).then_some(preferred_key);
        stmt.execute(params![
            id,
            pos,
            kind_of(t.status),
            t.text,
            key,
            t.case_sensitive,
            t.reason
        ])?;
        pos += 1;
    }
    Ok(())
}

fn get_meta(conn: &Connection, name: &str) -> rusqlite::Result<Option<String>> {
    conn.query_row("SELECT value FROM meta WHERE name = ?1", [name], |r| {
        r.get(0)
    })
    .optional()
}

fn set_meta(conn: &Connection, name: &str, value: &str) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT OR REPLACE INTO meta(name, value) VALUES (?1, ?2)",
        [name, value],
    )?;
    Ok(())
}

fn recompute_keys(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    let rows: Vec<(i64, i64, String)> = {
        let mut stmt = tx.prepare("SELECT entry_id, pos, text FROM term WHERE kind = 1")?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<Result<_, _>>()?
    };
    let mut up = tx.prepare("UPDATE term SET key = ?3 WHERE entry_id = ?1 AND pos = ?2")?;
    for (entry, pos, text) in rows {
        up.execute(params![entry, pos, term_key(&text)])?;
    }
    tx.execute(
        "INSERT OR REPLACE INTO meta(name, value) VALUES ('key_version', ?1)",
        [KEY_VERSION.to_string()],
    )?;
    Ok(())
}

/// An entry made ready for the store: normalised, validated, and with what the store
/// computes from its text (its identity, the key of its preferred term, its terms' paths
/// in the matcher snapshot). Preparing is pure, so an import can prepare entries on the
/// reader's thread while the store writes earlier ones.
#[derive(Debug)]
pub struct PreparedEntry {
    data: EntryData,
    /// Hash of [`identity`]: entries with the same identity (and languages) are one.
    identity_hash: u64,
    preferred_key: String,
    paths: snapshot::TermPaths,
}

impl PreparedEntry {
    /// Normalises and validates `data` (exactly one preferred term, known language tags,
    /// no control characters…).
    pub fn new(mut data: EntryData) -> Result<PreparedEntry, InvalidEntry> {
        data.normalize();
        data.validate()?;
        let preferred_key = preferred_key(&data);
        let identity_hash = {
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            identity_with(&data, &preferred_key).hash(&mut h);
            h.finish()
        };
        let paths = snapshot::term_paths(&data);
        Ok(PreparedEntry {
            data,
            identity_hash,
            preferred_key,
            paths,
        })
    }

    pub fn data(&self) -> &EntryData {
        &self.data
    }
}

/// Entries merged or added during one import.
struct ImportState {
    /// Entries of this import (and all entries when the glossary was empty, so that no
    /// lookup is needed) by identity hash and language pair (an index into `pairs`).
    seen: HashMap<(u64, u32), i64, BuildHasherDefault<WordHasher>>,
    /// Entries whose identity hash is that of an earlier entry with another identity,
    /// by identity: kept apart so that such a collision can never merge two entries.
    collided: HashMap<String, Vec<(u32, i64)>>,
    /// The language pairs (source, target) of the entries seen.
    pairs: Vec<(String, String)>,
    /// For each pair, the pairs whose entries an entry with its languages can be the same
    /// as (itself included).
    served_by: Vec<Vec<u32>>,
    /// Whether the glossary held nothing before this import.
    was_empty: bool,
    summary: ImportSummary,
    /// The time written to the entries added or changed.
    now: String,
    /// What the entries written change in the matcher snapshot.
    changes: Changes,
}

impl ImportState {
    fn new(tx: &Transaction<'_>, was_empty: bool) -> rusqlite::Result<Self> {
        Ok(ImportState {
            seen: HashMap::default(),
            collided: HashMap::new(),
            pairs: Vec::new(),
            served_by: Vec::new(),
            was_empty,
            summary: ImportSummary::default(),
            now: now(tx)?,
            changes: Changes::default(),
        })
    }

    /// The index of the language pair of `data` in `pairs`, added if new.
    fn pair_of(&mut self, data: &EntryData) -> u32 {
        let found = self
            .pairs
            .iter()
            .position(|(s, t)| *s == data.source_lang && *t == data.target_lang);
        let i = found.unwrap_or_else(|| {
            self.pairs
                .push((data.source_lang.clone(), data.target_lang.clone()));
            let new = self.pairs.len() - 1;
            // Which pairs serve which: tags by prefix, an empty source language serving any.
            let serves = |(s, t): &(String, String), (ws, wt): &(String, String)| {
                lang_matches(t, wt) && (s.is_empty() || ws.is_empty() || lang_matches(s, ws))
            };
            let pair = &self.pairs[new];
            for (k, other) in self.pairs[..new].iter().enumerate() {
                if serves(pair, other) {
                    self.served_by[k].push(new as u32);
                }
            }
            let mine = (0..=new)
                .filter(|&k| serves(&self.pairs[k], pair))
                .map(|k| k as u32)
                .collect();
            self.served_by.push(mine);
            new
        });
        i as u32
    }

    /// An entry of this import (or of the glossary, when it was empty) that `entry` is the
    /// same as, and that entry as stored.
    fn seen_before(
        &mut self,
        tx: &Transaction<'_>,
        entry: &PreparedEntry,
    ) -> rusqlite::Result<Option<(i64, Entry)>> {
        let data = &entry.data;
        let pair = self.pair_of(data) as usize;
        for &pair in &self.served_by[pair] {
            if let Some(&id) = self.seen.get(&(entry.identity_hash, pair)) {
                let Some(old) = load_entry(tx, id)? else {
                    return Err(rusqlite::Error::QueryReturnedNoRows);
                };
                if identity(&old.data) == identity(data) {
                    return Ok(Some((id, old)));
                }
            }
        }
        if !self.collided.is_empty()
            && let Some(ids) = self.collided.get(&identity(data))
        {
            let serving = &self.served_by[pair];
            if let Some(&(_, id)) = ids.iter().find(|(p, _)| serving.contains(p)) {
                let Some(old) = load_entry(tx, id)? else {
                    return Err(rusqlite::Error::QueryReturnedNoRows);
                };
                return Ok(Some((id, old)));
            }
        }
        Ok(None)
    }

    /// Remembers that `data` (with `identity_hash`) is entry `id`.
    fn remember(&mut self, identity_hash: u64, data: &EntryData, id: i64) {
        let pair = self.pair_of(data);
        match self.seen.entry((identity_hash, pair)) {
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(id);
            }
            // Another identity with the same hash.
            std::collections::hash_map::Entry::Occupied(_) => {
                self.collided
                    .entry(identity(data))
                    .or_default()
                    .push((pair, id));
            }
        }
    }

    /// Adds or merges one entry; returns its id.
    fn import_one(&mut self, tx: &Transaction<'_>, entry: PreparedEntry) -> rusqlite::Result<i64> {
        let (existing, known) = match self.seen_before(tx, &entry)? {
            Some((id, old)) => (Some((id, old)), true),
            None if self.was_empty => (None, false),
            None => (
                find_same(tx, &entry.data, &entry.preferred_key)?.map(|old| (old.id, old)),
                false,
            ),
        };
        match existing {
            None => {
                let PreparedEntry {
                    data,
                    identity_hash,
                    preferred_key,
                    paths,
                } = entry;
                let id = insert_entry(tx, &data, &preferred_key, &self.now)?;
                self.changes.add_paths(id, paths);
                self.remember(identity_hash, &data, id);
                self.summary.added += 1;
                Ok(id)
            }
            Some((id, old)) => {
                let identity_hash = entry.identity_hash;
                let merged = merge(&old.data, entry.data);
                if merged == old.data {
                    self.summary.unchanged += 1;
                } else {
                    replace_entry(tx, id, &merged, &self.now)?;
                    self.changes.replace_entry(id, &old.data, &merged);
                    self.summary.updated += 1;
                }
                if !known {
                    self.remember(identity_hash, &merged, id);
                }
                Ok(id)
            }
        }
    }
}

/// `old` with what `new` says: new variants added, statuses and case of known terms
/// updated, note and domain replaced when `new` has them.
fn merge(old: &EntryData, new: EntryData) -> EntryData {
    let mut out = old.clone();
    for t in new.terms {
        out.upsert_term(t);
    }
    if !new.note.is_empty() {
        out.note = new.note;
    }
    if !new.domain.is_empty() {
        out.domain = new.domain;
    }
    out.normalize();
    out
}

fn load_entry(conn: &Connection, id: i64) -> rusqlite::Result<Option<Entry>> {
    Ok(load_entries(conn, "WHERE e.id = ?1", &[&id])?.pop())
}

fn load_entries(
    conn: &Connection,
    filter: &str,
    args: &[&dyn rusqlite::ToSql],
) -> rusqlite::Result<Vec<Entry>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT e.id, e.source_lang, e.target_lang, e.note, e.domain, e.created, e.updated,
                t.kind, t.text, t.case_sensitive, t.reason
         FROM entry e LEFT JOIN term t ON t.entry_id = e.id {filter}
         ORDER BY e.id, t.pos"
    ))?;
    let mut rows = stmt.query(args)?;
    let mut out: Vec<Entry> = Vec::new();
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        if out.last().is_none_or(|e| e.id != id) {
            out.push(Entry {
                id,
                data: EntryData {
                    source_lang: r.get(1)?,
                    target_lang: r.get(2)?,
                    note: r.get(3)?,
                    domain: r.get(4)?,
                    ..EntryData::default()
                },
                created: r.get(5)?,
                updated: r.get(6)?,
            });
        }
        let Some(entry) = out.last_mut() else {
            continue;
        };
        let Some(kind) = r.get::<_, Option<i64>>(7)? else {
            continue;
        };
        let text: String = r.get(8)?;
        if kind == 0 {
            entry.data.sources.push(text);
        } else {
            entry.data.terms.push(Term {
                text,
                status: status_of(kind),
                case_sensitive: r.get(9)?,
                reason: r.get(10)?,
            });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::text::words;
    use crate::testing::entry;

    #[test]
    fn refuses_files_it_does_not_understand() {
        let dir = tempfile::tempdir().unwrap();
        let other = dir.path().join("other.sqlite");
        Connection::open(&other)
            .unwrap()
            .execute_batch("CREATE TABLE t(x);")
            .unwrap();
        assert!(matches!(
            Glossary::open(&other),
            Err(GlossaryError::NotAGlossary(_))
        ));
        let newer = dir.path().join("newer.sqlite");
        drop(Glossary::create(&newer, Fill::Empty).unwrap());
        Connection::open(&newer)
            .unwrap()
            .pragma_update(None, "user_version", 99)
            .unwrap();
        let err = Glossary::open(&newer).err().unwrap();
        assert!(err.to_string().contains("version 99 is newer"), "{err}");
        let text = dir.path().join("notes.txt");
        std::fs::write(&text, "just some text that is not a database at all").unwrap();
        let err = Glossary::open(&text).err().unwrap();
        assert!(matches!(err, GlossaryError::NotADatabase(_)), "{err}");
        assert!(err.to_string().contains("mtpe glossary import"), "{err}");
    }

    #[test]
    fn stale_match_keys_are_recomputed_on_open() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("g.sqlite");
        let mut g = Glossary::create(&path, Fill::Empty).unwrap();
        g.add(entry("网络强国", "cyberpower", &["Network Power"]))
            .unwrap();
        drop(g);
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(
            "UPDATE term SET key = 'stale' WHERE kind = 1; UPDATE meta SET value = '0' WHERE name = 'key_version';",
        )
        .unwrap();
        drop(conn);
        let mut g = Glossary::open(&path).unwrap();
        let key: String = g
            .conn
            .query_row("SELECT key FROM term WHERE kind = 1", [], |r| r.get(0))
            .unwrap();
        assert_eq!(key, "cyberpower");
        // Found again by that key.
        assert!(matches!(
            g.add(entry("网络强国", "Cyberpower", &[])),
            Err(GlossaryError::Duplicate { .. })
        ));
    }

    #[test]
    fn merging_an_import_plans_its_lookups_once() {
        let dir = tempfile::tempdir().unwrap();
        let mut g = Glossary::create(&dir.path().join("g.sqlite"), Fill::Empty).unwrap();
        let batch = || -> Vec<EntryData> {
            (0..200)
                .map(|i| entry(&format!("源{i}"), &format!("term {i}"), &[]))
                .collect()
        };
        g.import(batch(), false, &mut |_| {}).unwrap();
        let summary = g.import(batch(), false, &mut |_| {}).unwrap();
        assert_eq!(summary.unchanged, 200);
        let lookup = g.conn.prepare_cached(FIND_SAME).unwrap();
        assert_eq!(lookup.get_status(rusqlite::StatementStatus::Run), 200);
        assert_eq!(lookup.get_status(rusqlite::StatementStatus::RePrepare), 0);
    }

    #[test]
    fn entries_whose_identities_share_a_hash_stay_apart() {
        let mut g = Glossary::in_memory(Fill::Empty).unwrap();
        let tx = g.conn.transaction().unwrap();
        let mut state = ImportState::new(&tx, true).unwrap();
        let prepared = |source: &str, preferred: &str, deprecated: &[&str]| {
            let mut p = PreparedEntry::new(entry(source, preferred, deprecated)).unwrap();
            p.identity_hash = 42;
            p
        };
        let a = state
            .import_one(&tx, prepared("网络强国", "cyberpower", &[]))
            .unwrap();
        let b = state
            .import_one(&tx, prepared("网络大国", "major internet country", &[]))
            .unwrap();
        assert_ne!(a, b);
        // The same as each: merged into it, whichever slot it is in.
        let again = state
            .import_one(
                &tx,
                prepared("网络大国", "major internet country", &["network power"]),
            )
            .unwrap();
        assert_eq!(again, b);
        assert_eq!(
            state
                .import_one(&tx, prepared("网络强国", "cyberpower", &[]))
                .unwrap(),
            a
        );
        assert_eq!(
            (
                state.summary.added,
                state.summary.updated,
                state.summary.unchanged
            ),
            (2, 1, 1)
        );
    }

    #[test]
    fn an_entry_is_the_same_as_one_of_a_language_its_tags_serve() {
        let mut g = Glossary::in_memory(Fill::Empty).unwrap();
        let tx = g.conn.transaction().unwrap();
        let mut state = ImportState::new(&tx, true).unwrap();
        let mut us = entry("网络强国", "cyberpower", &[]);
        us.target_lang = "en-US".into();
        let first = state
            .import_one(&tx, PreparedEntry::new(us).unwrap())
            .unwrap();
        let mut de = entry("网络强国", "cyberpower", &[]);
        de.target_lang = "de".into();
        let german = state
            .import_one(&tx, PreparedEntry::new(de).unwrap())
            .unwrap();
        assert_ne!(german, first);
        let mut plain = entry("网络强国", "cyberpower", &["network power"]);
        plain.source_lang = String::new();
        plain.sources.clear();
        plain.sources.push("网络强国".into());
        let en = state
            .import_one(&tx, PreparedEntry::new(plain).unwrap())
            .unwrap();
        assert_eq!(en, first);
    }

    #[test]
    fn merge_adds_then_extends_an_entry() {
        let mut g = Glossary::in_memory(Fill::Empty).unwrap();
        let (id, outcome) = g.merge(entry("网络安全", "cybersecurity", &[])).unwrap();
        assert_eq!(outcome, MergeOutcome::Added);
        let (again, outcome) = g
            .merge(entry("网络安全", "Cybersecurity", &["network security"]))
            .unwrap();
        assert_eq!((again, outcome), (id, MergeOutcome::Updated));
        let (_, outcome) = g.merge(entry("网络安全", "Cybersecurity", &[])).unwrap();
        assert_eq!(outcome, MergeOutcome::Unchanged);
        // The spelling the latest source gives wins.
        let (_, outcome) = g.merge(entry("网络安全", "cybersecurity", &[])).unwrap();
        assert_eq!(outcome, MergeOutcome::Updated);
        let e = g.get(id).unwrap().unwrap();
        assert_eq!(e.data.terms.len(), 2);
        // A different preferred term for the same source is another concept (a homonym).
        let (other, outcome) = g.merge(entry("网络安全", "network safety", &[])).unwrap();
        assert_eq!(outcome, MergeOutcome::Added);
        assert_ne!(other, id);
    }

    #[test]
    fn an_editor_fix_extends_the_entry_and_the_next_check_sees_it() {
        let mut g = Glossary::in_memory(Fill::Shipped).unwrap();
        let doc = crate::document::Document::from_str_named(
            "a.txt",
            "China aims to be a cyber great power.\n",
        );
        let text = doc.text();
        let before = g.index_for_document(&doc, "en").unwrap();
        assert!(before.find(text, &words(text)).is_empty());
        let fix = EntryData::from_fix(
            "zh",
            "en",
            "cyberpower",
            "cyber great power",
            Some("网络强国"),
            "",
        );
        let (id, outcome) = g.merge(fix).unwrap();
        assert_eq!(
            outcome,
            MergeOutcome::Updated,
            "the shipped 网络强国 entry gains it"
        );
        let index = g.index_for_document(&doc, "en").unwrap();
        let found = index.find(text, &words(text));
        assert_eq!(found.len(), 1);
        assert_eq!(index.entry(found[0].refs[0]).id, id);
        assert_eq!(index.term(found[0].refs[0]).status, TermStatus::Deprecated);
    }

    #[test]
    fn the_vocabulary_selects_exactly_the_entries_a_text_can_contain() {
        let mut g = Glossary::in_memory(Fill::Shipped).unwrap();
        g.add(entry("测试", "test term", &["tested words"]))
            .unwrap();
        let text = "A network power and two network securities; the cyberpowers' test terms.";
        let mut vocab = Vocabulary::default();
        vocab.add_text(text);
        let selected = g.term_index("en", Some(&vocab)).unwrap();
        let all = g.term_index("en", None).unwrap();
        assert!(selected.entries().len() < all.entries().len() / 4);
        let ws = words(text);
        let spans = |i: &TermIndex| -> Vec<(std::ops::Range<usize>, Vec<i64>)> {
            i.find(text, &ws)
                .into_iter()
                .map(|m| (m.span, m.refs.iter().map(|r| i.entry(*r).id).collect()))
                .collect()
        };
        assert_eq!(spans(&selected), spans(&all));
        assert_eq!(spans(&all).len(), 4, "{:?}", spans(&all));
        // Entries for another target language are left out.
        assert!(g.term_index("de", None).unwrap().is_empty());
    }

    #[test]
    fn a_large_glossary_loads_whole_across_two_connections() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.sqlite");
        let mut g = Glossary::create(&path, Fill::Empty).unwrap();
        let n = 21_000;
        let mut entries: Vec<EntryData> = (0..n)
            .map(|i| {
                entry(
                    &format!("源{i}"),
                    &format!("term {i}"),
                    &[&format!("old {i}")],
                )
            })
            .collect();
        // Entries for another language, in both halves, stay out.
        for i in [10, n - 10] {
            entries[i].target_lang = "de".into();
        }
        g.import(entries, false, &mut |_| {}).unwrap();
        let index = g.term_index("en", None).unwrap();
        let ids: Vec<i64> = index.entries().iter().map(|e| e.id).collect();
        assert_eq!(ids.len(), n - 2);
        assert!(
            ids.windows(2).all(|w| w[0] < w[1]),
            "in id order, no entry twice"
        );
        assert!(
            index
                .entries()
                .iter()
                .all(|e| e.terms.len() == 2 && e.sources.len() == 1)
        );
        assert!(index.entry_by_id(11).is_none() && index.entry_by_id(12).is_some());
        let text = format!("the old {} and term {}", n - 1, 5);
        let found = index.find(&text, &words(&text));
        assert_eq!(found.len(), 2, "{found:?}");
    }

    #[test]
    fn a_failed_import_changes_nothing() {
        let mut g = Glossary::in_memory(Fill::Empty).unwrap();
        g.add(entry("甲", "alpha", &[])).unwrap();
        let summary = g
            .import(
                vec![entry("甲", "alpha", &["alfa"]), entry("乙", "beta", &[])],
                true,
                &mut |_| {},
            )
            .unwrap();
        assert_eq!((summary.added, summary.updated), (1, 1));
        assert_eq!(g.list().unwrap().len(), 1);
        assert_eq!(g.list().unwrap()[0].data.terms.len(), 1);
    }

    #[test]
    fn a_read_only_glossary_checks_and_refuses_changes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("shared glossary?#%.sqlite");
        drop(Glossary::create(&path, Fill::Shipped).unwrap());
        let before = std::fs::read(&path).unwrap();
        let mut g = Glossary::open_read_only(&path).unwrap();
        assert!(g.is_read_only());
        let doc = crate::document::Document::from_str_named(
            "a.txt",
            "China strides from a network power to a network power.\n",
        );
        let index = g.index_for_document(&doc, "en").unwrap();
        let ctx = crate::check::CheckContext::new(&doc).with_glossary(&index);
        assert!(!ctx.term_matches().matches.is_empty());
        assert_eq!(g.list().unwrap().len(), 86);
        let refused = |r: Result<(), GlossaryError>| {
            assert!(
                matches!(r, Err(GlossaryError::ReadOnly(ref p)) if *p == path),
                "{r:?}"
            );
        };
        refused(g.add(entry("甲", "alpha", &[])).map(drop));
        refused(g.merge(entry("甲", "alpha", &[])).map(drop));
        refused(g.update(1, entry("甲", "alpha", &[])));
        refused(g.remove(1));
        for dry_run in [false, true] {
            refused(
                g.import(vec![entry("甲", "alpha", &[])], dry_run, &mut |_| {})
                    .map(drop),
            );
        }
        drop(g);
        assert_eq!(std::fs::read(&path).unwrap(), before);
        let message = GlossaryError::ReadOnly(path.clone()).to_string();
        assert!(
            message.contains("read-only") && message.contains("copy it"),
            "{message}"
        );
    }

    #[test]
    fn a_read_only_glossary_of_an_older_format_says_what_to_do() {
        let dir = tempfile::tempdir().unwrap();
        for version in [1, 2] {
            let path = dir.path().join(format!("v{version}.sqlite"));
            std::fs::copy(
                format!(
                    "{}/fixtures/glossary/schema-v{version}.sqlite",
                    env!("CARGO_MANIFEST_DIR")
                ),
                &path,
            )
            .unwrap();
            let before = std::fs::read(&path).unwrap();
            assert!(matches!(
                Glossary::open_read_only(&path),
                Err(GlossaryError::ReadOnlyOutdated(_))
            ));
            assert_eq!(std::fs::read(&path).unwrap(), before);
        }
    }

    #[test]
    fn immutable_uris_keep_the_name() {
        assert_eq!(
            immutable_uri(Path::new("/a b/c?d#e%f.sqlite")),
            "file:/a%20b/c%3Fd%23e%25f.sqlite?immutable=1"
        );
        assert_eq!(
            immutable_uri(Path::new("rel/名.sqlite")),
            "file:rel/%E5%90%8D.sqlite?immutable=1"
        );
    }
}
