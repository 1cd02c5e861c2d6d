//! The glossary: a shareable SQLite term store (entries with preferred, admitted and
//! deprecated target terms), its import and export formats (TSV, CSV, TBX), where it
//! lives, and the zh→en cyberspace glossary shipped with mtpe.
//!
//! The terminology checks never see this module: the store hands them a
//! [`TermIndex`](crate::check::terminology::TermIndex) with the entries a document can
//! contain ([`Glossary::term_index`]).

mod checking;
pub mod export;
pub mod import;
pub mod loader;
pub mod location;
mod model;
pub mod shipped;
mod snapshot;
mod store;
pub mod table;
mod tbx;

pub use checking::{check_document, check_request};
pub use model::{Entry, EntryData, InvalidEntry, Term, canonical_language_tag, lang_matches};
pub use store::{
    CheckReport, Fill, Glossary, GlossaryError, ImportProgress, ImportSummary, MergeOutcome,
    PreparedEntry, SCHEMA_VERSION, Stats, label,
};
pub use table::{format_term, parse_term};

pub use crate::check::terminology::TermStatus;

/// The source language of entries whose own does not say (`glossary add`, the editor's
/// `t`, an imported file that names none): mtpe's home pair is zh → en.
pub const DEFAULT_SOURCE_LANG: &str = "zh";
/// The target language of entries whose own does not say.
pub const DEFAULT_TARGET_LANG: &str = "en";
