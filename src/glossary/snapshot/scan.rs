//! The document's words walked through the snapshot: the entries that can have a term in
//! it, and the paragraphs where one can be. A superset of what the exact matcher finds:
//! every word the trie would step on (as written, or a base form for a term's last word)
//! is looked up by the same hash here, so nothing the matcher would find is left out.
//!
//! Each distinct word is looked up once per thread (its forms, the terms starting with it
//! and a 64-bit mask of their second words); the walk over the text then touches the
//! shards only where two consecutive words can start a term.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::ops::Range;

use rayon::prelude::*;

use super::{Snapshot, WordKey};
use crate::check::terminology::{WordHasher, text_word_forms};
use crate::check::text::words;
use crate::document::Document;

/// What a scan found.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Found {
    /// Entries that can have a term in the document, by id, ascending.
    pub entries: Vec<i64>,
    /// Prose paragraphs (indices) where a term can be, ascending.
    pub paragraphs: Vec<usize>,
}

/// A distinct word of the text, as the walk needs it.
#[derive(Debug, Clone)]
struct WordInfo {
    /// Fingerprints of the word's forms: as written first, then its base forms.
    fps: [u32; 5],
    forms: u8,
    /// Whether a one-word term is the word or one of its base forms.
    single: bool,
    /// The shard of the word as written.
    shard: u16,
    /// The records of longer terms that start with the word as written.
    longer: Range<u32>,
    /// Bit `fp % 64` set for the second word of each of those terms.
    second: u64,
}

/// Per-thread lookups of distinct words.
struct Words<'t> {
    ids: HashMap<&'t str, u32, BuildHasherDefault<WordHasher>>,
    infos: Vec<WordInfo>,
    /// Entries of one-word terms met while looking words up.
    entries: Vec<i64>,
}

impl<'t> Words<'t> {
    fn new() -> Self {
        Words {
            ids: HashMap::default(),
            infos: Vec::new(),
            entries: Vec::new(),
        }
    }

    fn id(&mut self, snap: &Snapshot, word: &'t str) -> u32 {
        if let Some(&id) = self.ids.get(word) {
            return id;
        }
        let info = self.look_up(snap, word);
        let id = u32::try_from(self.infos.len()).unwrap_or(u32::MAX);
        self.infos.push(info);
        self.ids.insert(word, id);
        id
    }

    fn look_up(&mut self, snap: &Snapshot, word: &str) -> WordInfo {
        let mut hashes = [0u64; 5];
        let n = text_word_forms(word, &mut hashes);
        let mut info = WordInfo {
            fps: [0; 5],
            forms: n as u8,
            single: false,
            shard: 0,
            longer: 0..0,
            second: 0,
        };
        for (f, &h) in hashes[..n].iter().enumerate() {
            let key = WordKey::of(h);
            info.fps[f] = key.fp;
            let view = snap.shard(key.shard);
            let Some(all) = view.root(key.fp) else {
                continue;
            };
            let ending = view.ending(&all, 0);
            if !ending.is_empty() {
                info.single = true;
                self.entries.extend(view.entries(ending.clone()));
            }
            if f == 0 {
                info.shard = key.shard;
                info.longer = to_u32(ending.end)..to_u32(all.end);
                for i in ending.end..all.end {
                    info.second |= 1u64 << (view.rest_fp(i, 0) & 63);
                }
            }
        }
        info
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

/// The shards that a scan of `doc` reads: those of every word and of its base forms.
/// Sorted, distinct.
pub(crate) fn shards_needed(doc: &Document) -> Vec<u16> {
    let mut seen: std::collections::HashSet<&str, BuildHasherDefault<WordHasher>> =
        Default::default();
    let mut shards = vec![false; super::SHARDS];
    let mut hashes = [0u64; 5];
    for (_, text) in prose(doc) {
        for w in words(text) {
            let w = w.text(text);
            if seen.insert(w) {
                let n = text_word_forms(w, &mut hashes);
                for &h in &hashes[..n] {
                    shards[usize::from(WordKey::of(h).shard)] = true;
                }
            }
        }
    }
    (0..super::SHARDS)
        .filter(|&s| shards[s])
        .map(|s| s as u16)
        .collect()
}

/// Walks `doc`'s prose through `snap` (whose shards must include
/// [`shards_needed`]`(doc)`).
pub(crate) fn scan(snap: &Snapshot, doc: &Document) -> Found {
    let paragraphs = prose(doc);
    let chunk = (paragraphs.len() / (4 * rayon::current_num_threads()).max(1)).max(32);
    let parts: Vec<Found> = paragraphs
        .par_chunks(chunk)
        .map_init(Words::new, |cache, part| scan_part(snap, cache, part))
        .collect();
    let mut found = Found::default();
    for mut p in parts {
        found.entries.append(&mut p.entries);
        found.paragraphs.append(&mut p.paragraphs);
    }
    found.entries.sort_unstable();
    found.entries.dedup();
    found.paragraphs.sort_unstable();
    found
}

fn scan_part<'t>(snap: &Snapshot, cache: &mut Words<'t>, part: &[(usize, &'t str)]) -> Found {
    let mut found = Found::default();
    let mut ids: Vec<u32> = Vec::new();
    for &(index, text) in part {
        ids.clear();
        for w in words(text) {
            ids.push(cache.id(snap, w.text(text)));
        }
        if scan_words(snap, &cache.infos, &ids, &mut found.entries) {
            found.paragraphs.push(index);
        }
    }
    found.entries.append(&mut cache.entries);
    found
}

/// Walks one paragraph's words (ids into `infos`); adds the entries of the longer terms
/// found to `entries`. Whether any term (one-word terms too) can be there.
fn scan_words(snap: &Snapshot, infos: &[WordInfo], ids: &[u32], entries: &mut Vec<i64>) -> bool {
    let mut hit = false;
    for i in 0..ids.len() {
        let a = &infos[ids[i] as usize];
        hit |= a.single;
        if a.longer.is_empty() || i + 1 == ids.len() {
            continue;
        }
        let b = &infos[ids[i + 1] as usize];
        if !b.fps[..usize::from(b.forms)]
            .iter()
            .any(|fp| a.second >> (fp & 63) & 1 == 1)
        {
            continue;
        }
        let view = snap.shard(a.shard);
        let mut range = a.longer.start as usize..a.longer.end as usize;
        let mut depth = 0;
        for &next in &ids[i + 1..] {
            let b = &infos[next as usize];
            // Terms ending here: on the word as written, or on one of its base forms.
            let mut on_word = view.narrow(&range, depth, b.fps[0]);
            let ending = view.ending(&on_word, depth + 1);
            if !ending.is_empty() {
                hit = true;
                entries.extend(view.entries(ending.clone()));
            }
            for &fp in &b.fps[1..usize::from(b.forms)] {
                let ending = view.ending(&view.narrow(&range, depth, fp), depth + 1);
                if !ending.is_empty() {
                    hit = true;
                    entries.extend(view.entries(ending));
                }
            }
            // Longer terms go on through the word as written.
            on_word.start = ending.end;
            range = on_word;
            depth += 1;
            if range.is_empty() {
                break;
            }
        }
    }
    hit
}
