//! Placeholders written as text that are codes all the same: printf directives (`%s`,
//! `%1$d`, `%(name)s`, `%%`), brace placeholders (`{0}`, `{name}`, `{0:.2f}`), ICU
//! plurals and selects (`{count, plural, one {# item} other {# items}}`, whose messages
//! stay text) in gettext PO, and the tags Phrase writes as text in its XLIFF (`{1>`, `<1}`,
//! `{2}`).

use std::ops::Range;

use super::codes::{CodeKind, CodeTag};

/// A placeholder found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Found {
    pub range: Range<usize>,
    pub kind: CodeKind,
    pub tag: CodeTag,
    pub id: Box<str>,
    pub pair: Option<Box<str>>,
}

impl Found {
    /// A brace placeholder standing alone: `{0}`, `{name}`, `{0:.2f}`.
    fn brace(text: &str, range: Range<usize>) -> Found {
        Found::new(
            range.clone(),
            CodeKind::Standalone,
            CodeTag::Brace,
            &text[range],
        )
    }

    fn new(range: Range<usize>, kind: CodeKind, tag: CodeTag, id: &str) -> Found {
        Found {
            range,
            kind,
            tag,
            id: id.into(),
            pair: None,
        }
    }
}

/// Which placeholders a PO entry's strings hold, from its format flags.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceholderSyntax {
    /// No format flag: printf directives without the rarely used space and `'` flags (so
    /// that "50% off" is text), and brace placeholders.
    Default,
    /// `c-format`, `python-format`, `php-format` and the like: every printf directive.
    Printf,
    /// `python-brace-format`, `csharp-format`, `java-format`, ICU: brace placeholders.
    Brace,
    /// `no-c-format` and the like: none.
    None,
    /// Phrase's text tags (XLIFF from Phrase only).
    Phrase,
}

impl PlaceholderSyntax {
    /// The syntax a PO entry's flags (`#, fuzzy, c-format`) announce.
    pub fn from_po_flags<'f>(flags: impl IntoIterator<Item = &'f str>) -> Self {
        let mut syntax = PlaceholderSyntax::Default;
        for flag in flags {
            let flag = flag.trim();
            if let Some(lang) = flag.strip_suffix("-format") {
                if lang.starts_with("no-") {
                    syntax = PlaceholderSyntax::None;
                } else if matches!(
                    lang,
                    "python-brace" | "csharp" | "java" | "javascript-brace" | "icu" | "kde"
                ) {
                    return PlaceholderSyntax::Brace;
                } else if !lang.starts_with("possible-") {
                    return PlaceholderSyntax::Printf;
                }
            }
        }
        syntax
    }

    /// The placeholders in `text`, in order, not overlapping. Private-use characters
    /// (codes already) are never part of one.
    pub(crate) fn find(self, text: &str) -> Vec<Found> {
        let mut out = Vec::new();
        match self {
            PlaceholderSyntax::None => {}
            PlaceholderSyntax::Phrase => phrase_tags(text, &mut out),
            PlaceholderSyntax::Printf => {
                printf(text, true, &mut out);
            }
            PlaceholderSyntax::Brace => braces(text, 0..text.len(), false, &mut out),
            PlaceholderSyntax::Default => {
                printf(text, false, &mut out);
                let mut braced = Vec::new();
                braces(text, 0..text.len(), false, &mut braced);
                out = merge(out, braced);
            }
        }
        out
    }
}

/// Both lists in order, dropping from `b` what overlaps `a`.
fn merge(a: Vec<Found>, b: Vec<Found>) -> Vec<Found> {
    if b.is_empty() {
        return a;
    }
    let mut out: Vec<Found> = a;
    for f in b {
        if !out
            .iter()
            .any(|g| g.range.start < f.range.end && f.range.start < g.range.end)
        {
            out.push(f);
        }
    }
    out.sort_by_key(|f| f.range.start);
    out
}

/// printf directives: `%%`, `%s`, `%1$-5.2lf`, `%(name)s`, `%@`. Without `all_flags`, a
/// space or `'` flag is not read as one (so "50% off" and "5% 'x'" stay text).
fn printf(text: &str, all_flags: bool, out: &mut Vec<Found>) {
    let b = text.as_bytes();
    let mut i = 0;
    while let Some(p) = memchr::memchr(b'%', &b[i..]) {
        let start = i + p;
        let mut j = start + 1;
        if j < b.len() && b[j] == b'%' {
            out.push(Found::new(
                start..j + 1,
                CodeKind::Standalone,
                CodeTag::Printf,
                "%%",
            ));
            i = j + 1;
            continue;
        }
        if j < b.len() && b[j] == b'(' {
            if let Some(close) = b[j..].iter().position(|&c| c == b')') {
                let name = &text[j + 1..j + close];
                if !name.is_empty() && name.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_')
                {
                    j += close + 1;
                } else {
                    i = start + 1;
                    continue;
                }
            } else {
                i = start + 1;
                continue;
            }
        } else {
            // Argument number: `1$`.
            let digits = b[j..].iter().take_while(|c| c.is_ascii_digit()).count();
            if digits > 0 && b.get(j + digits) == Some(&b'$') {
                j += digits + 1;
            }
        }
        let flags: &[u8] = if all_flags { b"-+ #0'" } else { b"-+#0" };
        while j < b.len() && flags.contains(&b[j]) {
            j += 1;
        }
        let width = |j: &mut usize| {
            if *j < b.len() && b[*j] == b'*' {
                *j += 1;
            } else {
                while *j < b.len() && b[*j].is_ascii_digit() {
                    *j += 1;
                }
            }
        };
        width(&mut j);
        if j < b.len() && b[j] == b'.' {
            j += 1;
            width(&mut j);
        }
        for len in ["hh", "ll", "h", "l", "L", "q", "j", "z", "t", "I64", "I32"] {
            if text[j..].starts_with(len) {
                j += len.len();
                break;
            }
        }
        if j < b.len() && b"diouxXeEfFgGaAcspn@".contains(&b[j]) {
            let r = start..j + 1;
            out.push(Found::new(
                r.clone(),
                CodeKind::Standalone,
                CodeTag::Printf,
                &text[r],
            ));
            i = j + 1;
        } else {
            i = start + 1;
        }
    }
}

