//! Which key does what: tables of bindings per mode (the help overlay and the footer are
//! generated from them), and the translation of terminal events into [`Action`]s.

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use super::action::Action;
use super::app::{App, Mode, Popup};
use super::replace::ReplaceCommand;
use super::text_input::EditCommand;

/// A key with its modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

const fn k(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::NONE,
    }
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}

const fn alt(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::ALT,
    }
}

const fn code(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}

const fn with(code: KeyCode, mods: KeyModifiers) -> Key {
    Key { code, mods }
}

/// One binding: keys, what they do, and how the help and footer describe them.
#[derive(Debug)]
pub struct Binding {
    pub keys: &'static [Key],
    pub action: Action,
    /// The keys as the help shows them.
    pub label: &'static str,
    pub help: &'static str,
    /// A short text for the footer, if the binding is shown there.
    pub footer: Option<&'static str>,
}

/// A titled group of bindings.
#[derive(Debug)]
pub struct Section {
    pub title: &'static str,
    pub bindings: &'static [Binding],
}

macro_rules! bind {
    ($keys:expr, $action:expr, $label:expr, $help:expr) => {
        Binding {
            keys: $keys,
            action: $action,
            label: $label,
            help: $help,
            footer: None,
        }
    };
    ($keys:expr, $action:expr, $label:expr, $help:expr, $footer:expr) => {
        Binding {
            keys: $keys,
            action: $action,
            label: $label,
            help: $help,
            footer: Some($footer),
        }
    };
}

