//! Markup checks: a target's inline codes and placeholders against its source's.

pub mod tags;
