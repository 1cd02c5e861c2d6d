//! `accuracy.entities`: URLs, e-mail addresses, hashtags, @handles and codes (tokens of
//! letters and digits: `5G`, `A320neo`, `COVID-19`) in the source that the target lacks.
//! They are carried over as they are, so the target must contain each one (compared
//! without case, and for codes without spaces and hyphens; a URL with or without its
//! scheme and final slash). A hashtag in a CJK source may be translated: any hashtag of the
//! target stands for one of the source's.

use std::ops::Range;

use crate::check::{Category, Check, CheckInfo, Issue, ParagraphView, Severity};

static INFO: CheckInfo = CheckInfo {
    id: "accuracy.entities",
    category: Category::Accuracy,
    severity: Severity::Error,
    summary: "a URL, e-mail address, hashtag, @handle or code of the source missing from the target",
    example: "报告全文可在 https://www.cac.gov.cn/ 查阅。 → “…available on the website.”",
};

#[derive(Debug, Clone, Copy)]
pub struct Entities;

/// What an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Url,
    Email,
    Hashtag,
    Handle,
    Code,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Url => "the URL",
            Kind::Email => "the e-mail address",
            Kind::Hashtag => "the hashtag",
            Kind::Handle => "the handle",
            Kind::Code => "the code",
        }
    }
}

/// A token: a run of characters other than spaces, CJK characters and CJK punctuation.
fn tokens(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        // A hashtag runs on through CJK characters, up to a closing '#' (#数字中国#).
        if let Some(s) = start
            && text[s..].starts_with('#')
            && !c.is_whitespace()
        {
            if c == '#' && i > s {
                out.push(s..i + 1);
                start = None;
            }
            continue;
        }
        let part = !(c.is_whitespace()
            || super::script::is_cjk(c)
            || crate::document::units::is_private_use(c)
            || matches!(c as u32, 0x3000..=0x303F | 0xFF00..=0xFF0F | 0xFF1A..=0xFF20 | 0x2018..=0x201F));
        match (part, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(s..text.len());
    }
    out
}

/// Trims the punctuation around a token.
fn trim(text: &str, mut r: Range<usize>, keep_slash: bool) -> Range<usize> {
    let lead = |c: char| matches!(c, '(' | '[' | '{' | '<' | '"' | '\'' | '«');
    let trail = |c: char| {
        matches!(
            c,
            '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '>' | '"' | '\'' | '»'
        ) || (!keep_slash && c == '/')
    };
    while let Some(c) = text[r.clone()].chars().next().filter(|&c| lead(c)) {
        r.start += c.len_utf8();
    }
    while let Some(c) = text[r.clone()].chars().next_back().filter(|&c| trail(c)) {
        r.end -= c.len_utf8();
    }
    r
}

/// The entities of `text`, in order.
pub(crate) fn entities(text: &str) -> Vec<(Kind, Range<usize>)> {
    let mut out = Vec::new();
    for t in tokens(text) {
        let raw = &text[t.clone()];
        let lower = raw.to_ascii_lowercase();
        if let Some(at) = lower
            .find("http://")
            .or(lower.find("https://"))
            .or(lower.find("www."))
        {
            let r = trim(text, t.start + at..t.end, true);
            if text[r.clone()].contains('.') {
                out.push((Kind::Url, r));
            }
            continue;
        }
        let r = trim(text, t.clone(), false);
        let tok = &text[r.clone()];
        if tok.is_empty() {
            continue;
        }
        if let Some((user, host)) = tok.split_once('@') {
            if !user.is_empty()
                && host.contains('.')
                && !host.ends_with('.')
                && user
                    .chars()
                    .all(|c| c.is_alphanumeric() || "._+-".contains(c))
                && host
                    .chars()
                    .all(|c| c.is_alphanumeric() || ".-".contains(c))
            {
                out.push((Kind::Email, r));
                continue;
            }
            if user.is_empty() && is_name(host) && host.len() >= 2 {
                out.push((Kind::Handle, r));
                continue;
            }
        }
        if let Some(tag) = tok.strip_prefix('#') {
            let tag = tag.strip_suffix('#').unwrap_or(tag);
            if !tag.is_empty() && !tag.chars().all(|c| c.is_ascii_digit()) && is_name(tag) {
                out.push((Kind::Hashtag, r));
            }
            continue;
        }
        for code in codes(text, r) {
            out.push((Kind::Code, code));
        }
    }
    out
}

fn is_name(s: &str) -> bool {
    s.chars().all(|c| c.is_alphanumeric() || c == '_')
}

