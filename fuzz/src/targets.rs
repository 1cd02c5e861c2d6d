//! The fuzz targets: one function a parser, from any bytes, that panics when a property
//! fails. The AFL driver (`src/bin/afl.rs`) runs them under the fuzzer; the test suite
//! (`tests/fuzz_corpus.rs`, which includes this file by path) replays the kept corpus and
//! every crash found through them.
//!
//! Each target reads its input as the parser's file, after a first byte that chooses the
//! format or the options (so that one corpus covers them). The random edits some targets
//! make come from a generator seeded with a hash of the input: an input is replayed exactly.
//! Beyond "no panic", each checks what the parser promises: round trips (a save without
//! edits gives the bytes back; a save with edits reads back as the edited texts; a diff
//! applied gives the new text; an export imports as what was exported), spans inside the
//! text and on character boundaries, and places in error messages inside the file.
#![allow(dead_code)]

use std::ops::Range;

use mtpe::diff::{self, patch};
use mtpe::document::units::{
    BilingualFile, Format, InputFormat, OpenOptions, SaveError, Stage, TargetEdit, Unit,
};
use mtpe::document::{Document, LoadError, Origin, TextFormat, validate_text};
use mtpe::glossary::Entry;
use mtpe::glossary::import::{self, ImportOptions};
use mtpe::glossary::table::ColumnMap;

// The test suite's generator; the test binary that replays these targets has it too.
#[allow(clippy::duplicate_mod)]
#[path = "../../src/testing/rng.rs"]
mod rng;
use rng::Rng;

/// A fuzz target: the bytes of one input.
pub type Target = fn(&[u8]);

/// Every target by name (the name is the corpus folder's).
pub const TARGETS: &[(&str, Target)] = &[
    ("document", document),
    ("glossary_table", glossary_table),
    ("glossary_tbx", glossary_tbx),
    ("patch", patch_apply),
    ("unified", unified_round_trip),
    ("bilingual", bilingual),
];

/// The target named `name`.
pub fn target(name: &str) -> Option<Target> {
    TARGETS.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
}

/// A generator seeded by the input (FNV-1a), so that an input replays the same edits.
fn rng_for(data: &[u8]) -> Rng {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in data {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    Rng::new(h)
}

/// With `MTPE_FUZZ_TRACE` set, says why an input was refused (to see what a corpus reaches).
fn trace(why: &dyn std::fmt::Display) {
    if std::env::var_os("MTPE_FUZZ_TRACE").is_some() {
        eprintln!("  refused: {why}");
    }
}

/// The first byte (the options) and the rest (the file).
fn split_first(data: &[u8]) -> (u8, &[u8]) {
    match data.split_first() {
        Some((&b, rest)) => (b, rest),
        None => (0, &[]),
    }
}

/// Bytes up to the first NUL and after it (`None` without one).
fn split_nul(data: &[u8]) -> Option<(&[u8], &[u8])> {
    let at = data.iter().position(|&b| b == 0)?;
    Some((&data[..at], &data[at + 1..]))
}

/// Character boundaries of `text` (its length included).
fn boundaries(text: &str) -> Vec<usize> {
    text.char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect()
}

/// A range of `text` between two random character boundaries.
fn random_range(rng: &mut Rng, text: &str) -> Range<usize> {
    let b = boundaries(text);
    let (x, y) = (b[rng.below(b.len())], b[rng.below(b.len())]);
    x.min(y)..x.max(y)
}

/// Pieces of text of every kind the formats escape, wrap or refuse.
const PIECES: &[&str] = &[
    "a", "Word ", " ", "&", "<", ">", "\"", "'", "中文", "，", "😀", "e\u{301}", "%", "%s", "{",
    "}", "{0}", "\\", "\t", "\n", "\r\n", "\r", "]]>", "--", "#", ";", ",", "|", "&amp;", "\u{a0}",
    "\u{feff}", "\u{1}", "msgid \"", "- ", "# ", "```", "> ", "\u{2028}",
];

fn random_piece(rng: &mut Rng) -> &'static str {
    PIECES[rng.below(PIECES.len())]
}

