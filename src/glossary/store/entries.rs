//! Entries in and out: add, merge one, update, remove, get, list, search and statistics,
//! and the row-level helpers the bulk import shares (identity, duplicate lookup, inserts).

use rusqlite::{Connection, params};

use super::bulk::{ImportState, PreparedEntry};
use super::schema::now;
use super::{Glossary, GlossaryError};
use crate::check::terminology::TermStatus;
use crate::check::terminology::normalize::term_key;
use crate::glossary::model::{Entry, EntryData, Term, lang_matches};
use crate::glossary::snapshot::Changes;

/// Counts for `mtpe glossary stats`.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Stats {
    pub entries: i64,
    pub source_terms: i64,
    pub preferred_terms: i64,
    pub admitted_terms: i64,
    pub deprecated_terms: i64,
    /// (source language, target language, entries), most entries first.
    pub language_pairs: Vec<(String, String, i64)>,
    /// (domain, entries); "" for entries without a domain.
    pub domains: Vec<(String, i64)>,
}

/// What [`Glossary::merge`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MergeOutcome {
    Added,
    Updated,
    Unchanged,
}

impl Glossary {
    /// Adds an entry; refuses an exact duplicate (same languages, source terms and
    /// preferred term as an existing entry), naming it.
    pub fn add(&mut self, data: EntryData) -> Result<i64, GlossaryError> {
        self.writable()?;
        let entry = PreparedEntry::new(data)?;
        self.write(|tx, sql| {
            if let Some(same) = find_same(tx, &entry.data, &entry.preferred_key).map_err(sql)? {
                return Err(GlossaryError::Duplicate {
                    id: same.id,
                    label: label(&same.data),
                });
            }
            let now = now(tx).map_err(sql)?;
            let id = insert_entry(tx, &entry.data, &entry.preferred_key, &now).map_err(sql)?;
            let mut changes = Changes::default();
            changes.add_paths(id, entry.paths);
            changes.flush(tx, false).map_err(sql)?;
            Ok(id)
        })
    }

    /// Adds an entry, or merges it into the existing entry with the same languages, source
    /// terms and preferred term (new variants added, statuses updated): what the editor's
    /// "add to glossary" does, e.g. a deprecated rendering for a preferred term.
    pub fn merge(&mut self, data: EntryData) -> Result<(i64, MergeOutcome), GlossaryError> {
        self.writable()?;
        let entry = PreparedEntry::new(data)?;
        self.write(|tx, sql| {
            let mut state = ImportState::new(tx, false).map_err(sql)?;
            let id = state.import_one(tx, entry).map_err(sql)?;
            let outcome = if state.summary.added > 0 {
                MergeOutcome::Added
            } else if state.summary.updated > 0 {
                MergeOutcome::Updated
            } else {
                MergeOutcome::Unchanged
            };
            state.changes.flush(tx, false).map_err(sql)?;
            Ok((id, outcome))
        })
    }

    /// Replaces the content of entry `id` (its created time is kept).
    pub fn update(&mut self, id: i64, mut data: EntryData) -> Result<(), GlossaryError> {
        self.writable()?;
        data.normalize();
        data.validate()?;
        self.write(|tx, sql| {
            let Some(old) = load_entry(tx, id).map_err(sql)? else {
                return Err(GlossaryError::NoSuchEntry(id));
            };
            let key = preferred_key(&data);
            if let Some(other) = find_same(tx, &data, &key).map_err(sql)?
                && other.id != id
            {
                return Err(GlossaryError::Duplicate {
                    id: other.id,
                    label: label(&other.data),
                });
            }
            let now = now(tx).map_err(sql)?;
            replace_entry(tx, id, &data, &now).map_err(sql)?;
            let mut changes = Changes::default();
            changes.replace_entry(id, &old.data, &data);
            changes.flush(tx, false).map_err(sql)
        })
    }

    /// Removes entry `id`.
    pub fn remove(&mut self, id: i64) -> Result<(), GlossaryError> {
        self.write(|tx, sql| {
            let Some(old) = load_entry(tx, id).map_err(sql)? else {
                return Err(GlossaryError::NoSuchEntry(id));
            };
            tx.execute("DELETE FROM entry WHERE id = ?1", [id])
                .map_err(sql)?;
            let mut changes = Changes::default();
            changes.drop_entry(id, &old.data);
            changes.flush(tx, false).map_err(sql)
        })
    }

    /// The entry `data` would be merged into ([`Glossary::merge`]): the same languages,
    /// source terms and preferred term.
    pub fn find_same_entry(&self, data: &EntryData) -> Result<Option<Entry>, GlossaryError> {
        let mut data = data.clone();
        data.normalize();
        find_same(&self.conn, &data, &preferred_key(&data)).map_err(|e| self.sql(e))
    }

