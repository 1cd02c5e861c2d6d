//! mtpe's fuzz targets (see `targets.rs`), for the AFL driver and the replay tool.

#[path = "targets.rs"]
mod targets_impl;

pub use targets_impl::{TARGETS, Target, target};
