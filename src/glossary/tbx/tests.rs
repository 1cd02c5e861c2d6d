//! The TBX reader's and writer's tests.

use super::*;
use crate::glossary::import::{FormatError, ImportOptions, Parsed};
use crate::glossary::model::{Entry, EntryData, first_control};

/// The TBX reader's output, collected.
fn read(bytes: &[u8], options: &ImportOptions) -> Result<Parsed, FormatError> {
    Parsed::collect(|out| super::read(bytes, options, out))
}

fn read_str(xml: &str) -> Result<Parsed, FormatError> {
    read(xml.as_bytes(), &ImportOptions::default())
}

const ENTRY: &str = r#"<conceptEntry><langSec xml:lang="en"><termSec><term>x</term></termSec></langSec></conceptEntry>"#;

fn doc(body: &str) -> String {
    format!("<tbx xml:lang=\"en\"><text><body>{body}</body></text></tbx>")
}

#[test]
fn a_well_formed_document_reads() {
    let p = read_str(&format!("<?xml version=\"1.0\"?>\n{}\n", doc(ENTRY))).unwrap();
    assert_eq!(p.entries.len(), 1);
    assert_eq!(p.entries[0].terms[0].text, "x");
}

#[test]
fn a_file_cut_off_is_refused_at_its_end() {
    let full = doc(ENTRY);
    let cut = &full[..full.find("</termSec>").unwrap() + "</termSec>".len()];
    let err = read_str(&format!("{cut}\n")).unwrap_err();
    assert_eq!((err.line, err.column), (Some(2), Some(1)), "{err:?}");
    assert!(err.message.contains("ends before <langSec>"), "{err:?}");
    assert!(err.message.contains("line 1, column "), "{err:?}");
}

#[test]
fn bad_attributes_are_refused_with_their_column() {
    let unquoted = doc(&ENTRY.replace("<term>", "<term a=1>"));
    let err = read_str(&unquoted).unwrap_err();
    assert!(err.message.contains("must be quoted"), "{err:?}");
    assert_eq!(
        err.column,
        Some(unquoted.find("a=1").unwrap() + 3),
        "{err:?}"
    );
    let twice = doc(&ENTRY.replace("xml:lang=\"en\"", "xml:lang=\"en\" xml:lang=\"de\""));
    let err = read_str(&twice).unwrap_err();
    assert!(err.message.contains("given twice"), "{err:?}");
    let no_eq = doc(&ENTRY.replace("<term>", "<term flag>"));
    assert!(
        read_str(&no_eq)
            .unwrap_err()
            .message
            .contains("followed by `=`")
    );
    // Attributes of elements mtpe ignores are checked too.
    let ignored = doc(&format!("<foo a='1' a='2'/>{ENTRY}"));
    assert!(read_str(&ignored).is_err());
}

#[test]
fn one_root_and_no_text_outside_it() {
    let two = format!("{}\n<tbx/>\n", doc(ENTRY));
    let err = read_str(&two).unwrap_err();
    assert_eq!((err.line, err.column), (Some(2), Some(1)));
    assert!(err.message.contains("second root element"), "{err:?}");
    let err = read_str(&format!("{}\ntrailing words\n", doc(ENTRY))).unwrap_err();
    assert!(err.message.contains("outside the root"), "{err:?}");
    let err = read_str(&format!("junk {}", doc(ENTRY))).unwrap_err();
    assert!(err.message.contains("outside the root"), "{err:?}");
    // Comments, processing instructions and white space around the root are fine.
    assert!(read_str(&format!("<!-- a -->\n{}\n<!-- b -->\n\n", doc(ENTRY))).is_ok());
    assert!(read_str("<tbx/>").is_ok());
    assert!(read_str("<tbx/><tbx/>").is_err());
}

fn stored(source_lang: &str, target_lang: &str, sources: &[&str], preferred: &str) -> Entry {
    let mut data = EntryData::new(target_lang, preferred);
    data.source_lang = source_lang.into();
    data.sources = sources.iter().map(|s| s.to_string()).collect();
    Entry {
        id: 0,
        data,
        created: String::new(),
        updated: String::new(),
    }
}

fn export_import(entries: &[Entry]) -> (String, Vec<EntryData>) {
    let mut out = Vec::new();
    write(entries, &mut out).unwrap();
    let xml = String::from_utf8(out).unwrap();
    let parsed = read_str(&xml).unwrap();
    (xml, parsed.entries)
}

