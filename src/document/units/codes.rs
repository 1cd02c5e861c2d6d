//! Inline codes: the tags and placeholders inside a segment's text (XLIFF `<g>`, `<x/>`,
//! `<bpt>`…, TMX `<bpt>`…, printf and ICU placeholders in PO), each shown in the unit's text
//! as ONE private-use character, so that an editor moves or deletes it whole; and the
//! comparison of a source's codes with its target's that a tag check needs.

use std::collections::HashMap;
use std::ops::Range;

/// Whether a code opens a span, closes one, or stands alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CodeKind {
    Open,
    Close,
    Standalone,
}

/// Where a code comes from: the element or placeholder syntax.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CodeTag {
    /// XLIFF 1.2 `<g>`: a paired element whose content is text.
    G,
    /// XLIFF 1.2 `<x/>`.
    X,
    /// XLIFF 1.2 `<bx/>` (opens) and `<ex/>` (closes).
    Bx,
    Ex,
    /// A placeholder element: XLIFF 1.2 `<ph>…</ph>`, XLIFF 2 `<ph/>`, TMX `<ph>`.
    Ph,
    /// `<bpt>…</bpt>` and `<ept>…</ept>` (XLIFF 1.2, TMX): native code kept whole.
    Bpt,
    Ept,
    /// `<it>` (isolated tag, XLIFF 1.2 and TMX).
    It,
    /// `<mrk>`: an annotation whose content is text (XLIFF 1.2 and 2).
    Mrk,
    /// XLIFF 2 `<pc>` (paired), `<sc/>`/`<ec/>` (spanning start and end), `<sm/>`/`<em/>`
    /// (marker start and end).
    Pc,
    Sc,
    Ec,
    Sm,
    Em,
    /// TMX `<hi>` (content is text) and `<ut>` (native code).
    Hi,
    Ut,
    /// Another element found inline.
    Other,
    /// A comment or processing instruction inside the text.
    Comment,
    /// A printf directive (`%s`, `%1$d`, `%(name)s`, `%%`).
    Printf,
    /// A brace placeholder (`{0}`, `{name}`, `{count, number}`).
    Brace,
    /// A part of an ICU plural or select (`{count, plural, one {`, `} other {`, `}`, `#`).
    Icu,
    /// A Phrase (Memsource) tag written as text: `{1>`, `<1}`, `{2}`.
    PhraseTag,
    /// A private-use character of the file's own text, protected like a code so that it
    /// cannot be taken for one.
    Literal,
}

/// One inline code of a unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InlineCode {
    pub kind: CodeKind,
    pub tag: CodeTag,
    /// What identifies the code between source and target (an XLIFF `id`, a TMX `x`, an
    /// XLIFF 2 `startRef` for `<ec/>`; for placeholders, the placeholder itself).
    pub id: Box<str>,
    /// The key that pairs an opening code with its closing one, when it is not `id`
    /// (XLIFF 1.2 `rid`, TMX `i`).
    pub pair: Option<Box<str>>,
    /// The code's bytes in the file's text ([`super::BilingualFile::text`]): what is
    /// written back where the placeholder stands.
    pub markup: Range<usize>,
}

impl InlineCode {
    /// The key that pairs this code with its opening or closing partner.
    pub fn pair_key(&self) -> &str {
        self.pair.as_deref().unwrap_or(&self.id)
    }

    /// A short label to show for the code: `{1}` opens, `{/1}` closes, `{x2}` stands
    /// alone; placeholders show themselves (`%s`, `{0}`). `text` is the file's text.
    pub fn label(&self, text: &str) -> String {
        match self.tag {
            CodeTag::Printf | CodeTag::Brace | CodeTag::Icu | CodeTag::PhraseTag => {
                decoded_markup(text, &self.markup)
            }
            // Its id names the character (`U+E000`): an aligned file's source codes
            // have their markup in the source file, not in `text`.
            CodeTag::Literal => format!("{{{}}}", self.id),
            CodeTag::Comment => "{!}".to_string(),
            _ => match self.kind {
                CodeKind::Open => format!("{{{}}}", self.id),
                CodeKind::Close => format!("{{/{}}}", self.id),
                CodeKind::Standalone => {
                    let prefix = match self.tag {
                        CodeTag::X => "x",
                        CodeTag::Ph => "ph",
                        CodeTag::Ut => "ut",
                        CodeTag::It => "it",
                        _ => "",
                    };
                    if prefix.is_empty() {
                        format!("{{{}/}}", self.id)
                    } else {
                        format!("{{{prefix}{}}}", self.id)
                    }
                }
            },
        }
    }
}

