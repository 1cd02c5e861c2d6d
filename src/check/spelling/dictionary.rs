//! The English word list the spelling and grammar checks look words up in: harper-core's
//! curated dictionary (Apache-2.0, all dialects), precomputed into two finite-state
//! transducers shipped inside the binary (`dictionary.bin`), so that no process spends
//! time or memory building it:
//!
//! - the **folded** set maps each word written in lower case (curly apostrophes and dashes
//!   made straight) to what the dictionary says of it in any letter case: parts of speech,
//!   noun number and mass, dialects — what lookups and the grammar rules ask;
//! - the **canonical** set maps each dictionary spelling ("Paris", "don't") to the two
//!   facts suggestions are ranked by; fuzzy searches (a Levenshtein automaton with
//!   transpositions, as harper's own dictionary does it) run on it.
//!
//! Lookups and fuzzy searches answer exactly what harper's `FstDictionary` answers; the
//! file is rebuilt from harper by `cargo run --example build_dictionary`, and a test fails
//! when it no longer matches the harper-core in use.

use std::sync::{LazyLock, OnceLock};

use fst::{IntoStreamer, Map, Streamer};
use levenshtein_automata::{DFA, Distance, LevenshteinAutomatonBuilder};

/// The precomputed dictionary (see [`build_from_harper`]).
static BYTES: &[u8] = include_bytes!("dictionary.bin");

/// What the file starts with; the version changes with the layout or the meaning of a bit.
const MAGIC: &[u8; 8] = b"mtpedic1";

/// The English dictionary: see the module's documentation.
pub struct Dictionary {
    folded: Map<&'static [u8]>,
    canonical: Map<&'static [u8]>,
}

/// What the dictionary says of a word in any of its letter cases (harper's metadata of
/// all of them merged).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WordInfo(u64);

/// A dictionary spelling near a word, with its edit distance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NearWord {
    pub word: String,
    pub distance: u8,
    info: u64,
}

mod bit {
    pub const NOUN: u64 = 1 << 0;
    pub const PRONOUN: u64 = 1 << 1;
    pub const VERB: u64 = 1 << 2;
    pub const ADJECTIVE: u64 = 1 << 3;
    pub const ADVERB: u64 = 1 << 4;
    pub const CONJUNCTION: u64 = 1 << 5;
    pub const DETERMINER: u64 = 1 << 6;
    pub const PREPOSITION: u64 = 1 << 7;
    pub const PLURAL_NOUN_ONLY: u64 = 1 << 8;
    pub const MASS_NOUN: u64 = 1 << 9;
    pub const PROPER_NOUN: u64 = 1 << 10;
    pub const COMMON: u64 = 1 << 11;
    /// Of a spelling: written with an apostrophe ("don't").
    pub const APOSTROPHIZED: u64 = 1 << 12;
    /// Of a spelling: common and not derived from another word (ranked first).
    pub const COMMON_ROOT: u64 = 1 << 13;
    /// harper's dialect flags, shifted.
    pub const DIALECT_SHIFT: u32 = 16;
}

impl WordInfo {
    fn has(self, b: u64) -> bool {
        self.0 & b != 0
    }
    pub fn is_noun(self) -> bool {
        self.has(bit::NOUN)
    }
    pub fn is_pronoun(self) -> bool {
        self.has(bit::PRONOUN)
    }
    pub fn is_verb(self) -> bool {
        self.has(bit::VERB)
    }
    pub fn is_adjective(self) -> bool {
        self.has(bit::ADJECTIVE)
    }
    pub fn is_adverb(self) -> bool {
        self.has(bit::ADVERB)
    }
    pub fn is_conjunction(self) -> bool {
        self.has(bit::CONJUNCTION)
    }
    pub fn is_determiner(self) -> bool {
        self.has(bit::DETERMINER)
    }
    pub fn is_preposition(self) -> bool {
        self.has(bit::PREPOSITION)
    }
    /// A noun that is only plural ("officials", not "series").
    pub fn is_plural_noun_only(self) -> bool {
        self.has(bit::PLURAL_NOUN_ONLY)
    }
    pub fn is_mass_noun(self) -> bool {
        self.has(bit::MASS_NOUN)
    }
    pub fn is_proper_noun(self) -> bool {
        self.has(bit::PROPER_NOUN)
    }
    /// One of the words harper marks especially common.
    pub fn is_common(self) -> bool {
        self.has(bit::COMMON)
    }
    /// Of a spelling ([`NearWord::info`]): written with an apostrophe.
    pub fn is_apostrophized_spelling(self) -> bool {
        self.has(bit::APOSTROPHIZED)
    }
    /// Of a spelling ([`NearWord::info`]): common, and not derived from another word.
    pub fn is_common_root(self) -> bool {
        self.has(bit::COMMON_ROOT)
    }
    /// The dialects the word is marked as belonging to (empty: all of them).
    pub fn dialects(self) -> harper_core::DialectFlags {
        harper_core::DialectFlags::from_bits_truncate((self.0 >> bit::DIALECT_SHIFT) as _)
    }
}

