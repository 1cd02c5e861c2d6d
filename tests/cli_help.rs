//! Every command's `--help`: each option and argument has help text, each command lists
//! its exit codes, and the glossary commands that take terms explain the `=` and `~` case
//! markers.

use clap::CommandFactory as _;

use crate::util::mtpe;

/// Each command, by its path (`mtpe glossary add`).
fn commands() -> Vec<(String, clap::Command)> {
    fn walk(prefix: &str, cmd: &clap::Command, out: &mut Vec<(String, clap::Command)>) {
        for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
            let path = format!("{prefix} {}", sub.get_name());
            out.push((path.clone(), sub.clone()));
            walk(&path, sub, out);
        }
    }
    let mut cmd = mtpe::cli::Cli::command();
    cmd.build();
    let mut out = Vec::new();
    walk("mtpe", &cmd, &mut out);
    out
}

#[test]
fn every_option_and_argument_has_help() {
    let mut missing = Vec::new();
    for (path, cmd) in commands() {
        for arg in cmd.get_arguments() {
            let id = arg.get_id().as_str();
            if matches!(id, "help" | "version") {
                continue;
            }
            if arg.get_help().is_none() && arg.get_long_help().is_none() {
                missing.push(format!("{path}: {id}"));
            }
        }
        if cmd.get_about().is_none() {
            missing.push(format!("{path}: (the command itself)"));
        }
    }
    assert!(missing.is_empty(), "no help text:\n{}", missing.join("\n"));
}

#[test]
fn every_command_lists_its_exit_codes() {
    let mut missing = Vec::new();
    for (path, cmd) in commands() {
        if cmd.has_subcommands() {
            continue;
        }
        let after = cmd
            .get_after_help()
            .or(cmd.get_after_long_help())
            .map(|s| s.to_string())
            .unwrap_or_default();
        if !after.contains("Exit codes:") || !after.contains("  2  ") {
            missing.push(path);
        }
    }
    assert!(
        missing.is_empty(),
        "no exit codes in --help:\n{}",
        missing.join("\n")
    );
}

#[test]
fn the_case_markers_are_explained_where_terms_are_written() {
    for command in ["add", "edit"] {
        let out = mtpe()
            .args(["glossary", command, "--help"])
            .output()
            .unwrap();
        assert!(out.status.success());
        let help = String::from_utf8_lossy(&out.stdout);
        assert!(
            help.contains("=TERM") && help.contains("~TERM"),
            "{command}: {help}"
        );
        assert!(help.contains("case-sensitive"), "{command}: {help}");
        assert!(help.contains("Exit codes:"), "{command}: {help}");
    }
    let out = mtpe().args(["glossary", "add", "--help"]).output().unwrap();
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(help.contains("[default: zh]"), "{help}");
}
