//! The event loop, generic over the backend and the event source so that tests and
//! benchmarks drive the real editor with `TestBackend` and scripted events. Bursts of
//! events are drawn as one frame; finished background checks are taken in between.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::crossterm::event::{self, Event};

use super::app::App;
use super::keymap::map_event;
use super::update::{self, update};
use super::view::view;

/// What an event source gave.
#[derive(Debug)]
pub enum Next {
    Event(Event),
    /// Nothing within the timeout.
    Timeout,
    /// No more events will come.
    Closed,
}

/// Where events come from.
pub trait EventSource {
    fn next(&mut self, timeout: Duration) -> std::io::Result<Next>;
}

/// The real terminal.
pub struct TerminalEvents;

impl EventSource for TerminalEvents {
    fn next(&mut self, timeout: Duration) -> std::io::Result<Next> {
        if event::poll(timeout)? {
            Ok(Next::Event(event::read()?))
        } else {
            Ok(Next::Timeout)
        }
    }
}

/// A fixed list of events (tests, benchmarks).
#[derive(Debug, Default)]
pub struct Scripted {
    pub events: VecDeque<Event>,
}

impl Scripted {
    pub fn new(events: impl IntoIterator<Item = Event>) -> Self {
        Scripted {
            events: events.into_iter().collect(),
        }
    }
}

impl EventSource for Scripted {
    fn next(&mut self, _timeout: Duration) -> std::io::Result<Next> {
        Ok(self.events.pop_front().map_or(Next::Closed, Next::Event))
    }
}

/// Why the loop ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// The post-editor quit.
    Quit,
    /// A signal (terminate, hang-up) asked to stop; unsaved work stays in the journal.
    Signal,
    /// The event source ran out.
    EventsClosed,
}

/// Feeds one event to the app.
pub fn handle(app: &mut App, event: &Event) {
    handle_drawing(app, event, |_| {});
}

/// Feeds one event to the app; before an action that blocks for a while, `draw` shows the
/// screen with the status line saying what it does ([`update::announce`]).
fn handle_drawing(app: &mut App, event: &Event, draw: impl FnOnce(&App)) {
    if let (Some(k), Event::Key(key)) = (app.panic_key, event)
        && key.code == ratatui::crossterm::event::KeyCode::Char(k)
    {
        panic!("panic requested with MTPE_TEST_PANIC_KEY");
    }
    if let Some(action) = map_event(app, event) {
        if update::announce(app, &action) {
            draw(app);
        }
        update(app, action);
    }
}

/// Runs the editor until it quits, `stop` is set, or the events run out.
pub fn run<B>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    events: &mut impl EventSource,
    stop: &AtomicBool,
) -> anyhow::Result<Ended>
where
    B: Backend,
    B::Error: std::error::Error + Send + Sync + 'static,
{
    let mut redraw = true;
    let mut closed = false;
    loop {
        if stop.load(Ordering::Relaxed) {
            update::idle(app);
            // Unsaved changes stay in the journal, to be recovered next time.
            let _ = app.session.close(false);
            return Ok(Ended::Signal);
        }
        if update::background_arrived(app) {
            redraw = true;
        }
        if redraw {
            terminal.draw(|f| view(app, f))?;
            redraw = false;
        }
        if app.quit {
            return Ok(Ended::Quit);
        }
        if closed {
            return Ok(Ended::EventsClosed);
        }
        let timeout = if app.session.checks_running()
            || app.revisions.as_ref().is_some_and(|r| r.is_busy())
        {
            Duration::from_millis(50)
        } else {
            Duration::from_millis(500)
        };
        match events.next(timeout)? {
            Next::Event(ev) => {
                // A progress frame is best effort: the frame after the action follows.
                let mut progress = |app: &App| {
                    let _ = terminal.draw(|f| view(app, f));
                };
                handle_drawing(app, &ev, &mut progress);
                redraw = true;
                // Take what is already waiting before drawing again.
                while !app.quit {
                    match events.next(Duration::ZERO)? {
                        Next::Event(ev) => handle_drawing(app, &ev, &mut progress),
                        Next::Timeout => break,
                        Next::Closed => {
                            closed = true;
                            break;
                        }
                    }
                }
            }
            Next::Timeout => update::idle(app),
            Next::Closed => closed = true,
        }
    }
}
