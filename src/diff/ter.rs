//! Translation edit rate (TER), computed exactly as sacrebleu computes it with its default
//! settings, so that mtpe's HTER figures can be compared with published ones.
//!
//! Definition (Snover et al. 2006, as implemented by sacrebleu's `TER()`):
//! - Both texts are lowercased (full Unicode lowercasing) and split on whitespace (Python's
//!   definition of whitespace); punctuation stays attached to its word.
//! - The hypothesis (the machine translation) is edited into the reference (the corrected
//!   text). Insertions, deletions and substitutions of one word cost 1; so does a *shift*,
//!   which moves a block of up to 10 words to another position.
//! - Shifts are searched greedily: in each round every candidate block that matches the
//!   reference elsewhere (within 50 words of its position) is tried, the one that lowers the
//!   edit distance most is applied, and rounds continue while a shift helps. Ties are broken
//!   as Tercom does (longer block, then earlier block, then earlier target). After 1000
//!   candidates in all, the search stops (and the last round's shift is not applied).
//! - The edit distance itself is computed in a beam of 25 words around the (length-scaled)
//!   diagonal of the distance matrix.
//! - TER = edits ÷ reference words × 100. A document's TER sums the edits and the reference
//!   words of its segments. An empty reference scores 100 when the hypothesis is not empty,
//!   and 0 when both are.
//!
//! The code is ours; the algorithm and every limit follow sacrebleu 2.x `lib_ter.py`.

use std::collections::HashMap;

/// Largest block of words a shift moves.
pub const MAX_SHIFT_SIZE: usize = 10;
/// Farthest distance (in words) between a block and the reference position it matches.
pub const MAX_SHIFT_DIST: usize = 50;
/// Half-width of the beam in the edit-distance matrix.
pub const BEAM_WIDTH: usize = 25;
/// Shift candidates evaluated per segment before the search gives up.
pub const MAX_SHIFT_CANDIDATES: usize = 1000;

const INF: i64 = 10_000_000_000_000_000;

/// Edit statistics of one segment or of a whole document, in words.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TerStats {
    /// Total edits: insertions + deletions + substitutions + shifts.
    pub edits: usize,
    /// Words in the reference (the corrected text).
    pub ref_words: usize,
    /// Words in the hypothesis (the machine translation).
    pub hyp_words: usize,
    /// Words the post-editor inserted.
    pub insertions: usize,
    /// Words the post-editor deleted.
    pub deletions: usize,
    /// Words the post-editor replaced by another word.
    pub substitutions: usize,
    /// Shift operations (each moves a block of up to [`MAX_SHIFT_SIZE`] words).
    pub shifts: usize,
    /// Words moved by the shifts.
    pub shifted_words: usize,
}

/// TER as a percentage from its edits and reference words, to the last bit as sacrebleu
/// computes it: `100 * (edits / ref_words)` (dividing first: `100 * edits / ref_words`
/// rounds differently, e.g. 12.837837837837839 for 19/148 where sacrebleu has
/// 12.837837837837837); 100 for edits against an empty reference, 0 when both are empty.
pub fn ter_percent(edits: usize, ref_words: usize) -> f64 {
    let fraction = if ref_words > 0 {
        edits as f64 / ref_words as f64
    } else if edits > 0 {
        1.0
    } else {
        0.0
    };
    100.0 * fraction
}

impl TerStats {
    /// TER as a percentage, as sacrebleu reports it ([`ter_percent`]).
    pub fn score(&self) -> f64 {
        ter_percent(self.edits, self.ref_words)
    }

    /// Adds another segment's statistics (document TER sums edits and reference words).
    pub fn add(&mut self, other: &TerStats) {
        self.edits += other.edits;
        self.ref_words += other.ref_words;
        self.hyp_words += other.hyp_words;
        self.insertions += other.insertions;
        self.deletions += other.deletions;
        self.substitutions += other.substitutions;
        self.shifts += other.shifts;
        self.shifted_words += other.shifted_words;
    }
}

impl std::iter::Sum for TerStats {
    fn sum<I: Iterator<Item = TerStats>>(iter: I) -> Self {
        let mut total = TerStats::default();
        for s in iter {
            total.add(&s);
        }
        total
    }
}

