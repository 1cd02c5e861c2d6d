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

mod base;
mod checking;
mod glossary;
mod issues;
mod journal;
mod ops;
mod original;
mod paragraph;
mod save;

use std::collections::BTreeSet;
use std::collections::HashMap;
use std::collections::HashSet;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::check::terminology::TermIndex;
use crate::check::{Category, CheckRequest, Engine, Issue, Scope};
use crate::document::{Document, LineEnding, Origin};
use crate::glossary::{EntryData, GlossaryError, MergeOutcome};
use crate::hash::{content_hash, short_hash};

pub use checking::{CheckJob, CheckOutcome, current_text};
pub use glossary::{BuiltIndex, SessionGlossary};
pub use issues::{IssueId, Location, StoredIssue};
pub use journal::{
    Draft, Entry, EntryKind, JOURNAL_ENV, Journal, JournalError, Stored, default_journal_path,
    now_ms,
};
pub use ops::{Cause, IgnoreKey, Op};
pub use original::OriginalText;
pub use paragraph::{EditedParagraph, changed_part};
use save::write_all_atomically;
pub use save::{SaveError, default_output_path, diff_path};

use base::BaseText;
use checking::{Checker, Submitted};
use issues::IssueStore;
use paragraph::{owner_of, touched};

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

/// A highlighted span of a segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    /// Byte span in the segment's text (clipped to it).
    pub span: Range<usize>,
    pub category: Category,
    pub id: IssueId,
}

/// A decision about the journal that the post-editor has yet to make.
enum Pending {
    None,
    /// Changes after `keep` were not saved when the last session ended.
    Recovery {
        entries: Vec<Entry>,
        draft: Option<Draft>,
        keep: i64,
    },
    Changed(Stored),
}

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
    /// Index of each paragraph's first segment; one more entry than paragraphs.
    seg_start: Vec<usize>,
    /// Each segment's span in its paragraph's original text (4 + 4 bytes a segment: the
    /// document's own segment list is not built, which saves memory on large articles).
    seg_spans: SegmentSpans,
    issues: IssueStore,
    document_checks: HashSet<&'static str>,
    ignored: BTreeSet<IgnoreKey>,
    /// Done changes, each with the journal sequence number of its first doing.
    undo: Vec<(i64, Op)>,
    redo: Vec<(i64, Op)>,
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
}

impl Session {
    /// Opens a session on `doc` (which must come from a file, or be named in memory),
    /// replaying what the journal holds that is settled, and starts checking.
    pub fn open(
        doc: Document,
        engine: Arc<Engine>,
        config: SessionConfig,
    ) -> Result<(Session, Opening), SessionError> {
        Self::open_with_glossary(doc, engine, config, None)
    }

    /// Like [`Session::open`], checking the terminology against `glossary` (give `engine`
    /// the terminology checks too: without them the glossary is only written to).
    pub fn open_with_glossary(
        doc: Document,
        engine: Arc<Engine>,
        config: SessionConfig,
        glossary: Option<SessionGlossary>,
    ) -> Result<(Session, Opening), SessionError> {
        let key = match doc.origin() {
            Origin::File(p) => std::fs::canonicalize(p)
                .unwrap_or_else(|_| p.clone())
                .display()
                .to_string(),
            Origin::Memory(name) => format!("memory:{name}"),
            Origin::Stdin => {
                return Err(SessionError::Refused(
                    "standard input cannot be edited: give the article's file name".into(),
                ));
            }
        };
        let hash = content_hash(doc.text());
        let (journal, stored) = Journal::open(&config.journal, &key)?;
        let (seg_start, seg_spans) = segment_table(&doc)?;
        let paragraphs = doc.paragraphs().len();
        let checker = match config.checking {
            CheckMode::Inline => Checker::Inline,
            CheckMode::Background => Checker::background(Arc::clone(&engine)),
            CheckMode::Auto if doc.text().len() > BACKGROUND_CHECK_BYTES => {
                Checker::background(Arc::clone(&engine))
            }
            CheckMode::Auto => Checker::Inline,
        };
        let document_checks = engine
            .checks()
            .filter(|c| c.scope() == Scope::Document)
            .map(|c| c.info().id)
            .collect();
        let rules = engine
            .checks()
            .map(|c| (c.info().id, c.supersedes()))
            .filter(|(_, s)| !s.is_empty())
            .collect();
        let mut session = Session {
            hash,
            engine,
            target_lang: config.target_lang,
            output: config.output,
            edited: (0..paragraphs).map(|_| None).collect(),
            seg_start,
            seg_spans,
            issues: IssueStore::new(paragraphs, rules),
            document_checks,
            ignored: stored.ignored.iter().cloned().collect(),
            undo: Vec::new(),
            redo: Vec::new(),
            journal,
            edited_segments: 0,
            saved_state: 0,
            saved_seq: 0,
            generation: 0,
            para_generation: vec![0; paragraphs],
            checker,
            pending: Pending::None,
            glossary,
            term_index: None,
            entries: HashMap::new(),
            warning: None,
            wanted: None,
            base: BaseText::new(doc),
        };
        let opening = session.settle(stored)?;
        session.check_everything();
        Ok((session, opening))
    }

    /// Replays what is settled in the journal and decides what needs asking.
    fn settle(&mut self, stored: Stored) -> Result<Opening, SessionError> {
        let changes = stored.entries.len() + usize::from(stored.draft.is_some());
        let last_at = stored
            .entries
            .last()
            .map(|e| e.at)
            .into_iter()
            .chain(stored.draft.as_ref().map(|d| d.at))
            .max()
            .unwrap_or(0);
        match stored.hash.as_deref() {
            None => {
                self.journal.set_hash(&self.hash)?;
                Ok(Opening::Fresh)
            }
            Some(h) if h != self.hash => {
                if changes == 0 {
                    self.journal.reset(&self.hash)?;
                    return Ok(Opening::Fresh);
                }
                let at = self.journal.format_time(last_at);
                let saved = stored
                    .entries
                    .iter()
                    .filter(|e| e.seq <= stored.saved_seq)
                    .count();
                let saved_to = stored.saved_output.clone().filter(|_| saved > 0);
                self.pending = Pending::Changed(stored);
                Ok(Opening::ArticleChanged {
                    changes,
                    saved,
                    saved_to,
                    at,
                })
            }
            Some(_) => {
                let accounted = stored.accounted_seq();
                let (settled, unsettled): (Vec<Entry>, Vec<Entry>) = stored
                    .entries
                    .iter()
                    .cloned()
                    .partition(|e| e.seq <= accounted);
                self.replay(&settled, stored.saved_seq)?;
                self.saved_seq = stored.saved_seq;
                if unsettled.is_empty() && stored.draft.is_none() {
                    if settled.is_empty() {
                        return Ok(Opening::Fresh);
                    }
                    let saved = stored.saved_at.map(|t| {
                        (
                            self.journal.format_time(t),
                            stored.saved_output.clone().unwrap_or_default(),
                        )
                    });
                    return Ok(Opening::Resumed {
                        changes: settled.len(),
                        saved,
                    });
                }
                let draft_segment = stored.draft.as_ref().map(|d| d.segment);
                let changes = unsettled.len() + usize::from(stored.draft.is_some());
                let at = self.journal.format_time(last_at);
                self.pending = Pending::Recovery {
                    entries: unsettled,
                    draft: stored.draft,
                    keep: accounted,
                };
                Ok(Opening::Recoverable {
                    changes,
                    at,
                    draft_segment,
                })
            }
        }
    }

