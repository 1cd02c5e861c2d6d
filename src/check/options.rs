//! What a run's configuration asks of the checks, as a plain struct (the configuration
//! layer fills it from `mtpe.toml`; the checks never see TOML): which checks run, their
//! severities and options, the words and phrases never flagged, and the team's own rules.
//! [`Engine::configured`] builds the engine that honours it.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

use super::custom::{CustomRules, RuleError, RuleSpec};
use super::registry::{self, TUNABLES};
use super::{Category, Engine, Issue, Severity};
use crate::document::Document;

/// The checks' configuration. The default runs every check as shipped.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CheckOptions {
    /// Check ids or categories to run (empty: all).
    pub select: Vec<String>,
    /// Check ids or categories not to run (wins over `select`).
    pub ignore: Vec<String>,
    /// Severity by check id or category (an id wins over its category).
    pub severity: BTreeMap<String, Severity>,
    /// Check options by `(check id, option name)` (see [`registry::TUNABLES`]).
    pub tunables: BTreeMap<(String, String), usize>,
    /// Words and phrases never flagged: an issue whose span lies within one of them (as a
    /// whole word, ignoring case) is dropped.
    pub allow: Vec<String>,
    /// The team's own rules.
    pub rules: Vec<RuleSpec>,
    /// Checks that are off by default to run, by id or category (`enable = ["style"]`).
    pub enable: Vec<String>,
    /// The dialect of English the texts are to be spelt in (`None`: the target
    /// language's region, else the one most of each text uses).
    pub dialect: Option<super::spelling::Dialect>,
}

impl CheckOptions {
    /// Whether the check `id` of `category` runs.
    pub fn runs(&self, id: &str, category: Category) -> bool {
        let names = |list: &[String]| {
            list.iter()
                .any(|s| s == id || s == category.as_str() || s == "all")
        };
        (self.select.is_empty() || names(&self.select)) && !names(&self.ignore)
    }

    /// The value of a check option: the configured one, else the check's default.
    pub fn tunable(&self, check: &str, name: &str) -> usize {
        self.tunables
            .get(&(check.to_string(), name.to_string()))
            .copied()
            .or_else(|| {
                TUNABLES
                    .iter()
                    .find(|t| t.check == check && t.name == name)
                    .map(|t| t.default)
            })
            .unwrap_or(1)
    }

    /// The severity of an issue of check `id`, `category`, whose check says `default`.
    pub fn severity_of(&self, id: &str, category: Category, default: Severity) -> Severity {
        self.severity
            .get(id)
            .or_else(|| self.severity.get(category.as_str()))
            .copied()
            .unwrap_or(default)
    }

    /// Whether the span lies within an allowed word or phrase of `text`.
    pub fn allows(&self, text: &str, span: &Range<usize>) -> bool {
        self.allow
            .iter()
            .any(|phrase| within_phrase(text, span, phrase))
    }

    fn changes_issues(&self) -> bool {
        !self.severity.is_empty() || !self.allow.is_empty()
    }
}

/// Whether `span` of `text` lies within an occurrence of `phrase` (case ignored, whole
/// words). Only the text around the span is searched.
fn within_phrase(text: &str, span: &Range<usize>, phrase: &str) -> bool {
    // Lower-casing may change a character's length a little: leave room for it.
    let n = phrase.len() + 8;
    if phrase.is_empty() || span.end - span.start > n {
        return false;
    }
    let mut from = span.end.saturating_sub(n);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let is_word = |c: char| c.is_alphanumeric();
    for (i, _) in text[from..span.start.min(text.len())]
        .char_indices()
        .chain(std::iter::once((span.start - from, ' ')))
    {
        let start = from + i;
        let Some(len) = match_len(&text[start..], phrase) else {
            continue;
        };
        let end = start + len;
        let bounded = !text[..start].chars().next_back().is_some_and(is_word)
            && !text[end..].chars().next().is_some_and(is_word);
        if bounded && start <= span.start && span.end <= end {
            return true;
        }
    }
    false
}

/// The length in `hay` of its start matching `needle`, case ignored.
fn match_len(hay: &str, needle: &str) -> Option<usize> {
    let mut chars = hay.char_indices();
    for wanted in needle.chars() {
        let (_, c) = chars.next()?;
        if c != wanted && !c.to_lowercase().eq(wanted.to_lowercase()) {
            return None;
        }
    }
    Some(chars.next().map_or(hay.len(), |(i, _)| i))
}

/// What a configured engine does to the issues its checks found.
#[derive(Debug)]
pub(super) struct Policy {
    options: CheckOptions,
}

impl Policy {
    /// Applies severity overrides and drops allowed spans and unselected checks.
    pub(super) fn apply(&self, doc: &Document, issues: &mut Vec<Issue>) {
        let o = &self.options;
        issues.retain(|i| o.runs(i.check, i.category) && !o.allows(doc.text(), &i.span));
        for issue in issues.iter_mut() {
            issue.severity = o.severity_of(issue.check, issue.category, issue.severity);
        }
    }
}

impl Engine {
    /// The checks `options` selects, with its check options and the team's rules; their
    /// issues get its severities, and none lies within an allowed phrase. The
    /// terminology checks are included when a glossary is in use.
    pub fn configured(options: &CheckOptions, with_terminology: bool) -> Result<Self, RuleError> {
        Self::configured_with(options, with_terminology, false)
    }

