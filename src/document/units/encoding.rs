//! The file's encoding: its bytes decoded into the UTF-8 text that units and their spans
//! refer to, those text offsets mapped back to byte offsets in the file, and edits encoded
//! back into the file's own encoding.
//!
//! A UTF-8 file (with or without a byte order mark) *is* its text: offsets are byte offsets
//! into the file. Any other encoding (UTF-16 with a byte order mark, or one declared in
//! the XML prolog or the PO header, such as windows-1252) is decoded once; spans then refer
//! to the decoded text, and [`Decoded::file_offset`] gives the byte offset in the file
//! (UTF-16: two or four bytes a character; single-byte encodings: one). Saving copies the
//! file's own bytes for everything not edited and encodes only the replacements.

use std::ops::Range;
use std::sync::OnceLock;

use encoding_rs::{DecoderResult, Encoding};

/// How a file's bytes encode its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileEncoding {
    Utf8,
    Utf16Le,
    Utf16Be,
    /// An ASCII-compatible legacy encoding (windows-125x, ISO 8859, GB18030, Shift_JIS …).
    Legacy(&'static Encoding),
}

impl FileEncoding {
    /// The encoding's name (`UTF-8`, `UTF-16LE`, `windows-1252` …).
    pub fn name(self) -> &'static str {
        match self {
            FileEncoding::Utf8 => "UTF-8",
            FileEncoding::Utf16Le => "UTF-16LE",
            FileEncoding::Utf16Be => "UTF-16BE",
            FileEncoding::Legacy(e) => e.name(),
        }
    }
}

/// Why bytes could not be decoded: where, and what to say.
#[derive(Debug)]
pub(crate) struct DecodeError {
    pub offset: usize,
    /// 1-based line of the offset (line feeds counted as bytes).
    pub line: usize,
    pub message: String,
}

/// A file's text and how to get back to its bytes.
#[derive(Debug)]
pub(crate) struct Decoded {
    pub text: String,
    pub encoding: FileEncoding,
    /// The file's bytes, kept when they are not the text itself.
    original: Option<Vec<u8>>,
    /// (text offset, file offset) every [`CHECKPOINT`] bytes of text, for non-UTF-8 files.
    checkpoints: OnceLock<Vec<(usize, usize)>>,
}

/// Text bytes between two checkpoints of the offset map of a non-UTF-8 file.
const CHECKPOINT: usize = 4096;