    /// Re-applies journal entries without writing them again; no checks run.
    fn replay(&mut self, entries: &[Entry], saved_seq: i64) -> Result<(), SessionError> {
        for e in entries {
            match e.kind {
                EntryKind::Do => {
                    self.validate(&e.op, true)?;
                    self.undo.push((e.seq, e.op.clone()));
                    self.redo.clear();
                    self.apply(&e.op, true, false);
                }
                EntryKind::Undo => {
                    let (id, op) = self
                        .undo
                        .pop()
                        .filter(|(_, op)| *op == e.op)
                        .ok_or_else(|| SessionError::Mismatch(format!("undo at {}", e.seq)))?;
                    self.validate(&op, false)?;
                    self.apply(&op, false, false);
                    self.redo.push((id, op));
                }
                EntryKind::Redo => {
                    let (id, op) = self
                        .redo
                        .pop()
                        .filter(|(_, op)| *op == e.op)
                        .ok_or_else(|| SessionError::Mismatch(format!("redo at {}", e.seq)))?;
                    self.validate(&op, true)?;
                    self.apply(&op, true, false);
                    self.undo.push((id, op));
                }
            }
            if e.seq <= saved_seq {
                self.saved_state = self.text_state();
            }
        }
        Ok(())
    }

    /// Whether a recovery decision is waiting.
    pub fn has_pending(&self) -> bool {
        !matches!(self.pending, Pending::None)
    }

    /// Restores the changes waiting since a crash (or, after the article changed on disk,
    /// those that still fit its text).
    pub fn recover(&mut self) -> Result<Recovered, SessionError> {
        match std::mem::replace(&mut self.pending, Pending::None) {
            Pending::None => Ok(Recovered {
                applied: 0,
                skipped: 0,
                segment: None,
            }),
            Pending::Recovery {
                entries,
                draft,
                keep,
            } => {
                let before: Vec<u64> = self.para_generation.clone();
                if let Err(e) = self.replay(&entries, self.saved_seq) {
                    self.pending = Pending::Recovery {
                        entries,
                        draft,
                        keep,
                    };
                    return Err(e);
                }
                let mut applied = entries.len();
                let mut segment = entries.iter().rev().find_map(|e| self.op_segment(&e.op));
                let changed: Vec<usize> = (0..self.para_generation.len())
                    .filter(|&p| self.para_generation[p] != before[p])
                    .collect();
                for p in changed {
                    self.check_paragraph(p);
                }
                if let Some(d) = draft {
                    if d.segment < self.segment_count() {
                        self.set_segment_text_with(d.segment, &d.text, Cause::RecoveredDraft)?;
                        applied += 1;
                        segment = Some(d.segment);
                    }
                    self.journal.clear_draft()?;
                }
                self.request_document_checks();
                Ok(Recovered {
                    applied,
                    skipped: 0,
                    segment,
                })
            }
            Pending::Changed(stored) => self.recover_onto_changed_article(stored),
        }
    }

    fn recover_onto_changed_article(&mut self, stored: Stored) -> Result<Recovered, SessionError> {
        // The changes in effect at the end of the journal, in order.
        let mut done: Vec<Op> = Vec::new();
        let mut undone: Vec<Op> = Vec::new();
        for e in &stored.entries {
            match e.kind {
                EntryKind::Do => {
                    done.push(e.op.clone());
                    undone.clear();
                }
                EntryKind::Undo => undone.extend(done.pop()),
                EntryKind::Redo => done.extend(undone.pop()),
            }
        }
        self.journal.reset(&self.hash)?;
        let (mut applied, mut skipped, mut segment) = (0, 0, None);
        for op in done {
            if self.validate(&op, true).is_err() {
                skipped += 1;
                continue;
            }
            self.commit(op.clone())?;
            segment = self.op_segment(&op).or(segment);
            applied += 1;
        }
        Ok(Recovered {
            applied,
            skipped,
            segment,
        })
    }

    /// Drops the changes waiting for a decision, for good.
    pub fn discard_pending(&mut self) -> Result<(), SessionError> {
        match std::mem::replace(&mut self.pending, Pending::None) {
            Pending::None => {}
            Pending::Recovery { keep, .. } => self.journal.discard_after(keep)?,
            Pending::Changed(_) => self.journal.reset(&self.hash)?,
        }
        Ok(())
    }

    // ----- reading -------------------------------------------------------------------

    /// The article's name (its path as given).
    pub fn name(&self) -> String {
        self.base.document().name()
    }

    /// The article's file (none for a text given in memory).
    pub fn article_path(&self) -> Option<PathBuf> {
        self.base.document().origin().path().map(Path::to_path_buf)
    }

    /// The line ending the article mostly uses, for new line breaks.
    pub fn line_ending(&self) -> LineEnding {
        self.base.line_ending()
    }

    /// The original text between paragraph `p - 1` (or the start of the file) and
    /// paragraph `p`: whether a blank line separates them, say.
    pub fn original_glue(&self, p: usize) -> &str {
        self.base.original_glue(p)
    }

    pub fn output(&self) -> &Path {
        &self.output
    }

    pub fn journal_path(&self) -> &Path {
        self.journal.path()
    }

    pub fn segment_count(&self) -> usize {
        self.seg_spans.len()
    }

    pub fn paragraph_count(&self) -> usize {
        self.edited.len()
    }

    /// The paragraph a segment belongs to.
    pub fn segment_paragraph(&self, seg: usize) -> usize {
        let paragraphs = self.paragraph_count();
        self.seg_start[..paragraphs]
            .partition_point(|&first| first <= seg)
            .saturating_sub(1)
    }

    /// The segments of paragraph `p`.
    pub fn paragraph_segments(&self, p: usize) -> Range<usize> {
        self.seg_start[p]..self.seg_start[p + 1]
    }

    /// The current text of paragraph `p`.
    pub fn paragraph_text(&self, p: usize) -> &str {
        match &self.edited[p] {
            Some(e) => &e.text,
            None => self.base.original_content(p),
        }
    }

