//! What a table's columns hold: the names a header cell may have (mtpe's own, their
//! aliases, language codes), and the user's mapping of fields to columns (`--columns
//! source=term,target=ES,note=definition`, by name or 1-based number).

/// What a column holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Column {
    SourceLang,
    TargetLang,
    Source,
    Preferred,
    Admitted,
    Deprecated,
    Note,
    Domain,
    /// A column of terms in one language (multilingual and language-headed files).
    Language(String),
    /// Not imported (ids, times, columns nobody mapped).
    Ignored,
}

/// The column a header cell names, if it names one.
pub(crate) fn column_of(header: &str) -> Option<Column> {
    let h = header.trim().trim_start_matches('\u{feff}');
    let norm: String = h
        .to_ascii_lowercase()
        .chars()
        .map(|c| if c == ' ' || c == '-' { '_' } else { c })
        .collect();
    let col = match norm.as_str() {
        "source_lang" | "source_language" | "src_lang" => Column::SourceLang,
        "target_lang" | "target_language" | "tgt_lang" => Column::TargetLang,
        "source" | "source_term" | "source_terms" | "src" | "term" => Column::Source,
        "target" | "target_term" | "preferred" | "preferred_term" | "tgt" | "translation" => {
            Column::Preferred
        }
        "admitted" | "admitted_terms" | "admitted_variants" | "variants" | "synonyms" => {
            Column::Admitted
        }
        "deprecated" | "deprecated_terms" | "deprecated_variants" | "forbidden" | "do_not_use" => {
            Column::Deprecated
        }
        "note" | "notes" | "definition" | "comment" | "comments" | "description" => Column::Note,
        "domain" | "subject" | "subject_field" => Column::Domain,
        "id" | "created" | "updated" | "status" => Column::Ignored,
        _ if is_language_tag(h) => Column::Language(h.to_string()),
        _ => return None,
    };
    Some(col)
}

/// ISO 639-1 language codes, and the three-letter codes common in glossaries.
const LANGUAGES: &str = "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca \
    ce ch co cr cs cu cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu \
    gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko \
    kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl \
    nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn \
    so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo \
    xh yi yo za zh zu yue cmn wuu hak nan fil haw ast ceb ckb zsm";

/// A BCP 47 tag whose language is a known code, then subtags of 1–8 letters or digits
/// ("en", "en-US", "zh-Hans-CN"); so that a first data row ("car,coche") is never
/// mistaken for a header.
pub(crate) fn is_language_tag(s: &str) -> bool {
    let mut parts = s.split(['-', '_']);
    let Some(lang) = parts.next() else {
        return false;
    };
    let lang = lang.to_ascii_lowercase();
    LANGUAGES.split_ascii_whitespace().any(|l| l == lang)
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// A field of an entry that `--columns` can map.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Source,
    Target,
    Admitted,
    Deprecated,
    Note,
    Domain,
    SourceLang,
    TargetLang,
}

impl Field {
    const NAMES: [(&'static str, Field); 9] = [
        ("source", Field::Source),
        ("target", Field::Target),
        ("preferred", Field::Target),
        ("admitted", Field::Admitted),
        ("deprecated", Field::Deprecated),
        ("note", Field::Note),
        ("domain", Field::Domain),
        ("source_lang", Field::SourceLang),
        ("target_lang", Field::TargetLang),
    ];

    fn parse(name: &str) -> Option<Field> {
        let norm = name.trim().to_ascii_lowercase().replace('-', "_");
        Self::NAMES
            .iter()
            .find(|(n, _)| *n == norm)
            .map(|(_, f)| *f)
    }

    fn name(self) -> &'static str {
        Self::NAMES
            .iter()
            .find(|(_, f)| *f == self)
            .map_or("", |(n, _)| n)
    }

    /// Whether several columns may feed it (terms, notes).
    fn repeatable(self) -> bool {
        matches!(
            self,
            Field::Source | Field::Admitted | Field::Deprecated | Field::Note
        )
    }

    pub(crate) fn column(self) -> Column {
        match self {
            Field::Source => Column::Source,
            Field::Target => Column::Preferred,
            Field::Admitted => Column::Admitted,
            Field::Deprecated => Column::Deprecated,
            Field::Note => Column::Note,
            Field::Domain => Column::Domain,
            Field::SourceLang => Column::SourceLang,
            Field::TargetLang => Column::TargetLang,
        }
    }
}

