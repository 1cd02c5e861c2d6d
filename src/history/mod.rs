//! The revision store: every saved corrected version of an article, kept in SQLite with
//! its time, the full corrected text, the original it corrects, the unified diff between
//! them and the summary statistics. The editor records a revision on each save
//! ([`record_save`], or [`Store::record`] on a store it keeps open); `mtpe history`,
//! `mtpe show` and `mtpe diff --rev` read them.
//!
//! Revisions belong to an article, known by its path (absolute, links resolved). An
//! article found under no path of the store, whose text is the original of the revisions
//! of an article whose file is gone, was moved or renamed: its history is that one's
//! ([`Found::Moved`]), and the next revision recorded there moves it to the new path. A
//! copy of an article that is still in place starts a history of its own.
//!
//! The store is one SQLite file: `--store PATH`, else `$MTPE_STORE`, else
//! `history.sqlite3` in mtpe's user data directory ([`store_path`]). It uses write-ahead
//! logging and a busy timeout, so an editor and a CLI command can use it at the same time.
//! Texts are stored once per content hash (SHA-256).
//!
//! Revisions are kept until erased: [`Store::forget`] (an article, or all), and
//! [`Store::prune`] (all but the latest N, or those older than a time). Erasing leaves no
//! trace of the texts: no text is kept that no revision needs, deleted rows are
//! overwritten (`secure_delete`), and the file is rebuilt and its log truncated
//! ([`crate::sqlite::erase_free_space`]).

mod schema;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use crate::diff::ter::ter_percent;
use crate::diff::{Comparison, unified_diff};
use crate::hash::content_hash;
use crate::report::Summary;
use crate::sqlite::{self, Mode};
use schema::StoreSchema;

/// Environment variable naming the store file.
pub const STORE_ENV: &str = "MTPE_STORE";
/// File name of the store in the user data directory.
pub const STORE_FILE: &str = crate::places::STORE_FILE;
/// Schema version kept in `PRAGMA user_version`.
const SCHEMA_VERSION: i64 = schema::VERSION;

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
    #[error("{article}: no revisions saved{}", same_text_hint(.same_text))]
    NoRevisions {
        article: String,
        /// Another article, still in place, with this article's text and revisions.
        same_text: Option<SameText>,
    },
    #[error("{article}: no revision {number} (revisions {first} to {latest} exist)")]
    NoSuchRevision {
        article: String,
        number: u32,
        /// The oldest kept (older ones may have been pruned: those kept follow on).
        first: u32,
        latest: u32,
    },
}

fn same_text_hint(same: &Option<SameText>) -> String {
    same.as_ref()
        .map(|s| format!(" ({})", s.describe()))
        .unwrap_or_default()
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
    Ok(crate::places::data_dir()
        .ok_or(StoreError::NoDataDir)?
        .join(STORE_FILE))
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
    /// The path the store knows the article by: where its latest revision was recorded
    /// (see [`article_key`]).
    pub article: String,
    /// Where the article was when this revision was recorded.
    pub recorded_as: String,
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
    /// How the article's revisions were found.
    pub found: Found,
}

/// How an article's revisions were found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Found {
    /// Under the article's own path (or none there, and none to follow).
    #[default]
    Path,
    /// Under `from`, where there is no file any more, and whose revisions correct the
    /// article's text as it is now: the article was moved or renamed.
    Moved { from: String },
}

impl Found {
    /// What a listing or a report says about it, for the article at `article`.
    pub fn note(&self, article: &Path) -> Option<String> {
        match self {
            Found::Path => None,
            Found::Moved { from } => Some(format!(
                "{}: revisions recorded for {from}, which is gone; this file has the text they \
                 correct (moved or renamed)",
                article.display()
            )),
        }
    }
}

/// Another article with the same text as one that has no revisions (a copy of it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SameText {
    /// The path the store knows it by; a file is there.
    pub article: String,
    /// How many revisions it has.
    pub revisions: u32,
}

impl SameText {
    /// "/x/a.txt has the same text and 2 revisions: mtpe history /x/a.txt".
    pub fn describe(&self) -> String {
        let s = if self.revisions == 1 { "" } else { "s" };
        format!(
            "{} has the same text and {} revision{s}: mtpe history {}",
            self.article, self.revisions, self.article
        )
    }
}

