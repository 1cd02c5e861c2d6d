//! The revision store: every saved corrected version of an article, kept in SQLite with
//! its time, the full corrected text, the original it corrects, the unified diff between
//! them and the summary statistics. The editor records a revision on each save
//! ([`record_save`], or [`Store::record`] on a store it keeps open); `mtpe history`,
//! `mtpe show` and `mtpe diff --rev` read them.
//!
//! The store is one SQLite file: `--store PATH`, else `$MTPE_STORE`, else
//! `history.sqlite3` in mtpe's user data directory ([`store_path`]). It uses write-ahead
//! logging and a busy timeout, so an editor and a CLI command can use it at the same time.
//! Texts are stored once per content hash (SHA-256).

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use crate::diff::ter::ter_percent;
use crate::diff::{Comparison, unified_diff};
use crate::hash::content_hash;
use crate::report::Summary;
use crate::sqlite::{self, Kind, Mode, Schema, Settings, Step, Synchronous};

/// Environment variable naming the store file.
pub const STORE_ENV: &str = "MTPE_STORE";
/// File name of the store in the user data directory.
pub const STORE_FILE: &str = "history.sqlite3";
/// Schema version kept in `PRAGMA user_version`.
const SCHEMA_VERSION: i64 = 1;

/// The store's schema: version 1, texts by hash and the revisions that refer to them.
struct StoreSchema;

impl Schema for StoreSchema {
    const KIND: Kind = Kind::RevisionStore;
    const VERSION: i64 = SCHEMA_VERSION;
    const SETTINGS: Settings = Settings {
        busy_timeout: Duration::from_secs(10),
        synchronous: Synchronous::Normal,
        require_wal: false,
    };
    const STEPS: &'static [Step] = &[Step {
        from: 0,
        run: |tx| tx.execute_batch(SCHEMA),
    }];
}

const SCHEMA: &str = "
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

/// What can go wrong with the store. Every message names the store file or the article.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: cannot open the revision store: {}", sqlite::describe(.source))]
    Open {
        path: String,
        #[source]
        source: rusqlite::Error,
    },
    #[error("{path}: no revision store here yet (nothing has been saved with this store)")]
    Missing { path: String },
    #[error("{path}: cannot create the directory for the revision store: {source}")]
    CreateDir {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "cannot find a user data directory for the revision store; set {STORE_ENV} or pass --store"
    )]
    NoDataDir,
    #[error(
        "{path}: the revision store was written by a newer mtpe (schema {found}; this one reads {SCHEMA_VERSION}); update mtpe"
    )]
    NewerSchema { path: String, found: i64 },
    #[error("{path}: revision store error: {}", sqlite::describe(.source))]
    Sql {
        path: String,
        #[source]
        source: rusqlite::Error,
    },
    /// The file could not be opened for another reason.
    #[error(transparent)]
    Database(sqlite::Error),
    #[error("{path}: a stored revision is damaged: {detail}")]
    Damaged { path: String, detail: String },
    #[error("{article}: no revisions saved")]
    NoRevisions { article: String },
    #[error("{article}: no revision {number} (revisions 1 to {latest} exist)")]
    NoSuchRevision {
        article: String,
        number: u32,
        latest: u32,
    },
}

impl From<sqlite::Error> for StoreError {
    fn from(e: sqlite::Error) -> Self {
        let path = e.path().display().to_string();
        match e {
            sqlite::Error::NotFound(_) => StoreError::Missing { path },
            sqlite::Error::CreateDir { source, .. } => StoreError::CreateDir { path, source },
            sqlite::Error::TooNew { found, .. } => StoreError::NewerSchema { path, found },
            sqlite::Error::NotADatabase { source, .. } | sqlite::Error::Sqlite { source, .. } => {
                StoreError::Open { path, source }
            }
            other => StoreError::Database(other),
        }
    }
}

/// Where the store is: `explicit` (from `--store`), else `$MTPE_STORE`, else the user data
/// directory (`$XDG_DATA_HOME/mtpe` or `~/.local/share/mtpe` on Linux, the platform's
/// equivalent elsewhere).
pub fn store_path(explicit: Option<&Path>) -> Result<PathBuf, StoreError> {
    if let Some(p) = explicit {
        return Ok(p.to_path_buf());
    }
    if let Some(p) = std::env::var_os(STORE_ENV).filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    use etcetera::BaseStrategy;
    let strategy = etcetera::choose_base_strategy().map_err(|_| StoreError::NoDataDir)?;
    Ok(strategy.data_dir().join("mtpe").join(STORE_FILE))
}

