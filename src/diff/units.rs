//! Two versions of a bilingual file compared unit by unit: units paired by id (in the
//! original's order; units only in the edited file after them), each target as one line
//! of a text (line breaks inside it as spaces, inline codes as their labels such as `{1}`),
//! so that the line comparison of [`super::Comparison`] gives each unit's changes and TER.

use crate::document::units::{BilingualFile, FormatError, InputFormat, OpenOptions, Unit};

/// The paired units: their ids and sources, and the two texts, one line a unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PairedUnits {
    pub ids: Vec<String>,
    /// The source of each unit (from the original, else the edited file), codes as labels.
    pub sources: Vec<String>,
    pub original: String,
    pub corrected: String,
}

/// Two versions of a file, each given as (name, bytes), paired unit by unit when both are
/// bilingual files (detected from the name and the content, as `mtpe check` detects them);
/// `None` when either is a plain text. A stored revision is named by its article's path.
pub fn pair_versions(
    original: (&str, &[u8]),
    corrected: (&str, &[u8]),
) -> Result<Option<PairedUnits>, FormatError> {
    let bilingual =
        |(name, bytes): (&str, &[u8])| InputFormat::detect(name, bytes) != InputFormat::Text;
    if !bilingual(original) || !bilingual(corrected) {
        return Ok(None);
    }
    let open = |(name, bytes): (&str, &[u8])| {
        BilingualFile::from_bytes(name, bytes.to_vec(), &OpenOptions::default())
    };
    Ok(Some(pair_units(&open(original)?, &open(corrected)?)))
}

/// Pairs the units of `original` and `corrected` by id.
pub fn pair_units(original: &BilingualFile, corrected: &BilingualFile) -> PairedUnits {
    let by_id: std::collections::HashMap<&str, &Unit> = corrected
        .units()
        .iter()
        .map(|u| (u.id.as_str(), u))
        .collect();
    let mut paired = PairedUnits {
        ids: Vec::new(),
        sources: Vec::new(),
        original: String::new(),
        corrected: String::new(),
    };
    let mut push = |id: &str, source: String, a: String, b: String| {
        paired.ids.push(id.to_string());
        paired.sources.push(source);
        paired.original.push_str(&a);
        paired.original.push('\n');
        paired.corrected.push_str(&b);
        paired.corrected.push('\n');
    };
    for u in original.units() {
        let edited = by_id.get(u.id.as_str());
        push(
            &u.id,
            source_of(original, u),
            shown(original, u, &u.target.text),
            edited.map_or_else(String::new, |e| shown(corrected, e, &e.target.text)),
        );
    }
    let known: std::collections::HashSet<&str> =
        original.units().iter().map(|u| u.id.as_str()).collect();
    for u in corrected
        .units()
        .iter()
        .filter(|u| !known.contains(u.id.as_str()))
    {
        push(
            &u.id,
            source_of(corrected, u),
            String::new(),
            shown(corrected, u, &u.target.text),
        );
    }
    paired
}

fn source_of(file: &BilingualFile, unit: &Unit) -> String {
    unit.source
        .as_ref()
        .map_or_else(String::new, |s| shown(file, unit, &s.text))
}

/// A unit's text on one line, its codes written as their labels.
fn shown(file: &BilingualFile, unit: &Unit, text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match unit.code(c) {
            Some(code) => out.push_str(&code.label(file.text())),
            None if c == '\n' || c == '\r' => out.push(' '),
            None => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::units::{OpenOptions, TargetEdit};

    #[test]
    fn units_pair_by_id_with_codes_as_labels() {
        let bytes = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fixtures/bilingual/news.xlf"
        ))
        .unwrap();
        let a = BilingualFile::from_bytes("a.xlf", bytes, &OpenOptions::default()).unwrap();
        let text = a.units()[2].target.text.replace("250", "205");
        let edited = a
            .save(&[TargetEdit {
                unit: 2,
                text,
                stage: None,
            }])
            .unwrap();
        let b = BilingualFile::from_bytes("b.xlf", edited, &OpenOptions::default()).unwrap();
        let p = pair_units(&a, &b);
        assert_eq!(p.ids.len(), a.units().len());
        assert_eq!(p.ids[2], "3");
        let lines = |t: &str| t.lines().map(str::to_string).collect::<Vec<_>>();
        let (x, y) = (lines(&p.original), lines(&p.corrected));
        assert_eq!(x.len(), y.len());
        let changed: Vec<usize> = (0..x.len()).filter(|&i| x[i] != y[i]).collect();
        assert_eq!(changed, [2]);
        assert!(
            x[1].contains("{1}Digital China Development Report (2024){/1}"),
            "{}",
            x[1]
        );
        assert!(p.sources[2].contains("2.05亿"));
    }
}
