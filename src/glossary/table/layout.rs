//! How a table's rows become entries, whatever the file (TSV, CSV, OmegaT, spreadsheet):
//! the first row read as a header (or not), the user's `--columns` mapping, which
//! columns give the source and target terms and in which languages, and the entry of
//! each row.

use super::columns::{Column, ColumnMap, ColumnRef, column_of, is_language_tag, listed};
use super::{parse_term, split_terms};
use crate::check::terminology::TermStatus;
use crate::glossary::import::{
    FormatError, ImportOptions, ParseReport, find_language, pick_languages,
};
use crate::glossary::model::{EntryData, Term, lang_matches};
use crate::glossary::{DEFAULT_SOURCE_LANG, DEFAULT_TARGET_LANG};

/// A row's cells, however the reader holds them.
pub(crate) trait Cells {
    fn count(&self) -> usize;
    fn cell(&self, i: usize) -> Option<&str>;

    fn is_blank(&self) -> bool {
        (0..self.count()).all(|i| self.cell(i).is_none_or(|c| c.trim().is_empty()))
    }
}

impl Cells for csv::StringRecord {
    fn count(&self) -> usize {
        self.len()
    }
    fn cell(&self, i: usize) -> Option<&str> {
        self.get(i)
    }
}

impl Cells for [&str] {
    fn count(&self) -> usize {
        self.len()
    }
    fn cell(&self, i: usize) -> Option<&str> {
        self.get(i).copied()
    }
}

impl Cells for [String] {
    fn count(&self) -> usize {
        self.len()
    }
    fn cell(&self, i: usize) -> Option<&str> {
        self.get(i).map(String::as_str)
    }
}

/// What kind of table a file is: how a first row that names no columns is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// TSV or CSV with quoted fields: without a header, the DeepL and Google forms (source,
    /// target; or source, target, source language, target language). A row longer than
    /// the header is refused (an unquoted separator shifts the columns).
    Delimited,
    /// OmegaT's glossary: never a header; source, target, comment.
    OmegaT,
    /// A spreadsheet's sheet: as [`Kind::Delimited`], but cells never shift.
    Sheet,
}

/// Which columns hold what, and the languages of the entries.
#[derive(Debug, Clone)]
pub(crate) struct Layout {
    columns: Vec<Column>,
    source_cols: Vec<usize>,
    /// The source columns are headed by a language: one term per cell, not `|`-separated.
    source_single: bool,
    target_col: usize,
    default_source: String,
    default_target: String,
    /// Rows whose own target language does not match this are skipped.
    target_filter: Option<String>,
    /// Refuse rows longer than the header (see [`Kind::Delimited`]).
    strict_width: bool,
    headerless: bool,
    /// A `forbidden` column holding TRUE/FALSE flags (MateCat): flagged rows are skipped.
    forbidden_flag: Option<usize>,
}

/// The columns of a first row, for messages, and how to map them.
fn columns_hint(header: &[&str]) -> String {
    let example = match header.len() {
        0 | 1 => "--columns source=1,target=2".to_string(),
        _ => format!(
            "--columns source={},target={}",
            name_or_number(header, 0),
            name_or_number(header, 1)
        ),
    };
    format!(
        "; the first row has {} column{}: {}; say which is which with --columns (names or numbers), e.g. {example}",
        header.len(),
        if header.len() == 1 { "" } else { "s" },
        listed(header),
    )
}

fn name_or_number(header: &[&str], i: usize) -> String {
    let h = header[i].trim();
    if h.is_empty() || h.contains([',', '=', ' ']) {
        (i + 1).to_string()
    } else {
        h.to_string()
    }
}

