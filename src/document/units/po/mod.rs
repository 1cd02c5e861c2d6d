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

mod write;

use std::ops::Range;

use unicode_width::UnicodeWidthChar;

use super::codes::{self, CodeKind, CodeTag, InlineCode};
use super::error::{ErrorKind, FormatError};
use super::placeholders::{Found, PlaceholderSyntax};
use super::side::{Side, SideBuilder};
use super::xml::Place;
use super::{Format, Layout as AnyLayout, Note, Parsed, Stage, Unit, UnitState};

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
                let form = (n != usize::MAX).then_some(n);
                // gettext (msgfmt) refuses these too; reading one of the two would lose
                // the other on save.
                if e.msgstrs.iter().any(|m| m.0 == form) {
                    return Err(self.error(
                        keyword_at,
                        ErrorKind::Malformed,
                        format!("{keyword} appears twice in one entry"),
                    ));
                }
                if e.msgstrs.iter().any(|m| m.0.is_some() != form.is_some()) {
                    return Err(self.error(
                        keyword_at,
                        ErrorKind::Malformed,
                        "msgstr and msgstr[n] in one entry: a plural entry (with msgid_plural) has only msgstr[n], any other only msgstr",
                    ));
                }
                e.msgstrs.push((form, keyword, s));
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
        if let Some(m) = e.msgstrs.iter().find(|m| m.0.is_some() != plural) {
            let message = if plural {
                "msgstr in a plural entry: after msgid_plural, the forms are msgstr[0], msgstr[1]…"
            } else {
                "msgstr[n] in an entry without msgid_plural: a singular entry has one msgstr"
            };
            return Err(self.error(m.2.keyword_at, ErrorKind::Malformed, message));
        }
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
