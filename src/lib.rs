//! mtpe: machine-translation post-editing in the terminal.
//!
//! Layers, each depending only on those above it in this list:
//! - [`sqlite`]: the one routine that opens, configures and migrates mtpe's SQLite
//!   databases (used by the glossary, the user's dictionary, the journal and the revision
//!   store);
//! - [`document`]: the byte-exact document model (paragraphs, segments, positions);
//! - [`check`]: pure checks from a document to issues, and the engine that runs them;
//! - [`glossary`]: the SQLite term store, its import/export formats and the shipped glossary;
//!   [`dictionary`], the user's own words for the spelling check, beside it;
//! - [`diff`]: differences between the machine translation and its corrected version;
//! - [`report`]: review reports on a corrected version (JSON, HTML, Markdown, text) and
//!   [`history`], the store of saved corrected versions;
//! - [`config`]: the configuration of a run (`mtpe.toml`, the user's file, `--config`)
//!   read into the checks' options, with where each value came from;
//! - [`session`]: an edit session: changes, undo/redo, the durable journal, saving;
//! - [`tui`]: the post-editing terminal UI;
//! - [`cli`]: the command-line front end.
//!
//! Below them all, plumbing every layer uses: [`fsutil`] (atomic file writes with a
//! permissions policy, private folders and files), [`places`] (where mtpe keeps its own
//! data: the XDG state and data folders) and [`hash`] (content hashes).

#[cfg(not(unix))]
compile_error!("mtpe runs on Linux and other Unix systems (the editor relies on Unix signals)");

pub mod check;
pub mod cli;
pub mod config;
pub mod dictionary;
pub mod diff;
pub mod document;
pub mod fsutil;
pub mod glossary;
pub mod hash;
pub mod history;
pub mod places;
pub mod report;
pub mod session;
pub mod sqlite;
pub mod tui;

#[cfg(test)]
mod testing;
