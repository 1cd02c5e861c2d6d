//! The issues of each paragraph, in the coordinates of the paragraph's current text, with
//! open-issue counts by category kept up to date as paragraphs are re-checked.
//!
//! Paragraph-scope issues are found at once after a change, document-scope ones later; an
//! issue that another supersedes on its span ([`crate::check::Check::supersedes`], e.g.
//! the tautology inside a collapsed glossary term) is kept but hidden, as
//! [`crate::check::Engine::drop_superseded`] drops it from a whole-document run, so that it
//! comes back if the superseding issue goes.

use std::ops::Range;

use crate::check::{Category, Issue, Scope};

/// A place in the session's text: a paragraph and a byte span of its current text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub paragraph: usize,
    pub span: Range<usize>,
}

/// An issue as the session keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredIssue {
    /// The check's issue, its span relative to the paragraph's current text.
    pub issue: Issue,
    /// The issue's related spans (the other copy of a duplicated line, other renderings).
    pub related: Vec<Location>,
    pub scope: Scope,
    /// Ignored by the post-editor for this document.
    pub ignored: bool,
    /// The issue reached past its paragraph and was cut to it: its suggestions, made for
    /// the whole span, are not offered.
    pub clipped: bool,
    /// Another issue of the paragraph supersedes it (set by the store).
    pub superseded: bool,
}

impl StoredIssue {
    /// A new issue of `scope`, neither ignored nor clipped. Its strings and lists are cut
    /// to their length: a large article keeps tens of thousands of issues.
    pub fn new(mut issue: Issue, scope: Scope) -> Self {
        issue.message.shrink_to_fit();
        issue.suggestions.shrink_to_fit();
        for s in &mut issue.suggestions {
            s.shrink_to_fit();
        }
        issue.related.shrink_to_fit();
        StoredIssue {
            issue,
            related: Vec::new(),
            scope,
            ignored: false,
            clipped: false,
            superseded: false,
        }
    }

    /// Shown and counted: neither ignored nor superseded.
    pub fn is_open(&self) -> bool {
        !self.ignored && !self.superseded
    }

    /// The suggestions that may be applied.
    pub fn suggestions(&self) -> &[String] {
        if self.clipped {
            &[]
        } else {
            &self.issue.suggestions
        }
    }
}

/// Index of an issue: its paragraph and its place in the paragraph's list. Valid until the
/// paragraph's issues change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IssueId {
    pub paragraph: usize,
    pub index: usize,
}

