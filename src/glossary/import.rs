//! Reading glossary files: format detection, text decoding, language selection and the
//! errors that name the file, line and column. The formats themselves are in `table`
//! (TSV/CSV, OmegaT, spreadsheets) and `tbx`.

use std::borrow::Cow;
use std::ops::ControlFlow;
use std::path::Path;

use super::model::{EntryData, lang_matches};

/// A glossary file format mtpe reads and writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Tab-separated values with a header row.
    Tsv,
    /// Comma-separated values with a header row.
    Csv,
    /// TermBase eXchange (TBX v2 `martif` or TBX v3 `tbx`).
    Tbx,
}

impl Format {
    /// The format a file name implies.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "tsv" | "tab" | "txt" => Some(Format::Tsv),
            "csv" => Some(Format::Csv),
            "tbx" | "xml" => Some(Format::Tbx),
            _ => None,
        }
    }
}

/// A format mtpe imports: those it writes, and those of other tools.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportFormat {
    Tsv,
    Csv,
    Tbx,
    /// OmegaT's glossary: tab-separated, no header row, source, target and comment.
    OmegaT,
    /// A spreadsheet: XLSX, XLSM, XLSB, XLS or ODS.
    Spreadsheet,
}

impl From<Format> for ImportFormat {
    fn from(f: Format) -> Self {
        match f {
            Format::Tsv => ImportFormat::Tsv,
            Format::Csv => ImportFormat::Csv,
            Format::Tbx => ImportFormat::Tbx,
        }
    }
}

impl ImportFormat {
    /// The format a file name implies (`.utf8` is OmegaT's name for its UTF-8 glossaries;
    /// its `.txt` and `.tab` files are recognised by their content).
    pub fn from_path(path: &Path) -> Option<ImportFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "utf8" => Some(ImportFormat::OmegaT),
            "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" => Some(ImportFormat::Spreadsheet),
            _ => Format::from_path(path).map(Into::into),
        }
    }
}

/// What the user said about the file.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Overrides the format the extension implies.
    pub format: Option<ImportFormat>,
    /// BCP 47 tag (matched by prefix) of the source language to take.
    pub source_lang: Option<String>,
    /// BCP 47 tag (matched by prefix) of the target language to take.
    pub target_lang: Option<String>,
    /// Which column holds what (`--columns`), for a table whose header mtpe cannot read.
    pub columns: Option<super::table::ColumnMap>,
    /// The spreadsheet's sheet to read (default: the first).
    pub sheet: Option<String>,
}

/// Entries read from a file, and what the reading had to say.
#[derive(Debug, Clone, Default)]
pub struct Parsed {
    pub entries: Vec<EntryData>,
    pub report: ParseReport,
}

/// What a parse says besides its entries.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParseReport {
    /// Rows or concepts with nothing to import for the chosen languages.
    pub skipped: u64,
    /// Lines of the TSV/CSV rows skipped for want of a target term.
    pub skipped_lines: Vec<usize>,
    /// Remarks for the user (assumed languages, ignored columns).
    pub remarks: Vec<String>,
    /// The spreadsheet's sheet that was read (`skipped_lines` are then its rows).
    pub sheet: Option<String>,
    /// Rows a MateCat `Forbidden` column marks (among `skipped`): a forbidden term
    /// without a preferred one is no entry mtpe can hold.
    pub forbidden: u64,
}

/// Where a parser puts what it reads: each entry, as soon as it is complete, to a sink
/// (which may ask it to stop), and counts and remarks to a report.
pub(crate) struct Output<'a> {
    pub report: ParseReport,
    sink: &'a mut dyn FnMut(EntryData) -> ControlFlow<()>,
}

impl<'a> Output<'a> {
    pub fn new(sink: &'a mut dyn FnMut(EntryData) -> ControlFlow<()>) -> Self {
        Output {
            report: ParseReport::default(),
            sink,
        }
    }

    /// Hands an entry on; `Break` when the reader wants no more.
    pub fn entry(&mut self, entry: EntryData) -> ControlFlow<()> {
        (self.sink)(entry)
    }
}