/// How an article is identified in the store: its absolute path with symbolic links
/// resolved (or made absolute, if the file no longer exists).
pub fn article_key(article: &Path) -> String {
    let absolute = std::fs::canonicalize(article)
        .unwrap_or_else(|_| std::path::absolute(article).unwrap_or_else(|_| article.to_path_buf()));
    absolute.display().to_string()
}

/// A revision's metadata and statistics.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct RevisionInfo {
    /// 1-based number among the article's revisions.
    pub number: u32,
    /// The article's key (see [`article_key`]).
    pub article: String,
    /// When it was recorded (UTC, ISO 8601).
    pub created_at: String,
    /// SHA-256 of the original text it corrects.
    pub original_sha256: String,
    /// SHA-256 of the corrected text.
    pub sha256: String,
    /// Where the corrected version was saved, if given.
    pub saved_to: Option<String>,
    pub summary: Summary,
}

/// A revision with its texts.
#[derive(Debug, Clone, PartialEq)]
pub struct Revision {
    pub info: RevisionInfo,
    /// The original (machine translation) the revision corrects.
    pub original: String,
    /// The corrected text.
    pub text: String,
    /// The unified diff from the original to the corrected text.
    pub diff: String,
}

/// The result of [`Store::record`].
#[derive(Debug, Clone, PartialEq)]
pub struct Recorded {
    pub info: RevisionInfo,
    /// False when the latest revision already held exactly these texts (nothing added).
    pub created: bool,
}

