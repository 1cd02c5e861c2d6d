//! The list of rule checks. Adding a check: write its file, add one line here. Also the
//! options a configuration may set on a check ([`TUNABLES`]) and each check's help text.

use super::options::CheckOptions;
use super::{Check, CheckInfo};
use super::{accuracy, debris, garbled};
use super::{fragment, markup, punctuation, repetition, terminology};
use super::{grammar, spelling, style};

/// A check's option that a configuration may set (`[checks."ID"] NAME = N`).
#[derive(Debug)]
pub struct Tunable {
    /// The check's id.
    pub check: &'static str,
    pub name: &'static str,
    pub default: usize,
    pub help: &'static str,
}

/// Every check option, by check id.
pub const TUNABLES: &[Tunable] = &[
    Tunable {
        check: "repetition.duplicate-line",
        name: "window",
        default: repetition::duplicate_line::WINDOW,
        help: "how many lines back a repeated line is looked for",
    },
    Tunable {
        check: "repetition.duplicate-line",
        name: "min-words-anywhere",
        default: repetition::duplicate_line::MIN_WORDS_ANYWHERE,
        help: "lines of fewer words count only when repeated on the next line",
    },
    Tunable {
        check: "fragment.cut-off",
        name: "max-heading-words",
        default: fragment::cut_off::MAX_HEADING_WORDS,
        help: "paragraphs of at most this many words may be headings and are not flagged",
    },
];

/// The help text of a check: what it finds and an example.
pub fn help(info: &CheckInfo) -> String {
    format!("{}. Example: {}", capitalised(info.summary), info.example)
}

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_uppercase().chain(chars).collect::<String>()
    })
}

/// The descriptions of every built-in check: rule checks, terminology checks, the checks
/// that compare a unit's target with its source, then the optional ones.
pub fn all_infos() -> Vec<&'static CheckInfo> {
    rule_checks()
        .iter()
        .chain(&terminology_checks())
        .chain(&source_checks())
        .chain(&optional_checks())
        .map(|c| c.info())
        .collect()
}

/// All rule checks (those that need no glossary), in documentation order, with their
/// default options.
pub fn rule_checks() -> Vec<Box<dyn Check>> {
    rule_checks_with(&CheckOptions::default())
}

/// All rule checks, with the check options `options` sets.
pub fn rule_checks_with(options: &CheckOptions) -> Vec<Box<dyn Check>> {
    let value = |check: &str, name: &str| options.tunable(check, name);
    let duplicate_line = repetition::duplicate_line::DuplicateLine {
        window: value("repetition.duplicate-line", "window"),
        min_words_anywhere: value("repetition.duplicate-line", "min-words-anywhere"),
    };
    let cut_off = fragment::cut_off::CutOff {
        max_heading_words: value("fragment.cut-off", "max-heading-words"),
    };
    vec![
        Box::new(repetition::doubled::DoubledPhrase),
        Box::new(repetition::tautology::Tautology),
        Box::new(repetition::list_item::RepeatedListItem),
        Box::new(repetition::separated::SeparatedDouble),
        Box::new(repetition::bracket_echo::BracketEcho),
        Box::new(repetition::joined::JoinedDouble),
        Box::new(repetition::glued::GluedDouble),
        Box::new(repetition::repeated_sentence::RepeatedSentence),
        Box::new(duplicate_line),
        Box::new(garbled::mojibake::Mojibake),
        Box::new(garbled::replacement_char::ReplacementChar),
        Box::new(garbled::control_char::ControlChar),
        Box::new(garbled::source_script::SourceScript),
        Box::new(debris::markup::Markup),
        Box::new(debris::tag_tail::TagTail),
        Box::new(debris::metadata::Metadata),
        Box::new(punctuation::unbalanced::Unbalanced),
        Box::new(punctuation::doubled::DoubledPunctuation),
        Box::new(punctuation::missing_space::MissingSpace),
        Box::new(punctuation::capital_after_semicolon::CapitalAfterSemicolon),
        Box::new(cut_off),
        Box::new(spelling::unknown_word::UnknownWord),
        Box::new(spelling::dialect::DialectMix {
            dialect: options.dialect,
        }),
        Box::new(grammar::article::Article),
        Box::new(grammar::agreement::Agreement),
    ]
}

