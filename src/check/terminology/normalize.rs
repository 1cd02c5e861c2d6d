//! How glossary terms and text words are compared: lower-casing, apostrophes (a typographic
//! `’` or `ʼ` is the same as `'`), the simple English inflections a match tolerates (plural
//! -s/-es/-ies, possessive 's), whitespace inside a multi-word term, and which terms are
//! case-sensitive by default.
//!
//! The store keeps keys computed by these functions ([`term_key`] of preferred terms, to
//! find an entry again), so a change here must bump [`KEY_VERSION`].

use std::borrow::Cow;

use crate::check::text::words;

/// Version of the key functions below; the glossary store recomputes its keys when the
/// version it recorded differs.
pub const KEY_VERSION: u32 = 3;

/// The apostrophes a word may be written with besides `'`: U+2019 (right single quotation
/// mark, the typographic apostrophe) and U+02BC (modifier letter apostrophe).
pub const APOSTROPHES: [char; 2] = ['\u{2019}', '\u{2BC}'];

/// Lower-cased word with its apostrophes written `'` (no allocation for ASCII lower-case
/// words).
pub fn lower(word: &str) -> Cow<'_, str> {
    if word.bytes().all(|b| !b.is_ascii_uppercase() && b < 0x80) {
        Cow::Borrowed(word)
    } else if word.is_ascii() {
        Cow::Owned(word.to_ascii_lowercase())
    } else {
        Cow::Owned(fold_apostrophes(&word.to_lowercase()).into_owned())
    }
}

/// `text` with its apostrophes ([`APOSTROPHES`]) written `'`.
pub fn fold_apostrophes(text: &str) -> Cow<'_, str> {
    if text.contains(APOSTROPHES) {
        Cow::Owned(text.replace(APOSTROPHES, "'"))
    } else {
        Cow::Borrowed(text)
    }
}

/// Whether two words are the same word, ignoring case unless `case_sensitive`, and the
/// way their apostrophes are written.
pub fn same_word(a: &str, b: &str, case_sensitive: bool) -> bool {
    if a.is_ascii() && b.is_ascii() || !a.contains(APOSTROPHES) && !b.contains(APOSTROPHES) {
        return if case_sensitive {
            a == b
        } else {
            crate::check::text::eq_ignore_case(a, b)
        };
    }
    let (a, b) = (fold_apostrophes(a), fold_apostrophes(b));
    if case_sensitive {
        a == b
    } else {
        crate::check::text::eq_ignore_case(&a, &b)
    }
}

/// The forms of a text word that may be the base form written in a glossary term: the
/// word itself, without a possessive `'s` / `s'`, and without a plural ending (-s, -es,
/// -ies → -y). "Countries'" yields "Countries'", "Countries", "Countrie", "Countri",
/// "Country". The forms keep the word's case.
pub fn base_forms(word: &str, out: &mut Vec<String>) {
    out.clear();
    let (spans, n) = base_form_spans(word);
    for &(len, y) in &spans[..n] {
        let mut f = word[..len].to_string();
        if y {
            f.push(if word.ends_with("IES") || word.ends_with("IES'") {
                'Y'
            } else {
                'y'
            });
        }
        push_new(out, &f);
    }
}

