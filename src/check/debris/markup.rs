//! `debris.markup`: HTML left in the text by scraping or a careless export: character
//! entities (`&nbsp;`, `&amp;`, `&#39;`, `&#x2019;`, also escaped twice as `&amp;nbsp;`) with
//! the character they stand for as the suggestion, and tags of real HTML elements (`<p>`,
//! `</p>`, `<br/>`, `<div class="x">`, `<!-- … -->`, whole `<script>…</script>` elements),
//! to be deleted. Text that only looks like markup ("a < b and c > d", "<Title of a Book>")
//! and markup inside URLs and inline code is left alone.
//!
//! Markdown allows inline HTML and entities, so in Markdown documents only what never
//! belongs in Markdown prose is reported: entities escaped twice, and page-level or legacy
//! elements (`<script>`, `<style>`, `<font>`, `<iframe>`, `<meta>`, form controls, …).

use std::ops::Range;

use super::entities::named_entity;
use crate::check::text::{char_before, in_spans, protected_spans};
use crate::check::{Category, Check, CheckInfo, Issue, ParagraphView, Severity};
use crate::document::TextFormat;

static INFO: CheckInfo = CheckInfo {
    id: "debris.markup",
    category: Category::Debris,
    severity: Severity::Warning,
    summary: "HTML entities and tags left in the text",
    example: "the&nbsp;report<br/>said",
};

/// Longest tag (with its attributes) recognised.
const MAX_TAG: usize = 2000;

#[derive(Debug, Clone, Copy)]
pub struct Markup;

/// HTML element names (lower case), sorted for binary search.
static ELEMENTS: &[&str] = &[
    "a",
    "abbr",
    "address",
    "area",
    "article",
    "aside",
    "audio",
    "b",
    "base",
    "bdi",
    "bdo",
    "big",
    "blink",
    "blockquote",
    "body",
    "br",
    "button",
    "canvas",
    "caption",
    "center",
    "cite",
    "code",
    "col",
    "colgroup",
    "data",
    "datalist",
    "dd",
    "del",
    "details",
    "dfn",
    "dialog",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "fieldset",
    "figcaption",
    "figure",
    "font",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hr",
    "html",
    "i",
    "iframe",
    "img",
    "input",
    "ins",
    "kbd",
    "label",
    "legend",
    "li",
    "link",
    "main",
    "map",
    "mark",
    "marquee",
    "meta",
    "meter",
    "nav",
    "nobr",
    "noscript",
    "o:p",
    "object",
    "ol",
    "optgroup",
    "option",
    "output",
    "p",
    "param",
    "picture",
    "pre",
    "progress",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "samp",
    "script",
    "section",
    "select",
    "small",
    "source",
    "span",
    "strike",
    "strong",
    "style",
    "sub",
    "summary",
    "sup",
    "svg",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "time",
    "title",
    "tr",
    "track",
    "tt",
    "u",
    "ul",
    "var",
    "video",
    "wbr",
];

/// Elements that never belong in Markdown prose (reported in Markdown documents too).
static NOT_MARKDOWN: &[&str] = &[
    "base", "blink", "body", "button", "center", "embed", "fieldset", "font", "form", "head",
    "html", "iframe", "input", "link", "marquee", "meta", "noscript", "o:p", "object", "optgroup",
    "option", "param", "script", "select", "style", "textarea", "title",
];

/// Elements that break a line or a block: deleting one between two words needs a space.
static BLOCK: &[&str] = &[
    "article",
    "blockquote",
    "br",
    "dd",
    "div",
    "dt",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "td",
    "th",
    "tr",
    "ul",
];

/// Elements that make sense without attributes or a closing tag.
static BREAKS: &[&str] = &["br", "hr", "wbr"];

/// Attributes that take no value (`<input disabled>`).
static BOOLEAN_ATTRIBUTES: &[&str] = &[
    "allowfullscreen",
    "async",
    "autofocus",
    "autoplay",
    "checked",
    "controls",
    "default",
    "defer",
    "disabled",
    "hidden",
    "loop",
    "multiple",
    "muted",
    "nowrap",
    "open",
    "readonly",
    "required",
    "reversed",
    "selected",
];

