//! The maintainers' commands end to end: the real binary on glossaries in temporary
//! directories (never the user's own).

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

use crate::util::{self, TestCommand};

/// `mtpe` with its home in `home` and no glossary from the environment.
fn mtpe(home: &Path) -> TestCommand {
    let mut cmd = util::mtpe_in(home);
    cmd.env("NO_COLOR", "1");
    cmd
}

fn stdout(cmd: &mut Command) -> String {
    let out = cmd.output().expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

fn empty_glossary(dir: &Path) -> PathBuf {
    let g = dir.join("g.sqlite");
    mtpe(dir)
        .args(["glossary", "init", "--empty"])
        .arg(&g)
        .assert()
        .success()
        .stdout(predicate::str::contains("with 0 entries"));
    g
}

#[test]
fn init_creates_once_and_fills_with_the_shipped_terms() {
    let dir = tempfile::tempdir().unwrap();
    let g = dir.path().join("sub/dir/g.sqlite");
    mtpe(dir.path())
        .args(["glossary", "init"])
        .arg(&g)
        .assert()
        .success()
        .stdout(predicate::str::contains("created"));
    mtpe(dir.path())
        .args(["glossary", "init"])
        .arg(&g)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already exists"));
    let stats = stdout(
        mtpe(dir.path())
            .args(["glossary", "stats", "--format", "json", "--glossary"])
            .arg(&g),
    );
    let stats: serde_json::Value = serde_json::from_str(&stats).unwrap();
    assert!(stats["entries"].as_i64().unwrap() >= 80, "{stats}");
    assert_eq!(stats["language_pairs"][0][0], "zh");
}

#[test]
fn a_missing_explicit_glossary_says_how_to_create_it() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.sqlite");
    for args in [
        vec!["glossary", "list"],
        vec!["check", "fixtures/clean-english.txt"],
    ] {
        mtpe(dir.path())
            .args(&args)
            .arg("--glossary")
            .arg(&missing)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("mtpe glossary init"))
            .stderr(predicate::str::contains("--empty"));
    }
    mtpe(dir.path())
        .env("MTPE_GLOSSARY", &missing)
        .args(["glossary", "list"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nope.sqlite: no glossary there"));
    assert!(!missing.exists());
}

#[test]
fn add_show_edit_search_remove() {
    let dir = tempfile::tempdir().unwrap();
    let g = empty_glossary(dir.path());
    let run = |args: &[&str]| {
        let mut c = mtpe(dir.path());
        c.arg("glossary").args(args).arg("--glossary").arg(&g);
        c
    };
    run(&[
        "add",
        "--source",
        "网络强国",
        "--target",
        "cyberpower",
        "--deprecated",
        "network power # collapses two concepts",
        "--deprecated",
        "strong online country",
        "--admitted",
        "cyber power",
        "--note",
        "Evidence: https://example.org",
        "--domain",
        "cyberspace",
    ])
    .assert()
    .success()
    .stdout("added entry 1\n");
    // An exact duplicate is refused, naming the entry.
    run(&["add", "--source", "网络强国", "--target", "Cyberpower"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "duplicates entry 1 (网络强国 → cyberpower)",
        ));
    // A target-only entry.
    run(&[
        "add",
        "--target",
        "CAC",
        "--deprecated",
        "Central Cyberspace Administration",
    ])
    .assert()
    .success()
    .stdout("added entry 2\n");
    let show = stdout(&mut run(&["show", "1"]));
    assert!(show.contains("entry 1  (zh → en)"), "{show}");
    assert!(
        show.contains("deprecated  network power # collapses two concepts"),
        "{show}"
    );
    assert!(
        show.contains("note        Evidence: https://example.org"),
        "{show}"
    );
    let show2 = stdout(&mut run(&["show", "2"]));
    assert!(
        show2.contains("preferred   CAC  (case-sensitive)"),
        "{show2}"
    );

    run(&[
        "edit",
        "1",
        "--deprecated",
        "cyber power",
        "--admitted",
        "China's strength in cyberspace",
        "--remove-term",
        "strong online country",
        "--domain",
        "policy",
    ])
    .assert()
    .success();
    let json = stdout(&mut run(&["show", "1", "--format", "json"]));
    let e: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(e["domain"], "policy");
    let terms: Vec<(String, String)> = e["terms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["text"].as_str().unwrap().to_string(),
                t["status"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        terms,
        [
            ("cyberpower".into(), "preferred".into()),
            ("China's strength in cyberspace".into(), "admitted".into()),
            ("cyber power".into(), "deprecated".into()),
            ("network power".into(), "deprecated".into()),
        ]
    );
    // A new preferred term demotes the old one to admitted.
    run(&["edit", "1", "--target", "cyber power"])
        .assert()
        .success();
    let json = stdout(&mut run(&["show", "1", "--format", "json"]));
    assert!(
        json.contains("\"text\": \"cyber power\",\n      \"status\": \"preferred\""),
        "{json}"
    );

    // search: source, target and variants, any case.
    for needle in ["网络", "NETWORK POWER", "strength", "cyberspace admin"] {
        let found = stdout(&mut run(&["search", needle, "--format", "json"]));
        let found: serde_json::Value = serde_json::from_str(&found).unwrap();
        assert_eq!(found.as_array().unwrap().len(), 1, "{needle}: {found}");
    }
    let list = stdout(&mut run(&["list", "--format", "json"]));
    let list: serde_json::Value = serde_json::from_str(&list).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 2);
    assert_eq!(list[0]["id"], 1);
    let table = stdout(&mut run(&["list"]));
    assert!(table.starts_with("ID  SOURCE"), "{table}");
    let tsv = stdout(&mut run(&["list", "--format", "tsv"]));
    assert!(
        tsv.starts_with("source_lang\ttarget_lang\tsource\tpreferred"),
        "{tsv}"
    );

    run(&["remove", "2"])
        .assert()
        .success()
        .stdout("removed entry 2\n");
    run(&["remove", "2"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no entry with id 2"));
    run(&["show", "9"]).assert().code(2);
    let stats = stdout(&mut run(&["stats"]));
    assert!(stats.contains("entries    1"), "{stats}");
    assert!(stats.contains("domain     policy: 1"), "{stats}");
}

#[test]
fn import_reports_what_changed_and_dry_run_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let g = empty_glossary(dir.path());
    let import = |file: &str, extra: &[&str]| {
        let mut c = mtpe(dir.path());
        c.args(["glossary", "import", file])
            .args(extra)
            .arg("--glossary")
            .arg(&g);
        c
    };
    import("fixtures/glossary/full-bom-crlf.tsv", &["--dry-run"])
        .assert()
        .success()
        .stdout("would import fixtures/glossary/full-bom-crlf.tsv: 3 added, 0 updated, 0 unchanged, 0 skipped\n");
    let list = stdout(
        mtpe(dir.path())
            .args(["glossary", "list", "--format", "json", "--glossary"])
            .arg(&g),
    );
    assert_eq!(list.trim(), "[]");
    import("fixtures/glossary/full-bom-crlf.tsv", &[])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "3 added, 0 updated, 0 unchanged, 0 skipped",
        ));
    import("fixtures/glossary/full-bom-crlf.tsv", &[])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "0 added, 0 updated, 3 unchanged, 0 skipped",
        ));
    // The TBX holds the same cybersecurity concept with one more variant: merged, not doubled.
    import(
        "fixtures/glossary/tbx2-basic.tbx",
        &["--source-lang", "zh", "--target-lang", "en"],
    )
    .assert()
    .success()
    .stdout(predicate::str::contains(
        "1 added, 1 updated, 0 unchanged, 1 skipped",
    ));
    import("fixtures/glossary/multilingual.csv", &[])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("en, es, fr"))
        .stderr(predicate::str::contains("--source-lang"));
}