/// Bindings while browsing the article.
pub static NORMAL: &[Section] = &[
    Section {
        title: "Moving",
        bindings: &[
            bind!(
                &[k('j'), code(KeyCode::Down)],
                Action::NextSegment,
                "j ↓",
                "next segment"
            ),
            bind!(
                &[k('k'), code(KeyCode::Up)],
                Action::PrevSegment,
                "k ↑",
                "previous segment"
            ),
            bind!(
                &[code(KeyCode::PageDown), ctrl('f'), k(' ')],
                Action::PageDown,
                "PgDn Space",
                "a screen down"
            ),
            bind!(
                &[code(KeyCode::PageUp), ctrl('b')],
                Action::PageUp,
                "PgUp",
                "a screen up"
            ),
            bind!(
                &[ctrl('d')],
                Action::HalfPageDown,
                "^D ^U",
                "half a screen down / up"
            ),
            bind!(&[ctrl('u')], Action::HalfPageUp, "", ""),
            bind!(
                &[code(KeyCode::Home)],
                Action::FirstSegment,
                "gg Home",
                "first segment (5gg: the one on line 5)"
            ),
            bind!(&[k('g')], Action::PendingG, "", ""),
            bind!(
                &[k('G'), code(KeyCode::End)],
                Action::LastSegment,
                "G End",
                "last segment (15G: the one on line 15)"
            ),
            bind!(
                &[],
                Action::Digit(0),
                "5j 3n 2a",
                "a count first: 5 segments, 3 issues, suggestion 2"
            ),
            bind!(
                &[],
                Action::Scroll(0),
                "wheel click",
                "scroll; select a segment or issue"
            ),
        ],
    },
    Section {
        title: "Issues",
        bindings: &[
            bind!(
                &[k('n')],
                Action::NextIssue,
                "n",
                "next open issue (next match while searching)",
                "next issue"
            ),
            bind!(
                &[k('N')],
                Action::PrevIssue,
                "N",
                "previous open issue (or match)"
            ),
            bind!(
                &[code(KeyCode::Tab)],
                Action::CycleIssue,
                "Tab",
                "next issue of this segment"
            ),
            bind!(
                &[k('a')],
                Action::ApplySuggestion(0),
                "a",
                "apply the first suggestion",
                "apply"
            ),
            bind!(
                &[],
                Action::ApplySuggestion(0),
                "2a",
                "apply suggestion 2 (a count before a)"
            ),
            bind!(
                &[k('A')],
                Action::FixEverywhere(0),
                "A",
                "apply it to all issues like it (counts, asks; one undo)"
            ),
            bind!(
                &[k('i')],
                Action::Ignore,
                "i",
                "ignore the issue in this document",
                "ignore"
            ),
            bind!(
                &[k('I')],
                Action::ShowIgnored,
                "I",
                "list ignored issues, restore one"
            ),
            bind!(
                &[k('t')],
                Action::AddGlossaryEntry,
                "t",
                "add the flagged text to the glossary as deprecated",
                "term"
            ),
            bind!(
                &[k('+')],
                Action::AddToDictionary,
                "+",
                "add an unknown word to your dictionary (u undoes)"
            ),
        ],
    },
    Section {
        title: "Changing",
        bindings: &[
            bind!(
                &[k('e'), code(KeyCode::Enter)],
                Action::StartEdit,
                "e Enter",
                "edit the segment (Esc ends)",
                "edit"
            ),
            bind!(
                &[k('c')],
                Action::ConfirmUnit,
                "c",
                "confirm the unit, go to the next (bilingual)"
            ),
            bind!(&[k('u'), ctrl('z')], Action::Undo, "u ^Z", "undo", "undo"),
            bind!(&[ctrl('r'), ctrl('y')], Action::Redo, "^R ^Y", "redo"),
            bind!(
                &[k('R')],
                Action::Replace(ReplaceCommand::Open),
                "R",
                "find and replace across the document"
            ),
            bind!(
                &[ctrl('s')],
                Action::Save,
                "^S",
                "save text and diff",
                "save"
            ),
            bind!(
                &[k('W')],
                Action::SaveAs,
                "W",
                "save as: text and diff to another path"
            ),
        ],
    },
    Section {
        title: "Viewing",
        bindings: &[
            bind!(
                &[k('/')],
                Action::StartSearch,
                "/",
                "search (n/N move, Esc ends)",
                "search"
            ),
            bind!(
                &[k('d')],
                Action::ToggleDiff,
                "d",
                "word diff against the MT",
                "diff"
            ),
            bind!(
                &[k('o')],
                Action::ToggleSource,
                "o",
                "show or hide the sources (bilingual)"
            ),
            bind!(
                &[k(']')],
                Action::ScrollPane(3),
                "] [",
                "scroll the issue pane down / up (a long entry)"
            ),
            bind!(&[k('[')], Action::ScrollPane(-3), "", ""),
            bind!(
                &[k('?'), code(KeyCode::F(1))],
                Action::ToggleHelp,
                "? F1",
                "this help",
                "help"
            ),
            bind!(
                &[code(KeyCode::Esc)],
                Action::Cancel,
                "Esc",
                "end search, clear message"
            ),
            bind!(&[k('q'), ctrl('c')], Action::Quit, "q ^C", "quit", "quit"),
        ],
    },
];

