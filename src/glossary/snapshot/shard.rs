//! One shard of the matcher snapshot: the target terms whose first word falls in it, as a
//! sorted list of word-fingerprint paths with the entry each belongs to, in a byte layout
//! that is searched where it lies (loading a shard is one copy, no decoding).
//!
//! Layout, little-endian:
//!
//! ```text
//! u32                      R, the number of distinct first words
//! u32 × R                  their fingerprints, ascending
//! u32 × (R + 1)            index of each first word's first record (then the record count N)
//! u32 × (N + 1)            byte offset of each record in the record area (then its length)
//! record area              per record: varint K, u32 × K fingerprints of the term's other
//!                          words, varint entry id
//! ```
//!
//! Records are sorted by (first word, other words with a prefix before its extensions,
//! entry), so the records of one first word that continue with the same words are
//! contiguous, and among them those that end there come first.

use std::ops::Range;

/// A term as the snapshot stores it: fingerprints of its lower-cased words and its entry.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Record {
    /// Fingerprint of the first word (the shard is chosen by the same word).
    pub root: u32,
    /// Fingerprints of the other words.
    pub rest: Box<[u32]>,
    pub entry: i64,
}

/// A shard whose bytes are not laid out as [`encode`] writes them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Damaged;

/// Encodes records (in any order, repeats allowed) as a shard.
pub(crate) fn encode(records: &mut Vec<Record>) -> Vec<u8> {
    records.sort_unstable();
    records.dedup();
    let mut roots: Vec<u32> = Vec::new();
    let mut root_starts: Vec<u32> = Vec::new();
    for (i, r) in records.iter().enumerate() {
        if roots.last() != Some(&r.root) {
            roots.push(r.root);
            root_starts.push(to_u32(i));
        }
    }
    root_starts.push(to_u32(records.len()));
    let mut area: Vec<u8> = Vec::with_capacity(records.len() * 12);
    let mut offsets: Vec<u32> = Vec::with_capacity(records.len() + 1);
    for r in records.iter() {
        offsets.push(to_u32(area.len()));
        put_varint(&mut area, r.rest.len() as u64);
        for fp in r.rest.iter() {
            area.extend_from_slice(&fp.to_le_bytes());
        }
        put_varint(&mut area, r.entry as u64);
    }
    offsets.push(to_u32(area.len()));
    let mut out =
        Vec::with_capacity(4 + 4 * (roots.len() * 2 + 1) + 4 * offsets.len() + area.len());
    out.extend_from_slice(&to_u32(roots.len()).to_le_bytes());
    for v in roots.iter().chain(&root_starts).chain(&offsets) {
        out.extend_from_slice(&v.to_le_bytes());
    }
    out.extend_from_slice(&area);
    out
}

/// The records of an encoded shard, in order.
pub(crate) fn decode(bytes: &[u8]) -> Result<Vec<Record>, Damaged> {
    let view = ShardView::new(bytes)?;
    let mut out = Vec::with_capacity(view.record_count());
    for root in 0..view.roots {
        let fp = view.u32_at(4 + 4 * root);
        for i in view.root_range(root) {
            let rest: Box<[u32]> = (0..view.rest_len(i)).map(|d| view.rest_fp(i, d)).collect();
            out.push(Record {
                root: fp,
                rest,
                entry: view.entry(i),
            });
        }
    }
    Ok(out)
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Reads a varint at `*at`, advancing it; `None` past the end or beyond 64 bits.
fn get_varint(bytes: &[u8], at: &mut usize) -> Option<u64> {
    let mut v = 0u64;
    for shift in (0..64).step_by(7) {
        let b = *bytes.get(*at)?;
        *at += 1;
        v |= u64::from(b & 0x7f) << shift;
        if b < 0x80 {
            return Some(v);
        }
    }
    None
}

/// An encoded shard, checked once when it is read (so that lookups cannot go out of
/// bounds), then searched in place.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ShardView<'a> {
    bytes: &'a [u8],
    roots: usize,
    records: usize,
    /// Where the record offsets start.
    offsets_at: usize,
    /// Where the record area starts.
    area_at: usize,
}

impl<'a> ShardView<'a> {
    /// Checks the layout of `bytes`: every index, offset and record within bounds and in
    /// order.
    pub fn new(bytes: &'a [u8]) -> Result<Self, Damaged> {
        let view = Self::header(bytes)?;
        view.check()?;
        Ok(view)
    }

    /// A view of bytes that [`new`](Self::new) accepted before: only the header is read.
    pub fn trusted(bytes: &'a [u8]) -> Result<Self, Damaged> {
        Self::header(bytes)
    }

