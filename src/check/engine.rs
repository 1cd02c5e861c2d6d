//! Runs a set of checks over a document: paragraph-scope checks in parallel over
//! paragraphs, then document-scope checks; the issues come back in document order.
//!
//! A paragraph longer than [`PIECE`] (a scraped page or an export on one line) is checked
//! in pieces cut at sentence ends, so that its words are held a piece at a time and the
//! pieces are checked in parallel like paragraphs.

use std::cell::OnceCell;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;

use super::bilingual::{BilingualUnits, UnitView};
use super::options::Policy;
use super::spelling::UserWords;
use super::terminology::{DocumentTerms, DocumentWords, TermIndex};
use super::text::{Word, words};
use super::{Check, CheckInfo, Issue, Scope};
use crate::document::{Document, Paragraph, sentence_spans};

/// Paragraphs longer than this many bytes are checked in pieces of about this size.
pub const PIECE: usize = 256 * 1024;
/// How far past a piece's size its end is looked for: the first sentence end, else the
/// first whitespace, in this many bytes.
const PIECE_SLACK: usize = 16 * 1024;

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
    /// The user's own words, known to the spelling checks.
    pub user_words: Option<&'a UserWords>,
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
            user_words: None,
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
        Self::piece(ctx, index, paragraph.span.clone())
    }

    /// A piece (`span`, in the file) of paragraph `index`, checked as if it were the
    /// paragraph; the whole paragraph when `span` is its span.
    pub fn piece(ctx: &'a CheckContext<'a>, index: usize, span: Range<usize>) -> Self {
        let paragraph = &ctx.doc.paragraphs()[index];
        ParagraphView {
            ctx,
            index,
            paragraph,
            text: ctx.doc.slice(span.clone()),
            offset: span.start,
            words: OnceCell::new(),
        }
    }

    /// The paragraph's words (computed once, shared by all checks).
    pub fn words(&self) -> &[Word] {
        let whole = self.offset == self.paragraph.span.start
            && self.text.len() == self.paragraph.span.len();
        if whole && let Some((split, _)) = self.ctx.words.and_then(|w| w.paragraph(self.index)) {
            return split;
        }
        self.words.get_or_init(|| words(self.text))
    }

    /// The unit of a bilingual file whose target this paragraph is (`None` for a
    /// monolingual text, and for a piece of a target longer than [`PIECE`]: the
    /// source-aware checks compare whole targets with their sources).
    pub fn unit(&self) -> Option<UnitView<'a>> {
        let unit = self.ctx.units?.at(self.offset)?;
        (unit.target.start == self.offset && unit.target.len() == self.text.len()).then_some(unit)
    }

    /// Whether `text` ends where the paragraph does: false for all but the last piece of a
    /// long paragraph, whose end is a cut, not the end of the writer's paragraph.
    pub fn ends_paragraph(&self) -> bool {
        self.offset + self.text.len() == self.paragraph.span.end
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
    /// Severities and allowed phrases of a configured engine ([`Engine::configured`]).
    pub(super) policy: Option<Arc<Policy>>,
}

