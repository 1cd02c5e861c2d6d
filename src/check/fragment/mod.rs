//! Fragment checks: paragraphs cut off before the end of a sentence.

pub mod cut_off;