    fn header(bytes: &'a [u8]) -> Result<Self, Damaged> {
        if bytes.is_empty() {
            return Ok(ShardView {
                bytes,
                roots: 0,
                records: 0,
                offsets_at: 4,
                area_at: 8,
            });
        }
        let word = |at: usize| -> Result<u32, Damaged> {
            let b = bytes.get(at..at + 4).ok_or(Damaged)?;
            Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        };
        let roots = word(0)? as usize;
        let starts_at = 4 + 4 * roots;
        let records = word(starts_at + 4 * roots)? as usize;
        let offsets_at = starts_at + 4 * (roots + 1);
        let area_at = offsets_at + 4 * (records + 1);
        let area_len = word(offsets_at + 4 * records)? as usize;
        if area_at.checked_add(area_len) != Some(bytes.len()) {
            return Err(Damaged);
        }
        Ok(ShardView {
            bytes,
            roots,
            records,
            offsets_at,
            area_at,
        })
    }

    /// Checks everything past the header.
    fn check(&self) -> Result<(), Damaged> {
        let view = *self;
        let (bytes, roots, records, area_at) = (self.bytes, self.roots, self.records, self.area_at);
        if bytes.is_empty() {
            return Ok(());
        }
        let starts_at = 4 + 4 * roots;
        let area_len = bytes.len() - area_at;
        let mut previous_root = None;
        for r in 0..roots {
            let fp = view.u32_at(4 + 4 * r);
            if previous_root.is_some_and(|p| p >= fp) {
                return Err(Damaged);
            }
            previous_root = Some(fp);
            let (a, b) = (
                view.u32_at(starts_at + 4 * r),
                view.u32_at(starts_at + 4 * r + 4),
            );
            if a >= b || b as usize > records || (r == 0 && a != 0) {
                return Err(Damaged);
            }
        }
        if roots == 0 && records != 0 {
            return Err(Damaged);
        }
        for i in 0..records {
            let (start, end) = (view.offset(i), view.offset(i + 1));
            if start > end || end > area_len {
                return Err(Damaged);
            }
            let record = &bytes[area_at + start..area_at + end];
            let mut at = 0;
            let k = get_varint(record, &mut at).ok_or(Damaged)?;
            let k = usize::try_from(k).map_err(|_| Damaged)?;
            at = k
                .checked_mul(4)
                .and_then(|n| n.checked_add(at))
                .ok_or(Damaged)?;
            if at > record.len() {
                return Err(Damaged);
            }
            get_varint(record, &mut at).ok_or(Damaged)?;
            if at != record.len() {
                return Err(Damaged);
            }
        }
        // Sorted within each first word (binary searches rely on it).
        for r in 0..roots {
            let range = view.root_range(r);
            for i in range.start + 1..range.end {
                if view.compare(i - 1, i) != std::cmp::Ordering::Less {
                    return Err(Damaged);
                }
            }
        }
        Ok(())
    }

    /// Orders two records by (other words, entry).
    fn compare(&self, a: usize, b: usize) -> std::cmp::Ordering {
        let (la, lb) = (self.rest_len(a), self.rest_len(b));
        for d in 0..la.min(lb) {
            let o = self.rest_fp(a, d).cmp(&self.rest_fp(b, d));
            if o.is_ne() {
                return o;
            }
        }
        la.cmp(&lb).then(self.entry(a).cmp(&self.entry(b)))
    }

    fn u32_at(&self, at: usize) -> u32 {
        let b = &self.bytes[at..at + 4];
        u32::from_le_bytes([b[0], b[1], b[2], b[3]])
    }

    fn offset(&self, record: usize) -> usize {
        self.u32_at(self.offsets_at + 4 * record) as usize
    }

    pub fn record_count(&self) -> usize {
        self.records
    }

