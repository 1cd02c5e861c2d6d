//! stub
use super::error::{FormatError, SaveError};
use super::xml::Place;
use super::{BilingualFile, Parsed, Patch, TargetEdit};

#[derive(Debug)]
pub(crate) struct Layout;

impl Layout {
    pub(crate) fn patches(
        &self,
        _file: &BilingualFile,
        _edits: &[&TargetEdit],
    ) -> Result<Vec<Patch>, SaveError> {
        Ok(Vec::new())
    }
}
pub(crate) fn parse(place: Place<'_>, _o: &super::OpenOptions) -> Result<Parsed, FormatError> {
    Err(place.error(0, super::ErrorKind::UnknownFormat, "todo"))
}
