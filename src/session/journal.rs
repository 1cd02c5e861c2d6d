//! The edit journal: every confirmed change, written durably to SQLite before the screen
//! shows it, so a killed editor loses nothing. Also holds what outlives a session: the
//! issues ignored in each article, the last save, and an unfinished segment edit.
//!
//! One database serves all articles (the user's state directory by default; see
//! [`default_journal_path`]); each article is a row keyed by its canonical path, with the
//! content hash of the text its changes apply to. WAL mode with `synchronous=FULL` makes
//! every commit durable, and a busy timeout lets several editors share the file.
//!
//! Kept no longer than needed: a session that ends cleanly with nothing unsaved drops the
//! article's entries and draft ([`Journal::close_clean`]) unless asked to keep them
//! ([`Journal::keep_history`]); deleted rows are overwritten (`secure_delete`) and the
//! write-ahead log truncated, so that their texts leave the disk. [`forget`] erases an
//! article (or all of them) for good; [`inventory`] tells what is kept, for `mtpe doctor`.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OptionalExtension, params};

use super::ops::{IgnoreKey, Op};
use crate::sqlite::{self, Kind, Mode, Schema, Settings, Step, Synchronous};

/// Environment variable naming the journal database (overrides the default location).
pub const JOURNAL_ENV: &str = "MTPE_JOURNAL";

/// Version of the journal's schema (see [`JournalSchema`]).
const SCHEMA_VERSION: i64 = 2;

/// How an entry changed the session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    /// A new change.
    Do,
    /// The last change undone.
    Undo,
    /// The last undone change done again.
    Redo,
}

impl EntryKind {
    fn as_str(self) -> &'static str {
        match self {
            EntryKind::Do => "do",
            EntryKind::Undo => "undo",
            EntryKind::Redo => "redo",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        match s {
            "do" => Some(EntryKind::Do),
            "undo" => Some(EntryKind::Undo),
            "redo" => Some(EntryKind::Redo),
            _ => None,
        }
    }
}

/// One journal entry. For `Undo` and `Redo` the op is the one undone or redone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub seq: i64,
    pub kind: EntryKind,
    pub op: Op,
    /// Unix time in milliseconds.
    pub at: i64,
}

/// An edit of a segment that was in progress when the editor stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub segment: usize,
    pub text: String,
    /// Byte offset of the cursor in `text`.
    pub cursor: usize,
    pub at: i64,
}

/// What the journal held for an article when it was opened.
#[derive(Debug, Clone, Default)]
pub struct Stored {
    /// Content hash of the text the entries apply to; `None` for an article never opened.
    pub hash: Option<String>,
    pub entries: Vec<Entry>,
    /// Entries up to this sequence number were saved to `saved_output`.
    pub saved_seq: i64,
    pub saved_at: Option<i64>,
    pub saved_output: Option<String>,
    /// The last session ended cleanly (saved or discarded) at this sequence number.
    pub clean_seq: i64,
    pub draft: Option<Draft>,
    pub ignored: Vec<IgnoreKey>,
}

impl Stored {
    /// Entries up to here are accounted for (saved, or left cleanly); those after it are
    /// unsaved changes from a session that did not end cleanly.
    pub fn accounted_seq(&self) -> i64 {
        self.saved_seq.max(self.clean_seq)
    }

    pub fn unaccounted(&self) -> usize {
        let seq = self.accounted_seq();
        self.entries.iter().filter(|e| e.seq > seq).count()
    }
}

/// Why the journal could not be used. Every message names the database file.
#[derive(Debug, thiserror::Error)]
pub enum JournalError {
    #[error("cannot open the journal {path}: {reason}")]
    Open { path: String, reason: String },
    #[error("cannot write the journal {path}: {reason}")]
    Write { path: String, reason: String },
    #[error(
        "{article} is already open in another mtpe (process {pid}); close it there first, or use another journal with --journal"
    )]
    AlreadyOpen { article: String, pid: u32 },
    #[error("the journal {path} holds an entry mtpe cannot read (sequence {seq}): {reason}")]
    Corrupt {
        path: String,
        seq: i64,
        reason: String,
    },
}

/// The journal of one article, open for writing. Dropping it releases the article.
#[derive(Debug)]
pub struct Journal {
    conn: Connection,
    path: PathBuf,
    article: i64,
    next_seq: i64,
    /// Keep the entries after a clean end (resumed next time) instead of dropping them.
    keep: bool,
}

/// `$MTPE_JOURNAL`, else `journal.sqlite` in mtpe's folder of the user's state directory
/// (`$XDG_STATE_HOME/mtpe`, by default `~/.local/state/mtpe`).
pub fn default_journal_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os(JOURNAL_ENV).filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    Some(crate::places::state_dir()?.join(crate::places::JOURNAL_FILE))
}

/// The journal to use: `explicit` (`--journal PATH`), else [`default_journal_path`]; without
/// a home folder, a message saying what to do.
pub fn journal_path(explicit: Option<&Path>) -> Result<PathBuf, String> {
    explicit
        .map(Path::to_path_buf)
        .or_else(default_journal_path)
        .ok_or_else(|| {
            format!("no home folder to keep the journal in; set {JOURNAL_ENV} or use --journal")
        })
}

