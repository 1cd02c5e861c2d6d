//! Opening mtpe's SQLite databases (the glossary, the edit journal, the revision store):
//! the one routine that creates the folder, opens the file, configures the connection
//! (write-ahead log, busy timeout, foreign keys), brings the schema to this mtpe's version
//! by `user_version` steps in one immediate transaction, falls back to reading only where
//! the file cannot be written, and classifies what went wrong in an [`Error`] naming the
//! file.
//!
//! Each database describes itself with a [`Schema`]; the stores map [`Error`] to their
//! own messages. Whatever every database must get (file permissions, a message for a
//! damaged file) belongs here, so that it is done once.
//!
//! Private by default: a database is created 0600 in a folder created 0700, whatever the
//! umask, before SQLite touches it, so that the write-ahead log and its index, which
//! SQLite creates with the database's own mode, are 0600 too. An existing journal or
//! revision store (any database in mtpe's own folders) open to the group or others is
//! tightened when it is opened for writing, with its log, its index and the folder
//! ([`crate::places`]). [`erase_free_space`] is what an erasure ends with.
//!
//! Nothing is ever written to a file that is not a database of the kind asked for, or
//! that is damaged: before SQLite touches it, its header is read ([`inspect`]): an
//! SQLite file, its length what its header says (not cut short), marked with the
//! [`Kind`]'s application id (or, written before mtpe marked its files, holding the
//! kind's tables). Damage met later, by a query, is told by [`describe`] and
//! [`is_damage`].

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

/// How a database's connections are set up.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// How long a writer waits for another writer before giving up.
    pub busy_timeout: Duration,
    /// `PRAGMA synchronous` in WAL mode: `NORMAL` may lose the last commits on a power
    /// failure (never corrupts); `FULL` makes every commit durable.
    pub synchronous: Synchronous,
    /// Refuse a file system on which SQLite cannot keep a write-ahead log (the journal's
    /// durability and its sharing between editors rely on it).
    pub require_wal: bool,
}

/// `PRAGMA synchronous`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Synchronous {
    Normal,
    Full,
}

/// mtpe's kinds of database. Each marks its files with its own SQLite application id
/// (`PRAGMA application_id`), so that one is never taken for another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Glossary,
    Journal,
    RevisionStore,
    /// The user's dictionary: words the spelling check takes as known.
    Dictionary,
}

impl Kind {
    const ALL: [Kind; 4] = [
        Kind::Glossary,
        Kind::Journal,
        Kind::RevisionStore,
        Kind::Dictionary,
    ];

    /// What a user calls it.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Glossary => "glossary",
            Kind::Journal => "edit journal",
            Kind::RevisionStore => "revision store",
            Kind::Dictionary => "user dictionary",
        }
    }

    /// Its name with an article: "a glossary", "an edit journal".
    pub fn a(self) -> &'static str {
        match self {
            Kind::Glossary => "a glossary",
            Kind::Journal => "an edit journal",
            Kind::RevisionStore => "a revision store",
            Kind::Dictionary => "a user dictionary",
        }
    }

    /// The `application_id` in its files' headers: "mtpG", "mtpJ", "mtpR", "mtpD".
    pub fn application_id(self) -> i32 {
        let tag = match self {
            Kind::Glossary => *b"mtpG",
            Kind::Journal => *b"mtpJ",
            Kind::RevisionStore => *b"mtpR",
            Kind::Dictionary => *b"mtpD",
        };
        i32::from_be_bytes(tag)
    }

    /// Tables every version of its files has: how a file written before mtpe marked its
    /// files is told from another program's.
    fn tables(self) -> &'static [&'static str] {
        match self {
            Kind::Glossary => &["entry", "term", "meta"],
            Kind::Journal => &["articles", "ops"],
            Kind::RevisionStore => &["texts", "revisions"],
            Kind::Dictionary => &["words"],
        }
    }

    fn of_application_id(id: i32) -> Option<Kind> {
        Self::ALL.into_iter().find(|k| k.application_id() == id)
    }

    /// What to do with a damaged file of this kind.
    pub fn if_damaged(self) -> String {
        match self {
            Kind::Glossary => "restore it from a backup (or build a new one with `mtpe glossary init --empty` and an import of an export)".into(),
            Kind::Journal => "move it aside and mtpe starts a new journal (the unsaved changes it held are lost), or restore it from a backup".into(),
            Kind::RevisionStore => "move it aside and mtpe starts a new store at the next save (the revisions it held are lost), or restore it from a backup".into(),
            Kind::Dictionary => "restore it from a backup, or move it aside and `mtpe dictionary import` an export of it (or a word list) into a new one".into(),
        }
    }
}

/// One upgrade of a database's schema: from `user_version` `from` to `from + 1`.
#[derive(Clone, Copy)]
pub struct Step {
    pub from: i64,
    pub run: fn(&Transaction<'_>) -> rusqlite::Result<()>,
}

/// What a database is: its version, how to create and upgrade it, how to set up its
/// connections.
pub trait Schema {
    /// Which of mtpe's databases this is.
    const KIND: Kind;
    /// The `user_version` this mtpe writes.
    const VERSION: i64;
    const SETTINGS: Settings;
    /// Upgrades, oldest first, up to `VERSION` (see [`Step`]).
    const STEPS: &'static [Step];
    /// An empty database (version 0, no tables) is refused as [`Error::NotFound`] unless
    /// this open creates the file; without it, the schema is created in it. A version-0
    /// database with tables is another program's ([`Error::Foreign`]) either way.
    const ONLY_NEW_FILES: bool = false;
    /// An existing file that cannot be written here (read-only file, folder or mount) is
    /// opened for reading only, if its schema is current.
    const READ_ONLY_FALLBACK: bool = false;

