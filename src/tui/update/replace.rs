//! Changes at many places: a suggestion applied to every issue like the selected one
//! (after saying how many), and the find-and-replace form. The session makes each one
//! change (one undo step); this is the asking and the telling.

use super::issues::target_issue;
use super::session_error;
use crate::session::Replaced;
use crate::tui::app::{App, Popup, StatusKind, excerpt, plural};
use crate::tui::replace::{ReplaceCommand, ReplaceForm};
use crate::tui::text_input::EditCommand;

/// Asks before applying suggestion `k` of the selected issue to every issue like it (at
/// once when it is the only one).
pub(super) fn fix_everywhere(app: &mut App, k: usize) {
    let Some(id) = target_issue(app) else { return };
    match app.session.same_issues(id, k) {
        Ok(same) if same.issues.len() <= 1 => {
            app.popup = Some(Popup::Everywhere { id, k, same });
            answer_everywhere(app, 'y');
        }
        Ok(same) => app.popup = Some(Popup::Everywhere { id, k, same }),
        Err(e) => session_error(app, &e),
    }
}

/// The answer to "apply everywhere?": `y` applies, anything else cancels.
pub(super) fn answer_everywhere(app: &mut App, c: char) {
    let Some(Popup::Everywhere { id, k, same }) = app.popup.take() else {
        return;
    };
    if c != 'y' {
        app.set_status(StatusKind::Info, "Nothing changed.");
        return;
    }
    match app.session.apply_everywhere(id, k) {
        Ok(done) => {
            app.select_first_issue();
            let what = if same.suggestion.is_empty() {
                format!("Deleted \u{201c}{}\u{201d}", excerpt(&same.text, 30))
            } else {
                format!(
                    "Replaced \u{201c}{}\u{201d} by \u{201c}{}\u{201d}",
                    excerpt(&same.text, 30),
                    excerpt(&same.suggestion, 30)
                )
            };
            app.set_status(
                StatusKind::Success,
                format!(
                    "{what} ({}) {}; u undoes {}.",
                    same.check,
                    places(&done),
                    if done.count == 1 { "it" } else { "them all" }
                ),
            );
        }
        Err(e) => session_error(app, &e),
    }
}

fn places(done: &Replaced) -> String {
    format!(
        "at {} place{} in {} segment{}",
        done.count,
        plural(done.count),
        done.segments,
        plural(done.segments)
    )
}

/// A key of the find-and-replace form.
pub(super) fn replace_command(app: &mut App, cmd: ReplaceCommand) {
    if cmd == ReplaceCommand::Open {
        let query = app.search.as_ref().map_or("", |s| s.query.as_str());
        let mut form = ReplaceForm::new(query);
        recount(app, &mut form);
        app.popup = Some(Popup::Replace(Box::new(form)));
        return;
    }
    let Some(Popup::Replace(form)) = &mut app.popup else {
        return;
    };
    match cmd {
        ReplaceCommand::Open => {}
        ReplaceCommand::SwitchField => form.focus = 1 - form.focus.min(1),
        ReplaceCommand::ToggleRegex => {
            form.regex = !form.regex;
            refresh(app);
        }
        ReplaceCommand::CycleCase => {
            form.case = form.case.next();
            refresh(app);
        }
        ReplaceCommand::All => replace_all(app),
        ReplaceCommand::Next => show_next(app, None),
        ReplaceCommand::One => replace_one(app),
    }
}

/// Typing in the form's focused field.
pub(super) fn replace_edit(app: &mut App, cmd: EditCommand) {
    let Some(Popup::Replace(form)) = &mut app.popup else {
        return;
    };
    let changed = form.input_mut().apply(cmd, u16::MAX);
    if changed && form.focus == 0 {
        refresh(app);
    }
}

/// Counts the matches again (the query, its options or the text changed).
fn refresh(app: &mut App) {
    let Some(Popup::Replace(mut form)) = app.popup.take() else {
        return;
    };
    recount(app, &mut form);
    app.popup = Some(Popup::Replace(form));
}

fn recount(app: &App, form: &mut ReplaceForm) {
    form.at = None;
    match form.pattern() {
        Ok(pattern) => {
            form.error = None;
            let found = app.session.find_matches(&pattern);
            let mut segments: Vec<usize> = found.iter().map(|m| m.segment).collect();
            segments.dedup();
            form.count = (found.len(), segments.len());
        }
        Err(e) => {
            form.error = Some(e);
            form.count = (0, 0);
        }
    }
}

