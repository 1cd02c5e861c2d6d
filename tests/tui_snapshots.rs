//! Screens of `mtpe edit` on the seed fixture with the shipped glossary, drawn into
//! ratatui's TestBackend and kept as insta snapshots: opening, an issue selected, editing,
//! help, the diff view, the recovery prompt, a 40×10 terminal, a wide terminal with a
//! glossary entry in the pane, the add-to-glossary form, CJK wrapping; and exact styles of
//! a highlighted span, which the text snapshots cannot show.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use mtpe::check::Engine;
use mtpe::document::{Document, Origin};
use mtpe::glossary::{Fill, Glossary};
use mtpe::session::{CheckMode, Session, SessionConfig, SessionGlossary};
use mtpe::tui::app::{App, AppOptions};
use mtpe::tui::runtime::handle;
use mtpe::tui::theme::Theme;
use mtpe::tui::view::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Modifier;

const SEED: &str = "fixtures/cyberspace-review.mt.txt";

fn open(text: &str, name: &str, dir: &Path, size: (u16, u16), color: bool) -> App {
    open_with(text, name, dir, size, color, None)
}

fn open_with(
    text: &str,
    name: &str,
    dir: &Path,
    size: (u16, u16),
    color: bool,
    glossary: Option<SessionGlossary>,
) -> App {
    // A relative file name keeps the header the same on every machine.
    let doc = Document::new(Origin::File(PathBuf::from(name)), text.to_string());
    let config = SessionConfig {
        journal: dir.join("journal.sqlite"),
        output: dir.join("out.txt"),
        target_lang: "en".into(),
        checking: CheckMode::Inline,
        dictionary: Default::default(),
    };
    let engine = Arc::new(Engine::standard(glossary.is_some()));
    let (mut session, opening) =
        Session::open_with_glossary(doc, engine, config, glossary).expect("test setup");
    // As `mtpe edit --keep-journal`: a saved session is there to reopen.
    session.keep_journal(true);
    App::new(session, &opening, AppOptions::new(size, Theme { color }))
}

/// The seed article with the shipped glossary (in memory), as `mtpe edit` opens it on a
/// fresh machine.
fn seed(dir: &Path, size: (u16, u16)) -> App {
    let text = std::fs::read_to_string(SEED).expect("test setup");
    let glossary = SessionGlossary::new(
        Glossary::in_memory(Fill::Shipped).expect("test setup"),
        "default",
    );
    open_with(
        &text,
        "cyberspace-review.mt.txt",
        dir,
        size,
        true,
        Some(glossary),
    )
}

/// Presses keys: plain characters, or `<esc>`, `<enter>`, `<down>`, `<C-x>`.
fn keys(app: &mut App, keys: &str) {
    let mut rest = keys;
    while let Some(c) = rest.chars().next() {
        let (code, mods, len) = if c == '<' {
            let end = rest.find('>').expect("test setup");
            let name = &rest[1..end];
            let (code, mods) = match name {
                "esc" => (KeyCode::Esc, KeyModifiers::NONE),
                "enter" => (KeyCode::Enter, KeyModifiers::NONE),
                "down" => (KeyCode::Down, KeyModifiers::NONE),
                "up" => (KeyCode::Up, KeyModifiers::NONE),
                "tab" => (KeyCode::Tab, KeyModifiers::NONE),
                "left" => (KeyCode::Left, KeyModifiers::NONE),
                "bs" => (KeyCode::Backspace, KeyModifiers::NONE),
                ctrl if ctrl.starts_with("C-") => (
                    KeyCode::Char(ctrl[2..].chars().next().expect("test setup")),
                    KeyModifiers::CONTROL,
                ),
                other => panic!("unknown key {other}"),
            };
            (code, mods, end + 1)
        } else {
            let mods = if c.is_uppercase() {
                KeyModifiers::SHIFT
            } else {
                KeyModifiers::NONE
            };
            (KeyCode::Char(c), mods, c.len_utf8())
        };
        handle(app, &Event::Key(KeyEvent::new(code, mods)));
        rest = &rest[len..];
    }
}

fn draw(app: &App) -> Terminal<TestBackend> {
    let Ok(mut t) = Terminal::new(TestBackend::new(app.size().0, app.size().1));
    let Ok(_) = t.draw(|f| view(app, f));
    t
}

#[test]
fn seed_opening() {
    let dir = tempfile::tempdir().unwrap();
    let app = seed(dir.path(), (80, 24));
    insta::assert_snapshot!(draw(&app).backend());
}