// ---------------------------------------------------------------------------------------
// document: bytes → Document
// ---------------------------------------------------------------------------------------

/// Document loading: the bytes are validated as text (a refusal names a place inside the
/// file), then the document's lines, paragraphs and segments are spans of its text on
/// character boundaries, in order; an edit in place gives what a rebuild gives.
pub fn document(data: &[u8]) {
    let (options, bytes) = split_first(data);
    let (name, format) = if options & 1 == 0 {
        ("fuzz.txt", TextFormat::Plain)
    } else {
        ("fuzz.md", TextFormat::Markdown)
    };
    let text = match validate_text(name, bytes.to_vec()) {
        Ok(text) => text,
        Err(e) => {
            check_load_error(&e, bytes);
            return;
        }
    };
    let doc = Document::with_format(Origin::Memory(name.into()), text, format);
    assert_eq!(doc.text().as_bytes(), bytes);
    check_document(&doc);
    let mut rng = rng_for(data);
    edit_in_place_as_rebuilt(doc, &mut rng);
}

fn check_load_error(e: &LoadError, bytes: &[u8]) {
    let lines = bytes.iter().filter(|&&b| b == b'\n').count() + 1;
    match e {
        LoadError::Binary { offset, line, .. } => {
            assert_eq!(bytes.get(*offset), Some(&0), "{e}");
            assert!(*line >= 1 && *line <= lines, "{e}");
        }
        LoadError::InvalidUtf8 {
            offset, line, byte, ..
        } => {
            assert_eq!(bytes.get(*offset), Some(byte), "{e}");
            assert!(std::str::from_utf8(&bytes[..*offset]).is_ok(), "{e}");
            assert!(*line >= 1 && *line <= lines, "{e}");
        }
        LoadError::Utf16 { .. } => assert!(bytes.len() >= 2, "{e}"),
        other => panic!("unexpected error from bytes: {other}"),
    }
}

/// The invariants of a document's spans.
pub fn check_document(doc: &Document) {
    let text = doc.text();
    let body_start = doc.body_start();
    assert_eq!(body_start, if text.starts_with('\u{feff}') { 3 } else { 0 });
    assert_eq!(doc.body(), &text[body_start..]);
    // Lines: in order, on boundaries, covering the text with their endings.
    let count = doc.line_count();
    let mut at = 0;
    for line in 0..count {
        let r = doc.line_range(line);
        assert!(r.start <= r.end && r.end <= text.len(), "line {line} {r:?}");
        assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
        assert!(r.start >= at, "line {line} {r:?} starts before {at}");
        assert!(
            !text[r.clone()].contains('\n'),
            "line {line} holds a line feed"
        );
        assert_eq!(doc.line_index().line_of(r.start), line, "line {line} {r:?}");
        at = r.end;
    }
    // Paragraphs: inside the body, in order, not overlapping, their lines right.
    let mut end = body_start;
    for (i, p) in doc.paragraphs().iter().enumerate() {
        let s = &p.span;
        assert!(
            s.start >= end && s.start <= s.end,
            "paragraph {i} {s:?} after {end}"
        );
        assert!(s.end <= text.len(), "paragraph {i} {s:?}");
        assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        assert!(p.lines.start < p.lines.end && p.lines.end <= count.max(1));
        assert_eq!(
            doc.line_index().line_of(s.start),
            p.lines.start,
            "paragraph {i}"
        );
        end = s.end;
    }
    // Segments: inside their paragraph, in order, trimmed.
    let mut end = 0;
    for (k, seg) in doc.segments().iter().enumerate() {
        let p = &doc.paragraphs()[seg.paragraph];
        let s = &seg.span;
        assert!(
            s.start >= end && s.start <= s.end,
            "segment {k} {s:?} after {end}"
        );
        assert!(
            p.span.start <= s.start && s.end <= p.span.end,
            "segment {k} {s:?}"
        );
        assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        if p.kind.is_prose() {
            let t = doc.slice(s.clone());
            assert!(!t.is_empty(), "segment {k} is empty");
            assert_eq!(t.trim(), t, "segment {k} is not trimmed");
        }
        end = s.end;
    }
    // Positions (of some boundaries: each costs its line's length): in the document's
    // lines, columns counted from 1, in the order of the offsets.
    let all = boundaries(text);
    let step = (all.len() / 64).max(1);
    let mut previous = (0, 0);
    for offset in all.into_iter().step_by(step) {
        let p = doc.position(offset);
        assert!(p.line >= 1 && p.line <= count.max(1) + 1, "{offset}: {p:?}");
        assert!(p.column >= 1, "{offset}: {p:?}");
        assert!((p.line, p.column) > previous || offset == 0 || offset == body_start);
        previous = (p.line, p.column);
    }
}

