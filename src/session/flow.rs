//! How the article's lines relate to its segments: the line a segment starts on (the
//! numbering the checks' messages and the reports use), and whether a paragraph's line
//! breaks are hard wrapping of running text, which a front end shows flowing (the file
//! keeps its breaks: only the display joins the lines).

use super::Session;
use crate::document::BlockKind;

/// Lines at least this wide (in characters), all but a paragraph's last, make it hard
/// wrapped; shorter ones (verse, an address) are kept as lines.
const WRAPPED_LINE: usize = 40;

impl Session {
    /// The line (1-based) segment `seg` starts on, in the text as last checked.
    pub fn segment_line(&self, seg: usize) -> usize {
        let doc = self.base.document();
        let p = self.segment_paragraph(seg);
        let Some(para) = doc.paragraphs().get(p) else {
            return 1;
        };
        let at = para.span.start + self.segment_range(seg).start.min(para.span.len());
        doc.position(at).line
    }

    /// Whether segment `seg`'s line breaks are hard wrapping of running text: its
    /// paragraph is running text (or a list item) whose lines, but the last, are long.
    pub fn segment_flows(&self, seg: usize) -> bool {
        let p = self.segment_paragraph(seg);
        let kind = self
            .base
            .document()
            .paragraphs()
            .get(p)
            .map(|para| para.kind);
        if !matches!(kind, Some(BlockKind::Text | BlockKind::ListItem)) {
            return false;
        }
        let text = self.paragraph_text(p);
        let mut lines = text.lines();
        lines.next_back();
        let mut any = false;
        for line in lines {
            if line.trim().chars().count() < WRAPPED_LINE {
                return false;
            }
            any = true;
        }
        any
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use crate::check::Engine;
    use crate::document::Document;
    use crate::session::{CheckMode, Session, SessionConfig};

    #[test]
    fn lines_of_segments_and_hard_wrapped_paragraphs() {
        let dir = tempfile::tempdir().unwrap();
        let text = "Title\n\nA paragraph wrapped by hand at a fixed width, as old\ntext files are. It goes on here.\n\nRoses are red,\nviolets are blue.\n";
        let path = dir.path().join("a.txt");
        std::fs::write(&path, text).unwrap();
        let config = SessionConfig {
            journal: dir.path().join("j.sqlite"),
            output: dir.path().join("o.txt"),
            target_lang: "en".into(),
            checking: CheckMode::Inline,
            dictionary: Default::default(),
        };
        let (s, _) = Session::open(
            Document::load(&path).unwrap(),
            Arc::new(Engine::new(Vec::new())),
            config,
        )
        .unwrap();
        let lines: Vec<usize> = (0..s.segment_count()).map(|g| s.segment_line(g)).collect();
        assert_eq!(lines, [1, 3, 4, 6]);
        let flows: Vec<bool> = (0..s.segment_count()).map(|g| s.segment_flows(g)).collect();
        assert_eq!(flows, [false, true, true, false]);
    }
}
