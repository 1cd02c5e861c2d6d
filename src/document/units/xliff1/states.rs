//! Reading a unit's state from where each tool keeps it: the standard target `state`,
//! Trados's `<sdl:seg conf>`, memoQ's `mq:status`, Phrase's `m:confirmed`.

use super::super::{Stage, Tool, UnitState};

/// The state of a standard XLIFF 1.2 target.
fn generic_state(
    raw: Option<&str>,
    qualifier: Option<&str>,
    approved: bool,
    empty: bool,
) -> (Stage, bool) {
    let stage = match raw {
        Some("new" | "needs-translation") => Stage::New,
        Some("signed-off") => Stage::Reviewed,
        Some("final") => Stage::Final,
        Some(
            "translated"
            | "needs-adaptation"
            | "needs-l10n"
            | "needs-review-adaptation"
            | "needs-review-l10n"
            | "needs-review-translation",
        ) => Stage::Translated,
        _ if empty => Stage::New,
        _ => Stage::Translated,
    };
    let stage = if approved {
        stage.max(Stage::Reviewed)
    } else {
        stage
    };
    let fuzzy =
        raw.is_some_and(|r| r.starts_with("needs-review")) || qualifier == Some("fuzzy-match");
    (stage, fuzzy)
}

/// Trados' confirmation levels.
fn trados_state(conf: Option<&str>, empty: bool) -> (Stage, bool) {
    match conf {
        Some("Draft") => (Stage::Translated, true),
        Some("Translated") => (Stage::Translated, false),
        Some("RejectedTranslation") => (Stage::Translated, true),
        Some("ApprovedTranslation") => (Stage::Reviewed, false),
        Some("RejectedSignOff") => (Stage::Reviewed, true),
        Some("ApprovedSignOff") => (Stage::Final, false),
        Some("Unspecified" | "NotTranslated") | None if empty => (Stage::New, false),
        _ => (Stage::Translated, true),
    }
}

/// memoQ's segment statuses.
fn memoq_state(status: Option<&str>, empty: bool) -> (Stage, bool) {
    match status {
        Some("ManuallyConfirmed" | "Confirmed") => (Stage::Translated, false),
        Some("Reviewer1Confirmed") => (Stage::Reviewed, false),
        Some("Reviewer2Confirmed" | "Proofread") => (Stage::Final, false),
        Some("NotStarted") | None if empty => (Stage::New, false),
        _ if empty => (Stage::New, false),
        _ => (Stage::Translated, true),
    }
}

/// Phrase's confirmation level against the file's level.
fn phrase_state(confirmed: Option<&str>, level: Option<&str>, empty: bool) -> (Stage, bool) {
    let n: u32 = confirmed.and_then(|c| c.parse().ok()).unwrap_or(0);
    let level: u32 = level.and_then(|l| l.parse().ok()).unwrap_or(1).max(1);
    match n {
        0 if empty => (Stage::New, false),
        0 => (Stage::Translated, true),
        n if n >= 3 => (Stage::Final, false),
        n if n >= 2 => (Stage::Reviewed, n < level),
        _ => (Stage::Translated, n < level),
    }
}

/// What a unit's state is read from.
pub(super) struct StateInputs<'b> {
    pub(super) tool: Tool,
    pub(super) level: Option<&'b str>,
    pub(super) tool_state: Option<&'b str>,
    pub(super) target_state: Option<&'b str>,
    pub(super) qualifier: Option<&'b str>,
    pub(super) approved: bool,
    pub(super) locked: bool,
    pub(super) translate: bool,
    pub(super) trados: bool,
    /// A segment of a segmented trans-unit, whose state it shares with its siblings.
    pub(super) segment: bool,
}

impl StateInputs<'_> {
    /// The state of a unit whose Trados segment (if any) has `conf` and `locked`.
    pub(super) fn state(&self, conf: Option<&str>, sdl_locked: bool, empty: bool) -> UnitState {
        let (stage, fuzzy, raw) = match self.tool {
            Tool::Trados if self.trados => {
                let (s, f) = trados_state(conf, empty);
                (s, f, conf)
            }
            Tool::MemoQ => {
                let (s, f) = memoq_state(self.tool_state, empty);
                (s, f, self.tool_state)
            }
            Tool::Phrase => {
                let (s, f) = phrase_state(self.tool_state, self.level, empty);
                (s, f, self.tool_state)
            }
            // An empty segment is new whatever its trans-unit's state says.
            _ if self.segment && empty => (Stage::New, false, self.target_state),
            _ => {
                let (s, f) = generic_state(self.target_state, self.qualifier, self.approved, empty);
                (s, f, self.target_state)
            }
        };
        UnitState {
            stage,
            fuzzy,
            locked: self.locked || sdl_locked,
            translatable: self.translate,
            raw: raw.map(str::to_string),
        }
    }
}