impl Decoded {
    /// Decodes `bytes`: a byte order mark decides first (UTF-8, UTF-16), then UTF-16 seen
    /// in the first bytes of an XML file, then the encoding `declared` finds in the file
    /// (the XML prolog, a PO header), else UTF-8.
    pub fn new(
        bytes: Vec<u8>,
        declared: impl FnOnce(&[u8]) -> Option<String>,
    ) -> Result<Decoded, DecodeError> {
        let lines_before = |bytes: &[u8], offset: usize| {
            memchr::memchr_iter(b'\n', &bytes[..offset.min(bytes.len())]).count() + 1
        };
        let encoding = if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
            FileEncoding::Utf8
        } else if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(b"<\0?\0") {
            FileEncoding::Utf16Le
        } else if bytes.starts_with(&[0xFE, 0xFF]) || bytes.starts_with(b"\0<\0?") {
            FileEncoding::Utf16Be
        } else if let Some(label) = declared(&bytes) {
            let Some(enc) = Encoding::for_label(label.trim().as_bytes()) else {
                return Err(DecodeError {
                    offset: 0,
                    line: 1,
                    message: format!("unknown encoding \u{201c}{label}\u{201d} declared"),
                });
            };
            if enc == encoding_rs::UTF_8 {
                FileEncoding::Utf8
            } else if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
                return Err(DecodeError {
                    offset: 0,
                    line: 1,
                    message: format!(
                        "the file declares {label} but has no byte order mark and is not UTF-16"
                    ),
                });
            } else if enc == encoding_rs::ISO_2022_JP || enc == encoding_rs::REPLACEMENT {
                return Err(DecodeError {
                    offset: 0,
                    line: 1,
                    message: format!(
                        "the declared encoding {label} is not supported; convert the file to UTF-8"
                    ),
                });
            } else {
                FileEncoding::Legacy(enc)
            }
        } else {
            FileEncoding::Utf8
        };
        match encoding {
            FileEncoding::Utf8 => match String::from_utf8(bytes) {
                Ok(text) => Ok(Decoded {
                    text,
                    encoding,
                    original: None,
                    checkpoints: OnceLock::new(),
                }),
                Err(e) => {
                    let offset = e.utf8_error().valid_up_to();
                    let byte = e.as_bytes()[offset];
                    Err(DecodeError {
                        offset,
                        line: lines_before(e.as_bytes(), offset),
                        message: format!(
                            "not valid UTF-8 (byte 0x{byte:02X}); convert the file to UTF-8, or declare its encoding (XML prolog, PO header)"
                        ),
                    })
                }
            },
            FileEncoding::Utf16Le | FileEncoding::Utf16Be | FileEncoding::Legacy(_) => {
                let enc = match encoding {
                    FileEncoding::Utf16Le => encoding_rs::UTF_16LE,
                    FileEncoding::Utf16Be => encoding_rs::UTF_16BE,
                    FileEncoding::Legacy(e) => e,
                    FileEncoding::Utf8 => encoding_rs::UTF_8,
                };
                let text = decode_strict(enc, &bytes).map_err(|offset| DecodeError {
                    offset,
                    line: lines_before(&bytes, offset),
                    message: format!("not valid {} text", encoding.name()),
                })?;
                Ok(Decoded {
                    text,
                    encoding,
                    original: Some(bytes),
                    checkpoints: OnceLock::new(),
                })
            }
        }
    }

    /// A UTF-8 text as it is.
    pub fn utf8(text: String) -> Decoded {
        Decoded {
            text,
            encoding: FileEncoding::Utf8,
            original: None,
            checkpoints: OnceLock::new(),
        }
    }

    /// The byte offset in the file of text offset `offset`.
    pub fn file_offset(&self, offset: usize) -> usize {
        if self.original.is_none() {
            return offset;
        }
        let points = self.checkpoints.get_or_init(|| self.compute_checkpoints());
        let i = points
            .partition_point(|&(t, _)| t <= offset)
            .saturating_sub(1);
        let (t, f) = points.get(i).copied().unwrap_or((0, 0));
        f + self.encoded_len(&self.text[t..offset])
    }

    fn compute_checkpoints(&self) -> Vec<(usize, usize)> {
        let mut points = vec![(0, 0)];
        let (mut t, mut f) = (0, 0);
        while t < self.text.len() {
            let mut next = (t + CHECKPOINT).min(self.text.len());
            while !self.text.is_char_boundary(next) {
                next += 1;
            }
            f += self.encoded_len(&self.text[t..next]);
            t = next;
            points.push((t, f));
        }
        points
    }

    /// Bytes that `s` takes in the file's encoding.
    fn encoded_len(&self, s: &str) -> usize {
        match self.encoding {
            FileEncoding::Utf8 => s.len(),
            FileEncoding::Utf16Le | FileEncoding::Utf16Be => {
                s.chars().map(|c| 2 * c.len_utf16()).sum()
            }
            FileEncoding::Legacy(enc) => {
                if s.is_ascii() {
                    s.len()
                } else {
                    enc.encode(s).0.len()
                }
            }
        }
    }

    /// The file's bytes with `patches` (sorted, not overlapping byte ranges of the text and
    /// their replacements) applied. Characters of a replacement that the file's encoding
    /// cannot hold become XML character references when `char_refs`, else an error naming
    /// the first one (the index of its patch and the character).
    pub fn patched(
        &self,
        patches: &[(Range<usize>, String)],
        char_refs: bool,
    ) -> Result<Vec<u8>, (usize, char)> {
        let added: usize = patches.iter().map(|(_, s)| s.len()).sum();
        match &self.original {
            None => {
                let bytes = self.text.as_bytes();
                let mut out = Vec::with_capacity(bytes.len() + added);
                let mut at = 0;
                for (r, s) in patches {
                    out.extend_from_slice(&bytes[at..r.start]);
                    out.extend_from_slice(s.as_bytes());
                    at = r.end;
                }
                out.extend_from_slice(&bytes[at..]);
                Ok(out)
            }
            Some(original) => {
                let mut out = Vec::with_capacity(original.len() + 2 * added);
                let mut at = 0;
                for (i, (r, s)) in patches.iter().enumerate() {
                    let (from, to) = (self.file_offset(r.start), self.file_offset(r.end));
                    out.extend_from_slice(&original[at..from]);
                    self.encode_into(s, char_refs, &mut out)
                        .map_err(|c| (i, c))?;
                    at = to;
                }
                out.extend_from_slice(&original[at..]);
                Ok(out)
            }
        }
    }

    /// Whether the file is UTF-8: its bytes are its text.
    pub fn is_utf8(&self) -> bool {
        self.original.is_none()
    }

    /// The file's bytes, unchanged.
    pub fn bytes(&self) -> &[u8] {
        self.original.as_deref().unwrap_or(self.text.as_bytes())
    }

    fn encode_into(&self, s: &str, char_refs: bool, out: &mut Vec<u8>) -> Result<(), char> {
        match self.encoding {
            FileEncoding::Utf8 => out.extend_from_slice(s.as_bytes()),
            FileEncoding::Utf16Le => out.extend(s.encode_utf16().flat_map(u16::to_le_bytes)),
            FileEncoding::Utf16Be => out.extend(s.encode_utf16().flat_map(u16::to_be_bytes)),
            FileEncoding::Legacy(enc) => {
                let (bytes, _, unmappable) = enc.encode(s);
                // encoding_rs writes what it cannot encode as decimal character
                // references, which is what XML needs; other formats refuse it.
                if unmappable && !char_refs {
                    let bad = s
                        .chars()
                        .find(|c| enc.encode(c.encode_utf8(&mut [0; 4])).2)
                        .unwrap_or('\u{fffd}');
                    return Err(bad);
                }
                out.extend_from_slice(&bytes);
            }
        }
        Ok(())
    }
}

