//! Changes, undo and redo: every change is validated against the text, journalled, then
//! applied; undo and redo journal the reversal first too. What is undone is the session's
//! own [`Op`] list, so a recovered session undoes as the one that made the changes.

use super::paragraph::EditedParagraph;
use super::{Changes, EntryKind, Op, Reverted, Session, SessionError};

impl Session {
    /// Journals and applies a new change.
    pub(super) fn commit(&mut self, op: Op) -> Result<(), SessionError> {
        self.check_fits(&op, true)?;
        let seq = self.journal.record(EntryKind::Do, &op)?;
        // On the undo stack first: ignores are matched through the changes in force.
        self.undo.push((seq, op.clone()));
        self.redo.clear();
        self.apply(&op, true, true);
        Ok(())
    }

    /// Checks that `op` fits the text (forward: as done; backward: as undone). A batch is
    /// tried: its replacements are made one by one, each checked, then taken back.
    pub(super) fn check_fits(&mut self, op: &Op, forward: bool) -> Result<(), SessionError> {
        let Op::Batch { ops, .. } = op else {
            return self.validate(op, forward);
        };
        let order: Vec<&Op> = if forward {
            ops.iter().collect()
        } else {
            ops.iter().rev().collect()
        };
        let mut done = 0;
        let mut result = Ok(());
        for o in &order {
            if !matches!(o, Op::Replace { .. }) {
                result = Err(SessionError::Mismatch(
                    "a batch holds a non-text change".into(),
                ));
                break;
            }
            if let Err(e) = self.validate(o, forward) {
                result = Err(e);
                break;
            }
            self.apply(o, forward, false);
            done += 1;
        }
        for o in order[..done].iter().rev() {
            self.apply(o, !forward, false);
        }
        if result.is_err() {
            // The trial moved document-scope issues over the changed text: check again.
            self.recheck_batch(ops);
        }
        result
    }

    /// Checks `op` (not a batch) fits the text.
    pub(super) fn validate(&self, op: &Op, forward: bool) -> Result<(), SessionError> {
        if let Op::Confirm { unit } = op {
            return self.validate_confirm(*unit, forward);
        }
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
            self.editable_paragraph(*paragraph)
        } else {
            Err(SessionError::Mismatch(format!(
                "paragraph {} does not hold the expected text",
                paragraph + 1
            )))
        }
    }

    /// Applies a validated op to the state.
    pub(super) fn apply(&mut self, op: &Op, forward: bool, recheck: bool) {
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
                self.set_ignored(key, matches!(op, Op::Ignore { .. }) == forward);
            }
            Op::Confirm { unit } => self.set_confirmed(*unit, forward),
            Op::GlossaryEntry { .. } | Op::DictionaryWord { .. } => {
                if recheck {
                    self.recheck_all();
                }
            }
            Op::Batch { ops, .. } => {
                if forward {
                    ops.iter().for_each(|o| self.apply(o, true, false));
                } else {
                    ops.iter().rev().for_each(|o| self.apply(o, false, false));
                }
                if recheck {
                    self.recheck_batch(ops);
                }
            }
        }
    }

    /// Runs the checks a batch's paragraphs need after it was done or undone.
    fn recheck_batch(&mut self, ops: &[Op]) {
        let mut paragraphs: Vec<usize> = ops
            .iter()
            .filter_map(|o| match o {
                Op::Replace { paragraph, .. } => Some(*paragraph),
                _ => None,
            })
            .filter(|p| *p < self.paragraph_count())
            .collect();
        paragraphs.sort_unstable();
        paragraphs.dedup();
        for p in paragraphs {
            self.check_paragraph(p);
        }
        self.request_document_checks();
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
            .map(|seg| self.segments.original_range(seg))
            .eq(e.ranges.iter().cloned());
        if same_ranges {
            self.edited[p] = None;
        }
    }

    /// Undoes the last change (durably). `None` when there is nothing to undo.
    pub fn undo(&mut self) -> Result<Option<Reverted>, SessionError> {
        self.step(false)
    }

    /// Redoes the last undone change (durably). `None` when there is nothing to redo.
    pub fn redo(&mut self) -> Result<Option<Reverted>, SessionError> {
        self.step(true)
    }

    /// Undoes the last change, or (`forward`) redoes the last undone one.
    fn step(&mut self, forward: bool) -> Result<Option<Reverted>, SessionError> {
        let Some((_, op)) = self.stacks(forward).0.last() else {
            return Ok(None);
        };
        let op = op.clone();
        self.check_fits(&op, forward)?;
        // The glossary first: what cannot be written there is not undone at all.
        self.write_glossary_entry(&op, forward)?;
        self.write_dictionary_word(&op, forward)?;
        let kind = if forward {
            EntryKind::Redo
        } else {
            EntryKind::Undo
        };
        self.journal.record(kind, &op)?;
        let (from, to) = self.stacks(forward);
        if let Some(entry) = from.pop() {
            to.push(entry);
        }
        self.apply(&op, forward, true);
        Ok(Some(Reverted {
            description: op.describe(),
            segment: self.op_segment(&op),
        }))
    }

    /// The stack a change is taken from and the one it goes to: an undone change goes
    /// from the undo stack to the redo stack, a redone one (`forward`) back.
    pub(super) fn stacks(&mut self, forward: bool) -> (&mut Changes, &mut Changes) {
        if forward {
            (&mut self.redo, &mut self.undo)
        } else {
            (&mut self.undo, &mut self.redo)
        }
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Whether there are changes not saved.
    pub fn is_dirty(&self) -> bool {
        self.text_state() != self.saved_state
    }

    /// Identifies the text as it is: the journal number of the last text change in force.
    pub(super) fn text_state(&self) -> i64 {
        self.undo
            .iter()
            .rev()
            .find(|(_, op)| {
                matches!(
                    op,
                    Op::Replace { .. } | Op::Confirm { .. } | Op::Batch { .. }
                )
            })
            .map_or(0, |(id, _)| *id)
    }

    pub(super) fn op_segment(&self, op: &Op) -> Option<usize> {
        match op {
            Op::Replace {
                paragraph, owner, ..
            } => (*paragraph < self.paragraph_count())
                .then(|| self.segments.first_of(*paragraph) + owner)
                .filter(|s| *s < self.segment_count()),
            Op::Ignore { key } | Op::Unignore { key } => self.find_issue(key, false),
            Op::Confirm { unit } => (*unit < self.segment_count()).then_some(*unit),
            Op::Batch { ops, .. } => ops.iter().find_map(|o| self.op_segment(o)),
            Op::GlossaryEntry { .. } | Op::DictionaryWord { .. } => None,
        }
    }
}
