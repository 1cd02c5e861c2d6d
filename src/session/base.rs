//! The session's one copy of the article's text. It is the text the checks read: the
//! original with the changes made up to the last check, changed in place before the next
//! one ([`BaseText::bring_up_to_date`]); what the original had where it differs is kept on
//! the side, paragraph by paragraph, so that the original is never held twice.
//!
//! Holding the original and a current copy beside it would take twice the article's size
//! while a large article is checked; this way a check of the current text costs no copy.
//! The worker that checks shares the text while it reads it: it is brought up to date only
//! when nobody else holds it (the session then waits for the worker before checking again).
//!
//! The text is exactly [`super::current_text`] of the original and the changed paragraphs,
//! and its paragraphs are those that function gives: the text between two paragraphs is
//! the original's, except that a paragraph emptied by an edit takes its line with it.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::sync::Arc;

use crate::document::{Document, LineEnding};

/// The text between the previous paragraph and a paragraph, and its content, as in the
/// original.
#[derive(Debug)]
struct OriginalParts {
    glue: Box<str>,
    content: Box<str>,
}

/// A paragraph's stretch of the text (the text since the previous paragraph's content,
/// then its own content) as it is and as it is to be.
#[derive(Debug)]
struct Stretch {
    paragraph: usize,
    old: Range<usize>,
    new: String,
    /// The content's length, or `None` for a paragraph removed with its line.
    content: Option<usize>,
}

/// The article's text as of the last check, and the original where it differs.
#[derive(Debug)]
pub struct BaseText {
    doc: Arc<Document>,
    /// The original parts of each paragraph whose stretch of `doc` is not as in the
    /// original (every other stretch is).
    original: BTreeMap<usize, OriginalParts>,
    /// Paragraphs whose text changed since `doc` was last brought up to date.
    changed: BTreeSet<usize>,
    /// The original's line ending, for new line breaks.
    line_ending: LineEnding,
}

impl BaseText {
    /// Starts from the original document.
    pub fn new(doc: Document) -> Self {
        BaseText {
            line_ending: doc.line_ending(),
            doc: Arc::new(doc),
            original: BTreeMap::new(),
            changed: BTreeSet::new(),
        }
    }

    /// The text as of the last check (its origin, format and paragraph kinds are the
    /// original's).
    pub fn document(&self) -> &Document {
        &self.doc
    }

    /// The same, shared with a worker that checks it.
    pub fn shared(&self) -> Arc<Document> {
        Arc::clone(&self.doc)
    }

    /// The line ending of the original, for new line breaks.
    pub fn line_ending(&self) -> LineEnding {
        self.line_ending
    }

    /// Notes that paragraph `p`'s text changed.
    pub fn changed(&mut self, p: usize) {
        self.changed.insert(p);
    }

    /// Paragraph `p`'s content in the original.
    pub fn original_content(&self, p: usize) -> &str {
        match self.original.get(&p) {
            Some(o) => &o.content,
            None => self.content(p),
        }
    }

    /// The original's text between paragraph `p - 1` (or the start) and paragraph `p`.
    pub fn original_glue(&self, p: usize) -> &str {
        match self.original.get(&p) {
            Some(o) => &o.glue,
            None => {
                let start = self.stretch(p).start;
                &self.doc.text()[start..self.doc.paragraphs()[p].span.start]
            }
        }
    }

    /// Paragraph `p`'s content in `doc`.
    fn content(&self, p: usize) -> &str {
        self.doc.slice(self.doc.paragraphs()[p].span.clone())
    }

    /// Whether a paragraph with this content is removed with its line.
    fn is_removed(&self, p: usize, content: &str) -> bool {
        content.is_empty() && !self.original_content(p).is_empty()
    }

    /// Paragraph `p`'s stretch of `doc`. A removed first paragraph keeps the byte order
    /// mark in its stretch (its span is empty at the start of the text).
    fn stretch(&self, p: usize) -> Range<usize> {
        let end = |p: usize| {
            if p == 0 && self.is_removed(0, self.content(0)) {
                self.doc.body_start()
            } else {
                self.doc.paragraphs()[p].span.end
            }
        };
        let start = if p == 0 { 0 } else { end(p - 1) };
        start..end(p)
    }

