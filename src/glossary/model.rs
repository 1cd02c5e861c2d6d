//! A glossary entry (one concept): source terms, one preferred target term, admitted
//! variants and deprecated renderings, note and domain.

use crate::check::terminology::normalize::{default_case_sensitive, term_key};
use crate::check::terminology::{IndexedEntry, IndexedTerm, TermStatus};

/// A target term of an entry.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Term {
    pub text: String,
    pub status: TermStatus,
    /// Whether matching respects case ("CAC"); by default only terms written in capitals.
    pub case_sensitive: bool,
    /// Why the term is deprecated (deprecated terms only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

impl Term {
    /// A term with the default case sensitivity for its text.
    pub fn new(text: impl Into<String>, status: TermStatus) -> Self {
        let mut text = text.into();
        trim_in_place(&mut text);
        Term {
            case_sensitive: default_case_sensitive(&text),
            text,
            status,
            reason: None,
        }
    }

    pub fn with_reason(mut self, reason: Option<String>) -> Self {
        self.reason = reason.filter(|r| !r.trim().is_empty());
        self
    }

    /// Whether the case sensitivity differs from what the text implies.
    pub fn case_is_explicit(&self) -> bool {
        self.case_sensitive != default_case_sensitive(&self.text)
    }

    /// Whether the two are the same words written in different case ("Digital China" and
    /// "digital China"): two terms of one entry that only case tells apart, so both are
    /// matched case-sensitively.
    pub fn differs_only_in_case(&self, other: &Term) -> bool {
        if is_plain(&self.text) && is_plain(&other.text) {
            return self.text != other.text && self.text.eq_ignore_ascii_case(&other.text);
        }
        term_key(&self.text) == term_key(&other.text)
            && cased_key(&self.text) != cased_key(&other.text)
    }

    /// Whether two terms are one: the same words and separators, ignoring case unless
    /// both are case-sensitive ("Internet Plus" and "Internet plus" can then differ).
    pub fn same_as(&self, other: &Term) -> bool {
        let both_cased = self.case_sensitive && other.case_sensitive;
        // Plain texts (the usual case) compare without building keys.
        if is_plain(&self.text) && is_plain(&other.text) {
            return if both_cased {
                self.text == other.text
            } else {
                self.text.eq_ignore_ascii_case(&other.text)
            };
        }
        if both_cased {
            cased_key(&self.text) == cased_key(&other.text)
        } else {
            term_key(&self.text) == term_key(&other.text)
        }
    }
}

/// ASCII words separated by single spaces, starting and ending with a letter or digit:
/// the text is its own normal form (up to case).
fn is_plain(text: &str) -> bool {
    let b = text.as_bytes();
    b.first().is_some_and(u8::is_ascii_alphanumeric)
        && b.last().is_some_and(u8::is_ascii_alphanumeric)
        && b.iter()
            .all(|&c| c.is_ascii() && (c == b' ' || !c.is_ascii_whitespace()))
        && !text.contains("  ")
}

/// Trims surrounding whitespace without reallocating when there is none.
fn trim_in_place(s: &mut String) {
    let trimmed = s.trim();
    if trimmed.len() != s.len() {
        *s = trimmed.to_string();
    }
}

