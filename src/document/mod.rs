//! The document model: the exact text of a file (BOM and line endings kept), its lines,
//! paragraphs and sentence segments, each located by byte span, line and column.
//!
//! An edit produces a new text from which a new document is built, so an unedited document
//! is written back byte for byte; or, for an editor that keeps one copy of a large text,
//! changes it in place ([`Document::edit_in_place`]), exactly as if it had been rebuilt.

mod blocks;
mod lines;
mod load;
mod sentences;
pub mod units;

use std::ops::Range;
use std::path::Path;
use std::sync::{Arc, OnceLock};

pub use blocks::{BlockKind, Paragraph, TextFormat};
pub use lines::{CharIndex, LineEnding, LineEndingStyle, LineIndex};
pub use load::{
    DEFAULT_MAX_INPUT, LIMIT_VARIABLE, LoadError, Origin, format_size, line_number_at, max_input,
    parse_size, read_bytes, read_text, set_max_input, validate_text,
};
pub use sentences::sentence_spans;

const BOM: char = '\u{feff}';

/// A sentence (or heading, or list item) of a paragraph: the unit a post-editor works on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// Byte span in the file, without surrounding whitespace.
    pub span: Range<usize>,
    /// Index of the paragraph the segment belongs to.
    pub paragraph: usize,
    /// The source-language text this segment translates, when the input is bilingual
    /// (aligned files, XLIFF, PO, TMX). Plain monolingual files have none.
    pub source: Option<String>,
}

/// A 1-based line and column (the column counted in characters, the BOM not counted).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// A loaded text document.
#[derive(Debug)]
pub struct Document {
    origin: Origin,
    /// Shared with those who asked for it ([`Document::shared_text`]): an edit in place
    /// copies it first if anyone still holds it.
    text: Arc<String>,
    /// Identifies this text ([`Document::text_id`]); a new one for every edit.
    text_id: u64,
    body_start: usize,
    format: TextFormat,
    hard_wrapped: bool,
    lines: LineIndex,
    /// Built on the first column asked for far into a long line.
    chars: OnceLock<CharIndex>,
    paragraphs: Vec<Paragraph>,
    segments: OnceLock<Vec<Segment>>,
}

/// The next [`Document::text_id`].
fn next_text_id() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

impl Document {
    /// Loads a file, or standard input when `path` is `-`.
    pub fn load(path: &Path) -> Result<Self, LoadError> {
        let (origin, text) = read_text(path)?;
        Ok(Self::new(origin, text))
    }

    /// Builds a document from text already in memory; the format follows the origin's name.
    pub fn new(origin: Origin, text: String) -> Self {
        let format = TextFormat::from_name(&origin.display_name());
        Self::with_format(origin, text, format)
    }

    /// Builds a document from a string, named `name` (used for messages and the format).
    pub fn from_str_named(name: &str, text: &str) -> Self {
        Self::new(Origin::Memory(name.to_string()), text.to_string())
    }

    pub fn with_format(origin: Origin, text: String, format: TextFormat) -> Self {
        let body_start = if text.starts_with(BOM) {
            BOM.len_utf8()
        } else {
            0
        };
        let lines = LineIndex::new(&text);
        let (paragraphs, hard_wrapped) =
            blocks::split_paragraphs(&text, &lines, format, body_start);
        Document {
            origin,
            text: Arc::new(text),
            text_id: next_text_id(),
            body_start,
            format,
            hard_wrapped,
            lines,
            chars: OnceLock::new(),
            paragraphs,
            segments: OnceLock::new(),
        }
    }

    /// A new document with the same origin and format holding `text`.
    pub fn with_text(&self, text: String) -> Self {
        Self::with_format(self.origin.clone(), text, self.format)
    }

    pub fn origin(&self) -> &Origin {
        &self.origin
    }

    /// The name to show for this document (its path as given, or `<stdin>`).
    pub fn name(&self) -> String {
        self.origin.display_name()
    }

    /// The exact text of the file, BOM included.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The exact text of the file, shared rather than copied (it stays as it is if this
    /// document is then edited in place).
    /// An id of this document's text, unique in the process: what was computed from a
    /// document (its words, its glossary terms) can recognise it by this id without
    /// holding its text, which an editor then edits in place. An edit gives a new id.
    pub fn text_id(&self) -> u64 {
        self.text_id
    }

    pub fn shared_text(&self) -> Arc<String> {
        Arc::clone(&self.text)
    }

    /// The text after the byte order mark, if any.
    pub fn body(&self) -> &str {
        &self.text[self.body_start..]
    }

