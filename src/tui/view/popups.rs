//! Windows over the editor: the help (generated from the keymap), the quit and recovery
//! prompts, the list of ignored issues and the add-to-glossary form.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};

use super::{put_input, put_line};
use crate::tui::app::{App, Popup, excerpt, plural};
use crate::tui::form::{FormField, GlossaryForm};
use crate::tui::keymap::{EDITING, GLOSSARY_FORM, NORMAL, REPLACE_FORM, SAVE_AS, SEARCH};
use crate::tui::wrap;

/// A box of `w`×`h` centred in `area` (cut to it).
fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// Draws `lines` in a titled box; lines are wrapped to the box. `scroll` lines are
/// skipped (clamped so the end stays in view).
pub(super) fn window(
    buf: &mut Buffer,
    area: Rect,
    title: &str,
    lines: &[Line<'static>],
    width: u16,
    scroll: u16,
) -> Rect {
    let inner_w = width.min(area.width).saturating_sub(2).max(1);
    // Wrap long lines (plain text only: each line is one span or pre-laid out).
    let mut rows: Vec<Line<'static>> = Vec::new();
    for line in lines {
        let w: usize = line
            .spans
            .iter()
            .map(|s| wrap::display_width(&s.content))
            .sum();
        if w <= usize::from(inner_w) || line.spans.len() != 1 {
            rows.push(line.clone());
        } else {
            let span = &line.spans[0];
            for r in wrap::wrap(&span.content, inner_w) {
                rows.push(Line::from(Span::styled(
                    span.content[r].to_string(),
                    span.style,
                )));
            }
        }
    }
    let h = u16::try_from(rows.len() + 2).unwrap_or(u16::MAX);
    let rect = centered(area, width, h);
    Clear.render(rect, buf);
    let block = Block::bordered().title(Span::styled(
        format!(" {title} "),
        Style::new().add_modifier(ratatui::style::Modifier::BOLD),
    ));
    let inner = block.inner(rect);
    block.render(rect, buf);
    let max_scroll = rows.len().saturating_sub(usize::from(inner.height));
    let skip = usize::from(scroll).min(max_scroll);
    for (i, line) in rows.iter().skip(skip).enumerate() {
        let Ok(dy) = u16::try_from(i) else { break };
        if dy >= inner.height {
            break;
        }
        put_line(buf, inner, inner.y + dy, line);
    }
    inner
}

fn help_lines(app: &App) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let mut lines = Vec::new();
    for section in NORMAL
        .iter()
        .chain(EDITING)
        .chain(SEARCH)
        .chain(GLOSSARY_FORM)
        .chain(REPLACE_FORM)
        .chain(SAVE_AS)
    {
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        lines.push(Line::from(Span::styled(section.title, theme.bold())));
        for b in section.bindings {
            if b.label.is_empty() {
                continue;
            }
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<12}", b.label), theme.key()),
                Span::raw(b.help),
            ]));
        }
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(
        "Every change is journaled before it shows; after a crash, reopening the article offers to recover it.",
        theme.dim(),
    )));
    lines
}

