//! Helpers that the unit tests of several modules share.

use crate::check::terminology::TermStatus;
use crate::glossary::{EntryData, Term};

mod rng;
pub(crate) use rng::Rng;

/// A zh→en glossary entry: one source term, a preferred term and deprecated renderings.
pub(crate) fn entry(source: &str, preferred: &str, deprecated: &[&str]) -> EntryData {
    let mut e = EntryData::new("en", preferred);
    e.source_lang = "zh".into();
    e.sources = vec![source.into()];
    e.terms.extend(
        deprecated
            .iter()
            .map(|d| Term::new(*d, TermStatus::Deprecated)),
    );
    e
}

/// `n` numbered entries: source `源i`, preferred `term{i} one`, deprecated `old{i}`.
pub(crate) fn numbered_entries(n: usize) -> Vec<EntryData> {
    (0..n)
        .map(|i| {
            entry(
                &format!("源{i}"),
                &format!("term{i} one"),
                &[&format!("old{i}")],
            )
        })
        .collect()
}