/// Trims, and makes each run of whitespace holding a tab or line break one space: a term
/// is one line (a quoted cell or a TBX term may wrap it).
pub(crate) fn one_line_in_place(s: &mut String) {
    if s.bytes()
        .any(|b| matches!(b, b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c'))
    {
        let mut out = String::with_capacity(s.len());
        let mut words = s.split(['\t', '\n', '\r', '\x0b', '\x0c']);
        if let Some(first) = words.next() {
            out.push_str(first.trim_end());
        }
        for w in words {
            let w = w.trim_start();
            if !w.is_empty() {
                if !out.is_empty() && !out.ends_with(' ') {
                    out.push(' ');
                }
                out.push_str(w.trim_end());
            }
        }
        *s = out;
    }
    trim_in_place(s);
}

/// A term's words and normalised separators, case kept.
fn cased_key(text: &str) -> String {
    let shape = crate::check::terminology::normalize::shape(text);
    let mut out = String::new();
    for (i, w) in shape.words.iter().enumerate() {
        if i > 0 {
            out.push_str(&shape.gaps[i - 1]);
        }
        out.push_str(w);
    }
    out
}

/// The content of an entry, without its id and times: what `add`, `edit` and imports
/// write.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct EntryData {
    /// BCP 47 tag; empty for a target-only entry without a stated source language.
    pub source_lang: String,
    /// BCP 47 tag.
    pub target_lang: String,
    /// Source-language terms (may be empty).
    pub sources: Vec<String>,
    /// Target terms: the preferred one first, then admitted, then deprecated.
    pub terms: Vec<Term>,
    pub note: String,
    pub domain: String,
}

/// Why an entry cannot be stored.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InvalidEntry {
    #[error("an entry needs a preferred target term")]
    NoPreferred,
    #[error("an entry has one preferred target term, not {0}")]
    SeveralPreferred(usize),
    #[error("an entry needs a target language")]
    NoTargetLanguage,
    #[error("the term \u{201c}{0}\u{201d} is listed twice")]
    RepeatedTerm(String),
    #[error("a term is empty")]
    EmptyTerm,
    #[error("{0} contains `|`, which separates terms in TSV and CSV cells: write it without `|`")]
    Pipe(String),
    #[error(
        "{what} contains the control character U+{code:04X}; a glossary holds none (a note may hold tabs and line breaks)"
    )]
    ControlCharacter { what: String, code: u32 },
    #[error(
        "\u{201c}{0}\u{201d} is not a language tag: write a BCP 47 tag such as en, en-US, zh-CN or zh-Hans"
    )]
    LanguageTag(String),
}

impl InvalidEntry {
    /// Whether an import refuses the whole file for this (naming the line) rather than
    /// skipping the entry: the text itself cannot be stored.
    pub(crate) fn refuses_the_file(&self) -> bool {
        matches!(
            self,
            InvalidEntry::Pipe(_)
                | InvalidEntry::ControlCharacter { .. }
                | InvalidEntry::LanguageTag(_)
        )
    }
}

/// Checks the text of a term, source term or reason (`what` names it in messages).
fn check_term_text(text: &str, what: impl Fn() -> String) -> Result<(), InvalidEntry> {
    if text.as_bytes().contains(&b'|') {
        return Err(InvalidEntry::Pipe(what()));
    }
    check_controls(text, false, what)
}

/// The first control character of `text` (C0, DEL, C1), tab and line breaks allowed when
/// `lines`. Such characters cannot be written in XML 1.0 (TBX) and are never meant.
pub(crate) fn first_control(text: &str, lines: bool) -> Option<char> {
    let b = text.as_bytes();
    let ascii_ok =
        |c: u8| (c >= 0x20 && c != 0x7f) || (lines && matches!(c, b'\t' | b'\n' | b'\r'));
    // C1 controls are U+0080–U+009F: 0xC2 0x80–0x9F in UTF-8.
    if b.iter().all(|&c| ascii_ok(c) || c >= 0x80) && !b.contains(&0xC2) {
        return None;
    }
    text.chars()
        .find(|&c| c.is_control() && !(lines && matches!(c, '\t' | '\n' | '\r')))
}

fn check_controls(text: &str, lines: bool, what: impl Fn() -> String) -> Result<(), InvalidEntry> {
    match first_control(text, lines) {
        Some(c) => Err(InvalidEntry::ControlCharacter {
            what: what(),
            code: c as u32,
        }),
        None => Ok(()),
    }
}

