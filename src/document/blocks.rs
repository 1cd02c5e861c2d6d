//! Splitting a text into paragraphs: one per line for MT output, or blank-line separated
//! blocks for hard-wrapped prose and Markdown, with Markdown's structural lines recognised.

use std::ops::Range;

use super::lines::LineIndex;

/// How the file's text is structured, chosen from the file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TextFormat {
    /// Plain text: every line is a paragraph, unless the text is hard-wrapped.
    Plain,
    /// Markdown: headings, lists, quotes, tables and code blocks are recognised.
    Markdown,
}

impl TextFormat {
    pub fn from_name(name: &str) -> Self {
        let lower = name.to_ascii_lowercase();
        if [".md", ".markdown", ".mdown", ".mkd"]
            .iter()
            .any(|ext| lower.ends_with(ext))
        {
            TextFormat::Markdown
        } else {
            TextFormat::Plain
        }
    }
}

/// What kind of block a paragraph is. Checks use it to skip code and tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    /// Running text (in plain text files, every paragraph).
    Text,
    /// A Markdown heading (`# …` or an underlined setext heading).
    Heading,
    /// A Markdown list item; the span starts after the marker.
    ListItem,
    /// A Markdown block quote; the span starts after the `>`.
    Quote,
    /// A fenced or indented code block: never checked as prose.
    Code,
    /// A Markdown table row.
    Table,
    /// A thematic break such as `---`.
    Rule,
    /// A Markdown link reference definition: `[label]: https://…`.
    Reference,
}

impl BlockKind {
    /// Whether checks for running text apply to this block.
    pub fn is_prose(self) -> bool {
        matches!(
            self,
            BlockKind::Text | BlockKind::Heading | BlockKind::ListItem | BlockKind::Quote
        )
    }
}

/// A paragraph: its content span (markers and surrounding blanks excluded) and its lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    /// Byte span of the content in the file.
    pub span: Range<usize>,
    /// 0-based line numbers covered: `first..last + 1`.
    pub lines: Range<usize>,
    pub kind: BlockKind,
}

/// Splits `text` into paragraphs. `body_start` skips a byte order mark.
pub fn split_paragraphs(
    text: &str,
    index: &LineIndex,
    format: TextFormat,
    body_start: usize,
) -> (Vec<Paragraph>, bool) {
    let lines: Vec<Range<usize>> = index
        .line_ranges(text)
        .map(|mut r| {
            r.start = r.start.max(body_start).min(r.end);
            r
        })
        .collect();
    match format {
        TextFormat::Plain => {
            let wrapped = looks_hard_wrapped(text, &lines);
            (plain_paragraphs(text, &lines, wrapped), wrapped)
        }
        TextFormat::Markdown => (markdown_paragraphs(text, &lines), true),
    }
}

fn trimmed(text: &str, r: &Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let start = r.start + (s.len() - s.trim_start().len());
    let end = r.end - (s.len() - s.trim_end().len());
    start..end.max(start)
}

fn ends_sentence(line: &str) -> bool {
    line.trim_end().chars().next_back().is_some_and(|c| {
        matches!(
            c,
            '.' | '!'
                | '?'
                | ':'
                | ';'
                | '"'
                | '”'
                | '’'
                | '\''
                | ')'
                | ']'
                | '…'
                | '。'
                | '！'
                | '？'
        )
    })
}

/// A plain text is hard-wrapped when its lines are short and at least one line break falls
/// inside a sentence (a line without closing punctuation followed by a lower-case word).
fn looks_hard_wrapped(text: &str, lines: &[Range<usize>]) -> bool {
    let mut nonblank = 0usize;
    let mut long = 0usize;
    let mut mid_sentence_breaks = 0usize;
    let mut prev: Option<&str> = None;
    for r in lines {
        let line = text[r.clone()].trim();
        if line.is_empty() {
            prev = None;
            continue;
        }
        nonblank += 1;
        if line.len() > 100 && line.chars().count() > 100 {
            long += 1;
        }
        if let Some(p) = prev
            && !ends_sentence(p)
            && line.chars().next().is_some_and(char::is_lowercase)
        {
            mid_sentence_breaks += 1;
        }
        prev = Some(line);
    }
    mid_sentence_breaks > 0 && long * 20 <= nonblank
}

