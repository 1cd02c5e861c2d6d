//! The store's tests: opening, migrations, merges, imports and selection.

use rusqlite::Connection;

use super::bulk::ImportState;
use super::entries::FIND_SAME;
use super::*;
use crate::check::terminology::{TermIndex, TermStatus, Vocabulary};
use crate::check::text::words;
use crate::glossary::EntryData;
use crate::testing::entry;

#[test]
fn refuses_files_it_does_not_understand() {
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("other.sqlite");
    Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE t(x);")
        .unwrap();
    assert!(matches!(
        Glossary::open(&other),
        Err(GlossaryError::NotAGlossary(_))
    ));
    let newer = dir.path().join("newer.sqlite");
    drop(Glossary::create(&newer, Fill::Empty).unwrap());
    Connection::open(&newer)
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    let err = Glossary::open(&newer).err().unwrap();
    assert!(err.to_string().contains("version 99 is newer"), "{err}");
    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "just some text that is not a database at all").unwrap();
    let err = Glossary::open(&text).err().unwrap();
    assert!(matches!(err, GlossaryError::NotADatabase(_)), "{err}");
    assert!(err.to_string().contains("mtpe glossary import"), "{err}");
}

#[test]
fn stale_match_keys_are_recomputed_on_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("g.sqlite");
    let mut g = Glossary::create(&path, Fill::Empty).unwrap();
    g.add(entry("网络强国", "cyberpower", &["Network Power"]))
        .unwrap();
    drop(g);
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch(
        "UPDATE term SET key = 'stale' WHERE kind = 1; UPDATE meta SET value = '0' WHERE name = 'key_version';",
    )
    .unwrap();
    drop(conn);
    let mut g = Glossary::open(&path).unwrap();
    let key: String = g
        .conn
        .query_row("SELECT key FROM term WHERE kind = 1", [], |r| r.get(0))
        .unwrap();
    assert_eq!(key, "cyberpower");
    // Found again by that key.
    assert!(matches!(
        g.add(entry("网络强国", "Cyberpower", &[])),
        Err(GlossaryError::Duplicate { .. })
    ));
}

#[test]
fn merging_an_import_plans_its_lookups_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut g = Glossary::create(&dir.path().join("g.sqlite"), Fill::Empty).unwrap();
    let batch = || -> Vec<EntryData> {
        (0..200)
            .map(|i| entry(&format!("源{i}"), &format!("term {i}"), &[]))
            .collect()
    };
    g.import(batch(), false, &mut |_| {}).unwrap();
    let summary = g.import(batch(), false, &mut |_| {}).unwrap();
    assert_eq!(summary.unchanged, 200);
    let lookup = g.conn.prepare_cached(FIND_SAME).unwrap();
    assert_eq!(lookup.get_status(rusqlite::StatementStatus::Run), 200);
    assert_eq!(lookup.get_status(rusqlite::StatementStatus::RePrepare), 0);
}

#[test]
fn entries_whose_identities_share_a_hash_stay_apart() {
    let mut g = Glossary::in_memory(Fill::Empty).unwrap();
    let tx = g.conn.transaction().unwrap();
    let mut state = ImportState::new(&tx, true).unwrap();
    let prepared = |source: &str, preferred: &str, deprecated: &[&str]| {
        let mut p = PreparedEntry::new(entry(source, preferred, deprecated)).unwrap();
        p.identity_hash = 42;
        p
    };
    let a = state
        .import_one(&tx, prepared("网络强国", "cyberpower", &[]))
        .unwrap();
    let b = state
        .import_one(&tx, prepared("网络大国", "major internet country", &[]))
        .unwrap();
    assert_ne!(a, b);
    // The same as each: merged into it, whichever slot it is in.
    let again = state
        .import_one(
            &tx,
            prepared("网络大国", "major internet country", &["network power"]),
        )
        .unwrap();
    assert_eq!(again, b);
    assert_eq!(
        state
            .import_one(&tx, prepared("网络强国", "cyberpower", &[]))
            .unwrap(),
        a
    );
    assert_eq!(
        (
            state.summary.added,
            state.summary.updated,
            state.summary.unchanged
        ),
        (2, 1, 1)
    );
}

