//! Unit tests of `update`: every action, on a real session with a journal in a temp dir.

use std::sync::Arc;
use std::time::Instant;

use super::*;
use crate::check::Engine;
use crate::check::repetition::{
    doubled::DoubledPhrase, duplicate_line::DuplicateLine, tautology::Tautology,
};
use crate::document::Document;
use crate::glossary::{EntryData, Fill, Glossary, TermStatus};
use crate::session::{CheckMode, Session, SessionConfig, SessionGlossary};
use crate::tui::app::{AppOptions, Scroll};
use crate::tui::form::{FormField, GlossaryForm};
use crate::tui::text_input::EditCommand;
use crate::tui::theme::Theme;

const TEXT: &str = "Breaking news headline\r\nBreaking news headline\r\nWe saw the the results. It was a clear and clear day.\r\nSecond paragraph here.\r\n";

fn engine() -> Arc<Engine> {
    Arc::new(Engine::new(vec![
        Box::new(DoubledPhrase),
        Box::new(Tautology),
        Box::new(DuplicateLine::default()),
    ]))
}

struct Fixture {
    dir: tempfile::TempDir,
}

impl Fixture {
    fn new(text: &str) -> Self {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), text).unwrap();
        Fixture { dir }
    }

    fn app(&self) -> App {
        self.app_sized(80, 24)
    }

    fn app_sized(&self, w: u16, h: u16) -> App {
        let doc = Document::load(&self.dir.path().join("a.txt")).unwrap();
        let (session, opening) = Session::open(doc, engine(), self.config()).unwrap();
        App::new(
            session,
            &opening,
            AppOptions::new((w, h), Theme { color: false }),
        )
    }

    fn config(&self) -> SessionConfig {
        SessionConfig {
            journal: self.dir.path().join("journal.sqlite"),
            output: self.dir.path().join("a.edited.txt"),
            target_lang: "en".into(),
            checking: CheckMode::Inline,
            dictionary: Default::default(),
        }
    }

    fn glossary_path(&self) -> std::path::PathBuf {
        self.dir.path().join("glossary.sqlite")
    }

    /// An editor with the terminology checks and a glossary file holding "major incident"
    /// (deprecated: "big accident", "grave accident").
    fn app_with_glossary(&self) -> App {
        let mut g = Glossary::create(&self.glossary_path(), Fill::Empty).unwrap();
        let mut e = EntryData::from_fix(
            "zh",
            "en",
            "major incident",
            "big accident",
            Some("重大事故"),
            "",
        );
        e.terms.push(crate::glossary::Term::new(
            "grave accident",
            TermStatus::Admitted,
        ));
        g.add(e).unwrap();
        let mut checks: Vec<Box<dyn crate::check::Check>> = vec![
            Box::new(DoubledPhrase),
            Box::new(Tautology),
            Box::new(DuplicateLine::default()),
        ];
        checks.extend(crate::check::registry::terminology_checks());
        let doc = Document::load(&self.dir.path().join("a.txt")).unwrap();
        let glossary = SessionGlossary::new(g, "glossary.sqlite");
        let (session, opening) = Session::open_with_glossary(
            doc,
            Arc::new(Engine::new(checks)),
            self.config(),
            Some(glossary),
        )
        .unwrap();
        App::new(
            session,
            &opening,
            AppOptions::new((80, 24), Theme { color: false }),
        )
    }

    /// The glossary file's entries, read by another connection.
    fn glossary_entries(&self) -> Vec<crate::glossary::Entry> {
        Glossary::open(&self.glossary_path())
            .unwrap()
            .list()
            .unwrap()
    }

    fn saved(&self) -> Option<String> {
        std::fs::read_to_string(self.dir.path().join("a.edited.txt")).ok()
    }
}

fn run(app: &mut App, actions: impl IntoIterator<Item = Action>) {
    for a in actions {
        update(app, a);
    }
}

fn typing(text: &str) -> Vec<Action> {
    text.chars()
        .map(|c| Action::Edit(EditCommand::Insert(c)))
        .collect()
}

fn status(app: &App) -> &str {
    app.status.as_ref().map_or("", |s| s.text.as_str())
}

fn selected_text(app: &App) -> String {
    app.selected_issue()
        .map(|id| app.session.issue_text(id).to_string())
        .unwrap_or_default()
}

#[test]
fn moving_between_segments() {
    let f = Fixture::new(TEXT);
    let mut app = f.app();
    assert_eq!(app.current, 0);
    run(&mut app, [Action::NextSegment, Action::NextSegment]);
    assert_eq!(app.current, 2);
    assert_eq!(selected_text(&app), "the the");
    run(&mut app, [Action::PrevSegment]);
    assert_eq!(app.current, 1);
    run(&mut app, [Action::LastSegment, Action::NextSegment]);
    assert_eq!(app.current, 4);
    run(&mut app, [Action::FirstSegment, Action::PrevSegment]);
    assert_eq!(app.current, 0);
    run(&mut app, [Action::PageDown]);
    assert_eq!(app.current, 4, "a page holds the whole article");
    run(&mut app, [Action::PageUp]);
    assert_eq!(app.current, 0);
}

#[test]
fn paging_and_scrolling_a_long_article() {
    let text: String = (1..=200).map(|i| format!("Line number {i}.\n")).collect();
    let f = Fixture::new(&text);
    let mut app = f.app_sized(80, 24);
    run(&mut app, [Action::PageDown]);
    let after_one_page = app.current;
    assert!(after_one_page > 5, "{after_one_page}");
    assert_eq!(app.scroll.top, after_one_page);
    run(&mut app, [Action::PageUp]);
    assert!(app.current < after_one_page);
    run(&mut app, [Action::LastSegment]);
    assert_eq!(app.current, 199);
    // The last segment is on screen: the rows from the top to it fit the list.
    let list = usize::from(app.areas().list.height);
    let rows: usize = (app.scroll.top..=199).map(|s| app.item_height(s)).sum();
    assert!(rows - app.scroll.skip <= list);
    // The wheel scrolls without moving the current segment.
    run(&mut app, [Action::FirstSegment, Action::Scroll(9)]);
    assert_eq!(app.current, 0);
    assert_eq!(app.scroll, Scroll { top: 9, skip: 0 });
    run(&mut app, [Action::Scroll(-4)]);
    assert_eq!(app.scroll, Scroll { top: 5, skip: 0 });
    run(&mut app, [Action::Scroll(-40)]);
    assert_eq!(app.scroll, Scroll::default());
}

#[test]
fn resizing_keeps_the_position() {
    let text: String = (1..=100)
        .map(|i| format!("Sentence number {i} is here.\n"))
        .collect();
    let f = Fixture::new(&text);
    let mut app = f.app_sized(120, 40);
    for _ in 0..60 {
        update(&mut app, Action::NextSegment);
    }
    for (w, h) in [(40, 10), (200, 60), (20, 5), (80, 24)] {
        update(&mut app, Action::Resize(w, h));
        assert_eq!(app.current, 60);
        let list = usize::from(app.areas().list.height);
        let top = app.scroll.top;
        assert!(top <= 60);
        let rows: usize = (top..=60).map(|s| app.item_height(s)).sum();
        assert!(rows - app.scroll.skip <= list.max(1), "{w}x{h}");
    }
}