/// An article's revisions, as `mtpe history` lists them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct History {
    /// Oldest first.
    pub revisions: Vec<RevisionInfo>,
    pub found: Found,
    /// With no revisions: another article, still in place, with this one's text.
    pub same_text: Option<SameText>,
}

/// The result of [`Store::record`].
#[derive(Debug, Clone, PartialEq)]
pub struct Recorded {
    pub info: RevisionInfo,
    /// False when the latest revision already held exactly these texts (nothing added).
    pub created: bool,
    /// The article was found by its text under this path, where no file is any more: its
    /// history now continues under the article's path.
    pub moved_from: Option<String>,
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

/// An article of the store, as [`locate`] finds it.
#[derive(Debug)]
struct Located {
    id: i64,
    found: Found,
}

/// What [`locate`] finds.
#[derive(Debug)]
enum Lookup {
    Article(Located),
    Nothing { same_text: Option<(i64, String)> },
}

/// The article at `key`, or, under no path of the store, the one it was moved from: the
/// article with the most recent revision whose original has `text_hash`, of those whose
/// path holds no file any more. One still in place is a copy's original (`same_text`).
fn locate(conn: &Connection, key: &str, text_hash: Option<&str>) -> rusqlite::Result<Lookup> {
    let own: Option<i64> = conn
        .query_row(
            "SELECT id FROM articles WHERE path = ?1",
            params![key],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(id) = own {
        return Ok(Lookup::Article(Located {
            id,
            found: Found::Path,
        }));
    }
    let Some(hash) = text_hash else {
        return Ok(Lookup::Nothing { same_text: None });
    };
    let mut stmt = conn.prepare(
        "SELECT a.id, a.path FROM revisions r JOIN articles a ON a.id = r.article
         WHERE r.original_hash = ?1 GROUP BY a.id ORDER BY MAX(r.id) DESC",
    )?;
    let candidates = stmt
        .query_map(params![hash], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut same_text = None;
    for (id, path) in candidates {
        if std::fs::symlink_metadata(&path).is_err() {
            return Ok(Lookup::Article(Located {
                id,
                found: Found::Moved { from: path },
            }));
        }
        same_text.get_or_insert((id, path));
    }
    Ok(Lookup::Nothing { same_text })
}

const INFO_COLUMNS: &str = "r.number, a.path, r.path, r.created_at, r.original_hash,
     r.content_hash, r.saved_to, r.stats";

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
    /// texts, nothing is added and that revision is returned. The statistics of a
    /// bilingual file (XLIFF, PO, TMX, TSV/CSV) are those of its targets paired unit by
    /// unit, as `mtpe diff` gives them, not of its markup.
    pub fn record(
        &mut self,
        article: &Path,
        original: &str,
        corrected: &str,
        saved_to: Option<&Path>,
    ) -> Result<Recorded, StoreError> {
        let name = article.display().to_string();
        let versions = (
            (name.as_str(), original.as_bytes()),
            (&*name, corrected.as_bytes()),
        );
        if let Ok(Some(units)) = crate::diff::units::pair_versions(versions.0, versions.1) {
            let summary = Summary::new(&Comparison::new(&units.original, &units.corrected));
            return self.record_texts(article, original, corrected, &summary, saved_to);
        }
        let comparison = Comparison::new(original, corrected);
        self.record_comparison(article, &comparison, saved_to)
    }

    /// Like [`Store::record`], for a caller that already has the comparison. An article
    /// the store does not know by its path, but whose text is the original of an article
    /// whose file is gone, continues that one's history, now under its path.
    pub fn record_comparison(
        &mut self,
        article: &Path,
        comparison: &Comparison<'_>,
        saved_to: Option<&Path>,
    ) -> Result<Recorded, StoreError> {
        let summary = Summary::new(comparison);
        let (original, corrected) = (comparison.original, comparison.corrected);
        self.record_texts(article, original, corrected, &summary, saved_to)
    }

    /// Records the two texts with the statistics computed for them.
    fn record_texts(
        &mut self,
        article: &Path,
        original: &str,
        corrected: &str,
        summary: &Summary,
        saved_to: Option<&Path>,
    ) -> Result<Recorded, StoreError> {
        let key = article_key(article);
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
        let stats = serde_json::to_string(summary).map_err(|e| StoreError::Damaged {
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
        let sql = |source| StoreError::Sql {
            path: path.clone(),
            source,
        };
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(sql)?;
        let (id, moved_from) = match locate(&tx, &key, Some(&original_hash)).map_err(sql)? {
            Lookup::Article(Located {
                id,
                found: Found::Moved { from },
            }) => {
                tx.execute(
                    "UPDATE articles SET path = ?1 WHERE id = ?2",
                    params![key, id],
                )
                .map_err(sql)?;
                (id, Some(from))
            }
            Lookup::Article(Located { id, .. }) => (id, None),
            Lookup::Nothing { .. } => {
                tx.execute("INSERT INTO articles (path) VALUES (?1)", params![key])
                    .map_err(sql)?;
                (tx.last_insert_rowid(), None)
            }
        };
        let latest: Option<(u32, String, String)> = tx
            .query_row(
                "SELECT number, original_hash, content_hash FROM revisions
                 WHERE article = ?1 ORDER BY number DESC LIMIT 1",
                params![id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()
            .map_err(sql)?;
        let (number, created) = match latest {
            Some((number, o, c)) if o == original_hash && c == hash => (number, false),
            latest => {
                let number = latest.map_or(1, |(n, _, _)| n + 1);
                for (h, body) in [(&original_hash, original), (&hash, corrected)] {
                    tx.execute(
                        "INSERT OR IGNORE INTO texts (hash, body) VALUES (?1, ?2)",
                        params![h, body],
                    )
                    .map_err(sql)?;
                }
                tx.execute(
                    "INSERT INTO revisions (article, number, path, created_at, original_hash,
                        content_hash, saved_to, diff, stats)
                     VALUES (?1, ?2, ?3, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), ?4, ?5, ?6, ?7, ?8)",
                    params![id, number, key, original_hash, hash, saved_to, diff, stats],
                )
                .map_err(sql)?;
                (number, true)
            }
        };
        // A move is kept even when nothing new is recorded.
        tx.commit().map_err(sql)?;
        Ok(Recorded {
            info: self.info(id, number)?,
            created,
            moved_from,
        })
    }

    fn info(&self, article: i64, number: u32) -> Result<RevisionInfo, StoreError> {
        self.conn
            .query_row(
                &format!(
                    "SELECT {INFO_COLUMNS} FROM revisions r JOIN articles a ON a.id = r.article
                     WHERE r.article = ?1 AND r.number = ?2"
                ),
                params![article, number],
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

    /// The article's revisions, oldest first, and how they were found: those recorded
    /// under its path; else, when `current_text` (the article as it is now) is the
    /// original of the revisions of an article whose file is gone, those (it was moved or
    /// renamed). A copy of an article still in place has none of its own
    /// ([`History::same_text`] names that article).
    pub fn history(
        &self,
        article: &Path,
        current_text: Option<&str>,
    ) -> Result<History, StoreError> {
        let located = match self.locate(article, current_text)? {
            Ok(located) => located,
            Err(same_text) => {
                return Ok(History {
                    revisions: Vec::new(),
                    found: Found::Path,
                    same_text,
                });
            }
        };
        let mut stmt = self
            .conn
            .prepare(&format!(
                "SELECT {INFO_COLUMNS} FROM revisions r JOIN articles a ON a.id = r.article
                 WHERE r.article = ?1 ORDER BY r.number"
            ))
            .map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map(params![located.id], row_info)
            .map_err(|e| self.sql(e))?;
        let mut revisions = Vec::new();
        for row in rows {
            revisions.push(row.map_err(|e| self.sql(e))?.map_err(|d| self.damaged(d))?);
        }
        Ok(History {
            revisions,
            found: located.found,
            same_text: None,
        })
    }

    /// The article whose revisions `article` (whose text is `current_text`, if known) has
    /// ([`locate`]), or, if none, the article with its text that is still in place.
    fn locate(
        &self,
        article: &Path,
        current_text: Option<&str>,
    ) -> Result<Result<Located, Option<SameText>>, StoreError> {
        let hash = current_text.map(content_hash);
        match locate(&self.conn, &article_key(article), hash.as_deref()).map_err(|e| self.sql(e))? {
            Lookup::Article(located) => Ok(Ok(located)),
            Lookup::Nothing { same_text: None } => Ok(Err(None)),
            Lookup::Nothing {
                same_text: Some((id, path)),
            } => Ok(Err(Some(self.same_text(id, path)?))),
        }
    }

    fn same_text(&self, id: i64, path: String) -> Result<SameText, StoreError> {
        let revisions: u32 = self
            .conn
            .query_row(
                "SELECT COUNT(*) FROM revisions WHERE article = ?1",
                params![id],
                |r| r.get(0),
            )
            .map_err(|e| self.sql(e))?;
        Ok(SameText {
            article: path,
            revisions,
        })
    }

    /// The revisions of `article`, oldest first (see [`Store::history`]).
    pub fn revisions(
        &self,
        article: &Path,
        current_text: Option<&str>,
    ) -> Result<Vec<RevisionInfo>, StoreError> {
        Ok(self.history(article, current_text)?.revisions)
    }

    /// Revision `number` of `article` (the latest when `number` is `None`), with its texts,
    /// found as [`Store::history`] finds them.
    pub fn revision(
        &self,
        article: &Path,
        current_text: Option<&str>,
        number: Option<u32>,
    ) -> Result<Revision, StoreError> {
        let located =
            self.locate(article, current_text)?
                .map_err(|same_text| StoreError::NoRevisions {
                    article: article.display().to_string(),
                    same_text,
                })?;
        let range: (Option<u32>, Option<u32>) = self
            .conn
            .query_row(
                "SELECT MIN(number), MAX(number) FROM revisions WHERE article = ?1",
                params![located.id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(|e| self.sql(e))?;
        let (Some(first), Some(latest)) = range else {
            return Err(StoreError::NoRevisions {
                article: article.display().to_string(),
                same_text: None,
            });
        };
        let number = number.unwrap_or(latest);
        let kept: bool = self
            .conn
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM revisions WHERE article = ?1 AND number = ?2)",
                params![located.id, number],
                |r| r.get(0),
            )
            .map_err(|e| self.sql(e))?;
        if !kept {
            return Err(StoreError::NoSuchRevision {
                article: article.display().to_string(),
                number,
                first,
                latest,
            });
        }
        let info = self.info(located.id, number)?;
        let (original, text, diff): (String, String, String) = self
            .conn
            .query_row(
                "SELECT o.body, c.body, r.diff FROM revisions r
                 JOIN texts o ON o.hash = r.original_hash
                 JOIN texts c ON c.hash = r.content_hash
                 WHERE r.article = ?1 AND r.number = ?2",
                params![located.id, number],
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
            found: located.found,
        })
    }
}

/// Which revisions [`Store::prune`] removes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Prune {
    /// Keep the latest N revisions of each article.
    pub keep: Option<u32>,
    /// Remove the revisions recorded more than this long ago.
    pub older_than: Option<std::time::Duration>,
}

/// What an erasure removed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Erased {
    pub revisions: usize,
    /// Articles left with no revision, and so forgotten.
    pub articles: usize,
    /// The store's write-ahead log was truncated too (see [`sqlite::Erased`]).
    pub log_truncated: bool,
}

/// An article of the store, for `mtpe doctor`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct StoredArticle {
    /// The path the store knows it by.
    pub article: String,
    pub revisions: usize,
    /// When the oldest and the latest kept revision were recorded (UTC, ISO 8601).
    pub oldest: String,
    pub latest: String,
}

impl Store {
    /// Opens an existing store for reading only, leaving no file beside it (see
    /// [`sqlite::open_to_inspect`]).
    pub fn open_to_inspect(path: &Path) -> Result<Self, sqlite::Error> {
        Ok(Store {
            conn: sqlite::open_to_inspect(path, &StoreSchema)?,
            path: path.to_path_buf(),
        })
    }

    /// Every article with revisions, by path.
    pub fn inventory(&self) -> Result<Vec<StoredArticle>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT a.path, COUNT(r.id), MIN(r.created_at), MAX(r.created_at)
                 FROM articles a JOIN revisions r ON r.article = a.id
                 GROUP BY a.id ORDER BY a.path",
            )
            .map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map([], |r| {
                Ok(StoredArticle {
                    article: r.get(0)?,
                    revisions: usize::try_from(r.get::<_, i64>(1)?).unwrap_or(0),
                    oldest: r.get(2)?,
                    latest: r.get(3)?,
                })
            })
            .map_err(|e| self.sql(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.sql(e))
    }

    /// Erases every revision of `article` (found by its path, see [`article_key`]), the
    /// article, and the texts no other revision needs; `None` erases every article's.
    /// Then rebuilds the file so that none of it is left on disk.
    pub fn forget(&mut self, article: Option<&Path>) -> Result<Erased, StoreError> {
        let key = article.map(article_key);
        self.erase(
            "DELETE FROM revisions WHERE ?1 IS NULL
                OR article IN (SELECT id FROM articles WHERE path = ?1)",
            params![key],
        )
    }

    /// Erases the revisions `prune` names, of `article` or, with `None`, of every article;
    /// an article left with none is forgotten. Then rebuilds the file (see
    /// [`Store::forget`]).
    pub fn prune(&mut self, article: Option<&Path>, prune: Prune) -> Result<Erased, StoreError> {
        let key = article.map(article_key);
        let keep = prune.keep.map(i64::from);
        let seconds = prune
            .older_than
            .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
        self.erase(
            "DELETE FROM revisions WHERE id IN (
                SELECT r.id FROM revisions r JOIN articles a ON a.id = r.article
                WHERE (?1 IS NULL OR a.path = ?1)
                  AND ((?2 IS NOT NULL AND r.number <= (SELECT MAX(number) - ?2
                            FROM revisions l WHERE l.article = r.article))
                    OR (?3 IS NOT NULL AND r.created_at
                            < strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-' || ?3 || ' seconds'))))",
            params![key, keep, seconds],
        )
    }

    /// Runs `delete` (a deletion of revisions), then drops the articles without revisions
    /// and the texts no revision needs, and erases the free space.
    fn erase(&mut self, delete: &str, params: impl rusqlite::Params) -> Result<Erased, StoreError> {
        let path = self.path.display().to_string();
        let sql = |source| StoreError::Sql {
            path: path.clone(),
            source,
        };
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(sql)?;
        let revisions = tx.execute(delete, params).map_err(sql)?;
        let articles = tx
            .execute(
                "DELETE FROM articles WHERE id NOT IN (SELECT article FROM revisions)",
                [],
            )
            .map_err(sql)?;
        tx.execute(
            "DELETE FROM texts WHERE hash NOT IN (SELECT original_hash FROM revisions)
                AND hash NOT IN (SELECT content_hash FROM revisions)",
            [],
        )
        .map_err(sql)?;
        tx.commit().map_err(sql)?;
        let erased = sqlite::erase_free_space(&self.conn).map_err(sql)?;
        Ok(Erased {
            revisions,
            articles,
            log_truncated: erased.log_truncated,
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
    record_save_keeping(store, article, original, corrected, saved_to, None)
}

/// [`record_save`], then (with `keep_for`) the article's revisions recorded longer ago
/// than that are erased: the editor's `--keep-revisions-for`.
pub fn record_save_keeping(
    store: Option<&Path>,
    article: &Path,
    original: &str,
    corrected: &str,
    saved_to: Option<&Path>,
    keep_for: Option<std::time::Duration>,
) -> Result<Recorded, StoreError> {
    let mut store = Store::open(&store_path(store)?)?;
    let recorded = store.record(article, original, corrected, saved_to)?;
    if let Some(age) = keep_for {
        let prune = Prune {
            keep: None,
            older_than: Some(age),
        };
        store.prune(Some(article), prune)?;
    }
    Ok(recorded)
}

/// A row of [`INFO_COLUMNS`].
fn row_info(r: &rusqlite::Row<'_>) -> rusqlite::Result<Result<RevisionInfo, String>> {
    let stats: String = r.get(7)?;
    let number: u32 = r.get(0)?;
    Ok(match serde_json::from_str::<Summary>(&stats) {
        Ok(mut summary) => Ok(RevisionInfo {
            number,
            article: r.get(1)?,
            recorded_as: r.get(2)?,
            created_at: r.get(3)?,
            original_sha256: r.get(4)?,
            sha256: r.get(5)?,
            saved_to: r.get(6)?,
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
mod tests;