impl Parsed {
    /// Everything a parser puts out, collected.
    #[cfg(test)]
    pub(crate) fn collect<E>(
        parse: impl FnOnce(&mut Output<'_>) -> Result<(), E>,
    ) -> Result<Parsed, E> {
        let mut entries = Vec::new();
        let mut sink = |e: EntryData| {
            entries.push(e);
            ControlFlow::Continue(())
        };
        let mut out = Output::new(&mut sink);
        parse(&mut out)?;
        let report = out.report;
        Ok(Parsed { entries, report })
    }
}

/// A file that cannot be imported: where and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}{}: {message}", location(*.line, *.column))]
pub struct ImportError {
    pub file: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

fn location(line: Option<usize>, column: Option<usize>) -> String {
    match (line, column) {
        (Some(l), Some(c)) => format!(":{l}:{c}"),
        (Some(l), None) => format!(":{l}"),
        _ => String::new(),
    }
}

/// An error without a file name yet: line, column, message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FormatError {
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

impl FormatError {
    pub fn at(line: usize, message: impl Into<String>) -> Self {
        FormatError {
            line: Some(line),
            column: None,
            message: message.into(),
        }
    }

    pub fn whole(message: impl Into<String>) -> Self {
        FormatError {
            line: None,
            column: None,
            message: message.into(),
        }
    }

    fn in_file(self, file: &str) -> ImportError {
        ImportError {
            file: file.to_string(),
            line: self.line,
            column: self.column,
            message: self.message,
        }
    }
}

/// Reads a glossary file.
pub fn read(path: &Path, options: &ImportOptions) -> Result<Parsed, ImportError> {
    let file = GlossaryFile::open(path, options)?;
    parse(&file.name, &file.bytes, file.format, options)
}

/// A glossary file's bytes and format, read but not yet parsed.
#[derive(Debug, Clone)]
pub struct GlossaryFile {
    /// The file name as messages show it.
    pub name: String,
    pub bytes: Vec<u8>,
    pub format: ImportFormat,
}

impl GlossaryFile {
    /// Reads `path`; its format is `options.format`, else what the extension says, else
    /// TBX if it looks like XML.
    pub fn open(path: &Path, options: &ImportOptions) -> Result<GlossaryFile, ImportError> {
        let name = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| ImportError {
            file: name.clone(),
            line: None,
            column: None,
            message: format!("cannot read: {e}"),
        })?;
        let format = options
            .format
            .or_else(|| ImportFormat::from_path(path))
            .or_else(|| sniff(&bytes))
            .ok_or_else(|| ImportError {
                file: name.clone(),
                line: None,
                column: None,
                message: "unknown format: name the file .tsv, .csv, .tbx, .utf8 (OmegaT), .xlsx or .ods, or pass --format"
                    .into(),
            })?;
        Ok(GlossaryFile {
            name,
            bytes,
            format,
        })
    }

    /// About how many entries the file holds (rows, or concepts), for a progress bar;
    /// blank lines and line breaks inside quoted fields make it high. `None` for a
    /// spreadsheet, whose rows are only known once it is unpacked.
    pub fn estimated_entries(&self) -> Option<u64> {
        let count = match self.format {
            // Lines, less the header.
            ImportFormat::Tsv | ImportFormat::Csv | ImportFormat::OmegaT => {
                let breaks = memchr::memchr_iter(b'\n', &self.bytes).count();
                let unterminated = self.bytes.last().is_some_and(|b| *b != b'\n');
                (breaks + usize::from(unterminated)).saturating_sub(1)
            }
            ImportFormat::Tbx => ["<termEntry", "<conceptEntry"]
                .iter()
                .map(|tag| memchr::memmem::find_iter(&self.bytes, tag.as_bytes()).count())
                .sum(),
            ImportFormat::Spreadsheet => return None,
        };
        Some(count as u64)
    }

