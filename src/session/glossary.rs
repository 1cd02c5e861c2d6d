//! The glossary of an edit session: one open glossary store, shared by the session (which
//! writes the entries the post-editor adds) and the checking worker (which builds the term
//! index for the text it checks and reads the entries behind terminology issues).
//!
//! The term index is built for each checked text from the glossary as it is then
//! ([`Glossary::index_for_document`]): terms that an edit brings into the article, and
//! entries added meanwhile, are found by the next check. Selecting a document's entries
//! costs well under a millisecond with the shipped glossary and grows with the document
//! and the glossary (about 0.1 s for 10 MB against 100,000 entries), on the worker thread
//! for large articles.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use super::{IssueId, Op, Session, SessionError};
use crate::check::terminology::{SourceTerms, TermIndex};
use crate::document::Document;
use crate::glossary::{Entry, EntryData, Glossary, GlossaryError, MergeOutcome};

/// A glossary shared by a session and its checking worker. Cloning shares it.
#[derive(Clone)]
pub struct SessionGlossary {
    shared: Arc<Shared>,
}

struct Shared {
    /// How the editor names the glossary (its file name, or "default").
    name: String,
    path: PathBuf,
    state: Mutex<State>,
}

struct State {
    glossary: Glossary,
    /// The last index built, used if the store cannot be read for a later one.
    last: Option<Arc<TermIndex>>,
    /// Writes made through this glossary (entries added, changed, removed).
    writes: u64,
    /// The source-term index, and the target language and writes it was read for.
    sources: Option<(String, u64, Arc<SourceTermIndex>)>,
}

/// Every entry of the glossary for a target language, and their source terms ready to be
/// found in a bilingual file's sources ([`SourceTerms`], the matcher of
/// `terminology.missing`).
#[derive(Debug)]
pub struct SourceTermIndex {
    pub index: TermIndex,
    pub terms: SourceTerms,
}

impl std::fmt::Debug for SessionGlossary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SessionGlossary")
            .field("name", &self.shared.name)
            .field("path", &self.shared.path)
            .finish()
    }
}

/// A term index for a text, and what went wrong building it, if anything.
pub struct BuiltIndex {
    /// The index (the last good one if the store failed; none if it never worked).
    pub index: Option<Arc<TermIndex>>,
    /// Why the glossary could not be read this time.
    pub error: Option<String>,
}

impl SessionGlossary {
    /// Shares `glossary`, named `name` in the editor's header.
    pub fn new(glossary: Glossary, name: impl Into<String>) -> Self {
        let path = glossary.path().to_path_buf();
        SessionGlossary {
            shared: Arc::new(Shared {
                name: name.into(),
                path,
                state: Mutex::new(State {
                    glossary,
                    last: None,
                    writes: 0,
                    sources: None,
                }),
            }),
        }
    }

    pub fn name(&self) -> &str {
        &self.shared.name
    }

    /// The glossary's file (`:memory:` for an in-memory one).
    pub fn path(&self) -> &Path {
        &self.shared.path
    }

    fn state(&self) -> MutexGuard<'_, State> {
        // A panic elsewhere while holding the lock leaves the store itself consistent
        // (SQLite transactions), so the state is still usable.
        self.shared
            .state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The matcher for `doc`: the entries for `target_lang` whose terms can occur in it,
    /// read from the glossary now.
    pub fn index_for(&self, doc: &Document, target_lang: &str) -> BuiltIndex {
        let mut state = self.state();
        match state.glossary.index_for_document(doc, target_lang) {
            Ok(index) => {
                let index = Arc::new(index);
                state.last = Some(Arc::clone(&index));
                BuiltIndex {
                    index: Some(index),
                    error: None,
                }
            }
            Err(e) => BuiltIndex {
                index: state.last.clone(),
                error: Some(format!("cannot read the glossary: {e}")),
            },
        }
    }

    /// The stored entries with these ids (those that still exist).
    pub fn entries(&self, ids: &[i64]) -> Result<Vec<Entry>, GlossaryError> {
        let state = self.state();
        let mut out = Vec::with_capacity(ids.len());
        for &id in ids {
            if let Some(e) = state.glossary.get(id)? {
                out.push(e);
            }
        }
        Ok(out)
    }

    /// Adds an entry, or merges it into the entry with the same languages, source terms
    /// and preferred term ([`Glossary::merge`]).
    pub fn merge(&self, data: EntryData) -> Result<(i64, MergeOutcome), GlossaryError> {
        let mut state = self.state();
        state.writes += 1;
        state.glossary.merge(data)
    }