    /// [`Engine::configured`] for bilingual files: with the checks that compare each
    /// unit's target with its source.
    pub fn configured_bilingual(
        options: &CheckOptions,
        with_terminology: bool,
    ) -> Result<Self, RuleError> {
        Self::configured_with(options, with_terminology, true)
    }

    fn configured_with(
        options: &CheckOptions,
        with_terminology: bool,
        with_source: bool,
    ) -> Result<Self, RuleError> {
        let mut checks = registry::rule_checks_with(options);
        let optional = registry::Selection {
            enabled: options.enable.clone(),
        }
        .checks()
        .map_err(|name| RuleError {
            id: name.clone(),
            message: format!(
                "no such optional check (choose from {}, or style)",
                registry::Selection::choices().join(", ")
            ),
        })?;
        checks.extend(optional);
        if with_source {
            checks.extend(registry::source_checks());
        }
        if with_terminology {
            checks.extend(registry::terminology_checks());
        }
        checks.retain(|c| options.runs(c.info().id, c.info().category));
        let selected: Vec<RuleSpec> = options
            .rules
            .iter()
            .filter(|r| options.runs(&r.id, Category::Custom))
            .cloned()
            .collect();
        if !selected.is_empty() {
            checks.push(Box::new(CustomRules::compile(&selected)?));
        }
        let mut engine = Engine::new(checks);
        if options.changes_issues() || !options.select.is_empty() || !options.ignore.is_empty() {
            engine.policy = Some(Arc::new(Policy {
                options: options.clone(),
            }));
        }
        Ok(engine)
    }

    /// Applies the configuration's severities and allow-list to issues found by other
    /// engines beside this one (the glossary's terminology checks).
    pub fn configure_issues(&self, doc: &Document, issues: &mut Vec<Issue>) {
        if let Some(policy) = &self.policy {
            policy.apply(doc, issues);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::CheckRequest;

    fn ids(issues: &[Issue]) -> Vec<&str> {
        issues.iter().map(|i| i.check).collect()
    }

    const TEXT: &str =
        "It is a clear and clear network ecosystem.\n\nNew York New York is a song title here.\n";

    #[test]
    fn select_and_ignore_by_id_or_category() {
        let doc = Document::from_str_named("t.txt", TEXT);
        let all = CheckRequest::new(&doc, "en").run(&Engine::standard(false));
        assert!(ids(&all).contains(&"repetition.tautology"), "{all:?}");
        let options = CheckOptions {
            ignore: vec!["repetition".into()],
            ..CheckOptions::default()
        };
        let engine = Engine::configured(&options, false).unwrap();
        assert!(
            engine
                .checks()
                .all(|c| c.info().category != Category::Repetition)
        );
        let none = CheckRequest::new(&doc, "en").run(&engine);
        assert!(!ids(&none).iter().any(|id| id.starts_with("repetition.")));
        let options = CheckOptions {
            select: vec!["repetition.tautology".into()],
            ..CheckOptions::default()
        };
        let engine = Engine::configured(&options, true).unwrap();
        assert_eq!(engine.checks().count(), 1);
    }

    #[test]
    fn severities_are_overridden_and_allowed_phrases_never_flagged() {
        let doc = Document::from_str_named("t.txt", TEXT);
        let plain = CheckRequest::new(&doc, "en").run(&Engine::standard(false));
        let doubled: Vec<&Issue> = plain
            .iter()
            .filter(|i| TEXT[i.span.clone()].contains("York"))
            .collect();
        assert!(!doubled.is_empty(), "{plain:?}");
        let options = CheckOptions {
            severity: [("repetition".to_string(), Severity::Error)].into(),
            allow: vec!["new york new york".into()],
            ..CheckOptions::default()
        };
        let engine = Engine::configured(&options, false).unwrap();
        let issues = CheckRequest::new(&doc, "en").run(&engine);
        assert!(!issues.iter().any(|i| TEXT[i.span.clone()].contains("York")));
        let tautology = issues
            .iter()
            .find(|i| i.check == "repetition.tautology")
            .expect("still flagged");
        assert_eq!(tautology.severity, Severity::Error);
    }

    #[test]
    fn an_allowed_phrase_must_cover_the_span_as_whole_words() {
        let text = "the network network and Networks networks";
        assert!(within_phrase(text, &(4..19), "Network network"));
        assert!(!within_phrase(text, &(4..19), "network"));
        assert!(!within_phrase(text, &(26..34), "network"));
        assert!(within_phrase("a café café", &(2..7), "CAFÉ"));
        assert!(within_phrase("a café café", &(2..13), "CAFÉ Café"));
    }

    #[test]
    fn tunables_reach_the_checks() {
        let text = "A headline that is long enough\n\nThe first line between them.\n\nThe second line between them.\n\nThe third line between them.\n\nA headline that is long enough\n";
        let doc = Document::from_str_named("t.txt", text);
        let run = |window: usize| {
            let options = CheckOptions {
                select: vec!["repetition.duplicate-line".into()],
                tunables: [(
                    (
                        "repetition.duplicate-line".to_string(),
                        "window".to_string(),
                    ),
                    window,
                )]
                .into(),
                ..CheckOptions::default()
            };
            CheckRequest::new(&doc, "en").run(&Engine::configured(&options, false).unwrap())
        };
        assert_eq!(run(5).len(), 1);
        assert!(run(2).is_empty());
        assert_eq!(
            CheckOptions::default().tunable("fragment.cut-off", "max-heading-words"),
            12
        );
    }
}
