//! The revision store's tests: recording, reading back, following a moved article and
//! not a copy, and the upgrade of a store written by an older mtpe.

use super::*;

fn temp_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("sub").join("h.sqlite3")).unwrap();
    (dir, store)
}

#[test]
fn records_numbers_and_reads_back() {
    let (dir, mut store) = temp_store();
    let article = dir.path().join("a.txt");
    std::fs::write(&article, "the the cat\n").unwrap();
    let r1 = store
        .record(&article, "the the cat\n", "the cat\n", None)
        .unwrap();
    assert!(r1.created);
    assert_eq!(r1.info.number, 1);
    assert_eq!(r1.info.summary.ter_edits, 1);
    let again = store
        .record(&article, "the the cat\n", "the cat\n", None)
        .unwrap();
    assert!(!again.created);
    assert_eq!(again.info.number, 1);
    let r2 = store
        .record(
            &article,
            "the the cat\n",
            "The cat.\n",
            Some(Path::new("out.txt")),
        )
        .unwrap();
    assert_eq!(r2.info.number, 2);
    assert!(r2.info.saved_to.as_deref().unwrap().ends_with("out.txt"));

    let list = store.revisions(&article, None).unwrap();
    assert_eq!(list.iter().map(|r| r.number).collect::<Vec<_>>(), [1, 2]);
    assert!(list[0].created_at.ends_with('Z'));
    let rev = store.revision(&article, None, Some(1)).unwrap();
    assert_eq!(rev.text, "the cat\n");
    assert_eq!(rev.original, "the the cat\n");
    assert!(
        rev.diff.contains("-the the cat\n+the cat\n"),
        "{}",
        rev.diff
    );
    assert_eq!(
        store.revision(&article, None, None).unwrap().text,
        "The cat.\n"
    );
    let err = store.revision(&article, None, Some(3)).unwrap_err();
    assert!(
        err.to_string()
            .ends_with("no revision 3 (revisions 1 to 2 exist)"),
        "{err}"
    );
}

#[test]
fn finds_a_moved_article_by_content() {
    let (dir, mut store) = temp_store();
    let article = dir.path().join("old.txt");
    store
        .record(&article, "mt text\n", "pe text\n", None)
        .unwrap();
    let moved = dir.path().join("new.txt");
    assert_eq!(store.revisions(&moved, None).unwrap().len(), 0);
    let found = store.revisions(&moved, Some("mt text\n")).unwrap();
    assert_eq!(found.len(), 1);
}

#[test]
fn two_connections_share_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("h.sqlite3");
    let mut a = Store::open(&path).unwrap();
    let mut b = Store::open(&path).unwrap();
    let article = dir.path().join("x.txt");
    a.record(&article, "a\n", "b\n", None).unwrap();
    let r = b.record(&article, "a\n", "c\n", None).unwrap();
    assert_eq!(r.info.number, 2);
    let mode: String = b
        .conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn missing_store_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let err = Store::open_existing(&dir.path().join("none.sqlite3")).unwrap_err();
    assert!(matches!(err, StoreError::Missing { .. }));
}

#[test]
fn record_save_opens_the_given_store() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s.sqlite3");
    let article = dir.path().join("a.txt");
    let r = record_save(Some(&store), &article, "x y\n", "x z\n", None).unwrap();
    assert_eq!((r.info.number, r.info.summary.ter_edits), (1, 1));
    assert!(store.exists());
}

#[test]
fn explicit_path_wins() {
    let p = Path::new("/tmp/explicit.sqlite3");
    assert_eq!(store_path(Some(p)).unwrap(), p);
}

#[test]
fn a_copy_of_an_article_has_no_revisions_of_its_own() {
    let (dir, mut store) = temp_store();
    let article = dir.path().join("a.txt");
    std::fs::write(&article, "mt text\n").unwrap();
    store
        .record(&article, "mt text\n", "pe text\n", None)
        .unwrap();
    let copy = dir.path().join("copy.txt");
    std::fs::copy(&article, &copy).unwrap();
    let history = store.history(&copy, Some("mt text\n")).unwrap();
    assert!(history.revisions.is_empty());
    assert_eq!(history.found, Found::Path);
    let same = history.same_text.expect("the original is named");
    assert_eq!(same.article, article_key(&article));
    assert_eq!(same.revisions, 1);
    let err = store.revision(&copy, Some("mt text\n"), None).unwrap_err();
    assert!(
        err.to_string().contains("no revisions saved (")
            && err
                .to_string()
                .contains("a.txt has the same text and 1 revision"),
        "{err}"
    );
    // Saved from the copy, it starts its own history; the original keeps its own.
    let r = store
        .record(&copy, "mt text\n", "copy edited\n", None)
        .unwrap();
    assert_eq!((r.info.number, r.moved_from), (1, None));
    assert_eq!(store.revisions(&article, None).unwrap().len(), 1);
    assert_eq!(store.revisions(&copy, None).unwrap().len(), 1);
}

