//! The snapshot against the store it summarises: after every kind of write it equals a
//! rebuild from the stored terms, and a document's terms found through it equal those the
//! matcher finds over the whole glossary.

use std::ops::Range;
use std::sync::Arc;

use rusqlite::Connection;

use super::shard::{self, Record};
use super::{FILTER_ROW, SHARDS, Snapshot, pairs, rebuild, scan};
use crate::check::terminology::{DocumentTerms, DocumentWords, SplitWords, TermIndex, TermStatus};
use crate::document::Document;
use crate::glossary::{EntryData, Fill, Glossary, GlossaryError, Term};
use crate::testing::{Rng, entry, numbered_entries};

/// Every record of the stored snapshot, with its shard.
fn records(conn: &Connection) -> Vec<(u16, Record)> {
    let mut stmt = conn
        .prepare("SELECT shard, data FROM snapshot WHERE shard >= 0 ORDER BY shard")
        .unwrap();
    let mut rows = stmt.query([]).unwrap();
    let mut out = Vec::new();
    while let Some(r) = rows.next().unwrap() {
        let s: i64 = r.get(0).unwrap();
        let data: Vec<u8> = r.get(1).unwrap();
        for rec in shard::decode(&data).unwrap() {
            out.push((s as u16, rec));
        }
    }
    out
}

/// The snapshot equals one rebuilt from the stored terms, and its stored pair filter
/// holds every pair of its terms.
fn assert_fresh(g: &Glossary) {
    let conn = g.connection();
    let snap = Snapshot::read_all(conn).unwrap();
    let mut pairs = Vec::new();
    for s in 0..SHARDS {
        pairs::pairs_of_view(s as u16, &snap.shard(s as u16), &mut pairs);
    }
    if !pairs.is_empty() {
        let filter = Snapshot::read_filter(conn).unwrap().unwrap();
        assert!(
            pairs.iter().all(|&h| filter.contains_hash(h)),
            "the filter misses a pair"
        );
    }
    let stored = records(conn);
    let tx = conn.unchecked_transaction().unwrap();
    rebuild(&tx).unwrap();
    let rebuilt = records(&tx);
    drop(tx);
    assert_eq!(stored, rebuilt, "the snapshot is stale");
}

type Found = Vec<(Range<usize>, Vec<i64>)>;

/// The document's terms through `index_for_document`, and through the whole glossary.
fn both_ways(g: &Glossary, doc: &Document, lang: &str) -> (Found, Found) {
    let ids = |index: &TermIndex| -> Found {
        DocumentTerms::find(doc, Some(index))
            .matches
            .into_iter()
            .map(|m| {
                let ids = m.found.refs.iter().map(|r| index.entry(*r).id).collect();
                (m.found.span, ids)
            })
            .collect()
    };
    let selected = g.index_for_document(doc, lang).unwrap();
    let all = g.term_index(lang, None).unwrap();
    (ids(&selected), ids(&all))
}

/// The walk gives the same result every way: the whole snapshot with its filter, without
/// it (word by word), and only the shards the filter says the document needs.
fn assert_paths_agree(g: &Glossary, doc: &Document) {
    let conn = g.connection();
    let all = Snapshot::read_all(conn).unwrap();
    let filtered = scan::scan(&all, doc, None);
    // With the document's words split before, as `check_document` splits them.
    let split = Arc::new(DocumentWords::new(doc));
    let shared = scan::scan(&all, doc, Some(&split));
    assert_eq!(filtered, shared, "words split before");
    assert!(
        shared
            .paragraphs
            .iter()
            .all(|p| matches!(p.words, SplitWords::Shared(..))),
        "the split words are walked"
    );
    // Words split for another document (an equal text) are not used.
    let other = Document::from_str_named("t.txt", doc.text());
    let unused = scan::scan(&all, doc, Some(&Arc::new(DocumentWords::new(&other))));
    assert_eq!(filtered, unused, "another document's words");
    assert!(
        unused
            .paragraphs
            .iter()
            .all(|p| matches!(p.words, SplitWords::Own(..)))
    );
    assert_eq!(
        filtered,
        scan::scan(&all.without_filter(), doc, None),
        "word by word"
    );
    if let Some(filter) = Snapshot::read_filter(conn).unwrap() {
        let needed = scan::shards_needed(doc, &filter, None);
        assert_eq!(
            needed,
            scan::shards_needed(doc, &filter, Some(&split)),
            "needed shards, words split before"
        );
        let some = Snapshot::read_some(conn, &needed, Some(filter)).unwrap();
        assert_eq!(filtered, scan::scan(&some, doc, None), "needed shards only");
        assert_eq!(
            filtered,
            scan::scan(&some, doc, Some(&split)),
            "needed shards only, words split before"
        );
    }
}