/// Unix time now, in milliseconds.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

fn process_alive(pid: u32) -> bool {
    let proc_root = Path::new("/proc");
    if !proc_root.join("self").exists() {
        // Without /proc there is no cheap way to tell; treat the lock as stale.
        return false;
    }
    match std::fs::read_to_string(proc_root.join(pid.to_string()).join("stat")) {
        // The state follows the command name in parentheses; a zombie has exited.
        Ok(stat) => stat
            .rsplit_once(')')
            .and_then(|(_, rest)| rest.split_whitespace().next())
            .is_some_and(|state| state != "Z" && state != "X"),
        Err(_) => false,
    }
}

impl Journal {
    /// Opens (creating if needed) the journal database at `db` and the article keyed by
    /// `article` (its canonical path), takes the article's lock, and returns what was stored.
    pub fn open(db: &Path, article: &str) -> Result<(Journal, Stored), JournalError> {
        let conn = sqlite::open(db, Mode::Create, &JournalSchema)
            .map_err(|e| JournalError::Open {
                path: db.display().to_string(),
                reason: e.reason(),
            })?
            .conn;
        let mut journal = Journal {
            conn,
            path: db.to_path_buf(),
            article: 0,
            next_seq: 1,
            keep: false,
        };
        journal.lock_article(article)?;
        let stored = journal.load()?;
        journal.next_seq = stored.entries.last().map_or(1, |e| e.seq + 1);
        Ok((journal, stored))
    }

    fn write_err(&self, e: &rusqlite::Error) -> JournalError {
        JournalError::Write {
            path: self.path.display().to_string(),
            reason: sqlite::describe(e),
        }
    }

