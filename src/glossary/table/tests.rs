//! The table readers on texts written as mtpe, DeepL, Google, OmegaT and other tools
//! write them.

use super::*;

use crate::glossary::import::Parsed;

/// The table reader's output, collected.
fn read(text: &str, delimiter: u8, options: &ImportOptions) -> Result<Parsed, FormatError> {
    Parsed::collect(|out| super::read_text(text, delimiter, options, out))
}

fn read_tsv(text: &str) -> Result<Parsed, FormatError> {
    read(text, b'\t', &ImportOptions::default())
}

#[test]
fn reads_the_full_form() {
    let text = "source_lang\ttarget_lang\tsource\tpreferred\tadmitted\tdeprecated\tnote\tdomain\n\
                zh\ten\t网络强国\tcyberpower\tcyber power | strong cyber country\tnetwork power # collapses 网络大国 | =Strong Online Country\tFLP books\tcyberspace\n";
    let p = read_tsv(text).unwrap();
    assert_eq!(p.entries.len(), 1);
    let e = &p.entries[0];
    assert_eq!(e.sources, ["网络强国"]);
    assert_eq!(e.terms.len(), 5);
    assert_eq!(e.terms[0].text, "cyberpower");
    assert_eq!(e.terms[3].reason.as_deref(), Some("collapses 网络大国"));
    assert!(e.terms[4].case_sensitive);
    assert_eq!(e.domain, "cyberspace");
    assert!(p.report.remarks.is_empty());
}

#[test]
fn reads_the_generated_benchmark_form() {
    let text =
        "source_term\ttarget_term\tdeprecated_variants\n甲乙\tfoo bar\tbar foo|the foo bar\n";
    let p = read(
        text,
        b'\t',
        &ImportOptions {
            source_lang: Some("zh".into()),
            target_lang: Some("en".into()),
            ..ImportOptions::default()
        },
    )
    .unwrap();
    let e = &p.entries[0];
    assert_eq!(
        (e.source_lang.as_str(), e.target_lang.as_str()),
        ("zh", "en")
    );
    assert_eq!(
        e.terms
            .iter()
            .filter(|t| t.status == TermStatus::Deprecated)
            .count(),
        2
    );
}

#[test]
fn quoted_fields_hold_separators_and_newlines() {
    let text = "source,target,note\r\n\"a, b\",\"x \"\"y\"\"\",\"line one\r\nline two\"\r\n";
    let p = read(text, b',', &ImportOptions::default()).unwrap();
    let e = &p.entries[0];
    assert_eq!(e.sources, ["a, b"]);
    assert_eq!(e.terms[0].text, "x \"y\"");
    assert_eq!(e.note, "line one\r\nline two");
    assert_eq!(p.report.remarks.len(), 1, "{:?}", p.report.remarks);
}

#[test]
fn multilingual_columns() {
    let text = "en,es,fr\nhouse,casa,maison\ncar,,voiture\n";
    let err = read(text, b',', &ImportOptions::default()).unwrap_err();
    assert!(err.message.contains("en, es, fr"), "{}", err.message);
    let p = read(
        text,
        b',',
        &ImportOptions {
            source_lang: Some("en".into()),
            target_lang: Some("es".into()),
            ..ImportOptions::default()
        },
    )
    .unwrap();
    assert_eq!(p.entries.len(), 1);
    assert_eq!(p.report.skipped, 1);
    assert_eq!(p.report.skipped_lines, [3]);
    assert_eq!(p.entries[0].source_lang, "en");
    assert_eq!(p.entries[0].target_lang, "es");
    assert_eq!(p.entries[0].terms[0].text, "casa");
}

