//! Bilingual files as lists of units: XLIFF 1.2 (with the Trados, memoQ, Phrase and Okapi
//! variants), XLIFF 2.x, gettext PO, TMX 1.4, TSV/CSV with source and target columns, and a
//! source text aligned with its machine translation.
//!
//! A [`Unit`] has an id (unique in the file), a target, usually a source, notes and context
//! where the format has them, and a [`UnitState`]. Each side's text is plain text —
//! references, escapes and CDATA resolved — in which every inline code (an XLIFF `<g>`, a
//! TMX `<bpt>`, a printf `%s` in PO…) is ONE private-use character standing for the code's
//! markup, listed in the unit's [`Unit::codes`]: an editor moves or deletes it whole, and a
//! check compares a source's codes with its target's ([`BilingualFile::codes_in`],
//! [`compare_codes`]). Each [`Side`] knows its span in the file and maps offsets in its text
//! to offsets in the file ([`Side::file_range`]), so an issue found in a target's text is
//! reported where it is in the file ([`BilingualFile::byte_offset`],
//! [`BilingualFile::position`]).
//!
//! Writing back ([`BilingualFile::save`]) changes only the bytes of the edited targets and
//! of their state (XLIFF 1.2 `state="translated"`, Trados `conf`, memoQ `mq:status`, Phrase
//! `m:confirmed`, XLIFF 2 `state` on the segment, PO's `fuzzy` flag dropped); everything
//! else — comments, whitespace, attribute order, namespaces, CDATA, references, other
//! units — stays byte for byte, and a save without edits gives the file's bytes back.
//! A target the file lacks is inserted, indented like its source.
//!
//! For the checks that read a [`Document`], [`BilingualFile::joined_targets`] gives all
//! targets as one text, one paragraph a unit, with the way back to each unit and the file.
//!
//! Offsets: for a UTF-8 file (the usual case) spans are byte offsets into the file. For
//! other encodings ([`FileEncoding`]) spans are offsets into the decoded text
//! ([`BilingualFile::text`]), and [`BilingualFile::byte_offset`] turns them into byte
//! offsets of the file; saving encodes edits back into the file's encoding.
//!
//! ```
//! use mtpe::document::units::{BilingualFile, OpenOptions, Stage, TargetEdit};
//!
//! let xliff = r#"<?xml version="1.0" encoding="UTF-8"?>
//! <xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
//!   <file original="news.txt" source-language="zh-CN" target-language="en-US" datatype="plaintext">
//!     <body>
//!       <trans-unit id="1">
//!         <source>营收<g id="b">2.05亿</g>元</source>
//!         <target state="needs-review-translation">Revenue <g id="b">250 million</g> yuan</target>
//!       </trans-unit>
//!     </body>
//!   </file>
//! </xliff>
//! "#;
//! let file = BilingualFile::from_bytes("news.xlf", xliff.as_bytes().to_vec(), &OpenOptions::default())?;
//! let unit = &file.units()[0];
//! assert_eq!(unit.id, "1");
//! // Each inline code is one placeholder character; the code table says what it is.
//! assert_eq!(unit.target.text.chars().count(), "Revenue ".len() + 1 + "250 million".len() + 1 + " yuan".len());
//! let labels: Vec<String> = file.codes_in(unit, &unit.target.text).into_iter().map(|c| c.label).collect();
//! assert_eq!(labels, ["{b}", "{/b}"]);
//! // An offset in the text maps to the file.
//! let at = unit.target.text.find("250").unwrap();
//! let span = unit.target.file_range(at..at + 3);
//! assert_eq!(&file.text()[span.clone()], "250");
//! assert_eq!(file.position(span.start).line, 7);
//! // Save an edit: only that target and its state change.
//! let fixed = unit.target.text.replace("250 million", "205 million");
//! let bytes = file.save(&[TargetEdit { unit: 0, text: fixed, stage: Some(Stage::Translated) }])?;
//! let saved = String::from_utf8(bytes).unwrap();
//! assert!(saved.contains(r#"<target state="translated">Revenue <g id="b">205 million</g> yuan</target>"#));
//! assert_eq!(saved.len(), xliff.len() + "translated".len() - "needs-review-translation".len());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod aligned;
mod codes;
mod delimited;
mod encoding;
mod error;
mod inline;
mod joined;
mod placeholders;
mod po;
mod side;
mod tmx;
mod xliff1;
mod xliff2;
mod xml;
mod xml_edit;