impl NearWord {
    /// What the dictionary says of this spelling itself (not of its other letter cases).
    pub fn info(&self) -> WordInfo {
        WordInfo(self.info)
    }
}

/// The dictionary, shared by every check and thread of the process. Opening it reads
/// two headers of the bytes built into the binary.
pub fn dictionary() -> &'static Dictionary {
    static DICT: LazyLock<Dictionary> = LazyLock::new(|| {
        Dictionary::from_bytes(BYTES).expect("the dictionary built into mtpe is well-formed")
    });
    &DICT
}

impl Dictionary {
    fn from_bytes(bytes: &'static [u8]) -> Result<Self, String> {
        let rest = bytes
            .strip_prefix(MAGIC)
            .ok_or("not an mtpe dictionary (or of another version)")?;
        let (len, rest) = rest.split_at_checked(8).ok_or("truncated")?;
        let len = u64::from_le_bytes(len.try_into().map_err(|_| "truncated")?) as usize;
        let (folded, canonical) = rest.split_at_checked(len).ok_or("truncated")?;
        Ok(Dictionary {
            folded: Map::new(folded).map_err(|e| e.to_string())?,
            canonical: Map::new(canonical).map_err(|e| e.to_string())?,
        })
    }

    /// Whether the dictionary has `word` in some letter case.
    pub fn contains(&self, word: &str) -> bool {
        with_folded(word, |key| self.folded.contains_key(key))
    }

    /// What the dictionary says of `word` in any letter case, if it has it.
    pub fn info(&self, word: &str) -> Option<WordInfo> {
        with_folded(word, |key| self.folded.get(key)).map(WordInfo)
    }

    /// Whether the dictionary has exactly this spelling.
    pub fn contains_exact(&self, word: &str) -> bool {
        self.canonical.contains_key(word)
    }

    /// How many spellings the dictionary has.
    pub fn len(&self) -> usize {
        self.canonical.len()
    }

    pub fn is_empty(&self) -> bool {
        self.canonical.is_empty()
    }

    /// The dictionary spellings at most `max_distance` edits (a transposition is one) from
    /// `word` or from `word` in lower case, the word itself left out: the `limit` nearest,
    /// nearest first and then in code-point order.
    pub fn near(&self, word: &str, max_distance: u8, limit: usize) -> Vec<NearWord> {
        let word: String = word.chars().map(normalize).collect();
        let lower = word.to_lowercase();
        let mut found = self.search(&word, max_distance);
        if lower != word {
            let more = self.search(&lower, max_distance);
            found = merge_nearest(found, more);
        }
        found.retain(|n| n.distance > 0);
        found.sort_by(|a, b| (a.distance, &a.word).cmp(&(b.distance, &b.word)));
        found.truncate(limit);
        found
    }

    /// Every spelling within `max_distance` of `query`, in the set's (byte) order.
    fn search(&self, query: &str, max_distance: u8) -> Vec<NearWord> {
        let dfa = automaton(max_distance, query);
        let mut stream = self.canonical.search_with_state(&dfa).into_stream();
        let mut out = Vec::new();
        while let Some((key, info, state)) = stream.next() {
            let distance = match dfa.distance(state) {
                Distance::Exact(d) | Distance::AtLeast(d) => d,
            };
            out.push(NearWord {
                word: String::from_utf8_lossy(key).into_owned(),
                distance,
                info,
            });
        }
        out
    }
}

/// Both searches' spellings, each with its smaller distance (both lists are in byte order).
fn merge_nearest(a: Vec<NearWord>, b: Vec<NearWord>) -> Vec<NearWord> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut a, mut b) = (a.into_iter().peekable(), b.into_iter().peekable());
    loop {
        let next = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) => match x.word.as_bytes().cmp(y.word.as_bytes()) {
                std::cmp::Ordering::Less => a.next(),
                std::cmp::Ordering::Greater => b.next(),
                std::cmp::Ordering::Equal => {
                    let y = b.next().map_or(u8::MAX, |y| y.distance);
                    a.next().map(|x| NearWord {
                        distance: x.distance.min(y),
                        ..x
                    })
                }
            },
            (Some(_), None) => a.next(),
            (None, Some(_)) => b.next(),
            (None, None) => break,
        };
        out.extend(next);
    }
    out
}

