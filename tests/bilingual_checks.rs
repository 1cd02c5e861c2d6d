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