#[test]
fn seed_issue_selected() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = seed(dir.path(), (80, 24));
    // Past the first segment's two issues, to the second issue of segment 2.
    keys(&mut app, "nnn");
    insta::assert_snapshot!(draw(&app).backend());
}

#[test]
fn seed_editing() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = seed(dir.path(), (80, 24));
    keys(&mut app, "jjjjjjjje<C-e><C-w><C-w>the road to cyberpower.");
    let mut t = draw(&app);
    insta::assert_snapshot!(t.backend());
    // The cursor is drawn after the typed text.
    let pos = t.get_cursor_position().unwrap();
    let row: String = (0..80)
        .map(|x| t.backend().buffer()[(x, pos.y)].symbol().to_string())
        .collect();
    assert!(row.trim_end().ends_with("cyberpower."), "{row}");
    assert_eq!(usize::from(pos.x), row.trim_end().chars().count());
}

#[test]
fn seed_help_overlay() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = seed(dir.path(), (80, 24));
    keys(&mut app, "?");
    insta::assert_snapshot!(draw(&app).backend());
}

#[test]
fn seed_diff_view() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = seed(dir.path(), (80, 24));
    keys(
        &mut app,
        "jjjjjjjje<C-e><C-w><C-w>the road to cyberpower.<esc>d",
    );
    insta::assert_snapshot!(draw(&app).backend());
}

#[test]
fn seed_recovery_prompt() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut app = seed(dir.path(), (80, 24));
        keys(&mut app, "nana");
        // Dropped without quitting: as if the terminal had been killed.
    }
    let app = seed(dir.path(), (80, 24));
    let screen = draw(&app).backend().to_string();
    insta::with_settings!({filters => vec![(r"\d{4}-\d\d-\d\d \d\d:\d\d", "[TIME]")]}, {
        insta::assert_snapshot!(screen);
    });
}

#[test]
fn seed_tiny_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = seed(dir.path(), (40, 10));
    keys(&mut app, "nn");
    insta::assert_snapshot!(draw(&app).backend());
    keys(&mut app, "e");
    insta::assert_snapshot!("seed_tiny_terminal_editing", draw(&app).backend());
}

#[test]
fn seed_wide_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = seed(dir.path(), (160, 40));
    // To segment 3's deprecated rendering, which names the concept's other renderings.
    keys(&mut app, "nnnn");
    insta::assert_snapshot!(draw(&app).backend());
}

#[test]
fn seed_glossary_entry_beside_the_text() {
    // The first segment's first issue is an admitted variant beside deprecated renderings:
    // the pane shows its entry.
    let dir = tempfile::tempdir().unwrap();
    let app = seed(dir.path(), (160, 40));
    let screen = draw(&app).backend().to_string();
    assert!(screen.contains("glossary entry"), "{screen}");
    insta::assert_snapshot!(screen);
}

#[test]
fn seed_glossary_form() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = seed(dir.path(), (80, 24));
    // On the tautology "vitality and vitality", which no glossary term covers.
    keys(&mut app, "/vitality and vitality<enter><esc>t");
    let mut t = draw(&app);
    insta::assert_snapshot!(t.backend());
    keys(&mut app, "vigour and vitality<tab><tab>MT tautology");
    t = draw(&app);
    insta::assert_snapshot!("seed_glossary_form_filled", t.backend());
    // The cursor is in the field being typed in.
    let pos = t.get_cursor_position().unwrap();
    let row: String = (0..80)
        .map(|x| t.backend().buffer()[(x, pos.y)].symbol().to_string())
        .collect();
    let before: String = row.chars().take(usize::from(pos.x)).collect();
    assert!(before.contains("Note"), "{row}");
    assert!(before.ends_with("MT tautology"), "{row}");
    // The preferred term is required.
    keys(&mut app, "<up><up><C-u><enter>");
    insta::assert_snapshot!("seed_glossary_form_error", draw(&app).backend());
}

#[test]
fn cjk_text_wraps_by_display_width() {
    let dir = tempfile::tempdir().unwrap();
    let text = "从网络大国迈向网络强国，网络强国建设取得新进展。\n\
                Mixed 中文 and English text wraps at spaces and between ideographs alike.\n";
    let app = open(text, "cjk.txt", dir.path(), (40, 12), true);
    insta::assert_snapshot!(draw(&app).backend());
}

