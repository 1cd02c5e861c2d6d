//! The input of `check` and `edit`: a plain text or Markdown article, a bilingual file
//! (XLIFF, PO, TMX, TSV/CSV — detected from its extension and content, or as
//! `--input-format` says), or an article with its source text (`--source`), paired
//! segment by segment. Every way of failing names the file and the place.

use std::path::{Path, PathBuf};

use clap::Args;

use super::Error;
use crate::document::units::{BilingualFile, InputFormat, OpenError, OpenOptions};
use crate::document::{Document, LoadError};

/// The options that say how to read the input.
#[derive(Debug, Clone, Args)]
pub struct InputOptions {
    /// Read the input as this format instead of detecting it from its extension and
    /// content: xliff, po, tmx, tsv, csv or text.
    #[arg(long, value_name = "FORMAT", value_parser = parse_input_format)]
    pub input_format: Option<InputFormat>,
    /// The source text the input translates: its segments are paired with the input's, by
    /// line (one segment a line) or by paragraph; different counts are refused.
    #[arg(long, value_name = "SOURCE")]
    pub source: Option<PathBuf>,
}

fn parse_input_format(name: &str) -> Result<InputFormat, String> {
    InputFormat::from_name(name).ok_or_else(|| {
        format!(
            "unknown input format {name:?}; expected one of {}",
            InputFormat::NAMES.join(", ")
        )
    })
}

/// An input, read.
#[derive(Debug)]
pub enum Input {
    /// A monolingual article.
    Text(Document),
    /// Units with a source and a target.
    Bilingual(Box<BilingualFile>),
}

impl InputOptions {
    /// Reads `path` (`-` for standard input) as these options say. `target_lang`, when the
    /// user gave it, chooses the target column or variant of a TSV/CSV or TMX file.
    pub fn read(&self, path: &Path, target_lang: Option<&str>) -> Result<Input, ReadError> {
        let open = OpenOptions {
            format: self.input_format,
            source_lang: None,
            target_lang: target_lang.map(str::to_string),
        };
        if let Some(source) = &self.source {
            if self
                .input_format
                .is_some_and(|f| !matches!(f, InputFormat::Text))
            {
                return Err(ReadError::Usage(
                    "--source pairs a text with its source text; it cannot be used with a bilingual --input-format".into(),
                ));
            }
            if path.as_os_str() == "-" && source.as_os_str() == "-" {
                return Err(ReadError::Usage(
                    "the article and its source cannot both be standard input".into(),
                ));
            }
            let file = BilingualFile::open_aligned(source, path)?;
            return Ok(Input::Bilingual(Box::new(file)));
        }
        if self.input_format == Some(InputFormat::Text) {
            return Ok(Input::Text(Document::load(path)?));
        }
        let (origin, bytes) = crate::document::read_bytes(path)?;
        let name = origin.display_name();
        let format = self
            .input_format
            .unwrap_or_else(|| InputFormat::detect(&name, &bytes));
        if format == InputFormat::Text {
            let text = crate::document::validate_text(&name, bytes)?;
            return Ok(Input::Text(Document::new(origin, text)));
        }
        let open = OpenOptions {
            format: Some(format),
            ..open
        };
        let file = BilingualFile::from_bytes(&name, bytes, &open).map_err(OpenError::from)?;
        Ok(Input::Bilingual(Box::new(file.with_origin(origin))))
    }
}

/// Why an input could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{0}")]
    Usage(String),
    #[error(transparent)]
    Open(#[from] OpenError),
}

impl From<LoadError> for ReadError {
    fn from(e: LoadError) -> Self {
        ReadError::Open(OpenError::Load(e))
    }
}

impl From<ReadError> for Error {
    fn from(e: ReadError) -> Self {
        match e {
            ReadError::Usage(m) => Error::Usage(m),
            ReadError::Open(e) => Error::input(e),
        }
    }
}
