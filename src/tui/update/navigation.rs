//! Moving about: segments, pages, clicks, the next issue, the word diff of the current
//! segment, and lists in popups.

use super::no_segments;
use super::search::next_match;
use crate::tui::app::{App, Mode, Popup, Scroll, StatusKind, gutter_width};
use crate::tui::view;

pub(super) fn move_to(app: &mut App, seg: usize) {
    let count = app.session.segment_count();
    if count == 0 {
        return;
    }
    let seg = seg.min(count - 1);
    if seg != app.current {
        app.current = seg;
        app.select_first_issue();
    }
    app.follow = true;
}

pub(super) fn page_down(app: &mut App) {
    let count = app.session.segment_count();
    let height = usize::from(app.areas().list.height).max(1);
    let mut rows = 0;
    let mut seg = app.current;
    while seg + 1 < count {
        rows += app.item_height(seg);
        if rows >= height {
            break;
        }
        seg += 1;
    }
    if seg == app.current {
        seg = (seg + 1).min(count.saturating_sub(1));
    }
    move_to(app, seg);
    app.scroll = Scroll { top: seg, skip: 0 };
}

pub(super) fn page_up(app: &mut App) {
    let height = usize::from(app.areas().list.height).max(1);
    let mut rows = 0;
    let mut seg = app.current;
    while seg > 0 {
        rows += app.item_height(seg - 1);
        if rows > height {
            break;
        }
        seg -= 1;
    }
    if seg == app.current {
        seg = seg.saturating_sub(1);
    }
    move_to(app, seg);
}

pub(super) fn click(app: &mut App, column: u16, row: u16) {
    let areas = app.areas();
    let inside = |r: ratatui::layout::Rect| {
        column >= r.x && column < r.right() && row >= r.y && row < r.bottom()
    };
    if inside(areas.list) {
        if let Mode::Editing(_) = app.mode {
            click_in_editor(app, column, row);
            return;
        }
        let Some((seg, item_row)) = app.item_at_row(usize::from(row - areas.list.y)) else {
            return;
        };
        move_to(app, seg);
        // On a flagged span: select that issue.
        let text_x = areas.list.x + gutter_width(app.session.segment_count());
        let sep = app.lead_rows(seg);
        if column >= text_x && item_row >= sep && !app.show_diff {
            let text = app.session.segment_text(seg);
            let rows = app.wrap_item(seg, text);
            let at = app
                .chips(seg)
                .offset_at(text, &rows, item_row - sep, column - text_x);
            let listed = app.session.segment_issues(seg);
            if let Some(mark) = app
                .session
                .segment_marks(seg)
                .into_iter()
                .filter(|m| listed.contains(&m.id))
                .find(|m| m.span.start <= at && at < m.span.end.max(m.span.start + 1))
            {
                app.selected = Some(mark.id);
            }
        }
    } else if let Some(pane) = areas.pane.filter(|p| inside(*p))
        && let Some(id) = view::issue_at_pane_row(app, pane, row)
    {
        app.selected = Some(id);
    }
}

fn click_in_editor(app: &mut App, column: u16, row: u16) {
    let areas = app.areas();
    let Some((seg, item_row)) = app.item_at_row(usize::from(row - areas.list.y)) else {
        return;
    };
    let text_x = areas.list.x + gutter_width(app.session.segment_count());
    let width = app.text_width();
    let sep = app.lead_rows(seg);
    if let Mode::Editing(e) = &mut app.mode
        && e.segment == seg
        && item_row >= sep
    {
        let chips = e.input.chips();
        let rows = chips.wrap(e.input.text(), width);
        let at = chips.offset_at(
            e.input.text(),
            &rows,
            item_row - sep,
            column.saturating_sub(text_x),
        );
        e.input.set_cursor(at);
    }
}

pub(super) fn next(app: &mut App, forward: bool) {
    if app.search.is_some() {
        next_match(app, forward, false);
        return;
    }
    if no_segments(app, "there are no issues") {
        return;
    }
    let selected = app.selected_issue();
    match app.session.next_issue(app.current, selected, forward) {
        Some((id, wrapped)) => {
            if let Some(seg) = app.session.issue_segment(id) {
                app.current = seg;
                app.selected = Some(id);
                app.follow = true;
            }
            if wrapped {
                let text = if forward {
                    "Wrapped around to the first issue."
                } else {
                    "Wrapped around to the last issue."
                };
                app.set_status(StatusKind::Info, text);
            }
        }
        None => {
            let text = if app.session.checks_running() {
                "No open issues found yet (still checking the document)."
            } else {
                "No open issues in the document."
            };
            app.set_status(StatusKind::Success, text);
        }
    }
}

pub(super) fn cycle_issue(app: &mut App) {
    if no_segments(app, "there are no issues") {
        return;
    }
    let listed = app.session.segment_issues(app.current);
    if listed.is_empty() {
        app.set_status(StatusKind::Info, "No open issues in this segment.");
        return;
    }
    let next = match app.selected_issue() {
        Some(id) => {
            let i = listed.iter().position(|x| *x == id).unwrap_or(0);
            listed[(i + 1) % listed.len()]
        }
        None => listed[0],
    };
    app.selected = Some(next);
}

pub(super) fn toggle_diff(app: &mut App) {
    if no_segments(app, "there is nothing to diff") {
        app.show_diff = false;
        return;
    }
    app.show_diff = !app.show_diff;
    app.follow = true;
    if app.show_diff {
        let seg = app.current;
        let text = if app.session.is_segment_edited(seg) {
            format!(
                "Segment {}: [-removed-] {{+added+}} since the machine translation (d hides).",
                seg + 1
            )
        } else {
            format!(
                "Segment {} is as the machine translation has it (d hides).",
                seg + 1
            )
        };
        app.set_status(StatusKind::Info, text);
    }
}

pub(super) fn list_move(app: &mut App, down: bool) {
    match &mut app.popup {
        Some(Popup::Ignored { entries, selected }) => {
            *selected = if down {
                (*selected + 1).min(entries.len().saturating_sub(1))
            } else {
                selected.saturating_sub(1)
            };
        }
        Some(Popup::Help) => {
            app.help_scroll = if down {
                app.help_scroll.saturating_add(1)
            } else {
                app.help_scroll.saturating_sub(1)
            };
        }
        _ => {}
    }
}
