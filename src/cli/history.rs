//! `mtpe history` (list an article's saved revisions, or record one) and `mtpe show` (print
//! a revision's text, its original or its diff).

use std::io::Write as _;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use super::error::{self, Error, Outcome};
use super::output;
use crate::document::read_text;
use crate::history::{History, RevisionInfo, Store, StoreError, store_path};
use crate::report::percent;

#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("pruning").args(["keep", "older_than"]).multiple(true))]
pub struct HistoryArgs {
    /// The article (the machine-translated file that was post-edited); with --keep or
    /// --older-than and no article, every article's revisions are pruned.
    #[arg(value_name = "ARTICLE", required_unless_present_any = ["keep", "older_than"])]
    article: Option<PathBuf>,
    /// Record CORRECTED as a new revision of ARTICLE (ARTICLE being its original) first.
    #[arg(long, value_name = "CORRECTED", conflicts_with_all = ["keep", "older_than"])]
    record: Option<PathBuf>,
    /// Prune: erase all but the latest N revisions (of ARTICLE, else of every article).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    keep: Option<u32>,
    /// Prune: erase the revisions recorded longer ago than DURATION (a number and a unit:
    /// s, m, h, d or w, as in 90d), of ARTICLE, else of every article.
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    older_than: Option<std::time::Duration>,
    /// Prune without asking (for scripts; required when standard input is not a terminal).
    #[arg(short, long, requires = "pruning")]
    yes: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    format: ListFormat,
    /// Revision store (default: $MTPE_STORE, else the user data directory).
    #[arg(long, value_name = "PATH")]
    store: Option<PathBuf>,
}