/// Draws the add-to-glossary form; returns where the cursor goes.
fn draw_form(app: &App, buf: &mut Buffer, area: Rect, form: &GlossaryForm) -> Option<(u16, u16)> {
    let theme = &app.theme;
    const LABEL: u16 = 14;
    let width = area.width.min(72);
    let mut lines: Vec<Line<'static>> = Vec::new();
    // One row per field; the inputs are drawn over their rows afterwards.
    for (i, field) in FormField::ALL.iter().enumerate() {
        let mark = if field.required() { "*" } else { " " };
        let style = if i == form.focus {
            theme.bold()
        } else {
            Style::new()
        };
        lines.push(Line::from(vec![
            Span::styled(
                format!(
                    "{:<w$}",
                    format!("{}{mark}", field.label()),
                    w = usize::from(LABEL)
                ),
                style,
            ),
            Span::raw(" "),
        ]));
    }
    lines.push(Line::default());
    let langs = format!(
        "{} \u{2192} {}",
        form.source_lang,
        app.session.target_lang()
    );
    let glossary = app.glossary.as_deref().unwrap_or("");
    lines.push(Line::from(Span::styled(
        format!("{langs} \u{b7} glossary {glossary} \u{b7} * required"),
        theme.dim(),
    )));
    if let Some(e) = &form.error {
        lines.push(Line::from(Span::styled(e.clone(), theme.error())));
    }
    lines.push(Line::from(vec![
        Span::styled("Enter", theme.key()),
        Span::raw(" write  "),
        Span::styled("Tab", theme.key()),
        Span::raw(" next field  "),
        Span::styled("Esc", theme.key()),
        Span::raw(" cancel"),
    ]));
    let inner = window(buf, area, "Add to the glossary", &lines, width, 0);
    let mut cursor = None;
    for (i, input) in form.inputs.iter().enumerate() {
        let Ok(dy) = u16::try_from(i) else { break };
        let y = inner.y + dy;
        if y >= inner.bottom() || inner.width <= LABEL + 1 {
            continue;
        }
        let x = inner.x + LABEL + 1;
        let max = inner.width - LABEL - 1;
        let focused = i == form.focus;
        let underline = Style::new().add_modifier(ratatui::style::Modifier::UNDERLINED);
        if focused {
            buf.set_style(Rect::new(x, y, max, 1), underline);
        }
        let style = if focused { underline } else { Style::new() };
        let col = put_input(buf, x, y, max.saturating_sub(1), input, style);
        if i == form.focus {
            cursor = Some((x + col, y));
        }
    }
    cursor
}

