//! The document's words walked through the snapshot: the entries that can have a term in
//! it, and the word positions where one can start. A superset of what the exact matcher
//! finds: every word the trie would step on (as written, or a base form for a term's
//! last word) is looked up here by the same hash, so nothing the matcher would find is
//! left out, and the matcher need only try those positions.
//!
//! Two ways, the same result: with the snapshot's pair filter (stored with it), which
//! rules out most words without touching the shards (a small document on this thread, a
//! large one in parallel); or, for a small document in a snapshot read without its filter,
//! looking each distinct word up in the snapshot once, keeping what the walk needs of it
//! per occurrence small (24 bytes: its fingerprint and a filter of the second words of the
//! terms it starts). Either way the shards are read only where two consecutive words can
//! start a term, or a word can be a one-word term; [`shards_needed`] says which those are,
//! so that a small document reads only them.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::ops::Range;
use std::sync::Arc;

use rayon::prelude::*;

use super::pairs::{END, PairFilter};
use super::shard::ShardView;
use super::{Snapshot, WordKey};
use crate::check::terminology::{
    DocumentWords, ParagraphStarts, SplitWords, WordHasher, may_be_inflected,
    may_be_inflected_bytes, split_hashed, text_word_forms, text_word_hash,
};
use crate::check::text::{Word, words};
use crate::document::Document;

/// What a scan found.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Found {
    /// Entries that can have a term in the document, by id, ascending.
    pub entries: Vec<i64>,
    /// The prose paragraphs where a term can be, in document order, with the words where
    /// one can start.
    pub paragraphs: Vec<ParagraphStarts>,
}

/// A one-word term is the word or one of its base forms.
const SINGLE: u8 = 1;
/// Longer terms start with the word as written.
const LONGER: u8 = 2;
/// The word may be inflected: its base forms are in `Cold::forms`.
const INFLECTED: u8 = 4;

/// What the walk needs of a distinct word at each occurrence.
#[derive(Debug, Clone, Copy, Default)]
struct Hot {
    /// The word's hash (the key it was found by, for words that cannot be inflected).
    hash: u64,
    /// Fingerprint of the word as written, as a term's other word ([`WordKey::rest`]).
    fp: u32,
    /// With `filter_bits` 0: the fingerprint of the one word that follows this one in the
    /// longer terms it starts; else where their filter starts in `Words::filters`.
    second: u32,
    /// Size of that filter (`1 << filter_bits` bits; bit `fp % size` set for each second
    /// word), or 0.
    filter_bits: u8,
    flags: u8,
    /// The shard of the word as written.
    shard: u16,
}

impl Hot {
    /// Whether a longer term starting with this word can go on with fingerprint `fp`.
    fn may_go_on(&self, fp: u32, filters: &[u64]) -> bool {
        if self.filter_bits == 0 {
            return self.second == fp;
        }
        let bit = fp as usize & ((1usize << self.filter_bits) - 1);
        filters
            .get(self.second as usize + bit / 64)
            .is_some_and(|w| w >> (bit % 64) & 1 == 1)
    }
}

/// What the walk needs of a distinct word only where a term can start.
#[derive(Debug, Clone, Default)]
struct Cold {
    /// Fingerprints of the base forms (inflected words), as a term's other word.
    forms: [u32; 4],
    n_forms: u8,
    /// The records of the longer terms that start with the word as written.
    longer: (u32, u32),
}

/// Word ids by word hash: an open-addressing table of (high half of the hash, id + 1),
/// at most 3/4 full; the whole hash is compared in `Hot`.
#[derive(Default)]
struct IdsByHash {
    slots: Vec<u64>,
    len: usize,
}

impl IdsByHash {
    /// The first slot to try for a hash: from its high half, which the slot keeps.
    fn slot(&self, hash: u64) -> usize {
        let bits = self.slots.len().trailing_zeros();
        ((hash >> 32).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - bits)) as usize
    }

    fn get(&self, hash: u64, hot: &[Hot]) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let tag = hash >> 32;
        let mut i = self.slot(hash);
        loop {
            let slot = self.slots[i];
            if slot == 0 {
                return None;
            }
            if slot >> 32 == tag {
                let id = (slot as u32).wrapping_sub(1);
                if hot.get(id as usize).is_some_and(|h| h.hash == hash) {
                    return Some(id);
                }
            }
            i = (i + 1) & mask;
        }
    }

    fn insert(&mut self, hash: u64, id: u32) {
        if (self.len + 1) * 4 > self.slots.len() * 3 {
            let size = (self.slots.len() * 2).max(4096);
            let old = std::mem::replace(&mut self.slots, vec![0; size]);
            self.len = 0;
            for slot in old.into_iter().filter(|&s| s != 0) {
                self.put(slot);
            }
        }
        self.put((hash >> 32) << 32 | u64::from(id + 1));
    }

    fn put(&mut self, slot: u64) {
        let mask = self.slots.len() - 1;
        let mut i = self.slot(slot);
        while self.slots[i] != 0 {
            i = (i + 1) & mask;
        }
        self.slots[i] = slot;
        self.len += 1;
    }
}

