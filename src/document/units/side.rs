//! One side of a unit (its source or its target): the decoded text, the span of that text
//! in the file, and the map from byte offsets in the text to byte offsets in the file.
//!
//! The text differs from the file's bytes where the file escapes (`&amp;`, `&#x4E2D;`, PO's
//! `\n`, CSV's `""`), wraps (CDATA, a PO string continued on the next line) or marks up
//! (an inline code, which is one placeholder character in the text). The map is a list of
//! pieces: a *literal* piece is the same bytes in text and file; any other piece is one
//! character of text standing for a stretch of the file. A span that starts or ends on a
//! replaced character covers all of that character's bytes in the file.

use std::ops::Range;

use super::codes::{self, CodeKind, CodeTag, InlineCode, TooManyCodes};
use super::placeholders::Found;

/// A run of text and the bytes of the file it comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Piece {
    /// Offset of the piece in the side's text.
    text: usize,
    /// Byte range in the file text.
    file: usize,
    file_end: usize,
    /// Same bytes in text and file (else: one character for the whole file range).
    literal: bool,
}

/// The text of a unit's source or target, where it is in the file, and the offset map.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Side {
    /// The decoded text: references and escapes resolved, each inline code one
    /// placeholder character (see [`super::codes`]).
    pub text: String,
    /// The byte span of the content in the file's text ([`super::BilingualFile::text`]);
    /// an empty span where a missing target would be inserted.
    pub span: Range<usize>,
    /// Empty when the text is the span's bytes exactly.
    pieces: Vec<Piece>,
}

impl Side {
    /// An empty side at `at` (a target to be inserted there).
    pub(crate) fn empty_at(at: usize) -> Side {
        Side {
            text: String::new(),
            span: at..at,
            pieces: Vec::new(),
        }
    }

    /// Whether the text is the span's bytes exactly (no escapes, codes or wrapping).
    pub fn is_verbatim(&self) -> bool {
        self.pieces.is_empty()
    }

    /// The byte range in the file's text of `range` of this side's text (offsets on
    /// character boundaries). A range starting or ending on an escaped character or a
    /// code covers its bytes in the file whole.
    pub fn file_range(&self, range: Range<usize>) -> Range<usize> {
        let start = self.file_start(range.start);
        if range.is_empty() {
            return start..start;
        }
        start..self.file_end(range.end).max(start)
    }

    /// Where byte `offset` of the text is in the file's text, as a start.
    pub fn file_offset(&self, offset: usize) -> usize {
        self.file_start(offset)
    }

    fn file_start(&self, offset: usize) -> usize {
        if self.pieces.is_empty() {
            return self.span.start + offset.min(self.span.len());
        }
        if offset >= self.text.len() {
            return self.pieces.last().map_or(self.span.end, |p| p.file_end);
        }
        let i = self.pieces.partition_point(|p| p.text <= offset) - 1;
        let p = self.pieces[i];
        if p.literal {
            p.file + (offset - p.text)
        } else {
            p.file
        }
    }

    fn file_end(&self, offset: usize) -> usize {
        if self.pieces.is_empty() {
            return self.span.start + offset.min(self.span.len());
        }
        if offset == 0 {
            return self.pieces[0].file;
        }
        let i = self.pieces.partition_point(|p| p.text < offset) - 1;
        let p = self.pieces[i];
        if p.literal {
            p.file + (offset - p.text)
        } else {
            p.file_end
        }
    }

    /// The pieces with their text ranges: (text range, file range, literal).
    fn pieces_with_ends(&self) -> impl Iterator<Item = (Range<usize>, Range<usize>, bool)> + '_ {
        let ends = self
            .pieces
            .iter()
            .skip(1)
            .map(|p| p.text)
            .chain(std::iter::once(self.text.len()));
        self.pieces
            .iter()
            .zip(ends)
            .map(|(p, end)| (p.text..end, p.file..p.file_end, p.literal))
    }

    /// This side with the placeholders `found` in its text (sorted, not overlapping, not
    /// containing a placeholder character) made codes, each standing for its bytes in the
    /// file. One whose bytes in the file are not one contiguous stretch (a PO placeholder
    /// split over two strings) stays text.
    pub(crate) fn protect(
        self,
        found: &[Found],
        file_text: &str,
        codes: &mut Vec<InlineCode>,
    ) -> Result<Side, TooManyCodes> {
        if found.is_empty() {
            return Ok(self);
        }
        let span = self.span.clone();
        let pieces: Vec<(Range<usize>, Range<usize>, bool)> = if self.pieces.is_empty() {
            vec![(0..self.text.len(), span.clone(), true)]
        } else {
            self.pieces_with_ends().collect()
        };
        let mut out = SideBuilder::default();
        let mut found = found.iter().peekable();
        let start_of = |f: &&Found| f.range.start;
        let mut pi = 0;
        let mut at = 0;
        while at < self.text.len() {
            if let Some(&found_here) = found.peek()
                && found_here.range.start <= at
            {
                found.next();
                let f = found_here.range.clone();
                if f.start == at && contiguous(&pieces, &f) {
                    let file = self.file_range(f.clone());
                    let code = InlineCode {
                        kind: found_here.kind,
                        tag: found_here.tag,
                        id: found_here.id.clone(),
                        pair: found_here.pair.clone(),
                        markup: file.clone(),
                    };
                    let c = codes::intern(codes, code, file_text)?;
                    out.replaced(file, c);
                    at = f.end;
                    while pi < pieces.len() && pieces[pi].0.end <= at {
                        pi += 1;
                    }
                }
                continue;
            }
            // Copy text up to the next found range or the end of the current piece (a
            // replaced piece whole).
            let (t, f, literal) = pieces[pi].clone();
            if literal {
                let stop = found.peek().map_or(t.end, |f| start_of(f).min(t.end));
                out.literal_plain(f.start + (at - t.start), &self.text[at..stop]);
                at = stop;
            } else {
                out.replaced_str(f, &self.text[t.clone()]);
                at = t.end;
            }
            if at >= t.end {
                pi += 1;
            }
        }
        Ok(out.finish(span))
    }
}