use std::ops::Range;
use std::path::Path;
use std::sync::OnceLock;

pub use codes::{
    CodeKind, CodeProblem, CodeRef, CodeTag, InlineCode, MAX_CODES, code_displays, compare_codes,
    is_private_use, placeholder, placeholder_index,
};
pub use encoding::FileEncoding;
pub use error::{ErrorKind, FormatError, OpenError, SaveError};
pub use joined::JoinedTargets;
pub use placeholders::PlaceholderSyntax;
pub use side::Side;

use super::{Document, LineIndex, Origin, Position, read_bytes};
use encoding::Decoded;
use xml::Place;

/// The bilingual formats, as detected or as forced (`--input-format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum InputFormat {
    /// XLIFF 1.2 or 2.x (the version is read from the file).
    Xliff,
    Po,
    Tmx,
    Tsv,
    Csv,
    /// Not bilingual: a plain text or Markdown document (bilingual only with a source file,
    /// [`BilingualFile::align`]).
    Text,
}

impl InputFormat {
    /// The names accepted for `--input-format`.
    pub const NAMES: &'static [&'static str] = &["xliff", "po", "tmx", "tsv", "csv", "text"];

    /// The format named `name` (`xliff`, `xlf`, `po`, `tmx`, `tsv`, `csv`, `text`, `txt`).
    pub fn from_name(name: &str) -> Option<InputFormat> {
        Some(match name.to_ascii_lowercase().as_str() {
            "xliff" | "xlf" | "sdlxliff" | "mqxliff" | "mxliff" => InputFormat::Xliff,
            "po" | "pot" | "gettext" => InputFormat::Po,
            "tmx" => InputFormat::Tmx,
            "tsv" | "tab" => InputFormat::Tsv,
            "csv" => InputFormat::Csv,
            "text" | "txt" | "plain" | "md" | "markdown" => InputFormat::Text,
            _ => return None,
        })
    }

    /// The format of a file from its name's extension, else from its first bytes (an
    /// `<xliff>` or `<tmx>` root element, a `msgid` line); [`InputFormat::Text`] otherwise.
    pub fn detect(name: &str, bytes: &[u8]) -> InputFormat {
        let lower = name.to_ascii_lowercase();
        let ext = lower.rsplit_once('.').map_or("", |(_, e)| e);
        match ext {
            "xlf" | "xliff" | "xlif" | "sdlxliff" | "mqxliff" | "mxliff" => {
                return InputFormat::Xliff;
            }
            "po" | "pot" => return InputFormat::Po,
            "tmx" => return InputFormat::Tmx,
            "tsv" | "tab" => return InputFormat::Tsv,
            "csv" => return InputFormat::Csv,
            "txt" | "md" | "markdown" | "text" => return InputFormat::Text,
            _ => {}
        }
        let head = sniff_head(bytes);
        let trimmed = head.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
        if trimmed.starts_with('<') {
            match root_element(trimmed).map(xml::local) {
                Some("xliff") => return InputFormat::Xliff,
                Some("tmx") => return InputFormat::Tmx,
                _ => {}
            }
        }
        if head
            .lines()
            .any(|l| l.starts_with("msgid \"") || l.starts_with("msgid\t\""))
        {
            return InputFormat::Po;
        }
        InputFormat::Text
    }
}

/// The first few kilobytes of a file as text (UTF-16 decoded) for detection.
fn sniff_head(bytes: &[u8]) -> String {
    let head = &bytes[..bytes.len().min(4096)];
    let (enc, skip) = encoding_rs::Encoding::for_bom(head).unwrap_or((encoding_rs::UTF_8, 0));
    let enc = if skip == 0 && head.starts_with(b"<\0") {
        encoding_rs::UTF_16LE
    } else if skip == 0 && head.starts_with(b"\0<") {
        encoding_rs::UTF_16BE
    } else {
        enc
    };
    enc.decode_without_bom_handling(&head[skip..])
        .0
        .into_owned()
}

