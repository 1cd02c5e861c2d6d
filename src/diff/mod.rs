//! Differences between an original (machine translation) and a corrected text.
//!
//! The editor's save and the reviewers' reports both build on this module:
//! - [`unified_diff`]: the patch (`patch` and `git apply` accept it);
//! - [`Comparison`]: segments aligned across the two texts ([`align`]), the word-level
//!   changes of each ([`words`]) and edit statistics: TER ([`ter`]), character edit
//!   distance, segments left unedited;
//! - [`patch`]: reading a unified diff and applying it to a text.

pub mod align;
mod compare;
pub mod patch;
pub mod ter;
mod unified;
pub mod words;

pub use align::{Alignment, SegmentKind};
pub use compare::{Comparison, Layout, SegmentDiff, Totals, grapheme_distance, same_content_lines};
pub use ter::TerStats;
pub use unified::{header_label, split_lines, unified_diff, unified_diff_of_lines};
pub use words::{ChangeKind, WordChange};

/// The SHA-256 of a text, in lowercase hex: how reports and the revision store identify
/// a version.
pub fn content_hash(text: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(text.as_bytes());
    let mut hex = String::with_capacity(64);
    for b in digest {
        hex.push_str(&format!("{b:02x}"));
    }
    hex
}