    /// Every first-word fingerprint with its records.
    pub fn roots(&self) -> impl Iterator<Item = (u32, Range<usize>)> + '_ {
        (0..self.roots).map(|r| (self.u32_at(4 + 4 * r), self.root_range(r)))
    }

    fn root_range(&self, root: usize) -> Range<usize> {
        let starts_at = 4 + 4 * self.roots;
        self.u32_at(starts_at + 4 * root) as usize..self.u32_at(starts_at + 4 * root + 4) as usize
    }

    /// The records of the terms whose first word has fingerprint `fp`.
    pub fn root(&self, fp: u32) -> Option<Range<usize>> {
        let (mut lo, mut hi) = (0, self.roots);
        while lo < hi {
            let mid = (lo + hi) / 2;
            let v = self.u32_at(4 + 4 * mid);
            if v < fp {
                lo = mid + 1;
            } else if v > fp {
                hi = mid;
            } else {
                return Some(self.root_range(mid));
            }
        }
        None
    }

    /// How many words record `i`'s term has after its first.
    pub fn rest_len(&self, i: usize) -> usize {
        let mut at = self.area_at + self.offset(i);
        // Checked when the shard was read.
        get_varint(self.bytes, &mut at).unwrap_or(0) as usize
    }

    /// The fingerprint of word `d + 1` of record `i`'s term (`d < rest_len(i)`).
    pub fn rest_fp(&self, i: usize, d: usize) -> u32 {
        let mut at = self.area_at + self.offset(i);
        get_varint(self.bytes, &mut at);
        self.u32_at(at + 4 * d)
    }

    /// The entry of record `i`.
    pub fn entry(&self, i: usize) -> i64 {
        let mut at = self.area_at + self.offset(i);
        let k = get_varint(self.bytes, &mut at).unwrap_or(0) as usize;
        at += 4 * k;
        get_varint(self.bytes, &mut at).unwrap_or(0) as i64
    }

    /// Within `range`, whose records all have at least `depth` further words and agree on
    /// them: the records that end there (they come first).
    pub fn ending(&self, range: &Range<usize>, depth: usize) -> Range<usize> {
        let mut end = range.start;
        while end < range.end && self.rest_len(end) == depth {
            end += 1;
        }
        range.start..end
    }

    /// Within `range` (as for [`ending`](Self::ending), records ending at `depth`
    /// already left out): the records whose word `depth + 1` has fingerprint `fp`.
    pub fn narrow(&self, range: &Range<usize>, depth: usize, fp: u32) -> Range<usize> {
        let key = |i: usize| self.rest_fp(i, depth);
        let (mut lo, mut hi) = (range.start, range.end);
        while lo < hi {
            let mid = (lo + hi) / 2;
            if key(mid) < fp {
                lo = mid + 1
            } else {
                hi = mid
            }
        }
        let start = lo;
        hi = range.end;
        while lo < hi {
            let mid = (lo + hi) / 2;
            if key(mid) <= fp {
                lo = mid + 1
            } else {
                hi = mid
            }
        }
        start..lo
    }

    /// The entries of `range`, in order (with repeats when an entry has several terms
    /// there).
    pub fn entries(&self, range: Range<usize>) -> impl Iterator<Item = i64> + '_ {
        range.map(|i| self.entry(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(root: u32, rest: &[u32], entry: i64) -> Record {
        Record {
            root,
            rest: rest.into(),
            entry,
        }
    }

    #[test]
    fn round_trips_and_searches_in_place() {
        let mut records = vec![
            rec(7, &[3, 9], 2),
            rec(7, &[], 5),
            rec(7, &[3], 4),
            rec(7, &[3, 9], 1),
            rec(2, &[8], 300_000),
            rec(7, &[4], 6),
            rec(7, &[3, 9], 1),
        ];
        let bytes = encode(&mut records);
        let decoded = decode(&bytes).unwrap();
        assert_eq!(decoded.len(), 6, "the repeat is gone");
        assert_eq!(decoded, records);
        let v = ShardView::new(&bytes).unwrap();
        assert!(v.root(3).is_none());
        let all = v.root(7).unwrap();
        let single = v.ending(&all, 0);
        assert_eq!(v.entries(single.clone()).collect::<Vec<_>>(), [5]);
        let cont = single.end..all.end;
        let three = v.narrow(&cont, 0, 3);
        let ends = v.ending(&three, 1);
        assert_eq!(v.entries(ends.clone()).collect::<Vec<_>>(), [4]);
        let nine = v.narrow(&(ends.end..three.end), 1, 9);
        assert_eq!(v.entries(nine).collect::<Vec<_>>(), [1, 2]);
        assert!(v.narrow(&cont, 0, 5).is_empty());
        assert_eq!(v.entries(v.root(2).unwrap()).collect::<Vec<_>>(), [300_000]);
        assert_eq!(decode(&encode(&mut Vec::new())).unwrap(), []);
    }

    #[test]
    fn damaged_bytes_are_refused_not_read() {
        let bytes = encode(&mut vec![rec(1, &[2, 3], 4), rec(5, &[], 6)]);
        assert!(ShardView::new(&bytes).is_ok());
        for cut in 1..bytes.len() {
            assert!(ShardView::new(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        let mut flipped = bytes.clone();
        flipped[0] = 9;
        assert!(ShardView::new(&flipped).is_err());
    }
}