#[test]
fn clicks_select_segments_and_issues() {
    let f = Fixture::new(TEXT);
    let mut app = f.app();
    let list = app.areas().list;
    // Segment 3 ("We saw the the results.") is on the third row.
    let gutter = crate::tui::app::gutter_width(app.session.segment_count());
    let row = (0..usize::from(list.height))
        .find(|&r| app.item_at_row(r).is_some_and(|(s, i)| s == 2 && i == 0))
        .unwrap();
    let y = list.y + u16::try_from(row).unwrap();
    // Click on "the the" (columns 7.. of the text).
    update(
        &mut app,
        Action::Click {
            column: gutter + 8,
            row: y,
        },
    );
    assert_eq!(app.current, 2);
    assert_eq!(selected_text(&app), "the the");
    // In the pane, the tautology (second issue) is further down.
    run(&mut app, [Action::NextSegment, Action::PrevSegment]);
    let pane = app.areas().pane.unwrap();
    let found = (pane.y..pane.bottom()).find(|&r| {
        crate::tui::view::issue_at_pane_row(&app, pane, r)
            .is_some_and(|id| app.session.issue_text(id) == "clear and clear")
    });
    assert!(found.is_none(), "the tautology is listed under segment 4");
    update(&mut app, Action::NextSegment);
    let row = (pane.y..pane.bottom())
        .find(|&r| crate::tui::view::issue_at_pane_row(&app, pane, r).is_some())
        .unwrap();
    update(&mut app, Action::Click { column: 5, row });
    assert_eq!(selected_text(&app), "clear and clear");
}

#[test]
fn next_and_previous_issue_wrap_around() {
    let f = Fixture::new(TEXT);
    let mut app = f.app();
    let mut seen = Vec::new();
    for _ in 0..4 {
        update(&mut app, Action::NextIssue);
        seen.push((app.current, selected_text(&app)));
    }
    assert_eq!(
        seen,
        [
            (1, "Breaking news headline".to_string()),
            (2, "the the".to_string()),
            (3, "clear and clear".to_string()),
            (1, "Breaking news headline".to_string()),
        ]
    );
    assert!(status(&app).contains("Wrapped"), "{}", status(&app));
    update(&mut app, Action::PrevIssue);
    assert_eq!(selected_text(&app), "clear and clear");
}

#[test]
fn cycling_issues_of_a_segment() {
    let text = "It was the the clear and clear day.\n";
    let f = Fixture::new(text);
    let mut app = f.app();
    assert_eq!(selected_text(&app), "the the");
    update(&mut app, Action::CycleIssue);
    assert_eq!(selected_text(&app), "clear and clear");
    update(&mut app, Action::CycleIssue);
    assert_eq!(selected_text(&app), "the the");
}

#[test]
fn applying_suggestions() {
    let f = Fixture::new(TEXT);
    let mut app = f.app();
    run(&mut app, [Action::NextIssue, Action::NextIssue]);
    update(&mut app, Action::ApplySuggestion(0));
    assert_eq!(app.session.segment_text(2), "We saw the results.");
    assert!(status(&app).contains("Replaced \u{201c}the the\u{201d} by \u{201c}the\u{201d}"));
    assert!(app.session.is_dirty());
    // A suggestion number that does not exist.
    update(&mut app, Action::NextIssue);
    assert_eq!(selected_text(&app), "clear and clear");
    update(&mut app, Action::ApplySuggestion(4));
    assert!(status(&app).contains("suggestion"), "{}", status(&app));
    assert_eq!(app.session.segment_text(3), "It was a clear and clear day.");
    update(&mut app, Action::ApplySuggestion(0));
    assert_eq!(app.session.segment_text(3), "It was a clear day.");
    // Deleting the duplicated headline removes its line.
    update(&mut app, Action::NextIssue);
    assert_eq!(app.current, 1);
    update(&mut app, Action::ApplySuggestion(0));
    assert_eq!(
        app.session.current_text(),
        "Breaking news headline\r\nWe saw the results. It was a clear day.\r\nSecond paragraph here.\r\n"
    );
    // Nothing left: a message, no change.
    update(&mut app, Action::ApplySuggestion(0));
    assert!(status(&app).contains("No open issue"), "{}", status(&app));
    update(&mut app, Action::NextIssue);
    assert!(status(&app).contains("No open issues in the document"));
}

#[test]
fn ignoring_and_restoring() {
    let f = Fixture::new(TEXT);
    let mut app = f.app();
    run(
        &mut app,
        [Action::NextIssue, Action::NextIssue, Action::Ignore],
    );
    assert!(status(&app).starts_with("Ignored repetition.doubled"));
    assert!(app.session.segment_issues(2).is_empty());
    update(&mut app, Action::ShowIgnored);
    match &app.popup {
        Some(Popup::Ignored { entries, .. }) => {
            assert_eq!(entries.len(), 1);
            assert_eq!(entries[0].1, Some(2));
        }
        other => panic!("{other:?}"),
    }
    run(&mut app, [Action::ListDown, Action::ListChoose]);
    assert!(app.popup.is_none());
    assert_eq!(app.session.segment_issues(2).len(), 1);
    assert!(status(&app).starts_with("Restored"));
    update(&mut app, Action::ShowIgnored);
    assert!(app.popup.is_none());
    assert!(status(&app).contains("No issues are ignored"));
    // Esc closes the list.
    run(
        &mut app,
        [
            Action::NextIssue,
            Action::Ignore,
            Action::ShowIgnored,
            Action::Cancel,
        ],
    );
    assert!(app.popup.is_none());
}

#[test]
fn editing_a_segment() {
    let f = Fixture::new(TEXT);
    let mut app = f.app();
    run(
        &mut app,
        [Action::NextIssue, Action::NextIssue, Action::StartEdit],
    );
    // The cursor starts at the selected issue.
    let Mode::Editing(e) = &app.mode else {
        panic!("not editing")
    };
    assert_eq!(e.input.cursor(), 7);
    assert_eq!(e.live.len(), 1, "the issue is shown while typing");
    run(&mut app, [Action::Edit(EditCommand::DeleteWordForward)]);
    run(&mut app, [Action::Edit(EditCommand::DeleteForward)]);
    let Mode::Editing(e) = &app.mode else {
        panic!("not editing")
    };
    assert_eq!(e.input.text(), "We saw the results.");
    assert!(e.live.is_empty(), "fixed as typed");
    run(&mut app, [Action::Edit(EditCommand::TextEnd)]);
    run(&mut app, typing(" Then"));
    run(&mut app, [Action::Edit(EditCommand::Newline)]);
    run(&mut app, typing("more."));
    update(&mut app, Action::FinishEdit);
    assert!(matches!(app.mode, Mode::Normal));
    // The line break is written as the document's (CRLF).
    assert_eq!(
        app.session.segment_text(2),
        "We saw the results. Then\r\nmore."
    );
    assert!(status(&app).starts_with("Segment 3 changed"));
    // Undo and redo the whole edit.
    update(&mut app, Action::Undo);
    assert_eq!(app.session.segment_text(2), "We saw the the results.");
    assert!(status(&app).contains("Undid the edit"), "{}", status(&app));
    update(&mut app, Action::Redo);
    assert_eq!(
        app.session.segment_text(2),
        "We saw the results. Then\r\nmore."
    );
    // Editing without a change changes nothing.
    run(&mut app, [Action::StartEdit, Action::FinishEdit]);
    assert!(status(&app).contains("unchanged"));
    assert!(app.session.can_undo());
}

