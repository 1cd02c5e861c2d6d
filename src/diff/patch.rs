//! Reading a unified diff (mtpe's own, GNU `diff -u`'s or `git diff`'s) and applying it to
//! a text, byte for byte. Every hunk must apply with its exact context, though it may have
//! moved (an offset of some lines, as `patch` allows); otherwise the hunks that fail are
//! named and nothing is produced.

use std::ops::Range;

/// A parsed single-file unified diff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Patch {
    /// Names on the `---` and `+++` lines (timestamps removed).
    pub old_name: Option<String>,
    pub new_name: Option<String>,
    pub hunks: Vec<Hunk>,
}

/// One `@@ -a,b +c,d @@` hunk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hunk {
    /// 1-based number of the hunk in the patch.
    pub number: usize,
    /// The `@@ … @@` line as written (without its line ending).
    pub header: String,
    /// 1-based line of the header in the patch file.
    pub patch_line: usize,
    pub old_start: usize,
    pub old_len: usize,
    pub new_start: usize,
    pub new_len: usize,
    pub lines: Vec<HunkLine>,
}

/// A line of a hunk; the text includes its line ending, if it has one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HunkLine {
    Context(String),
    Delete(String),
    Insert(String),
}

impl Hunk {
    /// The lines the hunk expects to find (context and deletions).
    fn old_lines(&self) -> Vec<&str> {
        self.lines
            .iter()
            .filter_map(|l| match l {
                HunkLine::Context(t) | HunkLine::Delete(t) => Some(t.as_str()),
                HunkLine::Insert(_) => None,
            })
            .collect()
    }

    /// The lines the hunk leaves (context and insertions).
    fn new_lines(&self) -> Vec<&str> {
        self.lines
            .iter()
            .filter_map(|l| match l {
                HunkLine::Context(t) | HunkLine::Insert(t) => Some(t.as_str()),
                HunkLine::Delete(_) => None,
            })
            .collect()
    }
}

/// Why a patch could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    #[error("no unified diff found (expected `---` and `+++` header lines followed by `@@` hunks)")]
    NotUnified,
    #[error("line {line}: malformed hunk header {header:?}")]
    BadHunkHeader { line: usize, header: String },
    #[error(
        "line {line}: hunk {hunk} ({header}) ends early: expected {old} old and {new} new lines"
    )]
    ShortHunk {
        line: usize,
        hunk: usize,
        header: String,
        old: usize,
        new: usize,
    },
    #[error("line {line}: unexpected {text:?} inside hunk {hunk}")]
    BadHunkLine {
        line: usize,
        hunk: usize,
        text: String,
    },
    #[error(
        "the patch changes {files} files; mtpe applies a patch to one article (split it first)"
    )]
    SeveralFiles { files: usize },
    #[error("line {line}: binary patches are not supported")]
    Binary { line: usize },
}

/// Why a patch did not apply. Nothing is produced in that case.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", describe_failures(.failures))]
pub struct ApplyError {
    pub failures: Vec<HunkFailure>,
}

/// A hunk that does not apply, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HunkFailure {
    pub number: usize,
    pub header: String,
    pub patch_line: usize,
    pub reason: String,
}

fn describe_failures(failures: &[HunkFailure]) -> String {
    let mut out = String::new();
    for (i, f) in failures.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&format!(
            "hunk {} ({}, patch line {}) does not apply: {}",
            f.number, f.header, f.patch_line, f.reason
        ));
    }
    out
}

/// The result of applying a patch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    pub text: String,
    /// For each hunk, how many lines away from its stated position it applied.
    pub offsets: Vec<isize>,
}

fn strip_ending(line: &str) -> &str {
    let line = line.strip_suffix('\n').unwrap_or(line);
    line.strip_suffix('\r').unwrap_or(line)
}

