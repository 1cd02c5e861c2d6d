//! Writing files so that a failure never leaves a half-written one, for every layer: the
//! editor's save, the CLI's `-o` outputs, glossary exports. Each file goes to a temporary
//! file in its own folder, is synced to disk and renamed over the target, then the folder
//! is synced; several files are renamed only once all of them are written. Who may read the
//! result is the caller's choice ([`Permissions`]), and every failure reads the same way
//! ([`WriteError`]: "cannot write PATH: REASON").
//!
//! Also the one way mtpe makes its own folders and files private ([`create_private_dir`],
//! [`create_private_file`], [`tighten`]): 0700 and 0600 whatever the umask.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Who may read a file written here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permissions<'a> {
    /// A file the user asked for (an output, an export): an existing target keeps its
    /// permissions; a new file takes those of `like` when given and readable (the article
    /// an output derives from), else `new_mode` (on Unix, less the umask).
    Keep {
        like: Option<&'a Path>,
        new_mode: u32,
    },
    /// Exactly `mode` (Unix), whatever the target had: mtpe's own state files (0o600).
    Exactly(u32),
}

impl Permissions<'_> {
    /// An output of a command: an existing target's permissions, else the usual ones for
    /// a new file (0o644 less the umask).
    pub const OUTPUT: Permissions<'static> = Permissions::Keep {
        like: None,
        new_mode: 0o644,
    };

    /// What the temporary file is created with, and what it is set to afterwards (not
    /// subject to the umask), if anything.
    fn resolve(self, target: &Path) -> (u32, Option<std::fs::Permissions>) {
        match self {
            Permissions::Keep { like, new_mode } => {
                let kept = std::fs::metadata(target)
                    .ok()
                    .or_else(|| like.and_then(|l| std::fs::metadata(l).ok()))
                    .map(|m| m.permissions());
                (new_mode, kept)
            }
            Permissions::Exactly(mode) => (mode, with_mode(mode)),
        }
    }
}

/// Permissions of `mode` (none where files have no modes).
#[cfg(unix)]
fn with_mode(mode: u32) -> Option<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Some(std::fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn with_mode(_mode: u32) -> Option<std::fs::Permissions> {
    None
}

/// A write that did not happen: the file, why, in words a person can act on, and (for
/// [`write_files`]) which files were already in place when it failed.
#[derive(Debug, thiserror::Error)]
#[error("cannot write {}: {reason}", path.display())]
pub struct WriteError {
    pub path: PathBuf,
    /// [`explain`]'s reading of the error (or the folder that is missing).
    pub reason: String,
    /// Files of the same [`write_files`] call already renamed over their targets.
    pub replaced: Vec<PathBuf>,
    #[source]
    pub source: std::io::Error,
}

impl WriteError {
    fn new(path: &Path, source: std::io::Error) -> Self {
        WriteError {
            path: path.to_path_buf(),
            reason: explain(&source),
            replaced: Vec::new(),
            source,
        }
    }
}

/// Whether `a` and `b` name the same file (through links and `..` in their folders); the
/// file itself need not exist.
pub fn same_file(a: &Path, b: &Path) -> bool {
    let canon = |p: &Path| {
        let parent = p
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::canonicalize(parent)
            .ok()
            .map(|d| d.join(p.file_name().unwrap_or_default()))
    };
    match (canon(a), canon(b)) {
        (Some(x), Some(y)) => x == y,
        _ => a == b,
    }
}

/// A person's reading of an I/O error from writing a file. Never names a temporary file
/// (the user named the destination, not that file). A missing folder is found before
/// writing and named ("no directory …").
pub fn explain(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::StorageFull => "the disk is full (no space left on the device)".into(),
        K::QuotaExceeded => "the disk quota is exceeded".into(),
        K::ReadOnlyFilesystem => "the file system is read-only".into(),
        K::PermissionDenied => "permission denied (the folder or file is not writable)".into(),
        K::NotADirectory => "a part of the path is a file, not a folder".into(),
        K::IsADirectory => "a folder of that name is in the way".into(),
        K::FileTooLarge => "the file is too large for the file system or a size limit".into(),
        _ => without_temporary_path(e),
    }
}

/// An error's own message, without the path of a temporary file that some wrappers add
/// ("… at path /dir/.tmpXXXX").
fn without_temporary_path(e: &std::io::Error) -> String {
    let message = e.to_string();
    match message.find(" at path \"") {
        Some(at) => message[..at].to_string(),
        None => message,
    }
}

