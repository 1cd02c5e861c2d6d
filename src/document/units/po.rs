//! gettext PO: each entry's `msgstr` a unit whose source is its `msgid` (for plural
//! entries, each `msgstr[n]` a unit, its source `msgid` for form 0 and `msgid_plural` for
//! the others; forms the header's `nplurals` asks for but the entry lacks are inserted on
//! save). `msgctxt` is the unit's context, `#` and `#.` comments and `#:` references its
//! notes, `#, fuzzy` its fuzzy state. The header entry and obsolete `#~` entries are not
//! units (and stay as they are). Strings continued over several lines, C escapes (`\n`,
//! `\"`, `\t`, octal, hex) and the header's `charset` are read; printf, brace and ICU
//! placeholders become codes, as the entry's format flags say.
//!
//! Writing an edited `msgstr` lays it out as gettext does (`msgcat`, `msgmerge`): on one
//! line when it fits in 79 columns and has no inner `\n`, else `msgstr ""` followed by
//! lines broken after each `\n` and, within 79 columns, after spaces and around CJK
//! characters (a subset of the Unicode line breaking rules that gettext applies; never
//! inside a placeholder). A file written with `--no-wrap` (a string line wider than 79
//! columns) or an entry flagged `no-wrap` is not wrapped, only broken after `\n`. Setting
//! a stage of translated or beyond drops the entry's `fuzzy` flag (the `#,` line goes when
//! it was the only flag); previous-msgid `#|` lines are kept.

use std::ops::Range;

use unicode_width::UnicodeWidthChar;

use super::codes::{self, CodeKind, CodeTag, InlineCode};
use super::error::{ErrorKind, FormatError, SaveError};
use super::placeholders::{Found, PlaceholderSyntax};
use super::side::{Side, SideBuilder};
use super::xml::Place;
use super::{
    BilingualFile, Format, Layout as AnyLayout, Note, Parsed, Patch, Stage, TargetEdit, Unit,
    UnitState,
};

/// gettext's page width.
const PAGE_WIDTH: usize = 79;

/// The `charset` of a PO header (`"Content-Type: text/plain; charset=UTF-8\n"`).
pub(crate) fn declared_charset(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(64 * 1024)];
    let at = head.windows(8).position(|w| w == b"charset=")? + 8;
    let value: Vec<u8> = head[at..]
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'))
        .copied()
        .collect();
    let value = String::from_utf8(value).ok()?;
    (!value.is_empty() && value != "CHARSET").then_some(value)
}

/// A `msgstr` of an entry.
#[derive(Debug)]
struct MsgStr {
    /// `msgstr` or `msgstr[n]`.
    keyword: String,
    /// From the keyword to the last string's closing quote.
    block: Range<usize>,
}

#[derive(Debug)]
struct Entry {
    /// The `#,` line, line ending included.
    flags_line: Option<Range<usize>>,
    flags: Vec<String>,
    msgstrs: Vec<MsgStr>,
    /// Where missing plural forms go: after the last `msgstr`.
    end: usize,
}

#[derive(Debug, Clone, Copy)]
struct Slot {
    entry: usize,
    form: usize,
    /// Whether the `msgstr` (or `msgstr[form]`) exists.
    existing: bool,
}

#[derive(Debug)]
pub(crate) struct Layout {
    wrap: bool,
    eol: &'static str,
    entries: Vec<Entry>,
    slots: Vec<Slot>,
}

/// A string of an entry as read: its text (placeholders not yet codes) and map.
#[derive(Debug, Clone)]
struct Str {
    side: Side,
    /// Start of the keyword line.
    keyword_at: usize,
    /// After the last closing quote.
    end: usize,
}

/// What a field's continuation lines add to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Ctxt,
    Id,
    IdPlural,
    Str(usize),
}

/// A `msgstr` as read: its plural form (none for `msgstr`), keyword and string.
type MsgStrRead = (Option<usize>, String, Str);

#[derive(Default)]
struct EntryBuild {
    notes: Vec<Note>,
    flags_line: Option<Range<usize>>,
    flags: Vec<String>,
    msgctxt: Option<Str>,
    msgid: Option<Str>,
    msgid_plural: Option<Str>,
    msgstrs: Vec<MsgStrRead>,
    /// The string being read (over several lines) and its field.
    open: Option<(Field, SideBuilder, usize, usize, usize)>,
    first_line: usize,
}