/// The base forms of `word` (see [`base_forms`]) as (prefix length in bytes, whether a
/// "y" follows) pairs, the word itself first; `.1` of the result is how many there are.
/// No allocation: the matcher calls this for every word ending in s or an apostrophe.
pub fn base_form_spans(word: &str) -> ([(usize, bool); 5], usize) {
    let mut out = [(0, false); 5];
    let mut n = 0;
    let mut push = |len: usize, y: bool| {
        if n < out.len() {
            out[n] = (len, y);
            n += 1;
        }
    };
    push(word.len(), false);
    let b = word.as_bytes();
    let ends = |suffix: &str| {
        b.len() >= suffix.len()
            && b[b.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
    };
    let mut stem = word.len();
    if ends("'s") {
        stem -= 2;
    } else if ends("\u{2019}s") {
        stem -= "\u{2019}s".len();
    } else if (ends("s'") || ends("s\u{2019}")) && b.len() >= 2 {
        stem -= if ends("'") { 1 } else { "\u{2019}".len() };
    }
    if stem != word.len() {
        push(stem, false);
    }
    let sb = &b[..stem];
    let stem_ends = |suffix: &[u8]| {
        sb.len() >= suffix.len() && sb[sb.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
    };
    if stem >= 3 && stem_ends(b"s") && !stem_ends(b"ss") {
        push(stem - 1, false);
        if stem >= 4 && stem_ends(b"es") {
            push(stem - 2, false);
        }
        if stem >= 5 && stem_ends(b"ies") {
            push(stem - 3, true);
        }
    }
    (out, n)
}

fn push_new(out: &mut Vec<String>, s: &str) {
    if !out.iter().any(|o| o == s) {
        out.push(s.to_string());
    }
}

/// The words of a term and the normalised separators between them (whitespace runs
/// become one space, so "network\n power" and "network  power" match "network power").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermShape {
    pub words: Vec<String>,
    /// `gaps[i]` separates `words[i]` and `words[i + 1]`.
    pub gaps: Vec<String>,
}

/// Splits a term into words and gaps. Leading and trailing punctuation is ignored.
pub fn shape(term: &str) -> TermShape {
    let ws = words(term);
    let words_out = ws.iter().map(|w| w.text(term).to_string()).collect();
    let gaps = ws
        .windows(2)
        .map(|p| normalize_gap(&term[p[0].end..p[1].start]).into_owned())
        .collect();
    TermShape {
        words: words_out,
        gaps,
    }
}

/// A separator between two words with whitespace runs collapsed to one space.
pub fn normalize_gap(gap: &str) -> Cow<'_, str> {
    if gap == " " {
        return Cow::Borrowed(gap);
    }
    let mut out = String::with_capacity(gap.len());
    let mut in_space = false;
    for c in gap.chars() {
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            out.push(c);
            in_space = false;
        }
    }
    Cow::Owned(out)
}

/// Whether a term is case-sensitive unless its entry says otherwise: terms with a word of
/// two or more letters all in capitals ("CAC", "WIC Wuzhen Summit").
pub fn default_case_sensitive(term: &str) -> bool {
    if term.bytes().all(|b| b < 0x80 && !b.is_ascii_uppercase()) {
        return false;
    }
    words(term).iter().any(|w| {
        let t = w.text(term);
        let letters: Vec<char> = t.chars().filter(|c| c.is_alphabetic()).collect();
        letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
    })
}

/// Normalised form of a whole term for duplicate detection and search: lower-cased words
/// joined by their normalised separators.
pub fn term_key(term: &str) -> String {
    // Fast path (most terms): starting and ending with a letter or digit, and no
    // whitespace but single spaces: every separator is already normal, so the key is the
    // lower-cased text itself.
    if term.chars().next().is_some_and(char::is_alphanumeric)
        && term.chars().next_back().is_some_and(char::is_alphanumeric)
        && term.chars().all(|c| c == ' ' || !c.is_whitespace())
        && !term.contains("  ")
    {
        return if term.is_ascii() {
            term.to_ascii_lowercase()
        } else {
            fold_apostrophes(&term.to_lowercase()).into_owned()
        };
    }
    let s = shape(term);
    let mut out = String::with_capacity(term.len());
    for (i, w) in s.words.iter().enumerate() {
        if i > 0 {
            out.push_str(&s.gaps[i - 1]);
        }
        out.push_str(&lower(w));
    }
    if out.is_empty() {
        fold_apostrophes(&term.trim().to_lowercase()).into_owned()
    } else {
        out
    }
}

/// The words of `text` that hold a letter.
fn lettered_words(text: &str) -> Vec<&str> {
    words(text)
        .iter()
        .map(|w| w.text(text))
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect()
}

