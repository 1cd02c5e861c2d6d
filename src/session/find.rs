//! Finding text: a literal query (case-insensitive unless asked, or, in "smart case",
//! unless the query has a capital) or a regular expression, matched in one text at a
//! time. The editor's search and find-and-replace both use it.

use std::ops::Range;

use regex::{Regex, RegexBuilder};

/// How letters' case is matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseMode {
    /// Case-insensitive unless the query has a capital letter.
    Smart,
    Sensitive,
    Insensitive,
}

impl CaseMode {
    /// The next mode, for a key that cycles through them.
    pub fn next(self) -> Self {
        match self {
            CaseMode::Smart => CaseMode::Sensitive,
            CaseMode::Sensitive => CaseMode::Insensitive,
            CaseMode::Insensitive => CaseMode::Smart,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            CaseMode::Smart => "smart case",
            CaseMode::Sensitive => "match case",
            CaseMode::Insensitive => "ignore case",
        }
    }

    fn sensitive(self, query: &str) -> bool {
        match self {
            CaseMode::Smart => query.chars().any(char::is_uppercase),
            CaseMode::Sensitive => true,
            CaseMode::Insensitive => false,
        }
    }
}

/// What to find: a query, literal or a regular expression, and how case is matched.
#[derive(Debug, Clone)]
pub struct Pattern {
    query: String,
    case_sensitive: bool,
    regex: Option<Regex>,
}

impl Pattern {
    /// A literal query.
    pub fn literal(query: &str, case: CaseMode) -> Self {
        Pattern {
            query: query.to_string(),
            case_sensitive: case.sensitive(query),
            regex: None,
        }
    }

    /// A regular expression (Rust `regex` syntax); the error says what is wrong with it.
    pub fn regex(query: &str, case: CaseMode) -> Result<Self, String> {
        let case_sensitive = case.sensitive(query);
        let regex = RegexBuilder::new(query)
            .case_insensitive(!case_sensitive)
            .size_limit(1 << 22)
            .build()
            .map_err(|e| match e {
                regex::Error::Syntax(s) => {
                    let last = s.lines().last().unwrap_or("").trim();
                    last.strip_prefix("error: ").unwrap_or(last).to_string()
                }
                other => other.to_string(),
            })?;
        Ok(Pattern {
            query: query.to_string(),
            case_sensitive,
            regex: Some(regex),
        })
    }

    pub fn query(&self) -> &str {
        &self.query
    }

    pub fn is_regex(&self) -> bool {
        self.regex.is_some()
    }

    pub fn is_case_sensitive(&self) -> bool {
        self.case_sensitive
    }

    /// Every non-empty match in `text`, in order, not overlapping.
    pub fn find_all(&self, text: &str) -> Vec<Range<usize>> {
        match &self.regex {
            Some(re) => re
                .find_iter(text)
                .filter(|m| !m.is_empty())
                .map(|m| m.range())
                .collect(),
            None => find_all(text, &self.query, self.case_sensitive),
        }
    }

    /// Every non-empty match in `text` with what `with` makes of it: `with` itself for a
    /// literal query; for a regular expression, `with` with `$1`, `${name}` (and `$$` for
    /// a dollar) filled in from the match.
    pub fn replacements(&self, text: &str, with: &str) -> Vec<(Range<usize>, String)> {
        match &self.regex {
            Some(re) => re
                .captures_iter(text)
                .filter_map(|caps| {
                    let m = caps.get(0)?;
                    if m.is_empty() {
                        return None;
                    }
                    let mut out = String::new();
                    caps.expand(with, &mut out);
                    Some((m.range(), out))
                })
                .collect(),
            None => self
                .find_all(text)
                .into_iter()
                .map(|r| (r, with.to_string()))
                .collect(),
        }
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

    fn found<'a>(p: &Pattern, text: &'a str) -> Vec<&'a str> {
        p.find_all(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn literal_case_modes() {
        let text = "Network power, network POWER";
        let q = "network power";
        assert_eq!(found(&Pattern::literal(q, CaseMode::Smart), text).len(), 2);
        assert!(found(&Pattern::literal(q, CaseMode::Sensitive), text).is_empty());
        assert_eq!(
            found(&Pattern::literal("Network", CaseMode::Smart), text),
            ["Network"]
        );
        assert_eq!(
            found(&Pattern::literal("Network", CaseMode::Insensitive), text),
            ["Network", "network"]
        );
    }

    #[test]
    fn regular_expressions_and_their_replacements() {
        let p = Pattern::regex(r"(\w+) power", CaseMode::Smart).unwrap();
        assert!(p.is_regex() && !p.is_case_sensitive());
        let text = "a network power and a cyber Power";
        assert_eq!(found(&p, text), ["network power", "cyber Power"]);
        let r = p.replacements(text, "${1}power");
        assert_eq!(r[0].1, "networkpower");
        assert_eq!(r[1].1, "cyberpower");
        let sensitive = Pattern::regex("Power", CaseMode::Smart).unwrap();
        assert_eq!(found(&sensitive, text), ["Power"]);
        // Empty matches are not matches.
        assert!(found(&Pattern::regex("x*", CaseMode::Smart).unwrap(), "abc").is_empty());
        let err = Pattern::regex("(unclosed", CaseMode::Smart).unwrap_err();
        assert!(err.contains("unclosed"), "{err}");
        // A literal query is taken as it is, with no $ expansion.
        let lit = Pattern::literal("a.b", CaseMode::Smart);
        assert_eq!(
            lit.replacements("a.b axb", "$1"),
            [(0..3, "$1".to_string())]
        );
    }
}
