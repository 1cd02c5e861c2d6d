//! The issue pane: the current segment's open issues with message, check id, severity,
//! the flagged text, numbered suggestions, related places and, for a terminology issue,
//! the glossary entry behind it (source, preferred, admitted and deprecated terms with
//! reasons, note and domain); on small screens, a one-line summary of the selected issue
//! instead.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

use super::put_line;
use crate::session::IssueId;
use crate::tui::app::{App, excerpt, plural};
use crate::tui::wrap;

/// A line of the pane and the issue it belongs to.
struct PaneLine {
    line: Line<'static>,
    issue: Option<IssueId>,
}

/// `text` as shown in one line: control characters as symbols, line breaks as `↵`, inline
/// codes as `chips`.
fn shown(text: &str, chips: &wrap::Chips) -> String {
    chips
        .cells(text)
        .map(|c| match c.glyph {
            wrap::Glyph::Break => "\u{21b5}".to_string(),
            _ => c.symbol.into_owned(),
        })
        .collect()
}

/// `text` wrapped to `width` after an indent, one line per row.
fn wrapped(text: &str, width: u16, indent: u16, style: Style) -> Vec<Line<'static>> {
    let room = width.saturating_sub(indent).max(1);
    let pad = " ".repeat(usize::from(indent));
    wrap::wrap(text, room)
        .into_iter()
        .map(|r| {
            Line::from(vec![
                Span::raw(pad.clone()),
                Span::styled(text[r].to_string(), style),
            ])
        })
        .collect()
}

/// The lines of issue `id`, numbered `n`. A glossary entry is shown in full under the
/// first issue that refers to it (`entries_shown` lists those already shown).
fn issue_lines(
    app: &App,
    (id, n): (IssueId, usize),
    width: u16,
    entries_shown: &mut Vec<i64>,
    out: &mut Vec<PaneLine>,
) {
    let theme = &app.theme;
    let s = &app.session;
    let Some(si) = s.issue(id) else { return };
    let issue = &si.issue;
    let selected = app.selected_issue() == Some(id);
    let mut push = |line: Line<'static>| {
        out.push(PaneLine {
            line,
            issue: Some(id),
        })
    };
    let marker = if selected { "\u{25b6}" } else { " " };
    let head_style = if selected { theme.bold() } else { Style::new() };
    push(Line::from(vec![
        Span::styled(format!("{marker}{n:>2} "), theme.current()),
        Span::styled(
            issue.check.to_string(),
            theme.category_label(issue.category).patch(head_style),
        ),
        Span::styled(format!("  {}", issue.severity.as_str()), theme.dim()),
    ]));
    for line in wrapped(&issue.message, width, 4, head_style) {
        push(line);
    }
    let chips = app.chips(app.current);
    let flagged = format!("\u{201c}{}\u{201d}", shown(s.issue_text(id), &chips));
    for line in wrapped(&flagged, width, 4, theme.flagged(issue.category)) {
        push(line);
    }
    let suggestions = si.suggestions();
    for (k, sug) in suggestions.iter().enumerate().take(9) {
        let key = if k == 0 {
            "a/1".to_string()
        } else {
            (k + 1).to_string()
        };
        let text = if sug.is_empty() {
            "(delete it)".to_string()
        } else {
            format!("\u{2192} {}", shown(sug, &chips))
        };
        // Wrapped under itself: a long suggestion is read in full before it is applied.
        for (i, mut line) in wrapped(&text, width, 8, Style::new())
            .into_iter()
            .enumerate()
        {
            if i == 0 {
                line.spans[0] = Span::raw("    ");
                line.spans
                    .insert(1, Span::styled(format!("{key:<4}"), theme.key()));
            }
            push(line);
        }
    }
    if let Some(entry) = s.glossary_entry(id) {
        if entries_shown.contains(&entry.id) {
            push(Line::from(Span::styled(
                format!("    glossary entry {} (above)", entry.id),
                theme.dim(),
            )));
        } else {
            entries_shown.push(entry.id);
            for line in entry_lines(app, entry, width) {
                push(line);
            }
        }
    }
    if si.clipped && !issue.suggestions.is_empty() {
        push(Line::from(Span::styled(
            "    reaches past this paragraph: edit by hand (e)",
            theme.dim(),
        )));
    }
    let here = s.issue_segment(id);
    for loc in &si.related {
        let Some(seg) = s.location_segment(loc).filter(|seg| Some(*seg) != here) else {
            continue;
        };
        let text = s
            .location_text(loc)
            .map(|t| shown(t, &app.chips(seg)))
            .unwrap_or_default();
        // The line too: the check's message names places by line.
        let place = match s.location_line(loc) {
            Some(line) => format!("line {line} (segment {})", seg + 1),
            None => format!("segment {}", seg + 1),
        };
        let room = usize::from(width).saturating_mul(3);
        let see = format!("see {place}: \u{201c}{}\u{201d}", excerpt(&text, room));
        for line in wrapped(&see, width, 4, theme.dim()) {
            push(line);
        }
    }
}

