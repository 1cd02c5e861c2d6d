//! How `mtpe glossary list`, `search` and `show` print entries: a table that fits the
//! terminal (wide characters counted by display width), JSON, TSV, or one entry in full.

use std::io::Write;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::OutputFormat;
use crate::cli::Error;
use crate::glossary::export;
use crate::glossary::import;
use crate::glossary::{Entry, EntryData, Stats, TermStatus, format_term};

pub(super) fn print_entries(entries: &[Entry], format: OutputFormat) -> Result<(), Error> {
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

/// `mtpe glossary stats`: a table, one JSON object, or TSV rows of one statistic each
/// (`statistic, source_lang, target_lang, domain, count`).
pub(super) fn print_stats(
    path: &std::path::Path,
    s: &Stats,
    format: OutputFormat,
) -> Result<(), Error> {
    let mut out = std::io::stdout().lock();
    match format {
        OutputFormat::Table => {
            writeln!(out, "glossary   {}", path.display())?;
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
        }
        OutputFormat::Json => {
            serde_json::to_writer_pretty(&mut out, s).map_err(std::io::Error::from)?;
            writeln!(out)?;
        }
        OutputFormat::Tsv => write!(out, "{}", stats_tsv(s))?,
    }
    out.flush()?;
    Ok(())
}

/// The statistics as TSV: a header, then one row per count (a domain's tabs and line
/// breaks cannot occur: domains are one line, and tabs become spaces).
fn stats_tsv(s: &Stats) -> String {
    let mut rows = vec!["statistic\tsource_lang\ttarget_lang\tdomain\tcount".to_string()];
    for (name, n) in [
        ("entries", s.entries),
        ("source_terms", s.source_terms),
        ("preferred_terms", s.preferred_terms),
        ("admitted_terms", s.admitted_terms),
        ("deprecated_terms", s.deprecated_terms),
    ] {
        rows.push(format!("{name}\t\t\t\t{n}"));
    }
    for (src, tgt, n) in &s.language_pairs {
        rows.push(format!("language_pair\t{src}\t{tgt}\t\t{n}"));
    }
    for (domain, n) in &s.domains {
        rows.push(format!("domain\t\t\t{domain}\t{n}"));
    }
    rows.push(String::new());
    rows.join("\n")
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
pub(super) fn show_entry(e: &Entry) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::Term;

    #[test]
    fn stats_as_tsv_have_one_row_per_count() {
        let s = Stats {
            entries: 3,
            source_terms: 2,
            preferred_terms: 3,
            admitted_terms: 1,
            deprecated_terms: 4,
            language_pairs: vec![
                ("zh".into(), "en".into(), 2),
                (String::new(), "en".into(), 1),
            ],
            domains: vec![("cyberspace".into(), 2), (String::new(), 1)],
        };
        assert_eq!(
            stats_tsv(&s),
            "statistic\tsource_lang\ttarget_lang\tdomain\tcount\n\
             entries\t\t\t\t3\n\
             source_terms\t\t\t\t2\n\
             preferred_terms\t\t\t\t3\n\
             admitted_terms\t\t\t\t1\n\
             deprecated_terms\t\t\t\t4\n\
             language_pair\tzh\ten\t\t2\n\
             language_pair\t\ten\t\t1\n\
             domain\t\t\tcyberspace\t2\n\
             domain\t\t\t\t1\n"
        );
    }

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