#[test]
fn bad_files_are_refused_with_file_line_and_nothing_imported() {
    let dir = tempfile::tempdir().unwrap();
    let g = empty_glossary(dir.path());
    let latin1 = dir.path().join("latin1.tsv");
    std::fs::write(&latin1, b"source\ttarget\nok\tfine\ncaf\xe9\tcoffee\n").unwrap();
    let cases: Vec<(PathBuf, Vec<&str>)> = vec![
        (
            "fixtures/glossary/too-many-fields.tsv".into(),
            vec!["too-many-fields.tsv:3:", "3 fields"],
        ),
        (latin1, vec!["latin1.tsv:3:", "not UTF-8"]),
        (
            "fixtures/glossary/malformed.tbx".into(),
            vec!["malformed.tbx:6:", "malformed XML"],
        ),
        (
            // Cut off after its first `</termSec>`: once imported as "1 added".
            "fixtures/glossary/truncated.tbx".into(),
            vec!["truncated.tbx:11:1:", "ends before <langSec>", "cut off"],
        ),
        (
            "fixtures/glossary/external-entity.tbx".into(),
            vec!["external-entity.tbx:2:", "never expands DTD entities"],
        ),
        (
            "fixtures/glossary/entity-expansion.tbx".into(),
            vec!["entity-expansion.tbx:2:", "never expands DTD entities"],
        ),
        (
            "fixtures/glossary/undefined-entity.tbx".into(),
            vec!["undefined-entity.tbx:4:", "undefined entity &eacute;"],
        ),
    ];
    for (file, wants) in cases {
        let mut assert = mtpe(dir.path())
            .args(["glossary", "import"])
            .arg(&file)
            .arg("--glossary")
            .arg(&g)
            .assert()
            .code(2);
        for w in wants {
            assert = assert.stderr(predicate::str::contains(w));
        }
        assert.stderr(predicate::str::contains("root:").not());
    }
    let list = stdout(
        mtpe(dir.path())
            .args(["glossary", "list", "--format", "json", "--glossary"])
            .arg(&g),
    );
    assert_eq!(list.trim(), "[]");
}