    /// Parses the file, handing each entry to `sink` as soon as it is read; stops early
    /// when `sink` says `Break`.
    pub fn parse_into(
        &self,
        options: &ImportOptions,
        sink: &mut dyn FnMut(EntryData) -> ControlFlow<()>,
    ) -> Result<ParseReport, ImportError> {
        parse_into(&self.name, &self.bytes, self.format, options, sink)
    }
}

/// Parses glossary bytes in `format`; `name` is used in messages.
pub fn parse(
    name: &str,
    bytes: &[u8],
    format: ImportFormat,
    options: &ImportOptions,
) -> Result<Parsed, ImportError> {
    let mut entries = Vec::new();
    let report = parse_into(name, bytes, format, options, &mut |e| {
        entries.push(e);
        ControlFlow::Continue(())
    })?;
    Ok(Parsed { entries, report })
}

/// Parses glossary bytes in `format`, handing each entry to `sink`; `name` is used in
/// messages.
pub fn parse_into(
    name: &str,
    bytes: &[u8],
    format: ImportFormat,
    options: &ImportOptions,
    sink: &mut dyn FnMut(EntryData) -> ControlFlow<()>,
) -> Result<ParseReport, ImportError> {
    use super::table;
    let mut out = Output::new(sink);
    let result = match format {
        ImportFormat::Tsv => {
            decode_table(bytes).and_then(|t| table::read_text(&t, b'\t', options, &mut out))
        }
        ImportFormat::Csv => {
            decode_table(bytes).and_then(|t| table::read_text(&t, b',', options, &mut out))
        }
        ImportFormat::OmegaT => {
            decode_table(bytes).and_then(|t| table::read_omegat(&t, options, &mut out))
        }
        ImportFormat::Spreadsheet => table::read_spreadsheet(bytes, options, &mut out),
        ImportFormat::Tbx => super::tbx::read(bytes, options, &mut out),
    };
    result.map_err(|e| e.in_file(name))?;
    Ok(out.report)
}

/// Guesses XML, or a spreadsheet (a ZIP or an OLE compound file), from the first bytes.
fn sniff(bytes: &[u8]) -> Option<ImportFormat> {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        return Some(ImportFormat::Spreadsheet);
    }
    let start: Vec<u8> = bytes
        .iter()
        .copied()
        .filter(|b| *b != 0 && !b.is_ascii_whitespace())
        .take(5)
        .collect();
    (start.starts_with(b"<?xml") || start.starts_with(b"<")).then_some(ImportFormat::Tbx)
}

/// Text of a TSV/CSV file: UTF-8 with or without BOM, or UTF-16 with a BOM; anything else
/// is refused with the line of the first bad byte.
pub(crate) fn decode_table(bytes: &[u8]) -> Result<Cow<'_, str>, FormatError> {
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let body = &bytes[bom_len..];
        if enc == encoding_rs::UTF_8 {
            return utf8(body).map(Cow::Borrowed);
        }
        return enc
            .decode_without_bom_handling_and_without_replacement(body)
            .map(|s| Cow::Owned(s.into_owned()))
            .ok_or_else(|| FormatError::whole(format!("not valid {} text", enc.name())));
    }
    if let Some(at) = memchr::memchr(0, bytes) {
        return Err(nul_error(bytes, at));
    }
    utf8(bytes).map(Cow::Borrowed)
}

/// Text files hold no NUL bytes: such a file is UTF-16 without a byte-order mark, or not
/// text at all.
fn nul_error(bytes: &[u8], at: usize) -> FormatError {
    let sample = &bytes[..bytes.len().min(4096)];
    let (even, odd) = sample
        .iter()
        .enumerate()
        .fold((0, 0), |(e, o), (i, b)| match (b, i % 2) {
            (0, 0) => (e + 1, o),
            (0, _) => (e, o + 1),
            _ => (e, o),
        });
    let line = bytes[..at].iter().filter(|b| **b == b'\n').count() + 1;
    // UTF-16 puts the NUL halves of its ASCII characters (tabs and line breaks at least)
    // all at odd offsets (little-endian) or all at even ones; a binary file has them at both.
    let (major, minor) = (even.max(odd), even.min(odd));
    let message = if major >= 2 && minor * 10 <= major {
        let order = if odd > even { "UTF-16LE" } else { "UTF-16BE" };
        format!(
            "looks like {order} text without a byte-order mark; save it as UTF-8 (or as UTF-16 with a byte-order mark)"
        )
    } else {
        format!("a NUL byte at offset {at}: this is not a text file")
    };
    FormatError::at(line, message)
}

