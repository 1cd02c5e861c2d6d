//! TSV and CSV glossaries with a header row (columns documented in README.md):
//!
//! - mtpe's own form: `source_lang, target_lang, source, preferred, admitted, deprecated,
//!   note, domain`, several terms in a cell separated by `|`, a deprecated term's reason
//!   after ` # `, and `=` / `~` before a term whose case sensitivity differs from the
//!   default (`=` case-sensitive, `~` not);
//! - the plain two-column form of DeepL and Google glossaries (`source, target`, or the
//!   two language codes as headers), and multilingual files with one column per language
//!   (`en, es, fr`), from which `--source-lang` / `--target-lang` pick the pair.
//!
//! Fields may be quoted (`"…"`, doubled quotes inside) and then hold separators and line
//! breaks.

use super::import::{FormatError, ImportOptions, Output, pick_languages};
use super::model::{EntryData, Term, one_line_in_place};
use crate::check::terminology::TermStatus;

/// What a header cell names.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Column {
    SourceLang,
    TargetLang,
    Source,
    Preferred,
    Admitted,
    Deprecated,
    Note,
    Domain,
    /// A column of terms in one language (multilingual and language-headed files).
    Language(String),
    /// Known but not imported (ids, times).
    Ignored,
}

/// The columns mtpe writes, in order.
pub const EXPORT_HEADER: [&str; 8] = [
    "source_lang",
    "target_lang",
    "source",
    "preferred",
    "admitted",
    "deprecated",
    "note",
    "domain",
];

fn column_of(header: &str) -> Option<Column> {
    let h = header.trim().trim_start_matches('\u{feff}');
    let norm: String = h
        .to_ascii_lowercase()
        .chars()
        .map(|c| if c == ' ' || c == '-' { '_' } else { c })
        .collect();
    let col = match norm.as_str() {
        "source_lang" | "source_language" | "src_lang" => Column::SourceLang,
        "target_lang" | "target_language" | "tgt_lang" => Column::TargetLang,
        "source" | "source_term" | "source_terms" | "src" | "term" => Column::Source,
        "target" | "target_term" | "preferred" | "preferred_term" | "tgt" | "translation" => {
            Column::Preferred
        }
        "admitted" | "admitted_terms" | "admitted_variants" | "variants" | "synonyms" => {
            Column::Admitted
        }
        "deprecated" | "deprecated_terms" | "deprecated_variants" | "forbidden" | "do_not_use" => {
            Column::Deprecated
        }
        "note" | "notes" | "definition" | "comment" | "comments" | "description" => Column::Note,
        "domain" | "subject" | "subject_field" => Column::Domain,
        "id" | "created" | "updated" | "status" => Column::Ignored,
        _ if is_language_tag(h) => Column::Language(h.to_string()),
        _ => return None,
    };
    Some(col)
}

/// ISO 639-1 language codes, and the three-letter codes common in glossaries.
const LANGUAGES: &str = "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca \
    ce ch co cr cs cu cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu \
    gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko \
    kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl \
    nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn \
    so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo \
    xh yi yo za zh zu yue cmn wuu hak nan fil haw ast ceb ckb zsm";