#[test]
fn editor_undo_paste_and_grapheme_keys() {
    let f = Fixture::new("Café au lait.\n");
    let mut app = f.app();
    update(&mut app, Action::StartEdit);
    run(
        &mut app,
        [
            Action::Edit(EditCommand::LineStart),
            Action::Edit(EditCommand::WordRight),
            Action::Edit(EditCommand::DeleteBack),
            Action::Edit(EditCommand::Paste("e\u{301}\r\n2".into())),
        ],
    );
    let text = |app: &App| app.editing().unwrap().input.text().to_string();
    assert_eq!(text(&app), "Cafe\u{301}\n2 au lait.");
    run(&mut app, [Action::Edit(EditCommand::Undo)]);
    assert_eq!(text(&app), "Caf au lait.");
    run(&mut app, [Action::Edit(EditCommand::Redo)]);
    run(
        &mut app,
        [
            Action::Edit(EditCommand::Up),
            Action::Edit(EditCommand::LineEnd),
            Action::Edit(EditCommand::DeleteBack),
        ],
    );
    assert_eq!(text(&app), "Caf\n2 au lait.", "one grapheme deleted");
    run(&mut app, [Action::Edit(EditCommand::DeleteToLineStart)]);
    assert_eq!(text(&app), "\n2 au lait.");
    update(&mut app, Action::FinishEdit);
    assert_eq!(app.session.current_text(), "\n2 au lait.\n");
}

#[test]
fn search_moves_between_matches_until_escape() {
    let f = Fixture::new(TEXT);
    let mut app = f.app();
    update(&mut app, Action::StartSearch);
    run(&mut app, typing("breaking"));
    update(&mut app, Action::ConfirmSearch);
    assert_eq!(app.current, 0);
    assert!(status(&app).contains("segment 1"), "{}", status(&app));
    update(&mut app, Action::NextIssue);
    assert_eq!(app.current, 1);
    update(&mut app, Action::NextIssue);
    assert_eq!(app.current, 0);
    assert!(status(&app).contains("wrapped"));
    update(&mut app, Action::PrevIssue);
    assert_eq!(app.current, 1);
    update(&mut app, Action::Cancel);
    assert!(app.search.is_none());
    update(&mut app, Action::NextIssue);
    assert_eq!(selected_text(&app), "the the", "n is back to issues");
    // Several matches in one segment, and a miss.
    run(&mut app, [Action::StartSearch]);
    run(&mut app, [Action::Edit(EditCommand::DeleteToLineStart)]);
    run(&mut app, typing("clear"));
    update(&mut app, Action::ConfirmSearch);
    assert_eq!(app.search.as_ref().unwrap().at, Some((3, 9..14)));
    update(&mut app, Action::NextIssue);
    assert_eq!(app.search.as_ref().unwrap().at, Some((3, 19..24)));
    run(&mut app, [Action::StartSearch]);
    run(&mut app, [Action::Edit(EditCommand::DeleteToLineStart)]);
    run(&mut app, typing("zebra"));
    update(&mut app, Action::ConfirmSearch);
    assert!(status(&app).contains("not found"));
    // Esc in the prompt cancels it.
    run(&mut app, [Action::StartSearch, Action::Cancel]);
    assert!(matches!(app.mode, Mode::Normal));
}

#[test]
fn diff_view_toggles() {
    let f = Fixture::new(TEXT);
    let mut app = f.app();
    run(
        &mut app,
        [
            Action::NextIssue,
            Action::NextIssue,
            Action::ApplySuggestion(0),
        ],
    );
    update(&mut app, Action::ToggleDiff);
    match app.item_content(2) {
        crate::tui::app::ItemContent::Diff(text, _) => {
            assert_eq!(text, "We saw the [-the-] results.");
        }
        _ => panic!("no diff"),
    }
    assert!(status(&app).contains("[-removed-]"));
    update(&mut app, Action::NextSegment);
    assert!(status(&app).is_empty());
    update(&mut app, Action::ToggleDiff);
    assert!(matches!(
        app.item_content(3),
        crate::tui::app::ItemContent::Text(_)
    ));
}

#[test]
fn help_opens_scrolls_and_closes() {
    let f = Fixture::new(TEXT);
    let mut app = f.app();
    update(&mut app, Action::ToggleHelp);
    assert_eq!(app.popup, Some(Popup::Help));
    run(
        &mut app,
        [Action::ListDown, Action::ListDown, Action::PageDown],
    );
    assert!(app.help_scroll > 2);
    assert_eq!(app.current, 0, "paging scrolls the help, not the article");
    update(&mut app, Action::ToggleHelp);
    assert_eq!(app.popup, None);
}

#[test]
fn saving_writes_text_and_diff() {
    let f = Fixture::new(TEXT);
    let mut app = f.app();
    run(
        &mut app,
        [
            Action::NextIssue,
            Action::NextIssue,
            Action::ApplySuggestion(0),
        ],
    );
    // Saving while editing keeps the edit first.
    run(&mut app, [Action::NextSegment, Action::StartEdit]);
    run(&mut app, [Action::Edit(EditCommand::TextStart)]);
    run(&mut app, typing("And "));
    update(&mut app, Action::Save);
    assert!(matches!(app.mode, Mode::Normal));
    assert!(status(&app).starts_with("Saved "), "{}", status(&app));
    assert!(status(&app).contains("2 edited segments"));
    let saved = f.saved().unwrap();
    assert_eq!(
        saved,
        TEXT.replace("the the", "the")
            .replace("It was", "And It was")
    );
    let diff = std::fs::read_to_string(f.dir.path().join("a.edited.txt.diff")).unwrap();
    assert!(diff.contains("+We saw the results. And It was a clear and clear day.\r\n"));
    assert!(!app.session.is_dirty());
    update(&mut app, Action::Quit);
    assert!(app.quit, "nothing unsaved: quits at once");
}

#[test]
fn a_failed_save_says_why_and_keeps_the_work() {
    let f = Fixture::new(TEXT);
    let mut app = f.app();
    std::fs::create_dir(f.dir.path().join("a.edited.txt")).unwrap();
    run(
        &mut app,
        [Action::NextIssue, Action::ApplySuggestion(0), Action::Save],
    );
    assert_eq!(app.status.as_ref().unwrap().kind, StatusKind::Error);
    assert!(status(&app).contains("cannot save"), "{}", status(&app));
    assert!(app.session.is_dirty());
    update(&mut app, Action::Quit);
    assert_eq!(app.popup, Some(Popup::QuitPrompt));
    // "y" tries to save, fails, and does not quit.
    update(&mut app, Action::Answer('y'));
    assert!(!app.quit);
    assert!(status(&app).contains("cannot save"));
}

