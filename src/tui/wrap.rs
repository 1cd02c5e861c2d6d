//! Text on a terminal grid: what each grapheme cluster shows as and how wide it is, and
//! wrapping text into rows of a given display width (CJK characters take two columns).
//!
//! Characters a post-editor must notice but a terminal would hide — control characters,
//! tabs, zero-width characters — are shown as visible one-column symbols. The inline codes
//! of a bilingual file's unit are chips labelled with what they are ([`Chips`]), as wide as
//! their label.

use std::borrow::Cow;
use std::ops::Range;

use unicode_segmentation::{GraphemeCursor, UnicodeSegmentation};
use unicode_width::UnicodeWidthStr;

/// How a grapheme is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Glyph {
    /// Shown as itself.
    Text,
    /// A line break: ends the row, not drawn.
    Break,
    /// An invisible or control character shown as a substitute symbol.
    Substitute,
}

/// One grapheme cluster as drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell<'a> {
    /// Byte offset in the text.
    pub at: usize,
    /// Byte length in the text.
    pub len: usize,
    pub symbol: Cow<'a, str>,
    /// Columns taken (0 only for line breaks).
    pub width: u16,
    pub glyph: Glyph,
}

const HALFWIDTH_SOUND_MARKS: [char; 2] = ['\u{FF9E}', '\u{FF9F}'];

/// Columns a (non-control) grapheme takes, as ratatui's buffer counts them.
pub fn grapheme_width(g: &str) -> u16 {
    if g.len() == 1 {
        return 1;
    }
    let marks = g
        .chars()
        .filter(|c| HALFWIDTH_SOUND_MARKS.contains(c))
        .count();
    u16::try_from(g.width() + marks).unwrap_or(u16::MAX)
}

/// What grapheme `g` (at byte `at`) is drawn as, inline codes labelled by `chips`.
fn cell<'a>(at: usize, g: &'a str, chips: &Chips) -> Cell<'a> {
    let substitute = |s: String| Cell {
        at,
        len: g.len(),
        symbol: Cow::Owned(s),
        width: 1,
        glyph: Glyph::Substitute,
    };
    if g == "\n" || g == "\r\n" {
        return Cell {
            at,
            len: g.len(),
            symbol: Cow::Borrowed(""),
            width: 0,
            glyph: Glyph::Break,
        };
    }
    let mut chars = g.chars();
    let first = chars.next().unwrap_or(' ');
    if first.is_control() {
        let c = first as u32;
        let shown = match c {
            0..=0x1f => char::from_u32(0x2400 + c).unwrap_or('?'),
            0x7f => '\u{2421}',
            _ => '?',
        };
        return substitute(shown.to_string());
    }
    if let Some(n) =
        crate::document::units::placeholder_index(first).filter(|_| chars.as_str().is_empty())
    {
        // An inline code of a bilingual file: one chip, moved over and deleted whole.
        let chip = chips.chip(n);
        return Cell {
            at,
            len: g.len(),
            width: u16::try_from(chip.width()).unwrap_or(u16::MAX),
            symbol: Cow::Owned(chip),
            glyph: Glyph::Substitute,
        };
    }
    let width = grapheme_width(g);
    if width == 0 {
        // Zero-width space, joiners, a stray combining mark or BOM: make it visible.
        return substitute("\u{b7}".to_string());
    }
    Cell {
        at,
        len: g.len(),
        symbol: Cow::Borrowed(g),
        width,
        glyph: Glyph::Text,
    }
}

/// The cells of `text`, in order (inline codes as numbered chips: see [`Chips::cells`]).
pub fn cells(text: &str) -> impl Iterator<Item = Cell<'_>> {
    NO_CHIPS.cells(text)
}

/// Total display width of `text` on one row (line breaks count as nothing).
pub fn display_width(text: &str) -> usize {
    NO_CHIPS.display_width(text)
}

/// The labels of one unit's inline codes, by code number, fitted for chips: a chip shows
/// what its code is (`⟨g1⟩`, `⟨/g1⟩`, `⟨x2/⟩`, `⟨b⟩`, `⟨%s⟩`, `⟨{0}⟩`: a tag's angle
/// brackets become the chip's), at most [`Chips::MAX_LABEL`] columns of it. A code
/// without a label (a text, or a code number past the table) shows its number (`⟨3⟩`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Chips {
    labels: Vec<Box<str>>,
}

/// No labels: codes show their numbers.
pub static NO_CHIPS: Chips = Chips { labels: Vec::new() };

impl Chips {
    /// Columns of a label shown whole; a longer one is cut, ending with `…`.
    pub const MAX_LABEL: usize = 12;

    /// Chips for codes described by `displays` (what each code is, by code number).
    pub fn new<S: AsRef<str>>(displays: impl IntoIterator<Item = S>) -> Self {
        Chips {
            labels: displays
                .into_iter()
                .map(|d| fit_label(d.as_ref()).into_boxed_str())
                .collect(),
        }
    }

