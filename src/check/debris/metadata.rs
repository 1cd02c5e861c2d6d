//! `debris.metadata`: page metadata scraped along with an article and left as a paragraph of
//! its own: "Release time:Apr 14, 2024 05:35 AM", "Editor: Wang Li", "Source: Xinhua",
//! "Views: 1234", "责任编辑：王丽", and button rows such as "[Print] [Close]".
//!
//! Only a short paragraph that starts with a known label and a colon (ASCII or full-width)
//! is reported; a label inside a sentence ("the editor: …"), a caption inside a longer
//! paragraph, list items and a Markdown document's front matter are not.

use crate::check::{Category, Check, CheckInfo, Issue, ParagraphView, Severity};
use crate::document::{BlockKind, TextFormat};

static INFO: CheckInfo = CheckInfo {
    id: "debris.metadata",
    category: Category::Debris,
    severity: Severity::Warning,
    summary: "scraped metadata lines (release time, editor, source, views, print/close)",
    example: "Release time:Apr 14, 2024 05:35 AM",
};

/// Longest metadata line, in bytes.
const MAX_LINE_BYTES: usize = 200;
/// Longest metadata line, in words.
const MAX_LINE_WORDS: usize = 16;
/// Longest label before the colon, in bytes.
const MAX_LABEL_BYTES: usize = 40;

/// Labels of metadata lines, lower case with single spaces, sorted for binary search.
static LABELS: &[&str] = &[
    "author",
    "authors",
    "by",
    "chief editor",
    "click",
    "clicks",
    "contributor",
    "copyright",
    "correspondent",
    "duty editor",
    "editor",
    "editor in charge",
    "editor-in-charge",
    "editor-in-chief",
    "editors",
    "executive editor",
    "font size",
    "hits",
    "last updated",
    "news source",
    "original link",
    "original title",
    "page views",
    "photo",
    "photo by",
    "photo credit",
    "photographer",
    "photos",
    "post time",
    "posted",
    "posted at",
    "posted by",
    "posted on",
    "proofread by",
    "proofreader",
    "publication date",
    "publication time",
    "publish date",
    "publish time",
    "published",
    "published at",
    "published on",
    "read count",
    "reads",
    "release date",
    "release time",
    "released",
    "released at",
    "released on",
    "reporter",
    "reporters",
    "responsible editor",
    "reviewed by",
    "reviewer",
    "share",
    "share to",
    "source",
    "sources",
    "tags",
    "translated by",
    "translator",
    "update time",
    "updated",
    "updated on",
    "views",
    "visits",
    "written by",
];

/// Chinese labels of metadata lines.
static CJK_LABELS: &[&str] = &[
    "责任编辑",
    "责编",
    "编辑",
    "主编",
    "审核",
    "审校",
    "校对",
    "编审",
    "来源",
    "稿源",
    "出处",
    "发布时间",
    "发布日期",
    "更新时间",
    "时间",
    "日期",
    "作者",
    "记者",
    "通讯员",
    "摄影",
    "图片来源",
    "浏览次数",
    "浏览",
    "阅读",
    "阅读量",
    "阅读数",
    "点击",
    "点击数",
    "字号",
    "标签",
    "关键词",
    "分享到",
    "分享",
];

/// Buttons scraped as "[Print] [Close]" rows.
static BUTTONS: &[&str] = &[
    "back",
    "back to top",
    "bookmark",
    "close",
    "close window",
    "comment",
    "comments",
    "correction",
    "e-mail",
    "email",
    "favorites",
    "favourites",
    "font size",
    "large",
    "medium",
    "print",
    "print this page",
    "recommend",
    "report",
    "return",
    "save",
    "share",
    "small",
    "top",
    "打印",
    "关闭",
    "返回",
    "返回顶部",
    "顶部",
    "分享",
    "收藏",
    "纠错",
    "推荐",
    "大",
    "中",
    "小",
];

