//! The segment editor's text buffer: a string and a cursor that only ever stops between
//! grapheme clusters, with word moves, line and word deletion, paste and its own undo.
//! The search prompt uses it too, on one line.
//!
//! Line breaks are `\n` inside the buffer; whoever commits the text converts them to the
//! document's line ending.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use super::wrap::{self, next_boundary, prev_boundary};

/// An editing command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditCommand {
    /// Type a character.
    Insert(char),
    /// Paste text (line breaks normalised; on a single line they become spaces).
    Paste(String),
    /// Break the line (a space on a single line).
    Newline,
    /// Delete the grapheme before the cursor.
    DeleteBack,
    /// Delete the grapheme after the cursor.
    DeleteForward,
    /// Delete back to the start of the word (Ctrl-W).
    DeleteWordBack,
    /// Delete to the end of the word.
    DeleteWordForward,
    /// Delete back to the start of the line (Ctrl-U).
    DeleteToLineStart,
    /// Delete to the end of the line (Ctrl-K).
    DeleteToLineEnd,
    Left,
    Right,
    WordLeft,
    WordRight,
    LineStart,
    LineEnd,
    TextStart,
    TextEnd,
    /// Up one display row (needs the wrap width).
    Up,
    /// Down one display row.
    Down,
    Undo,
    Redo,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Group {
    Typing,
    Deleting,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Snapshot {
    text: String,
    cursor: usize,
}

/// A text being edited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextInput {
    text: String,
    /// Byte offset, always on a grapheme boundary.
    cursor: usize,
    multiline: bool,
    /// Column kept while moving up and down through rows of different lengths.
    goal_col: Option<u16>,
    undo: Vec<Snapshot>,
    redo: Vec<Snapshot>,
    group: Option<Group>,
    /// How the text's inline codes are drawn (their widths move the cursor up and down).
    chips: wrap::Chips,
}

fn normalize_breaks(text: &str, multiline: bool) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    if multiline {
        text
    } else {
        text.replace('\n', " ")
    }
}

impl TextInput {
    /// A buffer holding `text` (its `\r\n` read as line breaks), cursor at the end.
    pub fn new(text: &str, multiline: bool) -> Self {
        let text = normalize_breaks(text, multiline);
        TextInput {
            cursor: text.len(),
            text,
            multiline,
            goal_col: None,
            undo: Vec::new(),
            redo: Vec::new(),
            group: None,
            chips: wrap::Chips::default(),
        }
    }

    /// This input with its inline codes drawn as `chips` (a bilingual unit's target).
    pub fn with_chips(mut self, chips: wrap::Chips) -> Self {
        self.chips = chips;
        self
    }

    /// How the text's inline codes are drawn.
    pub fn chips(&self) -> &wrap::Chips {
        &self.chips
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// Moves the cursor to the grapheme boundary at or before `at`.
    pub fn set_cursor(&mut self, at: usize) {
        let at = at.min(self.text.len());
        self.cursor = if at == self.text.len() {
            at
        } else {
            self.text
                .grapheme_indices(true)
                .map(|(i, _)| i)
                .take_while(|&i| i <= at)
                .last()
                .unwrap_or(0)
        };
        self.group = None;
        self.goal_col = None;
    }

    /// Whether the buffer can undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    fn remember(&mut self, group: Option<Group>) {
        if group.is_none() || group != self.group {
            self.undo.push(Snapshot {
                text: self.text.clone(),
                cursor: self.cursor,
            });
            self.redo.clear();
        }
        self.group = group;
    }

    fn splice(&mut self, range: Range<usize>, with: &str, group: Option<Group>) -> bool {
        if range.is_empty() && with.is_empty() {
            return false;
        }
        self.remember(group);
        self.text.replace_range(range.clone(), with);
        self.cursor = range.start + with.len();
        true
    }

    fn word_left(&self) -> usize {
        self.text
            .unicode_word_indices()
            .map(|(at, _)| at)
            .take_while(|&at| at < self.cursor)
            .last()
            .unwrap_or(0)
    }

    fn word_right(&self) -> usize {
        self.text
            .unicode_word_indices()
            .map(|(at, w)| at + w.len())
            .find(|&end| end > self.cursor)
            .unwrap_or(self.text.len())
    }

    fn line_start(&self) -> usize {
        self.text[..self.cursor].rfind('\n').map_or(0, |i| i + 1)
    }

    fn line_end(&self) -> usize {
        self.text[self.cursor..]
            .find('\n')
            .map_or(self.text.len(), |i| self.cursor + i)
    }

