//! Review reports on a post-edited text: what changed (segments, words), how much it cost
//! (TER/HTER, character edits), and which issues were fixed, remain or were introduced.
//!
//! [`Report::new`] builds the report from the two documents and the checks the caller
//! supplies ([`IssueChecks`]); the submodules render it: [`json`] (schema in README.md),
//! [`html`] (one self-contained file), [`markdown`] (for tickets) and [`text`] (`stat` and
//! `words` for the terminal).

pub mod html;
pub mod issues;
pub mod json;
pub mod markdown;
pub mod text;

pub use issues::{IssueChecks, IssueStatus, TrackedIssue, TrackedIssueRecord};

use crate::check::{Category, CheckInfo};
use crate::diff::{Alignment, Comparison};
use crate::document::{Document, LineEndingStyle};

/// Everything a reviewer is shown.
pub struct Report<'a> {
    pub original: &'a Document,
    pub corrected: &'a Document,
    pub comparison: Comparison<'a>,
    /// Whether checks were run (else there is no issue section).
    pub checks_ran: bool,
    /// The glossary the checks used, if any.
    pub glossary: Option<String>,
    pub check_infos: Vec<&'static CheckInfo>,
    /// Issues in document order.
    pub issues: Vec<TrackedIssue>,
    /// For two versions of a bilingual file: each line's unit (id and source).
    pub units: Option<UnitLines>,
}

/// The units of a bilingual comparison, one a line of the compared texts.
#[derive(Debug, Clone, Default)]
pub struct UnitLines {
    pub ids: Vec<String>,
    pub sources: Vec<String>,
}

/// A unit a changed segment covers: its id and source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct UnitSource<'a> {
    pub id: &'a str,
    pub source: &'a str,
}

impl<'a> Report<'a> {
    /// Compares the documents and runs `checks` on both.
    pub fn new(original: &'a Document, corrected: &'a Document, checks: &IssueChecks<'_>) -> Self {
        let ((original_issues, corrected_issues), comparison) = rayon::join(
            || checks.run_both(original, corrected),
            || Comparison::new(original.text(), corrected.text()),
        );
        let issues = issues::track(&comparison, original_issues, corrected_issues);
        Report {
            original,
            corrected,
            comparison,
            checks_ran: checks.enabled(),
            glossary: checks.glossary().map(str::to_string),
            check_infos: checks.infos().to_vec(),
            issues,
            units: None,
        }
    }

    /// The report on a bilingual file's units (each line of the texts is a unit).
    pub fn with_units(mut self, units: UnitLines) -> Self {
        self.units = Some(units);
        self
    }

    /// The units a segment covers (none for a text): those of its lines in the original,
    /// or in the corrected text for an inserted one.
    pub fn segment_units(&self, seg: &crate::diff::SegmentDiff) -> Vec<UnitSource<'_>> {
        let Some(u) = &self.units else {
            return Vec::new();
        };
        let lines = if seg.original_lines.is_empty() {
            &seg.corrected_lines
        } else {
            &seg.original_lines
        };
        lines
            .clone()
            .filter_map(|l| {
                Some(UnitSource {
                    id: u.ids.get(l)?,
                    source: u.sources.get(l)?,
                })
            })
            .collect()
    }

    /// Where a segment stands: its units ("unit 3"), or its lines in a text.
    pub fn segment_label(&self, seg: &crate::diff::SegmentDiff) -> String {
        let units = self.segment_units(seg);
        match units.as_slice() {
            [] if self.units.is_none() => segment_lines_label(seg),
            [] => "—".to_string(),
            [one] => format!("unit {}", one.id),
            many => {
                let ids: Vec<&str> = many.iter().map(|u| u.id).collect();
                format!("units {}", ids.join(", "))
            }
        }
    }

    /// The summary figures.
    pub fn summary(&self) -> Summary {
        Summary::new(&self.comparison)
    }

    /// How many issues have `status`.
    pub fn count(&self, status: IssueStatus) -> usize {
        self.issues.iter().filter(|t| t.status == status).count()
    }

    /// How many issues of `category` have `status`.
    pub fn count_in(&self, category: Category, status: IssueStatus) -> usize {
        self.issues
            .iter()
            .filter(|t| t.status == status && t.issue().category == category)
            .count()
    }

    /// Terminology issues left in the corrected text (glossary compliance).
    pub fn terminology_left(&self) -> impl Iterator<Item = &TrackedIssue> {
        self.issues.iter().filter(|t| {
            t.status != IssueStatus::Fixed && t.issue().category == Category::Terminology
        })
    }

    /// Whether any terminology check took part.
    pub fn terminology_checked(&self) -> bool {
        self.check_infos
            .iter()
            .any(|i| i.category == Category::Terminology)
    }

    /// The one-line description of a check, if known.
    pub fn check_summary(&self, id: &str) -> Option<&'static str> {
        self.check_infos
            .iter()
            .find(|i| i.id == id)
            .map(|i| i.summary)
    }
}

