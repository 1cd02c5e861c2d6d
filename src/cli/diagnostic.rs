//! Compiler-style rendering of an issue: `path:line:col: severity[check]: message`, then the
//! line with the span underlined and the suggestions.

use std::fmt::Write as _;

use unicode_width::UnicodeWidthChar;

use super::style::Painter;
use crate::check::{Issue, Severity};
use crate::document::units::BilingualFile;
use crate::document::{Document, Position};

/// Columns of the line shown around the span.
const WINDOW: usize = 100;
/// Columns of context kept before the span when the line must be cut.
const LEAD: usize = 30;

/// Renders one issue as text.
pub fn render(doc: &Document, issue: &Issue, painter: &Painter) -> String {
    let pos = doc.position(issue.span.start);
    let place = Place {
        name: &doc.name(),
        text: doc.text(),
        pos,
        line: doc.line_range(pos.line - 1),
        unit: None,
    };
    render_at(&place, issue, painter)
}

/// Renders an issue of [`crate::check::check_bilingual`]: located in the file (in the
/// source file for the source of an aligned pair), and naming its unit.
pub fn render_in_file(file: &BilingualFile, issue: &Issue, painter: &Painter) -> String {
    let source = issue.is_in_source();
    let (name, text, pos) = if source {
        (
            file.source_name(),
            file.source_text(),
            file.source_position(issue.span.start),
        )
    } else {
        (file.name(), file.text(), file.position(issue.span.start))
    };
    let at = issue.span.start.min(text.len());
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let end = if text[..end].ends_with('\r') {
        end - 1
    } else {
        end
    };
    let unit = issue.unit.and_then(|u| file.units().get(u.index)).map(|u| {
        if source {
            format!("unit {} (source)", u.id)
        } else {
            format!("unit {}", u.id)
        }
    });
    let place = Place {
        name,
        text,
        pos,
        line: start..end.max(start),
        unit,
    };
    render_at(&place, issue, painter)
}

/// Where an issue is: the file's name and text, the position and line of its start, and
/// the unit it is in.
struct Place<'a> {
    name: &'a str,
    text: &'a str,
    pos: Position,
    line: std::ops::Range<usize>,
    unit: Option<String>,
}

fn render_at(place: &Place<'_>, issue: &Issue, painter: &Painter) -> String {
    let pos = place.pos;
    let text = place.text;
    let slice = |r: std::ops::Range<usize>| text.get(r).unwrap_or("");
    let severity = issue.severity.as_str();
    let label = format!("{severity}[{}]", issue.check);
    let label = match issue.severity {
        Severity::Error => painter.red(&label),
        Severity::Warning => painter.yellow(&label),
        Severity::Info => painter.cyan(&label),
    };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}: {label}: {}",
        painter.bold(&format!("{}:{}:{}", place.name, pos.line, pos.column)),
        painter.bold(&issue.message)
    );
    let line_no = pos.line.to_string();
    let gutter = " ".repeat(line_no.len());
    let line_range = place.line.clone();
    let span_end = issue.span.end.min(line_range.end).max(issue.span.start);
    let (shown, underline) = excerpt(
        slice(line_range.start..issue.span.start),
        slice(issue.span.start..span_end),
        slice(span_end..line_range.end),
        issue.span.end > line_range.end,
    );
    let bar = painter.blue("|");
    let _ = writeln!(out, "{gutter} {bar}");
    let _ = writeln!(out, "{} {bar} {shown}", painter.blue(&line_no));
    let marks = match issue.severity {
        Severity::Error => painter.red(&underline),
        Severity::Warning => painter.yellow(&underline),
        Severity::Info => painter.cyan(&underline),
    };
    let _ = writeln!(out, "{gutter} {bar} {marks}");
    if let Some(unit) = &place.unit {
        let _ = writeln!(out, "{gutter} {} in {unit}", painter.blue("="));
    }
    for s in &issue.suggestions {
        let text = if issue.is_in_source() {
            format!("the target should have \u{201c}{}\u{201d}", visible(s))
        } else if s.is_empty() {
            "delete it".to_string()
        } else {
            format!("replace with \u{201c}{}\u{201d}", visible(s))
        };
        let _ = writeln!(
            out,
            "{gutter} {} suggestion: {}",
            painter.blue("="),
            painter.green(&text)
        );
    }
    out
}

/// Makes control characters and line breaks visible, one column each.
fn visible(s: &str) -> String {
    s.chars().map(visible_char).collect()
}

