//! `style.oxford-comma`: a list of three or more items without a comma before its "and" or
//! "or" ("red, white and blue"), by harper-core's rule. A house-style choice, so off by
//! default.

use crate::check::{Category, Check, CheckInfo, Issue, ParagraphView, Severity};

/// Harper's rules this check reports.
pub const RULES: &[&str] = &["OxfordComma"];

static INFO: CheckInfo = CheckInfo {
    id: "style.oxford-comma",
    category: Category::Style,
    severity: Severity::Info,
    summary: "no serial comma before the last item of a list (off by default)",
    example: "They bought apples, pears and plums.",
};

#[derive(Debug, Clone, Copy)]
pub struct OxfordComma;

impl Check for OxfordComma {
    fn info(&self) -> &'static CheckInfo {
        &INFO
    }

    fn check_paragraph(&self, para: &ParagraphView<'_>, out: &mut Vec<Issue>) {
        if para.text.contains(',') {
            super::harper_issues(&INFO, RULES, para, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::{assert_silent, run};

    #[test]
    fn flags_a_list_without_a_serial_comma() {
        assert_eq!(
            run(OxfordComma, "They bought apples, pears and plums.\n").len(),
            1
        );
    }

    #[test]
    fn is_silent_with_a_serial_comma() {
        assert_silent(
            OxfordComma,
            &[
                "They bought apples, pears, and plums.\n",
                "Tea and coffee.\n",
            ],
        );
    }
}