/// A BCP 47 tag whose language is a known code, then subtags of 1–8 letters or digits
/// ("en", "en-US", "zh-Hans-CN"); so that a first data row ("car,coche") is never
/// mistaken for a header.
fn is_language_tag(s: &str) -> bool {
    let mut parts = s.split(['-', '_']);
    let Some(lang) = parts.next() else {
        return false;
    };
    let lang = lang.to_ascii_lowercase();
    LANGUAGES.split_ascii_whitespace().any(|l| l == lang)
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// The columns of a file without a header whose first row is `first`: two columns
/// (source and target), or four whose last two are language tags (DeepL's export:
/// source, target, source language, target language).
fn headerless_columns(first: &csv::StringRecord) -> Option<Vec<Column>> {
    let names = |cells: &[&str]| cells.iter().any(|c| column_of(c).is_some());
    match first.len() {
        2 if !names(&[&first[0], &first[1]]) => Some(vec![Column::Source, Column::Preferred]),
        4 if !names(&[&first[0], &first[1]])
            && is_language_tag(first[2].trim())
            && is_language_tag(first[3].trim()) =>
        {
            Some(vec![
                Column::Source,
                Column::Preferred,
                Column::SourceLang,
                Column::TargetLang,
            ])
        }
        _ => None,
    }
}

/// Splits a multi-term cell.
fn split_terms(cell: &str) -> impl Iterator<Item = &str> {
    cell.split('|').map(str::trim).filter(|s| !s.is_empty())
}

/// A term from a cell item (or a command-line value): `TEXT`, `TEXT # REASON` for a
/// deprecated term, with `=` (case-sensitive) or `~` (case-insensitive) in front to override
/// the default case sensitivity.
pub fn parse_term(item: &str, status: TermStatus) -> Term {
    let (item, case) = if let Some(rest) = item.strip_prefix('=') {
        (rest.trim_start(), Some(true))
    } else if let Some(rest) = item.strip_prefix('~') {
        (rest.trim_start(), Some(false))
    } else {
        (item, None)
    };
    // The reason's separator as the entry will be stored: a term is one line.
    let mut item = item.to_owned();
    one_line_in_place(&mut item);
    let (text, reason) = match item.split_once(" # ") {
        Some((t, r)) if status == TermStatus::Deprecated => (t.trim(), Some(r.trim().to_string())),
        _ => (item.as_str(), None),
    };
    let mut term = Term::new(text, status).with_reason(reason);
    if let Some(cs) = case {
        term.case_sensitive = cs;
    }
    term
}

/// Writes a term as a cell item (the inverse of [`parse_term`]).
pub fn format_term(term: &Term) -> String {
    let mut out = String::new();
    // A text starting with a marker keeps it only behind another one.
    if term.case_is_explicit() || term.text.starts_with(['=', '~']) {
        out.push(if term.case_sensitive { '=' } else { '~' });
    }
    out.push_str(&term.text);
    if let Some(r) = &term.reason {
        out.push_str(" # ");
        out.push_str(r);
    }
    out
}

/// Reads a TSV (`delimiter` = tab) or CSV glossary.
pub(crate) fn read(
    text: &str,
    delimiter: u8,
    options: &ImportOptions,
    out: &mut Output<'_>,
) -> Result<(), FormatError> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    // The reader's positions point before the blank lines it skips.
    let record_line = |r: &csv::StringRecord| {
        let Some(p) = r.position() else { return 0 };
        let mut line = p.line() as usize;
        for b in text.as_bytes().iter().skip(p.byte() as usize) {
            match b {
                b'\n' => line += 1,
                b'\r' => {}
                _ => break,
            }
        }
        line
    };
    let header = loop {
        match records.next() {
            None => return Err(FormatError::whole("the file is empty")),
            Some(Err(e)) => return Err(csv_error(&e)),
            Some(Ok(r)) if r.iter().all(|c| c.trim().is_empty()) => continue,
            Some(Ok(r)) => break r,
        }
    };
    let header_line = record_line(&header);
    let mut columns = Vec::with_capacity(header.len());
    let mut unknown = Vec::new();
    for cell in header.iter() {
        match column_of(cell) {
            Some(c) => columns.push(c),
            None => {
                unknown.push(cell.trim().to_string());
                columns.push(Column::Ignored);
            }
        }
    }
    let known = columns.iter().filter(|c| **c != Column::Ignored).count();
    // DeepL's and Google's own files have no header: `source,target` rows, in DeepL's
    // export followed by the two language codes.
    let headerless = headerless_columns(&header);
    let first_row = match headerless.clone() {
        Some(c) => {
            columns = c;
            unknown.clear();
            out.report.remarks.push(
                "no header row: read as source and target columns (the DeepL and Google form)"
                    .into(),
            );
            Some(header.clone())
        }
        None => None,
    };
    let has = |c: &Column| columns.contains(c);
    if (known == 0 && first_row.is_none())
        || (!has(&Column::Preferred) && !columns.iter().any(|c| matches!(c, Column::Language(_))))
    {
        return Err(FormatError::at(
            header_line,
            "no header row naming the columns: expected `source` and `target` (or `preferred`), \
             language codes such as `zh` and `en`, or mtpe's own columns (see README.md)",
        ));
    }
    if !unknown.is_empty() {
        out.report
            .remarks
            .push(format!("ignored column(s): {}", unknown.join(", ")));
    }
    // Language-headed columns: pick the pair now.
    let lang_cols: Vec<(usize, String)> = columns
        .iter()
        .enumerate()
        .filter_map(|(i, c)| match c {
            Column::Language(l) => Some((i, l.clone())),
            _ => None,
        })
        .collect();
    let mut source_col = columns.iter().position(|c| *c == Column::Source);
    let mut target_col = columns.iter().position(|c| *c == Column::Preferred);
    let mut file_langs: (Option<String>, Option<String>) = (None, None);
    if target_col.is_none() {
        let langs: Vec<String> = lang_cols.iter().map(|(_, l)| l.clone()).collect();
        let pair =
            pick_languages(&langs, options, None).map_err(|m| FormatError::at(header_line, m))?;
        target_col = Some(lang_cols[pair.target].0);
        file_langs.1 = Some(lang_cols[pair.target].1.clone());
        if let Some(s) = pair.source {
            source_col = Some(lang_cols[s].0);
            file_langs.0 = Some(lang_cols[s].1.clone());
        }
    }
    let per_row_langs = has(&Column::TargetLang);
    let default_source = options
        .source_lang
        .clone()
        .or(file_langs.0.clone())
        .unwrap_or_default();
    let default_target = match options.target_lang.clone().or(file_langs.1.clone()) {
        Some(t) => t,
        None => {
            if !per_row_langs {
                out.report.remarks.push(
                    "the file does not name its target language: assumed en (pass --target-lang)"
                        .into(),
                );
            }
            "en".to_string()
        }
    };
    let target_col = target_col.unwrap_or(0);
    let mut last_start = header.position().cloned();
    for result in first_row.map(Ok).into_iter().chain(records) {
        let record = result.map_err(|e| csv_error(&e))?;
        last_start = record.position().cloned();
        let line = record_line(&record);
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if record.len() > columns.len() {
            return Err(FormatError::at(
                line,
                format!(
                    "{} fields, but the {} {}; quote fields that contain the separator",
                    record.len(),
                    if headerless.is_some() {
                        "first row has"
                    } else {
                        "header names"
                    },
                    columns.len()
                ),
            ));
        }
        let cell = |i: usize| record.get(i).unwrap_or("").trim();
        let mut entry = EntryData {
            source_lang: default_source.clone(),
            target_lang: default_target.clone(),
            ..EntryData::default()
        };
        for (i, col) in columns.iter().enumerate() {
            let v = cell(i);
            match col {
                Column::SourceLang if !v.is_empty() => entry.source_lang = v.to_string(),
                Column::TargetLang if !v.is_empty() => entry.target_lang = v.to_string(),
                Column::Admitted => entry
                    .terms
                    .extend(split_terms(v).map(|t| parse_term(t, TermStatus::Admitted))),
                Column::Deprecated => entry
                    .terms
                    .extend(split_terms(v).map(|t| parse_term(t, TermStatus::Deprecated))),
                Column::Note => entry.note = v.to_string(),
                Column::Domain => entry.domain = v.to_string(),
                _ => {}
            }
        }
        if per_row_langs
            && let Some(want) = &options.target_lang
            && !super::model::lang_matches(&entry.target_lang, want)
        {
            out.report.skipped += 1;
            continue;
        }
        if let Some(sc) = source_col {
            entry.sources = if lang_cols.iter().any(|(i, _)| *i == sc) {
                vec![cell(sc).to_string()]
            } else {
                split_terms(cell(sc)).map(str::to_string).collect()
            };
        }
        let preferred_cell = cell(target_col);
        let mut preferred = split_terms(preferred_cell);
        match preferred.next() {
            Some(p) => {
                let rest: Vec<Term> = preferred
                    .map(|t| parse_term(t, TermStatus::Admitted))
                    .collect();
                entry.terms.insert(0, parse_term(p, TermStatus::Preferred));
                // Further terms in the target cell are admitted variants.
                for (k, t) in rest.into_iter().enumerate() {
                    entry.terms.insert(1 + k, t);
                }
            }
            // An empty or missing target cell: nothing to import, but say where.
            None => {
                out.report.skipped += 1;
                out.report.skipped_lines.push(line);
                continue;
            }
        }
        entry.normalize();
        if let Err(e) = entry.validate() {
            return Err(FormatError::at(line, e.to_string()));
        }
        if out.entry(entry).is_break() {
            return Ok(());
        }
    }
    // The reader takes a quote that is never closed to run to the end of the file, which
    // would silently swallow every row after it.
    if let Some(start) = last_start
        && let Some(line) = unclosed_quote(text, delimiter, start.byte() as usize, start.line())
    {
        return Err(FormatError::at(
            line as usize,
            "a quoted field opens here and is never closed (a `\"` is missing); \
             quote a field's inner quotes by doubling them (`\"\"`)",
        ));
    }
    Ok(())
}

