//! Text helpers shared by checks: a fast word tokeniser, case-insensitive comparison, and
//! spans that checks must not read as prose (URLs, e-mail addresses, inline code).

use std::ops::Range;

/// A word: a run of letters, digits and underscores, with inner apostrophes and hyphens ("China's",
/// "bye-bye", "so-and-so") and inner decimal points or thousands separators ("3.5", "1,000").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    pub start: usize,
    pub end: usize,
}

impl Word {
    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }

    pub fn text(self, s: &str) -> &str {
        &s[self.start..self.end]
    }
}

#[inline]
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || c == '_'
    } else {
        c.is_alphanumeric() || ('\u{300}'..='\u{36f}').contains(&c)
    }
}

#[inline]
fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '\u{2010}' | '\u{2011}')
}

/// What a byte is to the tokeniser: an ASCII word character, one of the ASCII bytes that
/// may join two parts of a word (`'`, `-`, `.`, `,`), the first or a later byte of a
/// non-ASCII character, or anything else.
const OTHER: u8 = 0;
const WORD: u8 = 1;
const JOIN: u8 = 2;
const NON_ASCII: u8 = 3;

static BYTE_CLASS: [u8; 256] = {
    let mut table = [OTHER; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = if c >= 0x80 {
            NON_ASCII
        } else if c.is_ascii_alphanumeric() || c == b'_' {
            WORD
        } else if matches!(c, b'\'' | b'-' | b'.' | b',') {
            JOIN
        } else {
            OTHER
        };
        b += 1;
    }
    table
};

/// Splits `text` into words (spans relative to `text`).
pub fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::with_capacity(text.len() / 6);
    let bytes = text.as_bytes();
    let class = |i: usize| BYTE_CLASS[bytes[i] as usize];
    let mut i = 0;
    while i < bytes.len() {
        // Skip to the next word character: ASCII bytes by table, others decoded.
        match class(i) {
            WORD => {}
            NON_ASCII => {
                let c = char_at(text, i);
                if !is_word_char(c) {
                    i += c.len_utf8();
                    continue;
                }
            }
            _ => {
                i += 1;
                continue;
            }
        }
        let start = i;
        let mut end = i;
        loop {
            // Consume word characters.
            while end < bytes.len() {
                match class(end) {
                    WORD => end += 1,
                    NON_ASCII => {
                        let c = char_at(text, end);
                        if !is_word_char(c) {
                            break;
                        }
                        end += c.len_utf8();
                    }
                    _ => break,
                }
            }
            // A joiner continues the word only if a word character follows it.
            if end >= bytes.len() {
                break;
            }
            let (c, next) = match class(end) {
                JOIN => (bytes[end] as char, end + 1),
                NON_ASCII => {
                    let c = char_at(text, end);
                    (c, end + c.len_utf8())
                }
                _ => break,
            };
            let joins = if is_joiner(c) {
                next < bytes.len() && is_word_char(char_at(text, next))
            } else if c == '.' || c == ',' {
                bytes[end - 1].is_ascii_digit()
                    && next < bytes.len()
                    && bytes[next].is_ascii_digit()
            } else {
                false
            };
            if !joins {
                break;
            }
            end = next;
        }
        out.push(Word { start, end });
        i = end;
    }
    out
}

/// The char starting at byte `i` (which must be a char boundary).
#[inline]
pub fn char_at(text: &str, i: usize) -> char {
    text[i..].chars().next().unwrap_or('\0')
}

/// The char ending just before byte `i`.
#[inline]
pub fn char_before(text: &str, i: usize) -> Option<char> {
    text[..i].chars().next_back()
}

/// Case-insensitive equality (full Unicode lower-casing; fast for ASCII).
#[inline]
pub fn eq_ignore_case(a: &str, b: &str) -> bool {
    // Fast rejection: two ASCII first letters that differ decide it (an ASCII letter
    // lower-cases to exactly one ASCII letter).
    match (a.as_bytes().first(), b.as_bytes().first()) {
        (Some(x), Some(y)) if x.is_ascii() && y.is_ascii() && !x.eq_ignore_ascii_case(y) => {
            return false;
        }
        (None, None) => return true,
        (None, _) | (_, None) => return false,
        _ => {}
    }
    if a.len() == b.len() && a.eq_ignore_ascii_case(b) {
        return true;
    }
    if a.is_ascii() && b.is_ascii() {
        return false;
    }
    a.chars()
        .flat_map(char::to_lowercase)
        .eq(b.chars().flat_map(char::to_lowercase))
}

