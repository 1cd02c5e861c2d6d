//! `mtpe glossary init|add|edit|remove|list|search|show|import|export|stats`: the glossary
//! maintainers' commands. Argument parsing and printing only; the work is in
//! [`crate::glossary`].

mod entry;
mod import;
mod print;

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand, ValueEnum};

use super::error::{self, Error, Outcome};
use crate::glossary::export;
use crate::glossary::import::Format;
use crate::glossary::location::Location;
use crate::glossary::{Fill, Glossary, GlossaryError};

#[derive(Debug, Args)]
pub struct GlossaryArgs {
    /// Glossary file (default: $MTPE_GLOSSARY, else the user data directory's
    /// mtpe/glossary.sqlite, created with the shipped terms on first use).
    #[arg(long, global = true, value_name = "PATH")]
    glossary: Option<PathBuf>,
    #[command(subcommand)]
    command: GlossaryCommand,
}

#[derive(Debug, Subcommand)]
enum GlossaryCommand {
    /// Create a glossary, filled with the shipped zh→en cyberspace terms unless --empty.
    #[command(after_help = EXIT_CODES)]
    Init {
        /// Where to create it (default: --glossary, $MTPE_GLOSSARY or the default location).
        path: Option<PathBuf>,
        /// Create it without the shipped terms.
        #[arg(long)]
        empty: bool,
    },
    /// Add an entry: a preferred target term with its variants.
    #[command(after_help = TERMS_AND_EXIT_CODES)]
    Add(entry::AddArgs),
    /// Change an entry's fields.
    #[command(after_help = TERMS_AND_EXIT_CODES)]
    Edit(entry::EditArgs),
    /// Remove an entry.
    #[command(after_help = EXIT_CODES)]
    Remove {
        /// The entry's id (see `list`).
        id: i64,
    },
    /// List every entry.
    #[command(after_help = EXIT_CODES)]
    List {
        /// Output format.
        #[arg(long, value_enum, default_value_t = OutputFormat::Table)]
        format: OutputFormat,
    },
    /// Find entries whose source, target or variant terms contain TEXT (any case).
    #[command(after_help = EXIT_CODES)]
    Search {
        /// The text to look for (any case) in source terms, target terms and variants.
        text: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = OutputFormat::Table)]
        format: OutputFormat,
    },
    /// Show one entry in full.
    #[command(after_help = EXIT_CODES)]
    Show {
        /// The entry's id (see `list`).
        id: i64,
        /// Output format.
        #[arg(long, value_enum, default_value_t = OutputFormat::Table)]
        format: OutputFormat,
    },
    /// Import entries from a TSV, CSV, TBX, OmegaT or spreadsheet (XLSX, ODS) file, merging
    /// those already present.
    #[command(after_help = EXIT_CODES)]
    Import(import::ImportArgs),
    /// Export the glossary as TSV, CSV or TBX (v3, TBX-Basic).
    #[command(after_help = EXIT_CODES)]
    Export {
        /// Format (default: from the output file's extension, .tsv .csv .tbx; else TSV).
        #[arg(long, value_enum)]
        format: Option<FileFormat>,
        /// Output file (default: standard output). Written whole or not at all.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Count entries, terms by status, languages and domains.
    #[command(after_help = EXIT_CODES)]
    Stats {
        /// Output format (TSV: one row per count).
        #[arg(long, value_enum, default_value_t = OutputFormat::Table)]
        format: OutputFormat,
    },
    /// Check the glossary file (SQLite's integrity check) and the data mtpe derives from
    /// its entries (match keys, the matcher snapshot); --repair rebuilds the derived data.
    #[command(after_help = CHECK_EXIT_CODES)]
    Check {
        /// Rebuild the match keys, the matcher snapshot and the indexes from the entries
        /// (in one transaction; the entries themselves are not changed).
        #[arg(long)]
        repair: bool,
    },
}

const EXIT_CODES: &str = "\
Exit codes:
  0  done
  2  usage or input error: a glossary that is missing, damaged, read-only or of a newer mtpe, an
     entry the glossary refuses, a file to import that is malformed (nothing is imported)";