fn plain_paragraphs(text: &str, lines: &[Range<usize>], wrapped: bool) -> Vec<Paragraph> {
    let mut out: Vec<Paragraph> = Vec::new();
    let mut open = false;
    let mut prev_blank = true;
    // The indentation of the last line of prose, against which examples stand out.
    let mut prose_indent: Option<usize> = None;
    // The indentation of the code block being read, if the last paragraph is one.
    let mut code_indent: Option<usize> = None;
    // Lines before this one were found not to start code (so each is read once).
    let mut prose_until = 0;
    for (i, r) in lines.iter().enumerate() {
        let t = trimmed(text, r);
        if t.is_empty() {
            open = false;
            prev_blank = true;
            continue;
        }
        let line = &text[r.clone()];
        let indent = indentation(line);
        let extend = |out: &mut Vec<Paragraph>| {
            if let Some(last) = out.last_mut() {
                last.span.end = t.end;
                last.lines.end = i + 1;
            }
        };
        // An example more indented than the prose around it (a manual's commands and
        // their output, an address set off on its own line) is not prose.
        if code_indent.is_some_and(|c| indent >= c) && (!prev_blank || looks_like_code(line)) {
            extend(&mut out);
            prev_blank = false;
            continue;
        }
        code_indent = None;
        if prose_indent.is_some_and(|p| indent >= p + 4)
            && (prev_blank || !open)
            && i >= prose_until
        {
            let (code, read) = block_looks_like_code(text, &lines[i..], indent);
            prose_until = i + read;
            if code {
                out.push(Paragraph {
                    span: t,
                    lines: i..i + 1,
                    kind: BlockKind::Code,
                });
                code_indent = Some(indent);
                open = false;
                prev_blank = false;
                continue;
            }
        }
        prev_blank = false;
        // Bulleted and numbered items are list items in plain text too; so are the
        // entries of an indented definition list ("  -v     Request verbose logging.").
        let marker = match markdown_marker(line) {
            Some((BlockKind::ListItem, content_at))
                if !(wrapped && open && !may_interrupt_paragraph(line)) =>
            {
                Some((BlockKind::ListItem, content_at))
            }
            Some(_) => None,
            None => column_layout(line),
        };
        if wrapped
            && open
            && marker.is_none()
            && let Some(last) = out.last_mut()
        {
            last.span.end = t.end;
            last.lines.end = i + 1;
            prose_indent = Some(indent);
            continue;
        }
        out.push(match marker {
            // An item with no content yet ("- "): its empty text after the marker and its
            // space, where typing keeps it an item.
            Some((kind, content_at)) => {
                let at = (r.start + content_at).min(r.end);
                Paragraph {
                    span: at..t.end.max(at),
                    lines: i..i + 1,
                    kind,
                }
            }
            None => Paragraph {
                span: t,
                lines: i..i + 1,
                kind: BlockKind::Text,
            },
        });
        open = marker.is_none_or(|(kind, _)| kind == BlockKind::ListItem);
        if open {
            prose_indent = Some(indent);
        }
    }
    out
}

/// The width of a line's indentation (a tab to the next multiple of 8).
fn indentation(line: &str) -> usize {
    let mut width = 0;
    for c in line.chars() {
        match c {
            ' ' => width += 1,
            '\t' => width = (width / 8 + 1) * 8,
            _ => break,
        }
    }
    width
}

/// Whether an indented line reads as code, a command or an address rather than prose: it
/// has the marks of code (`$ tmux attach`, `{"a": 1}`, `x | y`, `key=value`, `jq '.a'`,
/// `http://…`, `f(x)`), starts with a symbol, or is a word or two.
fn looks_like_code(line: &str) -> bool {
    let s = line.trim();
    let first = s.chars().next().unwrap_or(' ');
    s.contains(['{', '}', '=', '|', '\\', '<', '>', '$', '`', '[', ']'])
        || s.contains(" '")
        || s.starts_with('\'')
        || s.contains("://")
        || s.ends_with(';')
        || s.as_bytes()
            .windows(2)
            .any(|w| w[0].is_ascii_alphanumeric() && w[1] == b'(')
        || !(first.is_alphanumeric() || matches!(first, '"' | '\u{201c}' | '(' | '\u{2018}'))
        || s.split_whitespace().count() <= 2
}

