//! The post-editor's edits as changes: a segment's new text (a blank segment deleted with
//! the space that set it apart, a deleted one written again with one), a check's
//! suggestion applied, and the unfinished edit kept in the journal as a draft.

use std::ops::Range;

use super::paragraph::{changed_part, touched};
use super::{Cause, IssueId, Op, Session, SessionError};

/// A replacement of part of a paragraph, before it is made into an [`Op`].
pub(super) struct SuggestionChange {
    pub paragraph: usize,
    /// The owning segment, within the paragraph and in the document.
    pub owner: usize,
    pub segment: usize,
    pub span: Range<usize>,
    pub new: String,
    pub cause: Cause,
}

impl Session {
    /// Replaces the text of segment `seg` (a post-editor's edit). Returns whether anything
    /// changed. Durable in the journal when it returns. A segment left blank is deleted
    /// with the white space that separated it from its neighbour in the paragraph.
    pub fn set_segment_text(&mut self, seg: usize, text: &str) -> Result<bool, SessionError> {
        self.set_segment_text_with(seg, text, Cause::Edit)
    }

    pub(super) fn set_segment_text_with(
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
        let owner = seg - self.segments.first_of(p);
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
        let c = self.suggestion_change(id, k)?;
        let op = self.replace_op(c.paragraph, c.owner, c.span, &c.new, c.cause);
        self.commit(op)?;
        Ok(c.segment)
    }

    /// What applying suggestion `k` of an issue replaces, and by what.
    pub(super) fn suggestion_change(
        &self,
        id: IssueId,
        k: usize,
    ) -> Result<SuggestionChange, SessionError> {
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
        let owner = seg - self.segments.first_of(id.paragraph);
        let range = self.segment_range(seg);
        let span = if suggestion.is_empty() && span.start <= range.start && span.end >= range.end {
            self.with_separator(id.paragraph, owner, span)
        } else {
            span
        };
        Ok(SuggestionChange {
            paragraph: id.paragraph,
            owner,
            segment: seg,
            span,
            new: suggestion,
            cause: Cause::Suggestion { check },
        })
    }

    pub(super) fn replace_op(
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
}