/// Bindings in the segment editor (any other key types itself).
pub static EDITING: &[Section] = &[Section {
    title: "Editing a segment",
    bindings: &[
        bind!(
            &[code(KeyCode::Esc)],
            Action::FinishEdit,
            "Esc",
            "done: keep the change and re-check",
            "done"
        ),
        bind!(
            &[
                code(KeyCode::Enter),
                with(KeyCode::Enter, KeyModifiers::ALT),
                with(KeyCode::Enter, KeyModifiers::SHIFT)
            ],
            Action::Edit(EditCommand::Newline),
            "Enter",
            "line break"
        ),
        bind!(
            &[code(KeyCode::Left)],
            Action::Edit(EditCommand::Left),
            "← →",
            "one character (grapheme)"
        ),
        bind!(
            &[code(KeyCode::Right)],
            Action::Edit(EditCommand::Right),
            "",
            ""
        ),
        bind!(
            &[
                with(KeyCode::Left, KeyModifiers::CONTROL),
                with(KeyCode::Left, KeyModifiers::ALT),
                alt('b')
            ],
            Action::Edit(EditCommand::WordLeft),
            "^/M-← →",
            "one word"
        ),
        bind!(
            &[
                with(KeyCode::Right, KeyModifiers::CONTROL),
                with(KeyCode::Right, KeyModifiers::ALT),
                alt('f')
            ],
            Action::Edit(EditCommand::WordRight),
            "",
            ""
        ),
        bind!(
            &[code(KeyCode::Up)],
            Action::Edit(EditCommand::Up),
            "↑ ↓",
            "one row"
        ),
        bind!(
            &[code(KeyCode::Down)],
            Action::Edit(EditCommand::Down),
            "",
            ""
        ),
        bind!(
            &[code(KeyCode::Home), ctrl('a')],
            Action::Edit(EditCommand::LineStart),
            "Home End",
            "start / end of the line"
        ),
        bind!(
            &[code(KeyCode::End), ctrl('e')],
            Action::Edit(EditCommand::LineEnd),
            "",
            ""
        ),
        bind!(
            &[with(KeyCode::Home, KeyModifiers::CONTROL)],
            Action::Edit(EditCommand::TextStart),
            "^Home ^End",
            "start / end of the segment"
        ),
        bind!(
            &[with(KeyCode::End, KeyModifiers::CONTROL)],
            Action::Edit(EditCommand::TextEnd),
            "",
            ""
        ),
        bind!(
            &[code(KeyCode::Backspace)],
            Action::Edit(EditCommand::DeleteBack),
            "Bksp Del",
            "delete a character"
        ),
        bind!(
            &[code(KeyCode::Delete)],
            Action::Edit(EditCommand::DeleteForward),
            "",
            ""
        ),
        bind!(
            &[
                ctrl('w'),
                ctrl('h'),
                with(KeyCode::Backspace, KeyModifiers::CONTROL),
                with(KeyCode::Backspace, KeyModifiers::ALT)
            ],
            Action::Edit(EditCommand::DeleteWordBack),
            "^W",
            "delete the word before"
        ),
        bind!(
            &[with(KeyCode::Delete, KeyModifiers::CONTROL), alt('d')],
            Action::Edit(EditCommand::DeleteWordForward),
            "^Del M-d",
            "delete the word after"
        ),
        bind!(
            &[ctrl('u')],
            Action::Edit(EditCommand::DeleteToLineStart),
            "^U",
            "delete to the line start"
        ),
        bind!(
            &[ctrl('k')],
            Action::Edit(EditCommand::DeleteToLineEnd),
            "^K",
            "delete to the line end"
        ),
        bind!(
            &[ctrl('z')],
            Action::Edit(EditCommand::Undo),
            "^Z ^Y",
            "undo / redo typing",
            "undo"
        ),
        bind!(
            &[ctrl('y'), ctrl('r')],
            Action::Edit(EditCommand::Redo),
            "",
            ""
        ),
        bind!(
            &[ctrl('s')],
            Action::Save,
            "^S",
            "keep the change and save",
            "save"
        ),
        bind!(&[ctrl('c')], Action::Quit, "^C", "keep the change and quit"),
    ],
}];

/// Bindings in the search prompt.
pub static SEARCH: &[Section] = &[Section {
    title: "Search prompt",
    bindings: &[
        bind!(
            &[code(KeyCode::Enter)],
            Action::ConfirmSearch,
            "Enter",
            "search",
            "search"
        ),
        bind!(
            &[code(KeyCode::Esc)],
            Action::Cancel,
            "Esc",
            "cancel",
            "cancel"
        ),
        bind!(
            &[code(KeyCode::Backspace)],
            Action::Edit(EditCommand::DeleteBack),
            "Bksp",
            "delete"
        ),
        bind!(
            &[code(KeyCode::Left)],
            Action::Edit(EditCommand::Left),
            "← →",
            "move"
        ),
        bind!(
            &[code(KeyCode::Right)],
            Action::Edit(EditCommand::Right),
            "",
            ""
        ),
        bind!(
            &[ctrl('u')],
            Action::Edit(EditCommand::DeleteToLineStart),
            "^U",
            "clear"
        ),
        bind!(
            &[ctrl('w')],
            Action::Edit(EditCommand::DeleteWordBack),
            "^W",
            "delete a word"
        ),
        bind!(&[ctrl('c')], Action::Quit, "^C", "quit"),
    ],
}];

