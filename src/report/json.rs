//! The JSON report (`mtpe diff --format json`): the summary figures at the top level, one
//! record per segment in document order, and the issues with their status. The schema is
//! documented in README.md; `format` and `version` name it.

use std::io::Write;

use super::issues::TrackedIssueRecord;
use super::{IssueStatus, Report, Summary, layout_notes, style_name};
use crate::diff::{ChangeKind, SegmentDiff, SegmentKind};
use crate::document::Document;
use crate::hash::content_hash;

/// Version of the schema below; bumped on incompatible changes.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(serde::Serialize)]
struct JsonReport<'r> {
    format: &'static str,
    version: u32,
    original: FileInfo,
    corrected: FileInfo,
    #[serde(flatten)]
    summary: Summary,
    layout_notes: Vec<String>,
    checks: ChecksInfo<'r>,
    issue_counts: IssueCounts,
    segments: Vec<SegmentRecord<'r>>,
    issues: Vec<TrackedIssueRecord>,
}

#[derive(serde::Serialize)]
struct FileInfo {
    path: String,
    bytes: usize,
    lines: usize,
    sha256: String,
    line_endings: String,
    bom: bool,
    final_newline: bool,
}

#[derive(serde::Serialize)]
struct ChecksInfo<'r> {
    ran: bool,
    glossary: Option<&'r str>,
    ids: Vec<&'static str>,
}

#[derive(serde::Serialize)]
struct IssueCounts {
    original: usize,
    corrected: usize,
    fixed: usize,
    remaining: usize,
    introduced: usize,
}

#[derive(serde::Serialize)]
struct SegmentRecord<'r> {
    number: usize,
    kind: SegmentKind,
    /// The units of a bilingual file the segment covers, with their sources.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    units: Vec<super::UnitSource<'r>>,
    original: Side<'r>,
    corrected: Side<'r>,
    ter: f64,
    ter_edits: usize,
    reference_words: usize,
    hypothesis_words: usize,
    words_inserted: usize,
    words_deleted: usize,
    words_substituted: usize,
    shifts: usize,
    words_shifted: usize,
    char_edit_distance: usize,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    changes: Vec<ChangeRecord<'r>>,
}

#[derive(serde::Serialize)]
struct Side<'r> {
    /// First and last line, 1-based; null when the segment is absent on this side.
    lines: Option<[usize; 2]>,
    text: &'r str,
}

#[derive(serde::Serialize)]
struct ChangeRecord<'r> {
    op: ChangeKind,
    text: &'r str,
}

fn file_info(doc: &Document, layout: &crate::diff::Layout) -> FileInfo {
    FileInfo {
        path: doc.name(),
        bytes: doc.text().len(),
        lines: layout.lines,
        sha256: content_hash(doc.text()),
        line_endings: style_name(layout.line_endings),
        bom: layout.bom,
        final_newline: layout.final_newline,
    }
}

fn side<'r>(
    text: &'r str,
    lines: &std::ops::Range<usize>,
    span: &std::ops::Range<usize>,
) -> Side<'r> {
    Side {
        lines: (!lines.is_empty()).then(|| [lines.start + 1, lines.end]),
        text: &text[span.clone()],
    }
}

fn segment_record<'r>(report: &'r Report<'_>, s: &SegmentDiff) -> SegmentRecord<'r> {
    let (original, corrected): (&'r str, &'r str) =
        (report.original.text(), report.corrected.text());
    SegmentRecord {
        number: s.number,
        kind: s.kind,
        units: report.segment_units(s),
        original: side(original, &s.original_lines, &s.original_span),
        corrected: side(corrected, &s.corrected_lines, &s.corrected_span),
        ter: s.ter.score(),
        ter_edits: s.ter.edits,
        reference_words: s.ter.ref_words,
        hypothesis_words: s.ter.hyp_words,
        words_inserted: s.ter.insertions,
        words_deleted: s.ter.deletions,
        words_substituted: s.ter.substitutions,
        shifts: s.ter.shifts,
        words_shifted: s.ter.shifted_words,
        char_edit_distance: s.char_distance,
        changes: s
            .changes
            .iter()
            .map(|ch| ChangeRecord {
                op: ch.kind,
                text: match ch.kind {
                    ChangeKind::Delete => &original[ch.original.clone()],
                    ChangeKind::Equal | ChangeKind::Insert => &corrected[ch.corrected.clone()],
                },
            })
            .collect(),
    }
}

/// Writes the JSON report (one line, then a newline).
pub fn write(report: &Report<'_>, out: &mut impl Write) -> std::io::Result<()> {
    let c = &report.comparison;
    let doc = JsonReport {
        format: "mtpe-diff",
        version: SCHEMA_VERSION,
        original: file_info(report.original, &c.original_layout),
        corrected: file_info(report.corrected, &c.corrected_layout),
        summary: report.summary(),
        layout_notes: layout_notes(c),
        checks: ChecksInfo {
            ran: report.checks_ran,
            glossary: report.glossary.as_deref(),
            ids: report.check_infos.iter().map(|i| i.id).collect(),
        },
        issue_counts: IssueCounts {
            original: report.count(IssueStatus::Fixed) + report.count(IssueStatus::Remaining),
            corrected: report.count(IssueStatus::Remaining) + report.count(IssueStatus::Introduced),
            fixed: report.count(IssueStatus::Fixed),
            remaining: report.count(IssueStatus::Remaining),
            introduced: report.count(IssueStatus::Introduced),
        },
        segments: c
            .segments
            .iter()
            .map(|s| segment_record(report, s))
            .collect(),
        issues: report
            .issues
            .iter()
            .map(|t| TrackedIssueRecord::new(t, report.original, report.corrected))
            .collect(),
    };
    serde_json::to_writer(&mut *out, &doc)?;
    writeln!(out)
}

/// The JSON report as a string.
pub fn render(report: &Report<'_>) -> String {
    let mut buf = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = write(report, &mut buf);
    String::from_utf8(buf).unwrap_or_default()
}
