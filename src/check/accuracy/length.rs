//! `accuracy.length`: a target far shorter or longer than its source for the language pair
//! — a likely omission or addition — as a warning with the ratio and the expected range.
//!
//! Between a CJK and an alphabetic language the ratio is letters and digits of the
//! alphabetic side per CJK character of the other, after taking away the Latin letters and
//! digits both sides share (names, numbers and codes are copied, not translated). Its range
//! comes from data: on the WMT 2020 zh→en segments that no rater marked with an omission,
//! addition or non-translation (`fixtures/eval`, see `examples/eval_mqm.rs --length`), 99%
//! of segments with 10 or more Chinese characters lie within 2.1–5.8 letters a character;
//! the check warns outside [`CJK_RANGE`]. A source of several sentences rendered as fewer,
//! with a ratio under the 5th percentile ([`SENTENCE_LOST_BELOW`]), is a sentence left out.
//! Between two alphabetic languages (no data in the repository) only extremes are reported:
//! half or twice the source's letters, for sources of 40 letters or more.

use super::script::{self, Script};
use crate::check::{Category, Check, CheckInfo, Issue, ParagraphView, Severity};

static INFO: CheckInfo = CheckInfo {
    id: "accuracy.length",
    category: Category::Accuracy,
    severity: Severity::Warning,
    summary: "a target far shorter or longer than its source (a likely omission or addition)",
    example: "全国数据中心机架总规模超过810万标准机架。算力总规模位居全球第二。 → one sentence",
};

/// Letters of the alphabetic side per CJK character: the expected range.
pub const CJK_RANGE: (f64, f64) = (2.0, 6.0);
/// Below this ratio a source sentence with no counterpart in the target is reported.
pub const SENTENCE_LOST_BELOW: f64 = 2.9;
/// Sources with fewer CJK characters are too short for a ratio to mean anything.
const MIN_CJK: usize = 10;
/// Letters ratio between two alphabetic languages, and the shortest source it applies to.
const ALPHABETIC_RANGE: (f64, f64) = (0.5, 2.0);
const MIN_LETTERS: usize = 40;

#[derive(Debug, Clone, Copy)]
pub struct Length;

/// CJK characters, and other letters and digits, of a text.
fn counts(text: &str) -> (usize, usize) {
    let mut cjk = 0;
    let mut other = 0;
    for c in text.chars() {
        if script::is_cjk(c) {
            cjk += 1;
        } else if script::is_alphanumeric(c) && !crate::document::units::is_private_use(c) {
            other += 1;
        }
    }
    (cjk, other)
}

/// Sentences of a text: runs ended by a full stop, question or exclamation mark.
fn sentences(text: &str) -> usize {
    let mut n = 0;
    let mut open = false;
    let chars: Vec<char> = text.chars().collect();
    for (k, &c) in chars.iter().enumerate() {
        if script::is_alphanumeric(c) {
            open = true;
        } else if open && matches!(c, '。' | '！' | '？' | '!' | '?' | '.') {
            // An English full stop ends a sentence before a space and a capital, or at the end.
            let ends = c != '.'
                || chars[k + 1..]
                    .iter()
                    .find(|c| !matches!(c, ' ' | '"' | '\u{201d}' | '\'' | '\u{2019}' | ')'))
                    .is_none_or(|c| c.is_uppercase() || !c.is_alphanumeric())
                    && chars.get(k + 1).is_none_or(|c| !c.is_ascii_digit());
            if ends {
                n += 1;
                open = false;
            }
        }
    }
    n + usize::from(open)
}

/// The ratio and what it means, for a source and its target.
pub fn ratio(source: &str, target: &str) -> Option<(f64, (f64, f64))> {
    ratio_in(
        source,
        target,
        script::dominant(source)?,
        script::dominant(target)?,
    )
}

/// [`ratio`] of a source in script `from` and a target in script `into`.
fn ratio_in(source: &str, target: &str, from: Script, into: Script) -> Option<(f64, (f64, f64))> {
    let (s_cjk, s_other) = counts(source);
    let (t_cjk, t_other) = counts(target);
    match (from == Script::Cjk, into == Script::Cjk) {
        (true, false) if s_cjk >= MIN_CJK => Some((
            t_other.saturating_sub(s_other) as f64 / s_cjk as f64,
            CJK_RANGE,
        )),
        (false, true) if t_cjk >= MIN_CJK => {
            // The same law read backwards: source letters per target character.
            let r = s_other.saturating_sub(t_other) as f64 / t_cjk as f64;
            Some((r, (CJK_RANGE.0, CJK_RANGE.1)))
        }
        (false, false) if s_other >= MIN_LETTERS => {
            Some((t_other as f64 / s_other as f64, ALPHABETIC_RANGE))
        }
        _ => None,
    }
}

