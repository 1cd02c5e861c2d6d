//! Terminology checks: what the glossary says about the renderings in a document.
//!
//! - [`deprecated`]: a deprecated rendering → the preferred term (naming the concept's
//!   other renderings in the document, if any);
//! - [`inconsistent`]: one concept rendered in several accepted ways in one document;
//! - [`collapsed`]: two concepts rendered by one phrase, found as a repetition;
//! - [`missing`] (bilingual files): a source term in the source, none of its renderings in
//!   the target.
//!
//! The glossary reaches the checks as a [`TermIndex`] in the
//! [`CheckContext`](crate::check::CheckContext): the entries that can occur in the document
//! (the glossary store selects them), with a one-pass matcher over their target terms.
//! Without a glossary the checks report nothing.

mod ascii_words;
pub mod collapsed;
pub mod deprecated;
mod document_words;
pub mod inconsistent;
mod index;
pub mod missing;
pub mod normalize;
mod renderings;
mod vocabulary;

use std::ops::Range;
use std::sync::Arc;

use rayon::prelude::*;

pub(crate) use ascii_words::ascii_words;
pub use document_words::DocumentWords;
pub(crate) use document_words::split_hashed;
pub use index::{IndexedEntry, IndexedTerm, TermIndex, TermMatch, TermRef, TermStatus};
pub(crate) use index::{
    may_be_inflected, may_be_inflected_bytes, text_word_forms, text_word_hash, word_hash,
};
pub use missing::SourceTerms;
pub use vocabulary::{Vocabulary, WordHasher, WordSet};

use super::Check;
use super::text::{Word, in_spans, protected_spans, words};
use crate::document::Document;

/// The terminology checks, in documentation order.
pub fn checks() -> Vec<Box<dyn Check>> {
    vec![
        Box::new(deprecated::DeprecatedTerm),
        Box::new(inconsistent::InconsistentTerm),
        Box::new(collapsed::CollapsedTerms),
    ]
}

/// The glossary terms found in a document's prose paragraphs, in document order, with
/// file spans. URLs, e-mail addresses and inline code are skipped.
#[derive(Debug, Default, Clone)]
pub struct DocumentTerms {
    pub matches: Vec<DocumentMatch>,
}

/// A glossary term in a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentMatch {
    /// Index of the paragraph.
    pub paragraph: usize,
    /// The match, its span in the file.
    pub found: TermMatch,
}

impl DocumentTerms {
    /// Runs the matcher over every prose paragraph (in parallel), or, when the index was
    /// built for this very document ([`Glossary::index_for_document`]), returns what it
    /// found then.
    ///
    /// [`Glossary::index_for_document`]: crate::glossary::Glossary::index_for_document
    pub fn find(doc: &Document, glossary: Option<&TermIndex>) -> Self {
        let Some(index) = glossary.filter(|g| !g.is_empty()) else {
            return DocumentTerms::default();
        };
        if let Some(found) = index.terms_found_for(doc) {
            return found.clone();
        }
        let prose: Vec<usize> = doc
            .paragraphs()
            .iter()
            .enumerate()
            .filter(|(_, p)| p.kind.is_prose())
            .map(|(i, _)| i)
            .collect();
        Self::find_in_paragraphs(doc, index, &prose)
    }

    /// Runs the matcher over the given prose paragraphs (in parallel).
    fn find_in_paragraphs(doc: &Document, index: &TermIndex, paragraphs: &[usize]) -> Self {
        let matches = paragraphs
            .par_chunks(64)
            .flat_map_iter(|chunk| {
                let mut out = Vec::new();
                for &i in chunk {
                    let span = doc.paragraphs()[i].span.clone();
                    for found in find_in(index, doc.slice(span.clone()), span.start) {
                        out.push(DocumentMatch {
                            paragraph: i,
                            found,
                        });
                    }
                }
                out
            })
            .collect();
        DocumentTerms { matches }
    }
}

/// The terms of one document, found when its index was built.
#[derive(Debug)]
pub(crate) struct Prematched {
    /// The document's text id and prose paragraphs (index, span), to recognise it
    /// without holding its text (an editor edits that in place when no one holds it).
    text_id: u64,
    prose: Vec<(usize, Range<usize>)>,
    terms: DocumentTerms,
}

impl Prematched {
    fn is_for(&self, doc: &Document) -> bool {
        self.text_id == doc.text_id()
            && doc
                .paragraphs()
                .iter()
                .enumerate()
                .filter(|(_, p)| p.kind.is_prose())
                .map(|(i, p)| (i, p.span.clone()))
                .eq(self.prose.iter().cloned())
    }
}

