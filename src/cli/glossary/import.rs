//! `mtpe glossary import`: a TSV, CSV or TBX file merged into the glossary, with a
//! progress bar on a terminal and a summary of what changed.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::Args;

use super::{FileFormat, GlossaryArgs, open, say};
use crate::cli::Error;
use crate::cli::error;
use crate::glossary::ImportProgress;
use crate::glossary::canonical_language_tag;
use crate::glossary::import::{GlossaryFile, ImportOptions};
use crate::glossary::loader::{self, ImportOutcome};

#[derive(Debug, Args)]
pub(super) struct ImportArgs {
    /// The file to import.
    file: PathBuf,
    /// File format (default: from the extension).
    #[arg(long, value_enum)]
    format: Option<FileFormat>,
    /// Source language to take from a multilingual file (BCP 47, matched by prefix).
    #[arg(long, value_name = "LANG")]
    source_lang: Option<String>,
    /// Target language to take from a multilingual file (BCP 47, matched by prefix).
    #[arg(long, value_name = "LANG")]
    target_lang: Option<String>,
    /// Report what would change without writing anything.
    #[arg(long)]
    dry_run: bool,
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
    let options = ImportOptions {
        format: i.format.map(Into::into),
        source_lang: language_option("--source-lang", &i.source_lang)?,
        target_lang: language_option("--target-lang", &i.target_lang)?,
    };
    let file = GlossaryFile::open(&i.file, &options).map_err(Error::input)?;
    let mut g = open(args)?;
    let estimate = file.estimated_entries();
    let bar = if std::io::stderr().is_terminal() && estimate > 20_000 {
        let b = indicatif::ProgressBar::new(estimate);
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "{msg} [{bar:40}] {pos}/~{len} entries ({eta} left)",
        ) {
            b.set_style(style.progress_chars("=> "));
        }
        b.set_message("importing");
        b
    } else {
        indicatif::ProgressBar::hidden()
    };
    let result = loader::import_file(&mut g, &file, &options, i.dry_run, &mut |p| match p {
        ImportProgress::Entries(n) => {
            // The estimate counts lines: blank ones and quoted line breaks make it high.
            bar.set_length(n.max(bar.length().unwrap_or(0)));
            bar.set_position(n);
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
        ImportProgress::Finishing => {}
    });
    bar.finish_and_clear();
    let ImportOutcome {
        mut summary,
        report,
    } = result?;
    for r in &report.remarks {
        error::note(format_args!("{}: {r}", i.file.display()));
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
        skipped_lines(&report.skipped_lines)
    ))?;
    Ok(())
}

/// How many skipped rows the summary lists by line.
const LISTED_LINES: usize = 10;

/// " (no target term on lines 3, 7 and 2 more)" for rows skipped without a target term.
fn skipped_lines(lines: &[usize]) -> String {
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
    let noun = if lines.len() == 1 { "line" } else { "lines" };
    format!(" (no target term on {noun} {}{more})", shown.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skipped_rows_are_listed_by_line() {
        assert_eq!(skipped_lines(&[]), "");
        assert_eq!(skipped_lines(&[3]), " (no target term on line 3)");
        assert_eq!(
            skipped_lines(&(1..=12).collect::<Vec<_>>()),
            " (no target term on lines 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 and 2 more)"
        );
    }
}
