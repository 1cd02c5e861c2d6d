//! The editor's state: the session plus what the screen is doing (current segment,
//! selected issue, scroll position, mode, popups, messages), and the geometry that both
//! `update` (scrolling, clicks) and `view` (drawing) derive from it.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;
use std::time::Instant;

use ratatui::layout::Rect;

use super::form::GlossaryForm;
use super::replace::ReplaceForm;
use super::revisions::Recorder;
use super::search::Search;
use super::text_input::TextInput;
use super::theme::Theme;
use super::wrap;
use crate::check::Issue;
use crate::diff::words::{ChangeKind, Marks, render_marked_parts, word_changes};
use crate::session::{Everywhere, IgnoreKey, IssueId, Opening, Session};

/// Paragraphs longer than this are re-checked when the edit ends rather than as it is typed.
pub const LIVE_CHECK_LIMIT: usize = 64 * 1024;

/// What keys do.
#[derive(Debug)]
pub enum Mode {
    Normal,
    /// A segment is being edited.
    Editing(Box<Editing>),
    /// The search prompt is open.
    Search(TextInput),
}

/// A segment being edited.
#[derive(Debug)]
pub struct Editing {
    pub segment: usize,
    pub input: TextInput,
    /// What a line break typed here is written as (the segment's or document's).
    pub newline: &'static str,
    /// The segment's text when editing began.
    pub original: String,
    /// Paragraph-scope issues of the text as typed (spans in the input's text).
    pub live: Vec<Issue>,
    /// Typed since the draft was last written to the journal.
    pub draft_dirty: bool,
    pub draft_written: Instant,
}

impl Editing {
    /// The text as it would be committed (document line endings).
    pub fn committed_text(&self) -> String {
        if self.newline == "\n" {
            self.input.text().to_string()
        } else {
            self.input.text().replace('\n', self.newline)
        }
    }
}

/// A modal window on top of the editor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Popup {
    Help,
    /// `Save before quitting? [y]es / [n]o / [c]ancel`.
    QuitPrompt,
    /// Unsaved changes from a session that did not end cleanly.
    Recovery {
        changes: usize,
        at: String,
        draft_segment: Option<usize>,
    },
    /// The journal's changes were made to a different version of the article.
    ArticleChanged {
        changes: usize,
        /// How many of them were saved, and to which file.
        saved: usize,
        saved_to: Option<String>,
        at: String,
    },
    /// Ignored issues, one selected.
    Ignored {
        entries: Vec<(IgnoreKey, Option<usize>)>,
        selected: usize,
    },
    /// Adding a glossary entry from the selected issue's span (`t`).
    GlossaryForm(Box<GlossaryForm>),
    /// "Apply this suggestion to all N issues like it?" (`A`).
    Everywhere {
        id: IssueId,
        k: usize,
        same: Everywhere,
    },
    /// Find and replace (`R`).
    Replace(Box<ReplaceForm>),
    /// "Save as:" a path (`W`, or `w` when quitting); `quit`: quit once saved.
    SaveAs {
        input: TextInput,
        quit: bool,
    },
}

/// How a message reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusKind {
    Info,
    Success,
    Warning,
    Error,
}

/// A message on the status line, until the next key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub kind: StatusKind,
}

/// The list's scroll position: the first item shown and how many of its rows are above
/// the top edge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Scroll {
    pub top: usize,
    pub skip: usize,
}

/// How the editor starts, besides its session: what `mtpe edit` (or a test, or a
/// benchmark) decides.
pub struct AppOptions {
    /// Terminal size (the event loop sets the real one before the first frame).
    pub size: (u16, u16),
    pub theme: Theme,
    /// Language of the article's source, for the source terms of glossary entries added
    /// with `t` (`mtpe edit --source-lang`).
    pub source_lang: String,
    /// Records each save as a revision in the history, off the UI thread.
    pub revisions: Option<Recorder>,
    /// A key that makes the editor panic, to test that a panic restores the terminal and
    /// keeps the journal (`MTPE_TEST_PANIC_KEY`).
    pub panic_key: Option<char>,
    /// A warning to show on opening (as "Warning: …."), unless the opening has a message
    /// of its own.
    pub warning: Option<String>,
}

