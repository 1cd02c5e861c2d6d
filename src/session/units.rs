//! A bilingual file in a session: its targets are the session's text, one paragraph and one
//! segment a unit (an empty target included), so that edits, undo, the journal, recovery
//! and the checks work on units as they work on an article's segments. The units' sources,
//! states and locks are read from the file; locked and `translate="no"` units refuse edits;
//! confirming a unit is a journalled change; saving writes the file back in its format
//! through [`BilingualFile::save`], changing only the edited or confirmed targets.

use std::ops::Range;
use std::sync::Arc;

use super::save::{SaveError, write_all_atomically};
use super::{
    Op, Opening, OriginalText, SaveReport, Session, SessionConfig, SessionError, SessionGlossary,
};
use crate::check::Engine;
use crate::document::units::{BilingualFile, Stage, TargetEdit, Unit};
use crate::document::{BlockKind, Document, Origin};

/// The bilingual file behind a session, and the units confirmed in it.
#[derive(Debug)]
pub(super) struct SessionUnits {
    file: Arc<BilingualFile>,
    /// Per unit: confirmed by the post-editor (undone confirmations are false again).
    confirmed: Vec<bool>,
    /// The file's text as saves report it (copied at the first save).
    original: std::sync::OnceLock<Arc<String>>,
}

impl SessionUnits {
    fn original_text(&self) -> Arc<String> {
        Arc::clone(
            self.original
                .get_or_init(|| Arc::new(self.file.text().to_string())),
        )
    }
}

/// What the editor shows of a unit's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnitStatus {
    /// The stage the file records (or, once confirmed, translated).
    pub stage: Stage,
    /// Marked as needing review in the file and not confirmed since.
    pub fuzzy: bool,
    /// Locked or `translate="no"`: read-only.
    pub locked: bool,
    pub confirmed: bool,
    /// Its target differs from the file's.
    pub edited: bool,
}

impl Session {
    /// Opens a session on the targets of a bilingual file (see [`Session::open_with_glossary`]).
    /// The file's origin keys the journal, as an article's path does.
    pub fn open_units(
        file: BilingualFile,
        engine: Arc<Engine>,
        config: SessionConfig,
        glossary: Option<SessionGlossary>,
    ) -> Result<(Session, Opening), SessionError> {
        let doc = targets_document(&file);
        let units = SessionUnits {
            confirmed: vec![false; file.units().len()],
            original: std::sync::OnceLock::new(),
            file: Arc::new(file),
        };
        Self::open_inner(doc, engine, config, glossary, Some(Box::new(units)))
    }

    /// The bilingual file, shared with the checks (which compare targets with sources).
    pub(super) fn units_file(&self) -> Option<Arc<BilingualFile>> {
        self.units.as_deref().map(|u| Arc::clone(&u.file))
    }

    /// The bilingual file being edited, if the session is on one.
    pub fn bilingual(&self) -> Option<&BilingualFile> {
        self.units.as_deref().map(|u| &*u.file)
    }

    /// The unit shown as segment `seg` (the same index), in a bilingual session.
    pub fn segment_unit(&self, seg: usize) -> Option<&Unit> {
        self.bilingual()?.units().get(seg)
    }

    /// What each inline code of segment `seg`'s unit is, by code number (`<g1>`, `<b>`,
    /// `%s`: [`crate::document::units::InlineCode::display`]), for the editor's chips;
    /// empty for a text or a unit without codes.
    pub fn code_displays(&self, seg: usize) -> Vec<String> {
        match (self.bilingual(), self.segment_unit(seg)) {
            (Some(file), Some(unit)) if !unit.codes.is_empty() => {
                crate::document::units::code_displays(&unit.codes, file.text())
            }
            _ => Vec::new(),
        }
    }

    /// The state of unit `unit` as the editor shows it.
    pub fn unit_status(&self, unit: usize) -> Option<UnitStatus> {
        let units = self.units.as_deref()?;
        let u = units.file.units().get(unit)?;
        let confirmed = units.confirmed[unit];
        Some(UnitStatus {
            stage: if confirmed {
                u.state.stage.max(Stage::Translated)
            } else {
                u.state.stage
            },
            fuzzy: u.state.fuzzy && !confirmed,
            locked: !u.is_editable(),
            confirmed,
            edited: self.paragraph_text(unit) != u.target.text,
        })
    }

