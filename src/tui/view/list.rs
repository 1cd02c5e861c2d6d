//! The segment list: each visible segment wrapped to the width, with a gutter (current
//! marker, number, edited flag) and its flagged spans, search matches, word diff or the
//! segment editor's text and cursor.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::{put_cell, put_text};
use crate::diff::ChangeKind;
use crate::tui::app::{App, ItemContent, gutter_width};
use crate::tui::wrap::{self, Glyph};

/// Style runs over an item's text, later ones drawn over earlier ones.
type Styles = Vec<(Range<usize>, Style)>;

/// Widens an empty span (an insertion point) to the grapheme after it, or before it at
/// the end, so that it can be seen.
fn visible(text: &str, span: Range<usize>) -> Range<usize> {
    if !span.is_empty() {
        return span;
    }
    if span.start < text.len() {
        span.start..wrap::next_boundary(text, span.start)
    } else {
        wrap::prev_boundary(text, span.start)..span.start
    }
}

fn item_styles(app: &App, seg: usize, content: &ItemContent<'_>) -> Styles {
    let theme = &app.theme;
    let mut styles = Styles::new();
    match content {
        ItemContent::Text(text) => {
            let selected = app.selected_issue();
            let marks = app.session.segment_marks(seg);
            for m in &marks {
                styles.push((visible(text, m.span.clone()), theme.flagged(m.category)));
            }
            if seg == app.current
                && let Some(m) = marks.iter().find(|m| Some(m.id) == selected)
            {
                styles.push((visible(text, m.span.clone()), theme.selected()));
            }
        }
        ItemContent::Diff(_, parts) => {
            for (r, part) in parts {
                let style = match part {
                    ChangeKind::Delete => theme.deleted(),
                    ChangeKind::Insert | ChangeKind::Equal => theme.inserted(),
                };
                styles.push((r.clone(), style));
            }
        }
        ItemContent::Editing(e) => {
            let text = e.input.text();
            for issue in &e.live {
                styles.push((
                    visible(text, issue.span.clone()),
                    theme.flagged(issue.category),
                ));
            }
        }
    }
    styles
}

fn style_at(styles: &Styles, at: usize) -> Style {
    styles
        .iter()
        .filter(|(r, _)| r.start <= at && at < r.end)
        .fold(Style::new(), |s, (_, add)| s.patch(*add))
}

/// Search matches in an item's text, drawn over its other styles: which are matches, and
/// which one is current (the one `n`/`N` moved to).
struct Matches {
    all: Vec<Range<usize>>,
    current: Option<Range<usize>>,
}

impl Matches {
    fn of(app: &App, seg: usize, content: &ItemContent<'_>) -> Self {
        let (Some(search), ItemContent::Text(text)) = (&app.search, content) else {
            return Matches {
                all: Vec::new(),
                current: None,
            };
        };
        let all = search.find_all(text);
        let current = search
            .at
            .as_ref()
            .filter(|(s, r)| *s == seg && all.contains(r))
            .map(|(_, r)| r.clone());
        Matches { all, current }
    }

    /// `style` at byte `at`, with the match marks if a match covers it.
    fn style(&self, theme: &crate::tui::theme::Theme, at: usize, style: Style) -> Style {
        let inside = |r: &Range<usize>| r.start <= at && at < r.end;
        if self.current.as_ref().is_some_and(inside) {
            theme.current_match(style)
        } else if self.all.iter().any(inside) {
            style.patch(theme.search_match())
        } else {
            style
        }
    }
}

