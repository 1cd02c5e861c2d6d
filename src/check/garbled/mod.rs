//! Garbled-text checks: mojibake, replacement and control characters, source script left over.
