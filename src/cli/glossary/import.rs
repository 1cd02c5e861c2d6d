//! `mtpe glossary import`: a TSV, CSV, TBX, OmegaT or spreadsheet file merged into the
//! glossary, with a progress bar on a terminal and a summary of what changed.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::Args;

use super::{GlossaryArgs, open, say};
use crate::cli::Error;
use crate::cli::error;
use crate::glossary::ImportProgress;
use crate::glossary::canonical_language_tag;
use crate::glossary::import::{GlossaryFile, ImportFormat, ImportOptions};
use crate::glossary::loader::{self, ImportOutcome};
use crate::glossary::table::ColumnMap;

#[derive(Debug, Args)]
pub(super) struct ImportArgs {
    /// The file to import: TSV, CSV, TBX, an OmegaT glossary (.txt, .tab, .utf8) or a
    /// spreadsheet (.xlsx, .xls, .ods).
    file: PathBuf,
    /// File format [default: from the extension, else from the content].
    #[arg(long, value_enum)]
    format: Option<ImportFileFormat>,
    /// The source language: which language column of a multilingual file to take, or the
    /// language of the source terms of a file that does not name it [default: zh, or the
    /// file's own] (BCP 47, matched by prefix).
    #[arg(long, value_name = "LANG")]
    source_lang: Option<String>,
    /// The target language: which language column to take, or the language of the target
    /// terms of a file that does not name it [default: en, or the file's own].
    #[arg(long, value_name = "LANG")]
    target_lang: Option<String>,
    /// Which column holds what, by header name or 1-based number: FIELD=COLUMN,...
    /// with the fields source, target, admitted, deprecated, note, domain, source_lang,
    /// target_lang (source, admitted, deprecated and note may be repeated). Columns not
    /// named are ignored.
    #[arg(long, value_name = "FIELD=COLUMN,...", value_delimiter = ',')]
    columns: Vec<String>,
    /// The sheet of a spreadsheet to read [default: the first].
    #[arg(long, value_name = "NAME")]
    sheet: Option<String>,
    /// Report what would change without writing anything.
    #[arg(long)]
    dry_run: bool,
    /// Print progress lines on standard error even when it is not a terminal (on a
    /// terminal, large imports show a progress bar anyway).
    #[arg(long)]
    progress: bool,
}

/// The formats `import --format` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ImportFileFormat {
    /// Tab-separated values: mtpe's columns, a header naming columns, or OmegaT's form.
    Tsv,
    /// Comma-separated values.
    Csv,
    /// TermBase eXchange, v2 or v3.
    Tbx,
    /// OmegaT's glossary: no header; source, target, comment.
    Omegat,
    /// An Excel workbook (.xlsx, .xlsm, .xlsb, .xls).
    Xlsx,
    /// An OpenDocument spreadsheet.
    Ods,
}

impl From<ImportFileFormat> for ImportFormat {
    fn from(f: ImportFileFormat) -> Self {
        match f {
            ImportFileFormat::Tsv => ImportFormat::Tsv,
            ImportFileFormat::Csv => ImportFormat::Csv,
            ImportFileFormat::Tbx => ImportFormat::Tbx,
            ImportFileFormat::Omegat => ImportFormat::OmegaT,
            ImportFileFormat::Xlsx | ImportFileFormat::Ods => ImportFormat::Spreadsheet,
        }
    }
}

/// A language tag given on the command line, in its usual case (`zh_cn` → `zh-CN`).
fn language_option(option: &str, tag: &Option<String>) -> Result<Option<String>, Error> {
    let Some(tag) = tag else { return Ok(None) };
    match canonical_language_tag(tag.trim()) {
        Some(t) => Ok(Some(t.into_owned())),
        None => Err(Error::Usage(format!(
            "{option} \u{201c}{tag}\u{201d} is not a language tag: write a BCP 47 tag such as en, en-US, zh-CN or zh-Hans"
        ))),
    }
}

