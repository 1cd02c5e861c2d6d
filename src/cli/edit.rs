//! `mtpe edit`: open an article in the post-editing terminal UI. Everything that can go
//! wrong with the input (missing, binary or non-UTF-8 file, unreadable glossary, unusable
//! journal, output that would overwrite the article, no terminal) is reported before the
//! screen is taken over. The glossary is found as `mtpe check` finds it; each save is
//! recorded in the revision history (`mtpe history`).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::Arc;

use clap::Args;

use super::config_option::ConfigOption;
use super::error::{self, Error, Outcome};
use super::glossary_option::GlossaryOption;
use super::input::{Input, InputOptions};
use super::spelling_option::SpellingOption;
use crate::check::Engine;
use crate::session::{
    CheckMode, Opening, Session, SessionConfig, SessionGlossary, UserDictionary,
    default_output_path, diff_path, journal_path,
};
use crate::tui::app::AppOptions;
use crate::tui::revisions::Recorder;
use crate::tui::{self, App, Ended};

/// For tests: a key that makes the editor panic (the terminal must be restored and the
/// journal kept).
const PANIC_KEY_ENV: &str = "MTPE_TEST_PANIC_KEY";

#[derive(Debug, Args)]
pub struct EditArgs {
    /// The machine-translated article to post-edit (never modified): a text, or a
    /// bilingual file (XLIFF, PO, TMX, TSV/CSV) whose targets are edited unit by unit.
    #[arg(value_name = "ARTICLE")]
    article: PathBuf,
    /// Where Ctrl-s saves the corrected text [default: NAME.edited.EXT beside the
    /// article]; its unified diff goes to OUTPUT.diff.
    #[arg(short, long, value_name = "OUTPUT")]
    output: Option<PathBuf>,
    #[command(flatten)]
    input: InputOptions,
    #[command(flatten)]
    glossary: GlossaryOption,
    #[command(flatten)]
    spelling: SpellingOption,
    /// Language of the article (BCP 47) [default: a bilingual file's target language,
    /// else the configuration's target-lang, else en].
    #[arg(long, value_name = "LANG")]
    target_lang: Option<String>,
    #[command(flatten)]
    config: ConfigOption,
    /// Language of the source text, for the source terms of glossary entries added with t
    /// (the same default as `mtpe glossary add`).
    #[arg(long, default_value = crate::glossary::DEFAULT_SOURCE_LANG, value_name = "LANG")]
    source_lang: String,
    /// The journal database that keeps unsaved work [default: $MTPE_JOURNAL, else
    /// $XDG_STATE_HOME/mtpe/journal.sqlite].
    #[arg(long, value_name = "PATH")]
    journal: Option<PathBuf>,
    /// The revision store each save is recorded in [default: $MTPE_STORE, else
    /// history.sqlite3 in the user data directory].
    #[arg(long, value_name = "PATH")]
    store: Option<PathBuf>,
    /// Keep this article's journal when the session ends with everything saved, to resume
    /// it (undo included) next time; by default it is erased then.
    #[arg(long)]
    keep_journal: bool,
    /// Do not record saves in the revision store (the corrected text and its diff are
    /// still written).
    #[arg(long)]
    no_revisions: bool,
    /// After each save, erase this article's revisions recorded longer ago than DURATION
    /// (a number and a unit: s, m, h, d or w, as in 30d); the revision just recorded stays.
    #[arg(long, value_name = "DURATION", value_parser = parse_retention, conflicts_with = "no_revisions")]
    keep_revisions_for: Option<std::time::Duration>,
}

/// `--keep-revisions-for`: a duration of at least a second (zero would erase the revision
/// just recorded).
fn parse_retention(s: &str) -> Result<std::time::Duration, String> {
    let d = super::history::parse_duration(s)?;
    if d.is_zero() {
        return Err(format!(
            "{s:?}: keep revisions for at least 1s (--no-revisions keeps none)"
        ));
    }
    Ok(d)
}

/// An opened session and what to tell the post-editor on the first screen.
struct Prepared {
    session: Session,
    opening: Opening,
    warnings: Vec<String>,
}

