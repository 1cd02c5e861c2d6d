//! The find-and-replace form (`R`): what to find (literal or a regular expression, and
//! how case is matched), what to put instead, and how many matches there are now. The
//! session finds and replaces ([`crate::session::Session::replace_all`]); this is what the
//! form holds between keys.

use super::text_input::TextInput;
use crate::session::{CaseMode, FindMatch, Pattern};

/// What a key in the find-and-replace form asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReplaceCommand {
    /// Open the form (with the current search or the selected issue's text).
    Open,
    /// Replace every match, as one change.
    All,
    /// Replace the match shown (or the next one) and show the next.
    One,
    /// Show the next match without replacing.
    Next,
    /// Switch between the two fields.
    SwitchField,
    ToggleRegex,
    CycleCase,
}

/// The find-and-replace form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplaceForm {
    pub find: TextInput,
    pub with: TextInput,
    /// 0: the find field; 1: the replacement.
    pub focus: usize,
    pub regex: bool,
    pub case: CaseMode,
    /// Matches and the segments they are in, for the query as it stands.
    pub count: (usize, usize),
    /// The match last shown (to replace one at a time).
    pub at: Option<FindMatch>,
    /// Why the query cannot be used (a bad regular expression).
    pub error: Option<String>,
}

impl ReplaceForm {
    pub fn new(find: &str) -> Self {
        ReplaceForm {
            find: TextInput::new(find, false),
            with: TextInput::new("", false),
            focus: usize::from(!find.is_empty()),
            regex: false,
            case: CaseMode::Smart,
            count: (0, 0),
            at: None,
            error: None,
        }
    }

    /// The query as a pattern, or why it is not one.
    pub fn pattern(&self) -> Result<Pattern, String> {
        let query = self.find.text();
        if self.regex {
            Pattern::regex(query, self.case)
        } else {
            Ok(Pattern::literal(query, self.case))
        }
    }

    pub fn input_mut(&mut self) -> &mut TextInput {
        if self.focus == 0 {
            &mut self.find
        } else {
            &mut self.with
        }
    }
}
