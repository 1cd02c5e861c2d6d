//! `accuracy.number`: numbers, percentages, dates and times that differ between a source
//! and its target. Each text's numbers are read as values ([`numbers`](super::numbers):
//! 2.05亿 = 205 million, 3万 = 30,000, 7月14日 = July 14, 百分之五 = 5%, 1,5 = 1.5 in a
//! German target, five = 5, 3 p.m. = 15时) and paired by value. A target number in digits
//! that no source number has is reported — as a changed number when the source has one
//! left unpaired (with it as the suggestion, written the target's way), as an added one
//! otherwise; a source number the target lacks is reported in the source.

use super::numbers::{Num, format_like, numbers};
use crate::check::{Category, Check, CheckInfo, Issue, ParagraphView, Severity};

static INFO: CheckInfo = CheckInfo {
    id: "accuracy.number",
    category: Category::Accuracy,
    severity: Severity::Error,
    summary: "a number, percentage, date or time that differs between source and target",
    example: "新增5G用户2.05亿户 → “250 million new 5G users”",
};

#[derive(Debug, Clone, Copy)]
pub struct NumberMismatch;

impl Check for NumberMismatch {
    fn info(&self) -> &'static CheckInfo {
        &INFO
    }

    fn check_paragraph(&self, para: &ParagraphView<'_>, out: &mut Vec<Issue>) {
        let Some(unit) = para.unit() else {
            return;
        };
        let source = unit.source();
        let has_numeral = |s: &str| {
            s.chars().any(|c| {
                c.is_ascii_digit()
                    || ('０'..='９').contains(&c)
                    || matches!(
                        c,
                        '零' | '〇'
                            | '一'
                            | '二'
                            | '两'
                            | '三'
                            | '四'
                            | '五'
                            | '六'
                            | '七'
                            | '八'
                            | '九'
                            | '十'
                            | '百'
                            | '千'
                            | '万'
                            | '亿'
                    )
            })
        };
        if !has_numeral(source) && !para.text.bytes().any(|b| b.is_ascii_digit()) {
            return;
        }
        let lang = para.ctx.target_lang.as_str();
        let source_lang = para.ctx.units.map_or("", |u| u.source_lang());
        let src = numbers(source, source_lang);
        let tgt = numbers(para.text, lang);
        if src.is_empty() && tgt.iter().all(|n| n.word) {
            return;
        }
        let (src_left, tgt_left) = pair(&src, &tgt);
        let mut src_left = src_left.into_iter();
        for t in tgt_left.iter().map(|&i| &tgt[i]).filter(|n| !n.word) {
            let text = &para.text[t.span.clone()];
            let issue = match src_left.next() {
                Some(s) => {
                    let s = &src[s];
                    let written = format_like(s.value, t, lang);
                    Issue::new(
                        &INFO,
                        para.abs(t.span.clone()),
                        format!(
                            "“{text}” is not the source's number: it has “{}” ({written})",
                            &source[s.span.clone()]
                        ),
                    )
                    .suggest(written)
                }
                None => {
                    // Digits the source has as part of something else (4K → "4 K").
                    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
                    if digits.is_empty() || source.contains(&digits) {
                        continue;
                    }
                    Issue::new(
                        &INFO,
                        para.abs(t.span.clone()),
                        format!("“{text}” is not in the source"),
                    )
                    .with_severity(Severity::Warning)
                }
            };
            out.push(issue);
        }
        for s in src_left {
            let s = &src[s];
            // One is as often "a" as "1" (1名主任 → "an assistant director").
            if s.word || s.value == 1.0 {
                continue;
            }
            let shown = &source[s.span.clone()];
            let like = tgt.iter().find(|n| !n.word).unwrap_or(s);
            out.push(
                Issue::in_source(
                    &INFO,
                    unit.index,
                    s.span.clone(),
                    format!("the source's “{shown}” is not in the target"),
                )
                .suggest(format_like(s.value, like, lang)),
            );
        }
    }
}