fn replace_all(app: &mut App) {
    let Some(Popup::Replace(form)) = &app.popup else {
        return;
    };
    let (Ok(pattern), with) = (form.pattern(), form.with.text().to_string()) else {
        return;
    };
    if pattern.query().is_empty() {
        app.set_status(StatusKind::Info, "Type what to find first.");
        return;
    }
    match app.session.replace_all(&pattern, &with) {
        Ok(done) if done.count == 0 => {
            app.set_status(StatusKind::Info, "No match to change: nothing replaced.");
        }
        Ok(done) => {
            app.popup = None;
            if let Some(seg) = done.first_segment {
                app.current = seg;
                app.follow = true;
            }
            app.select_first_issue();
            app.set_status(
                StatusKind::Success,
                format!(
                    "Replaced \u{201c}{}\u{201d} by \u{201c}{}\u{201d} {}; u undoes {}.",
                    excerpt(pattern.query(), 30),
                    excerpt(&with, 30),
                    places(&done),
                    if done.count == 1 { "it" } else { "them all" }
                ),
            );
        }
        Err(e) => session_error(app, &e),
    }
}

/// Shows the first match after `from` (segment and byte in its text), or after the
/// match shown, or from the current segment on; wraps around the document.
fn show_next(app: &mut App, from: Option<(usize, usize)>) {
    let Some(Popup::Replace(form)) = &app.popup else {
        return;
    };
    let Ok(pattern) = form.pattern() else { return };
    let found = app.session.find_matches(&pattern);
    let start = from
        .or_else(|| form.at.as_ref().map(|m| (m.segment, m.span.start + 1)))
        .unwrap_or((app.current, 0));
    let next = found
        .iter()
        .position(|m| (m.segment, m.span.start) >= start)
        .or((!found.is_empty()).then_some(0));
    let Some(i) = next else {
        app.set_status(
            StatusKind::Warning,
            format!(
                "\u{201c}{}\u{201d} not found.",
                excerpt(pattern.query(), 40)
            ),
        );
        if let Some(Popup::Replace(form)) = &mut app.popup {
            form.at = None;
        }
        return;
    };
    let m = found[i].clone();
    app.current = m.segment;
    app.select_first_issue();
    app.follow = true;
    app.set_status(
        StatusKind::Info,
        format!(
            "Match {} of {} in segment {}: ^O replaces it, ^N goes to the next, Enter replaces all.",
            i + 1,
            found.len(),
            m.segment + 1
        ),
    );
    if let Some(Popup::Replace(form)) = &mut app.popup {
        form.at = Some(m);
    }
}