impl EntryBuild {
    fn is_empty(&self) -> bool {
        self.msgid.is_none()
            && self.msgctxt.is_none()
            && self.msgstrs.is_empty()
            && self.open.is_none()
    }

    fn has_msgstr(&self) -> bool {
        !self.msgstrs.is_empty() || matches!(self.open, Some((Field::Str(_), ..)))
    }
}

/// Reading state over the file's lines.
struct Reader<'a> {
    place: Place<'a>,
    text: &'a str,
    entries: Vec<Entry>,
    units: Vec<Unit>,
    slots: Vec<Slot>,
    nplurals: Option<usize>,
    seen_header: bool,
    long_lines: bool,
}

pub(crate) fn parse(place: Place<'_>) -> Result<Parsed, FormatError> {
    let text = place.decoded.text.as_str();
    let mut r = Reader {
        place,
        text,
        entries: Vec::new(),
        units: Vec::new(),
        slots: Vec::new(),
        nplurals: None,
        seen_header: false,
        long_lines: false,
    };
    let mut e = EntryBuild::default();
    let mut at = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let (mut lf, mut crlf) = (0usize, 0usize);
    while at < text.len() {
        let nl = memchr::memchr(b'\n', &text.as_bytes()[at..]).map(|p| at + p);
        let next = nl.map_or(text.len(), |p| p + 1);
        let mut line_end = nl.unwrap_or(text.len());
        if line_end > at && text.as_bytes()[line_end - 1] == b'\r' {
            line_end -= 1;
            crlf += usize::from(nl.is_some());
        } else {
            lf += usize::from(nl.is_some());
        }
        r.line(&mut e, at..line_end, next)?;
        at = next;
    }
    r.close_string(&mut e)?;
    r.finish_entry(std::mem::take(&mut e))?;
    let Reader {
        entries,
        units,
        slots,
        long_lines,
        ..
    } = r;
    Ok(Parsed {
        format: Format::Po,
        units,
        source_lang: None,
        target_lang: header_language(text),
        layout: AnyLayout::Po(Layout {
            wrap: !long_lines,
            eol: if crlf > lf { "\r\n" } else { "\n" },
            entries,
            slots,
        }),
    })
}

/// The header's `Language:`.
fn header_language(text: &str) -> Option<String> {
    let at = text[..text.len().min(64 * 1024)].find("Language: ")? + "Language: ".len();
    let value: String = text[at..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '@'))
        .collect();
    (!value.is_empty()).then_some(value)
}

