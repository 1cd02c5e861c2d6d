//! Times what a post-editor waits for on a bilingual file: opening it in the editor up to
//! the first frame (file read, units, session and journal, the first screen drawn into a
//! TestBackend), and saving one edited target (BilingualFile::save and the atomic write of
//! the file and its diff). Also writes the targets as plain text, one a line, for
//! comparing `mtpe check` on the file with `mtpe check` on its targets.
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
    let file = BilingualFile::open(&path, &OpenOptions::default())?;
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
    };
    let (session, opening) =
        Session::open_units(file, Arc::new(Engine::standard(false)), config, None)?;
    let app = App::new(
        session,
        &opening,
        AppOptions::new((120, 40), Theme { color: true }),
    );
    let mut terminal = Terminal::new(TestBackend::new(120, 40))?;
    terminal.draw(|f| mtpe::tui::view::view(&app, f))?;
    let first_frame = start.elapsed();
    drop(app);

    // A fresh session (its own journal) for the save.
    let file = BilingualFile::open(&path, &OpenOptions::default())?;
    let config = SessionConfig {
        journal: dir.path().join("journal2.sqlite"),
        output: dir.path().join("out2.xlf"),
        target_lang: "en".into(),
        checking: CheckMode::Background,
    };
    let (mut session, _) =
        Session::open_units(file, Arc::new(Engine::standard(false)), config, None)?;
    let seg = session.segment_count() / 2;
    let text = format!("{} (edited)", session.segment_text(seg));
    session.set_segment_text(seg, &text)?;
    // Saved once the checks of the edit are in, as a post-editor saves.
    session.wait_for_checks();
    let start = Instant::now();
    session.save()?;
    let save = start.elapsed();
    println!(
        "first_frame_s {:.3}\nsave_one_edit_s {:.3}",
        first_frame.as_secs_f64(),
        save.as_secs_f64()
    );
    Ok(())
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
