//! The header: file, glossary, segment n of m, segments edited, open issues by category.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::put_line;
use crate::check::Category;
use crate::tui::app::App;
use crate::tui::wrap;

fn short(category: Category) -> &'static str {
    match category {
        Category::Repetition => "rep",
        Category::Garbled => "garb",
        Category::Debris => "debris",
        Category::Punctuation => "punct",
        Category::Fragment => "frag",
        Category::Terminology => "term",
        Category::Accuracy => "acc",
        Category::Markup => "tags",
        Category::Spelling => "spell",
        Category::Grammar => "gram",
        Category::Style => "style",
        Category::Custom => "custom",
    }
}

/// One letter per category, for narrow terminals (the help lists them).
fn letter(category: Category) -> &'static str {
    match category {
        Category::Repetition => "R",
        Category::Garbled => "G",
        Category::Debris => "D",
        Category::Punctuation => "P",
        Category::Fragment => "F",
        Category::Terminology => "T",
        Category::Accuracy => "A",
        Category::Markup => "M",
        Category::Spelling => "S",
        Category::Grammar => "W",
        Category::Style => "Y",
        Category::Custom => "C",
    }
}

pub fn draw(app: &App, buf: &mut Buffer, area: Rect) {
    let theme = &app.theme;
    let base = theme.header();
    buf.set_style(area, base);
    let s = &app.session;
    let width = usize::from(area.width);
    let count = s.segment_count();
    let position = if count == 0 {
        "no segments".to_string()
    } else if let Some(status) = s.unit_status(app.current) {
        let (_, state) = crate::tui::units::state_mark(status);
        format!("unit {}/{} {state}", app.current + 1, count)
    } else {
        format!(
            "seg {}/{} \u{b7} line {}",
            app.current + 1,
            count,
            s.segment_line(app.current)
        )
    };
    let edited = format!("edited {}", s.edited_segments());
    let by_cat = s.open_issues_by_category();
    let total: usize = by_cat.iter().sum();
    let glossary = match &app.glossary {
        Some(g) => format!("glossary {g}"),
        None => "glossary off".to_string(),
    };
    let dirty = if s.is_dirty() { " \u{25cf}" } else { "" };
    let checking = if s.checks_running() {
        " checking\u{2026}"
    } else {
        ""
    };

    // Issue counts, long form, then shorter ones, then a total only.
    let issue_spans = |form: u8| -> Vec<Span<'static>> {
        let mut v = vec![Span::styled(format!("{total} open"), base)];
        if total > 0 {
            v.push(Span::styled(":", base));
        }
        for (cat, n) in Category::ALL.iter().zip(by_cat) {
            if n > 0 {
                let text = match form {
                    0 => format!(" {} {n}", cat.as_str()),
                    1 => format!(" {} {n}", short(*cat)),
                    _ => format!(" {}{n}", letter(*cat)),
                };
                v.push(Span::styled(text, base.patch(theme.category_label(*cat))));
            }
        }
        v
    };
    let sep = || Span::styled(" \u{2502} ", base);
    let name = s.name();
    let fixed = [position.as_str(), edited.as_str()];
    let fixed_w: usize = fixed.iter().map(|t| wrap::display_width(t) + 3).sum();
    let width_of = |spans: &[Span<'_>]| -> usize {
        spans.iter().map(|s| wrap::display_width(&s.content)).sum()
    };
    // The file name matters more than the breakdown of issues.
    let name_min = wrap::display_width(&name).min(28);
    // The leading space, the dirty mark, the checking note and the separator before the
    // issue counts.
    let extras = 1 + wrap::display_width(dirty) + wrap::display_width(checking) + 3;
    let mut tail: Vec<Span<'static>> = Vec::new();
    // The glossary in use matters more than long category names.
    let with_glossary = |mut v: Vec<Span<'static>>| {
        v.push(sep());
        v.push(Span::styled(glossary.clone(), base));
        v
    };
    let total_only = || vec![Span::styled(format!("{total} open"), base)];
    for candidate in [
        with_glossary(issue_spans(0)),
        with_glossary(issue_spans(1)),
        with_glossary(issue_spans(2)),
        issue_spans(2),
        with_glossary(total_only()),
        total_only(),
    ] {
        if width_of(&candidate) + fixed_w + name_min + extras <= width {
            tail = candidate;
            break;
        }
    }
    let tail_w = if tail.is_empty() {
        0
    } else {
        width_of(&tail) + 3
    };
    let name_room = width.saturating_sub(fixed_w + tail_w + extras - 3).max(4);
    let mut spans = vec![
        Span::styled(" ", base),
        Span::styled(truncate_left(&name, name_room), base.patch(theme.bold())),
        Span::styled(dirty, base),
    ];
    for f in fixed {
        spans.push(sep());
        spans.push(Span::styled(f.to_string(), base));
    }
    if !tail.is_empty() {
        spans.push(sep());
        spans.extend(tail);
    }
    spans.push(Span::styled(checking, base));
    put_line(buf, area, area.y, &Line::from(spans));
}

/// The end of `text` in at most `width` columns, with `…` in front when cut (a path's
/// file name matters more than its folders).
fn truncate_left(text: &str, width: usize) -> String {
    if wrap::display_width(text) <= width {
        return text.to_string();
    }
    let cells: Vec<_> = wrap::cells(text).collect();
    let mut used = 1;
    let mut start = text.len();
    for c in cells.iter().rev() {
        if used + usize::from(c.width) > width {
            break;
        }
        used += usize::from(c.width);
        start = c.at;
    }
    format!("\u{2026}{}", &text[start..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_lose_their_start() {
        assert_eq!(
            truncate_left("fixtures/cyberspace.txt", 12),
            "\u{2026}erspace.txt"
        );
        assert_eq!(truncate_left("a.txt", 12), "a.txt");
    }
}
