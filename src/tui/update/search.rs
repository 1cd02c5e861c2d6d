//! Searching the segments' text, and what Esc ends.

use super::no_segments;
use crate::tui::app::{App, Mode, Popup, StatusKind, excerpt};
use crate::tui::search::Search;

pub(super) fn cancel(app: &mut App) {
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

pub(super) fn confirm_search(app: &mut App) {
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

pub(super) fn next_match(app: &mut App, forward: bool, include_current: bool) {
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