    /// Creates the schema in an empty database, at `VERSION`. The default runs every step
    /// from version 0.
    fn create(&self, tx: &Transaction<'_>) -> rusqlite::Result<()> {
        run_steps(tx, Self::STEPS, 0)
    }

    /// Settings of every connection beyond [`Settings`] (readers' too).
    fn configure(&self, _conn: &Connection) -> rusqlite::Result<()> {
        Ok(())
    }

    /// Whether the database needs nothing done: checked before taking the write lock, so
    /// that opening an up-to-date database never waits for a writer.
    fn is_current(&self, conn: &Connection) -> rusqlite::Result<bool> {
        Ok(user_version(conn)? == Self::VERSION)
    }

    /// More work in the migrating transaction, after the steps (`from`: the version
    /// found, 0 for a new database).
    fn finish(&self, _tx: &Transaction<'_>, _from: i64) -> rusqlite::Result<()> {
        Ok(())
    }
}

/// How to open a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Open it, creating it (and its folder) if it does not exist.
    Create,
    /// Create it; refuse an existing file ([`Error::AlreadyExists`]).
    New,
    /// Open it; refuse a missing file ([`Error::NotFound`]).
    Existing,
}

/// An open database.
pub struct Opened {
    pub conn: Connection,
    /// Opened for reading only ([`Schema::READ_ONLY_FALLBACK`]).
    pub read_only: bool,
}

/// Why a database could not be opened. Every message names the file (or the folder it
/// was to go in): `FILE: REASON`.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}: {}", .0.display(), self.reason())]
    NotFound(PathBuf),
    #[error("{}: {}", .0.display(), self.reason())]
    AlreadyExists(PathBuf),
    #[error("{}", self.reason())]
    CreateDir {
        dir: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: {}", .path.display(), self.reason())]
    NotADatabase {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
    #[error("{}: {}", .path.display(), self.reason())]
    TooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error("{}: {}", .0.display(), self.reason())]
    Foreign(PathBuf),
    /// Another of mtpe's databases (a journal given as the glossary).
    #[error("{}: {}", .path.display(), self.reason())]
    OtherKind {
        path: PathBuf,
        found: Kind,
        wanted: Kind,
    },
    /// Cut short, or damaged inside: never written to.
    #[error("{}: {}", .path.display(), self.reason())]
    Damaged {
        path: PathBuf,
        kind: Kind,
        detail: String,
    },
    #[error("{}: {}", .0.display(), self.reason())]
    ReadOnlyOutdated(PathBuf),
    #[error("{}: {}", .path.display(), self.reason())]
    NoWal { path: PathBuf, mode: String },
    #[error("{}: {}", .path.display(), self.reason())]
    Sqlite {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
}

impl Error {
    /// What went wrong, without the file's name (for messages that name it first).
    pub fn reason(&self) -> String {
        match self {
            Error::NotFound(_) => "no such file".into(),
            Error::AlreadyExists(_) => "already exists".into(),
            Error::CreateDir { dir, source } => {
                format!("cannot create {}: {source}", dir.display())
            }
            Error::NotADatabase { .. } => "the file is not an SQLite database".into(),
            Error::TooNew {
                found, supported, ..
            } => format!(
                "written by a newer mtpe (format version {found}; this one reads {supported}); update mtpe"
            ),
            Error::Foreign(_) => {
                "an SQLite database of another program; mtpe has not written to it".into()
            }
            Error::OtherKind { found, wanted, .. } => format!(
                "this is mtpe's {}, not {}; mtpe has not written to it",
                found.name(),
                wanted.a()
            ),
            Error::Damaged { kind, detail, .. } => format!(
                "the {} is damaged ({detail}); mtpe has not written to it: {}",
                kind.name(),
                kind.if_damaged()
            ),
            Error::ReadOnlyOutdated(_) => {
                "read-only here and written by an older mtpe, whose format must be upgraded first"
                    .into()
            }
            Error::NoWal { mode, .. } => {
                format!("the database cannot use write-ahead logging (mode {mode})")
            }
            Error::Sqlite { source, .. } => describe(source),
        }
    }

    /// The database file (the folder, for [`Error::CreateDir`]).
    pub fn path(&self) -> &Path {
        match self {
            Error::NotFound(p)
            | Error::AlreadyExists(p)
            | Error::Foreign(p)
            | Error::OtherKind { path: p, .. }
            | Error::Damaged { path: p, .. }
            | Error::ReadOnlyOutdated(p)
            | Error::CreateDir { dir: p, .. }
            | Error::NotADatabase { path: p, .. }
            | Error::TooNew { path: p, .. }
            | Error::NoWal { path: p, .. }
            | Error::Sqlite { path: p, .. } => p,
        }
    }
}

/// An SQLite error in words a user can act on ("the disk is full"), else SQLite's own.
pub fn describe(e: &rusqlite::Error) -> String {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::DiskFull) => "the disk is full".into(),
        Some(rusqlite::ErrorCode::ReadOnly) => "the file or its folder is read-only".into(),
        Some(rusqlite::ErrorCode::CannotOpen) => {
            "the file cannot be created or opened there".into()
        }
        Some(rusqlite::ErrorCode::NotADatabase) => "the file is not an SQLite database".into(),
        Some(rusqlite::ErrorCode::DatabaseCorrupt) => format!(
            "the database is damaged (SQLite: {e}); nothing was written to it: restore it from a backup"
        ),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
            "another process keeps the database locked".into()
        }
        _ => e.to_string(),
    }
}