    fn lock_article(&mut self, article: &str) -> Result<(), JournalError> {
        let me = std::process::id();
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(|e| self_open_err(&self.path, &e))?;
        let row: Option<(i64, Option<u32>)> = tx
            .query_row(
                "SELECT id, lock_pid FROM articles WHERE path = ?1",
                [article],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(|e| self_open_err(&self.path, &e))?;
        let id = match row {
            Some((_, Some(pid))) if pid != me && process_alive(pid) => {
                return Err(JournalError::AlreadyOpen {
                    article: article.to_string(),
                    pid,
                });
            }
            Some((id, _)) => {
                tx.execute(
                    "UPDATE articles SET lock_pid = ?1 WHERE id = ?2",
                    params![me, id],
                )
                .map_err(|e| self_open_err(&self.path, &e))?;
                id
            }
            None => {
                tx.execute(
                    "INSERT INTO articles (path, lock_pid) VALUES (?1, ?2)",
                    params![article, me],
                )
                .map_err(|e| self_open_err(&self.path, &e))?;
                tx.last_insert_rowid()
            }
        };
        tx.commit().map_err(|e| self_open_err(&self.path, &e))?;
        self.article = id;
        Ok(())
    }

    fn load(&self) -> Result<Stored, JournalError> {
        let err = |e: rusqlite::Error| self_open_err(&self.path, &e);
        let (hash, saved_seq, saved_at, saved_output, clean_seq) = self
            .conn
            .query_row(
                "SELECT hash, saved_seq, saved_at, saved_output, clean_seq FROM articles WHERE id = ?1",
                [self.article],
                |r| {
                    Ok((
                        r.get::<_, Option<String>>(0)?,
                        r.get::<_, i64>(1)?,
                        r.get::<_, Option<i64>>(2)?,
                        r.get::<_, Option<String>>(3)?,
                        r.get::<_, i64>(4)?,
                    ))
                },
            )
            .map_err(err)?;
        let mut stmt = self
            .conn
            .prepare("SELECT seq, kind, op, at FROM ops WHERE article = ?1 ORDER BY seq")
            .map_err(err)?;
        let rows = stmt
            .query_map([self.article], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, i64>(3)?,
                ))
            })
            .map_err(err)?;
        let mut entries = Vec::new();
        for row in rows {
            let (seq, kind, op, at) = row.map_err(err)?;
            let corrupt = |reason: String| JournalError::Corrupt {
                path: self.path.display().to_string(),
                seq,
                reason,
            };
            let kind =
                EntryKind::parse(&kind).ok_or_else(|| corrupt(format!("unknown kind {kind:?}")))?;
            let op: Op = serde_json::from_str(&op).map_err(|e| corrupt(e.to_string()))?;
            entries.push(Entry { seq, kind, op, at });
        }
        let draft = self
            .conn
            .query_row(
                "SELECT segment, text, cursor, at FROM drafts WHERE article = ?1",
                [self.article],
                |r| {
                    Ok(Draft {
                        segment: usize::try_from(r.get::<_, i64>(0)?).unwrap_or(usize::MAX),
                        text: r.get(1)?,
                        cursor: usize::try_from(r.get::<_, i64>(2)?).unwrap_or(0),
                        at: r.get(3)?,
                    })
                },
            )
            .optional()
            .map_err(err)?;
        let mut stmt = self
            .conn
            .prepare(
                "SELECT check_id, text, context, anchor_start, anchor_end FROM ignores WHERE article = ?1 ORDER BY at, check_id, text",
            )
            .map_err(err)?;
        let ignored = stmt
            .query_map([self.article], |r| {
                let start: Option<i64> = r.get(3)?;
                let end: Option<i64> = r.get(4)?;
                let offset = |x: i64| usize::try_from(x).ok();
                Ok(IgnoreKey {
                    check: r.get(0)?,
                    text: r.get(1)?,
                    context: r.get(2)?,
                    anchor: start.zip(end).and_then(|(a, b)| offset(a).zip(offset(b))),
                })
            })
            .map_err(err)?
            .collect::<Result<Vec<_>, _>>()
            .map_err(err)?;
        Ok(Stored {
            hash,
            entries,
            saved_seq,
            saved_at,
            saved_output,
            clean_seq,
            draft,
            ignored,
        })
    }

    /// Where the database is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Starts the article's journal afresh for the text with content hash `hash`:
    /// previous entries and any draft are deleted (ignored issues are kept).
    pub fn reset(&mut self, hash: &str) -> Result<(), JournalError> {
        let tx = self.conn.transaction().map_err(|e| w(&self.path, &e))?;
        tx.execute("DELETE FROM ops WHERE article = ?1", [self.article])
            .map_err(|e| w(&self.path, &e))?;
        tx.execute("DELETE FROM drafts WHERE article = ?1", [self.article])
            .map_err(|e| w(&self.path, &e))?;
        tx.execute(
            "UPDATE articles SET hash = ?1, saved_seq = 0, saved_at = NULL, saved_output = NULL, clean_seq = 0 WHERE id = ?2",
            params![hash, self.article],
        )
        .map_err(|e| w(&self.path, &e))?;
        tx.commit().map_err(|e| w(&self.path, &e))?;
        self.next_seq = 1;
        Ok(())
    }

    /// Records the hash of the text the entries apply to (when first opened).
    pub fn set_hash(&mut self, hash: &str) -> Result<(), JournalError> {
        self.conn
            .execute(
                "UPDATE articles SET hash = ?1 WHERE id = ?2",
                params![hash, self.article],
            )
            .map_err(|e| self.write_err(&e))?;
        Ok(())
    }

    /// Durably appends an entry; for ignore ops the article's ignore list changes in the
    /// same transaction. Returns the entry's sequence number.
    pub fn record(&mut self, kind: EntryKind, op: &Op) -> Result<i64, JournalError> {
        let seq = self.next_seq;
        let json = serde_json::to_string(op).map_err(|e| JournalError::Write {
            path: self.path.display().to_string(),
            reason: e.to_string(),
        })?;
        let ignore_change = match (op, kind) {
            (Op::Ignore { key }, EntryKind::Do | EntryKind::Redo)
            | (Op::Unignore { key }, EntryKind::Undo) => Some((key, true)),
            (Op::Unignore { key }, EntryKind::Do | EntryKind::Redo)
            | (Op::Ignore { key }, EntryKind::Undo) => Some((key, false)),
            (
                Op::Replace { .. }
                | Op::Confirm { .. }
                | Op::Batch { .. }
                | Op::GlossaryEntry { .. }
                | Op::DictionaryWord { .. },
                _,
            ) => None,
        };
        let path = self.path.clone();
        let tx = self.conn.transaction().map_err(|e| w(&path, &e))?;
        tx.execute(
            "INSERT INTO ops (article, seq, kind, op, at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![self.article, seq, kind.as_str(), json, now_ms()],
        )
        .map_err(|e| w(&path, &e))?;
        if let Some((key, ignored)) = ignore_change {
            set_ignored(&tx, self.article, key, ignored).map_err(|e| w(&path, &e))?;
        }
        tx.commit().map_err(|e| w(&path, &e))?;
        self.next_seq += 1;
        Ok(seq)
    }

    /// The sequence number of the last entry (0 when there is none).
    pub fn last_seq(&self) -> i64 {
        self.next_seq - 1
    }

    /// Notes that everything up to the last entry was saved to `output`.
    pub fn mark_saved(&mut self, output: &Path) -> Result<(), JournalError> {
        self.conn
            .execute(
                "UPDATE articles SET saved_seq = ?1, saved_at = ?2, saved_output = ?3 WHERE id = ?4",
                params![
                    self.last_seq(),
                    now_ms(),
                    output.display().to_string(),
                    self.article
                ],
            )
            .map_err(|e| self.write_err(&e))?;
        Ok(())
    }

    /// Keep the entries of a session that ends cleanly (to resume it, undo included, next
    /// time), instead of dropping them ([`Journal::close_clean`]).
    pub fn keep_history(&mut self, keep: bool) {
        self.keep = keep;
    }

    /// The session ends cleanly with nothing unsaved: its entries and draft are dropped and
    /// their texts wiped from the file and its log (the ignored issues stay), unless
    /// [`Journal::keep_history`] asked to keep them ([`Journal::mark_clean`]).
    pub fn close_clean(&mut self) -> Result<(), JournalError> {
        if self.keep {
            return self.mark_clean();
        }
        let path = self.path.clone();
        let tx = self.conn.transaction().map_err(|e| w(&path, &e))?;
        tx.execute("DELETE FROM ops WHERE article = ?1", [self.article])
            .map_err(|e| w(&path, &e))?;
        tx.execute("DELETE FROM drafts WHERE article = ?1", [self.article])
            .map_err(|e| w(&path, &e))?;
        tx.execute(
            "UPDATE articles SET saved_seq = 0, clean_seq = 0 WHERE id = ?1",
            [self.article],
        )
        .map_err(|e| w(&path, &e))?;
        tx.commit().map_err(|e| w(&path, &e))?;
        self.next_seq = 1;
        // Best effort: another editor reading the journal keeps the log until it is done;
        // the deleted rows are zeroed in it already (secure_delete).
        let _ = sqlite::truncate_log(&self.conn);
        Ok(())
    }

    /// Notes that the session ends cleanly with nothing unsaved.
    pub fn mark_clean(&mut self) -> Result<(), JournalError> {
        self.conn
            .execute(
                "UPDATE articles SET clean_seq = ?1 WHERE id = ?2",
                params![self.last_seq(), self.article],
            )
            .map_err(|e| self.write_err(&e))?;
        self.clear_draft()
    }

    /// Deletes the entries after `seq` (unsaved changes the post-editor discarded).
    pub fn discard_after(&mut self, seq: i64) -> Result<(), JournalError> {
        let path = self.path.clone();
        let tx = self.conn.transaction().map_err(|e| w(&path, &e))?;
        tx.execute(
            "DELETE FROM ops WHERE article = ?1 AND seq > ?2",
            params![self.article, seq],
        )
        .map_err(|e| w(&path, &e))?;
        tx.execute("DELETE FROM drafts WHERE article = ?1", [self.article])
            .map_err(|e| w(&path, &e))?;
        tx.execute(
            "UPDATE articles SET clean_seq = ?1 WHERE id = ?2",
            params![seq, self.article],
        )
        .map_err(|e| w(&path, &e))?;
        tx.commit().map_err(|e| w(&path, &e))?;
        self.next_seq = seq + 1;
        Ok(())
    }

    /// Durably keeps an unfinished edit, replacing the previous one.
    pub fn save_draft(
        &mut self,
        segment: usize,
        text: &str,
        cursor: usize,
    ) -> Result<(), JournalError> {
        self.conn
            .execute(
                "INSERT INTO drafts (article, segment, text, cursor, at) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT(article) DO UPDATE SET segment = excluded.segment, text = excluded.text,
                 cursor = excluded.cursor, at = excluded.at",
                params![
                    self.article,
                    i64::try_from(segment).unwrap_or(i64::MAX),
                    text,
                    i64::try_from(cursor).unwrap_or(0),
                    now_ms()
                ],
            )
            .map_err(|e| self.write_err(&e))?;
        Ok(())
    }

    pub fn clear_draft(&mut self) -> Result<(), JournalError> {
        self.conn
            .execute("DELETE FROM drafts WHERE article = ?1", [self.article])
            .map_err(|e| self.write_err(&e))?;
        Ok(())
    }

    /// Marks an issue ignored or not, outside any entry (used when re-applying ignores).
    pub fn set_ignored(&mut self, key: &IgnoreKey, ignored: bool) -> Result<(), JournalError> {
        set_ignored(&self.conn, self.article, key, ignored).map_err(|e| self.write_err(&e))
    }

    /// A unix time in milliseconds as local date and time, e.g. `2024-04-14 05:35`.
    pub fn format_time(&self, at_ms: i64) -> String {
        self.conn
            .query_row(
                "SELECT strftime('%Y-%m-%d %H:%M', ?1 / 1000, 'unixepoch', 'localtime')",
                [at_ms],
                |r| r.get::<_, String>(0),
            )
            .unwrap_or_else(|_| format!("{} s after 1970", at_ms / 1000))
    }
}

