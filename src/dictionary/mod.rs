//! The user's dictionary: words the spelling check takes as known (a client's brand, a
//! term of the trade), kept in SQLite beside the glossary and found by the same rules:
//! `--dictionary PATH`, else `MTPE_DICTIONARY`, else `dictionary.sqlite` in mtpe's data
//! folder ([`location`]). It is the user's own, so it is private (0600) wherever it is.
//!
//! A word is stored as it was given; the letter case it then accepts is the rule of
//! [`UserWords`]. The front ends read the words into a [`UserWords`] and hand them to the
//! checks with the check request; the checks never open the store.

pub mod location;
mod schema;
mod word_list;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, TransactionBehavior, params};

use crate::check::spelling::UserWords;
use crate::sqlite::{self, Mode};
use schema::DictionarySchema;

pub use word_list::{WordListError, parse_word_list, render_word_list, validate_word};

/// What can go wrong with the user's dictionary. Every message names the file.
#[derive(Debug, thiserror::Error)]
pub enum DictionaryError {
    /// The file could not be opened as a dictionary (missing, another program's, damaged,
    /// of a newer mtpe).
    #[error(transparent)]
    Open(#[from] sqlite::Error),
    #[error("{}: {}", .path.display(), describe(.source))]
    Sqlite {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
    #[error(
        "{}: the user dictionary is read-only here (file or folder not writable); it is used for checking but cannot be changed",
        .0.display()
    )]
    ReadOnly(PathBuf),
    /// A word that cannot be stored.
    #[error("{word:?}: {reason}")]
    Invalid { word: String, reason: String },
}

fn describe(e: &rusqlite::Error) -> String {
    if sqlite::is_damage(e) {
        format!(
            "the user dictionary is damaged (SQLite: {e}); mtpe has not written to it: {}",
            sqlite::Kind::Dictionary.if_damaged()
        )
    } else {
        sqlite::describe(e)
    }
}

/// An open user dictionary.
pub struct Dictionary {
    conn: Connection,
    path: PathBuf,
    read_only: bool,
}

impl std::fmt::Debug for Dictionary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Dictionary")
            .field("path", &self.path)
            .field("read_only", &self.read_only)
            .finish()
    }
}

impl Dictionary {
    /// Opens the dictionary at `path`, creating it (and its folder) if it does not exist.
    pub fn open_or_create(path: &Path) -> Result<Self, DictionaryError> {
        Self::open_as(path, Mode::Create)
    }

    /// Opens an existing dictionary; one that cannot be written here is opened read-only.
    pub fn open(path: &Path) -> Result<Self, DictionaryError> {
        Self::open_as(path, Mode::Existing)
    }

    fn open_as(path: &Path, mode: Mode) -> Result<Self, DictionaryError> {
        let opened = sqlite::open(path, mode, &DictionarySchema)?;
        Ok(Dictionary {
            conn: opened.conn,
            path: path.to_path_buf(),
            read_only: opened.read_only,
        })
    }

    /// Opens an existing dictionary for reading only, leaving no file beside it (what
    /// `mtpe doctor` reads it with).
    pub fn open_to_inspect(path: &Path) -> Result<Self, DictionaryError> {
        let conn = sqlite::open_to_inspect(path, &DictionarySchema)?;
        Ok(Dictionary {
            conn,
            path: path.to_path_buf(),
            read_only: true,
        })
    }

    /// A dictionary in memory (tests).
    pub fn in_memory() -> Result<Self, DictionaryError> {
        let conn = sqlite::open_in_memory(&DictionarySchema)?;
        Ok(Dictionary {
            conn,
            path: PathBuf::from(":memory:"),
            read_only: false,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn sql(&self, source: rusqlite::Error) -> DictionaryError {
        DictionaryError::Sqlite {
            path: self.path.clone(),
            source,
        }
    }

    fn writable(&self) -> Result<(), DictionaryError> {
        if self.read_only {
            return Err(DictionaryError::ReadOnly(self.path.clone()));
        }
        Ok(())
    }

    /// Adds `word` (checked by [`validate_word`]); false if it was there already.
    pub fn add(&mut self, word: &str) -> Result<bool, DictionaryError> {
        Ok(self.add_all(&[word])? == 1)
    }

    /// Adds the words in one transaction (all or none); how many were new.
    pub fn add_all<S: AsRef<str>>(&mut self, words: &[S]) -> Result<usize, DictionaryError> {
        self.writable()?;
        let words: Vec<&str> = words
            .iter()
            .map(|w| validate_word(w.as_ref()))
            .collect::<Result<_, _>>()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| DictionaryError::Sqlite {
                path: self.path.clone(),
                source: e,
            })?;
        let mut added = 0;
        {
            let mut insert = tx
                .prepare(
                    "INSERT OR IGNORE INTO words (word, added_at) VALUES (?1, datetime('now'))",
                )
                .map_err(|e| DictionaryError::Sqlite {
                    path: self.path.clone(),
                    source: e,
                })?;
            for w in words {
                added += insert
                    .execute(params![w])
                    .map_err(|e| DictionaryError::Sqlite {
                        path: self.path.clone(),
                        source: e,
                    })?;
            }
        }
        tx.commit().map_err(|e| self.sql(e))?;
        Ok(added)
    }

    /// Takes `word` out (as it was added, letter case included); false if it was not there.
    pub fn remove(&mut self, word: &str) -> Result<bool, DictionaryError> {
        self.writable()?;
        let n = self
            .conn
            .execute("DELETE FROM words WHERE word = ?1", params![word.trim()])
            .map_err(|e| self.sql(e))?;
        Ok(n > 0)
    }

    /// Whether `word` is stored exactly so.
    pub fn contains(&self, word: &str) -> Result<bool, DictionaryError> {
        self.conn
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM words WHERE word = ?1)",
                params![word.trim()],
                |r| r.get(0),
            )
            .map_err(|e| self.sql(e))
    }