impl AppOptions {
    /// An editor of `size` in `theme`: source terms in [`crate::glossary::DEFAULT_SOURCE_LANG`], no revision
    /// history, no panic key, no warning.
    pub fn new(size: (u16, u16), theme: Theme) -> Self {
        AppOptions {
            size,
            theme,
            source_lang: crate::glossary::DEFAULT_SOURCE_LANG.to_string(),
            revisions: None,
            panic_key: None,
            warning: None,
        }
    }
}

/// The editor. Its state changes only in [`super::update::update`]; front ends and tests read it
/// through the accessors below.
pub struct App {
    pub(super) session: Session,
    /// The current segment.
    pub(super) current: usize,
    /// The selected issue: one listed under the current segment.
    pub(super) selected: Option<IssueId>,
    pub(super) scroll: Scroll,
    /// The current segment must be brought into view after this update.
    pub(super) follow: bool,
    /// Terminal size.
    pub(super) size: (u16, u16),
    pub(super) mode: Mode,
    pub(super) popup: Option<Popup>,
    pub(super) help_scroll: u16,
    /// A count typed for the next key, and a `g` waiting for the second.
    pub(super) count: Option<usize>,
    pub(super) pending_g: bool,
    /// Rows the issue pane is scrolled past the selected issue (`]`/`[`).
    pub(super) pane_scroll: i16,
    pub(super) search: Option<Search>,
    /// Show the current segment as a word diff against the machine translation.
    pub(super) show_diff: bool,
    /// Show each unit's source above its target (bilingual files).
    pub(super) show_source: bool,
    pub(super) status: Option<Status>,
    pub(super) quit: bool,
    pub(super) theme: Theme,
    /// The glossary in use, for the header.
    pub(super) glossary: Option<String>,
    /// Language of the article's source, for the source terms of glossary entries added
    /// with `t`.
    pub(super) source_lang: String,
    /// Records each save as a revision in the history, off the UI thread (none in tests
    /// that do not ask for it).
    pub(super) revisions: Option<Recorder>,
    /// The message the last save showed and a shorter form of it ("Saved OUTPUT (n
    /// edited segments)"), to say so when its revision is recorded.
    pub(super) save_status: Option<(String, String)>,
    /// A key that makes the editor panic (see [`AppOptions::panic_key`]).
    pub(super) panic_key: Option<char>,
    /// The last save failed (quitting then offers to save elsewhere, or says where the
    /// changes are kept).
    pub(super) save_failed: bool,
    /// What to tell the post-editor once the screen is given back (what the last save
    /// before quitting wrote; that the journal was left as it was).
    pub(super) farewell: Vec<String>,
    /// Rows of segment text at the list's width, for scrolling.
    rows: RowCache,
}

/// How many rows each segment's text wraps to, for one width and one text generation of
/// the session (see [`Session::text_generation`]): scrolling asks for the same segments'
/// heights again and again, and wrapping is linear in their text.
#[derive(Debug, Default)]
struct RowCache {
    key: (u16, u64),
    rows: HashMap<usize, usize>,
}

/// Where each part of the screen goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub header: Rect,
    pub list: Rect,
    /// The issue pane, when there is room for one.
    pub pane: Option<Rect>,
    /// Whether the pane is beside the list (else below it).
    pub pane_beside: bool,
    /// A one-line issue summary when there is no room for the pane.
    pub summary: Option<Rect>,
    /// The message line, when it does not share the footer's row.
    pub status: Option<Rect>,
    pub footer: Rect,
}

