//! The segment map: which segments each paragraph of the original document has, and where
//! each lies in its paragraph's original text. Segments keep their identity through edits,
//! so the map is built once, when a session opens, in parallel over paragraphs; it takes
//! 4 + 4 bytes a segment (the document's own segment list is not built, which saves memory
//! on large articles).

use std::ops::Range;

use super::SessionError;
use crate::document::Document;

/// Segment spans in their paragraphs, as byte offsets.
type Spans = Vec<(u32, u32)>;

/// Segments by paragraph, with their spans in the original text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SegmentMap {
    /// Index of each paragraph's first segment; one more entry than paragraphs.
    starts: Vec<usize>,
    /// Each segment's span in its paragraph's original text, as byte offsets.
    spans: Spans,
}

impl SegmentMap {
    /// The segments of every paragraph of `doc`: prose paragraphs are split into sentences
    /// as [`Document::segments`] does; other blocks are one segment.
    pub fn build(doc: &Document) -> Result<Self, SessionError> {
        use rayon::prelude::*;
        let text = doc.text();
        let paragraphs = doc.paragraphs();
        if paragraphs
            .iter()
            .any(|p| u32::try_from(p.span.len()).is_err())
        {
            return Err(SessionError::Refused(
                "a paragraph longer than 4 GiB cannot be edited".into(),
            ));
        }
        let chunks: Vec<(Vec<usize>, Spans)> = paragraphs
            .par_chunks(256)
            .map(|chunk| {
                let mut counts = Vec::with_capacity(chunk.len());
                let mut spans = Vec::new();
                for p in chunk {
                    let before = spans.len();
                    let as_u32 = |x: usize| u32::try_from(x).unwrap_or(u32::MAX);
                    if p.kind.is_prose() {
                        spans.extend(
                            crate::document::sentence_spans(&text[p.span.clone()])
                                .into_iter()
                                .map(|r| (as_u32(r.start), as_u32(r.end))),
                        );
                    } else {
                        spans.push((0, as_u32(p.span.len())));
                    }
                    counts.push(spans.len() - before);
                }
                (counts, spans)
            })
            .collect();
        let total: usize = chunks.iter().map(|(_, s)| s.len()).sum();
        let mut starts = Vec::with_capacity(paragraphs.len() + 1);
        let mut all = Vec::with_capacity(total);
        for (counts, spans) in chunks {
            let mut next = all.len();
            for n in counts {
                starts.push(next);
                next += n;
            }
            all.extend(spans);
        }
        starts.push(all.len());
        Ok(SegmentMap { starts, spans: all })
    }

    /// One segment a paragraph, the whole of it, an empty one included: the units of a
    /// bilingual file, each edited as one target.
    pub fn whole_paragraphs(doc: &Document) -> Result<Self, SessionError> {
        let mut spans = Vec::with_capacity(doc.paragraphs().len());
        for p in doc.paragraphs() {
            let len = u32::try_from(p.span.len()).map_err(|_| {
                SessionError::Refused("a target longer than 4 GiB cannot be edited".into())
            })?;
            spans.push((0, len));
        }
        Ok(SegmentMap {
            starts: (0..=spans.len()).collect(),
            spans,
        })
    }

    /// How many segments there are.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// The paragraph segment `seg` belongs to.
    pub fn paragraph_of(&self, seg: usize) -> usize {
        let paragraphs = self.starts.len() - 1;
        self.starts[..paragraphs]
            .partition_point(|&first| first <= seg)
            .saturating_sub(1)
    }

    /// The segments of paragraph `p`.
    pub fn of_paragraph(&self, p: usize) -> Range<usize> {
        self.starts[p]..self.starts[p + 1]
    }

    /// The first segment of paragraph `p` (where its segments are counted from).
    pub fn first_of(&self, p: usize) -> usize {
        self.starts[p]
    }