/// A Levenshtein automaton for `query` (a transposition is one edit). Its builder costs
/// milliseconds, and much more for three edits, so each distance asked for is built once.
fn automaton(max_distance: u8, query: &str) -> DFA {
    static BUILDERS: [OnceLock<LevenshteinAutomatonBuilder>; 4] = [const { OnceLock::new() }; 4];
    match BUILDERS.get(usize::from(max_distance)) {
        Some(cell) => cell
            .get_or_init(|| LevenshteinAutomatonBuilder::new(max_distance, true))
            .build_dfa(query),
        None => LevenshteinAutomatonBuilder::new(max_distance, true).build_dfa(query),
    }
}

/// The characters harper's dictionary writes in one way: curly apostrophes and quotes
/// straight, dashes as hyphens.
fn normalize(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{02BC}' | '\u{FF07}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{FF02}' => '"',
        '\u{2013}' | '\u{2014}' | '\u{2212}' | '\u{FF0D}' => '-',
        c => c,
    }
}

/// Calls `f` with `word` normalised and in lower case (on the stack for most words).
fn with_folded<T>(word: &str, f: impl FnOnce(&[u8]) -> T) -> T {
    let mut buf = [0u8; 64];
    let mut len = 0;
    for c in word.chars().map(normalize).flat_map(char::to_lowercase) {
        let n = c.len_utf8();
        if len + n > buf.len() {
            let key: String = word
                .chars()
                .map(normalize)
                .flat_map(char::to_lowercase)
                .collect();
            return f(key.as_bytes());
        }
        c.encode_utf8(&mut buf[len..]);
        len += n;
    }
    f(&buf[..len])
}

