//! The source side of a check request, for bilingual files: which text of the checked
//! document is which unit's target, and that unit's source, languages, codes and state
//! ([`BilingualUnits`]); and [`check_bilingual`], the one call that checks a whole
//! [`BilingualFile`] and reports its issues where they are in the file.
//!
//! The checked document is the file's targets joined one paragraph a unit
//! ([`BilingualFile::joined_targets`]), or an editor's current version of them: the units
//! are listed with their target's byte range in that document, so a check finds the unit
//! of a paragraph by its offset ([`ParagraphView::unit`](super::ParagraphView::unit)).

use std::ops::Range;

use super::spelling::UserWords;
use super::terminology::TermIndex;
use super::{CheckRequest, Engine, Issue, IssueRecord, IssueSide, RelatedRecord, UnitRef};
use crate::document::units::{BilingualFile, CodeRef, JoinedTargets, Unit, UnitState};

/// The units of a bilingual file as a check request carries them.
#[derive(Debug, Clone)]
pub struct BilingualUnits<'a> {
    file: &'a BilingualFile,
    source_lang: String,
    target_lang: Option<String>,
    /// (unit index, target range in the checked text), by range start.
    targets: Vec<(usize, Range<usize>)>,
}

impl<'a> BilingualUnits<'a> {
    /// The units of `file` in the text of `joined` (its targets as the file has them).
    pub fn new(file: &'a BilingualFile, joined: &JoinedTargets) -> Self {
        Self::with_targets(file, joined.units.iter().cloned().enumerate())
    }

    /// The units of `file` whose targets are at the given ranges of the checked text (an
    /// editor's current text: unit index, byte range). Ranges must not overlap; units left
    /// out are not checked against their source.
    pub fn with_targets(
        file: &'a BilingualFile,
        targets: impl IntoIterator<Item = (usize, Range<usize>)>,
    ) -> Self {
        let mut targets: Vec<(usize, Range<usize>)> = targets
            .into_iter()
            .filter(|(i, _)| *i < file.units().len())
            .collect();
        targets.sort_by_key(|(_, r)| (r.start, r.end));
        BilingualUnits {
            file,
            source_lang: file.source_language().unwrap_or("").to_string(),
            target_lang: file.target_language().map(str::to_string),
            targets,
        }
    }

    /// Sets the source language (BCP 47) where the file does not declare it (aligned text).
    pub fn with_source_lang(mut self, lang: &str) -> Self {
        if self.source_lang.is_empty() {
            lang.clone_into(&mut self.source_lang);
        }
        self
    }

    pub fn file(&self) -> &'a BilingualFile {
        self.file
    }

    /// The source language as declared (empty when unknown: checks then go by script).
    pub fn source_lang(&self) -> &str {
        &self.source_lang
    }

    /// The target language the file declares.
    pub fn target_lang(&self) -> Option<&str> {
        self.target_lang.as_deref()
    }

    pub fn len(&self) -> usize {
        self.targets.len()
    }

    pub fn is_empty(&self) -> bool {
        self.targets.is_empty()
    }

    /// The units in the order of their targets in the checked text.
    pub fn iter(&self) -> impl Iterator<Item = UnitView<'a>> + '_ {
        self.targets.iter().map(|(i, r)| self.view(*i, r.clone()))
    }

    /// The unit whose target range in the checked text contains `offset` (a paragraph's
    /// start), if any.
    pub fn at(&self, offset: usize) -> Option<UnitView<'a>> {
        let i = self.targets.partition_point(|(_, r)| r.end < offset);
        let (unit, r) = self.targets[i..]
            .iter()
            .find(|(_, r)| r.start <= offset && offset <= r.end)?;
        Some(self.view(*unit, r.clone()))
    }

    /// Unit number `index` of the file, if it is listed.
    pub fn get(&self, index: usize) -> Option<UnitView<'a>> {
        self.targets
            .iter()
            .find(|(i, _)| *i == index)
            .map(|(i, r)| self.view(*i, r.clone()))
    }

    fn view(&self, index: usize, target: Range<usize>) -> UnitView<'a> {
        UnitView {
            file: self.file,
            index,
            unit: &self.file.units()[index],
            target,
        }
    }
}

/// One unit as a check sees it.
#[derive(Debug, Clone)]
pub struct UnitView<'a> {
    file: &'a BilingualFile,
    /// Index in [`BilingualFile::units`].
    pub index: usize,
    pub unit: &'a Unit,
    /// Byte range of its target in the checked text.
    pub target: Range<usize>,
}

impl<'a> UnitView<'a> {
    pub fn id(&self) -> &'a str {
        &self.unit.id
    }

    /// The source text (codes as placeholder characters); empty when there is none.
    pub fn source(&self) -> &'a str {
        self.unit.source.as_ref().map_or("", |s| s.text.as_str())
    }

    pub fn has_source(&self) -> bool {
        self.unit
            .source
            .as_ref()
            .is_some_and(|s| !s.text.is_empty())
    }

    pub fn state(&self) -> &'a UnitState {
        &self.unit.state
    }

    /// Locked or `translate="no"`: its target is not for editing.
    pub fn is_locked(&self) -> bool {
        !self.unit.is_editable()
    }

    /// The inline codes and placeholders of the source, in order.
    pub fn source_codes(&self) -> Vec<CodeRef> {
        self.file.codes_in(self.unit, self.source())
    }

    /// The inline codes and placeholders of `target`, a text of this unit's target (as
    /// checked: possibly edited).
    pub fn target_codes(&self, target: &str) -> Vec<CodeRef> {
        self.file.codes_in(self.unit, target)
    }

    /// A unit reference for an issue on `side`.
    pub fn on(&self, side: IssueSide) -> UnitRef {
        UnitRef {
            index: self.index,
            side,
        }
    }
}