    /// Where segment `seg` lies in its paragraph's original text.
    fn original_range(&self, seg: usize) -> Range<usize> {
        let (a, b) = self.seg_spans[seg];
        a as usize..b as usize
    }

    /// Where segment `seg` lies in its paragraph's current text.
    pub fn segment_range(&self, seg: usize) -> Range<usize> {
        let p = self.segment_paragraph(seg);
        match &self.edited[p] {
            Some(e) => e.ranges[seg - self.seg_start[p]].clone(),
            None => self.original_range(seg),
        }
    }

    /// The current text of segment `seg`.
    pub fn segment_text(&self, seg: usize) -> &str {
        let p = self.segment_paragraph(seg);
        match &self.edited[p] {
            Some(e) => e.segment(seg - self.seg_start[p]),
            None => self.original_segment_text(seg),
        }
    }

    /// The machine translation of segment `seg`, as in the file.
    pub fn original_segment_text(&self, seg: usize) -> &str {
        let p = self.segment_paragraph(seg);
        &self.base.original_content(p)[self.original_range(seg)]
    }

    pub fn is_segment_edited(&self, seg: usize) -> bool {
        seg < self.segment_count()
            && self.edited[self.segment_paragraph(seg)].is_some()
            && self.segment_text(seg) != self.original_segment_text(seg)
    }

    /// Segments whose text differs from the machine translation.
    pub fn edited_segments(&self) -> usize {
        self.edited_segments
    }

    fn paragraph_ranges(&self, p: usize) -> Vec<Range<usize>> {
        match &self.edited[p] {
            Some(e) => e.ranges.clone(),
            None => self
                .paragraph_segments(p)
                .map(|s| self.segment_range(s))
                .collect(),
        }
    }

    /// The segment that owns byte `at` of paragraph `p` (None if it has no segment).
    pub fn owner_segment(&self, p: usize, at: usize) -> Option<usize> {
        let segs = self.paragraph_segments(p);
        if segs.is_empty() {
            return None;
        }
        let k = match &self.edited[p] {
            Some(e) => owner_of(&e.ranges, at),
            None => self.seg_spans[segs.clone()]
                .partition_point(|&(start, _)| start as usize <= at)
                .saturating_sub(1),
        };
        Some(segs.start + k)
    }

    /// An issue by id.
    pub fn issue(&self, id: IssueId) -> Option<&StoredIssue> {
        self.issues.get(id)
    }

    /// The glossary the session checks against, if any.
    pub fn glossary(&self) -> Option<&SessionGlossary> {
        self.glossary.as_ref()
    }

    /// BCP 47 tag of the article's language.
    pub fn target_lang(&self) -> &str {
        &self.target_lang
    }

    /// The glossary entry behind a terminology issue, as read with the last check.
    pub fn glossary_entry(&self, id: IssueId) -> Option<&crate::glossary::Entry> {
        let entry = self.issues.get(id)?.issue.entry()?;
        self.entries.get(&entry)
    }

    /// A problem with the glossary met while checking, once (the front end shows it).
    pub fn take_warning(&mut self) -> Option<String> {
        self.warning.take()
    }

    /// Writes an entry to the glossary at once (merged into the entry with the same
    /// languages, source terms and preferred term, if there is one) and re-checks the
    /// whole article against it. Not part of undo: the glossary outlives the session.
    pub fn add_glossary_entry(
        &mut self,
        data: EntryData,
    ) -> Result<(i64, MergeOutcome), SessionError> {
        let glossary = self.glossary.as_ref().ok_or_else(|| {
            SessionError::Refused("no glossary in use (mtpe edit was started without one)".into())
        })?;
        let done = glossary.merge(data)?;
        self.recheck_all();
        Ok(done)
    }

    /// The text an issue flags.
    pub fn issue_text(&self, id: IssueId) -> &str {
        self.issues
            .get(id)
            .and_then(|si| self.paragraph_text(id.paragraph).get(si.issue.span.clone()))
            .unwrap_or("")
    }

    /// The segment that lists an issue.
    pub fn issue_segment(&self, id: IssueId) -> Option<usize> {
        let si = self.issues.get(id)?;
        self.owner_segment(id.paragraph, si.issue.span.start)
    }

    /// The segment a location falls in.
    pub fn location_segment(&self, loc: &Location) -> Option<usize> {
        (loc.paragraph < self.paragraph_count())
            .then(|| self.owner_segment(loc.paragraph, loc.span.start))
            .flatten()
    }

    /// The line (1-based) a location is on in the text as last checked: the numbering the
    /// checks' messages use ("… (line 37)").
    pub fn location_line(&self, loc: &Location) -> Option<usize> {
        let doc = self.base.document();
        let para = doc.paragraphs().get(loc.paragraph)?;
        let at = para.span.start + loc.span.start.min(para.span.len());
        Some(doc.position(at).line)
    }

    /// The text at a location, if it is still there.
    pub fn location_text(&self, loc: &Location) -> Option<&str> {
        if loc.paragraph >= self.paragraph_count() {
            return None;
        }
        self.paragraph_text(loc.paragraph).get(loc.span.clone())
    }

    /// Open issues listed under segment `seg`, in text order.
    pub fn segment_issues(&self, seg: usize) -> Vec<IssueId> {
        let p = self.segment_paragraph(seg);
        self.issues
            .paragraph(p)
            .iter()
            .enumerate()
            .filter(|(_, si)| {
                si.is_open() && self.owner_segment(p, si.issue.span.start) == Some(seg)
            })
            .map(|(index, _)| IssueId {
                paragraph: p,
                index,
            })
            .collect()
    }

    /// Ignored issues listed under segment `seg`.
    pub fn segment_ignored_count(&self, seg: usize) -> usize {
        let p = self.segment_paragraph(seg);
        self.issues
            .paragraph(p)
            .iter()
            .filter(|si| si.ignored && self.owner_segment(p, si.issue.span.start) == Some(seg))
            .count()
    }

    /// Spans of open issues that fall in segment `seg`, in its text's coordinates.
    pub fn segment_marks(&self, seg: usize) -> Vec<Mark> {
        let p = self.segment_paragraph(seg);
        let range = self.segment_range(seg);
        self.issues
            .paragraph(p)
            .iter()
            .enumerate()
            .filter(|(_, si)| si.is_open())
            .filter_map(|(index, si)| {
                let s = &si.issue.span;
                let inside = if s.is_empty() {
                    s.start >= range.start && s.start <= range.end
                } else {
                    s.start < range.end && s.end > range.start
                };
                inside.then(|| Mark {
                    span: s.start.max(range.start) - range.start
                        ..s.end.min(range.end).max(s.start.max(range.start)) - range.start,
                    category: si.issue.category,
                    id: IssueId {
                        paragraph: p,
                        index,
                    },
                })
            })
            .collect()
    }

