//! `mtpe completions SHELL` and `mtpe man`: shell completion scripts (`clap_complete`)
//! and manual pages (`clap_mangen`), generated from the same command definitions as
//! `--help`.

use std::path::PathBuf;

use clap::{Args, CommandFactory};
use clap_complete::Shell;

use super::Cli;
use super::batch::print;
use super::error::{Error, Outcome};
use crate::fsutil::{self, Permissions};

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to write the completion script for.
    #[arg(value_enum, value_name = "SHELL")]
    shell: Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write mtpe.1 and a page per command (mtpe-check.1, mtpe-glossary-add.1, ...) into
    /// this folder instead of printing mtpe.1.
    #[arg(long, value_name = "DIR")]
    dir: Option<PathBuf>,
}

pub fn completions(args: &CompletionsArgs) -> Result<Outcome, Error> {
    let mut cmd = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "mtpe", &mut out);
    print(&String::from_utf8_lossy(&out))?;
    Ok(Outcome::Clean)
}

pub fn man(args: &ManArgs) -> Result<Outcome, Error> {
    let mut cmd = Cli::command();
    cmd.build();
    let Some(dir) = &args.dir else {
        let mut out = Vec::new();
        clap_mangen::Man::new(cmd).render(&mut out)?;
        print(&String::from_utf8_lossy(&out))?;
        return Ok(Outcome::Clean);
    };
    std::fs::create_dir_all(dir).map_err(|e| Error::Output(format!("{}: {e}", dir.display())))?;
    let mut pages = Vec::new();
    collect(&cmd, "mtpe", &mut pages);
    for (name, page) in pages {
        let mut out = Vec::new();
        clap_mangen::Man::new(page).render(&mut out)?;
        fsutil::write_file(&dir.join(format!("{name}.1")), &out, Permissions::OUTPUT)?;
    }
    Ok(Outcome::Clean)
}

/// Each command with its page name (`mtpe-glossary-add`).
fn collect(cmd: &clap::Command, name: &str, out: &mut Vec<(String, clap::Command)>) {
    // clap names are `&'static str`; this runs once per page of a one-shot command.
    let page: &'static str = Box::leak(name.to_string().into_boxed_str());
    out.push((name.to_string(), cmd.clone().name(page)));
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        collect(sub, &format!("{name}-{}", sub.get_name()), out);
    }
}
