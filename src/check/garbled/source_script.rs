//! `garbled.source-script`: source-language script left in a translation into a non-CJK
//! language: runs of Chinese characters, Japanese kana or Korean hangul (untranslated text),
//! and CJK or full-width punctuation ("，。、：；！？（）《》【】「」", the ideographic space,
//! full-width letters and digits, the Chinese double dash "——" and double ellipsis "……").
//! Punctuation gets its English equivalent as the suggestion, with the spacing English wants.
//! The check is off when the target language is itself written in a CJK script, and CJK in
//! URLs and inline code is left alone.

use crate::check::text::{char_before, in_spans, protected_spans};
use crate::check::{Category, Check, CheckInfo, Issue, ParagraphView, Severity};

static INFO: CheckInfo = CheckInfo {
    id: "garbled.source-script",
    category: Category::Garbled,
    severity: Severity::Error,
    summary: "source-language script or full-width punctuation left in the translation",
    example: "public opinion battlefield——; the 《Cybersecurity Law》，which",
};

/// Longest text between a paired opening and closing mark that is reported as one issue.
const MAX_PAIR_INNER: usize = 200;

#[derive(Debug, Clone, Copy)]
pub struct SourceScript;

/// A writing system of the source language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    Han,
    Kana,
    Hangul,
}

/// The English text that replaces a symbol.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Repl {
    Str(&'static str),
    Char(char),
    /// A quotation mark: curly or straight depending on the paragraph's style.
    Quote {
        double: bool,
        open: bool,
    },
}

/// Where English puts a space around the replacement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Spacing {
    None,
    /// After the mark, before a following word (",", ".", ")").
    After,
    /// Before the mark, after a preceding word ("(").
    Before,
}

/// Paired marks, grouped by kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PairKind {
    Title,
    Quote,
    SingleQuote,
    Paren,
    Square,
    Lenticular,
    Curly,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Script(Script),
    Symbol {
        repl: Option<Repl>,
        spacing: Spacing,
        pair: Option<(PairKind, bool)>,
    },
}

#[derive(Debug, Clone, Copy)]
struct Item {
    start: usize,
    end: usize,
    kind: Kind,
}

fn script_of(c: char) -> Option<Script> {
    let u = u32::from(c);
    Some(match u {
        0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF
        | 0x20000..=0x3134F
        | 0x2E80..=0x2FDF
        | 0x3005
        | 0x3007
        | 0x3021..=0x3029
        | 0x3038..=0x303B
        | 0x31C0..=0x31EF
        | 0x3100..=0x312F
        | 0x31A0..=0x31BF => Script::Han,
        0x3041..=0x309F
        | 0x30A0..=0x30FA
        | 0x30FC..=0x30FF
        | 0x31F0..=0x31FF
        | 0x3031..=0x3035
        | 0xFF66..=0xFF9F => Script::Kana,
        0xAC00..=0xD7A3
        | 0x1100..=0x11FF
        | 0x3130..=0x318F
        | 0xA960..=0xA97F
        | 0xD7B0..=0xD7FF
        | 0xFFA0..=0xFFDC => Script::Hangul,
        _ => return None,
    })
}

const fn sym(repl: Repl, spacing: Spacing) -> Kind {
    Kind::Symbol {
        repl: Some(repl),
        spacing,
        pair: None,
    }
}

const fn paired(repl: Repl, kind: PairKind, open: bool) -> Kind {
    Kind::Symbol {
        repl: Some(repl),
        spacing: if open {
            Spacing::Before
        } else {
            Spacing::After
        },
        pair: Some((kind, open)),
    }
}

const DQ_OPEN: Repl = Repl::Quote {
    double: true,
    open: true,
};
const DQ_CLOSE: Repl = Repl::Quote {
    double: true,
    open: false,
};
const SQ_OPEN: Repl = Repl::Quote {
    double: false,
    open: true,
};
const SQ_CLOSE: Repl = Repl::Quote {
    double: false,
    open: false,
};