impl InlineCode {
    /// What the code is, for an editor's chip: the code's own display text where the
    /// format gives one (XLIFF 1.2 `equiv-text`, XLIFF 2 `disp`/`equiv` and their
    /// `Start`/`End` forms, the `<data>` an XLIFF 2 `dataRef` names, memoQ's
    /// `displaytext`), else the native code an element carries (`<b>` of
    /// `<bpt>&lt;b&gt;</bpt>`), else the element with its id (`<g1>`, `</g1>`, `<x2/>`,
    /// `<g pt1>` for an id that is not a number); placeholders show themselves (`%s`,
    /// `{0}`). One line, not shortened: the editor fits it to the screen. `text` is the
    /// file's text; `opener` is the opening code of a closing tag (whose start tag has the
    /// attributes that describe both).
    pub fn display(&self, text: &str, opener: Option<&InlineCode>) -> String {
        let shown = match self.tag {
            CodeTag::Printf | CodeTag::Brace | CodeTag::Icu | CodeTag::PhraseTag => {
                decoded_markup(text, &self.markup)
            }
            CodeTag::Literal => format!("U+{}", self.id.trim_start_matches("U+")),
            CodeTag::Comment => "<!--\u{2026}-->".to_string(),
            _ => self.element_display(text, opener),
        };
        one_line(&shown)
    }

    fn element_display(&self, text: &str, opener: Option<&InlineCode>) -> String {
        let own = text.get(self.markup.clone()).unwrap_or("");
        let is_end_tag = own.starts_with("</");
        // A closing tag is described by its element's start tag.
        let markup = match opener {
            Some(o) if is_end_tag => text.get(o.markup.clone()).unwrap_or(""),
            _ => own,
        };
        let tag = start_tag(markup);
        let name = super::xml::local(super::xml::tag_name(own, &(0..start_tag(own).end)));
        let attr = |n: &str| {
            if markup.starts_with("</") {
                return None;
            }
            super::xml::attr(markup, &tag, n).map(|a| a.value().into_owned())
        };
        let (disp, equiv, data) = match self.kind {
            CodeKind::Open => ("dispStart", "equivStart", "dataRefStart"),
            CodeKind::Close => ("dispEnd", "equivEnd", "dataRefEnd"),
            CodeKind::Standalone => ("disp", "equiv", "dataRef"),
        };
        let plain = |n: &'static str| (!is_end_tag).then_some(n);
        let given = attr(disp)
            .or_else(|| attr(equiv))
            .or_else(|| plain("disp").and_then(&attr))
            .or_else(|| plain("equiv").and_then(&attr))
            .or_else(|| plain("equiv-text").and_then(&attr))
            .or_else(|| {
                let id = attr(data).or_else(|| plain("dataRef").and_then(&attr))?;
                original_data(text, self.markup.start, &id)
            });
        if let Some(given) = given.filter(|g| !g.trim().is_empty()) {
            return given;
        }
        // The native code an element carries (`<bpt>`, `<ept>`, `<ph>`, `<it>`, `<ut>`).
        let own_tag = start_tag(own);
        if !is_end_tag
            && !own[..own_tag.end].ends_with("/>")
            && let Some(close) = own.rfind("</").filter(|&c| c >= own_tag.end)
        {
            let native = super::xml::decode_entities(&own[own_tag.end..close]);
            let native = native.trim();
            if let Some(display) = quoted_after(native, "displaytext=") {
                return display;
            }
            // memoQ writes `{}` where a tag has no native code to show.
            let uninformative = native.len() <= 2 && !native.chars().any(char::is_alphanumeric);
            if !uninformative {
                return native.to_string();
            }
        }
        let name = if name.is_empty() { "code" } else { name };
        let id = match &*self.id {
            "" => String::new(),
            id if id.starts_with(|c: char| c.is_ascii_digit()) => id.to_string(),
            id => format!(" {id}"),
        };
        // An element that closes a pair by itself (`<ept>`, `<ex/>`) is shown as it is.
        match self.kind {
            _ if own[..own_tag.end].ends_with("/>") => format!("<{name}{id}/>"),
            CodeKind::Close if is_end_tag => format!("</{name}{id}>"),
            CodeKind::Standalone => format!("<{name}{id}/>"),
            CodeKind::Open | CodeKind::Close => format!("<{name}{id}>"),
        }
    }
}

