//! The post-editing terminal UI (`mtpe edit`): state + update + view over an edit
//! [`crate::session::Session`].
//!
//! - [`app`]: the state (session, current segment, selection, scroll, mode, popups) and
//!   the screen geometry that update and view share; [`form`]: the add-to-glossary form;
//! - [`action`] and [`keymap`]: keys and mouse events become actions;
//! - [`update`]: the only place state changes; no terminal needed;
//! - [`view`]: draws the state, doing work proportional to the screen;
//! - [`text_input`] and [`wrap`]: the grapheme-aware segment editor and display-width
//!   wrapping; [`search`]: finding text; [`replace`]: the find-and-replace form;
//! - [`units`]: a bilingual file's sources and unit states in the list;
//! - [`revisions`]: each save recorded in the revision history on a thread of its own;
//! - [`terminal`] and [`runtime`]: the terminal's lifecycle and the event loop.

pub mod action;
pub mod app;
pub mod form;
pub mod keymap;
pub mod replace;
pub mod revisions;
pub mod runtime;
pub mod search;
pub mod terminal;
pub mod text_input;
pub mod theme;
pub mod units;
pub mod update;
pub mod view;
pub mod wrap;

use std::sync::Arc;
use std::sync::atomic::AtomicBool;

pub use action::Action;
pub use app::App;
pub use runtime::{Ended, EventSource, Scripted, TerminalEvents, run};
pub use update::update;

/// How long a signal gives the event loop to end cleanly (keeping an unfinished edit)
/// before the process leaves on its own.
const SIGNAL_GRACE: std::time::Duration = std::time::Duration::from_secs(2);

/// Runs `app` on the real terminal until it quits or a signal stops it. The terminal is
/// restored however this ends.
pub fn run_in_terminal(mut app: App) -> anyhow::Result<Ended> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    let stop = Arc::new(AtomicBool::new(false));
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT])?;
    let signal_handle = signals.handle();
    let flag = Arc::clone(&stop);
    // The event loop sees the flag within half a second, saves an unfinished edit and
    // leaves. On a hung-up terminal the terminal reader may never return (crossterm spins
    // on end-of-file), so after a grace period this thread leaves for it: every confirmed
    // change is in the journal already.
    std::thread::Builder::new()
        .name("mtpe-signals".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                flag.store(true, std::sync::atomic::Ordering::Relaxed);
                std::thread::sleep(SIGNAL_GRACE);
                terminal::restore();
                std::process::exit(128 + signal);
            }
        })?;
    let (guard, mut terminal) = terminal::TerminalGuard::enter()?;
    let size = terminal.size()?;
    update(&mut app, Action::Resize(size.width, size.height));
    let result = run(&mut terminal, &mut app, &mut TerminalEvents, &stop);
    if result.is_err() {
        // Keep an unfinished edit: the journal holds everything else already.
        update::idle(&mut app);
    }
    drop(guard);
    signal_handle.close();
    for line in &app.farewell {
        eprintln!("{line}");
    }
    // A save's revision still being recorded is waited for (the screen is back, so say so).
    if let Some(recorder) = app.revisions.as_mut().filter(|r| r.is_busy()) {
        eprintln!("mtpe: recording the saved version in the history\u{2026}");
        for outcome in recorder.finish() {
            if let Err(e) = outcome {
                eprintln!("mtpe: warning: the saved version was not recorded in the history: {e}");
            }
        }
    }
    result
}
