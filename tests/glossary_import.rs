//! Every import format through the library: TBX v2 and v3 (DCA and DCT styles), legacy
//! XML encodings, multilingual files, UTF-16 and BOMs, and the refusals.

use std::path::Path;

use mtpe::glossary::import::{self, ImportFormat as Format, ImportOptions};
use mtpe::glossary::{EntryData, TermStatus};

fn opts(source: Option<&str>, target: Option<&str>) -> ImportOptions {
    ImportOptions {
        source_lang: source.map(str::to_string),
        target_lang: target.map(str::to_string),
        ..ImportOptions::default()
    }
}

fn read(path: &str, o: &ImportOptions) -> import::Parsed {
    import::read(Path::new(path), o).unwrap_or_else(|e| panic!("{e}"))
}

fn terms(e: &EntryData, status: TermStatus) -> Vec<&str> {
    e.terms_with(status).map(|t| t.text.as_str()).collect()
}

#[test]
fn tbx_v2_basic_with_statuses_notes_and_prefix_matched_languages() {
    let p = read(
        "fixtures/glossary/tbx2-basic.tbx",
        &opts(Some("zh"), Some("en")),
    );
    assert_eq!(p.entries.len(), 2);
    assert_eq!(
        p.report.skipped, 1,
        "the German-only concept has no English term"
    );
    let e = &p.entries[0];
    assert_eq!(
        (e.source_lang.as_str(), e.target_lang.as_str()),
        ("zh-CN", "en-US")
    );
    assert_eq!(e.sources, ["网络安全"]);
    assert_eq!(terms(e, TermStatus::Preferred), ["cybersecurity"]);
    assert_eq!(terms(e, TermStatus::Admitted), ["cyber security"]);
    assert_eq!(terms(e, TermStatus::Deprecated), ["network security"]);
    let dep = e.terms_with(TermStatus::Deprecated).next().unwrap();
    assert_eq!(dep.reason.as_deref(), Some("literal rendering of 网络安全"));
    assert_eq!(e.note, "Security of networks & information systems.");
    assert_eq!(e.domain, "cyberspace");
    let cac = &p.entries[1];
    assert_eq!(
        terms(cac, TermStatus::Preferred),
        ["Cyberspace Administration of China"],
        "inline markup inside <term> keeps its text"
    );
    assert_eq!(terms(cac, TermStatus::Admitted), ["CAC"]);
    let superseded = cac.terms_with(TermStatus::Deprecated).next().unwrap();
    assert_eq!(superseded.text, "State Internet Information Office");
    assert_eq!(superseded.reason.as_deref(), Some("superseded"));
    assert_eq!(cac.note, "Two names, one office.");
    assert!(cac.terms[1].case_sensitive, "CAC is written in capitals");

    // Three languages and no choice: the error names them.
    let err = import::read(
        Path::new("fixtures/glossary/tbx2-basic.tbx"),
        &opts(None, None),
    )
    .unwrap_err();
    assert!(err.to_string().contains("en-US, zh-CN, de"), "{err}");
    // Only the target given: the source must be named too when several remain.
    let err = import::read(
        Path::new("fixtures/glossary/tbx2-basic.tbx"),
        &opts(None, Some("en")),
    )
    .unwrap_err();
    assert!(err.to_string().contains("--source-lang"), "{err}");
}

#[test]
fn tbx_v3_dca_and_dct_styles() {
    let p = read("fixtures/glossary/tbx3-basic.tbx", &opts(None, None));
    let e = &p.entries[0];
    assert_eq!(
        (e.source_lang.as_str(), e.target_lang.as_str()),
        ("zh", "en")
    );
    assert_eq!(terms(e, TermStatus::Preferred), ["cyberpower"]);
    assert_eq!(
        terms(e, TermStatus::Admitted),
        ["cyber power"],
        "CDATA is text"
    );
    assert_eq!(
        e.terms_with(TermStatus::Deprecated)
            .next()
            .unwrap()
            .reason
            .as_deref(),
        Some("collapses two concepts")
    );

    let p = read("fixtures/glossary/tbx3-core-dct.tbx", &opts(None, None));
    let e = &p.entries[0];
    // The root's xml:lang (en) is the source when the file holds exactly two languages.
    assert_eq!(
        (e.source_lang.as_str(), e.target_lang.as_str()),
        ("en-GB", "fr-FR")
    );
    assert_eq!(terms(e, TermStatus::Preferred), ["compte d'épargne"]);
    assert_eq!(
        e.sources,
        ["savings account"],
        "deprecated source terms are not sources"
    );
    assert_eq!(e.domain, "finance");
    let p = read(
        "fixtures/glossary/tbx3-core-dct.tbx",
        &opts(Some("fr"), Some("en")),
    );
    let e = &p.entries[0];
    assert_eq!(terms(e, TermStatus::Preferred), ["savings account"]);
    assert_eq!(terms(e, TermStatus::Deprecated), ["saving account"]);
    assert_eq!(e.note, "Money put aside.");
}

#[test]
fn a_tbx_with_fourteen_languages() {
    let err = import::read(
        Path::new("fixtures/glossary/fourteen-languages.tbx"),
        &opts(None, None),
    )
    .unwrap_err();
    assert!(
        err.to_string()
            .contains("en, de, fr, es, it, pt, nl, sv, pl, cs, ru, ja, ko, zh"),
        "{err}"
    );
    let p = read(
        "fixtures/glossary/fourteen-languages.tbx",
        &opts(Some("zh-Hans"), Some("ja-JP")),
    );
    let e = &p.entries[0];
    assert_eq!(e.sources, ["网络安全"]);
    assert_eq!(terms(e, TermStatus::Preferred), ["サイバーセキュリティ"]);
}

