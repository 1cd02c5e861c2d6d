//! The glossary's tables and their migrations, for the one SQLite opening routine
//! ([`crate::sqlite`]), and the settings of every connection to a glossary.

use std::time::Duration;

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::Fill;
use super::bulk::{ImportState, PreparedEntry};
use crate::check::terminology::normalize::{KEY_VERSION, term_key};
use crate::glossary::snapshot::{self, SNAPSHOT_VERSION};
use crate::sqlite::{Kind, Schema, Settings, Step, Synchronous};

/// Schema version written to `PRAGMA user_version`.
///
/// 1: entries, terms (with their keys) and the term-word index; 2: the term-word index
/// gives way to the matcher snapshot (`snapshot` table, [`snapshot`]); 3: the words the
/// term-word index was built on (the `anchor`, `first` and `last` columns of `term`) go.
pub const SCHEMA_VERSION: i64 = 3;

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

pub(super) const INDEXES: &str = "
CREATE INDEX IF NOT EXISTS term_key ON term(key) WHERE kind = 1;
";

/// A glossary's schema; `fill` is what a new glossary gets.
pub(super) struct GlossarySchema {
    pub fill: Fill,
}

impl Schema for GlossarySchema {
    const KIND: Kind = Kind::Glossary;
    const VERSION: i64 = SCHEMA_VERSION;
    const SETTINGS: Settings = Settings {
        busy_timeout: Duration::from_secs(60),
        synchronous: Synchronous::Normal,
        require_wal: false,
    };
    const STEPS: &'static [Step] = &[
        // 1 → 2: the matcher snapshot replaces the term-word index (built in `finish`).
        Step {
            from: 1,
            run: |tx| {
                tx.execute_batch("DROP INDEX IF EXISTS term_anchor;")?;
                tx.execute_batch(snapshot::SCHEMA)?;
                tx.execute("DELETE FROM meta WHERE name = 'snapshot_version'", [])?;
                Ok(())
            },
        },
        // 2 → 3: the words the term-word index was built on go.
        Step {
            from: 2,
            run: |tx| {
                tx.execute_batch(
                    "ALTER TABLE term DROP COLUMN anchor;
                     ALTER TABLE term DROP COLUMN first;
                     ALTER TABLE term DROP COLUMN last;",
                )
            },
        },
    ];
    const ONLY_NEW_FILES: bool = true;
    const READ_ONLY_FALLBACK: bool = true;

    fn create(&self, tx: &Transaction<'_>) -> rusqlite::Result<()> {
        tx.execute_batch(SCHEMA)?;
        tx.execute_batch(INDEXES)?;
        tx.execute_batch(snapshot::SCHEMA)?;
        set_meta(tx, "key_version", &KEY_VERSION.to_string())?;
        set_meta(tx, "snapshot_version", &SNAPSHOT_VERSION.to_string())
    }

    /// Query plans that do not depend on bound values, and the `rarray` table function.
    /// Without stable plans, SQLite prepared the import's duplicate lookup and entry load
    /// again every time their parameter was bound (counted with `sqlite3_stmt_status`),
    /// and an import merging into a full glossary spent most of its time parsing SQL.
    fn configure(&self, conn: &Connection) -> rusqlite::Result<()> {
        conn.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
            true,
        )?;
        rusqlite::vtab::array::load_module(conn)
    }

    /// The schema, the match keys and the snapshot are those of this version of mtpe.
    fn is_current(&self, conn: &Connection) -> rusqlite::Result<bool> {
        if crate::sqlite::user_version(conn)? != SCHEMA_VERSION {
            return Ok(false);
        }
        Ok(
            get_meta(conn, "key_version")?.as_deref() == Some(KEY_VERSION.to_string().as_str())
                && get_meta(conn, "snapshot_version")?.as_deref()
                    == Some(SNAPSHOT_VERSION.to_string().as_str()),
        )
    }

    /// Keys computed by an older matcher are recomputed, and so is the snapshot; a new
    /// glossary gets its first entries.
    fn finish(&self, tx: &Transaction<'_>, from: i64) -> rusqlite::Result<()> {
        let mut rebuild_snapshot = false;
        if get_meta(tx, "key_version")?.as_deref() != Some(KEY_VERSION.to_string().as_str()) {
            recompute_keys(tx)?;
            rebuild_snapshot = true;
        }
        if get_meta(tx, "snapshot_version")?.as_deref()
            != Some(SNAPSHOT_VERSION.to_string().as_str())
        {
            rebuild_snapshot = true;
        }
        if rebuild_snapshot {
            snapshot::rebuild(tx)?;
            set_meta(tx, "snapshot_version", &SNAPSHOT_VERSION.to_string())?;
        }
        if from == 0 && self.fill == Fill::Shipped {
            let mut state = ImportState::new(tx, true)?;
            for e in crate::glossary::shipped::entries()
                .into_iter()
                .filter_map(|e| PreparedEntry::new(e).ok())
            {
                state.import_one(tx, e)?;
            }
            state.changes.flush(tx, true)?;
        }
        Ok(())
    }
}

/// The current time as the store writes it (UTC, `YYYY-MM-DDTHH:MM:SSZ`), read once per
/// transaction.
pub(super) fn now(conn: &Connection) -> rusqlite::Result<String> {
    conn.query_row("SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now')", [], |r| {
        r.get(0)
    })
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

pub(super) fn recompute_keys(tx: &Transaction<'_>) -> rusqlite::Result<()> {
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