    /// Carries out `cmd`; `width` is the wrap width (for up and down). Returns whether the
    /// text changed.
    pub fn apply(&mut self, cmd: EditCommand, width: u16) -> bool {
        if !matches!(cmd, EditCommand::Up | EditCommand::Down) {
            self.goal_col = None;
        }
        let c = self.cursor;
        match cmd {
            EditCommand::Insert(ch) => {
                let mut buf = [0u8; 4];
                let s: &str = if ch == '\r' || ch == '\n' {
                    if self.multiline { "\n" } else { " " }
                } else {
                    ch.encode_utf8(&mut buf)
                };
                // A word typed is one undo step.
                let group = if ch.is_whitespace() {
                    None
                } else {
                    Some(Group::Typing)
                };
                self.splice(c..c, s, group)
            }
            EditCommand::Paste(text) => {
                let text = normalize_breaks(&text, self.multiline);
                self.splice(c..c, &text, None)
            }
            EditCommand::Newline => {
                let s = if self.multiline { "\n" } else { " " };
                self.splice(c..c, s, None)
            }
            EditCommand::DeleteBack => {
                let from = prev_boundary(&self.text, c);
                self.splice(from..c, "", Some(Group::Deleting))
            }
            EditCommand::DeleteForward => {
                let to = next_boundary(&self.text, c);
                self.splice(c..to, "", Some(Group::Deleting))
            }
            EditCommand::DeleteWordBack => {
                let from = self.word_left();
                self.splice(from..c, "", None)
            }
            EditCommand::DeleteWordForward => {
                let to = self.word_right();
                self.splice(c..to, "", None)
            }
            EditCommand::DeleteToLineStart => {
                let from = self.line_start();
                self.splice(from..c, "", None)
            }
            EditCommand::DeleteToLineEnd => {
                let to = self.line_end();
                self.splice(c..to, "", None)
            }
            EditCommand::Undo => self.restore(true),
            EditCommand::Redo => self.restore(false),
            motion => {
                self.cursor = match motion {
                    EditCommand::Left => prev_boundary(&self.text, c),
                    EditCommand::Right => next_boundary(&self.text, c),
                    EditCommand::WordLeft => self.word_left(),
                    EditCommand::WordRight => self.word_right(),
                    EditCommand::LineStart => self.line_start(),
                    EditCommand::LineEnd => self.line_end(),
                    EditCommand::TextStart => 0,
                    EditCommand::TextEnd => self.text.len(),
                    EditCommand::Up | EditCommand::Down => {
                        self.vertical(matches!(motion, EditCommand::Down), width)
                    }
                    _ => c,
                };
                self.group = None;
                false
            }
        }
    }

    fn vertical(&mut self, down: bool, width: u16) -> usize {
        let rows = self.chips.wrap(&self.text, width);
        let (row, col) = self.chips.locate(&self.text, &rows, self.cursor);
        let goal = *self.goal_col.get_or_insert(col);
        let target = if down {
            if row + 1 >= rows.len() {
                return self.text.len();
            }
            row + 1
        } else {
            if row == 0 {
                return 0;
            }
            row - 1
        };
        self.chips.offset_at(&self.text, &rows, target, goal)
    }