pub(super) fn import_file(args: &GlossaryArgs, i: &ImportArgs) -> Result<(), Error> {
    let columns = if i.columns.is_empty() {
        None
    } else {
        Some(ColumnMap::parse(&i.columns).map_err(Error::Usage)?)
    };
    let options = ImportOptions {
        format: i.format.map(Into::into),
        source_lang: language_option("--source-lang", &i.source_lang)?,
        target_lang: language_option("--target-lang", &i.target_lang)?,
        columns,
        sheet: i.sheet.clone(),
    };
    let file = GlossaryFile::open(&i.file, &options).map_err(Error::input)?;
    let mut g = open(args)?;
    let bar = progress_bar(&file);
    let result = loader::import_file(&mut g, &file, &options, i.dry_run, &mut |p| match p {
        ImportProgress::Entries(n) => {
            // The estimate counts lines: blank ones and quoted line breaks make it high.
            if bar.length().is_some() {
                bar.set_length(n.max(bar.length().unwrap_or(0)));
            }
            bar.set_position(n);
            if i.progress && bar.is_hidden() {
                error::message(format_args!("importing {}: {n} entries", i.file.display()));
            }
        }
        ImportProgress::Finishing if !bar.is_hidden() => {
            if let Ok(style) = indicatif::ProgressStyle::with_template("{spinner} {msg}") {
                bar.set_style(style);
            }
            bar.set_message(if i.dry_run {
                "finishing the dry run"
            } else {
                "writing the matcher snapshot and the index, committing"
            });
            bar.enable_steady_tick(std::time::Duration::from_millis(120));
        }
        ImportProgress::Finishing => {
            if i.progress {
                error::message(format_args!(
                    "importing {}: all entries read; committing",
                    i.file.display()
                ));
            }
        }
    });
    bar.finish_and_clear();
    let ImportOutcome {
        mut summary,
        report,
    } = result?;
    for r in &report.remarks {
        error::note(format_args!("{}: {r}", i.file.display()));
    }
    if report.forbidden > 0 {
        error::note(format_args!(
            "{}: {} row(s) marked Forbidden skipped: mtpe keeps a forbidden rendering as a deprecated term of an entry with a preferred term (add it with `mtpe glossary edit ID --deprecated TERM`)",
            i.file.display(),
            report.forbidden
        ));
    }
    summary.skipped += report.skipped;
    let verb = if i.dry_run {
        "would import"
    } else {
        "imported"
    };
    say(format_args!(
        "{verb} {}: {} added, {} updated, {} unchanged, {} skipped{}",
        i.file.display(),
        summary.added,
        summary.updated,
        summary.unchanged,
        summary.skipped,
        skipped_lines(&report.skipped_lines, report.sheet.as_deref())
    ))?;
    Ok(())
}

/// A progress bar on a terminal for a large import: against the estimated entries, or a
/// count alone for a spreadsheet (whose rows are known only once it is unpacked).
fn progress_bar(file: &GlossaryFile) -> indicatif::ProgressBar {
    if !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let (bar, template) = match file.estimated_entries() {
        Some(n) if n > 20_000 => (
            indicatif::ProgressBar::new(n),
            "{msg} [{bar:40}] {pos}/~{len} entries ({eta} left)",
        ),
        None if file.bytes.len() > 256 * 1024 => (
            indicatif::ProgressBar::no_length(),
            "{spinner} {msg}: {pos} entries",
        ),
        _ => return indicatif::ProgressBar::hidden(),
    };
    if let Ok(style) = indicatif::ProgressStyle::with_template(template) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_message("importing");
    bar
}

/// How many skipped rows the summary lists by line.
const LISTED_LINES: usize = 10;

/// " (no target term on lines 3, 7 and 2 more)" for rows skipped without a target term
/// (rows of the sheet, for a spreadsheet).
fn skipped_lines(lines: &[usize], sheet: Option<&str>) -> String {
    if lines.is_empty() {
        return String::new();
    }
    let shown: Vec<String> = lines
        .iter()
        .take(LISTED_LINES)
        .map(usize::to_string)
        .collect();
    let more = match lines.len().saturating_sub(LISTED_LINES) {
        0 => String::new(),
        n => format!(" and {n} more"),
    };
    let noun = match (sheet.is_some(), lines.len() == 1) {
        (false, true) => "line",
        (false, false) => "lines",
        (true, true) => "row",
        (true, false) => "rows",
    };
    let of_sheet = sheet.map_or(String::new(), |s| format!(" of sheet \u{201c}{s}\u{201d}"));
    format!(
        " (no target term on {noun} {}{more}{of_sheet})",
        shown.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skipped_rows_are_listed_by_line() {
        assert_eq!(skipped_lines(&[], None), "");
        assert_eq!(skipped_lines(&[3], None), " (no target term on line 3)");
        assert_eq!(
            skipped_lines(&(1..=12).collect::<Vec<_>>(), None),
            " (no target term on lines 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 and 2 more)"
        );
        assert_eq!(
            skipped_lines(&[4, 9], Some("Terms")),
            " (no target term on rows 4, 9 of sheet \u{201c}Terms\u{201d})"
        );
    }
}
