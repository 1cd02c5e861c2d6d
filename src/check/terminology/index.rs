//! The glossary as the terminology checks see it: the entries that can occur in one
//! document, and a word-level trie over their target terms that finds every term in one
//! pass over the text.
//!
//! Design (measured against an aho-corasick automaton, see the glossary benchmarks): the
//! trie is keyed by hashes of lower-cased words, so building it costs one hash-map insert
//! per term word (no automaton construction), and scanning costs one hash lookup per text
//! word plus, for words that may be inflected, one per base form. Hits are verified
//! against the term's text, so a hash collision can never produce a false match.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

use super::normalize::{base_form_spans, base_forms, normalize_gap, same_word};
use super::split_hashed;
use crate::check::text::Word;

/// The status of a target term in its entry.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum TermStatus {
    /// The rendering to use.
    Preferred,
    /// An acceptable alternative.
    Admitted,
    /// A rendering to replace with the preferred term.
    Deprecated,
}

impl TermStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            TermStatus::Preferred => "preferred",
            TermStatus::Admitted => "admitted",
            TermStatus::Deprecated => "deprecated",
        }
    }
}

/// A target term of an entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexedTerm {
    pub text: String,
    pub status: TermStatus,
    pub case_sensitive: bool,
    /// Why a deprecated term is deprecated, when the glossary says.
    pub reason: Option<String>,
}

/// A glossary entry (one concept) as the checks need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexedEntry {
    /// The entry's id in the glossary store.
    pub id: i64,
    /// Source-language terms (may be empty).
    pub sources: Vec<String>,
    /// Target terms; exactly one is [`TermStatus::Preferred`].
    pub terms: Vec<IndexedTerm>,
}

impl IndexedEntry {
    /// The preferred target term.
    pub fn preferred(&self) -> &str {
        self.terms
            .iter()
            .find(|t| t.status == TermStatus::Preferred)
            .map_or("", |t| t.text.as_str())
    }

    /// A short name for the concept in messages: "网络强国 (cyberpower)", or the preferred
    /// term alone for a target-only entry.
    pub fn label(&self) -> String {
        match self.sources.first() {
            Some(s) => format!("{s} ({})", self.preferred()),
            None => format!("\u{201c}{}\u{201d}", self.preferred()),
        }
    }
}

/// One (entry, term) that a match stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TermRef {
    /// Index into [`TermIndex::entries`].
    pub entry: u32,
    /// Index into that entry's `terms`.
    pub term: u32,
}

/// A glossary term found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermMatch {
    /// Byte span (relative to the text searched, or in the file for document matches).
    pub span: Range<usize>,
    /// Every (entry, term) whose term matches here: more than one when two entries share a
    /// rendering, as "network power" for both 网络大国 and 网络强国. Sorted.
    pub refs: Vec<TermRef>,
}

/// Builds 64-bit hashes of words without allocating (FNV-1a over lower-cased bytes).
#[derive(Clone, Copy)]
struct WordHash(u64);

impl WordHash {
    const fn new() -> Self {
        WordHash(0xcbf2_9ce4_8422_2325)
    }
    /// Adds bytes; an apostrophe written `’` or `ʼ` is added as `'` (see
    /// [`APOSTROPHES`](super::normalize::APOSTROPHES)).
    fn bytes(mut self, b: &[u8]) -> Self {
        let mut i = 0;
        while i < b.len() {
            let (x, len) = match b[i..] {
                [0xE2, 0x80, 0x99, ..] => (b'\'', 3),
                [0xCA, 0xBC, ..] => (b'\'', 2),
                [x, ..] => (x, 1),
                [] => break,
            };
            self.0 ^= u64::from(x);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
            i += len;
        }
        self
    }
}

/// The hash of a lower-cased word, as the trie and the glossary's matcher snapshot key
/// words.
pub(crate) fn word_hash(lower_word: &str) -> u64 {
    WordHash::new().bytes(lower_word.as_bytes()).0
}

/// The hash of a text word as written (lower-cased first), without allocating for ASCII.
pub(crate) fn text_word_hash(word: &str) -> u64 {
    if word.is_ascii() {
        WordHash::new().ascii_lower(word.as_bytes()).0
    } else {
        word_hash(&word.to_lowercase())
    }
}