    /// Byte offset where the body starts (3 with a UTF-8 BOM, else 0).
    pub fn body_start(&self) -> usize {
        self.body_start
    }

    pub fn has_bom(&self) -> bool {
        self.body_start > 0
    }

    pub fn format(&self) -> TextFormat {
        self.format
    }

    /// Whether paragraphs were found to be hard-wrapped over several lines.
    pub fn is_hard_wrapped(&self) -> bool {
        self.hard_wrapped
    }

    pub fn line_ending_style(&self) -> LineEndingStyle {
        self.lines.style()
    }

    /// The line ending to use for new line breaks in this document.
    pub fn line_ending(&self) -> LineEnding {
        self.lines.dominant()
    }

    pub fn line_index(&self) -> &LineIndex {
        &self.lines
    }

    /// Number of lines (a final line break does not start another line).
    pub fn line_count(&self) -> usize {
        self.lines.len(self.text.len())
    }

    /// Byte range of 0-based line `line`, line ending excluded (BOM excluded on line 0).
    pub fn line_range(&self, line: usize) -> Range<usize> {
        let mut r = self.lines.line_range(&self.text, line);
        r.start = r.start.max(self.body_start).min(r.end);
        r
    }

    pub fn paragraphs(&self) -> &[Paragraph] {
        &self.paragraphs
    }

    /// Sentence segments of all prose paragraphs, computed on first use.
    /// Code blocks, tables and rules are one segment each.
    pub fn segments(&self) -> &[Segment] {
        self.segments.get_or_init(|| {
            let mut out = Vec::new();
            for (i, p) in self.paragraphs.iter().enumerate() {
                if p.kind.is_prose() {
                    let text = &self.text[p.span.clone()];
                    out.extend(sentence_spans(text).into_iter().map(|r| Segment {
                        span: p.span.start + r.start..p.span.start + r.end,
                        paragraph: i,
                        source: None,
                    }));
                } else {
                    out.push(Segment {
                        span: p.span.clone(),
                        paragraph: i,
                        source: None,
                    });
                }
            }
            out
        })
    }

    /// A document with this one's origin, format and wrapping whose paragraphs are given
    /// (content span and kind, in order, not overlapping) instead of found by splitting
    /// `text`. The editor checks an edited paragraph on its own this way, and an edited
    /// document keeping the paragraph structure of the original (a line break typed into a
    /// paragraph does not make it two).
    pub fn with_paragraph_spans(
        &self,
        text: String,
        paragraphs: impl IntoIterator<Item = (Range<usize>, BlockKind)>,
    ) -> Self {
        let body_start = if text.starts_with(BOM) {
            BOM.len_utf8()
        } else {
            0
        };
        let lines = LineIndex::new(&text);
        let paragraphs = paragraphs
            .into_iter()
            .map(|(span, kind)| {
                let first = lines.line_of(span.start);
                let last = lines.line_of(span.end.saturating_sub(1).max(span.start));
                Paragraph {
                    span,
                    lines: first..last + 1,
                    kind,
                }
            })
            .collect();
        Document {
            origin: self.origin.clone(),
            text: Arc::new(text),
            text_id: next_text_id(),
            body_start,
            format: self.format,
            hard_wrapped: self.hard_wrapped,
            lines,
            chars: OnceLock::new(),
            paragraphs,
            segments: OnceLock::new(),
        }
    }

    /// Changes the document as if it were rebuilt by [`Document::with_paragraph_spans`]
    /// from [`Document::edited_text`]`(edits)` with these paragraph spans (one per
    /// paragraph, in order; kinds kept), without a second copy of the text: the text is
    /// edited in place, unless someone holds it ([`Document::shared_text`]), who keeps the
    /// old one. An editor keeps one copy of a large article this way, which its checks read.
    pub fn edit_in_place(
        &mut self,
        edits: &[(Range<usize>, String)],
        paragraph_spans: impl IntoIterator<Item = Range<usize>>,
    ) {
        match Arc::get_mut(&mut self.text) {
            Some(text) => apply_in_place(text, edits, IN_PLACE_CLUSTER),
            None => self.text = Arc::new(self.edited_text(edits)),
        }
        self.text_id = next_text_id();
        let text = self.text.as_str();
        self.body_start = if text.starts_with(BOM) {
            BOM.len_utf8()
        } else {
            0
        };
        self.lines = LineIndex::new(text);
        let mut spans = paragraph_spans.into_iter();
        for p in &mut self.paragraphs {
            let Some(span) = spans.next() else { break };
            let first = self.lines.line_of(span.start);
            let last = self
                .lines
                .line_of(span.end.saturating_sub(1).max(span.start));
            p.lines = first..last + 1;
            p.span = span;
        }
        debug_assert!(spans.next().is_none(), "one span per paragraph");
        self.chars = OnceLock::new();
        self.segments = OnceLock::new();
    }

