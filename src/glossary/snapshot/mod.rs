//! The matcher snapshot: every target term of the glossary as the fingerprints of its
//! lower-cased words, stored with the glossary in `SHARDS` rows of the `snapshot` table
//! (shard = bits of the first word's hash) and kept up to date in the transaction of every
//! write, so that it can never be stale.
//!
//! It answers one question fast: which entries can have a term in this document? A check
//! reads the snapshot (all of it in one table scan, or for a small document the stored
//! filter of word pairs and then only the shards where that filter says a term can
//! start), walks the document's words through it ([`scan`]), and then
//! fetches from the store only the entries found there, to build the exact matcher
//! ([`TermIndex`](crate::check::terminology::TermIndex)) over them. Fingerprints may
//! collide; that only adds an entry to fetch, never loses one, because the snapshot's
//! word keys are the trie's word hashes.

mod changes;
mod pairs;
pub(crate) mod scan;
mod shard;
mod verify;

use std::ops::Range;
use std::sync::OnceLock;

use rusqlite::{Connection, params};

pub(crate) use changes::{Changes, TermPaths, term_paths};
pub(crate) use pairs::PairFilter;
use shard::{Damaged, Header, ShardView};
pub(crate) use verify::verify;

use crate::check::terminology::normalize::lower;
use crate::check::terminology::word_hash;
use crate::check::text::words;

/// Bits of a word hash that choose its shard.
const SHARD_BITS: u32 = 12;
/// Number of shards.
pub(crate) const SHARDS: usize = 1 << SHARD_BITS;
/// Version of the snapshot's layout and keys: a glossary whose snapshot has another
/// version gets it rebuilt when it is opened. 2: the pair filter is stored too; 3: words
/// hash their apostrophes as `'`.
pub(crate) const SNAPSHOT_VERSION: u32 = 3;

/// The row of the `snapshot` table that holds the [`PairFilter`] (the shards are rows
/// `0..SHARDS`).
pub(crate) const FILTER_ROW: i64 = -1;

/// The table that holds the snapshot.
pub(crate) const SCHEMA: &str =
    "CREATE TABLE IF NOT EXISTS snapshot (shard INTEGER PRIMARY KEY, data BLOB NOT NULL);";

/// Where a word lives in the snapshot: its shard (as a first word) and its fingerprint.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct WordKey {
    pub shard: u16,
    pub fp: u32,
}

impl WordKey {
    /// The key of a word hash (see [`word_hash`]).
    pub fn of(hash: u64) -> Self {
        // The word hash is FNV-1a, whose high bits mix poorly: finish it (splitmix64).
        let mut z = hash;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^= z >> 31;
        WordKey {
            shard: (z >> (64 - SHARD_BITS)) as u16,
            fp: z as u32,
        }
    }

    /// The fingerprint of the word as the snapshot stores a term's other words: 16 bits
    /// (in a `u32`).
    pub fn rest(&self) -> u32 {
        self.fp & 0xffff
    }

    /// The key of a text word as written.
    #[cfg(test)]
    pub fn of_text_word(word: &str) -> Self {
        Self::of(crate::check::terminology::text_word_hash(word))
    }
}

/// The snapshot path of a target term: its first word's key and the other words'
/// fingerprints; `None` for a term without words.
pub(crate) fn term_path(text: &str) -> Option<(WordKey, Box<[u16]>)> {
    let ws = words(text);
    let mut keys = ws
        .iter()
        .map(|w| WordKey::of(word_hash(&lower(w.text(text)))));
    let first = keys.next()?;
    Some((first, keys.map(|k| k.rest() as u16).collect()))
}

/// What went wrong reading a snapshot.
#[derive(Debug)]
pub(crate) enum SnapshotError {
    Sqlite(rusqlite::Error),
    /// A shard is not laid out as the writer lays it out.
    Damaged(i64),
}

impl From<rusqlite::Error> for SnapshotError {
    fn from(e: rusqlite::Error) -> Self {
        SnapshotError::Sqlite(e)
    }
}

