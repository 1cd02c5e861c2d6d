//! The output formats of `mtpe check`: each file's issues rendered on the worker that
//! checked it ([`render`]), then written in path order by a [`Sink`], which also keeps the
//! counts for the exit code and `--summary`.
//!
//! - `text`: compiler-style diagnostics ([`super::diagnostic`]);
//! - `json`: one document `{"files":[{"path","issues":[…]}]}` (schema in README.md);
//! - `jsonl`: one issue per line, with its `path` (for streaming and map-reduce);
//! - `sarif`: SARIF 2.1.0 ([`super::sarif`]);
//! - `github`: GitHub Actions workflow commands (`::warning file=…,line=…::message`).

use std::collections::BTreeMap;
use std::io::Write;

use clap::ValueEnum;
use rayon::prelude::*;

use super::diagnostic;
use super::sarif;
use super::style::Painter;
use crate::check::custom::RuleSpec;
use crate::check::{Issue, IssueRecord, Severity};
use crate::document::units::BilingualFile;
use crate::document::{Document, Position};

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Compiler-style diagnostics.
    Text,
    /// One JSON document (schema in README.md).
    Json,
    /// One JSON object per issue and line, with its path.
    Jsonl,
    /// SARIF 2.1.0, for code scanning and editors.
    Sarif,
    /// GitHub Actions workflow commands (annotations on a pull request).
    Github,
}

/// The lowest severity that makes `mtpe check` exit 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// Only errors.
    Error,
    /// Errors and warnings.
    Warning,
    /// Any issue.
    Info,
    /// Exit 0 whatever is found (2 still for input errors).
    Never,
}

impl FailOn {
    fn fails(self, severity: Severity) -> bool {
        match self {
            FailOn::Error => severity == Severity::Error,
            FailOn::Warning => severity <= Severity::Warning,
            FailOn::Info => true,
            FailOn::Never => false,
        }
    }
}