/// Whitespace as Python's `str.split()` sees it: Unicode White_Space plus the four
/// information separators U+001C..U+001F.
pub fn is_python_whitespace(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// The words TER compares: `text` lowercased, split on whitespace.
pub fn ter_words(text: &str) -> Vec<String> {
    lowercase(text)
        .split(is_python_whitespace)
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

fn lowercase(text: &str) -> std::borrow::Cow<'_, str> {
    if text.bytes().any(|b| b.is_ascii_uppercase() || b >= 0x80) {
        std::borrow::Cow::Owned(text.to_lowercase())
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// TER statistics of one segment: `hypothesis` (the machine translation) against
/// `reference` (the corrected text).
pub fn segment_ter(hypothesis: &str, reference: &str) -> TerStats {
    let hyp_lower = lowercase(hypothesis);
    let ref_lower = lowercase(reference);
    let mut ids: HashMap<&str, u32> = HashMap::new();
    let mut intern = |w| {
        let next = ids.len() as u32;
        *ids.entry(w).or_insert(next)
    };
    let hyp: Vec<u32> = hyp_lower
        .split(is_python_whitespace)
        .filter(|w| !w.is_empty())
        .map(&mut intern)
        .collect();
    let reference: Vec<u32> = ref_lower
        .split(is_python_whitespace)
        .filter(|w| !w.is_empty())
        .map(&mut intern)
        .collect();
    ter_ids(&hyp, &reference)
}

/// TER statistics of word sequences already mapped to ids (equal words, equal ids).
pub fn ter_ids(hyp: &[u32], reference: &[u32]) -> TerStats {
    if reference.is_empty() {
        return TerStats {
            edits: hyp.len(),
            ref_words: 0,
            hyp_words: hyp.len(),
            deletions: hyp.len(),
            ..TerStats::default()
        };
    }
    let mut search = ShiftSearch::new(hyp.len(), reference);
    let mut words = hyp.to_vec();
    let mut shifts = 0;
    let mut shifted_words = 0;
    let mut checked = 0;
    loop {
        let outcome = search.best_shift(&words, &mut checked);
        if checked >= MAX_SHIFT_CANDIDATES {
            break;
        }
        match outcome {
            Some(shift) if shift.gain > 0 => {
                words = perform_shift(&words, shift.start, shift.length, shift.target);
                shifts += 1;
                shifted_words += shift.length;
            }
            _ => break,
        }
    }
    // The last round looked at `words` as they are now: its trace is the final one.
    let ops = match search.last_ops.take() {
        Some(ops) => ops,
        None => search.trace(&words),
    };
    let mut stats = TerStats {
        ref_words: reference.len(),
        hyp_words: hyp.len(),
        shifts,
        shifted_words,
        ..TerStats::default()
    };
    for op in ops {
        match op {
            Op::Sub => stats.substitutions += 1,
            Op::Ins => stats.insertions += 1,
            Op::Del => stats.deletions += 1,
            Op::Nop | Op::Undef => {}
        }
    }
    stats.edits = shifts + stats.substitutions + stats.insertions + stats.deletions;
    stats
}

/// An edit operation turning the hypothesis into the reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    /// The words match.
    Nop,
    /// A hypothesis word replaced by a reference word.
    Sub,
    /// A reference word inserted.
    Ins,
    /// A hypothesis word deleted.
    Del,
    /// A cell outside the beam.
    Undef,
}

#[derive(Debug, Clone, Copy)]
struct Shift {
    gain: i64,
    start: usize,
    length: usize,
    target: usize,
}

/// The beam over the edit-distance matrix: which reference columns each hypothesis row
/// computes. Fixed for a segment, since shifts keep the hypothesis length.
#[derive(Debug, Clone, Copy)]
struct Beam {
    n_hyp: usize,
    n_ref: usize,
    ratio: f64,
    width: i64,
}

impl Beam {
    fn new(n_hyp: usize, n_ref: usize) -> Self {
        let ratio = if n_hyp > 0 {
            n_ref as f64 / n_hyp as f64
        } else {
            1.0
        };
        let width = if (BEAM_WIDTH as f64) < ratio / 2.0 {
            (ratio / 2.0 + BEAM_WIDTH as f64).ceil() as i64
        } else {
            BEAM_WIDTH as i64
        };
        Beam {
            n_hyp,
            n_ref,
            ratio,
            width,
        }
    }

    /// The columns `lo..hi` computed in row `i` (1-based row of the matrix).
    fn columns(&self, i: usize) -> (usize, usize) {
        let diagonal = (i as f64 * self.ratio).floor() as i64;
        let lo = (diagonal - self.width).max(0);
        let mut hi = (diagonal + self.width).min(self.n_ref as i64 + 1);
        if i == self.n_hyp {
            hi = self.n_ref as i64 + 1;
        }
        let lo = lo as usize;
        (lo, (hi.max(0) as usize).max(lo))
    }
}

/// Hypotheses up to this many words keep the costs of every row of their matrix.
const ALL_COSTS_UP_TO: usize = 1024;
/// Longer ones keep the costs of every this-many-th row only.
const COST_STRIDE: usize = 64;

/// The operations, by their two-bit codes in [`Matrix::ops`].
const OPS: [Op; 4] = [Op::Nop, Op::Sub, Op::Ins, Op::Del];

fn op_code(op: Op) -> u8 {
    match op {
        Op::Nop | Op::Undef => 0,
        Op::Sub => 1,
        Op::Ins => 2,
        Op::Del => 3,
    }
}

/// The edit-distance matrix of one hypothesis: the operation of each cell in the beam (two
/// bits) and the costs of some rows — every row for a short hypothesis, every
/// [`COST_STRIDE`]-th for a long one (the others are computed again from the one above
/// when needed). A long segment takes about 20 bytes a word, not 16 bytes a cell.
struct Matrix {
    beam: Beam,
    /// Cells reserved for each of rows 1..=n (row 0 is insertions only, costing j).
    slot: usize,
    ops: Vec<u8>,
    /// The rows whose costs are kept: the multiples of `stride`.
    stride: usize,
    /// Costs of rows stride, 2·stride, …: `slot` cells each, from the row's first column.
    costs: Vec<i64>,
    /// The cost of the whole edit.
    total: i64,
}

impl Matrix {
    fn new(beam: Beam) -> Self {
        let n = beam.n_hyp;
        let slot = (2 * beam.width as usize + 2).min(beam.n_ref + 1);
        let stride = if n <= ALL_COSTS_UP_TO { 1 } else { COST_STRIDE };
        Matrix {
            beam,
            slot,
            ops: vec![0; (n * slot).div_ceil(4)],
            stride,
            costs: Vec::with_capacity(n / stride * slot),
            total: INF,
        }
    }

    /// The columns computed in row `i`.
    fn columns(&self, i: usize) -> (usize, usize) {
        if i == 0 {
            (0, self.beam.n_ref + 1)
        } else {
            self.beam.columns(i)
        }
    }

    fn set_op(&mut self, i: usize, column: usize, op: Op) {
        let k = (i - 1) * self.slot + column;
        self.ops[k / 4] |= op_code(op) << (2 * (k % 4));
    }

    /// The operation of cell (i, j); `Undef` outside the beam.
    fn op(&self, i: usize, j: usize) -> Op {
        if i == 0 {
            return Op::Ins;
        }
        let (lo, hi) = self.beam.columns(i);
        if j < lo || j >= hi {
            return Op::Undef;
        }
        let k = (i - 1) * self.slot + (j - lo);
        OPS[usize::from((self.ops[k / 4] >> (2 * (k % 4))) & 3)]
    }

    /// The kept costs of row `i` (a multiple of the stride, not 0), from its first column.
    fn kept(&self, i: usize) -> &[i64] {
        let (lo, hi) = self.columns(i);
        let at = (i / self.stride - 1) * self.slot;
        &self.costs[at..at + hi - lo]
    }
}

/// State reused across the shift rounds of one segment.
struct ShiftSearch<'r> {
    reference: &'r [u32],
    beam: Beam,
    /// The trace of the hypothesis the last round started from.
    last_ops: Option<Vec<Op>>,
    // Scratch rows for evaluating candidates (costs only), INF outside what a call writes.
    prev: Vec<i64>,
    cur: Vec<i64>,
    shifted: Vec<u32>,
    align: Vec<i64>,
    hyp_err: Vec<u32>,
    ref_err: Vec<u32>,
}

impl<'r> ShiftSearch<'r> {
    fn new(n_hyp: usize, reference: &'r [u32]) -> Self {
        ShiftSearch {
            reference,
            beam: Beam::new(n_hyp, reference.len()),
            last_ops: None,
            prev: vec![INF; reference.len() + 1],
            cur: vec![INF; reference.len() + 1],
            shifted: Vec::with_capacity(n_hyp),
            align: Vec::with_capacity(reference.len()),
            hyp_err: Vec::with_capacity(n_hyp + 1),
            ref_err: Vec::with_capacity(reference.len() + 1),
        }
    }

    /// The matrix (operations, and the costs it keeps) for `hyp`. Costs are computed in a
    /// full-width row (cells outside the beam hold `INF`).
    fn matrix(&mut self, hyp: &[u32]) -> Matrix {
        let n_ref = self.reference.len();
        let reference = self.reference;
        let mut m = Matrix::new(self.beam);
        for (j, cost) in self.prev.iter_mut().enumerate() {
            *cost = j as i64;
        }
        // The columns each buffer holds values in (the rest of it is INF).
        let mut prev_written = (0, n_ref + 1);
        let mut cur_written = (0, n_ref + 1);
        for i in 1..=hyp.len() {
            let (lo, hi) = self.beam.columns(i);
            let (prev, cur) = (&self.prev, &mut self.cur);
            cur[cur_written.0..cur_written.1].fill(INF);
            let word = hyp[i - 1];
            // The cell left of the first one is outside the beam (INF) unless computed.
            let mut left = INF;
            let mut start = lo;
            if lo == 0 && hi > 0 {
                left = prev[0] + 1;
                cur[0] = left;
                m.set_op(i, 0, Op::Del);
                start = 1;
            }
            if start < hi {
                let diagonal = &prev[start - 1..hi];
                let words = &reference[start - 1..hi - 1];
                for (k, ((cell, above), &w)) in cur[start..hi]
                    .iter_mut()
                    .zip(diagonal.windows(2))
                    .zip(words)
                    .enumerate()
                {
                    // Tercom's preference on ties: match/substitution, deletion, insertion.
                    let (mut cost, mut op) = if word == w {
                        (above[0], Op::Nop)
                    } else {
                        (above[0] + 1, Op::Sub)
                    };
                    if above[1] + 1 < cost {
                        cost = above[1] + 1;
                        op = Op::Del;
                    }
                    if left + 1 < cost {
                        cost = left + 1;
                        op = Op::Ins;
                    }
                    // The beam's rows overlap, so every cell in it is reachable.
                    debug_assert!(cost < INF, "cell ({i}, {}) outside every path", start + k);
                    *cell = cost;
                    left = cost;
                    m.set_op(i, start + k - lo, op);
                }
            }
            if i % m.stride == 0 {
                m.costs.extend_from_slice(&cur[lo..hi]);
                m.costs.resize(i / m.stride * m.slot, INF);
            }
            cur_written = (lo, hi);
            std::mem::swap(&mut self.prev, &mut self.cur);
            std::mem::swap(&mut prev_written, &mut cur_written);
        }
        m.total = self.prev[n_ref];
        // Leave both buffers all INF for the next user.
        self.prev[prev_written.0..prev_written.1].fill(INF);
        self.cur[cur_written.0..cur_written.1].fill(INF);
        m
    }

    /// The operations of the cheapest edit of `hyp` into the reference, in order.
    fn trace_from(&self, m: &Matrix, n_hyp: usize) -> Vec<Op> {
        let mut ops = Vec::with_capacity(n_hyp + self.reference.len());
        let (mut i, mut j) = (n_hyp, self.reference.len());
        while i > 0 || j > 0 {
            let op = m.op(i, j);
            ops.push(op);
            match op {
                Op::Sub | Op::Nop => {
                    i -= 1;
                    j -= 1;
                }
                Op::Ins => j -= 1,
                Op::Del => i -= 1,
                // Unreachable for a consistent matrix; stop rather than loop forever.
                Op::Undef => break,
            }
        }
        debug_assert!(i == 0 && j == 0, "the trace left the beam at ({i}, {j})");
        ops.reverse();
        ops
    }

    fn trace(&mut self, hyp: &[u32]) -> Vec<Op> {
        let m = self.matrix(hyp);
        self.trace_from(&m, hyp.len())
    }

    /// The cost of `shifted`, which equals the hypothesis of `m` in its first `prefix` words
    /// and from word `suffix` on. Computed from the last row with kept costs at or above row
    /// `prefix`, down to the first kept row at or past `suffix` whose costs all differ from
    /// the matrix's by one amount (the rest of the edit is then the same, so is that
    /// difference in its cost), or to the end. Gives up (returning `INF`) as soon as the
    /// cost must exceed `limit`: a path through cell (i, j) costs at least that cell's cost
    /// plus the difference between the words left on each side.
    fn cost_with_prefix(
        &mut self,
        m: &Matrix,
        shifted: &[u32],
        prefix: usize,
        suffix: usize,
        limit: i64,
    ) -> i64 {
        let n = shifted.len();
        if prefix >= n {
            return m.total;
        }
        let n_ref = self.reference.len();
        let base = prefix - prefix % m.stride;
        let mut prev_written = if base == 0 {
            let hi = self.beam.columns(1).1.max(1);
            for (j, cost) in self.prev[..hi].iter_mut().enumerate() {
                *cost = j as i64;
            }
            (0, hi)
        } else {
            let (lo, hi) = m.columns(base);
            self.prev[lo..hi].copy_from_slice(m.kept(base));
            (lo, hi)
        };
        let mut cur_written = (0, 0);
        let reference = self.reference;
        let mut result = None;
        for i in base + 1..=n {
            let (lo, hi) = self.beam.columns(i);
            let (prev, cur) = (&self.prev, &mut self.cur);
            cur[cur_written.0..cur_written.1].fill(INF);
            let word = shifted[i - 1];
            // |words left in the hypothesis - words left in the reference| at column j.
            let gap = n as i64 - i as i64 - n_ref as i64;
            let mut row_min = INF;
            // The cell left of the first one is outside the beam (INF) unless computed here.
            let mut left = INF;
            let mut start = lo;
            if lo == 0 && hi > 0 {
                left = prev[0] + 1;
                cur[0] = left;
                row_min = left + gap.abs();
                start = 1;
            }
            if start < hi {
                let diagonal = &prev[start - 1..hi];
                let words = &reference[start - 1..hi - 1];
                let cells = &mut cur[start..hi];
                for (k, ((cell, above), &w)) in cells
                    .iter_mut()
                    .zip(diagonal.windows(2))
                    .zip(words)
                    .enumerate()
                {
                    let sub = above[0] + i64::from(word != w);
                    let value = sub.min(above[1] + 1).min(left + 1).min(INF);
                    *cell = value;
                    left = value;
                    row_min = row_min.min(value + (gap + (start + k) as i64).abs());
                }
            }
            cur_written = (lo, hi);
            if row_min > limit {
                result = Some(INF);
                break;
            }
            if i >= suffix && i % m.stride == 0 && i < n {
                let row = &cur[lo..hi];
                let kept = m.kept(i);
                let offset = row[0] - kept[0];
                if row.iter().zip(kept).all(|(a, b)| a - b == offset) {
                    result = Some(m.total + offset);
                    break;
                }
            }
            std::mem::swap(&mut self.prev, &mut self.cur);
            std::mem::swap(&mut prev_written, &mut cur_written);
        }
        let cost = result.unwrap_or(self.prev[n_ref]);
        self.prev[prev_written.0..prev_written.1].fill(INF);
        self.cur[cur_written.0..cur_written.1].fill(INF);
        cost
    }

    /// One round of sacrebleu's `_shift`: the best shift of `hyp`, if any candidate exists.
    /// `checked` counts candidates across rounds.
    fn best_shift(&mut self, hyp: &[u32], checked: &mut usize) -> Option<Shift> {
        let n_hyp = hyp.len();
        let n_ref = self.reference.len();
        let m = self.matrix(hyp);
        let pre_score = m.total;
        let ops = self.trace_from(&m, n_hyp);
        self.last_ops = Some(ops.clone());

        // Alignment of reference positions to hypothesis positions, and which words are
        // in error on each side (as prefix sums for quick range tests).
        self.align.clear();
        self.hyp_err.clear();
        self.ref_err.clear();
        self.hyp_err.push(0);
        self.ref_err.push(0);
        let mut pos_hyp: i64 = -1;
        for &op in &ops {
            match op {
                Op::Nop | Op::Sub => {
                    let err = u32::from(op == Op::Sub);
                    pos_hyp += 1;
                    self.align.push(pos_hyp);
                    push_sum(&mut self.hyp_err, err);
                    push_sum(&mut self.ref_err, err);
                }
                Op::Del => {
                    pos_hyp += 1;
                    push_sum(&mut self.hyp_err, 1);
                }
                Op::Ins => {
                    self.align.push(pos_hyp);
                    push_sum(&mut self.ref_err, 1);
                }
                Op::Undef => {}
            }
        }
        if self.align.len() != n_ref || self.hyp_err.len() != n_hyp + 1 {
            return None;
        }

        let mut best: Option<(i64, usize, usize, usize)> = None; // gain, length, start, target
        let reference = self.reference;
        'pairs: for start_h in 0..n_hyp {
            let r_lo = start_h.saturating_sub(MAX_SHIFT_DIST);
            let r_hi = (start_h + MAX_SHIFT_DIST + 1).min(n_ref);
            for start_r in r_lo..r_hi {
                let mut length = 0;
                while length < MAX_SHIFT_SIZE
                    && hyp[start_h + length] == reference[start_r + length]
                {
                    length += 1;
                    if self.hyp_err[start_h + length] - self.hyp_err[start_h] != 0
                        && self.ref_err[start_r + length] - self.ref_err[start_r] != 0
                        && !(start_h as i64 <= self.align[start_r]
                            && self.align[start_r] < (start_h + length) as i64)
                    {
                        let mut prev_idx: Option<usize> = None;
                        for offset in -1..length as i64 {
                            let at = start_r as i64 + offset;
                            let idx = if at == -1 {
                                0
                            } else {
                                (self.align[at as usize] + 1) as usize
                            };
                            if prev_idx == Some(idx) {
                                continue;
                            }
                            prev_idx = Some(idx);
                            let (prefix, suffix) =
                                shift_into(&mut self.shifted, hyp, start_h, length, idx);
                            let shifted = std::mem::take(&mut self.shifted);
                            // A candidate whose gain must fall below the best one's cannot
                            // outrank it, so its cost need not be finished.
                            let limit = best.map_or(INF, |b| pre_score - b.0);
                            let cost = self.cost_with_prefix(&m, &shifted, prefix, suffix, limit);
                            self.shifted = shifted;
                            let gain = pre_score - cost;
                            *checked += 1;
                            let candidate = (gain, length, start_h, idx);
                            if best.is_none_or(|b| outranks(candidate, b)) {
                                best = Some(candidate);
                            }
                        }
                        if *checked >= MAX_SHIFT_CANDIDATES {
                            break 'pairs;
                        }
                    }
                    if start_h + length == n_hyp || start_r + length == n_ref {
                        break;
                    }
                }
            }
        }
        best.map(|(gain, length, start, target)| Shift {
            gain,
            start,
            length,
            target,
        })
    }
}