fn assert_same_terms(g: &Glossary, text: &str) -> usize {
    let doc = Document::from_str_named("t.txt", text);
    assert_paths_agree(g, &doc);
    let mut n = 0;
    for lang in ["en", "en-GB", "de"] {
        let (selected, all) = both_ways(g, &doc, lang);
        assert_eq!(selected, all, "{lang}: {text}");
        n += all.len();
    }
    n
}

const TEXT: &str = "From a network power to a network power: Network Powers, the CAC's rules, \
    strong online countries and a cyber great power; data-export rules, the data export \
    rule and the Data Export Rules.\n\nA second paragraph without any term.\n";

#[test]
fn every_write_keeps_the_snapshot_exact() {
    let mut g = Glossary::in_memory(Fill::Shipped).unwrap();
    assert_fresh(&g);
    assert!(assert_same_terms(&g, TEXT) > 0);
    let id = g
        .add(entry(
            "数据出境",
            "data export rule",
            &["data-export rules"],
        ))
        .unwrap();
    assert_fresh(&g);
    assert_same_terms(&g, TEXT);
    let fix = EntryData::from_fix(
        "zh",
        "en",
        "cyberpower",
        "cyber great power",
        Some("网络强国"),
        "",
    );
    g.merge(fix).unwrap();
    assert_fresh(&g);
    assert_same_terms(&g, TEXT);
    let mut changed = g.get(id).unwrap().unwrap().data;
    changed.terms.retain(|t| t.status == TermStatus::Preferred);
    changed
        .terms
        .push(Term::new("Data Export Rules", TermStatus::Admitted));
    changed.target_lang = "en-GB".into();
    g.update(id, changed).unwrap();
    assert_fresh(&g);
    assert_same_terms(&g, TEXT);
    let mut german = entry("网络强国", "Cybermacht", &["network power"]);
    german.target_lang = "de".into();
    let batch = vec![
        german,
        entry("数据出境", "data export rule", &["data export"]),
        entry("新词", "strong online", &[]),
    ];
    g.import(batch, false, &mut |_| {}).unwrap();
    assert_fresh(&g);
    assert_same_terms(&g, TEXT);
    g.remove(id).unwrap();
    assert_fresh(&g);
    assert_same_terms(&g, TEXT);
    // A dry run leaves it alone.
    g.import(vec![entry("甲", "network", &[])], true, &mut |_| {})
        .unwrap();
    assert_fresh(&g);
}

#[test]
fn found_through_the_snapshot_equals_found_in_the_whole_glossary() {
    const WORDS: &[&str] = &[
        "network",
        "power",
        "powers",
        "country",
        "countries",
        "CAC",
        "cac",
        "Été",
        "été",
        "data",
        "export",
        "the",
        "of",
        "a",
        "rule",
        "rules'",
        "state's",
        "box",
        "boxes",
        "ΧΑΟΣ",
        "χαοσ",
        "x-ray",
        "U.S.",
        "5G",
        "cyber",
        "Strong",
        "online",
    ];
    const GAPS: &[&str] = &[" ", " ", " ", "  ", "\n", ", ", "-", " — "];
    let mut rng = Rng(0x2545_f491);
    let phrase = |rng: &mut Rng, max: usize| -> String {
        let n = 1 + rng.below(max);
        let mut s = String::new();
        for k in 0..n {
            if k > 0 {
                s.push_str(GAPS[rng.below(3)]);
            }
            s.push_str(WORDS[rng.below(WORDS.len())]);
        }
        s
    };
    let mut g = Glossary::in_memory(Fill::Empty).unwrap();
    let mut batch = Vec::new();
    for i in 0..600 {
        let mut e = EntryData::new(if i % 7 == 0 { "de" } else { "en" }, phrase(&mut rng, 3));
        e.sources = vec![format!("源{i}")];
        for _ in 0..rng.below(3) {
            let mut t = Term::new(phrase(&mut rng, 4), TermStatus::Deprecated);
            t.case_sensitive = rng.below(5) == 0;
            if !e.terms.iter().any(|o| o.same_as(&t)) {
                e.terms.push(t);
            }
        }
        batch.push(e);
    }
    g.import(batch, false, &mut |_| {}).unwrap();
    assert_fresh(&g);
    let mut found = 0;
    for _ in 0..20 {
        let mut text = String::new();
        for _ in 0..200 {
            text.push_str(WORDS[rng.below(WORDS.len())]);
            text.push_str(GAPS[rng.below(GAPS.len())]);
            if rng.below(30) == 0 {
                text.push_str("\n\n");
            }
        }
        found += assert_same_terms(&g, &text);
    }
    assert!(found > 1000, "the texts hold terms ({found})");
}

