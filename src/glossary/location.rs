//! Where the glossary lives: `--glossary PATH`, else `MTPE_GLOSSARY`, else the user data
//! directory (`$XDG_DATA_HOME/mtpe/glossary.sqlite` on Linux), created and filled with the
//! shipped glossary on first use.

use std::path::{Path, PathBuf};

use super::{Fill, Glossary, GlossaryError};

/// Environment variable naming the glossary file.
pub const ENV_VAR: &str = "MTPE_GLOSSARY";

/// Which glossary to use, and how it was chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// Given with `--glossary`: must exist.
    Explicit(PathBuf),
    /// From `MTPE_GLOSSARY`: must exist.
    Environment(PathBuf),
    /// The user's default glossary: created with the shipped terms on first use.
    Default(PathBuf),
}

impl Location {
    /// Resolves the glossary from the command-line option and the environment.
    pub fn resolve(explicit: Option<&Path>) -> Result<Self, String> {
        if let Some(p) = explicit {
            return Ok(Location::Explicit(p.to_path_buf()));
        }
        if let Some(p) = std::env::var_os(ENV_VAR).filter(|v| !v.is_empty()) {
            return Ok(Location::Environment(PathBuf::from(p)));
        }
        default_path().map(Location::Default)
    }

    pub fn path(&self) -> &Path {
        match self {
            Location::Explicit(p) | Location::Environment(p) | Location::Default(p) => p,
        }
    }

    /// Opens the glossary; the default one is created and filled on first use. An empty
    /// file named explicitly is not a glossary, and is left untouched (SQLite would take
    /// it for a new database and write into it).
    pub fn open(&self) -> Result<Glossary, GlossaryError> {
        match self {
            Location::Explicit(p) | Location::Environment(p) => {
                if is_empty_file(p) {
                    return Err(empty_file(p));
                }
                Glossary::open(p)
            }
            Location::Default(p) => Glossary::open_or_create(p, Fill::Shipped),
        }
    }
}

/// Whether `path` is a file of 0 bytes.
pub fn is_empty_file(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() == 0)
}

/// The error for an empty file where a glossary should be.
fn empty_file(path: &Path) -> GlossaryError {
    let message = format!(
        "an empty file, not a glossary; `mtpe glossary init {}` makes it one (add --empty for one without the shipped terms)",
        path.display()
    );
    GlossaryError::Sqlite {
        path: path.to_path_buf(),
        source: rusqlite::Error::ToSqlConversionFailure(Box::new(std::io::Error::other(message))),
    }
}

/// The default glossary file in the user's data directory.
pub fn default_path() -> Result<PathBuf, String> {
    let dir = crate::places::data_dir().ok_or_else(|| {
        format!("cannot find the user data directory (no home folder); pass --glossary PATH or set {ENV_VAR}")
    })?;
    Ok(dir.join(crate::places::GLOSSARY_FILE))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_file_is_not_a_glossary_and_is_not_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("empty.sqlite");
        std::fs::write(&path, b"").unwrap();
        for location in [
            Location::Explicit(path.clone()),
            Location::Environment(path.clone()),
        ] {
            let err = location.open().err().expect("refused").to_string();
            assert!(err.contains("an empty file, not a glossary"), "{err}");
            assert!(err.contains("mtpe glossary init"), "{err}");
        }
        assert_eq!(std::fs::metadata(&path).unwrap().len(), 0);
        assert!(is_empty_file(&path));
        assert!(!is_empty_file(dir.path()));
        assert!(!is_empty_file(&dir.path().join("missing")));
    }
}