#[test]
fn quitting_asks_about_unsaved_changes() {
    let f = Fixture::new(TEXT);
    let mut app = f.app();
    run(
        &mut app,
        [Action::NextIssue, Action::ApplySuggestion(0), Action::Quit],
    );
    assert_eq!(app.popup, Some(Popup::QuitPrompt));
    update(&mut app, Action::Answer('c'));
    assert!(app.popup.is_none() && !app.quit);
    // Asked to keep its journal (by default a clean quit drops it).
    app.session.keep_journal(true);
    run(&mut app, [Action::Quit, Action::Answer('y')]);
    assert!(app.quit);
    assert!(f.saved().is_some());
    drop(app);
    // Reopening resumes the saved work.
    let mut app = f.app();
    app.session.keep_journal(true);
    assert!(status(&app).starts_with("Resumed 1 earlier change"));
    run(
        &mut app,
        [Action::NextIssue, Action::ApplySuggestion(0), Action::Quit],
    );
    update(&mut app, Action::Answer('n'));
    assert!(app.quit);
    drop(app);
    // "n" dropped the unsaved change: no recovery prompt, the saved state is back.
    let app = f.app();
    assert!(app.popup.is_none());
    assert_eq!(app.session.current_text(), f.saved().unwrap());
}

#[test]
fn recovery_prompt_after_a_crash() {
    let f = Fixture::new(TEXT);
    {
        let mut app = f.app();
        run(
            &mut app,
            [
                Action::NextIssue,
                Action::NextIssue,
                Action::ApplySuggestion(0),
            ],
        );
        run(&mut app, [Action::NextSegment, Action::StartEdit]);
        run(&mut app, [Action::Edit(EditCommand::TextEnd)]);
        run(&mut app, typing(" Half"));
        super::idle(&mut app);
        // Killed: nothing more happens.
    }
    let mut app = f.app();
    match &app.popup {
        Some(Popup::Recovery {
            changes,
            draft_segment,
            ..
        }) => {
            assert_eq!(*changes, 2);
            assert_eq!(*draft_segment, Some(3));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(app.session.current_text(), TEXT);
    update(&mut app, Action::Answer('r'));
    assert!(app.popup.is_none());
    assert!(status(&app).starts_with("Recovered 2 changes"));
    assert_eq!(app.current, 3);
    assert_eq!(app.session.segment_text(2), "We saw the results.");
    assert_eq!(
        app.session.segment_text(3),
        "It was a clear and clear day. Half"
    );
    run(&mut app, [Action::Quit, Action::Answer('n')]);
    assert!(app.quit);
    drop(app);
    // And again, discarding this time.
    {
        let mut app = f.app();
        run(&mut app, [Action::LastSegment, Action::StartEdit]);
        run(&mut app, typing("!"));
        super::idle(&mut app);
    }
    let mut app = f.app();
    assert!(matches!(
        app.popup,
        Some(Popup::Recovery { changes: 1, .. })
    ));
    update(&mut app, Action::Answer('d'));
    assert!(status(&app).starts_with("Discarded"));
    assert_eq!(app.session.segment_text(4), "Second paragraph here.");
}

#[test]
fn a_journal_that_cannot_be_written_blocks_the_change() {
    let f = Fixture::new(TEXT);
    let mut app = f.app();
    app.session.break_journal_for_test();
    run(&mut app, [Action::NextIssue, Action::ApplySuggestion(0)]);
    assert_eq!(app.status.as_ref().unwrap().kind, StatusKind::Error);
    assert!(
        status(&app).starts_with("Not done: cannot write the journal"),
        "{}",
        status(&app)
    );
    assert_eq!(app.session.current_text(), TEXT, "nothing changed");
    // An edit stays open so that the typed text is not lost.
    run(&mut app, [Action::StartEdit]);
    run(&mut app, typing("x"));
    update(&mut app, Action::FinishEdit);
    assert!(matches!(app.mode, Mode::Editing(_)));
}

#[test]
fn a_tiny_terminal_still_works() {
    let f = Fixture::new(TEXT);
    let mut app = f.app_sized(40, 10);
    run(
        &mut app,
        [
            Action::NextIssue,
            Action::NextIssue,
            Action::StartEdit,
            Action::Edit(EditCommand::Insert('x')),
            Action::FinishEdit,
            Action::Resize(3, 2),
            Action::NextSegment,
            Action::Resize(1, 1),
            Action::PageDown,
            Action::Resize(0, 0),
            Action::PrevSegment,
        ],
    );
    assert_eq!(app.current, 3);
}

#[test]
fn a_changed_article_is_asked_about() {
    let f = Fixture::new(TEXT);
    {
        let mut app = f.app();
        run(
            &mut app,
            [
                Action::NextIssue,
                Action::NextIssue,
                Action::ApplySuggestion(0),
            ],
        );
        run(&mut app, [Action::LastSegment, Action::StartEdit]);
        run(&mut app, typing(" Extra."));
        update(&mut app, Action::FinishEdit);
    }
    // The third line is rewritten on disk meanwhile.
    let changed = TEXT.replace("We saw the the results.", "We saw results.");
    std::fs::write(f.dir.path().join("a.txt"), &changed).unwrap();
    let mut app = f.app();
    assert!(matches!(
        app.popup,
        Some(Popup::ArticleChanged { changes: 2, .. })
    ));
    assert_eq!(app.session.current_text(), changed, "nothing applied yet");
    // "q" leaves without touching the journal.
    update(&mut app, Action::Answer('q'));
    assert!(app.quit);
    drop(app);
    let mut app = f.app();
    assert!(matches!(app.popup, Some(Popup::ArticleChanged { .. })));
    update(&mut app, Action::Answer('a'));
    assert!(
        status(&app).contains("1 no longer fits the changed article"),
        "{}",
        status(&app)
    );
    assert_eq!(app.session.segment_text(4), "Second paragraph here. Extra.");
    assert_eq!(app.session.segment_text(2), "We saw results.");
}

#[test]
fn list_selection_moves_both_ways() {
    let text = "One the the and a a here.\n";
    let f = Fixture::new(text);
    let mut app = f.app();
    run(
        &mut app,
        [Action::Ignore, Action::CycleIssue, Action::Ignore],
    );
    update(&mut app, Action::ShowIgnored);
    let selected = |app: &App| match &app.popup {
        Some(Popup::Ignored { selected, .. }) => *selected,
        _ => usize::MAX,
    };
    assert_eq!(selected(&app), 0);
    run(&mut app, [Action::ListDown, Action::ListDown]);
    assert_eq!(selected(&app), 1, "stops at the last entry");
    run(&mut app, [Action::ListUp, Action::ListUp]);
    assert_eq!(selected(&app), 0);
}

#[test]
fn clicking_in_the_editor_moves_the_cursor() {
    let f = Fixture::new(TEXT);
    let mut app = f.app();
    run(
        &mut app,
        [Action::NextIssue, Action::NextIssue, Action::StartEdit],
    );
    let list = app.areas().list;
    let row = (0..usize::from(list.height))
        .find(|&r| app.item_at_row(r).is_some_and(|(s, i)| s == 2 && i == 0))
        .unwrap();
    let gutter = crate::tui::app::gutter_width(app.session.segment_count());
    update(
        &mut app,
        Action::Click {
            column: gutter + 3,
            row: list.y + u16::try_from(row).unwrap(),
        },
    );
    assert_eq!(app.editing().unwrap().input.cursor(), 3);
}

// ----- the glossary: the pane's entry, the add-to-glossary form ---------------------------

const TERMS: &str = "A big accident happened. It was a clear and clear day.\nThe grave accident was reported as a major incident.\n";

fn form(app: &App) -> &GlossaryForm {
    match &app.popup {
        Some(Popup::GlossaryForm(f)) => f,
        other => panic!("no form: {other:?}"),
    }
}

fn select(app: &mut App, text: &str) {
    for _ in 0..20 {
        if selected_text(app) == text {
            return;
        }
        update(app, Action::NextIssue);
    }
    panic!("no issue on {text:?}");
}

#[test]
fn terminology_issues_carry_their_glossary_entry() {
    let f = Fixture::new(TERMS);
    let app = f.app_with_glossary();
    assert_eq!(app.glossary.as_deref(), Some("glossary.sqlite"));
    let id = app.selected_issue().unwrap();
    let si = app.session.issue(id).unwrap();
    assert_eq!(si.issue.check, "terminology.deprecated");
    assert_eq!(app.session.issue_text(id), "big accident");
    let entry = app.session.glossary_entry(id).expect("the entry behind it");
    assert_eq!(entry.data.sources, ["重大事故"]);
    assert_eq!(entry.data.preferred().unwrap().text, "major incident");
    // The pane shows it.
    let Ok(mut t) = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 34));
    let Ok(_) = t.draw(|fr| crate::tui::view::view(&app, fr));
    let screen = t.backend().to_string();
    assert!(screen.contains("glossary entry 1"), "{screen}");
    assert!(screen.contains("preferred  major incident"), "{screen}");
    assert!(screen.contains("admitted   grave accident"), "{screen}");
    // Without a glossary there is none, and `t` says why.
    let plain = Fixture::new(TERMS);
    let mut app = plain.app();
    assert!(app.glossary.is_none());
    update(&mut app, Action::AddGlossaryEntry);
    assert!(app.popup.is_none());
    assert!(
        status(&app).contains("No glossary in use"),
        "{}",
        status(&app)
    );
}

