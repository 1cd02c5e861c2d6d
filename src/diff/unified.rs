//! Unified diffs of whole texts, in the format `patch` and `git apply` accept.

use similar::{DiffableStr, TextDiff};

/// Lines of context around each change.
pub const CONTEXT_LINES: usize = 3;

/// A unified diff from `old` to `new`, with `---`/`+++` headers naming `old_label` and
/// `new_label`. Empty when the texts are equal. A missing final newline is marked the way
/// GNU diff marks it, and CRLF line endings are kept in the diff lines.
pub fn unified_diff(old: &str, new: &str, old_label: &str, new_label: &str) -> String {
    if old == new {
        return String::new();
    }
    unified_diff_of_lines(
        &old.tokenize_lines(),
        &new.tokenize_lines(),
        old_label,
        new_label,
    )
}

/// [`unified_diff`] of two texts already split into lines, each with its line ending (as
/// [`DiffableStr::tokenize_lines`] splits them), for callers that build only some lines.
pub fn unified_diff_of_lines(
    old: &[&str],
    new: &[&str],
    old_label: &str,
    new_label: &str,
) -> String {
    TextDiff::configure()
        .newline_terminated(true)
        .diff_slices(old, new)
        .unified_diff()
        .context_radius(CONTEXT_LINES)
        .missing_newline_hint(true)
        .header(old_label, new_label)
        .to_string()
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
}