    /// What code number `n` is drawn as: its label (or number) between `⟨` and `⟩`.
    pub fn chip(&self, n: usize) -> String {
        match self.labels.get(n).filter(|l| !l.is_empty()) {
            Some(label) => format!("\u{27e8}{label}\u{27e9}"),
            None => format!("\u{27e8}{}\u{27e9}", n + 1),
        }
    }

    /// The cells of `text`, in order.
    pub fn cells<'a>(&'a self, text: &'a str) -> impl Iterator<Item = Cell<'a>> + 'a {
        text.grapheme_indices(true).map(|(at, g)| cell(at, g, self))
    }

    /// Total display width of `text` on one row (line breaks count as nothing).
    pub fn display_width(&self, text: &str) -> usize {
        self.cells(text).map(|c| usize::from(c.width)).sum()
    }

    /// [`wrap`] with these chips.
    pub fn wrap(&self, text: &str, width: u16) -> Vec<Range<usize>> {
        wrap_with(text, width, false, self)
    }

    /// [`wrap_flowing`] with these chips.
    pub fn wrap_flowing(&self, text: &str, width: u16) -> Vec<Range<usize>> {
        wrap_with(text, width, true, self)
    }

    /// [`locate`] with these chips.
    pub fn locate(&self, text: &str, rows: &[Range<usize>], at: usize) -> (usize, u16) {
        let mut row = rows.partition_point(|r| r.start <= at).saturating_sub(1);
        // Past the end of a row but before the next (inside a line break): stay on it.
        if row + 1 < rows.len() && at >= rows[row + 1].start {
            row += 1;
        }
        let r = &rows[row];
        let upto = at.clamp(r.start, r.end);
        let col = self.display_width(&text[r.start..upto]);
        (row, u16::try_from(col).unwrap_or(u16::MAX))
    }

    /// [`offset_at`] with these chips.
    pub fn offset_at(&self, text: &str, rows: &[Range<usize>], row: usize, col: u16) -> usize {
        let r = &rows[row.min(rows.len().saturating_sub(1))];
        let mut x: u16 = 0;
        for c in self.cells(&text[r.clone()]) {
            if x + c.width > col {
                return r.start + c.at;
            }
            x += c.width;
        }
        // The end of the row, before a hanging space if the row was wrapped there.
        let row_text = &text[r.clone()];
        let is_last = row + 1 >= rows.len();
        if !is_last && rows[row + 1].start == r.end && row_text.ends_with(char::is_whitespace) {
            return r.start + prev_boundary(row_text, row_text.len());
        }
        r.end
    }
}

/// A code's description as a chip's label: a tag without its angle brackets (the chip's
/// stand for them), only characters a terminal draws one or two columns wide, at most
/// [`Chips::MAX_LABEL`] columns.
fn fit_label(display: &str) -> String {
    let inner = display
        .strip_prefix('<')
        .and_then(|d| d.strip_suffix('>'))
        .filter(|d| !d.is_empty())
        .unwrap_or(display);
    let mut out = String::new();
    let mut used = 0;
    let mut chars = inner
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .filter_map(|c| match unicode_width::UnicodeWidthChar::width(c) {
            Some(w @ 1..=2) => Some((c, w)),
            _ => None,
        })
        .peekable();
    while let Some((c, w)) = chars.next() {
        let last = chars.peek().is_none();
        let room = if last {
            Chips::MAX_LABEL
        } else {
            Chips::MAX_LABEL - 1
        };
        if used + w > room {
            out.push('\u{2026}');
            break;
        }
        out.push(c);
        used += w;
    }
    out
}

/// Wraps `text` into rows no wider than `width` columns: at spaces where possible,
/// between wide (CJK) characters, and inside a word only when it alone is too long.
/// Each row is a byte range of `text` (a row's line break excluded). An empty text is
/// one empty row; a text ending in a line break ends with an empty row.
pub fn wrap(text: &str, width: u16) -> Vec<Range<usize>> {
    NO_CHIPS.wrap(text, width)
}

/// Like [`wrap`], but a line break is taken as a space (it hangs at the end of a row, or
/// takes a column): hard-wrapped running text shown flowing. Byte ranges are those of
/// `text`, breaks included.
pub fn wrap_flowing(text: &str, width: u16) -> Vec<Range<usize>> {
    NO_CHIPS.wrap_flowing(text, width)
}