#[test]
fn export_then_import_into_an_empty_glossary_exports_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("shipped.sqlite");
    mtpe(dir.path())
        .args(["glossary", "init"])
        .arg(&source)
        .assert()
        .success();
    // Add entries that exercise every field: reasons, case markers, newlines, quotes.
    let mut c = mtpe(dir.path());
    c.args([
        "glossary",
        "import",
        "fixtures/glossary/full-bom-crlf.tsv",
        "--glossary",
    ])
    .arg(&source)
    .assert()
    .success();
    for format in ["tsv", "csv", "tbx"] {
        let first = dir.path().join(format!("first.{format}"));
        let second = dir.path().join(format!("second.{format}"));
        let copy = dir.path().join(format!("copy-{format}.sqlite"));
        mtpe(dir.path())
            .args(["glossary", "export", "--format", format, "-o"])
            .arg(&first)
            .arg("--glossary")
            .arg(&source)
            .assert()
            .success();
        mtpe(dir.path())
            .args(["glossary", "init", "--empty"])
            .arg(&copy)
            .assert()
            .success();
        mtpe(dir.path())
            .args(["glossary", "import"])
            .arg(&first)
            .arg("--glossary")
            .arg(&copy)
            .assert()
            .success()
            .stdout(predicate::str::contains(
                "0 updated, 0 unchanged, 0 skipped",
            ));
        mtpe(dir.path())
            .args(["glossary", "export", "--format", format, "-o"])
            .arg(&second)
            .arg("--glossary")
            .arg(&copy)
            .assert()
            .success();
        let (a, b) = (
            std::fs::read(&first).unwrap(),
            std::fs::read(&second).unwrap(),
        );
        assert!(a.len() > 10_000, "{format}: {} bytes", a.len());
        assert!(a == b, "{format}: the round trip changed the export");
    }
    // Export to standard output is the same as to a file.
    let tsv = stdout(
        mtpe(dir.path())
            .args(["glossary", "export", "--glossary"])
            .arg(&source),
    );
    assert_eq!(
        tsv.as_bytes(),
        std::fs::read(dir.path().join("first.tsv")).unwrap()
    );
}

/// Exports `glossary` in `format`, imports that into an empty glossary, exports again:
/// returns both exports and the copy's TSV export.
fn round_trip(dir: &Path, glossary: &Path, format: &str, name: &str) -> (Vec<u8>, Vec<u8>) {
    let first = dir.join(format!("{name}-first.{format}"));
    let second = dir.join(format!("{name}-second.{format}"));
    let copy = dir.join(format!("{name}-copy-{format}.sqlite"));
    for (from, to) in [(glossary, &first), (copy.as_path(), &second)] {
        if from == copy {
            mtpe(dir)
                .args(["glossary", "init", "--empty"])
                .arg(&copy)
                .assert()
                .success();
            mtpe(dir)
                .args(["glossary", "import"])
                .arg(&first)
                .arg("--glossary")
                .arg(&copy)
                .assert()
                .success()
                .stdout(predicate::str::contains(
                    "0 updated, 0 unchanged, 0 skipped",
                ));
        }
        mtpe(dir)
            .args(["glossary", "export", "--format", format, "-o"])
            .arg(to)
            .arg("--glossary")
            .arg(from)
            .assert()
            .success();
    }
    (
        std::fs::read(&first).expect("first export"),
        std::fs::read(&second).expect("second export"),
    )
}

