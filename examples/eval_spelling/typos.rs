//! The spelling and grammar checks measured on real machine translation
//! (`fixtures/eval/mqm-zhen-wmt20.jsonl`): flags on the targets every rater found clean,
//! overlap with the raters' Fluency/Spelling and Fluency/Grammar spans, and recall on
//! typos and grammar slips injected into the clean targets with the project's seeded
//! generator. Shared by `examples/eval_spelling.rs` (prints) and `tests/eval_spelling.rs`
//! (floors and ceilings).
#![allow(dead_code)]

// The test binary includes the generator for other modules too.
#[allow(clippy::duplicate_mod)]
#[path = "../../src/testing/rng.rs"]
mod rng;

use std::collections::BTreeSet;
use std::ops::Range;
use std::path::Path;

use mtpe::check::text::words;
use mtpe::check::{CheckContext, Engine, Issue, grammar, spelling};
use mtpe::document::Document;
use rng::Rng;

/// The seed of the injections (any change of it or of the script changes the figures).
pub const SEED: u64 = 16;

/// The spelling and grammar checks (what is measured here).
pub fn engine() -> Engine {
    Engine::new(vec![
        Box::new(spelling::unknown_word::UnknownWord),
        Box::new(spelling::dialect::DialectMix::default()),
        Box::new(grammar::article::Article),
        Box::new(grammar::agreement::Agreement),
    ])
}

pub fn check(engine: &Engine, text: &str) -> Vec<Issue> {
    let doc = Document::from_str_named("segment.txt", text);
    engine.run(&CheckContext::new(&doc))
}

/// One segment: its target and the byte spans raters marked, by category.
pub struct Segment {
    pub target: String,
    pub clean: bool,
    pub spelling: Vec<Range<usize>>,
    pub grammar: Vec<Range<usize>>,
}

pub fn load(root: &Path) -> Vec<Segment> {
    let path = root.join("fixtures/eval/mqm-zhen-wmt20.jsonl");
    let text = std::fs::read_to_string(&path).expect("fixtures/eval/mqm-zhen-wmt20.jsonl");
    let mut out = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).expect("a JSON record");
        let target = v["target"].as_str().unwrap_or("").to_string();
        let clean = v["clean"].as_bool().unwrap_or(false);
        let mut seg = Segment {
            target,
            clean,
            spelling: Vec::new(),
            grammar: Vec::new(),
        };
        for e in v["errors"].as_array().into_iter().flatten() {
            if e["side"].as_str() != Some("tgt") {
                continue;
            }
            let (Some(s), Some(t)) = (e["start"].as_u64(), e["end"].as_u64()) else {
                continue;
            };
            let span = byte_offset(&seg.target, s as usize)..byte_offset(&seg.target, t as usize);
            match e["cat"].as_str() {
                Some("Fluency/Spelling") => seg.spelling.push(span),
                Some("Fluency/Grammar") => seg.grammar.push(span),
                _ => {}
            }
        }
        out.push(seg);
    }
    out
}

fn byte_offset(text: &str, cp: usize) -> usize {
    text.char_indices().nth(cp).map_or(text.len(), |(i, _)| i)
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// `hits` of `total`.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
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
        write!(f, "{}/{} ({:.1}%)", self.hits, self.total, self.percent())
    }
}

/// The kinds of letter typo injected, in turn.
pub const KINDS: [&str; 5] = ["dropped", "doubled", "transposed", "neighbour", "inserted"];

#[derive(Debug, Default)]
pub struct Figures {
    /// Distinct clean targets and their words.
    pub clean_targets: usize,
    pub clean_words: usize,
    /// Issues on them, of any severity (the checks' issues are hints today).
    pub clean_flags: Vec<String>,
    /// Raters' spans overlapped by a spelling or grammar issue.
    pub spelling_spans: Ratio,
    pub grammar_spans: Ratio,
    /// Injected letter typos found, all and per kind (typos that make another dictionary
    /// word are counted apart: no spelling checker can see them).
    pub letters: Ratio,
    pub per_kind: [Ratio; 5],
    pub real_words: usize,
    pub letter_misses: Vec<String>,
    /// Injected "a"/"an" swaps and "are" → "is" after a plural noun found.
    pub articles: Ratio,
    pub agreement: Ratio,
    pub grammar_misses: Vec<String>,
}

