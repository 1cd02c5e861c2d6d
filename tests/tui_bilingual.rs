//! Screens of `mtpe edit` on a bilingual file (TestBackend + insta): each unit's source
//! dimmed above its target with the unit's state mark, inline codes as chips, a confirmed
//! unit, the sources hidden, a locked unit refusing an edit.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use mtpe::check::Engine;
use mtpe::document::Origin;
use mtpe::document::units::{BilingualFile, OpenOptions};
use mtpe::glossary::{Fill, Glossary};
use mtpe::session::{CheckMode, Session, SessionConfig, SessionGlossary};
use mtpe::tui::app::{App, AppOptions};
use mtpe::tui::runtime::handle;
use mtpe::tui::theme::Theme;
use mtpe::tui::view::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

fn open(fixture: &str, dir: &Path, size: (u16, u16)) -> App {
    open_with(fixture, dir, size, None)
}

/// The fixture checked against the shipped glossary.
fn open_with_glossary(fixture: &str, dir: &Path, size: (u16, u16)) -> App {
    let glossary = Glossary::in_memory(Fill::Shipped).expect("glossary");
    open_with(
        fixture,
        dir,
        size,
        Some(SessionGlossary::new(glossary, "shipped")),
    )
}

fn open_with(
    fixture: &str,
    dir: &Path,
    size: (u16, u16),
    glossary: Option<SessionGlossary>,
) -> App {
    let bytes = std::fs::read(Path::new("fixtures/bilingual").join(fixture)).expect("fixture");
    // A relative file name keeps the header the same on every machine.
    let file = BilingualFile::from_bytes(fixture, bytes, &OpenOptions::default())
        .expect("fixture")
        .with_origin(Origin::File(PathBuf::from(fixture)));
    let config = SessionConfig {
        journal: dir.join("journal.sqlite"),
        output: dir.join(fixture),
        target_lang: "en".into(),
        checking: CheckMode::Inline,
        dictionary: Default::default(),
    };
    // With a glossary, the source-aware and terminology checks too.
    let engine = if glossary.is_some() {
        Engine::bilingual(true)
    } else {
        Engine::standard(false)
    };
    let (session, opening) =
        Session::open_units(file, Arc::new(engine), config, glossary).expect("test setup");
    App::new(
        session,
        &opening,
        AppOptions::new(size, Theme { color: false }),
    )
}

fn press(app: &mut App, keys: &str) {
    for c in keys.chars() {
        handle(
            app,
            &Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)),
        );
    }
}

fn draw(app: &App) -> Terminal<TestBackend> {
    let Ok(mut t) = Terminal::new(TestBackend::new(app.size().0, app.size().1));
    let Ok(_) = t.draw(|f| view(app, f));
    t
}

#[test]
fn xliff_sources_above_targets() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = open("news.xlf", dir.path(), (80, 24));
    // Unit 2: a code pair around the report's title, shown as chips in both texts.
    press(&mut app, "j");
    insta::assert_snapshot!(draw(&app).backend());
}

#[test]
fn xliff_unit_confirmed_and_sources_hidden() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = open("news.xlf", dir.path(), (80, 24));
    press(&mut app, "jco");
    insta::assert_snapshot!(draw(&app).backend());
}

#[test]
fn memoq_locked_unit_refuses_an_edit() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = open("memoq.mqxliff", dir.path(), (80, 24));
    let locked = (0..app.session().segment_count())
        .find(|&u| app.session().unit_status(u).is_some_and(|s| s.locked))
        .expect("a locked unit");
    press(&mut app, &"j".repeat(locked));
    press(&mut app, "e");
    insta::assert_snapshot!(draw(&app).backend());
}

#[test]
fn xliff2_chips_show_the_original_markup_and_are_edited_whole() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = open("segments.xliff2.xlf", dir.path(), (80, 16));
    // Unit p1/s1: a `<pc>` whose original data is <b>…</b>, and a `<ph/>` that is <br/>.
    press(&mut app, "j");
    insta::assert_snapshot!(draw(&app).backend());
    press(&mut app, "e");
    let key = |app: &mut App, code: KeyCode, n: usize| {
        for _ in 0..n {
            handle(app, &Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
        }
    };
    key(&mut app, KeyCode::End, 1);
    // ⟨b⟩The report⟨/b⟩ shows⟨br/⟩ a rise of 12.3%.: the cursor's column counts the labels.
    let (seg, row, col) = app.cursor_row().expect("editing");
    assert_eq!((seg, col), (1, 3 + 10 + 4 + 6 + 5 + 17));
    let lead = app.lead_rows(1);
    assert_eq!(row, lead, "one row");
    // Back over the text, then one more: the <br/> chip goes whole.
    key(&mut app, KeyCode::Backspace, " a rise of 12.3%.".len() + 1);
    let text = app.editing().expect("editing").input.text().to_string();
    assert_eq!(text, "\u{e000}The report\u{e001} shows");
}

#[test]
fn glossary_source_terms_are_marked_with_their_renderings() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = open_with_glossary("news.xlf", dir.path(), (100, 50));
    // Unit 4: 我国正加快从网络大国向网络强国迈进。 — two glossary terms in the source; the
    // target's "strong network country" is a deprecated rendering of 网络强国.
    press(&mut app, "jjj");
    let id = app
        .session()
        .segment_issues(3)
        .into_iter()
        .find(|id| app.session().issue_text(*id) == "strong network country")
        .expect("the deprecated rendering is flagged");
    while app.selected_issue() != Some(id) {
        handle(
            &mut app,
            &Event::Key(KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE)),
        );
    }
    let t = draw(&app);
    insta::assert_snapshot!(t.backend());
    // The source row marks each term (underlined, not dimmed), and nothing else.
    let buf = t.backend().buffer();
    let source_row = (0..buf.area.height)
        .find(|&y| {
            // A wide character's second cell is blank.
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol())
                .filter(|s| *s != " ")
                .collect::<String>()
                .contains("我国正加快")
        })
        .expect("the source row");
    let marked: String = (0..buf.area.width)
        .filter(|&x| {
            let cell = &buf[(x, source_row)];
            cell.modifier.contains(ratatui::style::Modifier::UNDERLINED)
                && !cell.symbol().trim().is_empty()
        })
        .map(|x| buf[(x, source_row)].symbol().to_string())
        .collect();
    assert_eq!(marked, "网络大国网络强国");
}

#[test]
fn t_prefills_the_source_term_the_flagged_text_renders() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = open_with_glossary("news.xlf", dir.path(), (100, 30));
    press(&mut app, "jjj");
    let id = app
        .session()
        .segment_issues(3)
        .into_iter()
        .find(|id| app.session().issue_text(*id) == "strong network country")
        .expect("the deprecated rendering is flagged");
    while app.selected_issue() != Some(id) {
        handle(
            &mut app,
            &Event::Key(KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE)),
        );
    }
    press(&mut app, "t");
    insta::assert_snapshot!(draw(&app).backend());
}