/// What was checked: an article, or a bilingual file (issues located in the file, with
/// their unit; a source-side issue in the source's text).
#[derive(Clone, Copy)]
pub enum Checked<'a> {
    Text(&'a Document),
    Bilingual(&'a BilingualFile),
}

/// Where a span is: its start and end, the text it covers, and its bytes in the file.
pub struct Place {
    pub start: Position,
    pub end: Position,
    pub snippet: String,
    pub bytes: std::ops::Range<usize>,
}

impl Checked<'_> {
    pub fn name(&self) -> String {
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

    /// The words checked: the article's, or the units' targets'.
    fn words(&self) -> usize {
        match self {
            Checked::Text(doc) => count_words(doc.text()),
            Checked::Bilingual(file) => file
                .units()
                .iter()
                .map(|u| count_words(&u.target.text))
                .sum(),
        }
    }

    /// Where `span` of `issue` (its own span or a related one, in the target's text unless
    /// the issue is in the source) is.
    pub fn place(&self, issue: &Issue, span: &std::ops::Range<usize>) -> Place {
        match self {
            Checked::Text(doc) => Place {
                start: doc.position(span.start),
                end: doc.position(span.end),
                snippet: doc.slice(span.clone()).to_string(),
                bytes: span.clone(),
            },
            Checked::Bilingual(file) if issue.is_in_source() && std::ptr::eq(span, &issue.span) => {
                let text = file.source_text();
                Place {
                    start: file.source_position(span.start),
                    end: file.source_position(span.end),
                    snippet: text.get(span.clone()).unwrap_or("").to_string(),
                    bytes: span.clone(),
                }
            }
            Checked::Bilingual(file) => Place {
                start: file.position(span.start),
                end: file.position(span.end),
                snippet: file.text().get(span.clone()).unwrap_or("").to_string(),
                bytes: file.byte_offset(span.start)..file.byte_offset(span.end),
            },
        }
    }
}

/// Issues rendered as JSON at a time (in parallel), to bound the memory it takes.
const JSON_BATCH: usize = 16 * 1024;

/// One file's issues, rendered.
#[derive(Debug, Default)]
pub struct Rendered {
    path: String,
    bytes: Vec<u8>,
    words: usize,
    counts: [usize; 3],
    by_check: BTreeMap<&'static str, usize>,
}

/// Renders the issues of `doc` in `format`.
/// The words checked are counted only for a `summary`, which alone reports them.
pub fn render(
    format: Format,
    doc: Checked<'_>,
    issues: &[Issue],
    painter: &Painter,
    summary: bool,
) -> std::io::Result<Rendered> {
    let path = doc.name();
    let mut bytes = Vec::new();
    match format {
        Format::Text => {
            for issue in issues {
                writeln!(bytes, "{}", doc.render(issue, painter))?;
            }
        }
        Format::Json => {
            bytes.extend_from_slice(b"{\"path\":");
            serde_json::to_writer(&mut bytes, &path)?;
            bytes.extend_from_slice(b",\"issues\":[");
            json_records(doc, issues, &mut bytes, None)?;
            bytes.extend_from_slice(b"]}");
        }
        Format::Jsonl => {
            let mut prefix = b"{\"path\":".to_vec();
            serde_json::to_writer(&mut prefix, &path)?;
            prefix.push(b',');
            json_records(doc, issues, &mut bytes, Some(&prefix))?;
        }
        Format::Sarif => {
            for (i, issue) in issues.iter().enumerate() {
                if i > 0 {
                    bytes.push(b',');
                }
                serde_json::to_writer(&mut bytes, &sarif::result(&doc, &path, issue))?;
            }
        }
        Format::Github => {
            for issue in issues {
                github_command(&mut bytes, &doc, &path, issue)?;
            }
        }
    }
    let mut rendered = Rendered {
        path,
        bytes,
        words: if summary { doc.words() } else { 0 },
        ..Rendered::default()
    };
    for issue in issues {
        rendered.counts[issue.severity as usize] += 1;
        *rendered.by_check.entry(issue.check).or_default() += 1;
    }
    Ok(rendered)
}

/// Renders the issue records of `doc` in parallel, a batch at a time, in order, after
/// `out`'s contents: comma-separated (JSON), or with `line_prefix` one per line (JSON Lines).
fn json_records(
    doc: Checked<'_>,
    issues: &[Issue],
    out: &mut Vec<u8>,
    line_prefix: Option<&[u8]>,
) -> std::io::Result<()> {
    let mut list = Vec::new();
    for batch in issues.chunks(JSON_BATCH) {
        let parts = batch
            .par_chunks(256)
            .map(|part| {
                let mut buf = Vec::with_capacity(part.len() * 256);
                let mut record = Vec::with_capacity(256);
                for issue in part {
                    record.clear();
                    serde_json::to_writer(&mut record, &doc.record(issue))?;
                    match line_prefix {
                        None => {
                            buf.push(b',');
                            buf.extend_from_slice(&record);
                        }
                        Some(prefix) => {
                            // `{"path":…,` then the record's members.
                            buf.extend_from_slice(prefix);
                            buf.extend_from_slice(&record[1..]);
                            buf.push(b'\n');
                        }
                    }
                }
                Ok(buf)
            })
            .collect::<std::io::Result<Vec<Vec<u8>>>>()?;
        for part in parts {
            list.extend_from_slice(&part);
        }
    }
    let skip = usize::from(line_prefix.is_none() && !list.is_empty());
    out.extend_from_slice(&list[skip..]);
    Ok(())
}

/// The whitespace-separated tokens of `text` that hold a letter or digit. One pass over
/// the bytes, decoding only non-ASCII characters (this runs for every file checked).
fn count_words(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut count = 0;
    let mut has_alphanumeric = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let (space, alphanumeric, len) = if b < 0x80 {
            // `char::is_whitespace` for ASCII: tab to carriage return, and space.
            (
                matches!(b, b'\t'..=b'\r' | b' '),
                b.is_ascii_alphanumeric(),
                1,
            )
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            (c.is_whitespace(), c.is_alphanumeric(), c.len_utf8())
        };
        if space {
            count += usize::from(has_alphanumeric);
            has_alphanumeric = false;
        } else {
            has_alphanumeric |= alphanumeric;
        }
        i += len;
    }
    count + usize::from(has_alphanumeric)
}