impl Figures {
    pub fn clean_per_thousand(&self) -> f64 {
        1000.0 * self.clean_flags.len() as f64 / self.clean_words.max(1) as f64
    }
}

pub fn evaluate(root: &Path) -> Figures {
    let segments = load(root);
    let engine = engine();
    let mut f = Figures::default();
    let mut seen = BTreeSet::new();
    let mut clean: Vec<&str> = Vec::new();
    let mut distinct: Vec<&str> = Vec::new();
    for seg in &segments {
        if !seen.insert(seg.target.as_str()) {
            continue;
        }
        distinct.push(&seg.target);
        if seg.clean {
            clean.push(&seg.target);
        }
    }
    // Precision on clean targets.
    for t in &clean {
        f.clean_targets += 1;
        f.clean_words += words(t).len();
        for i in check(&engine, t) {
            f.clean_flags
                .push(format!("{}: {:?} in {t:?}", i.check, &t[i.span.clone()]));
        }
    }
    // The raters' spans.
    for seg in &segments {
        if seg.spelling.is_empty() && seg.grammar.is_empty() {
            continue;
        }
        let issues = check(&engine, &seg.target);
        let hit = |span: &Range<usize>| issues.iter().any(|i| overlaps(&i.span, span));
        for s in &seg.spelling {
            f.spelling_spans.total += 1;
            f.spelling_spans.hits += usize::from(hit(s));
        }
        for s in &seg.grammar {
            f.grammar_spans.total += 1;
            f.grammar_spans.hits += usize::from(hit(s));
        }
    }
    inject_letters(&engine, &clean, &mut f);
    inject_grammar(&engine, &distinct, &mut f);
    f
}

/// One typo per clean target, in a lower-case dictionary word of at least four letters.
fn inject_letters(engine: &Engine, clean: &[&str], f: &mut Figures) {
    let mut rng = Rng::new(SEED);
    for (n, t) in clean.iter().enumerate() {
        let candidates: Vec<Range<usize>> = words(t)
            .into_iter()
            .map(|w| w.range())
            .filter(|r| {
                let w = &t[r.clone()];
                w.len() >= 4 && w.bytes().all(|b| b.is_ascii_lowercase()) && spelling::is_known(w)
            })
            .collect();
        if candidates.is_empty() {
            continue;
        }
        let span = candidates[rng.below(candidates.len())].clone();
        let kind = n % KINDS.len();
        let typo = typo(&t[span.clone()], kind, &mut rng);
        if spelling::is_known(&typo) {
            f.real_words += 1;
            continue;
        }
        let text = format!("{}{typo}{}", &t[..span.start], &t[span.end..]);
        let typo_span = span.start..span.start + typo.len();
        let found = check(engine, &text)
            .iter()
            .any(|i| i.check == spelling::unknown_word::ID && overlaps(&i.span, &typo_span));
        f.letters.total += 1;
        f.per_kind[kind].total += 1;
        if found {
            f.letters.hits += 1;
            f.per_kind[kind].hits += 1;
        } else {
            f.letter_misses
                .push(format!("{} {:?} → {typo:?}", KINDS[kind], &t[span]));
        }
    }
}

/// Keyboard neighbours on a QWERTY keyboard.
fn neighbours(c: u8) -> &'static [u8] {
    match c {
        b'q' => b"wa",
        b'w' => b"qes",
        b'e' => b"wrd",
        b'r' => b"etf",
        b't' => b"ryg",
        b'y' => b"tuh",
        b'u' => b"yij",
        b'i' => b"uok",
        b'o' => b"ipl",
        b'p' => b"ol",
        b'a' => b"qsz",
        b's' => b"adwx",
        b'd' => b"sfe",
        b'f' => b"dgr",
        b'g' => b"fht",
        b'h' => b"gjy",
        b'j' => b"hku",
        b'k' => b"jli",
        b'l' => b"ko",
        b'z' => b"xa",
        b'x' => b"zcs",
        b'c' => b"xvd",
        b'v' => b"cbf",
        b'b' => b"vng",
        b'n' => b"bmh",
        _ => b"nj",
    }
}

