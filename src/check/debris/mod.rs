//! Debris checks: markup, scraped tag tails and metadata lines left in the text.