impl EntryData {
    /// A target-language entry with its preferred term.
    pub fn new(target_lang: impl Into<String>, preferred: impl Into<String>) -> Self {
        EntryData {
            target_lang: target_lang.into(),
            terms: vec![Term::new(preferred, TermStatus::Preferred)],
            ..EntryData::default()
        }
    }

    /// What an editor's "add to glossary" records: `deprecated` is a rendering to replace
    /// with `preferred`, optionally with the source term and a note. Give it to
    /// [`Glossary::merge`](super::Glossary::merge): an existing entry for the same source
    /// and preferred term gains the deprecated rendering.
    pub fn from_fix(
        source_lang: &str,
        target_lang: &str,
        preferred: &str,
        deprecated: &str,
        source: Option<&str>,
        note: &str,
    ) -> Self {
        let mut e = EntryData::new(target_lang, preferred);
        if let Some(s) = source.map(str::trim).filter(|s| !s.is_empty()) {
            e.source_lang = source_lang.to_string();
            e.sources.push(s.to_string());
        }
        e.terms.push(Term::new(deprecated, TermStatus::Deprecated));
        e.note = note.to_string();
        e
    }

    pub fn preferred(&self) -> Option<&Term> {
        self.terms
            .iter()
            .find(|t| t.status == TermStatus::Preferred)
    }

    pub fn terms_with(&self, status: TermStatus) -> impl Iterator<Item = &Term> {
        self.terms.iter().filter(move |t| t.status == status)
    }

    /// Puts the terms in canonical order (preferred, admitted, deprecated; stable
    /// otherwise), trims texts, drops empty source terms (and the source language of an
    /// entry left without any) and puts language tags in their usual case.
    pub fn normalize(&mut self) {
        for t in &mut self.terms {
            one_line_in_place(&mut t.text);
            if let Some(r) = &mut t.reason {
                one_line_in_place(r);
            }
        }
        if !self.terms.is_sorted_by_key(|t| t.status) {
            self.terms.sort_by_key(|t| t.status);
        }
        for s in &mut self.sources {
            one_line_in_place(s);
        }
        one_line_in_place(&mut self.domain);
        self.sources.retain(|s| !s.is_empty());
        for s in [
            &mut self.source_lang,
            &mut self.target_lang,
            &mut self.note,
            &mut self.domain,
        ] {
            trim_in_place(s);
        }
        for tag in [&mut self.source_lang, &mut self.target_lang] {
            if let Some(std::borrow::Cow::Owned(canonical)) = canonical_language_tag(tag) {
                *tag = canonical;
            }
        }
        self.case_sensitive_where_only_case_differs();
        // A target-only entry has no source language (as `add` makes it, and as a TBX,
        // which has no place for one, reads it back).
        if self.sources.is_empty() {
            self.source_lang.clear();
        }
    }

    /// Makes terms that only case tells apart ("Digital China" preferred, "digital China"
    /// deprecated) case-sensitive: matched ignoring case, they would be one term.
    fn case_sensitive_where_only_case_differs(&mut self) {
        for i in 1..self.terms.len() {
            let (before, rest) = self.terms.split_at_mut(i);
            let t = &mut rest[0];
            for o in before.iter_mut() {
                if o.differs_only_in_case(t) {
                    o.case_sensitive = true;
                    t.case_sensitive = true;
                }
            }
        }
    }

