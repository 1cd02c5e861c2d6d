//! The content of an XLIFF or TMX source, target or segment: text, references and CDATA
//! into the side's text, inline elements into codes, by each format's rules. Elements whose
//! content is text (`<g>`, `<pc>`, `<mrk>`, `<hi>`) give an opening and a closing code with
//! their content as text between; those whose content is native code (`<bpt>`, `<ept>`,
//! `<ph>`, `<it>`, `<ut>`) are one code, markup and content; empty ones (`<x/>`, `<bx/>`,
//! `<ex/>`, `<sc/>`, `<ec/>`, `<ph/>`) are one code each; an XLIFF 2 `<cp hex="…"/>` is the
//! character it stands for.

use std::ops::Range;

use super::codes::{CodeKind, CodeTag, InlineCode, TooManyCodes};
use super::error::FormatError;
use super::side::Side;
use super::xml::{self, Ev, Scanner};

/// Whose rules classify inline elements.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dialect {
    Xliff1,
    Xliff2,
    Tmx,
}

/// What an inline element is.
enum Inline {
    /// Content is text: an opening code, the text, a closing code.
    Paired(CodeTag),
    /// The element with its content is one code.
    Whole(CodeKind, CodeTag),
    /// An empty element that is one code.
    Empty(CodeKind, CodeTag),
    /// XLIFF 2 `<cp hex="…"/>`: a character.
    CodePoint,
}

fn classify(dialect: Dialect, local: &str, empty: bool, pos: Option<&str>) -> Inline {
    use CodeKind::*;
    let it_kind = match pos {
        Some("open" | "begin") => Open,
        Some("close" | "end") => Close,
        _ => Standalone,
    };
    match (dialect, local) {
        (Dialect::Xliff2, "cp") => Inline::CodePoint,
        (Dialect::Xliff1, "g") => Inline::Paired(CodeTag::G),
        (Dialect::Xliff2, "pc") => Inline::Paired(CodeTag::Pc),
        (Dialect::Xliff1 | Dialect::Xliff2, "mrk") => Inline::Paired(CodeTag::Mrk),
        (Dialect::Tmx, "hi") => Inline::Paired(CodeTag::Hi),
        (_, "x") => Inline::Empty(Standalone, CodeTag::X),
        (_, "bx") => Inline::Empty(Open, CodeTag::Bx),
        (_, "ex") => Inline::Empty(Close, CodeTag::Ex),
        (_, "sc") => Inline::Empty(Open, CodeTag::Sc),
        (_, "ec") => Inline::Empty(Close, CodeTag::Ec),
        (_, "sm") => Inline::Empty(Open, CodeTag::Sm),
        (_, "em") => Inline::Empty(Close, CodeTag::Em),
        (_, "bpt") => Inline::Whole(Open, CodeTag::Bpt),
        (_, "ept") => Inline::Whole(Close, CodeTag::Ept),
        (_, "it") => Inline::Whole(it_kind, CodeTag::It),
        (_, "ph") => Inline::Whole(Standalone, CodeTag::Ph),
        (_, "ut") => Inline::Whole(Standalone, CodeTag::Ut),
        (_, "g" | "pc" | "hi" | "mrk") if empty => Inline::Empty(Standalone, tag_of(local)),
        _ if empty => Inline::Empty(Standalone, CodeTag::Other),
        _ => Inline::Paired(CodeTag::Other),
    }
}

fn tag_of(local: &str) -> CodeTag {
    match local {
        "g" => CodeTag::G,
        "pc" => CodeTag::Pc,
        "hi" => CodeTag::Hi,
        _ => CodeTag::Mrk,
    }
}

/// The attributes of an inline element that say what it is.
struct InlineAttrs<'t> {
    id: Option<xml::Attr<'t>>,
    rid: Option<xml::Attr<'t>>,
    pos: Option<xml::Attr<'t>>,
    mid: Option<xml::Attr<'t>>,
    mtype: Option<xml::Attr<'t>>,
    start_ref: Option<xml::Attr<'t>>,
    i: Option<xml::Attr<'t>>,
    x: Option<xml::Attr<'t>>,
    kind: Option<xml::Attr<'t>>,
    hex: Option<xml::Attr<'t>>,
}