/// Lays out a screen of `area`.
pub fn areas(area: Rect) -> Areas {
    let h = area.height;
    let header = Rect::new(area.x, area.y, area.width, h.min(1));
    let footer = Rect::new(
        area.x,
        area.bottom().saturating_sub(1),
        area.width,
        h.min(1),
    );
    let status_row = h >= 12;
    let middle_top = area.y + 1;
    let middle_bottom = area
        .bottom()
        .saturating_sub(1 + u16::from(status_row))
        .max(middle_top);
    let status = status_row.then(|| Rect::new(area.x, middle_bottom, area.width, 1));
    let mut list = Rect::new(area.x, middle_top, area.width, middle_bottom - middle_top);
    let (mut pane, mut pane_beside, mut summary) = (None, false, None);
    if area.width >= 110 && list.height >= 6 {
        // Two fifths of the screen: wider on large terminals, for long messages and terms.
        let w = (area.width * 2 / 5).max(40);
        pane = Some(Rect::new(list.right() - w, list.y, w, list.height));
        pane_beside = true;
        list.width -= w;
    } else if list.height >= 16 {
        let ph = (list.height / 3).clamp(6, 14);
        pane = Some(Rect::new(list.x, list.bottom() - ph, list.width, ph));
        list.height -= ph;
    } else if list.height >= 4 {
        summary = Some(Rect::new(list.x, list.bottom() - 1, list.width, 1));
        list.height -= 1;
    }
    Areas {
        header,
        list,
        pane,
        pane_beside,
        summary,
        status,
        footer,
    }
}

/// What the list shows for one segment.
pub enum ItemContent<'a> {
    /// The segment's text.
    Text(&'a str),
    /// A word diff against the machine translation (text and marked parts).
    Diff(String, Vec<(Range<usize>, ChangeKind)>),
    /// The segment editor.
    Editing(&'a Editing),
}

impl ItemContent<'_> {
    pub fn text(&self) -> &str {
        match self {
            ItemContent::Text(t) => t,
            ItemContent::Diff(t, _) => t,
            ItemContent::Editing(e) => e.input.text(),
        }
    }
}

/// A word diff of `old` against `new` as one text, deletions as `[-…-]` and insertions as
/// `{+…+}` (readable without colour), with the marked parts' spans: the reports' word diff
/// ([`crate::diff::words`]), so that the editor and the reports always agree.
pub fn word_diff(old: &str, new: &str) -> (String, Vec<(Range<usize>, ChangeKind)>) {
    let changes = word_changes(old, 0..old.len(), new, 0..new.len());
    render_marked_parts(old, new, &changes, &Marks::PLAIN)
}

/// Columns of the gutter (marker, number, edited flag, space) for `count` segments.
pub fn gutter_width(count: usize) -> u16 {
    let digits = count.max(1).ilog10() as u16 + 1;
    digits.max(2) + 3
}

impl App {
    /// An editor on `session`, which opened as `opening`.
    pub fn new(session: Session, opening: &Opening, options: AppOptions) -> Self {
        let AppOptions {
            size,
            theme,
            source_lang,
            revisions,
            panic_key,
            warning,
        } = options;
        let mut app = App {
            session,
            current: 0,
            selected: None,
            scroll: Scroll::default(),
            follow: true,
            size,
            mode: Mode::Normal,
            popup: None,
            help_scroll: 0,
            pane_scroll: 0,
            count: None,
            pending_g: false,
            search: None,
            show_diff: false,
            show_source: true,
            status: None,
            quit: false,
            theme,
            glossary: None,
            source_lang,
            revisions,
            save_status: None,
            panic_key,
            save_failed: false,
            farewell: Vec::new(),
            rows: RowCache::default(),
        };
        app.glossary = app.session.glossary().map(|g| g.name().to_string());
        match opening {
            Opening::Fresh => {}
            Opening::Resumed { changes, saved } => {
                let text = match saved {
                    Some((at, output)) => format!(
                        "Resumed {changes} earlier change{} (last saved {at} to {output}).",
                        plural(*changes)
                    ),
                    None => format!(
                        "Resumed {changes} earlier change{}, not saved yet.",
                        plural(*changes)
                    ),
                };
                app.set_status(StatusKind::Info, text);
            }
            Opening::Recoverable {
                changes,
                at,
                draft_segment,
            } => {
                app.popup = Some(Popup::Recovery {
                    changes: *changes,
                    at: at.clone(),
                    draft_segment: *draft_segment,
                });
            }
            Opening::ArticleChanged {
                changes,
                saved,
                saved_to,
                at,
            } => {
                app.popup = Some(Popup::ArticleChanged {
                    changes: *changes,
                    saved: *saved,
                    saved_to: saved_to.clone(),
                    at: at.clone(),
                });
            }
        }
        if let Some(w) = warning
            && app.status.is_none()
        {
            app.set_status(StatusKind::Warning, format!("Warning: {w}."));
        }
        app.select_first_issue();
        app
    }

