//! The HTML report: one self-contained page (inline CSS, no script, no external request —
//! a Content-Security-Policy forbids both) with the summary, issues by category and
//! status, glossary compliance, and every changed segment with its deletions and insertions
//! marked (side by side on wide screens, one above the other on narrow ones).
//!
//! All article text and file names are escaped, so an article containing markup renders as
//! the text it is. Segments use `content-visibility: auto`, so a long report opens quickly.

use std::fmt::Write as _;

use super::{IssueStatus, Report, TrackedIssue, capitalize, layout_notes, percent, plural};
use crate::check::Category;
use crate::diff::words::{split_leading_space, visible_whitespace};
use crate::diff::{ChangeKind, SegmentDiff, SegmentKind};

/// Appends `text` with `& < > " '` escaped.
pub fn escape_into(out: &mut String, text: &str) {
    let mut last = 0;
    for (i, b) in text.bytes().enumerate() {
        let rep = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[last..i]);
        out.push_str(rep);
        last = i + 1;
    }
    out.push_str(&text[last..]);
}

/// `text` HTML-escaped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text);
    out
}

/// Issue lists longer than this start folded.
const OPEN_LIST_LIMIT: usize = 50;

const STYLE: &str = r#"
:root{color-scheme:light dark;--fg:#1f2328;--bg:#fff;--muted:#59636e;--line:#d1d9e0;--head:#f6f8fa;
--del-bg:#ffebe9;--del-fg:#82071e;--ins-bg:#dafbe1;--ins-fg:#116329;--warn:#9a6700}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--bg:#0d1117;--muted:#9198a1;--line:#3d444d;
--head:#151b23;--del-bg:#5d1a1d;--del-fg:#ffdcd7;--ins-bg:#173a24;--ins-fg:#aff5b4;--warn:#d29922}}
*{box-sizing:border-box}
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:var(--bg);
margin:0 auto;max-width:120rem;padding:1rem 2rem 3rem}
h1{font-size:1.6rem;margin:.5rem 0}h2{font-size:1.25rem;margin:2rem 0 .5rem;border-bottom:1px solid var(--line)}
h3{font-size:1rem;margin:1rem 0 .25rem}
code{font:.9em ui-monospace,monospace;background:var(--head);padding:.1em .3em;border-radius:4px;overflow-wrap:anywhere}
nav a{margin-right:1rem}a{color:#0969da}
.muted,.meta{color:var(--muted);font-weight:normal}
table{border-collapse:collapse;margin:.5rem 0}
th,td{border:1px solid var(--line);padding:.3rem .7rem;text-align:left;vertical-align:top}
thead th,.summary th{background:var(--head)}
td.n{text-align:right;font-variant-numeric:tabular-nums}
.note{border-left:4px solid var(--warn);padding:.4rem .8rem;background:var(--head)}
details{margin:.4rem 0}summary{cursor:pointer;font-weight:600}
ul.issues{margin:.3rem 0;padding-left:1.4rem}ul.issues li{margin:.15rem 0}
.status{font-size:.8em;font-weight:600;text-transform:uppercase;padding:0 .35em;border-radius:4px;border:1px solid var(--line)}
.fixed{color:var(--ins-fg)}.introduced{color:var(--del-fg)}.remaining{color:var(--warn)}
q{font-style:italic}
.seg{border:1px solid var(--line);border-radius:6px;margin:.8rem 0;content-visibility:auto;contain-intrinsic-size:auto 9rem}
.seg h3{margin:0;padding:.35rem .75rem;background:var(--head);border-bottom:1px solid var(--line);font-size:.95rem}
.sbs{display:grid;grid-template-columns:minmax(0,1fr)}
@media (min-width:64rem){.sbs{grid-template-columns:minmax(0,1fr) minmax(0,1fr)}.sbs .new{border-left:1px solid var(--line)}}
@media (max-width:63.99rem){.sbs .new{border-top:1px dashed var(--line)}}
.side .tag{font-size:.75rem;color:var(--muted);padding:.3rem .75rem 0;text-transform:uppercase;letter-spacing:.04em}
.side p{white-space:pre-wrap;overflow-wrap:anywhere;margin:0;padding:.2rem .75rem .6rem}
.side p.absent{color:var(--muted);font-style:italic}
del{background:var(--del-bg);color:var(--del-fg);text-decoration:line-through;text-decoration-thickness:1px}
ins{background:var(--ins-bg);color:var(--ins-fg);text-decoration:none}
.seg ul.issues{border-top:1px solid var(--line);margin:0;padding:.4rem .75rem .4rem 2rem;font-size:.9rem}
"#;

/// The whole HTML page.
pub fn render(report: &Report<'_>) -> String {
    let c = &report.comparison;
    let changed = c.totals.segments_changed;
    let mut out = String::with_capacity(4096 + 3 * (c.original.len() + c.corrected.len()) / 2);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n",
    );
    out.push_str("<meta name=\"generator\" content=\"mtpe\">\n<title>Post-editing review: ");
    escape_into(&mut out, &report.original.name());
    out.push_str(" → ");
    escape_into(&mut out, &report.corrected.name());
    out.push_str("</title>\n<style>");
    out.push_str(STYLE);
    out.push_str("</style>\n</head>\n<body>\n<header>\n<h1>Post-editing review</h1>\n");
    out.push_str("<p>Original (machine translation) <code>");
    escape_into(&mut out, &report.original.name());
    out.push_str("</code> → corrected <code>");
    escape_into(&mut out, &report.corrected.name());
    out.push_str("</code></p>\n</header>\n<nav><a href=\"#summary\">Summary</a>");
    if report.checks_ran {
        out.push_str("<a href=\"#issues\">Issues</a><a href=\"#glossary\">Glossary compliance</a>");
    }
    let _ = writeln!(
        out,
        "<a href=\"#changes\">Changed segments ({changed})</a></nav>"
    );

    summary(report, &mut out);
    if report.checks_ran {
        issues(report, &mut out);
        glossary(report, &mut out);
    }
    changes(report, &mut out);
    out.push_str("</body>\n</html>\n");
    out
}