/// The name of the first element of an XML text.
fn root_element(text: &str) -> Option<&str> {
    root_tag(text).map(|(_, name)| name)
}

/// The first element of an XML text: the offset of its `<` and its name.
fn root_tag(text: &str) -> Option<(usize, &str)> {
    let mut rest = text;
    loop {
        let at = rest.find('<')?;
        rest = &rest[at..];
        if rest.starts_with("<?") {
            rest = &rest[rest.find("?>")? + 2..];
        } else if rest.starts_with("<!--") {
            rest = &rest[rest.find("-->")? + 3..];
        } else if rest.starts_with("<!") {
            rest = &rest[rest.find('>')? + 1..];
        } else {
            let name = &rest[1..];
            let end = name
                .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
                .unwrap_or(name.len());
            return Some((text.len() - rest.len(), &name[..end]));
        }
    }
}

/// The tool that wrote an XLIFF 1.2 file, as far as its writing-back rules differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Tool {
    /// Standard XLIFF 1.2: the state is the target's `state` attribute.
    Generic,
    /// Trados Studio `.sdlxliff`: segments' states in `sdl:seg` `conf`.
    Trados,
    /// memoQ `.mqxliff`: `mq:status` on the trans-unit.
    MemoQ,
    /// Phrase (Memsource) `.mxliff`: `m:confirmed` on the trans-unit; tags written as text.
    Phrase,
    /// Okapi (Rainbow, Tikal): standard XLIFF 1.2 with `<seg-source>` segmentation.
    Okapi,
}

/// How the segments of a source text and its MT were paired.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AlignMode {
    /// One segment per line.
    Lines,
    /// Paragraphs separated by blank lines (hard-wrapped text), or Markdown blocks.
    Paragraphs,
}

/// The format of an open bilingual file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "format", content = "variant", rename_all = "lowercase")]
pub enum Format {
    Xliff12(Tool),
    Xliff2,
    Po,
    Tmx,
    Tsv,
    Csv,
    /// A source file and its MT, paired by [`BilingualFile::align`].
    Aligned(AlignMode),
}

impl Format {
    /// A name to show (`XLIFF 1.2 (Trados)`, `gettext PO` …).
    pub fn describe(self) -> &'static str {
        match self {
            Format::Xliff12(Tool::Generic) => "XLIFF 1.2",
            Format::Xliff12(Tool::Trados) => "XLIFF 1.2 (Trados sdlxliff)",
            Format::Xliff12(Tool::MemoQ) => "XLIFF 1.2 (memoQ mqxliff)",
            Format::Xliff12(Tool::Phrase) => "XLIFF 1.2 (Phrase mxliff)",
            Format::Xliff12(Tool::Okapi) => "XLIFF 1.2 (Okapi)",
            Format::Xliff2 => "XLIFF 2",
            Format::Po => "gettext PO",
            Format::Tmx => "TMX",
            Format::Tsv => "TSV",
            Format::Csv => "CSV",
            Format::Aligned(AlignMode::Lines) => "source and MT aligned by line",
            Format::Aligned(AlignMode::Paragraphs) => "source and MT aligned by paragraph",
        }
    }

    fn is_xml(self) -> bool {
        matches!(self, Format::Xliff12(_) | Format::Xliff2 | Format::Tmx)
    }
}

/// How far a unit's translation has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    /// Not translated yet (no target, or an empty one, or marked new).
    New,
    Translated,
    Reviewed,
    Final,
}

/// A unit's state as the file records it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct UnitState {
    pub stage: Stage,
    /// Marked as needing review (PO `fuzzy`, XLIFF `needs-review-*`, a Trados draft, an
    /// unconfirmed memoQ or Phrase segment).
    pub fuzzy: bool,
    /// Locked by the tool (Trados `locked`, memoQ `mq:locked`, Phrase `m:locked`).
    pub locked: bool,
    /// `translate="no"` (on the unit or inherited from its group or file).
    pub translatable: bool,
    /// The state as written in the file (`needs-review-translation`, `Draft`,
    /// `PartiallyEdited`, `fuzzy` …), when there is one.
    pub raw: Option<String>,
}

