//! Spreadsheet glossaries (XLSX, XLSM, XLSB, XLS, ODS, read with calamine): the first
//! sheet, or the one `--sheet` names, under the same header rules and `--columns`
//! mapping as a CSV file. An XLSX sheet is streamed cell by cell, so that its rows reach
//! the store as they are read; the other formats are read a sheet at a time. Errors name
//! the sheet and the row.

use std::io::Cursor;

use calamine::{Data, DataRef, Reader, Sheets, Xlsx, open_workbook_auto_from_rs};

use super::layout::{Kind, Layout};
use crate::glossary::import::{FormatError, ImportOptions, Output};

/// Reads the chosen sheet of a workbook.
pub(crate) fn read(
    bytes: &[u8],
    options: &ImportOptions,
    out: &mut Output<'_>,
) -> Result<(), FormatError> {
    let unreadable = |e: &dyn std::fmt::Display| {
        FormatError::whole(format!(
            "not a spreadsheet mtpe can read (XLSX, XLS, ODS): {e}"
        ))
    };
    if is_xlsx(bytes) {
        let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| unreadable(&e))?;
        let sheet = pick_sheet(&book.sheet_names(), options, out)?;
        let mut cells = book
            .worksheet_cells_reader(&sheet)
            .map_err(|e| unreadable(&e))?;
        let mut rows = Rows::new(&sheet);
        let mut current: Option<u32> = None;
        let mut row: Vec<String> = Vec::new();
        loop {
            let cell = cells
                .next_cell()
                .map_err(|e| FormatError::whole(format!("sheet \u{201c}{sheet}\u{201d}: {e}")))?;
            let Some(cell) = cell else { break };
            let (r, c) = cell.get_position();
            if current != Some(r) {
                if let Some(done) = current
                    && rows.row(done + 1, &row, options, out)?.is_break()
                {
                    return Ok(());
                }
                current = Some(r);
                row.clear();
            }
            let c = c as usize;
            if row.len() <= c {
                row.resize(c + 1, String::new());
            }
            row[c] = text_ref(cell.get_value());
        }
        if let Some(done) = current
            && rows.row(done + 1, &row, options, out)?.is_break()
        {
            return Ok(());
        }
        return rows.finish();
    }
    let mut book: Sheets<_> =
        open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| unreadable(&e))?;
    let sheet = pick_sheet(&book.sheet_names(), options, out)?;
    let range = book
        .worksheet_range(&sheet)
        .map_err(|e| FormatError::whole(format!("sheet \u{201c}{sheet}\u{201d}: {e}")))?;
    let first_row = range.start().map_or(0, |(r, _)| r);
    let first_col = range.start().map_or(0, |(_, c)| c) as usize;
    let mut rows = Rows::new(&sheet);
    let mut row = Vec::new();
    for (i, cells) in range.rows().enumerate() {
        row.clear();
        row.resize(first_col, String::new());
        row.extend(cells.iter().map(text));
        if rows
            .row(first_row + i as u32 + 1, &row, options, out)?
            .is_break()
        {
            return Ok(());
        }
    }
    rows.finish()
}

/// An XLSX (or XLSM) file rather than an ODS, which is a ZIP file too.
fn is_xlsx(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
        && memchr::memmem::find(&bytes[..bytes.len().min(4096)], b"xl/").is_some()
}

/// The sheet to read: `--sheet` (any case), else the first; the choice is said when the
/// workbook has several.
fn pick_sheet(
    names: &[String],
    options: &ImportOptions,
    out: &mut Output<'_>,
) -> Result<String, FormatError> {
    let listed = || {
        names
            .iter()
            .map(|n| format!("\u{201c}{n}\u{201d}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let chosen = match &options.sheet {
        Some(want) => names
            .iter()
            .find(|n| *n == want)
            .or_else(|| names.iter().find(|n| n.eq_ignore_ascii_case(want)))
            .ok_or_else(|| {
                FormatError::whole(format!(
                    "no sheet named \u{201c}{want}\u{201d}; the workbook has {}",
                    listed()
                ))
            })?,
        None => names
            .first()
            .ok_or_else(|| FormatError::whole("the workbook has no sheets"))?,
    };
    if names.len() > 1 && options.sheet.is_none() {
        out.report.remarks.push(format!(
            "read the first sheet, \u{201c}{chosen}\u{201d}, of {}; choose another with --sheet",
            listed()
        ));
    }
    out.report.sheet = Some(chosen.clone());
    Ok(chosen.clone())
}

/// The rows of a sheet, into entries: the layout from the first non-blank row.
struct Rows {
    sheet: String,
    layout: Option<Layout>,
}

impl Rows {
    fn new(sheet: &str) -> Self {
        Rows {
            sheet: sheet.to_string(),
            layout: None,
        }
    }

    /// Row `number` (1-based).
    fn row(
        &mut self,
        number: u32,
        cells: &[String],
        options: &ImportOptions,
        out: &mut Output<'_>,
    ) -> Result<std::ops::ControlFlow<()>, FormatError> {
        let at = number as usize;
        let in_sheet = |e: FormatError| FormatError {
            line: None,
            column: None,
            message: format!(
                "sheet \u{201c}{}\u{201d}, row {}: {}",
                self.sheet,
                e.line.unwrap_or(at),
                e.message
            ),
        };
        let layout = match &self.layout {
            Some(l) => l,
            None => {
                if cells.iter().all(|c| c.trim().is_empty()) {
                    return Ok(std::ops::ControlFlow::Continue(()));
                }
                let (layout, first_is_data) =
                    Layout::new(cells, at, Kind::Sheet, options, &mut out.report)
                        .map_err(in_sheet)?;
                let layout = self.layout.insert(layout);
                if !first_is_data {
                    return Ok(std::ops::ControlFlow::Continue(()));
                }
                &*layout
            }
        };
        match layout.entry(cells, at, &mut out.report).map_err(in_sheet)? {
            Some(entry) => Ok(out.entry(entry)),
            None => Ok(std::ops::ControlFlow::Continue(())),
        }
    }

    fn finish(self) -> Result<(), FormatError> {
        match self.layout {
            Some(_) => Ok(()),
            None => Err(FormatError::whole(format!(
                "sheet \u{201c}{}\u{201d} is empty",
                self.sheet
            ))),
        }
    }
}

/// A number as a person wrote it: `12`, not `12.0`.
fn number(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        f.to_string()
    }
}

/// A cell's text (an error value, `#N/A`, reads as empty).
fn text_ref(cell: &DataRef<'_>) -> String {
    match cell {
        DataRef::Empty | DataRef::Error(_) => String::new(),
        DataRef::String(s) => s.clone(),
        DataRef::SharedString(s) => (*s).to_string(),
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) => number(*f),
        DataRef::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        DataRef::DateTime(d) => d.to_string(),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
    }
}

fn text(cell: &Data) -> String {
    match cell {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number(*f),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(d) => d.to_string(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
    }
}
