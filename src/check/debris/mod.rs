//! Debris checks: markup, scraped tag tails and metadata lines left in the text.

mod entities;
pub mod markup;
pub mod metadata;
pub mod tag_tail;
