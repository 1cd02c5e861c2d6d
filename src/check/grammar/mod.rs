//! Grammar: slips a post-editor or an MT system makes in an otherwise fluent sentence —
//! "a" before a vowel sound, a verb that does not agree with its subject. The rules look
//! at neighbouring words with harper-core's dictionary and pronunciation data; they do not
//! parse (harper's full parse, used by the optional style checks, costs far more).

pub mod agreement;
pub mod article;
