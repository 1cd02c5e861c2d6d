//! Vim-style counts and motions: digits build a count that the next key takes (`5j`,
//! `3n`, `2a` applies suggestion 2), `gg` and `G` go to the first and last segment or,
//! with a count, to the segment on that line (`15G`: the numbering of the reports and the
//! checks' messages), `Ctrl-d` / `Ctrl-u` move half a screen.

use super::navigation::move_to;
use crate::tui::action::Action;
use crate::tui::app::{App, StatusKind};

/// The largest count kept (more digits are ignored).
const MAX_COUNT: usize = 999_999;

/// The actions `action` stands for once the pending count (and a pending `g`) are taken
/// into account; empty when it only builds a count.
pub(super) fn expand(app: &mut App, action: Action) -> Vec<Action> {
    if matches!(action, Action::Resize(..) | Action::Scroll(_)) {
        return vec![action];
    }
    let count = app.count.take();
    let pending_g = std::mem::take(&mut app.pending_g);
    let n = count.unwrap_or(1).max(1);
    match action {
        Action::Digit(d) => {
            let value = count.unwrap_or(0).saturating_mul(10) + usize::from(d);
            if value > 0 {
                app.count = Some(value.min(MAX_COUNT));
                app.set_status(
                    StatusKind::Info,
                    format!(
                        "{value}: j/k move {value} segments, G goes to line {value}, a applies suggestion {value} (Esc cancels)."
                    ),
                );
            }
            Vec::new()
        }
        Action::PendingG if !pending_g => {
            app.pending_g = true;
            app.count = count;
            Vec::new()
        }
        Action::PendingG => vec![go_to_line_or(app, count, 0)],
        Action::LastSegment => {
            let last = app.session.segment_count().saturating_sub(1);
            vec![go_to_line_or(app, count, last)]
        }
        Action::NextSegment => vec![Action::GoTo(app.current.saturating_add(n))],
        Action::PrevSegment => vec![Action::GoTo(app.current.saturating_sub(n))],
        Action::ApplySuggestion(0) if count.is_some() => vec![Action::ApplySuggestion(n - 1)],
        Action::FixEverywhere(0) if count.is_some() => vec![Action::FixEverywhere(n - 1)],
        Action::NextIssue
        | Action::PrevIssue
        | Action::PageDown
        | Action::PageUp
        | Action::HalfPageDown
        | Action::HalfPageUp
        | Action::CycleIssue => vec![action; n.min(10_000)],
        Action::Cancel if count.is_some() || pending_g => {
            app.status = None;
            Vec::new()
        }
        other => vec![other],
    }
}

/// With a count, the segment on line `count` (the last one starting on or before it);
/// without, segment `or`.
fn go_to_line_or(app: &App, count: Option<usize>, or: usize) -> Action {
    let Some(line) = count else {
        return Action::GoTo(or);
    };
    let s = &app.session;
    // Lines only grow from segment to segment.
    let after = partition_point(s.segment_count(), |seg| s.segment_line(seg) <= line);
    Action::GoTo(after.saturating_sub(1))
}

