//! The segment editor: starting an edit, typing (checked as typed, kept as a draft in the
//! journal), and ending it with the change committed.

use std::time::Instant;

use super::{DRAFT_INTERVAL, no_segments, session_error};
use crate::tui::app::{
    App, Editing, LIVE_CHECK_LIMIT, Mode, Popup, StatusKind, newline_of, plural,
};
use crate::tui::text_input::{EditCommand, TextInput};

pub(super) fn start_edit(app: &mut App) {
    if no_segments(app, "there is nothing to edit") {
        return;
    }
    let seg = app.current;
    if let Err(e) = app.session.check_editable(seg) {
        super::session_error(app, &e);
        return;
    }
    let text = app.session.segment_text(seg);
    let newline = newline_of(text, app.session.line_ending().as_str());
    let mut input = TextInput::new(text, true).with_chips(app.chips(seg));
    // Start where the selected issue is: that is usually what needs fixing.
    if let Some(id) = app.selected_issue() {
        let range = app.session.segment_range(seg);
        if let Some(si) = app.session.issue(id) {
            let at = si.issue.span.start.saturating_sub(range.start);
            let normalized = text[..at.min(text.len())].replace("\r\n", "\n");
            input.set_cursor(normalized.len());
        }
    }
    let mut editing = Editing {
        segment: seg,
        input,
        newline,
        original: text.to_string(),
        live: Vec::new(),
        draft_dirty: false,
        draft_written: Instant::now(),
    };
    live_check(app, &mut editing);
    app.show_diff = false;
    app.mode = Mode::Editing(Box::new(editing));
    app.follow = true;
}

fn live_check(app: &App, e: &mut Editing) {
    let p = app.session.segment_paragraph(e.segment);
    if app.session.paragraph_text(p).len() <= LIVE_CHECK_LIMIT {
        e.live = app
            .session
            .check_draft(e.segment, e.input.text(), e.input.cursor());
    }
}

pub(super) fn edit(app: &mut App, cmd: EditCommand) {
    if let Some(Popup::GlossaryForm(form)) = &mut app.popup {
        let i = form.focus;
        if form.inputs[i].apply(cmd, u16::MAX) {
            form.error = None;
        }
        return;
    }
    let width = app.text_width();
    let mut mode = std::mem::replace(&mut app.mode, Mode::Normal);
    match &mut mode {
        Mode::Editing(e) => {
            if e.input.apply(cmd, width) {
                e.draft_dirty = true;
                live_check(app, e);
            }
            app.follow = true;
        }
        Mode::Search(input) => {
            input.apply(cmd, width);
        }
        Mode::Normal => {}
    }
    app.mode = mode;
    write_draft(app, false);
}

/// Writes the unfinished edit to the journal when it changed and `now` is set or the last
/// write is old enough.
pub(super) fn write_draft(app: &mut App, now: bool) {
    let Mode::Editing(e) = &mut app.mode else {
        return;
    };
    if !e.draft_dirty || (!now && e.draft_written.elapsed() < DRAFT_INTERVAL) {
        return;
    }
    let text = e.committed_text();
    let cursor = e.input.cursor();
    let seg = e.segment;
    e.draft_dirty = false;
    e.draft_written = Instant::now();
    if let Err(err) = app.session.save_draft(seg, &text, cursor) {
        session_error(app, &err);
    }
}

/// Ends editing, committing the text. Returns false (and stays editing) if the change
/// could not be made durable.
pub(super) fn finish_edit(app: &mut App) -> bool {
    let Mode::Editing(e) = &app.mode else {
        return true;
    };
    let seg = e.segment;
    let text = e.committed_text();
    let unchanged = text == e.original;
    let result = if unchanged {
        Ok(false)
    } else {
        app.session.set_segment_text(seg, &text)
    };
    match result {
        Ok(changed) => {
            app.mode = Mode::Normal;
            if let Err(err) = app.session.clear_draft() {
                session_error(app, &err);
                return true;
            }
            app.current = seg;
            app.select_first_issue();
            app.follow = true;
            let n = app.session.segment_issues(seg).len();
            let text = match (changed, n) {
                (false, _) => format!("Segment {} unchanged.", seg + 1),
                (true, 0) => format!("Segment {} changed; no open issues in it.", seg + 1),
                (true, n) => format!(
                    "Segment {} changed; {n} open issue{} in it.",
                    seg + 1,
                    plural(n)
                ),
            };
            app.set_status(StatusKind::Success, text);
            true
        }
        Err(err) => {
            session_error(app, &err);
            false
        }
    }
}
