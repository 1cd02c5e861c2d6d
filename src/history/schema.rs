//! The revision store's schema and its upgrades (`PRAGMA user_version`, through
//! [`crate::sqlite`]).
//!
//! - 1: texts by content hash; revisions keyed by the article's path.
//! - 2: articles of their own (`articles`: the path the store knows each by), revisions
//!   belonging to an article and keeping the path it had when they were recorded, so that
//!   a moved or renamed article takes its history along and a copy starts its own.

use std::time::Duration;

use rusqlite::Transaction;

use crate::sqlite::{Kind, Schema, Settings, Step, Synchronous};

/// Schema version kept in `PRAGMA user_version`.
pub(super) const VERSION: i64 = 2;

/// The store's schema.
pub(super) struct StoreSchema;

impl Schema for StoreSchema {
    const KIND: Kind = Kind::RevisionStore;
    const VERSION: i64 = VERSION;
    const SETTINGS: Settings = Settings {
        busy_timeout: Duration::from_secs(10),
        synchronous: Synchronous::Normal,
        require_wal: false,
    };
    const STEPS: &'static [Step] = &[
        Step {
            from: 0,
            run: |tx| tx.execute_batch(VERSION_1),
        },
        Step {
            from: 1,
            run: articles_of_their_own,
        },
    ];

    /// Deleted revisions are overwritten with zeros, not left in free space.
    fn configure(&self, conn: &rusqlite::Connection) -> rusqlite::Result<()> {
        conn.pragma_update(None, "secure_delete", true)
    }
}

/// Version 1, as mtpe first wrote it (every store is created through it).
const VERSION_1: &str = "
CREATE TABLE IF NOT EXISTS texts (
    hash TEXT PRIMARY KEY,
    body TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS revisions (
    id INTEGER PRIMARY KEY,
    article TEXT NOT NULL,
    number INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    original_hash TEXT NOT NULL REFERENCES texts(hash),
    content_hash TEXT NOT NULL REFERENCES texts(hash),
    saved_to TEXT,
    diff TEXT NOT NULL,
    stats TEXT NOT NULL,
    UNIQUE (article, number)
);
CREATE INDEX IF NOT EXISTS revisions_by_original ON revisions(original_hash);
";

/// 1 → 2: one `articles` row per path revisions were recorded under; each revision
/// belongs to its article (`article` is now its id) and keeps that path (`path`). Ids,
/// numbers and everything else are kept.
fn articles_of_their_own(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    tx.execute_batch(
        "
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE
);
INSERT INTO articles (path)
    SELECT article FROM revisions GROUP BY article ORDER BY MIN(id);
CREATE TABLE revisions_2 (
    id INTEGER PRIMARY KEY,
    article INTEGER NOT NULL REFERENCES articles(id),
    number INTEGER NOT NULL,
    path TEXT NOT NULL,
    created_at TEXT NOT NULL,
    original_hash TEXT NOT NULL REFERENCES texts(hash),
    content_hash TEXT NOT NULL REFERENCES texts(hash),
    saved_to TEXT,
    diff TEXT NOT NULL,
    stats TEXT NOT NULL,
    UNIQUE (article, number)
);
INSERT INTO revisions_2
    (id, article, number, path, created_at, original_hash, content_hash, saved_to, diff, stats)
    SELECT r.id, a.id, r.number, r.article, r.created_at, r.original_hash, r.content_hash,
           r.saved_to, r.diff, r.stats
    FROM revisions r JOIN articles a ON a.path = r.article;
DROP TABLE revisions;
ALTER TABLE revisions_2 RENAME TO revisions;
CREATE INDEX revisions_by_original ON revisions(original_hash);
",
    )
}
