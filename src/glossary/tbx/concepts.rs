//! From raw TBX concepts to glossary entries: statuses mapped, languages picked (the
//! file's pair, or each concept's own in a `mul` file), notes and reasons kept.

use super::read::{RawConcept, RawLang};
use super::xml::line_col;
use super::{MULTIPLE, UNDETERMINED};
use crate::check::terminology::TermStatus;
use crate::glossary::import::{FormatError, ImportOptions, Output, pick_languages};
use crate::glossary::model::{EntryData, Term, lang_matches};

/// Our status for a TBX status value (`preferredTerm-admn-sts`, `deprecatedTerm`, …).
fn map_status(value: &str) -> (TermStatus, Option<&'static str>) {
    let v = value.to_ascii_lowercase();
    if v.starts_with("preferred")
        || v.starts_with("legal")
        || v.starts_with("regulated")
        || v.starts_with("standardized")
    {
        (TermStatus::Preferred, None)
    } else if v.starts_with("deprecated") {
        (TermStatus::Deprecated, None)
    } else if v.starts_with("superseded") {
        (TermStatus::Deprecated, Some("superseded"))
    } else {
        (TermStatus::Admitted, None)
    }
}

/// The language pair of a concept in a file whose root `xml:lang` is `mul`: one `langSec`
/// is a target-only concept, two are source then target. `None` for any other shape.
fn concept_pair(c: &RawConcept) -> Option<(Option<&str>, &str)> {
    match c.langs.as_slice() {
        [t] if !t.lang.is_empty() => Some((None, &t.lang)),
        [s, t]
            if !s.lang.is_empty()
                && !t.lang.is_empty()
                && !s.lang.eq_ignore_ascii_case(&t.lang) =>
        {
            Some((Some(&s.lang), &t.lang))
        }
        _ => None,
    }
}

pub(super) fn build(
    text: &str,
    concepts: Vec<RawConcept>,
    options: &ImportOptions,
    main: Option<&str>,
    out: &mut Output<'_>,
) -> Result<(), FormatError> {
    let mut langs: Vec<String> = Vec::new();
    for c in &concepts {
        for l in &c.langs {
            if !l.lang.is_empty() && !langs.iter().any(|x| x.eq_ignore_ascii_case(&l.lang)) {
                langs.push(l.lang.clone());
            }
        }
    }
    if concepts.is_empty() {
        return Ok(());
    }
    // mtpe's convention for several language pairs in one file (see `write`).
    let per_concept = main.is_some_and(|m| m.eq_ignore_ascii_case(MULTIPLE))
        && concepts
            .iter()
            .all(|c| c.langs.is_empty() || concept_pair(c).is_some());
    let file_pair = if per_concept {
        None
    } else {
        let pair = pick_languages(&langs, options, main).map_err(FormatError::whole)?;
        Some((
            pair.source.map(|s| langs[s].clone()).unwrap_or_default(),
            langs[pair.target].clone(),
        ))
    };
    for c in concepts {
        let (source_lang, target_lang) = match &file_pair {
            Some((s, t)) => (s.clone(), t.clone()),
            None => match concept_pair(&c) {
                Some((s, t))
                    if options
                        .target_lang
                        .as_deref()
                        .is_none_or(|want| lang_matches(t, want))
                        && s.zip(options.source_lang.as_deref())
                            .is_none_or(|(s, want)| lang_matches(s, want)) =>
                {
                    (s.unwrap_or_default().to_string(), t.to_string())
                }
                _ => {
                    out.report.skipped += 1;
                    continue;
                }
            },
        };
        let of = |tag: &str| -> Vec<&RawLang> {
            c.langs
                .iter()
                .filter(|l| !tag.is_empty() && l.lang.eq_ignore_ascii_case(tag))
                .collect()
        };
        let mut entry = EntryData {
            target_lang: target_lang.clone(),
            domain: c.subject.join("; "),
            ..EntryData::default()
        };
        let mut notes = c.notes.clone();
        for l in of(&source_lang) {
            for t in &l.terms {
                let deprecated = t
                    .status
                    .as_deref()
                    .is_some_and(|s| map_status(s).0 == TermStatus::Deprecated);
                if !t.text.is_empty() && !deprecated && !entry.sources.contains(&t.text) {
                    entry.sources.push(t.text.clone());
                }
            }
        }
        // A concept without source terms is target-only: it has no source language, even
        // when the file's other concepts have one.
        if !entry.sources.is_empty() && !source_lang.eq_ignore_ascii_case(UNDETERMINED) {
            entry.source_lang = source_lang.clone();
        }
        let mut has_preferred = false;
        for l in of(&target_lang) {
            notes.extend(l.notes.iter().cloned());
            for t in l.terms.iter().filter(|t| !t.text.is_empty()) {
                let (mut status, implied_reason) = match &t.status {
                    Some(s) => map_status(s),
                    None => (TermStatus::Admitted, None),
                };
                if status == TermStatus::Preferred {
                    if has_preferred {
                        status = TermStatus::Admitted;
                    }
                    has_preferred = true;
                }
                let mut reason = None;
                if status == TermStatus::Deprecated {
                    let mut r: Vec<String> = t.notes.clone();
                    if r.is_empty()
                        && let Some(i) = implied_reason
                    {
                        r.push(i.to_string());
                    }
                    reason = (!r.is_empty()).then(|| r.join("; "));
                } else {
                    notes.extend(t.notes.iter().cloned());
                }
                let mut term = Term::new(t.text.clone(), status).with_reason(reason);
                if let Some(cs) = t.case_sensitive {
                    term.case_sensitive = cs;
                }
                if !entry.terms.iter().any(|x| x.text == term.text) {
                    entry.terms.push(term);
                }
            }
        }
        if !has_preferred {
            // No status given: the first term that is not deprecated is the preferred one.
            match entry
                .terms
                .iter_mut()
                .find(|t| t.status != TermStatus::Deprecated)
            {
                Some(t) => t.status = TermStatus::Preferred,
                None => {
                    out.report.skipped += 1;
                    continue;
                }
            }
        }
        entry.note = notes.join("\n");
        entry.normalize();
        match entry.validate() {
            Ok(()) => {}
            Err(e) if e.refuses_the_file() => {
                let (line, _) = line_col(text, c.at);
                return Err(FormatError::at(line, format!("in this concept, {e}")));
            }
            Err(_) => {
                out.report.skipped += 1;
                continue;
            }
        }
        if out.entry(entry).is_break() {
            break;
        }
    }
    Ok(())
}
