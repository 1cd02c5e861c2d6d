//! Issues before and after post-editing: the checks run on the original and on the
//! corrected text, and each issue matched across the two through the segment alignment, so
//! that it is known as fixed, remaining or introduced.

use std::collections::HashMap;

use crate::check::terminology::TermIndex;
use crate::check::{CheckInfo, CheckRequest, Engine, Issue, IssueRecord};
use crate::diff::{Comparison, SegmentKind};
use crate::document::Document;

type FindIssues<'a> = dyn Fn(&Document) -> Vec<Issue> + Sync + 'a;

/// The checks a report runs, supplied by the caller (who knows the glossary, the target
/// language and which checks are on).
pub struct IssueChecks<'a> {
    find: Option<Box<FindIssues<'a>>>,
    infos: Vec<&'static CheckInfo>,
    glossary: Option<String>,
}

impl<'a> IssueChecks<'a> {
    /// No checks: the report has no issue section.
    pub fn none() -> Self {
        IssueChecks {
            find: None,
            infos: Vec::new(),
            glossary: None,
        }
    }

    /// The engine's checks for `target_lang`, without a glossary.
    pub fn with_engine(engine: &'a Engine, target_lang: &str) -> Self {
        let lang = target_lang.to_string();
        Self::custom(
            engine,
            move |doc| CheckRequest::new(doc, &lang).run(engine),
            None,
        )
    }

    /// The engine's checks for `target_lang` with the glossary entries of `index` (which
    /// should hold those of both texts), the glossary named `name` in the report.
    pub fn with_glossary(
        engine: &'a Engine,
        target_lang: &str,
        index: &'a TermIndex,
        name: String,
    ) -> Self {
        let lang = target_lang.to_string();
        Self::custom(
            engine,
            move |doc| {
                CheckRequest::new(doc, &lang)
                    .glossary(Some(index))
                    .run(engine)
            },
            Some(name),
        )
    }

    /// The engine's checks run by `find`, which builds the context itself (with a glossary,
    /// say). `glossary` describes the glossary used (its name or path), if any.
    pub fn custom(
        engine: &'a Engine,
        find: impl Fn(&Document) -> Vec<Issue> + Sync + 'a,
        glossary: Option<String>,
    ) -> Self {
        IssueChecks {
            find: Some(Box::new(find)),
            infos: engine.checks().map(|c| c.info()).collect(),
            glossary,
        }
    }

    /// Whether any check runs.
    pub fn enabled(&self) -> bool {
        self.find.is_some()
    }

    /// The glossary the checks use, if any.
    pub fn glossary(&self) -> Option<&str> {
        self.glossary.as_deref()
    }

    /// The checks' descriptions.
    pub fn infos(&self) -> &[&'static CheckInfo] {
        &self.infos
    }

    fn run(&self, doc: &Document) -> Vec<Issue> {
        self.find.as_ref().map_or_else(Vec::new, |f| f(doc))
    }

    /// Runs the checks on both documents (in parallel).
    pub fn run_both(&self, original: &Document, corrected: &Document) -> (Vec<Issue>, Vec<Issue>) {
        rayon::join(|| self.run(original), || self.run(corrected))
    }
}

/// Where an issue stands after post-editing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum IssueStatus {
    /// In the original, gone from the corrected text.
    Fixed,
    /// In both.
    Remaining,
    /// Only in the corrected text.
    Introduced,
}

impl IssueStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            IssueStatus::Fixed => "fixed",
            IssueStatus::Remaining => "remaining",
            IssueStatus::Introduced => "introduced",
        }
    }

    pub const ALL: [IssueStatus; 3] = [
        IssueStatus::Fixed,
        IssueStatus::Remaining,
        IssueStatus::Introduced,
    ];
}

/// An issue followed across the two texts.
#[derive(Debug, Clone)]
pub struct TrackedIssue {
    pub status: IssueStatus,
    /// Index of the segment (in the comparison) the issue lies in, if any.
    pub segment: Option<usize>,
    /// The issue in the original (fixed and remaining issues).
    pub original: Option<Issue>,
    /// The issue in the corrected text (remaining and introduced issues).
    pub corrected: Option<Issue>,
}

impl TrackedIssue {
    /// The issue as it stands: in the corrected text if it is there, else in the original.
    pub fn issue(&self) -> &Issue {
        match (&self.corrected, &self.original) {
            (Some(i), _) | (None, Some(i)) => i,
            (None, None) => unreachable!("a tracked issue is on at least one side"),
        }
    }
}

/// A tracked issue as JSON shows it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct TrackedIssueRecord {
    pub status: IssueStatus,
    pub check: &'static str,
    pub category: crate::check::Category,
    pub severity: crate::check::Severity,
    pub message: String,
    /// 1-based number of the segment, if the issue lies in one.
    pub segment: Option<usize>,
    pub original: Option<IssueRecord>,
    pub corrected: Option<IssueRecord>,
}

impl TrackedIssueRecord {
    pub fn new(t: &TrackedIssue, original: &Document, corrected: &Document) -> Self {
        let issue = t.issue();
        TrackedIssueRecord {
            status: t.status,
            check: issue.check,
            category: issue.category,
            severity: issue.severity,
            message: issue.message.clone(),
            segment: t.segment.map(|s| s + 1),
            original: t.original.as_ref().map(|i| IssueRecord::new(original, i)),
            corrected: t.corrected.as_ref().map(|i| IssueRecord::new(corrected, i)),
        }
    }
}