/// Whether every letter of `text` is a capital, with at least two letters.
fn all_capitals(text: &str) -> bool {
    let mut letters = text.chars().filter(|c| c.is_alphabetic()).peekable();
    letters.clone().nth(1).is_some() && letters.all(char::is_uppercase)
}

/// Re-cases `replacement` after `original`: all capitals stay all capitals, a capital
/// first letter stays a capital first letter, title case stays title case ("Network
/// power" → "Cyberpower", "Strong Online Country" → "Cyberpower" with its own capitals).
///
/// An acronym is not shouting: capitals in a single word ("CAC") or in a short original
/// (four letters or fewer, "U.S.") leave the replacement as written, with a capital first
/// letter ("CAC" → "Cyberspace Administration of China"). A heading in capitals is told
/// apart by the line around the original: see [`transfer_case_in`].
pub fn transfer_case(original: &str, replacement: &str) -> String {
    let lettered = lettered_words(original);
    if lettered.is_empty() {
        return replacement.to_string();
    }
    let all_caps = lettered.iter().all(|w| {
        w.chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
    }) && lettered.iter().map(|w| w.chars().count()).sum::<usize>() > 1;
    let letters = lettered
        .iter()
        .map(|w| w.chars().filter(|c| c.is_alphabetic()).count())
        .sum::<usize>();
    let acronym = lettered.len() == 1 || letters <= 4;
    if all_caps && acronym {
        return if replacement
            .chars()
            .find(|c| c.is_alphabetic())
            .is_some_and(char::is_lowercase)
        {
            capitalize_first(replacement)
        } else {
            replacement.to_string()
        };
    }
    if all_caps && !default_case_sensitive(replacement) {
        return replacement.to_uppercase();
    }
    let starts_upper = lettered[0].chars().next().is_some_and(char::is_uppercase);
    let replacement_starts_lower = replacement
        .chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(char::is_lowercase);
    if !starts_upper || !replacement_starts_lower {
        return replacement.to_string();
    }
    // Title Case leaves short function words in lower case ("Internet and Information
    // Industry").
    let title = lettered.len() > 1
        && lettered.iter().enumerate().all(|(i, w)| {
            w.chars().next().is_some_and(|c| !c.is_lowercase())
                || (i > 0 && TITLE_SMALL_WORDS.contains(w))
        });
    if title {
        title_case(replacement)
    } else {
        capitalize_first(replacement)
    }
}

/// How a matched word is inflected relative to the glossary's form of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Ending {
    plural: bool,
    /// The apostrophe of a possessive (`'` or `’`).
    possessive: Option<char>,
    /// Whether the ending was written in capitals ("POWERS").
    upper: bool,
}

/// Whether `stem` is a plural of `base` (-s, -es, -y → -ies), ignoring case.
fn is_plural_of(stem: &str, base: &str) -> bool {
    let (s, b) = (stem.to_lowercase(), base.to_lowercase());
    s.strip_prefix(b.as_str())
        .is_some_and(|rest| rest == "s" || rest == "es")
        || b.strip_suffix('y')
            .is_some_and(|root| s.strip_prefix(root) == Some("ies"))
}

