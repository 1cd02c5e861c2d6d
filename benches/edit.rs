//! The editor on a large article (10 MB generated, `benches/support/article.rs`):
//!
//! 1. open to first frame: read and validate the file, build the document and its
//!    segments, open the journal, draw the first frame into a 200×60 TestBackend (the
//!    whole-document checks start on a worker thread and are timed separately);
//! 2. keystrokes in the segment editor: keymap + `update` + `view` into a 200×60
//!    TestBackend for each of 2,000 keys (typing, Backspace, word moves), as p50/p99;
//!    and ending an edit (commit + paragraph re-check), as p50/p99;
//! 3. peak memory (VmHWM) of a child process that opens the article, waits for all
//!    checks, draws and types, against the article's size.
//!
//! `cargo bench --bench edit` (MTPE_BENCH_BYTES overrides the size, MTPE_BENCH_RUNS the
//! number of opens).

#[path = "support/article.rs"]
mod article;

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use mtpe::check::{Engine, registry};
use mtpe::document::Document;
use mtpe::session::{CheckMode, Session, SessionConfig};
use mtpe::tui::app::App;
use mtpe::tui::runtime::handle;
use mtpe::tui::theme::Theme;
use mtpe::tui::view::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

const W: u16 = 200;
const H: u16 = 60;

fn open(path: &Path, journal: &Path) -> (App, Terminal<TestBackend>, Duration) {
    let start = Instant::now();
    let doc = Document::load(path).expect("article");
    let config = SessionConfig {
        journal: journal.to_path_buf(),
        output: path.with_extension("edited.txt"),
        target_lang: "en".into(),
        checking: CheckMode::Auto,
    };
    let engine = Arc::new(Engine::new(registry::rule_checks()));
    let (session, opening) = Session::open(doc, engine, config).expect("session");
    let app = App::new(session, &opening, (W, H), Theme { color: true });
    let Ok(mut terminal) = Terminal::new(TestBackend::new(W, H));
    let Ok(_) = terminal.draw(|f| view(&app, f));
    (app, terminal, start.elapsed())
}

fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn ctrl(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

/// A post-editor's keys: words typed, a few deleted, some word moves.
fn keystrokes(n: usize) -> Vec<Event> {
    let words = "the cyberspace industry keeps growing steadily while governance improves ";
    let mut out = Vec::with_capacity(n);
    let mut chars = words.chars().cycle();
    let mut i = 0;
    while out.len() < n {
        i += 1;
        match i % 40 {
            0 => out.push(ctrl('w')),
            13 => out.push(key(KeyCode::Backspace)),
            27 => {
                out.push(Event::Key(KeyEvent::new(
                    KeyCode::Left,
                    KeyModifiers::CONTROL,
                )));
                out.push(Event::Key(KeyEvent::new(
                    KeyCode::Right,
                    KeyModifiers::CONTROL,
                )));
            }
            _ => out.push(key(KeyCode::Char(chars.next().unwrap_or('x')))),
        }
    }
    out.truncate(n);
    out
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1e3)
}