impl Layout {
    /// The layout a file's first non-blank row (`first`, on line or row `line`) gives, and
    /// whether that row is data rather than a header.
    pub fn new<C: Cells + ?Sized>(
        first: &C,
        line: usize,
        kind: Kind,
        options: &ImportOptions,
        report: &mut ParseReport,
    ) -> Result<(Layout, bool), FormatError> {
        let header: Vec<&str> = (0..first.count())
            .map(|i| first.cell(i).unwrap_or(""))
            .collect();
        if let Some(map) = &options.columns {
            return Self::mapped(map, &header, line, kind, options, report);
        }
        if kind == Kind::OmegaT {
            let columns = vec![Column::Source, Column::Preferred, Column::Note];
            report.remarks.push(
                "read as an OmegaT glossary: no header row; source, target and comment columns"
                    .into(),
            );
            return Ok((
                Self::from_columns(columns, kind, options, report, None),
                true,
            ));
        }
        let mut columns = Vec::with_capacity(header.len());
        let mut unknown = Vec::new();
        for cell in &header {
            match column_of(cell) {
                Some(c) => columns.push(c),
                None => {
                    unknown.push(cell.trim().to_string());
                    columns.push(Column::Ignored);
                }
            }
        }
        let known = columns.iter().filter(|c| **c != Column::Ignored).count();
        // DeepL's and Google's own files have no header: `source,target` rows, in DeepL's
        // export followed by the two language codes.
        let headerless = headerless_columns(&header);
        if let Some(c) = &headerless {
            columns.clone_from(c);
            unknown.clear();
            report.remarks.push(
                "no header row: read as source and target columns (the DeepL and Google form)"
                    .into(),
            );
        }
        let has = |c: &Column| columns.contains(c);
        let has_languages = columns.iter().any(|c| matches!(c, Column::Language(_)));
        if (known == 0 && headerless.is_none()) || (!has(&Column::Preferred) && !has_languages) {
            return Err(FormatError::at(
                line,
                format!(
                    "no header row naming the columns: expected `source` and `target` (or `preferred`), \
                     language codes such as `zh` and `en`, or mtpe's own columns (see README.md){}",
                    columns_hint(&header)
                ),
            ));
        }
        // MateCat's first column: TRUE marks a row of forbidden terms, not terms.
        let mut forbidden_flag = None;
        if has_languages && !has(&Column::Preferred) {
            for (i, h) in header.iter().enumerate() {
                if h.trim().eq_ignore_ascii_case("forbidden") {
                    columns[i] = Column::Ignored;
                    forbidden_flag = Some(i);
                }
            }
        }
        if !unknown.is_empty() {
            report
                .remarks
                .push(format!("ignored column(s): {}", unknown.join(", ")));
        }
        let mut layout = Self::from_columns(columns, kind, options, report, Some(&header))
            .with_hint(&header, line, options, report)?;
        layout.headerless = headerless.is_some();
        layout.forbidden_flag = forbidden_flag;
        Ok((layout, headerless.is_some()))
    }