/// Whether an SQLite error says the database cannot be written here (a read-only file or
/// folder, or a WAL index that cannot be created beside it).
fn is_read_only_failure(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::ReadOnly | rusqlite::ErrorCode::CannotOpen)
    )
}

/// Whether an SQLite error says the file is damaged (a malformed page, a file shorter
/// than its pages): nothing to retry, nothing to write.
pub fn is_damage(e: &rusqlite::Error) -> bool {
    e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseCorrupt)
}

/// Classifies an SQLite error met while opening `path`, a database of `kind`.
fn classify(path: &Path, kind: Kind, source: rusqlite::Error) -> Error {
    let path = path.to_path_buf();
    match source.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => Error::NotADatabase { path, source },
        Some(rusqlite::ErrorCode::DatabaseCorrupt) => Error::Damaged {
            path,
            kind,
            detail: format!("SQLite: {source}"),
        },
        _ => Error::Sqlite { path, source },
    }
}

/// What the first 100 bytes of an SQLite file say about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Header {
    pub page_size: u64,
    /// Pages, when the header's count is valid (SQLite 3.7.0 and later keep it so).
    pub pages: Option<u64>,
    pub user_version: i64,
    pub application_id: i32,
}

/// Reads the header of the database file at `path` and checks it before SQLite opens the
/// file: an SQLite file (else [`Error::NotADatabase`]), not cut short (else
/// [`Error::Damaged`]). `Ok(None)` for a file that does not exist or is empty.
pub fn inspect(path: &Path, kind: Kind) -> Result<Option<Header>, Error> {
    use std::io::Read as _;
    let io = |source: std::io::Error| Error::Sqlite {
        path: path.to_path_buf(),
        source: rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CANTOPEN),
            Some(source.to_string()),
        ),
    };
    let mut file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io(e)),
    };
    let len = file.metadata().map_err(io)?.len();
    if len == 0 {
        return Ok(None);
    }
    let mut bytes = Vec::with_capacity(100);
    file.by_ref()
        .take(100)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    let not_sqlite = || Error::NotADatabase {
        path: path.to_path_buf(),
        source: rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_NOTADB),
            None,
        ),
    };
    if !bytes.starts_with(b"SQLite format 3\0") {
        return Err(not_sqlite());
    }
    let damaged = |detail: String| Error::Damaged {
        path: path.to_path_buf(),
        kind,
        detail,
    };
    if bytes.len() < 100 {
        return Err(damaged(format!(
            "cut short: {len} bytes, less than its header"
        )));
    }
    let be32 =
        |at: usize| u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
    let page_size = match u16::from_be_bytes([bytes[16], bytes[17]]) {
        1 => 65_536,
        n if n >= 512 && n.is_power_of_two() => u64::from(n),
        n => return Err(damaged(format!("its header gives a page size of {n}"))),
    };
    // The page count is valid when the change counter was copied beside it.
    let pages = (be32(24) == be32(92) && be32(28) > 0).then(|| u64::from(be32(28)));
    let header = Header {
        page_size,
        pages,
        user_version: i64::from(be32(60) as i32),
        application_id: be32(68) as i32,
    };
    // Past a crash, a write-ahead log beside the file may hold pages a checkpoint had not
    // yet written: SQLite recovers them, so the file's length is no evidence then.
    let mut wal = path.as_os_str().to_os_string();
    wal.push("-wal");
    let log_pending = std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0);
    if !log_pending {
        if let Some(pages) = pages
            && len < pages * page_size
        {
            return Err(damaged(format!(
                "cut short: {len} bytes where its header counts {} ({pages} pages of {page_size})",
                pages * page_size
            )));
        }
        if len % page_size != 0 {
            return Err(damaged(format!(
                "cut short: {len} bytes, not a whole number of {page_size}-byte pages"
            )));
        }
    }
    Ok(Some(header))
}

