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
    Init {
        /// Where to create it (default: --glossary, $MTPE_GLOSSARY or the default location).
        path: Option<PathBuf>,
        /// Create it without the shipped terms.
        #[arg(long)]
        empty: bool,
    },
    /// Add an entry: a preferred target term with its variants.
    Add(entry::AddArgs),
    /// Change an entry's fields.
    Edit(entry::EditArgs),
    /// Remove an entry.
    Remove {
        /// The entry's id (see `list`).
        id: i64,
    },
    /// List every entry.
    List {
        #[arg(long, value_enum, default_value_t = OutputFormat::Table)]
        format: OutputFormat,
    },
    /// Find entries whose source, target or variant terms contain TEXT (any case).
    Search {
        text: String,
        #[arg(long, value_enum, default_value_t = OutputFormat::Table)]
        format: OutputFormat,
    },
    /// Show one entry in full.
    Show {
        id: i64,
        #[arg(long, value_enum, default_value_t = OutputFormat::Table)]
        format: OutputFormat,
    },
    /// Import entries from a TSV, CSV or TBX file, merging those already present.
    Import(import::ImportArgs),
    /// Export the glossary as TSV, CSV or TBX (v3, TBX-Basic).
    Export {
        /// Format (default: from the output file's extension, .tsv .csv .tbx; else TSV).
        #[arg(long, value_enum)]
        format: Option<FileFormat>,
        /// Output file (default: standard output). Written whole or not at all.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Count entries, terms by status, languages and domains.
    Stats {
        #[arg(long, value_enum, default_value_t = OutputFormat::Table)]
        format: OutputFormat,
    },
}

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
    run_inner(args)?;
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
                std::fs::create_dir_all(dir)
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
        GlossaryCommand::Stats { format } => {
            let g = open(args)?;
            let s = g.stats()?;
            let mut out = std::io::stdout().lock();
            if *format == OutputFormat::Table {
                writeln!(out, "glossary   {}", g.path().display())?;
                writeln!(out, "entries    {}", s.entries)?;
                writeln!(
                    out,
                    "terms      {} source, {} preferred, {} admitted, {} deprecated",
                    s.source_terms, s.preferred_terms, s.admitted_terms, s.deprecated_terms
                )?;
                for (src, tgt, n) in &s.language_pairs {
                    let src = if src.is_empty() { "-" } else { src };
                    writeln!(out, "languages  {src} \u{2192} {tgt}: {n}")?;
                }
                for (domain, n) in &s.domains {
                    let d = if domain.is_empty() { "(none)" } else { domain };
                    writeln!(out, "domain     {d}: {n}")?;
                }
            } else {
                serde_json::to_writer_pretty(&mut out, &s).map_err(std::io::Error::from)?;
                writeln!(out)?;
            }
            Ok(())
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
