//! `--dialect NAME` and `--dictionary PATH`, shared by the commands that check a text
//! (`check`, `edit`): which dialect of English the spelling check expects, and which
//! user's dictionary it takes words from.

use std::path::{Path, PathBuf};

use clap::Args;

use super::Error;
use crate::check::spelling::{Dialect, UserWords};
use crate::dictionary::{self, Dictionary};

/// The spelling options of a checking command.
#[derive(Debug, Args)]
pub struct SpellingOption {
    /// The dialect of English the text is to be spelt in: american, british, canadian or
    /// australian; spellings of another dialect are flagged (spelling.dialect) [default:
    /// the configuration's dialect, else the target language's region (en-GB), else the
    /// dialect most of the text is spelt in].
    #[arg(long, value_name = "DIALECT", value_parser = parse_dialect)]
    pub dialect: Option<Dialect>,
    /// The user's dictionary, whose words the spelling check takes as known [default:
    /// $MTPE_DICTIONARY, else dictionary.sqlite beside the default glossary; none yet is
    /// no words].
    #[arg(long, value_name = "PATH")]
    pub dictionary: Option<PathBuf>,
}

pub fn parse_dialect(s: &str) -> Result<Dialect, String> {
    Dialect::parse(s).ok_or_else(|| {
        format!("unknown dialect {s:?} (choose from american, british, canadian, australian)")
    })
}

impl SpellingOption {
    /// The dictionary's file, and whether the user named it (`--dictionary` or
    /// `MTPE_DICTIONARY`): such a file must exist.
    fn path(&self) -> Result<(PathBuf, bool), String> {
        let named = self.dictionary.is_some()
            || std::env::var_os(dictionary::location::ENV_VAR).is_some_and(|v| !v.is_empty());
        dictionary::location::resolve(self.dictionary.as_deref()).map(|p| (p, named))
    }

    /// The user's words for the checks, and the dictionary's file (for the editor to
    /// add words to): none when there is no home folder; an unusable dictionary the user
    /// named is an error, the default one a warning passed to `warn`.
    pub fn user_words(
        &self,
        mut warn: impl FnMut(String),
    ) -> Result<(UserWords, Option<PathBuf>), Error> {
        let (path, named) = match self.path() {
            Ok(found) => found,
            Err(e) => {
                warn(format!("{e}; checking without the user's dictionary"));
                return Ok((UserWords::default(), None));
            }
        };
        if named && !path.exists() {
            return Err(Error::Input(format!(
                "{}: no such file (a new dictionary is made by `mtpe dictionary add WORD --dictionary {}`)",
                path.display(),
                path.display()
            )));
        }
        match dictionary::load_user_words(&path) {
            Ok(words) => Ok((words, Some(path))),
            Err(e) if !named => {
                warn(format!("{e}; checking without the user's dictionary"));
                Ok((UserWords::default(), None))
            }
            Err(e) => Err(Error::input(e)),
        }
    }
}

/// Opens (creating) the dictionary at `path` for a change.
pub fn open_for_change(path: &Path) -> Result<Dictionary, Error> {
    Dictionary::open_or_create(path).map_err(Error::input)
}
