//! A Bloom filter over the snapshot's word pairs: (first word, second word) of every
//! longer term, and (word, end) of every one-word term. Small enough to stay in a core's
//! cache (about 10 bits a pair, one 64-bit block a probe), it lets the walk over a
//! document skip, without touching the shards, the words where no term can start, and
//! tells a small document which few shards it needs at all.
//!
//! It is stored with the snapshot (row [`FILTER_ROW`]) and kept up to date in every write
//! transaction: pairs added are set in it; pairs removed stay set (a false positive costs a
//! shard lookup, never a wrong answer) until the pairs set since it was sized exceed its
//! capacity, when it is built again from the shards.
//!
//! Layout, little-endian: `u32` number of blocks (a power of two, at least 16), `u64`
//! capacity (pairs it was sized for), `u64` pairs set since then, then the blocks (`u64`).

use super::shard::{Damaged, Record, ShardView};
use super::{Snapshot, WordKey};

/// The second "word" of a one-word term.
pub(crate) const END: u32 = u32::MAX;

/// Bits set (and tested) a pair, all in one 64-bit block.
const PROBES: u32 = 3;

/// Fewest blocks a filter has.
const MIN_BLOCKS: usize = 16;

/// Bytes before the blocks.
const HEADER: usize = 4 + 8 + 8;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PairFilter {
    blocks: Vec<u64>,
    /// Pairs it was sized for.
    capacity: u64,
    /// Pairs set since it was sized.
    inserted: u64,
}

impl PairFilter {
    /// An empty filter sized for `pairs` pairs and as many more again.
    pub fn with_room_for(pairs: usize) -> Self {
        let capacity = (2 * pairs).max(1024);
        // About 10 bits a pair, in a power of two of blocks.
        let blocks = (capacity / 2 * 10 / 64).next_power_of_two().max(MIN_BLOCKS);
        PairFilter {
            blocks: vec![0; blocks],
            capacity: capacity as u64,
            inserted: 0,
        }
    }

    /// A filter of `pairs` (from [`pairs_of_view`] or [`pairs_of_records`]).
    pub fn from_pairs(pairs: &[u64]) -> Self {
        let mut filter = Self::with_room_for(pairs.len());
        filter.insert_all(pairs);
        filter
    }

    /// The filter of every pair in `snap`.
    pub fn build(snap: &Snapshot) -> Self {
        let mut pairs: Vec<u64> = Vec::new();
        for s in 0..super::SHARDS {
            pairs_of_view(s as u16, &snap.shard(s as u16), &mut pairs);
        }
        Self::from_pairs(&pairs)
    }

    /// Sets `pairs` if that keeps it within its capacity; whether it did.
    pub fn try_insert(&mut self, pairs: &[u64]) -> bool {
        if self.inserted + pairs.len() as u64 > self.capacity {
            return false;
        }
        self.insert_all(pairs);
        true
    }

    fn insert_all(&mut self, pairs: &[u64]) {
        for &h in pairs {
            let (block, bits) = self.place(h);
            self.blocks[block] |= bits;
        }
        self.inserted += pairs.len() as u64;
    }

    /// Whether a term can start with `first` followed by `second` ([`END`] for a one-word
    /// term). False positives happen (a few in a hundred), false negatives never.
    #[inline]
    pub fn may_contain(&self, first: WordKey, second: u32) -> bool {
        let (block, bits) = self.place(pair_hash(first, second));
        self.blocks[block] & bits == bits
    }

    /// Whether the pair with hash `h` is set.
    pub fn contains_hash(&self, h: u64) -> bool {
        let (block, bits) = self.place(h);
        self.blocks[block] & bits == bits
    }

    #[inline]
    fn place(&self, h: u64) -> (usize, u64) {
        let block = (h as usize) & (self.blocks.len() - 1);
        let mut bits = 0u64;
        for k in 0..PROBES {
            bits |= 1 << ((h >> (40 + 6 * k)) & 63);
        }
        (block, bits)
    }

    /// The stored form.
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(HEADER + 8 * self.blocks.len());
        out.extend_from_slice(&(self.blocks.len() as u32).to_le_bytes());
        out.extend_from_slice(&self.capacity.to_le_bytes());
        out.extend_from_slice(&self.inserted.to_le_bytes());
        for b in &self.blocks {
            out.extend_from_slice(&b.to_le_bytes());
        }
        out
    }

    /// Reads the stored form.
    pub fn decode(bytes: &[u8]) -> Result<Self, Damaged> {
        let head = bytes.get(..HEADER).ok_or(Damaged)?;
        let n = u32::from_le_bytes([head[0], head[1], head[2], head[3]]) as usize;
        let u64_at = |at: usize| {
            let mut b = [0u8; 8];
            b.copy_from_slice(&head[at..at + 8]);
            u64::from_le_bytes(b)
        };
        let (capacity, inserted) = (u64_at(4), u64_at(12));
        if n < MIN_BLOCKS || !n.is_power_of_two() || bytes.len() != HEADER + 8 * n {
            return Err(Damaged);
        }
        let blocks = bytes[HEADER..]
            .chunks_exact(8)
            .map(|c| {
                let mut b = [0u8; 8];
                b.copy_from_slice(c);
                u64::from_le_bytes(b)
            })
            .collect();
        Ok(PairFilter {
            blocks,
            capacity,
            inserted,
        })
    }
}

/// Appends the pair hashes of the terms of one shard's view.
pub(crate) fn pairs_of_view(shard: u16, view: &ShardView<'_>, out: &mut Vec<u64>) {
    for (fp, range) in view.roots() {
        let first = WordKey { shard, fp };
        let ending = view.ending(&range, 0);
        if !ending.is_empty() {
            out.push(pair_hash(first, END));
        }
        let mut last = None;
        for i in ending.end..range.end {
            let second = view.rest_fp(i, 0);
            if last != Some(second) {
                out.push(pair_hash(first, second));
                last = Some(second);
            }
        }
    }
}

/// Appends the pair hashes of records of one shard.
pub(crate) fn pairs_of_records(shard: u16, records: &[Record], out: &mut Vec<u64>) {
    for r in records {
        let first = WordKey { shard, fp: r.root };
        let second = r.rest.first().map_or(END, |&fp| u32::from(fp));
        out.push(pair_hash(first, second));
    }
}

fn pair_hash(first: WordKey, second: u32) -> u64 {
    let z = (u64::from(first.shard) << 32 | u64::from(first.fp))
        ^ u64::from(second).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    let z = z.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z ^ (z >> 29)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_refuses_damage() {
        let mut f = PairFilter::with_room_for(100);
        let key = WordKey { shard: 3, fp: 77 };
        assert!(f.try_insert(&[pair_hash(key, END), pair_hash(key, 5)]));
        assert!(f.may_contain(key, END) && f.may_contain(key, 5));
        let bytes = f.encode();
        assert_eq!(PairFilter::decode(&bytes), Ok(f.clone()));
        for cut in 0..bytes.len() {
            assert!(PairFilter::decode(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        let mut odd = bytes.clone();
        odd[0] = 17;
        assert!(PairFilter::decode(&odd).is_err());
        // Full: refuses more, so that the writer builds it again.
        let many: Vec<u64> = (0..f.capacity).map(|i| i * 0x9e37).collect();
        assert!(!f.try_insert(&many));
    }
}
