//! A team's own rules (`[[rules]]` in the configuration): regular expressions or word
//! lists with a message, an optional replacement and a severity. All rules run as one
//! check in one pass over each paragraph: a [`Prefilter`] says which rules may match, and
//! only those search the paragraph for their spans.

use std::fmt;

use aho_corasick::{AhoCorasick, AhoCorasickKind};
use regex::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};
use regex_syntax::hir::literal::{ExtractKind, Extractor};

use super::{Category, Check, CheckInfo, Issue, ParagraphView, Severity};

/// Compiled size limit of one rule's pattern, and of the set of them all.
const SIZE_LIMIT: usize = 32 << 20;

/// A rule as the configuration states it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleSpec {
    /// `namespace.name`, e.g. `house.per-cent`; the namespace is not a built-in category.
    pub id: String,
    /// A regular expression (the `regex` crate's syntax), or
    pub pattern: Option<String>,
    /// a list of literal words or phrases (one of the two).
    pub words: Vec<String>,
    pub message: String,
    /// The replacement offered; `$1` or `${name}` insert a pattern's groups; `""` deletes.
    pub suggestion: Option<String>,
    pub severity: Severity,
    pub case_sensitive: bool,
    /// Matches only whole words (the match starts and ends at word boundaries).
    pub whole_word: bool,
    /// For bilingual units: the rule fires only where the source text matches this.
    pub source_pattern: Option<String>,
}

/// A rule that cannot be used, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleError {
    pub id: String,
    pub message: String,
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "rule `{}`: {}", self.id, self.message)
    }
}

impl std::error::Error for RuleError {}

impl RuleSpec {
    /// A rule for `id` that flags `pattern` with `message` (a warning, ignoring case,
    /// anywhere in words): the configuration sets the rest.
    pub fn new(id: &str, pattern: &str, message: &str) -> Self {
        RuleSpec {
            id: id.to_string(),
            pattern: Some(pattern.to_string()),
            words: Vec::new(),
            message: message.to_string(),
            suggestion: None,
            severity: Severity::Warning,
            case_sensitive: false,
            whole_word: false,
            source_pattern: None,
        }
    }

    /// Checks the id and the choice of pattern or words.
    pub fn validate_id(&self) -> Result<(), RuleError> {
        let fail = |message: String| RuleError {
            id: self.id.clone(),
            message,
        };
        let Some((namespace, name)) = self.id.split_once('.') else {
            return Err(fail(
                "the id must be namespaced, `NAMESPACE.NAME` (e.g. `house.per-cent`)".into(),
            ));
        };
        let ok = |s: &str| {
            !s.is_empty()
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        };
        if !ok(namespace) || !ok(name) {
            return Err(fail(
                "an id is made of letters, digits, `-`, `_` and `.`".into(),
            ));
        }
        if Category::from_name(namespace).is_some_and(|c| c != Category::Custom) {
            return Err(fail(format!(
                "the namespace `{namespace}` is a built-in category; choose your own (e.g. `house.`)"
            )));
        }
        if self.message.trim().is_empty() {
            return Err(fail("the message is empty".into()));
        }
        match (&self.pattern, self.words.is_empty()) {
            (Some(_), false) => Err(fail("give either `pattern` or `words`, not both".into())),
            (None, true) => Err(fail("give a `pattern` or a list of `words`".into())),
            _ => Ok(()),
        }
    }

    /// The rule's full regular expression: its pattern or words, with its case and
    /// whole-word options.
    fn regex_source(&self) -> String {
        let core = match &self.pattern {
            Some(p) => p.clone(),
            None => {
                let mut words: Vec<&String> = self.words.iter().collect();
                // Longest first, so that a phrase wins over a word it starts with.
                words.sort_by_key(|w| std::cmp::Reverse(w.len()));
                words
                    .iter()
                    .map(|w| regex::escape(w))
                    .collect::<Vec<_>>()
                    .join("|")
            }
        };
        let flags = if self.case_sensitive { "" } else { "(?i)" };
        if self.whole_word {
            format!(r"{flags}\b(?:{core})\b")
        } else {
            format!("{flags}(?:{core})")
        }
    }