impl UnitState {
    /// The state of a target in a format without states: new when empty.
    fn from_text(text: &str) -> UnitState {
        UnitState {
            stage: if text.is_empty() {
                Stage::New
            } else {
                Stage::Translated
            },
            fuzzy: false,
            locked: false,
            translatable: true,
            raw: None,
        }
    }
}

/// A note attached to a unit: a translator's or developer's comment, a PO reference.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Note {
    /// Who or what it is from (`translator`, `developer`, `reference`, or an XLIFF
    /// `from`/`category` attribute), when known.
    pub from: Option<String>,
    pub text: String,
}

/// A translation unit: one segment to post-edit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// Unique in the file. XLIFF 1.2: the trans-unit's id, `id/mid` for a segment of a
    /// segmented one; XLIFF 2: the unit's id, `id/segment` when it has several segments;
    /// PO: the msgid (after its msgctxt and U+0004), with `[n]` for plural form n; TMX: the
    /// `tuid` or the unit's number; TSV/CSV: the id column or the row number; aligned
    /// text: the segment's number. With several `<file>`s, ids are prefixed by the file's.
    pub id: String,
    /// The source text; `None` only for aligned files whose source is missing (never).
    pub source: Option<Side>,
    /// The target; empty with an empty span where the file has none yet
    /// ([`Unit::has_target`] false), to be inserted there on save.
    pub target: Side,
    /// Whether the file has a target for this unit.
    pub has_target: bool,
    pub state: UnitState,
    pub notes: Vec<Note>,
    /// PO `msgctxt`, XLIFF `resname`/context, XLIFF 2 `name`.
    pub context: Option<String>,
    /// The unit's inline codes: placeholder character `n` ([`placeholder`]) stands for
    /// `codes[n]`, in the source and in the target.
    pub codes: Vec<InlineCode>,
    /// Placeholders that are codes even when typed as text (`%s` in a PO entry, `{1>` in
    /// a Phrase file): what [`BilingualFile::codes_in`] also looks for.
    pub placeholders: Option<PlaceholderSyntax>,
}

impl Unit {
    /// Whether its target may be edited (not locked, not `translate="no"`).
    pub fn is_editable(&self) -> bool {
        !self.state.locked && self.state.translatable
    }

    /// The code a placeholder character stands for in this unit.
    pub fn code(&self, c: char) -> Option<&InlineCode> {
        self.codes.get(placeholder_index(c)?)
    }
}

/// A new target for a unit, to save.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetEdit {
    /// Index of the unit in [`BilingualFile::units`].
    pub unit: usize,
    /// The target's new text, in the unit's text form (placeholders for its codes).
    pub text: String,
    /// The state to record, or `None` to leave the state as it is.
    pub stage: Option<Stage>,
}

/// How to read a bilingual file.
#[derive(Debug, Clone, Default)]
pub struct OpenOptions {
    /// The format, instead of detecting it.
    pub format: Option<InputFormat>,
    /// TMX and TSV/CSV with language columns: which language is the source, which the
    /// target (`zh`, `en-US`; a language without region matches its regional variants).
    pub source_lang: Option<String>,
    pub target_lang: Option<String>,
}

/// Where the source spans of aligned units are: another file.
#[derive(Debug)]
struct SourceFile {
    name: String,
    text: std::sync::Arc<String>,
    lines: OnceLock<LineIndex>,
}

/// Format-specific knowledge for writing back.
#[derive(Debug)]
enum Layout {
    Xliff1(xliff1::Layout),
    Xliff2(xliff2::Layout),
    Po(po::Layout),
    Tmx(tmx::Layout),
    Delimited(delimited::Layout),
    Aligned,
}