/// Windows-1252 characters for the numeric references 128–159 (HTML reads them so).
static CP1252_C1: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

impl Check for Markup {
    fn info(&self) -> &'static CheckInfo {
        &INFO
    }

    fn check_paragraph(&self, para: &ParagraphView<'_>, out: &mut Vec<Issue>) {
        let text = para.text;
        let bytes = text.as_bytes();
        if memchr::memchr2(b'&', b'<', bytes).is_none() {
            return;
        }
        let markdown = para.ctx.doc.format() == TextFormat::Markdown;
        let mut protected: Option<Vec<Range<usize>>> = None;
        let mut closed: Option<Vec<&'static str>> = None;
        let mut is_protected = |at: usize| {
            let spans = protected.get_or_insert_with(|| markup_free_spans(text));
            in_spans(spans, at)
        };
        let mut pos = 0;
        while let Some(p) = memchr::memchr2(b'&', b'<', &bytes[pos..]) {
            let at = pos + p;
            pos = at + 1;
            if bytes[at] == b'&' {
                let Some(entity) = entity_at(text, at) else {
                    continue;
                };
                if (markdown && !entity.escaped_twice) || is_protected(at) {
                    continue;
                }
                pos = entity.end;
                out.push(entity_issue(para, at, &entity));
            } else {
                let Some(mut tag) = tag_at(text, at) else {
                    continue;
                };
                let name = tag.name.unwrap_or("");
                if tag.bare && !BREAKS.contains(&name) {
                    // "<var>" in "--config=<var> <cmd>" is a placeholder; "<b>bold</b>",
                    // "<p>Text" and "word<li>" are markup.
                    let closed = closed
                        .get_or_insert_with(|| closed_elements(text))
                        .contains(&name);
                    // "is_ident<I>(…)", "Option<A>": upper-case names glued to a word are
                    // type parameters unless closed.
                    let upper = bytes.get(at + 1).is_some_and(u8::is_ascii_uppercase);
                    let touches_word = !upper
                        && (char_before(text, at).is_some_and(char::is_alphanumeric)
                            || text[tag.end..]
                                .chars()
                                .next()
                                .is_some_and(char::is_alphanumeric));
                    if !closed && !touches_word {
                        continue;
                    }
                }
                if matches!(name, "script" | "style")
                    && let Some(end) = closing_tag_end(text, tag.end, name)
                {
                    tag.end = end;
                    tag.whole_element = true;
                }
                if markdown && !tag.name.is_some_and(|n| NOT_MARKDOWN.contains(&n)) {
                    continue;
                }
                if is_protected(at) {
                    continue;
                }
                pos = tag.end;
                out.push(tag_issue(para, at, &tag));
            }
        }
    }
}

/// URLs, e-mail addresses and inline code, where markup is not debris. A URL cannot contain
/// `<`, `>` or `"`, so a URL span ends before them (`<a href=https://x.org>this</a>`).
fn markup_free_spans(text: &str) -> Vec<Range<usize>> {
    let mut spans = protected_spans(text);
    for r in &mut spans {
        if !text[r.clone()].starts_with('`')
            && let Some(p) = text[r.clone()].find(['<', '>', '"'])
        {
            r.end = r.start + p;
        }
    }
    spans
}

/// A character reference found in the text.
#[derive(Debug)]
struct Entity {
    end: usize,
    decoded: char,
    escaped_twice: bool,
}