impl Check for Length {
    fn info(&self) -> &'static CheckInfo {
        &INFO
    }

    fn check_paragraph(&self, para: &ParagraphView<'_>, out: &mut Vec<Issue>) {
        let Some(unit) = para.unit() else {
            return;
        };
        let source = unit.source();
        let target = para.text;
        let (Some(from), Some(into)) = (script::dominant(source), script::dominant(target)) else {
            return;
        };
        let Some((r, (lo, hi))) = ratio_in(source, target, from, into) else {
            return;
        };
        let into_cjk = into == Script::Cjk;
        // For a CJK target the ratio runs the other way: a high one is a short target.
        let (short, long) = if into_cjk {
            (r > hi, r < lo)
        } else {
            (r < lo, r > hi)
        };
        let cjk_pair = from == Script::Cjk || into_cjk;
        let lost_sentence = cjk_pair
            && !into_cjk
            && r < SENTENCE_LOST_BELOW
            && sentences(source) > sentences(target);
        if !(short || long || lost_sentence) {
            return;
        }
        let start = target.len() - target.trim_start().len();
        let end = target.trim_end().len().max(start);
        let unit_name = if cjk_pair {
            if into_cjk {
                "source letters per target character"
            } else {
                "target letters per source character"
            }
        } else {
            "target letters per source letter"
        };
        let message = if short || long {
            format!(
                "the target is {} for its source ({r:.1} {unit_name}; expected {lo:.1}–{hi:.1}): {}",
                if short { "short" } else { "long" },
                if short {
                    "is something left out?"
                } else {
                    "is something added?"
                }
            )
        } else {
            format!(
                "the source has {} sentences, the target {}, and the target is short ({r:.1} {unit_name}, usually {SENTENCE_LOST_BELOW:.1} or more): is a sentence left out?",
                sentences(source),
                sentences(target)
            )
        };
        out.push(Issue::new(&INFO, para.abs(start..end), message));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::{assert_silent_pairs, flagged_pair, run_pair};

    #[test]
    fn flags_a_sentence_left_out_and_far_short_or_long_targets() {
        let t =
            "The total scale of data center racks nationwide exceeded 8.1 million standard racks.";
        assert_eq!(
            flagged_pair(
                Length,
                "全国数据中心机架总规模超过810万标准机架。算力总规模位居全球第二。",
                t
            ),
            [t]
        );
        let short = "China is growing.";
        assert_eq!(
            flagged_pair(
                Length,
                "我国正加快从网络大国向网络强国迈进，数字经济规模持续扩大。",
                short
            ),
            [short]
        );
        let issues = run_pair(
            Length,
            "我国正加快从网络大国向网络强国迈进，数字经济规模持续扩大。",
            short,
        );
        assert!(
            issues[0].message.contains("expected 2.0–6.0"),
            "{}",
            issues[0].message
        );
        let long = "China is accelerating its transformation from a major internet country into a cyberpower, while the scale of its digital economy keeps expanding, as officials, analysts, economists and observers across the world have repeatedly and emphatically noted in many reports.";
        assert_eq!(
            flagged_pair(
                Length,
                "我国正加快从网络大国向网络强国迈进，数字经济规模持续扩大。",
                long
            ),
            [long]
        );
    }

    #[test]
    fn silent_on_ordinary_translations_and_short_segments() {
        assert_silent_pairs(
            Length,
            &[
                (
                    "我国正加快从网络大国向网络强国迈进。",
                    "China is accelerating its transition from a major internet country to a cyberpower.",
                ),
                (
                    "数字中国建设取得新进展",
                    "Digital China Construction Makes New Progress",
                ),
                ("好。", "Good."),
                (
                    "越南将美元买入价和卖出价分别定为23131越盾和23271越盾。",
                    "Vietnam set the dollar purchase price and selling price at VND 23131 and VND 23271.",
                ),
                (
                    "疫情爆发后，中国消费者正从食用猪肉转向其他动物蛋白。在过去一年中，猪肉价格几乎翻了一番。",
                    "After the outbreak, Chinese consumers are shifting from pork to other animal proteins, and over the past year pork prices have almost doubled.",
                ),
            ],
        );
    }
}
