//! The issues as a front end lists them: by segment, as highlighted spans ([`Mark`]),
//! counted by category, and the next one in document order.

use std::ops::Range;

use super::{IssueId, Session, StoredIssue};
use crate::check::Category;

/// A highlighted span of a segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    /// Byte span in the segment's text (clipped to it).
    pub span: Range<usize>,
    pub category: Category,
    pub id: IssueId,
}

impl Session {
    /// An issue by id.
    pub fn issue(&self, id: IssueId) -> Option<&StoredIssue> {
        self.issues.get(id)
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
}
