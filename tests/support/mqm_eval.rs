//! The evaluation on real annotated machine translation (`fixtures/eval/`, WMT 2020 zh→en
//! MQM): loads the segments, runs the rule checks on each distinct target alone (a
//! one-paragraph document, no glossary) and computes the figures that
//! `fixtures/eval/README.md` defines. Shared by `examples/eval_mqm.rs`, which prints them, and
//! `tests/eval_mqm.rs`, which holds them as floors.

// Each of the two includes uses its own part of what is computed here.
#![allow(dead_code)]

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::path::{Path, PathBuf};

use mtpe::check::{Category, CheckContext, Engine, Issue, Scope, Severity, registry};
use mtpe::document::Document;
use rayon::prelude::*;
use serde::Deserialize;

/// Where the evaluation data lives in the repository.
pub fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/eval")
}

/// One MT segment with its annotations (the fields the figures use).
#[derive(Debug, Deserialize)]
pub struct Record {
    pub id: String,
    pub doc_seg: usize,
    #[serde(default)]
    pub source: String,
    pub target: String,
    pub clean: bool,
    #[serde(default)]
    pub errors: Vec<Annotation>,
    #[serde(default)]
    pub heuristics: Vec<String>,
    /// Every other annotation: `[rater, category, severity, start, end]`.
    #[serde(default)]
    pub other_errors: Vec<serde_json::Value>,
}

impl Record {
    /// The MQM categories any rater gave this segment.
    pub fn categories(&self) -> Vec<&str> {
        let mut cats: Vec<&str> = self
            .errors
            .iter()
            .map(|a| a.cat.as_str())
            .chain(
                self.other_errors
                    .iter()
                    .filter_map(|e| e.get(1).and_then(|c| c.as_str())),
            )
            .collect();
        cats.sort_unstable();
        cats.dedup();
        cats
    }

    /// Whether a rater gave the segment a category starting with one of `prefixes`.
    pub fn has_category(&self, prefixes: &[&str]) -> bool {
        self.categories()
            .iter()
            .any(|c| prefixes.iter().any(|p| c.starts_with(p)))
    }
}

/// One rater's annotation. Offsets are code points into `target` (or `source`).
#[derive(Debug, Deserialize)]
pub struct Annotation {
    pub rater: String,
    pub cat: String,
    pub sev: String,
    pub side: Option<String>,
    pub start: Option<usize>,
    pub end: Option<usize>,
    #[serde(default)]
    pub rep: Vec<String>,
}

impl Annotation {
    /// The annotated byte span of `target`, when the annotation marks one there.
    pub fn target_bytes(&self, target: &str) -> Option<Range<usize>> {
        if self.side.as_deref() != Some("tgt") {
            return None;
        }
        let (start, end) = (self.start?, self.end?);
        Some(byte_offset(target, start)..byte_offset(target, end))
    }

    pub fn has_rep(&self, kind: &str) -> bool {
        self.rep.iter().any(|r| r == kind)
    }
}

/// The byte offset of code point `cp` in `text` (its length past the end).
pub fn byte_offset(text: &str, cp: usize) -> usize {
    text.char_indices().nth(cp).map_or(text.len(), |(i, _)| i)
}

/// A share: `hits` of `total`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Ratio {
    pub hits: usize,
    pub total: usize,
}

impl Ratio {
    pub fn percent(self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            100.0 * self.hits as f64 / self.total as f64
        }
    }
}

impl std::fmt::Display for Ratio {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{} = {:.1}%", self.hits, self.total, self.percent())
    }
}

/// The figures of `fixtures/eval/README.md`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Figures {
    /// `adjacent_duplicate` target annotations overlapped by a repetition issue.
    pub repetition_recall: Ratio,
    /// Distinct clean targets with an error or a warning.
    pub clean_false_alarms: Ratio,
    /// Segments with CJK or mojibake in the target that have a garbled issue.
    pub garbled_recall: Ratio,
    /// `internal_repeat` target annotations overlapped by any issue (for reading).
    pub internal_repeat: Ratio,
}

