//! `mtpe config show [FILE]` (the effective configuration for a file, each value with
//! where it came from) and `mtpe check --list-checks` (the checks as configured).

use std::fmt::Write as _;
use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::batch::print;
use super::config_option::ConfigOption;
use super::error::{Error, Outcome};
use crate::check::registry::{self, TUNABLES};
use crate::check::{Category, CheckInfo};
use crate::config::Config;

#[derive(Debug, Args)]
pub struct ConfigArgs {
    #[command(subcommand)]
    command: ConfigCommand,
}

#[derive(Debug, Subcommand)]
enum ConfigCommand {
    /// Print the configuration that applies to FILE (default: the working folder), each
    /// value with the file and line it came from, or "default".
    #[command(
        after_help = "Exit codes:\n  0  printed\n  2  a configuration file that cannot be read or is invalid (named with its line and column)"
    )]
    Show(ShowArgs),
}

#[derive(Debug, Args)]
struct ShowArgs {
    /// The file (or folder) whose configuration to show.
    #[arg(value_name = "FILE")]
    file: Option<PathBuf>,
    #[command(flatten)]
    config: ConfigOption,
}

pub fn run(args: &ConfigArgs) -> Result<Outcome, Error> {
    match &args.command {
        ConfigCommand::Show(show) => {
            let config = show.config.for_path(show.file.as_deref())?;
            print(&render(&config))?;
            Ok(Outcome::Clean)
        }
    }
}

/// A TOML string.
fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| format!("{s:?}"))
}

fn list(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|s| quoted(s)).collect();
    format!("[{}]", items.join(", "))
}

/// The effective configuration as TOML, with origins as comments.
fn render(c: &Config) -> String {
    let mut out = String::new();
    if c.files.is_empty() {
        out.push_str("# no configuration file applies: mtpe's defaults\n");
    } else {
        out.push_str("# files read, later ones winning:\n");
        for f in &c.files {
            let _ = writeln!(out, "#   {}", f.display());
        }
    }
    let mut line = |key: &str, value: String, origin_key: &str| {
        let _ = writeln!(out, "{key} = {value}  # {}", c.origin(origin_key));
    };
    line(
        "target-lang",
        quoted(c.target_lang.as_deref().unwrap_or("en")),
        "target-lang",
    );
    line(
        "dialect",
        quoted(
            c.check
                .dialect
                .map_or("(from the target language, else from each text)", |d| {
                    d.as_str()
                }),
        ),
        "dialect",
    );
    line(
        "glossary",
        c.glossary.as_ref().map_or_else(
            || quoted("(the default glossary: --glossary, else $MTPE_GLOSSARY, else the user's)"),
            |p| quoted(&p.display().to_string()),
        ),
        "glossary",
    );
    line("select", list(&c.check.select), "select");
    line("enable", list(&c.check.enable), "enable");
    line("ignore", list(&c.check.ignore), "ignore");
    line("allow", list(&c.check.allow), "allow");
    for info in registry::all_infos() {
        let _ = writeln!(out, "\n[checks.{}]", quoted(info.id));
        let runs = c.check.runs(info.id, info.category);
        let _ = writeln!(
            out,
            "# {}{}",
            info.summary,
            if runs {
                ""
            } else {
                " (not run: select/ignore)"
            }
        );
        let severity = c.check.severity_of(info.id, info.category, info.severity);
        let origin = [info.id, info.category.as_str()]
            .iter()
            .map(|k| c.origin(&format!("checks.\"{k}\".severity")))
            .find(|o| *o != crate::config::Origin::Default)
            .unwrap_or(crate::config::Origin::Default);
        let _ = writeln!(out, "severity = {}  # {origin}", quoted(severity.as_str()));
        for t in TUNABLES.iter().filter(|t| t.check == info.id) {
            let _ = writeln!(
                out,
                "{} = {}  # {}; {}",
                t.name,
                c.check.tunable(t.check, t.name),
                c.origin(&format!("checks.\"{}\".{}", t.check, t.name)),
                t.help
            );
        }
    }
    for rule in &c.check.rules {
        let _ = writeln!(
            out,
            "\n[[rules]]  # {}",
            c.origin(&format!("rules.\"{}\"", rule.id))
        );
        let _ = writeln!(out, "id = {}", quoted(&rule.id));
        match &rule.pattern {
            Some(p) => {
                let _ = writeln!(out, "pattern = {}", quoted(p));
            }
            None => {
                let _ = writeln!(out, "words = {}", list(&rule.words));
            }
        }
        let _ = writeln!(out, "message = {}", quoted(&rule.message));
        if let Some(s) = &rule.suggestion {
            let _ = writeln!(out, "suggestion = {}", quoted(s));
        }
        let severity = c
            .check
            .severity_of(&rule.id, Category::Custom, rule.severity);
        let _ = writeln!(out, "severity = {}", quoted(severity.as_str()));
        let _ = writeln!(
            out,
            "case = {}",
            quoted(if rule.case_sensitive {
                "sensitive"
            } else {
                "insensitive"
            })
        );
        let _ = writeln!(out, "whole-word = {}", rule.whole_word);
        if let Some(p) = &rule.source_pattern {
            let _ = writeln!(out, "source-pattern = {}", quoted(p));
        }
    }
    out
}

/// `mtpe check --list-checks`.
pub fn list_checks(config: &ConfigOption) -> Result<Outcome, Error> {
    let c = config.for_path(None)?;
    let mut out = String::new();
    let row = |out: &mut String, info: &CheckInfo| {
        let runs = c.check.runs(info.id, info.category);
        let severity = c.check.severity_of(info.id, info.category, info.severity);
        let _ = writeln!(
            out,
            "{:<38} {:<12} {:<8} {}{}",
            info.id,
            info.category.as_str(),
            if runs { severity.as_str() } else { "off" },
            info.summary,
            if info.category == Category::Terminology {
                " (with a glossary)"
            } else {
                ""
            },
        );
    };
    let _ = writeln!(
        out,
        "{:<38} {:<12} {:<8} WHAT IT FINDS",
        "CHECK", "CATEGORY", "SEVERITY"
    );
    for info in registry::all_infos() {
        row(&mut out, info);
        for t in TUNABLES.iter().filter(|t| t.check == info.id) {
            let _ = writeln!(
                out,
                "{:<38} option {} = {} ({})",
                "",
                t.name,
                c.check.tunable(t.check, t.name),
                t.help
            );
        }
    }
    for rule in &c.check.rules {
        let runs = c.check.runs(&rule.id, Category::Custom);
        let severity = c
            .check
            .severity_of(&rule.id, Category::Custom, rule.severity);
        let _ = writeln!(
            out,
            "{:<38} {:<12} {:<8} {}  [{}]",
            rule.id,
            "custom",
            if runs { severity.as_str() } else { "off" },
            rule.message,
            c.origin(&format!("rules.\"{}\"", rule.id))
        );
    }
    print(&out)?;
    Ok(Outcome::Clean)
}