/// Checks the arguments, opens the glossary and the session.
fn prepare(args: &EditArgs) -> Result<Prepared, Error> {
    if args.article.as_os_str() == "-" {
        return Err(Error::Usage(
            "mtpe edit needs the article's file name: standard input cannot be edited".into(),
        ));
    }
    let input = args
        .input
        .read(&args.article, args.target_lang.as_deref())?;
    let output = args
        .output
        .clone()
        .unwrap_or_else(|| default_output_path(&args.article));
    for target in [&output, &diff_path(&output)] {
        if crate::fsutil::same_file(target, &args.article) {
            return Err(Error::Usage(format!(
                "{} is the article itself; mtpe never overwrites the original, choose another -o",
                target.display()
            )));
        }
    }
    let journal = journal_path(args.journal.as_deref()).map_err(Error::Input)?;
    // A revision store that cannot be used is reported now, not at the first save.
    let store = crate::history::store_path(args.store.as_deref())?;
    match crate::history::Store::open_existing(&store) {
        Ok(store) => {
            store.revisions(&args.article, None)?;
        }
        Err(crate::history::StoreError::Missing { .. }) => {}
        Err(e) => return Err(e.into()),
    }
    // The configuration `mtpe check` would use for this article: its checks, severities,
    // allowed phrases and rules, its glossary and language.
    let configured = args.config.for_path(Some(&args.article))?;
    let mut warnings = Vec::new();
    let chosen = args
        .glossary
        .open_or(configured.glossary.as_deref(), |w| warnings.push(w))?;
    let glossary = chosen.map(|c| {
        let name = c.name();
        SessionGlossary::new(c.glossary, name)
    });
    let (user_words, dictionary) = args.spelling.user_words(|w| warnings.push(w))?;
    let mut check_options = configured.check.clone();
    if let Some(dialect) = args.spelling.dialect {
        check_options.dialect = Some(dialect);
    }
    let engine = match input {
        // The rule checks and those that compare each target with its source.
        Input::Bilingual(_) => Engine::configured_bilingual(&check_options, glossary.is_some()),
        Input::Text(_) => Engine::configured(&check_options, glossary.is_some()),
    }
    .map_err(Error::input)?;
    let engine = Arc::new(engine);
    let declared = match &input {
        Input::Bilingual(file) => file.target_language().map(str::to_string),
        Input::Text(_) => None,
    };
    let target_lang = args
        .target_lang
        .clone()
        .or(declared)
        .or_else(|| configured.target_lang.clone())
        .unwrap_or_else(|| "en".to_string());
    let config = SessionConfig {
        journal,
        output,
        target_lang,
        checking: CheckMode::Auto,
        dictionary: UserDictionary {
            path: dictionary,
            words: user_words,
        },
    };
    let output = config.output.clone();
    let (mut session, opening) = match input {
        Input::Text(doc) => Session::open_with_glossary(doc, engine, config, glossary),
        Input::Bilingual(file) => Session::open_units(*file, engine, config, glossary),
    }
    .map_err(Error::input)?;
    session.keep_journal(args.keep_journal);
    if opening == Opening::Fresh && output.exists() {
        warnings.push(format!(
            "{} was saved earlier; this session starts from the article and saving replaces \
             it (each save is kept: mtpe history {})",
            output.display(),
            args.article.display()
        ));
    }
    Ok(Prepared {
        session,
        opening,
        warnings,
    })
}

pub fn run(args: &EditArgs) -> Result<Outcome, Error> {
    // Input problems first, with the same messages as `mtpe check`.
    let Prepared {
        session,
        opening,
        warnings,
    } = prepare(args)?;
    for w in &warnings {
        error::warning(w);
    }
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(Error::Usage(
            "mtpe edit needs a terminal (use `mtpe check` in scripts and pipes)".into(),
        ));
    }
    let journal = session.journal_path().display().to_string();
    let options = AppOptions {
        source_lang: args.source_lang.clone(),
        revisions: (!args.no_revisions)
            .then(|| Recorder::new(args.store.clone()).keeping_for(args.keep_revisions_for)),
        panic_key: std::env::var(PANIC_KEY_ENV)
            .ok()
            .and_then(|k| k.chars().next()),
        warning: warnings.into_iter().next(),
        ..AppOptions::new((80, 24), tui::theme::Theme::from_env())
    };
    let app = App::new(session, &opening, options);
    // The terminal may be gone (hung up): messages are best effort.
    match tui::run_in_terminal(app) {
        Ok(Ended::Quit | Ended::EventsClosed) => Ok(Outcome::Clean),
        Ok(Ended::Signal) => Err(Error::Output(format!(
            "stopped; unsaved changes are kept in the journal {journal}"
        ))),
        Err(e) => Err(Error::Output(format!(
            "the editor stopped: {e}; every confirmed change is in the journal {journal}"
        ))),
    }
}