/// Parses a character reference whose body (after the `&`) starts at `start`: `name;`,
/// `#123;` or `#x1F;`. Returns its end and the character it stands for.
fn reference(text: &str, start: usize, need_semicolon: bool) -> Option<(usize, char)> {
    let bytes = text.as_bytes();
    if bytes.get(start) == Some(&b'#') {
        let hex = matches!(bytes.get(start + 1), Some(b'x' | b'X'));
        let digits_at = start + 1 + usize::from(hex);
        let len = bytes[digits_at.min(bytes.len())..]
            .iter()
            .take_while(|b| {
                if hex {
                    b.is_ascii_hexdigit()
                } else {
                    b.is_ascii_digit()
                }
            })
            .count();
        if len == 0 || len > 7 || bytes.get(digits_at + len) != Some(&b';') {
            return None;
        }
        let radix = if hex { 16 } else { 10 };
        let value = u32::from_str_radix(&text[digits_at..digits_at + len], radix).ok()?;
        let c = match value {
            0 => return None,
            0x80..=0x9F => CP1252_C1[(value - 0x80) as usize],
            v => char::from_u32(v)?,
        };
        return Some((digits_at + len + 1, c));
    }
    let len = bytes[start.min(bytes.len())..]
        .iter()
        .take(33)
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    if len == 0 {
        return None;
    }
    let name = &text[start..start + len];
    let c = named_entity(name)?;
    if bytes.get(start + len) == Some(&b';') {
        return Some((start + len + 1, c));
    }
    // Browsers also read a few entities without their semicolon; scraped text has them.
    let next_is_word = bytes
        .get(start + len)
        .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'=');
    if !need_semicolon && matches!(name, "nbsp" | "amp" | "lt" | "gt" | "quot") && !next_is_word {
        return Some((start + len, c));
    }
    None
}

/// The reference starting with the `&` at `at`, followed through double escaping
/// (`&amp;nbsp;` stands for `&nbsp;`, which stands for a non-breaking space).
fn entity_at(text: &str, at: usize) -> Option<Entity> {
    let (mut end, mut decoded) = reference(text, at + 1, false)?;
    let mut escaped_twice = false;
    while decoded == '&' {
        // The decoded "&" begins another reference: "&amp;" + "nbsp;".
        let Some((inner_end, inner)) = reference(text, end, true) else {
            break;
        };
        end = inner_end;
        decoded = inner;
        escaped_twice = true;
    }
    Some(Entity {
        end,
        decoded,
        escaped_twice,
    })
}

fn entity_issue(para: &ParagraphView<'_>, at: usize, entity: &Entity) -> Issue {
    let text = para.text;
    let flagged = &text[at..entity.end];
    let c = entity.decoded;
    let spaced_before = char_before(text, at).is_none_or(char::is_whitespace);
    let spaced_after = text[entity.end..]
        .chars()
        .next()
        .is_none_or(char::is_whitespace);
    let invisible = matches!(
        c,
        '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{2060}' | '\u{feff}'
    );
    let (meaning, suggestions): (String, Vec<String>) = if c.is_whitespace() {
        let space = if spaced_before || spaced_after {
            ""
        } else {
            " "
        };
        let mut s = vec![space.to_string()];
        if c == '\u{a0}' {
            s.push(c.to_string());
        }
        ("a space".into(), s)
    } else if invisible {
        (
            format!("an invisible character (U+{:04X})", u32::from(c)),
            vec![String::new()],
        )
    } else {
        (format!("\u{201c}{c}\u{201d}"), vec![c.to_string()])
    };
    let twice = if entity.escaped_twice {
        ", escaped twice"
    } else {
        ""
    };
    let mut issue = Issue::new(
        &INFO,
        para.abs(at..entity.end),
        format!(
            "HTML entity \u{201c}{flagged}\u{201d} left in the text{twice}; it stands for {meaning}"
        ),
    );
    for s in suggestions {
        issue = issue.suggest(s);
    }
    issue
}

/// A tag or comment found in the text.
#[derive(Debug)]
struct Tag {
    end: usize,
    /// The element's lower-case name; `None` for comments and declarations.
    name: Option<&'static str>,
    /// The span covers a whole element with its content (`<script>…</script>`).
    whole_element: bool,
    /// An opening tag without attributes (`<var>`), which technical prose also uses for
    /// placeholders.
    bare: bool,
}

fn starts_with_ignore_case(s: &[u8], prefix: &[u8]) -> bool {
    s.len() >= prefix.len() && s[..prefix.len()].eq_ignore_ascii_case(prefix)
}

