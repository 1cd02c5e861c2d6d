//! What one write transaction does to the snapshot: the terms of entries added or changed,
//! and the entries whose earlier terms leave it. Collected while the transaction writes
//! the entries, written to the touched shards just before it commits.

use std::collections::HashMap;

use rayon::prelude::*;
use rusqlite::{Connection, OptionalExtension};

use super::pairs::{self, PairFilter};
use super::shard::{self, Record};
use super::{FILTER_ROW, SHARDS, WordKey, rebuild_filter, term_path, write_filter, write_shard};
use crate::check::terminology::WordHasher;
use crate::glossary::EntryData;

/// The snapshot paths of an entry's target terms (see [`term_path`]).
pub(crate) type TermPaths = Vec<(WordKey, Box<[u16]>)>;

/// The paths [`Changes::add_entry`] would add for `data`: pure, so that they can be
/// computed away from the writing thread.
pub(crate) fn term_paths(data: &EntryData) -> TermPaths {
    data.terms
        .iter()
        .filter_map(|t| term_path(&t.text))
        .collect()
}

type IdMap<V> = HashMap<i64, V, std::hash::BuildHasherDefault<WordHasher>>;

/// Pending snapshot changes.
#[derive(Debug, Default)]
pub(crate) struct Changes {
    /// Records to add, with their shard and the generation they were added in.
    added: Vec<(u16, u32, Record)>,
    /// Entries whose earlier records leave the snapshot: the generation of the change and
    /// the shards their earlier terms were in.
    dropped: IdMap<(u32, Vec<u16>)>,
    generation: u32,
}

impl Changes {
    /// Adds a target term of `entry`.
    pub fn add_term(&mut self, entry: i64, text: &str) {
        if let Some((key, rest)) = term_path(text) {
            self.added.push((
                key.shard,
                self.generation,
                Record {
                    root: key.fp,
                    rest,
                    entry,
                },
            ));
        }
    }

    /// Adds the target terms of a new entry.
    pub fn add_entry(&mut self, entry: i64, data: &EntryData) {
        for t in &data.terms {
            self.add_term(entry, &t.text);
        }
    }

    /// Adds the target terms of a new entry by their paths, computed ahead with
    /// [`term_paths`].
    pub fn add_paths(&mut self, entry: i64, paths: TermPaths) {
        let generation = self.generation;
        self.added.extend(paths.into_iter().map(|(key, rest)| {
            (
                key.shard,
                generation,
                Record {
                    root: key.fp,
                    rest,
                    entry,
                },
            )
        }));
    }

    /// Removes the terms `old` (what the entry held until now, stored or added earlier in
    /// this transaction) of `entry`.
    pub fn drop_entry(&mut self, entry: i64, old: &EntryData) {
        self.generation += 1;
        let slot = self
            .dropped
            .entry(entry)
            .or_insert((self.generation, Vec::new()));
        slot.0 = self.generation;
        for t in &old.terms {
            if let Some((key, _)) = term_path(&t.text) {
                slot.1.push(key.shard);
            }
        }
    }

    /// Replaces the terms of `entry`: `old` before, `new` now.
    pub fn replace_entry(&mut self, entry: i64, old: &EntryData, new: &EntryData) {
        self.drop_entry(entry, old);
        self.add_entry(entry, new);
    }

    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.dropped.is_empty()
    }

    /// Writes the changes to the shards they touch and forgets them. `fresh`: the snapshot
    /// table is known to be empty (nothing to read back).
    pub fn flush(&mut self, conn: &Connection, fresh: bool) -> rusqlite::Result<()> {
        if self.is_empty() {
            return Ok(());
        }
        let mut by_shard: Vec<Vec<Record>> = (0..SHARDS).map(|_| Vec::new()).collect();
        let mut touched = vec![false; SHARDS];
        let dropped = std::mem::take(&mut self.dropped);
        for (shard, generation, record) in self.added.drain(..) {
            let live = dropped
                .get(&record.entry)
                .is_none_or(|(g, _)| generation >= *g);
            if live {
                touched[usize::from(shard)] = true;
                by_shard[usize::from(shard)].push(record);
            }
        }
        for (_, shards) in dropped.values() {
            for &s in shards {
                touched[usize::from(s)] = true;
            }
        }
        // Read what the touched shards hold now.
        let mut old: Vec<Option<Vec<u8>>> = (0..SHARDS).map(|_| None).collect();
        if !fresh {
            let mut stmt = conn.prepare_cached("SELECT data FROM snapshot WHERE shard = ?1")?;
            for (s, slot) in old.iter_mut().enumerate() {
                if touched[s] {
                    let mut rows = stmt.query([s as i64])?;
                    if let Some(r) = rows.next()? {
                        *slot = Some(r.get(0)?);
                    }
                }
            }
        }
        // The pairs of the terms added, for the pair filter.
        let mut added_pairs = Vec::new();
        for (s, records) in by_shard.iter().enumerate() {
            pairs::pairs_of_records(s as u16, records, &mut added_pairs);
        }
        // Merge and encode in parallel; write in order.
        let encoded: Vec<(u16, Vec<u8>)> = by_shard
            .into_par_iter()
            .zip(old.into_par_iter())
            .enumerate()
            .filter(|(s, _)| touched[*s])
            .map(|(s, (mut add, old))| {
                let mut records = match old {
                    // A damaged shard is replaced by what this write knows of it; the next
                    // rebuild (any snapshot version change) restores the rest.
                    Some(bytes) => shard::decode(&bytes).unwrap_or_default(),
                    None => Vec::new(),
                };
                if !dropped.is_empty() {
                    records.retain(|r| !dropped.contains_key(&r.entry));
                }
                records.append(&mut add);
                let bytes = if records.is_empty() {
                    Vec::new()
                } else {
                    shard::encode(&mut records)
                };
                (s as u16, bytes)
            })
            .collect();
        for (s, bytes) in encoded {
            write_shard(conn, s, &bytes)?;
        }
        if fresh {
            return write_filter(conn, &PairFilter::from_pairs(&added_pairs));
        }
        // Set the new pairs in the stored filter; build it again when it is full (or
        // missing or damaged).
        let stored: Option<PairFilter> = conn
            .prepare_cached("SELECT data FROM snapshot WHERE shard = ?1")?
            .query_row([FILTER_ROW], |r| {
                Ok(r.get_ref(0)?
                    .as_blob()
                    .ok()
                    .and_then(|b| PairFilter::decode(b).ok()))
            })
            .optional()?
            .flatten();
        if let Some(mut filter) = stored
            && filter.try_insert(&added_pairs)
        {
            return write_filter(conn, &filter);
        }
        rebuild_filter(conn)
    }
}