    /// The layout `--columns` gives.
    fn mapped(
        map: &ColumnMap,
        first: &[&str],
        line: usize,
        kind: Kind,
        options: &ImportOptions,
        report: &mut ParseReport,
    ) -> Result<(Layout, bool), FormatError> {
        if kind == Kind::OmegaT && map.names_columns() {
            return Err(FormatError::at(
                line,
                "an OmegaT glossary has no header row: give its columns by number (--columns source=1,target=2,note=3)",
            ));
        }
        // Columns named by their header need one; a mapping by numbers reads the first row
        // as a header only if it names columns as a header does.
        let has_header = kind != Kind::OmegaT
            && (map.names_columns() || first.iter().any(|h| column_of(h).is_some()));
        let header: &[&str] = if has_header { first } else { &[] };
        let mut columns = vec![Column::Ignored; header.len()];
        for (field, column) in &map.fields {
            let i = match column {
                ColumnRef::Number(n) if has_header && *n > header.len() => {
                    return Err(FormatError::at(
                        line,
                        format!(
                            "--columns: there is no column {n}; the header has {}",
                            listed(header)
                        ),
                    ));
                }
                ColumnRef::Number(n) => n - 1,
                ColumnRef::Name(name) => header
                    .iter()
                    .position(|h| h.trim().eq_ignore_ascii_case(name.trim()))
                    .ok_or_else(|| {
                        FormatError::at(
                            line,
                            format!(
                                "--columns: no column named \u{201c}{name}\u{201d}; the header has {}",
                                listed(header)
                            ),
                        )
                    })?,
            };
            if i >= columns.len() {
                columns.resize(i + 1, Column::Ignored);
            }
            if columns[i] != Column::Ignored {
                return Err(FormatError::at(
                    line,
                    format!("--columns: column {} is mapped twice", i + 1),
                ));
            }
            columns[i] = field.column();
        }
        let unmapped: Vec<&str> = header
            .iter()
            .zip(&columns)
            .filter(|(h, c)| **c == Column::Ignored && !h.trim().is_empty())
            .map(|(h, _)| h.trim())
            .collect();
        if !unmapped.is_empty() {
            report
                .remarks
                .push(format!("ignored column(s): {}", unmapped.join(", ")));
        }
        if !has_header && kind != Kind::OmegaT {
            report
                .remarks
                .push("no header row: the first row is an entry".into());
        }
        let layout = Self::from_columns(columns, kind, options, report, Some(header));
        Ok((
            Layout {
                strict_width: false,
                headerless: !has_header,
                ..layout
            },
            !has_header,
        ))
    }

    /// The layout of known columns: languages from the options, else the headers, else
    /// the per-row language columns, else the defaults (said in a remark).
    fn from_columns(
        columns: Vec<Column>,
        kind: Kind,
        options: &ImportOptions,
        report: &mut ParseReport,
        header: Option<&[&str]>,
    ) -> Self {
        let source_cols = positions(&columns, &Column::Source);
        let target_col = columns.iter().position(|c| *c == Column::Preferred);
        let header_lang = |i: usize| {
            header
                .and_then(|h| h.get(i))
                .map(|h| h.trim())
                .filter(|h| is_language_tag(h))
                .map(str::to_string)
        };
        let per_row_source = columns.contains(&Column::SourceLang);
        let per_row_target = columns.contains(&Column::TargetLang);
        let source_lang = options
            .source_lang
            .clone()
            .or_else(|| source_cols.first().and_then(|&i| header_lang(i)));
        let target_lang = options
            .target_lang
            .clone()
            .or_else(|| target_col.and_then(header_lang));
        let source_single = source_cols
            .first()
            .is_some_and(|&i| header_lang(i).is_some());
        let mut layout = Layout {
            columns,
            source_cols,
            source_single,
            target_col: target_col.unwrap_or(0),
            default_source: String::new(),
            default_target: String::new(),
            target_filter: per_row_target
                .then(|| options.target_lang.clone())
                .flatten(),
            strict_width: kind == Kind::Delimited,
            headerless: false,
            forbidden_flag: None,
        };
        if target_col.is_some() {
            layout.set_languages(
                source_lang,
                target_lang,
                per_row_source,
                per_row_target,
                report,
            );
        }
        layout
    }

