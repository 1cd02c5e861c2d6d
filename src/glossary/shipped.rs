//! The glossary shipped with mtpe: official English renderings for the zh→en cyberspace
//! and policy domain, with the evidence for each in its note. It is compiled into the
//! binary and fills the default glossary on first use.

use super::import::{ImportOptions, Parsed};
use super::model::EntryData;

/// The shipped glossary's TSV text.
pub const TSV: &str = include_str!("../../glossaries/zh-en-cyberspace.tsv");

/// File name shown in messages.
pub const NAME: &str = "glossaries/zh-en-cyberspace.tsv";

/// The shipped entries. The file is checked by the tests, so reading it cannot fail in a
/// released binary; should it ever, the default glossary starts empty rather than not at all.
pub fn entries() -> Vec<EntryData> {
    parse().map(|p| p.entries).unwrap_or_default()
}

fn parse() -> Result<Parsed, super::import::ImportError> {
    super::import::parse(
        NAME,
        TSV.as_bytes(),
        super::import::ImportFormat::Tsv,
        &ImportOptions::default(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::terminology::TermStatus;

    #[test]
    fn the_shipped_glossary_reads_cleanly() {
        let parsed = parse().expect("shipped TSV parses");
        assert!(
            parsed.report.remarks.is_empty(),
            "{:?}",
            parsed.report.remarks
        );
        assert_eq!(parsed.report.skipped, 0);
        assert!(parsed.entries.len() >= 80);
        for e in &parsed.entries {
            assert_eq!(
                (e.source_lang.as_str(), e.target_lang.as_str()),
                ("zh", "en")
            );
            assert!(!e.sources.is_empty());
            assert!(
                e.note.contains("http") || e.note.starts_with("Unverified"),
                "{:?} has neither evidence nor 'Unverified'",
                e.sources
            );
        }
        let strong = parsed
            .entries
            .iter()
            .find(|e| e.sources == ["网络强国"])
            .expect("网络强国");
        assert_eq!(
            strong.preferred().map(|t| t.text.as_str()),
            Some("cyberpower")
        );
        assert!(
            strong
                .terms_with(TermStatus::Deprecated)
                .any(|t| t.text == "network power")
        );
    }
}