/// Where terms can start in one prose paragraph.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct ParagraphStarts {
    /// Index of the paragraph.
    pub paragraph: usize,
    /// Its words ([`words`] of its text).
    pub words: SplitWords,
    /// The words (indices, ascending) where a term can start.
    pub starts: Vec<u32>,
}

/// A paragraph's words ([`words`] of its text): its own, or those split before for its
/// document (shared, not copied).
#[derive(Debug, Clone)]
pub(crate) enum SplitWords {
    Own(Vec<Word>),
    /// Paragraph `.1` of these.
    Shared(Arc<DocumentWords>, usize),
}

impl std::ops::Deref for SplitWords {
    type Target = [Word];

    fn deref(&self) -> &[Word] {
        match self {
            SplitWords::Own(words) => words,
            SplitWords::Shared(split, paragraph) => {
                split.paragraph(*paragraph).map_or(&[], |p| p.0)
            }
        }
    }
}

impl PartialEq for SplitWords {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl Eq for SplitWords {}

impl Default for SplitWords {
    fn default() -> Self {
        SplitWords::Own(Vec::new())
    }
}

impl TermIndex {
    /// The terms found in `doc` when this index was built for it
    /// ([`with_document_terms`](Self::with_document_terms)), if it was (and the index is
    /// not empty).
    pub fn terms_found_for(&self, doc: &Document) -> Option<&DocumentTerms> {
        self.terms_found()
            .filter(|_| self.prematched.as_ref().is_some_and(|p| p.is_for(doc)))
    }

    /// The terms found in the document this index was built for, if any (and the index
    /// is not empty).
    pub(crate) fn terms_found(&self) -> Option<&DocumentTerms> {
        self.prematched
            .as_ref()
            .filter(|_| !self.is_empty())
            .map(|p| &p.terms)
    }

    /// Finds `doc`'s terms now, trying only the words of `starts` (in document order: no
    /// term of the index starts anywhere else), and keeps them for [`DocumentTerms::find`]
    /// on the same document.
    pub(crate) fn with_document_terms(
        mut self,
        doc: &Document,
        starts: &[ParagraphStarts],
    ) -> Self {
        let find = |chunk: &[ParagraphStarts]| {
            let mut out = Vec::new();
            for p in chunk {
                let span = doc.paragraphs()[p.paragraph].span.clone();
                let text = doc.slice(span.clone());
                let found = self.find_at(text, &p.words, &p.starts);
                for found in in_file(found, text, span.start) {
                    out.push(DocumentMatch {
                        paragraph: p.paragraph,
                        found,
                    });
                }
            }
            out
        };
        // A few paragraphs are not worth waking other threads for.
        let matches = if starts.len() < 512 {
            find(starts)
        } else {
            starts.par_chunks(128).flat_map_iter(find).collect()
        };
        let terms = DocumentTerms { matches };
        self.prematched = Some(Box::new(Prematched {
            text_id: doc.text_id(),
            prose: doc
                .paragraphs()
                .iter()
                .enumerate()
                .filter(|(_, p)| p.kind.is_prose())
                .map(|(i, p)| (i, p.span.clone()))
                .collect(),
            terms,
        }));
        self
    }
}

/// The glossary terms in one text (a paragraph) whose file offset is `offset`; spans are
/// file spans. Terms inside URLs, e-mail addresses and inline code are skipped.
pub fn find_in(index: &TermIndex, text: &str, offset: usize) -> Vec<TermMatch> {
    let ws = words(text);
    let found = index.find(text, &ws);
    in_file(found, text, offset)
}

/// Matches of a paragraph whose file offset is `offset`, with file spans, less those in
/// URLs, e-mail addresses and inline code.
fn in_file(mut found: Vec<TermMatch>, text: &str, offset: usize) -> Vec<TermMatch> {
    if !found.is_empty() {
        let protected = protected_spans(text);
        if !protected.is_empty() {
            found.retain(|m| !in_spans(&protected, m.span.start));
        }
    }
    for m in &mut found {
        m.span = shift(&m.span, offset);
    }
    found
}

fn shift(r: &Range<usize>, by: usize) -> Range<usize> {
    r.start + by..r.end + by
}

/// "a and b", "a, b and c".
pub(crate) fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
pub(crate) mod testing {
    //! A small glossary for the checks' tests.
    use super::*;
    use crate::check::{CheckContext, Engine, Issue};