    /// The text of a byte span.
    pub fn slice(&self, span: Range<usize>) -> &str {
        &self.text[span]
    }

    /// 1-based line and character column of byte `offset`.
    pub fn position(&self, offset: usize) -> Position {
        let line = self.lines.line_of(offset);
        let start = self.lines.line_start(line).max(self.body_start).min(offset);
        let text = self.text.as_str();
        let chars = if offset - start <= CharIndex::BLOCK {
            text[start..offset].chars().count()
        } else {
            let index = self.chars.get_or_init(|| CharIndex::new(text));
            index.chars_before(text, offset) - index.chars_before(text, start)
        };
        Position {
            line: line + 1,
            column: chars + 1,
        }
    }

    /// The text with `edits` (non-overlapping byte spans and their replacements) applied.
    pub fn edited_text(&self, edits: &[(Range<usize>, String)]) -> String {
        edited_text(&self.text, edits)
    }
}

/// `text` with `edits` applied, as [`Document::edited_text`] applies them.
pub fn edited_text(text: &str, edits: &[(Range<usize>, String)]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (r, replacement) in in_order(edits) {
        out.push_str(&text[at..r.start]);
        out.push_str(replacement);
        at = r.end;
    }
    out.push_str(&text[at..]);
    out
}

/// Edits sorted by start, those that overlap an earlier one left out.
fn in_order(edits: &[(Range<usize>, String)]) -> Vec<&(Range<usize>, String)> {
    let mut sorted: Vec<&(Range<usize>, String)> = edits.iter().collect();
    sorted.sort_by_key(|(r, _)| r.start);
    let mut at = 0;
    sorted.retain(|(r, _)| {
        let keep = r.start >= at;
        if keep {
            at = r.end;
        }
        keep
    });
    sorted
}

/// Edits closer together than this are applied to a text in place as one replacement.
const IN_PLACE_CLUSTER: usize = 1 << 20;

