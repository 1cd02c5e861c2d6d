//! Save as: the prompt for a path (pre-filled with the output, to be changed), and the
//! save there. Offered after a failed save and when quitting after one.

use std::path::PathBuf;

use super::finish_edit;
use super::saving::{close, do_save};
use crate::tui::app::{App, Mode, Popup, StatusKind};
use crate::tui::text_input::{EditCommand, TextInput};

/// Opens the prompt; `quit`: quit once the save succeeds.
pub(super) fn open_save_as(app: &mut App, quit: bool) {
    if matches!(app.mode, Mode::Editing(_)) && !finish_edit(app) {
        return;
    }
    let current = app.session.output().display().to_string();
    app.popup = Some(Popup::SaveAs {
        input: TextInput::new(&current, false),
        quit,
    });
}

pub(super) fn save_as_edit(app: &mut App, cmd: EditCommand) {
    if let Some(Popup::SaveAs { input, .. }) = &mut app.popup {
        input.apply(cmd, u16::MAX);
    }
}

/// Saves to the path typed; on failure the prompt stays, to try another.
pub(super) fn confirm_save_as(app: &mut App) {
    let Some(Popup::SaveAs { input, quit }) = &app.popup else {
        return;
    };
    let path = PathBuf::from(input.text().trim());
    let quit = *quit;
    if !do_save(app, Some(&path)) {
        return;
    }
    app.popup = None;
    if quit {
        if let Some((_, short)) = &app.save_status {
            let diff = crate::session::diff_path(app.session.output());
            app.farewell
                .push(format!("mtpe: {short} and its diff {}.", diff.display()));
        }
        close(app, false);
    } else if app.status.is_none() {
        app.set_status(StatusKind::Info, "Saved.");
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
    use crate::tui::text_input::EditCommand;
    use crate::tui::theme::Theme;
    use crate::tui::update::update;

    fn app(dir: &std::path::Path) -> App {
        let path = dir.join("a.txt");
        std::fs::write(&path, "A clear and clear sky.\n").unwrap();
        std::fs::write(dir.join("blocker"), "").unwrap();
        let config = SessionConfig {
            journal: dir.join("journal.sqlite"),
            output: dir.join("blocker/out.txt"),
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

    fn retype(app: &mut App, path: &std::path::Path) {
        update(app, Action::Edit(EditCommand::DeleteToLineStart));
        for c in path.display().to_string().chars() {
            update(app, Action::Edit(EditCommand::Insert(c)));
        }
    }

    fn status(app: &App) -> String {
        app.status().map(|s| s.text.clone()).unwrap_or_default()
    }

    #[test]
    fn a_failed_save_offers_save_as_which_saves_elsewhere() {
        let dir = tempfile::tempdir().unwrap();
        let mut app = app(dir.path());
        update(&mut app, Action::ApplySuggestion(0));
        update(&mut app, Action::Save);
        assert!(
            status(&app).contains("W saves elsewhere"),
            "{}",
            status(&app)
        );
        update(&mut app, Action::SaveAs);
        let Some(Popup::SaveAs { input, quit: false }) = &app.popup else {
            panic!("no prompt: {:?}", app.popup);
        };
        assert_eq!(
            input.text(),
            dir.path().join("blocker/out.txt").display().to_string()
        );
        // Still failing: the prompt stays, to try another path.
        update(&mut app, Action::ConfirmSaveAs);
        assert!(matches!(app.popup, Some(Popup::SaveAs { .. })));
        let good = dir.path().join("good.txt");
        retype(&mut app, &good);
        update(&mut app, Action::ConfirmSaveAs);
        assert!(app.popup.is_none());
        assert!(
            status(&app).starts_with(&format!("Saved {}", good.display())),
            "{}",
            status(&app)
        );
        assert_eq!(std::fs::read_to_string(&good).unwrap(), "A clear sky.\n");
        // Later saves go there too.
        update(&mut app, Action::Undo);
        update(&mut app, Action::Save);
        assert_eq!(
            std::fs::read_to_string(&good).unwrap(),
            "A clear and clear sky.\n"
        );
        update(&mut app, Action::Cancel);
    }

    #[test]
    fn quitting_after_a_failed_save_says_where_the_changes_are() {
        let dir = tempfile::tempdir().unwrap();
        let mut app = app(dir.path());
        update(&mut app, Action::ApplySuggestion(0));
        update(&mut app, Action::Save);
        update(&mut app, Action::Quit);
        assert_eq!(app.popup, Some(Popup::QuitPrompt));
        // w: save as, then quit.
        update(&mut app, Action::Answer('w'));
        assert!(matches!(app.popup, Some(Popup::SaveAs { quit: true, .. })));
        update(&mut app, Action::Cancel);
        // k: quit, keeping the changes in the journal, and say so.
        update(&mut app, Action::Quit);
        update(&mut app, Action::Answer('k'));
        assert!(app.has_quit());
        let farewell = app.farewell.join("\n");
        assert!(farewell.contains("kept in the journal"), "{farewell}");
        assert!(farewell.contains("journal.sqlite"), "{farewell}");
    }

    #[test]
    fn save_as_then_quit() {
        let dir = tempfile::tempdir().unwrap();
        let mut app = app(dir.path());
        update(&mut app, Action::ApplySuggestion(0));
        update(&mut app, Action::Quit);
        update(&mut app, Action::Answer('w'));
        retype(&mut app, &dir.path().join("b.txt"));
        update(&mut app, Action::ConfirmSaveAs);
        assert!(app.has_quit());
        assert!(app.farewell.join("\n").contains("b.txt"));
        assert!(dir.path().join("b.txt.diff").exists());
    }
}
