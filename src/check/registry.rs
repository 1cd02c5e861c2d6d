//! The list of rule checks. Adding a check: write its file, add one line here.

use super::Check;
use super::{accuracy, debris, garbled};
use super::{fragment, markup, punctuation, repetition, terminology};
use super::{grammar, spelling, style};

/// All rule checks (those that need no glossary), in documentation order.
pub fn rule_checks() -> Vec<Box<dyn Check>> {
    vec![
        Box::new(repetition::doubled::DoubledPhrase),
        Box::new(repetition::tautology::Tautology),
        Box::new(repetition::list_item::RepeatedListItem),
        Box::new(repetition::separated::SeparatedDouble),
        Box::new(repetition::bracket_echo::BracketEcho),
        Box::new(repetition::joined::JoinedDouble),
        Box::new(repetition::glued::GluedDouble),
        Box::new(repetition::repeated_sentence::RepeatedSentence),
        Box::new(repetition::duplicate_line::DuplicateLine),
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
        Box::new(fragment::cut_off::CutOff),
        Box::new(spelling::unknown_word::UnknownWord),
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
}