/// "90d", "12h", "2w", "30m", "45s" as a duration.
pub(super) fn parse_duration(s: &str) -> Result<std::time::Duration, String> {
    let s = s.trim();
    let split = s
        .find(|c: char| !c.is_ascii_digit())
        .ok_or_else(|| format!("{s:?}: give a unit (s, m, h, d or w), as in 90d"))?;
    let (number, unit) = s.split_at(split);
    let number: u64 = number
        .parse()
        .map_err(|_| format!("{s:?}: a number and a unit (s, m, h, d or w), as in 90d"))?;
    let seconds = match unit.trim() {
        "s" => 1,
        "m" | "min" => 60,
        "h" => 3600,
        "d" => 86_400,
        "w" => 7 * 86_400,
        other => return Err(format!("{other:?}: not a unit (s, m, h, d or w)")),
    };
    Ok(std::time::Duration::from_secs(
        number.saturating_mul(seconds),
    ))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ListFormat {
    /// A table.
    Text,
    /// A JSON array of revisions.
    Json,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The article.
    #[arg(value_name = "ARTICLE")]
    article: PathBuf,
    /// The revision number (default: the latest).
    #[arg(long, value_name = "N")]
    rev: Option<u32>,
    /// What to print.
    #[arg(long, value_enum, default_value_t = Part::Text)]
    part: Part,
    /// Write to FILE instead of standard output (atomically).
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Revision store (default: $MTPE_STORE, else the user data directory).
    #[arg(long, value_name = "PATH")]
    store: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Part {
    /// The corrected text, byte for byte.
    Text,
    /// The original it corrects.
    Original,
    /// The unified diff from the original.
    Diff,
}

/// The article's text as it is now, if readable (used to find a moved article).
fn current_text(article: &Path) -> Option<String> {
    read_text(article).ok().map(|(_, text)| text)
}

pub fn run_history(args: &HistoryArgs) -> Result<Outcome, Error> {
    let path = store_path(args.store.as_deref())?;
    if args.keep.is_some() || args.older_than.is_some() {
        return prune(args, &path);
    }
    let Some(article_path) = args.article.as_deref() else {
        return Err(Error::Usage("mtpe history needs an ARTICLE".into()));
    };
    let store = if let Some(corrected) = &args.record {
        let (_, original) = read_text(article_path).map_err(Error::input)?;
        let (_, text) = read_text(corrected).map_err(Error::input)?;
        let mut store = Store::open(&path)?;
        let recorded = store.record(article_path, &original, &text, Some(corrected))?;
        let article = article_path.display();
        let number = recorded.info.number;
        if recorded.created {
            error::message(format_args!("recorded revision {number} of {article}"));
        } else {
            error::message(format_args!(
                "revision {number} of {article} already holds this text; nothing recorded"
            ));
        }
        if let Some(from) = &recorded.moved_from {
            error::note(format_args!(
                "{article} continues the history of {from}, which is gone: moved or renamed \
                 (found by its text)"
            ));
        }
        store
    } else {
        match Store::open_existing(&path) {
            Ok(store) => store,
            // No store yet: nothing recorded, and a listing does not create one.
            Err(StoreError::Missing { .. }) => {
                return list(args, article_path, &History::default(), &path);
            }
            Err(e) => return Err(e.into()),
        }
    };
    let history = store.history(article_path, current_text(article_path).as_deref())?;
    list(args, article_path, &history, &path)
}

/// `--keep N` / `--older-than DURATION`: erases revisions, after asking.
fn prune(args: &HistoryArgs, path: &Path) -> Result<Outcome, Error> {
    let mut store = match Store::open_existing(path) {
        Ok(store) => store,
        Err(StoreError::Missing { .. }) => {
            error::message(format_args!(
                "no revision store at {}: nothing to prune",
                path.display()
            ));
            return Ok(Outcome::Clean);
        }
        Err(e) => return Err(e.into()),
    };
    let whose = match &args.article {
        Some(a) => format!("of {}", a.display()),
        None => "of every article".into(),
    };
    let mut which = Vec::new();
    if let Some(n) = args.keep {
        which.push(format!("all but the latest {n}"));
    }
    if let Some(d) = args.older_than {
        which.push(format!("those older than {}", describe_duration(d)));
    }
    let question = format!(
        "Erase the revisions {whose}: {}? This cannot be undone.",
        which.join(", and ")
    );
    if !super::forget::confirm(&question, args.yes)? {
        error::message("nothing erased");
        return Ok(Outcome::Found);
    }
    let erased = store.prune(
        args.article.as_deref(),
        crate::history::Prune {
            keep: args.keep,
            older_than: args.older_than,
        },
    )?;
    error::message(format_args!(
        "erased {} {whose} ({} rebuilt: no trace left)",
        if erased.revisions == 1 {
            "1 revision".to_string()
        } else {
            format!("{} revisions", erased.revisions)
        },
        path.display()
    ));
    if !erased.log_truncated {
        error::warning(
            "another mtpe is reading the store: its write-ahead log may still hold erased \
             text; run this again once it is closed",
        );
        return Ok(Outcome::Found);
    }
    Ok(Outcome::Clean)
}

/// "90 days", "12 hours".
fn describe_duration(d: std::time::Duration) -> String {
    let s = d.as_secs();
    for (unit, seconds) in [
        ("week", 7 * 86_400),
        ("day", 86_400),
        ("hour", 3600),
        ("minute", 60),
    ] {
        if s >= seconds && s.is_multiple_of(seconds) {
            let n = s / seconds;
            return format!("{n} {unit}{}", if n == 1 { "" } else { "s" });
        }
    }
    format!("{s} seconds")
}

/// Prints the revisions as asked; none is a listing too ("no revisions recorded", `[]`).
/// The text says how they were found: by the article's text, under the path of a file
/// that is gone; recorded under an earlier path; or, with none, another file's with the
/// same text.
fn list(
    args: &HistoryArgs,
    article: &Path,
    history: &History,
    store: &Path,
) -> Result<Outcome, Error> {
    let revisions = &history.revisions;
    let content = match args.format {
        ListFormat::Json => {
            let mut s = serde_json::to_string(revisions).map_err(std::io::Error::from)?;
            s.push('\n');
            s
        }
        ListFormat::Text if revisions.is_empty() => {
            let mut s = format!(
                "no revisions recorded for {} (store: {})\n",
                article.display(),
                store.display()
            );
            if let Some(same) = &history.same_text {
                s.push_str(&same.describe());
                s.push('\n');
            }
            s
        }
        ListFormat::Text => {
            let mut s = String::new();
            if let Some(note) = history.found.note(article) {
                s.push_str(&note);
                s.push('\n');
            }
            s.push_str(&table(revisions));
            s.push_str(&earlier_paths(revisions));
            s
        }
    };
    output::write(None, content.as_bytes())?;
    Ok(Outcome::Clean)
}

/// "revisions 1–2 were recorded as /x/old.txt", for each earlier path of the article.
fn earlier_paths(revisions: &[RevisionInfo]) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < revisions.len() {
        let r = &revisions[i];
        let run = revisions[i..]
            .iter()
            .take_while(|o| o.recorded_as == r.recorded_as)
            .count();
        if r.recorded_as != r.article {
            let last = revisions[i + run - 1].number;
            let which = if run == 1 {
                format!("revision {}", r.number)
            } else {
                format!("revisions {}\u{2013}{last}", r.number)
            };
            let were = if run == 1 { "was" } else { "were" };
            out.push_str(&format!(
                "{which} {were} recorded as {}, before the article was moved or renamed\n",
                r.recorded_as
            ));
        }
        i += run;
    }
    out
}

/// The revision list as an aligned table.
fn table(revisions: &[RevisionInfo]) -> String {
    let mut out = Vec::new();
    let _ = writeln!(
        out,
        "{:>4}  {:<24}  {:<12}  {:>17}  {:>7}  saved to",
        "rev", "saved (UTC)", "sha256", "segments changed", "TER"
    );
    for r in revisions {
        let s = &r.summary;
        let changed = format!("{}/{}", s.segments_changed, s.segments_total);
        let _ = writeln!(
            out,
            "{:>4}  {:<24}  {:<12}  {:>17}  {:>7}  {}",
            r.number,
            r.created_at,
            &r.sha256[..12.min(r.sha256.len())],
            changed,
            percent(s.ter),
            r.saved_to.as_deref().unwrap_or("-")
        );
    }
    String::from_utf8(out).unwrap_or_default()
}

pub fn run_show(args: &ShowArgs) -> Result<Outcome, Error> {
    let path = store_path(args.store.as_deref())?;
    let store = Store::open_existing(&path)?;
    let revision = store.revision(
        &args.article,
        current_text(&args.article).as_deref(),
        args.rev,
    )?;
    if let Some(note) = revision.found.note(&args.article) {
        error::note(note);
    }
    let content = match args.part {
        Part::Text => revision.text,
        Part::Original => revision.original,
        Part::Diff => revision.diff,
    };
    output::write_like(
        args.output.as_deref(),
        content.as_bytes(),
        Some(&args.article),
    )?;
    Ok(Outcome::Clean)
}