/// Which check's issues supersede which others' within their span: (check id, ids).
pub type SupersedeRules = Vec<(&'static str, &'static [&'static str])>;

/// All issues, per paragraph.
#[derive(Debug, Default)]
pub struct IssueStore {
    /// Each paragraph's issues, in text order, allocated to their number (most paragraphs
    /// have none or one; a growable list would hold room for four).
    per_paragraph: Vec<Box<[StoredIssue]>>,
    open_by_category: [usize; Category::ALL.len()],
    rules: SupersedeRules,
}

fn sort(list: &mut [StoredIssue]) {
    list.sort_by(|a, b| {
        a.issue
            .span
            .start
            .cmp(&b.issue.span.start)
            .then(b.issue.span.end.cmp(&a.issue.span.end))
            .then(a.issue.check.cmp(b.issue.check))
    });
}

/// Marks the issues of one paragraph that another of its issues supersedes: the same
/// rule as [`crate::check::Engine::drop_superseded`], as a flag.
fn mark_superseded(list: &mut [StoredIssue], rules: &SupersedeRules) {
    let covering: Vec<(Range<usize>, &[&str])> = list
        .iter()
        .filter_map(|si| {
            rules
                .iter()
                .find(|(id, _)| *id == si.issue.check)
                .map(|(_, ids)| (si.issue.span.clone(), *ids))
        })
        .collect();
    for si in list {
        let span = &si.issue.span;
        si.superseded = covering.iter().any(|(cover, ids)| {
            ids.contains(&si.issue.check) && span.start >= cover.start && span.end <= cover.end
        });
    }
}

impl IssueStore {
    /// A store for `paragraphs` paragraphs; `rules` say which issues hide which.
    pub fn new(paragraphs: usize, rules: SupersedeRules) -> Self {
        IssueStore {
            per_paragraph: (0..paragraphs).map(|_| Box::default()).collect(),
            open_by_category: [0; Category::ALL.len()],
            rules,
        }
    }

    pub fn paragraph(&self, p: usize) -> &[StoredIssue] {
        self.per_paragraph.get(p).map_or(&[], |list| list)
    }

    pub fn get(&self, id: IssueId) -> Option<&StoredIssue> {
        self.per_paragraph.get(id.paragraph)?.get(id.index)
    }

    /// Open issues by category, in [`Category::ALL`] order.
    pub fn open_by_category(&self) -> [usize; Category::ALL.len()] {
        self.open_by_category
    }

    pub fn open_total(&self) -> usize {
        self.open_by_category.iter().sum()
    }

    fn count(&mut self, p: usize, sign: isize) {
        for si in self.per_paragraph[p].iter() {
            if si.is_open() {
                let slot = &mut self.open_by_category[si.issue.category as usize];
                *slot = slot.saturating_add_signed(sign);
            }
        }
    }

    /// Changes paragraph `p`'s issues through `f`, keeping counts and order.
    pub fn update(&mut self, p: usize, f: impl FnOnce(&mut Vec<StoredIssue>)) {
        self.count(p, -1);
        let mut list = std::mem::take(&mut self.per_paragraph[p]).into_vec();
        f(&mut list);
        sort(&mut list);
        if !self.rules.is_empty() {
            mark_superseded(&mut list, &self.rules);
        }
        self.per_paragraph[p] = list.into_boxed_slice();
        self.count(p, 1);
    }

    /// Replaces paragraph `p`'s issues of one scope.
    pub fn replace_scope(&mut self, p: usize, scope: Scope, new: Vec<StoredIssue>) {
        self.update(p, |list| {
            list.retain(|si| si.scope != scope);
            list.extend(new);
        });
    }

    /// After `old_len` bytes at `at` in paragraph `p` became `new_len` bytes: document-scope
    /// issues over the change are dropped and those after it shifted, until the document
    /// checks run again.
    pub fn follow_edit(&mut self, p: usize, at: usize, old_len: usize, new_len: usize) {
        let end = at + old_len;
        self.update(p, |list| {
            list.retain_mut(|si| {
                if si.scope != Scope::Document {
                    return true;
                }
                let span = &mut si.issue.span;
                if span.end <= at && !(span.start == span.end && span.start == at) {
                    true
                } else if span.start >= end && !(old_len == 0 && span.start == at) {
                    span.start = span.start + new_len - old_len;
                    span.end = span.end + new_len - old_len;
                    true
                } else {
                    false
                }
            });
        });
    }

    /// Sets the ignored flag of each of paragraph `p`'s issues, in order.
    pub fn set_ignored_flags(&mut self, p: usize, flags: &[bool]) {
        let list = &self.per_paragraph[p];
        if list.len() == flags.len() && list.iter().zip(flags).all(|(si, f)| si.ignored == *f) {
            return;
        }
        self.update(p, |list| {
            for (si, f) in list.iter_mut().zip(flags) {
                si.ignored = *f;
            }
        });
    }

    /// Paragraphs that have at least one issue.
    pub fn paragraphs_with_issues(&self) -> impl Iterator<Item = usize> + '_ {
        self.per_paragraph
            .iter()
            .enumerate()
            .filter(|(_, l)| !l.is_empty())
            .map(|(p, _)| p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{CheckInfo, Severity};

    static INFO: CheckInfo = CheckInfo {
        id: "repetition.test",
        category: Category::Repetition,
        severity: Severity::Error,
        summary: "test",
        example: "test",
    };

    fn stored(span: Range<usize>, scope: Scope) -> StoredIssue {
        StoredIssue::new(Issue::new(&INFO, span, "m"), scope)
    }

    static COVER: CheckInfo = CheckInfo {
        id: "terminology.test",
        category: Category::Terminology,
        severity: Severity::Error,
        summary: "test",
        example: "test",
    };

    #[test]
    fn stored_issues_take_no_more_room_than_they_need() {
        let mut message = String::with_capacity(200);
        message.push_str("a message");
        let mut issue = Issue::new(&INFO, 0..4, message).suggest("fix");
        issue.suggestions.reserve(10);
        let si = StoredIssue::new(issue, Scope::Document);
        assert_eq!(si.issue.message, "a message");
        assert_eq!(si.issue.message.capacity(), si.issue.message.len());
        assert_eq!(si.issue.suggestions.capacity(), 1);
        assert_eq!(si.suggestions(), ["fix"]);
    }

    #[test]
    fn superseded_issues_are_hidden_while_the_cover_lasts() {
        let mut store = IssueStore::new(1, vec![("terminology.test", &["repetition.test"])]);
        store.replace_scope(
            0,
            Scope::Paragraph,
            vec![
                stored(2..6, Scope::Paragraph),
                stored(20..24, Scope::Paragraph),
            ],
        );
        assert_eq!(store.open_total(), 2);
        let cover = StoredIssue::new(Issue::new(&COVER, 0..10, "m"), Scope::Document);
        store.replace_scope(0, Scope::Document, vec![cover]);
        assert_eq!(store.open_total(), 2, "the cover and the issue outside it");
        let hidden: Vec<bool> = store.paragraph(0).iter().map(|s| s.superseded).collect();
        assert_eq!(hidden, [false, true, false]);
        store.replace_scope(0, Scope::Document, Vec::new());
        assert_eq!(store.open_total(), 2);
        assert!(store.paragraph(0).iter().all(|s| !s.superseded));
    }

    #[test]
    fn counts_follow_changes() {
        let mut store = IssueStore::new(3, Vec::new());
        store.replace_scope(
            1,
            Scope::Paragraph,
            vec![
                stored(5..9, Scope::Paragraph),
                stored(0..3, Scope::Paragraph),
            ],
        );
        store.replace_scope(1, Scope::Document, vec![stored(4..6, Scope::Document)]);
        assert_eq!(store.open_total(), 3);
        let starts: Vec<usize> = store
            .paragraph(1)
            .iter()
            .map(|s| s.issue.span.start)
            .collect();
        assert_eq!(starts, [0, 4, 5]);
        store.set_ignored_flags(1, &[true, false, false]);
        assert_eq!(store.open_total(), 2);
        store.replace_scope(1, Scope::Paragraph, Vec::new());
        assert_eq!(store.open_total(), 1);
        assert_eq!(store.paragraphs_with_issues().collect::<Vec<_>>(), [1]);
    }

    #[test]
    fn document_issues_follow_an_edit() {
        let mut store = IssueStore::new(1, Vec::new());
        store.replace_scope(
            0,
            Scope::Document,
            vec![
                stored(0..4, Scope::Document),
                stored(6..8, Scope::Document),
                stored(10..14, Scope::Document),
            ],
        );
        // "XXXX y ZZ w TTTT": replace bytes 5..9 by 1 byte.
        store.follow_edit(0, 5, 4, 1);
        let spans: Vec<Range<usize>> = store
            .paragraph(0)
            .iter()
            .map(|s| s.issue.span.clone())
            .collect();
        assert_eq!(spans, [0..4, 7..11]);
        // Paragraph-scope issues are left for the re-check.
        store.replace_scope(0, Scope::Paragraph, vec![stored(1..2, Scope::Paragraph)]);
        store.follow_edit(0, 0, 3, 0);
        assert_eq!(store.paragraph(0).len(), 2);
    }
}