fn row(out: &mut String, label: &str, value: &str) {
    let _ = writeln!(out, "<tr><th>{label}</th><td>{value}</td></tr>");
}

fn summary(report: &Report<'_>, out: &mut String) {
    let c = &report.comparison;
    let s = report.summary();
    out.push_str("<section id=\"summary\">\n<h2>Summary</h2>\n");
    if c.is_identical() {
        out.push_str("<p>The two texts are identical.</p>\n");
    } else if s.only_layout_changed {
        out.push_str("<p class=\"note\">The text of every line is unchanged; only the layout differs (see below).</p>\n");
    }
    out.push_str("<table class=\"summary\"><tbody>\n");
    row(
        out,
        "Segments changed",
        &format!(
            "{} of {} ({})",
            s.segments_changed,
            s.segments_total,
            percent(100.0 * (1.0 - s.unedited_share))
        ),
    );
    row(
        out,
        "Segments unedited",
        &format!(
            "{} ({})",
            s.segments_unchanged,
            percent(100.0 * s.unedited_share)
        ),
    );
    let how = match s.alignment {
        crate::diff::Alignment::Lines => "line by line (same number of lines)".to_string(),
        crate::diff::Alignment::Diff => format!(
            "by diff: {} edited, {} inserted, {} deleted, {} split, {} merged",
            s.segments_edited,
            s.segments_inserted,
            s.segments_deleted,
            s.segments_split,
            s.segments_merged
        ),
    };
    row(out, "Alignment", &how);
    row(
        out,
        "TER (HTER)",
        &format!(
            "<strong>{}</strong> ({} / {})",
            percent(s.ter),
            plural(s.ter_edits, "edit", "edits"),
            plural(s.reference_words, "reference word", "reference words")
        ),
    );
    row(
        out,
        "Words",
        &format!(
            "{} inserted, {} deleted, {} substituted, {} shifted ({})",
            s.words_inserted,
            s.words_deleted,
            s.words_substituted,
            s.words_shifted,
            plural(s.shifts, "shift", "shifts")
        ),
    );
    row(
        out,
        "Character edits",
        &format!(
            "{} ({} → {})",
            s.char_edit_distance,
            s.original_chars,
            plural(s.corrected_chars, "character", "characters")
        ),
    );
    let endings = match s.line_endings_note() {
        Some(note) => escape(&note),
        None => format!(
            "unchanged ({})",
            super::style_label(&s.line_endings.corrected)
        ),
    };
    row(out, "Line endings", &endings);
    for note in layout_notes(c) {
        row(out, "Layout", &escape(&note));
    }
    if report.checks_ran {
        row(
            out,
            "Issues",
            &format!(
                "<span class=\"fixed\">{} fixed</span>, <span class=\"remaining\">{} remaining</span>, <span class=\"introduced\">{} introduced</span>",
                report.count(IssueStatus::Fixed),
                report.count(IssueStatus::Remaining),
                report.count(IssueStatus::Introduced)
            ),
        );
    }
    out.push_str("</tbody></table>\n<p class=\"muted\">TER as sacrebleu computes it by default (case-insensitive, whitespace words, shifts), the corrected text being the reference. Character edits are counted in grapheme clusters.</p>\n</section>\n");
}

