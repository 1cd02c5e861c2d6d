//! stub
use super::error::{FormatError, SaveError};
use super::{BilingualFile, Patch, TargetEdit};
use crate::document::Document;
pub(crate) fn align(_s: &Document, _t: &Document) -> Result<BilingualFile, FormatError> {
    todo_err()
}
fn todo_err() -> Result<BilingualFile, FormatError> {
    Err(FormatError {
        path: String::new(),
        line: 1,
        column: 1,
        offset: 0,
        kind: super::ErrorKind::UnknownFormat,
        message: "todo".into(),
    })
}
pub(crate) fn patches(
    _file: &BilingualFile,
    _edits: &[&TargetEdit],
) -> Result<Vec<Patch>, SaveError> {
    Ok(Vec::new())
}