impl Reader<'_> {
    fn error(&self, at: usize, kind: ErrorKind, message: impl Into<String>) -> FormatError {
        self.place.error(at, kind, message)
    }

    fn line(
        &mut self,
        e: &mut EntryBuild,
        line: Range<usize>,
        next: usize,
    ) -> Result<(), FormatError> {
        let text = self.text;
        let s = &text[line.clone()];
        let trimmed = s.trim_start();
        let lead = s.len() - trimmed.len();
        if s.len() > PAGE_WIDTH && !trimmed.starts_with('#') && display_width(s) > PAGE_WIDTH {
            self.long_lines = true;
        }
        if trimmed.is_empty() {
            self.close_string(e)?;
            if !e.is_empty() {
                self.finish_entry(std::mem::take(e))?;
            }
            return Ok(());
        }
        if trimmed.starts_with('"') {
            let Some((_, b, _, _, _)) = e.open.as_mut() else {
                return Err(self.error(
                    line.start + lead,
                    ErrorKind::Malformed,
                    "a string that continues nothing (a line starting with \" must follow msgid, msgstr or another string)",
                ));
            };
            let mut builder = std::mem::take(b);
            let end = self.string(&mut builder, line.start + lead, line.end)?;
            if let Some((_, b, _, _, last)) = e.open.as_mut() {
                *b = builder;
                *last = end;
            }
            return Ok(());
        }
        if let Some(comment) = trimmed.strip_prefix('#') {
            self.close_string(e)?;
            if comment.starts_with('~') {
                // An obsolete entry: not a unit.
                if !e.is_empty() {
                    self.finish_entry(std::mem::take(e))?;
                }
                return Ok(());
            }
            if e.has_msgstr() || e.msgid.is_some() {
                self.finish_entry(std::mem::take(e))?;
            }
            if e.first_line == 0 {
                e.first_line = line.start;
            }
            let (from, body) = match comment.chars().next() {
                Some(',') => {
                    e.flags_line = Some(line.start..next);
                    e.flags = comment[1..]
                        .split(',')
                        .map(|f| f.trim().to_string())
                        .filter(|f| !f.is_empty())
                        .collect();
                    return Ok(());
                }
                Some('|') => return Ok(()),
                Some('.') => ("developer", &comment[1..]),
                Some(':') => ("reference", &comment[1..]),
                _ => ("translator", comment),
            };
            e.notes.push(Note {
                from: Some(from.to_string()),
                text: body.strip_prefix(' ').unwrap_or(body).to_string(),
            });
            return Ok(());
        }
        // A keyword and its first string.
        let kw_end = trimmed
            .find(|c: char| c.is_whitespace() || c == '"')
            .unwrap_or(trimmed.len());
        let keyword = &trimmed[..kw_end];
        let field = match keyword {
            "msgctxt" => Field::Ctxt,
            "msgid" => Field::Id,
            "msgid_plural" => Field::IdPlural,
            "msgstr" => Field::Str(usize::MAX),
            k if k.starts_with("msgstr[") && k.ends_with(']') => {
                match k["msgstr[".len()..k.len() - 1].parse::<usize>() {
                    Ok(n) => Field::Str(n),
                    Err(_) => {
                        return Err(self.error(
                            line.start + lead,
                            ErrorKind::Malformed,
                            format!("bad plural form index in {k}"),
                        ));
                    }
                }
            }
            _ => {
                return Err(self.error(
                    line.start + lead,
                    ErrorKind::Malformed,
                    format!(
                        "unexpected {:?}: a PO line is a comment (#), a keyword (msgctxt, msgid, msgid_plural, msgstr) or a string",
                        trimmed.chars().take(20).collect::<String>()
                    ),
                ));
            }
        };
        self.close_string(e)?;
        if matches!(field, Field::Ctxt | Field::Id)
            && (e.has_msgstr() || (field == Field::Ctxt && e.msgid.is_some()))
        {
            // A new entry without a blank line before it.
            self.finish_entry(std::mem::take(e))?;
        }
        if e.first_line == 0 {
            e.first_line = line.start;
        }
        let after = line.start + lead + kw_end;
        let quote = text[after..line.end]
            .find('"')
            .map(|p| after + p)
            .filter(|&q| text[after..q].trim().is_empty());
        let Some(quote) = quote else {
            return Err(self.error(
                after,
                ErrorKind::Malformed,
                format!("{keyword} must be followed by a string in double quotes"),
            ));
        };
        let mut b = SideBuilder::default();
        let end = self.string(&mut b, quote, line.end)?;
        e.open = Some((field, b, line.start + lead, quote + 1, end));
        Ok(())
    }

    /// Reads the string whose opening quote is at `quote` into `b`; returns the offset
    /// after its closing quote.
    fn string(
        &self,
        b: &mut SideBuilder,
        quote: usize,
        line_end: usize,
    ) -> Result<usize, FormatError> {
        let text = self.text;
        let bytes = text.as_bytes();
        let mut i = quote + 1;
        let mut run = i;
        loop {
            if i >= line_end {
                return Err(self.error(
                    quote,
                    ErrorKind::UnclosedString,
                    "this string is never closed (no \" before the end of the line)",
                ));
            }
            match bytes[i] {
                b'"' => {
                    b.literal_plain(run, &text[run..i]);
                    let rest = &text[i + 1..line_end];
                    if !rest.trim().is_empty() {
                        return Err(self.error(
                            i + 1,
                            ErrorKind::Malformed,
                            "unexpected text after the closing quote",
                        ));
                    }
                    return Ok(i + 1);
                }
                b'\\' => {
                    b.literal_plain(run, &text[run..i]);
                    let (c, len) = self.escape(i, line_end)?;
                    b.replaced(i..i + len, c);
                    i += len;
                    run = i;
                }
                _ => i += 1,
            }
        }
    }

    /// The character an escape at `at` stands for, and its length.
    fn escape(&self, at: usize, line_end: usize) -> Result<(char, usize), FormatError> {
        let b = self.text.as_bytes();
        let Some(&e) = b.get(at + 1).filter(|_| at + 1 < line_end) else {
            return Err(self.error(
                at,
                ErrorKind::UnclosedString,
                "this string is never closed (a backslash ends the line)",
            ));
        };
        let simple = match e {
            b'n' => Some('\n'),
            b't' => Some('\t'),
            b'r' => Some('\r'),
            b'"' => Some('"'),
            b'\\' => Some('\\'),
            b'a' => Some('\u{7}'),
            b'b' => Some('\u{8}'),
            b'f' => Some('\u{c}'),
            b'v' => Some('\u{b}'),
            b'\'' => Some('\''),
            b'?' => Some('?'),
            _ => None,
        };
        if let Some(c) = simple {
            return Ok((c, 2));
        }
        let (digits, radix, skip) = match e {
            b'0'..=b'7' => (
                b[at + 1..line_end.min(at + 4)]
                    .iter()
                    .take_while(|c| (b'0'..=b'7').contains(c))
                    .count(),
                8,
                1,
            ),
            b'x' => (
                b[at + 2..line_end]
                    .iter()
                    .take_while(|c| c.is_ascii_hexdigit())
                    .count(),
                16,
                2,
            ),
            _ => (0, 0, 0),
        };
        if digits > 0 {
            let start = at + skip;
            let value = u32::from_str_radix(&self.text[start..start + digits], radix).ok();
            if let Some(c) = value.and_then(char::from_u32) {
                return Ok((c, skip + digits));
            }
        }
        Err(self.error(
            at,
            ErrorKind::Malformed,
            format!("unknown escape \\{}", e as char),
        ))
    }

    /// Ends the string being read, storing it in its field.
    fn close_string(&self, e: &mut EntryBuild) -> Result<(), FormatError> {
        let Some((field, b, keyword_at, content_start, end)) = e.open.take() else {
            return Ok(());
        };
        let s = Str {
            side: b.finish(content_start..end - 1),
            keyword_at,
            end,
        };
        let slot = match field {
            Field::Ctxt => &mut e.msgctxt,
            Field::Id => &mut e.msgid,
            Field::IdPlural => &mut e.msgid_plural,
            Field::Str(n) => {
                let keyword = self.text[keyword_at..]
                    .split(|c: char| c.is_whitespace() || c == '"')
                    .next()
                    .unwrap_or("msgstr")
                    .to_string();
                e.msgstrs.push(((n != usize::MAX).then_some(n), keyword, s));
                return Ok(());
            }
        };
        if slot.is_some() {
            return Err(self.error(
                keyword_at,
                ErrorKind::Malformed,
                "this keyword appears twice in one entry",
            ));
        }
        *slot = Some(s);
        Ok(())
    }

    fn finish_entry(&mut self, e: EntryBuild) -> Result<(), FormatError> {
        if e.is_empty() {
            return Ok(());
        }
        let Some(msgid) = e.msgid else {
            let at = e.msgstrs.first().map_or(e.first_line, |s| s.2.keyword_at);
            return Err(self.error(at, ErrorKind::MissingSource, "an entry without msgid"));
        };
        if e.msgstrs.is_empty() {
            return Err(self.error(
                msgid.keyword_at,
                ErrorKind::Malformed,
                "msgid without msgstr",
            ));
        }
        if !self.seen_header && e.msgctxt.is_none() && msgid.side.text.is_empty() {
            // The header: its plural forms count, not a unit.
            self.seen_header = true;
            let header = &e.msgstrs[0].2.side.text;
            self.nplurals = header
                .split("nplurals=")
                .nth(1)
                .and_then(|s| s.split(|c: char| !c.is_ascii_digit()).next())
                .and_then(|n| n.parse().ok());
            return Ok(());
        }
        self.seen_header = true;
        let syntax = PlaceholderSyntax::from_po_flags(e.flags.iter().map(String::as_str));
        let fuzzy = e.flags.iter().any(|f| f == "fuzzy");
        let context = e.msgctxt.as_ref().map(|c| c.side.text.clone());
        let base_id = match &context {
            Some(c) => format!("{c}\u{4}{}", msgid.side.text),
            None => msgid.side.text.clone(),
        };
        let entry_index = self.entries.len();
        let end = e.msgstrs.last().map_or(msgid.end, |s| s.2.end);
        let plural = e.msgid_plural.is_some();
        let mut forms: Vec<(usize, Option<&MsgStrRead>)> = Vec::new();
        if plural {
            let count = e
                .msgstrs
                .iter()
                .filter_map(|s| s.0)
                .max()
                .map_or(0, |m| m + 1)
                .max(self.nplurals.unwrap_or(0));
            for n in 0..count {
                forms.push((n, e.msgstrs.iter().find(|s| s.0 == Some(n))));
            }
        } else {
            forms.push((0, e.msgstrs.first()));
        }
        for (n, msgstr) in forms {
            let source = if n > 0 {
                e.msgid_plural.as_ref().unwrap_or(&msgid)
            } else {
                &msgid
            };
            let mut codes = Vec::new();
            let source_side = self.protect(source.side.clone(), syntax, &mut codes)?;
            let (target, has_target) = match msgstr {
                Some((_, _, s)) => (self.protect(s.side.clone(), syntax, &mut codes)?, true),
                None => (Side::empty_at(end), false),
            };
            let stage = if target.text.is_empty() {
                Stage::New
            } else {
                Stage::Translated
            };
            self.units.push(Unit {
                id: if plural {
                    format!("{base_id}[{n}]")
                } else {
                    base_id.clone()
                },
                source: Some(source_side),
                target,
                has_target,
                state: UnitState {
                    stage,
                    fuzzy,
                    locked: false,
                    translatable: true,
                    raw: fuzzy.then(|| "fuzzy".to_string()),
                },
                notes: e.notes.clone(),
                context: context.clone(),
                codes,
                placeholders: Some(syntax),
            });
            self.slots.push(Slot {
                entry: entry_index,
                form: n,
                existing: has_target,
            });
        }
        self.entries.push(Entry {
            flags_line: e.flags_line,
            flags: e.flags,
            msgstrs: e
                .msgstrs
                .into_iter()
                .map(|(_, keyword, s)| MsgStr {
                    keyword,
                    block: s.keyword_at..s.end,
                })
                .collect(),
            end,
        });
        Ok(())
    }

    /// A string with its placeholders (and the file's private-use characters) made codes.
    fn protect(
        &self,
        side: Side,
        syntax: PlaceholderSyntax,
        codes: &mut Vec<InlineCode>,
    ) -> Result<Side, FormatError> {
        let mut found = syntax.find(&side.text);
        if codes::may_hold_private_use(&side.text) {
            let literal: Vec<Found> = side
                .text
                .char_indices()
                .filter(|(_, c)| codes::is_private_use(*c))
                .map(|(i, c)| Found {
                    range: i..i + c.len_utf8(),
                    kind: CodeKind::Standalone,
                    tag: CodeTag::Literal,
                    id: format!("U+{:04X}", c as u32).into(),
                    pair: None,
                })
                .collect();
            found.retain(|f| {
                !literal
                    .iter()
                    .any(|l| l.range.start < f.range.end && f.range.start < l.range.end)
            });
            found.extend(literal);
            found.sort_by_key(|f| f.range.start);
        }
        let at = side.span.start;
        side.protect(&found, self.text, codes).map_err(|_| {
            self.error(
                at,
                ErrorKind::Malformed,
                format!("more than {} placeholders in one string", codes::MAX_CODES),
            )
        })
    }
}

