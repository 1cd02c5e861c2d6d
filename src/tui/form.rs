//! The add-to-glossary form (`t`): its fields, what is typed in them, and which are
//! still to be filled in. [`super::update::update`] changes it; the view draws it.

use super::text_input::TextInput;

/// The fields of the add-to-glossary form, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormField {
    /// The rendering to replace (pre-filled with the flagged text).
    Deprecated,
    /// The rendering to use instead (required).
    Preferred,
    /// The source-language term (optional).
    Source,
    /// A note: the reason, the evidence (optional).
    Note,
}

impl FormField {
    pub const ALL: [FormField; 4] = [
        FormField::Deprecated,
        FormField::Preferred,
        FormField::Source,
        FormField::Note,
    ];

    pub fn label(self) -> &'static str {
        match self {
            FormField::Deprecated => "Deprecated",
            FormField::Preferred => "Preferred",
            FormField::Source => "Source term",
            FormField::Note => "Note",
        }
    }

    pub fn required(self) -> bool {
        matches!(self, FormField::Deprecated | FormField::Preferred)
    }
}

/// The add-to-glossary form: one single-line input per [`FormField`]. Every field reads
/// the same however the focus got there: typing inserts at the cursor (at the end of a
/// pre-filled text when the field is entered), never replaces what is there; `Ctrl-u`
/// clears a field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GlossaryForm {
    pub inputs: [TextInput; 4],
    /// Index of the field being typed in ([`FormField::ALL`] order).
    pub focus: usize,
    /// Language of the source term.
    pub source_lang: String,
    /// Why the entry cannot be written as it stands, shown in the form.
    pub error: Option<String>,
}

impl GlossaryForm {
    /// A form with the deprecated rendering (and optionally the preferred and source
    /// terms) filled in, the cursor in the preferred term.
    pub fn new(deprecated: &str, preferred: &str, source: &str, source_lang: &str) -> Self {
        let inputs = [
            TextInput::new(deprecated, false),
            TextInput::new(preferred, false),
            TextInput::new(source, false),
            TextInput::new("", false),
        ];
        GlossaryForm {
            inputs,
            focus: 1,
            source_lang: source_lang.to_string(),
            error: None,
        }
    }

    pub fn field(&self, f: FormField) -> &str {
        let i = FormField::ALL.iter().position(|x| *x == f).unwrap_or(0);
        self.inputs[i].text().trim()
    }

    /// The first required field left empty ([`FormField::ALL`] index), if any.
    pub fn first_missing(&self) -> Option<usize> {
        FormField::ALL
            .iter()
            .position(|f| f.required() && self.field(*f).is_empty())
    }

    pub fn focused(&self) -> FormField {
        FormField::ALL[self.focus % FormField::ALL.len()]
    }
}