    /// Picks the target (and maybe the source) among the language-headed columns when no
    /// column is the target by name; the messages list the file's columns.
    fn with_hint(
        mut self,
        header: &[&str],
        line: usize,
        options: &ImportOptions,
        report: &mut ParseReport,
    ) -> Result<Self, FormatError> {
        if self.columns.contains(&Column::Preferred) {
            return Ok(self);
        }
        let lang_cols: Vec<(usize, String)> = self
            .columns
            .iter()
            .enumerate()
            .filter_map(|(i, c)| match c {
                Column::Language(l) => Some((i, l.clone())),
                _ => None,
            })
            .collect();
        let langs: Vec<String> = lang_cols.iter().map(|(_, l)| l.clone()).collect();
        let fail = |m: String| FormatError::at(line, format!("{m}{}", columns_hint(header)));
        let source_is_a_language_column = options
            .source_lang
            .as_ref()
            .is_some_and(|s| langs.iter().any(|l| lang_matches(l, s)));
        let (source, target) = if !self.source_cols.is_empty() && !source_is_a_language_column {
            // A `term` column beside language columns: those are the targets.
            let target = match &options.target_lang {
                Some(t) => find_language(&langs, t, "target").map_err(fail)?,
                None if langs.len() == 1 => 0,
                None => {
                    return Err(fail(format!(
                        "the file has languages {}: pass --target-lang",
                        langs.join(", ")
                    )));
                }
            };
            (None, target)
        } else {
            let pair = pick_languages(&langs, options, None).map_err(fail)?;
            (pair.source, pair.target)
        };
        self.target_col = lang_cols[target].0;
        let target_lang = options
            .target_lang
            .clone()
            .unwrap_or_else(|| lang_cols[target].1.clone());
        let mut source_lang = options.source_lang.clone();
        if let Some(s) = source {
            self.source_cols = vec![lang_cols[s].0];
            self.source_single = true;
            source_lang = source_lang.or_else(|| Some(lang_cols[s].1.clone()));
        }
        // A note column right after a language's column (MateCat's per-language "Notes")
        // is about that language's term: kept only for the two languages taken.
        let chosen: Vec<usize> = source
            .map(|s| lang_cols[s].0)
            .into_iter()
            .chain([self.target_col])
            .collect();
        let mut scope = None;
        for i in 0..self.columns.len() {
            match self.columns[i] {
                Column::Language(_) => scope = Some(i),
                Column::Note if scope.is_some_and(|s| !chosen.contains(&s)) => {
                    self.columns[i] = Column::Ignored;
                }
                _ => {}
            }
        }
        let per_row_source = self.columns.contains(&Column::SourceLang);
        let per_row_target = self.columns.contains(&Column::TargetLang);
        self.set_languages(
            source_lang,
            Some(target_lang),
            per_row_source,
            per_row_target,
            report,
        );
        Ok(self)
    }

    /// Sets the default languages; says which were assumed.
    fn set_languages(
        &mut self,
        source: Option<String>,
        target: Option<String>,
        per_row_source: bool,
        per_row_target: bool,
        report: &mut ParseReport,
    ) {
        let assume_source = source.is_none() && !per_row_source && !self.source_cols.is_empty();
        let assume_target = target.is_none() && !per_row_target;
        self.default_source = match source {
            Some(s) => s,
            None if per_row_source => String::new(),
            None => DEFAULT_SOURCE_LANG.to_string(),
        };
        self.default_target = target.unwrap_or_else(|| DEFAULT_TARGET_LANG.to_string());
        let remark = match (assume_source, assume_target) {
            (true, true) => format!(
                "the file does not name its languages: assumed {DEFAULT_SOURCE_LANG} \u{2192} {DEFAULT_TARGET_LANG} (pass --source-lang and --target-lang)"
            ),
            (false, true) => format!(
                "the file does not name its target language: assumed {DEFAULT_TARGET_LANG} (pass --target-lang)"
            ),
            (true, false) => format!(
                "the file does not name its source language: assumed {DEFAULT_SOURCE_LANG} (pass --source-lang)"
            ),
            (false, false) => return,
        };
        report.remarks.push(remark);
    }

    /// How many columns a row may have (see [`Kind::Delimited`]); `None` for any number.
    pub fn strict_width(&self) -> Option<usize> {
        self.strict_width.then_some(self.columns.len())
    }

