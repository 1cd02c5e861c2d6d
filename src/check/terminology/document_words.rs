//! A document's prose paragraphs split into words once, with each word's hash as the
//! glossary keys words ([`text_word_hash`]): the rule checks read them as each paragraph's
//! words ([`CheckContext::with_words`](crate::check::CheckContext::with_words)) and the
//! glossary's document scan walks them, so that a check with a glossary splits a large
//! text once rather than twice. Split exactly as [`words`] splits.

use std::ops::Range;

use rayon::prelude::*;

use super::{ascii_words, text_word_hash};
use crate::check::text::{Word, words};
use crate::document::Document;

/// The words of every prose paragraph of one document, and their hashes.
#[derive(Debug)]
pub struct DocumentWords {
    /// The document's text id ([`Document::text_id`]), to recognise it.
    text_id: u64,
    /// Per paragraph, by index: its span, and where its words are in its chunk's (`None`
    /// for a paragraph that is not prose).
    paragraphs: Vec<(Range<usize>, Option<Range<u32>>)>,
    /// The words of `CHUNK` paragraphs at a time, one after another (few allocations, so
    /// that keeping a large document's words costs little more than the memory).
    chunks: Vec<Chunk>,
}

#[derive(Debug, Default)]
struct Chunk {
    words: Vec<Word>,
    hashes: Vec<u64>,
}

/// Paragraphs a chunk holds.
const CHUNK: usize = 64;

/// Documents with less text than this are split on the calling thread.
const PARALLEL_MIN_BYTES: usize = 256 * 1024;

impl DocumentWords {
    /// Splits `doc`'s prose paragraphs (in parallel for a large document).
    pub fn new(doc: &Document) -> Self {
        let split = |part: &[crate::document::Paragraph]| {
            let bytes: usize = part.iter().map(|p| p.span.len()).sum();
            // Words are at least two bytes apart but mostly more: room for all of them
            // seldom needs reallocating, and pages not written are never touched.
            let mut chunk = Chunk {
                words: Vec::with_capacity(bytes / 4 + 16),
                hashes: Vec::with_capacity(bytes / 4 + 16),
            };
            let mut spans = Vec::with_capacity(part.len());
            for p in part {
                let at = p.kind.is_prose().then(|| {
                    let start = chunk.words.len();
                    split_hashed(
                        doc.slice(p.span.clone()),
                        &mut chunk.words,
                        &mut chunk.hashes,
                    );
                    to_u32(start)..to_u32(chunk.words.len())
                });
                spans.push((p.span.clone(), at));
            }
            (spans, chunk)
        };
        let parts: Vec<_> = if doc.text().len() < PARALLEL_MIN_BYTES {
            doc.paragraphs().chunks(CHUNK).map(split).collect()
        } else {
            doc.paragraphs().par_chunks(CHUNK).map(split).collect()
        };
        let mut paragraphs = Vec::with_capacity(doc.paragraphs().len());
        let mut chunks = Vec::with_capacity(parts.len());
        for (spans, chunk) in parts {
            paragraphs.extend(spans);
            chunks.push(chunk);
        }
        DocumentWords {
            text_id: doc.text_id(),
            paragraphs,
            chunks,
        }
    }

    /// Whether these are `doc`'s words: split from its very text (an edit in place gives
    /// a document a text of its own), in the same paragraphs.
    pub fn is_for(&self, doc: &Document) -> bool {
        self.text_id == doc.text_id()
            && doc.paragraphs().len() == self.paragraphs.len()
            && doc
                .paragraphs()
                .iter()
                .zip(&self.paragraphs)
                .all(|(p, (span, at))| p.span == *span && p.kind.is_prose() == at.is_some())
    }

    /// The words of paragraph `index` ([`words`] of its text) and their hashes, if it is a
    /// prose paragraph.
    pub fn paragraph(&self, index: usize) -> Option<(&[Word], &[u64])> {
        let at = self.paragraphs.get(index)?.1.clone()?;
        let chunk = &self.chunks[index / CHUNK];
        let at = at.start as usize..at.end as usize;
        Some((&chunk.words[at.clone()], &chunk.hashes[at]))
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Appends the words of `text` ([`words`]) and the hash of each ([`text_word_hash`]).
pub(crate) fn split_hashed(text: &str, ws: &mut Vec<Word>, hashes: &mut Vec<u64>) {
    if ascii_words(text, ws, hashes).is_none() {
        let start = ws.len();
        ws.extend(words(text));
        hashes.extend(ws[start..].iter().map(|w| text_word_hash(w.text(text))));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXTS: [&str; 3] = [
        "# A heading\n\nChina's network-power, 3.5 and 1,000 words.\n\n    code block line\n\n\
         Été à Paris: cafés’ owners — naïve co‑operation.\n\n| a | table |\n\nLast line",
        "",
        "\u{feff}One paragraph only, with a URL https://example.com/a-b and CAC's rules.",
    ];

    #[test]
    fn splits_each_prose_paragraph_as_words_does() {
        for text in TEXTS {
            let doc = Document::from_str_named("t.md", text);
            let split = DocumentWords::new(&doc);
            assert!(split.is_for(&doc));
            for (i, p) in doc.paragraphs().iter().enumerate() {
                let Some((ws, hashes)) = split.paragraph(i) else {
                    assert!(!p.kind.is_prose());
                    continue;
                };
                let t = doc.slice(p.span.clone());
                assert_eq!(ws, words(t), "{t:?}");
                let want: Vec<u64> = ws.iter().map(|w| text_word_hash(w.text(t))).collect();
                assert_eq!(hashes, want, "{t:?}");
            }
        }
    }

    #[test]
    fn a_large_document_is_split_the_same_in_parallel() {
        let text = TEXTS[0].repeat(PARALLEL_MIN_BYTES / TEXTS[0].len() + 2);
        let doc = Document::from_str_named("t.md", &text);
        let split = DocumentWords::new(&doc);
        let mut n = 0;
        for (i, p) in doc.paragraphs().iter().enumerate() {
            if let Some((ws, _)) = split.paragraph(i) {
                assert_eq!(ws, words(doc.slice(p.span.clone())));
                n += 1;
            }
        }
        assert!(n > 1000, "{n}");
    }

    #[test]
    fn recognises_only_its_document() {
        let doc = Document::from_str_named("t.md", TEXTS[0]);
        let split = DocumentWords::new(&doc);
        assert!(split.is_for(&doc));
        assert!(!split.is_for(&Document::from_str_named("t.md", TEXTS[0])));
        assert!(!split.is_for(&Document::from_str_named("t.md", TEXTS[2])));
    }
}