#[test]
fn round_trips_keep_unknown_source_languages_target_only_entries_and_several_pairs() {
    let dir = tempfile::tempdir().unwrap();
    let g = empty_glossary(dir.path());
    let add = |args: &[&str]| {
        mtpe(dir.path())
            .args(["glossary", "add"])
            .args(args)
            .arg("--glossary")
            .arg(&g)
            .assert()
            .success();
    };
    // Source terms of no stated language (an export's empty source_lang cells, or a
    // TBX's `und`).
    let unknown = dir.path().join("unknown-source.tsv");
    std::fs::write(
        &unknown,
        "source_lang\ttarget_lang\tsource\tpreferred\n\
         \ten\t网络强国\tcyberpower\n\ten\t网络安全\tcybersecurity\n\
         \ten\t数据, 出境\toutbound data, transfer\n",
    )
    .unwrap();
    mtpe(dir.path())
        .args(["glossary", "import"])
        .arg(&unknown)
        .arg("--glossary")
        .arg(&g)
        .assert()
        .success();
    let tsv_of = |g: &Path| {
        stdout(
            mtpe(dir.path())
                .args(["glossary", "export", "--glossary"])
                .arg(g),
        )
    };
    let check = |name: &str, root: &str| {
        let before = tsv_of(&g);
        for format in ["tsv", "csv", "tbx"] {
            let (a, b) = round_trip(dir.path(), &g, format, name);
            assert!(
                a == b,
                "{name} {format}: the round trip changed the export:\n{}\n---\n{}",
                String::from_utf8_lossy(&a),
                String::from_utf8_lossy(&b)
            );
            let copy = dir.path().join(format!("{name}-copy-{format}.sqlite"));
            assert_eq!(tsv_of(&copy), before, "{name} {format}: entries changed");
            if format == "tbx" {
                let tbx = String::from_utf8(a).unwrap();
                assert!(
                    tbx.contains(&format!("type=\"TBX-Basic\" xml:lang=\"{root}\"")),
                    "{name}: {tbx}"
                );
            }
        }
    };
    check("unknown-source", "und");
    // A target-only entry next to them keeps its empty source language.
    add(&["--target", "only target"]);
    check("target-only", "und");
    // Several language pairs: the root says `mul`, each concept gives its own pair.
    add(&[
        "--source-lang",
        "zh",
        "--source",
        "网络主权",
        "--target",
        "cyberspace sovereignty",
    ]);
    add(&[
        "--source-lang",
        "fr",
        "--target-lang",
        "de",
        "--source",
        "maison",
        "--target",
        "Haus",
    ]);
    check("several-pairs", "mul");
    let tsv = tsv_of(&g);
    assert!(tsv.contains("\ten\t\tonly target\t"), "{tsv}");
    assert!(tsv.contains("fr\tde\tmaison\tHaus\t"), "{tsv}");
    assert!(tsv.contains("\ten\t网络强国\tcyberpower\t"), "{tsv}");
    // --source-lang/--target-lang pick one pair out of such a file.
    let only = dir.path().join("only-de.sqlite");
    mtpe(dir.path())
        .args(["glossary", "init", "--empty"])
        .arg(&only)
        .assert()
        .success();
    mtpe(dir.path())
        .args(["glossary", "import", "--target-lang", "de"])
        .arg(dir.path().join("several-pairs-first.tbx"))
        .arg("--glossary")
        .arg(&only)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "1 added, 0 updated, 0 unchanged, 5 skipped",
        ));
}