#[test]
fn the_xml_declaration_encoding_is_honoured() {
    let p = read("fixtures/glossary/windows-1252.tbx", &opts(None, None));
    let e = &p.entries[0];
    assert_eq!(
        (e.source_lang.as_str(), e.target_lang.as_str()),
        ("en", "tr")
    );
    assert_eq!(terms(e, TermStatus::Preferred), ["kafe kültürü"]);
    let p = read(
        "fixtures/glossary/windows-1252.tbx",
        &opts(Some("tr"), Some("en")),
    );
    let e = &p.entries[0];
    assert_eq!(terms(e, TermStatus::Preferred), ["café culture"]);
    assert_eq!(
        e.terms_with(TermStatus::Deprecated)
            .next()
            .unwrap()
            .reason
            .as_deref(),
        Some("\u{201c}missing accent\u{201d}")
    );
    // An encoding nobody knows is refused by name.
    let bytes = b"<?xml version=\"1.0\" encoding=\"x-klingon\"?><tbx/>";
    let err = import::parse("k.tbx", bytes, Format::Tbx, &opts(None, None)).unwrap_err();
    assert!(
        err.to_string()
            .contains("unsupported encoding \u{201c}x-klingon\u{201d}"),
        "{err}"
    );
}

#[test]
fn xml_safety_and_errors_with_line_and_column() {
    for (file, line, says) in [
        ("external-entity.tbx", 2, "never expands DTD entities"),
        ("entity-expansion.tbx", 2, "never expands DTD entities"),
        ("undefined-entity.tbx", 4, "undefined entity &eacute;"),
        ("malformed.tbx", 6, "malformed XML"),
        ("truncated.tbx", 11, "ends before <langSec>"),
    ] {
        let path = format!("fixtures/glossary/{file}");
        let err = import::read(Path::new(&path), &opts(None, None)).unwrap_err();
        assert_eq!(err.line, Some(line), "{err}");
        assert!(err.column.is_some(), "{err}");
        assert!(err.message.contains(says), "{err}");
        assert!(
            !err.message.contains("root:x:0"),
            "nothing from the entity's target leaks"
        );
    }
    let err = import::parse(
        "x.tbx",
        b"<html><body/></html>",
        Format::Tbx,
        &opts(None, None),
    )
    .unwrap_err();
    assert!(err.message.contains("not a TBX file"), "{err}");
}

#[test]
fn tables_in_every_encoding_and_shape() {
    let p = read("fixtures/glossary/full-bom-crlf.tsv", &opts(None, None));
    assert_eq!(p.entries.len(), 3);
    let e = &p.entries[0];
    assert_eq!(
        e.note,
        "Evidence: https://example.org/a\r\nsecond line\twith a tab"
    );
    assert_eq!(
        e.terms_with(TermStatus::Deprecated)
            .next()
            .unwrap()
            .reason
            .as_deref(),
        Some("literal")
    );
    let cac = &p.entries[2];
    let ngo = cac.terms.iter().find(|t| t.text == "NGO").unwrap();
    assert!(!ngo.case_sensitive, "~ overrides the capitals rule");
    assert!(
        cac.terms
            .iter()
            .find(|t| t.text == "CAC")
            .unwrap()
            .case_sensitive
    );

    let p = read(
        "fixtures/glossary/two-column.csv",
        &opts(Some("zh"), Some("en")),
    );
    assert_eq!(p.entries.len(), 3);
    assert_eq!(p.entries[2].sources, ["数据, 出境"]);
    assert_eq!(
        terms(&p.entries[2], TermStatus::Preferred),
        ["outbound data, transfer"]
    );
    // Without languages, mtpe's defaults are assumed (zh → en, as `glossary add` has
    // them) and the user told so.
    let p = read("fixtures/glossary/two-column.csv", &opts(None, None));
    assert_eq!(
        (
            p.entries[0].source_lang.as_str(),
            p.entries[0].target_lang.as_str()
        ),
        ("zh", "en")
    );
    assert!(
        p.report
            .remarks
            .iter()
            .any(|r| r.contains("assumed zh \u{2192} en")),
        "{:?}",
        p.report.remarks
    );

    let p = read(
        "fixtures/glossary/multilingual.csv",
        &opts(Some("en"), Some("fr")),
    );
    assert_eq!(p.entries.len(), 4);
    assert_eq!(p.entries[2].sources, ["bank, river"]);
    let p = read(
        "fixtures/glossary/multilingual.csv",
        &opts(Some("en"), Some("es")),
    );
    assert_eq!((p.entries.len(), p.report.skipped), (3, 1));

    // UTF-16 (both byte orders) with a BOM.
    let text = "source\ttarget\n网络强国\tcyberpower\n";
    let le: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let be: Vec<u8> = [0xFE, 0xFF]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
        .collect();
    for bytes in [le, be] {
        let p = import::parse("u.tsv", &bytes, Format::Tsv, &opts(Some("zh"), Some("en"))).unwrap();
        assert_eq!(p.entries[0].sources, ["网络强国"]);
    }
    // Not UTF-8: refused with the line of the first bad byte.
    let err = import::parse(
        "l.csv",
        b"source,target\na,b\n\nc\xff,d\n",
        Format::Csv,
        &opts(None, None),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "l.csv:4: not UTF-8 (byte 0xFF at offset 20); convert the file to UTF-8 first"
    );
}
