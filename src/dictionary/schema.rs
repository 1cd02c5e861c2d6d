//! The user dictionary's schema and its upgrades (`PRAGMA user_version`, through
//! [`crate::sqlite`]).
//!
//! - 1: one row per word, as given, with the time it was added.

use std::time::Duration;

use crate::sqlite::{Kind, Schema, Settings, Step, Synchronous};

/// The dictionary's schema.
pub(super) struct DictionarySchema;

impl Schema for DictionarySchema {
    const KIND: Kind = Kind::Dictionary;
    const VERSION: i64 = 1;
    const SETTINGS: Settings = Settings {
        busy_timeout: Duration::from_secs(10),
        synchronous: Synchronous::Normal,
        require_wal: false,
    };
    const STEPS: &'static [Step] = &[Step {
        from: 0,
        run: |tx| tx.execute_batch(VERSION_1),
    }];
    const READ_ONLY_FALLBACK: bool = true;
}

const VERSION_1: &str = "
CREATE TABLE IF NOT EXISTS words (
    word TEXT PRIMARY KEY,
    added_at TEXT NOT NULL
) WITHOUT ROWID;
";
