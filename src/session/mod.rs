//! The edit session: the article being post-edited, the current text of its segments, the
//! issues found in them, undo and redo, saving, and the journal that makes every change
//! durable before anyone is told it is done. No terminal code: the TUI, tests and
//! benchmarks drive it alike.
//!
//! Segments are those of the original document and keep their identity through edits.
//! A change is a replacement of bytes in one paragraph ([`Op::Replace`]); after it the
//! paragraph's paragraph-scope checks run at once, and the document-scope checks run on
//! the whole current text (inline for ordinary articles, on a worker thread for large
//! ones), so the cost of a change follows the paragraph, not the article.
//!
//! With a glossary ([`Session::open_with_glossary`]) the terminology checks run with the
//! document checks, against a term index built for the text being checked; the entries
//! behind terminology issues are read with it ([`Session::glossary_entry`]), and an entry
//! the post-editor adds ([`Session::add_glossary_entry`]) re-checks the whole article.
//!
//! [`Session`] is defined here; its methods are in one file per concern:
//! - `open.rs`: opening, and recovering or discarding what the journal holds;
//! - `addressing.rs`: paragraphs and segments, their current and original text; `flow.rs`:
//!   the line a segment starts on, hard-wrapped paragraphs;
//! - `issue_list.rs`: the issues by segment, their marks, counts, the next one;
//! - `schedule.rs`: which checks run when, and taking their outcome in;
//! - `ignore.rs`: the ignored issues (`IgnoreSet`) and how issues match their keys;
//! - `edits.rs`: segment edits and suggestions as changes, drafts;
//! - `undo.rs`: committing, undoing and redoing changes;
//! - `save.rs`: saving the corrected text and its diff, closing; `save_as.rs`: saving
//!   elsewhere;
//! - `glossary.rs`: the shared glossary and the entries the post-editor adds;
//!   `glossary_undo.rs`: undoing and redoing them;
//! - `replace.rs`: a fix applied everywhere, and find and replace, each one change.
//! - `units.rs`: a bilingual file's units: sources, states, locks, confirming, saving.
//!
//! The parts that are types of their own: `segments.rs` (the segments of each
//! paragraph), `IgnoreSet` (in `ignore.rs`), `base.rs` (the text as last checked),
//! `issues.rs` (the issues of each paragraph), `paragraph.rs` (an edited paragraph),
//! `checking.rs` (the checking worker), `journal.rs` (the durable journal), `ops.rs`
//! (changes as values), `original.rs` (the original text, for the diff) and `find.rs`
//! (literal and regular-expression queries).

mod addressing;
mod base;
mod checking;
mod dictionary;
mod edits;
mod find;
mod flow;
mod glossary;
mod glossary_undo;
mod ignore;
mod issue_list;
mod issues;
mod journal;
mod open;
mod ops;
mod original;
mod paragraph;
mod replace;
mod save;
mod save_as;
mod schedule;
mod segments;
mod source_terms;
mod undo;
mod units;

use std::collections::HashMap;
use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;

use crate::check::Engine;
use crate::check::terminology::TermIndex;
use crate::glossary::GlossaryError;

pub use checking::{CheckJob, CheckOutcome, current_text};
pub use dictionary::UserDictionary;
pub use find::{CaseMode, Pattern, find_all};
pub use glossary::{BuiltIndex, SessionGlossary, SourceTermIndex};
use ignore::IgnoreSet;
pub use issue_list::Mark;
pub use issues::{IssueId, Location, StoredIssue};
pub use journal::{
    Draft, Entry, EntryKind, Forgotten, JOURNAL_ENV, Journal, JournalArticle, JournalError,
    JournalInventory, Stored, Which, default_journal_path, forget as forget_journal,
    inventory as journal_inventory, journal_path, now_ms,
};
pub use ops::{Cause, IgnoreKey, Op};
pub use original::OriginalText;
pub use paragraph::{EditedParagraph, changed_part};
pub use replace::{Everywhere, FindMatch, Replaced};
pub use save::{SaveError, default_output_path, diff_path};
pub use source_terms::{SourceTerm, SourceTermGuess};
pub use units::UnitStatus;

use base::BaseText;
use checking::Checker;
use issues::IssueStore;
use open::Pending;
use segments::SegmentMap;

/// Above this size (bytes), whole-document checks run on a worker thread.
pub const BACKGROUND_CHECK_BYTES: usize = 512 * 1024;

/// Where whole-document checks run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckMode {
    /// Inline up to [`BACKGROUND_CHECK_BYTES`], on a worker thread above.
    Auto,
    Inline,
    Background,
}