/// Applies `edits` (as [`Document::edited_text`] takes them) to `text` in place. Each
/// replacement moves the rest of the text, so edits less than `cluster` bytes apart are
/// made as one (their stretch of text is built on the side, at most `cluster` bytes plus
/// the replacements), from the last to the first: the text moves once per cluster.
fn apply_in_place(text: &mut String, edits: &[(Range<usize>, String)], cluster: usize) {
    let edits = in_order(edits);
    let growth: usize = edits
        .iter()
        .map(|(r, s)| s.len().saturating_sub(r.len()))
        .sum();
    text.reserve_exact(growth);
    let mut end = edits.len();
    while end > 0 {
        let last = &edits[end - 1].0;
        let mut start = end - 1;
        while start > 0 && last.end - edits[start - 1].0.start <= cluster {
            start -= 1;
        }
        let group = &edits[start..end];
        let whole = group[0].0.start..last.end;
        if let [(r, replacement)] = group {
            text.replace_range(r.clone(), replacement);
        } else {
            let mut stretch = String::with_capacity(
                whole.len() + group.iter().map(|(_, s)| s.len()).sum::<usize>(),
            );
            let mut at = whole.start;
            for (r, replacement) in group {
                stretch.push_str(&text[at..r.start]);
                stretch.push_str(replacement);
                at = r.end;
            }
            text.replace_range(whole, &stretch);
        }
        end = start;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_bytes_exactly() {
        for text in [
            "",
            "\u{feff}BOM and CRLF.\r\nSecond line.\r\n",
            "mixed\r\nendings\nno final newline",
            "\n\n\n",
        ] {
            let doc = Document::from_str_named("t.txt", text);
            assert_eq!(doc.text(), text);
            assert_eq!(doc.edited_text(&[]), text);
        }
    }

    #[test]
    fn empty_file_has_no_segments() {
        let doc = Document::from_str_named("e.txt", "");
        assert!(doc.paragraphs().is_empty());
        assert!(doc.segments().is_empty());
        assert_eq!(doc.line_ending_style(), LineEndingStyle::None);
    }

    #[test]
    fn bom_is_kept_but_not_counted() {
        let doc = Document::from_str_named("b.txt", "\u{feff}Héllo world.\r\nBye.\r\n");
        assert!(doc.has_bom());
        assert_eq!(doc.line_ending_style(), LineEndingStyle::Crlf);
        let p = &doc.paragraphs()[0];
        assert_eq!(doc.slice(p.span.clone()), "Héllo world.");
        assert_eq!(doc.position(p.span.start), Position { line: 1, column: 1 });
        let w = doc.text().find("world").unwrap();
        assert_eq!(doc.position(w), Position { line: 1, column: 7 });
        let bye = doc.text().find("Bye").unwrap();
        assert_eq!(doc.position(bye), Position { line: 2, column: 1 });
    }

    #[test]
    fn columns_far_into_a_long_line() {
        // Past the index's block size the column comes from its checkpoints: the same
        // count, also after a BOM, on a later line and after an edit in place.
        let line = "Ünïcödé 中文 words, ".repeat(2000);
        let text = format!("\u{feff}{line}\n{line}\n");
        let mut doc = Document::from_str_named("long.txt", &text);
        let naive = |text: &str, at: usize| {
            let start = text[..at].rfind('\n').map_or(3, |nl| nl + 1);
            text[start..at].chars().count() + 1
        };
        for at in [
            3,
            1000,
            1030,
            4099,
            40_000,
            text.len() / 2 + 7,
            text.len() - 1,
        ] {
            let at = (at..).find(|&a| text.is_char_boundary(a)).unwrap();
            assert_eq!(doc.position(at).column, naive(&text, at), "at byte {at}");
        }
        let start = doc.paragraphs()[0].span.start;
        let inserted = "中".repeat(5000);
        let spans: Vec<_> = doc
            .paragraphs()
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let from = if i == 0 {
                    p.span.start
                } else {
                    p.span.start + inserted.len()
                };
                from..p.span.end + inserted.len()
            })
            .collect();
        doc.edit_in_place(&[(start..start, inserted)], spans);
        let edited = doc.text().to_string();
        let at = edited.len() - 1;
        assert_eq!(doc.position(at).column, naive(&edited, at));
        assert_eq!(doc.position(20_000).column, naive(&edited, 20_000));
    }

    #[test]
    fn segments_carry_spans_and_paragraphs() {
        let text = "Title line\n\nFirst sentence. Second one!\n中文句子。\n";
        let doc = Document::from_str_named("s.txt", text);
        let segs: Vec<(&str, usize)> = doc
            .segments()
            .iter()
            .map(|s| (doc.slice(s.span.clone()), s.paragraph))
            .collect();
        assert_eq!(
            segs,
            [
                ("Title line", 0),
                ("First sentence.", 1),
                ("Second one!", 1),
                ("中文句子。", 2)
            ]
        );
        assert!(doc.segments().iter().all(|s| s.source.is_none()));
        let col = doc.position(text.find("中文").unwrap());
        assert_eq!(col, Position { line: 4, column: 1 });
        let after = doc.position(text.find("句子").unwrap());
        assert_eq!(after, Position { line: 4, column: 3 });
    }

    #[test]
    fn given_paragraph_spans_are_kept() {
        let doc = Document::from_str_named("g.md", "# Head\n\nBody text.\n");
        let text = "Head\nline two. More\r\nbody text.\n".to_string();
        let built = doc.with_paragraph_spans(
            text.clone(),
            [(0..4, BlockKind::Heading), (5..31, BlockKind::Text)],
        );
        assert_eq!(built.text(), text);
        assert_eq!(built.format(), TextFormat::Markdown);
        assert_eq!(built.name(), "g.md");
        let paras = built.paragraphs();
        assert_eq!(paras.len(), 2);
        assert_eq!(paras[0].lines, 0..1);
        assert_eq!(paras[1].kind, BlockKind::Text);
        assert_eq!(paras[1].lines, 1..3);
        let segs: Vec<&str> = built
            .segments()
            .iter()
            .map(|s| built.slice(s.span.clone()))
            .collect();
        assert_eq!(segs, ["Head", "line two.", "More\r\nbody text."]);
        let alone = doc.with_paragraph_spans("\u{feff}Solo".into(), [(3..7, BlockKind::Text)]);
        assert!(alone.has_bom());
        assert_eq!(alone.paragraphs()[0].lines, 0..1);
    }

    /// Everything a document says about its text, to compare two of them.
    fn described(doc: &Document) -> String {
        let lines: Vec<Range<usize>> = doc.line_index().line_ranges(doc.text()).collect();
        format!(
            "{:?} {:?} {} {:?} {} {:?} {:?} lines {:?} {:?} segments {:?}",
            doc.text(),
            doc.origin(),
            doc.body_start(),
            doc.format(),
            doc.is_hard_wrapped(),
            doc.line_ending_style(),
            doc.paragraphs(),
            lines,
            doc.line_ending(),
            doc.segments()
        )
    }

    /// Byte edits replacing the content of paragraphs (`(index, text)`), and every
    /// paragraph's span after them.
    type Edits = Vec<(Range<usize>, String)>;
    fn content_edits(doc: &Document, edits: &[(usize, &str)]) -> (Edits, Vec<Range<usize>>) {
        let (mut bytes, mut spans, mut shift) = (Vec::new(), Vec::new(), 0isize);
        for (i, p) in doc.paragraphs().iter().enumerate() {
            let start = p.span.start.checked_add_signed(shift).unwrap();
            match edits.iter().find(|(j, _)| *j == i) {
                Some((_, t)) => {
                    bytes.push((p.span.clone(), t.to_string()));
                    spans.push(start..start + t.len());
                    shift += t.len() as isize - p.span.len() as isize;
                }
                None => spans.push(start..start + p.span.len()),
            }
        }
        (bytes, spans)
    }

    #[test]
    fn edits_in_place_give_the_rebuilt_document() {
        let base = "\u{feff}# Title\r\n\r\nFirst para, one line.\r\nSecond line here.\r\n\r\n- item one\r\n- item two\r\n";
        let doc = Document::from_str_named("t.md", base);
        assert_eq!(doc.paragraphs().len(), 4);
        let mut cases: Vec<(Edits, Vec<Range<usize>>)> = [
            &[][..],
            &[(0, "# A much longer title")],
            &[(1, "Short.\r\nNew line.\r\nAnd one more."), (3, "")],
            &[(0, ""), (2, "- item \u{4e00}")],
        ]
        .iter()
        .map(|edits| content_edits(&doc, edits))
        .collect();
        // The last item removed with its line.
        let (item, last) = (
            doc.paragraphs()[2].span.clone(),
            doc.paragraphs()[3].span.clone(),
        );
        let (_, mut spans) = content_edits(&doc, &[]);
        spans[3] = item.end..item.end;
        cases.push((vec![(item.end..last.end, String::new())], spans));
        for (edits, spans) in cases {
            let kinds = doc.paragraphs().iter().map(|p| p.kind);
            let rebuilt =
                doc.with_paragraph_spans(doc.edited_text(&edits), spans.iter().cloned().zip(kinds));
            let mut in_place = Document::from_str_named("t.md", base);
            in_place.edit_in_place(&edits, spans.clone());
            assert_eq!(described(&in_place), described(&rebuilt));
            // Someone holding the text keeps it as it was; the document gets the new one.
            let mut shared = Document::from_str_named("t.md", base);
            let held = shared.shared_text();
            shared.edit_in_place(&edits, spans);
            assert_eq!(held.as_str(), base);
            assert_eq!(described(&shared), described(&rebuilt));
        }
    }

    #[test]
    fn in_place_edits_match_a_rebuilt_text_in_any_grouping() {
        let text: String = (0..200)
            .map(|i| format!("line {i} \u{e9}t\u{e9}\n"))
            .collect();
        let doc = Document::from_str_named("t.txt", &text);
        let mut edits = Vec::new();
        for (k, (start, _)) in text.match_indices("line ").enumerate() {
            let replacement = match k % 4 {
                0 => "",
                1 => "L",
                2 => "a longer replacement \u{4e2d} ",
                _ => "same ",
            };
            if k % 3 != 0 {
                edits.push((start..start + 5, replacement.to_string()));
            }
        }
        // Unsorted, and one edit overlapping another, left out as edited_text leaves it out.
        edits.reverse();
        edits.push((
            edits[0].0.start + 2..edits[0].0.end + 3,
            "overlaps".to_string(),
        ));
        let expected = doc.edited_text(&edits);
        assert!(!expected.contains("overlaps") && expected.contains("L12"));
        for cluster in [0, 1, 7, 64, 1000, usize::MAX / 2] {
            let mut t = text.clone();
            apply_in_place(&mut t, &edits, cluster);
            assert_eq!(t, expected, "cluster {cluster}");
        }
    }

    #[test]
    fn edits_apply_in_order() {
        let doc = Document::from_str_named("e.txt", "the the cat\r\n");
        let out = doc.edited_text(&[(0..7, "the".into())]);
        assert_eq!(out, "the cat\r\n");
    }
}