/// One thread's distinct words.
struct Words<'t> {
    /// Words that cannot be inflected, by hash: all the walk needs of them follows from
    /// their hash (the trie keys words by it too).
    by_hash: IdsByHash,
    /// Words that may be inflected, by text (their base forms depend on more).
    by_text: HashMap<&'t str, u32, BuildHasherDefault<WordHasher>>,
    hot: Vec<Hot>,
    cold: Vec<Cold>,
    /// The words' second-word filters.
    filters: Vec<u64>,
    /// Entries of one-word terms met while looking words up.
    entries: Vec<i64>,
}

impl<'t> Words<'t> {
    fn new() -> Self {
        Words {
            by_hash: IdsByHash::default(),
            by_text: HashMap::default(),
            hot: Vec::new(),
            cold: Vec::new(),
            filters: Vec::new(),
            entries: Vec::new(),
        }
    }

    fn id(&mut self, snap: &Snapshot, word: &'t str) -> u32 {
        let by_hash = !may_be_inflected(word);
        let hash = if by_hash {
            let hash = text_word_hash(word);
            if let Some(id) = self.by_hash.get(hash, &self.hot) {
                return id;
            }
            hash
        } else {
            if let Some(&id) = self.by_text.get(word) {
                return id;
            }
            0
        };
        let id = u32::try_from(self.hot.len()).unwrap_or(u32::MAX);
        self.look_up(snap, word);
        if by_hash {
            self.hot[id as usize].hash = hash;
            self.by_hash.insert(hash, id);
        } else {
            self.by_text.insert(word, id);
        }
        id
    }

    /// Looks a new word up in the snapshot; appends its `Hot` and `Cold`.
    fn look_up(&mut self, snap: &Snapshot, word: &str) {
        let mut hashes = [0u64; 5];
        let n = text_word_forms(word, &mut hashes);
        let mut hot = Hot::default();
        let mut cold = Cold::default();
        if n > 1 {
            hot.flags |= INFLECTED;
        }
        for (f, &h) in hashes[..n].iter().enumerate() {
            let key = WordKey::of(h);
            if f == 0 {
                hot.fp = key.rest();
            } else {
                cold.forms[f - 1] = key.rest();
                cold.n_forms = f as u8;
            }
            let view = snap.shard(key.shard);
            let Some(all) = view.root(key.fp) else {
                continue;
            };
            let ending = view.ending(&all, 0);
            if !ending.is_empty() {
                hot.flags |= SINGLE;
                self.entries.extend(view.entries(ending.clone()));
            }
            if f == 0 && ending.end < all.end {
                hot.flags |= LONGER;
                hot.shard = key.shard;
                cold.longer = (to_u32(ending.end), to_u32(all.end));
                let first = view.rest_fp(ending.end, 0);
                if (ending.end..all.end).all(|i| view.rest_fp(i, 0) == first) {
                    hot.second = first;
                } else {
                    // About 16 bits a term, at least 128: few false hits, and small.
                    let bits = (16 * (all.end - ending.end)).next_power_of_two().max(128);
                    hot.second = to_u32(self.filters.len());
                    hot.filter_bits = bits.trailing_zeros() as u8;
                    self.filters.resize(self.filters.len() + bits / 64, 0);
                    let filter = &mut self.filters[hot.second as usize..];
                    for i in ending.end..all.end {
                        let bit = view.rest_fp(i, 0) as usize & (bits - 1);
                        filter[bit / 64] |= 1 << (bit % 64);
                    }
                }
            }
        }
        self.hot.push(hot);
        self.cold.push(cold);
    }