/// Opens the database at `path` as `mode` says, configured and migrated to `schema`.
pub fn open<S: Schema>(path: &Path, mode: Mode, schema: &S) -> Result<Opened, Error> {
    match mode {
        Mode::Existing if !path.exists() => return Err(Error::NotFound(path.to_path_buf())),
        Mode::New if path.exists() => return Err(Error::AlreadyExists(path.to_path_buf())),
        Mode::Create => create_parent_dir(path)?,
        _ => {}
    }
    if S::READ_ONLY_FALLBACK && mode == Mode::Existing && is_snapshot(path) {
        return Ok(Opened {
            conn: open_read_only(path, schema)?,
            read_only: true,
        });
    }
    if mode != Mode::Existing && !path.exists() {
        match crate::fsutil::create_private_file(path) {
            Ok(()) => {}
            // Another process created it meanwhile: opened as it is.
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(io_error(path, e)),
        }
    }
    let header = inspect(path, S::KIND)?;
    if header.is_none_or(|h| h.application_id == S::KIND.application_id()) {
        make_private(path, S::KIND);
    }
    let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    if mode != Mode::Existing {
        flags |= OpenFlags::SQLITE_OPEN_CREATE;
    }
    let mut conn =
        Connection::open_with_flags(path, flags).map_err(|e| classify(path, S::KIND, e))?;
    let creating = mode != Mode::Existing;
    match set_up(&mut conn, path, schema, header, true, creating) {
        Ok(()) => Ok(Opened {
            conn,
            read_only: false,
        }),
        Err(Error::Sqlite { source, .. })
            if S::READ_ONLY_FALLBACK && mode == Mode::Existing && is_read_only_failure(&source) =>
        {
            drop(conn);
            Ok(Opened {
                conn: open_read_only(path, schema)?,
                read_only: true,
            })
        }
        Err(e) => Err(e),
    }
}

/// Opens an existing database for reading only, as one on a read-only mount or without
/// write permission must be: SQLite cannot create the WAL index beside it, so such a file
/// is opened as immutable (nothing else can be writing to it either), and so is a
/// snapshot ([`is_snapshot`]). Its schema must be current ([`Error::ReadOnlyOutdated`]
/// otherwise).
pub fn open_read_only<S: Schema>(path: &Path, schema: &S) -> Result<Connection, Error> {
    read_only(path, schema, is_snapshot(path))
}

/// Whether the file is a read-only snapshot: nobody may write it (no write permission
/// bit, as `chmod 0444` leaves it, whoever reads it, root too) and no write-ahead log
/// beside it holds changes. It is read as immutable: a plain read-only connection in a
/// folder it can write would leave a log and its index beside the file (a glossary
/// shipped to a host with a batch of files, read by many processes at once).
fn is_snapshot(path: &Path) -> bool {
    let [wal, ..] = crate::places::companions(path);
    std::fs::metadata(path).is_ok_and(|m| m.permissions().readonly())
        && !std::fs::metadata(wal).is_ok_and(|m| m.len() > 0)
}

/// Opens an existing database for reading only and leaves no file behind (`mtpe doctor`):
/// one with no write-ahead log beside it (no connection has it open, every change is in
/// the file) is read as immutable, so that SQLite creates no log or index beside it;
/// otherwise as [`open_read_only`] does.
pub fn open_to_inspect<S: Schema>(path: &Path, schema: &S) -> Result<Connection, Error> {
    let [wal, ..] = crate::places::companions(path);
    read_only(path, schema, !wal.exists())
}

fn read_only<S: Schema>(path: &Path, schema: &S, immutable: bool) -> Result<Connection, Error> {
    let header = inspect(path, S::KIND)?;
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let sql = |e| classify(path, S::KIND, e);
    let as_immutable =
        || Connection::open_with_flags(immutable_uri(path), flags | OpenFlags::SQLITE_OPEN_URI);
    let conn = if immutable {
        as_immutable().map_err(sql)?
    } else {
        let plain = Connection::open_with_flags(path, flags).map_err(sql)?;
        match user_version(&plain) {
            Ok(_) => plain,
            Err(e) if is_read_only_failure(&e) => {
                drop(plain);
                as_immutable().map_err(sql)?
            }
            Err(e) => return Err(sql(e)),
        }
    };
    conn.busy_timeout(S::SETTINGS.busy_timeout).map_err(sql)?;
    schema.configure(&conn).map_err(sql)?;
    check_kind::<S>(&conn, path, header)?;
    let version = user_version(&conn).map_err(sql)?;
    if version > S::VERSION {
        return Err(Error::TooNew {
            path: path.to_path_buf(),
            found: version,
            supported: S::VERSION,
        });
    }
    if version == 0 {
        return Err(Error::Foreign(path.to_path_buf()));
    }
    if !schema.is_current(&conn).map_err(sql)? {
        return Err(Error::ReadOnlyOutdated(path.to_path_buf()));
    }
    Ok(conn)
}

/// A database in memory (tests, dry runs), with the schema created.
pub fn open_in_memory<S: Schema>(schema: &S) -> Result<Connection, Error> {
    let path = Path::new(":memory:");
    let mut conn = Connection::open_in_memory().map_err(|e| classify(path, S::KIND, e))?;
    set_up(&mut conn, path, schema, None, false, true)?;
    Ok(conn)
}

/// Creates the folder a database goes in (0700, and the folders above it that are
/// missing).
fn create_parent_dir(path: &Path) -> Result<(), Error> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        crate::fsutil::create_private_dir(dir).map_err(|source| Error::CreateDir {
            dir: dir.to_path_buf(),
            source,
        })?;
    }
    Ok(())
}