#[test]
fn target_only_entries_keep_their_empty_source_language() {
    let entries = [
        stored("zh", "en", &["网络强国"], "cyberpower"),
        stored("", "en", &[], "only target"),
    ];
    let (xml, back) = export_import(&entries);
    assert!(xml.contains("xml:lang=\"zh\" xmlns"), "{xml}");
    let data: Vec<EntryData> = entries.iter().map(|e| e.data.clone()).collect();
    assert_eq!(back, data);
}

#[test]
fn unknown_source_languages_are_und_and_stay_sources() {
    let entries = [
        stored("", "en", &["网络强国"], "cyberpower"),
        stored("", "en", &[], "only target"),
    ];
    let (xml, back) = export_import(&entries);
    assert!(xml.contains("xml:lang=\"und\" xmlns"), "{xml}");
    assert_eq!(back[0].sources, ["网络强国"]);
    assert_eq!(back[0].source_lang, "");
    assert_eq!(back[0].target_lang, "en");
}

#[test]
fn several_language_pairs_are_read_concept_by_concept() {
    let entries = [
        stored("zh", "en", &["网络强国"], "cyberpower"),
        stored("fr", "de", &["maison"], "Haus"),
        stored("", "en-GB", &[], "colour"),
    ];
    let (xml, back) = export_import(&entries);
    assert!(xml.contains("xml:lang=\"mul\" xmlns"), "{xml}");
    let data: Vec<EntryData> = entries.iter().map(|e| e.data.clone()).collect();
    assert_eq!(back, data);
    // The user's languages pick among the concepts.
    let only = read(
        xml.as_bytes(),
        &ImportOptions {
            source_lang: Some("fr".into()),
            ..ImportOptions::default()
        },
    )
    .unwrap();
    let langs: Vec<(&str, &str)> = only
        .entries
        .iter()
        .map(|e| (e.source_lang.as_str(), e.target_lang.as_str()))
        .collect();
    assert_eq!(langs, [("fr", "de"), ("", "en-GB")]);
    assert_eq!(only.report.skipped, 1);
    // A `mul` file whose concepts hold three languages is read the usual way: the
    // user must pick the pair.
    let three = xml.replace(
        "</langSec>\n      </conceptEntry>",
        "</langSec>\n        <langSec xml:lang=\"es\"><termSec><term>casa</term></termSec></langSec>\n      </conceptEntry>",
    );
    assert!(
        read_str(&three)
            .unwrap_err()
            .message
            .contains("pass --source-lang")
    );
}

#[test]
fn a_term_with_the_cell_separator_is_refused_with_its_concept_line() {
    let xml = doc(&format!(
        "\n{ENTRY}\n{}\n",
        ENTRY.replace("<term>x</term>", "<term>a | b</term>")
    ));
    let err = read_str(&xml).unwrap_err();
    assert_eq!(err.line, Some(3), "{err:?}");
    assert!(
        err.message.contains("\u{201c}a | b\u{201d} contains `|`"),
        "{err:?}"
    );
}

#[test]
fn control_characters_are_refused_and_never_written() {
    for (xml, col) in [
        (doc(&ENTRY.replace("<term>x", "<term>x\u{7}")), "<term>x"),
        (doc(&ENTRY.replace("<term>x", "<term>x&#7;")), "<term>x"),
        (
            doc(&ENTRY.replace("<term>x", "<term><![CDATA[x\u{1b}]]>")),
            "<term>",
        ),
    ] {
        let err = read_str(&xml).unwrap_err();
        assert!(err.message.contains("control character U+00"), "{err:?}");
        assert!(err.column.unwrap() > xml.find(col).unwrap(), "{err:?}");
    }
    let attr = doc(&ENTRY.replace("xml:lang=\"en\"", "xml:lang=\"e\u{1}n\""));
    assert!(read_str(&attr).unwrap_err().message.contains("U+0001"));
    // Tabs and line breaks are fine.
    assert!(read_str(&doc(&ENTRY.replace("<term>x", "<term>\tx\r\n"))).is_ok());
    // An older glossary holding one exports well-formed XML.
    let mut e = stored("zh", "en", &["网络强国"], "cyberpower");
    e.data.note = "bell\u{7} and tab\t".into();
    e.data.domain = "x\u{1b}".into();
    let mut out = Vec::new();
    write(&[e], &mut out).unwrap();
    let xml = String::from_utf8(out).unwrap();
    assert!(first_control(&xml, true).is_none(), "{xml}");
    assert!(xml.contains("bell\u{fffd} and tab\t"), "{xml}");
    assert!(read_str(&xml).is_ok());
}