fn is_ident_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c == b'.' || c == b'-'
}

/// Brace placeholders and ICU plurals/selects within `range` of `text`. `in_plural`: `#`
/// is the plural's number here.
fn braces(text: &str, range: Range<usize>, in_plural: bool, out: &mut Vec<Found>) {
    let b = text.as_bytes();
    let mut i = range.start;
    while i < range.end {
        match b[i] {
            b'#' if in_plural => {
                out.push(Found::new(
                    i..i + 1,
                    CodeKind::Standalone,
                    CodeTag::Icu,
                    "#",
                ));
                i += 1;
            }
            b'{' => match brace_at(text, i, range.end, out) {
                Some(end) => i = end,
                None => i += 1,
            },
            _ => i += 1,
        }
    }
}

/// The placeholder starting with the `{` at `start`: records it (and, for an ICU plural or
/// select, its parts and what its messages hold) and returns where it ends.
fn brace_at(text: &str, start: usize, limit: usize, out: &mut Vec<Found>) -> Option<usize> {
    let b = text.as_bytes();
    let skip_ws = |mut j: usize| {
        while j < limit && b[j].is_ascii_whitespace() {
            j += 1;
        }
        j
    };
    let name_start = skip_ws(start + 1);
    let mut j = name_start;
    while j < limit && is_ident_byte(b[j]) {
        j += 1;
    }
    if j == name_start {
        return None;
    }
    let name = &text[name_start..j];
    let first = b[name_start];
    if !(first.is_ascii_alphabetic() || first == b'_' || first.is_ascii_digit()) {
        return None;
    }
    j = skip_ws(j);
    if j >= limit {
        return None;
    }
    match b[j] {
        b'}' => {
            out.push(Found::brace(text, start..j + 1));
            Some(j + 1)
        }
        // Python: `{0:.2f}`, `{name!r}`.
        b':' | b'!' => {
            let close = j + text[j..limit].find('}')?;
            if text[j..close].contains('{') {
                return None;
            }
            out.push(Found::brace(text, start..close + 1));
            Some(close + 1)
        }
        b',' => {
            let type_start = skip_ws(j + 1);
            let mut k = type_start;
            while k < limit && b[k].is_ascii_alphabetic() {
                k += 1;
            }
            let kind = &text[type_start..k];
            if matches!(kind, "plural" | "select" | "selectordinal") {
                icu_complex(text, start, name, kind != "select", skip_ws(k), limit, out)
            } else {
                // `{count, number}`, `{d, date, short}`: one placeholder.
                let close = k + text[k..limit].find('}')?;
                if text[k..close].contains('{') || kind.is_empty() {
                    return None;
                }
                out.push(Found::brace(text, start..close + 1));
                Some(close + 1)
            }
        }
        _ => None,
    }
}