/// Writes `bytes` to `path` atomically.
pub fn write_file(
    path: &Path,
    bytes: &[u8],
    permissions: Permissions<'_>,
) -> Result<(), WriteError> {
    write_files(&[(path, bytes)], permissions)
}

/// Writes what `write` writes to `path` atomically (buffered).
pub fn write_file_with(
    path: &Path,
    permissions: Permissions<'_>,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), WriteError> {
    Staged::new(path, permissions, write)?.commit()
}

/// Writes every `(path, bytes)` pair, all or nothing as far as the file system allows:
/// each is written and synced to a temporary file first, and only when all are are they
/// renamed over their targets, in order. A failed rename leaves the files before it
/// replaced ([`WriteError::replaced`]) and the others as they were.
///
/// The files are written and synced at the same time (each sync mostly waits for the
/// disk, and the file system can commit them together), the first on the calling thread.
pub fn write_files(
    files: &[(&Path, &[u8])],
    permissions: Permissions<'_>,
) -> Result<(), WriteError> {
    let stage =
        |(path, bytes): &(&Path, &[u8])| Staged::new(path, permissions, |w| w.write_all(bytes));
    let staged = std::thread::scope(|scope| {
        let others: Vec<_> = files
            .iter()
            .skip(1)
            .map(|file| (file.0, scope.spawn(move || stage(file))))
            .collect();
        let first = files.first().map(stage);
        first
            .into_iter()
            .chain(others.into_iter().map(|(path, thread)| {
                thread.join().unwrap_or_else(|_| {
                    Err(WriteError::new(
                        path,
                        std::io::Error::other("the thread writing it stopped"),
                    ))
                })
            }))
            .collect::<Vec<_>>()
    })
    .into_iter()
    .collect::<Result<Vec<_>, _>>()?;
    let mut replaced = Vec::with_capacity(staged.len());
    let mut dirs: Vec<PathBuf> = Vec::new();
    for file in staged {
        let path = file.target.clone();
        match file.rename() {
            Ok(dir) => {
                if !dirs.contains(&dir) {
                    dirs.push(dir);
                }
            }
            Err(mut e) => {
                sync_dirs(&dirs);
                e.replaced = replaced;
                return Err(e);
            }
        }
        replaced.push(path);
    }
    // Once per folder, after all its renames (a file and its diff share one).
    sync_dirs(&dirs);
    Ok(())
}

/// Makes the renames in `dirs` durable.
fn sync_dirs(dirs: &[PathBuf]) {
    for dir in dirs {
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
    }
}

/// A file written and synced under a temporary name beside its target.
struct Staged {
    tmp: tempfile::NamedTempFile,
    target: PathBuf,
    dir: PathBuf,
}

impl Staged {
    fn new(
        path: &Path,
        permissions: Permissions<'_>,
        write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    ) -> Result<Self, WriteError> {
        let fail = |e| WriteError::new(path, e);
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        if !dir.exists() {
            return Err(WriteError {
                reason: format!("no directory {}", dir.display()),
                ..fail(std::io::Error::from(std::io::ErrorKind::NotFound))
            });
        }
        if path.is_dir() {
            return Err(fail(std::io::ErrorKind::IsADirectory.into()));
        }
        let prefix = format!(
            ".{}.",
            path.file_name().unwrap_or_default().to_string_lossy()
        );
        let (create_mode, set) = permissions.resolve(path);
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix).suffix(".mtpe-tmp");
        if let Some(perms) = with_mode(create_mode) {
            builder.permissions(perms);
        }
        let mut tmp = builder.tempfile_in(&dir).map_err(fail)?;
        {
            let mut out = std::io::BufWriter::new(tmp.as_file_mut());
            write(&mut out).map_err(fail)?;
            out.flush().map_err(fail)?;
        }
        if let Some(perms) = set {
            tmp.as_file().set_permissions(perms).map_err(fail)?;
        }
        tmp.as_file().sync_all().map_err(fail)?;
        Ok(Staged {
            tmp,
            target: path.to_path_buf(),
            dir,
        })
    }

    /// Renames the file over its target and makes the rename durable.
    fn commit(self) -> Result<(), WriteError> {
        let dir = self.rename()?;
        sync_dirs(&[dir]);
        Ok(())
    }

    /// Renames the file over its target; the rename is durable once its folder (returned)
    /// is synced.
    fn rename(self) -> Result<PathBuf, WriteError> {
        self.tmp
            .persist(&self.target)
            .map_err(|e| WriteError::new(&self.target, e.error))?;
        Ok(self.dir)
    }
}

