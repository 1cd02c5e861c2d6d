//! stub
use super::error::{FormatError, SaveError};
use super::xml::Place;
use super::{BilingualFile, Parsed, Patch, PlaceholderSyntax, TargetEdit, Unit};

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
    pub(crate) fn syntax_of(&self, _u: &Unit) -> PlaceholderSyntax {
        PlaceholderSyntax::Default
    }
}
pub(crate) fn declared_charset(_b: &[u8]) -> Option<String> {
    None
}
pub(crate) fn parse(place: Place<'_>) -> Result<Parsed, FormatError> {
    Err(place.error(0, super::ErrorKind::UnknownFormat, "todo"))
}
