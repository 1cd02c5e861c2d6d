//! Saving, quitting, and the answers to the prompts about saving and recovering.

use super::{finish_edit, session_error};
use crate::tui::app::{App, Mode, Popup, StatusKind, plural};

pub(super) fn save(app: &mut App) {
    if matches!(app.mode, Mode::Editing(_)) && !finish_edit(app) {
        return;
    }
    do_save(app, None);
}

/// Saves (to `to`, when given, instead of the output); true on success (the message says
/// what was written either way).
pub(super) fn do_save(app: &mut App, to: Option<&std::path::Path>) -> bool {
    let saved = match to {
        Some(path) => app.session.save_as(path),
        None => app.session.save(),
    };
    app.save_failed = saved.is_err();
    match saved {
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
            app.set_status(
                StatusKind::Error,
                format!("{e}. W saves elsewhere; the changes are kept in the journal meanwhile."),
            );
            false
        }
    }
}

pub(super) fn quit(app: &mut App) {
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

/// Where unsaved changes are when the editor quits without saving or discarding them.
pub(super) fn kept_in_journal(app: &App) -> String {
    format!(
        "mtpe: the unsaved changes are kept in the journal {}: open {} again to recover them.",
        app.session.journal_path().display(),
        app.session.name()
    )
}

pub(super) fn close(app: &mut App, discard: bool) {
    match app.session.close(discard) {
        Ok(()) => app.quit = true,
        Err(e) => session_error(app, &e),
    }
}

pub(super) fn answer(app: &mut App, c: char) {
    let Some(popup) = app.popup.take() else {
        return;
    };
    match (popup, c) {
        (Popup::QuitPrompt, 'y') => {
            if do_save(app, None) {
                if let Some((_, short)) = &app.save_status {
                    let diff = crate::session::diff_path(app.session.output());
                    app.farewell
                        .push(format!("mtpe: {short} and its diff {}.", diff.display()));
                }
                close(app, false);
            }
        }
        (Popup::QuitPrompt, 'n') => close(app, true),
        (Popup::QuitPrompt, 'k') => {
            app.farewell.push(kept_in_journal(app));
            close(app, false);
        }
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
