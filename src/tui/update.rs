//! `update(&mut App, Action)`: the one place where the editor's state changes. Plain Rust,
//! no terminal: tests call it directly. Changes to the text go through the session, which
//! journals them durably before they are applied; a change that cannot be journaled is
//! not made, and the message says why.

use std::time::{Duration, Instant};

use super::action::Action;
use super::app::{
    App, Editing, FormField, GlossaryForm, LIVE_CHECK_LIMIT, Mode, Popup, StatusKind, excerpt,
    newline_of, plural,
};
use super::search::Search;
use super::text_input::{EditCommand, TextInput};
use super::view;
use crate::glossary::{EntryData, GlossaryError, MergeOutcome};
use crate::session::SessionError;

/// Write an unfinished edit to the journal at least this often while typing.
pub const DRAFT_INTERVAL: Duration = Duration::from_secs(5);

/// Applies one action.
pub fn update(app: &mut App, action: Action) {
    if !matches!(action, Action::Resize(..) | Action::Scroll(_)) {
        app.status = None;
    }
    match action {
        Action::NextSegment => move_to(app, app.current.saturating_add(1)),
        Action::PrevSegment => move_to(app, app.current.saturating_sub(1)),
        Action::PageDown => {
            if app.popup == Some(Popup::Help) {
                app.help_scroll = app.help_scroll.saturating_add(page(app));
            } else {
                page_down(app);
            }
        }
        Action::PageUp => {
            if app.popup == Some(Popup::Help) {
                app.help_scroll = app.help_scroll.saturating_sub(page(app));
            } else {
                page_up(app);
            }
        }
        Action::FirstSegment => move_to(app, 0),
        Action::LastSegment => move_to(app, app.session.segment_count().saturating_sub(1)),
        Action::Scroll(rows) => app.scroll_rows(rows),
        Action::Click { column, row } => click(app, column, row),
        Action::NextIssue => next(app, true),
        Action::PrevIssue => next(app, false),
        Action::CycleIssue => cycle_issue(app),
        Action::ApplySuggestion(n) => apply(app, n),
        Action::Ignore => ignore(app),
        Action::ShowIgnored => show_ignored(app),
        Action::StartEdit => start_edit(app),
        Action::Undo => undo_redo(app, true),
        Action::Redo => undo_redo(app, false),
        Action::StartSearch => {
            let previous = app.search.as_ref().map_or("", |s| s.query.as_str());
            app.mode = Mode::Search(TextInput::new(previous, false));
        }
        Action::ToggleDiff => toggle_diff(app),
        Action::ToggleHelp => {
            app.popup = match app.popup {
                Some(Popup::Help) => None,
                None => {
                    app.help_scroll = 0;
                    Some(Popup::Help)
                }
                ref other => other.clone(),
            };
        }
        Action::Cancel => cancel(app),
        Action::Save => save(app),
        Action::Quit => quit(app),
        Action::Resize(w, h) => {
            app.size = (w, h);
            app.follow = true;
        }
        Action::Edit(cmd) => edit(app, cmd),
        Action::FinishEdit => {
            finish_edit(app);
        }
        Action::ConfirmSearch => confirm_search(app),
        Action::Answer(c) => answer(app, c),
        Action::ListUp => list_move(app, false),
        Action::ListDown => list_move(app, true),
        Action::ListChoose => restore_ignored(app),
        Action::AddGlossaryEntry => open_glossary_form(app),
        Action::NextField => move_field(app, true),
        Action::PrevField => move_field(app, false),
        Action::SubmitForm => submit_glossary_form(app),
    }
    take_session_warning(app);
    if app.follow {
        app.ensure_visible();
        app.follow = false;
    }
}

/// Work to do when no key has come for a while: keep an unfinished edit in the journal.
pub fn idle(app: &mut App) {
    write_draft(app, true);
}

/// Takes in whole-document checks that finished; true if the screen should be redrawn.
pub fn checks_arrived(app: &mut App) -> bool {
    if !app.session.poll_checks() {
        return false;
    }
    if app.selected_issue().is_none() {
        app.select_first_issue();
    }
    take_session_warning(app);
    true
}