/// Every check's issues in `file`: the rule checks, the source-aware checks and, with
/// `glossary` (entries whose source or target terms can occur in the file), the terminology
/// checks, over its targets joined one paragraph a unit. `target_lang` is used when the
/// file does not declare its target language.
///
/// Each issue has its unit ([`Issue::unit`]) and its span in the file's text
/// ([`BilingualFile::text`]), or for a [`IssueSide::Source`] issue in
/// [`BilingualFile::source_text`]; related spans are in the file's text. Sorted by unit,
/// then position. [`IssueRecord::in_file`] gives each its byte offsets, line and column.
pub fn check_bilingual(
    file: &BilingualFile,
    target_lang: &str,
    glossary: Option<&TermIndex>,
) -> Vec<Issue> {
    let lang = file.target_language().unwrap_or(target_lang);
    check_bilingual_with(
        &Engine::bilingual(glossary.is_some()),
        file,
        lang,
        glossary,
        None,
    )
}

/// [`check_bilingual`] with the checks of `engine` (which should hold the source-aware
/// ones, as [`Engine::bilingual`] and `Engine::configured_bilingual` do), in `lang`, with
/// the user's own words known to the spelling checks.
pub fn check_bilingual_with(
    engine: &Engine,
    file: &BilingualFile,
    lang: &str,
    glossary: Option<&TermIndex>,
    user_words: Option<&UserWords>,
) -> Vec<Issue> {
    let joined = file.joined_targets();
    let doc = joined.document(file.name());
    let units = BilingualUnits::new(file, &joined);
    let issues = CheckRequest::new(&doc, lang)
        .glossary(glossary)
        .user_words(user_words)
        .units(&units)
        .run(engine);
    let mut mapped: Vec<Issue> = issues
        .into_iter()
        .filter_map(|issue| to_file(file, &joined, issue))
        .collect();
    mapped.sort_by_key(|i| {
        let u = i.unit.unwrap_or(UnitRef {
            index: usize::MAX,
            side: IssueSide::Target,
        });
        (u.index, u.side, i.span.start, usize::MAX - i.span.end)
    });
    mapped
}

/// An issue of the joined document with its spans in the file.
fn to_file(file: &BilingualFile, joined: &JoinedTargets, mut issue: Issue) -> Option<Issue> {
    let related = |issue: &Issue| -> Vec<Range<usize>> {
        issue
            .related
            .iter()
            .filter_map(|r| joined.file_range(file, r.clone()))
            .collect()
    };
    match issue.unit {
        Some(UnitRef {
            index,
            side: IssueSide::Source,
        }) => {
            let source = file.units().get(index)?.source.as_ref()?;
            issue.span = source.file_range(issue.span.clone());
        }
        _ => {
            let (index, _) = joined.locate(issue.span.clone())?;
            issue.span = joined.file_range(file, issue.span.clone())?;
            issue.unit = Some(UnitRef {
                index,
                side: IssueSide::Target,
            });
        }
    }
    issue.related = related(&issue);
    Some(issue)
}

impl IssueRecord {
    /// The record of an issue of [`check_bilingual`]: byte offsets in the file (its
    /// encoding's bytes), line and column there (in the source file for a source-side
    /// issue of an aligned pair), the unit's id, and `side` for a source-side span.
    pub fn in_file(file: &BilingualFile, issue: &Issue) -> IssueRecord {
        let source = issue.is_in_source();
        // Aligned sources are UTF-8 text of their own file; the target file's encoding
        // applies to spans in the target's (or the same XML file's) text.
        let aligned_source = source && !std::ptr::eq(file.source_text(), file.text());
        let at = if source {
            let text = file.source_text();
            let pos = file.source_position(issue.span.start);
            let offset = |o: usize| {
                if aligned_source {
                    o
                } else {
                    file.byte_offset(o)
                }
            };
            RelatedRecord {
                line: pos.line,
                column: pos.column,
                start: offset(issue.span.start),
                end: offset(issue.span.end),
                text: text.get(issue.span.clone()).unwrap_or("").to_string(),
            }
        } else {
            target_place(file, &issue.span)
        };
        let related = issue
            .related
            .iter()
            .map(|r| target_place(file, r))
            .collect();
        let mut record = IssueRecord::from_places(issue, at, related);
        record.unit = issue
            .unit
            .and_then(|u| file.units().get(u.index))
            .map(|u| u.id.clone());
        record.side = source.then_some(IssueSide::Source);
        record
    }
}

/// A span of the file's text: its byte offsets in the file, line, column and text.
fn target_place(file: &BilingualFile, r: &Range<usize>) -> RelatedRecord {
    let pos = file.position(r.start);
    RelatedRecord {
        line: pos.line,
        column: pos.column,
        start: file.byte_offset(r.start),
        end: file.byte_offset(r.end),
        text: file.text().get(r.clone()).unwrap_or("").to_string(),
    }
}