#[cfg(test)]
impl Journal {
    /// Makes every later write fail inside SQLite, as a full disk would.
    pub fn break_for_test(&self) {
        let _ = self.conn.execute_batch("PRAGMA query_only = 1;");
    }
}

impl Drop for Journal {
    fn drop(&mut self) {
        // Best effort: a stale lock is recognised by its dead process anyway.
        let _ = self.conn.execute(
            "UPDATE articles SET lock_pid = NULL WHERE id = ?1 AND lock_pid = ?2",
            params![self.article, std::process::id()],
        );
    }
}

fn self_open_err(path: &Path, e: &rusqlite::Error) -> JournalError {
    JournalError::Open {
        path: path.display().to_string(),
        reason: sqlite::describe(e),
    }
}

fn w(path: &Path, e: &rusqlite::Error) -> JournalError {
    JournalError::Write {
        path: path.display().to_string(),
        reason: sqlite::describe(e),
    }
}

fn set_ignored(
    conn: &Connection,
    article: i64,
    key: &IgnoreKey,
    ignored: bool,
) -> rusqlite::Result<()> {
    if ignored {
        let (start, end) = key
            .anchor
            .map(|(a, b)| (i64::try_from(a).ok(), i64::try_from(b).ok()))
            .unwrap_or_default();
        conn.execute(
            "INSERT OR IGNORE INTO ignores (article, check_id, text, context, at, anchor_start, anchor_end) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![article, key.check, key.text, key.context, now_ms(), start, end],
        )?;
    } else {
        conn.execute(
            "DELETE FROM ignores WHERE article = ?1 AND check_id = ?2 AND text = ?3 AND context = ?4",
            params![article, key.check, key.text, key.context],
        )?;
    }
    Ok(())
}