/// Whether the word starts with an upper-case letter.
pub fn is_capitalized(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Whether the text between two words is only whitespace (no punctuation).
#[inline]
pub fn only_space(text: &str) -> bool {
    match text.as_bytes() {
        [] => false,
        [b' '] => true,
        bytes if bytes.is_ascii() => bytes.iter().all(u8::is_ascii_whitespace),
        _ => text.chars().all(char::is_whitespace),
    }
}

/// Spans of `text` that are not prose: URLs, `www.` addresses, e-mail addresses and
/// Markdown inline code. Sorted and non-overlapping.
pub fn protected_spans(text: &str) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    let bytes = text.as_bytes();
    let quick = memchr::memchr3(b':', b'@', b'`', bytes).is_some() || text.contains("www.");
    if !quick {
        return out;
    }
    for t in link_tokens(text) {
        let token = &text[t.clone()];
        // Where a URL starts inside the token: at its scheme ("[text](https://…)" starts
        // the URL after "](") or at "www.".
        let url_start = if let Some(p) = token.find("://") {
            Some(
                token[..p]
                    .char_indices()
                    .rev()
                    .take_while(|(_, c)| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
                    .last()
                    .map_or(p, |(i, _)| i),
            )
        } else if let Some(p) = token.find("www.") {
            Some(p)
        } else if let Some(p) = token.find("mailto:") {
            Some(p)
        } else {
            let trimmed = token.trim_start_matches(['(', '[', '<', '"', '\'', '“', '‘']);
            is_email(trimmed).then_some(token.len() - trimmed.len())
        };
        if let Some(lead) = url_start {
            let trimmed = &token[lead..];
            // A bracket the URL did not open ends it: "(https://a.b/c.svg)][label]".
            let mut depth = 0usize;
            let close = trimmed.char_indices().find_map(|(i, c)| match c {
                '(' | '[' => {
                    depth += 1;
                    None
                }
                ')' | ']' if depth == 0 => Some(i),
                ')' | ']' => {
                    depth -= 1;
                    None
                }
                _ => None,
            });
            let mut body = &trimmed[..close.unwrap_or(trimmed.len())];
            loop {
                let shorter = body.trim_end_matches([
                    '.', ',', ';', ':', '!', '?', ']', '>', '"', '\'', '”', '’',
                ]);
                // A closing parenthesis belongs to the URL when it closes one inside it.
                let shorter = match shorter.strip_suffix(')') {
                    Some(s) if s.matches('(').count() < s.matches(')').count() + 1 => s,
                    _ => shorter,
                };
                if shorter.len() == body.len() {
                    break;
                }
                body = shorter;
            }
            out.push(t.start + lead..t.start + lead + body.len());
        }
    }
    // Markdown inline code: `...`
    let mut i = 0;
    while let Some(open) = memchr::memchr(b'`', &bytes[i..]).map(|p| p + i) {
        let Some(close) = memchr::memchr(b'`', &bytes[open + 1..]).map(|p| p + open + 1) else {
            break;
        };
        out.push(open..close + 1);
        i = close + 1;
    }
    out.sort_by_key(|r| r.start);
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(out.len());
    for r in out {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

/// The tokens (runs of non-whitespace) that hold "://", "www.", "mailto:" or '@', the only
/// ones that can be a URL or an e-mail address: found from those marks rather than by
/// searching every token of the paragraph (all of a one-line file).
fn link_tokens(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut marks: Vec<usize> = memchr::memmem::find_iter(bytes, b"://")
        .chain(memchr::memmem::find_iter(bytes, b"www."))
        .chain(memchr::memmem::find_iter(bytes, b"mailto:"))
        .chain(memchr::memchr_iter(b'@', bytes))
        .collect();
    marks.sort_unstable();
    let mut tokens: Vec<Range<usize>> = Vec::new();
    for at in marks {
        if tokens.last().is_some_and(|t| at < t.end) {
            continue;
        }
        let start = text[..at]
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8());
        let end = text[at..]
            .char_indices()
            .find(|(_, c)| c.is_whitespace())
            .map_or(text.len(), |(i, _)| at + i);
        tokens.push(start..end);
    }
    tokens
}

fn is_email(token: &str) -> bool {
    let Some((user, domain)) = token.split_once('@') else {
        return false;
    };
    !user.is_empty()
        && domain.contains('.')
        && user
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '+'))
}

/// Whether the whitespace-delimited token around byte `i` looks like code or markup
/// (`unchecked_{add,sub}`, `key=value`, `a/b`, `std::io`) rather than prose.
pub fn in_code_like_token(text: &str, i: usize) -> bool {
    let start = text[..i].rfind(char::is_whitespace).map_or(0, |p| {
        p + text[p..].chars().next().map_or(1, char::len_utf8)
    });
    let end = text[i..]
        .find(char::is_whitespace)
        .map_or(text.len(), |p| i + p);
    let token = &text[start..end];
    token.contains([
        '_', '{', '}', '[', ']', '<', '>', '=', '\\', '/', '|', '%', '$', '#', '@', '`', '^', '~',
        '*', '+',
    ]) || token.contains("::")
        || token.starts_with('-')
}

