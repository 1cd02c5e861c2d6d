//! Selecting the entries a document can contain: the document's words walked through the
//! matcher snapshot (cached while the glossary is unchanged), then only the entries found
//! read and indexed for the terminology checks.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::Arc;

use rusqlite::{Connection, Transaction};

use super::entries::status_of;
use super::schema::GlossarySchema;
use super::{Fill, Glossary, GlossaryError};
use crate::check::terminology::normalize::lower;
use crate::check::terminology::{
    DocumentWords, IndexedEntry, TermIndex, Vocabulary, WordHasher, WordSet, word_hash,
};
use crate::glossary::model::lang_matches;
use crate::glossary::snapshot::{self, Snapshot, SnapshotError, WordKey};
use crate::sqlite;

/// Documents with at most this many bytes of prose read the snapshot's pair filter first,
/// then only the shards where it says a term can start, when that is a small part of the
/// snapshot.
const SELECTIVE_MAX_BYTES: usize = 256 * 1024;

/// What a cached snapshot was read from: the connection's `data_version` (which changes
/// when another connection commits) and this connection's own commits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct StoreState {
    data_version: i64,
    writes: u64,
}

impl Glossary {
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

    /// Reads the whole matcher snapshot now and keeps it while the glossary is unchanged:
    /// for a run over many small documents, each of which would otherwise read the shards
    /// it needs from the file.
    pub fn preload_snapshot(&self) -> Result<(), GlossaryError> {
        let tx = self.conn.unchecked_transaction().map_err(|e| self.sql(e))?;
        self.snapshot_for(&tx, None).map(drop)
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

    /// The entries for documents in `target_lang` whose terms can occur in a text with
    /// `vocabulary` (all entries for that language without one), as a matcher.
    pub fn term_index(
        &self,
        target_lang: &str,
        vocabulary: Option<&Vocabulary>,
    ) -> Result<TermIndex, GlossaryError> {
        let entries = match vocabulary {
            Some(v) => self.vocabulary_entries(target_lang, v)?,
            None => self.all_entries(target_lang)?,
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
        let keys = |words: &WordSet| -> (Set<WordKey>, Set<u32>) {
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
    fn all_entries(&self, target_lang: &str) -> Result<Vec<IndexedEntry>, GlossaryError> {
        let sql = |e| self.sql(e);
        let max_id: i64 = self
            .conn
            .query_row("SELECT coalesce(max(id), 0) FROM entry", [], |r| r.get(0))
            .map_err(sql)?;
        // The whole glossary: a large read, split by id between this connection and a
        // second, read-only one on another thread when the glossary is a file.
        let split = (max_id > 20_000 && self.path.exists()).then_some(max_id / 2);
        let Some(mid) = split else {
            return load_range(&self.conn, target_lang, 0, i64::MAX).map_err(sql);
        };
        std::thread::scope(|scope| {
            let path = &self.path;
            let upper = scope.spawn(move || -> Result<_, GlossaryError> {
                let conn = sqlite::open_read_only(path, &GlossarySchema { fill: Fill::Empty })?;
                load_range(&conn, target_lang, mid, i64::MAX).map_err(|source| {
                    GlossaryError::Sqlite {
                        path: path.clone(),
                        source,
                    }
                })
            });
            let mut lower = load_range(&self.conn, target_lang, 0, mid).map_err(sql)?;
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