/// The file name of a `---`/`+++` line: up to a tab (GNU diff puts the timestamp after it),
/// or a name in double quotes with C escapes (as GNU diff and git write unusual names).
fn header_name(rest: &str) -> Option<String> {
    let rest = strip_ending(rest);
    if let Some(name) = rest.strip_prefix('"').and_then(unquote) {
        return Some(name);
    }
    let name = rest.split('\t').next().unwrap_or(rest).trim_end();
    (!name.is_empty()).then(|| name.to_string())
}

/// The name of a C-quoted string whose opening quote is gone, up to its closing quote.
fn unquote(quoted: &str) -> Option<String> {
    let mut bytes = Vec::new();
    let mut it = quoted.bytes();
    loop {
        match it.next()? {
            b'"' => break,
            b'\\' => {
                let b = it.next()?;
                bytes.push(match b {
                    b'n' => b'\n',
                    b't' => b'\t',
                    b'r' => b'\r',
                    b'a' => 0x07,
                    b'b' => 0x08,
                    b'f' => 0x0c,
                    b'v' => 0x0b,
                    b'0'..=b'7' => {
                        let (d2, d3) = (it.next()?, it.next()?);
                        let digit = |d: u8| d.is_ascii_digit().then(|| u32::from(d - b'0'));
                        let value = u32::from(b - b'0') * 64 + digit(d2)? * 8 + digit(d3)?;
                        u8::try_from(value).ok()?
                    }
                    other => other,
                });
            }
            b => bytes.push(b),
        }
    }
    String::from_utf8(bytes).ok().filter(|n| !n.is_empty())
}

fn parse_range(s: &str) -> Option<(usize, usize)> {
    match s.split_once(',') {
        Some((start, len)) => Some((start.parse().ok()?, len.parse().ok()?)),
        None => Some((s.parse().ok()?, 1)),
    }
}

fn parse_hunk_header(line: &str) -> Option<(usize, usize, usize, usize)> {
    let rest = strip_ending(line).strip_prefix("@@ -")?;
    let (old, rest) = rest.split_once(" +")?;
    let (new, _) = rest.split_once(" @@")?;
    let (old_start, old_len) = parse_range(old)?;
    let (new_start, new_len) = parse_range(new)?;
    Some((old_start, old_len, new_start, new_len))
}