/// An I/O error met before SQLite opened `path`, as SQLite's "cannot open".
fn io_error(path: &Path, source: std::io::Error) -> Error {
    Error::Sqlite {
        path: path.to_path_buf(),
        source: rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CANTOPEN),
            Some(crate::fsutil::explain(&source)),
        ),
    }
}

/// Whether a database of `kind` at `path` is kept private when mtpe writes to it: a journal
/// or a revision store wherever it is (they hold client texts), any database in mtpe's own
/// folders. A glossary elsewhere keeps the permissions its owner gave it.
pub fn is_private(path: &Path, kind: Kind) -> bool {
    kind != Kind::Glossary || crate::places::is_own_folder(crate::places::folder_of(path))
}

/// Tightens a database of ours, its write-ahead log, its index and, in mtpe's own folders,
/// the folder, to the owner only. Best effort: what cannot be changed (another user's
/// file) is what `mtpe doctor` reports.
fn make_private(path: &Path, kind: Kind) {
    if !is_private(path, kind) {
        return;
    }
    for file in std::iter::once(path.to_path_buf()).chain(crate::places::companions(path)) {
        let _ = crate::fsutil::tighten(&file);
    }
    let folder = crate::places::folder_of(path);
    if crate::places::is_own_folder(folder) {
        let _ = crate::fsutil::tighten(folder);
    }
}

/// What [`erase_free_space`] achieved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Erased {
    /// The write-ahead log was emptied (truncated to nothing). False when another process
    /// was reading the database: the log is emptied by the next erasure or checkpoint.
    pub log_truncated: bool,
}

/// Removes every trace of deleted rows from a database file: rebuilds it (`VACUUM`, its
/// temporary copy kept in memory, not in a temporary folder), then checkpoints the
/// write-ahead log and truncates it, so that a deleted text is in neither the file, its
/// free pages nor the log. Call it outside a transaction.
pub fn erase_free_space(conn: &Connection) -> rusqlite::Result<Erased> {
    conn.execute_batch("PRAGMA temp_store = MEMORY; VACUUM;")?;
    truncate_log(conn)
}

/// Checkpoints the write-ahead log into the database and truncates it to nothing: the
/// pages it held (old versions of rows, deleted texts) are gone from disk.
pub fn truncate_log(conn: &Connection) -> rusqlite::Result<Erased> {
    let busy: i64 = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))?;
    Ok(Erased {
        log_truncated: busy == 0,
    })
}

/// Refuses a database that is not of `S`'s kind: marked as another of mtpe's kinds or as
/// another program's, or, unmarked (written before mtpe marked its files, or by a program
/// that does not mark them), holding tables but not those of `S`'s kind. Reads only.
fn check_kind<S: Schema>(
    conn: &Connection,
    path: &Path,
    header: Option<Header>,
) -> Result<(), Error> {
    let Some(header) = header else {
        return Ok(());
    };
    let wanted = S::KIND;
    if header.application_id == wanted.application_id() {
        return Ok(());
    }
    let other = |found| Error::OtherKind {
        path: path.to_path_buf(),
        found,
        wanted,
    };
    if let Some(found) = Kind::of_application_id(header.application_id) {
        return Err(other(found));
    }
    if header.application_id != 0 {
        return Err(Error::Foreign(path.to_path_buf()));
    }
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
        .and_then(|mut stmt| {
            stmt.query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()
        })
        .map_err(|e| classify(path, wanted, e))?;
    let has_all = |kind: Kind| kind.tables().iter().all(|t| tables.iter().any(|n| n == t));
    if tables.is_empty() || has_all(wanted) {
        return Ok(());
    }
    match Kind::ALL.into_iter().find(|&k| has_all(k)) {
        Some(found) => Err(other(found)),
        None => Err(Error::Foreign(path.to_path_buf())),
    }
}

/// Connection settings, then migrations in one immediate transaction, so that two
/// processes creating a database at once create it once. Nothing is written to a file
/// of another kind ([`check_kind`] comes before the write-ahead log is turned on).
fn set_up<S: Schema>(
    conn: &mut Connection,
    path: &Path,
    schema: &S,
    header: Option<Header>,
    wal: bool,
    creating: bool,
) -> Result<(), Error> {
    let sql = |e| classify(path, S::KIND, e);
    let settings = S::SETTINGS;
    conn.busy_timeout(settings.busy_timeout).map_err(sql)?;
    schema.configure(conn).map_err(sql)?;
    check_kind::<S>(conn, path, header)?;
    conn.pragma_update(None, "foreign_keys", true)
        .map_err(sql)?;
    if wal {
        let mode: String = conn
            .pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))
            .map_err(sql)?;
        if settings.require_wal && !mode.eq_ignore_ascii_case("wal") {
            return Err(Error::NoWal {
                path: path.to_path_buf(),
                mode,
            });
        }
        let synchronous = match settings.synchronous {
            Synchronous::Normal => "NORMAL",
            Synchronous::Full => "FULL",
        };
        conn.pragma_update(None, "synchronous", synchronous)
            .map_err(sql)?;
    }
    let marked = header.is_some_and(|h| h.application_id == S::KIND.application_id());
    if marked && schema.is_current(conn).map_err(sql)? {
        return Ok(());
    }
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(sql)?;
    let found = user_version(&tx).map_err(sql)?;
    if found > S::VERSION {
        return Err(Error::TooNew {
            path: path.to_path_buf(),
            found,
            supported: S::VERSION,
        });
    }
    if found == 0 {
        let tables: i64 = tx
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table'",
                [],
                |r| r.get(0),
            )
            .map_err(sql)?;
        if tables > 0 {
            return Err(Error::Foreign(path.to_path_buf()));
        }
        if S::ONLY_NEW_FILES && !creating {
            return Err(Error::NotFound(path.to_path_buf()));
        }
        schema.create(&tx).map_err(sql)?;
        schema.finish(&tx, found).map_err(sql)?;
    } else if !schema.is_current(&tx).map_err(sql)? {
        run_steps(&tx, S::STEPS, found).map_err(sql)?;
        schema.finish(&tx, found).map_err(sql)?;
    }
    tx.pragma_update(None, "application_id", S::KIND.application_id())
        .map_err(sql)?;
    tx.pragma_update(None, "user_version", S::VERSION)
        .map_err(sql)?;
    tx.commit().map_err(sql)
}