/// Bindings in the add-to-glossary form (any other key types itself in the field).
pub static GLOSSARY_FORM: &[Section] = &[Section {
    title: "Add-to-glossary form (t)",
    bindings: &[
        bind!(
            &[code(KeyCode::Enter)],
            Action::SubmitForm,
            "Enter",
            "write the entry to the glossary and re-check",
            "write"
        ),
        bind!(
            &[code(KeyCode::Esc)],
            Action::Cancel,
            "Esc",
            "cancel",
            "cancel"
        ),
        bind!(
            &[code(KeyCode::Tab), code(KeyCode::Down)],
            Action::NextField,
            "Tab ↓",
            "next field",
            "next field"
        ),
        bind!(
            &[code(KeyCode::BackTab), code(KeyCode::Up)],
            Action::PrevField,
            "S-Tab ↑",
            "previous field"
        ),
        bind!(
            &[code(KeyCode::Backspace)],
            Action::Edit(EditCommand::DeleteBack),
            "Bksp Del",
            "delete a character"
        ),
        bind!(
            &[code(KeyCode::Delete)],
            Action::Edit(EditCommand::DeleteForward),
            "",
            ""
        ),
        bind!(
            &[code(KeyCode::Left)],
            Action::Edit(EditCommand::Left),
            "← →",
            "move"
        ),
        bind!(
            &[code(KeyCode::Right)],
            Action::Edit(EditCommand::Right),
            "",
            ""
        ),
        bind!(
            &[code(KeyCode::Home), ctrl('a')],
            Action::Edit(EditCommand::LineStart),
            "Home End",
            "start / end of the field"
        ),
        bind!(
            &[code(KeyCode::End), ctrl('e')],
            Action::Edit(EditCommand::LineEnd),
            "",
            ""
        ),
        bind!(
            &[
                with(KeyCode::Left, KeyModifiers::CONTROL),
                with(KeyCode::Left, KeyModifiers::ALT)
            ],
            Action::Edit(EditCommand::WordLeft),
            "^/M-← →",
            "one word"
        ),
        bind!(
            &[
                with(KeyCode::Right, KeyModifiers::CONTROL),
                with(KeyCode::Right, KeyModifiers::ALT)
            ],
            Action::Edit(EditCommand::WordRight),
            "",
            ""
        ),
        bind!(
            &[ctrl('w')],
            Action::Edit(EditCommand::DeleteWordBack),
            "^W",
            "delete a word"
        ),
        bind!(
            &[ctrl('u')],
            Action::Edit(EditCommand::DeleteToLineStart),
            "^U",
            "clear to the start"
        ),
    ],
}];

/// Bindings in the find-and-replace form (any other key types itself in the field).
pub static REPLACE_FORM: &[Section] = &[Section {
    title: "Find and replace (R)",
    bindings: &[
        bind!(
            &[code(KeyCode::Enter)],
            Action::Replace(ReplaceCommand::All),
            "Enter",
            "replace all matches (one change: u undoes it)",
            "replace all"
        ),
        bind!(
            &[ctrl('o')],
            Action::Replace(ReplaceCommand::One),
            "^O",
            "replace the match shown, show the next",
            "one"
        ),
        bind!(
            &[ctrl('n')],
            Action::Replace(ReplaceCommand::Next),
            "^N",
            "show the next match",
            "next"
        ),
        bind!(
            &[code(KeyCode::Tab), code(KeyCode::BackTab)],
            Action::Replace(ReplaceCommand::SwitchField),
            "Tab",
            "find / replace-with field"
        ),
        bind!(
            &[alt('r')],
            Action::Replace(ReplaceCommand::ToggleRegex),
            "M-r",
            "regular expression on / off ($1 in the replacement)"
        ),
        bind!(
            &[alt('c')],
            Action::Replace(ReplaceCommand::CycleCase),
            "M-c",
            "smart case / match case / ignore case"
        ),
        bind!(
            &[code(KeyCode::Esc)],
            Action::Cancel,
            "Esc",
            "close",
            "close"
        ),
        bind!(
            &[code(KeyCode::Backspace)],
            Action::Edit(EditCommand::DeleteBack),
            "Bksp Del",
            "delete a character"
        ),
        bind!(
            &[code(KeyCode::Delete)],
            Action::Edit(EditCommand::DeleteForward),
            "",
            ""
        ),
        bind!(
            &[code(KeyCode::Left)],
            Action::Edit(EditCommand::Left),
            "← →",
            "move"
        ),
        bind!(
            &[code(KeyCode::Right)],
            Action::Edit(EditCommand::Right),
            "",
            ""
        ),
        bind!(
            &[code(KeyCode::Home), ctrl('a')],
            Action::Edit(EditCommand::LineStart),
            "Home End",
            "start / end of the field"
        ),
        bind!(
            &[code(KeyCode::End), ctrl('e')],
            Action::Edit(EditCommand::LineEnd),
            "",
            ""
        ),
        bind!(
            &[ctrl('w')],
            Action::Edit(EditCommand::DeleteWordBack),
            "^W",
            "delete a word"
        ),
        bind!(
            &[ctrl('u')],
            Action::Edit(EditCommand::DeleteToLineStart),
            "^U",
            "clear to the start"
        ),
    ],
}];