    /// Entry `id`, if there is one.
    pub fn get(&self, id: i64) -> Result<Option<Entry>, GlossaryError> {
        load_entry(&self.conn, id).map_err(|e| self.sql(e))
    }

    /// Every entry, by id.
    pub fn list(&self) -> Result<Vec<Entry>, GlossaryError> {
        load_entries(&self.conn, "", &[]).map_err(|e| self.sql(e))
    }

    /// Entries with a source term, target term, note or domain containing `text`
    /// (case-insensitively), by id.
    pub fn search(&self, text: &str) -> Result<Vec<Entry>, GlossaryError> {
        let needle = text.to_lowercase();
        let ids: Vec<i64> = {
            let mut stmt = self
                .conn
                .prepare(
                    "SELECT DISTINCT entry_id FROM term WHERE instr(lower(text), ?1) > 0 OR instr(key, ?1) > 0
                     ORDER BY entry_id",
                )
                .map_err(|e| self.sql(e))?;
            stmt.query_map([&needle], |r| r.get(0))
                .map_err(|e| self.sql(e))?
                .collect::<Result<_, _>>()
                .map_err(|e| self.sql(e))?
        };
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(e) = self.get(id)? {
                out.push(e);
            }
        }
        Ok(out)
    }

    /// Counts of entries, terms by status, language pairs and domains.
    pub fn stats(&self) -> Result<Stats, GlossaryError> {
        let q = || -> rusqlite::Result<Stats> {
            let mut s = Stats {
                entries: self
                    .conn
                    .query_row("SELECT count(*) FROM entry", [], |r| r.get(0))?,
                ..Stats::default()
            };
            let mut stmt = self
                .conn
                .prepare("SELECT kind, count(*) FROM term GROUP BY kind")?;
            for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))? {
                let (kind, n) = row?;
                match kind {
                    0 => s.source_terms = n,
                    1 => s.preferred_terms = n,
                    2 => s.admitted_terms = n,
                    _ => s.deprecated_terms = n,
                }
            }
            let mut stmt = self.conn.prepare(
                "SELECT source_lang, target_lang, count(*) AS n FROM entry
                 GROUP BY source_lang, target_lang ORDER BY n DESC, source_lang, target_lang",
            )?;
            s.language_pairs = stmt
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<Result<_, _>>()?;
            let mut stmt = self.conn.prepare(
                "SELECT domain, count(*) AS n FROM entry GROUP BY domain ORDER BY n DESC, domain",
            )?;
            s.domains = stmt
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<Result<_, _>>()?;
            Ok(s)
        };
        q().map_err(|e| self.sql(e))
    }
}

pub(super) fn kind_of(status: TermStatus) -> i64 {
    match status {
        TermStatus::Preferred => 1,
        TermStatus::Admitted => 2,
        TermStatus::Deprecated => 3,
    }
}

pub(super) fn status_of(kind: i64) -> TermStatus {
    match kind {
        1 => TermStatus::Preferred,
        2 => TermStatus::Admitted,
        _ => TermStatus::Deprecated,
    }
}

/// A short name for an entry in messages: "网络强国 → cyberpower".
pub fn label(data: &EntryData) -> String {
    let preferred = data.preferred().map_or("", |t| t.text.as_str());
    match data.sources.first() {
        Some(s) => format!("{s} \u{2192} {preferred}"),
        None => preferred.to_string(),
    }
}

/// The identity under which entries merge, with matching languages (see
/// [`same_languages`]): source terms and preferred term, normalised.
pub(super) fn identity(data: &EntryData) -> String {
    identity_with(data, &preferred_key(data))
}

/// [`identity`] of `data` whose preferred term's key is `preferred_key`.
pub(super) fn identity_with(data: &EntryData, preferred_key: &str) -> String {
    let mut sources: Vec<String> = data.sources.iter().map(|s| term_key(s)).collect();
    sources.sort();
    format!("{}\u{1}{preferred_key}", sources.join("\u{2}"))
}

/// The [`term_key`] of an entry's preferred term (empty without one), by which the store
/// finds the entry again.
pub(super) fn preferred_key(data: &EntryData) -> String {
    data.preferred()
        .map(|t| term_key(&t.text))
        .unwrap_or_default()
}

/// Whether two entries are for the same language pair, tags matched by prefix ("en" and
/// "en-US"); an empty source language matches any.
pub(super) fn same_languages(a: &EntryData, b: &EntryData) -> bool {
    lang_matches(&a.target_lang, &b.target_lang)
        && (a.source_lang.is_empty()
            || b.source_lang.is_empty()
            || lang_matches(&a.source_lang, &b.source_lang))
}