/// An edit inside paragraphs, made in place, gives the document a rebuild from the edited
/// text with the same paragraph spans gives (the editor's way and the checks' way agree).
fn edit_in_place_as_rebuilt(mut doc: Document, rng: &mut Rng) {
    let paragraphs = doc.paragraphs().to_vec();
    if paragraphs.is_empty() {
        return;
    }
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    let mut spans: Vec<Range<usize>> = Vec::new();
    let mut shift: isize = 0;
    for p in &paragraphs {
        let mut span = p.span.clone();
        let moved = |x: usize| (x as isize + shift) as usize;
        if rng.below(2) == 0 {
            let local = random_range(rng, doc.slice(p.span.clone()));
            let r = p.span.start + local.start..p.span.start + local.end;
            let mut new = String::new();
            for _ in 0..rng.below(3) {
                new.push_str(random_piece(rng));
            }
            let delta = new.len() as isize - r.len() as isize;
            edits.push((r, new));
            span = moved(span.start)..(moved(span.end) as isize + delta) as usize;
            shift += delta;
        } else {
            span = moved(span.start)..moved(span.end);
        }
        spans.push(span);
    }
    let edited = doc.edited_text(&edits);
    let kinds: Vec<_> = paragraphs.iter().map(|p| p.kind).collect();
    let rebuilt = doc.with_paragraph_spans(
        edited.clone(),
        spans.iter().cloned().zip(kinds.iter().copied()),
    );
    // Someone holding the text makes the edit copy it: both ways must agree.
    let held = (rng.below(2) == 0).then(|| doc.shared_text());
    let before = doc.text().to_string();
    doc.edit_in_place(&edits, spans.iter().cloned());
    if let Some(held) = held {
        assert_eq!(*held, before, "a held text changed");
    }
    assert_eq!(doc.text(), edited);
    assert_eq!(doc.text(), rebuilt.text());
    assert_eq!(doc.body_start(), rebuilt.body_start());
    assert_eq!(doc.paragraphs(), rebuilt.paragraphs());
    assert_eq!(doc.line_count(), rebuilt.line_count());
    assert_eq!(doc.segments(), rebuilt.segments());
}

// ---------------------------------------------------------------------------------------
// glossary import: TSV/CSV and TBX through the import pipeline's parse step
// ---------------------------------------------------------------------------------------

/// The import options the first byte chooses (bits 1–3: the languages; bit 5: a column
/// mapping by position).
fn glossary_options(options: u8, format: import::ImportFormat) -> ImportOptions {
    let (source, target) = match (options >> 1) % 8 {
        0 => (None, None),
        1 => (Some("en"), Some("zh")),
        2 => (Some("zh"), Some("en-US")),
        3 => (None, Some("en")),
        4 => (Some("en"), Some("es")),
        5 => (Some("en"), Some("fr")),
        6 => (Some("en"), Some("de")),
        _ => (Some("en-US"), Some("zh-CN")),
    };
    let columns = (options & 0x20 != 0).then(|| {
        ColumnMap::parse(&["source=1,target=2,note=3".to_string()]).expect("a column map")
    });
    ImportOptions {
        format: Some(format),
        source_lang: source.map(String::from),
        target_lang: target.map(String::from),
        columns,
        sheet: None,
    }
}