/// Bindings in the save-as prompt (any other key types itself).
pub static SAVE_AS: &[Section] = &[Section {
    title: "Save as (W)",
    bindings: &[
        bind!(
            &[code(KeyCode::Enter)],
            Action::ConfirmSaveAs,
            "Enter",
            "save there (and save there from then on)",
            "save"
        ),
        bind!(
            &[code(KeyCode::Esc), ctrl('c')],
            Action::Cancel,
            "Esc",
            "cancel",
            "cancel"
        ),
        bind!(
            &[code(KeyCode::Backspace)],
            Action::Edit(EditCommand::DeleteBack),
            "Bksp",
            "delete"
        ),
        bind!(
            &[code(KeyCode::Left)],
            Action::Edit(EditCommand::Left),
            "← →",
            "move"
        ),
        bind!(
            &[code(KeyCode::Right)],
            Action::Edit(EditCommand::Right),
            "",
            ""
        ),
        bind!(
            &[code(KeyCode::Home), ctrl('a')],
            Action::Edit(EditCommand::LineStart),
            "Home End",
            "start / end"
        ),
        bind!(
            &[code(KeyCode::End), ctrl('e')],
            Action::Edit(EditCommand::LineEnd),
            "",
            ""
        ),
        bind!(
            &[ctrl('u')],
            Action::Edit(EditCommand::DeleteToLineStart),
            "^U",
            "clear"
        ),
        bind!(
            &[ctrl('w')],
            Action::Edit(EditCommand::DeleteWordBack),
            "^W",
            "delete a word"
        ),
    ],
}];

fn key_matches(key: &Key, ev: &KeyEvent) -> bool {
    let mut mods = ev.modifiers;
    if matches!(ev.code, KeyCode::Char(_) | KeyCode::BackTab) {
        // Capitals and Shift-Tab arrive with Shift; the character already says it.
        mods.remove(KeyModifiers::SHIFT);
    }
    key.code == ev.code && key.mods == mods
}

fn lookup(sections: &[Section], ev: &KeyEvent) -> Option<Action> {
    sections
        .iter()
        .flat_map(|s| s.bindings)
        .find(|b| b.keys.iter().any(|key| key_matches(key, ev)))
        .map(|b| b.action.clone())
}

/// A character typed without Ctrl or Alt.
fn typed(ev: &KeyEvent) -> Option<char> {
    match ev.code {
        KeyCode::Char(c)
            if !ev
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
        {
            Some(c)
        }
        _ => None,
    }
}

/// The action for a terminal event in the app's current mode, if any.
pub fn map_event(app: &App, event: &Event) -> Option<Action> {
    match event {
        Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
        Event::Paste(text) => match (&app.popup, &app.mode) {
            (None, Mode::Editing(_) | Mode::Search(_))
            | (Some(Popup::GlossaryForm(_) | Popup::Replace(_) | Popup::SaveAs { .. }), _) => {
                Some(Action::Edit(EditCommand::Paste(text.clone())))
            }
            _ => None,
        },
        Event::Mouse(m) => map_mouse(app, m),
        Event::Key(ev) if ev.kind != KeyEventKind::Release => map_key(app, ev),
        _ => None,
    }
}

