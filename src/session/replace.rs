//! Changes made at many places as one: a suggestion applied to every open issue like the
//! selected one ("fix everywhere"), and find and replace across the document. Each is one
//! [`Op::Batch`]: one entry in the journal, one undo step, one redo.

use std::cmp::Reverse;
use std::ops::Range;

use super::edits::SuggestionChange;
use super::{Cause, IssueId, Op, Pattern, Session, SessionError};

/// The open issues a fix applies to everywhere: those of one check that flag the same
/// text and suggest the same replacement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Everywhere {
    /// In document order; the selected issue among them.
    pub issues: Vec<IssueId>,
    pub check: String,
    /// The flagged text and what replaces it.
    pub text: String,
    pub suggestion: String,
    /// How many segments they are in.
    pub segments: usize,
}

/// A match of a find-and-replace query: a byte span of a segment's current text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FindMatch {
    pub segment: usize,
    pub span: Range<usize>,
}

/// What a change at many places did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replaced {
    /// Places changed.
    pub count: usize,
    /// Segments changed.
    pub segments: usize,
    /// The first segment changed, to show.
    pub first_segment: Option<usize>,
}

impl Session {
    /// The open issues that suggestion `k` of issue `id` would fix if applied everywhere:
    /// the same check, the same flagged text (exactly), the same suggestion `k`.
    pub fn same_issues(&self, id: IssueId, k: usize) -> Result<Everywhere, SessionError> {
        let change = self.suggestion_change(id, k)?;
        let si = self
            .issues
            .get(id)
            .ok_or_else(|| SessionError::Refused("that issue is no longer there".into()))?;
        let check = si.issue.check;
        let text = self.issue_text(id).to_string();
        let mut issues = Vec::new();
        let mut segments = Vec::new();
        for p in self.issues.paragraphs_with_issues().collect::<Vec<_>>() {
            let paragraph = self.paragraph_text(p);
            for (index, other) in self.issues.paragraph(p).iter().enumerate() {
                let same = other.is_open()
                    && other.issue.check == check
                    && paragraph.get(other.issue.span.clone()) == Some(text.as_str())
                    && other.suggestions().get(k) == Some(&change.new);
                if !same {
                    continue;
                }
                issues.push(IssueId {
                    paragraph: p,
                    index,
                });
                if let Some(seg) = self.owner_segment(p, other.issue.span.start) {
                    segments.push(seg);
                }
            }
        }
        issues.sort_unstable();
        segments.sort_unstable();
        segments.dedup();
        Ok(Everywhere {
            issues,
            check: check.to_string(),
            text,
            suggestion: change.new,
            segments: segments.len(),
        })
    }

    /// Applies suggestion `k` of issue `id` to it and to every issue like it (see
    /// [`Session::same_issues`]), as one change. Durable in the journal when it returns.
    pub fn apply_everywhere(&mut self, id: IssueId, k: usize) -> Result<Replaced, SessionError> {
        let same = self.same_issues(id, k)?;
        let changes = same
            .issues
            .iter()
            .map(|&other| self.suggestion_change(other, k))
            .collect::<Result<Vec<_>, _>>()?;
        let cause = Cause::Suggestion { check: same.check };
        self.commit_changes(changes, cause)
    }

    /// Every match of `pattern` in the segments' current text, in document order.
    pub fn find_matches(&self, pattern: &Pattern) -> Vec<FindMatch> {
        if pattern.query().is_empty() {
            return Vec::new();
        }
        (0..self.segment_count())
            .flat_map(|segment| {
                pattern
                    .find_all(self.segment_text(segment))
                    .into_iter()
                    .map(move |span| FindMatch { segment, span })
            })
            .collect()
    }

    /// Replaces every match of `pattern` by `with` (for a regular expression, `$1` and
    /// `${name}` are its groups), as one change. Matches that `with` leaves as they are do
    /// not count.
    pub fn replace_all(&mut self, pattern: &Pattern, with: &str) -> Result<Replaced, SessionError> {
        if pattern.query().is_empty() {
            return Err(SessionError::Refused("nothing to find".into()));
        }
        let mut changes = Vec::new();
        for seg in 0..self.segment_count() {
            let text = self.segment_text(seg);
            for (span, new) in pattern.replacements(text, with) {
                if text[span.clone()] != new {
                    changes.push(self.segment_change(seg, span, new));
                }
            }
        }
        self.commit_changes(changes, Cause::Replace)
    }

