//! Unified diffs of whole texts, in the format `patch` and `git apply` accept.
//!
//! Lines end at a line feed only, as GNU diff, `patch` and `git apply` read them: a CRLF
//! line keeps its CR as the last byte of its content, and a carriage return inside a line
//! (an old Mac line break, or a stray CR) is part of that line.

use std::fmt::Write as _;

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
pub fn unified_diff(old: &str, new: &str, old_label: &str, new_label: &str) -> String {
    if old == new {
        return String::new();
    }
    unified_diff_of_lines(&split_lines(old), &split_lines(new), old_label, new_label)
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
    let groups = diff.grouped_ops(CONTEXT_LINES);
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
            HunkRange(first.old_range().start, last.old_range().end),
            HunkRange(first.new_range().start, last.new_range().end)
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