fn visible_char(c: char) -> char {
    match c {
        '\t' => ' ',
        '\n' => '⏎',
        c if (c as u32) < 0x20 => char::from_u32(0x2400 + c as u32).unwrap_or('?'),
        '\u{7f}' => '␡',
        c if ('\u{80}'..='\u{9f}').contains(&c) => '�',
        c => c,
    }
}

#[cfg(test)]
fn width(s: &str) -> usize {
    s.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// Characters read on either side of the span and of the span itself, however narrow
/// (zero-width marks): an excerpt costs its window, not the length of its line.
const SCAN: usize = 4 * WINDOW;

/// The displayed line (cut to a window around the span) and the underline beneath it.
fn excerpt(before: &str, span: &str, after: &str, continues: bool) -> (String, String) {
    let shown_char = |c: char| {
        let c = visible_char(c);
        (c, c.width().unwrap_or(0))
    };
    // The context before the span, read backwards until it is wider than LEAD.
    let mut tail: Vec<(char, usize)> = Vec::new();
    let mut tail_w = 0;
    let mut cut_before = false;
    for c in before.chars().rev() {
        if tail.len() == SCAN || tail_w > LEAD {
            cut_before = true;
            break;
        }
        let (c, w) = shown_char(c);
        tail.push((c, w));
        tail_w += w;
    }
    cut_before |= tail_w > LEAD;
    // Cut to at most LEAD - 1 columns after an ellipsis when there is more.
    let mut keep = tail.len();
    let mut lead_w = tail_w;
    if cut_before {
        lead_w = 0;
        keep = 0;
        for &(_, w) in &tail {
            if lead_w + w > LEAD - 1 {
                break;
            }
            lead_w += w;
            keep += 1;
        }
    }
    let mut shown = String::new();
    if cut_before {
        shown.push('…');
        lead_w += 1;
    }
    shown.extend(tail[..keep].iter().rev().map(|&(c, _)| c));
    // Keep the span (up to the window) and as much context after it as fits.
    let mut span_w = 0;
    let budget = WINDOW.saturating_sub(lead_w).max(10);
    let mut cut = false;
    let marker = continues.then_some('…');
    for (n, c) in span.chars().chain(marker).enumerate() {
        let (c, w) = shown_char(c);
        if span_w + w > budget || n == SCAN {
            cut = true;
            break;
        }
        shown.push(c);
        span_w += w;
    }
    let mut rest_w = lead_w + span_w;
    if cut {
        shown.push('…');
    } else {
        for (n, c) in after.chars().enumerate() {
            let (c, w) = shown_char(c);
            if rest_w + w > WINDOW || n == SCAN {
                shown.push('…');
                break;
            }
            shown.push(c);
            rest_w += w;
        }
    }
    let underline = format!("{}{}", " ".repeat(lead_w), "^".repeat(span_w.max(1)));
    (shown, underline)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{Category, Issue};

    fn issue(span: std::ops::Range<usize>) -> Issue {
        Issue {
            check: "repetition.doubled",
            category: Category::Repetition,
            severity: Severity::Error,
            span,
            message: "the word “the” is repeated back to back".into(),
            suggestions: vec!["the".into()],
            related: vec![],
            entries: Vec::new(),
            unit: None,
        }
    }

    #[test]
    fn renders_compiler_style() {
        let doc = Document::from_str_named("a.txt", "First line.\nWe saw the the end.\n");
        let out = render(&doc, &issue(19..26), &Painter::plain());
        assert_eq!(
            out,
            "a.txt:2:8: error[repetition.doubled]: the word “the” is repeated back to back\n  |\n2 | We saw the the end.\n  |        ^^^^^^^\n  = suggestion: replace with “the”\n"
        );
    }

    #[test]
    fn cuts_long_lines_and_aligns_wide_characters() {
        let text = format!("{}中文 the the {}", "x".repeat(200), "y".repeat(200));
        let start = text.find("the").unwrap();
        let doc = Document::from_str_named("w.txt", &text);
        let out = render(&doc, &issue(start..start + 7), &Painter::plain());
        let lines: Vec<&str> = out.lines().collect();
        assert!(lines[2].starts_with("1 | …"), "{}", lines[2]);
        assert!(lines[2].ends_with('…'));
        let shown = lines[2].trim_start_matches("1 | ");
        let marks = lines[3].trim_start_matches("  | ");
        let before_caret = marks.find('^').unwrap();
        // The caret sits under "the": the display width of what precedes it matches.
        let prefix: String = shown.chars().take_while(|_| true).collect();
        let idx = prefix.find("the the").unwrap();
        assert_eq!(width(&prefix[..idx]), before_caret);
    }

    #[test]
    fn control_characters_are_shown_safely() {
        assert_eq!(visible("a\u{1}b\tc\n"), "a␁b c⏎");
    }
}
