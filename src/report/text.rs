//! Plain-text reports for the terminal: `stat` (the summary figures) and `words` (a
//! word-level diff of each changed segment). Colour is the caller's choice of markers.

use std::fmt::Write as _;

use super::{IssueStatus, Report, layout_notes, lines_label, percent, plural};
use crate::diff::words::{Marks, render_marked};
use crate::diff::{Alignment, SegmentDiff};

/// How `words` marks changes and segment headings.
#[derive(Debug, Clone, Copy)]
pub struct WordsStyle<'a> {
    pub marks: Marks<'a>,
    /// Wraps each segment heading.
    pub heading: (&'a str, &'a str),
}

impl WordsStyle<'static> {
    /// `[-deleted-]{+inserted+}`, no colour.
    pub const PLAIN: WordsStyle<'static> = WordsStyle {
        marks: Marks::PLAIN,
        heading: ("", ""),
    };
}

/// The `stat` report.
pub fn stat(report: &Report<'_>) -> String {
    let s = report.summary();
    let c = &report.comparison;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "original:   {} ({})",
        report.original.name(),
        plural(c.original_layout.lines, "line", "lines")
    );
    let _ = writeln!(
        out,
        "corrected:  {} ({})",
        report.corrected.name(),
        plural(c.corrected_layout.lines, "line", "lines")
    );
    if c.is_identical() {
        let _ = writeln!(out, "no changes");
    } else if s.only_layout_changed {
        let _ = writeln!(out, "no change in the text of any line");
    }
    if let Some(note) = s.line_endings_note() {
        let _ = writeln!(out, "{note}");
    }
    for note in layout_notes(c) {
        let _ = writeln!(out, "{note}");
    }
    let aligned = match s.alignment {
        Alignment::Lines => "line by line".to_string(),
        Alignment::Diff => {
            let mut parts = Vec::new();
            for (n, what) in [
                (s.segments_split, "split"),
                (s.segments_merged, "merged"),
                (s.segments_inserted, "inserted"),
                (s.segments_deleted, "deleted"),
            ] {
                if n > 0 {
                    parts.push(format!("{n} {what}"));
                }
            }
            if parts.is_empty() {
                "by diff".to_string()
            } else {
                format!("by diff: {}", parts.join(", "))
            }
        }
    };
    let _ = writeln!(
        out,
        "segments:   {} of {} changed ({}), {} unedited ({}); aligned {aligned}",
        s.segments_changed,
        s.segments_total,
        percent(100.0 * (1.0 - s.unedited_share)),
        s.segments_unchanged,
        percent(100.0 * s.unedited_share),
    );
    let _ = writeln!(
        out,
        "words:      {} inserted, {} deleted, {} substituted, {} shifted ({})",
        s.words_inserted,
        s.words_deleted,
        s.words_substituted,
        s.words_shifted,
        plural(s.shifts, "shift", "shifts")
    );
    let _ = writeln!(
        out,
        "characters: {} ({} → {})",
        plural(s.char_edit_distance, "edit", "edits"),
        s.original_chars,
        plural(s.corrected_chars, "character", "characters")
    );
    let _ = writeln!(
        out,
        "TER:        {} ({} / {})",
        percent(s.ter),
        plural(s.ter_edits, "edit", "edits"),
        plural(s.reference_words, "reference word", "reference words")
    );
    if report.checks_ran {
        let _ = writeln!(
            out,
            "issues:     {} fixed, {} remaining, {} introduced",
            report.count(IssueStatus::Fixed),
            report.count(IssueStatus::Remaining),
            report.count(IssueStatus::Introduced)
        );
    }
    out
}

/// One-line heading of a segment: number, lines, kind and TER.
pub fn segment_heading(s: &SegmentDiff) -> String {
    let lines = if s.original_lines == s.corrected_lines {
        lines_label(&s.original_lines)
    } else {
        format!(
            "{} → {}",
            lines_label(&s.original_lines),
            lines_label(&s.corrected_lines)
        )
    };
    format!(
        "segment {} ({lines}, {}): TER {} ({} / {}), {}",
        s.number,
        s.kind.as_str(),
        percent(s.ter.score()),
        plural(s.ter.edits, "edit", "edits"),
        plural(s.ter.ref_words, "word", "words"),
        plural(s.char_distance, "character edit", "character edits")
    )
}

/// The `words` report: each changed segment's heading, then its text with the changes
/// marked. Line breaks inside a segment (split or merged lines) are shown as `⏎`, a
/// carriage return inside a line as `␍`.
pub fn words(report: &Report<'_>, style: &WordsStyle<'_>) -> String {
    let c = &report.comparison;
    let mut out = String::new();
    let s = report.summary();
    if c.is_identical() {
        return out;
    }
    if let Some(note) = s.line_endings_note() {
        let _ = writeln!(out, "{note}");
    }
    for note in layout_notes(c) {
        let _ = writeln!(out, "{note}");
    }
    for seg in c.changed_segments() {
        let _ = writeln!(
            out,
            "{}{}{}",
            style.heading.0,
            segment_heading(seg),
            style.heading.1
        );
        for u in report.segment_units(seg) {
            let _ = writeln!(out, "unit {} source: {}", u.id, show_breaks(u.source));
        }
        let line = render_marked(c.original, c.corrected, &seg.changes, &style.marks);
        let _ = writeln!(out, "{}", show_breaks(&line));
        out.push('\n');
    }
    out
}

/// Line breaks as `⏎`; a carriage return that ends no line (the unified diff keeps it
/// inside its line) as `␍`, so that it neither moves the terminal's cursor nor passes for
/// a line break.
fn show_breaks(text: &str) -> String {
    if text.contains(['\n', '\r']) {
        text.replace("\r\n", " ⏎ ")
            .replace('\n', " ⏎ ")
            .replace('\r', "␍")
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::show_breaks;

    #[test]
    fn breaks_and_lone_carriage_returns_are_visible() {
        assert_eq!(show_breaks("a\r\nb\nc"), "a ⏎ b ⏎ c");
        assert_eq!(show_breaks("Title\rSubtitle"), "Title␍Subtitle");
        assert_eq!(show_breaks("plain"), "plain");
    }
}