#[test]
fn the_form_opens_on_the_selected_span_and_moves_between_fields() {
    let f = Fixture::new(TERMS);
    let mut app = f.app_with_glossary();
    select(&mut app, "clear and clear");
    update(&mut app, Action::AddGlossaryEntry);
    let fm = form(&app);
    assert_eq!(fm.field(FormField::Deprecated), "clear and clear");
    assert_eq!(fm.field(FormField::Preferred), "");
    assert_eq!(fm.focused(), FormField::Preferred);
    assert_eq!(fm.source_lang, "zh");
    run(&mut app, typing("clear"));
    run(&mut app, [Action::NextField]);
    assert_eq!(form(&app).focused(), FormField::Source);
    run(&mut app, [Action::NextField, Action::NextField]);
    assert_eq!(form(&app).focused(), FormField::Deprecated, "wraps around");
    run(&mut app, [Action::PrevField]);
    assert_eq!(form(&app).focused(), FormField::Note);
    run(&mut app, typing("tautology"));
    run(
        &mut app,
        [Action::Edit(EditCommand::Paste(" of the\nMT".into()))],
    );
    assert_eq!(form(&app).field(FormField::Note), "tautology of the MT");
    assert_eq!(form(&app).field(FormField::Preferred), "clear");
    // Keys reach the form, not the editor behind it.
    let before = app.current;
    run(&mut app, typing("j"));
    assert_eq!(app.current, before);
    // Drawn on any screen, however small.
    for (w, h) in [(80, 24), (40, 10), (20, 5), (12, 3)] {
        update(&mut app, Action::Resize(w, h));
        let Ok(mut t) = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h));
        let Ok(_) = t.draw(|fr| crate::tui::view::view(&app, fr));
    }
    // Esc cancels: nothing written.
    update(&mut app, Action::Cancel);
    assert!(app.popup.is_none());
    assert!(status(&app).contains("Nothing added"), "{}", status(&app));
    assert_eq!(f.glossary_entries().len(), 1);
}

/// However the focus gets to a pre-filled field (the form opening on it, Tab, Shift-Tab
/// wrapping round to the first field), typing adds to it where the cursor is; only an
/// explicit clear (Ctrl-u) empties it.
#[test]
fn a_filled_in_field_is_never_replaced_by_typing() {
    let f = Fixture::new(TERMS);
    let mut app = f.app_with_glossary();
    // "grave accident" is an admitted term of the entry behind the issue: the form names
    // that entry's preferred and source terms, so that Enter deprecates the variant.
    select(&mut app, "grave accident");
    update(&mut app, Action::AddGlossaryEntry);
    let fm = form(&app);
    assert_eq!(fm.field(FormField::Preferred), "major incident");
    assert_eq!(fm.field(FormField::Source), "重大事故");
    // Focus as the form opened.
    run(&mut app, typing("s"));
    assert_eq!(form(&app).field(FormField::Preferred), "major incidents");
    // Focus by Tab round to the first field.
    run(
        &mut app,
        [Action::NextField, Action::NextField, Action::NextField],
    );
    assert_eq!(form(&app).focused(), FormField::Deprecated);
    run(&mut app, typing("s"));
    assert_eq!(form(&app).field(FormField::Deprecated), "grave accidents");
    // Focus by Shift-Tab wrapping round to the last field and back.
    run(&mut app, [Action::PrevField, Action::PrevField]);
    assert_eq!(form(&app).focused(), FormField::Source);
    run(&mut app, typing("x"));
    assert_eq!(form(&app).field(FormField::Source), "重大事故x");
    // A deletion deletes a character; Ctrl-u clears.
    run(&mut app, [Action::Edit(EditCommand::DeleteBack)]);
    assert_eq!(form(&app).field(FormField::Source), "重大事故");
    run(&mut app, [Action::Edit(EditCommand::DeleteToLineStart)]);
    assert_eq!(form(&app).field(FormField::Source), "");
    run(&mut app, [Action::NextField, Action::NextField]);
    run(
        &mut app,
        [
            Action::Edit(EditCommand::Left),
            Action::Edit(EditCommand::DeleteBack),
        ],
    );
    assert_eq!(form(&app).field(FormField::Deprecated), "grave accidens");
    update(&mut app, Action::Cancel);
}