    /// Open issues by category, in [`Category::ALL`] order.
    pub fn open_issues_by_category(&self) -> [usize; Category::ALL.len()] {
        self.issues.open_by_category()
    }

    pub fn open_issue_count(&self) -> usize {
        self.issues.open_total()
    }

    /// The next (or previous) open issue in document order after `after`, or, without
    /// one, from segment `from`. Wraps around the document; says when it did.
    pub fn next_issue(
        &self,
        from: usize,
        after: Option<IssueId>,
        forward: bool,
    ) -> Option<(IssueId, bool)> {
        let paragraphs = self.paragraph_count();
        if paragraphs == 0 || self.issues.open_total() == 0 {
            return None;
        }
        let start_p = after.map_or_else(|| self.segment_paragraph(from), |id| id.paragraph);
        // Is issue (p, i) strictly after (or before) the starting point?
        let beyond = |p: usize, i: usize, si: &StoredIssue| -> bool {
            match after {
                Some(id) => {
                    if forward {
                        (p, i) > (id.paragraph, id.index)
                    } else {
                        (p, i) < (id.paragraph, id.index)
                    }
                }
                None => {
                    let seg = self.owner_segment(p, si.issue.span.start).unwrap_or(0);
                    if forward { seg >= from } else { seg < from }
                }
            }
        };
        let open_in = |p: usize| {
            self.issues
                .paragraph(p)
                .iter()
                .enumerate()
                .filter(|(_, si)| si.is_open())
                .map(move |(i, si)| (p, i, si))
        };
        let hit = |(p, i, _): (usize, usize, &StoredIssue)| IssueId {
            paragraph: p,
            index: i,
        };
        if forward {
            for p in start_p..paragraphs {
                if let Some(found) = open_in(p).find(|&(p, i, si)| beyond(p, i, si)) {
                    return Some((hit(found), false));
                }
            }
            (0..paragraphs)
                .find_map(|p| open_in(p).next())
                .map(|f| (hit(f), true))
        } else {
            for p in (0..=start_p.min(paragraphs - 1)).rev() {
                if let Some(found) = open_in(p).rev().find(|&(p, i, si)| beyond(p, i, si)) {
                    return Some((hit(found), false));
                }
            }
            (0..paragraphs)
                .rev()
                .find_map(|p| open_in(p).next_back())
                .map(|f| (hit(f), true))
        }
    }

    /// The document's current text, BOM and line endings as in the original except where
    /// edited. An article whose every line was deleted is empty: no line break (or byte
    /// order mark) is left over from its last line.
    pub fn current_text(&self) -> String {
        if self.everything_deleted() {
            return String::new();
        }
        self.base
            .current_text(|p| self.edited[p].as_ref().map(|e| e.text.as_str()))
    }

    /// Whether the article had text and every paragraph of it was deleted.
    fn everything_deleted(&self) -> bool {
        self.paragraph_count() > 0
            && (0..self.paragraph_count()).all(|p| {
                self.paragraph_text(p).is_empty() && !self.base.original_content(p).is_empty()
            })
    }

    /// Brings the checked text up to date in place; false while the worker reads it.
    fn bring_text_up_to_date(&mut self) -> bool {
        let edited = &self.edited;
        self.base
            .bring_up_to_date(|p| edited[p].as_ref().map(|e| e.text.as_str()))
    }

    /// Whether there are changes not saved.
    pub fn is_dirty(&self) -> bool {
        self.text_state() != self.saved_state
    }