impl<'t> InlineAttrs<'t> {
    /// One pass over the tag's attributes.
    fn of(text: &'t str, tag: &Range<usize>) -> Self {
        let [id, rid, pos, mid, mtype, start_ref, i, x, kind, hex] = xml::attrs(
            text,
            tag,
            [
                "id", "rid", "pos", "mid", "mtype", "startRef", "i", "x", "type", "hex",
            ],
        );
        InlineAttrs {
            id,
            rid,
            pos,
            mid,
            mtype,
            start_ref,
            i,
            x,
            kind,
            hex,
        }
    }

    /// The identity and pairing key of the element.
    fn ids(&self, dialect: Dialect, code: CodeTag) -> (Box<str>, Option<Box<str>>) {
        let value = |a: &Option<xml::Attr<'_>>| a.as_ref().map(|a| Box::<str>::from(&*a.value()));
        match dialect {
            Dialect::Xliff1 => {
                let id = match code {
                    CodeTag::Mrk => value(&self.mid).or_else(|| value(&self.mtype)),
                    _ => value(&self.id),
                };
                (id.unwrap_or_default(), value(&self.rid))
            }
            Dialect::Xliff2 => {
                let id = match code {
                    CodeTag::Ec | CodeTag::Em => value(&self.start_ref).or_else(|| value(&self.id)),
                    _ => value(&self.id),
                };
                (id.unwrap_or_default(), None)
            }
            Dialect::Tmx => {
                let i = value(&self.i);
                let id = match code {
                    CodeTag::Ept => i.clone(),
                    _ => value(&self.x)
                        .or_else(|| i.clone())
                        .or_else(|| value(&self.kind)),
                };
                (id.unwrap_or_default(), i)
            }
        }
    }
}

/// Converts a too-many-codes failure into a format error at `at` (made only if it happens:
/// locating an error counts lines).
pub(crate) fn too_many<'p>(
    sc: &Scanner<'p>,
    at: usize,
) -> impl FnOnce(TooManyCodes) -> FormatError + 'p {
    let place = sc.place;
    move |_| {
        place.error(
            at,
            super::error::ErrorKind::Malformed,
            format!(
                "more than {} inline codes in one segment",
                super::codes::MAX_CODES
            ),
        )
    }
}