fn wrap_with(text: &str, width: u16, flow: bool, chips: &Chips) -> Vec<Range<usize>> {
    let width = width.max(1);
    let mut rows = Vec::new();
    let mut row_start = 0;
    let mut col: u16 = 0;
    // A place to break: byte offset and the column reached there.
    let mut last_break: Option<(usize, u16)> = None;
    for mut c in chips.cells(text) {
        if flow && c.glyph == Glyph::Break {
            c.symbol = Cow::Borrowed(" ");
            c.width = 1;
            c.glyph = Glyph::Text;
        }
        if c.glyph == Glyph::Break {
            rows.push(row_start..c.at);
            row_start = c.at + c.len;
            col = 0;
            last_break = None;
            continue;
        }
        let is_space = c.symbol.chars().all(char::is_whitespace) && c.glyph == Glyph::Text;
        if col + c.width > width && col > 0 {
            if is_space {
                // A space that does not fit hangs at the end of the row.
                rows.push(row_start..c.at + c.len);
                row_start = c.at + c.len;
                col = 0;
                last_break = None;
                continue;
            }
            match last_break {
                Some((at, at_col)) if at > row_start => {
                    rows.push(row_start..at);
                    row_start = at;
                    col -= at_col;
                }
                _ => {
                    rows.push(row_start..c.at);
                    row_start = c.at;
                    col = 0;
                }
            }
            last_break = None;
            if col + c.width > width && col > 0 {
                rows.push(row_start..c.at);
                row_start = c.at;
                col = 0;
            }
        }
        if c.width >= 2 && col > 0 {
            last_break = Some((c.at, col));
        }
        col += c.width;
        if is_space || c.width >= 2 {
            last_break = Some((c.at + c.len, col));
        }
    }
    rows.push(row_start..text.len());
    rows
}

/// The row holding byte `at` and its column there. A position at a row boundary belongs to
/// the later row, except at the very end of a row that does not end in a line break or
/// a space (the end of the text).
pub fn locate(text: &str, rows: &[Range<usize>], at: usize) -> (usize, u16) {
    NO_CHIPS.locate(text, rows, at)
}

/// The byte offset in row `row` closest to column `col` (on a grapheme boundary).
pub fn offset_at(text: &str, rows: &[Range<usize>], row: usize, col: u16) -> usize {
    NO_CHIPS.offset_at(text, rows, row, col)
}

/// The grapheme boundary after `at`.
pub fn next_boundary(text: &str, at: usize) -> usize {
    let mut cursor = GraphemeCursor::new(at, text.len(), true);
    cursor
        .next_boundary(text, 0)
        .ok()
        .flatten()
        .unwrap_or(text.len())
}

/// The grapheme boundary before `at`.
pub fn prev_boundary(text: &str, at: usize) -> usize {
    let mut cursor = GraphemeCursor::new(at, text.len(), true);
    cursor.prev_boundary(text, 0).ok().flatten().unwrap_or(0)
}

