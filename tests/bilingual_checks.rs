//! The source-aware checks on the bilingual fixtures (`fixtures/bilingual/`): every format
//! of the article flags its planted errors, in the right unit and on the right side, and
//! stays silent on the correct segments; issues map to the file's bytes, lines and columns.

use std::path::{Path, PathBuf};

use mtpe::check::{IssueRecord, IssueSide, check_bilingual};
use mtpe::document::units::{BilingualFile, OpenOptions};
use mtpe::glossary::{Fill, Glossary};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/bilingual")
        .join(name)
}

fn open(name: &str) -> BilingualFile {
    if name == "news.en.txt" {
        return BilingualFile::open_aligned(&fixture("news.zh.txt"), &fixture(name))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
    }
    BilingualFile::open(&fixture(name), &OpenOptions::default())
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The records of every issue of `file`, with the shipped glossary.
fn records(file: &BilingualFile) -> Vec<IssueRecord> {
    let glossary = Glossary::in_memory(Fill::Shipped).expect("glossary");
    let index = glossary.term_index("en", None).expect("index");
    check_bilingual(file, "en", Some(&index))
        .iter()
        .map(|i| IssueRecord::in_file(file, i))
        .collect()
}

/// `check` issues as (unit id, side, text).
fn found(records: &[IssueRecord], check: &str) -> Vec<(String, Option<IssueSide>, String)> {
    records
        .iter()
        .filter(|r| r.check == check)
        .map(|r| (r.unit.clone().unwrap_or_default(), r.side, r.text.clone()))
        .collect()
}

#[test]
fn a_lost_tag_is_reported_in_the_source_where_the_file_has_it() {
    let file = open("news.xlf");
    let recs = records(&file);
    let tags = found(&recs, "markup.tags");
    assert_eq!(
        tags,
        [
            ("7".into(), Some(IssueSide::Source), "<g id=\"1\">".into()),
            ("7".into(), Some(IssueSide::Source), "</g>".into()),
        ]
    );
    let first = recs.iter().find(|r| r.check == "markup.tags").unwrap();
    assert_eq!(&file.text()[first.start..first.end], "<g id=\"1\">");
    let line = file.text()[..first.start].matches('\n').count() + 1;
    assert_eq!(first.line, line);
    let json = serde_json::to_value(first).unwrap();
    assert_eq!(json["unit"], "7");
    assert_eq!(json["side"], "source");
    // Every issue has its unit; target-side ones no `side`.
    assert!(recs.iter().all(|r| r.unit.is_some()));
    for r in recs.iter().filter(|r| r.side.is_none()) {
        let json = serde_json::to_value(r).unwrap();
        assert!(json.get("side").is_none());
        assert_eq!(&file.text()[r.start..r.end], r.text);
    }
}

/// The article in every format: (file, whether it has inline codes).
const ARTICLE: [(&str, bool); 7] = [
    ("news.xlf", true),
    ("news.xliff2.xlf", true),
    ("news.po", true),
    ("news.tmx", true),
    ("news.tsv", false),
    ("news.csv", false),
    ("news.en.txt", false),
];

/// The 1-based unit numbers (positions in the file) where `check` reports.
fn units_flagged(file: &BilingualFile, records: &[IssueRecord], check: &str) -> Vec<usize> {
    let mut units: Vec<usize> = records
        .iter()
        .filter(|r| r.check == check)
        .filter_map(|r| {
            let id = r.unit.as_deref()?;
            file.units().iter().position(|u| u.id == id).map(|i| i + 1)
        })
        .collect();
    units.dedup();
    units
}

#[test]
fn every_format_of_the_article_flags_its_planted_errors_and_nothing_else() {
    for (name, has_codes) in ARTICLE {
        let file = open(name);
        assert_eq!(file.units().len(), 12, "{name}");
        let recs = records(&file);
        let expect: [(&str, Vec<usize>); 7] = [
            ("accuracy.number", vec![3]),
            ("terminology.missing", vec![4]),
            ("accuracy.length", vec![5]),
            ("accuracy.untranslated", vec![6]),
            ("markup.tags", if has_codes { vec![7] } else { vec![] }),
            ("punctuation.end", vec![8]),
            ("accuracy.entities", vec![9]),
        ];
        for (check, units) in expect {
            assert_eq!(
                units_flagged(&file, &recs, check),
                units,
                "{name}: {check}: {:#?}",
                recs.iter().filter(|r| r.check == check).collect::<Vec<_>>()
            );
        }
        // 方方 → "Fang Fang" is the source's reduplication, not a repetition; and the
        // correct segments raise nothing at all.
        for unit in [1, 2, 10, 11, 12] {
            let id = &file.units()[unit - 1].id;
            let here: Vec<&IssueRecord> = recs
                .iter()
                .filter(|r| r.unit.as_deref() == Some(id.as_str()))
                .collect();
            assert!(here.is_empty(), "{name}: unit {unit}: {here:#?}");
        }
    }
}

#[test]
fn source_side_spans_point_into_the_source_where_the_file_has_it() {
    for (name, _) in ARTICLE {
        let file = open(name);
        let recs = records(&file);
        let url = recs
            .iter()
            .find(|r| r.check == "accuracy.entities")
            .unwrap_or_else(|| panic!("{name}: no entities issue"));
        assert_eq!(url.side, Some(IssueSide::Source), "{name}");
        assert_eq!(url.text, "https://www.cac.gov.cn/", "{name}");
        let source = file.source_text();
        assert_eq!(&source[url.start..url.end], url.text, "{name}");
        let line = source[..url.start].matches('\n').count() + 1;
        assert_eq!(url.line, line, "{name}");
        let number = recs.iter().find(|r| r.check == "accuracy.number").unwrap();
        assert_eq!(number.text, "250 million", "{name}");
        assert_eq!(number.suggestions, ["205 million"], "{name}");
        assert_eq!(number.side, None);
    }
}

#[test]
fn a_monolingual_text_is_checked_as_before() {
    use mtpe::check::{CheckRequest, Engine};
    use mtpe::document::Document;
    let text = std::fs::read_to_string(fixture("news.en.txt")).unwrap();
    let doc = Document::from_str_named("news.en.txt", &text);
    let issues = CheckRequest::new(&doc, "en").run(&Engine::standard(false));
    assert!(issues.iter().all(|i| i.unit.is_none()));
    assert!(
        issues
            .iter()
            .all(|i| !i.check.starts_with("accuracy.") && i.check != "markup.tags")
    );
}
