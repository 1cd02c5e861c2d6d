//! A bilingual file's units in the editor: confirming the current one (as CAT tools do,
//! then on to the next) and showing or hiding the sources.

use super::navigation::move_to;
use super::{no_segments, session_error};
use crate::tui::app::{App, StatusKind};

pub(super) fn toggle_source(app: &mut App) {
    if app.session.bilingual().is_none() {
        app.set_status(
            StatusKind::Info,
            "This article has no source: open a bilingual file, or give --source SOURCE.",
        );
        return;
    }
    app.show_source = !app.show_source;
    app.follow = true;
    let what = if app.show_source { "shown" } else { "hidden" };
    app.set_status(StatusKind::Info, format!("Sources {what} (o toggles)."));
}

pub(super) fn confirm(app: &mut App) {
    if no_segments(app, "there is no unit to confirm") {
        return;
    }
    if app.session.bilingual().is_none() {
        app.set_status(
            StatusKind::Info,
            "Only the units of a bilingual file (XLIFF, PO, TMX, TSV/CSV, --source) are confirmed.",
        );
        return;
    }
    let seg = app.current;
    let id = app
        .session
        .segment_unit(seg)
        .map(|u| u.id.clone())
        .unwrap_or_default();
    match app.session.confirm_unit(seg) {
        Ok(true) => {
            move_to(app, seg + 1);
            app.set_status(StatusKind::Info, format!("Unit {id} confirmed."));
        }
        Ok(false) => {
            move_to(app, seg + 1);
            app.set_status(
                StatusKind::Info,
                format!("Unit {id} was confirmed already."),
            );
        }
        Err(e) => session_error(app, &e),
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::sync::Arc;

    use crate::check::Engine;
    use crate::document::units::{BilingualFile, OpenOptions};
    use crate::session::{CheckMode, Session, SessionConfig};
    use crate::tui::action::Action;
    use crate::tui::app::{App, AppOptions, StatusKind};
    use crate::tui::text_input::EditCommand;
    use crate::tui::theme::Theme;
    use crate::tui::update;

    fn app(dir: &Path, fixture: &str) -> App {
        let src = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures/bilingual")
            .join(fixture);
        let path = dir.join(fixture);
        std::fs::copy(src, &path).unwrap();
        let file = BilingualFile::open(&path, &OpenOptions::default()).unwrap();
        let config = SessionConfig {
            journal: dir.join("journal.sqlite"),
            output: dir.join(format!("out-{fixture}")),
            target_lang: "en".into(),
            checking: CheckMode::Inline,
            dictionary: Default::default(),
        };
        let (session, opening) =
            Session::open_units(file, Arc::new(Engine::standard(false)), config, None).unwrap();
        App::new(
            session,
            &opening,
            AppOptions::new((80, 24), Theme { color: false }),
        )
    }

    #[test]
    fn confirming_marks_the_unit_and_moves_on_and_undo_takes_it_back() {
        let dir = tempfile::tempdir().unwrap();
        let mut app = app(dir.path(), "news.xlf");
        update(&mut app, Action::GoTo(1));
        assert!(app.session().unit_status(1).unwrap().fuzzy);
        update(&mut app, Action::ConfirmUnit);
        assert!(app.session().unit_status(1).unwrap().confirmed);
        assert_eq!(app.current(), 2, "on to the next unit");
        assert!(app.status().unwrap().text.contains("Unit 2 confirmed"));
        assert!(app.session().is_dirty());
        update(&mut app, Action::Undo);
        assert!(!app.session().unit_status(1).unwrap().confirmed);
    }

    #[test]
    fn sources_take_rows_above_their_targets_until_hidden() {
        let dir = tempfile::tempdir().unwrap();
        let mut app = app(dir.path(), "news.xlf");
        assert!(app.shows_source());
        assert_eq!(app.source_rows(0), 1);
        assert!(app.shown_source(0).unwrap().contains("数字中国"));
        update(&mut app, Action::ToggleSource);
        assert_eq!(app.source_rows(0), 0);
        update(&mut app, Action::ToggleSource);
        assert_eq!(app.source_rows(0), 1);
    }

    #[test]
    fn locked_units_are_not_edited() {
        let dir = tempfile::tempdir().unwrap();
        let mut app = app(dir.path(), "memoq.mqxliff");
        let locked = (0..app.session().segment_count())
            .find(|&u| app.session().unit_status(u).unwrap().locked)
            .unwrap();
        update(&mut app, Action::GoTo(locked));
        update(&mut app, Action::StartEdit);
        assert!(app.editing().is_none());
        let status = app.status().unwrap();
        assert_eq!(status.kind, StatusKind::Error);
        assert!(status.text.contains("locked"), "{}", status.text);
        update(&mut app, Action::ConfirmUnit);
        assert!(!app.session().unit_status(locked).unwrap().confirmed);
    }

    #[test]
    fn an_inline_code_is_deleted_whole() {
        let dir = tempfile::tempdir().unwrap();
        let mut app = app(dir.path(), "news.xlf");
        update(&mut app, Action::GoTo(1));
        let text = app.session().segment_text(1).to_string();
        let code = text.find('\u{e000}').expect("a code");
        update(&mut app, Action::StartEdit);
        update(&mut app, Action::Edit(EditCommand::LineStart));
        for _ in 0..text[..code].chars().count() {
            update(&mut app, Action::Edit(EditCommand::Right));
        }
        update(&mut app, Action::Edit(EditCommand::DeleteForward));
        update(&mut app, Action::FinishEdit);
        let after = app.session().segment_text(1);
        assert_eq!(after.len(), text.len() - '\u{e000}'.len_utf8());
        assert!(!after.contains('\u{e000}'));
        assert!(std::str::from_utf8(after.as_bytes()).is_ok());
    }

    #[test]
    fn a_text_has_no_units_to_confirm() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "One line.\n").unwrap();
        let doc = crate::document::Document::load(&path).unwrap();
        let config = SessionConfig {
            journal: dir.path().join("journal.sqlite"),
            output: dir.path().join("a.edited.txt"),
            target_lang: "en".into(),
            checking: CheckMode::Inline,
            dictionary: Default::default(),
        };
        let (session, opening) =
            Session::open(doc, Arc::new(Engine::standard(false)), config).unwrap();
        let mut app = App::new(
            session,
            &opening,
            AppOptions::new((80, 24), Theme { color: false }),
        );
        update(&mut app, Action::ConfirmUnit);
        assert!(app.status().unwrap().text.contains("bilingual"));
        assert!(!app.session().is_dirty());
        assert_eq!(app.source_rows(0), 0);
    }
}