fn utf8(bytes: &[u8]) -> Result<&str, FormatError> {
    std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        let line = bytes[..at].iter().filter(|b| **b == b'\n').count() + 1;
        FormatError::at(
            line,
            format!(
                "not UTF-8 (byte 0x{:02X} at offset {at}); convert the file to UTF-8 first",
                bytes[at]
            ),
        )
    })
}

/// Which of a file's languages are source and target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LanguagePair {
    /// Index of the source language, `None` for a target-only glossary.
    pub source: Option<usize>,
    pub target: usize,
}

/// Picks the source and target among the languages a file holds: by the user's tags
/// (matched by prefix), else the only two (the file's main language `main`, if one of
/// them, as the source), else an error listing them.
/// The one of `langs` that is `want`, or the only one it matches by prefix (`what`:
/// "source" or "target", for messages).
pub(crate) fn find_language(langs: &[String], want: &str, what: &str) -> Result<usize, String> {
    if let Some(i) = langs.iter().position(|l| l.eq_ignore_ascii_case(want)) {
        return Ok(i);
    }
    let hits: Vec<usize> = (0..langs.len())
        .filter(|&i| lang_matches(&langs[i], want))
        .collect();
    match hits.as_slice() {
        [i] => Ok(*i),
        [] => Err(format!(
            "no {what} language matching \u{201c}{want}\u{201d}; the file has {}",
            langs.join(", ")
        )),
        _ => Err(format!(
            "\u{201c}{want}\u{201d} matches several languages ({}); pass the full tag",
            hits.iter()
                .map(|&i| langs[i].as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

pub(crate) fn pick_languages(
    langs: &[String],
    options: &ImportOptions,
    main: Option<&str>,
) -> Result<LanguagePair, String> {
    let listed = || langs.join(", ");
    let find = |want: &str, what: &str| find_language(langs, want, what);
    let others =
        |taken: usize| -> Vec<usize> { (0..langs.len()).filter(|&i| i != taken).collect() };
    if langs.is_empty() {
        return Err("the file names no languages".into());
    }
    match (&options.source_lang, &options.target_lang) {
        (Some(s), Some(t)) => {
            let source = find(s, "source")?;
            let target = find(t, "target")?;
            if source == target {
                return Err(format!("source and target are both {}", langs[source]));
            }
            Ok(LanguagePair {
                source: Some(source),
                target,
            })
        }
        (None, Some(t)) => {
            let target = find(t, "target")?;
            match others(target).as_slice() {
                [] => Ok(LanguagePair {
                    source: None,
                    target,
                }),
                [s] => Ok(LanguagePair {
                    source: Some(*s),
                    target,
                }),
                _ => Err(format!(
                    "the file has languages {}: pass --source-lang too",
                    listed()
                )),
            }
        }
        (Some(s), None) => {
            let source = find(s, "source")?;
            match others(source).as_slice() {
                [t] => Ok(LanguagePair {
                    source: Some(source),
                    target: *t,
                }),
                _ => Err(format!(
                    "the file has languages {}: pass --target-lang too",
                    listed()
                )),
            }
        }
        (None, None) => match langs.len() {
            1 => Ok(LanguagePair {
                source: None,
                target: 0,
            }),
            2 => {
                // "und" (undetermined) is the tag mtpe writes for source terms of no stated
                // language: never the target.
                let source = main
                    .and_then(|m| langs.iter().position(|l| l.eq_ignore_ascii_case(m)))
                    .or_else(|| langs.iter().position(|l| l.eq_ignore_ascii_case("und")))
                    .unwrap_or(0);
                Ok(LanguagePair {
                    source: Some(source),
                    target: 1 - source,
                })
            }
            _ => Err(format!(
                "the file has languages {}: pass --source-lang and --target-lang",
                listed()
            )),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(s: Option<&str>, t: Option<&str>) -> ImportOptions {
        ImportOptions {
            source_lang: s.map(str::to_string),
            target_lang: t.map(str::to_string),
            ..ImportOptions::default()
        }
    }

    #[test]
    fn picks_languages() {
        let langs: Vec<String> = ["en-US", "es", "fr"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(
            pick_languages(&langs, &opts(Some("en"), Some("fr")), None),
            Ok(LanguagePair {
                source: Some(0),
                target: 2
            })
        );
        let err = pick_languages(&langs, &opts(None, None), None).unwrap_err();
        assert!(err.contains("en-US, es, fr"), "{err}");
        assert!(
            pick_languages(&langs, &opts(Some("de"), Some("fr")), None)
                .unwrap_err()
                .contains("no source language matching")
        );
        let two: Vec<String> = ["zh", "en"].iter().map(|s| s.to_string()).collect();
        assert_eq!(
            pick_languages(&two, &opts(None, None), Some("en")),
            Ok(LanguagePair {
                source: Some(1),
                target: 0
            })
        );
        assert_eq!(
            pick_languages(&two, &opts(None, Some("en-GB")), None).map(|p| p.source),
            Ok(Some(0))
        );
        assert_eq!(
            pick_languages(&two, &opts(None, Some("fr")), None).map(|p| p.source),
            Err("no target language matching “fr”; the file has zh, en".into())
        );
        let gb: Vec<String> = ["en-GB", "en-US"].iter().map(|s| s.to_string()).collect();
        assert!(
            pick_languages(&gb, &opts(Some("en"), None), None)
                .unwrap_err()
                .contains("matches several")
        );
    }

    #[test]
    fn estimates_the_entries_of_a_file() {
        let file = |bytes: &str, format| GlossaryFile {
            name: "f".into(),
            bytes: bytes.as_bytes().to_vec(),
            format,
        };
        assert_eq!(
            file("source\ttarget\na\tb\nc\td\n", ImportFormat::Tsv).estimated_entries(),
            Some(2)
        );
        assert_eq!(
            file("source,target\na,b\nc,d", ImportFormat::Csv).estimated_entries(),
            Some(2)
        );
        assert_eq!(file("", ImportFormat::Csv).estimated_entries(), Some(0));
        let tbx =
            "<tbx><text><body><conceptEntry/><conceptEntry></conceptEntry></body></text></tbx>";
        assert_eq!(file(tbx, ImportFormat::Tbx).estimated_entries(), Some(2));
        assert_eq!(
            file("PK", ImportFormat::Spreadsheet).estimated_entries(),
            None
        );
    }

    #[test]
    fn decodes_bom_and_refuses_bad_utf8() {
        assert_eq!(decode_table(b"\xEF\xBB\xBFa\tb").unwrap(), "a\tb");
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("a\tb".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        assert_eq!(decode_table(&utf16).unwrap(), "a\tb");
        let le: Vec<u8> = "source\ttarget\n"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        let err = decode_table(&le).unwrap_err();
        assert!(
            err.message
                .contains("UTF-16LE text without a byte-order mark"),
            "{}",
            err.message
        );
        let be: Vec<u8> = "source\ttarget\n"
            .encode_utf16()
            .flat_map(|u| u.to_be_bytes())
            .collect();
        let err = decode_table(&be).unwrap_err();
        assert!(err.message.contains("UTF-16BE"), "{}", err.message);
        let err =
            decode_table(b"source\ttarget\nx\ty\n\x7fELF\0\x01\x02rest of a binary").unwrap_err();
        assert_eq!(err.line, Some(3));
        assert!(err.message.contains("not a text file"), "{}", err.message);
        // An executable's header: NUL bytes at odd and even offsets alike.
        let elf = b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0\x3e\0\x01\0\0\0\x60\x10\0\0";
        let err = decode_table(elf).unwrap_err();
        assert!(err.message.contains("not a text file"), "{}", err.message);
        // CJK text in UTF-16LE: NUL bytes only in its tabs and line breaks.
        let cjk: Vec<u8> = "网络强国\tcyberpower\n网络安全\tcybersecurity\n"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        assert!(decode_table(&cjk).unwrap_err().message.contains("UTF-16LE"));
        let err = decode_table(b"a\tb\nc\xE9\td\n").unwrap_err();
        assert_eq!(err.line, Some(2));
        assert!(err.message.contains("0xE9"));
    }
}
