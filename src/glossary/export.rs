//! Writing a glossary out: mtpe's TSV/CSV columns, or TBX v3 TBX-Basic. An export read
//! back into an empty glossary exports to the same bytes.

use std::path::Path;

use super::Entry;
pub use super::import::Format;
use crate::fsutil::{self, Permissions, WriteError};

/// Writes `entries` in `format`.
pub fn write(
    entries: &[Entry],
    format: Format,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    match format {
        Format::Tsv => super::table::write(entries, b'\t', out),
        Format::Csv => super::table::write(entries, b',', out),
        Format::Tbx => super::tbx::write(entries, out),
    }
}

/// Writes `entries` in `format` to the file `path` atomically ([`fsutil`]): a failure leaves
/// no half-written file. An existing file keeps its permissions; a new one is readable by
/// its owner only (a glossary may be a client's).
pub fn write_file(entries: &[Entry], format: Format, path: &Path) -> Result<(), WriteError> {
    let permissions = Permissions::Keep {
        like: None,
        new_mode: 0o600,
    };
    fsutil::write_file_with(path, permissions, |out| write(entries, format, out))
}