    /// Identifies the text as it is: the journal number of the last text change in force.
    fn text_state(&self) -> i64 {
        self.undo
            .iter()
            .rev()
            .find(|(_, op)| matches!(op, Op::Replace { .. }))
            .map_or(0, |(id, _)| *id)
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Whether whole-document checks are still running (or waiting to start).
    pub fn checks_running(&self) -> bool {
        self.checker.is_busy() || self.wanted.is_some()
    }

    // ----- checking --------------------------------------------------------------------

    fn check_everything(&mut self) {
        self.want_checks(true);
    }

    /// Runs the paragraph-scope checks of paragraph `p` now.
    fn check_paragraph(&mut self, p: usize) {
        let issues = self.paragraph_issues(p, self.paragraph_text(p).to_string());
        let stored: Vec<StoredIssue> = issues
            .into_iter()
            .map(|issue| StoredIssue::new(issue, Scope::Paragraph))
            .collect();
        self.issues.replace_scope(p, Scope::Paragraph, stored);
        self.refresh_ignored([p]);
    }

    /// Paragraph-scope issues of `text` taken as paragraph `p`, spans relative to `text`.
    fn paragraph_issues(&self, p: usize, text: String) -> Vec<Issue> {
        let kind = self.base.document().paragraphs()[p].kind;
        if !kind.is_prose() {
            return Vec::new();
        }
        let len = text.len();
        let alone = self
            .base
            .document()
            .with_paragraph_spans(text, [(0..len, kind)]);
        let ctx = CheckRequest::new(&alone, &self.target_lang)
            .glossary(self.term_index.as_deref())
            .context();
        self.engine
            .run_paragraph(&ctx, 0)
            .into_iter()
            .filter(|i| !self.document_checks.contains(i.check))
            .collect()
    }

    /// Paragraph-scope issues of segment `seg` if its text were `draft` (for checking as
    /// the post-editor types); spans relative to `draft`, clipped to it.
    pub fn check_draft(&self, seg: usize, draft: &str) -> Vec<Issue> {
        let p = self.segment_paragraph(seg);
        let range = self.segment_range(seg);
        let current = self.paragraph_text(p);
        let mut text = String::with_capacity(current.len() + draft.len());
        text.push_str(&current[..range.start]);
        text.push_str(draft);
        text.push_str(&current[range.end..]);
        let end = range.start + draft.len();
        self.paragraph_issues(p, text)
            .into_iter()
            .filter(|i| i.span.start < end && i.span.end > range.start)
            .map(|mut i| {
                i.span =
                    i.span.start.max(range.start) - range.start..i.span.end.min(end) - range.start;
                i
            })
            .collect()
    }

    fn job(&self, full: bool) -> CheckJob {
        CheckJob {
            generation: self.generation,
            base: self.base.shared(),
            // The text is brought up to date before a job is made.
            edits: Vec::new(),
            full,
            target_lang: self.target_lang.clone(),
            glossary: self.glossary.clone(),
        }
    }

    /// Runs every check on the whole current text again (after the glossary changed, say).
    /// Inline for ordinary articles; on the worker for large ones ([`Session::poll_checks`]).
    pub fn recheck_all(&mut self) {
        self.check_everything();
    }

    fn request_document_checks(&mut self) {
        if self.document_checks.is_empty() {
            return;
        }
        self.want_checks(false);
    }

    /// Asks for checks of the current text: started at once if the worker is not reading
    /// the text, else as soon as it is done with it (only the newest text is checked).
    fn want_checks(&mut self, full: bool) {
        self.wanted = Some(full || self.wanted == Some(true));
        self.start_wanted_checks();
    }

    fn start_wanted_checks(&mut self) {
        let Some(full) = self.wanted else { return };
        if !self.bring_text_up_to_date() {
            return;
        }
        self.wanted = None;
        let job = self.job(full);
        if let Submitted::Done(outcome) = self.checker.submit(&self.engine, job) {
            self.accept(outcome);
        }
    }

    /// Takes in finished whole-document checks, and starts those waiting for them; true
    /// if any arrived.
    pub fn poll_checks(&mut self) -> bool {
        let mut any = false;
        while let Some(outcome) = self.checker.poll(false) {
            self.accept(outcome);
            any = true;
        }
        self.start_wanted_checks();
        any
    }

    /// Waits until every whole-document check asked for has been taken in.
    pub fn wait_for_checks(&mut self) {
        loop {
            while let Some(outcome) = self.checker.poll(true) {
                self.accept(outcome);
            }
            // The worker is done with the text: the checks waiting for it can start.
            let waiting = self.wanted.is_some();
            self.start_wanted_checks();
            if !waiting || self.wanted.is_some() {
                return;
            }
        }
    }

    fn accept(&mut self, outcome: CheckOutcome) {
        if let Some(w) = outcome.warning {
            self.warning = Some(w);
        }
        if outcome.terms.is_some() {
            self.term_index = outcome.terms;
        }
        for e in outcome.entries {
            self.entries.insert(e.id, e);
        }
        let paragraphs = self.paragraph_count();
        let spans = &outcome.paragraph_spans;
        if spans.len() != paragraphs {
            return;
        }
        // Issues are moved, not copied, and grouped by paragraph in place: a large
        // article has tens of thousands, and a list per paragraph on the side would hold
        // several times their size for a moment.
        let mut slots: Vec<Option<Issue>> = outcome.issues.into_iter().map(Some).collect();
        let mut order: Vec<(usize, usize)> = slots
            .iter()
            .enumerate()
            .filter_map(|(k, issue)| Some((locate(spans, issue.as_ref()?.span.start)?, k)))
            .collect();
        order.sort_unstable();
        let current = outcome.generation == self.generation;
        let mut touched: Vec<usize> = self.issues.paragraphs_with_issues().collect();
        touched.extend(order.iter().map(|&(p, _)| p));
        touched.sort_unstable();
        touched.dedup();
        let mut next = order.iter().peekable();
        for p in touched {
            let (mut doc_scope, mut para_scope) = (Vec::new(), Vec::new());
            while let Some(&(_, k)) = next.next_if(|(q, _)| *q == p) {
                let Some(issue) = slots[k].take() else {
                    continue;
                };
                let stored = self.stored_issue(issue, spans, p);
                if stored.scope == Scope::Document {
                    doc_scope.push(stored);
                } else {
                    para_scope.push(stored);
                }
            }
            if outcome.full && self.para_generation[p] <= outcome.generation {
                self.issues.replace_scope(p, Scope::Paragraph, para_scope);
            }
            if current {
                self.issues.replace_scope(p, Scope::Document, doc_scope);
            }
            self.refresh_ignored([p]);
        }
    }

    /// An issue found in the whole text (spans in the coordinates of the checked text, whose
    /// paragraphs are at `spans`) as paragraph `p` keeps it.
    fn stored_issue(&self, mut issue: Issue, spans: &[Range<usize>], p: usize) -> StoredIssue {
        let s = &spans[p];
        let clipped = issue.span.end > s.end || issue.span.start > s.end;
        let len = s.end - s.start;
        let start = issue.span.start.saturating_sub(s.start).min(len);
        let end = issue.span.end.saturating_sub(s.start).min(len).max(start);
        issue.span = start..end;
        let related: Box<[Location]> = std::mem::take(&mut issue.related)
            .into_iter()
            .filter_map(|r| {
                let p = locate(spans, r.start)?;
                let base = spans[p].start;
                let end = r.end.min(spans[p].end).max(r.start);
                Some(Location {
                    paragraph: p,
                    span: r.start.saturating_sub(base)..end.saturating_sub(base),
                })
            })
            .collect();
        let scope = if self.document_checks.contains(issue.check) {
            Scope::Document
        } else {
            Scope::Paragraph
        };
        StoredIssue {
            related: related.into_vec(),
            clipped,
            ..StoredIssue::new(issue, scope)
        }
    }

    // ----- ignoring ---------------------------------------------------------------------

    fn segment_context(&self, seg: usize) -> String {
        short_hash(self.original_segment_text(seg))
    }

    /// Where byte `x` of paragraph `p`'s current text was in its original text, traced back
    /// through the changes in force; a byte inside replaced text goes to the start of what
    /// it replaced, or with `end` set to its end.
    fn original_offset(&self, p: usize, mut x: usize, end: bool) -> usize {
        if self.edited[p].is_none() {
            return x;
        }
        for (_, op) in self.undo.iter().rev() {
            let Op::Replace {
                paragraph,
                at,
                old,
                new,
                ..
            } = op
            else {
                continue;
            };
            if *paragraph != p || x <= *at {
                continue;
            }
            x = if x >= at + new.len() {
                x - new.len() + old.len()
            } else if end {
                at + old.len()
            } else {
                *at
            };
        }
        x
    }

    /// Where an issue's span of paragraph `p` lies in segment `seg`'s original text (see
    /// [`IgnoreKey::anchor`]); `None` when it covers only typed text.
    fn anchor(&self, p: usize, span: &Range<usize>, seg: usize) -> Option<(usize, usize)> {
        let start = self.original_offset(p, span.start, false);
        let end = self.original_offset(p, span.end, true).max(start);
        if start == end && !span.is_empty() {
            return None;
        }
        let base = self.original_range(seg).start;
        Some((start.saturating_sub(base), end.saturating_sub(base)))
    }

    /// The key under which an issue is ignored.
    pub fn ignore_key(&self, id: IssueId) -> Option<IgnoreKey> {
        let si = self.issues.get(id)?;
        let seg = self.owner_segment(id.paragraph, si.issue.span.start)?;
        Some(IgnoreKey {
            check: si.issue.check.to_string(),
            text: self.issue_text(id).to_string(),
            context: self.segment_context(seg),
            anchor: self.anchor(id.paragraph, &si.issue.span, seg),
        })
    }

    /// Whether issue `id` is the issue `key` ignores: the same check in the same segment,
    /// with the same text or over the same text of the machine translation.
    fn matches_key(&self, id: IssueId, key: &IgnoreKey) -> bool {
        self.matching_key(id, &[key], &mut None).is_some()
    }

    /// The first of `keys` that issue `id` matches. `context` caches the last segment's
    /// context hash, for runs over the issues of one paragraph.
    fn matching_key<'k>(
        &self,
        id: IssueId,
        keys: &[&'k IgnoreKey],
        context: &mut Option<(usize, String)>,
    ) -> Option<&'k IgnoreKey> {
        let si = self.issues.get(id)?;
        let mut keys = keys.iter().filter(|k| k.check == si.issue.check).peekable();
        keys.peek()?;
        let seg = self.owner_segment(id.paragraph, si.issue.span.start)?;
        if context.as_ref().is_none_or(|(s, _)| *s != seg) {
            *context = Some((seg, self.segment_context(seg)));
        }
        let ctx = context.as_ref().map(|(_, c)| c.as_str())?;
        let keys: Vec<&IgnoreKey> = keys.filter(|k| k.context == ctx).copied().collect();
        let text = self.issue_text(id);
        if let Some(k) = keys.iter().find(|k| k.text == text) {
            return Some(k);
        }
        if keys.iter().all(|k| k.anchor.is_none()) {
            return None;
        }
        let anchor = self.anchor(id.paragraph, &si.issue.span, seg)?;
        keys.into_iter().find(|k| k.anchor == Some(anchor))
    }