    fn restore(&mut self, undo: bool) -> bool {
        let (from, to) = if undo {
            (&mut self.undo, &mut self.redo)
        } else {
            (&mut self.redo, &mut self.undo)
        };
        let Some(snap) = from.pop() else {
            return false;
        };
        to.push(Snapshot {
            text: std::mem::replace(&mut self.text, snap.text),
            cursor: self.cursor,
        });
        self.cursor = snap.cursor.min(self.text.len());
        self.group = None;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use EditCommand as E;

    fn run(text: &str, cursor: usize, cmds: &[EditCommand]) -> TextInput {
        let mut t = TextInput::new(text, true);
        t.set_cursor(cursor);
        for c in cmds {
            t.apply(c.clone(), 80);
        }
        t
    }

    /// The text with `|` at the cursor.
    fn shown(t: &TextInput) -> String {
        format!("{}|{}", &t.text()[..t.cursor()], &t.text()[t.cursor()..])
    }

    #[test]
    fn decomposed_accent_is_one_step() {
        let t = run("cafe\u{301}", 6, &[E::Left]);
        assert_eq!(shown(&t), "caf|e\u{301}");
        let t = run("cafe\u{301}", 6, &[E::DeleteBack]);
        assert_eq!(t.text(), "caf");
        let t = run("cafe\u{301}!", 3, &[E::DeleteForward]);
        assert_eq!(t.text(), "caf!");
    }

    #[test]
    fn zwj_family_is_one_step() {
        let family = "👩\u{200d}👩\u{200d}👧";
        let text = format!("a{family}b");
        let end = text.len();
        let t = run(&text, end, &[E::Left, E::Left]);
        assert_eq!(t.cursor(), 1);
        let t = run(&text, 1, &[E::DeleteForward]);
        assert_eq!(t.text(), "ab");
        let t = run(&text, end - 1, &[E::DeleteBack]);
        assert_eq!(t.text(), "ab");
    }

    #[test]
    fn devanagari_cluster_is_one_step() {
        let text = "\u{915}\u{94d}\u{937}\u{93f}"; // क्षि
        let t = run(text, text.len(), &[E::Left]);
        assert!(t.text().is_char_boundary(t.cursor()));
        assert!(t.cursor() < text.len());
        let t = run(text, text.len(), &[E::Left, E::Left, E::Left, E::Left]);
        assert_eq!(t.cursor(), 0);
    }

    #[test]
    fn word_moves_and_deletes() {
        let text = "a clear and clear network";
        let t = run(text, 0, &[E::WordRight, E::WordRight]);
        assert_eq!(shown(&t), "a clear| and clear network");
        let t = run(text, text.len(), &[E::WordLeft, E::WordLeft]);
        assert_eq!(shown(&t), "a clear and |clear network");
        let t = run(text, 17, &[E::DeleteWordBack]);
        assert_eq!(shown(&t), "a clear and | network");
        let t = run(text, 7, &[E::DeleteWordForward]);
        assert_eq!(shown(&t), "a clear| clear network");
        let t = run("网络强国", 12, &[E::WordLeft]);
        assert!(t.cursor() < 12 && t.cursor().is_multiple_of(3));
    }

    #[test]
    fn lines_home_end_and_kills() {
        let text = "first line\nsecond line";
        let t = run(text, 14, &[E::LineStart]);
        assert_eq!(shown(&t), "first line\n|second line");
        let t = run(text, 14, &[E::LineEnd]);
        assert_eq!(t.cursor(), text.len());
        let t = run(text, 14, &[E::DeleteToLineStart]);
        assert_eq!(shown(&t), "first line\n|ond line");
        let t = run(text, 3, &[E::DeleteToLineEnd]);
        assert_eq!(shown(&t), "fir|\nsecond line");
        let t = run(text, 3, &[E::TextEnd, E::TextStart]);
        assert_eq!(t.cursor(), 0);
    }

    #[test]
    fn up_and_down_keep_the_column() {
        let text = "abcdef\nab\nabcdef";
        let mut t = run(text, 5, &[E::Down]);
        assert_eq!(shown(&t), "abcdef\nab|\nabcdef");
        t.apply(E::Down, 80);
        assert_eq!(shown(&t), "abcdef\nab\nabcde|f");
        t.apply(E::Up, 80);
        t.apply(E::Up, 80);
        assert_eq!(t.cursor(), 5);
        t.apply(E::Up, 80);
        assert_eq!(t.cursor(), 0);
        // Through wrapped rows.
        let mut t = TextInput::new("one two three four", true);
        t.set_cursor(1);
        t.apply(E::Down, 8);
        assert_eq!(shown(&t), "one two t|hree four");
    }

    #[test]
    fn paste_and_newlines() {
        let t = run("ab", 1, &[E::Paste("x\r\ny\rz".into()), E::Newline]);
        assert_eq!(shown(&t), "ax\ny\nz\n|b");
        let mut single = TextInput::new("q", false);
        single.apply(E::Paste("a\nb".into()), 80);
        single.apply(E::Newline, 80);
        assert_eq!(single.text(), "qa b ");
        assert_eq!(TextInput::new("x\r\ny", true).text(), "x\ny");
    }

    #[test]
    fn undo_goes_word_by_word() {
        let mut t = TextInput::new("", true);
        for c in "one two".chars() {
            t.apply(E::Insert(c), 80);
        }
        t.apply(E::DeleteBack, 80);
        t.apply(E::DeleteBack, 80);
        assert_eq!(t.text(), "one t");
        t.apply(E::Undo, 80);
        assert_eq!(t.text(), "one two");
        t.apply(E::Undo, 80);
        assert_eq!(t.text(), "one ");
        t.apply(E::Undo, 80);
        assert_eq!(t.text(), "one");
        t.apply(E::Undo, 80);
        assert_eq!(t.text(), "");
        assert!(!t.can_undo());
        t.apply(E::Redo, 80);
        t.apply(E::Redo, 80);
        assert_eq!(t.text(), "one ");
        assert_eq!(t.cursor(), 4);
    }

    #[test]
    fn cursor_is_snapped_to_graphemes() {
        let mut t = TextInput::new("e\u{301}x", true);
        t.set_cursor(2);
        assert_eq!(t.cursor(), 0);
        t.set_cursor(99);
        assert_eq!(t.cursor(), 4);
    }
}