fn display_width(s: &str) -> usize {
    s.chars().map(|c| c.width().unwrap_or(0)).sum()
}

impl Layout {
    pub(crate) fn patches(
        &self,
        file: &BilingualFile,
        edits: &[&TargetEdit],
    ) -> Result<Vec<Patch>, SaveError> {
        let mut patches = Vec::new();
        let mut unfuzzied: Vec<usize> = Vec::new();
        for e in edits {
            let unit = &file.units[e.unit];
            let slot = self.slots[e.unit];
            let entry = &self.entries[slot.entry];
            if e.text != unit.target.text {
                let chunks = chunks(file, unit, &e.text);
                let no_wrap = entry.flags.iter().any(|f| f == "no-wrap");
                let existing = slot
                    .existing
                    .then(|| {
                        entry.msgstrs.iter().find(|m| {
                            m.keyword == "msgstr" || m.keyword == format!("msgstr[{}]", slot.form)
                        })
                    })
                    .flatten();
                match existing {
                    Some(m) => {
                        let lines = po_lines(&m.keyword, &chunks, self.wrap && !no_wrap);
                        patches.push((m.block.clone(), lines.join(self.eol)));
                    }
                    None => {
                        let keyword = format!("msgstr[{}]", slot.form);
                        let lines = po_lines(&keyword, &chunks, self.wrap && !no_wrap);
                        patches.push((
                            entry.end..entry.end,
                            format!("{}{}", self.eol, lines.join(self.eol)),
                        ));
                    }
                }
            }
            if e.stage.is_some_and(|s| s >= Stage::Translated)
                && entry.flags.iter().any(|f| f == "fuzzy")
                && !unfuzzied.contains(&slot.entry)
                && let Some(line) = &entry.flags_line
            {
                unfuzzied.push(slot.entry);
                let rest: Vec<&str> = entry
                    .flags
                    .iter()
                    .map(String::as_str)
                    .filter(|f| *f != "fuzzy")
                    .collect();
                let text = file.text();
                let eol = if text[line.clone()].ends_with("\r\n") {
                    "\r\n"
                } else if text[line.clone()].ends_with('\n') {
                    "\n"
                } else {
                    ""
                };
                let new = if rest.is_empty() {
                    String::new()
                } else {
                    format!("#, {}{eol}", rest.join(", "))
                };
                patches.push((line.clone(), new));
            }
        }
        Ok(patches)
    }
}