/// Parses the tag, comment or declaration starting with the `<` at `at`.
fn tag_at(text: &str, at: usize) -> Option<Tag> {
    let bytes = text.as_bytes();
    let rest = &bytes[at..];
    let window = &rest[..rest.len().min(MAX_TAG)];
    let find = |needle: &[u8], from: usize| {
        memchr::memmem::find(&window[from..], needle).map(|p| at + from + p + needle.len())
    };
    if rest.starts_with(b"<!--") {
        return find(b"-->", 4).map(|end| Tag {
            end,
            name: None,
            whole_element: false,
            bare: false,
        });
    }
    if starts_with_ignore_case(rest, b"<![cdata[") {
        return find(b"]]>", 9).map(|end| Tag {
            end,
            name: None,
            whole_element: false,
            bare: false,
        });
    }
    if starts_with_ignore_case(rest, b"<!doctype") {
        return find(b">", 9).map(|end| Tag {
            end,
            name: None,
            whole_element: false,
            bare: false,
        });
    }
    let closing = rest.get(1) == Some(&b'/');
    let name_at = 1 + usize::from(closing);
    let name_len = rest[name_at..]
        .iter()
        .take(16)
        .take_while(|b| b.is_ascii_alphanumeric() || **b == b':')
        .count();
    if name_len == 0 || !rest[name_at].is_ascii_alphabetic() {
        return None;
    }
    let raw = &text[at + name_at..at + name_at + name_len];
    // "<Title of a Book>" is a title, not an element: HTML is written in one case.
    if raw.bytes().any(|b| b.is_ascii_lowercase()) && raw.bytes().any(|b| b.is_ascii_uppercase()) {
        return None;
    }
    let lower = raw.to_ascii_lowercase();
    let name: &'static str = ELEMENTS
        .binary_search(&lower.as_str())
        .ok()
        .map(|i| ELEMENTS[i])?;
    let mut i = name_at + name_len;
    let mut valued = 0usize;
    let mut boolean_ok = true;
    let mut attributes = 0usize;
    loop {
        let &b = window.get(i)?;
        if b.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        if b == b'>' {
            i += 1;
            break;
        }
        if b == b'/' && window.get(i + 1) == Some(&b'>') && !closing {
            i += 2;
            break;
        }
        // An attribute must be separated from the name or the previous attribute.
        if closing || (attributes == 0 && !window[i - 1].is_ascii_whitespace()) {
            return None;
        }
        let attr_len = window[i..]
            .iter()
            .take_while(|b| {
                b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.' | b'@')
            })
            .count();
        if attr_len == 0
            || !window[i].is_ascii_alphabetic() && !matches!(window[i], b'_' | b':' | b'@')
        {
            return None;
        }
        let attr = &window[i..i + attr_len];
        i += attr_len;
        attributes += 1;
        let mut j = i;
        while window.get(j).is_some_and(u8::is_ascii_whitespace) {
            j += 1;
        }
        if window.get(j) == Some(&b'=') {
            j += 1;
            while window.get(j).is_some_and(u8::is_ascii_whitespace) {
                j += 1;
            }
            match window.get(j) {
                Some(&q @ (b'"' | b'\'')) => {
                    let close = memchr::memchr(q, &window[j + 1..])?;
                    i = j + 1 + close + 1;
                }
                Some(_) => {
                    let len = window[j..]
                        .iter()
                        .take_while(|b| {
                            !b.is_ascii_whitespace()
                                && !matches!(b, b'>' | b'"' | b'\'' | b'<' | b'`')
                        })
                        .count();
                    if len == 0 {
                        return None;
                    }
                    i = j + len;
                }
                None => return None,
            }
            valued += 1;
        } else {
            let attr = std::str::from_utf8(attr).ok()?.to_ascii_lowercase();
            boolean_ok &= BOOLEAN_ATTRIBUTES.contains(&attr.as_str()) || attr.starts_with("data-");
        }
        if window
            .get(i)
            .is_some_and(|b| !b.is_ascii_whitespace() && *b != b'>' && *b != b'/')
        {
            return None;
        }
    }
    // "<b and c>" is prose: attributes without values must be known boolean ones, unless
    // the tag also has a real `name=value` attribute.
    if attributes > 0 && valued == 0 && !boolean_ok {
        return None;
    }
    let self_closing = window[i - 2] == b'/';
    Some(Tag {
        end: at + i,
        name: Some(name),
        whole_element: false,
        bare: !closing && !self_closing && attributes == 0,
    })
}