    /// The fingerprints of word `id`'s forms: as written, then its base forms.
    fn forms(&self, id: u32) -> impl Iterator<Item = u32> + '_ {
        let hot = &self.hot[id as usize];
        let cold = &self.cold[id as usize];
        let n = if hot.flags & INFLECTED != 0 {
            usize::from(cold.n_forms)
        } else {
            0
        };
        std::iter::once(hot.fp).chain(cold.forms[..n].iter().copied())
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The prose paragraphs of a document: index and text.
fn prose(doc: &Document) -> Vec<(usize, &str)> {
    doc.paragraphs()
        .iter()
        .enumerate()
        .filter(|(_, p)| p.kind.is_prose())
        .map(|(i, p)| (i, doc.slice(p.span.clone())))
        .collect()
}

/// The shards that a scan of `doc` with the pair filter `filter` reads: those where its
/// filter says a term can start. Sorted, distinct. `words`: the document's words if they
/// were split before (else they are split here).
pub(crate) fn shards_needed(
    doc: &Document,
    filter: &PairFilter,
    words: Option<&Arc<DocumentWords>>,
) -> Vec<u16> {
    let mut shards = vec![false; super::SHARDS];
    let split = split_of(doc, words);
    let mut own = OwnSplit::default();
    let mut words = ParagraphWords::default();
    for (paragraph, text) in prose(doc) {
        let (ws, hashes) = own.words(split.map(|s| &**s), paragraph, text);
        words.read(text, ws, hashes);
        for i in 0..words.tokens.len() {
            if words.probe(filter, i, |k| shards[usize::from(k.shard)] = true) {
                shards[usize::from(words.tokens[i].0.shard)] = true;
            }
        }
    }
    (0..super::SHARDS)
        .filter(|&s| shards[s])
        .map(|s| s as u16)
        .collect()
}

/// Documents with more prose than this are walked in parallel; smaller ones on this
/// thread (the rule checks keep the thread pool busy meanwhile, and waiting for it would
/// cost more than the walk).
const PARALLEL_MIN_BYTES: usize = 512 * 1024;

/// Walks `doc`'s prose through `snap` (whose shards must include
/// [`shards_needed`]`(doc)` for its pair filter) with its pair filter, or, for a small
/// document in a snapshot read without one, word by word. `words`: the document's words
/// if they were split before (the rule checks read the same ones).
pub(crate) fn scan(snap: &Snapshot, doc: &Document, words: Option<&Arc<DocumentWords>>) -> Found {
    let split = split_of(doc, words);
    let paragraphs = prose(doc);
    let bytes: usize = paragraphs.iter().map(|(_, t)| t.len()).sum();
    let mut found = if bytes > PARALLEL_MIN_BYTES {
        let filter = snap.pair_filter();
        let chunk = (paragraphs.len() / (4 * rayon::current_num_threads().max(1))).max(32);
        merge(
            paragraphs
                .par_chunks(chunk)
                .map(|part| scan_filtered(snap, filter, split, part))
                .collect(),
        )
    } else if snap.has_pair_filter() {
        scan_filtered(snap, snap.pair_filter(), split, &paragraphs)
    } else {
        scan_by_word(snap, &paragraphs)
    };
    found.entries.sort_unstable();
    found.entries.dedup();
    found
}

fn merge(parts: Vec<Found>) -> Found {
    let mut found = Found::default();
    for mut p in parts {
        found.entries.append(&mut p.entries);
        found.paragraphs.append(&mut p.paragraphs);
    }
    found
}

/// The walk with a table of each distinct word's lookups.
/// The walk with a table of each distinct word's lookups, on this thread (a small
/// document: the rule checks run on the others meanwhile).
fn scan_by_word(snap: &Snapshot, paragraphs: &[(usize, &str)]) -> Found {
    scan_part(snap, &mut Words::new(), paragraphs)
}

fn scan_part<'t>(snap: &Snapshot, table: &mut Words<'t>, part: &[(usize, &'t str)]) -> Found {
    let mut found = Found::default();
    let mut ids: Vec<u32> = Vec::new();
    let mut starts: Vec<u32> = Vec::new();
    for &(paragraph, text) in part {
        let ws = words(text);
        ids.clear();
        ids.extend(ws.iter().map(|w| table.id(snap, w.text(text))));
        starts.clear();
        walk(snap, table, &ids, &mut starts, &mut found.entries);
        if !starts.is_empty() {
            found.paragraphs.push(ParagraphStarts {
                paragraph,
                words: SplitWords::Own(ws),
                starts: starts.clone(),
            });
        }
    }
    found.entries.append(&mut table.entries);
    found
}

/// Walks one paragraph's words (ids into `table`): pushes the positions where a term can
/// start to `starts`, and the entries of the longer terms found to `entries`.
fn walk(
    snap: &Snapshot,
    table: &Words<'_>,
    ids: &[u32],
    starts: &mut Vec<u32>,
    entries: &mut Vec<i64>,
) {
    let hot = &table.hot;
    for i in 0..ids.len() {
        let a = &hot[ids[i] as usize];
        let mut start = a.flags & SINGLE != 0;
        if a.flags & LONGER != 0 && i + 1 < ids.len() {
            let next = ids[i + 1];
            let b = &hot[next as usize];
            let may = a.may_go_on(b.fp, &table.filters)
                || (b.flags & INFLECTED != 0
                    && table
                        .forms(next)
                        .skip(1)
                        .any(|fp| a.may_go_on(fp, &table.filters)));
            if may && walk_from(snap, table, a, ids[i], &ids[i + 1..], entries) {
                start = true;
            }
        }
        if start {
            starts.push(to_u32(i));
        }
    }
}

/// Follows the longer terms that start with word `first` through the words after it
/// (`rest`); adds the entries of those that end there to `entries`. Whether any did.
fn walk_from(
    snap: &Snapshot,
    table: &Words<'_>,
    a: &Hot,
    first: u32,
    rest: &[u32],
    entries: &mut Vec<i64>,
) -> bool {
    let view = snap.shard(a.shard);
    let (lo, hi) = table.cold[first as usize].longer;
    follow(
        &view,
        lo as usize..hi as usize,
        rest.iter().map(|&next| table.forms(next)),
        entries,
    )
}

/// Follows the terms of `range` (the longer terms starting with one word) through the
/// following words, each given as the fingerprints of its forms (as written first); adds
/// the entries of those that end there to `entries`. Whether any did.
fn follow<F: Iterator<Item = u32>>(
    view: &ShardView<'_>,
    mut range: Range<usize>,
    rest: impl Iterator<Item = F>,
    entries: &mut Vec<i64>,
) -> bool {
    let mut found = false;
    for (depth, mut forms) in rest.enumerate() {
        // Terms ending here: on the word as written, or on one of its base forms.
        let mut on_word = view.narrow(&range, depth, forms.next().unwrap_or(0));
        let ending = view.ending(&on_word, depth + 1);
        if !ending.is_empty() {
            found = true;
            entries.extend(view.entries(ending.clone()));
        }
        for fp in forms {
            let ending = view.ending(&view.narrow(&range, depth, fp), depth + 1);
            if !ending.is_empty() {
                found = true;
                entries.extend(view.entries(ending));
            }
        }
        // Longer terms go on through the word as written.
        on_word.start = ending.end;
        range = on_word;
        if range.is_empty() {
            break;
        }
    }
    found
}

/// The snapshot keys of a text word's base forms (a word that may be inflected), and how
/// many there are.
fn base_forms(word: &str) -> ([WordKey; 4], usize) {
    let mut out = [WordKey::default(); 4];
    if !may_be_inflected(word) {
        return (out, 0);
    }
    let mut hashes = [0u64; 5];
    let n = text_word_forms(word, &mut hashes);
    for (slot, &h) in out.iter_mut().zip(&hashes[1..n]) {
        *slot = WordKey::of(h);
    }
    (out, n - 1)
}

/// `words` if they were split from `doc` (anything else is not used).
fn split_of<'w>(
    doc: &Document,
    words: Option<&'w Arc<DocumentWords>>,
) -> Option<&'w Arc<DocumentWords>> {
    words.filter(|w| w.is_for(doc))
}