/// TSV, CSV or OmegaT glossary import (the first byte's low bit chooses the delimiter,
/// bit 4 OmegaT's form for tabs); exported and imported back as mtpe's TSV or CSV.
pub fn glossary_table(data: &[u8]) {
    let (options, bytes) = split_first(data);
    let (format, export) = match (options & 1, options & 0x10 != 0) {
        (0, false) => (import::ImportFormat::Tsv, import::Format::Tsv),
        (0, true) => (import::ImportFormat::OmegaT, import::Format::Tsv),
        _ => (import::ImportFormat::Csv, import::Format::Csv),
    };
    glossary(bytes, format, export, &glossary_options(options, format));
}

/// TBX glossary import.
pub fn glossary_tbx(data: &[u8]) {
    let (options, bytes) = split_first(data);
    let format = import::ImportFormat::Tbx;
    glossary(
        bytes,
        format,
        import::Format::Tbx,
        &glossary_options(options, format),
    );
}

/// Parses a glossary file; what it reads, made valid entries, exports in `export` and
/// imports back as the same entries, and that import exports to the same bytes.
fn glossary(
    bytes: &[u8],
    format: import::ImportFormat,
    export_format: import::Format,
    options: &ImportOptions,
) {
    let parsed = match import::parse("fuzz", bytes, format, options) {
        Ok(p) => p,
        Err(e) => {
            trace(&e);
            let lines = bytes.iter().filter(|&&b| b == b'\n').count() + 2;
            if let Some(line) = e.line {
                assert!(line >= 1 && line <= lines, "{e}: line out of the file");
            }
            if let Some(column) = e.column {
                assert!(column >= 1 && column <= bytes.len() + 1, "{e}");
            }
            return;
        }
    };
    let entries = stored_entries(parsed.entries);
    if entries.is_empty() {
        return;
    }
    let exported = export(&entries, export_format);
    let again = import::parse(
        "export",
        &exported,
        export_format.into(),
        &ImportOptions::default(),
    )
    .unwrap_or_else(|e| panic!("an export is refused: {e}\n{}", lossy(&exported)));
    let again = stored_entries(again.entries);
    let data = |e: &[Entry]| e.iter().map(|e| e.data.clone()).collect::<Vec<_>>();
    assert_eq!(
        data(&again),
        data(&entries),
        "an export imports differently:\n{}",
        lossy(&exported)
    );
    assert_eq!(
        export(&again, export_format),
        exported,
        "an export does not export to itself"
    );
}

/// Entries as the store would keep them: normalized, the invalid ones left out.
fn stored_entries(entries: Vec<mtpe::glossary::EntryData>) -> Vec<Entry> {
    entries
        .into_iter()
        .filter_map(|mut data| {
            data.normalize();
            data.validate().ok()?;
            Some(Entry {
                id: 0,
                data,
                created: String::new(),
                updated: String::new(),
            })
        })
        .collect()
}

fn export(entries: &[Entry], format: import::Format) -> Vec<u8> {
    let mut out = Vec::new();
    mtpe::glossary::export::write(entries, format, &mut out).expect("export to memory");
    out
}