/// Cuts `text` to at most `width` columns, ending with `…` when cut.
pub fn truncate(text: &str, width: usize) -> Cow<'_, str> {
    if display_width(text) <= width {
        return Cow::Borrowed(text);
    }
    if width == 0 {
        return Cow::Borrowed("");
    }
    let mut out = String::new();
    let mut used = 0;
    for c in cells(text) {
        if used + usize::from(c.width) + 1 > width {
            break;
        }
        used += usize::from(c.width);
        out.push_str(&c.symbol);
    }
    out.push('\u{2026}');
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str, width: u16) -> Vec<&str> {
        wrap(text, width).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn wraps_at_spaces() {
        assert_eq!(
            rows("a clear and clear network ecosystem", 12),
            ["a clear and ", "clear ", "network ", "ecosystem"]
        );
        assert_eq!(rows("exactly ten", 11), ["exactly ten"]);
        assert_eq!(rows("", 10), [""]);
    }

    #[test]
    fn long_words_are_cut() {
        assert_eq!(
            rows("Superlongwordhere ok", 8),
            ["Superlon", "gwordher", "e ok"]
        );
    }

    #[test]
    fn line_breaks_end_rows() {
        assert_eq!(rows("one\ntwo\r\nthree\n", 20), ["one", "two", "three", ""]);
    }

    #[test]
    fn cjk_takes_two_columns_and_breaks_anywhere() {
        let text = "网络强国建设新进展";
        assert_eq!(display_width(text), 18);
        assert_eq!(rows(text, 7), ["网络强", "国建设", "新进展"]);
        assert_eq!(rows("ab 网络强国", 6), ["ab 网", "络强国"]);
    }

    #[test]
    fn graphemes_are_never_split() {
        let family = "👩\u{200d}👩\u{200d}👧";
        assert_eq!(display_width(family), 2);
        let text = format!("cafe\u{301} {family}{family}");
        let r = rows(&text, 5);
        assert_eq!(r, ["cafe\u{301} ", &format!("{family}{family}")]);
    }

    #[test]
    fn invisible_and_control_characters_are_shown() {
        let c: Vec<(String, u16, Glyph)> = cells("a\tb\u{200b}\u{7}")
            .map(|c| (c.symbol.into_owned(), c.width, c.glyph))
            .collect();
        assert_eq!(
            c,
            [
                ("a".into(), 1, Glyph::Text),
                ("\u{2409}".into(), 1, Glyph::Substitute),
                ("b".into(), 1, Glyph::Text),
                ("\u{b7}".into(), 1, Glyph::Substitute),
                ("\u{2407}".into(), 1, Glyph::Substitute),
            ]
        );
    }

    #[test]
    fn inline_codes_are_chips_of_one_grapheme() {
        let text = "a\u{e000}b\u{e001}";
        let c: Vec<(usize, String, u16)> = cells(text)
            .map(|c| (c.at, c.symbol.into_owned(), c.width))
            .collect();
        assert_eq!(
            c,
            [
                (0, "a".into(), 1),
                (1, "\u{27e8}1\u{27e9}".into(), 3),
                (4, "b".into(), 1),
                (5, "\u{27e8}2\u{27e9}".into(), 3),
            ]
        );
        assert_eq!(
            next_boundary(text, 1),
            4,
            "a cursor moves over a code whole"
        );
        assert_eq!(display_width(text), 8);
    }

    #[test]
    fn chips_are_labelled_with_what_the_code_is() {
        let chips = Chips::new([
            "<g1>",
            "</g1>",
            "%s",
            "<span class=\"x-very-long\">",
            "网络强国网络强国",
        ]);
        let text = "\u{e000}a\u{e001}\u{e002}\u{e003}\u{e004}\u{e005}";
        let c: Vec<(String, u16)> = chips
            .cells(text)
            .map(|c| (c.symbol.into_owned(), c.width))
            .collect();
        assert_eq!(
            c,
            [
                ("\u{27e8}g1\u{27e9}".into(), 4),
                ("a".into(), 1),
                ("\u{27e8}/g1\u{27e9}".into(), 5),
                ("\u{27e8}%s\u{27e9}".into(), 4),
                // Cut to 12 columns, the cut marked.
                ("\u{27e8}span class=\u{2026}\u{27e9}".into(), 14),
                ("\u{27e8}网络强国网\u{2026}\u{27e9}".into(), 13),
                // Past the table: its number.
                ("\u{27e8}6\u{27e9}".into(), 3),
            ]
        );
        // Wrapping and cursor columns count the labels' widths; a chip is never split.
        let text = "ab \u{e000}cd \u{e001}";
        let rows: Vec<&str> = chips.wrap(text, 6).into_iter().map(|r| &text[r]).collect();
        assert_eq!(rows, ["ab ", "\u{e000}cd ", "\u{e001}"]);
        let r = chips.wrap(text, 6);
        assert_eq!(chips.locate(text, &r, 6), (1, 4));
        assert_eq!(
            chips.offset_at(text, &r, 1, 2),
            3,
            "inside the chip: before it"
        );
        assert_eq!(chips.offset_at(text, &r, 1, 4), 6);
        assert_eq!(
            next_boundary(text, 3),
            6,
            "a cursor moves over a chip whole"
        );
    }

    #[test]
    fn locating_positions() {
        let text = "one two three";
        let r = wrap(text, 8);
        assert_eq!(rows(text, 8), ["one two ", "three"]);
        assert_eq!(locate(text, &r, 0), (0, 0));
        assert_eq!(locate(text, &r, 4), (0, 4));
        assert_eq!(locate(text, &r, 8), (1, 0));
        assert_eq!(locate(text, &r, 13), (1, 5));
        assert_eq!(offset_at(text, &r, 1, 2), 10);
        assert_eq!(offset_at(text, &r, 1, 40), 13);
        // The end of a wrapped row is before its hanging space.
        assert_eq!(offset_at(text, &r, 0, 40), 7);
        let cjk = "网络强国";
        let r = wrap(cjk, 20);
        assert_eq!(locate(cjk, &r, 6), (0, 4));
        assert_eq!(offset_at(cjk, &r, 0, 3), 3);
        assert_eq!(offset_at(cjk, &r, 0, 4), 6);
        let lines = "ab\ncd";
        let r = wrap(lines, 20);
        assert_eq!(locate(lines, &r, 2), (0, 2));
        assert_eq!(locate(lines, &r, 3), (1, 0));
    }

    #[test]
    fn boundaries_and_truncation() {
        let text = "e\u{301}x";
        assert_eq!(next_boundary(text, 0), 3);
        assert_eq!(prev_boundary(text, 3), 0);
        assert_eq!(
            truncate("cyberspace-review.mt.txt", 10),
            "cyberspac\u{2026}"
        );
        assert_eq!(truncate("short", 10), "short");
        assert_eq!(truncate("网络强国", 5), "网络\u{2026}");
    }
}