/// Mode of mtpe's own folders: the owner only.
pub const PRIVATE_DIR: u32 = 0o700;
/// Mode of mtpe's own files: the owner reads and writes, nobody else.
pub const PRIVATE_FILE: u32 = 0o600;

/// Creates `dir` and the folders above it that are missing, each 0700 whatever the umask
/// (as the XDG base directory specification asks of the folders it names).
pub fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
    if dir.is_dir() {
        return Ok(());
    }
    let mut missing = Vec::new();
    let mut at = Some(dir);
    while let Some(d) = at.filter(|d| !d.as_os_str().is_empty() && !d.exists()) {
        missing.push(d.to_path_buf());
        at = d.parent();
    }
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(PRIVATE_DIR)
        .create(dir)?;
    // The umask may have cleared bits of the owner's too (umask 0277).
    for d in missing {
        std::fs::set_permissions(&d, std::fs::Permissions::from_mode(PRIVATE_DIR))?;
    }
    Ok(())
}

/// Creates the empty file `path` (which must not exist), 0600 whatever the umask.
pub fn create_private_file(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(PRIVATE_FILE)
        .open(path)?;
    file.set_permissions(std::fs::Permissions::from_mode(PRIVATE_FILE))
}

/// What [`tighten`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tightened {
    /// Nothing to do: missing, or no more open than `mode`.
    Already,
    /// The group's and others' permissions were removed.
    Done,
    /// Group or others may read it and it is not the user's to change: someone else's.
    NotOurs,
}