#[test]
fn a_moved_article_takes_its_history_along() {
    let (dir, mut store) = temp_store();
    let old = dir.path().join("old.txt");
    std::fs::write(&old, "mt text\n").unwrap();
    store.record(&old, "mt text\n", "pe 1\n", None).unwrap();
    let old_key = article_key(&old);
    let new = dir.path().join("new.txt");
    std::fs::rename(&old, &new).unwrap();
    // Found by its text, and said so; without its text, not found.
    let history = store.history(&new, Some("mt text\n")).unwrap();
    assert_eq!(
        history.found,
        Found::Moved {
            from: old_key.clone()
        }
    );
    assert_eq!(history.revisions.len(), 1);
    assert_eq!(history.revisions[0].article, old_key);
    let note = history.found.note(&new).unwrap();
    assert!(
        note.contains("which is gone") && note.contains("moved or renamed"),
        "{note}"
    );
    assert!(store.revisions(&new, None).unwrap().is_empty());
    let rev = store.revision(&new, Some("mt text\n"), None).unwrap();
    assert_eq!((rev.text.as_str(), &rev.found), ("pe 1\n", &history.found));
    // The next revision continues the history, now under the new path.
    let r = store.record(&new, "mt text\n", "pe 2\n", None).unwrap();
    assert_eq!(r.info.number, 2);
    assert_eq!(r.moved_from, Some(old_key.clone()));
    let history = store.history(&new, None).unwrap();
    assert_eq!(history.found, Found::Path);
    let paths: Vec<(&str, &str)> = history
        .revisions
        .iter()
        .map(|r| (r.article.as_str(), r.recorded_as.as_str()))
        .collect();
    let new_key = article_key(&new);
    assert_eq!(paths, [(&*new_key, &*old_key), (&*new_key, &*new_key)]);
    // A new file at the old place is another article.
    std::fs::write(&old, "mt text\n").unwrap();
    assert!(
        store
            .history(&old, Some("mt text\n"))
            .unwrap()
            .revisions
            .is_empty()
    );
}

#[test]
fn the_same_texts_again_keep_a_move() {
    let (dir, mut store) = temp_store();
    let old = dir.path().join("old.txt");
    store.record(&old, "mt\n", "pe\n", None).unwrap();
    let new = dir.path().join("new.txt");
    let again = store.record(&new, "mt\n", "pe\n", None).unwrap();
    assert!(!again.created);
    assert_eq!(again.moved_from, Some(article_key(&old)));
    assert_eq!(again.info.article, article_key(&new));
    assert_eq!(store.revisions(&new, None).unwrap().len(), 1);
}

