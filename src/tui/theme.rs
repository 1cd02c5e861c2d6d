//! Colours and marks. Every highlight also has a mark that survives a monochrome terminal
//! or `NO_COLOR`: flagged spans are underlined, the selected issue is reversed, search
//! matches are bold and italic and the current one inverted, diffs are bracketed, and the
//! glossary's terms in a unit's dimmed source are underlined (and not dimmed).

use ratatui::style::{Color, Modifier, Style};

use crate::check::Category;

/// The editor's styles; `color: false` keeps only the monochrome marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    /// Colour unless `NO_COLOR` is set (to anything but the empty string).
    pub fn from_env() -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme { color: !no_color }
    }

    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    pub fn category_color(category: Category) -> Color {
        match category {
            Category::Repetition => Color::Yellow,
            Category::Garbled => Color::LightRed,
            Category::Debris => Color::LightBlue,
            Category::Punctuation => Color::Cyan,
            Category::Fragment => Color::Magenta,
            Category::Terminology => Color::LightGreen,
            Category::Accuracy => Color::LightMagenta,
            Category::Markup => Color::Blue,
            Category::Spelling => Color::LightRed,
            Category::Grammar => Color::LightYellow,
            Category::Style => Color::Gray,
            Category::Custom => Color::LightCyan,
        }
    }

    /// A flagged span of this category.
    pub fn flagged(&self, category: Category) -> Style {
        self.fg(Self::category_color(category))
            .add_modifier(Modifier::UNDERLINED)
    }

    /// The category's name in the header and the issue pane.
    pub fn category_label(&self, category: Category) -> Style {
        self.fg(Self::category_color(category))
    }

    /// The selected issue's span.
    pub fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD | Modifier::UNDERLINED)
    }

    /// A search match (other than the current one): bold and italic, and black on yellow
    /// in colour; drawn over a flagged span, it keeps the span's underline.
    pub fn search_match(&self) -> Style {
        let marks = Style::new().add_modifier(Modifier::BOLD | Modifier::ITALIC);
        if self.color {
            marks.bg(Color::Yellow).fg(Color::Black)
        } else {
            marks
        }
    }

    /// The match `n`/`N` moved to: a match whose video is inverted against what is under
    /// it (reverse video, or normal video inside the reversed selected issue), so that it
    /// stands out in monochrome too.
    pub fn current_match(&self, under: Style) -> Style {
        let style = under.patch(self.search_match());
        if under.add_modifier.contains(Modifier::REVERSED) {
            style.remove_modifier(Modifier::REVERSED)
        } else {
            style.add_modifier(Modifier::REVERSED)
        }
    }

    /// A control or invisible character's stand-in.
    pub fn substitute(&self) -> Style {
        self.fg(Color::Magenta).add_modifier(Modifier::BOLD)
    }

    pub fn deleted(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::CROSSED_OUT)
    }

    pub fn inserted(&self) -> Style {
        self.fg(Color::Green).add_modifier(Modifier::BOLD)
    }

    /// A glossary source term in a unit's source row.
    pub fn source_term(&self) -> Style {
        self.fg(Self::category_color(Category::Terminology))
            .add_modifier(Modifier::UNDERLINED)
    }

    pub fn dim(&self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }

    pub fn bold(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    /// The gutter of the current segment.
    pub fn current(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    /// The gutter of the segment being edited.
    pub fn editing(&self) -> Style {
        self.fg(Color::Green).add_modifier(Modifier::BOLD)
    }

    pub fn header(&self) -> Style {
        if self.color {
            Style::new().bg(Color::Blue).fg(Color::White)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    pub fn error(&self) -> Style {
        self.fg(Color::LightRed).add_modifier(Modifier::BOLD)
    }

    pub fn warning(&self) -> Style {
        self.fg(Color::Yellow)
    }

    pub fn ok(&self) -> Style {
        self.fg(Color::Green)
    }

    pub fn key(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
}