/// A paragraph's words and hashes, split here when they were not before.
#[derive(Default)]
struct OwnSplit {
    ws: Vec<Word>,
    hashes: Vec<u64>,
}

impl OwnSplit {
    /// The words of prose paragraph `paragraph` (text `text`) and their hashes: from
    /// `split` if it has them, else split now.
    fn words<'s>(
        &'s mut self,
        split: Option<&'s DocumentWords>,
        paragraph: usize,
        text: &str,
    ) -> (&'s [Word], &'s [u64]) {
        if let Some(found) = split.and_then(|s| s.paragraph(paragraph)) {
            return found;
        }
        self.ws.clear();
        self.hashes.clear();
        split_hashed(text, &mut self.ws, &mut self.hashes);
        (&self.ws, &self.hashes)
    }
}

/// One paragraph's words as the walk with the pair filter sees them.
#[derive(Default)]
struct ParagraphWords {
    /// Per word: its key, and where its base forms are in `forms` (`NONE`: it has none).
    tokens: Vec<(WordKey, u32)>,
    forms: Vec<([WordKey; 4], usize)>,
}

/// A word without base forms.
const NONE: u32 = u32::MAX;

impl ParagraphWords {
    /// Looks up the keys of the words `ws` of `text`, whose hashes are `hashes`.
    fn read(&mut self, text: &str, ws: &[Word], hashes: &[u64]) {
        self.tokens.clear();
        self.forms.clear();
        for (w, &h) in ws.iter().zip(hashes) {
            let at = if text
                .as_bytes()
                .get(w.start..w.end)
                .is_some_and(may_be_inflected_bytes)
            {
                self.forms.push(base_forms(w.text(text)));
                to_u32(self.forms.len() - 1)
            } else {
                NONE
            };
            self.tokens.push((WordKey::of(h), at));
        }
    }

