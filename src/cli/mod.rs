//! The command-line front end: argument parsing and the subcommands. Holds no logic that
//! another front end would need; it calls the library and prints.

mod apply;
mod batch;
mod check;
mod config_cmd;
mod config_option;
mod diagnostic;
mod dictionary;
mod diff;
mod doctor;
mod edit;
mod error;
mod forget;
mod glossary;
mod glossary_option;
mod history;
mod input;
mod manual;
mod output;
mod report_format;
mod sarif;
mod spelling_option;
mod style;
mod walk;

use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

pub use error::{Error, Outcome};

#[derive(Debug, Parser)]
#[command(
    name = "mtpe",
    version = version_text(),
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
    #[command(
        after_help = "Exit codes:\n  0  no issue found at or above --fail-on (default: any issue)\n  1  issues found at or above --fail-on\n  2  usage or input error (a missing, binary or non-UTF-8 file, a glossary that cannot be read, an invalid configuration); with several files, the others are still checked and reported"
    )]
    Check(Box<check::CheckArgs>),
    /// Post-edit an article in the terminal: issues highlighted, one-key fixes, undo, and a
    /// journal that keeps every change through crashes.
    #[command(
        after_help = "Exit codes:\n  0  the editor was quit (unsaved changes are kept in the journal until saved or dropped)\n  2  usage or input error, reported before the screen is taken over (a missing, binary or non-UTF-8 article, a glossary, journal or revision store that cannot be used, no terminal), or the editor was stopped by a signal (every confirmed change is in the journal)"
    )]
    Edit(edit::EditArgs),
    /// Compare an original with its corrected version: unified or word diff, statistics
    /// (TER/HTER), or a JSON, HTML or Markdown report. Exit code 0 if identical, 1 if not.
    #[command(
        after_help = "Exit codes:\n  0  the texts are identical\n  1  they differ\n  2  usage or input error (a missing, binary or non-UTF-8 file, no such revision); nothing is written"
    )]
    Diff(diff::DiffArgs),
    /// List the saved revisions of an article (or record one with --record, or prune them
    /// with --keep or --older-than).
    #[command(
        after_help = "Exit codes:\n  0  listed (also when no revision is recorded), recorded, or pruned\n  1  pruning: nothing erased (the question was answered no), or a write-ahead log could not be emptied because another mtpe was reading the store (run it again once that one is closed)\n  2  usage or input error (a missing article or corrected file, a revision store that cannot be used, pruning without --yes when standard input is not a terminal)"
    )]
    History(history::HistoryArgs),
    /// Print a saved revision of an article: its text, its original or its diff.
    #[command(
        after_help = "Exit codes:\n  0  printed or written\n  2  no such revision, a revision store that cannot be used, or an output that cannot be written"
    )]
    Show(history::ShowArgs),
    /// Apply a unified diff to an article; if any hunk fails, name it and write nothing.
    #[command(
        after_help = "Exit codes:\n  0  the patch applied\n  2  a hunk does not apply (each failing hunk is named; nothing is written), an empty patch without --allow-empty, or a usage or input error"
    )]
    Apply(apply::ApplyArgs),
    /// Maintain the glossary: init, add, edit, remove, list, search, show, import, export, stats.
    Glossary(glossary::GlossaryArgs),
    /// Maintain the user's dictionary, words the spelling check takes as known: add,
    /// remove, list, import, export (one word a line).
    Dictionary(dictionary::DictionaryArgs),
    /// Show every place mtpe keeps data (journal, revisions, glossary, user dictionary):
    /// size, permissions,
    /// what it holds, and problems (files others may read, journals of articles that are
    /// gone, databases of a newer mtpe). Reads only.
    #[command(
        after_help = "Exit codes:\n  0  nothing to report\n  1  problems found (each with what to do about it)\n  2  usage error, or the listing cannot be written\n\nExample:\n  mtpe doctor                  what is kept where, and what is wrong\n  mtpe doctor --format json    the same for scripts"
    )]
    Doctor(doctor::DoctorArgs),
    /// Erase what mtpe keeps of an article (its journal and its revisions) or, with --all, of
    /// every article (the glossary and the user's dictionary are kept), leaving no trace in
    /// the files. Asks first.
    #[command(
        after_help = "Exit codes:\n  0  erased (or nothing was kept)\n  1  nothing erased (the question was answered no), or a write-ahead log could not be emptied because another mtpe was reading it (run it again once that one is closed)\n  2  usage or input error (no terminal to ask on and no --yes, the article open in a running editor, a journal or store that cannot be used); nothing is erased"
    )]
    Forget(forget::ForgetArgs),
    /// Show the configuration (mtpe.toml, the user's config.toml) that applies to a file.
    Config(config_cmd::ConfigArgs),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    #[command(
        after_help = "Exit codes:\n  0  printed\n  2  usage error (an unknown shell)\n\nInstall, e.g.: mtpe completions bash > ~/.local/share/bash-completion/completions/mtpe"
    )]
    Completions(manual::CompletionsArgs),
    /// Print the manual page (roff), or write one per command with --dir.
    #[command(
        after_help = "Exit codes:\n  0  printed or written\n  2  the folder cannot be written\n\nInstall, e.g.: mtpe man --dir ~/.local/share/man/man1"
    )]
    Man(manual::ManArgs),
}

/// `mtpe --version`: the program's version and the glossary schema it reads and writes.
fn version_text() -> &'static str {
    static TEXT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    TEXT.get_or_init(|| {
        format!(
            "{} (glossary schema {})",
            env!("CARGO_PKG_VERSION"),
            crate::glossary::SCHEMA_VERSION
        )
    })
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
    let result = match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Edit(args) => edit::run(&args),
        Command::Diff(args) => diff::run(&args),
        Command::History(args) => history::run_history(&args),
        Command::Show(args) => history::run_show(&args),
        Command::Apply(args) => apply::run(&args),
        Command::Glossary(args) => glossary::run(&args),
        Command::Dictionary(args) => dictionary::run(&args),
        Command::Config(args) => config_cmd::run(&args),
        Command::Completions(args) => manual::completions(&args),
        Command::Man(args) => manual::man(&args),
        Command::Doctor(args) => doctor::run(&args),
        Command::Forget(args) => forget::run(&args),
    };
    ExitCode::from(error::exit_code(result))
}