    fn compile(&self) -> Result<Regex, RuleError> {
        self.validate_id()?;
        if self.words.iter().any(|w| w.trim().is_empty()) {
            return Err(RuleError {
                id: self.id.clone(),
                message: "`words` has an empty entry".into(),
            });
        }
        let regex = build(&self.regex_source()).map_err(|e| RuleError {
            id: self.id.clone(),
            message: format!("invalid pattern: {e}"),
        })?;
        if regex.is_match("") {
            return Err(RuleError {
                id: self.id.clone(),
                message: "the pattern matches the empty text, so it would flag every place".into(),
            });
        }
        if let Some(source) = &self.source_pattern {
            build(source).map_err(|e| RuleError {
                id: self.id.clone(),
                message: format!("invalid source_pattern: {e}"),
            })?;
        }
        Ok(regex)
    }
}

fn build(source: &str) -> Result<Regex, regex::Error> {
    RegexBuilder::new(source)
        .size_limit(SIZE_LIMIT)
        .dfa_size_limit(SIZE_LIMIT)
        .build()
}

/// One compiled rule.
#[derive(Debug)]
struct Rule {
    info: &'static CheckInfo,
    regex: Regex,
    /// `source_pattern`, compiled: the rule fires only in units whose source matches.
    source: Option<Regex>,
    spec: RuleSpec,
}

/// The team's rules, run as one check.
#[derive(Debug)]
pub struct CustomRules {
    prefilter: Prefilter,
    rules: Vec<Rule>,
}

/// Which rules may match a text, found in one pass over it. Most rules have literals one
/// of which starts (or ends) every match of the rule, as `regex-syntax` extracts them:
/// `(?i)\bper cent\b` has `per cent` in all its cases. One Aho-Corasick automaton finds
/// them all (ignoring ASCII case, which only widens the net); a rule none of whose
/// literals occur cannot match. The few rules without such literals (`\d+%`) are
/// matched by a [`RegexSet`] of their own.
///
/// One set of every rule did the same in one pass, but a set of hundreds of
/// case-insensitive patterns makes its lazy DFA build states all along the text.
#[derive(Debug)]
struct Prefilter {
    literals: Option<AhoCorasick>,
    /// The rules (indices) of each literal of `literals`, by pattern id.
    owners: Vec<Vec<usize>>,
    /// The rules without literals, and a set of their patterns (`None`: there are none).
    rest: Option<(RegexSet, Vec<usize>)>,
}

/// Most literals extracted from a rule (its case variants count before they are folded):
/// longer ones are cut short to stay within it, and a rule that needs more goes to the set.
const MAX_LITERALS: usize = 250;

impl Prefilter {
    /// The prefilter of rules whose full regular expressions are `sources`.
    fn new(sources: &[String]) -> Result<Self, String> {
        let mut literals: Vec<Vec<u8>> = Vec::new();
        let mut owners: Vec<Vec<usize>> = Vec::new();
        let mut index = std::collections::HashMap::new();
        let mut rest = Vec::new();
        for (i, source) in sources.iter().enumerate() {
            let Some(found) = required_literals(source) else {
                rest.push(i);
                continue;
            };
            for literal in found {
                let k = *index.entry(literal.clone()).or_insert_with(|| {
                    literals.push(literal);
                    owners.push(Vec::new());
                    owners.len() - 1
                });
                if owners[k].last() != Some(&i) {
                    owners[k].push(i);
                }
            }
        }
        let automaton = if literals.is_empty() {
            None
        } else {
            // A DFA where it fits (the fastest overlapping search), else what the crate picks.
            let mut builder = AhoCorasick::builder();
            builder.ascii_case_insensitive(true);
            let built = match builder.kind(Some(AhoCorasickKind::DFA)).build(&literals) {
                Ok(dfa) => dfa,
                Err(_) => builder
                    .kind(None)
                    .build(&literals)
                    .map_err(|e| e.to_string())?,
            };
            Some(built)
        };
        let set = if rest.is_empty() {
            None
        } else {
            let patterns: Vec<&String> = rest.iter().map(|&i| &sources[i]).collect();
            let set = RegexSetBuilder::new(patterns)
                .size_limit(SIZE_LIMIT.saturating_mul(4))
                .dfa_size_limit(SIZE_LIMIT.saturating_mul(4))
                .build()
                .map_err(|e| e.to_string())?;
            Some((set, rest))
        };
        Ok(Prefilter {
            literals: automaton,
            owners,
            rest: set,
        })
    }