    /// Checks the invariants the store relies on.
    pub fn validate(&self) -> Result<(), InvalidEntry> {
        if self.target_lang.is_empty() {
            return Err(InvalidEntry::NoTargetLanguage);
        }
        for tag in [&self.source_lang, &self.target_lang] {
            if !tag.is_empty() && canonical_language_tag(tag).is_none() {
                return Err(InvalidEntry::LanguageTag(tag.clone()));
            }
        }
        match self.terms_with(TermStatus::Preferred).count() {
            0 => return Err(InvalidEntry::NoPreferred),
            1 => {}
            n => return Err(InvalidEntry::SeveralPreferred(n)),
        }
        for s in &self.sources {
            check_term_text(s, || format!("the source term \u{201c}{s}\u{201d}"))?;
        }
        check_controls(&self.note, true, || "the note".to_string())?;
        check_controls(&self.domain, false, || "the domain".to_string())?;
        for (i, t) in self.terms.iter().enumerate() {
            if t.text.is_empty() {
                return Err(InvalidEntry::EmptyTerm);
            }
            check_term_text(&t.text, || format!("the term \u{201c}{}\u{201d}", t.text))?;
            if let Some(r) = &t.reason {
                check_term_text(r, || {
                    format!(
                        "the reason \u{201c}{r}\u{201d} of \u{201c}{}\u{201d}",
                        t.text
                    )
                })?;
            }
            if self.terms[..i].iter().any(|o| o.same_as(t)) {
                return Err(InvalidEntry::RepeatedTerm(t.text.clone()));
            }
        }
        Ok(())
    }

    /// Adds or updates a target term; an existing term with the same text (ignoring case
    /// and spacing) takes the new status and spelling, except that the preferred term is
    /// never demoted: a case variant of it with another status ("digital China" deprecated
    /// beside the preferred "Digital China") is a term of its own, and both become
    /// case-sensitive. Returns whether anything changed.
    pub fn upsert_term(&mut self, mut term: Term) -> bool {
        if term.status != TermStatus::Preferred
            && let Some(preferred) = self
                .terms
                .iter_mut()
                .find(|t| t.status == TermStatus::Preferred && t.differs_only_in_case(&term))
        {
            let cased = !preferred.case_sensitive;
            preferred.case_sensitive = true;
            term.case_sensitive = true;
            if let Some(existing) = self.terms.iter_mut().find(|t| t.same_as(&term)) {
                let changed = *existing != term;
                *existing = term;
                return changed || cased;
            }
            self.terms.push(term);
            return true;
        }
        if let Some(existing) = self.terms.iter_mut().find(|t| t.same_as(&term)) {
            if existing.status == TermStatus::Preferred && term.status != TermStatus::Preferred {
                return false;
            }
            let changed = *existing != term;
            *existing = term;
            changed
        } else {
            self.terms.push(term);
            true
        }
    }

    /// The entry as the terminology checks see it.
    pub fn indexed(&self, id: i64) -> IndexedEntry {
        IndexedEntry {
            id,
            sources: self.sources.clone(),
            terms: self
                .terms
                .iter()
                .map(|t| IndexedTerm {
                    text: t.text.clone(),
                    status: t.status,
                    case_sensitive: t.case_sensitive,
                    reason: t.reason.clone(),
                })
                .collect(),
        }
    }
}

/// A stored entry.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Entry {
    pub id: i64,
    #[serde(flatten)]
    pub data: EntryData,
    /// Creation time, UTC, `YYYY-MM-DDTHH:MM:SSZ`.
    pub created: String,
    /// Last change, UTC, `YYYY-MM-DDTHH:MM:SSZ`.
    pub updated: String,
}