    /// The edit session.
    pub fn session(&self) -> &Session {
        &self.session
    }

    /// The current segment.
    pub fn current(&self) -> usize {
        self.current
    }

    /// The terminal size the editor draws for.
    pub fn size(&self) -> (u16, u16) {
        self.size
    }

    /// The message on the status line, if any.
    pub fn status(&self) -> Option<&Status> {
        self.status.as_ref()
    }

    /// Whether the post-editor quit.
    pub fn has_quit(&self) -> bool {
        self.quit
    }

    pub(super) fn set_status(&mut self, kind: StatusKind, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            kind,
        });
    }

    pub fn areas(&self) -> Areas {
        areas(Rect::new(0, 0, self.size.0, self.size.1))
    }

    /// Columns available for segment text in the list.
    pub fn text_width(&self) -> u16 {
        let list = self.areas().list;
        list.width
            .saturating_sub(gutter_width(self.session.segment_count()) + 1)
            .max(1)
    }

    /// Whether paragraphs are separated by a blank row (not on small screens).
    pub fn spaced(&self) -> bool {
        self.areas().list.height >= 12
    }

    /// Whether segment `seg` starts with a blank row: it starts a paragraph that a blank
    /// line separates from the one before in the file (and the screen is not tiny).
    pub fn has_separator(&self, seg: usize) -> bool {
        if seg == 0 || !self.spaced() {
            return false;
        }
        let p = self.session.segment_paragraph(seg);
        if p == 0 || self.session.paragraph_segments(p).start != seg {
            return false;
        }
        let gap = self.session.original_glue(p);
        gap.bytes().filter(|&b| b == b'\n').count() >= 2
    }

    /// The segment being edited, if any.
    pub fn editing(&self) -> Option<&Editing> {
        match &self.mode {
            Mode::Editing(e) => Some(e),
            _ => None,
        }
    }

    /// What the list shows for segment `seg`.
    pub fn item_content(&self, seg: usize) -> ItemContent<'_> {
        if let Some(e) = self.editing().filter(|e| e.segment == seg) {
            return ItemContent::Editing(e);
        }
        if self.show_diff && seg == self.current {
            let (text, parts) = word_diff(
                self.session.original_segment_text(seg),
                self.session.segment_text(seg),
            );
            return ItemContent::Diff(text, parts);
        }
        ItemContent::Text(self.session.segment_text(seg))
    }

    /// Rows the list gives segment `seg`, its separator included.
    pub(super) fn item_height(&mut self, seg: usize) -> usize {
        self.lead_rows(seg) + self.text_rows(seg)
    }

    /// Rows of segment `seg`'s item above its text: the separator, and the unit's source
    /// when it is shown.
    pub fn lead_rows(&self, seg: usize) -> usize {
        usize::from(self.has_separator(seg)) + self.source_rows(seg)
    }

    /// Rows of segment `seg`'s text (or word diff, or text being edited) at the list's
    /// width; the segment's own text from the cache.
    fn text_rows(&mut self, seg: usize) -> usize {
        let width = self.text_width();
        if !matches!(self.item_content(seg), ItemContent::Text(_)) {
            return self.wrap_item(seg, self.item_content(seg).text()).len();
        }
        let key = (width, self.session.text_generation());
        if self.rows.key != key {
            self.rows = RowCache {
                key,
                rows: HashMap::new(),
            };
        }
        if let Some(&rows) = self.rows.rows.get(&seg) {
            return rows;
        }
        let rows = self.wrap_item(seg, self.session.segment_text(seg)).len();
        self.rows.rows.insert(seg, rows);
        rows
    }

    /// The rows of `text` shown for segment `seg` at the list's width: a hard-wrapped
    /// paragraph flowing, except while it is edited (the breaks typed show as typed).
    pub fn wrap_item(&self, seg: usize, text: &str) -> Vec<Range<usize>> {
        let editing = self.editing().is_some_and(|e| e.segment == seg);
        let chips = self.chips(seg);
        if !editing && self.session.segment_flows(seg) {
            chips.wrap_flowing(text, self.text_width())
        } else {
            chips.wrap(text, self.text_width())
        }
    }

    /// How the inline codes of segment `seg`'s unit are drawn (none in a text).
    pub fn chips(&self, seg: usize) -> wrap::Chips {
        wrap::Chips::new(self.session.code_displays(seg))
    }

    /// The row (within segment `seg`'s item, separator included) of the editing cursor.
    pub fn cursor_row(&self) -> Option<(usize, usize, u16)> {
        let e = self.editing()?;
        let text = e.input.text();
        let chips = e.input.chips();
        let rows = chips.wrap(text, self.text_width());
        let (row, col) = chips.locate(text, &rows, e.input.cursor());
        Some((e.segment, self.lead_rows(e.segment) + row, col))
    }

    /// The selected issue, if it is still listed under the current segment.
    pub fn selected_issue(&self) -> Option<IssueId> {
        let id = self.selected?;
        self.session
            .segment_issues(self.current)
            .contains(&id)
            .then_some(id)
    }

    /// Selects the current segment's first open issue (or none).
    pub(super) fn select_first_issue(&mut self) {
        self.selected = self.session.segment_issues(self.current).first().copied();
    }

    /// Brings the current segment (or the editing cursor) into view.
    pub(super) fn ensure_visible(&mut self) {
        let count = self.session.segment_count();
        if count == 0 {
            self.scroll = Scroll::default();
            return;
        }
        self.current = self.current.min(count - 1);
        let height = usize::from(self.areas().list.height).max(1);
        let cur = self.current;
        let cur_height = self.item_height(cur);
        if let Some((seg, row, _)) = self.cursor_row().filter(|_| cur_height > height) {
            // A segment taller than the screen: follow the cursor inside it.
            self.scroll.top = seg;
            let skip = self.scroll.skip.min(cur_height - 1);
            self.scroll.skip = if row < skip {
                row
            } else if row >= skip + height {
                row + 1 - height
            } else {
                skip
            };
            return;
        }
        let top = self.scroll.top.min(count - 1);
        if cur < top || (cur == top && self.scroll.skip > 0) {
            self.scroll = Scroll { top: cur, skip: 0 };
            return;
        }
        // Far below the top: it cannot be on screen.
        let visible_end = if cur - top < height {
            let mut rows = 0usize;
            for s in top..=cur {
                rows += self.item_height(s);
            }
            Some(rows - self.scroll.skip)
        } else {
            None
        };
        if visible_end.is_some_and(|end| end <= height) {
            return;
        }
        if cur_height >= height {
            self.scroll = Scroll { top: cur, skip: 0 };
            return;
        }
        // Put the current segment at the bottom: walk back while segments fit.
        let mut used = cur_height;
        let mut top = cur;
        while top > 0 {
            let h = self.item_height(top - 1);
            if used + h > height {
                self.scroll = Scroll {
                    top: top - 1,
                    skip: used + h - height,
                };
                return;
            }
            used += h;
            top -= 1;
        }
        self.scroll = Scroll { top, skip: 0 };
    }

    /// Scrolls the list by `rows` (positive: down) without changing the current segment.
    pub(super) fn scroll_rows(&mut self, rows: i32) {
        let count = self.session.segment_count();
        if count == 0 {
            return;
        }
        let Scroll { mut top, mut skip } = self.scroll;
        if rows > 0 {
            skip += rows.unsigned_abs() as usize;
            loop {
                let h = self.item_height(top);
                if skip < h {
                    break;
                }
                if top + 1 >= count {
                    skip = h.saturating_sub(1);
                    break;
                }
                skip -= h;
                top += 1;
            }
        } else {
            let mut back = rows.unsigned_abs() as usize;
            while back > skip {
                if top == 0 {
                    skip = 0;
                    back = 0;
                    break;
                }
                back -= skip;
                top -= 1;
                skip = self.item_height(top);
            }
            skip -= back;
        }
        self.scroll = Scroll { top, skip };
    }

    /// The segment and the row within its item drawn at list row `y` (0 = top of list).
    pub(super) fn item_at_row(&mut self, y: usize) -> Option<(usize, usize)> {
        let count = self.session.segment_count();
        let mut seg = self.scroll.top;
        let mut row = y + self.scroll.skip;
        while seg < count {
            let h = self.item_height(seg);
            if row < h {
                return Some((seg, row));
            }
            row -= h;
            seg += 1;
        }
        None
    }
}