/// Reads a unified diff of one file. Text before the `---` line (a `diff` or `git diff`
/// command line, `index` lines, a commit message) is ignored.
pub fn parse(patch: &str) -> Result<Patch, ParseError> {
    let lines: Vec<&str> = patch.split_inclusive('\n').collect();
    let mut i = 0;
    let mut files: Vec<Patch> = Vec::new();
    while i < lines.len() {
        let line = lines[i];
        if line.starts_with("GIT binary patch") || line.starts_with("Binary files ") {
            return Err(ParseError::Binary { line: i + 1 });
        }
        let is_header = line.starts_with("--- ")
            && lines.get(i + 1).is_some_and(|l| l.starts_with("+++ "))
            && lines.get(i + 2).is_some_and(|l| l.starts_with("@@ "));
        if !is_header {
            i += 1;
            continue;
        }
        let mut file = Patch {
            old_name: header_name(&line[4..]),
            new_name: header_name(&lines[i + 1][4..]),
            hunks: Vec::new(),
        };
        i += 2;
        while i < lines.len() && lines[i].starts_with("@@ ") {
            let header_line = i + 1;
            let header = strip_ending(lines[i]).to_string();
            let (old_start, old_len, new_start, new_len) =
                parse_hunk_header(lines[i]).ok_or_else(|| ParseError::BadHunkHeader {
                    line: header_line,
                    header: header.clone(),
                })?;
            let number = files.iter().map(|f| f.hunks.len()).sum::<usize>() + file.hunks.len() + 1;
            i += 1;
            let (mut old_seen, mut new_seen) = (0, 0);
            let mut hunk_lines: Vec<HunkLine> = Vec::new();
            while old_seen < old_len || new_seen < new_len {
                let Some(&l) = lines.get(i) else {
                    return Err(ParseError::ShortHunk {
                        line: i,
                        hunk: number,
                        header,
                        old: old_len,
                        new: new_len,
                    });
                };
                let (kind, text) = match l.as_bytes().first() {
                    Some(b' ') => ('c', &l[1..]),
                    Some(b'-') => ('-', &l[1..]),
                    Some(b'+') => ('+', &l[1..]),
                    // Some tools strip the space of an empty context line.
                    Some(b'\n') => ('c', l),
                    Some(b'\r') if l == "\r\n" => ('c', &l[1..]),
                    Some(b'\\') => {
                        strip_last_newline(&mut hunk_lines);
                        i += 1;
                        continue;
                    }
                    _ => {
                        return Err(if l.starts_with("@@ ") || l.starts_with("--- ") {
                            ParseError::ShortHunk {
                                line: i + 1,
                                hunk: number,
                                header,
                                old: old_len,
                                new: new_len,
                            }
                        } else {
                            ParseError::BadHunkLine {
                                line: i + 1,
                                hunk: number,
                                text: strip_ending(l).to_string(),
                            }
                        });
                    }
                };
                let text = text.to_string();
                match kind {
                    'c' => {
                        old_seen += 1;
                        new_seen += 1;
                        hunk_lines.push(HunkLine::Context(text));
                    }
                    '-' => {
                        old_seen += 1;
                        hunk_lines.push(HunkLine::Delete(text));
                    }
                    _ => {
                        new_seen += 1;
                        hunk_lines.push(HunkLine::Insert(text));
                    }
                }
                i += 1;
                if old_seen > old_len || new_seen > new_len {
                    return Err(ParseError::BadHunkLine {
                        line: i,
                        hunk: number,
                        text: strip_ending(l).to_string(),
                    });
                }
            }
            // A "\ No newline at end of file" marker after the last line.
            while lines.get(i).is_some_and(|l| l.starts_with('\\')) {
                strip_last_newline(&mut hunk_lines);
                i += 1;
            }
            file.hunks.push(Hunk {
                number,
                header,
                patch_line: header_line,
                old_start,
                old_len,
                new_start,
                new_len,
                lines: hunk_lines,
            });
        }
        files.push(file);
    }
    match files.len() {
        0 => Err(ParseError::NotUnified),
        1 => Ok(files.remove(0)),
        n => Err(ParseError::SeveralFiles { files: n }),
    }
}

/// The marker applies to the line just before it.
fn strip_last_newline(lines: &mut [HunkLine]) {
    if let Some(HunkLine::Context(t) | HunkLine::Delete(t) | HunkLine::Insert(t)) = lines.last_mut()
        && t.ends_with('\n')
    {
        t.pop();
    }
}

/// How far from its stated position a hunk may have moved.
const MAX_OFFSET: usize = 1_000_000;

/// Applies `patch` to `text`. Either every hunk applies, or the failures are returned.
pub fn apply(text: &str, patch: &Patch) -> Result<Applied, ApplyError> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut failures = Vec::new();
    let mut placed: Vec<(Range<usize>, &Hunk)> = Vec::new();
    let mut offsets = Vec::new();
    let mut drift: isize = 0; // where earlier hunks were found, relative to their headers
    let mut floor = 0; // hunks apply in order without overlapping
    for hunk in &patch.hunks {
        let expected = hunk.old_lines();
        let stated = if hunk.old_len == 0 {
            hunk.old_start
        } else {
            hunk.old_start.saturating_sub(1)
        };
        let wanted = (stated as isize + drift).max(0) as usize;
        match find(&lines, &expected, wanted, floor) {
            Some(at) => {
                let offset = at as isize - stated as isize;
                drift = offset;
                floor = at + expected.len();
                placed.push((at..at + expected.len(), hunk));
                offsets.push(offset);
            }
            None => failures.push(HunkFailure {
                number: hunk.number,
                header: hunk.header.clone(),
                patch_line: hunk.patch_line,
                reason: explain(
                    &lines,
                    hunk,
                    &expected,
                    wanted,
                    placed.last().map(|(r, h)| (h.number, r.clone())),
                ),
            }),
        }
    }
    if !failures.is_empty() {
        return Err(ApplyError { failures });
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (range, hunk) in placed {
        for l in &lines[at..range.start] {
            out.push_str(l);
        }
        for l in hunk.new_lines() {
            out.push_str(l);
        }
        at = range.end;
    }
    for l in &lines[at..] {
        out.push_str(l);
    }
    Ok(Applied { text: out, offsets })
}