fn lossy(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

// ---------------------------------------------------------------------------------------
// patch reading and `mtpe apply`
// ---------------------------------------------------------------------------------------

/// `mtpe apply`: an article and a patch, separated by a NUL byte (without one, the whole
/// input is the patch and the article is made of its hunks' old lines). Reading the patch
/// and applying it never panics; a patch that applies changes the line count by what its
/// hunks say, and hunk failures name hunks of the patch.
pub fn patch_apply(data: &[u8]) {
    let (article, patch_bytes) = match split_nul(data) {
        Some((a, p)) => (Some(a), p),
        None => (None, data),
    };
    // As `mtpe apply` reads both files.
    let Ok(patch_text) = validate_text("patch", patch_bytes.to_vec()) else {
        return;
    };
    let parsed = match patch::parse(&patch_text) {
        Ok(p) => p,
        Err(e) => {
            let _ = e.to_string();
            return;
        }
    };
    let lines = patch_text.split_inclusive('\n').count();
    for (k, h) in parsed.hunks.iter().enumerate() {
        assert_eq!(h.number, k + 1);
        assert!(h.patch_line >= 1 && h.patch_line <= lines);
        let old = h
            .lines
            .iter()
            .filter(|l| !matches!(l, patch::HunkLine::Insert(_)))
            .count();
        let new = h
            .lines
            .iter()
            .filter(|l| !matches!(l, patch::HunkLine::Delete(_)))
            .count();
        assert_eq!((old, new), (h.old_len, h.new_len), "hunk {}", h.number);
    }
    let article = match article {
        Some(a) => match validate_text("article", a.to_vec()) {
            Ok(t) => t,
            Err(_) => return,
        },
        None => parsed
            .hunks
            .iter()
            .flat_map(|h| &h.lines)
            .filter_map(|l| match l {
                patch::HunkLine::Context(t) | patch::HunkLine::Delete(t) => Some(t.as_str()),
                patch::HunkLine::Insert(_) => None,
            })
            .collect(),
    };
    match patch::apply(&article, &parsed) {
        Ok(applied) => {
            assert_eq!(applied.offsets.len(), parsed.hunks.len());
            let (old, new): (usize, usize) = parsed
                .hunks
                .iter()
                .fold((0, 0), |(o, n), h| (o + h.old_len, n + h.new_len));
            let count = |t: &str| t.split_inclusive('\n').count();
            // Lines only join where a hunk's last line lacks its line feed.
            let joins_possible = parsed.hunks.iter().any(|h| {
                h.lines.iter().any(|l| match l {
                    patch::HunkLine::Context(t)
                    | patch::HunkLine::Delete(t)
                    | patch::HunkLine::Insert(t) => !t.ends_with('\n'),
                })
            });
            if !joins_possible {
                assert_eq!(
                    count(&applied.text) + old,
                    count(&article) + new,
                    "line count after applying"
                );
            }
        }
        Err(e) => {
            assert!(!e.failures.is_empty());
            for f in &e.failures {
                assert!(f.number >= 1 && f.number <= parsed.hunks.len());
                assert!(!f.reason.is_empty());
            }
            let _ = e.to_string();
        }
    }
}

// ---------------------------------------------------------------------------------------
// the unified diff round trip
// ---------------------------------------------------------------------------------------

/// Labels `patch` and `git apply` must read back whole.
const LABELS: &[&str] = &[
    "a.txt",
    "a/doc.txt",
    "my file.txt",
    "tab\there",
    "say \"hi\".txt",
    "back\\slash",
    "日本語.txt",
    "ctl\u{1}x",
    "line\nbreak",
    "nbsp\u{a0}name",
    "cr\rname",
];

/// Diff then apply gives the new text: the input is two texts separated by a NUL byte, or
/// one text that random line edits (moved, deleted, added, CRLF, final newline) make the
/// other. The diff reads back with its labels, and applies at the stated lines.
pub fn unified_round_trip(data: &[u8]) {
    let mut rng = rng_for(data);
    let (old, new) = match split_nul(data) {
        Some((a, b)) => (
            String::from_utf8_lossy(a).into_owned(),
            String::from_utf8_lossy(b).into_owned(),
        ),
        None => {
            let old = String::from_utf8_lossy(data).into_owned();
            let new = edit_lines(&old, &mut rng);
            (old, new)
        }
    };
    let (la, lb) = (
        LABELS[rng.below(LABELS.len())],
        LABELS[rng.below(LABELS.len())],
    );
    assert_eq!(diff::split_lines(&old).concat(), old);
    let d = diff::unified_diff(&old, &new, la, lb);
    if old == new {
        assert!(d.is_empty());
        return;
    }
    let parsed = patch::parse(&d).unwrap_or_else(|e| panic!("{e}\n{d}"));
    assert_eq!(parsed.old_name.as_deref(), Some(la), "{d}");
    assert_eq!(parsed.new_name.as_deref(), Some(lb), "{d}");
    let applied = patch::apply(&old, &parsed).unwrap_or_else(|e| panic!("{e}\n{d}"));
    assert_eq!(applied.text, new, "{d}");
    assert!(applied.offsets.iter().all(|&o| o == 0), "{d}");
    // The same patch does not apply twice unless it may (its old lines are still there).
    let _ = patch::apply(&new, &parsed);
}

/// `text` with random line edits.
fn edit_lines(text: &str, rng: &mut Rng) -> String {
    let mut lines: Vec<String> = diff::split_lines(text)
        .into_iter()
        .map(String::from)
        .collect();
    for _ in 0..1 + rng.below(6) {
        let n = lines.len();
        match rng.below(7) {
            0 if n > 0 => {
                lines.remove(rng.below(n));
            }
            1 => {
                let mut l = String::new();
                for _ in 0..rng.below(4) {
                    l.push_str(random_piece(rng));
                }
                l.push('\n');
                lines.insert(rng.below(n + 1), l);
            }
            2 if n > 0 => {
                let (i, j) = (rng.below(n), rng.below(n + 1));
                let l = lines.remove(i);
                lines.insert(j.min(lines.len()), l);
            }
            3 if n > 0 => {
                let i = rng.below(n);
                let l = &mut lines[i];
                if let Some(s) = l.strip_suffix("\r\n") {
                    *l = format!("{s}\n");
                } else if let Some(s) = l.strip_suffix('\n') {
                    *l = format!("{s}\r\n");
                }
            }
            4 if n > 0 => {
                let i = rng.below(n);
                let at = random_range(rng, &lines[i]).start;
                lines[i].insert_str(at, random_piece(rng));
            }
            5 if n > 0 => {
                let l = &mut lines[n - 1];
                if l.ends_with('\n') {
                    l.pop();
                } else {
                    l.push('\n');
                }
            }
            _ if n > 0 => {
                let i = rng.below(n);
                let l = lines[i].clone();
                lines.insert(rng.below(n + 1), l);
            }
            _ => {}
        }
    }
    // Only the last line may lack a line feed.
    let last = lines.len().saturating_sub(1);
    for (i, l) in lines.iter_mut().enumerate() {
        if i < last && !l.ends_with('\n') {
            l.push('\n');
        }
    }
    lines.concat()
}

// ---------------------------------------------------------------------------------------
// bilingual readers and write-back
// ---------------------------------------------------------------------------------------

/// The bilingual formats: the first byte forces one (XLIFF, PO, TMX, TSV, CSV), or has it
/// detected, or makes the rest a source and its MT separated by a NUL byte, aligned.
/// A file read saves unedited to its bytes; its spans are inside its text on character
/// boundaries; random edits save (or are refused as unrepresentable) and read back as the
/// edited texts, the other units unchanged.
pub fn bilingual(data: &[u8]) {
    let (options, bytes) = split_first(data);
    let mut rng = rng_for(data);
    let langs = |o: u8| match (o >> 4) % 3 {
        0 => (None, None),
        1 => (Some("zh".to_string()), Some("en".to_string())),
        _ => (Some("en-US".to_string()), Some("de".to_string())),
    };
    let (source_lang, target_lang) = langs(options);
    let forced = match options % 8 {
        0 => Some(InputFormat::Xliff),
        1 => Some(InputFormat::Po),
        2 => Some(InputFormat::Tmx),
        3 => Some(InputFormat::Tsv),
        4 => Some(InputFormat::Csv),
        5 => None,
        _ => return aligned(bytes, options & 8 != 0, &mut rng),
    };
    let name = [
        "fuzz.xlf", "fuzz.po", "fuzz.tmx", "fuzz.tsv", "fuzz.csv", "fuzz",
    ][usize::from(options % 8)];
    let open = OpenOptions {
        format: forced,
        source_lang,
        target_lang,
    };
    let file = match BilingualFile::from_bytes(name, bytes.to_vec(), &open) {
        Ok(f) => f,
        Err(e) => {
            trace(&e);
            assert!(
                e.offset <= bytes.len(),
                "{e}: offset {} past the end",
                e.offset
            );
            assert!(e.line >= 1 && e.column >= 1, "{e}");
            let _ = e.to_string();
            return;
        }
    };
    assert_eq!(file.bytes(), bytes);
    check_units(&file, &mut rng);
    let unchanged = file.save(&[]).expect("a save without edits");
    assert_eq!(unchanged, bytes, "a save without edits changed the file");
    let same: Vec<TargetEdit> = (0..file.units().len())
        .map(|i| TargetEdit {
            unit: i,
            text: file.units()[i].target.text.clone(),
            stage: None,
        })
        .collect();
    assert_eq!(file.save(&same).expect("a save of the same texts"), bytes);
    let edits = random_edits(&file, &mut rng);
    let saved = match file.save(&edits) {
        Ok(b) => b,
        Err(SaveError::Unrepresentable { .. }) => return,
        Err(e) => panic!("a valid edit is refused: {e}"),
    };
    let reread = BilingualFile::from_bytes(name, saved.clone(), &open).unwrap_or_else(|e| {
        panic!(
            "a saved file does not read back: {e}\n{}",
            String::from_utf8_lossy(&saved)
        )
    });
    compare_reread(&file, &reread, &edits, false, &saved);
    check_units(&reread, &mut rng);
}

/// A source text and its MT, aligned; edits within a line survive a save and a realign.
fn aligned(bytes: &[u8], markdown: bool, rng: &mut Rng) {
    let Some((source, target)) = split_nul(bytes) else {
        return;
    };
    let (Ok(source), Ok(target)) = (
        validate_text("s", source.to_vec()),
        validate_text("t", target.to_vec()),
    ) else {
        return;
    };
    let ext = if markdown { "md" } else { "txt" };
    let source = Document::from_str_named(&format!("source.{ext}"), &source);
    let target_doc = Document::from_str_named(&format!("mt.{ext}"), &target);
    let Ok(file) = BilingualFile::align(&source, &target_doc) else {
        return;
    };
    assert_eq!(file.text(), target);
    assert!(matches!(file.format(), Format::Aligned(_)));
    check_units(&file, rng);
    assert_eq!(
        file.save(&[]).expect("a save without edits"),
        target.as_bytes()
    );
    let edits: Vec<TargetEdit> = random_edits(&file, rng)
        .into_iter()
        .map(|mut e| {
            e.text.retain(|c| c != '\n' && c != '\r');
            e
        })
        .collect();
    let saved = match file.save(&edits) {
        Ok(b) => b,
        Err(SaveError::Unrepresentable { .. }) => return,
        Err(e) => panic!("a valid edit is refused: {e}"),
    };
    let saved_text = String::from_utf8(saved.clone()).expect("an aligned save is UTF-8");
    let target_doc = Document::from_str_named(&format!("mt.{ext}"), &saved_text);
    // Text typed at a line's edges may make it blank or split it, and in Markdown a
    // heading, a list item or a code fence: the user's edit, read back as what it is.
    let Ok(reread) = BilingualFile::align(&source, &target_doc) else {
        return;
    };
    if !markdown && reread.units().len() == file.units().len() {
        compare_reread(&file, &reread, &edits, true, &saved);
    }
}

/// Random targets for about a third of the editable units: pieces of every kind around
/// the unit's codes, kept in order so that paired codes stay paired.
fn random_edits(file: &BilingualFile, rng: &mut Rng) -> Vec<TargetEdit> {
    let mut edits = Vec::new();
    for (i, unit) in file.units().iter().enumerate() {
        if !unit.is_editable() || rng.below(3) != 0 {
            continue;
        }
        let from = if unit.target.text.chars().any(|c| unit.code(c).is_some()) {
            &unit.target.text
        } else {
            &unit.source.as_ref().unwrap_or(&unit.target).text
        };
        let codes: Vec<char> = from.chars().filter(|&c| unit.code(c).is_some()).collect();
        let mut text = String::new();
        if rng.below(4) == 0 {
            // A small change of the existing target.
            let r = random_range(rng, &unit.target.text);
            text.push_str(&unit.target.text[..r.start]);
            text.push_str(random_piece(rng));
            text.push_str(&unit.target.text[r.end..]);
        } else {
            for c in codes.iter().copied().map(Some).chain(std::iter::once(None)) {
                for _ in 0..rng.below(4) {
                    text.push_str(random_piece(rng));
                }
                if let Some(c) = c {
                    text.push(c);
                }
            }
        }
        edits.push(TargetEdit {
            unit: i,
            text,
            stage: [None, Some(Stage::Translated), Some(Stage::Reviewed)][rng.below(3)],
        });
    }
    edits
}

/// A text with each code written as its label (placeholders are numbered per file).
fn labelled(file: &BilingualFile, unit: &Unit, text: &str) -> String {
    text.chars()
        .map(|c| match unit.code(c) {
            Some(code) => code.label(file.text()),
            None => c.to_string(),
        })
        .collect()
}

/// The reread file has the edited texts and the others unchanged.
fn compare_reread(
    file: &BilingualFile,
    reread: &BilingualFile,
    edits: &[TargetEdit],
    trim: bool,
    saved: &[u8],
) {
    let show = || String::from_utf8_lossy(saved).into_owned();
    assert_eq!(
        reread.units().len(),
        file.units().len(),
        "units lost or gained:\n{}",
        show()
    );
    for (i, (before, after)) in file.units().iter().zip(reread.units()).enumerate() {
        let edit = edits.iter().find(|e| e.unit == i);
        let expected = match edit {
            Some(e) => labelled(file, before, &e.text),
            None => labelled(file, before, &before.target.text),
        };
        let got = labelled(reread, after, &after.target.text);
        if trim {
            // An aligned line is read without the whitespace around it, and without a
            // list marker or heading mark it starts with ("- ", "1. ", "# "): text typed
            // there becomes the line's structure. Typed text can also undo the structure
            // ("- " then "--" reads as a rule, "- --"), and the marker joins the text.
            let (expected, got) = (expected.trim(), got.trim());
            if expected.starts_with(char::is_alphanumeric) {
                assert_eq!(
                    got,
                    expected,
                    "unit {} ({}) read back:\n{}",
                    i,
                    before.id,
                    show()
                );
            } else {
                assert!(
                    expected.ends_with(got) || got.ends_with(expected),
                    "unit {} ({}) read back as {got:?}, not {expected:?}:\n{}",
                    i,
                    before.id,
                    show()
                );
            }
        } else if !(expected.trim().is_empty() && got.is_empty()) {
            // (A target of only white space in a trans-unit with a segmented seg-source
            // reads back as no target yet: the white space is not kept.)
            assert_eq!(
                got,
                expected,
                "unit {} ({}) read back:\n{}",
                i,
                before.id,
                show()
            );
        }
    }
}

/// Every unit's spans are in the text on boundaries, and offsets map inside them.
fn check_units(file: &BilingualFile, rng: &mut Rng) {
    let text = file.text();
    for unit in file.units() {
        let sides = unit.source.iter().chain(std::iter::once(&unit.target));
        for (k, side) in sides.enumerate() {
            let of = if k == 0 && unit.source.is_some() {
                file.source_text()
            } else {
                text
            };
            let s = &side.span;
            assert!(s.start <= s.end && s.end <= of.len(), "{}: {s:?}", unit.id);
            assert!(of.is_char_boundary(s.start) && of.is_char_boundary(s.end));
            if side.is_verbatim() {
                assert_eq!(&of[s.clone()], side.text, "{}: a verbatim side", unit.id);
            }
            for _ in 0..8 {
                let r = random_range(rng, &side.text);
                let f = side.file_range(r.clone());
                assert!(f.start <= f.end, "{}: {r:?} → {f:?}", unit.id);
                assert!(of.is_char_boundary(f.start) && of.is_char_boundary(f.end));
                assert!(
                    f.start >= s.start && f.end <= s.end,
                    "{}: {r:?} → {f:?} outside {s:?}",
                    unit.id
                );
            }
        }
        for c in file.codes_in(unit, &unit.target.text) {
            assert!(unit.target.text.is_char_boundary(c.range.start));
            assert!(unit.target.text.is_char_boundary(c.range.end));
        }
        let _ = file.position(unit.target.span.start);
        assert!(file.byte_offset(unit.target.span.end) <= file.bytes().len());
    }
    let joined = file.joined_targets();
    assert_eq!(joined.units.len(), file.units().len());
    for (i, r) in joined.units.iter().enumerate() {
        assert_eq!(joined.text[r.clone()], file.units()[i].target.text);
        assert_eq!(joined.locate(r.clone()).map(|(u, _)| u), Some(i));
    }
}
