//! The add-to-glossary form (`t`): opened from the selected issue, filled in, written to
//! the glossary, which re-checks the article.

use super::issues::target_issue;
use super::session_error;
use crate::glossary::{EntryData, GlossaryError, MergeOutcome};
use crate::session::SessionError;
use crate::tui::app::{App, Popup, StatusKind, excerpt, plural};
use crate::tui::form::{FormField, GlossaryForm};

/// Opens the form for the selected issue: its flagged text as the deprecated rendering;
/// when that text is a term of the glossary entry behind the issue, that entry's preferred
/// and source terms too (so that Enter marks the rendering deprecated for that concept).
/// In a bilingual file the source term is the one the flagged text renders, as far as the
/// glossary and the checks tell ([`crate::session::Session::source_term_for`]).
pub(super) fn open_glossary_form(app: &mut App) {
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
    // In a bilingual file, the source term the flagged text renders (session::source_terms).
    let guess = app.session.source_term_for(id);
    let guessed = guess.as_ref().map_or("", |g| g.text.as_str());
    let mut form = GlossaryForm::new(&flagged, "", guessed, &app.source_lang);
    if let Some(entry) = app.session.glossary_entry(id) {
        let d = &entry.data;
        let is_its_term = d
            .terms
            .iter()
            .any(|t| t.text.to_lowercase() == flagged.to_lowercase());
        if is_its_term {
            let preferred = d.preferred().map_or("", |t| t.text.as_str());
            // The entry's source term as this unit's source writes it, else its first.
            let source = match &guess {
                Some(g) if g.entry == Some(entry.id) => g.text.as_str(),
                _ => d.sources.first().map_or("", String::as_str),
            };
            let lang = if d.source_lang.is_empty() {
                app.source_lang.as_str()
            } else {
                d.source_lang.as_str()
            };
            form = GlossaryForm::new(&flagged, preferred, source, lang);
        }
    }
    if let Some(g) = &guess
        && form.field(FormField::Source) == g.text
    {
        app.set_status(
            StatusKind::Info,
            format!(
                "Source term \u{201c}{}\u{201d} from {}.",
                excerpt(&g.text, 30),
                g.reason
            ),
        );
    }
    app.popup = Some(Popup::GlossaryForm(Box::new(form)));
}

pub(super) fn move_field(app: &mut App, forward: bool) {
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
pub(super) fn submit_glossary_form(app: &mut App) {
    let Some(Popup::GlossaryForm(form)) = &mut app.popup else {
        return;
    };
    if let Some(i) = form.first_missing() {
        form.error = Some(format!("{} is required.", FormField::ALL[i].label()));
        form.focus = i;
        return;
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
