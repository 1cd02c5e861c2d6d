//! Finding text in segments: case-insensitive unless the query has a capital ("smart
//! case"), matching whole grapheme-aligned spans.

use std::ops::Range;

use crate::session::find_all;

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
