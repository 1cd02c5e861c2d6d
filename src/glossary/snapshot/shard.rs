//! One shard of the matcher snapshot: the target terms whose first word falls in it, as a
//! sorted list of word-fingerprint paths with the entry each belongs to, in a byte layout
//! that is searched where it lies (loading a shard is one copy, no decoding).
//!
//! Layout, little-endian:
//!
//! ```text
//! u32                      R, the number of distinct first words
//! u32                      W, the width of a record offset: 2 or 4 bytes
//! u32 × R                  their fingerprints, ascending
//! u32 × (R + 1)            index of each first word's first record (then the record count N)
//! W × (N + 1)              byte offset of each record in the record area (then its length)
//! record area              per record: varint K, u16 × K fingerprints of the term's other
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
    /// Fingerprints of the other words (16 bits: they are compared only among the terms
    /// that start with the same word).
    pub rest: Box<[u16]>,
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
    let mut area: Vec<u8> = Vec::with_capacity(records.len() * 8);
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
    let width: usize = if area.len() <= usize::from(u16::MAX) {
        2
    } else {
        4
    };
    let mut out =
        Vec::with_capacity(8 + 4 * (roots.len() * 2 + 1) + width * offsets.len() + area.len());
    out.extend_from_slice(&to_u32(roots.len()).to_le_bytes());
    out.extend_from_slice(&to_u32(width).to_le_bytes());
    for v in roots.iter().chain(&root_starts) {
        out.extend_from_slice(&v.to_le_bytes());
    }
    for &v in &offsets {
        if width == 2 {
            out.extend_from_slice(&(v as u16).to_le_bytes());
        } else {
            out.extend_from_slice(&v.to_le_bytes());
        }
    }
    out.extend_from_slice(&area);
    out
}