/// The ending `matched` (a text word) adds to `base` (the glossary's word): plural,
/// possessive 's, plural possessive s'. `None` when they are the same word or the
/// difference is not one of these.
fn ending(matched: &str, base: &str) -> Option<Ending> {
    if matched.to_lowercase() == base.to_lowercase() {
        return None;
    }
    let added = |len: usize| {
        let suffix = &matched[len.min(matched.len())..];
        let letters: Vec<char> = suffix.chars().filter(|c| c.is_alphabetic()).collect();
        !letters.is_empty() && letters.iter().all(|c| c.is_uppercase())
    };
    let shared = |stem: &str| {
        // Bytes of `matched` that spell `base` (or its root before -ies).
        let root = base.strip_suffix(['y', 'Y']).unwrap_or(base);
        if stem.to_lowercase().starts_with(&base.to_lowercase()) {
            base.len()
        } else {
            root.len()
        }
    };
    for apostrophe in ['\'', '\u{2019}'] {
        // Possessive singular: base + 's.
        if let Some(stem) = matched
            .strip_suffix('s')
            .or_else(|| matched.strip_suffix('S'))
            .and_then(|m| m.strip_suffix(apostrophe))
        {
            if stem.to_lowercase() == base.to_lowercase() {
                return Some(Ending {
                    plural: false,
                    possessive: Some(apostrophe),
                    upper: added(stem.len()),
                });
            }
            if is_plural_of(stem, base) {
                // "powers's": plural, then possessive.
                return Some(Ending {
                    plural: true,
                    possessive: Some(apostrophe),
                    upper: added(shared(stem)),
                });
            }
        }
        // Plural possessive: plural + '.
        if let Some(stem) = matched.strip_suffix(apostrophe)
            && is_plural_of(stem, base)
        {
            return Some(Ending {
                plural: true,
                possessive: Some(apostrophe),
                upper: added(shared(stem)),
            });
        }
    }
    is_plural_of(matched, base).then(|| Ending {
        plural: true,
        possessive: None,
        upper: added(shared(matched)),
    })
}

/// The English plural of a word: -ies after a consonant + y, -es after s, x, z, ch and
/// sh, else -s; in capitals when `upper`.
fn plural(word: &str, upper: bool) -> String {
    let lower = word.to_lowercase();
    let cased = |s: &str| {
        if upper {
            s.to_uppercase()
        } else {
            s.to_string()
        }
    };
    let before_y = lower.strip_suffix('y').and_then(|r| r.chars().next_back());
    if before_y.is_some_and(|c| c.is_alphabetic() && !"aeiou".contains(c)) {
        return format!("{}{}", &word[..word.len() - 1], cased("ies"));
    }
    if ["s", "x", "z", "ch", "sh"]
        .iter()
        .any(|e| lower.ends_with(e))
    {
        return format!("{word}{}", cased("es"));
    }
    format!("{word}{}", cased("s"))
}

/// `replacement` (a suggestion for the text `matched`, which the glossary term `term`
/// matched) with the inflection of `matched`'s last word relative to `term`'s re-applied
/// to its own last word: "network powers" for "network power" → "cyberpowers",
/// "strategies" for "strategy" → "policies", "town's" → "city's". A replacement that
/// does not end in a letter or digit is left as it is.
pub fn inflect_like(matched: &str, term: &str, replacement: &str) -> String {
    let last = |s: &str| {
        s.trim_end()
            .rsplit(char::is_whitespace)
            .next()
            .unwrap_or("")
            .to_string()
    };
    let Some(end) = ending(&last(matched), &last(term)) else {
        return replacement.to_string();
    };
    if !replacement
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
    {
        return replacement.to_string();
    }
    let word_start = replacement.rfind(char::is_whitespace).map_or(0, |i| {
        i + replacement[i..].chars().next().map_or(1, char::len_utf8)
    });
    let (head, word) = replacement.split_at(word_start);
    let word_is_upper = word.chars().filter(|c| c.is_alphabetic()).count() > 1
        && word
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase);
    let upper = end.upper && word_is_upper;
    let mut out = String::from(head);
    if end.plural {
        out.push_str(&plural(word, upper));
    } else {
        out.push_str(word);
    }
    if let Some(apostrophe) = end.possessive {
        let plural_in_s = end.plural && out.ends_with(['s', 'S']);
        out.push(apostrophe);
        if !plural_in_s {
            out.push(if upper { 'S' } else { 's' });
        }
    }
    out
}

/// [`transfer_case`] for an `original` found in a line whose other text is `around`: in a
/// line written in capitals (a heading, "THE CAC SAID"), an original in capitals makes the
/// replacement capitals too, acronym or not.
pub fn transfer_case_in(around: &str, original: &str, replacement: &str) -> String {
    if lettered_words(around).len() >= 2
        && all_capitals(around)
        && all_capitals(original)
        && !default_case_sensitive(replacement)
    {
        return replacement.to_uppercase();
    }
    transfer_case(original, replacement)
}

