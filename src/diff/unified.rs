//! Unified diffs of whole texts, in the format `patch` and `git apply` accept.
//!
//! Lines end at a line feed only, as GNU diff, `patch` and `git apply` read them: a CRLF
//! line keeps its CR as the last byte of its content, and a carriage return inside a line
//! (an old Mac line break, or a stray CR) is part of that line.

use std::fmt::Write as _;
use std::ops::Range;

use similar::{DiffOp, TextDiff};

/// Lines of context around each change.
pub const CONTEXT_LINES: usize = 3;

/// The lines of `text` as the unified diff counts them: each up to and including a line
/// feed, the last one without it when the text does not end with one.
pub fn split_lines(text: &str) -> Vec<&str> {
    text.split_inclusive('\n').collect()
}

/// A unified diff from `old` to `new`, with `---`/`+++` headers naming `old_label` and
/// `new_label`. Empty when the texts are equal. A missing final newline is marked the way
/// GNU diff marks it, and CRLF line endings are kept in the diff lines.
///
/// Only the changed stretch and some context are split into lines and compared (the lines
/// before it are only counted): saving one edit of a large file diffs a few lines, not the
/// file. The diff is the one of the whole texts: a change can slide along equal lines
/// (the diff puts it as low as they allow), so the context is widened until the diff of
/// the window has its full context inside it.
pub fn unified_diff(old: &str, new: &str, old_label: &str, new_label: &str) -> String {
    if old == new {
        return String::new();
    }
    let mut context = 2 * CONTEXT_LINES;
    loop {
        let w = Window::of(old, new, context);
        let (old_lines, new_lines) = (
            split_lines(&old[w.old.clone()]),
            split_lines(&new[w.new.clone()]),
        );
        let diff = TextDiff::configure().diff_slices(&old_lines, &new_lines);
        let equal = |op: Option<&DiffOp>| match op {
            Some(DiffOp::Equal { len, .. }) => *len,
            _ => 0,
        };
        let whole_start = w.old.start == 0;
        let whole_end = w.old.end == old.len() && w.new.end == new.len();
        if (whole_start || equal(diff.ops().first()) >= CONTEXT_LINES)
            && (whole_end || equal(diff.ops().last()) >= CONTEXT_LINES)
        {
            return hunks(
                diff.ops(),
                &old_lines,
                &new_lines,
                w.first_line,
                old_label,
                new_label,
            );
        }
        context = context.saturating_mul(8);
    }
}

/// The part of two texts a diff needs: the lines from the first that differs to the last
/// that differs (the same number of lines before and after it being equal in both), with
/// `context` lines either side.
struct Window {
    old: Range<usize>,
    new: Range<usize>,
    /// Lines before the window (the same in both texts).
    first_line: usize,
}

impl Window {
    fn of(old: &str, new: &str, context: usize) -> Window {
        let (o, n) = (old.as_bytes(), new.as_bytes());
        // Whole lines equal at the start: those within the bytes both start with.
        let same = common_prefix(o, n);
        let start = o[..same]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        // Whole lines equal at the end, after `start`: a line of the bytes both end with
        // that starts a line in both.
        let same_end = common_suffix(&o[start..], &n[start..]);
        let starts_line = |t: &[u8], d: usize| d == t.len() - start || t[t.len() - d - 1] == b'\n';
        let tail = if same_end == 0 || starts_line(o, same_end) && starts_line(n, same_end) {
            same_end
        } else {
            let from = o.len() - same_end;
            o[from..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(0, |i| o.len() - from - i - 1)
        };
        let context_start = lines_back(old, start, context);
        let context_end = lines_forward(old, o.len() - tail, context) - (o.len() - tail);
        Window {
            old: context_start..o.len() - tail + context_end,
            new: context_start..n.len() - tail + context_end,
            first_line: o[..context_start].iter().filter(|&&b| b == b'\n').count(),
        }
    }
}

/// Bytes compared at a time (equal runs compare as slices, at memory speed).
const CHUNK: usize = 256;

/// How many bytes `a` and `b` start with in common.
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    let n = a.len().min(b.len());
    let mut i = 0;
    while i + CHUNK <= n && a[i..i + CHUNK] == b[i..i + CHUNK] {
        i += CHUNK;
    }
    while i < n && a[i] == b[i] {
        i += 1;
    }
    i
}

/// How many bytes `a` and `b` end with in common.
fn common_suffix(a: &[u8], b: &[u8]) -> usize {
    let n = a.len().min(b.len());
    let (a, b) = (&a[a.len() - n..], &b[b.len() - n..]);
    let mut i = 0;
    while i + CHUNK <= n && a[n - i - CHUNK..n - i] == b[n - i - CHUNK..n - i] {
        i += CHUNK;
    }
    while i < n && a[n - i - 1] == b[n - i - 1] {
        i += 1;
    }
    i
}

/// The start of the `count` lines before offset `at` (a line start), or of as many as
/// there are.
fn lines_back(text: &str, mut at: usize, count: usize) -> usize {
    let bytes = text.as_bytes();
    for _ in 0..count {
        if at == 0 {
            break;
        }
        at = bytes[..at - 1]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
    }
    at
}