#[derive(Debug, Clone, Copy)]
pub struct Metadata;

/// The label of a metadata line ("Release time" in "Release time:Apr 14"), if it is one.
fn metadata_label(line: &str) -> Option<&str> {
    if line.len() > MAX_LINE_BYTES || line.split_whitespace().count() > MAX_LINE_WORDS {
        return None;
    }
    // "(Editor: Wang Li)", "【责任编辑：王丽】".
    let inner = match (line.chars().next(), line.chars().next_back()) {
        (Some('('), Some(')'))
        | (Some('['), Some(']'))
        | (Some('【'), Some('】'))
        | (Some('（'), Some('）')) => {
            let open = line.chars().next().map_or(0, char::len_utf8);
            let close = line.chars().next_back().map_or(0, char::len_utf8);
            line[open..line.len() - close].trim()
        }
        _ => line,
    };
    let head = &inner[..floor_boundary(inner, MAX_LABEL_BYTES + 3)];
    let colon = head.find([':', '：'])?;
    let label = inner[..colon].trim();
    if label.is_empty() {
        return None;
    }
    if label.is_ascii() {
        if !label.as_bytes()[0].is_ascii_alphabetic() {
            return None;
        }
        let normal: String = label
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_ascii_lowercase();
        LABELS.binary_search(&normal.as_str()).ok().map(|_| label)
    } else {
        CJK_LABELS.contains(&label).then_some(label)
    }
}

/// The largest char boundary of `s` at or below `at`.
fn floor_boundary(s: &str, at: usize) -> usize {
    let mut at = at.min(s.len());
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Whether `line` is a row of scraped buttons: "[Print] [Close]", "【打印】【关闭】".
fn is_button_row(line: &str) -> bool {
    let mut rest = line.trim();
    let mut buttons = 0;
    while !rest.is_empty() {
        let close = match rest.chars().next() {
            Some('[') => ']',
            Some('【') => '】',
            Some('［') => '］',
            _ => return false,
        };
        let open_len = rest.chars().next().map_or(1, char::len_utf8);
        let Some(end) = rest.find(close) else {
            return false;
        };
        let label = rest[open_len..end].trim().to_lowercase();
        if !BUTTONS.contains(&label.as_str()) {
            return false;
        }
        buttons += 1;
        rest = rest[end + close.len_utf8()..]
            .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '|' | '/' | '·' | ','));
    }
    buttons > 0
}

/// End (byte offset in the file) of a Markdown document's YAML front matter, if it has one.
fn front_matter_end(body: &str, body_start: usize) -> Option<usize> {
    let rest = body.strip_prefix("---")?;
    let rest = rest
        .strip_prefix("\r\n")
        .or_else(|| rest.strip_prefix('\n'))?;
    let mut at = body.len() - rest.len();
    for line in rest.split_inclusive('\n') {
        let t = line.trim_end();
        at += line.len();
        if t == "---" || t == "..." {
            return Some(body_start + at);
        }
    }
    None
}

