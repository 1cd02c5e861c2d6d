//! `mtpe check`: run the checks over files and print the issues as text or JSON.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use rayon::prelude::*;

use super::ColorChoice;
use super::diagnostic;
use super::error::{self, Error, Outcome};
use super::glossary_option::GlossaryOption;
use super::input::{Input, InputOptions, ReadError};
use super::style::Painter;
use crate::check::{Engine, Issue, IssueRecord, Severity, check_bilingual};
use crate::document::Document;
use crate::document::units::BilingualFile;
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
    input: InputOptions,
    #[command(flatten)]
    glossary: GlossaryOption,
    /// Language of the texts (BCP 47); leftover-source-script checks are off for CJK
    /// targets [default: a bilingual file's target language, else en].
    #[arg(long, value_name = "LANG")]
    target_lang: Option<String>,
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

pub fn run(args: &CheckArgs) -> Result<Outcome, Error> {
    if args.files.iter().filter(|f| f.as_os_str() == "-").count() > 1 {
        return Err(Error::Usage(
            "standard input (-) can be checked only once".into(),
        ));
    }
    let mut glossary = args
        .glossary
        .open(error::warning)?
        .map(|chosen| chosen.glossary);
    // The rule checks; check_document runs the terminology checks beside them.
    let engine = Engine::standard(false);
    let stdout = std::io::stdout();
    let mut out = Output::new(
        args.format,
        std::io::BufWriter::new(stdout.lock()),
        Painter::stdout(args.color),
    );
    // One file at a time: each is loaded, checked, reported and dropped before the next.
    let mut failed = false;
    let mut found_issues = false;
    let mut result = Ok(());
    for path in &args.files {
        let input = match args.input.read(path, args.target_lang.as_deref()) {
            Ok(input) => input,
            Err(ReadError::Usage(m)) => return Err(Error::Usage(m)),
            Err(e) => {
                error::message(e);
                failed = true;
                continue;
            }
        };
        let lang = input.target_lang(args.target_lang.as_deref());
        let checked = match &input {
            Input::Text(doc) => check_document(doc, &lang, &engine, glossary.as_mut()),
            Input::Bilingual(file) => glossary
                .as_ref()
                .map(|g| g.term_index(&lang, None))
                .transpose()
                .map(|index| check_bilingual(file, &lang, index.as_ref())),
        };
        match checked {
            Ok(issues) => {
                found_issues |= !issues.is_empty();
                result = match &input {
                    Input::Text(doc) => out.file(Checked::Text(doc), &issues),
                    Input::Bilingual(file) => out.file(Checked::Bilingual(file), &issues),
                };
            }
            Err(e) => {
                error::message(e);
                failed = true;
                break;
            }
        }
        if result.is_err() {
            break;
        }
    }
    result
        .and_then(|()| out.finish())
        .map_err(|e| match Error::from(e) {
            Error::Output(m) => Error::Output(format!("cannot write the report: {m}")),
            other => other,
        })?;
    if failed {
        Err(Error::Reported)
    } else if found_issues {
        Ok(Outcome::Found)
    } else {
        Ok(Outcome::Clean)
    }
}

/// What was checked: an article, or a bilingual file (issues located in the file, with
/// their unit).
#[derive(Clone, Copy)]
enum Checked<'a> {
    Text(&'a Document),
    Bilingual(&'a BilingualFile),
}

impl Checked<'_> {
    fn name(&self) -> String {
        match self {
            Checked::Text(doc) => doc.name(),
            Checked::Bilingual(file) => file.name().to_string(),
        }
    }

    fn record(&self, issue: &Issue) -> IssueRecord {
        match self {
            Checked::Text(doc) => IssueRecord::new(doc, issue),
            Checked::Bilingual(file) => IssueRecord::in_file(file, issue),
        }
    }

    fn render(&self, issue: &Issue, painter: &Painter) -> String {
        match self {
            Checked::Text(doc) => diagnostic::render(doc, issue, painter),
            Checked::Bilingual(file) => diagnostic::render_in_file(file, issue, painter),
        }
    }
}

/// Issues rendered as JSON at a time (in parallel), to bound the memory it takes.
const JSON_BATCH: usize = 16 * 1024;

/// Writes the report as files are checked, so that only one document is in memory at a
/// time: JSON as one document built incrementally, text as diagnostics plus a summary.
struct Output<W: Write> {
    format: Format,
    out: W,
    painter: Painter,
    files: usize,
    counts: [usize; 3],
}

impl<W: Write> Output<W> {
    fn new(format: Format, out: W, painter: Painter) -> Self {
        Output {
            format,
            out,
            painter,
            files: 0,
            counts: [0; 3],
        }
    }

    fn file(&mut self, checked: Checked<'_>, issues: &[Issue]) -> std::io::Result<()> {
        match self.format {
            Format::Json => {
                let out = &mut self.out;
                out.write_all(if self.files == 0 {
                    b"{\"files\":["
                } else {
                    b","
                })?;
                out.write_all(b"{\"path\":")?;
                serde_json::to_writer(&mut *out, &checked.name())?;
                out.write_all(b",\"issues\":[")?;
                // Records are rendered on all cores, a batch at a time, and written in order.
                for (b, batch) in issues.chunks(JSON_BATCH).enumerate() {
                    let parts = batch
                        .par_chunks(256)
                        .map(|part| {
                            let mut buf = Vec::with_capacity(part.len() * 256);
                            for issue in part {
                                buf.push(b',');
                                serde_json::to_writer(&mut buf, &checked.record(issue))?;
                            }
                            Ok(buf)
                        })
                        .collect::<std::io::Result<Vec<Vec<u8>>>>()?;
                    for (p, part) in parts.iter().enumerate() {
                        let first = b == 0 && p == 0;
                        out.write_all(if first { &part[1..] } else { part })?;
                    }
                }
                out.write_all(b"]}")?;
            }
            Format::Text => {
                for issue in issues {
                    self.counts[issue.severity as usize] += 1;
                    writeln!(self.out, "{}", checked.render(issue, &self.painter))?;
                }
            }
        }
        self.files += 1;
        Ok(())
    }

    fn finish(mut self) -> std::io::Result<()> {
        if self.format == Format::Json {
            self.out.write_all(if self.files == 0 {
                b"{\"files\":[]}\n"
            } else {
                b"]}\n"
            })?;
            return self.out.flush();
        }
        self.out.flush()?;
        if self.files == 0 {
            return Ok(());
        }
        let counts = self.counts;
        let total: usize = counts.iter().sum();
        let files = self.files;
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
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