    fn refresh_ignored(&mut self, paragraphs: impl IntoIterator<Item = usize>) {
        if self.ignored.is_empty() {
            for p in paragraphs {
                let n = self.issues.paragraph(p).len();
                self.issues.set_ignored_flags(p, &vec![false; n]);
            }
            return;
        }
        let keys: Vec<&IgnoreKey> = self.ignored.iter().collect();
        let mut all_flags = Vec::new();
        for p in paragraphs {
            let mut context = None;
            let flags: Vec<bool> = (0..self.issues.paragraph(p).len())
                .map(|index| {
                    let id = IssueId {
                        paragraph: p,
                        index,
                    };
                    self.matching_key(id, &keys, &mut context).is_some()
                })
                .collect();
            all_flags.push((p, flags));
        }
        for (p, flags) in all_flags {
            self.issues.set_ignored_flags(p, &flags);
        }
    }

    fn refresh_all_ignored(&mut self) {
        let ps: Vec<usize> = self.issues.paragraphs_with_issues().collect();
        self.refresh_ignored(ps);
    }

    /// Ignored issues of this document, with the segment where each is flagged now, in
    /// segment order (those not flagged now last).
    pub fn ignored(&self) -> Vec<(IgnoreKey, Option<usize>)> {
        let mut list: Vec<(IgnoreKey, Option<usize>)> = self
            .ignored
            .iter()
            .map(|k| (k.clone(), self.find_ignored(k)))
            .collect();
        list.sort_by_key(|(_, seg)| (seg.is_none(), *seg));
        list
    }

    fn find_ignored(&self, key: &IgnoreKey) -> Option<usize> {
        self.find_issue(key, true)
    }

    /// The segment of an issue (an ignored one, if `ignored`) that `key` matches.
    fn find_issue(&self, key: &IgnoreKey, ignored: bool) -> Option<usize> {
        self.issues.paragraphs_with_issues().find_map(|p| {
            self.issues
                .paragraph(p)
                .iter()
                .enumerate()
                .filter(|(_, si)| (!ignored || si.ignored) && si.issue.check == key.check)
                .find_map(|(index, _)| {
                    let id = IssueId {
                        paragraph: p,
                        index,
                    };
                    self.matches_key(id, key)
                        .then(|| self.issue_segment(id))
                        .flatten()
                })
        })
    }

    // ----- changing --------------------------------------------------------------------

    /// Checks that `op` fits the text (forward: as done; backward: as undone).
    fn validate(&self, op: &Op, forward: bool) -> Result<(), SessionError> {
        let Op::Replace {
            paragraph,
            owner,
            at,
            old,
            new,
            ..
        } = op
        else {
            return Ok(());
        };
        let expected = if forward { old } else { new };
        let fits = *paragraph < self.paragraph_count()
            && *owner < self.paragraph_segments(*paragraph).len()
            && self
                .paragraph_text(*paragraph)
                .get(*at..*at + expected.len())
                == Some(expected.as_str());
        if fits {
            Ok(())
        } else {
            Err(SessionError::Mismatch(format!(
                "paragraph {} does not hold the expected text",
                paragraph + 1
            )))
        }
    }

    /// Applies a validated op to the state.
    fn apply(&mut self, op: &Op, forward: bool, recheck: bool) {
        match op {
            Op::Replace {
                paragraph: p,
                owner,
                at,
                old,
                new,
                touched,
                lead,
                trail,
                ..
            } => {
                let p = *p;
                self.base.changed(p);
                let before = self.count_edited(p);
                if self.edited[p].is_none() {
                    let ranges = self.paragraph_ranges(p);
                    self.edited[p] = Some(Box::new(EditedParagraph {
                        text: self.paragraph_text(p).to_string(),
                        ranges,
                    }));
                }
                if let Some(e) = self.edited[p].as_mut() {
                    if forward {
                        e.replace(*owner, *at..*at + old.len(), new);
                        e.exclude(*owner, *lead, *trail);
                    } else {
                        e.revert(*owner, *at, old, new, touched);
                    }
                }
                self.drop_if_original(p);
                self.edited_segments = self.edited_segments - before + self.count_edited(p);
                self.generation += 1;
                self.para_generation[p] = self.generation;
                let (old_len, new_len) = if forward {
                    (old.len(), new.len())
                } else {
                    (new.len(), old.len())
                };
                self.issues.follow_edit(p, *at, old_len, new_len);
                if recheck {
                    self.check_paragraph(p);
                    self.request_document_checks();
                }
            }
            Op::Ignore { key } | Op::Unignore { key } => {
                let ignore = matches!(op, Op::Ignore { .. }) == forward;
                if ignore {
                    self.ignored.insert(key.clone());
                } else {
                    self.ignored.remove(key);
                }
                self.refresh_all_ignored();
            }
        }
    }

    fn count_edited(&self, p: usize) -> usize {
        if self.edited[p].is_none() {
            return 0;
        }
        self.paragraph_segments(p)
            .filter(|&s| self.segment_text(s) != self.original_segment_text(s))
            .count()
    }

    fn drop_if_original(&mut self, p: usize) {
        let Some(e) = &self.edited[p] else { return };
        let original = self.base.original_content(p);
        if e.text != original {
            return;
        }
        let same_ranges = self
            .paragraph_segments(p)
            .map(|seg| self.original_range(seg))
            .eq(e.ranges.iter().cloned());
        if same_ranges {
            self.edited[p] = None;
        }
    }