#[test]
fn writing_the_entry_rechecks_the_article() {
    let f = Fixture::new(TERMS);
    let mut app = f.app_with_glossary();
    select(&mut app, "clear and clear");
    update(&mut app, Action::AddGlossaryEntry);
    run(&mut app, typing("clear and bright"));
    run(&mut app, [Action::NextField, Action::NextField]);
    run(&mut app, typing("MT tautology"));
    update(&mut app, Action::SubmitForm);
    assert!(app.popup.is_none());
    assert!(
        status(&app).starts_with("Added glossary entry 2: \u{201c}clear and clear\u{201d} \u{2192} \u{201c}clear and bright\u{201d}; re-checked"),
        "{}",
        status(&app)
    );
    // In the file at once, as another process sees it.
    let entries = f.glossary_entries();
    assert_eq!(entries.len(), 2);
    let added = &entries[1].data;
    assert_eq!(added.preferred().unwrap().text, "clear and bright");
    let deprecated: Vec<&str> = added
        .terms_with(TermStatus::Deprecated)
        .map(|t| t.text.as_str())
        .collect();
    assert_eq!(deprecated, ["clear and clear"]);
    assert_eq!(added.note, "MT tautology");
    assert!(added.sources.is_empty(), "no source term was given");
    assert_eq!(added.target_lang, "en");
    // The re-check found the new deprecated rendering, with its entry.
    let seg = app.current;
    let found = app
        .session
        .segment_issues(seg)
        .into_iter()
        .find(|id| {
            app.session.issue(*id).unwrap().issue.check == "terminology.deprecated"
                && app.session.issue_text(*id) == "clear and clear"
        })
        .expect("flagged by the new entry");
    assert_eq!(app.session.glossary_entry(found).unwrap().id, 2);
    assert_eq!(
        app.session.issue(found).unwrap().suggestions(),
        ["clear and bright"]
    );
    // Not a change to the text: nothing to undo, nothing unsaved.
    assert!(!app.session.is_dirty());
    // Deprecating an admitted variant of an existing entry updates that entry.
    select(&mut app, "grave accident");
    update(&mut app, Action::AddGlossaryEntry);
    update(&mut app, Action::SubmitForm);
    assert!(
        status(&app).starts_with("Updated glossary entry 1"),
        "{}",
        status(&app)
    );
    let entry = &f.glossary_entries()[0].data;
    assert!(
        entry
            .terms_with(TermStatus::Deprecated)
            .any(|t| t.text == "grave accident")
    );
}

#[test]
fn an_entry_that_cannot_be_written_keeps_the_form_open() {
    let f = Fixture::new(TERMS);
    let mut app = f.app_with_glossary();
    select(&mut app, "clear and clear");
    update(&mut app, Action::AddGlossaryEntry);
    // The preferred term is required.
    update(&mut app, Action::SubmitForm);
    assert_eq!(form(&app).error.as_deref(), Some("Preferred is required."));
    assert_eq!(form(&app).focused(), FormField::Preferred);
    // So is the deprecated rendering.
    run(&mut app, typing("clean"));
    run(
        &mut app,
        [
            Action::PrevField,
            Action::Edit(EditCommand::DeleteToLineStart),
        ],
    );
    update(&mut app, Action::SubmitForm);
    assert_eq!(form(&app).error.as_deref(), Some("Deprecated is required."));
    // The same term twice (a term differing only in case would be a term of its own).
    run(&mut app, typing("clean"));
    update(&mut app, Action::SubmitForm);
    let error = form(&app).error.clone().unwrap();
    assert!(
        error.starts_with("The term \u{201c}clean\u{201d} is listed twice"),
        "{error}"
    );
    // Typing clears the message.
    run(&mut app, typing("er"));
    assert!(form(&app).error.is_none());
    // A store that fails: the message goes to the status line, the form stays.
    let conn = rusqlite::Connection::open(f.glossary_path()).unwrap();
    conn.execute_batch("PRAGMA foreign_keys = OFF; DROP TABLE term;")
        .unwrap();
    update(&mut app, Action::SubmitForm);
    assert!(app.popup.is_some());
    assert_eq!(app.status.as_ref().unwrap().kind, StatusKind::Error);
    assert!(
        status(&app).contains("glossary not changed"),
        "{}",
        status(&app)
    );
    assert!(status(&app).contains("glossary.sqlite"), "{}", status(&app));
}