/// An open revision store.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Store {
    /// Opens the store at `path`, creating it (and its directory) if needed.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        Self::open_as(path, Mode::Create)
    }

    /// Opens an existing store; a missing file is an error, not a new store.
    pub fn open_existing(path: &Path) -> Result<Self, StoreError> {
        Self::open_as(path, Mode::Existing)
    }

    fn open_as(path: &Path, mode: Mode) -> Result<Self, StoreError> {
        let opened = sqlite::open(path, mode, &StoreSchema)?;
        Ok(Store {
            conn: opened.conn,
            path: path.to_path_buf(),
        })
    }

    /// The store's file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn sql(&self, source: rusqlite::Error) -> StoreError {
        StoreError::Sql {
            path: self.path.display().to_string(),
            source,
        }
    }

    /// Records `corrected` as a new revision of `article`, whose machine translation is
    /// `original`; `saved_to` is where the corrected version was written, if anywhere.
    /// Computes the diff and the statistics. When the latest revision holds the same two
    /// texts, nothing is added and that revision is returned.
    pub fn record(
        &mut self,
        article: &Path,
        original: &str,
        corrected: &str,
        saved_to: Option<&Path>,
    ) -> Result<Recorded, StoreError> {
        let comparison = Comparison::new(original, corrected);
        self.record_comparison(article, &comparison, saved_to)
    }

    /// Like [`Store::record`], for a caller that already has the comparison.
    pub fn record_comparison(
        &mut self,
        article: &Path,
        comparison: &Comparison<'_>,
        saved_to: Option<&Path>,
    ) -> Result<Recorded, StoreError> {
        let key = article_key(article);
        let (original, corrected) = (comparison.original, comparison.corrected);
        let original_hash = content_hash(original);
        let hash = content_hash(corrected);
        let name = article.file_name().map_or_else(
            || "article".to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let diff = unified_diff(
            original,
            corrected,
            &format!("a/{name}"),
            &format!("b/{name}"),
        );
        let summary = Summary::new(comparison);
        let stats = serde_json::to_string(&summary).map_err(|e| StoreError::Damaged {
            path: self.path.display().to_string(),
            detail: e.to_string(),
        })?;
        let saved_to = saved_to.map(|p| {
            std::path::absolute(p)
                .unwrap_or_else(|_| p.to_path_buf())
                .display()
                .to_string()
        });
        let path = self.path.display().to_string();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|source| StoreError::Sql {
                path: path.clone(),
                source,
            })?;
        let sql = |source| StoreError::Sql {
            path: path.clone(),
            source,
        };
        let latest: Option<(u32, String, String)> = tx
            .query_row(
                "SELECT number, original_hash, content_hash FROM revisions
                 WHERE article = ?1 ORDER BY number DESC LIMIT 1",
                params![key],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()
            .map_err(sql)?;
        if let Some((number, o, c)) = &latest
            && *o == original_hash
            && *c == hash
        {
            let number = *number;
            drop(tx);
            let info = self.info(&key, number)?;
            return Ok(Recorded {
                info,
                created: false,
            });
        }
        let number = latest.map_or(1, |(n, _, _)| n + 1);
        for (h, body) in [(&original_hash, original), (&hash, corrected)] {
            tx.execute(
                "INSERT OR IGNORE INTO texts (hash, body) VALUES (?1, ?2)",
                params![h, body],
            )
            .map_err(sql)?;
        }
        tx.execute(
            "INSERT INTO revisions
               (article, number, created_at, original_hash, content_hash, saved_to, diff, stats)
             VALUES (?1, ?2, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), ?3, ?4, ?5, ?6, ?7)",
            params![key, number, original_hash, hash, saved_to, diff, stats],
        )
        .map_err(sql)?;
        tx.commit().map_err(sql)?;
        Ok(Recorded {
            info: self.info(&key, number)?,
            created: true,
        })
    }

    fn info(&self, key: &str, number: u32) -> Result<RevisionInfo, StoreError> {
        self.conn
            .query_row(
                "SELECT number, article, created_at, original_hash, content_hash, saved_to, stats
                 FROM revisions WHERE article = ?1 AND number = ?2",
                params![key, number],
                row_info,
            )
            .map_err(|e| self.sql(e))?
            .map_err(|detail| self.damaged(detail))
    }

    fn damaged(&self, detail: String) -> StoreError {
        StoreError::Damaged {
            path: self.path.display().to_string(),
            detail,
        }
    }

    /// The revisions of `article`, oldest first. When none are stored under its path but
    /// `current_text` (the article as it is now) is the original of stored revisions — the
    /// article was moved or renamed — those are returned.
    pub fn revisions(
        &self,
        article: &Path,
        current_text: Option<&str>,
    ) -> Result<Vec<RevisionInfo>, StoreError> {
        let key = self.resolve(article, current_text)?;
        let mut stmt = self
            .conn
            .prepare(
                "SELECT number, article, created_at, original_hash, content_hash, saved_to, stats
                 FROM revisions WHERE article = ?1 ORDER BY number",
            )
            .map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map(params![key], row_info)
            .map_err(|e| self.sql(e))?;
        let mut out = Vec::new();
        for row in rows {
            out.push(row.map_err(|e| self.sql(e))?.map_err(|d| self.damaged(d))?);
        }
        Ok(out)
    }

    /// The article key revisions are stored under: its own, or that of the article whose
    /// latest revision corrects `current_text`.
    fn resolve(&self, article: &Path, current_text: Option<&str>) -> Result<String, StoreError> {
        let key = article_key(article);
        let exists: bool = self
            .conn
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM revisions WHERE article = ?1)",
                params![key],
                |r| r.get(0),
            )
            .map_err(|e| self.sql(e))?;
        if exists {
            return Ok(key);
        }
        if let Some(text) = current_text {
            let moved: Option<String> = self
                .conn
                .query_row(
                    "SELECT article FROM revisions WHERE original_hash = ?1
                     ORDER BY created_at DESC, id DESC LIMIT 1",
                    params![content_hash(text)],
                    |r| r.get(0),
                )
                .optional()
                .map_err(|e| self.sql(e))?;
            if let Some(k) = moved {
                return Ok(k);
            }
        }
        Ok(key)
    }

    /// Revision `number` of `article` (the latest when `number` is `None`), with its texts.
    pub fn revision(
        &self,
        article: &Path,
        current_text: Option<&str>,
        number: Option<u32>,
    ) -> Result<Revision, StoreError> {
        let key = self.resolve(article, current_text)?;
        let latest: Option<u32> = self
            .conn
            .query_row(
                "SELECT MAX(number) FROM revisions WHERE article = ?1",
                params![key],
                |r| r.get(0),
            )
            .map_err(|e| self.sql(e))?;
        let Some(latest) = latest else {
            return Err(StoreError::NoRevisions {
                article: article.display().to_string(),
            });
        };
        let number = number.unwrap_or(latest);
        if number == 0 || number > latest {
            return Err(StoreError::NoSuchRevision {
                article: article.display().to_string(),
                number,
                latest,
            });
        }
        let info = self.info(&key, number)?;
        let (original, text, diff): (String, String, String) = self
            .conn
            .query_row(
                "SELECT o.body, c.body, r.diff FROM revisions r
                 JOIN texts o ON o.hash = r.original_hash
                 JOIN texts c ON c.hash = r.content_hash
                 WHERE r.article = ?1 AND r.number = ?2",
                params![key, number],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .map_err(|e| self.sql(e))?;
        if content_hash(&text) != info.sha256 || content_hash(&original) != info.original_sha256 {
            return Err(self.damaged(format!(
                "revision {number} of {}: text does not match its hash",
                info.article
            )));
        }
        Ok(Revision {
            info,
            original,
            text,
            diff,
        })
    }
}