/// Builds what `dictionary.bin` holds from harper-core's curated dictionary (about a
/// second): for `cargo run --example build_dictionary` and the test that keeps the file
/// current.
pub fn build_from_harper() -> Vec<u8> {
    use harper_core::spell::{Dictionary as _, MutableDictionary};
    use harper_core::{DictWordMetadata, OrthFlags};
    use std::collections::BTreeMap;

    fn bits(m: &DictWordMetadata) -> u64 {
        let mut b = 0;
        let mut set = |on: bool, flag: u64| {
            if on {
                b |= flag;
            }
        };
        set(m.noun.is_some(), bit::NOUN);
        set(m.pronoun.is_some(), bit::PRONOUN);
        set(m.verb.is_some(), bit::VERB);
        set(m.adjective.is_some(), bit::ADJECTIVE);
        set(m.adverb.is_some(), bit::ADVERB);
        set(m.conjunction.is_some(), bit::CONJUNCTION);
        set(m.determiner.is_some(), bit::DETERMINER);
        set(m.preposition, bit::PREPOSITION);
        set(m.is_plural_noun_only(), bit::PLURAL_NOUN_ONLY);
        set(m.is_mass_noun(), bit::MASS_NOUN);
        set(m.is_proper_noun(), bit::PROPER_NOUN);
        set(m.common, bit::COMMON);
        set(
            m.orth_info.contains(OrthFlags::APOSTROPHE),
            bit::APOSTROPHIZED,
        );
        set(m.common && m.derived_from.is_none(), bit::COMMON_ROOT);
        b | (u64::from(m.dialects.bits()) << bit::DIALECT_SHIFT)
    }

    let dict = MutableDictionary::curated();
    let mut folded: BTreeMap<String, u64> = BTreeMap::new();
    let mut canonical: BTreeMap<String, u64> = BTreeMap::new();
    for chars in dict.words_iter() {
        let word: String = chars.iter().collect();
        let key: String = word
            .chars()
            .map(normalize)
            .flat_map(char::to_lowercase)
            .collect();
        folded
            .entry(key)
            .or_insert_with(|| dict.get_word_metadata(chars).map_or(0, |m| bits(&m)));
        let exact = dict.get_word_metadata_exact(chars).map_or(0, bits);
        canonical.insert(word, exact);
    }
    let build = |map: BTreeMap<String, u64>| {
        let mut builder = fst::MapBuilder::memory();
        for (k, v) in map {
            builder.insert(k, v).expect("keys in order");
        }
        builder.into_inner().expect("an in-memory FST")
    };
    let folded = build(folded);
    let canonical = build(canonical);
    let mut out = Vec::with_capacity(16 + folded.len() + canonical.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&(folded.len() as u64).to_le_bytes());
    out.extend_from_slice(&folded);
    out.extend_from_slice(&canonical);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use harper_core::spell::{Dictionary as _, FstDictionary};

    /// A spread of harper's spellings, with typos of each kind made of them.
    fn sample_words(harper: &FstDictionary, every: usize) -> Vec<String> {
        let mut out = Vec::new();
        for (i, chars) in harper
            .words_iter()
            .enumerate()
            .filter(|(i, _)| i % every == 0)
        {
            let w: String = chars.iter().collect();
            let c: Vec<char> = w.chars().collect();
            let n = c.len();
            out.push(w.to_uppercase());
            out.push(w.to_lowercase());
            if n >= 3 {
                let k = 1 + i % (n - 2);
                let dropped: String = c[..k].iter().chain(&c[k + 1..]).collect();
                let mut swapped = c.clone();
                swapped.swap(k, k - 1);
                let doubled: String = c[..=k].iter().chain(&c[k..]).collect();
                let mut changed = c.clone();
                changed[k] = if c[k] == 'e' { 'a' } else { 'e' };
                out.push(dropped);
                out.push(swapped.into_iter().collect());
                out.push(doubled);
                out.push(changed.into_iter().collect());
            }
            out.push(w);
        }
        out.extend(
            [
                "don’t",
                "China’s",
                "naïve",
                "co–operate",
                "İstanbul",
                "ﬁre",
                "",
            ]
            .map(String::from),
        );
        out
    }

    #[test]
    fn the_built_in_dictionary_is_harpers_current_one() {
        assert!(
            build_from_harper() == BYTES,
            "src/check/spelling/dictionary.bin was not built from the harper-core in use: \
             run `cargo run --release --example build_dictionary`"
        );
    }

    #[test]
    fn lookups_answer_as_harpers_dictionary_does() {
        let harper = FstDictionary::curated();
        let ours = dictionary();
        assert_eq!(ours.len(), harper.word_count());
        for w in sample_words(&harper, 61) {
            assert_eq!(ours.contains(&w), harper.contains_word_str(&w), "{w}");
            let theirs = harper.get_word_metadata_str(&w);
            let info = ours.info(&w);
            assert_eq!(info.is_some(), theirs.is_some(), "{w}");
            if let (Some(i), Some(m)) = (info, theirs) {
                assert_eq!(i.is_noun(), m.noun.is_some(), "{w}");
                assert_eq!(i.is_adjective(), m.adjective.is_some(), "{w}");
                assert_eq!(i.is_pronoun(), m.pronoun.is_some(), "{w}");
                assert_eq!(i.is_determiner(), m.determiner.is_some(), "{w}");
                assert_eq!(i.is_preposition(), m.preposition, "{w}");
                assert_eq!(i.is_plural_noun_only(), m.is_plural_noun_only(), "{w}");
                assert_eq!(i.is_mass_noun(), m.is_mass_noun(), "{w}");
                assert_eq!(i.dialects(), m.dialects, "{w}");
            }
        }
    }

    #[test]
    fn near_words_are_harpers_fuzzy_matches() {
        let harper = FstDictionary::curated();
        let ours = dictionary();
        for w in sample_words(&harper, 1999) {
            for (distance, limit) in [(1, 1), (1, 8), (2, 9)] {
                let theirs: Vec<(String, u8)> = harper
                    .fuzzy_match_str(&w, distance, limit)
                    .into_iter()
                    .map(|m| (m.word.iter().collect(), m.edit_distance))
                    .collect();
                let near: Vec<(String, u8)> = ours
                    .near(&w, distance, limit)
                    .into_iter()
                    .map(|n| (n.word, n.distance))
                    .collect();
                assert_eq!(near, theirs, "{w} within {distance}");
            }
        }
    }

    #[test]
    fn it_knows_words_in_any_case_and_dialect() {
        let d = dictionary();
        for w in ["harbour", "Harbor", "PROGRAMME", "don’t", "Paris", "paris"] {
            assert!(d.contains(w), "{w}");
        }
        assert!(!d.contains("goverment"));
        assert!(d.contains_exact("Paris") && !d.contains_exact("paris"));
        let harbour = d.info("harbour").map(WordInfo::dialects);
        assert!(harbour.is_some_and(|f| f.contains(harper_core::DialectFlags::BRITISH)));
        assert!(
            d.info("officials")
                .is_some_and(WordInfo::is_plural_noun_only)
        );
    }
}
