//! Times what a post-editor waits for on a bilingual file: opening it in the editor up to
//! the first frame (file read, units, session and journal, the first screen drawn into a
//! TestBackend), and saving one edited target (BilingualFile::save and the atomic write of
//! the file and its diff). Also writes the targets as plain text, one a line, for
//! comparing `mtpe check` on the file with `mtpe check` on its targets. The first frame,
//! the save and a copy of the file (`std::fs::copy`, as `cp` copies, just before the save)
//! are also given in CPU time of the main thread (on Linux), which load does not inflate;
//! the save's wall time beyond it is mostly waiting for the disk (fsync).
//!
//!   cargo run --release --example bilingual_edit_timing -- FILE.xlf [TARGETS.txt]

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use mtpe::check::Engine;
use mtpe::document::units::{BilingualFile, OpenOptions};
use mtpe::session::{CheckMode, Session, SessionConfig};
use mtpe::tui::app::{App, AppOptions};
use mtpe::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = PathBuf::from(
        args.next()
            .ok_or("usage: bilingual_edit_timing FILE [TARGETS]")?,
    );
    let dir = tempfile::tempdir()?;
    parts(&path)?;
    let start = Instant::now();
    let mut spans = Vec::new();
    let file = BilingualFile::open(&path, &OpenOptions::default())?;
    spans.push(("open", start.elapsed()));
    if let Some(targets) = args.next() {
        let mut text = String::new();
        for u in file.units() {
            text.extend(u.target.text.chars().filter(|c| u.code(*c).is_none()));
            text.push('\n');
        }
        std::fs::write(targets, text)?;
    }
    let config = SessionConfig {
        journal: dir.path().join("journal.sqlite"),
        output: dir.path().join("out.xlf"),
        target_lang: "en".into(),
        checking: CheckMode::Auto,
        dictionary: Default::default(),
    };
    let engine = Arc::new(Engine::standard(false));
    spans.push(("engine", start.elapsed()));
    let (session, opening) = Session::open_units(file, engine, config, None)?;
    spans.push(("session", start.elapsed()));
    let app = App::new(
        session,
        &opening,
        AppOptions::new((120, 40), Theme { color: true }),
    );
    spans.push(("app", start.elapsed()));
    let mut terminal = Terminal::new(TestBackend::new(120, 40))?;
    terminal.draw(|f| mtpe::tui::view::view(&app, f))?;
    let first_frame = start.elapsed();
    let first_frame_cpu = thread_cpu_s();
    spans.push(("drawn", first_frame));
    let spans: Vec<String> = spans
        .iter()
        .map(|(name, at)| format!("{name} {:.3}", at.as_secs_f64()))
        .collect();
    println!("first_frame_spans_s {}", spans.join(", "));
    drop(app);

    // A fresh session (its own journal) for the save.
    let file = BilingualFile::open(&path, &OpenOptions::default())?;
    let config = SessionConfig {
        journal: dir.path().join("journal2.sqlite"),
        output: dir.path().join("out2.xlf"),
        target_lang: "en".into(),
        checking: CheckMode::Background,
        dictionary: Default::default(),
    };
    let (mut session, _) =
        Session::open_units(file, Arc::new(Engine::standard(false)), config, None)?;
    let seg = session.segment_count() / 2;
    let text = format!("{} (edited)", session.segment_text(seg));
    session.set_segment_text(seg, &text)?;
    // Saved once the checks of the edit are in, as a post-editor saves.
    session.wait_for_checks();
    // What the save is measured against: copying the file as `cp` does, just before.
    let (start, cpu) = (Instant::now(), thread_cpu_s());
    std::fs::copy(&path, dir.path().join("copy.xlf"))?;
    let copy = (start.elapsed(), since(cpu));
    // And a copy made durable, as a save must be (`cp` then `sync FILE`).
    let start = Instant::now();
    std::fs::copy(&path, dir.path().join("synced.xlf"))?;
    std::fs::File::open(dir.path().join("synced.xlf"))?.sync_all()?;
    let synced_copy = start.elapsed();
    let (start, cpu) = (Instant::now(), thread_cpu_s());
    session.save()?;
    let save = (start.elapsed(), since(cpu));
    println!(
        "first_frame_s {:.3}\nfirst_frame_cpu_s {}\nsave_one_edit_s {:.3}\nsave_one_edit_cpu_s {}\ncopy_file_s {:.3}\ncopy_file_cpu_s {}\ncopy_and_sync_s {:.3}",
        first_frame.as_secs_f64(),
        shown(first_frame_cpu),
        save.0.as_secs_f64(),
        shown(save.1),
        copy.0.as_secs_f64(),
        shown(copy.1),
        synced_copy.as_secs_f64(),
    );
    Ok(())
}

/// The CPU time of the calling thread so far, from Linux's scheduler statistics: on a
/// loaded machine, about what the wall time of CPU-bound work would be on a quiet one.
fn thread_cpu_s() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = stat.split(' ').next()?.parse().ok()?;
    Some(ns / 1e9)
}

/// CPU time of the calling thread since `start` (a [`thread_cpu_s`] reading).
fn since(start: Option<f64>) -> Option<f64> {
    Some(thread_cpu_s()? - start?)
}

fn shown(seconds: Option<f64>) -> String {
    seconds.map_or("?".into(), |s| format!("{s:.3}"))
}

/// The parts of a save, timed apart: writing the edit into the file's bytes, and the
/// unified diff of the file.
fn parts(path: &std::path::Path) -> Result<(), Box<dyn std::error::Error>> {
    let file = BilingualFile::open(path, &OpenOptions::default())?;
    let unit = file.units().len() / 2;
    let text = format!("{} (edited)", file.units()[unit].target.text);
    let start = Instant::now();
    let bytes = file.save(&[mtpe::document::units::TargetEdit {
        unit,
        text,
        stage: None,
    }])?;
    let patched = start.elapsed();
    let start = Instant::now();
    let new = String::from_utf8(bytes)?;
    let diff = mtpe::diff::unified_diff(file.text(), &new, "a", "b");
    println!(
        "file_save_s {:.3}\nunified_diff_s {:.3} ({} bytes)",
        patched.as_secs_f64(),
        start.elapsed().as_secs_f64(),
        diff.len()
    );
    Ok(())
}