    fn first_kept<'a>(&'a self, content: &dyn Fn(usize) -> &'a str) -> Option<usize> {
        (0..self.doc.paragraphs().len()).find(|&p| !self.is_removed(p, content(p)))
    }

    /// The stretches that change when paragraphs `changed` get the content `content`
    /// gives (every other paragraph has the content it has in `doc`).
    fn plan<'a>(
        &'a self,
        mut changed: BTreeSet<usize>,
        content: &dyn Fn(usize) -> &'a str,
    ) -> Vec<Stretch> {
        // Line breaks before the first paragraph kept after removed ones go with them, so
        // the first kept paragraph's stretch changes when another one becomes the first.
        let old_first = self.first_kept(&|p| self.content(p));
        let new_first = self.first_kept(content);
        if old_first != new_first {
            changed.extend(old_first);
            changed.extend(new_first);
        }
        changed
            .into_iter()
            .map(|p| {
                let (glue, c) = (self.original_glue(p), content(p));
                let removed = self.is_removed(p, c);
                let new = if removed {
                    // The first paragraph keeps the byte order mark.
                    let bom = if p == 0 { self.doc.body_start() } else { 0 };
                    glue[..bom.min(glue.len())].to_string()
                } else if p == 0 || new_first.is_some_and(|f| f < p) {
                    [glue, c].concat()
                } else {
                    [glue.trim_start_matches(['\r', '\n']), c].concat()
                };
                Stretch {
                    paragraph: p,
                    old: self.stretch(p),
                    new,
                    content: (!removed).then_some(c.len()),
                }
            })
            .collect()
    }

    /// Every paragraph's span once `stretches` are replaced.
    fn spans_after(&self, stretches: &[Stretch]) -> Vec<Range<usize>> {
        let paragraphs = self.doc.paragraphs();
        let mut spans = Vec::with_capacity(paragraphs.len());
        let mut shift = 0isize;
        let mut next = stretches.iter().peekable();
        for (p, para) in paragraphs.iter().enumerate() {
            let moved = |at: usize| at.checked_add_signed(shift).unwrap_or(0);
            match next.next_if(|s| s.paragraph == p) {
                Some(s) => {
                    let end = moved(s.old.start) + s.new.len();
                    spans.push(match s.content {
                        Some(len) => end - len..end,
                        None if p == 0 => 0..0,
                        None => end..end,
                    });
                    shift += s.new.len() as isize - s.old.len() as isize;
                }
                None => spans.push(moved(para.span.start)..moved(para.span.end)),
            }
        }
        spans
    }

    /// The paragraphs among the changed ones whose content is not what `doc` has.
    fn differing<'a>(&'a self, content: &dyn Fn(usize) -> &'a str) -> BTreeSet<usize> {
        self.changed
            .iter()
            .copied()
            .filter(|&p| content(p) != self.content(p))
            .collect()
    }

    /// Brings the text up to date in place: `edited` gives the current text of each
    /// paragraph that differs from the original. False (and nothing done) when someone
    /// else holds the text, a worker checking it: try again once it is done.
    pub fn bring_up_to_date<'e>(&mut self, edited: impl Fn(usize) -> Option<&'e str>) -> bool {
        if self.changed.is_empty() {
            return true;
        }
        if Arc::get_mut(&mut self.doc).is_none() {
            return false;
        }
        let content = |p| edited(p).unwrap_or_else(|| self.original_content(p));
        let stretches = self.plan(self.differing(&content), &content);
        let spans = self.spans_after(&stretches);
        // Where a stretch leaves the original form, keep the original parts; where it
        // comes back to it, they are in the text again.
        let mut keep = Vec::new();
        let mut drop = Vec::new();
        for s in &stretches {
            let p = s.paragraph;
            let (glue, content) = (self.original_glue(p), self.original_content(p));
            let original_form = s.new.len() == glue.len() + content.len()
                && s.new.starts_with(glue)
                && s.new.ends_with(content);
            if original_form {
                drop.push(p);
            } else if !self.original.contains_key(&p) {
                keep.push((
                    p,
                    OriginalParts {
                        glue: glue.into(),
                        content: content.into(),
                    },
                ));
            }
        }
        let edits: Vec<(Range<usize>, String)> =
            stretches.into_iter().map(|s| (s.old, s.new)).collect();
        for p in drop {
            self.original.remove(&p);
        }
        self.original.extend(keep);
        if let Some(doc) = Arc::get_mut(&mut self.doc) {
            doc.edit_in_place(&edits, spans);
        }
        self.changed.clear();
        true
    }

    /// The current text, `edited` as for [`BaseText::bring_up_to_date`] (a copy).
    pub fn current_text<'e>(&self, edited: impl Fn(usize) -> Option<&'e str>) -> String {
        if self.changed.is_empty() {
            return self.doc.text().to_string();
        }
        let content = |p| edited(p).unwrap_or_else(|| self.original_content(p));
        let edits: Vec<(Range<usize>, String)> = self
            .plan(self.differing(&content), &content)
            .into_iter()
            .map(|s| (s.old, s.new))
            .collect();
        self.doc.edited_text(&edits)
    }

    /// The edits that turn the text back into the original (in order, not overlapping).
    pub fn original_edits(&self) -> Vec<(Range<usize>, String)> {
        let content = |p| self.original_content(p);
        self.plan(self.original.keys().copied().collect(), &content)
            .into_iter()
            .map(|s| (s.old, s.new))
            .collect()
    }

    /// The original text (a copy).
    #[cfg(test)]
    pub fn original_text(&self) -> String {
        self.doc.edited_text(&self.original_edits())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::current_text;
    use crate::testing::Rng;

    /// Everything a document says about its text, to compare two of them.
    fn described(doc: &Document) -> String {
        let lines: Vec<Range<usize>> = doc.line_index().line_ranges(doc.text()).collect();
        format!(
            "{:?} {} {:?} {} {:?} {:?} lines {:?} {:?}",
            doc.text(),
            doc.body_start(),
            doc.format(),
            doc.is_hard_wrapped(),
            doc.line_ending_style(),
            doc.paragraphs(),
            lines,
            doc.segments()
        )
    }

    const TEXTS: &[(&str, &str)] = &[
        ("a.txt", "Title\nTitle\nBody one. Two.\n"),
        ("b.txt", "\u{feff}A\r\n\r\nB b.\r\n\r\nC.\r\n"),
        (
            "c.md",
            "# Head\n\n## Sub\n\n- one\n- two\n- three\n\nText at the end",
        ),
        ("d.txt", "\n\n\u{feff}x\n\nFirst.\n\n\nSecond.\n\n"),
        (
            "e.md",
            "\u{feff}# T\n\nPara \u{4e2d}\u{6587}.\r\nline two\n\n```\ncode\n```\n\nEnd.\n",
        ),
        ("f.txt", "One line only"),
        ("g.txt", ""),
    ];

    const CONTENTS: &[&str] = &[
        "",
        "x",
        "New text.",
        "two\nlines",
        "\u{e9}t\u{e9}\r\nend",
        "A",
    ];

    /// Random changes to random paragraphs, the text brought up to date at random
    /// moments, sometimes while someone holds it: it is always what `current_text` builds
    /// from the original, and the original can always be told.
    #[test]
    fn the_text_is_always_the_original_with_the_changes() {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        for (name, text) in TEXTS {
            let original = Document::from_str_named(name, text);
            let n = original.paragraphs().len();
            for _round in 0..40 {
                let mut base = BaseText::new(Document::from_str_named(name, text));
                let mut edited: Vec<Option<String>> = vec![None; n];
                for _step in 0..12 {
                    if n > 0 {
                        let p = rng.below(n);
                        let content = match rng.below(4) {
                            0 => None,
                            _ => Some(CONTENTS[rng.below(CONTENTS.len())].to_string()),
                        };
                        let own = original.slice(original.paragraphs()[p].span.clone());
                        edited[p] = content.filter(|c| c != own);
                        base.changed(p);
                    }
                    let edits: Vec<(usize, String)> = edited
                        .iter()
                        .enumerate()
                        .filter_map(|(p, e)| e.clone().map(|e| (p, e)))
                        .collect();
                    let (expected, spans) = current_text(&original, &edits);
                    let lookup = |p: usize| edited[p].as_deref();
                    assert_eq!(base.current_text(lookup), expected, "{name}: {edits:?}");
                    let held = (rng.below(4) == 0).then(|| base.shared());
                    if rng.below(2) == 0 {
                        let done = base.bring_up_to_date(lookup);
                        assert_eq!(done, held.is_none() || base.changed.is_empty());
                        if done {
                            let kinds = original.paragraphs().iter().map(|p| p.kind);
                            let rebuilt = original.with_paragraph_spans(
                                expected.clone(),
                                spans.into_iter().zip(kinds),
                            );
                            assert_eq!(
                                described(base.document()),
                                described(&rebuilt),
                                "{name}: {edits:?}"
                            );
                        }
                    }
                    if let Some(held) = held {
                        assert!(held.text().len() <= text.len() + 200);
                    }
                    assert_eq!(base.original_text(), *text, "{name}: {edits:?}");
                    assert_eq!(base.current_text(lookup), expected, "{name}: {edits:?}");
                    for (p, para) in original.paragraphs().iter().enumerate() {
                        assert_eq!(base.original_content(p), original.slice(para.span.clone()));
                        let glue_start = if p == 0 {
                            0
                        } else {
                            original.paragraphs()[p - 1].span.end
                        };
                        assert_eq!(base.original_glue(p), &text[glue_start..para.span.start]);
                    }
                }
            }
        }
    }

    #[test]
    fn a_held_text_is_kept_and_brought_up_to_date_later() {
        let mut base = BaseText::new(Document::from_str_named("t.txt", "One.\n\nTwo.\n"));
        let held = base.shared();
        base.changed(1);
        let edited = |p: usize| (p == 1).then_some("Deux.");
        assert!(!base.bring_up_to_date(edited), "the worker still reads it");
        assert_eq!(base.document().text(), "One.\n\nTwo.\n");
        assert_eq!(base.current_text(edited), "One.\n\nDeux.\n");
        drop(held);
        assert!(base.bring_up_to_date(edited));
        assert_eq!(base.document().text(), "One.\n\nDeux.\n");
        assert_eq!(base.original_text(), "One.\n\nTwo.\n");
        assert_eq!(base.original_content(1), "Two.");
        // Back to the original: nothing is kept on the side any more.
        base.changed(1);
        assert!(base.bring_up_to_date(|_| None));
        assert_eq!(base.document().text(), "One.\n\nTwo.\n");
        assert!(base.original.is_empty());
    }
}
