//! Finding text in segments: case-insensitive unless the query has a capital ("smart
//! case"), matching whole grapheme-aligned spans.

use std::ops::Range;

/// An active search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Search {
    pub query: String,
    pub case_sensitive: bool,
    /// The match last moved to: segment and byte span in its text.
    pub at: Option<(usize, Range<usize>)>,
}

impl Search {
    pub fn new(query: &str) -> Self {
        Search {
            query: query.to_string(),
            case_sensitive: query.chars().any(char::is_uppercase),
            at: None,
        }
    }

    /// Every match in `text`, in order, not overlapping.
    pub fn find_all(&self, text: &str) -> Vec<Range<usize>> {
        find_all(text, &self.query, self.case_sensitive)
    }
}

/// The length of the match of `query` (already lower-cased unless `case_sensitive`) at the
/// start of `text`, if any.
fn match_at(text: &str, query: &str, case_sensitive: bool) -> Option<usize> {
    if case_sensitive {
        return text.starts_with(query).then_some(query.len());
    }
    if query.is_ascii() {
        let n = query.len();
        let head = text.as_bytes().get(..n)?;
        return head.eq_ignore_ascii_case(query.as_bytes()).then_some(n);
    }
    let mut want = query.chars().peekable();
    let mut used = 0;
    for c in text.chars() {
        if want.peek().is_none() {
            break;
        }
        for lower in c.to_lowercase() {
            if want.next() != Some(lower) {
                return None;
            }
        }
        used += c.len_utf8();
    }
    want.peek().is_none().then_some(used)
}

/// Every match of `query` in `text`, in order, not overlapping.
pub fn find_all(text: &str, query: &str, case_sensitive: bool) -> Vec<Range<usize>> {
    if query.is_empty() {
        return Vec::new();
    }
    let lowered;
    let query = if case_sensitive {
        query
    } else {
        lowered = query.to_lowercase();
        lowered.as_str()
    };
    let first_ascii = query
        .as_bytes()
        .first()
        .copied()
        .filter(u8::is_ascii_alphanumeric);
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() {
        // A quick skip to where the first (ASCII) character could match.
        if let Some(b) = first_ascii {
            let rest = &text.as_bytes()[i..];
            let found = if case_sensitive {
                memchr::memchr(b, rest)
            } else {
                memchr::memchr2(b.to_ascii_lowercase(), b.to_ascii_uppercase(), rest)
            };
            match found {
                Some(off) => i += off,
                None => break,
            }
        }
        if !text.is_char_boundary(i) {
            i += 1;
            continue;
        }
        if let Some(len) = match_at(&text[i..], query, case_sensitive).filter(|&n| n > 0) {
            out.push(i..i + len);
            i += len;
        } else {
            i += text[i..].chars().next().map_or(1, char::len_utf8);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found<'a>(text: &'a str, q: &str) -> Vec<&'a str> {
        let s = Search::new(q);
        s.find_all(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn smart_case() {
        let text = "Network power, network POWER, networked";
        assert_eq!(
            found(text, "network power"),
            ["Network power", "network POWER"]
        );
        assert_eq!(found(text, "Network"), ["Network"]);
    }

    #[test]
    fn unicode_text_and_queries() {
        assert_eq!(found("Ärger und ärger", "ärger"), ["Ärger", "ärger"]);
        assert_eq!(found("网络强国与网络大国", "网络"), ["网络", "网络"]);
        assert_eq!(found("café CAFÉ", "café"), ["café", "CAFÉ"]);
        assert!(found("abc", "").is_empty());
        assert!(found("ab", "abc").is_empty());
    }
}
