//! How a document renders each glossary concept: the occurrences of each term of an entry
//! and the rendering the others are measured against. `terminology.inconsistent` reports
//! the accepted renderings that differ from it; `terminology.deprecated` names the other
//! renderings in its own message, so that a span gets one issue.
//!
//! The reference is the preferred term when the document uses it *or* has a deprecated
//! rendering of the concept (whose fix is the preferred term), else the most used admitted
//! term (ties: the first used). So applying a suggestion never changes the reference under
//! the other occurrences: a fixed deprecated rendering becomes the rendering that was
//! already the reference.

use std::ops::Range;

use super::normalize::term_key;
use super::{DocumentMatch, IndexedTerm, TermIndex, TermRef, TermStatus};
use crate::check::CheckContext;

/// Related spans an issue lists per other rendering.
pub(crate) const RELATED_PER_RENDERING: usize = 3;

/// The rendering an entry's other renderings are measured against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reference {
    /// The preferred term (used in the document, or what its deprecated renderings
    /// become once fixed).
    Preferred,
    /// The most used admitted term, when the document has neither the preferred term nor
    /// a deprecated rendering.
    Admitted(u32),
}

/// One term of an entry as the document uses it.
#[derive(Debug)]
pub(crate) struct Rendering {
    pub term: u32,
    /// Its occurrences, in document order.
    pub spans: Vec<Range<usize>>,
}

/// The renderings of one entry, for an entry the document renders in two or more ways.
#[derive(Debug)]
pub(crate) struct EntryRenderings {
    /// Index of the entry in the [`TermIndex`].
    pub entry: u32,
    /// By term index.
    pub renderings: Vec<Rendering>,
    pub reference: Reference,
    /// Whether the document uses the preferred term itself.
    pub preferred_used: bool,
}

/// The entries a document renders in two or more ways, by entry index.
#[derive(Debug, Default)]
pub(crate) struct Renderings {
    entries: Vec<EntryRenderings>,
}

impl Renderings {
    /// Groups the document's matches by entry and term.
    pub fn of(index: &TermIndex, ctx: &CheckContext<'_>) -> Self {
        let matches = &ctx.term_matches().matches;
        let mut found: Vec<(TermRef, u32)> = Vec::with_capacity(matches.len());
        let mut refs = Vec::new();
        for (i, m) in matches.iter().enumerate() {
            readings(index, ctx.doc.slice(m.found.span.clone()), m, &mut refs);
            found.extend(refs.iter().map(|r| (*r, i as u32)));
        }
        // By entry, then term; occurrences stay in document order.
        found.sort_by_key(|(r, _)| *r);
        let mut entries = Vec::new();
        for group in found.chunk_by(|a, b| a.0.entry == b.0.entry) {
            let entry = group[0].0.entry;
            let renderings: Vec<Rendering> = group
                .chunk_by(|a, b| a.0.term == b.0.term)
                .map(|g| Rendering {
                    term: g[0].0.term,
                    spans: g
                        .iter()
                        .map(|(_, i)| matches[*i as usize].found.span.clone())
                        .collect(),
                })
                .collect();
            if renderings.len() < 2 {
                continue;
            }
            let status = |t: u32| index.term(TermRef { entry, term: t }).status;
            let preferred_used = renderings
                .iter()
                .any(|r| status(r.term) == TermStatus::Preferred);
            let reference = if preferred_used
                || renderings
                    .iter()
                    .any(|r| status(r.term) == TermStatus::Deprecated)
            {
                Reference::Preferred
            } else {
                Reference::Admitted(most_used(&renderings))
            };
            entries.push(EntryRenderings {
                entry,
                renderings,
                reference,
                preferred_used,
            });
        }
        Renderings { entries }
    }

    /// The entries rendered in two or more ways, by entry index.
    pub fn entries(&self) -> &[EntryRenderings] {
        &self.entries
    }

    /// How the document renders entry `entry`, if in two or more ways.
    pub fn get(&self, entry: u32) -> Option<&EntryRenderings> {
        self.entries
            .binary_search_by_key(&entry, |e| e.entry)
            .ok()
            .map(|i| &self.entries[i])
    }
}