const TERMS_AND_EXIT_CODES: &str = "\
Terms are written TERM, or TERM # REASON for a deprecated rendering. A leading = makes a
term case-sensitive (=TERM: \"CAC\" never matches \"cac\"), a leading ~ case-insensitive
(~TERM); without either, a term written with a word in capitals (\"CAC\") is
case-sensitive and others are not. Terms of one entry that differ only in case
(\"Digital China\", \"digital China\") are both case-sensitive.

Exit codes:
  0  done
  2  usage or input error: a glossary that is missing, damaged, read-only or of a newer mtpe, an
     entry the glossary refuses (the same term twice, a `|` in a term, a duplicate entry)";

const CHECK_EXIT_CODES: &str = "\
Exit codes:
  0  the glossary is sound (or was repaired)
  1  the derived data is damaged: run again with --repair
  2  the file itself is damaged (restore it from a backup), or cannot be opened";

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum OutputFormat {
    /// A readable table.
    Table,
    /// JSON (an array of entries for list and search, one object for show and stats).
    Json,
    /// mtpe's TSV columns.
    Tsv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FileFormat {
    Tsv,
    Csv,
    Tbx,
}

impl From<FileFormat> for Format {
    fn from(f: FileFormat) -> Self {
        match f {
            FileFormat::Tsv => Format::Tsv,
            FileFormat::Csv => Format::Csv,
            FileFormat::Tbx => Format::Tbx,
        }
    }
}

pub fn run(args: &GlossaryArgs) -> Result<Outcome, Error> {
    if let GlossaryCommand::Check { repair } = &args.command {
        return check(args, *repair);
    }
    run_inner(args)?;
    Ok(Outcome::Clean)
}

/// `mtpe glossary check [--repair]`.
fn check(args: &GlossaryArgs, repair: bool) -> Result<Outcome, Error> {
    let mut g = open(args)?;
    let path = g.path().display().to_string();
    let report = g.check()?;
    say(format_args!("glossary   {path}"))?;
    if !report.damage.is_empty() {
        say(format_args!("file       damaged:"))?;
        for d in &report.damage {
            say(format_args!("  {d}"))?;
        }
        return Err(Error::Input(format!(
            "{path}: the glossary file is damaged; mtpe has not written to it: {}",
            crate::sqlite::Kind::Glossary.if_damaged()
        )));
    }
    say(format_args!("file       sound (SQLite integrity check)"))?;
    say(format_args!(
        "entries    {} ({} terms)",
        report.entries, report.terms
    ))?;
    if report.derived.is_empty() {
        say(format_args!(
            "derived    sound (match keys, matcher snapshot)"
        ))?;
        return Ok(Outcome::Clean);
    }
    say(format_args!("derived    damaged:"))?;
    for d in &report.derived {
        say(format_args!("  {d}"))?;
    }
    if !repair {
        error::message(format_args!(
            "{path}: the data derived from the entries is damaged; `mtpe glossary check --repair --glossary {path}` rebuilds it"
        ));
        return Ok(Outcome::Found);
    }
    g.repair()?;
    let after = g.check()?;
    if !after.damage.is_empty() || !after.derived.is_empty() {
        return Err(Error::Input(format!(
            "{path}: the repair did not make the glossary sound: {}",
            after
                .damage
                .iter()
                .chain(&after.derived)
                .cloned()
                .collect::<Vec<_>>()
                .join("; ")
        )));
    }
    say(format_args!(
        "repaired   match keys, matcher snapshot and indexes rebuilt from the entries"
    ))?;
    Ok(Outcome::Clean)
}

/// Prints a line on standard output (`println!` would panic on a closed pipe).
fn say(line: std::fmt::Arguments<'_>) -> Result<(), Error> {
    let mut out = std::io::stdout().lock();
    writeln!(out, "{line}")?;
    out.flush()?;
    Ok(())
}

fn open(args: &GlossaryArgs) -> Result<Glossary, Error> {
    let location = Location::resolve(args.glossary.as_deref()).map_err(Error::Input)?;
    Ok(location.open()?)
}

fn run_inner(args: &GlossaryArgs) -> Result<(), Error> {
    match &args.command {
        GlossaryCommand::Init { path, empty } => {
            let path = match path {
                Some(p) => p.clone(),
                None => Location::resolve(args.glossary.as_deref())
                    .map_err(Error::Input)?
                    .path()
                    .to_path_buf(),
            };
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
                && !dir.exists()
            {
                crate::fsutil::create_private_dir(dir)
                    .map_err(|e| Error::Output(format!("{}: {e}", dir.display())))?;
            }
            let fill = if *empty { Fill::Empty } else { Fill::Shipped };
            // An empty file holds nothing to lose: it becomes the glossary.
            if crate::glossary::location::is_empty_file(&path) {
                std::fs::remove_file(&path)
                    .map_err(|e| Error::Output(format!("{}: {e}", path.display())))?;
            }
            let g = Glossary::create(&path, fill)?;
            let n = g.stats()?.entries;
            say(format_args!(
                "created {} with {n} entr{}",
                path.display(),
                plural_y(n)
            ))?;
            Ok(())
        }
        GlossaryCommand::Add(a) => entry::add(args, a),
        GlossaryCommand::Edit(e) => entry::edit(args, e),
        GlossaryCommand::Remove { id } => {
            let mut g = open(args)?;
            g.remove(*id)?;
            say(format_args!("removed entry {id}"))?;
            Ok(())
        }
        GlossaryCommand::List { format } => {
            let g = open(args)?;
            print::print_entries(&g.list()?, *format)
        }
        GlossaryCommand::Search { text, format } => {
            let g = open(args)?;
            print::print_entries(&g.search(text)?, *format)
        }
        GlossaryCommand::Show { id, format } => {
            let g = open(args)?;
            let entry = g.get(*id)?.ok_or(GlossaryError::NoSuchEntry(*id))?;
            let mut out = std::io::stdout().lock();
            match format {
                OutputFormat::Json => {
                    serde_json::to_writer_pretty(&mut out, &entry).map_err(std::io::Error::from)?;
                    writeln!(out)?;
                }
                OutputFormat::Tsv => export::write(&[entry], Format::Tsv, &mut out)?,
                OutputFormat::Table => write!(out, "{}", print::show_entry(&entry))?,
            }
            Ok(())
        }
        GlossaryCommand::Import(i) => import::import_file(args, i),
        GlossaryCommand::Export { format, output } => {
            let format = export_format(*format, output.as_deref());
            let g = open(args)?;
            let entries = g.list()?;
            match output {
                None => {
                    let stdout = std::io::stdout();
                    let mut out = std::io::BufWriter::new(stdout.lock());
                    export::write(&entries, format, &mut out)?;
                    out.flush()?;
                }
                Some(path) => export::write_file(&entries, format, path)?,
            }
            Ok(())
        }
        GlossaryCommand::Check { repair } => check(args, *repair).map(|_| ()),
        GlossaryCommand::Stats { format } => {
            let g = open(args)?;
            print::print_stats(g.path(), &g.stats()?, *format)
        }
    }
}

/// The export format: `--format`, else the output file's extension (`.tsv`, `.tab`,
/// `.txt`, `.csv`, `.tbx`, `.xml`), else TSV (with a note for an extension mtpe does not
/// know).
fn export_format(format: Option<FileFormat>, output: Option<&Path>) -> Format {
    if let Some(f) = format {
        return f.into();
    }
    let Some(path) = output else {
        return Format::Tsv;
    };
    Format::from_path(path).unwrap_or_else(|| {
        if let Some(ext) = path.extension() {
            error::note(format_args!(
                "{}: unknown extension .{}, writing TSV (name the file .tsv, .csv or .tbx, or pass --format)",
                path.display(),
                ext.to_string_lossy()
            ));
        }
        Format::Tsv
    })
}

fn plural_y(n: i64) -> &'static str {
    if n == 1 { "y" } else { "ies" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_export_format_comes_from_the_option_else_the_extension() {
        let f = |format, out: &str| export_format(format, Some(Path::new(out)));
        assert_eq!(f(None, "g.tbx"), Format::Tbx);
        assert_eq!(f(None, "G.CSV"), Format::Csv);
        assert_eq!(f(None, "g.tsv"), Format::Tsv);
        assert_eq!(f(None, "g.unknown"), Format::Tsv);
        assert_eq!(f(None, "glossary"), Format::Tsv);
        assert_eq!(f(Some(FileFormat::Csv), "g.tbx"), Format::Csv);
        assert_eq!(export_format(None, None), Format::Tsv);
    }
}
