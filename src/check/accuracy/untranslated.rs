//! `accuracy.untranslated`: a target that is its source (left untranslated), or a run of
//! the source's script copied from the source into a target in another script — beyond
//! names and codes: in a CJK target a Latin run counts only with three or more words not
//! all capitalised (a name, an acronym, a product code stay as they are).

use super::script::{self, Script};
use crate::check::text::{in_spans, protected_spans};
use crate::check::{Category, Check, CheckInfo, Issue, ParagraphView, Severity};
use crate::document::units::is_private_use;

static INFO: CheckInfo = CheckInfo {
    id: "accuracy.untranslated",
    category: Category::Accuracy,
    severity: Severity::Error,
    summary: "a target identical to its source, or text copied from the source untranslated",
    example: "数字经济核心产业增加值… → “数字经济核心产业增加值…”",
};

#[derive(Debug, Clone, Copy)]
pub struct Untranslated;

/// The text without codes, spaces and punctuation, for comparing a target with its source.
fn letters(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars()
        .filter(|&c| script::is_alphanumeric(c) && !is_private_use(c))
}

/// Whether a text has anything to translate: a CJK character, or two words with letters.
fn translatable(text: &str) -> bool {
    text.chars().any(script::is_cjk)
        || crate::check::text::words(text)
            .iter()
            .filter(|w| w.text(text).chars().any(char::is_alphabetic))
            .count()
            >= 2
}

impl Check for Untranslated {
    fn info(&self) -> &'static CheckInfo {
        &INFO
    }

    fn supersedes(&self) -> &'static [&'static str] {
        &["garbled.source-script"]
    }

    fn check_paragraph(&self, para: &ParagraphView<'_>, out: &mut Vec<Issue>) {
        let Some(unit) = para.unit() else {
            return;
        };
        let source = unit.source();
        let target = para.text;
        if source.trim().is_empty() || target.trim().is_empty() {
            return;
        }
        let start = target.len() - target.trim_start().len();
        let end = target.trim_end().len();
        if letters(source).eq(letters(target)) && translatable(source) {
            out.push(Issue::new(
                &INFO,
                para.abs(start..end),
                "the target is its source: left untranslated",
            ));
            return;
        }
        let Some(from) = script::dominant(source) else {
            return;
        };
        let into = script::of_language(&para.ctx.target_lang).or_else(|| script::dominant(target));
        if into.is_none_or(|s| s == from) {
            return;
        }
        let protected = protected_spans(target);
        for run in runs(target, from) {
            if in_spans(&protected, run.start) {
                continue;
            }
            let text = &target[run.clone()];
            if from != Script::Cjk && !beyond_names(text) {
                continue;
            }
            let copied = if from == Script::Cjk {
                source.contains(text)
            } else {
                source.to_lowercase().contains(&text.to_lowercase())
            };
            if !copied {
                continue;
            }
            out.push(Issue::new(
                &INFO,
                para.abs(run),
                format!("“{text}” is copied from the source untranslated"),
            ));
        }
    }
}

/// Runs of `script` letters in `text`: CJK characters (with CJK punctuation between them),
/// or words of that script separated by spaces.
fn runs(text: &str, script: Script) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut run: Option<std::ops::Range<usize>> = None;
    let mut gap_end = 0;
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        let inside = script::script_of(c) == Some(script)
            || (run.is_some() && (c.is_alphanumeric() || c == '-' || c == '\''));
        if inside {
            match &mut run {
                Some(r) => r.end = end,
                None => run = Some(i..end),
            }
            gap_end = end;
        } else if run.is_some() && joins(c, script) && i == gap_end {
            gap_end = end;
        } else if let Some(r) = run.take() {
            out.push(r);
        }
    }
    out.extend(run);
    out
}

/// Characters that may sit inside a run of the script without ending it.
fn joins(c: char, script: Script) -> bool {
    match script {
        Script::Cjk => matches!(c, '，' | '、' | '·' | '・' | 'ー'),
        _ => c == ' ',
    }
}

/// Whether a copied Latin (or other alphabetic) run is more than names and codes: three
/// words or more, not all capitalised.
fn beyond_names(run: &str) -> bool {
    let words: Vec<&str> = run.split_whitespace().collect();
    words.len() >= 3
        && words
            .iter()
            .any(|w| w.chars().next().is_some_and(char::is_lowercase))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::{assert_silent_pairs, flagged_pair};

    #[test]
    fn flags_a_target_that_is_its_source() {
        let s = "数字经济核心产业增加值占GDP比重达到10%左右。";
        assert_eq!(flagged_pair(Untranslated, s, s), [s]);
        assert_eq!(
            flagged_pair(
                Untranslated,
                "The committee approved the budget.",
                "The committee approved the budget."
            ),
            ["The committee approved the budget."]
        );
    }

    #[test]
    fn flags_source_script_copied_into_the_target() {
        assert_eq!(
            flagged_pair(
                Untranslated,
                "他说，坚持稳中求进工作总基调。",
                "He said we must adhere to 稳中求进工作总基调."
            ),
            ["稳中求进工作总基调"]
        );
        let issues = crate::check::testing::run_units(
            Untranslated,
            &crate::document::units::BilingualFile::align(
                &crate::document::Document::from_str_named(
                    "s.txt",
                    "Keep the door closed at all times.\n",
                ),
                &crate::document::Document::from_str_named("t.txt", "请 keep the door closed 。\n"),
            )
            .unwrap(),
            "zh",
        );
        assert_eq!(issues.len(), 1, "{issues:?}");
    }

    #[test]
    fn silent_on_translations_names_codes_and_numbers() {
        assert_silent_pairs(
            Untranslated,
            &[
                ("数字中国建设取得新进展", "Digital China Makes New Progress"),
                ("2024", "2024"),
                ("GDP", "GDP"),
                ("iPhone 15", "iPhone 15"),
                (
                    "华为发布Mate 60 Pro手机。",
                    "Huawei released the Mate 60 Pro phone.",
                ),
                (
                    "访问 https://www.cac.gov.cn/ 了解。",
                    "See https://www.cac.gov.cn/.",
                ),
                // Chinese the source does not have is the garbled check's business.
                ("他说。", "He said 你好."),
            ],
        );
    }
}