/// A piece of a PO string to write: a character, or a code's markup (already escaped as
/// the file had it), never broken.
enum Chunk<'t> {
    Char(char),
    Code(&'t str),
}

fn chunks<'t>(file: &'t BilingualFile, unit: &'t Unit, text: &'t str) -> Vec<Chunk<'t>> {
    text.chars()
        .map(|c| match unit.code(c) {
            Some(code) => Chunk::Code(file.code_markup(code)),
            None => Chunk::Char(c),
        })
        .collect()
}

/// Line breaking classes (a subset of UAX #14).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Sp,
    Al,
    Nu,
    Id,
    Op,
    Cl,
    Ex,
    Is,
    Qu,
    Hy,
    Ba,
    Ns,
    Pr,
    Po,
    Sy,
}

fn class(c: char) -> Class {
    match c {
        ' ' => Class::Sp,
        '0'..='9' => Class::Nu,
        '(' | '[' | '{' | '「' | '『' | '（' | '【' | '《' | '〈' | '〔' | '［' | '｛' => {
            Class::Op
        }
        ')' | ']' | '}' | '」' | '』' | '）' | '】' | '》' | '〉' | '〕' | '］' | '｝' | '、'
        | '。' | '，' | '．' => Class::Cl,
        '!' | '?' | '！' | '？' => Class::Ex,
        ',' | '.' | ':' | ';' => Class::Is,
        '"' | '\'' | '«' | '»' | '“' | '”' | '‘' | '’' => Class::Qu,
        '-' => Class::Hy,
        '\t' | '|' | '\u{2010}' | '\u{2013}' | '\u{2014}' => Class::Ba,
        'ー' | '々' | '：' | '；' | 'ゝ' | 'ゞ' | 'ヽ' | 'ヾ' => Class::Ns,
        '$' | '+' | '\\' | '€' | '£' | '¥' => Class::Pr,
        '%' | '°' | '¢' => Class::Po,
        '/' => Class::Sy,
        c if is_ideographic(c) => Class::Id,
        _ => Class::Al,
    }
}