/// The elements closed somewhere in `text` (`</p>` → "p"), each once.
fn closed_elements(text: &str) -> Vec<&'static str> {
    let bytes = text.as_bytes();
    let mut out: Vec<&'static str> = Vec::new();
    for p in memchr::memmem::find_iter(bytes, b"</") {
        let len = bytes[p + 2..]
            .iter()
            .take(16)
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b':')
            .count();
        let name = text[p + 2..p + 2 + len].to_ascii_lowercase();
        if let Ok(i) = ELEMENTS.binary_search(&name.as_str())
            && !out.contains(&ELEMENTS[i])
        {
            out.push(ELEMENTS[i]);
        }
    }
    out
}

/// The end of the first closing tag `</name>` at or after `from`, ignoring case.
fn closing_tag_end(text: &str, from: usize, name: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    memchr::memmem::find_iter(&bytes[from..], b"</")
        .map(|p| from + p + 2)
        .find(|&n| {
            bytes.len() >= n + name.len()
                && bytes[n..n + name.len()].eq_ignore_ascii_case(name.as_bytes())
                && matches!(bytes.get(n + name.len()), Some(b'>' | b' ' | b'\t'))
        })
        .and_then(|n| memchr::memchr(b'>', &bytes[n..]).map(|g| n + g + 1))
}