/// Classifies a single CJK or full-width symbol (not the dash and ellipsis runs).
fn symbol_kind(c: char) -> Option<Kind> {
    use PairKind::{Curly, Lenticular, Paren, Quote, SingleQuote, Square, Title};
    use Repl::{Char, Str};
    use Spacing::{After, None as NoSpace};
    Some(match c {
        '，' | '、' | '､' => sym(Str(","), After),
        '。' | '｡' => sym(Str("."), After),
        '：' => sym(Str(":"), After),
        '；' => sym(Str(";"), After),
        '！' => sym(Str("!"), After),
        '？' => sym(Str("?"), After),
        '（' | '｟' => paired(Str("("), Paren, true),
        '）' | '｠' => paired(Str(")"), Paren, false),
        '［' => paired(Str("["), Square, true),
        '］' => paired(Str("]"), Square, false),
        '｛' => paired(Str("{"), Curly, true),
        '｝' => paired(Str("}"), Curly, false),
        '【' | '〔' | '〖' | '〘' | '〚' => paired(Str("["), Lenticular, true),
        '】' | '〕' | '〗' | '〙' | '〛' => paired(Str("]"), Lenticular, false),
        '《' | '〈' => paired(DQ_OPEN, Title, true),
        '》' | '〉' => paired(DQ_CLOSE, Title, false),
        '「' | '｢' | '〝' => paired(DQ_OPEN, Quote, true),
        '」' | '｣' | '〞' | '〟' => paired(DQ_CLOSE, Quote, false),
        '『' => paired(SQ_OPEN, SingleQuote, true),
        '』' => paired(SQ_CLOSE, SingleQuote, false),
        '・' | '･' => sym(Str("·"), NoSpace),
        '〜' | '～' => sym(Str("~"), NoSpace),
        '\u{3000}' => sym(Str(" "), NoSpace),
        '￠' => sym(Str("¢"), NoSpace),
        '￡' => sym(Str("£"), NoSpace),
        '￢' => sym(Str("¬"), NoSpace),
        '￣' => sym(Str("¯"), NoSpace),
        '￤' => sym(Str("¦"), NoSpace),
        '￥' => sym(Str("¥"), NoSpace),
        '￦' => sym(Str("₩"), NoSpace),
        '\u{FF01}'..='\u{FF5E}' => {
            let ascii = char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c);
            let spacing = match ascii {
                ',' | ':' | ';' | '!' | '?' => After,
                _ => NoSpace,
            };
            sym(Char(ascii), spacing)
        }
        // The rest of the CJK Symbols and Punctuation block: no English equivalent.
        '\u{3000}'..='\u{303F}' => Kind::Symbol {
            repl: None,
            spacing: NoSpace,
            pair: None,
        },
        _ => return None,
    })
}

/// Whether the run of dashes `text[start..end]` is English typography rather than the
/// Chinese double dash: three or more (the two- and three-em dashes of omitted words and
/// speech broken off, "we———"), or two before a closing quotation mark ("next door to——”").
fn is_english_long_dash(text: &str, start: usize, end: usize) -> bool {
    let dashes = text[start..end].chars().count();
    dashes >= 3 || text[end..].starts_with(['\u{201d}', '\u{2019}', '"', '\''])
}

/// The items of `text`: source-script characters and CJK symbols, in order.
fn items(text: &str) -> Vec<Item> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    // Every character looked for is encoded with a first byte of 0xE1 or above.
    while let Some(p) = bytes[i..].iter().position(|&b| b >= 0xE1) {
        let at = i + p;
        let c = text[at..].chars().next().unwrap_or('\0');
        i = at + c.len_utf8();
        let run_end = |mark: fn(char) -> bool| {
            let len: usize = text[at..]
                .chars()
                .take_while(|&c| mark(c))
                .map(char::len_utf8)
                .sum();
            at + len
        };
        let kind = match c {
            '\u{2014}' | '\u{2015}' => {
                i = run_end(|c| matches!(c, '\u{2014}' | '\u{2015}'));
                if i - at < 6 || is_english_long_dash(text, at, i) {
                    continue;
                }
                sym(Repl::Str("\u{2014}"), Spacing::None)
            }
            '\u{2026}' | '\u{22ef}' => {
                i = run_end(|c| matches!(c, '\u{2026}' | '\u{22ef}'));
                if i - at < 6 {
                    continue;
                }
                sym(Repl::Str("\u{2026}"), Spacing::None)
            }
            _ => match script_of(c) {
                Some(s) => Kind::Script(s),
                None => match symbol_kind(c) {
                    Some(k) => k,
                    None => continue,
                },
            },
        };
        out.push(Item {
            start: at,
            end: i,
            kind,
        });
    }
    out
}

