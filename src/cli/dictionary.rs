//! `mtpe dictionary add|remove|list|import|export`: the user's own words, which the
//! spelling check takes as known. Argument parsing and printing only; the store is
//! [`crate::dictionary`].

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::error::{Error, Outcome};
use super::output;
use crate::dictionary::{self, Dictionary, parse_word_list, render_word_list};

const EXIT_CODES: &str = "Exit codes:\n  0  done\n  2  usage or input error (a word that is not one word, a line of a word list that is not, a dictionary that cannot be used); nothing is changed";

const CASE_RULE: &str = "Letter case: a word added in lower case is also accepted capitalised and in capitals (\"dataframe\": \"Dataframe\", \"DATAFRAME\"); a word with a capital must be written as added, or in capitals (\"Rabobank\", not \"rabobank\").";

#[derive(Debug, Args)]
pub struct DictionaryArgs {
    /// The dictionary file [default: $MTPE_DICTIONARY, else dictionary.sqlite in the user
    /// data directory, beside the default glossary; created when a word is first added].
    #[arg(long, global = true, value_name = "PATH")]
    dictionary: Option<PathBuf>,
    #[command(subcommand)]
    command: DictionaryCommand,
}

#[derive(Debug, Subcommand)]
enum DictionaryCommand {
    /// Add words.
    #[command(after_help = format!("{CASE_RULE}\n\n{EXIT_CODES}"))]
    Add {
        /// The words, each as it is to be accepted.
        #[arg(required = true, value_name = "WORD")]
        words: Vec<String>,
    },
    /// Remove words (as they were added, letter case included).
    #[command(after_help = EXIT_CODES)]
    Remove {
        /// The words, each as it was added.
        #[arg(required = true, value_name = "WORD")]
        words: Vec<String>,
    },
    /// List the words, one a line, in alphabetical order.
    #[command(after_help = EXIT_CODES)]
    List,
    /// Add the words of a word list (one word a line; blank lines and lines starting with
    /// # are skipped), all or none.
    #[command(after_help = format!("{CASE_RULE}\n\n{EXIT_CODES}"))]
    Import {
        /// The word list; `-` reads standard input.
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// Write the words as a word list, one a line.
    #[command(after_help = EXIT_CODES)]
    Export {
        /// Output file (default: standard output; `-` too). Written whole or not at all,
        /// with the dictionary's permissions if new.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

pub fn run(args: &DictionaryArgs) -> Result<Outcome, Error> {
    let path = dictionary::location::resolve(args.dictionary.as_deref()).map_err(Error::Input)?;
    let reading = |path: &std::path::Path| -> Result<Vec<String>, Error> {
        if !path.exists() {
            return Ok(Vec::new());
        }
        Dictionary::open(path)
            .and_then(|d| d.words())
            .map_err(Error::input)
    };
    match &args.command {
        DictionaryCommand::Add { words } => {
            for w in words {
                dictionary::validate_word(w).map_err(Error::input)?;
            }
            let mut d = super::spelling_option::open_for_change(&path)?;
            let added = d.add_all(words).map_err(Error::input)?;
            note_count(added, words.len(), "added", &path);
        }
        DictionaryCommand::Remove { words } => {
            if !path.exists() {
                return Err(Error::Input(format!(
                    "{}: no such file (no word was ever added)",
                    path.display()
                )));
            }
            let mut d = Dictionary::open(&path).map_err(Error::input)?;
            let mut missing = Vec::new();
            for w in words {
                if !d.remove(w).map_err(Error::input)? {
                    missing.push(w.as_str());
                }
            }
            if !missing.is_empty() {
                return Err(Error::Input(format!(
                    "{}: not in the dictionary: {} (words are removed as they were added, letter case included)",
                    path.display(),
                    missing.join(", ")
                )));
            }
        }
        DictionaryCommand::List => {
            output::write(None, render_word_list(&reading(&path)?).as_bytes())?;
        }
        DictionaryCommand::Import { file } => {
            let (origin, text) = crate::document::read_text(file).map_err(Error::input)?;
            let words = parse_word_list(&origin.display_name(), &text).map_err(Error::input)?;
            let mut d = super::spelling_option::open_for_change(&path)?;
            let added = d.add_all(&words).map_err(Error::input)?;
            note_count(added, words.len(), "imported", &path);
        }
        DictionaryCommand::Export { output: to } => {
            let words = reading(&path)?;
            let like = path.exists().then_some(path.as_path());
            output::write_like(to.as_deref(), render_word_list(&words).as_bytes(), like)?;
        }
    }
    Ok(Outcome::Clean)
}

/// Says on standard error how many words were new.
fn note_count(added: usize, given: usize, what: &str, path: &std::path::Path) {
    let known = given - added;
    let mut text = format!(
        "{added} word{} {what} to {}",
        if added == 1 { "" } else { "s" },
        path.display()
    );
    if known > 0 {
        text.push_str(&format!(" ({known} already there)"));
    }
    super::error::note(text);
}