/// The journal's schema: version 1, the articles, their entries, ignores and drafts;
/// version 2, where an ignored issue lies in the machine translation
/// ([`IgnoreKey::anchor`]).
struct JournalSchema;

impl Schema for JournalSchema {
    const KIND: Kind = Kind::Journal;
    const VERSION: i64 = SCHEMA_VERSION;
    const SETTINGS: Settings = Settings {
        busy_timeout: Duration::from_secs(10),
        synchronous: Synchronous::Full,
        require_wal: true,
    };

    /// Deleted entries are overwritten with zeros, not left in free space.
    fn configure(&self, conn: &Connection) -> rusqlite::Result<()> {
        conn.pragma_update(None, "secure_delete", true)
    }

    const STEPS: &'static [Step] = &[
        Step {
            from: 0,
            run: |tx| {
                tx.execute_batch(
                    "CREATE TABLE IF NOT EXISTS articles (
                         id INTEGER PRIMARY KEY,
                         path TEXT NOT NULL UNIQUE,
                         hash TEXT,
                         saved_seq INTEGER NOT NULL DEFAULT 0,
                         saved_at INTEGER,
                         saved_output TEXT,
                         clean_seq INTEGER NOT NULL DEFAULT 0,
                         lock_pid INTEGER
                     );
                     CREATE TABLE IF NOT EXISTS ops (
                         article INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                         seq INTEGER NOT NULL,
                         kind TEXT NOT NULL,
                         op TEXT NOT NULL,
                         at INTEGER NOT NULL,
                         PRIMARY KEY (article, seq)
                     );
                     CREATE TABLE IF NOT EXISTS ignores (
                         article INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                         check_id TEXT NOT NULL,
                         text TEXT NOT NULL,
                         context TEXT NOT NULL,
                         at INTEGER NOT NULL,
                         PRIMARY KEY (article, check_id, text, context)
                     );
                     CREATE TABLE IF NOT EXISTS drafts (
                         article INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
                         segment INTEGER NOT NULL,
                         text TEXT NOT NULL,
                         cursor INTEGER NOT NULL,
                         at INTEGER NOT NULL
                     );",
                )
            },
        },
        Step {
            from: 1,
            run: |tx| {
                tx.execute_batch(
                    "ALTER TABLE ignores ADD COLUMN anchor_start INTEGER;
                     ALTER TABLE ignores ADD COLUMN anchor_end INTEGER;",
                )
            },
        },
    ];
}

/// What [`forget`] erased.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Forgotten {
    /// Articles whose journal was erased.
    pub articles: usize,
    /// Their entries (changes, undos and redos), drafts and ignored issues.
    pub entries: usize,
    /// The write-ahead log was truncated too (see [`sqlite::Erased`]).
    pub log_truncated: bool,
}

/// Which articles [`forget`] erases.
#[derive(Debug, Clone, Copy)]
pub enum Which<'a> {
    /// The article known by this key (its canonical path).
    Article(&'a str),
    All,
}