/// Columns of the labels of a glossary entry's lines.
const ENTRY_LABEL: u16 = 17;
/// Rows a note may take in the pane (a longer one ends with an ellipsis).
const NOTE_ROWS: usize = 6;

/// `label` and `value` (wrapped under itself), for a glossary entry.
fn labelled(
    label: &str,
    value: &str,
    (width, label_style, value_style): (u16, Style, Style),
    max_rows: usize,
    out: &mut Vec<Line<'static>>,
) {
    let room = width.saturating_sub(ENTRY_LABEL).max(8);
    let rows = wrap::wrap(value, room);
    let cut = rows.len() > max_rows;
    for (i, r) in rows.iter().take(max_rows).enumerate() {
        let head = if i == 0 {
            format!("      {label:<w$}", w = usize::from(ENTRY_LABEL - 6))
        } else {
            " ".repeat(usize::from(ENTRY_LABEL))
        };
        let mut text = value[r.clone()].trim_end().to_string();
        if cut && i + 1 == max_rows {
            // The row ends with an ellipsis: more follows.
            let room = usize::from(room);
            text = if wrap::display_width(&text) < room {
                format!("{text}\u{2026}")
            } else {
                wrap::truncate(&text, room).into_owned()
            };
        }
        out.push(Line::from(vec![
            Span::styled(head, label_style),
            Span::styled(text, value_style),
        ]));
    }
}

