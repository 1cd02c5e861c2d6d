//! `repetition.duplicate-line`: a line repeated in the next line or a few lines later
//! (duplicated headlines), also when case or spacing differ.

use std::hash::{Hash, Hasher};

use crate::check::{Category, Check, CheckContext, CheckInfo, Issue, Scope, Severity};

static INFO: CheckInfo = CheckInfo {
    id: "repetition.duplicate-line",
    category: Category::Repetition,
    severity: Severity::Warning,
    summary: "a line repeated in the next line or a few lines later",
    example: "a headline printed twice in a row",
};

/// How many non-blank lines back a repetition is looked for.
const WINDOW: usize = 5;
/// Lines with fewer letters than this are not compared ("Yes.", "* * *").
const MIN_LETTERS: usize = 10;

#[derive(Debug, Clone, Copy)]
pub struct DuplicateLine;

impl Check for DuplicateLine {
    fn info(&self) -> &'static CheckInfo {
        &INFO
    }

    fn scope(&self) -> Scope {
        Scope::Document
    }

    fn check_document(&self, ctx: &CheckContext<'_>, out: &mut Vec<Issue>) {
        let doc = ctx.doc;
        let text = doc.text();
        // Recent non-blank prose lines: (hash, byte range, 0-based line).
        let mut recent: std::collections::VecDeque<(u64, std::ops::Range<usize>, usize)> =
            std::collections::VecDeque::with_capacity(WINDOW);
        for (_, para) in ctx.prose_paragraphs() {
            for line in para.lines.clone() {
                let range = trimmed_range(text, doc.line_range(line));
                let content = &text[range.clone()];
                if content.is_empty() {
                    continue;
                }
                let Some(hash) = normalized_hash(content) else {
                    continue;
                };
                let earlier = recent
                    .iter()
                    .find(|(h, r, _)| *h == hash && normalized_eq(&text[r.clone()], content));
                if let Some((_, first, first_line)) = earlier {
                    let message = if *first_line + 1 == line {
                        "this line repeats the line before it".to_string()
                    } else {
                        format!("this line repeats line {}", first_line + 1)
                    };
                    out.push(
                        Issue::new(&INFO, range.clone(), message)
                            .suggest("")
                            .with_related(first.clone()),
                    );
                }
                if recent.len() == WINDOW {
                    recent.pop_front();
                }
                recent.push_back((hash, range, line));
            }
        }
    }
}

fn trimmed_range(text: &str, r: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let s = &text[r.clone()];
    let start = r.start + (s.len() - s.trim_start().len());
    let end = r.end - (s.len() - s.trim_end().len());
    start..end.max(start)
}

/// The comparison form of a line: lower case, runs of whitespace as one space, final
/// sentence punctuation dropped.
fn normalized(line: &str) -> impl Iterator<Item = char> + '_ {
    let body = line
        .trim()
        .trim_end_matches(['.', '!', '?', ':', ';', '。']);
    let mut prev_space = false;
    body.chars()
        .flat_map(char::to_lowercase)
        .filter_map(move |c| {
            if c.is_whitespace() {
                if prev_space {
                    return None;
                }
                prev_space = true;
                Some(' ')
            } else {
                prev_space = false;
                Some(c)
            }
        })
}

/// Hash of the normalized line, or `None` when the line is too short to compare.
fn normalized_hash(line: &str) -> Option<u64> {
    if line
        .chars()
        .filter(|c| c.is_alphabetic())
        .take(MIN_LETTERS)
        .count()
        < MIN_LETTERS
    {
        return None;
    }
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for c in normalized(line) {
        c.hash(&mut h);
    }
    Some(h.finish())
}

fn normalized_eq(a: &str, b: &str) -> bool {
    normalized(a).eq(normalized(b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::{assert_silent, flagged, run};

    #[test]
    fn flags_repeated_headlines() {
        let text = "Micro Video | Strengthening the Country\nMicro Video | Strengthening the Country\n\nBody text follows here.\n";
        assert_eq!(
            flagged(DuplicateLine, text),
            ["Micro Video | Strengthening the Country"]
        );
        let issues = run(DuplicateLine, text);
        assert_eq!(issues[0].span.start, 40);
        assert_eq!(issues[0].related, vec![0..39_usize]);
        assert_eq!(issues[0].suggestions, [""]);
    }

    #[test]
    fn tolerates_case_space_and_final_stop() {
        let text =
            "The overall stable operation of prices\n\nthe  overall stable OPERATION of prices.\n";
        assert_eq!(flagged(DuplicateLine, text).len(), 1);
        let issues = run(DuplicateLine, text);
        assert_eq!(issues[0].message, "this line repeats line 1");
    }

    #[test]
    fn looks_only_a_few_lines_back() {
        let mut text = String::from("A repeated line of some length\n");
        for i in 0..6 {
            text.push_str(&format!("Filler paragraph number {i} here.\n"));
        }
        text.push_str("A repeated line of some length\n");
        assert!(flagged(DuplicateLine, &text).is_empty());
    }

    #[test]
    fn leaves_short_and_distinct_lines_alone() {
        assert_silent(
            DuplicateLine,
            &[
                "Yes.\nYes.\n",
                "* * *\n\n* * *\n",
                "First line of the text.\nSecond line of the text.\n",
                "",
            ],
        );
    }

    #[test]
    fn ignores_code_blocks_in_markdown() {
        let issues = crate::check::testing::run_named(
            DuplicateLine,
            "a.md",
            "```\nprintln!(\"hello world\");\nprintln!(\"hello world\");\n```\n",
        );
        assert!(issues.is_empty());
    }
}