impl Check for SourceScript {
    fn info(&self) -> &'static CheckInfo {
        &INFO
    }

    fn check_paragraph(&self, para: &ParagraphView<'_>, out: &mut Vec<Issue>) {
        if para.text.is_ascii() || para.ctx.target_is_cjk() {
            return;
        }
        let text = para.text;
        let mut items = items(text);
        if items.is_empty() {
            return;
        }
        // Internationalised domain names and code samples may hold CJK legitimately.
        let protected = protected_spans(text);
        items.retain(|it| !in_spans(&protected, it.start));
        let curly = text.contains(['\u{201c}', '\u{201d}', '\u{2018}', '\u{2019}']);
        let mut used = vec![false; items.len()];
        report_untranslated(para, &items, &mut used, out);
        let mut k = 0;
        while k < items.len() {
            if used[k] {
                k += 1;
                continue;
            }
            // A paired mark with its partner: one issue for "《…》".
            if let Kind::Symbol {
                pair: Some((pk, true)),
                ..
            } = items[k].kind
                && let Some(j) = partner(&items, &used, k, pk)
            {
                let group = &items[k..=j];
                out.push(symbol_issue(para, group, curly));
                used[k..=j].iter_mut().for_each(|u| *u = true);
                k = j + 1;
                continue;
            }
            // Adjacent symbols: one issue ("？！", "ＡＢＣ", "３．５").
            let mut j = k;
            while j + 1 < items.len() && !used[j + 1] && items[j + 1].start == items[j].end {
                j += 1;
            }
            out.push(symbol_issue(para, &items[k..=j], curly));
            k = j + 1;
        }
    }
}

/// Reports runs of source script (with the punctuation, digits and spaces between them) as
/// untranslated text, and marks their items as used.
fn report_untranslated(
    para: &ParagraphView<'_>,
    items: &[Item],
    used: &mut [bool],
    out: &mut Vec<Issue>,
) {
    let text = para.text;
    let gap_joins = |a: &Item, b: &Item| {
        text[a.end..b.start]
            .bytes()
            .all(|b| b.is_ascii_whitespace() || b.is_ascii_digit() || b.is_ascii_punctuation())
    };
    let mut k = 0;
    while k < items.len() {
        // A cluster: items joined by gaps without letters.
        let mut j = k;
        while j + 1 < items.len() && gap_joins(&items[j], &items[j + 1]) {
            j += 1;
        }
        let cluster = &items[k..=j];
        let mut scripts = cluster.iter().filter_map(|it| match it.kind {
            Kind::Script(s) => Some(s),
            Kind::Symbol { .. } => None,
        });
        if let Some(first) = scripts.next() {
            let all: Vec<Script> = std::iter::once(first).chain(scripts).collect();
            let mut start = cluster[0].start;
            // "2024年" starts at the digits.
            while start > 0 && text.as_bytes()[start - 1].is_ascii_digit() {
                start -= 1;
            }
            let end = cluster[cluster.len() - 1].end;
            let what = if all.contains(&Script::Kana) {
                "Japanese text"
            } else if all.contains(&Script::Hangul) {
                "Korean text"
            } else {
                "Chinese characters"
            };
            out.push(Issue::new(
                &INFO,
                para.abs(start..end),
                format!(
                    "untranslated source text: {what} \u{201c}{}\u{201d} left in the translation",
                    &text[start..end]
                ),
            ));
            used[k..=j].iter_mut().for_each(|u| *u = true);
        }
        k = j + 1;
    }
}

/// The closing partner of the opening mark `items[k]`, if it comes soon enough with no other
/// opening mark of its kind between.
fn partner(items: &[Item], used: &[bool], k: usize, kind: PairKind) -> Option<usize> {
    for j in k + 1..items.len() {
        if used[j] || items[j].start - items[k].end > MAX_PAIR_INNER {
            return None;
        }
        if let Kind::Symbol {
            pair: Some((pk, open)),
            ..
        } = items[j].kind
            && pk == kind
        {
            return if open { None } else { Some(j) };
        }
    }
    None
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('\u{FF10}'..='\u{FF19}').contains(&c)
}