/// How to open a session.
#[derive(Debug, Clone)]
pub struct SessionConfig {
    /// The journal database.
    pub journal: PathBuf,
    /// Where the corrected text is saved (its diff goes to `OUTPUT.diff`).
    pub output: PathBuf,
    /// BCP 47 tag of the article's language.
    pub target_lang: String,
    pub checking: CheckMode,
    /// The user's dictionary: known before the first check, so it runs once.
    pub dictionary: UserDictionary,
}

/// What the journal held when the session opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Opening {
    /// Nothing: the article as it is on disk.
    Fresh,
    /// The changes of earlier sessions, all saved or deliberately kept, are back.
    Resumed {
        changes: usize,
        /// When and where the last save went, if there was one.
        saved: Option<(String, String)>,
    },
    /// A session ended without saving (killed, crashed): its changes wait for a decision
    /// ([`Session::recover`] or [`Session::discard_pending`]).
    Recoverable {
        changes: usize,
        at: String,
        /// The segment whose edit was in progress, if one was.
        draft_segment: Option<usize>,
    },
    /// The journal's changes were made to a different text than the file now holds.
    ArticleChanged {
        /// Changes journalled (an undo or redo counts as one), an unfinished edit included.
        changes: usize,
        /// How many of them the last save wrote out, and to which file.
        saved: usize,
        saved_to: Option<String>,
        /// When the last change was made.
        at: String,
    },
}

/// What a recovery did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recovered {
    pub applied: usize,
    /// Changes that no longer matched the text (only when the article changed on disk).
    pub skipped: usize,
    /// The first segment changed, to show.
    pub segment: Option<usize>,
}

/// A change the session refused or could not make durable.
#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    #[error(transparent)]
    Journal(#[from] JournalError),
    #[error("{0}")]
    Refused(String),
    #[error("the journal does not fit the text ({0}); nothing was changed")]
    Mismatch(String),
    #[error("glossary not changed: {0}")]
    Glossary(#[from] GlossaryError),
}

/// What a save wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaveReport {
    pub output: PathBuf,
    pub diff: PathBuf,
    pub edited_segments: usize,
    /// Set when the files were written but the journal could not note the save.
    pub journal_warning: Option<String>,
    /// The corrected text as written (to record it as a revision, say).
    pub text: Arc<String>,
    /// The original text it corrects.
    pub original: OriginalText,
}

/// A change undone or redone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reverted {
    pub description: String,
    /// The segment it changed, if it was a text change.
    pub segment: Option<usize>,
}

/// Changes, each with the journal sequence number of its first doing, latest last.
type Changes = Vec<(i64, Op)>;

/// An open post-editing session on one article.
pub struct Session {
    /// The article's text as of the last check, and the original where it differs: the
    /// session holds one copy of a large article, not two.
    base: BaseText,
    hash: String,
    engine: Arc<Engine>,
    target_lang: String,
    output: PathBuf,
    /// Per paragraph: `None` while it is as in the original.
    edited: Vec<Option<Box<EditedParagraph>>>,
    segments: SegmentMap,
    issues: IssueStore,
    document_checks: HashSet<&'static str>,
    ignored: IgnoreSet,
    /// Done changes, and undone ones.
    undo: Changes,
    redo: Changes,
    journal: Journal,
    edited_segments: usize,
    /// The text state (see [`Session::text_state`]) last saved, and the journal position.
    saved_state: i64,
    saved_seq: i64,
    /// Counts changes; each paragraph remembers the count at its last change.
    generation: u64,
    para_generation: Vec<u64>,
    checker: Checker,
    pending: Pending,
    glossary: Option<SessionGlossary>,
    /// The term index of the last check (for paragraph-scope checks run here).
    term_index: Option<Arc<TermIndex>>,
    /// Glossary entries behind the terminology issues, by id.
    entries: HashMap<i64, crate::glossary::Entry>,
    /// A problem with the glossary that the post-editor has not been told about.
    warning: Option<String>,
    /// Checks asked for (all of them when true, else the document-scope ones) that wait
    /// for the worker to give the text back, to bring it up to date first.
    wanted: Option<bool>,
    /// The bilingual file whose targets are edited (one paragraph and segment a unit).
    units: Option<Box<units::SessionUnits>>,
    /// The user's dictionary's file (where added words go) and its words.
    dictionary: Option<PathBuf>,
    user_words: Arc<crate::check::spelling::UserWords>,
}

#[cfg(test)]
mod tests;