/// Draws the open popup: `None` if there is none, else where the text cursor goes (if it
/// shows).
pub fn draw(app: &App, buf: &mut Buffer, area: Rect) -> Option<Option<(u16, u16)>> {
    let Some(popup) = &app.popup else {
        return None;
    };
    let theme = &app.theme;
    let key = |k: &'static str| Span::styled(k, theme.key());
    match popup {
        Popup::Help => {
            let lines = help_lines(app);
            window(
                buf,
                area,
                "Keys (Esc closes, j/k scroll)",
                &lines,
                72,
                app.help_scroll,
            );
        }
        Popup::QuitPrompt => {
            let mut lines = Vec::new();
            if app.save_failed {
                lines.push(Line::from(Span::styled(
                    "The last save failed. The changes are in the journal:",
                    theme.error(),
                )));
                lines.push(Line::from(Span::styled(
                    app.session.journal_path().display().to_string(),
                    theme.dim(),
                )));
            }
            lines.push(Line::from("Save before quitting?"));
            lines.push(Line::from(vec![
                key("[y]"),
                Span::raw("es  "),
                key("[n]"),
                Span::raw("o, discard  "),
                key("[c]"),
                Span::raw("ancel"),
            ]));
            lines.push(Line::from(vec![
                key("[w]"),
                Span::raw(" save as\u{2026}  "),
                key("[k]"),
                Span::raw(" keep them in the journal"),
            ]));
            window(buf, area, "Unsaved changes", &lines, 60, 0);
        }
        Popup::Recovery {
            changes,
            at,
            draft_segment,
        } => {
            let mut lines = vec![Line::from(format!(
                "Recover {changes} unsaved change{} from {at}?",
                plural(*changes)
            ))];
            if let Some(seg) = draft_segment {
                lines.push(Line::from(Span::styled(
                    format!("(includes an unfinished edit of segment {})", seg + 1),
                    theme.dim(),
                )));
            }
            lines.push(Line::default());
            lines.push(Line::from(vec![
                key("[r]"),
                Span::raw("ecover  "),
                key("[d]"),
                Span::raw("iscard  "),
                key("[q]"),
                Span::raw("uit, keeping them in the journal"),
            ]));
            window(buf, area, "mtpe stopped before saving", &lines, 60, 0);
        }
        Popup::ArticleChanged {
            changes,
            saved,
            saved_to,
            at,
        } => {
            let unsaved = changes - saved.min(changes);
            let mut lines = Vec::new();
            match saved_to.as_ref().filter(|_| *saved > 0) {
                None => {
                    lines.push(Line::from(format!(
                        "The article changed on disk after {changes} unsaved change{} made until {at}.",
                        plural(*changes)
                    )));
                    lines.push(Line::from("They were made to a different text."));
                }
                Some(file) => {
                    lines.push(Line::from(format!(
                        "The article changed on disk after {changes} change{} made until {at}.",
                        plural(*changes)
                    )));
                    lines.push(Line::from(if unsaved == 0 {
                        "They were made to a different text; all are saved in".to_string()
                    } else {
                        format!("They were made to a different text; {saved} are saved in")
                    }));
                    lines.push(Line::from(Span::styled(format!("  {file}"), theme.dim())));
                    if unsaved > 0 {
                        lines.push(Line::from(format!(
                            "and {unsaved} {} not saved.",
                            if unsaved == 1 { "is" } else { "are" }
                        )));
                    }
                }
            }
            lines.extend([
                Line::default(),
                Line::from(vec![key("[a]"), Span::raw("pply those that still fit")]),
                Line::from(vec![key("[d]"), Span::raw("iscard them")]),
                Line::from(vec![
                    key("[q]"),
                    Span::raw("uit, keeping them in the journal"),
                ]),
            ]);
            window(buf, area, "Article changed", &lines, 64, 0);
        }
        Popup::Ignored { entries, selected } => {
            let width = area.width.min(76);
            let room = usize::from(width.saturating_sub(30));
            let mut lines: Vec<Line<'static>> = entries
                .iter()
                .enumerate()
                .map(|(i, (k, seg))| {
                    let place = match seg {
                        Some(s) => format!("segment {}", s + 1),
                        None => "not flagged now".to_string(),
                    };
                    let style = if i == *selected {
                        theme.selected()
                    } else {
                        Style::new()
                    };
                    Line::from(vec![
                        Span::styled(
                            format!("{} \u{201c}{}\u{201d} ", k.check, excerpt(&k.text, room)),
                            style,
                        ),
                        Span::styled(format!("({place})"), theme.dim()),
                    ])
                })
                .collect();
            lines.push(Line::default());
            lines.push(Line::from(vec![
                key("Enter"),
                Span::raw(" restore  "),
                key("Esc"),
                Span::raw(" close"),
            ]));
            let scroll =
                u16::try_from(selected.saturating_sub(usize::from(area.height / 2))).unwrap_or(0);
            window(buf, area, "Ignored in this document", &lines, width, scroll);
        }
        Popup::GlossaryForm(form) => return Some(draw_form(app, buf, area, form)),
        Popup::Everywhere { same, .. } => super::replace::draw_everywhere(app, buf, area, same),
        Popup::Replace(form) => return Some(super::replace::draw_form(app, buf, area, form)),
        Popup::SaveAs { input, .. } => {
            let lines = vec![
                Line::default(),
                Line::from(Span::styled(
                    "The text goes there and its diff beside it (PATH.diff).",
                    theme.dim(),
                )),
                Line::from(vec![
                    key("Enter"),
                    Span::raw(" save  "),
                    key("^U"),
                    Span::raw(" clear  "),
                    key("Esc"),
                    Span::raw(" cancel"),
                ]),
            ];
            let inner = window(buf, area, "Save as", &lines, 72, 0);
            let max = inner.width.saturating_sub(1);
            let col = super::put_input(buf, inner.x, inner.y, max, input, Style::new());
            return Some(Some((inner.x + col, inner.y)));
        }
    }
    Some(None)
}