/// Whether the mouse is over the issue pane.
fn over_pane(app: &App, m: &MouseEvent) -> bool {
    app.areas().pane.is_some_and(|p| {
        m.column >= p.x && m.column < p.right() && m.row >= p.y && m.row < p.bottom()
    })
}

fn map_mouse(app: &App, m: &MouseEvent) -> Option<Action> {
    match m.kind {
        MouseEventKind::ScrollDown if app.popup.is_some() => Some(Action::ListDown),
        MouseEventKind::ScrollUp if app.popup.is_some() => Some(Action::ListUp),
        MouseEventKind::ScrollDown if over_pane(app, m) => Some(Action::ScrollPane(3)),
        MouseEventKind::ScrollUp if over_pane(app, m) => Some(Action::ScrollPane(-3)),
        MouseEventKind::ScrollDown => Some(Action::Scroll(3)),
        MouseEventKind::ScrollUp => Some(Action::Scroll(-3)),
        MouseEventKind::Down(MouseButton::Left) if app.popup.is_none() => Some(Action::Click {
            column: m.column,
            row: m.row,
        }),
        _ => None,
    }
}

fn map_key(app: &App, ev: &KeyEvent) -> Option<Action> {
    if let Some(popup) = &app.popup {
        return popup_key(popup, ev);
    }
    match &app.mode {
        Mode::Editing(_) => {
            lookup(EDITING, ev).or_else(|| typed(ev).map(|c| Action::Edit(EditCommand::Insert(c))))
        }
        Mode::Search(_) => {
            lookup(SEARCH, ev).or_else(|| typed(ev).map(|c| Action::Edit(EditCommand::Insert(c))))
        }
        Mode::Normal => {
            // Digits are counts (0 only after another digit, as in vim).
            if let Some(c @ '0'..='9') = typed(ev)
                && (c != '0' || app.count.is_some())
            {
                let d = c.to_digit(10).unwrap_or(0) as u8;
                return Some(Action::Digit(d));
            }
            if ev.code == KeyCode::BackTab {
                return Some(Action::CycleIssue);
            }
            lookup(NORMAL, ev)
        }
    }
}

/// Esc or Ctrl-C: how a prompt that must be answered is left (quitting, the journal kept).
fn leaves(ev: &KeyEvent) -> bool {
    ev.code == KeyCode::Esc
        || (ev.code == KeyCode::Char('c') && ev.modifiers.contains(KeyModifiers::CONTROL))
}

fn popup_key(popup: &Popup, ev: &KeyEvent) -> Option<Action> {
    let c = typed(ev).map(|c| c.to_ascii_lowercase());
    match popup {
        Popup::Help => match ev.code {
            KeyCode::Down | KeyCode::Char('j') => Some(Action::ListDown),
            KeyCode::Up | KeyCode::Char('k') => Some(Action::ListUp),
            KeyCode::PageDown | KeyCode::Char(' ') => Some(Action::PageDown),
            KeyCode::PageUp => Some(Action::PageUp),
            KeyCode::Esc | KeyCode::Char('?' | 'q') | KeyCode::F(1) | KeyCode::Enter => {
                Some(Action::ToggleHelp)
            }
            _ => None,
        },
        Popup::QuitPrompt => match (ev.code, c) {
            (KeyCode::Esc, _) => Some(Action::Answer('c')),
            (_, Some(c @ ('y' | 'n' | 'c' | 'k' | 'w'))) => Some(Action::Answer(c)),
            _ => None,
        },
        Popup::Recovery { .. } => match c {
            Some(c @ ('r' | 'd' | 'q')) => Some(Action::Answer(c)),
            _ if leaves(ev) => Some(Action::Answer('q')),
            _ => None,
        },
        Popup::ArticleChanged { .. } => match c {
            Some(c @ ('a' | 'd' | 'q')) => Some(Action::Answer(c)),
            _ if leaves(ev) => Some(Action::Answer('q')),
            _ => None,
        },
        Popup::Ignored { .. } => match ev.code {
            KeyCode::Down | KeyCode::Char('j') => Some(Action::ListDown),
            KeyCode::Up | KeyCode::Char('k') => Some(Action::ListUp),
            KeyCode::Enter | KeyCode::Char('r') => Some(Action::ListChoose),
            KeyCode::Esc | KeyCode::Char('q' | 'I') => Some(Action::Cancel),
            _ => None,
        },
        Popup::GlossaryForm(_) => lookup(GLOSSARY_FORM, ev)
            .or_else(|| typed(ev).map(|c| Action::Edit(EditCommand::Insert(c)))),
        Popup::Everywhere { .. } => match (ev.code, c) {
            (KeyCode::Enter, _) | (_, Some('y')) => Some(Action::Answer('y')),
            (_, Some('n')) => Some(Action::Answer('n')),
            _ if leaves(ev) => Some(Action::Cancel),
            _ => None,
        },
        Popup::Replace(_) => lookup(REPLACE_FORM, ev)
            .or_else(|| typed(ev).map(|c| Action::Edit(EditCommand::Insert(c)))),
        Popup::SaveAs { .. } => {
            lookup(SAVE_AS, ev).or_else(|| typed(ev).map(|c| Action::Edit(EditCommand::Insert(c))))
        }
    }
}

