//! The Markdown report, for pasting into a ticket: the summary table, issues by category,
//! and each changed segment with deletions and insertions marked by `<del>` and `<ins>`
//! (inline HTML that GitHub and GitLab render; `~~…~~` would fail next to punctuation).
//! Article text is escaped so that it renders as typed (no stray emphasis, links or HTML).

use std::fmt::Write as _;

use super::{IssueStatus, Report, capitalize, layout_notes, percent, plural};
use crate::check::Category;
use crate::diff::ChangeKind;
use crate::diff::words::{split_leading_space, visible_whitespace};

/// Escapes inline text for Markdown (CommonMark and GitHub): a backslash before the
/// punctuation that has meaning inline, HTML-significant characters as entities, line
/// breaks as `<br>` (so that a segment stays on one Markdown line) and a carriage return
/// that ends no line as `␍`.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' | '~' | '!' | '{' | '}' | '$' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\r' if chars.peek() == Some(&'\n') => {}
            // A carriage return inside a line: visible, as in the `words` format.
            '\r' => out.push('␍'),
            '\n' => out.push_str("<br>"),
            _ => out.push(c),
        }
    }
    out
}

/// Escapes what would open a block at the start of a line: a list marker (`-`, `+`,
/// `1.`, `1)`) or a setext underline (`=`).
fn escape_block_start(line: &str) -> String {
    let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let rest = &line[digits..];
    if (digits > 0 && (rest.starts_with('.') || rest.starts_with(')')))
        || (digits == 0 && (rest.starts_with(['-', '+', '='])))
    {
        format!("{}\\{}", &line[..digits], rest)
    } else {
        line.to_string()
    }
}

