//! Bilingual files (`document::units`): every fixture read into units and saved back byte
//! for byte; an edit changes only its target and state; missing targets are inserted; bad
//! input is refused with the file and the place; random edits survive a save and a reread.

// The one generator of tests and benches.
#[path = "../src/testing/rng.rs"]
mod rng;

use std::ops::Range;
use std::path::{Path, PathBuf};

use rng::Rng;

use mtpe::document::Document;
use mtpe::document::units::{
    BilingualFile, CodeKind, ErrorKind, FileEncoding, Format, InputFormat, OpenOptions, SaveError,
    Stage, TargetEdit, Tool, Unit, compare_codes, is_private_use,
};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/bilingual")
        .join(name)
}

fn open(name: &str) -> BilingualFile {
    BilingualFile::open(&fixture(name), &OpenOptions::default())
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn parse(name: &str, text: &str) -> BilingualFile {
    BilingualFile::from_bytes(name, text.as_bytes().to_vec(), &OpenOptions::default())
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn parse_err(name: &str, text: &str) -> mtpe::document::units::FormatError {
    match BilingualFile::from_bytes(name, text.as_bytes().to_vec(), &OpenOptions::default()) {
        Ok(f) => panic!("{name}: read {} units, expected an error", f.units().len()),
        Err(e) => e,
    }
}

/// The files of the fixtures folder that are bilingual by themselves.
const FILES: &[&str] = &[
    "news.xlf",
    "news.xliff2.xlf",
    "news.tmx",
    "news.po",
    "news.tsv",
    "news.csv",
    "trados.sdlxliff",
    "memoq.mqxliff",
    "okapi.xlf",
    "phrase.mxliff",
    "segments.xliff2.xlf",
    "weblate.po",
    "po-wrap.po",
    "windows-1252.xlf",
    "utf16.xlf",
];

fn aligned() -> BilingualFile {
    BilingualFile::open_aligned(&fixture("news.zh.txt"), &fixture("news.en.txt"))
        .unwrap_or_else(|e| panic!("{e}"))
}

fn index_of(file: &BilingualFile, id: &str) -> usize {
    file.units()
        .iter()
        .position(|u| u.id == id)
        .unwrap_or_else(|| panic!("no unit {id}"))
}

fn save_one(file: &BilingualFile, id: &str, text: &str, stage: Option<Stage>) -> String {
    let edit = TargetEdit {
        unit: index_of(file, id),
        text: text.to_string(),
        stage,
    };
    let bytes = file.save(&[edit]).unwrap_or_else(|e| panic!("{e}"));
    String::from_utf8(bytes).expect("UTF-8")
}

/// A unit's text with each code shown by its label.
fn labelled(file: &BilingualFile, unit: &Unit, text: &str) -> String {
    text.chars()
        .map(|c| match unit.code(c) {
            Some(code) => code.label(file.text()),
            None => c.to_string(),
        })
        .collect()
}

/// A unit's text without its codes.
fn plain(unit: &Unit, text: &str) -> String {
    text.chars().filter(|&c| unit.code(c).is_none()).collect()
}

#[test]
fn every_file_saves_unedited_byte_for_byte() {
    for name in FILES {
        let file = open(name);
        assert!(!file.units().is_empty(), "{name}");
        let original = std::fs::read(fixture(name)).unwrap();
        assert_eq!(file.bytes(), original, "{name}");
        assert_eq!(file.save(&[]).unwrap(), original, "{name}");
        // Edits that change nothing change nothing.
        let same: Vec<TargetEdit> = file
            .units()
            .iter()
            .enumerate()
            .map(|(i, u)| TargetEdit {
                unit: i,
                text: u.target.text.clone(),
                stage: None,
            })
            .collect();
        assert_eq!(file.save(&same).unwrap(), original, "{name}");
    }
    let a = aligned();
    assert_eq!(
        a.save(&[]).unwrap(),
        std::fs::read(fixture("news.en.txt")).unwrap()
    );
}

/// The article's twelve segments, as plain source and target text.
fn article() -> Vec<(String, String)> {
    let zh = std::fs::read_to_string(fixture("news.zh.txt")).expect("news.zh.txt");
    let en = std::fs::read_to_string(fixture("news.en.txt")).expect("news.en.txt");
    zh.lines()
        .zip(en.lines())
        .map(|(z, e)| (z.to_string(), e.to_string()))
        .collect()
}

#[test]
fn the_article_reads_the_same_in_every_format() {
    let expected = article();
    assert_eq!(expected.len(), 12);
    let mut files: Vec<(&str, BilingualFile)> = [
        "news.xlf",
        "news.xliff2.xlf",
        "news.tmx",
        "news.po",
        "news.tsv",
        "news.csv",
    ]
    .iter()
    .map(|n| (*n, open(n)))
    .collect();
    files.push(("aligned", aligned()));
    for (name, file) in &files {
        let got: Vec<(String, String)> = file
            .units()
            .iter()
            .map(|u| {
                let source = u.source.as_ref().expect("source");
                (plain(u, &source.text), plain(u, &u.target.text))
            })
            .collect();
        assert_eq!(got, expected, "{name}");
        for u in file.units() {
            assert!(u.is_editable() && u.has_target, "{name} {}", u.id);
        }
    }
    let formats: Vec<Format> = files.iter().map(|(_, f)| f.format()).collect();
    assert_eq!(
        formats,
        [
            Format::Xliff12(Tool::Generic),
            Format::Xliff2,
            Format::Tmx,
            Format::Po,
            Format::Tsv,
            Format::Csv,
            Format::Aligned(mtpe::document::units::AlignMode::Lines),
        ]
    );
}

#[test]
fn spans_map_text_to_the_file() {
    for name in FILES {
        let file = open(name);
        let text = file.text();
        for u in file.units() {
            for side in [Some(&u.target), u.source.as_ref()].into_iter().flatten() {
                // Every plain character maps to bytes that read as that character.
                for (i, c) in side.text.char_indices() {
                    let r = side.file_range(i..i + c.len_utf8());
                    assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
                    let bytes = &text[r];
                    if let Some(code) = u.code(c) {
                        assert_eq!(bytes, file.code_markup(code), "{name} {}", u.id);
                    } else if bytes != c.to_string() {
                        // An escape: a reference, a PO escape, a doubled quote.
                        assert!(
                            bytes.starts_with(['&', '\\', '"']) || bytes.starts_with("<cp"),
                            "{name} {}: {c:?} from {bytes:?}",
                            u.id
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn positions_and_byte_offsets() {
    let file = open("news.xlf");
    let u = &file.units()[index_of(&file, "3")];
    let at = u.target.text.find("250 million").unwrap();
    let span = u.target.file_range(at..at + "250 million".len());
    assert_eq!(&file.text()[span.clone()], "250 million");
    let pos = file.position(span.start);
    let line = file.text().lines().nth(pos.line - 1).unwrap();
    assert!(line.contains("250 million"));
    assert_eq!(
        line.chars().take(pos.column - 1).collect::<String>(),
        "        <target xml:lang=\"en-US\" state=\"needs-review-translation\" state-qualifier=\"mt-suggestion\">The report shows that "
    );
    assert_eq!(file.byte_offset(span.start), span.start);

    // UTF-16: spans are in the decoded text, byte offsets in the file.
    let file = open("utf16.xlf");
    assert_eq!(file.encoding(), FileEncoding::Utf16Le);
    let u = &file.units()[0];
    let at = u.target.text.find("€3").unwrap();
    let start = file.byte_offset(u.target.file_range(at..at + 1).start);
    let bytes = std::fs::read(fixture("utf16.xlf")).unwrap();
    assert_eq!(
        &bytes[start..start + 4],
        "€3"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect::<Vec<u8>>()
    );
    let pos = file.position(u.target.file_range(at..at + 1).start);
    assert_eq!((pos.line, pos.column), (7, 26));
}

/// Checks that `saved` differs from `original` only within the unit's region: what comes
/// before the first change and after the last is the same, and no other unit's text
/// moved.
fn only_unit_changed(file: &BilingualFile, saved: &str, unit: usize) {
    let original = file.text();
    let diff = similar::TextDiff::from_chars(original, saved);
    let changed: Vec<Range<usize>> = diff
        .ops()
        .iter()
        .filter(|op| op.tag() != similar::DiffTag::Equal)
        .map(|op| {
            // Character indices into byte offsets.
            let r = op.old_range();
            let byte = |i: usize| {
                original
                    .char_indices()
                    .nth(i)
                    .map_or(original.len(), |(b, _)| b)
            };
            byte(r.start)..byte(r.end)
        })
        .collect();
    for (i, u) in file.units().iter().enumerate() {
        if i == unit {
            continue;
        }
        for side in [Some(&u.target), u.source.as_ref()].into_iter().flatten() {
            let s = &side.span;
            for c in &changed {
                let overlaps = s.start < c.end && c.start < s.end;
                assert!(
                    !overlaps,
                    "{}: unit {} changed too ({c:?} vs {s:?})",
                    file.name(),
                    u.id
                );
            }
        }
    }
    let reread = BilingualFile::from_bytes(
        file.name(),
        saved.as_bytes().to_vec(),
        &OpenOptions::default(),
    )
    .unwrap_or_else(|e| panic!("{e}\n{saved}"));
    assert_eq!(reread.units().len(), file.units().len());
    for (i, (a, b)) in file.units().iter().zip(reread.units()).enumerate() {
        assert_eq!(a.id, b.id);
        assert_eq!(
            a.source.as_ref().map(|s| &s.text),
            b.source.as_ref().map(|s| &s.text)
        );
        if i != unit {
            assert_eq!(a.target.text, b.target.text, "{}", a.id);
            // XLIFF 1.2 keeps one state for a trans-unit's segments.
            let sibling = a.id.split_once('/').map(|(tu, _)| tu)
                == file.units()[unit].id.split_once('/').map(|(tu, _)| tu);
            if !(sibling && matches!(file.format(), Format::Xliff12(Tool::Generic | Tool::Okapi))) {
                assert_eq!(a.state, b.state, "{}", a.id);
            }
        }
    }
}

#[test]
fn an_edit_changes_only_its_unit_in_every_file() {
    for name in FILES {
        let file = open(name);
        if file.encoding() != FileEncoding::Utf8 {
            continue; // compared byte for byte in their own test
        }
        for (i, unit) in file
            .units()
            .iter()
            .enumerate()
            .filter(|(_, u)| u.is_editable())
        {
            // The target's own codes, in order, around new text.
            let from = if unit.has_target && !unit.target.text.is_empty() {
                &unit.target.text
            } else {
                &unit.source.as_ref().unwrap_or(&unit.target).text
            };
            let codes: String = from.chars().filter(|&c| unit.code(c).is_some()).collect();
            let text = format!("Edited & <checked> {codes}");
            let edit = TargetEdit {
                unit: i,
                text: text.clone(),
                stage: Some(Stage::Translated),
            };
            let saved = file
                .save(&[edit])
                .unwrap_or_else(|e| panic!("{name} {}: {e}", unit.id));
            let saved = String::from_utf8(saved).expect("UTF-8");
            only_unit_changed(&file, &saved, i);
        }
    }
}

#[test]
fn xliff12_edit_changes_the_target_and_its_state() {
    let file = open("news.xlf");
    let i = index_of(&file, "3");
    let old = &file.units()[i].target.text;
    let new = old.replace("250 million", "205 million") + " <&>";
    let saved = save_one(&file, "3", &new, Some(Stage::Translated));
    assert!(saved.contains(
        "<target xml:lang=\"en-US\" state=\"translated\" state-qualifier=\"mt-suggestion\">The report shows that 205 million new 5G users were added nationwide in the first half of the year, up 12.3 percent year on year. &lt;&amp;&gt;</target>"
    ));
    only_unit_changed(&file, &saved, i);
    let reread = parse("news.xlf", &saved);
    assert_eq!(reread.units()[i].target.text, new);
    assert_eq!(reread.units()[i].state.stage, Stage::Translated);
    assert!(!reread.units()[i].state.fuzzy);
    // Reviewed and final.
    let saved = save_one(&file, "3", old, Some(Stage::Reviewed));
    assert!(saved.contains("state=\"signed-off\" state-qualifier"));
    let saved = save_one(&file, "3", old, Some(Stage::Final));
    assert!(saved.contains("state=\"final\" state-qualifier"));
}

#[test]
fn codes_are_kept_and_compared() {
    let file = open("news.xlf");
    let u = &file.units()[index_of(&file, "7")];
    let source = file.codes_in(u, &u.source.as_ref().unwrap().text);
    let target = file.codes_in(u, &u.target.text);
    assert_eq!(
        source.iter().map(|c| c.label.as_str()).collect::<Vec<_>>(),
        ["{1}", "{/1}"]
    );
    assert!(target.is_empty());
    assert_eq!(compare_codes(&source, &target).len(), 2);
    // Putting the codes back: the target gets the source's markup.
    let mut codes = u
        .source
        .as_ref()
        .unwrap()
        .text
        .chars()
        .filter(|c| is_private_use(*c));
    let (open_code, close_code) = (codes.next().unwrap(), codes.next().unwrap());
    let fixed = format!(
        "The report stresses the need to {open_code}continue fostering a clean and sound online environment{close_code}."
    );
    assert!(compare_codes(&source, &file.codes_in(u, &fixed)).is_empty());
    let saved = save_one(&file, "7", &fixed, None);
    assert!(saved.contains(
        "<target xml:lang=\"en-US\" state=\"needs-review-translation\" state-qualifier=\"mt-suggestion\">The report stresses the need to <g id=\"1\">continue fostering a clean and sound online environment</g>.</target>"
    ));
    // A closing code before its opening one would not be XML: refused, nothing written.
    let broken = format!("{close_code}The report{open_code}");
    let err = file
        .save(&[TargetEdit {
            unit: index_of(&file, "7"),
            text: broken,
            stage: None,
        }])
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("{/1} closes a tag that is not open"),
        "{err}"
    );
    // A character that is no code of this unit.
    let err = file
        .save(&[TargetEdit {
            unit: 0,
            text: format!("x{open_code}"),
            stage: None,
        }])
        .unwrap_err();
    assert!(matches!(err, SaveError::UnknownCode { .. }), "{err}");
}

#[test]
fn xliff12_missing_targets_are_inserted() {
    let xliff = "<?xml version=\"1.0\"?>\n<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n <file original=\"a\" source-language=\"zh-CN\" target-language=\"en-US\" datatype=\"plaintext\">\n  <body>\n   <trans-unit id=\"1\">\n     <source xml:lang=\"zh-CN\">你好</source>\n     <note>greeting</note>\n   </trans-unit>\n   <trans-unit id=\"2\">\n     <source>再见</source>\n     <target/>\n   </trans-unit>\n  </body>\n </file>\n</xliff>\n";
    let file = parse("a.xlf", xliff);
    assert!(!file.units()[0].has_target && file.units()[1].has_target);
    assert_eq!(file.units()[0].state.stage, Stage::New);
    let saved = save_one(&file, "1", "Hello", Some(Stage::Translated));
    assert!(saved.contains(
        "     <source xml:lang=\"zh-CN\">你好</source>\n     <target xml:lang=\"en-US\" state=\"translated\">Hello</target>\n     <note>greeting</note>"
    ), "{saved}");
    only_unit_changed(&file, &saved, 0);
    let saved = save_one(&file, "2", "Goodbye", Some(Stage::Translated));
    assert!(
        saved.contains("<target state=\"translated\">Goodbye</target>"),
        "{saved}"
    );
}

#[test]
fn segmented_units_and_a_target_built_from_the_seg_source() {
    let file = open("okapi.xlf");
    assert_eq!(file.format(), Format::Xliff12(Tool::Okapi));
    let ids: Vec<&str> = file.units().iter().map(|u| u.id.as_str()).collect();
    assert_eq!(ids, ["tu1/0", "tu2/0", "tu2/1", "tu3"]);
    let saved = save_one(
        &file,
        "tu2/1",
        "How can data security be ensured?",
        Some(Stage::Translated),
    );
    assert!(saved.contains(
        "</seg-source>\n<target xml:lang=\"en-US\" state=\"translated\"><mrk mid=\"0\" mtype=\"seg\"></mrk><mrk mid=\"1\" mtype=\"seg\">How can data security be ensured?</mrk></target>\n</trans-unit>"
    ), "{saved}");
    only_unit_changed(&file, &saved, 2);
    // Entities are read and written back escaped.
    let u = &file.units()[3];
    assert_eq!(
        u.source.as_ref().unwrap().text,
        "作家方方表示，A&B公司的<数据>不在此列。"
    );
    let saved = save_one(
        &file,
        "tu3",
        "Writer Fang Fang said A&B's <data> are excluded.",
        None,
    );
    assert!(saved.contains(">Writer Fang Fang said A&amp;B's &lt;data&gt; are excluded.</target>"));
}

#[test]
fn trados_segments_states_and_locks() {
    let file = open("trados.sdlxliff");
    assert_eq!(file.format(), Format::Xliff12(Tool::Trados));
    let mt = index_of(&file, "c9d8e7f6-a5b4-4c3d-9e2f-1a0b9c8d7e6f/2");
    let unit = &file.units()[mt];
    assert!(unit.state.fuzzy && unit.state.raw.as_deref() == Some("Draft"));
    let fixed = unit.target.text.replace("250 million", "205 million");
    let saved = save_one(&file, &unit.id, &fixed, Some(Stage::Translated));
    assert!(saved.contains("<sdl:seg id=\"2\" conf=\"Translated\" origin=\"mt\""));
    assert!(saved.contains("<sdl:seg id=\"3\" conf=\"Draft\" origin=\"mt\""));
    assert!(saved.contains("<mrk mtype=\"seg\" mid=\"2\">The report shows that 205 million"));
    only_unit_changed(&file, &saved, mt);
    // An empty segment written as <mrk/> gets its content; its sdl:seg gets a conf.
    let empty = &file.units()[index_of(&file, "e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b/5")];
    assert!(empty.target.text.is_empty() && empty.has_target);
    let saved = save_one(
        &file,
        &empty.id,
        "How can data security be ensured?",
        Some(Stage::Translated),
    );
    assert!(saved.contains("<target><mrk mtype=\"seg\" mid=\"5\">How can data security be ensured?</mrk></target><sdl:seg-defs><sdl:seg id=\"5\" conf=\"Translated\" /></sdl:seg-defs>"), "{saved}");
    // Locked segments and translate="no" units are read-only.
    let locked = index_of(&file, "d4c3b2a1-0f9e-4d8c-b7a6-5e4d3c2b1a09/4");
    assert!(file.units()[locked].state.locked);
    let err = file
        .save(&[TargetEdit {
            unit: locked,
            text: "x".into(),
            stage: None,
        }])
        .unwrap_err();
    assert!(matches!(err, SaveError::Locked { .. }), "{err}");
    assert!(!file.units()[0].state.translatable && !file.units()[0].is_editable());
    // The bold tag inside the segment, inside a <g> around it in Trados' way.
    let bold = &file.units()[index_of(&file, "b2e7c1a0-5f3d-4e6a-8c9b-7d2e1f0a3b42/1")];
    assert_eq!(
        labelled(&file, bold, &bold.target.text),
        "{pt1}Cybersecurity{/pt1} Report Released"
    );
    // CRLF between units is kept.
    assert!(saved.contains("</trans-unit>\r\n</group>"));
}

#[test]
fn memoq_status_and_history() {
    let file = open("memoq.mqxliff");
    assert_eq!(file.format(), Format::Xliff12(Tool::MemoQ));
    // The historical unit inside mq:minorversions is not a unit.
    assert_eq!(file.units().len(), 4);
    let u = &file.units()[index_of(&file, "2")];
    assert_eq!(
        labelled(&file, u, &u.source.as_ref().unwrap().text),
        "截至6月底，共建成5G基站{ph1}个。"
    );
    let ph = u
        .source
        .as_ref()
        .unwrap()
        .text
        .chars()
        .find(|c| is_private_use(*c))
        .unwrap();
    let fixed = format!("By the end of June, {ph} 5G base stations had been built.");
    let saved = save_one(&file, "2", &fixed, Some(Stage::Translated));
    assert!(saved.contains(
        "<trans-unit id=\"2\" mq:status=\"ManuallyConfirmed\" mq:translatorcommitmatchrate"
    ));
    assert!(saved.contains("<target xml:space=\"preserve\">By the end of June, <ph id=\"1\">&lt;mq:rxt displaytext=\"{0}\" val=\"{0}\" /&gt;</ph> 5G base stations had been built.</target>"));
    assert!(saved.contains("<mq:historical-unit mq:status=\"NotStarted\""));
    only_unit_changed(&file, &saved, 1);
    let saved = save_one(
        &file,
        "3",
        "How is data security ensured?",
        Some(Stage::Reviewed),
    );
    assert!(saved.contains("mq:status=\"Reviewer1Confirmed\""));
    assert!(file.units()[3].state.locked);
}

#[test]
fn phrase_text_tags_and_confirmation() {
    let file = open("phrase.mxliff");
    assert_eq!(file.format(), Format::Xliff12(Tool::Phrase));
    let u = &file.units()[0];
    assert_eq!(
        labelled(&file, u, &u.source.as_ref().unwrap().text),
        "报告强调，要{1>持续营造清朗网络空间<1}。"
    );
    // The MT in alt-trans is not the target; the tags lost are seen.
    let source_codes = file.codes_in(u, &u.source.as_ref().unwrap().text);
    assert_eq!(source_codes.len(), 2);
    assert_eq!(
        compare_codes(&source_codes, &file.codes_in(u, &u.target.text)).len(),
        2
    );
    // Tags typed as text count as the codes they are.
    assert!(compare_codes(&source_codes, &file.codes_in(u, "The {1>report<1}.")).is_empty());
    let tags: Vec<char> = u
        .source
        .as_ref()
        .unwrap()
        .text
        .chars()
        .filter(|c| is_private_use(*c))
        .collect();
    let fixed = format!(
        "The report stresses {}fostering a clean and sound online environment{}.",
        tags[0], tags[1]
    );
    let saved = save_one(&file, "Kp3Rt8xZ:0", &fixed, Some(Stage::Translated));
    assert!(saved.contains("m:trans-origin=\"mt\" m:confirmed=\"1\""));
    assert!(saved.contains("<target>The report stresses {1>fostering a clean and sound online environment&lt;1}.</target>"));
    only_unit_changed(&file, &saved, 0);
    assert!(file.units()[2].state.locked);
}

#[test]
fn xliff2_segments_states_and_insertion() {
    let file = open("segments.xliff2.xlf");
    let ids: Vec<&str> = file.units().iter().map(|u| u.id.as_str()).collect();
    assert_eq!(ids, ["brand", "p1/s1", "p1/s2", "p1/s3"]);
    assert!(!file.units()[0].is_editable());
    assert_eq!(file.units()[1].notes[0].text, "Opening paragraph");
    let saved = save_one(
        &file,
        "p1/s2",
        "How can data security be ensured?",
        Some(Stage::Translated),
    );
    assert!(saved.contains(
        "<segment id=\"s2\" state=\"translated\">\n    <source>如何保障数据安全？</source>\n    <target>How can data security be ensured?</target>\n   </segment>"
    ), "{saved}");
    only_unit_changed(&file, &saved, 2);
    let s3 = &file.units()[3];
    let codes: Vec<char> = s3
        .source
        .as_ref()
        .unwrap()
        .text
        .chars()
        .filter(|c| is_private_use(*c))
        .collect();
    let saved = save_one(
        &file,
        "p1/s3",
        &format!("The {}first{} paragraph\u{1}", codes[0], codes[1]),
        Some(Stage::Reviewed),
    );
    assert!(saved.contains("<segment id=\"s3\" state=\"reviewed\">"));
    assert!(saved.contains("<target>The <sc id=\"3\"/>first<ec startRef=\"3\"/> paragraph<cp hex=\"0001\"/></target>"), "{saved}");
    let reread = parse("s.xlf", &saved);
    assert!(reread.units()[3].target.text.ends_with("paragraph\u{1}"));
}

#[test]
fn tmx_languages() {
    let file = open("news.tmx");
    assert_eq!(file.source_language(), Some("zh-CN"));
    assert_eq!(file.target_language(), Some("en-US"));
    let u = &file.units()[index_of(&file, "7")];
    assert_eq!(
        labelled(&file, u, &u.source.as_ref().unwrap().text),
        "报告强调，要{1}持续营造清朗网络空间{/1}。"
    );
    let saved = save_one(
        &file,
        "7",
        "The report stresses a clean and sound online environment.",
        None,
    );
    assert!(saved.contains("<tuv xml:lang=\"en-US\"><seg>The report stresses a clean and sound online environment.</seg></tuv>"));
    only_unit_changed(&file, &saved, 6);
    // Languages chosen the other way round; a language the file lacks.
    let options = OpenOptions {
        source_lang: Some("en".into()),
        target_lang: Some("zh".into()),
        ..OpenOptions::default()
    };
    let reversed = BilingualFile::open(&fixture("news.tmx"), &options).unwrap();
    assert_eq!(reversed.units()[0].target.text, "数字中国建设取得新进展");
    let options = OpenOptions {
        target_lang: Some("fr".into()),
        ..OpenOptions::default()
    };
    let err = BilingualFile::open(&fixture("news.tmx"), &options).unwrap_err();
    let err = err.format_error().unwrap();
    assert_eq!(err.kind, ErrorKind::MissingLanguage);
    assert!(
        err.to_string()
            .contains("news.tmx:5:5: unit 1 has no variant in the target language fr"),
        "{err}"
    );
}

#[test]
fn po_entries_fuzzy_and_wrapping() {
    let file = open("news.po");
    let i = 2;
    let u = &file.units()[i];
    assert!(u.state.fuzzy);
    let fixed = u.target.text.replace("250 million", "205 million");
    let saved = save_one(&file, &u.id, &fixed, Some(Stage::Translated));
    assert!(saved.contains(
        "#: news.zh.txt:3\nmsgid \"报告显示，上半年全国新增5G用户2.05亿户，同比增长12.3%。\"\nmsgstr \"\"\n\"The report shows that 205 million new 5G users were added nationwide in the \"\n\"first half of the year, up 12.3 percent year on year.\"\n"
    ), "{saved}");
    only_unit_changed(&file, &saved, i);
    assert!(!parse("news.po", &saved).units()[i].state.fuzzy);
    // Other flags stay when fuzzy goes; a brace placeholder is a code.
    let u = &file.units()[6];
    assert_eq!(
        labelled(&file, u, &u.source.as_ref().unwrap().text),
        "报告强调，要{0}持续营造清朗网络空间{1}。"
    );
    let codes: Vec<char> = u
        .source
        .as_ref()
        .unwrap()
        .text
        .chars()
        .filter(|c| is_private_use(*c))
        .collect();
    let fixed = format!(
        "The report stresses {}a clean and sound online environment{}.",
        codes[0], codes[1]
    );
    let saved = save_one(&file, &u.id, &fixed, Some(Stage::Translated));
    assert!(saved.contains("#, python-brace-format\nmsgid \"报告强调"));
    assert!(
        saved
            .contains("msgstr \"The report stresses {0}a clean and sound online environment{1}.\"")
    );
    // Placeholders typed by hand count as the codes.
    let source = file.codes_in(u, &u.source.as_ref().unwrap().text);
    assert!(compare_codes(&source, &file.codes_in(u, "typed {0} and {1}")).is_empty());
    // Escapes and inner newlines.
    let saved = save_one(
        &file,
        &file.units()[0].id,
        "A \"quoted\"\ttitle\nand a second line",
        None,
    );
    assert!(saved.contains("msgctxt \"headline\"\nmsgid \"数字中国建设取得新进展\"\nmsgstr \"\"\n\"A \\\"quoted\\\"\\ttitle\\n\"\n\"and a second line\"\n"), "{saved}");
    assert_eq!(
        parse("news.po", &saved).units()[0].target.text,
        "A \"quoted\"\ttitle\nand a second line"
    );
}

#[test]
fn po_with_crlf_keeps_crlf() {
    let po = "msgid \"\"\r\nmsgstr \"\"\r\n\"Content-Type: text/plain; charset=UTF-8\\n\"\r\n\r\n#, fuzzy\r\nmsgid \"One\"\r\nmsgstr \"Un\"\r\n";
    let file = parse("c.po", po);
    let long = "Un texte assez long pour que gettext le coupe sur plusieurs lignes, comme il le fait toujours.";
    let saved = save_one(&file, "One", long, Some(Stage::Translated));
    assert_eq!(
        saved,
        "msgid \"\"\r\nmsgstr \"\"\r\n\"Content-Type: text/plain; charset=UTF-8\\n\"\r\n\r\nmsgid \"One\"\r\nmsgstr \"\"\r\n\"Un texte assez long pour que gettext le coupe sur plusieurs lignes, comme il \"\r\n\"le fait toujours.\"\r\n"
    );
}

#[test]
fn po_plurals_contexts_and_obsolete_entries() {
    let file = open("weblate.po");
    let ids: Vec<&str> = file.units().iter().map(|u| u.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "page title\u{4}Front page",
            "%(count)d new article[0]",
            "Published by %s on %s",
            "Comments are closed for this article. Readers who wish to respond may write to the editors at the address below; letters may be edited for length.",
            "Read the \"full report\"\nor download it",
            "Welcome back, {name}!",
        ]
    );
    assert_eq!(file.units()[0].context.as_deref(), Some("page title"));
    assert_eq!(file.target_language(), Some("zh_Hans"));
    let notes: Vec<&str> = file.units()[0]
        .notes
        .iter()
        .map(|n| n.text.as_str())
        .collect();
    assert_eq!(
        notes,
        [
            "Translators: the title of the front page.",
            "newsroom/templates/index.html:4"
        ]
    );
    let fuzzy = &file.units()[2];
    assert!(fuzzy.state.fuzzy);
    assert_eq!(
        labelled(&file, fuzzy, &fuzzy.source.as_ref().unwrap().text),
        "Published by %s on %s"
    );
    let codes = file.codes_in(fuzzy, &fuzzy.target.text);
    assert_eq!(
        compare_codes(
            &file.codes_in(fuzzy, &fuzzy.source.as_ref().unwrap().text),
            &codes
        )
        .len(),
        1
    );
    let saved = save_one(
        &file,
        &fuzzy.id.clone(),
        &format!(
            "由 {p} 于 {p} 发布",
            p = fuzzy
                .target
                .text
                .chars()
                .find(|c| is_private_use(*c))
                .unwrap()
        ),
        Some(Stage::Translated),
    );
    assert!(saved.contains("#: newsroom/feed.py:58\n#, python-format\n#| msgid \"Published by %s\"\nmsgid \"Published by %s on %s\"\nmsgstr \"由 %s 于 %s 发布\"\n"), "{saved}");
    assert!(saved.ends_with("#~ msgid \"Subscribe\"\n#~ msgstr \"订阅\"\n"));
    // A plural form the header asks for but the entry lacks is inserted.
    let po = "msgid \"\"\nmsgstr \"\"\n\"Plural-Forms: nplurals=2; plural=(n != 1);\\n\"\n\n#, c-format\nmsgid \"%d file\"\nmsgid_plural \"%d files\"\nmsgstr[0] \"%d 个文件\"\n\nmsgid \"next\"\nmsgstr \"\"\n";
    let file = parse("p.po", po);
    assert_eq!(file.units().len(), 3);
    assert!(!file.units()[1].has_target);
    assert_eq!(
        file.units()[1]
            .source
            .as_ref()
            .unwrap()
            .text
            .chars()
            .filter(|c| !is_private_use(*c))
            .collect::<String>(),
        " files"
    );
    let p = file.units()[1]
        .source
        .as_ref()
        .unwrap()
        .text
        .chars()
        .next()
        .unwrap();
    let saved = save_one(&file, "%d file[1]", &format!("{p} 个文件"), None);
    assert!(
        saved.contains("msgstr[0] \"%d 个文件\"\nmsgstr[1] \"%d 个文件\"\n\nmsgid \"next\""),
        "{saved}"
    );
}

#[test]
fn tsv_and_csv_quoting() {
    let file = open("news.tsv");
    assert_eq!(file.source_language(), Some("zh"));
    assert_eq!(
        file.units()[2].notes[0].text,
        "number changed: 2.05亿 is 205 million"
    );
    let saved = save_one(&file, "3", "Tab\there \"quoted\"", None);
    assert!(saved.contains("\n3\t报告显示，上半年全国新增5G用户2.05亿户，同比增长12.3%。\t\"Tab\there \"\"quoted\"\"\"\tnumber changed"));
    only_unit_changed(&file, &saved, 2);
    assert_eq!(
        parse("news.tsv", &saved).units()[2].target.text,
        "Tab\there \"quoted\""
    );
    let file = open("news.csv");
    assert_eq!(file.units()[1].id, "3");
    let saved = save_one(&file, "3", "Plain, with a comma", None);
    let line = saved.lines().nth(2).unwrap();
    assert!(line.ends_with(",\"Plain, with a comma\""), "{line}");
    // A row without a target field gets one.
    let file = parse("m.tsv", "source\ttarget\n你好\n再见\tBye\n");
    assert!(!file.units()[0].has_target);
    assert_eq!(
        save_one(&file, "2", "Hello", None),
        "source\ttarget\n你好\tHello\n再见\tBye\n"
    );
    // Language columns chosen by name.
    let options = OpenOptions {
        source_lang: Some("en".into()),
        target_lang: Some("zh".into()),
        ..OpenOptions::default()
    };
    let file = BilingualFile::from_bytes(
        "l.csv",
        b"id;zh;en\n1;\xe4\xbd\xa0\xe5\xa5\xbd;Hello\n".to_vec(),
        &options,
    )
    .unwrap();
    assert_eq!(file.units()[0].target.text, "你好");
    assert_eq!(file.units()[0].id, "1");
}

#[test]
fn aligned_source_and_mt() {
    let file = aligned();
    assert_eq!(file.units().len(), 12);
    assert_eq!(
        file.source_name(),
        fixture("news.zh.txt").display().to_string()
    );
    let u = &file.units()[2];
    let src = u.source.as_ref().unwrap();
    assert_eq!(&file.source_text()[src.span.clone()], src.text);
    assert_eq!(file.source_position(src.span.start).line, 3);
    let saved = save_one(
        &file,
        "3",
        "The report shows 205 million new 5G users.",
        None,
    );
    let expected = std::fs::read_to_string(fixture("news.en.txt"))
        .unwrap()
        .replace(&u.target.text, "The report shows 205 million new 5G users.");
    assert_eq!(saved, expected);
    // A line left out of the MT: refused, naming where the two diverge.
    let en = std::fs::read_to_string(fixture("news.en.txt")).expect("news.en.txt");
    let short: String = en
        .lines()
        .enumerate()
        .filter(|(i, _)| *i != 1)
        .map(|(_, l)| format!("{l}\n"))
        .collect();
    let source = Document::load(&fixture("news.zh.txt")).unwrap();
    let target = Document::from_str_named("short.en.txt", &short);
    let err = BilingualFile::align(&source, &target).unwrap_err();
    assert_eq!(err.kind, ErrorKind::SegmentCount);
    assert!(
        err.to_string()
            .starts_with("short.en.txt:2:1: short.en.txt has 11 lines but its source"),
        "{err}"
    );
    assert!(err.to_string().contains("diverge at segment 2 (as far as their lengths and numbers tell): the source's line 2: “新华社北京7月14日电"), "{err}");
    // Blank-line paragraphs in both: by paragraph.
    let source = Document::from_str_named("s.txt", "第一段第一句。\n\n第二段。\n");
    let target = Document::from_str_named(
        "t.txt",
        "The first paragraph, which\nwraps over two lines.\n\nThe second.\n",
    );
    let file = BilingualFile::align(&source, &target).unwrap();
    assert_eq!(
        file.format(),
        Format::Aligned(mtpe::document::units::AlignMode::Paragraphs)
    );
    assert_eq!(
        file.units()[0].target.text,
        "The first paragraph, which\nwraps over two lines."
    );
}

#[test]
fn legacy_encodings_are_written_back_in_their_encoding() {
    let file = open("windows-1252.xlf");
    assert_eq!(file.encoding().name(), "windows-1252");
    assert_eq!(file.units()[0].target.text, "The coffee costs €3.");
    assert_eq!(
        file.units()[1].source.as_ref().unwrap().text,
        "Prix <HT> & TVA"
    );
    let edit = TargetEdit {
        unit: 0,
        text: "Coffee: €3 (中)".into(),
        stage: Some(Stage::Translated),
    };
    let bytes = file.save(&[edit]).unwrap();
    let original = std::fs::read(fixture("windows-1252.xlf")).unwrap();
    let (decoded, _, _) = encoding_rs::WINDOWS_1252.decode(&bytes);
    assert!(
        decoded.contains("<target state=\"translated\">Coffee: €3 (&#20013;)</target>\r\n"),
        "{decoded}"
    );
    assert!(bytes.contains(&0x80) && !bytes.windows(3).any(|w| w == "€".as_bytes()));
    let at = original.windows(8).position(|w| w == b"<target>").unwrap();
    assert_eq!(bytes[..at], original[..at]);
    let file = open("utf16.xlf");
    let bytes = file
        .save(&[TargetEdit {
            unit: 0,
            text: "Coffee 😀".into(),
            stage: None,
        }])
        .unwrap();
    let reread = BilingualFile::from_bytes("u.xlf", bytes, &OpenOptions::default()).unwrap();
    assert_eq!(reread.encoding(), FileEncoding::Utf16Le);
    assert_eq!(reread.units()[0].target.text, "Coffee 😀");
    assert_eq!(reread.units()[1].target.text, "Price “excl. VAT” & VAT");
}

#[test]
fn namespace_prefixes_and_dtd_entities() {
    let xliff = "<?xml version=\"1.0\"?>\n<xlf:xliff version=\"1.2\" xmlns:xlf=\"urn:oasis:names:tc:xliff:document:1.2\">\n<xlf:file source-language=\"zh\" target-language=\"en\"><xlf:body>\n  <xlf:trans-unit id=\"1\">\n    <xlf:source>你好</xlf:source>\n  </xlf:trans-unit>\n</xlf:body></xlf:file></xlf:xliff>\n";
    let file = parse("p.xlf", xliff);
    let saved = save_one(&file, "1", "Hello", Some(Stage::Translated));
    assert!(saved.contains("<xlf:source>你好</xlf:source>\n    <xlf:target state=\"translated\">Hello</xlf:target>\n"), "{saved}");
    let with_dtd = "<?xml version=\"1.0\"?>\n<!DOCTYPE xliff [<!ENTITY co \"Company\">]>\n<xliff version=\"1.2\"><file><body><trans-unit id=\"1\"><source>&co;</source></trans-unit></body></file></xliff>";
    let err = parse_err("d.xlf", with_dtd);
    assert!(
        err.to_string()
            .contains("d.xlf:3:61: malformed XML: unknown entity &co;"),
        "{err}"
    );
}

#[test]
fn detection_and_forcing() {
    assert_eq!(InputFormat::detect("a.sdlxliff", b""), InputFormat::Xliff);
    assert_eq!(InputFormat::detect("a.txt", b"<xliff>"), InputFormat::Text);
    assert_eq!(
        InputFormat::detect(
            "a.dat",
            b"\xef\xbb\xbf<?xml version=\"1.0\"?>\n<!-- c -->\n<tmx version=\"1.4\">"
        ),
        InputFormat::Tmx
    );
    assert_eq!(
        InputFormat::detect("a", b"# x\nmsgid \"\"\nmsgstr \"\"\n"),
        InputFormat::Po
    );
    assert_eq!(InputFormat::detect("a", b"just text\n"), InputFormat::Text);
    let utf16: Vec<u8> = "\u{feff}<xliff version=\"2.0\">"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    assert_eq!(InputFormat::detect("a.bin", &utf16), InputFormat::Xliff);
    assert_eq!(InputFormat::from_name("XLF"), Some(InputFormat::Xliff));
    let options = OpenOptions {
        format: Some(InputFormat::Tsv),
        ..OpenOptions::default()
    };
    let file = BilingualFile::from_bytes("data.txt", b"source\ttarget\na\tb\n".to_vec(), &options)
        .unwrap();
    assert_eq!(file.format(), Format::Tsv);
    let err = BilingualFile::from_bytes("plain.txt", b"hello\n".to_vec(), &OpenOptions::default())
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::UnknownFormat);
}

#[test]
fn bad_input_names_the_file_and_the_place() {
    let unit = |body: &str| {
        format!(
            "<xliff version=\"1.2\">\n<file source-language=\"zh\" target-language=\"en\">\n<body>\n{body}\n</body>\n</file>\n</xliff>\n"
        )
    };
    let cases: Vec<(&str, String, ErrorKind, &str)> = vec![
        ("bad.xlf", unit("<trans-unit id=\"1\">\n  <source>a</target>\n</trans-unit>"), ErrorKind::Malformed, "bad.xlf:5:12: malformed XML: expected </source>"),
        ("bad.xlf", unit("<trans-unit id=\"1\"><target>a</target></trans-unit>"), ErrorKind::MissingSource, "bad.xlf:4:1: trans-unit \"1\" has no <source>"),
        ("bad.xlf", unit("<trans-unit id=\"7\"><source>a</source></trans-unit>\n<trans-unit id=\"7\"><source>b</source></trans-unit>"), ErrorKind::DuplicateId, "bad.xlf:5:28: unit id \"7\" is used twice (first at line 4)"),
        ("bad.xlf", unit("<trans-unit id=\"1\"><source>a &nbsp; b</source></trans-unit>"), ErrorKind::Malformed, "bad.xlf:4:30: malformed XML: unknown entity &nbsp;"),
        ("bad.xlf", "<xliff version=\"1.2\">\n<file>\n".to_string(), ErrorKind::Malformed, "bad.xlf:3:1: malformed XML: the file ends before <file> (line 2) is closed"),
        ("bad.po", "msgid \"a\"\nmsgstr \"never closed\n".to_string(), ErrorKind::UnclosedString, "bad.po:2:8: this string is never closed"),
        ("bad.po", "msgid \"a\"\nmsgstr \"x\"\n\nmsgid \"a\"\nmsgstr \"y\"\n".to_string(), ErrorKind::DuplicateId, "bad.po:4:8: unit id \"a\" is used twice (first at line 1)"),
        ("bad.po", "msgid \"a\"\n".to_string(), ErrorKind::Malformed, "bad.po:1:1: msgid without msgstr"),
        ("bad.po", "msgid \"a\"\nmsgstr \"\\q\"\n".to_string(), ErrorKind::Malformed, "bad.po:2:9: unknown escape \\q"),
        ("bad.po", "msgid \"a\"\nmsgid_plural \"as\"\nmsgstr[0] \"x\"\nmsgstr[0] \"y\"\n".to_string(), ErrorKind::Malformed, "bad.po:4:1: msgstr[0] appears twice in one entry"),
        ("bad.po", "msgid \"a\"\nmsgid_plural \"as\"\nmsgstr[0] \"x\"\nmsgstr \"y\"\n".to_string(), ErrorKind::Malformed, "bad.po:4:1: msgstr and msgstr[n] in one entry"),
        ("bad.po", "msgid \"a\"\nmsgid_plural \"as\"\nmsgstr \"x\"\n".to_string(), ErrorKind::Malformed, "bad.po:3:1: msgstr in a plural entry"),
        ("bad.po", "msgid \"a\"\nmsgstr[0] \"x\"\n".to_string(), ErrorKind::Malformed, "bad.po:2:1: msgstr[n] in an entry without msgid_plural"),
        ("bad.tmx", "<tmx version=\"1.4\"><header srclang=\"zh\"/><body>\n<tu tuid=\"9\"><tuv xml:lang=\"zh\"><seg>a</seg></tuv><tuv xml:lang=\"en\"><seg>b</seg></tuv></tu>\n<tu tuid=\"10\"><tuv xml:lang=\"zh\"><seg>c</seg></tuv></tu>\n</body></tmx>".to_string(), ErrorKind::MissingLanguage, "bad.tmx:3:1: unit 10 has no variant in the target language en"),
        ("bad.tsv", "id\tfoo\tbar\n1\ta\tb\n".to_string(), ErrorKind::Header, "bad.tsv:1:1: the header row names no source column"),
        ("bad.csv", "source,target\n\"open,x\n".to_string(), ErrorKind::Malformed, "bad.csv:2:1: a quoted field is never closed"),
        ("bad2.xlf", "<xliff version=\"2.0\"><file id=\"f\"><unit id=\"u\"><segment><target>x</target></segment></unit></file></xliff>".to_string(), ErrorKind::MissingSource, "bad2.xlf:1:48: a segment of unit \"u\" has no <source>"),
    ];
    for (name, text, kind, expected) in cases {
        let err = parse_err(name, &text);
        assert_eq!(err.kind, kind, "{err}");
        assert!(
            err.to_string().starts_with(expected),
            "{name}: {err}\nexpected: {expected}"
        );
    }
    // Bytes that are not the declared encoding.
    let err = BilingualFile::from_bytes(
        "x.xlf",
        b"<xliff>\n\xff</xliff>".to_vec(),
        &OpenOptions::default(),
    )
    .unwrap_err();
    assert_eq!(
        (err.kind, err.line, err.offset),
        (ErrorKind::Encoding, 2, 8)
    );
}

/// A random target for `unit`: text of every kind around the unit's codes, kept in the
/// order the original target (or source) has them, so that tags stay paired.
fn random_target(rng: &mut Rng, unit: &Unit, format: Format) -> String {
    const PIECES: &[&str] = &[
        "a", "Word ", " ", "&", "<", ">", "\"", "'", "中文", "，", "😀", "e\u{301}", "%", "{", "}",
        "\\", "\t", "\n", "]]>", "--", "#", ";",
    ];
    let from = if unit.target.text.chars().any(|c| unit.code(c).is_some()) {
        &unit.target.text
    } else {
        &unit.source.as_ref().unwrap_or(&unit.target).text
    };
    let codes: Vec<char> = from.chars().filter(|&c| unit.code(c).is_some()).collect();
    let mut out = String::new();
    for c in codes.iter().copied().chain(std::iter::once('\0')) {
        for _ in 0..rng.below(4) {
            let piece = PIECES[rng.below(PIECES.len())];
            // Formats whose layout a line break would change, and TSV's delimiter rules,
            // are exercised elsewhere; aligned text keeps one segment per line.
            if matches!(format, Format::Aligned(_)) && piece == "\n" {
                continue;
            }
            out.push_str(piece);
        }
        if c != '\0' {
            out.push(c);
        }
    }
    out
}

#[test]
fn random_edits_survive_save_and_reread() {
    let mut rng = Rng::new(11);
    let mut files: Vec<BilingualFile> = FILES.iter().map(|n| open(n)).collect();
    files.push(aligned());
    for file in &files {
        for round in 0..20 {
            let mut edits: Vec<TargetEdit> = Vec::new();
            for (i, unit) in file.units().iter().enumerate() {
                if unit.is_editable() && rng.below(3) == 0 {
                    edits.push(TargetEdit {
                        unit: i,
                        text: random_target(&mut rng, unit, file.format()),
                        stage: [None, Some(Stage::Translated), Some(Stage::Reviewed)][rng.below(3)],
                    });
                }
            }
            let bytes = file
                .save(&edits)
                .unwrap_or_else(|e| panic!("{} round {round}: {e}", file.name()));
            let reread = if let Format::Aligned(_) = file.format() {
                let target =
                    Document::from_str_named("t.txt", std::str::from_utf8(&bytes).unwrap());
                let source = Document::load(&fixture("news.zh.txt")).unwrap();
                match BilingualFile::align(&source, &target) {
                    Ok(f) => f,
                    // Text typed at a line's edges may make it blank or split it.
                    Err(_) => continue,
                }
            } else {
                BilingualFile::from_bytes(file.name(), bytes.clone(), &OpenOptions::default())
                    .unwrap_or_else(|e| {
                        panic!(
                            "{} round {round}: {e}\n{}",
                            file.name(),
                            String::from_utf8_lossy(&bytes)
                        )
                    })
            };
            assert_eq!(reread.units().len(), file.units().len(), "{}", file.name());
            for e in &edits {
                let (before, after) = (&file.units()[e.unit], &reread.units()[e.unit]);
                let mut expected = labelled(file, before, &e.text);
                let mut got = labelled(&reread, after, &after.target.text);
                if let Format::Aligned(_) = file.format() {
                    // A paragraph's text is read without the whitespace around it.
                    expected = expected.trim().to_string();
                    got = got.trim().to_string();
                }
                assert_eq!(
                    got,
                    expected,
                    "{} unit {} round {round}",
                    file.name(),
                    before.id
                );
                check_offsets(&reread, after, &mut rng);
            }
        }
    }
}

/// Offsets on character boundaries map to character boundaries of the file's text, in
/// order, within the side's span.
fn check_offsets(file: &BilingualFile, unit: &Unit, rng: &mut Rng) {
    let text = file.text();
    let side = &unit.target;
    let bounds: Vec<usize> = side
        .text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(side.text.len()))
        .collect();
    for _ in 0..20 {
        let (a, b) = (
            bounds[rng.below(bounds.len())],
            bounds[rng.below(bounds.len())],
        );
        let r: Range<usize> = a.min(b)..a.max(b);
        let f = side.file_range(r.clone());
        assert!(f.start <= f.end, "{f:?}");
        assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
        assert!(
            f.start >= side.span.start && f.end <= side.span.end,
            "{f:?} {:?}",
            side.span
        );
        if !r.is_empty()
            && !side.text[r.clone()]
                .chars()
                .any(|c| matches!(unit.code(c), Some(code) if code.kind != CodeKind::Standalone))
        {
            assert!(!f.is_empty());
        }
    }
}