/// Whether any line of the block starting at `lines[0]` (its lines indented at least
/// `indent`, up to a blank line) reads as code.
/// Also how many lines were read: none of them starts code when the answer is no.
fn block_looks_like_code(text: &str, lines: &[Range<usize>], indent: usize) -> (bool, usize) {
    let mut read = 0;
    for r in lines {
        let l = &text[r.clone()];
        if l.trim().is_empty() || indentation(l) < indent {
            break;
        }
        read += 1;
        if looks_like_code(l) {
            return (true, read);
        }
    }
    (false, read)
}

/// An indented line laid out in columns: a definition list's entry ("  -v     Request
/// verbose logging.", its content after the gap) or, with more gaps, a table row.
fn column_layout(line: &str) -> Option<(BlockKind, usize)> {
    let indent = line.len() - line.trim_start().len();
    if indent < 2 {
        return None;
    }
    let bytes = line.as_bytes();
    let mut gaps = Vec::new();
    let mut i = indent;
    while i < bytes.len() {
        if bytes[i] == b' ' {
            let run = bytes[i..].iter().take_while(|&&b| b == b' ').count();
            // Two spaces after a sentence ("end.)  Next") are not a column gap.
            let before = line[..i].trim_end_matches([')', ']', '"', '\'', '\u{201d}', '\u{2019}']);
            let after_stop = before.ends_with(['.', ':', '?', '!']);
            if run >= 2 && i + run < bytes.len() && !after_stop {
                gaps.push(i + run);
            }
            i += run;
        } else {
            i += 1;
        }
    }
    match gaps[..] {
        [] => None,
        [content] if content - indent <= 32 => Some((BlockKind::ListItem, content)),
        [_] => None,
        _ => Some((BlockKind::Table, indent)),
    }
}

/// The Markdown marker at the start of a line, if any, and where the content starts.
fn markdown_marker(line: &str) -> Option<(BlockKind, usize)> {
    let indent = line.len() - line.trim_start().len();
    let rest = &line[indent..];
    let bytes = rest.as_bytes();
    let first = *bytes.first()?;
    match first {
        b'#' => {
            let hashes = bytes.iter().take_while(|&&b| b == b'#').count();
            if hashes <= 6 && bytes.get(hashes).is_none_or(|b| *b == b' ' || *b == b'\t') {
                let content = rest[hashes..].trim_start();
                return Some((BlockKind::Heading, line.len() - content.len()));
            }
        }
        b'>' => {
            let content = rest[1..].trim_start();
            return Some((BlockKind::Quote, line.len() - content.len()));
        }
        b'|' => return Some((BlockKind::Table, indent)),
        b'[' if is_link_definition(rest) => return Some((BlockKind::Reference, indent)),
        b'-' | b'*' | b'_' if is_rule(rest) => return Some((BlockKind::Rule, indent)),
        b'-' | b'*' | b'+' if bytes.get(1).is_some_and(|b| *b == b' ' || *b == b'\t') => {
            let content = rest[1..].trim_start();
            return Some((BlockKind::ListItem, line.len() - content.len()));
        }
        b'0'..=b'9' => {
            let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
            if digits <= 9
                && matches!(bytes.get(digits), Some(b'.' | b')'))
                && bytes
                    .get(digits + 1)
                    .is_some_and(|b| *b == b' ' || *b == b'\t')
            {
                let content = rest[digits + 1..].trim_start();
                return Some((BlockKind::ListItem, line.len() - content.len()));
            }
        }
        _ => {}
    }
    None
}

/// `[label]: destination`
fn is_link_definition(s: &str) -> bool {
    s.find("]:").is_some_and(|close| {
        close > 1 && !s[1..close].contains(['[', ']']) && s[close + 2..].starts_with([' ', '\t'])
    })
}

