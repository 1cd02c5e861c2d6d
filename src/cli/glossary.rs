//! `mtpe glossary init|add|edit|remove|list|search|show|import|export|stats`: the glossary
//! maintainers' commands. Argument parsing and printing only; the work is in
//! [`crate::glossary`].

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand, ValueEnum};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::{EXIT_ERROR, EXIT_OK};
use crate::glossary::ImportProgress;
use crate::glossary::export;
use crate::glossary::import::{self, GlossaryFile, ImportOptions};
use crate::glossary::loader::{self, ImportOutcome};
use crate::glossary::location::Location;
use crate::glossary::{
    Entry, EntryData, Fill, Glossary, GlossaryError, Term, TermStatus, canonical_language_tag,
    format_term, parse_term,
};

#[derive(Debug, Args)]
pub struct GlossaryArgs {
    /// Glossary file (default: $MTPE_GLOSSARY, else the user data directory's
    /// mtpe/glossary.sqlite, created with the shipped terms on first use).
    #[arg(long, global = true, value_name = "PATH")]
    glossary: Option<PathBuf>,
    #[command(subcommand)]
    command: GlossaryCommand,
}

#[derive(Debug, Subcommand)]
enum GlossaryCommand {
    /// Create a glossary, filled with the shipped zh→en cyberspace terms unless --empty.
    Init {
        /// Where to create it (default: --glossary, $MTPE_GLOSSARY or the default location).
        path: Option<PathBuf>,
        /// Create it without the shipped terms.
        #[arg(long)]
        empty: bool,
    },
    /// Add an entry: a preferred target term with its variants.
    Add(AddArgs),
    /// Change an entry's fields.
    Edit(EditArgs),
    /// Remove an entry.
    Remove {
        /// The entry's id (see `list`).
        id: i64,
    },
    /// List every entry.
    List {
        #[arg(long, value_enum, default_value_t = OutputFormat::Table)]
        format: OutputFormat,
    },
    /// Find entries whose source, target or variant terms contain TEXT (any case).
    Search {
        text: String,
        #[arg(long, value_enum, default_value_t = OutputFormat::Table)]
        format: OutputFormat,
    },
    /// Show one entry in full.
    Show {
        id: i64,
        #[arg(long, value_enum, default_value_t = OutputFormat::Table)]
        format: OutputFormat,
    },
    /// Import entries from a TSV, CSV or TBX file, merging those already present.
    Import(ImportArgs),
    /// Export the glossary as TSV, CSV or TBX (v3, TBX-Basic).
    Export {
        /// Format (default: from the output file's extension, .tsv .csv .tbx; else TSV).
        #[arg(long, value_enum)]
        format: Option<FileFormat>,
        /// Output file (default: standard output). Written whole or not at all.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Count entries, terms by status, languages and domains.
    Stats {
        #[arg(long, value_enum, default_value_t = OutputFormat::Table)]
        format: OutputFormat,
    },
}

/// Terms are written `TEXT`, or `TEXT # REASON` for a deprecated term; a leading `=` makes a
/// term case-sensitive and `~` case-insensitive (default: only terms in capitals, "CAC").
#[derive(Debug, Args)]
struct AddArgs {
    /// Source-language term (repeatable; none for a target-only entry).
    #[arg(long = "source", value_name = "TERM")]
    sources: Vec<String>,
    /// The preferred target term.
    #[arg(long, value_name = "TERM")]
    target: String,
    /// An admitted variant (repeatable).
    #[arg(long, value_name = "TERM")]
    admitted: Vec<String>,
    /// A deprecated rendering, optionally `TERM # REASON` (repeatable).
    #[arg(long, value_name = "TERM")]
    deprecated: Vec<String>,
    /// Note or definition; keep the evidence URL here.
    #[arg(long, default_value = "")]
    note: String,
    #[arg(long, default_value = "")]
    domain: String,
    /// Source language (BCP 47; default zh). Needs a --source term.
    #[arg(long, value_name = "LANG")]
    source_lang: Option<String>,
    /// Target language (BCP 47).
    #[arg(long, default_value = "en", value_name = "LANG")]
    target_lang: String,
}

#[derive(Debug, Args)]
struct EditArgs {
    /// The entry's id.
    id: i64,
    /// New preferred term (the old one becomes admitted).
    #[arg(long, value_name = "TERM")]
    target: Option<String>,
    /// Replace the source terms (repeatable).
    #[arg(long = "source", value_name = "TERM")]
    sources: Vec<String>,
    /// Add an admitted variant, or make an existing term admitted (repeatable).
    #[arg(long, value_name = "TERM")]
    admitted: Vec<String>,
    /// Add a deprecated rendering, or deprecate an existing term (repeatable).
    #[arg(long, value_name = "TERM")]
    deprecated: Vec<String>,
    /// Remove a target term (repeatable).
    #[arg(long = "remove-term", value_name = "TERM")]
    remove_terms: Vec<String>,
    #[arg(long)]
    note: Option<String>,
    #[arg(long)]
    domain: Option<String>,
    #[arg(long, value_name = "LANG")]
    source_lang: Option<String>,
    #[arg(long, value_name = "LANG")]
    target_lang: Option<String>,
}

#[derive(Debug, Args)]
struct ImportArgs {
    /// The file to import.
    file: PathBuf,
    /// File format (default: from the extension).
    #[arg(long, value_enum)]
    format: Option<FileFormat>,
    /// Source language to take from a multilingual file (BCP 47, matched by prefix).
    #[arg(long, value_name = "LANG")]
    source_lang: Option<String>,
    /// Target language to take from a multilingual file (BCP 47, matched by prefix).
    #[arg(long, value_name = "LANG")]
    target_lang: Option<String>,
    /// Report what would change without writing anything.
    #[arg(long)]
    dry_run: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum OutputFormat {
    /// A readable table.
    Table,
    /// JSON (an array of entries for list and search, one object for show and stats).
    Json,
    /// mtpe's TSV columns.
    Tsv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FileFormat {
    Tsv,
    Csv,
    Tbx,
}

impl From<FileFormat> for import::Format {
    fn from(f: FileFormat) -> Self {
        match f {
            FileFormat::Tsv => import::Format::Tsv,
            FileFormat::Csv => import::Format::Csv,
            FileFormat::Tbx => import::Format::Tbx,
        }
    }
}

/// An error for the user: printed as `mtpe: …`, exit code 2.
struct Failure(String);

impl From<GlossaryError> for Failure {
    fn from(e: GlossaryError) -> Self {
        Failure(e.to_string())
    }
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        // Standard output closed (piped into `head`): not worth a message, as for `check`.
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            Failure(String::new())
        } else {
            Failure(e.to_string())
        }
    }
}

pub fn run(args: &GlossaryArgs) -> u8 {
    match run_inner(args) {
        Ok(()) => EXIT_OK,
        Err(Failure(m)) => {
            if !m.is_empty() {
                eprintln!("mtpe: {m}");
            }
            EXIT_ERROR
        }
    }
}

/// Prints a line on standard output (`println!` would panic on a closed pipe).
fn say(line: std::fmt::Arguments<'_>) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    writeln!(out, "{line}")?;
    out.flush()?;
    Ok(())
}

fn open(args: &GlossaryArgs) -> Result<Glossary, Failure> {
    let location = Location::resolve(args.glossary.as_deref()).map_err(Failure)?;
    Ok(location.open()?)
}

fn run_inner(args: &GlossaryArgs) -> Result<(), Failure> {
    match &args.command {
        GlossaryCommand::Init { path, empty } => {
            let path = match path {
                Some(p) => p.clone(),
                None => Location::resolve(args.glossary.as_deref())
                    .map_err(Failure)?
                    .path()
                    .to_path_buf(),
            };
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
                && !dir.exists()
            {
                std::fs::create_dir_all(dir)
                    .map_err(|e| Failure(format!("{}: {e}", dir.display())))?;
            }
            let fill = if *empty { Fill::Empty } else { Fill::Shipped };
            // An empty file holds nothing to lose: it becomes the glossary.
            if crate::glossary::location::is_empty_file(&path) {
                std::fs::remove_file(&path)
                    .map_err(|e| Failure(format!("{}: {e}", path.display())))?;
            }
            let g = Glossary::create(&path, fill)?;
            let n = g.stats()?.entries;
            say(format_args!(
                "created {} with {n} entr{}",
                path.display(),
                plural_y(n)
            ))?;
            Ok(())
        }
        GlossaryCommand::Add(a) => {
            if let (Some(lang), true) = (&a.source_lang, a.sources.is_empty()) {
                return Err(Failure(format!(
                    "--source-lang {lang} needs a --source term (a target-only entry has no source language)"
                )));
            }
            let mut g = open(args)?;
            let mut data = EntryData {
                source_lang: a.source_lang.clone().unwrap_or_else(|| "zh".into()),
                target_lang: a.target_lang.clone(),
                sources: a.sources.clone(),
                note: a.note.clone(),
                domain: a.domain.clone(),
                ..EntryData::default()
            };
            if data.sources.is_empty() {
                data.source_lang.clear();
            }
            data.terms
                .push(parse_term(&a.target, TermStatus::Preferred));
            data.terms.extend(
                a.admitted
                    .iter()
                    .map(|t| parse_term(t, TermStatus::Admitted)),
            );
            data.terms.extend(
                a.deprecated
                    .iter()
                    .map(|t| parse_term(t, TermStatus::Deprecated)),
            );
            let id = g.add(data)?;
            say(format_args!("added entry {id}"))?;
            Ok(())
        }
        GlossaryCommand::Edit(e) => edit(args, e),
        GlossaryCommand::Remove { id } => {
            let mut g = open(args)?;
            g.remove(*id)?;
            say(format_args!("removed entry {id}"))?;
            Ok(())
        }
        GlossaryCommand::List { format } => {
            let g = open(args)?;
            print_entries(&g.list()?, *format)
        }
        GlossaryCommand::Search { text, format } => {
            let g = open(args)?;
            print_entries(&g.search(text)?, *format)
        }
        GlossaryCommand::Show { id, format } => {
            let g = open(args)?;
            let entry = g.get(*id)?.ok_or(GlossaryError::NoSuchEntry(*id))?;
            let mut out = std::io::stdout().lock();
            match format {
                OutputFormat::Json => {
                    serde_json::to_writer_pretty(&mut out, &entry).map_err(std::io::Error::from)?;
                    writeln!(out)?;
                }
                OutputFormat::Tsv => export::write(&[entry], import::Format::Tsv, &mut out)?,
                OutputFormat::Table => write!(out, "{}", show_entry(&entry))?,
            }
            Ok(())
        }
        GlossaryCommand::Import(i) => import_file(args, i),
        GlossaryCommand::Export { format, output } => {
            let format = export_format(*format, output.as_deref());
            let g = open(args)?;
            let entries = g.list()?;
            match output {
                None => {
                    let stdout = std::io::stdout();
                    let mut out = std::io::BufWriter::new(stdout.lock());
                    export::write(&entries, format, &mut out)?;
                    out.flush()?;
                }
                Some(path) => export::write_file(&entries, format, path)
                    .map_err(|e| Failure(e.to_string()))?,
            }
            Ok(())
        }
        GlossaryCommand::Stats { format } => {
            let g = open(args)?;
            let s = g.stats()?;
            let mut out = std::io::stdout().lock();
            if *format == OutputFormat::Table {
                writeln!(out, "glossary   {}", g.path().display())?;
                writeln!(out, "entries    {}", s.entries)?;
                writeln!(
                    out,
                    "terms      {} source, {} preferred, {} admitted, {} deprecated",
                    s.source_terms, s.preferred_terms, s.admitted_terms, s.deprecated_terms
                )?;
                for (src, tgt, n) in &s.language_pairs {
                    let src = if src.is_empty() { "-" } else { src };
                    writeln!(out, "languages  {src} \u{2192} {tgt}: {n}")?;
                }
                for (domain, n) in &s.domains {
                    let d = if domain.is_empty() { "(none)" } else { domain };
                    writeln!(out, "domain     {d}: {n}")?;
                }
            } else {
                serde_json::to_writer_pretty(&mut out, &s).map_err(std::io::Error::from)?;
                writeln!(out)?;
            }
            Ok(())
        }
    }
}

fn edit(args: &GlossaryArgs, e: &EditArgs) -> Result<(), Failure> {
    let mut g = open(args)?;
    let entry = g.get(e.id)?.ok_or(GlossaryError::NoSuchEntry(e.id))?;
    let mut data = entry.data.clone();
    if let Some(t) = &e.target {
        let new = parse_term(t, TermStatus::Preferred);
        for old in &mut data.terms {
            if old.status == TermStatus::Preferred {
                old.status = TermStatus::Admitted;
            }
        }
        data.terms.retain(|t| !t.same_as(&new));
        data.terms.insert(0, new);
    }
    if !e.sources.is_empty() {
        data.sources = e.sources.clone();
    }
    for t in &e.admitted {
        data.upsert_term(parse_term(t, TermStatus::Admitted));
    }
    for t in &e.deprecated {
        data.upsert_term(parse_term(t, TermStatus::Deprecated));
    }
    for t in &e.remove_terms {
        let gone = Term::new(t.as_str(), TermStatus::Admitted);
        let before = data.terms.len();
        data.terms
            .retain(|x| x.status == TermStatus::Preferred || !x.same_as(&gone));
        if data.terms.len() == before {
            return Err(Failure(format!(
                "entry {} has no removable term \u{201c}{t}\u{201d} (to replace the preferred term, use --target)",
                e.id
            )));
        }
    }
    if let Some(n) = &e.note {
        data.note = n.clone();
    }
    if let Some(d) = &e.domain {
        data.domain = d.clone();
    }
    if let Some(l) = &e.source_lang {
        if data.sources.is_empty() {
            return Err(Failure(format!(
                "--source-lang {l} needs a source term (add --source TERM): entry {} is target-only",
                e.id
            )));
        }
        data.source_lang = l.clone();
    }
    if let Some(l) = &e.target_lang {
        data.target_lang = l.clone();
    }
    // Nothing asked, or only what the entry already says: leave it (and its time) alone.
    let mut before = entry.data;
    before.normalize();
    let mut after = data.clone();
    after.normalize();
    if after == before {
        say(format_args!("entry {}: nothing to change", e.id))?;
        return Ok(());
    }
    g.update(e.id, data)?;
    say(format_args!("updated entry {}", e.id))?;
    Ok(())
}

/// A language tag given on the command line, in its usual case (`zh_cn` → `zh-CN`).
fn language_option(option: &str, tag: &Option<String>) -> Result<Option<String>, Failure> {
    let Some(tag) = tag else { return Ok(None) };
    match canonical_language_tag(tag.trim()) {
        Some(t) => Ok(Some(t.into_owned())),
        None => Err(Failure(format!(
            "{option} \u{201c}{tag}\u{201d} is not a language tag: write a BCP 47 tag such as en, en-US, zh-CN or zh-Hans"
        ))),
    }
}

fn import_file(args: &GlossaryArgs, i: &ImportArgs) -> Result<(), Failure> {
    let options = ImportOptions {
        format: i.format.map(Into::into),
        source_lang: language_option("--source-lang", &i.source_lang)?,
        target_lang: language_option("--target-lang", &i.target_lang)?,
    };
    let file = GlossaryFile::open(&i.file, &options).map_err(|e| Failure(e.to_string()))?;
    let mut g = open(args)?;
    let estimate = file.estimated_entries();
    let bar = if std::io::stderr().is_terminal() && estimate > 20_000 {
        let b = indicatif::ProgressBar::new(estimate);
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "{msg} [{bar:40}] {pos}/~{len} entries ({eta} left)",
        ) {
            b.set_style(style.progress_chars("=> "));
        }
        b.set_message("importing");
        b
    } else {
        indicatif::ProgressBar::hidden()
    };
    let result = loader::import_file(&mut g, &file, &options, i.dry_run, &mut |p| match p {
        ImportProgress::Entries(n) => {
            // The estimate counts lines: blank ones and quoted line breaks make it high.
            bar.set_length(n.max(bar.length().unwrap_or(0)));
            bar.set_position(n);
        }
        ImportProgress::Finishing if !bar.is_hidden() => {
            if let Ok(style) = indicatif::ProgressStyle::with_template("{spinner} {msg}") {
                bar.set_style(style);
            }
            bar.set_message(if i.dry_run {
                "finishing the dry run"
            } else {
                "writing the matcher snapshot and the index, committing"
            });
            bar.enable_steady_tick(std::time::Duration::from_millis(120));
        }
        ImportProgress::Finishing => {}
    });
    bar.finish_and_clear();
    let ImportOutcome {
        mut summary,
        report,
    } = result?;
    for r in &report.remarks {
        eprintln!("mtpe: note: {}: {r}", i.file.display());
    }
    summary.skipped += report.skipped;
    let verb = if i.dry_run {
        "would import"
    } else {
        "imported"
    };
    say(format_args!(
        "{verb} {}: {} added, {} updated, {} unchanged, {} skipped{}",
        i.file.display(),
        summary.added,
        summary.updated,
        summary.unchanged,
        summary.skipped,
        skipped_lines(&report.skipped_lines)
    ))?;
    Ok(())
}