    /// Confirms unit `unit`: on save its state becomes translated (PO drops `fuzzy`). Durable
    /// in the journal; undone like an edit. Returns false when it was confirmed already.
    pub fn confirm_unit(&mut self, unit: usize) -> Result<bool, SessionError> {
        let Some(units) = self.units.as_deref() else {
            return Err(SessionError::Refused(
                "only the units of a bilingual file can be confirmed".into(),
            ));
        };
        if units.confirmed.get(unit) == Some(&true) {
            return Ok(false);
        }
        self.commit(Op::Confirm { unit })?;
        Ok(true)
    }

    /// Whether a confirmation fits the state (forward: as done; backward: as undone).
    pub(super) fn validate_confirm(&self, unit: usize, forward: bool) -> Result<(), SessionError> {
        let Some(units) = self.units.as_deref() else {
            return Err(SessionError::Mismatch("a confirmation in a text".into()));
        };
        match units.confirmed.get(unit) {
            None => Err(SessionError::Mismatch(format!("no unit {}", unit + 1))),
            Some(&done) if done == forward => Err(SessionError::Mismatch(format!(
                "unit {} is {} confirmed",
                unit + 1,
                if done { "already" } else { "not" }
            ))),
            Some(_) => self.editable_paragraph(unit),
        }
    }

    pub(super) fn set_confirmed(&mut self, unit: usize, confirmed: bool) {
        if let Some(units) = self.units.as_deref_mut() {
            units.confirmed[unit] = confirmed;
        }
        self.generation += 1;
    }

    /// Whether segment `seg` may be changed: not a locked or `translate="no"` unit.
    pub fn check_editable(&self, seg: usize) -> Result<(), SessionError> {
        self.editable_paragraph(seg)
    }

    /// Refuses a change to a locked or `translate="no"` unit; every paragraph of a text is
    /// editable.
    pub(super) fn editable_paragraph(&self, p: usize) -> Result<(), SessionError> {
        match self.segment_unit(p) {
            Some(u) if !u.is_editable() => Err(SessionError::Refused(format!(
                "unit {} is {}: it cannot be changed",
                u.id,
                if u.state.translatable {
                    "locked"
                } else {
                    "marked translate=\"no\""
                }
            ))),
            _ => Ok(()),
        }
    }

    /// The edits to write: each unit whose target changed or that was confirmed.
    fn target_edits(&self, units: &SessionUnits) -> Vec<TargetEdit> {
        units
            .file
            .units()
            .iter()
            .enumerate()
            .filter_map(|(i, u)| {
                let text = self.paragraph_text(i);
                (text != u.target.text || units.confirmed[i]).then(|| TargetEdit {
                    unit: i,
                    text: text.to_string(),
                    stage: Some(Stage::Translated),
                })
            })
            .collect()
    }

    /// Writes the bilingual file with its edited targets to the output, and the unified
    /// diff of the file to `OUTPUT.diff`, atomically. Without edits the output is the
    /// file's bytes exactly.
    pub(super) fn save_units(&mut self) -> Result<Option<SaveReport>, SaveError> {
        let Some(units) = self.units.as_deref() else {
            return Ok(None);
        };
        let edits = self.target_edits(units);
        let file = Arc::clone(&units.file);
        let failed = |e: crate::document::units::SaveError| SaveError {
            path: self.output.display().to_string(),
            reason: e.to_string(),
            intact: "Nothing was written; the journal is intact".into(),
            source: None,
        };
        // The revision and the diff are of the file as text (the targets alone when the
        // file is not UTF-8). A UTF-8 file is saved as text (no second pass over it), and
        // its text is copied once a session (for the history), not at every save.
        let (old, new, bytes) = match file.save_text(&edits).map_err(failed)? {
            Some(new) => (units.original_text(), new, None),
            None => match String::from_utf8(file.save(&edits).map_err(failed)?) {
                Ok(new) if file.bytes() == file.text().as_bytes() => {
                    (units.original_text(), new, None)
                }
                Ok(new) => (
                    Arc::new(file.joined_targets().text),
                    self.targets_text(),
                    Some(new.into_bytes()),
                ),
                Err(e) => (
                    Arc::new(file.joined_targets().text),
                    self.targets_text(),
                    Some(e.into_bytes()),
                ),
            },
        };
        let diff_file = super::diff_path(&self.output);
        let new_label = self.output.display().to_string();
        let diff = crate::diff::unified_diff(&old, &new, &self.name(), &new_label);
        let written = bytes.as_deref().unwrap_or(new.as_bytes());
        write_all_atomically(
            &[(&self.output, written), (&diff_file, diff.as_bytes())],
            file.origin().path(),
        )?;
        Ok(Some(SaveReport {
            output: self.output.clone(),
            diff: diff_file,
            edited_segments: edits.len(),
            journal_warning: None,
            text: Arc::new(new),
            original: OriginalText::unchanged(old),
        }))
    }

