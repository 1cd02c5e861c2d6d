//! Runs a set of checks over a document: paragraph-scope checks in parallel over
//! paragraphs, then document-scope checks; the issues come back in document order.

use std::cell::OnceCell;
use std::ops::Range;
use std::sync::OnceLock;

use rayon::prelude::*;

use super::bilingual::{BilingualUnits, UnitView};
use super::terminology::{DocumentTerms, DocumentWords, TermIndex};
use super::text::{Word, words};
use super::{Check, Issue, Scope};
use crate::document::{Document, Paragraph};

/// Everything a check may consult besides the text itself. Front ends build it from a
/// [`CheckRequest`](super::CheckRequest); [`CheckContext::new`] is the plain one (English,
/// no glossary) the checks' own tests use.
pub struct CheckContext<'a> {
    pub doc: &'a Document,
    /// BCP 47 tag of the document's language (the translation's target language).
    pub target_lang: String,
    /// The glossary entries that can occur in this document (terminology checks are
    /// silent without one).
    pub glossary: Option<&'a TermIndex>,
    /// The document's words, split before ([`with_words`](Self::with_words)).
    words: Option<&'a DocumentWords>,
    /// The units of a bilingual file whose targets the document holds (`None` for a
    /// monolingual text): what the source-aware checks compare the targets with.
    pub units: Option<&'a BilingualUnits<'a>>,
    /// Glossary terms found in the document, computed once for all terminology checks
    /// (`None`: those the glossary's index found when it was built for this document).
    term_matches: OnceLock<Option<DocumentTerms>>,
}

impl<'a> CheckContext<'a> {
    pub fn new(doc: &'a Document) -> Self {
        CheckContext {
            doc,
            target_lang: "en".to_string(),
            glossary: None,
            words: None,
            units: None,
            term_matches: OnceLock::new(),
        }
    }

    /// A context whose terminology checks use `glossary`.
    pub fn with_glossary(mut self, glossary: &'a TermIndex) -> Self {
        self.glossary = Some(glossary);
        self
    }

    /// A context whose paragraph views read their words from `words` (ignored unless
    /// split from this very document) rather than splitting their text again.
    pub fn with_words(mut self, words: &'a DocumentWords) -> Self {
        if words.is_for(self.doc) {
            self.words = Some(words);
        }
        self
    }

    /// The glossary terms in the document's prose (empty without a glossary).
    pub fn term_matches(&self) -> &DocumentTerms {
        let own = self.term_matches.get_or_init(|| {
            match self.glossary.and_then(|g| g.terms_found_for(self.doc)) {
                Some(_) => None,
                None => Some(DocumentTerms::find(self.doc, self.glossary)),
            }
        });
        match (own, self.glossary.and_then(TermIndex::terms_found)) {
            (Some(own), _) => own,
            (None, Some(found)) => found,
            (None, None) => unreachable!("the index's terms were there"),
        }
    }

    /// Whether the target language is written in a CJK script (checks for leftover
    /// source script then do not apply).
    pub fn target_is_cjk(&self) -> bool {
        let primary = self
            .target_lang
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        matches!(primary.as_str(), "zh" | "ja" | "ko" | "yue" | "wuu")
    }

    /// Prose paragraphs with their indices.
    pub fn prose_paragraphs(&self) -> impl Iterator<Item = (usize, &'a Paragraph)> {
        self.doc
            .paragraphs()
            .iter()
            .enumerate()
            .filter(|(_, p)| p.kind.is_prose())
    }
}

/// One paragraph as a paragraph-scope check sees it.
pub struct ParagraphView<'a> {
    pub ctx: &'a CheckContext<'a>,
    pub index: usize,
    pub paragraph: &'a Paragraph,
    /// The paragraph's content.
    pub text: &'a str,
    /// Byte offset of `text` in the file.
    pub offset: usize,
    words: OnceCell<Vec<Word>>,
}

impl<'a> ParagraphView<'a> {
    pub fn new(ctx: &'a CheckContext<'a>, index: usize) -> Self {
        let paragraph = &ctx.doc.paragraphs()[index];
        ParagraphView {
            ctx,
            index,
            paragraph,
            text: ctx.doc.slice(paragraph.span.clone()),
            offset: paragraph.span.start,
            words: OnceCell::new(),
        }
    }

    /// The paragraph's words (computed once, shared by all checks).
    pub fn words(&self) -> &[Word] {
        if let Some((split, _)) = self.ctx.words.and_then(|w| w.paragraph(self.index)) {
            return split;
        }
        self.words.get_or_init(|| words(self.text))
    }