#[test]
fn flagged_spans_are_underlined_and_the_selected_one_reversed() {
    let dir = tempfile::tempdir().unwrap();
    let text = "We saw the the results and a clear and clear sky.\n";
    for color in [true, false] {
        let mut app = open(text, "t.txt", dir.path(), (80, 12), color);
        // The first issue of the first segment is selected on opening.
        let t = draw(&app);
        let buf = t.backend().buffer();
        let gutter = mtpe::tui::app::gutter_width(1);
        let cell = |i: u16| &buf[(gutter + i, 1)];
        let text_of = |a: u16, b: u16| (a..b).map(|i| cell(i).symbol()).collect::<String>();
        assert_eq!(text_of(7, 14), "the the");
        for i in 7..14 {
            let m = cell(i).modifier;
            assert!(
                m.contains(Modifier::UNDERLINED | Modifier::REVERSED),
                "{i}: {m:?}"
            );
        }
        assert_eq!(text_of(29, 44), "clear and clear");
        for i in 29..44 {
            let c = cell(i);
            assert!(c.modifier.contains(Modifier::UNDERLINED));
            assert!(!c.modifier.contains(Modifier::REVERSED));
            if color {
                assert_eq!(
                    c.fg,
                    Theme::category_color(mtpe::check::Category::Repetition)
                );
            } else {
                assert_eq!(c.fg, ratatui::style::Color::Reset);
            }
        }
        assert!(cell(5).modifier.is_empty(), "plain text stays plain");
        keys(&mut app, "q");
    }
}

#[test]
fn an_empty_article_says_there_is_nothing_to_diff() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open("\u{feff}\n\n", "empty.txt", dir.path(), (80, 12), false);
    keys(&mut app, "d");
    insta::assert_snapshot!(draw(&app).backend());
}

/// The auditor's case on the seed: ignore the metadata line, then fix the missing space
/// in it. The ignore holds: the debris count stays down and `I` shows it flagged still.
#[test]
fn an_ignored_line_stays_ignored_after_a_fix_inside_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = seed(dir.path(), (100, 30));
    let debris =
        |app: &App| app.session().open_issues_by_category()[mtpe::check::Category::Debris as usize];
    let before = debris(&app);
    keys(&mut app, "ji");
    assert_eq!(debris(&app), before - 1);
    keys(&mut app, "a");
    assert_eq!(
        app.session().segment_text(1),
        "Release time: Apr 14, 2024 05:35 AM"
    );
    assert_eq!(debris(&app), before - 1, "the ignore holds after the fix");
    keys(&mut app, "I");
    insta::assert_snapshot!(draw(&app).backend());
}

/// Search matches are marked without colour too: bold and italic, the current one in
/// inverted video (normal video inside the reversed selected issue); a match in a flagged
/// span keeps the span's underline.
#[test]
fn search_matches_show_in_monochrome_and_the_current_one_stands_out() {
    let dir = tempfile::tempdir().unwrap();
    let text = "We saw the the results and a clear and clear sky with clear air.\n";
    for color in [false, true] {
        let mut app = open(text, "t.txt", dir.path(), (80, 12), color);
        let gutter = mtpe::tui::app::gutter_width(1);
        let modifiers = |app: &App, a: u16, b: u16| -> Vec<Modifier> {
            let t = draw(app);
            let buf = t.backend().buffer().clone();
            (a..b).map(|i| buf[(gutter + i, 1)].modifier).collect()
        };
        let all = |ms: Vec<Modifier>, want: Modifier, not: Modifier| {
            for m in ms {
                assert!(m.contains(want) && !m.intersects(not), "{m:?}");
            }
        };
        let mark = Modifier::BOLD | Modifier::ITALIC;
        keys(&mut app, "/clear<enter>");
        let status = app.status().unwrap().text.clone();
        assert!(status.contains("match 1 of 3 here"), "{status}");
        // The current match, in a flagged span.
        all(
            modifiers(&app, 29, 34),
            mark | Modifier::REVERSED | Modifier::UNDERLINED,
            Modifier::empty(),
        );
        // Another match in the flagged span.
        all(
            modifiers(&app, 39, 44),
            mark | Modifier::UNDERLINED,
            Modifier::REVERSED,
        );
        // A match in plain text.
        all(
            modifiers(&app, 54, 59),
            mark,
            Modifier::REVERSED | Modifier::UNDERLINED,
        );
        keys(&mut app, "n");
        all(modifiers(&app, 29, 34), mark, Modifier::REVERSED);
        all(
            modifiers(&app, 39, 44),
            mark | Modifier::REVERSED,
            Modifier::empty(),
        );
        // In the selected issue ("the the", reversed) the current match is not.
        keys(&mut app, "<esc>/the<enter>");
        all(
            modifiers(&app, 7, 10),
            mark | Modifier::UNDERLINED,
            Modifier::REVERSED,
        );
        all(
            modifiers(&app, 11, 14),
            mark | Modifier::REVERSED | Modifier::UNDERLINED,
            Modifier::empty(),
        );
        if !color {
            let t = draw(&app);
            let buf = t.backend().buffer();
            for i in 0..60 {
                let c = &buf[(gutter + i, 1)];
                assert_eq!(
                    (c.fg, c.bg),
                    (ratatui::style::Color::Reset, ratatui::style::Color::Reset)
                );
            }
        }
        keys(&mut app, "<esc><esc>q");
    }
}

