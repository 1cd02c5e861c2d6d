//! Checking the stored snapshot against the glossary's terms (`mtpe glossary check`):
//! since a shard's encoding is canonical (records sorted, repeats dropped), the snapshot
//! of the stored terms must be the stored bytes exactly, and every pair of words that
//! starts a term must be set in the stored pair filter (which may hold more: pairs of
//! terms removed since it was built).

use rusqlite::Connection;

use super::pairs::{self, PairFilter};
use super::shard::{self, Record};
use super::{FILTER_ROW, SHARDS, term_path};

/// Checks the snapshot; returns what is wrong, in words (empty when it is sound).
pub(crate) fn verify(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut expected: Vec<Vec<Record>> = (0..SHARDS).map(|_| Vec::new()).collect();
    {
        let mut stmt = conn.prepare("SELECT entry_id, text FROM term WHERE kind > 0")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let entry: i64 = r.get(0)?;
            if let Some((key, rest)) = term_path(r.get_ref(1)?.as_str()?) {
                expected[usize::from(key.shard)].push(Record {
                    root: key.fp,
                    rest,
                    entry,
                });
            }
        }
    }
    let mut stored: Vec<Option<Vec<u8>>> = (0..SHARDS).map(|_| None).collect();
    let mut filter = None;
    let mut problems = Vec::new();
    {
        let mut stmt = conn.prepare("SELECT shard, data FROM snapshot")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let shard: i64 = r.get(0)?;
            let Ok(data) = r.get_ref(1)?.as_blob() else {
                problems.push(format!("row {shard} of the snapshot is not binary data"));
                continue;
            };
            if shard == FILTER_ROW {
                match PairFilter::decode(data) {
                    Ok(f) => filter = Some(f),
                    Err(_) => problems.push("the pair filter is damaged".into()),
                }
            } else if let Some(slot) = usize::try_from(shard).ok().and_then(|s| stored.get_mut(s)) {
                *slot = Some(data.to_vec());
            } else {
                problems.push(format!("the snapshot has a row {shard}, which is no shard"));
            }
        }
    }
    let mut wrong = Vec::new();
    let mut pairs = Vec::new();
    for (s, records) in expected.iter_mut().enumerate() {
        pairs::pairs_of_records(s as u16, records, &mut pairs);
        let want = if records.is_empty() {
            None
        } else {
            Some(shard::encode(records))
        };
        if want != stored[s] {
            wrong.push(s);
        }
    }
    if !wrong.is_empty() {
        let shown: Vec<String> = wrong.iter().take(5).map(usize::to_string).collect();
        let more = if wrong.len() > 5 { ", …" } else { "" };
        problems.push(format!(
            "{} of {SHARDS} shards do not hold the glossary's terms (shards {}{more})",
            wrong.len(),
            shown.join(", ")
        ));
    }
    match filter {
        Some(f) => {
            let missing = pairs.iter().filter(|&&h| !f.contains_hash(h)).count();
            if missing > 0 {
                problems.push(format!(
                    "the pair filter lacks {missing} of the terms' word pairs (their terms would never be found)"
                ));
            }
        }
        None if !pairs.is_empty() && !problems.iter().any(|p| p.contains("pair filter")) => {
            problems.push("the pair filter is missing".into());
        }
        None => {}
    }
    Ok(problems)
}