/// The English text for the span from the first to the last item of `group`: English marks
/// with English spacing, the text between the items kept. `None` when a symbol has no
/// English equivalent.
fn replacement(text: &str, group: &[Item], curly: bool) -> Option<String> {
    let span_start = group.first()?.start;
    let mut out = String::new();
    let mut at = span_start;
    for (n, item) in group.iter().enumerate() {
        out.push_str(&text[at..item.start]);
        let Kind::Symbol { repl, spacing, .. } = item.kind else {
            return None;
        };
        let prev = if out.is_empty() {
            char_before(text, span_start)
        } else {
            out.chars().next_back()
        };
        let next = text[item.end..].chars().next();
        if spacing == Spacing::Before && prev.is_some_and(char::is_alphanumeric) {
            out.push(' ');
        }
        match repl? {
            Repl::Str("~") if prev.is_some_and(is_digit) && next.is_some_and(is_digit) => {
                out.push('\u{2013}');
            }
            Repl::Str(" ") => {
                if !prev.is_none_or(char::is_whitespace) && !next.is_none_or(char::is_whitespace) {
                    out.push(' ');
                }
            }
            Repl::Str(s) => out.push_str(s),
            Repl::Char(c) => out.push(c),
            Repl::Quote { double, open } => out.push(match (curly, double, open) {
                (true, true, true) => '\u{201c}',
                (true, true, false) => '\u{201d}',
                (true, false, true) => '\u{2018}',
                (true, false, false) => '\u{2019}',
                (false, true, _) => '"',
                (false, false, _) => '\'',
            }),
        }
        let glued_to_next_item = group.get(n + 1).is_some_and(|g| g.start == item.end);
        if spacing == Spacing::After
            && !glued_to_next_item
            && next.is_some_and(|c| c.is_alphanumeric() || matches!(c, '(' | '\u{201c}'))
        {
            out.push(' ');
        }
        at = item.end;
    }
    Some(out)
}