/// The auditor's case: segment 10 of the seed, the first sentence of its paragraph,
/// emptied in the editor and saved: the paragraph's line starts with the next sentence.
#[test]
fn emptying_the_first_sentence_of_a_paragraph_leaves_no_leading_space() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = seed(dir.path(), (80, 24));
    keys(&mut app, "jjjjjjjjj");
    assert_eq!(app.current(), 9);
    let first = app.session().segment_text(9).to_string();
    let next = app.session().segment_text(10).to_string();
    keys(&mut app, "e<C-e><C-u><esc><C-s>");
    assert_eq!(app.session().segment_text(9), "");
    let saved = std::fs::read_to_string(dir.path().join("out.txt")).unwrap();
    let original = std::fs::read_to_string(SEED).unwrap();
    let line = original
        .lines()
        .position(|l| l.starts_with(&first))
        .unwrap();
    let now = saved.lines().nth(line).unwrap();
    assert!(now.starts_with(&next), "{now:?}");
    assert_eq!(saved.lines().count(), original.lines().count());
}

#[test]
fn seed_article_changed_after_a_save() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut app = seed(dir.path(), (80, 24));
        keys(&mut app, "nanana<C-s>q");
        assert!(app.has_quit());
    }
    let text = std::fs::read_to_string(SEED).unwrap() + "A line added on disk.\n";
    let glossary = SessionGlossary::new(
        Glossary::in_memory(Fill::Shipped).expect("test setup"),
        "default",
    );
    let app = open_with(
        &text,
        "cyberspace-review.mt.txt",
        dir.path(),
        (80, 24),
        true,
        Some(glossary),
    );
    let screen = draw(&app).backend().to_string();
    let dir_text = dir.path().display().to_string();
    insta::with_settings!({filters => vec![
        (r"\d{4}-\d\d-\d\d \d\d:\d\d", "[TIME]"),
        (regex_escape(&dir_text).as_str(), "[DIR]"),
        // The padding after the folder's name depends on its length.
        (r"\[DIR\]/out\.txt +│", "[DIR]/out.txt │"),
    ]}, {
        insta::assert_snapshot!(screen);
    });
}

fn regex_escape(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '/' || c == '_' {
                c.to_string()
            } else {
                format!("\\{c}")
            }
        })
        .collect()
}

/// The auditor's case: the only line of an article, a metadata line, deleted with `a` and
/// saved: the saved file is empty and its diff a clean deletion.
#[test]
fn deleting_the_only_line_saves_an_empty_file() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Release time:Apr 14, 2024 05:35 AM\n";
    let mut app = open(text, "one-line.txt", dir.path(), (80, 24), false);
    keys(&mut app, "a<C-s>");
    let saved = std::fs::read(dir.path().join("out.txt")).unwrap();
    assert!(saved.is_empty(), "{saved:?}");
    let diff = std::fs::read_to_string(dir.path().join("out.txt.diff")).unwrap();
    let body: Vec<&str> = diff.lines().skip(2).collect();
    assert_eq!(
        body,
        ["@@ -1 +0,0 @@", "-Release time:Apr 14, 2024 05:35 AM"],
        "{diff}"
    );
}

/// A message wider than the screen wraps over the footer instead of losing its end.
#[test]
fn seed_long_message_wraps() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = seed(dir.path(), (80, 24));
    keys(&mut app, "/network<enter>");
    insta::assert_snapshot!(draw(&app).backend());
}

const REPEATS: &str = "A clear and clear sky over the network power.\n\nA clear and clear day, a clear and clear night.\n\nThe network power grows; Network power wins.\n";

/// `A` on a selected issue says how many issues like it there are before fixing them all.
#[test]
fn fix_everywhere_prompt() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(REPEATS, "t.txt", dir.path(), (80, 24), false);
    keys(&mut app, "A");
    insta::assert_snapshot!(draw(&app).backend());
    keys(&mut app, "y");
    assert!(!app.session().current_text().contains("clear and clear"));
}

