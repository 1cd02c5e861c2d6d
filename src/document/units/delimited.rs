//! TSV and CSV with a header row naming the source and target columns: `source`/`target`
//! (or `src`/`tgt`, `original`/`translation`, `mt`), or language codes (`zh`, `en-US`:
//! the languages asked for, else the first two such columns), with optional `id` and
//! `notes`/`comment` columns. Each later row is a unit; its id is the id column's value, or
//! the row's number (the header being row 1). Fields may be quoted (`"…"`, with `""` for a
//! quote and line breaks inside), as spreadsheets write them; a CSV whose header has
//! semicolons and no commas is read with `;`.
//!
//! Saving writes the text only (these files have no state): a field is quoted when it was,
//! or when its new text holds the delimiter, a quote or a line break; a row without a
//! target field gets one at its end.

use std::ops::Range;

use super::error::{ErrorKind, FormatError, SaveError};
use super::side::{Side, SideBuilder};
use super::tmx::lang_matches;
use super::xml::Place;
use super::{
    BilingualFile, Format, Layout as AnyLayout, Note, OpenOptions, Parsed, Patch, TargetEdit, Unit,
    UnitState,
};

/// A field as the file has it.
#[derive(Debug, Clone)]
struct Field {
    /// The field's bytes, quotes included.
    raw: Range<usize>,
    quoted: bool,
}

/// Where a unit's target field is.
#[derive(Debug)]
enum Cell {
    Field(Field),
    /// The row has no such field: `fields` delimiters and the text go at `at`.
    Missing {
        at: usize,
        fields: usize,
    },
}

#[derive(Debug)]
pub(crate) struct Layout {
    delimiter: u8,
    cells: Vec<Cell>,
}

/// Splits the text into records of fields; each record's fields and where it ends.
struct Records<'a> {
    text: &'a str,
    at: usize,
    delimiter: u8,
}

impl Records<'_> {
    /// The next record: its fields, and the offset of its line ending (or the text's end).
    fn next_record(
        &mut self,
        place: &Place<'_>,
    ) -> Result<Option<(Vec<Field>, usize)>, FormatError> {
        let bytes = self.text.as_bytes();
        if self.at >= bytes.len() {
            return Ok(None);
        }
        let mut fields = Vec::new();
        loop {
            let start = self.at;
            if bytes.get(start) == Some(&b'"') {
                let mut i = start + 1;
                loop {
                    match memchr::memchr(b'"', &bytes[i..]) {
                        None => {
                            return Err(place.error(
                                start,
                                ErrorKind::Malformed,
                                "a quoted field is never closed (no closing \")",
                            ));
                        }
                        Some(p) if bytes.get(i + p + 1) == Some(&b'"') => i += p + 2,
                        Some(p) => {
                            i += p + 1;
                            break;
                        }
                    }
                }
                let end = i;
                // Anything between the closing quote and the delimiter is kept in the field.
                while i < bytes.len()
                    && bytes[i] != self.delimiter
                    && bytes[i] != b'\n'
                    && bytes[i] != b'\r'
                {
                    i += 1;
                }
                let quoted = i == end;
                fields.push(Field {
                    raw: start..i,
                    quoted,
                });
                self.at = i;
            } else {
                let mut i = start;
                while i < bytes.len()
                    && bytes[i] != self.delimiter
                    && bytes[i] != b'\n'
                    && bytes[i] != b'\r'
                {
                    i += 1;
                }
                fields.push(Field {
                    raw: start..i,
                    quoted: false,
                });
                self.at = i;
            }
            match bytes.get(self.at) {
                Some(&d) if d == self.delimiter => self.at += 1,
                Some(b'\r') if bytes.get(self.at + 1) == Some(&b'\n') => {
                    let end = self.at;
                    self.at += 2;
                    return Ok(Some((fields, end)));
                }
                Some(b'\n' | b'\r') => {
                    let end = self.at;
                    self.at += 1;
                    return Ok(Some((fields, end)));
                }
                _ => return Ok(Some((fields, self.at))),
            }
        }
    }
}

