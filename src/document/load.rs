//! Reading a document's bytes from a file or standard input, and refusing what is not UTF-8 text.

use std::io::Read;
use std::path::{Path, PathBuf};

/// Why a file could not be loaded as a text document. Every message names the file.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{path}: no such file")]
    NotFound { path: String },
    #[error("{path}: is a directory, not a text file")]
    IsDirectory { path: String },
    #[error("{path}: cannot read: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: looks like a binary file (NUL byte at byte offset {offset}, line {line})")]
    Binary {
        path: String,
        offset: usize,
        line: usize,
    },
    #[error(
        "{path}: not valid UTF-8 (invalid byte 0x{byte:02X} at byte offset {offset}, line {line}); convert the file to UTF-8, e.g. with iconv"
    )]
    InvalidUtf8 {
        path: String,
        offset: usize,
        line: usize,
        byte: u8,
    },
    #[error(
        "{path}: is UTF-16 ({which} byte order mark); convert it to UTF-8, e.g. `iconv -f UTF-16 -t UTF-8`"
    )]
    Utf16 { path: String, which: &'static str },
}

impl LoadError {
    /// The path or name the error is about.
    pub fn path(&self) -> &str {
        match self {
            LoadError::NotFound { path }
            | LoadError::IsDirectory { path }
            | LoadError::Io { path, .. }
            | LoadError::Binary { path, .. }
            | LoadError::InvalidUtf8 { path, .. }
            | LoadError::Utf16 { path, .. } => path,
        }
    }
}

/// Where a document came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    File(PathBuf),
    Stdin,
    /// Text given directly (tests, an editor buffer); the string is its display name.
    Memory(String),
}

impl Origin {
    /// The name shown to the user: the path as given, `<stdin>`, or the memory name.
    pub fn display_name(&self) -> String {
        match self {
            Origin::File(p) => p.display().to_string(),
            Origin::Stdin => "<stdin>".to_string(),
            Origin::Memory(name) => name.clone(),
        }
    }

    pub fn path(&self) -> Option<&Path> {
        match self {
            Origin::File(p) => Some(p),
            _ => None,
        }
    }
}

/// Reads `path` (or standard input for `-`) and validates it as UTF-8 text.
pub fn read_text(path: &Path) -> Result<(Origin, String), LoadError> {
    if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .lock()
            .read_to_end(&mut bytes)
            .map_err(|source| LoadError::Io {
                path: "<stdin>".into(),
                source,
            })?;
        let text = validate_text("<stdin>", bytes)?;
        return Ok((Origin::Stdin, text));
    }
    let name = path.display().to_string();
    match std::fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(LoadError::NotFound { path: name });
        }
        Err(source) => return Err(LoadError::Io { path: name, source }),
        Ok(meta) if meta.is_dir() => return Err(LoadError::IsDirectory { path: name }),
        Ok(_) => {}
    }
    let bytes = std::fs::read(path).map_err(|source| LoadError::Io {
        path: name.clone(),
        source,
    })?;
    let text = validate_text(&name, bytes)?;
    Ok((Origin::File(path.to_path_buf()), text))
}

/// Checks that `bytes` are UTF-8 text without NUL bytes; `name` is used in messages.
pub fn validate_text(name: &str, bytes: Vec<u8>) -> Result<String, LoadError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        let which = if bytes[0] == 0xFF {
            "little-endian"
        } else {
            "big-endian"
        };
        return Err(LoadError::Utf16 {
            path: name.to_string(),
            which,
        });
    }
    if let Some(offset) = memchr::memchr(0, &bytes) {
        return Err(LoadError::Binary {
            path: name.to_string(),
            offset,
            line: line_number_at(&bytes, offset),
        });
    }
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        LoadError::InvalidUtf8 {
            path: name.to_string(),
            offset,
            line: line_number_at(bytes, offset),
            byte: bytes[offset],
        }
    })
}

/// 1-based line number of byte `offset`.
pub fn line_number_at(bytes: &[u8], offset: usize) -> usize {
    memchr::memchr_iter(b'\n', &bytes[..offset.min(bytes.len())]).count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_nul_bytes_with_offset() {
        let err = validate_text("a.bin", b"ab\ncd\0ef".to_vec()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "a.bin: looks like a binary file (NUL byte at byte offset 5, line 2)"
        );
    }

    #[test]
    fn refuses_invalid_utf8_with_offset() {
        let err = validate_text("l1.txt", b"caf\xe9\n".to_vec()).unwrap_err();
        let msg = err.to_string();
        assert!(
            msg.starts_with("l1.txt: not valid UTF-8 (invalid byte 0xE9 at byte offset 3, line 1)"),
            "{msg}"
        );
    }

    #[test]
    fn refuses_utf16() {
        let err = validate_text("u.txt", vec![0xFF, 0xFE, b'a', 0]).unwrap_err();
        assert!(matches!(err, LoadError::Utf16 { .. }));
    }

    #[test]
    fn accepts_empty_and_bom() {
        assert_eq!(validate_text("e", vec![]).unwrap(), "");
        assert_eq!(
            validate_text("b", b"\xEF\xBB\xBFhi".to_vec()).unwrap(),
            "\u{feff}hi"
        );
    }

    #[test]
    fn missing_file_and_directory() {
        let err = read_text(Path::new("/nonexistent/x.txt")).unwrap_err();
        assert_eq!(err.to_string(), "/nonexistent/x.txt: no such file");
        let dir = std::env::temp_dir();
        let err = read_text(&dir).unwrap_err();
        assert!(matches!(err, LoadError::IsDirectory { .. }));
    }
}
