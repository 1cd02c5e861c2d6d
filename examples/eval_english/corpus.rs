//! The published-English evaluation: runs the rule checks (`mtpe check --no-glossary`)
//! over `fixtures/eval/english/texts/` and matches every error and warning against the
//! judged flags in `fixtures/eval/english/verdicts.tsv`. Shared by the
//! `eval_english` example, which prints it, and the test that holds its ceiling.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use mtpe::check::{Engine, Severity, registry};
use mtpe::document::Document;
use mtpe::glossary::check_document;

/// Where the corpus and its verdicts live, relative to the crate root.
pub const CORPUS_DIR: &str = "fixtures/eval/english/texts";
pub const VERDICTS: &str = "fixtures/eval/english/verdicts.tsv";

/// One error or warning the checks raised on the corpus.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Flag {
    pub file: String,
    pub check: String,
    /// The flagged text, line breaks and tabs written `\n` and `\t` (as in the table).
    pub text: String,
    pub line: usize,
}

/// A judged flag: whether it points at a real defect of the published text, and why.
#[derive(Debug, Clone)]
pub struct Verdict {
    pub real: bool,
    pub why: String,
}

/// The figures of one file.
#[derive(Debug, Clone)]
pub struct FileResult {
    pub file: String,
    /// Whitespace-separated tokens, as `wc -w` counts them.
    pub words: usize,
    pub flags: Vec<Flag>,
}

pub fn per_thousand(flags: usize, words: usize) -> f64 {
    if words == 0 {
        0.0
    } else {
        flags as f64 * 1000.0 / words as f64
    }
}

/// Writes a flagged text on one line of the table.
pub fn escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('\t', "\\t")
        .replace('\r', "\\r")
        .replace('\n', "\\n")
}

/// The corpus files (`.md` and `.txt`), sorted by name.
pub fn corpus_files(root: &Path) -> Vec<PathBuf> {
    let dir = root.join(CORPUS_DIR);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension()
                .is_some_and(|x| x.eq_ignore_ascii_case("md") || x.eq_ignore_ascii_case("txt"))
        })
        .collect();
    files.sort();
    files
}

/// Runs the rule checks over every corpus file, as `mtpe check --no-glossary` does.
pub fn run(root: &Path) -> Vec<FileResult> {
    let engine = Engine::new(registry::rule_checks());
    corpus_files(root)
        .into_iter()
        .map(|path| {
            let doc = Document::load(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let issues = check_document(&doc, "en", &engine, None).expect("no glossary");
            let flags = issues
                .iter()
                .filter(|i| i.severity != Severity::Info)
                .map(|i| Flag {
                    file: name.clone(),
                    check: i.check.to_string(),
                    text: escape(doc.slice(i.span.clone())),
                    line: doc.position(i.span.start).line,
                })
                .collect();
            FileResult {
                file: name,
                words: doc.text().split_whitespace().count(),
                flags,
            }
        })
        .collect()
}

/// The verdict table: `file, check, text, line, verdict (true|false), why`, tab-separated,
/// `#` lines comments.
pub fn verdicts(root: &Path) -> HashMap<Flag, Verdict> {
    let path = root.join(VERDICTS);
    let table =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut out = HashMap::new();
    for (n, row) in table.lines().enumerate() {
        if row.starts_with('#') || row.trim().is_empty() {
            continue;
        }
        let cells: Vec<&str> = row.split('\t').collect();
        let [file, check, text, line, verdict, why] = cells[..] else {
            panic!("{}:{}: want 6 tab-separated cells", path.display(), n + 1);
        };
        let real = match verdict {
            "true" => true,
            "false" => false,
            other => panic!("{}:{}: verdict {other:?}", path.display(), n + 1),
        };
        let line = line
            .parse()
            .unwrap_or_else(|_| panic!("{}:{}: line {line:?}", path.display(), n + 1));
        let flag = Flag {
            file: file.to_string(),
            check: check.to_string(),
            text: text.to_string(),
            line,
        };
        out.insert(
            flag,
            Verdict {
                real,
                why: why.to_string(),
            },
        );
    }
    out
}

/// Totals over the corpus: words, flags, flags judged true, judged false, not judged.
#[derive(Debug, Clone, Copy, Default)]
pub struct Totals {
    pub words: usize,
    pub flags: usize,
    pub real: usize,
    pub false_alarms: usize,
    pub unjudged: usize,
}

impl Totals {
    pub fn add(&mut self, file: &FileResult, verdicts: &HashMap<Flag, Verdict>) {
        self.words += file.words;
        self.flags += file.flags.len();
        for f in &file.flags {
            match verdicts.get(f) {
                Some(v) if v.real => self.real += 1,
                Some(_) => self.false_alarms += 1,
                None => self.unjudged += 1,
            }
        }
    }

    pub fn per_thousand(&self) -> f64 {
        per_thousand(self.flags, self.words)
    }
}