/// Footer hints kept first when the footer cannot show them all, most needed first;
/// the others follow in their order.
const FOOTER_PRIORITY: &[&str] = &[
    "help",
    "quit",
    "done",
    "write",
    "cancel",
    "next issue",
    "apply",
    "edit",
    "save",
    "undo",
];

/// The footer's hints that fit in `width` columns (each takes its keys, its text and
/// three spaces), in their order: `? help` and `q quit` (or the mode's way out) first.
pub fn footer_fitting(app: &App, width: usize) -> Vec<(&'static str, &'static str)> {
    let hints = footer_hints(app);
    let cost = |(key, what): &(&str, &str)| {
        super::wrap::display_width(key) + super::wrap::display_width(what) + 3
    };
    let rank = |h: &(&str, &str)| {
        FOOTER_PRIORITY
            .iter()
            .position(|p| *p == h.1)
            .unwrap_or(FOOTER_PRIORITY.len())
    };
    let mut order: Vec<usize> = (0..hints.len()).collect();
    order.sort_by_key(|&i| (rank(&hints[i]), i));
    let mut used = 0;
    let mut keep = vec![false; hints.len()];
    for i in order {
        if used + cost(&hints[i]) <= width {
            used += cost(&hints[i]);
            keep[i] = true;
        }
    }
    hints
        .into_iter()
        .zip(keep)
        .filter_map(|(h, k)| k.then_some(h))
        .collect()
}

