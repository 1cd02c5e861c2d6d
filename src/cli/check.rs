//! `mtpe check`: run the checks over files and folders and print the issues as text,
//! JSON, JSON Lines, SARIF or GitHub workflow commands. Folders are walked by
//! [`super::walk`], files checked in parallel by [`super::batch`], reports rendered by
//! [`super::report_format`].

use std::num::NonZeroUsize;
use std::path::PathBuf;

use clap::Args;

use super::ColorChoice;
use super::batch::{self, Settings};
use super::config_option::ConfigOption;
use super::error::{Error, Outcome};
use super::glossary_option::GlossaryOption;
use super::input::InputOptions;
use super::report_format::{FailOn, Format};
use super::spelling_option::SpellingOption;
use super::style::Painter;
use super::walk::{Input, WalkOptions};

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files or folders to check; `-` reads standard input. Folders are walked
    /// recursively (see --hidden, --type, --glob).
    #[arg(required_unless_present = "list_checks", value_name = "PATH")]
    files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    #[command(flatten)]
    input: InputOptions,
    #[command(flatten)]
    glossary: GlossaryOption,
    #[command(flatten)]
    spelling: SpellingOption,
    /// Language of the texts (BCP 47); leftover-source-script checks are off for CJK
    /// targets [default: a bilingual file's target language, else the configuration's
    /// target-lang, else en].
    #[arg(long, value_name = "LANG")]
    target_lang: Option<String>,
    /// When to colour text output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// Also run these checks, off by default (ids or a category, comma-separated or
    /// repeated): style.long-sentence, style.oxford-comma, or style for both (the
    /// configuration's `enable` does the same).
    #[arg(long, value_name = "CHECK", value_delimiter = ',')]
    enable: Vec<String>,
    /// Spelling suggestions for the first N unknown words of each file, or `all` (they
    /// cost a dictionary search each).
    #[arg(long, value_name = "N|all", default_value = "100", value_parser = parse_suggestions)]
    suggestions: Suggestions,
    #[command(flatten)]
    walk: WalkOptions,
    /// Files checked at a time [default: the number of cores].
    #[arg(long, short = 'j', value_name = "N")]
    jobs: Option<NonZeroUsize>,
    /// After the issues, print issues per check and per file, the words checked and the
    /// issues per 1,000 words (in the JSON document for --format json, on standard error
    /// for the other machine formats).
    #[arg(long)]
    summary: bool,
    /// The lowest severity that makes the exit code 1.
    #[arg(long, value_enum, default_value_t = FailOn::Info, value_name = "SEVERITY")]
    fail_on: FailOn,
    #[command(flatten)]
    config: ConfigOption,
    /// List the checks (built-in ones and the configuration's rules) with their category,
    /// severity and options, as the configuration of the working folder sets them; then
    /// exit.
    #[arg(long)]
    list_checks: bool,
    /// Print the files that would be checked, in the order they would be reported, one
    /// per line; then exit (for splitting a run, see "Beyond one machine" in README.md).
    #[arg(long)]
    list_files: bool,
}

/// How many spelling issues of a file get suggestions (`None`: all).
#[derive(Debug, Clone, Copy)]
struct Suggestions(Option<usize>);

fn parse_suggestions(s: &str) -> Result<Suggestions, String> {
    if s == "all" {
        return Ok(Suggestions(None));
    }
    s.parse()
        .map(|n| Suggestions(Some(n)))
        .map_err(|_| format!("expected a number or `all`, not {s:?}"))
}

pub fn run(args: &CheckArgs) -> Result<Outcome, Error> {
    if args.list_checks {
        return super::config_cmd::list_checks(&args.config);
    }
    if args.files.iter().filter(|f| f.as_os_str() == "-").count() > 1 {
        return Err(Error::Usage(
            "standard input (-) can be checked only once".into(),
        ));
    }
    if args.input.source.is_some() && args.files.len() > 1 {
        return Err(Error::Usage(
            "--source pairs one article with its source text; give one article".into(),
        ));
    }
    let inputs: Vec<Input> = args.walk.inputs(&args.files)?;
    if args.list_files {
        return super::walk::list_files(&inputs);
    }
    let jobs = args
        .jobs
        .or_else(|| std::thread::available_parallelism().ok())
        .map_or(1, NonZeroUsize::get);
    let settings = Settings {
        format: args.format,
        painter: Painter::stdout(args.color),
        jobs,
        summary: args.summary,
        fail_on: args.fail_on,
        glossary: &args.glossary,
        spelling: &args.spelling,
        target_lang: args.target_lang.as_deref(),
        input: &args.input,
        config: &args.config,
        enable: &args.enable,
        suggestions: args.suggestions.0,
    };
    batch::run(&inputs, &settings)
}
