//! A unit's source row above its target: the source text dimmed (inline codes as chips,
//! the glossary's source terms marked), and in the gutter the unit's state mark.

use ratatui::buffer::Buffer;

use super::{put_cell, put_text};
use crate::tui::app::App;
use crate::tui::units::state_mark;
use crate::tui::wrap::Glyph;

/// Draws row `r` of segment `seg`'s source at `y`: the state mark in the gutter at
/// `mark_x` on the first row, the text from `text_x`.
pub fn draw_row(
    app: &App,
    buf: &mut Buffer,
    seg: usize,
    r: usize,
    mark_x: u16,
    text_x: u16,
    y: u16,
) {
    let Some(source) = app.shown_source(seg) else {
        return;
    };
    let theme = &app.theme;
    let text_w = app.text_width();
    if r == 0 {
        draw_mark(app, buf, seg, mark_x, y);
    }
    let chips = app.chips(seg);
    let rows = chips.wrap(source, text_w);
    let Some(row) = rows.get(r) else { return };
    if source.is_empty() {
        put_text(buf, text_x, y, text_w, "(no source)", theme.dim());
        return;
    }
    let terms = app.session().source_terms(seg);
    let mut x = text_x;
    for c in chips.cells(&source[row.clone()]) {
        if c.glyph == Glyph::Break || x + c.width > text_x + text_w {
            continue;
        }
        let at = row.start + c.at;
        let base = if terms.iter().any(|t| t.span.contains(&at)) {
            theme.source_term()
        } else {
            theme.dim()
        };
        let style = if c.glyph == Glyph::Substitute {
            base.patch(theme.substitute())
        } else {
            base
        };
        put_cell(buf, x, y, &c.symbol, c.width, style);
        x += c.width;
    }
}

/// Draws the state mark of segment `seg`'s unit at (`x`, `y`), if it is a unit.
pub fn draw_mark(app: &App, buf: &mut Buffer, seg: usize, x: u16, y: u16) {
    let Some(status) = app.session().unit_status(seg) else {
        return;
    };
    let (mark, _) = state_mark(status);
    let style = if status.locked || status.fuzzy {
        app.theme.warning()
    } else {
        app.theme.ok()
    };
    put_cell(buf, x, y, mark, 1, style);
}
