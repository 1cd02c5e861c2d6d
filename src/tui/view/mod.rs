//! `view(&App, &mut Frame)`: draws the editor from its state and changes nothing. Work per
//! frame follows the screen, not the article: only the visible segments are wrapped and
//! styled.

mod header;
mod list;
mod pane;
mod popups;
mod replace;
mod source;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::app::{App, Mode, StatusKind};
use super::keymap;
use super::wrap::{self, Glyph};

pub use pane::issue_at_pane_row;

/// Draws the whole screen.
pub fn view(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let cursor = draw(app, frame.buffer_mut(), area);
    if let Some(pos) = cursor {
        frame.set_cursor_position(pos);
    }
}

/// Draws into `buf`; returns where the text cursor goes, if it is shown.
pub fn draw(app: &App, buf: &mut Buffer, area: Rect) -> Option<(u16, u16)> {
    if area.width == 0 || area.height == 0 {
        return None;
    }
    let areas = super::app::areas(area);
    header::draw(app, buf, areas.header);
    let mut cursor = list::draw(app, buf, areas.list);
    if let Some(pane) = areas.pane {
        pane::draw(app, buf, pane, areas.pane_beside);
    }
    if let Some(summary) = areas.summary {
        pane::draw_summary(app, buf, summary);
    }
    match areas.status {
        // A message too long for its row takes the footer's too (and up to one row more,
        // until the next key), so that its end (what was kept, what to do) is not cut off.
        Some(status) if status_rows(app, status.width) > 1 => {
            let rows = u16::try_from(status_rows(app, status.width).min(3)).unwrap_or(3);
            let bottom = areas.footer.bottom();
            let top = bottom.saturating_sub(rows).max(areas.list.y);
            let rect = Rect::new(status.x, top, status.width, bottom - top);
            buf.set_style(rect, Style::reset());
            for y in rect.top()..rect.bottom() {
                for x in rect.left()..rect.right() {
                    put_cell(buf, x, y, " ", 1, Style::new());
                }
            }
            draw_status(app, buf, rect);
        }
        Some(status) => {
            draw_status(app, buf, status);
            draw_footer(app, buf, areas.footer);
        }
        None if app.status.is_some() => draw_status(app, buf, areas.footer),
        None => draw_footer(app, buf, areas.footer),
    }
    if let Mode::Search(input) = &app.mode {
        cursor = Some(draw_search_prompt(app, buf, areas.footer, input));
    }
    if let Some(in_popup) = popups::draw(app, buf, area) {
        cursor = in_popup;
    }
    cursor
}

/// Writes article text (control and invisible characters shown as symbols) from `x` on
/// row `y`, at most `max` columns; returns the columns used.
pub(crate) fn put_text(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    max: u16,
    text: &str,
    style: Style,
) -> u16 {
    let theme_sub = style.add_modifier(ratatui::style::Modifier::BOLD);
    let mut used = 0;
    for c in wrap::cells(text) {
        if c.glyph == Glyph::Break {
            continue;
        }
        if used + c.width > max {
            break;
        }
        let s = if c.glyph == Glyph::Substitute {
            theme_sub
        } else {
            style
        };
        put_cell(buf, x + used, y, &c.symbol, c.width, s);
        used += c.width;
    }
    used
}

/// Sets one cell (and blanks those a wide symbol covers).
pub(crate) fn put_cell(buf: &mut Buffer, x: u16, y: u16, symbol: &str, width: u16, style: Style) {
    if let Some(cell) = buf.cell_mut((x, y)) {
        cell.set_symbol(symbol).set_style(style);
    }
    for dx in 1..width {
        if let Some(cell) = buf.cell_mut((x + dx, y)) {
            cell.reset();
        }
    }
}

/// Writes a line of UI spans, cut to the area's width.
pub(crate) fn put_line(buf: &mut Buffer, area: Rect, y: u16, line: &Line<'_>) {
    if y >= area.bottom() {
        return;
    }
    buf.set_line(area.x, y, line, area.width);
}

fn draw_status(app: &App, buf: &mut Buffer, area: Rect) {
    let Some(status) = &app.status else {
        return;
    };
    let theme = &app.theme;
    let style = match status.kind {
        StatusKind::Info => Style::new(),
        StatusKind::Success => theme.ok(),
        StatusKind::Warning => theme.warning(),
        StatusKind::Error => theme.error(),
    };
    let rows = wrap::wrap(&status.text, area.width);
    let shown = rows.len().min(usize::from(area.height));
    for (i, r) in rows.iter().take(shown).enumerate() {
        let mut text = status.text[r.clone()].trim_end().to_string();
        if i + 1 == shown && shown < rows.len() {
            // The last row shown: say that more was cut.
            text = format!("{}\u{2026}", status.text[r.start..].trim_end());
        }
        let line = wrap::truncate(&text, usize::from(area.width));
        let y = area.y + u16::try_from(i).unwrap_or(0);
        put_line(buf, area, y, &Line::from(Span::styled(line, style)));
    }
}

/// Rows the status message takes at `width` columns.
fn status_rows(app: &App, width: u16) -> usize {
    app.status
        .as_ref()
        .map_or(0, |s| wrap::wrap(&s.text, width).len())
}

fn draw_footer(app: &App, buf: &mut Buffer, area: Rect) {
    let theme = &app.theme;
    let mut spans = Vec::new();
    for (key, what) in keymap::footer_fitting(app, usize::from(area.width)) {
        spans.push(Span::styled(format!(" {key}"), theme.key()));
        spans.push(Span::styled(format!(" {what} "), theme.dim()));
    }
    put_line(buf, area, area.y, &Line::from(spans));
}

fn draw_search_prompt(
    app: &App,
    buf: &mut Buffer,
    area: Rect,
    input: &super::text_input::TextInput,
) -> (u16, u16) {
    buf.set_style(area, Style::reset());
    for x in area.left()..area.right() {
        put_cell(buf, x, area.y, " ", 1, Style::new());
    }
    let prompt = "/";
    put_line(
        buf,
        area,
        area.y,
        &Line::from(Span::styled(prompt, app.theme.key())),
    );
    let max = area.width.saturating_sub(2);
    let col = put_input(buf, area.x + 1, area.y, max, input, Style::new());
    (area.x + 1 + col, area.y)
}

/// Writes a one-line input in `max` columns from `x`, scrolled so that the cursor is in
/// view; returns the cursor's column relative to `x`.
pub(crate) fn put_input(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    max: u16,
    input: &super::text_input::TextInput,
    style: Style,
) -> u16 {
    let text = input.text();
    let before = wrap::display_width(&text[..input.cursor()]);
    let shift = before.saturating_sub(usize::from(max));
    let mut skipped = 0usize;
    let mut start = 0;
    for c in wrap::cells(text) {
        if skipped >= shift {
            break;
        }
        skipped += usize::from(c.width);
        start = c.at + c.len;
    }
    put_text(buf, x, y, max, &text[start..], style);
    u16::try_from(before - skipped).unwrap_or(max).min(max)
}