    pub fn entry(
        id: i64,
        source: &str,
        preferred: &str,
        others: &[(&str, TermStatus)],
    ) -> IndexedEntry {
        let term = |text: &str, status| IndexedTerm {
            text: text.into(),
            status,
            case_sensitive: normalize::default_case_sensitive(text),
            reason: None,
        };
        let mut terms = vec![term(preferred, TermStatus::Preferred)];
        terms.extend(others.iter().map(|(t, s)| term(t, *s)));
        IndexedEntry {
            id,
            sources: if source.is_empty() {
                Vec::new()
            } else {
                vec![source.into()]
            },
            terms,
        }
    }

    /// The cyberspace terms the tests use.
    pub fn glossary() -> TermIndex {
        use TermStatus::*;
        let mut strong = entry(
            2,
            "网络强国",
            "cyberpower",
            &[
                ("cyber power", Admitted),
                ("strong cyber country", Admitted),
                ("network power", Deprecated),
                ("strong online country", Deprecated),
            ],
        );
        strong.terms[4].reason = Some("literal rendering".into());
        TermIndex::new(vec![
            entry(
                1,
                "网络大国",
                "major internet country",
                &[("network power", Deprecated)],
            ),
            strong,
            entry(
                3,
                "网络安全",
                "cybersecurity",
                &[("network security", Deprecated)],
            ),
            entry(
                4,
                "网络空间命运共同体",
                "community with a shared future in cyberspace",
                &[("community of shared future in cyberspace", Admitted)],
            ),
            entry(
                5,
                "",
                "CAC",
                &[("Central Cyberspace Administration", Deprecated)],
            ),
        ])
    }

    pub fn run(check: impl Check + 'static, text: &str) -> Vec<Issue> {
        let doc = Document::from_str_named("test.txt", text);
        let index = glossary();
        let engine = Engine::new(vec![Box::new(check)]);
        engine.run(&CheckContext::new(&doc).with_glossary(&index))
    }

    pub fn flagged(check: impl Check + 'static, text: &str) -> Vec<String> {
        run(check, text)
            .into_iter()
            .map(|i| text[i.span].to_string())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An index built for `doc`, trying every word.
    fn index_for(doc: &Document) -> TermIndex {
        let starts: Vec<ParagraphStarts> = doc
            .paragraphs()
            .iter()
            .enumerate()
            .filter(|(_, p)| p.kind.is_prose())
            .map(|(i, p)| {
                let ws = words(doc.slice(p.span.clone()));
                ParagraphStarts {
                    paragraph: i,
                    starts: (0..ws.len() as u32).collect(),
                    words: SplitWords::Own(ws),
                }
            })
            .collect();
        testing::glossary().with_document_terms(doc, &starts)
    }

    #[test]
    fn terms_found_serve_only_their_document() {
        let text = "A network power.\n\nThe CAC and network security.\n";
        let doc = Document::from_str_named("a.txt", text);
        let index = index_for(&doc);
        let found = index.terms_found_for(&doc).expect("built for it");
        assert_eq!(found.matches.len(), 3);
        // The index does not hold the text: an editor edits it in place, no copy made.
        assert_eq!(std::sync::Arc::strong_count(&doc.shared_text()), 2);
        // Another document, even of an equal text, has its terms found anew (the same).
        let again = Document::from_str_named("b.txt", text);
        assert!(index.terms_found_for(&again).is_none(), "another document");
        assert_eq!(
            DocumentTerms::find(&again, Some(&index)).matches,
            found.matches
        );
        let fresh = DocumentTerms::find_in_paragraphs(&again, &index, &[0, 1]);
        assert_eq!(fresh.matches, found.matches);
        // Edited in place, the document is another text.
        let mut edited = Document::from_str_named("a.txt", text);
        let edited_index = index_for(&edited);
        assert!(edited_index.terms_found_for(&edited).is_some());
        edited.edit_in_place(&[(2..9, "cyber".to_string())], [0..14, 16..45]);
        assert_eq!(
            edited.text(),
            "A cyber power.\n\nThe CAC and network security.\n"
        );
        assert!(edited_index.terms_found_for(&edited).is_none(), "edited");
        let other = Document::from_str_named("a.txt", "A network power.\n\nThe CAC.\n");
        assert!(index.terms_found_for(&other).is_none());
        assert_eq!(DocumentTerms::find(&other, Some(&index)).matches.len(), 2);
        let ctx = crate::check::CheckContext::new(&doc).with_glossary(&index);
        assert!(std::ptr::eq(ctx.term_matches(), found));
        let ctx = crate::check::CheckContext::new(&other).with_glossary(&index);
        assert_eq!(ctx.term_matches().matches.len(), 2);
        let empty = TermIndex::new(Vec::new()).with_document_terms(&doc, &[]);
        assert!(empty.terms_found_for(&doc).is_none());
    }
}