/// Codes in a token: parts of ASCII letters, digits and inner hyphens with both a letter
/// and a digit, not a number with a unit (`10km`, `5kg`) or an ordinal (`2nd`).
fn codes(text: &str, r: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let tok = &text[r.clone()];
    let mut start = None;
    let push = |s: usize, e: usize, out: &mut Vec<Range<usize>>| {
        let mut e = e;
        while e > s && tok.as_bytes()[e - 1] == b'-' {
            e -= 1;
        }
        let part = &tok[s..e];
        let letters = part.bytes().filter(u8::is_ascii_alphabetic).count();
        let digits = part.bytes().filter(u8::is_ascii_digit).count();
        if letters == 0 || digits == 0 || part.len() < 2 {
            return;
        }
        // A number and a lower-case unit or ordinal suffix: 10km, 3.5kg, 2nd, 90s.
        let unit_like = part
            .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ',')
            .chars()
            .all(|c| c.is_ascii_lowercase());
        let leading_digit = part.starts_with(|c: char| c.is_ascii_digit());
        if leading_digit && unit_like {
            return;
        }
        out.push(r.start + s..r.start + e);
    };
    for (i, c) in tok.char_indices() {
        let part = c.is_ascii_alphanumeric() || (c == '-' && start.is_some());
        match (part, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                push(s, i, &mut out);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        push(s, tok.len(), &mut out);
    }
    out
}

/// Lower-case letters and digits only: how codes are compared.
fn squeeze(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A URL without scheme and final slash, lower-cased.
fn bare_url(s: &str) -> String {
    let lower = s.to_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .unwrap_or(&lower);
    rest.trim_end_matches('/').to_string()
}

impl Check for Entities {
    fn info(&self) -> &'static CheckInfo {
        &INFO
    }

    fn check_paragraph(&self, para: &ParagraphView<'_>, out: &mut Vec<Issue>) {
        let Some(unit) = para.unit() else {
            return;
        };
        let source = unit.source();
        if !source.is_ascii() && !source.bytes().any(|b| b.is_ascii_alphanumeric()) {
            return;
        }
        let found = entities(source);
        if found.is_empty() {
            return;
        }
        let target = para.text;
        let lower = target.to_lowercase();
        let squeezed = squeeze(target);
        let target_hashtags = entities(target)
            .iter()
            .filter(|(k, _)| *k == Kind::Hashtag)
            .count();
        let source_cjk = source.chars().any(super::script::is_cjk);
        let mut hashtags_seen = 0;
        for (kind, r) in found {
            let text = &source[r.clone()];
            let present = match kind {
                Kind::Url => lower.contains(&bare_url(text)),
                Kind::Email | Kind::Handle => lower.contains(&text.to_lowercase()),
                Kind::Hashtag => {
                    hashtags_seen += 1;
                    lower.contains(&text.to_lowercase())
                        || (source_cjk && hashtags_seen <= target_hashtags)
                }
                Kind::Code => squeezed.contains(&squeeze(text)),
            };
            if !present {
                out.push(
                    Issue::in_source(
                        &INFO,
                        unit.index,
                        r,
                        format!(
                            "{} “{text}” of the source is missing from the target",
                            kind.name()
                        ),
                    )
                    .suggest(text),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::{assert_silent_pairs, flagged_pair};

    #[test]
    fn finds_entities() {
        let s = "详见 https://www.cac.gov.cn/，或致信 press@cac.gov.cn，关注@CAC_news 和 #数字中国 ，5G、A320neo、COVID-19 与 10km。";
        let found: Vec<(Kind, &str)> = entities(s).into_iter().map(|(k, r)| (k, &s[r])).collect();
        assert_eq!(
            found,
            [
                (Kind::Url, "https://www.cac.gov.cn/"),
                (Kind::Email, "press@cac.gov.cn"),
                (Kind::Handle, "@CAC_news"),
                (Kind::Hashtag, "#数字中国"),
                (Kind::Code, "5G"),
                (Kind::Code, "A320neo"),
                (Kind::Code, "COVID-19"),
            ]
        );
    }

    #[test]
    fn flags_entities_the_target_lacks() {
        assert_eq!(
            flagged_pair(
                Entities,
                "报告全文可在 https://www.cac.gov.cn/ 查阅。",
                "The full text of the report is available on the administration's website."
            ),
            ["source:https://www.cac.gov.cn/"]
        );
        assert_eq!(
            flagged_pair(
                Entities,
                "请发邮件至 info@example.org 或关注 @example。",
                "Please write to us or follow @example."
            ),
            ["source:info@example.org"]
        );
        assert_eq!(
            flagged_pair(Entities, "新增5G用户。", "New users were added."),
            ["source:5G"]
        );
    }

    #[test]
    fn silent_when_the_entities_are_carried_over() {
        assert_silent_pairs(
            Entities,
            &[
                (
                    "报告全文可在 https://www.cac.gov.cn/ 查阅。",
                    "The full report is at www.cac.gov.cn.",
                ),
                ("新增5G用户。", "New 5g users were added."),
                ("新冠肺炎（COVID-19）疫情", "the Covid 19 epidemic"),
                ("跑了10km。", "He ran 10 kilometres."),
                (
                    "话题 #数字中国 热度高。",
                    "The topic #DigitalChina is trending.",
                ),
                ("第1名", "first place"),
                ("没有实体。", "No entities."),
            ],
        );
    }
}
