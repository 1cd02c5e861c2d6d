//! Style and readability: matters of house style rather than errors (very long sentences,
//! the serial comma). Off by default; selected with `mtpe check --enable <id>` (see
//! [`registry::optional_checks`](super::registry::optional_checks)).

pub mod harper;
pub mod long_sentence;
pub mod oxford_comma;

use crate::check::{CheckInfo, Issue, ParagraphView};

/// Adds an issue of `info` for each of harper's lints of the `rules` in the paragraph.
pub(crate) fn harper_issues(
    info: &'static CheckInfo,
    rules: &[&str],
    para: &ParagraphView<'_>,
    out: &mut Vec<Issue>,
) {
    let lints = harper::lints(para.text);
    for rule in rules {
        for lint in lints.get(*rule).into_iter().flatten() {
            if lint.span.is_empty() {
                continue;
            }
            let mut issue = Issue::new(info, para.abs(lint.span.clone()), lint.message.clone());
            for s in &lint.suggestions {
                issue = issue.suggest(s.clone());
            }
            out.push(issue);
        }
    }
}
