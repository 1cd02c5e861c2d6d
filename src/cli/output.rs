//! Where a command's result goes: standard output, or a file written atomically
//! ([`crate::fsutil`]), so that an interrupted or failed command never leaves a
//! half-written file.

use std::io::Write;
use std::path::Path;

use crate::fsutil::{self, Permissions};

/// Why the output could not be written.
#[derive(Debug)]
pub enum OutputError {
    /// Standard output was closed (e.g. piped into `head`): not worth a message.
    BrokenPipe,
    Failed(String),
}

/// Writes `content` to `path`, or to standard output when `path` is `None` or `-`.
pub fn write(path: Option<&Path>, content: &[u8]) -> Result<(), OutputError> {
    write_like(path, content, None)
}

/// [`write`], a new file taking the permissions of `like` (the article the output derives
/// from: a client's text kept private stays private in its diff or report).
pub fn write_like(
    path: Option<&Path>,
    content: &[u8],
    like: Option<&Path>,
) -> Result<(), OutputError> {
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
        Some(p) => fsutil::write_file(
            p,
            content,
            Permissions::Keep {
                like: like.filter(|l| l.as_os_str() != "-"),
                new_mode: 0o644,
            },
        )
        .map_err(|e| OutputError::Failed(e.to_string())),
    }
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
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let article = dir.path().join("article.txt");
            std::fs::write(&article, "text").unwrap();
            std::fs::set_permissions(&article, std::fs::Permissions::from_mode(0o640)).unwrap();
            let report = dir.path().join("report.html");
            write_like(Some(&report), b"<p>", Some(&article)).unwrap();
            let mode = std::fs::metadata(&report).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o640);
        }
    }
}