/// The glossary entry behind a terminology issue.
fn entry_lines(app: &App, entry: &crate::glossary::Entry, width: u16) -> Vec<Line<'static>> {
    use crate::glossary::TermStatus;
    let theme = &app.theme;
    let dim = theme.dim();
    let d = &entry.data;
    let mut out = Vec::new();
    let langs = if d.source_lang.is_empty() {
        d.target_lang.clone()
    } else {
        format!("{} \u{2192} {}", d.source_lang, d.target_lang)
    };
    let mut head = format!("    glossary entry {} \u{b7} {langs}", entry.id);
    if !d.domain.is_empty() {
        head.push_str(&format!(" \u{b7} {}", d.domain));
    }
    out.push(Line::from(Span::styled(
        wrap::truncate(&head, usize::from(width)).into_owned(),
        theme.dim(),
    )));
    if !d.sources.is_empty() {
        labelled(
            "source",
            &d.sources.join("; "),
            (width, dim, Style::new()),
            2,
            &mut out,
        );
    }
    let terms = |status: TermStatus| -> String {
        d.terms_with(status)
            .map(|t| match (&t.reason, status) {
                (Some(r), TermStatus::Deprecated) => format!("{} ({r})", t.text),
                _ => t.text.clone(),
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    labelled(
        "preferred",
        &terms(TermStatus::Preferred),
        (width, dim, theme.ok()),
        2,
        &mut out,
    );
    let admitted = terms(TermStatus::Admitted);
    if !admitted.is_empty() {
        labelled(
            "admitted",
            &admitted,
            (width, dim, Style::new()),
            6,
            &mut out,
        );
    }
    let deprecated = terms(TermStatus::Deprecated);
    if !deprecated.is_empty() {
        labelled("deprecated", &deprecated, (width, dim, dim), 6, &mut out);
    }
    if !d.note.is_empty() {
        let note = d.note.split_whitespace().collect::<Vec<_>>().join(" ");
        labelled("note", &note, (width, dim, dim), NOTE_ROWS, &mut out);
    }
    out
}

/// While a segment is edited: the issues of the text as typed.
fn live_lines(app: &App, e: &crate::tui::app::Editing, width: u16) -> Vec<PaneLine> {
    let theme = &app.theme;
    let mut out = Vec::new();
    let text = e.input.text();
    for (n, issue) in e.live.iter().enumerate() {
        out.push(PaneLine {
            line: Line::from(vec![
                Span::styled(format!(" {:>2} ", n + 1), theme.current()),
                Span::styled(
                    issue.check.to_string(),
                    theme.category_label(issue.category),
                ),
                Span::styled(format!("  {}", issue.severity.as_str()), theme.dim()),
            ]),
            issue: None,
        });
        for line in wrapped(&issue.message, width, 4, Style::new()) {
            out.push(PaneLine { line, issue: None });
        }
        let flagged = shown(text.get(issue.span.clone()).unwrap_or(""), e.input.chips());
        out.push(PaneLine {
            line: Line::from(vec![
                Span::raw("    "),
                Span::styled(
                    format!(
                        "\u{201c}{}\u{201d}",
                        excerpt(&flagged, usize::from(width.saturating_sub(8)))
                    ),
                    theme.flagged(issue.category),
                ),
            ]),
            issue: None,
        });
        out.push(PaneLine {
            line: Line::default(),
            issue: None,
        });
    }
    let note = if e.live.is_empty() {
        "No issues in the text as typed. Esc keeps it and checks the document."
    } else {
        "As typed; Esc keeps the text and checks the document."
    };
    for line in wrapped(note, width, 1, theme.dim()) {
        out.push(PaneLine { line, issue: None });
    }
    out
}

fn pane_lines(app: &App, width: u16) -> Vec<PaneLine> {
    let s = &app.session;
    let theme = &app.theme;
    let mut out = Vec::new();
    if s.segment_count() == 0 {
        return out;
    }
    if let Some(e) = app.editing().filter(|e| e.segment == app.current) {
        return live_lines(app, e, width);
    }
    let seg = app.current;
    let ids = s.segment_issues(seg);
    let mut entries_shown = Vec::new();
    for (n, id) in ids.iter().enumerate() {
        issue_lines(app, (*id, n + 1), width, &mut entries_shown, &mut out);
        out.push(PaneLine {
            line: Line::default(),
            issue: None,
        });
    }
    let mut note = |text: String, style: Style| {
        for line in wrapped(&text, width, 1, style) {
            out.push(PaneLine { line, issue: None });
        }
    };
    if ids.is_empty() {
        let total = s.open_issue_count();
        let text = if total == 0 && !s.checks_running() {
            "No open issues in the document.".to_string()
        } else {
            format!("No open issues in this segment; {total} in the document (n goes to the next).")
        };
        note(text, theme.ok());
    }
    let ignored = s.segment_ignored_count(seg);
    if ignored > 0 {
        note(
            format!(
                "{ignored} issue{} ignored here (I lists them).",
                plural(ignored)
            ),
            theme.dim(),
        );
    }
    if s.checks_running() {
        note(
            "Checking the whole document\u{2026}".to_string(),
            theme.dim(),
        );
    }
    out.extend(source_term_lines(app, seg, width));
    out
}

/// The glossary's terms in segment `seg`'s source (a bilingual unit), each with its
/// preferred and admitted renderings; the one behind the selected issue marked `▶`.
fn source_term_lines(app: &App, seg: usize, width: u16) -> Vec<PaneLine> {
    let theme = &app.theme;
    let mut terms = app.session.source_terms(seg);
    let mut seen = Vec::new();
    terms.retain(|t| {
        let first = !seen.contains(&t.entry);
        seen.push(t.entry);
        first
    });
    if terms.is_empty() {
        return Vec::new();
    }
    let selected = app
        .selected_issue()
        .and_then(|id| app.session.source_term_for(id))
        .and_then(|g| g.entry);
    let mut lines = vec![
        Line::default(),
        Line::from(Span::styled(" Glossary terms in the source", theme.dim())),
    ];
    for t in &terms {
        let is_selected = selected == Some(t.entry);
        let marker = if is_selected { "\u{25b6}" } else { " " };
        let head = if is_selected {
            theme.bold()
        } else {
            Style::new()
        };
        let text = format!("{} \u{2192} {}", t.text, t.preferred);
        for (i, mut line) in wrapped(&text, width, 3, head).into_iter().enumerate() {
            if i == 0 {
                line.spans[0] = Span::styled(format!(" {marker} "), theme.current());
            }
            lines.push(line);
        }
        if !t.admitted.is_empty() {
            labelled(
                "admitted",
                &t.admitted.join("; "),
                (width, theme.dim(), Style::new()),
                3,
                &mut lines,
            );
        }
    }
    lines
        .into_iter()
        .map(|line| PaneLine { line, issue: None })
        .collect()
}

fn inner(area: Rect, beside: bool) -> (Block<'static>, Rect) {
    let block = Block::new().borders(if beside {
        Borders::LEFT | Borders::TOP
    } else {
        Borders::TOP
    });
    let inner = block.inner(area);
    (block, inner)
}

/// Which pane line is at the top: the selected issue in view, then scrolled by `scroll`
/// rows (`]`/`[`, the wheel over the pane), the last line no higher than the bottom.
fn offset(lines: &[PaneLine], selected: Option<IssueId>, height: usize, scroll: i16) -> usize {
    let follow = follow(lines, selected, height);
    let max = lines.len().saturating_sub(height).max(follow);
    follow.saturating_add_signed(isize::from(scroll)).min(max)
}

/// Which pane line is at the top, so that the selected issue is in view.
fn follow(lines: &[PaneLine], selected: Option<IssueId>, height: usize) -> usize {
    let Some(id) = selected else { return 0 };
    let Some(start) = lines.iter().position(|l| l.issue == Some(id)) else {
        return 0;
    };
    let end = lines
        .iter()
        .rposition(|l| l.issue == Some(id))
        .unwrap_or(start)
        + 1;
    if end <= height {
        0
    } else {
        // Start the pane at the selected issue rather than show half of the one before.
        start
    }
}

pub fn draw(app: &App, buf: &mut Buffer, area: Rect, beside: bool) {
    let (block, inner) = inner(area, beside);
    let s = &app.session;
    let title = if s.segment_count() == 0 {
        " Issues ".to_string()
    } else if let Some(e) = app.editing() {
        let n = e.live.len();
        format!(
            " Segment {} \u{b7} editing \u{b7} {n} issue{} ",
            e.segment + 1,
            plural(n)
        )
    } else {
        let n = s.segment_issues(app.current).len();
        format!(
            " Segment {} \u{b7} {n} issue{} ",
            app.current + 1,
            plural(n)
        )
    };
    block
        .title(Span::styled(title, app.theme.bold()))
        .border_style(app.theme.dim())
        .render(area, buf);
    let lines = pane_lines(app, inner.width);
    let height = usize::from(inner.height);
    let top = offset(&lines, app.selected_issue(), height, app.pane_scroll);
    for (i, l) in lines.iter().skip(top).enumerate() {
        let Ok(dy) = u16::try_from(i) else { break };
        if dy >= inner.height {
            break;
        }
        put_line(buf, inner, inner.y + dy, &l.line);
    }
    // More below (or above): say how to scroll, over the last (first) row's end.
    let more = [
        (
            top + height < lines.len(),
            inner.bottom().saturating_sub(1),
            "\u{2193} ] more",
        ),
        (top > 0, inner.y, "\u{2191} ["),
    ];
    for (shown, y, text) in more {
        let w = u16::try_from(wrap::display_width(text)).unwrap_or(0);
        if shown && inner.height > 1 && inner.width > w + 2 {
            let x = inner.right() - w;
            buf.set_stringn(x, y, text, usize::from(w), app.theme.key());
        }
    }
}

/// The issue whose lines are at screen row `row` of the pane at `area`.
pub fn issue_at_pane_row(app: &App, area: Rect, row: u16) -> Option<IssueId> {
    let (_, inner) = inner(area, app.areas().pane_beside);
    if row < inner.y || row >= inner.bottom() {
        return None;
    }
    let lines = pane_lines(app, inner.width);
    let top = offset(
        &lines,
        app.selected_issue(),
        usize::from(inner.height),
        app.pane_scroll,
    );
    lines
        .get(top + usize::from(row - inner.y))
        .and_then(|l| l.issue)
}

/// One line about the selected issue, for screens too small for the pane.
pub fn draw_summary(app: &App, buf: &mut Buffer, area: Rect) {
    let theme = &app.theme;
    let s = &app.session;
    if s.segment_count() == 0 {
        return;
    }
    let ids = s.segment_issues(app.current);
    let line = match app.selected_issue().or_else(|| ids.first().copied()) {
        Some(id) => {
            let Some(si) = s.issue(id) else { return };
            let n = ids.iter().position(|x| *x == id).map_or(1, |i| i + 1);
            let mut spans = vec![
                Span::styled(format!("{n}/{} ", ids.len()), theme.current()),
                Span::styled(
                    format!("{} ", si.issue.check),
                    theme.category_label(si.issue.category),
                ),
                Span::raw(si.issue.message.clone()),
            ];
            if let Some(first) = si.suggestions().first() {
                let text = if first.is_empty() {
                    " [a] delete".to_string()
                } else {
                    format!(" [a] {}", shown(first, &app.chips(app.current)))
                };
                spans.push(Span::styled(text, theme.key()));
            }
            Line::from(spans)
        }
        None => Line::from(Span::styled(
            format!("no open issue here; {} in all", s.open_issue_count()),
            theme.dim(),
        )),
    };
    put_line(buf, area, area.y, &line);
}