/// The hashes of a text word's lower-cased forms that a term's word may match: the word
/// itself first, then, for a word that may be inflected (plural, possessive), its base
/// forms. Returns how many there are.
pub(crate) fn text_word_forms(word: &str, out: &mut [u64; 5]) -> usize {
    form_hashes(word, may_be_inflected(word), out)
}

/// Whether a text word may be a plural or a possessive: the matcher then also tries its
/// base forms (a word that may not has only itself, so its hash says all about it).
pub(crate) fn may_be_inflected(word: &str) -> bool {
    may_be_inflected_bytes(word.as_bytes())
}

/// [`may_be_inflected`] for a word's bytes.
#[inline]
pub(crate) fn may_be_inflected_bytes(word: &[u8]) -> bool {
    match word {
        [_, _, .., b's' | b'S' | b'\''] => true,
        [.., 0xE2, 0x80, 0x99] => true, // U+2019 RIGHT SINGLE QUOTATION MARK
        _ => false,
    }
}

impl WordHash {
    /// Adds ASCII bytes lower-cased.
    fn ascii_lower(mut self, b: &[u8]) -> Self {
        for &x in b {
            self.0 ^= u64::from(x.to_ascii_lowercase());
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
        self
    }
}

/// The hashes of a text word's lower-cased base forms (the word itself first), without
/// allocating for ASCII words.
fn form_hashes(word: &str, with_inflections: bool, out: &mut [u64; 5]) -> usize {
    let owned;
    let (w, ascii) = if word.is_ascii() {
        (word, true)
    } else {
        owned = word.to_lowercase();
        (owned.as_str(), false)
    };
    let (spans, n) = if with_inflections {
        base_form_spans(w)
    } else {
        ([(w.len(), false); 5], 1)
    };
    for (slot, &(len, y)) in out.iter_mut().zip(&spans[..n]) {
        let h = if ascii {
            WordHash::new().ascii_lower(&w.as_bytes()[..len])
        } else {
            WordHash::new().bytes(&w.as_bytes()[..len])
        };
        *slot = if y { h.bytes(b"y").0 } else { h.0 };
    }
    n
}

/// Hasher for the trie's keys: they are already well-mixed hashes.
#[derive(Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

type KeyMap<V> = HashMap<u64, V, BuildHasherDefault<KeyHasher>>;

/// The trie key of a word after a node. Two (node, word) pairs sharing a key would only
/// share a trie path, and every hit is verified against the term's text, so a collision
/// can cost a verification but never produce a false match or lose one.
fn step_key(node: u32, word: u64) -> u64 {
    word ^ u64::from(node)
        .wrapping_mul(0x9e37_79b9_7f4a_7c15)
        .rotate_left(29)
}

/// What follows a trie node on a word.
#[derive(Debug, Clone, Copy)]
struct Step {
    /// The child node, or `NO_NODE`.
    child: u32,
    /// The terms ending with this word: an index into `finals`, or `NO_NODE`.
    finals: u32,
}

const NO_NODE: u32 = u32::MAX;

/// A term as stored in the trie (its text, for verification, is in its entry).
#[derive(Debug, Clone, Copy)]
struct TrieTerm {
    at: TermRef,
    words: u32,
    /// Where its words are in [`TermIndex::term_words`].
    first_word: u32,
    case_sensitive: bool,
}

/// Entries and a one-pass matcher over their target terms.
#[derive(Debug, Default)]
pub struct TermIndex {
    entries: Vec<IndexedEntry>,
    by_id: HashMap<i64, u32>,
    steps: KeyMap<Step>,
    finals: Vec<Vec<u32>>,
    terms: Vec<TrieTerm>,
    /// The words of every trie term's text, one term after another.
    term_words: Vec<Word>,
    longest: usize,
    /// The terms of the document this index was built for.
    pub(super) prematched: Option<Box<super::Prematched>>,
}

impl TermIndex {
    /// Indexes the entries' target terms.
    pub fn new(entries: Vec<IndexedEntry>) -> Self {
        let mut index = TermIndex {
            by_id: HashMap::with_capacity(entries.len()),
            ..TermIndex::default()
        };
        let term_count: usize = entries.iter().map(|e| e.terms.len()).sum();
        index.steps = KeyMap::with_capacity_and_hasher(term_count * 2, Default::default());
        index.terms.reserve(term_count);
        let mut nodes = 1u32;
        let mut hashes: Vec<u64> = Vec::new();
        for (ei, entry) in entries.iter().enumerate() {
            let ei = u32::try_from(ei).unwrap_or(u32::MAX);
            index.by_id.insert(entry.id, ei);
            for (ti, term) in entry.terms.iter().enumerate() {
                let first_word = index.term_words.len();
                hashes.clear();
                split_hashed(&term.text, &mut index.term_words, &mut hashes);
                let n = hashes.len();
                if n == 0 {
                    continue;
                }
                let trie_term = u32::try_from(index.terms.len()).unwrap_or(u32::MAX);
                let mut node = 0u32;
                for (k, &hash) in hashes.iter().enumerate() {
                    let key = step_key(node, hash);
                    let step = index.steps.entry(key).or_insert(Step {
                        child: NO_NODE,
                        finals: NO_NODE,
                    });
                    if k + 1 == n {
                        if step.finals == NO_NODE {
                            step.finals = u32::try_from(index.finals.len()).unwrap_or(u32::MAX);
                            index.finals.push(Vec::new());
                        }
                        index.finals[step.finals as usize].push(trie_term);
                    } else {
                        if step.child == NO_NODE {
                            step.child = nodes;
                            nodes += 1;
                        }
                        node = step.child;
                    }
                }
                index.longest = index.longest.max(n);
                index.terms.push(TrieTerm {
                    at: TermRef {
                        entry: ei,
                        term: u32::try_from(ti).unwrap_or(u32::MAX),
                    },
                    words: u32::try_from(n).unwrap_or(u32::MAX),
                    first_word: u32::try_from(first_word).unwrap_or(u32::MAX),
                    case_sensitive: term.case_sensitive,
                });
            }
        }
        index.entries = entries;
        index
    }

