//! `mtpe glossary add` and `mtpe glossary edit`: an entry from the command line's terms.

use clap::Args;

use super::{GlossaryArgs, open, say};
use crate::cli::Error;
use crate::glossary::GlossaryError;
use crate::glossary::{EntryData, Term, TermStatus, parse_term};

/// Terms are written `TEXT`, or `TEXT # REASON` for a deprecated term; a leading `=` makes a
/// term case-sensitive and `~` case-insensitive (default: only terms in capitals, "CAC").
#[derive(Debug, Args)]
pub(super) struct AddArgs {
    /// Source-language term (repeatable; none for a target-only entry).
    #[arg(long = "source", value_name = "TERM")]
    sources: Vec<String>,
    /// The preferred target term (TERM, =TERM or ~TERM: see below).
    #[arg(long, value_name = "TERM")]
    target: String,
    /// An admitted variant (repeatable).
    #[arg(long, value_name = "TERM")]
    admitted: Vec<String>,
    /// A deprecated rendering, optionally `TERM # REASON` (repeatable; =TERM and ~TERM as
    /// below).
    #[arg(long, value_name = "TERM")]
    deprecated: Vec<String>,
    /// Note or definition; keep the evidence URL here.
    #[arg(long, default_value = "")]
    note: String,
    /// Subject field ("cyberspace", "law").
    #[arg(long, default_value = "")]
    domain: String,
    /// Source language (BCP 47) of the --source terms; imports assume the same when a
    /// file does not name its languages [default: zh].
    #[arg(long, value_name = "LANG")]
    source_lang: Option<String>,
    /// Target language (BCP 47); imports assume the same when a file does not name its
    /// languages.
    #[arg(long, default_value = crate::glossary::DEFAULT_TARGET_LANG, value_name = "LANG")]
    target_lang: String,
}

#[derive(Debug, Args)]
pub(super) struct EditArgs {
    /// The entry's id.
    id: i64,
    /// New preferred term (the old one becomes admitted).
    #[arg(long, value_name = "TERM")]
    target: Option<String>,
    /// Replace the source terms (repeatable).
    #[arg(long = "source", value_name = "TERM")]
    sources: Vec<String>,
    /// Add an admitted variant, or make an existing term admitted (repeatable).
    #[arg(long, value_name = "TERM")]
    admitted: Vec<String>,
    /// Add a deprecated rendering, or deprecate an existing term (repeatable).
    #[arg(long, value_name = "TERM")]
    deprecated: Vec<String>,
    /// Remove a target term (repeatable).
    #[arg(long = "remove-term", value_name = "TERM")]
    remove_terms: Vec<String>,
    /// Replace the note (empty to remove it).
    #[arg(long)]
    note: Option<String>,
    /// Replace the subject field (empty to remove it).
    #[arg(long)]
    domain: Option<String>,
    /// Change the source language (BCP 47); the entry needs source terms.
    #[arg(long, value_name = "LANG")]
    source_lang: Option<String>,
    /// Change the target language (BCP 47).
    #[arg(long, value_name = "LANG")]
    target_lang: Option<String>,
}

pub(super) fn add(args: &GlossaryArgs, a: &AddArgs) -> Result<(), Error> {
    if let (Some(lang), true) = (&a.source_lang, a.sources.is_empty()) {
        return Err(Error::Usage(format!(
            "--source-lang {lang} needs a --source term (a target-only entry has no source language)"
        )));
    }
    let mut g = open(args)?;
    let mut data = EntryData {
        source_lang: a
            .source_lang
            .clone()
            .unwrap_or_else(|| crate::glossary::DEFAULT_SOURCE_LANG.into()),
        target_lang: a.target_lang.clone(),
        sources: a.sources.clone(),
        note: a.note.clone(),
        domain: a.domain.clone(),
        ..EntryData::default()
    };
    if data.sources.is_empty() {
        data.source_lang.clear();
    }
    data.terms
        .push(parse_term(&a.target, TermStatus::Preferred));
    data.terms.extend(
        a.admitted
            .iter()
            .map(|t| parse_term(t, TermStatus::Admitted)),
    );
    data.terms.extend(
        a.deprecated
            .iter()
            .map(|t| parse_term(t, TermStatus::Deprecated)),
    );
    let id = g.add(data)?;
    say(format_args!("added entry {id}"))?;
    Ok(())
}

pub(super) fn edit(args: &GlossaryArgs, e: &EditArgs) -> Result<(), Error> {
    let mut g = open(args)?;
    let entry = g.get(e.id)?.ok_or(GlossaryError::NoSuchEntry(e.id))?;
    let mut data = entry.data.clone();
    if let Some(t) = &e.target {
        let new = parse_term(t, TermStatus::Preferred);
        for old in &mut data.terms {
            if old.status == TermStatus::Preferred {
                old.status = TermStatus::Admitted;
            }
        }
        data.terms.retain(|t| !t.same_as(&new));
        data.terms.insert(0, new);
    }
    if !e.sources.is_empty() {
        data.sources = e.sources.clone();
    }
    for t in &e.admitted {
        data.upsert_term(parse_term(t, TermStatus::Admitted));
    }
    for t in &e.deprecated {
        data.upsert_term(parse_term(t, TermStatus::Deprecated));
    }
    for t in &e.remove_terms {
        let gone = Term::new(t.as_str(), TermStatus::Admitted);
        let before = data.terms.len();
        data.terms
            .retain(|x| x.status == TermStatus::Preferred || !x.same_as(&gone));
        if data.terms.len() == before {
            return Err(Error::Usage(format!(
                "entry {} has no removable term \u{201c}{t}\u{201d} (to replace the preferred term, use --target)",
                e.id
            )));
        }
    }
    if let Some(n) = &e.note {
        data.note = n.clone();
    }
    if let Some(d) = &e.domain {
        data.domain = d.clone();
    }
    if let Some(l) = &e.source_lang {
        if data.sources.is_empty() {
            return Err(Error::Usage(format!(
                "--source-lang {l} needs a source term (add --source TERM): entry {} is target-only",
                e.id
            )));
        }
        data.source_lang = l.clone();
    }
    if let Some(l) = &e.target_lang {
        data.target_lang = l.clone();
    }
    // Nothing asked, or only what the entry already says: leave it (and its time) alone.
    let mut before = entry.data;
    before.normalize();
    let mut after = data.clone();
    after.normalize();
    if after == before {
        say(format_args!("entry {}: nothing to change", e.id))?;
        return Ok(());
    }
    g.update(e.id, data)?;
    say(format_args!("updated entry {}", e.id))?;
    Ok(())
}
