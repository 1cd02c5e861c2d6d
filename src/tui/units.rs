//! The editor on a bilingual file: each unit's source shown dimmed above its target
//! (toggled), its state as a mark in the gutter, and what the source rows take of the
//! list's geometry.

use crate::document::units::Stage;
use crate::session::UnitStatus;
use crate::tui::app::App;

impl App {
    /// The source of segment `seg`'s unit, when the session is on a bilingual file and the
    /// sources are shown.
    pub fn shown_source(&self, seg: usize) -> Option<&str> {
        if !self.show_source {
            return None;
        }
        let unit = self.session.segment_unit(seg)?;
        Some(unit.source.as_ref().map_or("", |s| s.text.as_str()))
    }

    /// Rows the source of segment `seg` takes above its target (none for a text).
    pub fn source_rows(&self, seg: usize) -> usize {
        self.shown_source(seg)
            .map_or(0, |s| self.chips(seg).wrap(s, self.text_width()).len())
    }

    /// Whether the sources are shown (they are, on a bilingual file, until toggled).
    pub fn shows_source(&self) -> bool {
        self.show_source && self.session.bilingual().is_some()
    }
}

/// A one-column mark for a unit's state, and a word for it.
pub fn state_mark(status: UnitStatus) -> (&'static str, &'static str) {
    if status.locked {
        ("\u{2298}", "locked")
    } else if status.confirmed {
        ("\u{2714}", "confirmed")
    } else if status.fuzzy {
        ("~", "needs review")
    } else {
        match status.stage {
            Stage::New => ("\u{25cb}", "new"),
            Stage::Translated => ("\u{25cf}", "translated"),
            Stage::Reviewed => ("\u{2714}", "reviewed"),
            Stage::Final => ("\u{2714}", "final"),
        }
    }
}
