//! Glossaries written by other tools, imported through the command line: OmegaT's
//! tab-separated glossaries (UTF-8, `.utf8`, UTF-16LE with a BOM), a multilingual CSV
//! whose columns need mapping, and spreadsheets (a MateCat-style XLSX written by a
//! library as TMS exports are, and an XLSX and an ODS saved by LibreOffice).

use std::path::{Path, PathBuf};

use crate::util::mtpe;

/// An empty glossary in `dir`.
fn glossary(dir: &Path) -> PathBuf {
    let g = dir.join("g.sqlite");
    mtpe()
        .args(["glossary", "init", "--empty"])
        .arg(&g)
        .assert()
        .success();
    g
}

/// `mtpe glossary import FILE ARGS --glossary G`: (exit code, stdout, stderr).
fn import(g: &Path, file: &Path, args: &[&str]) -> (i32, String, String) {
    let out = mtpe()
        .args(["glossary", "import"])
        .arg(file)
        .args(args)
        .arg("--glossary")
        .arg(g)
        .output()
        .expect("mtpe runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The glossary's entries as mtpe's TSV, header left out.
fn exported(g: &Path) -> Vec<String> {
    let out = mtpe()
        .args(["glossary", "export", "--glossary"])
        .arg(g)
        .output()
        .expect("mtpe runs");
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .expect("UTF-8")
        .lines()
        .skip(1)
        .map(str::to_string)
        .collect()
}

fn fixture(name: &str) -> PathBuf {
    Path::new("fixtures/glossary").join(name)
}

#[test]
fn omegat_glossaries_in_utf8_and_utf16() {
    let dir = tempfile::tempdir().unwrap();
    let g = glossary(dir.path());
    let (code, out, err) = import(
        &g,
        &fixture("omegat-glossary.txt"),
        &["--source-lang", "zh", "--target-lang", "en"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("4 added, 0 updated, 0 unchanged, 0 skipped"),
        "{out}"
    );
    assert!(err.contains("read as an OmegaT glossary"), "{err}");
    assert_eq!(
        exported(&g),
        [
            "zh\ten\t网络强国\tcyberpower\t\t\tFLP books, 2023\t",
            "zh\ten\t网络安全\tcybersecurity\t\t\t\t",
            "zh\ten\t\"\"\"互联网+\"\"\"\t\"\"\"Internet Plus\"\"\"\t\t\tkept with its quotes\t",
            "zh\ten\t数字中国\tDigital China\t\t\t\t",
        ]
    );
    // The `.utf8` extension says OmegaT whatever the content; the same entries again are
    // unchanged.
    let (code, out, _) = import(
        &g,
        &fixture("omegat-glossary.utf8"),
        &["--source-lang", "zh", "--target-lang", "en"],
    );
    assert_eq!(code, 0);
    assert!(out.contains("0 added, 0 updated, 2 unchanged"), "{out}");
    // UTF-16LE with a byte-order mark, CRLF, as OmegaT reads it on Windows; without
    // languages, mtpe's defaults are assumed and said.
    let (code, out, err) = import(&g, &fixture("omegat-utf16le.txt"), &[]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("2 added"), "{out}");
    assert!(err.contains("assumed zh \u{2192} en"), "{err}");
    assert!(
        exported(&g).contains(&"zh\ten\tUTF\tUnicode Transformation Format\t\t\tcomment\t".into())
    );
}

#[test]
fn a_multilingual_csv_with_a_term_column_and_a_mapping() {
    let dir = tempfile::tempdir().unwrap();
    let g = glossary(dir.path());
    let csv = dir.path().join("terms.csv");
    std::fs::write(
        &csv,
        "term,pos,definition,source_url,comments,ES,FR\n\
         cyberpower,noun,a state strong in cyberspace,https://example.org/a,,ciberpotencia,cyberpuissance\n\
         firewall,noun,,,,cortafuegos,pare-feu\n",
    )
    .unwrap();
    // Which language is the target is the user's to say: the message lists the columns.
    let (code, _, err) = import(&g, &csv, &["--source-lang", "en"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("terms.csv:1: the file has languages ES, FR: pass --target-lang"),
        "{err}"
    );
    assert!(
        err.contains(
            "1 “term”, 2 “pos”, 3 “definition”, 4 “source_url”, 5 “comments”, 6 “ES”, 7 “FR”"
        ),
        "{err}"
    );
    assert!(err.contains("--columns"), "{err}");
    assert!(exported(&g).is_empty());
    // The languages are enough: `term` is the source column.
    let (code, out, err) = import(&g, &csv, &["--source-lang", "en", "--target-lang", "es"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("2 added"), "{out}");
    assert!(err.contains("ignored column(s): pos, source_url"), "{err}");
    // A mapping picks other columns: French, with the definition as the note only.
    let g2 = dir.path().join("fr.sqlite");
    mtpe()
        .args(["glossary", "init", "--empty"])
        .arg(&g2)
        .assert()
        .success();
    let (code, _, err) = import(
        &g2,
        &csv,
        &[
            "--columns",
            "source=term,target=FR,note=definition",
            "--source-lang",
            "en",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        exported(&g2),
        [
            "en\tfr\tcyberpower\tcyberpuissance\t\t\ta state strong in cyberspace\t",
            "en\tfr\tfirewall\tpare-feu\t\t\t\t",
        ]
    );
    // A mapping naming a column the file lacks lists those it has.
    let (code, _, err) = import(&g2, &csv, &["--columns", "source=term,target=DE"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("no column named “DE”; the header has 1 “term”"),
        "{err}"
    );
    let (code, _, err) = import(&g2, &csv, &["--columns", "source=term"]);
    assert_eq!(code, 2);
    assert!(err.contains("--columns needs target="), "{err}");
}

#[test]
fn a_matecat_style_xlsx_first_sheet_or_named_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let g = glossary(dir.path());
    let xlsx = fixture("matecat.xlsx");
    let (code, out, err) = import(&g, &xlsx, &["--source-lang", "en", "--target-lang", "es"]);
    assert_eq!(code, 0, "{err}");
    // A row marked Forbidden and a row without a Spanish term are skipped, and said.
    assert!(
        out.contains(
            "4 added, 0 updated, 0 unchanged, 2 skipped (no target term on row 5 of sheet “Glossary”)"
        ),
        "{out}"
    );
    assert!(
        err.contains("read the first sheet, “Glossary”, of “Glossary”, “Archive”"),
        "{err}"
    );
    assert!(err.contains("1 row(s) marked Forbidden skipped"), "{err}");
    let list = mtpe()
        .args(["glossary", "list", "--format", "json", "--glossary"])
        .arg(&g)
        .output()
        .unwrap();
    let entries: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    let entries = entries.as_array().unwrap();
    assert_eq!(entries.len(), 4);
    let first = &entries[0];
    assert_eq!(
        (
            &first["source_lang"],
            &first["target_lang"],
            &first["sources"][0]
        ),
        (
            &serde_json::json!("en"),
            &serde_json::json!("es"),
            &serde_json::json!("cyberpower")
        )
    );
    assert_eq!(first["terms"][0]["text"], "ciberpotencia");
    assert_eq!(first["domain"], "Cyberspace");
    // The concept-level definition, then the notes of the two languages taken (not the
    // examples of use).
    assert_eq!(
        first["note"],
        "A country strong in cyberspace\nEnglish usage note\nNota en español"
    );
    // Numbers read as a person wrote them.
    assert!(exported(&g).iter().any(|e| e.contains("\t5\t5.5\t")));
    // Another sheet by name (any case); one that is not there is refused with the list.
    let g2 = dir.path().join("archive.sqlite");
    mtpe()
        .args(["glossary", "init", "--empty"])
        .arg(&g2)
        .assert()
        .success();
    let (code, out, err) = import(&g2, &xlsx, &["--sheet", "archive"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("1 added"), "{out}");
    assert_eq!(
        exported(&g2),
        ["zh\ten\tdigital China\tChina digital\t\t\told entry\t"]
    );
    let (code, _, err) = import(&g2, &xlsx, &["--sheet", "Terms"]);
    assert_eq!(code, 2);
    assert!(
        err.contains(
            "matecat.xlsx: no sheet named “Terms”; the workbook has “Glossary”, “Archive”"
        ),
        "{err}"
    );
}

#[test]
fn xlsx_and_ods_saved_by_libreoffice_read_alike() {
    let dir = tempfile::tempdir().unwrap();
    let mut exports = Vec::new();
    for name in ["libreoffice.xlsx", "libreoffice.ods"] {
        let g = dir.path().join(format!("{name}.sqlite"));
        mtpe()
            .args(["glossary", "init", "--empty"])
            .arg(&g)
            .assert()
            .success();
        let (code, out, err) = import(&g, &fixture(name), &["--target-lang", "en-GB"]);
        assert_eq!(code, 0, "{name}: {err}");
        assert!(
            out.contains("4 added, 0 updated, 0 unchanged, 1 skipped (no target term on row 5"),
            "{name}: {out}"
        );
        exports.push(exported(&g));
    }
    assert_eq!(exports[0], exports[1]);
    assert_eq!(
        exports[0],
        [
            "zh\ten-GB\t网络强国\tcyberpower\t\t\tFLP books\t",
            "zh\ten-GB\t网络安全\tcybersecurity\t\t\t\t",
            "zh\ten-GB\t数据出境\toutbound data transfer\t\t\t\"quoted \"\"note\"\", with a comma\"\t",
            "zh\ten-GB\t2024\t2024\t\t\ta number\t",
        ]
    );
    // --format says what the name does not; a file that is no spreadsheet is refused.
    let renamed = dir.path().join("glossary.bin");
    std::fs::copy(fixture("libreoffice.ods"), &renamed).unwrap();
    let g = dir.path().join("libreoffice.ods.sqlite");
    let (code, out, _) = import(&g, &renamed, &["--format", "ods"]);
    assert_eq!(code, 0);
    assert!(out.contains("4 unchanged"), "{out}");
    let fake = dir.path().join("fake.xlsx");
    std::fs::write(&fake, "source,target\na,b\n").unwrap();
    let (code, _, err) = import(&g, &fake, &[]);
    assert_eq!(code, 2);
    assert!(
        err.contains("fake.xlsx: not a spreadsheet mtpe can read"),
        "{err}"
    );
}
