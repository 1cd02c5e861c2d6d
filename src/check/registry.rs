//! The list of rule checks. Adding a check: write its file, add one line here.

use super::Check;
use super::{accuracy, debris, garbled};
use super::{fragment, markup, punctuation, repetition, terminology};

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
}