/// The line of a quoted field that opens in the record at byte `start` (on line `line`)
/// and runs to the end of `text`, if there is one: read as the csv reader reads it (a quote
/// opens a quoted field only at the start of a field; `""` inside is a quote).
fn unclosed_quote(text: &str, delimiter: u8, start: usize, line: u64) -> Option<u64> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        FieldStart,
        Unquoted,
        Quoted,
        QuoteInQuoted,
    }
    let mut state = State::FieldStart;
    let mut line = line;
    let mut opened_on = line;
    for &b in text.as_bytes().get(start..)? {
        state = match (state, b) {
            (State::Quoted, b'"') => State::QuoteInQuoted,
            (State::Quoted, _) => State::Quoted,
            (State::QuoteInQuoted, b'"') => State::Quoted,
            (State::FieldStart, b'"') => {
                opened_on = line;
                State::Quoted
            }
            (_, b'\n' | b'\r') => State::FieldStart,
            (_, b) if b == delimiter => State::FieldStart,
            _ => State::Unquoted,
        };
        if b == b'\n' {
            line += 1;
        }
    }
    (state == State::Quoted).then_some(opened_on)
}

fn csv_error(e: &csv::Error) -> FormatError {
    let line = e.position().map_or(0, |p| p.line() as usize);
    let message = match e.kind() {
        csv::ErrorKind::Utf8 { .. } => "not UTF-8".to_string(),
        _ => e.to_string(),
    };
    FormatError {
        line: (line > 0).then_some(line),
        column: None,
        message,
    }
}