impl Engine {
    pub fn new(checks: Vec<Box<dyn Check>>) -> Self {
        let (paragraph_checks, document_checks) = checks
            .into_iter()
            .partition(|c| c.scope() == Scope::Paragraph);
        Engine {
            paragraph_checks,
            document_checks,
            policy: None,
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

    /// [`Engine::standard`] plus the optional checks `selection` names.
    pub fn standard_with(
        with_terminology: bool,
        selection: &super::registry::Selection,
    ) -> Result<Self, String> {
        let mut checks = super::registry::rule_checks();
        if with_terminology {
            checks.extend(super::registry::terminology_checks());
        }
        checks.extend(selection.checks()?);
        Ok(Engine::new(checks))
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
        // Paragraphs (or pieces of long ones), handed out in chunks of up to 64 or of
        // about a piece's size.
        let mut units: Vec<(usize, Range<usize>)> = Vec::new();
        let mut chunks: Vec<Range<usize>> = Vec::new();
        let mut chunk_bytes = 0;
        for (i, p) in ctx.prose_paragraphs() {
            for piece in pieces(ctx.doc.text(), p.span.clone()) {
                let last = chunks
                    .last_mut()
                    .filter(|c| c.len() < 64 && chunk_bytes < PIECE);
                match last {
                    Some(chunk) => chunk.end += 1,
                    None => {
                        chunks.push(units.len()..units.len() + 1);
                        chunk_bytes = 0;
                    }
                }
                chunk_bytes += piece.len();
                units.push((i, piece));
            }
        }
        let mut issues: Vec<Issue> = chunks
            .par_iter()
            .flat_map_iter(|chunk| {
                let mut out = Vec::new();
                for (i, piece) in &units[chunk.clone()] {
                    self.run_piece_into(ctx, *i, piece.clone(), &mut out);
                }
                out
            })
            .collect();
        issues.extend(self.run_document_scope(ctx));
        self.drop_superseded(&mut issues);
        sort_issues(&mut issues);
        self.configure_issues(ctx.doc, &mut issues);
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
        // Per rule, its issues' spans by start with the farthest end so far: an issue lies
        // inside one of them iff the farthest end among those starting at or before it
        // reaches its end (a search, not a scan of every covering span per issue).
        let mut covering: Vec<(&[&str], Vec<Range<usize>>)> =
            rules.iter().map(|(_, ids)| (*ids, Vec::new())).collect();
        let mut any = false;
        for i in issues.iter() {
            if let Some(k) = rules.iter().position(|(id, _)| *id == i.check) {
                covering[k].1.push(i.span.clone());
                any = true;
            }
        }
        if !any {
            return;
        }
        for (_, spans) in &mut covering {
            spans.sort_by_key(|r| r.start);
            let mut farthest = 0;
            for r in spans.iter_mut() {
                farthest = farthest.max(r.end);
                r.end = farthest;
            }
        }
        issues.retain(|i| {
            !covering.iter().any(|(ids, spans)| {
                ids.contains(&i.check) && {
                    let k = spans.partition_point(|r| r.start <= i.span.start);
                    k > 0 && spans[k - 1].end >= i.span.end
                }
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
        self.configure_issues(ctx.doc, &mut out);
        out
    }

    /// Runs the paragraph-scope checks on one paragraph, and the document-scope checks
    /// `also` picks as if the paragraph were the whole document (what an editor runs on a
    /// segment as it is typed: spelling).
    pub fn run_paragraph_with(
        &self,
        ctx: &CheckContext<'_>,
        index: usize,
        also: impl Fn(&CheckInfo) -> bool,
    ) -> Vec<Issue> {
        let mut out = Vec::new();
        if ctx.doc.paragraphs()[index].kind.is_prose() {
            self.run_paragraph_into(ctx, index, &mut out);
            for check in self.document_checks.iter().filter(|c| also(c.info())) {
                check.check_document(ctx, &mut out);
            }
        }
        sort_issues(&mut out);
        self.configure_issues(ctx.doc, &mut out);
        out
    }

    fn run_paragraph_into(&self, ctx: &CheckContext<'_>, index: usize, out: &mut Vec<Issue>) {
        let span = ctx.doc.paragraphs()[index].span.clone();
        let pieces = pieces(ctx.doc.text(), span);
        if pieces.len() == 1 {
            self.run_piece_into(ctx, index, pieces[0].clone(), out);
            return;
        }
        let found: Vec<Vec<Issue>> = pieces
            .into_par_iter()
            .map(|piece| {
                let mut found = Vec::new();
                self.run_piece_into(ctx, index, piece, &mut found);
                found
            })
            .collect();
        out.extend(found.into_iter().flatten());
    }

    fn run_piece_into(
        &self,
        ctx: &CheckContext<'_>,
        index: usize,
        piece: Range<usize>,
        out: &mut Vec<Issue>,
    ) {
        let view = ParagraphView::piece(ctx, index, piece);
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
        self.configure_issues(ctx.doc, &mut out);
        out
    }
}

/// The pieces a paragraph (`span` of `text`) is checked in: the paragraph itself when it is
/// at most [`PIECE`] long, else spans of about that size, each ending at the first sentence
/// end past it outside brackets and quotations (the first sentence end if there is no such
/// one within [`PIECE_SLACK`]; the first whitespace if no sentence ends there; any character
/// boundary if neither is found), without the whitespace between them.
pub fn pieces(text: &str, span: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = span.start;
    while span.end - start > PIECE + PIECE_SLACK {
        let from = floor_boundary(text, start + PIECE);
        let window = &text[from..floor_boundary(text, from + PIECE_SLACK)];
        // Sentence starts in the window after the first (which may have begun before it).
        let starts: Vec<usize> = sentence_spans(window)
            .iter()
            .skip(1)
            .map(|s| from + s.start)
            .collect();
        let mut marks = OpenMarks::default();
        marks.read(&text[start..from]);
        let mut at = from;
        let outside = starts.iter().copied().find(|&cut| {
            marks.read(&text[at..cut]);
            at = cut;
            marks.closed()
        });
        let cut = match outside.or(starts.first().copied()) {
            Some(cut) => cut,
            None => match window.find(char::is_whitespace) {
                Some(at) => from + at,
                None => from,
            },
        };
        out.push(start..start + text[start..cut].trim_end().len());
        let rest = &text[cut..span.end];
        start = cut + (rest.len() - rest.trim_start().len());
    }
    out.push(start..span.end);
    out
}

/// Brackets and quotation marks left open by the text read so far.
#[derive(Debug, Default)]
struct OpenMarks {
    brackets: usize,
    straight_quotes: usize,
}

impl OpenMarks {
    fn read(&mut self, s: &str) {
        for c in s.chars() {
            match c {
                '(' | '[' | '{' | '\u{201c}' | '«' => self.brackets += 1,
                ')' | ']' | '}' | '\u{201d}' | '»' => {
                    self.brackets = self.brackets.saturating_sub(1);
                }
                '"' => self.straight_quotes += 1,
                _ => {}
            }
        }
    }

    fn closed(&self) -> bool {
        self.brackets == 0 && self.straight_quotes.is_multiple_of(2)
    }
}

/// The largest character boundary of `text` at or before `at`.
fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::registry;

    /// Sentences with issues of most paragraph-scope checks, joined into one line.
    fn long_line(bytes: usize) -> String {
        let sentences = [
            "We saw the the end of it.",
            "A clear and clear network ecosystem was built (for years.",
            "He said \u{201c}yes, and left.",
            "Mail a.b@c.org or see https://example.com/x, then stop!!",
            "Creating a positive energy culture online,",
            "网络强国 was the aim.",
            "It rose by 3.5 percent;",
        ];
        let mut out = String::new();
        let mut k = 0;
        while out.len() < bytes {
            out.push_str(sentences[k % sentences.len()]);
            out.push(' ');
            k += 1;
        }
        out.push_str("The end.");
        out
    }

    #[test]
    fn pieces_end_at_sentence_ends_then_whitespace_then_anywhere() {
        let text = long_line(3 * PIECE);
        let cuts = pieces(&text, 0..text.len());
        assert_eq!(cuts.len(), 3, "{cuts:?}");
        for (p, next) in cuts.iter().zip(&cuts[1..]) {
            assert!(p.len() >= PIECE && p.len() <= PIECE + PIECE_SLACK);
            assert_eq!(
                &text[p.end..next.start],
                " ",
                "only the space between them left out"
            );
            assert!(text[..p.end].ends_with(['.', '!', ';', ',']));
        }
        assert_eq!(cuts.last().unwrap().end, text.len());
        // No sentence ends: cut at whitespace; no whitespace either: at a character boundary.
        let words = "word ".repeat(PIECE / 2);
        let cut = pieces(&words, 0..words.trim_end().len());
        assert!(cut.len() >= 2 && cut.iter().all(|p| !words[p.clone()].ends_with(' ')));
        let blob = "中".repeat(PIECE);
        let cut = pieces(&blob, 0..blob.len());
        assert_eq!(cut.iter().map(|p| p.len()).sum::<usize>(), blob.len());
        assert!(cut.iter().all(|p| blob.is_char_boundary(p.start)));
        // A paragraph within the size is one piece.
        assert_eq!(pieces(&text, 5..PIECE), vec![5..PIECE]);
    }

    #[test]
    fn a_cut_is_not_a_paragraph_end() {
        // No sentence ends near the cuts: they fall between words, which as the end of a
        // paragraph would be cut off mid-sentence.
        let engine = Engine::new(registry::rule_checks());
        let mut line = "the data flows and the network grows and ".repeat(PIECE / 20);
        line.push_str("then it ends.");
        let doc = Document::from_str_named("one.txt", &line);
        assert!(pieces(&line, 0..line.len()).len() >= 2);
        let issues = engine.run(&CheckContext::new(&doc));
        assert!(
            issues.iter().all(|i| i.check != "fragment.cut-off"),
            "{:?}",
            issues.iter().map(|i| i.check).collect::<Vec<_>>()
        );
        let again = engine.run_paragraph(&CheckContext::new(&doc), 0);
        assert!(again.iter().all(|i| i.check != "fragment.cut-off"));
        // Without its full stop the line is cut off, once, at its end.
        let cut = &line[..line.len() - 1];
        let doc = Document::from_str_named("one.txt", cut);
        let found: Vec<_> = engine
            .run(&CheckContext::new(&doc))
            .into_iter()
            .filter(|i| i.check == "fragment.cut-off")
            .collect();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].span.end, cut.len());
    }

    #[test]
    fn a_long_line_gives_the_issues_of_its_pieces_as_paragraphs() {
        // The same text with a line break where each piece ends: the pieces of the one line
        // are checked exactly as those paragraphs are (same issues, same spans), but for
        // the end of a paragraph, which a cut is not.
        let engine = Engine::new(
            registry::rule_checks()
                .into_iter()
                .filter(|c| c.scope() == Scope::Paragraph)
                .collect(),
        );
        let one_line = long_line(2 * PIECE + PIECE / 2);
        let cuts = pieces(&one_line, 0..one_line.len());
        assert!(cuts.len() >= 3);
        let mut broken = one_line.clone().into_bytes();
        for p in &cuts[..cuts.len() - 1] {
            broken[p.end] = b'\n';
        }
        let broken = String::from_utf8(broken).unwrap();
        let doc = Document::from_str_named("one.txt", &one_line);
        let split = Document::from_str_named("split.txt", &broken);
        assert_eq!(doc.paragraphs().len(), 1);
        assert_eq!(split.paragraphs().len(), cuts.len());
        let issues = engine.run(&CheckContext::new(&doc));
        assert!(issues.len() > 1000, "{} issues", issues.len());
        let mut as_paragraphs = engine.run(&CheckContext::new(&split));
        let at_a_cut = |i: &Issue| {
            i.check == "fragment.cut-off"
                && cuts[..cuts.len() - 1].iter().any(|p| p.end == i.span.end)
        };
        as_paragraphs.retain(|i| !at_a_cut(i));
        assert_eq!(issues, as_paragraphs);
        // What an editor re-checks for the one paragraph is the same.
        let mut again = engine.run_paragraph(&CheckContext::new(&doc), 0);
        sort_issues(&mut again);
        assert_eq!(again, issues);
    }
}