fn tag_issue(para: &ParagraphView<'_>, at: usize, tag: &Tag) -> Issue {
    let text = para.text;
    let flagged = &text[at..tag.end];
    let message = match tag.name {
        None if flagged.starts_with("<!--") => "HTML comment left in the text".to_string(),
        None => format!("HTML declaration \u{201c}{flagged}\u{201d} left in the text"),
        Some(name) if tag.whole_element => {
            format!("HTML <{name}> element left in the text")
        }
        Some(_) => format!("HTML tag \u{201c}{flagged}\u{201d} left in the text"),
    };
    let between_words = !char_before(text, at).is_none_or(char::is_whitespace)
        && !text[tag.end..]
            .chars()
            .next()
            .is_none_or(char::is_whitespace);
    let breaks = tag.name.is_some_and(|n| BLOCK.contains(&n));
    let replacement = if between_words && breaks { " " } else { "" };
    Issue::new(&INFO, para.abs(at..tag.end), message).suggest(replacement)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::{assert_silent, flagged, run, run_named};

    fn suggestions(text: &str) -> Vec<Vec<String>> {
        run(Markup, text)
            .into_iter()
            .map(|i| i.suggestions)
            .collect()
    }

    #[test]
    fn flags_entities_with_their_characters() {
        assert_eq!(
            flagged(
                Markup,
                "the&nbsp;report &amp; more &#39;quoted&#x2019;s&#8212;x"
            ),
            ["&nbsp;", "&amp;", "&#39;", "&#x2019;", "&#8212;"]
        );
        assert_eq!(
            suggestions("A &amp; B, it&#39;s, caf&eacute; &hellip; &rsquo;"),
            [["&"], ["'"], ["é"], ["…"], ["\u{2019}"]]
        );
        assert_eq!(suggestions("the&nbsp;report"), [[" ", "\u{a0}"]]);
        assert_eq!(suggestions("the &nbsp; report"), [["", "\u{a0}"]]);
        assert_eq!(suggestions("soft&shy;hyphen"), [[""]]);
        // HTML reads 128–159 as Windows-1252.
        assert_eq!(suggestions("it&#146;s"), [["\u{2019}"]]);
        // Without the semicolon, as browsers accept it.
        assert_eq!(flagged(Markup, "a&nbsp&nbsp;b"), ["&nbsp", "&nbsp;"]);
    }

    #[test]
    fn follows_double_escaping() {
        let issues = run(Markup, "the&amp;nbsp;report and &amp;amp; this");
        assert_eq!(issues.len(), 2);
        assert_eq!(issues[0].suggestions, [" ", "\u{a0}"]);
        assert!(issues[0].message.contains("escaped twice"));
        assert_eq!(issues[1].suggestions, ["&"]);
        let t = "the&amp;nbsp;report";
        assert_eq!(flagged(Markup, t), ["&amp;nbsp;"]);
    }

    #[test]
    fn flags_tags_and_comments() {
        assert_eq!(
            flagged(
                Markup,
                "<p>Text</p> line<br/>next <br /> and <div class=\"x\">in</div> <span>s</span>"
            ),
            [
                "<p>",
                "</p>",
                "<br/>",
                "<br />",
                "<div class=\"x\">",
                "</div>",
                "<span>",
                "</span>"
            ]
        );
        assert_eq!(
            flagged(
                Markup,
                "See <a href=https://x.org/a?b=1>this</a> and <img src='a.png' alt=\"\">."
            ),
            [
                "<a href=https://x.org/a?b=1>",
                "</a>",
                "<img src='a.png' alt=\"\">"
            ]
        );
        assert_eq!(flagged(Markup, "A<!-- note -->B"), ["<!-- note -->"]);
        assert_eq!(
            flagged(
                Markup,
                "x <script type=\"text/javascript\">var a = 1 < 2;</script> y"
            ),
            ["<script type=\"text/javascript\">var a = 1 < 2;</script>"]
        );
        assert_eq!(
            flagged(Markup, "OLD <P>UPPER</P> <BR>"),
            ["<P>", "</P>", "<BR>"]
        );
        assert_eq!(
            flagged(Markup, "<input disabled> <o:p></o:p>"),
            ["<input disabled>", "<o:p>", "</o:p>"]
        );
    }

    #[test]
    fn placeholders_are_not_tags() {
        assert_silent(
            Markup,
            &[
                "When a package <T> activates a trigger in which a package <I> is interested.",
                "\"git for-each-repo --config=<var> <cmd>\" should not run <cmd> for <var>.",
                "\"git log\" learned \"--diff-merges=<style>\" and merge.<option> and <time>.",
                "The sentence after <area>: prefix does not begin with <s> or <b>.",
                "The method is_ident<I>(ident: &I) and Value<S> and Wrapper<A>.",
            ],
        );
        // With its closing tag, or glued to a word, it is markup.
        assert_eq!(flagged(Markup, "a <b> bold </b> word"), ["<b>", "</b>"]);
        assert_eq!(flagged(Markup, "<p>Text and more"), ["<p>"]);
        assert_eq!(flagged(Markup, "one<li>two"), ["<li>"]);
        assert_eq!(flagged(Markup, "a <hr> rule"), ["<hr>"]);
        assert_eq!(flagged(Markup, "OLD <B>bold</B> text"), ["<B>", "</B>"]);
    }

    #[test]
    fn tag_suggestions_keep_words_apart() {
        assert_eq!(suggestions("line<br>next"), [[" "]]);
        assert_eq!(suggestions("line <br> next"), [[""]]);
        assert_eq!(suggestions("a<span>b</span>c"), [[""], [""]]);
    }

    #[test]
    fn leaves_lookalikes_alone() {
        assert_silent(
            Markup,
            &[
                "If a < b and c > d, then a<b and c>d.",
                "The novel <Title of a Book> was published.",
                "The tag <b and c> is not markup, nor is <p value>.",
                "AT&T and R&D, Q&A; Johnson & Johnson; fish&chips.",
                "Link: https://example.com/page?a=1&amp;b=2&lt=3 and `<p>&nbsp;` in code.",
                "Arrows <- and -> and <= and >= and <<shift>>.",
                "An e-mail <jane@example.org> and <https://example.org>.",
                "Bye-bye, Walla Walla, U.S., e.g., 3.5, 10:30, and so on…",
                "x & y; &unknown; &#; &#xZZ; &#0;",
            ],
        );
    }

    #[test]
    fn markdown_keeps_inline_html_and_entities() {
        let md = "Press <kbd>Ctrl</kbd>&nbsp;+ C.<br>\n\nH<sub>2</sub>O &mdash; <!-- note --> <details><summary>More</summary></details>\n";
        assert!(run_named(Markup, "notes.md", md).is_empty());
        let debris =
            "Text<script>alert(1)</script> and <font color=red>red</font> and &amp;nbsp; here.\n";
        let issues = run_named(Markup, "notes.md", debris);
        let spans: Vec<&str> = issues.iter().map(|i| &debris[i.span.clone()]).collect();
        assert_eq!(
            spans,
            [
                "<script>alert(1)</script>",
                "<font color=red>",
                "</font>",
                "&amp;nbsp;"
            ]
        );
        // The same text in a plain file: everything is debris.
        assert_eq!(run_named(Markup, "notes.txt", md).len(), 12);
    }
}