/// The I/O error inside a csv error, so that its kind (a closed pipe) survives.
fn io_error(e: csv::Error) -> std::io::Error {
    let message = e.to_string();
    match e.into_kind() {
        csv::ErrorKind::Io(io) => io,
        _ => std::io::Error::other(message),
    }
}

/// Writes entries in mtpe's own TSV or CSV form.
pub fn write(
    entries: &[super::Entry],
    delimiter: u8,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let mut w = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(out);
    w.write_record(EXPORT_HEADER).map_err(io_error)?;
    for e in entries {
        let d = &e.data;
        let join = |status: TermStatus| {
            d.terms_with(status)
                .map(format_term)
                .collect::<Vec<_>>()
                .join(" | ")
        };
        w.write_record([
            d.source_lang.as_str(),
            d.target_lang.as_str(),
            &d.sources.join(" | "),
            &join(TermStatus::Preferred),
            &join(TermStatus::Admitted),
            &join(TermStatus::Deprecated),
            d.note.as_str(),
            d.domain.as_str(),
        ])
        .map_err(io_error)?;
    }
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    // Found by fuzzing: a deprecated term's reason after a line break was read as part of
    // the term, and written back as its reason.
    #[test]
    fn a_reason_after_a_line_break_is_the_reason() {
        for cell in [
            "network power\n# not this",
            "network power\x0c# not this",
            "network power \t # not this",
        ] {
            let term = parse_term(cell, TermStatus::Deprecated);
            assert_eq!(term.text, "network power", "{cell:?}");
            assert_eq!(term.reason.as_deref(), Some("not this"), "{cell:?}");
            assert_eq!(
                parse_term(&format_term(&term), TermStatus::Deprecated),
                term
            );
        }
    }

    // Found by fuzzing: "~~x" was written back as "~x", which reads as "x".
    #[test]
    fn a_term_starting_with_a_case_marker_keeps_it() {
        for cell in ["~~x", "=~NGO", "~=a", "==B", "~~~~ralr  Cyberspace"] {
            for status in [TermStatus::Admitted, TermStatus::Deprecated] {
                let term = parse_term(cell, status);
                let again = parse_term(&format_term(&term), status);
                assert_eq!(again, term, "{cell}");
                assert_eq!(format_term(&again), format_term(&term), "{cell}");
            }
        }
    }

    use crate::glossary::import::Parsed;

    /// The table reader's output, collected.
    fn read(text: &str, delimiter: u8, options: &ImportOptions) -> Result<Parsed, FormatError> {
        Parsed::collect(|out| super::read(text, delimiter, options, out))
    }

    fn read_tsv(text: &str) -> Result<Parsed, FormatError> {
        read(text, b'\t', &ImportOptions::default())
    }

    #[test]
    fn reads_the_full_form() {
        let text = "source_lang\ttarget_lang\tsource\tpreferred\tadmitted\tdeprecated\tnote\tdomain\n\
                    zh\ten\t网络强国\tcyberpower\tcyber power | strong cyber country\tnetwork power # collapses 网络大国 | =Strong Online Country\tFLP books\tcyberspace\n";
        let p = read_tsv(text).unwrap();
        assert_eq!(p.entries.len(), 1);
        let e = &p.entries[0];
        assert_eq!(e.sources, ["网络强国"]);
        assert_eq!(e.terms.len(), 5);
        assert_eq!(e.terms[0].text, "cyberpower");
        assert_eq!(e.terms[3].reason.as_deref(), Some("collapses 网络大国"));
        assert!(e.terms[4].case_sensitive);
        assert_eq!(e.domain, "cyberspace");
        assert!(p.report.remarks.is_empty());
    }

    #[test]
    fn reads_the_generated_benchmark_form() {
        let text =
            "source_term\ttarget_term\tdeprecated_variants\n甲乙\tfoo bar\tbar foo|the foo bar\n";
        let p = read(
            text,
            b'\t',
            &ImportOptions {
                source_lang: Some("zh".into()),
                target_lang: Some("en".into()),
                ..ImportOptions::default()
            },
        )
        .unwrap();
        let e = &p.entries[0];
        assert_eq!(
            (e.source_lang.as_str(), e.target_lang.as_str()),
            ("zh", "en")
        );
        assert_eq!(
            e.terms
                .iter()
                .filter(|t| t.status == TermStatus::Deprecated)
                .count(),
            2
        );
    }

    #[test]
    fn quoted_fields_hold_separators_and_newlines() {
        let text = "source,target,note\r\n\"a, b\",\"x \"\"y\"\"\",\"line one\r\nline two\"\r\n";
        let p = read(text, b',', &ImportOptions::default()).unwrap();
        let e = &p.entries[0];
        assert_eq!(e.sources, ["a, b"]);
        assert_eq!(e.terms[0].text, "x \"y\"");
        assert_eq!(e.note, "line one\r\nline two");
        assert_eq!(p.report.remarks.len(), 1, "{:?}", p.report.remarks);
    }

    #[test]
    fn multilingual_columns() {
        let text = "en,es,fr\nhouse,casa,maison\ncar,,voiture\n";
        let err = read(text, b',', &ImportOptions::default()).unwrap_err();
        assert!(err.message.contains("en, es, fr"), "{}", err.message);
        let p = read(
            text,
            b',',
            &ImportOptions {
                source_lang: Some("en".into()),
                target_lang: Some("es".into()),
                ..ImportOptions::default()
            },
        )
        .unwrap();
        assert_eq!(p.entries.len(), 1);
        assert_eq!(p.report.skipped, 1);
        assert_eq!(p.report.skipped_lines, [3]);
        assert_eq!(p.entries[0].source_lang, "en");
        assert_eq!(p.entries[0].target_lang, "es");
        assert_eq!(p.entries[0].terms[0].text, "casa");
    }

    #[test]
    fn malformed_files_name_the_line() {
        let err = read_tsv("foo\tbar\tbaz\nx\ty\tz\n").unwrap_err();
        assert_eq!(err.line, Some(1));
        let err = read_tsv("\n\ncar\tcoche\tauto\n").unwrap_err();
        assert_eq!(err.line, Some(3));
        assert!(
            is_language_tag("zh-Hans-CN") && is_language_tag("EN_us") && !is_language_tag("car")
        );
        let err = read_tsv("source\ttarget\na\tb\nc\td\te\n").unwrap_err();
        assert_eq!(err.line, Some(3));
        assert!(err.message.contains("3 fields"), "{}", err.message);
        let err = read_tsv("source\ttarget\tadmitted\na\tb\tB\n").unwrap_err();
        assert_eq!(err.line, Some(2));
        assert!(err.message.contains("listed twice"), "{}", err.message);
        // A quote never closed would swallow the rows after it: refused, naming its line.
        let err = read(
            "source,target\na,b\n\"open,x\nc,d\ne,f\n",
            b',',
            &ImportOptions::default(),
        )
        .unwrap_err();
        assert_eq!(err.line, Some(3));
        assert!(err.message.contains("never closed"), "{}", err.message);
        let err = read("source\ttarget\n\"open", b'\t', &ImportOptions::default()).unwrap_err();
        assert_eq!(err.line, Some(2));
        // Quotes that close, doubled quotes, quotes inside an unquoted field, quoted line
        // breaks and CRLF are all fine.
        let ok = read(
            "source,target\r\n\"a \"\"b\"\"\",\"x\r\ny\"\r\nsay \"hi\",z\r\n\"\",q\r\n",
            b',',
            &ImportOptions::default(),
        )
        .unwrap();
        assert_eq!(ok.entries.len(), 3);
    }

    #[test]
    fn rows_without_a_target_are_skipped_with_their_lines() {
        let text = "source,target,note\na,b,n\nc,,n\n\n\"d\ne\",,n\nf\ng,h\nshort\n";
        let p = read(text, b',', &ImportOptions::default()).unwrap();
        assert_eq!(p.entries.len(), 2);
        // An empty target (line 3), one after a quoted line break (5), and rows whose
        // target column is missing (7, 9).
        assert_eq!(p.report.skipped_lines, [3, 5, 7, 9]);
        assert_eq!(p.report.skipped, 4);
    }

    #[test]
    fn reads_deepl_and_google_files_without_a_header() {
        let opts = ImportOptions {
            source_lang: Some("zh".into()),
            target_lang: Some("en".into()),
            ..ImportOptions::default()
        };
        let p = read(
            "网络强国,cyberpower\n\"网络, 大国\",major internet country\n",
            b',',
            &opts,
        )
        .unwrap();
        let pairs: Vec<(&str, &str, &str)> = p
            .entries
            .iter()
            .map(|e| {
                (
                    e.sources[0].as_str(),
                    e.preferred().unwrap().text.as_str(),
                    e.source_lang.as_str(),
                )
            })
            .collect();
        assert_eq!(
            pairs,
            [
                ("网络强国", "cyberpower", "zh"),
                ("网络, 大国", "major internet country", "zh")
            ]
        );
        assert!(
            p.report.remarks[0].contains("no header row"),
            "{:?}",
            p.report.remarks
        );
        // DeepL's export: the languages follow on every row.
        let p = read(
            "Netzwerk,network,DE,EN\nDatenschutz,data protection,DE,EN\n",
            b',',
            &ImportOptions::default(),
        )
        .unwrap();
        assert_eq!(p.entries.len(), 2);
        assert_eq!(
            (
                p.entries[1].source_lang.as_str(),
                p.entries[1].target_lang.as_str()
            ),
            ("de", "en")
        );
        let p = read("a\tb\nc\td\n", b'\t', &ImportOptions::default()).unwrap();
        assert_eq!(p.entries.len(), 2);
        assert!(
            p.report.remarks.iter().any(|r| r.contains("assumed en")),
            "{:?}",
            p.report.remarks
        );
        // A row with more fields than the first is refused, naming the first row.
        let err = read("a,b\nc,d,e\n", b',', &ImportOptions::default()).unwrap_err();
        assert_eq!(err.line, Some(2));
        assert!(
            err.message.contains("the first row has 2"),
            "{}",
            err.message
        );
    }

    #[test]
    fn a_first_row_that_is_neither_header_nor_pair_is_refused() {
        for text in ["a,b,c\nd,e,f\n", "a,b,x,y\n", "sourse;targt\n"] {
            let err = read(text, b',', &ImportOptions::default()).unwrap_err();
            assert!(
                err.message.contains("no header row naming"),
                "{text}: {}",
                err.message
            );
        }
    }

    #[test]
    fn term_markers_round_trip() {
        for item in ["=Internet", "~CAC", "network power # literal", "plain"] {
            let status = if item.contains('#') {
                TermStatus::Deprecated
            } else {
                TermStatus::Admitted
            };
            assert_eq!(format_term(&parse_term(item, status)), item);
        }
    }
}
