//! The words of a document, as keys the glossary store can select terms by: a term can
//! occur only if each of its words is among the document's words, the last one possibly
//! inflected (so among their base forms).

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};

use super::normalize::{base_forms, lower};
use crate::check::text::words;
use crate::document::Document;

/// FNV-1a: short words hash several times faster than with the default SipHash, and
/// the sets hold only a document's own words.
#[derive(Default)]
pub struct WordHasher(u64);

impl Hasher for WordHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// A set of words.
pub type WordSet = HashSet<String, BuildHasherDefault<WordHasher>>;

/// Lower-cased words of a document and their base forms.
#[derive(Debug, Default, Clone)]
pub struct Vocabulary {
    /// Every word, lower-cased.
    pub firsts: WordSet,
    /// Every word and its base forms, lower-cased (candidates for a term's last word, and
    /// for the word the store indexes it by).
    pub lasts: WordSet,
}

impl Vocabulary {
    /// The vocabulary of a document's prose paragraphs.
    pub fn of_document(doc: &Document) -> Self {
        let mut v = Vocabulary::default();
        for p in doc.paragraphs().iter().filter(|p| p.kind.is_prose()) {
            v.add_text(doc.slice(p.span.clone()));
        }
        v
    }

    /// The vocabulary of a document, or `None` as soon as it has more than `max_words`
    /// distinct words (selecting terms through it would then not pay).
    pub fn of_document_capped(doc: &Document, max_words: usize) -> Option<Self> {
        let mut v = Vocabulary::default();
        for p in doc.paragraphs().iter().filter(|p| p.kind.is_prose()) {
            v.add_text(doc.slice(p.span.clone()));
            if v.firsts.len() > max_words {
                return None;
            }
        }
        Some(v)
    }

    /// Adds the words of `text`.
    pub fn add_text(&mut self, text: &str) {
        let mut forms = Vec::new();
        for w in words(text) {
            let lw = lower(w.text(text));
            if self.firsts.contains(lw.as_ref()) {
                continue;
            }
            base_forms(&lw, &mut forms);
            for f in forms.drain(..) {
                self.lasts.insert(f);
            }
            self.firsts.insert(lw.into_owned());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collects_words_and_base_forms() {
        let mut v = Vocabulary::default();
        v.add_text("Network powers and the CAC's rules");
        assert!(v.firsts.contains("network"));
        assert!(v.firsts.contains("cac's"));
        assert!(v.lasts.contains("power"));
        assert!(v.lasts.contains("powers"));
        assert!(v.lasts.contains("cac"));
        assert!(!v.firsts.contains("power"));
    }
}