fn issue_item(report: &Report<'_>, t: &TrackedIssue, out: &mut String, with_status: bool) {
    let issue = t.issue();
    let (doc, side) = if t.corrected.is_some() {
        (report.corrected, "corrected")
    } else {
        (report.original, "original")
    };
    let pos = doc.position(issue.span.start);
    out.push_str("<li>");
    if with_status {
        let _ = write!(
            out,
            "<span class=\"status {0}\">{0}</span> ",
            t.status.as_str()
        );
    }
    let _ = write!(out, "<code>{}</code> ", issue.check);
    if let Some(seg) = t.segment {
        let number = seg + 1;
        if report.comparison.segments[seg].is_changed() {
            let _ = write!(out, "<a href=\"#s{number}\">segment {number}</a>, ");
        } else {
            let _ = write!(out, "segment {number}, ");
        }
    }
    let _ = write!(out, "{side} line {}: ", pos.line);
    escape_into(out, &issue.message);
    out.push_str(" — <q>");
    escape_into(out, doc.slice(issue.span.clone()));
    out.push_str("</q></li>\n");
}

fn issues(report: &Report<'_>, out: &mut String) {
    out.push_str("<section id=\"issues\">\n<h2>Issues</h2>\n");
    if report.issues.is_empty() {
        out.push_str("<p>No issues found in the original or the corrected text.</p>\n</section>\n");
        return;
    }
    out.push_str("<table><thead><tr><th>Category</th><th>Fixed</th><th>Remaining</th><th>Introduced</th></tr></thead><tbody>\n");
    for category in Category::ALL {
        let counts = IssueStatus::ALL.map(|st| report.count_in(category, st));
        if counts.iter().sum::<usize>() > 0 {
            let _ = writeln!(
                out,
                "<tr><th>{}</th><td class=\"n fixed\">{}</td><td class=\"n remaining\">{}</td><td class=\"n introduced\">{}</td></tr>",
                category.as_str(),
                counts[0],
                counts[1],
                counts[2]
            );
        }
    }
    out.push_str("</tbody></table>\n");
    for status in IssueStatus::ALL {
        let n = report.count(status);
        if n == 0 {
            continue;
        }
        let label = match status {
            IssueStatus::Fixed => "Fixed (in the original, gone from the corrected text)",
            IssueStatus::Remaining => "Remaining (in both)",
            IssueStatus::Introduced => "Introduced (only in the corrected text)",
        };
        // Long lists start folded so that the changes stay within reach.
        let open = if status == IssueStatus::Fixed || n > OPEN_LIST_LIMIT {
            ""
        } else {
            " open"
        };
        let _ = writeln!(
            out,
            "<details{open}><summary class=\"{}\">{label}: {n}</summary>\n<ul class=\"issues\">",
            status.as_str()
        );
        for t in report.issues.iter().filter(|t| t.status == status) {
            issue_item(report, t, out, false);
        }
        out.push_str("</ul></details>\n");
    }
    out.push_str("</section>\n");
}