/// Shards read from the store, searched in place.
#[derive(Debug, Default)]
pub(crate) struct Snapshot {
    /// The shards' bytes, one after another.
    bytes: Vec<u8>,
    /// Where each shard's bytes are in `bytes` (empty for a shard not read or empty), and
    /// its header.
    spans: Vec<(Range<usize>, Header)>,
    /// The filter of its word pairs, made when a large document first needs it.
    pairs: OnceLock<PairFilter>,
}

impl Snapshot {
    /// Reads every shard and the pair filter (one table scan).
    pub fn read_all(conn: &Connection) -> Result<Self, SnapshotError> {
        let mut stmt = conn.prepare_cached("SELECT shard, data FROM snapshot")?;
        let rows = stmt.query([])?;
        let snap = Self::read_rows(rows)?;
        let has_shards = snap.spans.iter().any(|(span, _)| !span.is_empty());
        if has_shards && !snap.has_pair_filter() {
            return Err(SnapshotError::Damaged(FILTER_ROW));
        }
        Ok(snap)
    }

    /// Reads the stored pair filter: `None` for an empty snapshot (no rows at all).
    pub fn read_filter(conn: &Connection) -> Result<Option<PairFilter>, SnapshotError> {
        let mut stmt = conn.prepare_cached("SELECT data FROM snapshot WHERE shard = ?1")?;
        let mut rows = stmt.query([FILTER_ROW])?;
        if let Some(row) = rows.next()? {
            let data = row
                .get_ref(0)?
                .as_blob()
                .map_err(|_| SnapshotError::Damaged(FILTER_ROW))?;
            return PairFilter::decode(data)
                .map(Some)
                .map_err(|Damaged| SnapshotError::Damaged(FILTER_ROW));
        }
        drop(rows);
        let any: bool = conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM snapshot)")?
            .query_row([], |r| r.get(0))?;
        if any {
            return Err(SnapshotError::Damaged(FILTER_ROW));
        }
        Ok(None)
    }

    /// Reads the given shards only (sorted, distinct), with `filter` (read before).
    pub fn read_some(
        conn: &Connection,
        shards: &[u16],
        filter: Option<PairFilter>,
    ) -> Result<Self, SnapshotError> {
        let ids: Vec<rusqlite::types::Value> = shards
            .iter()
            .map(|&s| rusqlite::types::Value::Integer(i64::from(s)))
            .collect();
        let mut stmt =
            conn.prepare_cached("SELECT shard, data FROM snapshot WHERE shard IN rarray(?1)")?;
        let rows = stmt.query([std::rc::Rc::new(ids)])?;
        let snap = Self::read_rows(rows)?;
        if let Some(filter) = filter {
            let _ = snap.pairs.set(filter);
        }
        Ok(snap)
    }

    fn read_rows(mut rows: rusqlite::Rows<'_>) -> Result<Self, SnapshotError> {
        let mut snap = Snapshot {
            bytes: Vec::new(),
            spans: vec![(0..0, Header::default()); SHARDS],
            pairs: OnceLock::new(),
        };
        while let Some(row) = rows.next()? {
            let shard: i64 = row.get(0)?;
            let data = row
                .get_ref(1)?
                .as_blob()
                .map_err(|_| SnapshotError::Damaged(shard))?;
            if shard == FILTER_ROW {
                let filter =
                    PairFilter::decode(data).map_err(|Damaged| SnapshotError::Damaged(shard))?;
                let _ = snap.pairs.set(filter);
                continue;
            }
            let slot = usize::try_from(shard)
                .ok()
                .filter(|&s| s < SHARDS)
                .ok_or(SnapshotError::Damaged(shard))?;
            let header = ShardView::new(data)
                .map_err(|Damaged| SnapshotError::Damaged(shard))?
                .header_of();
            let start = snap.bytes.len();
            snap.bytes.extend_from_slice(data);
            snap.spans[slot] = (start..snap.bytes.len(), header);
        }
        Ok(snap)
    }

    /// The filter of its word pairs (as stored; made on first use for a snapshot read
    /// without it).
    pub fn pair_filter(&self) -> &PairFilter {
        self.pairs.get_or_init(|| PairFilter::build(self))
    }

    /// The same shards without their pair filter (tests: the walk word by word).
    #[cfg(test)]
    pub fn without_filter(self) -> Self {
        Snapshot {
            pairs: OnceLock::new(),
            ..self
        }
    }

    /// Whether the filter of word pairs is made.
    pub fn has_pair_filter(&self) -> bool {
        self.pairs.get().is_some()
    }

    /// Shard `shard` (empty if it holds nothing or was not read).
    pub fn shard(&self, shard: u16) -> ShardView<'_> {
        let (span, header) = &self.spans[usize::from(shard)];
        ShardView::with_header(&self.bytes[span.clone()], *header)
    }

    /// The entries with a term whose words all satisfy `fits` (first word by key, the
    /// others by fingerprint; `last` tells whether the word is the term's last).
    pub fn select(&self, fits: impl Fn(Option<u16>, u32, bool) -> bool) -> Vec<i64> {
        let mut out = Vec::new();
        for s in 0..SHARDS {
            let view = self.shard(s as u16);
            for (root, range) in view.roots() {
                for i in range {
                    let k = view.rest_len(i);
                    if fits(Some(s as u16), root, k == 0)
                        && (0..k).all(|d| fits(None, view.rest_fp(i, d), d + 1 == k))
                    {
                        out.push(view.entry(i));
                    }
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// Rebuilds the whole snapshot from the stored terms (new schema, changed keys).
pub(crate) fn rebuild(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute("DELETE FROM snapshot", [])?;
    let mut changes = Changes::default();
    {
        let mut stmt = conn.prepare("SELECT entry_id, text FROM term WHERE kind > 0")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let text = r.get_ref(1)?.as_str()?;
            changes.add_term(id, text);
        }
    }
    changes.flush(conn, true)
}

/// Writes the pair filter.
fn write_filter(conn: &Connection, filter: &PairFilter) -> rusqlite::Result<()> {
    conn.prepare_cached("INSERT OR REPLACE INTO snapshot(shard, data) VALUES (?1, ?2)")?
        .execute(params![FILTER_ROW, filter.encode()])?;
    Ok(())
}

/// Builds the pair filter again from the stored shards and writes it.
fn rebuild_filter(conn: &Connection) -> rusqlite::Result<()> {
    let mut pairs = Vec::new();
    let mut stmt = conn.prepare_cached("SELECT shard, data FROM snapshot WHERE shard >= 0")?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let shard: i64 = row.get(0)?;
        // A damaged shard adds nothing here; reading it for a check reports it.
        let Ok(data) = row.get_ref(1)?.as_blob() else {
            continue;
        };
        if let (Ok(shard), Ok(view)) = (u16::try_from(shard), ShardView::new(data)) {
            pairs::pairs_of_view(shard, &view, &mut pairs);
        }
    }
    write_filter(conn, &PairFilter::from_pairs(&pairs))
}

/// Writes one encoded shard; empty bytes delete it.
fn write_shard(conn: &Connection, shard: u16, bytes: &[u8]) -> rusqlite::Result<()> {
    if bytes.is_empty() {
        conn.prepare_cached("DELETE FROM snapshot WHERE shard = ?1")?
            .execute([i64::from(shard)])?;
    } else {
        conn.prepare_cached("INSERT OR REPLACE INTO snapshot(shard, data) VALUES (?1, ?2)")?
            .execute(params![i64::from(shard), bytes])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod key_tests {
    use super::*;

    #[test]
    fn text_words_and_term_words_share_keys() {
        let (first, rest) = term_path("Network  Power").unwrap();
        assert_eq!(first, WordKey::of_text_word("NETWORK"));
        assert_eq!(rest[..], [WordKey::of_text_word("power").rest() as u16]);
        let (first, rest) = term_path("Été").unwrap();
        assert_eq!(first, WordKey::of_text_word("éTÉ"));
        assert!(rest.is_empty());
        assert!(term_path("—").is_none());
    }
}