/// The whole Markdown report.
pub fn render(report: &Report<'_>) -> String {
    let c = &report.comparison;
    let s = report.summary();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "## Post-editing review: {} → {}\n",
        code(&report.original.name()),
        code(&report.corrected.name())
    );
    if c.is_identical() {
        let _ = writeln!(out, "No changes.");
        return out;
    }
    let _ = writeln!(out, "| Measure | Value |\n|---|---|");
    let _ = writeln!(
        out,
        "| Segments changed | {} of {} ({}) |",
        s.segments_changed,
        s.segments_total,
        percent(100.0 * (1.0 - s.unedited_share))
    );
    let _ = writeln!(
        out,
        "| Segments unedited | {} ({}) |",
        s.segments_unchanged,
        percent(100.0 * s.unedited_share)
    );
    if s.segments_inserted + s.segments_deleted + s.segments_split + s.segments_merged > 0 {
        let _ = writeln!(
            out,
            "| Segments inserted / deleted / split / merged | {} / {} / {} / {} |",
            s.segments_inserted, s.segments_deleted, s.segments_split, s.segments_merged
        );
    }
    let _ = writeln!(
        out,
        "| TER (HTER) | {} ({} / {}) |",
        percent(s.ter),
        plural(s.ter_edits, "edit", "edits"),
        plural(s.reference_words, "reference word", "reference words")
    );
    let _ = writeln!(
        out,
        "| Words inserted / deleted / substituted / shifted | {} / {} / {} / {} ({}) |",
        s.words_inserted,
        s.words_deleted,
        s.words_substituted,
        s.words_shifted,
        plural(s.shifts, "shift", "shifts")
    );
    let _ = writeln!(
        out,
        "| Character edits | {} ({} → {}) |",
        s.char_edit_distance,
        s.original_chars,
        plural(s.corrected_chars, "character", "characters")
    );
    if let Some(note) = s.line_endings_note() {
        let _ = writeln!(out, "| Line endings | {} |", capitalize(&note));
    }
    for note in layout_notes(c) {
        let _ = writeln!(out, "| Layout | {} |", capitalize(&note));
    }
    if report.checks_ran {
        let _ = writeln!(
            out,
            "| Issues fixed / remaining / introduced | {} / {} / {} |",
            report.count(IssueStatus::Fixed),
            report.count(IssueStatus::Remaining),
            report.count(IssueStatus::Introduced)
        );
    }
    out.push('\n');
    if s.only_layout_changed {
        let _ = writeln!(out, "The text of every line is unchanged.");
        return out;
    }

    if report.checks_ran && !report.issues.is_empty() {
        let _ = writeln!(
            out,
            "### Issues\n\n| Category | Fixed | Remaining | Introduced |\n|---|---|---|---|"
        );
        for category in Category::ALL {
            let counts = IssueStatus::ALL.map(|st| report.count_in(category, st));
            if counts.iter().sum::<usize>() > 0 {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} |",
                    category.as_str(),
                    counts[0],
                    counts[1],
                    counts[2]
                );
            }
        }
        out.push('\n');
        // Grouped by status as the summary counts them; a fixed issue is quoted from the
        // original, the others from the corrected text.
        for status in IssueStatus::ALL {
            for t in report.issues.iter().filter(|t| t.status == status) {
                let (issue, document, side) = match (&t.corrected, &t.original) {
                    (Some(i), _) => (i, report.corrected, ""),
                    (None, Some(i)) => (i, report.original, "original "),
                    (None, None) => continue,
                };
                let text = &document.text()[issue.span.clone()];
                let pos = document.position(issue.span.start);
                let _ = writeln!(
                    out,
                    "- **{}** `{}` {side}line {}: {} — “{}”",
                    t.status.as_str(),
                    issue.check,
                    pos.line,
                    escape(&issue.message),
                    escape(text)
                );
            }
        }
        out.push('\n');
    }

    let _ = writeln!(out, "### Changed segments\n");
    for seg in c.changed_segments() {
        let lines = report.segment_label(seg);
        let _ = writeln!(
            out,
            "**Segment {}** · {lines} · {} · TER {} ({} / {})\n",
            seg.number,
            seg.kind.as_str(),
            percent(seg.ter.score()),
            plural(seg.ter.edits, "edit", "edits"),
            plural(seg.ter.ref_words, "word", "words")
        );
        for u in report.segment_units(seg) {
            let _ = writeln!(out, "Source: {}\n", escape(u.source));
        }
        let mut line = String::new();
        let mut space_printed = false;
        for ch in &seg.changes {
            match ch.kind {
                ChangeKind::Equal => {
                    line.push_str(&escape(&c.corrected[ch.corrected.clone()]));
                    space_printed = false;
                }
                ChangeKind::Delete => {
                    let (space, rest) = split_leading_space(&c.original[ch.original.clone()]);
                    line.push_str(space);
                    let _ = write!(line, "<del>{}</del>", escape(&visible_whitespace(rest)));
                    space_printed = !space.is_empty();
                }
                ChangeKind::Insert => {
                    let (space, rest) = split_leading_space(&c.corrected[ch.corrected.clone()]);
                    if !space_printed {
                        line.push_str(space);
                    }
                    let _ = write!(line, "<ins>{}</ins>", escape(&visible_whitespace(rest)));
                    space_printed = false;
                }
            }
        }
        let _ = writeln!(out, "> {}\n", escape_block_start(line.trim_end()));
    }
    out
}

/// Inline code that survives backticks in the text.
fn code(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    format!("{fence} {} {fence}", text.replace(['\n', '\r'], " "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markdown_and_html() {
        assert_eq!(
            escape("a *b* _c_ <script> & [x](y) | #1"),
            "a \\*b\\* \\_c\\_ &lt;script&gt; &amp; \\[x\\](y) \\| \\#1"
        );
        assert_eq!(escape("a\r\nb"), "a<br>b");
        assert_eq!(escape("Title\rSubtitle"), "Title␍Subtitle");
        assert_eq!(escape_block_start("- item"), "\\- item");
        assert_eq!(escape_block_start("12. item"), "12\\. item");
        assert_eq!(escape_block_start("12 items"), "12 items");
    }

    #[test]
    fn code_spans_hold_backticks() {
        assert_eq!(code("a`b"), "`` a`b ``");
        assert_eq!(code("plain"), "` plain `");
    }
}