fn is_rule(s: &str) -> bool {
    let s = s.trim();
    let Some(c) = s.chars().next() else {
        return false;
    };
    matches!(c, '-' | '*' | '_')
        && s.chars().filter(|&x| x == c).count() >= 3
        && s.chars().all(|x| x == c || x == ' ' || x == '\t')
}

fn is_fence(s: &str) -> Option<&'static str> {
    let s = s.trim_start();
    if s.starts_with("```") {
        Some("```")
    } else if s.starts_with("~~~") {
        Some("~~~")
    } else {
        None
    }
}

/// Whether a list item found by [`markdown_marker`] may start on a line that would otherwise
/// continue an open paragraph: a numbered item only if it is numbered 1 (as in
/// CommonMark), so that "… under section\n7. This requirement …" stays one paragraph.
fn may_interrupt_paragraph(line: &str) -> bool {
    let rest = line.trim_start();
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    digits == 0 || rest[..digits].trim_start_matches('0') == "1"
}

/// The content of a block quote line after its `>` and the one optional space, or `None`
/// when the line is not a quote line (at most three spaces of indentation).
fn quote_content(line: &str) -> Option<(usize, &str)> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    let rest = &line[indent..];
    if indent > 3 || !rest.starts_with('>') {
        return None;
    }
    let mut at = indent + 1;
    if line[at..].starts_with([' ', '\t']) {
        at += 1;
    }
    Some((at, &line[at..]))
}