/// The records of an encoded shard, in order.
pub(crate) fn decode(bytes: &[u8]) -> Result<Vec<Record>, Damaged> {
    let view = ShardView::checked(bytes)?;
    let mut out = Vec::with_capacity(view.record_count());
    for (fp, range) in view.roots() {
        for i in range {
            let rest: Box<[u16]> = (0..view.rest_len(i))
                .map(|d| view.rest_fp(i, d) as u16)
                .collect();
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

/// An encoded shard, searched in place. Its header is checked when it is read; every
/// other read is bounds-checked and yields zero outside the bytes, so damaged bytes give
/// wrong answers, never a crash ([`checked`](Self::checked) says whether they are).
#[derive(Debug, Clone, Copy)]
pub(crate) struct ShardView<'a> {
    bytes: &'a [u8],
    roots: usize,
    records: usize,
    /// Where the record offsets start, and their width.
    offsets_at: usize,
    wide: bool,
    /// Where the record area starts.
    area_at: usize,
}

/// What a shard's header says, kept so that a view needs no read of the bytes.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Header {
    roots: u32,
    records: u32,
    offsets_at: u32,
    area_at: u32,
    wide: bool,
}

/// Where the first-word fingerprints start.
const ROOTS_AT: usize = 8;

impl<'a> ShardView<'a> {
    /// A view of `bytes`, whose header must fit them.
    pub fn new(bytes: &'a [u8]) -> Result<Self, Damaged> {
        Self::header(bytes)
    }

    /// A view of `bytes` laid out exactly as [`encode`] lays them out: every index, offset
    /// and record within bounds and in order.
    pub fn checked(bytes: &'a [u8]) -> Result<Self, Damaged> {
        let view = Self::header(bytes)?;
        view.check()?;
        Ok(view)
    }

    /// The header, to make views of the same bytes later with
    /// [`with_header`](Self::with_header).
    pub fn header_of(&self) -> Header {
        Header {
            roots: self.roots as u32,
            records: self.records as u32,
            offsets_at: self.offsets_at as u32,
            area_at: self.area_at as u32,
            wide: self.wide,
        }
    }

    /// A view of bytes that [`new`](Self::new) accepted, with the header it read.
    pub fn with_header(bytes: &'a [u8], h: Header) -> Self {
        ShardView {
            bytes,
            roots: h.roots as usize,
            records: h.records as usize,
            offsets_at: h.offsets_at as usize,
            wide: h.wide,
            area_at: h.area_at as usize,
        }
    }

    fn header(bytes: &'a [u8]) -> Result<Self, Damaged> {
        if bytes.is_empty() {
            return Ok(ShardView {
                bytes,
                roots: 0,
                records: 0,
                offsets_at: 0,
                wide: false,
                area_at: 0,
            });
        }
        let word = |at: usize| -> Result<usize, Damaged> {
            let b = bytes.get(at..at + 4).ok_or(Damaged)?;
            Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
        };
        let roots = word(0)?;
        let wide = match word(4)? {
            2 => false,
            4 => true,
            _ => return Err(Damaged),
        };
        let starts_at = ROOTS_AT + 4 * roots;
        let records = word(starts_at + 4 * roots)?;
        let offsets_at = starts_at + 4 * (roots + 1);
        let width = if wide { 4 } else { 2 };
        let area_at = offsets_at + width * (records + 1);
        let view = ShardView {
            bytes,
            roots,
            records,
            offsets_at,
            wide,
            area_at,
        };
        if area_at > bytes.len() || area_at + view.offset(records) != bytes.len() {
            return Err(Damaged);
        }
        Ok(view)
    }

    /// Checks everything past the header.
    fn check(&self) -> Result<(), Damaged> {
        let view = *self;
        if self.bytes.is_empty() {
            return Ok(());
        }
        let area_len = self.bytes.len() - self.area_at;
        let starts_at = ROOTS_AT + 4 * self.roots;
        let mut previous_root = None;
        for r in 0..self.roots {
            let fp = view.u32_at(ROOTS_AT + 4 * r);
            if previous_root.is_some_and(|p| p >= fp) {
                return Err(Damaged);
            }
            previous_root = Some(fp);
            let (a, b) = (
                view.u32_at(starts_at + 4 * r) as usize,
                view.u32_at(starts_at + 4 * r + 4) as usize,
            );
            if a >= b || b > self.records || (r == 0 && a != 0) {
                return Err(Damaged);
            }
        }
        if self.roots == 0 && self.records != 0 {
            return Err(Damaged);
        }
        for i in 0..self.records {
            let (start, end) = (view.offset(i), view.offset(i + 1));
            if start > end || end > area_len {
                return Err(Damaged);
            }
            let record = &self.bytes[self.area_at + start..self.area_at + end];
            let mut at = 0;
            let k = get_varint(record, &mut at).ok_or(Damaged)?;
            let k = usize::try_from(k).map_err(|_| Damaged)?;
            at = k
                .checked_mul(2)
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
        for (_, range) in view.roots() {
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
        match self.bytes.get(at..at + 4) {
            Some(b) => u32::from_le_bytes([b[0], b[1], b[2], b[3]]),
            None => 0,
        }
    }

    fn u16_at(&self, at: usize) -> u16 {
        match self.bytes.get(at..at + 2) {
            Some(b) => u16::from_le_bytes([b[0], b[1]]),
            None => 0,
        }
    }

    /// Where record `i` starts in the record area (record count: the area's length).
    fn offset(&self, i: usize) -> usize {
        if i > self.records {
            return usize::MAX / 2;
        }
        if self.wide {
            self.u32_at(self.offsets_at + 4 * i) as usize
        } else {
            usize::from(self.u16_at(self.offsets_at + 2 * i))
        }
    }

    pub fn record_count(&self) -> usize {
        self.records
    }

    /// Every first-word fingerprint with its records.
    pub fn roots(&self) -> impl Iterator<Item = (u32, Range<usize>)> + '_ {
        (0..self.roots).map(|r| (self.u32_at(ROOTS_AT + 4 * r), self.root_range(r)))
    }

    fn root_range(&self, root: usize) -> Range<usize> {
        let starts_at = ROOTS_AT + 4 * self.roots;
        let at = |i: usize| (self.u32_at(starts_at + 4 * i) as usize).min(self.records);
        at(root)..at(root + 1)
    }

    /// The records of the terms whose first word has fingerprint `fp`.
    pub fn root(&self, fp: u32) -> Option<Range<usize>> {
        let (mut lo, mut hi) = (0, self.roots);
        while lo < hi {
            let mid = (lo + hi) / 2;
            let v = self.u32_at(ROOTS_AT + 4 * mid);
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
        get_varint(self.bytes, &mut at).unwrap_or(0) as usize
    }

    /// The fingerprint of word `d + 1` of record `i`'s term (0 if it has no such word).
    pub fn rest_fp(&self, i: usize, d: usize) -> u32 {
        let mut at = self.area_at + self.offset(i);
        match get_varint(self.bytes, &mut at) {
            Some(k) if (d as u64) < k => u32::from(self.u16_at(at + 2 * d)),
            _ => 0,
        }
    }

    /// The entry of record `i`.
    pub fn entry(&self, i: usize) -> i64 {
        let mut at = self.area_at + self.offset(i);
        let k = get_varint(self.bytes, &mut at).unwrap_or(0);
        at = usize::try_from(k)
            .ok()
            .and_then(|k| k.checked_mul(2))
            .and_then(|n| n.checked_add(at))
            .unwrap_or(usize::MAX);
        get_varint(self.bytes, &mut at).unwrap_or(0) as i64
    }

    /// Within `range`, whose records all have at least `depth` further words and agree on
    /// them: the records that end there (they come first).
    pub fn ending(&self, range: &Range<usize>, depth: usize) -> Range<usize> {
        let mut end = range.start;
        while end < range.end.min(self.records) && self.rest_len(end) == depth {
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

    fn rec(root: u32, rest: &[u16], entry: i64) -> Record {
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
    fn damaged_bytes_are_refused_or_read_safely() {
        let bytes = encode(&mut vec![rec(1, &[2, 3], 4), rec(5, &[], 6)]);
        assert!(ShardView::checked(&bytes).is_ok());
        for cut in 1..bytes.len() {
            assert!(ShardView::new(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        let mut flipped = bytes.clone();
        flipped[0] = 9;
        assert!(ShardView::checked(&flipped).is_err());
        // Any byte changed: the header may still fit, and reads stay in bounds.
        for at in 0..bytes.len() {
            for value in [0u8, 1, 0x7f, 0x80, 0xff] {
                let mut damaged = bytes.clone();
                damaged[at] = value;
                let Ok(v) = ShardView::new(&damaged) else {
                    continue;
                };
                for fp in [1, 2, 5, 0] {
                    if let Some(r) = v.root(fp) {
                        let ending = v.ending(&r, 0);
                        let rest = ending.end..r.end;
                        let _ = v.entries(v.narrow(&rest, 0, 2)).count();
                        let _ = v.entries(v.narrow(&rest, 1, 3)).count();
                    }
                }
                let _ = decode(&damaged);
            }
        }
    }
}
