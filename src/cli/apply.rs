//! `mtpe apply`: apply a unified diff (mtpe's own, `diff -u`'s or `git diff`'s) to an
//! article. Either every hunk applies and the result is written, or the hunks that do not
//! apply are named and nothing is written.

use std::path::PathBuf;

use clap::Args;

use super::error::{self, Error, Outcome};
use super::output;
use crate::diff::patch;
use crate::document::read_text;

#[derive(Debug, Args)]
pub struct ApplyArgs {
    /// The article to patch (left unchanged unless --in-place).
    #[arg(value_name = "ARTICLE")]
    article: PathBuf,
    /// The unified diff.
    #[arg(value_name = "PATCH")]
    patch: PathBuf,
    /// Write the patched text to OUTPUT (default: standard output).
    #[arg(short, long, value_name = "OUTPUT", conflicts_with = "in_place")]
    output: Option<PathBuf>,
    /// Replace ARTICLE with the patched text.
    #[arg(long)]
    in_place: bool,
    /// Accept an empty patch (the diff of identical texts): the article is output as it is.
    #[arg(long)]
    allow_empty: bool,
}

pub fn run(args: &ApplyArgs) -> Result<Outcome, Error> {
    let (_, text) = read_text(&args.article).map_err(Error::input)?;
    let (_, patch_text) = read_text(&args.patch).map_err(Error::input)?;
    let applied = if patch_text.trim().is_empty() {
        // An empty diff: the texts it was made from were identical. As git apply does,
        // refuse it unless asked: an empty file is more often a diff that went wrong
        // (a failed redirect, the wrong file) than a deliberate no-op.
        if !args.allow_empty {
            return Err(Error::Input(format!(
                "{}: the patch is empty (no hunks: the texts it was made from were \
                 identical); nothing written (--allow-empty accepts it)",
                args.patch.display()
            )));
        }
        text
    } else {
        let parsed = patch::parse(&patch_text)
            .map_err(|e| Error::Input(format!("{}: {e}", args.patch.display())))?;
        let applied = patch::apply(&text, &parsed).map_err(|e| {
            let mut msg = format!(
                "{}: does not apply to {}; nothing written",
                args.patch.display(),
                args.article.display()
            );
            for line in e.to_string().lines() {
                msg.push_str("\n  ");
                msg.push_str(line);
            }
            Error::Input(msg)
        })?;
        for (k, offset) in applied.offsets.iter().enumerate() {
            if *offset != 0 {
                error::message(format_args!(
                    "hunk {} applied {} line{} {} its stated position",
                    k + 1,
                    offset.unsigned_abs(),
                    if offset.unsigned_abs() == 1 { "" } else { "s" },
                    if *offset > 0 { "after" } else { "before" }
                ));
            }
        }
        applied.text
    };
    let target = if args.in_place {
        Some(args.article.as_path())
    } else {
        args.output.as_deref()
    };
    output::write_like(target, applied.as_bytes(), Some(&args.article))?;
    Ok(Outcome::Clean)
}
