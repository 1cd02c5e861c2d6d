//! The configuration of a run: `mtpe.toml` found by walking up from each checked file
//! (else `$XDG_CONFIG_HOME/mtpe/config.toml`), or a file given with `--config`; read
//! into the plain [`CheckOptions`] the checks honour, the default target language and the
//! glossary path, each value remembering where it came from (`mtpe config show`).
//!
//! Layers, later ones winning: built-in defaults, the user's file, the project's file
//! (or `--config`). Scalars and `select`/`ignore` replace; `[checks.*]` settings merge by
//! key; `allow` and `[[rules]]` add up (a rule with the same id replaces the earlier one).
//! A bad file is refused with its path, line and column.

mod file;

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::check::CheckOptions;

pub use file::ConfigError;

/// The file name looked for in each checked file's folder and its parents.
pub const PROJECT_FILE: &str = "mtpe.toml";

/// Where a setting came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// mtpe's own default.
    Default,
    /// A configuration file, at a line.
    File { path: PathBuf, line: usize },
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Default => f.write_str("default"),
            Origin::File { path, line } => write!(f, "{}:{line}", path.display()),
        }
    }
}

/// The effective configuration for a file.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// What the checks are asked.
    pub check: CheckOptions,
    /// The texts' language (BCP 47), if a file sets it.
    pub target_lang: Option<String>,
    /// The glossary to check against, if a file names one (relative paths resolved
    /// against the file's folder).
    pub glossary: Option<PathBuf>,
    /// The files read, lowest layer first.
    pub files: Vec<PathBuf>,
    /// Where each set value came from, by key (`target-lang`, `checks."ID".severity`,
    /// `rules."ID"`, …); keys not here have their default.
    pub origins: BTreeMap<String, Origin>,
}

impl Config {
    /// Where the value of `key` came from.
    pub fn origin(&self, key: &str) -> Origin {
        self.origins.get(key).cloned().unwrap_or(Origin::Default)
    }
}

/// Which files to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Discovery {
    /// The user's file, then the nearest `mtpe.toml` above each checked file.
    Auto,
    /// The user's file, then this file instead of any `mtpe.toml` (`--config PATH`).
    Explicit(PathBuf),
    /// No file at all (`--no-config`).
    None,
}

/// Finds and reads configuration files, each once, for the files of a run.
pub struct Loader {
    discovery: Discovery,
    user: Option<PathBuf>,
    /// The project file that applies in a folder (`None`: none), by folder.
    nearest: Mutex<HashMap<PathBuf, Option<PathBuf>>>,
    /// The effective configuration by project file.
    loaded: Mutex<HashMap<Option<PathBuf>, Arc<Config>>>,
}

impl Loader {
    /// A loader reading the user's file from `$XDG_CONFIG_HOME/mtpe/config.toml` (or
    /// `~/.config/mtpe/config.toml`).
    pub fn new(discovery: Discovery) -> Self {
        let user = user_config_path().filter(|p| p.is_file());
        Loader::with_user_file(discovery, user)
    }

    /// A loader with the user's file given (tests).
    pub fn with_user_file(discovery: Discovery, user: Option<PathBuf>) -> Self {
        Loader {
            discovery,
            user,
            nearest: Mutex::new(HashMap::new()),
            loaded: Mutex::new(HashMap::new()),
        }
    }

    /// The configuration for the file at `path` (a file to check, or a folder: then its
    /// own `mtpe.toml` counts); `None` for standard input (the working folder's).
    pub fn for_path(&self, path: Option<&Path>) -> Result<Arc<Config>, ConfigError> {
        let project = match &self.discovery {
            Discovery::None => return Ok(Arc::new(Config::default())),
            Discovery::Explicit(p) => Some(p.clone()),
            Discovery::Auto => {
                let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
                let start = match path {
                    Some(p) if p.is_dir() => cwd.join(p),
                    Some(p) => cwd.join(p).parent().map_or(cwd.clone(), Path::to_path_buf),
                    None => cwd,
                };
                self.nearest_project_file(&start)
            }
        };
        if let Some(found) = lock(&self.loaded).get(&project) {
            return Ok(Arc::clone(found));
        }
        let mut config = Config::default();
        if let Some(user) = &self.user {
            file::read_into(user, &mut config)?;
        }
        if let Some(project) = &project {
            file::read_into(project, &mut config)?;
        }
        let config = Arc::new(config);
        lock(&self.loaded).insert(project, Arc::clone(&config));
        Ok(config)
    }

    /// The nearest `mtpe.toml` in `dir` or above it.
    fn nearest_project_file(&self, dir: &Path) -> Option<PathBuf> {
        let mut visited = Vec::new();
        let mut here = Some(dir);
        let mut found = None;
        while let Some(d) = here {
            if let Some(known) = lock(&self.nearest).get(d) {
                found = known.clone();
                break;
            }
            visited.push(d.to_path_buf());
            let candidate = d.join(PROJECT_FILE);
            if candidate.is_file() {
                found = Some(candidate);
                break;
            }
            here = d.parent();
        }
        let mut nearest = lock(&self.nearest);
        for d in visited {
            nearest.insert(d, found.clone());
        }
        found
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    match m.lock() {
        Ok(g) => g,
        Err(poisoned) => poisoned.into_inner(),
    }
}

/// `$XDG_CONFIG_HOME/mtpe/config.toml`, else `~/.config/mtpe/config.toml`.
pub fn user_config_path() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))?;
    Some(base.join("mtpe").join("config.toml"))
}

#[cfg(test)]
mod tests;