/// Removes the group's and others' permissions from `path` (a folder or file of mtpe's
/// own), keeping the owner's: a folder ends 0700 or less, a file 0600 or less. A symbolic
/// link is left alone (its target may be anyone's).
pub fn tighten(path: &Path) -> std::io::Result<Tightened> {
    use std::os::unix::fs::PermissionsExt;
    let meta = match std::fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Tightened::Already),
        Err(e) => return Err(e),
    };
    let mode = meta.permissions().mode() & 0o7777;
    if meta.file_type().is_symlink() || mode & 0o077 == 0 {
        return Ok(Tightened::Already);
    }
    match std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode & 0o700)) {
        Ok(()) => Ok(Tightened::Done),
        Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => Ok(Tightened::NotOurs),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leftovers(dir: &Path) -> Vec<String> {
        std::fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".mtpe-tmp"))
            .collect()
    }

    #[test]
    fn writes_and_replaces_leaving_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.txt");
        std::fs::write(&a, "old").unwrap();
        write_file(&a, b"new", Permissions::OUTPUT).unwrap();
        assert_eq!(std::fs::read_to_string(&a).unwrap(), "new");
        write_file_with(&a, Permissions::OUTPUT, |w| {
            w.write_all(b"one ")?;
            w.write_all(b"two")
        })
        .unwrap();
        assert_eq!(std::fs::read_to_string(&a).unwrap(), "one two");
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn a_failing_writer_leaves_the_target_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.txt");
        std::fs::write(&a, "old").unwrap();
        let err = write_file_with(&a, Permissions::OUTPUT, |w| {
            w.write_all(b"half")?;
            Err(std::io::Error::other("the source went away"))
        })
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            format!("cannot write {}: the source went away", a.display())
        );
        assert_eq!(std::fs::read_to_string(&a).unwrap(), "old");
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn missing_folders_and_folders_in_the_way_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("no/such/dir/g.tsv");
        let err = write_file(&missing, b"x", Permissions::OUTPUT).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "cannot write {}: no directory {}",
                missing.display(),
                dir.path().join("no/such/dir").display()
            )
        );
        let err = write_file(dir.path(), b"x", Permissions::OUTPUT).unwrap_err();
        assert!(err.to_string().contains("a folder of that name"), "{err}");
        let blocker = dir.path().join("file");
        std::fs::write(&blocker, "").unwrap();
        let err = write_file(&blocker.join("x"), b"x", Permissions::OUTPUT).unwrap_err();
        assert!(err.reason.contains("a part of the path is a file"), "{err}");
        // Several files: none is written when one cannot be.
        let good = dir.path().join("good.txt");
        let err =
            write_files(&[(&good, b"new"), (&missing, b"x")], Permissions::OUTPUT).unwrap_err();
        assert!(err.path == missing && err.replaced.is_empty() && !good.exists());
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn explains_full_disk_and_read_only() {
        let full = std::io::Error::from(std::io::ErrorKind::StorageFull);
        assert!(explain(&full).contains("disk is full"));
        let ro = std::io::Error::from(std::io::ErrorKind::ReadOnlyFilesystem);
        assert!(explain(&ro).contains("read-only"));
    }

    #[test]
    fn io_messages_name_no_temporary_file() {
        let wrapped =
            std::io::Error::other("Permission denied (os error 13) at path \"/dir/.tmpunsmI9\"");
        assert_eq!(explain(&wrapped), "Permission denied (os error 13)");
        let plain = std::io::Error::other("something else");
        assert_eq!(explain(&plain), plain.to_string());
    }

    #[cfg(unix)]
    #[test]
    fn permissions_follow_the_policy() {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        let dir = tempfile::tempdir().unwrap();
        // An existing target keeps its permissions, even those the umask would clear.
        let out = dir.path().join("out.txt");
        std::fs::write(&out, "x").unwrap();
        std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o666)).unwrap();
        write_file(&out, b"y", Permissions::OUTPUT).unwrap();
        assert_eq!(mode(&out), 0o666);
        // A new file takes those of the file it derives from.
        let article = dir.path().join("a.txt");
        std::fs::write(&article, "x").unwrap();
        std::fs::set_permissions(&article, std::fs::Permissions::from_mode(0o640)).unwrap();
        let edited = dir.path().join("a.edited.txt");
        let like = Permissions::Keep {
            like: Some(&article),
            new_mode: 0o600,
        };
        write_file(&edited, b"y", like).unwrap();
        assert_eq!(mode(&edited), 0o640);
        // Else the mode given, less the umask.
        let fresh = dir.path().join("fresh.txt");
        write_file(&fresh, b"y", Permissions::OUTPUT).unwrap();
        assert_eq!(mode(&fresh) & !0o644, 0);
        // Exactly: whatever the target had.
        write_file(&out, b"z", Permissions::Exactly(0o600)).unwrap();
        assert_eq!(mode(&out), 0o600);
    }

    #[cfg(unix)]
    #[test]
    fn private_folders_and_files_whatever_their_parents() {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        let dir = tempfile::tempdir().unwrap();
        let deep = dir.path().join("a/b/c");
        create_private_dir(&deep).unwrap();
        for d in ["a", "a/b", "a/b/c"] {
            assert_eq!(mode(&dir.path().join(d)), 0o700, "{d}");
        }
        create_private_dir(&deep).unwrap();
        let file = deep.join("f.sqlite");
        create_private_file(&file).unwrap();
        assert_eq!(mode(&file), 0o600);
        assert!(
            create_private_file(&file).is_err(),
            "never an existing file"
        );
        // Tightening keeps the owner's bits, removes the others'.
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
        assert_eq!(tighten(&file).unwrap(), Tightened::Done);
        assert_eq!(mode(&file), 0o600);
        assert_eq!(tighten(&file).unwrap(), Tightened::Already);
        std::fs::set_permissions(&deep, std::fs::Permissions::from_mode(0o755)).unwrap();
        assert_eq!(tighten(&deep).unwrap(), Tightened::Done);
        assert_eq!(mode(&deep), 0o700);
        assert_eq!(tighten(&deep.join("missing")).unwrap(), Tightened::Already);
    }

    /// Outputs of a command keep the article's permissions, even private ones, and a
    /// temporary file is never more open than its target will be.
    #[cfg(unix)]
    #[test]
    fn outputs_keep_the_articles_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        let dir = tempfile::tempdir().unwrap();
        let article = dir.path().join("a.txt");
        std::fs::write(&article, "x").unwrap();
        for article_mode in [0o600, 0o640, 0o644] {
            std::fs::set_permissions(&article, std::fs::Permissions::from_mode(article_mode))
                .unwrap();
            let out = dir.path().join(format!("a.{article_mode:o}.edited.txt"));
            let like = Permissions::Keep {
                like: Some(&article),
                new_mode: 0o600,
            };
            write_files(&[(&out, b"y"), (&out.with_extension("diff"), b"z")], like).unwrap();
            assert_eq!(mode(&out), article_mode);
            assert_eq!(mode(&out.with_extension("diff")), article_mode);
        }
    }
}