fn markdown_paragraphs(text: &str, lines: &[Range<usize>]) -> Vec<Paragraph> {
    let mut out: Vec<Paragraph> = Vec::new();
    // Whether the last paragraph may take lazy continuation lines.
    let mut open = false;
    let mut prev_blank = true;
    // Whether the last paragraph lies inside a block quote (whose `>` lines continue it).
    let mut in_quote = false;
    // The content column of the last list item, while its continuation paragraphs may follow.
    let mut list_column: Option<usize> = None;
    let mut i = 0;
    while i < lines.len() {
        let r = &lines[i];
        let line = &text[r.clone()];
        let t = trimmed(text, r);
        if t.is_empty() {
            open = false;
            prev_blank = true;
            in_quote = false;
            i += 1;
            continue;
        }
        if let Some(fence) = is_fence(line) {
            let start = i;
            i += 1;
            while i < lines.len() && is_fence(&text[lines[i].clone()]) != Some(fence) {
                i += 1;
            }
            let last = i.min(lines.len() - 1);
            out.push(Paragraph {
                span: t.start..lines[last].end.max(t.end),
                lines: start..last + 1,
                kind: BlockKind::Code,
            });
            open = false;
            in_quote = false;
            prev_blank = false;
            i += 1;
            continue;
        }
        // An HTML comment opening a line runs to its `-->`: markup, never prose.
        if line.trim_start().starts_with("<!--") {
            let start = i;
            while i + 1 < lines.len() && !text[lines[i].clone()].contains("-->") {
                i += 1;
            }
            out.push(Paragraph {
                span: t.start..trimmed(text, &lines[i]).end.max(t.end),
                lines: start..i + 1,
                kind: BlockKind::Code,
            });
            open = false;
            in_quote = false;
            prev_blank = false;
            i += 1;
            continue;
        }
        let indent = line.len() - line.trim_start().len();
        let continues_item = list_column.is_some_and(|c| indent >= c && indent < c + 4);
        if prev_blank && !open && !continues_item && (line.starts_with('\t') || indent >= 4) {
            let start = i;
            let mut end = t.end;
            while i + 1 < lines.len() {
                let next = &text[lines[i + 1].clone()];
                if next.trim().is_empty() || next.starts_with('\t') || next.starts_with("    ") {
                    i += 1;
                    if !next.trim().is_empty() {
                        end = trimmed(text, &lines[i]).end;
                    }
                } else {
                    break;
                }
            }
            out.push(Paragraph {
                span: t.start..end,
                lines: start..i + 1,
                kind: BlockKind::Code,
            });
            prev_blank = false;
            in_quote = false;
            i += 1;
            continue;
        }
        if let Some((at, inner)) = quote_content(line) {
            if inner.trim().is_empty() {
                // A blank line inside the quote ends its paragraph.
                open = false;
                in_quote = true;
                prev_blank = false;
                i += 1;
                continue;
            }
            let inner_indent = inner.len() - inner.trim_start().len();
            let code = inner.starts_with('\t') || inner_indent >= 4;
            let content = r.start + at + inner_indent;
            let extend_code =
                code && in_quote && !open && out.last().is_some_and(|p| p.kind == BlockKind::Code);
            let extend_text = !code
                && open
                && in_quote
                && markdown_marker(inner).is_none_or(|(k, _)| {
                    k == BlockKind::ListItem && !may_interrupt_paragraph(inner)
                });
            if (extend_code || extend_text)
                && let Some(last) = out.last_mut()
            {
                last.span.end = t.end;
                last.lines.end = i + 1;
            } else if code {
                out.push(Paragraph {
                    span: content..t.end,
                    lines: i..i + 1,
                    kind: BlockKind::Code,
                });
                open = false;
            } else {
                let (kind, skip) = match markdown_marker(inner) {
                    Some((k, skip)) if k != BlockKind::Quote => (k, skip),
                    _ => (BlockKind::Quote, 0),
                };
                let content = (r.start + at + skip).min(r.end);
                out.push(Paragraph {
                    span: content..t.end.max(content),
                    lines: i..i + 1,
                    kind,
                });
                open = matches!(kind, BlockKind::ListItem | BlockKind::Quote);
            }
            in_quote = true;
            prev_blank = false;
            i += 1;
            continue;
        }
        let marker = markdown_marker(line).filter(|&(kind, _)| {
            // A numbered item other than 1 cannot interrupt a paragraph of text.
            !(kind == BlockKind::ListItem
                && open
                && out.last().is_some_and(|p| p.kind == BlockKind::Text)
                && !may_interrupt_paragraph(line))
        });
        // A setext underline turns the open text paragraph into a heading.
        if open
            && let Some(last) = out.last_mut()
            && last.kind == BlockKind::Text
        {
            let s = line.trim();
            if !s.is_empty() && (s.bytes().all(|b| b == b'=') || s.bytes().all(|b| b == b'-')) {
                last.kind = BlockKind::Heading;
                open = false;
                prev_blank = false;
                i += 1;
                continue;
            }
        }
        match marker {
            Some((kind, content_at)) => {
                let content = (r.start + content_at).min(r.end);
                let span = content..t.end.max(content);
                out.push(Paragraph {
                    span,
                    lines: i..i + 1,
                    kind,
                });
                open = matches!(kind, BlockKind::ListItem | BlockKind::Quote);
                list_column = (kind == BlockKind::ListItem).then_some(content_at);
            }
            None => {
                if open && let Some(last) = out.last_mut() {
                    last.span.end = t.end;
                    last.lines.end = i + 1;
                } else {
                    out.push(Paragraph {
                        span: t,
                        lines: i..i + 1,
                        kind: BlockKind::Text,
                    });
                    open = true;
                    if !continues_item {
                        list_column = None;
                    }
                }
            }
        }
        in_quote = false;
        prev_blank = false;
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paras(text: &str, format: TextFormat) -> Vec<(&str, BlockKind)> {
        let idx = LineIndex::new(text);
        split_paragraphs(text, &idx, format, 0)
            .0
            .into_iter()
            .map(|p| (&text[p.span], p.kind))
            .collect()
    }

    fn texts(text: &str, format: TextFormat) -> Vec<&str> {
        paras(text, format).into_iter().map(|(t, _)| t).collect()
    }

    #[test]
    fn one_paragraph_per_line_for_mt_output() {
        let text = "Headline here\nFirst paragraph. It has two sentences.\nSecond one\n";
        assert_eq!(
            texts(text, TextFormat::Plain),
            [
                "Headline here",
                "First paragraph. It has two sentences.",
                "Second one"
            ]
        );
    }

    #[test]
    fn hard_wrapped_prose_joins_lines() {
        let text = "The committee met on Tuesday and\ndiscussed the budget at length.\n\nA new paragraph\nstarts here.\n";
        assert_eq!(
            texts(text, TextFormat::Plain),
            [
                "The committee met on Tuesday and\ndiscussed the budget at length.",
                "A new paragraph\nstarts here."
            ]
        );
    }

    #[test]
    fn long_lines_are_never_wrapped_prose() {
        let long = "word ".repeat(40);
        let text = format!("{long}and\nlowercase start.\n");
        assert_eq!(texts(&text, TextFormat::Plain).len(), 2);
    }

    #[test]
    fn bullets_are_list_items_in_plain_text() {
        let text = "Changes:\n\n * the first fix, which\n   wraps here\n * the second\n";
        assert_eq!(
            paras(text, TextFormat::Plain),
            [
                ("Changes:", BlockKind::Text),
                ("the first fix, which\n   wraps here", BlockKind::ListItem),
                ("the second", BlockKind::ListItem),
            ]
        );
    }

    #[test]
    fn an_empty_item_is_empty_after_its_marker_and_space() {
        // Typing into it at its place keeps the line an item ("- x", not "-x ").
        for (text, format) in [
            ("Intro\n\n- \n", TextFormat::Plain),
            ("Intro\n\n- \n", TextFormat::Markdown),
            ("Intro\n\n> - \n", TextFormat::Markdown),
        ] {
            let idx = LineIndex::new(text);
            let paras = split_paragraphs(text, &idx, format, 0).0;
            let item = paras.last().unwrap();
            assert_eq!(
                item.span,
                text.len() - 1..text.len() - 1,
                "{text:?} {format:?}"
            );
            assert_eq!(item.kind, BlockKind::ListItem, "{text:?} {format:?}");
        }
    }

    #[test]
    fn crlf_and_indentation_trimmed() {
        let text = "  Indented line.  \r\nNext.\r\n";
        assert_eq!(texts(text, TextFormat::Plain), ["Indented line.", "Next."]);
    }

    #[test]
    fn markdown_structure() {
        let text = "# Title\n\nSome text that\nwraps here.\n\n- item one\n- item two\n  continues\n\n> quoted\n\n```\ncode  here\n```\n\n| a | b |\n|---|---|\n\n---\n\nSetext\n======\n\n[ref]: https://example.org\n";
        assert_eq!(
            paras(text, TextFormat::Markdown),
            [
                ("Title", BlockKind::Heading),
                ("Some text that\nwraps here.", BlockKind::Text),
                ("item one", BlockKind::ListItem),
                ("item two\n  continues", BlockKind::ListItem),
                ("quoted", BlockKind::Quote),
                ("```\ncode  here\n```", BlockKind::Code),
                ("| a | b |", BlockKind::Table),
                ("|---|---|", BlockKind::Table),
                ("---", BlockKind::Rule),
                ("Setext", BlockKind::Heading),
                ("[ref]: https://example.org", BlockKind::Reference),
            ]
        );
    }

    #[test]
    fn a_hard_wrapped_block_quote_is_one_paragraph_per_quoted_paragraph() {
        let text = "Intro:\n\n> \u{201c}Will you walk a little faster?\u{201d} said a whiting\n> to a snail.\n>\n> Second stanza\n> ends here.\n\nAfter.\n";
        assert_eq!(
            paras(text, TextFormat::Markdown),
            [
                ("Intro:", BlockKind::Text),
                (
                    "\u{201c}Will you walk a little faster?\u{201d} said a whiting\n> to a snail.",
                    BlockKind::Quote
                ),
                ("Second stanza\n> ends here.", BlockKind::Quote),
                ("After.", BlockKind::Text),
            ]
        );
    }

    #[test]
    fn quotes_hold_code_lists_and_headings() {
        let text = ">      indented tail\n>     of a poem\n>\n> - an item\n> that wraps\n> # Heading\n\n  > quote in a\n  > list item\n";
        assert_eq!(
            paras(text, TextFormat::Markdown),
            [
                ("indented tail\n>     of a poem", BlockKind::Code),
                ("an item\n> that wraps", BlockKind::ListItem),
                ("Heading", BlockKind::Heading),
                ("quote in a\n  > list item", BlockKind::Quote),
            ]
        );
    }

    #[test]
    fn an_html_comment_is_one_block_of_markup() {
        let text = "<!--\nsource: somewhere\nlicense: CC BY-SA 4.0\n-->\n\nText.\n";
        assert_eq!(
            paras(text, TextFormat::Markdown),
            [
                (
                    "<!--\nsource: somewhere\nlicense: CC BY-SA 4.0\n-->",
                    BlockKind::Code
                ),
                ("Text.", BlockKind::Text),
            ]
        );
    }

    #[test]
    fn only_a_first_numbered_item_interrupts_a_paragraph() {
        let md = "The conditions added under section\n7. This requirement applies.\n\nSteps:\n1. one\n2. two\n";
        assert_eq!(
            paras(md, TextFormat::Markdown),
            [
                (
                    "The conditions added under section\n7. This requirement applies.",
                    BlockKind::Text
                ),
                ("Steps:", BlockKind::Text),
                ("one", BlockKind::ListItem),
                ("two", BlockKind::ListItem),
            ]
        );
        let plain = "    The work must carry prominent notices stating that it is\n    released under this License and any conditions added under section\n    7.  This requirement modifies the requirement in section 4.\n";
        assert_eq!(texts(plain, TextFormat::Plain).len(), 1);
    }

    #[test]
    fn an_indented_paragraph_after_a_list_item_continues_it() {
        let text = "1.  The first item.\n\n    More about the first item.\n\nText.\n\n    code\n";
        assert_eq!(
            paras(text, TextFormat::Markdown),
            [
                ("The first item.", BlockKind::ListItem),
                ("More about the first item.", BlockKind::Text),
                ("Text.", BlockKind::Text),
                ("code", BlockKind::Code),
            ]
        );
    }

    #[test]
    fn a_manuals_examples_tables_and_option_lists() {
        let text = "     Each session is persistent and will survive accidental disconnection\n     or intentional detaching.  tmux may be reattached using:\n\n           $ tmux attach\n\n     The options are as follows:\n\n     -v            Request verbose logging.  Log messages will be saved into\n                   the current directory.\n\n             single  single lines using ACS or UTF-8 characters\n\n     {start}       ^    The lowest-numbered window\n";
        assert_eq!(
            paras(text, TextFormat::Plain),
            [
                (
                    "Each session is persistent and will survive accidental disconnection\n     or intentional detaching.  tmux may be reattached using:",
                    BlockKind::Text
                ),
                ("$ tmux attach", BlockKind::Code),
                ("The options are as follows:", BlockKind::Text),
                (
                    "Request verbose logging.  Log messages will be saved into\n                   the current directory.",
                    BlockKind::ListItem
                ),
                (
                    "single lines using ACS or UTF-8 characters",
                    BlockKind::ListItem
                ),
                (
                    "{start}       ^    The lowest-numbered window",
                    BlockKind::Table
                ),
            ]
        );
    }

    #[test]
    fn examples_in_a_text_of_one_paragraph_a_line() {
        let text = "       Just like .foo, but does not output an error.\n\n           jq '.foo?'\n              {\"foo\": 42}\n           => 42\n\n       Next paragraph.\n";
        assert_eq!(
            paras(text, TextFormat::Plain),
            [
                (
                    "Just like .foo, but does not output an error.",
                    BlockKind::Text
                ),
                (
                    "jq '.foo?'\n              {\"foo\": 42}\n           => 42",
                    BlockKind::Code
                ),
                ("Next paragraph.", BlockKind::Text),
            ]
        );
    }

    #[test]
    fn indented_prose_stays_prose() {
        // Paragraphs indented under a headline, as some articles are laid out.
        let text = "Headline of the article\n    The first paragraph says what happened in the capital on Tuesday.\n    The second one was cut off by the\n";
        assert_eq!(
            paras(text, TextFormat::Plain)
                .iter()
                .map(|p| p.1)
                .collect::<Vec<_>>(),
            [BlockKind::Text, BlockKind::Text, BlockKind::Text]
        );
    }

    #[test]
    fn format_from_name() {
        assert_eq!(TextFormat::from_name("a/b.MD"), TextFormat::Markdown);
        assert_eq!(TextFormat::from_name("a.txt"), TextFormat::Plain);
        assert_eq!(TextFormat::from_name("<stdin>"), TextFormat::Plain);
    }
}