/// What each of a unit's codes is ([`InlineCode::display`]), by code number: closing tags
/// described by their opening ones.
pub fn code_displays(codes: &[InlineCode], text: &str) -> Vec<String> {
    codes
        .iter()
        .map(|c| {
            let opener = (c.kind == CodeKind::Close)
                .then(|| {
                    codes.iter().find(|o| {
                        o.kind == CodeKind::Open && o.tag == c.tag && o.pair_key() == c.pair_key()
                    })
                })
                .flatten();
            c.display(text, opener)
        })
        .collect()
}

/// The start tag at the beginning of `markup` (to its first `>` outside quotes).
fn start_tag(markup: &str) -> Range<usize> {
    let mut quote = None;
    for (i, b) in markup.bytes().enumerate() {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if q == b => quote = None,
            (None, b'>') => return 0..i + 1,
            _ => {}
        }
    }
    0..markup.len()
}

/// The content of the XLIFF 2 `<data id="ID">` of the unit whose code starts at `at`: in
/// its `<originalData>`, which comes before the unit's segments.
fn original_data(text: &str, at: usize, id: &str) -> Option<String> {
    let before = text.get(..at)?;
    let data = before.rfind("<originalData")?;
    if before.rfind("<unit").is_some_and(|unit| unit > data) {
        return None;
    }
    let block = &before[data..];
    let block = &block[..block.find("</originalData>").unwrap_or(block.len())];
    let mut rest = block;
    while let Some(i) = rest.find("<data") {
        rest = &rest[i..];
        let tag = start_tag(rest);
        let is_it = super::xml::attr(rest, &tag, "id").is_some_and(|a| a.value() == id);
        if is_it && !rest[..tag.end].ends_with("/>") {
            let content = &rest[tag.end..];
            let end = content.find("</data>").unwrap_or(content.len());
            return Some(super::xml::decode_entities(&content[..end]).into_owned());
        }
        rest = &rest[tag.end.max(1)..];
    }
    None
}

/// The quoted value after `key` in `text` (`displaytext="{0}"`), if any.
fn quoted_after(text: &str, key: &str) -> Option<String> {
    let rest = &text[text.find(key)? + key.len()..];
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let rest = &rest[1..];
    Some(rest[..rest.find(quote)?].to_string())
}

/// `text` on one line: each run of whitespace one space, control characters dropped.
fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().filter(|c| !c.is_control()));
    }
    out
}

/// The markup's text with XML character and entity references resolved (for labels).
fn decoded_markup(text: &str, markup: &Range<usize>) -> String {
    let raw = text.get(markup.clone()).unwrap_or("");
    super::xml::decode_entities(raw).into_owned()
}

/// Number of codes that fit in the Basic Multilingual Plane's private use area.
const BMP_CODES: usize = 0xF8FF - 0xE000 + 1;
/// Codes after those, in Supplementary Private Use Area-A (U+FFFFE/U+FFFFF excluded).
const PLANE15_CODES: usize = 0xFFFFD - 0xF0000 + 1;

/// The most inline codes one unit can have.
pub const MAX_CODES: usize = BMP_CODES + PLANE15_CODES;