    /// Replaces match `m` of `pattern` (found by [`Session::find_matches`]) by `with`, as
    /// a change of its own. False when `with` leaves it as it is.
    pub fn replace_one(
        &mut self,
        m: &FindMatch,
        pattern: &Pattern,
        with: &str,
    ) -> Result<bool, SessionError> {
        let stale = || SessionError::Refused("the text changed: find the match again".into());
        if m.segment >= self.segment_count() {
            return Err(stale());
        }
        let text = self.segment_text(m.segment);
        let (span, new) = pattern
            .replacements(text, with)
            .into_iter()
            .find(|(span, _)| *span == m.span)
            .ok_or_else(stale)?;
        if text[span.clone()] == new {
            return Ok(false);
        }
        let c = self.segment_change(m.segment, span, new);
        let op = self.replace_op(c.paragraph, c.owner, c.span, &c.new, Cause::Replace);
        self.commit(op)?;
        Ok(true)
    }

    /// Replacing `span` of segment `seg`'s text by `new`.
    fn segment_change(&self, seg: usize, span: Range<usize>, new: String) -> SuggestionChange {
        let paragraph = self.segment_paragraph(seg);
        let start = self.segment_range(seg).start;
        SuggestionChange {
            paragraph,
            owner: seg - self.segments.first_of(paragraph),
            segment: seg,
            span: start + span.start..start + span.end,
            new,
            cause: Cause::Replace,
        }
    }

    /// Makes `changes` (spans in the current text, not overlapping; any that do are left
    /// out) as one [`Op::Batch`]. Each replacement is worked out on the text as the ones
    /// before it left it (within a paragraph, from its end back to its start, so that the
    /// spans still hold), then all are taken back and committed as one change.
    fn commit_changes(
        &mut self,
        mut changes: Vec<SuggestionChange>,
        cause: Cause,
    ) -> Result<Replaced, SessionError> {
        changes.sort_by_key(|c| (c.paragraph, Reverse(c.span.start), Reverse(c.span.end)));
        let mut kept: Vec<SuggestionChange> = Vec::with_capacity(changes.len());
        for c in changes {
            let overlaps = kept.last().is_some_and(|last| {
                last.paragraph == c.paragraph
                    && (c.span.end > last.span.start
                        || (c.span.start == last.span.start && c.span.is_empty()))
            });
            if !overlaps {
                kept.push(c);
            }
        }
        let mut segments: Vec<usize> = kept.iter().map(|c| c.segment).collect();
        segments.sort_unstable();
        segments.dedup();
        let mut ops = Vec::with_capacity(kept.len());
        let mut failed = None;
        for c in &kept {
            let op = self.replace_op(c.paragraph, c.owner, c.span.clone(), &c.new, cause.clone());
            if let Err(e) = self.validate(&op, true) {
                failed = Some(e);
                break;
            }
            self.apply(&op, true, false);
            ops.push(op);
        }
        for op in ops.iter().rev() {
            self.apply(op, false, false);
        }
        if let Some(e) = failed {
            return Err(e);
        }
        let count = ops.len();
        if count > 0 {
            self.commit(Op::Batch { ops, cause })?;
        }
        Ok(Replaced {
            count,
            segments: segments.len(),
            first_segment: segments.first().copied(),
        })
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use crate::check::Engine;
    use crate::check::repetition::tautology::Tautology;
    use crate::document::Document;
    use crate::session::{CaseMode, CheckMode, Pattern, Session, SessionConfig};

    const TEXT: &str = "A clear and clear sky. Then rain.\n\nA clear and clear day, a clear and clear night.\n\nNo clear and clear here? Yes: a clear and clear one.\n";

    fn open(dir: &tempfile::TempDir, text: &str) -> Session {
        let path = dir.path().join("a.txt");
        std::fs::write(&path, text).unwrap();
        let config = SessionConfig {
            journal: dir.path().join("journal.sqlite"),
            output: dir.path().join("a.edited.txt"),
            target_lang: "en".into(),
            checking: CheckMode::Inline,
            dictionary: Default::default(),
        };
        let engine = Arc::new(Engine::new(vec![Box::new(Tautology)]));
        let doc = Document::load(&path).unwrap();
        Session::open(doc, engine, config).unwrap().0
    }

    fn first_issue(s: &Session) -> crate::session::IssueId {
        s.next_issue(0, None, true).unwrap().0
    }

    #[test]
    fn a_fix_applies_everywhere_and_one_undo_takes_it_back() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = open(&dir, TEXT);
        let before = s.open_issue_count();
        assert_eq!(before, 5);
        let id = first_issue(&s);
        let same = s.same_issues(id, 0).unwrap();
        assert_eq!(same.issues.len(), 5);
        assert_eq!(same.text, "clear and clear");
        assert_eq!(same.suggestion, "clear");
        assert_eq!(same.segments, 4);
        let done = s.apply_everywhere(id, 0).unwrap();
        assert_eq!((done.count, done.segments), (5, 4));
        assert_eq!(s.open_issue_count(), 0);
        assert!(!s.current_text().contains("clear and clear"));
        assert_eq!(s.current_text().matches("clear").count(), 5);
        let undone = s.undo().unwrap().unwrap();
        assert_eq!(
            undone.description,
            "suggestion for repetition.tautology at 5 places"
        );
        assert_eq!(s.current_text(), TEXT);
        assert_eq!(s.open_issue_count(), 5);
        assert!(s.undo().unwrap().is_none(), "one step");
        s.redo().unwrap().unwrap();
        assert_eq!(s.open_issue_count(), 0);
        // The journal replays it: a session opened again has the same text, one undo away.
        let text = s.current_text();
        drop(s);
        let doc = Document::load(&dir.path().join("a.txt")).unwrap();
        let config = SessionConfig {
            journal: dir.path().join("journal.sqlite"),
            output: dir.path().join("a.edited.txt"),
            target_lang: "en".into(),
            checking: CheckMode::Inline,
            dictionary: Default::default(),
        };
        let engine = Arc::new(Engine::new(vec![Box::new(Tautology)]));
        let (mut again, _) = Session::open(doc, engine, config).unwrap();
        again.recover().unwrap();
        assert_eq!(again.current_text(), text);
        again.undo().unwrap().unwrap();
        assert_eq!(again.current_text(), TEXT);
    }