/// How one check did on the distinct targets.
#[derive(Debug, Clone, Default)]
pub struct CheckRow {
    /// Issues by severity: error, warning, info.
    pub issues: [usize; 3],
    /// Distinct clean targets it fires on (any severity).
    pub clean_targets: usize,
    /// Distinct clean targets it raises an error or warning on.
    pub clean_false_alarms: usize,
    /// Its issues that overlap a span some rater marked in that target.
    pub marked: usize,
    /// `adjacent_duplicate` annotations its issues overlap.
    pub adjacent_duplicate: usize,
}

impl CheckRow {
    pub fn total(&self) -> usize {
        self.issues.iter().sum()
    }
}

/// An annotation no issue covered.
#[derive(Debug, Clone)]
pub struct Miss {
    pub record: String,
    /// The rater, category and severity of the annotation.
    pub label: String,
    pub target: String,
    pub span: Range<usize>,
}

/// An error or warning on a clean target.
#[derive(Debug, Clone)]
pub struct FalseAlarm {
    pub target: String,
    pub issue: Issue,
}

/// An issue a document-scope check raised on a complete article.
#[derive(Debug, Clone)]
pub struct ArticleIssue {
    pub article: String,
    /// 1-based `doc_seg` (= line) of the issue.
    pub doc_seg: usize,
    pub issue: Issue,
    pub text: String,
    /// Whether a rater marked a span it overlaps in that segment.
    pub marked: bool,
}

/// The complete articles read as whole documents.
#[derive(Debug, Clone, Default)]
pub struct ArticleReport {
    pub articles: usize,
    pub segments: usize,
    /// Document-scope checks' issues.
    pub document_issues: Vec<ArticleIssue>,
    /// All issues per check id on the whole articles, for comparison with the segments alone.
    pub per_check: BTreeMap<&'static str, usize>,
}

/// One distinct target and what the checks found in it.
pub struct Checked {
    pub target: String,
    pub issues: Vec<Issue>,
    /// Indices into [`Evaluation::records`] of the records with this target.
    pub records: Vec<usize>,
}

/// Everything the evaluation computed.
pub struct Evaluation {
    pub records: Vec<Record>,
    pub checked: Vec<Checked>,
    pub figures: Figures,
    pub per_check: BTreeMap<&'static str, CheckRow>,
    pub repetition_misses: Vec<Miss>,
    pub false_alarms: Vec<FalseAlarm>,
    pub articles: ArticleReport,
}

/// Reads the JSONL records.
pub fn load_records(path: &Path) -> Result<Vec<Record>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, l)| {
            serde_json::from_str(l).map_err(|e| format!("{}:{}: {e}", path.display(), n + 1))
        })
        .collect()
}

/// Reads the ids (`testset|system|doc`) of the complete articles from the articles table.
pub fn load_complete_articles(path: &Path) -> Result<Vec<String>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap_or("").split('\t').collect();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| *h == name)
            .ok_or_else(|| format!("{}: no column {name}", path.display()))
    };
    let (id, complete) = (col("article_id")?, col("complete")?);
    Ok(lines
        .map(|l| l.split('\t').collect::<Vec<_>>())
        .filter(|f| f.get(complete) == Some(&"yes"))
        .filter_map(|f| f.get(id).map(|s| s.to_string()))
        .collect())
}

