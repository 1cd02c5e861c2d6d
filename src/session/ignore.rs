//! Ignoring issues: the set of keys the post-editor ignored in a document (kept in the
//! journal across sessions) and the rule by which an issue matches a key ([`IgnoreKey`]);
//! and the session's side of it: making an issue's key, ignoring and restoring, and
//! flagging the issues that the keys match as the text and its issues change.

use std::collections::BTreeSet;
use std::ops::Range;

use super::{IgnoreKey, IssueId, Op, Session, SessionError};
use crate::hash::short_hash;

/// What an issue shows to be matched against ignore keys.
#[derive(Debug, Clone, Copy)]
pub struct Flagged<'a> {
    pub check: &'a str,
    /// The segment's context hash (see [`IgnoreKey::context`]).
    pub context: &'a str,
    /// The flagged text.
    pub text: &'a str,
}

/// The first of `keys` that an issue matches: the same check in the same segment, with the
/// same text or else over the same bytes of the machine translation (`anchor`, worked out
/// only when a key of that check and segment has one).
pub fn first_match<'k>(
    keys: impl IntoIterator<Item = &'k IgnoreKey>,
    issue: &Flagged<'_>,
    anchor: impl FnOnce() -> Option<(usize, usize)>,
) -> Option<&'k IgnoreKey> {
    let keys: Vec<&IgnoreKey> = keys
        .into_iter()
        .filter(|k| k.check == issue.check && k.context == issue.context)
        .collect();
    if let Some(k) = keys.iter().find(|k| k.text == issue.text) {
        return Some(k);
    }
    if keys.iter().all(|k| k.anchor.is_none()) {
        return None;
    }
    let anchor = anchor()?;
    keys.into_iter().find(|k| k.anchor == Some(anchor))
}

impl IgnoreKey {
    /// Whether `issue` is the issue this key ignores (see [`IgnoreKey`]).
    pub fn matches(
        &self,
        issue: &Flagged<'_>,
        anchor: impl FnOnce() -> Option<(usize, usize)>,
    ) -> bool {
        first_match([self], issue, anchor).is_some()
    }
}

/// The issues ignored in one document, in key order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IgnoreSet {
    keys: BTreeSet<IgnoreKey>,
}

