//! Writing entries as TBX v3, TBX-Basic, DCA style.

use std::borrow::Cow;
use std::fmt::Write as _;

use quick_xml::escape::partial_escape;

use super::{CASE_NOTE, MULTIPLE, UNDETERMINED};
use crate::check::terminology::TermStatus;
use crate::glossary::model::{Entry, EntryData, first_control};

/// Writes entries as TBX v3, TBX-Basic dialect, DCA style.
pub fn write(entries: &[Entry], out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let main = main_language(entries);
    let mut s = String::with_capacity(256 + entries.len() * 400);
    s.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        s,
        "<tbx style=\"dca\" type=\"TBX-Basic\" xml:lang=\"{}\" xmlns=\"urn:iso:std:iso:30042:ed-2\">",
        xml_attr(main.as_str())
    );
    s.push_str(
        "  <tbxHeader>\n    <fileDesc>\n      <sourceDesc>\n        <p>Exported by mtpe</p>\n      </sourceDesc>\n    </fileDesc>\n  </tbxHeader>\n  <text>\n    <body>\n",
    );
    for (n, e) in entries.iter().enumerate() {
        let d = &e.data;
        let _ = writeln!(s, "      <conceptEntry id=\"c{}\">", n + 1);
        if !d.domain.is_empty() {
            let _ = writeln!(
                s,
                "        <descrip type=\"subjectField\">{}</descrip>",
                xml_text(d.domain.as_str())
            );
        }
        if !d.note.is_empty() {
            let _ = writeln!(s, "        <note>{}</note>", xml_text(d.note.as_str()));
        }
        if !d.sources.is_empty() {
            let _ = writeln!(
                s,
                "        <langSec xml:lang=\"{}\">",
                xml_attr(source_tag(d))
            );
            for src in &d.sources {
                let _ = writeln!(
                    s,
                    "          <termSec>\n            <term>{}</term>\n          </termSec>",
                    xml_text(src.as_str())
                );
            }
            s.push_str("        </langSec>\n");
        }
        let _ = writeln!(
            s,
            "        <langSec xml:lang=\"{}\">",
            xml_attr(d.target_lang.as_str())
        );
        for t in &d.terms {
            let status = match t.status {
                TermStatus::Preferred => "preferredTerm-admn-sts",
                TermStatus::Admitted => "admittedTerm-admn-sts",
                TermStatus::Deprecated => "deprecatedTerm-admn-sts",
            };
            let _ = writeln!(
                s,
                "          <termSec>\n            <term>{}</term>\n            <termNote type=\"administrativeStatus\">{status}</termNote>",
                xml_text(t.text.as_str())
            );
            if t.case_is_explicit() {
                let _ = writeln!(
                    s,
                    "            <termNote type=\"{CASE_NOTE}\">{}</termNote>",
                    if t.case_sensitive { "yes" } else { "no" }
                );
            }
            if let Some(r) = &t.reason {
                let _ = writeln!(s, "            <note>{}</note>", xml_text(r.as_str()));
            }
            s.push_str("          </termSec>\n");
        }
        s.push_str("        </langSec>\n      </conceptEntry>\n");
        if s.len() > 1 << 20 {
            out.write_all(s.as_bytes())?;
            s.clear();
        }
    }
    s.push_str("    </body>\n  </text>\n</tbx>\n");
    out.write_all(s.as_bytes())
}

/// The root `xml:lang`: the source language when every entry with source terms has the
/// same pair (`und` for source terms of no stated language) and the target-only entries
/// share its target; the target language when every entry is target-only in one
/// language; otherwise `mul`, and each concept's first `langSec` is its source language
/// and the second its target (one `langSec`: a target-only concept). The importer reads
/// the file back the same way.
fn main_language(entries: &[Entry]) -> String {
    let mut pair: Option<(&str, &str)> = None;
    let mut target_only: Option<&str> = None;
    for e in entries {
        let d = &e.data;
        if d.sources.is_empty() {
            match target_only {
                Some(t) if t != d.target_lang => return MULTIPLE.to_string(),
                _ => target_only = Some(&d.target_lang),
            }
        } else {
            let this = (source_tag(d), d.target_lang.as_str());
            match pair {
                Some(p) if p != this => return MULTIPLE.to_string(),
                _ => pair = Some(this),
            }
        }
    }
    match (pair, target_only) {
        (Some((s, _)), None) => s.to_string(),
        (Some((s, t)), Some(o)) if o == t && !s.eq_ignore_ascii_case(t) => s.to_string(),
        (None, Some(t)) => t.to_string(),
        (None, None) => "en".to_string(),
        _ => MULTIPLE.to_string(),
    }
}

/// The `xml:lang` of an entry's source terms.
fn source_tag(d: &EntryData) -> &str {
    if d.source_lang.is_empty() {
        UNDETERMINED
    } else {
        d.source_lang.as_str()
    }
}

/// Text for XML content: escaped, and without the control characters XML 1.0 cannot hold
/// (the store refuses them; one in an older glossary becomes U+FFFD).
fn xml_text(s: &str) -> Cow<'_, str> {
    match without_controls(s) {
        Cow::Borrowed(b) => partial_escape(b),
        Cow::Owned(o) => Cow::Owned(partial_escape(o.as_str()).into_owned()),
    }
}

/// Text for an attribute value: as [`xml_text`], quotes escaped too.
fn xml_attr(s: &str) -> Cow<'_, str> {
    match without_controls(s) {
        Cow::Borrowed(b) => quick_xml::escape::escape(b),
        Cow::Owned(o) => Cow::Owned(quick_xml::escape::escape(o.as_str()).into_owned()),
    }
}

fn without_controls(s: &str) -> Cow<'_, str> {
    if first_control(s, true).is_none() {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| {
                if c.is_control() && !matches!(c, '\t' | '\n' | '\r') {
                    '\u{fffd}'
                } else {
                    c
                }
            })
            .collect(),
    )
}