impl Check for Metadata {
    fn info(&self) -> &'static CheckInfo {
        &INFO
    }

    fn check_paragraph(&self, para: &ParagraphView<'_>, out: &mut Vec<Issue>) {
        let text = para.text;
        if para.paragraph.kind != BlockKind::Text {
            return;
        }
        // Cheap first look: a colon near the start, or an opening bracket.
        let first = text.as_bytes().first().copied().unwrap_or(b' ');
        let head = &text.as_bytes()[..text.len().min(MAX_LABEL_BYTES * 2)];
        // "：" is encoded EF BC 9A, "【" E3 80 90.
        if first != b'[' && first != 0xE3 && memchr::memchr2(b':', 0xEF, head).is_none() {
            return;
        }
        let mut found = Vec::new();
        let mut offset = 0;
        for raw in text.split_inclusive('\n') {
            let line = raw.trim();
            let lead = raw.len() - raw.trim_start().len();
            let start = offset + lead;
            offset += raw.len();
            if let Some(label) = metadata_label(line) {
                found.push((start..start + line.len(), Some(label)));
            } else if is_button_row(line) {
                found.push((start..start + line.len(), None));
            } else {
                // Every line of the paragraph must be metadata.
                return;
            }
        }
        if para.ctx.doc.format() == TextFormat::Markdown {
            let doc = para.ctx.doc;
            if front_matter_end(doc.body(), doc.body_start()).is_some_and(|end| para.offset < end) {
                return;
            }
        }
        for (span, label) in found {
            let message = match label {
                Some(label) => format!(
                    "metadata line (\u{201c}{label}:\u{201d}) scraped with the article; it is not part of the text"
                ),
                None => "row of page buttons scraped with the article; it is not part of the text"
                    .to_string(),
            };
            out.push(Issue::new(&INFO, para.abs(span), message).suggest(""));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::{assert_silent, flagged, run, run_named};

    #[test]
    fn flags_metadata_lines() {
        for line in [
            "Release time:Apr 14, 2024 05:35 AM",
            "Editor: Wang Li",
            "Responsible editor: Wang Li",
            "Source: Xinhua",
            "Reporter: Zhang San",
            "Author: Li Si",
            "Published: 2024-04-14 10:30",
            "Views: 1234",
            "RELEASE TIME : 2024-04-14",
            "(Editor: Wang Li)",
            "Source: Xinhua | Editor: Wang Li | 2024-04-14",
            "责任编辑：王丽",
            "【责任编辑：王丽】",
            "Editor：Wang Li",
            "Source:",
        ] {
            assert_eq!(flagged(Metadata, line), [line], "{line}");
        }
        let issues = run(Metadata, "Editor: Wang Li");
        assert_eq!(issues[0].suggestions, [""]);
        assert!(issues[0].message.contains("\u{201c}Editor:\u{201d}"));
    }

    #[test]
    fn flags_button_rows() {
        for line in [
            "[Print] [Close]",
            "[ Print ] | [ Close window ]",
            "【打印】【关闭】",
        ] {
            assert_eq!(flagged(Metadata, line), [line], "{line}");
        }
        assert_silent(
            Metadata,
            &["[Print] the report", "[1] [2]", "[Close] friends came."],
        );
    }

    #[test]
    fn flags_each_line_of_a_metadata_block() {
        let t = "Editor: Wang Li\nSource: Xinhua\n";
        let doc_issues = run(Metadata, t);
        assert_eq!(doc_issues.len(), 2);
        // A block mixing prose and a label is prose.
        assert_silent(
            Metadata,
            &[
                "The committee met on Tuesday and said that\nsource: the ministry's report was late.\n",
            ],
        );
    }

    #[test]
    fn leaves_prose_alone() {
        assert_silent(
            Metadata,
            &[
                "As the editor: said, the text is fine.",
                "The editor said: the text is fine.",
                "Source of the data was the ministry, which published it at 10:30.",
                "Figure 3 shows the trend in the prices of pork over the last year. Source: National Bureau of Statistics, 2024, with figures adjusted for seasonal variation and inflation.",
                "Note: prices are in yuan.",
                "Time is money: 3.5% at 10:30.",
                "Headings without a full stop",
                "Bye-bye, Walla Walla, U.S., e.g., https://example.com/source:x",
            ],
        );
    }

    #[test]
    fn markdown_front_matter_and_lists_are_not_debris() {
        let md = "---\nauthor: Jane\ntags: news\n---\n\n# Title\n\n- Author: Jane Doe\n- Source: survey\n\nEditor: Wang Li\n";
        let issues = run_named(Metadata, "post.md", md);
        let spans: Vec<&str> = issues.iter().map(|i| &md[i.span.clone()]).collect();
        assert_eq!(spans, ["Editor: Wang Li"]);
    }
}