/// The position nearest to `wanted` (not before `floor`) where `expected` matches.
fn find(lines: &[&str], expected: &[&str], wanted: usize, floor: usize) -> Option<usize> {
    let last = lines.len().checked_sub(expected.len())?;
    if floor > last {
        return None;
    }
    let matches = |p: usize| lines[p..p + expected.len()] == *expected;
    let wanted = wanted.clamp(floor, last);
    for d in 0..=MAX_OFFSET {
        let mut any = false;
        if let Some(p) = wanted.checked_add(d).filter(|&p| p <= last) {
            any = true;
            if matches(p) {
                return Some(p);
            }
        }
        if d > 0
            && let Some(p) = wanted.checked_sub(d).filter(|&p| p >= floor)
        {
            any = true;
            if matches(p) {
                return Some(p);
            }
        }
        if !any {
            break;
        }
    }
    None
}

/// Says why `hunk` does not match at `wanted`, quoting the first line that differs.
/// `previous` is the hunk applied last before it and the lines it replaces (hunks apply in
/// order, each after the one before).
fn explain(
    lines: &[&str],
    hunk: &Hunk,
    expected: &[&str],
    wanted: usize,
    previous: Option<(usize, Range<usize>)>,
) -> String {
    if let (Some((number, range)), Some(at)) = (&previous, find(lines, expected, wanted, 0)) {
        // Its lines are there, but before the end of the hunk applied before it.
        return format!(
            "its lines are at line {}, {} hunk {} (lines {}–{}): the hunks are out of order or \
             overlap (misordered hunks); a patch's hunks must follow the article from top to \
             bottom",
            at + 1,
            if at + expected.len() <= range.start {
                "before"
            } else {
                "overlapping"
            },
            number,
            range.start + 1,
            range.end.max(range.start + 1)
        );
    }
    let new = hunk.new_lines();
    if !new.is_empty() && new != expected && find(lines, &new, wanted, 0).is_some() {
        return "its changes seem to be applied already".to_string();
    }
    if let Some(reason) = final_newline_mismatch(lines, expected, wanted) {
        return reason;
    }
    let crlf = |s: &[&str]| s.iter().any(|l| l.ends_with("\r\n"));
    let normalized: Vec<String> = expected
        .iter()
        .map(|l| strip_ending(l).to_string())
        .collect();
    let text_lines: Vec<&str> = lines.iter().map(|l| strip_ending(l)).collect();
    let norm_refs: Vec<&str> = normalized.iter().map(String::as_str).collect();
    if find(&text_lines, &norm_refs, wanted, 0).is_some() {
        return format!(
            "the lines match only when line endings are ignored (the article uses {}, the patch {})",
            if crlf(lines) { "CRLF" } else { "LF" },
            if crlf(expected) { "CRLF" } else { "LF" }
        );
    }
    if wanted >= lines.len() && !expected.is_empty() {
        return format!(
            "it expects text at line {}, but the article has {} line{}",
            wanted + 1,
            lines.len(),
            if lines.len() == 1 { "" } else { "s" }
        );
    }
    for (k, exp) in expected.iter().enumerate() {
        let found = lines.get(wanted + k).copied();
        if found != Some(*exp) {
            return match found {
                Some(f) => format!(
                    "line {} of the article is {:?}, the patch expects {:?} (and the expected lines were not found elsewhere)",
                    wanted + k + 1,
                    strip_ending(f),
                    strip_ending(exp)
                ),
                None => format!(
                    "the article ends at line {}, the patch expects {:?} after it",
                    lines.len(),
                    strip_ending(exp)
                ),
            };
        }
    }
    "its context was not found".to_string()
}

