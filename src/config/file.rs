//! One configuration file: its TOML read with the spans of its values, checked against
//! the check registry, and laid over the configuration read before it.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use super::{Config, Origin};
use crate::check::custom::RuleSpec;
use crate::check::registry::{self, TUNABLES};
use crate::check::spelling::Dialect;
use crate::check::{Category, Severity};

/// A configuration file that cannot be used: where, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    /// 1-based line and column of the offending value, when known.
    pub position: Option<(usize, usize)>,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some((line, col)) => {
                write!(f, "{}:{line}:{col}: {}", self.path.display(), self.message)
            }
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

impl std::error::Error for ConfigError {}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawFile {
    select: Option<Spanned<Vec<Spanned<String>>>>,
    ignore: Option<Spanned<Vec<Spanned<String>>>>,
    enable: Option<Spanned<Vec<Spanned<String>>>>,
    #[serde(alias = "target_lang")]
    target_lang: Option<Spanned<String>>,
    dialect: Option<Spanned<String>>,
    glossary: Option<Spanned<String>>,
    allow: Option<Spanned<Vec<Spanned<String>>>>,
    #[serde(alias = "rules_files")]
    rules_files: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    checks: BTreeMap<String, Spanned<BTreeMap<String, Spanned<toml::Value>>>>,
    #[serde(default)]
    rules: Vec<Spanned<RawRule>>,
}

/// A shared rules file (`rules-files = [...]`): rules only.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRulesFile {
    #[serde(default)]
    rules: Vec<Spanned<RawRule>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawRule {
    id: Spanned<String>,
    pattern: Option<Spanned<String>>,
    words: Option<Vec<String>>,
    message: Spanned<String>,
    suggestion: Option<String>,
    severity: Option<Spanned<String>>,
    case: Option<Spanned<String>>,
    #[serde(alias = "whole_word")]
    whole_word: Option<bool>,
    #[serde(alias = "source-pattern")]
    source_pattern: Option<Spanned<String>>,
}

/// The text and path of a file being read, to place errors.
struct Place<'a> {
    path: &'a Path,
    text: &'a str,
}

impl Place<'_> {
    fn at(&self, span: Range<usize>, message: impl Into<String>) -> ConfigError {
        ConfigError {
            path: self.path.to_path_buf(),
            position: Some(line_col(self.text, span.start)),
            message: message.into(),
        }
    }

    fn origin(&self, span: &Range<usize>) -> Origin {
        Origin::File {
            path: self.path.to_path_buf(),
            line: line_col(self.text, span.start).0,
        }
    }
}

/// 1-based line and column (in characters) of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

fn read_text(path: &Path) -> Result<String, ConfigError> {
    std::fs::read_to_string(path).map_err(|e| ConfigError {
        path: path.to_path_buf(),
        position: None,
        message: format!("cannot read the configuration: {e}"),
    })
}

fn parse<'de, T: Deserialize<'de>>(path: &Path, text: &'de str) -> Result<T, ConfigError> {
    toml::from_str(text).map_err(|e| ConfigError {
        path: path.to_path_buf(),
        position: e.span().map(|s| line_col(text, s.start)),
        message: e.message().trim_end().to_string(),
    })
}

/// Reads the configuration file at `path` and lays it over `config`.
pub(super) fn read_into(path: &Path, config: &mut Config) -> Result<(), ConfigError> {
    let text = read_text(path)?;
    let raw: RawFile = parse(path, &text)?;
    let place = Place { path, text: &text };
    let folder = path.parent().unwrap_or(Path::new("."));
    config.files.push(path.to_path_buf());

    if let Some(lang) = raw.target_lang {
        if lang.get_ref().trim().is_empty() {
            return Err(place.at(lang.span(), "target-lang is empty"));
        }
        config
            .origins
            .insert("target-lang".into(), place.origin(&lang.span()));
        config.target_lang = Some(lang.into_inner());
    }
    if let Some(dialect) = raw.dialect {
        let Some(parsed) = Dialect::parse(dialect.get_ref()) else {
            return Err(place.at(
                dialect.span(),
                format!(
                    "unknown dialect {:?} (choose from american, british, canadian, australian)",
                    dialect.get_ref()
                ),
            ));
        };
        config
            .origins
            .insert("dialect".into(), place.origin(&dialect.span()));
        config.check.dialect = Some(parsed);
    }
    if let Some(glossary) = raw.glossary {
        config
            .origins
            .insert("glossary".into(), place.origin(&glossary.span()));
        config.glossary = Some(folder.join(glossary.into_inner()));
    }
    for (key, list) in [
        ("select", raw.select),
        ("ignore", raw.ignore),
        ("enable", raw.enable),
    ] {
        let Some(list) = list else { continue };
        config
            .origins
            .insert(key.into(), place.origin(&list.span()));
        let mut names = Vec::new();
        for name in list.into_inner() {
            check_name(&place, &name)?;
            names.push(name.into_inner());
        }
        match key {
            "select" => config.check.select = names,
            "ignore" => config.check.ignore = names,
            _ => config.check.enable = names,
        }
    }
    if let Some(allow) = raw.allow {
        config
            .origins
            .insert("allow".into(), place.origin(&allow.span()));
        for phrase in allow.into_inner() {
            if phrase.get_ref().trim().is_empty() {
                return Err(place.at(phrase.span(), "an allowed phrase is empty"));
            }
            config.check.allow.push(phrase.get_ref().trim().to_string());
        }
    }
    for (name, table) in raw.checks {
        read_check(&place, &name, table, config)?;
    }
    for rules_file in raw.rules_files.unwrap_or_default() {
        let shared = folder.join(rules_file.get_ref());
        let shared_text = read_text(&shared).map_err(|e| {
            place.at(
                rules_file.span(),
                format!("{}: {}", shared.display(), e.message),
            )
        })?;
        let parsed: RawRulesFile = parse(&shared, &shared_text)?;
        let shared_place = Place {
            path: &shared,
            text: &shared_text,
        };
        config.files.push(shared.clone());
        for rule in parsed.rules {
            add_rule(&shared_place, rule, config)?;
        }
    }
    for rule in raw.rules {
        add_rule(&place, rule, config)?;
    }
    Ok(())
}

