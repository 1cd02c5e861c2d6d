//! Glossary source terms in a bilingual unit's source: where they are (the editor marks
//! them in the source rows and lists their renderings in the issue pane), found with the
//! matcher of `terminology.missing` (CJK as substrings, longest first), against every entry
//! of the glossary for the target language; and which source term a flagged target span
//! renders, for the add-to-glossary form (`t`).
//!
//! MT gives no word alignment, so the source term of a target span is taken from what the
//! glossary and the checks know, in this order:
//! 1. the glossary entry behind the issue, when one of its source terms is in the source;
//! 2. an entry found in the source that has the flagged text as a rendering (preferred,
//!    admitted or deprecated);
//! 3. the one source term `terminology.missing` reports in this unit (its renderings are
//!    all absent from the target, so the flagged text is likely what the MT made of it);
//! 4. the whole source, when the flagged text is the whole target (a unit that is a term).
//!
//! Otherwise nothing is proposed: a guess from position or length would be wrong more often
//! than right, and a wrong source term makes a wrong glossary entry.

use std::ops::Range;

use super::{IssueId, Session};
use crate::check::terminology::TermStatus;
use crate::document::units::is_private_use;

/// A glossary source term found in a unit's source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceTerm {
    /// Byte range in the unit's source text.
    pub span: Range<usize>,
    /// The glossary entry it belongs to.
    pub entry: i64,
    /// The term as the source writes it.
    pub text: String,
    /// The entry's preferred rendering.
    pub preferred: String,
    /// Its other accepted renderings.
    pub admitted: Vec<String>,
    /// Renderings to avoid.
    pub deprecated: Vec<String>,
}

/// The source term proposed for a flagged target span, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceTermGuess {
    pub text: String,
    /// The glossary entry it comes from, if any.
    pub entry: Option<i64>,
    /// How it was found, for the status line.
    pub reason: &'static str,
}

impl Session {
    /// The glossary source terms in segment `seg`'s source, in order: none for a text, a
    /// unit without a source, or a session without a glossary.
    pub fn source_terms(&self, seg: usize) -> Vec<SourceTerm> {
        let (Some(glossary), Some(unit)) = (self.glossary(), self.segment_unit(seg)) else {
            return Vec::new();
        };
        let Some(source) = unit.source.as_ref().filter(|s| !s.text.is_empty()) else {
            return Vec::new();
        };
        let Some(found) = glossary.source_terms(self.target_lang()) else {
            return Vec::new();
        };
        found
            .terms
            .find(&found.index, &source.text)
            .into_iter()
            .filter_map(|(span, e)| {
                let entry = found.index.entries().get(e as usize)?;
                let with = |status: TermStatus| -> Vec<String> {
                    entry
                        .terms
                        .iter()
                        .filter(|t| t.status == status)
                        .map(|t| t.text.clone())
                        .collect()
                };
                Some(SourceTerm {
                    text: source.text[span.clone()].to_string(),
                    span,
                    entry: entry.id,
                    preferred: entry.preferred().to_string(),
                    admitted: with(TermStatus::Admitted),
                    deprecated: with(TermStatus::Deprecated),
                })
            })
            .collect()
    }

    /// The source term that the text flagged by issue `id` renders, in a bilingual file
    /// (see the module's notes for the order); `None` for a text or when nothing is known.
    pub fn source_term_for(&self, id: IssueId) -> Option<SourceTermGuess> {
        let seg = self.issue_segment(id)?;
        let source = self.segment_unit(seg)?.source.as_ref()?.text.as_str();
        let terms = self.source_terms(seg);
        let guess = |t: &SourceTerm, reason| SourceTermGuess {
            text: t.text.clone(),
            entry: Some(t.entry),
            reason,
        };
        if let Some(entry) = self.issue(id).and_then(|si| si.issue.entry())
            && let Some(t) = terms.iter().find(|t| t.entry == entry)
        {
            return Some(guess(t, "the issue's glossary entry"));
        }
        let flagged = one_line(self.issue_text(id)).to_lowercase();
        if let Some(t) = terms.iter().find(|t| {
            std::iter::once(&t.preferred)
                .chain(&t.admitted)
                .chain(&t.deprecated)
                .any(|r| r.to_lowercase() == flagged)
        }) {
            return Some(guess(t, "a glossary entry with this rendering"));
        }
        let mut missing: Vec<i64> = self
            .segment_issues(seg)
            .into_iter()
            .filter_map(|other| self.issue(other))
            .filter(|si| si.issue.check == "terminology.missing")
            .filter_map(|si| si.issue.entry())
            .collect();
        missing.sort_unstable();
        missing.dedup();
        if let [entry] = missing[..]
            && let Some(t) = terms.iter().find(|t| t.entry == entry)
        {
            return Some(guess(t, "the term the target lacks"));
        }
        let whole = one_line(source);
        if !whole.is_empty() && flagged == one_line(self.segment_text(seg)).to_lowercase() {
            return Some(SourceTermGuess {
                text: whole,
                entry: None,
                reason: "the unit's whole source",
            });
        }
        None
    }
}

