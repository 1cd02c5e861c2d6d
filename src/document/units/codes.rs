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
}
