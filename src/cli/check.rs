//! `mtpe check`: run the checks over files and print the issues as text or JSON.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::diagnostic;
use super::glossary_option::GlossaryOption;
use super::style::Painter;
use super::{ColorChoice, EXIT_ERROR, EXIT_ISSUES, EXIT_OK};
use crate::check::{Engine, Issue, IssueRecord, Severity, registry};
use crate::document::Document;
use crate::glossary::check_document;

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files to check; `-` reads standard input.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    #[command(flatten)]
    glossary: GlossaryOption,
    /// Language of the texts (BCP 47); leftover-source-script checks are off for CJK targets.
    #[arg(long, default_value = "en", value_name = "LANG")]
    target_lang: String,
    /// When to colour text output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Compiler-style diagnostics.
    Text,
    /// One JSON document (schema in README.md).
    Json,
}

#[derive(serde::Serialize)]
struct JsonReport<'a> {
    files: Vec<JsonFile<'a>>,
}

#[derive(serde::Serialize)]
struct JsonFile<'a> {
    path: &'a str,
    issues: Vec<IssueRecord>,
}

pub fn run(args: &CheckArgs) -> u8 {
    if args.files.iter().filter(|f| f.as_os_str() == "-").count() > 1 {
        eprintln!("mtpe: standard input (-) can be checked only once");
        return EXIT_ERROR;
    }
    let mut glossary = match args
        .glossary
        .open(|warning| eprintln!("mtpe: warning: {warning}"))
    {
        Ok(g) => g.map(|chosen| chosen.glossary),
        Err(message) => {
            eprintln!("mtpe: {message}");
            return EXIT_ERROR;
        }
    };
    let engine = Engine::new(registry::rule_checks());
    let mut failed = false;
    let mut results: Vec<(Document, Vec<Issue>)> = Vec::new();
    for path in &args.files {
        match Document::load(path) {
            Ok(doc) => match check_document(&doc, &args.target_lang, &engine, glossary.as_mut()) {
                Ok(issues) => results.push((doc, issues)),
                Err(e) => {
                    eprintln!("mtpe: {e}");
                    return EXIT_ERROR;
                }
            },
            Err(e) => {
                eprintln!("mtpe: {e}");
                failed = true;
            }
        }
    }
    let written = match args.format {
        Format::Json => write_json(&results),
        Format::Text => write_text(&results, Painter::stdout(args.color)),
    };
    if let Err(e) = written {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("mtpe: cannot write the report: {e}");
        }
        return EXIT_ERROR;
    }
    if failed {
        EXIT_ERROR
    } else if results.iter().any(|(_, issues)| !issues.is_empty()) {
        EXIT_ISSUES
    } else {
        EXIT_OK
    }
}

fn write_json(results: &[(Document, Vec<Issue>)]) -> std::io::Result<()> {
    let names: Vec<String> = results.iter().map(|(d, _)| d.name()).collect();
    let report = JsonReport {
        files: results
            .iter()
            .zip(&names)
            .map(|((doc, issues), name)| JsonFile {
                path: name,
                issues: issues.iter().map(|i| IssueRecord::new(doc, i)).collect(),
            })
            .collect(),
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    serde_json::to_writer(&mut out, &report)?;
    writeln!(out)?;
    out.flush()
}

fn write_text(results: &[(Document, Vec<Issue>)], painter: Painter) -> std::io::Result<()> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut counts = [0usize; 3];
    for (doc, issues) in results {
        for issue in issues {
            counts[issue.severity as usize] += 1;
            writeln!(out, "{}", diagnostic::render(doc, issue, &painter))?;
        }
    }
    out.flush()?;
    if results.is_empty() {
        return Ok(());
    }
    let total: usize = counts.iter().sum();
    let files = results.len();
    let summary = if total == 0 {
        format!("no issues in {files} file{}", plural(files))
    } else {
        format!(
            "{total} issue{} ({} error{}, {} warning{}, {} info) in {files} file{}",
            plural(total),
            counts[Severity::Error as usize],
            plural(counts[Severity::Error as usize]),
            counts[Severity::Warning as usize],
            plural(counts[Severity::Warning as usize]),
            counts[Severity::Info as usize],
            plural(files)
        )
    };
    eprintln!("{summary}");
    Ok(())
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