/// [`transfer_case_in`] for the original at `span` of `text`, in the line around it
/// ([`line_around`]), which is read only when the original is in capitals: what each
/// terminology issue's suggestion costs.
pub fn transfer_case_at(text: &str, span: std::ops::Range<usize>, replacement: &str) -> String {
    let original = &text[span.clone()];
    if all_capitals(original) && !default_case_sensitive(replacement) {
        return transfer_case_in(&line_around(text, span), original, replacement);
    }
    transfer_case(original, replacement)
}

/// `inflect_like(original, term, &transfer_case_at(text, span, replacement))` for the
/// original at `span` of `text`, remembered per original, term and replacement where it
/// does not depend on the line around the original: a document's terminology issues
/// repeat a few renderings many times.
#[derive(Debug, Default)]
pub(crate) struct Suggestions<'a> {
    known: std::collections::HashMap<(&'a str, &'a str, &'a str), String>,
}

impl<'a> Suggestions<'a> {
    pub fn get(
        &mut self,
        text: &'a str,
        span: std::ops::Range<usize>,
        term: &'a str,
        replacement: &'a str,
    ) -> String {
        let original = &text[span.clone()];
        // Where transfer_case_at reads the line around.
        if all_capitals(original) && !default_case_sensitive(replacement) {
            return inflect_like(original, term, &transfer_case_at(text, span, replacement));
        }
        self.known
            .entry((original, term, replacement))
            .or_insert_with(|| inflect_like(original, term, &transfer_case(original, replacement)))
            .clone()
    }
}

/// The text of the line holding `span` in `text`, without `span` itself.
pub fn line_around(text: &str, span: std::ops::Range<usize>) -> String {
    let start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let end = text[span.end..]
        .find('\n')
        .map_or(text.len(), |i| span.end + i);
    format!("{} {}", &text[start..span.start], &text[span.end..end])
}

fn capitalize_first(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut done = false;
    for c in s.chars() {
        if !done && c.is_alphabetic() {
            out.extend(c.to_uppercase());
            done = true;
        } else {
            out.push(c);
        }
    }
    out
}

/// Words that Title Case leaves in lower case after the first.
const TITLE_SMALL_WORDS: &[&str] = &[
    "a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with",
];