    /// The entry of one row (on line or row `line`); `None` for a blank row or a row
    /// skipped (counted in `report`).
    pub fn entry<C: Cells + ?Sized>(
        &self,
        row: &C,
        line: usize,
        report: &mut ParseReport,
    ) -> Result<Option<EntryData>, FormatError> {
        if row.is_blank() {
            return Ok(None);
        }
        if let Some(width) = self.strict_width()
            && row.count() > width
        {
            return Err(FormatError::at(
                line,
                format!(
                    "{} fields, but the {} {width}; quote fields that contain the separator",
                    row.count(),
                    if self.headerless {
                        "first row has"
                    } else {
                        "header names"
                    },
                ),
            ));
        }
        let cell = |i: usize| row.cell(i).unwrap_or("").trim();
        if let Some(flag) = self.forbidden_flag
            && matches!(
                cell(flag).to_ascii_lowercase().as_str(),
                "true" | "1" | "yes"
            )
        {
            report.skipped += 1;
            report.forbidden += 1;
            return Ok(None);
        }
        let mut entry = EntryData {
            source_lang: self.default_source.clone(),
            target_lang: self.default_target.clone(),
            ..EntryData::default()
        };
        for (i, col) in self.columns.iter().enumerate() {
            let v = cell(i);
            if v.is_empty() {
                continue;
            }
            match col {
                Column::SourceLang => entry.source_lang = v.to_string(),
                Column::TargetLang => entry.target_lang = v.to_string(),
                Column::Admitted => entry
                    .terms
                    .extend(split_terms(v).map(|t| parse_term(t, TermStatus::Admitted))),
                Column::Deprecated => entry
                    .terms
                    .extend(split_terms(v).map(|t| parse_term(t, TermStatus::Deprecated))),
                Column::Note => {
                    if !entry.note.is_empty() {
                        entry.note.push('\n');
                    }
                    entry.note.push_str(v);
                }
                Column::Domain => entry.domain = v.to_string(),
                _ => {}
            }
        }
        if let Some(want) = &self.target_filter
            && !lang_matches(&entry.target_lang, want)
        {
            report.skipped += 1;
            return Ok(None);
        }
        for &sc in &self.source_cols {
            if self.source_single {
                entry.sources.push(cell(sc).to_string());
            } else {
                entry
                    .sources
                    .extend(split_terms(cell(sc)).map(str::to_string));
            }
        }
        let mut preferred = split_terms(cell(self.target_col));
        match preferred.next() {
            Some(p) => {
                // Further terms in the target cell are admitted variants.
                let rest: Vec<Term> = preferred
                    .map(|t| parse_term(t, TermStatus::Admitted))
                    .collect();
                entry.terms.insert(0, parse_term(p, TermStatus::Preferred));
                for (k, t) in rest.into_iter().enumerate() {
                    entry.terms.insert(1 + k, t);
                }
            }
            // An empty or missing target cell: nothing to import, but say where.
            None => {
                report.skipped += 1;
                report.skipped_lines.push(line);
                return Ok(None);
            }
        }
        entry.normalize();
        entry
            .validate()
            .map_err(|e| FormatError::at(line, e.to_string()))?;
        Ok(Some(entry))
    }
}

fn positions(columns: &[Column], which: &Column) -> Vec<usize> {
    (0..columns.len())
        .filter(|&i| columns[i] == *which)
        .collect()
}

/// The columns of a file without a header whose first row is `first`: two columns
/// (source and target), or four whose last two are language tags (DeepL's export:
/// source, target, source language, target language).
fn headerless_columns(first: &[&str]) -> Option<Vec<Column>> {
    let names = |cells: &[&str]| cells.iter().any(|c| column_of(c).is_some());
    match first {
        [a, b] if !names(&[a, b]) => Some(vec![Column::Source, Column::Preferred]),
        [a, b, c, d]
            if !names(&[a, b]) && is_language_tag(c.trim()) && is_language_tag(d.trim()) =>
        {
            Some(vec![
                Column::Source,
                Column::Preferred,
                Column::SourceLang,
                Column::TargetLang,
            ])
        }
        _ => None,
    }
}
