//! The one pseudo-random generator of mtpe's unit tests and benchmarks (xorshift):
//! deterministic and dependency-free, so a randomised test fails the same way every time
//! and a benchmark sees the same data on every run. The benchmarks include this file by
//! path (`#[path = ".../src/testing/rng.rs"]`); each uses a part of it.
#![allow(dead_code)]

/// A xorshift generator; `Rng(state)` starts from a nonzero state as it is.
pub struct Rng(pub u64);

impl Rng {
    /// A generator seeded from any number (0 too): the seed is scrambled into a nonzero
    /// state.
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next() % 1_000_000) as f64 / 1_000_000.0 < p
    }
}
