//! Tables of terms: TSV and CSV files, OmegaT's glossaries and spreadsheets (XLSX, XLS,
//! ODS), read row by row by one set of rules ([`layout`]), and mtpe's own TSV/CSV form
//! written by `export`:
//!
//! - mtpe's own form: `source_lang, target_lang, source, preferred, admitted, deprecated,
//!   note, domain`, several terms in a cell separated by `|`, a deprecated term's reason
//!   after ` # `, and `=` / `~` before a term whose case sensitivity differs from the
//!   default (`=` case-sensitive, `~` not);
//! - the plain two-column form of DeepL and Google glossaries (`source, target`, or the
//!   two language codes as headers), and multilingual files with one column per language
//!   (`en, es, fr`), from which `--source-lang` / `--target-lang` pick the pair;
//! - OmegaT's glossaries: no header, `source<TAB>target<TAB>comment` ([`omegat`]);
//! - any other columns, mapped by the user (`--columns source=term,target=ES`).
//!
//! In TSV and CSV files, fields may be quoted (`"…"`, doubled quotes inside) and then hold
//! separators and line breaks.

mod columns;
mod delimited;
mod layout;
mod omegat;
mod spreadsheet;
#[cfg(test)]
mod tests;

pub use columns::ColumnMap;
pub(crate) use spreadsheet::read as read_spreadsheet;

use super::import::{FormatError, ImportOptions, Output};
use super::model::{Term, one_line_in_place};
use crate::check::terminology::TermStatus;

/// The columns mtpe writes, in order.
pub const EXPORT_HEADER: [&str; 8] = [
    "source_lang",
    "target_lang",
    "source",
    "preferred",
    "admitted",
    "deprecated",
    "note",
    "domain",
];

/// Reads a TSV (`delimiter` = tab) or CSV glossary's text: an OmegaT glossary if it is
/// tab-separated and looks like one ([`omegat::looks_like`]), else a table with quoted
/// fields.
pub(crate) fn read_text(
    text: &str,
    delimiter: u8,
    options: &ImportOptions,
    out: &mut Output<'_>,
) -> Result<(), FormatError> {
    if delimiter == b'\t' && omegat::looks_like(text) {
        omegat::read(text, options, out)
    } else {
        delimited::read(text, delimiter, options, out)
    }
}

/// Reads an OmegaT glossary's text (see [`omegat`]).
pub(crate) fn read_omegat(
    text: &str,
    options: &ImportOptions,
    out: &mut Output<'_>,
) -> Result<(), FormatError> {
    omegat::read(text, options, out)
}

/// Splits a multi-term cell.
pub(crate) fn split_terms(cell: &str) -> impl Iterator<Item = &str> {
    cell.split('|').map(str::trim).filter(|s| !s.is_empty())
}

/// A term from a cell item (or a command-line value): `TEXT`, `TEXT # REASON` for a
/// deprecated term, with `=` (case-sensitive) or `~` (case-insensitive) in front to override
/// the default case sensitivity.
pub fn parse_term(item: &str, status: TermStatus) -> Term {
    let (item, case) = if let Some(rest) = item.strip_prefix('=') {
        (rest.trim_start(), Some(true))
    } else if let Some(rest) = item.strip_prefix('~') {
        (rest.trim_start(), Some(false))
    } else {
        (item, None)
    };
    // The reason's separator as the entry will be stored: a term is one line.
    let mut item = item.to_owned();
    one_line_in_place(&mut item);
    let (text, reason) = match item.split_once(" # ") {
        Some((t, r)) if status == TermStatus::Deprecated => (t.trim(), Some(r.trim().to_string())),
        _ => (item.as_str(), None),
    };
    let mut term = Term::new(text, status).with_reason(reason);
    if let Some(cs) = case {
        term.case_sensitive = cs;
    }
    term
}

/// Writes a term as a cell item (the inverse of [`parse_term`]).
pub fn format_term(term: &Term) -> String {
    let mut out = String::new();
    // A text starting with a marker keeps it only behind another one.
    if term.case_is_explicit() || term.text.starts_with(['=', '~']) {
        out.push(if term.case_sensitive { '=' } else { '~' });
    }
    out.push_str(&term.text);
    if let Some(r) = &term.reason {
        out.push_str(" # ");
        out.push_str(r);
    }
    out
}

/// The I/O error inside a csv error, so that its kind (a closed pipe) survives.
fn io_error(e: csv::Error) -> std::io::Error {
    let message = e.to_string();
    match e.into_kind() {
        csv::ErrorKind::Io(io) => io,
        _ => std::io::Error::other(message),
    }
}

/// Writes entries in mtpe's own TSV or CSV form.
pub fn write(
    entries: &[super::Entry],
    delimiter: u8,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let mut w = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(out);
    w.write_record(EXPORT_HEADER).map_err(io_error)?;
    for e in entries {
        let d = &e.data;
        let join = |status: TermStatus| {
            d.terms_with(status)
                .map(format_term)
                .collect::<Vec<_>>()
                .join(" | ")
        };
        w.write_record([
            d.source_lang.as_str(),
            d.target_lang.as_str(),
            &d.sources.join(" | "),
            &join(TermStatus::Preferred),
            &join(TermStatus::Admitted),
            &join(TermStatus::Deprecated),
            d.note.as_str(),
            d.domain.as_str(),
        ])
        .map_err(io_error)?;
    }
    w.flush()
}