impl IgnoreSet {
    pub fn new(keys: impl IntoIterator<Item = IgnoreKey>) -> Self {
        IgnoreSet {
            keys: keys.into_iter().collect(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    pub fn contains(&self, key: &IgnoreKey) -> bool {
        self.keys.contains(key)
    }

    pub fn insert(&mut self, key: IgnoreKey) {
        self.keys.insert(key);
    }

    pub fn remove(&mut self, key: &IgnoreKey) {
        self.keys.remove(key);
    }

    pub fn iter(&self) -> impl Iterator<Item = &IgnoreKey> {
        self.keys.iter()
    }

    /// Whether a key is for `check`: an issue of another check matches none, and need not
    /// be looked at closer.
    pub fn has_check(&self, check: &str) -> bool {
        self.keys.iter().any(|k| k.check == check)
    }

    /// The key that `issue` matches, if any (see [`IgnoreKey`]).
    pub fn matching(
        &self,
        issue: &Flagged<'_>,
        anchor: impl FnOnce() -> Option<(usize, usize)>,
    ) -> Option<&IgnoreKey> {
        first_match(&self.keys, issue, anchor)
    }
}

impl Session {
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

    /// Ignored issues of this document, with the segment where each is flagged now, in
    /// segment order (those not flagged now last).
    pub fn ignored(&self) -> Vec<(IgnoreKey, Option<usize>)> {
        let mut list: Vec<(IgnoreKey, Option<usize>)> = self
            .ignored
            .iter()
            .map(|k| (k.clone(), self.find_issue(k, true)))
            .collect();
        list.sort_by_key(|(_, seg)| (seg.is_none(), *seg));
        list
    }

    /// A key ignored (`ignore`) or restored: the issues it matches follow.
    pub(super) fn set_ignored(&mut self, key: &IgnoreKey, ignore: bool) {
        if ignore {
            self.ignored.insert(key.clone());
        } else {
            self.ignored.remove(key);
        }
        let ps: Vec<usize> = self.issues.paragraphs_with_issues().collect();
        self.refresh_ignored(ps);
    }

    /// Sets the ignored flags of the issues of `paragraphs` from the keys.
    pub(super) fn refresh_ignored(&mut self, paragraphs: impl IntoIterator<Item = usize>) {
        if self.ignored.is_empty() {
            for p in paragraphs {
                let n = self.issues.paragraph(p).len();
                self.issues.set_ignored_flags(p, &vec![false; n]);
            }
            return;
        }
        let mut all_flags = Vec::new();
        for p in paragraphs {
            let mut context = None;
            let flags: Vec<bool> = (0..self.issues.paragraph(p).len())
                .map(|index| {
                    let id = IssueId {
                        paragraph: p,
                        index,
                    };
                    let si = &self.issues.paragraph(p)[index];
                    self.ignored.has_check(si.issue.check)
                        && self
                            .match_issue(id, &mut context, |issue, anchor| {
                                self.ignored.matching(issue, anchor)
                            })
                            .is_some()
                })
                .collect();
            all_flags.push((p, flags));
        }
        for (p, flags) in all_flags {
            self.issues.set_ignored_flags(p, &flags);
        }
    }

    /// The segment of an issue (an ignored one, if `ignored`) that `key` matches.
    pub(super) fn find_issue(&self, key: &IgnoreKey, ignored: bool) -> Option<usize> {
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
                    self.match_issue(id, &mut None, |issue, anchor| {
                        key.matches(issue, anchor).then_some(key)
                    })
                    .and_then(|_| self.issue_segment(id))
                })
        })
    }

    /// Matches issue `id` by `rule`, given what it shows and how to find its anchor.
    /// `context` caches the last segment's context hash, for runs over the issues of one
    /// paragraph.
    fn match_issue<'k>(
        &self,
        id: IssueId,
        context: &mut Option<(usize, String)>,
        rule: impl FnOnce(&Flagged<'_>, &dyn Fn() -> Option<(usize, usize)>) -> Option<&'k IgnoreKey>,
    ) -> Option<&'k IgnoreKey> {
        let si = self.issues.get(id)?;
        let seg = self.owner_segment(id.paragraph, si.issue.span.start)?;
        if context.as_ref().is_none_or(|(s, _)| *s != seg) {
            *context = Some((seg, self.segment_context(seg)));
        }
        let issue = Flagged {
            check: si.issue.check,
            context: context.as_ref().map(|(_, c)| c.as_str())?,
            text: self.issue_text(id),
        };
        rule(&issue, &|| self.anchor(id.paragraph, &si.issue.span, seg))
    }

    /// What identifies segment `seg` in ignore keys: a hash of its original text.
    fn segment_context(&self, seg: usize) -> String {
        short_hash(self.original_segment_text(seg))
    }

    /// Where an issue's span of paragraph `p` lies in segment `seg`'s original text (see
    /// [`IgnoreKey::anchor`]); `None` when it covers only typed text.
    fn anchor(&self, p: usize, span: &Range<usize>, seg: usize) -> Option<(usize, usize)> {
        let start = self.original_offset(p, span.start, false);
        let end = self.original_offset(p, span.end, true).max(start);
        if start == end && !span.is_empty() {
            return None;
        }
        let base = self.segments.original_range(seg).start;
        Some((start.saturating_sub(base), end.saturating_sub(base)))
    }

    /// Where byte `x` of paragraph `p`'s current text was in its original text, traced back
    /// through the changes in force; a byte inside replaced text goes to the start of what
    /// it replaced, or with `end` set to its end.
    fn original_offset(&self, p: usize, mut x: usize, end: bool) -> usize {
        if self.edited[p].is_none() {
            return x;
        }
        let flat = self.undo.iter().rev().flat_map(|(_, op)| {
            match op {
                Op::Batch { ops, .. } => ops.as_slice(),
                other => std::slice::from_ref(other),
            }
            .iter()
            .rev()
        });
        for op in flat {
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
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(check: &str, text: &str, context: &str, anchor: Option<(usize, usize)>) -> IgnoreKey {
        IgnoreKey {
            check: check.into(),
            text: text.into(),
            context: context.into(),
            anchor,
        }
    }

    fn issue<'a>(check: &'a str, text: &'a str, context: &'a str) -> Flagged<'a> {
        Flagged {
            check,
            context,
            text,
        }
    }

    #[test]
    fn the_same_text_in_the_same_segment_matches() {
        let set = IgnoreSet::new([key("c", "the the", "seg1", None)]);
        let no_anchor = || panic!("the text matched: no anchor needed");
        assert!(
            set.matching(&issue("c", "the the", "seg1"), no_anchor)
                .is_some()
        );
        let never = || None;
        assert!(
            set.matching(&issue("c", "the the", "seg2"), never)
                .is_none()
        );
        assert!(
            set.matching(&issue("other", "the the", "seg1"), never)
                .is_none()
        );
        assert!(
            set.matching(&issue("c", "a a", "seg1"), || Some((0, 3)))
                .is_none(),
            "a key without an anchor matches by text alone"
        );
    }

    #[test]
    fn an_anchor_matches_the_same_bytes_after_an_edit_changed_the_text() {
        let set = IgnoreSet::new([
            key("c", "Walla  Walla", "seg", Some((4, 16))),
            key("c", "x", "seg", Some((30, 31))),
        ]);
        let found = set.matching(&issue("c", "Walla Walla", "seg"), || Some((4, 16)));
        assert_eq!(found.map(|k| k.text.as_str()), Some("Walla  Walla"));
        assert!(
            set.matching(&issue("c", "Walla Walla", "seg"), || Some((5, 16)))
                .is_none()
        );
        assert!(
            set.matching(&issue("c", "typed", "seg"), || None).is_none(),
            "an issue wholly in typed text has no anchor"
        );
    }

    #[test]
    fn a_set_adds_removes_and_knows_its_checks() {
        let a = key("repetition.doubled", "the the", "s", None);
        let mut set = IgnoreSet::default();
        assert!(set.is_empty());
        set.insert(a.clone());
        set.insert(a.clone());
        assert_eq!(set.iter().count(), 1);
        assert!(set.contains(&a) && set.has_check("repetition.doubled"));
        assert!(!set.has_check("debris.url"));
        assert!(a.matches(&issue("repetition.doubled", "the the", "s"), || None));
        set.remove(&a);
        assert!(set.is_empty());
    }
}