    #[test]
    fn only_the_same_text_and_suggestion_count() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = open(
            &dir,
            "A clear and clear sky. A bright and bright day. A clear and clear day.\n",
        );
        let id = first_issue(&s);
        let same = s.same_issues(id, 0).unwrap();
        assert_eq!(same.issues.len(), 2);
        s.apply_everywhere(id, 0).unwrap();
        assert_eq!(
            s.current_text(),
            "A clear sky. A bright and bright day. A clear day.\n"
        );
        assert_eq!(s.open_issue_count(), 1);
    }

    #[test]
    fn find_and_replace_all_literal_and_regex() {
        let dir = tempfile::tempdir().unwrap();
        let text = "Network power matters.\nThe network power grows. A network-power state.\n";
        let mut s = open(&dir, text);
        let lit = Pattern::literal("network power", CaseMode::Smart);
        let found = s.find_matches(&lit);
        assert_eq!(found.len(), 2);
        assert_eq!((found[1].segment, found[1].span.clone()), (1, 4..17));
        let sensitive = Pattern::literal("network power", CaseMode::Sensitive);
        assert_eq!(s.find_matches(&sensitive).len(), 1);
        let re = Pattern::regex(r"(?i)network[ -]power", CaseMode::Smart).unwrap();
        assert_eq!(s.find_matches(&re).len(), 3);
        let done = s.replace_all(&re, "cyberpower").unwrap();
        assert_eq!((done.count, done.segments), (3, 3));
        assert_eq!(
            s.current_text(),
            "cyberpower matters.\nThe cyberpower grows. A cyberpower state.\n"
        );
        s.undo().unwrap().unwrap();
        assert_eq!(s.current_text(), text);
        // One at a time: each its own change.
        let m = s.find_matches(&lit)[1].clone();
        assert!(s.replace_one(&m, &lit, "cyberpower").unwrap());
        assert_eq!(s.find_matches(&lit).len(), 1);
        // Groups fill in the replacement.
        let groups = Pattern::regex(r"(\w+) power", CaseMode::Insensitive).unwrap();
        s.replace_all(&groups, "${1}-power").unwrap();
        assert!(s.current_text().starts_with("Network-power matters."));
        // Nothing to change: no change made.
        let none = s
            .replace_all(&Pattern::literal("absent", CaseMode::Smart), "x")
            .unwrap();
        assert_eq!(none.count, 0);
    }

    #[test]
    fn several_replacements_in_one_segment_and_deletions() {
        let dir = tempfile::tempdir().unwrap();
        let text = "aa bb aa bb aa.\n";
        let mut s = open(&dir, text);
        let p = Pattern::literal("aa", CaseMode::Smart);
        assert_eq!(s.replace_all(&p, "ccc").unwrap().count, 3);
        assert_eq!(s.current_text(), "ccc bb ccc bb ccc.\n");
        let bb = Pattern::literal(" bb", CaseMode::Smart);
        s.replace_all(&bb, "").unwrap();
        assert_eq!(s.current_text(), "ccc ccc ccc.\n");
        s.undo().unwrap();
        s.undo().unwrap();
        assert_eq!(s.current_text(), text);
        s.redo().unwrap();
        s.redo().unwrap();
        assert_eq!(s.current_text(), "ccc ccc ccc.\n");
    }
}
