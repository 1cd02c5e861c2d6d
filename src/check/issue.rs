//! What a check reports: an issue with its span, message and suggested replacements.

use std::ops::Range;

/// How serious an issue is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }

    /// The severity named `name` (`error`, `warning` or `info`).
    pub fn from_name(name: &str) -> Option<Severity> {
        [Severity::Error, Severity::Warning, Severity::Info]
            .into_iter()
            .find(|s| s.as_str() == name)
    }
}

/// The family an issue belongs to; the editor colours spans by category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    /// A word, phrase, list item or line said twice.
    Repetition,
    /// Text damaged in transit: mojibake, replacement and control characters, source script.
    Garbled,
    /// Debris from scraping or markup: HTML, tag tails, metadata lines.
    Debris,
    /// Punctuation and spacing.
    Punctuation,
    /// A paragraph cut off before its end.
    Fragment,
    /// Glossary terms: deprecated, inconsistent, collapsed or (against the source) missing
    /// renderings.
    Terminology,
    /// Meaning against the source: numbers, entities, untranslated text, omissions.
    Accuracy,
    /// Inline codes and placeholders against the source's.
    Markup,
    /// Words in no dictionary.
    Spelling,
    /// Grammar slips: articles, agreement.
    Grammar,
    /// Style and readability (off by default).
    Style,
    /// A team's own rules, from the configuration (`[[rules]]`).
    Custom,
}

impl Category {
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Repetition => "repetition",
            Category::Garbled => "garbled",
            Category::Debris => "debris",
            Category::Punctuation => "punctuation",
            Category::Fragment => "fragment",
            Category::Terminology => "terminology",
            Category::Accuracy => "accuracy",
            Category::Markup => "markup",
            Category::Spelling => "spelling",
            Category::Grammar => "grammar",
            Category::Style => "style",
            Category::Custom => "custom",
        }
    }

    pub const ALL: [Category; 12] = [
        Category::Repetition,
        Category::Garbled,
        Category::Debris,
        Category::Punctuation,
        Category::Fragment,
        Category::Terminology,
        Category::Accuracy,
        Category::Markup,
        Category::Spelling,
        Category::Grammar,
        Category::Style,
        Category::Custom,
    ];

    /// The category named `name` (as [`Category::as_str`] writes it).
    pub fn from_name(name: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.as_str() == name)
    }
}

/// The fixed description of a check.
#[derive(Debug)]
pub struct CheckInfo {
    /// Stable id, `category.name`, e.g. `repetition.tautology`.
    pub id: &'static str,
    pub category: Category,
    /// Default severity of its issues.
    pub severity: Severity,
    /// One line saying what the check finds.
    pub summary: &'static str,
    /// A text the check flags, for the documentation.
    pub example: &'static str,
}

/// One suspect span found by a check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    /// The id of the check that found it.
    pub check: &'static str,
    pub category: Category,
    pub severity: Severity,
    /// Byte span in the file.
    pub span: Range<usize>,
    /// Why the span is suspect, for a person.
    pub message: String,
    /// Replacements for the whole span, best first. An empty string means "delete".
    pub suggestions: Vec<String>,
    /// Other spans involved (the first copy of a duplicated line, other renderings).
    pub related: Vec<Range<usize>>,
    /// The glossary entries behind a terminology issue (their ids in the glossary store),
    /// so a front end can show them: one, or a collapsed term's two concepts, or the
    /// entries sharing a deprecated rendering, in the order the message names them.
    pub entries: Vec<i64>,
    /// The unit of a bilingual file the issue is in, and on which side (`None` for a
    /// monolingual text). A [`IssueSide::Source`] issue's span is in the unit's source text
    /// as a check reports it, in the file once [`check_bilingual`](super::check_bilingual)
    /// has mapped it.
    pub unit: Option<UnitRef>,
}

/// Which text of a unit an issue's span is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum IssueSide {
    Target,
    Source,
}

/// A unit of a bilingual file (its index in [`BilingualFile::units`]) and a side of it.
///
/// [`BilingualFile::units`]: crate::document::units::BilingualFile::units
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UnitRef {
    pub index: usize,
    pub side: IssueSide,
}

