//! The windows of changes at many places: "apply everywhere?" with the count, and the
//! find-and-replace form with its live count of matches.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use super::popups::window;
use super::put_input;
use crate::session::Everywhere;
use crate::tui::app::{App, excerpt, plural};
use crate::tui::replace::ReplaceForm;

/// The question before a fix is applied everywhere.
pub(super) fn draw_everywhere(app: &App, buf: &mut Buffer, area: Rect, same: &Everywhere) {
    let theme = &app.theme;
    let key = |k: &'static str| Span::styled(k, theme.key());
    let n = same.issues.len();
    let to = if same.suggestion.is_empty() {
        "Delete".to_string()
    } else {
        format!(
            "Replace by \u{201c}{}\u{201d}",
            excerpt(&same.suggestion, 40)
        )
    };
    let lines = vec![
        Line::from(format!(
            "{to} all {n} open issue{} of {}",
            plural(n),
            same.check
        )),
        Line::from(format!(
            "flagging \u{201c}{}\u{201d}, in {} segment{}?",
            excerpt(&same.text, 40),
            same.segments,
            plural(same.segments)
        )),
        Line::from(Span::styled("One change: u undoes them all.", theme.dim())),
        Line::from(vec![
            key("[y]"),
            Span::raw("es  "),
            key("[n]"),
            Span::raw("o"),
        ]),
    ];
    window(buf, area, "Fix everywhere", &lines, 64, 0);
}

/// The find-and-replace form; returns where the cursor goes.
pub(super) fn draw_form(
    app: &App,
    buf: &mut Buffer,
    area: Rect,
    form: &ReplaceForm,
) -> Option<(u16, u16)> {
    let theme = &app.theme;
    const LABEL: u16 = 13;
    let width = area.width.min(72);
    let label = |text: &str, i: usize| {
        let style = if i == form.focus {
            theme.bold()
        } else {
            Style::new()
        };
        Line::from(Span::styled(
            format!("{text:<w$}", w = usize::from(LABEL)),
            style,
        ))
    };
    let on = |b: bool| if b { "on" } else { "off" };
    let (matches, segments) = form.count;
    let mut lines = vec![
        label("Find", 0),
        label("Replace with", 1),
        Line::default(),
        Line::from(Span::styled(
            format!(
                "regex {} (M-r) \u{b7} {} (M-c)",
                on(form.regex),
                form.case.label()
            ),
            theme.dim(),
        )),
    ];
    match &form.error {
        Some(e) => lines.push(Line::from(Span::styled(
            format!("Not a regular expression: {e}"),
            theme.error(),
        ))),
        None if form.find.text().is_empty() => lines.push(Line::from("Type what to find.")),
        None => lines.push(Line::from(format!(
            "{matches} match{} in {segments} segment{}",
            if matches == 1 { "" } else { "es" },
            plural(segments)
        ))),
    }
    let key = |k: &'static str| Span::styled(k, theme.key());
    lines.push(Line::from(vec![
        key("Enter"),
        Span::raw(" all  "),
        key("^O"),
        Span::raw(" one  "),
        key("^N"),
        Span::raw(" next  "),
        key("Tab"),
        Span::raw(" field  "),
        key("Esc"),
        Span::raw(" close"),
    ]));
    let inner = window(buf, area, "Find and replace", &lines, width, 0);
    let mut cursor = None;
    for (i, input) in [&form.find, &form.with].into_iter().enumerate() {
        let Ok(dy) = u16::try_from(i) else { break };
        let y = inner.y + dy;
        if y >= inner.bottom() || inner.width <= LABEL + 1 {
            continue;
        }
        let x = inner.x + LABEL + 1;
        let max = inner.width - LABEL - 1;
        let underline = Style::new().add_modifier(Modifier::UNDERLINED);
        let style = if i == form.focus {
            buf.set_style(Rect::new(x, y, max, 1), underline);
            underline
        } else {
            Style::new()
        };
        let col = put_input(buf, x, y, max.saturating_sub(1), input, style);
        if i == form.focus {
            cursor = Some((x + col, y));
        }
    }
    cursor
}