/// Reads the content of the element whose start tag (at `open`) was just read, to its end
/// tag: the side (its span the bytes between the tags) and the end tag's span.
pub(crate) fn read_side(
    sc: &mut Scanner<'_>,
    open: &Range<usize>,
    dialect: Dialect,
    codes: &mut Vec<InlineCode>,
) -> Result<(Side, Range<usize>), FormatError> {
    let text = sc.text;
    let mut b = sc.scratch.take().unwrap_or_default();
    // Open paired elements: tag, id, pairing key.
    let mut paired: Vec<(CodeTag, Box<str>, Option<Box<str>>)> = Vec::new();
    loop {
        let Some(e) = sc.next()? else {
            return Err(sc.error(text.len(), "malformed XML: unexpected end"));
        };
        let span = e.span.clone();
        match e.kind {
            Ev::Text => b
                .literal(span.start, &text[span.clone()], codes, text)
                .map_err(too_many(sc, span.start))?,
            Ev::CData => {
                let inner = xml::cdata_content(text, &span);
                b.literal(span.start + "<![CDATA[".len(), inner, codes, text)
                    .map_err(too_many(sc, span.start))?;
            }
            Ev::Ref => {
                let c = xml::resolve_reference(xml::ref_name(text, &span))
                    .ok_or_else(|| sc.error(span.start, "malformed XML: bad reference"))?;
                b.replaced(span, c);
            }
            Ev::Comment | Ev::Pi => {
                let code = InlineCode {
                    kind: CodeKind::Standalone,
                    tag: CodeTag::Comment,
                    id: "".into(),
                    pair: None,
                    markup: span.clone(),
                };
                b.code(code, codes, text)
                    .map_err(too_many(sc, span.start))?;
            }
            Ev::Start | Ev::Empty => {
                let empty = e.kind == Ev::Empty;
                let local = xml::local(xml::tag_name(text, &span));
                let attrs = InlineAttrs::of(text, &span);
                match classify(dialect, local, empty, attrs.pos.as_ref().map(|a| a.raw)) {
                    Inline::CodePoint => {
                        let c = attrs
                            .hex
                            .as_ref()
                            .and_then(|a| u32::from_str_radix(a.raw, 16).ok())
                            .and_then(char::from_u32)
                            .ok_or_else(|| {
                                sc.error(
                                    span.start,
                                    "<cp> needs a hex attribute naming a character",
                                )
                            })?;
                        if !empty {
                            sc.skip_element()?;
                        }
                        b.replaced(span, c);
                    }
                    Inline::Paired(tag) if !empty => {
                        let (id, pair) = attrs.ids(dialect, tag);
                        let code = InlineCode {
                            kind: CodeKind::Open,
                            tag,
                            id: id.clone(),
                            pair: pair.clone(),
                            markup: span.clone(),
                        };
                        b.code(code, codes, text)
                            .map_err(too_many(sc, span.start))?;
                        paired.push((tag, id, pair));
                    }
                    Inline::Paired(tag) => {
                        let (id, pair) = attrs.ids(dialect, tag);
                        let code = InlineCode {
                            kind: CodeKind::Standalone,
                            tag,
                            id,
                            pair,
                            markup: span.clone(),
                        };
                        b.code(code, codes, text)
                            .map_err(too_many(sc, span.start))?;
                    }
                    Inline::Whole(kind, tag) | Inline::Empty(kind, tag) => {
                        let (id, pair) = attrs.ids(dialect, tag);
                        let end = if empty {
                            span.end
                        } else {
                            sc.skip_element()?.end
                        };
                        let code = InlineCode {
                            kind,
                            tag,
                            id,
                            pair,
                            markup: span.start..end,
                        };
                        b.code(code, codes, text)
                            .map_err(too_many(sc, span.start))?;
                    }
                }
            }
            Ev::End => match paired.pop() {
                Some((tag, id, pair)) => {
                    let code = InlineCode {
                        kind: CodeKind::Close,
                        tag,
                        id,
                        pair,
                        markup: span.clone(),
                    };
                    b.code(code, codes, text)
                        .map_err(too_many(sc, span.start))?;
                }
                None => {
                    let side = b.finish_reuse(open.end..span.start);
                    sc.scratch = Some(b);
                    return Ok((side, span));
                }
            },
            Ev::Decl | Ev::DocType => {}
        }
    }
}

/// A `<mrk mtype="seg">` segment of an XLIFF 1.2 `<seg-source>` or `<target>`.
#[derive(Debug)]
pub(crate) struct Segment {
    pub mid: String,
    pub side: Side,
    /// The `<mrk>` start tag (the whole element when self-closing).
    pub start_tag: Range<usize>,
    pub self_closing: bool,
    /// The `</mrk>` end tag (empty at the tag's end when self-closing).
    pub end_tag: Range<usize>,
}

/// The code tables of a trans-unit's segments, by `mid`: a segment's source and target
/// share one.
pub(crate) type SegmentTables = Vec<(String, Vec<InlineCode>)>;

/// The table of segment `mid`, created if new.
pub(crate) fn table_for<'t>(tables: &'t mut SegmentTables, mid: &str) -> &'t mut Vec<InlineCode> {
    let i = match tables.iter().position(|(m, _)| m == mid) {
        Some(i) => i,
        None => {
            tables.push((mid.to_string(), Vec::new()));
            tables.len() - 1
        }
    };
    &mut tables[i].1
}

