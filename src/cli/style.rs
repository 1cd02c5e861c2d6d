//! ANSI colouring for terminal output, off when piped or when `NO_COLOR` is set.

use std::io::IsTerminal;

use super::ColorChoice;

/// Wraps text in ANSI styles when enabled.
#[derive(Debug, Clone, Copy)]
pub struct Painter {
    enabled: bool,
}

impl Painter {
    pub fn new(choice: ColorChoice, stream_is_terminal: bool) -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let enabled = match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => stream_is_terminal && !no_color,
        };
        Painter { enabled }
    }

    /// A painter for standard output.
    pub fn stdout(choice: ColorChoice) -> Self {
        Self::new(choice, std::io::stdout().is_terminal())
    }

    #[cfg(test)]
    pub fn plain() -> Self {
        Painter { enabled: false }
    }

    fn paint(&self, code: &str, text: &str) -> String {
        if self.enabled {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    pub fn bold(&self, t: &str) -> String {
        self.paint("1", t)
    }
    pub fn red(&self, t: &str) -> String {
        self.paint("1;31", t)
    }
    pub fn yellow(&self, t: &str) -> String {
        self.paint("1;33", t)
    }
    pub fn cyan(&self, t: &str) -> String {
        self.paint("1;36", t)
    }
    pub fn blue(&self, t: &str) -> String {
        self.paint("1;34", t)
    }
    pub fn green(&self, t: &str) -> String {
        self.paint("32", t)
    }
}
