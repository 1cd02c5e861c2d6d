//! Runs harper-core's rules on a paragraph for the style checks: one parse per paragraph,
//! shared by every check that asks (the last paragraph's lints are kept per thread, and the
//! engine runs all checks of a paragraph on one thread), with only the rules some check
//! maps to enabled. Harper's parse tags every sentence (a Brill tagger and a small neural
//! chunker), which costs far more than the other checks: the checks that are on by default
//! do without it.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::hash::BuildHasher;
use std::ops::Range;
use std::rc::Rc;

use harper_core::Dialect;
use harper_core::Document as HarperDocument;
use harper_core::linting::LintGroup;
use harper_core::spell::FstDictionary;

/// One of harper's lints, with its span in bytes of the paragraph.
#[derive(Debug, Clone)]
pub struct HarperLint {
    pub span: Range<usize>,
    pub message: String,
    /// Harper's replacements for the span (only plain replacements).
    pub suggestions: Vec<String>,
}

/// The lints of one paragraph, by harper rule name.
pub type Lints = BTreeMap<String, Vec<HarperLint>>;

/// Harper's rules the checks map to: the only ones run.
const RULES: &[&[&str]] = &[super::long_sentence::RULES, super::oxford_comma::RULES];

struct Runner {
    /// harper's own dictionary, which its parse and rules need (about half a second to
    /// build, once per process, only when a style check runs).
    dictionary: std::sync::Arc<FstDictionary>,
    group: LintGroup,
    last: Option<(u64, Rc<Lints>)>,
}

impl Runner {
    fn new() -> Self {
        // The dialect matters to no rule enabled here.
        let dictionary = FstDictionary::curated();
        let mut group = LintGroup::new_curated(dictionary.clone(), Dialect::American);
        group.set_all_rules_to(Some(false));
        for rule in RULES.iter().flat_map(|r| r.iter()) {
            group.config.set_rule_enabled(*rule, true);
        }
        Runner {
            dictionary,
            group,
            last: None,
        }
    }
}

thread_local! {
    static RUNNER: RefCell<Option<Runner>> = const { RefCell::new(None) };
}

fn hash_text(text: &str) -> u64 {
    std::hash::BuildHasherDefault::<std::collections::hash_map::DefaultHasher>::default()
        .hash_one(text)
}

/// Harper's lints for `text` (one paragraph), by rule name.
pub fn lints(text: &str) -> Rc<Lints> {
    let key = hash_text(text);
    RUNNER.with(|cell| {
        let mut slot = cell.borrow_mut();
        let runner = slot.get_or_insert_with(Runner::new);
        if let Some((k, lints)) = &runner.last
            && *k == key
        {
            return Rc::clone(lints);
        }
        let doc = HarperDocument::new_plain_english(text, runner.dictionary.as_ref());
        let by_rule = runner.group.organized_lints(&doc);
        let offsets = CharOffsets::new(text);
        let mut out = Lints::new();
        for (rule, found) in by_rule {
            if found.is_empty() {
                continue;
            }
            let converted = found
                .into_iter()
                .map(|lint| HarperLint {
                    span: offsets.byte(lint.span.start)..offsets.byte(lint.span.end),
                    suggestions: lint
                        .suggestions
                        .iter()
                        .filter_map(|s| match s {
                            harper_core::linting::Suggestion::ReplaceWith(chars) => {
                                Some(chars.iter().collect())
                            }
                            harper_core::linting::Suggestion::Remove => Some(String::new()),
                            _ => None,
                        })
                        .collect(),
                    message: lint.message,
                })
                .collect();
            out.insert(rule, converted);
        }
        let out = Rc::new(out);
        runner.last = Some((key, Rc::clone(&out)));
        out
    })
}

/// Char index → byte offset in one text.
struct CharOffsets {
    /// Byte offset of each char, and the text's length at the end; empty for ASCII.
    bytes: Vec<usize>,
    len: usize,
}

impl CharOffsets {
    fn new(text: &str) -> Self {
        let bytes = if text.is_ascii() {
            Vec::new()
        } else {
            text.char_indices()
                .map(|(i, _)| i)
                .chain(std::iter::once(text.len()))
                .collect()
        };
        CharOffsets {
            bytes,
            len: text.len(),
        }
    }

    fn byte(&self, char_index: usize) -> usize {
        if self.bytes.is_empty() {
            char_index.min(self.len)
        } else {
            self.bytes.get(char_index).copied().unwrap_or(self.len)
        }
    }
}