/// An open bilingual file: its units and what is needed to write them back.
#[derive(Debug)]
pub struct BilingualFile {
    name: String,
    origin: Origin,
    format: Format,
    decoded: Decoded,
    units: Vec<Unit>,
    source_lang: Option<String>,
    target_lang: Option<String>,
    lines: OnceLock<LineIndex>,
    source_file: Option<SourceFile>,
    layout: Layout,
}

/// What a format reader gives.
struct Parsed {
    format: Format,
    units: Vec<Unit>,
    source_lang: Option<String>,
    target_lang: Option<String>,
    layout: Layout,
}

impl BilingualFile {
    /// Reads a bilingual file (`-` for standard input), detecting its format unless
    /// `options` gives it. A file that is not in a bilingual format is
    /// [`ErrorKind::UnknownFormat`] (open it as a [`Document`] instead).
    pub fn open(path: &Path, options: &OpenOptions) -> Result<BilingualFile, OpenError> {
        let (origin, bytes) = read_bytes(path)?;
        let mut file = Self::from_bytes(&origin.display_name(), bytes, options)?;
        file.origin = origin;
        Ok(file)
    }

    /// Reads a bilingual file from its bytes; `name` is used for messages and detection.
    pub fn from_bytes(
        name: &str,
        bytes: Vec<u8>,
        options: &OpenOptions,
    ) -> Result<BilingualFile, FormatError> {
        let format = options
            .format
            .unwrap_or_else(|| InputFormat::detect(name, &bytes));
        let declared: fn(&[u8]) -> Option<String> = match format {
            InputFormat::Xliff | InputFormat::Tmx => encoding::xml_declared_encoding,
            InputFormat::Po => po::declared_charset,
            _ => |_| None,
        };
        let decoded = Decoded::new(bytes, declared).map_err(|e| FormatError {
            path: name.to_string(),
            line: e.line,
            column: 1,
            offset: e.offset,
            kind: ErrorKind::Encoding,
            message: e.message,
        })?;
        let place = Place {
            path: name,
            decoded: &decoded,
        };
        let parsed = match format {
            InputFormat::Xliff => parse_xliff(place)?,
            InputFormat::Po => po::parse(place)?,
            InputFormat::Tmx => tmx::parse(place, options)?,
            InputFormat::Tsv => delimited::parse(place, b'\t', options)?,
            InputFormat::Csv => delimited::parse(place, b',', options)?,
            InputFormat::Text => {
                return Err(place.error(
                    0,
                    ErrorKind::UnknownFormat,
                    "not a bilingual file (XLIFF, PO, TMX, TSV or CSV); give its source file to align it with",
                ));
            }
        };
        check_unique_ids(place, &parsed.units)?;
        Ok(BilingualFile {
            name: name.to_string(),
            origin: Origin::Memory(name.to_string()),
            format: parsed.format,
            decoded,
            units: parsed.units,
            source_lang: parsed.source_lang,
            target_lang: parsed.target_lang,
            lines: OnceLock::new(),
            source_file: None,
            layout: parsed.layout,
        })
    }

    /// Pairs the segments of a source text with those of its machine translation: by line
    /// when both have one segment per line, by paragraph otherwise (blank-line separated,
    /// or Markdown blocks), as [`Document`] finds them. Different numbers of segments are
    /// refused, naming the first place where the two diverge.
    pub fn align(source: &Document, target: &Document) -> Result<BilingualFile, FormatError> {
        aligned::align(source, target)
    }

    /// Reads and aligns a source file and its MT (see [`BilingualFile::align`]).
    pub fn open_aligned(source: &Path, target: &Path) -> Result<BilingualFile, OpenError> {
        let source = Document::load(source)?;
        let target = Document::load(target)?;
        Ok(Self::align(&source, &target)?)
    }

    /// The file read from `origin` (its bytes given to [`BilingualFile::from_bytes`]).
    pub fn with_origin(mut self, origin: Origin) -> Self {
        self.origin = origin;
        self
    }

    /// The file's name as given (for messages).
    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn origin(&self) -> &Origin {
        &self.origin
    }

    pub fn format(&self) -> Format {
        self.format
    }

    pub fn encoding(&self) -> FileEncoding {
        self.decoded.encoding
    }

