//! `--config PATH` and `--no-config`, shared by the commands that check texts (`check`,
//! `edit`, `config show`): which configuration files to read.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use clap::Args;

use super::Error;
use crate::config::{Config, ConfigError, Discovery, Loader};

/// The configuration options of a command.
#[derive(Debug, Args)]
pub struct ConfigOption {
    /// Read this configuration file instead of the nearest mtpe.toml (the user's
    /// $XDG_CONFIG_HOME/mtpe/config.toml is still read first).
    #[arg(long, value_name = "PATH", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Read no configuration file: every check with its shipped settings.
    #[arg(long)]
    pub no_config: bool,
}

impl ConfigOption {
    /// The loader of the configuration files these options choose.
    pub fn loader(&self) -> Result<Loader, Error> {
        let discovery = if self.no_config {
            Discovery::None
        } else if let Some(path) = &self.config {
            if !path.is_file() {
                return Err(Error::Input(format!(
                    "{}: no such configuration file",
                    path.display()
                )));
            }
            Discovery::Explicit(path.clone())
        } else {
            Discovery::Auto
        };
        Ok(Loader::new(discovery))
    }

    /// The configuration for one file (or, with `None`, for the working folder).
    pub fn for_path(&self, path: Option<&Path>) -> Result<Arc<Config>, Error> {
        self.loader()?.for_path(path).map_err(Error::from)
    }
}

impl From<ConfigError> for Error {
    fn from(e: ConfigError) -> Self {
        Error::Input(e.to_string())
    }
}
