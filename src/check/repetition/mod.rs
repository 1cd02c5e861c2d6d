//! Repetition checks: words, phrases, list items, sentences and lines said twice, and a
//! word glued or joined to its own copy or echoed in brackets.
//!
//! The finders are public so that other checks can build on them: the glossary's
//! `terminology.collapsed` asks whether a repeated phrase is a known rendering of two concepts.

pub mod bracket_echo;
pub mod doubled;
pub mod duplicate_line;
pub mod glued;
pub mod joined;
pub mod lexicon;
pub mod list_item;
pub mod repeated_sentence;
pub mod separated;
pub mod tautology;

use std::ops::Range;

use super::text::{Word, in_code_like_token};

/// How a phrase came to be said twice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RepetitionKind {
    /// Back to back: "the the", "a network power a network power".
    Doubled,
    /// Coordinated with itself: "clear and clear", "upward and upward", "X or X".
    Coordinated,
    /// "from X to X".
    FromTo,
    /// "between X and X".
    Between,
    /// An item repeated in a list: "positive, healthy, and positive".
    ListItem,
    /// Words in brackets repeating those before: "Karl Hartmann (Karl Hartmann)".
    BracketEcho,
    /// On both sides of a comma, semicolon or full stop: "songs, songs, comics".
    Separated,
    /// On both sides of a hyphen, slash or dash: "the Laos-Laos partnership".
    Joined,
    /// Glued to its own copy: "ShanghaiShanghai".
    Glued,
}

/// Two equal phrases found in one paragraph. Spans are relative to the paragraph text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepeatedPhrase {
    /// The whole construct, e.g. "from a network power to a network power".
    pub span: Range<usize>,
    /// The first occurrence of the phrase.
    pub first: Range<usize>,
    /// The second occurrence.
    pub second: Range<usize>,
    pub kind: RepetitionKind,
}

/// All repeated phrases the repetition checks find in one paragraph, in text order.
/// `words` must be `crate::check::text::words(text)`.
pub fn repeated_phrases(text: &str, words: &[Word]) -> Vec<RepeatedPhrase> {
    let mut out = doubled::find(text, words);
    out.extend(tautology::find(text, words));
    out.extend(list_item::find(text, words));
    out.extend(separated::find(text, words));
    out.extend(bracket_echo::find(text, words));
    out.sort_by_key(|r| (r.span.start, r.span.end));
    out
}

/// Tokens longer than this (in bytes, either side of a position) are not prose.
const MAX_TOKEN_BYTES: usize = 128;

/// Whether the whitespace-delimited token around byte `i` looks like code
/// ([`in_code_like_token`]) or is too long to be a word of prose. Looks at most
/// [`MAX_TOKEN_BYTES`] either side, so that many finds in a text without spaces stay linear.
pub(crate) fn code_like_near(text: &str, i: usize) -> bool {
    let from = floor_char_boundary(text, i.saturating_sub(MAX_TOKEN_BYTES));
    let to = floor_char_boundary(text, (i + MAX_TOKEN_BYTES).min(text.len()));
    let window = &text[from..to];
    let bounded_before = from == 0 || text[from..i].contains(char::is_whitespace);
    let bounded_after = to == text.len() || text[i..to].contains(char::is_whitespace);
    !(bounded_before && bounded_after) || in_code_like_token(window, i - from)
}

pub(crate) fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}