    /// The file's text: its bytes for a UTF-8 file, else its decoded text. All spans
    /// refer to it (those of an aligned file's sources to [`BilingualFile::source_text`]).
    pub fn text(&self) -> &str {
        &self.decoded.text
    }

    /// The file's bytes as read.
    pub fn bytes(&self) -> &[u8] {
        self.decoded.bytes()
    }

    pub fn units(&self) -> &[Unit] {
        &self.units
    }

    /// The source and target languages the file declares (or that were chosen).
    pub fn source_language(&self) -> Option<&str> {
        self.source_lang.as_deref()
    }

    pub fn target_language(&self) -> Option<&str> {
        self.target_lang.as_deref()
    }

    /// The byte offset in the file of an offset into [`BilingualFile::text`] (the same
    /// offset for UTF-8 files).
    pub fn byte_offset(&self, text_offset: usize) -> usize {
        self.decoded.file_offset(text_offset)
    }

    /// 1-based line and character column of an offset into [`BilingualFile::text`].
    pub fn position(&self, text_offset: usize) -> Position {
        position_in(&self.decoded.text, &self.lines, text_offset)
    }

    /// The text the units' source spans refer to: the file's own text, or for an aligned
    /// file, the source file's.
    pub fn source_text(&self) -> &str {
        match &self.source_file {
            Some(s) => &s.text,
            None => self.text(),
        }
    }

    /// The name of the file the source spans are in.
    pub fn source_name(&self) -> &str {
        self.source_file.as_ref().map_or(&self.name, |s| &s.name)
    }

    /// Line and column of an offset into [`BilingualFile::source_text`].
    pub fn source_position(&self, offset: usize) -> Position {
        match &self.source_file {
            Some(s) => position_in(&s.text, &s.lines, offset),
            None => self.position(offset),
        }
    }

    /// All targets as one text, one paragraph a unit, mapped back to units and the file
    /// (for the checks that read a [`Document`]).
    pub fn joined_targets(&self) -> JoinedTargets {
        JoinedTargets::of(self)
    }

    /// The markup a code stands for, as written in the file.
    pub fn code_markup(&self, code: &InlineCode) -> &str {
        self.text().get(code.markup.clone()).unwrap_or("")
    }

    /// The codes in `text`, a text of `unit` (its source's, its target's or an edited
    /// target's), in order: its placeholders, and for PO and Phrase files also
    /// placeholders typed as text (`%s` written by hand is the same code as the source's).
    pub fn codes_in(&self, unit: &Unit, text: &str) -> Vec<CodeRef> {
        let file_text = self.text();
        let mut out = Vec::new();
        for (i, c) in text.char_indices() {
            if let Some(code) = unit.code(c) {
                let label = code.label(file_text);
                // Placeholders are what they say (as typed, references resolved).
                let key = match code.tag {
                    CodeTag::Printf | CodeTag::Brace | CodeTag::PhraseTag | CodeTag::Literal => {
                        label.clone()
                    }
                    _ => code.id.to_string(),
                };
                let pair = match code.tag {
                    CodeTag::PhraseTag | CodeTag::Icu => code.id.to_string(),
                    _ => code.pair_key().to_string(),
                };
                out.push(CodeRef {
                    range: i..i + c.len_utf8(),
                    kind: code.kind,
                    tag: code.tag,
                    key,
                    pair,
                    label,
                });
            }
        }
        if let Some(syntax) = unit.placeholders {
            for f in syntax.find(text) {
                let s = text[f.range.clone()].to_string();
                let pair = f.pair.as_deref().unwrap_or(&f.id).to_string();
                out.push(CodeRef {
                    range: f.range,
                    kind: f.kind,
                    tag: f.tag,
                    key: if matches!(f.tag, CodeTag::Icu) {
                        f.id.to_string()
                    } else {
                        s.clone()
                    },
                    pair,
                    label: s,
                });
            }
            out.sort_by_key(|c| c.range.start);
        }
        out
    }