/// `word` (ASCII lower case, at least four letters) with one typo of `kind`, never at the
/// first letter (typos there are rarer and look like other words).
pub fn typo(word: &str, kind: usize, rng: &mut Rng) -> String {
    let mut b = word.as_bytes().to_vec();
    let at = 1 + rng.below(b.len() - 1);
    match kind {
        0 => {
            b.remove(at);
        }
        1 => {
            let c = b[at];
            b.insert(at, c);
        }
        2 => {
            let at = at.min(b.len() - 2);
            if b[at] == b[at + 1] {
                b.swap(at - 1, at);
            } else {
                b.swap(at, at + 1);
            }
        }
        3 => {
            let n = neighbours(b[at]);
            b[at] = n[rng.below(n.len())];
        }
        _ => {
            let n = neighbours(b[at]);
            b.insert(at, n[rng.below(n.len())]);
        }
    }
    String::from_utf8(b).unwrap_or_default()
}

/// "a" ↔ "an" before a word, and "are" → "is" after a plural noun: one per target that
/// has the place, in targets no check flags there already.
fn inject_grammar(engine: &Engine, targets: &[&str], f: &mut Figures) {
    let mut rng = Rng::new(SEED + 1);
    for t in targets {
        let ws = words(t);
        let article: Vec<usize> = (0..ws.len().saturating_sub(1))
            .filter(|&i| {
                matches!(ws[i].text(t), "a" | "an") && &t[ws[i].end..ws[i + 1].start] == " "
            })
            .collect();
        if !article.is_empty() {
            let i = article[rng.below(article.len())];
            let w = ws[i];
            let swapped = if w.text(t) == "a" { "an" } else { "a" };
            try_swap(
                engine,
                t,
                w.range(),
                swapped,
                "grammar.article",
                &mut f.articles,
                &mut f.grammar_misses,
            );
        }
        let plural: Vec<usize> = (1..ws.len())
            .filter(|&i| {
                let n = ws[i - 1].text(t);
                ws[i].text(t) == "are"
                    && &t[ws[i - 1].end..ws[i].start] == " "
                    && n.len() > 3
                    && n.ends_with('s')
                    && !n.ends_with("ss")
                    && n.bytes().all(|b| b.is_ascii_lowercase())
            })
            .collect();
        if !plural.is_empty() {
            let i = plural[rng.below(plural.len())];
            try_swap(
                engine,
                t,
                ws[i].range(),
                "is",
                "grammar.agreement",
                &mut f.agreement,
                &mut f.grammar_misses,
            );
        }
    }
}

fn try_swap(
    engine: &Engine,
    t: &str,
    span: Range<usize>,
    with: &str,
    id: &str,
    ratio: &mut Ratio,
    misses: &mut Vec<String>,
) {
    let text = format!("{}{with}{}", &t[..span.start], &t[span.end..]);
    let new_span = span.start..span.start + with.len();
    let before = check(engine, t)
        .iter()
        .any(|i| i.check == id && overlaps(&i.span, &span));
    if before {
        return;
    }
    ratio.total += 1;
    if check(engine, &text)
        .iter()
        .any(|i| i.check == id && overlaps(&i.span, &new_span))
    {
        ratio.hits += 1;
    } else {
        let from = span.start.saturating_sub(40);
        let from = (0..=from)
            .rev()
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(0);
        let to = (new_span.end + 30).min(text.len());
        let to = (to..=text.len())
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(text.len());
        misses.push(format!("{id}: …{}…", &text[from..to]));
    }
}
