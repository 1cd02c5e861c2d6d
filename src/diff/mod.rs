//! Differences between an original (machine translation) and a corrected text.
//!
//! The editor's save and the reviewers' reports both build on this module:
//! - [`unified_diff`]: the patch (`patch` and `git apply` accept it);
//! - [`Comparison`]: segments aligned across the two texts ([`align`]), the word-level
//!   changes of each ([`words`]) and edit statistics: TER ([`ter`]), character edit
//!   distance, segments left unedited;
//! - [`patch`]: reading a unified diff and applying it to a text;
//! - [`units`]: two versions of a bilingual file paired unit by unit, for the comparison.

pub mod align;
mod compare;
pub mod patch;
pub mod ter;
mod unified;
pub mod units;
pub mod words;

pub use align::{Alignment, SegmentKind};
pub use compare::{Comparison, Layout, SegmentDiff, Totals, grapheme_distance, same_content_lines};
pub use ter::TerStats;
pub use unified::{header_label, split_lines, unified_diff, unified_diff_of_lines};
pub use words::{ChangeKind, WordChange};