/// `text` as a term: one line, its words separated by single spaces, inline codes left out.
fn one_line(text: &str) -> String {
    text.split_whitespace()
        .map(|w| {
            w.chars()
                .filter(|c| !is_private_use(*c))
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::sync::Arc;

    use super::*;
    use crate::check::Engine;
    use crate::document::units::{BilingualFile, OpenOptions};
    use crate::glossary::{Fill, Glossary};
    use crate::session::{CheckMode, SessionConfig, SessionGlossary};

    fn open(dir: &Path) -> Session {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/bilingual/news.xlf");
        let file = BilingualFile::open(Path::new(path), &OpenOptions::default()).unwrap();
        let config = SessionConfig {
            journal: dir.join("journal.sqlite"),
            output: dir.join("out.xlf"),
            target_lang: "en".into(),
            checking: CheckMode::Inline,
            dictionary: Default::default(),
        };
        let glossary = SessionGlossary::new(Glossary::in_memory(Fill::Shipped).unwrap(), "g");
        let engine = Arc::new(Engine::bilingual(true));
        Session::open_units(file, engine, config, Some(glossary))
            .unwrap()
            .0
    }

    #[test]
    fn source_terms_are_found_longest_first_with_their_renderings() {
        let dir = tempfile::tempdir().unwrap();
        let s = open(dir.path());
        let terms = s.source_terms(3);
        let found: Vec<(&str, &str)> = terms
            .iter()
            .map(|t| (t.text.as_str(), t.preferred.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                ("网络大国", "major internet country"),
                ("网络强国", "cyberpower")
            ]
        );
        let source = &s.segment_unit(3).unwrap().source.as_ref().unwrap().text;
        assert_eq!(&source[terms[1].span.clone()], "网络强国");
        assert!(terms[1].admitted.contains(&"cyber power".to_string()));
        assert!(
            terms[1]
                .deprecated
                .contains(&"strong network country".to_string())
        );
        // 网络空间命运共同体 whole, not 网络空间 inside it.
        let texts: Vec<String> = s.source_terms(10).into_iter().map(|t| t.text).collect();
        assert_eq!(texts, ["网络空间命运共同体"]);
    }

    #[test]
    fn the_source_term_of_a_flagged_rendering() {
        let dir = tempfile::tempdir().unwrap();
        let s = open(dir.path());
        let issue_with_text = |seg: usize, text: &str| {
            s.segment_issues(seg)
                .into_iter()
                .find(|id| s.issue_text(*id) == text)
        };
        // The glossary entry behind a deprecated rendering.
        let id = issue_with_text(3, "strong network country").expect("flagged");
        let guess = s.source_term_for(id).expect("a source term");
        assert_eq!(guess.text, "网络强国");
        assert_eq!(guess.reason, "the issue's glossary entry");
        // A whole target flagged (left untranslated): the unit's whole source.
        let whole = s.segment_text(5).to_string();
        let id = issue_with_text(5, &whole).expect("the untranslated target is flagged");
        let guess = s.source_term_for(id).expect("a source term");
        assert_eq!(guess.text, "数字经济核心产业增加值占GDP比重达到10%左右。");
        assert_eq!(guess.entry, None);
        // A span inside a sentence with no glossary term: nothing is guessed.
        let id = s
            .segment_issues(7)
            .into_iter()
            .find(|id| s.issue_text(*id) != s.segment_text(7))
            .expect("the statement that should be a question is flagged");
        assert_eq!(s.source_term_for(id), None);
    }

    #[test]
    fn a_text_has_no_source_terms() {
        let dir = tempfile::tempdir().unwrap();
        let doc = crate::document::Document::from_str_named("a.txt", "网络强国 cyberpower.\n");
        let config = SessionConfig {
            journal: dir.path().join("journal.sqlite"),
            output: dir.path().join("out.txt"),
            target_lang: "en".into(),
            checking: CheckMode::Inline,
            dictionary: Default::default(),
        };
        let glossary = SessionGlossary::new(Glossary::in_memory(Fill::Shipped).unwrap(), "g");
        let (s, _) = Session::open_with_glossary(
            doc,
            Arc::new(Engine::standard(true)),
            config,
            Some(glossary),
        )
        .unwrap();
        assert!(s.source_terms(0).is_empty());
    }
}