#[test]
fn each_save_is_recorded_in_the_history() {
    let f = Fixture::new(TEXT);
    let mut app = f.app();
    let store = f.dir.path().join("history.sqlite3");
    app.revisions = Some(crate::tui::revisions::Recorder::new(Some(store.clone())));
    run(
        &mut app,
        [
            Action::NextSegment,
            Action::NextSegment,
            Action::ApplySuggestion(0),
            Action::Save,
        ],
    );
    assert!(status(&app).starts_with("Saved "), "{}", status(&app));
    let start = Instant::now();
    while !background_arrived(&mut app) {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "no revision recorded"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(
        status(&app).ends_with("and its diff; recorded as revision 1 (mtpe history)."),
        "{}",
        status(&app)
    );
    let revisions = crate::history::Store::open_existing(&store)
        .unwrap()
        .revisions(&f.dir.path().join("a.txt"), None)
        .unwrap();
    assert_eq!(revisions.len(), 1);
    assert_eq!(revisions[0].summary.segments_changed, 1);
    // A store that cannot be written: the save stands, a warning says so.
    std::fs::remove_file(&store).unwrap();
    std::fs::create_dir(&store).unwrap();
    run(&mut app, [Action::Undo, Action::Save]);
    assert!(f.saved().unwrap().contains("the the"));
    let start = Instant::now();
    while !background_arrived(&mut app) {
        assert!(start.elapsed() < Duration::from_secs(20), "no outcome");
        std::thread::sleep(Duration::from_millis(10));
    }
    assert_eq!(app.status.as_ref().unwrap().kind, StatusKind::Warning);
    assert!(
        status(&app).starts_with("Saved, but not recorded in the history"),
        "{}",
        status(&app)
    );
}

/// Every action on an article with no segment (an empty file, only a byte order mark,
/// only blank lines), with and without a glossary: nothing panics, the screen is drawn
/// after each, and what needs a segment says that there is none.
#[test]
fn every_action_on_an_empty_article() {
    for text in ["", "\u{feff}", "\n\n  \n", "\u{feff}\r\n\r\n"] {
        for glossary in [false, true] {
            let f = Fixture::new(text);
            let mut app = if glossary {
                f.app_with_glossary()
            } else {
                f.app()
            };
            assert_eq!(app.session.segment_count(), 0, "{text:?}");
            every_action_on(
                &mut app,
                glossary,
                &format!("{text:?}, glossary {glossary}"),
            );
            assert_eq!(f.saved().as_deref(), Some(text), "{text:?} saved as it was");
            update(&mut app, Action::Quit);
            assert!(app.quit);
        }
    }
}

fn every_action_on(app: &mut App, glossary: bool, case: &str) {
    let draw = |app: &App| {
        let area = ratatui::layout::Rect::new(0, 0, app.size.0, app.size.1);
        let mut buf = ratatui::buffer::Buffer::empty(area);
        crate::tui::view::draw(app, &mut buf, area);
    };
    let no_text = "The article has no text (no segments)";
    let actions = [
        (Action::NextSegment, ""),
        (Action::PrevSegment, ""),
        (Action::PageDown, ""),
        (Action::PageUp, ""),
        (Action::FirstSegment, ""),
        (Action::LastSegment, ""),
        (Action::Scroll(3), ""),
        (Action::Scroll(-3), ""),
        (Action::Click { column: 10, row: 3 }, ""),
        (
            Action::Click {
                column: 70,
                row: 20,
            },
            "",
        ),
        (Action::NextIssue, no_text),
        (Action::PrevIssue, no_text),
        (Action::CycleIssue, no_text),
        (Action::ApplySuggestion(0), no_text),
        (Action::ApplySuggestion(4), no_text),
        (Action::Ignore, no_text),
        (Action::ShowIgnored, "No issues are ignored"),
        (Action::ListUp, ""),
        (Action::ListDown, ""),
        (Action::ListChoose, ""),
        (
            Action::AddGlossaryEntry,
            if glossary {
                no_text
            } else {
                "No glossary in use"
            },
        ),
        (Action::NextField, ""),
        (Action::PrevField, ""),
        (Action::SubmitForm, ""),
        (Action::StartEdit, "nothing to edit"),
        (Action::Edit(EditCommand::Insert('x')), ""),
        (Action::FinishEdit, ""),
        (Action::Undo, "Nothing to undo"),
        (Action::Redo, "Nothing to redo"),
        (Action::ToggleDiff, "nothing to diff"),
        (Action::ToggleDiff, "nothing to diff"),
        (Action::StartSearch, ""),
        (Action::Edit(EditCommand::Insert('x')), ""),
        (Action::ConfirmSearch, "nothing to search"),
        (Action::NextIssue, "nothing to search"),
        (Action::PrevIssue, "nothing to search"),
        (Action::Cancel, "Search ended"),
        (Action::ToggleHelp, ""),
        (Action::PageDown, ""),
        (Action::ToggleHelp, ""),
        (Action::Resize(40, 10), ""),
        (Action::Resize(80, 24), ""),
        (Action::Answer('y'), ""),
        (Action::Cancel, ""),
        (Action::Save, "Saved"),
    ];
    for (action, says) in actions {
        update(app, action.clone());
        draw(app);
        assert!(!app.quit, "{action:?} on {case}");
        assert!(!app.show_diff, "{action:?} on {case}");
        assert!(matches!(app.mode, Mode::Normal | Mode::Search(_)));
        assert!(
            status(app).contains(says),
            "{action:?} on {case}: {}",
            status(app)
        );
    }
}

/// The text drawn on an 80×24 screen.
fn screen(app: &App) -> String {
    let area = ratatui::layout::Rect::new(0, 0, app.size.0, app.size.1);
    let mut buf = ratatui::buffer::Buffer::empty(area);
    crate::tui::view::draw(app, &mut buf, area);
    (0..area.height)
        .map(|y| {
            (0..area.width)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect::<String>()
                + "\n"
        })
        .collect()
}

/// Saved changes are not called unsaved when the article changed on disk after them.
#[test]
fn a_changed_article_tells_saved_changes_from_unsaved_ones() {
    let f = Fixture::new(TEXT);
    let changed = TEXT.replace("Second paragraph here.", "Second paragraph, changed.");
    {
        let mut app = f.app();
        // Kept: by default a clean quit drops the journal.
        app.session.keep_journal(true);
        run(
            &mut app,
            [
                Action::NextIssue,
                Action::ApplySuggestion(0),
                Action::NextIssue,
                Action::ApplySuggestion(0),
                Action::NextIssue,
                Action::ApplySuggestion(0),
                Action::Save,
                Action::Quit,
            ],
        );
        assert!(app.quit, "{}", status(&app));
    }
    std::fs::write(f.dir.path().join("a.txt"), &changed).unwrap();
    {
        let app = f.app();
        let Some(Popup::ArticleChanged {
            changes,
            saved,
            saved_to,
            ..
        }) = &app.popup
        else {
            panic!("{:?}", app.popup);
        };
        assert_eq!((*changes, *saved), (3, 3));
        assert!(saved_to.as_deref().unwrap().ends_with("a.edited.txt"));
        let shown = screen(&app);
        assert!(!shown.contains("unsaved"), "{shown}");
        assert!(shown.contains("after 3 changes made until"), "{shown}");
        assert!(shown.contains("all are saved in"), "{shown}");
    }
    // One more change, not saved, and the article changed again.
    std::fs::write(f.dir.path().join("a.txt"), TEXT).unwrap();
    {
        let mut app = f.app();
        update(&mut app, Action::Answer('a'));
        run(&mut app, [Action::LastSegment, Action::StartEdit]);
        run(&mut app, typing(" More."));
        update(&mut app, Action::FinishEdit);
        update(&mut app, Action::Save);
        run(&mut app, [Action::StartEdit]);
        run(&mut app, typing(" Again."));
        update(&mut app, Action::FinishEdit);
    }
    std::fs::write(f.dir.path().join("a.txt"), &changed).unwrap();
    let app = f.app();
    let shown = screen(&app)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(shown.contains("5 changes made until"), "{shown}");
    assert!(shown.contains("4 are saved in"), "{shown}");
    assert!(shown.contains("and 1 is not saved"), "{shown}");
}

/// `q` (Esc, Ctrl-C) at the recovery prompt quits leaving the journal as it was, and says
/// so once the screen is given back.
#[test]
fn the_recovery_prompt_can_be_left_keeping_the_journal() {
    let f = Fixture::new(TEXT);
    {
        let mut app = f.app();
        run(&mut app, [Action::NextIssue, Action::ApplySuggestion(0)]);
        // Killed.
    }
    for _ in 0..2 {
        let mut app = f.app();
        assert!(matches!(
            app.popup,
            Some(Popup::Recovery { changes: 1, .. })
        ));
        update(&mut app, Action::Answer('q'));
        assert!(app.quit);
        assert_eq!(app.farewell.len(), 1);
        assert!(
            app.farewell[0].contains("the 1 change from") && app.farewell[0].contains("journal"),
            "{:?}",
            app.farewell
        );
    }
    let mut app = f.app();
    update(&mut app, Action::Answer('r'));
    assert!(
        status(&app).starts_with("Recovered 1 change"),
        "{}",
        status(&app)
    );
}

/// Ctrl-C while editing keeps the edit and then asks about saving, as Ctrl-C does
/// elsewhere; answering `y` says, after the screen is given back, what was saved.
#[test]
fn ctrl_c_while_editing_keeps_the_edit_and_asks_to_save() {
    let f = Fixture::new(TEXT);
    let mut app = f.app();
    run(&mut app, [Action::LastSegment, Action::StartEdit]);
    run(&mut app, typing("!"));
    update(&mut app, Action::Quit);
    assert!(matches!(app.mode, Mode::Normal));
    assert_eq!(app.session.segment_text(4), "Second paragraph here.!");
    assert_eq!(app.popup, Some(Popup::QuitPrompt));
    update(&mut app, Action::Answer('y'));
    assert!(app.quit);
    assert_eq!(
        f.saved().as_deref(),
        Some(app.session.current_text().as_str())
    );
    assert_eq!(app.farewell.len(), 1, "{:?}", app.farewell);
    let said = &app.farewell[0];
    assert!(said.starts_with("mtpe: Saved "), "{said}");
    assert!(said.contains("a.edited.txt (1 edited segment)"), "{said}");
    assert!(said.ends_with("a.edited.txt.diff."), "{said}");
}

/// On an 80-column terminal the footer keeps `? help` and `q quit`, dropping less needed
/// hints instead; on 40 columns too.
#[test]
fn the_footer_keeps_help_and_quit() {
    let f = Fixture::new(TEXT);
    for width in [40, 60, 80, 120] {
        let app = f.app_sized(width, 24);
        let hints = crate::tui::keymap::footer_fitting(&app, usize::from(width));
        let whats: Vec<&str> = hints.iter().map(|h| h.1).collect();
        assert!(
            whats.contains(&"help") && whats.contains(&"quit"),
            "{width}: {whats:?}"
        );
        assert!(whats.contains(&"apply"), "{width}: {whats:?}");
        if width >= 80 {
            assert!(
                whats.contains(&"save") && whats.contains(&"edit"),
                "{whats:?}"
            );
        }
        assert_eq!(whats.last(), Some(&"quit"), "in their order");
    }
}

/// The help overlay lists every way to quit and the Alt keys of the segment editor.
#[test]
fn the_help_lists_ctrl_c_and_the_alt_keys() {
    let f = Fixture::new(TEXT);
    let mut app = f.app_sized(80, 200);
    update(&mut app, Action::ToggleHelp);
    let shown = screen(&app);
    for wanted in [
        "q ^C",
        "^C          keep the change and quit",
        "^Del M-d",
        "^/M-← →",
    ] {
        assert!(shown.contains(wanted), "{wanted:?} in\n{shown}");
    }
}

/// A message longer than the screen is wide takes the footer's row too, so that its end
/// is not cut off; a short one leaves the footer in place.
#[test]
fn a_long_message_wraps_over_the_footer() {
    let f = Fixture::new(TEXT);
    let mut app = f.app();
    let long = "Cannot save /a/rather/long/folder/name/for/the/article.edited.txt: No space left on device (os error 28). Nothing was written: the old files and the journal are intact.";
    app.set_status(StatusKind::Error, long);
    let shown = screen(&app);
    let rows: Vec<&str> = shown.lines().collect();
    assert!(rows[21].starts_with("Cannot save"), "{shown}");
    let message = rows[21..24]
        .iter()
        .map(|r| r.trim_end())
        .collect::<Vec<_>>()
        .join(" ");
    assert_eq!(message, long, "{shown}");
    app.set_status(StatusKind::Info, "Short.");
    let shown = screen(&app);
    let rows: Vec<&str> = shown.lines().collect();
    assert!(rows[23].contains("q quit"), "{shown}");
}

#[test]
fn segment_heights_follow_edits_undo_and_resizes() {
    let f = Fixture::new(TEXT);
    let mut app = f.app_sized(40, 24);
    assert_eq!(app.item_height(4), 1);
    run(&mut app, [Action::GoTo(4), Action::StartEdit]);
    run(
        &mut app,
        typing(" And a sentence long enough to wrap over more than one row."),
    );
    update(&mut app, Action::FinishEdit);
    let rows = crate::tui::wrap::wrap(app.session.segment_text(4), app.text_width()).len();
    assert!(rows > 1);
    assert_eq!(app.item_height(4), rows);
    update(&mut app, Action::Resize(200, 24));
    assert_eq!(app.item_height(4), 1);
    update(&mut app, Action::Resize(40, 24));
    assert_eq!(app.item_height(4), rows);
    update(&mut app, Action::Undo);
    assert_eq!(app.item_height(4), 1);
}

#[test]
fn saving_and_writing_a_glossary_entry_say_so_before_they_block() {
    let f = Fixture::new(TEXT);
    let mut app = f.app();
    assert!(announce(&mut app, &Action::Save));
    assert!(status(&app).starts_with("Saving "), "{}", status(&app));
    assert!(
        status(&app).ends_with("a.edited.txt\u{2026}"),
        "{}",
        status(&app)
    );
    update(&mut app, Action::Save);
    assert!(status(&app).starts_with("Saved "), "{}", status(&app));
    assert!(!announce(&mut app, &Action::NextSegment));
    assert!(!announce(&mut app, &Action::SubmitForm), "no form is open");
    let form = |preferred: &str| {
        Some(Popup::GlossaryForm(Box::new(GlossaryForm::new(
            "network power",
            preferred,
            "",
            "zh",
        ))))
    };
    app.popup = form("");
    assert!(
        !announce(&mut app, &Action::SubmitForm),
        "a form that cannot be written says what is missing instead"
    );
    app.popup = form("cyberpower");
    assert!(announce(&mut app, &Action::SubmitForm));
    assert!(status(&app).starts_with("Writing the glossary entry"));
}

#[test]
fn plus_adds_an_unknown_word_to_the_dictionary_and_undo_takes_it_out() {
    let f = Fixture::new("The goverment met.\nThe goverment left.\n");
    let doc = Document::load(&f.dir.path().join("a.txt")).unwrap();
    let engine = Arc::new(Engine::new(vec![Box::new(
        crate::check::spelling::unknown_word::UnknownWord,
    )]));
    let store = f.dir.path().join("dictionary.sqlite");
    let config = SessionConfig {
        dictionary: crate::session::UserDictionary {
            path: Some(store),
            words: crate::check::spelling::UserWords::default(),
        },
        ..f.config()
    };
    let (session, opening) = Session::open(doc, engine, config).unwrap();
    let mut app = App::new(
        session,
        &opening,
        AppOptions::new((80, 24), Theme { color: false }),
    );
    assert_eq!(app.session().open_issue_count(), 2);
    update(&mut app, Action::AddToDictionary);
    assert_eq!(app.session().open_issue_count(), 0);
    let status = app.status.as_ref().unwrap();
    assert_eq!(status.kind, StatusKind::Success);
    assert!(status.text.contains("goverment"), "{}", status.text);
    update(&mut app, Action::Undo);
    assert_eq!(app.session().open_issue_count(), 2);
    // Only a spelling issue's word can be added.
    let f = Fixture::new(TEXT);
    let mut app = f.app();
    update(&mut app, Action::NextIssue);
    update(&mut app, Action::AddToDictionary);
    assert!(
        app.status.as_ref().unwrap().text.contains("Only a word"),
        "{:?}",
        app.status
    );
}
