//! Saving the corrected text and its diff: where they go by default, and writing them so
//! that a failure (full disk, read-only folder) leaves the old files exactly as they were.

use std::io::Write;
use std::path::{Path, PathBuf};

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

/// A person's reading of an I/O error from writing a file.
pub fn explain(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::StorageFull => "the disk is full (no space left on the device)".into(),
        K::QuotaExceeded => "the disk quota is exceeded".into(),
        K::ReadOnlyFilesystem => "the file system is read-only".into(),
        K::PermissionDenied => "permission denied (the folder or file is not writable)".into(),
        K::NotFound => "the folder does not exist".into(),
        K::NotADirectory => "a part of the path is a file, not a folder".into(),
        K::IsADirectory => "a folder of that name is in the way".into(),
        K::FileTooLarge => "the file is too large for the file system or a size limit".into(),
        _ => e.to_string(),
    }
}

/// Writes every `(path, bytes)` pair, all or nothing as far as the file system allows:
/// each goes to a temporary file in its own folder, is synced to disk, and only when all
/// are written are they renamed over the targets (then the folders are synced). New files
/// get the permissions of `like`, when given, or keep the target's.
pub fn write_all_atomically(
    files: &[(&Path, &[u8])],
    like: Option<&Path>,
) -> Result<(), SaveError> {
    let intact_all = || {
        let names: Vec<String> = files.iter().map(|(p, _)| p.display().to_string()).collect();
        format!(
            "Nothing was written: {} and the journal are as they were",
            names.join(" and ")
        )
    };
    let fail = |path: &Path, e: std::io::Error| SaveError {
        path: path.display().to_string(),
        reason: explain(&e),
        intact: intact_all(),
        source: Some(e),
    };
    let mut staged = Vec::with_capacity(files.len());
    for (path, bytes) in files {
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        if path.is_dir() {
            return Err(fail(
                path,
                std::io::Error::from(std::io::ErrorKind::IsADirectory),
            ));
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut tmp = tempfile::Builder::new()
            .prefix(&format!(".{name}."))
            .suffix(".mtpe-tmp")
            .tempfile_in(&dir)
            .map_err(|e| fail(path, e))?;
        tmp.write_all(bytes).map_err(|e| fail(path, e))?;
        tmp.flush().map_err(|e| fail(path, e))?;
        let perms = std::fs::metadata(path)
            .ok()
            .or_else(|| like.and_then(|l| std::fs::metadata(l).ok()))
            .map(|m| m.permissions());
        if let Some(perms) = perms {
            tmp.as_file()
                .set_permissions(perms)
                .map_err(|e| fail(path, e))?;
        }
        tmp.as_file().sync_all().map_err(|e| fail(path, e))?;
        staged.push((tmp, *path, dir));
    }
    let mut done: Vec<String> = Vec::new();
    let total = staged.len();
    for (tmp, path, dir) in staged {
        if let Err(e) = tmp.persist(path) {
            let pending: Vec<String> = files
                .iter()
                .skip(done.len())
                .map(|(p, _)| p.display().to_string())
                .collect();
            let intact = if done.is_empty() {
                intact_all()
            } else {
                format!(
                    "{} already replaced; {} left as it was; the journal is intact",
                    done.join(" and "),
                    pending.join(" and ")
                )
            };
            return Err(SaveError {
                path: path.display().to_string(),
                reason: explain(&e.error),
                intact,
                source: Some(e.error),
            });
        }
        // Make the rename itself durable.
        if let Ok(d) = std::fs::File::open(&dir) {
            let _ = d.sync_all();
        }
        done.push(path.display().to_string());
    }
    debug_assert_eq!(done.len(), total);
    Ok(())
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

    #[test]
    fn explains_full_disk_and_read_only() {
        let full = std::io::Error::from(std::io::ErrorKind::StorageFull);
        assert!(explain(&full).contains("disk is full"));
        let ro = std::io::Error::from(std::io::ErrorKind::ReadOnlyFilesystem);
        assert!(explain(&ro).contains("read-only"));
    }
}
