//! Opening a session on an article, and what the journal holds for it: changes of earlier
//! sessions replayed, and those a session that did not end cleanly left (or that were made
//! to another version of the article) waiting for the post-editor's decision: recovered or
//! discarded.

use std::collections::HashMap;
use std::sync::Arc;

use super::base::BaseText;
use super::checking::Checker;
use super::issues::IssueStore;
use super::segments::SegmentMap;
use super::units::SessionUnits;
use super::{
    BACKGROUND_CHECK_BYTES, Cause, CheckMode, Draft, Entry, EntryKind, IgnoreSet, Journal, Op,
    Opening, Recovered, Session, SessionConfig, SessionError, SessionGlossary, Stored,
};
use crate::check::{Engine, Scope};
use crate::document::{Document, Origin};
use crate::hash::content_hash;

/// A decision about the journal that the post-editor has yet to make.
pub(super) enum Pending {
    None,
    /// Changes after `keep` were not saved when the last session ended.
    Recovery {
        entries: Vec<Entry>,
        draft: Option<Draft>,
        keep: i64,
    },
    Changed(Stored),
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
        Self::open_inner(doc, engine, config, glossary, None)
    }

    /// Opens a session on `doc`, the text of an article or (with `units`) the targets of a
    /// bilingual file, one paragraph a unit.
    pub(super) fn open_inner(
        doc: Document,
        engine: Arc<Engine>,
        config: SessionConfig,
        glossary: Option<SessionGlossary>,
        units: Option<Box<SessionUnits>>,
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
        let segments = if units.is_some() {
            SegmentMap::whole_paragraphs(&doc)?
        } else {
            SegmentMap::build(&doc)?
        };
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
            segments,
            issues: IssueStore::new(paragraphs, rules),
            document_checks,
            ignored: IgnoreSet::new(stored.ignored.iter().cloned()),
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
            units,
            dictionary: config.dictionary.path,
            user_words: Arc::new(config.dictionary.words),
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
                    self.check_fits(&e.op, true)?;
                    self.undo.push((e.seq, e.op.clone()));
                    self.redo.clear();
                    self.apply(&e.op, true, false);
                }
                EntryKind::Undo | EntryKind::Redo => {
                    let forward = e.kind == EntryKind::Redo;
                    let what = if forward { "redo" } else { "undo" };
                    let (id, op) = self
                        .stacks(forward)
                        .0
                        .pop()
                        .filter(|(_, op)| *op == e.op)
                        .ok_or_else(|| SessionError::Mismatch(format!("{what} at {}", e.seq)))?;
                    self.check_fits(&op, forward)?;
                    self.apply(&op, forward, false);
                    self.stacks(forward).1.push((id, op));
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
            if self.check_fits(&op, true).is_err() {
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
}