/// Draws the list; returns the editing cursor's screen position, if on screen.
pub fn draw(app: &App, buf: &mut Buffer, area: Rect) -> Option<(u16, u16)> {
    let session = &app.session;
    let count = session.segment_count();
    let theme = &app.theme;
    if count == 0 {
        put_text(
            buf,
            area.x + 1,
            area.y,
            area.width.saturating_sub(1),
            "This article has no text to post-edit.",
            theme.dim(),
        );
        return None;
    }
    let gutter = gutter_width(count);
    let digits = usize::from(gutter - 3);
    let text_x = area.x + gutter;
    let text_w = app.text_width();
    let mut cursor = None;
    let mut y = area.y;
    let mut seg = app.scroll.top.min(count - 1);
    let mut skip = app.scroll.skip;
    while y < area.bottom() && seg < count {
        let content = app.item_content(seg);
        let text = content.text();
        let rows = app.wrap_item(seg, text);
        let chips = app.chips(seg);
        let styles = item_styles(app, seg, &content);
        let matches = Matches::of(app, seg, &content);
        let sep = usize::from(app.has_separator(seg));
        let lead = sep + app.source_rows(seg);
        let is_current = seg == app.current;
        let editing = matches!(content, ItemContent::Editing(_));
        let cursor_at = match &content {
            ItemContent::Editing(e) => {
                let (row, col) = chips.locate(text, &rows, e.input.cursor());
                Some((row, col))
            }
            _ => None,
        };
        for item_row in skip..lead + rows.len() {
            if y >= area.bottom() {
                break;
            }
            if item_row < sep {
                y += 1;
                continue;
            }
            if item_row < lead {
                let mark_x = area.x + 1 + gutter - 3;
                super::source::draw_row(app, buf, seg, item_row - sep, mark_x, text_x, y);
                if is_current {
                    put_cell(buf, area.x, y, "\u{2502}", 1, theme.current());
                }
                y += 1;
                continue;
            }
            let r = item_row - lead;
            // Gutter.
            let marker_style = if editing {
                theme.editing()
            } else {
                theme.current()
            };
            if r == 0 {
                let marker = match (editing, is_current) {
                    (true, _) => "\u{270e}",
                    (false, true) => "\u{25b6}",
                    _ => " ",
                };
                put_cell(buf, area.x, y, marker, 1, marker_style);
                let number = format!("{:>digits$}", seg + 1);
                let number_style = if is_current {
                    marker_style
                } else {
                    theme.dim()
                };
                put_text(buf, area.x + 1, y, gutter - 1, &number, number_style);
                if session.is_segment_edited(seg) {
                    put_cell(buf, area.x + 1 + gutter - 3, y, "*", 1, theme.ok());
                } else if !app.shows_source() {
                    super::source::draw_mark(app, buf, seg, area.x + 1 + gutter - 3, y);
                }
            } else if is_current {
                put_cell(buf, area.x, y, "\u{2502}", 1, marker_style);
            }
            // Text (a segment emptied by the post-editor says so).
            if text.is_empty() && !editing && session.is_segment_edited(seg) {
                put_text(buf, text_x, y, text_w, "(deleted)", theme.dim());
            } else if text.is_empty() && !editing && session.bilingual().is_some() {
                put_text(buf, text_x, y, text_w, "(not translated)", theme.dim());
            }
            let row = &rows[r];
            let mut x = text_x;
            for c in chips.cells(&text[row.clone()]) {
                if c.glyph == Glyph::Break && !editing && x < text_x + text_w {
                    // A hard-wrapped line's break, shown flowing: a space.
                    x += 1;
                    continue;
                }
                if c.glyph == Glyph::Break || x + c.width > text_x + text_w {
                    continue;
                }
                let at = row.start + c.at;
                let mut style = matches.style(theme, at, style_at(&styles, at));
                if c.glyph == Glyph::Substitute {
                    style = style.patch(theme.substitute());
                }
                put_cell(buf, x, y, &c.symbol, c.width, style);
                x += c.width;
            }
            if let Some((crow, ccol)) = cursor_at
                && crow == r
            {
                cursor = Some((text_x + ccol.min(text_w), y));
            }
            y += 1;
        }
        skip = 0;
        seg += 1;
    }
    cursor
}