/// Erases what the journal at `db` holds for `which` (entries, draft, ignored issues, the
/// article's row), then rebuilds the file and truncates its log so that none of it is left
/// on disk. Nothing is erased while an article concerned is open in a running editor
/// ([`JournalError::AlreadyOpen`]). No journal there is nothing to erase.
pub fn forget(db: &Path, which: Which<'_>) -> Result<Forgotten, JournalError> {
    let mut conn = match sqlite::open(db, Mode::Existing, &JournalSchema) {
        Ok(opened) => opened.conn,
        Err(sqlite::Error::NotFound(_)) => {
            return Ok(Forgotten {
                log_truncated: true,
                ..Forgotten::default()
            });
        }
        Err(e) => {
            return Err(JournalError::Open {
                path: db.display().to_string(),
                reason: e.reason(),
            });
        }
    };
    let err = |e: rusqlite::Error| w(db, &e);
    let tx = conn
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .map_err(err)?;
    let (filter, key) = match which {
        Which::Article(key) => ("path = ?1", Some(key)),
        Which::All => ("?1 IS NULL", None),
    };
    let articles: Vec<(i64, String, Option<u32>)> = tx
        .prepare(&format!(
            "SELECT id, path, lock_pid FROM articles WHERE {filter}"
        ))
        .and_then(|mut stmt| {
            stmt.query_map([key], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect()
        })
        .map_err(err)?;
    let me = std::process::id();
    if let Some((_, article, Some(pid))) = articles
        .iter()
        .find(|(_, _, pid)| pid.is_some_and(|p| p != me && process_alive(p)))
    {
        return Err(JournalError::AlreadyOpen {
            article: article.clone(),
            pid: *pid,
        });
    }
    let mut entries = 0;
    for (id, _, _) in &articles {
        for table in ["ops", "drafts", "ignores"] {
            entries += tx
                .execute(&format!("DELETE FROM {table} WHERE article = ?1"), [id])
                .map_err(err)?;
        }
        tx.execute("DELETE FROM articles WHERE id = ?1", [id])
            .map_err(err)?;
    }
    tx.commit().map_err(err)?;
    let erased = sqlite::erase_free_space(&conn).map_err(err)?;
    Ok(Forgotten {
        articles: articles.len(),
        entries,
        log_truncated: erased.log_truncated,
    })
}

/// An article the journal holds something for.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct JournalArticle {
    /// Its key: the canonical path of the article (or `memory:NAME`).
    pub article: String,
    /// Entries kept (changes, undos, redos), saved or not.
    pub entries: usize,
    /// Entries not saved, and an unfinished edit if there is one: what a crash left.
    pub unsaved: usize,
    pub ignored: usize,
    /// A running editor has it open (its process id).
    pub open_in: Option<u32>,
}

/// What a journal holds, read without writing anything.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct JournalInventory {
    pub articles: Vec<JournalArticle>,
}