/// How many skipped rows the summary lists by line.
const LISTED_LINES: usize = 10;

/// " (no target term on lines 3, 7 and 2 more)" for rows skipped without a target term.
fn skipped_lines(lines: &[usize]) -> String {
    if lines.is_empty() {
        return String::new();
    }
    let shown: Vec<String> = lines
        .iter()
        .take(LISTED_LINES)
        .map(usize::to_string)
        .collect();
    let more = match lines.len().saturating_sub(LISTED_LINES) {
        0 => String::new(),
        n => format!(" and {n} more"),
    };
    let noun = if lines.len() == 1 { "line" } else { "lines" };
    format!(" (no target term on {noun} {}{more})", shown.join(", "))
}

/// The export format: `--format`, else the output file's extension (`.tsv`, `.tab`,
/// `.txt`, `.csv`, `.tbx`, `.xml`), else TSV (with a note for an extension mtpe does not
/// know).
fn export_format(format: Option<FileFormat>, output: Option<&Path>) -> import::Format {
    if let Some(f) = format {
        return f.into();
    }
    let Some(path) = output else {
        return import::Format::Tsv;
    };
    import::Format::from_path(path).unwrap_or_else(|| {
        if let Some(ext) = path.extension() {
            eprintln!(
                "mtpe: note: {}: unknown extension .{}, writing TSV (name the file .tsv, .csv or .tbx, or pass --format)",
                path.display(),
                ext.to_string_lossy()
            );
        }
        import::Format::Tsv
    })
}

