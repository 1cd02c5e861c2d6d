//! A Bloom filter over the snapshot's word pairs: (first word, second word) of every
//! longer term, and (word, end) of every one-word term. Small enough to stay in a core's
//! cache (about 10 bits a pair, one 64-bit block a probe), it lets the walk over a large
//! document skip, without touching the shards, the words where no term can start.

use super::{Snapshot, WordKey};

/// The second "word" of a one-word term.
pub(crate) const END: u32 = u32::MAX;

/// Bits set (and tested) a pair, all in one 64-bit block.
const PROBES: u32 = 3;

#[derive(Debug)]
pub(crate) struct PairFilter {
    blocks: Vec<u64>,
}

impl PairFilter {
    /// The filter of every pair in `snap`.
    pub fn build(snap: &Snapshot) -> Self {
        let mut pairs: Vec<u64> = Vec::new();
        for s in 0..super::SHARDS {
            let shard = s as u16;
            let view = snap.shard(shard);
            for (fp, range) in view.roots() {
                let first = WordKey { shard, fp };
                let ending = view.ending(&range, 0);
                if !ending.is_empty() {
                    pairs.push(pair_hash(first, END));
                }
                let mut last = None;
                for i in ending.end..range.end {
                    let second = view.rest_fp(i, 0);
                    if last != Some(second) {
                        pairs.push(pair_hash(first, second));
                        last = Some(second);
                    }
                }
            }
        }
        // About 10 bits a pair, in a power of two of blocks.
        let blocks = (pairs.len() * 10 / 64).next_power_of_two().max(16);
        let mut filter = PairFilter {
            blocks: vec![0; blocks],
        };
        for h in pairs {
            let (block, bits) = filter.place(h);
            filter.blocks[block] |= bits;
        }
        filter
    }

    /// Whether a term can start with `first` followed by `second` ([`END`] for a one-word
    /// term). False positives happen (a few in a hundred), false negatives never.
    pub fn may_contain(&self, first: WordKey, second: u32) -> bool {
        let (block, bits) = self.place(pair_hash(first, second));
        self.blocks[block] & bits == bits
    }

    fn place(&self, h: u64) -> (usize, u64) {
        let block = (h as usize) & (self.blocks.len() - 1);
        let mut bits = 0u64;
        for k in 0..PROBES {
            bits |= 1 << ((h >> (40 + 6 * k)) & 63);
        }
        (block, bits)
    }
}

fn pair_hash(first: WordKey, second: u32) -> u64 {
    let z = (u64::from(first.shard) << 32 | u64::from(first.fp))
        ^ u64::from(second).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    let z = z.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z ^ (z >> 29)
}
