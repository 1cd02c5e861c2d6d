//! Repetition checks: words, phrases, list items and lines said twice.

pub mod doubled;