fn vm_hwm_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// The child process of the memory measurement.
fn memory_child(path: &Path, journal: &Path) {
    let (mut app, mut terminal, _) = open(path, journal);
    eprintln!("after the first frame: {} KiB", vm_hwm_kib().unwrap_or(0));
    app.session.wait_for_checks();
    eprintln!("after all checks: {} KiB", vm_hwm_kib().unwrap_or(0));
    let mid = app.session.segment_count() / 2;
    app.current = mid;
    app.ensure_visible();
    handle(&mut app, &key(KeyCode::Char('e')));
    for ev in keystrokes(200) {
        handle(&mut app, &ev);
        let Ok(_) = terminal.draw(|f| view(&app, f));
    }
    eprintln!("after 200 keys: {} KiB", vm_hwm_kib().unwrap_or(0));
    handle(&mut app, &key(KeyCode::Esc));
    app.session.wait_for_checks();
    let Ok(_) = terminal.draw(|f| view(&app, f));
    eprintln!(
        "after the edit's document re-check: {} KiB",
        vm_hwm_kib().unwrap_or(0)
    );
    println!("{}", vm_hwm_kib().unwrap_or(0));
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--memory-child") {
        memory_child(Path::new(&args[i + 1]), Path::new(&args[i + 2]));
        return;
    }
    if args.iter().any(|a| a == "--list") {
        // `cargo bench -- --list` (as cargo test asks of bench targets): nothing to list.
        return;
    }
    let bytes: usize = std::env::var("MTPE_BENCH_BYTES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000_000);
    let runs: usize = std::env::var("MTPE_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("article.txt");
    std::fs::write(&path, article::article(bytes, 1)).expect("write article");
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    println!("article: {size} bytes, terminal {W}x{H}");

    // 1. Open to first frame.
    let mut opens = Vec::new();
    let mut all_checked = Vec::new();
    for run in 0..runs {
        let journal = dir.path().join(format!("open-{run}.sqlite"));
        let (mut app, _t, first_frame) = open(&path, &journal);
        let start = Instant::now();
        app.session.wait_for_checks();
        opens.push(first_frame);
        all_checked.push(first_frame + start.elapsed());
        println!(
            "open {run}: first frame {}, all checks in {} ({} segments, {} open issues)",
            ms(first_frame),
            ms(first_frame + start.elapsed()),
            app.session.segment_count(),
            app.session.open_issue_count()
        );
    }
    opens.sort();
    all_checked.sort();
    println!(
        "open to first frame: median {} (min {}, max {})",
        ms(percentile(&opens, 0.5)),
        ms(opens[0]),
        ms(opens[opens.len() - 1])
    );
    println!(
        "open to all checks in: median {}",
        ms(percentile(&all_checked, 0.5))
    );

    // 2. Keystrokes in the segment editor, in the middle of the article.
    let journal = dir.path().join("keys.sqlite");
    let (mut app, mut terminal, _) = open(&path, &journal);
    app.session.wait_for_checks();
    app.current = app.session.segment_count() / 2;
    app.ensure_visible();
    let mut times = Vec::new();
    let mut commits = Vec::new();
    let events = keystrokes(2_000);
    handle(&mut app, &key(KeyCode::Char('e')));
    for (i, ev) in events.iter().enumerate() {
        let start = Instant::now();
        handle(&mut app, ev);
        let Ok(_) = terminal.draw(|f| view(&app, f));
        times.push(start.elapsed());
        // Every 200 keys: end the edit (commit, re-check) and start again further on.
        if i % 200 == 199 {
            let start = Instant::now();
            handle(&mut app, &key(KeyCode::Esc));
            let Ok(_) = terminal.draw(|f| view(&app, f));
            commits.push(start.elapsed());
            handle(&mut app, &key(KeyCode::Char('j')));
            handle(&mut app, &key(KeyCode::Char('e')));
        }
    }
    times.sort();
    commits.sort();
    println!(
        "keystroke (keymap + update + view, {W}x{H}): p50 {}, p90 {}, p99 {}, max {} over {} keys",
        ms(percentile(&times, 0.5)),
        ms(percentile(&times, 0.9)),
        ms(percentile(&times, 0.99)),
        ms(times[times.len() - 1]),
        times.len()
    );
    println!(
        "end of edit (Esc: journal write + re-check + view): p50 {}, max {} over {} edits",
        ms(percentile(&commits, 0.5)),
        ms(commits[commits.len() - 1]),
        commits.len()
    );
    drop(app);

    // 3. Peak memory of a process doing the same.
    let exe = std::env::current_exe().expect("bench binary");
    let out = std::process::Command::new(exe)
        .arg("--memory-child")
        .arg(&path)
        .arg(dir.path().join("memory.sqlite"))
        .output()
        .expect("child runs");
    for line in String::from_utf8_lossy(&out.stderr).lines() {
        println!("  peak memory {line}");
    }
    let kib: u64 = String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .unwrap_or(0);
    println!(
        "peak memory: {:.1} MB = {:.2}x the article",
        kib as f64 * 1024.0 / 1e6,
        kib as f64 * 1024.0 / size.max(1) as f64
    );
}
