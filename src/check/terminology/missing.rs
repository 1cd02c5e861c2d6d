//! `terminology.missing` (bilingual files): a glossary source term occurs in a unit's
//! source, but none of the entry's target terms — preferred or admitted, inflected or not,
//! as the glossary matcher finds them — occurs in its target. Reported on the source term,
//! suggesting the preferred term. Where the target has a deprecated rendering instead
//! (which `terminology.deprecated` reports on the target), the issue is for information.
//!
//! Source terms are matched as substrings in text without spaces (Chinese, Japanese),
//! longest first, so 网络强国 is not also read as 网络 or 强国; in other sources as whole
//! words, without case.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::TermStatus;
use crate::check::accuracy::script::{is_alphanumeric, is_cjk};
use crate::check::{Category, Check, CheckContext, CheckInfo, Issue, Scope, Severity};

static INFO: CheckInfo = CheckInfo {
    id: "terminology.missing",
    category: Category::Terminology,
    severity: Severity::Warning,
    summary: "a glossary source term in the source whose target terms are all missing from the target",
    example: "网络强国 → “a strong network country” (glossary: cyberpower)",
};

#[derive(Debug, Clone, Copy)]
pub struct MissingTerm;

/// The glossary's source terms, to find in a text: by first character (lower-cased),
/// longest first. Built once for an index and used with it; the editor marks the source
/// terms of a bilingual file's units with it too.
#[derive(Debug, Default)]
pub struct SourceTerms {
    /// (entry, source number, byte length) of each source term.
    by_first: HashMap<char, Vec<(u32, u32, usize)>, BuildHasherDefault<CharHasher>>,
}

/// A hasher for the `char` keys above: every character of every source is looked up, and
/// the default hasher would cost more than the rest of the search.
#[derive(Debug, Default)]
struct CharHasher(u64);

impl Hasher for CharHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }

    fn write_u32(&mut self, n: u32) {
        self.0 = (u64::from(n) ^ 0x5851_F42D_4C95_7F2D).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// The first character of a lower-cased `c` (CJK characters have no case).
fn lower(c: char) -> char {
    if is_cjk(c) {
        c
    } else {
        c.to_lowercase().next().unwrap_or(c)
    }
}

impl SourceTerms {
    pub fn new(index: &super::TermIndex) -> Self {
        let mut by_first: HashMap<char, Vec<(u32, u32, usize)>, BuildHasherDefault<CharHasher>> =
            HashMap::default();
        for (ei, entry) in index.entries().iter().enumerate() {
            for (si, s) in entry.sources.iter().enumerate() {
                let s = s.trim();
                if let Some(c) = s.chars().next() {
                    let key = lower(c);
                    let number = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
                    by_first
                        .entry(key)
                        .or_default()
                        .push((number(ei), number(si), s.len()));
                }
            }
        }
        for list in by_first.values_mut() {
            list.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)).then(a.1.cmp(&b.1)));
        }
        SourceTerms { by_first }
    }

    /// The source terms of `index` (the one this was built from) in `text`: (byte range,
    /// entry number in the index), the longest match first at each place, matches never
    /// overlapping. Substrings where the term is CJK; whole words, without case, elsewhere.
    pub fn find(&self, index: &super::TermIndex, text: &str) -> Vec<(std::ops::Range<usize>, u32)> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < text.len() {
            let c = text[i..].chars().next().unwrap_or(' ');
            let key = lower(c);
            let starts_word =
                is_cjk(c) || !text[..i].chars().next_back().is_some_and(is_alphanumeric);
            let mut advanced = false;
            if starts_word && let Some(list) = self.by_first.get(&key) {
                for &(entry, source, len) in list {
                    let Some(term) = index
                        .entries()
                        .get(entry as usize)
                        .and_then(|e| e.sources.get(source as usize))
                        .map(|s| s.trim())
                    else {
                        continue;
                    };
                    let Some(rest) = text.get(i..i + len) else {
                        continue;
                    };
                    let same = if term.chars().any(is_cjk) {
                        rest == term
                    } else {
                        rest.eq_ignore_ascii_case(term)
                            || rest.to_lowercase() == term.to_lowercase()
                    };
                    let ends_word = term.chars().next_back().is_some_and(is_cjk)
                        || !text[i + len..].chars().next().is_some_and(is_alphanumeric);
                    if same && ends_word {
                        out.push((i..i + len, entry));
                        i += len;
                        advanced = true;
                        break;
                    }
                }
            }
            if !advanced {
                i += c.len_utf8();
            }
        }
        out
    }
}