/// Title case, leaving short function words after the first word in lower case.
fn title_case(s: &str) -> String {
    let ws = words(s);
    let mut out = String::with_capacity(s.len());
    let mut last = 0;
    for (i, w) in ws.iter().enumerate() {
        out.push_str(&s[last..w.start]);
        let t = w.text(s);
        if i > 0 && TITLE_SMALL_WORDS.contains(&t) {
            out.push_str(t);
        } else {
            out.push_str(&capitalize_first(t));
        }
        last = w.end;
    }
    out.push_str(&s[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `term_key` without its fast path.
    fn shape_key(term: &str) -> String {
        let s = shape(term);
        let mut out = String::new();
        for (i, w) in s.words.iter().enumerate() {
            if i > 0 {
                out.push_str(&s.gaps[i - 1]);
            }
            out.push_str(&lower(w));
        }
        out
    }

    fn forms(w: &str) -> Vec<String> {
        let mut v = Vec::new();
        base_forms(w, &mut v);
        v
    }

    #[test]
    fn base_forms_cover_plural_and_possessive() {
        assert!(forms("powers").contains(&"power".to_string()));
        assert!(forms("countries").contains(&"country".to_string()));
        assert!(forms("boxes").contains(&"box".to_string()));
        assert!(forms("cases").contains(&"case".to_string()));
        assert!(forms("cyberpower's").contains(&"cyberpower".to_string()));
        assert!(forms("China’s").contains(&"China".to_string()));
        assert!(forms("countries'").contains(&"country".to_string()));
        assert!(forms("COUNTRIES").contains(&"COUNTRY".to_string()));
        assert_eq!(forms("class"), ["class"]);
        assert_eq!(forms("as"), ["as"]);
        assert_eq!(forms("power"), ["power"]);
    }

    #[test]
    fn shapes_and_keys() {
        let s = shape("a positive,  healthy\nculture");
        assert_eq!(s.words, ["a", "positive", "healthy", "culture"]);
        assert_eq!(s.gaps, [" ", ", ", " "]);
        assert_eq!(term_key("Network  Power"), "network power");
        assert_eq!(term_key("网络强国"), "网络强国");
        for t in [
            "a, b",
            "U.S. policy",
            "x-ray's 5G",
            "a - b",
            "a \"b\" c",
            "A.B",
            "网络强国",
            "Été à Paris",
            "数据, 出境",
        ] {
            assert_eq!(term_key(t), shape_key(t), "{t}");
        }
    }

    #[test]
    fn apostrophes_are_one_however_written() {
        assert_eq!(lower("People\u{2019}S"), "people's");
        assert_eq!(lower("peopleʼs"), "people's");
        assert!(same_word("China\u{2019}s", "china's", false));
        assert!(same_word("China's", "China\u{2019}s", true));
        assert!(!same_word("china\u{2019}s", "China's", true));
        assert!(!same_word("China\u{2019}s", "Chinas", false));
        assert!(same_word("été", "ÉTÉ", false));
        for (a, b) in [
            (
                "China\u{2019}s strength in cyberspace",
                "china's strength in cyberspace",
            ),
            ("the people\u{2019}s  congress", "The People's congress"),
            ("Internet Users\u{2019}", "internet users'"),
        ] {
            assert_eq!(term_key(a), term_key(b), "{a} / {b}");
        }
    }

    #[test]
    fn capitals_make_a_term_case_sensitive() {
        assert!(default_case_sensitive("CAC"));
        assert!(default_case_sensitive("the WIC Wuzhen Summit"));
        assert!(!default_case_sensitive(
            "Cyberspace Administration of China"
        ));
        assert!(!default_case_sensitive("a"));
        assert!(!default_case_sensitive("I"));
    }

    #[test]
    fn transfers_capitalisation() {
        assert_eq!(transfer_case("Network power", "cyberpower"), "Cyberpower");
        // Title Case with its small words in lower case is still Title Case.
        assert_eq!(
            transfer_case("Internet and Information Industry", "cyberspace affairs"),
            "Cyberspace Affairs"
        );
        assert_eq!(
            transfer_case("Development of the network", "cyberspace affairs"),
            "Cyberspace affairs"
        );
        assert_eq!(
            transfer_case("And the Network", "cyberspace affairs"),
            "Cyberspace Affairs"
        );
        assert_eq!(
            transfer_case("Network and power", "cyberspace affairs"),
            "Cyberspace affairs"
        );
        assert_eq!(transfer_case("network power", "cyberpower"), "cyberpower");
        assert_eq!(
            transfer_case("Strong Online Country", "major internet country"),
            "Major Internet Country"
        );
        assert_eq!(
            transfer_case(
                "Network Security Review",
                "cybersecurity review of the state"
            ),
            "Cybersecurity Review of the State"
        );
        assert_eq!(transfer_case("NETWORK POWER", "cyberpower"), "CYBERPOWER");
        assert_eq!(
            transfer_case("NETWORK POWER", "major internet country"),
            "MAJOR INTERNET COUNTRY"
        );
        // An acronym is not shouting.
        assert_eq!(
            transfer_case("CAC", "Cyberspace Administration of China"),
            "Cyberspace Administration of China"
        );
        assert_eq!(
            transfer_case("CAC", "cyberspace administration"),
            "Cyberspace administration"
        );
        assert_eq!(transfer_case("U.S.", "United States"), "United States");
        assert_eq!(transfer_case("NGO", "NGO"), "NGO");
        // ... unless the whole line is in capitals.
        assert_eq!(
            transfer_case_in("THE  SAID", "CAC", "Cyberspace Administration of China"),
            "CYBERSPACE ADMINISTRATION OF CHINA"
        );
        assert_eq!(
            transfer_case_in("The  said", "CAC", "Cyberspace Administration of China"),
            "Cyberspace Administration of China"
        );
        assert_eq!(
            transfer_case_in("THE  SAID", "network power", "cyberpower"),
            "cyberpower"
        );
        assert_eq!(transfer_case_in("A  ", "CAC", "regulator"), "Regulator");
        let text = "Intro.\nTHE CAC SAID\nmore";
        let at = text.find("CAC").unwrap();
        assert_eq!(line_around(text, at..at + 3), "THE   SAID");
        assert_eq!(transfer_case("network power", "CAC"), "CAC");
        assert_eq!(
            transfer_case("Central Cyberspace Administration", "CAC"),
            "CAC"
        );
    }

    #[test]
    fn case_at_a_span_is_case_in_its_line() {
        let text = "THE CAC SAID\nThe CAC said\nA CAC\nNETWORK POWER AND CAC\n\
                    Network Power, network power, NETWORK POWER's\nCAC\nU.S. and U.S.";
        let replacements = [
            "Cyberspace Administration of China",
            "cyberpower",
            "regulator",
            "CAC",
            "United States",
        ];
        let ws = words(text);
        for i in 0..ws.len() {
            for j in i..ws.len().min(i + 3) {
                let span = ws[i].start..ws[j].end;
                for r in replacements {
                    assert_eq!(
                        transfer_case_at(text, span.clone(), r),
                        transfer_case_in(&line_around(text, span.clone()), &text[span.clone()], r),
                        "{:?} -> {r}",
                        &text[span]
                    );
                }
            }
        }
        let at = text.find("CAC").unwrap();
        assert_eq!(
            transfer_case_at(text, at..at + 3, "Cyberspace Administration of China"),
            "CYBERSPACE ADMINISTRATION OF CHINA"
        );
    }

    #[test]
    fn reapplies_the_inflection_of_the_match() {
        let f = inflect_like;
        assert_eq!(
            f("network power's", "network power", "cyberpower"),
            "cyberpower's"
        );
        assert_eq!(
            f("network powers", "network power", "cyberpower"),
            "cyberpowers"
        );
        assert_eq!(
            f("network powers'", "network power", "cyberpower"),
            "cyberpowers'"
        );
        assert_eq!(
            f("network power\u{2019}s", "network power", "cyberpower"),
            "cyberpower\u{2019}s"
        );
        assert_eq!(f("strategies", "strategy", "policy"), "policies");
        assert_eq!(f("Strategies", "strategy", "Policy"), "Policies");
        assert_eq!(f("strategies'", "strategy", "policy"), "policies'");
        assert_eq!(f("town's", "town", "city"), "city's");
        assert_eq!(f("towns", "town", "day"), "days");
        assert_eq!(f("towns", "town", "box"), "boxes");
        assert_eq!(f("towns", "town", "search"), "searches");
        assert_eq!(f("towns", "town", "address"), "addresses");
        assert_eq!(f("boxes", "box", "case"), "cases");
        assert_eq!(
            f("NETWORK POWERS", "network power", "CYBERPOWER"),
            "CYBERPOWERS"
        );
        assert_eq!(
            f("NETWORK POWER'S", "network power", "CYBERPOWER"),
            "CYBERPOWER'S"
        );
        // An acronym takes a lower-case ending after a lower-case match.
        assert_eq!(
            f(
                "central cyberspace administrations",
                "Central Cyberspace Administration",
                "CAC"
            ),
            "CACs"
        );
        assert_eq!(
            f("network\npowers", "network power", "major internet country"),
            "major internet countries"
        );
        // No inflection, or none we know: as it is.
        assert_eq!(
            f("network power", "network power", "cyberpower"),
            "cyberpower"
        );
        assert_eq!(
            f("Network Power", "network power", "cyberpower"),
            "cyberpower"
        );
        assert_eq!(f("news", "news", "report"), "report");
        assert_eq!(f("network powers", "network power", "U.S."), "U.S.");
    }
}
