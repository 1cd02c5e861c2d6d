//! All targets of a bilingual file as one text, for the checks that read a [`Document`]:
//! one paragraph a unit (its target text, codes as their placeholder characters), and the
//! way back from a span of that text to its unit and to the file.

use std::ops::Range;

use super::BilingualFile;
use crate::document::{BlockKind, Document};

/// The units' targets joined by line feeds, and where each is.
#[derive(Debug, Clone)]
pub struct JoinedTargets {
    pub text: String,
    /// Each unit's target text in [`JoinedTargets::text`], by unit index.
    pub units: Vec<Range<usize>>,
}

impl JoinedTargets {
    pub(crate) fn of(file: &BilingualFile) -> JoinedTargets {
        let units = file.units();
        let mut text = String::with_capacity(units.iter().map(|u| u.target.text.len() + 1).sum());
        let mut ranges = Vec::with_capacity(units.len());
        for u in units {
            let start = text.len();
            text.push_str(&u.target.text);
            ranges.push(start..text.len());
            text.push('\n');
        }
        JoinedTargets {
            text,
            units: ranges,
        }
    }

    /// The unit a range of the joined text is in, and the range in that unit's target
    /// text; `None` for a range that is not within one target.
    pub fn locate(&self, range: Range<usize>) -> Option<(usize, Range<usize>)> {
        let i = self.units.partition_point(|r| r.end < range.start);
        let unit = self.units.get(i)?;
        (unit.start <= range.start && range.end <= unit.end)
            .then(|| (i, range.start - unit.start..range.end - unit.start))
    }

    /// The bytes of the file's text ([`BilingualFile::text`]) a range of the joined text
    /// stands for.
    pub fn file_range(&self, file: &BilingualFile, range: Range<usize>) -> Option<Range<usize>> {
        let (unit, r) = self.locate(range)?;
        Some(file.units()[unit].target.file_range(r))
    }

    /// A document of the joined text named `name`, one paragraph a unit with a target text
    /// (empty targets are no paragraph).
    pub fn document(&self, name: &str) -> Document {
        Document::from_str_named(name, "").with_paragraph_spans(
            self.text.clone(),
            self.units
                .iter()
                .filter(|r| !r.is_empty())
                .map(|r| (r.clone(), BlockKind::Text)),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::super::{BilingualFile, OpenOptions};

    #[test]
    fn spans_of_the_joined_text_map_to_units_and_the_file() {
        let xliff = "<xliff version=\"1.2\"><file source-language=\"zh\" target-language=\"en\"><body>\n<trans-unit id=\"a\"><source>一</source><target>One &amp; <x id=\"1\"/>only</target></trans-unit>\n<trans-unit id=\"b\"><source>二</source></trans-unit>\n<trans-unit id=\"c\"><source>三</source><target>Three</target></trans-unit>\n</body></file></xliff>";
        let file =
            BilingualFile::from_bytes("j.xlf", xliff.as_bytes().to_vec(), &OpenOptions::default())
                .unwrap_or_else(|e| panic!("{e}"));
        let joined = file.joined_targets();
        assert_eq!(joined.text, "One & \u{e000}only\n\nThree\n");
        let three = joined.text.find("Three").unwrap();
        assert_eq!(joined.locate(three..three + 5), Some((2, 0..5)));
        let amp = joined.text.find('&').unwrap();
        let r = joined.file_range(&file, amp..amp + 1).unwrap();
        assert_eq!(&file.text()[r], "&amp;");
        let only = joined.text.find("only").unwrap();
        let r = joined.file_range(&file, amp..only + 4).unwrap();
        assert_eq!(&file.text()[r], "&amp; <x id=\"1\"/>only");
        assert_eq!(joined.locate(0..three), None);
        let doc = joined.document("j.xlf");
        let paragraphs: Vec<&str> = doc
            .paragraphs()
            .iter()
            .map(|p| doc.slice(p.span.clone()))
            .collect();
        assert_eq!(paragraphs, ["One & \u{e000}only", "Three"]);
    }
}