    pub fn entries(&self) -> &[IndexedEntry] {
        &self.entries
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Number of indexed target terms.
    pub fn term_count(&self) -> usize {
        self.terms.len()
    }

    pub fn entry(&self, r: TermRef) -> &IndexedEntry {
        &self.entries[r.entry as usize]
    }

    pub fn term(&self, r: TermRef) -> &IndexedTerm {
        &self.entries[r.entry as usize].terms[r.term as usize]
    }

    /// The entry with store id `id`, if it is in the index.
    pub fn entry_by_id(&self, id: i64) -> Option<&IndexedEntry> {
        self.by_id.get(&id).map(|&i| &self.entries[i as usize])
    }

    /// Finds the glossary terms in `text`, whose words are `words`
    /// (`crate::check::text::words(text)`): whole words only, the longest match at the
    /// leftmost position, matches never overlapping. Spans are relative to `text`.
    pub fn find(&self, text: &str, words: &[Word]) -> Vec<TermMatch> {
        let mut out = Vec::new();
        if self.terms.is_empty() {
            return out;
        }
        let mut i = 0;
        while i < words.len() {
            match self.longest_at(text, words, i) {
                Some((end_word, refs)) => {
                    out.push(TermMatch {
                        span: words[i].start..words[end_word].end,
                        refs,
                    });
                    i = end_word + 1;
                }
                None => i += 1,
            }
        }
        out
    }

    /// What [`find`](Self::find) finds, trying only the words `starts` (ascending): the
    /// others must start no term (the glossary's snapshot tells where terms can start).
    pub(crate) fn find_at(&self, text: &str, words: &[Word], starts: &[u32]) -> Vec<TermMatch> {
        let mut out = Vec::new();
        if self.terms.is_empty() {
            return out;
        }
        let mut next = 0;
        for &i in starts {
            let i = i as usize;
            if i < next || i >= words.len() {
                continue;
            }
            if let Some((end_word, refs)) = self.longest_at(text, words, i) {
                out.push(TermMatch {
                    span: words[i].start..words[end_word].end,
                    refs,
                });
                next = end_word + 1;
            }
        }
        out
    }

    /// The longest term starting at word `i`: its last word's index and what it stands for.
    fn longest_at(&self, text: &str, words: &[Word], i: usize) -> Option<(usize, Vec<TermRef>)> {
        let mut node = 0u32;
        let mut best: Option<(usize, Vec<TermRef>)> = None;
        let mut hashes = [0u64; 5];
        for k in i..words.len().min(i + self.longest) {
            let n = text_word_forms(words[k].text(text), &mut hashes);
            let exact = self.steps.get(&step_key(node, hashes[0])).copied();
            // Terms ending here: the word as written, or one of its base forms.
            let mut refs: Vec<TermRef> = Vec::new();
            if let Some(step) = exact
                && step.finals != NO_NODE
            {
                self.collect_finals(step, text, &words[i..=k], &mut refs);
            }
            for h in &hashes[1..n] {
                if let Some(step) = self.steps.get(&step_key(node, *h))
                    && step.finals != NO_NODE
                {
                    self.collect_finals(*step, text, &words[i..=k], &mut refs);
                }
            }
            if !refs.is_empty() {
                refs.sort_unstable();
                refs.dedup();
                best = Some((k, refs));
            }
            match exact {
                Some(step) if step.child != NO_NODE => node = step.child,
                _ => break,
            }
        }
        best
    }

    fn collect_finals(&self, step: Step, text: &str, span: &[Word], refs: &mut Vec<TermRef>) {
        let Some(finals) = self.finals.get(step.finals as usize) else {
            return;
        };
        for &t in finals {
            let term = &self.terms[t as usize];
            let first = term.first_word as usize;
            if span.len() == term.words as usize
                && verify(
                    &self.term(term.at).text,
                    &self.term_words[first..first + span.len()],
                    term.case_sensitive,
                    text,
                    span,
                )
            {
                refs.push(term.at);
            }
        }
    }
}

/// Whether the text words `span` spell `term`, whose words are `want` (guards against
/// hash collisions, checks separators and case sensitivity).
fn verify(term: &str, want: &[Word], case_sensitive: bool, text: &str, span: &[Word]) -> bool {
    let n = want.len();
    if span.len() != n {
        return false;
    }
    for k in 0..n {
        let t = span[k].text(text);
        let w = want[k].text(term);
        let same = |a: &str| same_word(a, w, case_sensitive);
        if k + 1 < n {
            if !same(t) {
                return false;
            }
            let gap = &text[span[k].end..span[k + 1].start];
            let want_gap = normalize_gap(&term[want[k].end..want[k + 1].start]);
            if normalize_gap(gap) != want_gap {
                return false;
            }
        } else if !same(t) {
            let mut forms = Vec::new();
            base_forms(t, &mut forms);
            if !forms.iter().skip(1).any(|f| same(f)) {
                return false;
            }
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::text::words;

    fn term(text: &str, status: TermStatus) -> IndexedTerm {
        IndexedTerm {
            text: text.into(),
            status,
            case_sensitive: super::super::normalize::default_case_sensitive(text),
            reason: None,
        }
    }

    fn entry(
        id: i64,
        source: &str,
        preferred: &str,
        others: &[(&str, TermStatus)],
    ) -> IndexedEntry {
        let mut terms = vec![term(preferred, TermStatus::Preferred)];
        terms.extend(others.iter().map(|(t, s)| term(t, *s)));
        IndexedEntry {
            id,
            sources: vec![source.into()],
            terms,
        }
    }

    fn sample() -> TermIndex {
        use TermStatus::*;
        TermIndex::new(vec![
            entry(
                1,
                "网络大国",
                "major internet country",
                &[("network power", Deprecated)],
            ),
            entry(
                2,
                "网络强国",
                "cyberpower",
                &[
                    ("cyber power", Admitted),
                    ("network power", Deprecated),
                    ("strong online country", Deprecated),
                ],
            ),
            entry(
                3,
                "网络安全",
                "cybersecurity",
                &[("network security", Deprecated)],
            ),
            entry(
                4,
                "网络安全审查",
                "cybersecurity review",
                &[("network security review", Deprecated)],
            ),
            entry(
                5,
                "国家互联网信息办公室",
                "Cyberspace Administration of China",
                &[("CAC", Admitted)],
            ),
        ])
    }

    fn found(index: &TermIndex, text: &str) -> Vec<(String, Vec<i64>)> {
        index
            .find(text, &words(text))
            .into_iter()
            .map(|m| {
                (
                    text[m.span].to_string(),
                    m.refs.iter().map(|r| index.entry(*r).id).collect(),
                )
            })
            .collect()
    }

    #[test]
    fn finds_whole_words_longest_first() {
        let idx = sample();
        assert_eq!(
            found(
                &idx,
                "From a network power to a Network Power, with network security review."
            ),
            [
                ("network power".to_string(), vec![1, 2]),
                ("Network Power".to_string(), vec![1, 2]),
                ("network security review".to_string(), vec![4]),
            ]
        );
        assert_eq!(
            found(&idx, "network security reviews and network security"),
            [
                ("network security reviews".to_string(), vec![4]),
                ("network security".to_string(), vec![3]),
            ]
        );
    }

    #[test]
    fn tolerates_inflection_and_spacing() {
        let idx = sample();
        let got = found(
            &idx,
            "Two network powers, the network power's aims, strong online\n  countries.",
        );
        let spans: Vec<&str> = got.iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(
            spans,
            [
                "network powers",
                "network power's",
                "strong online\n  countries"
            ]
        );
    }

    #[test]
    fn an_apostrophe_matches_however_it_is_written() {
        use TermStatus::*;
        let idx = TermIndex::new(vec![
            entry(
                1,
                "中国网络空间实力",
                "China's strength in cyberspace",
                &[("people\u{2019}s network power", Deprecated)],
            ),
            entry(2, "网络强国", "cyberpower", &[]),
        ]);
        let text = "China\u{2019}s strength in cyberspace, CHINA\u{2BC}S STRENGTH IN CYBERSPACE, \
                    the people's network power and the cyberpower\u{2019}s reach; \
                    not Chinas strength in cyberspace nor China\u{2019} strength in cyberspace.";
        let spans: Vec<String> = found(&idx, text).into_iter().map(|(s, _)| s).collect();
        assert_eq!(
            spans,
            [
                "China\u{2019}s strength in cyberspace",
                "CHINA\u{2BC}S STRENGTH IN CYBERSPACE",
                "people's network power",
                "cyberpower\u{2019}s"
            ]
        );
    }

    #[test]
    fn does_not_match_parts_of_words_or_across_punctuation() {
        let idx = sample();
        assert!(found(&idx, "networks powered by cyberpowers-to-be").is_empty());
        assert!(found(&idx, "a network. Power is").is_empty());
        assert!(found(&idx, "the network-power link").is_empty());
        assert!(found(&idx, "the cac is not the CAC").len() == 1);
        assert_eq!(found(&idx, "cyberpowers")[0].0, "cyberpowers");
    }

    #[test]
    fn case_sensitive_terms_need_their_capitals() {
        let idx = sample();
        assert!(found(&idx, "cac and Cac").is_empty());
        assert_eq!(found(&idx, "the CAC's rules")[0].0, "CAC's");
    }

    #[test]
    fn inflection_is_told_by_the_last_character() {
        let old =
            |w: &str| w.len() >= 3 && (w.ends_with(['s', 'S', '\'']) || w.ends_with('\u{2019}'));
        for w in [
            "",
            "s",
            "as",
            "ass",
            "CAS",
            "it's",
            "its'",
            "x\u{2019}",
            "ab\u{2019}",
            "\u{2019}",
            "é's",
            "és",
            "ésé",
            "powers",
            "power",
            "USA",
            "a’s",
        ] {
            assert_eq!(may_be_inflected(w), old(w), "{w:?}");
        }
    }

    #[test]
    fn empty_index_finds_nothing() {
        let idx = TermIndex::new(Vec::new());
        assert!(idx.is_empty());
        assert!(found(&idx, "network power").is_empty());
    }
}