/// The source-aware checks: they compare each unit's target with its source, so they run
/// on bilingual files only ([`Engine::bilingual`](super::Engine::bilingual)).
pub fn source_checks() -> Vec<Box<dyn Check>> {
    vec![
        Box::new(accuracy::untranslated::Untranslated),
        Box::new(accuracy::number::NumberMismatch),
        Box::new(accuracy::entities::Entities),
        Box::new(accuracy::length::Length),
        Box::new(markup::tags::Tags),
        Box::new(punctuation::end::EndPunctuation),
        Box::new(terminology::missing::MissingTerm),
    ]
}

/// Checks that are off unless selected ([`Selection`]): style and readability.
pub fn optional_checks() -> Vec<Box<dyn Check>> {
    vec![
        Box::new(style::long_sentence::LongSentence),
        Box::new(style::oxford_comma::OxfordComma),
    ]
}

/// Which of the [`optional_checks`] a run adds: the one place a front end (today `mtpe
/// check --enable`, later the project configuration) states the selection.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// Check ids, or category names selecting all of a category's optional checks.
    pub enabled: Vec<String>,
}

impl Selection {
    /// The selected optional checks, or the first name that is no optional check's id or
    /// category.
    pub fn checks(&self) -> Result<Vec<Box<dyn Check>>, String> {
        let optional = optional_checks();
        for name in &self.enabled {
            let known = optional
                .iter()
                .any(|c| c.info().id == name || c.info().category.as_str() == name);
            if !known {
                return Err(name.clone());
            }
        }
        Ok(optional
            .into_iter()
            .filter(|c| {
                let info = c.info();
                self.enabled
                    .iter()
                    .any(|n| n == info.id || n == info.category.as_str())
            })
            .collect())
    }

    /// The ids a selection can name, for messages.
    pub fn choices() -> Vec<&'static str> {
        optional_checks().iter().map(|c| c.info().id).collect()
    }
}

/// The checks that need a glossary (silent without one).
pub fn terminology_checks() -> Vec<Box<dyn Check>> {
    terminology::checks()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn ids_are_unique_and_match_their_category() {
        let mut seen = HashSet::new();
        for c in rule_checks()
            .into_iter()
            .chain(source_checks())
            .chain(terminology_checks())
            .chain(optional_checks())
        {
            let info = c.info();
            assert!(seen.insert(info.id), "duplicate id {}", info.id);
            let (cat, name) = info.id.split_once('.').expect("id is category.name");
            assert_eq!(cat, info.category.as_str(), "{}", info.id);
            assert!(
                name.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{}",
                info.id
            );
            assert!(!info.summary.is_empty() && !info.example.is_empty());
        }
    }

    #[test]
    fn a_selection_adds_optional_checks_by_id_or_category() {
        let ids = |s: &[&str]| -> Result<Vec<&str>, String> {
            Selection {
                enabled: s.iter().map(|s| s.to_string()).collect(),
            }
            .checks()
            .map(|c| c.iter().map(|c| c.info().id).collect())
        };
        assert_eq!(ids(&[]), Ok(vec![]));
        assert_eq!(ids(&["style.oxford-comma"]), Ok(vec!["style.oxford-comma"]));
        assert_eq!(
            ids(&["style"]).map(|v| v.len()),
            Ok(optional_checks().len())
        );
        assert_eq!(ids(&["style.nope"]), Err("style.nope".to_string()));
        // Checks that are on anyway are not optional.
        assert!(ids(&["spelling.unknown-word"]).is_err());
    }

    #[test]
    fn every_tunable_names_a_check_and_defaults_to_the_checks_constant() {
        let ids: Vec<&str> = all_infos().iter().map(|i| i.id).collect();
        for t in TUNABLES {
            assert!(ids.contains(&t.check), "{}", t.check);
            assert!(t.default > 0 && !t.help.is_empty());
        }
        let help = help(rule_checks()[0].info());
        assert!(help.contains("Example:"), "{help}");
    }
}