/// Takes in what the background threads finished (whole-document checks, revisions
/// recorded); true if the screen should be redrawn.
pub fn background_arrived(app: &mut App) -> bool {
    let checks = checks_arrived(app);
    let revisions = revisions_arrived(app);
    checks || revisions
}

/// Reports recorded revisions: a failure as a warning (the save itself stands); the
/// latest save's revision by naming it in the save's message, while that shows.
fn revisions_arrived(app: &mut App) -> bool {
    let Some(recorder) = app.revisions.as_mut() else {
        return false;
    };
    let done = recorder.poll();
    if done.is_empty() {
        return false;
    }
    // Only the last recording answers the save whose message is on screen.
    let latest = !recorder.is_busy();
    let count = done.len();
    for (i, outcome) in done.into_iter().enumerate() {
        match outcome {
            Ok(recorded) if latest && i + 1 == count => {
                let Some((shown, short)) = app.save_status.take() else {
                    continue;
                };
                let still = app
                    .status
                    .as_ref()
                    .is_some_and(|s| s.text == shown && s.kind == StatusKind::Success);
                if still {
                    let what = if recorded.created {
                        "recorded as revision"
                    } else {
                        "already recorded as revision"
                    };
                    app.set_status(
                        StatusKind::Success,
                        format!(
                            "{short} and its diff; {what} {} (mtpe history).",
                            recorded.info.number
                        ),
                    );
                }
            }
            Ok(_) => {}
            Err(e) => {
                app.save_status = None;
                app.set_status(
                    StatusKind::Warning,
                    format!("Saved, but not recorded in the history: {e}"),
                );
            }
        }
    }
    true
}

/// Shows a glossary problem the session met while checking.
fn take_session_warning(app: &mut App) {
    let Some(w) = app.session.take_warning() else {
        return;
    };
    match &mut app.status {
        Some(s) if s.kind == StatusKind::Error => {}
        Some(s) => {
            s.text.push_str(&format!(" (Warning: {w}.)"));
            s.kind = StatusKind::Warning;
        }
        None => app.set_status(StatusKind::Warning, format!("Warning: {w}.")),
    }
}

fn page(app: &App) -> u16 {
    app.areas().list.height.max(2) - 1
}

/// True (and says why `what` cannot be done) when the article has no segment at all: an
/// empty file, or one with only blank lines or a byte order mark.
fn no_segments(app: &mut App, what: &str) -> bool {
    if app.session.segment_count() > 0 {
        return false;
    }
    app.set_status(
        StatusKind::Info,
        format!("The article has no text (no segments): {what}."),
    );
    true
}

fn session_error(app: &mut App, e: &SessionError) {
    let text = match e {
        SessionError::Journal(j) => format!("Not done: {j}"),
        other => other.to_string(),
    };
    app.set_status(StatusKind::Error, text);
}