/// Runs the rule checks on one text as a plain-text document (spans relative to `text`).
pub fn check_text(engine: &Engine, text: &str) -> Vec<Issue> {
    let doc = Document::from_str_named("segment.txt", text);
    engine.run(&CheckContext::new(&doc))
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

const GARBLED_HEURISTICS: [&str; 3] = [
    "cjk_ideograph_in_target",
    "cjk_fullwidth_punct_in_target",
    "mojibake_in_target",
];

/// Loads `fixtures/eval/` and evaluates the rule checks on it.
pub fn evaluate_fixtures() -> Result<Evaluation, String> {
    let dir = data_dir();
    let records = load_records(&dir.join("mqm-zhen-wmt20.jsonl"))?;
    let complete = load_complete_articles(&dir.join("mqm-zhen-wmt20.articles.tsv"))?;
    Ok(evaluate(records, &complete))
}

/// Evaluates the rule checks on `records`; `complete` names the articles to read whole.
pub fn evaluate(records: Vec<Record>, complete: &[String]) -> Evaluation {
    let engine = Engine::new(registry::rule_checks());
    // Each distinct target once, in order of first appearance.
    let mut index: HashMap<&str, usize> = HashMap::new();
    let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
    for (i, r) in records.iter().enumerate() {
        let slot = *index.entry(r.target.as_str()).or_insert_with(|| {
            groups.push((r.target.clone(), Vec::new()));
            groups.len() - 1
        });
        groups[slot].1.push(i);
    }
    let checked: Vec<Checked> = groups
        .into_par_iter()
        .map(|(target, records)| Checked {
            issues: check_text(&engine, &target),
            target,
            records,
        })
        .collect();

    let mut figures = Figures::default();
    let mut per_check: BTreeMap<&'static str, CheckRow> = BTreeMap::new();
    for check in engine.checks() {
        per_check.insert(check.info().id, CheckRow::default());
    }
    let mut repetition_misses = Vec::new();
    let mut false_alarms = Vec::new();
    for c in &checked {
        let recs: Vec<&Record> = c.records.iter().map(|&i| &records[i]).collect();
        let marked: Vec<Range<usize>> = recs
            .iter()
            .flat_map(|r| r.errors.iter())
            .filter_map(|a| a.target_bytes(&c.target))
            .collect();
        let clean = recs.iter().any(|r| r.clean);
        for issue in &c.issues {
            let row = per_check.entry(issue.check).or_default();
            row.issues[severity_index(issue.severity)] += 1;
            if marked.iter().any(|m| overlaps(m, &issue.span)) {
                row.marked += 1;
            }
        }
        if clean {
            figures.clean_false_alarms.total += 1;
            let mut fired: Vec<(&'static str, bool)> = Vec::new();
            for issue in &c.issues {
                let serious = issue.severity != Severity::Info;
                match fired.iter_mut().find(|(id, _)| *id == issue.check) {
                    Some((_, s)) => *s |= serious,
                    None => fired.push((issue.check, serious)),
                }
                if serious {
                    false_alarms.push(FalseAlarm {
                        target: c.target.clone(),
                        issue: issue.clone(),
                    });
                }
            }
            for (id, serious) in fired {
                let row = per_check.entry(id).or_default();
                row.clean_targets += 1;
                row.clean_false_alarms += usize::from(serious);
            }
            if c.issues.iter().any(|i| i.severity != Severity::Info) {
                figures.clean_false_alarms.hits += 1;
            }
        }
        for r in &recs {
            if r.heuristics
                .iter()
                .any(|h| GARBLED_HEURISTICS.contains(&h.as_str()))
            {
                figures.garbled_recall.total += 1;
                if c.issues.iter().any(|i| i.category == Category::Garbled) {
                    figures.garbled_recall.hits += 1;
                }
            }
            for a in &r.errors {
                let Some(span) = a.target_bytes(&c.target) else {
                    continue;
                };
                if a.has_rep("adjacent_duplicate") {
                    figures.repetition_recall.total += 1;
                    let covering: Vec<&Issue> = c
                        .issues
                        .iter()
                        .filter(|i| i.category == Category::Repetition && overlaps(&i.span, &span))
                        .collect();
                    if covering.is_empty() {
                        repetition_misses.push(Miss {
                            record: r.id.clone(),
                            label: format!("{} {} {}", a.rater, a.cat, a.sev),
                            target: c.target.clone(),
                            span: span.clone(),
                        });
                    } else {
                        figures.repetition_recall.hits += 1;
                    }
                    let mut ids: Vec<&'static str> = covering.iter().map(|i| i.check).collect();
                    ids.dedup();
                    for id in ids {
                        per_check.entry(id).or_default().adjacent_duplicate += 1;
                    }
                }
                if a.has_rep("internal_repeat") {
                    figures.internal_repeat.total += 1;
                    if c.issues.iter().any(|i| overlaps(&i.span, &span)) {
                        figures.internal_repeat.hits += 1;
                    }
                }
            }
        }
    }
    let articles = check_articles(&engine, &records, complete);
    Evaluation {
        records,
        checked,
        figures,
        per_check,
        repetition_misses,
        false_alarms,
        articles,
    }
}

fn severity_index(s: Severity) -> usize {
    match s {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
    }
}

/// Reads each complete article as one document (a segment a line, in `doc_seg` order) and
/// runs all the rule checks on it, the document-scope ones included.
fn check_articles(engine: &Engine, records: &[Record], complete: &[String]) -> ArticleReport {
    let document_checks: Vec<&'static str> = engine
        .checks()
        .filter(|c| c.scope() == Scope::Document)
        .map(|c| c.info().id)
        .collect();
    let mut by_article: BTreeMap<String, Vec<&Record>> = BTreeMap::new();
    for r in records {
        let id = r.id.rsplit_once('|').map_or(r.id.as_str(), |(a, _)| a);
        if complete.iter().any(|c| c == id) {
            by_article.entry(id.to_string()).or_default().push(r);
        }
    }
    let mut report = ArticleReport {
        articles: by_article.len(),
        ..ArticleReport::default()
    };
    for (article, mut segs) in by_article {
        segs.sort_by_key(|r| r.doc_seg);
        report.segments += segs.len();
        let mut text = String::new();
        let mut starts = Vec::with_capacity(segs.len());
        for r in &segs {
            starts.push(text.len());
            text.push_str(&r.target);
            text.push('\n');
        }
        for issue in check_text(engine, &text) {
            *report.per_check.entry(issue.check).or_default() += 1;
            if !document_checks.contains(&issue.check) {
                continue;
            }
            let line = starts.partition_point(|&s| s <= issue.span.start) - 1;
            let seg = segs[line];
            let local = issue.span.start - starts[line]..issue.span.end - starts[line];
            let marked = seg
                .errors
                .iter()
                .filter_map(|a| a.target_bytes(&seg.target))
                .any(|m| overlaps(&m, &local));
            report.document_issues.push(ArticleIssue {
                article: article.clone(),
                doc_seg: seg.doc_seg,
                text: text[issue.span.clone()].to_string(),
                issue,
                marked,
            });
        }
    }
    report
}

/// `text` around `span` (at most `width` bytes either side) with the span in brackets,
/// on one line.
pub fn context(text: &str, span: &Range<usize>, width: usize) -> String {
    let mut from = span.start.saturating_sub(width);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let mut to = (span.end + width).min(text.len());
    while !text.is_char_boundary(to) {
        to += 1;
    }
    format!(
        "{}{}[{}]{}{}",
        if from > 0 { "…" } else { "" },
        &text[from..span.start],
        &text[span.clone()],
        &text[span.end..to],
        if to < text.len() { "…" } else { "" }
    )
    .replace('\n', "⏎")
}

// ---------------------------------------------------------------------------------------
// The source-aware checks on (source, target) pairs.

/// The MQM categories that count as a source-aware check's kind of error (a flagged
/// segment is a hit when a rater gave it one), and the class its recall is measured on.
pub fn matching_categories(check: &str) -> &'static [&'static str] {
    match check {
        "accuracy.untranslated" => &["Non-translation!", "Accuracy/Untranslated text"],
        "accuracy.length" => &["Accuracy/Omission", "Accuracy/Addition", "Non-translation!"],
        "accuracy.number" | "accuracy.entities" => &["Accuracy/", "Locale convention/"],
        "punctuation.end" => &["Fluency/Punctuation", "Accuracy/Mistranslation"],
        "terminology.missing" => &["Terminology/", "Accuracy/Mistranslation"],
        "markup.tags" => &["Markup/"],
        _ => &[],
    }
}

/// How one source-aware check did on the distinct (source, target) pairs.
#[derive(Debug, Clone, Default)]
pub struct SourceRow {
    /// Issues (all severities) and segments flagged.
    pub issues: usize,
    pub segments: usize,
    /// Flagged segments a rater gave a matching category ([`matching_categories`]).
    pub matching: usize,
    /// Issues and errors or warnings on clean segments.
    pub clean_issues: usize,
    pub clean_serious: usize,
    /// Recall on the check's class of error, where the data has one.
    pub recall: Option<Ratio>,
}

impl SourceRow {
    /// Precision: flagged segments with a matching annotation.
    pub fn precision(&self) -> Ratio {
        Ratio {
            hits: self.matching,
            total: self.segments,
        }
    }
}

/// One issue of a source-aware check, for reading.
#[derive(Debug, Clone)]
pub struct PairIssue {
    pub record: usize,
    pub issue: Issue,
    /// The flagged text (in the source for a source-side issue).
    pub text: String,
    pub clean: bool,
    pub matching: bool,
}

/// The source-aware checks on every distinct (source, target) pair.
pub struct SourceEvaluation {
    pub pairs: usize,
    pub clean_pairs: usize,
    /// Words of the clean targets (the denominator of flags per 1,000 words).
    pub clean_words: usize,
    pub rows: BTreeMap<&'static str, SourceRow>,
    pub issues: Vec<PairIssue>,
    /// Repetition issues the source explained away (a reduplication of the source), of
    /// those the rule checks raise on the targets alone: (suppressed, before).
    pub repetition_suppressed: (usize, usize),
}

impl SourceEvaluation {
    /// Issues of `check` per 1,000 words of clean targets.
    pub fn clean_per_1000_words(&self, check: &str) -> f64 {
        let n = self.rows.get(check).map_or(0, |r| r.clean_issues);
        1000.0 * n as f64 / self.clean_words.max(1) as f64
    }
}

/// Whether a rater marked an accuracy error on a span of the target with a digit in it (the
/// compact annotations have no side; their offsets are read in the target).
pub fn number_error(r: &Record) -> bool {
    let digit_in = |text: &str, s: usize, e: usize| {
        let (s, e) = (byte_offset(text, s), byte_offset(text, e));
        s < e && text[s..e].chars().any(|c| c.is_ascii_digit())
    };
    let marked = r.errors.iter().any(|a| {
        a.cat.starts_with("Accuracy/")
            && a.side.as_deref() == Some("tgt")
            && digit_in(&r.target, a.start.unwrap_or(0), a.end.unwrap_or(0))
    });
    marked
        || r.other_errors.iter().any(|e| {
            let cat = e.get(1).and_then(|c| c.as_str()).unwrap_or("");
            let at = |k: usize| e.get(k).and_then(serde_json::Value::as_u64).unwrap_or(0) as usize;
            cat.starts_with("Accuracy/") && digit_in(&r.target, at(3), at(4))
        })
}

/// Segments a rater gave a category of `check`'s kind, of all pairs: the precision a
/// check flagging at random would have.
pub fn category_base_rate(records: &[Record], check: &str) -> Ratio {
    let cats = matching_categories(check);
    Ratio {
        hits: records.iter().filter(|r| r.has_category(cats)).count(),
        total: records.len(),
    }
}

/// Runs the source-aware checks (and the rule checks beside them, as `mtpe check` does on a
/// bilingual file, with the shipped glossary) on each distinct (source, target) pair of
/// `records`, as a one-unit file of the source aligned with its MT.
pub fn evaluate_source_aware(records: &[Record]) -> SourceEvaluation {
    use mtpe::check::check_bilingual;
    use mtpe::document::units::BilingualFile;
    use mtpe::glossary::{Fill, Glossary};

    let glossary = Glossary::in_memory(Fill::Shipped).expect("the shipped glossary");
    let index = glossary.term_index("en", None).expect("glossary index");
    let source_ids: Vec<&'static str> = registry::source_checks()
        .iter()
        .map(|c| c.info().id)
        .collect();
    // Each distinct pair once: the first record with it.
    let mut seen: HashMap<(&str, &str), ()> = HashMap::new();
    let firsts: Vec<usize> = records
        .iter()
        .enumerate()
        .filter(|(_, r)| {
            !r.source.trim().is_empty()
                && seen
                    .insert((r.source.as_str(), r.target.as_str()), ())
                    .is_none()
        })
        .map(|(i, _)| i)
        .collect();
    let clean_of = |r: &Record| {
        records
            .iter()
            .any(|o| o.clean && o.source == r.source && o.target == r.target)
    };
    let rules = Engine::new(registry::rule_checks());
    let results: Vec<(usize, Vec<Issue>, usize, usize)> = firsts
        .par_iter()
        .map(|&i| {
            let r = &records[i];
            let one_line = |s: &str| s.replace(['\n', '\r'], " ");
            let file = BilingualFile::align(
                &Document::from_str_named("source.txt", &one_line(&r.source)),
                &Document::from_str_named("target.txt", &one_line(&r.target)),
            )
            .expect("one segment each");
            let issues = check_bilingual(&file, "en", Some(&index));
            let rep = |issues: &[Issue]| {
                issues
                    .iter()
                    .filter(|i| i.category == Category::Repetition)
                    .count()
            };
            let alone = rep(&check_text(&rules, &one_line(&r.target)));
            let with_source = rep(&issues);
            // Spans back in the unit's texts (the file's text is the target line, and the
            // source file's the source line: offsets are the same).
            (i, issues, alone, with_source)
        })
        .collect();

    let mut eval = SourceEvaluation {
        pairs: firsts.len(),
        clean_pairs: 0,
        clean_words: 0,
        rows: source_ids
            .iter()
            .map(|id| (*id, SourceRow::default()))
            .collect(),
        issues: Vec::new(),
        repetition_suppressed: (0, 0),
    };
    let mut recall: BTreeMap<&'static str, Ratio> = BTreeMap::new();
    for (i, issues, alone, with_source) in results {
        let r = &records[i];
        let clean = clean_of(r);
        eval.repetition_suppressed.0 += alone.saturating_sub(with_source);
        eval.repetition_suppressed.1 += alone;
        if clean {
            eval.clean_pairs += 1;
            eval.clean_words += r.target.split_whitespace().count();
        }
        let fired = |id: &str| issues.iter().any(|i| i.check == id);
        // Recall on the classes the data labels.
        let classes: [(&'static str, bool); 3] = [
            (
                "accuracy.untranslated",
                r.has_category(&["Non-translation!", "Accuracy/Untranslated text"]),
            ),
            ("accuracy.number", number_error(r)),
            ("accuracy.length", r.has_category(&["Accuracy/Omission"])),
        ];
        for (id, in_class) in classes {
            if in_class {
                let ratio = recall.entry(id).or_default();
                ratio.total += 1;
                ratio.hits += usize::from(fired(id));
            }
        }
        for id in &source_ids {
            let mine: Vec<&Issue> = issues.iter().filter(|i| i.check == *id).collect();
            if mine.is_empty() {
                continue;
            }
            let matching = r.has_category(matching_categories(id));
            let row = eval.rows.entry(id).or_default();
            row.issues += mine.len();
            row.segments += 1;
            row.matching += usize::from(matching);
            if clean {
                row.clean_issues += mine.len();
                row.clean_serious += mine.iter().filter(|i| i.severity != Severity::Info).count();
            }
            for issue in mine {
                let text = if issue.is_in_source() {
                    r.source.replace(['\n', '\r'], " ")
                } else {
                    r.target.replace(['\n', '\r'], " ")
                };
                eval.issues.push(PairIssue {
                    record: i,
                    text: text.get(issue.span.clone()).unwrap_or("").to_string(),
                    issue: issue.clone(),
                    clean,
                    matching,
                });
            }
        }
    }
    for (id, ratio) in recall {
        if let Some(row) = eval.rows.get_mut(id) {
            row.recall = Some(ratio);
        }
    }
    eval
}

/// The length ratios ([`mtpe::check::accuracy::length::ratio`]) of the pairs no rater
/// marked with an omission, addition or non-translation, by source length band: what the
/// check's range is derived from. (band, count, percentiles 0.5/1/5/50/95/99/99.5)
pub fn length_percentiles(records: &[Record]) -> Vec<(String, usize, [f64; 7])> {
    use mtpe::check::accuracy::length::ratio;
    let bands = [
        (10, 20),
        (20, 40),
        (40, 80),
        (80, usize::MAX),
        (10, usize::MAX),
    ];
    let mut out = Vec::new();
    for (lo, hi) in bands {
        let mut rs: Vec<f64> = records
            .iter()
            .filter(|r| {
                !r.has_category(&["Accuracy/Omission", "Accuracy/Addition", "Non-translation!"])
            })
            .filter(|r| {
                let n = r
                    .source
                    .chars()
                    .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
                    .count();
                n >= lo && n < hi
            })
            .filter_map(|r| ratio(&r.source, &r.target).map(|(v, _)| v))
            .collect();
        if rs.is_empty() {
            continue;
        }
        rs.sort_by(f64::total_cmp);
        let pct = |p: f64| rs[((rs.len() - 1) as f64 * p).round() as usize];
        let label = if hi == usize::MAX {
            format!("{lo}+")
        } else {
            format!("{lo}–{}", hi - 1)
        };
        out.push((
            label,
            rs.len(),
            [
                pct(0.005),
                pct(0.01),
                pct(0.05),
                pct(0.5),
                pct(0.95),
                pct(0.99),
                pct(0.995),
            ],
        ));
    }
    out
}
