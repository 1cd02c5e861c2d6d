//! TBX (TermBase eXchange, ISO 30042) in and out.
//!
//! Reads TBX v2 (`<martif>`, TBX-Basic: `termEntry` / `langSet` / `tig` or `ntig`) and TBX
//! v3 (`<tbx>`, TBX-Basic and TBX-Core, DCA style with `termNote`/`descrip` and DCT style
//! with namespaced elements: `conceptEntry` / `langSec` / `termSec`), in either namespace.
//! `administrativeStatus` and `normativeAuthorization` map to our statuses (preferred,
//! admitted, deprecated; superseded counts as deprecated); notes and definitions are
//! kept. Writes TBX v3 TBX-Basic, DCA style: source terms of no stated language are
//! `und`; a glossary with several language pairs gets the root `xml:lang="mul"`, and each
//! concept then gives its own pair (first `langSec` the source, second the target), which
//! the reader honours.
//!
//! The document must be well-formed: quick-xml checks that end tags match, and the
//! reader adds the rest (no element left open at the end, one root, no text outside it,
//! attributes quoted and not repeated, no control characters).
//!
//! Safety: the DTD is never read. A document that declares entities in its internal DTD
//! subset is refused, and any entity reference other than the five predefined ones and
//! character references is an error, so nothing is fetched or expanded.
//!
//! Files: [`xml`] (decoding, positions, well-formedness), [`read`] (elements to raw
//! concepts), [`concepts`] (raw concepts to entries), [`write`].

mod concepts;
mod read;
#[cfg(test)]
mod tests;
mod write;
mod xml;

pub(crate) use read::read;
pub use write::write;

/// The private term note mtpe writes for a case sensitivity that differs from the default.
const CASE_NOTE: &str = "x-caseSensitive";

/// The ISO 639 tag for an undetermined language: the source language of entries whose
/// source terms have no stated language.
const UNDETERMINED: &str = "und";
/// The ISO 639 tag for several languages: the root `xml:lang` of an export holding several
/// language pairs, whose concepts then each give their own pair (see `concepts::concept_pair`).
const MULTIPLE: &str = "mul";