/// `::warning file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`.
fn github_command(
    out: &mut Vec<u8>,
    doc: &Checked<'_>,
    path: &str,
    issue: &Issue,
) -> std::io::Result<()> {
    let Place { start, end, .. } = doc.place(issue, &issue.span);
    let level = match issue.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    let mut message = issue.message.clone();
    if let Some(s) = issue.suggestions.first() {
        if s.is_empty() {
            message.push_str(" (suggestion: delete it)");
        } else {
            message.push_str(&format!(" (suggestion: \u{201c}{s}\u{201d})"));
        }
    }
    writeln!(
        out,
        "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}",
        escape_property(path),
        start.line,
        start.column,
        end.line,
        end.column,
        escape_property(issue.check),
        escape_data(&message)
    )
}

fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// Writes the rendered files in order and keeps the counts.
pub struct Sink<W: Write> {
    format: Format,
    out: W,
    files: usize,
    words: usize,
    counts: [usize; 3],
    by_check: BTreeMap<&'static str, usize>,
    by_file: Vec<(String, usize, usize)>,
    /// SARIF: the results so far, comma-separated.
    results: Vec<u8>,
    /// The team rules in use, for SARIF's rule list.
    rules: Vec<RuleSpec>,
}

impl<W: Write> Sink<W> {
    pub fn new(format: Format, out: W, rules: Vec<RuleSpec>) -> Self {
        Sink {
            format,
            out,
            files: 0,
            words: 0,
            counts: [0; 3],
            by_check: BTreeMap::new(),
            by_file: Vec::new(),
            results: Vec::new(),
            rules,
        }
    }

    /// Writes one file's issues.
    pub fn file(&mut self, r: Rendered) -> std::io::Result<()> {
        match self.format {
            Format::Json => {
                self.out.write_all(if self.files == 0 {
                    b"{\"files\":["
                } else {
                    b","
                })?;
                self.out.write_all(&r.bytes)?;
            }
            Format::Sarif => {
                if !r.bytes.is_empty() {
                    if !self.results.is_empty() {
                        self.results.push(b',');
                    }
                    self.results.extend_from_slice(&r.bytes);
                }
            }
            Format::Text | Format::Jsonl | Format::Github => self.out.write_all(&r.bytes)?,
        }
        self.files += 1;
        self.words += r.words;
        let total: usize = r.counts.iter().sum();
        for (k, v) in r.by_check {
            *self.by_check.entry(k).or_default() += v;
        }
        for (all, n) in self.counts.iter_mut().zip(r.counts) {
            *all += n;
        }
        self.by_file.push((r.path, total, r.words));
        // Streamed formats reach a reader as each file is done.
        if matches!(self.format, Format::Jsonl | Format::Github) {
            self.out.flush()?;
        }
        Ok(())
    }

    /// Whether the issues found make the run fail under `fail_on`.
    pub fn fails(&self, fail_on: FailOn) -> bool {
        [Severity::Error, Severity::Warning, Severity::Info]
            .into_iter()
            .any(|s| self.counts[s as usize] > 0 && fail_on.fails(s))
    }

    /// Closes the output; with `summary`, adds the summary (to standard output for text
    /// and JSON, else to standard error so that the machine format stays valid).
    pub fn finish(mut self, summary: bool) -> std::io::Result<()> {
        match self.format {
            Format::Json => {
                self.out.write_all(if self.files == 0 {
                    b"{\"files\":[]"
                } else {
                    b"]"
                })?;
                if summary {
                    self.out.write_all(b",\"summary\":")?;
                    let record = self.summary_record();
                    serde_json::to_writer(&mut self.out, &record)?;
                }
                self.out.write_all(b"}\n")?;
            }
            Format::Sarif => {
                sarif::write_log(&mut self.out, &self.rules, &self.results)?;
            }
            Format::Text => {
                if summary {
                    let text = self.summary_text();
                    self.out.write_all(text.as_bytes())?;
                }
            }
            Format::Jsonl | Format::Github => {}
        }
        self.out.flush()?;
        if summary && !matches!(self.format, Format::Text | Format::Json) {
            eprint!("{}", self.summary_text());
        }
        if self.format == Format::Text && self.files > 0 {
            eprintln!("{}", self.totals_line());
        }
        Ok(())
    }