fn move_to(app: &mut App, seg: usize) {
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

fn page_down(app: &mut App) {
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
    app.scroll = super::app::Scroll { top: seg, skip: 0 };
}

fn page_up(app: &mut App) {
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

fn click(app: &mut App, column: u16, row: u16) {
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
        let text_x = areas.list.x + super::app::gutter_width(app.session.segment_count());
        let sep = usize::from(app.has_separator(seg));
        if column >= text_x && item_row >= sep && !app.show_diff {
            let text = app.session.segment_text(seg);
            let rows = super::wrap::wrap(text, app.text_width());
            let at = super::wrap::offset_at(text, &rows, item_row - sep, column - text_x);
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
    let text_x = areas.list.x + super::app::gutter_width(app.session.segment_count());
    let width = app.text_width();
    let sep = usize::from(app.has_separator(seg));
    if let Mode::Editing(e) = &mut app.mode
        && e.segment == seg
        && item_row >= sep
    {
        let rows = super::wrap::wrap(e.input.text(), width);
        let at = super::wrap::offset_at(
            e.input.text(),
            &rows,
            item_row - sep,
            column.saturating_sub(text_x),
        );
        e.input.set_cursor(at);
    }
}

fn next(app: &mut App, forward: bool) {
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

fn cycle_issue(app: &mut App) {
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

/// The selected issue, or the current segment's first; a message if there is none.
fn target_issue(app: &mut App) -> Option<crate::session::IssueId> {
    if no_segments(app, "there are no issues") {
        return None;
    }
    if let Some(id) = app.selected_issue() {
        return Some(id);
    }
    app.select_first_issue();
    if app.selected.is_none() {
        app.set_status(
            StatusKind::Info,
            "No open issue in this segment: n goes to the next one.",
        );
    }
    app.selected
}

fn apply(app: &mut App, n: usize) {
    let Some(id) = target_issue(app) else { return };
    let check = app
        .session
        .issue(id)
        .map(|si| si.issue.check)
        .unwrap_or_default();
    let replacement = app
        .session
        .issue(id)
        .and_then(|si| si.suggestions().get(n).cloned());
    let before = app.session.issue_text(id).to_string();
    match app.session.apply_suggestion(id, n) {
        Ok(seg) => {
            app.current = seg;
            app.select_first_issue();
            app.follow = true;
            let replacement = replacement.unwrap_or_default();
            let what = if replacement.is_empty() {
                format!("Deleted \u{201c}{}\u{201d}", excerpt(&before, 40))
            } else {
                format!(
                    "Replaced \u{201c}{}\u{201d} by \u{201c}{}\u{201d}",
                    excerpt(&before, 30),
                    excerpt(&replacement, 30)
                )
            };
            let left = app.session.segment_issues(seg).len();
            let tail = if left == 0 {
                " Segment clean: n goes to the next issue.".to_string()
            } else {
                format!(" {left} more here.")
            };
            app.set_status(StatusKind::Success, format!("{what} ({check}).{tail}"));
        }
        Err(e) => session_error(app, &e),
    }
}

fn ignore(app: &mut App) {
    let Some(id) = target_issue(app) else { return };
    match app.session.ignore(id) {
        Ok(key) => {
            app.select_first_issue();
            app.set_status(
                StatusKind::Success,
                format!(
                    "Ignored {} \u{201c}{}\u{201d} in this document (u undoes, I lists).",
                    key.check,
                    excerpt(&key.text, 40)
                ),
            );
        }
        Err(e) => session_error(app, &e),
    }
}

fn show_ignored(app: &mut App) {
    let entries = app.session.ignored();
    if entries.is_empty() {
        app.set_status(StatusKind::Info, "No issues are ignored in this document.");
        return;
    }
    app.popup = Some(Popup::Ignored {
        entries,
        selected: 0,
    });
}

fn restore_ignored(app: &mut App) {
    let Some(Popup::Ignored { entries, selected }) = &app.popup else {
        return;
    };
    let Some((key, seg)) = entries.get(*selected).cloned() else {
        return;
    };
    match app.session.unignore(&key) {
        Ok(()) => {
            if let Some(seg) = seg {
                app.current = seg;
                app.select_first_issue();
                app.follow = true;
            }
            let entries = app.session.ignored();
            app.popup = if entries.is_empty() {
                None
            } else {
                Some(Popup::Ignored {
                    selected: 0,
                    entries,
                })
            };
            app.set_status(
                StatusKind::Success,
                format!(
                    "Restored {} \u{201c}{}\u{201d}.",
                    key.check,
                    excerpt(&key.text, 40)
                ),
            );
        }
        Err(e) => session_error(app, &e),
    }
}

fn list_move(app: &mut App, down: bool) {
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

fn start_edit(app: &mut App) {
    if no_segments(app, "there is nothing to edit") {
        return;
    }
    let seg = app.current;
    let text = app.session.segment_text(seg);
    let newline = newline_of(text, app.session.line_ending().as_str());
    let mut input = TextInput::new(text, true);
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
        e.live = app.session.check_draft(e.segment, e.input.text());
    }
}

fn edit(app: &mut App, cmd: EditCommand) {
    if let Some(Popup::GlossaryForm(form)) = &mut app.popup {
        let i = form.focus;
        if std::mem::take(&mut form.selected_all[i]) {
            use EditCommand::*;
            match cmd {
                Insert(_) | Paste(_) => form.inputs[i] = TextInput::new("", false),
                DeleteBack | DeleteForward | DeleteWordBack | DeleteWordForward
                | DeleteToLineStart | DeleteToLineEnd => {
                    form.inputs[i] = TextInput::new("", false);
                    form.error = None;
                    return;
                }
                _ => {}
            }
        }
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
fn write_draft(app: &mut App, now: bool) {
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
fn finish_edit(app: &mut App) -> bool {
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

fn undo_redo(app: &mut App, undo: bool) {
    let result = if undo {
        app.session.undo()
    } else {
        app.session.redo()
    };
    match result {
        Ok(Some(done)) => {
            if let Some(seg) = done.segment {
                app.current = seg;
                app.follow = true;
            }
            app.select_first_issue();
            let verb = if undo { "Undid" } else { "Redid" };
            app.set_status(
                StatusKind::Info,
                format!("{verb} the {}.", done.description),
            );
        }
        Ok(None) => {
            let text = if undo {
                "Nothing to undo."
            } else {
                "Nothing to redo."
            };
            app.set_status(StatusKind::Info, text);
        }
        Err(e) => session_error(app, &e),
    }
}

fn toggle_diff(app: &mut App) {
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

fn cancel(app: &mut App) {
    match (&app.popup, &app.mode) {
        (Some(Popup::Ignored { .. }), _) => app.popup = None,
        (Some(Popup::GlossaryForm(_)), _) => {
            app.popup = None;
            app.set_status(StatusKind::Info, "Nothing added to the glossary.");
        }
        (_, Mode::Search(_)) => app.mode = Mode::Normal,
        _ => {
            if app.search.take().is_some() {
                app.set_status(StatusKind::Info, "Search ended: n/N move between issues.");
            }
        }
    }
}

fn confirm_search(app: &mut App) {
    let Mode::Search(input) = &app.mode else {
        return;
    };
    let query = input.text().to_string();
    app.mode = Mode::Normal;
    if query.is_empty() {
        app.search = None;
        return;
    }
    app.search = Some(Search::new(&query));
    next_match(app, true, true);
}

fn next_match(app: &mut App, forward: bool, include_current: bool) {
    let Some(search) = app.search.clone() else {
        return;
    };
    let count = app.session.segment_count();
    if no_segments(app, "there is nothing to search") {
        return;
    }
    let (from_seg, after) = match &search.at {
        Some((seg, r)) if *seg == app.current && !include_current => (*seg, Some(r.clone())),
        _ => (app.current, None),
    };
    let pick = |matches: Vec<std::ops::Range<usize>>,
                bound: Option<&std::ops::Range<usize>>|
     -> Option<std::ops::Range<usize>> {
        if forward {
            matches
                .into_iter()
                .find(|m| bound.is_none_or(|b| m.start > b.start))
        } else {
            matches
                .into_iter()
                .rev()
                .find(|m| bound.is_none_or(|b| m.start < b.start))
        }
    };
    let mut found = None;
    // The current segment after the last match, then the others in turn.
    for step in 0..count {
        let seg = if forward {
            (from_seg + step) % count
        } else {
            (from_seg + count - step) % count
        };
        let matches = search.find_all(app.session.segment_text(seg));
        let bound = if step == 0 { after.as_ref() } else { None };
        if let Some(m) = pick(matches, bound) {
            let wrapped = if forward {
                seg < from_seg
            } else {
                seg > from_seg
            };
            found = Some((seg, m, wrapped));
            break;
        }
    }
    // Only matches before the last one (in its own segment) are left.
    if found.is_none() && after.is_some() {
        let mut matches = search.find_all(app.session.segment_text(from_seg));
        let m = if forward {
            matches.first().cloned()
        } else {
            matches.pop()
        };
        found = m.map(|m| (from_seg, m, true));
    }
    match found {
        Some((seg, m, wrapped)) => {
            app.current = seg;
            app.select_first_issue();
            app.follow = true;
            let here = search.find_all(app.session.segment_text(seg));
            let which = match here.iter().position(|r| *r == m) {
                Some(i) if here.len() > 1 => format!(" (match {} of {} here)", i + 1, here.len()),
                _ => String::new(),
            };
            if let Some(s) = &mut app.search {
                s.at = Some((seg, m));
            }
            let how = if wrapped { ", wrapped around" } else { "" };
            app.set_status(
                StatusKind::Info,
                format!(
                    "\u{201c}{}\u{201d} in segment {}{which}{how}: n/N next/previous, Esc ends the search.",
                    excerpt(&search.query, 40),
                    seg + 1
                ),
            );
        }
        None => app.set_status(
            StatusKind::Warning,
            format!("\u{201c}{}\u{201d} not found.", excerpt(&search.query, 40)),
        ),
    }
}

fn save(app: &mut App) {
    if matches!(app.mode, Mode::Editing(_)) && !finish_edit(app) {
        return;
    }
    do_save(app);
}

/// Saves; true on success (the message says what was written either way).
fn do_save(app: &mut App) -> bool {
    match app.session.save() {
        Ok(report) => {
            let recording = app.revisions.as_mut().map(|r| {
                r.record_texts(
                    app.session.article_path(),
                    report.original.clone(),
                    std::sync::Arc::clone(&report.text),
                    report.output.clone(),
                )
            });
            let short = format!(
                "Saved {} ({} edited segment{})",
                report.output.display(),
                report.edited_segments,
                plural(report.edited_segments),
            );
            let mut text = format!("{short} and its diff {}.", report.diff.display());
            let mut kind = match &report.journal_warning {
                Some(w) => {
                    text.push_str(&format!(" But: {w}"));
                    StatusKind::Warning
                }
                None => StatusKind::Success,
            };
            if let Some(Err(e)) = recording {
                text.push_str(&format!(" Not recorded in the history: {e}."));
                kind = StatusKind::Warning;
            }
            app.save_status = Some((text.clone(), short));
            app.set_status(kind, text);
            true
        }
        Err(e) => {
            app.set_status(StatusKind::Error, e.to_string());
            false
        }
    }
}

fn quit(app: &mut App) {
    // Ctrl-C while editing: the edit is kept (or, if it cannot be made durable, editing
    // goes on and the message says why).
    if matches!(app.mode, Mode::Editing(_)) && !finish_edit(app) {
        return;
    }
    app.mode = Mode::Normal;
    if app.session.is_dirty() {
        app.popup = Some(Popup::QuitPrompt);
        return;
    }
    close(app, false);
}

fn close(app: &mut App, discard: bool) {
    match app.session.close(discard) {
        Ok(()) => app.quit = true,
        Err(e) => session_error(app, &e),
    }
}

fn answer(app: &mut App, c: char) {
    let Some(popup) = app.popup.take() else {
        return;
    };
    match (popup, c) {
        (Popup::QuitPrompt, 'y') => {
            if do_save(app) {
                if let Some((_, short)) = &app.save_status {
                    let diff = crate::session::diff_path(app.session.output());
                    app.farewell
                        .push(format!("mtpe: {short} and its diff {}.", diff.display()));
                }
                close(app, false);
            }
        }
        (Popup::QuitPrompt, 'n') => close(app, true),
        (Popup::QuitPrompt, _) => {}
        (Popup::Recovery { .. } | Popup::ArticleChanged { .. }, 'r' | 'a') => {
            match app.session.recover() {
                Ok(rec) => {
                    if let Some(seg) = rec.segment {
                        app.current = seg.min(app.session.segment_count().saturating_sub(1));
                        app.follow = true;
                    }
                    app.select_first_issue();
                    let mut text =
                        format!("Recovered {} change{}.", rec.applied, plural(rec.applied));
                    if rec.skipped > 0 {
                        text.push_str(&format!(
                            " {} no longer fit{} the changed article and {} left out.",
                            rec.skipped,
                            if rec.skipped == 1 { "s" } else { "" },
                            if rec.skipped == 1 { "was" } else { "were" }
                        ));
                    }
                    app.set_status(StatusKind::Success, text);
                }
                Err(e) => session_error(app, &e),
            }
        }
        (Popup::Recovery { .. } | Popup::ArticleChanged { .. }, 'd') => {
            match app.session.discard_pending() {
                Ok(()) => {
                    app.select_first_issue();
                    app.set_status(StatusKind::Info, "Discarded the unsaved changes.");
                }
                Err(e) => session_error(app, &e),
            }
        }
        (Popup::Recovery { changes, at, .. } | Popup::ArticleChanged { changes, at, .. }, 'q') => {
            app.farewell.push(format!(
                "mtpe: quit without deciding; the {changes} change{} from {at} are still in the journal {} (open the article again to recover or discard them).",
                plural(changes),
                app.session.journal_path().display()
            ));
            app.quit = true;
        }
        (other, _) => app.popup = Some(other),
    }
}

// ----- the add-to-glossary form -----------------------------------------------------------

/// Opens the form for the selected issue: its flagged text as the deprecated rendering;
/// when that text is a term of the glossary entry behind the issue, that entry's preferred
/// and source terms too (so that Enter marks the rendering deprecated for that concept).
fn open_glossary_form(app: &mut App) {
    if app.session.glossary().is_none() {
        app.set_status(
            StatusKind::Info,
            "No glossary in use: start mtpe edit without --no-glossary, or with --glossary PATH, to add entries.",
        );
        return;
    }
    let Some(id) = target_issue(app) else { return };
    // A term is one line, its words separated by single spaces.
    let flagged = app
        .session
        .issue_text(id)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if flagged.is_empty() {
        app.set_status(
            StatusKind::Info,
            "This issue flags no text to add (it marks a place): edit the segment instead.",
        );
        return;
    }
    let mut form = GlossaryForm::new(&flagged, "", "", &app.source_lang);
    if let Some(entry) = app.session.glossary_entry(id) {
        let d = &entry.data;
        let is_its_term = d
            .terms
            .iter()
            .any(|t| t.text.to_lowercase() == flagged.to_lowercase());
        if is_its_term {
            let preferred = d.preferred().map_or("", |t| t.text.as_str());
            let source = d.sources.first().map_or("", String::as_str);
            let lang = if d.source_lang.is_empty() {
                app.source_lang.as_str()
            } else {
                d.source_lang.as_str()
            };
            form = GlossaryForm::new(&flagged, preferred, source, lang);
        }
    }
    app.popup = Some(Popup::GlossaryForm(Box::new(form)));
}

fn move_field(app: &mut App, forward: bool) {
    if let Some(Popup::GlossaryForm(form)) = &mut app.popup {
        let n = FormField::ALL.len();
        form.focus = if forward {
            (form.focus + 1) % n
        } else {
            (form.focus + n - 1) % n
        };
    }
}

/// Writes the form's entry to the glossary and re-checks the article. A problem with the
/// entry keeps the form open and says what to fix; a store error goes to the status line
/// (the form stays, to try again or cancel).
fn submit_glossary_form(app: &mut App) {
    let Some(Popup::GlossaryForm(form)) = &mut app.popup else {
        return;
    };
    for (i, field) in FormField::ALL.iter().enumerate() {
        if field.required() && form.field(*field).is_empty() {
            form.error = Some(format!("{} is required.", field.label()));
            form.focus = i;
            return;
        }
    }
    let deprecated = form.field(FormField::Deprecated).to_string();
    let preferred = form.field(FormField::Preferred).to_string();
    let data = EntryData::from_fix(
        &form.source_lang,
        app.session.target_lang(),
        &preferred,
        &deprecated,
        Some(form.field(FormField::Source)),
        form.field(FormField::Note),
    );
    match app.session.add_glossary_entry(data) {
        Ok((entry, outcome)) => {
            app.popup = None;
            if app.selected_issue().is_none() {
                app.select_first_issue();
            }
            let what = match outcome {
                MergeOutcome::Added => format!("Added glossary entry {entry}"),
                MergeOutcome::Updated => format!("Updated glossary entry {entry}"),
                MergeOutcome::Unchanged => format!("Glossary entry {entry} already says so"),
            };
            let checked = if app.session.checks_running() {
                "re-checking the article\u{2026}".to_string()
            } else {
                let n = app.session.open_issue_count();
                format!("re-checked: {n} open issue{}", plural(n))
            };
            app.set_status(
                StatusKind::Success,
                format!(
                    "{what}: \u{201c}{}\u{201d} \u{2192} \u{201c}{}\u{201d}; {checked}.",
                    excerpt(&deprecated, 30),
                    excerpt(&preferred, 30)
                ),
            );
        }
        Err(SessionError::Glossary(GlossaryError::Invalid(e))) => {
            if let Some(Popup::GlossaryForm(form)) = &mut app.popup {
                form.error = Some(format!("{}.", capitalised(&e.to_string())));
            }
        }
        Err(e) => session_error(app, &e),
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests;
