//! Tests of the edit session: changes, undo, ignoring, saving, and the journal's recovery.

use std::path::Path;
use std::sync::Arc;

use super::*;
use crate::check::{Category, Check, CheckContext, CheckInfo, Engine, Issue, Scope, Severity};
use crate::document::Document;

/// A document-scope check for these tests: a line said again later in the document.
struct RepeatedLine;

static REPEATED: CheckInfo = CheckInfo {
    id: "repetition.test-line",
    category: Category::Repetition,
    severity: Severity::Warning,
    summary: "a line repeated",
    example: "A.\nA.",
};

impl Check for RepeatedLine {
    fn info(&self) -> &'static CheckInfo {
        &REPEATED
    }
    fn scope(&self) -> Scope {
        Scope::Document
    }
    fn check_document(&self, ctx: &CheckContext<'_>, out: &mut Vec<Issue>) {
        let mut seen = std::collections::HashMap::new();
        for p in ctx.doc.paragraphs() {
            let text = ctx.doc.slice(p.span.clone());
            if let Some(first) = seen.get(text) {
                out.push(
                    Issue::new(&REPEATED, p.span.clone(), "repeated line")
                        .suggest("")
                        .with_related(std::ops::Range::clone(first)),
                );
            } else {
                seen.insert(text, p.span.clone());
            }
        }
    }
}

/// A fixed set of checks, so that these tests do not change as checks are added.
fn engine() -> Arc<Engine> {
    Arc::new(Engine::new(vec![
        Box::new(crate::check::repetition::doubled::DoubledPhrase),
        Box::new(RepeatedLine),
    ]))
}

struct Fixture {
    dir: tempfile::TempDir,
}