fn glossary(report: &Report<'_>, out: &mut String) {
    out.push_str("<section id=\"glossary\">\n<h2>Glossary compliance</h2>\n");
    match &report.glossary {
        None => out.push_str(
            "<p class=\"note\"><strong>No glossary was used for this report.</strong> Deprecated terms and inconsistent concepts were not checked; give a glossary to check them.</p>\n",
        ),
        Some(name) => {
            out.push_str("<p>Glossary: <code>");
            escape_into(out, name);
            out.push_str("</code></p>\n");
        }
    }
    let left: Vec<&TrackedIssue> = report.terminology_left().collect();
    let fixed = report.count_in(Category::Terminology, IssueStatus::Fixed);
    if report.glossary.is_some() || report.terminology_checked() || !left.is_empty() {
        if left.is_empty() {
            let _ = writeln!(
                out,
                "<p>No deprecated terms or inconsistent concepts left in the corrected text ({} fixed).</p>",
                plural(fixed, "terminology issue", "terminology issues")
            );
        } else {
            let _ = writeln!(
                out,
                "<p>{} left in the corrected text; {fixed} fixed.</p>",
                plural(left.len(), "terminology issue", "terminology issues")
            );
            let mut checks: Vec<&'static str> = left.iter().map(|t| t.issue().check).collect();
            checks.dedup();
            checks.sort_unstable();
            checks.dedup();
            for check in checks {
                let items: Vec<&&TrackedIssue> =
                    left.iter().filter(|t| t.issue().check == check).collect();
                out.push_str("<h3>");
                match report.check_summary(check) {
                    Some(summary) => escape_into(out, &capitalize(summary)),
                    None => escape_into(out, check),
                }
                let _ = writeln!(
                    out,
                    " <span class=\"meta\">(<code>{check}</code>, {} left)</span></h3>\n<ul class=\"issues\">",
                    items.len()
                );
                for t in items {
                    issue_item(report, t, out, true);
                }
                out.push_str("</ul>\n");
            }
        }
    }
    out.push_str("</section>\n");
}

fn changes(report: &Report<'_>, out: &mut String) {
    let c = &report.comparison;
    out.push_str("<section id=\"changes\">\n<h2>Changed segments</h2>\n");
    if c.totals.segments_changed == 0 {
        out.push_str("<p>No segment was changed.</p>\n");
    }
    // Issues per segment, for the notes under each changed segment.
    let mut by_segment: Vec<Vec<&TrackedIssue>> = vec![Vec::new(); c.segments.len()];
    for t in &report.issues {
        if let Some(s) = t.segment {
            by_segment[s].push(t);
        }
    }
    for seg in c.changed_segments() {
        segment(report, seg, &by_segment[seg.number - 1], out);
    }
    out.push_str("</section>\n");
}

fn segment(report: &Report<'_>, seg: &SegmentDiff, issues: &[&TrackedIssue], out: &mut String) {
    let c = &report.comparison;
    let lines = report.segment_label(seg);
    let _ = writeln!(
        out,
        "<article class=\"seg\" id=\"s{n}\"><h3>Segment {n} <span class=\"meta\">{lines} · {kind} · TER {ter} ({edits} / {words}) · {chars}</span></h3>",
        n = seg.number,
        kind = seg.kind.as_str(),
        ter = percent(seg.ter.score()),
        edits = plural(seg.ter.edits, "edit", "edits"),
        words = plural(seg.ter.ref_words, "word", "words"),
        chars = plural(seg.char_distance, "character edit", "character edits")
    );
    for u in report.segment_units(seg) {
        out.push_str("<p class=\"source\"><span class=\"tag\">Source</span> ");
        escape_into(out, u.source);
        out.push_str("</p>\n");
    }
    out.push_str("<div class=\"sbs\"><div class=\"side old\"><div class=\"tag\">Original</div>");
    if seg.kind == SegmentKind::Inserted {
        out.push_str("<p class=\"absent\">(none: inserted by the post-editor)</p>");
    } else {
        out.push_str("<p>");
        for ch in &seg.changes {
            match ch.kind {
                ChangeKind::Equal => escape_into(out, &c.original[ch.original.clone()]),
                ChangeKind::Delete => marked(out, "del", &c.original[ch.original.clone()]),
                ChangeKind::Insert => {}
            }
        }
        out.push_str("</p>");
    }
    out.push_str("</div><div class=\"side new\"><div class=\"tag\">Corrected</div>");
    if seg.kind == SegmentKind::Deleted {
        out.push_str("<p class=\"absent\">(deleted by the post-editor)</p>");
    } else {
        out.push_str("<p>");
        for ch in &seg.changes {
            match ch.kind {
                ChangeKind::Equal => escape_into(out, &c.corrected[ch.corrected.clone()]),
                ChangeKind::Insert => marked(out, "ins", &c.corrected[ch.corrected.clone()]),
                ChangeKind::Delete => {}
            }
        }
        out.push_str("</p>");
    }
    out.push_str("</div></div>");
    if !issues.is_empty() {
        out.push_str("\n<ul class=\"issues\">\n");
        for t in issues {
            issue_item(report, t, out, true);
        }
        out.push_str("</ul>");
    }
    out.push_str("</article>\n");
}