    /// Marks in `may` (one flag per rule) the rules that may match `text`.
    fn mark(&self, text: &str, may: &mut [bool]) {
        if let Some(ac) = &self.literals {
            for m in ac.find_overlapping_iter(text) {
                for &rule in &self.owners[m.pattern().as_usize()] {
                    may[rule] = true;
                }
            }
        }
        if let Some((set, rules)) = &self.rest {
            for k in set.matches(text).iter() {
                may[rules[k]] = true;
            }
        }
    }
}

/// Literals, ASCII letters lower-cased, one of which every match of the regular
/// expression `source` starts with (or, failing that, ends with); `None` when there are
/// no such literals (or too many, or an empty one: then it may match anywhere).
fn required_literals(source: &str) -> Option<Vec<Vec<u8>>> {
    let hir = regex_syntax::Parser::new().parse(source).ok()?;
    for kind in [ExtractKind::Prefix, ExtractKind::Suffix] {
        let seq = Extractor::new()
            .kind(kind)
            .limit_class(16)
            .limit_total(MAX_LITERALS)
            .extract(&hir);
        let Some(found) = seq.literals() else {
            continue;
        };
        if found.len() > MAX_LITERALS || found.iter().any(|l| l.is_empty()) {
            continue;
        }
        let mut folded: Vec<Vec<u8>> = found
            .iter()
            .map(|l| l.as_bytes().to_ascii_lowercase())
            .collect();
        folded.sort_unstable();
        folded.dedup();
        return Some(folded);
    }
    None
}

static INFO: CheckInfo = CheckInfo {
    id: "custom.rules",
    category: Category::Custom,
    severity: Severity::Warning,
    summary: "the rules of the configuration ([[rules]])",
    example: "per cent, where the house style writes %",
};

impl CustomRules {
    /// Compiles the rules; the first invalid one is refused, named. Ids must be unique.
    pub fn compile(specs: &[RuleSpec]) -> Result<Self, RuleError> {
        let mut rules = Vec::with_capacity(specs.len());
        let mut sources = Vec::with_capacity(specs.len());
        for spec in specs {
            if rules.iter().any(|r: &Rule| r.spec.id == spec.id) {
                return Err(RuleError {
                    id: spec.id.clone(),
                    message: "two rules have this id".into(),
                });
            }
            let regex = spec.compile()?;
            let source = match &spec.source_pattern {
                Some(pattern) => Some(build(pattern).map_err(|e| RuleError {
                    id: spec.id.clone(),
                    message: format!("invalid source_pattern: {e}"),
                })?),
                None => None,
            };
            sources.push(spec.regex_source());
            rules.push(Rule {
                info: leak_info(spec),
                regex,
                source,
                spec: spec.clone(),
            });
        }
        let prefilter = Prefilter::new(&sources).map_err(|e| RuleError {
            id: specs.first().map(|s| s.id.clone()).unwrap_or_default(),
            message: format!("the rules together are too large: {e}"),
        })?;
        Ok(CustomRules { prefilter, rules })
    }

    /// The descriptions of the rules, in the configuration's order.
    pub fn infos(&self) -> impl Iterator<Item = &'static CheckInfo> + '_ {
        self.rules.iter().map(|r| r.info)
    }
}

/// A rule's description lives as long as the process: issues name their check by a
/// `&'static str`. Rules are compiled once per configuration, so this is bounded.
fn leak_info(spec: &RuleSpec) -> &'static CheckInfo {
    let id: &'static str = Box::leak(spec.id.clone().into_boxed_str());
    let summary: &'static str = Box::leak(spec.message.clone().into_boxed_str());
    let example: &'static str = Box::leak(
        spec.pattern
            .clone()
            .unwrap_or_else(|| spec.words.join(", "))
            .into_boxed_str(),
    );
    Box::leak(Box::new(CheckInfo {
        id,
        category: Category::Custom,
        severity: spec.severity,
        summary,
        example,
    }))
}