#[test]
fn export_takes_the_format_from_the_output_extension() {
    let dir = tempfile::tempdir().unwrap();
    let g = empty_glossary(dir.path());
    mtpe(dir.path())
        .args([
            "glossary",
            "add",
            "--source",
            "网络强国",
            "--target",
            "cyberpower",
        ])
        .arg("--glossary")
        .arg(&g)
        .assert()
        .success();
    let export = |name: &str, extra: &[&str]| {
        let out = dir.path().join(name);
        let run = mtpe(dir.path())
            .args(["glossary", "export", "-o"])
            .arg(&out)
            .args(extra)
            .arg("--glossary")
            .arg(&g)
            .output()
            .unwrap();
        assert!(run.status.success());
        (
            std::fs::read_to_string(&out).unwrap(),
            String::from_utf8(run.stderr).unwrap(),
        )
    };
    assert!(export("g.tbx", &[]).0.starts_with("<?xml"));
    assert!(
        export("g.csv", &[])
            .0
            .starts_with("source_lang,target_lang,")
    );
    assert!(
        export("g.tsv", &[])
            .0
            .starts_with("source_lang\ttarget_lang\t")
    );
    // --format wins over the extension.
    assert!(
        export("g2.csv", &["--format", "tbx"])
            .0
            .starts_with("<?xml")
    );
    // An unknown extension: TSV, and a note saying so.
    let (text, note) = export("g.lst", &[]);
    assert!(text.starts_with("source_lang\ttarget_lang\t"));
    assert!(
        note.contains("unknown extension .lst, writing TSV"),
        "{note}"
    );
    // A failure names the destination, never the temporary file.
    let out = mtpe(dir.path())
        .args([
            "glossary",
            "export",
            "-o",
            "/proc/mtpe-export.tsv",
            "--glossary",
        ])
        .arg(&g)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("cannot write /proc/mtpe-export.tsv"), "{err}");
    assert!(!err.contains(".tmp"), "{err}");
    let missing = dir.path().join("no/such/dir/g.tsv");
    mtpe(dir.path())
        .args(["glossary", "export", "-o"])
        .arg(&missing)
        .arg("--glossary")
        .arg(&g)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no directory"));
}

#[test]
fn terms_with_the_cell_separator_are_refused_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let g = empty_glossary(dir.path());
    let refused = |args: &[&str], says: &str| {
        mtpe(dir.path())
            .args(args)
            .arg("--glossary")
            .arg(&g)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(says))
            .stderr(predicate::str::contains("separates terms"));
    };
    refused(
        &[
            "glossary",
            "add",
            "--source",
            "a|b",
            "--target",
            "pipe term",
        ],
        "the source term \u{201c}a|b\u{201d} contains `|`",
    );
    refused(
        &["glossary", "add", "--target", "pipe | term"],
        "the term \u{201c}pipe | term\u{201d}",
    );
    mtpe(dir.path())
        .args(["glossary", "add", "--source", "ab", "--target", "pipe term"])
        .arg("--glossary")
        .arg(&g)
        .assert()
        .success();
    refused(&["glossary", "edit", "1", "--admitted", "x|y"], "x|y");
    refused(&["glossary", "edit", "1", "--target", "x|y"], "x|y");
    let tbx = dir.path().join("pipe.tbx");
    std::fs::write(
        &tbx,
        "<tbx xml:lang=\"en\"><text><body>\n<conceptEntry><langSec xml:lang=\"en\"><termSec><term>a|b</term></termSec></langSec></conceptEntry>\n</body></text></tbx>\n",
    )
    .unwrap();
    refused(
        &["glossary", "import", tbx.to_str().unwrap()],
        "pipe.tbx:2: in this concept, the term \u{201c}a|b\u{201d}",
    );
    // What is stored exports and imports back unchanged.
    let (a, b) = round_trip(dir.path(), &g, "tsv", "pipe");
    assert_eq!(a, b);
    let list = stdout(
        mtpe(dir.path())
            .args(["glossary", "list", "--format", "tsv", "--glossary"])
            .arg(&g),
    );
    assert_eq!(list.lines().count(), 2, "{list}");
}