/// `<tag>text</tag>`, with the run's leading whitespace kept outside the mark.
fn marked(out: &mut String, tag: &str, text: &str) {
    let (space, rest) = split_leading_space(text);
    out.push_str(space);
    let _ = write!(out, "<{tag}>");
    escape_into(out, &visible_whitespace(rest));
    let _ = write!(out, "</{tag}>");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{Check, CheckInfo, Issue, ParagraphView, Severity};
    use crate::document::Document;
    use crate::report::{IssueChecks, Report};

    /// A stand-in for the glossary's checks: flags "network power" as a deprecated term.
    struct DeprecatedTerm;

    static DEPRECATED: CheckInfo = CheckInfo {
        id: "terminology.deprecated",
        category: Category::Terminology,
        severity: Severity::Warning,
        summary: "a deprecated term of the glossary",
        example: "network power",
    };

    impl Check for DeprecatedTerm {
        fn info(&self) -> &'static CheckInfo {
            &DEPRECATED
        }
        fn check_paragraph(&self, para: &ParagraphView<'_>, out: &mut Vec<Issue>) {
            for (at, _) in para.text.match_indices("network power") {
                out.push(Issue::new(
                    &DEPRECATED,
                    para.abs(at..at + "network power".len()),
                    "“network power” is deprecated; use “cyber power”",
                ));
            }
        }
    }

    fn report_html(glossary: Option<&str>, a: &str, b: &str) -> String {
        let (da, db) = (
            Document::from_str_named("a.txt", a),
            Document::from_str_named("b.txt", b),
        );
        let engine = crate::check::Engine::new(vec![Box::new(DeprecatedTerm)]);
        let checks = IssueChecks::custom(
            &engine,
            |doc| engine.run(&crate::check::CheckContext::new(doc)),
            glossary.map(str::to_string),
        );
        render(&Report::new(&da, &db, &checks))
    }

    #[test]
    fn glossary_compliance_lists_terms_left() {
        let a = "From a network power to a network power.\nKeep the network power.\n";
        let b = "From a big cyber country to a cyber power.\nKeep the network power.\n";
        let html = report_html(Some("cyber.tbx"), a, b);
        let section =
            &html[html.find("id=\"glossary\"").unwrap()..html.find("id=\"changes\"").unwrap()];
        assert!(
            section.contains("Glossary: <code>cyber.tbx</code>"),
            "{section}"
        );
        assert!(
            section.contains("1 terminology issue left in the corrected text; 2 fixed."),
            "{section}"
        );
        assert!(
            section.contains("A deprecated term of the glossary"),
            "{section}"
        );
        assert!(
            section.contains("remaining</span> <code>terminology.deprecated</code>"),
            "{section}"
        );
        assert!(!section.contains("No glossary was used"));

        let clean = report_html(
            Some("cyber.tbx"),
            a,
            "From a big to a strong one.\nKeep it.\n",
        );
        assert!(clean.contains("No deprecated terms or inconsistent concepts left in the corrected text (3 terminology issues fixed)."));
    }

    #[test]
    fn says_when_no_glossary_was_used() {
        let html = report_html(None, "a\n", "b\n");
        assert!(html.contains("<strong>No glossary was used for this report.</strong>"));
    }

    #[test]
    fn escapes_all_markup() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"q\" <!-- </td>"),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot; &lt;!-- &lt;/td&gt;"
        );
        assert_eq!(escape("plain 中文"), "plain 中文");
    }
}
