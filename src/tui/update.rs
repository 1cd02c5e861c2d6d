//! `update(&mut App, Action)`: the one place where the editor's state changes. Plain Rust,
//! no terminal: tests call it directly. Changes to the text go through the session, which
//! journals them durably before they are applied; a change that cannot be journaled is
//! not made, and the message says why.
//!
//! This file dispatches the actions and takes in what background threads finished; the
//! actions themselves are grouped by what they act on: `navigation.rs`, `search.rs`,
//! `issues.rs` (suggestions, ignoring, undo), `editing.rs` (the segment editor),
//! `saving.rs` (save, quit, prompts), `glossary_form.rs`, `replace.rs` (a fix applied
//! everywhere, find and replace), `save_as.rs`, `counts.rs` (vim counts, `gg`, `G`) and
//! `units.rs` (a bilingual file's units: confirming, showing the sources).

mod counts;
mod editing;
mod glossary_form;
mod issues;
mod navigation;
mod replace;
mod save_as;
mod saving;
mod search;
mod units;

use std::time::Duration;

use super::action::Action;
use super::app::{App, Mode, Popup, StatusKind};
use super::text_input::TextInput;
use crate::session::SessionError;
use editing::{edit, finish_edit, start_edit, write_draft};
use glossary_form::{move_field, open_glossary_form, submit_glossary_form};
use issues::{add_to_dictionary, apply, ignore, restore_ignored, show_ignored, undo_redo};
use navigation::{click, cycle_issue, list_move, move_to, next, page_down, page_up, toggle_diff};
use replace::{answer_everywhere, fix_everywhere, replace_command, replace_edit};
use save_as::{confirm_save_as, open_save_as, save_as_edit};
use saving::{answer, quit, save};
use search::{cancel, confirm_search};

/// Write an unfinished edit to the journal at least this often while typing.
pub const DRAFT_INTERVAL: Duration = Duration::from_secs(5);

/// Applies one action (what a count typed before it makes of it: [`counts`]).
pub fn update(app: &mut App, action: Action) {
    for action in counts::expand(app, action) {
        dispatch(app, action);
    }
}

fn dispatch(app: &mut App, action: Action) {
    if !matches!(action, Action::Resize(..) | Action::Scroll(_)) {
        app.status = None;
    }
    let place = (app.current, app.selected);
    let in_replace = matches!(app.popup, Some(Popup::Replace(_)));
    let in_everywhere = matches!(app.popup, Some(Popup::Everywhere { .. }));
    match action {
        Action::FixEverywhere(n) => fix_everywhere(app, n),
        Action::Replace(cmd) => replace_command(app, cmd),
        Action::Answer(c) if in_everywhere => answer_everywhere(app, c),
        Action::Cancel if in_everywhere => answer_everywhere(app, 'n'),
        Action::Cancel if in_replace => app.popup = None,
        Action::Edit(cmd) if in_replace => replace_edit(app, cmd),
        Action::HalfPageDown => counts::half_page(app, true),
        Action::HalfPageUp => counts::half_page(app, false),
        // Taken by `counts::expand`.
        Action::Digit(_) | Action::PendingG => {}
        Action::ScrollPane(rows) => {
            app.pane_scroll = app.pane_scroll.saturating_add(rows).clamp(-10_000, 10_000);
        }
        Action::SaveAs => open_save_as(app, false),
        Action::ConfirmSaveAs => confirm_save_as(app),
        Action::Answer('w') if matches!(app.popup, Some(Popup::QuitPrompt)) => {
            open_save_as(app, true)
        }
        Action::Cancel if matches!(app.popup, Some(Popup::SaveAs { .. })) => app.popup = None,
        Action::Edit(cmd) if matches!(app.popup, Some(Popup::SaveAs { .. })) => {
            save_as_edit(app, cmd)
        }
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
        Action::GoTo(seg) => move_to(app, seg),
        Action::Scroll(rows) => app.scroll_rows(rows),
        Action::Click { column, row } => click(app, column, row),
        Action::NextIssue => next(app, true),
        Action::PrevIssue => next(app, false),
        Action::CycleIssue => cycle_issue(app),
        Action::ApplySuggestion(n) => apply(app, n),
        Action::Ignore => ignore(app),
        Action::AddToDictionary => add_to_dictionary(app),
        Action::ShowIgnored => show_ignored(app),
        Action::StartEdit => start_edit(app),
        Action::Undo => undo_redo(app, true),
        Action::Redo => undo_redo(app, false),
        Action::StartSearch => {
            let previous = app.search.as_ref().map_or("", |s| s.query.as_str());
            app.mode = Mode::Search(TextInput::new(previous, false));
        }
        Action::ToggleDiff => toggle_diff(app),
        Action::ToggleSource => units::toggle_source(app),
        Action::ConfirmUnit => units::confirm(app),
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
    if (app.current, app.selected) != place {
        app.pane_scroll = 0;
    }
    take_session_warning(app);
    if app.follow {
        app.ensure_visible();
        app.follow = false;
    }
}

/// Says on the status line what an action that blocks for a while is about to do (saving
/// the corrected text and its diff; writing a glossary entry, which re-checks the article),
/// so that the event loop can draw that before the action runs. True if it did.
pub fn announce(app: &mut App, action: &Action) -> bool {
    let text = match (action, &app.popup) {
        (Action::Save, _) | (Action::Answer('y'), Some(Popup::QuitPrompt)) => {
            format!("Saving {}\u{2026}", app.session.output().display())
        }
        (Action::ConfirmSaveAs, Some(Popup::SaveAs { input, .. })) => {
            format!("Saving {}\u{2026}", input.text().trim())
        }
        (Action::SubmitForm, Some(Popup::GlossaryForm(form))) if form.first_missing().is_none() => {
            "Writing the glossary entry and re-checking the article\u{2026}".to_string()
        }
        _ => return false,
    };
    app.set_status(StatusKind::Info, text);
    true
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

/// Waits until every whole-document check asked for is done, and takes them in (tests,
/// benchmarks: the event loop polls instead).
pub fn wait_for_checks(app: &mut App) {
    app.session.wait_for_checks();
    checks_arrived(app);
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

#[cfg(test)]
mod tests;