/// Runs the steps that upgrade a database at version `from`.
fn run_steps(tx: &Transaction<'_>, steps: &[Step], from: i64) -> rusqlite::Result<()> {
    for step in steps.iter().filter(|s| s.from >= from) {
        (step.run)(tx)?;
    }
    Ok(())
}

/// `PRAGMA user_version`.
pub fn user_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.pragma_query_value(None, "user_version", |r| r.get(0))
}

/// The `file:` URI that opens `path` as an immutable database (bytes other than unreserved
/// characters and `/` percent-encoded, so that `?`, `#` and `%` in a name stay the name's).
fn immutable_uri(path: &Path) -> String {
    let mut uri = String::from("file:");
    for &b in path.as_os_str().as_encoded_bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            uri.push(char::from(b));
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri.push_str("?immutable=1");
    uri
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A database of one table, upgraded in two steps.
    struct Notes;

    impl Schema for Notes {
        const KIND: Kind = Kind::Journal;
        const VERSION: i64 = 2;
        const SETTINGS: Settings = Settings {
            busy_timeout: Duration::from_secs(1),
            synchronous: Synchronous::Normal,
            require_wal: true,
        };
        const STEPS: &'static [Step] = &[
            Step {
                from: 0,
                run: |tx| {
                    tx.execute_batch(
                        "CREATE TABLE articles (text TEXT NOT NULL); CREATE TABLE ops (x);",
                    )
                },
            },
            Step {
                from: 1,
                run: |tx| tx.execute_batch("ALTER TABLE articles ADD COLUMN at INTEGER;"),
            },
        ];
    }

    /// The same, refusing files it did not create.
    struct Strict;

    impl Schema for Strict {
        const KIND: Kind = Kind::Journal;
        const VERSION: i64 = Notes::VERSION;
        const SETTINGS: Settings = Notes::SETTINGS;
        const STEPS: &'static [Step] = Notes::STEPS;
        const ONLY_NEW_FILES: bool = true;
        const READ_ONLY_FALLBACK: bool = true;
    }

    #[test]
    fn creates_configures_and_upgrades_step_by_step() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/n.sqlite");
        let db = open(&path, Mode::Create, &Notes).unwrap();
        assert!(!db.read_only);
        assert_eq!(user_version(&db.conn).unwrap(), 2);
        let mode: String = db
            .conn
            .pragma_query_value(None, "journal_mode", |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        let fk: bool = db
            .conn
            .pragma_query_value(None, "foreign_keys", |r| r.get(0))
            .unwrap();
        assert!(fk);
        db.conn
            .execute("INSERT INTO articles (text, at) VALUES ('a', 1)", [])
            .unwrap();
        drop(db);
        // A version-1 database gets the second step only, and keeps its rows.
        let old = dir.path().join("old.sqlite");
        let conn = Connection::open(&old).unwrap();
        conn.execute_batch(
            "CREATE TABLE articles (text TEXT NOT NULL); CREATE TABLE ops (x); INSERT INTO articles VALUES ('kept'); PRAGMA user_version = 1;",
        )
        .unwrap();
        drop(conn);
        let db = open(&old, Mode::Existing, &Notes).unwrap();
        let (text, at): (String, Option<i64>) = db
            .conn
            .query_row("SELECT text, at FROM articles", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap();
        assert_eq!((text.as_str(), at), ("kept", None));
        assert_eq!(user_version(&db.conn).unwrap(), 2);
    }

    #[test]
    fn open_errors_name_the_file_and_say_what_is_wrong() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("missing.sqlite");
        assert!(matches!(
            open(&missing, Mode::Existing, &Notes),
            Err(Error::NotFound(p)) if p == missing
        ));
        assert!(!missing.exists());
        let text = dir.path().join("notes.txt");
        std::fs::write(&text, "not a database at all, just some text").unwrap();
        let err = open(&text, Mode::Existing, &Notes).err().unwrap();
        assert!(matches!(err, Error::NotADatabase { .. }), "{err}");
        assert_eq!(err.path(), text);
        assert_eq!(err.reason(), "the file is not an SQLite database");
        assert!(matches!(
            open(&text, Mode::New, &Notes),
            Err(Error::AlreadyExists(_))
        ));
        let newer = dir.path().join("newer.sqlite");
        drop(open(&newer, Mode::Create, &Notes).unwrap());
        Connection::open(&newer)
            .unwrap()
            .pragma_update(None, "user_version", 9)
            .unwrap();
        let err = open(&newer, Mode::Existing, &Notes).err().unwrap();
        assert!(
            matches!(
                err,
                Error::TooNew {
                    found: 9,
                    supported: 2,
                    ..
                }
            ),
            "{err}"
        );
        assert!(err.to_string().starts_with(&newer.display().to_string()));
        let file = dir.path().join("plain-file");
        std::fs::write(&file, "x").unwrap();
        let err = open(&file.join("n.sqlite"), Mode::Create, &Notes)
            .err()
            .unwrap();
        assert!(matches!(err, Error::CreateDir { .. }), "{err}");
        assert!(err.reason().contains("plain-file"), "{err}");
    }

    #[test]
    fn a_strict_schema_refuses_other_databases_and_empty_files() {
        let dir = tempfile::tempdir().unwrap();
        let other = dir.path().join("other.sqlite");
        Connection::open(&other)
            .unwrap()
            .execute_batch("CREATE TABLE t(x);")
            .unwrap();
        let before = std::fs::read(&other).unwrap();
        for result in [
            open(&other, Mode::Existing, &Strict),
            open(&other, Mode::Existing, &Notes),
            open(&other, Mode::Create, &Notes),
        ] {
            assert!(matches!(result, Err(Error::Foreign(_))));
        }
        assert_eq!(std::fs::read(&other).unwrap(), before, "never written");
        let empty = dir.path().join("empty.sqlite");
        std::fs::write(&empty, "").unwrap();
        assert!(matches!(
            open(&empty, Mode::Existing, &Strict),
            Err(Error::NotFound(_))
        ));
    }

    /// A database of `Notes`' kind with a few pages of rows, closed (its log checkpointed).
    fn filled(path: &Path) -> Vec<u8> {
        let db = open(path, Mode::Create, &Notes).unwrap();
        for i in 0..300 {
            db.conn
                .execute(
                    "INSERT INTO articles (text, at) VALUES (?1, ?2)",
                    rusqlite::params![format!("row {i} {}", "x".repeat(100)), i],
                )
                .unwrap();
        }
        drop(db);
        std::fs::read(path).unwrap()
    }

    #[test]
    fn a_file_cut_short_is_damaged_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("n.sqlite");
        let bytes = filled(&path);
        assert!(bytes.len() > 8192);
        for len in [bytes.len() / 2, bytes.len() - 100, 60] {
            std::fs::write(&path, &bytes[..len]).unwrap();
            let err = open(&path, Mode::Create, &Notes).err().unwrap();
            assert!(matches!(err, Error::Damaged { .. }), "{len}: {err}");
            let text = err.to_string();
            assert!(text.contains("cut short"), "{text}");
            assert!(text.contains("mtpe has not written to it"), "{text}");
            assert!(text.contains("move it aside"), "{text}");
            assert_eq!(std::fs::read(&path).unwrap(), &bytes[..len]);
        }
    }

    #[test]
    fn flipped_bytes_inside_are_damage_when_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("n.sqlite");
        let mut bytes = filled(&path);
        let page = usize::from(u16::from_be_bytes([bytes[16], bytes[17]]));
        // The b-tree header of every page but the first.
        for start in (page..bytes.len()).step_by(page) {
            for b in &mut bytes[start..start + 12] {
                *b ^= 0x5a;
            }
        }
        std::fs::write(&path, &bytes).unwrap();
        let db = open(&path, Mode::Existing, &Notes).unwrap();
        let err = db
            .conn
            .query_row("SELECT count(*) FROM articles", [], |r| r.get::<_, i64>(0))
            .unwrap_err();
        assert!(is_damage(&err), "{err}");
        assert!(
            describe(&err).starts_with("the database is damaged"),
            "{err}"
        );
        drop(db);
        assert_eq!(std::fs::read(&path).unwrap(), bytes);
    }

    #[test]
    fn databases_of_another_kind_or_program_are_told_apart() {
        let dir = tempfile::tempdir().unwrap();
        // Another of mtpe's kinds, marked.
        struct Store;
        impl Schema for Store {
            const KIND: Kind = Kind::RevisionStore;
            const VERSION: i64 = 1;
            const SETTINGS: Settings = Notes::SETTINGS;
            const STEPS: &'static [Step] = &[Step {
                from: 0,
                run: |tx| tx.execute_batch("CREATE TABLE texts (x); CREATE TABLE revisions (y);"),
            }];
        }
        let store = dir.path().join("store.sqlite");
        drop(open(&store, Mode::Create, &Store).unwrap());
        let before = std::fs::read(&store).unwrap();
        let err = open(&store, Mode::Create, &Notes).err().unwrap();
        assert!(
            matches!(
                err,
                Error::OtherKind {
                    found: Kind::RevisionStore,
                    wanted: Kind::Journal,
                    ..
                }
            ),
            "{err}"
        );
        assert!(
            err.to_string().ends_with(
                "this is mtpe's revision store, not an edit journal; mtpe has not written to it"
            ),
            "{err}"
        );
        assert_eq!(std::fs::read(&store).unwrap(), before);
        // The same, unmarked (written before the marks): told by its tables.
        Connection::open(&store)
            .unwrap()
            .pragma_update(None, "application_id", 0)
            .unwrap();
        assert!(matches!(
            open(&store, Mode::Create, &Notes),
            Err(Error::OtherKind { .. })
        ));
        // Another program's, with a user_version of its own, or marked by it.
        let other = dir.path().join("other.sqlite");
        let conn = Connection::open(&other).unwrap();
        conn.execute_batch("CREATE TABLE places (url TEXT); PRAGMA user_version = 1;")
            .unwrap();
        drop(conn);
        assert!(matches!(
            open(&other, Mode::Create, &Notes),
            Err(Error::Foreign(_))
        ));
        Connection::open(&other)
            .unwrap()
            .pragma_update(None, "application_id", 0x0f05_5112)
            .unwrap();
        assert!(matches!(
            open(&other, Mode::Create, &Notes),
            Err(Error::Foreign(_))
        ));
        // Its own kind, unmarked: marked on the way (and its rows kept).
        let legacy = dir.path().join("legacy.sqlite");
        filled(&legacy);
        Connection::open(&legacy)
            .unwrap()
            .pragma_update(None, "application_id", 0)
            .unwrap();
        let db = open(&legacy, Mode::Existing, &Notes).unwrap();
        let id: i32 = db
            .conn
            .pragma_query_value(None, "application_id", |r| r.get(0))
            .unwrap();
        assert_eq!(id, Kind::Journal.application_id());
        // A text file is no database.
        let text = dir.path().join("t.sqlite");
        std::fs::write(&text, "source\ttarget\n").unwrap();
        assert!(matches!(
            open(&text, Mode::Create, &Notes),
            Err(Error::NotADatabase { .. })
        ));
        assert_eq!(std::fs::read(&text).unwrap(), b"source\ttarget\n");
    }

    #[test]
    fn a_database_in_memory_gets_its_schema() {
        let conn = open_in_memory(&Notes).unwrap();
        assert_eq!(user_version(&conn).unwrap(), 2);
        conn.execute("INSERT INTO articles (text, at) VALUES ('a', 1)", [])
            .unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn an_unwritable_folder_falls_back_to_reading() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let ro = dir.path().join("ro");
        let path = ro.join("n.sqlite");
        drop(open(&path, Mode::Create, &Strict).unwrap());
        std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).unwrap();
        let writable = std::fs::File::create(ro.join("probe")).is_ok();
        let opened = open(&path, Mode::Existing, &Strict);
        std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o755)).unwrap();
        if writable {
            // Root writes anyway: nothing to fall back from.
            return;
        }
        let opened = opened.unwrap();
        assert!(opened.read_only);
        assert_eq!(user_version(&opened.conn).unwrap(), 2);
    }

    /// A deleted row stays in the file or its log until the free space is erased.
    #[test]
    fn erased_rows_leave_no_trace_in_the_file_or_its_log() {
        let marker = "Qv9-ERASE-ME-0042";
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("n.sqlite");
        let db = open(&path, Mode::Create, &Notes).unwrap();
        db.conn
            .execute(
                "INSERT INTO articles (text, at) VALUES (?1, 1), ('kept', 2)",
                [format!("{marker} {}", "x".repeat(6000))],
            )
            .unwrap();
        truncate_log(&db.conn).unwrap();
        db.conn
            .execute("DELETE FROM articles WHERE at = 1", [])
            .unwrap();
        let files = || std::iter::once(path.clone()).chain(crate::places::companions(&path));
        let holding = || {
            files()
                .filter(|f| {
                    std::fs::read(f)
                        .is_ok_and(|b| b.windows(marker.len()).any(|w| w == marker.as_bytes()))
                })
                .count()
        };
        assert!(holding() > 0, "a plain deletion leaves the text on disk");
        let erased = erase_free_space(&db.conn).unwrap();
        assert!(erased.log_truncated);
        assert_eq!(holding(), 0);
        let kept: String = db
            .conn
            .query_row("SELECT text FROM articles", [], |r| r.get(0))
            .unwrap();
        assert_eq!(kept, "kept");
    }

    #[cfg(unix)]
    #[test]
    fn databases_are_created_private_with_their_logs() {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new/n.sqlite");
        let db = open(&path, Mode::Create, &Notes).unwrap();
        db.conn
            .execute("INSERT INTO articles (text, at) VALUES ('a', 1)", [])
            .unwrap();
        assert_eq!(mode(&dir.path().join("new")), 0o700);
        for file in std::iter::once(path.clone()).chain(crate::places::companions(&path)) {
            if file.exists() {
                assert_eq!(mode(&file), 0o600, "{}", file.display());
            }
        }
        drop(db);
        // A journal open to others is tightened, with its log, when opened again.
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let db = open(&path, Mode::Existing, &Notes).unwrap();
        assert_eq!(mode(&path), 0o600);
        let [wal, shm, _] = crate::places::companions(&path);
        assert_eq!((mode(&wal), mode(&shm)), (0o600, 0o600));
        drop(db);
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
