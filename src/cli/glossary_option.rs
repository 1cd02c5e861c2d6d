//! `--glossary PATH` and `--no-glossary`, shared by every command that checks a text
//! (`check`, `edit`, `diff`): which glossary to use, and what to say when there is none.

use std::path::{Path, PathBuf};

use clap::Args;

use super::Error;
use crate::glossary::Glossary;
use crate::glossary::location::Location;

/// The glossary options of a checking command.
#[derive(Debug, Args)]
pub struct GlossaryOption {
    /// Run the rule checks only, without the glossary.
    #[arg(long)]
    pub no_glossary: bool,
    /// Glossary file (default: $MTPE_GLOSSARY, else the user's default glossary, created
    /// with the shipped zh→en terms on first use). `--no-glossary` wins over it.
    #[arg(long, value_name = "PATH")]
    pub glossary: Option<PathBuf>,
}

/// An open glossary and where it was found.
pub struct Chosen {
    pub glossary: Glossary,
    location: Location,
}

impl Chosen {
    /// The glossary's file.
    pub fn path(&self) -> &Path {
        self.location.path()
    }

    /// A short name for screens and reports: the file name, or "default" for the user's
    /// default glossary.
    pub fn name(&self) -> String {
        match &self.location {
            Location::Default(_) => "default".to_string(),
            other => other.path().file_name().map_or_else(
                || other.path().display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            ),
        }
    }
}

impl GlossaryOption {
    /// The glossary to check against: none with `--no-glossary`; an explicit or
    /// `MTPE_GLOSSARY` path must exist (an error otherwise); the default one is created
    /// on first use, and if that fails the checks run without it, with a warning passed to
    /// `warn` (without the `mtpe: warning: ` prefix).
    pub fn open(&self, warn: impl FnMut(String)) -> Result<Option<Chosen>, Error> {
        self.open_or(None, warn)
    }

    /// [`GlossaryOption::open`], with `configured` (the configuration's glossary, a path
    /// that must exist) in place of the default when `--glossary` is not given.
    pub fn open_or(
        &self,
        configured: Option<&Path>,
        mut warn: impl FnMut(String),
    ) -> Result<Option<Chosen>, Error> {
        if self.no_glossary {
            return Ok(None);
        }
        let location = match Location::resolve(self.glossary.as_deref().or(configured)) {
            Ok(l) => l,
            Err(e) => {
                warn(format!("{e}; checking without a glossary"));
                return Ok(None);
            }
        };
        match location.open() {
            Ok(glossary) => Ok(Some(Chosen { glossary, location })),
            Err(e) if matches!(location, Location::Default(_)) => {
                warn(format!(
                    "{e}; checking without a glossary (--no-glossary silences this)"
                ));
                Ok(None)
            }
            Err(e) => Err(e.into()),
        }
    }
}