fn is_ideographic(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FFF | 0x3040..=0x309F | 0x30A0..=0x30FF | 0x3100..=0x31FF
        | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF
        | 0xFF01..=0xFF60 | 0x20000..=0x3FFFF)
}

/// Whether a line may break between a unit of class `after` and what precedes it:
/// `before` the last class that is not a space, `space` whether spaces come between,
/// `word_start` whether `before` began a word (for a leading hyphen).
fn may_break(before: Class, space: bool, after: Class, hyphen_starts_word: bool) -> bool {
    use Class::*;
    if after == Sp || matches!(after, Cl | Ex | Is | Sy) {
        return false;
    }
    if before == Op {
        return false;
    }
    if space {
        return true;
    }
    if before == Qu || after == Qu || matches!(after, Hy | Ba | Ns) {
        return false;
    }
    match (before, after) {
        (Id, _) | (_, Id) => true,
        (Ba, _) => true,
        (Hy, Nu) => false,
        (Hy, _) => !hyphen_starts_word,
        (Cl, Al | Nu) | (Is, Al | Nu) | (Sy, Nu) => false,
        (Sy, _) => true,
        (Cl | Ex, _) => true,
        _ => false,
    }
}

/// The lines gettext writes for `keyword` and a string, without line endings.
fn po_lines(keyword: &str, chunks: &[Chunk<'_>], wrap: bool) -> Vec<String> {
    let width = if wrap { PAGE_WIDTH - 2 } else { usize::MAX / 2 };
    let mut lines = Vec::new();
    let mut first_line = true;
    // The string's portions, each ending after a newline.
    let mut portions: Vec<&[Chunk<'_>]> = Vec::new();
    let mut from = 0;
    for (i, c) in chunks.iter().enumerate() {
        if matches!(c, Chunk::Char('\n')) {
            portions.push(&chunks[from..=i]);
            from = i + 1;
        }
    }
    if from < chunks.len() || portions.is_empty() {
        portions.push(&chunks[from..]);
    }
    let count = portions.len();
    for (p, portion) in portions.into_iter().enumerate() {
        // Escaped units: text, width, whether a break may come before.
        let mut units: Vec<(String, usize, bool)> = Vec::with_capacity(portion.len());
        let mut before = Class::Al;
        let mut space = false;
        let mut hyphen_starts_word = false;
        let mut at_start = true;
        for (i, chunk) in portion.iter().enumerate() {
            let (escaped, w, first) = match chunk {
                Chunk::Code(markup) => (
                    markup.to_string(),
                    display_width(markup),
                    markup.chars().next().unwrap_or('x'),
                ),
                Chunk::Char(c) => {
                    let e = escape_char(*c);
                    let w = display_width(&e);
                    let first = e.chars().next().unwrap_or(*c);
                    (e, w, first)
                }
            };
            let cls = class(first);
            let last_newline = i + 1 == portion.len() && matches!(chunk, Chunk::Char('\n'));
            let brk =
                !at_start && !last_newline && may_break(before, space, cls, hyphen_starts_word);
            units.push((escaped, w, brk));
            if cls == Class::Sp {
                space = true;
            } else {
                hyphen_starts_word = cls == Class::Hy && (at_start || space);
                before = match chunk {
                    // A code is one unit: what follows sees its last character.
                    Chunk::Code(m) => m.chars().last().map_or(Class::Al, class),
                    Chunk::Char(_) => cls,
                };
                space = false;
            }
            at_start = false;
        }
        loop {
            let start_col = if first_line { keyword.len() + 1 } else { 0 };
            let breaks = line_breaks(&units, width, start_col);
            let more = p + 1 < count;
            if first_line
                && !units.is_empty()
                && (more || start_col > width || breaks.iter().any(|&b| b))
            {
                lines.push(format!("{keyword} \"\""));
                first_line = false;
                continue;
            }
            let mut line = if first_line {
                format!("{keyword} \"")
            } else {
                "\"".to_string()
            };
            for (k, (s, _, _)) in units.iter().enumerate() {
                if breaks[k] {
                    line.push('"');
                    lines.push(std::mem::take(&mut line));
                    line.push('"');
                }
                line.push_str(s);
            }
            line.push('"');
            lines.push(line);
            first_line = false;
            break;
        }
    }
    lines
}

/// gettext's greedy line breaking (gnulib's `ulc_width_linebreaks`): which units start a
/// new line so that lines stay within `width` columns, the first starting at `start_col`.
fn line_breaks(units: &[(String, usize, bool)], width: usize, start_col: usize) -> Vec<bool> {
    let mut breaks = vec![false; units.len()];
    let mut last: Option<usize> = None;
    let mut last_column = start_col;
    let mut piece = 0;
    for (i, (_, w, possible)) in units.iter().enumerate() {
        if *possible {
            if let Some(l) = last
                && last_column + piece > width
            {
                breaks[l] = true;
                last_column = 0;
            }
            last = Some(i);
            last_column += piece;
            piece = 0;
        }
        piece += w;
    }
    if let Some(l) = last
        && last_column + piece > width
    {
        breaks[l] = true;
    }
    breaks
}

/// A character as gettext writes it in a string.
fn escape_char(c: char) -> String {
    match c {
        '\n' => "\\n".into(),
        '\t' => "\\t".into(),
        '\r' => "\\r".into(),
        '\u{7}' => "\\a".into(),
        '\u{8}' => "\\b".into(),
        '\u{c}' => "\\f".into(),
        '\u{b}' => "\\v".into(),
        '"' => "\\\"".into(),
        '\\' => "\\\\".into(),
        c => c.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(keyword: &str, s: &str) -> Vec<String> {
        let chunks: Vec<Chunk> = s.chars().map(Chunk::Char).collect();
        po_lines(keyword, &chunks, true)
    }

    #[test]
    fn short_strings_stay_on_one_line() {
        assert_eq!(
            lines("msgstr", "Hello \"world\""),
            ["msgstr \"Hello \\\"world\\\"\""]
        );
        assert_eq!(lines("msgstr", ""), ["msgstr \"\""]);
        assert_eq!(
            lines("msgstr", "Ends with a newline\n"),
            ["msgstr \"Ends with a newline\\n\""]
        );
    }

    #[test]
    fn inner_newlines_and_long_strings_wrap() {
        assert_eq!(
            lines("msgstr", "Line one\nLine two"),
            ["msgstr \"\"", "\"Line one\\n\"", "\"Line two\""]
        );
        let long = "The State Council announced on Tuesday that the new measures would take effect next month across the country.";
        let out = lines("msgstr", long);
        assert_eq!(out[0], "msgstr \"\"");
        assert!(
            out[1..].iter().all(|l| l.chars().count() <= PAGE_WIDTH),
            "{out:?}"
        );
        let joined: String = out[1..].iter().map(|l| &l[1..l.len() - 1]).collect();
        assert_eq!(joined, long);
        // Breaks come after spaces.
        assert!(out[1].ends_with(" \""), "{out:?}");
    }

    #[test]
    fn cjk_breaks_between_characters() {
        let zh = "国务院新闻办公室今天举行新闻发布会，介绍今年上半年国民经济运行情况。国家统计局新闻发言人表示，经济持续恢复向好。";
        let out = lines("msgid", zh);
        assert!(out.len() > 2);
        assert!(
            out[1..].iter().all(|l| display_width(l) <= PAGE_WIDTH),
            "{out:?}"
        );
        // Never a line starting with a closing punctuation mark.
        assert!(
            out[1..].iter().all(|l| !l[1..].starts_with(['，', '。'])),
            "{out:?}"
        );
    }

    #[test]
    fn charset_from_header() {
        let po = b"msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=ISO-8859-1\\n\"\n";
        assert_eq!(declared_charset(po).as_deref(), Some("ISO-8859-1"));
        assert_eq!(declared_charset(b"charset=CHARSET\\n"), None);
    }
}

#[cfg(test)]
mod gettext_layout {
    use super::super::{BilingualFile, OpenOptions};
    use super::*;

    /// Every msgid and msgstr of PO files that GNU msgcat laid out is laid out the same.
    #[test]
    fn strings_are_laid_out_as_msgcat_does() {
        let files = [
            (
                "po-wrap.po",
                include_str!("../../../fixtures/bilingual/po-wrap.po"),
            ),
            (
                "news.po",
                include_str!("../../../fixtures/bilingual/news.po"),
            ),
            (
                "weblate.po",
                include_str!("../../../fixtures/bilingual/weblate.po"),
            ),
        ];
        let mut checked = 0;
        for (name, po) in files {
            let file =
                BilingualFile::from_bytes(name, po.as_bytes().to_vec(), &OpenOptions::default())
                    .unwrap_or_else(|e| panic!("{e}"));
            let text = file.text();
            for unit in file.units() {
                let sides = [
                    ("msgid", unit.source.as_ref()),
                    ("msgstr", Some(&unit.target)),
                ];
                for (keyword, side) in sides {
                    let Some(side) = side.filter(|s| !s.span.is_empty() || unit.has_target) else {
                        continue;
                    };
                    // The block: from the keyword before the string to its closing quote.
                    let start = text[..side.span.start].rfind(keyword).unwrap();
                    let line_start = text[..start].rfind('\n').map_or(0, |p| p + 1);
                    let keyword = text[line_start..].split(' ').next().unwrap();
                    let block = &text[line_start..side.span.end + 1];
                    let chunks = chunks(&file, unit, &side.text);
                    assert_eq!(
                        po_lines(keyword, &chunks, true).join("\n"),
                        block,
                        "{name}: {}",
                        unit.id
                    );
                    checked += 1;
                }
            }
        }
        assert!(checked > 150, "{checked}");
    }
}
