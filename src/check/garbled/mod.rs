//! Garbled-text checks: mojibake, replacement and control characters, source script left over.

pub mod control_char;
pub mod mojibake;
pub mod replacement_char;
pub mod source_script;
