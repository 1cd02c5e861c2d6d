//! Differences between an original (machine translation) and a corrected text.
//!
//! The editor's save and the reviewers' reports both build on this module.

mod unified;

pub use unified::unified_diff;