/// A name in `select` or `ignore`: a check id, a category, `all`, or a custom rule's id.
fn check_name(place: &Place<'_>, name: &Spanned<String>) -> Result<(), ConfigError> {
    let n = name.get_ref().as_str();
    if n == "all"
        || Category::from_name(n).is_some()
        || registry::all_infos().iter().any(|i| i.id == n)
    {
        return Ok(());
    }
    match n.split_once('.') {
        Some((ns, _)) if Category::from_name(ns).is_none() => Ok(()),
        _ => Err(place.at(
            name.span(),
            format!("unknown check or category `{n}` (`mtpe check --list-checks` lists them)"),
        )),
    }
}

fn severity(place: &Place<'_>, value: &Spanned<String>) -> Result<Severity, ConfigError> {
    Severity::from_name(value.get_ref()).ok_or_else(|| {
        place.at(
            value.span(),
            format!(
                "unknown severity `{}` (error, warning or info)",
                value.get_ref()
            ),
        )
    })
}

/// `[checks."ID"]` or `[checks.CATEGORY]`: `severity` and the check's options.
fn read_check(
    place: &Place<'_>,
    name: &str,
    table: Spanned<BTreeMap<String, Spanned<toml::Value>>>,
    config: &mut Config,
) -> Result<(), ConfigError> {
    let span = table.span();
    check_name(place, &Spanned::new(span.clone(), name.to_string()))?;
    for (key, value) in table.into_inner() {
        let vspan = value.span();
        let full_key = format!("checks.\"{name}\".{key}");
        if key == "severity" {
            let Some(s) = value.get_ref().as_str() else {
                return Err(place.at(vspan, "severity is a string: error, warning or info"));
            };
            let sev = severity(place, &Spanned::new(vspan.clone(), s.to_string()))?;
            config.check.severity.insert(name.to_string(), sev);
            config.origins.insert(full_key, place.origin(&vspan));
            continue;
        }
        let Some(tunable) = TUNABLES.iter().find(|t| t.check == name && t.name == key) else {
            let known: Vec<&str> = TUNABLES
                .iter()
                .filter(|t| t.check == name)
                .map(|t| t.name)
                .chain(["severity"])
                .collect();
            return Err(place.at(
                vspan,
                format!(
                    "unknown option `{key}` for `{name}` (it has: {})",
                    known.join(", ")
                ),
            ));
        };
        let n = value
            .get_ref()
            .as_integer()
            .filter(|&n| n >= 1)
            .and_then(|n| usize::try_from(n).ok())
            .ok_or_else(|| {
                place.at(
                    vspan.clone(),
                    format!("{key} is a whole number of at least 1"),
                )
            })?;
        config
            .check
            .tunables
            .insert((tunable.check.to_string(), tunable.name.to_string()), n);
        config.origins.insert(full_key, place.origin(&vspan));
    }
    Ok(())
}

fn add_rule(
    place: &Place<'_>,
    raw: Spanned<RawRule>,
    config: &mut Config,
) -> Result<(), ConfigError> {
    let span = raw.span();
    let raw = raw.into_inner();
    let case_sensitive = match raw.case.as_ref().map(|c| c.get_ref().as_str()) {
        None | Some("insensitive") => false,
        Some("sensitive") => true,
        Some(other) => {
            let c = raw.case.as_ref().map_or(span.clone(), Spanned::span);
            return Err(place.at(
                c,
                format!("unknown case `{other}` (sensitive or insensitive)"),
            ));
        }
    };
    let spec = RuleSpec {
        id: raw.id.get_ref().clone(),
        whole_word: raw.whole_word.unwrap_or(raw.pattern.is_none()),
        pattern: raw.pattern.as_ref().map(|p| p.get_ref().clone()),
        words: raw.words.unwrap_or_default(),
        message: raw.message.get_ref().clone(),
        suggestion: raw.suggestion,
        severity: match &raw.severity {
            Some(s) => severity(place, s)?,
            None => Severity::Warning,
        },
        case_sensitive,
        source_pattern: raw.source_pattern.as_ref().map(|p| p.get_ref().clone()),
    };
    // Compiled here, so that an invalid rule is refused with its place in the file.
    if let Err(e) = crate::check::custom::CustomRules::compile(std::slice::from_ref(&spec)) {
        let at = if e.message.contains("source_pattern") {
            raw.source_pattern
                .as_ref()
                .map_or(span.clone(), Spanned::span)
        } else if e.message.contains("pattern") {
            raw.pattern.as_ref().map_or(span.clone(), Spanned::span)
        } else if e.message.contains("message") {
            raw.message.span()
        } else {
            raw.id.span()
        };
        return Err(place.at(at, e.to_string()));
    }
    config.origins.insert(
        format!("rules.\"{}\"", spec.id),
        place.origin(&raw.id.span()),
    );
    config.check.rules.retain(|r| r.id != spec.id);
    config.check.rules.push(spec);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_count_characters() {
        let text = "a = 1\nbé = [\"x\"]\n";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 6), (2, 1));
        assert_eq!(line_col(text, 12), (2, 6));
    }
}