/// `R`: the find-and-replace form with its live count of matches.
#[test]
fn find_and_replace_form() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(REPEATS, "t.txt", dir.path(), (80, 24), false);
    keys(&mut app, "Rnetwork power<tab>cyberpower");
    insta::assert_snapshot!(draw(&app).backend());
    keys(&mut app, "<enter>");
    assert_eq!(
        app.session().current_text().matches("cyberpower").count(),
        3
    );
}

/// Quitting after a failed save says so, where the changes are, and offers save as.
#[test]
fn quit_prompt_after_a_failed_save() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(REPEATS, "t.txt", dir.path(), (80, 24), false);
    // The output is a folder: the save fails.
    std::fs::create_dir(dir.path().join("out.txt")).unwrap();
    keys(&mut app, "a<C-s>");
    assert!(app.status().unwrap().text.contains("W saves elsewhere"));
    keys(&mut app, "q");
    let journal = dir.path().join("journal.sqlite").display().to_string();
    // The path and the padding after it, whose width depends on the path.
    let pattern = format!("{} *", regex_escape(&journal));
    let filters = vec![(pattern.as_str(), "[JOURNAL] ")];
    insta::with_settings!({filters => filters}, {
        insta::assert_snapshot!(draw(&app).backend());
    });
    let saved = dir.path().join("saved.txt");
    keys(&mut app, "w<C-u>");
    for c in saved.display().to_string().chars() {
        keys(&mut app, &c.to_string());
    }
    keys(&mut app, "<enter>");
    assert!(app.has_quit());
    assert!(saved.exists());
}

/// A suggestion longer than the pane is wide wraps under itself instead of being cut
/// off; `]` scrolls a long entry (the pane says there is more), `[` scrolls back.
#[test]
fn seed_long_suggestion_wraps_and_the_pane_scrolls() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = seed(dir.path(), (120, 22));
    keys(&mut app, "/The way of benefiting<enter><esc>");
    let screen = format!("{:?}", draw(&app).backend());
    let rows: Vec<&str> = screen.lines().collect();
    let at = rows
        .iter()
        .position(|r| r.contains("a/1 → Whatever brings benefit"))
        .expect(&screen);
    assert!(!rows[at].contains("times"), "{screen}");
    assert!(
        rows[at + 1].contains("        pace with the times"),
        "{screen}"
    );
    assert!(screen.contains("↓ ] more"), "{screen}");
    keys(&mut app, "]]");
    insta::assert_snapshot!(draw(&app).backend());
    keys(&mut app, "[[");
    let back = format!("{:?}", draw(&app).backend());
    assert!(back.contains("↓ ] more") && !back.contains("↑ ["), "{back}");
}

/// A paragraph hard-wrapped in the file is shown flowing (its breaks are not wrapped
/// again on top of the screen's wrapping), the header names the line the current segment
/// starts on, and a save keeps the file's own breaks.
#[test]
fn hard_wrapped_paragraphs_flow_and_keep_their_breaks() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Title line\n\nThis paragraph was wrapped by hand at a fixed width of\nsixty columns, as many text files are, and it goes on\nfor a while. Its second sentence is a clear and clear one.\n";
    let mut app = open(text, "t.txt", dir.path(), (72, 14), false);
    keys(&mut app, "j");
    insta::assert_snapshot!(draw(&app).backend());
    keys(&mut app, "j");
    let header = format!("{:?}", draw(&app).backend());
    assert!(header.contains("seg 3/3 · line 5"), "{header}");
    keys(&mut app, "a<C-s>");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("out.txt")).unwrap(),
        text.replace("clear and clear", "clear")
    );
}

/// `+` on a spelling issue: the word goes into the user's dictionary and every issue on
/// it disappears.
#[test]
fn a_word_added_to_the_dictionary() {
    let dir = tempfile::tempdir().expect("test setup");
    let text = "The goverment met on Monday.\n\nLater the goverment left.\n";
    let doc = Document::new(Origin::File(PathBuf::from("words.txt")), text.to_string());
    let config = SessionConfig {
        journal: dir.path().join("journal.sqlite"),
        output: dir.path().join("out.txt"),
        target_lang: "en".into(),
        checking: CheckMode::Inline,
        dictionary: mtpe::session::UserDictionary {
            path: Some(dir.path().join("dictionary.sqlite")),
            words: mtpe::check::spelling::UserWords::default(),
        },
    };
    let (session, opening) =
        Session::open(doc, Arc::new(Engine::standard(false)), config).expect("test setup");
    let mut app = App::new(
        session,
        &opening,
        AppOptions::new((70, 12), Theme { color: false }),
    );
    insta::assert_snapshot!("before_adding_a_word", draw(&app).backend());
    keys(&mut app, "+");
    insta::assert_snapshot!("after_adding_a_word", draw(&app).backend());
}