/// A BCP 47 language tag in its usual case (`zh-CN`, `en-US`, `zh-Hans`, `sr-Latn-RS`),
/// `_` read as `-` (`zh_CN`); `None` when `tag` does not have the shape of one (subtags of
/// 1–8 letters or digits, the first of 2–8 letters, or `x`/`i` for private and
/// grandfathered tags). The subtags themselves are not looked up in the registry.
pub fn canonical_language_tag(tag: &str) -> Option<std::borrow::Cow<'_, str>> {
    use std::borrow::Cow;
    let b = tag.as_bytes();
    if (2..=3).contains(&b.len()) && b.iter().all(u8::is_ascii_lowercase) {
        return Some(Cow::Borrowed(tag));
    }
    let mut out = String::with_capacity(tag.len());
    let mut after_singleton = false;
    for (i, sub) in tag.split(['-', '_']).enumerate() {
        if sub.is_empty() || sub.len() > 8 || !sub.bytes().all(|c| c.is_ascii_alphanumeric()) {
            return None;
        }
        let letters = sub.bytes().all(|c| c.is_ascii_alphabetic());
        if i == 0 {
            let private = sub.eq_ignore_ascii_case("x") || sub.eq_ignore_ascii_case("i");
            if !letters || (sub.len() < 2 && !private) {
                return None;
            }
            after_singleton = private;
            out.push_str(&sub.to_ascii_lowercase());
            continue;
        }
        out.push('-');
        if after_singleton || sub.len() == 1 {
            after_singleton = true;
            out.push_str(&sub.to_ascii_lowercase());
        } else if letters && sub.len() == 2 {
            out.push_str(&sub.to_ascii_uppercase());
        } else if letters && sub.len() == 4 {
            out.push_str(&sub[..1].to_ascii_uppercase());
            out.push_str(&sub[1..].to_ascii_lowercase());
        } else {
            out.push_str(&sub.to_ascii_lowercase());
        }
    }
    Some(if out == tag {
        Cow::Borrowed(tag)
    } else {
        Cow::Owned(out)
    })
}