    /// Journals and applies a new change.
    fn commit(&mut self, op: Op) -> Result<(), SessionError> {
        self.validate(&op, true)?;
        let seq = self.journal.record(EntryKind::Do, &op)?;
        // On the undo stack first: ignores are matched through the changes in force.
        self.undo.push((seq, op.clone()));
        self.redo.clear();
        self.apply(&op, true, true);
        Ok(())
    }

    fn replace_op(
        &self,
        p: usize,
        owner: usize,
        range: Range<usize>,
        new: &str,
        cause: Cause,
    ) -> Op {
        let ranges = self.paragraph_ranges(p);
        Op::Replace {
            paragraph: p,
            owner,
            at: range.start,
            old: self.paragraph_text(p)[range.clone()].to_string(),
            new: new.to_string(),
            touched: touched(&ranges, owner, &range),
            cause,
            lead: 0,
            trail: 0,
        }
    }

    fn op_segment(&self, op: &Op) -> Option<usize> {
        match op {
            Op::Replace {
                paragraph, owner, ..
            } => (*paragraph < self.paragraph_count())
                .then(|| self.seg_start[*paragraph] + owner)
                .filter(|s| *s < self.segment_count()),
            Op::Ignore { key } | Op::Unignore { key } => self.find_any(key),
        }
    }

    fn find_any(&self, key: &IgnoreKey) -> Option<usize> {
        self.find_issue(key, false)
    }

    /// `range` of paragraph `p`, which deletes the whole of its segment `owner`, widened
    /// to the white space that separates the segment from its neighbour in the paragraph,
    /// so that the paragraph reads on cleanly: the space before it (after the previous
    /// sentence), or, for the first segment, or one that starts a line of its own, the
    /// space after it (before the next sentence).
    fn with_separator(&self, p: usize, owner: usize, range: Range<usize>) -> Range<usize> {
        let text = self.paragraph_text(p);
        let ranges = self.paragraph_ranges(p);
        let blank = |r: &Range<usize>| {
            !r.is_empty() && text.get(r.clone()).is_some_and(|g| g.trim().is_empty())
        };
        // The nearest neighbours that still have text.
        let before = ranges[..owner]
            .iter()
            .rev()
            .find(|r| !r.is_empty())
            .map(|r| r.end..range.start)
            .filter(blank);
        let after = ranges[owner + 1..]
            .iter()
            .find(|r| !r.is_empty())
            .map(|r| range.end..r.start)
            .filter(blank);
        let breaks = |r: &Range<usize>| text[r.clone()].contains(['\n', '\r']);
        match (before, after) {
            (Some(b), Some(a)) if breaks(&b) && !breaks(&a) => range.start..a.end,
            (Some(b), _) => b.start..range.end,
            (None, Some(a)) => range.start..a.end,
            (None, None) => range,
        }
    }

    /// `text` for the empty segment at `range` of paragraph `p`, with a space before it if
    /// the text before it ends without one, or else after it if the text after it starts
    /// without one.
    fn separated(&self, p: usize, range: &Range<usize>, text: &str) -> String {
        let para = self.paragraph_text(p);
        let space = |c: Option<char>| c.is_none_or(char::is_whitespace);
        let glued_before = !space(para[..range.start].chars().next_back());
        let glued_after = !space(para[range.end..].chars().next());
        if glued_before && !space(text.chars().next()) {
            format!(" {text}")
        } else if glued_after && !space(text.chars().next_back()) {
            format!("{text} ")
        } else {
            text.to_string()
        }
    }

    /// Replaces the text of segment `seg` (a post-editor's edit). Returns whether anything
    /// changed. Durable in the journal when it returns. A segment left blank is deleted
    /// with the white space that separated it from its neighbour in the paragraph.
    pub fn set_segment_text(&mut self, seg: usize, text: &str) -> Result<bool, SessionError> {
        self.set_segment_text_with(seg, text, Cause::Edit)
    }

    fn set_segment_text_with(
        &mut self,
        seg: usize,
        text: &str,
        cause: Cause,
    ) -> Result<bool, SessionError> {
        if seg >= self.segment_count() {
            return Err(SessionError::Refused(format!("no segment {}", seg + 1)));
        }
        // A segment left blank is deleted, with the space that set it apart.
        let text = if text.trim().is_empty() { "" } else { text };
        let current = self.segment_text(seg);
        if current == text {
            return Ok(false);
        }
        let (part, new) = changed_part(current, text);
        let range = self.segment_range(seg);
        let p = self.segment_paragraph(seg);
        let owner = seg - self.seg_start[p];
        let mut at = range.start + part.start..range.start + part.end;
        let spaced;
        let mut new = new;
        let (mut lead, mut trail) = (0, 0);
        if text.is_empty() {
            at = self.with_separator(p, owner, at);
        } else if current.is_empty() {
            // A deleted segment written again: it needs a space to set it apart again,
            // which goes between the segments, not into this one.
            spaced = self.separated(p, &range, new);
            if spaced.len() > new.len() {
                if spaced.starts_with(' ') && !new.starts_with(' ') {
                    lead = 1;
                } else {
                    trail = 1;
                }
            }
            new = &spaced;
        }
        let mut op = self.replace_op(p, owner, at, new, cause);
        if let Op::Replace {
            lead: l, trail: t, ..
        } = &mut op
        {
            (*l, *t) = (lead, trail);
        }
        self.commit(op)?;
        Ok(true)
    }

    /// Applies suggestion `k` of an issue. Returns the segment changed.
    pub fn apply_suggestion(&mut self, id: IssueId, k: usize) -> Result<usize, SessionError> {
        let si = self
            .issues
            .get(id)
            .ok_or_else(|| SessionError::Refused("that issue is no longer there".into()))?;
        let Some(suggestion) = si.suggestions().get(k).cloned() else {
            let n = si.suggestions().len();
            return Err(SessionError::Refused(match n {
                0 => "this issue has no suggestion to apply; edit the segment with e".into(),
                1 => "this issue has only one suggestion (a or 1)".into(),
                n => format!("this issue has suggestions 1 to {n} only"),
            }));
        };
        let span = si.issue.span.clone();
        let check = si.issue.check.to_string();
        let seg = self
            .owner_segment(id.paragraph, span.start)
            .ok_or_else(|| SessionError::Refused("the issue is outside any segment".into()))?;
        let owner = seg - self.seg_start[id.paragraph];
        let range = self.segment_range(seg);
        let span = if suggestion.is_empty() && span.start <= range.start && span.end >= range.end {
            self.with_separator(id.paragraph, owner, span)
        } else {
            span
        };
        let op = self.replace_op(
            id.paragraph,
            owner,
            span,
            &suggestion,
            Cause::Suggestion { check },
        );
        self.commit(op)?;
        Ok(seg)
    }