#[test]
fn control_characters_are_refused_and_exports_stay_valid_xml() {
    let dir = tempfile::tempdir().unwrap();
    let g = empty_glossary(dir.path());
    mtpe(dir.path())
        .args(["glossary", "add", "--target", "bell", "--note", "ring\u{7}"])
        .arg("--glossary")
        .arg(&g)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "the note contains the control character U+0007",
        ));
    mtpe(dir.path())
        .args(["glossary", "add", "--target", "esc\u{1b}ape"])
        .arg("--glossary")
        .arg(&g)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("U+001B"));
    let tsv = dir.path().join("bell.tsv");
    std::fs::write(&tsv, "source\ttarget\tnote\na\tb\tfine\nc\td\u{7}\tx\n").unwrap();
    mtpe(dir.path())
        .args(["glossary", "import"])
        .arg(&tsv)
        .arg("--glossary")
        .arg(&g)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bell.tsv:3:"))
        .stderr(predicate::str::contains("U+0007"));
    let tbx = dir.path().join("bell.tbx");
    std::fs::write(
        &tbx,
        "<tbx xml:lang=\"en\"><text><body>\n<conceptEntry><langSec xml:lang=\"en\"><termSec><term>b&#7;</term></termSec></langSec></conceptEntry>\n</body></text></tbx>\n",
    )
    .unwrap();
    mtpe(dir.path())
        .args(["glossary", "import"])
        .arg(&tbx)
        .arg("--glossary")
        .arg(&g)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bell.tbx:2:"))
        .stderr(predicate::str::contains("U+0007"));
    // Notes keep their tabs and line breaks, through every format.
    mtpe(dir.path())
        .args([
            "glossary",
            "add",
            "--target",
            "bell",
            "--note",
            "one\ntwo\tthree",
        ])
        .arg("--glossary")
        .arg(&g)
        .assert()
        .success();
    for format in ["tsv", "csv", "tbx"] {
        let (a, b) = round_trip(dir.path(), &g, format, "notes");
        assert_eq!(a, b, "{format}");
        assert!(String::from_utf8(a).unwrap().contains("one\ntwo\tthree"));
    }
}

