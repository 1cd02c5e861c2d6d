//! Acting on issues: applying a suggestion, ignoring and restoring, and undo/redo.

use super::{no_segments, session_error};
use crate::session::IssueId;
use crate::tui::app::{App, Popup, StatusKind, excerpt};

/// The selected issue, or the current segment's first; a message if there is none.
pub(super) fn target_issue(app: &mut App) -> Option<IssueId> {
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

pub(super) fn apply(app: &mut App, n: usize) {
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

pub(super) fn ignore(app: &mut App) {
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

/// Adds the word of the selected `spelling.unknown-word` issue to the user's dictionary:
/// that issue and every other on the same word go.
pub(super) fn add_to_dictionary(app: &mut App) {
    let Some(id) = target_issue(app) else { return };
    let Some(word) = app.session.unknown_word(id) else {
        app.set_status(
            StatusKind::Info,
            "Only a word flagged as not in the dictionary (spelling.unknown-word) can be added.",
        );
        return;
    };
    match app.session.add_to_dictionary(&word) {
        Ok(()) => {
            app.select_first_issue();
            app.set_status(
                StatusKind::Success,
                format!(
                    "Added \u{201c}{}\u{201d} to your dictionary (u undoes).",
                    excerpt(&word, 40)
                ),
            );
        }
        Err(e) => session_error(app, &e),
    }
}

pub(super) fn show_ignored(app: &mut App) {
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

pub(super) fn restore_ignored(app: &mut App) {
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

pub(super) fn undo_redo(app: &mut App, undo: bool) {
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