/// Matches the issues of the original with those of the corrected text: the same check on
/// the same text in the same aligned segment, then the same check on the same text from a
/// deleted segment to an inserted one (a moved line). Matched issues remain; the others
/// were fixed or introduced.
pub fn track(
    comparison: &Comparison<'_>,
    original_issues: Vec<Issue>,
    corrected_issues: Vec<Issue>,
) -> Vec<TrackedIssue> {
    let key =
        |text: &str, issue: &Issue| (issue.check, text[issue.span.clone()].trim().to_lowercase());
    let original_segment =
        |i: &Issue| comparison.segment_of_original_line(comparison.original_line_of(i.span.start));
    let corrected_segment = |i: &Issue| {
        comparison.segment_of_corrected_line(comparison.corrected_line_of(i.span.start))
    };

    // Unmatched corrected issues by key, in document order.
    let mut by_segment: HashMap<(Option<usize>, &'static str, String), Vec<usize>> = HashMap::new();
    let mut by_text: HashMap<(&'static str, String), Vec<usize>> = HashMap::new();
    for (k, issue) in corrected_issues.iter().enumerate() {
        let (check, text) = key(comparison.corrected, issue);
        by_segment
            .entry((corrected_segment(issue), check, text.clone()))
            .or_default()
            .push(k);
        by_text.entry((check, text)).or_default().push(k);
    }
    let mut taken = vec![false; corrected_issues.len()];
    let mut matched: Vec<Option<usize>> = vec![None; original_issues.len()];
    let take = |list: Option<&Vec<usize>>, taken: &mut Vec<bool>| -> Option<usize> {
        let k = *list?.iter().find(|&&k| !taken[k])?;
        taken[k] = true;
        Some(k)
    };
    for (o, issue) in original_issues.iter().enumerate() {
        let (check, text) = key(comparison.original, issue);
        matched[o] = take(
            by_segment.get(&(original_segment(issue), check, text)),
            &mut taken,
        );
    }
    // A line that moved shows as a deleted segment and an inserted one: its issues match
    // by text across the two (and only there, so that a "the the" fixed in one line is not
    // taken for another introduced elsewhere).
    let moved = |segment: Option<usize>, kind: SegmentKind| {
        segment.is_none_or(|s| comparison.segments[s].kind == kind)
    };
    for (o, issue) in original_issues.iter().enumerate() {
        if matched[o].is_none() && moved(original_segment(issue), SegmentKind::Deleted) {
            let candidates: Option<Vec<usize>> =
                by_text.get(&key(comparison.original, issue)).map(|list| {
                    list.iter()
                        .copied()
                        .filter(|&k| {
                            moved(
                                corrected_segment(&corrected_issues[k]),
                                SegmentKind::Inserted,
                            )
                        })
                        .collect()
                });
            matched[o] = take(candidates.as_ref(), &mut taken);
        }
    }

    let mut corrected_slots: Vec<Option<Issue>> = corrected_issues.into_iter().map(Some).collect();
    let mut out = Vec::new();
    for (issue, m) in original_issues.into_iter().zip(matched) {
        let segment = original_segment(&issue);
        match m {
            Some(k) => out.push(TrackedIssue {
                status: IssueStatus::Remaining,
                segment,
                original: Some(issue),
                corrected: corrected_slots[k].take(),
            }),
            None => out.push(TrackedIssue {
                status: IssueStatus::Fixed,
                segment,
                original: Some(issue),
                corrected: None,
            }),
        }
    }
    for issue in corrected_slots.into_iter().flatten() {
        out.push(TrackedIssue {
            status: IssueStatus::Introduced,
            segment: corrected_segment(&issue),
            original: None,
            corrected: Some(issue),
        });
    }
    // Document order: by segment, then by position on the issue's own side.
    out.sort_by_key(|t| {
        (
            t.segment.unwrap_or(usize::MAX),
            t.issue().span.start,
            t.status,
        )
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::registry;

    fn tracked(a: &str, b: &str) -> Vec<(IssueStatus, String)> {
        let (da, db) = (
            Document::from_str_named("a.txt", a),
            Document::from_str_named("b.txt", b),
        );
        let engine = Engine::new(registry::rule_checks());
        let checks = IssueChecks::with_engine(&engine, "en");
        let (ia, ib) = checks.run_both(&da, &db);
        let c = Comparison::new(a, b);
        track(&c, ia, ib)
            .into_iter()
            .map(|t| {
                let text = match &t.corrected {
                    Some(i) => b[i.span.clone()].to_string(),
                    None => a[t.original.as_ref().unwrap().span.clone()].to_string(),
                };
                (t.status, text)
            })
            .collect()
    }

    #[test]
    fn fixed_remaining_introduced() {
        let a = "It went the the way.\nWe saw the the sky.\nPlain line.\n";
        let b = "It went the way.\nWe saw the the sky.\nPlain line line.\n";
        let got = tracked(a, b);
        let statuses: Vec<IssueStatus> = got.iter().map(|(s, _)| *s).collect();
        assert_eq!(
            statuses,
            [
                IssueStatus::Fixed,
                IssueStatus::Remaining,
                IssueStatus::Introduced
            ],
            "{got:?}"
        );
    }

    #[test]
    fn moved_line_keeps_its_issue() {
        let a = "First line.\nWe saw the the sky.\nLast line.\n";
        let b = "We saw the the sky.\nFirst line.\nLast line.\nAdded.\n";
        let got = tracked(a, b);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, IssueStatus::Remaining);
    }

    #[test]
    fn no_checks_no_issues() {
        let checks = IssueChecks::none();
        assert!(!checks.enabled());
        let d = Document::from_str_named("a.txt", "the the");
        assert!(checks.run_both(&d, &d).0.is_empty());
    }
}