/// Whether byte `i` falls inside one of the sorted `spans`.
pub fn in_spans(spans: &[Range<usize>], i: usize) -> bool {
    let idx = spans.partition_point(|r| r.end <= i);
    spans.get(idx).is_some_and(|r| r.start <= i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ws(text: &str) -> Vec<&str> {
        words(text).into_iter().map(|w| w.text(text)).collect()
    }

    #[test]
    fn tokenises_words() {
        assert_eq!(
            ws("China's bye-bye, so-and-so -- 3.5 and 1,000 (U.S.) don’t"),
            [
                "China's",
                "bye-bye",
                "so-and-so",
                "3.5",
                "and",
                "1,000",
                "U",
                "S",
                "don’t"
            ]
        );
        assert_eq!(ws("café naïve 中文 end."), ["café", "naïve", "中文", "end"]);
        assert_eq!(ws("trailing- 'quote' x-"), ["trailing", "quote", "x"]);
        assert!(ws("").is_empty());
    }

    /// The tokeniser's rules read one character at a time, as the reference.
    fn reference_words(text: &str) -> Vec<Word> {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let at = |k: usize| chars.get(k).map(|&(_, c)| c);
        let offset = |k: usize| chars.get(k).map_or(text.len(), |&(i, _)| i);
        let mut out = Vec::new();
        let mut k = 0;
        while k < chars.len() {
            if !is_word_char(chars[k].1) {
                k += 1;
                continue;
            }
            let start = k;
            let mut end = k;
            loop {
                while at(end).is_some_and(is_word_char) {
                    end += 1;
                }
                let Some(c) = at(end) else { break };
                let joins = if is_joiner(c) {
                    at(end + 1).is_some_and(is_word_char)
                } else if c == '.' || c == ',' {
                    at(end - 1).is_some_and(|p| p.is_ascii_digit())
                        && at(end + 1).is_some_and(|n| n.is_ascii_digit())
                } else {
                    false
                };
                if !joins {
                    break;
                }
                end += 1;
            }
            out.push(Word {
                start: offset(start),
                end: offset(end),
            });
            k = end;
        }
        out
    }

    #[test]
    fn tokenises_as_the_character_reference() {
        let pieces = [
            "a", "Z", "_", "9", "é", "\u{301}", "中", " ", "'", "’", "-", "\u{2011}", ".", ",",
            "!", "\n", "\u{a0}",
        ];
        let mut rng = crate::testing::Rng(0x0007_0c3a);
        for _ in 0..5000 {
            let text: String = (0..rng.below(14))
                .map(|_| pieces[rng.below(pieces.len())])
                .collect();
            assert_eq!(words(&text), reference_words(&text), "{text:?}");
        }
    }

    #[test]
    fn case_insensitive() {
        assert!(eq_ignore_case("The", "the"));
        assert!(eq_ignore_case("ÉTÉ", "été"));
        assert!(!eq_ignore_case("the", "then"));
    }

    #[test]
    fn link_tokens_are_the_tokens_holding_a_mark() {
        let pieces = [
            "a", " ", "://", "www.", "mailto:", "@", "中", "\u{3000}", "\n", ":", "w.",
        ];
        let mut rng = crate::testing::Rng(0x11_4c5);
        for _ in 0..2000 {
            let text: String = (0..rng.below(12))
                .map(|_| pieces[rng.below(pieces.len())])
                .collect();
            let mut naive = Vec::new();
            let mut at = 0;
            for token in text.split(char::is_whitespace) {
                let marked = ["://", "www.", "mailto:", "@"]
                    .iter()
                    .any(|m| token.contains(m));
                if !token.is_empty() && marked {
                    naive.push(at..at + token.len());
                }
                at += token.len()
                    + text[at + token.len()..]
                        .chars()
                        .next()
                        .map_or(0, char::len_utf8);
            }
            assert_eq!(link_tokens(&text), naive, "{text:?}");
        }
    }

    #[test]
    fn protects_urls_emails_code() {
        let t = "See https://example.com/a:b, (www.xinhua.net) or mail a.b@c.org. Run `a::b`.";
        let spans: Vec<&str> = protected_spans(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(
            spans,
            [
                "https://example.com/a:b",
                "www.xinhua.net",
                "a.b@c.org",
                "`a::b`"
            ]
        );
        assert!(protected_spans("Release time:Apr 14").is_empty());
        let badge = "[![Awesome](https://awesome.re/badge.svg)][awesome] (https://a.org/F_(b))";
        let spans: Vec<&str> = protected_spans(badge)
            .into_iter()
            .map(|r| &badge[r])
            .collect();
        assert_eq!(
            spans,
            ["https://awesome.re/badge.svg", "https://a.org/F_(b)"]
        );
        let spans = protected_spans(t);
        assert!(in_spans(&spans, t.find("example").unwrap()));
        assert!(!in_spans(&spans, 0));
    }
}
