//! Writing a glossary out: mtpe's TSV/CSV columns, or TBX v3 TBX-Basic. An export read
//! back into an empty glossary exports to the same bytes.

use super::Entry;
pub use super::import::Format;

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