impl Check for MissingTerm {
    fn info(&self) -> &'static CheckInfo {
        &INFO
    }

    fn scope(&self) -> Scope {
        Scope::Document
    }

    fn check_document(&self, ctx: &CheckContext<'_>, out: &mut Vec<Issue>) {
        let (Some(index), Some(units)) = (ctx.glossary, ctx.units) else {
            return;
        };
        if index.entries().iter().all(|e| e.sources.is_empty()) {
            return;
        }
        let terms = SourceTerms::new(index);
        let found = &ctx.term_matches().matches;
        for unit in units.iter() {
            let in_source = terms.find(index, unit.source());
            if in_source.is_empty() {
                continue;
            }
            // The entries the target renders in an accepted way, and those it renders in a
            // deprecated one (terminology.deprecated reports those on the target; here the
            // issue is only a pointer to the source term).
            let from = found.partition_point(|m| m.found.span.start < unit.target.start);
            let mut accepted_here: Vec<u32> = Vec::new();
            let mut deprecated_here: Vec<u32> = Vec::new();
            for m in found[from..]
                .iter()
                .take_while(|m| m.found.span.end <= unit.target.end)
            {
                for r in &m.found.refs {
                    if index.term(*r).status == TermStatus::Deprecated {
                        deprecated_here.push(r.entry);
                    } else {
                        accepted_here.push(r.entry);
                    }
                }
            }
            let mut reported: Vec<u32> = Vec::new();
            for (span, entry) in in_source {
                if accepted_here.contains(&entry) || reported.contains(&entry) {
                    continue;
                }
                let e = &index.entries()[entry as usize];
                let accepted: Vec<&str> = e
                    .terms
                    .iter()
                    .filter(|t| t.status != TermStatus::Deprecated)
                    .map(|t| t.text.as_str())
                    .collect();
                if accepted.is_empty() {
                    continue;
                }
                reported.push(entry);
                let source_term = &unit.source()[span.clone()];
                let also = if accepted.len() > 1 {
                    format!(
                        " (or {})",
                        accepted[1..]
                            .iter()
                            .map(|t| format!("“{t}”"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                } else {
                    String::new()
                };
                let mut issue = Issue::in_source(
                    &INFO,
                    unit.index,
                    span,
                    format!(
                        "the source has {source_term}; the target lacks the glossary's “{}”{also}",
                        e.preferred()
                    ),
                )
                .suggest(e.preferred())
                .with_entry(e.id);
                if deprecated_here.contains(&entry) {
                    issue
                        .message
                        .push_str(", and renders it in a deprecated way");
                    issue = issue.with_severity(Severity::Info);
                }
                out.push(issue);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::terminology::{IndexedEntry, IndexedTerm, TermIndex};
    use crate::check::{BilingualUnits, CheckRequest, Engine};
    use crate::document::Document;
    use crate::document::units::BilingualFile;

    fn index() -> TermIndex {
        let term = |text: &str, status| IndexedTerm {
            text: text.into(),
            status,
            case_sensitive: false,
            reason: None,
        };
        TermIndex::new(vec![
            IndexedEntry {
                id: 1,
                sources: vec!["网络强国".into()],
                terms: vec![
                    term("cyberpower", TermStatus::Preferred),
                    term("cyber power", TermStatus::Admitted),
                    term("network power", TermStatus::Deprecated),
                ],
            },
            IndexedEntry {
                id: 2,
                sources: vec!["网络".into()],
                terms: vec![
                    term("network", TermStatus::Preferred),
                    term("internet", TermStatus::Admitted),
                ],
            },
            IndexedEntry {
                id: 3,
                sources: vec!["data center".into()],
                terms: vec![term("Rechenzentrum", TermStatus::Preferred)],
            },
        ])
    }

    fn flagged(source: &str, target: &str) -> Vec<String> {
        let file = BilingualFile::align(
            &Document::from_str_named("s.txt", source),
            &Document::from_str_named("t.txt", target),
        )
        .unwrap();
        let joined = file.joined_targets();
        let doc = joined.document("t.txt");
        let units = BilingualUnits::new(&file, &joined);
        let index = index();
        CheckRequest::new(&doc, "en")
            .glossary(Some(&index))
            .units(&units)
            .run(&Engine::new(vec![Box::new(MissingTerm)]))
            .into_iter()
            .map(|i| {
                assert!(i.is_in_source());
                format!(
                    "{} → {}",
                    &source.trim_end()[i.span.clone()],
                    i.suggestions.join("|")
                )
            })
            .collect()
    }

    #[test]
    fn flags_a_source_term_whose_renderings_are_missing() {
        assert_eq!(
            flagged(
                "我国正加快向网络强国迈进。",
                "China is becoming a strong network country."
            ),
            ["网络强国 → cyberpower"]
        );
        assert_eq!(
            flagged("Das data center ist neu.", "Das Datenzentrum ist neu."),
            ["data center → Rechenzentrum"]
        );
    }

    #[test]
    fn a_deprecated_rendering_makes_it_information() {
        assert_eq!(
            flagged("网络强国", "a network power"),
            ["网络强国 → cyberpower"]
        );
    }

    #[test]
    fn silent_when_a_rendering_is_there_inflected_or_not() {
        for (s, t) in [
            (
                "我国正加快向网络强国迈进。",
                "China is becoming a cyberpower.",
            ),
            ("两个网络强国", "two cyber powers"),
            ("网络安全", "internet security"),
            ("没有术语。", "No term."),
            ("The metadata centers", "Die Metadaten"),
        ] {
            assert!(flagged(s, t).is_empty(), "{s} → {t}: {:?}", flagged(s, t));
        }
    }
}
