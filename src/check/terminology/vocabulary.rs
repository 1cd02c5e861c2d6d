//! The words of a document, as keys the glossary store can select terms by: a term can
//! occur only if its first word is among the document's words and its last word among
//! their base forms.

use std::collections::HashSet;

use super::normalize::{base_forms, lower};
use crate::check::text::words;
use crate::document::Document;

/// Lower-cased words of a document and their base forms.
#[derive(Debug, Default, Clone)]
pub struct Vocabulary {
    /// Every word, lower-cased (candidates for a term's first word).
    pub firsts: HashSet<String>,
    /// Every word and its base forms, lower-cased (candidates for a term's last word).
    pub lasts: HashSet<String>,
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
