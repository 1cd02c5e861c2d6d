//! The command-line front end: argument parsing and the subcommands. Holds no logic that
//! another front end would need; it calls the library and prints.

mod apply;
mod check;
mod diagnostic;
mod diff;
mod edit;
mod glossary;
mod glossary_option;
mod history;
mod output;
mod style;

use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// Exit code when no issue was found / the command succeeded.
pub const EXIT_OK: u8 = 0;
/// Exit code when issues were found.
pub const EXIT_ISSUES: u8 = 1;
/// Exit code for a usage or input error.
pub const EXIT_ERROR: u8 = 2;

#[derive(Debug, Parser)]
#[command(
    name = "mtpe",
    version,
    about = "Machine-translation post-editing: QA checks, glossary, editor and review reports",
    propagate_version = true
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Largest article, corrected version or patch read, in bytes or with K, M or G
    /// (binary); larger ones are refused before they are read [default: $MTPE_MAX_INPUT,
    /// else 256M]
    #[arg(long, global = true, value_name = "SIZE", value_parser = parse_max_input)]
    max_input: Option<u64>,
}

fn parse_max_input(value: &str) -> Result<u64, String> {
    crate::document::parse_size(value)
        .ok_or_else(|| "not a size; give bytes, or a number with K, M or G (e.g. 512M)".into())
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check machine-translated texts for repetitions, garbling, debris and bad punctuation.
    Check(check::CheckArgs),
    /// Post-edit an article in the terminal: issues highlighted, one-key fixes, undo, and a
    /// journal that keeps every change through crashes.
    Edit(edit::EditArgs),
    /// Compare an original with its corrected version: unified or word diff, statistics
    /// (TER/HTER), or a JSON, HTML or Markdown report. Exit code 0 if identical, 1 if not.
    Diff(diff::DiffArgs),
    /// List the saved revisions of an article (or record one with --record).
    History(history::HistoryArgs),
    /// Print a saved revision of an article: its text, its original or its diff.
    Show(history::ShowArgs),
    /// Apply a unified diff to an article; if any hunk fails, name it and write nothing.
    Apply(apply::ApplyArgs),
    /// Maintain the glossary: init, add, edit, remove, list, search, show, import, export, stats.
    Glossary(glossary::GlossaryArgs),
}

/// When to colour output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when writing to a terminal and `NO_COLOR` is not set.
    Auto,
    Always,
    Never,
}

/// Parses the command line and runs the command; returns the process exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(bytes) = cli.max_input {
        crate::document::set_max_input(bytes);
    }
    let code = match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Edit(args) => edit::run(&args),
        Command::Diff(args) => diff::run(&args),
        Command::History(args) => history::run_history(&args),
        Command::Show(args) => history::run_show(&args),
        Command::Apply(args) => apply::run(&args),
        Command::Glossary(args) => glossary::run(&args),
    };
    ExitCode::from(code)
}