fn symbol_issue(para: &ParagraphView<'_>, group: &[Item], curly: bool) -> Issue {
    let (first, last) = (group[0], group[group.len() - 1]);
    let span = first.start..last.end;
    let flagged = para.slice(span.clone());
    let lead = flagged.chars().next().unwrap_or(' ');
    let what = match lead {
        '\u{2014}' | '\u{2015}' => "a Chinese double dash (English uses one em dash)",
        '\u{2026}' | '\u{22ef}' => "a Chinese double ellipsis (English uses one ellipsis)",
        '《' | '〈' => "Chinese title marks (English puts titles in quotation marks or italics)",
        '「' | '『' | '｢' | '〝' => "CJK quotation marks",
        '\u{3000}' => "an ideographic (full-width) space",
        '\u{FF10}'..='\u{FF19}' | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}' => {
            "full-width letters or digits (English uses ASCII)"
        }
        _ => "full-width or CJK punctuation",
    };
    let mut issue = Issue::new(
        &INFO,
        para.abs(span),
        format!("{what}: \u{201c}{flagged}\u{201d} left over from the source text"),
    );
    let best = replacement(para.text, group, curly);
    let other = replacement(para.text, group, !curly);
    for s in [best, other].into_iter().flatten() {
        issue = issue.suggest(s);
    }
    // A dash that ends the paragraph (a heading's lead-in to the next line) can also go.
    if matches!(lead, '\u{2014}' | '\u{2015}') && para.text[last.end..].trim().is_empty() {
        issue = issue.suggest("");
    }
    issue
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::{assert_silent, flagged, run};
    use crate::check::{CheckContext, Engine};
    use crate::document::Document;

    fn suggestions(text: &str) -> Vec<Vec<String>> {
        run(SourceScript, text)
            .into_iter()
            .map(|i| i.suggestions)
            .collect()
    }

    #[test]
    fn flags_untranslated_runs() {
        assert_eq!(
            flagged(SourceScript, "The 网络强国 strategy and 网信办 office."),
            ["网络强国", "网信办"]
        );
        assert_eq!(
            flagged(SourceScript, "He said 中文，句子。 Then left."),
            ["中文，句子。"]
        );
        let issues = run(SourceScript, "He said 中文 here.");
        assert!(issues[0].suggestions.is_empty());
        assert!(issues[0].message.contains("Chinese characters"));
        assert_eq!(
            flagged(SourceScript, "Released 2024年4月14日 in Beijing."),
            ["2024年4月14日"]
        );
        assert!(
            run(SourceScript, "The word ひらがな here.")[0]
                .message
                .contains("Japanese")
        );
        assert!(
            run(SourceScript, "The word 한국어 here.")[0]
                .message
                .contains("Korean")
        );
        assert_eq!(
            flagged(SourceScript, "《人民日报》 reported."),
            ["《人民日报》"]
        );
    }

    #[test]
    fn punctuation_gets_english_marks_and_spacing() {
        assert_eq!(suggestions("security，and"), [[", "]]);
        assert_eq!(suggestions("security， and"), [[","]]);
        assert_eq!(suggestions("done。Next"), [[". "]]);
        assert_eq!(suggestions("a、b"), [[", "]]);
        assert_eq!(suggestions("Note：this"), [[": "]]);
        assert_eq!(suggestions("what？！Really"), [["?! "]]);
        assert_eq!(suggestions("the law（draft）was"), [[" (draft) "]]);
        assert_eq!(suggestions("at the end（draft）."), [[" (draft)"]]);
        assert_eq!(suggestions("the【Notice】says"), [[" [Notice] "]]);
        assert_eq!(
            suggestions("read the 《Cybersecurity Law》 today"),
            [["\"Cybersecurity Law\"", "\u{201c}Cybersecurity Law\u{201d}"]]
        );
        assert_eq!(
            suggestions("read the “new” 《Law》 today"),
            [["\u{201c}Law\u{201d}", "\"Law\""]]
        );
        assert_eq!(
            suggestions("the 《Law》，which"),
            [vec!["\"Law\"", "\u{201c}Law\u{201d}"], vec![", "]]
        );
        assert_eq!(suggestions("ＡＢＣ and １２３"), [["ABC"], ["123"]]);
        assert_eq!(suggestions("pi is ３．１４"), [["3.14"]]);
        assert_eq!(suggestions("pages 10～20"), [["\u{2013}"]]);
        assert_eq!(suggestions("about～ok"), [["~"]]);
        assert_eq!(suggestions("two\u{3000}words"), [[" "]]);
        assert_eq!(suggestions("two \u{3000}words"), [[""]]);
    }

    #[test]
    fn unpaired_marks_are_flagged_alone() {
        assert_eq!(flagged(SourceScript, "see 《Law and more"), ["《"]);
        assert_eq!(suggestions("see 《Law and more"), [["\"", "\u{201c}"]]);
    }

    #[test]
    fn double_dash_and_ellipsis() {
        assert_eq!(
            flagged(SourceScript, "Strengthening governance of cyberspace——"),
            ["——"]
        );
        assert_eq!(
            suggestions("Strengthening governance of cyberspace——"),
            [["\u{2014}", ""]]
        );
        assert_eq!(suggestions("growth——and more"), [["\u{2014}"]]);
        assert_eq!(suggestions("songs……In February"), [["\u{2026}"]]);
        assert_eq!(flagged(SourceScript, "growth——\u{201c}and"), ["——"]);
    }

    #[test]
    fn unmapped_symbols_have_no_suggestion() {
        let issues = run(SourceScript, "Postcode 〒100 here.");
        assert_eq!(issues.len(), 1);
        assert!(issues[0].suggestions.is_empty());
    }

    #[test]
    fn off_for_cjk_targets() {
        let doc = Document::from_str_named("zh.txt", "网络强国，《网络安全法》——");
        let mut ctx = CheckContext::new(&doc);
        ctx.target_lang = "zh-CN".into();
        let engine = Engine::new(vec![Box::new(SourceScript)]);
        assert!(engine.run(&ctx).is_empty());
        ctx.target_lang = "en-GB".into();
        assert_eq!(engine.run(&ctx).len(), 1);
    }

    #[test]
    fn leaves_ordinary_text_alone() {
        assert_silent(
            SourceScript,
            &[
                "An em dash — like this — and an ellipsis … are English.",
                "The word—without spaces—is fine, and so is wait…",
                "\u{201c}What was that word we———\u{201d} And one fine morning——— the———?",
                "\u{201c}You lived next door to——\u{201d} and \u{2018}to——\u{2019}.",
                "Middle dot · times × 3, degrees 25°C, euro €5, pound £3.",
                "Emoji 😀🎉👩\u{200d}👩\u{200d}👧 and flags 🇨🇳.",
                "Accented Latin: café, Ångström, Þór, façade, São Paulo, İstanbul.",
                "“Curly quotes”, ‘single’, «guillemets», „low“.",
                "Bye-bye, Walla Walla, U.S., e.g., 3.5, 10:30, https://example.com/a?b=c.",
                "Math: a₁ ⋯ aₙ, x ≤ y, → arrows, ① circled numbers.",
                "Greek αβγ and Cyrillic привет are other scripts.",
                "Visit https://例子.中国/路径 or run `print(\"你好\")` in Python.",
            ],
        );
    }
}
