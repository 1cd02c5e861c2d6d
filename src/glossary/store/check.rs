//! Checking a glossary (`mtpe glossary check`): SQLite's integrity check of the file, and
//! the data mtpe derives from the entries and keeps beside them (the preferred terms'
//! match keys, the matcher snapshot) against the entries; repairing rebuilds the derived
//! data, which the entries fully determine.

use rusqlite::Connection;

use super::schema::recompute_keys;
use super::{Glossary, GlossaryError};
use crate::check::terminology::normalize::term_key;
use crate::glossary::snapshot;
use crate::sqlite;

/// What a check found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckReport {
    /// What SQLite found wrong with the file itself (empty when it is sound): only a
    /// backup restores such a glossary.
    pub damage: Vec<String>,
    /// What is wrong with the derived data (empty when it is sound): `repair` rebuilds it.
    pub derived: Vec<String>,
    pub entries: i64,
    pub terms: i64,
}

/// SQLite's integrity and foreign-key checks: their complaints (SQLite's words).
fn integrity(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut found: Vec<String> = conn
        .prepare("PRAGMA integrity_check(20)")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if found == ["ok"] {
        found.clear();
    }
    let orphans: i64 = conn.query_row(
        "SELECT count(*) FROM pragma_foreign_key_check('term')",
        [],
        |r| r.get(0),
    )?;
    if orphans > 0 {
        found.push(format!("{orphans} terms belong to no entry"));
    }
    Ok(found)
}

impl Glossary {
    /// Checks the file and the derived data (see [`CheckReport`]).
    pub fn check(&self) -> Result<CheckReport, GlossaryError> {
        let damage = match integrity(&self.conn) {
            Ok(found) => found,
            Err(e) if sqlite::is_damage(&e) => vec![format!("SQLite: {e}")],
            Err(e) => return Err(self.sql(e)),
        };
        if !damage.is_empty() {
            return Ok(CheckReport {
                damage,
                ..CheckReport::default()
            });
        }
        let mut derived = snapshot::verify(&self.conn).map_err(|e| self.sql(e))?;
        let stale_keys = {
            let mut stmt = self
                .conn
                .prepare("SELECT text, key FROM term WHERE kind = 1")
                .map_err(|e| self.sql(e))?;
            let mut rows = stmt.query([]).map_err(|e| self.sql(e))?;
            let mut stale = 0u64;
            while let Some(r) = rows.next().map_err(|e| self.sql(e))? {
                let text: String = r.get(0).map_err(|e| self.sql(e))?;
                let key: Option<String> = r.get(1).map_err(|e| self.sql(e))?;
                stale += u64::from(key.as_deref() != Some(term_key(&text).as_str()));
            }
            stale
        };
        if stale_keys > 0 {
            derived.push(format!(
                "{stale_keys} preferred terms have a stale match key (duplicates and merges would miss them)"
            ));
        }
        let (entries, terms) = self
            .conn
            .query_row(
                "SELECT (SELECT count(*) FROM entry), (SELECT count(*) FROM term)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(|e| self.sql(e))?;
        Ok(CheckReport {
            damage,
            derived,
            entries,
            terms,
        })
    }

    /// Rebuilds the derived data from the entries, in one transaction: the match keys,
    /// the matcher snapshot and the indexes.
    pub fn repair(&mut self) -> Result<(), GlossaryError> {
        self.write(|tx, sql| {
            recompute_keys(tx).map_err(sql)?;
            snapshot::rebuild(tx).map_err(sql)?;
            tx.execute_batch("REINDEX;").map_err(sql)?;
            Ok(())
        })?;
        if let Ok(mut cached) = self.snapshot.lock() {
            *cached = None;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::Fill;

    #[test]
    fn a_damaged_snapshot_is_found_and_repaired() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("g.sqlite");
        let mut g = Glossary::create(&path, Fill::Shipped).unwrap();
        let report = g.check().unwrap();
        assert_eq!(
            (report.damage.len(), report.derived.len()),
            (0, 0),
            "{report:?}"
        );
        assert!(report.entries > 50);
        // A shard emptied, the filter dropped, a key gone stale.
        g.conn
            .execute_batch(
                "UPDATE snapshot SET data = x'00'
                   WHERE shard = (SELECT min(shard) FROM snapshot WHERE shard >= 0);
                 DELETE FROM snapshot WHERE shard = -1;
                 UPDATE term SET key = 'stale'
                   WHERE kind = 1 AND entry_id = (SELECT min(id) FROM entry);",
            )
            .unwrap();
        let report = g.check().unwrap();
        assert!(report.damage.is_empty(), "{report:?}");
        let said = report.derived.join("\n");
        assert!(said.contains("1 of 4096 shards"), "{said}");
        assert!(said.contains("pair filter is missing"), "{said}");
        assert!(
            said.contains("1 preferred terms have a stale match key"),
            "{said}"
        );
        g.repair().unwrap();
        assert_eq!(g.check().unwrap().derived, Vec::<String>::new());
    }
}
