//! The user's dictionary in an edit session: its words known to the spelling check, and
//! a word added from a `spelling.unknown-word` issue ([`Op::DictionaryWord`]), written to
//! the store at once and journalled, so that undo takes it out again and redo puts it
//! back. The store is only ever touched here, never by the checks.

use std::path::PathBuf;
use std::sync::Arc;

use super::{IssueId, Op, Session, SessionError};
use crate::check::spelling::{UserWords, unknown_word};
use crate::dictionary::Dictionary;

/// The user's dictionary as a session opens with it: its file (where added words go;
/// `None`: words cannot be added) and its words.
#[derive(Debug, Clone, Default)]
pub struct UserDictionary {
    pub path: Option<PathBuf>,
    pub words: UserWords,
}

impl Session {
    /// The words the spelling check takes as known besides its own dictionary.
    pub fn user_words(&self) -> &Arc<UserWords> {
        &self.user_words
    }

    /// The word an issue flags as unknown, if it is a `spelling.unknown-word` issue.
    pub fn unknown_word(&self, id: IssueId) -> Option<String> {
        let stored = self.issues.get(id)?;
        if stored.issue.check != unknown_word::ID {
            return None;
        }
        Some(self.issue_text(id).to_string()).filter(|w| !w.is_empty())
    }

    /// Adds `word` to the user's dictionary (journalled: undo removes it) and re-checks
    /// the article, so that every issue on the word goes.
    pub fn add_to_dictionary(&mut self, word: &str) -> Result<(), SessionError> {
        let word = crate::dictionary::validate_word(word)
            .map_err(|e| SessionError::Refused(e.to_string()))?
            .to_string();
        let op = Op::DictionaryWord { word };
        self.write_dictionary_word(&op, true)?;
        if let Err(e) = self.commit(op) {
            self.warning = Some(format!("the word cannot be undone: {e}"));
        }
        self.recheck_all();
        Ok(())
    }

    /// Writes the dictionary side of doing (`forward`) or undoing `op`; other ops have
    /// none.
    pub(super) fn write_dictionary_word(
        &mut self,
        op: &Op,
        forward: bool,
    ) -> Result<(), SessionError> {
        let Op::DictionaryWord { word } = op else {
            return Ok(());
        };
        let path = self.dictionary.as_ref().ok_or_else(|| {
            SessionError::Refused(
                "no user dictionary in use (no home folder; pass --dictionary PATH)".into(),
            )
        })?;
        let refused = |e: crate::dictionary::DictionaryError| {
            SessionError::Refused(format!("dictionary not changed: {e}"))
        };
        let mut store = Dictionary::open_or_create(path).map_err(refused)?;
        let mut words = UserWords::clone(&self.user_words);
        if forward {
            store.add(word).map_err(refused)?;
            words.insert(word);
        } else {
            store.remove(word).map_err(refused)?;
            words.remove(word);
        }
        self.user_words = Arc::new(words);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use crate::check::Engine;
    use crate::check::spelling::{UserWords, unknown_word::UnknownWord};
    use crate::dictionary::Dictionary;
    use crate::document::Document;
    use crate::session::{CheckMode, Session, SessionConfig, UserDictionary};

    #[test]
    fn the_words_a_session_opens_with_are_known_from_the_first_check() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "The goverment met.\nThe goverment left.\n").unwrap();
        let open = |words: UserWords| {
            let config = SessionConfig {
                journal: dir.path().join("journal.sqlite"),
                output: dir.path().join("a.edited.txt"),
                target_lang: "en".into(),
                checking: CheckMode::Inline,
                dictionary: UserDictionary { path: None, words },
            };
            let engine = Arc::new(Engine::new(vec![Box::new(UnknownWord)]));
            let doc = Document::load(&path).unwrap();
            Session::open(doc, engine, config)
                .unwrap()
                .0
                .open_issue_count()
        };
        assert_eq!(open(UserWords::default()), 2);
        assert_eq!(open(UserWords::new(["goverment"])), 0);
    }

    #[test]
    fn an_added_word_is_known_everywhere_and_undone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "The goverment met.\nThe goverment left.\n").unwrap();
        let store = dir.path().join("dictionary.sqlite");
        let config = SessionConfig {
            journal: dir.path().join("journal.sqlite"),
            output: dir.path().join("a.edited.txt"),
            target_lang: "en".into(),
            checking: CheckMode::Inline,
            dictionary: UserDictionary {
                path: Some(store.clone()),
                words: UserWords::default(),
            },
        };
        let engine = Arc::new(Engine::new(vec![Box::new(UnknownWord)]));
        let doc = Document::load(&path).unwrap();
        let (mut s, _) = Session::open(doc, engine, config).unwrap();
        assert_eq!(s.open_issue_count(), 2);
        let id = s.segment_issues(0)[0];
        assert_eq!(s.unknown_word(id).as_deref(), Some("goverment"));
        s.add_to_dictionary("goverment").unwrap();
        assert_eq!(s.open_issue_count(), 0, "both occurrences go");
        let words = || Dictionary::open(&store).unwrap().words().unwrap();
        assert_eq!(words(), ["goverment"]);
        let undone = s.undo().unwrap().unwrap();
        assert_eq!(
            undone.description,
            "addition of \u{201c}goverment\u{201d} to the dictionary"
        );
        assert!(words().is_empty());
        assert_eq!(s.open_issue_count(), 2);
        s.redo().unwrap().unwrap();
        assert_eq!(words(), ["goverment"]);
        assert_eq!(s.open_issue_count(), 0);
    }
}
