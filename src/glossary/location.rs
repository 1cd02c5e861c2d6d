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

    /// Opens the glossary; the default one is created and filled on first use.
    pub fn open(&self) -> Result<Glossary, GlossaryError> {
        match self {
            Location::Explicit(p) | Location::Environment(p) => Glossary::open(p),
            Location::Default(p) => Glossary::open_or_create(p, Fill::Shipped),
        }
    }
}

/// The default glossary file in the user's data directory.
pub fn default_path() -> Result<PathBuf, String> {
    use etcetera::BaseStrategy;
    let strategy = etcetera::choose_base_strategy().map_err(|e| {
        format!("cannot find the user data directory ({e}); pass --glossary PATH or set {ENV_VAR}")
    })?;
    Ok(strategy.data_dir().join("mtpe").join("glossary.sqlite"))
}