    /// The unit of a bilingual file whose target this paragraph is (`None` for a
    /// monolingual text).
    pub fn unit(&self) -> Option<UnitView<'a>> {
        self.ctx.units?.at(self.offset)
    }

    /// Converts a span relative to `text` into a file span.
    pub fn abs(&self, r: Range<usize>) -> Range<usize> {
        self.offset + r.start..self.offset + r.end
    }

    /// The text of a relative span.
    pub fn slice(&self, r: Range<usize>) -> &'a str {
        &self.text[r]
    }
}

/// A set of checks.
pub struct Engine {
    paragraph_checks: Vec<Box<dyn Check>>,
    document_checks: Vec<Box<dyn Check>>,
}

impl Engine {
    pub fn new(checks: Vec<Box<dyn Check>>) -> Self {
        let (paragraph_checks, document_checks) = checks
            .into_iter()
            .partition(|c| c.scope() == Scope::Paragraph);
        Engine {
            paragraph_checks,
            document_checks,
        }
    }

    /// The checks a front end runs: every rule check, and the terminology checks when a
    /// glossary is in use (they are silent without one).
    pub fn standard(with_terminology: bool) -> Self {
        let mut checks = super::registry::rule_checks();
        if with_terminology {
            checks.extend(super::registry::terminology_checks());
        }
        Engine::new(checks)
    }

    /// The checks for a bilingual file: [`Engine::standard`] and the source-aware checks,
    /// which compare each target with its source.
    pub fn bilingual(with_terminology: bool) -> Self {
        let mut checks = super::registry::rule_checks();
        checks.extend(super::registry::source_checks());
        if with_terminology {
            checks.extend(super::registry::terminology_checks());
        }
        Engine::new(checks)
    }

    /// All checks, paragraph-scope first.
    pub fn checks(&self) -> impl Iterator<Item = &dyn Check> {
        self.paragraph_checks
            .iter()
            .chain(&self.document_checks)
            .map(|c| c.as_ref())
    }

    /// Runs every check; issues sorted by position, then check id.
    pub fn run(&self, ctx: &CheckContext<'_>) -> Vec<Issue> {
        let prose: Vec<usize> = ctx.prose_paragraphs().map(|(i, _)| i).collect();
        let mut issues: Vec<Issue> = prose
            .par_chunks(64)
            .flat_map_iter(|chunk| {
                let mut out = Vec::new();
                for &i in chunk {
                    self.run_paragraph_into(ctx, i, &mut out);
                }
                out
            })
            .collect();
        issues.extend(self.run_document_scope(ctx));
        self.drop_superseded(&mut issues);
        sort_issues(&mut issues);
        issues
    }

    /// Removes the issues that another issue supersedes (see [`Check::supersedes`]): for
    /// a front end that combines [`Engine::run_paragraph`] and
    /// [`Engine::run_document_scope`] results itself.
    pub fn drop_superseded(&self, issues: &mut Vec<Issue>) {
        let rules: Vec<(&str, &[&str])> = self
            .checks()
            .map(|c| (c.info().id, c.supersedes()))
            .filter(|(_, s)| !s.is_empty())
            .collect();
        if rules.is_empty() {
            return;
        }
        let covering: Vec<(Range<usize>, &[&str])> = issues
            .iter()
            .filter_map(|i| {
                rules
                    .iter()
                    .find(|(id, _)| *id == i.check)
                    .map(|(_, s)| (i.span.clone(), *s))
            })
            .collect();
        if covering.is_empty() {
            return;
        }
        issues.retain(|i| {
            !covering.iter().any(|(span, ids)| {
                ids.contains(&i.check) && i.span.start >= span.start && i.span.end <= span.end
            })
        });
    }

    /// Runs the paragraph-scope checks on one paragraph (what an editor re-runs after an edit).
    pub fn run_paragraph(&self, ctx: &CheckContext<'_>, index: usize) -> Vec<Issue> {
        let mut out = Vec::new();
        if ctx.doc.paragraphs()[index].kind.is_prose() {
            self.run_paragraph_into(ctx, index, &mut out);
        }
        sort_issues(&mut out);
        out
    }

    fn run_paragraph_into(&self, ctx: &CheckContext<'_>, index: usize, out: &mut Vec<Issue>) {
        let view = ParagraphView::new(ctx, index);
        for check in &self.paragraph_checks {
            check.check_paragraph(&view, out);
        }
    }

    /// Runs the document-scope checks only.
    pub fn run_document_scope(&self, ctx: &CheckContext<'_>) -> Vec<Issue> {
        let mut out = Vec::new();
        for check in &self.document_checks {
            check.check_document(ctx, &mut out);
        }
        out
    }
}

/// Document order; at one position the longer span first, then by check id.
pub fn sort_issues(issues: &mut Vec<Issue>) {
    issues.sort_by(|a, b| {
        a.span
            .start
            .cmp(&b.span.start)
            .then(b.span.end.cmp(&a.span.end))
            .then(a.check.cmp(b.check))
    });
    issues.dedup_by(|a, b| a.check == b.check && a.span == b.span);
}