fn push_sum(sums: &mut Vec<u32>, value: u32) {
    let last = sums.last().copied().unwrap_or(0);
    sums.push(last + value);
}

/// Tercom's ranking of shifts: larger gain, then longer block, then earlier block, then
/// earlier target.
fn outranks(a: (i64, usize, usize, usize), b: (i64, usize, usize, usize)) -> bool {
    (a.0, a.1, std::cmp::Reverse(a.2), std::cmp::Reverse(a.3))
        > (b.0, b.1, std::cmp::Reverse(b.2), std::cmp::Reverse(b.3))
}

/// Moves `words[start..start + length]` so that it lands before `target`, exactly as
/// sacrebleu's `_perform_shift` does (including its handling of targets inside the block).
fn perform_shift(words: &[u32], start: usize, length: usize, target: usize) -> Vec<u32> {
    let mut out = Vec::with_capacity(words.len());
    shift_into(&mut out, words, start, length, target);
    out
}

/// Writes the shifted words into `out`; returns the changed range's bounds: how many
/// leading words are unchanged, and from which word on they are again.
fn shift_into(
    out: &mut Vec<u32>,
    w: &[u32],
    start: usize,
    length: usize,
    target: usize,
) -> (usize, usize) {
    out.clear();
    let n = w.len();
    let clamp = |i: usize| i.min(n);
    let block = &w[start..start + length];
    if target < start {
        out.extend_from_slice(&w[..target]);
        out.extend_from_slice(block);
        out.extend_from_slice(&w[target..start]);
        out.extend_from_slice(&w[start + length..]);
        (target, start + length)
    } else if target > start + length {
        out.extend_from_slice(&w[..start]);
        out.extend_from_slice(&w[start + length..clamp(target)]);
        out.extend_from_slice(block);
        out.extend_from_slice(&w[clamp(target)..]);
        (start, clamp(target))
    } else {
        let mid_end = clamp(length + target);
        out.extend_from_slice(&w[..start]);
        if mid_end > start + length {
            out.extend_from_slice(&w[start + length..mid_end]);
        }
        out.extend_from_slice(block);
        out.extend_from_slice(&w[mid_end..]);
        (start, mid_end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ter(hyp: &str, reference: &str) -> (usize, usize) {
        let s = segment_ter(hyp, reference);
        (s.edits, s.ref_words)
    }

    #[test]
    fn identical_and_empty() {
        assert_eq!(ter("a b c", "A B C"), (0, 3));
        assert_eq!(ter("", ""), (0, 0));
        assert_eq!(ter("a b", ""), (2, 0));
        assert_eq!(ter("", "a b"), (2, 2));
        assert_eq!(segment_ter("a b", "").score(), 100.0);
        // The same floating-point value as sacrebleu's `100 * (edits / ref_length)`.
        assert_eq!(ter_percent(19, 148).to_string(), "12.837837837837837");
        assert_eq!(ter_percent(2, 3).to_string(), "66.66666666666666");
        assert_eq!(ter_percent(38, 296).to_string(), "12.837837837837837");
        assert_eq!(segment_ter("", "").score(), 0.0);
    }

    #[test]
    fn counts_add_up() {
        let s = segment_ter(
            "the cat sat on the mat quickly today",
            "today the cat sat on a mat",
        );
        assert_eq!(
            s.edits,
            s.insertions + s.deletions + s.substitutions + s.shifts
        );
        assert_eq!(s.shifts, 1);
        assert_eq!(s.shifted_words, 1);
    }

    #[test]
    fn shift_matches_python_slicing() {
        let w = [0, 1, 2, 3, 4, 5];
        assert_eq!(perform_shift(&w, 3, 2, 1), [0, 3, 4, 1, 2, 5]);
        assert_eq!(perform_shift(&w, 1, 2, 5), [0, 3, 4, 1, 2, 5]);
        assert_eq!(perform_shift(&w, 1, 2, 3), [0, 3, 4, 1, 2, 5]);
        assert_eq!(perform_shift(&w, 1, 2, 2), [0, 3, 1, 2, 4, 5]);
        assert_eq!(perform_shift(&w, 3, 2, 5), [0, 1, 2, 5, 3, 4]);
        assert_eq!(perform_shift(&w, 4, 2, 5), [0, 1, 2, 3, 4, 5]);
        assert_eq!(perform_shift(&w, 0, 2, 0), w);
    }

    /// The edit distance without shifts, in the beam (the first round's cost).
    fn beam_distance(hyp: &[u32], reference: &[u32]) -> usize {
        if reference.is_empty() {
            return hyp.len();
        }
        let mut search = ShiftSearch::new(hyp.len(), reference);
        search.matrix(hyp).total as usize
    }

    /// The plain Levenshtein distance (no beam, no shifts).
    fn levenshtein(a: &[u32], b: &[u32]) -> usize {
        let mut prev: Vec<usize> = (0..=b.len()).collect();
        for (i, x) in a.iter().enumerate() {
            let mut cur = vec![i + 1; b.len() + 1];
            for (j, y) in b.iter().enumerate() {
                cur[j + 1] = (prev[j] + usize::from(x != y))
                    .min(prev[j + 1] + 1)
                    .min(cur[j] + 1);
            }
            prev = cur;
        }
        prev[b.len()]
    }

    /// The beam's edit distance as sacrebleu computes it: a full matrix of INF, the beam's
    /// cells filled row by row. The oracle for the two optimised versions above.
    fn naive_beam_distance(hyp: &[u32], reference: &[u32]) -> i64 {
        let beam = Beam::new(hyp.len(), reference.len());
        let mut prev: Vec<i64> = (0..=reference.len() as i64).collect();
        for i in 1..=hyp.len() {
            let mut cur = vec![INF; reference.len() + 1];
            let (lo, hi) = beam.columns(i);
            for j in lo..hi {
                cur[j] = if j == 0 {
                    prev[0] + 1
                } else {
                    let sub = prev[j - 1] + i64::from(hyp[i - 1] != reference[j - 1]);
                    sub.min(prev[j] + 1).min(cur[j - 1] + 1).min(INF)
                };
            }
            prev = cur;
        }
        prev[reference.len()]
    }

    /// The row-buffer matrix and the candidate evaluation (from any prefix row) give the
    /// naive beam's distance, also where the beam leaves the corner far off the diagonal.
    #[test]
    fn beam_distance_equals_the_naive_matrix() {
        let mut rng = crate::testing::Rng(0xbea_0025);
        for round in 0..300 {
            // Past ALL_COSTS_UP_TO words the matrix keeps every COST_STRIDE-th row's costs.
            let n = rng.below(if round % 5 == 0 { 3000 } else { 700 });
            let m = (random_length(&mut rng, n) + rng.below(3)).min(3000);
            let vocab = [2, 5, 1000][rng.below(3)];
            let hyp = random_words(&mut rng, n, vocab);
            let reference = random_words(&mut rng, m, vocab);
            if reference.is_empty() {
                continue;
            }
            let expected = naive_beam_distance(&hyp, &reference);
            let mut search = ShiftSearch::new(n, &reference);
            let matrix = search.matrix(&hyp);
            assert_eq!(matrix.total, expected, "{n} -> {m} words");
            // Words rewritten from a random prefix on (to the end, or over a stretch of up
            // to 100 words), evaluated from the prefix's row.
            let prefix = rng.below(n + 1);
            let suffix = if rng.below(2) == 0 {
                n
            } else {
                (prefix + rng.below(100)).min(n)
            };
            let mut other = hyp.clone();
            for w in &mut other[prefix..suffix] {
                if rng.below(3) == 0 {
                    *w = rng.below(vocab as usize) as u32;
                }
            }
            assert_eq!(
                search.cost_with_prefix(&matrix, &other, prefix, suffix, INF),
                naive_beam_distance(&other, &reference),
                "{n} -> {m} words, rows {prefix}..{suffix} rewritten"
            );
        }
    }

    fn random_words(rng: &mut crate::testing::Rng, n: usize, vocab: u32) -> Vec<u32> {
        (0..n).map(|_| rng.below(vocab as usize) as u32).collect()
    }

    /// Lengths whose ratio is often far beyond the beam (1:10, 10:1, empty, 1 vs 300).
    fn random_length(rng: &mut crate::testing::Rng, other: usize) -> usize {
        match rng.below(6) {
            0 => 0,
            1 => 1,
            2 => other * 10,
            3 => other / 10,
            4 => rng.below(300),
            _ => other + rng.below(7),
        }
    }

    /// Invariants of TER on random pairs of extreme length ratios (the values themselves are
    /// compared with sacrebleu in tests/diff_ter.rs).
    #[test]
    fn properties_on_extreme_pairs() {
        let mut rng = crate::testing::Rng(0x7e5_2026);
        for round in 0..200 {
            let vocab = [1, 2, 3, 8, 40][rng.below(5)];
            // Now and then long enough for the beam to leave the corner far off its diagonal.
            let n = match round % 50 {
                0 => 1100 + rng.below(2000), // past ALL_COSTS_UP_TO: kept rows are sparse
                k if k % 10 == 0 => rng.below(500),
                _ => rng.below(40),
            };
            let m = random_length(&mut rng, n).min(3000);
            let hyp = random_words(&mut rng, n, vocab);
            let reference = if rng.below(2) == 0 {
                random_words(&mut rng, m, vocab)
            } else {
                // The reference edited from the hypothesis: words dropped or added.
                let mut r = hyp.clone();
                while r.len() > m {
                    r.remove(rng.below(r.len()));
                }
                while r.len() < m {
                    let at = rng.below(r.len() + 1);
                    r.insert(at, rng.below(vocab as usize) as u32);
                }
                r
            };
            let s = ter_ids(&hyp, &reference);
            let context = format!("{n} -> {m} words, vocabulary {vocab}");
            assert_eq!(
                s.edits,
                s.insertions + s.deletions + s.substitutions + s.shifts,
                "{context}"
            );
            // Shifts keep the length: the length difference is all deletions or insertions.
            assert_eq!(
                s.deletions as i64 - s.insertions as i64,
                n as i64 - m as i64,
                "{context}"
            );
            assert!(s.edits >= n.abs_diff(m), "{context}");
            // Every shift pays for itself: never more than the distance without shifts,
            // which the beam keeps within the longer side (a path along its diagonal).
            let no_shift = beam_distance(&hyp, &reference);
            assert!(s.edits <= no_shift, "{context}: {} > {no_shift}", s.edits);
            assert!(no_shift <= n.max(m), "{context}");
            assert!(no_shift >= levenshtein(&hyp, &reference), "{context}");
            assert_eq!(ter_ids(&hyp, &hyp).edits, 0, "{context}");
            assert_eq!(ter_ids(&reference, &reference).edits, 0, "{context}");
        }
    }

    /// Moving one block of the reference: TER never exceeds the distance without shifts, and
    /// within the beam and the shift limits it finds the move.
    #[test]
    fn shifted_block_costs_at_most_the_no_shift_distance() {
        let mut rng = crate::testing::Rng(0x5_41f7);
        for _ in 0..300 {
            let n = 2 + rng.below(120);
            let vocab = [2, 5, 1000][rng.below(3)];
            let reference = random_words(&mut rng, n, vocab);
            let length = 1 + rng.below(n.min(14));
            let start = rng.below(n - length + 1);
            let target = rng.below(n + 1);
            let hyp = perform_shift(&reference, start, length, target);
            let s = ter_ids(&hyp, &reference);
            let no_shift = beam_distance(&hyp, &reference);
            assert!(s.edits <= no_shift, "{start}+{length} -> {target} of {n}");
            assert_eq!(s.insertions, s.deletions);
            let moved = start.abs_diff(target.min(n));
            if vocab == 1000
                && hyp != reference
                && length <= MAX_SHIFT_SIZE
                && moved <= MAX_SHIFT_DIST / 2
                && n <= BEAM_WIDTH
                && no_shift > 1
            {
                assert!(s.shifts >= 1, "{start}+{length} -> {target} of {n}");
            }
        }
    }

    #[test]
    fn python_whitespace() {
        assert_eq!(
            ter_words("A\u{1f}b\u{a0}C\u{3000}d\u{200b}e"),
            ["a", "b", "c", "d\u{200b}e"]
        );
    }
}