    /// Every word, in alphabetical order (letter case ignored, then upper case first).
    pub fn words(&self) -> Result<Vec<String>, DictionaryError> {
        let mut stmt = self
            .conn
            .prepare("SELECT word FROM words")
            .map_err(|e| self.sql(e))?;
        let mut words: Vec<String> = stmt
            .query_map([], |r| r.get(0))
            .and_then(Iterator::collect)
            .map_err(|e| self.sql(e))?;
        words.sort_by(|a, b| a.to_lowercase().cmp(&b.to_lowercase()).then(a.cmp(b)));
        Ok(words)
    }

    pub fn len(&self) -> Result<usize, DictionaryError> {
        self.conn
            .query_row("SELECT COUNT(*) FROM words", [], |r| r.get::<_, i64>(0))
            .map(|n| usize::try_from(n).unwrap_or(0))
            .map_err(|e| self.sql(e))
    }

    pub fn is_empty(&self) -> Result<bool, DictionaryError> {
        Ok(self.len()? == 0)
    }

    /// The words as the checks take them.
    pub fn user_words(&self) -> Result<UserWords, DictionaryError> {
        Ok(UserWords::new(self.words()?))
    }
}

/// The words of the dictionary at `path` for the checks: none when there is no file yet
/// (nothing is created just to check a text).
pub fn load_user_words(path: &Path) -> Result<UserWords, DictionaryError> {
    if !path.exists() {
        return Ok(UserWords::default());
    }
    Dictionary::open(path)?.user_words()
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::PermissionsExt as _;

    use super::*;

    #[test]
    fn words_are_added_listed_and_removed() {
        let mut d = Dictionary::in_memory().unwrap();
        assert!(d.add("dataframe").unwrap());
        assert!(!d.add(" dataframe ").unwrap(), "already there");
        assert_eq!(d.add_all(&["Rabobank", "apple", "Zeta"]).unwrap(), 3);
        assert_eq!(
            d.words().unwrap(),
            ["apple", "dataframe", "Rabobank", "Zeta"]
        );
        assert!(d.contains("Rabobank").unwrap());
        assert!(!d.contains("rabobank").unwrap());
        assert!(d.remove("Rabobank").unwrap());
        assert!(!d.remove("Rabobank").unwrap());
        assert_eq!(d.len().unwrap(), 3);
        assert!(d.user_words().unwrap().accepts("Dataframe"));
    }

    #[test]
    fn an_invalid_word_adds_nothing() {
        let mut d = Dictionary::in_memory().unwrap();
        let err = d.add_all(&["fine", "two words"]).unwrap_err();
        assert!(err.to_string().contains("one word"), "{err}");
        assert!(d.is_empty().unwrap());
    }

    #[test]
    fn the_file_is_private_and_survives_reopening() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("dictionary.sqlite");
        assert!(load_user_words(&path).unwrap().is_empty());
        assert!(!path.exists(), "checking creates no file");
        Dictionary::open_or_create(&path)
            .unwrap()
            .add("qxzword")
            .unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        assert!(load_user_words(&path).unwrap().accepts("qxzword"));
    }

    #[test]
    fn another_file_is_refused_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("words.txt");
        std::fs::write(&path, "colour\n").unwrap();
        let err = Dictionary::open(&path).unwrap_err().to_string();
        assert!(err.contains("not an SQLite database"), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "colour\n");
        let journal = dir.path().join("g.sqlite");
        crate::glossary::Glossary::create(&journal, crate::glossary::Fill::Empty).unwrap();
        let err = Dictionary::open(&journal).unwrap_err().to_string();
        assert!(err.contains("not a user dictionary"), "{err}");
    }
}
