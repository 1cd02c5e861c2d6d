//! Writing edited `msgstr`s back as gettext lays them out, and dropping `fuzzy` from
//! entries confirmed as translated.

use super::super::{BilingualFile, Patch, SaveError, Stage, TargetEdit, Unit};
use super::{Layout, PAGE_WIDTH, display_width};

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
    use super::super::declared_charset;
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
    use super::super::super::{BilingualFile, OpenOptions};
    use super::*;

    /// Every msgid and msgstr of PO files that GNU msgcat laid out is laid out the same.
    #[test]
    fn strings_are_laid_out_as_msgcat_does() {
        let files = [
            (
                "po-wrap.po",
                include_str!("../../../../fixtures/bilingual/po-wrap.po"),
            ),
            (
                "news.po",
                include_str!("../../../../fixtures/bilingual/news.po"),
            ),
            (
                "weblate.po",
                include_str!("../../../../fixtures/bilingual/weblate.po"),
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
