//! `markup.tags`: a target's inline codes or placeholders missing, added, duplicated, or
//! paired illegally (closed before opened, overlapping) compared with its source's. Codes
//! and pairs may move: word order changes in translation.

use crate::check::{Category, Check, CheckInfo, Issue, ParagraphView, Severity};
use crate::document::units::{CodeProblem, compare_codes};

static INFO: CheckInfo = CheckInfo {
    id: "markup.tags",
    category: Category::Markup,
    severity: Severity::Error,
    summary: "an inline code or placeholder of the source missing, added, duplicated or misordered in the target",
    example: "source “共 %d 条” → target “%s items”",
};

#[derive(Debug, Clone, Copy)]
pub struct Tags;

impl Check for Tags {
    fn info(&self) -> &'static CheckInfo {
        &INFO
    }

    fn check_paragraph(&self, para: &ParagraphView<'_>, out: &mut Vec<Issue>) {
        let Some(unit) = para.unit() else {
            return;
        };
        if !unit.has_source() {
            return;
        }
        let source = unit.source_codes();
        let target = unit.target_codes(para.text);
        if source.is_empty() && target.is_empty() {
            return;
        }
        for problem in compare_codes(&source, &target) {
            let issue = match problem {
                CodeProblem::Missing { source: i } => {
                    let code = &source[i];
                    Issue::in_source(
                        &INFO,
                        unit.index,
                        code.range.clone(),
                        format!("the source's {} is missing from the target", code.label),
                    )
                }
                CodeProblem::Added { target: i } => {
                    let code = &target[i];
                    Issue::new(
                        &INFO,
                        para.abs(code.range.clone()),
                        format!("{} is not in the source", code.label),
                    )
                    .suggest("")
                }
                CodeProblem::Duplicated { target: i } => {
                    let code = &target[i];
                    Issue::new(
                        &INFO,
                        para.abs(code.range.clone()),
                        format!("{} occurs more often than in the source", code.label),
                    )
                    .suggest("")
                }
                CodeProblem::Unpaired { target: i } => {
                    let code = &target[i];
                    Issue::new(
                        &INFO,
                        para.abs(code.range.clone()),
                        format!(
                            "{} is not paired as in the source (closed before it opens, or never closed)",
                            code.label
                        ),
                    )
                }
                CodeProblem::Misnested { target: i } => {
                    let code = &target[i];
                    Issue::new(
                        &INFO,
                        para.abs(code.range.clone()),
                        format!(
                            "{} closes across another pair: the source's pairs nest",
                            code.label
                        ),
                    )
                }
            };
            out.push(issue);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::run_units;
    use crate::document::units::{BilingualFile, OpenOptions};

    fn xliff(pairs: &[(&str, &str)]) -> BilingualFile {
        let mut x = String::from(
            "<xliff version=\"1.2\"><file source-language=\"zh\" target-language=\"en\"><body>\n",
        );
        for (i, (s, t)) in pairs.iter().enumerate() {
            x.push_str(&format!(
                "<trans-unit id=\"{i}\"><source>{s}</source><target>{t}</target></trans-unit>\n"
            ));
        }
        x.push_str("</body></file></xliff>\n");
        BilingualFile::from_bytes("t.xlf", x.into_bytes(), &OpenOptions::default())
            .unwrap_or_else(|e| panic!("{e}"))
    }

    fn messages(pairs: &[(&str, &str)]) -> Vec<String> {
        let file = xliff(pairs);
        run_units(Tags, &file, "en")
            .into_iter()
            .map(|i| {
                format!(
                    "{}{}",
                    if i.is_in_source() { "source: " } else { "" },
                    i.message
                )
            })
            .collect()
    }

    #[test]
    fn flags_missing_added_duplicated_and_misnested_codes() {
        assert_eq!(
            messages(&[("要<g id=\"1\">营造</g>。", "We must foster it.")]),
            [
                "source: the source's {1} is missing from the target",
                "source: the source's {/1} is missing from the target"
            ]
        );
        assert_eq!(
            messages(&[("一<x id=\"1\"/>二", "One <x id=\"1\"/>two<x id=\"2\"/>")]),
            ["{x2} is not in the source"]
        );
        assert_eq!(
            messages(&[("一<x id=\"1\"/>二", "One <x id=\"1\"/>two<x id=\"1\"/>")]),
            ["{x1} occurs more often than in the source"]
        );
        assert_eq!(
            messages(&[(
                "<g id=\"1\">一<g id=\"2\">二</g></g>",
                "<g id=\"1\">One <g id=\"2\">two</g></g>"
            )])
            .len(),
            0
        );
        let crossing = xliff(&[(
            "<bpt id=\"1\">[b]</bpt>一<bpt id=\"2\">[i]</bpt>二<ept id=\"2\">[/i]</ept><ept id=\"1\">[/b]</ept>",
            "<bpt id=\"1\">[b]</bpt>One <bpt id=\"2\">[i]</bpt>two<ept id=\"1\">[/b]</ept><ept id=\"2\">[/i]</ept>",
        )]);
        let issues = run_units(Tags, &crossing, "en");
        assert_eq!(issues.len(), 1, "{issues:?}");
        assert!(issues[0].message.contains("closes across"));
    }

    #[test]
    fn silent_on_the_same_codes_moved_and_on_units_without_codes() {
        assert!(
            messages(&[
                (
                    "<g id=\"1\">报告</g>发布<x id=\"2\"/>",
                    "Released<x id=\"2\"/>: <g id=\"1\">the report</g>"
                ),
                ("没有标记。", "No markup."),
            ])
            .is_empty()
        );
    }

    #[test]
    fn placeholders_typed_in_po_are_codes() {
        let po = "msgid \"共 %d 条，来自 %s\"\nmsgstr \"%d items from %d\"\n";
        let file =
            BilingualFile::from_bytes("t.po", po.as_bytes().to_vec(), &OpenOptions::default())
                .unwrap_or_else(|e| panic!("{e}"));
        let issues = run_units(Tags, &file, "en");
        let labels: Vec<&str> = issues.iter().map(|i| i.message.as_str()).collect();
        assert_eq!(
            labels,
            [
                "%d occurs more often than in the source",
                "the source's %s is missing from the target"
            ]
        );
    }
}
