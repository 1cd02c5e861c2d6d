//! `mtpe forget ARTICLE` and `mtpe forget --all`: erase what mtpe keeps of an article (its
//! journal: unsaved changes, undo history, ignored issues; its revisions in the revision
//! store) or of every article, the glossary and the user's dictionary excepted, so that no trace is left in the
//! database files or their logs. Asks first on a terminal; `--yes` for scripts, which is
//! required when there is no terminal to ask on. Also [`confirm`], which `mtpe history
//! --keep/--older-than` asks with.

use std::io::{BufRead, IsTerminal as _, Write};
use std::path::{Path, PathBuf};

use clap::Args;

use super::error::{self, Error, Outcome};
use crate::history::{Store, StoreError, article_key, store_path};
use crate::session::{Which, forget_journal, journal_inventory, journal_path};

#[derive(Debug, Args)]
pub struct ForgetArgs {
    /// The article to erase (its path; the file itself is left alone and need not exist
    /// any more).
    #[arg(
        value_name = "ARTICLE",
        required_unless_present = "all",
        conflicts_with = "all"
    )]
    article: Option<PathBuf>,
    /// Erase every article's journal and revisions (the glossary and the user's
    /// dictionary are kept: `mtpe dictionary remove` takes words out).
    #[arg(long)]
    all: bool,
    /// Erase without asking (for scripts; required when standard input is not a terminal).
    #[arg(short, long)]
    yes: bool,
    /// The journal [default: $MTPE_JOURNAL, else $XDG_STATE_HOME/mtpe/journal.sqlite].
    #[arg(long, value_name = "PATH")]
    journal: Option<PathBuf>,
    /// The revision store [default: $MTPE_STORE, else history.sqlite3 in the user data
    /// directory].
    #[arg(long, value_name = "PATH")]
    store: Option<PathBuf>,
}

/// Asks `question` on the terminal and reads the answer: true for "y" or "yes". With
/// `yes`, true without asking; without a terminal on standard input, an error saying that
/// `--yes` is needed.
pub(super) fn confirm(question: &str, yes: bool) -> Result<bool, Error> {
    if yes {
        return Ok(true);
    }
    if !std::io::stdin().is_terminal() {
        return Err(Error::Usage(
            "nothing erased: standard input is not a terminal to ask on; add --yes to erase \
             without asking"
                .into(),
        ));
    }
    ask(
        question,
        &mut std::io::stdin().lock(),
        &mut std::io::stderr(),
    )
}

/// Writes `question` and " [y/N] " to `out`, reads a line from `input`.
fn ask(question: &str, input: &mut impl BufRead, out: &mut impl Write) -> Result<bool, Error> {
    write!(out, "{question} [y/N] ")?;
    out.flush()?;
    let mut answer = String::new();
    input.read_line(&mut answer)?;
    let answer = answer.trim().to_lowercase();
    Ok(answer == "y" || answer == "yes")
}

/// What is kept of the article (or of all), for the question.
fn describe(journal: &Path, store: &Path, key: Option<&str>) -> String {
    let concerned = |article: &str| key.is_none_or(|k| k == article);
    let (mut entries, mut unsaved) = (0, 0);
    if let Ok(inventory) = journal_inventory(journal) {
        for a in inventory.articles.iter().filter(|a| concerned(&a.article)) {
            entries += a.entries + a.ignored;
            unsaved += a.unsaved;
        }
    }
    let revisions: usize = Store::open_to_inspect(store)
        .ok()
        .and_then(|s| s.inventory().ok())
        .map(|articles| {
            articles
                .iter()
                .filter(|a| concerned(&a.article))
                .map(|a| a.revisions)
                .sum()
        })
        .unwrap_or(0);
    let mut s = format!("{entries} journal entries, {revisions} revisions");
    if unsaved > 0 {
        s.push_str(&format!(" ({unsaved} unsaved changes, lost for good)"));
    }
    s
}

pub fn run(args: &ForgetArgs) -> Result<Outcome, Error> {
    let journal = journal_path(args.journal.as_deref()).map_err(Error::Input)?;
    let store = store_path(args.store.as_deref())?;
    let key = args.article.as_deref().map(article_key);
    let whose = match &key {
        Some(k) => format!("of {k}"),
        None => "of every article (the glossary is kept)".into(),
    };
    let question = format!(
        "Erase the journal and the revisions {whose}: {}? This cannot be undone.",
        describe(&journal, &store, key.as_deref())
    );
    if !confirm(&question, args.yes)? {
        error::message("nothing erased");
        return Ok(Outcome::Found);
    }
    let which = key.as_deref().map_or(Which::All, Which::Article);
    let forgotten = forget_journal(&journal, which).map_err(Error::input)?;
    let erased = match Store::open_existing(&store) {
        Ok(mut s) => s.forget(args.article.as_deref())?,
        Err(StoreError::Missing { .. }) => crate::history::Erased {
            log_truncated: true,
            ..Default::default()
        },
        Err(e) => return Err(e.into()),
    };
    error::message(format_args!(
        "erased the journal and the revisions {whose}: {} journal entries, {} revisions ({} and \
         {} rebuilt: no trace left)",
        forgotten.entries,
        erased.revisions,
        journal.display(),
        store.display()
    ));
    if !forgotten.log_truncated || !erased.log_truncated {
        error::warning(
            "another mtpe is reading the journal or the store: their write-ahead logs may \
             still hold erased text; run this again once it is closed",
        );
        return Ok(Outcome::Found);
    }
    Ok(Outcome::Clean)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_yes_erases() {
        for (typed, wanted) in [
            ("y\n", true),
            ("YES\n", true),
            ("n\n", false),
            ("\n", false),
            ("", false),
        ] {
            let mut out = Vec::new();
            let answer = ask("Erase?", &mut typed.as_bytes(), &mut out).unwrap();
            assert_eq!(answer, wanted, "{typed:?}");
            assert_eq!(out, b"Erase? [y/N] ");
        }
    }

    #[test]
    fn yes_needs_no_terminal() {
        assert!(confirm("Erase?", true).unwrap());
    }
}
