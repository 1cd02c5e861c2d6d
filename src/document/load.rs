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
    #[error(
        "{path}: is larger than mtpe reads ({size}); split it into smaller files, or raise the limit with --max-input SIZE or {LIMIT_VARIABLE} (README: Sizes and limits)",
        size = match size {
            Some(size) => format!("{} > {}", format_size(*size), format_size(*limit)),
            None => format!("over {}", format_size(*limit)),
        }
    )]
    TooLarge {
        path: String,
        /// The file's size; `None` for standard input, read only up to the limit.
        size: Option<u64>,
        limit: u64,
    },
    #[error(
        "{LIMIT_VARIABLE}={value:?}: not a size; give bytes, or a number with K, M or G (e.g. 512M)"
    )]
    BadLimit { value: String },
}

/// The environment variable that sets the largest text mtpe reads.
pub const LIMIT_VARIABLE: &str = "MTPE_MAX_INPUT";

/// The largest text (article, corrected version, patch) mtpe reads unless
/// `--max-input` or [`LIMIT_VARIABLE`] says otherwise: 256 MiB, whose check takes about
/// 1.6 GB of memory with a glossary.
pub const DEFAULT_MAX_INPUT: u64 = 256 << 20;

/// The limit the front end was given (`--max-input`), for this process.
static GIVEN_MAX_INPUT: std::sync::OnceLock<u64> = std::sync::OnceLock::new();

/// Sets the largest text this process reads (the command line's `--max-input`); it wins
/// over [`LIMIT_VARIABLE`]. Only the first call counts.
pub fn set_max_input(bytes: u64) {
    let _ = GIVEN_MAX_INPUT.set(bytes);
}

/// The largest text mtpe reads: the one given to [`set_max_input`], else
/// [`LIMIT_VARIABLE`] (bytes, or with a K, M or G suffix, binary), else
/// [`DEFAULT_MAX_INPUT`].
pub fn max_input() -> Result<u64, LoadError> {
    if let Some(&bytes) = GIVEN_MAX_INPUT.get() {
        return Ok(bytes);
    }
    match std::env::var(LIMIT_VARIABLE) {
        Ok(value) => parse_size(&value).ok_or(LoadError::BadLimit { value }),
        Err(_) => Ok(DEFAULT_MAX_INPUT),
    }
}

/// A size in bytes: digits, optionally followed by K, M or G (binary: 1K = 1,024 bytes).
pub fn parse_size(value: &str) -> Option<u64> {
    let value = value.trim();
    let (digits, shift) = match value.char_indices().last()? {
        (i, 'k' | 'K') => (&value[..i], 10),
        (i, 'm' | 'M') => (&value[..i], 20),
        (i, 'g' | 'G') => (&value[..i], 30),
        _ => (value, 0),
    };
    digits.trim().parse::<u64>().ok()?.checked_mul(1 << shift)
}

/// A size as people read it: "300 bytes", "1.5 MiB", "1.0 GiB" (binary units).
pub fn format_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if bytes < 1024 {
        return format!("{bytes} bytes");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
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
            | LoadError::Utf16 { path, .. }
            | LoadError::TooLarge { path, .. } => path,
            LoadError::BadLimit { .. } => LIMIT_VARIABLE,
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
/// Larger texts are refused ([`max_input`]) before they are read.
pub fn read_text(path: &Path) -> Result<(Origin, String), LoadError> {
    let (origin, bytes) = read_bytes(path)?;
    let text = validate_text(&origin.display_name(), bytes)?;
    Ok((origin, text))
}

/// The bytes of `path` (or standard input for `-`), refused if larger than [`max_input`]:
/// a file by its size before it is read, standard input once the limit is passed.
pub fn read_bytes(path: &Path) -> Result<(Origin, Vec<u8>), LoadError> {
    let limit = max_input()?;
    let too_large = |path: String, size: Option<u64>| LoadError::TooLarge { path, size, limit };
    if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .lock()
            .take(limit.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(|source| LoadError::Io {
                path: "<stdin>".into(),
                source,
            })?;
        if bytes.len() as u64 > limit {
            return Err(too_large("<stdin>".into(), None));
        }
        return Ok((Origin::Stdin, bytes));
    }
    let name = path.display().to_string();
    let size = match std::fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(LoadError::NotFound { path: name });
        }
        Err(source) => return Err(LoadError::Io { path: name, source }),
        Ok(meta) if meta.is_dir() => return Err(LoadError::IsDirectory { path: name }),
        Ok(meta) if meta.len() > limit => return Err(too_large(name, Some(meta.len()))),
        Ok(meta) => meta.len(),
    };
    // Read no more than the limit even if the file grows meanwhile (or is a device).
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0).saturating_add(1));
    std::fs::File::open(path)
        .and_then(|f| f.take(limit.saturating_add(1)).read_to_end(&mut bytes))
        .map_err(|source| LoadError::Io {
            path: name.clone(),
            source,
        })?;
    if bytes.len() as u64 > limit {
        return Err(too_large(name, None));
    }
    Ok((Origin::File(path.to_path_buf()), bytes))
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
    fn sizes_and_limit_messages() {
        assert_eq!(parse_size("1000"), Some(1000));
        assert_eq!(parse_size(" 512M "), Some(512 << 20));
        assert_eq!(parse_size("2g"), Some(2 << 30));
        assert_eq!(parse_size("4 K"), Some(4096));
        assert_eq!(parse_size("lots"), None);
        assert_eq!(parse_size(""), None);
        assert_eq!(parse_size("99999999999G"), None);
        let err = LoadError::TooLarge {
            path: "big.txt".into(),
            size: Some(1 << 30),
            limit: DEFAULT_MAX_INPUT,
        };
        assert_eq!(
            err.to_string(),
            "big.txt: is larger than mtpe reads (1.0 GiB > 256.0 MiB); split it into smaller \
             files, or raise the limit with --max-input SIZE or MTPE_MAX_INPUT (README: Sizes \
             and limits)"
        );
        assert_eq!(format_size(300), "300 bytes");
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