    /// The keys of the base forms at `at` (a token's second half).
    #[inline]
    fn base(&self, at: u32) -> &[WordKey] {
        match self.forms.get(at as usize) {
            Some((keys, n)) => &keys[..*n],
            None => &[],
        }
    }

    /// The fingerprints of word `i` as a term's other word: as written, then its base
    /// forms.
    fn rest_of(&self, i: usize) -> impl Iterator<Item = u32> + '_ {
        let (key, at) = self.tokens[i];
        std::iter::once(key.rest()).chain(self.base(at).iter().map(|k| k.rest()))
    }

    /// What the filter says of word `i`: `single` gets each key (the word's or a base
    /// form's) that can be a one-word term; returns whether a longer term can start there
    /// (with the word as written).
    #[inline]
    fn probe(&self, filter: &PairFilter, i: usize, mut single: impl FnMut(WordKey)) -> bool {
        let (key, at) = self.tokens[i];
        if filter.may_contain(key, END) {
            single(key);
        }
        for &k in self.base(at) {
            if filter.may_contain(k, END) {
                single(k);
            }
        }
        let Some(&(next, next_at)) = self.tokens.get(i + 1) else {
            return false;
        };
        filter.may_contain(key, next.rest())
            || self
                .base(next_at)
                .iter()
                .any(|k| filter.may_contain(key, k.rest()))
    }
}

/// The walk over some paragraphs, skipping with the pair filter the words where no term
/// can start.
fn scan_filtered(
    snap: &Snapshot,
    filter: &PairFilter,
    split: Option<&Arc<DocumentWords>>,
    part: &[(usize, &str)],
) -> Found {
    let mut found = Found::default();
    let mut own = OwnSplit::default();
    let mut words = ParagraphWords::default();
    let mut starts: Vec<u32> = Vec::new();
    for &(paragraph, text) in part {
        let (ws, hashes) = own.words(split.map(|s| &**s), paragraph, text);
        words.read(text, ws, hashes);
        starts.clear();
        for i in 0..words.tokens.len() {
            let mut start = false;
            // One-word terms: the word or one of its base forms.
            let longer = words.probe(filter, i, |k| {
                let view = snap.shard(k.shard);
                if let Some(all) = view.root(k.fp) {
                    let ending = view.ending(&all, 0);
                    if !ending.is_empty() {
                        start = true;
                        found.entries.extend(view.entries(ending));
                    }
                }
            });
            // Longer terms.
            if longer {
                let key = words.tokens[i].0;
                let view = snap.shard(key.shard);
                if let Some(all) = view.root(key.fp) {
                    let ending = view.ending(&all, 0);
                    let rest = (i + 1..words.tokens.len()).map(|j| words.rest_of(j));
                    if follow(&view, ending.end..all.end, rest, &mut found.entries) {
                        start = true;
                    }
                }
            }
            if start {
                starts.push(to_u32(i));
            }
        }
        if !starts.is_empty() {
            found.paragraphs.push(ParagraphStarts {
                paragraph,
                words: match split.filter(|s| s.paragraph(paragraph).is_some()) {
                    Some(split) => SplitWords::Shared(Arc::clone(split), paragraph),
                    None => SplitWords::Own(ws.to_vec()),
                },
                starts: starts.clone(),
            });
        }
    }
    found
}
