//! Undoing and redoing a glossary entry added with `t` ([`Op::GlossaryEntry`]): the
//! glossary is written before the journal records the undo or redo, and only when the
//! entry is as the change left it (another process may have edited it meanwhile).

use super::{Op, Session, SessionError};
use crate::glossary::EntryData;

impl Session {
    /// Writes the glossary side of undoing (or, `forward`, redoing) `op`; other ops have
    /// none.
    pub(super) fn write_glossary_entry(&self, op: &Op, forward: bool) -> Result<(), SessionError> {
        let Op::GlossaryEntry { id, before, after } = op else {
            return Ok(());
        };
        let glossary = self.glossary.as_ref().ok_or_else(|| {
            SessionError::Refused(format!(
                "glossary entry {id} is in a glossary not in use now; edit it with mtpe glossary"
            ))
        })?;
        // The content the entry must have now, and what it is to become.
        let (now, next): (Option<&EntryData>, Option<&EntryData>) = if forward {
            (before.as_ref(), Some(after))
        } else {
            (Some(after), before.as_ref())
        };
        let changed = || {
            SessionError::Refused(format!(
                "glossary entry {id} was changed since (by mtpe glossary or another editor); left as it is"
            ))
        };
        let current = match now {
            Some(data) => {
                let found = glossary.find_same(data)?.ok_or_else(changed)?;
                if found.data != *data {
                    return Err(changed());
                }
                Some(found.id)
            }
            None => None,
        };
        match (current, next) {
            (Some(found), Some(data)) => glossary.update(found, data.clone())?,
            (Some(found), None) => glossary.remove(found)?,
            (None, Some(data)) => {
                if glossary.find_same(data)?.is_none() {
                    glossary.add(data.clone())?;
                }
            }
            (None, None) => {}
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use crate::check::{Engine, registry};
    use crate::document::Document;
    use crate::glossary::{EntryData, Fill, Glossary, TermStatus};
    use crate::session::{CheckMode, Session, SessionConfig, SessionGlossary};

    fn open(dir: &std::path::Path) -> (Session, std::path::PathBuf) {
        let path = dir.join("a.txt");
        std::fs::write(&path, "We met a big accident downtown.\n").unwrap();
        let gpath = dir.join("g.sqlite");
        if !gpath.exists() {
            Glossary::create(&gpath, Fill::Empty).unwrap();
        }
        let glossary = SessionGlossary::new(Glossary::open(&gpath).unwrap(), "g");
        let config = SessionConfig {
            journal: dir.join("journal.sqlite"),
            output: dir.join("a.edited.txt"),
            target_lang: "en".into(),
            checking: CheckMode::Inline,
            dictionary: Default::default(),
        };
        let engine = Arc::new(Engine::new(registry::terminology_checks()));
        let doc = Document::load(&path).unwrap();
        let (s, _) = Session::open_with_glossary(doc, engine, config, Some(glossary)).unwrap();
        (s, gpath)
    }

    fn entries(g: &std::path::Path) -> Vec<EntryData> {
        Glossary::open(g)
            .unwrap()
            .list()
            .unwrap()
            .into_iter()
            .map(|e| e.data)
            .collect()
    }

    fn deprecated(e: &EntryData) -> Vec<&str> {
        e.terms_with(TermStatus::Deprecated)
            .map(|t| t.text.as_str())
            .collect()
    }

    #[test]
    fn an_added_entry_is_undone_and_redone() {
        let dir = tempfile::tempdir().unwrap();
        let (mut s, g) = open(dir.path());
        assert_eq!(s.open_issue_count(), 0);
        let data = EntryData::from_fix("zh", "en", "major incident", "big accident", None, "");
        s.add_glossary_entry(data).unwrap();
        assert_eq!(entries(&g).len(), 1);
        assert_eq!(s.open_issue_count(), 1);
        let undone = s.undo().unwrap().unwrap();
        assert!(
            undone.description.starts_with("addition of glossary entry"),
            "{}",
            undone.description
        );
        assert!(entries(&g).is_empty());
        assert_eq!(s.open_issue_count(), 0);
        s.redo().unwrap().unwrap();
        assert_eq!(entries(&g).len(), 1);
        assert_eq!(s.open_issue_count(), 1);
    }

    #[test]
    fn a_merged_entry_gets_its_earlier_content_back() {
        let dir = tempfile::tempdir().unwrap();
        let (mut s, g) = open(dir.path());
        let first = EntryData::from_fix("zh", "en", "major incident", "big accident", None, "");
        s.add_glossary_entry(first).unwrap();
        let second = EntryData::from_fix("zh", "en", "major incident", "huge accident", None, "");
        s.add_glossary_entry(second).unwrap();
        assert_eq!(
            deprecated(&entries(&g)[0]),
            ["big accident", "huge accident"]
        );
        s.undo().unwrap().unwrap();
        assert_eq!(deprecated(&entries(&g)[0]), ["big accident"]);
        s.redo().unwrap().unwrap();
        assert_eq!(deprecated(&entries(&g)[0]).len(), 2);
        // Changed elsewhere meanwhile: left as it is, and the undo stays to be done.
        let mut other = Glossary::open(&g).unwrap();
        let e = other.list().unwrap().remove(0);
        let mut data = e.data.clone();
        data.note = "edited elsewhere".into();
        other.update(e.id, data).unwrap();
        let err = s.undo().unwrap_err();
        assert!(err.to_string().contains("was changed since"), "{err}");
        assert_eq!(entries(&g)[0].note, "edited elsewhere");
        assert!(s.can_undo());
    }
}
