//! `mtpe diff`: compare an original with its corrected version (two files, or a stored
//! revision of an article) and print a unified diff, a word diff, statistics or a report.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::ColorChoice;
use super::error::{self, Error, Outcome};
use super::glossary_option::GlossaryOption;
use super::output;
use super::style::Painter;
use crate::check::Engine;
use crate::check::terminology::TermIndex;
use crate::diff::unified_diff;
use crate::document::{Document, Origin, TextFormat, read_text};
use crate::history::{Store, store_path};
use crate::report::text::WordsStyle;
use crate::report::{IssueChecks, Report, UnitLines, html, json, markdown, text};

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The original (machine translation); with --rev, the article.
    #[arg(value_name = "ORIGINAL")]
    original: PathBuf,
    /// The corrected version (not with --rev).
    #[arg(value_name = "CORRECTED", required_unless_present = "rev")]
    corrected: Option<PathBuf>,
    /// Report on stored revision N of the article instead of a corrected file.
    #[arg(long, value_name = "N", conflicts_with = "corrected")]
    rev: Option<u32>,
    /// What to print.
    #[arg(long, value_enum, default_value_t = Format::Unified)]
    format: Format,
    /// Write to FILE instead of standard output (atomically; nothing on error).
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// When to colour the words format.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// Language of the texts (BCP 47), for the checks.
    #[arg(long, default_value = "en", value_name = "LANG")]
    target_lang: String,
    /// Do not run the checks (no issue section in the reports).
    #[arg(long)]
    no_checks: bool,
    #[command(flatten)]
    glossary: GlossaryOption,
    /// Revision store (default: $MTPE_STORE, else the user data directory).
    #[arg(long, value_name = "PATH")]
    store: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// A unified diff that `patch` and `git apply` accept.
    Unified,
    /// A word-level diff of each changed segment.
    Words,
    /// Summary figures: segments, words, characters, TER, issues.
    Stat,
    /// Everything, as one JSON document (schema in README.md).
    Json,
    /// A self-contained HTML page.
    Html,
    /// Summary and changed segments in Markdown.
    Markdown,
}

/// One of the two texts, with the origin reports name it by and the name its format is
/// detected by (a stored revision's is its article's path).
struct Text {
    origin: Origin,
    name: String,
    text: String,
    format: TextFormat,
}

impl Text {
    fn from_file((origin, text): (Origin, String)) -> Self {
        let name = origin.display_name();
        let format = TextFormat::from_name(&name);
        Text {
            origin,
            name,
            text,
            format,
        }
    }

    /// The document model, built only for the reports (the unified diff needs none).
    fn into_document(self) -> Document {
        Document::with_format(self.origin, self.text, self.format)
    }
}

/// The two texts to compare.
struct Pair {
    original: Text,
    corrected: Text,
    /// A stored revision's diff (used as is for the unified format).
    stored_diff: Option<String>,
}

/// Exit code 0 when the texts are identical, 1 when they differ (as `diff` does).
pub fn run(args: &DiffArgs) -> Result<Outcome, Error> {
    let pair = load(args)?;
    let identical = pair.original.text == pair.corrected.text;
    let content = match args.format {
        Format::Unified => unified(&pair),
        format => {
            let (original, corrected, units) = match bilingual(&pair)? {
                Some(paired) => paired,
                None => (
                    pair.original.into_document(),
                    pair.corrected.into_document(),
                    None,
                ),
            };
            let glossary = glossary_index(args, &original, &corrected)?;
            let engine = Engine::standard(glossary.is_some());
            let checks = issue_checks(args, &engine, glossary.as_ref());
            let mut report = Report::new(&original, &corrected, &checks);
            if let Some(units) = units {
                report = report.with_units(units);
            }
            match format {
                Format::Words => {
                    let painter = match &args.output {
                        Some(p) if p.as_os_str() != "-" => Painter::new(args.color, false),
                        _ => Painter::stdout(args.color),
                    };
                    text::words(&report, &words_style(painter))
                }
                Format::Stat => text::stat(&report),
                Format::Json => json::render(&report),
                Format::Html => html::render(&report),
                Format::Markdown => markdown::render(&report),
                Format::Unified => unreachable!("handled above"),
            }
        }
    };
    let article = args.corrected.as_deref().unwrap_or(&args.original);
    output::write_like(args.output.as_deref(), content.as_bytes(), Some(article))?;
    Ok(if identical {
        Outcome::Clean
    } else {
        Outcome::Found
    })
}