/// Replaces the match shown and shows the next; without one shown, shows the next first.
fn replace_one(app: &mut App) {
    let Some(Popup::Replace(form)) = &app.popup else {
        return;
    };
    let Some(m) = form.at.clone() else {
        show_next(app, None);
        return;
    };
    let Ok(pattern) = form.pattern() else { return };
    let with = form.with.text().to_string();
    let before = app.session.segment_text(m.segment).len();
    match app.session.replace_one(&m, &pattern, &with) {
        Ok(_) => {
            let after = app.session.segment_text(m.segment).len();
            let end = (m.span.end + after).saturating_sub(before);
            refresh(app);
            let (left, _) = match &app.popup {
                Some(Popup::Replace(form)) => form.count,
                _ => (0, 0),
            };
            if left == 0 {
                app.set_status(
                    StatusKind::Success,
                    format!("Replaced in segment {}; no match left.", m.segment + 1),
                );
                return;
            }
            show_next(app, Some((m.segment, end)));
            if let Some(s) = &mut app.status {
                s.text = format!("Replaced in segment {}. {}", m.segment + 1, s.text);
            }
        }
        Err(e) => {
            session_error(app, &e);
            refresh(app);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use crate::check::Engine;
    use crate::check::repetition::tautology::Tautology;
    use crate::document::Document;
    use crate::session::{CheckMode, Session, SessionConfig};
    use crate::tui::action::Action;
    use crate::tui::app::{App, AppOptions, Popup};
    use crate::tui::replace::ReplaceCommand;
    use crate::tui::text_input::EditCommand;
    use crate::tui::theme::Theme;
    use crate::tui::update::update;

    const TEXT: &str = "A clear and clear sky. Then network power.\n\nA clear and clear day, a clear and clear night.\n\nNetwork power grows; network power wins.\n";

    fn app(dir: &tempfile::TempDir) -> App {
        let path = dir.path().join("a.txt");
        std::fs::write(&path, TEXT).unwrap();
        let config = SessionConfig {
            journal: dir.path().join("journal.sqlite"),
            output: dir.path().join("a.edited.txt"),
            target_lang: "en".into(),
            checking: CheckMode::Inline,
            dictionary: Default::default(),
        };
        let engine = Arc::new(Engine::new(vec![Box::new(Tautology)]));
        let (session, opening) =
            Session::open(Document::load(&path).unwrap(), engine, config).unwrap();
        App::new(
            session,
            &opening,
            AppOptions::new((80, 24), Theme { color: false }),
        )
    }

    fn run(app: &mut App, actions: impl IntoIterator<Item = Action>) {
        for a in actions {
            update(app, a);
        }
    }

    fn typing(text: &str) -> impl Iterator<Item = Action> + '_ {
        text.chars().map(|c| Action::Edit(EditCommand::Insert(c)))
    }

    fn status(app: &App) -> String {
        app.status().map(|s| s.text.clone()).unwrap_or_default()
    }

    #[test]
    fn fix_everywhere_asks_with_the_count_and_undoes_in_one_step() {
        let dir = tempfile::tempdir().unwrap();
        let mut app = app(&dir);
        assert_eq!(app.session.open_issue_count(), 3);
        update(&mut app, Action::FixEverywhere(0));
        let Some(Popup::Everywhere { same, .. }) = &app.popup else {
            panic!("no question: {:?}", app.popup);
        };
        assert_eq!((same.issues.len(), same.segments), (3, 2));
        // No: nothing changes.
        update(&mut app, Action::Answer('n'));
        assert!(app.popup.is_none());
        assert_eq!(app.session.current_text(), TEXT);
        run(&mut app, [Action::FixEverywhere(0), Action::Answer('y')]);
        assert_eq!(app.session.open_issue_count(), 0);
        assert!(
            status(&app).contains("at 3 places in 2 segments; u undoes them all"),
            "{}",
            status(&app)
        );
        update(&mut app, Action::Undo);
        assert_eq!(app.session.current_text(), TEXT);
        assert!(status(&app).contains("at 3 places"), "{}", status(&app));
        update(&mut app, Action::Undo);
        assert_eq!(status(&app), "Nothing to undo.");
    }

    #[test]
    fn a_single_issue_is_fixed_without_asking() {
        let dir = tempfile::tempdir().unwrap();
        let mut app = app(&dir);
        // Make the other two different first.
        run(&mut app, [Action::GoTo(2), Action::ApplySuggestion(0)]);
        run(&mut app, [Action::GoTo(2), Action::ApplySuggestion(0)]);
        run(&mut app, [Action::GoTo(0), Action::FixEverywhere(0)]);
        assert!(app.popup.is_none());
        assert!(
            status(&app).contains("at 1 place in 1 segment; u undoes it"),
            "{}",
            status(&app)
        );
    }

    #[test]
    fn find_and_replace_counts_then_replaces_all_or_one() {
        let dir = tempfile::tempdir().unwrap();
        let mut app = app(&dir);
        update(&mut app, Action::Replace(ReplaceCommand::Open));
        run(&mut app, typing("network power"));
        let count = |app: &App| match &app.popup {
            Some(Popup::Replace(f)) => f.count,
            _ => panic!("the form closed"),
        };
        assert_eq!(count(&app), (3, 2));
        update(&mut app, Action::Replace(ReplaceCommand::CycleCase));
        assert_eq!(count(&app), (2, 2), "match case");
        update(&mut app, Action::Replace(ReplaceCommand::CycleCase));
        update(&mut app, Action::Replace(ReplaceCommand::CycleCase));
        update(&mut app, Action::Replace(ReplaceCommand::ToggleRegex));
        run(&mut app, typing("|nothing("));
        assert!(matches!(&app.popup, Some(Popup::Replace(f)) if f.error.is_some()));
        for _ in 0..9 {
            update(&mut app, Action::Edit(EditCommand::DeleteBack));
        }
        assert_eq!(count(&app), (3, 2));
        update(&mut app, Action::Replace(ReplaceCommand::SwitchField));
        run(&mut app, typing("cyberpower"));
        // One at a time: the first shows the match, the next replaces it.
        update(&mut app, Action::Replace(ReplaceCommand::One));
        assert_eq!(app.current(), 1);
        assert!(
            status(&app).starts_with("Match 1 of 3 in segment 2"),
            "{}",
            status(&app)
        );
        update(&mut app, Action::Replace(ReplaceCommand::One));
        assert_eq!(count(&app), (2, 1));
        assert!(app.session.segment_text(1).contains("cyberpower"));
        assert!(
            status(&app).starts_with("Replaced in segment 2. Match 1 of 2"),
            "{}",
            status(&app)
        );
        // Then all that are left, as one change.
        update(&mut app, Action::Replace(ReplaceCommand::All));
        assert!(app.popup.is_none());
        assert_eq!(app.session.current_text().matches("cyberpower").count(), 3);
        assert!(
            status(&app).contains("at 2 places in 1 segment"),
            "{}",
            status(&app)
        );
        update(&mut app, Action::Undo);
        assert_eq!(app.session.current_text().matches("cyberpower").count(), 1);
        // Esc closes the form and changes nothing.
        run(
            &mut app,
            [Action::Replace(ReplaceCommand::Open), Action::Cancel],
        );
        assert!(app.popup.is_none());
    }
}