    fn total(&self) -> usize {
        self.counts.iter().sum()
    }

    fn per_thousand(&self) -> f64 {
        if self.words == 0 {
            0.0
        } else {
            self.total() as f64 * 1000.0 / self.words as f64
        }
    }

    fn totals_line(&self) -> String {
        let counts = self.counts;
        let total = self.total();
        let files = self.files;
        if total == 0 {
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
        }
    }

    fn checks_by_count(&self) -> Vec<(&'static str, usize)> {
        let mut checks: Vec<(&'static str, usize)> =
            self.by_check.iter().map(|(k, v)| (*k, *v)).collect();
        checks.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        checks
    }

    fn summary_text(&self) -> String {
        let mut s = format!(
            "\nsummary: {} file{}, {} word{}, {} issue{} ({:.2} per 1,000 words)\n",
            self.files,
            plural(self.files),
            self.words,
            plural(self.words),
            self.total(),
            plural(self.total()),
            self.per_thousand()
        );
        if !self.by_check.is_empty() {
            s.push_str("by check:\n");
            for (check, n) in self.checks_by_count() {
                s.push_str(&format!("  {n:>6}  {check}\n"));
            }
        }
        if !self.by_file.is_empty() {
            s.push_str("by file:\n");
            for (path, n, words) in &self.by_file {
                s.push_str(&format!("  {n:>6}  {path} ({words} words)\n"));
            }
        }
        s
    }

    fn summary_record(&self) -> serde_json::Value {
        serde_json::json!({
            "files": self.files,
            "words": self.words,
            "issues": self.total(),
            "errors": self.counts[Severity::Error as usize],
            "warnings": self.counts[Severity::Warning as usize],
            "infos": self.counts[Severity::Info as usize],
            "issues_per_1000_words": (self.per_thousand() * 100.0).round() / 100.0,
            "by_check": self.checks_by_count().iter()
                .map(|(c, n)| serde_json::json!({"check": c, "issues": n}))
                .collect::<Vec<_>>(),
            "by_file": self.by_file.iter()
                .map(|(p, n, w)| serde_json::json!({"path": p, "issues": n, "words": w}))
                .collect::<Vec<_>>(),
        })
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workflow_commands_escape_their_properties_and_data() {
        assert_eq!(escape_data("50% a\nb"), "50%25 a%0Ab");
        assert_eq!(escape_property("a,b:c"), "a%2Cb%3Ac");
    }

    #[test]
    fn fail_on_thresholds() {
        assert!(FailOn::Warning.fails(Severity::Error));
        assert!(FailOn::Warning.fails(Severity::Warning));
        assert!(!FailOn::Warning.fails(Severity::Info));
        assert!(!FailOn::Error.fails(Severity::Warning));
        assert!(!FailOn::Never.fails(Severity::Error));
    }

    #[test]
    fn words_are_runs_with_a_letter_or_digit() {
        assert_eq!(count_words("One, two -- 3 ... words"), 4);
        // As the tokens of `split_whitespace` that hold a letter or digit, for any text.
        let pieces = [
            "a", "Ü", "中", " ", "\t", "\u{b}", "\n", "\u{a0}", "\u{3000}", "--", ",", "\u{85}",
            "9",
        ];
        let mut rng = crate::testing::Rng(0x5eed_00c0);
        for _ in 0..2000 {
            let text: String = (0..rng.below(12))
                .map(|_| pieces[rng.below(pieces.len())])
                .collect();
            let plain = text
                .split_whitespace()
                .filter(|w| w.chars().any(char::is_alphanumeric))
                .count();
            assert_eq!(count_words(&text), plain, "{text:?}");
        }
    }
}