/// A field's text: quotes removed, `""` read as `"`.
fn field_side(text: &str, f: &Field, codes: &mut Vec<super::InlineCode>) -> Side {
    let mut b = SideBuilder::default();
    if !f.quoted {
        // Too many codes cannot happen with one character per code of a single field.
        let _ = b.literal(f.raw.start, &text[f.raw.clone()], codes, text);
        return b.finish(f.raw.clone());
    }
    let inner = f.raw.start + 1..f.raw.end - 1;
    let mut at = inner.start;
    while let Some(p) = text[at..inner.end].find("\"\"") {
        let _ = b.literal(at, &text[at..at + p], codes, text);
        b.replaced(at + p..at + p + 2, '"');
        at += p + 2;
    }
    let _ = b.literal(at, &text[at..inner.end], codes, text);
    b.finish(inner)
}

/// What a header cell names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Id,
    Source,
    Target,
    Notes,
    Lang,
    Other,
}

fn column_of(name: &str) -> Column {
    let n = name.trim().trim_start_matches('\u{feff}').to_lowercase();
    match n.as_str() {
        "id" | "key" | "segment id" | "segment" | "#" | "no" | "no." => Column::Id,
        "source" | "src" | "source text" | "original" | "source segment" => Column::Source,
        "target"
        | "tgt"
        | "target text"
        | "translation"
        | "mt"
        | "machine translation"
        | "target segment" => Column::Target,
        "note" | "notes" | "comment" | "comments" => Column::Notes,
        _ if is_language_code(&n) => Column::Lang,
        _ => Column::Other,
    }
}

/// ISO 639-1 language codes.
const LANGUAGES: &str = "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu";

/// Three-letter codes used for languages without a two-letter one (Cantonese, Filipino …).
const LANGUAGES3: &str = "yue cmn wuu hak nan fil haw ast ckb gsw sco";

