//! TSV and CSV tables read with the csv crate: quoted fields (which may hold separators
//! and line breaks), blank lines skipped, and a quote that is never closed refused.

use super::layout::{Kind, Layout};
use crate::glossary::import::{FormatError, ImportOptions, Output};

/// Reads a TSV (`delimiter` = tab) or CSV table.
pub(super) fn read(
    text: &str,
    delimiter: u8,
    options: &ImportOptions,
    out: &mut Output<'_>,
) -> Result<(), FormatError> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    // The reader's positions point before the blank lines it skips.
    let record_line = |r: &csv::StringRecord| {
        let Some(p) = r.position() else { return 0 };
        let mut line = p.line() as usize;
        for b in text.as_bytes().iter().skip(p.byte() as usize) {
            match b {
                b'\n' => line += 1,
                b'\r' => {}
                _ => break,
            }
        }
        line
    };
    let header = loop {
        match records.next() {
            None => return Err(FormatError::whole("the file is empty")),
            Some(Err(e)) => return Err(csv_error(&e)),
            Some(Ok(r)) if r.iter().all(|c| c.trim().is_empty()) => continue,
            Some(Ok(r)) => break r,
        }
    };
    let (layout, first_is_data) = Layout::new(
        &header,
        record_line(&header),
        Kind::Delimited,
        options,
        &mut out.report,
    )?;
    let mut last_start = header.position().cloned();
    let first = first_is_data.then(|| Ok(header.clone()));
    for result in first.into_iter().chain(records) {
        let record = result.map_err(|e| csv_error(&e))?;
        last_start = record.position().cloned();
        let line = record_line(&record);
        if let Some(entry) = layout.entry(&record, line, &mut out.report)?
            && out.entry(entry).is_break()
        {
            return Ok(());
        }
    }
    // The reader takes a quote that is never closed to run to the end of the file, which
    // would silently swallow every row after it.
    if let Some(start) = last_start
        && let Some(line) = unclosed_quote(text, delimiter, start.byte() as usize, start.line())
    {
        return Err(FormatError::at(
            line as usize,
            "a quoted field opens here and is never closed (a `\"` is missing); \
             quote a field's inner quotes by doubling them (`\"\"`)",
        ));
    }
    Ok(())
}

/// The line of a quoted field that opens in the record at byte `start` (on line `line`)
/// and runs to the end of `text`, if there is one: read as the csv reader reads it (a quote
/// opens a quoted field only at the start of a field; `""` inside is a quote).
fn unclosed_quote(text: &str, delimiter: u8, start: usize, line: u64) -> Option<u64> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        FieldStart,
        Unquoted,
        Quoted,
        QuoteInQuoted,
    }
    let mut state = State::FieldStart;
    let mut line = line;
    let mut opened_on = line;
    for &b in text.as_bytes().get(start..)? {
        state = match (state, b) {
            (State::Quoted, b'"') => State::QuoteInQuoted,
            (State::Quoted, _) => State::Quoted,
            (State::QuoteInQuoted, b'"') => State::Quoted,
            (State::FieldStart, b'"') => {
                opened_on = line;
                State::Quoted
            }
            (_, b'\n' | b'\r') => State::FieldStart,
            (_, b) if b == delimiter => State::FieldStart,
            _ => State::Unquoted,
        };
        if b == b'\n' {
            line += 1;
        }
    }
    (state == State::Quoted).then_some(opened_on)
}

fn csv_error(e: &csv::Error) -> FormatError {
    let line = e.position().map_or(0, |p| p.line() as usize);
    let message = match e.kind() {
        csv::ErrorKind::Utf8 { .. } => "not UTF-8".to_string(),
        _ => e.to_string(),
    };
    FormatError {
        line: (line > 0).then_some(line),
        column: None,
        message,
    }
}
