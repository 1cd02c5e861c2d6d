//! Punctuation checks: unbalanced pairs, doubled marks, missing spaces, capitals after semicolons.

pub mod capital_after_semicolon;
pub mod doubled;
pub mod missing_space;
pub mod unbalanced;