#[test]
fn a_small_document_reads_only_its_shards_and_finds_the_same() {
    let mut g = Glossary::in_memory(Fill::Empty).unwrap();
    g.import(numbered_entries(5000), false, &mut |_| {})
        .unwrap();
    let doc = Document::from_str_named("a.txt", "The old17 and the term99 one, old4999s.\n");
    let conn = g.connection();
    let filter = Snapshot::read_filter(conn).unwrap().unwrap();
    let needed = scan::shards_needed(&doc, &filter, None);
    assert!(needed.len() * 4 < SHARDS);
    let some = Snapshot::read_some(conn, &needed, Some(filter)).unwrap();
    let all = Snapshot::read_all(conn).unwrap();
    let found = scan::scan(&some, &doc, None);
    assert_eq!(found, scan::scan(&all, &doc, None));
    assert_eq!(found.entries, [18, 100, 5000]);
    let starts: Vec<(usize, Vec<u32>)> = found
        .paragraphs
        .iter()
        .map(|p| (p.paragraph, p.starts.clone()))
        .collect();
    // "The old17 and the term99 one, old4999s."
    assert_eq!(starts, [(0, vec![1, 4, 6])]);
    assert!(some.bytes.len() * 10 < all.bytes.len());
    let (selected, whole) = both_ways(&g, &doc, "en");
    assert_eq!(selected, whole);
    assert_eq!(selected.len(), 3);
}

#[test]
fn another_connections_write_is_seen_by_the_next_index() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("g.sqlite");
    let reader = Glossary::create(&path, Fill::Shipped).unwrap();
    // Large enough to be read whole (and kept) rather than by shard.
    let text = TEXT.repeat(2000);
    let doc = Document::from_str_named("big.txt", &text);
    let terms = |g: &Glossary| {
        let index = g.index_for_document(&doc, "en").unwrap();
        DocumentTerms::find(&doc, Some(&index)).matches.len()
    };
    let before = terms(&reader);
    assert_eq!(terms(&reader), before, "the kept snapshot serves again");
    let mut writer = Glossary::open(&path).unwrap();
    writer.add(entry("测试", "second paragraph", &[])).unwrap();
    assert_eq!(terms(&reader), before + 2000);
    let mut reader = reader;
    reader
        .add(entry("测试二", "without any term", &[]))
        .unwrap();
    assert_eq!(terms(&reader), before + 4000);
}