/// `zh`, `en-US`, `zh_Hans_CN`, `pt-BR`, `yue`.
fn is_language_code(s: &str) -> bool {
    let mut parts = s.split(['-', '_']);
    let first = parts.next().unwrap_or("");
    let known = match first.len() {
        2 => LANGUAGES.split(' ').any(|l| l == first),
        3 => LANGUAGES3.split(' ').any(|l| l == first),
        _ => false,
    };
    known
        && parts.all(|p| (2..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

pub(crate) fn parse(
    place: Place<'_>,
    delimiter: u8,
    options: &OpenOptions,
) -> Result<Parsed, FormatError> {
    let text = place.decoded.text.as_str();
    let body = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let first_line = &text[body..text[body..].find('\n').map_or(text.len(), |p| body + p)];
    let delimiter = if delimiter == b',' && !first_line.contains(',') && first_line.contains(';') {
        b';'
    } else {
        delimiter
    };
    let format = if delimiter == b'\t' {
        Format::Tsv
    } else {
        Format::Csv
    };
    let mut records = Records {
        text,
        at: body,
        delimiter,
    };
    // The header: the first record that is not blank.
    let header = loop {
        match records.next_record(&place)? {
            None => {
                return Err(place.error(
                    body,
                    ErrorKind::Header,
                    "no header row (the file is empty)",
                ));
            }
            Some((fields, _)) if fields.len() == 1 && fields[0].raw.is_empty() => continue,
            Some((fields, _)) => break fields,
        }
    };
    let names: Vec<String> = header
        .iter()
        .map(|f| field_side(text, f, &mut Vec::new()).text)
        .collect();
    let kinds: Vec<Column> = names.iter().map(|n| column_of(n)).collect();
    let find = |want: Column| kinds.iter().position(|&k| k == want);
    let lang_col = |want: &Option<String>| {
        want.as_ref().and_then(|w| {
            names
                .iter()
                .zip(&kinds)
                .position(|(n, &k)| k == Column::Lang && lang_matches(w, n.trim()))
        })
    };
    let langs: Vec<usize> = (0..kinds.len())
        .filter(|&i| kinds[i] == Column::Lang)
        .collect();
    let source = find(Column::Source)
        .or_else(|| lang_col(&options.source_lang))
        .or_else(|| {
            langs
                .iter()
                .copied()
                .find(|&i| Some(i) != lang_col(&options.target_lang))
        });
    let target = find(Column::Target)
        .or_else(|| lang_col(&options.target_lang))
        .or_else(|| langs.iter().copied().find(|&i| Some(i) != source));
    let header_at = header.first().map_or(body, |f| f.raw.start);
    let (Some(source), Some(target)) = (source, target) else {
        let which = if source.is_none() { "source" } else { "target" };
        return Err(place.error(
            header_at,
            ErrorKind::Header,
            format!(
                "the header row names no {which} column: name the columns source and target, or by language code (such as zh and en)"
            ),
        ));
    };
    let id_col = find(Column::Id);
    let notes_col = find(Column::Notes);
    let lang_name = |i: usize| (kinds[i] == Column::Lang).then(|| names[i].trim().to_string());
    let (source_lang, target_lang) = (lang_name(source), lang_name(target));
    let mut units = Vec::new();
    let mut cells = Vec::new();
    let mut row = 1;
    while let Some((fields, end)) = records.next_record(&place)? {
        row += 1;
        if fields.len() == 1 && fields[0].raw.is_empty() {
            continue;
        }
        let mut codes = Vec::new();
        let value = |i: Option<usize>, codes: &mut Vec<super::InlineCode>| {
            i.and_then(|i| fields.get(i))
                .map(|f| field_side(text, f, codes))
        };
        let Some(source_side) = value(Some(source), &mut codes) else {
            return Err(place.error(
                fields[0].raw.start,
                ErrorKind::MissingSource,
                format!("row {row} has no {} field", names[source].trim()),
            ));
        };
        let (target_side, cell) = match fields.get(target) {
            Some(f) => (field_side(text, f, &mut codes), Cell::Field(f.clone())),
            None => (
                Side::empty_at(end),
                Cell::Missing {
                    at: end,
                    fields: target + 1 - fields.len(),
                },
            ),
        };
        let has_target = matches!(cell, Cell::Field(_));
        let id = value(id_col, &mut Vec::new())
            .map(|s| s.text.trim().to_string())
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| row.to_string());
        let notes = value(notes_col, &mut Vec::new())
            .map(|s| s.text)
            .filter(|s| !s.trim().is_empty())
            .map(|text| Note {
                from: notes_col.map(|i| names[i].trim().to_string()),
                text,
            })
            .into_iter()
            .collect();
        units.push(Unit {
            id,
            state: UnitState::from_text(&target_side.text),
            source: Some(source_side),
            target: target_side,
            has_target,
            notes,
            context: None,
            codes,
            placeholders: None,
        });
        cells.push(cell);
    }
    Ok(Parsed {
        format,
        units,
        source_lang,
        target_lang,
        layout: AnyLayout::Delimited(Layout { delimiter, cells }),
    })
}

impl Layout {
    pub(crate) fn patches(
        &self,
        file: &BilingualFile,
        edits: &[&TargetEdit],
    ) -> Result<Vec<Patch>, SaveError> {
        let delimiter = self.delimiter as char;
        let mut patches = Vec::new();
        for e in edits {
            let unit = &file.units[e.unit];
            if e.text == unit.target.text {
                continue;
            }
            let plain = file.render(unit, &e.text, |s, out| {
                out.push_str(s);
                Ok(())
            })?;
            let was_quoted = matches!(&self.cells[e.unit], Cell::Field(f) if f.quoted);
            let needs_quotes = was_quoted || plain.contains([delimiter, '"', '\n', '\r']);
            let field = if needs_quotes {
                format!("\"{}\"", plain.replace('"', "\"\""))
            } else {
                plain
            };
            match &self.cells[e.unit] {
                Cell::Field(f) => patches.push((f.raw.clone(), field)),
                Cell::Missing { at, fields } => {
                    let mut s = delimiter.to_string().repeat(*fields);
                    s.push_str(&field);
                    patches.push((*at..*at, s));
                }
            }
        }
        Ok(patches)
    }
}