/// The placeholder character that stands for code number `index` of a unit.
pub fn placeholder(index: usize) -> Option<char> {
    if index < BMP_CODES {
        char::from_u32(0xE000 + index as u32)
    } else if index < MAX_CODES {
        char::from_u32(0xF0000 + (index - BMP_CODES) as u32)
    } else {
        None
    }
}

/// The code number a placeholder character stands for.
pub fn placeholder_index(c: char) -> Option<usize> {
    let u = c as u32;
    match u {
        0xE000..=0xF8FF => Some((u - 0xE000) as usize),
        0xF0000..=0xFFFFD => Some(BMP_CODES + (u - 0xF0000) as usize),
        _ => None,
    }
}

/// Whether `c` is a private-use character (so a placeholder in a unit's text; the file's
/// own private-use characters are made codes of their own when read).
pub fn is_private_use(c: char) -> bool {
    matches!(c as u32, 0xE000..=0xF8FF | 0xF0000..=0xFFFFD | 0x100000..=0x10FFFD)
}

/// Whether `s` may hold a private-use character (a quick test on UTF-8 lead bytes).
pub(crate) fn may_hold_private_use(s: &str) -> bool {
    s.bytes().any(|b| matches!(b, 0xEE | 0xEF | 0xF3 | 0xF4))
}

/// Too many codes in one unit.
#[derive(Debug)]
pub(crate) struct TooManyCodes;

/// Adds `code` to a unit's table, or finds the same code there (same kind, tag, ids and
/// markup bytes: a target's `<g id="1">` is its source's), and gives its placeholder.
pub(crate) fn intern(
    codes: &mut Vec<InlineCode>,
    code: InlineCode,
    text: &str,
) -> Result<char, TooManyCodes> {
    let markup = text.get(code.markup.clone());
    if let Some(i) = codes.iter().position(|c| {
        c.kind == code.kind
            && c.tag == code.tag
            && c.id == code.id
            && c.pair == code.pair
            // A literal character is its id; its markup may be in another file (an
            // aligned file's source).
            && (c.tag == CodeTag::Literal || text.get(c.markup.clone()) == markup)
    }) {
        return placeholder(i).ok_or(TooManyCodes);
    }
    let c = placeholder(codes.len()).ok_or(TooManyCodes)?;
    codes.push(code);
    Ok(c)
}

/// A code as it occurs in a text, for comparing a source's codes with its target's.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CodeRef {
    /// Byte range in the text (the placeholder character, or a placeholder typed as text).
    pub range: Range<usize>,
    pub kind: CodeKind,
    pub tag: CodeTag,
    /// Identity between source and target.
    pub key: String,
    /// Open/close pairing key.
    pub pair: String,
    /// The label shown for it.
    pub label: String,
}

/// What is wrong with a target's codes compared with its source's.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum CodeProblem {
    /// A code of the source (index into the source's list) that the target lacks.
    Missing { source: usize },
    /// A code of the target (index into the target's list) that the source does not have.
    Added { target: usize },
    /// A code the target has more often than the source.
    Duplicated { target: usize },
    /// A closing code before its opening one, or an opening code never closed, where the
    /// source pairs them.
    Unpaired { target: usize },
    /// Pairs that overlap instead of nesting (`{1}…{2}…{/1}…{/2}`).
    Misnested { target: usize },
}