/// The first index in `0..n` for which `pred` is false (`pred` true then false).
fn partition_point(n: usize, pred: impl Fn(usize) -> bool) -> usize {
    let (mut lo, mut hi) = (0, n);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if pred(mid) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

/// Moves the current segment half a screen down (or up).
pub(super) fn half_page(app: &mut App, down: bool) {
    let count = app.session.segment_count();
    if count == 0 {
        return;
    }
    let half = (usize::from(app.areas().list.height) / 2).max(1);
    let mut rows = 0;
    let mut seg = app.current;
    while rows < half {
        let next = if down {
            if seg + 1 >= count {
                break;
            }
            seg + 1
        } else {
            if seg == 0 {
                break;
            }
            seg - 1
        };
        rows += app.item_height(next);
        seg = next;
    }
    move_to(app, seg);
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use crate::check::Engine;
    use crate::document::Document;
    use crate::session::{CheckMode, Session, SessionConfig};
    use crate::tui::action::Action;
    use crate::tui::app::{App, AppOptions};
    use crate::tui::theme::Theme;
    use crate::tui::update::update;

    fn app(dir: &std::path::Path) -> App {
        let text: String = (1..=40)
            .map(|i| format!("Sentence {i} of the article.\n\n"))
            .collect();
        let path = dir.join("a.txt");
        std::fs::write(&path, text).unwrap();
        let config = SessionConfig {
            journal: dir.join("journal.sqlite"),
            output: dir.join("o.txt"),
            target_lang: "en".into(),
            checking: CheckMode::Inline,
            dictionary: Default::default(),
        };
        let (session, opening) = Session::open(
            Document::load(&path).unwrap(),
            Arc::new(Engine::new(Vec::new())),
            config,
        )
        .unwrap();
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

    #[test]
    fn counts_move_by_segments_and_lines() {
        let dir = tempfile::tempdir().unwrap();
        let mut app = app(dir.path());
        run(&mut app, [Action::Digit(5), Action::NextSegment]);
        assert_eq!(app.current(), 5);
        run(
            &mut app,
            [Action::Digit(1), Action::Digit(2), Action::NextSegment],
        );
        assert_eq!(app.current(), 17);
        run(&mut app, [Action::Digit(3), Action::PrevSegment]);
        assert_eq!(app.current(), 14);
        // Without a count, one at a time.
        run(&mut app, [Action::NextSegment]);
        assert_eq!(app.current(), 15);
        // G and gg: last and first; with a count, the segment on that line (2 lines each).
        run(&mut app, [Action::LastSegment]);
        assert_eq!(app.current(), 39);
        run(&mut app, [Action::PendingG, Action::PendingG]);
        assert_eq!(app.current(), 0);
        run(
            &mut app,
            [Action::Digit(1), Action::Digit(5), Action::LastSegment],
        );
        assert_eq!(app.current(), 7, "line 15 is segment 8's");
        assert_eq!(app.session().segment_line(7), 15);
        run(
            &mut app,
            [Action::Digit(9), Action::PendingG, Action::PendingG],
        );
        assert_eq!(app.current(), 4);
        // A single g waits for the second; another key drops it.
        run(&mut app, [Action::PendingG, Action::NextSegment]);
        assert_eq!(app.current(), 5);
        // Esc drops a count.
        run(
            &mut app,
            [Action::Digit(4), Action::Cancel, Action::NextSegment],
        );
        assert_eq!(app.current(), 6);
        // Half screens.
        run(&mut app, [Action::HalfPageDown]);
        assert!(app.current() > 6);
        let there = app.current();
        run(&mut app, [Action::HalfPageUp]);
        assert_eq!(app.current(), 6);
        run(&mut app, [Action::Digit(2), Action::HalfPageDown]);
        assert!(app.current() > there);
    }

    #[test]
    fn digits_are_counts_and_g_waits_for_the_second() {
        use crate::tui::keymap::map_event;
        use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
        let dir = tempfile::tempdir().unwrap();
        let mut app = app(dir.path());
        let key = |c: char, mods| Event::Key(KeyEvent::new(KeyCode::Char(c), mods));
        let none = KeyModifiers::NONE;
        assert_eq!(map_event(&app, &key('5', none)), Some(Action::Digit(5)));
        assert_eq!(map_event(&app, &key('0', none)), None, "0 starts no count");
        update(&mut app, Action::Digit(1));
        assert_eq!(map_event(&app, &key('0', none)), Some(Action::Digit(0)));
        assert_eq!(map_event(&app, &key('g', none)), Some(Action::PendingG));
        let ctrl = KeyModifiers::CONTROL;
        assert_eq!(map_event(&app, &key('d', ctrl)), Some(Action::HalfPageDown));
        assert_eq!(map_event(&app, &key('u', ctrl)), Some(Action::HalfPageUp));
    }
}