/// The summary figures of a comparison, as the JSON report's top level and the revision
/// store keep them.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Summary {
    /// How segments were paired: `lines` (same line count) or `diff`.
    pub alignment: Alignment,
    pub segments_total: usize,
    pub segments_changed: usize,
    pub segments_unchanged: usize,
    /// Share of segments left unedited, 0 to 1.
    pub unedited_share: f64,
    pub segments_edited: usize,
    pub segments_inserted: usize,
    pub segments_deleted: usize,
    pub segments_split: usize,
    pub segments_merged: usize,
    pub words_inserted: usize,
    pub words_deleted: usize,
    pub words_substituted: usize,
    /// Shift operations (TER moves of a block of up to ten words).
    pub shifts: usize,
    pub words_shifted: usize,
    /// TER (the HTER of the machine translation) as a percentage.
    pub ter: f64,
    pub ter_edits: usize,
    pub reference_words: usize,
    pub hypothesis_words: usize,
    /// Levenshtein distance in grapheme clusters, summed over segments.
    pub char_edit_distance: usize,
    pub original_chars: usize,
    pub corrected_chars: usize,
    pub line_endings: LineEndingsChange,
    /// Whether the texts differ only in line endings, byte order mark or final newline.
    pub only_layout_changed: bool,
}

/// The line-ending styles of the two texts.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LineEndingsChange {
    /// `lf`, `crlf`, `mixed` or `none`.
    pub original: String,
    pub corrected: String,
    pub changed: bool,
}

/// The name of a line-ending style in JSON: `lf`, `crlf`, `mixed` or `none`.
pub(crate) fn style_name(style: LineEndingStyle) -> String {
    match style {
        LineEndingStyle::None => "none",
        LineEndingStyle::Lf => "lf",
        LineEndingStyle::Crlf => "crlf",
        LineEndingStyle::Mixed => "mixed",
    }
    .to_string()
}

/// How a line-ending style is written in text reports.
pub fn style_label(name: &str) -> &str {
    match name {
        "lf" => "LF",
        "crlf" => "CRLF",
        "mixed" => "mixed CRLF/LF",
        _ => "no line breaks",
    }
}

impl Summary {
    pub fn new(c: &Comparison<'_>) -> Self {
        let t = &c.totals;
        Summary {
            alignment: c.alignment,
            segments_total: t.segments,
            segments_changed: t.segments_changed,
            segments_unchanged: t.segments_unchanged,
            unedited_share: t.unedited_share(),
            segments_edited: t.segments_edited,
            segments_inserted: t.segments_inserted,
            segments_deleted: t.segments_deleted,
            segments_split: t.segments_split,
            segments_merged: t.segments_merged,
            words_inserted: t.ter.insertions,
            words_deleted: t.ter.deletions,
            words_substituted: t.ter.substitutions,
            shifts: t.ter.shifts,
            words_shifted: t.ter.shifted_words,
            ter: t.ter.score(),
            ter_edits: t.ter.edits,
            reference_words: t.ter.ref_words,
            hypothesis_words: t.ter.hyp_words,
            char_edit_distance: t.char_distance,
            original_chars: t.original_chars,
            corrected_chars: t.corrected_chars,
            line_endings: LineEndingsChange {
                original: style_name(c.original_layout.line_endings),
                corrected: style_name(c.corrected_layout.line_endings),
                changed: c.line_endings_changed(),
            },
            only_layout_changed: c.only_layout_changed(),
        }
    }

    /// "CRLF → LF" when the line endings changed.
    pub fn line_endings_note(&self) -> Option<String> {
        self.line_endings.changed.then(|| {
            format!(
                "line endings changed from {} to {}",
                style_label(&self.line_endings.original),
                style_label(&self.line_endings.corrected)
            )
        })
    }
}

/// "line endings changed from CRLF to LF[; no other change]" when the styles of `a` and `b`
/// differ: a cheap test on the texts alone, for callers that do not build a comparison.
pub fn line_endings_note(a: &str, b: &str) -> Option<String> {
    use crate::document::LineIndex;
    let (sa, sb) = (LineIndex::new(a).style(), LineIndex::new(b).style());
    if sa == sb || sa == LineEndingStyle::None || sb == LineEndingStyle::None {
        return None;
    }
    let rest = if crate::diff::same_content_lines(a, b) {
        "; no other change"
    } else {
        ""
    };
    Some(format!(
        "line endings changed from {} to {}{rest}",
        style_label(&style_name(sa)),
        style_label(&style_name(sb))
    ))
}

/// Other layout changes worth a line in text reports (byte order mark, final newline).
pub fn layout_notes(c: &Comparison<'_>) -> Vec<String> {
    let (a, b) = (&c.original_layout, &c.corrected_layout);
    let mut notes = Vec::new();
    if a.bom != b.bom {
        notes.push(if b.bom {
            "byte order mark added".to_string()
        } else {
            "byte order mark removed".to_string()
        });
    }
    if a.final_newline != b.final_newline && a.lines > 0 && b.lines > 0 {
        notes.push(if b.final_newline {
            "final line break added".to_string()
        } else {
            "final line break removed".to_string()
        });
    }
    notes
}

/// `12.5 %`-style percentage with one decimal, as sacrebleu prints scores.
pub fn percent(value: f64) -> String {
    format!("{value:.1} %")
}

/// "line 3", "lines 3–5" (1-based) for a 0-based half-open range; "—" when empty.
pub fn lines_label(lines: &std::ops::Range<usize>) -> String {
    match lines.len() {
        0 => "—".to_string(),
        1 => format!("line {}", lines.start + 1),
        _ => format!("lines {}–{}", lines.start + 1, lines.end),
    }
}

/// Where a segment stands: "line 3" when its lines are the same in both texts, else
/// "line 3 → lines 3–4".
pub fn segment_lines_label(seg: &crate::diff::SegmentDiff) -> String {
    if seg.original_lines == seg.corrected_lines {
        lines_label(&seg.original_lines)
    } else {
        format!(
            "{} → {}",
            lines_label(&seg.original_lines),
            lines_label(&seg.corrected_lines)
        )
    }
}

/// `s` with its first letter in capitals.
pub(crate) fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(f) => f.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}