    /// The file's bytes with `edits` written: only the edited targets' bytes and their
    /// state change (an edit whose text is the target's and whose stage is `None` changes
    /// nothing). The result is for the caller to write (atomically); the file is not
    /// touched. Reopen the result to go on editing.
    pub fn save(&self, edits: &[TargetEdit]) -> Result<Vec<u8>, SaveError> {
        let Some(patches) = self.save_patches(edits)? else {
            return Ok(self.bytes().to_vec());
        };
        self.decoded
            .patched(&patches, self.format.is_xml())
            .map_err(|(i, c)| {
                let at = patches[i].0.start;
                let unit = self
                    .units
                    .iter()
                    .find(|u| u.target.span.start <= at && at <= u.target.span.end)
                    .map_or_else(String::new, |u| u.id.clone());
                SaveError::Unrepresentable {
                    path: self.name.clone(),
                    unit,
                    why: format!(
                        "{} cannot hold U+{:04X} “{c}”; convert the file to UTF-8",
                        self.decoded.encoding.name(),
                        c as u32
                    ),
                }
            })
    }

    /// [`BilingualFile::save`] of a UTF-8 file (whose bytes are its text) as a text, built
    /// from the file's text and the edited targets without reading the result again;
    /// `None` for a file in another encoding.
    pub fn save_text(&self, edits: &[TargetEdit]) -> Result<Option<String>, SaveError> {
        if !self.decoded.is_utf8() {
            return Ok(None);
        }
        Ok(Some(match self.save_patches(edits)? {
            Some(patches) => crate::document::edited_text(self.text(), &patches),
            None => self.text().to_string(),
        }))
    }

    /// The replacements of the file's text that write `edits` (sorted, not overlapping),
    /// or `None` when they change nothing; refused edits are errors.
    fn save_patches(&self, edits: &[TargetEdit]) -> Result<Option<Vec<Patch>>, SaveError> {
        let mut seen = vec![false; self.units.len()];
        for e in edits {
            let Some(unit) = self.units.get(e.unit) else {
                return Err(SaveError::NoSuchUnit {
                    path: self.name.clone(),
                    index: e.unit,
                    count: self.units.len(),
                });
            };
            if std::mem::replace(&mut seen[e.unit], true) {
                return Err(SaveError::EditedTwice {
                    path: self.name.clone(),
                    unit: unit.id.clone(),
                });
            }
            let changes = e.text != unit.target.text || e.stage.is_some();
            if changes && !unit.is_editable() {
                return Err(SaveError::Locked {
                    path: self.name.clone(),
                    unit: unit.id.clone(),
                });
            }
            if let Some((at, c)) = e
                .text
                .char_indices()
                .find(|&(_, c)| is_private_use(c) && unit.code(c).is_none())
            {
                return Err(SaveError::UnknownCode {
                    path: self.name.clone(),
                    unit: unit.id.clone(),
                    code: c as u32,
                    at,
                });
            }
        }
        let mut edits: Vec<&TargetEdit> = edits
            .iter()
            .filter(|e| e.text != self.units[e.unit].target.text || e.stage.is_some())
            .collect();
        if edits.is_empty() {
            return Ok(None);
        }
        edits.sort_by_key(|e| e.unit);
        let mut patches = match &self.layout {
            Layout::Xliff1(l) => l.patches(self, &edits)?,
            Layout::Xliff2(l) => l.patches(self, &edits)?,
            Layout::Po(l) => l.patches(self, &edits)?,
            Layout::Tmx(l) => l.patches(self, &edits)?,
            Layout::Delimited(l) => l.patches(self, &edits)?,
            Layout::Aligned => aligned::patches(self, &edits)?,
        };
        patches.sort_by_key(|(r, _)| (r.start, r.end));
        debug_assert!(
            patches.windows(2).all(|w| w[0].0.end <= w[1].0.start),
            "overlapping patches"
        );
        Ok(Some(patches))
    }

