//! Line bookkeeping: where each line starts, how it ends, and byte → line/column conversion.

use std::ops::Range;

/// The line-ending style of a text, as found in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LineEndingStyle {
    /// No line break at all (a one-line file without a final newline, or an empty file).
    None,
    /// Only `\n`.
    Lf,
    /// Only `\r\n`.
    Crlf,
    /// Both `\n` and `\r\n` occur.
    Mixed,
}

/// A single line break sequence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineEnding {
    Lf,
    Crlf,
}

impl LineEnding {
    pub fn as_str(self) -> &'static str {
        match self {
            LineEnding::Lf => "\n",
            LineEnding::Crlf => "\r\n",
        }
    }
}

/// Start offsets of every line, so that positions can be found by binary search.
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    /// Byte offset at which each line starts; `starts[0]` is always 0.
    starts: Vec<usize>,
    lf: usize,
    crlf: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = Vec::with_capacity(bytes.len() / 64 + 1);
        starts.push(0);
        let (mut lf, mut crlf) = (0, 0);
        for nl in memchr::memchr_iter(b'\n', bytes) {
            if nl > 0 && bytes[nl - 1] == b'\r' {
                crlf += 1;
            } else {
                lf += 1;
            }
            starts.push(nl + 1);
        }
        LineIndex { starts, lf, crlf }
    }

    /// Number of lines. A final line break does not open a new (empty) line.
    pub fn len(&self, text_len: usize) -> usize {
        match self.starts.last() {
            Some(&last) if last == text_len && self.starts.len() > 1 => self.starts.len() - 1,
            _ => self.starts.len(),
        }
    }

    pub fn style(&self) -> LineEndingStyle {
        match (self.lf, self.crlf) {
            (0, 0) => LineEndingStyle::None,
            (_, 0) => LineEndingStyle::Lf,
            (0, _) => LineEndingStyle::Crlf,
            _ => LineEndingStyle::Mixed,
        }
    }

    /// The line ending to use for new line breaks: the more frequent one (LF on a tie).
    pub fn dominant(&self) -> LineEnding {
        if self.crlf > self.lf {
            LineEnding::Crlf
        } else {
            LineEnding::Lf
        }
    }

    /// 0-based index of the line that contains `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// Byte offset where 0-based line `line` starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.starts[line]
    }

    /// The byte range of line `line` without its line ending.
    pub fn line_range(&self, text: &str, line: usize) -> Range<usize> {
        let start = self.starts[line];
        let mut end = self.starts.get(line + 1).copied().unwrap_or(text.len());
        let bytes = text.as_bytes();
        if end > start && bytes[end - 1] == b'\n' {
            end -= 1;
            if end > start && bytes[end - 1] == b'\r' {
                end -= 1;
            }
        }
        start..end
    }

    /// Iterates over the content ranges of all lines (line endings excluded).
    pub fn line_ranges<'a>(&'a self, text: &'a str) -> impl Iterator<Item = Range<usize>> + 'a {
        (0..self.len(text.len())).map(move |i| self.line_range(text, i))
    }
}

/// Characters before every [`CharIndex::BLOCK`]-th byte of a text, so that the column of an
/// offset far into a long line is found without counting from the line's start (which made
/// every issue on a one-line file cost the length of the line).
#[derive(Debug, Default)]
pub struct CharIndex {
    /// `before[k]`: characters that start in the first `k * BLOCK` bytes.
    before: Vec<usize>,
}

impl CharIndex {
    /// Bytes between two checkpoints: a lookup counts at most this many.
    pub const BLOCK: usize = 1024;

    pub fn new(text: &str) -> Self {
        let mut before = Vec::with_capacity(text.len() / Self::BLOCK + 1);
        let mut count = 0;
        before.push(0);
        for block in text.as_bytes().chunks(Self::BLOCK) {
            count += char_starts(block);
            before.push(count);
        }
        CharIndex { before }
    }

    /// Characters that start before byte `offset` of the indexed text.
    pub fn chars_before(&self, text: &str, offset: usize) -> usize {
        let block = offset / Self::BLOCK;
        self.before[block] + char_starts(&text.as_bytes()[block * Self::BLOCK..offset])
    }
}

/// Characters that start in `bytes` (every byte but UTF-8 continuation bytes).
fn char_starts(bytes: &[u8]) -> usize {
    bytes.iter().map(|&b| usize::from((b as i8) >= -0x40)).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_index_counts_characters_before_any_boundary() {
        let text = "aé中😀\n".repeat(CharIndex::BLOCK / 3);
        let index = CharIndex::new(&text);
        for (chars, (at, _)) in text.char_indices().enumerate() {
            assert_eq!(index.chars_before(&text, at), chars, "at byte {at}");
        }
        let all = text.chars().count();
        assert_eq!(index.chars_before(&text, text.len()), all);
        assert_eq!(CharIndex::new("").chars_before("", 0), 0);
    }

    #[test]
    fn styles() {
        assert_eq!(LineIndex::new("").style(), LineEndingStyle::None);
        assert_eq!(LineIndex::new("a").style(), LineEndingStyle::None);
        assert_eq!(LineIndex::new("a\nb\n").style(), LineEndingStyle::Lf);
        assert_eq!(LineIndex::new("a\r\nb\r\n").style(), LineEndingStyle::Crlf);
        assert_eq!(LineIndex::new("a\r\nb\nc").style(), LineEndingStyle::Mixed);
        assert_eq!(LineIndex::new("a\r\nb\r\nc\n").dominant(), LineEnding::Crlf);
    }

    #[test]
    fn line_ranges_exclude_endings() {
        let text = "one\r\ntwo\n\nfour";
        let idx = LineIndex::new(text);
        let lines: Vec<&str> = idx.line_ranges(text).map(|r| &text[r]).collect();
        assert_eq!(lines, ["one", "two", "", "four"]);
        assert_eq!(idx.line_of(0), 0);
        assert_eq!(idx.line_of(4), 0); // the \n of the CRLF
        assert_eq!(idx.line_of(5), 1);
        assert_eq!(idx.line_of(text.len()), 3);
    }

    #[test]
    fn final_newline_does_not_open_a_line() {
        let text = "a\nb\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.len(text.len()), 2);
        assert_eq!(LineIndex::new("").len(0), 1);
    }
}
