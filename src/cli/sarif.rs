//! SARIF 2.1.0 output: one run whose tool lists every check as a rule (id, description,
//! help text, default level) and whose results carry the span as a region (columns in
//! Unicode code points), the flagged text, and the suggestions as fixes.

use std::io::Write;

use serde_json::{Value, json};

use super::report_format::Checked;
use crate::check::custom::RuleSpec;
use crate::check::registry;
use crate::check::{CheckInfo, Issue, Severity};

const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A path as a relative URI reference (characters that a URI cannot hold escaped).
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(char::from(b));
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn region(doc: &Checked<'_>, issue: &Issue, span: &std::ops::Range<usize>) -> Value {
    let place = doc.place(issue, span);
    json!({
        "startLine": place.start.line,
        "startColumn": place.start.column,
        "endLine": place.end.line,
        "endColumn": place.end.column,
        "byteOffset": place.bytes.start,
        "byteLength": place.bytes.len(),
        "snippet": {"text": place.snippet},
    })
}

/// One issue as a SARIF result.
pub fn result(doc: &Checked<'_>, path: &str, issue: &Issue) -> Value {
    let location = json!({"uri": uri(path)});
    let mut result = json!({
        "ruleId": issue.check,
        "level": level(issue.severity),
        "message": {"text": issue.message},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": location,
                "region": region(doc, issue, &issue.span),
            }
        }],
    });
    if !issue.related.is_empty() {
        result["relatedLocations"] = issue
            .related
            .iter()
            .enumerate()
            .map(|(i, r)| {
                json!({
                    "id": i,
                    "physicalLocation": {
                        "artifactLocation": location,
                        "region": region(doc, issue, r),
                    }
                })
            })
            .collect();
    }
    // A source-side issue's suggestion says what the target should hold: not a fix.
    if !issue.suggestions.is_empty() && !issue.is_in_source() {
        let bytes = doc.place(issue, &issue.span).bytes;
        result["fixes"] = issue
            .suggestions
            .iter()
            .map(|s| {
                let description = if s.is_empty() {
                    "delete it".to_string()
                } else {
                    format!("replace with \u{201c}{s}\u{201d}")
                };
                json!({
                    "description": {"text": description},
                    "artifactChanges": [{
                        "artifactLocation": location,
                        "replacements": [{
                            "deletedRegion": {
                                "byteOffset": bytes.start,
                                "byteLength": bytes.len(),
                            },
                            "insertedContent": {"text": s},
                        }]
                    }]
                })
            })
            .collect();
    }
    result
}

fn rule(id: &str, summary: &str, help: &str, severity: Severity) -> Value {
    json!({
        "id": id,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": help},
        "help": {"text": help},
        "defaultConfiguration": {"level": level(severity)},
    })
}

/// Every built-in check and the team's rules, as SARIF rules.
fn rules(custom: &[RuleSpec]) -> Vec<Value> {
    let builtin = registry::all_infos()
        .into_iter()
        .map(|i: &CheckInfo| rule(i.id, i.summary, &registry::help(i), i.severity));
    let own = custom.iter().map(|r| {
        let what = r.pattern.clone().unwrap_or_else(|| r.words.join(", "));
        rule(
            &r.id,
            &r.message,
            &format!("{} (team rule; matches: {what})", r.message),
            r.severity,
        )
    });
    builtin.chain(own).collect()
}

/// Writes the SARIF log: the tool and its rules, then `results` (comma-separated JSON
/// objects rendered by [`result`]).
pub fn write_log(out: &mut impl Write, custom: &[RuleSpec], results: &[u8]) -> std::io::Result<()> {
    let tool = json!({
        "driver": {
            "name": "mtpe",
            "version": env!("CARGO_PKG_VERSION"),
            "rules": rules(custom),
        }
    });
    out.write_all(b"{\"$schema\":")?;
    serde_json::to_writer(&mut *out, SCHEMA)?;
    out.write_all(b",\"version\":\"2.1.0\",\"runs\":[{\"tool\":")?;
    serde_json::to_writer(&mut *out, &tool)?;
    out.write_all(b",\"columnKind\":\"unicodeCodePoints\",\"results\":[")?;
    out.write_all(results)?;
    out.write_all(b"]}]}\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri("a b/c#1.txt"), "a%20b/c%231.txt");
        assert_eq!(uri("é.txt"), "%C3%A9.txt");
    }
}