/// What the editor calls on save: records `corrected` as a revision of `article` (whose
/// machine translation is `original`) in the store named by `store` (`--store`), else by
/// `$MTPE_STORE`, else in the user data directory. Computing the statistics of a large
/// article takes a moment (about 3 s for 10 MB in a release build), so call it off the UI
/// thread.
pub fn record_save(
    store: Option<&Path>,
    article: &Path,
    original: &str,
    corrected: &str,
    saved_to: Option<&Path>,
) -> Result<Recorded, StoreError> {
    let mut store = Store::open(&store_path(store)?)?;
    store.record(article, original, corrected, saved_to)
}

fn row_info(r: &rusqlite::Row<'_>) -> rusqlite::Result<Result<RevisionInfo, String>> {
    let stats: String = r.get(6)?;
    let number: u32 = r.get(0)?;
    Ok(match serde_json::from_str::<Summary>(&stats) {
        Ok(mut summary) => Ok(RevisionInfo {
            number,
            article: r.get(1)?,
            created_at: r.get(2)?,
            original_sha256: r.get(3)?,
            sha256: r.get(4)?,
            saved_to: r.get(5)?,
            summary: {
                // serde_json may read a float back one bit off (12.837837837837839 as
                // 12.83783783783784): the score is recomputed from its exact parts.
                summary.ter = ter_percent(summary.ter_edits, summary.reference_words);
                summary
            },
        }),
        Err(e) => Err(format!("statistics of revision {number}: {e}")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("sub").join("h.sqlite3")).unwrap();
        (dir, store)
    }

    #[test]
    fn records_numbers_and_reads_back() {
        let (dir, mut store) = temp_store();
        let article = dir.path().join("a.txt");
        std::fs::write(&article, "the the cat\n").unwrap();
        let r1 = store
            .record(&article, "the the cat\n", "the cat\n", None)
            .unwrap();
        assert!(r1.created);
        assert_eq!(r1.info.number, 1);
        assert_eq!(r1.info.summary.ter_edits, 1);
        let again = store
            .record(&article, "the the cat\n", "the cat\n", None)
            .unwrap();
        assert!(!again.created);
        assert_eq!(again.info.number, 1);
        let r2 = store
            .record(
                &article,
                "the the cat\n",
                "The cat.\n",
                Some(Path::new("out.txt")),
            )
            .unwrap();
        assert_eq!(r2.info.number, 2);
        assert!(r2.info.saved_to.as_deref().unwrap().ends_with("out.txt"));

        let list = store.revisions(&article, None).unwrap();
        assert_eq!(list.iter().map(|r| r.number).collect::<Vec<_>>(), [1, 2]);
        assert!(list[0].created_at.ends_with('Z'));
        let rev = store.revision(&article, None, Some(1)).unwrap();
        assert_eq!(rev.text, "the cat\n");
        assert_eq!(rev.original, "the the cat\n");
        assert!(
            rev.diff.contains("-the the cat\n+the cat\n"),
            "{}",
            rev.diff
        );
        assert_eq!(
            store.revision(&article, None, None).unwrap().text,
            "The cat.\n"
        );
        let err = store.revision(&article, None, Some(3)).unwrap_err();
        assert!(
            err.to_string()
                .ends_with("no revision 3 (revisions 1 to 2 exist)"),
            "{err}"
        );
    }

    #[test]
    fn finds_a_moved_article_by_content() {
        let (dir, mut store) = temp_store();
        let article = dir.path().join("old.txt");
        store
            .record(&article, "mt text\n", "pe text\n", None)
            .unwrap();
        let moved = dir.path().join("new.txt");
        assert_eq!(store.revisions(&moved, None).unwrap().len(), 0);
        let found = store.revisions(&moved, Some("mt text\n")).unwrap();
        assert_eq!(found.len(), 1);
    }

    #[test]
    fn two_connections_share_the_store() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("h.sqlite3");
        let mut a = Store::open(&path).unwrap();
        let mut b = Store::open(&path).unwrap();
        let article = dir.path().join("x.txt");
        a.record(&article, "a\n", "b\n", None).unwrap();
        let r = b.record(&article, "a\n", "c\n", None).unwrap();
        assert_eq!(r.info.number, 2);
        let mode: String = b
            .conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
    }

    #[test]
    fn missing_store_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let err = Store::open_existing(&dir.path().join("none.sqlite3")).unwrap_err();
        assert!(matches!(err, StoreError::Missing { .. }));
    }

    #[test]
    fn record_save_opens_the_given_store() {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("s.sqlite3");
        let article = dir.path().join("a.txt");
        let r = record_save(Some(&store), &article, "x y\n", "x z\n", None).unwrap();
        assert_eq!((r.info.number, r.info.summary.ter_edits), (1, 1));
        assert!(store.exists());
    }

    #[test]
    fn explicit_path_wins() {
        let p = Path::new("/tmp/explicit.sqlite3");
        assert_eq!(store_path(Some(p)).unwrap(), p);
    }
}