/// Pairs source and target numbers by value (each used once, in order); returns the
/// indices left unpaired on each side.
fn pair(src: &[Num], tgt: &[Num]) -> (Vec<usize>, Vec<usize>) {
    let mut used = vec![false; tgt.len()];
    let mut src_left = Vec::new();
    for (si, s) in src.iter().enumerate() {
        // A digit number first, then a word standing for it.
        let found = (0..tgt.len())
            .filter(|&i| !used[i] && tgt[i].matches(s.value))
            .min_by_key(|&i| tgt[i].word);
        match found {
            Some(i) => used[i] = true,
            None => src_left.push(si),
        }
    }
    // Numbers written twice in the target for one in the source (a date repeated, "5G"
    // and "five") are not reported: a value the source has is never "added".
    let tgt_left = (0..tgt.len())
        .filter(|&i| !used[i] && !src.iter().any(|s| tgt[i].matches(s.value)))
        .collect();
    (src_left, tgt_left)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::{assert_silent_pairs, flagged_pair, run_pair};

    #[test]
    fn flags_changed_added_and_dropped_numbers() {
        let s = "报告显示，上半年全国新增5G用户2.05亿户，同比增长12.3%。";
        let t = "The report shows that 250 million new 5G users were added nationwide in the first half of the year, up 12.3 percent year on year.";
        assert_eq!(flagged_pair(NumberMismatch, s, t), ["250 million"]);
        assert_eq!(
            run_pair(NumberMismatch, s, t)[0].suggestions,
            ["205 million"]
        );
        assert_eq!(
            flagged_pair(NumberMismatch, "7月14日发布", "released on July 15"),
            ["15"]
        );
        assert_eq!(
            flagged_pair(NumberMismatch, "增长百分之五", "up 6 percent"),
            ["6"]
        );
        assert_eq!(
            flagged_pair(
                NumberMismatch,
                "共有3万人参加，增长12%。",
                "30,000 people took part."
            ),
            ["source:12%"]
        );
        assert_eq!(
            flagged_pair(NumberMismatch, "他们来了。", "The 3 of them came."),
            ["3"]
        );
    }

    #[test]
    fn silent_on_conversions() {
        assert_silent_pairs(
            NumberMismatch,
            &[
                (
                    "截至6月底，全国累计建成5G基站383.7万个。",
                    "By the end of June, a total of 3.837 million 5G base stations had been built nationwide.",
                ),
                ("新华社北京7月14日电", "BEIJING, July 14 (Xinhua)"),
                ("共有3万人参加。", "30,000 people took part."),
                ("增长百分之五。", "up 5%."),
                ("二十三人", "twenty-three people"),
                ("五个国家", "five countries"),
                ("下午3时", "at 3 p.m."),
                ("15时30分", "at 3:30 p.m."),
                ("2019年12月31日", "December 31, 2019"),
                ("营收1.2万亿元", "revenue of 1.2 trillion yuan"),
                ("第一，一些人", "First, some people"),
                ("新冠肺炎（COVID-19）", "COVID-19"),
                ("许多“80后”农民工", "many post-80s migrant workers"),
                ("二十国集团外长会议", "the G-20 foreign ministers' meeting"),
                ("逾百人与会。", "More than 100 people attended."),
                ("出席率达到八成", "an attendance rate of 80%"),
                (
                    "第二届世界布商大会",
                    "the 2nd World Cloth Merchants Conference",
                ),
                ("±1100千伏特高压", "± 1,100 kV UHV"),
                (
                    "年送电将达到600至850亿千瓦时",
                    "will reach 60 to 85 billion kilowatt-hours",
                ),
                (
                    "卫生填埋329.29万吨",
                    "3.293 million tons of sanitary landfill",
                ),
                (
                    "可为3000多万居民提供服务",
                    "serves more than 30 million residents",
                ),
                ("30克银币", "a 30g silver coin"),
                ("上午9时", "at 9:00 am"),
                ("数十亿颗微粒", "billions of particles"),
                ("不少于人民币1.6亿元", "not less than RMB160 million"),
                ("执政5年", "his five-year rule"),
                ("逢周三下午三时三十分", "at 3:30 pm on Wednesdays"),
                ("包括1名助理主任", "including an assistant director"),
                (
                    "通过4K超高清信号",
                    "through 4 K ultra-high definition signals",
                ),
                ("2019-2020年", "from 2019 to 2020"),
                ("千亿级龙头企业", "100-billion-level leading enterprises"),
            ],
        );
        let de = crate::document::units::BilingualFile::align(
            &crate::document::Document::from_str_named("s.txt", "增长1.5%。\n"),
            &crate::document::Document::from_str_named("t.txt", "ein Plus von 1,5 %.\n"),
        )
        .unwrap();
        assert!(crate::check::testing::run_units(NumberMismatch, &de, "de").is_empty());
    }
}