fn print_entries(entries: &[Entry], format: OutputFormat) -> Result<(), Failure> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match format {
        OutputFormat::Json => {
            serde_json::to_writer_pretty(&mut out, entries).map_err(std::io::Error::from)?;
            writeln!(out)?;
        }
        OutputFormat::Tsv => export::write(entries, import::Format::Tsv, &mut out)?,
        OutputFormat::Table => {
            if entries.is_empty() {
                eprintln!("no entries");
            } else {
                write!(out, "{}", table(entries, terminal_width()))?;
            }
        }
    }
    out.flush()?;
    Ok(())
}

fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .filter(|w| *w >= 40)
        .unwrap_or(100)
}

fn terms_of(e: &EntryData, status: TermStatus) -> String {
    e.terms_with(status)
        .map(|t| t.text.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}

/// A table of entries fitting `width` columns (cells cut with "…").
fn table(entries: &[Entry], width: usize) -> String {
    let header = [
        "ID",
        "SOURCE",
        "PREFERRED",
        "ADMITTED",
        "DEPRECATED",
        "DOMAIN",
    ];
    let rows: Vec<[String; 6]> = entries
        .iter()
        .map(|e| {
            [
                e.id.to_string(),
                e.data.sources.join("; "),
                terms_of(&e.data, TermStatus::Preferred),
                terms_of(&e.data, TermStatus::Admitted),
                terms_of(&e.data, TermStatus::Deprecated),
                e.data.domain.clone(),
            ]
        })
        .collect();
    let mut widths: Vec<usize> = (0..6)
        .map(|c| {
            rows.iter()
                .map(|r| r[c].width())
                .chain([header[c].len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    // Shrink the widest columns until the table fits (two spaces between columns).
    let total = |w: &[usize]| w.iter().sum::<usize>() + 2 * (w.len() - 1);
    while total(&widths) > width {
        let Some((i, &w)) = widths.iter().enumerate().skip(1).max_by_key(|(_, w)| **w) else {
            break;
        };
        if w <= 8 {
            break;
        }
        widths[i] = w - 1;
    }
    let mut out = String::new();
    let mut line = |cells: &[&str]| {
        let mut l = String::new();
        for (i, c) in cells.iter().enumerate() {
            let cell = fit(c, widths[i]);
            l.push_str(&cell);
            if i + 1 < cells.len() {
                l.push_str(&" ".repeat(widths[i] - cell.width() + 2));
            }
        }
        out.push_str(l.trim_end());
        out.push('\n');
    };
    line(&header);
    for r in &rows {
        let cells: Vec<&str> = r.iter().map(String::as_str).collect();
        line(&cells);
    }
    out
}

/// `s` cut to `width` display columns, with "…" when cut.
fn fit(s: &str, width: usize) -> String {
    let s = s.replace(['\n', '\r', '\t'], " ");
    if s.width() <= width {
        return s;
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw + 1 > width {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}

/// One entry in full, for `show`.
fn show_entry(e: &Entry) -> String {
    let d = &e.data;
    let mut out = String::new();
    let langs = if d.source_lang.is_empty() {
        d.target_lang.clone()
    } else {
        format!("{} \u{2192} {}", d.source_lang, d.target_lang)
    };
    out.push_str(&format!("entry {}  ({langs})\n", e.id));
    let mut field = |name: &str, value: &str| {
        if !value.is_empty() {
            out.push_str(&format!("  {name:<11} {value}\n"));
        }
    };
    field("source", &d.sources.join("; "));
    for t in &d.terms {
        let label = t.status.as_str();
        let mut text = format_term(t);
        if t.case_sensitive {
            text.push_str("  (case-sensitive)");
        }
        field(label, &text);
    }
    field("note", &d.note);
    field("domain", &d.domain);
    field("created", &e.created);
    field("updated", &e.updated);
    out
}

fn plural_y(n: i64) -> &'static str {
    if n == 1 { "y" } else { "ies" }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: i64, src: &str, pref: &str, dep: &[&str]) -> Entry {
        let mut data = EntryData::new("en", pref);
        data.source_lang = "zh".into();
        data.sources = vec![src.into()];
        data.terms
            .extend(dep.iter().map(|t| Term::new(*t, TermStatus::Deprecated)));
        Entry {
            id,
            data,
            created: "2026-01-01T00:00:00Z".into(),
            updated: "2026-01-01T00:00:00Z".into(),
        }
    }

    #[test]
    fn table_fits_the_width_and_handles_wide_characters() {
        let entries = vec![
            entry(
                1,
                "网络强国",
                "cyberpower",
                &["network power", "strong online country"],
            ),
            entry(12, "网络安全", "cybersecurity", &["network security"]),
        ];
        let t = table(&entries, 60);
        for line in t.lines() {
            assert!(line.width() <= 60, "{line:?}");
        }
        assert!(t.starts_with("ID  SOURCE"), "{t}");
        assert!(t.contains("网络强国"));
        assert!(t.contains('…'));
        insta::assert_snapshot!(table(&entries, 120));
    }

    #[test]
    fn the_export_format_comes_from_the_option_else_the_extension() {
        use import::Format;
        let f = |format, out: &str| export_format(format, Some(Path::new(out)));
        assert_eq!(f(None, "g.tbx"), Format::Tbx);
        assert_eq!(f(None, "G.CSV"), Format::Csv);
        assert_eq!(f(None, "g.tsv"), Format::Tsv);
        assert_eq!(f(None, "g.unknown"), Format::Tsv);
        assert_eq!(f(None, "glossary"), Format::Tsv);
        assert_eq!(f(Some(FileFormat::Csv), "g.tbx"), Format::Csv);
        assert_eq!(export_format(None, None), Format::Tsv);
    }

    #[test]
    fn skipped_rows_are_listed_by_line() {
        assert_eq!(skipped_lines(&[]), "");
        assert_eq!(skipped_lines(&[3]), " (no target term on line 3)");
        assert_eq!(
            skipped_lines(&(1..=12).collect::<Vec<_>>()),
            " (no target term on lines 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 and 2 more)"
        );
    }

    #[test]
    fn show_lists_every_field() {
        let mut e = entry(2, "网络强国", "cyberpower", &["network power"]);
        e.data.terms[1].reason = Some("literal".into());
        e.data.note = "Evidence: https://example.org".into();
        let s = show_entry(&e);
        assert!(s.contains("entry 2  (zh → en)"), "{s}");
        assert!(s.contains("deprecated  network power # literal"), "{s}");
        assert!(
            s.contains("note        Evidence: https://example.org"),
            "{s}"
        );
    }
}