    /// Ignores an issue in this document, now and in later sessions.
    pub fn ignore(&mut self, id: IssueId) -> Result<IgnoreKey, SessionError> {
        let key = self
            .ignore_key(id)
            .ok_or_else(|| SessionError::Refused("that issue is no longer there".into()))?;
        self.commit(Op::Ignore { key: key.clone() })?;
        Ok(key)
    }

    /// Brings back an ignored issue.
    pub fn unignore(&mut self, key: &IgnoreKey) -> Result<(), SessionError> {
        if !self.ignored.contains(key) {
            return Err(SessionError::Refused("that issue is not ignored".into()));
        }
        self.commit(Op::Unignore { key: key.clone() })
    }

    /// Undoes the last change (durably). `None` when there is nothing to undo.
    pub fn undo(&mut self) -> Result<Option<Reverted>, SessionError> {
        let Some((_, op)) = self.undo.last() else {
            return Ok(None);
        };
        let op = op.clone();
        self.validate(&op, false)?;
        self.journal.record(EntryKind::Undo, &op)?;
        if let Some(entry) = self.undo.pop() {
            self.redo.push(entry);
        }
        self.apply(&op, false, true);
        Ok(Some(Reverted {
            description: op.describe(),
            segment: self.op_segment(&op),
        }))
    }

    /// Redoes the last undone change (durably). `None` when there is nothing to redo.
    pub fn redo(&mut self) -> Result<Option<Reverted>, SessionError> {
        let Some((_, op)) = self.redo.last() else {
            return Ok(None);
        };
        let op = op.clone();
        self.validate(&op, true)?;
        self.journal.record(EntryKind::Redo, &op)?;
        if let Some(entry) = self.redo.pop() {
            self.undo.push(entry);
        }
        self.apply(&op, true, true);
        Ok(Some(Reverted {
            description: op.describe(),
            segment: self.op_segment(&op),
        }))
    }

    /// Keeps an unfinished edit of a segment durably (recovered after a crash).
    pub fn save_draft(
        &mut self,
        seg: usize,
        text: &str,
        cursor: usize,
    ) -> Result<(), SessionError> {
        Ok(self.journal.save_draft(seg, text, cursor)?)
    }

    pub fn clear_draft(&mut self) -> Result<(), SessionError> {
        Ok(self.journal.clear_draft()?)
    }

    #[cfg(test)]
    pub(crate) fn break_journal_for_test(&mut self) {
        self.journal.break_for_test();
    }

    // ----- saving and closing ------------------------------------------------------------

    /// Writes the corrected text to the output and its unified diff against the original
    /// to `OUTPUT.diff`, atomically. The original article is never written.
    pub fn save(&mut self) -> Result<SaveReport, SaveError> {
        // The session's own text, brought up to date, unless the worker is reading it.
        let text = if self.bring_text_up_to_date() && !self.everything_deleted() {
            self.base.document().shared_text()
        } else {
            Arc::new(self.current_text())
        };
        let original = OriginalText::new(
            self.base.document().shared_text(),
            self.base.original_edits(),
        );
        let diff_file = diff_path(&self.output);
        let old_label = self.name();
        let new_label = self.output.display().to_string();
        let diff = original.unified_diff(&text, &old_label, &new_label);
        write_all_atomically(
            &[
                (&self.output, text.as_bytes()),
                (&diff_file, diff.as_bytes()),
            ],
            self.base.document().origin().path(),
        )?;
        self.saved_state = self.text_state();
        self.saved_seq = self.journal.last_seq();
        let journal_warning = self
            .journal
            .mark_saved(&self.output)
            .err()
            .map(|e| e.to_string());
        Ok(SaveReport {
            output: self.output.clone(),
            diff: diff_file,
            edited_segments: self.edited_segments,
            journal_warning,
            text,
            original,
        })
    }

    /// Ends the session. Unsaved changes are dropped from the journal when `discard` is
    /// set, and otherwise stay there to be recovered next time.
    pub fn close(&mut self, discard: bool) -> Result<(), SessionError> {
        if self.has_pending() {
            // Undecided recovery: leave the journal exactly as it was.
            return Ok(());
        }
        if !self.is_dirty() {
            self.journal.mark_clean()?;
        } else if discard {
            self.journal.discard_after(self.saved_seq)?;
        }
        Ok(())
    }
}

/// Segment spans in their paragraphs, as byte offsets.
type SegmentSpans = Vec<(u32, u32)>;

/// The segments of every paragraph, found in parallel: the index of each paragraph's first
/// segment (plus the total), and each segment's span in its paragraph. Prose paragraphs
/// are split into sentences as [`Document::segments`] does; other blocks are one segment.
fn segment_table(doc: &Document) -> Result<(Vec<usize>, SegmentSpans), SessionError> {
    use rayon::prelude::*;
    let text = doc.text();
    let paragraphs = doc.paragraphs();
    if paragraphs
        .iter()
        .any(|p| u32::try_from(p.span.len()).is_err())
    {
        return Err(SessionError::Refused(
            "a paragraph longer than 4 GiB cannot be edited".into(),
        ));
    }
    let chunks: Vec<(Vec<usize>, SegmentSpans)> = paragraphs
        .par_chunks(256)
        .map(|chunk| {
            let mut counts = Vec::with_capacity(chunk.len());
            let mut spans = Vec::new();
            for p in chunk {
                let before = spans.len();
                let as_u32 = |x: usize| u32::try_from(x).unwrap_or(u32::MAX);
                if p.kind.is_prose() {
                    spans.extend(
                        crate::document::sentence_spans(&text[p.span.clone()])
                            .into_iter()
                            .map(|r| (as_u32(r.start), as_u32(r.end))),
                    );
                } else {
                    spans.push((0, as_u32(p.span.len())));
                }
                counts.push(spans.len() - before);
            }
            (counts, spans)
        })
        .collect();
    let total: usize = chunks.iter().map(|(_, s)| s.len()).sum();
    let mut seg_start = Vec::with_capacity(paragraphs.len() + 1);
    let mut seg_spans = Vec::with_capacity(total);
    for (counts, spans) in chunks {
        let mut next = seg_spans.len();
        for n in counts {
            seg_start.push(next);
            next += n;
        }
        seg_spans.extend(spans);
    }
    seg_start.push(seg_spans.len());
    Ok((seg_start, seg_spans))
}

/// The paragraph of `spans` that holds byte `at` (or the last one starting before it).
fn locate(spans: &[Range<usize>], at: usize) -> Option<usize> {
    if spans.is_empty() {
        return None;
    }
    Some(spans.partition_point(|s| s.start <= at).saturating_sub(1))
}

#[cfg(test)]
mod tests;