    /// The entry `data` would be merged into, if there is one.
    pub fn find_same(&self, data: &EntryData) -> Result<Option<Entry>, GlossaryError> {
        self.state().glossary.find_same_entry(data)
    }

    pub fn add(&self, data: EntryData) -> Result<i64, GlossaryError> {
        let mut state = self.state();
        state.writes += 1;
        state.glossary.add(data)
    }

    /// Replaces the content of entry `id`.
    pub fn update(&self, id: i64, data: EntryData) -> Result<(), GlossaryError> {
        let mut state = self.state();
        state.writes += 1;
        state.glossary.update(id, data)
    }

    pub fn remove(&self, id: i64) -> Result<(), GlossaryError> {
        let mut state = self.state();
        state.writes += 1;
        state.glossary.remove(id)
    }

    /// Every entry for `target_lang` with its source terms, for a bilingual file's sources:
    /// read once, and again after an entry is written through this glossary. `None` when
    /// the glossary cannot be read (the checks report that).
    pub fn source_terms(&self, target_lang: &str) -> Option<Arc<SourceTermIndex>> {
        let mut state = self.state();
        if let Some((lang, writes, terms)) = &state.sources
            && lang == target_lang
            && *writes == state.writes
        {
            return Some(Arc::clone(terms));
        }
        let index = state.glossary.term_index(target_lang, None).ok()?;
        let terms = Arc::new(SourceTermIndex {
            terms: SourceTerms::new(&index),
            index,
        });
        state.sources = Some((target_lang.to_string(), state.writes, Arc::clone(&terms)));
        Some(terms)
    }
}

impl Session {
    /// The glossary the session checks against, if any.
    pub fn glossary(&self) -> Option<&SessionGlossary> {
        self.glossary.as_ref()
    }

    /// The glossary entry behind a terminology issue, as read with the last check.
    pub fn glossary_entry(&self, id: IssueId) -> Option<&crate::glossary::Entry> {
        let entry = self.issues.get(id)?.issue.entry()?;
        self.entries.get(&entry)
    }

    /// A problem with the glossary met while checking, once (the front end shows it).
    pub fn take_warning(&mut self) -> Option<String> {
        self.warning.take()
    }

    /// Writes an entry to the glossary at once (merged into the entry with the same
    /// languages, source terms and preferred term, if there is one) and re-checks the
    /// whole article against it. Part of undo ([`Op::GlossaryEntry`]): undo takes the
    /// entry out again (or gives the merged entry its earlier content), redo puts it back.
    pub fn add_glossary_entry(
        &mut self,
        data: EntryData,
    ) -> Result<(i64, MergeOutcome), SessionError> {
        let glossary = self.glossary.as_ref().ok_or_else(|| {
            SessionError::Refused("no glossary in use (mtpe edit was started without one)".into())
        })?;
        let before = glossary.find_same(&data)?.map(|e| e.data);
        let (id, outcome) = glossary.merge(data)?;
        let after = glossary.entries(&[id])?.pop().map(|e| e.data);
        if let Some(after) = after.filter(|_| outcome != MergeOutcome::Unchanged) {
            // The glossary is written; the journal keeps the change to undo it.
            let op = Op::GlossaryEntry { id, before, after };
            if let Err(e) = self.commit(op) {
                self.warning = Some(format!("the entry cannot be undone: {e}"));
            }
        }
        self.recheck_all();
        Ok((id, outcome))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::Fill;

    #[test]
    fn indexes_follow_the_text_and_the_glossary() {
        let g = SessionGlossary::new(Glossary::in_memory(Fill::Empty).expect("glossary"), "test");
        let doc = Document::from_str_named("t.txt", "A plain text about cyberspace.\n");
        let built = g.index_for(&doc, "en");
        assert!(built.error.is_none());
        assert!(built.index.expect("index").is_empty());
        let (id, outcome) = g
            .merge(EntryData::from_fix(
                "zh",
                "en",
                "cyberspace",
                "network space",
                Some("网络空间"),
                "",
            ))
            .expect("merged");
        assert_eq!(outcome, MergeOutcome::Added);
        let index = g.index_for(&doc, "en").index.expect("index");
        assert_eq!(index.entries().len(), 1);
        let entries = g.entries(&[id, id + 100]).expect("entries");
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].data.sources, ["网络空间"]);
    }
}
