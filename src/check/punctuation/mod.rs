//! Punctuation checks: unbalanced pairs, doubled marks, missing spaces, capitals after
//! semicolons, and (bilingual) a final question or exclamation mark lost.

pub mod capital_after_semicolon;
pub mod doubled;
pub mod end;
pub mod missing_space;
pub mod unbalanced;