/// The end of the `count` lines from offset `at` (a line start), or of as many as there
/// are.
fn lines_forward(text: &str, mut at: usize, count: usize) -> usize {
    for _ in 0..count {
        if at == text.len() {
            break;
        }
        at = text[at..].find('\n').map_or(text.len(), |i| at + i + 1);
    }
    at
}

/// [`unified_diff`] of two texts already split into lines, each with its line feed (as
/// [`split_lines`] splits them), for callers that build only some lines.
pub fn unified_diff_of_lines(
    old: &[&str],
    new: &[&str],
    old_label: &str,
    new_label: &str,
) -> String {
    let diff = TextDiff::configure().diff_slices(old, new);
    hunks(diff.ops(), old, new, 0, old_label, new_label)
}

/// The unified diff of lines (after `first_line` lines equal in both texts: hunks are
/// numbered in the whole texts) whose diff is `ops`.
fn hunks(
    ops: &[DiffOp],
    old: &[&str],
    new: &[&str],
    first_line: usize,
    old_label: &str,
    new_label: &str,
) -> String {
    let groups = similar::group_diff_ops(ops.to_vec(), CONTEXT_LINES);
    let mut out = String::new();
    if groups.is_empty() {
        return out;
    }
    let _ = writeln!(out, "--- {}", header_label(old_label));
    let _ = writeln!(out, "+++ {}", header_label(new_label));
    for group in &groups {
        let (Some(first), Some(last)) = (group.first(), group.last()) else {
            continue;
        };
        let _ = writeln!(
            out,
            "@@ -{} +{} @@",
            HunkRange(
                first_line + first.old_range().start,
                first_line + last.old_range().end
            ),
            HunkRange(
                first_line + first.new_range().start,
                first_line + last.new_range().end
            )
        );
        for op in group {
            let (old_range, new_range) = (op.old_range(), op.new_range());
            match op {
                DiffOp::Equal { .. } => push_lines(&mut out, ' ', &old[old_range]),
                DiffOp::Delete { .. } => push_lines(&mut out, '-', &old[old_range]),
                DiffOp::Insert { .. } => push_lines(&mut out, '+', &new[new_range]),
                DiffOp::Replace { .. } => {
                    push_lines(&mut out, '-', &old[old_range]);
                    push_lines(&mut out, '+', &new[new_range]);
                }
            }
        }
    }
    out
}

/// Writes diff lines; a line without a line feed (the last of a text) is followed by GNU
/// diff's marker, even when it ends with a carriage return.
fn push_lines(out: &mut String, tag: char, lines: &[&str]) {
    for line in lines {
        out.push(tag);
        out.push_str(line);
        if !line.ends_with('\n') {
            out.push_str("\n\\ No newline at end of file\n");
        }
    }
}

/// A hunk's line range as GNU diff writes it: `start,len`, `start` alone for one line, and
/// for no line the line before the hunk (`3,0`).
struct HunkRange(usize, usize);

impl std::fmt::Display for HunkRange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let len = self.1.saturating_sub(self.0);
        match len {
            0 => write!(f, "{},0", self.0),
            1 => write!(f, "{}", self.0 + 1),
            _ => write!(f, "{},{}", self.0 + 1, len),
        }
    }
}