    /// The target text of `edit` written out: escaped by `escape` (which may refuse a
    /// character, saying why), each placeholder replaced by its code's markup.
    fn render(
        &self,
        unit: &Unit,
        text: &str,
        mut escape: impl FnMut(&str, &mut String) -> Result<(), String>,
    ) -> Result<String, SaveError> {
        let mut out = String::with_capacity(text.len() + 16);
        let mut from = 0;
        for (i, c) in text.char_indices() {
            if let Some(code) = unit.code(c) {
                escape(&text[from..i], &mut out).map_err(|why| self.unrepresentable(unit, why))?;
                out.push_str(self.code_markup(code));
                from = i + c.len_utf8();
            }
        }
        escape(&text[from..], &mut out).map_err(|why| self.unrepresentable(unit, why))?;
        Ok(out)
    }

    pub(crate) fn unrepresentable(&self, unit: &Unit, why: String) -> SaveError {
        SaveError::Unrepresentable {
            path: self.name.clone(),
            unit: unit.id.clone(),
            why,
        }
    }
}

/// 1-based line and character column of `offset` in `text` (a BOM not counted).
fn position_in(text: &str, lines: &OnceLock<LineIndex>, offset: usize) -> Position {
    let lines = lines.get_or_init(|| LineIndex::new(text));
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let line = lines.line_of(offset);
    let body_start = if line == 0 && text.starts_with('\u{feff}') {
        3
    } else {
        0
    };
    let start = lines.line_start(line).max(body_start).min(offset);
    Position {
        line: line + 1,
        column: text[start..offset].chars().count() + 1,
    }
}

/// XLIFF 1.2 or 2.x, by the root element's `version`.
fn parse_xliff(place: Place<'_>) -> Result<Parsed, FormatError> {
    let text = place.decoded.text.as_str();
    let Some((at, root)) = root_tag(text) else {
        return Err(place.error(0, ErrorKind::UnknownFormat, "not an XML file"));
    };
    if xml::local(root) != "xliff" {
        return Err(place.error(
            at + 1,
            ErrorKind::UnknownFormat,
            format!("not an XLIFF file (its root element is <{root}>)"),
        ));
    }
    let tag_end = text[at..].find('>').map_or(text.len(), |p| at + p + 1);
    let version = xml::attr(text, &(at..tag_end), "version")
        .map(|a| a.value().into_owned())
        .unwrap_or_default();
    let xliff2 = version.starts_with('2') || text[at..tag_end].contains("xliff:document:2.");
    if xliff2 {
        xliff2::parse(place)
    } else {
        xliff1::parse(place)
    }
}

/// Two units with one id are refused, naming both places.
fn check_unique_ids(place: Place<'_>, units: &[Unit]) -> Result<(), FormatError> {
    let mut seen: std::collections::HashMap<&str, usize> =
        std::collections::HashMap::with_capacity(units.len());
    for u in units {
        let at = u
            .source
            .as_ref()
            .map_or(u.target.span.start, |s| s.span.start);
        if let Some(first) = seen.insert(&u.id, at) {
            let first_line = place.error(first, ErrorKind::DuplicateId, "").line;
            return Err(place.error(
                at,
                ErrorKind::DuplicateId,
                format!(
                    "unit id {:?} is used twice (first at line {first_line}); ids must be unique",
                    u.id
                ),
            ));
        }
    }
    Ok(())
}

/// A text range's patch: bytes of the file's text and what replaces them.
type Patch = (Range<usize>, String);

#[cfg(test)]
mod tests {
    use super::*;

    // Found by fuzzing: text before the root element that holds its name made the root's
    // offset underflow.
    #[test]
    fn the_root_is_found_after_text_that_names_it() {
        let xliff = "xliff <?xml version=\"1.0\"?>\n<xliff version=\"1.2\"><file>\
                     <body></body></file></xliff>";
        let err =
            BilingualFile::from_bytes("x.xlf", xliff.as_bytes().to_vec(), &OpenOptions::default());
        // Text outside the root is not well-formed XML: refused, not a panic.
        assert!(err.is_err());
        assert_eq!(root_tag(xliff), Some((28, "xliff")));
        let tmx = "tmx\n<xliff version=\"2.0\"><file id=\"f\"></file></xliff>";
        assert_eq!(root_tag(tmx), Some((4, "xliff")));
    }
}