/// Which column a field comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ColumnRef {
    /// The column whose header is this (any case).
    Name(String),
    /// The column at this 1-based position.
    Number(usize),
}

/// The user's mapping of fields to columns (`--columns`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ColumnMap {
    pub fields: Vec<(Field, ColumnRef)>,
}

impl ColumnMap {
    /// Parses `FIELD=COLUMN` items (`source=term`, `target=6`); each item may hold several,
    /// separated by commas.
    pub fn parse(items: &[String]) -> Result<ColumnMap, String> {
        let fields_list =
            "source, target, admitted, deprecated, note, domain, source_lang, target_lang";
        let mut map = ColumnMap::default();
        for item in items.iter().flat_map(|i| i.split(',')) {
            let item = item.trim();
            if item.is_empty() {
                continue;
            }
            let Some((field, column)) = item.split_once('=') else {
                return Err(format!(
                    "--columns: \u{201c}{item}\u{201d} is not FIELD=COLUMN (e.g. source=term, target=6)"
                ));
            };
            let field = Field::parse(field).ok_or_else(|| {
                format!(
                    "--columns: unknown field \u{201c}{}\u{201d}; the fields are {fields_list}",
                    field.trim()
                )
            })?;
            let column = column.trim();
            let column = match column.parse::<usize>() {
                Ok(0) => {
                    return Err(format!(
                        "--columns: columns are numbered from 1 ({}=0)",
                        field.name()
                    ));
                }
                Ok(n) => ColumnRef::Number(n),
                Err(_) if column.is_empty() => {
                    return Err(format!("--columns: {}= names no column", field.name()));
                }
                Err(_) => ColumnRef::Name(column.to_string()),
            };
            if !field.repeatable() && map.fields.iter().any(|(f, _)| *f == field) {
                return Err(format!(
                    "--columns: {} is mapped twice; it comes from one column",
                    field.name()
                ));
            }
            map.fields.push((field, column));
        }
        if !map.fields.iter().any(|(f, _)| *f == Field::Target) {
            return Err(
                "--columns needs target=COLUMN: the column of the preferred target terms".into(),
            );
        }
        Ok(map)
    }

    /// Whether any column is given by name (then the file must have a header row).
    pub(crate) fn names_columns(&self) -> bool {
        self.fields
            .iter()
            .any(|(_, c)| matches!(c, ColumnRef::Name(_)))
    }
}

/// The columns of a header row, for messages: `1 “term”, 2 “pos”, …`.
pub(crate) fn listed(header: &[&str]) -> String {
    header
        .iter()
        .enumerate()
        .map(|(i, h)| format!("{} \u{201c}{}\u{201d}", i + 1, h.trim()))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_mapping_by_name_and_number() {
        let map = ColumnMap::parse(&["source=term, target=ES,note=definition".into()]).unwrap();
        assert_eq!(
            map.fields,
            [
                (Field::Source, ColumnRef::Name("term".into())),
                (Field::Target, ColumnRef::Name("ES".into())),
                (Field::Note, ColumnRef::Name("definition".into())),
            ]
        );
        assert!(map.names_columns());
        let map = ColumnMap::parse(&[
            "source=1".into(),
            "preferred=2".into(),
            "note=3,note=4".into(),
        ])
        .unwrap();
        assert_eq!(map.fields.len(), 4);
        assert!(!map.names_columns());
        for (bad, says) in [
            ("source=1", "needs target"),
            ("target=0", "numbered from 1"),
            ("colour=2,target=1", "unknown field"),
            ("target", "not FIELD=COLUMN"),
            ("target=1,target=2", "mapped twice"),
            ("target=", "names no column"),
        ] {
            let err = ColumnMap::parse(&[bad.into()]).unwrap_err();
            assert!(err.contains(says), "{bad}: {err}");
        }
    }

    #[test]
    fn language_tags_are_known_codes() {
        assert!(
            is_language_tag("zh-Hans-CN") && is_language_tag("EN_us") && !is_language_tag("car")
        );
        assert_eq!(column_of("ES"), Some(Column::Language("ES".into())));
        assert_eq!(column_of(" Term "), Some(Column::Source));
        assert_eq!(column_of("pos"), None);
    }
}