/// Reads what the journal at `db` holds, per article, opening it for reading only.
pub fn inventory(db: &Path) -> Result<JournalInventory, sqlite::Error> {
    let conn = sqlite::open_to_inspect(db, &JournalSchema)?;
    let sql = |source| sqlite::Error::Sqlite {
        path: db.to_path_buf(),
        source,
    };
    let mut stmt = conn
        .prepare(
            "SELECT a.path,
                (SELECT COUNT(*) FROM ops o WHERE o.article = a.id),
                (SELECT COUNT(*) FROM ops o WHERE o.article = a.id
                    AND o.seq > MAX(a.saved_seq, a.clean_seq))
                  + (SELECT COUNT(*) FROM drafts d WHERE d.article = a.id),
                (SELECT COUNT(*) FROM ignores i WHERE i.article = a.id),
                a.lock_pid
             FROM articles a ORDER BY a.path",
        )
        .map_err(sql)?;
    let rows = stmt
        .query_map([], |r| {
            let count = |i| r.get::<_, i64>(i).map(|n| usize::try_from(n).unwrap_or(0));
            Ok(JournalArticle {
                article: r.get(0)?,
                entries: count(1)?,
                unsaved: count(2)?,
                ignored: count(3)?,
                open_in: r.get::<_, Option<u32>>(4)?.filter(|&p| process_alive(p)),
            })
        })
        .map_err(sql)?;
    let articles = rows.collect::<Result<_, _>>().map_err(sql)?;
    Ok(JournalInventory { articles })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::ops::Cause;

    fn replace(n: usize) -> Op {
        Op::Replace {
            paragraph: n,
            owner: 0,
            at: 0,
            old: "a".into(),
            new: "b".into(),
            touched: vec![(0, 0..1)],
            cause: Cause::Edit,
            lead: 0,
            trail: 0,
        }
    }

    fn key() -> IgnoreKey {
        IgnoreKey {
            check: "repetition.doubled".into(),
            text: "Walla Walla".into(),
            context: "abc".into(),
            anchor: Some((3, 14)),
        }
    }

    #[test]
    fn entries_survive_reopening() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("state/j.sqlite");
        {
            let (mut j, stored) = Journal::open(&db, "/a.txt").unwrap();
            assert!(stored.hash.is_none() && stored.entries.is_empty());
            j.set_hash("h1").unwrap();
            assert_eq!(j.record(EntryKind::Do, &replace(1)).unwrap(), 1);
            assert_eq!(j.record(EntryKind::Undo, &replace(1)).unwrap(), 2);
            j.save_draft(4, "half-typed", 4).unwrap();
        }
        let (j, stored) = Journal::open(&db, "/a.txt").unwrap();
        assert_eq!(stored.hash.as_deref(), Some("h1"));
        let kinds: Vec<EntryKind> = stored.entries.iter().map(|e| e.kind).collect();
        assert_eq!(kinds, [EntryKind::Do, EntryKind::Undo]);
        assert_eq!(stored.entries[0].op, replace(1));
        assert_eq!(stored.unaccounted(), 2);
        let draft = stored.draft.unwrap();
        assert_eq!((draft.segment, draft.text.as_str()), (4, "half-typed"));
        assert_eq!(j.last_seq(), 2);
        // Another article in the same database is separate.
        drop(j);
        let (_, other) = Journal::open(&db, "/b.txt").unwrap();
        assert!(other.entries.is_empty());
    }

    #[test]
    fn saved_and_clean_marks_account_for_entries() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("j.sqlite");
        {
            let (mut j, _) = Journal::open(&db, "/a.txt").unwrap();
            j.record(EntryKind::Do, &replace(1)).unwrap();
            j.mark_saved(Path::new("/a.edited.txt")).unwrap();
            j.record(EntryKind::Do, &replace(2)).unwrap();
        }
        {
            let (mut j, stored) = Journal::open(&db, "/a.txt").unwrap();
            assert_eq!(stored.saved_seq, 1);
            assert_eq!(stored.saved_output.as_deref(), Some("/a.edited.txt"));
            assert_eq!(stored.unaccounted(), 1);
            j.discard_after(stored.accounted_seq()).unwrap();
            assert_eq!(j.record(EntryKind::Do, &replace(3)).unwrap(), 2);
            j.mark_clean().unwrap();
        }
        let (_, stored) = Journal::open(&db, "/a.txt").unwrap();
        assert_eq!(stored.entries.len(), 2);
        assert_eq!(stored.entries[1].op, replace(3));
        assert_eq!(stored.unaccounted(), 0);
    }

    #[test]
    fn ignores_follow_their_entries_and_survive_reset() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("j.sqlite");
        let (mut j, _) = Journal::open(&db, "/a.txt").unwrap();
        j.record(EntryKind::Do, &Op::Ignore { key: key() }).unwrap();
        j.record(EntryKind::Undo, &Op::Ignore { key: key() })
            .unwrap();
        j.record(EntryKind::Redo, &Op::Ignore { key: key() })
            .unwrap();
        j.reset("h2").unwrap();
        drop(j);
        let (_, stored) = Journal::open(&db, "/a.txt").unwrap();
        assert!(stored.entries.is_empty());
        assert_eq!(stored.hash.as_deref(), Some("h2"));
        assert_eq!(stored.ignored, [key()]);
    }

    #[test]
    fn a_version_1_journal_is_migrated_and_keeps_its_ignores() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("j.sqlite");
        {
            // The layout mtpe wrote before ignores had anchors.
            let conn = Connection::open(&db).unwrap();
            conn.execute_batch(
                "CREATE TABLE articles (id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE,
                     hash TEXT, saved_seq INTEGER NOT NULL DEFAULT 0, saved_at INTEGER,
                     saved_output TEXT, clean_seq INTEGER NOT NULL DEFAULT 0, lock_pid INTEGER);
                 CREATE TABLE ops (article INTEGER NOT NULL, seq INTEGER NOT NULL,
                     kind TEXT NOT NULL, op TEXT NOT NULL, at INTEGER NOT NULL,
                     PRIMARY KEY (article, seq));
                 CREATE TABLE ignores (article INTEGER NOT NULL, check_id TEXT NOT NULL,
                     text TEXT NOT NULL, context TEXT NOT NULL, at INTEGER NOT NULL,
                     PRIMARY KEY (article, check_id, text, context));
                 CREATE TABLE drafts (article INTEGER PRIMARY KEY, segment INTEGER NOT NULL,
                     text TEXT NOT NULL, cursor INTEGER NOT NULL, at INTEGER NOT NULL);
                 INSERT INTO articles (id, path, hash) VALUES (1, '/a.txt', 'h1');
                 INSERT INTO ignores VALUES (1, 'repetition.doubled', 'the the', 'abc', 5);
                 PRAGMA user_version = 1;",
            )
            .unwrap();
        }
        let (mut j, stored) = Journal::open(&db, "/a.txt").unwrap();
        let old = IgnoreKey {
            check: "repetition.doubled".into(),
            text: "the the".into(),
            context: "abc".into(),
            anchor: None,
        };
        assert_eq!(stored.ignored, std::slice::from_ref(&old));
        j.record(EntryKind::Do, &Op::Ignore { key: key() }).unwrap();
        drop(j);
        let (_, stored) = Journal::open(&db, "/a.txt").unwrap();
        assert_eq!(stored.ignored, [old, key()], "the anchor is kept");
        let conn = Connection::open(&db).unwrap();
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(version, SCHEMA_VERSION);
    }

    #[test]
    fn a_live_process_holds_the_article() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("j.sqlite");
        let (j, _) = Journal::open(&db, "/a.txt").unwrap();
        // Pretend process 1 (always alive: init) holds it.
        j.conn
            .execute("UPDATE articles SET lock_pid = 1", [])
            .unwrap();
        drop(j);
        let err = Journal::open(&db, "/a.txt").unwrap_err();
        assert!(
            matches!(err, JournalError::AlreadyOpen { pid: 1, .. }),
            "{err}"
        );
        // A dead process's lock is stale.
        let conn = Connection::open(&db).unwrap();
        conn.execute("UPDATE articles SET lock_pid = ?1", [u32::MAX - 7])
            .unwrap();
        assert!(Journal::open(&db, "/a.txt").is_ok());
    }

    #[test]
    fn unusable_location_is_a_clear_error() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("plain-file");
        std::fs::write(&file, "not a database\n".repeat(100)).unwrap();
        let err = Journal::open(&file.join("j.sqlite"), "/a.txt").unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("cannot open the journal "), "{msg}");
        assert!(msg.contains("plain-file"), "{msg}");
        let err = Journal::open(&file, "/a.txt").unwrap_err();
        assert!(err.to_string().contains("not an SQLite database"), "{err}");
    }

    #[test]
    fn a_journal_of_a_newer_mtpe_is_refused_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("j.sqlite");
        drop(Journal::open(&db, "/a.txt").unwrap());
        Connection::open(&db)
            .unwrap()
            .pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
        let msg = Journal::open(&db, "/a.txt").unwrap_err().to_string();
        assert!(msg.starts_with("cannot open the journal "), "{msg}");
        assert!(
            msg.contains("j.sqlite") && msg.contains("newer mtpe"),
            "{msg}"
        );
    }

    #[test]
    fn a_clean_end_drops_the_entries_unless_kept() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("j.sqlite");
        {
            let (mut j, _) = Journal::open(&db, "/a.txt").unwrap();
            j.set_hash("h1").unwrap();
            j.record(EntryKind::Do, &replace(1)).unwrap();
            j.record(EntryKind::Do, &Op::Ignore { key: key() }).unwrap();
            j.save_draft(1, "half", 2).unwrap();
            j.mark_saved(Path::new("/a.edited.txt")).unwrap();
            j.close_clean().unwrap();
            assert_eq!(
                j.record(EntryKind::Do, &replace(2)).unwrap(),
                1,
                "numbered afresh"
            );
            j.close_clean().unwrap();
        }
        let (mut j, stored) = Journal::open(&db, "/a.txt").unwrap();
        assert!(stored.entries.is_empty() && stored.draft.is_none());
        assert_eq!(stored.hash.as_deref(), Some("h1"));
        assert_eq!(stored.ignored, [key()], "ignored issues stay");
        assert_eq!((stored.saved_seq, stored.clean_seq), (0, 0));
        j.keep_history(true);
        j.record(EntryKind::Do, &replace(3)).unwrap();
        j.close_clean().unwrap();
        drop(j);
        let (_, stored) = Journal::open(&db, "/a.txt").unwrap();
        assert_eq!(stored.entries.len(), 1, "kept when asked");
        assert_eq!(stored.unaccounted(), 0);
    }

    #[test]
    fn forgetting_erases_an_article_or_all_and_reports_open_ones() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("j.sqlite");
        for article in ["/a.txt", "/b.txt"] {
            let (mut j, _) = Journal::open(&db, article).unwrap();
            j.record(EntryKind::Do, &replace(1)).unwrap();
            j.record(EntryKind::Do, &Op::Ignore { key: key() }).unwrap();
        }
        let listed = inventory(&db).unwrap();
        assert_eq!(listed.articles.len(), 2);
        assert_eq!(
            (
                listed.articles[0].entries,
                listed.articles[0].unsaved,
                listed.articles[0].ignored
            ),
            (2, 2, 1)
        );
        let gone = forget(&db, Which::Article("/a.txt")).unwrap();
        assert_eq!((gone.articles, gone.entries), (1, 3));
        assert!(gone.log_truncated);
        assert_eq!(inventory(&db).unwrap().articles.len(), 1);
        // One held by a live process (1: init) is not erased, nor is anything else.
        let (j, _) = Journal::open(&db, "/c.txt").unwrap();
        j.conn
            .execute("UPDATE articles SET lock_pid = 1 WHERE path = '/c.txt'", [])
            .unwrap();
        drop(j);
        let err = forget(&db, Which::All).unwrap_err();
        assert!(
            matches!(err, JournalError::AlreadyOpen { pid: 1, .. }),
            "{err}"
        );
        assert_eq!(inventory(&db).unwrap().articles.len(), 2);
        Connection::open(&db)
            .unwrap()
            .execute("UPDATE articles SET lock_pid = NULL", [])
            .unwrap();
        assert_eq!(forget(&db, Which::All).unwrap().articles, 2);
        assert!(inventory(&db).unwrap().articles.is_empty());
        // No journal: nothing to erase, and none is created.
        let missing = dir.path().join("none.sqlite");
        assert_eq!(forget(&missing, Which::All).unwrap().articles, 0);
        assert!(!missing.exists());
    }

    #[test]
    fn times_are_formatted() {
        let dir = tempfile::tempdir().unwrap();
        let (j, _) = Journal::open(&dir.path().join("j.sqlite"), "/a.txt").unwrap();
        let s = j.format_time(1_713_072_900_000);
        assert_eq!(s.len(), "2024-04-14 05:35".len(), "{s}");
        assert!(s.starts_with("2024-04-1"), "{s}");
    }
}
