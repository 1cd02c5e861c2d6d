//! Bulk import: entries prepared on the reader's thread, written in one transaction,
//! merged into the entries they are the same as.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use rusqlite::{Transaction, TransactionBehavior};

use super::entries::{
    find_same, identity, identity_with, insert_entry, load_entry, preferred_key, replace_entry,
};
use super::schema::{INDEXES, now};
use super::{Glossary, GlossaryError};
use crate::check::terminology::WordHasher;
use crate::glossary::import::ImportError;
use crate::glossary::model::{Entry, EntryData, InvalidEntry, lang_matches};
use crate::glossary::snapshot::{self, Changes};

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

impl Glossary {
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
}

/// An entry made ready for the store: normalised, validated, and with what the store
/// computes from its text (its identity, the key of its preferred term, its terms' paths
/// in the matcher snapshot). Preparing is pure, so an import can prepare entries on the
/// reader's thread while the store writes earlier ones.
#[derive(Debug)]
pub struct PreparedEntry {
    pub(super) data: EntryData,
    /// Hash of [`identity`]: entries with the same identity (and languages) are one.
    pub(super) identity_hash: u64,
    pub(super) preferred_key: String,
    pub(super) paths: snapshot::TermPaths,
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
pub(super) struct ImportState {
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
    pub(super) summary: ImportSummary,
    /// The time written to the entries added or changed.
    now: String,
    /// What the entries written change in the matcher snapshot.
    pub(super) changes: Changes,
}

impl ImportState {
    pub(super) fn new(tx: &Transaction<'_>, was_empty: bool) -> rusqlite::Result<Self> {
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
    pub(super) fn import_one(
        &mut self,
        tx: &Transaction<'_>,
        entry: PreparedEntry,
    ) -> rusqlite::Result<i64> {
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