#[test]
fn malformed_files_name_the_line() {
    let err = read_tsv("foo\tbar\tbaz\tqux\nx\ty\tz\tw\n").unwrap_err();
    assert_eq!(err.line, Some(1));
    let err = read_tsv("\n\ncar\tcoche\tauto\tVW\n").unwrap_err();
    assert_eq!(err.line, Some(3));
    assert!(
        err.message.contains("4 columns: 1 “car”"),
        "{}",
        err.message
    );
    let err = read_tsv("source\ttarget\na\tb\nc\td\te\n").unwrap_err();
    assert_eq!(err.line, Some(3));
    assert!(err.message.contains("3 fields"), "{}", err.message);
    let err = read_tsv("source\ttarget\tadmitted\na\tb\tb\n").unwrap_err();
    assert_eq!(err.line, Some(2));
    assert!(err.message.contains("listed twice"), "{}", err.message);
    // A quote never closed would swallow the rows after it: refused, naming its line.
    let err = read(
        "source,target\na,b\n\"open,x\nc,d\ne,f\n",
        b',',
        &ImportOptions::default(),
    )
    .unwrap_err();
    assert_eq!(err.line, Some(3));
    assert!(err.message.contains("never closed"), "{}", err.message);
    let err = read("source\ttarget\n\"open", b'\t', &ImportOptions::default()).unwrap_err();
    assert_eq!(err.line, Some(2));
    // Quotes that close, doubled quotes, quotes inside an unquoted field, quoted line
    // breaks and CRLF are all fine.
    let ok = read(
        "source,target\r\n\"a \"\"b\"\"\",\"x\r\ny\"\r\nsay \"hi\",z\r\n\"\",q\r\n",
        b',',
        &ImportOptions::default(),
    )
    .unwrap();
    assert_eq!(ok.entries.len(), 3);
}

#[test]
fn rows_without_a_target_are_skipped_with_their_lines() {
    let text = "source,target,note\na,b,n\nc,,n\n\n\"d\ne\",,n\nf\ng,h\nshort\n";
    let p = read(text, b',', &ImportOptions::default()).unwrap();
    assert_eq!(p.entries.len(), 2);
    // An empty target (line 3), one after a quoted line break (5), and rows whose
    // target column is missing (7, 9).
    assert_eq!(p.report.skipped_lines, [3, 5, 7, 9]);
    assert_eq!(p.report.skipped, 4);
}

#[test]
fn reads_deepl_and_google_files_without_a_header() {
    let opts = ImportOptions {
        source_lang: Some("zh".into()),
        target_lang: Some("en".into()),
        ..ImportOptions::default()
    };
    let p = read(
        "网络强国,cyberpower\n\"网络, 大国\",major internet country\n",
        b',',
        &opts,
    )
    .unwrap();
    let pairs: Vec<(&str, &str, &str)> = p
        .entries
        .iter()
        .map(|e| {
            (
                e.sources[0].as_str(),
                e.preferred().unwrap().text.as_str(),
                e.source_lang.as_str(),
            )
        })
        .collect();
    assert_eq!(
        pairs,
        [
            ("网络强国", "cyberpower", "zh"),
            ("网络, 大国", "major internet country", "zh")
        ]
    );
    assert!(
        p.report.remarks[0].contains("no header row"),
        "{:?}",
        p.report.remarks
    );
    // DeepL's export: the languages follow on every row.
    let p = read(
        "Netzwerk,network,DE,EN\nDatenschutz,data protection,DE,EN\n",
        b',',
        &ImportOptions::default(),
    )
    .unwrap();
    assert_eq!(p.entries.len(), 2);
    assert_eq!(
        (
            p.entries[1].source_lang.as_str(),
            p.entries[1].target_lang.as_str()
        ),
        ("de", "en")
    );
    let p = read("a\tb\nc\td\n", b'\t', &ImportOptions::default()).unwrap();
    assert_eq!(p.entries.len(), 2);
    assert!(
        p.report
            .remarks
            .iter()
            .any(|r| r.contains("assumed zh \u{2192} en")),
        "{:?}",
        p.report.remarks
    );
    // A row with more fields than the first is refused, naming the first row.
    let err = read("a,b\nc,d,e\n", b',', &ImportOptions::default()).unwrap_err();
    assert_eq!(err.line, Some(2));
    assert!(
        err.message.contains("the first row has 2"),
        "{}",
        err.message
    );
}

#[test]
fn a_first_row_that_is_neither_header_nor_pair_is_refused() {
    for text in ["a,b,c\nd,e,f\n", "a,b,x,y\n", "sourse;targt\n"] {
        let err = read(text, b',', &ImportOptions::default()).unwrap_err();
        assert!(
            err.message.contains("no header row naming"),
            "{text}: {}",
            err.message
        );
    }
}

#[test]
fn term_markers_round_trip() {
    for item in ["=Internet", "~CAC", "network power # literal", "plain"] {
        let status = if item.contains('#') {
            TermStatus::Deprecated
        } else {
            TermStatus::Admitted
        };
        assert_eq!(format_term(&parse_term(item, status)), item);
    }
}

