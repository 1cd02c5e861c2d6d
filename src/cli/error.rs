//! The command line's one error type, and the one place that prints `mtpe: …` and turns a
//! command's result into the exit code (as ripgrep's `main` → `run` → exit code).
//!
//! Each subcommand's `run` returns `Result<Outcome, Error>`; [`super::main`] prints the
//! error, if any, and exits with [`exit_code`]. Messages printed while a command goes on
//! (a warning, a note, a file among several that cannot be read) go through [`message`],
//! [`warning`] and [`note`].

use std::fmt::Display;
use std::io::Write;

use super::output::OutputError;
use crate::fsutil::WriteError;
use crate::glossary::GlossaryError;
use crate::history::StoreError;

/// Exit code when no issue was found / the command succeeded.
const EXIT_OK: u8 = 0;
/// Exit code when issues were found, or the texts compared differ.
const EXIT_ISSUES: u8 = 1;
/// Exit code for a usage or input error.
const EXIT_ERROR: u8 = 2;

/// How a command that ran to its end came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Done; nothing to report (exit 0).
    Clean,
    /// Issues found, or the texts differ (exit 1).
    Found,
}

/// Why a command failed (exit 2).
#[derive(Debug)]
pub enum Error {
    /// Arguments that do not go together, beyond what the parser checks.
    Usage(String),
    /// Input that cannot be used: a missing or binary file, an unreadable glossary, a
    /// journal or revision store that cannot be opened, a patch that does not apply.
    Input(String),
    /// Output that cannot be written, or the editor stopping.
    Output(String),
    /// Standard output was closed (piped into `head`): not worth a message.
    BrokenPipe,
    /// The errors were printed as they happened (a file among several could not be
    /// read): only the exit code is left to give.
    Reported,
}

impl Error {
    /// The message to print, if any.
    fn text(&self) -> Option<&str> {
        match self {
            Error::Usage(m) | Error::Input(m) | Error::Output(m) => Some(m),
            Error::BrokenPipe | Error::Reported => None,
        }
    }

    /// An error about the input, from anything that says what went wrong.
    pub fn input(e: impl Display) -> Self {
        Error::Input(e.to_string())
    }
}

impl From<GlossaryError> for Error {
    fn from(e: GlossaryError) -> Self {
        Error::input(e)
    }
}

impl From<StoreError> for Error {
    fn from(e: StoreError) -> Self {
        Error::input(e)
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            Error::BrokenPipe
        } else {
            Error::Output(e.to_string())
        }
    }
}

impl From<WriteError> for Error {
    fn from(e: WriteError) -> Self {
        Error::Output(e.to_string())
    }
}

impl From<OutputError> for Error {
    fn from(e: OutputError) -> Self {
        match e {
            OutputError::BrokenPipe => Error::BrokenPipe,
            OutputError::Failed(m) => Error::Output(m),
        }
    }
}

/// The exit code of a command's result, its error printed first.
pub fn exit_code(result: Result<Outcome, Error>) -> u8 {
    match result {
        Ok(Outcome::Clean) => EXIT_OK,
        Ok(Outcome::Found) => EXIT_ISSUES,
        Err(e) => {
            if let Some(text) = e.text() {
                message(text);
            }
            EXIT_ERROR
        }
    }
}

/// Prints `mtpe: TEXT` on standard error (best effort: the terminal may be gone).
pub fn message(text: impl Display) {
    let _ = writeln!(std::io::stderr(), "mtpe: {text}");
}

/// Prints `mtpe: warning: TEXT` on standard error.
pub fn warning(text: impl Display) {
    message(format_args!("warning: {text}"));
}

/// Prints `mtpe: note: TEXT` on standard error.
pub fn note(text: impl Display) {
    message(format_args!("note: {text}"));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcomes_and_errors_have_their_exit_codes() {
        assert_eq!(exit_code(Ok(Outcome::Clean)), 0);
        assert_eq!(exit_code(Ok(Outcome::Found)), 1);
        for e in [
            Error::Usage("u".into()),
            Error::Input("i".into()),
            Error::Output("o".into()),
            Error::BrokenPipe,
            Error::Reported,
        ] {
            assert_eq!(exit_code(Err(e)), 2);
        }
    }

    #[test]
    fn a_closed_pipe_is_not_worth_a_message() {
        let e = Error::from(std::io::Error::from(std::io::ErrorKind::BrokenPipe));
        assert!(matches!(e, Error::BrokenPipe));
        assert!(e.text().is_none());
        let e = Error::from(std::io::Error::other("disk full"));
        assert_eq!(e.text(), Some("disk full"));
    }
}
