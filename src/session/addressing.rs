//! Segment addressing: the article's paragraphs and segments, their current and original
//! text, which segment owns a byte of a paragraph, and places named by the checks
//! ([`Location`]) as segments and lines.

use std::ops::Range;
use std::path::{Path, PathBuf};

use super::paragraph::owner_of;
use super::{Location, Session};
use crate::document::LineEnding;

impl Session {
    /// The article's name (its path as given).
    pub fn name(&self) -> String {
        self.base.document().name()
    }

    /// The article's file (none for a text given in memory).
    pub fn article_path(&self) -> Option<PathBuf> {
        self.base.document().origin().path().map(Path::to_path_buf)
    }

    /// The line ending the article mostly uses, for new line breaks.
    pub fn line_ending(&self) -> LineEnding {
        self.base.line_ending()
    }

    /// The original text between paragraph `p - 1` (or the start of the file) and
    /// paragraph `p`: whether a blank line separates them, say.
    pub fn original_glue(&self, p: usize) -> &str {
        self.base.original_glue(p)
    }

    pub fn output(&self) -> &Path {
        &self.output
    }

    pub fn journal_path(&self) -> &Path {
        self.journal.path()
    }

    /// BCP 47 tag of the article's language.
    pub fn target_lang(&self) -> &str {
        &self.target_lang
    }

    pub fn segment_count(&self) -> usize {
        self.segments.len()
    }

    pub fn paragraph_count(&self) -> usize {
        self.edited.len()
    }

    /// The paragraph a segment belongs to.
    pub fn segment_paragraph(&self, seg: usize) -> usize {
        self.segments.paragraph_of(seg)
    }

    /// The segments of paragraph `p`.
    pub fn paragraph_segments(&self, p: usize) -> Range<usize> {
        self.segments.of_paragraph(p)
    }

    /// The current text of paragraph `p`.
    pub fn paragraph_text(&self, p: usize) -> &str {
        match &self.edited[p] {
            Some(e) => &e.text,
            None => self.base.original_content(p),
        }
    }

    /// Where segment `seg` lies in its paragraph's current text.
    pub fn segment_range(&self, seg: usize) -> Range<usize> {
        let p = self.segment_paragraph(seg);
        match &self.edited[p] {
            Some(e) => e.ranges[seg - self.segments.first_of(p)].clone(),
            None => self.segments.original_range(seg),
        }
    }

    /// The current text of segment `seg`.
    pub fn segment_text(&self, seg: usize) -> &str {
        let p = self.segment_paragraph(seg);
        match &self.edited[p] {
            Some(e) => e.segment(seg - self.segments.first_of(p)),
            None => self.original_segment_text(seg),
        }
    }

    /// The machine translation of segment `seg`, as in the file.
    pub fn original_segment_text(&self, seg: usize) -> &str {
        let p = self.segment_paragraph(seg);
        &self.base.original_content(p)[self.segments.original_range(seg)]
    }

    pub fn is_segment_edited(&self, seg: usize) -> bool {
        seg < self.segment_count()
            && self.edited[self.segment_paragraph(seg)].is_some()
            && self.segment_text(seg) != self.original_segment_text(seg)
    }

    /// Counts the changes to the text (undone and redone ones too): the text is as it was
    /// as long as this is the same.
    pub fn text_generation(&self) -> u64 {
        self.generation
    }

    /// Segments whose text differs from the machine translation.
    pub fn edited_segments(&self) -> usize {
        self.edited_segments
    }

    pub(super) fn paragraph_ranges(&self, p: usize) -> Vec<Range<usize>> {
        match &self.edited[p] {
            Some(e) => e.ranges.clone(),
            None => self
                .paragraph_segments(p)
                .map(|s| self.segment_range(s))
                .collect(),
        }
    }

    /// The segment that owns byte `at` of paragraph `p` (None if it has no segment).
    pub fn owner_segment(&self, p: usize, at: usize) -> Option<usize> {
        match &self.edited[p] {
            Some(e) => {
                let segs = self.paragraph_segments(p);
                (!segs.is_empty()).then(|| segs.start + owner_of(&e.ranges, at))
            }
            None => self.segments.original_owner(p, at),
        }
    }

    /// The segment a location falls in.
    pub fn location_segment(&self, loc: &Location) -> Option<usize> {
        (loc.paragraph < self.paragraph_count())
            .then(|| self.owner_segment(loc.paragraph, loc.span.start))
            .flatten()
    }

    /// The line (1-based) a location is on in the text as last checked: the numbering the
    /// checks' messages use ("… (line 37)").
    pub fn location_line(&self, loc: &Location) -> Option<usize> {
        let doc = self.base.document();
        let para = doc.paragraphs().get(loc.paragraph)?;
        let at = para.span.start + loc.span.start.min(para.span.len());
        Some(doc.position(at).line)
    }

    /// The text at a location, if it is still there.
    pub fn location_text(&self, loc: &Location) -> Option<&str> {
        if loc.paragraph >= self.paragraph_count() {
            return None;
        }
        self.paragraph_text(loc.paragraph).get(loc.span.clone())
    }

    /// The document's current text, BOM and line endings as in the original except where
    /// edited. An article whose every line was deleted is empty: no line break (or byte
    /// order mark) is left over from its last line.
    pub fn current_text(&self) -> String {
        if self.everything_deleted() {
            return String::new();
        }
        self.base
            .current_text(|p| self.edited[p].as_ref().map(|e| e.text.as_str()))
    }

    /// Whether the article had text and every paragraph of it was deleted.
    pub(super) fn everything_deleted(&self) -> bool {
        self.paragraph_count() > 0
            && (0..self.paragraph_count()).all(|p| {
                self.paragraph_text(p).is_empty() && !self.base.original_content(p).is_empty()
            })
    }

    /// Brings the checked text up to date in place; false while the worker reads it.
    pub(super) fn bring_text_up_to_date(&mut self) -> bool {
        let edited = &self.edited;
        self.base
            .bring_up_to_date(|p| edited[p].as_ref().map(|e| e.text.as_str()))
    }
}
