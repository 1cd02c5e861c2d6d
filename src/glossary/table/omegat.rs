//! OmegaT's glossaries, read as OmegaT reads them: no header row; one entry a line,
//! `source<TAB>target<TAB>comment` with the comment optional; lines starting with `#`
//! are comments (OmegaT starts a new glossary with `# Glossary in tab-separated format
//! -*- coding: utf-8 -*-`); fields are trimmed and never quoted (a `"` is part of the
//! term); columns after the third are ignored, and so are lines without a source term.
//! The files (`.txt`, `.tab`, `.utf8`) are UTF-8 or UTF-16 with a byte-order mark, which
//! [`decode_table`](crate::glossary::import) handles. Languages come from `--source-lang`
//! and `--target-lang` (an OmegaT glossary belongs to a project, which names them).

use super::columns::{Column, column_of};
use super::layout::{Kind, Layout};
use crate::glossary::import::{FormatError, ImportOptions, Output};

/// Whether a tab-separated text is an OmegaT glossary rather than a table with a header:
/// it starts with a `#` comment, or its first line has two or three fields none of which
/// names a column of terms (a comment may well be the word "note").
pub(super) fn looks_like(text: &str) -> bool {
    let Some(first) = text
        .trim_start_matches('\u{feff}')
        .lines()
        .find(|l| !l.trim().is_empty())
    else {
        return false;
    };
    if first.starts_with('#') {
        return true;
    }
    let fields: Vec<&str> = first.split('\t').collect();
    (2..=3).contains(&fields.len())
        && !fields.iter().any(|f| {
            matches!(
                column_of(f),
                Some(Column::Source | Column::Preferred | Column::Language(_))
            )
        })
}

/// Reads an OmegaT glossary.
pub(super) fn read(
    text: &str,
    options: &ImportOptions,
    out: &mut Output<'_>,
) -> Result<(), FormatError> {
    let text = text.trim_start_matches('\u{feff}');
    let mut layout: Option<Layout> = None;
    let mut wide = (0usize, 0usize);
    let mut no_source = 0u64;
    let mapped = options.columns.is_some();
    for (n, line_text) in text.lines().enumerate() {
        let line = n + 1;
        if line_text.starts_with('#') || line_text.trim().is_empty() {
            continue;
        }
        let cells: Vec<&str> = line_text.split('\t').collect();
        let layout = match &mut layout {
            Some(l) => &*l,
            None => {
                let (l, _) = Layout::new(&cells[..], line, Kind::OmegaT, options, &mut out.report)?;
                &*layout.insert(l)
            }
        };
        if !mapped {
            if cells.len() > 3 {
                if wide.0 == 0 {
                    wide.1 = line;
                }
                wide.0 += 1;
            }
            // OmegaT skips a line without a source term.
            if cells[0].trim().is_empty() && cells.get(1).is_some_and(|t| !t.trim().is_empty()) {
                no_source += 1;
                out.report.skipped += 1;
                continue;
            }
        }
        if let Some(entry) = layout.entry(&cells[..], line, &mut out.report)?
            && out.entry(entry).is_break()
        {
            return Ok(());
        }
    }
    if layout.is_none() {
        return Err(FormatError::whole("the file holds no entries"));
    }
    if wide.0 > 0 {
        out.report.remarks.push(format!(
            "{} line(s) have more than three columns (the first: line {}); the columns after the comment are ignored, as OmegaT ignores them",
            wide.0, wide.1
        ));
    }
    if no_source > 0 {
        out.report.remarks.push(format!(
            "{no_source} line(s) without a source term skipped, as OmegaT skips them"
        ));
    }
    Ok(())
}