    /// Where segment `seg` lies in its paragraph's original text.
    pub fn original_range(&self, seg: usize) -> Range<usize> {
        let (a, b) = self.spans[seg];
        a as usize..b as usize
    }

    /// The segment of paragraph `p` that owns byte `at` of its original text: the last one
    /// starting at or before it (none if the paragraph has no segment).
    pub fn original_owner(&self, p: usize, at: usize) -> Option<usize> {
        let segs = self.of_paragraph(p);
        if segs.is_empty() {
            return None;
        }
        let k = self.spans[segs.clone()]
            .partition_point(|&(start, _)| start as usize <= at)
            .saturating_sub(1);
        Some(segs.start + k)
    }
}

/// The paragraph of `spans` (paragraph spans in a checked text, in order) that holds byte
/// `at`, or the last one starting before it.
pub fn locate(spans: &[Range<usize>], at: usize) -> Option<usize> {
    if spans.is_empty() {
        return None;
    }
    Some(spans.partition_point(|s| s.start <= at).saturating_sub(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(name: &str, text: &str) -> (Document, SegmentMap) {
        let doc = Document::from_str_named(name, text);
        let map = SegmentMap::build(&doc).expect("segments");
        (doc, map)
    }

    #[test]
    fn prose_is_split_into_sentences_and_blocks_are_one_segment() {
        let text = "# A heading. Still it.\n\nOne. Two. Three.\n\n```\nlet a = 1. b;\n```\n";
        let (doc, m) = map("t.md", text);
        assert_eq!(doc.paragraphs().len(), 3);
        let texts: Vec<&str> = (0..m.len())
            .map(|s| {
                let p = &doc.paragraphs()[m.paragraph_of(s)];
                &doc.text()[p.span.clone()][m.original_range(s)]
            })
            .collect();
        assert_eq!(
            texts,
            [
                "A heading.",
                "Still it.",
                "One.",
                "Two.",
                "Three.",
                "```\nlet a = 1. b;\n```"
            ]
        );
        // As the document's own segments, without building them.
        let segments: Vec<&str> = doc
            .segments()
            .iter()
            .map(|s| &doc.text()[s.span.clone()])
            .collect();
        assert_eq!(texts[..5], segments[..5]);
        assert_eq!(m.of_paragraph(1), 2..5);
        assert_eq!(m.first_of(2), 5);
        let owners: Vec<usize> = (0..m.len()).map(|s| m.paragraph_of(s)).collect();
        assert_eq!(owners, [0, 0, 1, 1, 1, 2]);
    }

    #[test]
    fn bytes_belong_to_the_segment_that_starts_before_them() {
        let (_, m) = map("t.txt", "One. Two.\n\nThree.\n");
        let two = m.original_range(1);
        assert_eq!(m.original_owner(0, 0), Some(0));
        assert_eq!(
            m.original_owner(0, two.start - 1),
            Some(0),
            "the space between"
        );
        assert_eq!(m.original_owner(0, two.start), Some(1));
        assert_eq!(m.original_owner(0, 1000), Some(1));
        assert_eq!(m.original_owner(1, 0), Some(2));
    }

    #[test]
    fn an_empty_document_has_no_segments() {
        let (doc, m) = map("t.txt", "");
        assert_eq!(m.len(), 0);
        assert_eq!(doc.paragraphs().len(), 0);
    }

    #[test]
    fn locate_finds_the_paragraph_holding_a_byte() {
        let spans = [0..4, 6..10, 12..12, 14..20];
        assert_eq!(locate(&spans, 0), Some(0));
        assert_eq!(
            locate(&spans, 5),
            Some(0),
            "between paragraphs: the one before"
        );
        assert_eq!(locate(&spans, 6), Some(1));
        assert_eq!(locate(&spans, 12), Some(2));
        assert_eq!(locate(&spans, 99), Some(3));
        assert_eq!(locate(&[], 3), None);
    }
}