/// Compares the codes of a target with those of its source: codes missing, added or
/// duplicated, and open/close pairs broken or overlapping in the target where the source
/// has them well paired. Standalone codes may move freely; so may pairs, as wholes.
pub fn compare_codes(source: &[CodeRef], target: &[CodeRef]) -> Vec<CodeProblem> {
    let mut problems = Vec::new();
    let mut available: HashMap<(CodeKind, &str), Vec<usize>> = HashMap::new();
    for (i, c) in source.iter().enumerate() {
        available.entry((c.kind, &c.key)).or_default().push(i);
    }
    for list in available.values_mut() {
        list.reverse();
    }
    let mut used: HashMap<(CodeKind, &str), usize> = HashMap::new();
    for (i, c) in target.iter().enumerate() {
        let key = (c.kind, c.key.as_str());
        match available.get_mut(&key).and_then(Vec::pop) {
            Some(_) => *used.entry(key).or_default() += 1,
            None if used.contains_key(&key) => problems.push(CodeProblem::Duplicated { target: i }),
            None => problems.push(CodeProblem::Added { target: i }),
        }
    }
    let mut missing: Vec<usize> = available.into_values().flatten().collect();
    missing.sort_unstable();
    problems.extend(
        missing
            .into_iter()
            .map(|source| CodeProblem::Missing { source }),
    );
    let balanced = well_paired(source);
    let mut open: Vec<(usize, &str)> = Vec::new();
    for (i, c) in target.iter().enumerate() {
        if !balanced.contains(&c.pair.as_str()) {
            continue;
        }
        match c.kind {
            CodeKind::Open => open.push((i, &c.pair)),
            CodeKind::Close => match open.iter().rposition(|(_, p)| *p == c.pair) {
                Some(at) if at + 1 == open.len() => {
                    open.pop();
                }
                Some(at) => {
                    problems.push(CodeProblem::Misnested { target: i });
                    open.remove(at);
                }
                None => problems.push(CodeProblem::Unpaired { target: i }),
            },
            CodeKind::Standalone => {}
        }
    }
    problems.extend(
        open.into_iter()
            .map(|(target, _)| CodeProblem::Unpaired { target }),
    );
    problems
}