/// A file name for a `---`/`+++` line that `patch` and `git apply` read back whole.
///
/// Both read a name up to a tab, and without one GNU patch stops at the first space: a name
/// with whitespace is followed by a tab (GNU diff puts its timestamp there). A name with a
/// quote, backslash or control character is written in double quotes with C escapes, as
/// GNU diff and git write it, and both read it back.
pub fn header_label(label: &str) -> String {
    let needs_quotes = label
        .chars()
        .any(|c| c == '"' || c == '\\' || c.is_control());
    if needs_quotes {
        let mut quoted = String::with_capacity(label.len() + 3);
        quoted.push('"');
        for c in label.chars() {
            match c {
                '"' => quoted.push_str("\\\""),
                '\\' => quoted.push_str("\\\\"),
                '\t' => quoted.push_str("\\t"),
                '\n' => quoted.push_str("\\n"),
                '\r' => quoted.push_str("\\r"),
                c if c.is_control() => {
                    let mut buf = [0; 4];
                    for b in c.encode_utf8(&mut buf).bytes() {
                        quoted.push_str(&format!("\\{b:03o}"));
                    }
                }
                c => quoted.push(c),
            }
        }
        quoted.push_str("\"\t");
        quoted
    } else if label.chars().any(char::is_whitespace) {
        format!("{label}\t")
    } else {
        label.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_texts_give_no_diff() {
        assert_eq!(unified_diff("a\n", "a\n", "a", "b"), "");
    }

    #[test]
    fn marks_changed_lines() {
        let d = unified_diff("one\ntwo\nthree\n", "one\n2\nthree\n", "a.txt", "b.txt");
        assert_eq!(
            d,
            "--- a.txt\n+++ b.txt\n@@ -1,3 +1,3 @@\n one\n-two\n+2\n three\n"
        );
    }

    #[test]
    fn marks_missing_final_newline() {
        let d = unified_diff("a\nb", "a\nc", "x", "y");
        assert!(
            d.contains("-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n"),
            "{d}"
        );
    }

    #[test]
    fn hunk_ranges_as_gnu_diff_writes_them() {
        assert_eq!(
            unified_diff("", "new\n", "a", "b"),
            "--- a\n+++ b\n@@ -0,0 +1 @@\n+new\n"
        );
        assert_eq!(
            unified_diff("old\n", "", "a", "b"),
            "--- a\n+++ b\n@@ -1 +0,0 @@\n-old\n"
        );
        let long: String = (1..=10).map(|i| format!("{i}\n")).collect();
        let edited = long.replace("8\n", "");
        assert_eq!(
            unified_diff(&long, &edited, "a", "b"),
            "--- a\n+++ b\n@@ -5,6 +5,5 @@\n 5\n 6\n 7\n-8\n 9\n 10\n"
        );
    }

    #[test]
    fn a_carriage_return_inside_a_line_is_part_of_it() {
        let d = unified_diff(
            "Title\rSubtitle\nBody text.\n",
            "Title\rSubtitle\nBody text, edited.\n",
            "a",
            "b",
        );
        assert_eq!(
            d,
            "--- a\n+++ b\n@@ -1,2 +1,2 @@\n Title\rSubtitle\n-Body text.\n+Body text, edited.\n"
        );
        assert_eq!(
            unified_diff("a\rb\nc\n", "a\nb\nc\n", "a", "b"),
            "--- a\n+++ b\n@@ -1,2 +1,3 @@\n-a\rb\n+a\n+b\n c\n"
        );
        // A last line ending in a lone CR has no line feed: GNU diff marks it.
        assert_eq!(
            unified_diff("x\r", "y\r", "a", "b"),
            "--- a\n+++ b\n@@ -1 +1 @@\n-x\r\n\\ No newline at end of file\n+y\r\n\\ No newline at end of file\n"
        );
        assert_eq!(
            unified_diff("a\r\nb\r\n", "a\r\nc\r\n", "a", "b"),
            "--- a\n+++ b\n@@ -1,2 +1,2 @@\n a\r\n-b\r\n+c\r\n"
        );
    }

    /// The windowed diff is the diff of the whole texts, whatever they are and wherever
    /// they differ (few distinct lines, so that a change could slide along equal ones).
    #[test]
    fn the_diff_of_the_changed_stretch_is_the_diff_of_the_whole_texts() {
        const PIECES: &[&str] = &["a\n", "b\n", "a", "\n", "\r\n", "b b\n", "\u{4e2d}\n", "c"];
        let mut rng = crate::testing::Rng(0x9e37_79b9_7f4a_7c15);
        let text = |rng: &mut crate::testing::Rng, most: usize| -> String {
            (0..rng.below(most + 1))
                .map(|_| PIECES[rng.below(PIECES.len())])
                .collect()
        };
        for round in 0..4000 {
            let old = text(&mut rng, 40);
            // The new text: the old one with a few stretches replaced.
            let mut new = old.clone();
            for _ in 0..=rng.below(3) {
                let cuts: Vec<usize> = (0..=new.len())
                    .filter(|&i| new.is_char_boundary(i))
                    .collect();
                let a = cuts[rng.below(cuts.len())];
                let b = cuts[rng.below(cuts.len())];
                let (a, b) = (a.min(b), a.max(b).min(a + 6));
                let b = (b..=new.len())
                    .find(|&i| new.is_char_boundary(i))
                    .unwrap_or(new.len());
                let insert = text(&mut rng, 3);
                new.replace_range(a..b, &insert);
            }
            let whole = if old == new {
                String::new()
            } else {
                unified_diff_of_lines(&split_lines(&old), &split_lines(&new), "a", "b")
            };
            assert_eq!(
                unified_diff(&old, &new, "a", "b"),
                whole,
                "round {round}: {old:?} -> {new:?}"
            );
        }
    }

    #[test]
    fn one_edit_in_a_long_text_is_numbered_in_the_whole_text() {
        let old: String = (1..=100_000).map(|i| format!("line {i}\n")).collect();
        let new = old.replace("line 70000\n", "line 70000, edited\n");
        assert_eq!(
            unified_diff(&old, &new, "a", "b"),
            "--- a\n+++ b\n@@ -69997,7 +69997,7 @@\n line 69997\n line 69998\n line 69999\n-line 70000\n+line 70000, edited\n line 70001\n line 70002\n line 70003\n"
        );
    }

    #[test]
    fn labels_with_whitespace_end_at_a_tab() {
        assert_eq!(header_label("a/doc.txt"), "a/doc.txt");
        assert_eq!(header_label("my file.txt"), "my file.txt\t");
        assert_eq!(header_label("say \"hi\".txt"), "\"say \\\"hi\\\".txt\"\t");
        assert_eq!(header_label("tab\there"), "\"tab\\there\"\t");
        let d = unified_diff("a\n", "b\n", "my file.txt", "my file2.txt");
        assert!(
            d.starts_with("--- my file.txt\t\n+++ my file2.txt\t\n@@ "),
            "{d}"
        );
    }
}