/// Opens a copy of a stored glossary of schema `version` (the same five entries, written
/// by the mtpe of that schema), checks that it was brought up to date and that it reads
/// as it did.
fn migrates_once(version: i64) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(format!("v{version}.sqlite"));
    let fixture = format!(
        "{}/fixtures/glossary/schema-v{version}.sqlite",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::copy(fixture, &path).unwrap();
    let g = Glossary::open(&path).unwrap();
    let conn = g.connection();
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, crate::glossary::SCHEMA_VERSION);
    let old_columns: i64 = conn
        .query_row(
            "SELECT count(*) FROM pragma_table_info('term')
             WHERE name IN ('anchor', 'first', 'last')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(old_columns, 0);
    let old_index: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE name = 'term_anchor'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(old_index, 0);
    assert_fresh(&g);
    assert_eq!(g.list().unwrap().len(), 5);
    let doc = Document::from_str_named(
        "a.txt",
        "From a network power to a network power; Netzsicherheit.\n",
    );
    let (selected, all) = both_ways(&g, &doc, "en");
    assert_eq!(selected, all);
    assert_eq!(selected.len(), 2);
    assert_eq!(selected[0].1, [1, 2]);
    let (selected, _) = both_ways(&g, &doc, "de");
    assert_eq!(selected.len(), 1);
    drop(g);
    // Opening again changes nothing.
    let before = std::fs::read(&path).unwrap();
    drop(Glossary::open(&path).unwrap());
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn a_schema_1_glossary_is_migrated_once() {
    migrates_once(1);
}

#[test]
fn a_schema_2_glossary_is_migrated_once() {
    migrates_once(2);
}

#[test]
fn a_damaged_or_missing_snapshot_row_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let small = Document::from_str_named("small.txt", TEXT);
    // Large enough to be read whole rather than through the filter.
    let large = Document::from_str_named("large.txt", &TEXT.repeat(2000));
    let cases = [
        (
            "damaged filter",
            "UPDATE snapshot SET data = x'00' WHERE shard = -1",
        ),
        ("missing filter", "DELETE FROM snapshot WHERE shard = -1"),
        (
            "damaged shards",
            "UPDATE snapshot SET data = x'0102' WHERE shard >= 0",
        ),
    ];
    for (n, (what, damage)) in cases.into_iter().enumerate() {
        let path = dir.path().join(format!("g{n}.sqlite"));
        drop(Glossary::create(&path, Fill::Shipped).unwrap());
        Connection::open(&path)
            .unwrap()
            .execute(damage, [])
            .unwrap();
        let mut g = Glossary::open(&path).unwrap();
        for doc in [&small, &large] {
            match g.index_for_document(doc, "en") {
                Err(e @ GlossaryError::DamagedSnapshot { .. }) => {
                    assert!(e.to_string().contains("mtpe glossary init"), "{what}: {e}")
                }
                other => panic!("{what}, {}: {:?}", doc.name(), other.map(|_| ())),
            }
        }
        if what.ends_with("filter") {
            // The next write builds the filter again.
            g.add(entry("测试", "second paragraph", &[])).unwrap();
            assert_fresh(&g);
            assert!(assert_same_terms(&g, TEXT) > 0, "{what}");
            let stored: i64 = g
                .connection()
                .query_row(
                    "SELECT count(*) FROM snapshot WHERE shard = ?1",
                    [FILTER_ROW],
                    |r| r.get(0),
                )
                .unwrap();
            assert_eq!(stored, 1);
        }
    }
}

#[test]
fn a_full_filter_is_built_again() {
    let mut g = Glossary::in_memory(Fill::Empty).unwrap();
    // Each write sets its pairs; the filter was sized for a few, so it fills up and is
    // built again, and stays exact throughout.
    for i in 0..700 {
        g.add(entry(
            &format!("源{i}"),
            &format!("word{i} next{i}"),
            &[&format!("solo{i}")],
        ))
        .unwrap();
    }
    assert_fresh(&g);
    let text = "The word7 next7 and solo699, word698 next698; solo3s.\n";
    assert!(assert_same_terms(&g, text) >= 4);
}

#[test]
fn a_large_document_is_walked_in_parallel_and_finds_the_same() {
    let mut g = Glossary::in_memory(Fill::Shipped).unwrap();
    g.import(numbered_entries(3000), false, &mut |_| {})
        .unwrap();
    let mut text = String::new();
    for i in 0..12_000 {
        text.push_str(&format!(
            "The old{} and the term{} one, old{}s; {}\n\n",
            i % 3100,
            (i * 7) % 3100,
            (i * 13) % 3100,
            if i % 5 == 0 { TEXT } else { "nothing here." }
        ));
    }
    // Larger than a walk on one thread takes.
    assert!(text.len() > 1024 * 1024);
    let doc = Document::from_str_named("large.txt", &text);
    assert_paths_agree(&g, &doc);
    let (selected, all) = both_ways(&g, &doc, "en");
    assert_eq!(selected, all);
    assert!(selected.len() > 30_000, "{}", selected.len());
}