#[test]
fn language_tags_are_checked_and_normalised() {
    let dir = tempfile::tempdir().unwrap();
    let g = empty_glossary(dir.path());
    let run = |args: &[&str]| {
        let mut c = mtpe(dir.path());
        c.args(["glossary"]).args(args).arg("--glossary").arg(&g);
        c
    };
    run(&[
        "add",
        "--source-lang",
        "not a tag!",
        "--target-lang",
        "en_US",
        "--source",
        "a",
        "--target",
        "b",
    ])
    .assert()
    .code(2)
    .stderr(predicate::str::contains(
        "\u{201c}not a tag!\u{201d} is not a language tag",
    ));
    run(&["add", "--source-lang", "zh_CN", "--target", "q1"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("needs a --source term"));
    run(&[
        "import",
        "fixtures/glossary/two-column.csv",
        "--target-lang",
        "!!",
    ])
    .assert()
    .code(2)
    .stderr(predicate::str::contains(
        "--target-lang \u{201c}!!\u{201d} is not a language tag",
    ));
    run(&[
        "add",
        "--source-lang",
        "ZH-cn",
        "--target-lang",
        "en_us",
        "--source",
        "a",
        "--target",
        "b",
    ])
    .assert()
    .success();
    run(&["add", "--target", "only target"]).assert().success();
    run(&["edit", "2", "--source-lang", "zh"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("entry 2 is target-only"));
    run(&["edit", "1", "--target-lang", "e n"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is not a language tag"));
    run(&["edit", "1", "--source-lang", "zh_hans"])
        .assert()
        .success();
    run(&[
        "import",
        "fixtures/glossary/two-column.csv",
        "--target-lang",
        "EN_gb",
        "--source-lang",
        "zh_hant",
    ])
    .assert()
    .success();
    let tsv = stdout(&mut run(&["list", "--format", "tsv"]));
    let langs: Vec<&str> = tsv
        .lines()
        .skip(1)
        .map(|l| {
            let mut cells = l.split('\t');
            let s = cells.next().unwrap();
            let t = cells.next().unwrap();
            &l[..s.len() + 1 + t.len()]
        })
        .collect();
    assert_eq!(
        langs,
        [
            "zh-Hans\ten-US",
            "\ten",
            "zh-Hant\ten-GB",
            "zh-Hant\ten-GB",
            "zh-Hant\ten-GB"
        ]
    );
    // Tags in files are checked too, naming the line.
    let bad = dir.path().join("bad.tsv");
    std::fs::write(
        &bad,
        "source_lang\ttarget_lang\tsource\ttarget\nzh\ten\ta\tb\nzh\tEN US\tc\td\n",
    )
    .unwrap();
    run(&["import", bad.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.tsv:3:"))
        .stderr(predicate::str::contains(
            "\u{201c}EN US\u{201d} is not a language tag",
        ));
}

#[test]
fn skipped_rows_are_named_by_line() {
    let dir = tempfile::tempdir().unwrap();
    let g = empty_glossary(dir.path());
    let file = dir.path().join("gaps.csv");
    std::fs::write(
        &file,
        "source,target,note\na,b,ok\nc,,empty target\n\"d\ne\",,quoted line break\nf\n",
    )
    .unwrap();
    mtpe(dir.path())
        .args(["glossary", "import"])
        .arg(&file)
        .arg("--glossary")
        .arg(&g)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "1 added, 0 updated, 0 unchanged, 3 skipped (no target term on lines 3, 4, 6)",
        ));
}

#[test]
fn edit_without_changes_leaves_the_entry_alone() {
    let dir = tempfile::tempdir().unwrap();
    let g = empty_glossary(dir.path());
    let run = |args: &[&str]| {
        let mut c = mtpe(dir.path());
        c.args(["glossary"]).args(args).arg("--glossary").arg(&g);
        c
    };
    run(&["add", "--target", "cyberpower", "--note", "n"])
        .assert()
        .success();
    let before = stdout(&mut run(&["show", "1", "--format", "json"]));
    std::thread::sleep(std::time::Duration::from_millis(1100));
    for args in [&["edit", "1"][..], &["edit", "1", "--note", "n"][..]] {
        run(args)
            .assert()
            .success()
            .stdout("entry 1: nothing to change\n");
    }
    assert_eq!(stdout(&mut run(&["show", "1", "--format", "json"])), before);
    run(&["edit", "1", "--note", "m"])
        .assert()
        .success()
        .stdout("updated entry 1\n");
}

#[test]
fn a_closed_pipe_ends_a_listing_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let g = dir.path().join("g.sqlite");
    mtpe(dir.path())
        .args(["glossary", "init"])
        .arg(&g)
        .assert()
        .success();
    let bin = util::MTPE;
    for command in [
        "stats",
        "list",
        "export",
        "export --format tbx",
        "list --format json",
    ] {
        // The reader is gone before mtpe writes.
        let script = format!(
            "(sleep 0.3; '{}' glossary {command} --glossary '{}') | true",
            bin,
            g.display()
        );
        let mut sh = std::process::Command::new("sh");
        util::hermetic(&mut sh, dir.path());
        let out = sh.args(["-c", &script]).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.is_empty(), "{command}: {err}");
    }
}

#[test]
fn an_empty_file_is_not_a_glossary_and_init_makes_it_one() {
    let dir = tempfile::tempdir().unwrap();
    let g = dir.path().join("empty.sqlite");
    std::fs::write(&g, b"").unwrap();
    for args in [&["list"][..], &["add", "--target", "x"][..], &["stats"][..]] {
        mtpe(dir.path())
            .arg("glossary")
            .args(args)
            .arg("--glossary")
            .arg(&g)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("an empty file, not a glossary"))
            .stderr(predicate::str::contains("mtpe glossary init"));
        assert_eq!(std::fs::metadata(&g).unwrap().len(), 0, "{args:?} wrote");
    }
    mtpe(dir.path())
        .args(["glossary", "init", "--empty"])
        .arg(&g)
        .assert()
        .success()
        .stdout(predicate::str::contains("with 0 entries"));
    mtpe(dir.path())
        .args(["glossary", "add", "--target", "x", "--glossary"])
        .arg(&g)
        .assert()
        .success();
}

/// Makes `dir` and `file` unwritable for this process (`chattr +i` as root, whom
/// permissions do not stop; `chmod` otherwise) and undoes it when dropped.
struct Unwritable<'a> {
    dir: &'a Path,
    file: &'a Path,
    chattr: bool,
}