/// Decodes `bytes` (no byte order mark handling: a BOM stays U+FEFF at the start), or the
/// byte offset of the first malformed sequence.
fn decode_strict(enc: &'static Encoding, bytes: &[u8]) -> Result<String, usize> {
    let mut decoder = enc.new_decoder_without_bom_handling();
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len().saturating_mul(3));
    let mut out = String::with_capacity(capacity);
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut out, true);
    match result {
        DecoderResult::InputEmpty => Ok(out),
        DecoderResult::Malformed(bad, after) => Err(read - after as usize - bad as usize),
        DecoderResult::OutputFull => Err(read),
    }
}

/// The `encoding` pseudo-attribute of an ASCII-compatible XML declaration.
pub(crate) fn xml_declared_encoding(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(512)];
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    if !head.starts_with(b"<?xml") {
        return None;
    }
    let end = head.windows(2).position(|w| w == b"?>")?;
    let decl = std::str::from_utf8(&head[..end]).ok()?;
    let at = decl.find("encoding")?;
    let rest = decl[at + "encoding".len()..]
        .trim_start()
        .strip_prefix('=')?
        .trim_start();
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let value = &rest[1..];
    Some(value[..value.find(quote)?].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_is_its_own_text() {
        let d = Decoded::new("\u{feff}<a>é</a>".as_bytes().to_vec(), |_| None).unwrap();
        assert_eq!(d.encoding, FileEncoding::Utf8);
        assert_eq!(d.file_offset(5), 5);
        assert_eq!(d.bytes(), "\u{feff}<a>é</a>".as_bytes());
    }

    #[test]
    fn utf16_offsets_and_round_trip() {
        let text = "\u{feff}<a>中😀é</a>";
        let bytes: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let d = Decoded::new(bytes.clone(), |_| None).unwrap();
        assert_eq!(d.encoding, FileEncoding::Utf16Le);
        assert_eq!(d.text, text);
        let at = text.find('😀').unwrap();
        // BOM (2) + "<a>" (6) + 中 (2)
        assert_eq!(d.file_offset(at), 10);
        assert_eq!(d.patched(&[], false).unwrap(), bytes);
        let e = text.find('é').unwrap();
        let out = d.patched(&[(e..e + 2, "ü!".into())], false).unwrap();
        let expected: Vec<u8> = text
            .replace('é', "ü!")
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(out, expected);
    }

    #[test]
    fn legacy_encodings_from_the_declaration() {
        let mut bytes = b"<?xml version=\"1.0\" encoding=\"windows-1252\"?><a>caf".to_vec();
        bytes.push(0xE9);
        bytes.extend_from_slice(b" \x80</a>");
        let d = Decoded::new(bytes.clone(), xml_declared_encoding).unwrap();
        assert_eq!(d.encoding.name(), "windows-1252");
        assert!(d.text.ends_with("café €</a>"));
        let e = d.text.find('é').unwrap();
        assert_eq!(
            d.file_offset(e),
            bytes.iter().position(|&b| b == 0xE9).unwrap()
        );
        assert_eq!(d.patched(&[], true).unwrap(), bytes);
        // A character windows-1252 lacks becomes a character reference in XML...
        let out = d.patched(&[(e..e + 2, "中".into())], true).unwrap();
        assert!(out.windows(8).any(|w| w == b"&#20013;"));
        // ... and an error elsewhere.
        assert_eq!(d.patched(&[(e..e + 2, "中".into())], false), Err((0, '中')));
    }

    #[test]
    fn bad_bytes_are_located() {
        let err = Decoded::new(b"<a>ok\xFF</a>".to_vec(), |_| None).unwrap_err();
        assert_eq!(err.offset, 5);
        let err = Decoded::new(b"x".to_vec(), |_| Some("klingon".into())).unwrap_err();
        assert!(err.message.contains("klingon"), "{}", err.message);
    }

    #[test]
    fn offsets_past_many_checkpoints() {
        let text: String = "é".repeat(10_000) + "end";
        let bytes = encoding_rs::WINDOWS_1252.encode(&text).0.into_owned();
        let d = Decoded::new(bytes, |_| Some("latin1".into())).unwrap();
        let end = d.text.find("end").unwrap();
        assert_eq!(d.file_offset(end), 10_000);
    }
}