impl EntryRenderings {
    /// Whether `term` is the reference rendering.
    pub fn is_reference(&self, index: &TermIndex, term: u32) -> bool {
        match self.reference {
            Reference::Preferred => self.status(index, term) == TermStatus::Preferred,
            Reference::Admitted(t) => t == term,
        }
    }

    fn status(&self, index: &TermIndex, term: u32) -> TermStatus {
        index
            .term(TermRef {
                entry: self.entry,
                term,
            })
            .status
    }

    /// The other renderings than `term`'s, as a message names them ("“Cybersecurity”
    /// (line 73, 21 times, preferred)"), leaving out those written as `term`'s first
    /// occurrence is (in any case).
    pub fn others(&self, ctx: &CheckContext<'_>, index: &TermIndex, term: u32) -> Vec<String> {
        let Some(own) = self.renderings.iter().find(|r| r.term == term) else {
            return Vec::new();
        };
        let own = ctx.doc.slice(own.spans[0].clone()).to_lowercase();
        self.renderings
            .iter()
            .filter(|r| r.term != term && ctx.doc.slice(r.spans[0].clone()).to_lowercase() != own)
            .map(|r| self.describe(ctx, index, r))
            .collect()
    }

    /// “text” (line N, K times, status) of one rendering.
    fn describe(&self, ctx: &CheckContext<'_>, index: &TermIndex, r: &Rendering) -> String {
        let first = &r.spans[0];
        let line = ctx.doc.position(first.start).line;
        let text = ctx.doc.slice(first.clone());
        let times = match r.spans.len() {
            1 => String::new(),
            n => format!(", {n} times"),
        };
        let tag = match self.status(index, r.term) {
            TermStatus::Preferred => "preferred",
            TermStatus::Deprecated => "deprecated",
            TermStatus::Admitted if self.reference != Reference::Admitted(r.term) => "admitted",
            TermStatus::Admitted
                if self
                    .renderings
                    .iter()
                    .any(|o| o.term != r.term && o.spans.len() == r.spans.len()) =>
            {
                "first used"
            }
            TermStatus::Admitted => "most used",
        };
        format!("\u{201c}{text}\u{201d} (line {line}{times}, {tag})")
    }

    /// Up to [`RELATED_PER_RENDERING`] occurrences of each rendering other than `term`.
    pub fn related(&self, term: u32) -> impl Iterator<Item = Range<usize>> + '_ {
        self.renderings
            .iter()
            .filter(move |r| r.term != term)
            .flat_map(|r| r.spans.iter().take(RELATED_PER_RENDERING).cloned())
    }
}

/// The (entry, term) pairs an occurrence stands for, one per entry, into `out`. A
/// rendering that some term accepts is read as its accepted terms only: it is not wrong
/// as such, and `terminology.deprecated` leaves it alone. When it reads as two terms of one
/// entry, it is the term it is written as (ignoring case and spacing), else the one of
/// better status.
pub(crate) fn readings(index: &TermIndex, text: &str, m: &DocumentMatch, out: &mut Vec<TermRef>) {
    out.clear();
    let accepted = m
        .found
        .refs
        .iter()
        .any(|r| index.term(*r).status != TermStatus::Deprecated);
    for r in &m.found.refs {
        if accepted && index.term(*r).status == TermStatus::Deprecated {
            continue;
        }
        match out.iter_mut().find(|x| x.entry == r.entry) {
            Some(x) => {
                if reads_better(text, index.term(*r), index.term(*x)) {
                    *x = *r;
                }
            }
            None => out.push(*r),
        }
    }
}

/// Whether `a` is a better reading than `b` of an occurrence `text` that matched both:
/// the term written as the text (ignoring case and spacing) first, then the better status
/// (preferred, admitted, deprecated).
fn reads_better(text: &str, a: &IndexedTerm, b: &IndexedTerm) -> bool {
    let key = term_key(text);
    let exact = |t: &IndexedTerm| term_key(&t.text) == key;
    (!exact(b) && exact(a)) || (exact(a) == exact(b) && a.status < b.status)
}

/// The most used rendering; ties go to the first used.
fn most_used(renderings: &[Rendering]) -> u32 {
    renderings
        .iter()
        .max_by(|a, b| {
            a.spans
                .len()
                .cmp(&b.spans.len())
                .then(b.spans[0].start.cmp(&a.spans[0].start))
        })
        .map_or(0, |r| r.term)
}