/// The footer's key hints for the app's mode: (keys, what).
pub fn footer_hints(app: &App) -> Vec<(&'static str, &'static str)> {
    let sections = match (&app.popup, &app.mode) {
        (Some(Popup::GlossaryForm(_)), _) => GLOSSARY_FORM,
        (Some(Popup::Replace(_)), _) => REPLACE_FORM,
        (Some(Popup::SaveAs { .. }), _) => SAVE_AS,
        (_, Mode::Normal) => NORMAL,
        (_, Mode::Editing(_)) => EDITING,
        (_, Mode::Search(_)) => SEARCH,
    };
    sections
        .iter()
        .flat_map(|s| s.bindings)
        .filter_map(|b| {
            b.footer
                .map(|f| (b.label.split(' ').next().unwrap_or(""), f))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn every_normal_key_is_bound_once() {
        let mut seen = Vec::new();
        for b in NORMAL.iter().flat_map(|s| s.bindings) {
            for key in b.keys {
                assert!(!seen.contains(key), "{key:?} bound twice");
                seen.push(*key);
            }
        }
    }

    #[test]
    fn capitals_and_control_keys() {
        let n = key(KeyCode::Char('N'), KeyModifiers::SHIFT);
        assert_eq!(lookup(NORMAL, &n), Some(Action::PrevIssue));
        let save = key(KeyCode::Char('s'), KeyModifiers::CONTROL);
        assert_eq!(lookup(NORMAL, &save), Some(Action::Save));
        let s = key(KeyCode::Char('s'), KeyModifiers::NONE);
        assert_eq!(lookup(NORMAL, &s), None);
        let w = key(KeyCode::Char('w'), KeyModifiers::CONTROL);
        assert_eq!(
            lookup(EDITING, &w),
            Some(Action::Edit(EditCommand::DeleteWordBack))
        );
        let word = key(KeyCode::Right, KeyModifiers::CONTROL);
        assert_eq!(
            lookup(EDITING, &word),
            Some(Action::Edit(EditCommand::WordRight))
        );
        assert_eq!(
            typed(&key(KeyCode::Char('é'), KeyModifiers::NONE)),
            Some('é')
        );
        assert_eq!(typed(&save), None);
    }

    #[test]
    fn the_recovery_prompts_can_be_left() {
        let recovery = Popup::Recovery {
            changes: 2,
            at: "now".into(),
            draft_segment: None,
        };
        let changed = Popup::ArticleChanged {
            changes: 2,
            saved: 0,
            saved_to: None,
            at: "now".into(),
        };
        for popup in [recovery, changed] {
            for (code, mods) in [
                (KeyCode::Char('q'), KeyModifiers::NONE),
                (KeyCode::Esc, KeyModifiers::NONE),
                (KeyCode::Char('c'), KeyModifiers::CONTROL),
            ] {
                assert_eq!(
                    popup_key(&popup, &key(code, mods)),
                    Some(Action::Answer('q')),
                    "{popup:?} {code:?}"
                );
            }
            let x = key(KeyCode::Char('x'), KeyModifiers::NONE);
            assert_eq!(popup_key(&popup, &x), None);
        }
        let c = key(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(lookup(EDITING, &c), Some(Action::Quit));
        assert_eq!(lookup(NORMAL, &c), Some(Action::Quit));
    }

    #[test]
    fn plus_adds_a_word_to_the_dictionary() {
        let plus = key(KeyCode::Char('+'), KeyModifiers::NONE);
        assert_eq!(lookup(NORMAL, &plus), Some(Action::AddToDictionary));
        let shifted = key(KeyCode::Char('+'), KeyModifiers::SHIFT);
        assert_eq!(lookup(NORMAL, &shifted), Some(Action::AddToDictionary));
    }

    #[test]
    fn the_glossary_form_takes_its_keys() {
        let t = key(KeyCode::Char('t'), KeyModifiers::NONE);
        assert_eq!(lookup(NORMAL, &t), Some(Action::AddGlossaryEntry));
        let form = Popup::GlossaryForm(Box::new(crate::tui::form::GlossaryForm::new(
            "a", "", "", "zh",
        )));
        let ask = |code, mods| popup_key(&form, &key(code, mods));
        assert_eq!(
            ask(KeyCode::Enter, KeyModifiers::NONE),
            Some(Action::SubmitForm)
        );
        assert_eq!(ask(KeyCode::Esc, KeyModifiers::NONE), Some(Action::Cancel));
        assert_eq!(
            ask(KeyCode::Tab, KeyModifiers::NONE),
            Some(Action::NextField)
        );
        assert_eq!(
            ask(KeyCode::BackTab, KeyModifiers::SHIFT),
            Some(Action::PrevField)
        );
        assert_eq!(
            ask(KeyCode::Up, KeyModifiers::NONE),
            Some(Action::PrevField)
        );
        // Letters that are commands elsewhere type themselves here.
        for c in ['t', 'q', 'j', 'n', 'E'] {
            assert_eq!(
                ask(KeyCode::Char(c), KeyModifiers::NONE),
                Some(Action::Edit(EditCommand::Insert(c)))
            );
        }
        assert_eq!(
            ask(KeyCode::Char('w'), KeyModifiers::CONTROL),
            Some(Action::Edit(EditCommand::DeleteWordBack))
        );
        let mut seen = Vec::new();
        for b in GLOSSARY_FORM.iter().flat_map(|s| s.bindings) {
            for key in b.keys {
                assert!(!seen.contains(key), "{key:?} bound twice");
                seen.push(*key);
            }
        }
    }
}
