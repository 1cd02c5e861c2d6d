//! The files of a run: the paths given, folders walked with the `ignore` crate's rules
//! (`.gitignore`, `.ignore`, hidden files skipped unless `--hidden`), filtered by
//! `--type` and `--glob`, in a stable order (each folder's entries by name).

use std::path::{Path, PathBuf};

use clap::Args;
use ignore::WalkBuilder;
use ignore::overrides::{Override, OverrideBuilder};
use ignore::types::{Types, TypesBuilder};

use super::error::{self, Error, Outcome};

/// The file type checked in folders when no `--type` is given.
const DEFAULT_TYPE: &str = "mtpe";
/// Its globs: the texts mtpe reads.
const DEFAULT_GLOBS: &[&str] = &["*.txt", "*.text", "*.md", "*.markdown"];

/// How folders are walked.
#[derive(Debug, Args)]
pub struct WalkOptions {
    /// Also check hidden files and folders (names starting with `.`) in folders.
    #[arg(long)]
    hidden: bool,
    /// In folders, check only files of this type (ripgrep's type names, e.g. `txt`,
    /// `markdown`; repeatable) [default: mtpe = *.txt, *.text, *.md, *.markdown].
    #[arg(long = "type", short = 't', value_name = "TYPE")]
    types: Vec<String>,
    /// In folders, check only files matching this glob (`!GLOB` excludes; repeatable;
    /// relative to the working folder, as in ripgrep). Files named on the command line are
    /// always checked.
    #[arg(long = "glob", short = 'g', value_name = "GLOB")]
    globs: Vec<String>,
    /// Do not honour .gitignore, .ignore and .git/info/exclude files.
    #[arg(long)]
    no_ignore: bool,
}

/// One input of a run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// Standard input (`-`).
    Stdin,
    /// A file, given or found in a folder.
    File(PathBuf),
    /// A path that could not be walked, and why (reported in its place in the output).
    Unreadable(PathBuf, String),
}

impl WalkOptions {
    /// The inputs of `paths`, in order: each path given, a folder replaced by the files
    /// found in it.
    pub fn inputs(&self, paths: &[PathBuf]) -> Result<Vec<Input>, Error> {
        let mut out = Vec::new();
        let mut filters: Option<(Types, Override)> = None;
        for path in paths {
            if path.as_os_str() == "-" {
                out.push(Input::Stdin);
            } else if path.is_dir() {
                let (types, overrides) = match &filters {
                    Some(f) => f,
                    None => filters.insert(self.filters()?),
                };
                let builder = self.builder(path, types.clone(), overrides.clone());
                walk(&builder, path, &mut out);
            } else {
                out.push(Input::File(path.clone()));
            }
        }
        Ok(out)
    }

    fn filters(&self) -> Result<(Types, Override), Error> {
        let mut types = TypesBuilder::new();
        types.add_defaults();
        for glob in DEFAULT_GLOBS {
            types
                .add(DEFAULT_TYPE, glob)
                .map_err(|e| Error::Usage(e.to_string()))?;
        }
        if self.types.is_empty() {
            types.select(DEFAULT_TYPE);
        }
        for t in &self.types {
            types.select(t);
        }
        let types = types
            .build()
            .map_err(|e| Error::Usage(format!("--type: {e}")))?;
        let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
        let mut overrides = OverrideBuilder::new(cwd);
        for g in &self.globs {
            overrides
                .add(g)
                .map_err(|e| Error::Usage(format!("--glob {g}: {e}")))?;
        }
        let overrides = overrides
            .build()
            .map_err(|e| Error::Usage(format!("--glob: {e}")))?;
        Ok((types, overrides))
    }

    fn builder(&self, root: &Path, types: Types, overrides: Override) -> WalkBuilder {
        let mut builder = WalkBuilder::new(root);
        builder
            .hidden(!self.hidden)
            .git_ignore(!self.no_ignore)
            .git_exclude(!self.no_ignore)
            .git_global(!self.no_ignore)
            .ignore(!self.no_ignore)
            .parents(!self.no_ignore)
            // .gitignore files count in corpora that are not git repositories too.
            .require_git(false)
            .types(types)
            .overrides(overrides)
            .sort_by_file_name(|a, b| a.cmp(b));
        builder
    }
}

fn walk(builder: &WalkBuilder, root: &Path, out: &mut Vec<Input>) {
    for entry in builder.build() {
        match entry {
            Ok(e) => {
                if e.file_type().is_some_and(|t| t.is_file()) {
                    out.push(Input::File(e.into_path()));
                }
            }
            Err(e) => {
                let path = error_path(&e).unwrap_or_else(|| root.to_path_buf());
                out.push(Input::Unreadable(path, error_reason(&e)));
            }
        }
    }
}

/// `mtpe check --list-files`: the files, one per line; paths that cannot be walked are
/// reported (exit 2 at the end).
pub fn list_files(inputs: &[Input]) -> Result<Outcome, Error> {
    let mut text = String::new();
    let mut failed = false;
    for input in inputs {
        match input {
            Input::Stdin => text.push_str("-\n"),
            Input::File(p) => {
                text.push_str(&p.to_string_lossy());
                text.push('\n');
            }
            Input::Unreadable(p, why) => {
                error::message(format_args!("{}: {why}", p.display()));
                failed = true;
            }
        }
    }
    super::batch::print(&text)?;
    if failed {
        Err(Error::Reported)
    } else {
        Ok(Outcome::Clean)
    }
}

fn error_path(e: &ignore::Error) -> Option<PathBuf> {
    match e {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        _ => None,
    }
}

fn error_reason(e: &ignore::Error) -> String {
    match e {
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => error_reason(err),
        ignore::Error::Io(io) => io.to_string(),
        other => other.to_string(),
    }
}