impl<'a> Unwritable<'a> {
    fn new(dir: &'a Path, file: &'a Path) -> Option<Self> {
        use std::os::unix::fs::PermissionsExt;
        let chattr = std::process::Command::new("chattr")
            .arg("+i")
            .arg(file)
            .arg(dir)
            .status()
            .is_ok_and(|s| s.success());
        if !chattr {
            std::fs::set_permissions(file, std::fs::Permissions::from_mode(0o444)).ok()?;
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o555)).ok()?;
        }
        let guard = Unwritable { dir, file, chattr };
        let probe = dir.join("probe");
        if std::fs::write(&probe, b"x").is_ok() {
            let _ = std::fs::remove_file(probe);
            return None;
        }
        Some(guard)
    }
}

impl Drop for Unwritable<'_> {
    fn drop(&mut self) {
        use std::os::unix::fs::PermissionsExt;
        if self.chattr {
            let _ = std::process::Command::new("chattr")
                .arg("-i")
                .arg(self.file)
                .arg(self.dir)
                .status();
        } else {
            let _ = std::fs::set_permissions(self.dir, std::fs::Permissions::from_mode(0o755));
            let _ = std::fs::set_permissions(self.file, std::fs::Permissions::from_mode(0o644));
        }
    }
}

#[test]
fn a_read_only_glossary_is_used_for_checking_and_not_changed() {
    let home = tempfile::tempdir().unwrap();
    let shared = home.path().join("shared");
    std::fs::create_dir(&shared).unwrap();
    let g = shared.join("team.sqlite");
    mtpe(home.path())
        .args(["glossary", "init"])
        .arg(&g)
        .assert()
        .success();
    let before = std::fs::read(&g).unwrap();
    let Some(_unwritable) = Unwritable::new(&shared, &g) else {
        eprintln!("skipped: cannot make a folder unwritable here");
        return;
    };
    let article = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/cyberspace-review.mt.txt"
    );
    mtpe(home.path())
        .args(["check", "--format", "json", "--glossary"])
        .arg(&g)
        .arg(article)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("terminology.deprecated"));
    mtpe(home.path())
        .args(["glossary", "list", "--format", "tsv", "--glossary"])
        .arg(&g)
        .assert()
        .success();
    mtpe(home.path())
        .args([
            "glossary",
            "add",
            "--target",
            "cyberpower",
            "--deprecated",
            "net power",
        ])
        .arg("--glossary")
        .arg(&g)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("read-only").and(predicate::str::contains("team.sqlite")));
    assert_eq!(std::fs::read(&g).unwrap(), before);
}

#[test]
fn add_and_import_share_one_default_pair_case_variants_and_tsv_stats() {
    let dir = tempfile::tempdir().unwrap();
    let g = empty_glossary(dir.path());
    let run = |args: &[&str]| {
        let mut cmd = mtpe(dir.path());
        cmd.args(args).arg("--glossary").arg(&g);
        cmd
    };
    // Terms of one entry that differ only in case: both kept, both case-sensitive.
    run(&[
        "glossary",
        "add",
        "--source",
        "数字中国",
        "--target",
        "Digital China",
        "--deprecated",
        "digital China # lower-case d",
    ])
    .assert()
    .success();
    let json = stdout(&mut run(&["glossary", "show", "1", "--format", "json"]));
    let entry: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(entry["source_lang"], "zh");
    assert_eq!(entry["terms"][1]["text"], "digital China");
    assert!(
        entry["terms"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["case_sensitive"] == true),
        "{json}"
    );
    // A file that names no languages gets the pair `add` defaults to.
    let tsv = dir.path().join("plain.tsv");
    std::fs::write(&tsv, "source\ttarget\n网络强国\tcyberpower\n").unwrap();
    run(&["glossary", "import"])
        .arg(&tsv)
        .assert()
        .success()
        .stderr(predicate::str::contains("assumed zh \u{2192} en"));
    let stats = stdout(&mut run(&["glossary", "stats", "--format", "tsv"]));
    assert_eq!(
        stats,
        "statistic\tsource_lang\ttarget_lang\tdomain\tcount\n\
         entries\t\t\t\t2\n\
         source_terms\t\t\t\t2\n\
         preferred_terms\t\t\t\t2\n\
         admitted_terms\t\t\t\t0\n\
         deprecated_terms\t\t\t\t1\n\
         language_pair\tzh\ten\t\t2\n\
         domain\t\t\t\t2\n"
    );
}
