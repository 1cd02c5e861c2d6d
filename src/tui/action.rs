//! Everything the post-editor can ask for, as values: the keymap turns keys and mouse
//! events into these, and [`super::update::update`] is the only place they change state.

use super::replace::ReplaceCommand;
use super::text_input::EditCommand;

/// One thing to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Move to the next segment.
    NextSegment,
    /// Move to the previous segment.
    PrevSegment,
    /// Move down by a screenful.
    PageDown,
    /// Move up by a screenful.
    PageUp,
    FirstSegment,
    LastSegment,
    /// Move to segment `n` (0-based): for scripts and benchmarks; no key is bound to it.
    GoTo(usize),
    /// Scroll the list by rows (mouse wheel) without changing the current segment.
    Scroll(i32),
    /// A mouse click at a screen cell.
    Click {
        column: u16,
        row: u16,
    },
    /// The next open issue anywhere in the document (or the next search match).
    NextIssue,
    /// The previous open issue (or the previous search match).
    PrevIssue,
    /// Select the next issue of the current segment (wrapping).
    CycleIssue,
    /// Apply suggestion `n` (0-based) of the selected issue.
    ApplySuggestion(usize),
    /// Ignore the selected issue in this document.
    Ignore,
    /// List ignored issues, to restore one.
    ShowIgnored,
    /// Edit the current segment.
    StartEdit,
    Undo,
    Redo,
    /// Open the search prompt.
    StartSearch,
    /// Toggle the word diff of the current segment against the machine translation.
    ToggleDiff,
    /// Show or hide the units' sources (bilingual files).
    ToggleSource,
    /// Confirm the current unit: its state becomes translated on save (bilingual files).
    ConfirmUnit,
    ToggleHelp,
    /// Leave search, clear the message.
    Cancel,
    /// Save the corrected text and its diff.
    Save,
    /// Quit (asks to save unsaved changes).
    Quit,
    /// The terminal changed size.
    Resize(u16, u16),
    /// Change the text in the segment editor or the search prompt.
    Edit(EditCommand),
    /// End editing, keeping the change.
    FinishEdit,
    /// Run the search typed in the prompt.
    ConfirmSearch,
    /// An answer to a prompt (y/n/c, r/d, …).
    Answer(char),
    /// Move the selection in a list (ignored issues) or scroll the help.
    ListUp,
    ListDown,
    /// Act on the selected list entry.
    ListChoose,
    /// Open the add-to-glossary form, pre-filled from the selected issue's span.
    AddGlossaryEntry,
    /// Add the word of the selected spelling issue to the user's dictionary.
    AddToDictionary,
    /// Move to the next field of the form.
    NextField,
    /// Move to the previous field of the form.
    PrevField,
    /// Write the form's entry to the glossary.
    SubmitForm,
    /// Apply suggestion `n` of the selected issue to every open issue like it (asks first).
    FixEverywhere(usize),
    /// Find and replace across the document.
    Replace(ReplaceCommand),
    /// A digit of a count for the next key (`5j`).
    Digit(u8),
    /// `g`: the first of `gg`.
    PendingG,
    /// Move half a screen down (`Ctrl-d`) or up (`Ctrl-u`).
    HalfPageDown,
    HalfPageUp,
    /// Scroll the issue pane by rows (positive: down).
    ScrollPane(i16),
    /// Ask for a path to save the corrected text and its diff to.
    SaveAs,
    /// Save to the path typed in the save-as prompt.
    ConfirmSaveAs,
}
