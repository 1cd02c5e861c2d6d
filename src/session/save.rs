//! Saving the corrected text and its diff: where they go by default, and writing them so
//! that a failure (full disk, read-only folder) leaves the old files exactly as they were
//! and the message says so.

use std::path::{Path, PathBuf};

use std::sync::Arc;

use super::{OriginalText, SaveReport, Session, SessionError};
use crate::fsutil::{self, Permissions};

/// Where the corrected text goes unless `-o` says otherwise: `NAME.edited.EXT` beside the
/// article (`NAME.edited` for a file without an extension).
pub fn default_output_path(article: &Path) -> PathBuf {
    let name = article
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "article".to_string());
    let edited = match name.rfind('.') {
        Some(dot) if dot > 0 => format!("{}.edited{}", &name[..dot], &name[dot..]),
        _ => format!("{name}.edited"),
    };
    article.with_file_name(edited)
}

/// Where the diff of a saved `output` goes: `OUTPUT.diff`.
pub fn diff_path(output: &Path) -> PathBuf {
    let mut s = output.as_os_str().to_os_string();
    s.push(".diff");
    PathBuf::from(s)
}

/// A save that did not happen. The message names the file and says what is intact.
#[derive(Debug, thiserror::Error)]
#[error("cannot save {path}: {reason}. {intact}")]
pub struct SaveError {
    pub path: String,
    pub reason: String,
    /// What was left as it was (or, rarely, what was already replaced).
    pub intact: String,
    #[source]
    pub source: Option<std::io::Error>,
}

/// Writes every `(path, bytes)` pair, all or nothing as far as the file system allows
/// ([`fsutil::write_files`]). New files get the permissions of `like`, when given (else
/// they are readable by their owner only), or keep the target's.
pub(super) fn write_all_atomically(
    files: &[(&Path, &[u8])],
    like: Option<&Path>,
) -> Result<(), SaveError> {
    let permissions = Permissions::Keep {
        like,
        new_mode: 0o600,
    };
    fsutil::write_files(files, permissions).map_err(|e| {
        let names = |paths: &[&Path]| {
            let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
            names.join(" and ")
        };
        let all: Vec<&Path> = files.iter().map(|(p, _)| *p).collect();
        let intact = if e.replaced.is_empty() {
            format!(
                "Nothing was written: {} and the journal are as they were",
                names(&all)
            )
        } else {
            let done: Vec<&Path> = e.replaced.iter().map(PathBuf::as_path).collect();
            format!(
                "{} already replaced; {} left as it was; the journal is intact",
                names(&done),
                names(&all[done.len()..])
            )
        };
        SaveError {
            path: e.path.display().to_string(),
            reason: e.reason,
            intact,
            source: Some(e.source),
        }
    })
}

impl Session {
    /// Writes the corrected text to the output and its unified diff against the original
    /// to `OUTPUT.diff`, atomically. The original article is never written.
    pub fn save(&mut self) -> Result<SaveReport, SaveError> {
        if let Some(report) = self.save_units()? {
            return Ok(self.saved(report));
        }
        // The session's own text, brought up to date, unless the worker is reading it.
        let text = if self.bring_text_up_to_date() && !self.everything_deleted() {
            self.base.document().shared_text()
        } else {
            Arc::new(self.current_text())
        };
        let original = OriginalText::new(
            self.base.document().shared_text(),
            self.base.original_edits(),
        );
        let diff_file = diff_path(&self.output);
        let old_label = self.name();
        let new_label = self.output.display().to_string();
        let diff = original.unified_diff(&text, &old_label, &new_label);
        write_all_atomically(
            &[
                (&self.output, text.as_bytes()),
                (&diff_file, diff.as_bytes()),
            ],
            self.base.document().origin().path(),
        )?;
        Ok(self.saved(SaveReport {
            output: self.output.clone(),
            diff: diff_file,
            edited_segments: self.edited_segments,
            journal_warning: None,
            text,
            original,
        }))
    }

    /// Notes a save in the session and the journal.
    fn saved(&mut self, mut report: SaveReport) -> SaveReport {
        self.saved_state = self.text_state();
        self.saved_seq = self.journal.last_seq();
        report.journal_warning = self
            .journal
            .mark_saved(&self.output)
            .err()
            .map(|e| e.to_string());
        report
    }

    /// Keep the journal of a session that ends cleanly, to resume it (undo included) next
    /// time; by default it is dropped (see [`Session::close`]).
    pub fn keep_journal(&mut self, keep: bool) {
        self.journal.keep_history(keep);
    }

    /// Ends the session. Unsaved changes are dropped from the journal when `discard` is
    /// set, and otherwise stay there to be recovered next time. With nothing unsaved, the
    /// article's journal is dropped (its ignored issues kept) unless
    /// [`Session::keep_journal`] asked to keep it.
    pub fn close(&mut self, discard: bool) -> Result<(), SessionError> {
        if self.has_pending() {
            // Undecided recovery: leave the journal exactly as it was.
            return Ok(());
        }
        if !self.is_dirty() {
            self.journal.close_clean()?;
        } else if discard {
            self.journal.discard_after(self.saved_seq)?;
            self.journal.close_clean()?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_names() {
        assert_eq!(
            default_output_path(Path::new("dir/cyberspace-review.mt.txt")),
            Path::new("dir/cyberspace-review.mt.edited.txt")
        );
        assert_eq!(
            default_output_path(Path::new("README")),
            Path::new("README.edited")
        );
        assert_eq!(
            default_output_path(Path::new("/x/.hidden")),
            Path::new("/x/.hidden.edited")
        );
        assert_eq!(
            diff_path(Path::new("a.edited.md")),
            Path::new("a.edited.md.diff")
        );
    }

    #[test]
    fn writes_both_files_and_replaces_old_ones() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.txt");
        let b = dir.path().join("a.txt.diff");
        std::fs::write(&a, "old").unwrap();
        write_all_atomically(&[(&a, b"new text"), (&b, b"diff")], None).unwrap();
        assert_eq!(std::fs::read_to_string(&a).unwrap(), "new text");
        assert_eq!(std::fs::read_to_string(&b).unwrap(), "diff");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().ends_with(".mtpe-tmp"))
            .collect();
        assert!(leftovers.is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn new_files_take_the_permissions_of_the_article() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let article = dir.path().join("a.txt");
        std::fs::write(&article, "x").unwrap();
        std::fs::set_permissions(&article, std::fs::Permissions::from_mode(0o640)).unwrap();
        let out = dir.path().join("a.edited.txt");
        write_all_atomically(&[(&out, b"y")], Some(&article)).unwrap();
        let mode = std::fs::metadata(&out).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o640);
    }

    #[test]
    fn a_failure_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let good = dir.path().join("out.txt");
        std::fs::write(&good, "previous").unwrap();
        let blocker = dir.path().join("not-a-folder");
        std::fs::write(&blocker, "").unwrap();
        let bad = blocker.join("out.txt.diff");
        let err = write_all_atomically(&[(&good, b"new"), (&bad, b"diff")], None).unwrap_err();
        assert_eq!(std::fs::read_to_string(&good).unwrap(), "previous");
        let msg = err.to_string();
        assert!(
            msg.starts_with(&format!("cannot save {}: ", bad.display())),
            "{msg}"
        );
        assert!(msg.contains("a part of the path is a file"), "{msg}");
        assert!(msg.contains("Nothing was written"), "{msg}");
    }
}
