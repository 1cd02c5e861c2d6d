//! Where the user's dictionary lives, by the glossary's rules: `--dictionary PATH`, else
//! `MTPE_DICTIONARY`, else `dictionary.sqlite` in mtpe's data folder, beside the default
//! glossary.

use std::path::{Path, PathBuf};

/// Environment variable naming the dictionary file.
pub const ENV_VAR: &str = "MTPE_DICTIONARY";

/// The dictionary file: `explicit`, else `MTPE_DICTIONARY`, else the default one.
pub fn resolve(explicit: Option<&Path>) -> Result<PathBuf, String> {
    if let Some(p) = explicit {
        return Ok(p.to_path_buf());
    }
    if let Some(p) = std::env::var_os(ENV_VAR).filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    default_path()
}

/// The default dictionary file in the user's data folder.
pub fn default_path() -> Result<PathBuf, String> {
    let dir = crate::places::data_dir().ok_or_else(|| {
        format!(
            "cannot find the user data directory (no home folder); pass --dictionary PATH or set {ENV_VAR}"
        )
    })?;
    Ok(dir.join(crate::places::DICTIONARY_FILE))
}