/// An ICU plural or select whose `,` after the type is at `j`: the head up to the first
/// message's `{` opens, each `} selector {` between messages stands alone, the last `}}`
/// closes; the messages are text, searched for placeholders (and `#` in a plural).
#[allow(clippy::too_many_arguments)]
fn icu_complex(
    text: &str,
    start: usize,
    name: &str,
    plural: bool,
    j: usize,
    limit: usize,
    out: &mut Vec<Found>,
) -> Option<usize> {
    let b = text.as_bytes();
    if j >= limit || b[j] != b',' {
        return None;
    }
    let mut parts: Vec<Found> = Vec::new();
    let mut k = j + 1;
    let mut part_start = start;
    let mut variants = 0;
    loop {
        while k < limit && b[k].is_ascii_whitespace() {
            k += 1;
        }
        if k >= limit {
            return None;
        }
        if b[k] == b'}' {
            if variants == 0 {
                return None;
            }
            let r = part_start..k + 1;
            parts.push(Found {
                range: r,
                kind: CodeKind::Close,
                tag: CodeTag::Icu,
                id: name.into(),
                pair: None,
            });
            out.extend(parts);
            return Some(k + 1);
        }
        // A selector (`one`, `=0`, `other`) or `offset:1`.
        let sel_start = k;
        while k < limit && !b[k].is_ascii_whitespace() && b[k] != b'{' && b[k] != b'}' {
            k += 1;
        }
        let selector = &text[sel_start..k];
        if selector.is_empty() {
            return None;
        }
        if selector.starts_with("offset:") {
            continue;
        }
        while k < limit && b[k].is_ascii_whitespace() {
            k += 1;
        }
        if k >= limit || b[k] != b'{' {
            return None;
        }
        // The message: to its matching `}`.
        let msg_start = k + 1;
        let mut depth = 1;
        let mut m = msg_start;
        while m < limit && depth > 0 {
            match b[m] {
                b'{' => depth += 1,
                b'}' => depth -= 1,
                _ => {}
            }
            m += 1;
        }
        if depth != 0 {
            return None;
        }
        let msg_end = m - 1;
        let (kind, id) = if variants == 0 {
            (CodeKind::Open, name.to_string())
        } else {
            (CodeKind::Standalone, format!("{name} {selector}"))
        };
        parts.push(Found {
            range: part_start..msg_start,
            kind,
            tag: CodeTag::Icu,
            id: id.into(),
            pair: None,
        });
        let mut inner = Vec::new();
        braces(text, msg_start..msg_end, plural, &mut inner);
        parts.extend(inner);
        variants += 1;
        part_start = msg_end;
        k = msg_end + 1;
    }
}

/// Phrase's text tags: `{1>` opens, `<1}` closes, `{2}` stands alone.
fn phrase_tags(text: &str, out: &mut Vec<Found>) {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == b'{' || c == b'<' {
            let n = b[i + 1..]
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric())
                .count();
            let end = i + 1 + n;
            if n > 0 && end < b.len() {
                let found = match (c, b[end]) {
                    (b'{', b'>') => Some(CodeKind::Open),
                    (b'<', b'}') => Some(CodeKind::Close),
                    (b'{', b'}') if b[i + 1..end].iter().all(u8::is_ascii_digit) => {
                        Some(CodeKind::Standalone)
                    }
                    _ => None,
                };
                if let Some(kind) = found {
                    out.push(Found::new(
                        i..end + 1,
                        kind,
                        CodeTag::PhraseTag,
                        &text[i + 1..end],
                    ));
                    i = end + 1;
                    continue;
                }
            }
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(syntax: PlaceholderSyntax, text: &str) -> Vec<&str> {
        syntax
            .find(text)
            .into_iter()
            .map(|f| &text[f.range])
            .collect()
    }

    #[test]
    fn printf_directives() {
        let text = "%s of %1$d: %(name)s at %-5.2lf%% and %@ %zu";
        assert_eq!(
            found(PlaceholderSyntax::Printf, text),
            ["%s", "%1$d", "%(name)s", "%-5.2lf", "%%", "%@", "%zu"]
        );
        // Prose percentages stay text without a format flag...
        assert!(found(PlaceholderSyntax::Default, "50% off, 5% 'o', 100%.").is_empty());
        // ... but a c-format string's `% d` is a directive.
        assert_eq!(found(PlaceholderSyntax::Printf, "% d"), ["% d"]);
    }

    #[test]
    fn brace_placeholders() {
        let text = "{0} and {name}, {1:.2f} {x!r} {count, number} {} {not valid {";
        assert_eq!(
            found(PlaceholderSyntax::Default, text),
            ["{0}", "{name}", "{1:.2f}", "{x!r}", "{count, number}"]
        );
    }

    #[test]
    fn icu_plural_keeps_messages_as_text() {
        let text = "{count, plural, one {# item in {place}} other {# items}} left";
        let found = PlaceholderSyntax::Brace.find(text);
        let parts: Vec<(&str, CodeKind)> = found
            .iter()
            .map(|f| (&text[f.range.clone()], f.kind))
            .collect();
        assert_eq!(
            parts,
            [
                ("{count, plural, one {", CodeKind::Open),
                ("#", CodeKind::Standalone),
                ("{place}", CodeKind::Standalone),
                ("} other {", CodeKind::Standalone),
                ("#", CodeKind::Standalone),
                ("}}", CodeKind::Close),
            ]
        );
        assert_eq!(&*found[0].id, "count");
        assert_eq!(&*found[5].id, "count");
    }

    #[test]
    fn phrase_text_tags() {
        assert_eq!(
            found(
                PlaceholderSyntax::Phrase,
                "Gain {1>30%<1} speed{2}. {a} <b>"
            ),
            ["{1>", "<1}", "{2}"]
        );
    }

    #[test]
    fn syntax_from_flags() {
        use PlaceholderSyntax::*;
        assert_eq!(
            PlaceholderSyntax::from_po_flags(["fuzzy", " c-format"]),
            Printf
        );
        assert_eq!(
            PlaceholderSyntax::from_po_flags(["python-brace-format"]),
            Brace
        );
        assert_eq!(PlaceholderSyntax::from_po_flags(["no-c-format"]), None);
        assert_eq!(PlaceholderSyntax::from_po_flags(["fuzzy"]), Default);
    }
}
