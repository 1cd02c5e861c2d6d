//! The post-editing terminal UI (`mtpe edit`): state + update + view over an edit
//! [`crate::session::Session`].
//!
//! - [`app`]: the state (session, current segment, selection, scroll, mode, popups) and
//!   the screen geometry that update and view share;
//! - [`action`] and [`keymap`]: keys and mouse events become actions;
//! - [`update`]: the only place state changes; no terminal needed;
//! - [`view`]: draws the state, doing work proportional to the screen;
//! - [`text_input`] and [`wrap`]: the grapheme-aware segment editor and display-width
//!   wrapping; [`search`]: finding text;
//! - [`terminal`] and [`runtime`]: the terminal's lifecycle and the event loop.

pub mod action;
pub mod app;
pub mod keymap;
pub mod runtime;
pub mod search;
pub mod terminal;
pub mod text_input;
pub mod theme;
pub mod update;
pub mod view;
pub mod wrap;

use std::sync::Arc;
use std::sync::atomic::AtomicBool;

pub use action::Action;
pub use app::App;
pub use runtime::{Ended, EventSource, Scripted, TerminalEvents, run};
pub use update::update;

/// Runs `app` on the real terminal until it quits or a signal stops it. The terminal is
/// restored however this ends.
pub fn run_in_terminal(mut app: App) -> anyhow::Result<Ended> {
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
        signal_hook::consts::SIGQUIT,
    ] {
        signal_hook::flag::register(signal, Arc::clone(&stop))?;
    }
    let (guard, mut terminal) = terminal::TerminalGuard::enter()?;
    let size = terminal.size()?;
    update(&mut app, Action::Resize(size.width, size.height));
    let result = run(&mut terminal, &mut app, &mut TerminalEvents, &stop);
    if result.is_err() {
        // Keep an unfinished edit: the journal holds everything else already.
        update::idle(&mut app);
    }
    drop(guard);
    result
}