/// Whether language tag `have` serves `want`: equal, or one a prefix of the other at a
/// subtag boundary ("en" and "en-US"), ignoring case.
pub fn lang_matches(have: &str, want: &str) -> bool {
    let fold = |b: u8| match b {
        b'_' => b'-',
        b => b.to_ascii_lowercase(),
    };
    let (short, long) = if have.len() <= want.len() {
        (have.as_bytes(), want.as_bytes())
    } else {
        (want.as_bytes(), have.as_bytes())
    };
    short.iter().zip(long).all(|(a, b)| fold(*a) == fold(*b))
        && long.get(short.len()).is_none_or(|b| fold(*b) == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_that_only_case_tells_apart_become_case_sensitive() {
        let mut e = EntryData::new("en", "Digital China");
        e.terms
            .push(Term::new("digital China", TermStatus::Deprecated));
        e.terms
            .push(Term::new("digital china", TermStatus::Deprecated));
        e.normalize();
        assert_eq!(e.validate(), Ok(()));
        assert!(e.terms.iter().all(|t| t.case_sensitive), "{:?}", e.terms);
        // The same text twice is still refused.
        let mut twice = EntryData::new("en", "Digital China");
        twice
            .terms
            .push(Term::new("Digital  China", TermStatus::Deprecated));
        twice.normalize();
        assert!(matches!(
            twice.validate(),
            Err(InvalidEntry::RepeatedTerm(_))
        ));
        // Deprecating a case variant of a stored entry's preferred term keeps both.
        let mut stored = EntryData::new("en", "Internet Plus");
        assert!(stored.upsert_term(Term::new("internet plus", TermStatus::Deprecated)));
        assert_eq!(stored.terms.len(), 2);
        assert!(stored.terms.iter().all(|t| t.case_sensitive));
        assert!(!stored.upsert_term(Term::new("internet plus", TermStatus::Deprecated)));
        // The preferred term respelt is the same term.
        assert!(stored.upsert_term(Term::new("Internet plus", TermStatus::Preferred)));
        assert_eq!(stored.terms.len(), 2);
        // Non-ASCII terms too.
        let mut e = EntryData::new("de", "Straße des Volkes");
        e.terms
            .push(Term::new("straße des Volkes", TermStatus::Deprecated));
        e.normalize();
        assert_eq!(e.validate(), Ok(()));
    }

    #[test]
    fn language_tags_match_by_prefix_at_a_subtag_boundary() {
        for (have, want) in [
            ("en", "en"),
            ("en", "en-US"),
            ("en-us", "EN_US"),
            ("zh-Hans-CN", "zh"),
            ("zh_Hans", "zh-hans-cn"),
        ] {
            assert!(lang_matches(have, want), "{have} {want}");
            assert!(lang_matches(want, have), "{want} {have}");
        }
        for (have, want) in [("en", "eng"), ("en-US", "en-GB"), ("e", "en"), ("", "en")] {
            assert!(!lang_matches(have, want), "{have} {want}");
            assert!(!lang_matches(want, have), "{want} {have}");
        }
        assert!(lang_matches("", ""));
    }

    #[test]
    fn validates_entries() {
        let mut e = EntryData::new("en", "cyberpower");
        assert_eq!(e.validate(), Ok(()));
        e.terms.push(Term::new("Cyberpower", TermStatus::Admitted));
        assert!(matches!(e.validate(), Err(InvalidEntry::RepeatedTerm(_))));
        e.terms.pop();
        // Case-sensitive twins are two terms.
        let mut plus = EntryData::new("en", "Internet Plus");
        plus.terms[0].case_sensitive = true;
        let mut lower = Term::new("Internet plus", TermStatus::Deprecated);
        lower.case_sensitive = true;
        plus.terms.push(lower);
        assert_eq!(plus.validate(), Ok(()));
        plus.terms[1].case_sensitive = false;
        assert!(plus.validate().is_err());
        e.terms.push(Term::new("x", TermStatus::Preferred));
        assert_eq!(e.validate(), Err(InvalidEntry::SeveralPreferred(2)));
        let empty = EntryData {
            target_lang: "en".into(),
            ..EntryData::default()
        };
        assert_eq!(empty.validate(), Err(InvalidEntry::NoPreferred));
    }

    #[test]
    fn a_term_cannot_hold_the_cell_separator() {
        let mut e = EntryData::new("en", "pipe | term");
        assert_eq!(
            e.validate(),
            Err(InvalidEntry::Pipe(
                "the term \u{201c}pipe | term\u{201d}".into()
            ))
        );
        e.terms[0].text = "pipe term".into();
        e.sources = vec!["a|b".into()];
        assert!(matches!(e.validate(), Err(InvalidEntry::Pipe(m)) if m.contains("source term")));
        e.sources.clear();
        e.terms
            .push(Term::new("x", TermStatus::Deprecated).with_reason(Some("a | b".into())));
        assert!(matches!(e.validate(), Err(InvalidEntry::Pipe(m)) if m.contains("reason")));
        // A note may hold one.
        e.terms.pop();
        e.note = "a | b".into();
        assert_eq!(e.validate(), Ok(()));
    }

    #[test]
    fn a_target_only_entry_has_no_source_language() {
        let mut e = EntryData::new("en", "cyberpower");
        e.source_lang = "zh".into();
        e.sources = vec!["  ".into()];
        e.normalize();
        assert_eq!(e.source_lang, "");
        e.source_lang = "zh".into();
        e.sources = vec!["网络强国".into()];
        e.normalize();
        assert_eq!(e.source_lang, "zh");
    }

    #[test]
    fn terms_are_one_line() {
        let mut e = EntryData::new("en", "network\r\n  power");
        e.sources = vec!["网络\t强国".into()];
        e.domain = "cyber\nspace".into();
        e.note = "keeps\nits lines".into();
        e.terms
            .push(Term::new("x", TermStatus::Deprecated).with_reason(Some("a\n\nb".into())));
        e.normalize();
        assert_eq!(e.terms[0].text, "network power");
        assert_eq!(e.sources, ["网络 强国"]);
        assert_eq!(e.domain, "cyber space");
        assert_eq!(e.note, "keeps\nits lines");
        assert_eq!(e.terms[1].reason.as_deref(), Some("a b"));
    }

    #[test]
    fn control_characters_are_refused_but_a_note_may_hold_lines_and_tabs() {
        let mut e = EntryData::new("en", "bell\u{7}");
        assert_eq!(
            e.validate(),
            Err(InvalidEntry::ControlCharacter {
                what: "the term \u{201c}bell\u{7}\u{201d}".into(),
                code: 7
            })
        );
        e.terms[0].text = "bell".into();
        e.note = "line one\r\nline two\twith a tab".into();
        assert_eq!(e.validate(), Ok(()));
        e.note.push('\u{7}');
        assert!(
            e.validate()
                .unwrap_err()
                .to_string()
                .contains("the note contains the control character U+0007")
        );
        e.note.clear();
        e.domain = "a\u{1b}b".into();
        assert!(e.validate().is_err());
        e.domain.clear();
        e.sources = vec!["x\u{85}".into()];
        assert!(e.validate().unwrap_err().to_string().contains("U+0085"));
        e.sources = vec!["网络强国 é".into()];
        assert_eq!(e.validate(), Ok(()));
        assert_eq!(first_control("a\u{7f}", true), Some('\u{7f}'));
        assert_eq!(first_control("tab\there", false), Some('\t'));
        assert_eq!(first_control("¢ ©", false), None);
    }

    #[test]
    fn upsert_changes_status_but_never_demotes_the_preferred_term() {
        let mut e = EntryData::new("en", "cyberpower");
        assert!(e.upsert_term(Term::new("network power", TermStatus::Admitted)));
        assert!(e.upsert_term(Term::new("Network Power", TermStatus::Deprecated)));
        assert!(!e.upsert_term(Term::new("Network Power", TermStatus::Deprecated)));
        assert!(!e.upsert_term(Term::new("cyberpower", TermStatus::Deprecated)));
        assert_eq!(e.terms.len(), 2);
        assert_eq!(e.terms[1].status, TermStatus::Deprecated);
    }

    #[test]
    fn language_tags_are_checked_and_put_in_their_usual_case() {
        let c = |t: &str| canonical_language_tag(t).map(|c| c.into_owned());
        assert_eq!(c("en").as_deref(), Some("en"));
        assert_eq!(c("ZH-cn").as_deref(), Some("zh-CN"));
        assert_eq!(c("zh_CN").as_deref(), Some("zh-CN"));
        assert_eq!(c("en_us").as_deref(), Some("en-US"));
        assert_eq!(c("zh-hans").as_deref(), Some("zh-Hans"));
        assert_eq!(c("SR-latn-rs").as_deref(), Some("sr-Latn-RS"));
        assert_eq!(c("es-419").as_deref(), Some("es-419"));
        assert_eq!(c("de-CH-1996").as_deref(), Some("de-CH-1996"));
        assert_eq!(c("en-US-x-Twain").as_deref(), Some("en-US-x-twain"));
        assert_eq!(c("x-klingon").as_deref(), Some("x-klingon"));
        assert_eq!(c("und").as_deref(), Some("und"));
        for bad in [
            "not a tag!",
            "!!",
            "",
            "e",
            "en-",
            "en--US",
            "1a",
            "en-toolongsubtag",
            "中文",
        ] {
            assert_eq!(c(bad), None, "{bad}");
        }
        let mut e = EntryData::new("EN_us", "x");
        e.source_lang = "zh_hans_cn".into();
        e.sources = vec!["网络强国".into()];
        e.normalize();
        assert_eq!(
            (e.source_lang.as_str(), e.target_lang.as_str()),
            ("zh-Hans-CN", "en-US")
        );
        assert_eq!(e.validate(), Ok(()));
        e.target_lang = "en_US!".into();
        e.normalize();
        assert_eq!(
            e.validate(),
            Err(InvalidEntry::LanguageTag("en_US!".into()))
        );
    }

    #[test]
    fn language_prefixes() {
        assert!(lang_matches("en", "en-US"));
        assert!(lang_matches("en-GB", "en"));
        assert!(lang_matches("EN_us", "en-US"));
        assert!(!lang_matches("en", "eng"));
        assert!(!lang_matches("en-GB", "en-US"));
    }
}