impl Issue {
    pub fn new(info: &'static CheckInfo, span: Range<usize>, message: impl Into<String>) -> Self {
        Issue {
            check: info.id,
            category: info.category,
            severity: info.severity,
            span,
            message: message.into(),
            suggestions: Vec::new(),
            related: Vec::new(),
            entries: Vec::new(),
            unit: None,
        }
    }

    /// An issue in the source text of unit `index` (`span` relative to that text): what
    /// the target lacks, shown where it is in the source. Its suggestions are renderings
    /// for the target, not replacements of the span.
    pub fn in_source(
        info: &'static CheckInfo,
        index: usize,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Self {
        let mut issue = Issue::new(info, span, message);
        issue.unit = Some(UnitRef {
            index,
            side: IssueSide::Source,
        });
        issue
    }

    /// Whether the span is in a unit's source text (not in the checked document).
    pub fn is_in_source(&self) -> bool {
        self.unit.is_some_and(|u| u.side == IssueSide::Source)
    }

    /// Adds a glossary entry behind the issue (once).
    pub fn with_entry(mut self, entry: i64) -> Self {
        if !self.entries.contains(&entry) {
            self.entries.push(entry);
        }
        self
    }

    /// The (first) glossary entry behind a terminology issue.
    pub fn entry(&self) -> Option<i64> {
        self.entries.first().copied()
    }

    pub fn suggest(mut self, replacement: impl Into<String>) -> Self {
        let replacement = replacement.into();
        if !self.suggestions.contains(&replacement) {
            self.suggestions.push(replacement);
        }
        self
    }

    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    pub fn with_related(mut self, span: Range<usize>) -> Self {
        self.related.push(span);
        self
    }
}

/// An issue as `mtpe check --format json` prints it: the stable, documented schema.
#[derive(Debug, Clone, serde::Serialize)]
pub struct IssueRecord {
    pub check: &'static str,
    pub category: Category,
    pub severity: Severity,
    /// 1-based line of the span's start.
    pub line: usize,
    /// 1-based column (in characters) of the span's start.
    pub column: usize,
    /// Byte offset of the span's start in the file.
    pub start: usize,
    /// Byte offset just past the span's end.
    pub end: usize,
    /// Exactly the file's text between `start` and `end`.
    pub text: String,
    pub message: String,
    pub suggestions: Vec<String>,
    /// Other places involved, e.g. the first copy of a duplicated line.
    pub related: Vec<RelatedRecord>,
    /// Glossary entry id behind a terminology issue (absent for other checks); the first
    /// of `entries` when there are several.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entry: Option<i64>,
    /// All the entries' ids, when the issue concerns more than one (a collapsed term's two
    /// concepts, a rendering two entries deprecate).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub entries: Vec<i64>,
    /// The id of the unit the issue is in (bilingual files only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// `source` when the span is in the unit's source text (absent for the target).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub side: Option<IssueSide>,
}

/// A related span in [`IssueRecord`].
#[derive(Debug, Clone, serde::Serialize)]
pub struct RelatedRecord {
    pub line: usize,
    pub column: usize,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

impl IssueRecord {
    pub fn new(doc: &crate::document::Document, issue: &Issue) -> Self {
        let place = |r: &Range<usize>| {
            let pos = doc.position(r.start);
            RelatedRecord {
                line: pos.line,
                column: pos.column,
                start: r.start,
                end: r.end,
                text: doc.slice(r.clone()).to_string(),
            }
        };
        Self::from_places(
            issue,
            place(&issue.span),
            issue.related.iter().map(place).collect(),
        )
    }

    /// The record of `issue` whose span is at `at` and related spans at `related`.
    pub(super) fn from_places(
        issue: &Issue,
        at: RelatedRecord,
        related: Vec<RelatedRecord>,
    ) -> Self {
        IssueRecord {
            check: issue.check,
            category: issue.category,
            severity: issue.severity,
            line: at.line,
            column: at.column,
            start: at.start,
            end: at.end,
            text: at.text,
            message: issue.message.clone(),
            suggestions: issue.suggestions.clone(),
            related,
            entry: issue.entry(),
            entries: if issue.entries.len() > 1 {
                issue.entries.clone()
            } else {
                Vec::new()
            },
            unit: None,
            side: None,
        }
    }
}