/// The pairing keys whose opening and closing codes nest properly in `codes`.
fn well_paired(codes: &[CodeRef]) -> Vec<&str> {
    let mut open: Vec<&str> = Vec::new();
    let mut bad: Vec<&str> = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for c in codes {
        match c.kind {
            CodeKind::Open => {
                open.push(&c.pair);
                seen.push(&c.pair);
            }
            CodeKind::Close => {
                if open.last() == Some(&c.pair.as_str()) {
                    open.pop();
                } else {
                    bad.push(&c.pair);
                }
            }
            CodeKind::Standalone => {}
        }
    }
    bad.extend(open);
    seen.retain(|p| !bad.contains(p));
    seen
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(kind: CodeKind, key: &str) -> CodeRef {
        CodeRef {
            range: 0..3,
            kind,
            tag: CodeTag::G,
            key: key.into(),
            pair: key.into(),
            label: key.into(),
        }
    }

    #[test]
    fn placeholders_round_trip_and_are_private_use() {
        for i in [0, 1, BMP_CODES - 1, BMP_CODES, MAX_CODES - 1] {
            let c = placeholder(i).unwrap();
            assert_eq!(placeholder_index(c), Some(i));
            assert!(is_private_use(c));
            let mut buf = [0; 4];
            assert!(may_hold_private_use(c.encode_utf8(&mut buf)));
        }
        assert_eq!(placeholder(MAX_CODES), None);
        assert!(!is_private_use('a') && !is_private_use('中'));
    }

    #[test]
    fn labels() {
        let text = "<g id=\"1\"></g><x id=\"2\"/>%1$s";
        let code = |kind, tag, id: &str, markup| InlineCode {
            kind,
            tag,
            id: id.into(),
            pair: None,
            markup,
        };
        assert_eq!(
            code(CodeKind::Open, CodeTag::G, "1", 0..10).label(text),
            "{1}"
        );
        assert_eq!(
            code(CodeKind::Close, CodeTag::G, "1", 10..14).label(text),
            "{/1}"
        );
        assert_eq!(
            code(CodeKind::Standalone, CodeTag::X, "2", 14..25).label(text),
            "{x2}"
        );
        assert_eq!(
            code(CodeKind::Standalone, CodeTag::Printf, "%1$s", 25..29).label(text),
            "%1$s"
        );
    }

    #[test]
    fn same_codes_compare_clean_even_reordered() {
        use CodeKind::*;
        let source = [r(Open, "1"), r(Close, "1"), r(Standalone, "x2")];
        let target = [r(Standalone, "x2"), r(Open, "1"), r(Close, "1")];
        assert!(compare_codes(&source, &target).is_empty());
    }

    #[test]
    fn missing_added_duplicated() {
        use CodeKind::*;
        let source = [r(Standalone, "a"), r(Standalone, "b")];
        let target = [r(Standalone, "a"), r(Standalone, "a"), r(Standalone, "c")];
        assert_eq!(
            compare_codes(&source, &target),
            [
                CodeProblem::Duplicated { target: 1 },
                CodeProblem::Added { target: 2 },
                CodeProblem::Missing { source: 1 },
            ]
        );
    }

    #[test]
    fn broken_pairs() {
        use CodeKind::*;
        let source = [r(Open, "1"), r(Open, "2"), r(Close, "2"), r(Close, "1")];
        let crossing = [r(Open, "1"), r(Open, "2"), r(Close, "1"), r(Close, "2")];
        assert_eq!(
            compare_codes(&source, &crossing),
            [CodeProblem::Misnested { target: 2 }]
        );
        let reversed = [r(Close, "1"), r(Open, "1"), r(Open, "2"), r(Close, "2")];
        assert_eq!(
            compare_codes(&source, &reversed),
            [
                CodeProblem::Unpaired { target: 0 },
                CodeProblem::Unpaired { target: 1 }
            ]
        );
        // A code the source itself leaves open (it closes in another segment) may stay so.
        let source = [r(Open, "1")];
        assert!(compare_codes(&source, &[r(Open, "1")]).is_empty());
    }

    #[test]
    fn displays_say_what_each_code_is() {
        let displays = |name: &str| -> Vec<String> {
            let path = format!("{}/fixtures/bilingual/{name}", env!("CARGO_MANIFEST_DIR"));
            let file = crate::document::units::BilingualFile::open(
                std::path::Path::new(&path),
                &crate::document::units::OpenOptions::default(),
            )
            .unwrap();
            let mut out: Vec<String> = file
                .units()
                .iter()
                .flat_map(|u| code_displays(&u.codes, file.text()))
                .collect();
            out.sort();
            out.dedup();
            out
        };
        assert_eq!(displays("news.xlf"), ["</g1>", "<g1>"]);
        // Native code inside <bpt>/<ept>; XLIFF 2 originalData; placeholders as typed.
        assert!(
            displays("news.tmx").contains(&"<b>".to_string()),
            "{:?}",
            displays("news.tmx")
        );
        assert_eq!(
            displays("segments.xliff2.xlf"),
            ["</b>", "<b>", "<br/>", "<ec3/>", "<sc3/>"]
        );
        assert!(
            displays("news.po").contains(&"{0}".to_string()),
            "{:?}",
            displays("news.po")
        );
        // memoQ: the display text of its native tag; `{}` is no native code.
        assert!(displays("memoq.mqxliff").contains(&"<bpt1>".to_string()));
        assert!(
            displays("memoq.mqxliff").contains(&"{0}".to_string()),
            "{:?}",
            displays("memoq.mqxliff")
        );
        let code = |kind, tag, id: &str, markup| InlineCode {
            kind,
            tag,
            id: id.into(),
            pair: None,
            markup,
        };
        let parts = [
            "<x id=\"2\"/>",
            "<x id=\"3\" equiv-text=\"[img]\"/>",
            "<pc id=\"p\" dispStart=\"&lt;i>\" dispEnd=\"&lt;/i>\">",
            "</pc>",
        ];
        let text = parts.concat();
        let text = text.as_str();
        let mut at = 0;
        let mut spans = parts.iter().map(|p| {
            at += p.len();
            at - p.len()..at
        });
        let mut next = || spans.next().unwrap();
        let codes = [
            code(CodeKind::Standalone, CodeTag::X, "2", next()),
            code(CodeKind::Standalone, CodeTag::X, "3", next()),
            code(CodeKind::Open, CodeTag::Pc, "p", next()),
            code(CodeKind::Close, CodeTag::Pc, "p", next()),
        ];
        assert_eq!(
            code_displays(&codes, text),
            ["<x2/>", "[img]", "<i>", "</i>"]
        );
    }
}