#[test]
fn an_entry_is_the_same_as_one_of_a_language_its_tags_serve() {
    let mut g = Glossary::in_memory(Fill::Empty).unwrap();
    let tx = g.conn.transaction().unwrap();
    let mut state = ImportState::new(&tx, true).unwrap();
    let mut us = entry("网络强国", "cyberpower", &[]);
    us.target_lang = "en-US".into();
    let first = state
        .import_one(&tx, PreparedEntry::new(us).unwrap())
        .unwrap();
    let mut de = entry("网络强国", "cyberpower", &[]);
    de.target_lang = "de".into();
    let german = state
        .import_one(&tx, PreparedEntry::new(de).unwrap())
        .unwrap();
    assert_ne!(german, first);
    let mut plain = entry("网络强国", "cyberpower", &["network power"]);
    plain.source_lang = String::new();
    plain.sources.clear();
    plain.sources.push("网络强国".into());
    let en = state
        .import_one(&tx, PreparedEntry::new(plain).unwrap())
        .unwrap();
    assert_eq!(en, first);
}

#[test]
fn merge_adds_then_extends_an_entry() {
    let mut g = Glossary::in_memory(Fill::Empty).unwrap();
    let (id, outcome) = g.merge(entry("网络安全", "cybersecurity", &[])).unwrap();
    assert_eq!(outcome, MergeOutcome::Added);
    let (again, outcome) = g
        .merge(entry("网络安全", "Cybersecurity", &["network security"]))
        .unwrap();
    assert_eq!((again, outcome), (id, MergeOutcome::Updated));
    let (_, outcome) = g.merge(entry("网络安全", "Cybersecurity", &[])).unwrap();
    assert_eq!(outcome, MergeOutcome::Unchanged);
    // The spelling the latest source gives wins.
    let (_, outcome) = g.merge(entry("网络安全", "cybersecurity", &[])).unwrap();
    assert_eq!(outcome, MergeOutcome::Updated);
    let e = g.get(id).unwrap().unwrap();
    assert_eq!(e.data.terms.len(), 2);
    // A different preferred term for the same source is another concept (a homonym).
    let (other, outcome) = g.merge(entry("网络安全", "network safety", &[])).unwrap();
    assert_eq!(outcome, MergeOutcome::Added);
    assert_ne!(other, id);
}

#[test]
fn an_editor_fix_extends_the_entry_and_the_next_check_sees_it() {
    let mut g = Glossary::in_memory(Fill::Shipped).unwrap();
    let doc = crate::document::Document::from_str_named(
        "a.txt",
        "China aims to be a cyber great power.\n",
    );
    let text = doc.text();
    let before = g.index_for_document(&doc, "en").unwrap();
    assert!(before.find(text, &words(text)).is_empty());
    let fix = EntryData::from_fix(
        "zh",
        "en",
        "cyberpower",
        "cyber great power",
        Some("网络强国"),
        "",
    );
    let (id, outcome) = g.merge(fix).unwrap();
    assert_eq!(
        outcome,
        MergeOutcome::Updated,
        "the shipped 网络强国 entry gains it"
    );
    let index = g.index_for_document(&doc, "en").unwrap();
    let found = index.find(text, &words(text));
    assert_eq!(found.len(), 1);
    assert_eq!(index.entry(found[0].refs[0]).id, id);
    assert_eq!(index.term(found[0].refs[0]).status, TermStatus::Deprecated);
}

#[test]
fn the_vocabulary_selects_exactly_the_entries_a_text_can_contain() {
    let mut g = Glossary::in_memory(Fill::Shipped).unwrap();
    g.add(entry("测试", "test term", &["tested words"]))
        .unwrap();
    let text = "A network power and two network securities; the cyberpowers' test terms.";
    let mut vocab = Vocabulary::default();
    vocab.add_text(text);
    let selected = g.term_index("en", Some(&vocab)).unwrap();
    let all = g.term_index("en", None).unwrap();
    assert!(selected.entries().len() < all.entries().len() / 4);
    let ws = words(text);
    let spans = |i: &TermIndex| -> Vec<(std::ops::Range<usize>, Vec<i64>)> {
        i.find(text, &ws)
            .into_iter()
            .map(|m| (m.span, m.refs.iter().map(|r| i.entry(*r).id).collect()))
            .collect()
    };
    assert_eq!(spans(&selected), spans(&all));
    assert_eq!(spans(&all).len(), 4, "{:?}", spans(&all));
    // Entries for another target language are left out.
    assert!(g.term_index("de", None).unwrap().is_empty());
}