impl Fixture {
    fn new() -> Self {
        Fixture {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn article(&self, text: &str) -> std::path::PathBuf {
        let p = self.dir.path().join("article.txt");
        std::fs::write(&p, text).unwrap();
        p
    }

    fn config(&self, mode: CheckMode) -> SessionConfig {
        SessionConfig {
            journal: self.dir.path().join("state/journal.sqlite"),
            output: self.dir.path().join("article.edited.txt"),
            target_lang: "en".into(),
            checking: mode,
            dictionary: Default::default(),
        }
    }

    fn open(&self) -> (Session, Opening) {
        self.open_with(CheckMode::Inline)
    }

    fn open_with(&self, mode: CheckMode) -> (Session, Opening) {
        let doc = Document::load(&self.dir.path().join("article.txt")).unwrap();
        Session::open(doc, engine(), self.config(mode)).unwrap()
    }
}

const TEXT: &str = "\u{feff}We saw the the results. It was fine.\r\nSecond line here.\r\nWe saw the the results. It was fine.\r\n";

fn texts(s: &Session) -> Vec<&str> {
    (0..s.segment_count()).map(|i| s.segment_text(i)).collect()
}

#[test]
fn opens_with_segments_and_issues() {
    let f = Fixture::new();
    f.article(TEXT);
    let (s, opening) = f.open();
    assert_eq!(opening, Opening::Fresh);
    assert_eq!(
        texts(&s),
        [
            "We saw the the results.",
            "It was fine.",
            "Second line here.",
            "We saw the the results.",
            "It was fine."
        ]
    );
    let ids = s.segment_issues(0);
    assert_eq!(ids.len(), 1);
    assert_eq!(s.issue_text(ids[0]), "the the");
    assert_eq!(s.issue(ids[0]).unwrap().issue.check, "repetition.doubled");
    // The repeated line is listed under its first segment and marked in both.
    let line = s.segment_issues(3);
    let checks: Vec<&str> = line
        .iter()
        .map(|id| s.issue(*id).unwrap().issue.check)
        .collect();
    assert_eq!(checks, ["repetition.test-line", "repetition.doubled"]);
    assert_eq!(s.segment_marks(4).len(), 1);
    let related = &s.issue(line[0]).unwrap().related;
    assert_eq!(s.location_segment(&related[0]), Some(0));
    assert_eq!(
        s.location_line(&related[0]),
        Some(1),
        "as the message numbers lines"
    );
    assert_eq!(s.open_issue_count(), 3);
    assert!(!s.is_dirty());
}

#[test]
fn apply_undo_redo_keep_bytes_exact() {
    let f = Fixture::new();
    f.article(TEXT);
    let (mut s, _) = f.open();
    let id = s.segment_issues(0)[0];
    assert_eq!(s.apply_suggestion(id, 0).unwrap(), 0);
    assert_eq!(s.segment_text(0), "We saw the results.");
    assert!(s.segment_issues(0).is_empty());
    assert_eq!(s.edited_segments(), 1);
    assert!(s.is_dirty());
    assert_eq!(
        s.current_text(),
        TEXT.replacen("the the", "the", 1),
        "BOM and CRLF kept"
    );
    // The repeated line is no longer a repetition of the first.
    assert!(
        s.segment_issues(3)
            .iter()
            .all(|id| s.issue(*id).unwrap().issue.check != "repetition.test-line")
    );
    let undone = s.undo().unwrap().unwrap();
    assert_eq!(undone.segment, Some(0));
    assert_eq!(undone.description, "suggestion for repetition.doubled");
    assert_eq!(s.current_text(), TEXT);
    assert_eq!(s.edited_segments(), 0);
    assert!(!s.is_dirty());
    assert_eq!(s.open_issue_count(), 3);
    s.redo().unwrap().unwrap();
    assert_eq!(s.segment_text(0), "We saw the results.");
    assert!(s.redo().unwrap().is_none());
}

#[test]
fn editing_a_segment_touches_only_it() {
    let f = Fixture::new();
    f.article(TEXT);
    let (mut s, _) = f.open();
    assert!(s.set_segment_text(1, "It was, in fact, fine.").unwrap());
    assert!(!s.set_segment_text(1, "It was, in fact, fine.").unwrap());
    assert_eq!(s.segment_text(0), "We saw the the results.");
    assert_eq!(s.segment_text(1), "It was, in fact, fine.");
    assert!(s.is_segment_edited(1) && !s.is_segment_edited(0));
    // A line break typed into a segment stays inside it.
    s.set_segment_text(2, "Second\r\nline here.").unwrap();
    assert_eq!(s.segment_text(2), "Second\r\nline here.");
    assert_eq!(s.segment_count(), 5);
    assert_eq!(s.edited_segments(), 2);
    // Emptying a segment keeps the others (and takes the space after it).
    s.set_segment_text(0, "").unwrap();
    assert_eq!(
        s.current_text(),
        "\u{feff}It was, in fact, fine.\r\nSecond\r\nline here.\r\nWe saw the the results. It was fine.\r\n"
    );
    // Written again, it brings a space back (between the segments).
    s.set_segment_text(0, "Restored.").unwrap();
    assert_eq!(s.segment_text(0), "Restored.");
    assert!(
        s.current_text()
            .starts_with("\u{feff}Restored. It was, in fact, fine.\r\n")
    );
    assert_eq!(s.segment_text(1), "It was, in fact, fine.");
}

#[test]
fn ignores_last_across_sessions_and_undo() {
    let f = Fixture::new();
    f.article(TEXT);
    {
        let (mut s, _) = f.open();
        let id = s.segment_issues(0)[0];
        let key = s.ignore(id).unwrap();
        assert_eq!(key.text, "the the");
        assert!(s.segment_issues(0).is_empty());
        assert_eq!(s.segment_ignored_count(0), 1);
        // Identical segments share the decision; other segments do not.
        assert_eq!(s.segment_issues(3).len(), 1);
        s.set_segment_text(2, "Here the the words.").unwrap();
        assert_eq!(s.segment_issues(2).len(), 1);
        assert_eq!(s.ignored(), [(key, Some(0))]);
        s.undo().unwrap();
        assert!(!s.is_dirty(), "ignoring does not change the text");
        s.keep_journal(true);
        s.close(false).unwrap();
    }
    let (mut s, opening) = f.open();
    assert!(matches!(opening, Opening::Resumed { changes: 3, .. }));
    assert!(s.segment_issues(0).is_empty());
    s.undo().unwrap();
    assert_eq!(s.segment_issues(0).len(), 1);
    s.redo().unwrap();
    let key = s.ignored()[0].0.clone();
    s.unignore(&key).unwrap();
    assert_eq!(s.segment_issues(0).len(), 1);
}

#[test]
fn navigation_runs_through_open_issues_and_wraps() {
    let f = Fixture::new();
    f.article(TEXT);
    let (s, _) = f.open();
    let (first, wrapped) = s.next_issue(0, None, true).unwrap();
    assert!(!wrapped);
    assert_eq!(s.issue_segment(first), Some(0));
    let (second, _) = s.next_issue(0, Some(first), true).unwrap();
    assert_eq!(s.issue_segment(second), Some(3));
    let (third, _) = s.next_issue(3, Some(second), true).unwrap();
    assert_eq!(s.issue_text(third), "the the");
    let (again, wrapped) = s.next_issue(3, Some(third), true).unwrap();
    assert!(wrapped);
    assert_eq!(again, first);
    let (back, wrapped) = s.next_issue(0, Some(first), false).unwrap();
    assert!(wrapped);
    assert_eq!(back, third);
    // From a segment without a selection: forward includes it, backward does not.
    assert_eq!(s.next_issue(2, None, true).unwrap().0, second);
    assert_eq!(s.next_issue(3, None, false).unwrap().0, first);
}

#[test]
fn save_writes_text_and_diff_and_never_the_article() {
    let f = Fixture::new();
    let article = f.article(TEXT);
    let (mut s, _) = f.open();
    let id = s.segment_issues(0)[0];
    s.apply_suggestion(id, 0).unwrap();
    let report = s.save().unwrap();
    assert!(report.journal_warning.is_none());
    assert_eq!(report.edited_segments, 1);
    let saved = std::fs::read_to_string(&report.output).unwrap();
    assert_eq!(saved, TEXT.replacen("the the", "the", 1));
    let diff = std::fs::read_to_string(&report.diff).unwrap();
    assert_eq!(
        diff,
        crate::diff::unified_diff(
            TEXT,
            &saved,
            &article.display().to_string(),
            &report.output.display().to_string()
        )
    );
    assert!(diff.contains("-\u{feff}We saw the the results."), "{diff}");
    assert_eq!(std::fs::read_to_string(&article).unwrap(), TEXT);
    assert!(!s.is_dirty());
    s.keep_journal(true);
    s.close(false).unwrap();
    drop(s);
    let (s, opening) = f.open();
    match opening {
        Opening::Resumed { changes, saved } => {
            assert_eq!(changes, 1);
            assert!(saved.unwrap().1.ends_with("article.edited.txt"));
        }
        other => panic!("{other:?}"),
    }
    assert!(!s.is_dirty());
    assert_eq!(s.current_text(), saved);
}

#[test]
fn a_failed_save_keeps_everything() {
    let f = Fixture::new();
    f.article(TEXT);
    let mut config = f.config(CheckMode::Inline);
    let blocker = f.dir.path().join("blocker");
    std::fs::write(&blocker, "").unwrap();
    config.output = blocker.join("out.txt");
    let doc = Document::load(&f.dir.path().join("article.txt")).unwrap();
    let (mut s, _) = Session::open(doc, engine(), config).unwrap();
    s.set_segment_text(2, "Changed.").unwrap();
    let err = s.save().unwrap_err();
    assert!(err.to_string().contains("Nothing was written"), "{err}");
    assert!(s.is_dirty());
}

#[test]
fn a_killed_session_is_recovered_exactly() {
    let f = Fixture::new();
    f.article(TEXT);
    let expected;
    {
        let (mut s, _) = f.open();
        s.set_segment_text(2, "Second line, edited.").unwrap();
        let id = s.segment_issues(0)[0];
        s.apply_suggestion(id, 0).unwrap();
        s.set_segment_text(4, "It was not fine.").unwrap();
        s.undo().unwrap();
        let id = s.segment_issues(3)[0];
        assert_eq!(s.issue_text(id), "the the");
        s.ignore(id).unwrap();
        s.save_draft(1, "It was half", 11).unwrap();
        expected = s.current_text();
        // Dropped without close(): as if killed.
    }
    let (mut s, opening) = f.open();
    match &opening {
        Opening::Recoverable {
            changes,
            draft_segment,
            ..
        } => {
            assert_eq!(*changes, 6);
            assert_eq!(*draft_segment, Some(1));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        s.current_text(),
        TEXT,
        "nothing applied before the decision"
    );
    let rec = s.recover().unwrap();
    assert_eq!(rec.applied, 6);
    assert_eq!(rec.segment, Some(1));
    assert_eq!(
        s.current_text(),
        expected.replace("It was fine.\r\nSecond", "It was half\r\nSecond")
    );
    assert!(s.segment_issues(3).is_empty(), "the ignore came back too");
    // Undo history came back: undo the recovered draft, then the ignore.
    assert_eq!(s.undo().unwrap().unwrap().description, "recovered edit");
    assert_eq!(s.current_text(), expected);
    assert!(s.is_dirty());
    s.close(true).unwrap();
    drop(s);
    let (s, opening) = f.open();
    assert_eq!(opening, Opening::Fresh);
    assert_eq!(s.current_text(), TEXT);
}

#[test]
fn discarding_a_recovery_keeps_what_was_saved() {
    let f = Fixture::new();
    f.article(TEXT);
    {
        let (mut s, _) = f.open();
        s.set_segment_text(2, "Saved edit.").unwrap();
        s.save().unwrap();
        s.set_segment_text(1, "Unsaved edit.").unwrap();
    }
    let (mut s, opening) = f.open();
    assert!(matches!(opening, Opening::Recoverable { changes: 1, .. }));
    assert_eq!(s.segment_text(2), "Saved edit.");
    assert!(!s.is_dirty());
    s.discard_pending().unwrap();
    assert_eq!(s.segment_text(1), "It was fine.");
    drop(s);
    let (s, opening) = f.open();
    assert!(matches!(opening, Opening::Resumed { changes: 1, .. }));
    assert_eq!(s.segment_text(2), "Saved edit.");
}

#[test]
fn a_changed_article_is_not_patched_without_asking() {
    let f = Fixture::new();
    f.article(TEXT);
    {
        let (mut s, _) = f.open();
        s.set_segment_text(2, "Line two, edited.").unwrap();
        s.set_segment_text(0, "First, edited.").unwrap();
    }
    // Someone changes the first line of the file meanwhile.
    f.article(&TEXT.replacen("We saw the the results.", "We saw results.", 1));
    let (mut s, opening) = f.open();
    assert!(matches!(
        opening,
        Opening::ArticleChanged { changes: 2, .. }
    ));
    assert!(!s.is_dirty());
    let rec = s.recover().unwrap();
    assert_eq!((rec.applied, rec.skipped), (1, 1));
    assert_eq!(s.segment_text(2), "Line two, edited.");
    assert_eq!(s.segment_text(0), "We saw results.");
    drop(s);
    // The journal now belongs to the new text.
    let (s, opening) = f.open();
    assert!(matches!(opening, Opening::Recoverable { changes: 1, .. }));
    drop(s);
}

#[test]
fn background_checks_agree_with_inline_ones() {
    let f = Fixture::new();
    f.article(TEXT);
    let (inline, _) = f.open();
    let inline_issues: Vec<(usize, Vec<IssueId>)> =
        (0..5).map(|i| (i, inline.segment_issues(i))).collect();
    drop(inline);
    let (mut bg, _) = f.open_with(CheckMode::Background);
    bg.wait_for_checks();
    assert!(!bg.checks_running());
    let bg_issues: Vec<(usize, Vec<IssueId>)> = (0..5).map(|i| (i, bg.segment_issues(i))).collect();
    assert_eq!(bg_issues, inline_issues);
    // An edit re-checks its paragraph at once and the document in the background.
    bg.set_segment_text(0, "We saw results.").unwrap();
    assert!(bg.segment_issues(0).is_empty());
    bg.wait_for_checks();
    assert_eq!(bg.segment_issues(3).len(), 1);
}

#[test]
fn draft_checks_see_the_typed_text() {
    let f = Fixture::new();
    f.article(TEXT);
    let (s, _) = f.open();
    let issues = s.check_draft(2, "Second line line here.", 0);
    assert_eq!(issues.len(), 1);
    assert_eq!(issues[0].span, 7..16);
    assert!(s.check_draft(2, "Clean text.", 0).is_empty());
}

#[test]
fn spelling_is_checked_as_typed_and_grammar_when_the_edit_ends() {
    let f = Fixture::new();
    f.article(TEXT);
    let doc = Document::load(&f.dir.path().join("article.txt")).unwrap();
    let checks: Vec<Box<dyn crate::check::Check>> = vec![
        Box::new(crate::check::spelling::unknown_word::UnknownWord),
        Box::new(crate::check::grammar::article::Article),
    ];
    let engine = Arc::new(Engine::new(checks));
    let (mut s, _) = Session::open(doc, engine, f.config(CheckMode::Inline)).unwrap();
    let draft = "The goverment took a important step and a recieve";
    let ids = |issues: Vec<Issue>| -> Vec<(&'static str, String)> {
        issues
            .into_iter()
            .map(|i| (i.check, draft[i.span].to_string()))
            .collect()
    };
    // The word at the cursor is still being typed; the article waits for the edit's end.
    assert_eq!(
        ids(s.check_draft(2, draft, draft.len())),
        [("spelling.unknown-word", "goverment".to_string())]
    );
    assert_eq!(
        ids(s.check_draft(2, draft, 0)),
        [
            ("spelling.unknown-word", "goverment".to_string()),
            ("spelling.unknown-word", "recieve".to_string())
        ]
    );
    s.set_segment_text(2, draft).expect("edit");
    s.wait_for_checks();
    let found: Vec<&str> = s
        .segment_issues(2)
        .into_iter()
        .filter_map(|id| s.issue(id))
        .map(|i| i.issue.check)
        .collect();
    assert!(found.contains(&"grammar.article"), "{found:?}");
    assert!(found.contains(&"spelling.unknown-word"), "{found:?}");
}

#[test]
fn standard_input_is_refused() {
    let f = Fixture::new();
    let doc = Document::new(crate::document::Origin::Stdin, "x".into());
    let err = Session::open(doc, engine(), f.config(CheckMode::Inline))
        .err()
        .unwrap();
    assert!(err.to_string().contains("standard input"), "{err}");
    assert!(!Path::new(&f.dir.path().join("x")).exists());
}

#[test]
fn segments_are_those_of_the_document_model() {
    let seed = include_str!("../../fixtures/cyberspace-review.mt.txt");
    let markdown = "# Title\n\n#\n\nText one. Text two!\n\n```\ncode. more.\n```\n\n- item. two.\n中文句子。第二句。\n";
    for (name, text) in [("seed.txt", seed), ("t.md", markdown)] {
        let f = Fixture::new();
        let p = f.dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        let doc = Document::load(&p).unwrap();
        let expected: Vec<(String, usize)> = doc
            .segments()
            .iter()
            .map(|s| (doc.slice(s.span.clone()).to_string(), s.paragraph))
            .collect();
        let doc = Document::load(&p).unwrap();
        let (s, _) = Session::open(doc, engine(), f.config(CheckMode::Inline)).unwrap();
        let got: Vec<(String, usize)> = (0..s.segment_count())
            .map(|i| (s.segment_text(i).to_string(), s.segment_paragraph(i)))
            .collect();
        assert_eq!(got, expected, "{name}");
        for i in 0..s.segment_count() {
            assert_eq!(s.original_segment_text(i), s.segment_text(i));
        }
    }
}

// ----- with a glossary -------------------------------------------------------------------

use crate::glossary::{EntryData as GlossaryEntry, Fill, Glossary};

/// Every check, the terminology ones included.
fn all_checks() -> Arc<Engine> {
    let mut checks = crate::check::registry::rule_checks();
    checks.extend(crate::check::registry::terminology_checks());
    Arc::new(Engine::new(checks))
}

/// A glossary large enough next to the test texts that the store selects a document's
/// entries by its words (rather than loading them all), with "network power" deprecated
/// for "cyberpower".
fn selective_glossary() -> SessionGlossary {
    let mut g = Glossary::in_memory(Fill::Empty).unwrap();
    for i in 0..400 {
        g.add(GlossaryEntry::new("en", format!("filler term {i}")))
            .unwrap();
    }
    g.add(GlossaryEntry::from_fix(
        "zh",
        "en",
        "cyberpower",
        "network power",
        Some("网络强国"),
        "",
    ))
    .unwrap();
    SessionGlossary::new(g, "test")
}

fn open_with_glossary(f: &Fixture, mode: CheckMode, g: SessionGlossary) -> Session {
    let doc = Document::load(&f.dir.path().join("article.txt")).unwrap();
    Session::open_with_glossary(doc, all_checks(), f.config(mode), Some(g))
        .unwrap()
        .0
}

fn checks_of(s: &Session, seg: usize) -> Vec<&'static str> {
    s.segment_issues(seg)
        .iter()
        .map(|id| s.issue(*id).unwrap().issue.check)
        .collect()
}

#[test]
fn terms_brought_in_by_an_edit_are_found() {
    for mode in [CheckMode::Inline, CheckMode::Background] {
        let f = Fixture::new();
        f.article("It is plain text here.\nSecond line.\n");
        let mut s = open_with_glossary(&f, mode, selective_glossary());
        s.wait_for_checks();
        assert_eq!(s.open_issue_count(), 0, "{mode:?}");
        // The article's words select no entry of note; the edit brings a deprecated term.
        s.set_segment_text(1, "The network power grows.").unwrap();
        s.wait_for_checks();
        assert_eq!(checks_of(&s, 1), ["terminology.deprecated"], "{mode:?}");
        let id = s.segment_issues(1)[0];
        assert_eq!(s.issue_text(id), "network power");
        assert_eq!(s.issue(id).unwrap().suggestions(), ["cyberpower"]);
        let entry = s
            .glossary_entry(id)
            .expect("the entry is read with the issue");
        assert_eq!(entry.data.sources, ["网络强国"]);
        // And gone when the edit is undone.
        s.undo().unwrap();
        s.wait_for_checks();
        assert_eq!(s.open_issue_count(), 0, "{mode:?}");
    }
}

#[test]
fn an_entry_added_to_the_glossary_rechecks_the_article() {
    for mode in [CheckMode::Inline, CheckMode::Background] {
        let f = Fixture::new();
        f.article("A big accident happened.\nNothing else.\n");
        let mut s = open_with_glossary(&f, mode, selective_glossary());
        s.wait_for_checks();
        assert_eq!(s.open_issue_count(), 0);
        let (id, outcome) = s
            .add_glossary_entry(GlossaryEntry::from_fix(
                "zh",
                "en",
                "major incident",
                "big accident",
                None,
                "",
            ))
            .unwrap();
        assert_eq!(outcome, crate::glossary::MergeOutcome::Added);
        s.wait_for_checks();
        assert_eq!(checks_of(&s, 0), ["terminology.deprecated"], "{mode:?}");
        let issue = s.segment_issues(0)[0];
        assert_eq!(s.glossary_entry(issue).unwrap().id, id);
        assert!(!s.is_dirty(), "the glossary is not the text");
    }
    // Without a glossary it is refused.
    let f = Fixture::new();
    f.article("Text.\n");
    let (mut s, _) = f.open();
    let err = s
        .add_glossary_entry(GlossaryEntry::from_fix("zh", "en", "a", "b", None, ""))
        .unwrap_err();
    assert!(err.to_string().contains("no glossary in use"), "{err}");
}

#[test]
fn a_collapsed_term_hides_the_repetitions_inside_it_through_edits() {
    let f = Fixture::new();
    f.article("China moves from a network power to a network power. Other words here.\n");
    let g = SessionGlossary::new(Glossary::in_memory(Fill::Shipped).unwrap(), "shipped");
    let mut s = open_with_glossary(&f, CheckMode::Inline, g);
    assert_eq!(checks_of(&s, 0), ["terminology.collapsed"]);
    // Editing the other sentence re-checks the paragraph at once: its tautology is found
    // again, and stays hidden under the collapsed term.
    s.set_segment_text(1, "Other words, here.").unwrap();
    assert_eq!(checks_of(&s, 0), ["terminology.collapsed"]);
    let hidden = (0..s.issues.paragraph(0).len())
        .filter_map(|index| {
            s.issue(IssueId {
                paragraph: 0,
                index,
            })
        })
        .filter(|si| si.superseded)
        .map(|si| si.issue.check)
        .collect::<Vec<_>>();
    assert!(hidden.contains(&"repetition.tautology"), "{hidden:?}");
    assert_eq!(s.open_issue_count(), 1);
    // Rewriting the phrase removes both.
    s.set_segment_text(
        0,
        "China moves from a major internet country to a cyberpower.",
    )
    .unwrap();
    assert!(checks_of(&s, 0).is_empty(), "{:?}", checks_of(&s, 0));
}

/// The auditor's case: a metadata line whose missing space is fixed after the line was
/// ignored. The ignore is of the line, not of its exact text: it survives the fix, its
/// undo and redo, and another session.
#[test]
fn an_ignore_survives_another_fix_inside_its_span() {
    let f = Fixture::new();
    f.article("A Title Line\n\nRelease time:Apr 14, 2024 05:35 AM\n\nThe text of the article.\n");
    let open = || {
        let doc = Document::load(&f.dir.path().join("article.txt")).unwrap();
        let engine = Arc::new(Engine::new(crate::check::registry::rule_checks()));
        Session::open(doc, engine, f.config(CheckMode::Inline)).unwrap()
    };
    let find = |s: &Session, check: &str| {
        s.segment_issues(1)
            .into_iter()
            .find(|id| s.issue(*id).unwrap().issue.check == check)
    };
    let (mut s, _) = open();
    let metadata = find(&s, "debris.metadata").expect("the line is flagged");
    let open_before = s.open_issue_count();
    let key = s.ignore(metadata).unwrap();
    assert_eq!(key.anchor, Some((0, 34)));
    assert_eq!(s.open_issue_count(), open_before - 1);
    let space = find(&s, "punctuation.missing-space").expect("the missing space");
    s.apply_suggestion(space, 0).unwrap();
    assert_eq!(s.segment_text(1), "Release time: Apr 14, 2024 05:35 AM");
    assert!(find(&s, "debris.metadata").is_none(), "still ignored");
    assert_eq!(s.open_issue_count(), open_before - 2);
    assert_eq!(s.ignored(), [(key.clone(), Some(1))], "flagged now");
    s.undo().unwrap();
    assert!(find(&s, "debris.metadata").is_none());
    s.redo().unwrap();
    assert!(find(&s, "debris.metadata").is_none());
    // An edit of the post-editor's own in the line keeps it ignored too.
    s.set_segment_text(1, "Release time: April 14, 2024 05:35 AM")
        .unwrap();
    assert!(find(&s, "debris.metadata").is_none());
    s.save().unwrap();
    s.keep_journal(true);
    s.close(false).unwrap();
    drop(s);
    let (mut s, opening) = open();
    assert!(matches!(opening, Opening::Resumed { .. }), "{opening:?}");
    assert!(
        find(&s, "debris.metadata").is_none(),
        "ignored in the next session"
    );
    assert_eq!(s.ignored(), [(key.clone(), Some(1))]);
    // Undoing the ignore (after the edits) brings it back.
    s.undo().unwrap();
    s.undo().unwrap();
    assert!(find(&s, "debris.metadata").is_none());
    s.undo().unwrap();
    assert!(find(&s, "debris.metadata").is_some(), "the ignore undone");
    assert!(s.ignored().is_empty());
}

/// The anchor is where the issue was in the machine translation: another issue of the
/// same check in the same segment, or one the post-editor typed, is not ignored with it.
#[test]
fn an_ignore_does_not_spread_to_other_issues_of_its_check() {
    let f = Fixture::new();
    f.article("We saw the the results and the big big dog.\n");
    let (mut s, _) = f.open();
    let ids = s.segment_issues(0);
    assert_eq!(ids.len(), 2);
    let key = s.ignore(ids[0]).unwrap();
    assert_eq!((key.text.as_str(), key.anchor), ("the the", Some((7, 14))));
    let open: Vec<String> = s
        .segment_issues(0)
        .iter()
        .map(|id| s.issue_text(*id).to_string())
        .collect();
    assert_eq!(open, ["big big"]);
    // Rewriting the ignored words makes a different doubling: flagged again.
    s.set_segment_text(0, "We saw results results and the big big dog.")
        .unwrap();
    let open: Vec<String> = s
        .segment_issues(0)
        .iter()
        .map(|id| s.issue_text(*id).to_string())
        .collect();
    assert_eq!(open, ["results results", "big big"]);
    // Typed in at a new place, it is not the ignored one (nor would be its text).
    s.set_segment_text(0, "We saw it it and the big big dog.")
        .unwrap();
    assert_eq!(s.segment_issues(0).len(), 2);
}

/// Emptying a sentence deletes it with the space that set it apart, wherever it is in its
/// paragraph; undo puts back exactly what was there; writing it again spaces it again.
#[test]
fn an_emptied_segment_takes_its_separating_space_with_it() {
    let f = Fixture::new();
    let text = "First one. Second one. Third one.\nNext paragraph here.\n";
    f.article(text);
    let (mut s, _) = f.open();
    let cases = [
        (0, "Second one. Third one.\nNext paragraph here.\n"),
        (1, "First one. Third one.\nNext paragraph here.\n"),
        (2, "First one. Second one.\nNext paragraph here.\n"),
    ];
    for (seg, expected) in cases {
        s.set_segment_text(seg, "").unwrap();
        assert_eq!(s.current_text(), expected, "segment {seg}");
        assert_eq!(s.segment_text(seg), "");
        assert!(s.is_segment_edited(seg));
        s.undo().unwrap();
        assert_eq!(s.current_text(), text, "undo of segment {seg}");
    }
    // Blank counts as empty; two in a row; then each written again.
    s.set_segment_text(0, "  ").unwrap();
    s.set_segment_text(1, "").unwrap();
    assert_eq!(s.current_text(), "Third one.\nNext paragraph here.\n");
    s.set_segment_text(1, "Second, again.").unwrap();
    assert_eq!(
        s.current_text(),
        "Second, again. Third one.\nNext paragraph here.\n"
    );
    s.set_segment_text(0, "First again.").unwrap();
    assert_eq!(
        s.current_text(),
        "First again. Second, again. Third one.\nNext paragraph here.\n"
    );
    s.set_segment_text(2, "").unwrap();
    s.set_segment_text(2, "Third again.").unwrap();
    assert_eq!(
        s.current_text(),
        "First again. Second, again. Third again.\nNext paragraph here.\n"
    );
    // The spaces are between the segments, not in them.
    assert_eq!(
        texts(&s),
        [
            "First again.",
            "Second, again.",
            "Third again.",
            "Next paragraph here."
        ]
    );
    // Saved as it reads.
    s.save().unwrap();
    let saved = std::fs::read_to_string(f.dir.path().join("article.edited.txt")).unwrap();
    assert_eq!(saved, s.current_text());
    // Deleted again, each takes one space with it.
    s.set_segment_text(1, "").unwrap();
    assert_eq!(
        s.current_text(),
        "First again. Third again.\nNext paragraph here.\n"
    );
    s.set_segment_text(2, "").unwrap();
    assert_eq!(s.current_text(), "First again.\nNext paragraph here.\n");
    // The next session replays it all exactly.
    let now = s.current_text();
    let segments: Vec<String> = texts(&s).into_iter().map(String::from).collect();
    s.save().unwrap();
    s.keep_journal(true);
    s.close(false).unwrap();
    drop(s);
    let (mut s, _) = f.open();
    assert_eq!(s.current_text(), now);
    assert_eq!(texts(&s), segments);
    while s.undo().unwrap().is_some() {}
    assert_eq!(s.current_text(), text);
}

/// A sentence that starts a line of a paragraph takes the space after it, so the lines
/// stay as they were; a suggestion that deletes a whole sentence does the same.
#[test]
fn an_emptied_segment_keeps_the_paragraph_s_line_breaks() {
    let f = Fixture::new();
    f.article("First one.\nSecond one. Third one.\n");
    let (mut s, _) = f.open();
    assert_eq!(s.segment_count(), 3);
    s.set_segment_text(1, "").unwrap();
    assert_eq!(s.current_text(), "First one.\nThird one.\n");
    s.undo().unwrap();
    s.set_segment_text(2, "").unwrap();
    assert_eq!(s.current_text(), "First one.\nSecond one.\n");
}

/// A paragraph check for these tests: the sentence "Click here." (scraped debris),
/// deleted by its suggestion.
struct ClickHere;

static CLICK: CheckInfo = CheckInfo {
    id: "debris.test-click",
    category: Category::Debris,
    severity: Severity::Warning,
    summary: "a link text",
    example: "Click here.",
};

impl Check for ClickHere {
    fn info(&self) -> &'static CheckInfo {
        &CLICK
    }
    fn check_paragraph(&self, para: &crate::check::ParagraphView<'_>, out: &mut Vec<Issue>) {
        for (at, _) in para.text.match_indices("Click here.") {
            let span = para.offset + at..para.offset + at + "Click here.".len();
            out.push(Issue::new(&CLICK, span, "link text").suggest(""));
        }
    }
}

#[test]
fn a_suggestion_that_deletes_a_sentence_takes_its_space_too() {
    let f = Fixture::new();
    f.article("Click here. The news. Click here. More news. Click here.\n");
    let doc = Document::load(&f.dir.path().join("article.txt")).unwrap();
    let engine = Arc::new(Engine::new(vec![Box::new(ClickHere)]));
    let (mut s, _) = Session::open(doc, engine, f.config(CheckMode::Inline)).unwrap();
    for _ in 0..3 {
        let (id, _) = s.next_issue(0, None, true).unwrap();
        s.apply_suggestion(id, 0).unwrap();
    }
    assert_eq!(s.current_text(), "The news. More news.\n");
    assert_eq!(s.open_issue_count(), 0);
}

/// Deleting every line of an article saves an empty file, and its diff deletes the lines
/// (no empty line added, no line break or byte order mark left over).
#[test]
fn deleting_every_line_saves_an_empty_file() {
    for (text, lines) in [
        (
            "Release time:Apr 14, 2024 05:35 AM\n",
            vec!["-Release time:Apr 14, 2024 05:35 AM"],
        ),
        (
            "\u{feff}One line.\r\n\r\nTwo.\r\n",
            vec!["-\u{feff}One line.", "-", "-Two."],
        ),
        (
            "No final newline",
            vec!["-No final newline", "\\ No newline at end of file"],
        ),
    ] {
        let f = Fixture::new();
        f.article(text);
        let (mut s, _) = f.open();
        for seg in 0..s.segment_count() {
            s.set_segment_text(seg, "").unwrap();
        }
        assert_eq!(s.current_text(), "");
        s.save().unwrap();
        let saved = std::fs::read(f.dir.path().join("article.edited.txt")).unwrap();
        assert!(saved.is_empty(), "{text:?}: {saved:?}");
        let diff = std::fs::read_to_string(f.dir.path().join("article.edited.txt.diff")).unwrap();
        let body: Vec<&str> = diff.lines().skip(3).collect();
        assert_eq!(body, lines, "{text:?}: {diff}");
        assert!(
            !diff
                .lines()
                .any(|l| l.starts_with('+') && !l.starts_with("+++"))
        );
        // Undo brings the lines back.
        s.undo().unwrap();
        assert_ne!(s.current_text(), "");
    }
}

/// The ignored issues are listed in segment order, those no longer flagged last.
#[test]
fn ignored_issues_are_listed_by_segment() {
    let f = Fixture::new();
    f.article("Zebra zebra here. Then the the end.\n\nOne. A big big dog.\n");
    let (mut s, _) = f.open();
    // Ignore them last first: the list does not follow the order of ignoring or of
    // the keys' text.
    assert_eq!(s.open_issue_count(), 3);
    for _ in 0..3 {
        let seg = (0..s.segment_count())
            .rev()
            .find(|&seg| !s.segment_issues(seg).is_empty())
            .unwrap();
        let id = s.segment_issues(seg)[0];
        s.ignore(id).unwrap();
    }
    let order: Vec<(String, Option<usize>)> = s
        .ignored()
        .into_iter()
        .map(|(k, seg)| (k.text, seg))
        .collect();
    assert_eq!(
        order,
        [
            ("Zebra zebra".to_string(), Some(0)),
            ("the the".to_string(), Some(1)),
            ("big big".to_string(), Some(3)),
        ]
    );
    s.set_segment_text(0, "Zebras here.").unwrap();
    assert_eq!(s.ignored().last().unwrap().1, None, "not flagged now: last");
}