impl Check for CustomRules {
    fn info(&self) -> &'static CheckInfo {
        &INFO
    }

    fn check_paragraph(&self, para: &ParagraphView<'_>, out: &mut Vec<Issue>) {
        let text = para.text;
        let mut may = vec![false; self.rules.len()];
        self.prefilter.mark(text, &mut may);
        for (rule, _) in self.rules.iter().zip(&may).filter(|(_, may)| **may) {
            // A rule about the source fires only in a unit whose source matches; a
            // monolingual text has no source.
            if let Some(source) = &rule.source
                && !para.unit().is_some_and(|u| source.is_match(u.source()))
            {
                continue;
            }
            let expands = rule
                .spec
                .suggestion
                .as_ref()
                .is_some_and(|s| s.contains('$'));
            // Captures only for a suggestion that uses them: finding the spans is cheaper.
            for m in rule.regex.find_iter(text) {
                if m.is_empty() {
                    continue;
                }
                let mut issue = Issue::new(rule.info, para.abs(m.range()), &rule.spec.message);
                if let Some(s) = &rule.spec.suggestion {
                    let replacement = match rule.regex.captures_at(text, m.start()) {
                        Some(caps) if expands => {
                            let mut dst = String::new();
                            caps.expand(s, &mut dst);
                            dst
                        }
                        _ => s.clone(),
                    };
                    if replacement != m.as_str() {
                        issue = issue.suggest(replacement);
                    }
                }
                out.push(issue);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::CheckContext;
    use crate::check::testing::run;
    use crate::document::Document;
    use std::ops::Range;

    fn rule(id: &str, pattern: &str) -> RuleSpec {
        RuleSpec::new(id, pattern, "house style")
    }

    fn compiled(specs: Vec<RuleSpec>) -> CustomRules {
        CustomRules::compile(&specs).expect("valid rules")
    }

    #[derive(Clone)]
    struct Shared(std::sync::Arc<CustomRules>);

    impl Check for Shared {
        fn info(&self) -> &'static CheckInfo {
            self.0.info()
        }
        fn check_paragraph(&self, para: &ParagraphView<'_>, out: &mut Vec<Issue>) {
            self.0.check_paragraph(para, out);
        }
    }

    fn flagged(specs: Vec<RuleSpec>, text: &str) -> Vec<(String, String, Vec<String>)> {
        run(Shared(std::sync::Arc::new(compiled(specs))), text)
            .into_iter()
            .map(|i| (i.check.to_string(), text[i.span].to_string(), i.suggestions))
            .collect()
    }

    #[test]
    fn flags_patterns_and_words_with_their_ids_and_suggestions() {
        let mut per_cent = rule("house.per-cent", r"\bper cent\b");
        per_cent.suggestion = Some("%".into());
        let mut netizens = rule("house.netizens", "");
        netizens.pattern = None;
        netizens.words = vec!["netizens".into(), "netizen".into()];
        netizens.whole_word = true;
        let found = flagged(
            vec![per_cent, netizens],
            "Up 5 Per Cent among netizens, not netizenship.",
        );
        assert_eq!(
            found,
            [
                ("house.per-cent".into(), "Per Cent".into(), vec!["%".into()]),
                ("house.netizens".into(), "netizens".into(), vec![]),
            ]
        );
    }

    #[test]
    fn case_and_groups() {
        let mut caps = rule("house.eu", r"\b(E)u\b");
        caps.case_sensitive = true;
        caps.suggestion = Some("${1}U".into());
        assert_eq!(
            flagged(vec![caps], "The Eu and the eu."),
            [("house.eu".into(), "Eu".into(), vec!["EU".into()])]
        );
    }

    #[test]
    fn is_silent_where_nothing_matches() {
        let per_cent = rule("house.per-cent", r"\bper cent\b");
        assert!(flagged(vec![per_cent.clone()], "Up 5% (percentage points).").is_empty());
        let mut sourced = per_cent;
        sourced.source_pattern = Some("百分".into());
        assert!(flagged(vec![sourced], "Up 5 per cent.").is_empty());
    }

    #[test]
    fn a_source_pattern_limits_a_rule_to_units_whose_source_matches() {
        let mut sourced = rule("house.per-cent", r"\bper cent\b");
        sourced.source_pattern = Some("百分".into());
        let rules = std::sync::Arc::new(compiled(vec![sourced]));
        let pair = |source: &str, target: &str| {
            crate::check::testing::run_pair(Shared(rules.clone()), source, target).len()
        };
        assert_eq!(pair("增长百分之五。", "Up 5 per cent."), 1);
        assert_eq!(pair("增长5%。", "Up 5 per cent."), 0);
    }

    /// Each rule's own matches in each paragraph, searched one rule at a time: what the
    /// check must find, whatever its prefilter skips.
    fn one_rule_at_a_time(rules: &CustomRules, text: &str) -> Vec<(String, Range<usize>)> {
        let doc = Document::from_str_named("t.txt", text);
        let ctx = CheckContext::new(&doc);
        let mut expected = Vec::new();
        let mut found = Vec::new();
        for (i, _) in ctx.prose_paragraphs() {
            let view = ParagraphView::new(&ctx, i);
            for rule in &rules.rules {
                for m in rule.regex.find_iter(view.text) {
                    if !m.is_empty() {
                        expected.push((rule.spec.id.clone(), view.abs(m.range())));
                    }
                }
            }
            let mut out = Vec::new();
            rules.check_paragraph(&view, &mut out);
            found.extend(out.into_iter().map(|i| (i.check.to_string(), i.span)));
        }
        assert_eq!(found, expected, "{text:?}");
        found
    }

    #[test]
    fn the_prefilter_misses_no_match_in_any_script_or_case() {
        let mut specs = vec![
            rule("house.kilo", "kilo"),
            rule("house.strasse", "straße"),
            rule("house.sun", r"\bsun\b"),
            rule("house.cafe", r"\bcafé\b"),
            rule("house.percent", r"\d+ ?%"),
            rule("house.upper", r"[[:upper:]]{2,}\d"),
            rule("house.ends", r"\w+ly\b"),
            rule("house.net", "net(izen)?s?"),
            rule("house.group", r"\b(sun) (of|in) the\b"),
        ];
        let mut words = rule("house.words", "");
        words.pattern = None;
        words.words = vec!["kilo".into(), "ſun".into(), "ÉTÉ".into()];
        words.whole_word = true;
        specs.push(words);
        let mut exact = rule("house.exact", "Kilo");
        exact.case_sensitive = true;
        specs.push(exact);
        let rules = compiled(specs);
        assert!(rules.prefilter.rest.is_some(), "a rule without literals");
        // Non-ASCII case partners of ASCII letters (Kelvin sign, long s), capital sharp s,
        // letters around a word's edge, combining accents, digits.
        let pieces = [
            "kilo",
            "KILO",
            "\u{212a}ilo",
            "Kilo",
            "sun",
            "SUN",
            "\u{17f}un",
            "straße",
            "STRAẞE",
            "café",
            "CAFÉ",
            "cafe\u{301}",
            "été",
            "ÉTÉ",
            "net",
            "NETIZENS",
            "ly",
            "only",
            "5",
            "%",
            "AB",
            "ü",
            "中",
            " ",
            " ",
            " of the ",
            ", ",
            "\u{a0}",
            "_",
            "-",
        ];
        let mut rng = crate::testing::Rng(0x00c0_57e5);
        let mut total = 0;
        for _ in 0..3000 {
            let text: String = (0..rng.below(10))
                .map(|_| pieces[rng.below(pieces.len())])
                .collect();
            total += one_rule_at_a_time(&rules, &text).len();
        }
        assert!(total > 1000, "{total} matches");
        let found = one_rule_at_a_time(&rules, "The \u{212a}ILO and the ſun, STRAẞE; xkilo.");
        let ids: Vec<&str> = found.iter().map(|(id, _)| id.as_str()).collect();
        assert!(
            ids.contains(&"house.kilo") && ids.contains(&"house.strasse"),
            "{ids:?}"
        );
        assert!(
            ids.contains(&"house.sun") && ids.contains(&"house.words"),
            "{ids:?}"
        );
        // Whole words: not inside a longer word of any script.
        assert!(
            one_rule_at_a_time(&rules, "sunny üsun 中sun sun_")
                .iter()
                .all(|(id, _)| id != "house.sun")
        );
    }

    #[test]
    fn refuses_invalid_rules_naming_them() {
        let bad = |spec: RuleSpec| CustomRules::compile(&[spec]).expect_err("refused");
        let e = bad(rule("house.broken", "(unclosed"));
        assert_eq!(e.id, "house.broken");
        assert!(
            e.to_string()
                .starts_with("rule `house.broken`: invalid pattern"),
            "{e}"
        );
        assert!(bad(rule("nonamespace", "x")).message.contains("namespaced"));
        assert!(
            bad(rule("repetition.mine", "x"))
                .message
                .contains("built-in")
        );
        assert!(bad(rule("house.empty", "a*")).message.contains("empty"));
        let mut both = rule("house.both", "x");
        both.words = vec!["y".into()];
        assert!(bad(both).message.contains("not both"));
        let mut source = rule("house.src", "x");
        source.source_pattern = Some("[".into());
        assert!(bad(source).message.contains("source_pattern"));
        let twice = CustomRules::compile(&[rule("house.a", "x"), rule("house.a", "y")]);
        assert!(twice.expect_err("duplicate").message.contains("two rules"));
    }
}