#[test]
fn a_large_glossary_loads_whole_across_two_connections() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.sqlite");
    let mut g = Glossary::create(&path, Fill::Empty).unwrap();
    let n = 21_000;
    let mut entries: Vec<EntryData> = (0..n)
        .map(|i| {
            entry(
                &format!("源{i}"),
                &format!("term {i}"),
                &[&format!("old {i}")],
            )
        })
        .collect();
    // Entries for another language, in both halves, stay out.
    for i in [10, n - 10] {
        entries[i].target_lang = "de".into();
    }
    g.import(entries, false, &mut |_| {}).unwrap();
    let index = g.term_index("en", None).unwrap();
    let ids: Vec<i64> = index.entries().iter().map(|e| e.id).collect();
    assert_eq!(ids.len(), n - 2);
    assert!(
        ids.windows(2).all(|w| w[0] < w[1]),
        "in id order, no entry twice"
    );
    assert!(
        index
            .entries()
            .iter()
            .all(|e| e.terms.len() == 2 && e.sources.len() == 1)
    );
    assert!(index.entry_by_id(11).is_none() && index.entry_by_id(12).is_some());
    let text = format!("the old {} and term {}", n - 1, 5);
    let found = index.find(&text, &words(&text));
    assert_eq!(found.len(), 2, "{found:?}");
}

#[test]
fn a_failed_import_changes_nothing() {
    let mut g = Glossary::in_memory(Fill::Empty).unwrap();
    g.add(entry("甲", "alpha", &[])).unwrap();
    let summary = g
        .import(
            vec![entry("甲", "alpha", &["alfa"]), entry("乙", "beta", &[])],
            true,
            &mut |_| {},
        )
        .unwrap();
    assert_eq!((summary.added, summary.updated), (1, 1));
    assert_eq!(g.list().unwrap().len(), 1);
    assert_eq!(g.list().unwrap()[0].data.terms.len(), 1);
}

#[test]
fn a_read_only_glossary_checks_and_refuses_changes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared glossary?#%.sqlite");
    drop(Glossary::create(&path, Fill::Shipped).unwrap());
    let before = std::fs::read(&path).unwrap();
    let mut g = Glossary::open_read_only(&path).unwrap();
    assert!(g.is_read_only());
    let doc = crate::document::Document::from_str_named(
        "a.txt",
        "China strides from a network power to a network power.\n",
    );
    let index = g.index_for_document(&doc, "en").unwrap();
    let ctx = crate::check::CheckContext::new(&doc).with_glossary(&index);
    assert!(!ctx.term_matches().matches.is_empty());
    assert_eq!(g.list().unwrap().len(), 86);
    let refused = |r: Result<(), GlossaryError>| {
        assert!(
            matches!(r, Err(GlossaryError::ReadOnly(ref p)) if *p == path),
            "{r:?}"
        );
    };
    refused(g.add(entry("甲", "alpha", &[])).map(drop));
    refused(g.merge(entry("甲", "alpha", &[])).map(drop));
    refused(g.update(1, entry("甲", "alpha", &[])));
    refused(g.remove(1));
    for dry_run in [false, true] {
        refused(
            g.import(vec![entry("甲", "alpha", &[])], dry_run, &mut |_| {})
                .map(drop),
        );
    }
    drop(g);
    assert_eq!(std::fs::read(&path).unwrap(), before);
    let message = GlossaryError::ReadOnly(path.clone()).to_string();
    assert!(
        message.contains("read-only") && message.contains("copy it"),
        "{message}"
    );
}

#[test]
fn a_read_only_glossary_of_an_older_format_says_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    for version in [1, 2] {
        let path = dir.path().join(format!("v{version}.sqlite"));
        std::fs::copy(
            format!(
                "{}/fixtures/glossary/schema-v{version}.sqlite",
                env!("CARGO_MANIFEST_DIR")
            ),
            &path,
        )
        .unwrap();
        let before = std::fs::read(&path).unwrap();
        assert!(matches!(
            Glossary::open_read_only(&path),
            Err(GlossaryError::ReadOnlyOutdated(_))
        ));
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }
}