/// `"s"` unless `n` is one.
pub fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// How a segment's text reads with its line endings shown as typed in the editor.
pub fn newline_of(segment: &str, document: &'static str) -> &'static str {
    if segment.contains("\r\n") {
        "\r\n"
    } else if segment.contains('\n') {
        "\n"
    } else {
        document
    }
}

/// A short form of a text for messages: one line, at most `width` columns.
pub fn excerpt(text: &str, width: usize) -> Cow<'_, str> {
    if text.contains(['\n', '\r']) {
        let flat = text.replace("\r\n", " ").replace(['\n', '\r'], " ");
        Cow::Owned(wrap::truncate(&flat, width).into_owned())
    } else {
        wrap::truncate(text, width)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layouts_by_size() {
        let wide = areas(Rect::new(0, 0, 200, 60));
        assert!(wide.pane_beside && wide.pane.is_some());
        assert_eq!(wide.list.width + wide.pane.unwrap().width, 200);
        // Two fifths: wider on a large terminal, for long messages and entries.
        assert_eq!(wide.pane.unwrap().width, 80);
        assert_eq!(areas(Rect::new(0, 0, 120, 40)).pane.unwrap().width, 48);
        let normal = areas(Rect::new(0, 0, 80, 24));
        let pane = normal.pane.unwrap();
        assert!(!normal.pane_beside);
        assert_eq!(normal.list.bottom(), pane.y);
        assert_eq!(normal.status.unwrap().y, 22);
        let tiny = areas(Rect::new(0, 0, 40, 10));
        assert!(tiny.pane.is_none() && tiny.status.is_none());
        assert_eq!(tiny.summary.unwrap().y, 8);
        assert_eq!(tiny.list.height, 7);
        let degenerate = areas(Rect::new(0, 0, 3, 1));
        assert_eq!(degenerate.list.height, 0);
    }

    #[test]
    fn word_diff_marks_changes() {
        let (text, parts) = word_diff("a clear and clear sky", "a clear sky");
        assert_eq!(text, "a clear [-and clear-] sky");
        assert_eq!(parts, [(8..21, ChangeKind::Delete)]);
        let (text, _) = word_diff("network power", "cyberpower");
        assert_eq!(text, "[-network power-]{+cyberpower+}");
    }

    /// The editor's `d` view and `mtpe diff --format words` mark the same runs: here the
    /// spaces an MT system left between Chinese words, which the editor used to mark as
    /// invisible `[- -]` (similar's word split compares whitespace; the reports' does not,
    /// and shows a deleted space as `·`).
    #[test]
    fn the_editor_and_the_reports_agree_on_cjk_text() {
        use crate::document::Document;
        use crate::report::text::{WordsStyle, words};
        use crate::report::{IssueChecks, Report};
        let (a, b) = (
            "中国 互联网 发展取得成就。\n",
            "中国互联网发展取得了巨大成就。\n",
        );
        let (original, corrected) = (
            Document::from_str_named("a.txt", a),
            Document::from_str_named("b.txt", b),
        );
        let report = Report::new(&original, &corrected, &IssueChecks::none());
        let reported = words(&report, &WordsStyle::PLAIN);
        let (editor, parts) = word_diff(a.trim_end(), b.trim_end());
        assert_eq!(editor, "中国[-·-]互联网[-·-]发展取得{+了巨大+}成就。");
        assert_eq!(parts.len(), 3);
        assert!(reported.lines().any(|l| l == editor), "{reported}");
    }

    #[test]
    fn gutter_fits_numbers() {
        assert_eq!(gutter_width(9), 5);
        assert_eq!(gutter_width(180), 6);
        assert_eq!(gutter_width(82_457), 8);
    }
}