/// Whether text range `r` lies in pieces whose file bytes follow one another.
fn contiguous(pieces: &[(Range<usize>, Range<usize>, bool)], r: &Range<usize>) -> bool {
    let mut prev_end: Option<usize> = None;
    for (t, f, literal) in pieces {
        if t.end <= r.start || t.start >= r.end {
            continue;
        }
        if !literal && (t.start < r.start || t.end > r.end) {
            return false;
        }
        if prev_end.is_some_and(|e| e != f.start) {
            return false;
        }
        prev_end = Some(f.end);
    }
    true
}

/// Builds a side's text and offset map from the pieces of the file it is made of.
#[derive(Debug, Default)]
pub(crate) struct SideBuilder {
    text: String,
    pieces: Vec<Piece>,
}

impl SideBuilder {
    /// Text that is the file's bytes at `at` exactly; private-use characters in it become
    /// codes of their own (so that no character of the file's text is taken for a code).
    pub fn literal(
        &mut self,
        at: usize,
        s: &str,
        codes: &mut Vec<InlineCode>,
        file_text: &str,
    ) -> Result<(), TooManyCodes> {
        if !codes::may_hold_private_use(s) {
            self.literal_plain(at, s);
            return Ok(());
        }
        let mut from = 0;
        for (i, c) in s.char_indices() {
            if codes::is_private_use(c) {
                self.literal_plain(at + from, &s[from..i]);
                let markup = at + i..at + i + c.len_utf8();
                let code = InlineCode {
                    kind: CodeKind::Standalone,
                    tag: CodeTag::Literal,
                    id: format!("U+{:04X}", c as u32).into(),
                    pair: None,
                    markup: markup.clone(),
                };
                let p = codes::intern(codes, code, file_text)?;
                self.replaced(markup, p);
                from = i + c.len_utf8();
            }
        }
        self.literal_plain(at + from, &s[from..]);
        Ok(())
    }

    /// Text that is the file's bytes at `at` exactly, known to hold no private-use character.
    pub fn literal_plain(&mut self, at: usize, s: &str) {
        if s.is_empty() {
            return;
        }
        let text_at = self.text.len();
        self.text.push_str(s);
        if let Some(last) = self.pieces.last_mut()
            && last.literal
            && last.file_end == at
        {
            last.file_end = at + s.len();
            return;
        }
        self.pieces.push(Piece {
            text: text_at,
            file: at,
            file_end: at + s.len(),
            literal: true,
        });
    }

    /// One character standing for the file's bytes `file` (a reference, an escape, a code).
    pub fn replaced(&mut self, file: Range<usize>, c: char) {
        let text_at = self.text.len();
        self.text.push(c);
        self.pieces.push(Piece {
            text: text_at,
            file: file.start,
            file_end: file.end,
            literal: false,
        });
    }

    /// Characters standing for the file's bytes `file` as a whole (rare: a reference that
    /// decodes to more than one character).
    pub fn replaced_str(&mut self, file: Range<usize>, s: &str) {
        let text_at = self.text.len();
        self.text.push_str(s);
        self.pieces.push(Piece {
            text: text_at,
            file: file.start,
            file_end: file.end,
            literal: false,
        });
    }

    /// An inline code: added to the unit's table (or found there) and put in the text.
    pub fn code(
        &mut self,
        code: InlineCode,
        codes: &mut Vec<InlineCode>,
        file_text: &str,
    ) -> Result<(), TooManyCodes> {
        let markup = code.markup.clone();
        let c = codes::intern(codes, code, file_text)?;
        self.replaced(markup, c);
        Ok(())
    }

