//! Where a command's result goes: standard output, or a file written atomically (a
//! temporary file in the same directory, renamed over the target), so that an interrupted
//! or failed command never leaves a half-written file.

use std::io::Write;
use std::path::Path;

/// Why the output could not be written.
#[derive(Debug)]
pub enum OutputError {
    /// Standard output was closed (e.g. piped into `head`): not worth a message.
    BrokenPipe,
    Failed(String),
}

/// Writes `content` to `path`, or to standard output when `path` is `None` or `-`.
pub fn write(path: Option<&Path>, content: &[u8]) -> Result<(), OutputError> {
    match path.filter(|p| p.as_os_str() != "-") {
        None => {
            let stdout = std::io::stdout();
            let mut out = stdout.lock();
            out.write_all(content)
                .and_then(|()| out.flush())
                .map_err(|e| {
                    if e.kind() == std::io::ErrorKind::BrokenPipe {
                        OutputError::BrokenPipe
                    } else {
                        OutputError::Failed(format!("cannot write to standard output: {e}"))
                    }
                })
        }
        Some(p) => write_file(p, content)
            .map_err(|e| OutputError::Failed(format!("{}: cannot write: {e}", p.display()))),
    }
}

fn write_file(path: &Path, content: &[u8]) -> std::io::Result<()> {
    if path.is_dir() {
        return Err(std::io::Error::other("is a directory"));
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".mtpe-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path)
            .map(|m| m.permissions().mode() & 0o7777)
            .unwrap_or(0o644);
        builder.permissions(std::fs::Permissions::from_mode(mode));
    }
    let mut tmp = builder.tempfile_in(dir)?;
    tmp.write_all(content)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_atomically_and_keeps_mode() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.txt");
        write(Some(&p), b"one").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"one");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600)).unwrap();
            write(Some(&p), b"two").unwrap();
            let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 1);
        assert!(write(Some(dir.path()), b"x").is_err());
    }
}
