//! Accuracy checks: each target against its unit's source (bilingual files only) — numbers,
//! entities, untranslated text, and targets far too short or long for their source.

pub mod entities;
pub mod length;
pub mod number;
pub(crate) mod numbers;
pub(crate) mod script;
pub mod untranslated;