/// Reads an XLIFF 1.2 `<seg-source>` or segmented `<target>` whose start tag was just
/// read: its `<mrk mtype="seg">` segments (at any depth: Trados wraps them in `<g>`) and
/// the span of the end tag. What lies between segments is not read as text.
pub(crate) fn read_segments(
    sc: &mut Scanner<'_>,
    tables: &mut SegmentTables,
) -> Result<(Vec<Segment>, Range<usize>), FormatError> {
    let text = sc.text;
    let mut segments = Vec::new();
    let mut depth = 0usize;
    loop {
        let Some(e) = sc.next()? else {
            return Err(sc.error(text.len(), "malformed XML: unexpected end"));
        };
        let span = e.span.clone();
        match e.kind {
            Ev::Start | Ev::Empty => {
                let is_seg = xml::local(xml::tag_name(text, &span)) == "mrk"
                    && xml::attr(text, &span, "mtype").is_some_and(|a| a.raw == "seg");
                if !is_seg {
                    if e.kind == Ev::Start {
                        depth += 1;
                    }
                    continue;
                }
                let mid = xml::attr(text, &span, "mid")
                    .map(|a| a.value().into_owned())
                    .unwrap_or_else(|| segments.len().to_string());
                let codes = table_for(tables, &mid);
                if e.kind == Ev::Empty {
                    segments.push(Segment {
                        mid,
                        side: Side::empty_at(span.start),
                        start_tag: span.clone(),
                        self_closing: true,
                        end_tag: span.end..span.end,
                    });
                } else {
                    let (side, end_tag) = read_side(sc, &span, Dialect::Xliff1, codes)?;
                    segments.push(Segment {
                        mid,
                        side,
                        start_tag: span,
                        self_closing: false,
                        end_tag,
                    });
                }
            }
            Ev::End if depth == 0 => return Ok((segments, span)),
            Ev::End => depth -= 1,
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::encoding::Decoded;
    use super::super::xml::Place;
    use super::*;

    /// Reads the content of the first element of `xml` in `dialect`.
    fn side_of(xml: &str, dialect: Dialect) -> (Side, Vec<InlineCode>) {
        let decoded = Decoded::utf8(xml.to_string());
        let mut sc = Scanner::new(Place {
            path: "t",
            decoded: &decoded,
        });
        let open = loop {
            let e = sc.next().unwrap().unwrap();
            if e.kind == Ev::Start {
                break e.span;
            }
        };
        let mut codes = Vec::new();
        let (side, _) = read_side(&mut sc, &open, dialect, &mut codes).unwrap();
        (side, codes)
    }

    fn labels(xml: &str, side: &Side, codes: &[InlineCode]) -> String {
        side.text
            .chars()
            .map(|c| match super::super::codes::placeholder_index(c) {
                Some(i) => codes[i].label(xml),
                None => c.to_string(),
            })
            .collect()
    }

    #[test]
    fn xliff1_inline_codes() {
        let xml = r#"<source>A <g id="1">bold &amp; <x id="2"/></g> <bpt id="3">&lt;i></bpt>it<ept id="3">&lt;/i></ept><ph id="4">{0}</ph><![CDATA[<raw>]]></source>"#;
        let (side, codes) = side_of(xml, Dialect::Xliff1);
        assert_eq!(
            labels(xml, &side, &codes),
            "A {1}bold & {x2}{/1} {3}it{/3}{ph4}<raw>"
        );
        let at = side.text.find("it").unwrap();
        assert_eq!(&xml[side.file_range(at..at + 2)], "it");
        let bpt = side.text.find("it").unwrap() - 3;
        assert_eq!(
            &xml[side.file_range(bpt..bpt + 3)],
            "<bpt id=\"3\">&lt;i></bpt>"
        );
        let raw = side.text.find("<raw>").unwrap();
        assert_eq!(&xml[side.file_range(raw..raw + 5)], "<raw>");
    }

    #[test]
    fn xliff2_inline_codes() {
        let xml = r#"<target><pc id="1">a</pc><sc id="2"/>b<ec startRef="2"/><ph id="3"/><cp hex="0001"/><mrk id="m" type="term">c</mrk></target>"#;
        let (side, codes) = side_of(xml, Dialect::Xliff2);
        assert_eq!(
            labels(xml, &side, &codes),
            "{1}a{/1}{2}b{/2}{ph3}\u{1}{m}c{/m}"
        );
        let ec = codes.iter().find(|c| c.tag == CodeTag::Ec).unwrap();
        assert_eq!(&*ec.id, "2");
    }

    #[test]
    fn tmx_inline_codes() {
        let xml = r#"<seg><bpt i="1" x="1">&lt;b></bpt>x<ept i="1">&lt;/b></ept><ph x="2">&lt;br/></ph><hi x="3">h</hi></seg>"#;
        let (side, codes) = side_of(xml, Dialect::Tmx);
        assert_eq!(labels(xml, &side, &codes), "{1}x{/1}{ph2}{3}h{/3}");
        assert_eq!(codes[0].pair_key(), "1");
        assert_eq!(codes[1].pair_key(), "1");
    }
}