#[test]
fn reads_omegat_glossaries_as_omegat_writes_them() {
    let text = "# Glossary in tab-separated format -*- coding: utf-8 -*-\r\n\
                kde\tkoo moo\r\n\
                question\tqqqqq\t\r\n\
                \t\r\n\
                地球システム\tSystem Terre\thttps://fr.wikipedia.org/wiki/Science_du_syst%C3%A8me_Terre\r\n\
                \"quoted\"\t\"cité\"\tkept as written\textra\r\n\
                \tno source\r\n\
                no target\t\r\n";
    let options = ImportOptions {
        source_lang: Some("ja".into()),
        target_lang: Some("fr".into()),
        ..ImportOptions::default()
    };
    let p = read(text, b'\t', &options).unwrap();
    let got: Vec<(&str, &str, &str, &str)> = p
        .entries
        .iter()
        .map(|e| {
            (
                e.sources[0].as_str(),
                e.terms[0].text.as_str(),
                e.note.as_str(),
                e.source_lang.as_str(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("kde", "koo moo", "", "ja"),
            ("question", "qqqqq", "", "ja"),
            (
                "地球システム",
                "System Terre",
                "https://fr.wikipedia.org/wiki/Science_du_syst%C3%A8me_Terre",
                "ja"
            ),
            ("\"quoted\"", "\"cité\"", "kept as written", "ja"),
        ]
    );
    assert!(p.entries.iter().all(|e| e.target_lang == "fr"));
    // A line without a target, one without a source (which OmegaT skips).
    assert_eq!(p.report.skipped, 2);
    assert_eq!(p.report.skipped_lines, [8]);
    let remarks = p.report.remarks.join("\n");
    assert!(remarks.contains("OmegaT glossary"), "{remarks}");
    assert!(remarks.contains("the first: line 6"), "{remarks}");
    // Without languages: said, and the defaults taken.
    let p = read(
        "网络强国\tcyberpower\tnote\n",
        b'\t',
        &ImportOptions::default(),
    )
    .unwrap();
    assert_eq!(
        (
            p.entries[0].source_lang.as_str(),
            p.entries[0].target_lang.as_str()
        ),
        ("zh", "en")
    );
    assert!(p.report.remarks.iter().any(|r| r.contains("assumed zh")));
    // A file of comments alone holds nothing.
    let err = read("# only a comment\n", b'\t', &options).unwrap_err();
    assert!(err.message.contains("no entries"), "{}", err.message);
}

#[test]
fn a_term_column_beside_language_columns_is_the_source() {
    // A multilingual file whose source column is called `term`.
    let text = "term,pos,definition,source_url,comments,ES,FR\n\
                house,noun,a building for living in,https://example.org/house,common,casa,maison\n\
                car,noun,a road vehicle,,,coche,\n";
    let options = |s: Option<&str>, t: Option<&str>| ImportOptions {
        source_lang: s.map(str::to_string),
        target_lang: t.map(str::to_string),
        ..ImportOptions::default()
    };
    let p = read(text, b',', &options(Some("en"), Some("es"))).unwrap();
    assert_eq!(p.entries.len(), 2);
    let e = &p.entries[0];
    assert_eq!(e.sources, ["house"]);
    assert_eq!(e.terms[0].text, "casa");
    assert_eq!(
        (e.source_lang.as_str(), e.target_lang.as_str()),
        ("en", "es")
    );
    assert_eq!(e.note, "a building for living in\ncommon");
    let p = read(text, b',', &options(Some("en"), Some("fr"))).unwrap();
    assert_eq!(p.entries.len(), 1);
    assert_eq!(p.report.skipped_lines, [3]);
    // Without --target-lang the choice is the user's: the message lists the columns.
    let err = read(text, b',', &options(Some("en"), None)).unwrap_err();
    assert!(
        err.message.contains("ES, FR: pass --target-lang"),
        "{}",
        err.message
    );
    assert!(
        err.message.contains("1 “term”, 2 “pos”, 3 “definition”"),
        "{}",
        err.message
    );
    assert!(err.message.contains("--columns"), "{}", err.message);
}

#[test]
fn columns_can_be_mapped_by_name_or_number() {
    let mapped = |text: &str, delimiter, map: &str, s: Option<&str>, t: Option<&str>| {
        read(
            text,
            delimiter,
            &ImportOptions {
                source_lang: s.map(str::to_string),
                target_lang: t.map(str::to_string),
                columns: Some(ColumnMap::parse(&[map.to_string()]).unwrap()),
                ..ImportOptions::default()
            },
        )
    };
    let text = "Begriff;Benennung EN;Definition;Quelle\nNetzwerk;network;ein Netz;DIN\n";
    let p = mapped(
        text,
        b';',
        "source=begriff,target=Benennung EN,note=definition",
        Some("de"),
        Some("en"),
    )
    .unwrap();
    let e = &p.entries[0];
    assert_eq!(
        (
            e.sources[0].as_str(),
            e.terms[0].text.as_str(),
            e.note.as_str()
        ),
        ("Netzwerk", "network", "ein Netz")
    );
    assert!(
        p.report
            .remarks
            .iter()
            .any(|r| r.contains("ignored column(s): Quelle")),
        "{:?}",
        p.report.remarks
    );
    // By numbers, on a file without a header (its first row is an entry).
    let p = mapped(
        "a,x,b\nc,y,d\n",
        b',',
        "source=1,target=3",
        None,
        Some("fr"),
    )
    .unwrap();
    assert_eq!(p.entries.len(), 2);
    assert_eq!(p.entries[1].terms[0].text, "d");
    // By numbers on a file with a header: the header is not an entry.
    let p = mapped(
        "term,x,ES\ncasa,1,house\n",
        b',',
        "source=3,target=1",
        None,
        None,
    )
    .unwrap();
    assert_eq!(p.entries.len(), 1);
    assert_eq!(p.entries[0].sources, ["house"]);
    assert_eq!(p.entries[0].terms[0].text, "casa");
    // A language header gives its language.
    assert_eq!(p.entries[0].source_lang, "es");
    // A name that is not there: the columns are listed.
    let err = mapped(text, b';', "target=English", None, None).unwrap_err();
    assert!(
        err.message
            .contains("no column named “English”; the header has 1 “Begriff”, 2 “Benennung EN”"),
        "{}",
        err.message
    );
    let err = mapped(text, b';', "target=9", None, None).unwrap_err();
    assert!(err.message.contains("no column 9"), "{}", err.message);
    // OmegaT files have no header: numbers only.
    let p = mapped("a\tb\tc\n", b'\t', "source=2,target=1,note=3", None, None).unwrap();
    assert_eq!(p.entries[0].sources, ["b"]);
    let err = mapped("a\tb\tc\n", b'\t', "target=b", None, None).unwrap_err();
    assert!(err.message.contains("by number"), "{}", err.message);
}

#[test]
fn per_language_notes_and_forbidden_flags_as_matecat_writes_them() {
    let text = "Forbidden,Domain,Subdomain,Definition,en-US,Notes,Example of use,es-ES,Notes,Example of use,it-IT,Notes\n\
                FALSE,Pets,,A small feline,cat,English note,The cat sleeps,gato,Spanish note,El gato,gatto,Italian note\n\
                TRUE,Pets,,,kitty,,,gatito,,,,\n";
    let p = read(
        text,
        b',',
        &ImportOptions {
            source_lang: Some("en".into()),
            target_lang: Some("es".into()),
            ..ImportOptions::default()
        },
    )
    .unwrap();
    assert_eq!(p.entries.len(), 1);
    let e = &p.entries[0];
    assert_eq!(e.sources, ["cat"]);
    assert_eq!(e.terms[0].text, "gato");
    assert_eq!(e.domain, "Pets");
    assert_eq!(e.note, "A small feline\nEnglish note\nSpanish note");
    assert_eq!((p.report.skipped, p.report.forbidden), (1, 1));
}

// Found by fuzzing: a deprecated term's reason after a line break was read as part of
// the term, and written back as its reason.
#[test]
fn a_reason_after_a_line_break_is_the_reason() {
    for cell in [
        "network power\n# not this",
        "network power\x0c# not this",
        "network power \t # not this",
    ] {
        let term = parse_term(cell, TermStatus::Deprecated);
        assert_eq!(term.text, "network power", "{cell:?}");
        assert_eq!(term.reason.as_deref(), Some("not this"), "{cell:?}");
        assert_eq!(
            parse_term(&format_term(&term), TermStatus::Deprecated),
            term
        );
    }
}

// Found by fuzzing: "~~x" was written back as "~x", which reads as "x".
#[test]
fn a_term_starting_with_a_case_marker_keeps_it() {
    for cell in ["~~x", "=~NGO", "~=a", "==B", "~~~~ralr  Cyberspace"] {
        for status in [TermStatus::Admitted, TermStatus::Deprecated] {
            let term = parse_term(cell, status);
            let again = parse_term(&format_term(&term), status);
            assert_eq!(again, term, "{cell}");
            assert_eq!(format_term(&again), format_term(&term), "{cell}");
        }
    }
}
