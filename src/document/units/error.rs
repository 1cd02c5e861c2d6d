//! Errors of reading and saving bilingual files: each names the file and the place (line and
//! column, 1-based, the column in characters), so the command line can print it as is.

use crate::document::LoadError;

/// What is wrong with a bilingual file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// Not well-formed XML, or not the structure its format requires.
    Malformed,
    /// A unit (XLIFF `trans-unit`/`segment`, TMX `tu`, PO entry) without its source text.
    MissingSource,
    /// Two units with the same id.
    DuplicateId,
    /// A PO string whose closing quote never comes.
    UnclosedString,
    /// A TMX unit without a variant in the chosen target (or source) language.
    MissingLanguage,
    /// A source and its MT split into different numbers of segments.
    SegmentCount,
    /// Bytes that are not text in the file's declared encoding, or an unknown encoding.
    Encoding,
    /// A TSV/CSV header that names no source or no target column.
    Header,
    /// A file in none of the bilingual formats (or not in the one asked for).
    UnknownFormat,
}

/// A bilingual file that cannot be read, and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}:{line}:{column}: {message}")]
pub struct FormatError {
    pub path: String,
    /// 1-based line of the place.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// Byte offset of the place in the file.
    pub offset: usize,
    pub kind: ErrorKind,
    pub message: String,
}

/// Why a bilingual file could not be opened: it could not be read at all, or it is not
/// valid in its format.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error(transparent)]
    Format(#[from] FormatError),
}

impl OpenError {
    /// The format error, when the file was read but is not valid.
    pub fn format_error(&self) -> Option<&FormatError> {
        match self {
            OpenError::Format(e) => Some(e),
            OpenError::Load(_) => None,
        }
    }
}

/// Why edited targets cannot be written back. Nothing is written when this happens.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SaveError {
    #[error(
        "{path}: unit {unit} is locked (translate=\"no\" or locked by the tool); its target cannot be changed"
    )]
    Locked { path: String, unit: String },
    #[error("{path}: there is no unit number {index} (the file has {count})")]
    NoSuchUnit {
        path: String,
        index: usize,
        count: usize,
    },
    #[error("{path}: unit {unit} is edited twice in one save")]
    EditedTwice { path: String, unit: String },
    #[error(
        "{path}: unit {unit}: the target holds an inline code that is not one of this unit's (U+{code:04X} at byte {at}); copy codes only within a unit"
    )]
    UnknownCode {
        path: String,
        unit: String,
        code: u32,
        at: usize,
    },
    #[error("{path}: unit {unit}: {why}")]
    Unrepresentable {
        path: String,
        unit: String,
        why: String,
    },
}