/// The entries whose preferred term has key `?1`.
pub(super) const FIND_SAME: &str =
    "SELECT entry_id FROM term WHERE key = ?1 AND kind = 1 ORDER BY entry_id";

/// An existing entry with the same identity; `preferred_key` is the [`term_key`] of its
/// preferred term.
pub(super) fn find_same(
    conn: &Connection,
    data: &EntryData,
    preferred_key: &str,
) -> rusqlite::Result<Option<Entry>> {
    if data.preferred().is_none() {
        return Ok(None);
    }
    let mut stmt = conn.prepare_cached(FIND_SAME)?;
    let ids: Vec<i64> = stmt
        .query_map([preferred_key], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let want = identity_with(data, preferred_key);
    for id in ids {
        if let Some(e) = load_entry(conn, id)?
            && identity(&e.data) == want
            && same_languages(&e.data, data)
        {
            return Ok(Some(e));
        }
    }
    Ok(None)
}

/// Inserts an entry; `preferred_key` is the [`term_key`] of its preferred term.
pub(super) fn insert_entry(
    conn: &Connection,
    data: &EntryData,
    preferred_key: &str,
    now: &str,
) -> rusqlite::Result<i64> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO entry(source_lang, target_lang, note, domain, created, updated)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
    )?;
    stmt.execute(params![
        data.source_lang,
        data.target_lang,
        data.note,
        data.domain,
        now
    ])?;
    let id = conn.last_insert_rowid();
    insert_terms(conn, id, data, preferred_key)?;
    Ok(id)
}

pub(super) fn replace_entry(
    conn: &Connection,
    id: i64,
    data: &EntryData,
    now: &str,
) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "UPDATE entry SET source_lang = ?2, target_lang = ?3, note = ?4, domain = ?5, updated = ?6
         WHERE id = ?1",
    )?
    .execute(params![
        id,
        data.source_lang,
        data.target_lang,
        data.note,
        data.domain,
        now
    ])?;
    conn.prepare_cached("DELETE FROM term WHERE entry_id = ?1")?
        .execute([id])?;
    let key = preferred_key(data);
    insert_terms(conn, id, data, &key)
}

/// Inserts the terms of entry `id`: its source terms, then its target terms in order;
/// the preferred term with its key.
pub(super) fn insert_terms(
    conn: &Connection,
    id: i64,
    data: &EntryData,
    preferred_key: &str,
) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO term(entry_id, pos, kind, text, key, case_sensitive, reason)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    let mut pos = 0i64;
    for s in &data.sources {
        stmt.execute(params![id, pos, 0i64, s, None::<&str>, false, None::<&str>])?;
        pos += 1;
    }
    for t in &data.terms {
        // Only preferred terms are looked up by key (duplicates, merges).
        let key = (t.status == TermStatus::Preferred).then_some(preferred_key);
        stmt.execute(params![
            id,
            pos,
            kind_of(t.status),
            t.text,
            key,
            t.case_sensitive,
            t.reason
        ])?;
        pos += 1;
    }
    Ok(())
}

pub(super) fn load_entry(conn: &Connection, id: i64) -> rusqlite::Result<Option<Entry>> {
    Ok(load_entries(conn, "WHERE e.id = ?1", &[&id])?.pop())
}

pub(super) fn load_entries(
    conn: &Connection,
    filter: &str,
    args: &[&dyn rusqlite::ToSql],
) -> rusqlite::Result<Vec<Entry>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT e.id, e.source_lang, e.target_lang, e.note, e.domain, e.created, e.updated,
                t.kind, t.text, t.case_sensitive, t.reason
         FROM entry e LEFT JOIN term t ON t.entry_id = e.id {filter}
         ORDER BY e.id, t.pos"
    ))?;
    let mut rows = stmt.query(args)?;
    let mut out: Vec<Entry> = Vec::new();
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        if out.last().is_none_or(|e| e.id != id) {
            out.push(Entry {
                id,
                data: EntryData {
                    source_lang: r.get(1)?,
                    target_lang: r.get(2)?,
                    note: r.get(3)?,
                    domain: r.get(4)?,
                    ..EntryData::default()
                },
                created: r.get(5)?,
                updated: r.get(6)?,
            });
        }
        let Some(entry) = out.last_mut() else {
            continue;
        };
        let Some(kind) = r.get::<_, Option<i64>>(7)? else {
            continue;
        };
        let text: String = r.get(8)?;
        if kind == 0 {
            entry.data.sources.push(text);
        } else {
            entry.data.terms.push(Term {
                text,
                status: status_of(kind),
                case_sensitive: r.get(9)?,
                reason: r.get(10)?,
            });
        }
    }
    Ok(out)
}
