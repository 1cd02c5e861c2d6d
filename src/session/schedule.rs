//! Check scheduling: a changed paragraph's paragraph-scope checks run at once, the
//! document-scope checks (and, at opening or after a glossary change, all checks) are asked
//! of the checking worker (`checking.rs`) for the newest text, and their outcome is taken in, each issue moved
//! to its paragraph in that paragraph's coordinates.

use std::ops::Range;
use std::sync::Arc;

use super::checking::{CheckJob, CheckOutcome, Submitted};
use super::segments::locate;
use super::{Location, Session, StoredIssue};
use crate::check::{Category, CheckRequest, Issue, Scope};

impl Session {
    /// Whether whole-document checks are still running (or waiting to start).
    pub fn checks_running(&self) -> bool {
        self.checker.is_busy() || self.wanted.is_some()
    }

    pub(super) fn check_everything(&mut self) {
        self.want_checks(true);
    }

    /// Runs every check on the whole current text again (after the glossary changed, say).
    /// Inline for ordinary articles; on the worker for large ones ([`Session::poll_checks`]).
    pub fn recheck_all(&mut self) {
        self.check_everything();
    }

    pub(super) fn request_document_checks(&mut self) {
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

    fn job(&self, full: bool) -> CheckJob {
        CheckJob {
            generation: self.generation,
            base: self.base.shared(),
            // The text is brought up to date before a job is made.
            edits: Vec::new(),
            full,
            target_lang: self.target_lang.clone(),
            glossary: self.glossary.clone(),
            units: self.units_file(),
            user_words: Some(Arc::clone(&self.user_words)),
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

    /// Runs the paragraph-scope checks of paragraph `p` now.
    pub(super) fn check_paragraph(&mut self, p: usize) {
        let issues = self.paragraph_issues(p, self.paragraph_text(p).to_string(), false);
        let stored: Vec<StoredIssue> = issues
            .into_iter()
            .map(|issue| StoredIssue::new(issue, Scope::Paragraph))
            .collect();
        self.issues.replace_scope(p, Scope::Paragraph, stored);
        self.refresh_ignored([p]);
    }

    /// Paragraph-scope issues of `text` taken as paragraph `p`, spans relative to `text`;
    /// while `typing`, spelling too (on the paragraph alone) and no grammar, which waits
    /// for the edit to end (an article is often typed before the word it goes with).
    fn paragraph_issues(&self, p: usize, text: String, typing: bool) -> Vec<Issue> {
        let kind = self.base.document().paragraphs()[p].kind;
        if !kind.is_prose() {
            return Vec::new();
        }
        let len = text.len();
        let alone = self
            .base
            .document()
            .with_paragraph_spans(text, [(0..len, kind)]);
        let file = self.units_file();
        let units = file
            .as_deref()
            .map(|f| crate::check::BilingualUnits::with_targets(f, [(p, 0..len)]));
        let mut request = CheckRequest::new(&alone, &self.target_lang)
            .glossary(self.term_index.as_deref())
            .user_words(Some(&self.user_words));
        if let Some(units) = &units {
            request = request.units(units);
        }
        let ctx = request.context();
        let found = if typing {
            self.engine
                .run_paragraph_with(&ctx, 0, |c| c.category == Category::Spelling)
                .into_iter()
                .filter(|i| {
                    i.category == Category::Spelling
                        || i.category != Category::Grammar
                            && !self.document_checks.contains(i.check)
                })
                .collect()
        } else {
            self.engine
                .run_paragraph(&ctx, 0)
                .into_iter()
                .filter(|i| !self.document_checks.contains(i.check))
                .collect()
        };
        super::units::onto_targets(found, std::slice::from_ref(&(0..len)), p)
    }

    /// The issues of segment `seg` if its text were `draft`, for checking as the
    /// post-editor types: the paragraph-scope checks and spelling, not grammar (which runs
    /// when the edit ends), and no spelling issue on the word at `cursor` (a byte offset in
    /// `draft`), which is still being typed. Spans relative to `draft`, clipped to it.
    pub fn check_draft(&self, seg: usize, draft: &str, cursor: usize) -> Vec<Issue> {
        let p = self.segment_paragraph(seg);
        let range = self.segment_range(seg);
        let current = self.paragraph_text(p);
        let mut text = String::with_capacity(current.len() + draft.len());
        text.push_str(&current[..range.start]);
        text.push_str(draft);
        text.push_str(&current[range.end..]);
        let end = range.start + draft.len();
        self.paragraph_issues(p, text, true)
            .into_iter()
            .filter(|i| i.span.start < end && i.span.end > range.start)
            .map(|mut i| {
                i.span =
                    i.span.start.max(range.start) - range.start..i.span.end.min(end) - range.start;
                i
            })
            .filter(|i| {
                i.category != Category::Spelling || !(i.span.start..=i.span.end).contains(&cursor)
            })
            .collect()
    }
}
