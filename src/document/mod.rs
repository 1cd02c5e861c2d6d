//! The document model: the exact text of a file (BOM and line endings kept), its lines,
//! paragraphs and sentence segments, each located by byte span, line and column.
//!
//! A document never changes its text; an edit produces a new text from which a new
//! document is built, so an unedited document is written back byte for byte.

mod blocks;
mod lines;
mod load;
mod sentences;

use std::ops::Range;
use std::path::Path;
use std::sync::OnceLock;

pub use blocks::{BlockKind, Paragraph, TextFormat};
pub use lines::{LineEnding, LineEndingStyle, LineIndex};
pub use load::{LoadError, Origin, line_number_at, read_text, validate_text};
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
    text: String,
    body_start: usize,
    format: TextFormat,
    hard_wrapped: bool,
    lines: LineIndex,
    paragraphs: Vec<Paragraph>,
    segments: OnceLock<Vec<Segment>>,
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
            text,
            body_start,
            format,
            hard_wrapped,
            lines,
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
            text,
            body_start,
            format: self.format,
            hard_wrapped: self.hard_wrapped,
            lines,
            paragraphs,
            segments: OnceLock::new(),
        }
    }

    /// The text of a byte span.
    pub fn slice(&self, span: Range<usize>) -> &str {
        &self.text[span]
    }

    /// 1-based line and character column of byte `offset`.
    pub fn position(&self, offset: usize) -> Position {
        let line = self.lines.line_of(offset);
        let start = self.lines.line_start(line).max(self.body_start).min(offset);
        Position {
            line: line + 1,
            column: self.text[start..offset].chars().count() + 1,
        }
    }

    /// The text with `edits` (non-overlapping byte spans and their replacements) applied.
    pub fn edited_text(&self, edits: &[(Range<usize>, String)]) -> String {
        let mut sorted: Vec<&(Range<usize>, String)> = edits.iter().collect();
        sorted.sort_by_key(|(r, _)| r.start);
        let mut out = String::with_capacity(self.text.len());
        let mut at = 0;
        for (r, replacement) in sorted {
            if r.start < at {
                continue;
            }
            out.push_str(&self.text[at..r.start]);
            out.push_str(replacement);
            at = r.end;
        }
        out.push_str(&self.text[at..]);
        out
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

    #[test]
    fn edits_apply_in_order() {
        let doc = Document::from_str_named("e.txt", "the the cat\r\n");
        let out = doc.edited_text(&[(0..7, "the".into())]);
        assert_eq!(out, "the cat\r\n");
    }
}