/// `fixtures/history/schema-v1.sqlite3` was written by `mtpe history --record` before
/// revisions belonged to articles: two revisions of `article.txt` and one of `other.txt`,
/// in a folder that is gone.
#[test]
fn a_store_of_schema_1_keeps_its_revisions() {
    const FOLDER: &str = "/tmp/mtpe-history-fixture-v1";
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.sqlite3");
    std::fs::copy(
        format!(
            "{}/fixtures/history/schema-v1.sqlite3",
            env!("CARGO_MANIFEST_DIR")
        ),
        &path,
    )
    .unwrap();
    let old = Connection::open(&path).unwrap();
    assert_eq!(sqlite::user_version(&old).unwrap(), 1);
    drop(old);
    let mut store = Store::open_existing(&path).unwrap();
    assert_eq!(sqlite::user_version(&store.conn).unwrap(), SCHEMA_VERSION);
    let article = Path::new(FOLDER).join("article.txt");
    let list = store.revisions(&article, None).unwrap();
    let key = article.display().to_string();
    assert_eq!(list.iter().map(|r| r.number).collect::<Vec<_>>(), [1, 2]);
    assert!(
        list.iter()
            .all(|r| r.article == key && r.recorded_as == key)
    );
    assert_eq!(
        list[1].saved_to.as_deref(),
        Some(&*format!("{FOLDER}/v2.txt"))
    );
    assert!(list[0].created_at.ends_with('Z'));
    assert_eq!(list[1].summary.segments_changed, 2);
    let rev = store.revision(&article, None, Some(1)).unwrap();
    assert_eq!(
        rev.original,
        "A clear and clear network ecosystem.\nThe the sky is blue.\n"
    );
    assert_eq!(
        rev.text,
        "A clean and clear network ecosystem.\nThe the sky is blue.\n"
    );
    assert!(rev.diff.starts_with("--- a/article.txt\n"), "{}", rev.diff);
    let other = Path::new(FOLDER).join("other.txt");
    assert_eq!(store.revisions(&other, None).unwrap().len(), 1);
    // Its folder is gone: a file with article.txt's text is that article, moved.
    assert!(
        !Path::new(FOLDER).exists(),
        "{FOLDER} must not exist for this test"
    );
    let moved = dir.path().join("article.txt");
    let history = store.history(&moved, Some(&rev.original)).unwrap();
    assert_eq!(history.found, Found::Moved { from: key.clone() });
    assert_eq!(history.revisions.len(), 2);
    let r = store
        .record(&moved, &rev.original, "Edited again.\n", None)
        .unwrap();
    assert_eq!((r.info.number, r.moved_from), (3, Some(key)));
    // A store created now goes through both steps to the same tables.
    let fresh = dir.path().join("fresh.sqlite3");
    drop(Store::open(&fresh).unwrap());
    let schema = |p: &Path| -> Vec<String> {
        Connection::open(p)
            .unwrap()
            .prepare("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    };
    drop(store);
    assert_eq!(schema(&path), schema(&fresh));
}

#[test]
fn pruning_keeps_the_latest_and_the_recent() {
    let (dir, mut store) = temp_store();
    let a = dir.path().join("a.txt");
    let b = dir.path().join("b.txt");
    for (article, n) in [(&a, 4), (&b, 2)] {
        std::fs::write(article, "orig\n").unwrap();
        for i in 1..=n {
            store
                .record(article, "orig\n", &format!("text {i}\n"), None)
                .unwrap();
        }
    }
    // Nothing to do: each keeps as many or fewer.
    let none = store
        .prune(
            None,
            Prune {
                keep: Some(4),
                older_than: None,
            },
        )
        .unwrap();
    assert_eq!((none.revisions, none.articles), (0, 0));
    let only_a = store
        .prune(
            Some(&a),
            Prune {
                keep: Some(3),
                older_than: None,
            },
        )
        .unwrap();
    assert_eq!(only_a.revisions, 1);
    let all = store
        .prune(
            None,
            Prune {
                keep: Some(1),
                older_than: None,
            },
        )
        .unwrap();
    assert_eq!(all.revisions, 3);
    assert!(all.log_truncated);
    let numbers = |store: &Store, p: &Path| -> Vec<u32> {
        store
            .revisions(p, None)
            .unwrap()
            .iter()
            .map(|r| r.number)
            .collect()
    };
    assert_eq!(numbers(&store, &a), [4]);
    assert_eq!(numbers(&store, &b), [2]);
    // The texts only pruned revisions needed are gone too.
    let texts: i64 = store
        .conn
        .query_row("SELECT COUNT(*) FROM texts", [], |r| r.get(0))
        .unwrap();
    assert_eq!(texts, 3, "the original and the two latest texts");
    // Older than a day: none; back-dated ones go, and an article left with none is
    // forgotten (a new revision starts again at 1).
    let day = Prune {
        keep: None,
        older_than: Some(std::time::Duration::from_secs(86_400)),
    };
    assert_eq!(store.prune(None, day).unwrap().revisions, 0);
    store
        .conn
        .execute(
            "UPDATE revisions SET created_at = '2020-01-01T00:00:00.000Z' WHERE number = 4",
            [],
        )
        .unwrap();
    let old = store.prune(None, day).unwrap();
    assert_eq!((old.revisions, old.articles), (1, 1));
    assert!(numbers(&store, &a).is_empty());
    assert_eq!(
        store
            .record(&a, "orig\n", "again\n", None)
            .unwrap()
            .info
            .number,
        1
    );
    assert_eq!(store.inventory().unwrap().len(), 2);
    let gone = store.forget(None).unwrap();
    assert_eq!((gone.revisions, gone.articles), (2, 2));
    assert!(store.inventory().unwrap().is_empty());
}