    /// The side, for content whose bytes in the file are `span`, leaving this builder
    /// empty with its buffers kept for the next side (the side gets buffers of its size).
    pub fn finish_reuse(&mut self, span: Range<usize>) -> Side {
        let verbatim = match self.pieces.as_slice() {
            [] => true,
            [p] => p.literal && p.file == span.start && p.file_end == span.end,
            _ => false,
        };
        let side = Side {
            text: self.text.as_str().into(),
            span,
            pieces: if verbatim {
                Vec::new()
            } else {
                self.pieces.as_slice().into()
            },
        };
        self.text.clear();
        self.pieces.clear();
        side
    }

    /// The side, for content whose bytes in the file are `span`.
    pub fn finish(self, span: Range<usize>) -> Side {
        let SideBuilder { text, mut pieces } = self;
        let verbatim = match pieces.as_slice() {
            [] => true,
            [p] => p.literal && p.file == span.start && p.file_end == span.end,
            _ => false,
        };
        if verbatim {
            pieces.clear();
        }
        Side { text, span, pieces }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// "a&amp;b<x/>c" with the entity and the code replaced.
    fn sample() -> (String, Side, Vec<InlineCode>) {
        let file = "<t>a&amp;b<x/>c</t>".to_string();
        let mut codes = Vec::new();
        let mut b = SideBuilder::default();
        b.literal(3, "a", &mut codes, &file).unwrap();
        b.replaced(4..9, '&');
        b.literal(9, "b", &mut codes, &file).unwrap();
        b.code(
            InlineCode {
                kind: CodeKind::Standalone,
                tag: CodeTag::X,
                id: "1".into(),
                pair: None,
                markup: 10..14,
            },
            &mut codes,
            &file,
        )
        .unwrap();
        b.literal(14, "c", &mut codes, &file).unwrap();
        let side = b.finish(3..15);
        (file, side, codes)
    }

    #[test]
    fn maps_text_offsets_to_file_offsets() {
        let (file, side, codes) = sample();
        assert_eq!(side.text, "a&b\u{e000}c");
        assert_eq!(codes.len(), 1);
        let slice = |r: Range<usize>| &file[side.file_range(r)];
        assert_eq!(slice(0..1), "a");
        assert_eq!(slice(1..2), "&amp;");
        assert_eq!(slice(0..3), "a&amp;b");
        assert_eq!(slice(3..6), "<x/>");
        assert_eq!(slice(6..7), "c");
        assert_eq!(slice(0..7), "a&amp;b<x/>c");
        assert_eq!(side.file_range(7..7), 15..15);
        assert_eq!(side.file_range(2..2), 9..9);
    }

    #[test]
    fn verbatim_text_needs_no_map() {
        let file = "<t>plain</t>";
        let mut codes = Vec::new();
        let mut b = SideBuilder::default();
        b.literal(3, "pl", &mut codes, file).unwrap();
        b.literal(5, "ain", &mut codes, file).unwrap();
        let side = b.finish(3..8);
        assert!(side.is_verbatim());
        assert_eq!(side.file_range(1..3), 4..6);
    }

    #[test]
    fn private_use_characters_of_the_file_become_codes() {
        let file = "<t>a\u{e000}b</t>";
        let mut codes = Vec::new();
        let mut b = SideBuilder::default();
        b.literal(3, "a\u{e000}b", &mut codes, file).unwrap();
        let side = b.finish(3..8);
        assert_eq!(codes.len(), 1);
        assert_eq!(codes[0].tag, CodeTag::Literal);
        assert_eq!(side.text, "a\u{e000}b");
        assert_eq!(&file[codes[0].markup.clone()], "\u{e000}");
        assert_eq!(codes[0].label(file), "{U+E000}");
    }

    #[test]
    fn protect_turns_ranges_into_codes() {
        let (file, side, mut codes) = sample();
        // "a&b\u{e000}c": protect "b" (a literal) and "&" (a replaced character).
        let found = |range: Range<usize>| Found {
            range,
            kind: CodeKind::Standalone,
            tag: CodeTag::Printf,
            id: "p".into(),
            pair: None,
        };
        let protected = side
            .protect(&[found(1..2), found(2..3)], &file, &mut codes)
            .unwrap();
        assert_eq!(codes.len(), 3);
        assert_eq!(protected.text, "a\u{e001}\u{e002}\u{e000}c");
        assert_eq!(&file[codes[1].markup.clone()], "&amp;");
        assert_eq!(&file[codes[2].markup.clone()], "b");
        assert_eq!(&file[protected.file_range(0..7)], "a&amp;b");
        assert_eq!(&file[protected.file_range(10..11)], "c");
    }
}