    /// The current targets, one a line (a bilingual session's text as a diff shows it).
    fn targets_text(&self) -> String {
        (0..self.paragraph_count())
            .map(|p| format!("{}\n", self.paragraph_text(p)))
            .collect()
    }
}

/// Issues of the checked text with those found in a unit's source (a tag or a term the
/// target lacks) put on the unit's target: its whole span, without suggestions (they say
/// what the target should have, not what replaces it). `spans` are the checked
/// paragraphs' spans, the first being paragraph `first`.
pub(super) fn onto_targets(
    issues: Vec<crate::check::Issue>,
    spans: &[Range<usize>],
    first: usize,
) -> Vec<crate::check::Issue> {
    issues
        .into_iter()
        .filter_map(|mut issue| {
            if issue.is_in_source() {
                let unit = issue.unit?.index;
                issue.span = spans.get(unit.checked_sub(first)?)?.clone();
                if let Some(want) = issue.suggestions.first() {
                    issue.message = format!(
                        "{} (the target should have \u{201c}{want}\u{201d})",
                        issue.message
                    );
                }
                issue.suggestions.clear();
                issue.related.clear();
            }
            Some(issue)
        })
        .collect()
}

/// The targets of `file` as a document: one paragraph a unit (empty ones included), named
/// and located as the file.
fn targets_document(file: &BilingualFile) -> Document {
    let joined = file.joined_targets();
    let origin = match file.origin() {
        Origin::File(p) => Origin::File(p.clone()),
        other => other.clone(),
    };
    let ranges: Vec<Range<usize>> = joined.units.clone();
    Document::new(origin, String::new()).with_paragraph_spans(
        joined.text,
        ranges.into_iter().map(|r| (r, BlockKind::Text)),
    )
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::*;
    use crate::document::units::OpenOptions;
    use crate::session::CheckMode;

    const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/bilingual");

    struct Fixture {
        dir: tempfile::TempDir,
        file: PathBuf,
    }

    impl Fixture {
        fn new(name: &str) -> Self {
            let dir = tempfile::tempdir().unwrap();
            let file = dir.path().join(name);
            std::fs::copy(Path::new(FIXTURES).join(name), &file).unwrap();
            Fixture { dir, file }
        }

        fn output(&self) -> PathBuf {
            self.dir.path().join("out").with_extension(
                self.file
                    .extension()
                    .map_or("xlf".into(), |e| e.to_string_lossy().into_owned()),
            )
        }

        fn open(&self) -> (Session, Opening) {
            let file = BilingualFile::open(&self.file, &OpenOptions::default()).unwrap();
            let config = SessionConfig {
                journal: self.dir.path().join("journal.sqlite"),
                output: self.output(),
                target_lang: "en".into(),
                checking: CheckMode::Inline,
                dictionary: Default::default(),
            };
            Session::open_units(file, Arc::new(Engine::standard(false)), config, None).unwrap()
        }

        fn saved(&self) -> Vec<u8> {
            std::fs::read(self.output()).unwrap()
        }
    }

    #[test]
    fn units_are_segments_and_an_unedited_save_is_byte_identical() {
        for name in [
            "news.xlf",
            "news.xliff2.xlf",
            "news.po",
            "news.tmx",
            "news.tsv",
            "trados.sdlxliff",
            "memoq.mqxliff",
            "utf16.xlf",
            "windows-1252.xlf",
        ] {
            let f = Fixture::new(name);
            let (mut s, opening) = f.open();
            assert_eq!(opening, Opening::Fresh, "{name}");
            let units = s.bilingual().unwrap().units().len();
            assert_eq!(s.segment_count(), units, "{name}");
            for u in 0..units {
                let unit = s.segment_unit(u).unwrap();
                assert_eq!(
                    s.segment_text(u),
                    unit.target.text,
                    "{name} unit {}",
                    unit.id
                );
            }
            s.save().unwrap();
            assert_eq!(f.saved(), std::fs::read(&f.file).unwrap(), "{name}");
        }
    }

    #[test]
    fn an_edit_changes_only_its_target_and_state() {
        let f = Fixture::new("news.xlf");
        let (mut s, _) = f.open();
        let text = s.segment_text(2).replace("250 million", "205 million");
        assert!(s.set_segment_text(2, &text).unwrap());
        assert!(s.unit_status(2).unwrap().edited);
        let report = s.save().unwrap();
        assert_eq!(report.edited_segments, 1);
        let before = std::fs::read_to_string(&f.file).unwrap();
        let after = String::from_utf8(f.saved()).unwrap();
        let old_line = before.lines().find(|l| l.contains("250 million")).unwrap();
        let new_line = after.lines().find(|l| l.contains("205 million")).unwrap();
        assert!(new_line.contains("state=\"translated\""), "{new_line}");
        assert_eq!(
            before.replace(old_line, new_line),
            after,
            "only the edited target changed"
        );
        let diff = std::fs::read_to_string(crate::session::diff_path(&f.output())).unwrap();
        assert!(diff.contains("+") && diff.contains("205 million"), "{diff}");
        assert!(!s.is_dirty());
    }

    #[test]
    fn confirming_sets_the_state_and_is_undone_and_journalled() {
        let f = Fixture::new("news.po");
        let (mut s, _) = f.open();
        let fuzzy = (0..s.segment_count())
            .find(|&u| s.unit_status(u).unwrap().fuzzy)
            .expect("a fuzzy entry");
        assert!(s.confirm_unit(fuzzy).unwrap());
        assert!(!s.confirm_unit(fuzzy).unwrap(), "confirmed once");
        let status = s.unit_status(fuzzy).unwrap();
        assert!(status.confirmed && !status.fuzzy);
        assert!(s.is_dirty());
        s.undo().unwrap();
        assert!(!s.unit_status(fuzzy).unwrap().confirmed);
        s.redo().unwrap();
        // Not saved: the next session offers to recover the confirmation.
        drop(s);
        let (mut s, opening) = f.open();
        assert!(
            matches!(opening, Opening::Recoverable { .. }),
            "{opening:?}"
        );
        s.recover().unwrap();
        assert!(s.unit_status(fuzzy).unwrap().confirmed);
        s.save().unwrap();
        let before = std::fs::read_to_string(&f.file).unwrap();
        let after = String::from_utf8(f.saved()).unwrap();
        assert_eq!(
            before.matches("#, fuzzy").count(),
            after.matches("#, fuzzy").count() + 1,
            "the confirmed entry is no longer fuzzy"
        );
    }

    #[test]
    fn locked_units_refuse_edits_and_confirmation() {
        let f = Fixture::new("memoq.mqxliff");
        let (mut s, _) = f.open();
        let locked = (0..s.segment_count())
            .find(|&u| s.unit_status(u).unwrap().locked)
            .expect("a locked unit");
        let err = s.set_segment_text(locked, "changed").unwrap_err();
        assert!(err.to_string().contains("locked"), "{err}");
        assert!(s.confirm_unit(locked).is_err());
        assert!(!s.is_dirty());
    }

    #[test]
    fn an_empty_target_can_be_written() {
        let f = Fixture::new("memoq.mqxliff");
        let (mut s, _) = f.open();
        let empty = (0..s.segment_count())
            .find(|&u| s.segment_text(u).is_empty() && !s.unit_status(u).unwrap().locked)
            .expect("an empty target");
        assert!(s.set_segment_text(empty, "Now translated.").unwrap());
        assert_eq!(s.segment_text(empty), "Now translated.");
        s.save().unwrap();
        let reopened =
            BilingualFile::from_bytes("out.mqxliff", f.saved(), &OpenOptions::default()).unwrap();
        assert_eq!(reopened.units()[empty].target.text, "Now translated.");
    }

    #[test]
    fn source_aware_checks_flag_targets_and_follow_edits() {
        let f = Fixture::new("news.xlf");
        let file = BilingualFile::open(&f.file, &OpenOptions::default()).unwrap();
        let config = SessionConfig {
            journal: f.dir.path().join("journal.sqlite"),
            output: f.output(),
            target_lang: "en".into(),
            checking: CheckMode::Inline,
            dictionary: Default::default(),
        };
        let engine = Arc::new(Engine::bilingual(false));
        let (mut s, _) = Session::open_units(file, engine, config, None).unwrap();
        let checks = |s: &Session, seg: usize| -> Vec<(&'static str, Vec<String>)> {
            s.segment_issues(seg)
                .into_iter()
                .filter_map(|id| s.issue(id))
                .map(|si| (si.issue.check, si.suggestions().to_vec()))
                .collect()
        };
        // Unit 7 lost its tag pair: flagged on its target, with nothing to apply.
        let tags = checks(&s, 6);
        assert!(
            tags.iter()
                .any(|(c, sugg)| *c == "markup.tags" && sugg.is_empty()),
            "{tags:?}"
        );
        // Unit 8's question became a statement; fixed by an edit, the issue goes.
        assert!(checks(&s, 7).iter().any(|(c, _)| *c == "punctuation.end"));
        let text = s.segment_text(7).replace("development.", "development?");
        s.set_segment_text(7, &text).unwrap();
        assert!(!checks(&s, 7).iter().any(|(c, _)| *c == "punctuation.end"));
    }

    /// Saves write the file, its diff (the diff of the whole file, or of the targets for a
    /// file that is not UTF-8) and the texts for the history; an edit made after a save and
    /// never saved comes back from the journal, and saving it writes both edits.
    #[test]
    fn saves_write_the_whole_files_diff_and_unsaved_edits_are_recovered() {
        for name in ["news.xlf", "windows-1252.xlf"] {
            let f = Fixture::new(name);
            let (mut s, _) = f.open();
            let first = format!("{} (first)", s.segment_text(0));
            s.set_segment_text(0, &first).unwrap();
            let report = s.save().unwrap();
            let second = format!("{} (second)", s.segment_text(1));
            s.set_segment_text(1, &second).unwrap();
            let again = s.save().unwrap();
            assert_eq!(report.original, again.original, "{name}");
            let old = report.original.text().into_owned();
            let diff = std::fs::read_to_string(crate::session::diff_path(&f.output())).unwrap();
            let label = f.output().display().to_string();
            assert_eq!(
                diff,
                crate::diff::unified_diff_of_lines(
                    &crate::diff::split_lines(&old),
                    &crate::diff::split_lines(&again.text),
                    &s.name(),
                    &label
                ),
                "{name}"
            );
            assert!(
                diff.contains("(first)") && diff.contains("(second)"),
                "{name}: {diff}"
            );
            if name == "news.xlf" {
                assert_eq!(old, std::fs::read_to_string(&f.file).unwrap());
                assert_eq!(*again.text, std::fs::read_to_string(f.output()).unwrap());
            }
            let third = format!("{} (third)", s.segment_text(0));
            s.set_segment_text(0, &third).unwrap();
            drop(s);
            let (mut s, opening) = f.open();
            assert!(
                matches!(opening, Opening::Recoverable { changes: 1, .. }),
                "{name}: {opening:?}"
            );
            s.recover().unwrap();
            assert_eq!(s.segment_text(0), third, "{name}");
            s.save().unwrap();
            let reopened = BilingualFile::open(&f.output(), &OpenOptions::default()).unwrap();
            for (unit, text) in [(0, &third), (1, &second)] {
                assert_eq!(&reopened.units()[unit].target.text, text, "{name}");
            }
        }
    }

    #[test]
    fn edits_come_back_from_the_journal() {
        let f = Fixture::new("news.xliff2.xlf");
        let (mut s, _) = f.open();
        s.set_segment_text(0, "A new headline").unwrap();
        drop(s);
        let (s, opening) = f.open();
        assert!(
            matches!(opening, Opening::Recoverable { .. }),
            "{opening:?}"
        );
        drop(s);
        let (mut s, _) = f.open();
        s.recover().unwrap();
        assert_eq!(s.segment_text(0), "A new headline");
    }
}