/// The glossary's entries that can occur in either text, with the glossary's name; none
/// without checks, with `--no-glossary`, or when the default glossary cannot be had (a
/// warning says so). An explicit glossary that cannot be read is an error.
fn glossary_index(
    args: &DiffArgs,
    original: &Document,
    corrected: &Document,
) -> Result<Option<(TermIndex, String)>, Error> {
    if args.no_checks {
        return Ok(None);
    }
    let Some(chosen) = args.glossary.open(error::warning)? else {
        return Ok(None);
    };
    let lang = &args.target_lang;
    let index = |doc| chosen.glossary.index_for_document(doc, lang);
    let (a, b) = (index(original)?, index(corrected)?);
    // One index with the entries of both.
    let mut entries = a.entries().to_vec();
    let seen: std::collections::HashSet<i64> = entries.iter().map(|e| e.id).collect();
    entries.extend(
        b.entries()
            .iter()
            .filter(|e| !seen.contains(&e.id))
            .cloned(),
    );
    let name = chosen.glossary.path().display().to_string();
    Ok(Some((TermIndex::new(entries), name)))
}

/// The checks the reports run: the rule checks, and the terminology checks with the
/// glossary when there is one.
fn issue_checks<'a>(
    args: &DiffArgs,
    engine: &'a Engine,
    glossary: Option<&'a (TermIndex, String)>,
) -> IssueChecks<'a> {
    if args.no_checks {
        return IssueChecks::none();
    }
    let Some((index, name)) = glossary else {
        return IssueChecks::with_engine(engine, &args.target_lang);
    };
    IssueChecks::with_glossary(engine, &args.target_lang, index, name.clone())
}

fn load(args: &DiffArgs) -> Result<Pair, Error> {
    if let Some(rev) = args.rev {
        let article = &args.original;
        let current = read_text(article).ok().map(|(_, text)| text);
        let path = store_path(args.store.as_deref())?;
        let store = Store::open_existing(&path)?;
        let revision = store.revision(article, current.as_deref(), Some(rev))?;
        if let Some(note) = revision.found.note(article) {
            error::note(note);
        }
        let name = article.display().to_string();
        let format = TextFormat::from_name(&name);
        let original = Text {
            origin: Origin::Memory(format!("{name} (original)")),
            name: name.clone(),
            text: revision.original,
            format,
        };
        let corrected = Text {
            origin: Origin::Memory(format!("{name} (revision {rev})")),
            name,
            text: revision.text,
            format,
        };
        return Ok(Pair {
            original,
            corrected,
            stored_diff: Some(revision.diff),
        });
    }
    let corrected_path = args
        .corrected
        .as_ref()
        .ok_or_else(|| Error::Usage("give the corrected file, or --rev N".into()))?;
    if args.original.as_os_str() == "-" && corrected_path.as_os_str() == "-" {
        return Err(Error::Usage(
            "standard input (-) can be only one of the two texts".into(),
        ));
    }
    Ok(Pair {
        original: Text::from_file(read_text(&args.original).map_err(Error::input)?),
        corrected: Text::from_file(read_text(corrected_path).map_err(Error::input)?),
        stored_diff: None,
    })
}

/// Two versions of a bilingual file (XLIFF, PO, TMX, TSV/CSV, detected as `check` does):
/// their targets paired by unit id, one line a unit, and the units' ids and sources. A
/// stored revision of a bilingual article whose texts are not the file (a file not in
/// UTF-8 is stored as its targets, one a line) is compared as text.
fn bilingual(pair: &Pair) -> Result<Option<(Document, Document, Option<UnitLines>)>, Error> {
    let (a, b) = (&pair.original, &pair.corrected);
    let paired = match crate::diff::units::pair_versions(
        (&a.name, a.text.as_bytes()),
        (&b.name, b.text.as_bytes()),
    ) {
        Ok(Some(paired)) => paired,
        Ok(None) => return Ok(None),
        Err(_) if pair.stored_diff.is_some() => return Ok(None),
        Err(e) => return Err(Error::input(e)),
    };
    let doc =
        |t: &Text, text: String| Document::with_format(t.origin.clone(), text, TextFormat::Plain);
    Ok(Some((
        doc(&pair.original, paired.original),
        doc(&pair.corrected, paired.corrected),
        Some(UnitLines {
            ids: paired.ids,
            sources: paired.sources,
        }),
    )))
}

fn unified(pair: &Pair) -> String {
    let (a, b) = (pair.original.text.as_str(), pair.corrected.text.as_str());
    if let Some(note) = crate::report::line_endings_note(a, b) {
        // A patch must carry every changed byte; say what the changes amount to.
        error::message(note);
    }
    if let Some(diff) = &pair.stored_diff {
        return diff.clone();
    }
    unified_diff(
        a,
        b,
        &pair.original.origin.display_name(),
        &pair.corrected.origin.display_name(),
    )
}

fn words_style(painter: Painter) -> WordsStyle<'static> {
    // The painter decides whether colour is on (terminal, NO_COLOR, --color).
    if painter.bold("x") == "x" {
        WordsStyle::PLAIN
    } else {
        WordsStyle {
            marks: crate::diff::words::Marks {
                delete: ("\x1b[31;9m", "\x1b[0m"),
                insert: ("\x1b[32;4m", "\x1b[0m"),
            },
            heading: ("\x1b[1m", "\x1b[0m"),
        }
    }
}