/// When `expected` matches except for the line feed after its last line (the patch was
/// made from a text with, or without, a final newline, and the article differs): says so.
fn final_newline_mismatch(lines: &[&str], expected: &[&str], wanted: usize) -> Option<String> {
    let last = expected.len().checked_sub(1)?;
    let without_lf = |l: &str| l.strip_suffix('\n').unwrap_or(l).to_string();
    let stripped: Vec<String> = lines.iter().map(|l| without_lf(l)).collect();
    let stripped: Vec<&str> = stripped.iter().map(String::as_str).collect();
    let wanted_stripped: Vec<String> = expected.iter().map(|l| without_lf(l)).collect();
    let wanted_stripped: Vec<&str> = wanted_stripped.iter().map(String::as_str).collect();
    let at = find(&stripped, &wanted_stripped, wanted, 0)?;
    // The lines differ only in a line feed, which only the last line of a text can lack.
    let found = lines[at + last];
    let line = at + last + 1;
    Some(if expected[last].ends_with('\n') {
        format!(
            "the patch expects a line break after line {line} ({:?}), but the article ends \
             there without one (\\ No newline at end of file): add a final newline to the \
             article, or make the patch from the article as it is",
            strip_ending(found)
        )
    } else {
        format!(
            "the patch expects line {line} ({:?}) to end the article without a line break \
             (\\ No newline at end of file), but the article has one there{}: the patch was \
             made from a text without a final newline",
            strip_ending(found),
            if at + last + 1 < lines.len() {
                " and more lines after it"
            } else {
                ""
            }
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::unified_diff;

    fn roundtrip(a: &str, b: &str) {
        let d = unified_diff(a, b, "a.txt", "b.txt");
        let p = parse(&d).unwrap_or_else(|e| panic!("{e}\n{d}"));
        assert_eq!(apply(a, &p).expect("applies").text, b, "{d}");
    }

    #[test]
    fn applies_own_diffs() {
        roundtrip("one\ntwo\nthree\n", "one\n2\nthree\n");
        roundtrip("a\nb", "a\nc");
        roundtrip("a\nb\n", "a\nb");
        roundtrip("a\nb", "a\nb\n");
        roundtrip("", "new\n");
        roundtrip("old\n", "");
        roundtrip("x\r\ny\r\n", "x\ny\n");
        let long: String = (0..100).map(|i| format!("line {i}\n")).collect();
        let edited = long.replace("line 10\n", "ten\n").replace("line 80\n", "");
        roundtrip(&long, &edited);
    }

    #[test]
    fn applies_with_offset_and_reports_it() {
        let d = unified_diff("a\nb\nc\nd\n", "a\nb\nC\nd\n", "x", "y");
        let p = parse(&d).unwrap();
        let applied = apply("new\nnew2\na\nb\nc\nd\n", &p).unwrap();
        assert_eq!(applied.text, "new\nnew2\na\nb\nC\nd\n");
        assert_eq!(applied.offsets, [2]);
    }

    #[test]
    fn gnu_headers_and_leading_text() {
        let patch = "diff -u a.txt b.txt\n--- a.txt\t2026-11-28 10:00:00.000000000 +0100\n+++ b.txt\t2026-11-28 10:01:00.000000000 +0100\n@@ -1,2 +1,2 @@\n-hello\n+Hello\n world\n";
        let p = parse(patch).unwrap();
        assert_eq!(p.old_name.as_deref(), Some("a.txt"));
        assert_eq!(p.hunks.len(), 1);
        assert_eq!(apply("hello\nworld\n", &p).unwrap().text, "Hello\nworld\n");
    }

    #[test]
    fn names_with_spaces_and_quotes() {
        let d = unified_diff("a\n", "b\n", "my file.txt", "say \"hi\"\t.txt");
        let p = parse(&d).unwrap();
        assert_eq!(p.old_name.as_deref(), Some("my file.txt"));
        assert_eq!(p.new_name.as_deref(), Some("say \"hi\"\t.txt"));
        let gnu = "--- \"my file.txt\"\t2026-11-28 19:16:09.206155649 +0000\n+++ \"caf\\303\\251.txt\"\t2026-11-28 19:16:09.206155649 +0000\n@@ -1 +1 @@\n-a\n+b\n";
        let p = parse(gnu).unwrap();
        assert_eq!(p.old_name.as_deref(), Some("my file.txt"));
        assert_eq!(p.new_name.as_deref(), Some("café.txt"));
    }

    #[test]
    fn failing_hunk_is_named() {
        let d = unified_diff("a\nb\nc\n", "a\nB\nc\n", "x", "y");
        let p = parse(&d).unwrap();
        let err = apply("a\nzzz\nc\n", &p).unwrap_err();
        assert_eq!(err.failures.len(), 1);
        let msg = err.to_string();
        assert!(msg.starts_with("hunk 1 (@@ -1,3 +1,3 @@, patch line 3) does not apply: line 2 of the article is \"zzz\", the patch expects \"b\""), "{msg}");
        let err = apply("a\nB\nc\n", &p).unwrap_err();
        assert!(err.to_string().contains("applied already"), "{err}");
        let err = apply("a\r\nb\r\nc\r\n", &p).unwrap_err();
        assert!(err.to_string().contains("line endings"), "{err}");
    }

    #[test]
    fn misordered_hunks_are_named_as_such() {
        let a: String = (1..=30).map(|i| format!("{i}\n")).collect();
        let b = a
            .replace("\n5\n", "\nfive\n")
            .replace("\n25\n", "\ntwenty-five\n");
        let d = unified_diff(&a, &b, "x", "y");
        let at = d.rfind("@@ -").unwrap();
        let (head, second) = d.split_at(at);
        let first_at = head.find("@@ -").unwrap();
        let swapped = format!("{}{}{}", &head[..first_at], second, &head[first_at..]);
        let p = parse(&swapped).unwrap();
        let err = apply(&a, &p).unwrap_err();
        assert_eq!(err.failures.len(), 1, "{err}");
        let msg = err.to_string();
        assert!(
            msg.starts_with("hunk 2 (@@ -2,7 +2,7 @@, patch line 12)"),
            "{msg}"
        );
        assert!(msg.contains("before hunk 1 (lines 22–28)"), "{msg}");
        assert!(msg.contains("out of order"), "{msg}");
        assert!(!msg.contains("line endings"), "{msg}");
    }

    #[test]
    fn final_newline_mismatch_is_named() {
        let p = parse(&unified_diff("a\nb", "a\nc", "x", "y")).unwrap();
        let msg = apply("a\nb\n", &p).unwrap_err().to_string();
        assert!(
            msg.contains(
                "the patch expects line 2 (\"b\") to end the article without a line break"
            ),
            "{msg}"
        );
        assert!(!msg.contains("line endings"), "{msg}");
        let msg = apply("a\nb\nmore\n", &p).unwrap_err().to_string();
        assert!(msg.contains("and more lines after it"), "{msg}");
        let p = parse(&unified_diff("a\nb\n", "a\nc\n", "x", "y")).unwrap();
        let msg = apply("a\nb", &p).unwrap_err().to_string();
        assert!(
            msg.contains("the patch expects a line break after line 2 (\"b\")"),
            "{msg}"
        );
    }

    #[test]
    fn parse_errors() {
        assert_eq!(parse("hello\n"), Err(ParseError::NotUnified));
        assert!(matches!(
            parse("--- a\n+++ b\n@@ -1,2 +1,2 @@\n-x\n"),
            Err(ParseError::ShortHunk { .. })
        ));
        let two = "--- a\n+++ a\n@@ -1 +1 @@\n-x\n+y\n--- b\n+++ b\n@@ -1 +1 @@\n-x\n+y\n";
        assert_eq!(parse(two), Err(ParseError::SeveralFiles { files: 2 }));
        assert!(matches!(
            parse("--- a\n+++ b\n@@ -x +1 @@\n"),
            Err(ParseError::BadHunkHeader { .. })
        ));
    }
}
